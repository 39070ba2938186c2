/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ctx.h - execution contexts (the machinery under fibers): stacks and context switches.
 *
 * Owns: fiber stacks (mmap'd, with a PROT_NONE guard page below the lowest usable byte so an
 * overflow faults instead of corrupting a neighbour) and the switch itself. Two backends,
 * chosen at CMake time: hand-written x86-64 assembly (fiber_x86_64.S; saves rbx rbp r12-r15
 * rsp plus MXCSR and the x87 control word, the callee-saved state of the SysV ABI) or
 * ucontext (portable fallback, much slower: it saves the signal mask with a syscall).
 *
 * Under AddressSanitizer every switch is announced with __sanitizer_start_switch_fiber /
 * __sanitizer_finish_switch_fiber, and a reused stack is unpoisoned.
 *
 * Single-threaded by design (DESIGN.md); contexts must not migrate between OS threads.
 */
#ifndef SIM_CTX_H
#define SIM_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(SIM_CTX_UCONTEXT)
#include <ucontext.h>
#endif

#define SIM_STACK_DEFAULT_BYTES (256u * 1024u)

/* A stack mapping: [base, base + map_bytes) with the guard page at base. */
struct sim_stack {
    void *base;       /* mapping start (guard page) */
    size_t map_bytes; /* whole mapping, guard included */
    void *lo;         /* lowest usable byte (base + page) */
    size_t bytes;     /* usable bytes */
};

/* Saved state of a context that is not running. */
struct sim_ctx {
#if defined(SIM_CTX_UCONTEXT)
    ucontext_t uc;
#else
    void *sp; /* saved stack pointer; the switch frame lies at sp */
#endif
    const void *stack_lo; /* for ASan; NULL for the thread's own stack until learnt */
    size_t stack_bytes;
    void *asan_fake;              /* ASan fake stack handle while switched out */
    struct sim_ctx *switched_from; /* set by whoever switches to this context */
};

/* Map a stack of `bytes` usable bytes (rounded up to pages) plus one guard page.
 * Returns 0, or -errno if mmap fails. */
int sim_stack_alloc(struct sim_stack *st, size_t bytes);
void sim_stack_free(struct sim_stack *st);

/* A context for the thread's own (main) stack; it becomes valid when first switched from. */
void sim_ctx_init_main(struct sim_ctx *c);
/*
 * Prepare c to run entry(arg) on stack st when first switched to. entry must never return;
 * it must end by sim_ctx_exit_to(). It must call sim_ctx_started(c) first.
 */
void sim_ctx_init(struct sim_ctx *c, struct sim_stack *st, void (*entry)(void *arg), void *arg);
/* First thing a fresh context's entry does (completes the ASan handshake). */
void sim_ctx_started(struct sim_ctx *self);
/* Save the running context into `from` and resume `to`. Returns when someone switches back. */
void sim_ctx_switch(struct sim_ctx *from, struct sim_ctx *to);
/* Like sim_ctx_switch() but `from` is finished forever (its stack may then be reused). */
void sim_ctx_exit_to(struct sim_ctx *from, struct sim_ctx *to) __attribute__((noreturn));

/* Name of the compiled backend: "x86_64-asm" or "ucontext". */
const char *sim_ctx_backend(void);

#endif /* SIM_CTX_H */
