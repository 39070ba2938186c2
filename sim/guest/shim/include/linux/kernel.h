/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: copied + stub. The grab-bag of include/linux/kernel.h: it pulls in what the kernel's
 * kernel.h pulls in (the drivers rely on that transitively), plus formatting and parsing
 * helpers implemented in runtime/vsprintf.c and runtime/lib.c.
 */
#ifndef _SIM_LINUX_KERNEL_H
#define _SIM_LINUX_KERNEL_H
#include <linux/stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/bitops.h>
#include <linux/limits.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/overflow.h>
#include <linux/kstrtox.h>
#include <linux/panic.h>
#include <linux/instruction_pointer.h>
#include <asm/byteorder.h>
#include <asm/barrier.h>
#include <asm/param.h>

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))
#define ALIGN(x, a) __ALIGN_KERNEL((x), (a))
#define ALIGN_DOWN(x, a) __ALIGN_KERNEL((x) - ((a) - 1), (a))
#define PTR_ALIGN(p, a) ((typeof(p))ALIGN((unsigned long)(p), (a)))
#define PTR_ALIGN_DOWN(p, a) ((typeof(p))ALIGN_DOWN((unsigned long)(p), (a)))
#define IS_ALIGNED(x, a) (((x) & ((typeof(x))(a) - 1)) == 0)
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define upper_16_bits(n) ((u16)((n) >> 16))
#define lower_16_bits(n) ((u16)((n) & 0xffff))
#define REPEAT_BYTE(x) ((~0ul / 0xff) * (x))
#define COUNT_ARGS(X...) __COUNT_ARGS(, ##X, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)
#define __COUNT_ARGS(_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _n, X...) _n
#define CONCATENATE(a, b) __CONCAT(a, b)
#define __CONCAT(a, b) a ## b
#define might_sleep() sim_might_sleep(__FILE__, __LINE__)
#define might_sleep_if(cond) do { if (cond) might_sleep(); } while (0)
#define cant_sleep() do { } while (0)
#define might_fault() do { } while (0)
#define cond_resched() sim_cond_resched()
#define sched_annotate_sleep() do { } while (0)
#define lockdep_assert_held(l) do { (void)(l); } while (0)
#define lockdep_assert_not_held(l) do { (void)(l); } while (0)
#define lockdep_assert_irqs_disabled() do { } while (0)
#define lockdep_assert_cpus_held() do { } while (0)
#define SYSTEM_RUNNING 2
#define system_state SYSTEM_RUNNING
#define TAINT_WARN 9
#define LOCKDEP_STILL_OK 0
#define add_taint(flag, lockdep) do { } while (0)
void sim_might_sleep(const char *file, int line);
int sim_cond_resched(void);

__printf(2, 3) char *kasprintf(gfp_t gfp, const char *fmt, ...);
__printf(2, 0) char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);
__scanf(2, 3) int sscanf(const char *buf, const char *fmt, ...);
/*
 * The runtime implements the kernel's vsnprintf (runtime/vsprintf.c) under our own names:
 * the kernel-world names are redirected there, so a libc printf never sees %pUl.
 */
#define snprintf sim_snprintf
#define vsnprintf sim_vsnprintf
#define scnprintf sim_scnprintf
#define vscnprintf sim_vscnprintf
#define sprintf sim_sprintf
#define vsprintf sim_vsprintf
__printf(3, 4) int sim_snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int sim_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int sim_scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int sim_vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 3) int sim_sprintf(char *buf, const char *fmt, ...);
__printf(2, 0) int sim_vsprintf(char *buf, const char *fmt, va_list args);

#define hex_asc_lo(x) "0123456789abcdef"[((x) & 0x0f)]
#define hex_asc_hi(x) "0123456789abcdef"[((x) & 0xf0) >> 4]
int hex_to_bin(unsigned char ch);
char *bin2hex(char *dst, const void *src, size_t count);
int hex2bin(u8 *dst, const char *src, size_t count);

static inline u32 reciprocal_scale(u32 val, u32 ep_ro)
{
	return (u32)(((u64)val * ep_ro) >> 32);
}
#define _RET_IP_ 0UL
#define _THIS_IP_ 0UL
#endif
