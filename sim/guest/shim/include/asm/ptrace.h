/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_ASM_PTRACE_H
#define _SIM_ASM_PTRACE_H
struct pt_regs {
	unsigned long ip;
};
struct pt_regs *sim_current_pt_regs(void);
#define current_pt_regs() sim_current_pt_regs()
#endif
