/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. The "simulator arch" replacement for arch/x86/include/asm/mshyperv.h
 * (whose inline rdmsr/wrmsr, hypercall page call and rdtsc cannot run in userspace), shaped
 * like arch/arm64/include/asm/mshyperv.h: out-of-line register accessors, then the real
 * asm-generic/mshyperv.h. Register numbers are the x86 synthetic MSRs of the real
 * asm/hyperv-tlfs.h; runtime/arch.c forwards them to hyp_host_ops.msr_read/msr_write on
 * the current vCPU, and hv_do_hypercall()/hv_do_fast_hypercall8() to hyp_host_ops.hypercall
 * with VA->GPA translation.
 */
#ifndef _SIM_ASM_MSHYPERV_H
#define _SIM_ASM_MSHYPERV_H

#include <linux/types.h>
#include <linux/nmi.h>
#include <asm/hyperv-tlfs.h>

/* The x86 vector define makes vmbus_drv.c take the hv_setup_vmbus_handler() path. */
#define HYPERVISOR_CALLBACK_VECTOR 0xf3

#if SIM_KVER >= 609
u64 hv_get_msr(unsigned int reg);
void hv_set_msr(unsigned int reg, u64 value);
u64 hv_get_non_nested_msr(unsigned int reg);
void hv_set_non_nested_msr(unsigned int reg, u64 value);
#else
u64 hv_get_register(unsigned int reg);
void hv_set_register(unsigned int reg, u64 value);
u64 hv_get_non_nested_register(unsigned int reg);
void hv_set_non_nested_register(unsigned int reg, u64 value);
#endif

/* The reference counter is virtual time in 100 ns units (never the real TSC). */
u64 sim_hv_raw_timer(void);
#define hv_get_raw_timer() sim_hv_raw_timer()

extern void *hv_hypercall_pg;
extern u64 hv_current_partition_id;
#if SIM_KVER >= 609
extern bool hyperv_paravisor_present;
u64 hv_tdx_hypercall(u64 control, u64 param1, u64 param2);
#endif

static inline void hv_ghcb_msr_write(u64 msr, u64 value) {}
static inline void hv_ghcb_msr_read(u64 msr, u64 *value) {}
static inline bool hv_is_synic_reg(unsigned int reg) { return true; }
static inline int hv_set_mem_host_visibility(unsigned long addr, int numpages,
					     bool visible)
{
	return -1;
}

#include <asm-generic/mshyperv.h>

#endif
