/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_SCATTERLIST_H
#define _SIM_LINUX_SCATTERLIST_H
#include <linux/types.h>
#include <linux/mm.h>
#include <linux/uio.h>
struct scatterlist {
	unsigned long page_link;
	unsigned int offset;
	unsigned int length;
	dma_addr_t dma_address;
};
#endif
