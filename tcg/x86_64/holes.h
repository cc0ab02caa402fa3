/*
 * The holes of the x86-64 stencils: every external symbol a stencil may
 * reference, listed once.  The generator declares them, the extractor
 * accepts only these (anything else fails the build) and records each use
 * by index, and the JIT fills them in.  Symbols are named _JIT_<name>.
 *
 *   HOLE(name, how)     how: JUMP  (rel32 branch/call target),
 *                            LEAVE (rel32 call target that leaves generated
 *                                   code: the callee pops its return
 *                                   address and returns to jit_enter),
 *                            VALUE (absolute value: offsets, immediates)
 */
HOLE(CONT, JUMP)        /* the next stencil; the final jmp to it is stripped */
HOLE(TARGET, JUMP)      /* branch target: a label, or the chain of goto_tb */
HOLE(RETURN, JUMP)      /* leaves generated code: jit_return_entry(value) */
HOLE(RETURN_COLD, JUMP) /* the same from a path GCC is to place cold */
HOLE(HELPER, JUMP)      /* the helper of a call op */
HOLE(RT_ld, JUMP)       /* run-time support in tcg/x86_64/jit.c */
HOLE(RT_st, JUMP)
HOLE(RT_cmpxchg, JUMP)
HOLE(RT_rmw, JUMP)
HOLE(RT_cmpxchg128, JUMP)
HOLE(RT_lookup, JUMP)
HOLE(RT_goto_exit, LEAVE) /* an unlinked direct exit */
HOLE(FPSLOW, JUMP)      /* fbinop's fallback (cold): jit_fpslow_entry */
HOLE(O0, VALUE)         /* CPU-state offset of operand n (output first) */
HOLE(O1, VALUE)
HOLE(O2, VALUE)
HOLE(O3, VALUE)
HOLE(O4, VALUE)
HOLE(O5, VALUE)
HOLE(O6, VALUE)
HOLE(K0, VALUE)         /* 64-bit constant value of operand n */
HOLE(K1, VALUE)
HOLE(K2, VALUE)
HOLE(K3, VALUE)
HOLE(K4, VALUE)
HOLE(K5, VALUE)
HOLE(K6, VALUE)
HOLE(C0, VALUE)         /* constant argument n of the op (memop, pos, ...) */
HOLE(C1, VALUE)
HOLE(C2, VALUE)
HOLE(GB, VALUE)         /* guest_base: a displacement below 2 GiB (user mode) */
HOLE(EST, VALUE)        /* the address of tcg_fp_estimates (tcg.h), 64-bit */
/* Not symbols: relocations against the stencil's own sections.  COLD: from
 * the inline part into the cold part (placed after the block); HOT: from
 * the cold part back into the inline part. */
HOLE(COLD, JUMP)
HOLE(HOT, JUMP)
/* Not a relocation: a cache register's number, found by comparing the
 * stencil compiled under two bindings (extract-stencils.c).  Its field is
 * the 3 bits at bit (reloc) of the byte at offset, the register that of
 * slot (addend): Patch.reg. */
HOLE(REG, VALUE)
