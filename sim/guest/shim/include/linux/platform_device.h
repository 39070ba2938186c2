/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (the platform bus: one fake VMBus platform device with an ACPI companion; runtime/acpi.c) */
#ifndef _SIM_LINUX_PLATFORM_DEVICE_H
#define _SIM_LINUX_PLATFORM_DEVICE_H
#include <linux/device.h>
#include <linux/mod_devicetable.h>
struct platform_device {
	const char *name;
	int id;
	struct device dev;
	u32 num_resources;
	struct resource *resource;
};
#define to_platform_device(x) container_of((x), struct platform_device, dev)
struct platform_driver {
	int (*probe)(struct platform_device *);
	int (*remove)(struct platform_device *);
	void (*remove_new)(struct platform_device *);
	void (*shutdown)(struct platform_device *);
	int (*suspend)(struct platform_device *, pm_message_t state);
	int (*resume)(struct platform_device *);
	struct device_driver driver;
	const struct platform_device_id *id_table;
	bool prevent_deferred_probe;
	bool driver_managed_dma;
};
int __platform_driver_register(struct platform_driver *drv, struct module *owner);
#define platform_driver_register(drv) __platform_driver_register(drv, THIS_MODULE)
void platform_driver_unregister(struct platform_driver *drv);
static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}
#endif
