/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (page allocator on guest RAM, runtime/mem.c) */
#ifndef _SIM_LINUX_GFP_H
#define _SIM_LINUX_GFP_H
#include <linux/types.h>
#include <linux/gfp_types.h>
#include <linux/mmzone.h>
struct page;
struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_pages_noprof alloc_pages
#define alloc_page(gfp) alloc_pages(gfp, 0)
#define alloc_pages_node(nid, gfp, order) alloc_pages(gfp, order)
#define __alloc_pages(gfp, order, nid, nm) alloc_pages(gfp, order)
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages((page), 0)
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages((gfp), 0)
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages((addr), 0)
#define gfpflags_allow_blocking(gfp) (!!((gfp) & __GFP_DIRECT_RECLAIM))
#endif
