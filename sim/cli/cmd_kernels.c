/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmd_kernels.c - `hvsim kernels`: list the guest images of this build.
 */
#include "cli.h"
#include "images.h"

#include <string.h>

int cmd_kernels(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("Usage: hvsim kernels\n\n"
                   "Lists the guest images of this build: name, kernel release, build id and\n"
                   "the shared object. Use the name with --kernel.\n");
            return CLI_EXIT_OK;
        }
        return cli_usage_error("kernels: unknown option '%s'", argv[i]);
    }
    struct cli_images imgs;
    if (cli_images_load(&imgs))
        return CLI_EXIT_FAIL;
    printf("%-14s %-12s %-18s %s\n", "NAME", "KERNEL", "BUILD-ID", "IMAGE");
    for (size_t i = 0; i < imgs.count; i++)
        printf("%-14s %-12s %-18s %s\n", imgs.items[i].name, imgs.items[i].release,
               imgs.items[i].build_id, imgs.items[i].path);
    return CLI_EXIT_OK;
}
