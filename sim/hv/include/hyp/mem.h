/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mem.h - guest physical memory: one memfd mapped MAP_FIXED at HYP_GUEST_RAM_BASE, GPA
 * translation with bounds checks for host models, and the vmap window (same memfd pages
 * mapped a second time, so a ring's data pages really alias).
 *
 * Host models reach guest memory only through hyp_mem_ptr()/hyp_mem_read()/hyp_mem_write()
 * by GPA; a NULL / negative result means the guest handed us a bad GPA (the caller reports a
 * finding). Nothing here records host pointers in the trace.
 *
 * Limits: ram_size <= HYP_MEM_RAM_MAX; vmap window HYP_MEM_VMAP_PAGES pages, at most
 * HYP_MEM_VMAP_SLOTS live mappings.
 */
#ifndef HYP_MEM_H
#define HYP_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hyp/seam.h"

#define HYP_MEM_RAM_MAX (64ull << 30)          /* 64 GiB of GPA space */
#define HYP_MEM_VMAP_BASE 0x300000000000ull    /* 48 TiB: well past the RAM mapping */
#define HYP_MEM_VMAP_PAGES (1u << 20)          /* 4 GiB window */
#define HYP_MEM_VMAP_SLOTS 4096u

struct hyp_mem;

/*
 * Map ram_size bytes (multiple of HYP_PAGE_SIZE, 0 < size <= HYP_MEM_RAM_MAX) at
 * HYP_GUEST_RAM_BASE, zero-filled, and reserve the vmap window. Only one hyp_mem may exist in
 * a process (the addresses are fixed). Returns NULL and writes a message into err on failure.
 */
struct hyp_mem *hyp_mem_create(uint64_t ram_size, char *err, size_t err_len);
void hyp_mem_destroy(struct hyp_mem *m);

void *hyp_mem_base(const struct hyp_mem *m);
uint64_t hyp_mem_size(const struct hyp_mem *m);

/* Host pointer for [gpa, gpa + len) or NULL if any byte is outside RAM (len 0 is invalid). */
void *hyp_mem_ptr(const struct hyp_mem *m, uint64_t gpa, uint64_t len);
bool hyp_mem_pfn_valid(const struct hyp_mem *m, uint64_t pfn);
/* Copy to/from guest memory; 0 on success, -1 if the range is outside RAM (nothing copied). */
int hyp_mem_read(const struct hyp_mem *m, uint64_t gpa, void *dst, uint64_t len);
int hyp_mem_write(struct hyp_mem *m, uint64_t gpa, const void *src, uint64_t len);
/* GPA of a host pointer inside the RAM mapping, or UINT64_MAX. */
uint64_t hyp_mem_gpa_of(const struct hyp_mem *m, const void *p);

/* Map nr_pages PFNs contiguously in the vmap window; NULL if a PFN is invalid, nr_pages is 0
 * or the window/slot table is exhausted. */
void *hyp_mem_vmap(struct hyp_mem *m, const uint64_t *pfns, uint32_t nr_pages);
/* Undo hyp_mem_vmap(va). Returns 0, or -1 if va is not a live mapping. */
int hyp_mem_vunmap(struct hyp_mem *m, void *va);
uint32_t hyp_mem_vmap_live(const struct hyp_mem *m);

#endif /* HYP_MEM_H */
