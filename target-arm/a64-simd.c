/*
 * A64 "Data Processing -- Scalar Floating-Point and Advanced SIMD" (Arm ARM
 * C4.1.6), the Advanced SIMD half: the arithmetic groups (three same, three
 * different, two-register misc, across lanes, scalar pairwise, by element),
 * each in vector and scalar form, and the rows this project knows but does
 * not implement (dot product, complex, FP16, BF16, ...).  The crypto
 * classes and PMULL are a64-crypto.c's.
 *
 * Each group is one row whose translator looks the opcode up in a table
 * written like the manual's (U, opcode[, size]) -> operation, then emits
 * either one inline whole-register op (tcg's vop_vec for the integer
 * lane-wise ones: add, subtract, multiply, compares, min/max, absolute
 * difference, halving adds, bitwise; fbinop_vec, funop_vec and
 * fmuladd_vec for FP)
 * or one helper call that does the whole vector (helper-simd.c for integer,
 * helper-fp.c for floating point); then shift by immediate (with the
 * narrowing, widening and fixed-point forms).  The data-movement groups
 * (copy, modified immediate, permute, extract, table lookup) and the
 * element moves are a64-simd-move.c's.
 */
#include "a64-simd.h"
#include "helper-fp.h"

/* ---- code generation shared by the groups ---- */

/* A scalar op on lanes below 64 bits as vop_vec's vector one (Q = 0) on
 * copies of lane 0 of Vn (of esz_n) and of lane idx of Vm (of esz_m; rm
 * < 0: none), every other lane zero: the saturating ops give zero on a
 * zero lane and do not saturate there, and Vd's other lanes are zeroed
 * as a scalar write does.  acc >= 0: the op accumulates into Vd's lane 0
 * of that size, whose other lanes are zeroed first (after the operands
 * are read: Vd may be Vm). */
static void gen_scalar_vop(int rd, int rn, int esz_n, int rm, int idx, int esz_m, int acc,
                           unsigned kind, unsigned imm)
{
    intptr_t sn = offsetof(CPUARMState, vec_scratch[1]);
    intptr_t sm = offsetof(CPUARMState, vec_scratch[0]);
    TCGv_i64 zero = tcg_constant_i64(0);
    tcg_gen_st_i64(ld_elem(rn, 0, esz_n, false), tcg_env, sn);
    tcg_gen_st_i64(zero, tcg_env, sn + 8);
    if (rm >= 0) {
        tcg_gen_st_i64(ld_elem(rm, idx, esz_m, false), tcg_env, sm);
        tcg_gen_st_i64(zero, tcg_env, sm + 8);
    }
    if (acc >= 0) {
        tcg_gen_st_i64(ld_elem(rd, 0, acc, false), tcg_env, vreg_offset(rd));
        tcg_gen_st_i64(zero, tcg_env, vreg_offset(rd) + 8);
    }
    tcg_gen_vop_vec(vreg_offset(rd), sn, rm >= 0 ? sm : sn, kind, imm);
}

/* ---- table lookup helpers ---- */

enum { SZ_B = 1, SZ_H = 2, SZ_S = 4, SZ_D = 8, SZ_BHS = 7, SZ_HS = 6, SZ_ALL = 15 };

/* Whether a same-size vector form is allocated: size allowed, and 64-bit
 * lanes only in a 128-bit vector. */
static bool vec_size_ok(unsigned sizes, int size, int q)
{
    return (sizes >> size & 1) && (size != 3 || q);
}

/* ---- three same ---- */

typedef struct IntRow {
    uint8_t u, opcode, op;
    uint8_t vsizes, ssizes;     /* SZ_* allowed for the vector / scalar form */
    bool pair;
} IntRow;

static const IntRow three_same_int[] = {
    /* U opcode   op          vector  scalar */
    { 0, 0x00, SI_SHADD,   SZ_BHS, 0 },      { 1, 0x00, SI_UHADD,   SZ_BHS, 0 },
    { 0, 0x01, SI_SQADD,   SZ_ALL, SZ_ALL }, { 1, 0x01, SI_UQADD,   SZ_ALL, SZ_ALL },
    { 0, 0x02, SI_SRHADD,  SZ_BHS, 0 },      { 1, 0x02, SI_URHADD,  SZ_BHS, 0 },
    { 0, 0x04, SI_SHSUB,   SZ_BHS, 0 },      { 1, 0x04, SI_UHSUB,   SZ_BHS, 0 },
    { 0, 0x05, SI_SQSUB,   SZ_ALL, SZ_ALL }, { 1, 0x05, SI_UQSUB,   SZ_ALL, SZ_ALL },
    { 0, 0x06, SI_CMGT,    SZ_ALL, SZ_D },   { 1, 0x06, SI_CMHI,    SZ_ALL, SZ_D },
    { 0, 0x07, SI_CMGE,    SZ_ALL, SZ_D },   { 1, 0x07, SI_CMHS,    SZ_ALL, SZ_D },
    { 0, 0x08, SI_SSHL,    SZ_ALL, SZ_D },   { 1, 0x08, SI_USHL,    SZ_ALL, SZ_D },
    { 0, 0x09, SI_SQSHL,   SZ_ALL, SZ_ALL }, { 1, 0x09, SI_UQSHL,   SZ_ALL, SZ_ALL },
    { 0, 0x0a, SI_SRSHL,   SZ_ALL, SZ_D },   { 1, 0x0a, SI_URSHL,   SZ_ALL, SZ_D },
    { 0, 0x0b, SI_SQRSHL,  SZ_ALL, SZ_ALL }, { 1, 0x0b, SI_UQRSHL,  SZ_ALL, SZ_ALL },
    { 0, 0x0c, SI_SMAX,    SZ_BHS, 0 },      { 1, 0x0c, SI_UMAX,    SZ_BHS, 0 },
    { 0, 0x0d, SI_SMIN,    SZ_BHS, 0 },      { 1, 0x0d, SI_UMIN,    SZ_BHS, 0 },
    { 0, 0x0e, SI_SABD,    SZ_BHS, 0 },      { 1, 0x0e, SI_UABD,    SZ_BHS, 0 },
    { 0, 0x0f, SI_SABA,    SZ_BHS, 0 },      { 1, 0x0f, SI_UABA,    SZ_BHS, 0 },
    { 0, 0x10, SI_ADD,     SZ_ALL, SZ_D },   { 1, 0x10, SI_SUB,     SZ_ALL, SZ_D },
    { 0, 0x11, SI_CMTST,   SZ_ALL, SZ_D },   { 1, 0x11, SI_CMEQ,    SZ_ALL, SZ_D },
    { 0, 0x12, SI_MLA,     SZ_BHS, 0 },      { 1, 0x12, SI_MLS,     SZ_BHS, 0 },
    { 0, 0x13, SI_MUL,     SZ_BHS, 0 },      { 1, 0x13, SI_PMUL,    SZ_B,   0 },
    { 0, 0x14, SI_SMAX,    SZ_BHS, 0, true }, { 1, 0x14, SI_UMAX,   SZ_BHS, 0, true },
    { 0, 0x15, SI_SMIN,    SZ_BHS, 0, true }, { 1, 0x15, SI_UMIN,   SZ_BHS, 0, true },
    { 0, 0x16, SI_SQDMULH, SZ_HS,  SZ_HS },  { 1, 0x16, SI_SQRDMULH, SZ_HS, SZ_HS },
    { 0, 0x17, SI_ADD,     SZ_ALL, 0, true },
};

/* The three-same ops tcg's vop_vec has, plus one (0: none). */
static const uint8_t vop_of_si[SI_COUNT] = {
    [SI_ADD] = TCG_VOP_ADD + 1,       [SI_SUB] = TCG_VOP_SUB + 1,
    [SI_MUL] = TCG_VOP_MUL + 1,       [SI_MLA] = TCG_VOP_MLA + 1,
    [SI_MLS] = TCG_VOP_MLS + 1,       [SI_CMEQ] = TCG_VOP_CMEQ + 1,
    [SI_CMTST] = TCG_VOP_CMTST + 1,   [SI_CMGT] = TCG_VOP_CMGT + 1,
    [SI_CMGE] = TCG_VOP_CMGE + 1,     [SI_CMHI] = TCG_VOP_CMHI + 1,
    [SI_CMHS] = TCG_VOP_CMHS + 1,     [SI_SMAX] = TCG_VOP_SMAX + 1,
    [SI_SMIN] = TCG_VOP_SMIN + 1,     [SI_UMAX] = TCG_VOP_UMAX + 1,
    [SI_UMIN] = TCG_VOP_UMIN + 1,     [SI_SABD] = TCG_VOP_SABD + 1,
    [SI_UABD] = TCG_VOP_UABD + 1,     [SI_SABA] = TCG_VOP_SABA + 1,
    [SI_UABA] = TCG_VOP_UABA + 1,     [SI_SHADD] = TCG_VOP_SHADD + 1,
    [SI_UHADD] = TCG_VOP_UHADD + 1,   [SI_SRHADD] = TCG_VOP_SRHADD + 1,
    [SI_URHADD] = TCG_VOP_URHADD + 1,
    [SI_SHSUB] = TCG_VOP_SHSUB + 1,   [SI_UHSUB] = TCG_VOP_UHSUB + 1,
    [SI_SQADD] = TCG_VOP_SQADD + 1,   [SI_UQADD] = TCG_VOP_UQADD + 1,
    [SI_SQSUB] = TCG_VOP_SQSUB + 1,   [SI_UQSUB] = TCG_VOP_UQSUB + 1,
    [SI_SQDMULH] = TCG_VOP_SQDMULH + 1, [SI_SQRDMULH] = TCG_VOP_SQRDMULH + 1,
    [SI_SSHL] = TCG_VOP_SSHL + 1,     [SI_USHL] = TCG_VOP_USHL + 1,
    [SI_SRSHL] = TCG_VOP_SRSHL + 1,   [SI_URSHL] = TCG_VOP_URSHL + 1,
    [SI_PMUL] = TCG_VOP_PMUL + 1,
    [SI_SQSHL] = TCG_VOP_SQSHLR + 1,  [SI_UQSHL] = TCG_VOP_UQSHLR + 1,
    [SI_SQRSHL] = TCG_VOP_SQRSHL + 1, [SI_UQRSHL] = TCG_VOP_UQRSHL + 1,
};
/* ... and of its pairwise rows. */
static const uint8_t vop_pair_of_si[SI_COUNT] = {
    [SI_ADD] = TCG_VOP_ADDP + 1,    [SI_SMAX] = TCG_VOP_SMAXP + 1,
    [SI_UMAX] = TCG_VOP_UMAXP + 1,  [SI_SMIN] = TCG_VOP_SMINP + 1,
    [SI_UMIN] = TCG_VOP_UMINP + 1,
};

static const IntRow *find_int_row(const IntRow *rows, size_t n, int u, int opcode)
{
    for (size_t i = 0; i < n; i++) {
        if (rows[i].u == u && rows[i].opcode == opcode) {
            return &rows[i];
        }
    }
    return NULL;
}

/* FP rows of three same, by U, size<1> (a) and opcode. */
typedef struct FPRow {
    uint8_t u, a, opcode, op;
    uint8_t forms;              /* F_VEC, F_SCALAR, F_PAIR */
} FPRow;
enum { F_VEC = 1, F_SCALAR = 2, F_PAIR = 4 };

static const FPRow three_same_fp[] = {
    { 0, 0, 0x18, FPOP_MAXNM, F_VEC },   { 0, 0, 0x19, FPOP_MLA, F_VEC },
    { 0, 0, 0x1a, FPOP_ADD, F_VEC },     { 0, 0, 0x1b, FPOP_MULX, F_VEC | F_SCALAR },
    { 0, 0, 0x1c, FPOP_CMEQ, F_VEC | F_SCALAR },
    { 0, 0, 0x1e, FPOP_MAX, F_VEC },     { 0, 0, 0x1f, FPOP_RECPS, F_VEC | F_SCALAR },
    { 0, 1, 0x18, FPOP_MINNM, F_VEC },   { 0, 1, 0x19, FPOP_MLS, F_VEC },
    { 0, 1, 0x1a, FPOP_SUB, F_VEC },     { 0, 1, 0x1e, FPOP_MIN, F_VEC },
    { 0, 1, 0x1f, FPOP_RSQRTS, F_VEC | F_SCALAR },
    { 1, 0, 0x18, FPOP_MAXNM, F_PAIR },  { 1, 0, 0x1a, FPOP_ADD, F_PAIR },
    { 1, 0, 0x1b, FPOP_MUL, F_VEC },     { 1, 0, 0x1c, FPOP_CMGE, F_VEC | F_SCALAR },
    { 1, 0, 0x1d, FPOP_ACGE, F_VEC | F_SCALAR },
    { 1, 0, 0x1e, FPOP_MAX, F_PAIR },    { 1, 0, 0x1f, FPOP_DIV, F_VEC },
    { 1, 1, 0x18, FPOP_MINNM, F_PAIR },  { 1, 1, 0x1a, FPOP_ABD, F_VEC | F_SCALAR },
    { 1, 1, 0x1c, FPOP_CMGT, F_VEC | F_SCALAR },
    { 1, 1, 0x1d, FPOP_ACGT, F_VEC | F_SCALAR },
    { 1, 1, 0x1e, FPOP_MIN, F_PAIR },
};

static const FPRow *find_fp_row(const FPRow *rows, size_t n, int u, int a, int opcode)
{
    for (size_t i = 0; i < n; i++) {
        if (rows[i].u == u && rows[i].a == a && rows[i].opcode == opcode) {
            return &rows[i];
        }
    }
    return NULL;
}

/* Runs gen on each 64-bit half of a same-size op; halves are independent,
 * so Vd may alias a source.  Q=0 zeroes the high half. */
typedef void HalfFn(TCGv_i64 r, TCGv_i64 n, TCGv_i64 m, TCGv_i64 d, int arg);

static void gen_by_halves(DisasContext *s, int q, int rd, int rn, int rm,
                          bool need_d, HalfFn *fn, int arg)
{
    for (int h = 0; h <= q; h++) {
        TCGv_i64 n = tcg_temp_new_i64(), m = tcg_temp_new_i64();
        TCGv_i64 d = NULL, r = tcg_temp_new_i64();
        ld_vec_half(n, rn, h);
        if (rm >= 0) {
            ld_vec_half(m, rm, h);
        } else {
            tcg_gen_movi_i64(m, 0);
        }
        if (need_d) {
            d = tcg_temp_new_i64();
            ld_vec_half(d, rd, h);
        }
        fn(r, n, m, d, arg);
        st_vec_half(r, rd, h);
    }
    if (!q) {
        clear_vec_high(s, rd);
    }
}

/* An inline FP op (fp_arith_inline) on one 64-bit half: arg = FPOp |
 * esz << 8. */
static void half_fp_arith(TCGv_i64 r, TCGv_i64 n, TCGv_i64 m, TCGv_i64 d, int arg)
{
    int fpop = arg & 0xff, esz = arg >> 8;
    if (esz == 3) {
        gen_fp_arith(r, n, m, fpop, 3);
        return;
    }
    TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
    TCGv_i64 nh = tcg_temp_new_i64(), mh = tcg_temp_new_i64();
    gen_fp_arith(lo, n, m, fpop, 2);        /* (reads the low 32 bits) */
    tcg_gen_shri_i64(nh, n, 32);
    tcg_gen_shri_i64(mh, m, 32);
    gen_fp_arith(hi, nh, mh, fpop, 2);
    tcg_gen_deposit_i64(r, lo, hi, 32, 32);
}

/* FABS, FNEG (the sign bits cleared or flipped: no FP arithmetic, no
 * flag) and FSQRT (lane by lane, inline where exact) on one 64-bit
 * half: arg = FPOp | esz << 8. */
static void half_fp_unary(TCGv_i64 r, TCGv_i64 n, TCGv_i64 m, TCGv_i64 d, int arg)
{
    int fpop = arg & 0xff, esz = arg >> 8;
    uint64_t sign = esz == 3 ? 1ull << 63 : 0x8000000080000000ull;
    if (fpop == FPOP_ABS) {
        tcg_gen_andi_i64(r, n, ~sign);
    } else if (fpop == FPOP_NEG) {
        tcg_gen_xori_i64(r, n, sign);
    } else if (esz == 3) {
        gen_fp_sqrt(r, n, 3);
    } else {
        TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64(), nh = tcg_temp_new_i64();
        gen_fp_sqrt(lo, n, 2);              /* (reads the low 32 bits) */
        tcg_gen_shri_i64(nh, n, 32);
        gen_fp_sqrt(hi, nh, 2);
        tcg_gen_deposit_i64(r, lo, hi, 32, 32);
    }
}

/* An FP compare (FCMEQ ... FACGT) of a scalar or of two f32 lanes,
 * rm < 0: with zero, swap: zero first.  The whole-register compare on
 * copies in the scratch registers, their other lanes zero (which
 * compares with zero raise nothing), then Vd cut to the lanes asked
 * for. */
static void gen_fp_compare_narrow(DisasContext *s, int fpop, int esz, bool scalar, int rd,
                                  int rn, int rm, bool swap)
{
    intptr_t sn = offsetof(CPUARMState, vec_scratch[0]);
    intptr_t sm = offsetof(CPUARMState, vec_scratch[1]);
    TCGv_i64 zero = tcg_constant_i64(0);
    for (int i = 0; i < 2; i++) {
        int reg = i ? rm : rn;
        intptr_t to = i ? sm : sn;
        if (reg < 0) {
            tcg_gen_st_i64(zero, tcg_env, to);
        } else {
            TCGv_i64 t = tcg_temp_new_i64();
            ld_vec_half(t, reg, 0);
            if (scalar && esz == 2) {
                tcg_gen_ext32u_i64(t, t);
            }
            tcg_gen_st_i64(t, tcg_env, to);
        }
        tcg_gen_st_i64(zero, tcg_env, to + 8);
    }
    gen_fp_arith_vec(vreg_offset(rd), swap ? sm : sn, swap ? sn : sm, fpop, esz);
    if (scalar && esz == 2) {
        TCGv_i64 t = tcg_temp_new_i64();
        ld_vec_half(t, rd, 0);
        tcg_gen_ext32u_i64(t, t);
        st_vec_half(t, rd, 0);
    }
    clear_vec_high(s, rd);
}

static bool do_3same_fp(DisasContext *s, const DecodeArgs *a, bool scalar)
{
    const FPRow *row = find_fp_row(three_same_fp, sizeof(three_same_fp) / sizeof(three_same_fp[0]),
                                   a->U, a->size >> 1, a->opcode);
    if (!row) {
        return false;
    }
    int sz = a->size & 1;
    uint32_t flags;
    if (scalar) {
        if (!(row->forms & F_SCALAR)) {
            return false;
        }
        flags = DESC_SCALAR;
    } else {
        if (!(row->forms & (F_VEC | F_PAIR)) || (sz && !a->Q)) {
            return false;
        }
        flags = (a->Q ? DESC_Q : 0) | ((row->forms & F_PAIR) ? DESC_PAIR : 0);
    }
    if (row->op >= FPOP_CMEQ && row->op <= FPOP_ACGT && (scalar || !a->Q)) {
        gen_fp_compare_narrow(s, row->op, 2 + sz, scalar, a->Rd, a->Rn, a->Rm, false);
        return true;
    }
    /* The plain arithmetic ops are inline: a scalar's lane (FABD, FMULX),
     * the whole register at once (gen_fp_arith_vec), or a 64-bit vector
     * lane by lane. */
    if (scalar && fp_arith_inline(row->op, false)) {
        TCGv_i64 r = tcg_temp_new_i64();
        gen_fp_arith(r, read_fp_elem(a->Rn, 2 + sz), read_fp_elem(a->Rm, 2 + sz), row->op, 2 + sz);
        write_fp_dreg(s, a->Rd, r);
        return true;
    }
    if ((flags & DESC_PAIR) && a->Q && fp_arith_inline(row->op, true)) {
        /* the plain op on the even and the odd lanes of Vn:Vm */
        intptr_t even = offsetof(CPUARMState, vec_scratch[0]);
        intptr_t odd = offsetof(CPUARMState, vec_scratch[1]);
        tcg_gen_vop_vec(even, vreg_offset(a->Rn), vreg_offset(a->Rm),
                        TCG_VOP_KIND(TCG_VOP_UZP1, 2 + sz, 1), 0);
        tcg_gen_vop_vec(odd, vreg_offset(a->Rn), vreg_offset(a->Rm),
                        TCG_VOP_KIND(TCG_VOP_UZP2, 2 + sz, 1), 0);
        gen_fp_arith_vec(vreg_offset(a->Rd), even, odd, row->op, 2 + sz);
        return true;
    }
    if ((flags & DESC_PAIR) && !a->Q && fp_arith_inline(row->op, false)) {
        /* 2S: op(n0, n1) and op(m0, m1), lane by lane (both read before
         * Vd is written) */
        TCGv_i64 n = tcg_temp_new_i64(), m = tcg_temp_new_i64();
        TCGv_i64 nh = tcg_temp_new_i64(), mh = tcg_temp_new_i64();
        TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64(), r = tcg_temp_new_i64();
        ld_vec_half(n, a->Rn, 0);
        ld_vec_half(m, a->Rm, 0);
        tcg_gen_shri_i64(nh, n, 32);
        tcg_gen_shri_i64(mh, m, 32);
        gen_fp_arith(lo, n, nh, row->op, 2);    /* (reads the low 32 bits) */
        gen_fp_arith(hi, m, mh, row->op, 2);
        tcg_gen_deposit_i64(r, lo, hi, 32, 32);
        st_vec_half(r, a->Rd, 0);
        clear_vec_high(s, a->Rd);
        return true;
    }
    if (!(flags & (DESC_SCALAR | DESC_PAIR)) && fp_arith_inline(row->op, true) &&
        (a->Q || fp_arith_inline(row->op, false))) {
        if (a->Q) {
            gen_fp_arith_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rm),
                             row->op, 2 + sz);
        } else {
            gen_by_halves(s, 0, a->Rd, a->Rn, a->Rm, false, half_fp_arith,
                          row->op | (2 + sz) << 8);
        }
        return true;
    }
    /* FMLA/FMLS: fused on the host where it has FMA (the helper is the
     * fallback). */
    if (!(flags & (DESC_SCALAR | DESC_PAIR)) && (row->op == FPOP_MLA || row->op == FPOP_MLS) &&
        tcg_host_isa_extended()) {
        gen_fp_muladd(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rm),
                      vreg_offset(a->Rd),
                      (a->Q ? TCG_FMA_VEC128 : TCG_FMA_VEC64) |
                      (row->op == FPOP_MLS ? TCG_FMA_NEG_PRODUCT : 0),
                      2 + sz, &helper_info_vfp_3op, simd_desc(row->op, 2 + sz, flags),
                      simd_regs(a->Rd, a->Rn, a->Rm, 0));
        return true;
    }
    /* FRECPS 2 - n*m and FRSQRTS (3 - n*m) / 2: the same fused
     * multiply-add, its addend a constant in a scratch register. */
    if ((row->op == FPOP_RECPS || row->op == FPOP_RSQRTS) && tcg_host_isa_extended()) {
        bool rsqrts = row->op == FPOP_RSQRTS;
        uint64_t addend = sz ? (rsqrts ? 0x4008000000000000ull : 0x4000000000000000ull)
                             : (rsqrts ? 0x40400000u : 0x40000000u) * 0x100000001ull;
        intptr_t k = offsetof(CPUARMState, vec_scratch[0]);
        TCGv_i64 c = tcg_constant_i64(addend);
        tcg_gen_st_i64(c, tcg_env, k);
        tcg_gen_st_i64(c, tcg_env, k + 8);
        gen_fp_muladd(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rm), k,
                      (scalar ? TCG_FMA_SCALAR : a->Q ? TCG_FMA_VEC128 : TCG_FMA_VEC64) |
                      TCG_FMA_NEG_PRODUCT | (rsqrts ? TCG_FMA_HALVE : 0),
                      2 + sz, &helper_info_vfp_3op, simd_desc(row->op, 2 + sz, flags),
                      simd_regs(a->Rd, a->Rn, a->Rm, 0));
        return true;
    }
    gen_vec_call(&helper_info_vfp_3op, simd_desc(row->op, 2 + sz, flags),
                 simd_regs(a->Rd, a->Rn, a->Rm, 0));
    return true;
}

static bool do_3same(DisasContext *s, const DecodeArgs *a, bool scalar)
{
    if (a->opcode >= 0x18) {
        return do_3same_fp(s, a, scalar);
    }
    if (a->opcode == 0x03) {
        /* AND BIC ORR ORN EOR BSL BIT BIF by U:size, in TCG_VOP_AND on's order */
        if (scalar) {
            return false;
        }
        tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rm),
                        TCG_VOP_KIND(TCG_VOP_AND + (a->U << 2 | a->size), 0, a->Q), 0);
        return true;
    }
    const IntRow *row = find_int_row(three_same_int,
                                     sizeof(three_same_int) / sizeof(three_same_int[0]),
                                     a->U, a->opcode);
    if (!row) {
        return false;
    }
    uint32_t flags;
    if (scalar) {
        if (!(row->ssizes >> a->size & 1)) {
            return false;
        }
        flags = DESC_SCALAR;
    } else {
        if (!vec_size_ok(row->vsizes, a->size, a->Q)) {
            return false;
        }
        flags = (a->Q ? DESC_Q : 0) | (row->pair ? DESC_PAIR : 0);
    }
    /* Whole-lane ops inline, as SSE (tcg's vop_vec); a scalar D op is one
     * 64-bit lane, the high half cleared as for Q = 0. */
    int vop = (row->pair ? vop_pair_of_si[row->op] : vop_of_si[row->op]) - 1;
    if (vop >= 0 && (!scalar || a->size == 3) && tcg_vop_valid(vop, a->size)) {
        tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rm),
                        TCG_VOP_KIND(vop, a->size, scalar ? 0 : a->Q), 0);
        return true;
    }
    if (vop >= 0 && scalar && tcg_vop_valid(vop, a->size)) {
        /* (the saturating ones: the scalar rows below 64 bits) */
        gen_scalar_vop(a->Rd, a->Rn, a->size, a->Rm, 0, a->size, -1,
                       TCG_VOP_KIND(vop, a->size, 0), 0);
        return true;
    }
    gen_vec_call(&helper_info_simd_3op,
                 simd_desc(row->op, a->size, flags) | DESC_MAKE_IMM(SL_SAME),
                 simd_regs(a->Rd, a->Rn, a->Rm, 0));
    return true;
}

static bool trans_3same(DisasContext *s, const DecodeArgs *a)
{
    return do_3same(s, a, false);
}

static bool trans_3same_scalar(DisasContext *s, const DecodeArgs *a)
{
    return do_3same(s, a, true);
}

/* ---- three different ---- */

typedef struct DiffRow {
    uint8_t u, opcode, op, layout;
    uint8_t sizes;              /* allowed narrow sizes (SZ_*) */
    bool scalar;                /* has an Advanced SIMD scalar form */
} DiffRow;

static const DiffRow three_diff[] = {
    { 0, 0x0, SI_ADD, SL_LONG, SZ_BHS },     { 1, 0x0, SI_ADD, SL_LONG, SZ_BHS },
    { 0, 0x1, SI_ADD, SL_WIDE, SZ_BHS },     { 1, 0x1, SI_ADD, SL_WIDE, SZ_BHS },
    { 0, 0x2, SI_SUB, SL_LONG, SZ_BHS },     { 1, 0x2, SI_SUB, SL_LONG, SZ_BHS },
    { 0, 0x3, SI_SUB, SL_WIDE, SZ_BHS },     { 1, 0x3, SI_SUB, SL_WIDE, SZ_BHS },
    { 0, 0x4, SI_ADDHN, SL_NARROW, SZ_BHS }, { 1, 0x4, SI_RADDHN, SL_NARROW, SZ_BHS },
    { 0, 0x5, SI_SABA, SL_LONG, SZ_BHS },    { 1, 0x5, SI_UABA, SL_LONG, SZ_BHS },
    { 0, 0x6, SI_SUBHN, SL_NARROW, SZ_BHS }, { 1, 0x6, SI_RSUBHN, SL_NARROW, SZ_BHS },
    { 0, 0x7, SI_SABD, SL_LONG, SZ_BHS },    { 1, 0x7, SI_UABD, SL_LONG, SZ_BHS },
    { 0, 0x8, SI_MLA, SL_LONG, SZ_BHS },     { 1, 0x8, SI_MLA, SL_LONG, SZ_BHS },
    { 0, 0x9, SI_SQDMLAL, SL_LONG, SZ_HS, true },
    { 0, 0xa, SI_MLS, SL_LONG, SZ_BHS },     { 1, 0xa, SI_MLS, SL_LONG, SZ_BHS },
    { 0, 0xb, SI_SQDMLSL, SL_LONG, SZ_HS, true },
    { 0, 0xc, SI_MUL, SL_LONG, SZ_BHS },     { 1, 0xc, SI_MUL, SL_LONG, SZ_BHS },
    { 0, 0xd, SI_SQDMULL, SL_LONG, SZ_HS, true },
    /* opcode 1110, PMULL/PMULL2: a64-crypto.c's group, tried before this one */
};

/* The vector forms vop_vec has, by (U, opcode). */
static const uint8_t vop_of_3diff[2][16] = {
    { TCG_VOP_SADDL + 1, TCG_VOP_SADDW + 1, TCG_VOP_SSUBL + 1, TCG_VOP_SSUBW + 1,
      TCG_VOP_ADDHN + 1, TCG_VOP_SABAL + 1, TCG_VOP_SUBHN + 1, TCG_VOP_SABDL + 1,
      TCG_VOP_SMLAL + 1, TCG_VOP_SQDMLAL + 1, TCG_VOP_SMLSL + 1, TCG_VOP_SQDMLSL + 1,
      TCG_VOP_SMULL + 1, TCG_VOP_SQDMULL + 1 },
    { TCG_VOP_UADDL + 1, TCG_VOP_UADDW + 1, TCG_VOP_USUBL + 1, TCG_VOP_USUBW + 1,
      TCG_VOP_RADDHN + 1, TCG_VOP_UABAL + 1, TCG_VOP_RSUBHN + 1, TCG_VOP_UABDL + 1,
      TCG_VOP_UMLAL + 1, 0, TCG_VOP_UMLSL + 1, 0, TCG_VOP_UMULL + 1 },
};

static bool do_3diff(DisasContext *s, const DecodeArgs *a, bool scalar)
{
    const DiffRow *row = NULL;
    for (size_t i = 0; i < sizeof(three_diff) / sizeof(three_diff[0]); i++) {
        if (three_diff[i].u == a->U && three_diff[i].opcode == a->opcode) {
            row = &three_diff[i];
        }
    }
    if (!row || !(row->sizes >> a->size & 1) || (scalar && !row->scalar)) {
        return false;
    }
    int vop = vop_of_3diff[a->U][a->opcode] - 1;
    if (!scalar && vop >= 0) {
        tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rm),
                        TCG_VOP_KIND(vop, a->size, a->Q), 0);
        return true;
    }
    if (vop >= 0) {
        /* SQDMULL, SQDMLAL, SQDMLSL on one lane */
        gen_scalar_vop(a->Rd, a->Rn, a->size, a->Rm, 0, a->size,
                       vop == TCG_VOP_SQDMULL ? -1 : a->size + 1,
                       TCG_VOP_KIND(vop, a->size, 0), 0);
        return true;
    }
    uint32_t flags = a->U ? DESC_UNS : 0;
    flags |= scalar ? DESC_SCALAR : (a->Q ? DESC_PART : 0);
    int esz = row->layout == SL_NARROW ? a->size : a->size + 1;
    gen_vec_call(&helper_info_simd_3op,
                 simd_desc(row->op, esz, flags) | DESC_MAKE_IMM(row->layout),
                 simd_regs(a->Rd, a->Rn, a->Rm, 0));
    return true;
}

static bool trans_3diff(DisasContext *s, const DecodeArgs *a)
{
    return do_3diff(s, a, false);
}

static bool trans_3diff_scalar(DisasContext *s, const DecodeArgs *a)
{
    return do_3diff(s, a, true);
}

/* ---- two-register misc ---- */

enum { K_SAME, K_NARROW, K_WIDEN, K_REV };

typedef struct MiscRow {
    uint8_t u, opcode, op, kind;
    uint8_t vsizes, ssizes;
} MiscRow;

static const MiscRow misc_int[] = {
    { 0, 0x00, SM_REV64, K_REV, SZ_BHS },           { 1, 0x00, SM_REV32, K_REV, SZ_B | SZ_H },
    { 0, 0x01, SM_REV16, K_REV, SZ_B },
    { 0, 0x02, SM_SADDLP, K_WIDEN, SZ_BHS },        { 1, 0x02, SM_UADDLP, K_WIDEN, SZ_BHS },
    { 0, 0x03, SM_SUQADD, K_SAME, SZ_ALL, SZ_ALL }, { 1, 0x03, SM_USQADD, K_SAME, SZ_ALL, SZ_ALL },
    { 0, 0x04, SM_CLS, K_SAME, SZ_BHS },            { 1, 0x04, SM_CLZ, K_SAME, SZ_BHS },
    { 0, 0x05, SM_CNT, K_SAME, SZ_B },
    { 1, 0x05, SM_NOT, K_SAME, SZ_B },  /* size 01 is RBIT: see below */
    { 0, 0x06, SM_SADALP, K_WIDEN, SZ_BHS },        { 1, 0x06, SM_UADALP, K_WIDEN, SZ_BHS },
    { 0, 0x07, SM_SQABS, K_SAME, SZ_ALL, SZ_ALL },  { 1, 0x07, SM_SQNEG, K_SAME, SZ_ALL, SZ_ALL },
    { 0, 0x08, SM_CMGT0, K_SAME, SZ_ALL, SZ_D },    { 1, 0x08, SM_CMGE0, K_SAME, SZ_ALL, SZ_D },
    { 0, 0x09, SM_CMEQ0, K_SAME, SZ_ALL, SZ_D },    { 1, 0x09, SM_CMLE0, K_SAME, SZ_ALL, SZ_D },
    { 0, 0x0a, SM_CMLT0, K_SAME, SZ_ALL, SZ_D },
    { 0, 0x0b, SM_ABS, K_SAME, SZ_ALL, SZ_D },      { 1, 0x0b, SM_NEG, K_SAME, SZ_ALL, SZ_D },
    { 0, 0x12, SM_XTN, K_NARROW, SZ_BHS },          { 1, 0x12, SM_SQXTUN, K_NARROW, SZ_BHS, SZ_BHS },
    { 1, 0x13, SM_SHLL, K_WIDEN, SZ_BHS },
    { 0, 0x14, SM_SQXTN, K_NARROW, SZ_BHS, SZ_BHS }, { 1, 0x14, SM_UQXTN, K_NARROW, SZ_BHS, SZ_BHS },
};

/* FP rows: (U, size<1>, opcode) -> op; rmode for the rounding ones. */
typedef struct FPMiscRow {
    uint8_t u, a, opcode, op, rmode;
    uint8_t forms;          /* F_VEC, F_SCALAR */
    uint8_t flags;          /* M_UNS, M_EXACT, M_SZ0, M_SZ1 */
} FPMiscRow;
enum { M_UNS = 1, M_EXACT = 2, M_SZ0 = 4, M_SZ1 = 8 };
#define RM_FPCR DESC_RMODE_FPCR

static const FPMiscRow misc_fp[] = {
    { 0, 0, 0x16, FPOP_CVTN, 0, F_VEC },
    { 1, 0, 0x16, FPOP_CVTXN, 0, F_VEC | F_SCALAR, M_SZ1 },
    { 0, 0, 0x17, FPOP_CVTL, 0, F_VEC },
    { 0, 0, 0x18, FPOP_RINT, SF_RNE, F_VEC },  { 0, 1, 0x18, FPOP_RINT, SF_RPI, F_VEC },
    { 0, 0, 0x19, FPOP_RINT, SF_RMI, F_VEC },  { 0, 1, 0x19, FPOP_RINT, SF_RZ, F_VEC },
    { 1, 0, 0x18, FPOP_RINT, SF_RNA, F_VEC },
    { 1, 0, 0x19, FPOP_RINT, RM_FPCR, F_VEC, M_EXACT },
    { 1, 1, 0x19, FPOP_RINT, RM_FPCR, F_VEC },
    { 0, 0, 0x1a, FPOP_TOINT, SF_RNE, F_VEC | F_SCALAR },
    { 0, 1, 0x1a, FPOP_TOINT, SF_RPI, F_VEC | F_SCALAR },
    { 0, 0, 0x1b, FPOP_TOINT, SF_RMI, F_VEC | F_SCALAR },
    { 0, 1, 0x1b, FPOP_TOINT, SF_RZ, F_VEC | F_SCALAR },
    { 0, 0, 0x1c, FPOP_TOINT, SF_RNA, F_VEC | F_SCALAR },
    { 1, 0, 0x1a, FPOP_TOINT, SF_RNE, F_VEC | F_SCALAR, M_UNS },
    { 1, 1, 0x1a, FPOP_TOINT, SF_RPI, F_VEC | F_SCALAR, M_UNS },
    { 1, 0, 0x1b, FPOP_TOINT, SF_RMI, F_VEC | F_SCALAR, M_UNS },
    { 1, 1, 0x1b, FPOP_TOINT, SF_RZ, F_VEC | F_SCALAR, M_UNS },
    { 1, 0, 0x1c, FPOP_TOINT, SF_RNA, F_VEC | F_SCALAR, M_UNS },
    { 0, 0, 0x1d, FPOP_FROMINT, 0, F_VEC | F_SCALAR },
    { 1, 0, 0x1d, FPOP_FROMINT, 0, F_VEC | F_SCALAR, M_UNS },
    { 0, 1, 0x1c, FPOP_URECPE, 0, F_VEC, M_SZ0 },
    { 1, 1, 0x1c, FPOP_URSQRTE, 0, F_VEC, M_SZ0 },
    { 0, 1, 0x1d, FPOP_RECPE, 0, F_VEC | F_SCALAR },
    { 1, 1, 0x1d, FPOP_RSQRTE, 0, F_VEC | F_SCALAR },
    { 0, 1, 0x1f, FPOP_RECPX, 0, F_SCALAR },
    { 0, 1, 0x0c, FPOP_CMGT0, 0, F_VEC | F_SCALAR },
    { 1, 1, 0x0c, FPOP_CMGE0, 0, F_VEC | F_SCALAR },
    { 0, 1, 0x0d, FPOP_CMEQ0, 0, F_VEC | F_SCALAR },
    { 1, 1, 0x0d, FPOP_CMLE0, 0, F_VEC | F_SCALAR },
    { 0, 1, 0x0e, FPOP_CMLT0, 0, F_VEC | F_SCALAR },
    { 0, 1, 0x0f, FPOP_ABS, 0, F_VEC },        { 1, 1, 0x0f, FPOP_NEG, 0, F_VEC },
    { 1, 1, 0x1f, FPOP_SQRT, 0, F_VEC },
};

static bool do_2misc_fp(DisasContext *s, const DecodeArgs *a, const FPMiscRow *row,
                        bool scalar)
{
    int sz = a->size & 1;
    if (!(row->forms & (scalar ? F_SCALAR : F_VEC)) ||
        ((row->flags & M_SZ0) && sz) || ((row->flags & M_SZ1) && !sz)) {
        return false;
    }
    uint32_t flags = DESC_MAKE_RMODE(row->rmode) | DESC_MAKE_IMM(!!(row->flags & M_EXACT)) |
                     ((row->flags & M_UNS) ? DESC_UNS : 0);
    int esz = 2 + sz;
    /* FCVT{N,P,M,Z,A}S/U and SCVTF/UCVTF: inline where exact */
    if (row->op == FPOP_TOINT || row->op == FPOP_FROMINT) {
        bool to_int = row->op == FPOP_TOINT, uns = row->flags & M_UNS;
        if (scalar) {
            TCGv_i64 r = tcg_temp_new_i64();
            gen_fp_int_convert(r, read_fp_elem(a->Rn, esz), 0, 0, -1, to_int, row->rmode, uns,
                               esz, sz, 0);
            write_fp_dreg(s, a->Rd, r);
        } else if (!sz || a->Q) {
            gen_fp_int_convert(NULL, NULL, vreg_offset(a->Rd), vreg_offset(a->Rn), a->Q, to_int,
                               to_int ? row->rmode : SF_RZ, uns, esz, sz, 0);
        } else {
            return false;
        }
        return true;
    }
    /* FRINT*: every lane at once, inline where exact */
    if (row->op == FPOP_RINT && !scalar) {
        if (sz && !a->Q) {
            return false;
        }
        gen_fp_round(NULL, NULL, vreg_offset(a->Rd), vreg_offset(a->Rn), a->Q, row->rmode,
                     row->flags & M_EXACT, esz);
        return true;
    }
    /* The compares with zero on a whole register: with a zeroed scratch
     * one (LE and LT as GE and GT of zero with the lane, as Arm has them) */
    static const struct { uint8_t op, swap; } cmp0[FPOP_COUNT] = {
        [FPOP_CMGT0] = { FPOP_CMGT }, [FPOP_CMGE0] = { FPOP_CMGE }, [FPOP_CMEQ0] = { FPOP_CMEQ },
        [FPOP_CMLE0] = { FPOP_CMGE, 1 }, [FPOP_CMLT0] = { FPOP_CMGT, 1 },
    };
    if (cmp0[row->op].op && !scalar && a->Q) {
        intptr_t zero = offsetof(CPUARMState, vec_scratch[0]), n = vreg_offset(a->Rn);
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, zero);
        tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, zero + 8);
        gen_fp_arith_vec(vreg_offset(a->Rd), cmp0[row->op].swap ? zero : n,
                         cmp0[row->op].swap ? n : zero, cmp0[row->op].op, esz);
        return true;
    }
    if (cmp0[row->op].op && (scalar || !sz)) {
        /* (a scalar, or 2S) */
        gen_fp_compare_narrow(s, cmp0[row->op].op, esz, scalar, a->Rd, a->Rn, -1,
                              cmp0[row->op].swap);
        return true;
    }
    if ((row->op == FPOP_ABS || row->op == FPOP_NEG || row->op == FPOP_SQRT) && !scalar &&
        (a->Q || !sz)) {
        gen_by_halves(s, a->Q, a->Rd, a->Rn, -1, false, half_fp_unary, row->op | esz << 8);
        return true;
    }
    /* The estimates: inline where normal */
    if (row->op == FPOP_RECPE || row->op == FPOP_RSQRTE || row->op == FPOP_RECPX ||
        row->op == FPOP_URECPE || row->op == FPOP_URSQRTE) {
        if (scalar) {
            TCGv_i64 r = tcg_temp_new_i64();
            gen_fp_estimate(r, read_fp_elem(a->Rn, esz), 0, 0, -1, row->op, esz);
            write_fp_dreg(s, a->Rd, r);
        } else if (!sz || a->Q) {
            gen_fp_estimate(NULL, NULL, vreg_offset(a->Rd), vreg_offset(a->Rn), a->Q, row->op,
                            esz);
        } else {
            return false;
        }
        return true;
    }
    /* FCVTXN of a scalar double */
    if (row->op == FPOP_CVTXN && scalar) {
        TCGv_i64 r = tcg_temp_new_i64();
        gen_fp_convert_odd(r, read_fp_elem(a->Rn, 3));
        write_fp_dreg(s, a->Rd, r);
        return true;
    }
    /* FCVTL(2), FCVTN(2) and FCVTXN(2) (half and single, single and
     * double): lane by lane, inline where exact (gen_fp_convert,
     * gen_fp_convert_odd), the source read whole before Vd is written */
    if (row->op == FPOP_CVTL || row->op == FPOP_CVTN || row->op == FPOP_CVTXN) {
        int narrow = 1 + sz, bits = 8 << narrow, per_half = 32 / bits;
        TCGv_i64 n[2] = { tcg_temp_new_i64(), tcg_temp_new_i64() };
        TCGv_i64 r[2] = { tcg_temp_new_i64(), tcg_temp_new_i64() };
        TCGv_i64 lane = tcg_temp_new_i64(), v = tcg_temp_new_i64();
        tcg_gen_movi_i64(r[0], 0);
        tcg_gen_movi_i64(r[1], 0);
        if (row->op == FPOP_CVTL) {
            /* Vn's low or (FCVTL2) high half's lanes to all of Vd */
            ld_vec_half(n[0], a->Rn, a->Q);
            for (int i = 0; i < 2 * per_half; i++) {
                tcg_gen_shri_i64(lane, n[0], i * bits);
                gen_fp_convert(v, lane, narrow + 1, narrow);
                tcg_gen_deposit_i64(r[i / per_half], r[i / per_half], v,
                                    i % per_half * 2 * bits, 2 * bits);
            }
            st_vec_half(r[0], a->Rd, 0);
            st_vec_half(r[1], a->Rd, 1);
        } else {
            /* Vn's lanes to Vd's low (clearing the high) or (FCVTN2)
             * high half */
            ld_vec_half(n[0], a->Rn, 0);
            ld_vec_half(n[1], a->Rn, 1);
            for (int i = 0; i < 2 * per_half; i++) {
                tcg_gen_shri_i64(lane, n[i / per_half], i % per_half * 2 * bits);
                if (row->op == FPOP_CVTXN) {
                    gen_fp_convert_odd(v, lane);
                } else {
                    gen_fp_convert(v, lane, narrow, narrow + 1);
                }
                tcg_gen_deposit_i64(r[0], r[0], v, i * bits, bits);
            }
            st_vec_half(r[0], a->Rd, a->Q);
            if (!a->Q) {
                clear_vec_high(s, a->Rd);
            }
        }
        return true;
    }
    if (scalar) {
        flags |= DESC_SCALAR;
    } else if (sz && !a->Q) {
        return false;
    } else {
        flags |= a->Q ? DESC_Q : 0;
    }
    gen_vec_call(&helper_info_vfp_2misc, simd_desc(row->op, esz, flags),
                 simd_regs(a->Rd, a->Rn, 0, 0));
    return true;
}

static bool do_2misc(DisasContext *s, const DecodeArgs *a, bool scalar)
{
    for (size_t i = 0; i < sizeof(misc_fp) / sizeof(misc_fp[0]); i++) {
        const FPMiscRow *row = &misc_fp[i];
        if (row->u == a->U && row->a == (a->size >> 1) && row->opcode == a->opcode) {
            return do_2misc_fp(s, a, row, scalar);
        }
    }
    const MiscRow *row = NULL;
    for (size_t i = 0; i < sizeof(misc_int) / sizeof(misc_int[0]); i++) {
        if (misc_int[i].u == a->U && misc_int[i].opcode == a->opcode) {
            row = &misc_int[i];
        }
    }
    if (!row) {
        return false;
    }
    int op = row->op, esz = a->size;
    if (op == SM_NOT && a->size == 1 && !scalar) {
        op = SM_RBIT;
        esz = 0;
    } else if (scalar ? !(row->ssizes >> a->size & 1)
                      : row->kind == K_SAME ? !vec_size_ok(row->vsizes, a->size, a->Q)
                                            : !(row->vsizes >> a->size & 1)) {
        return false;
    }
    uint32_t flags = scalar ? DESC_SCALAR : a->Q ? DESC_Q : 0;
    switch (row->kind) {
    case K_NARROW:
        /* Q selects the "2" form, writing the high half */
        flags = scalar ? DESC_SCALAR : a->Q ? DESC_PART : 0;
        break;
    case K_WIDEN:
        esz = a->size + 1;
        if (op == SM_SHLL) {
            flags = a->Q ? DESC_PART : 0;
        }
        break;
    }
    /* Whole-lane ops inline, as SSE (tcg's vop_vec), scalar D as Q = 0. */
    static const uint8_t vop_of_sm[SM_COUNT] = {
        [SM_CMGT0] = TCG_VOP_CMGT0 + 1, [SM_CMGE0] = TCG_VOP_CMGE0 + 1,
        [SM_CMEQ0] = TCG_VOP_CMEQ0 + 1, [SM_CMLE0] = TCG_VOP_CMLE0 + 1,
        [SM_CMLT0] = TCG_VOP_CMLT0 + 1, [SM_ABS] = TCG_VOP_ABS + 1,
        [SM_NEG] = TCG_VOP_NEG + 1,     [SM_NOT] = TCG_VOP_NOT + 1,
        [SM_SADDLP] = TCG_VOP_SADDLP + 1, [SM_UADDLP] = TCG_VOP_UADDLP + 1,
        [SM_SADALP] = TCG_VOP_SADALP + 1, [SM_UADALP] = TCG_VOP_UADALP + 1,
        [SM_CNT] = TCG_VOP_CNT + 1,     [SM_RBIT] = TCG_VOP_RBIT + 1,
        [SM_REV16] = TCG_VOP_REV16 + 1, [SM_REV32] = TCG_VOP_REV32 + 1,
        [SM_REV64] = TCG_VOP_REV64 + 1,
        [SM_SQABS] = TCG_VOP_SQABS + 1, [SM_SQNEG] = TCG_VOP_SQNEG + 1,
        [SM_SQXTN] = TCG_VOP_SQXTN + 1, [SM_UQXTN] = TCG_VOP_UQXTN + 1,
        [SM_SQXTUN] = TCG_VOP_SQXTUN + 1,
        [SM_CLZ] = TCG_VOP_CLZ + 1,     [SM_CLS] = TCG_VOP_CLS + 1,
        [SM_SUQADD] = TCG_VOP_SUQADD + 1, [SM_USQADD] = TCG_VOP_USQADD + 1,
    };
    /* (vop_vec's esz is the source lanes': K_WIDEN's is the result's.) */
    int vesz = row->kind == K_WIDEN ? a->size : esz;
    int vop = vop_of_sm[op] - 1;
    if (vop >= 0 && (!scalar || vesz == 3) && tcg_vop_valid(vop, vesz)) {
        tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rn),
                        TCG_VOP_KIND(vop, vesz, scalar ? 0 : a->Q), 0);
        return true;
    }
    if (vop >= 0 && scalar && tcg_vop_valid(vop, vesz)) {
        /* SQABS, SQNEG, SUQADD, USQADD (into Vd), the saturating
         * narrowing ones (Vn's lane twice as wide) on a lane below 64
         * bits */
        bool acc = vop == TCG_VOP_SUQADD || vop == TCG_VOP_USQADD;
        gen_scalar_vop(a->Rd, a->Rn, vesz + (row->kind == K_NARROW), -1, 0, 0,
                       acc ? vesz : -1, TCG_VOP_KIND(vop, vesz, 0), 0);
        return true;
    }
    if (op == SM_SHLL) {
        /* USHLL by the lane's width (vector only: no scalar row) */
        tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rn),
                        TCG_VOP_KIND(TCG_VOP_USHLL, a->size, a->Q), 8 << a->size);
        return true;
    }
    if (op == SM_XTN && !scalar) {
        /* SHRN by 0 */
        tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rn),
                        TCG_VOP_KIND(TCG_VOP_SHRN, esz, a->Q), 0);
        return true;
    }
    gen_vec_call(&helper_info_simd_2misc, simd_desc(op, esz, flags),
                 simd_regs(a->Rd, a->Rn, 0, 0));
    return true;
}

static bool trans_2misc(DisasContext *s, const DecodeArgs *a)
{
    return do_2misc(s, a, false);
}

static bool trans_2misc_scalar(DisasContext *s, const DecodeArgs *a)
{
    return do_2misc(s, a, true);
}

/* ---- across lanes and scalar pairwise ---- */

static bool trans_across(DisasContext *s, const DecodeArgs *a)
{
    /* vop: vop_vec's op */
    static const struct { uint8_t u, opcode, vop; } rows[] = {
        { 0, 0x03, TCG_VOP_SADDLV }, { 1, 0x03, TCG_VOP_UADDLV },
        { 0, 0x0a, TCG_VOP_SMAXV },  { 1, 0x0a, TCG_VOP_UMAXV },
        { 0, 0x1a, TCG_VOP_SMINV },  { 1, 0x1a, TCG_VOP_UMINV },
        { 0, 0x1b, TCG_VOP_ADDV },
    };
    if (a->U && (a->opcode == 0x0c || a->opcode == 0x0f)) {
        /* FMAXNMV FMAXV / FMINNMV FMINV: single precision, 4 lanes, in
         * the order of Arm's Reduce(): op(op(e0, e1), op(e2, e3)), each
         * op inline where exact (gen_fp_arith: a max or min of normal or
         * zero operands), else its scalar helper, so NaN choice and
         * flags are the architecture's */
        if ((a->size & 1) || !a->Q) {
            return false;
        }
        int op = a->opcode == 0x0c ? (a->size ? FPOP_MINNM : FPOP_MAXNM)
                                   : (a->size ? FPOP_MIN : FPOP_MAX);
        TCGv_i64 lo = tcg_temp_new_i64(), hi = tcg_temp_new_i64();
        TCGv_i64 e1 = tcg_temp_new_i64(), e3 = tcg_temp_new_i64();
        TCGv_i64 r01 = tcg_temp_new_i64(), r23 = tcg_temp_new_i64(), r = tcg_temp_new_i64();
        ld_vec_half(lo, a->Rn, 0);
        ld_vec_half(hi, a->Rn, 1);
        tcg_gen_shri_i64(e1, lo, 32);
        tcg_gen_shri_i64(e3, hi, 32);
        gen_fp_arith(r01, lo, e1, op, 2);       /* (reads the low 32 bits) */
        gen_fp_arith(r23, hi, e3, op, 2);
        gen_fp_arith(r, r01, r23, op, 2);
        write_fp_dreg(s, a->Rd, r);
        return true;
    }
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        if (rows[i].u == a->U && rows[i].opcode == a->opcode) {
            if (a->size == 3 || (a->size == 2 && !a->Q)) {
                return false;
            }
            tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rn),
                            TCG_VOP_KIND(rows[i].vop, a->size, a->Q), 0);
            return true;
        }
    }
    return false;
}

static bool trans_pairwise_scalar(DisasContext *s, const DecodeArgs *a)
{
    if (!a->U) {
        if (a->opcode != 0x1b || a->size != 3) {
            return false;
        }
        /* ADDP Dd, Vn.2D: the sum across both lanes */
        tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rn),
                        TCG_VOP_KIND(TCG_VOP_ADDV, 3, 1), 0);
        return true;
    }
    int op;
    switch (a->opcode) {
    case 0x0c: op = a->size >> 1 ? FPOP_MINNM : FPOP_MAXNM; break;
    case 0x0d: op = a->size >> 1 ? FPOP_NONE : FPOP_ADD; break;
    case 0x0f: op = a->size >> 1 ? FPOP_MIN : FPOP_MAX; break;
    default: op = FPOP_NONE; break;
    }
    if (op == FPOP_NONE) {
        return false;
    }
    /* op(e0, e1) of Vn, inline where exact (gen_fp_arith) */
    int esz = 2 + (a->size & 1);
    TCGv_i64 e0 = tcg_temp_new_i64(), e1 = tcg_temp_new_i64(), r = tcg_temp_new_i64();
    ld_vec_half(e0, a->Rn, 0);
    if (esz == 3) {
        ld_vec_half(e1, a->Rn, 1);
    } else {
        tcg_gen_shri_i64(e1, e0, 32);
    }
    gen_fp_arith(r, e0, e1, op, esz);
    write_fp_dreg(s, a->Rd, r);
    return true;
}

/* ---- by element ---- */

typedef struct ElemRow {
    uint8_t u, opcode, op, layout;
    bool scalar;
    bool fp;
} ElemRow;

static const ElemRow by_elem[] = {
    { 1, 0x0, SI_MLA, SL_SAME },      { 1, 0x4, SI_MLS, SL_SAME },
    { 0, 0x8, SI_MUL, SL_SAME },
    { 0, 0xc, SI_SQDMULH, SL_SAME, true },
    { 0, 0xd, SI_SQRDMULH, SL_SAME, true },
    { 0, 0x2, SI_MLA, SL_LONG },      { 1, 0x2, SI_MLA, SL_LONG },
    { 0, 0x6, SI_MLS, SL_LONG },      { 1, 0x6, SI_MLS, SL_LONG },
    { 0, 0xa, SI_MUL, SL_LONG },      { 1, 0xa, SI_MUL, SL_LONG },
    { 0, 0x3, SI_SQDMLAL, SL_LONG, true },
    { 0, 0x7, SI_SQDMLSL, SL_LONG, true },
    { 0, 0xb, SI_SQDMULL, SL_LONG, true },
    { 0, 0x1, FPOP_MLA, SL_SAME, true, true },
    { 0, 0x5, FPOP_MLS, SL_SAME, true, true },
    { 0, 0x9, FPOP_MUL, SL_SAME, true, true },
    { 1, 0x9, FPOP_MULX, SL_SAME, true, true },
};

/* Vm's lane idx (of esz) in every lane of the scratch register
 * env->vec_scratch[0]: the m operand of a whole-register op.  Returns its
 * offset. */
static intptr_t gen_dup_elem(int rm, int idx, int esz)
{
    TCGv_i64 v = ld_elem(rm, idx, esz, false), r = tcg_temp_new_i64();
    gen_dup_lanes(r, v, esz);
    intptr_t off = offsetof(CPUARMState, vec_scratch[0]);
    tcg_gen_st_i64(r, tcg_env, off);
    tcg_gen_st_i64(r, tcg_env, off + 8);
    return off;
}

/* FMUL, FMLA and FMLS by element as the inline whole-register ops with
 * the element duplicated (desc and regs: the helper's, FMLA's fallback).
 * False where there is none. */
static bool gen_fp_by_elem_inline(DisasContext *s, const DecodeArgs *a, int op, int esz, int rm,
                                  int idx, bool scalar, uint32_t desc, uint32_t regs)
{
    if (op == FPOP_MLA || op == FPOP_MLS) {
        if (!tcg_host_isa_extended()) {
            return false;
        }
        unsigned shape = scalar ? TCG_FMA_SCALAR : a->Q ? TCG_FMA_VEC128 : TCG_FMA_VEC64;
        gen_fp_muladd(vreg_offset(a->Rd), vreg_offset(a->Rn), gen_dup_elem(rm, idx, esz),
                      vreg_offset(a->Rd), shape | (op == FPOP_MLS ? TCG_FMA_NEG_PRODUCT : 0),
                      esz, &helper_info_vfp_indexed, desc, regs);
        return true;
    }
    if (op != FPOP_MUL && op != FPOP_MULX) {
        return false;
    }
    if (scalar) {
        TCGv_i64 r = tcg_temp_new_i64();
        gen_fp_arith(r, read_fp_elem(a->Rn, esz), ld_elem(rm, idx, esz, false), op, esz);
        write_fp_dreg(s, a->Rd, r);
    } else if (a->Q) {
        gen_fp_arith_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), gen_dup_elem(rm, idx, esz),
                         op, esz);
    } else {
        /* two f32 lanes */
        TCGv_i64 r = tcg_temp_new_i64(), n = tcg_temp_new_i64(), m = tcg_temp_new_i64();
        tcg_gen_ld_i64(n, tcg_env, vreg_offset(a->Rn));
        gen_dup_lanes(m, ld_elem(rm, idx, esz, false), esz);
        half_fp_arith(r, n, m, NULL, op | esz << 8);
        st_vec_half(r, a->Rd, 0);
        clear_vec_high(s, a->Rd);
    }
    return true;
}

static bool do_by_elem(DisasContext *s, const DecodeArgs *a, bool scalar)
{
    const ElemRow *row = NULL;
    for (size_t i = 0; i < sizeof(by_elem) / sizeof(by_elem[0]); i++) {
        if (by_elem[i].u == a->U && by_elem[i].opcode == a->opcode) {
            row = &by_elem[i];
        }
    }
    if (!row || (scalar && !row->scalar)) {
        return false;
    }
    int idx, rm, esz;
    if (row->fp) {
        /* size 10: S, index H:L; size 11: D, index H (L must be 0) */
        if (a->size < 2 || (a->size == 3 && (a->L || (!scalar && !a->Q)))) {
            return false;
        }
        esz = a->size;
        idx = esz == 2 ? a->H << 1 | a->L : a->H;
        rm = a->M << 4 | a->Rm;
        uint32_t flags = scalar ? DESC_SCALAR : a->Q ? DESC_Q : 0;
        uint32_t desc = simd_desc(row->op, esz, flags) | DESC_MAKE_IDX(idx);
        uint32_t regs = simd_regs(a->Rd, a->Rn, rm, 0);
        if (!gen_fp_by_elem_inline(s, a, row->op, esz, rm, idx, scalar, desc, regs)) {
            gen_vec_call(&helper_info_vfp_indexed, desc, regs);
        }
        return true;
    }
    /* size 01: H lanes, index H:L:M, Vm in V0-V15; size 10: S, H:L */
    if (a->size == 1) {
        idx = a->H << 2 | a->L << 1 | a->M;
        rm = a->Rm;
    } else if (a->size == 2) {
        idx = a->H << 1 | a->L;
        rm = a->M << 4 | a->Rm;
    } else {
        return false;
    }
    /* MUL, MLA, MLS and the long ones inline: lane ops with the element
     * duplicated (gen_dup_elem) */
    static const uint8_t vop_same[SI_COUNT] = {
        [SI_MUL] = TCG_VOP_MUL + 1, [SI_MLA] = TCG_VOP_MLA + 1, [SI_MLS] = TCG_VOP_MLS + 1,
        [SI_SQDMULH] = TCG_VOP_SQDMULH + 1, [SI_SQRDMULH] = TCG_VOP_SQRDMULH + 1,
    };
    static const uint8_t vop_long[2][SI_COUNT] = {
        { [SI_MUL] = TCG_VOP_SMULL + 1, [SI_MLA] = TCG_VOP_SMLAL + 1, [SI_MLS] = TCG_VOP_SMLSL + 1,
          [SI_SQDMULL] = TCG_VOP_SQDMULL + 1, [SI_SQDMLAL] = TCG_VOP_SQDMLAL + 1,
          [SI_SQDMLSL] = TCG_VOP_SQDMLSL + 1 },
        { [SI_MUL] = TCG_VOP_UMULL + 1, [SI_MLA] = TCG_VOP_UMLAL + 1, [SI_MLS] = TCG_VOP_UMLSL + 1 },
    };
    int vop = (row->layout == SL_SAME ? vop_same[row->op] : vop_long[a->U][row->op]) - 1;
    if (!scalar && vop >= 0) {
        tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), gen_dup_elem(rm, idx, a->size),
                        TCG_VOP_KIND(vop, a->size, a->Q), 0);
        return true;
    }
    if (scalar && vop >= TCG_VOP_SQDMULH && vop <= TCG_VOP_SQDMLSL) {
        /* the doubling ones on one lane */
        bool acc = vop == TCG_VOP_SQDMLAL || vop == TCG_VOP_SQDMLSL;
        gen_scalar_vop(a->Rd, a->Rn, a->size, rm, idx, a->size, acc ? a->size + 1 : -1,
                       TCG_VOP_KIND(vop, a->size, 0), 0);
        return true;
    }
    uint32_t flags = a->U ? DESC_UNS : 0;
    if (row->layout == SL_SAME) {
        esz = a->size;
        flags |= scalar ? DESC_SCALAR : a->Q ? DESC_Q : 0;
    } else {
        esz = a->size + 1;
        flags |= scalar ? DESC_SCALAR : a->Q ? DESC_PART : 0;
    }
    gen_vec_call(&helper_info_simd_indexed,
                 simd_desc(row->op, esz, flags) | DESC_MAKE_IDX(idx) |
                 DESC_MAKE_IMM(row->layout),
                 simd_regs(a->Rd, a->Rn, rm, 0));
    return true;
}

static bool trans_by_elem(DisasContext *s, const DecodeArgs *a)
{
    return do_by_elem(s, a, false);
}

static bool trans_by_elem_scalar(DisasContext *s, const DecodeArgs *a)
{
    return do_by_elem(s, a, true);
}

/* ---- shift by immediate ---- */

enum { KS_RIGHT, KS_LEFT, KS_NARROW, KS_WIDEN, KS_TOFP, KS_TOINT };

typedef struct ShiftRow {
    uint8_t u, opcode, op, kind;
    uint8_t scalar;         /* 0: vector only, 1: scalar D only, 2: scalar any size */
} ShiftRow;

static const ShiftRow shift_rows[] = {
    { 0, 0x00, SS_SSHR, KS_RIGHT, 1 },     { 1, 0x00, SS_USHR, KS_RIGHT, 1 },
    { 0, 0x02, SS_SSRA, KS_RIGHT, 1 },     { 1, 0x02, SS_USRA, KS_RIGHT, 1 },
    { 0, 0x04, SS_SRSHR, KS_RIGHT, 1 },    { 1, 0x04, SS_URSHR, KS_RIGHT, 1 },
    { 0, 0x06, SS_SRSRA, KS_RIGHT, 1 },    { 1, 0x06, SS_URSRA, KS_RIGHT, 1 },
    { 1, 0x08, SS_SRI, KS_RIGHT, 1 },
    { 0, 0x0a, SS_SHL, KS_LEFT, 1 },       { 1, 0x0a, SS_SLI, KS_LEFT, 1 },
    { 1, 0x0c, SS_SQSHLU, KS_LEFT, 2 },
    { 0, 0x0e, SS_SQSHL, KS_LEFT, 2 },     { 1, 0x0e, SS_UQSHL, KS_LEFT, 2 },
    { 0, 0x10, SS_SHRN, KS_NARROW, 0 },    { 1, 0x10, SS_SQSHRUN, KS_NARROW, 2 },
    { 0, 0x11, SS_RSHRN, KS_NARROW, 0 },   { 1, 0x11, SS_SQRSHRUN, KS_NARROW, 2 },
    { 0, 0x12, SS_SQSHRN, KS_NARROW, 2 },  { 1, 0x12, SS_UQSHRN, KS_NARROW, 2 },
    { 0, 0x13, SS_SQRSHRN, KS_NARROW, 2 }, { 1, 0x13, SS_UQRSHRN, KS_NARROW, 2 },
    { 0, 0x14, SS_SSHLL, KS_WIDEN, 0 },    { 1, 0x14, SS_USHLL, KS_WIDEN, 0 },
    { 0, 0x1c, 0, KS_TOFP, 2 },            { 1, 0x1c, 0, KS_TOFP, 2 },
    { 0, 0x1f, 0, KS_TOINT, 2 },           { 1, 0x1f, 0, KS_TOINT, 2 },
};

/* The shifts vop_vec has (tcg.h), by SS_* op (0: none): each inline
 * for the counts tcg_vop_imm_range gives it. */
static const uint8_t vop_of_ss[SS_COUNT] = {
    [SS_SSHR] = TCG_VOP_SSHR + 1,   [SS_USHR] = TCG_VOP_USHR + 1,
    [SS_SSRA] = TCG_VOP_SSRA + 1,   [SS_USRA] = TCG_VOP_USRA + 1,
    [SS_SRSHR] = TCG_VOP_SRSHR + 1, [SS_URSHR] = TCG_VOP_URSHR + 1,
    [SS_SRSRA] = TCG_VOP_SRSRA + 1, [SS_URSRA] = TCG_VOP_URSRA + 1,
    [SS_SRI] = TCG_VOP_SRI + 1,     [SS_SHL] = TCG_VOP_SHL + 1,
    [SS_SLI] = TCG_VOP_SLI + 1,     [SS_SHRN] = TCG_VOP_SHRN + 1,
    [SS_RSHRN] = TCG_VOP_RSHRN + 1, [SS_SSHLL] = TCG_VOP_SSHLL + 1,
    [SS_USHLL] = TCG_VOP_USHLL + 1,
    [SS_SQSHL] = TCG_VOP_SQSHL + 1, [SS_UQSHL] = TCG_VOP_UQSHL + 1,
    [SS_SQSHLU] = TCG_VOP_SQSHLU + 1,
    [SS_SQSHRN] = TCG_VOP_SQSHRN + 1, [SS_UQSHRN] = TCG_VOP_UQSHRN + 1,
    [SS_SQSHRUN] = TCG_VOP_SQSHRUN + 1, [SS_SQRSHRN] = TCG_VOP_SQRSHRN + 1,
    [SS_UQRSHRN] = TCG_VOP_UQRSHRN + 1, [SS_SQRSHRUN] = TCG_VOP_SQRSHRUN + 1,
};

/* vop_vec for shift op (SS_*) by count sh, if it has it: true if
 * emitted.
 * A scalar one below 64 bits (the saturating ones) on one lane
 * (gen_scalar_vop; Vn's twice as wide if narrowing); else scalar is
 * lane 0 of 64 bits, vop_vec's Q = 0. */
static bool gen_vop_shift(const DecodeArgs *a, int op, int esz, bool q, int sh, bool scalar)
{
    int vop = vop_of_ss[op] - 1;
    unsigned lo, hi;
    if (vop < 0) {
        return false;
    }
    if (sh == 8 << esz) {
        /* By the whole lane: arithmetic shifts are by a bit less, the
         * rounding unsigned ones are plain ones by a bit less (the
         * rounding bit is the top bit), the rest leave zero (USHR,
         * SRSHR) or Vd (the accumulating ones and SRI). */
        int rn = a->Rn;
        switch (vop) {
        case TCG_VOP_SSHR: case TCG_VOP_SSRA: sh--; break;
        case TCG_VOP_URSHR: vop = TCG_VOP_USHR; sh--; break;
        case TCG_VOP_URSRA: vop = TCG_VOP_USRA; sh--; break;
        case TCG_VOP_USHR: case TCG_VOP_SRSHR: vop = TCG_VOP_EOR; break;
        case TCG_VOP_USRA: case TCG_VOP_SRSRA: case TCG_VOP_SRI:
            vop = TCG_VOP_ORR;
            rn = a->Rd;
            break;
        }
        if (vop == TCG_VOP_EOR || vop == TCG_VOP_ORR) {
            tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(rn), vreg_offset(rn),
                            TCG_VOP_KIND(vop, 0, q), 0);
            return true;
        }
    }
    tcg_vop_imm_range(vop, esz, &lo, &hi);
    if (sh < (int)lo || sh > (int)hi || !tcg_vop_valid(vop, esz)) {
        return false;
    }
    bool narrow = vop >= TCG_VOP_SQSHRN && vop <= TCG_VOP_SQRSHRUN;
    if (scalar && (esz < 3 || narrow)) {
        gen_scalar_vop(a->Rd, a->Rn, esz + narrow, -1, 0, 0, -1, TCG_VOP_KIND(vop, esz, 0), sh);
        return true;
    }
    tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rn),
                    TCG_VOP_KIND(vop, esz, q), sh);
    return true;
}

static bool do_shift_imm(DisasContext *s, const DecodeArgs *a, bool scalar)
{
    if (a->immh == 0) {
        return false;
    }
    const ShiftRow *row = NULL;
    for (size_t i = 0; i < sizeof(shift_rows) / sizeof(shift_rows[0]); i++) {
        if (shift_rows[i].u == a->U && shift_rows[i].opcode == a->opcode) {
            row = &shift_rows[i];
        }
    }
    if (!row || (scalar && !row->scalar)) {
        return false;
    }
    int esz = 31 - __builtin_clz(a->immh);      /* highest set bit of immh */
    int immhb = a->immh << 3 | a->immb;
    int right = (16 << esz) - immhb, left = immhb - (8 << esz);
    uint32_t regs = simd_regs(a->Rd, a->Rn, 0, 0);
    uint32_t flags;

    switch (row->kind) {
    case KS_RIGHT:
    case KS_LEFT:
        if (scalar ? (row->scalar == 1 && esz != 3) : (esz == 3 && !a->Q)) {
            return false;
        }
        flags = scalar ? DESC_SCALAR : a->Q ? DESC_Q : 0;
        /* (A scalar one is on lane 0 of 64 bits: vop_vec's Q = 0.) */
        if (gen_vop_shift(a, row->op, esz, !scalar && a->Q,
                          row->kind == KS_RIGHT ? right : left, scalar)) {
            return true;
        }
        gen_vec_call(&helper_info_simd_shift,
                     simd_desc(row->op, esz, flags) |
                     DESC_MAKE_IMM(row->kind == KS_RIGHT ? right : left), regs);
        return true;
    case KS_NARROW:
    case KS_WIDEN:
        if (esz == 3) {
            return false;
        }
        if ((!scalar || row->kind == KS_NARROW) &&
            gen_vop_shift(a, row->op, esz, !scalar && a->Q,
                          row->kind == KS_NARROW ? right : left, scalar)) {
            return true;
        }
        flags = scalar ? DESC_SCALAR : a->Q ? DESC_PART : 0;
        gen_vec_call(&helper_info_simd_shift,
                     simd_desc(row->op, row->kind == KS_WIDEN ? esz + 1 : esz, flags) |
                     DESC_MAKE_IMM(row->kind == KS_NARROW ? right : left), regs);
        return true;
    default:
        /* SCVTF/UCVTF, FCVTZS/FCVTZU (fixed point): S or D lanes, the
         * integers their size; inline where exact */
        if (esz < 2 || (!scalar && esz == 3 && !a->Q)) {
            return false;
        }
        if (scalar) {
            TCGv_i64 r = tcg_temp_new_i64();
            gen_fp_int_convert(r, read_fp_elem(a->Rn, esz), 0, 0, -1, row->kind != KS_TOFP,
                               SF_RZ, a->U, esz, esz == 3, right);
            write_fp_dreg(s, a->Rd, r);
        } else {
            gen_fp_int_convert(NULL, NULL, vreg_offset(a->Rd), vreg_offset(a->Rn), a->Q,
                               row->kind != KS_TOFP, SF_RZ, a->U, esz, esz == 3, right);
        }
        return true;
    }
}

static bool trans_simd_shift_imm(DisasContext *s, const DecodeArgs *a)
{
    return do_shift_imm(s, a, false);
}

static bool trans_simd_shift_imm_scalar(DisasContext *s, const DecodeArgs *a)
{
    return do_shift_imm(s, a, true);
}

/*
 * The rows.  Each encoding class of the Advanced SIMD part of the index
 * has one translated row; classes and opcodes of later architecture
 * versions follow as NULL rows (the rows above decline them, so the NULL
 * row names them in -d unimp and in the missing list).
 */
static const DecodePattern simd_rows[] = {
    /* Advanced SIMD shift by immediate */
    { "0 Q:1 U:1 011110 immh:4 immb:3 opcode:5 1 Rn:5 Rd:5", trans_simd_shift_imm,
      "SSHR USHR SSRA USRA SRSHR URSHR SRSRA URSRA SRI SHL SLI SQSHLU SQSHL UQSHL "
      "SHRN RSHRN SQSHRN UQSHRN SQRSHRN UQRSHRN SQSHRUN SQRSHRUN SSHLL USHLL "
      "SCVTF UCVTF FCVTZS FCVTZU (vector, shift by immediate)" },
    { "01 U:1 111110 immh:4 immb:3 opcode:5 1 Rn:5 Rd:5", trans_simd_shift_imm_scalar,
      "SSHR USHR SSRA USRA SRSHR URSHR SRSRA URSRA SRI SHL SLI SQSHLU SQSHL UQSHL "
      "SQSHRN UQSHRN SQRSHRN UQRSHRN SQSHRUN SQRSHRUN SCVTF UCVTF FCVTZS FCVTZU "
      "(scalar, shift by immediate)" },
    { "0 x x 011110 001x xxx 111xx 1 xxxxx xxxxx", NULL,
      "SCVTF/UCVTF/FCVTZS/FCVTZU (vector, fixed, half: FEAT_FP16)" },
    { "01 x 111110 001x xxx 111xx 1 xxxxx xxxxx", NULL,
      "SCVTF/UCVTF/FCVTZS/FCVTZU (scalar, fixed, half: FEAT_FP16)" },
    /* Advanced SIMD three same */
    { "0 Q:1 U:1 01110 size:2 1 Rm:5 opcode:5 1 Rn:5 Rd:5", trans_3same,
      "SHADD UHADD SQADD UQADD SRHADD URHADD SHSUB UHSUB SQSUB UQSUB CMGT CMHI CMGE "
      "CMHS SSHL USHL SQSHL UQSHL SRSHL URSHL SQRSHL UQRSHL SMAX UMAX SMIN UMIN SABD UABD "
      "SABA UABA ADD SUB CMTST CMEQ MLA MLS MUL PMUL SMAXP UMAXP SMINP UMINP SQDMULH "
      "SQRDMULH ADDP AND BIC ORR ORN EOR BSL BIT BIF FMAXNM FMLA FADD FMULX FCMEQ FMAX "
      "FRECPS FMINNM FMLS FSUB FMIN FRSQRTS FMAXNMP FADDP FMUL FCMGE FACGE FMAXP FDIV "
      "FMINNMP FABD FCMGT FACGT FMINP (vector, three same)" },
    { "01 U:1 11110 size:2 1 Rm:5 opcode:5 1 Rn:5 Rd:5", trans_3same_scalar,
      "SQADD UQADD SQSUB UQSUB CMGT CMHI CMGE CMHS SSHL USHL SQSHL UQSHL SRSHL URSHL "
      "SQRSHL UQRSHL ADD SUB CMTST CMEQ SQDMULH SQRDMULH FMULX FCMEQ FRECPS FRSQRTS FCMGE "
      "FACGE FABD FCMGT FACGT (scalar, three same)" },
    { "0 x 0 01110 x 0 1 xxxxx 11101 1 xxxxx xxxxx", NULL, "FMLAL/FMLSL (vector, FEAT_FHM)" },
    { "0 x 1 01110 x 0 1 xxxxx 11001 1 xxxxx xxxxx", NULL, "FMLAL2/FMLSL2 (vector, FEAT_FHM)" },
    /* Advanced SIMD three different */
    { "0 Q:1 U:1 01110 size:2 1 Rm:5 opcode:4 00 Rn:5 Rd:5", trans_3diff,
      "SADDL UADDL SADDW UADDW SSUBL USUBL SSUBW USUBW ADDHN RADDHN SABAL UABAL SUBHN "
      "RSUBHN SABDL UABDL SMLAL UMLAL SQDMLAL SMLSL UMLSL SQDMLSL SMULL UMULL SQDMULL "
      "(vector, three different)" },
    { "01 U:1 11110 size:2 1 Rm:5 opcode:4 00 Rn:5 Rd:5", trans_3diff_scalar,
      "SQDMLAL SQDMLSL SQDMULL (scalar, three different)" },
    /* Advanced SIMD two-register miscellaneous */
    { "0 Q:1 U:1 01110 size:2 10000 opcode:5 10 Rn:5 Rd:5", trans_2misc,
      "REV64 REV32 REV16 SADDLP UADDLP SUQADD USQADD CLS CLZ CNT NOT RBIT SADALP UADALP "
      "SQABS SQNEG CMGT CMGE CMEQ CMLE CMLT ABS NEG XTN SQXTUN SHLL SQXTN UQXTN FCVTN "
      "FCVTXN FCVTL FRINTN FRINTP FRINTM FRINTZ FRINTA FRINTX FRINTI FCVTNS FCVTNU FCVTPS "
      "FCVTPU FCVTMS FCVTMU FCVTZS FCVTZU FCVTAS FCVTAU SCVTF UCVTF URECPE URSQRTE FRECPE "
      "FRSQRTE FCMGT FCMGE FCMEQ FCMLE FCMLT FABS FNEG FSQRT (vector, two-register misc)" },
    { "01 U:1 11110 size:2 10000 opcode:5 10 Rn:5 Rd:5", trans_2misc_scalar,
      "SUQADD USQADD SQABS SQNEG CMGT CMGE CMEQ CMLE CMLT ABS NEG SQXTUN SQXTN UQXTN "
      "FCVTXN FCVTNS FCVTNU FCVTPS FCVTPU FCVTMS FCVTMU FCVTZS FCVTZU FCVTAS FCVTAU SCVTF "
      "UCVTF FRECPE FRSQRTE FRECPX FCMGT FCMGE FCMEQ FCMLE FCMLT (scalar, two-register misc)" },
    { "0 x x 01110 0 x 10000 1111 x 10 xxxxx xxxxx", NULL,
      "FRINT32Z/FRINT32X/FRINT64Z/FRINT64X (vector, FEAT_FRINTTS)" },
    { "0 x 0 01110 10 10000 10110 10 xxxxx xxxxx", NULL, "BFCVTN (FEAT_BF16)" },
    /* Advanced SIMD across lanes */
    { "0 Q:1 U:1 01110 size:2 11000 opcode:5 10 Rn:5 Rd:5", trans_across,
      "SADDLV UADDLV SMAXV UMAXV SMINV UMINV ADDV FMAXNMV FMINNMV FMAXV FMINV (across lanes)" },
    { "0 x 0 01110 x 0 11000 011xx 10 xxxxx xxxxx", NULL,
      "FMAXNMV/FMINNMV/FMAXV/FMINV (half: FEAT_FP16)" },
    /* Advanced SIMD scalar pairwise */
    { "01 U:1 11110 size:2 11000 opcode:5 10 Rn:5 Rd:5", trans_pairwise_scalar,
      "ADDP FADDP FMAXP FMINP FMAXNMP FMINNMP (scalar pairwise)" },
    { "01 0 11110 x 0 11000 011xx 10 xxxxx xxxxx", NULL,
      "FADDP/FMAXP/FMINP/FMAXNMP/FMINNMP (scalar, half: FEAT_FP16)" },
    /* Advanced SIMD vector x indexed element */
    { "0 Q:1 U:1 01111 size:2 L:1 M:1 Rm:4 opcode:4 H:1 0 Rn:5 Rd:5", trans_by_elem,
      "MLA MLS MUL SMLAL UMLAL SMLSL UMLSL SMULL UMULL SQDMLAL SQDMLSL SQDMULL SQDMULH "
      "SQRDMULH FMLA FMLS FMUL FMULX (vector, by element)" },
    { "01 U:1 11111 size:2 L:1 M:1 Rm:4 opcode:4 H:1 0 Rn:5 Rd:5", trans_by_elem_scalar,
      "SQDMLAL SQDMLSL SQDMULL SQDMULH SQRDMULH FMLA FMLS FMUL FMULX (scalar, by element)" },
    { "0 x x 01111 00 xx xxxx xx01 x 0 xxxxx xxxxx", NULL,
      "FMLA/FMLS/FMUL/FMULX (by element, half: FEAT_FP16)" },
    { "01 x 11111 00 xx xxxx xx01 x 0 xxxxx xxxxx", NULL,
      "FMLA/FMLS/FMUL/FMULX (scalar by element, half: FEAT_FP16)" },
    { "0 x x 01111 xx xx xxxx 1110 x 0 xxxxx xxxxx", NULL,
      "SDOT/UDOT (by element, FEAT_DotProd)" },
    { "0 x 0 01111 xx xx xxxx 1111 x 0 xxxxx xxxxx", NULL,
      "SUDOT/USDOT/BFDOT/BFMLAL (by element, FEAT_I8MM/FEAT_BF16)" },
    { "0 x 1 01111 xx xx xxxx 11x1 x 0 xxxxx xxxxx", NULL,
      "SQRDMLAH/SQRDMLSH (by element, FEAT_RDM)" },
    { "01 1 11111 xx xx xxxx 11x1 x 0 xxxxx xxxxx", NULL,
      "SQRDMLAH/SQRDMLSH (scalar by element, FEAT_RDM)" },
    { "0 x 1 01111 xx xx xxxx 0xx1 x 0 xxxxx xxxxx", NULL,
      "FCMLA (by element, FEAT_FCMA)" },
    { "0 x 0 01111 xx xx xxxx 0x00 x 0 xxxxx xxxxx", NULL,
      "FMLAL/FMLSL (by element, FEAT_FHM)" },
    { "0 x 1 01111 xx xx xxxx 1x00 x 0 xxxxx xxxxx", NULL,
      "FMLAL2/FMLSL2 (by element, FEAT_FHM)" },
    /* Half precision three same / two-register misc (FEAT_FP16) */
    { "0 x x 01110 x 10 xxxxx 00 xxx 1 xxxxx xxxxx", NULL,
      "Advanced SIMD three same (half: FEAT_FP16)" },
    { "01 x 11110 x 10 xxxxx 00 xxx 1 xxxxx xxxxx", NULL,
      "Advanced SIMD scalar three same (half: FEAT_FP16)" },
    { "0 x x 01110 x 111100 xxxxx 10 xxxxx xxxxx", NULL,
      "Advanced SIMD two-register miscellaneous (half: FEAT_FP16)" },
    { "01 x 11110 x 111100 xxxxx 10 xxxxx xxxxx", NULL,
      "Advanced SIMD scalar two-register miscellaneous (half: FEAT_FP16)" },
    /* Three-register extension: SDOT/UDOT, SQRDMLAH, FCMLA, FCADD, BF16, I8MM */
    { "0 x x 01110 xx 0 xxxxx 1 xxxx 1 xxxxx xxxxx", NULL,
      "Advanced SIMD three-register extension (FEAT_DotProd/RDM/FCMA/BF16/I8MM)" },
    { "01 x 11110 xx 0 xxxxx 1 xxxx 1 xxxxx xxxxx", NULL,
      "Advanced SIMD scalar three same extra (FEAT_RDM)" },
};

const DecodeGroup a64_simd_group = DECODE_GROUP("Advanced SIMD", simd_rows);
