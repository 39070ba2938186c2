/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * krt.h - internal interface of the kernel runtime (kernel world: compiled against the shim,
 * linked into every guest image). The runtime is built only on struct hyp_host_ops.
 *
 * Contexts: a guest task is a seam task with a struct task_struct as its priv; "event
 * context" (host timer callbacks and interrupt delivery) has no task: the runtime tracks the
 * vCPU it runs for in krt_event_cpu and counts it as atomic.
 */
#ifndef SIM_GUEST_KRT_H
#define SIM_GUEST_KRT_H

#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/list.h>
#include <hyp/seam.h>

extern const struct hyp_host_ops *krt_host;
extern unsigned int krt_nr_cpus;
extern unsigned int krt_event_cpu;	/* vCPU of the running event callback */
extern int krt_in_event;		/* >0 while an event callback runs */

/* Findings and crashes with a formatted detail. */
__printf(2, 3) void krt_finding(const char *rule, const char *fmt, ...);
__printf(1, 2) void __noreturn krt_crash(const char *fmt, ...);
__printf(3, 4) void krt_trace(const char *source, const char *kind, const char *fmt, ...);

/* Memory (mem.c). */
void krt_mem_init(void);
void krt_percpu_init(void);

/* Tasks (sched.c). */
struct task_struct *krt_task_create(const char *name, int (*fn)(void *), void *data,
				    unsigned int cpu);
/* Block the current task until woken or deadline_ns (0 = none); returns 1 on timeout. */
int krt_block(u64 deadline_ns);
u64 krt_jiffy_start_ns(unsigned long j);
void krt_sched_init(void);
/* Run fn(arg) as an event on vCPU cpu at virtual time when_ns. */
u64 krt_event_at(u64 when_ns, unsigned int cpu, void (*fn)(void *), void *arg);
void krt_softirq_raise(unsigned int cpu);
void krt_irq_deliver(unsigned int cpu);

/* Workqueues (workqueue.c): worker concurrency hooks. */
void krt_wq_init(void);
void krt_wq_worker_sleeping(struct task_struct *t);
void krt_wq_worker_waking(struct task_struct *t);

/* Fault hooks of the allocator (mem.c): mem.fail, mem.sizeof. */
void *krt_mem_hook(const char *name);

/* Driver core / ACPI / sinks. */
void krt_acpi_init(void);
void krt_arch_init(void);
/* Hibernation (pm.c) support: the VMBus root device, syscore ops (arch.c), dpm_list. */
struct device *krt_pm_root_device(void);
int krt_syscore_suspend(void);
void krt_syscore_resume(void);
extern struct list_head krt_dpm_list;
void *krt_pm_hook(const char *name);
void *krt_sinks_hook(const char *name);
/* panic (panic.c): the "guest.panic" hook; sched.c stops interrupt delivery for good. */
void *krt_panic_hook(const char *name);
void krt_panic_stop_cpus(void);

/* sysfs (sysfs.c): the attribute groups of devices and kobjects, the sysfs.* hooks. */
struct kobject;
struct attribute_group;
bool krt_kobj_is_device(const struct kobject *kobj);
void krt_sysfs_add_groups(struct kobject *kobj, const struct attribute_group **groups,
			  bool is_dev);
void krt_sysfs_del_groups(struct kobject *kobj, const struct attribute_group **groups);
void krt_sysfs_forget(struct kobject *kobj);
void *krt_sysfs_hook(const char *name);

/* User-space daemons of the util ICs (daemon.c). */
struct miscdevice;
void krt_daemon_attach(struct miscdevice *misc);
void *krt_daemon_hook(const char *name);

/* Minimal AF_VSOCK core for hv_sock (vsock.c): the vsock.connect hook. */
void *krt_vsock_hook(const char *name);

/* Formatting (vsprintf.c). */
int krt_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);

#endif
