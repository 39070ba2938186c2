/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (file_operations of misc devices; the daemon side is driven through runtime/daemon.c) */
#ifndef _SIM_LINUX_FS_H
#define _SIM_LINUX_FS_H
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/poll.h>
#include <linux/uaccess.h>
struct vm_area_struct;
struct module;
#include <linux/export.h>
struct inode { unsigned int i_rdev; void *i_private; };
struct file_operations;
struct file { const struct file_operations *f_op; void *private_data; fmode_t f_mode; unsigned int f_flags; struct inode *f_inode; };
struct poll_table_struct;
struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
	int (*mmap)(struct file *, struct vm_area_struct *);
};
static inline int nonseekable_open(struct inode *inode, struct file *filp) { return 0; }
#define no_llseek NULL
#define noop_llseek NULL
#endif
