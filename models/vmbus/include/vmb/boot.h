/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * boot.h - one call that builds and runs a whole world: sim_world -> hyp_machine (RAM, vCPUs,
 * SynIC) -> guest image -> vmb_host with devices -> guest boot() -> run -> summary.
 * This is what `hvsim boot` calls; scenarios will build the same pieces with more control.
 */
#ifndef VMB_BOOT_H
#define VMB_BOOT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "vmb/host.h"

#define VMB_BOOT_MAX_KEYS 64u

struct sim_world;
struct vsp_kbd;
struct vmb_boot_result;

/*
 * Hooks for callers that drive a run beyond a plain boot (the scenario executor): all run in
 * the caller's (event-free) context, never from inside the world.
 *   world_created  right after the world exists, before the first model record (attach trace
 *                  listeners such as checkers here)
 *   ready          world, machine, host and image exist; boot() not called yet (schedule
 *                  timeline events, inject faults; guest is the image's seam table, e.g. for
 *                  its hooks). Non-zero return aborts the run (rc 2).
 *   finished       after the run, before teardown (read model state).
 */
struct vmb_boot_hooks {
    void *ctx;
    void (*world_created)(void *ctx, struct sim_world *w);
    int (*ready)(void *ctx, struct sim_world *w, struct hyp_machine *m, struct vmb_host *h,
                 const struct hyp_guest_ops *guest);
    void (*finished)(void *ctx, struct sim_world *w, struct vmb_host *h,
                     const struct vmb_boot_result *res);
};

struct vmb_boot_config {
    uint64_t seed;
    const char *image_path;     /* guest image .so */
    const char *scenario_id;    /* for the trace header; NULL = "boot" */
    const char *build_id;       /* image build id for the trace header (from the manifest);
                                   checked against the loaded image; NULL = not checked */
    uint64_t ram_size;          /* 0 = 256 MiB */
    uint32_t nr_vcpus;          /* 0 = 1 */
    uint64_t irq_latency_ns;    /* SINT interrupt injection delay (hyp_machine_config) */
    uint32_t isolation;         /* HYP_ISOLATION_* (hyp_machine_config) */
    uint32_t vtl;               /* guest VTL, 0 or 2 (hyp_machine_config) */
    uint64_t max_time_ns;       /* virtual time limit; 0 = 30 s */
    uint64_t max_events;        /* 0 = 10 M */
    /*
     * Host configuration. If host.nr_devices == 0, devices are taken from device_names (preset
     * names, offered in that order; "kbd" gets the keyboard VSP); if that is empty too, the
     * default set heartbeat, shutdown, timesync, kvp, vss, fcopy, kbd is offered.
     */
    struct vmb_host_config host;
    const char *const *device_names;
    uint32_t nr_device_names;
    bool kbd_refuse;            /* keyboard answers "not accepted" */
    struct vsp_kbd *kbd;        /* caller-owned keyboard VSP already in host.devices; NULL:
                                   boot creates one for a "kbd" device name */
    struct vmb_boot_hooks hooks;
    /* Keystrokes (make codes) sent once the keyboard is connected, 1 ms apart: make then
     * break of each. */
    uint16_t keys[VMB_BOOT_MAX_KEYS];
    uint32_t nr_keys;
    /* End the run settle_ns after every offered primary channel is open (and the keys were
     * sent); 0 = run to idle / limits. */
    uint64_t settle_ns;
};

struct vmb_boot_result {
    int rc;                     /* 0 = the run happened; 2 = bad input (see error) */
    char error[512];
    const char *outcome;        /* sim outcome name ("idle", "stopped", "limit.time", ...) */
    bool crashed;
    char crash_reason[256];
    uint64_t end_time_ns;
    uint64_t trace_hash;
    uint64_t trace_records;
    struct vmb_host_summary host;
    uint32_t findings;          /* all findings of the run (host models + hypervisor + guest) */
    uint32_t guest_boot_rc_set; /* 1 if boot() returned */
    int guest_boot_rc;
    uint32_t keys_sent;
    char image_name[64];
    char kernel_release[64];
    char build_id[64];
    bool pass;                  /* ran, no crash, no findings, negotiated a version */
};

/* Fill cfg with defaults (seed 0, 256 MiB, 1 vCPU, default host config, settle 1 ms). */
void vmb_boot_config_default(struct vmb_boot_config *cfg);
/* Build, run, summarise, tear down. trace may be NULL. Returns res->rc. */
int vmb_boot_world(const struct vmb_boot_config *cfg, FILE *trace, struct vmb_boot_result *res);
/* Print a human summary (key: value lines). */
void vmb_boot_print(const struct vmb_boot_result *res, FILE *out);

#endif /* VMB_BOOT_H */
