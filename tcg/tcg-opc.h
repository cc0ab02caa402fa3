/*
 * The micro-op table: every op of the IR, declared once.
 *
 * The builder (tcg-op.c), the optimizer (optimize.c), the dumper (tcg.c) and
 * the interpreter (interp.c) are all generated from or checked against this
 * list, so a new op is added here first and the compiler then points at each
 * place that does not yet handle it.
 *
 *   DEF(name, outputs, inputs, constants, flags, kind)
 *
 * Arguments of an op are stored in that order: output temps, input temps,
 * then constant arguments (conditions, labels, offsets, memops, helpers).
 * Typed ops come in pairs, _i32 and _i64, stamped out by DEF_T; an op of
 * one width only is DEF_32 or DEF_64, so that a user of the table that
 * generates C per width (the builders of tcg-op.h) knows the width as a
 * token.  DEF is left for ops of no width or of two (conversions).
 *
 * kind is the op's shape, written here and nowhere else (TCGOpKind in
 * tcg.h): the builders, the interpreter, the optimizer's folding and the
 * stencil generator select ops by it, never by lists of names.
 */

#ifndef DEF_T
#define DEF_T(name, o, i, c, f, k) \
    DEF(name##_i32, o, i, c, (f), k) \
    DEF(name##_i64, o, i, c, (f) | TCG_OPF_64BIT, k)
#endif
#ifndef DEF_32
#define DEF_32(name, o, i, c, f, k) DEF(name##_i32, o, i, c, (f), k)
#endif
#ifndef DEF_64
#define DEF_64(name, o, i, c, f, k) DEF(name##_i64, o, i, c, (f) | TCG_OPF_64BIT, k)
#endif

/* Control within and out of a block. */
DEF(set_label, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS, OTHER)
DEF(br, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS, OTHER)
/* To the label unless the CPU's exit_request is set (a region's back edge). */
DEF(br_exit_clear, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS, OTHER)
DEF(insn_start, 0, 0, 1, TCG_OPF_SIDE_EFFECTS, OTHER)   /* guest pc */
DEF(exit_tb, 0, 0, 1, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS | TCG_OPF_NORETURN, OTHER)
DEF(goto_tb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS, OTHER)      /* chain slot 0..2 */
/* To the block of the pc global; with the constant 1, the pc is a return
 * address, which the return stack may predict (push_return). */
DEF(lookup_and_goto_ptr, 0, 0, 1,
    TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS | TCG_OPF_NORETURN, OTHER)
/* A call: a return to guest pc (constant 0) may go on at the label
 * (constant 1), the block's return landing (goto_tb 2 to pc).  Only a
 * hint for the backend's return stack; no effect on the guest. */
DEF(push_return, 0, 0, 2, TCG_OPF_SIDE_EFFECTS, OTHER)
DEF(mb, 0, 0, 1, TCG_OPF_SIDE_EFFECTS, OTHER)           /* TCG_MO_* | TCG_BAR_* */
DEF(call, 0, 0, 0, TCG_OPF_SIDE_EFFECTS | TCG_OPF_CALL, OTHER) /* variable: see TCGOp */
DEF(discard, 1, 0, 0, 0, OTHER)                         /* value is dead */

/* Moves, comparisons and selection. */
DEF_T(mov, 1, 1, 0, 0, UNARY)
DEF_T(setcond, 1, 2, 1, 0, COMPARE)                     /* cond */
DEF_T(movcond, 1, 4, 1, 0, SELECT)                      /* c1 c2 v1 v2, cond */
DEF_T(brcond, 0, 2, 2, TCG_OPF_BB_END | TCG_OPF_SIDE_EFFECTS, BRANCH) /* cond, label */

/* Host loads and stores relative to a pointer temp (the CPU state). */
DEF_T(ld8u, 1, 1, 1, 0, HOST_LOAD)
DEF_T(ld8s, 1, 1, 1, 0, HOST_LOAD)
DEF_T(ld16u, 1, 1, 1, 0, HOST_LOAD)
DEF_T(ld16s, 1, 1, 1, 0, HOST_LOAD)
DEF_32(ld, 1, 1, 1, 0, HOST_LOAD)
DEF_64(ld32u, 1, 1, 1, 0, HOST_LOAD)
DEF_64(ld32s, 1, 1, 1, 0, HOST_LOAD)
DEF_64(ld, 1, 1, 1, 0, HOST_LOAD)
DEF_T(st8, 0, 2, 1, TCG_OPF_SIDE_EFFECTS, HOST_STORE)
DEF_T(st16, 0, 2, 1, TCG_OPF_SIDE_EFFECTS, HOST_STORE)
DEF_32(st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS, HOST_STORE)
DEF_64(st32, 0, 2, 1, TCG_OPF_SIDE_EFFECTS, HOST_STORE)
DEF_64(st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS, HOST_STORE)

/* Arithmetic.  Division by zero gives 0 and MIN / -1 gives MIN: the op is
 * total so that no backend can trap; guest rules stay in the front end. */
DEF_T(add, 1, 2, 0, 0, BINARY)
DEF_T(sub, 1, 2, 0, 0, BINARY)
DEF_T(mul, 1, 2, 0, 0, BINARY)
DEF_T(muluh, 1, 2, 0, 0, BINARY)                        /* high half, unsigned */
DEF_T(mulsh, 1, 2, 0, 0, BINARY)                        /* high half, signed */
DEF_T(div, 1, 2, 0, 0, BINARY)
DEF_T(divu, 1, 2, 0, 0, BINARY)
DEF_T(rem, 1, 2, 0, 0, BINARY)
DEF_T(remu, 1, 2, 0, 0, BINARY)
DEF_T(neg, 1, 1, 0, 0, UNARY)

/* Logic. */
DEF_T(and, 1, 2, 0, 0, BINARY)
DEF_T(or, 1, 2, 0, 0, BINARY)
DEF_T(xor, 1, 2, 0, 0, BINARY)
DEF_T(andc, 1, 2, 0, 0, BINARY)                         /* a & ~b */
DEF_T(orc, 1, 2, 0, 0, BINARY)                          /* a | ~b */
DEF_T(eqv, 1, 2, 0, 0, BINARY)                          /* ~(a ^ b) */
DEF_T(nand, 1, 2, 0, 0, BINARY)
DEF_T(nor, 1, 2, 0, 0, BINARY)
DEF_T(not, 1, 1, 0, 0, UNARY)

/* Shifts: the count is taken modulo the width. */
DEF_T(shl, 1, 2, 0, TCG_OPF_SHIFT, BINARY)
DEF_T(shr, 1, 2, 0, TCG_OPF_SHIFT, BINARY)
DEF_T(sar, 1, 2, 0, TCG_OPF_SHIFT, BINARY)
DEF_T(rotl, 1, 2, 0, TCG_OPF_SHIFT, BINARY)
DEF_T(rotr, 1, 2, 0, TCG_OPF_SHIFT, BINARY)

/* Extensions within a type, byte swaps and bit counts. */
DEF_T(ext8s, 1, 1, 0, 0, UNARY)
DEF_T(ext8u, 1, 1, 0, 0, UNARY)
DEF_T(ext16s, 1, 1, 0, 0, UNARY)
DEF_T(ext16u, 1, 1, 0, 0, UNARY)
DEF_64(ext32s, 1, 1, 0, 0, UNARY)
DEF_64(ext32u, 1, 1, 0, 0, UNARY)
DEF_T(bswap16, 1, 1, 0, 0, UNARY)                       /* zero-extends */
DEF_T(bswap32, 1, 1, 0, 0, UNARY)                       /* zero-extends */
DEF_64(bswap64, 1, 1, 0, 0, UNARY)
DEF_T(clz, 1, 1, 0, 0, UNARY)                           /* clz(0) = width */
DEF_T(ctz, 1, 1, 0, 0, UNARY)                           /* ctz(0) = width */
DEF_T(ctpop, 1, 1, 0, 0, UNARY)

/* Bit fields: pos, len constants, 0 < len, pos + len <= width. */
DEF_T(extract, 1, 1, 2, 0, OTHER)
DEF_T(sextract, 1, 1, 2, 0, OTHER)
DEF_T(deposit, 1, 2, 2, 0, OTHER)                       /* into a, bits of b */
DEF_T(extract2, 1, 2, 1, 0, OTHER)                      /* (hi:lo) >> pos, 0 <= pos < width: lo hi, pos */

/* Conversions between the two types. */
DEF(ext_i32_i64, 1, 1, 0, TCG_OPF_64BIT, OTHER)         /* sign-extend */
DEF(extu_i32_i64, 1, 1, 0, TCG_OPF_64BIT, OTHER)        /* zero-extend */
DEF(extrl_i64_i32, 1, 1, 0, 0, OTHER)                   /* low half */
DEF(extrh_i64_i32, 1, 1, 0, 0, OTHER)                   /* high half */

/* IEEE floating point on bit patterns (an f32 in the low 32 bits), where
 * the host computes exactly what the guest would: the result normal and
 * above the smallest normal (then NaN, infinity and tininess rules cannot
 * have mattered, an operand that is NaN, infinite or a zero that counts
 * giving another result, and inexact is the only exception), and the
 * guest's mode word agrees ((word & mask) == val: rounding to nearest,
 * denormal operands not flushed to zero, the inexact flag already set);
 * for TCG_FP_CMP, MAX and MIN, operands normal or zero (a max or min is
 * one of them, exact), in any mode.  Anything else is the guest's
 * fallback helper's, called as f(env, a, b).  Constants: kind (TCG_FP_*),
 * fallback (TCGHelperInfo *), env offset of the 64-bit mode word, mask,
 * val.  tcg_eval_fbinop_host (tcg-eval.h) is the host's part. */
DEF(fbinop_i64, 1, 2, 5, TCG_OPF_64BIT | TCG_OPF_SIDE_EFFECTS, OTHER)
/* The same for one operand (TCG_FU_*: conversions, square root, rounding
 * and Arm's estimates, tcg_eval_funop_host), the fallback called as
 * f(env, a, arg).
 * Constants: kind, fallback, arg, mode word offset, mask, val, and
 * TCG_FU_FIXED's fraction bits (else 0). */
DEF(funop_i64, 1, 1, 7, TCG_OPF_64BIT | TCG_OPF_SIDE_EFFECTS, OTHER)
/* The same on the 16 bytes of CPU state at offsets n and m, into those at
 * d: two f64 or four f32 lanes (kind), all on the host when every lane is
 * exact there (tcg_eval_fbinop_vec_host), else each lane, in order, by
 * the fallback.  Constants: kind, fallback, d, n, m, mode word offset,
 * mask, val. */
DEF(fbinop_vec, 0, 0, 8, TCG_OPF_SIDE_EFFECTS, OTHER)
/* funop_i64's integer conversions, FRINT and the estimates RECPE and
 * RSQRTE (with TCG_FU_FIXED, of 32-bit integer lanes) on every lane of
 * the 8 or 16 bytes (TCG_FU_Q) of CPU state at n, into those at d (the
 * integer lanes the
 * FP ones' size, tcg_fu_vec_valid): on the host when every lane is
 * exact there (tcg_eval_funop_vec_host), else each lane, in order, by
 * the fallback as f(env, lane, arg).  Constants: kind, fallback, arg, d,
 * n, mode word offset, mask, val, fraction bits (as funop_i64's). */
DEF(funop_vec, 0, 0, 9, TCG_OPF_SIDE_EFFECTS, OTHER)
/* Integer lanes of the 16 bytes of CPU state at d = n OP m (MLA, ABA,
 * BSL and the like read d too, the compares with zero, ABS, NEG and NOT
 * ignore m; the shifts take a count, imm), by kind (TCG_VOP_KIND, tcg.h):
 * what tcg_eval_vop_vec computes.  Constants: kind, d, n, m, imm, and
 * the saturating ops' flag: the offset of a 32-bit word and the bit they
 * set there. */
DEF(vop_vec, 0, 0, 7, TCG_OPF_SIDE_EFFECTS, OTHER)
/* A fused multiply-add on CPU state: d = (+-n * m) +- a with one
 * rounding, on lane 0 or a 64- or 128-bit vector (kind, TCG_FMA_*),
 * lanes beyond it in d zeroed: on the host where every lane is exact
 * there as for fbinop_vec, with all three operands normal
 * (tcg_eval_fmuladd_host), else the fallback, called as
 * f(env, desc, regs), does the whole operation.  Only where the host has
 * FMA (tcg_host_isa_extended).  Constants: kind, fallback, desc, regs,
 * d, n, m, a, mode word offset, mask, val. */
DEF(fmuladd_vec, 0, 0, 11, TCG_OPF_SIDE_EFFECTS, OTHER)

/* Guest memory: the address is always an i64 guest virtual address. */
DEF_T(qemu_ld, 1, 1, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_MAY_FAULT, GUEST_LOAD) /* memop */
DEF_T(qemu_st, 0, 2, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_MAY_FAULT, GUEST_STORE) /* memop */
DEF_T(atomic_cmpxchg, 1, 3, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_MAY_FAULT, ATOMIC)
                                /* old = cmpxchg(addr, cmp, new), memop */
DEF_T(atomic_rmw, 1, 2, 2, TCG_OPF_SIDE_EFFECTS | TCG_OPF_MAY_FAULT, ATOMIC)
                                /* old = fetch-op(addr, val), memop, TCG_AOP_* */
DEF(atomic_cmpxchg128, 2, 5, 1, TCG_OPF_SIDE_EFFECTS | TCG_OPF_MAY_FAULT |
    TCG_OPF_64BIT, ATOMIC)              /* lo hi = (addr, cmplo, cmphi, newlo, newhi) */

#undef DEF_T
#undef DEF_32
#undef DEF_64
