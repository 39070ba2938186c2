/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * images.h - the guest images of this build, from the manifest sim/guest writes
 * (<exe dir>/guest/images.txt, or $HVSIM_IMAGES when set: one image per line,
 * name<TAB>kernel_release<TAB>build_id<TAB>path; '#' lines are comments).
 */
#ifndef HVSIM_CLI_IMAGES_H
#define HVSIM_CLI_IMAGES_H

#include <stddef.h>

#define CLI_MAX_IMAGES 32

struct cli_image {
    char name[64];
    char release[64];
    char build_id[64];
    char path[1024];
};

struct cli_images {
    struct cli_image items[CLI_MAX_IMAGES];
    size_t count;
    char manifest[1024];
};

/* Load the manifest. Returns 0, or -1 with a message on stderr (missing or malformed). */
int cli_images_load(struct cli_images *imgs);
const struct cli_image *cli_images_find(const struct cli_images *imgs, const char *name);

#endif
