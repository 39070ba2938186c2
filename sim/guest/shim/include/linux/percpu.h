/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. The kernel's per-CPU scheme: static per-CPU variables live in the
 * "sim_percpu" section (the template); each vCPU gets a unit in guest RAM holding a copy,
 * and __per_cpu_offset[cpu] = unit(cpu) - template start. alloc_percpu() returns a cookie in
 * the same address space (runtime/percpu.c). per_cpu_ptr(p, cpu) = p + __per_cpu_offset[cpu].
 */
#ifndef _SIM_LINUX_PERCPU_H
#define _SIM_LINUX_PERCPU_H
#include <linux/types.h>
#include <linux/smp.h>
#include <linux/threads.h>
#include <linux/gfp_types.h>

extern unsigned long __per_cpu_offset[NR_CPUS];
#define DEFINE_PER_CPU(type, name) \
	__section("sim_percpu") __typeof__(type) name
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name
#define DEFINE_PER_CPU_ALIGNED(type, name) DEFINE_PER_CPU(type, name) __aligned(64)
#define SHIFT_PERCPU_PTR(ptr, off) ((typeof(ptr))((unsigned long)(ptr) + (off)))
#define per_cpu_ptr(ptr, cpu) SHIFT_PERCPU_PTR((ptr), __per_cpu_offset[(cpu)])
#define per_cpu(var, cpu) (*per_cpu_ptr(&(var), (cpu)))
#define raw_cpu_ptr(ptr) per_cpu_ptr((ptr), smp_processor_id())
#define this_cpu_ptr(ptr) raw_cpu_ptr(ptr)
#define __this_cpu_ptr(ptr) raw_cpu_ptr(ptr)
#define this_cpu_read(var) (*this_cpu_ptr(&(var)))
#define __this_cpu_read(var) this_cpu_read(var)
#define this_cpu_write(var, v) do { *this_cpu_ptr(&(var)) = (v); } while (0)
#define __this_cpu_write(var, v) this_cpu_write(var, v)
#define this_cpu_inc(var) do { (*this_cpu_ptr(&(var)))++; } while (0)
#define this_cpu_dec(var) do { (*this_cpu_ptr(&(var)))--; } while (0)
#define __this_cpu_inc this_cpu_inc
#define this_cpu_add(var, v) do { *this_cpu_ptr(&(var)) += (v); } while (0)
#define get_cpu_ptr(var) ({ preempt_disable(); this_cpu_ptr(var); })
#define put_cpu_ptr(var) do { (void)(var); preempt_enable(); } while (0)
#define get_cpu_var(var) (*({ preempt_disable(); this_cpu_ptr(&(var)); }))
#define put_cpu_var(var) preempt_enable()

void *__alloc_percpu(size_t size, size_t align);
void *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp);
void free_percpu(void *ptr);
#define alloc_percpu(type) \
	((typeof(type) *)__alloc_percpu(sizeof(type), __alignof__(type)))
#define alloc_percpu_gfp(type, gfp) \
	((typeof(type) *)__alloc_percpu_gfp(sizeof(type), __alignof__(type), gfp))
#include <linux/preempt.h>
#endif
