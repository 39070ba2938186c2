/* SPDX-License-Identifier: GPL-2.0-only */
/* shim: copied (atomic_t/atomic64_t/cmpxchg/xchg semantics, on gcc __atomic builtins) */
#ifndef _SIM_LINUX_ATOMIC_H
#define _SIM_LINUX_ATOMIC_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>

#define ATOMIC_INIT(i) { (i) }
#define ATOMIC64_INIT(i) { (i) }
#define ATOMIC_LONG_INIT(i) ATOMIC64_INIT(i)

#define cmpxchg(ptr, o, n) ({						\
	typeof(*(ptr)) __o = (o);					\
	__atomic_compare_exchange_n((ptr), &__o, (n), 0,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);\
	__o; })
#define cmpxchg_relaxed cmpxchg
#define cmpxchg_acquire cmpxchg
#define cmpxchg_release cmpxchg
#define xchg(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)
#define try_cmpxchg(ptr, oldp, n) \
	__atomic_compare_exchange_n((ptr), (oldp), (n), 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)

#define SIM_ATOMIC_OPS(pfx, t, ct)						\
static inline ct pfx##_read(const t *v) { return READ_ONCE(v->counter); }	\
static inline void pfx##_set(t *v, ct i) { WRITE_ONCE(v->counter, i); }	\
static inline ct pfx##_add_return(ct i, t *v)				\
{ return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }		\
static inline ct pfx##_sub_return(ct i, t *v)				\
{ return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); }		\
static inline ct pfx##_fetch_add(ct i, t *v)				\
{ return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); }		\
static inline ct pfx##_fetch_sub(ct i, t *v)				\
{ return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); }		\
static inline ct pfx##_fetch_or(ct i, t *v)				\
{ return __atomic_fetch_or(&v->counter, i, __ATOMIC_SEQ_CST); }		\
static inline ct pfx##_fetch_and(ct i, t *v)				\
{ return __atomic_fetch_and(&v->counter, i, __ATOMIC_SEQ_CST); }		\
static inline void pfx##_add(ct i, t *v) { (void)pfx##_add_return(i, v); }	\
static inline void pfx##_sub(ct i, t *v) { (void)pfx##_sub_return(i, v); }	\
static inline void pfx##_or(ct i, t *v) { (void)pfx##_fetch_or(i, v); }	\
static inline void pfx##_and(ct i, t *v) { (void)pfx##_fetch_and(i, v); }	\
static inline void pfx##_inc(t *v) { pfx##_add(1, v); }			\
static inline void pfx##_dec(t *v) { pfx##_sub(1, v); }			\
static inline ct pfx##_inc_return(t *v) { return pfx##_add_return(1, v); }	\
static inline ct pfx##_dec_return(t *v) { return pfx##_sub_return(1, v); }	\
static inline bool pfx##_dec_and_test(t *v) { return pfx##_dec_return(v) == 0; } \
static inline bool pfx##_inc_and_test(t *v) { return pfx##_inc_return(v) == 0; } \
static inline bool pfx##_sub_and_test(ct i, t *v) { return pfx##_sub_return(i, v) == 0; } \
static inline ct pfx##_xchg(t *v, ct n) { return xchg(&v->counter, n); }	\
static inline ct pfx##_cmpxchg(t *v, ct o, ct n) { return cmpxchg(&v->counter, o, n); } \
static inline bool pfx##_try_cmpxchg(t *v, ct *o, ct n) { return try_cmpxchg(&v->counter, o, n); } \
static inline bool pfx##_add_unless(t *v, ct a, ct u)			\
{									\
	ct c = pfx##_read(v);						\
	do {								\
		if (c == u)						\
			return false;					\
	} while (!pfx##_try_cmpxchg(v, &c, c + a));			\
	return true;							\
}									\
static inline bool pfx##_inc_not_zero(t *v) { return pfx##_add_unless(v, 1, 0); }

SIM_ATOMIC_OPS(atomic, atomic_t, int)
SIM_ATOMIC_OPS(atomic64, atomic64_t, s64)
SIM_ATOMIC_OPS(atomic_long, atomic_long_t, long)
#define atomic_read_acquire(v) smp_load_acquire(&(v)->counter)
#define atomic_set_release(v, i) smp_store_release(&(v)->counter, (i))
#endif
