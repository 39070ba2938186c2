/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (DMA addresses are GPAs) */
#ifndef _SIM_LINUX_DMA_MAPPING_H
#define _SIM_LINUX_DMA_MAPPING_H
#include <linux/types.h>
#include <linux/bits.h>
struct device;
#define DMA_BIT_MASK(n) (((n) == 64) ? ~0ULL : ((1ULL << (n)) - 1))
int dma_set_mask(struct device *dev, u64 mask);
#define dma_set_coherent_mask(d, m) dma_set_mask(d, m)
#define dma_set_mask_and_coherent(d, m) dma_set_mask(d, m)
#define dma_set_max_seg_size(d, s) 0
#endif
