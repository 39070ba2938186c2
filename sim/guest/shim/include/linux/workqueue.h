/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. Workqueues on seam tasks (runtime/workqueue.c): one pool per
 * (workqueue, vCPU) for per-CPU queues, one pool for unbound and ordered ones. A pool runs
 * its items FIFO on worker tasks with the kernel's concurrency management: a further
 * worker starts only while every running worker of the pool is blocked, up to max_active
 * (1 for ordered queues: strictly FIFO, one at a time).
 */
#ifndef _SIM_LINUX_WORKQUEUE_H
#define _SIM_LINUX_WORKQUEUE_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/timer.h>
#include <linux/atomic.h>
#include <linux/cpumask.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);
struct sim_wq_pool;
struct work_struct {
	atomic_long_t data;	/* bit 0: pending */
	struct list_head entry;
	work_func_t func;
	/* simulator state */
	struct sim_wq_pool *sim_pool;	/* where it is queued or last ran */
	unsigned int sim_running;	/* number of workers executing it */
	u64 sim_queued_seq, sim_done_seq;
};
#define WORK_STRUCT_PENDING_BIT 0
#define work_data_bits(work) ((unsigned long *)(&(work)->data))
struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
	int cpu;
};
struct rcu_work {
	struct work_struct work;
	struct workqueue_struct *wq;
};
struct workqueue_struct;

#define __WORK_INITIALIZER(n, f) {					\
	.data = ATOMIC_LONG_INIT(0),					\
	.entry = { &(n).entry, &(n).entry },				\
	.func = (f) }
#define __DELAYED_WORK_INITIALIZER(n, f, tflags) {			\
	.work = __WORK_INITIALIZER((n).work, (f)),			\
	.timer = { .function = sim_delayed_work_timer_fn, .flags = (tflags) } }
#define DECLARE_WORK(n, f) struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f) \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)
void sim_init_work(struct work_struct *work, work_func_t func);
void sim_init_delayed_work(struct delayed_work *dwork, work_func_t func);
void sim_delayed_work_timer_fn(struct timer_list *t);
#define INIT_WORK(w, f) sim_init_work((w), (f))
#define INIT_WORK_ONSTACK(w, f) sim_init_work((w), (f))
#define INIT_DELAYED_WORK(w, f) sim_init_delayed_work((w), (f))
#define INIT_DEFERRABLE_WORK(w, f) sim_init_delayed_work((w), (f))
#define destroy_work_on_stack(w) do { } while (0)
#define destroy_delayed_work_on_stack(w) do { } while (0)
#define work_pending(w) test_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(w))
#define delayed_work_pending(w) work_pending(&(w)->work)
static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

enum {
	WQ_UNBOUND = 1 << 1,
	WQ_FREEZABLE = 1 << 2,
	WQ_MEM_RECLAIM = 1 << 3,
	WQ_HIGHPRI = 1 << 4,
	WQ_CPU_INTENSIVE = 1 << 5,
	WQ_SYSFS = 1 << 6,
	WQ_POWER_EFFICIENT = 1 << 7,
	WQ_PERCPU = 1 << 8,
	__WQ_ORDERED = 1 << 17,
	__WQ_LEGACY = 1 << 18,
	WQ_MAX_ACTIVE = 512,
	WQ_DFL_ACTIVE = WQ_MAX_ACTIVE / 2,
};
#define WORK_CPU_UNBOUND 64U

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_percpu_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_dfl_wq;
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;

__printf(1, 4) struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
							int max_active, ...);
#define alloc_ordered_workqueue(fmt, flags, args...) \
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED | (flags), 1, ##args)
#define create_workqueue(name) alloc_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name) \
	alloc_workqueue("%s", __WQ_LEGACY | WQ_FREEZABLE | WQ_UNBOUND | WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name) alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM, name)
void destroy_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);
void flush_workqueue(struct workqueue_struct *wq);
#define __flush_workqueue flush_workqueue
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *work,
			   unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			 unsigned long delay);
bool flush_work(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
bool work_busy(struct work_struct *work);
bool current_is_workqueue_rescuer(void);
static inline bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}
static inline bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				      unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}
static inline bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				    unsigned long delay)
{
	return mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}
static inline bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}
static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}
static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}
static inline bool schedule_delayed_work_on(int cpu, struct delayed_work *dwork,
					    unsigned long delay)
{
	return queue_delayed_work_on(cpu, system_wq, dwork, delay);
}
#define flush_scheduled_work() flush_workqueue(system_wq)
long work_on_cpu(int cpu, long (*fn)(void *), void *arg);
#endif
