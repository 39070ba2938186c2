/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * report.c - TAP 13, JUnit XML and JSON summaries of a list of runs.
 *
 * All three list runs in job order. Text from runs (reasons, evidence) is escaped for the
 * target format; control characters other than newline and tab are replaced, so a guest
 * that prints garbage cannot make a report unparseable.
 */
#include "run/runner.h"

#include <errno.h>
#include <string.h>

static void run_name(const struct run_job *j, char *buf, size_t len)
{
    snprintf(buf, len, "%s [%s seed=%llu]", j->scenario ? j->scenario : "run",
             j->kernel ? j->kernel : "-", (unsigned long long)j->seed);
}

int run_write_tap(FILE *out, const struct run_job *jobs, const struct run_result *res, size_t n)
{
    fprintf(out, "TAP version 13\n1..%zu\n", n);
    for (size_t i = 0; i < n; i++) {
        char name[512];
        run_name(&jobs[i], name, sizeof(name));
        const struct run_result *r = &res[i];
        if (r->verdict == RUN_SKIP) {
            fprintf(out, "ok %zu - %s # SKIP %s\n", i + 1, name, r->reason);
            continue;
        }
        fprintf(out, "%s %zu - %s\n", r->verdict == RUN_PASS ? "ok" : "not ok", i + 1, name);
        if (r->verdict == RUN_FAIL) {
            fprintf(out, "  ---\n  message: \"");
            for (const char *p = r->reason; *p; p++)
                fputc(*p == '"' ? '\'' : (unsigned char)*p < 0x20 ? ' ' : *p, out);
            fprintf(out, "\"\n  trace_hash: \"%s\"\n  ...\n", r->trace_hash);
        }
    }
    return ferror(out) ? -1 : 0;
}

static void xml_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default:
            if (c < 0x20 && c != '\n' && c != '\t')
                fputc('?', f);
            else
                fputc(c, f);
        }
    }
}

int run_write_junit(const char *path, const char *suite, const struct run_job *jobs,
                    const struct run_result *res, size_t n)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "hvsim: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    unsigned fails = 0, skips = 0;
    double total_s = 0;
    for (size_t i = 0; i < n; i++) {
        fails += res[i].verdict == RUN_FAIL;
        skips += res[i].verdict == RUN_SKIP;
        total_s += res[i].wall_ns / 1e9;
    }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    fprintf(f, "  <testsuite name=\"");
    xml_escape(f, suite);
    fprintf(f, "\" tests=\"%zu\" failures=\"%u\" errors=\"0\" skipped=\"%u\" time=\"%.3f\">\n",
            n, fails, skips, total_s);
    for (size_t i = 0; i < n; i++) {
        char name[512];
        snprintf(name, sizeof(name), "%s seed=%llu", jobs[i].scenario ? jobs[i].scenario : "run",
                 (unsigned long long)jobs[i].seed);
        fprintf(f, "    <testcase classname=\"");
        xml_escape(f, jobs[i].kernel ? jobs[i].kernel : "-");
        fprintf(f, "\" name=\"");
        xml_escape(f, name);
        fprintf(f, "\" time=\"%.3f\">\n", res[i].wall_ns / 1e9);
        if (res[i].verdict == RUN_FAIL) {
            fprintf(f, "      <failure message=\"");
            xml_escape(f, res[i].reason);
            fprintf(f, "\">");
            xml_escape(f, res[i].evidence);
            fprintf(f, "</failure>\n");
        } else if (res[i].verdict == RUN_SKIP) {
            fprintf(f, "      <skipped message=\"");
            xml_escape(f, res[i].reason);
            fprintf(f, "\"/>\n");
        }
        fprintf(f, "      <system-out>trace_hash=%s rules=", res[i].trace_hash);
        xml_escape(f, res[i].rules);
        fprintf(f, "</system-out>\n    </testcase>\n");
    }
    fprintf(f, "  </testsuite>\n</testsuites>\n");
    if (fclose(f)) {
        fprintf(stderr, "hvsim: error writing %s\n", path);
        return -1;
    }
    return 0;
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

int run_write_json(const char *path, const struct run_job *jobs, const struct run_result *res,
                   size_t n)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "hvsim: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    unsigned counts[3] = {0, 0, 0};
    fprintf(f, "{\n  \"runs\": [\n");
    for (size_t i = 0; i < n; i++) {
        const struct run_result *r = &res[i];
        counts[r->verdict]++;
        fprintf(f, "    {\"scenario\": ");
        json_string(f, jobs[i].scenario ? jobs[i].scenario : "");
        fprintf(f, ", \"kernel\": ");
        json_string(f, jobs[i].kernel ? jobs[i].kernel : "");
        fprintf(f, ", \"seed\": %llu, \"verdict\": \"%s\", \"reason\": ",
                (unsigned long long)jobs[i].seed, run_verdict_name(r->verdict));
        json_string(f, r->reason);
        fprintf(f, ", \"trace_hash\": \"%s\", \"trace\": ", r->trace_hash);
        json_string(f, r->trace_path);
        fprintf(f, ", \"virtual_ns\": %llu, \"events\": %llu, \"wall_ms\": %.3f, \"rules\": ",
                (unsigned long long)r->virtual_ns, (unsigned long long)r->events,
                r->wall_ns / 1e6);
        json_string(f, r->rules);
        fprintf(f, "}%s\n", i + 1 < n ? "," : "");
    }
    fprintf(f, "  ],\n  \"summary\": {\"runs\": %zu, \"pass\": %u, \"fail\": %u, \"skip\": %u}\n}\n",
            n, counts[RUN_PASS], counts[RUN_FAIL], counts[RUN_SKIP]);
    if (fclose(f)) {
        fprintf(stderr, "hvsim: error writing %s\n", path);
        return -1;
    }
    return 0;
}
