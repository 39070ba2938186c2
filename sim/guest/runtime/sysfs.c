/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysfs.c - a minimal sysfs: the attribute groups registered for devices (bus dev_groups,
 * type groups, device groups, driver dev_groups while bound) and for plain kobjects
 * (sysfs_create_group), and two host hooks that act as user space would:
 *
 *   "sysfs.read_all" int fn(void): a task reads every visible, readable attribute, in path
 *	order, each traced as guest.sysfs read path=<p> attr=<a> value=<v> (or err=<n>); <v> is
 *	the text without its trailing newline, other bytes outside [A-Za-z0-9_.,:/@+-{}()[]=]
 *	as %XX (one token, no backslash).
 *   "sysfs.write" int fn(const char *path, const char *attr, const char *value): a task
 *	writes value to that attribute's store(), traced as guest.sysfs write ... ret=<n>.
 *
 * Paths are the kernel's below /sys/bus/<bus>/devices: a device is its name, any other
 * kobject is its parent's path (its kset's when added without one) + "/" + its name,
 * e.g. "<instance GUID>/channels/<relid>". Binary attributes are not modelled.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include "krt.h"

struct krt_sysfs_grp {
	struct kobject *kobj;
	const struct attribute_group *grp;
	bool is_dev;		/* attributes are struct device_attribute */
	struct list_head link;
};

static LIST_HEAD(krt_sysfs_grps);

static int krt_sysfs_add(struct kobject *kobj, const struct attribute_group *grp, bool is_dev)
{
	struct krt_sysfs_grp *g;

	if (!grp)
		return 0;
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		return -ENOMEM;
	g->kobj = kobj;
	g->grp = grp;
	g->is_dev = is_dev;
	list_add_tail(&g->link, &krt_sysfs_grps);
	return 0;
}

static void krt_sysfs_del(struct kobject *kobj, const struct attribute_group *grp)
{
	struct krt_sysfs_grp *g, *n;

	list_for_each_entry_safe(g, n, &krt_sysfs_grps, link) {
		if (g->kobj == kobj && (!grp || g->grp == grp)) {
			list_del(&g->link);
			kfree(g);
		}
	}
}

void krt_sysfs_add_groups(struct kobject *kobj, const struct attribute_group **groups,
			  bool is_dev)
{
	for (; groups && *groups; groups++)
		krt_sysfs_add(kobj, *groups, is_dev);
}

void krt_sysfs_del_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	for (; groups && *groups; groups++)
		krt_sysfs_del(kobj, *groups);
}

void krt_sysfs_forget(struct kobject *kobj)
{
	krt_sysfs_del(kobj, NULL);
}

int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
	return krt_sysfs_add(kobj, grp, krt_kobj_is_device(kobj));
}

void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp)
{
	krt_sysfs_del(kobj, grp);
}

/* is_visible() is asked at read/write time, which also covers sysfs_update_group(). */
int sysfs_update_group(struct kobject *kobj, const struct attribute_group *grp) { return 0; }
int sysfs_create_file(struct kobject *kobj, const struct attribute *attr) { return 0; }
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr) {}
int sysfs_create_bin_file(struct kobject *kobj, const struct bin_attribute *attr) { return 0; }
void sysfs_remove_bin_file(struct kobject *kobj, const struct bin_attribute *attr) {}
void sysfs_notify(struct kobject *kobj, const char *dir, const char *attr) {}

/* The kobject's path below /sys/bus/<bus>/devices (see the header). */
static int krt_sysfs_path(struct kobject *kobj, char *buf, size_t len)
{
	struct kobject *up = kobj->parent;
	int n = 0;

	if (!krt_kobj_is_device(kobj) && up) {
		n = krt_sysfs_path(up, buf, len);
		if (n < (int)len)
			n += scnprintf(buf + n, len - n, "/");
	}
	if (n < (int)len)
		n += scnprintf(buf + n, len - n, "%s", kobj->name ?: "?");
	return n;
}

/* One attribute of a registered group, as the VFS sees it. */
struct krt_sysfs_attr {
	struct kobject *kobj;
	struct attribute *attr;
	bool is_dev;
	char path[128];
	umode_t mode;
};

static ssize_t krt_sysfs_show(struct krt_sysfs_attr *a, char *buf)
{
	if (a->is_dev) {
		struct device_attribute *da = container_of(a->attr, struct device_attribute, attr);

		return da->show ? da->show(kobj_to_dev(a->kobj), da, buf) : -EIO;
	}
	if (a->kobj->ktype && a->kobj->ktype->sysfs_ops && a->kobj->ktype->sysfs_ops->show)
		return a->kobj->ktype->sysfs_ops->show(a->kobj, a->attr, buf);
	return -EIO;
}

static ssize_t krt_sysfs_store(struct krt_sysfs_attr *a, const char *buf, size_t count)
{
	if (a->is_dev) {
		struct device_attribute *da = container_of(a->attr, struct device_attribute, attr);

		return da->store ? da->store(kobj_to_dev(a->kobj), da, buf, count) : -EIO;
	}
	if (a->kobj->ktype && a->kobj->ktype->sysfs_ops && a->kobj->ktype->sysfs_ops->store)
		return a->kobj->ktype->sysfs_ops->store(a->kobj, a->attr, buf, count);
	return -EIO;
}

/*
 * Snapshot of every visible attribute (references held), sorted by (path, name) with the
 * registration order breaking ties. Returns the count; *out is kfree()d by the caller after
 * krt_sysfs_put_all().
 */
static int krt_sysfs_collect(struct krt_sysfs_attr **out)
{
	struct krt_sysfs_attr *v = NULL, tmp;
	struct krt_sysfs_grp *g;
	int n = 0, cap = 0, i, j;

	list_for_each_entry(g, &krt_sysfs_grps, link) {
		struct attribute **ap;

		for (ap = g->grp->attrs, i = 0; ap && *ap; ap++, i++) {
			umode_t mode = (*ap)->mode;

			if (g->grp->is_visible)
				mode = g->grp->is_visible(g->kobj, *ap, i);
			if (!mode)
				continue;
			if (n == cap) {
				struct krt_sysfs_attr *nv;

				cap = cap ? 2 * cap : 64;
				nv = kcalloc(cap, sizeof(*nv), GFP_KERNEL);
				if (!nv)
					break;
				if (v)
					memcpy(nv, v, n * sizeof(*nv));
				kfree(v);
				v = nv;
			}
			v[n].kobj = kobject_get(g->kobj);
			v[n].attr = *ap;
			v[n].is_dev = g->is_dev;
			v[n].mode = mode;
			krt_sysfs_path(g->kobj, v[n].path, sizeof(v[n].path));
			n++;
		}
	}
	/* insertion sort: stable, n is small */
	for (i = 1; i < n; i++) {
		tmp = v[i];
		for (j = i; j > 0; j--) {
			int c = strcmp(v[j - 1].path, tmp.path);

			if (c < 0 || (c == 0 && strcmp(v[j - 1].attr->name, tmp.attr->name) <= 0))
				break;
			v[j] = v[j - 1];
		}
		v[j] = tmp;
	}
	*out = v;
	return n;
}

static void krt_sysfs_put_all(struct krt_sysfs_attr *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		kobject_put(v[i].kobj);
	kfree(v);
}

/*
 * The value as one trace token: one trailing newline dropped (sysfs' line convention), then
 * [A-Za-z0-9] and _.,:/@+-{}()[]= as is, every other byte as %XX (so no space, no '\').
 */
static void krt_sysfs_escape(const char *s, ssize_t len, char *out, size_t olen)
{
	size_t o = 0;
	ssize_t i;

	if (len > 0 && s[len - 1] == '\n')
		len--;
	for (i = 0; i < len && o + 4 < olen; i++) {
		unsigned char c = s[i];

		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
		    (c && strchr("_.,:/@+-{}()[]=", c)))
			out[o++] = c;
		else
			o += scnprintf(out + o, olen - o, "%%%02x", c);
	}
	out[o] = 0;
}

static int krt_sysfs_read_main(void *unused)
{
	struct krt_sysfs_attr *v;
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	char *esc = kmalloc(PAGE_SIZE, GFP_KERNEL);
	int n = krt_sysfs_collect(&v), i, nr_read = 0;

	krt_trace("guest.sysfs", "read_all", "attrs=%d", n);
	for (i = 0; buf && esc && i < n; i++) {
		ssize_t ret;

		if (!(v[i].mode & 0444))
			continue;
		memset(buf, 0, PAGE_SIZE);
		ret = krt_sysfs_show(&v[i], buf);
		nr_read++;
		if (ret < 0) {
			krt_trace("guest.sysfs", "read", "path=%s attr=%s err=%zd", v[i].path,
				  v[i].attr->name, ret);
			continue;
		}
		krt_sysfs_escape(buf, min_t(ssize_t, ret, PAGE_SIZE), esc, PAGE_SIZE);
		krt_trace("guest.sysfs", "read", "path=%s attr=%s value=%s", v[i].path,
			  v[i].attr->name, esc);
	}
	krt_trace("guest.sysfs", "read_done", "attrs=%d read=%d", n, nr_read);
	krt_sysfs_put_all(v, n);
	kfree(buf);
	kfree(esc);
	return 0;
}

static int krt_sysfs_read_all(void)
{
	struct task_struct *t = krt_task_create("sysfs-read", krt_sysfs_read_main, NULL, 0);

	if (!t)
		return -ENOMEM;
	wake_up_process(t);
	return 0;
}

struct krt_sysfs_write_req {
	char *path, *attr, *value;
};

static int krt_sysfs_write_main(void *data)
{
	struct krt_sysfs_write_req *req = data;
	struct krt_sysfs_attr *v;
	int n = krt_sysfs_collect(&v), i;
	ssize_t ret = -ENOENT;
	char *buf = kzalloc(PAGE_SIZE, GFP_KERNEL);

	for (i = 0; i < n; i++) {
		if (strcmp(v[i].path, req->path) || strcmp(v[i].attr->name, req->attr))
			continue;
		if (!(v[i].mode & 0222)) {
			ret = -EACCES;
			break;
		}
		krt_trace("guest.sysfs", "write_start", "path=%s attr=%s value=%s", req->path,
			  req->attr, req->value);
		strscpy(buf, req->value, PAGE_SIZE);
		ret = krt_sysfs_store(&v[i], buf, strlen(buf));
		break;
	}
	krt_trace("guest.sysfs", "write", "path=%s attr=%s value=%s ret=%zd", req->path,
		  req->attr, req->value, ret);
	krt_sysfs_put_all(v, n);
	kfree(buf);
	kfree(req->path);
	kfree(req->attr);
	kfree(req->value);
	kfree(req);
	return 0;
}

static int krt_sysfs_write(const char *path, const char *attr, const char *value)
{
	struct krt_sysfs_write_req *req = kzalloc(sizeof(*req), GFP_KERNEL);
	struct task_struct *t;

	if (!req)
		return -ENOMEM;
	req->path = kstrdup(path, GFP_KERNEL);
	req->attr = kstrdup(attr, GFP_KERNEL);
	req->value = kstrdup(value, GFP_KERNEL);
	t = (req->path && req->attr && req->value) ?
		krt_task_create("sysfs-write", krt_sysfs_write_main, req, 0) : NULL;
	if (!t) {
		kfree(req->path);
		kfree(req->attr);
		kfree(req->value);
		kfree(req);
		return -ENOMEM;
	}
	wake_up_process(t);
	return 0;
}

void *krt_sysfs_hook(const char *name)
{
	if (!strcmp(name, "sysfs.read_all"))
		return (void *)krt_sysfs_read_all;
	if (!strcmp(name, "sysfs.write"))
		return (void *)krt_sysfs_write;
	return NULL;
}
