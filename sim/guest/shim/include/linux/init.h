/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. Initcalls are collected in the "sim_initcalls" section (entries
 * __aligned(8): without it gcc pads them and the table walk derails) and run by the boot
 * task in level order, link order within a level (runtime/boot.c). Exit calls go to
 * "sim_exitcalls" and run in reverse at shutdown. Both carry their module's KBUILD_MODNAME
 * (NULL where none is defined), so a module whose init failed is never "unloaded".
 */
#ifndef _SIM_LINUX_INIT_H
#define _SIM_LINUX_INIT_H
#include <linux/compiler.h>
#include <linux/types.h>

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#ifdef KBUILD_MODNAME
#define __SIM_MODNAME KBUILD_MODNAME
#else
#define __SIM_MODNAME NULL
#endif

struct sim_initcall {
	initcall_t fn;
	const char *name;
	long level;
	const char *mod;	/* KBUILD_MODNAME or NULL */
} __aligned(8);

struct sim_exitcall {
	exitcall_t fn;
	const char *name;
	const char *mod;
} __aligned(8);

#define __sim_initcall(fn, lvl)						\
	static const struct sim_initcall __PASTE(__sim_ic_, fn)	\
	__used __section("sim_initcalls") __aligned(8) = { fn, #fn, lvl, __SIM_MODNAME }

#define pure_initcall(fn) __sim_initcall(fn, 0)
#define core_initcall(fn) __sim_initcall(fn, 1)
#define postcore_initcall(fn) __sim_initcall(fn, 2)
#define arch_initcall(fn) __sim_initcall(fn, 3)
#define subsys_initcall(fn) __sim_initcall(fn, 4)
#define fs_initcall(fn) __sim_initcall(fn, 5)
#define device_initcall(fn) __sim_initcall(fn, 6)
#define late_initcall(fn) __sim_initcall(fn, 7)
#define late_initcall_sync(fn) __sim_initcall(fn, 7)
#define __initcall(fn) device_initcall(fn)
#define __exitcall(fn)							\
	static const struct sim_exitcall __PASTE(__sim_ec_, fn)	\
	__used __section("sim_exitcalls") __aligned(8) = { fn, #fn, __SIM_MODNAME }
#define early_param(str, fn)
#define __setup(str, fn)
#endif
