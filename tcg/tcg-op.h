/*
 * The builder API: tcg_gen_* emits micro-ops into the current context.
 *
 * One-op wrappers are generated from the op table by kind; the few
 * composite operations (immediate forms, calls, guest memory) live in
 * tcg-op.c.  Front ends use only this header to emit code.
 */
#ifndef TCG_TCG_OP_H
#define TCG_TCG_OP_H

#include "tcg.h"

static inline void tcg_gen_op1(TCGOpcode opc, TCGArg a)
{
    tcg_emit_op(opc, 1)->args[0] = a;
}
static inline void tcg_gen_op2(TCGOpcode opc, TCGArg a, TCGArg b)
{
    TCGOp *op = tcg_emit_op(opc, 2);
    op->args[0] = a; op->args[1] = b;
}
static inline void tcg_gen_op3(TCGOpcode opc, TCGArg a, TCGArg b, TCGArg c)
{
    TCGOp *op = tcg_emit_op(opc, 3);
    op->args[0] = a; op->args[1] = b; op->args[2] = c;
}
static inline void tcg_gen_op4(TCGOpcode opc, TCGArg a, TCGArg b, TCGArg c,
                               TCGArg d)
{
    TCGOp *op = tcg_emit_op(opc, 4);
    op->args[0] = a; op->args[1] = b; op->args[2] = c; op->args[3] = d;
}
static inline void tcg_gen_op5(TCGOpcode opc, TCGArg a, TCGArg b, TCGArg c,
                               TCGArg d, TCGArg e)
{
    TCGOp *op = tcg_emit_op(opc, 5);
    op->args[0] = a; op->args[1] = b; op->args[2] = c; op->args[3] = d;
    op->args[4] = e;
}
static inline void tcg_gen_op6(TCGOpcode opc, TCGArg a, TCGArg b, TCGArg c,
                               TCGArg d, TCGArg e, TCGArg f)
{
    TCGOp *op = tcg_emit_op(opc, 6);
    op->args[0] = a; op->args[1] = b; op->args[2] = c; op->args[3] = d;
    op->args[4] = e; op->args[5] = f;
}

/* One-op wrappers of the table's UNARY, BINARY, HOST_LOAD and HOST_STORE
 * ops, each at its width(s): tcg-opc.h is included with DEF_T, DEF_32 and
 * DEF_64 calling TCG_GEN_<kind>; the ops of other kinds have builders of
 * their own below (TCG_GEN_OTHER and the like expand to nothing). */
#define TCG_GEN_UNARY(W, name)                                                 \
static inline void tcg_gen_##name##_i##W(TCGv_i##W r, TCGv_i##W a)             \
{                                                                              \
    tcg_gen_op2(INDEX_op_##name##_i##W, tcgv_i##W##_arg(r), tcgv_i##W##_arg(a)); \
}
#define TCG_GEN_BINARY(W, name)                                                \
static inline void tcg_gen_##name##_i##W(TCGv_i##W r, TCGv_i##W a, TCGv_i##W b) \
{                                                                              \
    tcg_gen_op3(INDEX_op_##name##_i##W, tcgv_i##W##_arg(r),                    \
                tcgv_i##W##_arg(a), tcgv_i##W##_arg(b));                       \
}                                                                              \
static inline void tcg_gen_##name##i_i##W(TCGv_i##W r, TCGv_i##W a,           \
                                         int64_t imm)                          \
{                                                                              \
    tcg_gen_##name##_i##W(r, a, tcg_constant_i##W(imm));                       \
}

/* Loads and stores of CPU-state fields that are not globals (vector
 * registers, system registers).  They must not alias a global. */
#define TCG_GEN_HOST_LOAD(W, name)                                             \
static inline void tcg_gen_##name##_i##W(TCGv_i##W v, TCGv_ptr base,           \
                                         int32_t off)                          \
{                                                                              \
    tcg_gen_op3(INDEX_op_##name##_i##W, tcgv_i##W##_arg(v), tcgv_i64_arg(base), \
                off);                                                          \
}
#define TCG_GEN_HOST_STORE TCG_GEN_HOST_LOAD
#define TCG_GEN_OTHER(W, name)
#define TCG_GEN_COMPARE(W, name)
#define TCG_GEN_SELECT(W, name)
#define TCG_GEN_BRANCH(W, name)
#define TCG_GEN_GUEST_LOAD(W, name)
#define TCG_GEN_GUEST_STORE(W, name)
#define TCG_GEN_ATOMIC(W, name)
#define DEF(name, o, i, c, f, k)
#define DEF_32(name, o, i, c, f, k) TCG_GEN_##k(32, name)
#define DEF_64(name, o, i, c, f, k) TCG_GEN_##k(64, name)
#define DEF_T(name, o, i, c, f, k) DEF_32(name, o, i, c, f, k) DEF_64(name, o, i, c, f, k)
#include "tcg-opc.h"
#undef DEF
#undef TCG_GEN_UNARY
#undef TCG_GEN_BINARY
#undef TCG_GEN_HOST_LOAD
#undef TCG_GEN_HOST_STORE
#undef TCG_GEN_OTHER
#undef TCG_GEN_COMPARE
#undef TCG_GEN_SELECT
#undef TCG_GEN_BRANCH
#undef TCG_GEN_GUEST_LOAD
#undef TCG_GEN_GUEST_STORE
#undef TCG_GEN_ATOMIC

static inline void tcg_gen_movi_i32(TCGv_i32 r, int32_t v)
{
    tcg_gen_mov_i32(r, tcg_constant_i32(v));
}
static inline void tcg_gen_movi_i64(TCGv_i64 r, int64_t v)
{
    tcg_gen_mov_i64(r, tcg_constant_i64(v));
}

/* Conversions between widths. */
static inline void tcg_gen_ext_i32_i64(TCGv_i64 r, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_ext_i32_i64, tcgv_i64_arg(r), tcgv_i32_arg(a));
}
static inline void tcg_gen_extu_i32_i64(TCGv_i64 r, TCGv_i32 a)
{
    tcg_gen_op2(INDEX_op_extu_i32_i64, tcgv_i64_arg(r), tcgv_i32_arg(a));
}
static inline void tcg_gen_extrl_i64_i32(TCGv_i32 r, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_extrl_i64_i32, tcgv_i32_arg(r), tcgv_i64_arg(a));
}
static inline void tcg_gen_extrh_i64_i32(TCGv_i32 r, TCGv_i64 a)
{
    tcg_gen_op2(INDEX_op_extrh_i64_i32, tcgv_i32_arg(r), tcgv_i64_arg(a));
}

/* Comparisons and selection. */
#define TCG_GEN_COND(W)                                                        \
static inline void tcg_gen_setcond_i##W(TCGCond c, TCGv_i##W r, TCGv_i##W a,   \
                                        TCGv_i##W b)                           \
{                                                                              \
    tcg_gen_op4(INDEX_op_setcond_i##W, tcgv_i##W##_arg(r), tcgv_i##W##_arg(a), \
                tcgv_i##W##_arg(b), c);                                        \
}                                                                              \
static inline void tcg_gen_setcondi_i##W(TCGCond c, TCGv_i##W r, TCGv_i##W a,  \
                                         int64_t b)                            \
{                                                                              \
    tcg_gen_setcond_i##W(c, r, a, tcg_constant_i##W(b));                       \
}                                                                              \
static inline void tcg_gen_movcond_i##W(TCGCond c, TCGv_i##W r, TCGv_i##W c1,  \
                                        TCGv_i##W c2, TCGv_i##W v1,            \
                                        TCGv_i##W v2)                          \
{                                                                              \
    tcg_gen_op6(INDEX_op_movcond_i##W, tcgv_i##W##_arg(r),                     \
                tcgv_i##W##_arg(c1), tcgv_i##W##_arg(c2),                      \
                tcgv_i##W##_arg(v1), tcgv_i##W##_arg(v2), c);                  \
}                                                                              \
static inline void tcg_gen_brcond_i##W(TCGCond c, TCGv_i##W a, TCGv_i##W b,    \
                                       TCGLabel *l)                            \
{                                                                              \
    tcg_gen_op4(INDEX_op_brcond_i##W, tcgv_i##W##_arg(a), tcgv_i##W##_arg(b),  \
                c, label_arg(l));                                              \
}                                                                              \
static inline void tcg_gen_brcondi_i##W(TCGCond c, TCGv_i##W a, int64_t b,     \
                                        TCGLabel *l)                           \
{                                                                              \
    tcg_gen_brcond_i##W(c, a, tcg_constant_i##W(b), l);                        \
}                                                                              \
/* Bit fields at constant positions become what every backend has cheap   \
 * forms for: an extension, a mask, or shifts by immediates; no backend    \
 * then builds a mask from pos and len at run time.  (The extract and      \
 * deposit ops stay in the table for the optimizer and the backends.) */  \
static inline void tcg_gen_extract_like_i##W(bool sign, TCGv_i##W r,          \
                                             TCGv_i##W a, unsigned pos,       \
                                             unsigned len)                    \
{                                                                              \
    static const TCGOpcode ext[2][3] = {                                       \
        { INDEX_op_ext8u_i##W, INDEX_op_ext16u_i##W, INDEX_op_ext32u_i64 },   \
        { INDEX_op_ext8s_i##W, INDEX_op_ext16s_i##W, INDEX_op_ext32s_i64 },   \
    };                                                                         \
    TCGOpcode e = pos ? INDEX_op_nop : len == 8 ? ext[sign][0]                 \
                  : len == 16 ? ext[sign][1]                                   \
                  : len == 32 && W == 64 ? ext[sign][2] : INDEX_op_nop;        \
    if (len == W) {                                                            \
        tcg_gen_mov_i##W(r, a);                                                \
    } else if (pos + len == W) {                                               \
        (sign ? tcg_gen_sari_i##W : tcg_gen_shri_i##W)(r, a, pos);             \
    } else if (e != INDEX_op_nop) {                                            \
        tcg_gen_op2(e, tcgv_i##W##_arg(r), tcgv_i##W##_arg(a));                \
    } else if (!sign && pos == 0 && len < 32) {                                \
        tcg_gen_andi_i##W(r, a, (1u << len) - 1);                              \
    } else if (pos + len == 8 || pos + len == 16 ||                            \
               (pos + len == 32 && W == 64)) {                                 \
        /* A field ending at a byte, half or word: the extension copies    \
         * it (x86: movzx/movsx into another register), one shift. */     \
        TCGv_i##W t = tcg_temp_new_i##W();                                     \
        int k = pos + len == 8 ? 0 : pos + len == 16 ? 1 : 2;                  \
        tcg_gen_op2(ext[sign][k], tcgv_i##W##_arg(t), tcgv_i##W##_arg(a));     \
        (sign ? tcg_gen_sari_i##W : tcg_gen_shri_i##W)(r, t, pos);             \
    } else {                                                                   \
        /* The field to the top by a rotate (x86 with BMI2: rorx copies   \
         * and rotates in one instruction), then down.  */                \
        TCGv_i##W t = tcg_temp_new_i##W();                                     \
        tcg_gen_rotri_i##W(t, a, pos + len);                                   \
        (sign ? tcg_gen_sari_i##W : tcg_gen_shri_i##W)(r, t, W - len);         \
    }                                                                          \
}                                                                              \
static inline void tcg_gen_extract_i##W(TCGv_i##W r, TCGv_i##W a,              \
                                        unsigned pos, unsigned len)            \
{                                                                              \
    tcg_gen_extract_like_i##W(false, r, a, pos, len);                          \
}                                                                              \
static inline void tcg_gen_sextract_i##W(TCGv_i##W r, TCGv_i##W a,             \
                                         unsigned pos, unsigned len)           \
{                                                                              \
    tcg_gen_extract_like_i##W(true, r, a, pos, len);                           \
}                                                                              \
/* Bits len-1:0 of b at pos, zeros below, zeros (deposit_z: UBFIZ, LSL)  \
 * or copies of the field's top bit (sdeposit_z: SBFIZ) above. */          \
static inline void tcg_gen_deposit_z_like_i##W(bool sign, TCGv_i##W r,        \
                                               TCGv_i##W b, unsigned pos,     \
                                               unsigned len)                  \
{                                                                              \
    if (pos + len == W) {                                                      \
        tcg_gen_shli_i##W(r, b, pos);                                          \
    } else if (pos == 0) {                                                     \
        tcg_gen_extract_like_i##W(sign, r, b, 0, len);                         \
    } else {                                                                   \
        TCGv_i##W t = tcg_temp_new_i##W();                                     \
        tcg_gen_shli_i##W(t, b, W - len);                                      \
        (sign ? tcg_gen_sari_i##W : tcg_gen_shri_i##W)(r, t, W - len - pos);   \
    }                                                                          \
}                                                                              \
static inline void tcg_gen_deposit_z_i##W(TCGv_i##W r, TCGv_i##W b,            \
                                          unsigned pos, unsigned len)          \
{                                                                              \
    tcg_gen_deposit_z_like_i##W(false, r, b, pos, len);                        \
}                                                                              \
static inline void tcg_gen_sdeposit_z_i##W(TCGv_i##W r, TCGv_i##W b,           \
                                           unsigned pos, unsigned len)         \
{                                                                              \
    tcg_gen_deposit_z_like_i##W(true, r, b, pos, len);                         \
}                                                                              \
/* a with bits pos+len-1:pos replaced by bits len-1:0 of b: a mask and an  \
 * or, the field shifted into place (a constant b: folded here). */        \
static inline void tcg_gen_deposit_i##W(TCGv_i##W r, TCGv_i##W a,              \
                                        TCGv_i##W b, unsigned pos,             \
                                        unsigned len)                          \
{                                                                              \
    uint64_t wmask = W == 64 ? ~0ull : 0xffffffffull;                          \
    uint64_t field = (len == 64 ? ~0ull : (1ull << len) - 1) << pos;           \
    TCGTemp *ta = tcgv_i##W##_temp(a), *tb = tcgv_i##W##_temp(b);              \
    if (len == W) {                                                            \
        tcg_gen_mov_i##W(r, b);                                                \
        return;                                                                \
    }                                                                          \
    TCGv_i##W hi = tcg_temp_new_i##W(), lo = tcg_temp_new_i##W();              \
    if (tb->kind == TEMP_CONST) {                                              \
        tcg_gen_andi_i##W(hi, a, ~field & wmask);                              \
        tcg_gen_ori_i##W(r, hi, (tb->val << pos) & field);                     \
        return;                                                                \
    }                                                                          \
    tcg_gen_deposit_z_i##W(lo, b, pos, len);                                   \
    if (ta->kind == TEMP_CONST && (ta->val & ~field & wmask) == 0) {           \
        tcg_gen_mov_i##W(r, lo);                                               \
        return;                                                                \
    }                                                                          \
    tcg_gen_andi_i##W(hi, a, ~field & wmask);                                  \
    tcg_gen_or_i##W(r, hi, lo);                                                \
}                                                                              \
/* The low W bits of (hi:lo) >> pos (x86's shrd, A64's EXTR). */            \
static inline void tcg_gen_extract2_i##W(TCGv_i##W r, TCGv_i##W lo,           \
                                         TCGv_i##W hi, unsigned pos)          \
{                                                                              \
    if (pos % W == 0) {                                                        \
        tcg_gen_mov_i##W(r, lo);                                               \
    } else {                                                                   \
        tcg_gen_op4(INDEX_op_extract2_i##W, tcgv_i##W##_arg(r),                \
                    tcgv_i##W##_arg(lo), tcgv_i##W##_arg(hi), pos % W);        \
    }                                                                          \
}
TCG_GEN_COND(32)
TCG_GEN_COND(64)
#undef TCG_GEN_COND

/* r = a OP b in IEEE floating point (kind: TCG_FP_* of tcg.h), on
 * the host where that is exact, else by fallback(env, a, b): see
 * fbinop_i64 in tcg-opc.h.  fallback takes (ptr, i64, i64), returns i64,
 * and must not touch TCG globals. */
void tcg_gen_fbinop_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, unsigned kind,
                        TCGHelperInfo *fallback, intptr_t mode_off, uint64_t mask,
                        uint64_t val);
/* The 16 bytes of CPU state at d = those at n OP those at m, lane by lane
 * (f64 x2 or f32 x4 by kind): see fbinop_vec in tcg-opc.h.  fallback is
 * fbinop_i64's, called per lane with the lane's bits. */
void tcg_gen_fbinop_vec(intptr_t d, intptr_t n, intptr_t m, unsigned kind,
                        TCGHelperInfo *fallback, intptr_t mode_off, uint64_t mask,
                        uint64_t val);
/* The integer lanes of CPU state at d = n OP m: see vop_vec in tcg-opc.h
 * (kind: TCG_VOP_KIND of tcg.h, where tcg_vop_valid; imm: the shifts'
 * count, else 0). */
void tcg_gen_vop_vec(intptr_t d, intptr_t n, intptr_t m, unsigned kind, unsigned imm);
/* Where vop_vec's saturating ops note a saturation: bit of the 32-bit
 * word at offset (set once, before translating). */
void tcg_set_vop_saturation_flag(intptr_t offset, uint32_t bit);
/* The 16 bytes of CPU state at d = (+-n * m) +- a fused, by kind
 * (TCG_FMA_* of tcg.h): see fmuladd_vec in tcg-opc.h.  fallback takes
 * (ptr, i32 desc, i32 regs) and does the whole operation.  Only where
 * tcg_host_isa_extended(). */
void tcg_gen_fmuladd_vec(intptr_t d, intptr_t n, intptr_t m, intptr_t a, unsigned kind,
                         TCGHelperInfo *fallback, uint32_t desc, uint32_t regs,
                         intptr_t mode_off, uint64_t mask, uint64_t val);
/* r = OP a (kind: TCG_FU_* of tcg.h), on the host where that is exact,
 * else by fallback(env, a, arg), which takes (ptr, i64, i32) and returns
 * i64: see funop_i64 in tcg-opc.h.  fbits: an integer conversion's
 * fraction bits, 0 to 64 (the builder adds TCG_FU_FIXED for them). */
void tcg_gen_funop_i64(TCGv_i64 r, TCGv_i64 a, unsigned kind, unsigned fbits,
                       TCGHelperInfo *fallback, uint32_t arg, intptr_t mode_off,
                       uint64_t mask, uint64_t val);
/* The integer conversions and FRINT lane by lane on CPU state: see
 * funop_vec in tcg-opc.h. */
void tcg_gen_funop_vec(intptr_t d, intptr_t n, unsigned kind, unsigned fbits,
                       TCGHelperInfo *fallback, uint32_t arg, intptr_t mode_off,
                       uint64_t mask, uint64_t val);

/* Guest memory. */
void tcg_gen_qemu_ld_i32(TCGv_i32 v, TCGv_i64 addr, MemOp mop);
void tcg_gen_qemu_ld_i64(TCGv_i64 v, TCGv_i64 addr, MemOp mop);
void tcg_gen_qemu_st_i32(TCGv_i32 v, TCGv_i64 addr, MemOp mop);
void tcg_gen_qemu_st_i64(TCGv_i64 v, TCGv_i64 addr, MemOp mop);
void tcg_gen_atomic_cmpxchg_i32(TCGv_i32 old, TCGv_i64 addr, TCGv_i32 cmp,
                                TCGv_i32 newv, MemOp mop);
void tcg_gen_atomic_cmpxchg_i64(TCGv_i64 old, TCGv_i64 addr, TCGv_i64 cmp,
                                TCGv_i64 newv, MemOp mop);
void tcg_gen_atomic_rmw_i32(TCGv_i32 old, TCGv_i64 addr, TCGv_i32 val,
                            MemOp mop, TCGAtomicOp aop);
void tcg_gen_atomic_rmw_i64(TCGv_i64 old, TCGv_i64 addr, TCGv_i64 val,
                            MemOp mop, TCGAtomicOp aop);
void tcg_gen_atomic_cmpxchg128(TCGv_i64 oldlo, TCGv_i64 oldhi, TCGv_i64 addr,
                               TCGv_i64 cmplo, TCGv_i64 cmphi,
                               TCGv_i64 newlo, TCGv_i64 newhi, MemOp mop);
void tcg_gen_mb(unsigned bar);

/* Control. */
void gen_set_label(TCGLabel *l);
void tcg_gen_br(TCGLabel *l);
/* Branches to l unless an exit is requested (the CPU's exit_request). */
void tcg_gen_br_exit_clear(TCGLabel *l);
void tcg_gen_insn_start(uint64_t pc);
void tcg_gen_exit_tb(struct TranslationBlock *tb, unsigned slot);
void tcg_gen_goto_tb(unsigned slot);
void tcg_gen_lookup_and_goto_ptr(void);
/* The same for a return: the return stack may know the pc's code. */
void tcg_gen_lookup_and_goto_return(void);
/* A call whose return to pc continues at landing (goto_tb 2 to pc, set
 * after the block's exit). */
void tcg_gen_push_return(uint64_t pc, TCGLabel *landing);
void tcg_gen_discard_i64(TCGv_i64 v);

/* Helper calls.  ret may be NULL for void helpers; args are TCGv handles
 * (cast to void *) whose types must match the helper's declared ones. */
void tcg_gen_callN(TCGHelperInfo *info, void *ret, int nargs, void **args);
#define tcg_gen_call(name, ret, ...)                                           \
    tcg_gen_callN(&helper_info_##name, (void *)(ret),                          \
                  sizeof((void *[]){ __VA_ARGS__ }) / sizeof(void *),          \
                  (void *[]){ __VA_ARGS__ })

#endif
