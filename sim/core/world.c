/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * world.c - the world object, the main loop, limits and outcomes, events and timers.
 *
 * Owns the virtual clock: w->now_ns changes only in dispatch_next(), to the popped event's
 * time, which is asserted to be >= the current time (monotonic). Owns the timer pool: slots
 * live in fixed-size chunks that never move (events are intrusive, the heap points at them).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "sim/trace.h"

#define TIMER_CHUNK 256u

struct sim_timer {
    struct sim_event ev;
    sim_timer_fn fn;
    void *arg;
    uint32_t gen;       /* bumped whenever the slot is released */
    uint32_t free_next; /* index + 1 of the next free slot */
};

static const char *const outcome_names[SIM_OUTCOME_COUNT_] = {
    [SIM_OUTCOME_IDLE] = "idle",
    [SIM_OUTCOME_DEADLOCK] = "deadlock",
    [SIM_OUTCOME_STOPPED] = "stopped",
    [SIM_OUTCOME_LIMIT_EVENTS] = "limit.events",
    [SIM_OUTCOME_LIMIT_TIME] = "limit.time",
    [SIM_OUTCOME_LIMIT_FIBERS] = "limit.fibers",
    [SIM_OUTCOME_LIMIT_SWITCHES] = "limit.switches",
};

const char *sim_outcome_name(enum sim_outcome o)
{
    assert((unsigned)o < SIM_OUTCOME_COUNT_);
    return outcome_names[o];
}

struct sim_config sim_config_default(void)
{
    return (struct sim_config){
        .seed = 0,
        .policy = SIM_SCHED_FIFO,
        .stack_bytes = 0,
        .limits = { .max_events = 1000000000ull,
                    .max_time_ns = 3600ull * 1000000000ull,
                    .max_fibers = 4096,
                    .max_switches = 1000000000ull },
    };
}

struct sim_world *sim_world_new(const struct sim_config *cfg)
{
    assert(cfg != NULL);
    assert(cfg->policy == SIM_SCHED_FIFO || cfg->policy == SIM_SCHED_RANDOM);
    struct sim_world *w = calloc(1, sizeof(*w));
    assert(w != NULL);
    w->seed = cfg->seed;
    w->policy = cfg->policy;
    w->limits = cfg->limits;
    w->stack_bytes = cfg->stack_bytes ? cfg->stack_bytes : SIM_STACK_DEFAULT_BYTES;
    sim_queue_init(&w->queue, 0);
    sim_prng_stream(&w->sched_prng, cfg->seed, "sched");
    sim_ctx_init_main(&w->main_ctx);
    w->nr_ids = 1;
    w->trace = trc_new(&w->now_ns, cfg->trace_file, cfg->trace_memory);
    trc_header(w->trace, cfg->seed, cfg->scenario_id, cfg->build_id);
    return w;
}

void sim_world_free(struct sim_world *w)
{
    if (w == NULL)
        return;
    assert(!w->running);
    sim_sched_fini(w);
    sim_queue_fini(&w->queue);
    for (uint32_t i = 0; i < w->nr_timer_chunks; i++)
        free(w->timer_chunks[i]);
    free(w->timer_chunks);
    trc_free(w->trace);
    free(w);
}

void sim_world_request(struct sim_world *w, enum sim_outcome o)
{
    if (!w->has_pending) {
        w->has_pending = true;
        w->pending = o;
    }
}

void sim_world_stop(struct sim_world *w)
{
    sim_world_request(w, SIM_OUTCOME_STOPPED);
}

uint64_t sim_now_ns(const struct sim_world *w)
{
    return w->now_ns;
}

uint64_t sim_world_seed(const struct sim_world *w)
{
    return w->seed;
}

uint64_t sim_world_events_dispatched(const struct sim_world *w)
{
    return w->events_dispatched;
}

uint64_t sim_world_switches(const struct sim_world *w)
{
    return w->switches;
}

struct trc_trace *sim_world_trace(struct sim_world *w)
{
    return w->trace;
}

void sim_world_prng_stream(const struct sim_world *w, struct sim_prng *s, const char *name)
{
    sim_prng_stream(s, w->seed, name);
}

void sim_world_set_limits(struct sim_world *w, const struct sim_limits *limits)
{
    assert(!w->running);
    w->limits = *limits;
}

uint64_t sim_event_schedule(struct sim_world *w, struct sim_event *ev, uint64_t time_ns)
{
    assert(ev->fn != NULL);
    assert(time_ns >= w->now_ns); /* the past cannot be scheduled */
    return sim_queue_push(&w->queue, ev, time_ns);
}

bool sim_event_cancel(struct sim_world *w, struct sim_event *ev)
{
    return sim_queue_cancel(&w->queue, ev);
}

/* Pop and run the next event unless a limit forbids it. Returns false with *out set when
 * the run must end. */
static bool dispatch_next(struct sim_world *w, enum sim_outcome *out)
{
    struct sim_event *next = sim_queue_peek(&w->queue);
    if (next == NULL) {
        *out = w->alive ? SIM_OUTCOME_DEADLOCK : SIM_OUTCOME_IDLE;
        return false;
    }
    if (w->limits.max_time_ns && next->time_ns > w->limits.max_time_ns) {
        *out = SIM_OUTCOME_LIMIT_TIME;
        return false;
    }
    if (w->limits.max_events && w->events_dispatched >= w->limits.max_events) {
        *out = SIM_OUTCOME_LIMIT_EVENTS;
        return false;
    }
    struct sim_event *ev = sim_queue_pop(&w->queue);
    assert(ev == next);
    assert(ev->time_ns >= w->now_ns); /* the clock is monotonic */
    w->now_ns = ev->time_ns;
    w->events_dispatched++;
    ev->fn(w, ev);
    return true;
}

void sim_world_run_aborted(struct sim_world *w)
{
    assert(w->running && w->current == NULL); /* only an event callback may jump out */
    w->running = false;
}

enum sim_outcome sim_world_run(struct sim_world *w)
{
    assert(!w->running && w->current == NULL);
    w->running = true;
    enum sim_outcome out;
    for (;;) {
        if (w->has_pending) {
            w->has_pending = false;
            out = w->pending;
            break;
        }
        if (w->runq.len) {
            if (w->limits.max_switches && w->switches >= w->limits.max_switches) {
                out = SIM_OUTCOME_LIMIT_SWITCHES;
                break;
            }
            sim_sched_run_one(w);
            continue;
        }
        if (!dispatch_next(w, &out))
            break;
    }
    w->running = false;
    return out;
}

/* ---- timers ---- */

static struct sim_timer *timer_slot(struct sim_world *w, uint32_t index)
{
    assert(index / TIMER_CHUNK < w->nr_timer_chunks);
    return &w->timer_chunks[index / TIMER_CHUNK][index % TIMER_CHUNK];
}

static void timer_grow(struct sim_world *w)
{
    uint32_t n = w->nr_timer_chunks;
    struct sim_timer **chunks = realloc(w->timer_chunks, (n + 1) * sizeof(*chunks));
    assert(chunks != NULL);
    w->timer_chunks = chunks;
    chunks[n] = calloc(TIMER_CHUNK, sizeof(struct sim_timer));
    assert(chunks[n] != NULL);
    w->nr_timer_chunks = n + 1;
    /* Push the new slots so that the lowest index is handed out first. */
    for (uint32_t i = TIMER_CHUNK; i-- > 0;) {
        struct sim_timer *t = &chunks[n][i];
        sim_event_init(&t->ev, NULL, NULL);
        t->gen = 1;
        t->free_next = w->timer_free;
        w->timer_free = n * TIMER_CHUNK + i + 1;
    }
}

static void timer_release(struct sim_world *w, uint32_t index)
{
    struct sim_timer *t = timer_slot(w, index);
    t->gen++;
    t->fn = NULL;
    t->free_next = w->timer_free;
    w->timer_free = index + 1;
}

static void timer_fire(struct sim_world *w, struct sim_event *ev)
{
    struct sim_timer *t = (struct sim_timer *)ev; /* ev is the first member */
    uint32_t index = (uint32_t)(uintptr_t)ev->arg;
    sim_timer_fn fn = t->fn;
    void *arg = t->arg;
    timer_release(w, index); /* before fn, so fn may arm a timer reusing the slot */
    fn(arg);
}

sim_timer_id sim_timer_arm(struct sim_world *w, uint64_t when_ns, sim_timer_fn fn, void *arg)
{
    assert(fn != NULL);
    if (w->timer_free == 0)
        timer_grow(w);
    uint32_t index = w->timer_free - 1;
    struct sim_timer *t = timer_slot(w, index);
    w->timer_free = t->free_next;
    t->fn = fn;
    t->arg = arg;
    sim_event_init(&t->ev, timer_fire, (void *)(uintptr_t)index);
    sim_event_schedule(w, &t->ev, when_ns);
    return ((uint64_t)t->gen << 32) | (uint64_t)(index + 1);
}

int sim_timer_cancel(struct sim_world *w, sim_timer_id id)
{
    uint32_t slot = (uint32_t)id;
    if (slot == 0 || (slot - 1) / TIMER_CHUNK >= w->nr_timer_chunks)
        return 0;
    struct sim_timer *t = timer_slot(w, slot - 1);
    if (t->gen != (uint32_t)(id >> 32) || !sim_event_pending(&t->ev))
        return 0;
    bool cancelled = sim_event_cancel(w, &t->ev);
    assert(cancelled);
    (void)cancelled;
    timer_release(w, slot - 1);
    return 1;
}
