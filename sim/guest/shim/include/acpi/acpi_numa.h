/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_ACPI_ACPI_NUMA_H
#define _SIM_ACPI_ACPI_NUMA_H
#include <linux/node.h>
static inline int node_to_pxm(int node) { return 0; }
#endif
