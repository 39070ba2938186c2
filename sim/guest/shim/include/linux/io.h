/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (memremap of guest RAM is the linear map; MMIO does not exist here) */
#ifndef _SIM_LINUX_IO_H
#define _SIM_LINUX_IO_H
#include <linux/types.h>
#include <linux/err.h>
#include <linux/ioport.h>
#include <asm/page.h>
enum { MEMREMAP_WB = 1, MEMREMAP_WT = 2, MEMREMAP_WC = 4, MEMREMAP_ENC = 8, MEMREMAP_DEC = 16 };
void *memremap(resource_size_t offset, size_t size, unsigned long flags);
void memunmap(void *addr);
void __iomem *ioremap(resource_size_t offset, unsigned long size);
void __iomem *ioremap_cache(resource_size_t offset, unsigned long size);
void iounmap(volatile void __iomem *addr);
#define readl(a) (*(volatile u32 *)(a))
#define writel(v, a) (*(volatile u32 *)(a) = (v))
#endif
