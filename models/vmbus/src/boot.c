// SPDX-License-Identifier: GPL-2.0-only
/*
 * boot.c - assembly of one complete run (see vmb/boot.h). Owns every object of the run for
 * its duration and frees them in reverse order. A "watch" event polls the host once per
 * virtual millisecond to inject keystrokes after the keyboard connected and to stop the world
 * settle_ns after all primaries are open; it never runs past the world's limits.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "hyp/host.h"
#include "sim/trace.h"
#include "sim/world.h"
#include "vmb/boot.h"
#include "vmb/devices.h"
#include "vsp/kbd.h"

#define WATCH_PERIOD_NS 1000000ull

void vmb_boot_config_default(struct vmb_boot_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    vmb_host_config_default(&cfg->host);
    cfg->settle_ns = 1000000;
}

static const char *const default_devices[] = { "heartbeat", "shutdown", "timesync", "kvp",
                                               "vss",       "fcopy",    "kbd" };

struct boot_run {
    struct hyp_image *img; /* closed only after the world is freed (fibers run its code) */
    const struct vmb_boot_config *cfg;
    struct sim_world *w;
    struct hyp_env env;
    struct vmb_host *host;
    struct vsp_kbd *kbd;
    struct sim_event watch;
    uint32_t keys_done;    /* make+break events sent */
    uint64_t all_open_at;  /* 0 = not yet */
    uint32_t primaries;
};

static int build_devices(const struct vmb_boot_config *cfg, struct vmb_host_config *hc,
                         struct vsp_kbd *kbd, char *err, size_t err_len)
{
    if (hc->nr_devices)
        return 0;
    const char *const *names = cfg->nr_device_names ? cfg->device_names : default_devices;
    uint32_t n = cfg->nr_device_names ? cfg->nr_device_names
                                      : (uint32_t)(sizeof(default_devices) / sizeof(char *));
    if (n > VMB_MAX_DEVICES) {
        snprintf(err, err_len, "too many devices (%u > %u)", n, VMB_MAX_DEVICES);
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        struct vmb_device_config *d = &hc->devices[hc->nr_devices++];
        if (strcmp(names[i], "kbd") == 0) {
            vsp_kbd_attach(kbd, d);
        } else if (vmb_device_preset(names[i], i, d) != 0) {
            snprintf(err, err_len, "unknown device '%s'", names[i]);
            return -1;
        }
    }
    return 0;
}

static void watch_fire(struct sim_world *w, struct sim_event *ev)
{
    struct boot_run *r = ev->arg;
    const struct vmb_boot_config *cfg = r->cfg;
    if (vsp_kbd_connected(r->kbd) && r->keys_done < 2 * cfg->nr_keys) {
        uint32_t i = r->keys_done / 2;
        uint32_t info = (r->keys_done % 2) ? VSP_KBD_INFO_BREAK : 0;
        if (vsp_kbd_key(r->kbd, cfg->keys[i], info) == 0)
            r->keys_done++;
    }
    uint32_t open = 0;
    for (uint32_t d = 0; d < cfg->host.nr_devices; d++) {
        struct vmb_channel *ch = vmb_host_device_channel(r->host, d, 0);
        if (!ch)
            break;
        open += vmb_channel_state(ch) == VMB_CHAN_OPEN;
    }
    uint64_t now = sim_now_ns(w);
    bool keys_done = r->keys_done >= 2 * cfg->nr_keys || !r->kbd;
    if (cfg->settle_ns && open == r->primaries && keys_done && !r->all_open_at)
        r->all_open_at = now;
    if (r->all_open_at && now >= r->all_open_at + cfg->settle_ns) {
        trc_text(sim_world_trace(w), "boot", "settled", "all_primaries_open=1");
        sim_world_stop(w);
        return;
    }
    sim_event_schedule(w, ev, now + WATCH_PERIOD_NS);
}

static void fill_result(struct boot_run *r, struct hyp_host *hh, enum sim_outcome out,
                        bool crashed, struct vmb_boot_result *res)
{
    res->outcome = sim_outcome_name(out);
    res->crashed = crashed;
    if (crashed)
        snprintf(res->crash_reason, sizeof(res->crash_reason), "%s",
                 hyp_host_crash_reason(hh));
    res->end_time_ns = sim_now_ns(r->w);
    vmb_host_summary(r->host, &res->host);
    res->findings = r->env.nr_findings;
    res->keys_sent = r->kbd ? vsp_kbd_stats(r->kbd)->keys_sent : 0;
    res->pass = !crashed && res->findings == 0 && res->host.negotiated_version != 0;
    trc_text(sim_world_trace(r->w), "boot", "summary", "");
    hyp_tracef(&r->env, "boot", "result", "outcome=%s crashed=%d version=%#x offers=%u "
               "opened=%u findings=%u pass=%d", res->outcome, crashed,
               res->host.negotiated_version, res->host.offers_sent, res->host.channels_opened,
               res->findings, res->pass);
    res->trace_hash = trc_hash(sim_world_trace(r->w));
    res->trace_records = trc_records(sim_world_trace(r->w));
}

static int run_world(struct boot_run *r, struct hyp_machine *m, struct vmb_boot_result *res)
{
    const struct vmb_boot_config *cfg = r->cfg;
    struct hyp_host *hh = hyp_host_create(r->w, m);
    assert(hh);
    struct hyp_image *img = hyp_image_open(cfg->image_path, res->error, sizeof(res->error));
    r->img = img;
    const struct hyp_guest_ops *g =
        img ? hyp_image_start(img, hyp_host_ops_table(hh), res->error, sizeof(res->error))
            : NULL;
    if (!g) {
        hyp_image_close(img);
        r->img = NULL;
        hyp_host_destroy(hh);
        return 2;
    }
    snprintf(res->image_name, sizeof(res->image_name), "%s", g->image_name ? g->image_name : "-");
    snprintf(res->kernel_release, sizeof(res->kernel_release), "%s",
             g->kernel_release ? g->kernel_release : "-");
    snprintf(res->build_id, sizeof(res->build_id), "%s", g->build_id ? g->build_id : "-");
    hyp_machine_set_guest(m, g);
    hyp_tracef(&r->env, "boot", "image", "name=%s release=%s build=%s", res->image_name,
               res->kernel_release, res->build_id);
    if (cfg->build_id && strcmp(cfg->build_id, res->build_id) != 0) {
        snprintf(res->error, sizeof(res->error), "image %s has build id %s, the manifest says "
                 "%s (stale build?)", cfg->image_path, res->build_id, cfg->build_id);
        hyp_machine_set_guest(m, NULL);
        hyp_host_destroy(hh);
        return 2;
    }
    r->host = vmb_host_create(m, &r->cfg->host);
    if (cfg->hooks.ready && cfg->hooks.ready(cfg->hooks.ctx, r->w, m, r->host, g) != 0) {
        snprintf(res->error, sizeof(res->error), "run set-up failed");
        vmb_host_destroy(r->host);
        hyp_machine_set_guest(m, NULL);
        hyp_host_destroy(hh);
        return 2;
    }
    sim_event_init(&r->watch, watch_fire, r);
    sim_event_schedule(r->w, &r->watch, WATCH_PERIOD_NS);
    res->guest_boot_rc = g->boot();
    res->guest_boot_rc_set = 1;
    hyp_tracef(&r->env, "boot", "guest_boot", "rc=%d", res->guest_boot_rc);
    bool crashed = false;
    enum sim_outcome out = hyp_host_run(hh, &crashed);
    fill_result(r, hh, out, crashed, res);
    if (cfg->hooks.finished)
        cfg->hooks.finished(cfg->hooks.ctx, r->w, r->host, res);
    sim_event_cancel(r->w, &r->watch);
    vmb_host_destroy(r->host);
    hyp_machine_set_guest(m, NULL);
    hyp_host_destroy(hh);
    /* The image stays loaded until the world (whose fibers run its code) is freed. */
    return 0;
}

int vmb_boot_world(const struct vmb_boot_config *cfg_in, FILE *trace,
                   struct vmb_boot_result *res)
{
    memset(res, 0, sizeof(*res));
    struct vmb_boot_config cfg = *cfg_in;
    struct boot_run r = { .cfg = &cfg };
    struct vsp_kbd *own_kbd = cfg.kbd ? NULL : vsp_kbd_create(!cfg.kbd_refuse);
    r.kbd = cfg.kbd ? cfg.kbd : own_kbd;
    if (build_devices(cfg_in, &cfg.host, r.kbd, res->error, sizeof(res->error)) != 0) {
        vsp_kbd_destroy(own_kbd);
        return res->rc = 2;
    }
    for (uint32_t i = 0; i < cfg.host.nr_devices; i++)
        r.primaries++;
    struct sim_config sc = sim_config_default();
    sc.seed = cfg.seed;
    sc.scenario_id = cfg.scenario_id ? cfg.scenario_id : "boot";
    sc.build_id = cfg.build_id;
    sc.trace_file = trace;
    sc.limits.max_time_ns = cfg.max_time_ns ? cfg.max_time_ns : 30000000000ull;
    sc.limits.max_events = cfg.max_events ? cfg.max_events : 10000000ull;
    r.w = sim_world_new(&sc);
    if (cfg.hooks.world_created)
        cfg.hooks.world_created(cfg.hooks.ctx, r.w);
    hyp_env_world_init(&r.env, r.w);
    struct hyp_machine_config mc = {
        .ram_size = cfg.ram_size ? cfg.ram_size : (256ull << 20),
        .nr_vcpus = cfg.nr_vcpus ? cfg.nr_vcpus : 1,
        .irq_latency_ns = cfg.irq_latency_ns,
        .isolation = cfg.isolation,
        .vtl = cfg.vtl,
    };
    struct hyp_machine *m = hyp_machine_create(&r.env, &mc, res->error, sizeof(res->error));
    if (!m) {
        sim_world_free(r.w);
        vsp_kbd_destroy(own_kbd);
        return res->rc = 2;
    }
    res->rc = run_world(&r, m, res);
    sim_world_free(r.w);
    hyp_image_close(r.img);
    hyp_machine_destroy(m);
    vsp_kbd_destroy(own_kbd);
    return res->rc;
}

void vmb_boot_print(const struct vmb_boot_result *res, FILE *out)
{
    if (res->rc) {
        fprintf(out, "error: %s\n", res->error);
        return;
    }
    fprintf(out, "image: %s %s build=%s\n", res->image_name, res->kernel_release,
            res->build_id);
    fprintf(out, "outcome: %s%s%s\n", res->outcome, res->crashed ? " crash: " : "",
            res->crashed ? res->crash_reason : "");
    fprintf(out, "virtual_time_ns: %llu\n", (unsigned long long)res->end_time_ns);
    fprintf(out, "vmbus_version: %u.%u\n", res->host.negotiated_version >> 16,
            res->host.negotiated_version & 0xffff);
    fprintf(out, "contacts: %u offers: %u opened: %u open_now: %u gpadls: %u\n",
            res->host.contacts, res->host.offers_sent, res->host.channels_opened,
            res->host.channels_open_now, res->host.gpadls_created);
    fprintf(out, "keys_sent: %u\n", res->keys_sent);
    fprintf(out, "findings: %u\n", res->findings);
    fprintf(out, "trace: records=%llu hash=%016llx\n", (unsigned long long)res->trace_records,
            (unsigned long long)res->trace_hash);
    fprintf(out, "verdict: %s\n", res->pass ? "PASS" : "FAIL");
}
