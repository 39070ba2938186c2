/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (include/linux/math.h, the parts used) */
#ifndef _SIM_LINUX_MATH_H
#define _SIM_LINUX_MATH_H
#include <linux/types.h>
#define __round_mask(x, y) ((__typeof__(x))((y) - 1))
#define round_up(x, y) ((((x) - 1) | __round_mask(x, y)) + 1)
#define round_down(x, y) ((x) & ~__round_mask(x, y))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define DIV_ROUND_UP_ULL(ll, d) DIV_ROUND_UP((unsigned long long)(ll), (d))
#define DIV_ROUND_DOWN_ULL(ll, d) ((unsigned long long)(ll) / (d))
#define DIV_ROUND_CLOSEST(x, d) (((x) + ((d) / 2)) / (d))
#define roundup(x, y) ((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y) ((x) - ((x) % (y)))
#define abs(x) __builtin_choose_expr(sizeof(x) == sizeof(long long), \
	__builtin_llabs(x), __builtin_abs(x))
#define swap(a, b) do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
#include <linux/math64.h>
#define mult_frac(x, n, d) ((x) / (d) * (n) + ((x) % (d)) * (n) / (d))
#endif
