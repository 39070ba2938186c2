/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_SCREEN_INFO_H
#define _SIM_LINUX_SCREEN_INFO_H
#include <linux/types.h>
struct screen_info {
	u8 orig_video_isVGA;
	u32 lfb_base;
	u32 ext_lfb_base;
	u32 lfb_size;
	u8 capabilities;
};
#define VIDEO_TYPE_VLFB 0x23
#define VIDEO_TYPE_EFI 0x70
#define VIDEO_CAPABILITY_64BIT_BASE (1 << 1)
extern struct screen_info screen_info;
static inline u64 __screen_info_lfb_base(const struct screen_info *si)
{
	return si->lfb_base | ((u64)si->ext_lfb_base << 32);
}
#endif
