/*
 * Run-time helpers for A64 floating point, scalar and vector: each builds
 * the softfloat status from FPCR (rounding mode, FZ, DN), runs the element
 * operation over the lanes the descriptor names, writes Vd (or returns a
 * value) and ORs the exception flags into FPSR.
 *
 * softfloat (tcg/softfloat.h) does the arithmetic, Arm's estimates and
 * steps included.  What it leaves to the front end lives here: the
 * alternative half-precision format of FPCR.AHP, the unsigned estimates
 * (URECPE, URSQRTE: softfloat's RecipEstimate and RecipSqrtEstimate of
 * the top 9 bits), compare results as lane masks and NZCV, and the lane
 * loops.
 */
#include <string.h>

#include "helper-fp.h"
#include "tcg/tcg-eval.h"

/* ---- status ---- */

static inline SFStatus fpst_env(CPUARMState *env)
{
    uint32_t c = env->fpcr;
    SFStatus st = {
        .rmode = (c >> FPCR_RMODE_SHIFT) & 3,
        .flush_to_zero = (c & FPCR_FZ) != 0,
        .flush_inputs = (c & FPCR_FZ) != 0,
        .default_nan = (c & FPCR_DN) != 0,
        /* Seeded with FPSR's sticky bits: ORing them back is a no-op, and
         * softfloat's host fast path needs IXC already set to be taken. */
        .flags = env->fpsr & FPSR_CUMULATIVE,
    };
    return st;
}

/* Stores only when a flag is new: the next helper's load of FPCR and FPSR
 * would otherwise stall on forwarding from this narrower store. */
static inline void fpst_done(CPUARMState *env, const SFStatus *st)
{
    if (st->flags & ~env->fpsr) {
        env->fpsr |= st->flags;
    }
}

/* A descriptor's rounding mode, or FPCR's. */
static inline int desc_rmode(uint32_t desc, const SFStatus *st)
{
    unsigned r = DESC_RMODE(desc);
    return r == DESC_RMODE_FPCR ? st->rmode : (int)r;
}

/* ---- formats: f16 (esz 1), f32 (esz 2), f64 (esz 3) ---- */

static inline int fbits_of(unsigned esz)
{
    return esz == 3 ? 52 : esz == 2 ? 23 : 10;
}
static inline int ebits_of(unsigned esz)
{
    return esz == 3 ? 11 : esz == 2 ? 8 : 5;
}
static inline uint64_t sign_of(unsigned esz) { return 1ull << ((8 << esz) - 1); }
static inline uint64_t frac_of(unsigned esz, uint64_t a)
{
    return a & ((1ull << fbits_of(esz)) - 1);
}
static inline unsigned exp_of(unsigned esz, uint64_t a)
{
    return (a >> fbits_of(esz)) & ((1u << ebits_of(esz)) - 1);
}
static inline unsigned exp_max(unsigned esz) { return (1u << ebits_of(esz)) - 1; }
static inline bool is_nan(unsigned esz, uint64_t a)
{
    return exp_of(esz, a) == exp_max(esz) && frac_of(esz, a) != 0;
}
static inline bool is_inf(unsigned esz, uint64_t a)
{
    return exp_of(esz, a) == exp_max(esz) && frac_of(esz, a) == 0;
}
static inline uint64_t make_fp(unsigned esz, bool sign, uint64_t exp, uint64_t frac)
{
    return (sign ? sign_of(esz) : 0) | exp << fbits_of(esz) | frac;
}
/* FPUnpack's flush of a denormal input under FZ (f16 is never flushed by
 * FZ, and FZ16 is not implemented). */
static uint64_t flush_input(unsigned esz, uint64_t a, SFStatus *st)
{
    if (st->flush_inputs && esz != 1 && exp_of(esz, a) == 0 && frac_of(esz, a)) {
        st->flags |= SF_INPUT_DENORMAL;
        return a & sign_of(esz);
    }
    return a;
}

/* ---- softfloat by element size ---- */

#define SF_BY_SIZE(esz, fn, ...)                                          \
    ((esz) == 3 ? (uint64_t)sf_f64_##fn(__VA_ARGS__)                      \
     : (esz) == 2 ? (uint64_t)sf_f32_##fn(__VA_ARGS__)                    \
     : (uint64_t)sf_f16_##fn(__VA_ARGS__))

static uint64_t f_muladd(unsigned esz, uint64_t a, uint64_t b, uint64_t c,
                         int flags, SFStatus *st)
{
    return SF_BY_SIZE(esz, muladd, a, b, c, flags, st);
}

static SFRelation f_compare(unsigned esz, uint64_t a, uint64_t b, bool quiet,
                            SFStatus *st)
{
    if (quiet) {
        return esz == 3 ? sf_f64_compare_quiet(a, b, st)
               : esz == 2 ? sf_f32_compare_quiet(a, b, st)
               : sf_f16_compare_quiet(a, b, st);
    }
    return esz == 3 ? sf_f64_compare(a, b, st)
           : esz == 2 ? sf_f32_compare(a, b, st)
           : sf_f16_compare(a, b, st);
}

/* ---- conversions ---- */

/* Half precision under FPCR.AHP: no infinities or NaNs; exponent 31 holds
 * normal numbers up to 131008. */
static uint64_t ahp_to_wide(unsigned esz, uint64_t h, SFStatus *st)
{
    if (((h >> 10) & 31) == 31) {
        bool sign = (h >> 15) & 1;
        return make_fp(esz, sign, 16 + (exp_max(esz) >> 1),
                       (h & 0x3ff) << (fbits_of(esz) - 10));
    }
    return esz == 3 ? sf_f16_to_f64(h, st) : sf_f16_to_f32(h, st);
}

static uint64_t narrow_to_f16(unsigned src, uint64_t a, SFStatus *st)
{
    return src == 3 ? sf_f64_to_f16(a, st) : sf_f32_to_f16(a, st);
}

static uint64_t wide_to_ahp(unsigned src, uint64_t a, SFStatus *st)
{
    a = flush_input(src, a, st);
    uint16_t sign = (a & sign_of(src)) ? 0x8000 : 0;
    if (is_nan(src, a)) {
        st->flags |= SF_INVALID;
        return sign;
    }
    if (is_inf(src, a)) {
        st->flags |= SF_INVALID;
        return sign | 0x7fff;
    }
    int bias = exp_max(src) >> 1;
    if ((int)exp_of(src, a) - bias < 15) {
        return narrow_to_f16(src, a, st);   /* same as IEEE half below 2^15 */
    }
    /* Convert a/2 (exact) to IEEE half, then put the exponent back: the
     * rounding is the same, and IEEE's overflow is AHP's saturation. */
    SFStatus t = *st;
    t.flags = 0;
    uint64_t h = narrow_to_f16(src, a - (1ull << fbits_of(src)), &t);
    if (t.flags & SF_OVERFLOW) {
        st->flags |= SF_INVALID;
        return sign | 0x7fff;
    }
    st->flags |= t.flags;
    return h + 0x400;
}

/* FPConvert between element sizes 1..3 (FCVT, FCVTN, FCVTL, FCVTXN). */
static uint64_t fp_convert(unsigned dst, unsigned src, uint64_t a, bool ahp,
                           SFStatus *st)
{
    switch (src * 4 + dst) {
    case 2 * 4 + 3: return sf_f32_to_f64(a, st);
    case 3 * 4 + 2: return sf_f64_to_f32(a, st);
    case 1 * 4 + 2: return ahp ? ahp_to_wide(2, a, st) : sf_f16_to_f32(a, st);
    case 1 * 4 + 3: return ahp ? ahp_to_wide(3, a, st) : sf_f16_to_f64(a, st);
    case 2 * 4 + 1: return ahp ? wide_to_ahp(2, a, st) : sf_f32_to_f16(a, st);
    case 3 * 4 + 1: return ahp ? wide_to_ahp(3, a, st) : sf_f64_to_f16(a, st);
    default: return a;
    }
}

/* FPToFixed: esz-sized FP to a 32- or 64-bit integer. */
static uint64_t fp_to_int(unsigned esz, uint64_t a, bool is64, bool uns,
                          int rmode, int fbits, SFStatus *st)
{
    switch (esz * 4 + is64 * 2 + uns) {
    case 2 * 4 + 0: return (uint32_t)sf_f32_to_i32(a, rmode, fbits, st);
    case 2 * 4 + 1: return sf_f32_to_u32(a, rmode, fbits, st);
    case 2 * 4 + 2: return sf_f32_to_i64(a, rmode, fbits, st);
    case 2 * 4 + 3: return sf_f32_to_u64(a, rmode, fbits, st);
    case 3 * 4 + 0: return (uint32_t)sf_f64_to_i32(a, rmode, fbits, st);
    case 3 * 4 + 1: return sf_f64_to_u32(a, rmode, fbits, st);
    case 3 * 4 + 2: return sf_f64_to_i64(a, rmode, fbits, st);
    case 3 * 4 + 3: return sf_f64_to_u64(a, rmode, fbits, st);
    case 1 * 4 + 0: return (uint16_t)sf_f16_to_i16(a, rmode, fbits, st);
    case 1 * 4 + 1: return sf_f16_to_u16(a, rmode, fbits, st);
    default: return 0;
    }
}

/* FixedToFP: a 32- or 64-bit integer to esz-sized FP in st->rmode. */
static uint64_t int_to_fp(unsigned esz, uint64_t v, bool is64, bool uns,
                          int fbits, SFStatus *st)
{
    switch (esz * 4 + is64 * 2 + uns) {
    case 2 * 4 + 0: return sf_i32_to_f32(v, fbits, st);
    case 2 * 4 + 1: return sf_u32_to_f32(v, fbits, st);
    case 2 * 4 + 2: return sf_i64_to_f32(v, fbits, st);
    case 2 * 4 + 3: return sf_u64_to_f32(v, fbits, st);
    case 3 * 4 + 0: return sf_i32_to_f64(v, fbits, st);
    case 3 * 4 + 1: return sf_u32_to_f64(v, fbits, st);
    case 3 * 4 + 2: return sf_i64_to_f64(v, fbits, st);
    case 3 * 4 + 3: return sf_u64_to_f64(v, fbits, st);
    case 1 * 4 + 0: return sf_i32_to_f16((int16_t)v, fbits, st);
    case 1 * 4 + 1: return sf_u32_to_f16((uint16_t)v, fbits, st);
    default: return 0;
    }
}

/* ---- element operations ---- */

static uint64_t cmp_mask(unsigned esz, bool c)
{
    return c ? simd_esz_mask(esz) : 0;
}

/* The two-operand ops; d is the accumulator of MLA/MLS. */
static uint64_t fp_binop(unsigned op, unsigned esz, uint64_t a, uint64_t b,
                         uint64_t d, SFStatus *st)
{
    SFRelation r;
    switch (op) {
    case FPOP_ADD: return SF_BY_SIZE(esz, add, a, b, st);
    case FPOP_SUB: return SF_BY_SIZE(esz, sub, a, b, st);
    case FPOP_MUL: return SF_BY_SIZE(esz, mul, a, b, st);
    case FPOP_DIV: return SF_BY_SIZE(esz, div, a, b, st);
    case FPOP_MULX: return SF_BY_SIZE(esz, mulx, a, b, st);
    case FPOP_MAX: return SF_BY_SIZE(esz, max, a, b, st);
    case FPOP_MIN: return SF_BY_SIZE(esz, min, a, b, st);
    case FPOP_MAXNM: return SF_BY_SIZE(esz, maxnum, a, b, st);
    case FPOP_MINNM: return SF_BY_SIZE(esz, minnum, a, b, st);
    /* FNMUL and FABD negate / clear the sign of whatever comes out,
     * NaNs included (FPNeg, FPAbs). */
    case FPOP_NMUL: return SF_BY_SIZE(esz, mul, a, b, st) ^ sign_of(esz);
    case FPOP_ABD: return SF_BY_SIZE(esz, sub, a, b, st) & ~sign_of(esz);
    case FPOP_RECPS: return SF_BY_SIZE(esz, recps, a, b, st);
    case FPOP_RSQRTS: return SF_BY_SIZE(esz, rsqrts, a, b, st);
    case FPOP_MLA: return f_muladd(esz, a, b, d, 0, st);
    case FPOP_MLS: return f_muladd(esz, a, b, d, SF_MULADD_NEGATE_PRODUCT, st);
    case FPOP_CMEQ:
        return cmp_mask(esz, f_compare(esz, a, b, true, st) == SF_EQUAL);
    case FPOP_CMGE:
        r = f_compare(esz, a, b, false, st);
        return cmp_mask(esz, r == SF_EQUAL || r == SF_GREATER);
    case FPOP_CMGT:
        return cmp_mask(esz, f_compare(esz, a, b, false, st) == SF_GREATER);
    case FPOP_ACGE:
        r = f_compare(esz, a & ~sign_of(esz), b & ~sign_of(esz), false, st);
        return cmp_mask(esz, r == SF_EQUAL || r == SF_GREATER);
    case FPOP_ACGT:
        r = f_compare(esz, a & ~sign_of(esz), b & ~sign_of(esz), false, st);
        return cmp_mask(esz, r == SF_GREATER);
    default: return 0;
    }
}

/* The one-operand ops, except the narrowing and widening conversions. */
static uint64_t fp_unop(uint32_t desc, unsigned esz, uint64_t a, SFStatus *st)
{
    SFRelation r;
    bool uns = desc & DESC_UNS;
    switch (DESC_OP(desc)) {
    case FPOP_ABS: return a & ~sign_of(esz);
    case FPOP_NEG: return a ^ sign_of(esz);
    case FPOP_SQRT: return SF_BY_SIZE(esz, sqrt, a, st);
    case FPOP_RINT:
        return SF_BY_SIZE(esz, round_int, a, desc_rmode(desc, st),
                          DESC_IMM(desc) != 0, st);
    case FPOP_RECPE: return SF_BY_SIZE(esz, recpe, a, st);
    case FPOP_RSQRTE: return SF_BY_SIZE(esz, rsqrte, a, st);
    case FPOP_RECPX: return SF_BY_SIZE(esz, recpx, a, st);
    case FPOP_URECPE:
        if (!(a >> 31)) {
            return 0xffffffffu;
        }
        return (uint64_t)sf_recip_estimate(a >> 23) << 23;
    case FPOP_URSQRTE:
        if (!(a >> 30)) {
            return 0xffffffffu;
        }
        return (uint64_t)sf_rsqrt_estimate(a >> 23) << 23;
    case FPOP_CMGT0:
        return cmp_mask(esz, f_compare(esz, a, 0, false, st) == SF_GREATER);
    case FPOP_CMGE0:
        r = f_compare(esz, a, 0, false, st);
        return cmp_mask(esz, r == SF_GREATER || r == SF_EQUAL);
    case FPOP_CMEQ0:
        return cmp_mask(esz, f_compare(esz, a, 0, true, st) == SF_EQUAL);
    case FPOP_CMLE0:
        r = f_compare(esz, a, 0, false, st);
        return cmp_mask(esz, r == SF_LESS || r == SF_EQUAL);
    case FPOP_CMLT0:
        return cmp_mask(esz, f_compare(esz, a, 0, false, st) == SF_LESS);
    case FPOP_TOINT:
        return fp_to_int(esz, a, esz == 3, uns, desc_rmode(desc, st),
                         DESC_IMM(desc), st) & simd_esz_mask(esz);
    case FPOP_FROMINT:
        return int_to_fp(esz, a, esz == 3, uns, DESC_IMM(desc), st);
    default: return 0;
    }
}

static inline unsigned lanes_of(uint32_t desc, unsigned esz)
{
    if (desc & DESC_SCALAR) {
        return 1;
    }
    return ((desc & DESC_Q) ? 16 : 8) >> esz;
}

/* ---- helpers ---- */

/* (Vector FADD/FSUB/FMUL/FDIV are inline: fbinop_i64, a64-simd.c.) */
void helper_vfp_3op(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    unsigned op = DESC_OP(desc), esz = DESC_ESZ(desc);
    unsigned lanes = lanes_of(desc, esz);
    SFStatus st = fpst_env(env);
    const ARMVReg n = env->vregs[REGS_N(regs)], m = env->vregs[REGS_M(regs)];
    const ARMVReg d = env->vregs[REGS_D(regs)];
    ARMVReg r = { { 0, 0 } };
    for (unsigned i = 0; i < lanes; i++) {
        uint64_t a, b;
        if (desc & DESC_PAIR) {
            /* lanes 2i, 2i+1 of the concatenation Vm:Vn */
            unsigned j = 2 * i;
            const ARMVReg *src = j < lanes ? &n : &m;
            j %= lanes;
            a = vreg_get(src, j, esz);
            b = vreg_get(src, j + 1, esz);
        } else {
            a = vreg_get(&n, i, esz);
            b = vreg_get(&m, i, esz);
        }
        vreg_set(&r, i, esz, fp_binop(op, esz, a, b, vreg_get(&d, i, esz), &st));
    }
    env->vregs[REGS_D(regs)] = r;
    fpst_done(env, &st);
}
DEF_HELPER_INFO(vfp_3op, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32);

void helper_vfp_indexed(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    SFStatus st = fpst_env(env);
    unsigned op = DESC_OP(desc), esz = DESC_ESZ(desc);
    unsigned lanes = lanes_of(desc, esz);
    const ARMVReg n = env->vregs[REGS_N(regs)], d = env->vregs[REGS_D(regs)];
    uint64_t b = vreg_get(&env->vregs[REGS_M(regs)], DESC_IDX(desc), esz);
    ARMVReg r = { { 0, 0 } };
    for (unsigned i = 0; i < lanes; i++) {
        vreg_set(&r, i, esz, fp_binop(op, esz, vreg_get(&n, i, esz), b,
                                      vreg_get(&d, i, esz), &st));
    }
    env->vregs[REGS_D(regs)] = r;
    fpst_done(env, &st);
}
DEF_HELPER_INFO(vfp_indexed, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32);

void helper_vfp_2misc(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    SFStatus st = fpst_env(env);
    unsigned esz = DESC_ESZ(desc);
    unsigned lanes = lanes_of(desc, esz);
    const ARMVReg n = env->vregs[REGS_N(regs)];
    ARMVReg r = { { 0, 0 } };

    for (unsigned i = 0; i < lanes; i++) {
        vreg_set(&r, i, esz, fp_unop(desc, esz, vreg_get(&n, i, esz), &st));
    }
    env->vregs[REGS_D(regs)] = r;
    fpst_done(env, &st);
}
DEF_HELPER_INFO(vfp_2misc, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32);

static uint32_t nzcv_of(SFRelation r)
{
    switch (r) {
    case SF_EQUAL: return 0x6;
    case SF_LESS: return 0x8;
    case SF_GREATER: return 0x2;
    default: return 0x3;
    }
}

/* ---- scalar helpers on values (a64-fp.c) ----
 *
 * These take and return the operands' bit patterns, so the translator
 * keeps them in TCG temps instead of the helper re-reading env->vregs.
 * The common case, round to nearest without flush-to-zero, with IXC
 * already set and a normal result, is the host's SSE operation: then the
 * bits are IEEE's, no flag but inexact can arise, DN cannot matter, and
 * the before/after-rounding tininess question never comes up (the result
 * is above the smallest normal).  Everything else is softfloat's.  This
 * assumes the host MXCSR keeps round-to-nearest, as softfloat.h does.
 */

static inline bool host_fast_mode(CPUARMState *env)
{
    return !(env->fpcr & ((3u << FPCR_RMODE_SHIFT) | FPCR_FZ)) && (env->fpsr & SF_INEXACT);
}

static inline double host_d(uint64_t a)
{
    double d;
    memcpy(&d, &a, 8);
    return d;
}
static inline uint64_t host_d_bits(double d)
{
    uint64_t a;
    memcpy(&a, &d, 8);
    return a;
}
static inline float host_s(uint64_t a)
{
    uint32_t u = a;
    float f;
    memcpy(&f, &u, 4);
    return f;
}
static inline uint64_t host_s_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

/* The TCG_FP_* op (tcg/tcg.h) whose host path is op's, or -1: then the
 * exactness rule is tcg-eval.h's, the one the inline ops use.  Between
 * normal operands FMAXNM and FMINNM are FMAX and FMIN. */
static inline int host_fp_op(unsigned op)
{
    switch (op) {
    case FPOP_ADD: return TCG_FP_ADD;
    case FPOP_SUB: return TCG_FP_SUB;
    case FPOP_MUL: case FPOP_MULX: return TCG_FP_MUL;     /* (the same between normals) */
    case FPOP_ABD: return TCG_FP_ABD;
    case FPOP_DIV: return TCG_FP_DIV;
    case FPOP_NMUL: return TCG_FP_NMUL;
    case FPOP_MAX: case FPOP_MAXNM: return TCG_FP_MAX;
    case FPOP_MIN: case FPOP_MINNM: return TCG_FP_MIN;
    default: return -1;
    }
}

static inline __attribute__((always_inline)) uint64_t
scalar_binop(CPUARMState *env, unsigned op, unsigned esz, uint64_t a, uint64_t b)
{
    uint64_t r;
    int k = host_fp_op(op);
    if (k >= 0 && host_fast_mode(env) &&
        tcg_eval_fbinop_host(k | (esz == 3 ? TCG_FP_F64 : 0), a, b, &r)) {
        return r;
    }
    SFStatus st = fpst_env(env);
    r = fp_binop(op, esz, a, b, 0, &st);
    fpst_done(env, &st);
    return r;
}

#define SCALAR_BINOP(name, op)                                              \
    uint64_t helper_##name##_s(CPUARMState *env, uint64_t a, uint64_t b)    \
    {                                                                       \
        return scalar_binop(env, op, 2, a, b);                              \
    }                                                                       \
    DEF_HELPER_INFO(name##_s, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I64, PTR,    \
                    I64, I64);                                              \
    uint64_t helper_##name##_d(CPUARMState *env, uint64_t a, uint64_t b)    \
    {                                                                       \
        return scalar_binop(env, op, 3, a, b);                              \
    }                                                                       \
    DEF_HELPER_INFO(name##_d, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I64, PTR,    \
                    I64, I64)

SCALAR_BINOP(fadd, FPOP_ADD);
SCALAR_BINOP(fsub, FPOP_SUB);
SCALAR_BINOP(fmul, FPOP_MUL);
SCALAR_BINOP(fdiv, FPOP_DIV);
SCALAR_BINOP(fnmul, FPOP_NMUL);
SCALAR_BINOP(fmax, FPOP_MAX);
SCALAR_BINOP(fmin, FPOP_MIN);
SCALAR_BINOP(fmaxnm, FPOP_MAXNM);
SCALAR_BINOP(fminnm, FPOP_MINNM);
SCALAR_BINOP(fcmeq, FPOP_CMEQ);
SCALAR_BINOP(fcmge, FPOP_CMGE);
SCALAR_BINOP(fcmgt, FPOP_CMGT);
SCALAR_BINOP(facge, FPOP_ACGE);
SCALAR_BINOP(facgt, FPOP_ACGT);
SCALAR_BINOP(fabd, FPOP_ABD);
SCALAR_BINOP(fmulx, FPOP_MULX);

/* x86-64's baseline has no FMA instruction: these are only called when
 * the CPU has one. */
__attribute__((target("fma"))) static uint64_t host_fma_d(uint64_t n, uint64_t m,
                                                          uint64_t a)
{
    return host_d_bits(__builtin_fma(host_d(n), host_d(m), host_d(a)));
}
__attribute__((target("fma"))) static uint64_t host_fma_s(uint64_t n, uint64_t m,
                                                          uint64_t a)
{
    return host_s_bits(__builtin_fmaf(host_s(n), host_s(m), host_s(a)));
}

uint64_t helper_fp_fma(CPUARMState *env, uint64_t n, uint64_t m, uint64_t a,
                       uint32_t desc)
{
    /* o1:o0 = 00 FMADD a+n*m, 01 FMSUB a-n*m, 10 FNMADD -a-n*m,
     * 11 FNMSUB -a+n*m */
    static const int neg[4] = {
        0, SF_MULADD_NEGATE_PRODUCT,
        SF_MULADD_NEGATE_PRODUCT | SF_MULADD_NEGATE_C, SF_MULADD_NEGATE_C,
    };
    unsigned esz = DESC_ESZ(desc);
    bool f64 = esz == 3;
    if (host_fast_mode(env) && tcg_fp_normal(f64, n) && tcg_fp_normal(f64, m) &&
        tcg_fp_normal(f64, a) && __builtin_cpu_supports("fma")) {
        /* Negating operands of normal values is exact. */
        int f = neg[DESC_OP(desc) & 3];
        uint64_t nn = n ^ ((f & SF_MULADD_NEGATE_PRODUCT) ? sign_of(esz) : 0);
        uint64_t aa = a ^ ((f & SF_MULADD_NEGATE_C) ? sign_of(esz) : 0);
        uint64_t r = esz == 3 ? host_fma_d(nn, m, aa) : host_fma_s(nn, m, aa);
        if (tcg_fp_safe_result(f64, r)) {
            return r;
        }
    }
    SFStatus st = fpst_env(env);
    uint64_t r = f_muladd(esz, n, m, a, neg[DESC_OP(desc) & 3], &st);
    fpst_done(env, &st);
    return r;
}
DEF_HELPER_INFO(fp_fma, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I64, PTR, I64, I64, I64,
                I32);

void helper_fp_fma_reg(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    unsigned esz = DESC_ESZ(desc);
    uint64_t mask = esz == 3 ? ~0ull : 0xffffffffu;
    uint64_t r = helper_fp_fma(env, env->vregs[REGS_N(regs)].d[0] & mask,
                               env->vregs[REGS_M(regs)].d[0] & mask,
                               env->vregs[REGS_A(regs)].d[0] & mask, desc);
    env->vregs[REGS_D(regs)] = (ARMVReg){ { r, 0 } };
}
DEF_HELPER_INFO(fp_fma_reg, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32);

/* Without NaNs no flag can arise, and unless FZ flushes a denormal the
 * host's ordering is Arm's (-0 == +0 included). */
static inline bool compare_fast(CPUARMState *env, unsigned esz, uint64_t a)
{
    if (is_nan(esz, a)) {
        return false;
    }
    return !(env->fpcr & FPCR_FZ) || exp_of(esz, a) != 0 || frac_of(esz, a) == 0;
}

uint32_t helper_fp_compare(CPUARMState *env, uint64_t a, uint64_t b, uint32_t desc)
{
    unsigned esz = DESC_ESZ(desc);
    if (compare_fast(env, esz, a) && compare_fast(env, esz, b)) {
        if (esz == 3) {
            double x = host_d(a), y = host_d(b);
            return x == y ? 0x6 : x < y ? 0x8 : 0x2;
        }
        float x = host_s(a), y = host_s(b);
        return x == y ? 0x6 : x < y ? 0x8 : 0x2;
    }
    SFStatus st = fpst_env(env);
    SFRelation r = f_compare(esz, a, b, !(DESC_IMM(desc) & 1), &st);
    fpst_done(env, &st);
    return nzcv_of(r);
}
DEF_HELPER_INFO(fp_compare, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I32, PTR, I64, I64, I32);

/* FCMP/FCMPE by value, as fbinop_i64's fallback (a64-fp.c): the NZCV in
 * bits 3:0. */
#define SCALAR_COMPARE(name, esz, signalling)                               \
    uint64_t helper_##name(CPUARMState *env, uint64_t a, uint64_t b)        \
    {                                                                       \
        return helper_fp_compare(env, a, b, simd_desc(0, esz, DESC_MAKE_IMM(signalling))); \
    }                                                                       \
    DEF_HELPER_INFO(name, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I64, PTR, I64, I64)
SCALAR_COMPARE(fcmp_s, 2, 0);
SCALAR_COMPARE(fcmp_d, 3, 0);
SCALAR_COMPARE(fcmpe_s, 2, 1);
SCALAR_COMPARE(fcmpe_d, 3, 1);

/* FSQRT, FCVT to DESC_ESZ from DESC_IMM, and FCVTXN (FPOP_CVTXN: to a
 * single from a double, rounding to odd), on a value. */
uint64_t helper_fp_unary(CPUARMState *env, uint64_t a, uint32_t desc)
{
    SFStatus st = fpst_env(env);
    unsigned esz = DESC_ESZ(desc);
    if (DESC_OP(desc) == FPOP_CVTXN) {
        st.rmode = SF_ROUND_ODD;
    }
    uint64_t r = DESC_OP(desc) == FPOP_CVT || DESC_OP(desc) == FPOP_CVTXN
                 ? fp_convert(esz, DESC_IMM(desc), a, env->fpcr & FPCR_AHP, &st)
                 : fp_unop(desc, esz, a, &st);
    fpst_done(env, &st);
    return r;
}
DEF_HELPER_INFO(fp_unary, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I64, PTR, I64, I32);

/* FCVTZS (integer) from a value of at least 1 in magnitude that fits: the
 * host's truncation, inexact unless the value was integral.  Returns false
 * for everything else. */
static inline bool to_int_fast(CPUARMState *env, uint32_t desc, uint64_t a,
                               uint64_t *out)
{
    unsigned esz = DESC_ESZ(desc);
    if (DESC_RMODE(desc) != SF_RZ || DESC_IMM(desc) != 0 || (desc & DESC_UNS)) {
        return false;
    }
    unsigned bias = exp_max(esz) >> 1, e = exp_of(esz, a);
    unsigned top = (desc & DESC_Q) ? 62 : 30;
    if (e < bias || e > bias + top) {
        return false;
    }
    int64_t i;
    bool exact;
    if (esz == 3) {
        i = (int64_t)host_d(a);
        exact = (double)i == host_d(a);
    } else {
        i = (int64_t)host_s(a);
        exact = (float)i == host_s(a);
    }
    if (!exact && !(env->fpsr & SF_INEXACT)) {
        env->fpsr |= SF_INEXACT;
    }
    *out = (desc & DESC_Q) ? (uint64_t)i : (uint32_t)i;
    return true;
}

uint64_t helper_fp_to_int(CPUARMState *env, uint64_t a, uint32_t desc)
{
    uint64_t v;
    if (to_int_fast(env, desc, a, &v)) {
        return v;
    }
    SFStatus st = fpst_env(env);
    v = fp_to_int(DESC_ESZ(desc), a, desc & DESC_Q, desc & DESC_UNS,
                  desc_rmode(desc, &st), DESC_IMM(desc), &st);
    fpst_done(env, &st);
    return v;
}
DEF_HELPER_INFO(fp_to_int, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I64, PTR, I64, I32);

/* SCVTF/UCVTF: an integer no wider than the significand converts exactly,
 * whatever the rounding mode, with no flags. */
uint64_t helper_int_to_fp(CPUARMState *env, uint64_t v, uint32_t desc)
{
    unsigned esz = DESC_ESZ(desc);
    if (DESC_IMM(desc) == 0 && esz >= 2) {
        bool uns = desc & DESC_UNS;
        int64_t i = (desc & DESC_Q) ? (int64_t)v
                    : uns ? (int64_t)(uint32_t)v : (int64_t)(int32_t)v;
        int64_t lim = 1ll << (fbits_of(esz) + 1);
        if ((uns && (desc & DESC_Q)) ? v <= (uint64_t)lim : (i <= lim && i >= -lim)) {
            return esz == 3 ? host_d_bits((double)i) : host_s_bits((float)i);
        }
    }
    SFStatus st = fpst_env(env);
    v = int_to_fp(esz, v, desc & DESC_Q, desc & DESC_UNS, DESC_IMM(desc), &st);
    fpst_done(env, &st);
    return v;
}
DEF_HELPER_INFO(int_to_fp, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I64, PTR, I64, I32);
