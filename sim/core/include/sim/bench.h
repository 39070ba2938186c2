/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench.h - micro-benchmarks of sim/core, printed as "name=value" lines (hvsim bench).
 * The only place in hvsim that reads the wall clock; results never feed a simulation.
 */
#ifndef SIM_BENCH_H
#define SIM_BENCH_H

#include <stdio.h>

/*
 * Run the core benchmarks and print one "name=value\n" line per figure to out:
 *   fiber_switch_ns       one context switch, one direction (raw ctx ping-pong / 2)
 *   fiber_yield_ns        sim_fiber_yield() round trip through the scheduler
 *   queue_events_per_s    hold model: 1 M dispatches by the world, each scheduling one new
 *                         event at a random later time, 4096 pending (a run's realistic size)
 *   queue_hold64k_events_per_s  the same with 64 Ki pending
 *   queue_bulk1m_events_per_s   1 M events at random times all scheduled first, then
 *                         dispatched (cold: about one cache miss per event)
 *   trace_records_per_s   records of 3 fields into a hash-only trace
 * Returns 0 (or -1 if a fiber stack could not be mapped).
 */
int sim_bench_core(FILE *out);

#endif /* SIM_BENCH_H */
