/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: copied (x86 memory barriers as compiler barriers). One OS thread runs all guest
 * and host contexts and switches only inside shim primitives, so a compiler barrier is
 * exactly as strong as the x86 fences for everything that can observe the order.
 */
#ifndef _SIM_ASM_BARRIER_H
#define _SIM_ASM_BARRIER_H
#include <linux/compiler.h>
#define mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb() barrier()
#define wmb() barrier()
#define smp_mb() mb()
#define smp_rmb() barrier()
#define smp_wmb() barrier()
#define virt_mb() mb()
#define virt_rmb() barrier()
#define virt_wmb() barrier()
#define dma_rmb() barrier()
#define dma_wmb() barrier()
#define smp_mb__before_atomic() barrier()
#define smp_mb__after_atomic() barrier()
#define smp_store_mb(var, value) do { WRITE_ONCE(var, value); mb(); } while (0)
#define virt_store_mb(var, value) smp_store_mb(var, value)
#define smp_store_release(p, v) do { barrier(); WRITE_ONCE(*(p), v); } while (0)
#define smp_load_acquire(p) ({ typeof(*(p)) ___p1 = READ_ONCE(*(p)); barrier(); ___p1; })
#define virt_store_release(p, v) smp_store_release(p, v)
#define virt_load_acquire(p) smp_load_acquire(p)
#define smp_acquire__after_ctrl_dep() barrier()
#define cpu_relax() barrier()
#endif
