/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus_adv.c - VMBus-core checkers of the guest's reaction to unusual host behaviour:
 * duplicate and driverless offers (VMB-OFF-004/005), monitor-page signalling (VMB-SIG-001),
 * stray event flags (VMB-SIG-007), timer messages in the VMBus slot (VMB-SYN-006) and
 * malformed host->guest ring packets (VMB-RING-009/010/012/013).
 *
 * Observations used: host records (vmbus offer / offer_duplicate, vsp.<dev>.<relid>
 * guest_signal and open), the guest's hv tracepoints (guest.tp), guest.driver device_add, and
 * the executor's "scenario look" records, which say what guest memory held some time after a
 * fault (sim/exec/vmbus_faults.c): the SIEFP bit, the SIMP slot type, the ring read_index.
 *
 * Invariants: checkers only read; per-relid state is bounded by ADV_MAX_RELIDS (larger relids
 * are ignored).
 */
#include <stdio.h>
#include <string.h>

#include "cf/vmbus.h"
#include "vmbus_internal.h"

#define ADV_MAX_RELIDS 256

/* Classes no driver in the guest images claims: hvsim's made-up "unknown" class and the four
 * the guest leaves alone on purpose (channel_mgmt.c: vmbus_unsupported_devs). */
static const char *const adv_driverless[] = {
    "0badc1a5-0000-4000-8000-00000000c1a5", /* hvsim "unknown" */
    "f8e65716-3cb3-4a06-9a60-1889c5cccab5", /* AVMA1 */
    "3375baf4-9e15-4b30-b765-67acb10d607b", /* AVMA2 */
    "276aacf4-ac15-426c-98dd-7521ad3f01fe", /* RDV */
    "c376c1c3-d276-48d2-90a9-c04748072c60", /* IMC */
};

struct adv_chan {
    uint8_t driverless, processed, opened, dup, dup_processed, dup_used;
    uint8_t orig_used;  /* the original of a processed duplicate was used by the guest later */
    uint32_t orig;      /* for a duplicate: the relid it copies */
    char if_instance[40];
};

struct adv_state {
    struct adv_chan ch[ADV_MAX_RELIDS];
    uint32_t instance_adds; /* device_add records for the duplicated instance */
    char dup_instance[40];
    int timer_pending;      /* a timer message was injected, its look not yet seen */
    int timer_as_vmbus;     /* the guest ran vmbus_on_msg_dpc on it */
    int eam;                /* event-and-message injected, its message not yet handled */
    uint8_t onoffer[ADV_MAX_RELIDS]; /* relids the guest's vmbus_onoffer reported */
    int toctou;             /* slot-toctou rewrote a delivered offer's relid */
    uint32_t toctou_orig, toctou_new;
    int eam_sched;          /* ... and the guest's ISR scheduled a channel since */
};

static uint32_t adv_tp_relid(const struct trc_record *rec)
{
    const char *p = rec->body ? strstr(rec->body, "child_relid ") : NULL;
    unsigned r;
    if (!p || sscanf(p, "child_relid %x", &r) != 1 || r >= ADV_MAX_RELIDS)
        return ADV_MAX_RELIDS;
    return r;
}

static void adv_onoffer(struct adv_state *s, const struct trc_record *rec, uint32_t relid)
{
    struct adv_chan *c = &s->ch[relid];
    char type[40] = "";
    const char *t = strstr(rec->body, "if_type "), *i = strstr(rec->body, "if_instance ");
    if (t)
        sscanf(t, "if_type %36s", type);
    if (i)
        sscanf(i, "if_instance %36s", c->if_instance);
    for (size_t k = 0; k < sizeof(adv_driverless) / sizeof(adv_driverless[0]); k++)
        c->driverless |= !strcmp(type, adv_driverless[k]);
    c->processed = 1;
    if (c->dup) {
        c->dup_processed = 1;
        snprintf(s->dup_instance, sizeof(s->dup_instance), "%s", c->if_instance);
        s->instance_adds = 0;
    }
}

static void adv_tp(struct adv_state *s, struct cf_run *run, const struct trc_record *rec)
{
    if (!strcmp(rec->kind, "vmbus_on_msg_dpc") && s->timer_pending &&
        strstr(rec->body, "msgtype=0"))
        s->timer_as_vmbus = 1;
    uint32_t relid = adv_tp_relid(rec);
    if (relid >= ADV_MAX_RELIDS)
        return;
    struct adv_chan *c = &s->ch[relid];
    if (!strcmp(rec->kind, "vmbus_onoffer")) {
        adv_onoffer(s, rec, relid);
        return;
    }
    if (!strcmp(rec->kind, "vmbus_onoffer_rescind"))
        return; /* the host's message, not the guest's use of the relid */
    for (uint32_t r = 0; r < ADV_MAX_RELIDS; r++) /* the guest still uses an original */
        if (s->ch[r].dup_processed && s->ch[r].orig == relid && r != relid)
            s->ch[r].orig_used = 1;
    if (c->dup && !c->dup_used) {
        c->dup_used = 1;
        cf_fail(run, "VMB-OFF-004", rec, "guest used the duplicate offer's relid %u (%s)",
                relid, rec->kind);
    } else if (!strcmp(rec->kind, "vmbus_open") && c->driverless && !c->opened) {
        c->opened = 1;
        cf_fail(run, "VMB-OFF-005", rec, "guest opened relid %u of a driverless class", relid);
    }
}

static void adv_look_ring(struct cf_run *run, const struct trc_record *rec, const char *rule)
{
    uint64_t before = cf_u64(rec, "before", 0), end = cf_u64(rec, "end", 0);
    uint64_t rd = cf_u64(rec, "guest_rd", 0), size = cf_u64(rec, "data_size", 0);
    int keep = !strcmp(rule, "VMB-RING-012") || !strcmp(rule, "VMB-RING-013");
    uint64_t want = keep ? before : end;
    if (rd >= size)
        cf_fail(run, rule, rec, "guest read_index %llu outside the %llu-byte ring",
                (unsigned long long)rd, (unsigned long long)size);
    else if (rd == want)
        cf_pass(run, rule);
    else
        cf_fail(run, rule, rec, "guest read_index %llu after the malformed write (was %llu, "
                "host write_index %llu, expected %llu)", (unsigned long long)rd,
                (unsigned long long)before, (unsigned long long)end, (unsigned long long)want);
}

static void adv_look(struct adv_state *s, struct cf_run *run, const struct trc_record *rec)
{
    char rule[24] = "";
    cf_get(rec, "rule", rule, sizeof(rule));
    if (cf_eq(rec, "fault", "event-flag")) {
        uint64_t set = cf_u64(rec, "set", 2);
        if (set == 0)
            cf_pass(run, "VMB-SIG-007");
        else if (set == 1)
            cf_fail(run, "VMB-SIG-007", rec, "event flag %llu still set after 1 ms",
                    (unsigned long long)cf_u64(rec, "flag", 0));
    } else if (cf_eq(rec, "fault", "timer-message")) {
        s->timer_pending = 0;
        if (s->timer_as_vmbus)
            cf_fail(run, "VMB-SYN-006", rec, "the timer message was handled as a VMBus "
                    "message");
        else if (cf_u64(rec, "slot_type", 1) != 0)
            cf_fail(run, "VMB-SYN-006", rec, "the timer message still occupies the slot");
        else
            cf_pass(run, "VMB-SYN-006");
    } else if (cf_eq(rec, "fault", "ring-write") && !strncmp(rule, "VMB-RING-", 9)) {
        adv_look_ring(run, rec, rule);
    } else if (cf_eq(rec, "fault", "ring-index")) {
        /* VMB-RING-014: with the outbound read_index >= the data size the guest refuses to
         * write; its write_index must not have moved since the fault. */
        uint64_t before = cf_u64(rec, "wr_before", 0), after = cf_u64(rec, "wr_after", 0);
        if (after == before)
            cf_pass(run, "VMB-RING-014");
        else
            cf_fail(run, "VMB-RING-014", rec, "the guest wrote (write_index %llu -> %llu) while "
                    "the outbound read_index was %llu, beyond the ring",
                    (unsigned long long)before, (unsigned long long)after,
                    (unsigned long long)cf_u64(rec, "bogus_rd", 0));
    }
}

/* VMB-SIG-008: vmbus_isr() runs vmbus_chan_sched() before it queues the message DPC. */
static void adv_eam(struct adv_state *s, struct cf_run *run, const struct trc_record *rec)
{
    if (!s->eam)
        return;
    if (!strcmp(rec->kind, "vmbus_chan_sched")) {
        s->eam_sched = 1;
    } else if (!strcmp(rec->kind, "vmbus_on_msg_dpc")) {
        s->eam = 0;
        if (s->eam_sched)
            cf_pass(run, "VMB-SIG-008");
        else
            cf_fail(run, "VMB-SIG-008", rec, "the control message was handled before the "
                    "channel event pending in the same interrupt");
    }
}

static void adv_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct adv_state *s = st;
    if (cf_is(rec, "vmbus", "offer_duplicate")) {
        uint64_t r = cf_u64(rec, "relid", ADV_MAX_RELIDS);
        if (r < ADV_MAX_RELIDS) {
            s->ch[r].dup = 1;
            s->ch[r].orig = (uint32_t)cf_u64(rec, "of", ADV_MAX_RELIDS);
        }
    } else if (!strcmp(rec->source, "guest.tp") && rec->body) {
        adv_tp(s, run, rec);
        adv_eam(s, run, rec);
        uint32_t r = adv_tp_relid(rec);
        if (!strcmp(rec->kind, "vmbus_onoffer") && r < ADV_MAX_RELIDS)
            s->onoffer[r] = 1;
    } else if (cf_is(rec, "scenario", "toctou") && cf_eq(rec, "what", "slot")) {
        s->toctou = 1;
        s->toctou_orig = (uint32_t)cf_u64(rec, "relid_orig", 0);
        s->toctou_new = (uint32_t)cf_u64(rec, "relid_new", 0);
    } else if (cf_is(rec, "guest.driver", "device_add") && s->dup_instance[0] &&
               cf_eq(rec, "dev", s->dup_instance)) {
        s->instance_adds++;
        cf_fail(run, "VMB-OFF-004", rec, "the duplicate offer registered a second device");
    } else if (!strncmp(rec->source, "vsp.", 4) && !strcmp(rec->kind, "guest_signal") &&
               cf_eq(rec, "via", "monitor")) {
        cf_pass(run, "VMB-SIG-001"); /* a HvSignalEvent on it is the host's finding */
    } else if (cf_is(rec, "scenario", "fault") && cf_eq(rec, "kind", "event-and-message")) {
        s->eam = 1; /* an event flag and a control message pending in one interrupt */
        s->eam_sched = 0;
    } else if (cf_is(rec, "scenario", "fault") && cf_eq(rec, "kind", "timer-message")) {
        s->timer_pending = 1;
        s->timer_as_vmbus = 0;
    } else if (cf_is(rec, "scenario", "look")) {
        adv_look(s, run, rec);
    }
}

static void adv_finish(void *st, struct cf_run *run)
{
    struct adv_state *s = st;
    /* VMB-SYN-004: the offer was handled from the guest's private copy of the slot */
    if (s->toctou && s->toctou_orig < ADV_MAX_RELIDS && s->toctou_new < ADV_MAX_RELIDS) {
        if (s->onoffer[s->toctou_orig] && !s->onoffer[s->toctou_new])
            cf_pass(run, "VMB-SYN-004");
        else
            cf_fail(run, "VMB-SYN-004", NULL, "the host rewrote relid %u to %u in the SIMP slot "
                    "after delivery; the guest's offers: original %s, rewritten %s",
                    s->toctou_orig, s->toctou_new, s->onoffer[s->toctou_orig] ? "seen" : "not seen",
                    s->onoffer[s->toctou_new] ? "seen" : "not seen");
    }
    for (uint32_t r = 0; r < ADV_MAX_RELIDS; r++) {
        const struct adv_chan *c = &s->ch[r];
        if (c->dup_processed && !c->dup_used && c->orig_used)
            cf_pass(run, "VMB-OFF-004"); /* discarded: the guest kept using the original */
        if (c->driverless && c->processed && !c->opened)
            cf_pass(run, "VMB-OFF-005");
    }
}

const struct cf_checker cf_vmbus_adv_checker = {
    .name = "vmbus.adversity",
    .state_size = sizeof(struct adv_state),
    .on_record = adv_record,
    .finish = adv_finish,
};
