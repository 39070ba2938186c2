/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (sysctl tables are accepted, not exposed) */
#ifndef _SIM_LINUX_SYSCTL_H
#define _SIM_LINUX_SYSCTL_H
#include <linux/types.h>
#include <linux/kernel.h>
struct ctl_table;
struct ctl_table_header;
typedef int proc_handler(const struct ctl_table *ctl, int write, void *buffer, size_t *lenp,
			 loff_t *ppos);
struct ctl_table {
	const char *procname;
	void *data;
	int maxlen;
	umode_t mode;
	proc_handler *proc_handler;
	void *extra1;
	void *extra2;
};
int proc_dointvec_minmax(const struct ctl_table *table, int write, void *buffer,
			 size_t *lenp, loff_t *ppos);
extern const int sysctl_vals[];
#define SYSCTL_ZERO ((void *)&sysctl_vals[1])
#define SYSCTL_ONE ((void *)&sysctl_vals[2])
struct ctl_table_header *register_sysctl_sz(const char *path, const struct ctl_table *table,
					    size_t table_size);
#define register_sysctl(path, table) register_sysctl_sz(path, table, ARRAY_SIZE(table))
void unregister_sysctl_table(struct ctl_table_header *table);
#endif
