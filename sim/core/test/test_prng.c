/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_prng.c - known answers and stream independence.
 *
 * Expected values and where they come from:
 *   splitmix64, seed 0: 0xe220a8397b1dcdaf 0x6e789e6aa1b965f4 0x06c45d188009454f - the
 *     published first outputs of Vigna's splitmix64.c (also java.util.SplittableRandom).
 *   splitmix64, seed 1234567: 6457827717110365317 3203168211198807973 9817491932198370423
 *     4593380528125082431 16408922859458223821 - Rosetta Code task
 *     "Pseudo-random numbers/Splitmix64".
 *   xoshiro256**, state {1, 2, 3, 4}: the ten outputs in the reference test of the Rust
 *     crate rand_xoshiro (generated with the reference C code xoshiro256starstar.c); the
 *     first two are also derivable by hand: rotl(2 * 5, 7) * 9 = 11520, then s[1] = 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "sim/prng.h"

static void test_splitmix64_known(void **state)
{
    (void)state;
    uint64_t s = 0;
    assert_int_equal(sim_splitmix64(&s), 0xe220a8397b1dcdafull);
    assert_int_equal(sim_splitmix64(&s), 0x6e789e6aa1b965f4ull);
    assert_int_equal(sim_splitmix64(&s), 0x06c45d188009454full);
    const uint64_t want[] = { 6457827717110365317ull, 3203168211198807973ull,
                              9817491932198370423ull, 4593380528125082431ull,
                              16408922859458223821ull };
    s = 1234567;
    for (int i = 0; i < 5; i++)
        assert_int_equal(sim_splitmix64(&s), want[i]);
}

static void test_xoshiro_known(void **state)
{
    (void)state;
    const uint64_t init[4] = { 1, 2, 3, 4 };
    const uint64_t want[] = { 11520ull, 0ull, 1509978240ull, 1215971899390074240ull,
                              1216172134540287360ull, 607988272756665600ull,
                              16172922978634559625ull, 8476171486693032832ull,
                              10595114339597558777ull, 2904607092377533576ull };
    struct sim_prng p;
    sim_prng_set_state(&p, init);
    for (int i = 0; i < 10; i++)
        assert_int_equal(sim_prng_u64(&p), want[i]);
}

static void test_seed_uses_splitmix(void **state)
{
    (void)state;
    struct sim_prng p;
    sim_prng_seed(&p, 1234567);
    assert_int_equal(p.s[0], 6457827717110365317ull);
    assert_int_equal(p.s[3], 4593380528125082431ull);
}

static void test_stream_independence(void **state)
{
    (void)state;
    uint64_t alone[64], with_b[64];
    struct sim_prng a, b;
    sim_prng_stream(&a, 42, "a");
    for (int i = 0; i < 64; i++)
        alone[i] = sim_prng_u64(&a);
    sim_prng_stream(&b, 42, "b");
    sim_prng_stream(&a, 42, "a");
    for (int i = 0; i < 64; i++) {
        with_b[i] = sim_prng_u64(&a);
        (void)sim_prng_u64(&b); /* interleaved draws from another stream */
        (void)sim_prng_u64(&b);
    }
    assert_memory_equal(alone, with_b, sizeof(alone));
    /* different names and different seeds give different streams */
    sim_prng_stream(&a, 42, "a");
    sim_prng_stream(&b, 42, "b");
    assert_int_not_equal(sim_prng_u64(&a), sim_prng_u64(&b));
    sim_prng_stream(&b, 43, "a");
    sim_prng_stream(&a, 42, "a");
    assert_int_not_equal(sim_prng_u64(&a), sim_prng_u64(&b));
}

static void test_bounded(void **state)
{
    (void)state;
    struct sim_prng p;
    sim_prng_stream(&p, 1, "bounded");
    uint32_t hist[6] = { 0 };
    for (int i = 0; i < 60000; i++) {
        uint64_t v = sim_prng_below(&p, 6);
        assert_true(v < 6);
        hist[v]++;
    }
    for (int i = 0; i < 6; i++)
        assert_true(hist[i] > 9000 && hist[i] < 11000);
    assert_int_equal(sim_prng_below(&p, 1), 0);
    for (int i = 0; i < 1000; i++) {
        uint64_t v = sim_prng_range(&p, 10, 12);
        assert_true(v >= 10 && v <= 12);
        uint64_t big = sim_prng_below(&p, (1ull << 63) + 1);
        assert_true(big <= (1ull << 63));
        double d = sim_prng_double(&p);
        assert_true(d >= 0.0 && d < 1.0);
    }
    assert_int_equal(sim_prng_range(&p, 5, 5), 5);
}

static void test_ln(void **state)
{
    (void)state;
    assert_true(sim_ln(1.0) == 0.0);
    double l2 = sim_ln(2.0) - 0.6931471805599453;
    double l10 = sim_ln(10.0) - 2.302585092994046;
    double lsmall = sim_ln(1e-300) - (-690.7755278982137);
    double lsub = sim_ln(4.9406564584124654e-324) - (-744.4400719213812);
    assert_true(l2 < 1e-15 && l2 > -1e-15);
    assert_true(l10 < 1e-14 && l10 > -1e-14);
    assert_true(lsmall < 1e-12 && lsmall > -1e-12);
    assert_true(lsub < 1e-12 && lsub > -1e-12);
}

static void test_distributions(void **state)
{
    (void)state;
    struct sim_prng p;
    sim_prng_stream(&p, 5, "dist");
    struct sim_dist fixed = sim_dist_fixed(1500);
    struct sim_dist uni = sim_dist_uniform(100, 200);
    struct sim_dist ex = sim_dist_exp(1000);
    assert_int_equal(sim_dist_draw_ns(&fixed, &p), 1500);
    uint64_t sum = 0;
    for (int i = 0; i < 100000; i++) {
        uint64_t u = sim_dist_draw_ns(&uni, &p);
        assert_true(u >= 100 && u <= 200);
        uint64_t e = sim_dist_draw_ns(&ex, &p);
        assert_true(e <= 64000);
        sum += e;
    }
    double mean = (double)sum / 100000.0;
    assert_true(mean > 980.0 && mean < 1020.0);
    /* reproducible: same stream, same draws */
    struct sim_prng p1, p2;
    sim_prng_stream(&p1, 5, "dist");
    sim_prng_stream(&p2, 5, "dist");
    for (int i = 0; i < 100; i++)
        assert_int_equal(sim_dist_draw_ns(&ex, &p1), sim_dist_draw_ns(&ex, &p2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_splitmix64_known), cmocka_unit_test(test_xoshiro_known),
        cmocka_unit_test(test_seed_uses_splitmix), cmocka_unit_test(test_stream_independence),
        cmocka_unit_test(test_bounded), cmocka_unit_test(test_ln),
        cmocka_unit_test(test_distributions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
