/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util.c - util IC checkers: the IC transaction checker (every request of the host models
 * with its answer, silence or timeout, judged per service), the guest-effect checker
 * (shutdown -> power action, SYNC -> clock step, daemons one request at a time) and the
 * channel checker (ring sizes, VSS not opened before VMBus 3.0).
 *
 * Invariants: checkers only read records. Outstanding requests are bounded by
 * CF_UT_MAX_REQ (the models allow at most 32 per channel; older entries are overwritten,
 * which only loses a judgement, never invents one). Times are virtual ns from the records.
 */
#define _POSIX_C_SOURCE 200809L /* strtok_r */
#include "cf/util.h"

#include <stdio.h>
#include <string.h>

#define CF_UT_MAX_REQ 64
#define CF_UT_SRC 32
#define CF_UT_E_FAIL 0x80004005ull
#define CF_UT_GRACE_NS 1000000000ull            /* as the models: 1 s beyond a guest timeout */
#define CF_UT_DAEMON_TIMEOUT_NS 30000000000ull  /* HV_UTIL_TIMEOUT */
#define CF_UT_FREEZE_TIMEOUT_NS 900000000000ull /* VSS FREEZE */
#define CF_UT_IMMEDIATE_NS 1000000000ull        /* "immediately": within the IC deadline */
#define CF_UT_WLTIMEDELTA 116444736000000000ull /* 1601 -> 1970 in 100 ns units */

enum { MT_NEGOTIATE = 0, MT_HB = 1, MT_KVP = 2, MT_SD = 3, MT_TS = 4, MT_VSS = 5, MT_FC = 7 };

static int is_util(const struct trc_record *rec, const char *kind)
{
    return !strncmp(rec->source, "util.", 5) && !strcmp(rec->kind, kind);
}

/* ------------------------------------------------------------------ transactions */

struct ut_req {
    int used;
    char src[CF_UT_SRC];
    uint64_t tx, type, arg, sent_ns, parenttime;
    int raw, expect_reply;
    char rule[24]; /* raw sends: the rule the scenario names */
    char key[160];  /* KVP GET: the key asked for */
};

/* KVP values the host SET (pool, key -> value, as traced: percent-escaped, quoted). */
#define CF_UT_KVP_KEYS 16
struct ut_kvp {
    uint64_t pool;
    char key[160], value[160];
};

struct tx_state {
    struct ut_req req[CF_UT_MAX_REQ];
    uint32_t next;
    char raw_rule[24]; /* from the latest scenario.ic_raw */
    int daemon_registered[3]; /* kvp, vss, fcopy: a daemon finished its handshake */
    /* heartbeat bursts: outstanding heartbeats and when the current pass answered */
    uint32_t hb_outstanding, hb_burst;
    uint64_t hb_burst_ns;
    struct ut_kvp kvp[CF_UT_KVP_KEYS];
    uint32_t nr_kvp;
};

static struct ut_kvp *kvp_find(struct tx_state *s, uint64_t pool, const char *key)
{
    for (uint32_t i = 0; i < s->nr_kvp; i++)
        if (s->kvp[i].pool == pool && !strcmp(s->kvp[i].key, key))
            return &s->kvp[i];
    return NULL;
}

/* SET remembers the value; DELETE forgets it (by the request, as the host knows it). */
static void kvp_track(struct tx_state *s, const struct trc_record *rec, struct ut_req *q)
{
    uint64_t pool = cf_u64(rec, "pool", 0);
    cf_get(rec, "key", q->key, sizeof(q->key));
    struct ut_kvp *e = kvp_find(s, pool, q->key);
    if (q->arg == 1) {
        if (!e && s->nr_kvp < CF_UT_KVP_KEYS)
            e = &s->kvp[s->nr_kvp++];
        if (e) {
            e->pool = pool;
            snprintf(e->key, sizeof(e->key), "%s", q->key);
            cf_get(rec, "value", e->value, sizeof(e->value));
        }
    } else if (q->arg == 2 && e) {
        e->key[0] = 0;
    }
    q->parenttime = pool; /* reused: the pool of a KVP request */
}

static struct ut_req *req_find(struct tx_state *s, const struct trc_record *rec)
{
    uint64_t tx = cf_u64(rec, "tx", UINT64_MAX);
    for (uint32_t i = 0; i < CF_UT_MAX_REQ; i++)
        if (s->req[i].used && s->req[i].tx == tx && !strcmp(s->req[i].src, rec->source))
            return &s->req[i];
    return NULL;
}

static void on_request(struct tx_state *s, const struct trc_record *rec)
{
    struct ut_req *q = &s->req[s->next++ % CF_UT_MAX_REQ];
    memset(q, 0, sizeof(*q));
    q->used = 1;
    snprintf(q->src, sizeof(q->src), "%s", rec->source);
    q->tx = cf_u64(rec, "tx", 0);
    q->type = cf_u64(rec, "type", UINT64_MAX);
    q->arg = cf_u64(rec, "flags", cf_u64(rec, "op", 0));
    q->parenttime = cf_u64(rec, "parenttime", 0);
    q->sent_ns = rec->time_ns;
    q->raw = cf_eq(rec, "raw", "1");
    q->expect_reply = !cf_eq(rec, "expect_reply", "0");
    if (q->raw) {
        snprintf(q->rule, sizeof(q->rule), "%s", s->raw_rule);
        s->raw_rule[0] = 0;
    }
    if (q->type == MT_HB && !q->raw)
        s->hb_outstanding++;
    if (q->type == MT_KVP && !q->raw)
        kvp_track(s, rec, q);
}

static int daemon_of(uint64_t type)
{
    return type == MT_KVP ? 0 : type == MT_VSS ? 1 : type == MT_FC ? 2 : -1;
}

/* HB-001 (the model checks seq_num), HB-003 (every queued heartbeat answered in one pass). */
static void judge_hb(struct tx_state *s, struct cf_run *run, const struct trc_record *rec)
{
    cf_pass(run, "UTIL-HB-001");
    if (s->hb_outstanding > 1 && s->hb_burst == 0) {
        s->hb_burst = s->hb_outstanding;
        s->hb_burst_ns = rec->time_ns;
    }
    if (s->hb_outstanding)
        s->hb_outstanding--;
    if (!s->hb_burst)
        return;
    if (rec->time_ns != s->hb_burst_ns) {
        cf_fail(run, "UTIL-HB-003", rec, "%s: a queued heartbeat answered at t=%llu, after "
                "the pass at t=%llu", rec->source, (unsigned long long)rec->time_ns,
                (unsigned long long)s->hb_burst_ns);
        s->hb_burst = 0;
    } else if (--s->hb_burst == 0) {
        cf_pass(run, "UTIL-HB-003");
    }
}

static void judge_daemon_op(struct tx_state *s, struct cf_run *run, const struct trc_record *rec,
                            const struct ut_req *q, uint64_t status, uint64_t latency)
{
    int dm = daemon_of(q->type);
    int registered = dm >= 0 && s->daemon_registered[dm];
    if (q->type == MT_KVP) {
        if (!registered) {
            cf_fail(run, "UTIL-KVP-001", rec, "%s: KVP tx=%llu answered without a registered "
                    "daemon", rec->source, (unsigned long long)q->tx);
            return;
        }
        if (latency > CF_UT_DAEMON_TIMEOUT_NS + CF_UT_GRACE_NS)
            cf_fail(run, "UTIL-KVP-002", rec, "%s: KVP tx=%llu answered after %llu ns (> 30 s)",
                    rec->source, (unsigned long long)q->tx, (unsigned long long)latency);
        else
            cf_pass(run, "UTIL-KVP-002");
        struct ut_kvp *e = q->arg == 0 ? kvp_find(s, q->parenttime, q->key) : NULL;
        char got[160] = "";
        cf_get(rec, "value", got, sizeof(got));
        if (e && status == 0 && strcmp(got, e->value))
            cf_fail(run, "UTIL-KVP-004", rec, "%s: GET pool=%llu key=%s answered value=%s, the "
                    "host set %s", rec->source, (unsigned long long)q->parenttime, q->key, got,
                    e->value);
        else if ((q->arg == 0 || q->arg == 3) && status == 0)
            cf_pass(run, "UTIL-KVP-004");
        return;
    }
    if (q->type == MT_VSS) {
        int daemon_op = q->arg == 2 || q->arg == 5 || q->arg == 6;
        if (!daemon_op) {
            cf_pass(run, "UTIL-VSS-004");
            return;
        }
        if (q->arg == 2 && status == 0)
            cf_pass(run, "UTIL-VSS-004");
        if (!registered) {
            if (status != CF_UT_E_FAIL || latency > CF_UT_IMMEDIATE_NS)
                cf_fail(run, "UTIL-VSS-002", rec, "%s: VSS op=%llu without daemon: status=%#llx "
                        "after %llu ns", rec->source, (unsigned long long)q->arg,
                        (unsigned long long)status, (unsigned long long)latency);
            else
                cf_pass(run, "UTIL-VSS-002");
            return;
        }
        uint64_t limit = q->arg == 5 ? CF_UT_FREEZE_TIMEOUT_NS : CF_UT_DAEMON_TIMEOUT_NS;
        if (latency > limit + CF_UT_GRACE_NS)
            cf_fail(run, "UTIL-VSS-003", rec, "%s: VSS op=%llu answered after %llu ns",
                    rec->source, (unsigned long long)q->arg, (unsigned long long)latency);
        else
            cf_pass(run, "UTIL-VSS-003");
        return;
    }
    /* fcopy */
    if (!registered) {
        if (status != CF_UT_E_FAIL)
            cf_fail(run, "UTIL-FC-001", rec, "%s: fcopy op=%llu without daemon: status=%#llx",
                    rec->source, (unsigned long long)q->arg, (unsigned long long)status);
        else
            cf_pass(run, "UTIL-FC-001");
    } else if (latency > CF_UT_DAEMON_TIMEOUT_NS + CF_UT_GRACE_NS) {
        cf_fail(run, "UTIL-FC-002", rec, "%s: fcopy op=%llu answered after %llu ns",
                rec->source, (unsigned long long)q->arg, (unsigned long long)latency);
    } else {
        cf_pass(run, "UTIL-FC-002");
    }
}

static void judge_raw(struct cf_run *run, const struct trc_record *rec, const struct ut_req *q,
                      uint64_t status)
{
    if (!q->rule[0] || !strcmp(q->rule, "-"))
        return;
    if (!strcmp(q->rule, "UTIL-IC-007") && status != CF_UT_E_FAIL) {
        cf_fail(run, "UTIL-IC-007", rec, "%s: unknown icmsgtype %llu answered status=%#llx",
                rec->source, (unsigned long long)q->type, (unsigned long long)status);
        return;
    }
    cf_pass(run, q->rule);
}

static void on_response(struct tx_state *s, struct cf_run *run, const struct trc_record *rec)
{
    struct ut_req *q = req_find(s, rec);
    if (!q || cf_eq(rec, "late", "1"))
        return; /* unsolicited / late answers: the model's findings */
    q->used = 0;
    uint64_t status = cf_u64(rec, "status", 0);
    uint64_t latency = rec->time_ns - q->sent_ns;
    cf_pass(run, "UTIL-IC-001");
    if (q->raw) {
        judge_raw(run, rec, q, status);
        return;
    }
    switch (q->type) {
    case MT_HB:
        judge_hb(s, run, rec);
        break;
    case MT_TS:
        cf_pass(run, "UTIL-TS-004");
        break;
    case MT_KVP:
    case MT_VSS:
    case MT_FC:
        judge_daemon_op(s, run, rec, q, status, latency);
        break;
    default:
        break;
    }
}

static void on_silent(struct tx_state *s, struct cf_run *run, const struct trc_record *rec)
{
    struct ut_req *q = req_find(s, rec);
    if (!q)
        return;
    q->used = 0;
    if (q->rule[0] && strcmp(q->rule, "-"))
        cf_pass(run, q->rule);
}

/* A request never answered: KVP without a daemon is the conformant case (UTIL-KVP-001). */
static void on_unanswered(struct tx_state *s, struct cf_run *run, const struct trc_record *rec)
{
    struct ut_req *q = req_find(s, rec);
    if (!q)
        return;
    q->used = 0;
    if (!strncmp(rec->source, "util.kvp", 8) && !s->daemon_registered[0])
        cf_pass(run, "UTIL-KVP-001");
    if (q->type == MT_HB && s->hb_outstanding)
        s->hb_outstanding--;
}

static void tx_on_record(void *state, struct cf_run *run, const struct trc_record *rec)
{
    struct tx_state *s = state;
    if (cf_is(rec, "scenario", "ic_raw")) {
        cf_get(rec, "rule", s->raw_rule, sizeof(s->raw_rule));
    } else if (cf_is(rec, "guest.daemon", "registered")) {
        static const char *const svc[3] = {"kvp", "vss", "fcopy"};
        for (int i = 0; i < 3; i++)
            if (cf_eq(rec, "svc", svc[i]))
                s->daemon_registered[i] = 1;
    } else if (cf_is(rec, "guest.daemon", "exit")) {
        static const char *const svc[3] = {"kvp", "vss", "fcopy"};
        for (int i = 0; i < 3; i++)
            if (cf_eq(rec, "svc", svc[i]))
                s->daemon_registered[i] = 0;
    } else if (is_util(rec, "request")) {
        on_request(s, rec);
    } else if (is_util(rec, "response")) {
        on_response(s, run, rec);
    } else if (is_util(rec, "silent")) {
        on_silent(s, run, rec);
    } else if (is_util(rec, "timeout") || is_util(rec, "abandoned")) {
        on_unanswered(s, run, rec);
    } else if (is_util(rec, "negotiated")) {
        if (cf_eq(rec, "result", "ok")) {
            cf_pass(run, "UTIL-IC-002");
            cf_pass(run, "UTIL-IC-003");
        } else {
            cf_pass(run, "UTIL-IC-004");
        }
    }
}

static const struct cf_checker tx_checker = {
    .name = "util.transactions",
    .state_size = sizeof(struct tx_state),
    .on_record = tx_on_record,
};

/* ------------------------------------------------------------------ guest effects */

struct fx_state {
    /* shutdown: 1 power-off, 2 reboot expected after the answer; request seen, not answered */
    int sd_expect;
    uint64_t sd_flags;
    int sd_requested;
    int sd_no_action; /* an E_FAIL / dropped shutdown: no power action may follow */
    char sd_src[CF_UT_SRC];
    uint64_t sd_tx;
    /* timesync */
    uint64_t ts_tx[CF_UT_MAX_REQ], ts_flags[CF_UT_MAX_REQ], ts_parent[CF_UT_MAX_REQ];
    uint32_t ts_next;
    int ts_sync_due;           /* SYNC answered, clock step not yet seen */
    uint64_t ts_sync_unix_s;   /* the host time the step should land near */
    uint64_t ts_sync_resp_ns;  /* when that SYNC was answered */
    int ts_samples_only;       /* SAMPLE/PROBE answered */
    int ts_unexpected_step;
    uint64_t ts_ref_ns;        /* reference time of the newest sample the guest got (ns) */
    /* UTIL-FC-003, judged in scenarios tagged fcopy-uio (kernels without an fcopy driver) */
    int fc_uio, fc_offered, fc_processed, fc_opened;
    uint64_t fc_relid;
    /* daemons: requests handed to a daemon and not yet answered */
    int dm_outstanding[3];
    uint32_t kvp_host_pending;
    int kvp_waited;
};

static int fx_svc(const struct trc_record *rec)
{
    return cf_eq(rec, "svc", "kvp") ? 0 : cf_eq(rec, "svc", "vss") ? 1
           : cf_eq(rec, "svc", "fcopy") ? 2 : -1;
}

static void fx_shutdown(struct fx_state *s, struct cf_run *run, const struct trc_record *rec,
                        int response)
{
    if (!response) {
        s->sd_requested = 1;
        s->sd_flags = cf_u64(rec, "flags", 0);
        snprintf(s->sd_src, sizeof(s->sd_src), "%s", rec->source);
        s->sd_tx = cf_u64(rec, "tx", 0);
        return;
    }
    if (!s->sd_requested || cf_u64(rec, "tx", 0) != s->sd_tx || strcmp(rec->source, s->sd_src))
        return;
    s->sd_requested = 0;
    uint64_t status = cf_u64(rec, "status", 0), f = s->sd_flags;
    if (f <= 3) {
        if (status != 0) {
            cf_fail(run, f <= 1 ? "UTIL-SD-001" : "UTIL-SD-002", rec, "%s: shutdown flags=%llu "
                    "answered status=%#llx", rec->source, (unsigned long long)f,
                    (unsigned long long)status);
            return;
        }
        s->sd_expect = f <= 1 ? 1 : 2;
    } else if (f <= 5) {
        cf_pass(run, "UTIL-SD-003"); /* S_OK or E_FAIL by hibernation support: the model */
        s->sd_no_action = 1;
    } else if (status != CF_UT_E_FAIL) {
        cf_fail(run, "UTIL-SD-004", rec, "%s: shutdown flags=%llu answered status=%#llx",
                rec->source, (unsigned long long)f, (unsigned long long)status);
    } else {
        cf_pass(run, "UTIL-SD-004");
        s->sd_no_action = 1;
    }
}

static void fx_power(struct fx_state *s, struct cf_run *run, const struct trc_record *rec)
{
    int reboot = !strcmp(rec->kind, "orderly_reboot");
    if (strcmp(rec->kind, "orderly_poweroff") && !reboot)
        return;
    if (s->sd_requested) {
        cf_fail(run, "UTIL-SD-005", rec, "%s before the shutdown answer was sent", rec->kind);
        return;
    }
    if (!s->sd_expect) {
        cf_fail(run, s->sd_no_action ? "UTIL-SD-004" : "UTIL-SD-001", rec,
                "%s without a shutdown request that asked for it", rec->kind);
        return;
    }
    if ((s->sd_expect == 2) != reboot) {
        cf_fail(run, reboot ? "UTIL-SD-001" : "UTIL-SD-002", rec, "%s after shutdown flags=%llu",
                rec->kind, (unsigned long long)s->sd_flags);
    } else {
        cf_pass(run, reboot ? "UTIL-SD-002" : "UTIL-SD-001");
        cf_pass(run, "UTIL-SD-005");
    }
    s->sd_expect = 0;
}

static void fx_timesync(struct fx_state *s, struct cf_run *run, const struct trc_record *rec,
                        int response)
{
    uint32_t i;
    if (!response) {
        i = s->ts_next++ % CF_UT_MAX_REQ;
        s->ts_tx[i] = cf_u64(rec, "tx", 0);
        s->ts_flags[i] = cf_u64(rec, "flags", 0);
        s->ts_parent[i] = cf_u64(rec, "parenttime", 0);
        return;
    }
    (void)run;
    uint64_t tx = cf_u64(rec, "tx", UINT64_MAX);
    for (i = 0; i < CF_UT_MAX_REQ && s->ts_tx[i] != tx; i++)
        ;
    if (i == CF_UT_MAX_REQ || cf_eq(rec, "late", "1"))
        return;
    s->ts_tx[i] = UINT64_MAX;
    if (s->ts_flags[i] & 1) {
        s->ts_sync_due = 1;
        s->ts_sync_resp_ns = rec->time_ns;
        /* the guest adds the time since the sample (v4) or nothing (v3): near the host time */
        s->ts_sync_unix_s = s->ts_parent[i] > CF_UT_WLTIMEDELTA
                                ? (s->ts_parent[i] - CF_UT_WLTIMEDELTA) / 10000000ull
                                : 0;
    } else {
        s->ts_samples_only++;
    }
}

static void fx_settime(struct fx_state *s, struct cf_run *run, const struct trc_record *rec)
{
    uint64_t sec = cf_u64(rec, "sec", 0);
    if (!s->ts_sync_due) {
        s->ts_unexpected_step = 1;
        cf_fail(run, s->ts_samples_only ? "UTIL-TS-003" : "UTIL-TS-002", rec,
                "guest clock stepped to %llu s without a SYNC sample",
                (unsigned long long)sec);
        return;
    }
    s->ts_sync_due = 0;
    uint64_t want = s->ts_sync_unix_s + (rec->time_ns - s->ts_sync_resp_ns) / 1000000000ull;
    if (sec + 2 < want || sec > want + 2)
        cf_fail(run, "UTIL-TS-002", rec, "guest clock stepped to %llu s, host time %llu s",
                (unsigned long long)sec, (unsigned long long)want);
    else
        cf_pass(run, "UTIL-TS-002");
}

/* UTIL-KVP-003: the daemon is handed the next request only after the previous answer. */
static void fx_daemon(struct fx_state *s, struct cf_run *run, const struct trc_record *rec)
{
    int d = fx_svc(rec);
    if (d < 0)
        return;
    if (!strcmp(rec->kind, "recv")) {
        if (s->dm_outstanding[d] && d == 0)
            cf_fail(run, "UTIL-KVP-003", rec, "a second KVP request reached the daemon before "
                    "the first was answered");
        else if (d == 0 && s->kvp_waited)
            cf_pass(run, "UTIL-KVP-003");
        if (d == 0)
            s->kvp_waited = 0;
        s->dm_outstanding[d]++;
    } else if (!strcmp(rec->kind, "reply") || !strcmp(rec->kind, "exit")) {
        s->dm_outstanding[d] = 0;
    }
}

/* UTIL-TS-005: a PTP read fails with -ESTALE once the newest sample is older than 600 s
 * (hv_get_adj_host_time(); reads near the threshold are not judged). */
#define TS_STALE_NS 600000000000ull
#define TS_STALE_SLACK_NS 10000000ull
static void fx_ptp_read(struct fx_state *s, struct cf_run *run, const struct trc_record *rec)
{
    char ret[16] = "";
    cf_get(rec, "ret", ret, sizeof(ret));
    uint64_t age = rec->time_ns - (s->ts_ref_ns < rec->time_ns ? s->ts_ref_ns : rec->time_ns);
    if (age > TS_STALE_NS + TS_STALE_SLACK_NS) {
        if (!strcmp(ret, "-116"))
            cf_pass(run, "UTIL-TS-005");
        else
            cf_fail(run, "UTIL-TS-005", rec, "PTP read returned %s with the newest sample "
                    "%llu s old (want -ESTALE)", ret, (unsigned long long)(age / 1000000000ull));
    } else if (age + TS_STALE_SLACK_NS < TS_STALE_NS) {
        if (!strcmp(ret, "0"))
            cf_pass(run, "UTIL-TS-005");
        else
            cf_fail(run, "UTIL-TS-005", rec, "PTP read returned %s with the newest sample "
                    "%llu s old (want 0)", ret, (unsigned long long)(age / 1000000000ull));
    }
}

static void fx_on_record(void *state, struct cf_run *run, const struct trc_record *rec)
{
    struct fx_state *s = state;
    int req = is_util(rec, "request"), resp = is_util(rec, "response");
    if (req || resp) {
        uint64_t type = cf_u64(rec, "type", UINT64_MAX);
        if (!strncmp(rec->source, "util.kvp", 8) && !cf_eq(rec, "raw", "1") && type == MT_KVP) {
            if (req && s->dm_outstanding[0])
                s->kvp_waited = 1; /* the host queued one while the daemon holds another */
            if (req)
                s->kvp_host_pending++;
            else if (s->kvp_host_pending)
                s->kvp_host_pending--;
        }
        if (cf_eq(rec, "raw", "1"))
            return;
        if (!strncmp(rec->source, "util.shutdown", 13) && (resp || type == MT_SD))
            fx_shutdown(s, run, rec, resp);
        else if (!strncmp(rec->source, "util.timesync", 13) && (resp || type == MT_TS))
            fx_timesync(s, run, rec, resp);
        if (req && type == MT_TS && !strncmp(rec->source, "util.timesync", 13))
            /* v4 carries the host's reference time (100 ns units); v3 is stamped on receipt */
            s->ts_ref_ns = cf_eq(rec, "fmt", "v4") ? cf_u64(rec, "reftime", 0) * 100ull
                                                   : rec->time_ns;
    } else if (cf_is(rec, "scenario", "tags")) {
        char list[256];
        if (cf_get(rec, "list", list, sizeof(list))) {
            for (char *save = NULL, *t = strtok_r(list, ",", &save); t;
                 t = strtok_r(NULL, ",", &save))
                s->fc_uio |= !strcmp(t, "fcopy-uio");
        }
    } else if (cf_is(rec, "vmbus", "offer") && cf_eq(rec, "dev", "fcopy")) {
        s->fc_offered = 1;
        s->fc_relid = cf_u64(rec, "relid", 0);
    } else if (cf_is(rec, "guest.tp", "vmbus_onoffer") && s->fc_offered && rec->body) {
        unsigned r;
        const char *p = strstr(rec->body, "child_relid ");
        if (p && sscanf(p, "child_relid %x", &r) == 1 && r == s->fc_relid)
            s->fc_processed = 1;
    } else if (!strncmp(rec->source, "vsp.fcopy.", 10) && !strcmp(rec->kind, "open")) {
        s->fc_opened = 1;
    } else if (cf_is(rec, "scenario", "ptp_selftest")) {
        s->ts_ref_ns = cf_u64(rec, "reftime", 0) * 100ull; /* a sample the guest never got */
    } else if (cf_is(rec, "guest.ptp", "read")) {
        fx_ptp_read(s, run, rec);
    } else if (!strncmp(rec->source, "guest.power", 11)) {
        fx_power(s, run, rec);
    } else if (cf_is(rec, "guest.time", "settimeofday")) {
        fx_settime(s, run, rec);
    } else if (!strcmp(rec->source, "guest.daemon")) {
        fx_daemon(s, run, rec);
    }
}

static void fx_finish(void *state, struct cf_run *run)
{
    struct fx_state *s = state;
    if (s->sd_expect)
        cf_fail(run, s->sd_expect == 1 ? "UTIL-SD-001" : "UTIL-SD-002", NULL,
                "shutdown answered S_OK but no power action followed");
    if (s->ts_sync_due)
        cf_fail(run, "UTIL-TS-002", NULL, "SYNC sample answered but the clock was never set");
    if (s->ts_samples_only && !s->ts_unexpected_step)
        cf_pass(run, "UTIL-TS-003");
    if (s->fc_uio && s->fc_offered) {
        if (s->fc_opened)
            cf_fail(run, "UTIL-FC-003", NULL, "the kernel opened the fcopy channel (relid %llu) "
                    "itself", (unsigned long long)s->fc_relid);
        else if (s->fc_processed)
            cf_pass(run, "UTIL-FC-003"); /* offered, seen by the guest, left to user space */
    }
}

static const struct cf_checker fx_checker = {
    .name = "util.effects",
    .state_size = sizeof(struct fx_state),
    .on_record = fx_on_record,
    .finish = fx_finish,
};

/* ------------------------------------------------------------------ channels */

struct ch_state {
    uint32_t vmbus_version;
    int vss_offered, vss_opened;
};

static const char *const ic_devs[] = {"heartbeat", "shutdown", "timesync", "kvp", "vss",
                                      "fcopy"};

static int ic_ring_source(const char *src)
{
    if (strncmp(src, "vsp.", 4))
        return 0;
    for (size_t i = 0; i < sizeof(ic_devs) / sizeof(ic_devs[0]); i++) {
        size_t n = strlen(ic_devs[i]);
        if (!strncmp(src + 4, ic_devs[i], n) && src[4 + n] == '.')
            return 1;
    }
    return 0;
}

static void ch_on_record(void *state, struct cf_run *run, const struct trc_record *rec)
{
    struct ch_state *s = state;
    char v[16];
    unsigned a, b;
    if (cf_is(rec, "vmbus", "negotiate") && cf_eq(rec, "accepted", "1") &&
        cf_get(rec, "version", v, sizeof(v)) && sscanf(v, "%u.%u", &a, &b) == 2) {
        s->vmbus_version = a << 16 | b;
    } else if (cf_is(rec, "vmbus", "offer") && cf_eq(rec, "dev", "vss")) {
        s->vss_offered = 1;
    } else if (cf_is(rec, "util.vss", "state") && cf_eq(rec, "to", "open")) {
        s->vss_opened = 1;
        if (s->vmbus_version && s->vmbus_version < 0x30000)
            cf_fail(run, "UTIL-VSS-001", rec, "VSS channel opened on VMBus %u.%u",
                    s->vmbus_version >> 16, s->vmbus_version & 0xffff);
    } else if (!strcmp(rec->kind, "ring_bind") && ic_ring_source(rec->source)) {
        uint64_t in = cf_u64(rec, "in_data", 0), out = cf_u64(rec, "out_data", 0);
        if (in != 12288 || out != 12288)
            cf_fail(run, "UTIL-IC-008", rec, "%s: ring data %llu/%llu bytes, expected 16 KiB "
                    "rings (12288 data bytes) per direction", rec->source,
                    (unsigned long long)in, (unsigned long long)out);
        else
            cf_pass(run, "UTIL-IC-008");
    }
}

static void ch_finish(void *state, struct cf_run *run)
{
    struct ch_state *s = state;
    if (s->vss_offered && s->vmbus_version && s->vmbus_version < 0x30000 && !s->vss_opened)
        cf_pass(run, "UTIL-VSS-001");
}

static const struct cf_checker ch_checker = {
    .name = "util.channels",
    .state_size = sizeof(struct ch_state),
    .on_record = ch_on_record,
    .finish = ch_finish,
};

const struct cf_checker *const cf_util_checkers[] = {&tx_checker, &fx_checker, &ch_checker,
                                                     NULL};
