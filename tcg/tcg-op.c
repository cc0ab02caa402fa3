/*
 * Builder operations that are more than one op with its arguments: guest
 * memory (alignment resolved), atomics, control flow, and helper calls
 * (checked against the helper's declared signature).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "tb.h"
#include "tcg-op.h"

/* One op with its arguments in order (the ops with many of them). */
static void emit_op_args(TCGOpcode opc, const TCGArg *args, int n)
{
    TCGOp *op = tcg_emit_op(opc, n);
    memcpy(op->args, args, sizeof(TCGArg) * n);
}
#define EMIT_OP(opc, ...)                                                      \
    emit_op_args(opc, (const TCGArg[]){ __VA_ARGS__ },                         \
                 sizeof((const TCGArg[]){ __VA_ARGS__ }) / sizeof(TCGArg))

/* MO_ALIGN means "aligned to the access size": resolve it once here so
 * backends see only explicit alignments. */
static unsigned memop_resolve(MemOp mop)
{
    if ((mop & MO_AMASK) == MO_ALIGN) {
        unsigned size = mop & MO_SIZE;
        mop &= ~MO_AMASK;
        if (size) {
            mop |= (size + 1) << MO_ASHIFT;
        }
    }
    return mop;
}

void tcg_gen_qemu_ld_i32(TCGv_i32 v, TCGv_i64 addr, MemOp mop)
{
    assert((mop & MO_SIZE) <= MO_32);
    tcg_gen_op3(INDEX_op_qemu_ld_i32, tcgv_i32_arg(v), tcgv_i64_arg(addr),
                memop_resolve(mop));
}

void tcg_gen_qemu_ld_i64(TCGv_i64 v, TCGv_i64 addr, MemOp mop)
{
    tcg_gen_op3(INDEX_op_qemu_ld_i64, tcgv_i64_arg(v), tcgv_i64_arg(addr),
                memop_resolve(mop));
}

void tcg_gen_qemu_st_i32(TCGv_i32 v, TCGv_i64 addr, MemOp mop)
{
    tcg_gen_op3(INDEX_op_qemu_st_i32, tcgv_i32_arg(v), tcgv_i64_arg(addr),
                memop_resolve(mop));
}

void tcg_gen_qemu_st_i64(TCGv_i64 v, TCGv_i64 addr, MemOp mop)
{
    tcg_gen_op3(INDEX_op_qemu_st_i64, tcgv_i64_arg(v), tcgv_i64_arg(addr),
                memop_resolve(mop));
}

void tcg_gen_atomic_cmpxchg_i32(TCGv_i32 old, TCGv_i64 addr, TCGv_i32 cmp,
                                TCGv_i32 newv, MemOp mop)
{
    tcg_gen_op5(INDEX_op_atomic_cmpxchg_i32, tcgv_i32_arg(old),
                tcgv_i64_arg(addr), tcgv_i32_arg(cmp), tcgv_i32_arg(newv),
                memop_resolve(mop));
}

void tcg_gen_atomic_cmpxchg_i64(TCGv_i64 old, TCGv_i64 addr, TCGv_i64 cmp,
                                TCGv_i64 newv, MemOp mop)
{
    tcg_gen_op5(INDEX_op_atomic_cmpxchg_i64, tcgv_i64_arg(old),
                tcgv_i64_arg(addr), tcgv_i64_arg(cmp), tcgv_i64_arg(newv),
                memop_resolve(mop));
}

void tcg_gen_atomic_rmw_i32(TCGv_i32 old, TCGv_i64 addr, TCGv_i32 val,
                            MemOp mop, TCGAtomicOp aop)
{
    tcg_gen_op5(INDEX_op_atomic_rmw_i32, tcgv_i32_arg(old), tcgv_i64_arg(addr),
                tcgv_i32_arg(val), memop_resolve(mop), aop);
}

void tcg_gen_atomic_rmw_i64(TCGv_i64 old, TCGv_i64 addr, TCGv_i64 val,
                            MemOp mop, TCGAtomicOp aop)
{
    tcg_gen_op5(INDEX_op_atomic_rmw_i64, tcgv_i64_arg(old), tcgv_i64_arg(addr),
                tcgv_i64_arg(val), memop_resolve(mop), aop);
}

void tcg_gen_atomic_cmpxchg128(TCGv_i64 oldlo, TCGv_i64 oldhi, TCGv_i64 addr,
                               TCGv_i64 cmplo, TCGv_i64 cmphi,
                               TCGv_i64 newlo, TCGv_i64 newhi, MemOp mop)
{
    EMIT_OP(INDEX_op_atomic_cmpxchg128, tcgv_i64_arg(oldlo), tcgv_i64_arg(oldhi),
            tcgv_i64_arg(addr), tcgv_i64_arg(cmplo), tcgv_i64_arg(cmphi),
            tcgv_i64_arg(newlo), tcgv_i64_arg(newhi), memop_resolve(mop));
}

void tcg_gen_fbinop_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, unsigned kind,
                        TCGHelperInfo *fallback, intptr_t mode_off, uint64_t mask,
                        uint64_t val)
{
    EMIT_OP(INDEX_op_fbinop_i64, tcgv_i64_arg(r), tcgv_i64_arg(a), tcgv_i64_arg(b), kind,
            (uintptr_t)fallback, mode_off, mask, val);
}

/* funop's kind for fbits: TCG_FU_FIXED where there are some. */
static unsigned funop_kind(unsigned kind, unsigned fbits)
{
    assert(fbits <= 64 && !(kind & TCG_FU_FIXED));
    return kind | (fbits ? TCG_FU_FIXED : 0);
}

void tcg_gen_funop_vec(intptr_t d, intptr_t n, unsigned kind, unsigned fbits,
                       TCGHelperInfo *fallback, uint32_t arg, intptr_t mode_off,
                       uint64_t mask, uint64_t val)
{
    EMIT_OP(INDEX_op_funop_vec, funop_kind(kind, fbits), (uintptr_t)fallback, arg, d, n,
            mode_off, mask, val, fbits);
}

void tcg_gen_funop_i64(TCGv_i64 r, TCGv_i64 a, unsigned kind, unsigned fbits,
                       TCGHelperInfo *fallback, uint32_t arg, intptr_t mode_off,
                       uint64_t mask, uint64_t val)
{
    EMIT_OP(INDEX_op_funop_i64, tcgv_i64_arg(r), tcgv_i64_arg(a), funop_kind(kind, fbits),
            (uintptr_t)fallback, arg, mode_off, mask, val, fbits);
}

/* The target's sticky saturation flag (vop_vec's last constants). */
static intptr_t vop_sat_offset;
static uint32_t vop_sat_bit;

void tcg_set_vop_saturation_flag(intptr_t offset, uint32_t bit)
{
    vop_sat_offset = offset;
    vop_sat_bit = bit;
}

void tcg_gen_vop_vec(intptr_t d, intptr_t n, intptr_t m, unsigned kind, unsigned imm)
{
    EMIT_OP(INDEX_op_vop_vec, kind, d, n, m, imm, vop_sat_offset, vop_sat_bit);
}

void tcg_gen_fmuladd_vec(intptr_t d, intptr_t n, intptr_t m, intptr_t a, unsigned kind,
                         TCGHelperInfo *fallback, uint32_t desc, uint32_t regs,
                         intptr_t mode_off, uint64_t mask, uint64_t val)
{
    EMIT_OP(INDEX_op_fmuladd_vec, kind, (uintptr_t)fallback, desc, regs, d, n, m, a,
            mode_off, mask, val);
}

void tcg_gen_fbinop_vec(intptr_t d, intptr_t n, intptr_t m, unsigned kind,
                        TCGHelperInfo *fallback, intptr_t mode_off, uint64_t mask,
                        uint64_t val)
{
    EMIT_OP(INDEX_op_fbinop_vec, kind, (uintptr_t)fallback, d, n, m, mode_off, mask, val);
}

void tcg_gen_mb(unsigned bar)
{
    tcg_gen_op1(INDEX_op_mb, bar);
}

void gen_set_label(TCGLabel *l)
{
    tcg_gen_op1(INDEX_op_set_label, label_arg(l));
}

void tcg_gen_br(TCGLabel *l)
{
    tcg_gen_op1(INDEX_op_br, label_arg(l));
}

void tcg_gen_br_exit_clear(TCGLabel *l)
{
    tcg_gen_op1(INDEX_op_br_exit_clear, label_arg(l));
}

void tcg_gen_insn_start(uint64_t pc)
{
    tcg_gen_op1(INDEX_op_insn_start, pc);
}

void tcg_gen_exit_tb(TranslationBlock *tb, unsigned slot)
{
    assert(tb ? slot < TB_NB_EXITS : slot == 0);
    tcg_gen_op1(INDEX_op_exit_tb, tb ? (uintptr_t)tb | slot : TB_EXIT_NOCHAIN);
}

void tcg_gen_goto_tb(unsigned slot)
{
    assert(slot < TB_NB_EXITS);
    tcg_gen_op1(INDEX_op_goto_tb, slot);
}

void tcg_gen_lookup_and_goto_ptr(void)
{
    tcg_gen_op1(INDEX_op_lookup_and_goto_ptr, 0);
}

void tcg_gen_lookup_and_goto_return(void)
{
    tcg_gen_op1(INDEX_op_lookup_and_goto_ptr, 1);
}

void tcg_gen_push_return(uint64_t pc, TCGLabel *landing)
{
    tcg_gen_op2(INDEX_op_push_return, pc, label_arg(landing));
}

void tcg_gen_discard_i64(TCGv_i64 v)
{
    tcg_gen_op1(INDEX_op_discard, tcgv_i64_arg(v));
}

static bool call_type_matches(uint8_t ct, TCGTemp *t)
{
    return ct == TCG_CALL_I32 ? t->type == TCG_TYPE_I32 : t->type == TCG_TYPE_I64;
}

void tcg_gen_callN(TCGHelperInfo *info, void *ret, int nargs, void **args)
{
    TCGContext *s = tcg_ctx;
    if (nargs != info->nargs) {
        fprintf(stderr, "mimic: helper %s called with %d arguments, declared %d\n",
                info->name, nargs, info->nargs);
        abort();
    }
    TCGOp *op = tcg_emit_op(INDEX_op_call, 0);
    int k = 0;
    op->nb_oargs = ret != NULL;
    if (ret) {
        int idx = tcgv_idx(ret);
        assert(info->ret != TCG_CALL_VOID && call_type_matches(info->ret, &s->temps[idx]));
        op->args[k++] = idx;
    }
    for (int i = 0; i < nargs; i++) {
        int idx = tcgv_idx(args[i]);
        if (!call_type_matches(info->args[i], &s->temps[idx])) {
            fprintf(stderr, "mimic: helper %s argument %d has the wrong type\n",
                    info->name, i);
            abort();
        }
        op->args[k++] = idx;
    }
    op->nb_iargs = nargs;
    op->args[k] = (TCGArg)info;
}
