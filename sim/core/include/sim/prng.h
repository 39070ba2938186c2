/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * prng.h - seeded pseudo-random streams: xoshiro256** state, seeded through splitmix64.
 *
 * Owns: every random number of a run. Nobody else reads OS entropy (DESIGN.md).
 *
 * Streams: sim_prng_stream(&s, seed, "component.name") derives a stream's state only from
 * the run seed and the FNV-1a 64 hash of its name, so streams never share state: adding,
 * removing or drawing from one stream does not perturb any other. Components must use their
 * own named stream (the scheduler uses "sched").
 *
 * Invariants: the state is never all zero (asserted). Results are bit-identical on every
 * platform: only integer arithmetic and IEEE double operations without libm are used.
 *
 * Algorithms (public domain reference code by Vigna and Blackman, prng.di.unimi.it):
 *   splitmix64 (Steele, Lea, Flood) - seeding; xoshiro256** 1.0 - generation.
 */
#ifndef SIM_PRNG_H
#define SIM_PRNG_H

#include <stdint.h>

struct sim_prng {
    uint64_t s[4];
};

/* One splitmix64 step: advances *state and returns the next output. */
uint64_t sim_splitmix64(uint64_t *state);

/* Seed s from a 64-bit seed: the four state words are four splitmix64 outputs from seed. */
void sim_prng_seed(struct sim_prng *s, uint64_t seed);
/* Set the raw xoshiro256** state (for known-answer tests); not all zero. */
void sim_prng_set_state(struct sim_prng *s, const uint64_t state[4]);
/*
 * Derive the named stream `name` (non-NULL, NUL-terminated) of run seed `seed`:
 * sim_prng_seed(s, seed ^ rotl(fnv1a64(name), 17) mixed by splitmix64). Deterministic and
 * independent of any other stream.
 */
void sim_prng_stream(struct sim_prng *s, uint64_t seed, const char *name);

/* FNV-1a 64 of a NUL-terminated string (also used for stream names). */
uint64_t sim_fnv1a64_str(const char *str);

/* Next 64 uniformly distributed bits (xoshiro256**). */
uint64_t sim_prng_u64(struct sim_prng *s);
/* Uniform integer in [0, bound), unbiased (Lemire's multiply-and-reject). bound >= 1. */
uint64_t sim_prng_below(struct sim_prng *s, uint64_t bound);
/* Uniform integer in [lo, hi] inclusive, unbiased. lo <= hi. */
uint64_t sim_prng_range(struct sim_prng *s, uint64_t lo, uint64_t hi);
/* Uniform double in [0, 1) with 53 random bits. */
double sim_prng_double(struct sim_prng *s);

/* A latency distribution, in virtual nanoseconds. */
enum sim_dist_kind {
    SIM_DIST_FIXED = 0,   /* always a_ns */
    SIM_DIST_UNIFORM = 1, /* uniform integer in [a_ns, b_ns] */
    SIM_DIST_EXP = 2,     /* exponential with mean a_ns, truncated at b_ns (0 = 64 * mean) */
};

struct sim_dist {
    enum sim_dist_kind kind;
    uint64_t a_ns;
    uint64_t b_ns;
};

static inline struct sim_dist sim_dist_fixed(uint64_t ns)
{
    return (struct sim_dist){ .kind = SIM_DIST_FIXED, .a_ns = ns, .b_ns = ns };
}

static inline struct sim_dist sim_dist_uniform(uint64_t min_ns, uint64_t max_ns)
{
    return (struct sim_dist){ .kind = SIM_DIST_UNIFORM, .a_ns = min_ns, .b_ns = max_ns };
}

static inline struct sim_dist sim_dist_exp(uint64_t mean_ns)
{
    return (struct sim_dist){ .kind = SIM_DIST_EXP, .a_ns = mean_ns, .b_ns = 0 };
}

/* Draw one latency in ns from d using stream s. FIXED draws nothing from s. */
uint64_t sim_dist_draw_ns(const struct sim_dist *d, struct sim_prng *s);

/* Natural logarithm for x > 0 computed with basic IEEE operations only (platform-exact);
 * exported for tests. Relative error below 1e-15. */
double sim_ln(double x);

#endif /* SIM_PRNG_H */
