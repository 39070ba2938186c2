/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. Kernel tasks are seam tasks (fibers). task_struct is the runtime's
 * per-task record (hyp_host_ops.task_set_priv). set_current_state/schedule/
 * schedule_timeout/wake_up_process keep the kernel's state protocol: a task only sleeps
 * while its state is not TASK_RUNNING, and a wake-up sets it back (runtime/sched.c).
 */
#ifndef _SIM_LINUX_SCHED_H
#define _SIM_LINUX_SCHED_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/sched/task_stack.h>

#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | 0x0400)
#define TASK_KILLABLE TASK_UNINTERRUPTIBLE
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_COMM_LEN 16
#define PF_KTHREAD 0x00200000
#define PF_WQ_WORKER 0x00000020

struct sim_worker;
struct task_struct {
	volatile long __state;
	u32 sim_id;		/* hyp_task_id; 0 for a vCPU's interrupt context */
	unsigned int cpu;
	int preempt_count;	/* spinlocks, preempt/bh disable: atomic context */
	unsigned int flags;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	int (*threadfn)(void *data);
	void *data;
	bool should_stop;
	int exit_code;
	struct sim_worker *worker;	/* workqueue worker state, or NULL */
	struct list_head sim_mutex_wait;	/* link on a mutex's waiter list */
};

struct task_struct *sim_current(void);
#define current sim_current()
#define get_current() sim_current()
#define set_current_state(s) do { current->__state = (s); barrier(); } while (0)
#define __set_current_state(s) do { current->__state = (s); } while (0)
#define task_is_running(t) (READ_ONCE((t)->__state) == TASK_RUNNING)
void schedule(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
int wake_up_process(struct task_struct *p);
void yield(void);
static inline int signal_pending(struct task_struct *p) { return 0; }
static inline int fatal_signal_pending(struct task_struct *p) { return 0; }
static inline int signal_pending_state(unsigned int state, struct task_struct *p) { return 0; }
static inline pid_t task_pid_nr(struct task_struct *p) { return p->pid; }
#define get_task_struct(t) (t)
#define put_task_struct(t) do { } while (0)
#define sched_set_fifo(t) do { } while (0)
#define sched_set_fifo_low(t) do { } while (0)
#define set_user_nice(t, n) do { } while (0)
#define need_resched() 0
#define task_cpu(t) ((t)->cpu)
#include <linux/sched/isolation.h>
#endif
