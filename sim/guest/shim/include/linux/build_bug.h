/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (include/linux/build_bug.h, with BUILD_BUG_ON as _Static_assert-like) */
#ifndef _SIM_LINUX_BUILD_BUG_H
#define _SIM_LINUX_BUILD_BUG_H
#include <linux/compiler.h>
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int:(-!!(e)); })))
#define BUILD_BUG_ON_MSG(cond, msg) \
	do { extern void __sim_bbo(void) __compiletime_error(msg); \
	     if (cond) __sim_bbo(); } while (0)
#define BUILD_BUG_ON(condition) \
	BUILD_BUG_ON_MSG(condition, "BUILD_BUG_ON failed: " #condition)
#define BUILD_BUG_ON_NOT_POWER_OF_2(n) BUILD_BUG_ON((n) == 0 || (((n) & ((n) - 1)) != 0))
#define BUILD_BUG() BUILD_BUG_ON_MSG(1, "BUILD_BUG failed")
#define BUILD_BUG_ON_INVALID(e) ((void)(sizeof((__force long)(e))))
#define static_assert(expr, ...) __static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...) _Static_assert(expr, msg)
#endif
