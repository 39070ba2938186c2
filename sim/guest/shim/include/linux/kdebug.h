/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_KDEBUG_H
#define _SIM_LINUX_KDEBUG_H
#include <linux/notifier.h>
enum die_val { DIE_OOPS = 1, DIE_PANIC };
struct die_args { struct pt_regs *regs; const char *str; long err; int trapnr; int signr; };
int register_die_notifier(struct notifier_block *nb);
int unregister_die_notifier(struct notifier_block *nb);
#endif
