/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (modules are built in: module_init is a device initcall) */
#ifndef _SIM_LINUX_MODULE_H
#define _SIM_LINUX_MODULE_H
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/list.h>

struct module {
	const char *name;
};
#define module_init(fn) device_initcall(fn)
#define module_exit(fn) __exitcall(fn)
#define MODULE_LICENSE(x)
#define MODULE_AUTHOR(x)
#define MODULE_DESCRIPTION(x)
#define MODULE_VERSION(x)
#define MODULE_ALIAS(x)
#define MODULE_SOFTDEP(x)
#define MODULE_IMPORT_NS(x)
#define MODULE_DEVICE_TABLE(type, name)
#define KBUILD_MODFILE KBUILD_MODNAME
static inline bool try_module_get(struct module *m) { return true; }
static inline void module_put(struct module *m) {}
static inline void __module_get(struct module *m) {}
#define module_driver(__driver, __register, __unregister, ...)		\
static int __init __driver##_init(void)					\
{									\
	return __register(&(__driver), ##__VA_ARGS__);			\
}									\
module_init(__driver##_init);						\
static void __exit __driver##_exit(void)				\
{									\
	__unregister(&(__driver), ##__VA_ARGS__);			\
}									\
module_exit(__driver##_exit)
#endif
