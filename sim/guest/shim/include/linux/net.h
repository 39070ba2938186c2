/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub */
#ifndef _SIM_LINUX_NET_H
#define _SIM_LINUX_NET_H
#include <linux/types.h>
#endif
