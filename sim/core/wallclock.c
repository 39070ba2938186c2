/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wallclock.c - see sim/wallclock.h. The one wall-clock read of hvsim outside benchmarks.
 */
#define _POSIX_C_SOURCE 200809L
#include "sim/wallclock.h"

#include <time.h>

uint64_t sim_wall_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
