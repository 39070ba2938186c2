/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_MMZONE_H
#define _SIM_LINUX_MMZONE_H
#define MAX_ORDER 10
#define MAX_PAGE_ORDER 10
#define NR_PAGE_ORDERS (MAX_PAGE_ORDER + 1)
#endif
