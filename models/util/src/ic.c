// SPDX-License-Identifier: GPL-2.0-only
/*
 * ic.c - the IC engine: one device's state machine, version negotiation (host side), the
 * table of outstanding requests with per-request deadlines in virtual time, and the matching
 * and echo checks of every guest answer.
 *
 * Owns: struct vsp_util_dev (its timers, pending table, recent-transaction ring, stats).
 *
 * State machine (one transition function, set_state):
 *   CLOSED -> OPEN (channel opened) -> NEGOTIATING (NEGOTIATE sent) -> READY (1/1 reply with
 *   offered versions) or NO_VERSION (0/0 or unusable reply); READY/NO_VERSION -> NEGOTIATING
 *   on a renegotiation; a late or second negotiate reply may move READY <-> NO_VERSION; any
 *   state -> CLOSED on close/rescind.
 *
 * Invariants:
 *   - trans ids (descriptor) are never reused on a device: next_txid only increases;
 *   - a pending slot is used iff its request was handed to the transport and neither
 *     answered, timed out nor abandoned; its deadline event is queued iff deadline_ns != 0;
 *   - at most p.max_pending (<= VSP_UTIL_MAX_PENDING) requests are outstanding;
 *   - every guest packet ends in exactly one of: matched response, finding, or late response
 *     of a transaction already reported as timed out (traced, no second finding).
 *
 * Findings raised here: UTIL-IC-001 (answer not an echo: packet type, descriptor flags,
 * length, pipe header, icmsgtype, ic transaction id, icflags; unsolicited or duplicate
 * answers), UTIL-IC-002/003/004 (negotiate replies), UTIL-IC-007 (unknown icmsgtype not
 * failed), plus the service's timeout rule and the silence rule of raw packets.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const struct util_svc *const svcs[VSP_UTIL_SERVICE_COUNT] = {
    [VSP_UTIL_HEARTBEAT] = &util_svc_heartbeat, [VSP_UTIL_SHUTDOWN] = &util_svc_shutdown,
    [VSP_UTIL_TIMESYNC] = &util_svc_timesync,   [VSP_UTIL_KVP] = &util_svc_kvp,
    [VSP_UTIL_VSS] = &util_svc_vss,             [VSP_UTIL_FCOPY] = &util_svc_fcopy,
};

static const char *const state_names[VSP_UTIL_STATE_COUNT] = {
    "closed", "open", "negotiating", "ready", "no_version",
};

/* allowed[from] = bit mask of allowed destination states */
#define S(x) (1u << (x))
static const uint32_t allowed[VSP_UTIL_STATE_COUNT] = {
    [VSP_UTIL_CLOSED] = S(VSP_UTIL_OPEN),
    [VSP_UTIL_OPEN] = S(VSP_UTIL_NEGOTIATING) | S(VSP_UTIL_CLOSED),
    [VSP_UTIL_NEGOTIATING] = S(VSP_UTIL_READY) | S(VSP_UTIL_NO_VERSION) | S(VSP_UTIL_CLOSED),
    [VSP_UTIL_READY] = S(VSP_UTIL_NEGOTIATING) | S(VSP_UTIL_NO_VERSION) | S(VSP_UTIL_CLOSED),
    [VSP_UTIL_NO_VERSION] = S(VSP_UTIL_NEGOTIATING) | S(VSP_UTIL_READY) | S(VSP_UTIL_CLOSED),
};
#undef S

const char *vsp_util_state_name(enum vsp_util_state s)
{
    return (unsigned)s < VSP_UTIL_STATE_COUNT ? state_names[s] : "?";
}

const char *vsp_util_service_name(enum vsp_util_service svc)
{
    return (unsigned)svc < VSP_UTIL_SERVICE_COUNT ? svcs[svc]->name : "?";
}

int vsp_util_service_parse(const char *name)
{
    for (int i = 0; i < (int)VSP_UTIL_SERVICE_COUNT; i++) {
        if (name && strcmp(name, svcs[i]->name) == 0)
            return i;
    }
    return -1;
}

const char *util_ver_str(uint32_t v, char buf[12])
{
    snprintf(buf, 12, "%u.%u", VSP_IC_VER_MAJOR(v), VSP_IC_VER_MINOR(v));
    return buf;
}

uint64_t util_now(const struct vsp_util_dev *d)
{
    return hyp_now(d->env);
}

void util_finding(struct vsp_util_dev *d, const char *rule, const char *fmt, ...)
{
    char detail[HYP_TRACE_BODY_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    d->st.findings++;
    hyp_findingf(d->env, d->source, rule, "%s", detail);
}

void util_detail(struct util_verdict *v, const char *fmt, ...)
{
    size_t o = strlen(v->detail);
    if (o + 2 >= sizeof(v->detail))
        return;
    if (o)
        v->detail[o++] = ' ';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->detail + o, sizeof(v->detail) - o, fmt, ap);
    va_end(ap);
}

void util_fail(struct util_verdict *v, const char *rule, const char *fmt, ...)
{
    if (v->nr == UTIL_VERDICT_MAX) {
        v->rule[UTIL_VERDICT_MAX - 1] = rule; /* keep the last; never drop silently */
        snprintf(v->text[UTIL_VERDICT_MAX - 1], sizeof(v->text[0]), "(more findings elided)");
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->text[v->nr], sizeof(v->text[0]), fmt, ap);
    va_end(ap);
    v->rule[v->nr++] = rule;
}

static void set_state(struct vsp_util_dev *d, enum vsp_util_state to)
{
    if (d->state == to)
        return;
    assert(allowed[d->state] & (1u << to));
    if (d->env)
        hyp_tracef(d->env, d->source, "state", "from=%s to=%s", state_names[d->state],
                   state_names[to]);
    d->state = to;
    d->st.state = to;
}

/* ------------------------------------------------------------------ life cycle */

static void start_fire(struct sim_world *w, struct sim_event *ev);
static void period_fire(struct sim_world *w, struct sim_event *ev);
static void deadline_fire(struct sim_world *w, struct sim_event *ev);

static void resolve_params(struct vsp_util_dev *d, const struct vsp_util_params *in)
{
    const struct util_svc *s = d->desc;
    if (in)
        d->p = *in;
    assert(d->p.nr_fw <= VSP_UTIL_MAX_VERSIONS && d->p.nr_srv <= VSP_UTIL_MAX_VERSIONS);
    if (d->p.nr_fw == 0) {
        memcpy(d->p.fw_versions, s->fw_default, sizeof(s->fw_default));
        d->p.nr_fw = s->nr_fw_default;
    }
    if (d->p.nr_srv == 0) {
        memcpy(d->p.srv_versions, s->srv_default, sizeof(s->srv_default));
        d->p.nr_srv = s->nr_srv_default;
    }
    if (d->p.start_delay_ns == 0)
        d->p.start_delay_ns = VSP_UTIL_START_DELAY_NS_DEFAULT;
    if (d->p.period_ns == 0)
        d->p.period_ns = s->period_ns_default;
    if (d->p.max_pending == 0)
        d->p.max_pending = s->max_pending_default;
    assert(d->p.max_pending <= VSP_UTIL_MAX_PENDING);
    if (d->p.unix_at_zero_ns == 0)
        d->p.unix_at_zero_ns = VSP_UTIL_UNIX_AT_ZERO_NS_DEFAULT;
}

struct vsp_util_dev *vsp_util_create(enum vsp_util_service svc, const struct vsp_util_params *p)
{
    assert((unsigned)svc < VSP_UTIL_SERVICE_COUNT);
    struct vsp_util_dev *d = calloc(1, sizeof(*d));
    assert(d);
    d->svc = svc;
    d->desc = svcs[svc];
    resolve_params(d, p);
    if (d->p.instance)
        snprintf(d->source, sizeof(d->source), "util.%s.%u", d->desc->name, d->p.instance);
    else
        snprintf(d->source, sizeof(d->source), "util.%s", d->desc->name);
    sim_event_init(&d->start_ev, start_fire, d);
    sim_event_init(&d->period_ev, period_fire, d);
    for (uint32_t i = 0; i < VSP_UTIL_MAX_PENDING; i++) {
        d->pend[i].d = d;
        sim_event_init(&d->pend[i].deadline_ev, deadline_fire, &d->pend[i]);
    }
    d->next_txid = 1;
    d->hb_next_seq = d->p.hb_first_seq;
    d->st.service = svc;
    d->st.state = VSP_UTIL_CLOSED;
    return d;
}

void vsp_util_destroy(struct vsp_util_dev *d)
{
    if (!d)
        return;
    if (d->state != VSP_UTIL_CLOSED)
        vsp_util_close(d);
    free(d);
}

void vsp_util_open(struct vsp_util_dev *d, struct hyp_env *env, vsp_util_send_fn send,
                   void *send_ctx)
{
    assert(env && send);
    if (d->state != VSP_UTIL_CLOSED)
        vsp_util_close(d); /* reopen without close: start over (the host's view) */
    d->env = env;
    d->send = send;
    d->send_ctx = send_ctx;
    set_state(d, VSP_UTIL_OPEN);
    d->st.fw = d->st.srv = 0;
    if (d->p.start_delay_ns != UINT64_MAX)
        hyp_at(env, &d->start_ev, hyp_now(env) + d->p.start_delay_ns);
}

static void free_pending(struct vsp_util_dev *d, struct vsp_util_pending *p)
{
    if (p->deadline_ns)
        hyp_cancel(d->env, &p->deadline_ev);
    p->used = false;
    d->st.pending--;
}

void vsp_util_close(struct vsp_util_dev *d)
{
    if (d->state == VSP_UTIL_CLOSED)
        return;
    hyp_cancel(d->env, &d->start_ev);
    hyp_cancel(d->env, &d->period_ev);
    for (uint32_t i = 0; i < VSP_UTIL_MAX_PENDING; i++) {
        struct vsp_util_pending *p = &d->pend[i];
        if (!p->used)
            continue;
        hyp_tracef(d->env, d->source, "abandoned", "type=%u tx=%llu", p->msgtype,
                   (unsigned long long)p->txid);
        if (d->desc->on_abandon && !p->silence_rule)
            d->desc->on_abandon(d, p);
        free_pending(d, p);
    }
    set_state(d, VSP_UTIL_CLOSED);
    d->ch = NULL;
}

static void start_fire(struct sim_world *w, struct sim_event *ev)
{
    struct vsp_util_dev *d = ev->arg;
    if (d->state == VSP_UTIL_OPEN)
        vsp_util_negotiate(d);
}

void util_arm_period(struct vsp_util_dev *d)
{
    if (d->p.no_periodic || !d->desc->on_period || d->state != VSP_UTIL_READY)
        return;
    hyp_cancel(d->env, &d->period_ev);
    hyp_at(d->env, &d->period_ev, hyp_now(d->env) + d->p.period_ns);
}

static void period_fire(struct sim_world *w, struct sim_event *ev)
{
    struct vsp_util_dev *d = ev->arg;
    if (d->state != VSP_UTIL_READY)
        return;
    d->desc->on_period(d);
    util_arm_period(d);
}

/* ------------------------------------------------------------------ sending */

static void remember(struct vsp_util_dev *d, const struct vsp_util_pending *p, uint32_t how)
{
    struct vsp_util_recent *r = &d->recent[d->recent_next++ % VSP_UTIL_RECENT];
    r->txid = p->txid;
    r->how = how;
    r->msgtype = p->msgtype;
    r->len = p->len;
    r->arg = p->arg;
}

static struct vsp_util_pending *alloc_pending(struct vsp_util_dev *d)
{
    if (d->st.pending >= d->p.max_pending)
        return NULL;
    for (uint32_t i = 0; i < VSP_UTIL_MAX_PENDING; i++) {
        if (!d->pend[i].used)
            return &d->pend[i];
    }
    return NULL;
}

static uint64_t deadline_for(const struct vsp_util_dev *d, uint16_t msgtype, uint64_t arg)
{
    if (d->p.deadline_ns)
        return d->p.deadline_ns;
    return d->desc->deadline(d, msgtype, arg);
}

/*
 * Hand txbuf[0..len) to the transport as request txid and track it. detail is the
 * service-specific part of the "request" trace body.
 */
static int send_tracked(struct vsp_util_dev *d, uint16_t msgtype, uint32_t len, uint64_t arg,
                        const char *silence_rule, const char *detail)
{
    struct vsp_util_pending *p = alloc_pending(d);
    if (!p) {
        d->st.refused++;
        hyp_tracef(d->env, d->source, "limit", "what=max_pending max=%u type=%u",
                   d->p.max_pending, msgtype);
        return VSP_UTIL_EBUSY;
    }
    uint64_t txid = d->next_txid++;
    uint16_t flags = d->p.no_completion_requested ? 0 : VMB_PKT_FLAG_COMPLETION_REQUESTED;
    int rc = d->send(d->send_ctx, VMB_PKT_DATA_INBAND, flags, txid, d->txbuf, len);
    if (rc != 0) {
        d->st.send_failures++;
        hyp_tracef(d->env, d->source, "send_failed", "type=%u tx=%llu rc=%d", msgtype,
                   (unsigned long long)txid, rc);
        return rc;
    }
    p->used = true;
    p->d = d;
    p->ic_txid = 0;
    memset(&p->pipe, 0, sizeof(p->pipe));
    p->txid = txid;
    p->msgtype = msgtype;
    p->len = len;
    p->arg = arg;
    p->silence_rule = silence_rule;
    p->sent_ns = util_now(d);
    struct vsp_ic_msg_hdr h;
    if (vsp_ic_decode(d->txbuf, len, &h) == 0) {
        p->pipe = h.pipe;
        p->ic_txid = h.ic.ictransaction_id;
    }
    uint64_t dl = deadline_for(d, msgtype, arg);
    p->deadline_ns = dl ? p->sent_ns + dl : 0;
    if (p->deadline_ns)
        hyp_at(d->env, &p->deadline_ev, p->deadline_ns);
    d->st.pending++;
    d->st.requests_sent++;
    d->st.last_txid = txid;
    d->st.last_msgtype = msgtype;
    hyp_tracef(d->env, d->source, "request", "type=%u tx=%llu len=%u%s%s", msgtype,
               (unsigned long long)txid, len, detail[0] ? " " : "", detail);
    return 0;
}

int vsp_util_negotiate(struct vsp_util_dev *d)
{
    if (d->state == VSP_UTIL_CLOSED)
        return VSP_UTIL_ENOTREADY;
    uint32_t len = vsp_ic_encode_negotiate(d->txbuf, sizeof(d->txbuf), (uint8_t)d->next_txid,
                                           d->p.fw_versions, d->p.nr_fw, d->p.srv_versions,
                                           d->p.nr_srv);
    assert(len);
    char detail[160];
    int o = snprintf(detail, sizeof(detail), "fw_offered=");
    for (uint32_t i = 0; i < d->p.nr_fw + d->p.nr_srv && o < (int)sizeof(detail) - 12; i++) {
        char v[12];
        uint32_t w = i < d->p.nr_fw ? d->p.fw_versions[i] : d->p.srv_versions[i - d->p.nr_fw];
        const char *sep = i == d->p.nr_fw ? " srv_offered=" : (i ? "," : "");
        o += snprintf(detail + o, sizeof(detail) - (size_t)o, "%s%s", sep, util_ver_str(w, v));
    }
    int rc = send_tracked(d, VSP_IC_MSG_NEGOTIATE, len, 0, NULL, detail);
    if (rc == 0)
        set_state(d, VSP_UTIL_NEGOTIATING);
    return rc;
}

int util_request(struct vsp_util_dev *d, uint16_t msgtype, const void *body, uint32_t body_len,
                 uint64_t arg, const char *fmt, ...)
{
    if (d->state != VSP_UTIL_READY) {
        d->st.refused++;
        if (d->env)
            hyp_tracef(d->env, d->source, "limit", "what=state state=%s type=%u",
                       state_names[d->state], msgtype);
        return VSP_UTIL_ENOTREADY;
    }
    struct vsp_ic_hdr h;
    memset(&h, 0, sizeof(h));
    h.icverframe.major = VSP_IC_VER_MAJOR(d->st.fw);
    h.icverframe.minor = VSP_IC_VER_MINOR(d->st.fw);
    h.icmsgtype = msgtype;
    h.icvermsg.major = VSP_IC_VER_MAJOR(d->st.srv);
    h.icvermsg.minor = VSP_IC_VER_MINOR(d->st.srv);
    h.status = VSP_IC_S_OK;
    h.ictransaction_id = (uint8_t)d->next_txid;
    h.icflags = VSP_IC_FLAG_TRANSACTION | VSP_IC_FLAG_REQUEST;
    uint32_t len = vsp_ic_encode(d->txbuf, sizeof(d->txbuf), &h, body, body_len);
    if (!len)
        return VSP_UTIL_EINVAL;
    char detail[HYP_TRACE_BODY_MAX - 64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    return send_tracked(d, msgtype, len, arg, NULL, detail);
}

int vsp_util_send_raw(struct vsp_util_dev *d, const void *payload, uint32_t len,
                      const char *silence_rule)
{
    if (d->state == VSP_UTIL_CLOSED)
        return VSP_UTIL_ENOTREADY;
    if (len == 0 || len > sizeof(d->txbuf))
        return VSP_UTIL_EINVAL;
    memcpy(d->txbuf, payload, len);
    struct vsp_ic_msg_hdr h;
    uint16_t msgtype = vsp_ic_decode(d->txbuf, len, &h) == 0 ? h.ic.icmsgtype : UINT16_MAX;
    char detail[64];
    snprintf(detail, sizeof(detail), "raw=1 expect_reply=%d", silence_rule ? 0 : 1);
    int rc = send_tracked(d, msgtype, len, 0, silence_rule, detail);
    for (uint32_t i = 0; rc == 0 && i < VSP_UTIL_MAX_PENDING; i++) {
        if (d->pend[i].used && d->pend[i].txid == d->st.last_txid)
            d->pend[i].raw = true;
    }
    return rc;
}

/* ------------------------------------------------------------------ deadlines */

static const char *timeout_rule_of(const struct vsp_util_dev *d, const struct vsp_util_pending *p)
{
    if (p->msgtype != VSP_IC_MSG_NEGOTIATE && p->msgtype != d->desc->msgtype)
        return d->desc->unknown_type_answered ? "UTIL-IC-007" : NULL;
    return d->desc->timeout_rule(d, p->msgtype, p->arg);
}

static void deadline_fire(struct sim_world *w, struct sim_event *ev)
{
    struct vsp_util_pending *p = ev->arg;
    struct vsp_util_dev *d = p->d;
    assert(p->used);
    p->deadline_ns = 0; /* fired: nothing to cancel */
    if (p->silence_rule) {
        d->st.silent_ok++;
        hyp_tracef(d->env, d->source, "silent", "tx=%llu len=%u", (unsigned long long)p->txid,
                   p->len);
    } else {
        const char *rule = timeout_rule_of(d, p);
        const char *expected = !rule ? "unknown" : rule[0] ? "0" : "1";
        d->st.timeouts++;
        hyp_tracef(d->env, d->source, "timeout", "type=%u tx=%llu deadline_ns=%llu expected=%s",
                   p->msgtype, (unsigned long long)p->txid,
                   (unsigned long long)(util_now(d) - p->sent_ns), expected);
        if (rule && rule[0])
            util_finding(d, rule, "tx=%llu type=%u not answered within %llu ns",
                         (unsigned long long)p->txid, p->msgtype,
                         (unsigned long long)(util_now(d) - p->sent_ns));
    }
    remember(d, p, UTIL_RECENT_TIMED_OUT);
    free_pending(d, p);
}

/* ------------------------------------------------------------------ negotiation replies */

static bool listed(const uint32_t *l, uint32_t n, uint32_t v)
{
    for (uint32_t i = 0; i < n; i++) {
        if (l[i] == v)
            return true;
    }
    return false;
}

/* First entry of the guest preference list that the host offers, or 0. */
static uint32_t first_common(const uint32_t *pref, uint32_t np, const uint32_t *offer,
                             uint32_t no)
{
    for (uint32_t i = 0; i < np; i++) {
        if (listed(offer, no, pref[i]))
            return pref[i];
    }
    return 0;
}

static enum vsp_util_state judge_negotiate(struct vsp_util_dev *d, enum vsp_ic_nego_result r,
                                           const struct vsp_ic_nego_reply *n)
{
    const struct util_svc *s = d->desc;
    uint32_t exp_fw = first_common(s->fw_guest, s->nr_fw_guest, d->p.fw_versions, d->p.nr_fw);
    uint32_t exp_srv = exp_fw ? first_common(s->srv_guest, s->nr_srv_guest, d->p.srv_versions,
                                             d->p.nr_srv)
                              : 0;
    bool check = !d->p.no_pref_check;
    if (r == VSP_IC_NEGO_TRUNCATED || r == VSP_IC_NEGO_BAD_COUNTS) {
        util_finding(d, "UTIL-IC-003", "negotiate reply %s counts=%u/%u",
                     r == VSP_IC_NEGO_TRUNCATED ? "truncated" : "bad", n->frame_cnt,
                     n->msg_cnt);
        return VSP_UTIL_NO_VERSION;
    }
    if (n->icmsgsize != VSP_IC_NEGOTIATE_REPLY_SIZE)
        util_finding(d, "UTIL-IC-003", "negotiate reply icmsgsize=%u (expected 16)",
                     n->icmsgsize);
    if (r == VSP_IC_NEGO_NONE) {
        if (check && exp_fw && exp_srv)
            util_finding(d, "UTIL-IC-002", "counts 0/0 although %#x/%#x are common", exp_fw,
                         exp_srv);
        return VSP_UTIL_NO_VERSION;
    }
    if (!listed(d->p.fw_versions, d->p.nr_fw, n->fw) ||
        !listed(d->p.srv_versions, d->p.nr_srv, n->srv)) {
        util_finding(d, "UTIL-IC-002", "chose fw=%#x srv=%#x which the host did not offer",
                     n->fw, n->srv);
        return VSP_UTIL_NO_VERSION;
    }
    if (check && (!exp_fw || !exp_srv))
        util_finding(d, "UTIL-IC-004", "counts 1/1 (fw=%#x srv=%#x) without a common version",
                     n->fw, n->srv);
    else if (check && (n->fw != exp_fw || n->srv != exp_srv))
        util_finding(d, "UTIL-IC-002", "chose fw=%#x srv=%#x, preferred fw=%#x srv=%#x", n->fw,
                     n->srv, exp_fw, exp_srv);
    return VSP_UTIL_READY;
}

static void on_negotiate_reply(struct vsp_util_dev *d, const uint8_t *buf, uint32_t len)
{
    struct vsp_ic_nego_reply n;
    enum vsp_ic_nego_result r = vsp_ic_parse_negotiate(buf, len, &n);
    enum vsp_util_state to = judge_negotiate(d, r, &n);
    char f[12], s[12];
    d->st.negotiations++;
    if (to == VSP_UTIL_READY) {
        d->st.fw = n.fw;
        d->st.srv = n.srv;
    } else {
        d->st.fw = d->st.srv = 0;
    }
    hyp_tracef(d->env, d->source, "negotiated", "fw=%s srv=%s result=%s",
               util_ver_str(d->st.fw, f), util_ver_str(d->st.srv, s),
               to == VSP_UTIL_READY ? "ok" : "none");
    if (d->state == VSP_UTIL_CLOSED || d->state == VSP_UTIL_OPEN)
        return;
    bool was_ready = d->state == VSP_UTIL_READY;
    set_state(d, to);
    if (to == VSP_UTIL_READY && !was_ready && d->desc->on_ready)
        d->desc->on_ready(d);
}

/* ------------------------------------------------------------------ receiving */

static uint32_t align8(uint32_t n)
{
    return (n + 7u) & ~7u;
}

/* Echo checks of UTIL-IC-001. Returns false if the packet cannot be interpreted further. */
static bool check_echo(const struct vsp_util_pending *p, const uint8_t *buf, uint32_t len,
                       struct vsp_ic_msg_hdr *h, struct util_verdict *v)
{
    char bad[160] = "";
    size_t o = 0;
#define BAD(what) (o += (size_t)snprintf(bad + o, sizeof(bad) - o, "%s%s", o ? "," : "", what))
    bool usable = true;
    if (len < p->len || len > align8(p->len))
        BAD("len");
    if (vsp_ic_decode(buf, len, h) != 0) {
        usable = false;
    } else {
        if (memcmp(&h->pipe, &p->pipe, sizeof(h->pipe)) != 0)
            BAD("pipe");
        if (h->ic.icmsgtype != p->msgtype)
            BAD("icmsgtype");
        if (h->ic.ictransaction_id != p->ic_txid)
            BAD("ictransaction_id");
        if (h->ic.icflags != (VSP_IC_FLAG_TRANSACTION | VSP_IC_FLAG_RESPONSE))
            BAD("icflags");
        if (p->msgtype != VSP_IC_MSG_NEGOTIATE && h->ic.icmsgsize != p->len - VSP_IC_HDR_BYTES)
            BAD("icmsgsize");
    }
#undef BAD
    if (o)
        util_fail(v, "UTIL-IC-001", "tx=%llu answer is not an echo: bad=%s len=%u sent=%u",
                  (unsigned long long)p->txid, bad, len, p->len);
    return usable && len >= p->len;
}

static const struct vsp_util_recent *recent_find(const struct vsp_util_dev *d, uint64_t txid)
{
    for (uint32_t i = 0; i < VSP_UTIL_RECENT; i++) {
        if (d->recent[i].txid == txid && d->recent[i].how)
            return &d->recent[i];
    }
    return NULL;
}

static void on_unmatched(struct vsp_util_dev *d, uint64_t trans_id, const uint8_t *buf,
                         uint32_t len)
{
    const struct vsp_util_recent *r = recent_find(d, trans_id);
    if (r && r->how == UTIL_RECENT_TIMED_OUT) {
        /* Already reported by the deadline; a late negotiate reply still counts. */
        d->st.responses++;
        hyp_tracef(d->env, d->source, "response", "type=%u tx=%llu len=%u late=1", r->msgtype,
                   (unsigned long long)trans_id, len);
        if (r->msgtype == VSP_IC_MSG_NEGOTIATE && len >= VSP_IC_HDR_BYTES)
            on_negotiate_reply(d, buf, len);
        return;
    }
    util_finding(d, "UTIL-IC-001", "%s answer tx=%llu len=%u",
                 r ? "duplicate" : "unsolicited", (unsigned long long)trans_id, len);
}

/* Service judgement of a usable non-negotiate answer. */
static void dispatch(struct vsp_util_dev *d, const struct vsp_util_pending *p,
                     const uint8_t *buf, uint32_t len, const struct vsp_ic_msg_hdr *h,
                     struct util_verdict *v)
{
    if (p->msgtype == d->desc->msgtype)
        d->desc->on_response(d, p, buf, len, h, v);
    else if (d->desc->unknown_type_answered && h->ic.status != VSP_IC_E_FAIL)
        util_fail(v, "UTIL-IC-007", "unknown icmsgtype=%u answered with status=%#x",
                  p->msgtype, h->ic.status);
}

void vsp_util_selftest_mutate(struct vsp_util_dev *d, uint16_t msgtype, uint32_t nth,
                              uint32_t offset, uint32_t value)
{
    d->st_mut.armed = true;
    d->st_mut.msgtype = msgtype;
    d->st_mut.nth = nth;
    d->st_mut.offset = offset;
    d->st_mut.value = value;
}

/* The armed self-test mutation, if this answer is its target: a copy with 4 bytes replaced. */
static const uint8_t *selftest_apply(struct vsp_util_dev *d, const uint8_t *payload, uint32_t len)
{
    struct vsp_ic_msg_hdr h;
    if (!d->st_mut.armed || vsp_ic_decode(payload, len, &h) != 0 ||
        h.ic.icmsgtype != d->st_mut.msgtype || ++d->st_mut.seen != d->st_mut.nth ||
        d->st_mut.offset + 4 > len || len > sizeof(d->rxbuf))
        return payload;
    memcpy(d->rxbuf, payload, len);
    memcpy(d->rxbuf + d->st_mut.offset, &d->st_mut.value, 4);
    hyp_tracef(d->env, d->source, "selftest_mutate", "type=%u nth=%u offset=%u value=%#x",
               d->st_mut.msgtype, d->st_mut.nth, d->st_mut.offset, d->st_mut.value);
    return d->rxbuf;
}

void vsp_util_receive(struct vsp_util_dev *d, uint16_t type, uint16_t flags, uint64_t trans_id,
                      const uint8_t *payload, uint32_t len)
{
    assert(d->state != VSP_UTIL_CLOSED); /* the channel is open while packets flow */
    payload = selftest_apply(d, payload, len);
    if (type != VMB_PKT_DATA_INBAND || flags != 0)
        util_finding(d, "UTIL-IC-001", "answer tx=%llu packet type=%u flags=%u (expected "
                     "INBAND, 0)", (unsigned long long)trans_id, type, flags);
    if (type != VMB_PKT_DATA_INBAND)
        return;
    struct vsp_util_pending *p = NULL;
    for (uint32_t i = 0; i < VSP_UTIL_MAX_PENDING && !p; i++) {
        if (d->pend[i].used && d->pend[i].txid == trans_id)
            p = &d->pend[i];
    }
    if (!p) {
        on_unmatched(d, trans_id, payload, len);
        return;
    }
    struct vsp_util_pending done = *p;
    remember(d, p, UTIL_RECENT_ANSWERED);
    free_pending(d, p);
    if (done.silence_rule) {
        util_finding(d, done.silence_rule, "tx=%llu len=%u must be dropped but was answered",
                     (unsigned long long)done.txid, done.len);
        return;
    }
    struct vsp_ic_msg_hdr h;
    struct util_verdict v;
    memset(&h, 0, sizeof(h));
    memset(&v, 0, sizeof(v));
    bool usable = check_echo(&done, payload, len, &h, &v);
    bool nego = done.msgtype == VSP_IC_MSG_NEGOTIATE;
    if (usable && !nego)
        dispatch(d, &done, payload, len, &h, &v);
    d->st.responses++;
    d->st.last_status = h.ic.status;
    hyp_tracef(d->env, d->source, "response",
               "type=%u tx=%llu len=%u status=%#x latency_ns=%llu%s%s", done.msgtype,
               (unsigned long long)done.txid, len, h.ic.status,
               (unsigned long long)(util_now(d) - done.sent_ns), v.detail[0] ? " " : "",
               v.detail);
    for (uint32_t i = 0; i < v.nr; i++)
        util_finding(d, v.rule[i], "%s", v.text[i]);
    if (usable && nego && !done.raw) /* a raw NEGOTIATE offered its own (broken) lists */
        on_negotiate_reply(d, payload, len);
}

/* ------------------------------------------------------------------ observation */

const struct vsp_util_stats *vsp_util_stats(const struct vsp_util_dev *d)
{
    return &d->st;
}

int vsp_util_summary(const struct vsp_util_dev *d, char *buf, size_t cap)
{
    char f[12], s[12];
    const struct vsp_util_stats *st = &d->st;
    return snprintf(buf, cap,
                    "service=%s state=%s fw=%s srv=%s sent=%u resp=%u timeouts=%u silent=%u "
                    "pending=%u refused=%u send_failures=%u findings=%u last_status=%#x",
                    d->desc->name, state_names[d->state], util_ver_str(st->fw, f),
                    util_ver_str(st->srv, s), st->requests_sent, st->responses, st->timeouts,
                    st->silent_ok, st->pending, st->refused, st->send_failures, st->findings,
                    st->last_status);
}
