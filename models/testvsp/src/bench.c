// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench.c - ring_pkts_per_s and boot_cpu_ms (see vsp/test_bench.h). Bench-only: the wall
 * clock read here only ever reaches `hvsim bench` output.
 */
#define _GNU_SOURCE
#include "vsp/test_bench.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sim/wallclock.h"
#include "vmb/boot.h"
#include "vsp/test.h"

#define BENCH_BOOTS 20
#define BENCH_RING_TYPE "testvsc:packets=100000,max=64,send_pages=64,recv_pages=64"
#define BENCH_RING256_TYPE "testvsc:packets=100000,max=256,send_pages=64,recv_pages=64"

static double now_s(void)
{
    return (double)sim_wall_now_ns() * 1e-9; /* bench figure, never traced */
}

static void base_config(struct vmb_boot_config *cfg, const char *image, const char *build_id)
{
    vmb_boot_config_default(cfg);
    cfg->image_path = image;
    cfg->build_id = build_id;
    cfg->scenario_id = "bench";
}

/*
 * Child: one world with a test device; prints the figure. Packets carry a 16..max byte
 * payload (a header and a pattern both sides check byte by byte) through the real
 * ring_buffer.c each way; the figure counts packets in both directions per wall second.
 */
static int ring_child_with(FILE *out, const char *image, const char *build_id,
                           const char *type, const char *figure)
{
    static struct vmb_boot_config cfg;
    static struct vmb_boot_result res;
    base_config(&cfg, image, build_id);
    cfg.settle_ns = 0;
    cfg.max_events = 100000000ull;
    struct vsp_test *t = vsp_test_device(&cfg.host.devices[0], type, 0);
    cfg.host.nr_devices = 1;
    /* The ring, its checks and the guest's driver at full speed: no per-packet records
     * (they would make this a trace-formatting benchmark; see trace_records_per_s). */
    cfg.host.devices[0].no_packet_records = true;
    double t0 = now_s();
    int rc = vmb_boot_world(&cfg, NULL, &res);
    double dt = now_s() - t0;
    const struct vsp_test_stats *st = vsp_test_stats(t);
    if (rc || !st->pass) {
        fprintf(stderr, "bench: ring run failed (rc=%d pass=%d outcome=%s)\n", rc, st->pass,
                res.outcome ? res.outcome : "?");
        return 1;
    }
    fprintf(out, "%s=%.0f\n", figure, (double)(st->rx_data + st->tx_data) / dt);
    return 0;
}

/* Control-message sized packets (16..64 bytes): the ring_pkts_per_s budget figure. */
static int ring_child(FILE *out, const char *image, const char *build_id)
{
    return ring_child_with(out, image, build_id, BENCH_RING_TYPE, "ring_pkts_per_s");
}

/* 16..256-byte payloads: shows the cost of the byte-by-byte payload checks. */
static int ring256_child(FILE *out, const char *image, const char *build_id)
{
    return ring_child_with(out, image, build_id, BENCH_RING256_TYPE, "ring_pkts256_per_s");
}

/* CPU time of this process so far, in ms (user + system). */
static double cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-3;
}

/* Where a boot child leaves its figure (a MAP_SHARED page set up by the parent). */
static double *boot_ms_out;
static double boot_t0_ms;

/* finished hook: every channel is open (the run settled); teardown is not counted. */
static void boot_finished(void *ctx, struct sim_world *w, struct vmb_host *h,
                          const struct vmb_boot_result *res)
{
    (void)ctx, (void)w, (void)h, (void)res;
    *boot_ms_out = cpu_ms() - boot_t0_ms;
}

/* Child: boot the default device set until every channel is open. The figure runs from
 * the start of the boot (image load, world, guest initcalls) to all devices probed. */
static int boot_child(const char *image, const char *build_id)
{
    static struct vmb_boot_config cfg;
    static struct vmb_boot_result res;
    base_config(&cfg, image, build_id);
    cfg.settle_ns = 1;
    cfg.hooks.finished = boot_finished;
    boot_t0_ms = cpu_ms();
    int rc = vmb_boot_world(&cfg, NULL, &res);
    return rc || res.crashed || res.host.channels_open_now != res.host.offers_sent;
}

/* Fork, run fn in the child, return its exit status (-1: not run) and its rusage. */
static int forked(int (*fn)(FILE *, const char *, const char *), FILE *out, const char *image,
                  const char *build_id, struct rusage *ru)
{
    fflush(out);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int rc = fn(out, image, build_id);
        fflush(out);
        _exit(rc);
    }
    int status = 0;
    if (wait4(pid, &status, 0, ru) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static int boot_fn(FILE *out, const char *image, const char *build_id)
{
    (void)out;
    return boot_child(image, build_id);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int vsp_test_bench(FILE *out, const char *image_path, const char *build_id)
{
    struct rusage ru;
    int bad = forked(ring_child, out, image_path, build_id, &ru) != 0;
    bad |= forked(ring256_child, out, image_path, build_id, &ru) != 0;
    double ms[BENCH_BOOTS];
    boot_ms_out = mmap(NULL, sizeof(double), PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (boot_ms_out == MAP_FAILED)
        return -1;
    for (int i = 0; i < BENCH_BOOTS; i++) {
        *boot_ms_out = -1;
        if (forked(boot_fn, out, image_path, build_id, &ru) != 0 || *boot_ms_out < 0) {
            munmap(boot_ms_out, sizeof(double));
            return -1;
        }
        ms[i] = *boot_ms_out;
    }
    munmap(boot_ms_out, sizeof(double));
    qsort(ms, BENCH_BOOTS, sizeof(ms[0]), cmp_double);
    fprintf(out, "boot_cpu_ms=%.3f\n", (ms[BENCH_BOOTS / 2 - 1] + ms[BENCH_BOOTS / 2]) / 2);
    return bad ? -1 : 0;
}
