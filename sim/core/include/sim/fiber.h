/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fiber.h - fibers: the execution contexts of guest tasks, run by the world's scheduler.
 *
 * Owns the fiber life cycle RUNNABLE -> RUNNING -> (BLOCKED -> RUNNABLE ...) -> EXITED and
 * the wait primitives. Exactly one fiber runs at a time and only inside sim_world_run();
 * a fiber gives up the CPU only by blocking, yielding or exiting (cooperative).
 *
 * Handles are small integers (sim_fiber_id, 0 = none) assigned 1, 2, 3, ... in creation
 * order and never reused within a world, so they are stable across runs and may appear in
 * traces. An exited fiber's stack goes to a free list and is reused by later fibers.
 *
 * Blocking functions (block, block_until, sleep_until, yield, exit, waitq waits) may only be
 * called from a fiber of that world; calling them from event context is an assertion.
 *
 * Wake semantics: sim_fiber_wake() makes a BLOCKED fiber RUNNABLE; on a runnable or running
 * fiber, or an exited/unknown id, it does nothing (returns false). Waking the running fiber
 * is therefore a no-op: there is no "pending wake" carried into a later block.
 *
 * Deadline semantics (sim_fiber_block_until): the deadline is an ordinary event at
 * deadline_ns, scheduled (and so given its seq) when the fiber blocks. Whatever makes the
 * fiber runnable first in (time_ns, seq) order decides the result, and later wakes or the
 * deadline event do not change it:
 *   - a wake before deadline_ns                  -> WOKEN, *remaining_ns = deadline - now > 0
 *   - a wake at exactly deadline_ns from an event with a smaller seq than the deadline event
 *     (i.e. scheduled before the fiber blocked), or from a fiber that ran at that time
 *     before the deadline event was dispatched  -> WOKEN, *remaining_ns = 0
 *   - the deadline event dispatched first        -> TIMEOUT, *remaining_ns = 0 (a wake by a
 *     later event at the same time finds the fiber runnable and is a no-op)
 *   - deadline_ns <= now: the fiber yields once (other runnable fibers run, no event is
 *     dispatched in between) and gets TIMEOUT, *remaining_ns = 0.
 * So "woken exactly at the deadline" is distinguished by result == WOKEN with remaining 0.
 * The caller re-checks its condition in every case, as kernel wait_event_timeout() does.
 */
#ifndef SIM_FIBER_H
#define SIM_FIBER_H

#include <stdbool.h>
#include <stdint.h>

struct sim_world;
struct sim_fiber;

typedef uint32_t sim_fiber_id;
typedef void (*sim_fiber_fn)(void *arg);

#define SIM_FIBER_NAME_MAX 32 /* bytes incl. NUL; longer names are truncated */

enum sim_fiber_state {
    SIM_FIBER_NONE = 0, /* unknown id, or exited */
    SIM_FIBER_RUNNABLE,
    SIM_FIBER_RUNNING,
    SIM_FIBER_BLOCKED,
};

enum sim_wait_result {
    SIM_WAIT_WOKEN = 0,
    SIM_WAIT_TIMEOUT = 1,
};

/*
 * Create a RUNNABLE fiber that will run fn(arg) on vCPU vcpu; it exits when fn returns.
 * name is copied (truncated to SIM_FIBER_NAME_MAX - 1). Any context. Returns its id, or 0 if
 * max_fibers are alive (the run then ends with "limit.fibers") or no stack could be mapped.
 */
sim_fiber_id sim_fiber_create(struct sim_world *w, const char *name, sim_fiber_fn fn, void *arg,
                              uint32_t vcpu);
/* The running fiber, or 0 in event context / outside the run. */
sim_fiber_id sim_fiber_current(const struct sim_world *w);
/* State of a fiber; SIM_FIBER_NONE for 0, unknown or exited ids. */
enum sim_fiber_state sim_fiber_state(const struct sim_world *w, sim_fiber_id id);
/* Accessors on a live fiber (asserted). The name is owned by the fiber. */
const char *sim_fiber_name(const struct sim_world *w, sim_fiber_id id);
uint32_t sim_fiber_vcpu(const struct sim_world *w, sim_fiber_id id);
void sim_fiber_set_priv(struct sim_world *w, sim_fiber_id id, void *priv);
void *sim_fiber_priv(const struct sim_world *w, sim_fiber_id id);
/* Number of fibers created and not yet exited. */
uint32_t sim_fibers_alive(const struct sim_world *w);

/* Block the running fiber until sim_fiber_wake(). Fiber only. */
void sim_fiber_block(struct sim_world *w);
/* Block until woken or virtual time deadline_ns; see the deadline semantics above.
 * remaining_ns may be NULL. Fiber only. */
enum sim_wait_result sim_fiber_block_until(struct sim_world *w, uint64_t deadline_ns,
                                           uint64_t *remaining_ns);
/* Make a BLOCKED fiber RUNNABLE. Any context. Returns true iff it was blocked. */
bool sim_fiber_wake(struct sim_world *w, sim_fiber_id id);
/* Let other runnable fibers run; the caller stays runnable (FIFO: goes to the back). */
void sim_fiber_yield(struct sim_world *w);
/* Sleep until virtual time t_ns, ignoring wakes; t_ns <= now yields once. Fiber only. */
void sim_fiber_sleep_until(struct sim_world *w, uint64_t t_ns);
/* End the running fiber now (its stack is abandoned and reused). Fiber only. */
void sim_fiber_exit(struct sim_world *w) __attribute__((noreturn));

/* A wait queue: fibers blocked on it in FIFO order. Zero-initialised = empty. */
struct sim_waitq {
    struct sim_fiber *head;
    struct sim_fiber *tail;
    uint32_t len;
};

void sim_waitq_init(struct sim_waitq *wq);
/* Block the running fiber on wq until woken by wq or by sim_fiber_wake(). Fiber only. */
void sim_waitq_wait(struct sim_world *w, struct sim_waitq *wq);
/* Same with a deadline (semantics of sim_fiber_block_until); leaves wq on timeout. */
enum sim_wait_result sim_waitq_wait_until(struct sim_world *w, struct sim_waitq *wq,
                                          uint64_t deadline_ns, uint64_t *remaining_ns);
/* Wake the longest waiter; returns its id or 0 if wq was empty. Any context. */
sim_fiber_id sim_waitq_wake_one(struct sim_world *w, struct sim_waitq *wq);
/* Wake all waiters in FIFO order; returns how many. Any context. */
uint32_t sim_waitq_wake_all(struct sim_world *w, struct sim_waitq *wq);

#endif /* SIM_FIBER_H */
