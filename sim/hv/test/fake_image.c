// SPDX-License-Identifier: GPL-2.0-only
/*
 * fake_image.c - a minimal "guest image" for the loader test: exports the seam entry (unless
 * FAKE_NO_ENTRY) and reports seam version FAKE_VERSION.
 */
#include "hyp/seam.h"

const struct hyp_guest_ops *hvsim_guest_entry(const struct hyp_host_ops *host);

static int fake_boot(void)
{
    return 0;
}

static void fake_interrupt(uint32_t cpu)
{
}

static void *fake_hook(const char *name)
{
    return 0;
}

static const struct hyp_guest_ops ops = {
    .version = FAKE_VERSION,
    .image_name = "fake",
    .kernel_release = "0.0",
    .build_id = "0000000000000000",
    .boot = fake_boot,
    .interrupt = fake_interrupt,
    .hook = fake_hook,
};

#ifndef FAKE_NO_ENTRY
__attribute__((visibility("default"))) const struct hyp_guest_ops *
hvsim_guest_entry(const struct hyp_host_ops *host)
{
    return host->version == HYP_SEAM_VERSION ? &ops : 0;
}
#else
__attribute__((visibility("default"))) int fake_other_symbol;
#endif
