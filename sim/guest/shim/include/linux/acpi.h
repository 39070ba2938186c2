/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented. A fake ACPI namespace with the VMBus device (VMBUS) under its VMOD parent, which carries the MMIO windows; runtime/acpi.c */
#ifndef _SIM_LINUX_ACPI_H
#define _SIM_LINUX_ACPI_H
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/ioport.h>
#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/fwnode.h>
#include <acpi/acpi_numa.h>

typedef u32 acpi_status;
typedef void *acpi_handle;
#define AE_OK 0
#define AE_ERROR 1
#define AE_NO_MEMORY 4
#define AE_NOT_FOUND 5
#define ACPI_FAILURE(s) ((s) != AE_OK)
#define ACPI_SUCCESS(s) ((s) == AE_OK)
#define ACPI_ROOT_OBJECT ((acpi_handle)(unsigned long)-1)
#define METHOD_NAME__CRS "_CRS"
#define ACPI_PTR(p) (p)
#define ACPI_STATE_S4 4
#define ACPI_RESOURCE_TYPE_IRQ 0
#define ACPI_RESOURCE_TYPE_ADDRESS32 12
#define ACPI_RESOURCE_TYPE_ADDRESS64 13
#define ACPI_RESOURCE_TYPE_EXTENDED_IRQ 15
extern int acpi_disabled;

struct acpi_address64_attribute { u64 granularity, minimum, maximum, translation_offset, address_length; };
struct acpi_address32_attribute { u32 granularity, minimum, maximum, translation_offset, address_length; };
struct acpi_resource_address64 { u8 resource_type; struct acpi_address64_attribute address; };
struct acpi_resource_address32 { u8 resource_type; struct acpi_address32_attribute address; };
struct acpi_resource_extended_irq { u8 interrupt_count; u32 interrupts[1]; };
struct acpi_resource {
	u32 type;
	u32 length;
	union {
		struct acpi_resource_address32 address32;
		struct acpi_resource_address64 address64;
		struct acpi_resource_extended_irq extended_irq;
	} data;
};
typedef acpi_status (*acpi_walk_resource_callback)(struct acpi_resource *resource, void *ctx);
acpi_status acpi_walk_resources(acpi_handle handle, const char *name,
				acpi_walk_resource_callback cb, void *ctx);
bool acpi_dev_resource_interrupt(struct acpi_resource *ares, int index, struct resource *res);

struct acpi_device_flags { u32 cca_seen:1; u32 coherent_dma:1; };
struct acpi_device {
	acpi_handle handle;
	struct fwnode_handle fwnode;
	struct acpi_device_flags flags;
	struct device dev;
	struct acpi_device *sim_parent;
};
static inline struct acpi_device *acpi_dev_parent(struct acpi_device *adev)
{
	return adev->sim_parent;
}
#define ACPI_COMPANION(dev) sim_acpi_companion(dev)
#define ACPI_COMPANION_SET(dev, adev) sim_acpi_companion_set(dev, adev)
struct acpi_device *sim_acpi_companion(const struct device *dev);
void sim_acpi_companion_set(struct device *dev, struct acpi_device *adev);
static inline bool is_acpi_device_node(const struct fwnode_handle *fwnode)
{
	return fwnode && fwnode->sim_kind == 1;
}
static inline bool has_acpi_companion(struct device *dev) { return is_acpi_device_node(dev->fwnode); }
enum dev_dma_attr { DEV_DMA_NOT_SUPPORTED, DEV_DMA_NON_COHERENT, DEV_DMA_COHERENT };
static inline enum dev_dma_attr device_get_dma_attr(const struct device *dev) { return DEV_DMA_COHERENT; }
static inline enum dev_dma_attr acpi_get_dma_attr(struct acpi_device *adev) { return DEV_DMA_COHERENT; }

typedef int (*acpi_op_add)(struct acpi_device *device);
#if SIM_KVER >= 602
typedef void (*acpi_op_remove)(struct acpi_device *device);
#else
typedef int (*acpi_op_remove)(struct acpi_device *device);
#endif
struct acpi_device_ops { acpi_op_add add; acpi_op_remove remove; };
struct acpi_driver {
	char name[80];
	char class[80];
	const struct acpi_device_id *ids;
	unsigned int flags;
	struct acpi_device_ops ops;
	struct device_driver drv;
};
int acpi_bus_register_driver(struct acpi_driver *driver);
void acpi_bus_unregister_driver(struct acpi_driver *driver);
bool acpi_sleep_state_supported(u8 sleep_state);
struct acpi_table_header { char signature[4]; u32 length; u8 revision; u8 checksum;
			   char oem_id[6]; char oem_table_id[8]; u32 oem_revision;
			   char asl_compiler_id[4]; u32 asl_compiler_revision; };
acpi_status acpi_get_table(char *signature, u32 instance, struct acpi_table_header **out);
void acpi_put_table(struct acpi_table_header *table);
#endif
