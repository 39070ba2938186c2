/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_trace.c - `hvsim trace`: read canonical traces.
 *
 *   hvsim trace show FILE [--source PREFIX] [--kind KIND] [--from T] [--to T]
 *       print the records that match (the header line always); times are durations
 *       ("10ms") of virtual time.
 *   hvsim trace diff A B
 *       compare two traces: exit 0 if identical; else print the first differing record of
 *       each with 3 records of context and exit 1 (what changed between two runs that
 *       should have been identical, e.g. two seeds or two kernel builds).
 *
 * Only the canonical text is read (sim/core/include/sim/trace.h): "t=<ns> seq=<n> source kind
 * fields...". Exit 2 on unreadable files or bad options.
 */
#include "cli.h"
#include "scn/scenario.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#define TRACE_LINE_MAX 65536

struct trace_filter {
    const char *source;
    const char *kind;
    uint64_t from_ns, to_ns;
};

/* Parse "t=<ns> seq=<n> <source> <kind>" in place; returns 0 if the line is a record. */
static int record_fields(const char *line, uint64_t *t_ns, char *source, size_t slen,
                         char *kind, size_t klen)
{
    unsigned long long t, seq;
    char fmt[64];
    snprintf(fmt, sizeof(fmt), "t=%%llu seq=%%llu %%%zus %%%zus", slen - 1, klen - 1);
    if (sscanf(line, fmt, &t, &seq, source, kind) != 4)
        return -1;
    *t_ns = t;
    return 0;
}

static int matches(const char *line, const struct trace_filter *f)
{
    uint64_t t;
    char source[128], kind[128];
    if (record_fields(line, &t, source, sizeof(source), kind, sizeof(kind)))
        return line[0] == '#';
    if (f->source && strncmp(source, f->source, strlen(f->source)))
        return 0;
    if (f->kind && strcmp(kind, f->kind))
        return 0;
    return t >= f->from_ns && t <= f->to_ns;
}

static int trace_show(int argc, char **argv)
{
    struct trace_filter f = {.to_ns = UINT64_MAX};
    const char *path = NULL;
    for (int i = 2; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(o, "--source") && v) {
            f.source = argv[++i];
        } else if (!strcmp(o, "--kind") && v) {
            f.kind = argv[++i];
        } else if ((!strcmp(o, "--from") || !strcmp(o, "--to")) && v) {
            uint64_t ns;
            if (scn_parse_duration(v, &ns))
                return cli_usage_error("trace: %s: bad duration '%s'", o, v);
            *(!strcmp(o, "--from") ? &f.from_ns : &f.to_ns) = ns;
            i++;
        } else if (o[0] == '-' || path) {
            return cli_usage_error("trace show: unexpected '%s'", o);
        } else {
            path = o;
        }
    }
    if (!path)
        return cli_usage_error("trace show: no trace file given");
    FILE *in = fopen(path, "r");
    if (!in)
        return cli_usage_error("trace: cannot read %s: %s", path, strerror(errno));
    static char line[TRACE_LINE_MAX];
    while (fgets(line, sizeof(line), in)) {
        if (matches(line, &f))
            fputs(line, stdout);
    }
    fclose(in);
    return CLI_EXIT_OK;
}

struct trace_lines {
    char **lines;
    size_t n;
};

static int load_lines(const char *path, struct trace_lines *tl)
{
    FILE *in = fopen(path, "r");
    if (!in)
        return cli_usage_error("trace: cannot read %s: %s", path, strerror(errno));
    static char line[TRACE_LINE_MAX];
    size_t cap = 0;
    while (fgets(line, sizeof(line), in)) {
        if (tl->n == cap) {
            cap = cap ? cap * 2 : 4096;
            char **p = realloc(tl->lines, cap * sizeof(*p));
            if (!p) {
                fclose(in);
                return cli_usage_error("trace: out of memory");
            }
            tl->lines = p;
        }
        tl->lines[tl->n++] = strdup(line);
    }
    fclose(in);
    return 0;
}

static void free_lines(struct trace_lines *tl)
{
    for (size_t i = 0; i < tl->n; i++)
        free(tl->lines[i]);
    free(tl->lines);
}

static void show_context(const char *name, const struct trace_lines *tl, size_t at)
{
    printf("--- %s\n", name);
    size_t from = at >= 3 ? at - 3 : 0;
    for (size_t i = from; i <= at + 1 && i < tl->n; i++)
        printf("%s %s", i == at ? ">" : " ", tl->lines[i]);
    if (at >= tl->n)
        printf("> (end of trace after %zu lines)\n", tl->n);
}

static int trace_diff(int argc, char **argv)
{
    if (argc != 4)
        return cli_usage_error("trace diff: give exactly two trace files");
    struct trace_lines a = {0}, b = {0};
    int rc = load_lines(argv[2], &a);
    if (!rc)
        rc = load_lines(argv[3], &b);
    if (!rc) {
        size_t i = 0;
        while (i < a.n && i < b.n && !strcmp(a.lines[i], b.lines[i]))
            i++;
        if (i == a.n && i == b.n) {
            printf("identical: %zu lines\n", a.n);
            rc = CLI_EXIT_OK;
        } else {
            printf("first difference at line %zu\n", i + 1);
            show_context(argv[2], &a, i);
            show_context(argv[3], &b, i);
            rc = CLI_EXIT_FAIL;
        }
    }
    free_lines(&a);
    free_lines(&b);
    return rc;
}

int cmd_trace(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        printf("Usage: hvsim trace show FILE [--source PREFIX] [--kind KIND] [--from T] "
               "[--to T]\n"
               "       hvsim trace diff A B\n\n"
               "show prints the matching records of a trace (times as durations, e.g. 10ms);\n"
               "diff prints the first difference between two traces with context and exits 1\n"
               "(0 when identical).\n");
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    if (!strcmp(argv[1], "show"))
        return trace_show(argc, argv);
    if (!strcmp(argv[1], "diff"))
        return trace_diff(argc, argv);
    return cli_usage_error("trace: unknown subcommand '%s' (show, diff)", argv[1]);
}
