/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * runner.h - run many simulations in forked children and report them.
 *
 * Each job (scenario x kernel x seed) runs in its own child process, so guest global state
 * starts fresh, and a crash, sanitizer report, abort or hang of one run becomes that run's
 * FAIL with evidence (the tail of its trace) while the suite goes on. Up to `jobs` children
 * run at once. Results are stored by job index, so reports list runs in job order whatever
 * the completion order; progress goes to stderr only when it is a terminal.
 *
 * The wall-clock watchdog is the only wall-clock use outside sim/core: it decides when to
 * kill a hung child and never influences a trace.
 */
#ifndef RUN_RUNNER_H
#define RUN_RUNNER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum run_verdict { RUN_PASS = 0, RUN_FAIL = 1, RUN_SKIP = 2 };

struct run_job {
    uint32_t index;       /* position in the job list (set by the caller) */
    const char *scenario; /* scenario id, used in names */
    const char *path;     /* scenario file */
    const char *kernel;   /* guest image name */
    uint64_t seed;
    uint64_t wall_limit_ns; /* 0 = the runner's default */
    const void *user;       /* caller data for run_fn */
};

#define RUN_REASON_MAX 512
#define RUN_EVIDENCE_MAX 4096
#define RUN_RULES_MAX 8192

struct run_result {
    enum run_verdict verdict;
    char reason[RUN_REASON_MAX];     /* one line: why FAIL/SKIP, empty on PASS */
    char trace_path[1024];           /* where the trace was written ("" if none) */
    char trace_hash[17];             /* 16 hex digits, "" if the run did not finish */
    char rules[RUN_RULES_MAX];       /* "RULE=pass|fail|na" separated by spaces */
    char evidence[RUN_EVIDENCE_MAX]; /* on FAIL: last lines of the trace */
    uint64_t virtual_ns;             /* virtual time reached */
    uint64_t events;                 /* events dispatched */
    uint64_t wall_ns;                /* child's wall time, measured by the parent */
};

/*
 * Runs one job inside the child. Write the trace to trace_path; fill *res (verdict, reason,
 * trace_hash, rules, virtual_ns, events). The return value is the child's exit status
 * (ignored apart from being recorded when res was not written).
 */
typedef int (*run_fn)(const struct run_job *job, struct run_result *res, const char *trace_path,
                      void *ctx);

struct run_options {
    unsigned jobs;              /* parallel children, >= 1 */
    uint64_t wall_limit_ns;     /* default per-run watchdog */
    const char *trace_dir;      /* keep traces here (NULL: a temp dir, removed afterwards) */
    int progress;               /* 1: progress line on stderr (caller decides on isatty) */
    int no_fork;                /* 1: run in-process (debugging); crashes are not contained */
};

/* Run all jobs; results[i] receives job i. Returns the number of FAIL results, or -1 if the
 * runner itself could not work (temp dir, fork), with a message on stderr. */
int run_all(const struct run_job *jobs, size_t nr_jobs, run_fn fn, void *ctx,
            const struct run_options *opt, struct run_result *results);

/* Reports. Return 0, -1 on an I/O error (message on stderr). */
int run_write_tap(FILE *out, const struct run_job *jobs, const struct run_result *res, size_t n);
int run_write_junit(const char *path, const char *suite, const struct run_job *jobs,
                    const struct run_result *res, size_t n);
int run_write_json(const char *path, const struct run_job *jobs, const struct run_result *res,
                   size_t n);

/* Markdown report: summary, failures with evidence, rule x kernel matrix, timings. */
int run_write_markdown(const char *path, const struct run_job *jobs,
                       const struct run_result *res, size_t n);

/* Monotonic wall clock for suite timing and watchdogs (never for anything traced). */
uint64_t run_wall_now_ns(void);

/* "pass" / "fail" / "skip" */
const char *run_verdict_name(enum run_verdict v);

/* Shard selection: job i belongs to shard k of n (1-based k) iff i % n == k - 1. */
static inline int run_in_shard(uint32_t index, uint32_t shard_k, uint32_t shard_n)
{
    return shard_n <= 1 || index % shard_n == shard_k - 1;
}

#endif
