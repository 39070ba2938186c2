/* SPDX-License-Identifier: GPL-2.0-only */
/* glue: compiled as module find_bit, as kbuild would (-DKBUILD_MODNAME) */
#define KBUILD_MODNAME "find_bit"
#include "lib/find_bit.c"
