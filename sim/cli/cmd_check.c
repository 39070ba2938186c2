/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_check.c - `hvsim check FILE...`: validate scenario files without running them.
 *
 * Prints "ok <file> <id>" per valid file; the first error of an invalid file as
 * "file:line:col: error: ..." on stderr. Exit 0 if all are valid, 2 otherwise.
 */
#include "cli.h"
#include "exec/exec.h"
#include "scn/scenario.h"

#include <stdlib.h>
#include <string.h>

int cmd_check(int argc, char **argv)
{
    int nr_files = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("Usage: hvsim check FILE...\n\n"
                   "Validates scenario files (format: conformance/README.md) and reports the\n"
                   "first error of each as file:line:col. Exit 0 all valid, 2 otherwise.\n");
            return CLI_EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("check: unknown option '%s'", argv[i]);
    }
    struct scn_scenario *s = malloc(sizeof(*s));
    if (!s)
        return cli_usage_error("check: out of memory");
    for (int i = 1; i < argc; i++) {
        struct scn_error err;
        char buf[1024];
        nr_files++;
        if (scn_load(argv[i], s, &err)) {
            fprintf(stderr, "%s\n", scn_error_format(&err, buf, sizeof(buf)));
            bad++;
            continue;
        }
        if (exec_validate(s, &err)) { /* what the executor can do (actions, faults, ...) */
            fprintf(stderr, "%s\n", scn_error_format(&err, buf, sizeof(buf)));
            scn_free(s);
            bad++;
            continue;
        }
        printf("ok %s %s\n", argv[i], s->id);
        scn_free(s);
    }
    free(s);
    if (nr_files == 0)
        return cli_usage_error("check: no scenario files given");
    return bad ? CLI_EXIT_USAGE : CLI_EXIT_OK;
}
