/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (no device tree: the ACPI path is taken) */
#ifndef _SIM_LINUX_OF_ADDRESS_H
#define _SIM_LINUX_OF_ADDRESS_H
#include <linux/types.h>
#include <linux/ioport.h>
struct device_node;
struct of_range { u64 pci_addr; u64 bus_addr; u64 cpu_addr; u64 size; u32 flags; };
struct of_range_parser { struct device_node *node; const void *range; const void *end; };
static inline int of_range_parser_init(struct of_range_parser *parser, struct device_node *node)
{
	return -ENOSYS;
}
static inline struct of_range *of_range_parser_one(struct of_range_parser *parser,
						   struct of_range *range)
{
	return NULL;
}
#define for_each_of_range(parser, range) \
	for (; of_range_parser_one(parser, range);)
#define of_match_ptr(p) (p)
static inline int of_dma_configure(struct device *dev, struct device_node *np, bool force)
{
	return 0;
}
#endif
