/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * driver_core.c - buses, drivers, devices, kobjects (drivers/base semantics, reduced).
 *
 * device_add() binds the device to the first matching driver of its bus (bus->match, then
 * bus->probe or drv->probe); driver_register() binds every unbound device of the bus;
 * device_del() unbinds (bus->remove); the last put_device() calls the release callback
 * (device->release, then type->release), and a device without one is KRT-DEV-003, as the
 * kernel WARNs. Attribute groups are remembered by sysfs.c; kobject uevents are traced as
 * guest.uevent.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/acpi.h>
#include <linux/platform_device.h>
#include <linux/notifier.h>
#include <linux/sysctl.h>
#include "krt.h"

/*
 * Per-bus simulator state lives beside the bus, not in it: since 6.x drivers declare their
 * bus_type const (in .rodata), so the runtime must never write into it.
 */
struct krt_bus {
	const struct bus_type *bus;
	struct list_head devices;
	struct list_head drivers;
	struct list_head link;
};

static LIST_HEAD(krt_buses);
/* Every added device in device_add() order: the PM core's dpm_list (runtime/pm.c). */
LIST_HEAD(krt_dpm_list);

static struct krt_bus *krt_bus_of(const struct bus_type *bus)
{
	struct krt_bus *kb;

	list_for_each_entry(kb, &krt_buses, link)
		if (kb->bus == bus)
			return kb;
	return NULL;
}

/* The state of a bus that must be registered (a driver bug otherwise). */
static struct krt_bus *krt_bus_must(const struct bus_type *bus)
{
	struct krt_bus *kb = bus ? krt_bus_of(bus) : NULL;

	if (!kb)
		krt_crash("device or driver on an unregistered bus %s", bus ? bus->name : "(none)");
	return kb;
}

/* ---- kobjects ---- */

static void krt_kobj_release(struct kref *kref)
{
	struct kobject *kobj = container_of(kref, struct kobject, kref);
	const char *name = kobj->name;

	krt_sysfs_forget(kobj);
	if (kobj->ktype && kobj->ktype->release)
		kobj->ktype->release(kobj);
	kfree(name);
}

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype)
{
	/* As the kernel's kobject_init_internal(): the name survives (dev_set_name() may
	 * come before device_register()) and so does the kset, the state flags start over. */
	const char *name = kobj->name;
	struct kset *kset = kobj->kset;	/* set before kobject_init_and_add(), as channels do */

	memset(kobj, 0, sizeof(*kobj));
	kobj->name = name;
	kobj->kset = kset;
	kref_init(&kobj->kref);
	INIT_LIST_HEAD(&kobj->entry);
	kobj->ktype = ktype;
	kobj->state_initialized = 1;
}

static int krt_kobject_vadd(struct kobject *kobj, struct kobject *parent, const char *fmt,
			    va_list ap)
{
	kfree(kobj->name);
	kobj->name = kvasprintf(GFP_KERNEL, fmt, ap);
	/* As kobject_add_internal(): no parent means the kset's kobject. */
	if (!parent && kobj->kset)
		parent = &kobj->kset->kobj;
	kobj->parent = parent ? kobject_get(parent) : NULL;
	kobj->state_in_sysfs = 1;
	return kobj->name ? 0 : -ENOMEM;
}

int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = krt_kobject_vadd(kobj, parent, fmt, ap);
	va_end(ap);
	return ret;
}

int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype,
			 struct kobject *parent, const char *fmt, ...)
{
	va_list ap;
	int ret;

	kobject_init(kobj, ktype);
	va_start(ap, fmt);
	ret = krt_kobject_vadd(kobj, parent, fmt, ap);
	va_end(ap);
	return ret;
}

int kobject_set_name(struct kobject *kobj, const char *fmt, ...)
{
	va_list ap;

	kfree(kobj->name);
	va_start(ap, fmt);
	kobj->name = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	return kobj->name ? 0 : -ENOMEM;
}

void kobject_del(struct kobject *kobj)
{
	if (!kobj || !kobj->state_in_sysfs)
		return;
	kobj->state_in_sysfs = 0;
	krt_sysfs_forget(kobj);
	if (kobj->parent) {
		kobject_put(kobj->parent);
		kobj->parent = NULL;
	}
}

struct kobject *kobject_get(struct kobject *kobj)
{
	if (kobj)
		kref_get(&kobj->kref);
	return kobj;
}

void kobject_put(struct kobject *kobj)
{
	if (!kobj)
		return;
	if (!kobj->state_initialized) {
		krt_finding("KRT-DEV-002", "kobject_put of an uninitialized kobject");
		return;
	}
	kref_put(&kobj->kref, krt_kobj_release);
}

static void krt_dynamic_kobj_release(struct kobject *kobj)
{
	kfree(kobj);
}

static const struct kobj_type krt_dynamic_ktype = { .release = krt_dynamic_kobj_release };

struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
	struct kobject *k = kzalloc(sizeof(*k), GFP_KERNEL);

	if (k && kobject_init_and_add(k, &krt_dynamic_ktype, parent, "%s", name)) {
		kobject_put(k);
		return NULL;
	}
	return k;
}

static void krt_kset_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct kset, kobj));
}

static const struct kobj_type krt_kset_ktype = { .release = krt_kset_release };

struct kset *kset_create_and_add(const char *name, const struct kset_uevent_ops *u,
				 struct kobject *parent_kobj)
{
	struct kset *k = kzalloc(sizeof(*k), GFP_KERNEL);

	if (!k)
		return NULL;
	INIT_LIST_HEAD(&k->list);
	k->uevent_ops = u;
	if (kobject_init_and_add(&k->kobj, &krt_kset_ktype, parent_kobj, "%s", name)) {
		kobject_put(&k->kobj);
		return NULL;
	}
	return k;
}

void kset_unregister(struct kset *kset)
{
	if (kset) {
		kobject_del(&kset->kobj);
		kobject_put(&kset->kobj);
	}
}

int kobject_uevent_env(struct kobject *kobj, enum kobject_action action, char *envp[])
{
	static const char * const names[] = { "add", "remove", "change", "move", "online",
					      "offline", "bind", "unbind" };

	krt_trace("guest.uevent", names[action], "kobj=%s", kobj->name ?: "?");
	return 0;
}

int kobject_uevent(struct kobject *kobj, enum kobject_action action)
{
	return kobject_uevent_env(kobj, action, NULL);
}

int add_uevent_var(struct kobj_uevent_env *env, const char *format, ...)
{
	va_list ap;
	int len;

	if (env->envp_idx >= ARRAY_SIZE(env->envp) - 1)
		return -ENOMEM;
	va_start(ap, format);
	len = krt_vsnprintf(&env->buf[env->buflen], sizeof(env->buf) - env->buflen, format, ap);
	va_end(ap);
	if (len >= (int)sizeof(env->buf) - env->buflen)
		return -ENOMEM;
	env->envp[env->envp_idx++] = &env->buf[env->buflen];
	env->buflen += len + 1;
	return 0;
}

/* sysfs_* and the attribute-group registry: sysfs.c */

/* ---- buses and drivers ---- */

int bus_register(SIM_DEV_CONST struct bus_type *bus)
{
	struct krt_bus *kb;

	if (krt_bus_of(bus))
		return -EEXIST;
	kb = kzalloc(sizeof(*kb), GFP_KERNEL);
	if (!kb)
		return -ENOMEM;
	kb->bus = bus;
	INIT_LIST_HEAD(&kb->devices);
	INIT_LIST_HEAD(&kb->drivers);
	list_add_tail(&kb->link, &krt_buses);
	krt_trace("guest.driver", "bus_register", "bus=%s", bus->name);
	return 0;
}

void bus_unregister(SIM_DEV_CONST struct bus_type *bus)
{
	struct krt_bus *kb = krt_bus_of(bus);

	if (!kb)
		return;
	if (!list_empty(&kb->devices) || !list_empty(&kb->drivers))
		krt_finding("KRT-DEV-001", "bus %s unregistered with devices or drivers",
			    bus->name);
	list_del(&kb->link);
	kfree(kb);
}

static int krt_probe(struct device *dev, struct device_driver *drv)
{
	const struct bus_type *bus = dev->bus;
	int ret;

	dev->driver = drv;
	if (bus->dma_configure) {
		ret = bus->dma_configure(dev);
		if (ret)
			goto fail;
	}
	if (bus->probe)
		ret = bus->probe(dev);
	else if (drv->probe)
		ret = drv->probe(dev);
	else
		ret = 0;
	if (!ret) {
		krt_trace("guest.driver", "bind", "dev=%s drv=%s", dev_name(dev), drv->name);
		krt_sysfs_add_groups(&dev->kobj, drv->dev_groups, true);
		kobject_uevent(&dev->kobj, KOBJ_BIND);
		return 0;
	}
fail:
	krt_trace("guest.driver", "probe_fail", "dev=%s drv=%s ret=%d", dev_name(dev),
		  drv->name, ret);
	dev->driver = NULL;
	dev_set_drvdata(dev, NULL);
	return ret;
}

static int krt_match(struct device *dev, struct device_driver *drv)
{
	return dev->bus->match ? dev->bus->match(dev, drv) : 1;
}

int device_attach(struct device *dev)
{
	struct bus_type *bus = (struct bus_type *)dev->bus;
	struct device_driver *drv;

	if (dev->driver)
		return 1;
	list_for_each_entry(drv, &krt_bus_must(bus)->drivers, sim_entry) {
		if (krt_match(dev, drv) > 0)
			return krt_probe(dev, drv) ? 0 : 1;
	}
	return 0;
}

int driver_attach(SIM_DEV_CONST struct device_driver *cdrv)
{
	struct device_driver *drv = (struct device_driver *)cdrv;
	struct bus_type *bus = (struct bus_type *)drv->bus;
	struct device *dev, *n;

	list_for_each_entry_safe(dev, n, &krt_bus_must(bus)->devices, sim_bus_entry) {
		if (!dev->driver && krt_match(dev, drv) > 0) {
			get_device(dev);
			krt_probe(dev, drv);
			put_device(dev);
		}
	}
	return 0;
}

int driver_register(struct device_driver *drv)
{
	struct bus_type *bus = (struct bus_type *)drv->bus;

	list_add_tail(&drv->sim_entry, &krt_bus_must(bus)->drivers);
	krt_trace("guest.driver", "driver_register", "drv=%s bus=%s", drv->name, bus->name);
	return driver_attach(drv);
}

void device_release_driver(struct device *dev)
{
	struct device_driver *drv = dev->driver;

	if (!drv)
		return;
	krt_sysfs_del_groups(&dev->kobj, drv->dev_groups);
	if (dev->bus->remove)
		dev->bus->remove(dev);
	else if (drv->remove)
		drv->remove(dev);
	krt_trace("guest.driver", "unbind", "dev=%s drv=%s", dev_name(dev), drv->name);
	dev->driver = NULL;
	dev_set_drvdata(dev, NULL);
}

void driver_unregister(struct device_driver *drv)
{
	struct bus_type *bus = (struct bus_type *)drv->bus;
	struct device *dev, *n;

	list_for_each_entry_safe(dev, n, &krt_bus_must(bus)->devices, sim_bus_entry)
		if (dev->driver == drv)
			device_release_driver(dev);
	list_del(&drv->sim_entry);
}

struct device_driver *driver_find(const char *name, SIM_DEV_CONST struct bus_type *cbus)
{
	struct bus_type *bus = (struct bus_type *)cbus;
	struct device_driver *drv;

	list_for_each_entry(drv, &krt_bus_must(bus)->drivers, sim_entry)
		if (!strcmp(drv->name, name))
			return drv;
	return NULL;
}

int bus_for_each_dev(SIM_DEV_CONST struct bus_type *cbus, struct device *start, void *data,
		     int (*fn)(struct device *dev, void *data))
{
	struct bus_type *bus = (struct bus_type *)cbus;
	struct device *dev, *n;
	int ret = 0;

	list_for_each_entry_safe(dev, n, &krt_bus_must(bus)->devices, sim_bus_entry) {
		ret = fn(dev, data);
		if (ret)
			break;
	}
	return ret;
}

int bus_for_each_drv(SIM_DEV_CONST struct bus_type *cbus, struct device_driver *start,
		     void *data, int (*fn)(struct device_driver *, void *))
{
	struct bus_type *bus = (struct bus_type *)cbus;
	struct device_driver *drv;
	int ret = 0;

	list_for_each_entry(drv, &krt_bus_must(bus)->drivers, sim_entry) {
		ret = fn(drv, data);
		if (ret)
			break;
	}
	return ret;
}

struct device *bus_find_device(SIM_DEV_CONST struct bus_type *cbus, struct device *start,
			       const void *data, int (*match)(struct device *dev, const void *data))
{
	struct bus_type *bus = (struct bus_type *)cbus;
	struct device *dev;

	list_for_each_entry(dev, &krt_bus_must(bus)->devices, sim_bus_entry)
		if (match(dev, data))
			return get_device(dev);
	return NULL;
}

int driver_for_each_device(struct device_driver *drv, struct device *start, void *data,
			   int (*fn)(struct device *dev, void *))
{
	struct bus_type *bus = (struct bus_type *)drv->bus;
	struct device *dev, *n;
	int ret = 0;

	list_for_each_entry_safe(dev, n, &krt_bus_must(bus)->devices, sim_bus_entry) {
		if (dev->driver != drv)
			continue;
		ret = fn(dev, data);
		if (ret)
			break;
	}
	return ret;
}

/* ---- devices ---- */

static void krt_device_release(struct kobject *kobj)
{
	struct device *dev = kobj_to_dev(kobj);

	if (dev->release)
		dev->release(dev);
	else if (dev->type && dev->type->release)
		dev->type->release(dev);
	else
		krt_finding("KRT-DEV-003", "device %s has no release() function",
			    dev_name(dev) ?: "?");
}

static const struct kobj_type krt_device_ktype = { .release = krt_device_release };

bool krt_kobj_is_device(const struct kobject *kobj)
{
	return kobj->ktype == &krt_device_ktype;
}

void device_initialize(struct device *dev)
{
	kobject_init(&dev->kobj, &krt_device_ktype);
	mutex_init(&dev->mutex);
	INIT_LIST_HEAD(&dev->sim_bus_entry);
	INIT_LIST_HEAD(&dev->sim_dpm_entry);
	dev->numa_node = NUMA_NO_NODE;
}

int dev_set_name(struct device *dev, const char *fmt, ...)
{
	va_list ap;

	kfree(dev->kobj.name);
	va_start(ap, fmt);
	dev->kobj.name = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	return dev->kobj.name ? 0 : -ENOMEM;
}

int device_add(struct device *dev)
{
	struct bus_type *bus = (struct bus_type *)dev->bus;

	if (dev->init_name) {
		dev_set_name(dev, "%s", dev->init_name);
		dev->init_name = NULL;
	}
	if (!dev_name(dev))
		return -EINVAL;
	dev->kobj.state_in_sysfs = 1;
	if (dev->parent)
		get_device(dev->parent);
	dev->sim_added = true;
	krt_trace("guest.driver", "device_add", "dev=%s bus=%s", dev_name(dev),
		  bus ? bus->name : "-");
	if (bus)
		krt_sysfs_add_groups(&dev->kobj, bus->dev_groups, true);
	if (dev->type)
		krt_sysfs_add_groups(&dev->kobj, dev->type->groups, true);
	krt_sysfs_add_groups(&dev->kobj, dev->groups, true);
	kobject_uevent(&dev->kobj, KOBJ_ADD);
	list_add_tail(&dev->sim_dpm_entry, &krt_dpm_list);	/* as device_pm_add() */
	if (bus) {
		list_add_tail(&dev->sim_bus_entry, &krt_bus_must(bus)->devices);
		device_attach(dev);
	}
	return 0;
}

int device_register(struct device *dev)
{
	device_initialize(dev);
	return device_add(dev);
}

void device_del(struct device *dev)
{
	if (!dev->sim_added)
		return;
	device_release_driver(dev);
	list_del_init(&dev->sim_dpm_entry);
	if (dev->bus)
		list_del_init(&dev->sim_bus_entry);
	krt_sysfs_forget(&dev->kobj);
	kobject_uevent(&dev->kobj, KOBJ_REMOVE);
	dev->sim_added = false;
	dev->kobj.state_in_sysfs = 0;
	krt_trace("guest.driver", "device_del", "dev=%s", dev_name(dev));
	if (dev->parent)
		put_device(dev->parent);
}

void device_unregister(struct device *dev)
{
	device_del(dev);
	put_device(dev);
}

struct device *get_device(struct device *dev)
{
	if (dev)
		kobject_get(&dev->kobj);
	return dev;
}

void put_device(struct device *dev)
{
	if (dev)
		kobject_put(&dev->kobj);
}

int device_reprobe(struct device *dev)
{
	device_release_driver(dev);
	return device_attach(dev);
}

int device_for_each_child(struct device *parent, void *data,
			  int (*fn)(struct device *dev, void *data))
{
	struct krt_bus *kb;
	struct device *dev, *n;
	int ret;

	list_for_each_entry(kb, &krt_buses, link)
		list_for_each_entry_safe(dev, n, &kb->devices, sim_bus_entry)
			if (dev->parent == parent && (ret = fn(dev, data)))
				return ret;
	return 0;
}

struct device *device_find_child(struct device *parent, void *data,
				 int (*match)(struct device *dev, void *data))
{
	struct krt_bus *kb;
	struct device *dev;

	list_for_each_entry(kb, &krt_buses, link)
		list_for_each_entry(dev, &kb->devices, sim_bus_entry)
			if (dev->parent == parent && match(dev, data))
				return get_device(dev);
	return NULL;
}

int device_match_driver_override(struct device *dev, const struct device_driver *drv)
{
	if (!dev->driver_override)
		return -1;
	return !strcmp(dev->driver_override, drv->name);
}

int driver_set_override(struct device *dev, const char **override, const char *s, size_t len)
{
	const char *old = *override, *new = NULL;

	if (len && s[len - 1] == '\n')
		len--;
	if (len) {
		new = kstrndup(s, len, GFP_KERNEL);
		if (!new)
			return -ENOMEM;
	}
	*override = new;
	kfree(old);
	return 0;
}

int device_create_file(struct device *dev, const struct device_attribute *attr) { return 0; }
void device_remove_file(struct device *dev, const struct device_attribute *attr) {}
int device_create_bin_file(struct device *dev, const struct bin_attribute *attr) { return 0; }
void device_remove_bin_file(struct device *dev, const struct bin_attribute *attr) {}
int dma_set_mask(struct device *dev, u64 mask)
{
	if (dev->dma_mask)
		*dev->dma_mask = mask;
	return 0;
}

void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return kzalloc(size, gfp);	/* released with the device: not tracked (leak) */
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp);
}

void devm_kfree(struct device *dev, const void *p)
{
	kfree(p);
}

int device_set_wakeup_capable(struct device *dev, bool capable)
{
	dev->power.can_wakeup = capable;
	return 0;
}

int device_wakeup_enable(struct device *dev)
{
	dev->power.should_wakeup = 1;
	return 0;
}

int device_wakeup_disable(struct device *dev)
{
	dev->power.should_wakeup = 0;
	return 0;
}

void pm_wakeup_dev_event(struct device *dev, unsigned int msec, bool hard)
{
	krt_trace("guest.power", "wakeup_event", "dev=%s hard=%d", dev_name(dev), hard);
}

/* ---- notifier chains (ordered by priority, then registration) ---- */

static int krt_notifier_add(struct notifier_block **nl, struct notifier_block *n)
{
	while (*nl && (*nl)->priority >= n->priority)
		nl = &(*nl)->next;
	n->next = *nl;
	*nl = n;
	return 0;
}

static int krt_notifier_del(struct notifier_block **nl, struct notifier_block *n)
{
	for (; *nl; nl = &(*nl)->next) {
		if (*nl == n) {
			*nl = n->next;
			return 0;
		}
	}
	return -ENOENT;
}

int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *nb)
{
	return krt_notifier_add(&nh->head, nb);
}

int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *nb)
{
	return krt_notifier_del(&nh->head, nb);
}

int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v)
{
	struct notifier_block *nb;
	int ret = NOTIFY_DONE;

	for (nb = nh->head; nb; nb = nb->next) {
		ret = nb->notifier_call(nb, val, v);
		if (ret & NOTIFY_STOP_MASK)
			break;
	}
	return ret;
}

int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *nb)
{
	return krt_notifier_add(&nh->head, nb);
}

int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh,
				       struct notifier_block *nb)
{
	return krt_notifier_del(&nh->head, nb);
}

struct atomic_notifier_head panic_notifier_list;
static struct atomic_notifier_head krt_die_chain, krt_reboot_chain;

int register_die_notifier(struct notifier_block *nb)
{
	return krt_notifier_add(&krt_die_chain.head, nb);
}

int unregister_die_notifier(struct notifier_block *nb)
{
	return krt_notifier_del(&krt_die_chain.head, nb);
}

int register_reboot_notifier(struct notifier_block *nb)
{
	return krt_notifier_add(&krt_reboot_chain.head, nb);
}

int unregister_reboot_notifier(struct notifier_block *nb)
{
	return krt_notifier_del(&krt_reboot_chain.head, nb);
}

/* ---- sysctl: accepted, not exposed ---- */

const int sysctl_vals[] = { -1, 0, 1, 2, 4, 100, 200, 1000, 3000, INT_MAX, 65535, -1 };

int proc_dointvec_minmax(const struct ctl_table *table, int write, void *buffer, size_t *lenp,
			 loff_t *ppos)
{
	return -EINVAL;
}

struct ctl_table_header *register_sysctl_sz(const char *path, const struct ctl_table *table,
					    size_t table_size)
{
	krt_trace("guest.sysctl", "register", "path=%s entries=%zu", path, table_size);
	return (struct ctl_table_header *)table;
}

void unregister_sysctl_table(struct ctl_table_header *table)
{
}
