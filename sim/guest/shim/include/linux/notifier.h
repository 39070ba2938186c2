/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (notifier chains as ordered lists; runtime/misc.c) */
#ifndef _SIM_LINUX_NOTIFIER_H
#define _SIM_LINUX_NOTIFIER_H
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/sysctl.h>
struct notifier_block;
typedef int (*notifier_fn_t)(struct notifier_block *nb, unsigned long action, void *data);
struct notifier_block {
	notifier_fn_t notifier_call;
	struct notifier_block *next;
	int priority;
};
struct atomic_notifier_head { spinlock_t lock; struct notifier_block *head; };
struct blocking_notifier_head { struct mutex mutex; struct notifier_block *head; };
struct raw_notifier_head { struct notifier_block *head; };
#define ATOMIC_NOTIFIER_HEAD(name) struct atomic_notifier_head name = { .head = NULL }
#define BLOCKING_NOTIFIER_HEAD(name) \
	struct blocking_notifier_head name = { .mutex = __MUTEX_INITIALIZER(name.mutex) }
int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *nb);
int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *nb);
int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v);
int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *nb);
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh,
				       struct notifier_block *nb);
int register_reboot_notifier(struct notifier_block *nb);
int unregister_reboot_notifier(struct notifier_block *nb);
#define NOTIFY_DONE 0x0000
#define NOTIFY_OK 0x0001
#define NOTIFY_STOP_MASK 0x8000
#define NOTIFY_BAD (NOTIFY_STOP_MASK | 0x0002)
#define NOTIFY_STOP (NOTIFY_OK | NOTIFY_STOP_MASK)
#endif
