/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * queue.h - the event queue: a radix heap of caller-owned (intrusive) events.
 *
 * Owns: the total order of pending events. Order key is (time_ns, seq); seq is assigned by
 * sim_queue_push() from a per-queue counter that only increases, so two events at the same
 * virtual time are dispatched in insertion order. The order never depends on pointers.
 *
 * Design (why not a binary heap): a d-ary heap of 1 M random times costs ~5 DRAM misses
 * per pop (~300 ns measured); a radix heap (Ahuja, Mehlhorn, Orlin, Tarjan 1990) exploits
 * that simulated time is monotone: entries (time_ns, seq, ev) sit in 65 buckets by the
 * highest bit in which their time differs from `base_ns` (the time of the last minimum);
 * bucket 0 holds time == base_ns in seq order. Popping takes bucket 0's head; when bucket 0
 * is empty, the lowest non-empty bucket is scanned for its minimum, which becomes the new
 * base, and its entries are redistributed into lower buckets. All of this is sequential
 * array traffic and never dereferences events (each entry moves at most 64 times, a few
 * times in practice). Cancellation is lazy: the event is marked idle at once and its seq
 * goes into a "dead" hash set; the stale entry is dropped, without touching its event
 * (which the caller may have freed), when it reaches bucket 0, or by a compaction when
 * dead entries outnumber live ones.
 *
 * Invariants:
 *   - every entry has time_ns >= base_ns and sits in bucket msb(time_ns ^ base_ns) + 1
 *     (bucket 0 when equal); bucket 0 is sorted by seq;
 *   - an event is pending iff ev->state == SIM_EVENT_QUEUED; then exactly one entry with its
 *     seq exists and that seq is not in the dead set; every entry whose seq is in the dead
 *     set is stale, no other is;
 *   - the queue never frees or copies events; the caller owns them and keeps a pending event
 *     alive (and unmoved) until it is popped or cancelled.
 * Pushing a time below base_ns (possible only after a peek without pop, e.g. a run ended by
 * a limit and the caller schedules at `now`) rebuilds the buckets around the new base, O(n).
 *
 * Complexity: push O(1), cancel O(1) amortised, pop O(log range) amortised.
 */
#ifndef SIM_QUEUE_H
#define SIM_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim_world;
struct sim_event;

/* Callback of a dispatched event; runs in event context (see world.h). */
typedef void (*sim_event_fn)(struct sim_world *w, struct sim_event *ev);

#define SIM_EVENT_IDLE 0u
#define SIM_EVENT_QUEUED 1u

/* A caller-owned event. Initialise with sim_event_init() before first use. */
struct sim_event {
    uint64_t time_ns;    /* virtual time it fires at; valid while pending (and after pop) */
    uint64_t seq;        /* insertion sequence number; valid while pending (and after pop) */
    sim_event_fn fn;     /* callback, set by the owner */
    void *arg;           /* owner's argument for fn */
    uint32_t state;      /* SIM_EVENT_IDLE or SIM_EVENT_QUEUED */
};

struct sim_heap_entry {
    uint64_t time_ns;
    uint64_t seq;
    struct sim_event *ev;
};

#define SIM_QUEUE_BUCKETS 65

struct sim_qbucket {
    struct sim_heap_entry *e;
    uint32_t len;
    uint32_t cap;
};

struct sim_queue {
    struct sim_qbucket b[SIM_QUEUE_BUCKETS];
    uint32_t head0;    /* bucket 0 is consumed from here (entries before it are gone) */
    uint64_t occupied; /* bit i set iff bucket i + 1 is non-empty */
    uint64_t base_ns;  /* radix base: time of the last minimum */
    uint32_t len;      /* entries in all buckets, stale ones included */
    uint32_t live;     /* pending events = len - dead_len */
    uint64_t *dead;    /* open-addressing set of stale seqs (0 = empty slot) */
    uint32_t dead_len;
    uint32_t dead_cap; /* power of two */
    uint32_t max_len;  /* limit on entries (asserted); UINT32_MAX - 1 by default */
    uint64_t next_seq; /* seq the next push will assign; starts at 1 */
};

/* Prepare an event: not pending, callback fn with argument arg (fn may be NULL for the
 * queue alone; the world asserts it is set when dispatching). */
void sim_event_init(struct sim_event *ev, sim_event_fn fn, void *arg);

/* True iff ev is in a queue. */
static inline bool sim_event_pending(const struct sim_event *ev)
{
    return ev->state == SIM_EVENT_QUEUED;
}

/* Initialise an empty queue (cap_hint: expected events, may be 0).
 * Allocation failure is a simulator bug (assert). */
void sim_queue_init(struct sim_queue *q, uint32_t cap_hint);
/* Release the buckets. Pending events are simply forgotten (marked idle). */
void sim_queue_fini(struct sim_queue *q);

/* Insert ev (must not be pending) at virtual time time_ns; assigns and returns its seq. */
uint64_t sim_queue_push(struct sim_queue *q, struct sim_event *ev, uint64_t time_ns);
/* Remove ev if pending. Returns true if it was pending and is now removed, false if it was
 * not pending (never scheduled, already popped, or already cancelled). */
bool sim_queue_cancel(struct sim_queue *q, struct sim_event *ev);
/* Remove and return the minimum event, or NULL if empty. Its time_ns/seq stay readable. */
struct sim_event *sim_queue_pop(struct sim_queue *q);

/* The minimum pending event without removing it, or NULL. May reorganise buckets (and
 * raise base_ns to that event's time). */
struct sim_event *sim_queue_peek(struct sim_queue *q);

/* Number of pending events. */
static inline uint32_t sim_queue_len(const struct sim_queue *q)
{
    return q->live;
}

/* Full O(n) structural check (buckets, live count, dead set); for tests. True if sound. */
bool sim_queue_check(const struct sim_queue *q);

#endif /* SIM_QUEUE_H */
