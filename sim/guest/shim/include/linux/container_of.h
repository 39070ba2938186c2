/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (include/linux/container_of.h) */
#ifndef _SIM_LINUX_CONTAINER_OF_H
#define _SIM_LINUX_CONTAINER_OF_H
#include <linux/compiler.h>
#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	((type *)(__mptr - offsetof(type, member))); })
#define container_of_const(ptr, type, member)				\
	_Generic(ptr,							\
		const typeof(*(ptr)) *: ((const type *)container_of(ptr, type, member)),\
		default: ((type *)container_of(ptr, type, member)))
#endif
