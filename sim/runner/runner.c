/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * runner.c - fork pool with per-run containment and a wall-clock watchdog.
 *
 * Invariants: at most opt->jobs children exist; every child is reaped exactly once; a
 * child's result reaches the parent only through its result file (written whole, then
 * renamed), so a child that dies mid-write leaves no result and is judged by its exit
 * status; results[] is indexed by job index.
 */
#define _GNU_SOURCE
#include "run/runner.h"
#include "sim/wallclock.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUN_DEFAULT_WALL_NS (120ull * 1000000000ull)
#define RUN_MAX_JOBS_PARALLEL 256

struct slot {
    pid_t pid;
    size_t job;
    uint64_t start_ns;
    int killed;
};

uint64_t run_wall_now_ns(void)
{
    return sim_wall_now_ns(); /* watchdog and suite timing only, never traced */
}

const char *run_verdict_name(enum run_verdict v)
{
    return v == RUN_PASS ? "pass" : v == RUN_SKIP ? "skip" : "fail";
}

/* Append the last max_lines lines of path (at most cap-1 bytes in all) to buf. */
static void append_tail(char *buf, size_t cap, const char *title, const char *path,
                        int max_lines)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char chunk[RUN_EVIDENCE_MAX];
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    long start = size > (long)sizeof(chunk) - 1 ? size - (long)sizeof(chunk) + 1 : 0;
    fseek(f, start, SEEK_SET);
    size_t n = fread(chunk, 1, sizeof(chunk) - 1, f);
    fclose(f);
    chunk[n] = '\0';
    if (n == 0)
        return;
    /* keep the last max_lines complete lines */
    char *p = chunk + n;
    int lines = 0;
    while (p > chunk) {
        p--;
        if (*p == '\n' && p != chunk + n - 1 && ++lines == max_lines) {
            p++;
            break;
        }
    }
    size_t used = strlen(buf);
    size_t avail = cap > used ? cap - used : 0;
    /* leave room for the title, drop the oldest lines if needed */
    size_t need = strlen(title) + 2 + strlen(p);
    if (need >= avail) {
        size_t cut = need - avail + 1;
        p += cut < strlen(p) ? cut : strlen(p);
    }
    snprintf(buf + used, avail, "%s:\n%s", title, p);
}

static void result_paths(const char *dir, size_t i, char *res, char *tmp, char *err, size_t len)
{
    snprintf(res, len, "%s/%zu.result", dir, i);
    snprintf(tmp, len, "%s/%zu.result.tmp", dir, i);
    snprintf(err, len, "%s/%zu.stderr", dir, i);
}

static void make_trace_path(const char *dir, const struct run_job *job, char *out, size_t len)
{
    snprintf(out, len, "%s/%s.%s.s%llu.trace", dir, job->scenario ? job->scenario : "run",
             job->kernel ? job->kernel : "none", (unsigned long long)job->seed);
}

static void child_main(const struct run_job *job, run_fn fn, void *ctx, const char *work_dir,
                       const char *trace_path, size_t i)
{
    char res_path[1200], tmp_path[1200], err_path[1200];
    result_paths(work_dir, i, res_path, tmp_path, err_path, sizeof(res_path));
    int fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        dup2(fd, STDERR_FILENO);
        close(fd);
    }
    struct run_result *res = calloc(1, sizeof(*res));
    if (!res)
        _exit(3);
    snprintf(res->trace_path, sizeof(res->trace_path), "%s", trace_path);
    int rc = fn(job, res, trace_path, ctx);
    FILE *f = fopen(tmp_path, "wb");
    if (!f || fwrite(res, sizeof(*res), 1, f) != 1 || fclose(f) != 0 ||
        rename(tmp_path, res_path) != 0)
        _exit(4);
    fflush(stdout);
    _exit(rc & 0x7f);
}

static int read_result(const char *path, struct run_result *res)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(res, sizeof(*res), 1, f);
    fclose(f);
    unlink(path);
    return n == 1 ? 0 : -1;
}

/* Judge a reaped child: its result file if complete, else its death. */
static void judge(const char *work_dir, const char *trace_path, size_t i, int status,
                  const struct slot *s, struct run_result *res)
{
    char res_path[1200], tmp_path[1200], err_path[1200];
    result_paths(work_dir, i, res_path, tmp_path, err_path, sizeof(res_path));
    uint64_t wall = run_wall_now_ns() - s->start_ns;
    int have = read_result(res_path, res) == 0;
    if (!have) {
        memset(res, 0, sizeof(*res));
        res->verdict = RUN_FAIL;
        snprintf(res->trace_path, sizeof(res->trace_path), "%s", trace_path);
        if (s->killed)
            snprintf(res->reason, sizeof(res->reason),
                     "hang: killed by the wall-clock watchdog after %.1f s", wall / 1e9);
        else if (WIFSIGNALED(status))
            snprintf(res->reason, sizeof(res->reason), "crash: killed by signal %d (%s)",
                     WTERMSIG(status), strsignal(WTERMSIG(status)));
        else
            snprintf(res->reason, sizeof(res->reason),
                     "crash: exited with status %d without a result (sanitizer report?)",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
    res->wall_ns = wall;
    if (res->verdict == RUN_FAIL && !res->evidence[0]) {
        append_tail(res->evidence, sizeof(res->evidence), "stderr", err_path, 12);
        append_tail(res->evidence, sizeof(res->evidence), "trace tail", trace_path, 20);
    }
    unlink(err_path);
}

static void progress(const struct run_options *opt, size_t done, size_t n,
                     const unsigned counts[3])
{
    if (!opt->progress)
        return;
    fprintf(stderr, "\r[%zu/%zu] pass=%u fail=%u skip=%u", done, n, counts[RUN_PASS],
            counts[RUN_FAIL], counts[RUN_SKIP]);
    if (done == n)
        fputc('\n', stderr);
    fflush(stderr);
}

static int run_in_process(const struct run_job *jobs, size_t n, run_fn fn, void *ctx,
                          const char *trace_dir, struct run_result *results)
{
    int fails = 0;
    for (size_t i = 0; i < n; i++) {
        char trace_path[1024];
        make_trace_path(trace_dir, &jobs[i], trace_path, sizeof(trace_path));
        memset(&results[i], 0, sizeof(results[i]));
        snprintf(results[i].trace_path, sizeof(results[i].trace_path), "%s", trace_path);
        uint64_t t0 = run_wall_now_ns();
        fn(&jobs[i], &results[i], trace_path, ctx);
        results[i].wall_ns = run_wall_now_ns() - t0;
        fails += results[i].verdict == RUN_FAIL;
    }
    return fails;
}

/* Wait up to 50 ms for a SIGCHLD (SIGCHLD is blocked by the caller). */
static void wait_child_signal(const sigset_t *chld)
{
    struct timespec ts = {0, 50 * 1000000};
    sigtimedwait(chld, NULL, &ts);
}

static int launch(const struct run_job *jobs, size_t i, run_fn fn, void *ctx,
                  const char *work_dir, const char *trace_dir, struct slot *s,
                  const sigset_t *old_mask)
{
    char trace_path[1024];
    make_trace_path(trace_dir, &jobs[i], trace_path, sizeof(trace_path));
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "hvsim: fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        sigprocmask(SIG_SETMASK, old_mask, NULL);
        child_main(&jobs[i], fn, ctx, work_dir, trace_path, i);
    }
    setpgid(pid, pid);
    s->pid = pid;
    s->job = i;
    s->start_ns = run_wall_now_ns();
    s->killed = 0;
    return 0;
}

static void check_watchdogs(struct slot *slots, unsigned nr, const struct run_job *jobs,
                            const struct run_options *opt)
{
    uint64_t now = run_wall_now_ns();
    for (unsigned k = 0; k < nr; k++) {
        if (!slots[k].pid || slots[k].killed)
            continue;
        uint64_t limit = jobs[slots[k].job].wall_limit_ns;
        if (!limit)
            limit = opt->wall_limit_ns ? opt->wall_limit_ns : RUN_DEFAULT_WALL_NS;
        if (now - slots[k].start_ns > limit) {
            kill(-slots[k].pid, SIGKILL);
            kill(slots[k].pid, SIGKILL);
            slots[k].killed = 1;
        }
    }
}

int run_all(const struct run_job *jobs, size_t n, run_fn fn, void *ctx,
            const struct run_options *opt, struct run_result *results)
{
    char work_dir[] = "/tmp/hvsim-run-XXXXXX";
    if (!mkdtemp(work_dir)) {
        fprintf(stderr, "hvsim: cannot create a temporary directory: %s\n", strerror(errno));
        return -1;
    }
    const char *trace_dir = opt->trace_dir ? opt->trace_dir : work_dir;
    if (opt->trace_dir && mkdir(opt->trace_dir, 0755) && errno != EEXIST) {
        fprintf(stderr, "hvsim: cannot create %s: %s\n", opt->trace_dir, strerror(errno));
        rmdir(work_dir);
        return -1;
    }
    if (opt->no_fork) {
        int fails = run_in_process(jobs, n, fn, ctx, trace_dir, results);
        rmdir(work_dir);
        return fails;
    }
    unsigned nr_slots = opt->jobs < 1 ? 1 : opt->jobs;
    if (nr_slots > RUN_MAX_JOBS_PARALLEL)
        nr_slots = RUN_MAX_JOBS_PARALLEL;
    struct slot slots[RUN_MAX_JOBS_PARALLEL];
    memset(slots, 0, sizeof(slots));
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);

    size_t next = 0, done = 0;
    unsigned running = 0, counts[3] = {0, 0, 0};
    int rc = 0;
    while (done < n) {
        for (unsigned k = 0; k < nr_slots && next < n && rc == 0; k++) {
            if (slots[k].pid)
                continue;
            if (launch(jobs, next, fn, ctx, work_dir, trace_dir, &slots[k], &old))
                rc = -1;
            else {
                next++;
                running++;
            }
        }
        if (running == 0)
            break; /* only after a fork failure */
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid <= 0) {
            wait_child_signal(&chld);
            check_watchdogs(slots, nr_slots, jobs, opt);
            continue;
        }
        for (unsigned k = 0; k < nr_slots; k++) {
            if (slots[k].pid != pid)
                continue;
            char trace_path[1024];
            size_t i = slots[k].job;
            make_trace_path(trace_dir, &jobs[i], trace_path, sizeof(trace_path));
            judge(work_dir, trace_path, i, status, &slots[k], &results[i]);
            if (!opt->trace_dir) {
                unlink(trace_path);
                results[i].trace_path[0] = '\0';
            }
            counts[results[i].verdict]++;
            slots[k].pid = 0;
            running--;
            done++;
            progress(opt, done, n, counts);
        }
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    rmdir(work_dir);
    return rc ? -1 : (int)counts[RUN_FAIL];
}
