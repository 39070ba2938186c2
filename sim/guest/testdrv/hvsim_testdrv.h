/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hvsim_testdrv.h - what the hvsim test VSC drivers (hvsim_testdrv.c, hvsim_rqdrv.c) share:
 * the remove() signature across kernels and the module boilerplate of a VMBus driver.
 */
#ifndef HVSIM_TESTDRV_H
#define HVSIM_TESTDRV_H

#include <linux/hyperv.h>
#include <linux/module.h>

/* hv_driver.remove returns void from 6.3 on; name(hdev) calls fn(hdev). */
#if SIM_KVER >= 603
#define HVSIM_DEFINE_REMOVE(name, fn)				\
	static void name(struct hv_device *hdev) { fn(hdev); }
#else
#define HVSIM_DEFINE_REMOVE(name, fn)				\
	static int name(struct hv_device *hdev) { fn(hdev); return 0; }
#endif

/* module_init/module_exit registering drv with the VMBus bus. */
#define hvsim_module_vmbus_driver(drv)					\
	module_driver(drv, vmbus_driver_register, vmbus_driver_unregister)

#endif
