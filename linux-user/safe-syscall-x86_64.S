/*
 * safe_syscall_base: a host syscall that a guest signal cannot slip past.
 *
 *   long safe_syscall_base(volatile int *pending, long nr,
 *                          long a1, long a2, long a3, long a4, long a5, long a6)
 *
 * Returns the raw kernel result (-errno on failure).  The flag is tested
 * immediately before the syscall instruction; a host signal handler that
 * finds the interrupted pc in [safe_syscall_start, safe_syscall_end) moves
 * it to safe_syscall_interrupted, so a signal that arrives after the test
 * but before the kernel starts to block does not leave the call sleeping
 * with a signal pending.  In both cases the call was never made: the
 * result is -TARGET_ERESTARTNOINTR (513), "run it again once the signal is
 * delivered", whatever the call and the handler's SA_RESTART, as if the
 * signal had come just before the guest's SVC.  (The host kernel rewinding
 * a call it restarts itself, ERESTARTNOINTR, also lands in the range and
 * means the same.)  A signal that interrupts the call once it blocks
 * makes the host return -EINTR (mimic's host handlers have no SA_RESTART):
 * the caller classes that one as Linux would (user.h, SYSF_RESTART*).
 */
        .text
        .globl  safe_syscall_base
        .globl  safe_syscall_start
        .globl  safe_syscall_end
        .globl  safe_syscall_interrupted
        .type   safe_syscall_base, @function
safe_syscall_base:
        .cfi_startproc
        push    %rbx
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset rbx, 0
        mov     %rdi, %rbx              /* the pending flag */
        mov     %rsi, %rax              /* syscall number */
        mov     %rdx, %rdi
        mov     %rcx, %rsi
        mov     %r8, %rdx
        mov     %r9, %r10
        mov     16(%rsp), %r8
        mov     24(%rsp), %r9
safe_syscall_start:
        cmpl    $0, (%rbx)
        jnz     safe_syscall_interrupted
        syscall
safe_syscall_end:
        pop     %rbx
        .cfi_adjust_cfa_offset -8
        .cfi_restore rbx
        ret
        .cfi_adjust_cfa_offset 8
        .cfi_rel_offset rbx, 0
safe_syscall_interrupted:
        mov     $-513, %rax             /* -TARGET_ERESTARTNOINTR */
        pop     %rbx
        .cfi_adjust_cfa_offset -8
        .cfi_restore rbx
        ret
        .cfi_endproc
        .size   safe_syscall_base, .-safe_syscall_base

        .section .note.GNU-stack, "", @progbits
