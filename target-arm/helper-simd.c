/*
 * Run-time helpers for A64 Advanced SIMD integer operations: one element
 * function per operation family (two operands, one operand, shift by
 * immediate) and the loops that walk the lanes in each operand layout
 * (same size, long, wide, narrow, pairwise, by element).
 * Saturation sets FPSR.QC.
 *
 * Most ops are inline (tcg's vop_vec, tcg/tcg-eval-vec.h); the front end
 * calls these for the rest (shifts by a register, saturating shifts and
 * doubling multiplies, PMUL, CLZ/CLS, ...) and for the counts and forms
 * vop_vec does not take.  They compute every op lane by lane, the
 * reference for the inline ones.
 */
#include "helper-fp.h"

typedef __int128 i128;

static inline uint64_t emask(unsigned esz) { return simd_esz_mask(esz); }
static inline int ebits(unsigned esz) { return 8 << esz; }

/* Saturate v to the signed / unsigned range of esz, noting QC. */
static uint64_t sat_s(CPUARMState *env, i128 v, unsigned esz)
{
    i128 max = ((i128)1 << (ebits(esz) - 1)) - 1, min = -max - 1;
    if (v > max) {
        env->fpsr |= FPSR_QC;
        v = max;
    } else if (v < min) {
        env->fpsr |= FPSR_QC;
        v = min;
    }
    return (uint64_t)v & emask(esz);
}

static uint64_t sat_u(CPUARMState *env, i128 v, unsigned esz)
{
    i128 max = ((i128)1 << ebits(esz)) - 1;
    if (v > max) {
        env->fpsr |= FPSR_QC;
        v = max;
    } else if (v < 0) {
        env->fpsr |= FPSR_QC;
        v = 0;
    }
    return (uint64_t)v;
}

/*
 * The shift family: v (already sign- or zero-extended) shifted left by sh
 * when sh >= 0, right (arithmetically) by -sh otherwise, with rounding of
 * right shifts if asked.  Infinite precision as in the pseudocode; amounts
 * beyond the element width are clamped where the result no longer changes.
 */
static i128 shift_exact(i128 v, int sh, unsigned esz, bool round)
{
    int w = ebits(esz);
    if (sh >= 0) {
        if (sh >= w) {
            /* everything but zero leaves the w-bit range: say so without
             * overflowing the i128 */
            return v == 0 ? 0 : v > 0 ? (i128)1 << 100 : -((i128)1 << 100);
        }
        return v * ((i128)1 << sh);
    }
    int r = -sh;
    if (r > w + 1) {
        r = w + 1;
    }
    if (round) {
        v += (i128)1 << (r - 1);
    }
    return v >> r;
}

static inline i128 ext(uint64_t x, unsigned esz, bool sgn)
{
    return sgn ? (i128)simd_sext(x, esz) : (i128)x;
}

static uint64_t pmul(uint64_t a, uint64_t b, int bits)
{
    uint64_t r = 0;
    for (int i = 0; i < bits; i++) {
        if ((b >> i) & 1) {
            r ^= a << i;
        }
    }
    return r;
}

static uint64_t cmp(bool c, unsigned esz) { return c ? emask(esz) : 0; }

static uint64_t absdiff(i128 a, i128 b) { return (uint64_t)(a > b ? a - b : b - a); }

/* Two-operand element op at size esz; n, m and d zero-extended. */
static inline __attribute__((always_inline)) uint64_t
int_op(CPUARMState *env, unsigned op, unsigned esz,
                       uint64_t n, uint64_t m, uint64_t d)
{
    i128 sn = ext(n, esz, true), sm = ext(m, esz, true);
    i128 un = n, um = m;
    int8_t sh = (int8_t)m;      /* register shifts: signed low byte of Vm */
    int w = ebits(esz);
    uint64_t r;

    switch (op) {
    case SI_ADD: r = n + m; break;
    case SI_SUB: r = n - m; break;
    case SI_MUL: r = n * m; break;
    case SI_PMUL: r = pmul(n, m, w); break;
    case SI_MLA: r = d + n * m; break;
    case SI_MLS: r = d - n * m; break;
    case SI_SHADD: r = (sn + sm) >> 1; break;
    case SI_UHADD: r = (un + um) >> 1; break;
    case SI_SRHADD: r = (sn + sm + 1) >> 1; break;
    case SI_URHADD: r = (un + um + 1) >> 1; break;
    case SI_SHSUB: r = (sn - sm) >> 1; break;
    case SI_UHSUB: r = (un - um) >> 1; break;
    case SI_SQADD: return sat_s(env, sn + sm, esz);
    case SI_UQADD: return sat_u(env, un + um, esz);
    case SI_SQSUB: return sat_s(env, sn - sm, esz);
    case SI_UQSUB: return sat_u(env, un - um, esz);
    case SI_CMGT: return cmp(sn > sm, esz);
    case SI_CMHI: return cmp(un > um, esz);
    case SI_CMGE: return cmp(sn >= sm, esz);
    case SI_CMHS: return cmp(un >= um, esz);
    case SI_CMEQ: return cmp(n == m, esz);
    case SI_CMTST: return cmp((n & m) != 0, esz);
    case SI_SSHL: r = shift_exact(sn, sh, esz, false); break;
    case SI_USHL: r = shift_exact(un, sh, esz, false); break;
    case SI_SRSHL: r = shift_exact(sn, sh, esz, true); break;
    case SI_URSHL: r = shift_exact(un, sh, esz, true); break;
    case SI_SQSHL: return sat_s(env, shift_exact(sn, sh, esz, false), esz);
    case SI_UQSHL: return sat_u(env, shift_exact(un, sh, esz, false), esz);
    case SI_SQRSHL: return sat_s(env, shift_exact(sn, sh, esz, true), esz);
    case SI_UQRSHL: return sat_u(env, shift_exact(un, sh, esz, true), esz);
    case SI_SMAX: r = sn > sm ? n : m; break;
    case SI_UMAX: r = n > m ? n : m; break;
    case SI_SMIN: r = sn < sm ? n : m; break;
    case SI_UMIN: r = n < m ? n : m; break;
    case SI_SABD: r = absdiff(sn, sm); break;
    case SI_UABD: r = absdiff(un, um); break;
    case SI_SABA: r = d + absdiff(sn, sm); break;
    case SI_UABA: r = d + absdiff(un, um); break;
    case SI_SQDMULH: return sat_s(env, (2 * sn * sm) >> w, esz);
    case SI_SQRDMULH:
        return sat_s(env, (2 * sn * sm + ((i128)1 << (w - 1))) >> w, esz);
    /* Three different, at the wide size: the inputs are the narrow lanes
     * extended, so the products fit. */
    case SI_SQDMULL: return sat_s(env, 2 * sn * sm, esz);
    case SI_SQDMLAL:
        return sat_s(env, ext(d, esz, true) + ext(sat_s(env, 2 * sn * sm, esz), esz, true), esz);
    case SI_SQDMLSL:
        return sat_s(env, ext(d, esz, true) - ext(sat_s(env, 2 * sn * sm, esz), esz, true), esz);
    case SI_ADDHN: r = (n + m) >> (w / 2); break;
    case SI_RADDHN: r = (un + um + ((i128)1 << (w / 2 - 1))) >> (w / 2); break;
    case SI_SUBHN: r = (n - m) >> (w / 2); break;
    case SI_RSUBHN: r = (un - um + ((i128)1 << (w / 2 - 1))) >> (w / 2); break;
    default: r = 0; break;
    }
    return r & emask(esz);
}

static inline unsigned lanes_of(uint32_t desc, unsigned esz)
{
    if (desc & DESC_SCALAR) {
        return 1;
    }
    return ((desc & DESC_Q) ? 16 : 8) >> esz;
}

/* Vd = op(Vn, Vm, Vd) on lanes of one size; pairwise takes adjacent lanes
 * of Vm:Vn instead. */
static inline __attribute__((always_inline)) void
same_lanes(CPUARMState *env, unsigned op, unsigned esz, unsigned lanes, bool pair,
           const ARMVReg *n, const ARMVReg *m, const ARMVReg *d, ARMVReg *r)
{
    if (pair) {
        unsigned half = lanes / 2;
        for (unsigned i = 0; i < half; i++) {
            vreg_set(r, i, esz, int_op(env, op, esz, vreg_get(n, 2 * i, esz),
                                       vreg_get(n, 2 * i + 1, esz), 0));
        }
        for (unsigned i = 0; i < half; i++) {
            vreg_set(r, half + i, esz, int_op(env, op, esz, vreg_get(m, 2 * i, esz),
                                              vreg_get(m, 2 * i + 1, esz), 0));
        }
        return;
    }
    for (unsigned i = 0; i < lanes; i++) {
        vreg_set(r, i, esz, int_op(env, op, esz, vreg_get(n, i, esz), vreg_get(m, i, esz),
                                   vreg_get(d, i, esz)));
    }
}

/* same_lanes with a constant lane size, and for the byte forms of the hot
 * ops (unroll: what string functions run) a constant count too, so lane
 * access is a plain shift and the loop unrolls. */
static inline __attribute__((always_inline)) void
size_lanes(CPUARMState *env, unsigned op, unsigned esz, unsigned lanes, bool pair,
           const ARMVReg *n, const ARMVReg *m, const ARMVReg *d, ARMVReg *r,
           bool unroll)
{
    switch (esz) {
    case 0:
        if (unroll && lanes == 16) {
            same_lanes(env, op, 0, 16, pair, n, m, d, r);
        } else if (unroll && lanes == 8) {
            same_lanes(env, op, 0, 8, pair, n, m, d, r);
        } else {
            same_lanes(env, op, 0, lanes, pair, n, m, d, r);
        }
        break;
    case 1: same_lanes(env, op, 1, lanes, pair, n, m, d, r); break;
    case 2: same_lanes(env, op, 2, lanes, pair, n, m, d, r); break;
    default: same_lanes(env, op, 3, lanes, pair, n, m, d, r); break;
    }
}

void helper_simd_3op(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    unsigned op = DESC_OP(desc), esz = DESC_ESZ(desc), layout = DESC_IMM(desc);
    const ARMVReg n = env->vregs[REGS_N(regs)], m = env->vregs[REGS_M(regs)];
    const ARMVReg d = env->vregs[REGS_D(regs)];
    ARMVReg r = { { 0, 0 } };
    bool sgn = !(desc & DESC_UNS);    /* how narrow operands are extended */
    unsigned part = (desc & DESC_PART) ? 1 : 0;

    if (layout == SL_SAME) {
        /* Loops specialised by constant op for what hot code runs (string
         * functions' UMAXP/UMINP/ADDP/CMHS, vectorised min/max/compare/
         * multiply); the rest share one loop that switches per lane. */
        unsigned lanes = lanes_of(desc, esz);
        bool pair = desc & DESC_PAIR;
        switch (op) {
        case SI_ADD: size_lanes(env, SI_ADD, esz, lanes, pair, &n, &m, &d, &r, true); break;
        case SI_UMAX: size_lanes(env, SI_UMAX, esz, lanes, pair, &n, &m, &d, &r, true); break;
        case SI_UMIN: size_lanes(env, SI_UMIN, esz, lanes, pair, &n, &m, &d, &r, true); break;
        case SI_SMAX: size_lanes(env, SI_SMAX, esz, lanes, pair, &n, &m, &d, &r, true); break;
        case SI_SMIN: size_lanes(env, SI_SMIN, esz, lanes, pair, &n, &m, &d, &r, true); break;
        case SI_CMHS: size_lanes(env, SI_CMHS, esz, lanes, pair, &n, &m, &d, &r, true); break;
        case SI_CMHI: size_lanes(env, SI_CMHI, esz, lanes, pair, &n, &m, &d, &r, true); break;
        case SI_CMGT: size_lanes(env, SI_CMGT, esz, lanes, pair, &n, &m, &d, &r, true); break;
        case SI_CMGE: size_lanes(env, SI_CMGE, esz, lanes, pair, &n, &m, &d, &r, true); break;
        case SI_MUL: size_lanes(env, SI_MUL, esz, lanes, pair, &n, &m, &d, &r, true); break;
        case SI_MLA: size_lanes(env, SI_MLA, esz, lanes, pair, &n, &m, &d, &r, true); break;
        default: size_lanes(env, op, esz, lanes, pair, &n, &m, &d, &r, false); break;
        }
    } else if (layout == SL_NARROW) {
        /* esz is the narrow size; the op runs at esz + 1 and yields the
         * narrow result in its low bits. */
        unsigned lanes = 8 >> esz;
        if (part) {
            r.d[0] = d.d[0];
        }
        for (unsigned i = 0; i < lanes; i++) {
            uint64_t v = int_op(env, op, esz + 1, vreg_get(&n, i, esz + 1),
                                vreg_get(&m, i, esz + 1), 0);
            vreg_set(&r, i + part * lanes, esz, v);
        }
    } else {
        /* SL_LONG / SL_WIDE: esz is the wide size */
        unsigned lanes = (desc & DESC_SCALAR) ? 1 : 16 >> esz;
        for (unsigned i = 0; i < lanes; i++) {
            unsigned j = i + part * lanes;
            uint64_t a = layout == SL_WIDE ? vreg_get(&n, i, esz)
                         : (uint64_t)ext(vreg_get(&n, j, esz - 1), esz - 1, sgn);
            uint64_t b = (uint64_t)ext(vreg_get(&m, j, esz - 1), esz - 1, sgn);
            vreg_set(&r, i, esz, int_op(env, op, esz, a & emask(esz), b & emask(esz),
                                        vreg_get(&d, i, esz)));
        }
    }
    env->vregs[REGS_D(regs)] = r;
}
DEF_HELPER_INFO(simd_3op, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32);

void helper_simd_indexed(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    unsigned op = DESC_OP(desc), esz = DESC_ESZ(desc), layout = DESC_IMM(desc);
    const ARMVReg n = env->vregs[REGS_N(regs)], d = env->vregs[REGS_D(regs)];
    ARMVReg r = { { 0, 0 } };
    bool sgn = !(desc & DESC_UNS);
    unsigned part = (desc & DESC_PART) ? 1 : 0;

    if (layout == SL_SAME) {
        uint64_t b = vreg_get(&env->vregs[REGS_M(regs)], DESC_IDX(desc), esz);
        unsigned lanes = lanes_of(desc, esz);
        for (unsigned i = 0; i < lanes; i++) {
            vreg_set(&r, i, esz, int_op(env, op, esz, vreg_get(&n, i, esz), b,
                                        vreg_get(&d, i, esz)));
        }
    } else {
        /* SL_LONG: esz is the wide size */
        uint64_t b = (uint64_t)ext(vreg_get(&env->vregs[REGS_M(regs)], DESC_IDX(desc),
                                            esz - 1), esz - 1, sgn) & emask(esz);
        unsigned lanes = (desc & DESC_SCALAR) ? 1 : 16 >> esz;
        for (unsigned i = 0; i < lanes; i++) {
            uint64_t a = (uint64_t)ext(vreg_get(&n, i + part * lanes, esz - 1), esz - 1,
                                       sgn) & emask(esz);
            vreg_set(&r, i, esz, int_op(env, op, esz, a, b, vreg_get(&d, i, esz)));
        }
    }
    env->vregs[REGS_D(regs)] = r;
}
DEF_HELPER_INFO(simd_indexed, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32);

static uint64_t rbit(uint64_t x, int w)
{
    uint64_t r = 0;
    for (int i = 0; i < w; i++) {
        r |= ((x >> i) & 1) << (w - 1 - i);
    }
    return r;
}

/* Leading zeros of the w-bit value x. */
static int clz_w(uint64_t x, int w)
{
    return x ? __builtin_clzll(x) - (64 - w) : w;
}

/* One-operand element op at size esz. */
static uint64_t misc_op(CPUARMState *env, unsigned op, unsigned esz, uint64_t n,
                        uint64_t d)
{
    i128 sn = ext(n, esz, true);
    int w = ebits(esz);
    switch (op) {
    case SM_SUQADD: return sat_s(env, ext(d, esz, true) + (i128)n, esz);
    case SM_USQADD: return sat_u(env, (i128)d + sn, esz);
    case SM_SQABS: return sat_s(env, sn < 0 ? -sn : sn, esz);
    case SM_SQNEG: return sat_s(env, -sn, esz);
    case SM_ABS: return (uint64_t)(sn < 0 ? -sn : sn) & emask(esz);
    case SM_NEG: return (0 - n) & emask(esz);
    case SM_CLS: return clz_w((n ^ (n >> 1)) & (emask(esz) >> 1), w - 1);
    case SM_CLZ: return clz_w(n, w);
    case SM_CNT: return __builtin_popcountll(n);
    case SM_NOT: return ~n & emask(esz);
    case SM_RBIT: return rbit(n, w);
    case SM_CMGT0: return cmp(sn > 0, esz);
    case SM_CMGE0: return cmp(sn >= 0, esz);
    case SM_CMEQ0: return cmp(n == 0, esz);
    case SM_CMLE0: return cmp(sn <= 0, esz);
    case SM_CMLT0: return cmp(sn < 0, esz);
    default: return 0;
    }
}

void helper_simd_2misc(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    unsigned op = DESC_OP(desc), esz = DESC_ESZ(desc);
    const ARMVReg n = env->vregs[REGS_N(regs)], d = env->vregs[REGS_D(regs)];
    ARMVReg r = { { 0, 0 } };
    unsigned lanes = lanes_of(desc, esz);
    unsigned part = (desc & DESC_PART) ? 1 : 0;

    switch (op) {
    case SM_REV16:
    case SM_REV32:
    case SM_REV64: {
        /* reverse the lanes inside each 16/32/64-bit container */
        unsigned flip = ((2u << (op - SM_REV16)) >> esz) - 1;
        for (unsigned i = 0; i < lanes; i++) {
            vreg_set(&r, i ^ flip, esz, vreg_get(&n, i, esz));
        }
        break;
    }
    case SM_SADDLP:
    case SM_UADDLP:
    case SM_SADALP:
    case SM_UADALP: {
        /* esz is the wide size: pairs of narrow lanes summed */
        bool sgn = op == SM_SADDLP || op == SM_SADALP;
        bool acc = op == SM_SADALP || op == SM_UADALP;
        for (unsigned i = 0; i < lanes; i++) {
            i128 s = ext(vreg_get(&n, 2 * i, esz - 1), esz - 1, sgn) +
                     ext(vreg_get(&n, 2 * i + 1, esz - 1), esz - 1, sgn);
            uint64_t v = (uint64_t)s + (acc ? vreg_get(&d, i, esz) : 0);
            vreg_set(&r, i, esz, v);
        }
        break;
    }
    case SM_XTN:
    case SM_SQXTN:
    case SM_UQXTN:
    case SM_SQXTUN: {
        /* esz is the narrow size; DESC_PART writes the high half */
        unsigned nl = (desc & DESC_SCALAR) ? 1 : 8 >> esz;
        if (part) {
            r.d[0] = d.d[0];
        }
        for (unsigned i = 0; i < nl; i++) {
            uint64_t w = vreg_get(&n, i, esz + 1), v;
            switch (op) {
            case SM_XTN: v = w; break;
            case SM_SQXTN: v = sat_s(env, ext(w, esz + 1, true), esz); break;
            case SM_UQXTN: v = sat_u(env, (i128)w, esz); break;
            default: v = sat_u(env, ext(w, esz + 1, true), esz); break;
            }
            vreg_set(&r, i + part * nl, esz, v);
        }
        break;
    }
    case SM_SHLL: {
        /* esz is the wide size: narrow lanes shifted left by their width */
        unsigned wl = 16 >> esz;
        for (unsigned i = 0; i < wl; i++) {
            uint64_t v = vreg_get(&n, i + part * wl, esz - 1);
            vreg_set(&r, i, esz, v << ebits(esz - 1));
        }
        break;
    }
    default:
        for (unsigned i = 0; i < lanes; i++) {
            vreg_set(&r, i, esz, misc_op(env, op, esz, vreg_get(&n, i, esz),
                                         vreg_get(&d, i, esz)));
        }
        break;
    }
    env->vregs[REGS_D(regs)] = r;
}
DEF_HELPER_INFO(simd_2misc, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32);

void helper_simd_shift(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    unsigned op = DESC_OP(desc), esz = DESC_ESZ(desc);
    int sh = DESC_IMM(desc);
    const ARMVReg n = env->vregs[REGS_N(regs)], d = env->vregs[REGS_D(regs)];
    ARMVReg r = { { 0, 0 } };
    unsigned part = (desc & DESC_PART) ? 1 : 0;
    uint64_t mask = emask(esz);

    if (op >= SS_SHRN && op <= SS_SQRSHRUN) {
        /* narrowing: esz is the narrow size, sh the right shift */
        unsigned lanes = (desc & DESC_SCALAR) ? 1 : 8 >> esz;
        unsigned we = esz + 1;
        if (part) {
            r.d[0] = d.d[0];
        }
        for (unsigned i = 0; i < lanes; i++) {
            uint64_t w = vreg_get(&n, i, we), v;
            i128 sw = ext(w, we, true), uw = w;
            switch (op) {
            case SS_SHRN: v = (uint64_t)shift_exact(uw, -sh, we, false); break;
            case SS_RSHRN: v = (uint64_t)shift_exact(uw, -sh, we, true); break;
            case SS_SQSHRN: v = sat_s(env, shift_exact(sw, -sh, we, false), esz); break;
            case SS_UQSHRN: v = sat_u(env, shift_exact(uw, -sh, we, false), esz); break;
            case SS_SQRSHRN: v = sat_s(env, shift_exact(sw, -sh, we, true), esz); break;
            case SS_UQRSHRN: v = sat_u(env, shift_exact(uw, -sh, we, true), esz); break;
            case SS_SQSHRUN: v = sat_u(env, shift_exact(sw, -sh, we, false), esz); break;
            default: v = sat_u(env, shift_exact(sw, -sh, we, true), esz); break;
            }
            vreg_set(&r, i + part * lanes, esz, v);
        }
    } else if (op == SS_SSHLL || op == SS_USHLL) {
        /* widening: esz is the wide size */
        unsigned lanes = 16 >> esz;
        for (unsigned i = 0; i < lanes; i++) {
            i128 v = ext(vreg_get(&n, i + part * lanes, esz - 1), esz - 1,
                         op == SS_SSHLL);
            vreg_set(&r, i, esz, (uint64_t)v << sh);
        }
    } else {
        unsigned lanes = lanes_of(desc, esz);
        for (unsigned i = 0; i < lanes; i++) {
            uint64_t x = vreg_get(&n, i, esz), dv = vreg_get(&d, i, esz), v;
            i128 sx = ext(x, esz, true), ux = x;
            switch (op) {
            case SS_SSHR: v = (uint64_t)shift_exact(sx, -sh, esz, false); break;
            case SS_USHR: v = (uint64_t)shift_exact(ux, -sh, esz, false); break;
            case SS_SSRA: v = dv + (uint64_t)shift_exact(sx, -sh, esz, false); break;
            case SS_USRA: v = dv + (uint64_t)shift_exact(ux, -sh, esz, false); break;
            case SS_SRSHR: v = (uint64_t)shift_exact(sx, -sh, esz, true); break;
            case SS_URSHR: v = (uint64_t)shift_exact(ux, -sh, esz, true); break;
            case SS_SRSRA: v = dv + (uint64_t)shift_exact(sx, -sh, esz, true); break;
            case SS_URSRA: v = dv + (uint64_t)shift_exact(ux, -sh, esz, true); break;
            case SS_SRI: {
                /* shift right and insert: the top sh bits of Vd stay */
                uint64_t keep = sh >= ebits(esz) ? mask : ~(mask >> sh) & mask;
                v = (dv & keep) | (uint64_t)shift_exact(ux, -sh, esz, false);
                break;
            }
            case SS_SHL: v = x << sh; break;
            case SS_SLI: v = (dv & ((1ull << sh) - 1)) | x << sh; break;
            case SS_SQSHLU: v = sat_u(env, shift_exact(sx, sh, esz, false), esz); break;
            case SS_SQSHL: v = sat_s(env, shift_exact(sx, sh, esz, false), esz); break;
            case SS_UQSHL: v = sat_u(env, shift_exact(ux, sh, esz, false), esz); break;
            default: v = 0; break;
            }
            vreg_set(&r, i, esz, v & mask);
        }
    }
    env->vregs[REGS_D(regs)] = r;
}
DEF_HELPER_INFO(simd_shift, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32);

