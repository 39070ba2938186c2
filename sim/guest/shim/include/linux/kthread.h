/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (kthreads are seam tasks; runtime/sched.c) */
#ifndef _SIM_LINUX_KTHREAD_H
#define _SIM_LINUX_KTHREAD_H
#include <linux/sched.h>
#include <linux/err.h>
__printf(4, 5) struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
		void *data, int node, const char namefmt[], ...);
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)
#define kthread_run(threadfn, data, namefmt, ...) ({			\
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
	if (!IS_ERR(__k))						\
		wake_up_process(__k);					\
	__k; })
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
void kthread_bind(struct task_struct *k, unsigned int cpu);
#endif
