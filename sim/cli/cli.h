/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli.h - shared pieces of the hvsim command line.
 *
 * Exit codes (the contract other tools rely on, see DESIGN.md):
 *   0  everything passed / the command did what was asked
 *   1  a run failed (a finding, a FAIL verdict)
 *   2  bad input: unknown command or option, unreadable file, malformed scenario
 */
#ifndef HVSIM_CLI_H
#define HVSIM_CLI_H

#include <stdio.h>

enum {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAIL = 1,
    CLI_EXIT_USAGE = 2,
};

/* Each subcommand gets argv starting at its own name (argv[0] = "bench"). */
int cmd_run(int argc, char **argv);
int cmd_boot(int argc, char **argv);
int cmd_bench(int argc, char **argv);
int cmd_kernels(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_trace(int argc, char **argv);

/* Print "hvsim: <msg>" to stderr and return CLI_EXIT_USAGE. printf-style. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Directory holding the hvsim executable (for finding guest images next to it). */
const char *cli_exe_dir(void);

/* The JSON summary of the latest `hvsim run` of this build: <exe dir>/last-run.json, which
 * `hvsim rules` reads when no --results is given. */
const char *cli_last_run_path(void);

#endif
