/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: instrumented (seeded by the simulator: hyp_host_ops.random_u64) */
#ifndef _SIM_LINUX_RANDOM_H
#define _SIM_LINUX_RANDOM_H
#include <linux/types.h>
void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
u64 get_random_u64(void);
static inline u32 get_random_u32_below(u32 ceil) { return ceil ? get_random_u32() % ceil : 0; }
#define prandom_u32() get_random_u32()
void add_bootloader_randomness(const void *buf, size_t len);
void add_device_randomness(const void *buf, size_t len);
#endif
