/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_DMA_MAP_OPS_H
#define _SIM_LINUX_DMA_MAP_OPS_H
#include <linux/dma-mapping.h>
struct device;
#if SIM_KVER >= 612
static inline void arch_setup_dma_ops(struct device *dev, bool coherent) {}
#else
static inline void arch_setup_dma_ops(struct device *dev, u64 dma_base, u64 size,
				      const void *iommu, bool coherent) {}
#endif
#endif
