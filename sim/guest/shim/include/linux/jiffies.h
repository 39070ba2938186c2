/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. jiffies derive from virtual time: HZ = 1000, so one jiffy is 1 ms,
 * starting at INITIAL_JIFFIES (as the kernel does, five minutes before the 32-bit wrap, so
 * wrap bugs show) at virtual time 0. Reading jiffies reads the simulator clock.
 */
#ifndef _SIM_LINUX_JIFFIES_H
#define _SIM_LINUX_JIFFIES_H
#include <linux/types.h>
#include <linux/time64.h>
#include <linux/limits.h>
#include <asm/param.h>

#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))
#define SIM_NSEC_PER_JIFFY (NSEC_PER_SEC / HZ)
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)
#define MAX_SCHEDULE_TIMEOUT LONG_MAX

unsigned long sim_jiffies(void);
#define jiffies sim_jiffies()
#define jiffies_64 ((u64)sim_jiffies())
static inline u64 get_jiffies_64(void) { return sim_jiffies(); }

#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)
#define time_is_before_eq_jiffies(a) time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a) time_before_eq(jiffies, a)
#define time_after64(a, b) ((s64)((b) - (a)) < 0)
#define time_before64(a, b) time_after64(b, a)

static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return m; /* HZ == 1000 */
}
static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return (u + 999) / 1000;
}
static inline unsigned long nsecs_to_jiffies(u64 n) { return n / SIM_NSEC_PER_JIFFY; }
static inline u64 nsecs_to_jiffies64(u64 n) { return n / SIM_NSEC_PER_JIFFY; }
static inline unsigned int jiffies_to_msecs(const unsigned long j) { return j; }
static inline unsigned int jiffies_to_usecs(const unsigned long j) { return j * 1000; }
static inline u64 jiffies_to_nsecs(const unsigned long j) { return (u64)j * SIM_NSEC_PER_JIFFY; }
static inline u64 jiffies64_to_nsecs(u64 j) { return j * SIM_NSEC_PER_JIFFY; }
static inline unsigned long secs_to_jiffies(unsigned long s) { return s * HZ; }
#define round_jiffies(j) (j)
#define round_jiffies_relative(j) (j)
#define round_jiffies_up(j) (j)
#define round_jiffies_up_relative(j) (j)
#endif
