/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (resource tree: requests are recorded, never conflict) */
#ifndef _SIM_LINUX_IOPORT_H
#define _SIM_LINUX_IOPORT_H
#include <linux/types.h>
struct resource {
	resource_size_t start;
	resource_size_t end;
	const char *name;
	unsigned long flags;
	unsigned long desc;
	struct resource *parent, *sibling, *child;
};
#define IORESOURCE_MEM 0x00000200
#define IORESOURCE_MEM_64 0x00100000
#define IORESOURCE_PREFETCH 0x00002000
#define IORESOURCE_BUSY 0x80000000
#define IORESOURCE_EXCLUSIVE 0x08000000
#define IORESOURCE_WINDOW 0x00200000
extern struct resource iomem_resource;
static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}
struct resource *__request_region(struct resource *parent, resource_size_t start,
				  resource_size_t n, const char *name, int flags);
void __release_region(struct resource *parent, resource_size_t start, resource_size_t n);
int request_resource(struct resource *root, struct resource *new);
int release_resource(struct resource *new);
int allocate_resource(struct resource *root, struct resource *new, resource_size_t size,
		      resource_size_t min, resource_size_t max, resource_size_t align,
		      resource_size_t (*alignf)(void *, const struct resource *,
						resource_size_t, resource_size_t),
		      void *alignf_data);
#define request_mem_region(start, n, name) __request_region(&iomem_resource, (start), (n), (name), 0)
#define request_mem_region_exclusive(start, n, name) \
	__request_region(&iomem_resource, (start), (n), (name), IORESOURCE_EXCLUSIVE)
#define release_mem_region(start, n) __release_region(&iomem_resource, (start), (n))
#endif
