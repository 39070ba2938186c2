// SPDX-License-Identifier: GPL-2.0-only
/*
 * vss_fcopy.c - the backup (VSS) and file-copy (fcopy) ICs. Both forward their requests to a
 * guest user-space daemon and answer E_FAIL without one (VSS only for FREEZE / THAW /
 * HOT_BACKUP; the other VSS operations are answered by the kernel itself).
 *
 * Owns: request builders and answer checks. Invariants: one transaction at a time by default
 * (max_pending 1, as the host serialises them); fcopy WRITE_TO_FILE bodies are always the
 * full hv_do_fcopy (6196 bytes) with size <= 6144.
 *
 * Findings: UTIL-VSS-002 (no daemon but FREEZE/THAW/HOT_BACKUP not failed, or not answered),
 * UTIL-VSS-003 (daemon operation not answered within 15 min / 30 s), UTIL-VSS-004 (HOT_BACKUP
 * flags, GET_DM_INFO flags, kernel-answered operations not successful), UTIL-FC-001 (no daemon
 * but not E_FAIL), UTIL-FC-002 (not answered within 30 s).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define V(a, b) VSP_IC_VER(a, b)

static const char *const vss_op_names[VSP_VSS_OP_COUNT] = {
    "create", "delete", "hot_backup", "get_dm_info", "bu_complete", "freeze", "thaw",
    "auto_recover",
};

static bool vss_daemon_op(uint64_t op)
{
    return op == VSP_VSS_OP_FREEZE || op == VSP_VSS_OP_THAW || op == VSP_VSS_OP_HOT_BACKUP;
}

int vsp_vss_request(struct vsp_util_dev *d, enum vsp_vss_op op)
{
    if (d->svc != VSP_UTIL_VSS)
        return VSP_UTIL_ENOTREADY;
    if ((unsigned)op >= VSP_VSS_OP_COUNT)
        return VSP_UTIL_EINVAL;
    struct vsp_vss_msg m;
    memset(&m, 0, sizeof(m));
    m.operation = (uint8_t)op;
    return util_request(d, VSP_IC_MSG_VSS, &m, sizeof(m), (uint64_t)op, "op=%u name=%s",
                        (unsigned)op, vss_op_names[op]);
}

static uint64_t vss_deadline(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t op)
{
    if (msgtype != VSP_IC_MSG_VSS || !vss_daemon_op(op) || d->p.daemon == VSP_UTIL_DAEMON_ABSENT)
        return VSP_UTIL_DEADLINE_NS_DEFAULT;
    if (op == VSP_VSS_OP_FREEZE)
        return VSP_UTIL_FREEZE_TIMEOUT_NS + VSP_UTIL_GRACE_NS;
    return VSP_UTIL_DAEMON_TIMEOUT_NS + VSP_UTIL_GRACE_NS;
}

static const char *vss_timeout_rule(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t op)
{
    if (msgtype == VSP_IC_MSG_NEGOTIATE)
        return UTIL_NEGO_TIMEOUT_RULE; /* answered even without a daemon */
    if (!vss_daemon_op(op))
        return "UTIL-VSS-004";
    return d->p.daemon == VSP_UTIL_DAEMON_ABSENT ? "UTIL-VSS-002" : "UTIL-VSS-003";
}

static void vss_response(struct vsp_util_dev *d, const struct vsp_util_pending *p,
                         const uint8_t *buf, uint32_t len, const struct vsp_ic_msg_hdr *h,
                         struct util_verdict *v)
{
    struct vsp_vss_msg m;
    memcpy(&m, buf + VSP_IC_HDR_BYTES, sizeof(m));
    uint32_t st = h->ic.status;
    unsigned long long tx = (unsigned long long)p->txid;
    util_detail(v, "op=%llu vss_flags=%u", (unsigned long long)p->arg, m.flags);
    if (vss_daemon_op(p->arg) && d->p.daemon == VSP_UTIL_DAEMON_ABSENT) {
        if (st != VSP_IC_E_FAIL)
            util_fail(v, "UTIL-VSS-002", "tx=%llu op=%llu without daemon answered status=%#x",
                      tx, (unsigned long long)p->arg, st);
        return;
    }
    if (p->arg == VSP_VSS_OP_HOT_BACKUP && st == VSP_IC_S_OK &&
        m.flags != VSP_VSS_HBU_NO_AUTO_RECOVERY)
        util_fail(v, "UTIL-VSS-004", "tx=%llu HOT_BACKUP flags=%u (expected 5)", tx, m.flags);
    if (!vss_daemon_op(p->arg) && st != VSP_IC_S_OK)
        util_fail(v, "UTIL-VSS-004", "tx=%llu op=%llu answered status=%#x (expected success)",
                  tx, (unsigned long long)p->arg, st);
    if (p->arg == VSP_VSS_OP_GET_DM_INFO && m.flags != 0)
        util_fail(v, "UTIL-VSS-004", "tx=%llu GET_DM_INFO flags=%u (expected 0)", tx, m.flags);
}

const struct util_svc util_svc_vss = {
    .name = "vss",
    .msgtype = VSP_IC_MSG_VSS,
    .fw_default = { V(1, 0), V(3, 0) },
    .nr_fw_default = 2,
    .srv_default = { V(5, 0) },
    .nr_srv_default = 1,
    .fw_guest = { V(3, 0) },
    .nr_fw_guest = 1,
    .srv_guest = { V(5, 0) },
    .nr_srv_guest = 1,
    .max_pending_default = 1,
    .unknown_type_answered = false,
    .deadline = vss_deadline,
    .timeout_rule = vss_timeout_rule,
    .on_response = vss_response,
};

/* ------------------------------------------------------------------ fcopy */

static int send_fcopy(struct vsp_util_dev *d, const void *body, uint32_t len, uint32_t op,
                      const char *detail)
{
    return util_request(d, VSP_IC_MSG_FCOPY, body, len, op, "op=%u%s", op, detail);
}

int vsp_fcopy_start(struct vsp_util_dev *d, const char *file_name, const char *path_name,
                    uint32_t copy_flags, uint64_t file_size)
{
    if (d->svc != VSP_UTIL_FCOPY)
        return VSP_UTIL_ENOTREADY;
    struct vsp_fcopy_start m;
    memset(&m, 0, sizeof(m));
    m.hdr.operation = VSP_FCOPY_START;
    if (vsp_utf16_encode(file_name, m.file_name, VSP_FCOPY_MAX_PATH) < 0 ||
        vsp_utf16_encode(path_name, m.path_name, VSP_FCOPY_MAX_PATH) < 0)
        return VSP_UTIL_EINVAL;
    m.copy_flags = copy_flags;
    m.file_size = file_size;
    char f[3 * 64 + 1], p[3 * 64 + 1], detail[512];
    vsp_util_escape(file_name, 64, f, sizeof(f));
    vsp_util_escape(path_name, 64, p, sizeof(p));
    snprintf(detail, sizeof(detail), " file=\"%s\" path=\"%s\" copy_flags=%u size=%llu", f, p,
             copy_flags, (unsigned long long)file_size);
    return send_fcopy(d, &m, sizeof(m), VSP_FCOPY_START, detail);
}

int vsp_fcopy_write(struct vsp_util_dev *d, uint64_t offset, const void *data, uint32_t len)
{
    static struct vsp_fcopy_write m; /* 6 KiB: not on the stack; one thread */
    if (d->svc != VSP_UTIL_FCOPY)
        return VSP_UTIL_ENOTREADY;
    if (len > VSP_FCOPY_DATA_FRAGMENT || (len && !data))
        return VSP_UTIL_EINVAL;
    memset(&m, 0, sizeof(m));
    m.hdr.operation = VSP_FCOPY_WRITE;
    m.offset = offset;
    m.size = len;
    if (len)
        memcpy(m.data, data, len);
    char detail[64];
    snprintf(detail, sizeof(detail), " offset=%llu size=%u", (unsigned long long)offset, len);
    return send_fcopy(d, &m, sizeof(m), VSP_FCOPY_WRITE, detail);
}

static int fcopy_simple(struct vsp_util_dev *d, uint32_t op)
{
    if (d->svc != VSP_UTIL_FCOPY)
        return VSP_UTIL_ENOTREADY;
    struct vsp_fcopy_hdr m;
    memset(&m, 0, sizeof(m));
    m.operation = op;
    return send_fcopy(d, &m, sizeof(m), op, "");
}

int vsp_fcopy_complete(struct vsp_util_dev *d)
{
    return fcopy_simple(d, VSP_FCOPY_COMPLETE);
}

int vsp_fcopy_cancel(struct vsp_util_dev *d)
{
    return fcopy_simple(d, VSP_FCOPY_CANCEL);
}

static uint64_t fcopy_deadline(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t op)
{
    if (msgtype != VSP_IC_MSG_FCOPY || d->p.daemon == VSP_UTIL_DAEMON_ABSENT)
        return VSP_UTIL_DEADLINE_NS_DEFAULT;
    return VSP_UTIL_DAEMON_TIMEOUT_NS + VSP_UTIL_GRACE_NS;
}

static const char *fcopy_timeout_rule(const struct vsp_util_dev *d, uint16_t msgtype,
                                      uint64_t op)
{
    if (msgtype == VSP_IC_MSG_NEGOTIATE)
        return UTIL_NEGO_TIMEOUT_RULE;
    return d->p.daemon == VSP_UTIL_DAEMON_ABSENT ? "UTIL-FC-001" : "UTIL-FC-002";
}

static void fcopy_response(struct vsp_util_dev *d, const struct vsp_util_pending *p,
                           const uint8_t *buf, uint32_t len, const struct vsp_ic_msg_hdr *h,
                           struct util_verdict *v)
{
    util_detail(v, "op=%llu", (unsigned long long)p->arg);
    if (d->p.daemon == VSP_UTIL_DAEMON_ABSENT && h->ic.status != VSP_IC_E_FAIL)
        util_fail(v, "UTIL-FC-001", "tx=%llu op=%llu without daemon answered status=%#x",
                  (unsigned long long)p->txid, (unsigned long long)p->arg, h->ic.status);
}

const struct util_svc util_svc_fcopy = {
    .name = "fcopy",
    .msgtype = VSP_IC_MSG_FCOPY,
    .fw_default = { V(1, 0), V(3, 0) },
    .nr_fw_default = 2,
    .srv_default = { V(1, 1) },
    .nr_srv_default = 1,
    .fw_guest = { V(3, 0) },
    .nr_fw_guest = 1,
    .srv_guest = { V(1, 1) },
    .nr_srv_guest = 1,
    .max_pending_default = 1,
    .unknown_type_answered = false,
    .deadline = fcopy_deadline,
    .timeout_rule = fcopy_timeout_rule,
    .on_response = fcopy_response,
};
