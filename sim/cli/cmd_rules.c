/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_rules.c - `hvsim rules`: the rule catalogue (conformance/rules/ (one YAML file per area)).
 *
 * Reads every catalogue file with the strict YAML loader and prints one line per rule:
 * id, severity, kernels, statement. The per-rule exercised/result columns are filled from a
 * results file once the runner produces one (--results); without it they read "-".
 */
#include "cli.h"
#include "scn/yaml_tree.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

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
static int rules_print_file(const char *path, const char *area_filter, int *total)
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
        printf("%-14s %-8s %-8s %-9s %s\n", scalar_or(map_get(r, "id"), "?"),
               scalar_or(map_get(r, "severity"), "?"), kernels, "-",
               scalar_or(map_get(r, "statement"), ""));
        (*total)++;
    }
    scn_tree_free(&tree);
    return 0;
}

int cmd_rules(int argc, char **argv)
{
    const char *dir = HVSIM_SOURCE_DIR "/conformance/rules";
    const char *area = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("Usage: hvsim rules [--area AREA] [--dir DIR]\n\n"
                   "Lists the rule catalogue: id, severity, kernels, result, statement.\n"
                   "Areas: vmbus util netvsc storvsc input balloon video hvsock vpci uio.\n");
            return CLI_EXIT_OK;
        } else if (!strcmp(argv[i], "--area") && i + 1 < argc) {
            area = argv[++i];
        } else if (!strcmp(argv[i], "--dir") && i + 1 < argc) {
            dir = argv[++i];
        } else {
            return cli_usage_error("rules: unknown or incomplete option '%s'", argv[i]);
        }
    }
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
    printf("%-14s %-8s %-8s %-9s %s\n", "RULE", "SEVERITY", "KERNELS", "RESULT", "STATEMENT");
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        if (rules_print_file(path, area, &total))
            bad = 1;
        free(names[i]);
    }
    printf("rules=%d exercised=0\n", total);
    if (area && total == 0)
        return cli_usage_error("rules: no rules in area '%s'", area);
    return bad ? CLI_EXIT_USAGE : CLI_EXIT_OK;
}
