/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus.c - VMBus-core checkers: negotiation, SynIC usage, GPADL/open, close, rescind,
 * unload. Each is a small state machine over trace records; each judgement names the rule
 * of the protocol inventory it implements (see conformance/rules/vmbus.yaml).
 *
 * Invariants: checkers only read records; per-relid state is bounded by CF_VMB_MAX_RELIDS
 * (relids above are ignored, which the host model never produces).
 */
#include "cf/vmbus.h"
#include "vmbus_internal.h"

#include <stdio.h>
#include <string.h>

#define CF_VMB_MAX_RELIDS 256
#define CF_VMB_MAX_VCPUS 64
#define CF_VMB_MAX_GPADLS 512

static int is_chan(const struct trc_record *rec, const char *kind)
{
    return !strncmp(rec->source, "vsp.", 4) && !strcmp(rec->kind, kind);
}

static int recv_msg(const struct trc_record *rec, const char *msg)
{
    return cf_is(rec, "vmbus", "recv") && cf_eq(rec, "msg", msg);
}

static uint32_t relid_of(const struct trc_record *rec)
{
    uint64_t r = cf_u64(rec, "relid", CF_VMB_MAX_RELIDS);
    return r < CF_VMB_MAX_RELIDS ? (uint32_t)r : CF_VMB_MAX_RELIDS;
}

/* "5.3" -> 0x50003 */
static uint32_t version_of(const struct trc_record *rec)
{
    char buf[16];
    unsigned major = 0, minor = 0;
    if (!cf_get(rec, "version", buf, sizeof(buf)) || sscanf(buf, "%u.%u", &major, &minor) != 2)
        return 0;
    return major << 16 | minor;
}

/* ---- negotiation: VMB-VER-001/002/003/004/005/006/008/009/010/012, VMB-SYN-002/003 ---- */

static const uint32_t ver_order[] = {0x50003, 0x50002, 0x50001, 0x50000,
                                     0x40001, 0x40000, 0x30000, 0x20004};
#define NR_VER_ORDER (sizeof(ver_order) / sizeof(ver_order[0]))

struct neg_state {
    uint64_t last_post_type, last_post_size; /* the latest HvPostMessage */
    int retry_due;                           /* it failed transiently: expect a re-post */
    uint32_t contacts;
    uint32_t last_refused;
    uint32_t accepted_version; /* 0 until accepted */
    uint32_t requestoffers;
    uint32_t unloads;
    int contact_outstanding;   /* an INITIATE_CONTACT was posted, no VERSION_RESPONSE yet */
    int hv_rejected_pending;   /* the hypervisor refused the last post: INVALID_CONNECTION_ID */
    uint32_t hv_rejected;      /* version of the INITIATE_CONTACT the hypervisor refused */
    /* VMB-VER-007 (VTL2 redirect) and VMB-VER-011 (isolated guests) */
    uint32_t vtl;              /* the partition's VTL (hv config record) */
    int isolated;              /* CPUID reported an isolation type */
    uint64_t contact_conn;     /* connection id of the latest INITIATE_CONTACT post */
    uint32_t redirect_refused; /* version whose post on the redirect id was refused */
    uint32_t after_abort;      /* messages posted after an isolated guest got < 5.2 */
};

#define HV_STATUS_INSUFFICIENT_MEMORY 11
#define HV_STATUS_INVALID_CONNECTION_ID 18
#define VMB_CONN_ID_REDIRECT 0x800074u /* 6.12 VMBUS_MESSAGE_CONNECTION_ID_REDIRECT */
#define HV_STATUS_INSUFFICIENT_BUFFERS 19

static void neg_contact(struct neg_state *s, struct cf_run *run, const struct trc_record *rec)
{
    uint32_t v = version_of(rec);
    if (s->hv_rejected) {
        uint32_t want = 0;
        for (size_t i = 0; i + 1 < NR_VER_ORDER; i++)
            if (ver_order[i] == s->hv_rejected)
                want = ver_order[i + 1];
        if (v == want)
            cf_pass(run, "VMB-VER-006");
        else
            cf_fail(run, "VMB-VER-006", rec, "after the hypervisor refused %u.%u the guest "
                    "requested %u.%u", s->hv_rejected >> 16, s->hv_rejected & 0xffff, v >> 16,
                    v & 0xffff);
        s->hv_rejected = 0;
        s->contacts++;
    } else if (s->contacts++ == 0) {
        if (v == ver_order[0])
            cf_pass(run, "VMB-VER-001");
        else
            cf_fail(run, "VMB-VER-001", rec, "first INITIATE_CONTACT requested %u.%u",
                    v >> 16, v & 0xffff);
    } else if (s->last_refused) {
        size_t i = 0;
        while (i < NR_VER_ORDER && ver_order[i] != s->last_refused)
            i++;
        if (i + 1 < NR_VER_ORDER && ver_order[i + 1] == v)
            cf_pass(run, "VMB-VER-002");
        else
            cf_fail(run, "VMB-VER-002", rec, "after %u.%u was refused the guest requested "
                    "%u.%u", s->last_refused >> 16, s->last_refused & 0xffff, v >> 16,
                    v & 0xffff);
    }
    cf_pass(run, v >= 0x50000 ? "VMB-VER-003" : "VMB-VER-004");
    cf_pass(run, "VMB-VER-008");
    if (cf_eq(rec, "accepted", "1"))
        s->accepted_version = v;
    else
        s->last_refused = v;
}

/* Every HvPostMessage: VMB-SYN-002/003 and, for INITIATE_CONTACT, VMB-VER-009. */
static void neg_post(struct neg_state *s, struct cf_run *run, const struct trc_record *rec)
{
    cf_pass(run, "VMB-SYN-002");
    uint64_t type = cf_u64(rec, "vmb_msgtype", 0), size = cf_u64(rec, "size", 0);
    if (s->retry_due) {
        if (type == s->last_post_type && size == s->last_post_size)
            cf_pass(run, "VMB-SYN-003");
        else
            cf_fail(run, "VMB-SYN-003", rec, "after a transient failure of msgtype %llu "
                    "the guest posted msgtype %llu", (unsigned long long)s->last_post_type,
                    (unsigned long long)type);
        s->retry_due = 0;
    }
    if (type == 14)
        s->contact_conn = cf_u64(rec, "conn", 0);
    if (s->isolated && s->accepted_version && s->accepted_version < 0x50002)
        s->after_abort++;
    if (type == 14) {
        if (s->contact_outstanding)
            cf_fail(run, "VMB-VER-009", rec, "a second INITIATE_CONTACT while one is "
                    "outstanding");
        s->contact_outstanding = 1;
    }
    s->last_post_type = type;
    s->last_post_size = size;
}

/*
 * VMB-VER-007, from the guest's vmbus_negotiate_version tracepoint (it follows the post, with
 * its return value): a VTL2 guest posts a >= 5.0 INITIATE_CONTACT on the redirect id first
 * and on 4 only after the hypervisor refused the redirect id (-ENXIO); a VTL0 guest never
 * uses the redirect id.
 */
static void neg_vtl(struct neg_state *s, struct cf_run *run, const struct trc_record *rec)
{
    unsigned v;
    int ret = 0;
    const char *p = strstr(rec->body, "vmbus_version_requested ");
    const char *r = strstr(rec->body, "ret ");
    if (!p || sscanf(p, "vmbus_version_requested %u", &v) != 1 || v < 0x50000)
        return;
    if (r)
        sscanf(r, "ret %d", &ret);
    if (s->contact_conn == VMB_CONN_ID_REDIRECT) {
        if (s->vtl != 2)
            cf_fail(run, "VMB-VER-007", rec, "a VTL%u guest posted INITIATE_CONTACT on the VTL2 "
                    "redirect connection id", s->vtl);
        s->redirect_refused = ret == -6 ? v : 0; /* -ENXIO */
    } else if (s->vtl == 2) {
        if (s->redirect_refused == v)
            cf_pass(run, "VMB-VER-007");
        else
            cf_fail(run, "VMB-VER-007", rec, "the VTL2 guest posted %u.%u on connection %llu "
                    "without first being refused on 0x800074", v >> 16, v & 0xffff,
                    (unsigned long long)s->contact_conn);
        s->redirect_refused = 0;
    }
}

static void neg_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct neg_state *s = st;
    if (cf_is(rec, "hv", "cpuid") && cf_u64(rec, "leaf", 0) == 0x4000000C) {
        s->isolated = (cf_u64(rec, "ebx", 0) & 0xf) != 0;
    } else if (cf_is(rec, "hv", "config")) {
        s->vtl = (uint32_t)cf_u64(rec, "vtl", 0); /* the partition's VTL, asked for or not */
    } else if (cf_is(rec, "guest.tp", "vmbus_negotiate_version") && rec->body) {
        neg_vtl(s, run, rec);
    }
    if (cf_is(rec, "hv", "hypercall_result") && cf_eq(rec, "call", "post_message") &&
        cf_u64(rec, "status", 0) != 0 && s->last_post_type == 14)
        s->contact_outstanding = 0; /* refused: it never reached the host */
    if (cf_is(rec, "vmbus", "negotiate")) {
        /* VMB-VER-007, second half: msg_vtl carries the guest's VTL (6.12 sets it from
         * ms_hyperv.vtl; 6.1 has no VTL and sends 0, judged only in a VTL2 partition) */
        if (s->vtl == 2 && version_of(rec) >= 0x50000 && cf_u64(rec, "msg_vtl", 0) != 2)
            cf_fail(run, "VMB-VER-007", rec, "INITIATE_CONTACT of a VTL2 guest carries "
                    "msg_vtl=%llu", (unsigned long long)cf_u64(rec, "msg_vtl", 0));
        neg_contact(s, run, rec);
    } else if (recv_msg(rec, "REQUESTOFFERS")) {
        if (s->requestoffers++ == 0 && s->accepted_version)
            cf_pass(run, "VMB-VER-012");
        else if (!s->accepted_version)
            cf_fail(run, "VMB-VER-012", rec, "REQUESTOFFERS before a version was accepted");
    } else if (recv_msg(rec, "UNLOAD")) {
        s->unloads++;
        if (s->accepted_version >= 0x30000)
            cf_pass(run, "VMB-UNLD-001");
    } else if (cf_is(rec, "vmbus", "recv") && s->accepted_version >= 0x50000 &&
               !cf_eq(rec, "msg", "INITIATE_CONTACT")) {
        cf_pass(run, "VMB-VER-005");
    } else if (cf_is(rec, "hv", "hypercall") && cf_eq(rec, "call", "post_message")) {
        neg_post(s, run, rec);
    } else if (cf_is(rec, "hv", "hypercall_result") && cf_eq(rec, "injected", "1")) {
        uint64_t status = cf_u64(rec, "status", 0);
        s->retry_due = status == HV_STATUS_INSUFFICIENT_MEMORY ||
                       status == HV_STATUS_INSUFFICIENT_BUFFERS;
        if (s->last_post_type == 14) {
            s->contact_outstanding = 0; /* the post failed: it never reached the host */
            s->hv_rejected_pending = status == HV_STATUS_INVALID_CONNECTION_ID;
        }
    } else if (cf_is(rec, "guest.tp", "vmbus_negotiate_version") && s->hv_rejected_pending &&
               rec->body) {
        unsigned v;
        const char *p = strstr(rec->body, "vmbus_version_requested ");
        if (p && sscanf(p, "vmbus_version_requested %u", &v) == 1) {
            s->hv_rejected = v;
            if (s->contacts++ == 0 && v == ver_order[0]) /* the refused post was the first */
                cf_pass(run, "VMB-VER-001");
            else if (s->contacts == 1)
                cf_fail(run, "VMB-VER-001", rec, "first INITIATE_CONTACT requested %u.%u",
                        v >> 16, v & 0xffff);
        }
        s->hv_rejected_pending = 0;
    } else if (cf_is(rec, "hv", "deliver") && cf_u64(rec, "vmb_msgtype", 0) == 15) {
        if (s->contact_outstanding)
            cf_pass(run, "VMB-VER-009");
        s->contact_outstanding = 0;
    }
}

static void neg_finish(void *st, struct cf_run *run)
{
    struct neg_state *s = st;
    if (s->isolated && s->accepted_version && s->accepted_version < 0x50002) {
        if (s->requestoffers || s->after_abort)
            cf_fail(run, "VMB-VER-011", NULL, "an isolated guest went on after %u.%u was "
                    "accepted (%u REQUESTOFFERS, %u later messages)", s->accepted_version >> 16,
                    s->accepted_version & 0xffff, s->requestoffers, s->after_abort);
        else
            cf_pass(run, "VMB-VER-011");
    }
    if (s->contacts && !s->accepted_version) {
        if (s->requestoffers || s->unloads)
            cf_fail(run, "VMB-VER-010", NULL, "every version was refused, yet the guest sent "
                    "%u REQUESTOFFERS and %u UNLOAD", s->requestoffers, s->unloads);
        else
            cf_pass(run, "VMB-VER-010");
    }
}

static const struct cf_checker neg_checker = {
    .name = "vmbus.negotiation",
    .state_size = sizeof(struct neg_state),
    .on_record = neg_record,
    .finish = neg_finish,
};

/* ---- SynIC: VMB-SYN-001, VMB-SYN-005 ----
 *
 * VMB-SYN-005 also fails at the end of the run when a message was queued behind the VMBus
 * slot (msg_pending) and the guest then neither freed the slot nor wrote EOM for
 * CF_SYN_STUCK_NS: every later host message is lost to it. */

#define CF_SYN_STUCK_NS 100000000ull /* 100 ms of virtual time */

#define MSR_SCONTROL 0x40000080u
#define MSR_SIEFP 0x40000082u
#define MSR_SIMP 0x40000083u
#define MSR_SINT2 0x40000092u

struct synic_state {
    uint32_t nr_vcpus;
    uint8_t scontrol[CF_VMB_MAX_VCPUS], siefp[CF_VMB_MAX_VCPUS], simp[CF_VMB_MAX_VCPUS];
    uint8_t sint2[CF_VMB_MAX_VCPUS];
    uint8_t pending[CF_VMB_MAX_VCPUS];
    uint64_t pending_ns[CF_VMB_MAX_VCPUS]; /* when the message was queued */
    uint64_t last_ns;                      /* the latest record */
    int contact_seen;
};

static void synic_msr(struct synic_state *s, const struct trc_record *rec)
{
    uint64_t vcpu = cf_u64(rec, "vcpu", CF_VMB_MAX_VCPUS);
    if (vcpu >= CF_VMB_MAX_VCPUS)
        return;
    uint64_t msr = cf_u64(rec, "msr", 0), value = cf_u64(rec, "value", 0);
    if (msr == MSR_SCONTROL)
        s->scontrol[vcpu] = value & 1;
    else if (msr == MSR_SIEFP)
        s->siefp[vcpu] = value & 1;
    else if (msr == MSR_SIMP)
        s->simp[vcpu] = value & 1;
    else if (msr == MSR_SINT2)
        s->sint2[vcpu] = !(value & (1ull << 16));
}

static void synic_contact(struct synic_state *s, struct cf_run *run, const struct trc_record *rec)
{
    for (uint32_t v = 0; v < s->nr_vcpus && v < CF_VMB_MAX_VCPUS; v++) {
        if (!(s->scontrol[v] && s->siefp[v] && s->simp[v] && s->sint2[v])) {
            cf_fail(run, "VMB-SYN-001", rec, "INITIATE_CONTACT while vCPU %u has scontrol=%d "
                    "siefp=%d simp=%d sint2_unmasked=%d", v, s->scontrol[v], s->siefp[v],
                    s->simp[v], s->sint2[v]);
            return;
        }
    }
    cf_pass(run, "VMB-SYN-001");
}

static void synic_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct synic_state *s = st;
    s->last_ns = rec->time_ns;
    if (!strcmp(rec->source, "hv")) {
        uint64_t vcpu = cf_u64(rec, "vcpu", 0);
        if (!strcmp(rec->kind, "machine"))
            s->nr_vcpus = (uint32_t)cf_u64(rec, "vcpus", 1);
        else if (!strcmp(rec->kind, "msr_write"))
            synic_msr(s, rec);
        else if (!strcmp(rec->kind, "msg_pending") && vcpu < CF_VMB_MAX_VCPUS) {
            if (!s->pending[vcpu])
                s->pending_ns[vcpu] = rec->time_ns;
            s->pending[vcpu] = 1;
        }
        else if (!strcmp(rec->kind, "eom") && vcpu < CF_VMB_MAX_VCPUS) {
            if (s->pending[vcpu])
                cf_pass(run, "VMB-SYN-005");
            else
                cf_fail(run, "VMB-SYN-005", rec, "EOM on vCPU %llu without msg_pending",
                        (unsigned long long)vcpu);
            s->pending[vcpu] = 0;
        }
    } else if (recv_msg(rec, "INITIATE_CONTACT") && !s->contact_seen) {
        s->contact_seen = 1;
        synic_contact(s, run, rec);
    }
}

static void synic_finish(void *st, struct cf_run *run)
{
    struct synic_state *s = st;
    for (uint32_t v = 0; v < CF_VMB_MAX_VCPUS; v++)
        if (s->pending[v] && s->last_ns - s->pending_ns[v] >= CF_SYN_STUCK_NS)
            cf_fail(run, "VMB-SYN-005", NULL, "a message queued behind the VMBus slot of vCPU "
                    "%u at t=%llu ns was never delivered: the guest neither freed the slot nor "
                    "wrote EOM for the remaining %llu ms of the run", v,
                    (unsigned long long)s->pending_ns[v],
                    (unsigned long long)((s->last_ns - s->pending_ns[v]) / 1000000));
}

static const struct cf_checker synic_checker = {
    .name = "vmbus.synic",
    .state_size = sizeof(struct synic_state),
    .on_record = synic_record,
    .finish = synic_finish,
};

/* ---- channels: VMB-OFF-001/007, VMB-OPEN-002/006/007, VMB-GPADL-001..005, VMB-CLOSE-002,
 *      VMB-RESC-001/005/007 ----
 *
 * VMB-OFF-007 is judged only for an offer the guest provably dropped: a scenario's
 * guest-alloc-fail made a kmalloc fail (guest.mem fail) while the guest was inside
 * vmbus_onoffer for that relid (its tracepoint is the guest's latest, so the failed
 * allocation is alloc_channel()'s, or vmbus_device_create()'s when the channel's work runs
 * right behind it). The guest must then send RELID_RELEASED for the relid. A failure after
 * any other guest tracepoint is not judged. */

enum { CH_NONE, CH_OFFERED, CH_OPEN, CH_OPEN_FAILED, CH_CLOSED };

struct chan {
    uint8_t state;
    uint8_t gpadl_header; /* a GPADL_HEADER named this relid */
    uint8_t rescinded;
    uint8_t guest_knows; /* the guest ran vmbus_onoffer_rescind for this relid */
    uint8_t rescinded_open;
    uint8_t closed_after_rescind;
    uint8_t released;
    uint8_t teardown_after_rescind;
    uint8_t needs_open;   /* a primary offer of a class a guest driver binds to */
    uint8_t gpadl_failed; /* GPADL_CREATED refused a GPADL of this relid */
    uint8_t alloc_dropped; /* an injected allocation failure inside vmbus_onoffer (OFF-007) */
    uint8_t drop_released; /* ... and the guest then released the relid */
    uint8_t iso_drop;      /* a class an isolated guest must ignore (VMB-OFF-002) */
    uint8_t any_release;   /* a RELID_RELEASED for this relid, rescinded or not */
    uint32_t ring_gpadl;
    uint64_t rescind_seq;
    char dev[24];
};

/* Offer device names (vmbus "offer dev=") whose class has a driver in every guest image
 * (hv_utils, hyperv-keyboard, hid-hyperv, the hvsim test driver). fcopy is left out: 6.10+
 * kernels have no fcopy driver. */
static int has_driver(const char *dev)
{
    static const char *const bound[] = {"kbd", "heartbeat", "shutdown", "timesync",
                                        "kvp", "vss", "mouse", "test"};
    for (size_t i = 0; i < sizeof(bound) / sizeof(bound[0]); i++)
        if (!strcmp(dev, bound[i]))
            return 1;
    return 0;
}

/* Classes an isolated guest accepts (channel_mgmt.c vmbus_devs[].allowed_in_isolated) among
 * the devices the host model offers; SCSI, NIC, hv_sock and (6.12) vPCI are not modelled. */
static int allowed_in_isolated(const char *dev)
{
    return !strcmp(dev, "heartbeat") || !strcmp(dev, "shutdown") || !strcmp(dev, "timesync");
}

struct gpadl {
    uint32_t handle;
    uint32_t status; /* GPADL_CREATED creation_status */
    uint8_t created, torn_down, must_tear_down;
    const char *rule; /* the rule that requires the teardown */
};

struct chan_state {
    uint32_t version; /* negotiated VMBus version (hv_vss binds only from 3.0: VSS-*) */
    struct chan ch[CF_VMB_MAX_RELIDS];
    struct gpadl g[CF_VMB_MAX_GPADLS];
    uint32_t nr_g;
    int unload_posted; /* rescinds the guest sees after UNLOAD are discarded (VMB-UNLD-005) */
    uint32_t onoffer; /* 1 + the relid when the guest's latest tracepoint is its
                       * vmbus_onoffer; 0 when it is another tracepoint */
    int isolated;     /* the hypervisor's CPUID reported an isolation type */
};

static struct gpadl *gpadl_get(struct chan_state *s, uint32_t handle)
{
    for (uint32_t i = 0; i < s->nr_g; i++)
        if (s->g[i].handle == handle)
            return &s->g[i];
    if (s->nr_g == CF_VMB_MAX_GPADLS)
        return NULL;
    struct gpadl *g = &s->g[s->nr_g++];
    memset(g, 0, sizeof(*g));
    g->handle = handle;
    return g;
}

static void chan_open(struct chan_state *s, struct cf_run *run, const struct trc_record *rec,
                      struct chan *c)
{
    uint32_t handle = (uint32_t)cf_u64(rec, "gpadl", 0);
    struct gpadl *g = gpadl_get(s, handle);
    if (c->gpadl_header)
        cf_pass(run, "VMB-OFF-001");
    else
        cf_fail(run, "VMB-OFF-001", rec, "OPENCHANNEL without a GPADL_HEADER for its relid");
    if (g && g->created && g->status == 0)
        cf_pass(run, "VMB-OPEN-002");
    else if (g && g->created)
        cf_fail(run, "VMB-GPADL-005", rec, "OPENCHANNEL uses gpadl %#x whose GPADL_CREATED "
                "failed (status %#x)", handle, g->status);
    else
        cf_fail(run, "VMB-OPEN-002", rec, "OPENCHANNEL references gpadl %#x not yet created",
                handle);
    c->ring_gpadl = handle;
    if (cf_u64(rec, "status", 0) == 0) {
        c->state = CH_OPEN;
    } else {
        c->state = CH_OPEN_FAILED;
        if (g) {
            g->must_tear_down = 1;
            g->rule = "VMB-OPEN-006";
        }
    }
}

static void chan_released(struct cf_run *run, const struct trc_record *rec, struct chan *c)
{
    c->any_release = 1;
    if (c->alloc_dropped && !c->rescinded && !c->drop_released++)
        cf_pass(run, "VMB-OFF-007");
    if (!c->rescinded)
        return; /* released without a rescind: the host model reports it */
    if (c->released++)
        return; /* duplicates: a host finding */
    cf_pass(run, "VMB-RESC-001");
    if (c->rescinded_open && !c->teardown_after_rescind)
        cf_pass(run, "VMB-GPADL-006"); /* the rescinded channel's GPADL was left to the host */
    if (c->rescinded_open) {
        if (c->closed_after_rescind)
            cf_pass(run, "VMB-RESC-007");
        else
            cf_fail(run, "VMB-RESC-007", rec, "RELID_RELEASED for open relid without "
                    "CLOSECHANNEL first");
    }
}

static void chan_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct chan_state *s = st;
    uint32_t relid = relid_of(rec);
    struct chan *c = relid < CF_VMB_MAX_RELIDS ? &s->ch[relid] : NULL;
    if (!strcmp(rec->source, "guest.tp")) {
        const char *p = rec->body ? strstr(rec->body, "child_relid ") : NULL;
        unsigned r = CF_VMB_MAX_RELIDS;
        if (!strcmp(rec->kind, "vmbus_onoffer") && p)
            sscanf(p, "child_relid %x", &r);
        s->onoffer = r < CF_VMB_MAX_RELIDS ? r + 1 : 0;
    } else if (cf_is(rec, "hv", "cpuid") && cf_u64(rec, "leaf", 0) == 0x4000000C) {
        s->isolated = (cf_u64(rec, "ebx", 0) & 0xf) != 0;
    } else if (cf_is(rec, "guest.mem", "fail")) {
        if (s->onoffer)
            s->ch[s->onoffer - 1].alloc_dropped = 1;
    } else if (cf_is(rec, "vmbus", "negotiate") && cf_eq(rec, "accepted", "1")) {
        s->version = version_of(rec);
        s->unload_posted = 0; /* a new connection (hibernation resume, vmbus_pm.c) */
    } else if (cf_is(rec, "vmbus", "offer") && c) {
        memset(c, 0, sizeof(*c));
        c->state = CH_OFFERED;
        cf_get(rec, "dev", c->dev, sizeof(c->dev));
        c->iso_drop = s->isolated && !allowed_in_isolated(c->dev);
        c->needs_open = cf_u64(rec, "sub", 1) == 0 && has_driver(c->dev) && !c->iso_drop &&
                        (strcmp(c->dev, "vss") || s->version >= 0x30000);
    } else if (cf_is(rec, "vmbus", "gpadl_header") && c) {
        c->gpadl_header = 1;
        cf_pass(run, "VMB-GPADL-001");
        cf_pass(run, "VMB-GPADL-002");
        cf_pass(run, "VMB-GPADL-003");
        if (cf_u64(rec, "pages", 0) > 26)
            cf_pass(run, "VMB-GPADL-004");
    } else if (cf_is(rec, "vmbus", "gpadl_created")) {
        struct gpadl *g = gpadl_get(s, (uint32_t)cf_u64(rec, "gpadl", 0));
        if (g) {
            g->created = 1;
            g->status = (uint32_t)cf_u64(rec, "status", 0);
            if (g->status)
                cf_pass(run, "VMB-GPADL-005"); /* judged failed if later used */
            if (g->status && c)
                c->gpadl_failed = 1;
        }
    } else if (cf_is(rec, "vmbus", "gpadl_torndown")) {
        struct gpadl *g = gpadl_get(s, (uint32_t)cf_u64(rec, "gpadl", 0));
        if (g)
            g->torn_down = 1;
    } else if (cf_is(rec, "hv", "hypercall") && cf_u64(rec, "vmb_msgtype", 0) == 16) {
        s->unload_posted = 1;
    } else if (cf_is(rec, "vmbus", "rescind") && c && !s->unload_posted) {
        c->rescinded = 1;
        c->rescinded_open = c->state == CH_OPEN;
        c->rescind_seq = rec->seq;
    } else if (is_chan(rec, "open") && c) {
        chan_open(s, run, rec, c);
    } else if (cf_is(rec, "guest.tp", "vmbus_onoffer_rescind") && rec->body) {
        unsigned r;
        if (sscanf(rec->body, "child_relid %x", &r) == 1 && r < CF_VMB_MAX_RELIDS)
            s->ch[r].guest_knows = 1;
    } else if (cf_is(rec, "vmbus", "after_rescind") && c) {
        /* A ring signal or GPADL teardown for a rescinded channel: a race while the rescind
         * is in flight, a violation once the guest has processed it. (GPADL_HEADER and
         * OPENCHANNEL may still follow: Linux checks channel->rescind only after posting,
         * and VMB-OPEN-008 covers how the wait then ends.) */
        char msg[32] = "";
        cf_get(rec, "msg", msg, sizeof(msg));
        const char *rule = !strcmp(msg, "GPADL_TEARDOWN") ? "VMB-GPADL-006"
                           : !strcmp(msg, "signal")       ? "VMB-RESC-005"
                                                          : NULL;
        if (!strcmp(msg, "GPADL_TEARDOWN"))
            c->teardown_after_rescind = 1;
        if (rule && c->guest_knows)
            cf_fail(run, rule, rec, "%s for relid %u after the guest processed its rescind",
                    msg, relid);
    } else if (is_chan(rec, "guest_signal") && c && !c->rescinded) {
        /* (signals after a rescind are judged on the host's after_rescind record) */
        if (c->state != CH_OPEN)
            cf_fail(run, "VMB-OPEN-007", rec, "guest signalled relid %u before a successful "
                    "OPENCHANNEL_RESULT", relid);
        else
            cf_pass(run, "VMB-OPEN-007");
    } else if (is_chan(rec, "close") && c) {
        if (c->rescinded)
            c->closed_after_rescind = 1;
        if (c->state == CH_OPEN) {
            cf_pass(run, "VMB-CLOSE-002");
            struct gpadl *g = gpadl_get(s, c->ring_gpadl);
            if (g && !c->rescinded) {
                g->must_tear_down = 1;
                g->rule = "VMB-GPADL-006";
            }
        } else {
            cf_fail(run, "VMB-CLOSE-002", rec, "CLOSECHANNEL for relid %u that never opened",
                    relid);
        }
        c->state = CH_CLOSED;
    } else if (is_chan(rec, "released") && c) {
        chan_released(run, rec, c);
    }
}

static void chan_finish(void *st, struct cf_run *run)
{
    struct chan_state *s = st;
    /* VMB-OFF-001, the "every offered channel opens" half: a primary offer whose class has
     * a driver must reach OPENCHANNEL unless the host refused its GPADL or rescinded it. */
    for (uint32_t r = 0; r < CF_VMB_MAX_RELIDS; r++) {
        const struct chan *c = &s->ch[r];
        if (c->iso_drop && !c->rescinded) {
            if (c->gpadl_header || c->state != CH_OFFERED || c->any_release)
                cf_fail(run, "VMB-OFF-002", NULL, "the isolated guest acted on the %s offer "
                        "(relid %u): GPADL=%u open=%u released=%u", c->dev, r, c->gpadl_header,
                        c->state != CH_OFFERED, c->any_release);
            else
                cf_pass(run, "VMB-OFF-002");
        }
        if (c->alloc_dropped && !c->rescinded && !c->drop_released)
            cf_fail(run, "VMB-OFF-007", NULL, "the guest dropped the %s offer (relid %u) after "
                    "an injected allocation failure but never sent RELID_RELEASED", c->dev, r);
        if (!c->needs_open || c->rescinded || c->gpadl_failed || c->alloc_dropped)
            continue;
        if (c->state == CH_OFFERED)
            cf_fail(run, "VMB-OFF-001", NULL, "the %s offer (relid %u) has a driver but was "
                    "never opened", c->dev, r);
        else
            cf_pass(run, "VMB-OFF-001");
    }
    for (uint32_t r = 0; r < CF_VMB_MAX_RELIDS; r++) {
        const struct chan *c = &s->ch[r];
        if (!c->rescinded)
            continue;
        if (!c->released)
            cf_fail(run, "VMB-RESC-001", NULL, "relid %u was rescinded but never released", r);
        else
            cf_pass(run, "VMB-RESC-005");
    }
    for (uint32_t i = 0; i < s->nr_g; i++) {
        const struct gpadl *g = &s->g[i];
        if (!g->must_tear_down)
            continue;
        if (g->torn_down)
            cf_pass(run, g->rule);
        else
            cf_fail(run, g->rule, NULL, "gpadl %#x was never torn down", g->handle);
    }
}

static const struct cf_checker chan_checker = {
    .name = "vmbus.channels",
    .state_size = sizeof(struct chan_state),
    .on_record = chan_record,
    .finish = chan_finish,
};

/* ---- adversarial input: "is ignored" rules (VMB-MSG-*, VMB-RESC-002/003, VMB-UNLD-004).
 * A scenario injects a malformed or unsolicited host message naming the rule it probes;
 * the guest complies if the run goes on without a crash. ---- */

#define CF_MAX_INJECTED 64

struct adv_state {
    char rules[CF_MAX_INJECTED][24];
    uint32_t nr;
    int crashed;
    uint64_t crash_seq;
};

static void adv_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    (void)run;
    struct adv_state *s = st;
    if (cf_is(rec, "scenario", "raw_message") && s->nr < CF_MAX_INJECTED) {
        if (cf_get(rec, "rule", s->rules[s->nr], sizeof(s->rules[0])))
            s->nr++;
    } else if (cf_is(rec, "hv", "crash") && !s->crashed) {
        s->crashed = 1;
        s->crash_seq = rec->seq;
    }
}

static void adv_finish(void *st, struct cf_run *run)
{
    struct adv_state *s = st;
    for (uint32_t i = 0; i < s->nr; i++) {
        if (s->crashed)
            cf_fail(run, s->rules[i], NULL, "guest crashed (seq %llu) after the injected "
                    "message", (unsigned long long)s->crash_seq);
        else
            cf_pass(run, s->rules[i]);
    }
}

static const struct cf_checker adv_checker = {
    .name = "vmbus.adversarial",
    .state_size = sizeof(struct adv_state),
    .on_record = adv_record,
    .finish = adv_finish,
};

const struct cf_checker *const cf_vmbus_checkers[] = {
    &neg_checker, &synic_checker, &chan_checker, &adv_checker, &cf_vmbus_offer_checker,
    &cf_vmbus_wait_checker, &cf_vmbus_ring_checker, &cf_vmbus_adv_checker,
    &cf_vmbus_pm_checker,
    &cf_vmbus_mod_checker, &cf_vmbus_rq_checker, &cf_vmbus_tl_checker, &cf_vmbus_tp_checker,
    NULL,
};
