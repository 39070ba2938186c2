/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus_faults.c - timed VMBus-core faults that act on the host or the hypervisor at a
 * virtual time: a duplicate primary offer, an event flag or a timer message the guest must
 * cope with, a malformed packet in a host->guest ring (adversarial, see conformance/README.md),
 * a busy host that stops reading a guest->host ring for a while and may set its
 * interrupt_mask (host-busy: within the host's contract, protocol-inventory §1.13), an
 * out-of-range read_index in a guest->host ring (ring-index, adversarial), a channel event
 * and a control message pending in one SINT2 interrupt (event-and-message), and a host that
 * rewrites a delivered OFFERCHANNEL in the SIMP slot while the guest handles it (slot-toctou,
 * adversarial: the double-fetch window of VMB-SYN-004).
 * guest-alloc-fail is not a host action: it fakes guest memory pressure (a kmalloc that
 * returns NULL) through the guest image's "mem.fail" hook, so the guest's error paths run.
 *
 * Faults that need the guest's reaction observed schedule a follow-up look, EXEC_VF_LOOK_NS
 * later, which reads guest memory (the SIEFP bit, the SIMP slot, the ring's read_index) and
 * traces what it saw as a "scenario" record for the passive checkers. Nothing here judges.
 *
 * Invariants: the events live until the (forked) run exits; all timing is virtual.
 */
#include "vmbus_faults.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cf/checker.h"
#include "hyp/mem.h"
#include "hyp/tlfs.h"
#include "sim/trace.h"
#include "vmb/wire.h"

#define EXEC_VF_LOOK_NS 1000000ull /* 1 ms: the guest's ISR, tasklet and callback are done */

static const char *const timed_kinds[] = {"duplicate-offer", "event-flag", "timer-message",
                                          "ring-write", "host-busy", "ring-index",
                                          "event-and-message", "slot-toctou", NULL};

struct vf_ev {
    struct sim_event ev;
    struct sim_world *w;
    struct vmb_host *host;
    struct hyp_machine *m;
    const struct scn_fault *f;
    uint32_t dev;       /* target device index */
    int look;           /* 0: the fault; 1: the follow-up look */
    uint32_t relid, before, end;
    uint32_t saved_rd, bogus_rd; /* ring-index: the host's read_index, the one written */
    int postmortem;     /* the look was taken when the run ended (a guest crash or livelock
                           ended it before the look was due) */
};

/* The events of this run (one process per run), for the post-mortem looks. */
static struct vf_ev *vf_events[SCN_MAX_LIST];
static uint32_t vf_nr_events;

int exec_vmbus_fault_is_timed(const char *kind)
{
    for (const char *const *k = timed_kinds; *k; k++)
        if (!strcmp(*k, kind))
            return 1;
    return 0;
}

static const char *arg(const struct scn_fault *f, const char *key)
{
    for (uint32_t i = 0; i < f->nr_args; i++)
        if (!strcmp(f->args[i].key, key))
            return f->args[i].value;
    return NULL;
}

static uint64_t arg_u64(const struct scn_fault *f, const char *key, uint64_t dflt)
{
    const char *v = arg(f, key);
    return v ? strtoull(v, NULL, 0) : dflt;
}

static void *msr_page(struct vf_ev *e, uint32_t msr)
{
    uint32_t vcpu = (uint32_t)arg_u64(e->f, "vcpu", 0);
    uint64_t v = hyp_machine_msr_read(e->m, vcpu, msr);
    if (!(v & 1))
        return NULL;
    return hyp_mem_ptr(hyp_machine_mem(e->m), v & ~0xfffull, 4096);
}

static void look(struct vf_ev *e, struct trc_trace *t)
{
    const char *kind = e->f->kind;
    struct vsp_ring *restore = NULL; /* ring-index: put the host's read_index back */
    trc_begin(t, "scenario", "look");
    trc_str(t, "fault", kind);
    if (!strcmp(kind, "event-flag")) {
        const uint8_t *siefp = msr_page(e, HYP_MSR_SIEFP);
        uint32_t flag = (uint32_t)arg_u64(e->f, "relid", 0) % 2048u;
        trc_u64(t, "flag", flag);
        trc_u64(t, "set", siefp ? (siefp[HYP_VMBUS_SINT * 256 + flag / 8] >> (flag % 8)) & 1
                                : 2);
    } else if (!strcmp(kind, "timer-message")) {
        const uint8_t *simp = msr_page(e, HYP_MSR_SIMP);
        uint32_t type = 0;
        if (simp)
            memcpy(&type, simp + HYP_VMBUS_SINT * 256, 4);
        trc_hex(t, "slot_type", type);
    } else if (!strcmp(kind, "ring-write")) {
        struct vmb_channel *ch = vmb_host_device_channel(e->host, e->dev, 0);
        struct vsp_ring *r = ch ? vmb_channel_ring(ch) : NULL;
        trc_u64(t, "relid", e->relid);
        trc_u64(t, "before", e->before);
        trc_u64(t, "end", e->end);
        trc_u64(t, "guest_rd", r ? vsp_ring_out_guest_read_index(r) : UINT32_MAX);
        trc_u64(t, "data_size", r ? r->out.data_size : 0);
    } else if (!strcmp(kind, "ring-index")) {
        struct vmb_channel *ch = vmb_host_device_channel(e->host, e->dev, 0);
        struct vsp_ring *r = ch ? vmb_channel_ring(ch) : NULL;
        struct vmb_ring_header h;
        int ok = r && vsp_ring_read_header(r, &r->in, &h);
        trc_u64(t, "relid", e->relid);
        trc_u64(t, "bogus_rd", e->bogus_rd);
        trc_u64(t, "wr_before", e->before);
        trc_u64(t, "wr_after", ok ? h.write_index : UINT32_MAX);
        restore = ok && h.read_index == e->bogus_rd ? r : NULL;
    }
    const char *rule = arg(e->f, "rule");
    if (rule)
        trc_str(t, "rule", rule);
    if (e->postmortem)
        trc_u64(t, "postmortem", 1);
    trc_end(t);
    if (restore) /* unless the host published its own index since */
        vsp_ring_poke_in_read_index(restore, e->saved_rd);
}

/* A descriptor (type, offset8, len8) then zeros; write_index moves by `advance` bytes. */
static int ring_write(struct vf_ev *e)
{
    struct vmb_channel *ch = vmb_host_device_channel(e->host, e->dev, 0);
    struct vsp_ring *r = ch ? vmb_channel_ring(ch) : NULL;
    if (!r)
        return -1;
    uint32_t advance = (uint32_t)arg_u64(e->f, "advance", 24) & ~7u;
    uint32_t len = advance < 16 ? 16 : advance;
    uint8_t *buf = calloc(1, len);
    if (!buf)
        return -1;
    struct vmb_pkt_desc d = {
        .type = (uint16_t)arg_u64(e->f, "type", 6),
        .offset8 = (uint16_t)arg_u64(e->f, "offset8", 2),
        .len8 = (uint16_t)arg_u64(e->f, "len8", 2),
    };
    memcpy(buf, &d, sizeof(d));
    e->relid = vmb_channel_relid(ch);
    e->before = vsp_ring_out_guest_read_index(r);
    int rc = vsp_ring_send_raw(r, buf, len, advance);
    e->end = r->out.priv_index;
    free(buf);
    return rc;
}

/* read_index of the target's guest->host ring := data size + `offset` (default 0). */
static int ring_index(struct vf_ev *e)
{
    struct vmb_channel *ch = vmb_host_device_channel(e->host, e->dev, 0);
    struct vsp_ring *r = ch ? vmb_channel_ring(ch) : NULL;
    struct vmb_ring_header h;
    if (!r || !vsp_ring_read_header(r, &r->in, &h))
        return -1;
    e->relid = vmb_channel_relid(ch);
    e->before = h.write_index;
    e->bogus_rd = r->in.data_size + ((uint32_t)arg_u64(e->f, "offset", 0) & ~7u);
    e->saved_rd = vsp_ring_poke_in_read_index(r, e->bogus_rd);
    return e->saved_rd == UINT32_MAX ? -1 : 0;
}

static void vf_fire(struct sim_world *w, struct sim_event *ev)
{
    struct vf_ev *e = (struct vf_ev *)ev;
    struct trc_trace *t = sim_world_trace(w);
    if (e->look == 2) { /* event-and-message, selftest: the delayed event */
        hyp_machine_signal(e->m, (uint32_t)arg_u64(e->f, "vcpu", 0), HYP_VMBUS_SINT,
                           e->relid % 2048u);
        e->look = 1;
        sim_event_schedule(w, &e->ev, sim_now_ns(w) + EXEC_VF_LOOK_NS);
        return;
    }
    if (e->look) {
        look(e, t);
        return;
    }
    const char *kind = e->f->kind;
    trc_begin(t, "scenario", "fault");
    trc_str(t, "kind", kind);
    trc_end(t);
    int rc = 0;
    uint32_t vcpu = (uint32_t)arg_u64(e->f, "vcpu", 0);
    if (!strcmp(kind, "duplicate-offer")) {
        struct vmb_channel *ch = vmb_host_device_channel(e->host, e->dev, 0);
        rc = ch ? vmb_host_offer_duplicate(e->host, vmb_channel_relid(ch),
                                           (uint32_t)arg_u64(e->f, "relid", 64)) : -1;
    } else if (!strcmp(kind, "event-flag")) {
        hyp_machine_signal(e->m, vcpu, HYP_VMBUS_SINT, (uint32_t)arg_u64(e->f, "relid", 0) % 2048u);
    } else if (!strcmp(kind, "timer-message")) {
        uint8_t payload[16] = {0}; /* hv_timer_message_payload: timer index, expiration... */
        rc = hyp_machine_post(e->m, vcpu, HYP_VMBUS_SINT, HYP_MSG_TIMER_EXPIRED, payload,
                              sizeof(payload));
    } else if (!strcmp(kind, "ring-write")) {
        rc = ring_write(e);
    } else if (!strcmp(kind, "ring-index")) {
        rc = ring_index(e);
    } else if (!strcmp(kind, "event-and-message")) {
        /* ALLOFFERS_DELIVERED (no effect, VMB-MSG-005) into the SIMP slot and the target's
         * event flag, at one instant: the guest takes one interrupt for both. With
         * selftest: 1 the event comes 10 us later (a second interrupt). */
        struct vmb_channel *ch = vmb_host_device_channel(e->host, e->dev, 0);
        uint32_t hdr[2] = {VMB_MSG_ALLOFFERS_DELIVERED, 0};
        rc = !ch || hyp_machine_post(e->m, vcpu, HYP_VMBUS_SINT, HYP_MSG_VMBUS, hdr,
                                     sizeof(hdr));
        if (!rc) {
            e->relid = vmb_channel_relid(ch);
            if (arg_u64(e->f, "selftest", 0)) {
                e->look = 2; /* the event, 10 us later */
                sim_event_schedule(w, &e->ev, sim_now_ns(w) + 10000);
                return;
            }
            hyp_machine_signal(e->m, vcpu, HYP_VMBUS_SINT, e->relid % 2048u);
        }
    }
    if (rc) {
        trc_text(t, "scenario", "step_failed", "action=fault reason=not-applicable");
        return;
    }
    if (strcmp(kind, "duplicate-offer")) { /* look at the guest's reaction */
        e->look = 1;
        sim_event_schedule(w, &e->ev, sim_now_ns(w) + EXEC_VF_LOOK_NS);
    }
}

/* ---- host-busy: the host stops reacting to the target's signals for a while ---- */

struct busy_ev {
    struct sim_event ev;
    struct vmb_host *host;
    const struct scn_fault *f;
    uint32_t dev;
    uint64_t end_ns, poll_ns;
    uint32_t mask;
    int phase; /* 0: start; 1: poll; 2: end */
};

static void busy_fire(struct sim_world *w, struct sim_event *ev)
{
    struct busy_ev *b = (struct busy_ev *)ev;
    struct vmb_channel *ch = vmb_host_device_channel(b->host, b->dev, 0);
    struct vsp_ring *r = ch ? vmb_channel_ring(ch) : NULL;
    if (!r) { /* not open (yet, or any more): nothing to be busy with */
        if (b->phase == 0)
            trc_text(sim_world_trace(w), "scenario", "step_failed",
                     "action=fault reason=not-applicable");
        return;
    }
    uint64_t now = sim_now_ns(w);
    if (b->phase == 0) {
        trc_begin(sim_world_trace(w), "scenario", "fault");
        trc_str(sim_world_trace(w), "kind", b->f->kind);
        trc_end(sim_world_trace(w));
        vmb_channel_kick(ch); /* read what is there: later packets were written while busy */
        vmb_channel_set_busy(ch, true);
        if (b->mask)
            vsp_ring_set_in_mask(r, 1);
    } else if (b->phase == 1 && now < b->end_ns) {
        vmb_channel_kick(ch); /* a polling host */
    } else {
        if (b->mask)
            vsp_ring_set_in_mask(r, 0);
        vmb_channel_set_busy(ch, false); /* re-checks the ring after unmasking */
        return;
    }
    b->phase = b->poll_ns && now + b->poll_ns < b->end_ns ? 1 : 2;
    sim_event_schedule(w, &b->ev, b->phase == 1 ? now + b->poll_ns : b->end_ns);
}

static int busy_schedule(struct sim_world *w, struct vmb_host *host, const struct scn_fault *f,
                         uint32_t dev, uint64_t at)
{
    struct busy_ev *b = calloc(1, sizeof(*b));
    uint64_t len = 10000000, poll = 0; /* default: busy for 10 ms, no polling */
    const char *v = arg(f, "for");
    if (!b || (v && scn_parse_duration(v, &len)) ||
        ((v = arg(f, "poll")) && scn_parse_duration(v, &poll))) {
        free(b);
        return -1;
    }
    b->host = host;
    b->f = f;
    b->dev = dev;
    b->end_ns = at + len;
    b->poll_ns = poll;
    b->mask = (uint32_t)arg_u64(f, "mask", 1) != 0;
    sim_event_init(&b->ev, busy_fire, b);
    sim_event_schedule(w, &b->ev, at); /* freed with the process (forked run) */
    return 0;
}

/*
 * slot-toctou: a trace listener waits for the guest's vmbus_on_msg_dpc tracepoint of the nth
 * OFFERCHANNEL - by then vmbus_on_msg_dpc() has copied the slot - and rewrites child_relid in
 * the SIMP slot (+ `delta`, default 0x40). A guest that reads the slot again would register
 * the rewritten relid. With selftest: 1 the rewrite happens at delivery, before the copy. The
 * listener may not trace (a record is being delivered), so "scenario toctou" is traced by an
 * event at the same instant.
 */
struct toctou {
    struct sim_event ev;
    struct sim_world *w;
    struct hyp_machine *m;
    uint32_t nth, seen, delta, vcpu;
    int selftest, done;
    uint32_t orig, now;
};

static void toctou_trace(struct sim_world *w, struct sim_event *ev)
{
    struct toctou *x = ev->arg;
    struct trc_trace *t = sim_world_trace(w);
    trc_begin(t, "scenario", "toctou");
    trc_str(t, "what", "slot");
    trc_u64(t, "relid_orig", x->orig);
    trc_u64(t, "relid_new", x->now);
    trc_u64(t, "before_copy", (uint64_t)x->selftest);
    trc_end(t);
}

static void toctou_listener(void *ctx, const struct trc_record *rec)
{
    struct toctou *x = ctx;
    if (x->done)
        return;
    int hit = x->selftest ? cf_is(rec, "hv", "deliver") && cf_u64(rec, "vmb_msgtype", 0) == 1
                          : cf_is(rec, "guest.tp", "vmbus_on_msg_dpc") &&
                                cf_u64(rec, "msgtype", 0) == 1;
    if (!hit || ++x->seen != x->nth)
        return;
    x->done = 1;
    uint64_t simp = hyp_machine_msr_read(x->m, x->vcpu, HYP_MSR_SIMP);
    uint64_t gpa = (simp & ~0xfffull) + (uint64_t)HYP_VMBUS_SINT * HYP_MESSAGE_SIZE +
                   offsetof(struct hyp_message, payload) +
                   offsetof(struct vmb_msg_offer_channel, child_relid);
    uint8_t *p = (simp & 1) ? hyp_mem_ptr(hyp_machine_mem(x->m), gpa, 4) : NULL;
    if (!p)
        return;
    memcpy(&x->orig, p, 4);
    x->now = x->orig + x->delta;
    memcpy(p, &x->now, 4);
    sim_event_init(&x->ev, toctou_trace, x);
    sim_event_schedule(x->w, &x->ev, sim_now_ns(x->w));
}

static int slot_toctou(struct sim_world *w, struct hyp_machine *m, const struct scn_fault *f)
{
    struct toctou *x = calloc(1, sizeof(*x)); /* freed with the process (forked run) */
    if (!x)
        return -1;
    x->w = w;
    x->m = m;
    x->nth = (uint32_t)arg_u64(f, "nth", 1);
    x->delta = (uint32_t)arg_u64(f, "delta", 0x40);
    x->vcpu = (uint32_t)arg_u64(f, "vcpu", 0);
    x->selftest = arg_u64(f, "selftest", 0) != 0;
    return trc_add_listener(sim_world_trace(w), toctou_listener, x);
}

int exec_vmbus_fault_schedule(struct sim_world *w, struct vmb_host *host, struct hyp_machine *m,
                              const struct scn_fault *f, int dev)
{
    uint64_t at = 0;
    const char *when = arg(f, "at");
    if (!strcmp(f->kind, "host-busy"))
        return when && scn_parse_duration(when, &at) ? -1
               : busy_schedule(w, host, f, dev < 0 ? 0 : (uint32_t)dev, at);
    if (!strcmp(f->kind, "slot-toctou"))
        return slot_toctou(w, m, f);
    struct vf_ev *e = calloc(1, sizeof(*e));
    if (!e || (when && scn_parse_duration(when, &at))) {
        free(e);
        return -1;
    }
    e->w = w;
    e->host = host;
    e->m = m;
    e->f = f;
    e->dev = dev < 0 ? 0 : (uint32_t)dev;
    sim_event_init(&e->ev, vf_fire, e);
    sim_event_schedule(w, &e->ev, at); /* freed with the process (forked run) */
    if (vf_nr_events < SCN_MAX_LIST)
        vf_events[vf_nr_events++] = e;
    return 0;
}

void exec_vmbus_faults_finish(struct sim_world *w)
{
    struct trc_trace *t = sim_world_trace(w);
    for (uint32_t i = 0; i < vf_nr_events; i++) {
        struct vf_ev *e = vf_events[i];
        if (e->look != 1 || !sim_event_pending(&e->ev))
            continue;
        sim_event_cancel(w, &e->ev);
        e->postmortem = 1;
        look(e, t);
    }
    vf_nr_events = 0;
}

/*
 * guest-alloc-fail: `size` is a byte count or a struct the image knows ("vmbus_channel",
 * "hv_device", "offer_msg_copy"), resolved with the "mem.sizeof" hook because it differs between kernels.
 */
int exec_guest_alloc_fail(struct sim_world *w, const struct hyp_guest_ops *guest,
                          const struct scn_fault *f)
{
    int (*fail)(size_t, unsigned long) =
        (int (*)(size_t, unsigned long))guest->hook("mem.fail");
    long (*size_of)(const char *) = (long (*)(const char *))guest->hook("mem.sizeof");
    const char *sz = arg(f, "size");
    uint64_t nth = arg_u64(f, "nth", 1);
    long size;
    if (!fail || !size_of || !sz)
        return -1;
    if (sz[0] >= '0' && sz[0] <= '9')
        size = (long)strtoul(sz, NULL, 0);
    else
        size = size_of(sz);
    if (size <= 0)
        return -1;
    struct trc_trace *t = sim_world_trace(w);
    trc_begin(t, "scenario", "fault");
    trc_str(t, "kind", f->kind);
    trc_u64(t, "size", (uint64_t)size);
    trc_u64(t, "nth", nth);
    trc_end(t);
    return fail((size_t)size, (unsigned long)nth);
}
