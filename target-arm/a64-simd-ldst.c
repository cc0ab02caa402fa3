/*
 * A64 Advanced SIMD structure loads and stores (Arm ARM C4.1.4, "Advanced
 * SIMD load/store multiple structures" and "single structure", with their
 * post-indexed forms): LD1-LD4 and ST1-ST4 of whole registers, of one
 * lane, and LD1R-LD4R.
 *
 * Loads read all their memory into temps before writing any register, so
 * a fault part-way leaves the registers untouched.  Multiple-structure
 * transfers move whole 64-bit words (they always cover a multiple of 8
 * bytes) and (de)interleave the elements in registers: LD1/ST1, the forms
 * memcpy and strlen use, become plain word copies.
 */
#include "translate-a64.h"

/* Post-index writeback: Rm = 31 means "by the bytes transferred". */
static void gen_post_index(DisasContext *s, int rn, int rm, int bytes)
{
    if (rm == 31) {
        tcg_gen_addi_i64(cpu_X[rn], cpu_X[rn], bytes);
    } else {
        tcg_gen_add_i64(cpu_X[rn], cpu_X[rn], cpu_X[rm]);
    }
}

static TCGv_i64 gen_addr(TCGv_i64 base, int off)
{
    if (off == 0) {
        return base;
    }
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_addi_i64(t, base, off);
    return t;
}

/* Element e of size esz of Vn, loaded from / stored to the CPU state. */
static void gen_ld_elem(TCGv_i64 v, int n, int e, int esz)
{
    int off = vreg_elem_offset(n, e, esz);
    switch (esz) {
    case MO_8: tcg_gen_ld8u_i64(v, tcg_env, off); break;
    case MO_16: tcg_gen_ld16u_i64(v, tcg_env, off); break;
    case MO_32: tcg_gen_ld32u_i64(v, tcg_env, off); break;
    default: tcg_gen_ld_i64(v, tcg_env, off); break;
    }
}

static void gen_st_elem(TCGv_i64 v, int n, int e, int esz)
{
    int off = vreg_elem_offset(n, e, esz);
    switch (esz) {
    case MO_8: tcg_gen_st8_i64(v, tcg_env, off); break;
    case MO_16: tcg_gen_st16_i64(v, tcg_env, off); break;
    case MO_32: tcg_gen_st32_i64(v, tcg_env, off); break;
    default: tcg_gen_st_i64(v, tcg_env, off); break;
    }
}

/* ---- multiple structures ---- */

/* LD1-LD4, ST1-ST4 (multiple structures).  opcode: 0000 LD4, 0010 LD1 x4,
 * 0100 LD3, 0110 LD1 x3, 0111 LD1 x1, 1000 LD2, 1010 LD1 x2.  Element e of
 * structure register r lies at byte (e * selem + r) << size; LD1 with
 * several registers is rpt consecutive single-register transfers. */
static bool do_ldst_multiple(DisasContext *s, const DecodeArgs *a, bool post)
{
    int rpt, selem;
    switch (a->opcode) {
    case 0x0: rpt = 1; selem = 4; break;
    case 0x2: rpt = 4; selem = 1; break;
    case 0x4: rpt = 1; selem = 3; break;
    case 0x6: rpt = 3; selem = 1; break;
    case 0x7: rpt = 1; selem = 1; break;
    case 0x8: rpt = 1; selem = 2; break;
    case 0xa: rpt = 2; selem = 1; break;
    default: return false;
    }
    if (!a->Q && a->size == 3 && selem > 1) {
        return false;   /* LD2-LD4 of .1D is reserved */
    }
    if (!fp_access_check(s)) {
        return true;
    }
    int esz = a->size, ebits = 8 << esz;
    int halves = a->Q ? 2 : 1;                 /* 64-bit words per register */
    int nwords = rpt * selem * halves;         /* at most 8 */
    int per_word = 64 / ebits;                 /* elements per word */
    TCGv_i64 base = read_x_sp(s, a->Rn);
    TCGv_i64 w[8];
    /* Moved as 64-bit words, aligned (for Device memory) as elements. */
    MemOp mop = MO_64 | (esz < MO_64 ? MO_ELEM(esz) : 0) | MO_A64;

    if (a->L) {
        for (int k = 0; k < nwords; k++) {
            w[k] = tcg_temp_new_i64();
            tcg_gen_qemu_ld_i64(w[k], gen_addr(base, 8 * k), mop);
        }
        /* Every load is done: now the registers. */
        for (int r = 0; r < rpt * selem; r++) {
            int reg = (a->Rt + r) % 32;
            for (int h = 0; h < halves; h++) {
                TCGv_i64 v;
                if (selem == 1) {
                    v = w[r * halves + h];
                } else {
                    v = tcg_temp_new_i64();
                    for (int i = 0; i < per_word; i++) {
                        int e = h * per_word + i;
                        int byte = (e * selem + r) << esz;
                        TCGv_i64 src = w[byte / 8];
                        int pos = (byte % 8) * 8;
                        if (ebits == 64) {
                            v = src;
                        } else if (i == 0) {
                            tcg_gen_extract_i64(v, src, pos, ebits);
                        } else {
                            TCGv_i64 t = src;
                            if (pos) {
                                t = tcg_temp_new_i64();
                                tcg_gen_shri_i64(t, src, pos);
                            }
                            tcg_gen_deposit_i64(v, v, t, i * ebits, ebits);
                        }
                    }
                }
                tcg_gen_st_i64(v, tcg_env, vreg_offset(reg) + 8 * h);
            }
            if (!a->Q) {
                clear_vec_high(s, reg);
            }
        }
    } else {
        for (int k = 0; k < nwords; k++) {
            TCGv_i64 v = tcg_temp_new_i64();
            if (selem == 1) {
                tcg_gen_ld_i64(v, tcg_env,
                               vreg_offset((a->Rt + k / halves) % 32) + 8 * (k % halves));
            } else {
                for (int i = 0; i < per_word; i++) {
                    int idx = (k * 8 >> esz) + i;      /* element in memory order */
                    int e = idx / selem, r = idx % selem;
                    TCGv_i64 t = i ? tcg_temp_new_i64() : v;
                    gen_ld_elem(t, (a->Rt + r) % 32, e, esz);
                    if (i) {
                        tcg_gen_deposit_i64(v, v, t, i * ebits, ebits);
                    }
                }
            }
            tcg_gen_qemu_st_i64(v, gen_addr(base, 8 * k), mop);
        }
    }
    if (post) {
        gen_post_index(s, a->Rn, a->Rm, nwords * 8);
    }
    return true;
}

static bool trans_LDn_multi(DisasContext *s, const DecodeArgs *a)
{
    return do_ldst_multiple(s, a, false);
}

static bool trans_LDn_multi_post(DisasContext *s, const DecodeArgs *a)
{
    return do_ldst_multiple(s, a, true);
}

/* ---- single structures ---- */

/* LD1-LD4, ST1-ST4 (single structure) and LD1R-LD4R.  opcode<2:1> is the
 * element size class (3: replicate), opcode<0>:R + 1 the structure size;
 * the lane index is spread over Q:S:size. */
static bool do_ldst_single(DisasContext *s, const DecodeArgs *a, bool post)
{
    int scale = a->opcode >> 1;
    int selem = (((a->opcode & 1) << 1) | a->R) + 1;
    bool replicate = false;
    int index = 0;
    switch (scale) {
    case 3:
        if (!a->L || a->S) {
            return false;
        }
        scale = a->size;
        replicate = true;
        break;
    case 0:
        index = (a->Q << 3) | (a->S << 2) | a->size;
        break;
    case 1:
        if (a->size & 1) {
            return false;
        }
        index = (a->Q << 2) | (a->S << 1) | (a->size >> 1);
        break;
    default:
        if (a->size & 2) {
            return false;
        }
        if (!(a->size & 1)) {
            index = (a->Q << 1) | a->S;
        } else {
            if (a->S) {
                return false;
            }
            index = a->Q;
            scale = 3;
        }
        break;
    }
    if (!fp_access_check(s)) {
        return true;
    }
    int ebytes = 1 << scale;
    TCGv_i64 base = read_x_sp(s, a->Rn);

    if (a->L) {
        TCGv_i64 v[4];
        for (int i = 0; i < selem; i++) {
            v[i] = tcg_temp_new_i64();
            tcg_gen_qemu_ld_i64(v[i], gen_addr(base, i * ebytes), scale | MO_A64);
        }
        for (int i = 0; i < selem; i++) {
            int reg = (a->Rt + i) % 32;
            if (replicate) {
                static const uint64_t dup[3] = {
                    0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull,
                };
                TCGv_i64 d = v[i];
                if (scale < 3) {
                    d = tcg_temp_new_i64();
                    tcg_gen_muli_i64(d, v[i], dup[scale]);
                }
                tcg_gen_st_i64(d, tcg_env, vreg_offset(reg));
                tcg_gen_st_i64(a->Q ? d : tcg_constant_i64(0), tcg_env,
                               vreg_offset(reg) + 8);
            } else {
                gen_st_elem(v[i], reg, index, scale);
            }
        }
    } else {
        for (int i = 0; i < selem; i++) {
            TCGv_i64 t = tcg_temp_new_i64();
            gen_ld_elem(t, (a->Rt + i) % 32, index, scale);
            tcg_gen_qemu_st_i64(t, gen_addr(base, i * ebytes), scale | MO_A64);
        }
    }
    if (post) {
        gen_post_index(s, a->Rn, a->Rm, selem * ebytes);
    }
    return true;
}

static bool trans_LDn_single(DisasContext *s, const DecodeArgs *a)
{
    return do_ldst_single(s, a, false);
}

static bool trans_LDn_single_post(DisasContext *s, const DecodeArgs *a)
{
    return do_ldst_single(s, a, true);
}

static const DecodePattern simd_ldst_rows[] = {
    { "0 Q:1 0011000 L:1 000000 opcode:4 size:2 Rn:5 Rt:5", trans_LDn_multi,
      "LD1-LD4, ST1-ST4 (multiple structures)" },
    { "0 Q:1 0011001 L:1 0 Rm:5 opcode:4 size:2 Rn:5 Rt:5", trans_LDn_multi_post,
      "LD1-LD4, ST1-ST4 (multiple structures, post-indexed)" },
    { "0 Q:1 0011010 L:1 R:1 00000 opcode:3 S:1 size:2 Rn:5 Rt:5", trans_LDn_single,
      "LD1-LD4, ST1-ST4 (single structure), LD1R-LD4R" },
    { "0 Q:1 0011011 L:1 R:1 Rm:5 opcode:3 S:1 size:2 Rn:5 Rt:5", trans_LDn_single_post,
      "LD1-LD4, ST1-ST4 (single structure, post-indexed), LD1R-LD4R" },
    { "0 x 0011010 x 0 00001 100 0 01 xxxxx xxxxx", NULL,
      "LDAP1, STL1 (SIMD&FP single structure, FEAT_LRCPC3)" },
};

const DecodeGroup a64_simd_ldst_group = DECODE_GROUP("SIMD loads and stores", simd_ldst_rows);
