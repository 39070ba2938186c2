/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: copied (IS_ENABLED machinery from include/linux/kconfig.h) + the simulator's
 * configuration. Force-included into every kernel-world file (-include linux/kconfig.h).
 *
 * The configuration is a small fixed x86_64 SMP kernel with Hyper-V support built in:
 * everything the target drivers test with IS_ENABLED()/#ifdef is decided here, in one place.
 */
#ifndef _SIM_LINUX_KCONFIG_H
#define _SIM_LINUX_KCONFIG_H

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __and(x, y)			___and(x, y)
#define ___and(x, y)			____and(__ARG_PLACEHOLDER_##x, y)
#define ____and(arg1_or_junk, y)	__take_second_arg(arg1_or_junk y, 0)
#define __or(x, y)			___or(x, y)
#define ___or(x, y)			____or(__ARG_PLACEHOLDER_##x, y)
#define ____or(arg1_or_junk, y)		__take_second_arg(arg1_or_junk 1, y)
#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_REACHABLE(option) __or(IS_BUILTIN(option), \
				__and(IS_MODULE(option), __is_defined(MODULE)))
#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))

/* The simulated machine. */
#define CONFIG_X86 1
#define CONFIG_X86_64 1
#define CONFIG_64BIT 1
#define CONFIG_SMP 1
#define CONFIG_NR_CPUS 64
#define CONFIG_HZ 1000
#define CONFIG_HYPERV 1
#define CONFIG_HYPERV_VMBUS 1
#define CONFIG_HYPERV_UTILS 1
#define CONFIG_HYPERV_KEYBOARD 1
#define CONFIG_HID_HYPERV_MOUSE 1
#define CONFIG_SERIO 1
#define CONFIG_HID 1
#define CONFIG_CONNECTOR 1
/* 6.12 vmbus_drv.c only has its ACPI probe under CONFIG_ACPI (else boot fails -ENODEV). */
#define CONFIG_ACPI 1
#define CONFIG_PRINTK 1
#define CONFIG_TRACEPOINTS 1
/* Hibernation: vmbus_bus_suspend/resume, the drivers' suspend/resume (runtime/pm.c). */
#define CONFIG_PM 1
#define CONFIG_PM_SLEEP 1

#endif
