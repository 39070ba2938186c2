/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * workqueue.c - workqueues on seam tasks.
 *
 * A workqueue has one pool per vCPU (per-CPU queues) or a single pool (unbound, ordered).
 * A pool holds a FIFO of pending items and worker tasks. Concurrency management as in
 * kernel/workqueue.c: nr_running counts workers that are neither idle nor blocked; a new
 * worker is started (or an idle one woken) only when nr_running drops to zero with items
 * pending, and never more than max_active items execute at once (ordered: 1, strictly FIFO).
 * flush/cancel wait on krt_wq_done, woken after every item.
 */
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include "krt.h"

struct sim_wq_pool {
	struct workqueue_struct *wq;
	unsigned int cpu;
	struct list_head pending;
	struct list_head idle;		/* idle workers */
	int nr_workers, nr_running, nr_active;
	bool dying;
};

struct sim_worker {
	struct sim_wq_pool *pool;
	struct task_struct *task;
	struct list_head idle_entry;
	struct work_struct *current_work;
	bool idle;
};

struct workqueue_struct {
	char name[24];
	unsigned int flags;
	int max_active;
	unsigned int nr_pools;
	struct sim_wq_pool *pools;
};

struct workqueue_struct *system_wq, *system_percpu_wq, *system_highpri_wq, *system_long_wq,
	*system_unbound_wq, *system_dfl_wq, *system_freezable_wq, *system_power_efficient_wq;
static DECLARE_WAIT_QUEUE_HEAD(krt_wq_done);
static u64 krt_wq_seq;

static int krt_worker_fn(void *data);

static void krt_pool_kick(struct sim_wq_pool *pool)
{
	struct sim_worker *w;
	char name[TASK_COMM_LEN];

	if (list_empty(&pool->pending) || pool->nr_running > 0 ||
	    pool->nr_active >= pool->wq->max_active)
		return;
	if (!list_empty(&pool->idle)) {
		w = list_first_entry(&pool->idle, struct sim_worker, idle_entry);
		list_del_init(&w->idle_entry);
		w->idle = false;
		pool->nr_running++;
		wake_up_process(w->task);
		return;
	}
	w = kzalloc(sizeof(*w), GFP_ATOMIC);
	if (!w)
		krt_crash("no memory for a worker");
	w->pool = pool;
	INIT_LIST_HEAD(&w->idle_entry);
	snprintf(name, sizeof(name), "kworker/%u:%s", pool->cpu, pool->wq->name);
	w->task = krt_task_create(name, krt_worker_fn, w, pool->cpu);
	if (!w->task)
		krt_crash("cannot create a worker task");
	w->task->flags |= PF_WQ_WORKER;
	w->task->worker = w;
	pool->nr_workers++;
	pool->nr_running++;
	wake_up_process(w->task);
}

static int krt_worker_fn(void *data)
{
	struct sim_worker *w = data;
	struct sim_wq_pool *pool = w->pool;
	struct work_struct *work;

	for (;;) {
		if (list_empty(&pool->pending) || pool->nr_active >= pool->wq->max_active) {
			if (pool->dying && list_empty(&pool->pending))
				break;
			w->idle = true;
			list_add(&w->idle_entry, &pool->idle);
			pool->nr_running--;
			set_current_state(TASK_IDLE);
			/* woken by krt_pool_kick, which counted us running again */
			current->worker = NULL;	/* idle sleep is not a blocked worker */
			schedule();
			current->worker = w;
			continue;
		}
		work = list_first_entry(&pool->pending, struct work_struct, entry);
		list_del_init(&work->entry);
		clear_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
		work->sim_running++;
		pool->nr_active++;
		w->current_work = work;
		work->func(work);
		w->current_work = NULL;
		pool->nr_active--;
		work->sim_running--;
		work->sim_done_seq = ++krt_wq_seq;
		wake_up_all(&krt_wq_done);
	}
	pool->nr_running--;
	pool->nr_workers--;
	return 0;
}

void krt_wq_worker_sleeping(struct task_struct *t)
{
	struct sim_wq_pool *pool = t->worker->pool;

	pool->nr_running--;
	krt_pool_kick(pool);
}

void krt_wq_worker_waking(struct task_struct *t)
{
	t->worker->pool->nr_running++;
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active,
					 ...)
{
	struct workqueue_struct *wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	unsigned int i;
	va_list ap;

	if (!wq)
		return NULL;
	va_start(ap, max_active);
	krt_vsnprintf(wq->name, sizeof(wq->name), fmt, ap);
	va_end(ap);
	wq->flags = flags;
	if (flags & __WQ_ORDERED)
		max_active = 1;
	wq->max_active = max_active > 0 ? max_active : WQ_DFL_ACTIVE;
	wq->nr_pools = (flags & WQ_UNBOUND) ? 1 : krt_nr_cpus;
	wq->pools = kcalloc(wq->nr_pools, sizeof(*wq->pools), GFP_KERNEL);
	if (!wq->pools) {
		kfree(wq);
		return NULL;
	}
	for (i = 0; i < wq->nr_pools; i++) {
		wq->pools[i].wq = wq;
		wq->pools[i].cpu = i;
		INIT_LIST_HEAD(&wq->pools[i].pending);
		INIT_LIST_HEAD(&wq->pools[i].idle);
	}
	krt_trace("guest.wq", "alloc", "name=%s flags=0x%x max_active=%d", wq->name, flags,
		  wq->max_active);
	return wq;
}

void krt_wq_init(void)
{
	system_percpu_wq = alloc_workqueue("events", WQ_PERCPU, 0);
	system_wq = system_percpu_wq;
	system_highpri_wq = alloc_workqueue("events_highpri", WQ_HIGHPRI, 0);
	system_long_wq = alloc_workqueue("events_long", 0, 0);
	system_unbound_wq = alloc_workqueue("events_unbound", WQ_UNBOUND, WQ_MAX_ACTIVE);
	system_dfl_wq = system_unbound_wq;
	system_freezable_wq = alloc_workqueue("events_freezable", WQ_FREEZABLE, 0);
	system_power_efficient_wq = alloc_workqueue("events_power_efficient", 0, 0);
}

void sim_init_work(struct work_struct *work, work_func_t func)
{
	memset(work, 0, sizeof(*work));
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
}

void sim_init_delayed_work(struct delayed_work *dwork, work_func_t func)
{
	sim_init_work(&dwork->work, func);
	timer_setup(&dwork->timer, sim_delayed_work_timer_fn, 0);
}

static void krt_queue(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	struct sim_wq_pool *pool;

	if (!wq)
		krt_crash("queue_work on a NULL workqueue");
	if (wq->flags & WQ_UNBOUND)
		pool = &wq->pools[0];
	else
		pool = &wq->pools[(cpu < 0 || cpu >= (int)krt_nr_cpus) ? sim_cpu_id() : cpu];
	if (pool->dying)
		krt_finding("KRT-WQ-001", "work queued on the destroyed workqueue %s",
			    wq->name);
	work->sim_pool = pool;
	work->sim_queued_seq = ++krt_wq_seq;
	list_add_tail(&work->entry, &pool->pending);
	krt_pool_kick(pool);
}

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	if (test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work)))
		return false;
	krt_queue(cpu == WORK_CPU_UNBOUND ? -1 : cpu, wq, work);
	return true;
}

void sim_delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);

	krt_queue(dwork->cpu, dwork->wq, &dwork->work);
}

static void krt_queue_delayed(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			      unsigned long delay)
{
	if (!delay) {
		krt_queue(cpu, wq, &dwork->work);
		return;
	}
	dwork->wq = wq;
	dwork->cpu = cpu;
	dwork->timer.function = sim_delayed_work_timer_fn;
	dwork->timer.expires = sim_jiffies() + delay;
	add_timer(&dwork->timer);
}

bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			   unsigned long delay)
{
	if (test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(&dwork->work)))
		return false;
	krt_queue_delayed(cpu == WORK_CPU_UNBOUND ? -1 : cpu, wq, dwork, delay);
	return true;
}

/* Take a pending item back (timer or queue). Returns true if it was pending. */
static bool krt_grab_pending(struct work_struct *work, struct delayed_work *dwork)
{
	if (!work_pending(work))
		return false;
	if (dwork && del_timer(&dwork->timer)) {
		clear_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
		return true;
	}
	if (!list_empty(&work->entry))
		list_del_init(&work->entry);
	clear_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
	return true;
}

bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			 unsigned long delay)
{
	bool was = krt_grab_pending(&dwork->work, dwork);

	set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(&dwork->work));
	krt_queue_delayed(cpu == WORK_CPU_UNBOUND ? -1 : cpu, wq, dwork, delay);
	return was;
}

bool work_busy(struct work_struct *work)
{
	return work_pending(work) || work->sim_running;
}

bool flush_work(struct work_struct *work)
{
	if (!work_busy(work))
		return false;
	wait_event(krt_wq_done, !work_busy(work));
	return true;
}

bool flush_delayed_work(struct delayed_work *dwork)
{
	if (del_timer(&dwork->timer))
		krt_queue(dwork->cpu, dwork->wq, &dwork->work);
	return flush_work(&dwork->work);
}

bool cancel_work(struct work_struct *work)
{
	return krt_grab_pending(work, NULL);
}

bool cancel_work_sync(struct work_struct *work)
{
	bool was = krt_grab_pending(work, NULL);

	if (work->sim_running)
		wait_event(krt_wq_done, !work->sim_running);
	return was;
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	return krt_grab_pending(&dwork->work, dwork);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	bool was = krt_grab_pending(&dwork->work, dwork);

	if (dwork->work.sim_running)
		wait_event(krt_wq_done, !dwork->work.sim_running);
	return was;
}

static bool krt_wq_idle(struct workqueue_struct *wq)
{
	unsigned int i;

	for (i = 0; i < wq->nr_pools; i++)
		if (!list_empty(&wq->pools[i].pending) || wq->pools[i].nr_active)
			return false;
	return true;
}

void flush_workqueue(struct workqueue_struct *wq)
{
	wait_event(krt_wq_done, krt_wq_idle(wq));
}

void drain_workqueue(struct workqueue_struct *wq)
{
	flush_workqueue(wq);
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	struct sim_worker *w, *n;
	unsigned int i;

	drain_workqueue(wq);
	for (i = 0; i < wq->nr_pools; i++) {
		struct sim_wq_pool *pool = &wq->pools[i];

		pool->dying = true;
		list_for_each_entry_safe(w, n, &pool->idle, idle_entry) {
			list_del_init(&w->idle_entry);
			pool->nr_running++;
			wake_up_process(w->task);
		}
	}
	krt_trace("guest.wq", "destroy", "name=%s", wq->name);
	/* Pools and workers stay allocated: exiting workers still reference them. */
}

bool current_is_workqueue_rescuer(void)
{
	return false;
}

long work_on_cpu(int cpu, long (*fn)(void *), void *arg)
{
	struct task_struct *t = sim_current();
	unsigned int saved = t->cpu;
	long ret;

	t->cpu = cpu;
	ret = fn(arg);
	t->cpu = saved;
	return ret;
}
