/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: copied (the inline front of include/linux/find.h). The out-of-line helpers
 * _find_first_bit/_find_next_bit/... are the real lib/find_bit.c, compiled into the image.
 */
#ifndef _SIM_LINUX_FIND_H
#define _SIM_LINUX_FIND_H
#include <linux/types.h>
#include <asm/bitsperlong.h>

unsigned long _find_next_bit(const unsigned long *addr1, unsigned long nbits,
			     unsigned long start);
unsigned long _find_next_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				 unsigned long nbits, unsigned long start);
unsigned long _find_next_zero_bit(const unsigned long *addr, unsigned long nbits,
				  unsigned long start);
unsigned long _find_first_bit(const unsigned long *addr, unsigned long size);
unsigned long _find_first_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				  unsigned long size);
unsigned long _find_first_zero_bit(const unsigned long *addr, unsigned long size);
unsigned long _find_last_bit(const unsigned long *addr, unsigned long size);

static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
					  unsigned long offset)
{
	return _find_next_bit(addr, size, offset);
}
static inline unsigned long find_next_and_bit(const unsigned long *addr1,
		const unsigned long *addr2, unsigned long size, unsigned long offset)
{
	return _find_next_and_bit(addr1, addr2, size, offset);
}
static inline unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
					       unsigned long offset)
{
	return _find_next_zero_bit(addr, size, offset);
}
static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return _find_first_bit(addr, size);
}
static inline unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return _find_first_zero_bit(addr, size);
}
static inline unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	return _find_last_bit(addr, size);
}
#define for_each_set_bit(bit, addr, size) \
	for ((bit) = 0; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); (bit)++)
#define for_each_clear_bit(bit, addr, size) \
	for ((bit) = 0; (bit) = find_next_zero_bit((addr), (size), (bit)), (bit) < (size); (bit)++)
#endif
