// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvp.c - the KVP (key-value pair) IC: GET, SET, DELETE, ENUMERATE, GET_IP_INFO, SET_IP_INFO
 * requests with UTF-16LE keys and values, and the judgement of the guest's answers.
 *
 * Owns: request building and answer decoding (the last answer is kept in d->kvp_last).
 * Invariants: keys/values on the wire are UTF-16LE with sizes in bytes that include the
 * terminator; GET/SET/DELETE/ENUMERATE bodies are always the full hv_kvp_msg (7430 bytes) and
 * IP bodies the full hv_kvp_ip_msg (7428), so the guest can write its answer in place.
 *
 * The guest forwards KVP requests to a user-space daemon; without one it does not read the
 * channel at all (not even NEGOTIATE). Only a stated expectation (params.daemon) turns
 * silence or answers into findings: UTIL-KVP-001 (answered although no daemon), UTIL-KVP-002
 * (daemon present but no answer within 30 s), UTIL-KVP-004 (GET/ENUMERATE answer encoding).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define V(a, b) VSP_IC_VER(a, b)
#define KEY_UNITS (VSP_KVP_MAX_KEY_BYTES / 2u)
#define VALUE_UNITS (VSP_KVP_MAX_VALUE_BYTES / 2u)
#define TRACE_STR 64u /* string bytes shown in a trace body */

static uint64_t kvp_arg(uint32_t op, uint32_t pool, uint32_t index)
{
    return (uint64_t)op | ((uint64_t)pool << 8) | ((uint64_t)index << 16);
}

static int send_kvp(struct vsp_util_dev *d, const void *body, uint32_t len, uint32_t op,
                    uint32_t pool, uint32_t index, const char *key, const char *value)
{
    char k[TRACE_STR * 3 + 1], v[TRACE_STR * 3 + 1];
    vsp_util_escape(key, TRACE_STR, k, sizeof(k));
    vsp_util_escape(value, TRACE_STR, v, sizeof(v));
    return util_request(d, VSP_IC_MSG_KVPEXCHANGE, body, len, kvp_arg(op, pool, index),
                        "op=%u pool=%u index=%u key=\"%s\" value=\"%s\"", op, pool, index, k, v);
}

/* Encode s into a UTF-16 field; *size_bytes gets 2 * (units + 1). */
static int put_str(const char *s, void *field, uint32_t cap_units, uint32_t *size_bytes)
{
    int n = vsp_utf16_encode(s, field, cap_units);
    if (n < 0)
        return -1;
    if (size_bytes)
        *size_bytes = 2u * ((uint32_t)n + 1u);
    return 0;
}

static int kvp_ip_request(struct vsp_util_dev *d, enum vsp_kvp_op op, uint8_t pool,
                          const char *adapter, const char *addr)
{
    static struct vsp_kvp_ip_msg m; /* 7 KiB: not on the stack; one thread, not reentrant */
    memset(&m, 0, sizeof(m));
    m.operation = (uint8_t)op;
    m.pool = pool;
    m.ip.addr_family = VSP_KVP_ADDR_FAMILY_IPV4;
    if (put_str(adapter, m.ip.adapter_id, VSP_KVP_ADAPTER_ID_UNITS, NULL) != 0 ||
        put_str(op == VSP_KVP_OP_SET_IP_INFO ? addr : "", m.ip.ip_addr, VSP_KVP_IP_ADDR_UNITS,
                NULL) != 0)
        return VSP_UTIL_EINVAL;
    return send_kvp(d, &m, sizeof(m), op, pool, 0, adapter, addr);
}

int vsp_kvp_request(struct vsp_util_dev *d, enum vsp_kvp_op op, uint8_t pool, const char *key,
                    const char *value)
{
    static struct vsp_kvp_msg m;
    if (d->svc != VSP_UTIL_KVP)
        return VSP_UTIL_ENOTREADY;
    if ((unsigned)op >= VSP_KVP_OP_COUNT || op == VSP_KVP_OP_ENUMERATE ||
        pool >= VSP_KVP_POOL_COUNT)
        return VSP_UTIL_EINVAL;
    if (op == VSP_KVP_OP_GET_IP_INFO || op == VSP_KVP_OP_SET_IP_INFO)
        return kvp_ip_request(d, op, pool, key, value);
    memset(&m, 0, sizeof(m));
    m.hdr.operation = (uint8_t)op;
    m.hdr.pool = pool;
    int rc = 0;
    if (op == VSP_KVP_OP_DELETE) {
        uint32_t ks = 0;
        rc = put_str(key, m.body.del.key, KEY_UNITS, &ks);
        m.body.del.key_size = ks;
    } else {
        struct vsp_kvp_value *kv = &m.body.get_set;
        uint32_t ks = 0, vs = 0;
        kv->value_type = VSP_KVP_REG_SZ;
        rc = put_str(key, kv->key, KEY_UNITS, &ks);
        if (rc == 0 && op == VSP_KVP_OP_SET)
            rc = put_str(value, kv->value, VALUE_UNITS, &vs);
        kv->key_size = ks;
        kv->value_size = vs;
    }
    if (rc != 0)
        return VSP_UTIL_EINVAL;
    return send_kvp(d, &m, sizeof(m), op, pool, 0, key, op == VSP_KVP_OP_SET ? value : "");
}

int vsp_kvp_enumerate(struct vsp_util_dev *d, uint8_t pool, uint32_t index)
{
    static struct vsp_kvp_msg m;
    if (d->svc != VSP_UTIL_KVP)
        return VSP_UTIL_ENOTREADY;
    if (pool >= VSP_KVP_POOL_COUNT || index > 0xffffu)
        return VSP_UTIL_EINVAL;
    memset(&m, 0, sizeof(m));
    m.hdr.operation = VSP_KVP_OP_ENUMERATE;
    m.hdr.pool = pool;
    m.body.enumerate.index = index;
    return send_kvp(d, &m, sizeof(m), VSP_KVP_OP_ENUMERATE, pool, index, "", "");
}

const struct vsp_kvp_result *vsp_kvp_last(const struct vsp_util_dev *d)
{
    return &d->kvp_last;
}

/* ------------------------------------------------------------------ answers */

/* Check one UTF-16 string of an answer (UTIL-KVP-004) and decode it into out. */
static bool check_str(const uint8_t *field, uint32_t size, uint32_t max, char *out,
                      uint32_t cap)
{
    out[0] = 0;
    if (size < 2 || size > max || (size & 1u))
        return false;
    uint16_t units[VALUE_UNITS];
    memcpy(units, field, size);
    if (units[size / 2 - 1] != 0)
        return false;
    return vsp_utf16_decode(units, size / 2, out, cap) >= 0;
}

static void judge_value(struct vsp_util_dev *d, const struct vsp_util_pending *p,
                        const struct vsp_kvp_value *kv, bool key_rewritten,
                        struct util_verdict *v)
{
    struct vsp_kvp_result *r = &d->kvp_last;
    char bad[64] = "";
    r->value_type = kv->value_type;
    if (kv->value_type != VSP_KVP_REG_SZ)
        strcat(bad, "value_type,");
    if (key_rewritten && !check_str(kv->key, kv->key_size, VSP_KVP_MAX_KEY_BYTES, r->key,
                                    sizeof(r->key)))
        strcat(bad, "key,");
    if (!check_str(kv->value, kv->value_size, VSP_KVP_MAX_VALUE_BYTES, r->value,
                   sizeof(r->value)))
        strcat(bad, "value,");
    char k[TRACE_STR * 3 + 1], val[TRACE_STR * 3 + 1];
    vsp_util_escape(r->key, TRACE_STR, k, sizeof(k));
    vsp_util_escape(r->value, TRACE_STR, val, sizeof(val));
    util_detail(v, "key=\"%s\" value=\"%s\" value_type=%u key_size=%u value_size=%u", k, val,
                kv->value_type, kv->key_size, kv->value_size);
    if (bad[0])
        util_fail(v, "UTIL-KVP-004", "tx=%llu answer encoding bad=%s", (unsigned long long)p->txid,
                  bad);
}

static void kvp_response(struct vsp_util_dev *d, const struct vsp_util_pending *p,
                         const uint8_t *buf, uint32_t len, const struct vsp_ic_msg_hdr *h,
                         struct util_verdict *v)
{
    static struct vsp_kvp_msg m;
    uint32_t op = (uint32_t)(p->arg & 0xff), pool = (uint32_t)((p->arg >> 8) & 0xff);
    struct vsp_kvp_result *r = &d->kvp_last;
    memset(r, 0, sizeof(*r));
    r->valid = true;
    r->op = (uint8_t)op;
    r->pool = (uint8_t)pool;
    r->status = h->ic.status;
    util_detail(v, "op=%u pool=%u", op, pool);
    if (d->p.daemon == VSP_UTIL_DAEMON_ABSENT)
        util_fail(v, "UTIL-KVP-001", "tx=%llu answered although no daemon is registered",
                  (unsigned long long)p->txid);
    if (h->ic.status != VSP_IC_S_OK || op == VSP_KVP_OP_SET || op == VSP_KVP_OP_DELETE ||
        op >= VSP_KVP_OP_GET_IP_INFO)
        return;
    uint32_t n = len - VSP_IC_HDR_BYTES < sizeof(m) ? len - VSP_IC_HDR_BYTES : sizeof(m);
    memset(&m, 0, sizeof(m));
    memcpy(&m, buf + VSP_IC_HDR_BYTES, n);
    if (op == VSP_KVP_OP_GET)
        judge_value(d, p, &m.body.get_set, false, v);
    else
        judge_value(d, p, &m.body.enumerate.data, true, v);
}

static uint64_t kvp_deadline(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t arg)
{
    return VSP_UTIL_DAEMON_TIMEOUT_NS + VSP_UTIL_GRACE_NS;
}

static const char *kvp_timeout_rule(const struct vsp_util_dev *d, uint16_t msgtype,
                                    uint64_t arg)
{
    switch (d->p.daemon) {
    case VSP_UTIL_DAEMON_ABSENT:
        return UTIL_SILENCE_EXPECTED; /* UTIL-KVP-001: nothing is consumed */
    case VSP_UTIL_DAEMON_PRESENT:
        return "UTIL-KVP-002";
    default:
        return NULL;
    }
}

const struct util_svc util_svc_kvp = {
    .name = "kvp",
    .msgtype = VSP_IC_MSG_KVPEXCHANGE,
    .fw_default = { V(1, 0), V(3, 0) },
    .nr_fw_default = 2,
    .srv_default = { V(1, 0), V(3, 0), V(4, 0) },
    .nr_srv_default = 3,
    .fw_guest = { V(3, 0), V(1, 0) },
    .nr_fw_guest = 2,
    .srv_guest = { V(4, 0), V(3, 0), V(1, 0) },
    .nr_srv_guest = 3,
    .max_pending_default = 1, /* the host serialises KVP transactions (UTIL-KVP-003) */
    .unknown_type_answered = false,
    .deadline = kvp_deadline,
    .timeout_rule = kvp_timeout_rule,
    .on_response = kvp_response,
};
