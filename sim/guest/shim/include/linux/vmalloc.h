/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. vmalloc/vmap through hyp_host_ops.vmap: guest pages mapped again at
 * a new address, so a ring vmapped twice really aliases (runtime/mem.c).
 */
#ifndef _SIM_LINUX_VMALLOC_H
#define _SIM_LINUX_VMALLOC_H
#include <linux/types.h>
#include <linux/gfp_types.h>
#include <linux/pgtable.h>
struct page;
#define VM_MAP 0x00000004
#define VM_IOREMAP 0x00000001
#define VM_ALLOC 0x00000002
void *vmalloc(unsigned long size);
void *vzalloc(unsigned long size);
#define vmalloc_noprof vmalloc
#define vzalloc_noprof vzalloc
#define vmalloc_node(s, n) vmalloc(s)
#define vzalloc_node(s, n) vzalloc(s)
#define __vmalloc(s, gfp) (((gfp) & __GFP_ZERO) ? vzalloc(s) : vmalloc(s))
void vfree(const void *addr);
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
void *vmap_pfn(unsigned long *pfns, unsigned int count, pgprot_t prot);
void vunmap(const void *addr);
bool is_vmalloc_addr(const void *x);
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);
#endif
