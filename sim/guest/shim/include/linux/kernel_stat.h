/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_KERNEL_STAT_H
#define _SIM_LINUX_KERNEL_STAT_H
#include <linux/interrupt.h>
#endif
