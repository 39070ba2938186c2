/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied */
#ifndef _SIM_LINUX_THREADS_H
#define _SIM_LINUX_THREADS_H
#define NR_CPUS CONFIG_NR_CPUS
#define PID_MAX_DEFAULT 0x8000
#endif
