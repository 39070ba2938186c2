/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * panic.c - what kernel/panic.c panic() does that the Hyper-V code can observe: interrupts
 * off on the panicking vCPU, the other vCPUs stopped (here: no interrupt is delivered on any
 * vCPU from now on), then the panic notifier chain, where drivers/hv registered
 * hv_panic_vmbus_unload() -> vmbus_initiate_unload(true): UNLOAD, then polling every CPU's
 * message page for UNLOAD_RESPONSE with mdelay() for up to 100 s (VMB-UNLD-003). The
 * panicking task then halts for good.
 *
 * The "guest.panic" hook (int (*)(void)) starts that task on vCPU 0. Traced as
 * guest.panic start / notifiers_done.
 *
 * Not modelled: other guest tasks are not frozen (the cooperative scheduler may still run a
 * task that was runnable, though no interrupt reaches it), no kmsg_dump, no kexec.
 */
#include <linux/kernel.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/sched.h>
#include "krt.h"

static int krt_panic_main(void *unused)
{
	krt_trace("guest.panic", "start", "cpus=%u", krt_nr_cpus);
	krt_panic_stop_cpus();
	atomic_notifier_call_chain(&panic_notifier_list, 0, "hvsim: panic requested");
	krt_trace("guest.panic", "notifiers_done", "cpus=%u", krt_nr_cpus);
	for (;;)	/* halted: the CPU stops, it does not sleep (no scheduler involved) */
		krt_host->task_block();
	return 0;
}

static int krt_panic_start(void)
{
	struct task_struct *t = krt_task_create("panic", krt_panic_main, NULL, 0);

	if (!t)
		return -ENOMEM;
	wake_up_process(t);
	return 0;
}

void *krt_panic_hook(const char *name)
{
	return strcmp(name, "guest.panic") ? NULL : (void *)krt_panic_start;
}
