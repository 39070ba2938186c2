/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. RCU on cooperative fibers: a read-side section cannot be preempted
 * (it counts as atomic context), so a grace period is "every other task has run":
 * synchronize_rcu() yields; call_rcu() callbacks run from a host timer at the current time.
 */
#ifndef _SIM_LINUX_RCUPDATE_H
#define _SIM_LINUX_RCUPDATE_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#define rcu_read_lock() sim_preempt_disable()
#define rcu_read_unlock() sim_preempt_enable()
#define rcu_read_lock_bh() sim_preempt_disable()
#define rcu_read_unlock_bh() sim_preempt_enable()
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_dereference_check(p, c) READ_ONCE(p)
#define rcu_access_pointer(p) READ_ONCE(p)
#define rcu_assign_pointer(p, v) WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v) WRITE_ONCE(p, v)
#define rcu_read_lock_held() 1
void synchronize_rcu(void);
#define synchronize_rcu_expedited() synchronize_rcu()
void call_rcu(struct callback_head *head, void (*func)(struct callback_head *head));
void rcu_barrier(void);
#endif
