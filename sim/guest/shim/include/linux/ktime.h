/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (ktime from virtual time: monotonic = simulator ns since start) */
#ifndef _SIM_LINUX_KTIME_H
#define _SIM_LINUX_KTIME_H
#include <linux/types.h>
#include <linux/time64.h>
#include <linux/jiffies.h>
typedef s64 ktime_t;
ktime_t ktime_get(void);
ktime_t ktime_get_real(void);
ktime_t ktime_get_boottime(void);
void ktime_get_real_ts64(struct timespec64 *ts);
void ktime_get_ts64(struct timespec64 *ts);
int do_settimeofday64(const struct timespec64 *ts);
time64_t ktime_get_real_seconds(void);
time64_t ktime_get_seconds(void);
static inline u64 ktime_get_ns(void) { return ktime_get(); }
static inline u64 ktime_get_real_ns(void) { return ktime_get_real(); }
static inline u64 ktime_get_boottime_ns(void) { return ktime_get_boottime(); }
u64 local_clock(void);
u64 sched_clock(void);
#define ktime_set(s, ns) ((ktime_t)(s) * NSEC_PER_SEC + (ns))
#define ktime_add(a, b) ((a) + (b))
#define ktime_sub(a, b) ((a) - (b))
#define ktime_add_ns(k, ns) ((k) + (ns))
#define ktime_add_us(k, us) ((k) + (us) * NSEC_PER_USEC)
#define ktime_add_ms(k, ms) ((k) + (ms) * NSEC_PER_MSEC)
#define ktime_to_ns(k) ((s64)(k))
#define ktime_to_us(k) ((s64)(k) / NSEC_PER_USEC)
#define ktime_to_ms(k) ((s64)(k) / NSEC_PER_MSEC)
#define ns_to_ktime(ns) ((ktime_t)(ns))
#define ms_to_ktime(ms) ((ktime_t)(ms) * NSEC_PER_MSEC)
#define us_to_ktime(us) ((ktime_t)(us) * NSEC_PER_USEC)
#define ktime_compare(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)
#define ktime_before(a, b) ((a) < (b))
#define ktime_after(a, b) ((a) > (b))
#define ktime_us_delta(l, e) (((l) - (e)) / NSEC_PER_USEC)
#define ktime_ms_delta(l, e) (((l) - (e)) / NSEC_PER_MSEC)
#define ktime_to_timespec64(k) ns_to_timespec64(k)
#endif
