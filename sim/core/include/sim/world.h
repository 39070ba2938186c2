/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * world.h - one simulated world: virtual clock, event queue, fiber scheduler, PRNG root
 * seed, trace and limits. One world per run; nothing in sim/core is global.
 *
 * Owns the main loop. sim_world_run() repeatedly:
 *   1. ends the run if a stop was requested or a limit was hit (outcome below);
 *   2. if a fiber is runnable, picks one (policy FIFO, or RANDOM from PRNG stream "sched")
 *      and switches to it until it blocks, yields or exits;
 *   3. else pops the next event, advances the clock to its time and runs its callback in
 *      event context (no current fiber; may wake fibers, schedule or cancel events, create
 *      fibers; may not block).
 * Exactly one context runs at a time; the clock moves only in step 3 and never backwards.
 *
 * Outcomes (sim_outcome_name()):
 *   "idle"          nothing runnable, no event pending, no fiber alive
 *   "deadlock"      nothing runnable, no event pending, but fibers are blocked forever
 *   "stopped"       sim_world_stop() was called
 *   "limit.events"  max_events events were dispatched and another one is due
 *   "limit.time"    the next event lies beyond max_time_ns (the clock stays <= max_time_ns)
 *   "limit.fibers"  sim_fiber_create() was refused because max_fibers were alive
 *   "limit.switches" max_switches fiber dispatches happened (catches yield livelocks)
 * A run therefore never hangs on virtual work. After an outcome the world stays consistent;
 * sim_world_run() may be called again (e.g. after raising a limit).
 */
#ifndef SIM_WORLD_H
#define SIM_WORLD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/prng.h"
#include "sim/queue.h"

struct trc_trace;
struct sim_world;

enum sim_sched_policy {
    SIM_SCHED_FIFO = 0,   /* runnable fibers run in the order they became runnable */
    SIM_SCHED_RANDOM = 1, /* a seeded uniform choice among the runnable fibers */
};

enum sim_outcome {
    SIM_OUTCOME_IDLE = 0,
    SIM_OUTCOME_DEADLOCK,
    SIM_OUTCOME_STOPPED,
    SIM_OUTCOME_LIMIT_EVENTS,
    SIM_OUTCOME_LIMIT_TIME,
    SIM_OUTCOME_LIMIT_FIBERS,
    SIM_OUTCOME_LIMIT_SWITCHES,
    SIM_OUTCOME_COUNT_,
};

/* Limits of a run; 0 means unlimited. */
struct sim_limits {
    uint64_t max_events;   /* events dispatched over the world's life */
    uint64_t max_time_ns;  /* virtual time */
    uint32_t max_fibers;   /* fibers alive at once */
    uint64_t max_switches; /* fiber dispatches over the world's life */
};

struct sim_config {
    uint64_t seed;                /* run seed: root of every PRNG stream */
    enum sim_sched_policy policy; /* choice among runnable fibers */
    size_t stack_bytes;           /* per fiber, 0 = SIM_STACK_DEFAULT_BYTES (256 KiB) */
    struct sim_limits limits;
    /* Trace: header identity and sinks (see trace.h). NULL ids print as "-". */
    const char *scenario_id;
    const char *build_id;
    FILE *trace_file;  /* borrowed, may be NULL */
    bool trace_memory; /* keep the text in memory (trc_memory()) */
};

/* Defaults: seed 0, FIFO, 256 KiB stacks, limits 1e9 events, 1 h virtual time, 4096 fibers,
 * 1e9 switches, no trace sinks (hash only). */
struct sim_config sim_config_default(void);

/* Create a world (clock at 0). Allocation failure is an assertion. Writes the trace header. */
struct sim_world *sim_world_new(const struct sim_config *cfg);
/* Destroy a world, its fibers (blocked ones are discarded, never resumed) and its trace.
 * Must not be called from inside sim_world_run(). */
void sim_world_free(struct sim_world *w);

/* Run until an outcome (see above). Must be called from the thread's own stack, not from a
 * fiber or an event callback. */
enum sim_outcome sim_world_run(struct sim_world *w);
/* The caller left sim_world_run() by longjmp from an event callback (a guest crash in event
 * context): the run is over; the world may be inspected and freed, not run again. */
void sim_world_run_aborted(struct sim_world *w);
/* Ask the run to end with "stopped" before the next dispatch. Any context. */
void sim_world_stop(struct sim_world *w);
/* Stable short name of an outcome, e.g. "limit.events". */
const char *sim_outcome_name(enum sim_outcome o);

/* Virtual time now, in ns. */
uint64_t sim_now_ns(const struct sim_world *w);
uint64_t sim_world_seed(const struct sim_world *w);
uint64_t sim_world_events_dispatched(const struct sim_world *w);
uint64_t sim_world_switches(const struct sim_world *w);
struct trc_trace *sim_world_trace(struct sim_world *w);
/* Derive the named PRNG stream of this world's seed (see prng.h). */
void sim_world_prng_stream(const struct sim_world *w, struct sim_prng *s, const char *name);
/* Change limits between runs. */
void sim_world_set_limits(struct sim_world *w, const struct sim_limits *limits);

/* ---- events (caller-owned, intrusive; see queue.h) ---- */
/* Schedule ev (initialised, not pending) at time_ns >= now. Returns its seq. */
uint64_t sim_event_schedule(struct sim_world *w, struct sim_event *ev, uint64_t time_ns);
/* Cancel ev. Returns true if it was pending, false if it already fired or was not queued. */
bool sim_event_cancel(struct sim_world *w, struct sim_event *ev);

/* ---- timers: pooled events with ids (hyp_host_ops.timer_arm/cancel map 1:1) ---- */
typedef uint64_t sim_timer_id; /* 0 = none; never reused within a world */
typedef void (*sim_timer_fn)(void *arg);
/* Arm a one-shot timer: fn(arg) runs in event context at when_ns (>= now). Returns its id,
 * built deterministically from a slot index and a generation. */
sim_timer_id sim_timer_arm(struct sim_world *w, uint64_t when_ns, sim_timer_fn fn, void *arg);
/* Returns 1 if the timer was pending and is now cancelled, 0 if it already fired, was
 * cancelled or is unknown. */
int sim_timer_cancel(struct sim_world *w, sim_timer_id id);

#endif /* SIM_WORLD_H */
