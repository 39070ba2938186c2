/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * util_actions.c - what a scenario may ask of the integration-component (util IC) host
 * models: device options (`with:` of a heartbeat/shutdown/timesync/kvp/vss/fcopy device),
 * the guest daemon modes they imply, and the timeline actions that send IC requests.
 *
 * The same tables serve validation (exec_validate: a typo is exit 2 before anything runs)
 * and execution (the executor's fallback for actions it does not know itself). Nothing here
 * keeps state: options become struct vsp_util_params, actions become one models/util call.
 *
 * Device options (all optional):
 *   fw, srv           offered framework / service versions, "3.0,1.0" (in that order)
 *   period            heartbeat / timesync period (duration); periodic: off = none
 *   initial_sync      timesync: off = no SYNC sample right after negotiation
 *   start_delay       channel open -> NEGOTIATE (duration)
 *   deadline          response deadline of every request (duration)
 *   max_pending       outstanding requests allowed (1..32)
 *   hibernate         shutdown: yes | no (guest supports hibernation, for UTIL-SD-003)
 *   time_offset       timesync: host clock minus virtual clock (duration, may start with -)
 *   daemon            kvp/vss/fcopy: present | absent | slow (default absent)
 *   daemon_delay      slow daemon: delay of each answer (duration)
 *   daemon_start      daemon opens its device this long after the driver registered it
 */
#include "exec/exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyp/seam.h"
#include "sim/trace.h"
#include "vsp/util.h"

/* ------------------------------------------------------------------ device options */

static const char *const dev_opts[] = {
    "fw", "srv", "period", "periodic", "initial_sync", "start_delay", "deadline",
    "max_pending", "hibernate", "time_offset", "daemon", "daemon_delay", "daemon_start", NULL,
};

static int parse_versions(const char *text, uint32_t *out, uint32_t *nr)
{
    *nr = 0;
    for (const char *p = text; *p;) {
        unsigned maj, min;
        int used = 0;
        if (*nr == VSP_UTIL_MAX_VERSIONS || sscanf(p, "%u.%u%n", &maj, &min, &used) != 2 ||
            maj > 0xffff || min > 0xffff)
            return -1;
        out[(*nr)++] = VSP_IC_VER(maj, min);
        p += used;
        while (*p == ',' || *p == ' ')
            p++;
    }
    return *nr ? 0 : -1;
}

static int parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "on") || !strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "1"))
        *out = true;
    else if (!strcmp(v, "off") || !strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "0"))
        *out = false;
    else
        return -1;
    return 0;
}

static int daemon_mode_ok(const char *v)
{
    return !strcmp(v, "present") || !strcmp(v, "absent") || !strcmp(v, "slow");
}

/* One option into p (and the daemon settings into dm). Returns 0 or -1 (bad value). */
static int apply_opt(const struct scn_arg *a, struct vsp_util_params *p,
                     struct exec_util_daemon *dm)
{
    const char *k = a->key, *v = a->value;
    uint64_t ns = 0;
    bool b = false;
    if (!strcmp(k, "fw"))
        return parse_versions(v, p->fw_versions, &p->nr_fw);
    if (!strcmp(k, "srv"))
        return parse_versions(v, p->srv_versions, &p->nr_srv);
    if (!strcmp(k, "periodic") || !strcmp(k, "initial_sync") || !strcmp(k, "hibernate")) {
        if (parse_bool(v, &b))
            return -1;
        if (!strcmp(k, "periodic"))
            p->no_periodic = !b;
        else if (!strcmp(k, "initial_sync"))
            p->no_initial_sync = !b;
        else
            p->hibernate = b ? VSP_UTIL_YES : VSP_UTIL_NO;
        return 0;
    }
    if (!strcmp(k, "max_pending")) {
        char *end;
        unsigned long n = strtoul(v, &end, 0);
        if (*end || n < 1 || n > VSP_UTIL_MAX_PENDING)
            return -1;
        p->max_pending = (uint32_t)n;
        return 0;
    }
    if (!strcmp(k, "daemon")) {
        if (!daemon_mode_ok(v))
            return -1;
        dm->mode = v;
        p->daemon = strcmp(v, "absent") ? VSP_UTIL_DAEMON_PRESENT : VSP_UTIL_DAEMON_ABSENT;
        return 0;
    }
    int neg = !strcmp(k, "time_offset") && v[0] == '-';
    if (scn_parse_duration(v + neg, &ns))
        return -1;
    if (!strcmp(k, "period"))
        p->period_ns = ns;
    else if (!strcmp(k, "start_delay"))
        p->start_delay_ns = ns;
    else if (!strcmp(k, "deadline"))
        p->deadline_ns = ns;
    else if (!strcmp(k, "time_offset"))
        p->time_offset_ns = neg ? -(int64_t)ns : (int64_t)ns;
    else if (!strcmp(k, "daemon_delay"))
        dm->reply_delay_ns = ns;
    else if (!strcmp(k, "daemon_start"))
        dm->start_ns = ns;
    return 0;
}

int exec_util_params(const struct scn_device *d, struct vsp_util_params *p,
                     struct exec_util_daemon *dm, char *err, size_t len)
{
    int svc = vsp_util_service_parse(d->type);
    memset(dm, 0, sizeof(*dm));
    dm->mode = "absent";
    for (uint32_t i = 0; i < d->nr_args; i++) {
        const struct scn_arg *a = &d->args[i];
        size_t o = 0;
        while (dev_opts[o] && strcmp(dev_opts[o], a->key))
            o++;
        if (svc < 0 || !dev_opts[o]) {
            snprintf(err, len, "device '%s' has no option '%s'%s", d->name, a->key, svc < 0 ? " (only util IC devices take with:)" :
                     " (known: fw srv period periodic initial_sync start_delay deadline "
                     "max_pending hibernate time_offset daemon daemon_delay daemon_start)");
            return -1;
        }
        if (apply_opt(a, p, dm)) {
            snprintf(err, len, "device '%s': bad value '%s' for '%s'", d->name, a->value,
                     a->key);
            return -1;
        }
    }
    if (strcmp(dm->mode, "absent") && svc != VSP_UTIL_KVP && svc != VSP_UTIL_VSS &&
        svc != VSP_UTIL_FCOPY) {
        snprintf(err, len, "device '%s': only kvp, vss and fcopy have a daemon", d->name);
        return -1;
    }
    return 0;
}

int exec_util_daemon_config(const struct hyp_guest_ops *g, const char *svc,
                            const struct exec_util_daemon *dm)
{
    typedef int (*config_fn)(const char *svc, const char *mode, uint64_t reply_delay_ns,
                             uint64_t start_ns);
    void *h = g && g->hook ? g->hook("daemon.config") : NULL;
    if (!h)
        return strcmp(dm->mode, "absent") ? -1 : 0; /* an image without daemons: absent */
    config_fn fn;
    memcpy(&fn, &h, sizeof(fn)); /* object -> function pointer, as dlsym() results */
    return fn(svc, dm->mode, dm->reply_delay_ns, dm->start_ns);
}

/* ------------------------------------------------------------------ actions */

struct util_action {
    const char *name;
    int svc; /* enum vsp_util_service, or -1 for any */
    int adversarial;
    const char *const args[7];
};

static const struct util_action util_actions[] = {
    {"heartbeat", VSP_UTIL_HEARTBEAT, 0, {"count"}},
    {"shutdown", VSP_UTIL_SHUTDOWN, 0, {"kind", "force", "flags"}},
    {"timesync", VSP_UTIL_TIMESYNC, 0, {"flags"}},
    {"kvp", VSP_UTIL_KVP, 0, {"op", "pool", "key", "value", "index", "count"}},
    {"vss", VSP_UTIL_VSS, 0, {"op"}},
    {"fcopy-start", VSP_UTIL_FCOPY, 0, {"file", "path", "size", "flags"}},
    {"fcopy-write", VSP_UTIL_FCOPY, 0, {"offset", "size"}},
    {"fcopy-complete", VSP_UTIL_FCOPY, 0, {NULL}},
    {"fcopy-cancel", VSP_UTIL_FCOPY, 0, {NULL}},
    {"negotiate", -1, 0, {NULL}},
    {"ic-raw", -1, 1, {"len", "type", "counts", "silent", "rule", "icmsgsize"}},
};

static const char *const kvp_ops[] = {"get", "set", "delete", "enumerate", "get-ip", "set-ip"};
static const enum vsp_kvp_op kvp_op_codes[] = {
    VSP_KVP_OP_GET,       VSP_KVP_OP_SET,         VSP_KVP_OP_DELETE,
    VSP_KVP_OP_ENUMERATE, VSP_KVP_OP_GET_IP_INFO, VSP_KVP_OP_SET_IP_INFO,
};
static const char *const vss_ops[] = {"create",    "delete", "hot-backup", "get-dm-info",
                                      "bu-complete", "freeze", "thaw",     "auto-recover"};

static const struct util_action *find_action(const char *name)
{
    for (size_t i = 0; i < sizeof(util_actions) / sizeof(util_actions[0]); i++)
        if (!strcmp(util_actions[i].name, name))
            return &util_actions[i];
    return NULL;
}

static const char *arg(const struct scn_step *st, const char *key)
{
    for (uint32_t i = 0; i < st->nr_args; i++)
        if (!strcmp(st->args[i].key, key))
            return st->args[i].value;
    return NULL;
}

static uint64_t arg_u64(const struct scn_step *st, const char *key, uint64_t dflt)
{
    const char *v = arg(st, key);
    return v ? strtoull(v, NULL, 0) : dflt;
}

static int lookup(const char *const *names, size_t n, const char *v)
{
    for (size_t i = 0; v && i < n; i++)
        if (!strcmp(names[i], v))
            return (int)i;
    return -1;
}

static int shutdown_flags(const struct scn_step *st, uint32_t *flags)
{
    const char *kind = arg(st, "kind"), *f = arg(st, "flags");
    if (f) {
        *flags = (uint32_t)strtoul(f, NULL, 0);
        return 0;
    }
    if (!kind || !strcmp(kind, "shutdown") || !strcmp(kind, "poweroff"))
        *flags = VSP_SHUTDOWN_POWEROFF;
    else if (!strcmp(kind, "reboot"))
        *flags = VSP_SHUTDOWN_REBOOT;
    else if (!strcmp(kind, "hibernate"))
        *flags = VSP_SHUTDOWN_HIBERNATE;
    else
        return -1;
    if (arg_u64(st, "force", 0))
        *flags |= VSP_SD_FLAG_FORCE;
    return 0;
}

static int timesync_flags(const char *v, uint8_t *out)
{
    if (!v || !strcmp(v, "sync"))
        *out = VSP_TS_FLAG_SYNC;
    else if (!strcmp(v, "sample"))
        *out = VSP_TS_FLAG_SAMPLE;
    else if (!strcmp(v, "probe"))
        *out = VSP_TS_FLAG_PROBE;
    else if (!strcmp(v, "sync+sample"))
        *out = VSP_TS_FLAG_SYNC | VSP_TS_FLAG_SAMPLE;
    else
        return -1;
    return 0;
}

int exec_util_check_step(const struct scn_scenario *s, const struct scn_step *st,
                         const char *dev_type, char *err, size_t len)
{
    const struct util_action *a = find_action(st->action);
    if (!a)
        return 0;
    int svc = dev_type ? vsp_util_service_parse(dev_type) : -1;
    if (svc < 0 || (a->svc >= 0 && a->svc != svc)) {
        snprintf(err, len, "action '%s' needs a %s device", st->action,
                 a->svc >= 0 ? vsp_util_service_name((enum vsp_util_service)a->svc)
                             : "util IC");
        return -1;
    }
    if (a->adversarial && !s->adversarial) {
        snprintf(err, len, "action '%s' breaks the host's contract: tag the scenario "
                 "'adversarial'", st->action);
        return -1;
    }
    for (uint32_t i = 0; i < st->nr_args; i++) {
        int ok = 0;
        for (size_t j = 0; j < 7 && a->args[j]; j++)
            ok |= !strcmp(a->args[j], st->args[i].key);
        if (!ok) {
            snprintf(err, len, "action '%s' has no argument '%s'", st->action,
                     st->args[i].key);
            return -1;
        }
    }
    uint32_t f32;
    uint8_t f8;
    const char *op = arg(st, "op");
    if ((!strcmp(st->action, "shutdown") && shutdown_flags(st, &f32)) ||
        (!strcmp(st->action, "timesync") && timesync_flags(arg(st, "flags"), &f8)) ||
        (!strcmp(st->action, "kvp") && lookup(kvp_ops, 6, op) < 0) ||
        (!strcmp(st->action, "vss") && lookup(vss_ops, 8, op) < 0)) {
        snprintf(err, len, "action '%s': bad kind/flags/op (kvp: get set delete enumerate "
                 "get-ip set-ip; vss: create delete hot-backup get-dm-info bu-complete freeze "
                 "thaw auto-recover; timesync: sync sample probe sync+sample; shutdown: "
                 "shutdown reboot hibernate)", st->action);
        return -1;
    }
    return 1;
}

/* ic-raw: a well-formed header of the device's service (or type=), then zeros, cut or padded
 * to len bytes. counts=F,M writes a NEGOTIATE's version counts; icmsgsize= overrides. */
static int send_raw(struct vsp_util_dev *d, struct trc_trace *t, const struct scn_step *st)
{
    static uint8_t buf[VSP_IC_PKT_MAX];
    const struct vsp_util_stats *stats = vsp_util_stats(d);
    uint32_t len = (uint32_t)arg_u64(st, "len", VSP_IC_HDR_BYTES + 8);
    if (len == 0 || len > sizeof(buf))
        return VSP_UTIL_EINVAL;
    static const uint16_t types[] = {VSP_IC_MSG_HEARTBEAT, VSP_IC_MSG_SHUTDOWN,
                                     VSP_IC_MSG_TIMESYNC,  VSP_IC_MSG_KVPEXCHANGE,
                                     VSP_IC_MSG_VSS,       VSP_IC_MSG_FCOPY};
    struct vsp_ic_msg_hdr h;
    memset(buf, 0, sizeof(buf));
    memset(&h, 0, sizeof(h));
    h.pipe.flags = VSP_IC_PIPE_DATA;
    h.pipe.msgsize = len > 8 ? len - 8 : 0;
    h.ic.icverframe = (struct vsp_ic_version){VSP_IC_VER_MAJOR(stats->fw),
                                              VSP_IC_VER_MINOR(stats->fw)};
    h.ic.icvermsg = (struct vsp_ic_version){VSP_IC_VER_MAJOR(stats->srv),
                                            VSP_IC_VER_MINOR(stats->srv)};
    h.ic.icmsgtype = (uint16_t)arg_u64(st, "type", types[stats->service]);
    h.ic.icmsgsize = (uint16_t)arg_u64(st, "icmsgsize",
                                       len > VSP_IC_HDR_BYTES ? len - VSP_IC_HDR_BYTES : 0);
    h.ic.ictransaction_id = (uint8_t)(stats->last_txid + 1);
    h.ic.icflags = VSP_IC_FLAG_TRANSACTION | VSP_IC_FLAG_REQUEST;
    memcpy(buf, &h, sizeof(h));
    const char *counts = arg(st, "counts");
    unsigned fc = 0, mc = 0;
    if (counts && sscanf(counts, "%u,%u", &fc, &mc) == 2 && len >= VSP_IC_HDR_BYTES + 4) {
        uint16_t c[2] = {(uint16_t)fc, (uint16_t)mc};
        memcpy(buf + VSP_IC_HDR_BYTES, c, sizeof(c));
    }
    const char *silent = arg(st, "silent"), *rule = arg(st, "rule");
    trc_begin(t, "scenario", "ic_raw");
    trc_u64(t, "len", len);
    trc_u64(t, "type", h.ic.icmsgtype);
    trc_str(t, "rule", silent ? silent : rule ? rule : "-");
    trc_str(t, "expect_reply", silent ? "0" : "1");
    trc_end(t);
    return vsp_util_send_raw(d, buf, len, silent);
}

static int do_kvp(struct vsp_util_dev *d, const struct scn_step *st)
{
    int op = lookup(kvp_ops, 6, arg(st, "op"));
    uint8_t pool = (uint8_t)arg_u64(st, "pool", 0);
    uint32_t count = (uint32_t)arg_u64(st, "count", 1);
    int rc = 0;
    for (uint32_t i = 0; i < count && rc == 0; i++) {
        if (kvp_op_codes[op] == VSP_KVP_OP_ENUMERATE)
            rc = vsp_kvp_enumerate(d, pool, (uint32_t)arg_u64(st, "index", 0) + i);
        else
            rc = vsp_kvp_request(d, kvp_op_codes[op], pool, arg(st, "key"), arg(st, "value"));
    }
    return rc;
}

static int do_fcopy(struct vsp_util_dev *d, const struct scn_step *st)
{
    static uint8_t data[VSP_FCOPY_DATA_FRAGMENT];
    if (!strcmp(st->action, "fcopy-start")) {
        const char *f = arg(st, "file"), *p = arg(st, "path");
        return vsp_fcopy_start(d, f ? f : "hvsim.bin", p ? p : "/tmp",
                               (uint32_t)arg_u64(st, "flags", VSP_FCOPY_OVER_WRITE),
                               arg_u64(st, "size", 4096));
    }
    if (!strcmp(st->action, "fcopy-write")) {
        uint32_t n = (uint32_t)arg_u64(st, "size", 4096);
        for (uint32_t i = 0; i < sizeof(data); i++)
            data[i] = (uint8_t)i;
        return vsp_fcopy_write(d, arg_u64(st, "offset", 0), data,
                               n > sizeof(data) ? (uint32_t)sizeof(data) : n);
    }
    if (!strcmp(st->action, "fcopy-complete"))
        return vsp_fcopy_complete(d);
    return vsp_fcopy_cancel(d);
}

int exec_util_step(struct vsp_util_dev *d, struct trc_trace *t, const struct scn_step *st)
{
    if (!find_action(st->action))
        return 1;
    int rc = 0;
    uint32_t flags = 0;
    uint8_t ts = 0;
    if (!strcmp(st->action, "heartbeat")) {
        for (uint64_t i = arg_u64(st, "count", 1); i > 0 && rc == 0; i--)
            rc = vsp_hb_send(d);
    } else if (!strcmp(st->action, "shutdown")) {
        rc = shutdown_flags(st, &flags) ? VSP_UTIL_EINVAL
                                        : vsp_shutdown_request_flags(d, flags,
                                                                     VSP_SD_REASON_PLANNED, 30);
    } else if (!strcmp(st->action, "timesync")) {
        rc = timesync_flags(arg(st, "flags"), &ts) ? VSP_UTIL_EINVAL : vsp_timesync_send(d, ts);
    } else if (!strcmp(st->action, "kvp")) {
        rc = do_kvp(d, st);
    } else if (!strcmp(st->action, "vss")) {
        rc = vsp_vss_request(d, (enum vsp_vss_op)lookup(vss_ops, 8, arg(st, "op")));
    } else if (!strncmp(st->action, "fcopy-", 6)) {
        rc = do_fcopy(d, st);
    } else if (!strcmp(st->action, "negotiate")) {
        rc = vsp_util_negotiate(d);
    } else {
        rc = send_raw(d, t, st);
    }
    if (rc != 0) {
        char body[96];
        snprintf(body, sizeof(body), "action=%s reason=util rc=%d", st->action, rc);
        trc_text(t, "scenario", "step_failed", body);
    }
    return rc == 0 ? 0 : -1;
}

/* ------------------------------------------------------------------ self-test faults */

int exec_util_faults(const struct scn_scenario *s, uint32_t dev, struct vsp_util_dev *d)
{
    int n = 0;
    for (uint32_t i = 0; i < s->nr_faults; i++) {
        const struct scn_fault *f = &s->faults[i];
        if (strcmp(f->kind, "selftest-util") || !f->target ||
            strcmp(f->target, s->devices[dev].name))
            continue;
        uint64_t v[4] = {0, 1, 20, 0}; /* type, nth, offset (status), value */
        static const char *const keys[4] = {"type", "nth", "offset", "value"};
        for (uint32_t a = 0; a < f->nr_args; a++)
            for (int k = 0; k < 4; k++)
                if (!strcmp(f->args[a].key, keys[k]))
                    v[k] = strtoull(f->args[a].value, NULL, 0);
        vsp_util_selftest_mutate(d, (uint16_t)v[0], (uint32_t)v[1], (uint32_t)v[2],
                                 (uint32_t)v[3]);
        n++;
    }
    return n;
}
