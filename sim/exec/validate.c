/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * validate.c - what a scenario may ask of the executor (actions, faults, devices), checked
 * before anything runs so a typo is exit 2 with file:line:col, never a silently idle run.
 */
#include "exec/exec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmb/devices.h"
#include "vsp/kbd.h"
#include "vsp/mouse.h"
#include "vsp/rq.h"
#include "vsp/test.h"
#include "vsp/util.h"
#include "pm_action.h"
#include "tl_action.h"

struct fault_kind {
    const char *kind;
    int needs_target;
    int tag; /* 0 none, 1 "adversarial", 2 "selftest" */
    const char *const args[6];
};

static const struct fault_kind fault_kinds[] = {
    {"post-busy", 0, 0, {"count", "status"}},
    {"gpadl-status", 0, 0, {"status"}},
    {"open-status", 1, 0, {"status"}},
    {"backpressure", 1, 0, {"budget", "every"}},
    {"msg-conn-id", 0, 0, {"id"}},
    {"modify-status", 0, 0, {"status"}},
    {"modify-stale", 0, 0, {NULL}},
    {"unload-silent", 0, 0, {NULL}},
    {"selftest-unload-sint", 0, 2, {"sint"}},
    {"raw-message", 0, 1, {"at", "hex", "rule"}},
    {"selftest-mutate", 0, 2, {"msg", "nth", "offset", "value"}},
    {"selftest-eom", 0, 2, {"at", "vcpu"}},
    {"selftest-signal", 1, 2, {"at"}},
    {"selftest-repost", 0, 2, {"at", "vcpu"}},
    {"selftest-util", 1, 2, {"type", "nth", "offset", "value"}},
    {"duplicate-offer", 1, 1, {"at", "relid"}},
    {"event-flag", 0, 1, {"at", "relid", "vcpu", "rule"}},
    {"timer-message", 0, 0, {"at", "vcpu", "rule"}},
    {"ring-write", 1, 1, {"at", "type", "offset8", "len8", "advance", "rule"}},
    {"host-busy", 1, 0, {"at", "for", "mask", "poll"}},
    {"ring-index", 1, 1, {"at", "offset", "rule"}},
    {"event-and-message", 1, 1, {"at", "vcpu", "selftest"}},
    {"slot-toctou", 0, 1, {"nth", "delta", "vcpu", "selftest"}},
    {"guest-alloc-fail", 0, 0, {"size", "nth"}},
};

static int has_tag(const struct scn_scenario *s, const char *tag)
{
    for (uint32_t i = 0; i < s->nr_tags; i++)
        if (!strcmp(s->tags[i], tag))
            return 1;
    return 0;
}

static const char *const actions[] = {"rescind", "key", "stop", "unload", "panic", "ptp-read",
                                      "sysfs-read",
                                      "sysfs-write", "mouse", "hibernate", "hvsock-connect"};

static int error_at(struct scn_error *err, const char *file, unsigned line, unsigned col,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int error_at(struct scn_error *err, const char *file, unsigned line, unsigned col,
                    const char *fmt, ...)
{
    snprintf(err->file, sizeof(err->file), "%s", file);
    err->line = line;
    err->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    return -1;
}

static int known_device_type(const char *type)
{
    if (!strcmp(type, "keyboard") || !strcmp(type, "kbd"))
        return 1;
    if (vsp_test_is_type(type)) /* its parameters are checked in exec_validate() */
        return 1;
    if (vsp_rq_is_type(type)) /* likewise */
        return 1;
    for (const char *const *n = vmb_device_names; *n; n++)
        if (!strcmp(*n, type))
            return 1;
    return 0;
}

static const struct scn_device *find_device(const struct scn_scenario *s, const char *name)
{
    for (uint32_t i = 0; i < s->nr_devices; i++)
        if (!strcmp(s->devices[i].name, name))
            return &s->devices[i];
    return NULL;
}

/* "<source>.<kind>" then optional " key=value" filters */
static int event_ok(const char *ev)
{
    const char *sp = strchr(ev, ' ');
    size_t head = sp ? (size_t)(sp - ev) : strlen(ev);
    const char *dot = NULL;
    for (const char *p = ev; p < ev + head; p++)
        if (*p == '.')
            dot = p;
    if (!dot || dot == ev || (size_t)(dot - ev) + 1 == head)
        return 0;
    for (const char *p = sp; p && *p;) {
        while (*p == ' ')
            p++;
        const char *tok = p;
        while (*p && *p != ' ')
            p++;
        const char *eq = memchr(tok, '=', (size_t)(p - tok));
        if (p > tok && (!eq || eq == tok || eq + 1 == p))
            return 0;
    }
    return 1;
}

static int step_has_selftest(const struct scn_step *st)
{
    for (uint32_t a = 0; a < st->nr_args; a++)
        if (!strcmp(st->args[a].key, "selftest") && strtoul(st->args[a].value, NULL, 0))
            return 1;
    return 0;
}

static int check_step(const struct scn_scenario *s, const struct scn_step *st,
                      struct scn_error *err)
{
    if (st->on && !event_ok(st->on))
        return error_at(err, s->file, st->line, st->col, "on: '%s' is not an event "
                        "('<source>.<kind>' then optional key=value filters)", st->on);
    size_t i = 0, n = sizeof(actions) / sizeof(actions[0]);
    while (i < n && strcmp(actions[i], st->action))
        i++;
    if (i == n) { /* the util IC actions (util_actions.c) */
        const struct scn_device *ud = st->device ? find_device(s, st->device) : NULL;
        char msg[200];
        int rc = exec_util_check_step(s, st, ud ? ud->type : NULL, msg, sizeof(msg));
        if (rc < 0)
            return error_at(err, s->file, st->line, st->col, "%s", msg);
        if (rc > 0)
            return 0;
    }
    if (i == n)
        return error_at(err, s->file, st->line, st->col,
                        "unknown action '%s' (known: rescind, key, stop, unload, panic, ptp-read, "
                        "sysfs-read, "
                        "sysfs-write, mouse, hibernate, hvsock-connect, heartbeat, "
                        "shutdown, timesync, kvp, vss, fcopy-*, negotiate, ic-raw)", st->action);
    if (strcmp(st->action, "stop") && strcmp(st->action, "unload") &&
        strcmp(st->action, "panic") && strcmp(st->action, "ptp-read") &&
        strcmp(st->action, "sysfs-read") &&
        strcmp(st->action, "hibernate") && strcmp(st->action, "hvsock-connect") && !st->device)
        return error_at(err, s->file, st->line, st->col, "action '%s' needs a device",
                        st->action);
    const struct scn_device *d = st->device ? find_device(s, st->device) : NULL;
    if (st->device && !d)
        return error_at(err, s->file, st->line, st->col, "no device named '%s' in host.devices",
                        st->device);
    char pm_msg[200];
    if (!strcmp(st->action, "hibernate") && exec_pm_check_step(s, st, pm_msg, sizeof(pm_msg)))
        return error_at(err, s->file, st->line, st->col, "%s", pm_msg);
    if (!strcmp(st->action, "hvsock-connect") && exec_tl_check_step(s, st, pm_msg, sizeof(pm_msg)))
        return error_at(err, s->file, st->line, st->col, "%s", pm_msg);
    if (!strcmp(st->action, "sysfs-write")) {
        const char *attr = NULL, *value = NULL;
        for (uint32_t a = 0; a < st->nr_args; a++) {
            const char *k = st->args[a].key;
            if (!strcmp(k, "attr"))
                attr = st->args[a].value;
            else if (!strcmp(k, "value"))
                value = st->args[a].value;
            else if (strcmp(k, "channel"))
                return error_at(err, s->file, st->line, st->col,
                                "sysfs-write: unknown argument '%s' (channel, attr, value)", k);
        }
        if (!attr || !value)
            return error_at(err, s->file, st->line, st->col,
                            "sysfs-write needs with: {attr: ..., value: ...}");
    }
    for (uint32_t a = 0; !strcmp(st->action, "ptp-read") && a < st->nr_args; a++)
        if (strcmp(st->args[a].key, "selftest"))
            return error_at(err, s->file, st->line, st->col,
                            "ptp-read: unknown argument '%s' (selftest)", st->args[a].key);
    if (!strcmp(st->action, "ptp-read") && step_has_selftest(st) && !has_tag(s, "selftest"))
        return error_at(err, s->file, st->line, st->col, "ptp-read selftest fakes a timesync "
                        "sample: tag the scenario 'selftest'");
    if (!strcmp(st->action, "key") && strcmp(d->type, "keyboard") && strcmp(d->type, "kbd"))
        return error_at(err, s->file, st->line, st->col, "action 'key' needs a keyboard");
    for (uint32_t a = 0; !strcmp(st->action, "key") && a < st->nr_args; a++) {
        const char *k = st->args[a].key;
        unsigned long v = strtoul(st->args[a].value, NULL, 0);
        if (strcmp(k, "scancode") && strcmp(k, "e0") && strcmp(k, "e1") && strcmp(k, "len"))
            return error_at(err, s->file, st->line, st->col,
                            "key: unknown argument '%s' (scancode, e0, e1, len)", k);
        if (!strcmp(k, "len") && (v < 4 || v > 12))
            return error_at(err, s->file, st->line, st->col, "key: len must be 4..12");
        if (!strcmp(k, "len") && v < 12 && !s->adversarial)
            return error_at(err, s->file, st->line, st->col, "key: a keystroke shorter than "
                            "12 bytes breaks the host's contract: tag the scenario "
                            "'adversarial'");
    }
    if (!strcmp(st->action, "mouse") && strcmp(d->type, "mouse"))
        return error_at(err, s->file, st->line, st->col, "action 'mouse' needs a mouse");
    for (uint32_t a = 0; !strcmp(st->action, "mouse") && a < st->nr_args; a++)
        if (strcmp(st->args[a].key, "dx") && strcmp(st->args[a].key, "dy") &&
            strcmp(st->args[a].key, "buttons"))
            return error_at(err, s->file, st->line, st->col,
                            "mouse: unknown argument '%s' (dx, dy, buttons)", st->args[a].key);
    return 0;
}

static int check_fault(const struct scn_scenario *s, const struct scn_fault *f,
                       struct scn_error *err)
{
    const struct fault_kind *k = NULL;
    for (size_t i = 0; i < sizeof(fault_kinds) / sizeof(fault_kinds[0]); i++)
        if (!strcmp(fault_kinds[i].kind, f->kind))
            k = &fault_kinds[i];
    if (!k)
        return error_at(err, s->file, f->line, f->col,
                        "unknown fault kind '%s' (known: post-busy, gpadl-status, modify-status, "
                        "modify-stale, unload-silent, open-status, "
                        "backpressure, msg-conn-id, raw-message, duplicate-offer, event-flag, "
                        "timer-message, ring-write, host-busy, ring-index, event-and-message, slot-toctou, "
                        "guest-alloc-fail, selftest-*)", f->kind);
    if (k->tag == 1 && !s->adversarial)
        return error_at(err, s->file, f->line, f->col,
                        "fault '%s' breaks the host's contract: tag the scenario 'adversarial'",
                        f->kind);
    if (k->tag == 2 && !has_tag(s, "selftest"))
        return error_at(err, s->file, f->line, f->col,
                        "fault '%s' fakes guest misbehaviour: tag the scenario 'selftest'",
                        f->kind);
    if (!strcmp(f->kind, "selftest-mutate")) {
        const char *m = NULL;
        for (uint32_t a = 0; a < f->nr_args; a++)
            if (!strcmp(f->args[a].key, "msg"))
                m = f->args[a].value;
        if (!m || exec_msgtype(m) < 0)
            return error_at(err, s->file, f->line, f->col,
                            "selftest-mutate needs msg: a VMBus message name");
    }
    if (!strcmp(f->kind, "guest-alloc-fail")) {
        const char *sz = NULL;
        for (uint32_t a = 0; a < f->nr_args; a++)
            if (!strcmp(f->args[a].key, "size"))
                sz = f->args[a].value;
        if (!sz || (strcmp(sz, "vmbus_channel") && strcmp(sz, "hv_device") &&
                    strcmp(sz, "offer_msg_copy") && (sz[0] < '1' || sz[0] > '9')))
            return error_at(err, s->file, f->line, f->col,
                            "guest-alloc-fail needs size: a byte count, vmbus_channel, "
                            "hv_device or offer_msg_copy");
    }
    if (k->needs_target && (!f->target || !find_device(s, f->target)))
        return error_at(err, s->file, f->line, f->col,
                        "fault '%s' needs a target naming a device of host.devices", f->kind);
    for (uint32_t a = 0; a < f->nr_args; a++) {
        int ok = 0;
        for (size_t j = 0; j < 6 && k->args[j]; j++)
            ok |= !strcmp(k->args[j], f->args[a].key);
        if (!ok)
            return error_at(err, s->file, f->args[a].line, f->args[a].col,
                            "fault '%s' has no argument '%s'", f->kind, f->args[a].key);
    }
    return 0;
}

/* A testrq device (models/testvsp/src/rq.c): parameters, the tag they need, and its
 * sub-channels given in its type text only (the offer's user_def must agree with them). */
static int check_rq_device(const struct scn_scenario *s, const struct scn_device *d,
                           struct scn_error *err)
{
    struct vsp_rq_params rp;
    char msg[200];
    if (vsp_rq_parse(d->type, &rp, msg, sizeof(msg)))
        return error_at(err, s->file, d->line, d->col, "host.devices: %s", msg);
    if ((vsp_rq_tags(&rp) & VSP_RQ_TAG_ADVERSARIAL) && !s->adversarial)
        return error_at(err, s->file, d->line, d->col, "host.devices: testrq bad completions "
                        "break the host's contract: tag the scenario 'adversarial'");
    if ((vsp_rq_tags(&rp) & VSP_RQ_TAG_SELFTEST) && !has_tag(s, "selftest"))
        return error_at(err, s->file, d->line, d->col, "host.devices: testrq selftest options "
                        "fake guest misbehaviour: tag the scenario 'selftest'");
    if (d->subchannels)
        return error_at(err, s->file, d->line, d->col, "host.devices: give a testrq device's "
                        "sub-channels in its type ('testrq:subchannels=N')");
    return 0;
}

int exec_validate(const struct scn_scenario *s, struct scn_error *err)
{
    /* The hypervisor model delays interrupt injection by a fixed amount; host->guest signal
     * latencies are not modelled yet: refuse rather than silently ignore. */
    if (s->latency_interrupt.kind != SCN_DIST_FIXED)
        return error_at(err, s->file, 0, 0, "host.latency.interrupt: only a fixed duration is "
                        "supported");
    if (s->latency_signal.a_ns || s->latency_signal.kind != SCN_DIST_FIXED)
        return error_at(err, s->file, 0, 0, "host.latency.signal is not supported yet "
                        "(use host.latency.message and .interrupt)");
    for (uint32_t i = 0; i < s->nr_devices; i++) {
        if (!known_device_type(s->devices[i].type))
            return error_at(err, s->file, s->devices[i].line, s->devices[i].col,
                            "host.devices: unknown device type '%s'", s->devices[i].type);
        struct vsp_test_params tp;
        char tmsg[200];
        if (vsp_test_is_type(s->devices[i].type) &&
            vsp_test_parse(s->devices[i].type, &tp, tmsg, sizeof(tmsg)))
            return error_at(err, s->file, s->devices[i].line, s->devices[i].col,
                            "host.devices: %s", tmsg);
        if (vsp_test_is_type(s->devices[i].type) && (tp.toctou || tp.exact) && !s->adversarial)
            return error_at(err, s->file, s->devices[i].line, s->devices[i].col,
                            "host.devices: testvsc toctou/exact make the host lie about the "
                            "ring: tag the scenario 'adversarial'");
        if (vsp_rq_is_type(s->devices[i].type) && check_rq_device(s, &s->devices[i], err))
            return -1;
        struct vsp_util_params p;
        struct exec_util_daemon dm;
        char msg[200];
        memset(&p, 0, sizeof(p));
        struct vsp_mouse_params mp;
        vsp_mouse_params_default(&mp);
        for (uint32_t a = 0; !strcmp(s->devices[i].type, "mouse") && a < s->devices[i].nr_args;
             a++)
            if (vsp_mouse_option(s->devices[i].args[a].key, s->devices[i].args[a].value, &mp))
                return error_at(err, s->file, s->devices[i].line, s->devices[i].col,
                                "host.devices: mouse has no option '%s: %s' (accept: yes/no, "
                                "devinfo: ok/bad-blength/bad-rptlen/none/short-packet, "
                                "early_report: yes/no, "
                                "selftest_version: N, selftest_malformed: yes/no)",
                                s->devices[i].args[a].key, s->devices[i].args[a].value);
        if ((mp.devinfo == VSP_MOUSE_DEVINFO_BAD_BLENGTH ||
             mp.devinfo == VSP_MOUSE_DEVINFO_BAD_RPTLEN ||
             mp.devinfo == VSP_MOUSE_DEVINFO_SHORT) && !s->adversarial)
            return error_at(err, s->file, s->devices[i].line, s->devices[i].col,
                            "host.devices: a malformed mouse device info breaks the host's "
                            "contract: tag the scenario 'adversarial'");
        if ((mp.selftest_version || mp.selftest_malformed) && !has_tag(s, "selftest"))
            return error_at(err, s->file, s->devices[i].line, s->devices[i].col,
                            "host.devices: mouse selftest_* options fake guest misbehaviour: "
                            "tag the scenario 'selftest'");
        struct vsp_kbd_params kp;
        vsp_kbd_params_default(&kp);
        int kbd = !strcmp(s->devices[i].type, "keyboard") || !strcmp(s->devices[i].type, "kbd");
        for (uint32_t a = 0; kbd && a < s->devices[i].nr_args; a++)
            if (vsp_kbd_option(s->devices[i].args[a].key, s->devices[i].args[a].value, &kp))
                return error_at(err, s->file, s->devices[i].line, s->devices[i].col,
                                "host.devices: keyboard has no option '%s: %s' (accept: "
                                "yes/no, response: normal/short/none, selftest: version/label-refused/"
                                "label-short/label-e0)",
                                s->devices[i].args[a].key, s->devices[i].args[a].value);
        if (kbd && kp.selftest && !has_tag(s, "selftest"))
            return error_at(err, s->file, s->devices[i].line, s->devices[i].col,
                            "host.devices: keyboard selftest options fake guest misbehaviour: "
                            "tag the scenario 'selftest'");
        if (kbd && kp.response == VSP_KBD_RESPONSE_SHORT && !s->adversarial)
            return error_at(err, s->file, s->devices[i].line, s->devices[i].col,
                            "host.devices: a short keyboard response breaks the host's "
                            "contract: tag the scenario 'adversarial'");
        if (strcmp(s->devices[i].type, "mouse") && !kbd &&
            exec_util_params(&s->devices[i], &p, &dm, msg, sizeof(msg)))
            return error_at(err, s->file, s->devices[i].line, s->devices[i].col,
                            "host.devices: %s", msg);
    }
    for (uint32_t i = 0; i < s->nr_steps; i++)
        if (check_step(s, &s->steps[i], err))
            return -1;
    for (uint32_t i = 0; i < s->nr_faults; i++)
        if (check_fault(s, &s->faults[i], err))
            return -1;
    for (uint32_t i = 0; i < s->nr_deadlines; i++)
        if (!event_ok(s->deadlines[i].event))
            return error_at(err, s->file, 0, 0, "expect.deadlines: '%s' is not an event "
                            "('<source>.<kind>' then optional key=value filters)",
                            s->deadlines[i].event);
    return 0;
}
