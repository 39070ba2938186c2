/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pm.c - hibernation (suspend to disk and resume) over the runtime's driver core, as the
 * image kernel sees it (kernel/power/hibernate.c + drivers/base/power/main.c, reduced).
 *
 * The host hook "pm.hibernate" (int fn(u64 off_ns)) starts a "hibernate" task on vCPU 0:
 *
 *   freeze          every added device, reverse device_add() order       (dpm_suspend)
 *   freeze_noirq    the same, then the VMBus root device last             (dpm_suspend_noirq)
 *                   -> vmbus_suspend() per child, vmbus_bus_suspend() = UNLOAD
 *   syscore_suspend irqs off on vCPU 0 (hv_synic_suspend)
 *   -- the snapshot point: guest.pm image; the machine is off for off_ns --
 *   syscore_resume  irqs off on vCPU 0 (hv_synic_resume)
 *   restore_noirq   the VMBus root device first (vmbus_bus_resume: INITIATE_CONTACT with the
 *                   saved version, REQUESTOFFERS, wait <= 10 s), then device_add() order
 *   restore         device_add() order
 *
 * What happens in between on real hardware (the hibernating kernel thaws, writes the image
 * and powers off; a fresh boot kernel loads it and freezes its own devices) leaves nothing in
 * the image kernel's memory, so it is not run: the host model sees one UNLOAD, a power cycle
 * and one resume contact. Not modelled: freezing user tasks and freezable kthreads, the
 * prepare/late/early/complete phases (no driver here has them), CPU hot-unplug of the
 * non-boot vCPUs (their SynIC stays as it was).
 *
 * Callback choice as the PM core: the device type's ops, else the bus's, and the driver's
 * ops when that gave no callback. A failing suspend callback ends the sequence (traced; the
 * PM core would roll back, which no scenario here needs); a failing resume callback is traced
 * and the phase goes on with the next device, as dpm_resume_noirq()/dpm_resume() do. Every
 * callback is traced as guest.pm cb.
 */
#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include "krt.h"

enum krt_pm_phase { KRT_PM_FREEZE, KRT_PM_FREEZE_NOIRQ, KRT_PM_RESTORE_NOIRQ, KRT_PM_RESTORE };

static const char *const krt_pm_phase_names[] = {
	"freeze", "freeze_noirq", "restore_noirq", "restore",
};

typedef int (*krt_pm_cb_t)(struct device *dev);

static krt_pm_cb_t krt_pm_op(const struct dev_pm_ops *ops, enum krt_pm_phase phase)
{
	if (!ops)
		return NULL;
	switch (phase) {
	case KRT_PM_FREEZE:
		return ops->freeze;
	case KRT_PM_FREEZE_NOIRQ:
		return ops->freeze_noirq;
	case KRT_PM_RESTORE_NOIRQ:
		return ops->restore_noirq;
	case KRT_PM_RESTORE:
		return ops->restore;
	}
	return NULL;
}

static krt_pm_cb_t krt_pm_callback(struct device *dev, enum krt_pm_phase phase)
{
	krt_pm_cb_t cb = NULL;

	if (dev->type && dev->type->pm)
		cb = krt_pm_op(dev->type->pm, phase);
	else if (dev->bus && dev->bus->pm)
		cb = krt_pm_op(dev->bus->pm, phase);
	if (!cb && dev->driver && dev->driver->pm)
		cb = krt_pm_op(dev->driver->pm, phase);
	return cb;
}

static int krt_pm_run_one(struct device *dev, enum krt_pm_phase phase)
{
	krt_pm_cb_t cb = krt_pm_callback(dev, phase);
	int ret;

	if (!cb)
		return 0;
	krt_trace("guest.pm", "cb_start", "phase=%s dev=%s", krt_pm_phase_names[phase],
		  dev_name(dev));
	ret = cb(dev);
	krt_trace("guest.pm", "cb", "phase=%s dev=%s ret=%d", krt_pm_phase_names[phase],
		  dev_name(dev), ret);
	return ret;
}

/*
 * One phase over a snapshot of the device list (callbacks may add or remove devices; each
 * device is held while its callback runs). Suspend phases go in reverse order, resume
 * phases in order; the VMBus root device counts as the first device.
 */
static int krt_pm_phase(enum krt_pm_phase phase)
{
	bool reverse = phase == KRT_PM_FREEZE || phase == KRT_PM_FREEZE_NOIRQ;
	struct device *root = krt_pm_root_device();
	struct device **devs, *dev;
	size_t n = 0, i;
	int ret = 0;

	list_for_each_entry(dev, &krt_dpm_list, sim_dpm_entry)
		n++;
	devs = kcalloc(n + 1, sizeof(*devs), GFP_KERNEL);
	if (!devs)
		return -ENOMEM;
	n = 0;
	if (root)
		devs[n++] = get_device(root);
	list_for_each_entry(dev, &krt_dpm_list, sim_dpm_entry)
		if (dev != root)
			devs[n++] = get_device(dev);
	for (i = 0; i < n; i++) {
		int err;

		dev = devs[reverse ? n - 1 - i : i];
		if (ret && reverse)
			continue;	/* a failed suspend phase stops */
		err = krt_pm_run_one(dev, phase);
		if (err)
			krt_trace("guest.pm", "error", "phase=%s dev=%s ret=%d",
				  krt_pm_phase_names[phase], dev_name(dev), err);
		ret = ret ?: err;	/* resume phases go on, as dpm_resume*() */
	}
	for (i = 0; i < n; i++)
		put_device(devs[i]);
	kfree(devs);
	return ret;
}

static int krt_pm_syscore(bool suspend)
{
	int ret = 0;

	local_irq_disable();
	if (suspend)
		ret = krt_syscore_suspend();
	else
		krt_syscore_resume();
	local_irq_enable();
	return ret;
}

/* The machine is off: nothing of the guest runs, only virtual time passes. */
static void krt_pm_off(u64 off_ns)
{
	u64 until = krt_host->now_ns() + off_ns;

	while (krt_host->now_ns() < until)
		krt_block(until);
}

/* One hibernation at a time: a second request while one runs is refused (-EBUSY). */
static u64 krt_pm_off_ns;
static bool krt_pm_busy;

static int krt_pm_hibernate_main(void *data)
{
	u64 off_ns = krt_pm_off_ns;
	int ret;

	krt_trace("guest.pm", "hibernate", "off_ns=%llu", (unsigned long long)off_ns);
	ret = krt_pm_phase(KRT_PM_FREEZE);
	if (!ret)
		ret = krt_pm_phase(KRT_PM_FREEZE_NOIRQ);
	if (!ret)
		ret = krt_pm_syscore(true);
	if (ret) {
		krt_trace("guest.pm", "aborted", "ret=%d", ret);
		krt_pm_busy = false;
		return 0;
	}
	krt_trace("guest.pm", "image", "off_ns=%llu", (unsigned long long)off_ns);
	krt_pm_off(off_ns);
	krt_trace("guest.pm", "restore", "off_ns=%llu", (unsigned long long)off_ns);
	krt_pm_syscore(false);
	ret = krt_pm_phase(KRT_PM_RESTORE_NOIRQ);
	ret = krt_pm_phase(KRT_PM_RESTORE) ?: ret;
	krt_trace("guest.pm", "restored", "ret=%d", ret);
	krt_pm_busy = false;
	return 0;
}

static int krt_pm_hibernate(u64 off_ns)
{
	struct task_struct *t;

	if (krt_pm_busy)
		return -EBUSY;
	t = krt_task_create("hibernate", krt_pm_hibernate_main, NULL, 0);
	if (!t)
		return -ENOMEM;
	krt_pm_off_ns = off_ns;
	krt_pm_busy = true;
	wake_up_process(t);
	return 0;
}

void *krt_pm_hook(const char *name)
{
	if (!strcmp(name, "pm.hibernate"))
		return (void *)krt_pm_hibernate;
	return NULL;
}
