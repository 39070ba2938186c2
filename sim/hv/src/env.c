// SPDX-License-Identifier: GPL-2.0-only
/*
 * env.c - trace/finding formatting over a hyp_env, and the bare-queue environment used by unit
 * tests. Owns nothing global. The queue environment dispatches in (time_ns, seq) order and
 * never moves time backwards (asserted).
 */
#include "hyp/env.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>

uint64_t hyp_tracef(struct hyp_env *e, const char *source, const char *kind, const char *fmt,
                    ...)
{
    char body[HYP_TRACE_BODY_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof(body), fmt, ap);
    va_end(ap);
    return e->ops->trace(e->ctx, source, kind, body);
}

uint64_t hyp_findingf(struct hyp_env *e, const char *source, const char *rule_id,
                      const char *fmt, ...)
{
    char detail[HYP_TRACE_BODY_MAX - 64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof(detail), fmt, ap);
    va_end(ap);
    e->nr_findings++;
    e->last_finding_rule = rule_id;
    e->last_finding_seq = hyp_tracef(e, source, "finding", "rule=%s %s", rule_id, detail);
    return e->last_finding_seq;
}

void hyp_prng(const struct hyp_env *e, struct sim_prng *out, const char *stream)
{
    sim_prng_stream(out, e->seed, stream);
}

static uint64_t q_now(void *ctx)
{
    return ((struct hyp_env_queue *)ctx)->now_ns;
}

static void q_at(void *ctx, struct sim_event *ev, uint64_t when_ns)
{
    struct hyp_env_queue *q = ctx;
    assert(when_ns >= q->now_ns);
    sim_queue_push(&q->q, ev, when_ns);
}

static bool q_cancel(void *ctx, struct sim_event *ev)
{
    return sim_queue_cancel(&((struct hyp_env_queue *)ctx)->q, ev);
}

static uint64_t q_trace(void *ctx, const char *source, const char *kind, const char *body)
{
    struct hyp_env_queue *q = ctx;
    uint64_t seq = ++q->next_trace_seq;
    if (q->sink)
        q->sink(q->sink_ctx, seq, q->now_ns, source, kind, body);
    return seq;
}

static const struct hyp_env_ops queue_ops = {
    .now_ns = q_now,
    .at = q_at,
    .cancel = q_cancel,
    .trace = q_trace,
};

void hyp_env_queue_init(struct hyp_env_queue *q, uint64_t seed)
{
    *q = (struct hyp_env_queue){ 0 };
    q->env.ops = &queue_ops;
    q->env.ctx = q;
    q->env.seed = seed;
    sim_queue_init(&q->q, 0);
}

void hyp_env_queue_fini(struct hyp_env_queue *q)
{
    sim_queue_fini(&q->q);
}

uint64_t hyp_env_queue_run(struct hyp_env_queue *q, uint64_t until_ns, uint64_t max_events)
{
    uint64_t n = 0;
    while (n < max_events) {
        struct sim_event *ev = sim_queue_peek(&q->q);
        if (!ev || ev->time_ns > until_ns)
            break;
        ev = sim_queue_pop(&q->q);
        assert(ev->time_ns >= q->now_ns);
        q->now_ns = ev->time_ns;
        assert(ev->fn);
        ev->fn(NULL, ev);
        n++;
    }
    q->events_run += n;
    return n;
}
