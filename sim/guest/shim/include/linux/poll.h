/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (poll_wait registers nothing: the daemon model polls by readiness) */
#ifndef _SIM_LINUX_POLL_H
#define _SIM_LINUX_POLL_H
#include <linux/types.h>
#include <linux/wait.h>
#define EPOLLIN 0x00000001
#define EPOLLPRI 0x00000002
#define EPOLLOUT 0x00000004
#define EPOLLERR 0x00000008
#define EPOLLHUP 0x00000010
#define EPOLLRDNORM 0x00000040
#define EPOLLWRNORM 0x00000100
struct file;
typedef struct poll_table_struct { int dummy; } poll_table;
static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p) {}
#endif
