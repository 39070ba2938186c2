/* SPDX-License-Identifier: GPL-2.0-only */
/* glue: compiled as module hv_vmbus, as kbuild would (-DKBUILD_MODNAME) */
#define KBUILD_MODNAME "hv_vmbus"
#include "drivers/hv/connection.c"
