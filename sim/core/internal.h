/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * internal.h - layout of struct sim_world and struct sim_fiber, shared by world.c and
 * fiber.c only (not installed: nothing outside sim/core may depend on it).
 *
 * Invariants:
 *   - current != NULL exactly while a fiber runs; then current->state == RUNNING.
 *   - A fiber is in the run ring iff its state is RUNNABLE.
 *   - A BLOCKED fiber is on at most one wait queue (waitq != NULL) and has its timeout event
 *     pending only while blocked with a deadline.
 *   - by_id[id] is the fiber with that id while it is alive, NULL once it exited.
 */
#ifndef SIM_CORE_INTERNAL_H
#define SIM_CORE_INTERNAL_H

#include "sim/ctx.h"
#include "sim/fiber.h"
#include "sim/prng.h"
#include "sim/queue.h"
#include "sim/world.h"

struct sim_fiber {
    struct sim_ctx ctx;
    struct sim_stack stack;
    struct sim_world *w;
    sim_fiber_fn fn;
    void *arg;
    void *priv;
    sim_fiber_id id;
    uint32_t vcpu;
    enum sim_fiber_state state;
    enum sim_wait_result wait_result;
    struct sim_event timeout_ev;
    struct sim_waitq *waitq; /* queue this fiber waits on, or NULL */
    struct sim_fiber *wq_next;
    struct sim_fiber *wq_prev;
    struct sim_fiber *free_next; /* free list of exited fibers (stack kept) */
    char name[SIM_FIBER_NAME_MAX];
};

/* Ring of runnable fibers. */
struct sim_runq {
    struct sim_fiber **ring;
    uint32_t head;
    uint32_t len;
    uint32_t cap; /* power of two */
};

struct sim_timer; /* world.c */

struct sim_world {
    uint64_t now_ns;
    uint64_t seed;
    struct sim_queue queue;
    struct sim_limits limits;
    enum sim_sched_policy policy;
    struct sim_prng sched_prng;
    size_t stack_bytes;
    uint64_t events_dispatched;
    uint64_t switches;
    bool running;     /* inside sim_world_run() */
    bool has_pending; /* an outcome is due before the next dispatch */
    enum sim_outcome pending;

    /* scheduler */
    struct sim_ctx main_ctx;
    struct sim_fiber *current;
    struct sim_runq runq;
    struct sim_fiber **by_id; /* index = id; [0] unused */
    uint32_t nr_ids;          /* next id to assign */
    uint32_t by_id_cap;
    uint32_t alive;
    struct sim_fiber *free_fibers;

    /* timers */
    struct sim_timer **timer_chunks;
    uint32_t nr_timer_chunks;
    uint32_t timer_free; /* index + 1 of the first free slot, 0 = none */

    struct trc_trace *trace;
};

/* fiber.c: run one runnable fiber until it gives up the CPU; false if none is runnable. */
bool sim_sched_run_one(struct sim_world *w);
/* fiber.c: free every fiber and stack (world teardown). */
void sim_sched_fini(struct sim_world *w);
/* world.c: request an outcome (first request wins until it is reported). */
void sim_world_request(struct sim_world *w, enum sim_outcome o);

#endif /* SIM_CORE_INTERNAL_H */
