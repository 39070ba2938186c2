/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_rules.c - `hvsim rules`: the rule catalogue (conformance/rules/, one YAML file per
 * area) with, given the JSON results of a run (`hvsim run --json FILE`), how often each rule
 * was exercised and its result.
 *
 * Reads every catalogue file with the strict YAML loader and prints one line per rule: id,
 * severity, kernels, result (pass / FAIL / - when not exercised), runs that judged it, and
 * the statement. The last line sums up: rules=N exercised=M (and per kernel).
 */
#include "cli.h"
#include "scn/yaml_tree.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RULES_MAX 2048
#define RULES_MAX_KERNELS 8

/* Aggregated results of one rule over the runs of a results file. */
struct rule_stat {
    char rule[24];
    unsigned runs, pass, fail;
    unsigned kernel_mask; /* bit k: exercised on kernels[k] */
};

struct rule_results {
    struct rule_stat stats[RULES_MAX];
    size_t nr;
    char kernels[RULES_MAX_KERNELS][64];
    size_t nr_kernels;
    int loaded;
};

static struct rule_stat *stat_get(struct rule_results *rr, const char *rule, size_t len)
{
    for (size_t i = 0; i < rr->nr; i++)
        if (strlen(rr->stats[i].rule) == len && !memcmp(rr->stats[i].rule, rule, len))
            return &rr->stats[i];
    if (rr->nr == RULES_MAX || len >= sizeof(rr->stats[0].rule))
        return NULL;
    struct rule_stat *st = &rr->stats[rr->nr++];
    memset(st, 0, sizeof(*st));
    memcpy(st->rule, rule, len);
    return st;
}

/* The value of "key": "..." on a line of our own JSON output (no escapes inside rules or
 * kernel names), or NULL. */
static const char *json_field(const char *line, const char *key, size_t *len)
{
    char pat[64];
    snprintf(pat, sizeof(pat), "\"%s\": \"", key);
    const char *p = strstr(line, pat);
    if (!p)
        return NULL;
    p += strlen(pat);
    const char *e = strchr(p, '"');
    if (!e)
        return NULL;
    *len = (size_t)(e - p);
    return p;
}

static void results_add_run(struct rule_results *rr, const char *kernel, size_t klen,
                            const char *rules, size_t rlen)
{
    size_t k = 0;
    while (k < rr->nr_kernels && (strlen(rr->kernels[k]) != klen ||
                                  memcmp(rr->kernels[k], kernel, klen)))
        k++;
    if (k == rr->nr_kernels && k < RULES_MAX_KERNELS)
        snprintf(rr->kernels[rr->nr_kernels++], sizeof(rr->kernels[0]), "%.*s", (int)klen,
                 kernel);
    const char *p = rules, *end = rules + rlen;
    while (p < end) {
        while (p < end && *p == ' ')
            p++;
        const char *tok = p;
        while (p < end && *p != ' ')
            p++;
        const char *eq = memchr(tok, '=', (size_t)(p - tok));
        if (!eq)
            continue;
        /* "xfail": a failure the scenario expected (checker self-test) - exercised, fine */
        int pass = !strncmp(eq + 1, "pass", 4) || !strncmp(eq + 1, "xfail", 5);
        int fail = !strncmp(eq + 1, "fail", 4);
        struct rule_stat *st = (pass || fail) ? stat_get(rr, tok, (size_t)(eq - tok)) : NULL;
        if (!st)
            continue;
        st->runs++;
        st->pass += (unsigned)pass;
        st->fail += (unsigned)fail;
        if (k < RULES_MAX_KERNELS)
            st->kernel_mask |= 1u << k;
    }
}

static int results_load(struct rule_results *rr, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return cli_usage_error("rules: cannot read results %s", path);
    static char line[65536];
    while (fgets(line, sizeof(line), f)) {
        size_t klen, rlen;
        const char *k = json_field(line, "kernel", &klen);
        const char *r = json_field(line, "rules", &rlen);
        if (k && r)
            results_add_run(rr, k, klen, r, rlen);
    }
    fclose(f);
    rr->loaded = 1;
    return 0;
}

static const struct rule_stat *results_find(const struct rule_results *rr, const char *rule)
{
    for (size_t i = 0; i < rr->nr; i++)
        if (!strcmp(rr->stats[i].rule, rule))
            return &rr->stats[i];
    return NULL;
}

static const struct scn_node *map_get(const struct scn_node *map, const char *key)
{
    if (!map || map->kind != SCN_NODE_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++) {
        if (!strcmp(map->entries[i].key, key))
            return map->entries[i].value;
    }
    return NULL;
}

static const char *scalar_or(const struct scn_node *n, const char *dflt)
{
    return n && n->kind == SCN_NODE_SCALAR ? n->scalar : dflt;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Print the rules of one catalogue file; returns the count, or -1 on a malformed file. */
static int rules_print_file(const char *path, const char *area_filter, int *total,
                            const struct rule_results *rr, unsigned *exercised,
                            unsigned *per_kernel)
{
    struct scn_tree tree;
    struct scn_error err;
    char buf[1024];
    if (scn_tree_load(path, &tree, &err)) {
        fprintf(stderr, "%s\n", scn_error_format(&err, buf, sizeof(buf)));
        return -1;
    }
    const char *area = scalar_or(map_get(tree.root, "area"), NULL);
    const struct scn_node *rules = map_get(tree.root, "rules");
    if (!area || !rules || rules->kind != SCN_NODE_SEQ) {
        fprintf(stderr, "%s: error: a catalogue file needs 'area' and a 'rules' list\n", path);
        scn_tree_free(&tree);
        return -1;
    }
    if (area_filter && strcmp(area, area_filter)) {
        scn_tree_free(&tree);
        return 0;
    }
    for (size_t i = 0; i < rules->count; i++) {
        const struct scn_node *r = rules->items[i];
        const struct scn_node *k = map_get(r, "kernels");
        char kernels[64] = "";
        for (size_t j = 0; k && k->kind == SCN_NODE_SEQ && j < k->count; j++) {
            strncat(kernels, j ? "," : "", sizeof(kernels) - strlen(kernels) - 1);
            strncat(kernels, scalar_or(k->items[j], "?"), sizeof(kernels) - strlen(kernels) - 1);
        }
        const char *id = scalar_or(map_get(r, "id"), "?");
        const struct rule_stat *st = results_find(rr, id);
        char result[32] = "-";
        if (st) {
            snprintf(result, sizeof(result), "%s/%u", st->fail ? "FAIL" : "pass", st->runs);
            (*exercised)++;
            for (size_t kk = 0; kk < RULES_MAX_KERNELS; kk++)
                per_kernel[kk] += (st->kernel_mask >> kk) & 1u;
        }
        printf("%-14s %-8s %-8s %-9s %s\n", id, scalar_or(map_get(r, "severity"), "?"),
               kernels, result, scalar_or(map_get(r, "statement"), ""));
        (*total)++;
    }
    scn_tree_free(&tree);
    return 0;
}

int cmd_rules(int argc, char **argv)
{
    const char *dir = HVSIM_SOURCE_DIR "/conformance/rules";
    const char *area = NULL, *results = NULL;
    static struct rule_results rr;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("Usage: hvsim rules [--area AREA] [--dir DIR] [--results FILE]\n\n"
                   "Lists the rule catalogue: id, severity, kernels, result, statement.\n"
                   "The RESULT column shows pass or FAIL and the number of runs that judged\n"
                   "the rule, from --results FILE (the JSON of 'hvsim run --json FILE') or,\n"
                   "without it, from the last 'hvsim run' of this build (last-run.json next\n"
                   "to the hvsim executable).\n"
                   "Areas: vmbus util netvsc storvsc input balloon video hvsock vpci uio\n"
                   "simulator.\n");
            return CLI_EXIT_OK;
        } else if (!strcmp(argv[i], "--results") && i + 1 < argc) {
            results = argv[++i];
        } else if (!strcmp(argv[i], "--area") && i + 1 < argc) {
            area = argv[++i];
        } else if (!strcmp(argv[i], "--dir") && i + 1 < argc) {
            dir = argv[++i];
        } else {
            return cli_usage_error("rules: unknown or incomplete option '%s'", argv[i]);
        }
    }
    if (!results && access(cli_last_run_path(), R_OK) == 0) {
        results = cli_last_run_path();
        fprintf(stderr, "hvsim: RESULT column from the last 'hvsim run' of this build: %s "
                "(--results FILE for another run)\n", results);
    } else if (!results) {
        fprintf(stderr, "hvsim: no run yet: 'hvsim run conformance/ --kernel all' (or "
                "--results FILE) fills the RESULT column\n");
    }
    if (results && results_load(&rr, results))
        return CLI_EXIT_USAGE;
    DIR *d = opendir(dir);
    if (!d)
        return cli_usage_error("rules: cannot open catalogue directory %s", dir);
    char *names[64];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 64) {
        size_t len = strlen(de->d_name);
        if (len > 5 && !strcmp(de->d_name + len - 5, ".yaml"))
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(names[0]), cmp_str);
    int total = 0, bad = 0;
    unsigned exercised = 0, per_kernel[RULES_MAX_KERNELS] = {0};
    printf("%-14s %-8s %-8s %-9s %s\n", "RULE", "SEVERITY", "KERNELS", "RESULT", "STATEMENT");
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        if (rules_print_file(path, area, &total, &rr, &exercised, per_kernel))
            bad = 1;
        free(names[i]);
    }
    printf("rules=%d exercised=%u", total, exercised);
    for (size_t k = 0; k < rr.nr_kernels; k++)
        printf(" exercised[%s]=%u", rr.kernels[k], per_kernel[k]);
    putchar('\n');
    if (area && total == 0)
        return cli_usage_error("rules: no rules in area '%s'", area);
    return bad ? CLI_EXIT_USAGE : CLI_EXIT_OK;
}
