/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_NMI_H
#define _SIM_LINUX_NMI_H
#define touch_nmi_watchdog() do { } while (0)
#endif
