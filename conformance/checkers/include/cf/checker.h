/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * checker.h - passive checkers over the trace, and the per-run rule verdict table.
 *
 * A checker is a state machine fed every trace record of a run (as a trc listener); it
 * never acts on the world. It judges rules: cf_pass() when a rule's situation occurred and
 * the guest behaved, cf_fail() when it did not (with the offending record's time and seq).
 * A rule never judged in a run is "not exercised". A FAIL is sticky: later passes of the
 * same rule do not hide it. Host-side findings (trace records of kind "finding" with a
 * "rule" field, written by the models) fail their rule automatically.
 *
 * Ownership: cf_run holds the checkers' states; create one per run, free it after the
 * verdicts have been read.
 */
#ifndef CF_CHECKER_H
#define CF_CHECKER_H

#include <stddef.h>
#include <stdint.h>

#include "sim/trace.h"

enum cf_result { CF_NA = 0, CF_PASS = 1, CF_FAIL = 2 };

#define CF_MAX_RULES 512
#define CF_DETAIL_MAX 200

struct cf_verdict {
    char rule[24];
    enum cf_result result;
    uint32_t passes; /* times the rule was judged compliant */
    uint32_t fails;
    uint64_t fail_time_ns; /* first failure */
    uint64_t fail_seq;
    char detail[CF_DETAIL_MAX]; /* first failure */
};

struct cf_run;

struct cf_checker {
    const char *name;
    size_t state_size; /* zeroed before init */
    void (*init)(void *state, struct cf_run *run);
    void (*on_record)(void *state, struct cf_run *run, const struct trc_record *rec);
    /* end of run: judge what can only be judged at the end (e.g. "never happened") */
    void (*finish)(void *state, struct cf_run *run);
};

/* Create a run over the given checkers (NULL-terminated array, borrowed); attach it to a
 * trace with cf_run_attach(). */
struct cf_run *cf_run_new(const struct cf_checker *const *checkers);
int cf_run_attach(struct cf_run *run, struct trc_trace *trace);
/* End of run: calls every checker's finish(). */
void cf_run_finish(struct cf_run *run);
void cf_run_free(struct cf_run *run);

/* Judgements, for checkers. rule is an id like "VMB-VER-001". */
void cf_pass(struct cf_run *run, const char *rule);
void cf_fail(struct cf_run *run, const char *rule, const struct trc_record *rec,
             const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Verdicts in first-judged order. */
size_t cf_run_verdicts(const struct cf_run *run, const struct cf_verdict **out);
const struct cf_verdict *cf_run_find(const struct cf_run *run, const char *rule);
/* "pass" / "fail" / "na" */
const char *cf_result_name(enum cf_result r);

/*
 * Field access over both record shapes: structured fields, or a text body of
 * "key=value key=value ..." tokens (values end at a space; a body token without '=' ends
 * the key=value part, the rest is free text). cf_get copies the value (NUL-terminated,
 * truncated to len) and returns 1 if the key exists. cf_u64 accepts decimal and 0x hex.
 */
int cf_get(const struct trc_record *rec, const char *key, char *out, size_t len);
uint64_t cf_u64(const struct trc_record *rec, const char *key, uint64_t dflt);
/* 1 if the value of key equals want. */
int cf_eq(const struct trc_record *rec, const char *key, const char *want);
int cf_is(const struct trc_record *rec, const char *source, const char *kind);

#endif
