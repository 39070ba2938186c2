/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exec.c - one scenario run: scenario -> vmb_boot_config + hooks, timeline, faults,
 * checkers, then the judgement against the scenario's expectations.
 *
 * The run lasts the scenario's virtual time (limits.time, default EXEC_DEFAULT_TIME_NS): an
 * outcome of "limit.time", "idle" or "stopped" is a normal end, "deadlock" too (a guest
 * waiting forever is judged by the checkers and expectations, not by the engine). Other
 * limits, a guest crash, an unexpected rule failure, a missing expected finding or a missed
 * deadline make the run FAIL with a one-line reason.
 *
 * Invariants: nothing here reads host state into the trace; all stimuli are world events
 * scheduled before boot() (timeline "at") or from a trace listener via a zero-delay event
 * (timeline "on"), so a run is reproducible from (seed, scenario, build).
 */
#define _GNU_SOURCE
#include "exec/exec.h"

#include <dlfcn.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#endif
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cf/checker.h"
#include "cf/input.h"
#include "cf/util.h"
#include "cf/vmbus.h"
#include "hyp/machine.h"
#include "hyp/tlfs.h"
#include "sim/trace.h"
#include "sim/world.h"
#include "vmb/boot.h"
#include "vmb/codec.h"
#include "vmb/devices.h"
#include "vsp/kbd.h"
#include "vsp/mouse.h"
#include "vsp/rq.h"
#include "vsp/test.h"
#include "vsp/util.h"
#include "vmbus_faults.h"
#include "pm_action.h"
#include "tl_action.h"

#define EXEC_DEFAULT_TIME_NS 2000000000ull /* 2 s of virtual time */
#define EXEC_DEFAULT_EVENTS 20000000ull

struct exec_step_ev {
    struct sim_event ev;
    struct exec_run *run;
    const struct scn_step *step;
    int fired;
};

struct exec_deadline {
    uint64_t seen_ns; /* first time the event was seen; UINT64_MAX = not seen */
};

struct exec_run {
    const struct scn_scenario *s;
    struct sim_world *w;
    struct vmb_host *host;
    struct hyp_machine *m;
    const struct hyp_guest_ops *guest;
    struct vsp_kbd *kbd;
    struct vsp_mouse *mouse[SCN_MAX_DEVICES]; /* mouse VSPs, same indexing */
    struct vsp_util_dev *util[SCN_MAX_DEVICES]; /* by scenario device index; NULL if none */
    struct vsp_test *test[SCN_MAX_DEVICES];     /* testvsc devices, same indexing */
    struct vsp_rq *rq[SCN_MAX_DEVICES];         /* testrq devices, same indexing */
    struct cf_run *cf;
    struct exec_step_ev steps[SCN_MAX_LIST];
    struct exec_deadline deadlines[SCN_MAX_LIST];
    uint32_t msg_seen[32]; /* guest messages per msgtype, for selftest-mutate "nth" */
    char error[256];
    int abandoned;   /* a fault left the world mid-step: never free it */
    int cf_finished; /* the checkers' end-of-run judgement was made */
};

/* ---- device and host configuration ---- */

static int is_keyboard(const char *type)
{
    return !strcmp(type, "keyboard") || !strcmp(type, "kbd");
}

static int build_host(struct exec_run *r, struct vmb_boot_config *cfg, char *err, size_t len)
{
    const struct scn_scenario *s = r->s;
    struct vmb_host_config *hc = &cfg->host;
    if (s->nr_versions) {
        hc->accepted_versions = 0;
        for (uint32_t i = 0; i < s->nr_versions; i++)
            hc->accepted_versions |= vmb_version_bit(s->versions[i]);
    }
    const struct scn_dist *d = &s->latency_message;
    if (d->kind == SCN_DIST_UNIFORM)
        hc->latency = sim_dist_uniform(d->a_ns, d->b_ns);
    else if (d->kind == SCN_DIST_EXP)
        hc->latency = sim_dist_exp(d->a_ns);
    else if (d->a_ns)
        hc->latency = sim_dist_fixed(d->a_ns);
    for (uint32_t i = 0; i < s->nr_devices; i++) {
        const struct scn_device *sd = &s->devices[i];
        struct vmb_device_config *dev = &hc->devices[hc->nr_devices++];
        if (is_keyboard(sd->type)) {
            if (r->kbd) {
                snprintf(err, len, "only one keyboard per scenario");
                return -1;
            }
            struct vsp_kbd_params kp;
            vsp_kbd_params_default(&kp);
            for (uint32_t a = 0; a < sd->nr_args; a++)
                if (vsp_kbd_option(sd->args[a].key, sd->args[a].value, &kp)) {
                    snprintf(err, len, "keyboard: bad option '%s'", sd->args[a].key);
                    return -1;
                }
            r->kbd = vsp_kbd_create_params(&kp);
            vsp_kbd_attach(r->kbd, dev);
        } else if (!strcmp(sd->type, "mouse")) {
            struct vsp_mouse_params mp;
            vsp_mouse_params_default(&mp);
            for (uint32_t a = 0; a < sd->nr_args; a++)
                if (vsp_mouse_option(sd->args[a].key, sd->args[a].value, &mp)) {
                    snprintf(err, len, "mouse: bad option '%s'", sd->args[a].key);
                    return -1;
                }
            r->mouse[i] = vsp_mouse_create(&mp);
            vsp_mouse_attach(r->mouse[i], i, dev);
        } else if (vsp_util_service_parse(sd->type) >= 0) {
            struct vsp_util_params p = {.instance = i};
            struct exec_util_daemon dm;
            if (exec_util_params(sd, &p, &dm, err, len))
                return -1;
            r->util[i] = vsp_util_device(dev, (enum vsp_util_service)
                                         vsp_util_service_parse(sd->type), &p);
            if (!r->util[i]) {
                snprintf(err, len, "cannot create the %s model", sd->type);
                return -1;
            }
        } else if (vsp_test_is_type(sd->type)) {
            if (!(r->test[i] = vsp_test_device(dev, sd->type, i))) {
                snprintf(err, len, "bad test device type '%s'", sd->type);
                return -1;
            }
        } else if (vsp_rq_is_type(sd->type)) {
            if (!(r->rq[i] = vsp_rq_device(dev, sd->type, i))) {
                snprintf(err, len, "bad request-id test device type '%s'", sd->type);
                return -1;
            }
        } else if (vmb_device_preset(sd->type, i, dev) != 0) {
            snprintf(err, len, "unknown device type '%s'", sd->type);
            return -1;
        }
        if (!r->rq[i]) /* a testrq device takes its sub-channels from its type text */
            dev->nr_subchannels = sd->subchannels;
        dev->monitor_allocated = sd->monitor != 0;
    }
    cfg->kbd = r->kbd;
    return 0;
}

/* ---- timeline ---- */

static const char *step_arg(const struct scn_step *st, const char *key)
{
    for (uint32_t i = 0; i < st->nr_args; i++)
        if (!strcmp(st->args[i].key, key))
            return st->args[i].value;
    return NULL;
}

static int device_index(const struct scn_scenario *s, const char *name)
{
    for (uint32_t i = 0; i < s->nr_devices; i++)
        if (!strcmp(s->devices[i].name, name))
            return (int)i;
    return -1;
}

/*
 * sysfs-write: the attribute `attr` of the device (no `channel`) or of its channel
 * (`channel: primary` or a relid), path as the guest's sysfs names it (sysfs.c).
 */
static void sysfs_write_step(struct exec_run *r, struct trc_trace *t, const struct scn_step *st,
                             int dev)
{
    int (*wr)(const char *, const char *, const char *) =
        (int (*)(const char *, const char *, const char *))r->guest->hook("sysfs.write");
    const char *chan = step_arg(st, "channel"), *attr = step_arg(st, "attr");
    const char *value = step_arg(st, "value");
    struct vmb_channel *ch = dev >= 0 ? vmb_host_device_channel(r->host, (uint32_t)dev, 0) : NULL;
    char guid[37], path[96];
    if (!wr || !ch || !attr || !value) {
        trc_text(t, "scenario", "step_failed", !wr ? "action=sysfs-write reason=no-hook"
                 : !ch ? "action=sysfs-write reason=no-channel"
                       : "action=sysfs-write reason=no-attr");
        return;
    }
    vmb_guid_format(&vmb_channel_device(ch)->instance_id, guid);
    if (!chan)
        snprintf(path, sizeof(path), "%s", guid);
    else if (!strcmp(chan, "primary"))
        snprintf(path, sizeof(path), "%s/channels/%u", guid, vmb_channel_relid(ch));
    else
        snprintf(path, sizeof(path), "%s/channels/%s", guid, chan);
    if (wr(path, attr, value) != 0)
        trc_text(t, "scenario", "step_failed", "action=sysfs-write reason=no-task");
}

static void do_step(struct exec_run *r, const struct scn_step *st)
{
    struct trc_trace *t = sim_world_trace(r->w);
    int dev = st->device ? device_index(r->s, st->device) : -1;
    trc_begin(t, "scenario", "step");
    trc_str(t, "action", st->action);
    if (st->device)
        trc_str(t, "device", st->device);
    trc_end(t);
    if (!strcmp(st->action, "rescind")) {
        const char *sub = step_arg(st, "sub"); /* a sub-channel's sub_channel_index */
        uint32_t idx = sub ? (uint32_t)strtoul(sub, NULL, 0) : 0;
        struct vmb_channel *ch = vmb_host_device_channel(r->host, (uint32_t)dev, idx);
        if (!ch || vmb_host_rescind(r->host, vmb_channel_relid(ch)) != 0)
            trc_text(t, "scenario", "step_failed", "action=rescind reason=no-channel");
    } else if (!strcmp(st->action, "key")) {
        /* make then break; e0/e1: the extended-key flags; len: bytes of each keystroke
         * message (12; shorter is adversarial) */
        const char *sc = step_arg(st, "scancode"), *e0 = step_arg(st, "e0");
        const char *e1 = step_arg(st, "e1"), *ln = step_arg(st, "len");
        uint16_t code = (uint16_t)strtoul(sc ? sc : "0x1e", NULL, 0);
        uint32_t info = (e0 && strtoul(e0, NULL, 0) ? VSP_KBD_INFO_E0 : 0) |
                        (e1 && strtoul(e1, NULL, 0) ? VSP_KBD_INFO_E1 : 0);
        uint32_t n = ln ? (uint32_t)strtoul(ln, NULL, 0) : 12u;
        if (!r->kbd || vsp_kbd_key_len(r->kbd, code, info, n) ||
            vsp_kbd_key_len(r->kbd, code, info | VSP_KBD_INFO_BREAK, n))
            trc_text(t, "scenario", "step_failed", "action=key reason=not-connected");
    } else if (!strcmp(st->action, "mouse")) {
        const char *dx = step_arg(st, "dx"), *dy = step_arg(st, "dy");
        const char *b = step_arg(st, "buttons");
        if (dev < 0 || !r->mouse[dev] ||
            vsp_mouse_report(r->mouse[dev], (int8_t)strtol(dx ? dx : "0", NULL, 0),
                             (int8_t)strtol(dy ? dy : "0", NULL, 0),
                             (uint8_t)strtoul(b ? b : "0", NULL, 0)))
            trc_text(t, "scenario", "step_failed", "action=mouse reason=not-connected");
    } else if (!strcmp(st->action, "stop")) {
        sim_world_stop(r->w);
    } else if (!strcmp(st->action, "unload")) {
        /* every module's exit call, hv_vmbus last: channels close, then UNLOAD */
        int (*unload)(void) = (int (*)(void))r->guest->hook("guest.unload");
        if (!unload || unload() != 0)
            trc_text(t, "scenario", "step_failed", "action=unload reason=no-hook");
    } else if (!strcmp(st->action, "ptp-read")) {
        /* a reader of the guest's PTP clock (hv_utils' "hyperv" clock) */
        int (*rd)(void) = (int (*)(void))r->guest->hook("ptp.read");
        const char *st_arg = step_arg(st, "selftest");
        if (st_arg && strtoul(st_arg, NULL, 0)) { /* a sample the guest never got */
            char body[64];
            snprintf(body, sizeof(body), "reftime=%llu",
                     (unsigned long long)(sim_now_ns(r->w) / 100));
            trc_text(t, "scenario", "ptp_selftest", body);
        }
        if (!rd || rd() != 0)
            trc_text(t, "scenario", "step_failed", "action=ptp-read reason=no-hook");
    } else if (!strcmp(st->action, "panic")) {
        /* panic(): the notifier chain, where hv_vmbus sends UNLOAD and polls for its
         * response (vmbus_initiate_unload(true)); then the guest halts */
        int (*panic)(void) = (int (*)(void))r->guest->hook("guest.panic");
        if (!panic || panic() != 0)
            trc_text(t, "scenario", "step_failed", "action=panic reason=no-hook");
    } else if (!strcmp(st->action, "sysfs-read")) {
        /* a task reads every attribute of every device and channel: guest.sysfs read */
        int (*rd)(void) = (int (*)(void))r->guest->hook("sysfs.read_all");
        if (!rd || rd() != 0)
            trc_text(t, "scenario", "step_failed", "action=sysfs-read reason=no-hook");
    } else if (!strcmp(st->action, "sysfs-write")) {
        sysfs_write_step(r, t, st, dev);
    } else if (!strcmp(st->action, "hibernate")) {
        exec_pm_step(r->host, r->guest, r->s, t, st); /* suspend to disk and resume */
    } else if (!strcmp(st->action, "hvsock-connect")) {
        exec_tl_step(r->host, r->guest, t, st); /* hv_sock connect() + the host's answer */
    } else if (dev < 0 || !r->util[dev] || exec_util_step(r->util[dev], t, st) > 0) {
        trc_text(t, "scenario", "step_failed", "action=unknown reason=no-util-device");
    }
}

static void step_fire(struct sim_world *w, struct sim_event *ev)
{
    (void)w;
    struct exec_step_ev *se = (struct exec_step_ev *)ev;
    se->fired = 1;
    do_step(se->run, se->step);
}

/*
 * Trace listener: "on" steps and deadlines name an event as "<source>.<kind>", optionally
 * followed by space-separated key=value filters on the record's fields, e.g.
 * "vmbus.recv msg=OPENCHANNEL" or "vmbus.offer dev=kbd".
 */
static int record_is(const struct trc_record *rec, const char *event)
{
    size_t sl = strlen(rec->source), kl = strlen(rec->kind);
    if (strncmp(event, rec->source, sl) || event[sl] != '.' ||
        strncmp(event + sl + 1, rec->kind, kl))
        return 0;
    const char *p = event + sl + 1 + kl;
    if (*p && *p != ' ')
        return 0;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *tok = p;
        while (*p && *p != ' ')
            p++;
        const char *eq = memchr(tok, '=', (size_t)(p - tok));
        char key[64], want[128];
        if (!eq || eq - tok >= (long)sizeof(key) || p - eq - 1 >= (long)sizeof(want))
            return 0;
        snprintf(key, sizeof(key), "%.*s", (int)(eq - tok), tok);
        snprintf(want, sizeof(want), "%.*s", (int)(p - eq - 1), eq + 1);
        if (!cf_eq(rec, key, want))
            return 0;
    }
    return 1;
}

static void on_record(void *ctx, const struct trc_record *rec)
{
    struct exec_run *r = ctx;
    const struct scn_scenario *s = r->s;
    for (uint32_t i = 0; i < s->nr_steps; i++) {
        struct exec_step_ev *se = &r->steps[i];
        if (s->steps[i].has_at || se->fired || !record_is(rec, s->steps[i].on))
            continue;
        se->fired = 1;
        sim_event_schedule(r->w, &se->ev, rec->time_ns);
    }
    for (uint32_t i = 0; i < s->nr_deadlines; i++) {
        if (r->deadlines[i].seen_ns == UINT64_MAX && record_is(rec, s->deadlines[i].event))
            r->deadlines[i].seen_ns = rec->time_ns;
    }
    /* testvsc toctou=N: the guest holds host packet N (its private copy): rewrite the ring */
    if (cf_is(rec, "guest.testdrv", "rx_pkt")) {
        uint64_t seq = cf_u64(rec, "seq", 0);
        for (uint32_t i = 0; i < SCN_MAX_DEVICES; i++)
            if (r->test[i] && seq && vsp_test_toctou_seq(r->test[i]) == seq)
                vsp_test_toctou(r->test[i]);
    }
}

/* ---- faults ---- */

static const char *fault_arg(const struct scn_fault *f, const char *key)
{
    for (uint32_t i = 0; i < f->nr_args; i++)
        if (!strcmp(f->args[i].key, key))
            return f->args[i].value;
    return NULL;
}

static uint64_t fault_u64(const struct scn_fault *f, const char *key, uint64_t dflt)
{
    const char *v = fault_arg(f, key);
    return v ? strtoull(v, NULL, 0) : dflt;
}

static uint32_t selftest_mutate(void *ctx, uint8_t *msg, uint32_t len);

/* Faults that shape the host configuration (before the host exists). */
static void faults_config(struct exec_run *r, struct vmb_host_config *hc)
{
    const struct scn_scenario *s = r->s;
    hc->selftest_ctx = r;
    for (uint32_t i = 0; i < s->nr_faults; i++) {
        const struct scn_fault *f = &s->faults[i];
        int dev = f->target ? device_index(s, f->target) : -1;
        if (!strcmp(f->kind, "gpadl-status")) {
            hc->gpadl_created_status = (uint32_t)fault_u64(f, "status", 0xC0000001u);
        } else if (!strcmp(f->kind, "open-status") && dev >= 0) {
            hc->devices[dev].open_status = (uint32_t)fault_u64(f, "status", 0xC0000001u);
        } else if (!strcmp(f->kind, "backpressure") && dev >= 0) {
            hc->devices[dev].drain_budget = (uint32_t)fault_u64(f, "budget", 1);
            uint64_t ns = 0;
            const char *every = fault_arg(f, "every");
            if (every)
                scn_parse_duration(every, &ns);
            hc->devices[dev].drain_interval_ns = ns ? ns : 1000000;
        } else if (!strcmp(f->kind, "modify-stale")) {
            hc->modify_stale = true;
        } else if (!strcmp(f->kind, "modify-status")) {
            hc->modify_status = (uint32_t)fault_u64(f, "status", 0xC0000001u);
        } else if (!strcmp(f->kind, "unload-silent")) {
            hc->unload_silent = true;
        } else if (!strcmp(f->kind, "selftest-unload-sint")) {
            hc->selftest_unload_sint = (uint32_t)fault_u64(f, "sint", 3) % 16u;
        } else if (!strcmp(f->kind, "msg-conn-id")) {
            hc->msg_conn_id = (uint32_t)fault_u64(f, "id", 4);
        } else if (!strcmp(f->kind, "selftest-mutate")) {
            hc->selftest_mutate = selftest_mutate;
        }
    }
}

struct exec_raw_ev {
    struct sim_event ev;
    struct exec_run *run;
    const char *rule;
    uint8_t bytes[240];
    uint32_t len;
};

static void raw_fire(struct sim_world *w, struct sim_event *ev)
{
    struct exec_raw_ev *re = (struct exec_raw_ev *)ev;
    struct trc_trace *t = sim_world_trace(w);
    trc_begin(t, "scenario", "raw_message");
    if (re->rule)
        trc_str(t, "rule", re->rule);
    trc_bytes(t, "bytes", re->bytes, re->len);
    trc_end(t);
    vmb_host_send_raw(re->run->host, re->bytes, re->len);
}

static int hex_decode(const char *hex, uint8_t *out, uint32_t cap, uint32_t *len)
{
    uint32_t n = 0;
    for (const char *p = hex; *p;) {
        if (*p == ' ' || *p == ':') {
            p++;
            continue;
        }
        unsigned v;
        if (n == cap || sscanf(p, "%2x", &v) != 1 || !p[1])
            return -1;
        out[n++] = (uint8_t)v;
        p += 2;
    }
    *len = n;
    return 0;
}

/* ---- self-test faults: make a correct guest look broken (scenarios tagged "selftest") ---- */

static const char *const msg_names[] = {
    "INVALID", "OFFERCHANNEL", "RESCIND_CHANNELOFFER", "REQUESTOFFERS", "ALLOFFERS_DELIVERED",
    "OPENCHANNEL", "OPENCHANNEL_RESULT", "CLOSECHANNEL", "GPADL_HEADER", "GPADL_BODY",
    "GPADL_CREATED", "GPADL_TEARDOWN", "GPADL_TORNDOWN", "RELID_RELEASED", "INITIATE_CONTACT",
    "VERSION_RESPONSE", "UNLOAD", "UNLOAD_RESPONSE", "MSG18", "MSG19", "MSG20",
    "TL_CONNECT_REQUEST", "MODIFYCHANNEL", "TL_CONNECT_RESULT", "MODIFYCHANNEL_RESPONSE",
};

int exec_msgtype(const char *name)
{
    for (size_t i = 0; i < sizeof(msg_names) / sizeof(msg_names[0]); i++)
        if (!strcmp(msg_names[i], name))
            return (int)i;
    return -1;
}

static uint32_t selftest_mutate(void *ctx, uint8_t *msg, uint32_t len)
{
    struct exec_run *r = ctx;
    uint32_t type = 0;
    if (len >= 4)
        memcpy(&type, msg, 4);
    if (type >= 32)
        return len;
    uint32_t nth = ++r->msg_seen[type];
    for (uint32_t i = 0; i < r->s->nr_faults; i++) {
        const struct scn_fault *f = &r->s->faults[i];
        const char *name = fault_arg(f, "msg");
        if (strcmp(f->kind, "selftest-mutate") || !name || exec_msgtype(name) != (int)type ||
            fault_u64(f, "nth", 1) != nth)
            continue;
        uint32_t off = (uint32_t)fault_u64(f, "offset", 0);
        uint32_t val = (uint32_t)fault_u64(f, "value", 0);
        if (off + 4 <= len)
            memcpy(msg + off, &val, 4);
        struct trc_trace *t = sim_world_trace(r->w);
        trc_begin(t, "scenario", "selftest_mutate");
        trc_str(t, "msg", name);
        trc_u64(t, "nth", nth);
        trc_u64(t, "offset", off);
        trc_hex(t, "value", val);
        trc_end(t);
    }
    return len;
}

struct exec_hv_ev {
    struct sim_event ev;
    struct exec_run *run;
    const struct scn_fault *fault;
};

static void hv_fault_fire(struct sim_world *w, struct sim_event *ev)
{
    struct exec_hv_ev *he = (struct exec_hv_ev *)ev;
    struct exec_run *r = he->run;
    const struct scn_fault *f = he->fault;
    trc_begin(sim_world_trace(w), "scenario", "selftest");
    trc_str(sim_world_trace(w), "kind", f->kind);
    trc_end(sim_world_trace(w));
    if (!strcmp(f->kind, "selftest-eom")) {
        hyp_machine_msr_write(r->m, (uint32_t)fault_u64(f, "vcpu", 0), HYP_MSR_EOM, 0);
    } else if (!strcmp(f->kind, "selftest-repost")) {
        /* The guest's latest HvPostMessage again, from its own input page, as if it had
         * posted twice (VMB-VER-009 while its INITIATE_CONTACT is outstanding). */
        uint32_t vcpu = (uint32_t)fault_u64(f, "vcpu", 0);
        uint64_t gpa = hyp_machine_last_post_gpa(r->m, vcpu);
        if (gpa)
            hyp_machine_hypercall(r->m, vcpu, HYP_HVCALL_POST_MESSAGE, gpa, 0);
        else
            trc_text(sim_world_trace(w), "scenario", "step_failed",
                     "action=fault reason=no-post-yet");
    } else if (!strcmp(f->kind, "selftest-signal")) {
        int dev = device_index(r->s, f->target);
        struct vmb_channel *ch = vmb_host_device_channel(r->host, (uint32_t)dev, 0);
        if (ch)
            hyp_machine_hypercall_fast8(r->m, 0, HYP_HVCALL_SIGNAL_EVENT,
                                        VMB_CHANNEL_EVENT_CONN_BASE + vmb_channel_relid(ch));
    }
}

static int schedule_hv_fault(struct exec_run *r, const struct scn_fault *f)
{
    struct exec_hv_ev *he = calloc(1, sizeof(*he));
    uint64_t at = 0;
    const char *when = fault_arg(f, "at");
    if (!he || (when && scn_parse_duration(when, &at))) {
        free(he);
        return -1;
    }
    he->run = r;
    he->fault = f;
    sim_event_init(&he->ev, hv_fault_fire, he);
    sim_event_schedule(r->w, &he->ev, at); /* freed with the process (forked run) */
    return 0;
}

/* Faults that act during the run. */
static int faults_runtime(struct exec_run *r)
{
    const struct scn_scenario *s = r->s;
    for (uint32_t i = 0; i < s->nr_faults; i++) {
        const struct scn_fault *f = &s->faults[i];
        if (!strcmp(f->kind, "post-busy")) {
            hyp_machine_inject_post_status(r->m, (uint32_t)fault_u64(f, "count", 1),
                                           (uint16_t)fault_u64(f, "status", 0x13));
        } else if (!strcmp(f->kind, "raw-message")) {
            struct exec_raw_ev *re = calloc(1, sizeof(*re));
            uint64_t at = 0;
            const char *when = fault_arg(f, "at");
            if (!re || (when && scn_parse_duration(when, &at)) ||
                hex_decode(fault_arg(f, "hex") ? fault_arg(f, "hex") : "", re->bytes,
                           sizeof(re->bytes), &re->len)) {
                free(re);
                return -1;
            }
            re->run = r;
            re->rule = fault_arg(f, "rule");
            sim_event_init(&re->ev, raw_fire, re);
            sim_event_schedule(r->w, &re->ev, at); /* freed with the process (forked run) */
        } else if (!strcmp(f->kind, "selftest-eom") || !strcmp(f->kind, "selftest-signal") ||
                   !strcmp(f->kind, "selftest-repost")) {
            if (schedule_hv_fault(r, f))
                return -1;
        } else if (!strcmp(f->kind, "guest-alloc-fail")) {
            if (exec_guest_alloc_fail(r->w, r->guest, f))
                return -1;
        } else if (exec_vmbus_fault_is_timed(f->kind)) {
            int dev = f->target ? device_index(s, f->target) : -1;
            if (exec_vmbus_fault_schedule(r->w, r->host, r->m, f, dev))
                return -1;
        }
    }
    return 0;
}

static void exec_coverage_dump(struct exec_run *r);

/* ---- hooks ---- */

static void hook_world(void *ctx, struct sim_world *w)
{
    struct exec_run *r = ctx;
    r->w = w;
    static const struct cf_checker *all[64];
    size_t n = 0;
    for (const struct cf_checker *const *c = cf_vmbus_checkers; *c && n < 62; c++)
        all[n++] = *c;
    for (const struct cf_checker *const *c = cf_util_checkers; *c && n < 62; c++)
        all[n++] = *c;
    for (const struct cf_checker *const *c = cf_input_checkers; *c && n < 63; c++)
        all[n++] = *c;
    all[n] = NULL;
    r->cf = cf_run_new(all);
    cf_run_attach(r->cf, sim_world_trace(w));
    trc_add_listener(sim_world_trace(w), on_record, r);
    /* the scenario's tags, for checkers whose rule applies only to some scenarios */
    char tags[512] = "list=";
    for (uint32_t i = 0; i < r->s->nr_tags; i++)
        snprintf(tags + strlen(tags), sizeof(tags) - strlen(tags), "%s%s", i ? "," : "",
                 r->s->tags[i]);
    trc_text(sim_world_trace(w), "scenario", "tags", tags);
}

static int hook_ready(void *ctx, struct sim_world *w, struct hyp_machine *m, struct vmb_host *h,
                      const struct hyp_guest_ops *guest)
{
    struct exec_run *r = ctx;
    r->m = m;
    r->host = h;
    r->guest = guest;
    for (uint32_t i = 0; i < r->s->nr_devices; i++) { /* util daemons, before boot */
        struct vsp_util_params p = {.instance = i};
        struct exec_util_daemon dm;
        char err[160];
        if (r->util[i])
            exec_util_faults(r->s, i, r->util[i]);
        if (r->util[i] && !exec_util_params(&r->s->devices[i], &p, &dm, err, sizeof(err)) &&
            exec_util_daemon_config(guest, r->s->devices[i].type, &dm) < 0 &&
            strcmp(dm.mode, "absent"))
            return -1;
    }
    for (uint32_t i = 0; i < r->s->nr_steps; i++) {
        struct exec_step_ev *se = &r->steps[i];
        se->run = r;
        se->step = &r->s->steps[i];
        sim_event_init(&se->ev, step_fire, se);
        if (se->step->has_at)
            sim_event_schedule(w, &se->ev, se->step->at_ns);
    }
    return faults_runtime(r);
}

static void hook_finished(void *ctx, struct sim_world *w, struct vmb_host *h,
                          const struct vmb_boot_result *res)
{
    (void)h, (void)res;
    struct exec_run *r = ctx;
    /* End of the run: the device models stop (and cancel their timers) while the world
     * still exists; the host teardown that follows never calls on_close. */
    for (uint32_t i = 0; i < SCN_MAX_DEVICES; i++)
        if (r->util[i])
            vsp_util_close(r->util[i]);
    exec_vmbus_faults_finish(w);
    cf_run_finish(r->cf);
    r->cf_finished = 1;
    exec_coverage_dump(r); /* the image is unloaded right after the world */
}

/* ---- judgement ---- */

static int expected_finding(const struct scn_scenario *s, const char *rule)
{
    for (uint32_t i = 0; i < s->nr_expect_findings; i++)
        if (!strcmp(s->expect_findings[i], rule))
            return 1;
    return 0;
}

static void add_problem(char *buf, size_t len, int *nr, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add_problem(char *buf, size_t len, int *nr, const char *fmt, ...)
{
    size_t used = strlen(buf);
    if (used + 4 >= len)
        return;
    if ((*nr)++)
        used += (size_t)snprintf(buf + used, len - used, "; ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, len - used, fmt, ap);
    va_end(ap);
}

static int outcome_normal(const char *outcome)
{
    return !strcmp(outcome, "limit.time") || !strcmp(outcome, "idle") ||
           !strcmp(outcome, "stopped") || !strcmp(outcome, "deadlock");
}

static void judge(struct exec_run *r, const struct vmb_boot_result *br, struct run_result *res)
{
    const struct scn_scenario *s = r->s;
    const struct cf_verdict *v;
    size_t nv = cf_run_verdicts(r->cf, &v);
    char problems[RUN_REASON_MAX] = "";
    int nr = 0, fails_unexpected = 0;
    size_t used = 0;
    for (size_t i = 0; i < nv; i++) {
        /* A failure the scenario expects (a checker self-test, a WARN by design) is an
         * "xfail": exercised, and not a failure of the rule. */
        int xfail = v[i].result == CF_FAIL && expected_finding(s, v[i].rule);
        used += (size_t)snprintf(res->rules + used, sizeof(res->rules) - used, "%s%s=%s",
                                 i ? " " : "", v[i].rule,
                                 xfail ? "xfail" : cf_result_name(v[i].result));
        if (used >= sizeof(res->rules))
            used = sizeof(res->rules) - 1;
        if (v[i].result == CF_FAIL && !expected_finding(s, v[i].rule)) {
            fails_unexpected++;
            add_problem(problems, sizeof(problems), &nr, "%s failed at t=%llu seq=%llu: %s",
                        v[i].rule, (unsigned long long)v[i].fail_time_ns,
                        (unsigned long long)v[i].fail_seq, v[i].detail);
        }
    }
    for (uint32_t i = 0; i < s->nr_expect_findings; i++) {
        const struct cf_verdict *f = cf_run_find(r->cf, s->expect_findings[i]);
        if (!f || f->result != CF_FAIL)
            add_problem(problems, sizeof(problems), &nr, "expected finding %s not reported",
                        s->expect_findings[i]);
    }
    if (br->crashed)
        add_problem(problems, sizeof(problems), &nr, "guest crash: %s", br->crash_reason);
    else if (!outcome_normal(br->outcome))
        add_problem(problems, sizeof(problems), &nr, "run ended on %s", br->outcome);
    for (uint32_t i = 0; i < s->nr_deadlines; i++) {
        uint64_t seen = r->deadlines[i].seen_ns;
        if (seen == UINT64_MAX || seen > s->deadlines[i].within_ns)
            add_problem(problems, sizeof(problems), &nr, "deadline: %s not seen within %llu ns",
                        s->deadlines[i].event, (unsigned long long)s->deadlines[i].within_ns);
    }
    int bad = nr > 0;
    if (s->expect_verdict == SCN_VERDICT_FAIL) {
        /* The scenario expects the run itself to fail (a crash, a rule broken). */
        res->verdict = (br->crashed || fails_unexpected) ? RUN_PASS : RUN_FAIL;
        if (res->verdict == RUN_FAIL)
            snprintf(res->reason, sizeof(res->reason), "expected a failing run; %.400s",
                     bad ? problems : "it passed");
    } else {
        res->verdict = bad ? RUN_FAIL : RUN_PASS;
        snprintf(res->reason, sizeof(res->reason), "%s", problems);
    }
    snprintf(res->trace_hash, sizeof(res->trace_hash), "%016llx",
             (unsigned long long)br->trace_hash);
    res->virtual_ns = br->end_time_ns;
    res->events = br->trace_records;
}

/* ---- guest crashes by signal ----
 *
 * A fault inside guest code (NULL dereference, bad pointer, stack overflow into a fiber's
 * guard page) is caught here, on an alternate stack, and turned into the run's crash with
 * the signal and the fault address as evidence. The world is abandoned (never resumed nor
 * freed): the run happens in a forked child that exits right after reporting. The fault
 * address goes into the trace only when it is reproducible (low page or guest RAM).
 */
static sigjmp_buf exec_crash_jmp;
static volatile sig_atomic_t exec_crash_sig;
static void *volatile exec_crash_addr;

static void exec_crash_handler(int sig, siginfo_t *info, void *uc)
{
    (void)uc;
    exec_crash_sig = sig;
    exec_crash_addr = info ? info->si_addr : NULL;
    siglongjmp(exec_crash_jmp, 1);
}

/*
 * Sanitizer builds: a report from guest code (UBSan: NULL member access, ASan: a bad access)
 * ends the process through the sanitizer's death path; the death callback turns it into this
 * run's crash like a fault signal (the report itself is on the run's stderr, which the runner
 * keeps as evidence). Weak: absent without a sanitizer runtime.
 */
void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static void exec_sanitizer_death(void)
{
    exec_crash_sig = 0;
    exec_crash_addr = NULL;
    siglongjmp(exec_crash_jmp, 1);
}

/* Each sanitizer runtime keeps its own death callback; with ASan and UBSan both loaded the
 * weak symbol binds to libasan's, so libubsan's is set through the library itself. */
static void exec_set_death_callback(void (*cb)(void))
{
    if (!__sanitizer_set_death_callback)
        return;
    __sanitizer_set_death_callback(cb);
    void *ubsan = dlopen("libubsan.so.1", RTLD_NOW | RTLD_NOLOAD);
    if (ubsan) {
        void (*set)(void (*)(void)) =
            (void (*)(void (*)(void)))dlsym(ubsan, "__sanitizer_set_death_callback");
        if (set)
            set(cb);
        dlclose(ubsan);
    }
}

static void exec_catch_crashes(int on)
{
    exec_set_death_callback(on ? exec_sanitizer_death : NULL);
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
    static uint8_t altstack[64 * 1024];
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    if (on) {
        stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
        sigaltstack(&ss, NULL);
        sa.sa_sigaction = exec_crash_handler;
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    } else {
        sa.sa_handler = SIG_DFL;
    }
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        sigaction(sigs[i], &sa, NULL);
}

/* After a caught fault: trace it, finish the checkers, fill the boot result. */
static void exec_after_crash(struct exec_run *r, struct vmb_boot_result *br)
{
    uintptr_t a = (uintptr_t)exec_crash_addr;
    char where[64];
    if (a < 0x10000 || (a >= HYP_GUEST_RAM_BASE && a < HYP_GUEST_RAM_BASE + (1ull << 40)))
        snprintf(where, sizeof(where), "%#llx", (unsigned long long)(a < 0x10000 ? a
                 : a - HYP_GUEST_RAM_BASE));
    else
        snprintf(where, sizeof(where), "outside-guest-memory");
    memset(br, 0, sizeof(*br));
    br->crashed = true;
    br->outcome = "crash";
    if (exec_crash_sig == 0)
        snprintf(br->crash_reason, sizeof(br->crash_reason), "sanitizer report (see stderr)");
    else
        snprintf(br->crash_reason, sizeof(br->crash_reason), "%s at %s%s",
             strsignal(exec_crash_sig), a >= HYP_GUEST_RAM_BASE && a >= 0x10000 &&
             strcmp(where, "outside-guest-memory") ? "gpa " : "", where);
    if (!r->w)
        return;
    struct trc_trace *t = sim_world_trace(r->w);
    trc_begin(t, "hv", "crash");
    trc_str(t, "why", br->crash_reason);
    trc_u64(t, "signal", (uint64_t)exec_crash_sig);
    trc_end(t);
    if (r->cf && !r->cf_finished)
        cf_run_finish(r->cf);
    r->cf_finished = 1;
    br->end_time_ns = sim_now_ns(r->w);
    br->trace_hash = trc_hash(t);
    br->trace_records = trc_records(t);
}

/*
 * ASan: the jump back from a fiber stack leaves the redzones of the frames that were live
 * below this one on the thread's own stack poisoned (ASan unpoisons only the stack it jumps
 * from); clear them so later calls on this stack are not reported. No-op otherwise.
 */
static void exec_unpoison_below(void *frame)
{
#ifdef __SANITIZE_ADDRESS__
    uintptr_t top = (uintptr_t)frame;
    __asan_unpoison_memory_region((void *)(top - 256 * 1024), 256 * 1024);
#else
    (void)frame;
#endif
}

/* Build and run the world with guest faults caught (see above). Kept apart so that no local
 * of the caller lives across sigsetjmp. Returns vmb_boot_world()'s rc, 0 after a crash. */
static int exec_world_guarded(struct exec_run *r, struct vmb_boot_config *cfg, FILE *tf,
                              struct vmb_boot_result *br)
{
    exec_catch_crashes(1);
    if (sigsetjmp(exec_crash_jmp, 1) != 0) {
        exec_unpoison_below(__builtin_frame_address(0));
        exec_catch_crashes(0);
        exec_after_crash(r, br);
        exec_coverage_dump(r); /* the image stays mapped: the world is abandoned */
        r->abandoned = 1;
        return 0;
    }
    int rc = vmb_boot_world(cfg, tf, br); /* no local lives across the longjmp */
    exec_catch_crashes(0);
    return rc;
}

/* Coverage builds: make the image write its gcov counters now (run children _exit). */
static void exec_coverage_dump(struct exec_run *r)
{
    void (*dump)(void) = r->guest ? (void (*)(void))r->guest->hook("coverage.dump") : NULL;
    if (dump)
        dump();
}

/* ---- entry points ---- */

static int kernel_at_least(const char *release, unsigned major, unsigned minor)
{
    unsigned a = 0, b = 0;
    if (!release || sscanf(release, "%u.%u", &a, &b) != 2)
        return 0;
    return a > major || (a == major && b >= minor);
}

int exec_run(const struct scn_scenario *s, const struct exec_image *img, uint64_t seed,
             const struct exec_options *opt, const char *trace_path, struct run_result *res)
{
    int fcopy_uio = 0; /* the scenario is about kernels without the fcopy driver */
    for (uint32_t i = 0; i < s->nr_tags; i++)
        fcopy_uio |= !strcmp(s->tags[i], "fcopy-uio");
    for (uint32_t i = 0; i < s->nr_devices && !fcopy_uio; i++) {
        if (!strcmp(s->devices[i].type, "fcopy") && kernel_at_least(img->release, 6, 10)) {
            res->verdict = RUN_SKIP;
            snprintf(res->reason, sizeof(res->reason),
                     "fcopy has no kernel driver in %s (moved to a UIO daemon in 6.10)",
                     img->release);
            return 0;
        }
    }
    struct exec_run *r = calloc(1, sizeof(*r));
    struct vmb_boot_config *cfg = calloc(1, sizeof(*cfg));
    struct vmb_boot_result *br = calloc(1, sizeof(*br));
    if (!r || !cfg || !br) {
        res->verdict = RUN_FAIL;
        snprintf(res->reason, sizeof(res->reason), "out of memory");
        return -1;
    }
    r->s = s;
    for (uint32_t i = 0; i < SCN_MAX_LIST; i++)
        r->deadlines[i].seen_ns = UINT64_MAX;
    vmb_boot_config_default(cfg);
    cfg->seed = seed;
    cfg->image_path = img->path;
    cfg->scenario_id = s->id;
    cfg->build_id = img->build_id;
    cfg->nr_vcpus = opt && opt->vcpus_override ? opt->vcpus_override : s->vcpus;
    cfg->irq_latency_ns = s->latency_interrupt.a_ns; /* fixed only (validate.c) */
    cfg->isolation = s->isolation;
    cfg->vtl = s->vtl;
    cfg->max_time_ns = s->limit_time_ns ? s->limit_time_ns : EXEC_DEFAULT_TIME_NS;
    cfg->max_events = s->limit_events ? s->limit_events : EXEC_DEFAULT_EVENTS;
    cfg->settle_ns = 0; /* a scenario runs for its whole virtual time */
    cfg->hooks = (struct vmb_boot_hooks){r, hook_world, hook_ready, hook_finished};
    char err[512] = "";
    int rc = -1;
    if (build_host(r, cfg, err, sizeof(err)) == 0) {
        faults_config(r, &cfg->host);
        FILE *tf = trace_path ? fopen(trace_path, "w") : NULL;
        rc = exec_world_guarded(r, cfg, tf, br);
        if (tf)
            fclose(tf);
        if (rc == 0) {
            judge(r, br, res);
            if (opt && opt->verbose)
                vmb_boot_print(br, stdout);
        } else {
            snprintf(err, sizeof(err), "%s", br->error);
        }
    }
    if (rc != 0) {
        res->verdict = RUN_FAIL;
        snprintf(res->reason, sizeof(res->reason), "cannot build the run: %.400s", err);
    }
    if (r->abandoned) /* the world may still point at these: leave them to process exit */
        return 0;
    cf_run_free(r->cf);
    vsp_kbd_destroy(r->kbd);
    for (uint32_t i = 0; i < SCN_MAX_DEVICES; i++)
        vsp_mouse_destroy(r->mouse[i]);
    for (uint32_t i = 0; i < SCN_MAX_DEVICES; i++)
        vsp_util_destroy(r->util[i]);
    for (uint32_t i = 0; i < SCN_MAX_DEVICES; i++)
        vsp_test_destroy(r->test[i]);
    for (uint32_t i = 0; i < SCN_MAX_DEVICES; i++)
        vsp_rq_destroy(r->rq[i]);
    free(br);
    free(cfg);
    free(r);
    return rc == 0 ? 0 : -1;
}
