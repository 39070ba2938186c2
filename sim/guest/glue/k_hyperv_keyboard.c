/* SPDX-License-Identifier: GPL-2.0-only */
/* glue: compiled as module hyperv_keyboard, as kbuild would (-DKBUILD_MODNAME) */
#define KBUILD_MODNAME "hyperv_keyboard"
#include "drivers/input/serio/hyperv-keyboard.c"
