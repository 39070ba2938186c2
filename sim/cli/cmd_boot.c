/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_boot.c - `hvsim boot`: boot one guest image against the default host (util ICs and
 * the synthetic keyboard), inject a key press, print a readable summary, then
 * "trace=<path>" and "trace_hash=<hex>" as the last two lines.
 *
 * The boot runs in a forked child (sim/runner), so a guest crash is reported, not fatal.
 * Exit 0 when the boot completed without findings, 1 otherwise, 2 on bad usage.
 */
#include "cli.h"
#include "images.h"
#include "run/runner.h"
#include "sim/trace.h"
#include "sim/world.h"
#include "vmb/boot.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct boot_args {
    const char *kernel;
    uint64_t seed;
    uint32_t vcpus;
    int jitter;
    const char *trace;
    const struct cli_image *img;
};

struct boot_obs {
    uint32_t serio_records;
    char serio[128];
};

static void boot_help(void)
{
    printf("Usage: hvsim boot [--kernel NAME] [--seed N] [--vcpus N] [--jitter] [--trace FILE]\n"
           "\n"
           "Boots the guest image NAME (default: the first of 'hvsim kernels') against a host\n"
           "offering heartbeat, shutdown, timesync, KVP, VSS, fcopy (kernels before 6.10)\n"
           "and the synthetic keyboard, presses a key once the keyboard is connected, and prints the negotiated\n"
           "version, offers, opened channels and findings. --jitter draws every host reply\n"
           "latency from uniform[5us, 50us] with the seed (default: a fixed 10us).\n"
           "The trace goes to FILE (default: hvsim-boot-<kernel>-s<seed>.trace).\n"
           "Exit status: 0 clean boot, 1 crash or findings, 2 bad usage.\n");
}

static void serio_listener(void *ctx, const struct trc_record *rec)
{
    struct boot_obs *o = ctx;
    if (strcmp(rec->source, "guest.serio") || !rec->body)
        return;
    o->serio_records++;
    size_t used = strlen(o->serio);
    snprintf(o->serio + used, sizeof(o->serio) - used, "%s%s", used ? " " : "", rec->body);
}

static void hook_world(void *ctx, struct sim_world *w)
{
    trc_add_listener(sim_world_trace(w), serio_listener, ctx);
}

static int boot_job(const struct run_job *job, struct run_result *res, const char *trace_path,
                    void *ctx)
{
    const struct boot_args *a = ctx;
    static struct vmb_boot_config cfg;
    static struct vmb_boot_result br;
    static struct boot_obs obs;
    vmb_boot_config_default(&cfg);
    cfg.seed = job->seed;
    cfg.image_path = a->img->path;
    cfg.build_id = a->img->build_id;
    cfg.nr_vcpus = a->vcpus;
    cfg.keys[0] = 0x1e; /* 'a' */
    cfg.nr_keys = 1;
    cfg.settle_ns = 5000000;
    if (a->jitter)
        cfg.host.latency = sim_dist_uniform(5000, 50000);
    /* fcopy has a kernel driver only before 6.10 (then it moved to a UIO daemon). */
    static const char *const devices_fcopy[] = {"heartbeat", "shutdown", "timesync", "kvp",
                                                "vss", "fcopy", "kbd"};
    static const char *const devices_nofcopy[] = {"heartbeat", "shutdown", "timesync", "kvp",
                                                  "vss", "kbd"};
    unsigned major = 0, minor = 0;
    sscanf(a->img->release, "%u.%u", &major, &minor);
    int has_fcopy = major < 6 || (major == 6 && minor < 10);
    cfg.device_names = has_fcopy ? devices_fcopy : devices_nofcopy;
    cfg.nr_device_names = has_fcopy ? 7 : 6;
    cfg.hooks.ctx = &obs;
    cfg.hooks.world_created = hook_world;
    FILE *tf = fopen(trace_path, "w");
    if (!tf) {
        res->verdict = RUN_FAIL;
        snprintf(res->reason, sizeof(res->reason), "cannot write %s", trace_path);
        return 2;
    }
    int rc = vmb_boot_world(&cfg, tf, &br);
    fclose(tf);
    vmb_boot_print(&br, stdout);
    if (rc == 0)
        printf("serio: %s\n", obs.serio_records ? obs.serio : "(nothing received)");
    res->verdict = rc == 0 && br.pass ? RUN_PASS : RUN_FAIL;
    snprintf(res->reason, sizeof(res->reason), "%s", rc ? br.error : br.pass ? "" :
             br.crashed ? br.crash_reason : "findings or no version negotiated");
    snprintf(res->trace_hash, sizeof(res->trace_hash), "%016llx",
             (unsigned long long)br.trace_hash);
    res->virtual_ns = br.end_time_ns;
    return rc;
}

static int parse(int argc, char **argv, struct boot_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end;
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            boot_help();
            return 1;
        } else if (!strcmp(o, "--jitter")) {
            a->jitter = 1;
        } else if (!v) {
            return cli_usage_error("boot: unknown option or missing value: '%s'", o);
        } else if (!strcmp(o, "--kernel")) {
            a->kernel = argv[++i];
        } else if (!strcmp(o, "--trace")) {
            a->trace = argv[++i];
        } else if (!strcmp(o, "--seed")) {
            a->seed = strtoull(v, &end, 0);
            if (*end || !*v || *v == '-')
                return cli_usage_error("boot: --seed: '%s' is not a number", v);
            i++;
        } else if (!strcmp(o, "--vcpus")) {
            unsigned long n = strtoul(v, &end, 0);
            if (*end || n < 1 || n > 64)
                return cli_usage_error("boot: --vcpus wants 1..64, not '%s'", v);
            a->vcpus = (uint32_t)n;
            i++;
        } else {
            return cli_usage_error("boot: unknown option '%s' (try 'hvsim boot --help')", o);
        }
    }
    return 0;
}

int cmd_boot(int argc, char **argv)
{
    struct boot_args a = {.vcpus = 1};
    int rc = parse(argc, argv, &a);
    if (rc)
        return rc == 1 ? CLI_EXIT_OK : rc;
    static struct cli_images imgs;
    if (cli_images_load(&imgs))
        return CLI_EXIT_USAGE;
    if (imgs.count == 0)
        return cli_usage_error("boot: this build has no guest images");
    a.img = a.kernel ? cli_images_find(&imgs, a.kernel) : &imgs.items[0];
    if (!a.img)
        return cli_usage_error("boot: no guest image '%s' (see 'hvsim kernels')", a.kernel);
    char trace[1024];
    snprintf(trace, sizeof(trace), "hvsim-boot-%s-s%llu.trace", a.img->name,
             (unsigned long long)a.seed);
    if (a.trace)
        snprintf(trace, sizeof(trace), "%s", a.trace);
    char dir[1024], *slash;
    snprintf(dir, sizeof(dir), "%s", trace);
    slash = strrchr(dir, '/');
    struct run_job job = {.scenario = "boot", .kernel = a.img->name, .seed = a.seed};
    struct run_result res;
    struct run_options opt = {.jobs = 1};
    /* The runner names the trace file itself; boot it into place afterwards. */
    if (slash)
        *slash = '\0';
    opt.trace_dir = slash ? dir : ".";
    fflush(stdout);
    if (run_all(&job, 1, boot_job, &a, &opt, &res) < 0)
        return CLI_EXIT_FAIL;
    if (res.trace_path[0] && strcmp(res.trace_path, trace) && rename(res.trace_path, trace))
        snprintf(trace, sizeof(trace), "%s", res.trace_path);
    if (res.verdict != RUN_PASS)
        printf("failure: %s\n%s", res.reason, res.evidence);
    printf("trace=%s\ntrace_hash=%s\n", trace, res.trace_hash[0] ? res.trace_hash : "-");
    return res.verdict == RUN_PASS ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}
