/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_CLOCKSOURCE_H
#define _SIM_LINUX_CLOCKSOURCE_H
#include <linux/types.h>
#include <linux/time64.h>
struct clocksource { const char *name; };
#endif
