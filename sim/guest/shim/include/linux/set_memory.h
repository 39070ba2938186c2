/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: stub (no memory encryption: not a confidential VM) */
#ifndef _SIM_LINUX_SET_MEMORY_H
#define _SIM_LINUX_SET_MEMORY_H
static inline int set_memory_encrypted(unsigned long addr, int numpages) { return 0; }
static inline int set_memory_decrypted(unsigned long addr, int numpages) { return 0; }
#endif
