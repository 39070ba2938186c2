/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (the current vCPU is the running seam task's, or the interrupted one) */
#ifndef _SIM_LINUX_SMP_H
#define _SIM_LINUX_SMP_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/threads.h>
unsigned int sim_cpu_id(void);
#define smp_processor_id() ((int)sim_cpu_id())
#define raw_smp_processor_id() smp_processor_id()
#define get_cpu() ({ preempt_disable(); smp_processor_id(); })
#define put_cpu() preempt_enable()
typedef void (*smp_call_func_t)(void *info);
int smp_call_function_single(int cpuid, smp_call_func_t func, void *info, int wait);
void on_each_cpu(smp_call_func_t func, void *info, int wait);
#define on_each_cpu_mask(mask, func, info, wait) on_each_cpu(func, info, wait)
#include <linux/preempt.h>
#endif
