/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. Spinlocks on cooperative fibers never spin: a lock found held is a
 * deadlock (it would spin forever on one vCPU) and ends the run. What they do is account
 * atomic context: holding a spinlock, or irqs saved/disabled, makes the current context
 * atomic, and a blocking call from atomic context is the finding KRT-ATOM-001
 * (runtime/sync.c). local_irq_save is a per-vCPU counter; a "disabled" vCPU does not get
 * interrupts delivered by the runtime until it is re-enabled.
 */
#ifndef _SIM_LINUX_SPINLOCK_H
#define _SIM_LINUX_SPINLOCK_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/bottom_half.h>
#include <asm/barrier.h>

typedef struct spinlock {
	unsigned int locked;	/* 0, or 1 + vCPU of the holder */
	unsigned int owner;	/* task id of the holder (0 = event context) */
	const char *name;
} spinlock_t;
typedef spinlock_t raw_spinlock_t;
typedef struct {
	spinlock_t lock;
} rwlock_t;

#define __SPIN_LOCK_UNLOCKED(n) { 0, 0, #n }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x) DEFINE_SPINLOCK(x)
#define __RAW_SPIN_LOCK_UNLOCKED(n) __SPIN_LOCK_UNLOCKED(n)
#define spin_lock_init(l) do { *(l) = (spinlock_t)__SPIN_LOCK_UNLOCKED(l); } while (0)
#define raw_spin_lock_init spin_lock_init

void sim_spin_lock(spinlock_t *lock);
void sim_spin_unlock(spinlock_t *lock);
int sim_spin_trylock(spinlock_t *lock);

#define spin_lock(l) sim_spin_lock(l)
#define spin_unlock(l) sim_spin_unlock(l)
#define spin_trylock(l) sim_spin_trylock(l)
#define spin_lock_bh(l) do { local_bh_disable(); sim_spin_lock(l); } while (0)
#define spin_unlock_bh(l) do { sim_spin_unlock(l); local_bh_enable(); } while (0)
#define spin_lock_irq(l) do { local_irq_disable(); sim_spin_lock(l); } while (0)
#define spin_unlock_irq(l) do { sim_spin_unlock(l); local_irq_enable(); } while (0)
#define spin_lock_irqsave(l, flags) \
	do { local_irq_save(flags); sim_spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) \
	do { sim_spin_unlock(l); local_irq_restore(flags); } while (0)
#define spin_lock_nested(l, sub) spin_lock(l)
#define spin_lock_irqsave_nested(l, f, sub) spin_lock_irqsave(l, f)
#define spin_is_locked(l) ((l)->locked != 0)
#define assert_spin_locked(l) BUG_ON(!spin_is_locked(l))
#define raw_spin_lock spin_lock
#define raw_spin_unlock spin_unlock
#define raw_spin_lock_irqsave spin_lock_irqsave
#define raw_spin_unlock_irqrestore spin_unlock_irqrestore
#define raw_spin_lock_irq spin_lock_irq
#define raw_spin_unlock_irq spin_unlock_irq
#define rwlock_init(l) spin_lock_init(&(l)->lock)
#define read_lock(l) spin_lock(&(l)->lock)
#define read_unlock(l) spin_unlock(&(l)->lock)
#define write_lock(l) spin_lock(&(l)->lock)
#define write_unlock(l) spin_unlock(&(l)->lock)
#define read_lock_irqsave(l, f) spin_lock_irqsave(&(l)->lock, f)
#define read_unlock_irqrestore(l, f) spin_unlock_irqrestore(&(l)->lock, f)
#define write_lock_irqsave(l, f) spin_lock_irqsave(&(l)->lock, f)
#define write_unlock_irqrestore(l, f) spin_unlock_irqrestore(&(l)->lock, f)

#include <linux/bug.h>
#endif
