/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (UTF-8/UTF-16 conversion, runtime/lib.c) */
#ifndef _SIM_LINUX_NLS_H
#define _SIM_LINUX_NLS_H
#include <linux/types.h>
typedef u16 wchar_t;
typedef u32 unicode_t;
enum utf16_endian { UTF16_HOST_ENDIAN, UTF16_LITTLE_ENDIAN, UTF16_BIG_ENDIAN };
int utf8s_to_utf16s(const u8 *s, int len, enum utf16_endian endian, wchar_t *pwcs,
		    int maxlen);
int utf16s_to_utf8s(const wchar_t *pwcs, int len, enum utf16_endian endian, u8 *s,
		    int maxlen);
#endif
