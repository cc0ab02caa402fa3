/*
 * Guest instructions whose lowering GCC compiles to BMI1/BMI2/LZCNT
 * instructions in the jit's second stencil set (bic: andn, clz: lzcnt,
 * lslv/lsrv/asrv: shlx/shrx/sarx), checked by check-host-isa.py under
 * -accel tcg,host-isa=baseline (none may appear) and auto.
 */
    .globl _start
_start:
    ldr x1, [sp]
    ldr x2, [sp, #8]
    bic x3, x1, x2
    clz x4, x2
    clz w5, w1
    lsl x6, x2, x1
    lsr x7, x2, x1
    asr x9, x2, x1
    cnt v0.8b, v0.8b
    mov x0, #0
    mov x8, #93
    svc #0
