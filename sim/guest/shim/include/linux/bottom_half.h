/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (bh-disable counts toward atomic context) */
#ifndef _SIM_LINUX_BOTTOM_HALF_H
#define _SIM_LINUX_BOTTOM_HALF_H
#include <linux/preempt.h>
#define local_bh_disable() sim_preempt_disable()
#define local_bh_enable() sim_preempt_enable()
#endif
