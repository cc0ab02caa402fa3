/*
 * What every A64 instruction group's translator shares: the disassembly
 * context, the TCG globals for the CPU state, register access that knows
 * about XZR and SP, NZCV computation, condition codes, exceptions and
 * block exits.  Each group (a64-*.c) exports one DecodeGroup of rows.
 */
#ifndef TARGET_ARM_TRANSLATE_A64_H
#define TARGET_ARM_TRANSLATE_A64_H

#include "cpu.h"
#include "decode.h"
#include "tcg/tb.h"
#include "tcg/tcg-op.h"

typedef enum DisasJumpType {
    DISAS_NEXT,        /* fall through to the next instruction */
    DISAS_TOO_MANY,    /* block full: chain to pc_next */
    DISAS_NORETURN,    /* the code already left the block */
    DISAS_JUMP,        /* cpu_pc holds the target: look it up */
    DISAS_RETURN,      /* the same for a return (the return stack) */
    DISAS_EXIT,        /* cpu_pc holds the target: return to the loop */
} DisasJumpType;

typedef struct DisasContext {
    TranslationBlock *tb;
    CPUState *cpu;
    const ARMCPUModel *model;
    uint64_t pc_first;    /* first instruction of the block */
    uint64_t pc_curr;     /* the instruction being translated */
    uint64_t pc_next;     /* the one after it */
    uint32_t insn;
    int el;               /* the exception level the block runs at */
    int mmu_idx;          /* of its data accesses (ARM_MMU_IDX_*) */
    bool align_mem;       /* SCTLR_EL1.A: alignment checked on every access */
    DisasJumpType is_jmp;
    int num_insns;
    TCGLabel *return_landing;   /* a call's (gen_push_return), or NULL */
    /* In a hot region: the region, the labels at its blocks' starts, the
     * block being translated and the exits used (gen_goto_tb). */
    const TBRegion *region;
    TCGLabel **region_labels;
    int region_block;
    int *region_exits;
    /* Software step, active-not-pending (ARM_TBFLAG_PSTATE_SS): the block
     * is one instruction, and where it completes (every exit but an
     * exception at it) PSTATE.SS is cleared and the loop takes the step
     * exception next; step_done once that is emitted (ERET does it
     * before it reloads PSTATE.SS from SPSR). */
    bool ss_step;
    bool step_done;
} DisasContext;

/* The CPU state as TCG globals. */
extern TCGv_i64 cpu_X[32];      /* [31] is SP */
extern TCGv_i64 cpu_pc;
extern TCGv_i64 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
extern TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

/* Groups of rows, one per section of the A64 encoding index. */
extern const DecodeGroup a64_dp_imm_group;
extern const DecodeGroup a64_branch_sys_group;
extern const DecodeGroup a64_ldst_group;
extern const DecodeGroup a64_dp_reg_group;
extern const DecodeGroup a64_fp_group;
extern const DecodeGroup a64_simd_group;
extern const DecodeGroup a64_simd_move_group;
extern const DecodeGroup a64_simd_ldst_group;
extern const DecodeGroup a64_crypto_group;
extern const DecodeGroup a64_unimp_group;

/* All groups in decoding order, for the decoder and the docs generator. */
extern const DecodeGroup *const a64_groups[];
extern const unsigned a64_ngroups;

/* ---- registers ---- */

/* Reads Xn, or zero for register 31 (XZR). */
TCGv_i64 read_x(DisasContext *s, int r);
/* Reads Xn or SP for 31. */
TCGv_i64 read_x_sp(DisasContext *s, int r);
/* Reads Wn zero-extended (sf=0) or Xn (sf=1); 31 is WZR/XZR. */
TCGv_i64 read_reg(DisasContext *s, int r, int sf);
/* Writes Xn (31 = XZR: discarded); with sf=0 the value is zero-extended
 * from 32 bits, as every W-register write does. */
void write_reg(DisasContext *s, int r, int sf, TCGv_i64 v);
/* Writes Xn or SP for 31. */
void write_reg_sp(DisasContext *s, int r, int sf, TCGv_i64 v);
/* t = bits 31:0 of v rotated right by amount, zero-extended (ROR and the
 * ROR-shifted operands of W forms): a 32-bit rotate, not a bit-field op. */
void gen_ror32_i64(TCGv_i64 t, TCGv_i64 v, unsigned amount);
/* t = a bit field of bits 31:0 of v, zero-extended from 32 bits: the field
 * at pos, len moved to the bottom (extract) or the bottom len bits moved to
 * pos (deposit_z), zeros or sign copies above (sign).  At 32 bits, W forms
 * are one 32-bit shift or extension, whose result the host has already
 * zero-extended. */
void gen_bitfield32_i64(TCGv_i64 t, TCGv_i64 v, bool sign, bool to_bottom,
                        unsigned pos, unsigned len);

/* ---- flags and conditions ---- */

/* NZ from a result (sf=0: from its low 32 bits); C and V cleared, as the
 * logical instructions do. */
void gen_logic_flags(int sf, TCGv_i64 result);
/* result = a + b (+ carry-in if with_carry), setting NZCV. */
void gen_add_flags(int sf, TCGv_i64 result, TCGv_i64 a, TCGv_i64 b,
                   bool with_carry);
/* result = a - b (- !C if with_carry), setting NZCV. */
void gen_sub_flags(int sf, TCGv_i64 result, TCGv_i64 a, TCGv_i64 b,
                   bool with_carry);
/* Sets NZCV from a 4-bit immediate (bits N Z C V = 3 2 1 0). */
void gen_set_nzcv_imm(unsigned nzcv);
/* Makes NF..VF hold NZCV (a setter leaves a lazy form: a64-flags.c), for
 * code that reads or partly rewrites them. */
void gen_nzcv_materialise(void);
/* Before code that writes all of NF..VF without reading them. */
void gen_nzcv_overwrite(void);
/* The C flag as 0 or 1 (a temp, or cpu_CF). */
TCGv_i64 gen_read_carry(void);
/* Before a block's direct exits: computes the flags inline where a lazy
 * form would be left to a successor that reads them. */
void gen_flags_for_exits(uint64_t dest0, uint64_t dest1);
void a64_flags_init(void);
void a64_flags_block_start(void);

/* A condition as a TCG comparison: cond holds between a and b.  Right
 * after a compare (CMP, CMN, TST, SUBS, ADDS, ANDS) it compares that
 * instruction's operands, so a B.cond or CSEL is one host cmp + jcc/cmov;
 * otherwise a value derived from the flags against zero. */
typedef struct DisasCompare {
    TCGCond cond;
    TCGv_i64 a, b;
    bool lo32;          /* (gen_brcond_cc only) of a and b's low halves */
} DisasCompare;
void arm_test_cc(DisasCompare *c, int cc);
/* Branches to label if condition cc (Arm encoding) holds. */
void gen_brcond_cc(int cc, TCGLabel *label);

/* ---- control ---- */

/* Ends the block with a jump to a known pc; chains when possible. */
void gen_goto_tb(DisasContext *s, int n, uint64_t dest);
/* Ends the block with a jump to the pc in var (BR, RET, ...). */
void gen_jump_reg(DisasContext *s, TCGv_i64 var);
/* BL, BLR: a return to pc_next may go on at the block's return landing
 * (the backend's return stack). */
void gen_push_return(DisasContext *s);
/* Raises excp at the current instruction (pc = it), or at the next one
 * for SVC-like exceptions that return past the instruction. */
void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome);
void gen_exception_next(DisasContext *s, int excp, uint32_t syndrome);
/* Where a stepped instruction completes (ss_step): PSTATE.SS = 0 and
 * the step exception's ISV and EX, once per block. */
void gen_step_complete(DisasContext *s);
/* Undefined instruction at pc_curr: SIGILL. */
void unallocated_encoding(DisasContext *s);

/* ---- memory ---- */

/* The default memory operation flags for a data access: little-endian, at
 * the block's MMU index, aligned when SCTLR_EL1.A says so (s must be in
 * scope, as for QEMU's get_mem_index). */
#define MO_A64 ((MemOp)((s->mmu_idx << MO_IDX_SHIFT) | (s->align_mem ? MO_ALIGN : 0)))
/* MMU indexes: EL0 (and user mode), EL1, EL1 with PSTATE.PAN. */
enum { A64_MMU_IDX_E0, A64_MMU_IDX_E1, A64_MMU_IDX_E1_PAN };
/* Semihosting (HLT #0xF000): 0 off, 1 at EL1, 2 at EL0 too. */
extern int a64_semihosting;
/* Raises SP-alignment fault if Rn is SP and misaligned (user mode Linux
 * does not enable SP alignment checking for EL0, so this is a no-op kept
 * as the one place to change). */
static inline void check_sp_alignment(DisasContext *s) { (void)s; }

/* ---- FP/SIMD register file ---- */

static inline int vreg_offset(int n)
{
    return offsetof(CPUARMState, vregs[n]);
}
/* Offset of element idx of size (MO_8..MO_64) within vreg n. */
static inline int vreg_elem_offset(int n, int idx, int size)
{
    return vreg_offset(n) + (idx << size);
}
/* Reads the low 64 bits / 32 bits of Vn. */
TCGv_i64 read_fp_dreg(DisasContext *s, int n);
/* Reads the low esz-sized element of Vn, zero-extended. */
TCGv_i64 read_fp_elem(int n, int esz);
TCGv_i32 read_fp_sreg(DisasContext *s, int n);
/* r = a OP b for one f32 (esz 2, in the low 32 bits) or f64 (esz 3)
 * element, OP an FPOp (helper-fp.h) that fp_arith_inline accepts: inline
 * on the host's SSE unit where that is exactly Arm's (tcg's fbinop_i64),
 * else by the scalar helper (a64-fp.c). */
void gen_fp_arith(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, int fpop, int esz);
/* The same on all lanes of the 128-bit registers at CPU-state offsets
 * d, n, m (esz 2 or 3), for an op that fp_arith_inline accepts with vec. */
void gen_fp_arith_vec(intptr_t d, intptr_t n, intptr_t m, int fpop, int esz);
/* FCVT{N,P,M,Z,A}S/U (to_int, rounding by rmode, SF_RNE to SF_RNA) or
 * SCVTF/UCVTF (uns), with fbits fraction bits (0 to 64; toward zero
 * only), between FP elements of esz (2 or 3) and 32- or 64-bit (int64)
 * integers: r = of a (vec < 0), or, the integers the FP lanes' size,
 * every lane of the 8 (vec 0) or 16 (vec 1) bytes at CPU-state offset n
 * into those at d.  Inline where exact (tcg's funop_i64, funop_vec), else
 * by helper_fp_to_int / helper_int_to_fp. */
void gen_fp_int_convert(TCGv_i64 r, TCGv_i64 a, intptr_t d, intptr_t n, int vec, bool to_int,
                        int rmode, bool uns, int esz, bool int64, int fbits);
/* FRINTN/P/M/Z/A (rmode SF_RNE to SF_RNA), FRINTI (DESC_RMODE_FPCR) and
 * FRINTX (that and exact) on FP elements of esz (2 or 3): r = of a
 * (vec < 0), or every lane of the 8 (vec 0, esz 2) or 16 (vec 1) bytes
 * at CPU-state offset n into those at d.  Inline where exact (tcg's
 * funop_i64, funop_vec; FRINTI and FRINTX only under FPCR.RMode to
 * nearest, FRINTX only with FPSR.IXC set), else by helper_fp_unary. */
void gen_fp_round(TCGv_i64 r, TCGv_i64 a, intptr_t d, intptr_t n, int vec, int rmode,
                  bool exact, int esz);
/* r = FCVT of a, to element size dst from src (1 half, 2 single, 3
 * double; a's low 16, 32 or 64 bits), zero-extended: inline where exact
 * (tcg's funop_i64), else by helper_fp_unary. */
void gen_fp_convert(TCGv_i64 r, TCGv_i64 a, int dst, int src);
/* r = FSQRT of a, of esz 2 (the low 32 bits of a, zero-extended) or 3:
 * inline where exact (tcg's funop_i64), else by helper_fp_unary. */
void gen_fp_sqrt(TCGv_i64 r, TCGv_i64 a, int esz);
/* r = FCVTXN of the double a (round to odd), zero-extended: inline where
 * exact (tcg's funop_i64), else by helper_fp_unary. */
void gen_fp_convert_odd(TCGv_i64 r, TCGv_i64 a);
/* FRECPE, FRSQRTE, FRECPX, URECPE or URSQRTE (fpop) on elements of esz
 * (2 or 3; the last two 2, and vector only, FRECPX scalar only): r = of a
 * (vec < 0), or every lane of the 8 (vec 0, esz 2) or 16 (vec 1) bytes at
 * CPU-state offset n into those at d.  Inline where the estimate is
 * normal (tcg's funop_i64, funop_vec, which look it up in a table; the
 * integer estimates always), else by helper_fp_unary. */
void gen_fp_estimate(TCGv_i64 r, TCGv_i64 a, intptr_t d, intptr_t n, int vec, int fpop, int esz);
/* d = (+-n * m) +- a fused on registers at CPU-state offsets, kind's
 * lanes and negations (TCG_FMA_* of tcg.h), esz 2 or 3: inline where
 * exact (tcg's fmuladd_vec), else fallback(env, desc, regs) does it all.
 * Only where tcg_host_isa_extended(). */
void gen_fp_muladd(intptr_t d, intptr_t n, intptr_t m, intptr_t a, unsigned kind, int esz,
                   TCGHelperInfo *fallback, uint32_t desc, uint32_t regs);
/* Whether the FPOp has gen_fp_arith's inline form (vec: gen_fp_arith_vec's):
 * FADD, FSUB, FMUL, FDIV, FMAX, FMIN, FMAXNM, FMINNM, FABD, FMULX both;
 * FNMUL scalar only; FCMEQ, FCMGE, FCMGT (register), FACGE, FACGT vector
 * only. */
bool fp_arith_inline(int fpop, bool vec);
/* Writes Dn / Sn / Hn, zeroing the rest of the 128-bit register. */
void write_fp_dreg(DisasContext *s, int n, TCGv_i64 v);
void write_fp_sreg(DisasContext *s, int n, TCGv_i32 v);
/* Zeroes bits 127:64 of Vn (after a 64-bit vector op with Q=0). */
void clear_vec_high(DisasContext *s, int n);

/* Whether the FP/SIMD unit is usable (always at EL0 in Linux user mode). */
static inline bool fp_access_check(DisasContext *s) { (void)s; return true; }

#endif
