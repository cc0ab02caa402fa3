/*
 * A64 "Data Processing -- Scalar Floating-Point" (Arm ARM C4.1.6, the
 * floating-point half of it): FMOV in all its forms, the 1-, 2- and
 * 3-source data processing, compares (FCMP/FCMPE/FCCMP/FCCMPE), FCSEL,
 * and the conversions to and from general registers, integer and fixed
 * point.
 *
 * Moves, FABS/FNEG and FCSEL are plain bit operations and are emitted
 * inline.  The common arithmetic (2-source ops, FCMP, FSQRT, FCVT between
 * half, single and double, FRINT, the integer and fixed-point
 * conversions) is tcg's fbinop_i64 or funop_i64: the host's SSE (or
 * integer) operation inline where it is exactly Arm's, else the helper in
 * helper-fp.c that ORs its flags into FPSR; FMADD and friends are
 * fmuladd_vec where the host has FMA (else a helper call), and FCCMP is
 * FCMP's compare between selects.
 *
 * ftype selects the precision: 00 single, 01 double, 11 half.  Half
 * precision arithmetic is FEAT_FP16, which the Armv8.0 models lack: those
 * encodings have NULL rows; FCVT to and from half is Armv8.0 and is here.
 */
#include "helper-fp.h"
#include "translate-a64.h"

/* ftype -> element size (1 H, 2 S, 3 D), or -1 if unallocated. */
static int ftype_esz(int ftype)
{
    static const int esz[4] = { 2, 3, -1, 1 };
    return esz[ftype];
}

/* Single or double only: what Armv8.0 arithmetic accepts. */
static int ftype_esz_sd(int ftype)
{
    return ftype <= 1 ? ftype + 2 : -1;
}

/* NZCV from a 4-bit value (N Z C V = bits 3 2 1 0). */
static void gen_set_nzcv(TCGv_i64 t)
{
    gen_nzcv_overwrite();
    tcg_gen_shli_i64(cpu_NF, t, 60);
    tcg_gen_andi_i64(cpu_ZF, t, 4);
    tcg_gen_xori_i64(cpu_ZF, cpu_ZF, 4);
    tcg_gen_extract_i64(cpu_CF, t, 1, 1);
    tcg_gen_shli_i64(cpu_VF, t, 63);
}

TCGv_i64 read_fp_elem(int n, int esz)
{
    TCGv_i64 v = tcg_temp_new_i64();
    switch (esz) {
    case 1: tcg_gen_ld16u_i64(v, tcg_env, vreg_offset(n)); break;
    case 2: tcg_gen_ld32u_i64(v, tcg_env, vreg_offset(n)); break;
    default: tcg_gen_ld_i64(v, tcg_env, vreg_offset(n)); break;
    }
    return v;
}

/* ---- the ops inline where the host's result is Arm's ---- */

/* fbinop_i64's mode word is FPCR:FPSR as one 64-bit word: the host path
 * needs RMode round-to-nearest (FPCR) and IXC already set (FPSR), as the
 * helpers' own host path does (helper-fp.c). */
_Static_assert(offsetof(CPUARMState, fpsr) == offsetof(CPUARMState, fpcr) + 4 &&
               offsetof(CPUARMState, fpcr) % 8 == 0, "FPCR:FPSR is one 64-bit word");

/* The kinds and fallbacks of the inline ops, by FPOp, then single/double.
 * Between normal operands FMAXNM and FMINNM are FMAX and FMIN, FMULX is
 * FMUL: the host op is the same, the fallback is not. */
static const struct {
    unsigned kind;
    TCGHelperInfo *fallback[2];
} fp_arith_ops[FPOP_COUNT] = {
    [FPOP_ADD] = { TCG_FP_ADD, { &helper_info_fadd_s, &helper_info_fadd_d } },
    [FPOP_SUB] = { TCG_FP_SUB, { &helper_info_fsub_s, &helper_info_fsub_d } },
    [FPOP_MUL] = { TCG_FP_MUL, { &helper_info_fmul_s, &helper_info_fmul_d } },
    [FPOP_DIV] = { TCG_FP_DIV, { &helper_info_fdiv_s, &helper_info_fdiv_d } },
    [FPOP_MAX] = { TCG_FP_MAX, { &helper_info_fmax_s, &helper_info_fmax_d } },
    [FPOP_MIN] = { TCG_FP_MIN, { &helper_info_fmin_s, &helper_info_fmin_d } },
    [FPOP_MAXNM] = { TCG_FP_MAX, { &helper_info_fmaxnm_s, &helper_info_fmaxnm_d } },
    [FPOP_MINNM] = { TCG_FP_MIN, { &helper_info_fminnm_s, &helper_info_fminnm_d } },
    [FPOP_NMUL] = { TCG_FP_NMUL, { &helper_info_fnmul_s, &helper_info_fnmul_d } },
    [FPOP_CMEQ] = { TCG_FP_CMEQ, { &helper_info_fcmeq_s, &helper_info_fcmeq_d } },
    [FPOP_CMGE] = { TCG_FP_CMGE, { &helper_info_fcmge_s, &helper_info_fcmge_d } },
    [FPOP_CMGT] = { TCG_FP_CMGT, { &helper_info_fcmgt_s, &helper_info_fcmgt_d } },
    [FPOP_ACGE] = { TCG_FP_ACGE, { &helper_info_facge_s, &helper_info_facge_d } },
    [FPOP_ACGT] = { TCG_FP_ACGT, { &helper_info_facgt_s, &helper_info_facgt_d } },
    [FPOP_ABD] = { TCG_FP_ABD, { &helper_info_fabd_s, &helper_info_fabd_d } },
    [FPOP_MULX] = { TCG_FP_MUL, { &helper_info_fmulx_s, &helper_info_fmulx_d } },
};
/* The host path's FPCR:FPSR condition: round to nearest, IXC set. */
#define FP_ARITH_MASK ((3ull << FPCR_RMODE_SHIFT) | (uint64_t)SF_INEXACT << 32)
#define FP_ARITH_VAL ((uint64_t)SF_INEXACT << 32)
/* ... and for what only inexact can leave its mark on (FCVTZ*). */
#define FP_IXC_MASK ((uint64_t)SF_INEXACT << 32)
/* An op's kind and fallback, at element size esz (2 or 3). */
#define FP_ARITH_KIND(fpop, esz) (fp_arith_ops[fpop].kind | ((esz) == 3 ? TCG_FP_F64 : 0))
#define FP_ARITH_FALLBACK(fpop, esz) (fp_arith_ops[fpop].fallback[(esz) == 3])

bool fp_arith_inline(int fpop, bool vec)
{
    return fpop > 0 && fpop < FPOP_COUNT && fp_arith_ops[fpop].fallback[0] &&
           (vec ? tcg_fp_vec_op(fp_arith_ops[fpop].kind)
                : tcg_fp_scalar_op(fp_arith_ops[fpop].kind));
}

/* The mode word's condition of an op: none for max and min (FMAXNM and
 * FMINNM too), whose host path takes normal or zero operands and gives
 * one of them, raising nothing in any mode; for arithmetic, whose host
 * path looks at the result alone (tcg-opc.h), FZ clear too, so that a
 * denormal operand is what IEEE (and the host) says it is. */
static uint64_t fp_arith_mask(int fpop)
{
    unsigned kind = fp_arith_ops[fpop].kind;
    if (kind == TCG_FP_MAX || kind == TCG_FP_MIN) {
        return 0;
    }
    bool compare = kind == TCG_FP_CMP || (kind >= TCG_FP_CMEQ && kind != TCG_FP_ABD);
    return FP_ARITH_MASK | (compare ? 0 : FPCR_FZ);
}

void gen_fp_arith(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, int fpop, int esz)
{
    tcg_gen_fbinop_i64(r, a, b, FP_ARITH_KIND(fpop, esz), FP_ARITH_FALLBACK(fpop, esz),
                       offsetof(CPUARMState, fpcr), fp_arith_mask(fpop),
                       FP_ARITH_VAL & fp_arith_mask(fpop));
}

void gen_fp_arith_vec(intptr_t d, intptr_t n, intptr_t m, int fpop, int esz)
{
    tcg_gen_fbinop_vec(d, n, m,
                       FP_ARITH_KIND(fpop, esz), FP_ARITH_FALLBACK(fpop, esz),
                       offsetof(CPUARMState, fpcr), fp_arith_mask(fpop),
                       FP_ARITH_VAL & fp_arith_mask(fpop));
}

void gen_fp_muladd(intptr_t d, intptr_t n, intptr_t m, intptr_t a, unsigned kind, int esz,
                   TCGHelperInfo *fallback, uint32_t desc, uint32_t regs)
{
    tcg_gen_fmuladd_vec(d, n, m, a, kind | (esz == 3 ? TCG_FMA_F64 : 0), fallback, desc, regs,
                        offsetof(CPUARMState, fpcr), FP_ARITH_MASK, FP_ARITH_VAL);
}

/* r = OP a for a TCG_FU_* op whose FP side is esz (with fbits, a
 * fixed-point conversion's), through funop_i64: the mode word must match
 * mask under FP_ARITH_VAL's bits. */
static void gen_fp_unary(TCGv_i64 r, TCGv_i64 a, unsigned op, int esz, unsigned fbits,
                         TCGHelperInfo *fallback, uint32_t desc, uint64_t mask)
{
    tcg_gen_funop_i64(r, a, op | (esz == 3 ? TCG_FU_F64 : 0), fbits, fallback, desc,
                      offsetof(CPUARMState, fpcr), mask, FP_ARITH_VAL & mask);
}

/* funop's rounding (TCG_FU_R*) for one of softfloat's, SF_RNE to SF_RZ. */
static unsigned fu_rmode(int sf_rmode)
{
    static const unsigned fu[] = {
        [SF_RNE] = TCG_FU_RN, [SF_RPI] = TCG_FU_RP, [SF_RMI] = TCG_FU_RM, [SF_RZ] = TCG_FU_RZ,
        [SF_RNA] = TCG_FU_RA,
    };
    return fu[sf_rmode];
}

void gen_fp_round(TCGv_i64 r, TCGv_i64 a, intptr_t d, intptr_t n, int vec, int rmode,
                  bool exact, int esz)
{
    uint32_t desc = simd_desc(FPOP_RINT, esz, DESC_SCALAR) | DESC_MAKE_RMODE(rmode) |
                    DESC_MAKE_IMM(exact);
    /* A normal or zero input raises nothing but FRINTX's Inexact: a
     * given rounding needs no mode, FPCR's is taken as to nearest (the
     * mode word says so), and FRINTX needs IXC already set. */
    uint64_t mask = rmode != DESC_RMODE_FPCR ? 0
                    : exact ? FP_ARITH_MASK : (3ull << FPCR_RMODE_SHIFT);
    unsigned kind = TCG_FU_FRINT | fu_rmode(rmode == DESC_RMODE_FPCR ? SF_RNE : rmode) |
                    (esz == 3 ? TCG_FU_F64 : 0);
    if (vec < 0) {
        gen_fp_unary(r, a, kind, esz, 0, &helper_info_fp_unary, desc, mask);
    } else {
        tcg_gen_funop_vec(d, n, kind | (vec ? TCG_FU_Q : 0), 0, &helper_info_fp_unary, desc,
                          offsetof(CPUARMState, fpcr), mask, FP_ARITH_VAL & mask);
    }
}

void gen_fp_int_convert(TCGv_i64 r, TCGv_i64 a, intptr_t d, intptr_t n, int vec, bool to_int,
                        int rmode, bool uns, int esz, bool int64, int fbits)
{
    static const uint8_t op[2][2] = {
        { TCG_FU_SCVTF32, TCG_FU_UCVTF32 }, { TCG_FU_FCVTZS32, TCG_FU_FCVTZU32 },
    };
    /* (The helpers' Q: a 64-bit integer.) */
    uint32_t desc = simd_desc(0, esz, (int64 ? DESC_Q : 0) | (uns ? DESC_UNS : 0)) |
                    DESC_MAKE_RMODE(to_int ? rmode : 0) | DESC_MAKE_IMM(fbits);
    unsigned kind = (op[to_int][uns] + int64) | (to_int ? fu_rmode(rmode) : 0);
    TCGHelperInfo *fallback = to_int ? &helper_info_fp_to_int : &helper_info_int_to_fp;
    /* (In a given rounding, only inexact can tell the host's from
     * Arm's.) */
    uint64_t mask = to_int ? FP_IXC_MASK : FP_ARITH_MASK;
    if (vec < 0) {
        gen_fp_unary(r, a, kind, esz, fbits, fallback, desc, mask);
    } else {
        tcg_gen_funop_vec(d, n, kind | (esz == 3 ? TCG_FU_F64 : 0) | (vec ? TCG_FU_Q : 0), fbits,
                          fallback, desc, offsetof(CPUARMState, fpcr), mask,
                          FP_ARITH_VAL & mask);
    }
}

/* ---- data processing, 1 source ---- */

static bool trans_FP_1src(DisasContext *s, const DecodeArgs *a)
{
    /* FRINTN P M Z A - X I by opcode<2:0>; 5 is unallocated */
    static const int rint_mode[8] = {
        SF_RNE, SF_RPI, SF_RMI, SF_RZ, SF_RNA, -1, DESC_RMODE_FPCR, DESC_RMODE_FPCR,
    };
    int esz = ftype_esz_sd(a->ftype);
    if (esz < 0) {
        return false;
    }
    uint64_t sign = esz == 3 ? SF_F64_SIGN : SF_F32_SIGN;
    TCGv_i64 v;
    switch (a->opcode) {
    case 0: /* FMOV */
    case 1: /* FABS */
    case 2: /* FNEG */
        v = read_fp_elem(a->Rn, esz);
        if (a->opcode == 1) {
            tcg_gen_andi_i64(v, v, ~sign);
        } else if (a->opcode == 2) {
            tcg_gen_xori_i64(v, v, sign);
        }
        write_fp_dreg(s, a->Rd, v);
        return true;
    case 3: /* FSQRT */
        v = tcg_temp_new_i64();
        gen_fp_sqrt(v, read_fp_elem(a->Rn, esz), esz);
        write_fp_dreg(s, a->Rd, v);
        return true;
    case 8 ... 15:
        if (rint_mode[a->opcode & 7] < 0) {
            return false;
        }
        /* FRINT*: inline where exact */
        v = tcg_temp_new_i64();
        gen_fp_round(v, read_fp_elem(a->Rn, esz), 0, 0, -1, rint_mode[a->opcode & 7],
                     a->opcode == 14, esz);
        write_fp_dreg(s, a->Rd, v);
        return true;
    default:
        return false;
    }
}

static bool trans_FCVT(DisasContext *s, const DecodeArgs *a)
{
    int src = ftype_esz(a->ftype), dst = ftype_esz(a->opc);
    if (src < 0 || dst < 0 || src == dst) {
        return false;
    }
    TCGv_i64 v = tcg_temp_new_i64();
    gen_fp_convert(v, read_fp_elem(a->Rn, src), dst, src);
    write_fp_dreg(s, a->Rd, v);
    return true;
}

void gen_fp_convert(TCGv_i64 r, TCGv_i64 a, int dst, int src)
{
    /* Widening is exact, with no flag; narrowing rounds.  Half precision
     * inline only in IEEE's format (FPCR.AHP clear), not the alternative
     * one, whose numbers run through exponent 31.  (FZ16 never applies
     * to FCVT, and FZ only to what the host path leaves to the
     * fallback: a single or double denormal in, which no half holds.) */
    unsigned op = src == 1 ? TCG_FU_FCVT | TCG_FU_FROM_HALF
                  : dst == 1 ? TCG_FU_FCVTH : TCG_FU_FCVT;
    uint64_t mask = (dst < src ? FP_ARITH_MASK : 0) |
                    (src == 1 || dst == 1 ? FPCR_AHP : 0);
    gen_fp_unary(r, a, op, src == 1 ? dst : src, 0, &helper_info_fp_unary,
                 simd_desc(FPOP_CVT, dst, DESC_SCALAR) | DESC_MAKE_IMM(src), mask);
}

void gen_fp_sqrt(TCGv_i64 r, TCGv_i64 a, int esz)
{
    gen_fp_unary(r, a, TCG_FU_SQRT, esz, 0, &helper_info_fp_unary,
                 simd_desc(FPOP_SQRT, esz, DESC_SCALAR), FP_ARITH_MASK);
}

void gen_fp_convert_odd(TCGv_i64 r, TCGv_i64 a)
{
    /* (Its rounding is its own: only IXC can tell the host's from Arm's.) */
    gen_fp_unary(r, a, TCG_FU_FCVTX, 3, 0, &helper_info_fp_unary,
                 simd_desc(FPOP_CVTXN, 2, DESC_SCALAR) | DESC_MAKE_IMM(3), FP_IXC_MASK);
}

void gen_fp_estimate(TCGv_i64 r, TCGv_i64 a, intptr_t d, intptr_t n, int vec, int fpop, int esz)
{
    static const uint8_t fu[FPOP_COUNT] = {
        [FPOP_RECPE] = TCG_FU_RECPE, [FPOP_RSQRTE] = TCG_FU_RSQRTE, [FPOP_RECPX] = TCG_FU_RECPX,
        [FPOP_URECPE] = TCG_FU_RECPE, [FPOP_URSQRTE] = TCG_FU_RSQRTE,
    };
    uint32_t desc = simd_desc(fpop, esz, DESC_SCALAR);
    /* URECPE and URSQRTE: of an unsigned 0.32 fixed-point number. */
    unsigned fbits = fpop == FPOP_URECPE || fpop == FPOP_URSQRTE ? 32 : 0;
    /* Where the host path takes the input (normal, and for FRECPE a
     * normal estimate), the result is the same in every FPCR mode and
     * raises no flag: no condition on the mode word. */
    if (vec < 0) {
        gen_fp_unary(r, a, fu[fpop], esz, fbits, &helper_info_fp_unary, desc, 0);
    } else {
        tcg_gen_funop_vec(d, n, fu[fpop] | (esz == 3 ? TCG_FU_F64 : 0) | (vec ? TCG_FU_Q : 0),
                          fbits, &helper_info_fp_unary, desc, offsetof(CPUARMState, fpcr), 0, 0);
    }
}

/* ---- data processing, 2 and 3 sources ---- */

static bool trans_FP_2src(DisasContext *s, const DecodeArgs *a)
{
    static const int ops[9] = {
        FPOP_MUL, FPOP_DIV, FPOP_ADD, FPOP_SUB, FPOP_MAX, FPOP_MIN,
        FPOP_MAXNM, FPOP_MINNM, FPOP_NMUL,
    };
    int esz = ftype_esz_sd(a->ftype);
    if (esz < 0 || a->opcode > 8) {
        return false;
    }
    TCGv_i64 r = tcg_temp_new_i64();
    gen_fp_arith(r, read_fp_elem(a->Rn, esz), read_fp_elem(a->Rm, esz), ops[a->opcode], esz);
    write_fp_dreg(s, a->Rd, r);
    return true;
}

static bool trans_FP_3src(DisasContext *s, const DecodeArgs *a)
{
    int esz = ftype_esz_sd(a->ftype);
    if (esz < 0) {
        return false;
    }
    /* o1:o0 = 00 FMADD a+n*m, 01 FMSUB a-n*m, 10 FNMADD -a-n*m,
     * 11 FNMSUB -a+n*m */
    static const unsigned neg[4] = {
        0, TCG_FMA_NEG_PRODUCT, TCG_FMA_NEG_PRODUCT | TCG_FMA_NEG_ADDEND, TCG_FMA_NEG_ADDEND,
    };
    int o = a->o1 * 2 + a->o0;
    if (tcg_host_isa_extended()) {
        gen_fp_muladd(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rm),
                      vreg_offset(a->Ra), TCG_FMA_SCALAR | neg[o], esz,
                      &helper_info_fp_fma_reg, simd_desc(o, esz, 0),
                      simd_regs(a->Rd, a->Rn, a->Rm, a->Ra));
        return true;
    }
    TCGv_i64 r = tcg_temp_new_i64();
    tcg_gen_call(fp_fma, r, tcg_env, read_fp_elem(a->Rn, esz), read_fp_elem(a->Rm, esz),
                 read_fp_elem(a->Ra, esz), tcg_constant_i32(simd_desc(o, esz, 0)));
    write_fp_dreg(s, a->Rd, r);
    return true;
}

/* ---- compares and selects ---- */

/* nzcv = Arm's NZCV (bits 3:0) of comparing n with m, FCMPE's if
 * signalling.  (No mode condition: a compare of values normal or zero
 * neither rounds nor raises a flag.) */
static void gen_fp_compare(TCGv_i64 nzcv, TCGv_i64 n, TCGv_i64 m, int esz, bool signalling)
{
    static TCGHelperInfo *const fallback[2][2] = {
        { &helper_info_fcmp_s, &helper_info_fcmp_d },
        { &helper_info_fcmpe_s, &helper_info_fcmpe_d },
    };
    tcg_gen_fbinop_i64(nzcv, n, m, TCG_FP_CMP | (esz == 3 ? TCG_FP_F64 : 0),
                       fallback[signalling][esz == 3], offsetof(CPUARMState, fpcr), 0, 0);
}

static bool trans_FCMP(DisasContext *s, const DecodeArgs *a)
{
    /* opcode2: bit 4 signalling (FCMPE), bit 3 against #0.0 */
    int esz = ftype_esz_sd(a->ftype);
    if (esz < 0 || (a->opcode2 & 7)) {
        return false;
    }
    TCGv_i64 m = (a->opcode2 & 8) ? tcg_constant_i64(0) : read_fp_elem(a->Rm, esz);
    TCGv_i64 nzcv = tcg_temp_new_i64();
    gen_fp_compare(nzcv, read_fp_elem(a->Rn, esz), m, esz, a->opcode2 >> 4 & 1);
    gen_set_nzcv(nzcv);
    return true;
}

/* The condition cc as a 0/1 i32. */
static TCGv_i32 gen_cond_value(int cc)
{
    if (cc >= 14) {
        return tcg_constant_i32(1);
    }
    DisasCompare c;
    arm_test_cc(&c, cc);
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_setcond_i64(c.cond, t, c.a, c.b);
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(r, t);
    return r;
}

static bool trans_FCCMP(DisasContext *s, const DecodeArgs *a)
{
    int esz = ftype_esz_sd(a->ftype);
    if (esz < 0) {
        return false;
    }
    /* FCMP's compare where the condition holds, else the immediate.
     * Without a branch: where it fails the compare is of zero with zero,
     * which raises nothing, and its answer is dropped. */
    TCGv_i64 pass = tcg_temp_new_i64(), zero = tcg_constant_i64(0);
    TCGv_i64 n = tcg_temp_new_i64(), m = tcg_temp_new_i64(), nzcv = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(pass, gen_cond_value(a->cond));
    tcg_gen_movcond_i64(TCG_COND_NE, n, pass, zero, read_fp_elem(a->Rn, esz), zero);
    tcg_gen_movcond_i64(TCG_COND_NE, m, pass, zero, read_fp_elem(a->Rm, esz), zero);
    gen_fp_compare(nzcv, n, m, esz, a->op);
    tcg_gen_movcond_i64(TCG_COND_NE, nzcv, pass, zero, nzcv, tcg_constant_i64(a->nzcv));
    gen_set_nzcv(nzcv);
    return true;
}

static bool trans_FCSEL(DisasContext *s, const DecodeArgs *a)
{
    int esz = ftype_esz_sd(a->ftype);
    if (esz < 0) {
        return false;
    }
    TCGv_i64 n = read_fp_elem(a->Rn, esz), m = read_fp_elem(a->Rm, esz);
    TCGv_i64 r = tcg_temp_new_i64();
    if (a->cond >= 14) {
        tcg_gen_mov_i64(r, n);
    } else {
        DisasCompare c;
        arm_test_cc(&c, a->cond);
        tcg_gen_movcond_i64(c.cond, r, c.a, c.b, n, m);
    }
    write_fp_dreg(s, a->Rd, r);
    return true;
}

/* ---- immediate ---- */

/* VFPExpandImm: sign, a small exponent and 4 fraction bits. */
static uint64_t vfp_expand_imm(int esz, unsigned imm8)
{
    unsigned ebits = esz == 3 ? 11 : esz == 2 ? 8 : 5;
    unsigned fbits = (8 << esz) - ebits - 1;
    uint64_t sign = imm8 >> 7;
    uint64_t b6 = (imm8 >> 6) & 1;
    uint64_t exp = (!b6 << (ebits - 1)) | ((b6 ? (1u << (ebits - 3)) - 1 : 0) << 2) |
                   ((imm8 >> 4) & 3);
    uint64_t frac = (uint64_t)(imm8 & 15) << (fbits - 4);
    return sign << (ebits + fbits) | exp << fbits | frac;
}

static bool trans_FMOV_imm(DisasContext *s, const DecodeArgs *a)
{
    int esz = ftype_esz_sd(a->ftype);
    if (esz < 0) {
        return false;
    }
    write_fp_dreg(s, a->Rd, tcg_constant_i64(vfp_expand_imm(esz, a->imm8)));
    return true;
}

/* ---- conversions to and from general registers ---- */

/* FMOV between a general register and an FP register (opcode 11x). */
static bool gen_fmov_gpr(DisasContext *s, const DecodeArgs *a)
{
    bool to_fp = a->opcode & 1;
    TCGv_i64 t;
    switch (a->sf << 4 | a->ftype << 2 | a->rmode) {
    case 0x00: /* 32-bit: Wd <-> Sn */
        if (to_fp) {
            t = tcg_temp_new_i64();
            tcg_gen_ext32u_i64(t, read_x(s, a->Rn));
            write_fp_dreg(s, a->Rd, t);
        } else {
            write_reg(s, a->Rd, 0, read_fp_elem(a->Rn, 2));
        }
        return true;
    case 0x14: /* 64-bit: Xd <-> Dn */
        if (to_fp) {
            write_fp_dreg(s, a->Rd, read_x(s, a->Rn));
        } else {
            write_reg(s, a->Rd, 1, read_fp_elem(a->Rn, 3));
        }
        return true;
    case 0x19: /* Xd <-> Vn.D[1]: the other half of Vd is kept */
        if (to_fp) {
            tcg_gen_st_i64(read_x(s, a->Rn), tcg_env, vreg_offset(a->Rd) + 8);
        } else {
            t = tcg_temp_new_i64();
            tcg_gen_ld_i64(t, tcg_env, vreg_offset(a->Rn) + 8);
            write_reg(s, a->Rd, 1, t);
        }
        return true;
    default:
        return false;
    }
}

/* FCVT* Rd <- Vn and SCVTF/UCVTF Vd <- Rn; desc's DESC_ESZ is the FP size,
 * DESC_IMM the fraction bits. */
/* (Inline where exact: FCVT{N,P,M,Z,A}*, which only IXC can tell from
 * the host's, and SCVTF/UCVTF, with fraction bits too.) */
static void gen_fp_to_int(DisasContext *s, const DecodeArgs *a, uint32_t desc)
{
    TCGv_i64 v = tcg_temp_new_i64(), n = read_fp_elem(a->Rn, DESC_ESZ(desc));
    gen_fp_int_convert(v, n, 0, 0, -1, true, DESC_RMODE(desc), desc & DESC_UNS,
                       DESC_ESZ(desc), desc & DESC_Q, DESC_IMM(desc));
    write_reg(s, a->Rd, a->sf, v);
}

static void gen_int_to_fp(DisasContext *s, const DecodeArgs *a, uint32_t desc)
{
    TCGv_i64 v = tcg_temp_new_i64(), n = read_reg(s, a->Rn, a->sf);
    gen_fp_int_convert(v, n, 0, 0, -1, false, 0, desc & DESC_UNS, DESC_ESZ(desc),
                       desc & DESC_Q, DESC_IMM(desc));
    write_fp_dreg(s, a->Rd, v);
}

static bool trans_FP_int(DisasContext *s, const DecodeArgs *a)
{
    if (a->opcode >= 6) {
        return gen_fmov_gpr(s, a);
    }
    int esz = ftype_esz_sd(a->ftype);
    if (esz < 0) {
        return false;
    }
    bool uns = a->opcode & 1;
    uint32_t flags = (a->sf ? DESC_Q : 0) | (uns ? DESC_UNS : 0);
    if (a->opcode < 2) {
        /* FCVT{N,P,M,Z}{S,U}: rmode is the rounding */
        gen_fp_to_int(s, a, simd_desc(0, esz, flags) | DESC_MAKE_RMODE(a->rmode));
        return true;
    }
    if (a->rmode != 0) {
        return false;
    }
    if (a->opcode < 4) {
        /* SCVTF/UCVTF */
        gen_int_to_fp(s, a, simd_desc(0, esz, flags));
        return true;
    }
    /* FCVTAS/FCVTAU: to nearest, ties away */
    gen_fp_to_int(s, a, simd_desc(0, esz, flags) | DESC_MAKE_RMODE(SF_RNA));
    return true;
}

static bool trans_FP_fixed(DisasContext *s, const DecodeArgs *a)
{
    int esz = ftype_esz_sd(a->ftype);
    int fbits = 64 - a->scale;
    if (esz < 0 || (!a->sf && fbits > 32)) {
        return false;
    }
    bool uns = a->opcode & 1;
    uint32_t flags = (a->sf ? DESC_Q : 0) | (uns ? DESC_UNS : 0);
    if (a->rmode == 3 && a->opcode < 2) {
        /* FCVTZS/FCVTZU (fixed point) */
        gen_fp_to_int(s, a, simd_desc(0, esz, flags) | DESC_MAKE_RMODE(SF_RZ) |
                            DESC_MAKE_IMM(fbits));
        return true;
    }
    if (a->rmode == 0 && (a->opcode == 2 || a->opcode == 3)) {
        /* SCVTF/UCVTF (fixed point) */
        gen_int_to_fp(s, a, simd_desc(0, esz, flags) | DESC_MAKE_IMM(fbits));
        return true;
    }
    return false;
}

/*
 * The rows.  Each class takes ftype as a field and declines what it does
 * not implement; the half-precision rows before them name FEAT_FP16's
 * share of each class.
 */
static const DecodePattern fp_rows[] = {
    /* Floating-point <-> fixed-point */
    { "sf:1 0 0 11110 11 0 xx xxx xxxxxx xxxxx xxxxx", NULL,
      "FCVTZS/FCVTZU/SCVTF/UCVTF (fixed, half: FEAT_FP16)" },
    { "sf:1 0 0 11110 ftype:2 0 rmode:2 opcode:3 scale:6 Rn:5 Rd:5", trans_FP_fixed,
      "FCVTZS FCVTZU SCVTF UCVTF (scalar, fixed-point)" },
    /* Floating-point <-> integer */
    { "0 0 0 11110 01 1 11 110 000000 xxxxx xxxxx", NULL, "FJCVTZS (FEAT_JSCVT)" },
    { "x 0 0 11110 11 1 xx xxx 000000 xxxxx xxxxx", NULL,
      "FCVT*/SCVTF/UCVTF/FMOV (general, half: FEAT_FP16)" },
    { "sf:1 0 0 11110 ftype:2 1 rmode:2 opcode:3 000000 Rn:5 Rd:5", trans_FP_int,
      "FCVTNS FCVTNU FCVTPS FCVTPU FCVTMS FCVTMU FCVTZS FCVTZU FCVTAS FCVTAU SCVTF UCVTF "
      "(scalar, integer), FMOV (general)" },
    /* Floating-point data-processing (1 source) */
    { "0 0 0 11110 ftype:2 1 0001 opc:2 10000 Rn:5 Rd:5", trans_FCVT, "FCVT (between half, single, double)" },
    { "0 0 0 11110 11 1 0000 xx 10000 xxxxx xxxxx", NULL,
      "FMOV/FABS/FNEG/FSQRT (half: FEAT_FP16)" },
    { "0 0 0 11110 11 1 001 xxx 10000 xxxxx xxxxx", NULL, "FRINT* (half: FEAT_FP16)" },
    { "0 0 0 11110 0 x 1 0100 xx 10000 xxxxx xxxxx", NULL,
      "FRINT32Z/FRINT32X/FRINT64Z/FRINT64X (FEAT_FRINTTS)" },
    { "0 0 0 11110 01 1 000110 10000 xxxxx xxxxx", NULL, "BFCVT (FEAT_BF16)" },
    { "0 0 0 11110 ftype:2 1 opcode:6 10000 Rn:5 Rd:5", trans_FP_1src,
      "FMOV (register) FABS FNEG FSQRT FRINTN FRINTP FRINTM FRINTZ FRINTA FRINTX FRINTI" },
    /* Floating-point compare */
    { "0 0 0 11110 11 1 xxxxx 00 1000 xxxxx xxxxx", NULL, "FCMP/FCMPE (half: FEAT_FP16)" },
    { "0 0 0 11110 ftype:2 1 Rm:5 00 1000 Rn:5 opcode2:5", trans_FCMP, "FCMP/FCMPE" },
    /* Floating-point immediate */
    { "0 0 0 11110 11 1 xxxxxxxx 100 00000 xxxxx", NULL, "FMOV (immediate, half: FEAT_FP16)" },
    { "0 0 0 11110 ftype:2 1 imm8:8 100 00000 Rd:5", trans_FMOV_imm, "FMOV (scalar, immediate)" },
    /* Floating-point conditional compare */
    { "0 0 0 11110 11 1 xxxxx xxxx 01 xxxxx x xxxx", NULL,
      "FCCMP/FCCMPE (half: FEAT_FP16)" },
    { "0 0 0 11110 ftype:2 1 Rm:5 cond:4 01 Rn:5 op:1 nzcv:4", trans_FCCMP, "FCCMP/FCCMPE" },
    /* Floating-point data-processing (2 source) */
    { "0 0 0 11110 11 1 xxxxx xxxx 10 xxxxx xxxxx", NULL,
      "FADD/FSUB/FMUL/FDIV/FMAX/FMIN/FNMUL... (half: FEAT_FP16)" },
    { "0 0 0 11110 ftype:2 1 Rm:5 opcode:4 10 Rn:5 Rd:5", trans_FP_2src,
      "FMUL/FDIV/FADD/FSUB/FMAX/FMIN/FMAXNM/FMINNM/FNMUL (scalar)" },
    /* Floating-point conditional select */
    { "0 0 0 11110 11 1 xxxxx xxxx 11 xxxxx xxxxx", NULL, "FCSEL (half: FEAT_FP16)" },
    { "0 0 0 11110 ftype:2 1 Rm:5 cond:4 11 Rn:5 Rd:5", trans_FCSEL, "FCSEL" },
    /* Floating-point data-processing (3 source) */
    { "0 0 0 11111 11 x xxxxx x xxxxx xxxxx xxxxx", NULL,
      "FMADD/FMSUB/FNMADD/FNMSUB (half: FEAT_FP16)" },
    { "0 0 0 11111 ftype:2 o1:1 Rm:5 o0:1 Ra:5 Rn:5 Rd:5", trans_FP_3src,
      "FMADD/FMSUB/FNMADD/FNMSUB" },
};

const DecodeGroup a64_fp_group = DECODE_GROUP("scalar floating point", fp_rows);
