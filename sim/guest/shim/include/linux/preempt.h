/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (preemption counts toward atomic context; runtime/sync.c) */
#ifndef _SIM_LINUX_PREEMPT_H
#define _SIM_LINUX_PREEMPT_H
void sim_preempt_disable(void);
void sim_preempt_enable(void);
int sim_in_interrupt(void);
int sim_in_atomic(void);
#define preempt_disable() sim_preempt_disable()
#define preempt_enable() sim_preempt_enable()
#define preempt_enable_no_resched() sim_preempt_enable()
#define migrate_disable() sim_preempt_disable()
#define migrate_enable() sim_preempt_enable()
#define in_interrupt() sim_in_interrupt()
#define in_irq() sim_in_interrupt()
#define in_hardirq() sim_in_interrupt()
#define in_softirq() sim_in_interrupt()
#define in_serving_softirq() sim_in_interrupt()
#define in_task() (!sim_in_interrupt())
#define in_atomic() sim_in_atomic()
#define preemptible() (!sim_in_atomic())
#endif
