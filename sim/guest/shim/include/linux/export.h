/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (everything is linked into one image; nothing is exported) */
#include <linux/compiler.h>
#ifndef THIS_MODULE
#define THIS_MODULE ((struct module *)0)
#endif
