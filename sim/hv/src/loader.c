// SPDX-License-Identifier: GPL-2.0-only
/*
 * loader.c - guest image loading: dlopen(RTLD_NOW | RTLD_LOCAL), entry symbol lookup and the
 * seam version handshake. Owns the dl handle. Every failure is a clear message (the CLI turns
 * it into exit code 2: bad input, not a finding).
 */
#define _GNU_SOURCE
#include <assert.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyp/host.h"

struct hyp_image {
    void *dl;
    hyp_seam_entry_fn entry;
    char path[512];
};

struct hyp_image *hyp_image_open(const char *path, char *err, size_t err_len)
{
    void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        const char *e = dlerror();
        snprintf(err, err_len, "cannot load guest image %s: %s", path, e ? e : "unknown");
        return NULL;
    }
    dlerror();
    void *sym = dlsym(dl, HYP_SEAM_ENTRY_SYMBOL);
    if (!sym) {
        snprintf(err, err_len, "guest image %s does not export %s", path,
                 HYP_SEAM_ENTRY_SYMBOL);
        dlclose(dl);
        return NULL;
    }
    struct hyp_image *img = calloc(1, sizeof(*img));
    assert(img);
    img->dl = dl;
    /* POSIX dlsym() returns object pointers that are valid function pointers. */
    memcpy(&img->entry, &sym, sizeof(sym));
    snprintf(img->path, sizeof(img->path), "%s", path);
    return img;
}

const struct hyp_guest_ops *hyp_image_start(struct hyp_image *img,
                                            const struct hyp_host_ops *host, char *err,
                                            size_t err_len)
{
    const struct hyp_guest_ops *g = img->entry(host);
    if (!g) {
        snprintf(err, err_len, "guest image %s refused the host (seam version %u)", img->path,
                 HYP_SEAM_VERSION);
        return NULL;
    }
    if (g->version != HYP_SEAM_VERSION) {
        snprintf(err, err_len, "guest image %s was built for seam version %u, this simulator "
                 "speaks %u: rebuild the image", img->path, g->version, HYP_SEAM_VERSION);
        return NULL;
    }
    if (!g->boot || !g->interrupt || !g->hook) {
        snprintf(err, err_len, "guest image %s returned an incomplete operations table",
                 img->path);
        return NULL;
    }
    return g;
}

void hyp_image_close(struct hyp_image *img)
{
    if (!img)
        return;
    dlclose(img->dl);
    free(img);
}
