/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * arch.c - the "simulator arch" Hyper-V layer: what arch/x86/hyperv/hv_init.c and
 * arch/x86/kernel/cpu/mshyperv.c do on real hardware, on the seam instead of instructions.
 *
 * Register accessors go to hyp_host_ops.msr_read/msr_write on the current vCPU; hypercalls
 * translate their input/output pages VA->GPA. krt_arch_init() is hyperv_init(): guest OS
 * id, hv_common_init(), the hypercall page MSR, and the per-CPU hv_common_cpu_init()
 * through a cpuhp state. The feature words are fixed to what a Hyper-V host advertises;
 * the privileges word, the isolation configuration (CPUID, seam v2) and the VTL
 * (HvGetVpRegisters) come from the hypervisor model.
 */
#include <linux/kernel.h>
#include <linux/cpu.h>
#include <linux/slab.h>
#include <linux/acpi.h>
#include <linux/platform_device.h>
#include <linux/syscore_ops.h>
#include <linux/kmsg_dump.h>
#include <linux/ioport.h>
#include <linux/screen_info.h>
#include <linux/pci.h>
#include <asm/mshyperv.h>
#include "krt.h"

void *hv_hypercall_pg;
u64 hv_current_partition_id = ~0ULL;
#if SIM_KVER >= 609
bool hyperv_paravisor_present;
#endif
static bool krt_hv_initialized;

static u64 krt_msr_read(unsigned int reg)
{
	return krt_host->msr_read(sim_cpu_id(), reg);
}

static void krt_msr_write(unsigned int reg, u64 value)
{
	krt_host->msr_write(sim_cpu_id(), reg, value);
}

#if SIM_KVER >= 609
u64 hv_get_msr(unsigned int reg) { return krt_msr_read(reg); }
void hv_set_msr(unsigned int reg, u64 value) { krt_msr_write(reg, value); }
u64 hv_get_non_nested_msr(unsigned int reg) { return krt_msr_read(reg); }
void hv_set_non_nested_msr(unsigned int reg, u64 value) { krt_msr_write(reg, value); }
#define KRT_MSR_GUEST_OS_ID HV_X64_MSR_GUEST_OS_ID
#define KRT_MSR_HYPERCALL HV_X64_MSR_HYPERCALL
#else
u64 hv_get_register(unsigned int reg) { return krt_msr_read(reg); }
void hv_set_register(unsigned int reg, u64 value) { krt_msr_write(reg, value); }
u64 hv_get_non_nested_register(unsigned int reg) { return krt_msr_read(reg); }
void hv_set_non_nested_register(unsigned int reg, u64 value) { krt_msr_write(reg, value); }
#define KRT_MSR_GUEST_OS_ID HV_X64_MSR_GUEST_OS_ID
#define KRT_MSR_HYPERCALL HV_X64_MSR_HYPERCALL
#endif

static u64 krt_gpa(const void *va)
{
	return va ? (u64)virt_to_phys(va) : 0;
}

u64 hv_do_hypercall(u64 control, void *input, void *output)
{
	if (!hv_hypercall_pg)
		return U64_MAX;	/* as x86: no hypercall page yet */
	return krt_host->hypercall(control, krt_gpa(input), krt_gpa(output));
}

u64 hv_do_fast_hypercall8(u16 code, u64 input1)
{
	return krt_host->hypercall_fast8(code, input1);
}

bool hv_is_hyperv_initialized(void)
{
	return krt_hv_initialized;
}

#if SIM_KVER >= 609
int hv_get_hypervisor_version(union hv_hypervisor_version_info *info)
{
	memset(info, 0, sizeof(*info));
	info->major_version = 10;
	info->minor_version = 0;
	info->build_number = 20348;
	return 0;
}
#endif

void hyperv_report_panic(struct pt_regs *regs, long err, bool in_die)
{
	krt_trace("guest.power", "panic_report", "err=%ld in_die=%d", err, in_die);
}

/*
 * Isolation and VTL, as arch/x86 learns them: the privileges word and the isolation
 * configuration from the hypervisor CPUID leaves (ms_hyperv_init_platform()), the VTL from
 * HvGetVpRegisters(HvRegisterVsmVpStatus) (hv_init.c get_vtl()). Only VBS isolation is
 * modelled (no memory encryption: set_memory_decrypted() stays a no-op, as on real VBS).
 */
#define KRT_CPUID_FEATURES		0x40000003u
#define KRT_CPUID_ISOLATION_CONFIG	0x4000000Cu
#define KRT_ISOLATION_TYPE_MASK		0xfu	/* isolation_config_b bits 3:0 */
#define KRT_REGISTER_VSM_VP_STATUS	0x000D0003u

bool hv_is_isolation_supported(void)
{
	if (!(ms_hyperv.priv_high & HV_ISOLATION))
		return false;
	return (ms_hyperv.isolation_config_b & KRT_ISOLATION_TYPE_MASK) != 0;
}

static void krt_read_isolation(void)
{
	u32 r[4];

	krt_host->cpuid(KRT_CPUID_FEATURES, 0, r);
	ms_hyperv.priv_high = r[1];
	if (ms_hyperv.priv_high & HV_ISOLATION) {
		krt_host->cpuid(KRT_CPUID_ISOLATION_CONFIG, 0, r);
		ms_hyperv.isolation_config_a = r[0];
		ms_hyperv.isolation_config_b = r[1];
	}
}

#ifdef SIM_HAVE_MS_HYPERV_VTL
static u8 krt_get_vtl(void)
{
	struct {
		u64 partition_id;
		u32 vp_index;
		u8 input_vtl;
		u8 rsvd[3];
		u32 names[1];
	} __packed *in = (void *)get_zeroed_page(GFP_KERNEL);
	u64 *out = (void *)get_zeroed_page(GFP_KERNEL);
	u64 status;
	u8 vtl = 0;

	if (in && out) {
		in->partition_id = HV_PARTITION_ID_SELF;
		in->vp_index = HV_VP_INDEX_SELF;
		in->names[0] = KRT_REGISTER_VSM_VP_STATUS;
		status = hv_do_hypercall(HVCALL_GET_VP_REGISTERS | HV_HYPERCALL_REP_COMP_1, in, out);
		if (hv_result_success(status))
			vtl = out[0] & 0xf;	/* HV_X64_VTL_MASK */
	}
	free_page((unsigned long)in);
	free_page((unsigned long)out);
	return vtl;
}
#endif

static int krt_hv_cpu_init(unsigned int cpu)
{
	return hv_common_cpu_init(cpu);
}

void krt_arch_init(void)
{
	int ret;

	ms_hyperv.features = HV_MSR_VP_RUNTIME_AVAILABLE | HV_MSR_TIME_REF_COUNT_AVAILABLE |
			     HV_MSR_SYNIC_AVAILABLE | HV_MSR_SYNTIMER_AVAILABLE |
			     HV_MSR_APIC_ACCESS_AVAILABLE | HV_MSR_HYPERCALL_AVAILABLE |
			     HV_MSR_VP_INDEX_AVAILABLE;
	ms_hyperv.max_vp_index = krt_nr_cpus - 1;
	ms_hyperv.max_lp_index = krt_nr_cpus - 1;
	krt_read_isolation();
	krt_msr_write(KRT_MSR_GUEST_OS_ID, hv_generate_guest_id(((SIM_KVER / 100) << 16) | ((SIM_KVER % 100) << 8)));
	ret = hv_common_init();
	if (ret)
		krt_crash("hv_common_init() = %d", ret);
	hv_hypercall_pg = (void *)get_zeroed_page(GFP_KERNEL);
	krt_msr_write(KRT_MSR_HYPERCALL, virt_to_phys(hv_hypercall_pg) | 1);
#ifdef SIM_HAVE_MS_HYPERV_VTL
	ms_hyperv.vtl = krt_get_vtl();
#endif
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "x86/hyperv_init:online", krt_hv_cpu_init,
				NULL);
	if (ret < 0)
		krt_crash("hv_common_cpu_init failed: %d", ret);
	krt_hv_initialized = true;
}

/* ---- ACPI: VMBUS under VMOD, VMOD under the root; VMOD carries the MMIO windows ---- */

int acpi_disabled;
static struct acpi_device krt_acpi_vmod, krt_acpi_vmbus;
static struct platform_device krt_vmbus_pdev;

struct acpi_device *sim_acpi_companion(const struct device *dev)
{
	if (!dev->fwnode || dev->fwnode->sim_kind != 1)
		return NULL;
	return container_of(dev->fwnode, struct acpi_device, fwnode);
}

void sim_acpi_companion_set(struct device *dev, struct acpi_device *adev)
{
	dev->fwnode = adev ? &adev->fwnode : NULL;
}

acpi_status acpi_walk_resources(acpi_handle handle, const char *name,
				acpi_walk_resource_callback cb, void *ctx)
{
	struct acpi_resource r;
	acpi_status st;

	if (handle != krt_acpi_vmod.handle)
		return AE_OK;	/* VMBUS itself: no _CRS windows on x86 */
	memset(&r, 0, sizeof(r));
	r.type = ACPI_RESOURCE_TYPE_ADDRESS32;
	r.data.address32.address.minimum = 0xf8000000;
	r.data.address32.address.maximum = 0xfed3ffff;
	st = cb(&r, ctx);
	if (ACPI_FAILURE(st))
		return st;
	memset(&r, 0, sizeof(r));
	r.type = ACPI_RESOURCE_TYPE_ADDRESS64;
	r.data.address64.address.minimum = 0xfe0000000ULL;
	r.data.address64.address.maximum = 0xfffffffffULL;
	return cb(&r, ctx);
}

bool acpi_dev_resource_interrupt(struct acpi_resource *ares, int index, struct resource *res)
{
	return false;
}

bool acpi_sleep_state_supported(u8 sleep_state)
{
	return false;
}

acpi_status acpi_get_table(char *signature, u32 instance, struct acpi_table_header **out)
{
	*out = NULL;
	return AE_NOT_FOUND;
}

void acpi_put_table(struct acpi_table_header *table)
{
}

void krt_acpi_init(void)
{
	krt_acpi_vmod.handle = (acpi_handle)2;
	krt_acpi_vmod.fwnode.sim_kind = 1;
	krt_acpi_vmod.sim_parent = NULL;	/* parent: the root */
	krt_acpi_vmbus.handle = (acpi_handle)1;
	krt_acpi_vmbus.fwnode.sim_kind = 1;
	krt_acpi_vmbus.sim_parent = &krt_acpi_vmod;
	device_initialize(&krt_acpi_vmbus.dev);
	dev_set_name(&krt_acpi_vmbus.dev, "VMBUS:00");
	device_initialize(&krt_acpi_vmod.dev);
	dev_set_name(&krt_acpi_vmod.dev, "VMOD:00");
}

int acpi_bus_register_driver(struct acpi_driver *driver)
{
	int ret = driver->ops.add(&krt_acpi_vmbus);

	krt_trace("guest.acpi", "add", "driver=%s device=VMBUS ret=%d", driver->name, ret);
	if (!ret)	/* bound: the PM core calls its drv.pm (vmbus_bus_pm at 6.1) */
		krt_acpi_vmbus.dev.driver = &driver->drv;
	return 0;
}

void acpi_bus_unregister_driver(struct acpi_driver *driver)
{
	if (driver->ops.remove)
		driver->ops.remove(&krt_acpi_vmbus);
	krt_acpi_vmbus.dev.driver = NULL;
}

/*
 * The VMBus root device for the PM core: the ACPI device VMBUS:00 bound to vmbus_acpi_driver
 * (6.1) or the platform device bound to vmbus_platform_driver (6.12), NULL if unbound. It is
 * enumerated before every VMBus child, so it is first in the PM core's device order.
 */
struct device *krt_pm_root_device(void)
{
	if (krt_vmbus_pdev.dev.driver)
		return &krt_vmbus_pdev.dev;
	return krt_acpi_vmbus.dev.driver ? &krt_acpi_vmbus.dev : NULL;
}

static struct platform_driver *krt_vmbus_pdrv;

int __platform_driver_register(struct platform_driver *drv, struct module *owner)
{
	int ret;

	device_initialize(&krt_vmbus_pdev.dev);
	krt_vmbus_pdev.name = "VMBUS";
	dev_set_name(&krt_vmbus_pdev.dev, "VMBUS:00");
	sim_acpi_companion_set(&krt_vmbus_pdev.dev, &krt_acpi_vmbus);
	krt_vmbus_pdrv = drv;
	krt_vmbus_pdev.dev.driver = &drv->driver;
	ret = drv->probe(&krt_vmbus_pdev);
	krt_trace("guest.acpi", "probe", "driver=%s device=VMBUS ret=%d", drv->driver.name, ret);
	if (ret)
		krt_vmbus_pdev.dev.driver = NULL;
	return 0;
}

void platform_driver_unregister(struct platform_driver *drv)
{
	if (krt_vmbus_pdrv != drv || !krt_vmbus_pdev.dev.driver)
		return;
	if (drv->remove_new)
		drv->remove_new(&krt_vmbus_pdev);
	else if (drv->remove)
		drv->remove(&krt_vmbus_pdev);
	krt_vmbus_pdev.dev.driver = NULL;
}

/* ---- resources, framebuffer, syscore, kmsg_dump ---- */

struct resource iomem_resource = { .name = "PCI mem", .start = 0, .end = -1,
				   .flags = IORESOURCE_MEM };
struct screen_info screen_info;
const struct dev_pm_ops pci_dev_pm_ops;

struct resource *__request_region(struct resource *parent, resource_size_t start,
				  resource_size_t n, const char *name, int flags)
{
	struct resource *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return NULL;
	r->start = start;
	r->end = start + n - 1;
	r->name = name;
	r->flags = IORESOURCE_BUSY | flags;
	r->parent = parent;
	krt_trace("guest.resource", "request", "start=0x%llx size=0x%llx name=%s",
		  (unsigned long long)start, (unsigned long long)n, name ?: "");
	return r;
}

void __release_region(struct resource *parent, resource_size_t start, resource_size_t n)
{
}

/*
 * syscore ops (hv_synic_suspend/resume): registered in a list; runtime/pm.c runs them at
 * the hibernation snapshot point on vCPU 0 with irqs off, suspend in reverse order and
 * resume in order, as syscore_suspend()/syscore_resume().
 */
static LIST_HEAD(krt_syscore_list);

#ifdef SIM_HAVE_STRUCT_SYSCORE
void register_syscore(struct syscore *syscore)
{
	list_add_tail(&syscore->node, &krt_syscore_list);
}

void unregister_syscore(struct syscore *syscore)
{
	list_del(&syscore->node);
}

int krt_syscore_suspend(void)
{
	struct syscore *sc;
	int ret;

	list_for_each_entry_reverse(sc, &krt_syscore_list, node) {
		ret = sc->ops->suspend ? sc->ops->suspend(sc->data) : 0;
		if (ret)
			return ret;
	}
	return 0;
}

void krt_syscore_resume(void)
{
	struct syscore *sc;

	list_for_each_entry(sc, &krt_syscore_list, node)
		if (sc->ops->resume)
			sc->ops->resume(sc->data);
}
#else
void register_syscore_ops(struct syscore_ops *ops)
{
	list_add_tail(&ops->node, &krt_syscore_list);
}

void unregister_syscore_ops(struct syscore_ops *ops)
{
	list_del(&ops->node);
}

int krt_syscore_suspend(void)
{
	struct syscore_ops *ops;
	int ret;

	list_for_each_entry_reverse(ops, &krt_syscore_list, node) {
		ret = ops->suspend ? ops->suspend() : 0;
		if (ret)
			return ret;
	}
	return 0;
}

void krt_syscore_resume(void)
{
	struct syscore_ops *ops;

	list_for_each_entry(ops, &krt_syscore_list, node)
		if (ops->resume)
			ops->resume();
}
#endif

int kmsg_dump_register(struct kmsg_dumper *dumper)
{
	dumper->registered = true;
	return 0;
}

int kmsg_dump_unregister(struct kmsg_dumper *dumper)
{
	dumper->registered = false;
	return 0;
}

bool kmsg_dump_get_buffer(struct kmsg_dump_iter *iter, bool syslog, char *buf, size_t size,
			  size_t *len)
{
	*len = 0;
	return false;
}

void kmsg_dump_rewind(struct kmsg_dump_iter *iter)
{
}
