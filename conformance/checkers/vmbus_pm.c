/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus_pm.c - hibernation (protocol-inventory: vmbus_bus_suspend / vmbus_bus_resume):
 * VMB-PM-001..005.
 *
 * A hibernation starts at the guest runtime's guest.pm hibernate (sim/guest/runtime/pm.c);
 * the host's vmbus recv msg=UNLOAD ends the suspend, the next vmbus negotiate is the resume
 * contact, guest.pm restored ends the resume. Host observations: vmbus offer / withhold /
 * offer_suspended (models/vmbus/src/pm.c), the channels' vsp.<dev>.<relid> open / close /
 * released, hv deliver (a message written into the guest's free SynIC slot). Guest
 * observations: guest.tp vmbus_onoffer (the offer handler ran, with if_instance),
 * guest.driver device_add, guest.pm cb (each PM callback and its return).
 *
 *   PM-001: at a hibernation's UNLOAD no sub-channel is open (opened and neither closed nor
 *	released). hv_sock channels are not offered by the host model.
 *   PM-002: the first INITIATE_CONTACT after a hibernation's UNLOAD requests the version
 *	negotiated before; after a refusal no other INITIATE_CONTACT follows.
 *   PM-003: a primary re-offered on resume whose instance the guest knew is not created
 *	anew (no device_add of that instance) and, if it was open before, is opened again
 *	under the relid of the re-offer by the end of the resume (or, if the resume never
 *	ends, within 10.5 s of the re-offer).
 *   PM-004: when a known primary was withheld, the VMBus root's restore_noirq returns
 *	between 10 s (the guest waits for it) and 10.5 s after the resume's REQUESTOFFERS.
 *   PM-005: an offer sent while the guest is suspended (offer_suspended) is not handled (no
 *	vmbus_onoffer for its relid before the resume contact) and its slot is freed (a later
 *	message is delivered).
 *
 * Invariants: relids and device names are bounded (CF_PM_MAX_RELIDS, CF_PM_MAX_DEVS); one
 * hibernation is tracked at a time, a new guest.pm hibernate starts the next one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cf/vmbus.h"
#include "vmbus_internal.h"

#define CF_PM_MAX_RELIDS 2048
#define CF_PM_MAX_DEVS 32
#define CF_PM_WAIT_NS 10000000000ull   /* vmbus_bus_resume: 10 * HZ */
#define CF_PM_EARLY_NS 100000000ull    /* 0.1 s tolerance below the wait */
#define CF_PM_LATE_NS 500000000ull     /* 0.5 s tolerance above it */

enum pm_phase { PM_NONE = 0, PM_SUSPENDING, PM_SUSPENDED, PM_RESUMING, PM_RESUMED };

struct pm_relid {
    uint8_t sub, open, dev; /* dev: index + 1 into devs, 0 = unknown */
};

struct pm_dev {
    char name[24];
    char instance[40];   /* from the guest's vmbus_onoffer */
    uint32_t relid;      /* current */
    uint8_t was_open;    /* its primary was open when the hibernation started */
    uint8_t reoffered;   /* re-offered in this resume */
    uint8_t withheld;
    uint8_t reopened;
    uint64_t reoffer_ns;
};

struct pm_state {
    enum pm_phase phase;
    uint32_t version, saved_version, last_refused;
    uint64_t requestoffers_ns; /* the resume's REQUESTOFFERS; 0 = none yet */
    uint64_t last_ns;          /* time of the latest record */
    int missing;               /* a known primary was withheld in this resume */
    int root_restored;
    uint32_t suspended_relid;  /* offer_suspended relid + 1; 0 = none */
    int suspended_delivered, suspended_freed, suspended_acted, unload_response_sent;
    struct pm_relid relids[CF_PM_MAX_RELIDS];
    struct pm_dev devs[CF_PM_MAX_DEVS];
    uint32_t nr_devs;
};

static uint32_t pm_version(const struct trc_record *rec)
{
    char buf[16];
    unsigned major = 0, minor = 0;

    if (!cf_get(rec, "version", buf, sizeof(buf)) || sscanf(buf, "%u.%u", &major, &minor) != 2)
        return 0;
    return major << 16 | minor;
}

static uint32_t pm_relid(const struct trc_record *rec)
{
    uint64_t r = cf_u64(rec, "relid", CF_PM_MAX_RELIDS);
    return r < CF_PM_MAX_RELIDS ? (uint32_t)r : CF_PM_MAX_RELIDS;
}

static struct pm_dev *pm_dev(struct pm_state *s, const char *name)
{
    for (uint32_t i = 0; i < s->nr_devs; i++)
        if (!strcmp(s->devs[i].name, name))
            return &s->devs[i];
    if (s->nr_devs == CF_PM_MAX_DEVS)
        return NULL;
    struct pm_dev *d = &s->devs[s->nr_devs++];
    snprintf(d->name, sizeof(d->name), "%s", name);
    return d;
}

/* The primary channel of d is open (host view). */
static int pm_dev_open(const struct pm_state *s, const struct pm_dev *d)
{
    return d->relid < CF_PM_MAX_RELIDS && s->relids[d->relid].open;
}

static void pm_hibernate(struct pm_state *s)
{
    s->phase = PM_SUSPENDING;
    s->saved_version = s->version;
    s->last_refused = 0;
    s->requestoffers_ns = 0;
    s->missing = s->root_restored = 0;
    s->unload_response_sent = 0; /* the suspended offer's state starts at its own record */
    for (uint32_t i = 0; i < s->nr_devs; i++) {
        struct pm_dev *d = &s->devs[i];
        d->was_open = (uint8_t)pm_dev_open(s, d);
        d->reoffered = d->withheld = d->reopened = 0;
    }
}

/* PM-001: no sub-channel open when the guest's hibernation UNLOAD reaches the host. */
static void pm_unload(struct pm_state *s, struct cf_run *run, const struct trc_record *rec)
{
    uint32_t bad = CF_PM_MAX_RELIDS;
    if (s->phase != PM_SUSPENDING)
        return;
    s->phase = PM_SUSPENDED;
    for (uint32_t r = 0; r < CF_PM_MAX_RELIDS && bad == CF_PM_MAX_RELIDS; r++)
        if (s->relids[r].sub && s->relids[r].open)
            bad = r;
    if (bad < CF_PM_MAX_RELIDS)
        cf_fail(run, "VMB-PM-001", rec, "UNLOAD sent while sub-channel relid %u is open", bad);
    else
        cf_pass(run, "VMB-PM-001");
    for (uint32_t r = 0; r < CF_PM_MAX_RELIDS; r++)
        s->relids[r].open = 0; /* the host resets every channel at UNLOAD */
}

/* PM-002 on every vmbus negotiate; the first after a hibernation's UNLOAD is the resume. */
static void pm_negotiate(struct pm_state *s, struct cf_run *run, const struct trc_record *rec)
{
    uint32_t v = pm_version(rec);
    int accepted = cf_eq(rec, "accepted", "1");
    if (s->phase == PM_SUSPENDED) {
        s->phase = PM_RESUMING;
        if (s->suspended_relid && !s->suspended_acted && s->suspended_freed)
            cf_pass(run, "VMB-PM-005");
        if (v != s->saved_version)
            cf_fail(run, "VMB-PM-002", rec, "resume requested %u.%u, the version before "
                    "hibernation was %u.%u", v >> 16, v & 0xffff, s->saved_version >> 16,
                    s->saved_version & 0xffff);
        else
            cf_pass(run, "VMB-PM-002");
        if (!accepted)
            s->last_refused = v;
    } else if (s->phase >= PM_RESUMING && s->last_refused) {
        cf_fail(run, "VMB-PM-002", rec, "resume fell back to %u.%u after %u.%u was refused",
                v >> 16, v & 0xffff, s->last_refused >> 16, s->last_refused & 0xffff);
    }
    if (accepted)
        s->version = v;
}

static void pm_offer(struct pm_state *s, const struct trc_record *rec)
{
    char name[24];
    uint32_t r = pm_relid(rec);
    struct pm_dev *d;
    if (r >= CF_PM_MAX_RELIDS || !cf_get(rec, "dev", name, sizeof(name)))
        return;
    memset(&s->relids[r], 0, sizeof(s->relids[r]));
    s->relids[r].sub = cf_u64(rec, "sub", 0) != 0;
    if (s->relids[r].sub || !(d = pm_dev(s, name)))
        return;
    s->relids[r].dev = (uint8_t)(d - s->devs + 1);
    d->relid = r;
    if (s->phase == PM_RESUMING) {
        d->reoffered = 1;
        d->reoffer_ns = rec->time_ns;
    }
}

/* PM-004: the root device's restore_noirq return (vmbus_bus_resume done). */
static void pm_root_restored(struct pm_state *s, struct cf_run *run, const struct trc_record *rec)
{
    uint64_t waited = rec->time_ns - s->requestoffers_ns;
    s->root_restored = 1;
    if (!s->missing || !s->requestoffers_ns)
        return;
    if (waited + CF_PM_EARLY_NS < CF_PM_WAIT_NS)
        cf_fail(run, "VMB-PM-004", rec, "resume went on %llu ms after REQUESTOFFERS although "
                "a primary was not re-offered (expected the 10 s wait)",
                (unsigned long long)(waited / 1000000));
    else if (waited > CF_PM_WAIT_NS + CF_PM_LATE_NS)
        cf_fail(run, "VMB-PM-004", rec, "resume went on only %llu ms after REQUESTOFFERS",
                (unsigned long long)(waited / 1000000));
    else
        cf_pass(run, "VMB-PM-004");
}

/* PM-003 at the end of a resume (or of the run): every reused device was reopened. */
static void pm_judge_reuse(struct pm_state *s, struct cf_run *run, const struct trc_record *rec)
{
    for (uint32_t i = 0; i < s->nr_devs; i++) {
        struct pm_dev *d = &s->devs[i];
        if (!d->reoffered || !d->was_open)
            continue;
        if (d->reopened)
            cf_pass(run, "VMB-PM-003");
        else
            cf_fail(run, "VMB-PM-003", rec, "%s was re-offered as relid %u but not opened "
                    "again by the end of the resume", d->name, d->relid);
        d->reoffered = 0;
    }
}

static void pm_chan(struct pm_state *s, const struct trc_record *rec)
{
    uint32_t r = pm_relid(rec);
    if (r >= CF_PM_MAX_RELIDS)
        return;
    struct pm_relid *c = &s->relids[r];
    if (!strcmp(rec->kind, "open")) {
        c->open = cf_u64(rec, "status", 1) == 0;
        if (c->open && c->dev && s->phase == PM_RESUMING && s->devs[c->dev - 1].relid == r)
            s->devs[c->dev - 1].reopened = 1;
    } else if (!strcmp(rec->kind, "close") || !strcmp(rec->kind, "released")) {
        c->open = 0;
    }
}

/* guest.tp vmbus_onoffer: the instance of a relid; during the suspended window, PM-005. */
static void pm_onoffer(struct pm_state *s, struct cf_run *run, const struct trc_record *rec)
{
    const char *p = strstr(rec->body, "child_relid "), *inst = strstr(rec->body, "if_instance ");
    unsigned r;
    if (!p || sscanf(p, "child_relid %x", &r) != 1 || r >= CF_PM_MAX_RELIDS)
        return;
    if (s->suspended_relid == r + 1 && s->phase < PM_RESUMING && !s->suspended_acted) {
        s->suspended_acted = 1;
        cf_fail(run, "VMB-PM-005", rec, "the guest handled the offer of relid %u it received "
                "while suspended", r);
    }
    if (inst && s->relids[r].dev)
        sscanf(inst, "if_instance %36s", s->devs[s->relids[r].dev - 1].instance);
}

/* PM-003: a device_add on the VMBus during a resume must not be a known instance. */
static void pm_device_add(struct pm_state *s, struct cf_run *run, const struct trc_record *rec)
{
    char dev[64];
    if (s->phase != PM_RESUMING || !cf_eq(rec, "bus", "vmbus") ||
        !cf_get(rec, "dev", dev, sizeof(dev)))
        return;
    for (uint32_t i = 0; i < s->nr_devs; i++)
        if (s->devs[i].instance[0] && !strcmp(s->devs[i].instance, dev))
            cf_fail(run, "VMB-PM-003", rec, "a new device was created for %s (instance %s) "
                    "instead of reusing it", s->devs[i].name, dev);
}

static void pm_host(struct pm_state *s, struct cf_run *run, const struct trc_record *rec)
{
    if (cf_is(rec, "vmbus", "negotiate")) {
        pm_negotiate(s, run, rec);
    } else if (cf_is(rec, "vmbus", "offer")) {
        pm_offer(s, rec);
    } else if (cf_is(rec, "vmbus", "recv") && cf_eq(rec, "msg", "UNLOAD")) {
        pm_unload(s, run, rec);
    } else if (cf_is(rec, "vmbus", "recv") && cf_eq(rec, "msg", "REQUESTOFFERS") &&
               s->phase == PM_RESUMING) {
        s->requestoffers_ns = rec->time_ns;
    } else if (cf_is(rec, "vmbus", "withhold") && s->phase == PM_RESUMING) {
        char name[24];
        struct pm_dev *d = cf_get(rec, "dev", name, sizeof(name)) ? pm_dev(s, name) : NULL;
        if (d && cf_u64(rec, "sub", 0) == 0) {
            d->withheld = 1;
            s->missing = 1;
        }
    } else if (cf_is(rec, "vmbus", "offer_suspended")) {
        uint32_t r = pm_relid(rec);
        s->suspended_relid = r < CF_PM_MAX_RELIDS ? r + 1 : 0;
        s->suspended_delivered = s->suspended_freed = s->suspended_acted = 0;
    } else if (cf_is(rec, "vmbus", "send") && cf_eq(rec, "msg", "UNLOAD_RESPONSE")) {
        s->unload_response_sent = 1;
    } else if (cf_is(rec, "hv", "deliver") && s->suspended_relid) {
        if (s->suspended_delivered)
            s->suspended_freed = 1; /* the hypervisor writes only into a free slot */
        else if (cf_u64(rec, "vmb_msgtype", 0) == 1)
            s->suspended_delivered = 1;
    } else if (!strncmp(rec->source, "vsp.", 4)) {
        pm_chan(s, rec);
    }
}

static void pm_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct pm_state *s = st;
    s->last_ns = rec->time_ns;
    if (cf_is(rec, "guest.pm", "hibernate")) {
        pm_hibernate(s);
    } else if (cf_is(rec, "guest.pm", "cb") && cf_eq(rec, "phase", "restore_noirq") &&
               cf_eq(rec, "dev", "VMBUS:00") && s->phase == PM_RESUMING) {
        pm_root_restored(s, run, rec);
    } else if (cf_is(rec, "guest.pm", "restored") && s->phase == PM_RESUMING) {
        pm_judge_reuse(s, run, rec);
        s->phase = PM_RESUMED;
    } else if (cf_is(rec, "guest.tp", "vmbus_onoffer") && rec->body) {
        pm_onoffer(s, run, rec);
    } else if (cf_is(rec, "guest.driver", "device_add")) {
        pm_device_add(s, run, rec);
    } else {
        pm_host(s, run, rec);
    }
}

static void pm_finish(void *st, struct cf_run *run)
{
    struct pm_state *s = st;
    if (s->suspended_relid && s->phase < PM_RESUMING && !s->suspended_acted) {
        if (s->suspended_freed)
            cf_pass(run, "VMB-PM-005");
        else if (s->suspended_delivered && s->unload_response_sent)
            cf_fail(run, "VMB-PM-005", NULL, "the slot of the offer received while suspended "
                    "(relid %u) was never freed: UNLOAD_RESPONSE not delivered",
                    s->suspended_relid - 1);
    }
    if (s->phase == PM_RESUMING && s->missing && s->requestoffers_ns && !s->root_restored &&
        s->last_ns > s->requestoffers_ns + CF_PM_WAIT_NS + CF_PM_LATE_NS)
        cf_fail(run, "VMB-PM-004", NULL, "a primary was not re-offered and the resume never "
                "went on (vmbus_bus_resume did not return)");
    for (uint32_t i = 0; s->phase == PM_RESUMING && i < s->nr_devs; i++) {
        const struct pm_dev *d = &s->devs[i];
        if (d->reoffered && d->was_open && !d->reopened &&
            s->last_ns > d->reoffer_ns + CF_PM_WAIT_NS + CF_PM_LATE_NS)
            cf_fail(run, "VMB-PM-003", NULL, "%s was re-offered as relid %u but not opened "
                    "again within 10.5 s (the resume never finished)", d->name, d->relid);
    }
}

const struct cf_checker cf_vmbus_pm_checker = {
    .name = "vmbus.pm",
    .state_size = sizeof(struct pm_state),
    .on_record = pm_record,
    .finish = pm_finish,
};
