/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (panic notifiers are registered; a panic traces them) */
#ifndef _SIM_LINUX_PANIC_NOTIFIER_H
#define _SIM_LINUX_PANIC_NOTIFIER_H
#include <linux/notifier.h>
extern struct atomic_notifier_head panic_notifier_list;
#endif
