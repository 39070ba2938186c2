/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. timer_list on hyp_host_ops timers: mod_timer arms a host timer at the
 * exact virtual time the expiry jiffy begins; the callback runs in event (softirq) context
 * on the timer's vCPU (runtime/timer.c). No wheel slack is modelled.
 */
#ifndef _SIM_LINUX_TIMER_H
#define _SIM_LINUX_TIMER_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/stddef.h>

struct timer_list {
	struct hlist_node entry;
	unsigned long expires;
	void (*function)(struct timer_list *t);
	u32 flags;
	/* simulator state */
	u64 sim_timer;		/* hyp_timer_id, 0 when not armed */
	unsigned int sim_cpu;
	bool sim_running;
};

#define TIMER_DEFERRABLE 0x00080000
#define TIMER_PINNED 0x00100000
#define TIMER_IRQSAFE 0x00200000

void timer_setup(struct timer_list *timer, void (*func)(struct timer_list *),
		 unsigned int flags);
#define timer_setup_on_stack timer_setup
#define destroy_timer_on_stack(t) do { } while (0)
#define DEFINE_TIMER(_name, _function) \
	struct timer_list _name = { .function = (_function) }
int mod_timer(struct timer_list *timer, unsigned long expires);
void add_timer(struct timer_list *timer);
void add_timer_on(struct timer_list *timer, int cpu);
int del_timer(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
int timer_pending(const struct timer_list *timer);
#define timer_delete del_timer
#define timer_delete_sync del_timer_sync
#define timer_shutdown_sync del_timer_sync
#define timer_shutdown del_timer
#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, typeof(*var), timer_fieldname)
#define timer_container_of from_timer
#endif
