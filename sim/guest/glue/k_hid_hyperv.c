/* SPDX-License-Identifier: GPL-2.0-only */
/* glue: compiled as module hid_hyperv, as kbuild would (-DKBUILD_MODNAME) */
#define KBUILD_MODNAME "hid_hyperv"
#include "drivers/hid/hid-hyperv.c"
