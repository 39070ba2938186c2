// SPDX-License-Identifier: GPL-2.0-only
/*
 * mem.c - guest RAM (memfd at a fixed address) and the vmap window.
 *
 * Owns: the RAM mapping, the memfd, the vmap window reservation and its slot table.
 * Invariants:
 *   - RAM is mapped MAP_SHARED at HYP_GUEST_RAM_BASE; GPA g <-> HYP_GUEST_RAM_BASE + g.
 *   - The vmap window is PROT_NONE except for live slots; each slot maps memfd pages with
 *     MAP_SHARED|MAP_FIXED, so writes through either mapping are visible in the other.
 *   - Slots are handed out by a first-fit scan over a page-granular cursor that only grows,
 *     then wraps; allocation order depends only on the call sequence (deterministic).
 */
#define _GNU_SOURCE
#include "hyp/mem.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct hyp_vmap_slot {
    uint64_t first_page; /* page index inside the window */
    uint32_t nr_pages;
    bool live;
};

struct hyp_mem {
    int fd;
    uint8_t *ram;
    uint64_t ram_size;
    uint8_t *vmap_base;
    uint64_t vmap_cursor; /* next free page index candidate */
    struct hyp_vmap_slot slots[HYP_MEM_VMAP_SLOTS];
    uint32_t live;
};

static bool mem_instance_exists;

struct hyp_mem *hyp_mem_create(uint64_t ram_size, char *err, size_t err_len)
{
    if (ram_size == 0 || ram_size > HYP_MEM_RAM_MAX || ram_size % HYP_PAGE_SIZE) {
        snprintf(err, err_len, "guest RAM size %llu is not a page multiple in (0, %llu]",
                 (unsigned long long)ram_size, (unsigned long long)HYP_MEM_RAM_MAX);
        return NULL;
    }
    if (mem_instance_exists) {
        snprintf(err, err_len, "guest RAM already mapped in this process");
        return NULL;
    }
    struct hyp_mem *m = calloc(1, sizeof(*m));
    assert(m);
    m->fd = memfd_create("hvsim-guest-ram", MFD_CLOEXEC);
    if (m->fd < 0 || ftruncate(m->fd, (off_t)ram_size) != 0) {
        snprintf(err, err_len, "memfd for guest RAM: %s", strerror(errno));
        goto fail;
    }
    void *p = mmap((void *)HYP_GUEST_RAM_BASE, ram_size, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_FIXED_NOREPLACE, m->fd, 0);
    if (p != (void *)HYP_GUEST_RAM_BASE) {
        snprintf(err, err_len, "cannot map guest RAM at %#llx: %s",
                 (unsigned long long)HYP_GUEST_RAM_BASE, strerror(errno));
        if (p != MAP_FAILED)
            munmap(p, ram_size);
        goto fail;
    }
    m->ram = p;
    m->ram_size = ram_size;
    uint64_t vbytes = (uint64_t)HYP_MEM_VMAP_PAGES * HYP_PAGE_SIZE;
    p = mmap((void *)HYP_MEM_VMAP_BASE, vbytes, PROT_NONE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (p != (void *)HYP_MEM_VMAP_BASE) {
        snprintf(err, err_len, "cannot reserve the vmap window: %s", strerror(errno));
        if (p != MAP_FAILED)
            munmap(p, vbytes);
        munmap(m->ram, ram_size);
        goto fail;
    }
    m->vmap_base = p;
    mem_instance_exists = true;
    return m;
fail:
    if (m->fd >= 0)
        close(m->fd);
    free(m);
    return NULL;
}

void hyp_mem_destroy(struct hyp_mem *m)
{
    if (!m)
        return;
    munmap(m->vmap_base, (uint64_t)HYP_MEM_VMAP_PAGES * HYP_PAGE_SIZE);
    munmap(m->ram, m->ram_size);
    close(m->fd);
    free(m);
    mem_instance_exists = false;
}

void *hyp_mem_base(const struct hyp_mem *m)
{
    return m->ram;
}

uint64_t hyp_mem_size(const struct hyp_mem *m)
{
    return m->ram_size;
}

void *hyp_mem_ptr(const struct hyp_mem *m, uint64_t gpa, uint64_t len)
{
    if (len == 0 || gpa >= m->ram_size || len > m->ram_size - gpa)
        return NULL;
    return m->ram + gpa;
}

bool hyp_mem_pfn_valid(const struct hyp_mem *m, uint64_t pfn)
{
    return pfn < m->ram_size / HYP_PAGE_SIZE;
}

int hyp_mem_read(const struct hyp_mem *m, uint64_t gpa, void *dst, uint64_t len)
{
    const void *p = hyp_mem_ptr(m, gpa, len);
    if (!p)
        return -1;
    memcpy(dst, p, len);
    return 0;
}

int hyp_mem_write(struct hyp_mem *m, uint64_t gpa, const void *src, uint64_t len)
{
    void *p = hyp_mem_ptr(m, gpa, len);
    if (!p)
        return -1;
    memcpy(p, src, len);
    return 0;
}

uint64_t hyp_mem_gpa_of(const struct hyp_mem *m, const void *p)
{
    const uint8_t *b = p;
    if (b < m->ram || b >= m->ram + m->ram_size)
        return UINT64_MAX;
    return (uint64_t)(b - m->ram);
}

/* First-fit search of nr free pages starting at the cursor, wrapping once. */
static bool vmap_range_free(const struct hyp_mem *m, uint64_t first, uint32_t nr)
{
    for (uint32_t i = 0; i < HYP_MEM_VMAP_SLOTS; i++) {
        const struct hyp_vmap_slot *s = &m->slots[i];
        if (s->live && first < s->first_page + s->nr_pages && s->first_page < first + nr)
            return false;
    }
    return true;
}

static int64_t vmap_find(struct hyp_mem *m, uint32_t nr)
{
    uint64_t last = HYP_MEM_VMAP_PAGES - nr; /* highest usable first page */
    for (uint64_t p = m->vmap_cursor; p <= last; p++) {
        if (vmap_range_free(m, p, nr))
            return (int64_t)p;
    }
    for (uint64_t p = 0; p < m->vmap_cursor && p <= last; p++) {
        if (vmap_range_free(m, p, nr))
            return (int64_t)p;
    }
    return -1;
}

void *hyp_mem_vmap(struct hyp_mem *m, const uint64_t *pfns, uint32_t nr_pages)
{
    if (nr_pages == 0 || nr_pages > HYP_MEM_VMAP_PAGES || m->live >= HYP_MEM_VMAP_SLOTS)
        return NULL;
    for (uint32_t i = 0; i < nr_pages; i++) {
        if (!hyp_mem_pfn_valid(m, pfns[i]))
            return NULL;
    }
    int64_t first = vmap_find(m, nr_pages);
    if (first < 0)
        return NULL;
    uint32_t slot = 0;
    while (m->slots[slot].live)
        slot++;
    uint8_t *va = m->vmap_base + (uint64_t)first * HYP_PAGE_SIZE;
    for (uint32_t i = 0; i < nr_pages; i++) {
        void *p = mmap(va + (uint64_t)i * HYP_PAGE_SIZE, HYP_PAGE_SIZE, PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_FIXED, m->fd, (off_t)(pfns[i] * HYP_PAGE_SIZE));
        assert(p != MAP_FAILED); /* the window is ours: failure is a simulator bug */
    }
    m->slots[slot] = (struct hyp_vmap_slot){ (uint64_t)first, nr_pages, true };
    m->live++;
    m->vmap_cursor = (uint64_t)first + nr_pages;
    return va;
}

int hyp_mem_vunmap(struct hyp_mem *m, void *va)
{
    for (uint32_t i = 0; i < HYP_MEM_VMAP_SLOTS; i++) {
        struct hyp_vmap_slot *s = &m->slots[i];
        if (!s->live || m->vmap_base + s->first_page * HYP_PAGE_SIZE != (uint8_t *)va)
            continue;
        void *p = mmap(va, (uint64_t)s->nr_pages * HYP_PAGE_SIZE, PROT_NONE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
        assert(p == va);
        s->live = false;
        m->live--;
        return 0;
    }
    return -1;
}

uint32_t hyp_mem_vmap_live(const struct hyp_mem *m)
{
    return m->live;
}
