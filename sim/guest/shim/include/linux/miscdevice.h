/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (misc devices are registered by name for the daemon model; runtime/daemon.c) */
#ifndef _SIM_LINUX_MISCDEVICE_H
#define _SIM_LINUX_MISCDEVICE_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/fs.h>
#define MISC_DYNAMIC_MINOR 255
struct device;
struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;
	struct device *parent;
	struct device *this_device;
	const struct attribute_group **groups;
	const char *nodename;
	umode_t mode;
};
int misc_register(struct miscdevice *misc);
void misc_deregister(struct miscdevice *misc);
#endif
