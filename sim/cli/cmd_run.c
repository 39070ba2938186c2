/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_run.c - `hvsim run [options] PATH...`: the conformance runner.
 *
 * Steps: collect scenario files (folders recursively, sorted by path), load and validate all
 * of them first (any bad file: exit 2 before anything runs), expand jobs scenario x kernel
 * x seed, keep this shard's jobs, run them in forked children (sim/runner), print a
 * summary and a reproduction line per failure, write the requested reports.
 * Exit 0 all pass (skips allowed), 1 any failure, 2 bad input.
 */
#include "cli.h"
#include "exec/exec.h"
#include "images.h"
#include "run/runner.h"
#include "scn/scenario.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RUN_MAX_FILES 4096
#define RUN_MAX_KERNELS CLI_MAX_IMAGES
#define RUN_MAX_SEEDS 100000

struct run_args {
    const char *kernels[RUN_MAX_KERNELS];
    size_t nr_kernels;
    int all_kernels;
    int have_seeds;
    uint64_t seed_lo, seed_hi;
    unsigned jobs;
    uint32_t shard_k, shard_n;
    const char *junit, *json, *trace_dir, *report;
    int tap, no_fork, quiet, list;
    char *files[RUN_MAX_FILES];
    size_t nr_files;
};

struct job_data {
    const struct scn_scenario *scn;
    const struct cli_image *img;
};

static void run_help(void)
{
    printf("Usage: hvsim run [options] PATH...\n"
           "\n"
           "Runs scenario files, or every *.yaml below the given folders, against the guest\n"
           "images and reports verdicts. Folders named 'rules' (the rule catalogue) are\n"
           "skipped, so 'hvsim run conformance/' runs the whole suite.\n"
           "\n"
           "  --kernel NAME    guest image to use (repeatable; 'all' = every image; default:\n"
           "                   the scenario's guest.kernel, else the first image)\n"
           "  --seed N         run with seed N instead of the scenario's seed\n"
           "  --seeds A-B      sweep seeds A..B (inclusive)\n"
           "  --jobs N         parallel runs (default: number of CPUs)\n"
           "  --shard K/N      run only the K-th of N shards of the job list\n"
           "  --tap            TAP 13 on stdout instead of the summary\n"
           "  --junit FILE     write JUnit XML\n"
           "  --json FILE      write a JSON summary\n"
           "  --trace-dir DIR  keep every run's trace in DIR\n"
           "  --report DIR     write DIR/report.md (rule x kernel matrix, timings)\n"
           "  --list           print the jobs and exit\n"
           "  --no-fork        run in-process (debugging; a crash ends the suite)\n"
           "  --quiet          no progress line\n"
           "\n"
           "Exit status: 0 all passed, 1 a run failed, 2 bad input.\n");
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    if (!*s || *s == '-')
        return -1;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static int add_file(struct run_args *a, const char *path)
{
    if (a->nr_files == RUN_MAX_FILES)
        return cli_usage_error("run: more than %d scenario files", RUN_MAX_FILES);
    a->files[a->nr_files++] = strdup(path);
    return 0;
}

static int cmp_path(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int collect(struct run_args *a, const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st))
        return cli_usage_error("run: %s: %s", path, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return add_file(a, path);
    if (depth > 16)
        return cli_usage_error("run: %s: folders nested too deeply", path);
    DIR *d = opendir(path);
    if (!d)
        return cli_usage_error("run: %s: %s", path, strerror(errno));
    struct dirent *de;
    int rc = 0;
    while (!rc && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char sub[4096];
        snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
        size_t len = strlen(de->d_name);
        struct stat sst;
        if (stat(sub, &sst))
            continue;
        if (S_ISDIR(sst.st_mode)) {
            if (strcmp(de->d_name, "rules") != 0) /* the catalogue, not scenarios */
                rc = collect(a, sub, depth + 1);
        }
        else if (len > 5 && !strcmp(de->d_name + len - 5, ".yaml"))
            rc = add_file(a, sub);
    }
    closedir(d);
    return rc;
}

static int parse_args(int argc, char **argv, struct run_args *a)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    a->jobs = ncpu > 0 ? (unsigned)ncpu : 1;
    a->shard_k = a->shard_n = 1;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        uint64_t x;
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            run_help();
            return 1;
        } else if (!strcmp(o, "--tap")) {
            a->tap = 1;
        } else if (!strcmp(o, "--no-fork")) {
            a->no_fork = 1;
        } else if (!strcmp(o, "--quiet")) {
            a->quiet = 1;
        } else if (!strcmp(o, "--list")) {
            a->list = 1;
        } else if (o[0] == '-' && o[1] == '-' && !v) {
            return cli_usage_error("run: option %s needs a value (or is unknown)", o);
        } else if (!strcmp(o, "--kernel")) {
            i++;
            if (!strcmp(v, "all"))
                a->all_kernels = 1;
            else if (a->nr_kernels < RUN_MAX_KERNELS)
                a->kernels[a->nr_kernels++] = v;
        } else if (!strcmp(o, "--seed")) {
            i++;
            if (parse_u64(v, &x))
                return cli_usage_error("run: --seed: '%s' is not a number", v);
            a->have_seeds = 1;
            a->seed_lo = a->seed_hi = x;
        } else if (!strcmp(o, "--seeds")) {
            i++;
            char lo[32], hi[32];
            const char *dash = strchr(v, '-');
            if (!dash || dash - v >= 31 || strlen(dash + 1) >= 31)
                return cli_usage_error("run: --seeds wants A-B, not '%s'", v);
            snprintf(lo, sizeof(lo), "%.*s", (int)(dash - v), v);
            snprintf(hi, sizeof(hi), "%s", dash + 1);
            if (parse_u64(lo, &a->seed_lo) || parse_u64(hi, &a->seed_hi) ||
                a->seed_lo > a->seed_hi || a->seed_hi - a->seed_lo >= RUN_MAX_SEEDS)
                return cli_usage_error("run: --seeds wants A-B with A <= B and at most %d "
                                       "seeds, not '%s'", RUN_MAX_SEEDS, v);
            a->have_seeds = 1;
        } else if (!strcmp(o, "--jobs")) {
            i++;
            if (parse_u64(v, &x) || x < 1 || x > 256)
                return cli_usage_error("run: --jobs wants 1..256, not '%s'", v);
            a->jobs = (unsigned)x;
        } else if (!strcmp(o, "--shard")) {
            i++;
            unsigned k, n;
            char extra;
            if (sscanf(v, "%u/%u%c", &k, &n, &extra) != 2 || n < 1 || k < 1 || k > n)
                return cli_usage_error("run: --shard wants K/N with 1 <= K <= N, not '%s'", v);
            a->shard_k = k;
            a->shard_n = n;
        } else if (!strcmp(o, "--junit")) {
            a->junit = argv[++i];
        } else if (!strcmp(o, "--json")) {
            a->json = argv[++i];
        } else if (!strcmp(o, "--trace-dir")) {
            a->trace_dir = argv[++i];
        } else if (!strcmp(o, "--report")) {
            a->report = argv[++i];
        } else if (o[0] == '-' && o[1]) {
            return cli_usage_error("run: unknown option '%s' (try 'hvsim run --help')", o);
        } else if (collect(a, o, 0)) {
            return CLI_EXIT_USAGE;
        }
    }
    if (a->nr_files == 0)
        return cli_usage_error("run: no scenario files given (try 'hvsim run --help')");
    qsort(a->files, a->nr_files, sizeof(a->files[0]), cmp_path);
    return 0;
}

static int job_fn(const struct run_job *job, struct run_result *res, const char *trace_path,
                  void *ctx)
{
    (void)ctx;
    const struct job_data *d = job->user;
    struct exec_image img = {d->img->name, d->img->release, d->img->build_id, d->img->path};
    struct exec_options opt = {0};
    exec_run(d->scn, &img, job->seed, &opt, trace_path, res);
    return res->verdict == RUN_FAIL;
}

static int skip_job_fn(const struct run_job *job, struct run_result *res,
                       const char *trace_path, void *ctx)
{
    (void)trace_path;
    (void)ctx;
    res->verdict = RUN_SKIP;
    snprintf(res->reason, sizeof(res->reason), "guest image '%s' is not part of this build",
             job->kernel);
    return 0;
}

static int dispatch_fn(const struct run_job *job, struct run_result *res,
                       const char *trace_path, void *ctx)
{
    const struct job_data *d = job->user;
    if (!d->img)
        return skip_job_fn(job, res, trace_path, ctx);
    return job_fn(job, res, trace_path, ctx);
}

/* Load every file; the first error of each bad file is printed; any error = exit 2. */
static int load_all(const struct run_args *a, struct scn_scenario **scns)
{
    int bad = 0;
    for (size_t i = 0; i < a->nr_files; i++) {
        struct scn_error err;
        char buf[1024];
        scns[i] = malloc(sizeof(**scns));
        if (!scns[i])
            return cli_usage_error("run: out of memory");
        if (scn_load(a->files[i], scns[i], &err)) {
            fprintf(stderr, "%s\n", scn_error_format(&err, buf, sizeof(buf)));
            free(scns[i]);
            scns[i] = NULL;
            bad = 1;
        }
    }
    for (size_t i = 0; !bad && i < a->nr_files; i++) {
        for (size_t j = 0; j < i; j++) {
            if (!strcmp(scns[i]->id, scns[j]->id)) {
                fprintf(stderr, "%s: error: scenario id '%s' is also used by %s\n",
                        a->files[i], scns[i]->id, a->files[j]);
                bad = 1;
            }
        }
    }
    return bad ? CLI_EXIT_USAGE : 0;
}

/* Which images a scenario runs on; returns the count written to out. */
static size_t kernels_for(const struct run_args *a, const struct cli_images *imgs,
                          const struct scn_scenario *s, const char **out)
{
    size_t n = 0;
    if (a->all_kernels) {
        for (size_t i = 0; i < imgs->count; i++)
            if (!s->kernel || !strcmp(s->kernel, imgs->items[i].name))
                out[n++] = imgs->items[i].name;
        if (n == 0 && s->kernel)
            out[n++] = s->kernel; /* reported as SKIP: not built */
    } else if (a->nr_kernels) {
        for (size_t i = 0; i < a->nr_kernels; i++)
            if (!s->kernel || !strcmp(s->kernel, a->kernels[i]))
                out[n++] = a->kernels[i];
    } else {
        out[n++] = s->kernel ? s->kernel : imgs->count ? imgs->items[0].name : "none";
    }
    return n;
}

static void print_summary(const struct run_args *a, const struct run_job *jobs,
                          const struct run_result *res, size_t n, double wall_s)
{
    unsigned counts[3] = {0, 0, 0};
    uint64_t virt_ns = 0;
    for (size_t i = 0; i < n; i++) {
        counts[res[i].verdict]++;
        virt_ns += res[i].virtual_ns;
        if (res[i].verdict != RUN_FAIL)
            continue;
        const struct job_data *d = jobs[i].user;
        printf("FAIL %s [%s seed=%llu]: %s\n", jobs[i].scenario, jobs[i].kernel,
               (unsigned long long)jobs[i].seed, res[i].reason);
        if (res[i].trace_path[0])
            printf("     trace: %s\n", res[i].trace_path);
        printf("     repro: hvsim run %s --kernel %s --seed %llu --no-fork\n", d->scn->file,
               jobs[i].kernel, (unsigned long long)jobs[i].seed);
    }
    (void)a;
    printf("runs=%zu pass=%u fail=%u skip=%u virtual_s=%.3f wall_s=%.2f\n", n, counts[RUN_PASS],
           counts[RUN_FAIL], counts[RUN_SKIP], virt_ns / 1e9, wall_s);
}

static int write_reports(const struct run_args *a, const struct run_job *jobs,
                         const struct run_result *res, size_t n)
{
    int rc = 0;
    if (a->junit && run_write_junit(a->junit, "hvsim", jobs, res, n))
        rc = -1;
    if (a->json && run_write_json(a->json, jobs, res, n))
        rc = -1;
    /* The latest run of this build, for `hvsim rules`: written aside, then renamed, so a
     * reader never sees half a file (CTest runs many hvsim processes at once). Best effort. */
    char tmp[4200];
    snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", cli_last_run_path(), (long)getpid());
    if (!a->list && access(cli_exe_dir(), W_OK) == 0 && /* an installed hvsim: skip */
        run_write_json(tmp, jobs, res, n) == 0 && rename(tmp, cli_last_run_path()))
        unlink(tmp);
    if (a->report) {
        char path[4096];
        if (mkdir(a->report, 0755) && errno != EEXIST) {
            fprintf(stderr, "hvsim: cannot create %s: %s\n", a->report, strerror(errno));
            return -1;
        }
        snprintf(path, sizeof(path), "%s/report.md", a->report);
        if (run_write_markdown(path, jobs, res, n))
            rc = -1;
    }
    return rc;
}

static int run_jobs(const struct run_args *a, struct run_job *jobs, size_t nj)
{
    struct run_result *res = calloc(nj ? nj : 1, sizeof(*res));
    if (!res)
        return cli_usage_error("run: out of memory");
    struct run_options opt = {
        .jobs = a->jobs,
        .trace_dir = a->trace_dir,
        .progress = !a->quiet && !a->tap && isatty(STDERR_FILENO),
        .no_fork = a->no_fork,
    };
    uint64_t t0 = run_wall_now_ns();
    int fails = run_all(jobs, nj, dispatch_fn, NULL, &opt, res);
    double wall_s = (run_wall_now_ns() - t0) / 1e9;
    if (fails < 0) {
        free(res);
        return CLI_EXIT_USAGE;
    }
    if (a->tap)
        run_write_tap(stdout, jobs, res, nj);
    else
        print_summary(a, jobs, res, nj, wall_s);
    int rep = write_reports(a, jobs, res, nj);
    free(res);
    if (rep)
        return CLI_EXIT_USAGE;
    return fails ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

static int validate_all(const struct run_args *a, struct scn_scenario **scns)
{
    int rc = 0;
    for (size_t f = 0; f < a->nr_files; f++) {
        struct scn_error err;
        char buf[1024];
        if (exec_validate(scns[f], &err)) {
            fprintf(stderr, "%s\n", scn_error_format(&err, buf, sizeof(buf)));
            rc = CLI_EXIT_USAGE;
        }
    }
    return rc;
}

struct job_list {
    struct run_job *jobs;
    struct job_data *data;
    size_t nj, cap;
};

static int job_add(struct job_list *jl, const struct run_job *job, const struct job_data *d)
{
    if (jl->nj == jl->cap) {
        size_t cap = jl->cap ? jl->cap * 2 : 1024;
        struct run_job *j = realloc(jl->jobs, cap * sizeof(*j));
        if (j)
            jl->jobs = j;
        struct job_data *dd = realloc(jl->data, cap * sizeof(*dd));
        if (dd)
            jl->data = dd;
        if (!j || !dd)
            return cli_usage_error("run: out of memory");
        jl->cap = cap;
    }
    jl->jobs[jl->nj] = *job;
    jl->jobs[jl->nj].index = (uint32_t)jl->nj;
    jl->data[jl->nj] = *d;
    jl->nj++;
    return 0;
}

/* scenario x kernel x seed, in file order, this shard only. */
static int expand_jobs(const struct run_args *a, const struct cli_images *imgs,
                       struct scn_scenario **scns, struct job_list *jl)
{
    size_t seq = 0;
    for (size_t f = 0; f < a->nr_files; f++) {
        const char *ks[RUN_MAX_KERNELS];
        size_t nk = kernels_for(a, imgs, scns[f], ks);
        uint64_t lo = a->have_seeds ? a->seed_lo : scns[f]->seed;
        uint64_t hi = a->have_seeds ? a->seed_hi : scns[f]->seed;
        for (size_t k = 0; k < nk; k++) {
            for (uint64_t seed = lo;; seed++) {
                if (run_in_shard((uint32_t)seq++, a->shard_k, a->shard_n)) {
                    struct job_data d = {scns[f], cli_images_find(imgs, ks[k])};
                    struct run_job j = {.scenario = scns[f]->id, .path = scns[f]->file,
                                        .kernel = ks[k], .seed = seed,
                                        .wall_limit_ns = scns[f]->limit_wall_ns};
                    if (job_add(jl, &j, &d))
                        return CLI_EXIT_USAGE;
                }
                if (seed == hi)
                    break;
            }
        }
    }
    for (size_t i = 0; i < jl->nj; i++)
        jl->jobs[i].user = &jl->data[i];
    return 0;
}

int cmd_run(int argc, char **argv)
{
    static struct run_args a;
    memset(&a, 0, sizeof(a));
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc == 1 ? CLI_EXIT_OK : rc;
    static struct cli_images imgs;
    if (cli_images_load(&imgs))
        return CLI_EXIT_USAGE;
    for (size_t i = 0; i < a.nr_kernels; i++) {
        if (!cli_images_find(&imgs, a.kernels[i]))
            return cli_usage_error("run: --kernel %s: no such guest image (see 'hvsim "
                                   "kernels')", a.kernels[i]);
    }
    struct scn_scenario **scns = calloc(a.nr_files, sizeof(*scns));
    struct job_list jl = {0};
    if (!scns)
        rc = cli_usage_error("run: out of memory");
    if (!rc)
        rc = load_all(&a, scns);
    if (!rc)
        rc = validate_all(&a, scns);
    if (!rc)
        rc = expand_jobs(&a, &imgs, scns, &jl);
    if (!rc && a.no_fork && jl.nj > 1)
        rc = cli_usage_error("run: --no-fork runs exactly one job in-process (guest RAM sits "
                             "at a fixed address, one world per process); this selection "
                             "has %zu jobs", jl.nj);
    if (!rc && a.list) {
        for (size_t i = 0; i < jl.nj; i++)
            printf("%s %s %llu %s\n", jl.jobs[i].scenario, jl.jobs[i].kernel,
                   (unsigned long long)jl.jobs[i].seed, jl.jobs[i].path);
    } else if (!rc) {
        rc = run_jobs(&a, jl.jobs, jl.nj);
    }
    free(jl.jobs);
    free(jl.data);
    for (size_t f = 0; scns && f < a.nr_files; f++) {
        if (scns[f])
            scn_free(scns[f]);
        free(scns[f]);
    }
    free(scns);
    for (size_t f = 0; f < a.nr_files; f++)
        free(a.files[f]);
    return rc;
}
