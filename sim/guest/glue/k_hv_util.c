/* SPDX-License-Identifier: GPL-2.0-only */
/* glue: compiled as module hv_utils, as kbuild would (-DKBUILD_MODNAME) */
#define KBUILD_MODNAME "hv_utils"
#include "drivers/hv/hv_util.c"
