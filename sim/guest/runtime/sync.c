/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sync.c - mutexes, wait queues and completions with the kernel's semantics
 * (kernel/locking/mutex.c hand-over is FIFO here; kernel/sched/wait.c; completion.c).
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include "krt.h"

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	lock->owner = 0;
	INIT_LIST_HEAD(&lock->waiters);
	lock->name = name;
}

void mutex_lock(struct mutex *lock)
{
	struct task_struct *t = sim_current();

	might_sleep();
	if (!lock->owner) {
		lock->owner = t->sim_id;
		return;
	}
	if (lock->owner == t->sim_id)
		krt_crash("KRT-MUTEX-DEADLOCK: task %s re-locks mutex %s", t->comm,
			  lock->name ? lock->name : "?");
	list_add_tail(&t->sim_mutex_wait, &lock->waiters);
	while (lock->owner != t->sim_id) {
		t->__state = TASK_UNINTERRUPTIBLE;
		schedule();
	}
}

int mutex_lock_interruptible(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}

int mutex_lock_killable(struct mutex *lock)
{
	mutex_lock(lock);
	return 0;
}

int mutex_trylock(struct mutex *lock)
{
	if (lock->owner)
		return 0;
	lock->owner = sim_current()->sim_id;
	return 1;
}

bool mutex_is_locked(struct mutex *lock)
{
	return lock->owner != 0;
}

void mutex_unlock(struct mutex *lock)
{
	struct task_struct *t = sim_current(), *next;

	if (lock->owner != t->sim_id)
		krt_finding("KRT-LOCK-001", "mutex %s unlocked by task %s, not its owner",
			    lock->name ? lock->name : "?", t->comm);
	if (list_empty(&lock->waiters)) {
		lock->owner = 0;
		return;
	}
	next = list_first_entry(&lock->waiters, struct task_struct, sim_mutex_wait);
	list_del_init(&next->sim_mutex_wait);
	lock->owner = next->sim_id;
	wake_up_process(next);
}

/* ---- wait queues ---- */

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key)
{
	spin_lock_init(&wq_head->lock);
	INIT_LIST_HEAD(&wq_head->head);
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key)
{
	struct task_struct *t = wq_entry->private;

	if (!(t->__state & mode))
		return 0;
	return wake_up_process(t);
}

int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			     void *key)
{
	int ret = default_wake_function(wq_entry, mode, sync, key);

	if (ret)
		list_del_init(&wq_entry->entry);
	return ret;
}

void init_wait_entry(struct wait_queue_entry *wq_entry, int flags)
{
	wq_entry->flags = flags;
	wq_entry->private = current;
	wq_entry->func = autoremove_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	list_add(&wq_entry->entry, &wq_head->head);
}

void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	list_del_init(&wq_entry->entry);
}

long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			   int state)
{
	if (list_empty(&wq_entry->entry)) {
		if (wq_entry->flags & WQ_FLAG_EXCLUSIVE)
			list_add_tail(&wq_entry->entry, &wq_head->head);
		else
			list_add(&wq_entry->entry, &wq_head->head);
	}
	set_current_state(state);
	return 0;
}

void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state)
{
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	prepare_to_wait_event(wq_head, wq_entry, state);
}

void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	__set_current_state(TASK_RUNNING);
	if (!list_empty(&wq_entry->entry))
		list_del_init(&wq_entry->entry);
}

void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key)
{
	struct wait_queue_entry *curr, *next;

	list_for_each_entry_safe(curr, next, &wq_head->head, entry) {
		unsigned int flags = curr->flags;
		int ret = curr->func(curr, mode, 0, key);

		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
}

/* ---- completions (kernel/sched/completion.c) ---- */

void complete(struct completion *x)
{
	if (x->done != UINT_MAX)
		x->done++;
	__wake_up(&x->wait, TASK_NORMAL, 1, NULL);
}

void complete_all(struct completion *x)
{
	x->done = UINT_MAX;
	__wake_up(&x->wait, TASK_NORMAL, 0, NULL);
}

static long krt_wait_for_common(struct completion *x, long timeout, int state)
{
	DEFINE_WAIT(wait);

	might_sleep();
	if (!x->done) {
		wait.flags |= WQ_FLAG_EXCLUSIVE;
		list_add_tail(&wait.entry, &x->wait.head);
		do {
			__set_current_state(state);
			timeout = schedule_timeout(timeout);
		} while (!x->done && timeout);
		if (!list_empty(&wait.entry))
			list_del_init(&wait.entry);
		__set_current_state(TASK_RUNNING);
		if (!x->done)
			return timeout;
	}
	if (x->done != UINT_MAX)
		x->done--;
	return timeout ?: 1;
}

void wait_for_completion(struct completion *x)
{
	krt_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return krt_wait_for_common(x, timeout, TASK_UNINTERRUPTIBLE);
}

int wait_for_completion_interruptible(struct completion *x)
{
	krt_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE);
	return 0;
}

long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
{
	return krt_wait_for_common(x, timeout, TASK_INTERRUPTIBLE);
}

int wait_for_completion_killable(struct completion *x)
{
	krt_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE);
	return 0;
}

bool try_wait_for_completion(struct completion *x)
{
	if (!x->done)
		return false;
	if (x->done != UINT_MAX)
		x->done--;
	return true;
}

bool completion_done(struct completion *x)
{
	return x->done != 0;
}
