/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (power hooks are traced: guest.power) */
#ifndef _SIM_LINUX_REBOOT_H
#define _SIM_LINUX_REBOOT_H
#include <linux/notifier.h>
#define SYS_DOWN 0x0001
#define SYS_RESTART SYS_DOWN
#define SYS_HALT 0x0002
#define SYS_POWER_OFF 0x0003
void orderly_poweroff(bool force);
void orderly_reboot(void);
void kernel_power_off(void);
void emergency_restart(void);
#endif
