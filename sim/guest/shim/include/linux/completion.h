/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. struct completion as the kernel's (done counter + wait queue);
 * runtime/sync.c implements kernel/sched/completion.c's semantics, including
 * wait_for_completion_timeout() returning the remaining jiffies, or 1 when it completed
 * exactly as the timeout ran out, 0 on timeout.
 */
#ifndef _SIM_LINUX_COMPLETION_H
#define _SIM_LINUX_COMPLETION_H
#include <linux/wait.h>
struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};
#define COMPLETION_INITIALIZER(work) \
	{ 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work) DECLARE_COMPLETION(work)
static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}
static inline void reinit_completion(struct completion *x) { x->done = 0; }
void wait_for_completion(struct completion *x);
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);
int wait_for_completion_interruptible(struct completion *x);
long wait_for_completion_interruptible_timeout(struct completion *x,
					       unsigned long timeout);
int wait_for_completion_killable(struct completion *x);
#define wait_for_completion_io wait_for_completion
#define wait_for_completion_io_timeout wait_for_completion_timeout
#define wait_for_completion_state(x, s) (wait_for_completion(x), 0)
bool try_wait_for_completion(struct completion *x);
bool completion_done(struct completion *x);
void complete(struct completion *x);
void complete_all(struct completion *x);
#endif
