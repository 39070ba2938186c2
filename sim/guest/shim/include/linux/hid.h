/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented. A minimal HID core (runtime/input.c): hid_add_device() matches the registered hid_driver and probes it; hid_parse() calls ll_driver->parse, which hands the report descriptor to hid_parse_report() (kept and traced); hid_input_report() is the sink, traced as guest.hid */
#ifndef _SIM_LINUX_HID_H
#define _SIM_LINUX_HID_H
#include <linux/types.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mod_devicetable.h>
#include <linux/slab.h>
#define HID_MAX_BUFFER_SIZE 16384
#define HID_MAX_DESCRIPTOR_SIZE 4096
enum hid_report_type { HID_INPUT_REPORT = 0, HID_OUTPUT_REPORT = 1, HID_FEATURE_REPORT = 2 };
#define HID_REQ_GET_REPORT 0x01
#define HID_REQ_SET_REPORT 0x09
#define HID_CONNECT_HIDINPUT 0x01
#define HID_CONNECT_HIDRAW 0x04
#define HID_CONNECT_HIDDEV 0x08
#define HID_CONNECT_DEFAULT 0x3f
#define HID_GROUP_ANY 0x0000
#define BUS_VIRTUAL 0x06
#define HID_DT_HID 0x21
#define HID_DT_REPORT 0x22
struct hid_device;
struct hid_descriptor {
	__u8 bLength;
	__u8 bDescriptorType;
	__le16 bcdHID;
	__u8 bCountryCode;
	__u8 bNumDescriptors;
	struct hid_class_descriptor {
		__u8 bDescriptorType;
		__le16 wDescriptorLength;
	} __attribute__((packed)) rpt_desc;
	struct hid_class_descriptor opt_descriptors[];
} __attribute__((packed));
struct hid_ll_driver {
	int (*start)(struct hid_device *hdev);
	void (*stop)(struct hid_device *hdev);
	int (*open)(struct hid_device *hdev);
	void (*close)(struct hid_device *hdev);
	int (*power)(struct hid_device *hdev, int level);
	int (*parse)(struct hid_device *hdev);
	void (*request)(struct hid_device *hdev, void *report, int reqtype);
	int (*wait)(struct hid_device *hdev);
	int (*raw_request)(struct hid_device *hdev, unsigned char reportnum, __u8 *buf,
			   size_t len, unsigned char rtype, int reqtype);
	int (*output_report)(struct hid_device *hdev, __u8 *buf, size_t len);
};
struct hid_driver;
struct hid_device {
	__u8 *dev_rdesc;
	unsigned int dev_rsize;
	__u8 *rdesc;
	unsigned int rsize;
	__u16 bus;
	__u16 group;
	__u32 vendor;
	__u32 product;
	__u32 version;
	unsigned int country;
	struct device dev;
#if SIM_KVER >= 612
	const struct hid_ll_driver *ll_driver;
#else
	struct hid_ll_driver *ll_driver;
#endif
	struct hid_driver *driver;
	unsigned int status;
	char name[128];
	char phys[64];
	char uniq[64];
	void *driver_data;
	bool sim_started;
};
struct hid_driver {
	char *name;
	const struct hid_device_id *id_table;
	int (*probe)(struct hid_device *dev, const struct hid_device_id *id);
	void (*remove)(struct hid_device *dev);
	struct device_driver driver;
	struct list_head sim_entry;
};
#define HID_DEVICE(b, g, ven, prod) \
	.bus = (b), .group = (g), .vendor = (ven), .product = (prod)
#define HID_USB_DEVICE(ven, prod) HID_DEVICE(3, HID_GROUP_ANY, ven, prod)
struct hid_device *hid_allocate_device(void);
int hid_add_device(struct hid_device *hdev);
void hid_destroy_device(struct hid_device *hdev);
int hid_parse_report(struct hid_device *hdev, const __u8 *start, unsigned int size);
int hid_open_report(struct hid_device *device);
#if SIM_KVER >= 612
int hid_input_report(struct hid_device *hid, enum hid_report_type type, u8 *data,
		     u32 size, int interrupt);
#else
int hid_input_report(struct hid_device *hid, int type, u8 *data,
		     u32 size, int interrupt);
#endif
int hid_hw_start(struct hid_device *hdev, unsigned int connect_mask);
void hid_hw_stop(struct hid_device *hdev);
int __hid_register_driver(struct hid_driver *hdrv, struct module *owner,
			  const char *mod_name);
#define hid_register_driver(driver) __hid_register_driver(driver, THIS_MODULE, KBUILD_MODNAME)
void hid_unregister_driver(struct hid_driver *hdrv);
#define module_hid_driver(__hid_driver) \
	module_driver(__hid_driver, hid_register_driver, hid_unregister_driver)
static inline void *hid_get_drvdata(struct hid_device *hdev) { return dev_get_drvdata(&hdev->dev); }
static inline void hid_set_drvdata(struct hid_device *hdev, void *data)
{
	dev_set_drvdata(&hdev->dev, data);
}
static inline int hid_parse(struct hid_device *hdev) { return hid_open_report(hdev); }
#define hid_err(hid, fmt, ...) dev_err(&(hid)->dev, fmt, ##__VA_ARGS__)
#define hid_warn(hid, fmt, ...) dev_warn(&(hid)->dev, fmt, ##__VA_ARGS__)
#define hid_info(hid, fmt, ...) dev_info(&(hid)->dev, fmt, ##__VA_ARGS__)
#define hid_dbg(hid, fmt, ...) dev_dbg(&(hid)->dev, fmt, ##__VA_ARGS__)
#endif
