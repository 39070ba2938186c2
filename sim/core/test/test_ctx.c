/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * test_ctx.c - context switches: callee-saved registers and FP control state survive a
 * switch and do not leak between contexts; the guard page turns a stack overflow into a
 * crash.
 */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "sim/ctx.h"

#if defined(__x86_64__)
/*
 * regcheck(from, to): load patterns into rbx rbp r12-r15, call sim_ctx_switch(from, to),
 * return the number of registers that no longer hold their pattern.
 * scribble(from, to): set those registers to garbage, then sim_ctx_switch(from, to).
 * Both save and restore the callee-saved registers themselves.
 */
uint64_t regcheck(struct sim_ctx *from, struct sim_ctx *to);
void scribble(struct sim_ctx *from, struct sim_ctx *to);
__asm__(".text\n"
        ".globl regcheck\n.type regcheck,@function\n"
        "regcheck:\n"
        "  push %rbp\n  push %rbx\n  push %r12\n  push %r13\n  push %r14\n  push %r15\n"
        "  sub $8, %rsp\n"
        "  movabs $0x1111111111111111, %rbx\n  movabs $0x2222222222222222, %rbp\n"
        "  movabs $0x3333333333333333, %r12\n  movabs $0x4444444444444444, %r13\n"
        "  movabs $0x5555555555555555, %r14\n  movabs $0x6666666666666666, %r15\n"
        "  call sim_ctx_switch\n"
        "  xor %eax, %eax\n"
        "  movabs $0x1111111111111111, %rcx\n  cmp %rcx, %rbx\n  setne %dl\n"
        "  movzbl %dl, %edx\n  add %rdx, %rax\n"
        "  movabs $0x2222222222222222, %rcx\n  cmp %rcx, %rbp\n  setne %dl\n"
        "  movzbl %dl, %edx\n  add %rdx, %rax\n"
        "  movabs $0x3333333333333333, %rcx\n  cmp %rcx, %r12\n  setne %dl\n"
        "  movzbl %dl, %edx\n  add %rdx, %rax\n"
        "  movabs $0x4444444444444444, %rcx\n  cmp %rcx, %r13\n  setne %dl\n"
        "  movzbl %dl, %edx\n  add %rdx, %rax\n"
        "  movabs $0x5555555555555555, %rcx\n  cmp %rcx, %r14\n  setne %dl\n"
        "  movzbl %dl, %edx\n  add %rdx, %rax\n"
        "  movabs $0x6666666666666666, %rcx\n  cmp %rcx, %r15\n  setne %dl\n"
        "  movzbl %dl, %edx\n  add %rdx, %rax\n"
        "  add $8, %rsp\n"
        "  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n  pop %rbx\n  pop %rbp\n"
        "  ret\n"
        ".size regcheck, .-regcheck\n"
        ".globl scribble\n.type scribble,@function\n"
        "scribble:\n"
        "  push %rbp\n  push %rbx\n  push %r12\n  push %r13\n  push %r14\n  push %r15\n"
        "  sub $8, %rsp\n"
        "  mov $-1, %rbx\n  mov $-2, %rbp\n  mov $-3, %r12\n  mov $-4, %r13\n"
        "  mov $-5, %r14\n  mov $-6, %r15\n"
        "  call sim_ctx_switch\n"
        "  add $8, %rsp\n"
        "  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n  pop %rbx\n  pop %rbp\n"
        "  ret\n"
        ".size scribble, .-scribble\n");

static uint32_t get_mxcsr(void)
{
    uint32_t v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static void set_mxcsr(uint32_t v)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(v));
}

static uint16_t get_fcw(void)
{
    uint16_t v;
    __asm__ volatile("fnstcw %0" : "=m"(v));
    return v;
}

static void set_fcw(uint16_t v)
{
    __asm__ volatile("fldcw %0" : : "m"(v));
}
#endif

struct pair {
    struct sim_ctx main;
    struct sim_ctx fib;
    int rounds;
    uint32_t fib_mxcsr_seen[2];
    uint16_t fib_fcw_seen[2];
    int done;
};

#if defined(__x86_64__)
static void scribbler_entry(void *arg)
{
    struct pair *p = arg;
    sim_ctx_started(&p->fib);
    for (;;)
        scribble(&p->fib, &p->main);
}

static void test_callee_saved_preserved(void **state)
{
    (void)state;
    struct sim_stack st;
    assert_int_equal(sim_stack_alloc(&st, 64 * 1024), 0);
    struct pair p = { 0 };
    sim_ctx_init_main(&p.main);
    sim_ctx_init(&p.fib, &st, scribbler_entry, &p);
    for (int i = 0; i < 3; i++)
        assert_int_equal(regcheck(&p.main, &p.fib), 0);
    sim_stack_free(&st);
}

/* A fiber sets round-toward-zero in MXCSR and truncate in the x87 control word. */
static void fp_entry(void *arg)
{
    struct pair *p = arg;
    sim_ctx_started(&p->fib);
    p->fib_mxcsr_seen[0] = get_mxcsr();
    p->fib_fcw_seen[0] = get_fcw();
    set_mxcsr(0x7f80);
    set_fcw(0x0f7f);
    sim_ctx_switch(&p->fib, &p->main);
    p->fib_mxcsr_seen[1] = get_mxcsr();
    p->fib_fcw_seen[1] = get_fcw();
    p->done = 1;
    sim_ctx_exit_to(&p->fib, &p->main);
}

static void test_fp_state_isolated(void **state)
{
    (void)state;
    struct sim_stack st;
    assert_int_equal(sim_stack_alloc(&st, 64 * 1024), 0);
    const uint32_t mx0 = get_mxcsr();
    const uint16_t cw0 = get_fcw();
    set_mxcsr(0x3f80); /* main: round down */
    struct pair p = { 0 };
    sim_ctx_init_main(&p.main);
    sim_ctx_init(&p.fib, &st, fp_entry, &p);
    sim_ctx_switch(&p.main, &p.fib);
    /* the fiber's settings did not leak into main */
    assert_int_equal(get_mxcsr() & 0xffc0, 0x3f80);
    assert_int_equal(get_fcw(), cw0);
    set_fcw(0x027f); /* main: 53-bit precision; must not leak into the fiber */
    sim_ctx_switch(&p.main, &p.fib);
    assert_int_equal(p.done, 1);
#if !defined(SIM_CTX_UCONTEXT)
    /* a fresh asm context starts from the ABI defaults, not from its creator's state */
    assert_int_equal(p.fib_mxcsr_seen[0] & 0xffc0, 0x1f80);
    assert_int_equal(p.fib_fcw_seen[0], 0x037f);
#endif
    /* and keeps its own across switches */
    assert_int_equal(p.fib_mxcsr_seen[1] & 0xffc0, 0x7f80);
    assert_int_equal(p.fib_fcw_seen[1], 0x0f7f);
    assert_int_equal(get_mxcsr() & 0xffc0, 0x3f80);
    assert_int_equal(get_fcw(), 0x027f);
    set_mxcsr(mx0);
    set_fcw(cw0);
    sim_stack_free(&st);
}
#endif

static int depth_sink;

static int recurse(int n)
{
    volatile char pad[512];
    pad[0] = (char)n;
    return n <= 0 ? pad[0] : recurse(n - 1) + pad[0] + depth_sink;
}

static void overflow_entry(void *arg)
{
    struct pair *p = arg;
    sim_ctx_started(&p->fib);
    depth_sink = recurse(1 << 20);
    sim_ctx_exit_to(&p->fib, &p->main);
}

static void test_guard_page_catches_overflow(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(2); /* keep a sanitizer's report out of the test log */
        struct sim_stack st;
        if (sim_stack_alloc(&st, 16 * 1024) != 0)
            _exit(3);
        struct pair p = { 0 };
        sim_ctx_init_main(&p.main);
        sim_ctx_init(&p.fib, &st, overflow_entry, &p);
        sim_ctx_switch(&p.main, &p.fib);
        _exit(0); /* not reached: the overflow must crash */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_false(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_false(WIFEXITED(status) && WEXITSTATUS(status) == 3);
}

static void ping_entry(void *arg)
{
    struct pair *p = arg;
    sim_ctx_started(&p->fib);
    for (;;) {
        p->rounds++;
        sim_ctx_switch(&p->fib, &p->main);
    }
}

static void test_ping_pong_and_reuse(void **state)
{
    (void)state;
    struct sim_stack st;
    assert_int_equal(sim_stack_alloc(&st, 32 * 1024), 0);
    assert_true(st.bytes >= 32 * 1024);
    assert_true((char *)st.lo > (char *)st.base);
    for (int k = 0; k < 3; k++) { /* re-initialising on the same stack works */
        struct pair p = { 0 };
        sim_ctx_init_main(&p.main);
        sim_ctx_init(&p.fib, &st, ping_entry, &p);
        for (int i = 0; i < 1000; i++)
            sim_ctx_switch(&p.main, &p.fib);
        assert_int_equal(p.rounds, 1000);
    }
    sim_stack_free(&st);
    assert_non_null(sim_ctx_backend());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#if defined(__x86_64__)
        cmocka_unit_test(test_callee_saved_preserved),
        cmocka_unit_test(test_fp_state_isolated),
#endif
        cmocka_unit_test(test_ping_pong_and_reuse),
        cmocka_unit_test(test_guard_page_catches_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
