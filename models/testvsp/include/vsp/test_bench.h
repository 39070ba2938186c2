/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_bench.h - whole-world benchmarks for `hvsim bench` (bench-only code: it reads the wall
 * clock and CPU time; nothing it measures reaches a trace).
 *
 *   ring_pkts_per_s  packets (both directions) through the real ring_buffer.c with the test
 *                    VSP draining: one world in a forked child, packets / wall time of the
 *                    whole run (boot included)
 *   boot_cpu_ms      CPU time (user + sys, from wait4) of a forked child that boots the
 *                    default guest to all devices open; median of 20 boots
 * Each run is its own process because guest RAM lives at a fixed address.
 */
#ifndef VSP_TEST_BENCH_H
#define VSP_TEST_BENCH_H

#include <stdio.h>

/* Print the figures as name=value lines to out. Returns 0, or -1 if a run failed. */
int vsp_test_bench(FILE *out, const char *image_path, const char *build_id);

#endif /* VSP_TEST_BENCH_H */
