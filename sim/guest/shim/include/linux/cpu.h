/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (cpuhp states: startup callbacks run for every online vCPU) */
#ifndef _SIM_LINUX_CPU_H
#define _SIM_LINUX_CPU_H
#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/cpuhotplug.h>
#include <linux/smp.h>
#include <linux/node.h>
struct device;
void cpus_read_lock(void);
void cpus_read_unlock(void);
#define get_online_cpus() cpus_read_lock()
#define put_online_cpus() cpus_read_unlock()
#define lockdep_assert_cpus_held() do { } while (0)
int add_cpu(unsigned int cpu);
int remove_cpu(unsigned int cpu);
#endif
