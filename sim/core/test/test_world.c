/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_world.c - the main loop: monotonic clock, outcomes and limits (idle, stopped, events,
 * time, fibers, switches, deadlock), resuming after a limit, timers and their ids.
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

static struct sim_world *new_world(const struct sim_limits *limits)
{
    struct sim_config cfg = sim_config_default();
    cfg.stack_bytes = 64 * 1024;
    if (limits)
        cfg.limits = *limits;
    return sim_world_new(&cfg);
}

struct clockrec {
    uint64_t seen[64];
    int n;
};

static void record_now(struct sim_world *w, struct sim_event *ev)
{
    struct clockrec *c = ev->arg;
    c->seen[c->n++] = sim_now_ns(w);
}

static void test_clock_monotonic(void **state)
{
    (void)state;
    struct sim_world *w = new_world(NULL);
    struct clockrec c = { .n = 0 };
    struct sim_event ev[32];
    const uint64_t times[] = { 50, 10, 10, 0, 999, 20, 50, 7 };
    for (int i = 0; i < 8; i++) {
        sim_event_init(&ev[i], record_now, &c);
        sim_event_schedule(w, &ev[i], times[i]);
    }
    assert_int_equal(sim_now_ns(w), 0);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_int_equal(c.n, 8);
    for (int i = 1; i < c.n; i++)
        assert_true(c.seen[i] >= c.seen[i - 1]);
    assert_int_equal(sim_now_ns(w), 999);
    assert_int_equal(sim_world_events_dispatched(w), 8);
    sim_world_free(w);
}

static void test_schedule_in_past_asserts(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(2);
        struct sim_world *w = new_world(NULL);
        struct clockrec c = { .n = 0 };
        struct sim_event a, b;
        sim_event_init(&a, record_now, &c);
        sim_event_init(&b, record_now, &c);
        sim_event_schedule(w, &a, 100);
        sim_world_run(w);
        sim_event_schedule(w, &b, 99);
        _exit(0);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
}

static void forever_event(struct sim_world *w, struct sim_event *ev)
{
    sim_event_schedule(w, ev, sim_now_ns(w) + 10);
}

static void test_limit_events_and_resume(void **state)
{
    (void)state;
    struct sim_limits lim = { .max_events = 100 };
    struct sim_world *w = new_world(&lim);
    struct sim_event ev;
    sim_event_init(&ev, forever_event, NULL);
    sim_event_schedule(w, &ev, 0);
    enum sim_outcome o = sim_world_run(w);
    assert_int_equal(o, SIM_OUTCOME_LIMIT_EVENTS);
    assert_string_equal(sim_outcome_name(o), "limit.events");
    assert_int_equal(sim_world_events_dispatched(w), 100);
    assert_int_equal(sim_now_ns(w), 990);
    lim.max_events = 150; /* raise the limit and continue */
    sim_world_set_limits(w, &lim);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_LIMIT_EVENTS);
    assert_int_equal(sim_world_events_dispatched(w), 150);
    sim_world_free(w);
}

static void test_limit_time(void **state)
{
    (void)state;
    struct sim_limits lim = { .max_time_ns = 1000 };
    struct sim_world *w = new_world(&lim);
    struct sim_event ev;
    sim_event_init(&ev, forever_event, NULL);
    sim_event_schedule(w, &ev, 5);
    enum sim_outcome o = sim_world_run(w);
    assert_int_equal(o, SIM_OUTCOME_LIMIT_TIME);
    assert_string_equal(sim_outcome_name(o), "limit.time");
    assert_int_equal(sim_now_ns(w), 995); /* never beyond the limit */
    sim_world_free(w);
}

struct spawn {
    struct sim_world *w;
    int created;
};

static void parked(void *arg)
{
    struct spawn *s = arg;
    sim_fiber_block(s->w);
}

static void spawn_event(struct sim_world *w, struct sim_event *ev)
{
    struct spawn *s = ev->arg;
    for (int i = 0; i < 100; i++) {
        if (sim_fiber_create(w, "parked", parked, s, 0) == 0)
            return;
        s->created++;
    }
}

static void test_limit_fibers(void **state)
{
    (void)state;
    struct sim_limits lim = { .max_fibers = 10 };
    struct sim_world *w = new_world(&lim);
    struct spawn s = { .w = w };
    struct sim_event ev;
    sim_event_init(&ev, spawn_event, &s);
    sim_event_schedule(w, &ev, 1);
    enum sim_outcome o = sim_world_run(w);
    assert_int_equal(o, SIM_OUTCOME_LIMIT_FIBERS);
    assert_string_equal(sim_outcome_name(o), "limit.fibers");
    assert_int_equal(s.created, 10);
    assert_int_equal(sim_fibers_alive(w), 10);
    sim_world_free(w); /* frees blocked and never-run fibers */
}

static void test_deadlock(void **state)
{
    (void)state;
    struct sim_world *w = new_world(NULL);
    struct spawn s = { .w = w };
    sim_fiber_create(w, "parked", parked, &s, 0);
    enum sim_outcome o = sim_world_run(w);
    assert_int_equal(o, SIM_OUTCOME_DEADLOCK);
    assert_string_equal(sim_outcome_name(o), "deadlock");
    sim_world_free(w);
}

static void spinner(void *arg)
{
    struct spawn *s = arg;
    for (;;)
        sim_fiber_yield(s->w);
}

static void test_limit_switches(void **state)
{
    (void)state;
    struct sim_limits lim = { .max_switches = 1000 };
    struct sim_world *w = new_world(&lim);
    struct spawn s = { .w = w };
    sim_fiber_create(w, "spin1", spinner, &s, 0);
    sim_fiber_create(w, "spin2", spinner, &s, 0);
    enum sim_outcome o = sim_world_run(w);
    assert_int_equal(o, SIM_OUTCOME_LIMIT_SWITCHES);
    assert_string_equal(sim_outcome_name(o), "limit.switches");
    assert_int_equal(sim_world_switches(w), 1000);
    assert_int_equal(sim_now_ns(w), 0);
    sim_world_free(w);
}

static void stop_event(struct sim_world *w, struct sim_event *ev)
{
    (void)ev;
    sim_world_stop(w);
}

static void test_stop_and_idle(void **state)
{
    (void)state;
    struct sim_world *w = new_world(NULL);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_string_equal(sim_outcome_name(SIM_OUTCOME_IDLE), "idle");
    struct sim_event stop, later;
    struct clockrec c = { .n = 0 };
    sim_event_init(&stop, stop_event, NULL);
    sim_event_init(&later, record_now, &c);
    sim_event_schedule(w, &stop, 10);
    sim_event_schedule(w, &later, 20);
    enum sim_outcome o = sim_world_run(w);
    assert_int_equal(o, SIM_OUTCOME_STOPPED);
    assert_string_equal(sim_outcome_name(o), "stopped");
    assert_int_equal(c.n, 0);
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE); /* resumable */
    assert_int_equal(c.n, 1);
    sim_world_free(w);
}

struct timers {
    char order[16];
    int n;
};

static struct timers g_timers;

static void timer_log(void *arg)
{
    g_timers.order[g_timers.n++] = *(const char *)arg;
}

static void test_timers(void **state)
{
    (void)state;
    struct sim_world *w = new_world(NULL);
    memset(&g_timers, 0, sizeof(g_timers));
    static const char tags[] = "abcd";
    sim_timer_id a = sim_timer_arm(w, 30, timer_log, (void *)&tags[0]);
    sim_timer_id b = sim_timer_arm(w, 10, timer_log, (void *)&tags[1]);
    sim_timer_id c = sim_timer_arm(w, 10, timer_log, (void *)&tags[2]);
    sim_timer_id d = sim_timer_arm(w, 20, timer_log, (void *)&tags[3]);
    assert_true(a && b && c && d);
    assert_true(a != b && b != c && c != d);
    assert_int_equal(sim_timer_cancel(w, d), 1);
    assert_int_equal(sim_timer_cancel(w, d), 0); /* twice */
    assert_int_equal(sim_timer_cancel(w, 0), 0);
    assert_int_equal(sim_timer_cancel(w, 0xdead00000001ull), 0); /* wrong generation */
    assert_int_equal(sim_world_run(w), SIM_OUTCOME_IDLE);
    assert_string_equal(g_timers.order, "bca");
    assert_int_equal(sim_timer_cancel(w, a), 0); /* already fired */
    sim_timer_id e = sim_timer_arm(w, 40, timer_log, (void *)&tags[0]);
    assert_true(e != a && e != b && e != c && e != d); /* slot reused, id is not */
    sim_world_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clock_monotonic),
        cmocka_unit_test(test_schedule_in_past_asserts),
        cmocka_unit_test(test_limit_events_and_resume),
        cmocka_unit_test(test_limit_time),
        cmocka_unit_test(test_limit_fibers),
        cmocka_unit_test(test_deadlock),
        cmocka_unit_test(test_limit_switches),
        cmocka_unit_test(test_stop_and_idle),
        cmocka_unit_test(test_timers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
