/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wallclock.h - the host's monotonic clock, for the places that must measure real time:
 * the runner's watchdog, suite timings and benchmarks. Never used inside a run: nothing read
 * from it may reach a trace, a scheduling decision or a verdict of a run (determinism
 * contract, docs/DESIGN.md). sim/core is the only layer that reads a clock.
 */
#ifndef SIM_WALLCLOCK_H
#define SIM_WALLCLOCK_H

#include <stdint.h>

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t sim_wall_now_ns(void);

#endif
