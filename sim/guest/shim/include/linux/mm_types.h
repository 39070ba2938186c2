/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (struct page: the fields the runtime's allocators keep) */
#ifndef _SIM_LINUX_MM_TYPES_H
#define _SIM_LINUX_MM_TYPES_H
#include <linux/types.h>
struct page {
	unsigned long flags;	/* SIM_PG_* (runtime/mem.h) */
	atomic_t _refcount;
	u16 slab_class;		/* kmalloc size class + 1, 0 if not a slab page */
	u16 inuse;		/* objects in use on a slab page */
	u32 order;		/* order of the block this page heads */
	void *freelist;		/* slab free objects */
	struct list_head lru;	/* slab partial list */
	unsigned long private;
};
#endif
