/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shim: instrumented. kmalloc from guest RAM (runtime/mem.c): the kernel's size classes
 * (8 ... 8192, plus 96 and 192); power-of-two sizes are naturally aligned, as the kernel
 * guarantees; larger sizes take whole pages. Every kernel allocation is guest memory, so
 * virt_to_phys() works on it (the drivers rely on it).
 */
#ifndef _SIM_LINUX_SLAB_H
#define _SIM_LINUX_SLAB_H
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/string.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>

#define ARCH_KMALLOC_MINALIGN 8
#define ARCH_DMA_MINALIGN 64
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)
#define KMALLOC_MAX_SIZE (1UL << (PAGE_SHIFT + MAX_PAGE_ORDER))
#define SLAB_HWCACHE_ALIGN 0x00002000U
#define SLAB_PANIC 0x00040000U
#define SLAB_ACCOUNT 0x04000000U

void *__kmalloc(size_t size, gfp_t flags) __malloc;
void kfree(const void *objp);
size_t ksize(const void *objp);
void *krealloc(const void *p, size_t new_size, gfp_t flags);
static inline void *kmalloc(size_t size, gfp_t flags) { return __kmalloc(size, flags); }
static inline void *kzalloc(size_t size, gfp_t flags) { return __kmalloc(size, flags | __GFP_ZERO); }
#define kmalloc_node(s, f, n) kmalloc(s, f)
#define kzalloc_node(s, f, n) kzalloc(s, f)
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc(bytes, flags);
}
static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}
#define kcalloc_node(n, s, f, node) kcalloc(n, s, f)
#define kmalloc_array_node(n, s, f, node) kmalloc_array(n, s, f)
#define kvmalloc(s, f) kmalloc(s, f)
#define kvzalloc(s, f) kzalloc(s, f)
#define kvcalloc(n, s, f) kcalloc(n, s, f)
#define kvmalloc_array(n, s, f) kmalloc_array(n, s, f)
#define kvfree(p) kfree(p)
#define kfree_sensitive(p) kfree(p)
#define kvfree_rcu(p, ...) kfree(p)
#define kfree_rcu(p, ...) kfree(p)

struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *objp);
#define kmem_cache_zalloc(s, f) kmem_cache_alloc(s, (f) | __GFP_ZERO)
#define KMEM_CACHE(__struct, __flags) \
	kmem_cache_create(#__struct, sizeof(struct __struct), __alignof__(struct __struct), \
			  (__flags), NULL)
#include <asm/page.h>
#endif
