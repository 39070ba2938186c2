/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (the kernel's fixed-width and bus types, x86_64 LP64) */
#ifndef _SIM_LINUX_TYPES_H
#define _SIM_LINUX_TYPES_H

#include <uapi/linux/types.h>

#ifndef __ASSEMBLY__
typedef __s8 s8;
typedef __u8 u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;

typedef unsigned long size_t;
typedef long ssize_t;
typedef long ptrdiff_t;
typedef unsigned long uintptr_t;
typedef long intptr_t;
typedef _Bool bool;
typedef unsigned int gfp_t;
typedef unsigned int slab_flags_t;
typedef unsigned int fmode_t;
typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef phys_addr_t resource_size_t;
typedef long long loff_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned short umode_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef s64 time64_t;
typedef long __kernel_long_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef u8 uint8_t;
typedef u16 uint16_t;
typedef u32 uint32_t;
typedef u64 uint64_t;
typedef s8 int8_t;
typedef s16 int16_t;
typedef s32 int32_t;
typedef s64 int64_t;
typedef u64 sector_t;
typedef unsigned long irq_hw_number_t;
typedef unsigned long pgoff_t;
typedef unsigned int __poll_t;
typedef int clockid_t;
typedef int __kernel_clockid_t;
typedef long __kernel_time_t;
typedef unsigned long ulong;
typedef unsigned int uint;
typedef unsigned short ushort;
typedef unsigned char unchar;

enum { false = 0, true = 1 };

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	s64 counter;
} atomic64_t;
typedef atomic64_t atomic_long_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head

#define DECLARE_BITMAP(name, bits) \
	unsigned long name[((bits) + 63) / 64]

#include <linux/stddef.h>
#endif
#endif
