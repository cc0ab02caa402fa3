/*
 * A64 Advanced SIMD data movement (Arm ARM C4.1.6): copy (DUP, INS, UMOV,
 * SMOV), modified immediate (MOVI, MVNI, ORR, BIC, FMOV), permute (ZIP,
 * UZP, TRN), extract (EXT) and table lookup (TBL, TBX), and the element
 * loads, stores and duplications the arithmetic groups (a64-simd.c)
 * share.  Element moves, immediates and EXT are inline TCG; the permutes
 * and TBL/TBX are tcg's vop_vec.
 */
#include "a64-simd.h"
#include "helper-fp.h"

/* Replicates the low esz-sized lane of v over 64 bits. */
void gen_dup_lanes(TCGv_i64 r, TCGv_i64 v, int esz)
{
    static const uint64_t mul[3] = {
        0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull,
    };
    if (esz == 3) {
        tcg_gen_mov_i64(r, v);
        return;
    }
    tcg_gen_muli_i64(r, v, mul[esz]);
}

static uint64_t dup_const(int esz, uint64_t v)
{
    switch (esz) {
    case 0: return (v & 0xff) * 0x0101010101010101ull;
    case 1: return (v & 0xffff) * 0x0001000100010001ull;
    case 2: return (v & 0xffffffffull) * 0x0000000100000001ull;
    default: return v;
    }
}

/* Writes r to both halves of Vd (q) or to the low half, clearing the high. */
static void st_vec_dup(DisasContext *s, TCGv_i64 r, int rd, int q)
{
    st_vec_half(r, rd, 0);
    if (q) {
        st_vec_half(r, rd, 1);
    } else {
        clear_vec_high(s, rd);
    }
}

TCGv_i64 ld_elem(int reg, int idx, int esz, bool sign)
{
    TCGv_i64 t = tcg_temp_new_i64();
    int off = vreg_elem_offset(reg, idx, esz);
    switch (esz | (sign ? 4 : 0)) {
    case 0: tcg_gen_ld8u_i64(t, tcg_env, off); break;
    case 1: tcg_gen_ld16u_i64(t, tcg_env, off); break;
    case 2: tcg_gen_ld32u_i64(t, tcg_env, off); break;
    case 4: tcg_gen_ld8s_i64(t, tcg_env, off); break;
    case 5: tcg_gen_ld16s_i64(t, tcg_env, off); break;
    case 6: tcg_gen_ld32s_i64(t, tcg_env, off); break;
    default: tcg_gen_ld_i64(t, tcg_env, off); break;
    }
    return t;
}

void st_elem(TCGv_i64 v, int reg, int idx, int esz)
{
    int off = vreg_elem_offset(reg, idx, esz);
    switch (esz) {
    case 0: tcg_gen_st8_i64(v, tcg_env, off); break;
    case 1: tcg_gen_st16_i64(v, tcg_env, off); break;
    case 2: tcg_gen_st32_i64(v, tcg_env, off); break;
    default: tcg_gen_st_i64(v, tcg_env, off); break;
    }
}

/* ---- copy ---- */

static bool trans_simd_copy(DisasContext *s, const DecodeArgs *a)
{
    /* imm5: the lowest set bit gives the lane size, the bits above it the
     * index. */
    int esz = a->imm5 ? __builtin_ctz(a->imm5) : 4;
    if (esz > 3) {
        return false;
    }
    int idx = a->imm5 >> (esz + 1);
    TCGv_i64 v, r;

    if (a->op) {
        /* INS (element): Vd.T[idx] = Vn.T[imm4 >> esz] */
        if (!a->Q) {
            return false;
        }
        v = ld_elem(a->Rn, a->imm4 >> esz, esz, false);
        st_elem(v, a->Rd, idx, esz);
        return true;
    }
    switch (a->imm4) {
    case 0: /* DUP (element) */
    case 1: /* DUP (general) */
        if (esz == 3 && !a->Q) {
            return false;
        }
        v = a->imm4 ? read_x(s, a->Rn) : ld_elem(a->Rn, idx, esz, false);
        r = tcg_temp_new_i64();
        if (a->imm4 && esz < 3) {
            tcg_gen_andi_i64(r, v, simd_esz_mask(esz));
            v = r;
            r = tcg_temp_new_i64();
        }
        gen_dup_lanes(r, v, esz);
        st_vec_dup(s, r, a->Rd, a->Q);
        return true;
    case 3: /* INS (general) */
        if (!a->Q) {
            return false;
        }
        st_elem(read_x(s, a->Rn), a->Rd, idx, esz);
        return true;
    case 5: /* SMOV: to Wd (Q=0, B/H) or Xd (Q=1, B/H/S) */
        if (esz >= 2 + a->Q) {
            return false;
        }
        write_reg(s, a->Rd, a->Q, ld_elem(a->Rn, idx, esz, true));
        return true;
    case 7: /* UMOV: to Wd (Q=0, B/H/S) or Xd (Q=1, D) */
        if (a->Q ? esz != 3 : esz == 3) {
            return false;
        }
        write_reg(s, a->Rd, a->Q, ld_elem(a->Rn, idx, esz, false));
        return true;
    default:
        return false;
    }
}

static bool trans_simd_copy_scalar(DisasContext *s, const DecodeArgs *a)
{
    /* DUP (element), scalar: MOV Bd/Hd/Sd/Dd, Vn.T[idx] */
    int esz = a->imm5 ? __builtin_ctz(a->imm5) : 4;
    if (a->op || a->imm4 || esz > 3) {
        return false;
    }
    write_fp_dreg(s, a->Rd, ld_elem(a->Rn, a->imm5 >> (esz + 1), esz, false));
    return true;
}

/* ---- modified immediate ---- */

/* AdvSIMDExpandImm */
static uint64_t adv_simd_expand_imm(int op, int cmode, uint64_t imm8)
{
    uint64_t imm = 0;
    switch (cmode >> 1) {
    case 0: return dup_const(2, imm8);
    case 1: return dup_const(2, imm8 << 8);
    case 2: return dup_const(2, imm8 << 16);
    case 3: return dup_const(2, imm8 << 24);
    case 4: return dup_const(1, imm8);
    case 5: return dup_const(1, imm8 << 8);
    case 6:
        return dup_const(2, (cmode & 1) ? imm8 << 16 | 0xffff : imm8 << 8 | 0xff);
    default:
        if (!(cmode & 1)) {
            if (!op) {
                return dup_const(0, imm8);
            }
            for (int i = 0; i < 8; i++) {
                if ((imm8 >> i) & 1) {
                    imm |= 0xffull << (i * 8);
                }
            }
            return imm;
        }
        if (!op) {
            /* single: a:NOT(b):bbbbb:cdefgh:Zeros(19) */
            uint64_t b = (imm8 >> 6) & 1;
            uint32_t f = (uint32_t)(imm8 >> 7) << 31 | (uint32_t)!b << 30 |
                         (b ? 0x1fu << 25 : 0) | (uint32_t)(imm8 & 0x3f) << 19;
            return dup_const(2, f);
        }
        /* double: a:NOT(b):bbbbbbbb:cdefgh:Zeros(48) */
        {
            uint64_t b = (imm8 >> 6) & 1;
            return (imm8 >> 7) << 63 | (uint64_t)!b << 62 | (b ? 0xffull << 54 : 0) |
                   (imm8 & 0x3f) << 48;
        }
    }
}

static bool trans_simd_modimm(DisasContext *s, const DecodeArgs *a)
{
    /* imm8 = a:b:c (imm3) : d:e:f:g:h (imm5) */
    uint64_t imm8 = a->imm3 << 5 | a->imm5;
    if (a->o2 || (a->cmode == 15 && a->op && !a->Q)) {
        return false;
    }
    uint64_t imm = adv_simd_expand_imm(a->op, a->cmode, imm8);
    bool orr_bic = (a->cmode & 1) && a->cmode < 12;
    if (!orr_bic) {
        /* MOVI, MVNI (the inverting cmodes with op=1), FMOV */
        if (a->op && a->cmode < 14) {
            imm = ~imm;
        }
        st_vec_dup(s, tcg_constant_i64(imm), a->Rd, a->Q);
        return true;
    }
    for (int h = 0; h <= a->Q; h++) {
        TCGv_i64 t = tcg_temp_new_i64();
        ld_vec_half(t, a->Rd, h);
        if (a->op) {
            tcg_gen_andi_i64(t, t, ~imm);
        } else {
            tcg_gen_ori_i64(t, t, imm);
        }
        st_vec_half(t, a->Rd, h);
    }
    if (!a->Q) {
        clear_vec_high(s, a->Rd);
    }
    return true;
}

/* ---- permute, extract, table ---- */

static bool trans_simd_permute(DisasContext *s, const DecodeArgs *a)
{
    if ((a->opcode & 3) == 0 || (a->size == 3 && !a->Q)) {
        return false;
    }
    /* opcode: UZP1 1, TRN1 2, ZIP1 3, then the "2" forms from 5 */
    static const uint8_t vop_of_permute[8] = {
        0, TCG_VOP_UZP1, TCG_VOP_TRN1, TCG_VOP_ZIP1, 0, TCG_VOP_UZP2, TCG_VOP_TRN2, TCG_VOP_ZIP2,
    };
    tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rm),
                    TCG_VOP_KIND(vop_of_permute[a->opcode], a->size, a->Q), 0);
    return true;
}

static bool trans_simd_ext(DisasContext *s, const DecodeArgs *a)
{
    /* Vd = bytes imm4.. of the concatenation Vm:Vn (Vn low) */
    if (a->op2 || (!a->Q && a->imm4 >= 8)) {
        return false;
    }
    TCGv_i64 w[4];
    int nw = a->Q ? 4 : 2;
    for (int i = 0; i < nw; i++) {
        w[i] = tcg_temp_new_i64();
        ld_vec_half(w[i], (i < nw / 2) ? a->Rn : a->Rm, a->Q ? i % 2 : 0);
    }
    int sh = (a->imm4 & 7) * 8;
    TCGv_i64 r[2];
    for (int k = 0; k <= a->Q; k++) {
        int wi = a->imm4 / 8 + k;
        r[k] = tcg_temp_new_i64();
        if (sh == 0) {
            tcg_gen_mov_i64(r[k], w[wi]);
        } else {
            TCGv_i64 t = tcg_temp_new_i64();
            tcg_gen_shri_i64(r[k], w[wi], sh);
            tcg_gen_shli_i64(t, w[wi + 1], 64 - sh);
            tcg_gen_or_i64(r[k], r[k], t);
        }
    }
    for (int k = 0; k <= a->Q; k++) {
        st_vec_half(r[k], a->Rd, k);
    }
    if (!a->Q) {
        clear_vec_high(s, a->Rd);
    }
    return true;
}

static bool trans_simd_tbl(DisasContext *s, const DecodeArgs *a)
{
    if (a->op2) {
        return false;
    }
    /* The tables are consecutive registers that wrap from V31 to V0;
     * where they do, copies of them in the scratch registers. */
    intptr_t tables = vreg_offset(a->Rn);
    if (a->Rn + a->len >= 32) {
        tables = offsetof(CPUARMState, vec_scratch[0]);
        for (int t = 0; t <= a->len; t++) {
            for (int h = 0; h < 2; h++) {
                TCGv_i64 v = tcg_temp_new_i64();
                ld_vec_half(v, (a->Rn + t) % 32, h);
                tcg_gen_st_i64(v, tcg_env, tables + 16 * t + 8 * h);
            }
        }
    }
    tcg_gen_vop_vec(vreg_offset(a->Rd), tables, vreg_offset(a->Rm),
                    TCG_VOP_KIND(a->op ? TCG_VOP_TBX : TCG_VOP_TBL, a->len, a->Q), 0);
    return true;
}

/* The rows: one per encoding class (the FP16 FMOV a NULL row: named in
 * -d unimp and in the missing list). */
static const DecodePattern simd_move_rows[] = {
    { "0 Q:1 op:1 01110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5", trans_simd_copy,
      "DUP, INS, UMOV, SMOV (Advanced SIMD copy)" },
    { "01 op:1 11110000 imm5:5 0 imm4:4 1 Rn:5 Rd:5", trans_simd_copy_scalar,
      "DUP (element, scalar)" },
    { "0 Q:1 op:1 0111100000 imm3:3 cmode:4 o2:1 1 imm5:5 Rd:5",
      trans_simd_modimm, "MOVI, MVNI, ORR, BIC, FMOV (Advanced SIMD modified immediate)" },
    { "0 x 0 0111100000 xxx 1111 1 1 xxxxx xxxxx", NULL,
      "FMOV (vector, immediate, half: FEAT_FP16)" },
    { "0 Q:1 001110 size:2 0 Rm:5 0 opcode:3 10 Rn:5 Rd:5", trans_simd_permute,
      "ZIP1 ZIP2 UZP1 UZP2 TRN1 TRN2 (Advanced SIMD permute)" },
    { "0 Q:1 101110 op2:2 0 Rm:5 0 imm4:4 0 Rn:5 Rd:5", trans_simd_ext,
      "EXT (Advanced SIMD extract)" },
    { "0 Q:1 001110 op2:2 0 Rm:5 0 len:2 op:1 00 Rn:5 Rd:5", trans_simd_tbl,
      "TBL, TBX (Advanced SIMD table lookup)" },
};

const DecodeGroup a64_simd_move_group = DECODE_GROUP("Advanced SIMD data movement",
                                                     simd_move_rows);
