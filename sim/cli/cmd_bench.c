/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_bench.c - `hvsim bench`: performance figures as name=value lines.
 *
 * Budgets (DESIGN.md) are checked by reading these figures, never by timed tests. Figures
 * come from the layers themselves (sim_bench_core for the engine, vsp_test_bench for whole
 * worlds on the default guest image); this file only routes.
 */
#include "cli.h"
#include "images.h"
#include "sim/bench.h"
#include "vsp/test_bench.h"

#include <string.h>

static void bench_help(FILE *out)
{
    fprintf(out, "Usage: hvsim bench [--help]\n"
                 "\n"
                 "Prints one name=value line per figure:\n"
                 "  fiber_switch_ns       one fiber-to-fiber context switch (ns)\n"
                 "  queue_events_per_s    1M schedule+dispatch at random times, 4096 pending\n"
                 "  queue_hold64k_events_per_s, queue_bulk1m_events_per_s  larger event sets\n"
                 "  trace_records_per_s   trace records formatted and hashed per second\n"
                 "  fiber_yield_ns        a yield round trip through the scheduler\n"
                 "  ring_pkts_per_s       packets through the real ring_buffer.c (test device,\n"
                 "                        16..64-byte payloads checked byte by byte on both\n"
                 "                        sides, both directions, host model draining, no\n"
                 "                        per-packet trace records), per wall second\n"
                 "  ring_pkts256_per_s    the same with 16..256-byte payloads\n"
                 "  boot_cpu_ms           CPU time from the start of a boot (image load, world,\n"
                 "                        initcalls) to every default device open; median of\n"
                 "                        20 boots, each in its own process\n");
}

int cmd_bench(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            bench_help(stdout);
            return CLI_EXIT_OK;
        }
        return cli_usage_error("bench: unknown option '%s'", argv[i]);
    }
    int rc = sim_bench_core(stdout);
    static struct cli_images imgs;
    if (cli_images_load(&imgs) == 0 && imgs.count > 0)
        rc |= vsp_test_bench(stdout, imgs.items[0].path, imgs.items[0].build_id);
    else
        fprintf(stderr, "bench: no guest image: ring_pkts_per_s and boot_cpu_ms skipped\n");
    fflush(stdout);
    return rc == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}
