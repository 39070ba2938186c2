/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * prng.c - splitmix64, xoshiro256**, named streams and latency distributions.
 *
 * Owns no global state: every generator is a caller-owned struct sim_prng. Everything here
 * must be bit-reproducible across compilers and libcs, hence the private sim_ln().
 */
#include "sim/prng.h"

#include <assert.h>
#include <string.h>

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t sim_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void sim_prng_set_state(struct sim_prng *s, const uint64_t state[4])
{
    assert(state[0] | state[1] | state[2] | state[3]);
    memcpy(s->s, state, sizeof(s->s));
}

void sim_prng_seed(struct sim_prng *s, uint64_t seed)
{
    uint64_t sm = seed;
    uint64_t st[4];
    for (int i = 0; i < 4; i++)
        st[i] = sim_splitmix64(&sm);
    sim_prng_set_state(s, st);
}

uint64_t sim_fnv1a64_str(const char *str)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)str; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ull;
    }
    return h;
}

void sim_prng_stream(struct sim_prng *s, uint64_t seed, const char *name)
{
    assert(name != NULL && name[0] != '\0');
    uint64_t mix = seed ^ rotl(sim_fnv1a64_str(name), 17);
    sim_prng_seed(s, sim_splitmix64(&mix));
}

uint64_t sim_prng_u64(struct sim_prng *s)
{
    uint64_t *st = s->s;
    const uint64_t result = rotl(st[1] * 5, 7) * 9;
    const uint64_t t = st[1] << 17;
    st[2] ^= st[0];
    st[3] ^= st[1];
    st[1] ^= st[2];
    st[0] ^= st[3];
    st[2] ^= t;
    st[3] = rotl(st[3], 45);
    return result;
}

uint64_t sim_prng_below(struct sim_prng *s, uint64_t bound)
{
    assert(bound >= 1);
    /* Lemire, "Fast Random Integer Generation in an Interval" (2019). */
    unsigned __int128 m = (unsigned __int128)sim_prng_u64(s) * bound;
    uint64_t low = (uint64_t)m;
    if (low < bound) {
        uint64_t threshold = -bound % bound;
        while (low < threshold) {
            m = (unsigned __int128)sim_prng_u64(s) * bound;
            low = (uint64_t)m;
        }
    }
    return (uint64_t)(m >> 64);
}

uint64_t sim_prng_range(struct sim_prng *s, uint64_t lo, uint64_t hi)
{
    assert(lo <= hi);
    if (lo == 0 && hi == UINT64_MAX)
        return sim_prng_u64(s);
    return lo + sim_prng_below(s, hi - lo + 1);
}

double sim_prng_double(struct sim_prng *s)
{
    return (double)(sim_prng_u64(s) >> 11) * 0x1.0p-53;
}

double sim_ln(double x)
{
    assert(x > 0.0);
    uint64_t bits;
    memcpy(&bits, &x, sizeof(bits));
    int exp2 = (int)((bits >> 52) & 0x7ff);
    assert(exp2 != 0x7ff);
    if (exp2 == 0) { /* subnormal: scale into the normal range */
        x *= 0x1.0p54;
        memcpy(&bits, &x, sizeof(bits));
        exp2 = (int)((bits >> 52) & 0x7ff) - 54;
    }
    int e = exp2 - 1023;
    bits = (bits & 0x000fffffffffffffull) | 0x3ff0000000000000ull; /* m in [1, 2) */
    double m;
    memcpy(&m, &bits, sizeof(m));
    if (m > 1.4142135623730951) { /* keep m in [sqrt(1/2), sqrt(2)) */
        m *= 0.5;
        e++;
    }
    /* ln(m) = 2 atanh(t), t = (m-1)/(m+1), |t| < 0.172: the series converges fast. */
    double t = (m - 1.0) / (m + 1.0);
    double t2 = t * t;
    double sum = 0.0;
    for (int k = 27; k >= 1; k -= 2)
        sum = sum * t2 + 1.0 / (double)k;
    return 2.0 * t * sum + (double)e * 0.6931471805599453;
}

static uint64_t draw_exp_ns(uint64_t mean_ns, uint64_t cap_ns, struct sim_prng *s)
{
    if (cap_ns == 0)
        cap_ns = mean_ns > UINT64_MAX / 64 ? UINT64_MAX : mean_ns * 64;
    double u = 1.0 - sim_prng_double(s); /* (0, 1] */
    double v = -sim_ln(u) * (double)mean_ns;
    if (!(v < (double)cap_ns))
        return cap_ns;
    return (uint64_t)v;
}

uint64_t sim_dist_draw_ns(const struct sim_dist *d, struct sim_prng *s)
{
    switch (d->kind) {
    case SIM_DIST_FIXED:
        return d->a_ns;
    case SIM_DIST_UNIFORM:
        return sim_prng_range(s, d->a_ns, d->b_ns);
    case SIM_DIST_EXP:
        return draw_exp_ns(d->a_ns, d->b_ns, s);
    }
    assert(!"unknown distribution kind");
    return 0;
}
