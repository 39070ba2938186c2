/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. struct page is the runtime's per-page record in the memmap
 * (runtime/mem.c): page_address/virt_to_page/page_to_pfn are arithmetic on guest RAM.
 */
#ifndef _SIM_LINUX_MM_H
#define _SIM_LINUX_MM_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/atomic.h>
#include <linux/sizes.h>
#include <linux/pgtable.h>
#include <linux/mm_types.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <linux/node.h>
#include <linux/sysctl.h>
#include <asm/page.h>

#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGN_DOWN(addr) ALIGN_DOWN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr) IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)
static inline void *page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}
#define lowmem_page_address page_address
static inline void get_page(struct page *page) { atomic_inc(&page->_refcount); }
static inline void put_page(struct page *page) { atomic_dec(&page->_refcount); }
static inline int page_count(const struct page *page) { return atomic_read(&page->_refcount); }
static inline void *kmap(struct page *page) { return page_address(page); }
static inline void kunmap(struct page *page) {}
static inline void *kmap_local_page(struct page *page) { return page_address(page); }
static inline void kunmap_local(const void *addr) {}
#define kmap_atomic(p) page_address(p)
#define kunmap_atomic(a) do { } while (0)
extern unsigned long totalram_pages_val;
static inline unsigned long totalram_pages(void) { return sim_ram_pages; }
struct vm_area_struct;
#define nth_page(page, n) ((page) + (n))
#endif
