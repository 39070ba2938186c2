/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cf_test.h - feeding hand-written trace records through checkers in the CMocka tests.
 *
 * A test file defines `checkers` (NULL-terminated) before including this header, then writes
 * JUDGE(rule, record, record, ...) with records {source, kind, body} or {source, kind, body,
 * at_ns}; at_ns 0 means "1 ns after the previous record".
 */
#ifndef CF_TEST_H
#define CF_TEST_H

#include <stddef.h>
#include <stdint.h>

#include "cf/checker.h"
#include "sim/trace.h"

struct rec {
    const char *source, *kind, *body;
    uint64_t at_ns; /* 0: the previous record's time + 1 */
};

/* Records are written {source, kind, body} where the time does not matter. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* Runs the records through the checkers and returns the verdict of rule. */
static inline enum cf_result cf_test_judge(const struct cf_checker *const *list,
                                           const struct rec *recs, size_t n, const char *rule)
{
    uint64_t now = 1;
    struct trc_trace *t = trc_new(&now, NULL, false);
    trc_header(t, 1, "test", "b");
    struct cf_run *run = cf_run_new(list);
    cf_run_attach(run, t);
    for (size_t i = 0; i < n; i++) {
        now = recs[i].at_ns ? recs[i].at_ns : now + 1;
        trc_text(t, recs[i].source, recs[i].kind, recs[i].body);
    }
    cf_run_finish(run);
    const struct cf_verdict *v = cf_run_find(run, rule);
    enum cf_result r = v ? v->result : CF_NA;
    cf_run_free(run);
    trc_free(t);
    return r;
}

#define JUDGE(rule, ...)                                                                           \
    cf_test_judge(checkers, (const struct rec[]){__VA_ARGS__},                                     \
                  sizeof((const struct rec[]){__VA_ARGS__}) / sizeof(struct rec), rule)

#endif
