/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. Tasklets are per-vCPU softirq work run in event context after the
 * interrupt handler (or promptly, through a host timer at the current time, when scheduled
 * from a task). IRQ-line registration is inert: the VMBus interrupt arrives through
 * hv_setup_vmbus_handler() (HYPERVISOR_CALLBACK_VECTOR path), runtime/irq.c.
 */
#ifndef _SIM_LINUX_INTERRUPT_H
#define _SIM_LINUX_INTERRUPT_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/cpumask.h>
#include <linux/irqreturn.h>
#include <linux/hardirq.h>
#include <linux/irqnr.h>

struct tasklet_struct {
	struct tasklet_struct *next;
	unsigned long state;
	atomic_t count;
	bool use_callback;
	union {
		void (*func)(unsigned long data);
		void (*callback)(struct tasklet_struct *t);
	};
	unsigned long data;
	/* simulator state */
	struct list_head sim_entry;
	unsigned int sim_cpu;
};
enum { TASKLET_STATE_SCHED, TASKLET_STATE_RUN };
void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data);
void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *));
void tasklet_schedule(struct tasklet_struct *t);
#define tasklet_hi_schedule tasklet_schedule
void tasklet_kill(struct tasklet_struct *t);
void tasklet_disable(struct tasklet_struct *t);
void tasklet_enable(struct tasklet_struct *t);
#define tasklet_disable_nosync(t) atomic_inc(&(t)->count)
#define tasklet_disable_in_atomic tasklet_disable
#define from_tasklet(var, callback_tasklet, tasklet_fieldname) \
	container_of(callback_tasklet, typeof(*var), tasklet_fieldname)

typedef irqreturn_t (*irq_handler_t)(int irq, void *dev);
#define IRQF_SHARED 0x00000080
#define IRQF_NO_SUSPEND 0x00004000
#define IRQF_NO_THREAD 0x00010000
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev);
void free_irq(unsigned int irq, void *dev_id);
int __request_percpu_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
			 const char *devname, void *percpu_dev_id);
#define request_percpu_irq(irq, h, name, dev) __request_percpu_irq(irq, h, 0, name, dev)
void free_percpu_irq(unsigned int irq, void *dev);
void enable_percpu_irq(unsigned int irq, unsigned int type);
void disable_percpu_irq(unsigned int irq);
int irq_set_affinity_hint(unsigned int irq, const struct cpumask *m);
void add_interrupt_randomness(int irq);
struct irq_desc;
static inline int irq_set_affinity(unsigned int irq, const struct cpumask *m) { return 0; }
#define IRQ_TYPE_NONE 0
#define disable_irq(i) do { } while (0)
#define enable_irq(i) do { } while (0)
#endif
