/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. Page geometry and the linear map of guest RAM: GPA g lives at
 * HYP_GUEST_RAM_BASE + g (seam.h), so __pa/__va are plain arithmetic. struct page lives in
 * the memmap that the runtime places at the start of RAM (runtime/mem.c).
 */
#ifndef _SIM_ASM_PAGE_H
#define _SIM_ASM_PAGE_H
#include <linux/types.h>
#include <linux/const.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define SIM_PAGE_OFFSET 0x200000000000UL /* == HYP_GUEST_RAM_BASE */
#define PAGE_OFFSET SIM_PAGE_OFFSET

struct page;
extern struct page *sim_mem_map;
extern unsigned long sim_ram_pages;
phys_addr_t sim_virt_to_phys(const volatile void *va);

#define __pa(x) sim_virt_to_phys((const volatile void *)(x))
#define __va(x) ((void *)((unsigned long)(x) + SIM_PAGE_OFFSET))
#define __pa_symbol(x) __pa(x)
#define virt_to_phys(x) __pa(x)
#define phys_to_virt(x) __va(x)
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x) ((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_UP(x) (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define pfn_to_page(pfn) (sim_mem_map + (pfn))
#define page_to_pfn(page) ((unsigned long)((page) - sim_mem_map))
#define virt_to_pfn(kaddr) (__pa(kaddr) >> PAGE_SHIFT)
#define virt_to_page(kaddr) pfn_to_page(__pa(kaddr) >> PAGE_SHIFT)
#define page_to_phys(page) PFN_PHYS(page_to_pfn(page))
#define pfn_valid(pfn) ((pfn) < sim_ram_pages)
#define virt_addr_valid(kaddr) \
	((unsigned long)(kaddr) >= SIM_PAGE_OFFSET && \
	 (unsigned long)(kaddr) < SIM_PAGE_OFFSET + (sim_ram_pages << PAGE_SHIFT))
#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)
#define clear_page(p) memset((p), 0, PAGE_SIZE)
#define copy_page(to, from) memcpy((to), (from), PAGE_SIZE)
#define get_order(n) sim_get_order(n)
static inline int sim_get_order(unsigned long size)
{
	int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}
#endif
