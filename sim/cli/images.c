/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * images.c - reads the guest image manifest (format in images.h).
 */
#include "images.h"
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int parse_line(char *line, struct cli_image *img)
{
    char *fields[4];
    char *save = NULL;
    line[strcspn(line, "\r\n")] = '\0';
    for (int i = 0; i < 4; i++) {
        fields[i] = strtok_r(i ? NULL : line, "\t", &save);
        if (!fields[i])
            return -1;
    }
    snprintf(img->name, sizeof(img->name), "%s", fields[0]);
    snprintf(img->release, sizeof(img->release), "%s", fields[1]);
    snprintf(img->build_id, sizeof(img->build_id), "%s", fields[2]);
    snprintf(img->path, sizeof(img->path), "%s", fields[3]);
    return 0;
}

int cli_images_load(struct cli_images *imgs)
{
    memset(imgs, 0, sizeof(*imgs));
    const char *env = getenv("HVSIM_IMAGES");
    if (env && env[0])
        snprintf(imgs->manifest, sizeof(imgs->manifest), "%s", env);
    else
        snprintf(imgs->manifest, sizeof(imgs->manifest), "%s/guest/images.txt", cli_exe_dir());
    FILE *f = fopen(imgs->manifest, "r");
    if (!f) {
        fprintf(stderr, "hvsim: no guest image manifest at %s (build the guest images, or set "
                        "HVSIM_IMAGES)\n", imgs->manifest);
        return -1;
    }
    char line[2048];
    unsigned lineno = 0;
    int rc = 0;
    while (fgets(line, sizeof(line), f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (imgs->count == CLI_MAX_IMAGES || parse_line(line, &imgs->items[imgs->count])) {
            fprintf(stderr, "%s:%u: error: malformed manifest line\n", imgs->manifest, lineno);
            rc = -1;
            break;
        }
        imgs->count++;
    }
    fclose(f);
    return rc;
}

const struct cli_image *cli_images_find(const struct cli_images *imgs, const char *name)
{
    for (size_t i = 0; i < imgs->count; i++) {
        if (!strcmp(imgs->items[i].name, name))
            return &imgs->items[i];
    }
    return NULL;
}
