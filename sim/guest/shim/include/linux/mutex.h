/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. Sleeping mutex: a contended lock blocks the task on the mutex's FIFO
 * of waiters (runtime/sync.c); handing over is strictly FIFO. Locking from atomic context
 * is KRT-ATOM-001; unlocking a mutex the task does not own is KRT-LOCK-001.
 */
#ifndef _SIM_LINUX_MUTEX_H
#define _SIM_LINUX_MUTEX_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>

struct mutex {
	u32 owner;		/* hyp_task_id of the holder, 0 if free */
	struct list_head waiters;
	const char *name;
};
#define __MUTEX_INITIALIZER(l) { 0, LIST_HEAD_INIT((l).waiters), #l }
#define DEFINE_MUTEX(m) struct mutex m = __MUTEX_INITIALIZER(m)
void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);
#define mutex_init(m) __mutex_init((m), #m, NULL)
void mutex_lock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_lock_killable(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
#define mutex_lock_nested(l, s) mutex_lock(l)
#define mutex_destroy(l) do { } while (0)
#define lockdep_assert_held_once(l) do { } while (0)
#endif
