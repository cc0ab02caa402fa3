/*
 * A64 "Data Processing -- Register" (Arm ARM C4.1.5): logical and
 * add/subtract with shifted or extended register, add/subtract with carry,
 * conditional compare and select, and the 1-, 2- and 3-source groups
 * (bit reversal, byte reversal, count leading, division, variable shifts,
 * CRC32, multiply-add and multiply-high).
 *
 * Register 31 is XZR here except in ADD/SUB (extended register), where it
 * is SP as the first operand, and as the result when flags are not set.
 * W forms compute on the low 32 bits and write the result zero-extended;
 * flags come from the 32-bit result.  Where the upper half of a W operand
 * cannot reach the low 32 bits of the result (add, logic, left shifts) the
 * full X register is used as is.
 */
#include "translate-a64.h"

/* ---- run-time helpers ---- */

/*
 * CRC32 and CRC32C: the bit-reflected CRC of the low `bytes` bytes of val,
 * taken least significant byte first, continuing from acc, with no
 * inversion before or after (the Arm pseudocode's BitReverse of
 * Poly32Mod2 is exactly the reflected shift-right form).
 */
static uint32_t crc_tables[2][256];

static void __attribute__((constructor)) crc_tables_init(void)
{
    static const uint32_t polys[2] = { 0xedb88320u, 0x82f63b78u };
    for (int p = 0; p < 2; p++) {
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) {
                c = (c >> 1) ^ (polys[p] & -(c & 1));
            }
            crc_tables[p][i] = c;
        }
    }
}

static uint64_t crc_update(const uint32_t *table, uint64_t acc, uint64_t val,
                           uint32_t bytes)
{
    uint32_t crc = (uint32_t)acc;
    for (uint32_t i = 0; i < bytes; i++) {
        crc = (crc >> 8) ^ table[(crc ^ (val >> (8 * i))) & 0xff];
    }
    return crc;
}

static uint64_t helper_crc32(uint64_t acc, uint64_t val, uint32_t bytes)
{
    return crc_update(crc_tables[0], acc, val, bytes);
}
static DEF_HELPER_INFO(crc32, TCG_CALL_PURE, I64, I64, I64, I32);

static uint64_t helper_crc32c(uint64_t acc, uint64_t val, uint32_t bytes)
{
    return crc_update(crc_tables[1], acc, val, bytes);
}
static DEF_HELPER_INFO(crc32c, TCG_CALL_PURE, I64, I64, I64, I32);

/* ---- operand forms ---- */

enum { SHIFT_LSL, SHIFT_LSR, SHIFT_ASR, SHIFT_ROR };

/* Rm shifted by a constant amount (< datasize), for the shifted-register
 * forms.  The result's bits above datasize are don't-care. */
static TCGv_i64 read_shifted_reg(DisasContext *s, int rm, int sf, int type,
                                 unsigned amount)
{
    TCGv_i64 src = read_x(s, rm);
    if (amount == 0) {
        return src;
    }
    /* W forms: right shifts and rotates must not pull in bits 63:32. */
    TCGv_i64 t = tcg_temp_new_i64();
    switch (type) {
    case SHIFT_LSL:
        tcg_gen_shli_i64(t, src, amount);
        break;
    case SHIFT_LSR:
        if (sf) {
            tcg_gen_shri_i64(t, src, amount);
        } else {
            gen_bitfield32_i64(t, src, false, true, amount, 32 - amount);
        }
        break;
    case SHIFT_ASR:
        if (sf) {
            tcg_gen_sari_i64(t, src, amount);
        } else {
            gen_bitfield32_i64(t, src, true, true, amount, 32 - amount);
        }
        break;
    default:
        if (sf) {
            tcg_gen_rotri_i64(t, src, amount);
        } else {
            gen_ror32_i64(t, src, amount);
        }
        break;
    }
    return t;
}

/* Rm extended (UXTB .. SXTX by option) and shifted left by 0-4. */
static TCGv_i64 read_extended_reg(DisasContext *s, int rm, int option,
                                  unsigned shift)
{
    TCGv_i64 src = read_x(s, rm);
    TCGv_i64 t = tcg_temp_new_i64();
    switch (option) {
    case 0: tcg_gen_ext8u_i64(t, src); break;
    case 1: tcg_gen_ext16u_i64(t, src); break;
    case 2: tcg_gen_ext32u_i64(t, src); break;
    case 4: tcg_gen_ext8s_i64(t, src); break;
    case 5: tcg_gen_ext16s_i64(t, src); break;
    case 6: tcg_gen_ext32s_i64(t, src); break;
    default: tcg_gen_mov_i64(t, src); break;   /* UXTX, SXTX */
    }
    if (shift) {
        tcg_gen_shli_i64(t, t, shift);
    }
    return t;
}

/* ---- logical (shifted register) ---- */

static bool trans_logic_reg(DisasContext *s, const DecodeArgs *a)
{
    if (!a->sf && a->imm6 >= 32) {
        unallocated_encoding(s);
        return true;
    }
    TCGv_i64 rn = read_x(s, a->Rn);
    TCGv_i64 rm = read_shifted_reg(s, a->Rm, a->sf, a->shift, a->imm6);
    TCGv_i64 t = tcg_temp_new_i64();
    /* opc picks AND, ORR, EOR, ANDS; N inverts Rm (BIC, ORN, EON, BICS). */
    switch (a->opc * 2 + a->N) {
    case 0: case 6: tcg_gen_and_i64(t, rn, rm); break;
    case 1: case 7: tcg_gen_andc_i64(t, rn, rm); break;
    case 2: tcg_gen_or_i64(t, rn, rm); break;
    case 3: tcg_gen_orc_i64(t, rn, rm); break;
    case 4: tcg_gen_xor_i64(t, rn, rm); break;
    default: tcg_gen_eqv_i64(t, rn, rm); break;
    }
    if (a->opc == 3) {
        gen_logic_flags(a->sf, t);
    }
    write_reg(s, a->Rd, a->sf, t);
    return true;
}

/* ---- add/subtract ---- */

/* Rd = Rn +/- op2, with flags if S; rd_sp says Rd 31 is SP. */
static void gen_add_sub(DisasContext *s, const DecodeArgs *a, TCGv_i64 rn,
                        TCGv_i64 op2, bool rd_sp)
{
    TCGv_i64 t = tcg_temp_new_i64();
    if (a->S) {
        if (a->op) {
            gen_sub_flags(a->sf, t, rn, op2, false);
        } else {
            gen_add_flags(a->sf, t, rn, op2, false);
        }
        write_reg(s, a->Rd, a->sf, t);
        return;
    }
    if (a->op) {
        tcg_gen_sub_i64(t, rn, op2);
    } else {
        tcg_gen_add_i64(t, rn, op2);
    }
    if (rd_sp) {
        write_reg_sp(s, a->Rd, a->sf, t);
    } else {
        write_reg(s, a->Rd, a->sf, t);
    }
}

static bool trans_ADD_SUB_shift(DisasContext *s, const DecodeArgs *a)
{
    if (a->shift == SHIFT_ROR || (!a->sf && a->imm6 >= 32)) {
        unallocated_encoding(s);
        return true;
    }
    gen_add_sub(s, a, read_x(s, a->Rn),
                read_shifted_reg(s, a->Rm, a->sf, a->shift, a->imm6), false);
    return true;
}

static bool trans_ADD_SUB_ext(DisasContext *s, const DecodeArgs *a)
{
    if (a->opt != 0 || a->imm3 > 4) {
        unallocated_encoding(s);
        return true;
    }
    gen_add_sub(s, a, read_x_sp(s, a->Rn),
                read_extended_reg(s, a->Rm, a->option, a->imm3), !a->S);
    return true;
}

static bool trans_ADC_SBC(DisasContext *s, const DecodeArgs *a)
{
    /* SBC is Rn + NOT(Rm) + C. */
    TCGv_i64 rn = read_x(s, a->Rn);
    TCGv_i64 rm = read_x(s, a->Rm);
    TCGv_i64 t = tcg_temp_new_i64();
    if (a->S) {
        if (a->op) {
            gen_sub_flags(a->sf, t, rn, rm, true);
        } else {
            gen_add_flags(a->sf, t, rn, rm, true);
        }
    } else {
        if (a->op) {
            tcg_gen_not_i64(t, rm);
            tcg_gen_add_i64(t, rn, t);
        } else {
            tcg_gen_add_i64(t, rn, rm);
        }
        tcg_gen_add_i64(t, t, gen_read_carry());
    }
    write_reg(s, a->Rd, a->sf, t);
    return true;
}

/* ---- conditional compare and select ---- */

/* Operands whose flags as CCMP compares them (SUB) or CCMN adds them
 * (ADD) at width sf are nzcv (bits 3:0), so that the immediate flags fit
 * the setter's lazy form; false for the sets no pair gives (Z needs C
 * under SUB, Z excludes N).  Found among values at the ends of the
 * ranges by the function that evaluates lazy forms, not by hand. */
static bool ccmp_imm_operands(bool add, int sf, unsigned nzcv, uint64_t *ka, uint64_t *kb)
{
    unsigned w = sf ? 64 : 32;
    uint64_t top = 1ull << (w - 1), ones = sf ? -1ull : 0xffffffffull;
    const uint64_t edge[] = { 0, 1, 2, ones, top >> 1, top, top + 1, top - 1 };
    uint64_t cc_op = add ? (sf ? CC_OP_ADD64 : CC_OP_ADD32) : (sf ? CC_OP_SUB64 : CC_OP_SUB32);
    for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++) {
        for (size_t j = 0; j < sizeof(edge) / sizeof(edge[0]); j++) {
            if (aarch64_lazy_nzcv(cc_op, edge[i], edge[j]) >> 28 == nzcv) {
                *ka = edge[i];
                *kb = edge[j];
                return true;
            }
        }
    }
    return false;
}

/* d = v where mask is all-ones, else the constant k (mask is 0 or -1). */
static TCGv_i64 gen_select_const(TCGv_i64 mask, TCGv_i64 v, uint64_t k)
{
    TCGv_i64 d = tcg_temp_new_i64();
    if (k == 0) {
        tcg_gen_and_i64(d, v, mask);
    } else {
        tcg_gen_xori_i64(d, v, k);
        tcg_gen_and_i64(d, d, mask);
        tcg_gen_xori_i64(d, d, k);
    }
    return d;
}

static bool gen_ccmp(DisasContext *s, const DecodeArgs *a, TCGv_i64 op2)
{
    if (!a->S || a->o2 || a->o3) {
        unallocated_encoding(s);
        return true;
    }
    void (*gen_flags)(int, TCGv_i64, TCGv_i64, TCGv_i64, bool) =
        a->op ? gen_sub_flags : gen_add_flags;
    TCGv_i64 rn = read_x(s, a->Rn);
    TCGv_i64 t = tcg_temp_new_i64();
    if (a->cond >= 14) {   /* AL, NV: always compare */
        gen_flags(a->sf, t, rn, op2, false);
        return true;
    }
    /* The condition on the old flags, as 1 or 0 (pass) and as a mask. */
    DisasCompare c;
    arm_test_cc(&c, a->cond);
    TCGv_i64 pass = tcg_temp_new_i64(), mask = tcg_temp_new_i64();
    tcg_gen_setcond_i64(c.cond, pass, c.a, c.b);
    tcg_gen_neg_i64(mask, pass);
    unsigned nzcv = a->nzcv;
    uint64_t ka, kb;
    if (ccmp_imm_operands(!a->op, a->sf, nzcv, &ka, &kb)) {
        /* Compare the operands, or where the condition fails two
         * constants that give the immediate flags: the result stays a
         * lazy form, which the next condition reads with one compare. */
        gen_flags(a->sf, t, gen_select_const(mask, rn, ka), gen_select_const(mask, op2, kb),
                  false);
        return true;
    }
    /* Else compare, then put the immediate flags back where the
     * condition failed: each flag ANDed with the mask (to clear it) or
     * ORed with its complement (to set it), as its encoding has it
     * (a64-flags.c: N and V the sign of NF and VF, Z when ZF is 0, C in
     * CF as 0 or 1). */
    gen_flags(a->sf, t, rn, op2, false);
    gen_nzcv_materialise();
    TCGv_i64 nmask = tcg_temp_new_i64(), npass = tcg_temp_new_i64();
    tcg_gen_subi_i64(nmask, pass, 1);
    tcg_gen_xori_i64(npass, pass, 1);
    (nzcv & 8 ? tcg_gen_or_i64 : tcg_gen_and_i64)(cpu_NF, cpu_NF, nzcv & 8 ? nmask : mask);
    (nzcv & 4 ? tcg_gen_and_i64 : tcg_gen_or_i64)(cpu_ZF, cpu_ZF, nzcv & 4 ? mask : npass);
    (nzcv & 2 ? tcg_gen_or_i64 : tcg_gen_and_i64)(cpu_CF, cpu_CF, nzcv & 2 ? npass : pass);
    (nzcv & 1 ? tcg_gen_or_i64 : tcg_gen_and_i64)(cpu_VF, cpu_VF, nzcv & 1 ? nmask : mask);
    return true;
}

static bool trans_CCMP_reg(DisasContext *s, const DecodeArgs *a)
{
    return gen_ccmp(s, a, read_x(s, a->Rm));
}

static bool trans_CCMP_imm(DisasContext *s, const DecodeArgs *a)
{
    return gen_ccmp(s, a, tcg_constant_i64(a->imm5));
}

static bool trans_CSEL(DisasContext *s, const DecodeArgs *a)
{
    if (a->S || a->op2 >= 2) {
        unallocated_encoding(s);
        return true;
    }
    /* The "else" operand: op:op2<0> = CSEL Rm, CSINC Rm+1, CSINV ~Rm,
     * CSNEG -Rm. */
    TCGv_i64 rm = read_x(s, a->Rm);
    TCGv_i64 alt = rm;
    if (a->op || a->op2) {
        alt = tcg_temp_new_i64();
        switch (a->op * 2 + a->op2) {
        case 1: tcg_gen_addi_i64(alt, rm, 1); break;
        case 2: tcg_gen_not_i64(alt, rm); break;
        default: tcg_gen_neg_i64(alt, rm); break;
        }
    }
    DisasCompare c;
    arm_test_cc(&c, a->cond);
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_movcond_i64(c.cond, t, c.a, c.b, read_x(s, a->Rn), alt);
    write_reg(s, a->Rd, a->sf, t);
    return true;
}

/* ---- data-processing (1 source) ---- */

/* t = ((t >> shift) & mask) | ((t & mask) << shift): swaps neighbouring
 * groups of shift bits. */
static void gen_swap_bit_groups(TCGv_i64 t, uint64_t mask, unsigned shift)
{
    TCGv_i64 hi = tcg_temp_new_i64();
    TCGv_i64 lo = tcg_temp_new_i64();
    tcg_gen_shri_i64(hi, t, shift);
    tcg_gen_andi_i64(hi, hi, mask);
    tcg_gen_andi_i64(lo, t, mask);
    tcg_gen_shli_i64(lo, lo, shift);
    tcg_gen_or_i64(t, hi, lo);
}

static bool trans_REV_RBIT(DisasContext *s, const DecodeArgs *a)
{
    /* opc: 0 RBIT, 1 REV16, 2 REV32 (X) / REV (W), 3 REV (X only). */
    if (!a->sf && a->opc == 3) {
        unallocated_encoding(s);
        return true;
    }
    TCGv_i64 rn = read_x(s, a->Rn);
    TCGv_i64 t = tcg_temp_new_i64();
    switch (a->opc) {
    case 0:
        /* Reverse the bytes, then the bits within each byte. */
        if (a->sf) {
            tcg_gen_bswap64_i64(t, rn);
        } else {
            tcg_gen_bswap32_i64(t, rn);
        }
        gen_swap_bit_groups(t, 0x0f0f0f0f0f0f0f0full, 4);
        gen_swap_bit_groups(t, 0x3333333333333333ull, 2);
        gen_swap_bit_groups(t, 0x5555555555555555ull, 1);
        break;
    case 1:
        tcg_gen_mov_i64(t, rn);
        gen_swap_bit_groups(t, 0x00ff00ff00ff00ffull, 8);
        break;
    case 2:
        if (a->sf) {
            tcg_gen_bswap64_i64(t, rn);
            tcg_gen_rotri_i64(t, t, 32);
        } else {
            tcg_gen_bswap32_i64(t, rn);
        }
        break;
    default:
        tcg_gen_bswap64_i64(t, rn);
        break;
    }
    write_reg(s, a->Rd, a->sf, t);
    return true;
}

static bool trans_CLZ_CLS(DisasContext *s, const DecodeArgs *a)
{
    /* CLS(x) = CLZ(x ^ (x >> 1, arithmetic)) - 1: the top bit of the xor
     * is always clear, and the first set bit below it is the first bit
     * that differs from the sign. */
    TCGv_i64 rn = read_x(s, a->Rn);
    TCGv_i64 t = tcg_temp_new_i64();
    if (a->sf) {
        if (a->op) {
            tcg_gen_sari_i64(t, rn, 1);
            tcg_gen_xor_i64(t, t, rn);
            tcg_gen_clz_i64(t, t);
            tcg_gen_subi_i64(t, t, 1);
        } else {
            tcg_gen_clz_i64(t, rn);
        }
    } else {
        TCGv_i32 w = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(w, rn);
        if (a->op) {
            TCGv_i32 h = tcg_temp_new_i32();
            tcg_gen_sari_i32(h, w, 1);
            tcg_gen_xor_i32(w, w, h);
            tcg_gen_clz_i32(w, w);
            tcg_gen_subi_i32(w, w, 1);
        } else {
            tcg_gen_clz_i32(w, w);
        }
        tcg_gen_extu_i32_i64(t, w);
    }
    write_reg(s, a->Rd, 1, t);   /* W results are zero-extended already */
    return true;
}

/* ---- data-processing (2 source) ---- */

/* The ops of UDIV, SDIV (o0) and LSLV, LSRV, ASRV, RORV (op2), by width.
 * The micro-ops already give the Arm results for x / 0 (0) and
 * MIN / -1 (MIN) and take shift counts modulo the width. */
typedef void GenBinI64(TCGv_i64, TCGv_i64, TCGv_i64);
typedef void GenBinI32(TCGv_i32, TCGv_i32, TCGv_i32);

static void gen_binop(DisasContext *s, const DecodeArgs *a, GenBinI64 *op64,
                      GenBinI32 *op32)
{
    TCGv_i64 t = tcg_temp_new_i64();
    if (a->sf) {
        op64(t, read_x(s, a->Rn), read_x(s, a->Rm));
    } else {
        TCGv_i32 n = tcg_temp_new_i32();
        TCGv_i32 m = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(n, read_x(s, a->Rn));
        tcg_gen_extrl_i64_i32(m, read_x(s, a->Rm));
        op32(n, n, m);
        tcg_gen_extu_i32_i64(t, n);
    }
    write_reg(s, a->Rd, 1, t);   /* W results are zero-extended already */
}

static bool trans_DIV(DisasContext *s, const DecodeArgs *a)
{
    if (a->o0) {
        gen_binop(s, a, tcg_gen_div_i64, tcg_gen_div_i32);
    } else {
        gen_binop(s, a, tcg_gen_divu_i64, tcg_gen_divu_i32);
    }
    return true;
}

static bool trans_shift_reg(DisasContext *s, const DecodeArgs *a)
{
    static GenBinI64 *const ops64[4] = {
        tcg_gen_shl_i64, tcg_gen_shr_i64, tcg_gen_sar_i64, tcg_gen_rotr_i64,
    };
    static GenBinI32 *const ops32[4] = {
        tcg_gen_shl_i32, tcg_gen_shr_i32, tcg_gen_sar_i32, tcg_gen_rotr_i32,
    };
    gen_binop(s, a, ops64[a->op2], ops32[a->op2]);
    return true;
}

static bool trans_CRC32(DisasContext *s, const DecodeArgs *a)
{
    /* c (the manual's C) selects CRC32C; sz the size of Rm: B, H, W, X.
     * Only CRC32X/CRC32CX use an X register. */
    if (a->sf != (a->sz == 3)) {
        unallocated_encoding(s);
        return true;
    }
    TCGv_i64 t = tcg_temp_new_i64();
    TCGv_i64 rn = read_x(s, a->Rn);
    TCGv_i64 rm = read_x(s, a->Rm);
    TCGv_i32 bytes = tcg_constant_i32(1 << a->sz);
    if (a->c) {
        tcg_gen_call(crc32c, t, rn, rm, bytes);
    } else {
        tcg_gen_call(crc32, t, rn, rm, bytes);
    }
    write_reg(s, a->Rd, 1, t);   /* the helper returns it zero-extended */
    return true;
}

/* ---- data-processing (3 source) ---- */

static bool trans_MADD(DisasContext *s, const DecodeArgs *a)
{
    /* o0: 0 MADD (Ra + Rn * Rm), 1 MSUB (Ra - Rn * Rm).  The low half of
     * a product depends only on the low halves of its factors. */
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_mul_i64(t, read_x(s, a->Rn), read_x(s, a->Rm));
    if (a->o0) {
        tcg_gen_sub_i64(t, read_x(s, a->Ra), t);
    } else {
        tcg_gen_add_i64(t, read_x(s, a->Ra), t);
    }
    write_reg(s, a->Rd, a->sf, t);
    return true;
}

static bool trans_MADDL(DisasContext *s, const DecodeArgs *a)
{
    /* SMADDL, SMSUBL (U=0), UMADDL, UMSUBL (U=1): Xa +/- Wn * Wm. */
    TCGv_i64 n = tcg_temp_new_i64();
    TCGv_i64 m = tcg_temp_new_i64();
    if (a->U) {
        tcg_gen_ext32u_i64(n, read_x(s, a->Rn));
        tcg_gen_ext32u_i64(m, read_x(s, a->Rm));
    } else {
        tcg_gen_ext32s_i64(n, read_x(s, a->Rn));
        tcg_gen_ext32s_i64(m, read_x(s, a->Rm));
    }
    tcg_gen_mul_i64(n, n, m);
    if (a->o0) {
        tcg_gen_sub_i64(n, read_x(s, a->Ra), n);
    } else {
        tcg_gen_add_i64(n, read_x(s, a->Ra), n);
    }
    write_reg(s, a->Rd, 1, n);
    return true;
}

static bool trans_MULH(DisasContext *s, const DecodeArgs *a)
{
    /* SMULH (U=0), UMULH (U=1); Ra is should-be-one and ignored. */
    TCGv_i64 t = tcg_temp_new_i64();
    if (a->U) {
        tcg_gen_muluh_i64(t, read_x(s, a->Rn), read_x(s, a->Rm));
    } else {
        tcg_gen_mulsh_i64(t, read_x(s, a->Rn), read_x(s, a->Rm));
    }
    write_reg(s, a->Rd, 1, t);
    return true;
}

static const DecodePattern dp_reg_rows[] = {
    { "sf:1 opc:2 01010 shift:2 N:1 Rm:5 imm6:6 Rn:5 Rd:5", trans_logic_reg,
      "AND, BIC, ORR, ORN, EOR, EON, ANDS, BICS (shifted register)" },
    { "sf:1 op:1 S:1 01011 shift:2 0 Rm:5 imm6:6 Rn:5 Rd:5", trans_ADD_SUB_shift,
      "ADD, ADDS, SUB, SUBS (shifted register)" },
    { "sf:1 op:1 S:1 01011 opt:2 1 Rm:5 option:3 imm3:3 Rn:5 Rd:5", trans_ADD_SUB_ext,
      "ADD, ADDS, SUB, SUBS (extended register)" },
    { "sf:1 op:1 S:1 11010000 Rm:5 000000 Rn:5 Rd:5", trans_ADC_SBC,
      "ADC, ADCS, SBC, SBCS" },
    { "1 x 0 11010000 xxxxx 001xxx xxxxx xxxxx", NULL,
      "ADDPT, SUBPT (checked pointer, FEAT_CPA)" },
    { "1 0 1 11010000 xxxxxx 00001 xxxxx 0 xxxx", NULL,
      "RMIF (rotate right into flags, FEAT_FlagM)" },
    { "0 0 1 11010000 000000 x 0010 xxxxx 0 1101", NULL,
      "SETF8, SETF16 (evaluate into flags, FEAT_FlagM)" },
    { "sf:1 op:1 S:1 11010010 Rm:5 cond:4 0 o2:1 Rn:5 o3:1 nzcv:4", trans_CCMP_reg,
      "CCMN, CCMP (register)" },
    { "sf:1 op:1 S:1 11010010 imm5:5 cond:4 1 o2:1 Rn:5 o3:1 nzcv:4", trans_CCMP_imm,
      "CCMN, CCMP (immediate)" },
    { "sf:1 op:1 S:1 11010100 Rm:5 cond:4 op2:2 Rn:5 Rd:5", trans_CSEL,
      "CSEL, CSINC, CSINV, CSNEG" },

    /* Data-processing (2 source). */
    { "sf:1 0 0 11010110 Rm:5 00001 o0:1 Rn:5 Rd:5", trans_DIV, "UDIV, SDIV" },
    { "sf:1 0 0 11010110 Rm:5 0010 op2:2 Rn:5 Rd:5", trans_shift_reg,
      "LSLV, LSRV, ASRV, RORV" },
    { "sf:1 0 0 11010110 Rm:5 010 c:1 sz:2 Rn:5 Rd:5", trans_CRC32,
      "CRC32B/H/W/X, CRC32CB/H/W/X" },
    { "1 0 x 11010110 xxxxx 000000 xxxxx xxxxx", NULL, "SUBP, SUBPS (FEAT_MTE)" },
    { "1 0 0 11010110 xxxxx 00010x xxxxx xxxxx", NULL, "IRG, GMI (FEAT_MTE)" },
    { "1 0 0 11010110 xxxxx 001100 xxxxx xxxxx", NULL, "PACGA (FEAT_PAuth)" },
    { "x 0 0 11010110 xxxxx 0110xx xxxxx xxxxx", NULL,
      "SMAX, SMIN, UMAX, UMIN (register, FEAT_CSSC)" },

    /* Data-processing (1 source). */
    { "sf:1 1 0 11010110 00000 0000 opc:2 Rn:5 Rd:5", trans_REV_RBIT,
      "RBIT, REV16, REV32, REV" },
    { "sf:1 1 0 11010110 00000 00010 op:1 Rn:5 Rd:5", trans_CLZ_CLS, "CLZ, CLS" },
    { "x 1 0 11010110 00000 00100x xxxxx xxxxx", NULL, "CTZ, CNT (FEAT_CSSC)" },
    { "x 1 0 11010110 00000 001010 xxxxx xxxxx", NULL, "ABS (FEAT_CSSC)" },
    { "1 1 0 11010110 00001 xxxxxx xxxxx xxxxx", NULL,
      "PACIA, AUTIA, XPACI, ... (FEAT_PAuth)" },

    /* Data-processing (3 source). */
    { "sf:1 00 11011 000 Rm:5 o0:1 Ra:5 Rn:5 Rd:5", trans_MADD, "MADD, MSUB" },
    { "1 00 11011 U:1 01 Rm:5 o0:1 Ra:5 Rn:5 Rd:5", trans_MADDL,
      "SMADDL, SMSUBL, UMADDL, UMSUBL" },
    { "1 00 11011 U:1 10 Rm:5 0 Ra:5 Rn:5 Rd:5", trans_MULH, "SMULH, UMULH" },
    { "1 00 11011 011 xxxxx x xxxxx xxxxx xxxxx", NULL,
      "MADDPT, MSUBPT (FEAT_CPA)" },
};

const DecodeGroup a64_dp_reg_group = DECODE_GROUP("data processing (register)", dp_reg_rows);
