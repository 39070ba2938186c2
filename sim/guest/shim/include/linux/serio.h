/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (serio sink: serio_interrupt bytes traced as guest.serio; runtime/input.c) */
#ifndef _SIM_LINUX_SERIO_H
#define _SIM_LINUX_SERIO_H
#include <linux/types.h>
#include <linux/interrupt.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/device.h>
#include <linux/mod_devicetable.h>
#define SERIO_8042_XL 0x06
#define SERIO_PARITY 2
#define SERIO_TIMEOUT 1
struct serio_device_id { __u8 type, extra, id, proto; };
struct serio {
	void *port_data;
	char name[32];
	char phys[32];
	char firmware_id[128];
	bool manual_bind;
	struct serio_device_id id;
	spinlock_t lock;
	int (*write)(struct serio *, unsigned char);
	int (*open)(struct serio *);
	void (*close)(struct serio *);
	int (*start)(struct serio *);
	void (*stop)(struct serio *);
	struct serio *parent;
	struct device dev;
};
void __serio_register_port(struct serio *serio, struct module *owner);
#define serio_register_port(serio) __serio_register_port(serio, THIS_MODULE)
void serio_unregister_port(struct serio *serio);
irqreturn_t serio_interrupt(struct serio *serio, unsigned char data, unsigned int flags);
#endif
