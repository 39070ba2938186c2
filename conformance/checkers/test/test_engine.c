/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_engine.c - the checker engine: verdicts pass / fail / not exercised, sticky FAIL with
 * the first failure's time and seq, host findings failing their rule, and field access on
 * both structured and text records.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cf/checker.h"

/* A toy checker: every "ping" must be followed by a "pong" with the same id before the
 * next ping (rule TST-PNG-001); a "pong" without a ping breaks TST-PNG-002. */
struct ping_state {
    int outstanding;
    uint64_t id;
};

static void ping_on_record(void *st, struct cf_run *run, const struct trc_record *rec)
{
    struct ping_state *s = st;
    if (cf_is(rec, "t", "ping")) {
        if (s->outstanding)
            cf_fail(run, "TST-PNG-001", rec, "ping %llu before pong of %llu",
                    (unsigned long long)cf_u64(rec, "id", 0), (unsigned long long)s->id);
        s->outstanding = 1;
        s->id = cf_u64(rec, "id", 0);
    } else if (cf_is(rec, "t", "pong")) {
        if (!s->outstanding) {
            cf_fail(run, "TST-PNG-002", rec, "unsolicited pong");
            return;
        }
        if (cf_u64(rec, "id", ~0ull) == s->id)
            cf_pass(run, "TST-PNG-001");
        else
            cf_fail(run, "TST-PNG-001", rec, "pong id mismatch");
        s->outstanding = 0;
    }
}

static void ping_finish(void *st, struct cf_run *run)
{
    struct ping_state *s = st;
    if (s->outstanding)
        cf_fail(run, "TST-PNG-001", NULL, "ping %llu never answered", (unsigned long long)s->id);
}

static const struct cf_checker ping_checker = {
    .name = "ping",
    .state_size = sizeof(struct ping_state),
    .on_record = ping_on_record,
    .finish = ping_finish,
};
static const struct cf_checker *const checkers[] = {&ping_checker, NULL};

static void emit(struct trc_trace *t, const char *kind, uint64_t id)
{
    trc_begin(t, "t", kind);
    trc_u64(t, "id", id);
    trc_end(t);
}

static void test_verdicts(void **state)
{
    (void)state;
    uint64_t now = 0;
    struct trc_trace *t = trc_new(&now, NULL, false);
    trc_header(t, 1, "test", "b");
    struct cf_run *run = cf_run_new(checkers);
    assert_int_equal(cf_run_attach(run, t), 0);
    now = 10;
    emit(t, "ping", 1);
    now = 20;
    emit(t, "pong", 1);
    now = 30;
    emit(t, "ping", 2);
    now = 40;
    emit(t, "pong", 3); /* mismatch: first failure, seq 4 */
    now = 50;
    emit(t, "ping", 4);
    now = 60;
    emit(t, "pong", 4); /* a later pass must not hide the failure */
    cf_run_finish(run);
    const struct cf_verdict *v = cf_run_find(run, "TST-PNG-001");
    assert_non_null(v);
    assert_int_equal(v->result, CF_FAIL);
    assert_int_equal(v->passes, 2);
    assert_int_equal(v->fails, 1);
    assert_int_equal(v->fail_time_ns, 40);
    assert_int_equal(v->fail_seq, 4);
    assert_string_equal(v->detail, "pong id mismatch");
    assert_null(cf_run_find(run, "TST-PNG-002")); /* not exercised */
    cf_run_free(run);
    trc_free(t);
}

static void test_pass_and_finish(void **state)
{
    (void)state;
    uint64_t now = 0;
    struct trc_trace *t = trc_new(&now, NULL, false);
    trc_header(t, 1, "test", "b");
    struct cf_run *run = cf_run_new(checkers);
    cf_run_attach(run, t);
    emit(t, "ping", 7);
    emit(t, "pong", 7);
    emit(t, "ping", 8);
    cf_run_finish(run); /* ping 8 never answered */
    const struct cf_verdict *v = cf_run_find(run, "TST-PNG-001");
    assert_int_equal(v->result, CF_FAIL);
    assert_string_equal(v->detail, "ping 8 never answered");
    cf_run_free(run);

    run = cf_run_new(checkers);
    struct trc_trace *t2 = trc_new(&now, NULL, false);
    trc_header(t2, 1, "test", "b");
    cf_run_attach(run, t2);
    emit(t2, "ping", 1);
    emit(t2, "pong", 1);
    cf_run_finish(run);
    assert_int_equal(cf_run_find(run, "TST-PNG-001")->result, CF_PASS);
    const struct cf_verdict *all;
    assert_int_equal(cf_run_verdicts(run, &all), 1);
    cf_run_free(run);
    trc_free(t);
    trc_free(t2);
}

static void test_findings_and_text(void **state)
{
    (void)state;
    uint64_t now = 5;
    struct trc_trace *t = trc_new(&now, NULL, false);
    trc_header(t, 1, "test", "b");
    struct cf_run *run = cf_run_new(checkers);
    cf_run_attach(run, t);
    trc_text(t, "vmbus.host", "finding", "rule=VMB-GPADL-003 pfn 0x999999 outside guest RAM");
    trc_text(t, "t", "ping", "id=0x10 note=x");
    trc_text(t, "t", "pong", "id=16");
    cf_run_finish(run);
    const struct cf_verdict *v = cf_run_find(run, "VMB-GPADL-003");
    assert_non_null(v);
    assert_int_equal(v->result, CF_FAIL);
    assert_int_equal(v->fail_seq, 1);
    assert_non_null(strstr(v->detail, "outside guest RAM"));
    assert_int_equal(cf_run_find(run, "TST-PNG-001")->result, CF_PASS); /* 0x10 == 16 */
    cf_run_free(run);
    trc_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verdicts),
        cmocka_unit_test(test_pass_and_finish),
        cmocka_unit_test(test_findings_and_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
