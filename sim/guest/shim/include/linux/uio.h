/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (struct kvec) */
#ifndef _SIM_LINUX_UIO_H
#define _SIM_LINUX_UIO_H
#include <linux/types.h>
struct kvec {
	void *iov_base;
	size_t iov_len;
};
struct iovec {
	void __user *iov_base;
	__kernel_size_t iov_len;
};
#endif
