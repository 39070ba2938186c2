/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (no EFI framebuffer) */
#ifndef _SIM_LINUX_EFI_H
#define _SIM_LINUX_EFI_H
#include <linux/types.h>
struct screen_info;
#define EFI_BOOT 0
#define EFI_MEMMAP 4
static inline bool efi_enabled(int feature) { return false; }
#endif
