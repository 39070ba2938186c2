/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * entry.c - the seam entry of a guest image and the boot sequence.
 *
 * hvsim_guest_entry() is the image's only exported symbol. boot() (event context) sets up
 * memory, CPUs and per-CPU areas, then starts the boot task on vCPU 0, which does what
 * start_kernel() + the arch setup do for these drivers: workqueues, the fake ACPI namespace,
 * hyperv_init() (krt_arch_init), then every initcall in level order (link order within a
 * level), each traced as guest.initcall.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "krt.h"
#include "sim_build_id.h"

const struct hyp_host_ops *krt_host;
unsigned int krt_nr_cpus;

extern const struct sim_initcall __start_sim_initcalls[], __stop_sim_initcalls[];
extern const struct sim_exitcall __start_sim_exitcalls[], __stop_sim_exitcalls[];
void krt_guest_interrupt(uint32_t cpu);

/* Test images override this to expose their entry points (test/ktest_*.c). */
__weak void *krt_test_hook(const char *name);
__weak void *krt_test_hook(const char *name)
{
	return NULL;
}

/*
 * A module whose init failed is never loaded, so its exit never runs (hv_sock's hvs_init
 * refuses VMBus < 4.0 and hvs_exit would unregister a driver never registered). Init and exit
 * calls carry their module's KBUILD_MODNAME (shim linux/init.h).
 */
#define KRT_MAX_FAILED_INITCALLS 16
static const struct sim_initcall *krt_failed_ic[KRT_MAX_FAILED_INITCALLS];
static unsigned int krt_nr_failed_ic;

static bool krt_exitcall_unloaded(const struct sim_exitcall *ec)
{
	unsigned int i;

	for (i = 0; ec->mod && i < krt_nr_failed_ic; i++)
		if (krt_failed_ic[i]->mod && !strcmp(krt_failed_ic[i]->mod, ec->mod))
			return true;
	return false;
}

static int krt_boot_main(void *unused)
{
	const struct sim_initcall *ic;
	long level;
	int ret;

	krt_wq_init();
	krt_acpi_init();
	krt_arch_init();
	for (level = 0; level <= 7; level++) {
		for (ic = __start_sim_initcalls; ic < __stop_sim_initcalls; ic++) {
			if (ic->level != level)
				continue;
			ret = ic->fn();
			if (ret && krt_nr_failed_ic < KRT_MAX_FAILED_INITCALLS)
				krt_failed_ic[krt_nr_failed_ic++] = ic;
			krt_trace("guest.initcall", "done", "fn=%s level=%ld ret=%d", ic->name,
				  level, ret);
		}
	}
	krt_trace("guest.boot", "initcalls_done", "image=%s release=%s", SIM_IMAGE_NAME,
		  SIM_KERNEL_RELEASE);
	return 0;
}

static int krt_boot(void)
{
	struct task_struct *t;

	krt_nr_cpus = krt_host->nr_cpus;
	if (krt_nr_cpus < 1 || krt_nr_cpus > NR_CPUS)
		return -EINVAL;
	krt_mem_init();
	krt_sched_init();
	krt_percpu_init();
	t = krt_task_create("swapper/0", krt_boot_main, NULL, 0);
	if (!t)
		return -ENOMEM;
	wake_up_process(t);
	return 0;
}

/*
 * Module unload of everything, as `modprobe -r` of each module in reverse link order would
 * do (drivers first, hv_vmbus last): every exit call runs in a task on vCPU 0. vmbus_exit()
 * ends in vmbus_initiate_unload(), so this is how a scenario makes the guest send UNLOAD
 * after closing its channels.
 */
static int krt_exitcalls_main(void *unused)
{
	const struct sim_exitcall *ec;

	krt_trace("guest.unload", "start", "exitcalls=%ld",
		  (long)(__stop_sim_exitcalls - __start_sim_exitcalls));
	for (ec = __stop_sim_exitcalls; ec-- > __start_sim_exitcalls;) {
		if (krt_exitcall_unloaded(ec)) {
			krt_trace("guest.exitcall", "skipped", "fn=%s reason=init_failed", ec->name);
			continue;
		}
		ec->fn();
		krt_trace("guest.exitcall", "done", "fn=%s", ec->name);
	}
	krt_trace("guest.unload", "done", "exitcalls=%ld",
		  (long)(__stop_sim_exitcalls - __start_sim_exitcalls));
	return 0;
}

static int krt_unload_start(void)
{
	struct task_struct *t = krt_task_create("rmmod", krt_exitcalls_main, NULL, 0);

	if (!t)
		return -ENOMEM;
	wake_up_process(t);
	return 0;
}

/*
 * Coverage builds: libgcov is linked into the image and would write the .gcda files only at
 * dlclose or a normal exit, but run children leave with _exit(). The simulator asks for an
 * explicit dump at the end of every run through this hook. Absent (weak, NULL) otherwise.
 */
extern void __gcov_dump(void) __attribute__((weak));

static void krt_coverage_dump(void)
{
	if (__gcov_dump)
		__gcov_dump();
}

static void krt_interrupt(uint32_t cpu)
{
	krt_guest_interrupt(cpu);
}

static void *krt_hook(const char *name)
{
	void *p = krt_test_hook(name);

	if (!p && !strcmp(name, "guest.unload"))
		return (void *)krt_unload_start;
	if (!p && !strcmp(name, "coverage.dump") && __gcov_dump)
		return (void *)krt_coverage_dump;
	if (!p)
		p = krt_sysfs_hook(name);
	if (!p)
		p = krt_mem_hook(name);
	if (!p)
		p = krt_pm_hook(name);
	if (!p)
		p = krt_panic_hook(name);
	if (!p)
		p = krt_vsock_hook(name);
	return p ?: krt_sinks_hook(name);
}

static const struct hyp_guest_ops krt_guest_ops = {
	.version = HYP_SEAM_VERSION,
	.image_name = SIM_IMAGE_NAME,
	.kernel_release = SIM_KERNEL_RELEASE,
	.build_id = SIM_BUILD_ID,
	.boot = krt_boot,
	.interrupt = krt_interrupt,
	.hook = krt_hook,
};

__attribute__((visibility("default")))
const struct hyp_guest_ops *hvsim_guest_entry(const struct hyp_host_ops *host);
const struct hyp_guest_ops *hvsim_guest_entry(const struct hyp_host_ops *host)
{
	if (!host || host->version != HYP_SEAM_VERSION)
		return NULL;
	krt_host = host;
	return &krt_guest_ops;
}
