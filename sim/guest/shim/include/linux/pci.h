/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (no PCI devices: the framebuffer search finds none) */
#ifndef _SIM_LINUX_PCI_H
#define _SIM_LINUX_PCI_H
#include <linux/types.h>
#include <linux/device.h>
#include <linux/ioport.h>
#define PCI_VENDOR_ID_MICROSOFT 0x1414
#define PCI_DEVICE_ID_HYPERV_VIDEO 0x5353
#define PCI_ANY_ID (~0)
struct pci_dev {
	struct device dev;
	struct resource resource[6];
};
static inline struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device,
					     struct pci_dev *from)
{
	return NULL;
}
static inline void pci_dev_put(struct pci_dev *dev) {}
#define pci_resource_start(dev, bar) ((dev)->resource[(bar)].start)
#define pci_resource_len(dev, bar) resource_size(&(dev)->resource[(bar)])
#define pci_resource_end(dev, bar) ((dev)->resource[(bar)].end)
extern const struct dev_pm_ops pci_dev_pm_ops;
#endif
