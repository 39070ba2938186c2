/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_FWNODE_H
#define _SIM_LINUX_FWNODE_H
struct fwnode_handle {
	const void *ops;
	struct device *dev;
	int sim_kind;	/* 1: ACPI companion */
};
#endif
