/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. kobjects carry a name, parent and refcount (kref) with the real
 * release protocol; sysfs presence and uevents are inert but traced (runtime/kobject.c).
 */
#ifndef _SIM_LINUX_KOBJECT_H
#define _SIM_LINUX_KOBJECT_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/kref.h>
#include <linux/sysfs.h>
#include <linux/compiler.h>

struct kobject;
struct kset;
struct kset_uevent_ops;
struct kobj_type {
	void (*release)(struct kobject *kobj);
	const struct sysfs_ops *sysfs_ops;
	const struct attribute_group **default_groups;
};
struct kobject {
	const char *name;
	struct list_head entry;
	struct kobject *parent;
	struct kset *kset;
	const struct kobj_type *ktype;
	struct kref kref;
	unsigned int state_initialized:1;
	unsigned int state_in_sysfs:1;
	unsigned int state_add_uevent_sent:1;
	unsigned int state_remove_uevent_sent:1;
	unsigned int uevent_suppress:1;
};
#define UEVENT_NUM_ENVP 64
#define UEVENT_BUFFER_SIZE 2048
struct kobj_uevent_env {
	char *argv[3];
	char *envp[UEVENT_NUM_ENVP];
	int envp_idx;
	char buf[UEVENT_BUFFER_SIZE];
	int buflen;
};
enum kobject_action { KOBJ_ADD, KOBJ_REMOVE, KOBJ_CHANGE, KOBJ_MOVE, KOBJ_ONLINE,
		      KOBJ_OFFLINE, KOBJ_BIND, KOBJ_UNBIND };
struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			 size_t count);
};
struct kset {
	struct list_head list;
	struct kobject kobj;
	const struct kset_uevent_ops *uevent_ops;
};
struct kset *kset_create_and_add(const char *name, const struct kset_uevent_ops *u,
				 struct kobject *parent_kobj);
void kset_unregister(struct kset *kset);
extern const struct sysfs_ops kobj_sysfs_ops;
extern struct kobject *kernel_kobj;
void kobject_init(struct kobject *kobj, const struct kobj_type *ktype);
__printf(3, 4) int kobject_add(struct kobject *kobj, struct kobject *parent,
			       const char *fmt, ...);
__printf(4, 5) int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype,
					struct kobject *parent, const char *fmt, ...);
void kobject_del(struct kobject *kobj);
struct kobject *kobject_get(struct kobject *kobj);
void kobject_put(struct kobject *kobj);
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent);
int kobject_uevent(struct kobject *kobj, enum kobject_action action);
int kobject_uevent_env(struct kobject *kobj, enum kobject_action action, char *envp[]);
__printf(2, 3) int add_uevent_var(struct kobj_uevent_env *env, const char *format, ...);
__printf(2, 3) int kobject_set_name(struct kobject *kobj, const char *name, ...);
static inline const char *kobject_name(const struct kobject *kobj) { return kobj->name; }
#endif
