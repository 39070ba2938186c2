/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (per-CPU hotplug threads on seam tasks; runtime/sched.c) */
#ifndef _SIM_LINUX_SMPBOOT_H
#define _SIM_LINUX_SMPBOOT_H
#include <linux/types.h>
#include <linux/list.h>
struct task_struct;
struct smp_hotplug_thread {
	struct task_struct **store;
	struct list_head list;
	int (*thread_should_run)(unsigned int cpu);
	void (*thread_fn)(unsigned int cpu);
	void (*create)(unsigned int cpu);
	void (*setup)(unsigned int cpu);
	void (*cleanup)(unsigned int cpu, bool online);
	void (*park)(unsigned int cpu);
	void (*unpark)(unsigned int cpu);
	bool selfparking;
	const char *thread_comm;
};
int smpboot_register_percpu_thread(struct smp_hotplug_thread *plug_thread);
void smpboot_unregister_percpu_thread(struct smp_hotplug_thread *plug_thread);
#endif
