/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_runner.c - the fork pool contains every way a run can end: pass, fail, skip, crash
 * by signal, abort, exit without a result, and a hang stopped by the watchdog; results keep
 * job order under parallelism; evidence carries the tail of the trace; reports escape text.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "run/runner.h"

enum behaviour { B_PASS, B_FAIL, B_SKIP, B_SEGV, B_ABORT, B_EXIT, B_HANG };

static int fake_run(const struct run_job *job, struct run_result *res, const char *trace_path,
                    void *ctx)
{
    (void)ctx;
    enum behaviour b = (enum behaviour)(uintptr_t)job->user;
    FILE *t = fopen(trace_path, "w");
    if (t) {
        for (int i = 0; i < 30; i++)
            fprintf(t, "t=%d seq=%d test line%d\n", i, i, i);
        fprintf(t, "last line of %s\n", job->scenario);
        fclose(t);
    }
    snprintf(res->trace_hash, sizeof(res->trace_hash), "%016llx",
             (unsigned long long)job->seed * 0x9e3779b97f4a7c15ull);
    switch (b) {
    case B_PASS:
        snprintf(res->rules, sizeof(res->rules), "VMB-VER-001=pass VMB-VER-002=na");
        res->verdict = RUN_PASS;
        res->virtual_ns = 1000;
        return 0;
    case B_FAIL:
        snprintf(res->rules, sizeof(res->rules), "VMB-VER-001=fail VMB-SYN-001=pass");
        res->verdict = RUN_FAIL;
        snprintf(res->reason, sizeof(res->reason), "finding VMB-VER-001 <\"&'>");
        return 1;
    case B_SKIP:
        res->verdict = RUN_SKIP;
        snprintf(res->reason, sizeof(res->reason), "fcopy absent on this kernel");
        return 0;
    case B_SEGV:
        fprintf(stderr, "about to crash\n");
        signal(SIGSEGV, SIG_DFL); /* CMocka catches signals in tests; a real run does not */
        raise(SIGSEGV);
        return 0;
    case B_ABORT:
        signal(SIGABRT, SIG_DFL);
        abort();
    case B_EXIT:
        _exit(7);
    case B_HANG:
        for (;;)
            pause();
    }
    return 0;
}

#define JOB(id, b) {.scenario = id, .kernel = "k", .seed = 1, .user = (void *)(uintptr_t)(b)}

static void test_all_outcomes(void **state)
{
    (void)state;
    struct run_job jobs[] = {JOB("pass", B_PASS), JOB("fail", B_FAIL),   JOB("skip", B_SKIP),
                             JOB("segv", B_SEGV), JOB("abort", B_ABORT), JOB("exit", B_EXIT),
                             JOB("hang", B_HANG), JOB("pass2", B_PASS)};
    size_t n = sizeof(jobs) / sizeof(jobs[0]);
    for (size_t i = 0; i < n; i++) {
        jobs[i].index = (uint32_t)i;
        jobs[i].seed = i + 1;
    }
    struct run_result *res = calloc(n, sizeof(*res));
    struct run_options opt = {.jobs = 3, .wall_limit_ns = 300000000ull};
    int fails = run_all(jobs, n, fake_run, NULL, &opt, res);
    assert_int_equal(fails, 5);
    assert_int_equal(res[0].verdict, RUN_PASS);
    assert_int_equal(res[0].virtual_ns, 1000);
    assert_string_equal(res[0].trace_hash, "9e3779b97f4a7c15");
    assert_int_equal(res[7].verdict, RUN_PASS);
    assert_int_equal(res[1].verdict, RUN_FAIL);
    assert_non_null(strstr(res[1].reason, "VMB-VER-001"));
    assert_non_null(strstr(res[1].evidence, "last line of fail"));
    assert_int_equal(res[2].verdict, RUN_SKIP);
    assert_int_equal(res[3].verdict, RUN_FAIL);
    assert_non_null(strstr(res[3].reason, "signal 11"));
    assert_non_null(strstr(res[3].evidence, "about to crash"));
    assert_non_null(strstr(res[3].evidence, "last line of segv"));
    assert_non_null(strstr(res[4].reason, "signal 6"));
    assert_non_null(strstr(res[5].reason, "status 7"));
    assert_non_null(strstr(res[6].reason, "watchdog"));
    assert_true(res[6].wall_ns >= 300000000ull);
    free(res);
}

static void test_reports(void **state)
{
    (void)state;
    struct run_job jobs[] = {JOB("a", B_PASS), JOB("b", B_FAIL), JOB("c", B_SKIP)};
    for (size_t i = 0; i < 3; i++)
        jobs[i].index = (uint32_t)i;
    struct run_result res[3];
    struct run_options opt = {.jobs = 2};
    assert_int_equal(run_all(jobs, 3, fake_run, NULL, &opt, res), 1);

    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    assert_int_equal(run_write_tap(m, jobs, res, 3), 0);
    fclose(m);
    assert_non_null(strstr(buf, "1..3\nok 1 - a [k seed=1]\nnot ok 2 - b [k seed=1]\n"));
    assert_non_null(strstr(buf, "ok 3 - c [k seed=1] # SKIP fcopy absent"));
    free(buf);

    char path[] = "/tmp/hvsim-test-junit-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(run_write_junit(path, "suite<1>", jobs, res, 3), 0);
    FILE *f = fopen(path, "r");
    char xml[65536];
    size_t n = fread(xml, 1, sizeof(xml) - 1, f);
    xml[n] = '\0';
    fclose(f);
    assert_non_null(strstr(xml, "name=\"suite&lt;1&gt;\" tests=\"3\" failures=\"1\""));
    assert_non_null(strstr(xml, "message=\"finding VMB-VER-001 &lt;&quot;&amp;&apos;&gt;\""));
    assert_non_null(strstr(xml, "<skipped message=\"fcopy absent on this kernel\"/>"));
    assert_int_equal(run_write_json(path, jobs, res, 3), 0);
    f = fopen(path, "r");
    n = fread(xml, 1, sizeof(xml) - 1, f);
    xml[n] = '\0';
    fclose(f);
    assert_non_null(strstr(xml, "\"reason\": \"finding VMB-VER-001 <\\\"&'>\""));
    assert_non_null(strstr(xml, "\"summary\": {\"runs\": 3, \"pass\": 1, \"fail\": 1, \"skip\": 1}"));
    assert_int_equal(run_write_markdown(path, jobs, res, 3), 0);
    f = fopen(path, "r");
    n = fread(xml, 1, sizeof(xml) - 1, f);
    xml[n] = '\0';
    fclose(f);
    /* one kernel column "k": VMB-VER-001 failed in 1 of 2 runs; rows sorted; na not counted */
    assert_non_null(strstr(xml, "| runs | pass | fail | skip |\n|---|---|---|---|\n| 3 | 1 | 1 | 1 |"));
    assert_non_null(strstr(xml, "| VMB-SYN-001 | pass (1) |\n| VMB-VER-001 | **FAIL** (1/2) |\n"
                                "| VMB-VER-002 | - |\n"));
    assert_non_null(strstr(xml, "### b [k seed=1]"));
    unlink(path);
}

static void test_shard(void **state)
{
    (void)state;
    unsigned seen[10] = {0};
    for (uint32_t k = 1; k <= 3; k++)
        for (uint32_t i = 0; i < 10; i++)
            seen[i] += (unsigned)run_in_shard(i, k, 3);
    for (int i = 0; i < 10; i++)
        assert_int_equal(seen[i], 1);
    assert_true(run_in_shard(5, 1, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_outcomes),
        cmocka_unit_test(test_reports),
        cmocka_unit_test(test_shard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
