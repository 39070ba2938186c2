/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ctx.c - stacks and context switches; see sim/ctx.h.
 *
 * Owns: the initial switch frame of a fresh context (asm backend, layout documented in
 * fiber_x86_64.S) and the AddressSanitizer fiber handshake. Invariant: a context is either
 * running (exactly one) or has a valid saved frame.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, MAP_NORESERVE */
#include "sim/ctx.h"

#include <assert.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define SIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SIM_ASAN 1
#endif
#endif

#if defined(SIM_ASAN)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

/* ---- stacks ---- */

static size_t page_bytes(void)
{
    long p = sysconf(_SC_PAGESIZE);
    assert(p > 0);
    return (size_t)p;
}

int sim_stack_alloc(struct sim_stack *st, size_t bytes)
{
    assert(st != NULL && bytes > 0);
    const size_t page = page_bytes();
    bytes = (bytes + page - 1) / page * page;
    void *base = mmap(NULL, bytes + page, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        return -errno;
    if (mprotect(base, page, PROT_NONE) != 0) {
        int err = -errno;
        munmap(base, bytes + page);
        return err;
    }
    st->base = base;
    st->map_bytes = bytes + page;
    st->lo = (char *)base + page;
    st->bytes = bytes;
    return 0;
}

void sim_stack_free(struct sim_stack *st)
{
    if (st->base == NULL)
        return;
    int rc = munmap(st->base, st->map_bytes);
    assert(rc == 0);
    (void)rc;
    memset(st, 0, sizeof(*st));
}

/* ---- ASan handshake ---- */

static inline void asan_start(struct sim_ctx *from, struct sim_ctx *to, bool exiting)
{
#if defined(SIM_ASAN)
    __sanitizer_start_switch_fiber(exiting ? NULL : &from->asan_fake, to->stack_lo,
                                   to->stack_bytes);
#else
    (void)from, (void)to, (void)exiting;
#endif
}

/* Runs in `self` right after it was resumed; learns the main stack's bounds on the way. */
static inline void asan_finish(struct sim_ctx *self)
{
#if defined(SIM_ASAN)
    const void *lo = NULL;
    size_t bytes = 0;
    __sanitizer_finish_switch_fiber(self->asan_fake, &lo, &bytes);
    struct sim_ctx *prev = self->switched_from;
    if (prev != NULL && prev->stack_lo == NULL) {
        prev->stack_lo = lo;
        prev->stack_bytes = bytes;
    }
#else
    (void)self;
#endif
}

static void init_common(struct sim_ctx *c, const void *lo, size_t bytes)
{
    memset(c, 0, sizeof(*c));
    c->stack_lo = lo;
    c->stack_bytes = bytes;
}

void sim_ctx_init_main(struct sim_ctx *c)
{
    init_common(c, NULL, 0);
}

void sim_ctx_started(struct sim_ctx *self)
{
    asan_finish(self);
}

static void unpoison_stack(struct sim_stack *st)
{
#if defined(SIM_ASAN)
    /* A reused stack may carry poisoned redzones of frames that never returned. */
    ASAN_UNPOISON_MEMORY_REGION(st->lo, st->bytes);
#else
    (void)st;
#endif
}

#if defined(SIM_CTX_UCONTEXT)
/* ---- ucontext backend ---- */

struct uc_start {
    void (*entry)(void *);
    void *arg;
};

static void uc_trampoline(unsigned hi, unsigned lo)
{
    struct uc_start *s = (struct uc_start *)(((uintptr_t)hi << 32) | (uintptr_t)lo);
    s->entry(s->arg);
    assert(!"context entry returned");
}

void sim_ctx_init(struct sim_ctx *c, struct sim_stack *st, void (*entry)(void *arg), void *arg)
{
    assert(c != NULL && st != NULL && entry != NULL);
    unpoison_stack(st);
    init_common(c, st->lo, st->bytes);
    int rc = getcontext(&c->uc);
    assert(rc == 0);
    (void)rc;
    /* The start record lives at the top of the fiber's own stack. */
    struct uc_start *s = (struct uc_start *)((char *)st->lo + st->bytes) - 1;
    s->entry = entry;
    s->arg = arg;
    c->uc.uc_stack.ss_sp = st->lo;
    c->uc.uc_stack.ss_size = st->bytes - 64;
    c->uc.uc_link = NULL;
    uintptr_t p = (uintptr_t)s;
    makecontext(&c->uc, (void (*)(void))uc_trampoline, 2, (unsigned)(p >> 32), (unsigned)p);
}

static inline void raw_swap(struct sim_ctx *from, struct sim_ctx *to)
{
    int rc = swapcontext(&from->uc, &to->uc);
    assert(rc == 0);
    (void)rc;
}

const char *sim_ctx_backend(void)
{
    return "ucontext";
}

#else
/* ---- x86-64 assembly backend ---- */

void sim_ctx_swap_asm(void **save_sp, void *load_sp);
void sim_ctx_entry_asm(void);

#define FRAME_WORDS 8 /* mxcsr|fcw, r15, r14, r13, r12, rbx, rbp, return address */

void sim_ctx_init(struct sim_ctx *c, struct sim_stack *st, void (*entry)(void *arg), void *arg)
{
    assert(c != NULL && st != NULL && entry != NULL);
    assert(st->bytes >= 4096);
    unpoison_stack(st);
    init_common(c, st->lo, st->bytes);
    uintptr_t top = ((uintptr_t)st->lo + st->bytes) & ~(uintptr_t)15;
    uint64_t *f = (uint64_t *)top - FRAME_WORDS;
    /* Default MXCSR (all exceptions masked, round to nearest) and x87 control word. */
    f[0] = 0x1f80ull | (0x037full << 32);
    f[1] = 0;                          /* r15 */
    f[2] = 0;                          /* r14 */
    f[3] = (uint64_t)(uintptr_t)arg;   /* r13 */
    f[4] = (uint64_t)(uintptr_t)entry; /* r12 */
    f[5] = 0;                          /* rbx */
    f[6] = 0;                          /* rbp */
    f[7] = (uint64_t)(uintptr_t)sim_ctx_entry_asm;
    c->sp = f;
}

static inline void raw_swap(struct sim_ctx *from, struct sim_ctx *to)
{
    sim_ctx_swap_asm(&from->sp, to->sp);
}

const char *sim_ctx_backend(void)
{
    return "x86_64-asm";
}
#endif

void sim_ctx_switch(struct sim_ctx *from, struct sim_ctx *to)
{
    assert(from != to);
    to->switched_from = from;
    asan_start(from, to, false);
    raw_swap(from, to);
    asan_finish(from);
}

void sim_ctx_exit_to(struct sim_ctx *from, struct sim_ctx *to)
{
    assert(from != to);
    to->switched_from = from;
    asan_start(from, to, true);
    raw_swap(from, to);
    assert(!"a finished context was resumed");
    __builtin_unreachable();
}
