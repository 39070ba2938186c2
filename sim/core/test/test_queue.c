/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_queue.c - event queue: total order (time_ns, seq), ties by insertion order, cancel
 * (head, last, middle, already fired, twice), lazy-cancel compaction, structural checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "sim/prng.h"
#include "sim/queue.h"

static void test_ties_by_seq(void **state)
{
    (void)state;
    struct sim_queue q;
    struct sim_event ev[100];
    sim_queue_init(&q, 4); /* small: forces growth */
    for (int i = 0; i < 100; i++) {
        sim_event_init(&ev[i], NULL, NULL);
        uint64_t seq = sim_queue_push(&q, &ev[i], 500);
        assert_int_equal(seq, (uint64_t)i + 1);
    }
    assert_true(sim_queue_check(&q));
    for (int i = 0; i < 100; i++)
        assert_ptr_equal(sim_queue_pop(&q), &ev[i]);
    assert_null(sim_queue_pop(&q));
    sim_queue_fini(&q);
}

static void test_random_order(void **state)
{
    (void)state;
    enum { N = 20000 };
    struct sim_queue q;
    struct sim_event *ev = calloc(N, sizeof(*ev));
    struct sim_prng rng;
    sim_prng_stream(&rng, 7, "test.queue");
    sim_queue_init(&q, 0);
    for (int i = 0; i < N; i++) {
        sim_event_init(&ev[i], NULL, NULL);
        sim_queue_push(&q, &ev[i], sim_prng_below(&rng, 1000)); /* many ties */
    }
    assert_true(sim_queue_check(&q));
    assert_int_equal(sim_queue_len(&q), N);
    uint64_t t = 0, s = 0;
    for (int i = 0; i < N; i++) {
        struct sim_event *e = sim_queue_pop(&q);
        assert_non_null(e);
        assert_false(sim_event_pending(e));
        assert_true(e->time_ns > t || (e->time_ns == t && e->seq > s));
        t = e->time_ns;
        s = e->seq;
    }
    assert_int_equal(sim_queue_len(&q), 0);
    sim_queue_fini(&q);
    free(ev);
}

static void test_cancel(void **state)
{
    (void)state;
    struct sim_queue q;
    struct sim_event a, b, c, d;
    sim_queue_init(&q, 0);
    sim_event_init(&a, NULL, NULL);
    sim_event_init(&b, NULL, NULL);
    sim_event_init(&c, NULL, NULL);
    sim_event_init(&d, NULL, NULL);
    assert_false(sim_queue_cancel(&q, &a)); /* never scheduled */
    sim_queue_push(&q, &a, 10);
    sim_queue_push(&q, &b, 20);
    sim_queue_push(&q, &c, 30);
    sim_queue_push(&q, &d, 40);
    assert_true(sim_queue_cancel(&q, &a)); /* head */
    assert_false(sim_event_pending(&a));
    assert_true(sim_queue_check(&q));
    assert_true(sim_queue_cancel(&q, &d)); /* last */
    assert_false(sim_queue_cancel(&q, &d)); /* twice */
    assert_true(sim_queue_check(&q));
    assert_int_equal(sim_queue_len(&q), 2);
    assert_ptr_equal(sim_queue_peek(&q), &b);
    assert_ptr_equal(sim_queue_pop(&q), &b);
    assert_false(sim_queue_cancel(&q, &b)); /* already fired */
    sim_queue_push(&q, &d, 35);             /* a cancelled event may be reused */
    assert_true(sim_queue_cancel(&q, &c));  /* middle/head */
    assert_ptr_equal(sim_queue_pop(&q), &d);
    assert_int_equal(d.time_ns, 35);
    assert_null(sim_queue_pop(&q));
    sim_queue_fini(&q);
}

static void test_cancel_many_compacts(void **state)
{
    (void)state;
    enum { N = 5000 };
    struct sim_queue q;
    struct sim_event *ev = calloc(N, sizeof(*ev));
    sim_queue_init(&q, 0);
    for (int i = 0; i < N; i++) {
        sim_event_init(&ev[i], NULL, NULL);
        sim_queue_push(&q, &ev[i], (uint64_t)(N - i));
    }
    for (int i = 0; i < N; i++) {
        if (i % 5 != 0)
            assert_true(sim_queue_cancel(&q, &ev[i]));
    }
    assert_true(sim_queue_check(&q));
    assert_true(q.len < N); /* compaction dropped stale entries */
    assert_int_equal(sim_queue_len(&q), N / 5);
    for (int i = N - 5; i >= 0; i -= 5)
        assert_ptr_equal(sim_queue_pop(&q), &ev[i]);
    assert_null(sim_queue_pop(&q));
    sim_queue_fini(&q);
    free(ev);
}

static void test_interleaved_ops(void **state)
{
    (void)state;
    enum { N = 2000 };
    struct sim_queue q;
    struct sim_event *ev = calloc(N, sizeof(*ev));
    struct sim_prng rng;
    sim_prng_stream(&rng, 9, "test.queue.mix");
    sim_queue_init(&q, 0);
    for (int i = 0; i < N; i++)
        sim_event_init(&ev[i], NULL, NULL);
    uint64_t now = 0;
    for (int step = 0; step < 50000; step++) {
        struct sim_event *e = &ev[sim_prng_below(&rng, N)];
        uint64_t op = sim_prng_below(&rng, 3);
        if (op == 0 && !sim_event_pending(e)) {
            sim_queue_push(&q, e, now + sim_prng_below(&rng, 100));
        } else if (op == 1) {
            bool was = sim_event_pending(e);
            assert_int_equal(sim_queue_cancel(&q, e), was);
        } else {
            struct sim_event *p = sim_queue_pop(&q);
            if (p) {
                assert_true(p->time_ns >= now);
                now = p->time_ns;
            }
        }
        if (step % 5000 == 0)
            assert_true(sim_queue_check(&q));
    }
    assert_true(sim_queue_check(&q));
    sim_queue_fini(&q);
    for (int i = 0; i < N; i++)
        assert_false(sim_event_pending(&ev[i]));
    free(ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ties_by_seq),
        cmocka_unit_test(test_random_order),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_cancel_many_compacts),
        cmocka_unit_test(test_interleaved_ops),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
