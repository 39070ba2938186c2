/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * env.h - what the hypervisor model and the host models need from the engine: virtual time,
 * scheduling of caller-owned sim_events, the trace, the run seed (for named PRNG streams), and
 * a finding counter.
 *
 * Why an indirection instead of calling sim_core directly: the models are unit-tested on a
 * bare sim_queue (hyp_env_queue_*), and the real run binds the same table to the sim_core
 * world (hyp_env_world_*, host.c). All findings go through hyp_findingf(), which writes a
 * trace record of kind "finding" with the rule id; nothing is ever dropped silently.
 */
#ifndef HYP_ENV_H
#define HYP_ENV_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/prng.h"
#include "sim/queue.h"

struct hyp_env_ops {
    uint64_t (*now_ns)(void *ctx);
    /* Schedule ev (not pending) at when_ns >= now; ev->fn(NULL or world, ev) runs then. */
    void (*at)(void *ctx, struct sim_event *ev, uint64_t when_ns);
    /* Cancel a pending ev; returns true if it was pending. */
    bool (*cancel)(void *ctx, struct sim_event *ev);
    /* Emit one trace record; returns its sequence number. */
    uint64_t (*trace)(void *ctx, const char *source, const char *kind, const char *body);
};

struct hyp_env {
    const struct hyp_env_ops *ops;
    void *ctx;
    uint64_t seed;         /* run seed: components derive named PRNG streams from it */
    uint32_t nr_findings;  /* incremented by hyp_findingf() */
    uint64_t last_finding_seq;
    const char *last_finding_rule;
};

static inline uint64_t hyp_now(const struct hyp_env *e)
{
    return e->ops->now_ns(e->ctx);
}

static inline void hyp_at(struct hyp_env *e, struct sim_event *ev, uint64_t when_ns)
{
    e->ops->at(e->ctx, ev, when_ns);
}

static inline bool hyp_cancel(struct hyp_env *e, struct sim_event *ev)
{
    return e->ops->cancel(e->ctx, ev);
}

/* printf-style trace record; body truncated at HYP_TRACE_BODY_MAX bytes. Returns seq. */
#define HYP_TRACE_BODY_MAX 512u
uint64_t hyp_tracef(struct hyp_env *e, const char *source, const char *kind, const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));
/* A guest-misbehaviour finding: trace kind "finding", body "rule=<rule_id> <detail>". */
uint64_t hyp_findingf(struct hyp_env *e, const char *source, const char *rule_id,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Derive the named PRNG stream of this run. */
void hyp_prng(const struct hyp_env *e, struct sim_prng *out, const char *stream);

/* ---- a bare-queue environment for unit tests (and tools): no fibers ---- */
struct hyp_env_queue {
    struct hyp_env env;
    struct sim_queue q;
    uint64_t now_ns;
    uint64_t next_trace_seq;
    uint64_t events_run;
    void (*sink)(void *sink_ctx, uint64_t seq, uint64_t t_ns, const char *source,
                 const char *kind, const char *body); /* NULL: discard */
    void *sink_ctx;
};
void hyp_env_queue_init(struct hyp_env_queue *q, uint64_t seed);
void hyp_env_queue_fini(struct hyp_env_queue *q);
/* Run events until the queue is empty, time would pass until_ns, or max_events ran.
 * Returns the number of events run. */
uint64_t hyp_env_queue_run(struct hyp_env_queue *q, uint64_t until_ns, uint64_t max_events);

#endif /* HYP_ENV_H */
