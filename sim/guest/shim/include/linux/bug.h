/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. BUG() ends the run through hyp_host_ops.crash (verdict FAIL);
 * WARN*() emit a "KRT-WARN-001" finding with file:line and continue, as the kernel continues.
 */
#ifndef _SIM_LINUX_BUG_H
#define _SIM_LINUX_BUG_H
#include <linux/compiler.h>
#include <linux/build_bug.h>

void __noreturn sim_bug(const char *file, int line, const char *cond);
void sim_warn(const char *file, int line, const char *cond, const char *fmt, ...)
	__printf(4, 5);

#define BUG() sim_bug(__FILE__, __LINE__, "BUG")
#define BUG_ON(cond) do { if (unlikely(cond)) sim_bug(__FILE__, __LINE__, #cond); } while (0)
#define WARN(cond, fmt...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		sim_warn(__FILE__, __LINE__, #cond, fmt);		\
	unlikely(__ret_warn); })
#define WARN_ON(cond) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		sim_warn(__FILE__, __LINE__, #cond, NULL);		\
	unlikely(__ret_warn); })
#define WARN_ONCE(cond, fmt...) WARN(cond, fmt)
#define WARN_ON_ONCE(cond) WARN_ON(cond)
#define WARN_RATELIMIT(cond, fmt...) WARN(cond, fmt)
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_WARN_ON(cond) WARN_ON(cond)
#endif
