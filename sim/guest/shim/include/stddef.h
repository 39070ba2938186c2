/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: stub. Shadows gcc's <stddef.h> for kernel-world code (seam.h includes it): the
 * kernel's own definitions, so gcc's wchar_t never meets include/linux/nls.h.
 */
#ifndef _SIM_STDDEF_H
#define _SIM_STDDEF_H
#include <linux/types.h>
#endif
