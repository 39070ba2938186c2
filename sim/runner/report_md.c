/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report_md.c - the human report: summary, rule x kernel matrix, failures with evidence,
 * per-run table and timing figures, in Markdown.
 *
 * The matrix is built from each run's "RULE=pass|fail|na" list: a cell is FAIL if any run
 * of that kernel failed the rule, pass if some run passed it and none failed, "-" if no run
 * exercised it. Rows are sorted by rule id, columns keep the kernels' first-seen order.
 */
#include "run/runner.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MD_MAX_KERNELS 16
#define MD_MAX_RULES 1024

struct md_cell {
    unsigned pass, fail;
};

struct md_row {
    char rule[24];
    struct md_cell cells[MD_MAX_KERNELS];
};

struct md_matrix {
    const char *kernels[MD_MAX_KERNELS];
    size_t nr_kernels;
    struct md_row rows[MD_MAX_RULES];
    size_t nr_rows;
};

static size_t kernel_col(struct md_matrix *m, const char *k)
{
    for (size_t i = 0; i < m->nr_kernels; i++)
        if (!strcmp(m->kernels[i], k))
            return i;
    if (m->nr_kernels == MD_MAX_KERNELS)
        return MD_MAX_KERNELS - 1;
    m->kernels[m->nr_kernels] = k;
    return m->nr_kernels++;
}

static struct md_row *row_get(struct md_matrix *m, const char *rule, size_t len)
{
    for (size_t i = 0; i < m->nr_rows; i++)
        if (strlen(m->rows[i].rule) == len && !memcmp(m->rows[i].rule, rule, len))
            return &m->rows[i];
    if (m->nr_rows == MD_MAX_RULES || len >= sizeof(m->rows[0].rule))
        return NULL;
    struct md_row *r = &m->rows[m->nr_rows++];
    memset(r, 0, sizeof(*r));
    memcpy(r->rule, rule, len);
    return r;
}

static void matrix_add(struct md_matrix *m, const char *kernel, const char *rules)
{
    size_t col = kernel_col(m, kernel ? kernel : "-");
    const char *p = rules;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *tok = p;
        while (*p && *p != ' ')
            p++;
        const char *eq = memchr(tok, '=', (size_t)(p - tok));
        if (!eq)
            continue;
        struct md_row *r = row_get(m, tok, (size_t)(eq - tok));
        if (!r)
            continue;
        if (!strncmp(eq + 1, "pass", 4) || !strncmp(eq + 1, "xfail", 5))
            r->cells[col].pass++; /* xfail: an expected failure (checker self-test) */
        else if (!strncmp(eq + 1, "fail", 4))
            r->cells[col].fail++;
    }
}

static int cmp_row(const void *a, const void *b)
{
    return strcmp(((const struct md_row *)a)->rule, ((const struct md_row *)b)->rule);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void md_text(FILE *f, const char *s)
{
    for (; *s; s++)
        fputc(*s == '|' ? '/' : *s == '\n' ? ' ' : *s, f);
}

static void write_matrix(FILE *f, struct md_matrix *m)
{
    qsort(m->rows, m->nr_rows, sizeof(m->rows[0]), cmp_row);
    fprintf(f, "## Rules x kernels\n\n%zu rules exercised.\n\n| rule |", m->nr_rows);
    for (size_t k = 0; k < m->nr_kernels; k++)
        fprintf(f, " %s |", m->kernels[k]);
    fprintf(f, "\n|---|");
    for (size_t k = 0; k < m->nr_kernels; k++)
        fprintf(f, "---|");
    fputc('\n', f);
    for (size_t i = 0; i < m->nr_rows; i++) {
        fprintf(f, "| %s |", m->rows[i].rule);
        for (size_t k = 0; k < m->nr_kernels; k++) {
            const struct md_cell *c = &m->rows[i].cells[k];
            if (c->fail)
                fprintf(f, " **FAIL** (%u/%u) |", c->fail, c->fail + c->pass);
            else if (c->pass)
                fprintf(f, " pass (%u) |", c->pass);
            else
                fprintf(f, " - |");
        }
        fputc('\n', f);
    }
    fputc('\n', f);
}

static void write_timing(FILE *f, const struct run_result *res, size_t n)
{
    if (n == 0)
        return;
    uint64_t *v = malloc(n * sizeof(*v)), *w = malloc(n * sizeof(*w));
    if (!v || !w) {
        free(v);
        free(w);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        v[i] = res[i].virtual_ns;
        w[i] = res[i].wall_ns;
    }
    qsort(v, n, sizeof(*v), cmp_u64);
    qsort(w, n, sizeof(*w), cmp_u64);
    fprintf(f, "## Timing\n\n| per run | min | median | p90 | max |\n|---|---|---|---|---|\n");
    fprintf(f, "| virtual time (ms) | %.3f | %.3f | %.3f | %.3f |\n", v[0] / 1e6, v[n / 2] / 1e6,
            v[n * 9 / 10] / 1e6, v[n - 1] / 1e6);
    fprintf(f, "| wall time (ms) | %.2f | %.2f | %.2f | %.2f |\n\n", w[0] / 1e6, w[n / 2] / 1e6,
            w[n * 9 / 10] / 1e6, w[n - 1] / 1e6);
    free(v);
    free(w);
}

int run_write_markdown(const char *path, const struct run_job *jobs,
                       const struct run_result *res, size_t n)
{
    FILE *f = fopen(path, "w");
    struct md_matrix *m = calloc(1, sizeof(*m));
    if (!f || !m) {
        fprintf(stderr, "hvsim: cannot write %s: %s\n", path, strerror(errno));
        if (f)
            fclose(f);
        free(m);
        return -1;
    }
    unsigned counts[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        counts[res[i].verdict]++;
        matrix_add(m, jobs[i].kernel, res[i].rules);
    }
    fprintf(f, "# hvsim conformance report\n\n"
               "| runs | pass | fail | skip |\n|---|---|---|---|\n| %zu | %u | %u | %u |\n\n",
            n, counts[RUN_PASS], counts[RUN_FAIL], counts[RUN_SKIP]);
    write_matrix(f, m);
    if (counts[RUN_FAIL]) {
        fprintf(f, "## Failures\n\n");
        for (size_t i = 0; i < n; i++) {
            if (res[i].verdict != RUN_FAIL)
                continue;
            fprintf(f, "### %s [%s seed=%llu]\n\n", jobs[i].scenario, jobs[i].kernel,
                    (unsigned long long)jobs[i].seed);
            md_text(f, res[i].reason);
            fprintf(f, "\n\n```\n%s\n```\n\n", res[i].evidence);
        }
    }
    write_timing(f, res, n);
    fprintf(f, "## Runs\n\n| scenario | kernel | seed | verdict | virtual ms | events | "
               "wall ms | trace hash |\n|---|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "| %s | %s | %llu | %s | %.3f | %llu | %.2f | %s |\n", jobs[i].scenario,
                jobs[i].kernel, (unsigned long long)jobs[i].seed,
                run_verdict_name(res[i].verdict), res[i].virtual_ns / 1e6,
                (unsigned long long)res[i].events, res[i].wall_ns / 1e6, res[i].trace_hash);
    }
    free(m);
    if (fclose(f)) {
        fprintf(stderr, "hvsim: error writing %s\n", path);
        return -1;
    }
    return 0;
}
