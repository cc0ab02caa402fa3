/*
 * NZCV's lazy form (target-arm/a64-flags.c), checked on the micro-ops by
 * check-flags.py from -d op_opt: each block starts at a label named for
 * what its ops must show.  The exit status sums the results (the checker
 * compares it with qemu-aarch64's).
 */
    .globl _start
_start:
    ldr x1, [sp]                // values unknown at translation: argc
    adr x9, value               // and a word of data
    ldr x2, [x9]
    b lazy_only
    /* Two setters and a branch on the second, to a successor that does
     * not read the flags: no write to NF..VF, and the lazy form (cc_op,
     * cc_a, cc_b) once, the second setter's. */
lazy_only:
    adds x3, x1, x2
    adds x4, x3, x1
    b.ne computed_at_exit
    nop
    /* A compare and a branch whose fall-through reads C: the flags are
     * computed before the branch (the successor then finds them). */
computed_at_exit:
    cmp x1, x2
    b.eq reads_at_start
    csinc w5, w1, wzr, cc
    b reads_at_start
    /* A block that starts with a reader: it computes the flags from the
     * lazy form when cc_op says they are lazy (a call, past a test). */
reads_at_start:
    csel x6, x1, x2, vs
    b done
done:
    add x0, x3, x4
    add x0, x0, x5
    add x0, x0, x6
    mov x8, #93                 // exit (the status is the same as qemu's)
    svc #0
    .p2align 3
value:
    .quad 0x8000000000000003
