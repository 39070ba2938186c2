/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fiber_x86_64.S - the x86-64 SysV context switch used by ctx.c.
 *
 * Owns the layout of a switch frame, which is, from the saved stack pointer upwards:
 *   [sp+0]  MXCSR (4 bytes)   [sp+4] x87 control word (2 bytes, 2 bytes padding)
 *   [sp+8]  r15  [sp+16] r14  [sp+24] r13  [sp+32] r12  [sp+40] rbx  [sp+48] rbp
 *   [sp+56] return address
 * These are exactly the registers and control state the SysV ABI makes callee-saved; every
 * other register is caller-saved, so a call to the switch clobbering them is correct.
 * ctx.c builds the same frame for a fresh context, with r12 = entry, r13 = arg and the return
 * address = sim_ctx_entry_asm, and a stack pointer 16-byte aligned after the final ret.
 */
    .text

/* void sim_ctx_swap_asm(void **save_sp, void *load_sp) */
    .globl  sim_ctx_swap_asm
    .hidden sim_ctx_swap_asm
    .type   sim_ctx_swap_asm, @function
    .p2align 4
sim_ctx_swap_asm:
    .cfi_startproc
    pushq   %rbp
    .cfi_adjust_cfa_offset 8
    pushq   %rbx
    .cfi_adjust_cfa_offset 8
    pushq   %r12
    .cfi_adjust_cfa_offset 8
    pushq   %r13
    .cfi_adjust_cfa_offset 8
    pushq   %r14
    .cfi_adjust_cfa_offset 8
    pushq   %r15
    .cfi_adjust_cfa_offset 8
    subq    $8, %rsp
    .cfi_adjust_cfa_offset 8
    stmxcsr (%rsp)
    fnstcw  4(%rsp)
    movq    %rsp, (%rdi)
    movq    %rsi, %rsp
    ldmxcsr (%rsp)
    fldcw   4(%rsp)
    addq    $8, %rsp
    .cfi_adjust_cfa_offset -8
    popq    %r15
    .cfi_adjust_cfa_offset -8
    popq    %r14
    .cfi_adjust_cfa_offset -8
    popq    %r13
    .cfi_adjust_cfa_offset -8
    popq    %r12
    .cfi_adjust_cfa_offset -8
    popq    %rbx
    .cfi_adjust_cfa_offset -8
    popq    %rbp
    .cfi_adjust_cfa_offset -8
    ret
    .cfi_endproc
    .size   sim_ctx_swap_asm, .-sim_ctx_swap_asm

/* First code of a fresh context: call entry(arg) with r12 = entry, r13 = arg. Never returns. */
    .globl  sim_ctx_entry_asm
    .hidden sim_ctx_entry_asm
    .type   sim_ctx_entry_asm, @function
    .p2align 4
sim_ctx_entry_asm:
    .cfi_startproc
    .cfi_undefined rip
    xorl    %ebp, %ebp
    movq    %r13, %rdi
    callq   *%r12
    ud2
    .cfi_endproc
    .size   sim_ctx_entry_asm, .-sim_ctx_entry_asm

    .section .note.GNU-stack,"",@progbits
