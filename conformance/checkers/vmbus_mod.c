/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmbus_mod.c - MODIFYCHANNEL (protocol-inventory §1.9): VMB-MOD-001..004.
 *
 * The guest retargets a channel when user space writes its sysfs `cpu` attribute
 * (target_cpu_store -> vmbus_channel_set_cpu); scenarios do that with the sysfs-write
 * action, which the guest runtime traces as guest.sysfs write_start (the store begins) and
 * guest.sysfs write ... ret=<n> (it returned), and its tracepoint vmbus_send_modifychannel
 * (the message was posted). Host observations: vmbus negotiate, the
 * channel's vsp.<dev>.<relid> open/close/released, vmbus modify relid= status= (the host
 * model received MODIFYCHANNEL), vmbus send msg=MODIFYCHANNEL_RESPONSE, and the hypervisor's
 * hv event vcpu= flag= (a channel interrupt on that vCPU).
 *
 *   MOD-001: every MODIFYCHANNEL comes at >= 4.1 for an open channel; below 4.1 a cpu
 *	write that ends without any MODIFYCHANNEL passes.
 *   MOD-002: at >= 5.3 the write returns only after the host's response, with an error
 *	iff the response's status is non-zero; a write still blocked at the end of the run
 *	after its response was sent fails.
 *   MOD-003: between 4.1 and 5.2 the write returns without a response; still blocked at
 *	the end of the run fails.
 *   MOD-004: once a write made the guest target vCPU N, a channel interrupt on another vCPU
 *	is followed by the guest's vmbus_chan_sched for that relid; never followed fails.
 *
 * Invariants: one cpu write at a time is tracked (scenarios issue them one by one); per-relid
 * state is bounded by CF_MOD_MAX_RELIDS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cf/vmbus.h"
#include "vmbus_internal.h"

#define CF_MOD_MAX_RELIDS 256
#define V41 0x40001u
#define V53 0x50003u

struct mod_state {
    uint32_t version;
    uint8_t open[CF_MOD_MAX_RELIDS];
    int32_t guest_cpu[CF_MOD_MAX_RELIDS];  /* -1: not retargeted by a write */
    uint8_t stray[CF_MOD_MAX_RELIDS];      /* interrupt on another vCPU, not yet processed */
    int writing, sent, matched, responded; /* matched: the host took it for w_relid */
    uint32_t w_relid, w_status, w_cpu;
};

static uint32_t mod_version(const struct trc_record *rec)
{
    char buf[16];
    unsigned major = 0, minor = 0;

    if (!cf_get(rec, "version", buf, sizeof(buf)) || sscanf(buf, "%u.%u", &major, &minor) != 2)
        return 0;
    return major << 16 | minor;
}

/* The relid of a "<device>/channels/<relid>" path, or CF_MOD_MAX_RELIDS. */
static uint32_t path_relid(const struct trc_record *rec)
{
    char path[128];
    const char *p;
    unsigned long r;

    if (!cf_get(rec, "path", path, sizeof(path)) || !(p = strstr(path, "/channels/")))
        return CF_MOD_MAX_RELIDS;
    r = strtoul(p + 10, NULL, 10);
    return r < CF_MOD_MAX_RELIDS ? (uint32_t)r : CF_MOD_MAX_RELIDS;
}

static void mod_init(void *st, struct cf_run *run)
{
    struct mod_state *s = st;

    (void)run;
    for (uint32_t i = 0; i < CF_MOD_MAX_RELIDS; i++)
        s->guest_cpu[i] = -1;
}

static void mod_write_done(struct mod_state *s, struct cf_run *run, const struct trc_record *rec)
{
    char buf[24];
    long ret = cf_get(rec, "ret", buf, sizeof(buf)) ? strtol(buf, NULL, 10) : -1;

    s->writing = 0;
    if (s->version && s->version < V41) {
        if (!s->sent)
            cf_pass(run, "VMB-MOD-001");
        return;
    }
    if (!s->sent)
        return; /* same CPU, or refused before sending: nothing on the wire to judge */
    if (s->version >= V53) {
        if (!s->responded)
            cf_fail(run, "VMB-MOD-002", rec,
                    "cpu write on relid %u returned (ret=%ld) "
                    "before the host's MODIFYCHANNEL_RESPONSE",
                    s->w_relid, ret);
        else if (s->w_status && ret >= 0)
            cf_fail(run, "VMB-MOD-002", rec,
                    "MODIFYCHANNEL_RESPONSE status %#x on relid "
                    "%u not treated as failure (ret=%ld)",
                    s->w_status, s->w_relid, ret);
        else if (!s->w_status && ret < 0)
            cf_fail(run, "VMB-MOD-002", rec,
                    "MODIFYCHANNEL_RESPONSE status 0 on relid %u "
                    "but the write failed (ret=%ld)",
                    s->w_relid, ret);
        else
            cf_pass(run, "VMB-MOD-002");
    } else if (!s->responded) {
        cf_pass(run, "VMB-MOD-003");
    }
    if (ret >= 0 && s->w_relid < CF_MOD_MAX_RELIDS)
        s->guest_cpu[s->w_relid] = (int32_t)s->w_cpu;
}

static void mod_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct mod_state *s = st;

    if (cf_is(rec, "vmbus", "negotiate") && cf_eq(rec, "accepted", "1")) {
        s->version = mod_version(rec);
    } else if (!strncmp(rec->source, "vsp.", 4) &&
               (!strcmp(rec->kind, "open") || !strcmp(rec->kind, "close") ||
                !strcmp(rec->kind, "released"))) {
        uint64_t r = cf_u64(rec, "relid", CF_MOD_MAX_RELIDS);

        if (r < CF_MOD_MAX_RELIDS) {
            s->open[r] = !strcmp(rec->kind, "open") && cf_u64(rec, "status", 1) == 0;
            if (!s->open[r]) { /* a closed channel's events need no processing */
                s->guest_cpu[r] = -1;
                s->stray[r] = 0;
            }
        }
    } else if (cf_is(rec, "vmbus", "modify")) {
        uint64_t r = cf_u64(rec, "relid", CF_MOD_MAX_RELIDS);

        if (s->version < V41)
            cf_fail(run, "VMB-MOD-001", rec, "MODIFYCHANNEL at version %#x (< 4.1)", s->version);
        else if (r >= CF_MOD_MAX_RELIDS || !s->open[r])
            cf_fail(run, "VMB-MOD-001", rec, "MODIFYCHANNEL for relid %llu that is not open",
                    (unsigned long long)r);
        else
            cf_pass(run, "VMB-MOD-001");
        if (s->writing && s->sent && r == s->w_relid) {
            s->matched = 1;
            s->w_status = (uint32_t)cf_u64(rec, "status", 0);
        }
    } else if (cf_is(rec, "guest.tp", "vmbus_send_modifychannel") && rec->body) {
        unsigned r, vp;
        int ret;
        if (sscanf(rec->body, "binding child_relid %x to target_vp %x, ret %d", &r, &vp, &ret) ==
                3 &&
            s->writing && r == s->w_relid && ret == 0) {
            s->sent = 1;
            s->w_cpu = vp;
        }
    } else if (cf_is(rec, "vmbus", "send") && cf_eq(rec, "msg", "MODIFYCHANNEL_RESPONSE")) {
        if (s->writing && s->matched) /* the host answers in order: this one is w_relid's */
            s->responded = 1;
    } else if (cf_is(rec, "guest.sysfs", "write_start") && cf_eq(rec, "attr", "cpu")) {
        s->writing = 1;
        s->sent = s->matched = s->responded = 0;
        s->w_status = 0;
        s->w_relid = path_relid(rec);
    } else if (cf_is(rec, "guest.sysfs", "write") && cf_eq(rec, "attr", "cpu") && s->writing) {
        mod_write_done(s, run, rec);
    } else if (cf_is(rec, "hv", "event")) {
        uint64_t r = cf_u64(rec, "flag", CF_MOD_MAX_RELIDS);
        uint64_t cpu = cf_u64(rec, "vcpu", 0);

        if (r < CF_MOD_MAX_RELIDS && s->guest_cpu[r] >= 0 && cpu != (uint64_t)s->guest_cpu[r])
            s->stray[r] = 1;
    } else if (cf_is(rec, "guest.tp", "vmbus_chan_sched") && rec->body) {
        unsigned r;

        if (sscanf(rec->body, "relid %x", &r) == 1 && r < CF_MOD_MAX_RELIDS && s->stray[r]) {
            s->stray[r] = 0;
            cf_pass(run, "VMB-MOD-004");
        }
    }
}

static void mod_finish(void *st, struct cf_run *run)
{
    struct mod_state *s = st;

    if (s->writing && s->sent && s->version >= V53 && s->responded)
        cf_fail(run, "VMB-MOD-002", NULL,
                "cpu write on relid %u still blocked after the "
                "host's MODIFYCHANNEL_RESPONSE",
                s->w_relid);
    else if (s->writing && s->sent && s->version >= V41 && s->version < V53)
        cf_fail(run, "VMB-MOD-003", NULL,
                "cpu write on relid %u still blocked at < 5.3, "
                "where no MODIFYCHANNEL_RESPONSE comes",
                s->w_relid);
    for (uint32_t r = 0; r < CF_MOD_MAX_RELIDS; r++)
        if (s->stray[r])
            cf_fail(run, "VMB-MOD-004", NULL,
                    "interrupt for relid %u on a vCPU other "
                    "than its target %d was never processed",
                    r, s->guest_cpu[r]);
}

const struct cf_checker cf_vmbus_mod_checker = {
    .name = "vmbus.modify",
    .state_size = sizeof(struct mod_state),
    .init = mod_init,
    .on_record = mod_record,
    .finish = mod_finish,
};
