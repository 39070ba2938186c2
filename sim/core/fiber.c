/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fiber.c - fibers, the run ring, blocking primitives and wait queues; see sim/fiber.h.
 *
 * Owns fiber state transitions. Every fiber switch goes through the world's main context:
 * sim_sched_run_one() switches main -> fiber, and a fiber that blocks, yields or exits
 * switches fiber -> main. All transitions BLOCKED -> RUNNABLE go through make_runnable(),
 * which also cancels a pending deadline and leaves any wait queue, so a fiber can never be
 * made runnable twice.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- run ring ---- */

static void runq_push(struct sim_runq *q, struct sim_fiber *f)
{
    if (q->len == q->cap) {
        uint32_t cap = q->cap ? q->cap * 2 : 64;
        struct sim_fiber **ring = malloc(cap * sizeof(*ring));
        assert(ring != NULL);
        for (uint32_t i = 0; i < q->len; i++)
            ring[i] = q->ring[(q->head + i) & (q->cap - 1)];
        free(q->ring);
        q->ring = ring;
        q->head = 0;
        q->cap = cap;
    }
    q->ring[(q->head + q->len) & (q->cap - 1)] = f;
    q->len++;
}

/* Take the fiber at offset k from the head: swap it with the head, then pop the head. */
static struct sim_fiber *runq_take(struct sim_runq *q, uint32_t k)
{
    assert(q->len > 0 && k < q->len);
    uint32_t mask = q->cap - 1;
    struct sim_fiber **slot = &q->ring[(q->head + k) & mask];
    struct sim_fiber *f = *slot;
    *slot = q->ring[q->head];
    q->head = (q->head + 1) & mask;
    q->len--;
    return f;
}

/* ---- lookup ---- */

static struct sim_fiber *lookup(const struct sim_world *w, sim_fiber_id id)
{
    if (id == 0 || id >= w->nr_ids)
        return NULL;
    return w->by_id[id];
}

static struct sim_fiber *live(const struct sim_world *w, sim_fiber_id id)
{
    struct sim_fiber *f = lookup(w, id);
    assert(f != NULL); /* accessor on a dead fiber is a simulator bug */
    return f;
}

static struct sim_fiber *running(struct sim_world *w)
{
    struct sim_fiber *f = w->current;
    assert(f != NULL); /* blocking from event context is a simulator bug */
    assert(f->state == SIM_FIBER_RUNNING);
    return f;
}

/* ---- wait queue links ---- */

static void waitq_append(struct sim_waitq *wq, struct sim_fiber *f)
{
    assert(f->waitq == NULL);
    f->waitq = wq;
    f->wq_next = NULL;
    f->wq_prev = wq->tail;
    if (wq->tail)
        wq->tail->wq_next = f;
    else
        wq->head = f;
    wq->tail = f;
    wq->len++;
}

static void waitq_unlink(struct sim_fiber *f)
{
    struct sim_waitq *wq = f->waitq;
    assert(wq != NULL && wq->len > 0);
    if (f->wq_prev)
        f->wq_prev->wq_next = f->wq_next;
    else
        wq->head = f->wq_next;
    if (f->wq_next)
        f->wq_next->wq_prev = f->wq_prev;
    else
        wq->tail = f->wq_prev;
    wq->len--;
    f->waitq = NULL;
    f->wq_next = f->wq_prev = NULL;
}

/* ---- transitions ---- */

static void make_runnable(struct sim_world *w, struct sim_fiber *f, enum sim_wait_result res)
{
    assert(f->state == SIM_FIBER_BLOCKED);
    f->wait_result = res;
    sim_event_cancel(w, &f->timeout_ev);
    if (f->waitq)
        waitq_unlink(f);
    f->state = SIM_FIBER_RUNNABLE;
    runq_push(&w->runq, f);
}

static void switch_to_main(struct sim_world *w, struct sim_fiber *f)
{
    sim_ctx_switch(&f->ctx, &w->main_ctx);
    assert(w->current == f && f->state == SIM_FIBER_RUNNING);
}

/* Give up the CPU in state BLOCKED until make_runnable(). */
static void block_current(struct sim_world *w, struct sim_fiber *f)
{
    f->state = SIM_FIBER_BLOCKED;
    switch_to_main(w, f);
}

static void timeout_fire(struct sim_world *w, struct sim_event *ev)
{
    struct sim_fiber *f = ev->arg;
    make_runnable(w, f, SIM_WAIT_TIMEOUT);
}

bool sim_sched_run_one(struct sim_world *w)
{
    if (w->runq.len == 0)
        return false;
    uint32_t k = 0;
    if (w->policy == SIM_SCHED_RANDOM)
        k = (uint32_t)sim_prng_below(&w->sched_prng, w->runq.len);
    struct sim_fiber *f = runq_take(&w->runq, k);
    assert(f->state == SIM_FIBER_RUNNABLE);
    f->state = SIM_FIBER_RUNNING;
    w->current = f;
    w->switches++;
    sim_ctx_switch(&w->main_ctx, &f->ctx);
    w->current = NULL;
    return true;
}

/* ---- life cycle ---- */

static void fiber_exit_now(struct sim_world *w, struct sim_fiber *f) __attribute__((noreturn));

static void fiber_entry(void *arg)
{
    struct sim_fiber *f = arg;
    sim_ctx_started(&f->ctx);
    f->fn(f->arg);
    fiber_exit_now(f->w, f);
}

static struct sim_fiber *fiber_obtain(struct sim_world *w)
{
    struct sim_fiber *f = w->free_fibers;
    if (f != NULL) {
        w->free_fibers = f->free_next;
        return f;
    }
    f = calloc(1, sizeof(*f));
    assert(f != NULL);
    if (sim_stack_alloc(&f->stack, w->stack_bytes) != 0) {
        free(f);
        return NULL;
    }
    return f;
}

static void id_table_put(struct sim_world *w, struct sim_fiber *f)
{
    if (w->nr_ids >= w->by_id_cap) {
        uint32_t cap = w->by_id_cap ? w->by_id_cap * 2 : 64;
        struct sim_fiber **t = realloc(w->by_id, cap * sizeof(*t));
        assert(t != NULL);
        w->by_id = t;
        w->by_id_cap = cap;
    }
    assert(w->nr_ids < UINT32_MAX);
    f->id = w->nr_ids++;
    w->by_id[f->id] = f;
}

sim_fiber_id sim_fiber_create(struct sim_world *w, const char *name, sim_fiber_fn fn, void *arg,
                              uint32_t vcpu)
{
    assert(name != NULL && fn != NULL);
    if (w->limits.max_fibers && w->alive >= w->limits.max_fibers) {
        sim_world_request(w, SIM_OUTCOME_LIMIT_FIBERS);
        return 0;
    }
    struct sim_fiber *f = fiber_obtain(w);
    if (f == NULL)
        return 0;
    struct sim_stack stack = f->stack;
    memset(f, 0, sizeof(*f));
    f->stack = stack;
    f->w = w;
    f->fn = fn;
    f->arg = arg;
    f->vcpu = vcpu;
    snprintf(f->name, sizeof(f->name), "%s", name);
    sim_event_init(&f->timeout_ev, timeout_fire, f);
    sim_ctx_init(&f->ctx, &f->stack, fiber_entry, f);
    id_table_put(w, f);
    w->alive++;
    f->state = SIM_FIBER_RUNNABLE;
    runq_push(&w->runq, f);
    return f->id;
}

static void fiber_exit_now(struct sim_world *w, struct sim_fiber *f)
{
    assert(w->current == f && f->state == SIM_FIBER_RUNNING);
    assert(f->waitq == NULL && !sim_event_pending(&f->timeout_ev));
    w->by_id[f->id] = NULL;
    w->alive--;
    f->state = SIM_FIBER_NONE;
    /* The stack stays in use until the switch below; nobody can obtain it before main runs. */
    f->free_next = w->free_fibers;
    w->free_fibers = f;
    sim_ctx_exit_to(&f->ctx, &w->main_ctx);
}

void sim_fiber_exit(struct sim_world *w)
{
    fiber_exit_now(w, running(w));
}

void sim_sched_fini(struct sim_world *w)
{
    assert(w->current == NULL);
    for (uint32_t id = 1; id < w->nr_ids; id++) {
        struct sim_fiber *f = w->by_id[id];
        if (f == NULL)
            continue;
        sim_event_cancel(w, &f->timeout_ev);
        sim_stack_free(&f->stack);
        free(f);
    }
    while (w->free_fibers) {
        struct sim_fiber *f = w->free_fibers;
        w->free_fibers = f->free_next;
        sim_stack_free(&f->stack);
        free(f);
    }
    free(w->by_id);
    free(w->runq.ring);
}

/* ---- accessors ---- */

sim_fiber_id sim_fiber_current(const struct sim_world *w)
{
    return w->current ? w->current->id : 0;
}

enum sim_fiber_state sim_fiber_state(const struct sim_world *w, sim_fiber_id id)
{
    const struct sim_fiber *f = lookup(w, id);
    return f ? f->state : SIM_FIBER_NONE;
}

const char *sim_fiber_name(const struct sim_world *w, sim_fiber_id id)
{
    return live(w, id)->name;
}

uint32_t sim_fiber_vcpu(const struct sim_world *w, sim_fiber_id id)
{
    return live(w, id)->vcpu;
}

void sim_fiber_set_priv(struct sim_world *w, sim_fiber_id id, void *priv)
{
    live(w, id)->priv = priv;
}

void *sim_fiber_priv(const struct sim_world *w, sim_fiber_id id)
{
    return live(w, id)->priv;
}

uint32_t sim_fibers_alive(const struct sim_world *w)
{
    return w->alive;
}

/* ---- blocking ---- */

void sim_fiber_block(struct sim_world *w)
{
    block_current(w, running(w));
}

void sim_fiber_yield(struct sim_world *w)
{
    struct sim_fiber *f = running(w);
    f->state = SIM_FIBER_RUNNABLE;
    runq_push(&w->runq, f);
    switch_to_main(w, f);
}

static enum sim_wait_result wait_until(struct sim_world *w, struct sim_fiber *f,
                                       uint64_t deadline_ns, uint64_t *remaining_ns)
{
    assert(f->state == SIM_FIBER_RUNNING);
    sim_event_schedule(w, &f->timeout_ev, deadline_ns);
    block_current(w, f);
    assert(!sim_event_pending(&f->timeout_ev) && f->waitq == NULL);
    assert(w->now_ns <= deadline_ns);
    if (remaining_ns)
        *remaining_ns = f->wait_result == SIM_WAIT_WOKEN ? deadline_ns - w->now_ns : 0;
    return f->wait_result;
}

enum sim_wait_result sim_fiber_block_until(struct sim_world *w, uint64_t deadline_ns,
                                           uint64_t *remaining_ns)
{
    struct sim_fiber *f = running(w);
    if (deadline_ns <= w->now_ns) {
        sim_fiber_yield(w);
        if (remaining_ns)
            *remaining_ns = 0;
        return SIM_WAIT_TIMEOUT;
    }
    return wait_until(w, f, deadline_ns, remaining_ns);
}

bool sim_fiber_wake(struct sim_world *w, sim_fiber_id id)
{
    struct sim_fiber *f = lookup(w, id);
    if (f == NULL || f->state != SIM_FIBER_BLOCKED)
        return false;
    make_runnable(w, f, SIM_WAIT_WOKEN);
    return true;
}

void sim_fiber_sleep_until(struct sim_world *w, uint64_t t_ns)
{
    struct sim_fiber *f = running(w);
    if (t_ns <= w->now_ns) {
        sim_fiber_yield(w);
        return;
    }
    while (w->now_ns < t_ns)
        wait_until(w, f, t_ns, NULL);
}

/* ---- wait queues ---- */

void sim_waitq_init(struct sim_waitq *wq)
{
    memset(wq, 0, sizeof(*wq));
}

void sim_waitq_wait(struct sim_world *w, struct sim_waitq *wq)
{
    struct sim_fiber *f = running(w);
    waitq_append(wq, f);
    block_current(w, f);
    assert(f->waitq == NULL);
}

enum sim_wait_result sim_waitq_wait_until(struct sim_world *w, struct sim_waitq *wq,
                                          uint64_t deadline_ns, uint64_t *remaining_ns)
{
    struct sim_fiber *f = running(w);
    if (deadline_ns <= w->now_ns)
        return sim_fiber_block_until(w, deadline_ns, remaining_ns);
    waitq_append(wq, f);
    return wait_until(w, f, deadline_ns, remaining_ns);
}

sim_fiber_id sim_waitq_wake_one(struct sim_world *w, struct sim_waitq *wq)
{
    struct sim_fiber *f = wq->head;
    if (f == NULL)
        return 0;
    assert(f->waitq == wq && f->state == SIM_FIBER_BLOCKED);
    make_runnable(w, f, SIM_WAIT_WOKEN);
    return f->id;
}

uint32_t sim_waitq_wake_all(struct sim_world *w, struct sim_waitq *wq)
{
    uint32_t n = 0;
    while (sim_waitq_wake_one(w, wq) != 0)
        n++;
    return n;
}
