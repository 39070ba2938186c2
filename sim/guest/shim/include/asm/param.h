/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied. HZ = 1000: one jiffy is 1 ms of virtual time. */
#ifndef _SIM_ASM_PARAM_H
#define _SIM_ASM_PARAM_H
#define HZ CONFIG_HZ
#define USER_HZ 100
#endif
