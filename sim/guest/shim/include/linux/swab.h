/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (byte swapping, via asm/byteorder.h) */
#include <asm/byteorder.h>
