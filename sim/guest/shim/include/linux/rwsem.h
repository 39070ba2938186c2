/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (rw_semaphore as a mutex: exclusive for readers too) */
#ifndef _SIM_LINUX_RWSEM_H
#define _SIM_LINUX_RWSEM_H
#include <linux/mutex.h>
struct rw_semaphore {
	struct mutex m;
};
#define DECLARE_RWSEM(n) struct rw_semaphore n = { __MUTEX_INITIALIZER(n.m) }
#define init_rwsem(s) mutex_init(&(s)->m)
#define down_read(s) mutex_lock(&(s)->m)
#define up_read(s) mutex_unlock(&(s)->m)
#define down_write(s) mutex_lock(&(s)->m)
#define up_write(s) mutex_unlock(&(s)->m)
#endif
