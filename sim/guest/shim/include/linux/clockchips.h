/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (the Hyper-V stimer clockevents are not built: CONFIG_HYPERV_TIMER off) */
#ifndef _SIM_LINUX_CLOCKCHIPS_H
#define _SIM_LINUX_CLOCKCHIPS_H
#include <linux/clocksource.h>
struct clock_event_device { const char *name; };
#endif
