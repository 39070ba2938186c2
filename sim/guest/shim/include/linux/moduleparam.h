/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (module parameters keep their compiled-in defaults) */
#ifndef _SIM_LINUX_MODULEPARAM_H
#define _SIM_LINUX_MODULEPARAM_H
#define module_param(name, type, perm)
#define module_param_named(name, value, type, perm)
#define module_param_unsafe(name, type, perm)
#define MODULE_PARM_DESC(p, d)
#define module_param_cb(name, ops, arg, perm)
#define core_param(name, var, type, perm)
#endif
