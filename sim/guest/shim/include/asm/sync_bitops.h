/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (x86 sync_* bitops, as gcc atomics: the SynIC event page is shared with the host) */
#ifndef _SIM_ASM_SYNC_BITOPS_H
#define _SIM_ASM_SYNC_BITOPS_H
#include <linux/bitops.h>
static inline void sync_set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(addr + nr / 64, 1UL << (nr % 64), __ATOMIC_SEQ_CST);
}
static inline void sync_clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + nr / 64, ~(1UL << (nr % 64)), __ATOMIC_SEQ_CST);
}
static inline int sync_test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return !!(__atomic_fetch_or(addr + nr / 64, 1UL << (nr % 64), __ATOMIC_SEQ_CST) &
		  (1UL << (nr % 64)));
}
static inline int sync_test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return !!(__atomic_fetch_and(addr + nr / 64, ~(1UL << (nr % 64)), __ATOMIC_SEQ_CST) &
		  (1UL << (nr % 64)));
}
static inline int sync_test_bit(long nr, const volatile unsigned long *addr)
{
	return !!(addr[nr / 64] & (1UL << (nr % 64)));
}
#define sync_cmpxchg(ptr, o, n) cmpxchg(ptr, o, n)
#endif
