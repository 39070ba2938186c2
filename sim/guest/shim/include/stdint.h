/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub. Shadows <stdint.h> for kernel-world code (seam.h includes it). */
#ifndef _SIM_STDINT_H
#define _SIM_STDINT_H
#include <linux/types.h>
#define UINT64_C(c) c##ULL
#define INT64_C(c) c##LL
#define UINT32_MAX 0xffffffffu
#define UINT64_MAX 0xffffffffffffffffull
#define INT32_MAX 0x7fffffff
#endif
