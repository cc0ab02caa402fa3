/*
 * The A64 translator's core: the block loop (fetch, decode through the
 * groups' pattern tables, stop at branches, page ends and the size limit),
 * and the pieces every group shares: registers, NZCV, conditions,
 * exceptions and block exits.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "tcg/disas.h"
#include "tcg/log.h"
#include "translate-a64.h"

TCGv_i64 cpu_X[32];
TCGv_i64 cpu_pc;
TCGv_i64 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

const DecodeGroup *const a64_groups[] = {
    &a64_dp_imm_group,
    &a64_branch_sys_group,
    &a64_ldst_group,
    &a64_simd_ldst_group,
    &a64_dp_reg_group,
    &a64_crypto_group,
    &a64_fp_group,
    &a64_simd_group,
    &a64_unimp_group,
};
const unsigned a64_ngroups = sizeof(a64_groups) / sizeof(a64_groups[0]);

static DecodeTable *a64_table;

void a64_translate_init(void)
{
    static const char *const xnames[32] = {
        "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
        "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20",
        "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "lr", "sp",
    };
    for (int i = 0; i < 32; i++) {
        cpu_X[i] = tcg_global_mem_new_i64(offsetof(CPUARMState, xregs[i]), xnames[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(offsetof(CPUARMState, pc), "pc");
    /* The block key is (pc, flags 0): indirect branches (DISAS_JUMP) may
     * look their target up inline (see aarch64_get_tb_cpu_state). */
    tb_key_pc_offset = offsetof(CPUARMState, pc);
    tb_key_flags = 0;
    cpu_NF = tcg_global_mem_new_i64(offsetof(CPUARMState, NF), "NF");
    cpu_ZF = tcg_global_mem_new_i64(offsetof(CPUARMState, ZF), "ZF");
    cpu_CF = tcg_global_mem_new_i64(offsetof(CPUARMState, CF), "CF");
    cpu_VF = tcg_global_mem_new_i64(offsetof(CPUARMState, VF), "VF");
    cpu_exclusive_addr = tcg_global_mem_new_i64(offsetof(CPUARMState, exclusive_addr),
                                                "exclusive_addr");
    cpu_exclusive_val = tcg_global_mem_new_i64(offsetof(CPUARMState, exclusive_val),
                                               "exclusive_val");
    cpu_exclusive_high = tcg_global_mem_new_i64(offsetof(CPUARMState, exclusive_high),
                                                "exclusive_high");

    /* Bucket by op0, bits 28:25 of the top-level encoding table. */
    a64_table = decode_table_build(a64_groups, a64_ngroups, 0x1e000000);
}

/* ---- registers ---- */

TCGv_i64 read_x(DisasContext *s, int r)
{
    return r == 31 ? tcg_constant_i64(0) : cpu_X[r];
}

TCGv_i64 read_x_sp(DisasContext *s, int r)
{
    return cpu_X[r];
}

TCGv_i64 read_reg(DisasContext *s, int r, int sf)
{
    if (r == 31) {
        return tcg_constant_i64(0);
    }
    if (sf) {
        return cpu_X[r];
    }
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_ext32u_i64(t, cpu_X[r]);
    return t;
}

void write_reg(DisasContext *s, int r, int sf, TCGv_i64 v)
{
    if (r == 31) {
        return;
    }
    if (sf) {
        tcg_gen_mov_i64(cpu_X[r], v);
    } else {
        tcg_gen_ext32u_i64(cpu_X[r], v);
    }
}

void write_reg_sp(DisasContext *s, int r, int sf, TCGv_i64 v)
{
    if (sf) {
        tcg_gen_mov_i64(cpu_X[r], v);
    } else {
        tcg_gen_ext32u_i64(cpu_X[r], v);
    }
}

void gen_ror32_i64(TCGv_i64 t, TCGv_i64 v, unsigned amount)
{
    TCGv_i32 w = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(w, v);
    if (amount % 32) {
        tcg_gen_rotri_i32(w, w, amount % 32);
    }
    tcg_gen_extu_i32_i64(t, w);
}

void gen_bitfield32_i64(TCGv_i64 t, TCGv_i64 v, bool sign, bool to_bottom,
                        unsigned pos, unsigned len)
{
    if (to_bottom && !sign && (pos == 0 || pos + len == 8 || pos + len == 16)) {
        /* movzx or and, then a shift: zero-extended, as at 32 bits. */
        tcg_gen_extract_i64(t, v, pos, len);
        return;
    }
    /* A temp per step: each is used once, so it goes from op to op in R. */
    TCGv_i32 in = tcg_temp_new_i32(), out = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(in, v);
    if (to_bottom) {
        (sign ? tcg_gen_sextract_i32 : tcg_gen_extract_i32)(out, in, pos, len);
    } else {
        (sign ? tcg_gen_sdeposit_z_i32 : tcg_gen_deposit_z_i32)(out, in, pos, len);
    }
    tcg_gen_extu_i32_i64(t, out);
}

/* ---- flags ---- */

/* The last flag setter, for conditions that follow it (arm_test_cc): a
 * condition is then a compare of its operands rather than of values
 * derived from NZCV.  SUB: NZCV of a - b; ADD: of a + b; LOGIC: NZ of
 * NF's value, C and V clear.  a and b are copies made for this (the copy
 * propagation of the optimizer folds them away), zero-extended at 32
 * bits.  The record holds while no op after mark writes a flag global;
 * NF keeps the result's sign-extended value meanwhile.  Per translating
 * thread, reset at each block's start. */
typedef enum FlagsKind { FLAGS_NONE, FLAGS_SUB, FLAGS_ADD, FLAGS_LOGIC } FlagsKind;
static __thread struct {
    FlagsKind kind;
    int sf;
    bool cmn_imm;       /* ADD of a constant: b holds its negation */
    TCGv_i64 a, b;
    int mark;
} flags_src;

static void note_flags(FlagsKind kind, int sf, TCGv_i64 a, TCGv_i64 b)
{
    flags_src.kind = kind;
    flags_src.sf = sf;
    flags_src.cmn_imm = false;
    if (kind == FLAGS_ADD) {
        /* CMN with an immediate k != 0 sets the flags CMP with -k sets
         * (C: a + k carries iff a >= 2^w - k): the conditions that ADD has
         * no form for take SUB's, with b = -k. */
        TCGTemp *bt = tcgv_i64_temp(b);
        uint64_t k = sf ? bt->val : (uint32_t)bt->val;
        if (bt->kind == TEMP_CONST && k) {
            flags_src.cmn_imm = true;
            b = tcg_constant_i64(sf ? -k : (uint32_t)-k);
        }
    }
    if (a) {
        flags_src.a = tcg_temp_new_i64();
        flags_src.b = tcg_temp_new_i64();
        tcg_gen_mov_i64(flags_src.a, a);
        tcg_gen_mov_i64(flags_src.b, b);
    }
    flags_src.mark = tcg_ctx->nb_ops;
}

static void set_nz(int sf, TCGv_i64 result)
{
    if (sf) {
        tcg_gen_mov_i64(cpu_NF, result);
    } else {
        tcg_gen_ext32s_i64(cpu_NF, result);
    }
    tcg_gen_mov_i64(cpu_ZF, cpu_NF);
}

void gen_logic_flags(int sf, TCGv_i64 result)
{
    set_nz(sf, result);
    tcg_gen_movi_i64(cpu_CF, 0);
    tcg_gen_movi_i64(cpu_VF, 0);
    note_flags(FLAGS_LOGIC, sf, NULL, NULL);
}

/* result = a + b + cin with NZCV; cin is a 0/1 value or NULL. */
static void gen_adc_flags(int sf, TCGv_i64 result, TCGv_i64 a, TCGv_i64 b,
                          TCGv_i64 cin)
{
    TCGv_i64 r = tcg_temp_new_i64();
    TCGv_i64 c = tcg_temp_new_i64();
    TCGv_i64 v = tcg_temp_new_i64();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGv_i64 a32 = NULL, b32 = NULL;
    if (sf) {
        if (cin) {
            TCGv_i64 c2 = tcg_temp_new_i64();
            tcg_gen_add_i64(t, a, cin);
            tcg_gen_setcond_i64(TCG_COND_LTU, c, t, a);
            tcg_gen_add_i64(r, t, b);
            tcg_gen_setcond_i64(TCG_COND_LTU, c2, r, t);
            tcg_gen_or_i64(c, c, c2);
        } else {
            tcg_gen_add_i64(r, a, b);
            tcg_gen_setcond_i64(TCG_COND_LTU, c, r, a);
        }
        /* V: the operands agree in sign and the result does not. */
        tcg_gen_xor_i64(v, r, a);
        tcg_gen_xor_i64(t, a, b);
        tcg_gen_andc_i64(v, v, t);
        tcg_gen_mov_i64(cpu_NF, r);
        tcg_gen_mov_i64(cpu_ZF, r);
    } else {
        a32 = tcg_temp_new_i64();
        b32 = tcg_temp_new_i64();
        tcg_gen_ext32u_i64(a32, a);
        tcg_gen_ext32u_i64(b32, b);
        tcg_gen_add_i64(r, a32, b32);
        if (cin) {
            tcg_gen_add_i64(r, r, cin);
        }
        tcg_gen_shri_i64(c, r, 32);
        tcg_gen_xor_i64(v, r, a32);
        tcg_gen_xor_i64(t, a32, b32);
        tcg_gen_andc_i64(v, v, t);
        tcg_gen_shli_i64(v, v, 32);
        tcg_gen_ext32u_i64(r, r);
        tcg_gen_ext32s_i64(cpu_NF, r);
        tcg_gen_mov_i64(cpu_ZF, cpu_NF);
    }
    tcg_gen_mov_i64(cpu_CF, c);
    tcg_gen_mov_i64(cpu_VF, v);
    tcg_gen_mov_i64(result, r);
    if (!cin) {
        note_flags(FLAGS_ADD, sf, sf ? a : a32, sf ? b : b32);
    }
}

void gen_add_flags(int sf, TCGv_i64 result, TCGv_i64 a, TCGv_i64 b,
                   bool with_carry)
{
    gen_adc_flags(sf, result, a, b, with_carry ? cpu_CF : NULL);
}

void gen_sub_flags(int sf, TCGv_i64 result, TCGv_i64 a, TCGv_i64 b,
                   bool with_carry)
{
    if (with_carry) {
        /* a - b - !C = a + ~b + C. */
        TCGv_i64 nb = tcg_temp_new_i64();
        tcg_gen_not_i64(nb, b);
        gen_adc_flags(sf, result, a, nb, cpu_CF);
        return;
    }
    /* CMP and SUBS are the most common flag setters: compute them directly.
     * C is "no borrow" (a >= b unsigned); V is set when the operands differ
     * in sign and the result's sign differs from a's. */
    TCGv_i64 r = tcg_temp_new_i64();
    TCGv_i64 v = tcg_temp_new_i64();
    TCGv_i64 t = tcg_temp_new_i64();
    TCGv_i64 x = a, y = b;
    if (!sf) {
        x = tcg_temp_new_i64();
        y = tcg_temp_new_i64();
        tcg_gen_ext32u_i64(x, a);
        tcg_gen_ext32u_i64(y, b);
    }
    tcg_gen_sub_i64(r, x, y);
    tcg_gen_setcond_i64(TCG_COND_GEU, cpu_CF, x, y);
    tcg_gen_xor_i64(v, x, y);
    tcg_gen_xor_i64(t, x, r);
    tcg_gen_and_i64(v, v, t);
    if (sf) {
        tcg_gen_mov_i64(cpu_VF, v);
        tcg_gen_mov_i64(cpu_NF, r);
        tcg_gen_mov_i64(cpu_ZF, r);
    } else {
        tcg_gen_shli_i64(cpu_VF, v, 32);   /* bit 31 becomes V's bit 63 */
        tcg_gen_ext32u_i64(r, r);
        tcg_gen_ext32s_i64(cpu_NF, r);
        tcg_gen_mov_i64(cpu_ZF, cpu_NF);
    }
    tcg_gen_mov_i64(result, r);
    note_flags(FLAGS_SUB, sf, x, y);
}

void gen_set_nzcv_imm(unsigned nzcv)
{
    tcg_gen_movi_i64(cpu_NF, (nzcv & 8) ? -1 : 0);
    tcg_gen_movi_i64(cpu_ZF, (nzcv & 4) ? 0 : 1);
    tcg_gen_movi_i64(cpu_CF, (nzcv >> 1) & 1);
    tcg_gen_movi_i64(cpu_VF, (nzcv & 1) ? INT64_MIN : 0);
}

/* The condition on the operands of the last flag setter (flags_src), if
 * it still holds the flags and the condition has such a form.  Per kind,
 * by cc >> 1 (EQ CS MI VS HI GE GT): the comparison and its operands:
 * u (a, b), s (a, b) signed at the setter's width, n (NF, 0), c (NF, a):
 * NF is the 64-bit result, and a + b carries iff it is below a. */
static bool test_cc_operands(DisasCompare *c, int cc, bool lo32_ok)
{
    static const struct { TCGCond cond; char args; } forms[][7] = {
        [FLAGS_SUB] = { { TCG_COND_EQ, 'u' }, { TCG_COND_GEU, 'u' }, { TCG_COND_LT, 'n' },
                        { 0, 0 }, { TCG_COND_GTU, 'u' }, { TCG_COND_GE, 's' },
                        { TCG_COND_GT, 's' } },
        [FLAGS_ADD] = { { TCG_COND_EQ, 'n' }, { TCG_COND_LTU, 'c' }, { TCG_COND_LT, 'n' } },
        [FLAGS_LOGIC] = { { TCG_COND_EQ, 'n' }, { 0, 0 }, { TCG_COND_LT, 'n' }, { 0, 0 },
                          { 0, 0 }, { TCG_COND_GE, 'n' }, { TCG_COND_GT, 'n' } },
    };
    const TCGv_i64 flags[] = { cpu_NF, cpu_ZF, cpu_CF, cpu_VF };
    if (flags_src.kind == FLAGS_NONE || cc >= 14) {
        return false;
    }
    FlagsKind kind = flags_src.kind;
    char args = forms[kind][cc >> 1].args;
    if (kind == FLAGS_ADD && flags_src.cmn_imm && (!args || (args == 'c' && !flags_src.sf))) {
        kind = FLAGS_SUB;
        args = forms[kind][cc >> 1].args;
    }
    if (!args || (args == 'c' && !flags_src.sf) ||
        tcg_written_since(flags_src.mark, flags, 4)) {
        return false;
    }
    c->cond = forms[kind][cc >> 1].cond;
    if (cc & 1) {
        c->cond = tcg_invert_cond(c->cond);
    }
    c->a = args == 'n' || args == 'c' ? cpu_NF : flags_src.a;
    c->b = args == 'n' ? tcg_constant_i64(0) : args == 'c' ? flags_src.a : flags_src.b;
    if (args == 's' && !flags_src.sf && lo32_ok) {
        c->lo32 = true;
    } else if (args == 's' && !flags_src.sf) {
        c->a = tcg_temp_new_i64();
        c->b = tcg_temp_new_i64();
        tcg_gen_ext32s_i64(c->a, flags_src.a);
        tcg_gen_ext32s_i64(c->b, flags_src.b);
    }
    return true;
}

/* As arm_test_cc, and c->lo32 may be set (a branch compares 32-bit
 * values: for CMP w and a signed condition, one cmp r32 + jcc). */
static void test_cc(DisasCompare *c, int cc, bool lo32_ok)
{
    TCGv_i64 t;
    bool invert = cc & 1;
    c->lo32 = false;
    if (test_cc_operands(c, cc, lo32_ok)) {
        return;
    }
    c->b = tcg_constant_i64(0);
    switch (cc >> 1) {
    case 0: /* EQ: Z set */
        c->cond = TCG_COND_EQ;
        c->a = cpu_ZF;
        break;
    case 1: /* CS: C set */
        c->cond = TCG_COND_NE;
        c->a = cpu_CF;
        break;
    case 2: /* MI: N set */
        c->cond = TCG_COND_LT;
        c->a = cpu_NF;
        break;
    case 3: /* VS: V set */
        c->cond = TCG_COND_LT;
        c->a = cpu_VF;
        break;
    case 4: /* HI: C set and Z clear */
        t = tcg_temp_new_i64();
        tcg_gen_neg_i64(t, cpu_CF);
        tcg_gen_and_i64(t, t, cpu_ZF);
        c->cond = TCG_COND_NE;
        c->a = t;
        break;
    case 5: /* GE: N == V */
        t = tcg_temp_new_i64();
        tcg_gen_xor_i64(t, cpu_NF, cpu_VF);
        c->cond = TCG_COND_GE;
        c->a = t;
        break;
    case 6: /* GT: Z clear and N == V */
        t = tcg_temp_new_i64();
        tcg_gen_xor_i64(t, cpu_NF, cpu_VF);
        tcg_gen_sari_i64(t, t, 63);
        tcg_gen_andc_i64(t, cpu_ZF, t);
        c->cond = TCG_COND_NE;
        c->a = t;
        break;
    default: /* AL, and NV which behaves as AL in A64 */
        c->cond = TCG_COND_ALWAYS;
        c->a = cpu_ZF;
        invert = false;
        break;
    }
    if (invert) {
        c->cond = tcg_invert_cond(c->cond);
    }
}

void arm_test_cc(DisasCompare *c, int cc)
{
    test_cc(c, cc, false);
}

void gen_brcond_cc(int cc, TCGLabel *label)
{
    DisasCompare c;
    test_cc(&c, cc, true);
    if (c.lo32) {
        TCGv_i32 a = tcg_temp_new_i32(), b = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(a, c.a);
        tcg_gen_extrl_i64_i32(b, c.b);
        tcg_gen_brcond_i32(c.cond, a, b, label);
    } else {
        tcg_gen_brcond_i64(c.cond, c.a, c.b, label);
    }
}

/* ---- control ---- */

void gen_goto_tb(DisasContext *s, int n, uint64_t dest)
{
    /* Chaining across pages is safe here: invalidating a page unlinks
     * every jump into its blocks. */
    tcg_gen_goto_tb(n);
    tcg_gen_movi_i64(cpu_pc, dest);
    tcg_gen_exit_tb(s->tb, n);
    s->is_jmp = DISAS_NORETURN;
}

void gen_jump_reg(DisasContext *s, TCGv_i64 var)
{
    tcg_gen_mov_i64(cpu_pc, var);
    s->is_jmp = DISAS_JUMP;
}

static void helper_exception(CPUARMState *env, uint32_t excp, uint32_t syndrome)
{
    CPUState *cs = arm_env_cpu(env);
    env->exception_syndrome = syndrome;
    cs->exception_index = excp;
    cpu_loop_exit(cs);
}
static DEF_HELPER_INFO(exception, TCG_CALL_NO_WG | TCG_CALL_MAY_RAISE, VOID,
                       PTR, I32, I32);

static void gen_exception_at(DisasContext *s, uint64_t pc, int excp,
                             uint32_t syndrome)
{
    tcg_gen_movi_i64(cpu_pc, pc);
    tcg_gen_call(exception, NULL, tcg_env, tcg_constant_i32(excp),
                 tcg_constant_i32(syndrome));
    s->is_jmp = DISAS_NORETURN;
}

void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome)
{
    gen_exception_at(s, s->pc_curr, excp, syndrome);
}

void gen_exception_next(DisasContext *s, int excp, uint32_t syndrome)
{
    gen_exception_at(s, s->pc_next, excp, syndrome);
}

void unallocated_encoding(DisasContext *s)
{
    gen_exception_insn(s, EXCP_UDEF, s->insn);
}

/* ---- FP/SIMD registers ---- */

TCGv_i64 read_fp_dreg(DisasContext *s, int n)
{
    TCGv_i64 v = tcg_temp_new_i64();
    tcg_gen_ld_i64(v, tcg_env, vreg_offset(n));
    return v;
}

TCGv_i32 read_fp_sreg(DisasContext *s, int n)
{
    TCGv_i32 v = tcg_temp_new_i32();
    tcg_gen_ld_i32(v, tcg_env, vreg_offset(n));
    return v;
}

void write_fp_dreg(DisasContext *s, int n, TCGv_i64 v)
{
    tcg_gen_st_i64(v, tcg_env, vreg_offset(n));
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, vreg_offset(n) + 8);
}

void write_fp_sreg(DisasContext *s, int n, TCGv_i32 v)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(t, v);
    write_fp_dreg(s, n, t);
}

void clear_vec_high(DisasContext *s, int n)
{
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, vreg_offset(n) + 8);
}

/* ---- the block loop ---- */

static void helper_count_insns(CPUARMState *env, uint32_t n)
{
    arm_env_cpu(env)->stat_insns_executed += n;
}
static DEF_HELPER_INFO(count_insns, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32);

bool a64_count_insns;

static void translate_one(DisasContext *s)
{
    uint32_t insn;
    if (!guest_code_fetch(s->pc_curr, &insn, 4)) {
        gen_exception_insn(s, EXCP_PREFETCH_ABORT, 0);
        return;
    }
    s->insn = insn;
    const char *name = NULL;
    switch (decode_insn(a64_table, s, insn, &name)) {
    case DECODE_OK:
        return;
    case DECODE_UNIMPLEMENTED:
        if (qemu_loglevel_mask(LOG_UNIMP)) {
            mimic_log("unimplemented A64 instruction %08x (%s) at %016" PRIx64 "\n",
                      insn, name, s->pc_curr);
        }
        break;
    case DECODE_UNALLOCATED:
        if (qemu_loglevel_mask(LOG_UNIMP)) {
            mimic_log("unallocated A64 encoding %08x at %016" PRIx64 "\n",
                      insn, s->pc_curr);
        }
        break;
    }
    unallocated_encoding(s);
}

void aarch64_translate(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContext s = {
        .tb = tb,
        .cpu = cpu,
        .model = arm_cpu(cpu)->model,
        .pc_first = tb->pc,
        .pc_curr = tb->pc,
        .is_jmp = DISAS_NEXT,
    };
    flags_src.kind = FLAGS_NONE;
    int count_op = -1;
    if (a64_count_insns) {
        tcg_gen_call(count_insns, NULL, tcg_env, tcg_constant_i32(0));
        count_op = tcg_ctx->nb_ops - 1;
    }
    for (;;) {
        s.pc_next = s.pc_curr + 4;
        tcg_gen_insn_start(s.pc_curr);
        translate_one(&s);
        s.num_insns++;
        if (s.is_jmp != DISAS_NEXT || tcg_ctx->overflow) {
            break;
        }
        s.pc_curr = s.pc_next;
        if (s.num_insns >= max_insns || (s.pc_curr & ~TB_PAGE_MASK) == 0) {
            s.is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    switch (s.is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_goto_tb(&s, 0, s.pc_next);
        break;
    case DISAS_JUMP:
        tcg_gen_lookup_and_goto_ptr();
        break;
    case DISAS_EXIT:
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_NORETURN:
        break;
    }
    if (count_op >= 0) {
        /* The count is known only now: patch the call's constant argument. */
        tcg_ctx->ops[count_op].args[1] = tcgv_i32_arg(tcg_constant_i32(s.num_insns));
    }
    tb->size = s.pc_next - s.pc_first;
    tb->icount = s.num_insns;
}
