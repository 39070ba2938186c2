/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_bench.c - `hvsim bench`: performance figures as name=value lines.
 *
 * Budgets (DESIGN.md) are checked by reading these figures, never by timed tests. Figures
 * come from the layers themselves (sim_bench_core for the engine); this file only routes.
 */
#include "cli.h"
#include "sim/bench.h"

#include <string.h>

static void bench_help(FILE *out)
{
    fprintf(out, "Usage: hvsim bench [--help]\n"
                 "\n"
                 "Prints one name=value line per figure:\n"
                 "  fiber_switch_ns       one fiber-to-fiber context switch (ns)\n"
                 "  queue_events_per_s    1M schedule+dispatch at random times, 4096 pending\n"
                 "  queue_hold64k_events_per_s, queue_bulk1m_events_per_s  larger event sets\n"
                 "  trace_records_per_s   trace records formatted and hashed per second\n");
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
    fflush(stdout);
    return rc == 0 ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}
