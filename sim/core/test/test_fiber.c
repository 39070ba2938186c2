/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_fiber.c - scheduler and blocking primitives: ids and accessors, FIFO and RANDOM
 * interleavings, block/wake, deadlines (wake before, at exactly, timeout, in the past),
 * wait queues, sleep, exit, stack reuse, and blocking from event context being refused.
 */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/fiber.h"
#include "sim/world.h"

static struct sim_world *new_world(enum sim_sched_policy policy, uint64_t seed)
{
    struct sim_config cfg = sim_config_default();
    cfg.policy = policy;
    cfg.seed = seed;
    cfg.stack_bytes = 64 * 1024;
    return sim_world_new(&cfg);
}

/* ---- a log shared by the fibers of one test ---- */
struct tlog {
    struct sim_world *w;
    char buf[1024];
    size_t len;
    sim_fiber_id target;
    struct sim_waitq wq;
    enum sim_wait_result res;
    uint64_t remaining_ns;
    uint64_t at_ns;
    bool wake_ret;
    struct sim_event *ev;
    uint64_t wake_at_ns;
};

static void log_id(struct tlog *l)
{
    assert_true(l->len + 1 < sizeof(l->buf));
    l->buf[l->len++] = (char)('a' + sim_fiber_current(l->w) - 1);
    l->buf[l->len] = '\0';
}

static void yielder(void *arg)
{
    struct tlog *l = arg;
    for (int i = 0; i < 8; i++) {
        log_id(l);
        sim_fiber_yield(l->w);
    }
}

static void test_ids_accessors_fifo(void **state)
{
    (void)state;
    struct sim_world *w = new_world(SIM_SCHED_FIFO, 1);
    struct tlog l = { .w = w };
    assert_int_equal(sim_fiber_current(w), 0);
    sim_fiber_id a = sim_fiber_create(w, "fiber.a", yielder, &l, 0);
    sim_fiber_id b = sim_fiber_create(w, "a.very.long.fiber.name.that.gets.truncated", yielder,
                                      &l, 3);
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
    assert_string_equal(sim_fiber_name(w, a), "fiber.a");
    assert_int_equal(strlen(sim_fiber_name(w, b)), SIM_FIBER_NAME_MAX - 1);
    assert_int_equal(sim_fiber_vcpu(w, b), 3);
    sim_fiber_set_priv(w, a, &l);
    assert_ptr_equal(sim_fiber_priv(w, a), &l);
    assert_int_equal(sim_fiber_state(w, a), SIM_FIBER_RUNNABLE);
    assert_int_equal(sim_fibers_alive(w), 2);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_string_equal(l.buf, "abababababababab");
    assert_int_equal(sim_fiber_state(w, a), SIM_FIBER_NONE);
    assert_int_equal(sim_fibers_alive(w), 0);
    assert_false(sim_fiber_wake(w, a)); /* exited: no effect */
    assert_false(sim_fiber_wake(w, 99));
    sim_world_free(w);
}

static void interleave(uint64_t seed, char *out, size_t n)
{
    struct sim_world *w = new_world(SIM_SCHED_RANDOM, seed);
    struct tlog l = { .w = w };
    for (int i = 0; i < 8; i++)
        sim_fiber_create(w, "yielder", yielder, &l, 0);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_int_equal(l.len, 64);
    assert_true(l.len < n);
    memcpy(out, l.buf, l.len + 1);
    sim_world_free(w);
}

static void test_random_policy_reproducible(void **state)
{
    (void)state;
    char a[128], b[128], c[128];
    interleave(1, a, sizeof(a));
    interleave(1, b, sizeof(b));
    assert_string_equal(a, b);
    int differ = 0;
    for (uint64_t seed = 2; seed < 6; seed++) {
        interleave(seed, c, sizeof(c));
        differ += strcmp(a, c) != 0;
    }
    assert_int_equal(differ, 4);
    assert_string_not_equal(a, "abcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefgh");
}

/* ---- block / wake ---- */

static void blocker(void *arg)
{
    struct tlog *l = arg;
    sim_fiber_block(l->w);
    l->at_ns = sim_now_ns(l->w);
}

static void wake_event(struct sim_world *w, struct sim_event *ev)
{
    struct tlog *l = ev->arg;
    assert_int_equal(sim_fiber_current(w), 0); /* event context */
    l->wake_ret = sim_fiber_wake(w, l->target);
}

static void test_block_wake_from_event(void **state)
{
    (void)state;
    struct sim_world *w = new_world(SIM_SCHED_FIFO, 1);
    struct tlog l = { .w = w };
    struct sim_event ev;
    sim_event_init(&ev, wake_event, &l);
    l.target = sim_fiber_create(w, "blocker", blocker, &l, 0);
    sim_event_schedule(w, &ev, 700);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_true(l.wake_ret);
    assert_int_equal(l.at_ns, 700);
    sim_world_free(w);
}

static void arm_fiber(void *arg)
{
    struct tlog *l = arg;
    assert_int_equal(sim_fiber_state(l->w, l->target), SIM_FIBER_BLOCKED);
    sim_event_schedule(l->w, l->ev, l->wake_at_ns);
}

static void deadline_waiter(void *arg)
{
    struct tlog *l = arg;
    l->remaining_ns = 12345;
    l->res = sim_fiber_block_until(l->w, 100, &l->remaining_ns);
    l->at_ns = sim_now_ns(l->w);
}

/* A waiter with deadline 100; a waking event at wake_ns, scheduled before or after the
 * waiter blocks (i.e. with a smaller or larger seq than the deadline event). */
static void run_deadline_case(uint64_t wake_ns, bool wake_first, struct tlog *l)
{
    struct sim_world *w = new_world(SIM_SCHED_FIFO, 1);
    memset(l, 0, sizeof(*l));
    l->w = w;
    struct sim_event ev;
    sim_event_init(&ev, wake_event, l);
    l->target = sim_fiber_create(w, "waiter", deadline_waiter, l, 0);
    l->ev = &ev;
    l->wake_at_ns = wake_ns;
    if (wake_first)
        sim_event_schedule(w, &ev, wake_ns);
    else /* FIFO: runs after the waiter has blocked, at time 0 */
        sim_fiber_create(w, "arm", arm_fiber, l, 0);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    sim_world_free(w);
}

static void test_deadline_semantics(void **state)
{
    (void)state;
    struct tlog l;
    run_deadline_case(40, false, &l); /* wake well before */
    assert_int_equal(l.res, SIM_WAIT_WOKEN);
    assert_int_equal(l.remaining_ns, 60);
    assert_int_equal(l.at_ns, 40);
    run_deadline_case(100, true, &l); /* wake exactly at the deadline, smaller seq */
    assert_int_equal(l.res, SIM_WAIT_WOKEN);
    assert_int_equal(l.remaining_ns, 0);
    assert_int_equal(l.at_ns, 100);
    assert_true(l.wake_ret);
    run_deadline_case(100, false, &l); /* same time, larger seq: the deadline wins */
    assert_int_equal(l.res, SIM_WAIT_TIMEOUT);
    assert_int_equal(l.remaining_ns, 0);
    assert_int_equal(l.at_ns, 100);
    assert_false(l.wake_ret); /* the wake found the fiber runnable */
    run_deadline_case(150, false, &l); /* no wake in time */
    assert_int_equal(l.res, SIM_WAIT_TIMEOUT);
    assert_int_equal(l.at_ns, 100);
}

static void past_waiter(void *arg)
{
    struct tlog *l = arg;
    l->remaining_ns = 7;
    l->res = sim_fiber_block_until(l->w, 0, &l->remaining_ns); /* deadline == now == 0 */
    log_id(l);
    assert_int_equal(l->res, SIM_WAIT_TIMEOUT);
    assert_int_equal(l->remaining_ns, 0);
    sim_fiber_sleep_until(l->w, 500);
    l->remaining_ns = 7;
    l->res = sim_fiber_block_until(l->w, 400, &l->remaining_ns); /* deadline < now */
    l->at_ns = sim_now_ns(l->w);
}

static void other_yielder(void *arg)
{
    struct tlog *l = arg;
    log_id(l);
}

static void test_deadline_in_past_yields_once(void **state)
{
    (void)state;
    struct sim_world *w = new_world(SIM_SCHED_FIFO, 1);
    struct tlog l = { .w = w };
    sim_fiber_create(w, "past", past_waiter, &l, 0);
    sim_fiber_create(w, "other", other_yielder, &l, 0);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_int_equal(l.res, SIM_WAIT_TIMEOUT);
    assert_int_equal(l.remaining_ns, 0);
    assert_int_equal(l.at_ns, 500);
    assert_string_equal(l.buf, "ba"); /* the yield let "other" run first */
    sim_world_free(w);
}

/* ---- wait queues ---- */

static void wq_waiter(void *arg)
{
    struct tlog *l = arg;
    sim_waitq_wait(l->w, &l->wq);
    log_id(l);
}

static void wq_timed_waiter(void *arg)
{
    struct tlog *l = arg;
    l->res = sim_waitq_wait_until(l->w, &l->wq, 50, &l->remaining_ns);
    l->at_ns = sim_now_ns(l->w);
}

static void wq_wake_one_event(struct sim_world *w, struct sim_event *ev)
{
    struct tlog *l = ev->arg;
    l->target = sim_waitq_wake_one(w, &l->wq);
}

static void wq_wake_all_event(struct sim_world *w, struct sim_event *ev)
{
    struct tlog *l = ev->arg;
    l->remaining_ns = sim_waitq_wake_all(w, &l->wq);
}

static void test_waitq_fifo(void **state)
{
    (void)state;
    struct sim_world *w = new_world(SIM_SCHED_FIFO, 1);
    struct tlog l = { .w = w };
    sim_waitq_init(&l.wq);
    for (int i = 0; i < 4; i++)
        sim_fiber_create(w, "waiter", wq_waiter, &l, 0);
    struct sim_event one, all;
    sim_event_init(&one, wq_wake_one_event, &l);
    sim_event_init(&all, wq_wake_all_event, &l);
    sim_event_schedule(w, &one, 10);
    sim_event_schedule(w, &all, 20);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_int_equal(l.target, 1); /* the longest waiter */
    assert_int_equal(l.remaining_ns, 3);
    assert_string_equal(l.buf, "abcd");
    assert_int_equal(l.wq.len, 0);
    sim_world_free(w);
}

static void test_waitq_timeout_leaves_queue(void **state)
{
    (void)state;
    struct sim_world *w = new_world(SIM_SCHED_FIFO, 1);
    struct tlog l = { .w = w };
    sim_waitq_init(&l.wq);
    sim_fiber_create(w, "timed", wq_timed_waiter, &l, 0);
    struct sim_event one;
    sim_event_init(&one, wq_wake_one_event, &l);
    sim_event_schedule(w, &one, 60);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_int_equal(l.res, SIM_WAIT_TIMEOUT);
    assert_int_equal(l.at_ns, 50);
    assert_int_equal(l.target, 0); /* nobody was left on the queue at 60 */
    assert_int_equal(l.wq.len, 0);
    sim_world_free(w);
}

/* ---- sleep, exit, reuse ---- */

static void sleeper(void *arg)
{
    struct tlog *l = arg;
    sim_fiber_sleep_until(l->w, 1000); /* a wake at 300 must not end the sleep */
    l->at_ns = sim_now_ns(l->w);
    sim_fiber_exit(l->w);
}

static void test_sleep_ignores_wakes(void **state)
{
    (void)state;
    struct sim_world *w = new_world(SIM_SCHED_FIFO, 1);
    struct tlog l = { .w = w };
    struct sim_event ev;
    sim_event_init(&ev, wake_event, &l);
    l.target = sim_fiber_create(w, "sleeper", sleeper, &l, 0);
    sim_event_schedule(w, &ev, 300);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_true(l.wake_ret);
    assert_int_equal(l.at_ns, 1000);
    sim_world_free(w);
}

static void spawner(void *arg)
{
    struct tlog *l = arg;
    for (int i = 0; i < 500; i++) {
        sim_fiber_id id = sim_fiber_create(l->w, "child", yielder, l, 0);
        assert_int_equal(id, (sim_fiber_id)(i + 2));
        sim_fiber_sleep_until(l->w, sim_now_ns(l->w) + 1); /* child runs and exits */
        l->len = 0;
    }
}

static void test_many_fibers_reuse_stacks(void **state)
{
    (void)state;
    struct sim_world *w = new_world(SIM_SCHED_FIFO, 1);
    struct tlog l = { .w = w };
    sim_fiber_create(w, "spawner", spawner, &l, 0);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_int_equal(sim_fibers_alive(w), 0);
    sim_world_free(w);
}

static void block_in_event(struct sim_world *w, struct sim_event *ev)
{
    (void)ev;
    sim_fiber_block(w); /* a simulator bug: must assert */
}

static void test_block_from_event_context_asserts(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(2);
        struct sim_world *w = new_world(SIM_SCHED_FIFO, 1);
        struct sim_event ev;
        sim_event_init(&ev, block_in_event, NULL);
        sim_event_schedule(w, &ev, 1);
        sim_world_run(w);
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ids_accessors_fifo),
        cmocka_unit_test(test_random_policy_reproducible),
        cmocka_unit_test(test_block_wake_from_event),
        cmocka_unit_test(test_deadline_semantics),
        cmocka_unit_test(test_deadline_in_past_yields_once),
        cmocka_unit_test(test_waitq_fifo),
        cmocka_unit_test(test_waitq_timeout_leaves_queue),
        cmocka_unit_test(test_sleep_ignores_wakes),
        cmocka_unit_test(test_many_fibers_reuse_stacks),
        cmocka_unit_test(test_block_from_event_context_asserts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
