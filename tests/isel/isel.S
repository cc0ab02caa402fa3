/*
 * Instruction selection: guest instructions with the most host
 * instructions each may take under the JIT (`// isel: N`), checked by
 * check-isel.py from -d in_asm,out_asm.  Counted: host instructions that
 * compute, i.e. not the register cache's loads and write-backs of the CPU
 * state ([rbx + ...]: rbx is env).  Each result goes to its own register, so that
 * none is dead.  One block, registers loaded first so that each
 * instruction reads them from host registers.  Instructions without a
 * limit are not checked.  The list grows with every
 * form fixed (issue 8, "Speed I").
 */
    .globl _start
_start:
    ldr x1, [sp]                // values unknown at translation:
    ldr x2, [sp, #8]            // argc and argv[0]
    lsl x3, x1, #2              // isel: 2
    lsr x4, x2, #5              // isel: 2
    asr x5, x1, #9              // isel: 2
    ror x6, x2, #13             // isel: 2
    lsl w7, w1, #3              // isel: 2
    lsr w9, w2, #3              // isel: 2
    asr w10, w1, #7             // isel: 2
    ror w11, w2, #11            // isel: 2
    ubfx x12, x1, #5, #9        // isel: 2/3
    sbfx x13, x2, #3, #11       // isel: 2/3
    ubfx w14, w1, #4, #6        // isel: 2/3
    sbfx w15, w2, #2, #13       // isel: 2/3
    ubfiz x16, x1, #4, #12      // isel: 3
    sbfiz x17, x2, #8, #12      // isel: 3
    uxtb w18, w1                // isel: 2
    uxth w19, w2                // isel: 2
    sxtb x20, w1                // isel: 2
    sxth x21, w2                // isel: 2
    sxtw x22, w1                // isel: 2
    extr x23, x1, x2, #13       // isel: 2
    add x24, x1, x2, lsl #3     // isel: 1
    eor w25, w1, w2, ror #6     // isel: 4
    add x28, x2, x1, lsl #1     // isel: 1
    add x29, x1, x1, lsl #2     // isel: 1
    cmp x1, x2                  // a compare, then a branch or select
    csel x26, x1, x2, lt        // isel: 2
    cset x0, hi                 // isel: 3 (xor, cmp, setcc)
    cset w8, ge                 // isel: 3
    cmp x1, x2                  // on its operands: cmp + jcc or cmov
    b.lt 1f                     // isel: 2
1:
    ubfx x30, x1, #8, #8        // isel: 2 (a field ending at bit 8, 16 or
    sbfx x26, x2, #4, #12       // isel: 2  32: an extension copies it)
    ubfx x27, x1, #16, #16      // isel: 2
    ubfx w28, w2, #8, #8        // isel: 2
    sbfx w29, w1, #3, #5        // isel: 2
    sbfx x24, x2, #8, #24       // isel: 2
    cmp x1, x2
    b.eq 1f                     // isel: 2
1:
    cmp x1, #17
    b.ne 1f                     // isel: 2
1:
    cmp x1, x2
    b.hs 1f                     // isel: 2
1:
    cmp x1, x2
    b.lo 1f                     // isel: 2
1:
    cmp x1, x2
    b.hi 1f                     // isel: 2
1:
    cmp x1, x2
    b.ls 1f                     // isel: 2
1:
    cmp x1, x2
    b.ge 1f                     // isel: 2
1:
    cmp x1, x2
    b.gt 1f                     // isel: 2
1:
    cmp x1, x2
    b.le 1f                     // isel: 2
1:
    cmp x1, x2
    b.mi 1f                     // isel: 2
1:
    cmp x1, x2
    b.pl 1f                     // isel: 2
1:
    cmn x1, x2
    b.eq 1f                     // isel: 2
1:
    cmn x1, #5                  // as cmp x1, #-5 (movabs of -5)
    b.lt 1f                     // isel: 3
1:
    cmn x1, x2
    b.hs 1f                     // isel: 2
1:
    tst x1, x2
    b.eq 1f                     // isel: 2
1:
    tst x1, #8
    b.ne 1f                     // isel: 2
1:
    ands x27, x1, x2
    b.gt 1f                     // isel: 2
1:
    cmp w1, w2
    b.eq 1f                     // isel: 2
1:
    cmp w1, w2
    b.lo 1f                     // isel: 2
1:
    cmp w1, w2                  // signed at 32 bits: cmp r32
    b.lt 1f                     // isel: 2
1:
    tst w1, w2
    b.mi 1f                     // isel: 2
1:
    mov x0, #0
    mov x8, #93
    svc #0
