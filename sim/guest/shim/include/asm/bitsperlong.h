/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (x86_64) */
#ifndef _SIM_ASM_BITSPERLONG_H
#define _SIM_ASM_BITSPERLONG_H
#define BITS_PER_LONG 64
#define __BITS_PER_LONG 64
#define BITS_PER_LONG_LONG 64
#define __BITS_PER_LONG_LONG 64
#define small_const_nbits(nbits) \
	(__builtin_constant_p(nbits) && (nbits) <= BITS_PER_LONG && (nbits) > 0)
#endif
