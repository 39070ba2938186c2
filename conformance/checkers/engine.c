/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * engine.c - runs the checkers over a trace and keeps the rule verdict table.
 *
 * Invariants: verdicts are kept in first-judged order (deterministic: follows the trace);
 * FAIL is sticky; at most CF_MAX_RULES distinct rules per run (a checker bug otherwise:
 * asserted).
 */
#include "cf/checker.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cf_run {
    const struct cf_checker *const *checkers;
    size_t nr_checkers;
    void **states;
    struct cf_verdict verdicts[CF_MAX_RULES];
    size_t nr_verdicts;
    int finished;
};

const char *cf_result_name(enum cf_result r)
{
    return r == CF_PASS ? "pass" : r == CF_FAIL ? "fail" : "na";
}

static struct cf_verdict *verdict_get(struct cf_run *run, const char *rule)
{
    for (size_t i = 0; i < run->nr_verdicts; i++) {
        if (!strcmp(run->verdicts[i].rule, rule))
            return &run->verdicts[i];
    }
    assert(run->nr_verdicts < CF_MAX_RULES);
    assert(strlen(rule) < sizeof(run->verdicts[0].rule));
    struct cf_verdict *v = &run->verdicts[run->nr_verdicts++];
    memset(v, 0, sizeof(*v));
    snprintf(v->rule, sizeof(v->rule), "%s", rule);
    return v;
}

void cf_pass(struct cf_run *run, const char *rule)
{
    struct cf_verdict *v = verdict_get(run, rule);
    v->passes++;
    if (v->result == CF_NA)
        v->result = CF_PASS;
}

void cf_fail(struct cf_run *run, const char *rule, const struct trc_record *rec,
             const char *fmt, ...)
{
    struct cf_verdict *v = verdict_get(run, rule);
    if (v->fails++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(v->detail, sizeof(v->detail), fmt, ap);
        va_end(ap);
        v->fail_time_ns = rec ? rec->time_ns : 0;
        v->fail_seq = rec ? rec->seq : 0;
    }
    v->result = CF_FAIL;
}

static void on_record(void *ctx, const struct trc_record *rec)
{
    struct cf_run *run = ctx;
    if (!strcmp(rec->kind, "finding")) {
        char rule[24];
        if (cf_get(rec, "rule", rule, sizeof(rule)))
            cf_fail(run, rule, rec, "finding by %s: %s", rec->source,
                    rec->body ? rec->body : "(structured)");
    }
    for (size_t i = 0; i < run->nr_checkers; i++) {
        if (run->checkers[i]->on_record)
            run->checkers[i]->on_record(run->states[i], run, rec);
    }
}

struct cf_run *cf_run_new(const struct cf_checker *const *checkers)
{
    struct cf_run *run = calloc(1, sizeof(*run));
    assert(run);
    run->checkers = checkers;
    while (checkers[run->nr_checkers])
        run->nr_checkers++;
    run->states = calloc(run->nr_checkers ? run->nr_checkers : 1, sizeof(void *));
    assert(run->states);
    for (size_t i = 0; i < run->nr_checkers; i++) {
        run->states[i] = calloc(1, checkers[i]->state_size ? checkers[i]->state_size : 1);
        assert(run->states[i]);
        if (checkers[i]->init)
            checkers[i]->init(run->states[i], run);
    }
    return run;
}

int cf_run_attach(struct cf_run *run, struct trc_trace *trace)
{
    return trc_add_listener(trace, on_record, run);
}

void cf_run_finish(struct cf_run *run)
{
    assert(!run->finished);
    run->finished = 1;
    for (size_t i = 0; i < run->nr_checkers; i++) {
        if (run->checkers[i]->finish)
            run->checkers[i]->finish(run->states[i], run);
    }
}

void cf_run_free(struct cf_run *run)
{
    if (!run)
        return;
    for (size_t i = 0; i < run->nr_checkers; i++)
        free(run->states[i]);
    free(run->states);
    free(run);
}

size_t cf_run_verdicts(const struct cf_run *run, const struct cf_verdict **out)
{
    *out = run->verdicts;
    return run->nr_verdicts;
}

const struct cf_verdict *cf_run_find(const struct cf_run *run, const char *rule)
{
    for (size_t i = 0; i < run->nr_verdicts; i++) {
        if (!strcmp(run->verdicts[i].rule, rule))
            return &run->verdicts[i];
    }
    return NULL;
}

/* ---- record helpers ---- */

static const struct trc_field *field_of(const struct trc_record *rec, const char *key)
{
    for (uint32_t i = 0; i < rec->nr_fields; i++) {
        if (!strcmp(rec->fields[i].key, key))
            return &rec->fields[i];
    }
    return NULL;
}

static void copy_out(char *out, size_t len, const char *p, size_t n)
{
    if (!len)
        return;
    if (n >= len)
        n = len - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

static int body_get(const char *body, const char *key, char *out, size_t len)
{
    size_t klen = strlen(key);
    const char *p = body;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *tok = p;
        while (*p && *p != ' ')
            p++;
        const char *eq = memchr(tok, '=', (size_t)(p - tok));
        if (!eq)
            return 0; /* free text starts: no more key=value tokens */
        if ((size_t)(eq - tok) == klen && !memcmp(tok, key, klen)) {
            copy_out(out, len, eq + 1, (size_t)(p - eq - 1));
            return 1;
        }
    }
    return 0;
}

int cf_get(const struct trc_record *rec, const char *key, char *out, size_t len)
{
    if (rec->body)
        return body_get(rec->body, key, out, len);
    const struct trc_field *f = field_of(rec, key);
    if (!f)
        return 0;
    char tmp[32];
    switch (f->type) {
    case TRC_U64:
        snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)f->v.u64);
        break;
    case TRC_HEX:
        snprintf(tmp, sizeof(tmp), "0x%llx", (unsigned long long)f->v.u64);
        break;
    case TRC_I64:
        snprintf(tmp, sizeof(tmp), "%lld", (long long)f->v.i64);
        break;
    case TRC_STR:
        copy_out(out, len, f->v.buf.ptr, strlen(f->v.buf.ptr));
        return 1;
    case TRC_BYTES:
    default:
        copy_out(out, len, "", 0);
        return 1;
    }
    copy_out(out, len, tmp, strlen(tmp));
    return 1;
}

uint64_t cf_u64(const struct trc_record *rec, const char *key, uint64_t dflt)
{
    if (!rec->body) {
        const struct trc_field *f = field_of(rec, key);
        if (f && (f->type == TRC_U64 || f->type == TRC_HEX))
            return f->v.u64;
    }
    char buf[32];
    if (!cf_get(rec, key, buf, sizeof(buf)) || !buf[0])
        return dflt;
    char *end;
    unsigned long long v = strtoull(buf, &end, 0);
    return *end ? dflt : v;
}

int cf_eq(const struct trc_record *rec, const char *key, const char *want)
{
    char buf[128];
    return cf_get(rec, key, buf, sizeof(buf)) && !strcmp(buf, want);
}

int cf_is(const struct trc_record *rec, const char *source, const char *kind)
{
    return !strcmp(rec->source, source) && !strcmp(rec->kind, kind);
}
