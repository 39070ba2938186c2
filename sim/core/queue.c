/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * queue.c - radix heap of (time_ns, seq, event*) entries with lazy cancellation; see
 * sim/queue.h for the design and invariants (checked by sim_queue_check()).
 *
 * Nothing here dereferences an event except push, pop and cancel of that event. The dead set is an
 * open-addressing hash set of seqs (seq 0 is never assigned, so 0 marks an empty slot),
 * linear probing, backward-shift deletion, load factor <= 1/2.
 */
#include "sim/queue.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#define COMPACT_MIN 64u

void sim_event_init(struct sim_event *ev, sim_event_fn fn, void *arg)
{
    assert(ev != NULL);
    ev->time_ns = 0;
    ev->seq = 0;
    ev->fn = fn;
    ev->arg = arg;
    ev->state = SIM_EVENT_IDLE;
}

/* ---- dead set ---- */

static inline uint32_t dead_slot(const struct sim_queue *q, uint64_t seq)
{
    return (uint32_t)((seq * 0x9e3779b97f4a7c15ull) >> 32) & (q->dead_cap - 1);
}

static bool dead_contains(const struct sim_queue *q, uint64_t seq)
{
    if (q->dead_len == 0)
        return false;
    for (uint32_t i = dead_slot(q, seq);; i = (i + 1) & (q->dead_cap - 1)) {
        if (q->dead[i] == seq)
            return true;
        if (q->dead[i] == 0)
            return false;
    }
}

static void dead_insert_nogrow(struct sim_queue *q, uint64_t seq)
{
    uint32_t i = dead_slot(q, seq);
    while (q->dead[i] != 0) {
        assert(q->dead[i] != seq);
        i = (i + 1) & (q->dead_cap - 1);
    }
    q->dead[i] = seq;
    q->dead_len++;
}

static void dead_insert(struct sim_queue *q, uint64_t seq)
{
    if (2 * (q->dead_len + 1) > q->dead_cap) {
        uint64_t *old = q->dead;
        uint32_t old_cap = q->dead_cap;
        q->dead_cap = old_cap ? old_cap * 2 : 64;
        q->dead = calloc(q->dead_cap, sizeof(*q->dead));
        assert(q->dead != NULL);
        q->dead_len = 0;
        for (uint32_t i = 0; i < old_cap; i++) {
            if (old[i])
                dead_insert_nogrow(q, old[i]);
        }
        free(old);
    }
    dead_insert_nogrow(q, seq);
}

/* Remove seq from the dead set; returns whether it was there. */
static bool dead_remove(struct sim_queue *q, uint64_t seq)
{
    if (q->dead_len == 0)
        return false;
    const uint32_t mask = q->dead_cap - 1;
    uint32_t i = dead_slot(q, seq);
    while (q->dead[i] != seq) {
        if (q->dead[i] == 0)
            return false;
        i = (i + 1) & mask;
    }
    /* Backward-shift deletion keeps every probe chain unbroken. */
    for (uint32_t j = (i + 1) & mask; q->dead[j] != 0; j = (j + 1) & mask) {
        uint32_t home = dead_slot(q, q->dead[j]);
        if (((j - home) & mask) >= ((j - i) & mask)) {
            q->dead[i] = q->dead[j];
            i = j;
        }
    }
    q->dead[i] = 0;
    q->dead_len--;
    return true;
}

/* ---- buckets ---- */

static inline uint32_t bucket_of(uint64_t time_ns, uint64_t base_ns)
{
    uint64_t x = time_ns ^ base_ns;
    return x ? 64u - (uint32_t)__builtin_clzll(x) : 0u;
}

static inline void bucket_append(struct sim_queue *q, uint32_t bi, struct sim_heap_entry e)
{
    struct sim_qbucket *b = &q->b[bi];
    if (b->len == b->cap) {
        uint32_t cap = b->cap ? b->cap * 2 : 16;
        struct sim_heap_entry *n = realloc(b->e, (size_t)cap * sizeof(*n));
        assert(n != NULL);
        b->e = n;
        b->cap = cap;
    }
    b->e[b->len++] = e;
    if (bi)
        q->occupied |= 1ull << (bi - 1);
}

static inline void place(struct sim_queue *q, struct sim_heap_entry e)
{
    assert(e.time_ns >= q->base_ns);
    bucket_append(q, bucket_of(e.time_ns, q->base_ns), e);
}

void sim_queue_init(struct sim_queue *q, uint32_t cap_hint)
{
    assert(q != NULL);
    (void)cap_hint;
    memset(q, 0, sizeof(*q));
    q->max_len = UINT32_MAX - 1;
    q->next_seq = 1;
}

void sim_queue_fini(struct sim_queue *q)
{
    for (uint32_t bi = 0; bi < SIM_QUEUE_BUCKETS; bi++) {
        struct sim_qbucket *b = &q->b[bi];
        for (uint32_t i = bi ? 0 : q->head0; i < b->len; i++) {
            if (!dead_contains(q, b->e[i].seq))
                b->e[i].ev->state = SIM_EVENT_IDLE;
        }
        free(b->e);
    }
    free(q->dead);
    memset(q, 0, sizeof(*q));
}

/* Re-bucket every entry around new_base_ns (<= every entry's time), dropping stale entries
 * and clearing the dead set if drop_dead. O(len). */
static void rebuild(struct sim_queue *q, uint64_t new_base_ns, bool drop_dead)
{
    struct sim_heap_entry *all = malloc(((size_t)q->len + 1) * sizeof(*all));
    assert(all != NULL);
    uint32_t n = 0;
    for (uint32_t bi = 0; bi < SIM_QUEUE_BUCKETS; bi++) {
        struct sim_qbucket *b = &q->b[bi];
        for (uint32_t i = bi ? 0 : q->head0; i < b->len; i++) {
            if (!drop_dead || !dead_contains(q, b->e[i].seq))
                all[n++] = b->e[i];
        }
        b->len = 0;
    }
    q->head0 = 0;
    q->occupied = 0;
    if (drop_dead) {
        memset(q->dead, 0, (size_t)q->dead_cap * sizeof(*q->dead));
        q->dead_len = 0;
    }
    q->len = n;
    q->base_ns = new_base_ns;
    for (uint32_t i = 0; i < n; i++)
        place(q, all[i]); /* in old bucket order: bucket 0 stays sorted by seq */
    free(all);
    struct sim_qbucket *b0 = &q->b[0];
    for (uint32_t i = 1; i < b0->len; i++) /* insertion sort by seq (usually tiny) */
        for (uint32_t j = i; j > 0 && b0->e[j].seq < b0->e[j - 1].seq; j--) {
            struct sim_heap_entry t = b0->e[j];
            b0->e[j] = b0->e[j - 1];
            b0->e[j - 1] = t;
        }
}

uint64_t sim_queue_push(struct sim_queue *q, struct sim_event *ev, uint64_t time_ns)
{
    assert(ev != NULL);
    assert(ev->state == SIM_EVENT_IDLE); /* double schedule is a simulator bug */
    assert(q->len < q->max_len);
    if (time_ns < q->base_ns)
        rebuild(q, time_ns, false);
    ev->time_ns = time_ns;
    ev->seq = q->next_seq++;
    ev->state = SIM_EVENT_QUEUED;
    place(q, (struct sim_heap_entry){ .time_ns = time_ns, .seq = ev->seq, .ev = ev });
    q->len++;
    q->live++;
    return ev->seq;
}

bool sim_queue_cancel(struct sim_queue *q, struct sim_event *ev)
{
    assert(ev != NULL);
    if (ev->state != SIM_EVENT_QUEUED)
        return false;
    ev->state = SIM_EVENT_IDLE;
    q->live--;
    dead_insert(q, ev->seq);
    if (q->dead_len > COMPACT_MIN && q->dead_len > q->live)
        rebuild(q, q->base_ns, true);
    return true;
}

/* Bucket 0 is empty: move the lowest non-empty bucket's minimum time to base_ns and
 * redistribute that bucket. Returns false if the queue is empty. */
static bool refill(struct sim_queue *q)
{
    if (q->occupied == 0)
        return false;
    uint32_t bi = (uint32_t)__builtin_ctzll(q->occupied) + 1;
    struct sim_qbucket *b = &q->b[bi];
    assert(b->len > 0);
    uint64_t min_ns = b->e[0].time_ns;
    for (uint32_t i = 1; i < b->len; i++)
        min_ns = b->e[i].time_ns < min_ns ? b->e[i].time_ns : min_ns;
    assert(min_ns > q->base_ns);
    q->base_ns = min_ns;
    /* Swap the bucket's array out: its entries all land in lower buckets. */
    struct sim_qbucket moving = *b;
    b->e = NULL;
    b->len = b->cap = 0;
    q->occupied &= ~(1ull << (bi - 1));
    for (uint32_t i = 0; i < moving.len; i++) {
        assert(bucket_of(moving.e[i].time_ns, min_ns) < bi);
        place(q, moving.e[i]);
    }
    /* Reuse the larger array for the now empty bucket. */
    if (b->cap < moving.cap) {
        free(b->e);
        b->e = moving.e;
        b->cap = moving.cap;
    } else {
        free(moving.e);
    }
    struct sim_qbucket *b0 = &q->b[0];
    for (uint32_t i = 1; i < b0->len; i++) /* entries equal to min: sort by seq */
        for (uint32_t j = i; j > 0 && b0->e[j].seq < b0->e[j - 1].seq; j--) {
            struct sim_heap_entry t = b0->e[j];
            b0->e[j] = b0->e[j - 1];
            b0->e[j - 1] = t;
        }
    return true;
}

struct sim_event *sim_queue_peek(struct sim_queue *q)
{
    struct sim_qbucket *b0 = &q->b[0];
    for (;;) {
        while (q->head0 < b0->len && q->dead_len > 0 && dead_remove(q, b0->e[q->head0].seq)) {
            q->head0++;
            q->len--;
        }
        if (q->head0 < b0->len)
            return b0->e[q->head0].ev;
        b0->len = q->head0 = 0;
        if (!refill(q))
            return NULL;
    }
}

struct sim_event *sim_queue_pop(struct sim_queue *q)
{
    struct sim_event *ev = sim_queue_peek(q);
    if (ev == NULL)
        return NULL;
    struct sim_qbucket *b0 = &q->b[0];
    assert(ev->state == SIM_EVENT_QUEUED && ev->seq == b0->e[q->head0].seq);
    q->head0++;
    if (q->head0 == b0->len)
        b0->len = q->head0 = 0;
    q->len--;
    q->live--;
    ev->state = SIM_EVENT_IDLE;
    return ev;
}

bool sim_queue_check(const struct sim_queue *q)
{
    uint32_t stale = 0, total = 0;
    for (uint32_t bi = 0; bi < SIM_QUEUE_BUCKETS; bi++) {
        const struct sim_qbucket *b = &q->b[bi];
        if (bi && ((q->occupied >> (bi - 1)) & 1) != (b->len > 0))
            return false;
        for (uint32_t i = bi ? 0 : q->head0; i < b->len; i++) {
            const struct sim_heap_entry *e = &b->e[i];
            bool dead = dead_contains(q, e->seq);
            stale += dead;
            total++;
            if (e->time_ns < q->base_ns || bucket_of(e->time_ns, q->base_ns) != bi)
                return false;
            if (bi == 0 && i > q->head0 && e->seq <= b->e[i - 1].seq)
                return false;
            if (!dead && (e->ev->state != SIM_EVENT_QUEUED || e->ev->seq != e->seq ||
                          e->ev->time_ns != e->time_ns))
                return false;
        }
    }
    return total == q->len && stale == q->dead_len && total - stale == q->live;
}
