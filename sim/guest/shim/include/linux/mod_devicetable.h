/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (the device-id tables used by these drivers) */
#ifndef _SIM_LINUX_MOD_DEVICETABLE_H
#define _SIM_LINUX_MOD_DEVICETABLE_H
#include <linux/types.h>
#include <linux/uuid.h>
typedef unsigned long kernel_ulong_t;
struct hv_vmbus_device_id {
	guid_t guid;
	kernel_ulong_t driver_data;
};
#define ACPI_ID_LEN 16
struct acpi_device_id {
	__u8 id[ACPI_ID_LEN];
	kernel_ulong_t driver_data;
	__u32 cls;
	__u32 cls_msk;
};
struct of_device_id {
	char name[32];
	char type[32];
	char compatible[128];
	const void *data;
};
#define PLATFORM_NAME_SIZE 20
struct platform_device_id {
	char name[PLATFORM_NAME_SIZE];
	kernel_ulong_t driver_data;
};
#define HID_ANY_ID (~0)
struct hid_device_id {
	__u16 bus;
	__u16 group;
	__u32 vendor;
	__u32 product;
	kernel_ulong_t driver_data;
};
#endif
