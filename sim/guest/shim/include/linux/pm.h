/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (dev_pm_ops; CONFIG_PM_SLEEP is off, so the macros compile the ops out) */
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
#define SET_SYSTEM_SLEEP_PM_OPS(s, r)
#define SET_NOIRQ_SYSTEM_SLEEP_PM_OPS(s, r)
#define SYSTEM_SLEEP_PM_OPS(s, r)
#define NOIRQ_SYSTEM_SLEEP_PM_OPS(s, r)
#define SIMPLE_DEV_PM_OPS(name, s, r) const struct dev_pm_ops name = { }
#define DEFINE_SIMPLE_DEV_PM_OPS(name, s, r) const struct dev_pm_ops name = { }
#define pm_sleep_ptr(p) NULL
#define pm_ptr(p) (p)
#define PMSG_SUSPEND ((struct pm_message){ .event = 2 })
#endif
