/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: copied + instrumented. Wait queues with the kernel's structure and the kernel's
 * wait_event* loops (include/linux/wait.h): prepare_to_wait_event, re-check, schedule
 * (_timeout), finish_wait. Return values are exactly the kernel's: wait_event_timeout()
 * returns the remaining jiffies, at least 1 if the condition became true as the timeout
 * elapsed, 0 on timeout with the condition false.
 */
#ifndef _SIM_LINUX_WAIT_H
#define _SIM_LINUX_WAIT_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode,
				 int flags, void *key);
struct wait_queue_entry {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head entry;
};
typedef struct wait_queue_entry wait_queue_entry_t;
struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;
#define WQ_FLAG_EXCLUSIVE 0x01
#define WQ_FLAG_WOKEN 0x02

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) {				\
	.lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	.head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key);
#define init_waitqueue_head(wq) __init_waitqueue_head((wq), #wq, NULL)
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode,
			     int sync, void *key);
void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);
#define DEFINE_WAIT_FUNC(name, function)				\
	struct wait_queue_entry name = {				\
		.private = current, .func = function,			\
		.entry = LIST_HEAD_INIT((name).entry) }
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)
#define init_wait(w) init_wait_entry((w), 0)
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
long prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, int state);
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key);
static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}
static inline bool wq_has_sleeper(struct wait_queue_head *wq_head)
{
	return waitqueue_active(wq_head);
}
#define wake_up(x) __wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr) __wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x) __wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(x) __wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_all(x) __wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_interruptible_poll(x, m) __wake_up(x, TASK_INTERRUPTIBLE, 1, (void *)(m))
#define wake_up_poll(x, m) __wake_up(x, TASK_NORMAL, 1, (void *)(m))

#define ___wait_cond_timeout(condition)					\
({									\
	bool __cond = (condition);					\
	if (__cond && !__ret)						\
		__ret = 1;						\
	__cond || !__ret;						\
})
#define ___wait_is_interruptible(state) \
	(__builtin_constant_p(state) && ((state) == TASK_INTERRUPTIBLE))

#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd)	\
({									\
	__label__ __out;						\
	struct wait_queue_entry __wq_entry;				\
	long __ret = ret;						\
									\
	might_sleep();							\
	init_wait_entry(&__wq_entry, exclusive ? WQ_FLAG_EXCLUSIVE : 0);\
	for (;;) {							\
		long __int = prepare_to_wait_event(&wq_head, &__wq_entry, state);\
									\
		if (condition)						\
			break;						\
		if (___wait_is_interruptible(state) && __int) {		\
			__ret = __int;					\
			goto __out;					\
		}							\
		cmd;							\
	}								\
	finish_wait(&wq_head, &__wq_entry);				\
__out:	__ret;								\
})

#define wait_event(wq_head, condition)					\
do {									\
	if (condition)							\
		break;							\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
} while (0)
#define wait_event_idle wait_event
#define wait_event_freezable(wq, cond) ({ wait_event(wq, cond); 0; })
#define wait_event_interruptible(wq_head, condition)			\
({									\
	int __ret = 0;							\
	if (!(condition))						\
		__ret = ___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, \
				      schedule());			\
	__ret;								\
})
#define wait_event_killable wait_event_interruptible
#define __wait_event_timeout(wq_head, condition, timeout, state)	\
	___wait_event(wq_head, ___wait_cond_timeout(condition), state, 0, timeout, \
		      __ret = schedule_timeout(__ret))
#define wait_event_timeout(wq_head, condition, timeout)			\
({									\
	long __ret = timeout;						\
	if (!___wait_cond_timeout(condition))				\
		__ret = __wait_event_timeout(wq_head, condition, timeout,\
					     TASK_UNINTERRUPTIBLE);	\
	__ret;								\
})
#define wait_event_interruptible_timeout(wq_head, condition, timeout)	\
({									\
	long __ret = timeout;						\
	if (!___wait_cond_timeout(condition))				\
		__ret = __wait_event_timeout(wq_head, condition, timeout,\
					     TASK_INTERRUPTIBLE);	\
	__ret;								\
})
#define wait_event_idle_timeout(wq, cond, t) wait_event_timeout(wq, cond, t)
#define wait_event_lock_irq(wq_head, condition, lock)			\
do {									\
	if (condition)							\
		break;							\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, \
			    spin_unlock_irq(&lock); schedule(); spin_lock_irq(&lock)); \
} while (0)
#endif
