/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: copied (dev_pm_ops and the CONFIG_PM_SLEEP=y forms of the SET_*_PM_OPS macros from
 * include/linux/pm.h). The callbacks are run by the runtime's hibernation sequence
 * (runtime/pm.c: freeze, freeze_noirq, restore_noirq, restore).
 */
#ifndef _SIM_LINUX_PM_H
#define _SIM_LINUX_PM_H
#include <linux/types.h>
struct device;
typedef struct pm_message { int event; } pm_message_t;
struct dev_pm_ops {
	int (*prepare)(struct device *dev);
	void (*complete)(struct device *dev);
	int (*suspend)(struct device *dev);
	int (*resume)(struct device *dev);
	int (*freeze)(struct device *dev);
	int (*thaw)(struct device *dev);
	int (*poweroff)(struct device *dev);
	int (*restore)(struct device *dev);
	int (*suspend_late)(struct device *dev);
	int (*resume_early)(struct device *dev);
	int (*freeze_late)(struct device *dev);
	int (*thaw_early)(struct device *dev);
	int (*poweroff_late)(struct device *dev);
	int (*restore_early)(struct device *dev);
	int (*suspend_noirq)(struct device *dev);
	int (*resume_noirq)(struct device *dev);
	int (*freeze_noirq)(struct device *dev);
	int (*thaw_noirq)(struct device *dev);
	int (*poweroff_noirq)(struct device *dev);
	int (*restore_noirq)(struct device *dev);
};
struct dev_pm_info {
	unsigned int can_wakeup:1;
	unsigned int should_wakeup:1;
};
#define SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	.suspend = (suspend_fn), \
	.resume = (resume_fn), \
	.freeze = (suspend_fn), \
	.thaw = (resume_fn), \
	.poweroff = (suspend_fn), \
	.restore = (resume_fn),
#define NOIRQ_SYSTEM_SLEEP_PM_OPS(suspend_fn, resume_fn) \
	.suspend_noirq = (suspend_fn), \
	.resume_noirq = (resume_fn), \
	.freeze_noirq = (suspend_fn), \
	.thaw_noirq = (resume_fn), \
	.poweroff_noirq = (suspend_fn), \
	.restore_noirq = (resume_fn),
#define SET_SYSTEM_SLEEP_PM_OPS(s, r) SYSTEM_SLEEP_PM_OPS(s, r)
#define SET_NOIRQ_SYSTEM_SLEEP_PM_OPS(s, r) NOIRQ_SYSTEM_SLEEP_PM_OPS(s, r)
#define SIMPLE_DEV_PM_OPS(name, s, r) \
	const struct dev_pm_ops __maybe_unused name = { SET_SYSTEM_SLEEP_PM_OPS(s, r) }
#define DEFINE_SIMPLE_DEV_PM_OPS(name, s, r) \
	const struct dev_pm_ops name = { SYSTEM_SLEEP_PM_OPS(s, r) }
#define pm_sleep_ptr(p) (p)
#define pm_ptr(p) (p)
#define PM_EVENT_FREEZE 0x0001
#define PM_EVENT_SUSPEND 0x0002
#define PM_EVENT_HIBERNATE 0x0004
#define PM_EVENT_RESTORE 0x0040
#define PMSG_SUSPEND ((struct pm_message){ .event = PM_EVENT_SUSPEND })
#define PMSG_FREEZE ((struct pm_message){ .event = PM_EVENT_FREEZE })
#define PMSG_RESTORE ((struct pm_message){ .event = PM_EVENT_RESTORE })
#endif
