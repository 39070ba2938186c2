// SPDX-License-Identifier: GPL-2.0-only
/*
 * hb_sd_ts.c - the three ICs the guest kernel answers by itself, in its channel callback:
 * heartbeat (periodic, seq_num + 1), shutdown (power-off / reboot / hibernate requests) and
 * timesync (SYNC / SAMPLE / PROBE messages, v3 or v4 format by negotiated service version).
 *
 * Owns only constant service tables and request builders; state lives in struct vsp_util_dev.
 * Invariants: heartbeat sequence numbers only increase (hb_next_seq); timesync host time is a
 * pure function of virtual time and the configured offset; shutdown requests always carry the
 * full 2060-byte body (short bodies only through vsp_util_send_raw).
 *
 * Findings: UTIL-HB-001 (wrong seq_num or no answer), UTIL-SD-001..004 (status for the
 * flags sent, or no answer), UTIL-SD-005 (channel closed before a power action was answered),
 * UTIL-TS-004 (sample not answered).
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define V(a, b) VSP_IC_VER(a, b)

static uint64_t inkernel_deadline(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t arg)
{
    return VSP_UTIL_DEADLINE_NS_DEFAULT;
}

/* ------------------------------------------------------------------ heartbeat */

int vsp_hb_send(struct vsp_util_dev *d)
{
    if (d->svc != VSP_UTIL_HEARTBEAT)
        return VSP_UTIL_ENOTREADY;
    struct vsp_ic_heartbeat hb;
    memset(&hb, 0, sizeof(hb));
    hb.seq_num = d->hb_next_seq;
    int rc = util_request(d, VSP_IC_MSG_HEARTBEAT, &hb, sizeof(hb), hb.seq_num, "seq=%llu",
                          (unsigned long long)hb.seq_num);
    if (rc == 0)
        d->hb_next_seq++;
    return rc;
}

static uint64_t hb_deadline(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t arg)
{
    /* A heartbeat is due before the next one leaves. */
    return msgtype == VSP_IC_MSG_HEARTBEAT ? d->p.period_ns : VSP_UTIL_DEADLINE_NS_DEFAULT;
}

static const char *hb_timeout_rule(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t arg)
{
    return msgtype == VSP_IC_MSG_NEGOTIATE ? UTIL_NEGO_TIMEOUT_RULE : "UTIL-HB-001";
}

static void hb_response(struct vsp_util_dev *d, const struct vsp_util_pending *p,
                        const uint8_t *buf, uint32_t len, const struct vsp_ic_msg_hdr *h,
                        struct util_verdict *v)
{
    uint64_t seq;
    memcpy(&seq, buf + VSP_IC_HDR_BYTES, sizeof(seq));
    util_detail(v, "seq=%llu", (unsigned long long)seq);
    d->st.hb_last_seq = seq;
    if (seq != p->arg + 1)
        util_fail(v, "UTIL-HB-001", "tx=%llu seq_num=%llu, expected %llu",
                  (unsigned long long)p->txid, (unsigned long long)seq,
                  (unsigned long long)(p->arg + 1));
}

static void hb_ready(struct vsp_util_dev *d)
{
    util_arm_period(d);
}

static void hb_period(struct vsp_util_dev *d)
{
    vsp_hb_send(d);
}

const struct util_svc util_svc_heartbeat = {
    .name = "heartbeat",
    .msgtype = VSP_IC_MSG_HEARTBEAT,
    .fw_default = { V(1, 0), V(3, 0) },
    .nr_fw_default = 2,
    .srv_default = { V(1, 0), V(3, 0) },
    .nr_srv_default = 2,
    .fw_guest = { V(3, 0), V(1, 0) },
    .nr_fw_guest = 2,
    .srv_guest = { V(3, 0), V(1, 0) },
    .nr_srv_guest = 2,
    .max_pending_default = 8,
    .unknown_type_answered = true,
    .deadline = hb_deadline,
    .timeout_rule = hb_timeout_rule,
    .on_response = hb_response,
    .on_ready = hb_ready,
    .on_period = hb_period,
    .period_ns_default = VSP_UTIL_HB_PERIOD_NS_DEFAULT,
};

/* ------------------------------------------------------------------ shutdown */

int vsp_shutdown_request_flags(struct vsp_util_dev *d, uint32_t flags, uint32_t reason,
                               uint32_t timeout_s)
{
    if (d->svc != VSP_UTIL_SHUTDOWN)
        return VSP_UTIL_ENOTREADY;
    struct vsp_ic_shutdown sd;
    memset(&sd, 0, sizeof(sd));
    sd.reason_code = reason;
    sd.timeout_seconds = timeout_s;
    sd.flags = flags;
    snprintf((char *)sd.display_message, sizeof(sd.display_message), "hvsim host request %u",
             flags);
    return util_request(d, VSP_IC_MSG_SHUTDOWN, &sd, sizeof(sd), flags,
                        "flags=%u reason=%#x timeout_s=%u", flags, reason, timeout_s);
}

int vsp_shutdown_request(struct vsp_util_dev *d, enum vsp_shutdown_kind kind)
{
    return vsp_shutdown_request_flags(d, (uint32_t)kind, VSP_SD_REASON_PLANNED, 30);
}

/* Rule that governs the answer to these flags. */
static const char *sd_rule(uint64_t flags)
{
    if (flags <= 1)
        return "UTIL-SD-001";
    if (flags <= 3)
        return "UTIL-SD-002";
    if (flags <= 5)
        return "UTIL-SD-003";
    return "UTIL-SD-004";
}

static const char *sd_timeout_rule(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t arg)
{
    return msgtype == VSP_IC_MSG_NEGOTIATE ? UTIL_NEGO_TIMEOUT_RULE : sd_rule(arg);
}

/* Does the guest start a power action for these flags (as far as the host knows)? */
static bool sd_acts(const struct vsp_util_dev *d, uint64_t flags)
{
    return flags <= 3 || (flags <= 5 && d->p.hibernate == VSP_UTIL_YES);
}

static void sd_response(struct vsp_util_dev *d, const struct vsp_util_pending *p,
                        const uint8_t *buf, uint32_t len, const struct vsp_ic_msg_hdr *h,
                        struct util_verdict *v)
{
    uint32_t st = h->ic.status;
    bool ok;
    util_detail(v, "flags=%llu", (unsigned long long)p->arg);
    if (p->arg <= 3)
        ok = st == VSP_IC_S_OK;
    else if (p->arg <= 5 && d->p.hibernate == VSP_UTIL_YES)
        ok = st == VSP_IC_S_OK;
    else if (p->arg <= 5 && d->p.hibernate == VSP_UTIL_NO)
        ok = st == VSP_IC_E_FAIL;
    else if (p->arg <= 5)
        ok = st == VSP_IC_S_OK || st == VSP_IC_E_FAIL;
    else
        ok = st == VSP_IC_E_FAIL;
    if (!ok)
        util_fail(v, sd_rule(p->arg), "tx=%llu shutdown flags=%llu answered status=%#x",
                  (unsigned long long)p->txid, (unsigned long long)p->arg, st);
}

static void sd_abandon(struct vsp_util_dev *d, const struct vsp_util_pending *p)
{
    if (p->msgtype == VSP_IC_MSG_SHUTDOWN && sd_acts(d, p->arg))
        util_finding(d, "UTIL-SD-005", "tx=%llu channel closed before the shutdown request "
                     "(flags=%llu) was answered", (unsigned long long)p->txid,
                     (unsigned long long)p->arg);
}

const struct util_svc util_svc_shutdown = {
    .name = "shutdown",
    .msgtype = VSP_IC_MSG_SHUTDOWN,
    .fw_default = { V(1, 0), V(3, 0) },
    .nr_fw_default = 2,
    .srv_default = { V(1, 0), V(3, 0), V(3, 1), V(3, 2) },
    .nr_srv_default = 4,
    .fw_guest = { V(3, 0), V(1, 0) },
    .nr_fw_guest = 2,
    .srv_guest = { V(3, 2), V(3, 1), V(3, 0), V(1, 0) },
    .nr_srv_guest = 4,
    .max_pending_default = 8,
    .unknown_type_answered = true,
    .deadline = inkernel_deadline,
    .timeout_rule = sd_timeout_rule,
    .on_response = sd_response,
    .on_abandon = sd_abandon,
};

/* ------------------------------------------------------------------ timesync */

uint64_t vsp_timesync_host_time(const struct vsp_util_dev *d, uint64_t now_ns)
{
    int64_t unix_ns = (int64_t)(d->p.unix_at_zero_ns + now_ns) + d->p.time_offset_ns;
    assert(unix_ns >= 0);
    return VSP_TS_WLTIMEDELTA + (uint64_t)unix_ns / 100u;
}

int vsp_timesync_send(struct vsp_util_dev *d, uint8_t flags)
{
    if (d->svc != VSP_UTIL_TIMESYNC)
        return VSP_UTIL_ENOTREADY;
    /* Not READY: st.srv is 0 and util_request refuses (and traces) whatever we build. */
    uint64_t now = util_now(d);
    uint64_t host = vsp_timesync_host_time(d, now);
    uint64_t ref = now / 100u; /* partition reference counter: 100 ns since virtual 0 */
    if (d->st.srv > VSP_IC_VER(3, 0)) {
        struct vsp_ic_timesync_v4 m;
        memset(&m, 0, sizeof(m));
        m.parenttime = host;
        m.vmreferencetime = ref;
        m.flags = flags;
        return util_request(d, VSP_IC_MSG_TIMESYNC, &m, sizeof(m), flags,
                            "flags=%u fmt=v4 parenttime=%llu reftime=%llu", flags,
                            (unsigned long long)host, (unsigned long long)ref);
    }
    struct vsp_ic_timesync_v3 m;
    memset(&m, 0, sizeof(m));
    m.parenttime = host;
    m.flags = flags;
    return util_request(d, VSP_IC_MSG_TIMESYNC, &m, sizeof(m), flags,
                        "flags=%u fmt=v3 parenttime=%llu", flags, (unsigned long long)host);
}

static const char *ts_timeout_rule(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t arg)
{
    return msgtype == VSP_IC_MSG_NEGOTIATE ? UTIL_NEGO_TIMEOUT_RULE : "UTIL-TS-004";
}

static void ts_response(struct vsp_util_dev *d, const struct vsp_util_pending *p,
                        const uint8_t *buf, uint32_t len, const struct vsp_ic_msg_hdr *h,
                        struct util_verdict *v)
{
    util_detail(v, "flags=%llu", (unsigned long long)p->arg);
}

static void ts_ready(struct vsp_util_dev *d)
{
    if (!d->p.no_initial_sync)
        vsp_timesync_send(d, VSP_TS_FLAG_SYNC);
    util_arm_period(d);
}

static void ts_period(struct vsp_util_dev *d)
{
    vsp_timesync_send(d, VSP_TS_FLAG_SAMPLE);
}

const struct util_svc util_svc_timesync = {
    .name = "timesync",
    .msgtype = VSP_IC_MSG_TIMESYNC,
    .fw_default = { V(1, 0), V(3, 0) },
    .nr_fw_default = 2,
    .srv_default = { V(1, 0), V(3, 0), V(4, 0) },
    .nr_srv_default = 3,
    .fw_guest = { V(3, 0), V(1, 0) },
    .nr_fw_guest = 2,
    .srv_guest = { V(4, 0), V(3, 0), V(1, 0) },
    .nr_srv_guest = 3,
    .max_pending_default = 8,
    .unknown_type_answered = true,
    .deadline = inkernel_deadline,
    .timeout_rule = ts_timeout_rule,
    .on_response = ts_response,
    .on_ready = ts_ready,
    .on_period = ts_period,
    .period_ns_default = VSP_UTIL_TS_PERIOD_NS_DEFAULT,
};
