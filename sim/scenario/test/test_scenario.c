/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_scenario.c - the strict scenario loader: a valid file loads into the right values,
 * and every class of bad input is refused with the exact file:line:col and a message
 * that names the problem.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scn/scenario.h"

static struct scn_scenario *load_ok(const char *name)
{
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", SCN_TEST_DATA, name);
    struct scn_scenario *s = malloc(sizeof(*s));
    assert_non_null(s);
    struct scn_error err;
    char buf[1024];
    if (scn_load(path, s, &err))
        fail_msg("%s", scn_error_format(&err, buf, sizeof(buf)));
    return s;
}

static void test_valid(void **state)
{
    (void)state;
    struct scn_scenario *s = load_ok("valid.yaml");
    assert_string_equal(s->id, "vmbus.neg.accept-5-2");
    assert_int_equal(s->nr_rules, 2);
    assert_string_equal(s->rules[1], "VMB-VER-002");
    assert_int_equal(s->tier, 1);
    assert_int_equal(s->seed, 42);
    assert_int_equal(s->limit_time_ns, 10000000000ull);
    assert_int_equal(s->limit_events, 1000000);
    assert_int_equal(s->nr_versions, 1);
    assert_int_equal(s->versions[0], 0x50002);
    assert_int_equal(s->nr_devices, 3);
    assert_string_equal(s->devices[0].type, "keyboard");
    assert_string_equal(s->devices[0].name, "keyboard");
    assert_string_equal(s->devices[1].name, "hb0");
    assert_int_equal(s->devices[1].nr_args, 2);
    assert_string_equal(s->devices[1].args[0].key, "period");
    assert_string_equal(s->devices[1].args[0].value, "1s");
    assert_string_equal(s->devices[1].args[1].value, "3.0");
    assert_int_equal(s->devices[0].nr_args, 0);
    assert_string_equal(s->devices[2].type, "kvp");
    assert_int_equal(s->latency_message.kind, SCN_DIST_UNIFORM);
    assert_int_equal(s->latency_message.a_ns, 10000);
    assert_int_equal(s->latency_message.b_ns, 50000);
    assert_int_equal(s->latency_signal.kind, SCN_DIST_FIXED);
    assert_int_equal(s->latency_signal.a_ns, 1500);
    assert_int_equal(s->latency_interrupt.kind, SCN_DIST_EXP);
    assert_int_equal(s->latency_interrupt.a_ns, 2000);
    assert_string_equal(s->kernel, "linux-6.12");
    assert_int_equal(s->vcpus, 2);
    assert_int_equal(s->nr_steps, 2);
    assert_true(s->steps[0].has_at);
    assert_int_equal(s->steps[0].at_ns, 100000000);
    assert_string_equal(s->steps[0].args[0].key, "scancode");
    assert_string_equal(s->steps[0].args[0].value, "0x1e");
    assert_false(s->steps[1].has_at);
    assert_string_equal(s->steps[1].on, "channel.opened");
    assert_int_equal(s->nr_faults, 1);
    assert_string_equal(s->faults[0].target, "OPENCHANNEL_RESULT");
    assert_int_equal(s->expect_verdict, SCN_VERDICT_PASS);
    assert_int_equal(s->nr_deadlines, 1);
    assert_int_equal(s->deadlines[0].within_ns, 2000000000ull);
    assert_false(s->adversarial);
    scn_free(s);
    free(s);
}

struct bad_case {
    const char *file;
    unsigned line, col;
    const char *needle;
};

static const struct bad_case bad_cases[] = {
    {"bad_unknown_key.yaml", 3, 1, "unknown key 'titel'"},
    {"bad_type.yaml", 4, 10, "guest.vcpus must be a scalar"},
    {"bad_duration.yaml", 4, 9, "bad duration '10 ms'"},
    {"bad_duration_unit.yaml", 3, 16, "bad duration '10min'"},
    {"bad_missing_id.yaml", 2, 1, "missing required key 'id'"},
    {"bad_anchor.yaml", 3, 7, "anchors"},
    {"bad_alias.yaml", 5, 12, "aliases"},
    {"bad_nesting.yaml", 5, 27, "nesting deeper than 16"},
    {"bad_duplicate.yaml", 4, 1, "duplicate key 'tier'"},
    {"bad_syntax.yaml", 4, 1, "YAML syntax"},
    {"bad_version.yaml", 4, 21, "unknown VMBus version '4.2'"},
    {"bad_rule.yaml", 3, 22, "'vmb-ver-2' is not a rule id"},
    {"bad_step.yaml", 4, 5, "exactly one of 'at' or 'on'"},
    {"bad_verdict.yaml", 3, 19, "pass, fail or skip"},
    {"bad_two_docs.yaml", 3, 1, "only one YAML document"},
    {"bad_device_with.yaml", 5, 40, "device with must be a scalar"},
};

static void test_bad_inputs(void **state)
{
    (void)state;
    struct scn_scenario *s = malloc(sizeof(*s));
    assert_non_null(s);
    for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
        const struct bad_case *bc = &bad_cases[i];
        char path[1024], buf[1024];
        snprintf(path, sizeof(path), "%s/%s", SCN_TEST_DATA, bc->file);
        struct scn_error err;
        int rc = scn_load(path, s, &err);
        if (rc == 0)
            fail_msg("%s: loaded, expected an error", bc->file);
        scn_error_format(&err, buf, sizeof(buf));
        if (err.line != bc->line || err.col != bc->col || !strstr(err.msg, bc->needle))
            fail_msg("%s: expected %u:%u '%s', got: %s", bc->file, bc->line, bc->col,
                     bc->needle, buf);
        assert_non_null(strstr(buf, bc->file));
    }
    free(s);
}

static void test_missing_file(void **state)
{
    (void)state;
    struct scn_scenario *s = malloc(sizeof(*s));
    struct scn_error err;
    assert_int_equal(scn_load("/nonexistent/x.yaml", s, &err), -1);
    assert_int_equal(err.line, 0);
    assert_non_null(strstr(err.msg, "cannot open"));
    free(s);
}

static void test_durations(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int ok;
        uint64_t ns;
    } cases[] = {
        {"0", 1, 0},           {"15ns", 1, 15},         {"250us", 1, 250000},
        {"10ms", 1, 10000000}, {"1.5s", 1, 1500000000}, {"0.001us", 1, 1},
        {"1.0005us", 0, 0},    {"10", 0, 0},            {"ms", 0, 0},
        {"-1ms", 0, 0},        {"1.ms", 0, 0},          {"99999999999999999999s", 0, 0},
        {"18446744074s", 0, 0}, {"1 s", 0, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint64_t ns = 12345;
        int rc = scn_parse_duration(cases[i].text, &ns);
        if ((rc == 0) != cases[i].ok)
            fail_msg("duration '%s': rc %d", cases[i].text, rc);
        if (cases[i].ok)
            assert_int_equal(ns, cases[i].ns);
    }
}

static void test_versions(void **state)
{
    (void)state;
    uint32_t v;
    assert_int_equal(scn_parse_version("0.13", &v), 0);
    assert_int_equal(v, 13);
    assert_int_equal(scn_parse_version("2.4", &v), 0);
    assert_int_equal(v, 0x20004);
    assert_int_equal(scn_parse_version("5.3", &v), 0);
    assert_int_equal(v, 0x50003);
    assert_int_equal(scn_parse_version("5.4", &v), -1);
    assert_int_equal(scn_parse_version("05.3", &v), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),     cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_missing_file), cmocka_unit_test(test_durations),
        cmocka_unit_test(test_versions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
