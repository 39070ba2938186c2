/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (no isolated CPUs: every housekeeping mask is cpu_possible_mask) */
#ifndef _SIM_LINUX_SCHED_ISOLATION_H
#define _SIM_LINUX_SCHED_ISOLATION_H
#include <linux/cpumask.h>
enum hk_type { HK_TYPE_TIMER, HK_TYPE_RCU, HK_TYPE_MISC, HK_TYPE_SCHED, HK_TYPE_TICK,
	       HK_TYPE_DOMAIN, HK_TYPE_WQ, HK_TYPE_MANAGED_IRQ, HK_TYPE_KTHREAD };
static inline const struct cpumask *housekeeping_cpumask(enum hk_type type)
{
	return cpu_possible_mask;
}
static inline bool housekeeping_cpu(int cpu, enum hk_type type) { return true; }
#endif
