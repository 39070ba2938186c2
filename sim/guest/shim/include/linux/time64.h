/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (include/linux/time64.h + vdso/time64.h constants) */
#ifndef _SIM_LINUX_TIME64_H
#define _SIM_LINUX_TIME64_H
#include <linux/types.h>
#include <linux/math64.h>
#include <vdso/time64.h>
struct timespec64 {
	time64_t tv_sec;
	long tv_nsec;
};
#define KTIME_MAX ((s64)~((u64)1 << 63))
#define KTIME_SEC_MAX (KTIME_MAX / NSEC_PER_SEC)
#define TIME64_MAX ((s64)~((u64)1 << 63))
struct timespec64 ns_to_timespec64(s64 nsec);
static inline int timespec64_compare(const struct timespec64 *lhs,
				     const struct timespec64 *rhs)
{
	if (lhs->tv_sec < rhs->tv_sec)
		return -1;
	if (lhs->tv_sec > rhs->tv_sec)
		return 1;
	return lhs->tv_nsec - rhs->tv_nsec;
}
static inline s64 timespec64_to_ns(const struct timespec64 *ts)
{
	return ((s64)ts->tv_sec * NSEC_PER_SEC) + ts->tv_nsec;
}
#endif
