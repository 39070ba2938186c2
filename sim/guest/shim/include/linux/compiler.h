/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: copied (attributes, annotations, READ_ONCE/WRITE_ONCE from
 * include/linux/compiler*.h and asm-generic/rwonce.h, reduced to what gcc needs).
 * Sparse annotations are empty; __percpu/__iomem/__user pointers are plain pointers.
 */
#ifndef _SIM_LINUX_COMPILER_H
#define _SIM_LINUX_COMPILER_H

#include <linux/types.h>

#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __cond_lock(x, c) (c)
#define __private
#define __safe
#define __nocast
#define __counted_by(m)
#define __randomize_layout
#define __no_randomize_layout
#define randomized_struct_fields_start
#define randomized_struct_fields_end
#define __init
#define __exit
#define __initdata
#define __initconst
#define __exitdata
#define __ref
#define __refdata
#define __read_mostly
#define __ro_after_init
#define __cacheline_aligned __attribute__((aligned(64)))
#define ____cacheline_aligned __attribute__((aligned(64)))
#define ____cacheline_aligned_in_smp __attribute__((aligned(64)))
#define __cacheline_aligned_in_smp __attribute__((aligned(64)))
#define __visible
#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __noreturn __attribute__((__noreturn__))
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __weak __attribute__((__weak__))
#define __pure __attribute__((__pure__))
#define __must_check __attribute__((__warn_unused_result__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __scanf(a, b) __attribute__((__format__(scanf, a, b)))
#define __section(s) __attribute__((__section__(s)))
#define __cold __attribute__((__cold__))
#define __malloc __attribute__((__malloc__))
#define __alloc_size(x, ...)
#define __realloc_size(x, ...)
#define __assume_aligned(a, ...)
#define __nonstring
#define __noclone
#define __fix_address
#define notrace
#define __flatten __attribute__((flatten))
#define __no_sanitize_address
#define __no_kcsan
#define __no_stack_protector
#define __attribute_const__ __attribute__((__const__))
#define fallthrough __attribute__((__fallthrough__))
#define __diag_push()
#define __diag_pop()
#define __diag_ignore(...)
#define __diag_ignore_all(...)
#define __copy(symbol)
#define noinstr
#define __inline inline
#define __inline__ inline
#define asmlinkage
#define __latent_entropy

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier() __asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr) __asm__ __volatile__("" : : "r"(ptr) : "memory")
#define OPTIMIZER_HIDE_VAR(var) __asm__ ("" : "=r" (var) : "0" (var))
#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))
#define __must_be_array(a) BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))
#define __is_constexpr(x) \
	(sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))
#define is_signed_type(type) (((type)(-1)) < (__force type)1)
#define is_unsigned_type(type) (!is_signed_type(type))
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)
#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || \
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))
#define __scalar_type_to_expr_cases(type) \
	unsigned type: (unsigned type)0, signed type: (signed type)0
#define __unqual_scalar_typeof(x) typeof(_Generic((x), \
	char: (char)0, __scalar_type_to_expr_cases(char), \
	__scalar_type_to_expr_cases(short), __scalar_type_to_expr_cases(int), \
	__scalar_type_to_expr_cases(long), __scalar_type_to_expr_cases(long long), \
	default: (x)))

#define READ_ONCE(x) (*(const volatile __unqual_scalar_typeof(x) *)&(x))
#define WRITE_ONCE(x, val) \
	do { *(volatile typeof(x) *)&(x) = (val); } while (0)
#define data_race(expr) (expr)
#define ACCESS_PRIVATE(p, member) ((p)->member)

#define unreachable() __builtin_unreachable()
#define __builtin_warning(x, y...) (1)
#define __compiletime_error(msg) __attribute__((__error__(msg)))
#define __compiletime_warning(msg) __attribute__((__warning__(msg)))
#define compiletime_assert(condition, msg) \
	_Static_assert(condition, msg)
#define compiletime_assert_atomic_type(t) do { } while (0)

#define __ADDRESSABLE(sym)
#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)

#include <linux/build_bug.h>
#endif
