/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. The driver core (runtime/driver_core.c): buses keep lists of devices
 * and drivers; device_add() matches against the bus's drivers and probes, driver_register()
 * against the bus's devices; device removal calls remove; the last put_device() calls the
 * release callback. 6.12's const-ification is followed with SIM_KVER.
 */
#ifndef _SIM_LINUX_DEVICE_H
#define _SIM_LINUX_DEVICE_H
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/kobject.h>
#include <linux/mutex.h>
#include <linux/pm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/uuid.h>
#include <linux/mod_devicetable.h>
#include <linux/dev_printk.h>
#include <linux/fwnode.h>

struct device;
struct device_driver;
struct module;
struct acpi_device;
struct device_node;
struct iommu_ops;
struct device_attribute;
struct pci_dev;
#include <linux/ioport.h>

#if SIM_KVER >= 612
#define SIM_DEV_CONST const
#else
#define SIM_DEV_CONST
#endif

struct bus_type {
	const char *name;
	const char *dev_name;
	const struct attribute_group **bus_groups;
	const struct attribute_group **dev_groups;
	const struct attribute_group **drv_groups;
	int (*match)(struct device *dev, SIM_DEV_CONST struct device_driver *drv);
	int (*uevent)(SIM_DEV_CONST struct device *dev, struct kobj_uevent_env *env);
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	void (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	int (*online)(struct device *dev);
	int (*offline)(struct device *dev);
	int (*suspend)(struct device *dev, pm_message_t state);
	int (*resume)(struct device *dev);
	int (*dma_configure)(struct device *dev);
	void (*dma_cleanup)(struct device *dev);
	const struct dev_pm_ops *pm;
	bool need_parent_lock;
	bool driver_override;
	/* no simulator state here: 6.x buses are const (see runtime/driver_core.c) */
};

enum probe_type { PROBE_DEFAULT_STRATEGY, PROBE_PREFER_ASYNCHRONOUS, PROBE_FORCE_SYNCHRONOUS };
struct device_driver {
	const char *name;
	SIM_DEV_CONST struct bus_type *bus;
	struct module *owner;
	const char *mod_name;
	bool suppress_bind_attrs;
	enum probe_type probe_type;
	const struct of_device_id *of_match_table;
	const struct acpi_device_id *acpi_match_table;
	int (*probe)(struct device *dev);
	void (*sync_state)(struct device *dev);
	int (*remove)(struct device *dev);
	void (*shutdown)(struct device *dev);
	int (*suspend)(struct device *dev, pm_message_t state);
	int (*resume)(struct device *dev);
	const struct attribute_group **groups;
	const struct attribute_group **dev_groups;
	const struct dev_pm_ops *pm;
	void (*coredump)(struct device *dev);
	/* simulator state */
	struct list_head sim_entry;
};

struct device_type {
	const char *name;
	const struct attribute_group **groups;
	int (*uevent)(SIM_DEV_CONST struct device *dev, struct kobj_uevent_env *env);
	void (*release)(struct device *dev);
	const struct dev_pm_ops *pm;
};

struct device_dma_parameters {
	unsigned int max_segment_size;
	unsigned int min_align_mask;
	unsigned long segment_boundary_mask;
};

struct dev_links_info { int status; };

struct device {
	struct kobject kobj;
	struct device *parent;
	const char *init_name;
	const struct device_type *type;
	SIM_DEV_CONST struct bus_type *bus;
	struct device_driver *driver;
	void *platform_data;
	void *driver_data;
	struct mutex mutex;
	struct dev_pm_info power;
	u64 *dma_mask;
	u64 coherent_dma_mask;
	u64 bus_dma_limit;
	struct device_dma_parameters *dma_parms;
	struct device_node *of_node;
	struct fwnode_handle *fwnode;
	int numa_node;
	u32 id;
	const struct attribute_group **groups;
	void (*release)(struct device *dev);
	bool dma_coherent;
	const char *driver_override;
	/* simulator state */
	struct list_head sim_bus_entry;
	struct list_head sim_dpm_entry;	/* krt_dpm_list (runtime/pm.c), while added */
	bool sim_added;
};

static inline struct device *kobj_to_dev(struct kobject *kobj)
{
	return container_of(kobj, struct device, kobj);
}
static inline const char *dev_name(const struct device *dev)
{
	if (dev->init_name)
		return dev->init_name;
	return kobject_name(&dev->kobj);
}
__printf(2, 3) int dev_set_name(struct device *dev, const char *name, ...);
static inline void *dev_get_drvdata(const struct device *dev) { return dev->driver_data; }
static inline void dev_set_drvdata(struct device *dev, void *data) { dev->driver_data = data; }
static inline int dev_to_node_sim(struct device *dev) { return dev->numa_node; }
static inline void set_dev_node(struct device *dev, int node) { dev->numa_node = node; }
static inline void device_lock(struct device *dev) { mutex_lock(&dev->mutex); }
static inline void device_unlock(struct device *dev) { mutex_unlock(&dev->mutex); }
static inline bool device_is_registered(struct device *dev) { return dev->sim_added; }
static inline void device_enable_async_suspend(struct device *dev) {}
static inline void dev_pm_syscore_device(struct device *dev, bool val) {}

void device_initialize(struct device *dev);
int device_add(struct device *dev);
void device_del(struct device *dev);
int device_register(struct device *dev);
void device_unregister(struct device *dev);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
int device_attach(struct device *dev);
void device_release_driver(struct device *dev);
int device_reprobe(struct device *dev);
int device_for_each_child(struct device *dev, void *data,
			  int (*fn)(struct device *dev, void *data));
struct device *device_find_child(struct device *dev, void *data,
				 int (*match)(struct device *dev, void *data));
int device_match_driver_override(struct device *dev, const struct device_driver *drv);
int driver_set_override(struct device *dev, const char **override, const char *s,
			size_t len);
int bus_register(SIM_DEV_CONST struct bus_type *bus);
void bus_unregister(SIM_DEV_CONST struct bus_type *bus);
int bus_for_each_dev(SIM_DEV_CONST struct bus_type *bus, struct device *start, void *data,
		     int (*fn)(struct device *dev, void *data));
int bus_for_each_drv(SIM_DEV_CONST struct bus_type *bus, struct device_driver *start,
		     void *data, int (*fn)(struct device_driver *, void *));
struct device *bus_find_device(SIM_DEV_CONST struct bus_type *bus, struct device *start,
			       const void *data,
			       int (*match)(struct device *dev, const void *data));
int driver_register(struct device_driver *drv);
void driver_unregister(struct device_driver *drv);
int driver_attach(SIM_DEV_CONST struct device_driver *drv);
int driver_for_each_device(struct device_driver *drv, struct device *start, void *data,
			   int (*fn)(struct device *dev, void *));
struct device_driver *driver_find(const char *name, SIM_DEV_CONST struct bus_type *bus);
int device_create_file(struct device *dev, const struct device_attribute *attr);
void device_remove_file(struct device *dev, const struct device_attribute *attr);
int device_create_bin_file(struct device *dev, const struct bin_attribute *attr);
void device_remove_bin_file(struct device *dev, const struct bin_attribute *attr);
void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp);
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp);
void devm_kfree(struct device *dev, const void *p);
int device_set_wakeup_capable(struct device *dev, bool capable);
int device_wakeup_enable(struct device *dev);
int device_wakeup_disable(struct device *dev);
static inline int device_init_wakeup(struct device *dev, bool enable)
{
	device_set_wakeup_capable(dev, enable);
	return enable ? device_wakeup_enable(dev) : device_wakeup_disable(dev);
}
void pm_wakeup_dev_event(struct device *dev, unsigned int msec, bool hard);
static inline void pm_wakeup_event(struct device *dev, unsigned int msec)
{
	pm_wakeup_dev_event(dev, msec, false);
}
static inline void pm_wakeup_hard_event(struct device *dev) { pm_wakeup_dev_event(dev, 0, true); }
#define device_may_wakeup(dev) 0
#define dev_is_pci(d) false

struct device_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr, char *buf);
	ssize_t (*store)(struct device *dev, struct device_attribute *attr, const char *buf,
			 size_t count);
};
struct driver_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device_driver *driver, char *buf);
	ssize_t (*store)(struct device_driver *driver, const char *buf, size_t count);
};
struct bus_attribute {
	struct attribute attr;
	ssize_t (*show)(SIM_DEV_CONST struct bus_type *bus, char *buf);
	ssize_t (*store)(SIM_DEV_CONST struct bus_type *bus, const char *buf, size_t count);
};
#define DEVICE_ATTR(_name, _mode, _show, _store) \
	struct device_attribute dev_attr_##_name = __ATTR(_name, _mode, _show, _store)
#define DEVICE_ATTR_RW(_name) struct device_attribute dev_attr_##_name = __ATTR_RW(_name)
#define DEVICE_ATTR_RO(_name) struct device_attribute dev_attr_##_name = __ATTR_RO(_name)
#define DEVICE_ATTR_WO(_name) struct device_attribute dev_attr_##_name = __ATTR_WO(_name)
#define DRIVER_ATTR_RW(_name) struct driver_attribute driver_attr_##_name = __ATTR_RW(_name)
#define DRIVER_ATTR_WO(_name) struct driver_attribute driver_attr_##_name = __ATTR_WO(_name)
#define DRIVER_ATTR_RO(_name) struct driver_attribute driver_attr_##_name = __ATTR_RO(_name)
#define BUS_ATTR_RO(_name) struct bus_attribute bus_attr_##_name = __ATTR_RO(_name)
#define BUS_ATTR_RW(_name) struct bus_attribute bus_attr_##_name = __ATTR_RW(_name)
#define BUS_ATTR_WO(_name) struct bus_attribute bus_attr_##_name = __ATTR_WO(_name)
#endif
