/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * main.c - hvsim entry point: global options and subcommand dispatch.
 *
 * Owns nothing but argument routing; each subcommand lives in cmd_<name>.c and returns
 * one of the exit codes of cli.h.
 */
#include "cli.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cli_command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
};

static const struct cli_command cli_commands[] = {
    {"boot", cmd_boot, "boot one guest image against the default host and summarise"},
    {"run", cmd_run, "run scenario files or folders; TAP, JUnit, JSON and Markdown reports"},
    {"bench", cmd_bench, "measure engine performance; prints name=value lines"},
    {"kernels", cmd_kernels, "list the guest images (kernel trees) this build provides"},
    {"trace", cmd_trace, "show or diff canonical traces"},
    {"rules", cmd_rules, "list the conformance rule catalogue"},
    {"check", cmd_check, "validate scenario files (exit 2 with file:line:col on errors)"},
};

#define CLI_NR_COMMANDS (sizeof(cli_commands) / sizeof(cli_commands[0]))

static void cli_print_help(FILE *out)
{
    fprintf(out,
            "Usage: hvsim [--help] [--version] <command> [options]\n"
            "\n"
            "hvsim is a deterministic simulator of the host side of Hyper-V VMBus. It runs the\n"
            "real Linux guest drivers, compiled for userspace, against simulated host devices,\n"
            "in virtual time.\n"
            "\n"
            "Commands:\n");
    for (size_t i = 0; i < CLI_NR_COMMANDS; i++)
        fprintf(out, "  %-10s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fprintf(out, "\n"
                 "Run 'hvsim <command> --help' for the options of a command.\n"
                 "Exit status: 0 success, 1 a run failed, 2 bad input or usage.\n");
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("hvsim: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return CLI_EXIT_USAGE;
}

const char *cli_exe_dir(void)
{
    static char dir[PATH_MAX];
    if (dir[0])
        return dir;
    ssize_t n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
    if (n <= 0) {
        strcpy(dir, ".");
        return dir;
    }
    dir[n] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    return dir;
}

const char *cli_last_run_path(void)
{
    static char path[PATH_MAX + 16];
    snprintf(path, sizeof(path), "%s/last-run.json", cli_exe_dir());
    return path;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_print_help(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        cli_print_help(stdout);
        return CLI_EXIT_OK;
    }
    if (!strcmp(cmd, "--version")) {
        printf("hvsim %s\n", HVSIM_VERSION);
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < CLI_NR_COMMANDS; i++) {
        if (!strcmp(cmd, cli_commands[i].name))
            return cli_commands[i].fn(argc - 1, argv + 1);
    }
    return cli_usage_error("unknown command '%s' (try 'hvsim --help')", cmd);
}

#ifdef __SANITIZE_ADDRESS__
/*
 * ASan builds: a guest fault inside a run is caught by the run's own handler (sim/exec) and
 * becomes that run's crash verdict; ASan must let it install that handler.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "allow_user_segv_handler=1";
}
#endif
