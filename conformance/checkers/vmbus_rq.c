/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus_rq.c - request ids on requestor channels (VMB-RQ-001..005) and the close order of
 * sub-channels (VMB-CLOSE-001).
 *
 * Request ids are exercised by the request-id test device (models/testvsp/src/rq.c with the
 * guest driver sim/guest/testdrv/hvsim_rqdrv.c), whose host model judges every packet and
 * fails VMB-RQ-001/004/005 with findings; this checker records their passes from the host's
 * per-channel "vsp.testrq summary" (req_ok, cookie_ok, full_ok counts), and judges
 * VMB-RQ-002/003 itself: every completion the host labels bad ("vsp.testrq bad_comp relid=
 * serial= rule=") must be answered by the guest's "guest.testrq comp relid= serial=
 * result=rejected"; accepted (or bogus: the kernel returned an address) fails the rule, and so
 * does a bad completion the guest never processed by the end of the run.
 *
 * VMB-CLOSE-001 from host records only: "vmbus offer dev= relid= sub=" (the host offers a
 * device's sub-channels right behind its primary, so a sub=N offer belongs to the latest
 * sub=0 offer of the same dev), "vsp.<dev>.<relid> open ... status=0", "... close", and
 * "vmbus rescind relid=" (a rescinded sub-channel need not be closed). A primary's close
 * while one of its sub-channels is open fails; one after sub-channels had been opened and all
 * were closed passes.
 *
 * Invariants: checkers only read; state is bounded by CF_RQ_MAX_RELIDS and CF_RQ_MAX_BAD
 * (more pending bad completions than that are judged as they overflow: a failure).
 */
#include <stdio.h>
#include <string.h>

#include "cf/vmbus.h"
#include "vmbus_internal.h"

#define CF_RQ_MAX_RELIDS 256
#define CF_RQ_MAX_BAD 64

struct rq_bad {
    uint32_t relid, serial;
    char rule[16];
};

struct rq_relid {
    uint8_t offered, open, ever_open, rescinded, is_sub;
    uint32_t primary; /* relid of the primary (itself for a primary) */
    char dev[24];
};

struct rq_state {
    struct rq_bad bad[CF_RQ_MAX_BAD];
    uint32_t nr_bad;
    struct rq_relid ch[CF_RQ_MAX_RELIDS];
};

static uint32_t rq_relid(const struct trc_record *rec)
{
    uint64_t r = cf_u64(rec, "relid", CF_RQ_MAX_RELIDS);
    return r < CF_RQ_MAX_RELIDS ? (uint32_t)r : CF_RQ_MAX_RELIDS;
}

/* ---- VMB-RQ-001/004/005 passes, VMB-RQ-002/003 ---- */

static void rq_summary(struct cf_run *run, const struct trc_record *rec)
{
    if (cf_u64(rec, "req_ok", 0))
        cf_pass(run, "VMB-RQ-001");
    if (cf_u64(rec, "full_ok", 0))
        cf_pass(run, "VMB-RQ-004");
    if (cf_u64(rec, "cookie_ok", 0))
        cf_pass(run, "VMB-RQ-005");
}

static void rq_bad_comp(struct rq_state *s, struct cf_run *run, const struct trc_record *rec)
{
    char rule[16];
    if (!cf_get(rec, "rule", rule, sizeof(rule)))
        return;
    if (s->nr_bad == CF_RQ_MAX_BAD) {
        cf_fail(run, rule, rec, "more than %d bad completions pending in the guest",
                CF_RQ_MAX_BAD);
        return;
    }
    struct rq_bad *b = &s->bad[s->nr_bad++];
    b->relid = rq_relid(rec);
    b->serial = (uint32_t)cf_u64(rec, "serial", 0);
    snprintf(b->rule, sizeof(b->rule), "%s", rule);
}

static void rq_guest_comp(struct rq_state *s, struct cf_run *run, const struct trc_record *rec)
{
    uint32_t relid = rq_relid(rec), serial = (uint32_t)cf_u64(rec, "serial", 0);
    for (uint32_t i = 0; i < s->nr_bad; i++) {
        struct rq_bad *b = &s->bad[i];
        if (b->relid != relid || b->serial != serial)
            continue;
        if (cf_eq(rec, "result", "rejected")) {
            cf_pass(run, b->rule);
        } else {
            char result[16] = "?", kind[8] = "?", tid[24] = "?";
            cf_get(rec, "result", result, sizeof(result));
            cf_get(rec, "kind", kind, sizeof(kind));
            cf_get(rec, "trans_id", tid, sizeof(tid));
            cf_fail(run, b->rule, rec, "relid %u: bad completion serial %u (kind %s, trans_id "
                    "%s) not rejected: %s", relid, serial, kind, tid, result);
        }
        *b = s->bad[--s->nr_bad];
        return;
    }
}

/* ---- VMB-CLOSE-001 ---- */

static void close_offer(struct rq_state *s, const struct trc_record *rec)
{
    uint32_t relid = rq_relid(rec);
    if (relid >= CF_RQ_MAX_RELIDS)
        return;
    struct rq_relid *c = &s->ch[relid];
    memset(c, 0, sizeof(*c));
    c->offered = 1;
    cf_get(rec, "dev", c->dev, sizeof(c->dev));
    c->is_sub = cf_u64(rec, "sub", 0) != 0;
    c->primary = relid;
    if (!c->is_sub)
        return;
    /* the latest primary offer of the same device name */
    for (uint32_t r = relid; r-- > 0;) {
        const struct rq_relid *p = &s->ch[r];
        if (p->offered && !p->is_sub && !strcmp(p->dev, c->dev)) {
            c->primary = r;
            return;
        }
    }
}

static void close_primary(struct rq_state *s, struct cf_run *run, const struct trc_record *rec,
                          uint32_t relid)
{
    int subs_used = 0, bad = 0;
    for (uint32_t r = 0; r < CF_RQ_MAX_RELIDS; r++) {
        const struct rq_relid *c = &s->ch[r];
        if (!c->offered || !c->is_sub || c->primary != relid)
            continue;
        subs_used |= c->ever_open;
        if (c->open && !c->rescinded) {
            bad = 1;
            cf_fail(run, "VMB-CLOSE-001", rec, "primary relid %u closed while its sub-channel "
                    "relid %u is open", relid, r);
        }
    }
    if (subs_used && !bad)
        cf_pass(run, "VMB-CLOSE-001");
}

static void rq_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct rq_state *s = st;
    if (cf_is(rec, "vsp.testrq", "summary")) {
        rq_summary(run, rec);
    } else if (cf_is(rec, "vsp.testrq", "bad_comp")) {
        rq_bad_comp(s, run, rec);
    } else if (cf_is(rec, "guest.testrq", "comp")) {
        rq_guest_comp(s, run, rec);
    } else if (cf_is(rec, "vmbus", "offer")) {
        close_offer(s, rec);
    } else if (cf_is(rec, "vmbus", "rescind")) {
        uint32_t relid = rq_relid(rec);
        if (relid < CF_RQ_MAX_RELIDS)
            s->ch[relid].rescinded = 1;
    } else if (!strncmp(rec->source, "vsp.", 4) && !strcmp(rec->kind, "open")) {
        uint32_t relid = rq_relid(rec);
        if (relid < CF_RQ_MAX_RELIDS && cf_u64(rec, "status", 1) == 0)
            s->ch[relid].open = s->ch[relid].ever_open = 1;
    } else if (!strncmp(rec->source, "vsp.", 4) && !strcmp(rec->kind, "close")) {
        uint32_t relid = rq_relid(rec);
        if (relid >= CF_RQ_MAX_RELIDS)
            return;
        if (s->ch[relid].offered && !s->ch[relid].is_sub)
            close_primary(s, run, rec, relid);
        s->ch[relid].open = 0;
    }
}

static void rq_finish(void *st, struct cf_run *run)
{
    struct rq_state *s = st;
    for (uint32_t i = 0; i < s->nr_bad; i++)
        cf_fail(run, s->bad[i].rule, NULL, "relid %u: bad completion serial %u never processed "
                "by the guest", s->bad[i].relid, s->bad[i].serial);
}

const struct cf_checker cf_vmbus_rq_checker = {
    .name = "vmbus.requestor",
    .state_size = sizeof(struct rq_state),
    .on_record = rq_record,
    .finish = rq_finish,
};
