/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (panic ends the run through hyp_host_ops.crash) */
#ifndef _SIM_LINUX_PANIC_H
#define _SIM_LINUX_PANIC_H
#include <linux/compiler.h>
__printf(1, 2) void __noreturn panic(const char *fmt, ...);
extern int panic_timeout;
extern unsigned long panic_print;
extern int sysctl_panic_on_oops;
extern bool crash_kexec_post_notifiers;
extern int panic_on_oops;
extern int oops_in_progress;
#endif
