/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (bitmap operations, small open-coded versions of lib/bitmap.c) */
#ifndef _SIM_LINUX_BITMAP_H
#define _SIM_LINUX_BITMAP_H
#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <linux/find.h>

#define BITMAP_FIRST_WORD_MASK(start) (~0UL << ((start) & (BITS_PER_LONG - 1)))
#define BITMAP_LAST_WORD_MASK(nbits) (~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))
#define SIM_BITMAP_WORDS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, SIM_BITMAP_WORDS(nbits) * sizeof(unsigned long));
}
static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	unsigned int i, w = SIM_BITMAP_WORDS(nbits);

	for (i = 0; i < w; i++)
		dst[i] = ~0UL;
	if (nbits % BITS_PER_LONG)
		dst[w - 1] &= BITMAP_LAST_WORD_MASK(nbits);
}
static inline void bitmap_copy(unsigned long *dst, const unsigned long *src, unsigned int n)
{
	memcpy(dst, src, SIM_BITMAP_WORDS(n) * sizeof(unsigned long));
}
#define SIM_BITMAP_OP2(name, op)						\
static inline bool bitmap_##name(unsigned long *dst, const unsigned long *a,	\
				 const unsigned long *b, unsigned int nbits)	\
{										\
	unsigned int i, w = SIM_BITMAP_WORDS(nbits);				\
	unsigned long any = 0;							\
										\
	for (i = 0; i < w; i++) {						\
		dst[i] = op;							\
		if (i == w - 1 && nbits % BITS_PER_LONG)			\
			dst[i] &= BITMAP_LAST_WORD_MASK(nbits);			\
		any |= dst[i];							\
	}									\
	return any != 0;							\
}
SIM_BITMAP_OP2(and, a[i] & b[i])
SIM_BITMAP_OP2(or, a[i] | b[i])
SIM_BITMAP_OP2(xor, a[i] ^ b[i])
SIM_BITMAP_OP2(andnot, a[i] & ~b[i])
static inline bool bitmap_intersects(const unsigned long *a, const unsigned long *b,
				     unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < nbits; i++)
		if (test_bit(i, a) && test_bit(i, b))
			return true;
	return false;
}
static inline bool bitmap_subset(const unsigned long *a, const unsigned long *b,
				 unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < nbits; i++)
		if (test_bit(i, a) && !test_bit(i, b))
			return false;
	return true;
}
static inline bool bitmap_equal(const unsigned long *a, const unsigned long *b,
				unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < nbits; i++)
		if (test_bit(i, a) != test_bit(i, b))
			return false;
	return true;
}
static inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int i, w = 0;

	for (i = 0; i < nbits; i++)
		w += test_bit(i, src);
	return w;
}
static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) >= nbits;
}
static inline bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) >= nbits;
}
static inline void bitmap_set(unsigned long *map, unsigned int start, unsigned int len)
{
	for (; len; len--, start++)
		__set_bit(start, map);
}
static inline void bitmap_clear(unsigned long *map, unsigned int start, unsigned int len)
{
	for (; len; len--, start++)
		__clear_bit(start, map);
}
static inline unsigned long bitmap_get_value8(const unsigned long *map, unsigned long start)
{
	return (map[start / BITS_PER_LONG] >> (start % BITS_PER_LONG)) & 0xff;
}
unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags);
unsigned long *bitmap_alloc(unsigned int nbits, gfp_t flags);
void bitmap_free(const unsigned long *bitmap);
#endif
