/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sinks.c - the guest-side ends of the devices: serio (keyboard), a minimal HID core
 * (mouse), misc char devices + connector (the hv_utils_transport daemon boundary), PTP,
 * power hooks, randomness, IRQ-line stubs. Everything that leaves the guest here is traced;
 * the daemon model (daemon.c) attaches at the misc-device boundary.
 */
#include <linux/kernel.h>
#include <linux/serio.h>
#include <linux/hid.h>
#include <linux/miscdevice.h>
#include <linux/connector.h>
#include <linux/ptp_clock_kernel.h>
#include <linux/reboot.h>
#include <linux/random.h>
#include <linux/interrupt.h>
#include <linux/slab.h>
#include "krt.h"

/* ---- serio ---- */

static struct serio *krt_serio;

void __serio_register_port(struct serio *serio, struct module *owner)
{
	krt_serio = serio;
	krt_trace("guest.serio", "register", "name=%s", serio->name);
	if (serio->start)
		serio->start(serio);
}

void serio_unregister_port(struct serio *serio)
{
	if (serio->stop)
		serio->stop(serio);
	krt_trace("guest.serio", "unregister", "name=%s", serio->name);
	if (krt_serio == serio)
		krt_serio = NULL;
	kfree(serio);	/* the serio core owns and frees registered ports */
}

irqreturn_t serio_interrupt(struct serio *serio, unsigned char data, unsigned int flags)
{
	krt_trace("guest.serio", "rx", "bytes=%02x flags=0x%x", data, flags);
	return IRQ_HANDLED;
}

/* ---- HID ---- */

static LIST_HEAD(krt_hid_drivers);

struct hid_device *hid_allocate_device(void)
{
	struct hid_device *hdev = kzalloc(sizeof(*hdev), GFP_KERNEL);

	if (!hdev)
		return ERR_PTR(-ENOMEM);
	device_initialize(&hdev->dev);
	return hdev;
}

int __hid_register_driver(struct hid_driver *hdrv, struct module *owner, const char *mod_name)
{
	list_add_tail(&hdrv->sim_entry, &krt_hid_drivers);
	hdrv->driver.name = hdrv->name;
	krt_trace("guest.hid", "driver_register", "drv=%s", hdrv->name);
	return 0;
}

void hid_unregister_driver(struct hid_driver *hdrv)
{
	list_del(&hdrv->sim_entry);
}

static const struct hid_device_id *krt_hid_match(struct hid_driver *d, struct hid_device *h)
{
	const struct hid_device_id *id;

	for (id = d->id_table; id && (id->bus || id->vendor || id->product); id++)
		if (id->bus == h->bus && id->vendor == h->vendor && id->product == h->product)
			return id;
	return NULL;
}

int hid_add_device(struct hid_device *hdev)
{
	struct hid_driver *d;
	const struct hid_device_id *id;
	int ret;

	dev_set_name(&hdev->dev, "%04X:%04X:%04X.0001", hdev->bus, hdev->vendor, hdev->product);
	krt_trace("guest.hid", "add", "bus=0x%x vendor=0x%x product=0x%x name=%s", hdev->bus,
		  hdev->vendor, hdev->product, hdev->name);
	list_for_each_entry(d, &krt_hid_drivers, sim_entry) {
		id = krt_hid_match(d, hdev);
		if (!id)
			continue;
		hdev->driver = d;
		ret = d->probe ? d->probe(hdev, id) : 0;
		krt_trace("guest.hid", "probe", "drv=%s ret=%d", d->name, ret);
		if (ret)
			hdev->driver = NULL;
		return ret;
	}
	return 0;
}

void hid_destroy_device(struct hid_device *hdev)
{
	if (hdev->driver && hdev->driver->remove)
		hdev->driver->remove(hdev);
	else if (hdev->sim_started)
		hid_hw_stop(hdev);
	kfree(hdev->rdesc);
	kfree(hdev);
}

int hid_parse_report(struct hid_device *hdev, const __u8 *start, unsigned int size)
{
	hdev->rdesc = kmemdup(start, size, GFP_KERNEL);
	hdev->rsize = size;
	krt_trace("guest.hid", "report_desc", "size=%u", size);
	return hdev->rdesc ? 0 : -ENOMEM;
}

int hid_open_report(struct hid_device *hdev)
{
	if (hdev->ll_driver->parse)
		return hdev->ll_driver->parse(hdev);
	return -ENODEV;
}

int hid_hw_start(struct hid_device *hdev, unsigned int connect_mask)
{
	int ret = hdev->ll_driver->start ? hdev->ll_driver->start(hdev) : 0;

	hdev->sim_started = !ret;
	return ret;
}

void hid_hw_stop(struct hid_device *hdev)
{
	if (hdev->ll_driver->stop)
		hdev->ll_driver->stop(hdev);
	hdev->sim_started = false;
}

#if SIM_KVER >= 612
int hid_input_report(struct hid_device *hid, enum hid_report_type type, u8 *data, u32 size,
		     int interrupt)
#else
int hid_input_report(struct hid_device *hid, int type, u8 *data, u32 size, int interrupt)
#endif
{
	krt_trace("guest.hid", "input_report", "type=%d size=%u data=%*ph", (int)type, size,
		  (int)min_t(u32, size, 64), data);
	return 0;
}

/* ---- misc devices and the connector: the user-space daemon boundary ---- */

#define KRT_MAX_MISC 8
static struct miscdevice *krt_misc[KRT_MAX_MISC];

int misc_register(struct miscdevice *misc)
{
	unsigned int i;

	for (i = 0; i < KRT_MAX_MISC; i++) {
		if (!krt_misc[i]) {
			krt_misc[i] = misc;
			krt_trace("guest.daemon", "misc_register", "name=%s", misc->name);
			krt_daemon_attach(misc);
			return 0;
		}
	}
	return -EBUSY;
}

void misc_deregister(struct miscdevice *misc)
{
	unsigned int i;

	for (i = 0; i < KRT_MAX_MISC; i++)
		if (krt_misc[i] == misc)
			krt_misc[i] = NULL;
	krt_trace("guest.daemon", "misc_deregister", "name=%s", misc->name);
}

int cn_add_callback(const struct cb_id *id, const char *name,
		    void (*callback)(struct cn_msg *, struct netlink_skb_parms *))
{
	krt_trace("guest.daemon", "cn_add", "idx=%u val=%u name=%s", id->idx, id->val, name);
	return 0;
}

void cn_del_callback(const struct cb_id *id)
{
}

int cn_netlink_send(struct cn_msg *msg, u32 portid, u32 group, gfp_t gfp_mask)
{
	/* No daemon is listening yet: as with no netlink listener, the send fails. */
	krt_trace("guest.daemon", "cn_send", "idx=%u val=%u len=%u", msg->id.idx, msg->id.val,
		  msg->len);
	return -ESRCH;
}

/* ---- PTP, power ---- */

struct ptp_clock {
	struct ptp_clock_info *info;
};

static struct ptp_clock *krt_ptp; /* the last registered clock (hv_utils' "hyperv") */

struct ptp_clock *ptp_clock_register(struct ptp_clock_info *info, struct device *parent)
{
	struct ptp_clock *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	p->info = info;
	krt_ptp = p;
	krt_trace("guest.ptp", "register", "name=%s", info->name);
	return p;
}

int ptp_clock_unregister(struct ptp_clock *ptp)
{
	if (krt_ptp == ptp)
		krt_ptp = NULL;
	kfree(ptp);
	return 0;
}

/*
 * "ptp.read" hook (int fn(void)): a reader of /dev/ptpN (clock_gettime on the PTP clock,
 * PTP_SYS_OFFSET...) - a task calls the clock's gettime64, traced as guest.ptp read ret=.
 */
static int krt_ptp_read_main(void *unused)
{
	struct timespec64 ts = { 0 };
	int ret = -ENODEV;

	if (krt_ptp && krt_ptp->info->gettime64)
		ret = krt_ptp->info->gettime64(krt_ptp->info, &ts);
	krt_trace("guest.ptp", "read", "ret=%d sec=%lld nsec=%ld", ret, (long long)ts.tv_sec,
		  (long)ts.tv_nsec);
	return 0;
}

static int krt_ptp_read_start(void)
{
	struct task_struct *t = krt_task_create("ptp_read", krt_ptp_read_main, NULL, 0);

	if (!t)
		return -ENOMEM;
	wake_up_process(t);
	return 0;
}

void orderly_poweroff(bool force)
{
	krt_trace("guest.power", "orderly_poweroff", "force=%d", force);
}

void orderly_reboot(void)
{
	krt_trace("guest.power", "orderly_reboot", "%s", "");
}

void kernel_power_off(void)
{
	krt_trace("guest.power", "kernel_power_off", "%s", "");
}

void emergency_restart(void)
{
	krt_trace("guest.power", "emergency_restart", "%s", "");
}

/* ---- randomness (seeded by the simulator) ---- */

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;
	u64 r;
	size_t n;

	while (len) {
		r = krt_host->random_u64();
		n = min_t(size_t, len, sizeof(r));
		memcpy(p, &r, n);
		p += n;
		len -= n;
	}
}

u32 get_random_u32(void)
{
	return (u32)krt_host->random_u64();
}

u64 get_random_u64(void)
{
	return krt_host->random_u64();
}

void add_bootloader_randomness(const void *buf, size_t len) {}
void add_device_randomness(const void *buf, size_t len) {}
void add_interrupt_randomness(int irq) {}

/* ---- IRQ lines: inert (the VMBus vector comes through hv_setup_vmbus_handler) ---- */

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev)
{
	return -ENOSYS;
}

void free_irq(unsigned int irq, void *dev_id) {}

int __request_percpu_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
			 const char *devname, void *percpu_dev_id)
{
	return -ENOSYS;
}

void free_percpu_irq(unsigned int irq, void *dev) {}
void enable_percpu_irq(unsigned int irq, unsigned int type) {}
void disable_percpu_irq(unsigned int irq) {}
int irq_set_affinity_hint(unsigned int irq, const struct cpumask *m) { return 0; }

void *krt_sinks_hook(const char *name)
{
	if (!strcmp(name, "serio.port"))
		return krt_serio;
	if (!strcmp(name, "ptp.read"))
		return (void *)krt_ptp_read_start;
	return krt_daemon_hook(name);
}
