/*
 * NZCV in translated A64 code: the flag setters, the conditions that read
 * the flags, and where the flags are at each point of a block.
 *
 * A flag setter (SUBS/CMP, ADDS/CMN, ANDS/TST/BICS) computes no flag: it
 * stores a lazy form, its operands in cc_a/cc_b and their operation in
 * cc_op (three stores at most, and none where a later setter in the block
 * overwrites them).  A condition right after the setter compares the
 * setter's operands (one host cmp + jcc/cmov); the flags themselves (NF..VF)
 * are computed only where something needs them: a condition with no
 * operand form, the carry of ADC, CCMP, FCMP's writes over them.  In the
 * block of the setter that is inline code; at the start of a block, where
 * the form is known only at run time, a call computes them when cc_op says
 * they are lazy.  Outside translated code, NZCV is read and written through
 * aarch64_get_nzcv/aarch64_set_nzcv (cpu.c), which know the lazy forms.
 */
#include "tcg/disas.h"
#include "translate-a64.h"

TCGv_i64 cpu_NF, cpu_ZF, cpu_CF, cpu_VF;
static TCGv_i64 cpu_cc_op, cpu_cc_a, cpu_cc_b;

void a64_flags_init(void)
{
    cpu_NF = tcg_global_mem_new_i64(offsetof(CPUARMState, NF), "NF");
    cpu_ZF = tcg_global_mem_new_i64(offsetof(CPUARMState, ZF), "ZF");
    cpu_CF = tcg_global_mem_new_i64(offsetof(CPUARMState, CF), "CF");
    cpu_VF = tcg_global_mem_new_i64(offsetof(CPUARMState, VF), "VF");
    cpu_cc_op = tcg_global_mem_new_i64(offsetof(CPUARMState, cc_op), "cc_op");
    cpu_cc_a = tcg_global_mem_new_i64(offsetof(CPUARMState, cc_a), "cc_a");
    cpu_cc_b = tcg_global_mem_new_i64(offsetof(CPUARMState, cc_b), "cc_b");
}

static void helper_nzcv_materialise(CPUARMState *env)
{
    aarch64_nzcv_materialise(env);
}
static DEF_HELPER_INFO(nzcv_materialise, 0, VOID, PTR);

/* The last flag setter of the block and where NZCV is.  SUB: NZCV of
 * a - b; ADD: of a + b; LOGIC: NZ of the result a, C and V clear.  a and b
 * are copies made for this (the optimizer's copy propagation folds them
 * away), zero-extended at 32 bits; n is what NF would hold (the result,
 * sign-extended from 32 bits).  The record holds while no op after mark
 * writes a flag global.  Per translating thread, reset at each block's
 * start. */
typedef enum FlagsKind { FLAGS_NONE, FLAGS_SUB, FLAGS_ADD, FLAGS_LOGIC } FlagsKind;
typedef enum NzcvAt {
    NZCV_UNKNOWN,       /* cc_op says, at run time (a block's start) */
    NZCV_IN_FLAGS,      /* NF..VF; cc_op is CC_OP_FLAGS */
    NZCV_LAZY,          /* the record's lazy form in cc_op, cc_a, cc_b */
} NzcvAt;
static __thread struct {
    NzcvAt at;
    FlagsKind kind;
    int sf;
    TCGv_i64 a, b, n;
    int mark;
} flags_src;

void a64_flags_block_start(void)
{
    flags_src.kind = FLAGS_NONE;
    flags_src.at = NZCV_UNKNOWN;
}

static bool record_holds(void)
{
    const TCGv_i64 flags[] = { cpu_NF, cpu_ZF, cpu_CF, cpu_VF, cpu_cc_op, cpu_cc_a, cpu_cc_b };
    return flags_src.kind != FLAGS_NONE &&
           !tcg_written_since(flags_src.mark, flags, sizeof(flags) / sizeof(flags[0]));
}

/* Records a setter and stores its lazy form.  r is the result before any
 * 32-bit truncation. */
static void note_setter(FlagsKind kind, int sf, TCGv_i64 a, TCGv_i64 b, TCGv_i64 r)
{
    static const uint8_t cc_op[][2] = {
        [FLAGS_SUB] = { CC_OP_SUB32, CC_OP_SUB64 },
        [FLAGS_ADD] = { CC_OP_ADD32, CC_OP_ADD64 },
        [FLAGS_LOGIC] = { CC_OP_LOGIC32, CC_OP_LOGIC64 },
    };
    flags_src.kind = kind;
    flags_src.sf = sf;
    flags_src.a = tcg_temp_new_i64();
    tcg_gen_mov_i64(flags_src.a, a);
    tcg_gen_mov_i64(cpu_cc_a, a);
    if (b) {
        flags_src.b = tcg_temp_new_i64();
        tcg_gen_mov_i64(flags_src.b, b);
        tcg_gen_mov_i64(cpu_cc_b, b);
    }
    flags_src.n = tcg_temp_new_i64();
    (sf ? tcg_gen_mov_i64 : tcg_gen_ext32s_i64)(flags_src.n, r);
    tcg_gen_movi_i64(cpu_cc_op, cc_op[kind][sf]);
    flags_src.mark = tcg_ctx->nb_ops;
    flags_src.at = NZCV_LAZY;
}

/* C of the record as 0 or 1, and V at bit 63 (the other bits mean
 * nothing): the lazy form's meaning, which cpu.c's lazy_flags computes at
 * run time too.  At 32 bits only bit 31 of the sums matters for V, which
 * n carries. */
static TCGv_i64 carry_of_record(void)
{
    TCGv_i64 c = tcg_temp_new_i64();
    switch (flags_src.kind) {
    case FLAGS_SUB:
        tcg_gen_setcond_i64(TCG_COND_GEU, c, flags_src.a, flags_src.b);
        break;
    case FLAGS_ADD:
        if (flags_src.sf) {
            tcg_gen_setcond_i64(TCG_COND_LTU, c, flags_src.n, flags_src.a);
        } else {
            tcg_gen_add_i64(c, flags_src.a, flags_src.b);
            tcg_gen_shri_i64(c, c, 32);
        }
        break;
    default:
        tcg_gen_movi_i64(c, 0);
        break;
    }
    return c;
}

static TCGv_i64 overflow_of_record(void)
{
    TCGv_i64 a = flags_src.a, b = flags_src.b, n = flags_src.n;
    TCGv_i64 v = tcg_temp_new_i64(), t = tcg_temp_new_i64();
    switch (flags_src.kind) {
    case FLAGS_SUB:
        tcg_gen_xor_i64(v, a, b);
        tcg_gen_xor_i64(t, a, n);
        tcg_gen_and_i64(v, v, t);
        break;
    case FLAGS_ADD:
        tcg_gen_xor_i64(v, n, a);
        tcg_gen_xor_i64(t, a, b);
        tcg_gen_andc_i64(v, v, t);
        break;
    default:
        tcg_gen_movi_i64(v, 0);
        break;
    }
    if (!flags_src.sf) {
        tcg_gen_shli_i64(v, v, 32);   /* bit 31 becomes V's bit 63 */
    }
    return v;
}

/* NF..VF from the record. */
static void flags_of_record(void)
{
    tcg_gen_mov_i64(cpu_CF, carry_of_record());
    tcg_gen_mov_i64(cpu_VF, overflow_of_record());
    tcg_gen_mov_i64(cpu_NF, flags_src.n);
    tcg_gen_mov_i64(cpu_ZF, flags_src.n);
}

/* With cc_op CC_OP_FLAGS, cc_a and cc_b mean nothing: the optimizer may
 * drop their stores since the last point that could observe them. */
static void discard_lazy_operands(void)
{
    tcg_gen_discard_i64(cpu_cc_a);
    tcg_gen_discard_i64(cpu_cc_b);
}

void gen_nzcv_materialise(void)
{
    if (flags_src.at == NZCV_LAZY && record_holds()) {
        flags_of_record();
        tcg_gen_movi_i64(cpu_cc_op, CC_OP_FLAGS);
        discard_lazy_operands();
        flags_src.mark = tcg_ctx->nb_ops;   /* the same flags: the record holds */
    } else if (flags_src.at != NZCV_IN_FLAGS) {
        TCGLabel *done = gen_new_label();
        tcg_gen_brcondi_i64(TCG_COND_EQ, cpu_cc_op, CC_OP_FLAGS, done);
        tcg_gen_call(nzcv_materialise, NULL, tcg_env);
        gen_set_label(done);
    }
    flags_src.at = NZCV_IN_FLAGS;
}

void gen_nzcv_overwrite(void)
{
    if (flags_src.at != NZCV_IN_FLAGS) {
        tcg_gen_movi_i64(cpu_cc_op, CC_OP_FLAGS);
        discard_lazy_operands();
    }
    flags_src.at = NZCV_IN_FLAGS;
    flags_src.kind = FLAGS_NONE;
}

TCGv_i64 gen_read_carry(void)
{
    if (flags_src.at != NZCV_LAZY || !record_holds()) {
        gen_nzcv_materialise();
        return cpu_CF;
    }
    return carry_of_record();
}

/* Instruction classes for looking ahead into a successor (Arm ARM C4.1
 * encodings): which read NZCV, which set all of it without reading it,
 * which end a block.  Anything else neither reads nor writes NZCV. */
enum { NZCV_READ, NZCV_SET, NZCV_STOP };
static const struct { uint32_t mask, bits; uint8_t effect; } nzcv_use[] = {
    { 0xff000010, 0x54000000, NZCV_READ },  /* B.cond */
    { 0x1fe00000, 0x1a800000, NZCV_READ },  /* CSEL CSINC CSINV CSNEG */
    { 0x1fe00000, 0x1a400000, NZCV_READ },  /* CCMN CCMP */
    { 0x1fe0fc00, 0x1a000000, NZCV_READ },  /* ADC ADCS SBC SBCS */
    { 0xff200c00, 0x1e200c00, NZCV_READ },  /* FCSEL */
    { 0xff200c00, 0x1e200400, NZCV_READ },  /* FCCMP FCCMPE */
    { 0xffffffe0, 0xd53b4200, NZCV_READ },  /* MRS Xt, NZCV */
    { 0x3f800000, 0x31000000, NZCV_SET },   /* ADDS SUBS (immediate) */
    { 0x3f000000, 0x2b000000, NZCV_SET },   /* ADDS SUBS (shifted, extended) */
    { 0x7f800000, 0x72000000, NZCV_SET },   /* ANDS (immediate) */
    { 0x7f000000, 0x6a000000, NZCV_SET },   /* ANDS BICS (shifted) */
    { 0xff20fc07, 0x1e202000, NZCV_SET },   /* FCMP FCMPE */
    { 0x7c000000, 0x14000000, NZCV_STOP },  /* B BL */
    { 0x7c000000, 0x34000000, NZCV_STOP },  /* CBZ CBNZ TBZ TBNZ */
    { 0xfe000000, 0xd6000000, NZCV_STOP },  /* BR BLR RET ... */
    { 0xff000000, 0xd4000000, NZCV_STOP },  /* SVC BRK ... */
};

/* Whether the code at pc may read NZCV before setting it: a look at its
 * first instructions (up to a branch).  A guess either way is correct (a
 * block reads a lazy form through a run-time check); it decides only
 * whether an exit computes the flags inline or leaves them lazy. */
static bool flags_read_at(uint64_t pc)
{
    for (int i = 0; i < 8; i++) {
        uint32_t insn;
        if (!guest_code_fetch(pc + 4 * i, &insn, 4)) {
            return false;
        }
        for (size_t k = 0; k < sizeof(nzcv_use) / sizeof(nzcv_use[0]); k++) {
            if ((insn & nzcv_use[k].mask) == nzcv_use[k].bits) {
                return nzcv_use[k].effect == NZCV_READ;
            }
        }
    }
    return false;
}

void gen_flags_for_exits(uint64_t dest0, uint64_t dest1)
{
    if (flags_src.at == NZCV_LAZY && record_holds() &&
        (flags_read_at(dest0) || (dest1 != dest0 && flags_read_at(dest1)))) {
        gen_nzcv_materialise();
    }
}

/* The a and b of a setter: zero-extended at 32 bits. */
static void setter_operands(int sf, TCGv_i64 *a, TCGv_i64 *b)
{
    if (!sf) {
        TCGTemp *bt = tcgv_i64_temp(*b);
        TCGv_i64 x = tcg_temp_new_i64();
        tcg_gen_ext32u_i64(x, *a);
        *a = x;
        if (bt->kind == TEMP_CONST) {
            *b = tcg_constant_i64((uint32_t)bt->val);
        } else {
            TCGv_i64 y = tcg_temp_new_i64();
            tcg_gen_ext32u_i64(y, *b);
            *b = y;
        }
    }
}

static void put_result(int sf, TCGv_i64 result, TCGv_i64 r)
{
    (sf ? tcg_gen_mov_i64 : tcg_gen_ext32u_i64)(result, r);
}

void gen_logic_flags(int sf, TCGv_i64 result)
{
    note_setter(FLAGS_LOGIC, sf, result, NULL, result);
}

/* result = a + b + cin with NZCV computed (ADCS, SBCS); cin is 0 or 1. */
static void gen_adc_flags(int sf, TCGv_i64 result, TCGv_i64 a, TCGv_i64 b,
                          TCGv_i64 cin)
{
    TCGv_i64 r = tcg_temp_new_i64();
    TCGv_i64 c = tcg_temp_new_i64();
    TCGv_i64 v = tcg_temp_new_i64();
    TCGv_i64 t = tcg_temp_new_i64();
    if (sf) {
        TCGv_i64 c2 = tcg_temp_new_i64();
        tcg_gen_add_i64(t, a, cin);
        tcg_gen_setcond_i64(TCG_COND_LTU, c, t, a);
        tcg_gen_add_i64(r, t, b);
        tcg_gen_setcond_i64(TCG_COND_LTU, c2, r, t);
        tcg_gen_or_i64(c, c, c2);
        /* V: the operands agree in sign and the result does not. */
        tcg_gen_xor_i64(v, r, a);
        tcg_gen_xor_i64(t, a, b);
        tcg_gen_andc_i64(v, v, t);
    } else {
        setter_operands(sf, &a, &b);
        tcg_gen_add_i64(r, a, b);
        tcg_gen_add_i64(r, r, cin);
        tcg_gen_shri_i64(c, r, 32);
        tcg_gen_xor_i64(v, r, a);
        tcg_gen_xor_i64(t, a, b);
        tcg_gen_andc_i64(v, v, t);
        tcg_gen_shli_i64(v, v, 32);
        tcg_gen_ext32u_i64(r, r);
    }
    gen_nzcv_overwrite();
    (sf ? tcg_gen_mov_i64 : tcg_gen_ext32s_i64)(cpu_NF, r);
    tcg_gen_mov_i64(cpu_ZF, cpu_NF);
    tcg_gen_mov_i64(cpu_CF, c);
    tcg_gen_mov_i64(cpu_VF, v);
    tcg_gen_mov_i64(result, r);
}

void gen_add_flags(int sf, TCGv_i64 result, TCGv_i64 a, TCGv_i64 b,
                   bool with_carry)
{
    if (with_carry) {
        gen_adc_flags(sf, result, a, b, gen_read_carry());
        return;
    }
    setter_operands(sf, &a, &b);
    TCGv_i64 r = tcg_temp_new_i64();
    tcg_gen_add_i64(r, a, b);
    put_result(sf, result, r);
    /* CMN with an immediate k sets the flags CMP with -k sets (C: a + k
     * carries iff a >= 2^w - k; V alike but for k = 0 and the sign bit),
     * and SUB has a compare for every condition. */
    TCGTemp *bt = tcgv_i64_temp(b);
    uint64_t k = bt->val, sign = sf ? 1ull << 63 : 1ull << 31;
    if (bt->kind == TEMP_CONST && k && k != sign) {
        note_setter(FLAGS_SUB, sf, a, tcg_constant_i64(sf ? -k : (uint32_t)-k), r);
    } else {
        note_setter(FLAGS_ADD, sf, a, b, r);
    }
}

void gen_sub_flags(int sf, TCGv_i64 result, TCGv_i64 a, TCGv_i64 b,
                   bool with_carry)
{
    if (with_carry) {
        /* a - b - !C = a + ~b + C. */
        TCGv_i64 cin = gen_read_carry();
        TCGv_i64 nb = tcg_temp_new_i64();
        tcg_gen_not_i64(nb, b);
        gen_adc_flags(sf, result, a, nb, cin);
        return;
    }
    setter_operands(sf, &a, &b);
    TCGv_i64 r = tcg_temp_new_i64();
    tcg_gen_sub_i64(r, a, b);
    put_result(sf, result, r);
    note_setter(FLAGS_SUB, sf, a, b, r);
}

void gen_set_nzcv_imm(unsigned nzcv)
{
    gen_nzcv_overwrite();
    tcg_gen_movi_i64(cpu_NF, (nzcv & 8) ? -1 : 0);
    tcg_gen_movi_i64(cpu_ZF, (nzcv & 4) ? 0 : 1);
    tcg_gen_movi_i64(cpu_CF, (nzcv >> 1) & 1);
    tcg_gen_movi_i64(cpu_VF, (nzcv & 1) ? INT64_MIN : 0);
}

/* The condition on the operands of the last flag setter, if its record
 * holds and the condition has such a form.  Per kind, by cc >> 1 (EQ CS MI
 * VS HI GE GT): the comparison and its operands: u (a, b), s (a, b) signed
 * at the setter's width, n (n, 0), c (n, a): n is the 64-bit sum, and
 * a + b carries iff it is below a. */
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
    if (cc >= 14 || !record_holds()) {
        return false;
    }
    char args = forms[flags_src.kind][cc >> 1].args;
    if (!args || (args == 'c' && !flags_src.sf)) {
        return false;
    }
    c->cond = forms[flags_src.kind][cc >> 1].cond;
    if (cc & 1) {
        c->cond = tcg_invert_cond(c->cond);
    }
    c->a = args == 'n' || args == 'c' ? flags_src.n : flags_src.a;
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
    if (cc >> 1 == 1) {    /* CS: C set, which a lazy form gives alone */
        c->cond = invert ? TCG_COND_EQ : TCG_COND_NE;
        c->a = gen_read_carry();
        return;
    }
    if (cc >> 1 == 3 && flags_src.at == NZCV_LAZY && record_holds()) {
        /* VS: V alone from the record (overflow checks: adds; b.vs). */
        c->cond = invert ? TCG_COND_GE : TCG_COND_LT;
        c->a = overflow_of_record();
        return;
    }
    if (cc < 14) {
        gen_nzcv_materialise();
    }
    switch (cc >> 1) {
    case 0: /* EQ: Z set */
        c->cond = TCG_COND_EQ;
        c->a = cpu_ZF;
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
