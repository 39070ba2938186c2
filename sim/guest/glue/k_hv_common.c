/* SPDX-License-Identifier: GPL-2.0-only */
/* glue: compiled as module hv_common, as kbuild would (-DKBUILD_MODNAME) */
#define KBUILD_MODNAME "hv_common"
#include "drivers/hv/hv_common.c"
