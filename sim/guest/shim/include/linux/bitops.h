/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (bit operations; find_*_bit come from the real lib/find_bit.c) */
#ifndef _SIM_LINUX_BITOPS_H
#define _SIM_LINUX_BITOPS_H
#include <linux/types.h>
#include <linux/bits.h>
#include <linux/atomic.h>
#include <asm/bitsperlong.h>

#define BITS_PER_TYPE(type) (sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr) __KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(long))
#define BITS_TO_U64(nr) __KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u64))
#define BITS_TO_U32(nr) __KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u32))
#define BITS_TO_BYTES(nr) __KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(char))

#define SIM_BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define SIM_BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(addr + SIM_BIT_WORD(nr), SIM_BIT_MASK(nr), __ATOMIC_SEQ_CST);
}
static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + SIM_BIT_WORD(nr), ~SIM_BIT_MASK(nr), __ATOMIC_SEQ_CST);
}
static inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(addr + SIM_BIT_WORD(nr), SIM_BIT_MASK(nr), __ATOMIC_SEQ_CST);
}
static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(addr + SIM_BIT_WORD(nr), SIM_BIT_MASK(nr),
				 __ATOMIC_SEQ_CST) & SIM_BIT_MASK(nr);
}
static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(addr + SIM_BIT_WORD(nr), ~SIM_BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & SIM_BIT_MASK(nr);
}
static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (addr[SIM_BIT_WORD(nr)] & SIM_BIT_MASK(nr)) != 0;
}
#define __set_bit(nr, addr) ((addr)[SIM_BIT_WORD(nr)] |= SIM_BIT_MASK(nr))
#define __clear_bit(nr, addr) ((addr)[SIM_BIT_WORD(nr)] &= ~SIM_BIT_MASK(nr))
#define __test_and_set_bit test_and_set_bit
#define __test_and_clear_bit test_and_clear_bit
#define clear_bit_unlock clear_bit
#define test_and_set_bit_lock test_and_set_bit

static inline unsigned long __ffs(unsigned long w) { return __builtin_ctzl(w); }
static inline unsigned long ffz(unsigned long w) { return __builtin_ctzl(~w); }
static inline unsigned long __fls(unsigned long w) { return 63 - __builtin_clzl(w); }
static inline int fls(unsigned int x) { return x ? 32 - __builtin_clz(x) : 0; }
static inline int fls64(u64 x) { return x ? 64 - __builtin_clzll(x) : 0; }
static inline int ffs(int x) { return __builtin_ffs(x); }
static inline int fls_long(unsigned long l) { return fls64(l); }
#define hweight8(w) __builtin_popcount((u8)(w))
#define hweight16(w) __builtin_popcount((u16)(w))
#define hweight32(w) __builtin_popcount((u32)(w))
#define hweight64(w) __builtin_popcountll((u64)(w))
#define hweight_long(w) __builtin_popcountl((unsigned long)(w))
static inline u32 ror32(u32 w, unsigned int s) { return (w >> (s & 31)) | (w << ((-s) & 31)); }
static inline u32 rol32(u32 w, unsigned int s) { return (w << (s & 31)) | (w >> ((-s) & 31)); }
static inline unsigned long __ffs64(u64 w) { return __builtin_ctzll(w); }
static inline unsigned long fns(unsigned long word, unsigned int n)
{
	while (word && n--)
		word &= word - 1;
	return word ? __ffs(word) : BITS_PER_LONG;
}

#include <linux/find.h>
#endif
