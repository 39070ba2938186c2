/* SPDX-License-Identifier: GPL-2.0-only */
/* glue: compiled as module reciprocal_div, as kbuild would (-DKBUILD_MODNAME) */
#define KBUILD_MODNAME "reciprocal_div"
#include "lib/math/reciprocal_div.c"
