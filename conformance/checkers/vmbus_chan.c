/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus_chan.c - VMBus-core checkers of offers, OPENCHANNEL contents, guest waits ended by a
 * rescind, unload, and the guest's ring traffic as the host observed it. Each is a passive
 * state machine over trace records; each judgement names its rule (conformance/rules/
 * vmbus.yaml).
 *
 * Observations used: host records (vmbus offer/rescind/recv, vsp.<dev>.<relid> open/ring_init/
 * ring_recv/ring_send/guest_signal/close/released), the hypervisor's hypercall and delivery
 * records, and the guest's own hv tracepoints (guest.tp) for what the guest processed.
 *
 * Invariants: checkers only read; per-relid state is bounded by CF_VC_MAX_RELIDS (larger relids
 * are ignored, which the host model never produces).
 */
#include <stdio.h>
#include <string.h>

#include "cf/vmbus.h"
#include "vmbus_internal.h"

#define CF_VC_MAX_RELIDS 256
#define CF_VC_MAX_OFFERS 512
#define CF_VC_RING_ENDS 64

static uint32_t vc_relid(const struct trc_record *rec)
{
    uint64_t r = cf_u64(rec, "relid", CF_VC_MAX_RELIDS);
    return r < CF_VC_MAX_RELIDS ? (uint32_t)r : CF_VC_MAX_RELIDS;
}

static int vc_is_chan(const struct trc_record *rec, const char *kind)
{
    return !strncmp(rec->source, "vsp.", 4) && !strcmp(rec->kind, kind);
}

static int vc_tp(const struct trc_record *rec, const char *name)
{
    return cf_is(rec, "guest.tp", name) && rec->body;
}

/* First "child_relid 0x<hex>" in a tracepoint body, or CF_VC_MAX_RELIDS. */
static uint32_t tp_relid(const struct trc_record *rec)
{
    const char *p = strstr(rec->body, "child_relid ");
    unsigned r;
    if (!p || sscanf(p, "child_relid %x", &r) != 1 || r >= CF_VC_MAX_RELIDS)
        return CF_VC_MAX_RELIDS;
    return r;
}

/* Class GUIDs of the drivers built into the guest images, with their ring size per direction
 * (protocol-inventory §1.13: util ICs 16 KiB, keyboard and mouse 36 KiB). */
static const struct {
    const char *guid;
    uint32_t ring_bytes;
} vc_classes[] = {
    {"57164f39-9115-4e78-ab55-382f3bd5422d", 16384}, /* heartbeat */
    {"0e0b6031-5213-4934-818b-38d90ced39db", 16384}, /* shutdown */
    {"9527e630-d0ae-497b-adce-e80ab0175caf", 16384}, /* timesync */
    {"a9a0f4e7-5a45-4d96-b827-8a841e8c03e6", 16384}, /* kvp */
    {"35fa2e29-ea23-4236-96ae-3a6ebacba440", 16384}, /* vss */
    {"34d14be3-dee4-41c8-9ae7-6b174977c192", 16384}, /* fcopy */
    {"f912ad6d-2b17-48ea-bd65-f927a61c7684", 36864}, /* keyboard */
    {"cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a", 36864}, /* mouse */
};

static uint32_t class_ring_bytes(const char *guid)
{
    for (size_t i = 0; i < sizeof(vc_classes) / sizeof(vc_classes[0]); i++)
        if (!strcmp(vc_classes[i].guid, guid))
            return vc_classes[i].ring_bytes;
    return 0;
}

/* ---- offers and OPENCHANNEL: VMB-MSG-004, VMB-OFF-003/006, VMB-OPEN-001/003/004/005,
 *      VMB-RING-016, VMB-SIG-002 ---- */

struct vc_offer {
    uint8_t offered, sub, guest_seen, opened, first_read_judged, adds;
    uint32_t conn;
    int32_t monitorid;
    uint32_t gpadl_bytes, out_offset;
    char if_type[40], if_instance[40];
};

struct offer_state {
    struct vc_offer ch[CF_VC_MAX_RELIDS];
    uint32_t host_order[CF_VC_MAX_OFFERS], nr_host, nr_guest;
};

static void offer_guest(struct offer_state *s, struct cf_run *run, const struct trc_record *rec)
{
    uint32_t relid = tp_relid(rec);
    if (relid >= CF_VC_MAX_RELIDS)
        return;
    struct vc_offer *c = &s->ch[relid];
    const char *t = strstr(rec->body, "if_type "), *i = strstr(rec->body, "if_instance ");
    const char *sc = strstr(rec->body, "sub_channel_index ");
    unsigned sub = 0;
    if (t)
        sscanf(t, "if_type %36s", c->if_type);
    if (i)
        sscanf(i, "if_instance %36s", c->if_instance);
    if (sc)
        sscanf(sc, "sub_channel_index %u", &sub);
    c->guest_seen = 1;
    if (s->nr_guest < s->nr_host) {
        uint32_t want = s->host_order[s->nr_guest];
        if (want == relid)
            cf_pass(run, "VMB-MSG-004");
        else
            cf_fail(run, "VMB-MSG-004", rec, "guest processed the offer of relid %u where "
                    "relid %u was offered first", relid, want);
    }
    s->nr_guest++;
    if (sub == 0)
        return;
    for (uint32_t r = 0; r < CF_VC_MAX_RELIDS; r++) {
        const struct vc_offer *p = &s->ch[r];
        if (r != relid && p->guest_seen && !p->sub && !strcmp(p->if_type, c->if_type) &&
            !strcmp(p->if_instance, c->if_instance))
            c->sub = 2; /* a sub-channel of relid r: judged at device_add and finish */
    }
}

static void offer_device_add(struct offer_state *s, struct cf_run *run,
                             const struct trc_record *rec)
{
    char dev[40];
    if (!cf_get(rec, "dev", dev, sizeof(dev)))
        return;
    uint32_t adds = 0;
    for (uint32_t r = 0; r < CF_VC_MAX_RELIDS; r++) {
        struct vc_offer *c = &s->ch[r];
        if (c->guest_seen && c->sub < 2 && !strcmp(c->if_instance, dev))
            adds = ++c->adds;
    }
    if (adds < 2)
        return;
    /* a second device with the primary's instance: a sub-channel treated as a new device */
    for (uint32_t r = 0; r < CF_VC_MAX_RELIDS; r++) {
        struct vc_offer *c = &s->ch[r];
        if (c->sub == 2 && !strcmp(c->if_instance, dev)) {
            cf_fail(run, "VMB-OFF-003", rec, "sub-channel relid %u registered as a device of "
                    "its own", r);
            c->sub = 3;
        }
    }
}

static void offer_open(struct offer_state *s, struct cf_run *run, const struct trc_record *rec,
                       uint32_t relid)
{
    struct vc_offer *c = &s->ch[relid];
    uint64_t openid = cf_u64(rec, "openid", UINT64_MAX);
    if (openid == relid)
        cf_pass(run, "VMB-OPEN-001");
    else
        cf_fail(run, "VMB-OPEN-001", rec, "OPENCHANNEL openid=%llu for relid %u",
                (unsigned long long)openid, relid);
    if (cf_eq(rec, "userdata", "zero"))
        cf_pass(run, "VMB-OPEN-005");
    else
        cf_fail(run, "VMB-OPEN-005", rec, "OPENCHANNEL userdata not zero for relid %u", relid);
    uint64_t vp = cf_u64(rec, "target_vp", UINT64_MAX);
    if (class_ring_bytes(c->if_type)) { /* util ICs, keyboard, mouse: not perf classes */
        if (vp == 0)
            cf_pass(run, "VMB-OFF-006");
        else
            cf_fail(run, "VMB-OFF-006", rec, "relid %u (non-perf class) target_vp=%llu, "
                    "expected CPU 0's VP 0", relid, (unsigned long long)vp);
    }
    c->out_offset = (uint32_t)cf_u64(rec, "out_offset", 0);
    uint32_t want = class_ring_bytes(c->if_type);
    if (want && c->gpadl_bytes) {
        uint32_t out = c->out_offset * 4096u, in = c->gpadl_bytes - out;
        if (out == want && in == want)
            cf_pass(run, "VMB-RING-016");
        else
            cf_fail(run, "VMB-RING-016", rec, "relid %u rings out=%u in=%u bytes, expected %u "
                    "each", relid, out, c->gpadl_bytes > out ? in : 0, want);
    }
    if (c->out_offset == 0 || c->out_offset * 4096ull >= c->gpadl_bytes)
        cf_fail(run, "VMB-OPEN-003", rec, "relid %u downstream offset %u pages outside the %u "
                "byte ring GPADL", relid, c->out_offset, c->gpadl_bytes);
    c->opened = cf_u64(rec, "status", 1) == 0;
}

static void offer_ring_init(struct cf_run *run, const struct trc_record *rec)
{
    static const char *const zero[] = {"in_w", "in_r", "out_w", "out_r"};
    for (size_t i = 0; i < 4; i++) {
        if (cf_u64(rec, zero[i], 1) != 0) {
            cf_fail(run, "VMB-OPEN-004", rec, "ring header %s=%llu at OPENCHANNEL", zero[i],
                    (unsigned long long)cf_u64(rec, zero[i], 1));
            return;
        }
    }
    if (cf_u64(rec, "in_f", 0) != 1 || cf_u64(rec, "out_f", 0) != 1)
        cf_fail(run, "VMB-OPEN-004", rec, "ring feature_bits in=%llu out=%llu, expected 1",
                (unsigned long long)cf_u64(rec, "in_f", 0),
                (unsigned long long)cf_u64(rec, "out_f", 0));
    else
        cf_pass(run, "VMB-OPEN-004");
}

static void offer_signal_event(struct offer_state *s, struct cf_run *run,
                               const struct trc_record *rec)
{
    uint64_t conn = cf_u64(rec, "conn", 0);
    for (uint32_t r = 0; r < CF_VC_MAX_RELIDS; r++) {
        const struct vc_offer *c = &s->ch[r];
        if (c->offered && c->conn == conn && c->monitorid < 0) {
            cf_pass(run, "VMB-SIG-002");
            return;
        }
    }
    cf_fail(run, "VMB-SIG-002", rec, "HvSignalEvent on connection %llu, which is no "
            "unmonitored offer's connection_id", (unsigned long long)conn);
}

static void offer_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct offer_state *s = st;
    uint32_t relid = vc_relid(rec);
    if (cf_is(rec, "vmbus", "offer") && relid < CF_VC_MAX_RELIDS) {
        struct vc_offer *c = &s->ch[relid];
        memset(c, 0, sizeof(*c));
        c->offered = 1;
        c->conn = (uint32_t)cf_u64(rec, "conn", 0);
        c->monitorid = (int32_t)cf_u64(rec, "monitorid", (uint64_t)-1);
        if (s->nr_host < CF_VC_MAX_OFFERS)
            s->host_order[s->nr_host++] = relid;
    } else if (vc_tp(rec, "vmbus_onoffer")) {
        offer_guest(s, run, rec);
    } else if (cf_is(rec, "guest.driver", "device_add")) {
        offer_device_add(s, run, rec);
    } else if (cf_is(rec, "vmbus", "gpadl_created") && relid < CF_VC_MAX_RELIDS &&
               !s->ch[relid].opened) {
        s->ch[relid].gpadl_bytes = (uint32_t)cf_u64(rec, "bytes", 0);
    } else if (vc_is_chan(rec, "open") && relid < CF_VC_MAX_RELIDS) {
        offer_open(s, run, rec, relid);
    } else if (vc_is_chan(rec, "ring_init")) {
        offer_ring_init(run, rec);
    } else if (vc_is_chan(rec, "ring_recv") && relid < CF_VC_MAX_RELIDS &&
               s->ch[relid].opened && !s->ch[relid].first_read_judged) {
        /* The guest's first packet sits in the first out_offset pages: its outbound ring
         * comes first in the GPADL and the offset is that ring's size. */
        s->ch[relid].first_read_judged = 1;
        if (cf_eq(rec, "trailer_ok", "1"))
            cf_pass(run, "VMB-OPEN-003");
    } else if (cf_is(rec, "hv", "hypercall") && cf_eq(rec, "call", "signal_event")) {
        offer_signal_event(s, run, rec);
    }
}

static void offer_finish(void *st, struct cf_run *run)
{
    struct offer_state *s = st;
    for (uint32_t r = 0; r < CF_VC_MAX_RELIDS; r++)
        if (s->ch[r].sub == 2)
            cf_pass(run, "VMB-OFF-003");
}

const struct cf_checker cf_vmbus_offer_checker = {
    .name = "vmbus.offers",
    .state_size = sizeof(struct offer_state),
    .on_record = offer_record,
    .finish = offer_finish,
};

/* ---- waits ended by a rescind, early rescinds, sub-channel rescinds, unload:
 *      VMB-OPEN-008, VMB-RESC-004, VMB-RESC-006, VMB-UNLD-002, VMB-UNLD-005 ---- */

struct vc_wait {
    uint8_t wait_gpadl, wait_open, opened, rescinded, rescind_in_wait, early, sub;
    uint8_t guest_offer, closed_after_rescind, released;
};

struct wait_state {
    struct vc_wait ch[CF_VC_MAX_RELIDS];
    int unload_posted, unload_response, discard_due;
    uint64_t discard_seq;
    /* VMB-UNLD-003: a guest panic (guest.panic start) and its UNLOAD / response times */
    int panic;
    uint64_t panic_unload_ns, panic_response_ns;
};

/* The crash path: vmbus_wait_for_unload() polls every CPU's message page every 10 ms
 * (UNLOAD_DELAY_UNIT_MS) and gives up after 10,000 polls (100 s). */
#define UNLD_POLL_NS 10000000ull
#define UNLD_GIVE_UP_NS 100000000000ull

static void wait_panic_done(struct wait_state *s, struct cf_run *run, const struct trc_record *rec)
{
    uint64_t t = rec->time_ns;
    if (!s->panic_unload_ns) {
        cf_fail(run, "VMB-UNLD-003", rec, "the panic notifiers finished without an UNLOAD");
    } else if (s->panic_response_ns) {
        if (t - s->panic_response_ns <= 2 * UNLD_POLL_NS)
            cf_pass(run, "VMB-UNLD-003");
        else
            cf_fail(run, "VMB-UNLD-003", rec, "UNLOAD_RESPONSE was in the slot %llu us before "
                    "the crash path noticed it", (unsigned long long)(t - s->panic_response_ns) /
                    1000);
    } else {
        uint64_t waited = t - s->panic_unload_ns;
        if (waited >= UNLD_GIVE_UP_NS && waited <= UNLD_GIVE_UP_NS + 2 * UNLD_POLL_NS)
            cf_pass(run, "VMB-UNLD-003");
        else
            cf_fail(run, "VMB-UNLD-003", rec, "without UNLOAD_RESPONSE the crash path gave up "
                    "after %llu ms, not ~100 s", (unsigned long long)waited / 1000000);
    }
    s->panic = 0;
}

static void wait_tp(struct wait_state *s, struct cf_run *run, const struct trc_record *rec)
{
    uint32_t relid = tp_relid(rec);
    int handler = !strcmp(rec->kind, "vmbus_onoffer") || !strcmp(rec->kind,
                                                                   "vmbus_onoffer_rescind");
    if (handler && s->unload_posted && s->discard_due)
        cf_fail(run, "VMB-UNLD-005", rec, "guest ran %s after it sent UNLOAD", rec->kind);
    if (relid >= CF_VC_MAX_RELIDS)
        return;
    struct vc_wait *c = &s->ch[relid];
    int ok = strstr(rec->body, "ret 0") != NULL;
    if (!strcmp(rec->kind, "vmbus_onoffer")) {
        c->guest_offer = 1;
    } else if (!strcmp(rec->kind, "vmbus_establish_gpadl_header") && ok) {
        c->wait_gpadl = 1;
    } else if (!strcmp(rec->kind, "vmbus_ongpadl_created")) {
        c->wait_gpadl = 0;
    } else if (!strcmp(rec->kind, "vmbus_open") && ok) {
        c->wait_open = 1;
    } else if (!strcmp(rec->kind, "vmbus_onopen_result")) {
        c->wait_open = 0;
        if (c->rescind_in_wait && strstr(rec->body, "status 0"))
            cf_fail(run, "VMB-OPEN-008", rec, "relid %u opened after its rescind", relid);
        c->opened = strstr(rec->body, "status 0") != NULL;
    } else if (!strcmp(rec->kind, "vmbus_onoffer_rescind")) {
        c->rescind_in_wait = c->wait_gpadl || c->wait_open;
    }
}

static void wait_released(struct vc_wait *c, struct cf_run *run, const struct trc_record *rec,
                          uint32_t relid)
{
    if (!c->rescinded || c->released++)
        return;
    if (c->rescind_in_wait)
        cf_pass(run, "VMB-OPEN-008"); /* the wait ended: the probe finished, then release */
    if (c->early) {
        if (c->guest_offer)
            cf_pass(run, "VMB-RESC-004");
        else
            cf_fail(run, "VMB-RESC-004", rec, "relid %u released before the guest processed "
                    "its offer", relid);
    }
    if (c->sub && !c->opened) {
        if (c->closed_after_rescind)
            cf_fail(run, "VMB-RESC-006", rec, "CLOSECHANNEL for the unopened sub-channel "
                    "relid %u", relid);
        else
            cf_pass(run, "VMB-RESC-006");
    }
}

static void wait_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct wait_state *s = st;
    uint32_t relid = vc_relid(rec);
    struct vc_wait *c = relid < CF_VC_MAX_RELIDS ? &s->ch[relid] : NULL;
    if (cf_is(rec, "vmbus", "offer") && c) {
        memset(c, 0, sizeof(*c));
        c->sub = cf_u64(rec, "sub", 0) != 0;
    } else if (cf_is(rec, "vmbus", "rescind") && c) {
        c->rescinded = 1;
        c->early = !c->guest_offer;
    } else if (!strcmp(rec->source, "guest.tp") && rec->body) {
        wait_tp(s, run, rec);
    } else if (vc_is_chan(rec, "close") && c && c->rescinded) {
        c->closed_after_rescind = 1;
    } else if (vc_is_chan(rec, "released") && c) {
        wait_released(c, run, rec, relid);
    } else if (cf_is(rec, "guest.panic", "start")) {
        s->panic = 1;
    } else if (cf_is(rec, "guest.panic", "notifiers_done") && s->panic) {
        wait_panic_done(s, run, rec);
    } else if (cf_is(rec, "hv", "hypercall") && cf_u64(rec, "vmb_msgtype", 0) == 16) {
        s->unload_posted = 1;
        if (s->panic && !s->panic_unload_ns)
            s->panic_unload_ns = rec->time_ns ? rec->time_ns : 1;
    } else if (cf_is(rec, "vmbus", "negotiate") && cf_eq(rec, "accepted", "1") &&
               s->unload_posted) {
        /* a new connection after UNLOAD (hibernation resume, vmbus_pm.c): messages are
         * processed again */
        if (s->discard_due)
            cf_pass(run, "VMB-UNLD-005");
        s->unload_posted = s->unload_response = s->discard_due = 0;
    } else if (cf_is(rec, "hv", "deliver") && s->unload_posted) {
        uint64_t t = cf_u64(rec, "vmb_msgtype", 0);
        if (t == 17)
            s->unload_response = 1;
        if (t == 17 && s->panic && !s->panic_response_ns)
            s->panic_response_ns = rec->time_ns ? rec->time_ns : 1;
        if ((t == 1 || t == 2) && !s->discard_due) {
            s->discard_due = 1;
            s->discard_seq = rec->seq;
        }
    } else if (cf_is(rec, "guest.unload", "done") && s->unload_posted) {
        if (s->unload_response)
            cf_pass(run, "VMB-UNLD-002");
        else
            cf_fail(run, "VMB-UNLD-002", rec, "unload finished before UNLOAD_RESPONSE arrived");
    }
}

static void wait_finish(void *st, struct cf_run *run)
{
    struct wait_state *s = st;
    if (s->discard_due)
        cf_pass(run, "VMB-UNLD-005"); /* judged failed on the handler's tracepoint */
    for (uint32_t r = 0; r < CF_VC_MAX_RELIDS; r++) {
        const struct vc_wait *c = &s->ch[r];
        if (c->rescind_in_wait && !c->released)
            cf_fail(run, "VMB-OPEN-008", NULL, "relid %u: the wait interrupted by its rescind "
                    "never ended (no RELID_RELEASED)", r);
    }
}

const struct cf_checker cf_vmbus_wait_checker = {
    .name = "vmbus.waits",
    .state_size = sizeof(struct wait_state),
    .on_record = wait_record,
    .finish = wait_finish,
};

/* ---- guest ring traffic as the host reads it: VMB-RING-003/004/005/006,
 *      VMB-SIG-003/004/005 ----
 *
 * SIG-004/005 need the host's view of when a packet was written. The host publishes its
 * read_index once per read batch, so every packet after the first of a batch (ring_recv
 * batch_pos > 0) was written while the ring held its predecessor: a write into a non-empty
 * ring (VMB-SIG-005), unless the host's interrupt_mask was set meanwhile. A packet the host
 * reads while its mask is set was written under the mask (the host read everything before
 * setting it, sim/exec/vmbus_faults.c host-busy): VMB-SIG-004. A wrong signal is judged when
 * it happens (guest_signal pkts/imask). */

struct vc_ring {
    uint32_t ends[CF_VC_RING_ENDS]; /* host packet end offsets in the host->guest ring */
    uint32_t nr_ends, last_rd;
    uint8_t full_since_signal;
    uint8_t masked;        /* the host's guest->host interrupt_mask is set */
    uint8_t mask_in_batch; /* the mask was set at some point since the batch's writes began */
    uint8_t batch_clean;   /* the current batch was written with the mask clear */
};

struct ring_state {
    struct vc_ring ch[CF_VC_MAX_RELIDS];
};

static void ring_recv_signals(struct vc_ring *c, struct cf_run *run,
                              const struct trc_record *rec)
{
    uint64_t pos = cf_u64(rec, "batch_pos", 0);
    if (pos == 0) {
        c->batch_clean = !c->mask_in_batch;
        c->mask_in_batch = c->masked;
    }
    if (c->masked)
        cf_pass(run, "VMB-SIG-004"); /* written under the mask; a signal would have failed */
    else if (pos > 0 && c->batch_clean)
        cf_pass(run, "VMB-SIG-005"); /* written into a non-empty ring without a signal */
}

static void ring_recv(struct cf_run *run, const struct trc_record *rec)
{
    if (cf_eq(rec, "trailer_ok", "1"))
        cf_pass(run, "VMB-RING-003");
    else
        cf_fail(run, "VMB-RING-003", rec, "guest packet trailer is not its start offset << 32");
    cf_pass(run, "VMB-RING-004"); /* whole packet + trailer below the published write_index */
    uint64_t type = cf_u64(rec, "type", 0);
    if (type != 6 && type != 11)
        return;
    uint64_t off8 = cf_u64(rec, "offset8", 0), flags = cf_u64(rec, "flags", 0);
    if (off8 == 2 && flags <= 1)
        cf_pass(run, "VMB-RING-005");
    else
        cf_fail(run, "VMB-RING-005", rec, "plain packet with offset8=%llu flags=%llu",
                (unsigned long long)off8, (unsigned long long)flags);
}

static void ring_send(struct vc_ring *c, struct cf_run *run, const struct trc_record *rec)
{
    uint32_t rd = (uint32_t)cf_u64(rec, "guest_rd", 0);
    if (rd != c->last_rd) {
        int ok = 0;
        for (uint32_t i = 0; i < c->nr_ends && i < CF_VC_RING_ENDS; i++)
            ok |= c->ends[i] == rd;
        if (ok)
            cf_pass(run, "VMB-RING-006");
        else
            cf_fail(run, "VMB-RING-006", rec, "guest read_index %u is no packet boundary", rd);
        c->last_rd = rd;
    }
    c->ends[c->nr_ends++ % CF_VC_RING_ENDS] = (uint32_t)cf_u64(rec, "end", 0);
}

static void ring_signal(struct vc_ring *c, struct cf_run *run, const struct trc_record *rec)
{
    if (!cf_eq(rec, "bound", "1"))
        return;
    uint64_t pkts = cf_u64(rec, "pkts", 0), imask = cf_u64(rec, "imask", 0);
    if (c->full_since_signal) {
        /* the host's ring was full: this may be the guest's read-side signal (VMB-RING-008),
         * which does not depend on its own outbound ring */
        c->full_since_signal = 0;
        return;
    }
    if (imask) { /* the host said "busy": no write may signal, whatever the ring held */
        cf_fail(run, "VMB-SIG-004", rec, "guest signalled with outbound interrupt_mask set");
        return;
    }
    if (pkts == 1)
        cf_pass(run, "VMB-SIG-003");
    else if (pkts > 1)
        cf_fail(run, "VMB-SIG-005", rec, "guest signalled a write into a ring that held %llu "
                "packets", (unsigned long long)pkts - 1);
    else if (pkts == 0)
        cf_fail(run, "VMB-SIG-003", rec, "guest signalled without a new packet and without a "
                "pending_send_sz request");
}

/*
 * The test device's own judgements (models/testvsp): its "result" record counts what it
 * judged; a violation was already a finding of that rule (FAIL, sticky), so a count > 0
 * records that the rule was exercised.
 */
static void test_result(struct cf_run *run, const struct trc_record *rec)
{
    if (cf_u64(rec, "layout_checks", 0))
        cf_pass(run, "VMB-RING-002");
    if (cf_u64(rec, "read_signals", 0))
        cf_pass(run, "VMB-RING-008");
    if (cf_u64(rec, "mask_checks", 0))
        cf_pass(run, "VMB-SIG-006");
    if (cf_u64(rec, "batch_checks", 0))
        cf_pass(run, "VMB-RING-007");
    if (cf_u64(rec, "exact_checks", 0))
        cf_pass(run, "VMB-RING-001"); /* a complete fill is the host's finding */
    /* VMB-RING-011: the host rewrote a packet (descriptor and payload) in the ring; the guest
     * found every packet intact, so it worked on what it had copied */
    if (cf_u64(rec, "toctou", 0)) {
        if (cf_u64(rec, "guest_rx_bad", 0))
            cf_fail(run, "VMB-RING-011", rec, "after the host rewrote a packet in the ring the "
                    "guest found %llu damaged packets",
                    (unsigned long long)cf_u64(rec, "guest_rx_bad", 0));
        else
            cf_pass(run, "VMB-RING-011");
    }
    /* VMB-RING-015: the guest's sends failed on a full ring (its DONE says how often) and
     * every packet the host then read was whole and in sequence: a partial write would have
     * surfaced as a bad packet. */
    if (cf_u64(rec, "guest_waits", 0)) {
        if (cf_u64(rec, "rx_bad", 0))
            cf_fail(run, "VMB-RING-015", rec, "the guest's sends failed on a full ring %llu "
                    "times and the host read %llu bad packets",
                    (unsigned long long)cf_u64(rec, "guest_waits", 0),
                    (unsigned long long)cf_u64(rec, "rx_bad", 0));
        else
            cf_pass(run, "VMB-RING-015");
    }
}

static void ring_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct ring_state *s = st;
    if (cf_is(rec, "guest.testdrv", "tx_exact")) {
        /* the test driver's send when the free space equalled the packet: the kernel must
         * refuse it (VMB-RING-001) */
        char ret[16];
        if (cf_get(rec, "ret", ret, sizeof(ret)) && !strcmp(ret, "-11"))
            cf_pass(run, "VMB-RING-001");
        else
            cf_fail(run, "VMB-RING-001", rec, "a send into exactly its own size of free space "
                    "returned %s, not -EAGAIN (the ring would be filled completely)", ret);
        return;
    }
    if (strncmp(rec->source, "vsp.", 4))
        return;
    if (cf_is(rec, "vsp.test", "result")) {
        test_result(run, rec);
        return;
    }
    uint32_t relid = vc_relid(rec);
    if (relid >= CF_VC_MAX_RELIDS)
        return;
    struct vc_ring *c = &s->ch[relid];
    if (!strcmp(rec->kind, "ring_bind")) {
        memset(c, 0, sizeof(*c));
        c->ends[c->nr_ends++] = 0;
    } else if (!strcmp(rec->kind, "ring_recv")) {
        ring_recv(run, rec);
        ring_recv_signals(c, run, rec);
    } else if (!strcmp(rec->kind, "ring_mask")) {
        c->masked = cf_u64(rec, "mask", 0) != 0;
        c->mask_in_batch |= c->masked;
    } else if (!strcmp(rec->kind, "ring_send") || !strcmp(rec->kind, "ring_send_raw")) {
        ring_send(c, run, rec); /* a raw (adversarial) packet ends where the host says */
    } else if (!strcmp(rec->kind, "ring_full")) {
        c->full_since_signal = 1;
    } else if (!strcmp(rec->kind, "guest_signal")) {
        ring_signal(c, run, rec);
    }
}

const struct cf_checker cf_vmbus_ring_checker = {
    .name = "vmbus.ring",
    .state_size = sizeof(struct ring_state),
    .on_record = ring_record,
};
