/*
 * A64 "Data Processing -- Immediate" (Arm ARM C4.1.2): PC-relative
 * addressing, add/subtract (immediate), logical (immediate) with the
 * DecodeBitMasks rules, move wide, bitfield and extract.
 *
 * Register 31 is SP where the manual writes <Xd|SP> / <Xn|SP> and XZR
 * elsewhere; W forms compute on the low 32 bits and write the result
 * zero-extended (write_reg does that), flags come from the 32-bit result.
 */
#include "translate-a64.h"

/* ---- PC-relative addressing ---- */

static bool trans_ADR(DisasContext *s, const DecodeArgs *a)
{
    int64_t imm = (int64_t)a->immhi * 4 + a->immlo;
    uint64_t base = s->pc_curr;
    if (a->op) {   /* ADRP: 4 KiB pages */
        base &= ~(uint64_t)0xfff;
        imm *= 4096;
    }
    write_reg(s, a->Rd, 1, tcg_constant_i64(base + imm));
    return true;
}

/* ---- add/subtract (immediate) ---- */

static bool trans_ADD_SUB_imm(DisasContext *s, const DecodeArgs *a)
{
    uint64_t imm = (uint64_t)a->imm12 << (a->sh ? 12 : 0);
    TCGv_i64 rn = read_x_sp(s, a->Rn);
    TCGv_i64 t = tcg_temp_new_i64();
    if (a->S) {
        /* ADDS/SUBS: Rd 31 is XZR (CMN/CMP). */
        if (a->op) {
            gen_sub_flags(a->sf, t, rn, tcg_constant_i64(imm), false);
        } else {
            gen_add_flags(a->sf, t, rn, tcg_constant_i64(imm), false);
        }
        write_reg(s, a->Rd, a->sf, t);
    } else {
        tcg_gen_addi_i64(t, rn, a->op ? -(int64_t)imm : (int64_t)imm);
        write_reg_sp(s, a->Rd, a->sf, t);
    }
    return true;
}

/* ---- logical (immediate) ---- */

/*
 * DecodeBitMasks(N, imms, immr, immediate = TRUE): the element size is
 * 2^len, where len is the highest set bit of N:NOT(imms); the element
 * holds imms<len-1:0> + 1 ones rotated right by immr<len-1:0>, and is
 * replicated to 64 bits.  An element of all ones, or no element at all,
 * is reserved.  Returns false for the reserved patterns.
 */
static bool decode_bit_masks(unsigned n, unsigned imms, unsigned immr,
                             uint64_t *result)
{
    unsigned combined = (n << 6) | (~imms & 0x3f);
    if (combined < 2) {
        return false;   /* len < 1 */
    }
    unsigned len = 31 - __builtin_clz(combined);
    unsigned esize = 1u << len;
    unsigned levels = esize - 1;
    unsigned sbits = imms & levels, r = immr & levels;
    if (sbits == levels) {
        return false;
    }
    uint64_t elem = (2ull << sbits) - 1;   /* sbits + 1 ones, sbits < 63 */
    if (r) {
        uint64_t emask = esize == 64 ? ~0ull : (1ull << esize) - 1;
        elem = ((elem >> r) | (elem << (esize - r))) & emask;
    }
    for (unsigned size = esize; size < 64; size *= 2) {
        elem |= elem << size;
    }
    *result = elem;
    return true;
}

static bool trans_logic_imm(DisasContext *s, const DecodeArgs *a)
{
    uint64_t imm;
    if ((!a->sf && a->N) || !decode_bit_masks(a->N, a->imms, a->immr, &imm)) {
        unallocated_encoding(s);
        return true;
    }
    TCGv_i64 rn = read_x(s, a->Rn);
    TCGv_i64 t = tcg_temp_new_i64();
    switch (a->opc) {
    case 0: /* AND */
    case 3: /* ANDS */
        tcg_gen_andi_i64(t, rn, imm);
        break;
    case 1: /* ORR */
        tcg_gen_ori_i64(t, rn, imm);
        break;
    default: /* EOR */
        tcg_gen_xori_i64(t, rn, imm);
        break;
    }
    if (a->opc == 3) {
        gen_logic_flags(a->sf, t);
        write_reg(s, a->Rd, a->sf, t);   /* TST when Rd is 31 */
    } else {
        write_reg_sp(s, a->Rd, a->sf, t);
    }
    return true;
}

/* ---- move wide ---- */

static bool trans_MOVW(DisasContext *s, const DecodeArgs *a)
{
    /* opc: 0 MOVN, 2 MOVZ, 3 MOVK; hw 2 and 3 only address X registers. */
    if (a->opc == 1 || (!a->sf && a->hw >= 2)) {
        unallocated_encoding(s);
        return true;
    }
    unsigned pos = a->hw * 16;
    uint64_t imm = (uint64_t)a->imm16 << pos;
    if (a->opc == 3) {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_deposit_i64(t, read_x(s, a->Rd), tcg_constant_i64(a->imm16), pos, 16);
        write_reg(s, a->Rd, a->sf, t);
    } else {
        write_reg(s, a->Rd, a->sf, tcg_constant_i64(a->opc == 0 ? ~imm : imm));
    }
    return true;
}

/* ---- bitfield ---- */

/*
 * SBFM, BFM, UBFM with R = immr, S = imms.  When S >= R the field
 * Rn<S:R> goes to the bottom of Rd (SBFX, UBFX, BFXIL and the shifts
 * right); otherwise Rn<S:0> goes to bit datasize - R (SBFIZ, UBFIZ, BFI
 * and LSL).  SBFM sign-extends above the field, UBFM zero-extends and BFM
 * keeps the bits of Rd.  W forms of SBFM and UBFM compute at 32 bits (one
 * host shift or extension); BFM's in 64 bits, which is exact: the field
 * lies within bits 31:0 and write_reg drops what is above.
 */
static bool trans_BFM(DisasContext *s, const DecodeArgs *a)
{
    if (a->opc == 3) {
        return false;
    }
    if (a->N != a->sf || (!a->sf && ((a->immr | a->imms) & 0x20))) {
        unallocated_encoding(s);
        return true;
    }
    unsigned bits = a->sf ? 64 : 32;
    unsigned r = a->immr, sbit = a->imms;
    TCGv_i64 rn = read_x(s, a->Rn);
    TCGv_i64 t = tcg_temp_new_i64();
    bool low = sbit >= r;
    unsigned pos = low ? 0 : bits - r;
    unsigned len = low ? sbit - r + 1 : sbit + 1;

    if (!a->sf && a->opc != 1) {
        gen_bitfield32_i64(t, rn, a->opc == 0, low, low ? r : pos, len);
        write_reg(s, a->Rd, a->sf, t);
        return true;
    }
    switch (a->opc) {
    case 0: /* SBFM */
        if (low) {
            tcg_gen_sextract_i64(t, rn, r, len);
        } else {
            tcg_gen_sdeposit_z_i64(t, rn, pos, len);
        }
        break;
    case 1: /* BFM */
        if (low) {
            tcg_gen_shri_i64(t, rn, r);
            tcg_gen_deposit_i64(t, read_x(s, a->Rd), t, 0, len);
        } else {
            tcg_gen_deposit_i64(t, read_x(s, a->Rd), rn, pos, len);
        }
        break;
    default: /* UBFM */
        if (low) {
            tcg_gen_extract_i64(t, rn, r, len);
        } else {
            tcg_gen_deposit_z_i64(t, rn, pos, len);
        }
        break;
    }
    write_reg(s, a->Rd, a->sf, t);
    return true;
}

/* ---- extract ---- */

static bool trans_EXTR(DisasContext *s, const DecodeArgs *a)
{
    /* Rd = (Rn:Rm) >> lsb, datasize bits; ROR (immediate) when Rn == Rm. */
    if (a->N != a->sf || (!a->sf && a->imms >= 32)) {
        unallocated_encoding(s);
        return true;
    }
    unsigned lsb = a->imms;
    TCGv_i64 rm = read_x(s, a->Rm);
    TCGv_i64 rn = read_x(s, a->Rn);
    TCGv_i64 t = tcg_temp_new_i64();
    if (a->sf) {
        if (lsb == 0) {
            tcg_gen_mov_i64(t, rm);
        } else if (a->Rn == a->Rm) {
            tcg_gen_rotri_i64(t, rm, lsb);
        } else {
            tcg_gen_extract2_i64(t, rm, rn, lsb);
        }
    } else if (a->Rn == a->Rm) {
        gen_ror32_i64(t, rm, lsb);
    } else {
        /* Wn:Wm as one 64-bit value, shifted right: the bits of Wm above
         * lsb, then those of Wn above them (write_reg drops the rest). */
        TCGv_i64 hi = tcg_temp_new_i64();
        tcg_gen_extract_i64(t, rm, lsb, 32 - lsb);
        tcg_gen_shli_i64(hi, rn, 32 - lsb);
        tcg_gen_or_i64(t, t, hi);
    }
    write_reg(s, a->Rd, a->sf, t);
    return true;
}

static const DecodePattern dp_imm_rows[] = {
    { "op:1 immlo:2 10000 immhi:s19 Rd:5", trans_ADR, "ADR, ADRP" },
    { "sf:1 op:1 S:1 100010 sh:1 imm12:12 Rn:5 Rd:5", trans_ADD_SUB_imm,
      "ADD, ADDS, SUB, SUBS (immediate)" },
    { "1 x 0 100011 0 xxxxxx xx xxxx xxxxx xxxxx", NULL,
      "ADDG, SUBG (add/subtract immediate with tags, FEAT_MTE)" },
    { "x 0 0 100011 1 00xx xxxxxxxx xxxxx xxxxx", NULL,
      "SMAX, SMIN, UMAX, UMIN (immediate, FEAT_CSSC)" },
    { "sf:1 opc:2 100100 N:1 immr:6 imms:6 Rn:5 Rd:5", trans_logic_imm,
      "AND, ORR, EOR, ANDS (immediate)" },
    { "sf:1 opc:2 100101 hw:2 imm16:16 Rd:5", trans_MOVW, "MOVN, MOVZ, MOVK" },
    { "sf:1 opc:2 100110 N:1 immr:6 imms:6 Rn:5 Rd:5", trans_BFM, "SBFM, BFM, UBFM" },
    { "sf:1 00 100111 N:1 0 Rm:5 imms:6 Rn:5 Rd:5", trans_EXTR, "EXTR" },
};

const DecodeGroup a64_dp_imm_group = DECODE_GROUP("data processing (immediate)", dp_imm_rows);
