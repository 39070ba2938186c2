/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. printk and the pr_* family go to runtime/printk.c, which formats
 * with the runtime's vsnprintf (kernel %p extensions) and emits a "guest.printk" trace
 * record with the log level. Rate limiting is not applied (a simulation wants every line).
 */
#ifndef _SIM_LINUX_PRINTK_H
#define _SIM_LINUX_PRINTK_H
#include <linux/compiler.h>
#include <linux/stdarg.h>

#define KERN_SOH "\001"
#define KERN_SOH_ASCII '\001'
#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"

__printf(1, 2) int _printk(const char *fmt, ...);
__printf(1, 0) int vprintk(const char *fmt, va_list args);
#define printk(fmt, ...) _printk(fmt, ##__VA_ARGS__)
#define no_printk(fmt, ...) ({ if (0) _printk(fmt, ##__VA_ARGS__); 0; })

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_devel(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_ratelimited pr_err
#define pr_warn_ratelimited pr_warn
#define pr_info_ratelimited pr_info
#define pr_notice_ratelimited pr_notice
#define pr_debug_ratelimited pr_debug
#define pr_err_once pr_err
#define pr_warn_once pr_warn
#define pr_info_once pr_info
#define printk_ratelimited printk
#define printk_once printk
#define printk_ratelimit() 1
#define console_loglevel 7
#define CONSOLE_LOGLEVEL_DEFAULT 7

struct ratelimit_state {
	int interval;
	int burst;
};
#define DEFINE_RATELIMIT_STATE(name, i, b) struct ratelimit_state name = { (i), (b) }
#define __ratelimit(rs) 1
#define DEFAULT_RATELIMIT_INTERVAL (5 * HZ)
#define DEFAULT_RATELIMIT_BURST 10

enum { DUMP_PREFIX_NONE, DUMP_PREFIX_ADDRESS, DUMP_PREFIX_OFFSET };
void print_hex_dump(const char *level, const char *prefix_str, int prefix_type,
		    int rowsize, int groupsize, const void *buf, size_t len, bool ascii);
#define print_hex_dump_debug(p, t, r, g, b, l, a) \
	print_hex_dump(KERN_DEBUG, p, t, r, g, b, l, a)
void dump_stack(void);
#endif
