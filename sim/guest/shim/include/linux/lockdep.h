/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (no lockdep) */
#ifndef _SIM_LINUX_LOCKDEP_H
#define _SIM_LINUX_LOCKDEP_H
struct lock_class_key { int dummy; };
struct lockdep_map { const char *name; };
#define lockdep_set_class(l, k) do { (void)(k); } while (0)
#define lockdep_set_class_and_name(l, k, n) do { (void)(k); } while (0)
#define lockdep_register_key(k) do { } while (0)
#define lockdep_unregister_key(k) do { } while (0)
#define lock_map_acquire(m) do { (void)(m); } while (0)
#define lock_map_release(m) do { (void)(m); } while (0)
#define lock_map_acquire_try(m) do { (void)(m); } while (0)
#define lockdep_init_map(m, n, k, s) do { } while (0)
#define STATIC_LOCKDEP_MAP_INIT(n, k) { .name = (n) }
#define DEFINE_WAIT_OVERRIDE_MAP(name, type) struct lockdep_map name = { #name }
#define lockdep_is_held(l) 1
#endif
