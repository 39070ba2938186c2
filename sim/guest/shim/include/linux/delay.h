/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. Delays advance virtual time: msleep/usleep_range block the task
 * until the deadline; udelay/mdelay (busy waits) yield until then (also from a task only;
 * in event context they are findings, as a long busy wait in IRQ context would be).
 */
#ifndef _SIM_LINUX_DELAY_H
#define _SIM_LINUX_DELAY_H
#include <linux/types.h>
#define MAX_UDELAY_MS 5
void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range(unsigned long min, unsigned long max);
#define usleep_range_state(min, max, state) usleep_range(min, max)
void sim_udelay(unsigned long usecs);
#define udelay(n) sim_udelay(n)
#define ndelay(n) sim_udelay(((n) + 999) / 1000)
#define mdelay(n) sim_udelay((unsigned long)(n) * 1000)
static inline void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep((usecs + 999) / 1000);
}
#define ssleep(s) msleep((s) * 1000)
#endif
