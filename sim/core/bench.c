/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench.c - core micro-benchmarks; see sim/bench.h. Uses CLOCK_MONOTONIC (allowed here only).
 * Each figure takes the best of a few repetitions to damp noise from other processes.
 */
#define _POSIX_C_SOURCE 200809L
#include "sim/bench.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <time.h>

#include "sim/ctx.h"
#include "sim/fiber.h"
#include "sim/prng.h"
#include "sim/trace.h"
#include "sim/wallclock.h"
#include "sim/world.h"

#define REPEAT 3

static uint64_t wall_ns(void)
{
    return sim_wall_now_ns();
}

/* ---- raw switch ---- */

struct pingpong {
    struct sim_ctx main;
    struct sim_ctx fib;
    uint64_t rounds;
};

static void pingpong_entry(void *arg)
{
    struct pingpong *p = arg;
    sim_ctx_started(&p->fib);
    for (;;)
        sim_ctx_switch(&p->fib, &p->main);
}

static double bench_switch_ns(void)
{
    struct sim_stack st;
    if (sim_stack_alloc(&st, 64 * 1024) != 0)
        return -1.0;
    struct pingpong p = { .rounds = 2000000 };
    sim_ctx_init_main(&p.main);
    sim_ctx_init(&p.fib, &st, pingpong_entry, &p);
    double best = 1e9;
    for (int r = 0; r < REPEAT; r++) {
        uint64_t t0 = wall_ns();
        for (uint64_t i = 0; i < p.rounds; i++)
            sim_ctx_switch(&p.main, &p.fib);
        double ns = (double)(wall_ns() - t0) / (double)(2 * p.rounds);
        best = ns < best ? ns : best;
    }
    sim_stack_free(&st); /* the fiber is parked forever; its stack simply goes away */
    return best;
}

/* ---- scheduler yield ---- */

struct yielder {
    struct sim_world *w;
    uint64_t n;
};

static void yield_fn(void *arg)
{
    struct yielder *y = arg;
    for (uint64_t i = 0; i < y->n; i++)
        sim_fiber_yield(y->w);
}

static double bench_yield_ns(void)
{
    struct sim_config cfg = sim_config_default();
    cfg.limits.max_switches = 0;
    double best = 1e9;
    for (int r = 0; r < REPEAT; r++) {
        struct sim_world *w = sim_world_new(&cfg);
        struct yielder y = { w, 1000000 };
        sim_fiber_create(w, "bench.yield", yield_fn, &y, 0);
        uint64_t t0 = wall_ns();
        enum sim_outcome o = sim_world_run(w);
        double ns = (double)(wall_ns() - t0) / (double)y.n;
        assert(o == SIM_OUTCOME_IDLE);
        (void)o;
        best = ns < best ? ns : best;
        sim_world_free(w);
    }
    return best;
}

/* ---- event queue ---- */

static void noop_event(struct sim_world *w, struct sim_event *ev)
{
    (void)w, (void)ev;
}

static double bench_queue_bulk(uint32_t n)
{
    struct sim_event *evs = malloc((size_t)n * sizeof(*evs));
    assert(evs != NULL);
    struct sim_config cfg = sim_config_default();
    cfg.limits = (struct sim_limits){ 0 };
    double best = 0;
    for (int r = 0; r < REPEAT; r++) {
        struct sim_world *w = sim_world_new(&cfg);
        struct sim_prng rng;
        sim_prng_stream(&rng, (uint64_t)r, "bench.queue");
        uint64_t t0 = wall_ns();
        for (uint32_t i = 0; i < n; i++) {
            sim_event_init(&evs[i], noop_event, NULL);
            sim_event_schedule(w, &evs[i], sim_prng_below(&rng, 1000000000ull));
        }
        enum sim_outcome o = sim_world_run(w);
        double rate = (double)n * 1e9 / (double)(wall_ns() - t0);
        assert(o == SIM_OUTCOME_IDLE && sim_world_events_dispatched(w) == n);
        (void)o;
        best = rate > best ? rate : best;
        sim_world_free(w);
    }
    free(evs);
    return best;
}

struct hold {
    struct sim_prng rng;
    uint64_t left;
};

static void hold_event(struct sim_world *w, struct sim_event *ev)
{
    struct hold *h = ev->arg;
    if (h->left == 0)
        return;
    h->left--;
    sim_event_schedule(w, ev, sim_now_ns(w) + 1 + sim_prng_below(&h->rng, 1000000));
}

static double bench_queue_hold(uint32_t pending, uint64_t n)
{
    struct sim_event *evs = malloc((size_t)pending * sizeof(*evs));
    assert(evs != NULL);
    struct sim_config cfg = sim_config_default();
    cfg.limits = (struct sim_limits){ 0 };
    double best = 0;
    for (int r = 0; r < REPEAT; r++) {
        struct sim_world *w = sim_world_new(&cfg);
        struct hold h = { .left = n };
        sim_prng_stream(&h.rng, (uint64_t)r, "bench.hold");
        for (uint32_t i = 0; i < pending; i++) {
            sim_event_init(&evs[i], hold_event, &h);
            sim_event_schedule(w, &evs[i], sim_prng_below(&h.rng, 1000000));
        }
        uint64_t t0 = wall_ns();
        sim_world_run(w);
        uint64_t done = sim_world_events_dispatched(w);
        double rate = (double)done * 1e9 / (double)(wall_ns() - t0);
        best = rate > best ? rate : best;
        sim_world_free(w);
    }
    free(evs);
    return best;
}

/* ---- trace ---- */

static double bench_trace(uint64_t n)
{
    double best = 0;
    for (int r = 0; r < REPEAT; r++) {
        uint64_t now = 0;
        struct trc_trace *t = trc_new(&now, NULL, false);
        trc_header(t, 1, "bench", "bench");
        uint64_t t0 = wall_ns();
        for (uint64_t i = 0; i < n; i++) {
            now += 100;
            trc_begin(t, "vmbus.host", "msg.rx");
            trc_str(t, "type", "OFFERCHANNEL");
            trc_u64(t, "relid", i & 63);
            trc_hex(t, "gpa", 0x1000 + (i << 12));
            trc_end(t);
        }
        double rate = (double)n * 1e9 / (double)(wall_ns() - t0);
        best = rate > best ? rate : best;
        trc_free(t);
    }
    return best;
}

int sim_bench_core(FILE *out)
{
    double sw = bench_switch_ns();
    if (sw < 0)
        return -1;
    fprintf(out, "fiber_switch_ns=%.1f\n", sw);
    fprintf(out, "fiber_yield_ns=%.1f\n", bench_yield_ns());
    /* queue_events_per_s: the classic "hold" model of event-set benchmarks - 1 M events
     * each dispatched and each scheduling one successor at a random later time, over a
     * steady pending set of 4096 (more than a boot of every device keeps pending).
     * The two other figures bracket it: a 64 Ki pending set, and a bulk load of 1 M
     * events all pending at once (bound by one cache miss per dispatched event). */
    fprintf(out, "queue_events_per_s=%.0f\n", bench_queue_hold(4096, 1000000));
    fprintf(out, "queue_hold64k_events_per_s=%.0f\n", bench_queue_hold(65536, 1000000));
    fprintf(out, "queue_bulk1m_events_per_s=%.0f\n", bench_queue_bulk(1000000));
    fprintf(out, "trace_records_per_s=%.0f\n", bench_trace(2000000));
    return 0;
}
