/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_kernels.c - `hvsim kernels`: list the guest images of this build.
 *
 * The images and their manifest are produced by sim/guest at build time; the manifest
 * lives next to the executable as guest/images.txt (format in sim/guest/README.md).
 */
#include "cli.h"

#include <string.h>

int cmd_kernels(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("Usage: hvsim kernels\n\nLists guest images: name, kernel release, build id.\n");
            return CLI_EXIT_OK;
        }
        return cli_usage_error("kernels: unknown option '%s'", argv[i]);
    }
    char path[4096];
    snprintf(path, sizeof(path), "%s/guest/images.txt", cli_exe_dir());
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "hvsim: no guest images in this build (%s missing)\n", path);
        return CLI_EXIT_FAIL;
    }
    char line[4096];
    while (fgets(line, sizeof(line), f)) {
        if (line[0] == '#')
            continue;
        fputs(line, stdout);
    }
    fclose(f);
    return CLI_EXIT_OK;
}
