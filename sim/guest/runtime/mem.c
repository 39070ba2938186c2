/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mem.c - guest physical memory: the page allocator, kmalloc, vmalloc/vmap, memremap.
 *
 * Guest RAM is [0, ram_size) at HYP_GUEST_RAM_BASE (seam.h). Layout, in pages:
 *   0            never handed out (a zero GPA always means "none")
 *   1 ..         the memmap (struct page for every page), then the allocation bitmap
 *   rest         the page allocator's pool
 * Blocks of order n are 2^n pages aligned to 2^n pages (as the buddy allocator gives), found
 * first-fit from the low end, so allocation addresses are a pure function of the call
 * sequence. kmalloc keeps the kernel's size classes; power-of-two sizes are naturally
 * aligned. Findings: KRT-MEM-001 (freeing what was not allocated), KRT-MEM-002,
 * KRT-MEM-003 (virt_to_phys of a non-linear-map address), KRT-MEM-004.
 *
 * Fault injection (hook "mem.fail", a scenario's guest-alloc-fail fault): the nth kmalloc of
 * exactly `size` bytes (kzalloc, kmalloc_array, kmemdup, kmem_cache_alloc included) returns
 * NULL, traced as guest.mem fail. Hook "mem.sizeof" names sizes a scenario cannot know:
 * "vmbus_channel" (alloc_channel()), "hv_device" (vmbus_device_create()) of this kernel, and
 * "offer_msg_copy": vmbus_on_msg_dpc()'s copy of an OFFERCHANNEL message (struct
 * onmessage_work_context, private to vmbus_drv.c: a work_struct, the hv_message_header, then
 * payload_size bytes; the host sends offers with a whole vmbus_channel_offer_channel).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/io.h>
#include <linux/bitmap.h>
#include <linux/hyperv.h>
#include "krt.h"

#define SIM_PG_RESERVED 0x1UL
#define SIM_PG_HEAD 0x2UL	/* first page of an allocated block */
#define SIM_PG_TAIL 0x4UL
#define SIM_PG_SLAB 0x8UL
#define SIM_PG_VMALLOC 0x10UL

#define KRT_FREE_MAGIC 0x6b6b6b6bdeadf4eeULL

struct page *sim_mem_map;
unsigned long sim_ram_pages;
static unsigned long *krt_page_used;	/* 1 bit per page */
static unsigned long krt_first_free;
static unsigned long krt_pages_free;

static const unsigned int krt_classes[] = { 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048 };
#define KRT_NR_CLASSES ARRAY_SIZE(krt_classes)
static struct list_head krt_partial[KRT_NR_CLASSES];

phys_addr_t sim_virt_to_phys(const volatile void *va)
{
	unsigned long a = (unsigned long)va;

	if (a < SIM_PAGE_OFFSET || a >= SIM_PAGE_OFFSET + (sim_ram_pages << PAGE_SHIFT)) {
		krt_finding("KRT-MEM-003", "virt_to_phys of an address outside guest RAM");
		return 0;
	}
	return a - SIM_PAGE_OFFSET;
}

void krt_mem_init(void)
{
	unsigned long memmap_pages, bitmap_pages, i;

	sim_ram_pages = krt_host->ram_size >> PAGE_SHIFT;
	if ((unsigned long)krt_host->ram_base != SIM_PAGE_OFFSET)
		krt_crash("guest RAM is not at HYP_GUEST_RAM_BASE");
	memmap_pages = DIV_ROUND_UP(sim_ram_pages * sizeof(struct page), PAGE_SIZE);
	bitmap_pages = DIV_ROUND_UP(BITS_TO_LONGS(sim_ram_pages) * sizeof(long), PAGE_SIZE);
	if (1 + memmap_pages + bitmap_pages + 64 > sim_ram_pages)
		krt_crash("guest RAM too small: %lu pages", sim_ram_pages);
	sim_mem_map = __va(PAGE_SIZE);
	krt_page_used = __va((1 + memmap_pages) << PAGE_SHIFT);
	/* No memset: guest RAM is zero at boot (seam contract), and clearing the whole memmap
	 * would fault in ~1000 host pages per boot for nothing. */
	krt_first_free = 1 + memmap_pages + bitmap_pages;
	for (i = 0; i < krt_first_free; i++) {
		__set_bit(i, krt_page_used);
		sim_mem_map[i].flags = SIM_PG_RESERVED;
	}
	krt_pages_free = sim_ram_pages - krt_first_free;
	for (i = 0; i < KRT_NR_CLASSES; i++)
		INIT_LIST_HEAD(&krt_partial[i]);
}

/* ---- page allocator ---- */

static long krt_find_block(unsigned int order)
{
	unsigned long n = 1UL << order, start, i;

	start = ALIGN(krt_first_free, n);
	while (start + n <= sim_ram_pages) {
		i = find_next_bit(krt_page_used, start + n, start);
		if (i >= start + n)
			return start;
		start = ALIGN(i + 1, n);
	}
	return -1;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long n = 1UL << order, i;
	long pfn;
	struct page *page;

	if (order > MAX_PAGE_ORDER)
		return NULL;
	pfn = krt_find_block(order);
	if (pfn < 0) {
		if (!(gfp & __GFP_NOWARN))
			krt_finding("KRT-MEM-004", "page allocation of order %u failed", order);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		__set_bit(pfn + i, krt_page_used);
		memset(&sim_mem_map[pfn + i], 0, sizeof(struct page));
		sim_mem_map[pfn + i].flags = i ? SIM_PG_TAIL : SIM_PG_HEAD;
	}
	krt_pages_free -= n;
	page = &sim_mem_map[pfn];
	page->order = order;
	atomic_set(&page->_refcount, 1);
	if (gfp & __GFP_ZERO)
		memset(page_address(page), 0, n << PAGE_SHIFT);
	return page;
}

void __free_pages(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), i, n = 1UL << order;

	if (pfn >= sim_ram_pages || !(page->flags & SIM_PG_HEAD) || page->order != order) {
		krt_finding("KRT-MEM-001", "__free_pages(pfn 0x%lx, order %u) of a block "
			    "not allocated with that order", pfn, order);
		return;
	}
	for (i = 0; i < n; i++) {
		__clear_bit(pfn + i, krt_page_used);
		sim_mem_map[pfn + i].flags = 0;
	}
	krt_pages_free += n;
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

/* ---- kmalloc ---- */

static int krt_class_of(size_t size)
{
	unsigned int i;

	for (i = 0; i < KRT_NR_CLASSES; i++)
		if (size <= krt_classes[i])
			return i;
	return -1;
}

static void *krt_slab_alloc(int cls)
{
	unsigned int size = krt_classes[cls], i, nr = PAGE_SIZE / size;
	struct page *page;
	void **obj;

	if (list_empty(&krt_partial[cls])) {
		page = alloc_pages(GFP_KERNEL, 0);
		if (!page)
			return NULL;
		page->flags |= SIM_PG_SLAB;
		page->slab_class = cls + 1;
		page->freelist = NULL;
		/* Free list in address order: the lowest object is handed out first. */
		for (i = nr; i-- > 0;) {
			obj = (void **)((char *)page_address(page) + i * size);
			obj[0] = page->freelist;
			((u64 *)obj)[1] = KRT_FREE_MAGIC;
			page->freelist = obj;
		}
		list_add(&page->lru, &krt_partial[cls]);
	}
	page = list_first_entry(&krt_partial[cls], struct page, lru);
	obj = page->freelist;
	page->freelist = obj[0];
	((u64 *)obj)[1] = 0;
	page->inuse++;
	if (!page->freelist)
		list_del_init(&page->lru);
	return obj;
}

static size_t krt_fail_size;		/* 0: no failure armed */
static unsigned long krt_fail_nth, krt_fail_seen;

static int krt_mem_fail(size_t size, unsigned long nth)
{
	krt_fail_size = size;
	krt_fail_nth = nth ?: 1;
	krt_fail_seen = 0;
	return 0;
}

static long krt_mem_sizeof(const char *name)
{
	if (!strcmp(name, "vmbus_channel"))
		return sizeof(struct vmbus_channel);
	if (!strcmp(name, "hv_device"))
		return sizeof(struct hv_device);
	if (!strcmp(name, "offer_msg_copy"))
		return sizeof(struct work_struct) + sizeof(struct hv_message_header) +
		       sizeof(struct vmbus_channel_offer_channel);
	return -1;
}

void *krt_mem_hook(const char *name)
{
	if (!strcmp(name, "mem.fail"))
		return (void *)krt_mem_fail;
	if (!strcmp(name, "mem.sizeof"))
		return (void *)krt_mem_sizeof;
	return NULL;
}

void *__kmalloc(size_t size, gfp_t flags)
{
	void *p;
	int cls;

	if (!size)
		return ZERO_SIZE_PTR;
	if (unlikely(size == krt_fail_size) && ++krt_fail_seen == krt_fail_nth) {
		krt_trace("guest.mem", "fail", "size=%zu nth=%lu", size, krt_fail_nth);
		return NULL;
	}
	cls = krt_class_of(size);
	if (cls >= 0) {
		p = krt_slab_alloc(cls);
	} else {
		p = (void *)__get_free_pages(flags | __GFP_NOWARN, get_order(size));
		if (!p && !(flags & __GFP_NOWARN))
			krt_finding("KRT-MEM-004", "kmalloc(%zu) failed", size);
	}
	if (p && (flags & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}

size_t ksize(const void *objp)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(objp))
		return 0;
	page = virt_to_page(objp);
	if (page->flags & SIM_PG_SLAB)
		return krt_classes[page->slab_class - 1];
	return PAGE_SIZE << page->order;
}

void kfree(const void *objp)
{
	unsigned long a = (unsigned long)objp;
	struct page *page;
	unsigned int size;
	void **obj = (void **)objp;

	if (ZERO_OR_NULL_PTR(objp))
		return;
	if (!virt_addr_valid(objp)) {
		krt_finding("KRT-MEM-001", "kfree of a pointer outside guest RAM");
		return;
	}
	page = virt_to_page(objp);
	if (!(page->flags & SIM_PG_SLAB)) {
		if (!(page->flags & SIM_PG_HEAD) || offset_in_page(objp)) {
			krt_finding("KRT-MEM-001", "kfree(GPA 0x%llx) not a kmalloc object",
				    (unsigned long long)__pa(objp));
			return;
		}
		__free_pages(page, page->order);
		return;
	}
	size = krt_classes[page->slab_class - 1];
	if ((a & ~PAGE_MASK) % size) {
		krt_finding("KRT-MEM-001", "kfree(GPA 0x%llx) inside a kmalloc-%u object",
			    (unsigned long long)__pa(objp), size);
		return;
	}
	if (((u64 *)obj)[1] == KRT_FREE_MAGIC) {
		krt_finding("KRT-MEM-002", "kfree(GPA 0x%llx) of a free kmalloc-%u object",
			    (unsigned long long)__pa(objp), size);
		return;
	}
	if (!page->freelist)
		list_add(&page->lru, &krt_partial[page->slab_class - 1]);
	obj[0] = page->freelist;
	((u64 *)obj)[1] = KRT_FREE_MAGIC;
	page->freelist = obj;
	page->inuse--;
	/* Empty slab pages stay with their class: reuse keeps addresses deterministic. */
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	void *n;
	size_t old = ksize(p);

	if (p && new_size <= old)
		return (void *)p;
	n = __kmalloc(new_size, flags);
	if (n && p && !ZERO_OR_NULL_PTR(p)) {
		memcpy(n, p, old);
		kfree(p);
	}
	return n;
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = __kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags)
{
	return kcalloc(BITS_TO_LONGS(nbits), sizeof(long), flags);
}

unsigned long *bitmap_alloc(unsigned int nbits, gfp_t flags)
{
	return kmalloc_array(BITS_TO_LONGS(nbits), sizeof(long), flags);
}

void bitmap_free(const unsigned long *bitmap)
{
	kfree(bitmap);
}

struct kmem_cache {
	unsigned int size;
	void (*ctor)(void *);
};

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (s) {
		s->size = max(size, align);
		s->ctor = ctor;
	}
	return s;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	kfree(s);
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	void *p = __kmalloc(s->size, flags);

	if (p && s->ctor)
		s->ctor(p);
	return p;
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	kfree(objp);
}

/* ---- vmalloc / vmap ---- */

struct krt_vm_area {
	void *va;
	unsigned int nr_pages;
	bool owns_pages;	/* vmalloc: free the pages on vfree */
	u64 *pfns;
};
#define KRT_MAX_VM_AREAS 4096
static struct krt_vm_area krt_vm[KRT_MAX_VM_AREAS];
static unsigned int krt_vm_used;	/* slots [0, krt_vm_used) may be in use */

static struct krt_vm_area *krt_vm_find(const void *addr)
{
	unsigned long a = (unsigned long)addr;
	unsigned int i;

	/* The linear map (kmalloc, pages) is never a vmap area: the common case, no scan. */
	if (a >= SIM_PAGE_OFFSET && a < SIM_PAGE_OFFSET + (sim_ram_pages << PAGE_SHIFT))
		return NULL;
	for (i = 0; i < krt_vm_used; i++) {
		unsigned long s = (unsigned long)krt_vm[i].va;

		if (s && a >= s && a < s + ((unsigned long)krt_vm[i].nr_pages << PAGE_SHIFT))
			return &krt_vm[i];
	}
	return NULL;
}

static void *krt_vmap_pfns(u64 *pfns, unsigned int count, bool owns)
{
	unsigned int i;
	void *va;

	for (i = 0; i < KRT_MAX_VM_AREAS && krt_vm[i].va; i++)
		;
	if (i == KRT_MAX_VM_AREAS) {
		krt_finding("KRT-MEM-004", "vmap: more than %d areas", KRT_MAX_VM_AREAS);
		return NULL;
	}
	va = krt_host->vmap(pfns, count);
	if (!va)
		return NULL;
	krt_vm[i].va = va;
	if (i >= krt_vm_used)
		krt_vm_used = i + 1;
	krt_vm[i].nr_pages = count;
	krt_vm[i].owns_pages = owns;
	krt_vm[i].pfns = pfns;
	return va;
}

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	u64 *pfns = kmalloc_array(count, sizeof(u64), GFP_KERNEL);
	unsigned int i;
	void *va;

	if (!pfns)
		return NULL;
	for (i = 0; i < count; i++)
		pfns[i] = page_to_pfn(pages[i]);
	va = krt_vmap_pfns(pfns, count, false);
	if (!va)
		kfree(pfns);
	return va;
}

void *vmap_pfn(unsigned long *pfns, unsigned int count, pgprot_t prot)
{
	u64 *p = kmalloc_array(count, sizeof(u64), GFP_KERNEL);
	unsigned int i;
	void *va;

	if (!p)
		return NULL;
	for (i = 0; i < count; i++)
		p[i] = pfns[i];
	va = krt_vmap_pfns(p, count, false);
	if (!va)
		kfree(p);
	return va;
}

static void krt_vm_release(const void *addr, const char *what)
{
	struct krt_vm_area *a;
	unsigned int i;

	if (!addr)
		return;
	a = krt_vm_find(addr);
	if (!a || a->va != addr) {
		krt_finding("KRT-MEM-001", "%s of an address that is not a mapping", what);
		return;
	}
	krt_host->vunmap(a->va);
	if (a->owns_pages)
		for (i = 0; i < a->nr_pages; i++)
			__free_pages(pfn_to_page(a->pfns[i]), 0);
	kfree(a->pfns);
	memset(a, 0, sizeof(*a));
}

void vunmap(const void *addr)
{
	krt_vm_release(addr, "vunmap");
}

void *vmalloc(unsigned long size)
{
	unsigned int n = DIV_ROUND_UP(size, PAGE_SIZE), i;
	u64 *pfns;
	struct page *page;
	void *va;

	if (!n)
		return NULL;
	pfns = kmalloc_array(n, sizeof(u64), GFP_KERNEL);
	if (!pfns)
		return NULL;
	for (i = 0; i < n; i++) {
		page = alloc_pages(GFP_KERNEL, 0);
		if (!page)
			goto fail;
		page->flags |= SIM_PG_VMALLOC;
		pfns[i] = page_to_pfn(page);
	}
	va = krt_vmap_pfns(pfns, n, true);
	if (va)
		return va;
fail:
	while (i-- > 0)
		__free_pages(pfn_to_page(pfns[i]), 0);
	kfree(pfns);
	return NULL;
}

void *vzalloc(unsigned long size)
{
	void *p = vmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void vfree(const void *addr)
{
	krt_vm_release(addr, "vfree");
}

bool is_vmalloc_addr(const void *x)
{
	return krt_vm_find(x) != NULL;
}

struct page *vmalloc_to_page(const void *addr)
{
	struct krt_vm_area *a = krt_vm_find(addr);

	if (!a)
		return NULL;
	return pfn_to_page(a->pfns[((unsigned long)addr - (unsigned long)a->va) >> PAGE_SHIFT]);
}

unsigned long vmalloc_to_pfn(const void *addr)
{
	struct page *p = vmalloc_to_page(addr);

	return p ? page_to_pfn(p) : 0;
}

/* ---- memremap: guest RAM is its own linear map; anything else has no backing ---- */

void *memremap(resource_size_t offset, size_t size, unsigned long flags)
{
	if (offset + size > ((u64)sim_ram_pages << PAGE_SHIFT)) {
		krt_finding("KRT-MEM-005", "memremap of GPA 0x%llx+0x%zx outside guest RAM",
			    (unsigned long long)offset, size);
		return NULL;
	}
	return __va(offset);
}

void memunmap(void *addr)
{
}

void __iomem *ioremap_cache(resource_size_t offset, unsigned long size)
{
	return memremap(offset, size, MEMREMAP_WB);
}

void __iomem *ioremap(resource_size_t offset, unsigned long size)
{
	return memremap(offset, size, MEMREMAP_WB);
}

void iounmap(volatile void __iomem *addr)
{
}

/* ---- per-CPU areas: the kernel's scheme (linux/percpu.h) ---- */

#define KRT_PCPU_UNIT (64UL * 1024)
unsigned long __per_cpu_offset[NR_CPUS];
extern char __start_sim_percpu[];
extern char __stop_sim_percpu[];
/* Guarantees the section (and so its __start/__stop symbols) exists in every image. */
static DEFINE_PER_CPU(long, krt_pcpu_anchor) __used;
static unsigned long krt_pcpu_used;	/* bytes of the unit in use (static part first) */

void krt_percpu_init(void)
{
	unsigned long stat = __stop_sim_percpu - __start_sim_percpu, base;
	unsigned int cpu;
	struct page *p;

	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(KRT_PCPU_UNIT * krt_nr_cpus));
	if (!p)
		krt_crash("no memory for the per-CPU areas");
	base = (unsigned long)page_address(p);
	for (cpu = 0; cpu < krt_nr_cpus; cpu++) {
		__per_cpu_offset[cpu] = base + cpu * KRT_PCPU_UNIT -
					(unsigned long)__start_sim_percpu;
		if (stat)
			memcpy((void *)(base + cpu * KRT_PCPU_UNIT), __start_sim_percpu, stat);
	}
	krt_pcpu_used = ALIGN(stat, 64);
}

void *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp)
{
	unsigned long off;
	unsigned int cpu;

	if (align < 8)
		align = 8;
	off = ALIGN(krt_pcpu_used, align);
	if (off + size > KRT_PCPU_UNIT) {
		krt_finding("KRT-MEM-004", "per-CPU area exhausted (%zu bytes)", size);
		return NULL;
	}
	krt_pcpu_used = off + size;
	for (cpu = 0; cpu < krt_nr_cpus; cpu++)
		memset((char *)__start_sim_percpu + __per_cpu_offset[cpu] + off, 0, size);
	return (char *)__start_sim_percpu + off;
}

void *__alloc_percpu(size_t size, size_t align)
{
	return __alloc_percpu_gfp(size, align, GFP_KERNEL);
}

void free_percpu(void *ptr)
{
	/* Bump allocator: per-CPU memory is not reused within a run. */
}
