/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented (syscore ops are registered, runtime/arch.c; the hibernation sequence,
 * runtime/pm.c, runs their suspend/resume)
 */
#ifndef _SIM_LINUX_SYSCORE_OPS_H
#define _SIM_LINUX_SYSCORE_OPS_H
#include <linux/list.h>
/*
 * SIM_HAVE_STRUCT_SYSCORE is a feature probe of the tree (sim/guest/CMakeLists.txt): the
 * 6.12.y stable series moved to register_syscore(struct syscore *) with data-taking ops.
 */
#ifdef SIM_HAVE_STRUCT_SYSCORE
struct syscore_ops {
	int (*suspend)(void *data);
	void (*resume)(void *data);
	void (*shutdown)(void *data);
};
#else
struct syscore_ops {
	struct list_head node;
	int (*suspend)(void);
	void (*resume)(void);
	void (*shutdown)(void);
};
void register_syscore_ops(struct syscore_ops *ops);
void unregister_syscore_ops(struct syscore_ops *ops);
#endif
#ifdef SIM_HAVE_STRUCT_SYSCORE
struct syscore {
	struct list_head node;
	const struct syscore_ops *ops;
	void *data;
};
void register_syscore(struct syscore *syscore);
void unregister_syscore(struct syscore *syscore);
#endif
#endif
