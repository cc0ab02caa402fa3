/*
 * What each pure micro-op computes, written once.
 *
 * The interpreter runs these at guest run time and the optimizer folds
 * constants with them, so the two can never disagree.  Values are carried in
 * uint64_t; i32 ops look only at, and produce only, the low 32 bits.
 */
#ifndef TCG_EVAL_H
#define TCG_EVAL_H

#include "tcg.h"

static inline bool tcg_eval_cond(TCGCond c, uint64_t a, uint64_t b, bool is64)
{
    if (!is64) {
        a = (uint32_t)a;
        b = (uint32_t)b;
    }
    int64_t sa = is64 ? (int64_t)a : (int32_t)a;
    int64_t sb = is64 ? (int64_t)b : (int32_t)b;
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    case TCG_COND_TSTEQ: return (a & b) == 0;
    case TCG_COND_TSTNE: return (a & b) != 0;
    }
    return false;
}

/* Two-operand arithmetic and logic, by width.  Shift counts are reduced
 * modulo the width; division is total (see tcg-opc.h).  tcg_eval2 has a
 * case for each op of kind BINARY, tcg_eval1 for each typed (DEF_T) op
 * of kind UNARY: their callers choose ops by that kind (tcg-opc.h), so a
 * new op of either kind needs its case here, and nothing else. */
#define TCG_EVAL_BINARY(W, UT, ST)                                            \
static inline UT tcg_eval2_##W(TCGOpcode base, UT a, UT b)                    \
{                                                                             \
    const unsigned bits = sizeof(UT) * 8;                                     \
    unsigned sh = b & (bits - 1);                                             \
    switch (base) {                                                           \
    case INDEX_op_add_i32: return a + b;                                      \
    case INDEX_op_sub_i32: return a - b;                                      \
    case INDEX_op_mul_i32: return a * b;                                      \
    case INDEX_op_muluh_i32:                                                  \
        return bits == 64 ? (UT)(((unsigned __int128)a * b) >> 64)            \
                          : (UT)(((uint64_t)a * b) >> 32);                    \
    case INDEX_op_mulsh_i32:                                                  \
        return bits == 64 ? (UT)(((__int128)(ST)a * (ST)b) >> 64)             \
                          : (UT)(((int64_t)(ST)a * (ST)b) >> 32);             \
    case INDEX_op_div_i32:                                                    \
        if (b == 0) return 0;                                                 \
        if ((ST)b == -1) return -a;                                           \
        return (UT)((ST)a / (ST)b);                                           \
    case INDEX_op_divu_i32: return b ? a / b : 0;                             \
    case INDEX_op_rem_i32:                                                    \
        if (b == 0) return a;                                                 \
        if ((ST)b == -1) return 0;                                            \
        return (UT)((ST)a % (ST)b);                                           \
    case INDEX_op_remu_i32: return b ? a % b : a;                             \
    case INDEX_op_and_i32: return a & b;                                      \
    case INDEX_op_or_i32: return a | b;                                       \
    case INDEX_op_xor_i32: return a ^ b;                                      \
    case INDEX_op_andc_i32: return a & ~b;                                    \
    case INDEX_op_orc_i32: return a | ~b;                                     \
    case INDEX_op_eqv_i32: return ~(a ^ b);                                   \
    case INDEX_op_nand_i32: return ~(a & b);                                  \
    case INDEX_op_nor_i32: return ~(a | b);                                   \
    case INDEX_op_shl_i32: return a << sh;                                    \
    case INDEX_op_shr_i32: return a >> sh;                                    \
    case INDEX_op_sar_i32: return (UT)((ST)a >> sh);                          \
    case INDEX_op_rotl_i32: return sh ? (a << sh) | (a >> (bits - sh)) : a;   \
    case INDEX_op_rotr_i32: return sh ? (a >> sh) | (a << (bits - sh)) : a;   \
    default: __builtin_unreachable();                                         \
    }                                                                         \
}                                                                             \
static inline UT tcg_eval1_##W(TCGOpcode base, UT a)                          \
{                                                                             \
    const unsigned bits = sizeof(UT) * 8;                                     \
    switch (base) {                                                           \
    case INDEX_op_mov_i32: return a;                                          \
    case INDEX_op_neg_i32: return -a;                                         \
    case INDEX_op_not_i32: return ~a;                                         \
    case INDEX_op_ext8s_i32: return (UT)(ST)(int8_t)a;                        \
    case INDEX_op_ext8u_i32: return (uint8_t)a;                               \
    case INDEX_op_ext16s_i32: return (UT)(ST)(int16_t)a;                      \
    case INDEX_op_ext16u_i32: return (uint16_t)a;                             \
    case INDEX_op_bswap16_i32: return __builtin_bswap16((uint16_t)a);         \
    case INDEX_op_bswap32_i32: return __builtin_bswap32((uint32_t)a);         \
    case INDEX_op_clz_i32:                                                    \
        return a ? (bits == 64 ? __builtin_clzll(a) : __builtin_clz(a)) : bits; \
    case INDEX_op_ctz_i32: return a ? __builtin_ctzll(a) : bits;              \
    case INDEX_op_ctpop_i32: return __builtin_popcountll(a);                  \
    default: __builtin_unreachable();                                         \
    }                                                                         \
}

TCG_EVAL_BINARY(32, uint32_t, int32_t)
TCG_EVAL_BINARY(64, uint64_t, int64_t)

/* Maps an _i64 opcode to its _i32 twin, which the switches above name.
 * The table lists every typed op as an adjacent pair. */
static inline TCGOpcode tcg_op_base32(TCGOpcode opc)
{
    return (tcg_op_defs[opc].flags & TCG_OPF_64BIT) ? opc - 1 : opc;
}

static inline uint64_t tcg_eval_extract(uint64_t a, unsigned pos, unsigned len)
{
    return (a >> pos) & (len == 64 ? ~0ull : (1ull << len) - 1);
}

static inline uint64_t tcg_eval_sextract(uint64_t a, unsigned pos, unsigned len)
{
    return (uint64_t)((int64_t)(a << (64 - pos - len)) >> (64 - len));
}

static inline uint64_t tcg_eval_deposit(uint64_t a, uint64_t b, unsigned pos,
                                        unsigned len)
{
    uint64_t mask = (len == 64 ? ~0ull : (1ull << len) - 1) << pos;
    return (a & ~mask) | ((b << pos) & mask);
}

/* x OP y for TCG_FP_ADD, SUB, DIV and MUL (and NMUL's product), on
 * scalars or vectors of the operands' type. */
#define TCG_FP_ARITH(op, x, y)                                                \
    ((op) == TCG_FP_ADD ? (x) + (y) : (op) == TCG_FP_SUB || (op) == TCG_FP_ABD ? (x) - (y) \
     : (op) == TCG_FP_DIV ? (x) / (y) : (x) * (y))

static inline bool tcg_fp_normal(bool f64, uint64_t a)
{
    return f64 ? ((a >> 52) & 0x7ff) - 1u < 0x7feu : ((a >> 23) & 0xff) - 1u < 0xfeu;
}

/* Normal or a zero: what a compare or conversion takes from the host
 * (no NaN, which raises flags, nor a denormal, which FZ flushes).  (An
 * '|', not '||': the JIT's stencils need straight-line tests.) */
static inline bool tcg_fp_normal_or_zero(bool f64, uint64_t a)
{
    return tcg_fp_normal(f64, a) | ((f64 ? a << 1 : (uint32_t)(a << 1)) == 0);
}

/* A result the guest rounds as the host did: normal, not infinite, and at
 * least twice the smallest normal (so no tininess rule can matter). */
static inline bool tcg_fp_safe_result(bool f64, uint64_t r)
{
    return tcg_fp_normal(f64, r) &&
           (f64 ? (r & ~(1ull << 63)) > (1ull << 52) : (r & 0x7fffffffu) > (1u << 23));
}

static inline double tcg_f64_of(uint64_t a) { double x; __builtin_memcpy(&x, &a, 8); return x; }
static inline float tcg_f32_of(uint64_t a)
{
    uint32_t u = a;
    float x;
#ifdef __SSE2__
    /* (Else GCC may convert a float from memory, through a stack slot,
     * which the JIT's stencils cannot have.) */
    __asm__("movd %1, %0" : "=x"(x) : "r"(u));
#else
    __builtin_memcpy(&x, &u, 4);
#endif
    return x;
}
static inline uint64_t tcg_bits_f64(double x) { uint64_t a; __builtin_memcpy(&a, &x, 8); return a; }
static inline uint64_t tcg_bits_f32(float x) { uint32_t a; __builtin_memcpy(&a, &x, 4); return a; }

/* fbinop_i64 (tcg-opc.h): the host's result when it is exactly the
 * guest's (the mode word checked by the caller); false when the fallback
 * must compute it. */
static inline bool tcg_eval_fbinop_host(unsigned kind, uint64_t a, uint64_t b,
                                        uint64_t *res)
{
    bool f64 = kind & TCG_FP_F64;
    unsigned op = kind & TCG_FP_OP;
    if (!f64) {
        a = (uint32_t)a;
        b = (uint32_t)b;
    }
    if (op == TCG_FP_CMP) {
        /* Arm's NZCV: less 1000, equal 0110, greater 0010 (from a table
         * in a constant: no branch). */
        if (!tcg_fp_normal_or_zero(f64, a) || !tcg_fp_normal_or_zero(f64, b)) {
            return false;
        }
        bool lt = f64 ? tcg_f64_of(a) < tcg_f64_of(b) : tcg_f32_of(a) < tcg_f32_of(b);
        bool eq = f64 ? tcg_f64_of(a) == tcg_f64_of(b) : tcg_f32_of(a) == tcg_f32_of(b);
        *res = (0x862u >> ((lt * 2 + eq) * 4)) & 15;
        return true;
    }
    if (op == TCG_FP_MAX || op == TCG_FP_MIN) {
        /* One of the operands, normal or zero (no NaN, whose choice and
         * flags are Arm's, nor a denormal, which FZ flushes): exact and
         * raising nothing, in any mode.  Between equal ones Arm's max is
         * their bits ANDed, its min ORed (+0 and -0). */
        if (!tcg_fp_normal_or_zero(f64, a) || !tcg_fp_normal_or_zero(f64, b)) {
            return false;
        }
        uint64_t gt = -(uint64_t)(f64 ? tcg_f64_of(a) > tcg_f64_of(b)
                                      : tcg_f32_of(a) > tcg_f32_of(b));
        uint64_t lt = -(uint64_t)(f64 ? tcg_f64_of(a) < tcg_f64_of(b)
                                      : tcg_f32_of(a) < tcg_f32_of(b));
        /* (masks, not ?: chains, which GCC would lay out as branches) */
        *res = op == TCG_FP_MAX ? (a | lt) & (b | gt) : (a & ~gt) | (b & ~lt);
        return true;
    }
    /* Arithmetic: the result alone decides.  A NaN, infinite or zero
     * operand that changes anything gives a result outside the safe range
     * (NaN, infinite, zero or tiny); a denormal one is IEEE's on both
     * sides, the caller's mode word having excluded flush-to-zero. */
    uint64_t sign = f64 ? 1ull << 63 : 1u << 31;
    uint64_t r = f64 ? tcg_bits_f64(TCG_FP_ARITH(op, tcg_f64_of(a), tcg_f64_of(b)))
                     : tcg_bits_f32(TCG_FP_ARITH(op, tcg_f32_of(a), tcg_f32_of(b)));
    *res = op == TCG_FP_NMUL ? r ^ sign : op == TCG_FP_ABD ? r & ~sign : r;
    return tcg_fp_safe_result(f64, r);
}

/* The host's truncation of x toward zero, INT64_MIN when out of range
 * or NaN (cvttsd2si's answer, where C's cast is undefined). */
static inline int64_t tcg_trunc_f64(double x)
{
#ifdef __SSE2__
    return __builtin_ia32_cvttsd2si64((__attribute__((vector_size(16))) double){ x, 0 });
#else
    return x > -0x1p63 && x < 0x1p63 ? (int64_t)x : INT64_MIN;
#endif
}

static inline int64_t tcg_trunc_f32(float x)
{
#ifdef __SSE2__
    return __builtin_ia32_cvttss2si64((__attribute__((vector_size(16))) float){ x, 0, 0, 0 });
#else
    return x > -0x1p63f && x < 0x1p63f ? (int64_t)x : INT64_MIN;
#endif
}

static inline double tcg_sqrt_f64(double x)
{
#ifdef __SSE2__
    return __builtin_ia32_sqrtsd((__attribute__((vector_size(16))) double){ x, 0 })[0];
#else
    return __builtin_sqrt(x);
#endif
}

static inline float tcg_sqrt_f32(float x)
{
#ifdef __SSE2__
    return __builtin_ia32_sqrtss((__attribute__((vector_size(16))) float){ x, 0, 0, 0 })[0];
#else
    return __builtin_sqrtf(x);
#endif
}

/* x rounded to nearest, ties to even (the host's MXCSR mode), to an
 * integer: INT64_MIN when out of range. */
static inline int64_t tcg_rint_f64(double x)
{
#ifdef __SSE2__
    return __builtin_ia32_cvtsd2si64((__attribute__((vector_size(16))) double){ x, 0 });
#else
    return x > -0x1p63 && x < 0x1p63 ? (int64_t)__builtin_rint(x) : INT64_MIN;
#endif
}

/* Whether |x| < 2^52, where tcg_round_integral works (at and above it
 * an f64 is integral already, but the fallback does those rare ones). */
static inline bool tcg_below_2p52(double x)
{
    return (tcg_bits_f64(x) & ~(1ull << 63)) < 0x4330000000000000ull;
}

/* x (normal or zero, |x| < 2^52) rounded to an integral value by rmode
 * (TCG_FU_R*), exactly, through a 64-bit integer.  A zero keeps x's sign,
 * as Arm's FPRoundInt has it.  (No FP constant, no branch: a stencil has
 * no constant pool and is straight code.) */
static inline double tcg_round_integral(double x, unsigned rmode)
{
    int64_t i = tcg_trunc_f64(x);
    double t = (double)i;
    switch (rmode) {
    case TCG_FU_RN: i = tcg_rint_f64(x); break;
    case TCG_FU_RP: i += t < x; break;
    case TCG_FU_RM: i -= t > x; break;
    case TCG_FU_RA: {
        /* x - t, x's fraction, is exact; from a half on (compared as
         * bits: no FP constant) i steps away from zero. */
        uint64_t f = tcg_bits_f64(x - t) << 1, neg = tcg_bits_f64(x) >> 63;
        uint64_t away = f >= 0x3fe0000000000000ull << 1;
        i += (int64_t)((away ^ -neg) + neg);
        break;
    }
    default: break;
    }
    /* (i has x's sign or is zero: ORing the sign in gives a zero it) */
    return tcg_f64_of(tcg_bits_f64((double)i) | (tcg_bits_f64(x) & 1ull << 63));
}

/* 2^e as an f64 or f32 bit pattern, e within the exponent's normal
 * range: from integers, as a stencil has no constant pool. */
static inline uint64_t tcg_fp_pow2_bits(bool f64, int e)
{
    return f64 ? (uint64_t)(1023 + e) << 52 : (uint64_t)(127 + e) << 23;
}

/* The half-precision value h (a's low 16 bits, IEEE's format) as an f64
 * or f32 bit pattern, exactly: its significand (with the implicit bit
 * where the exponent field e is nonzero) times 2^(max(e, 1) - 25), an
 * integer conversion and a product by a power of two, both exact, so
 * denormals too and no FP constant.  False for the infinities and NaNs
 * (e = 31), which the fallback converts. */
static inline bool tcg_half_widen(bool f64, uint64_t a, uint64_t *res)
{
    uint32_t h = (uint16_t)a, e = h >> 10 & 31;
    int32_t sig = (h & 0x3ff) | (e != 0) << 10;
    int p = (int)(e + (e == 0)) - 25;
    uint64_t sign = (uint64_t)(h >> 15) << (f64 ? 63 : 31);
    *res = sign | (f64 ? tcg_bits_f64((double)sig * tcg_f64_of(tcg_fp_pow2_bits(true, p)))
                       : tcg_bits_f32((float)sig * tcg_f32_of(tcg_fp_pow2_bits(false, p))));
    return e != 31;
}

/* The f64 or f32 a (f32: its low 32 bits) to half precision, rounded to
 * nearest, ties to even, in integers: the exponent rebiased, the
 * fraction rounded at the half's last bit (a carry may step the
 * exponent).  One rounding from a's own bits, so no double rounding.
 * Where |a| is at least 2^-14 (Arm's tininess is before rounding) and
 * below 65520 (which rounds to an infinity), the result is normal and
 * Inexact is the only flag; a zero stays one, with its sign.  False for
 * the rest, which the fallback converts. */
static inline bool tcg_half_narrow(bool f64, uint64_t a, uint64_t *res)
{
    unsigned frac = f64 ? 52 : 23, drop = frac - 10;
    uint64_t bias = f64 ? 1023 : 127;
    uint64_t mag = a & (f64 ? ~(1ull << 63) : 0x7fffffffu);
    uint64_t lo = (bias - 14) << frac;                              /* 2^-14 */
    uint64_t hi = (bias + 15) << frac | 2047ull << (drop - 1);      /* 65520 */
    uint64_t r = mag - ((bias - 15) << frac);
    r = (r + (1ull << (drop - 1)) - 1 + (r >> drop & 1)) >> drop;
    uint64_t in_range = mag - lo < hi - lo;
    *res = (a >> (f64 ? 48 : 16) & 0x8000) | (r & -in_range);
    return in_range | (mag == 0);
}

/* funop_i64 (tcg-opc.h): the host's result when it is exactly the
 * guest's (the mode word checked by the caller); false when the fallback
 * must compute it.  fbits: TCG_FU_FIXED's fraction bits, 1 to 64; est:
 * tcg_fp_estimates (tcg.h), which RECPE and RSQRTE read. */
static inline bool tcg_eval_funop_host(unsigned kind, uint64_t a, unsigned fbits,
                                       const uint8_t *est, uint64_t *res)
{
    bool f64 = kind & TCG_FU_F64;
    int64_t i;
    switch (kind & TCG_FU_OP) {
    case TCG_FU_SCVTF32: i = (int32_t)a; break;
    case TCG_FU_SCVTF64: i = (int64_t)a; break;
    case TCG_FU_UCVTF32: i = (uint32_t)a; break;
    case TCG_FU_UCVTF64:
        if ((int64_t)a < 0) {
            return false;
        }
        i = (int64_t)a;
        break;
    case TCG_FU_FCVTZS32: case TCG_FU_FCVTZS64:
    case TCG_FU_FCVTZU32: case TCG_FU_FCVTZU64:
        if (!tcg_fp_normal_or_zero(f64, a)) {
            return false;
        }
        if (kind & TCG_FU_RMODE) {
            /* (the rounded value is integral: its truncation is exact) */
            double x = f64 ? tcg_f64_of(a) : tcg_f32_of(a);
            if (!tcg_below_2p52(x)) {
                return false;
            }
            i = tcg_trunc_f64(tcg_round_integral(x, kind & TCG_FU_RMODE));
        } else if (kind & TCG_FU_FIXED) {
            /* x * 2^fbits is exact (x is normal) unless it overflows to
             * an infinity, whose truncation INT64_MIN takes the fallback
             * below as any value out of range does. */
            i = f64 ? tcg_trunc_f64(tcg_f64_of(a) * tcg_f64_of(tcg_fp_pow2_bits(true, fbits)))
                    : tcg_trunc_f32(tcg_f32_of(a) * tcg_f32_of(tcg_fp_pow2_bits(false, fbits)));
        } else {
            i = f64 ? tcg_trunc_f64(tcg_f64_of(a)) : tcg_trunc_f32(tcg_f32_of(a));
        }
        switch (kind & TCG_FU_OP) {
        case TCG_FU_FCVTZS32:
            *res = (uint32_t)i;
            return i == (int32_t)i;
        case TCG_FU_FCVTZS64:
            *res = i;
            return i != INT64_MIN;
        case TCG_FU_FCVTZU32:
            *res = i;
            return (uint64_t)i <= 0xffffffffu;
        default:
            *res = i;
            return i >= 0;
        }
    case TCG_FU_FCVT:
        if (kind & TCG_FU_FROM_HALF) {
            return tcg_half_widen(f64, a, res);
        }
        if (!f64) {
            *res = tcg_bits_f64(tcg_f32_of(a));     /* exact */
            return tcg_fp_normal_or_zero(false, a);
        }
        /* (a zero stays one, exactly) */
        *res = tcg_bits_f32((float)tcg_f64_of(a));
        return (tcg_fp_normal(true, a) & tcg_fp_safe_result(false, *res)) | (a << 1 == 0);
    case TCG_FU_FCVTX: {
        /* Round to odd: toward zero, the lowest bit set where inexact.
         * The host rounds to nearest; where that went up in magnitude
         * toward zero is the f32 one below (both have x's sign, so the
         * bits compare as the magnitudes).  Where the host's result is
         * normal and above the smallest normal (so x is normal, and
         * neither result is tiny or overflows), or x is zero, Inexact is
         * the only flag.  (One range test for those, the fewest values
         * live: a stencil has six registers and no branch.) */
        float f = (float)tcg_f64_of(a);
        uint64_t fb = tcg_bits_f32(f), back = tcg_bits_f64((double)f);
        bool ok = (uint32_t)((fb & 0x7fffffffu) - 0x00800001u) <= 0x7efffffeu;
        *res = (fb - (back > a)) | (back != a);
        return ok | (a << 1 == 0);
    }
    case TCG_FU_FCVTH:
        return tcg_half_narrow(f64, a, res);
    case TCG_FU_FRINT: {
        double x = f64 ? tcg_f64_of(a) : tcg_f32_of(a);
        if (!tcg_fp_normal_or_zero(f64, a) || !tcg_below_2p52(x)) {
            return false;
        }
        x = tcg_round_integral(x, kind & TCG_FU_RMODE);
        *res = f64 ? tcg_bits_f64(x) : tcg_bits_f32((float)x);
        return true;
    }
    case TCG_FU_RECPE:
        if (kind & TCG_FU_FIXED) {
            /* URECPE: RecipEstimate of the top 9 bits where the top
             * one is set, else all-ones. */
            uint32_t x = a;
            *res = (uint32_t)((256u + est[(x >> 23) & 0xff]) << 23) | (uint32_t)((x >> 31) - 1);
            return true;
        }
        /* FPRecipEstimate of a normal x whose exponent field is at most
         * 2 * bias - 2: the result is normal, with no flag, in every mode
         * (from 2 * bias - 1 up it is denormal, or zero under FZ; only a
         * denormal x overflows).  Its exponent field is 2 * bias - 1 less
         * x's, its fraction the estimate of x's top 8 fraction bits (the
         * table); the exponent with the sign is one subtraction, as
         * -sign == sign in the sign bit. */
        if (f64) {
            *res = (0x7fd0000000000000ull - (a & 0xfff0000000000000ull)) |
                   (uint64_t)est[(a >> 44) & 0xff] << 44;
            return (a & ~(1ull << 63)) - (1ull << 52) < 2044ull << 52;
        } else {
            uint32_t x = a;
            *res = (uint32_t)(0x7e800000u - (x & 0xff800000u)) |
                   (uint32_t)est[(x >> 15) & 0xff] << 15;
            return (x & 0x7fffffffu) - 0x00800000u < 252u << 23;
        }
    case TCG_FU_RSQRTE:
        if (kind & TCG_FU_FIXED) {
            /* URSQRTE: RecipSqrtEstimate of the top 9 bits where either
             * of the top two is set, else all-ones. */
            uint32_t x = a;
            *res = (uint32_t)((256u + est[TCG_EST_URSQRT + (x >> 23)]) << 23) |
                   -(uint32_t)(x >> 30 == 0);
            return true;
        }
        /* FPRSqrtEstimate of a positive normal x: normal, with no flag,
         * in every mode.  Its exponent field is (3 * bias - 1 - x's) / 2,
         * its fraction from the table by the exponent field's lowest bit
         * and the top 8 fraction bits, the 9 bits above the fraction's
         * rest. */
        if (f64) {
            *res = (3068 - (a >> 52)) >> 1 << 52 |
                   (uint64_t)est[TCG_EST_RSQRT + ((a >> 44) & 0x1ff)] << 44;
            return a - (1ull << 52) < 2046ull << 52;
        } else {
            uint32_t x = a;
            *res = (uint32_t)((380 - (x >> 23)) >> 1 << 23) |
                   (uint32_t)est[TCG_EST_RSQRT + ((x >> 15) & 0x1ff)] << 15;
            return x - 0x00800000u < 254u << 23;
        }
    case TCG_FU_RECPX:
        /* FPRecpX of a normal x: its exponent field inverted, its fraction
         * zero; no flag in any mode. */
        *res = f64 ? (a & (1ull << 63)) | (~a & 0x7ff0000000000000ull)
                   : ((uint32_t)a & 0x80000000u) | (~(uint32_t)a & 0x7f800000u);
        return tcg_fp_normal(f64, a);
    case TCG_FU_SQRT:
        if (!tcg_fp_normal(f64, a) || (a >> (f64 ? 63 : 31)) & 1) {
            return false;
        }
        *res = f64 ? tcg_bits_f64(tcg_sqrt_f64(tcg_f64_of(a)))
                   : tcg_bits_f32(tcg_sqrt_f32(tcg_f32_of(a)));
        return true;
    default:
        return false;
    }
    /* From an integer: one rounding, the host's to nearest.  Fixed
     * point: then times 2^-fbits, exact, as the smallest nonzero result,
     * 2^-64, is far above the smallest normal (no second rounding). */
    if (kind & TCG_FU_FIXED) {
        *res = f64 ? tcg_bits_f64((double)i * tcg_f64_of(tcg_fp_pow2_bits(true, -(int)fbits)))
                   : tcg_bits_f32((float)i * tcg_f32_of(tcg_fp_pow2_bits(false, -(int)fbits)));
        return true;
    }
    *res = f64 ? tcg_bits_f64((double)i) : tcg_bits_f32((float)i);
    return true;
}

/* fbinop_vec (tcg-opc.h): the 16 bytes at r = a OP b, two f64 or four
 * f32 lanes at once (tcg_fp_vec_op), when every lane is exactly the
 * guest's: for a compare, max or min the operands normal or zero (the
 * result is a mask or an operand), for arithmetic the result neither
 * infinite nor NaN and at least twice the smallest normal: a test on the
 * exponent fields, which SSE does on the lanes' high 32-bit words; false
 * when the fallback must compute them.  Both backends use this one test,
 * so they pick the same path. */
typedef int32_t tcg_v4si __attribute__((vector_size(16)));
typedef int64_t tcg_v2di __attribute__((vector_size(16)));
typedef double tcg_v2df __attribute__((vector_size(16)));
typedef float tcg_v4sf __attribute__((vector_size(16)));

/* 16 bytes as two 64-bit loads: a guest's 128-bit load writes its
 * register as two 64-bit halves, and one 128-bit load of them would wait
 * for both stores to reach the cache (no store forwarding).  (The asm
 * keeps the compiler from merging the two.) */
static inline tcg_v2di tcg_load_halves(const void *p)
{
    int64_t lo, hi;
    __builtin_memcpy(&lo, p, 8);
    __builtin_memcpy(&hi, (const char *)p + 8, 8);
    tcg_v2di v = { lo, 0 };
#ifdef __SSE2__
    __asm__("" : "+x"(v));
#endif
    v[1] = hi;
    return v;
}

/* The result's 16 bytes, after every operand was read: the stencils'
 * operands are env plus different symbols, which GCC takes for different
 * objects, so without the barrier it may store a constant half (a zeroed
 * high one) before it reads an operand at the same place. */
static inline __attribute__((always_inline)) void tcg_store_halves(void *p, int64_t lo,
                                                                  int64_t hi)
{
    __asm__ volatile("" ::: "memory");
    __builtin_memcpy(p, &lo, 8);
    __builtin_memcpy((char *)p + 8, &hi, 8);
}

/* The exponent tests on a vector's lanes, made on each lane's top 32-bit
 * word (an f64's high word): the exponent field's mask and, one below it,
 * the top word of twice the smallest normal.  From general registers,
 * not a constant pool, which the JIT's stencils cannot have. */
typedef struct TCGVecFPTest {
    tcg_v4si exp, below_twice_min;
} TCGVecFPTest;

static inline TCGVecFPTest tcg_vec_fp_test(bool f64)
{
    int32_t exp1 = f64 ? 0x7ff00000 : 0x7f800000;
    int32_t below1 = f64 ? 0x001fffff : 0x00ffffff;
    __asm__("" : "+r"(exp1), "+r"(below1));
    return (TCGVecFPTest){ { exp1, exp1, exp1, exp1 }, { below1, below1, below1, below1 } };
}

/* All-ones in the words of x whose lane is normal. */
static inline tcg_v4si tcg_vec_normal(const TCGVecFPTest *t, tcg_v4si x)
{
    tcg_v4si e = x & t->exp, zero = { 0, 0, 0, 0 };
    return (e > zero) & (e < t->exp);
}

/* ... whose lane is a result the guest rounds as the host did
 * (tcg_fp_safe_result). */
static inline tcg_v4si tcg_vec_safe_result(const TCGVecFPTest *t, tcg_v4si r)
{
    tcg_v4si e = r & t->exp;
    return (e > t->below_twice_min) & (e < t->exp);
}

/* The lanes' sign bits (f64: the top of the odd words), from a general
 * register as tcg_vec_fp_test's constants. */
static inline tcg_v4si tcg_vec_sign_bits(bool f64)
{
    int32_t sign1 = INT32_MIN;
    __asm__("" : "+r"(sign1));
    return f64 ? (tcg_v4si){ 0, sign1, 0, sign1 } : (tcg_v4si){ sign1, sign1, sign1, sign1 };
}

/* Whether the words of ok that need names (bit k: word k) are all set. */
static inline bool tcg_vec_all(tcg_v4si ok, int need)
{
#ifdef __SSE2__
    return (__builtin_ia32_movmskps((tcg_v4sf)ok) & need) == need;
#else
    for (int k = 0; k < 4; k++) {
        if ((need >> k & 1) && !ok[k]) {
            return false;
        }
    }
    return true;
#endif
}

/* Lane-wise a + b, a - b and the mask of a < b, on f64 or f32 lanes. */
static inline __attribute__((always_inline)) tcg_v4si tcg_vec_fadd(bool f64, tcg_v4si a,
                                                                  tcg_v4si b)
{
    return f64 ? (tcg_v4si)((tcg_v2df)a + (tcg_v2df)b) : (tcg_v4si)((tcg_v4sf)a + (tcg_v4sf)b);
}
static inline __attribute__((always_inline)) tcg_v4si tcg_vec_fsub(bool f64, tcg_v4si a,
                                                                  tcg_v4si b)
{
    return f64 ? (tcg_v4si)((tcg_v2df)a - (tcg_v2df)b) : (tcg_v4si)((tcg_v4sf)a - (tcg_v4sf)b);
}
static inline __attribute__((always_inline)) tcg_v4si tcg_vec_flt(bool f64, tcg_v4si a,
                                                                 tcg_v4si b)
{
    return f64 ? (tcg_v4si)((tcg_v2df)a < (tcg_v2df)b) : (tcg_v4sf)a < (tcg_v4sf)b;
}

static inline __attribute__((always_inline)) bool tcg_eval_fbinop_vec_host(unsigned kind,
                                                                          const void *pa,
                                                                          const void *pb,
                                                                          void *pr)
{
    bool f64 = kind & TCG_FP_F64;
    unsigned op = kind & TCG_FP_OP;
    tcg_v4si a = (tcg_v4si)tcg_load_halves(pa), b = (tcg_v4si)tcg_load_halves(pb), r;
    bool compare = op >= TCG_FP_CMEQ && op != TCG_FP_ABD;
    tcg_v4si sign = tcg_vec_sign_bits(f64);
    if (op == TCG_FP_ACGE || op == TCG_FP_ACGT) {
        /* |a| >= |b| is CMGE of the magnitudes (the tests below see
         * them too: the same exponents) */
        a &= ~sign;
        b &= ~sign;
        op = op == TCG_FP_ACGE ? TCG_FP_CMGE : TCG_FP_CMGT;
    }
    if (compare) {
        if (f64) {
            tcg_v2df x = (tcg_v2df)a, y = (tcg_v2df)b;
            r = (tcg_v4si)(op == TCG_FP_CMEQ ? x == y : op == TCG_FP_CMGE ? x >= y : x > y);
        } else {
            tcg_v4sf x = (tcg_v4sf)a, y = (tcg_v4sf)b;
            r = op == TCG_FP_CMEQ ? x == y : op == TCG_FP_CMGE ? x >= y : x > y;
        }
    } else if (op == TCG_FP_MAX || op == TCG_FP_MIN) {
        /* The winner, and between equal lanes (+0 and -0 too) their bits
         * ANDed for max, ORed for min, as Arm has it. */
        tcg_v4si gt = tcg_vec_flt(f64, b, a), lt = tcg_vec_flt(f64, a, b);
        r = op == TCG_FP_MAX ? (a | lt) & (b | gt) : (a & ~gt) | (b & ~lt);
    } else if (f64) {
        r = (tcg_v4si)TCG_FP_ARITH(op, (tcg_v2df)a, (tcg_v2df)b);
    } else {
        r = (tcg_v4si)TCG_FP_ARITH(op, (tcg_v4sf)a, (tcg_v4sf)b);
    }
    if (op == TCG_FP_ABD) {
        r &= ~sign;
    }
    TCGVecFPTest t = tcg_vec_fp_test(f64);
    tcg_v4si ok;
    if (compare || op == TCG_FP_MAX || op == TCG_FP_MIN) {
        tcg_v4si oka = tcg_vec_normal(&t, a), okb = tcg_vec_normal(&t, b);
        tcg_v4si zero = { 0, 0, 0, 0 };
        /* Zeros too: compares with zero are common, and so is max with
         * zero; the result is a mask or an operand, exact. */
        if (f64) {
            oka |= (tcg_v4si)(((tcg_v2di)a << 1) == 0);
            okb |= (tcg_v4si)(((tcg_v2di)b << 1) == 0);
        } else {
            oka |= (a << 1) == zero;
            okb |= (b << 1) == zero;
        }
        ok = oka & okb;
    } else {
        /* the result alone, as tcg_eval_fbinop_host's arithmetic */
        ok = tcg_vec_safe_result(&t, r);
    }
    /* f64: the high words (1 and 3) decide. */
    if (!tcg_vec_all(ok, f64 ? 0xa : 0xf)) {
        return false;
    }
    __builtin_memcpy(pr, &r, 16);
    return true;
}

/* An FP constant in every lane (d for f64 lanes, s for f32 ones), from
 * a general register: a stencil has no constant pool. */
static inline __attribute__((always_inline)) tcg_v4si tcg_vec_fp_const(bool f64, uint64_t d,
                                                                      uint32_t s)
{
    uint64_t c = f64 ? d : s * 0x100000001ull;
    __asm__("" : "+r"(c));
    return (tcg_v4si)(tcg_v2di){ (int64_t)c, (int64_t)c };
}

/* x's f64 or f32 lanes rounded to integral values by rmode (TCG_FU_R*),
 * exactly for every finite lane (any value for a NaN); a zero keeps the
 * lane's sign, as Arm's FPRoundInt has it.  With SSE4.1, roundpd or
 * roundps; else |x| + 2^52 - 2^52 (2^23 for f32), which the host rounds
 * to the nearest integer (ties to even) while |x| < 2^52, then one step
 * toward the rounding's direction where that went the wrong way; from
 * 2^52 on a lane is integral already.  Ties away: |x| toward zero, plus
 * one where the fraction left (exact) is a half or more.  No branch, no
 * constant pool (a stencil's rules). */
static inline __attribute__((always_inline)) tcg_v4si tcg_vec_round_integral(bool f64,
                                                                            tcg_v4si x,
                                                                            unsigned rmode)
{
    tcg_v4si sign = tcg_vec_sign_bits(f64), ax = x & ~sign, r, t;
    tcg_v4si one = tcg_vec_fp_const(f64, 0x3ff0000000000000ull, 0x3f800000u);
#ifdef __SSE4_1__
    /* (roundpd's immediate: 0 nearest, 1 down, 2 up, 3 toward zero) */
#define TCG_ROUND(v, imm)                                                     \
    (f64 ? (tcg_v4si)__builtin_ia32_roundpd((tcg_v2df)(v), imm)               \
         : (tcg_v4si)__builtin_ia32_roundps((tcg_v4sf)(v), imm))
    switch (rmode) {
    case TCG_FU_RN: return TCG_ROUND(x, 0);
    case TCG_FU_RM: return TCG_ROUND(x, 1);
    case TCG_FU_RP: return TCG_ROUND(x, 2);
    case TCG_FU_RZ: return TCG_ROUND(x, 3);
    default: t = TCG_ROUND(ax, 3); break;
    }
#undef TCG_ROUND
#else
    tcg_v4si magic = tcg_vec_fp_const(f64, 0x4330000000000000ull, 0x4b000000u);
    tcg_v4si n = tcg_vec_fsub(f64, tcg_vec_fadd(f64, ax, magic), magic);
    tcg_v4si small = tcg_vec_flt(f64, ax, magic);
    tcg_v4si up = tcg_vec_flt(f64, n, ax) & one, down = tcg_vec_flt(f64, ax, n) & one;
    tcg_v4si zero = { 0, 0, 0, 0 };
    /* (-0 is not negative here: its lanes round to zero either way) */
    tcg_v4si neg = tcg_vec_flt(f64, x, zero);
    tcg_v4si ceil = tcg_vec_fadd(f64, n, up), floor = tcg_vec_fsub(f64, n, down);
    switch (rmode) {
    case TCG_FU_RN: r = n; break;
    case TCG_FU_RP: r = (floor & neg) | (ceil & ~neg); break;
    case TCG_FU_RM: r = (ceil & neg) | (floor & ~neg); break;
    default: r = floor; break;
    }
    r = (r & small) | (ax & ~small);
    if (rmode != TCG_FU_RA) {
        return r | (x & sign);
    }
    t = r;
#endif
    tcg_v4si half = tcg_vec_fp_const(f64, 0x3fe0000000000000ull, 0x3f000000u);
    r = tcg_vec_fadd(f64, t, ~tcg_vec_flt(f64, tcg_vec_fsub(f64, ax, t), half) & one);
    return r | (x & sign);
}

/* A 64-bit constant in both halves, from a general register (no
 * constant pool in a stencil). */
static inline __attribute__((always_inline)) tcg_v4si tcg_vec_bcast64(uint64_t c)
{
    __asm__("" : "+r"(c));
    return (tcg_v4si)(tcg_v2di){ (int64_t)c, (int64_t)c };
}

/* v, which GCC must not derive its later uses from (so that x >> n << n
 * stays two shifts, not an AND with a mask from a constant pool), and
 * which it has computed by this point. */
#ifdef __SSE2__
#define TCG_VEC_OPAQUE(v) __asm__("" : "+x"(v))
#else
#define TCG_VEC_OPAQUE(v) ((void)0)
#endif

/* funop_vec's RECPE and RSQRTE (URECPE and URSQRTE too):
 * tcg_eval_funop_host's on every lane, its tests and the result's sign
 * and exponent packed (on 32-bit words; an f64's sign and exponent by its
 * 64-bit lane), then the table looked up lane by lane, from a vector of
 * indices.  Few constants, and those only where shifts cannot do, and
 * done with before the lookups: each takes a general register, and a
 * stencil has six (the lookups need most). */
static inline __attribute__((always_inline)) bool tcg_eval_estimate_vec(unsigned kind,
                                                                       const void *pa,
                                                                       const uint8_t *est,
                                                                       void *pr)
{
    typedef uint32_t v4su __attribute__((vector_size(16)));
    typedef uint64_t v2du __attribute__((vector_size(16)));
    bool f64 = kind & TCG_FU_F64, q = kind & TCG_FU_Q, fixed = kind & TCG_FU_FIXED;
    bool rsqrt = (kind & TCG_FU_OP) == TCG_FU_RSQRTE;
    /* The words that hold a lane's index (f64: the high ones), and where
     * the result's 8 bits from the table go in them (the fixed-point
     * ones: an integer's top 9 bits, the estimate's). */
    int need = f64 ? 0xa : q ? 0xf : 0x3, top = fixed ? 23 : f64 ? 12 : 15;
    tcg_v4si x = (tcg_v4si)tcg_load_halves(pa), zero = { 0, 0, 0, 0 }, hi, ok, e, t;
    v4su ux = (v4su)x, idx;
    const uint8_t *tab = est + (fixed && rsqrt ? TCG_EST_URSQRT : rsqrt ? TCG_EST_RSQRT : 0);
    if (fixed) {
        /* All-ones where the top bit (URSQRTE: both top bits) is clear;
         * else 256 + the estimate, the 256 the sign bit (f32-sized lanes
         * only). */
        tcg_v4si ones = rsqrt ? (x >> 30) == zero : x > ~zero;
        hi = ones | (tcg_v4si)((v4su)~ones << 31);
    } else if (rsqrt) {
        /* Positive and normal: the exponent field e, with the sign above
         * it, from 1 to its maximum less one (f64: in the low words); the
         * result's (3 * bias - 1 - e) / 2. */
        tcg_v4si emax = tcg_vec_bcast64(f64 ? 2047 : 255 * 0x100000001ull);
        tcg_v4si k = tcg_vec_bcast64(f64 ? 3068 : 380 * 0x100000001ull);
        if (f64) {
            e = (tcg_v4si)((v2du)x >> 52);
            hi = (tcg_v4si)((v2du)(k - e) >> 1 << 52);
        } else {
            e = (tcg_v4si)(ux >> 23);
            hi = (tcg_v4si)((v4su)(k - e) >> 1 << 23);
        }
        ok = (e > zero) & (e < emax);
        if (!tcg_vec_all(ok, f64 ? 0x5 : need)) {
            return false;
        }
    } else {
        /* Normal, the exponent field below 2 * bias - 1: that less the
         * sign and exponent is the result's (-sign == sign there). */
        tcg_v4si lim = tcg_vec_bcast64(f64 ? 0x7fd0000000000000ull : 0x7e8000007e800000ull);
        if (f64) {
            t = (tcg_v4si)((v2du)x << 1);
            TCG_VEC_OPAQUE(t);
            e = (tcg_v4si)((v2du)t >> 53 << 52);
            t = (tcg_v4si)((v2du)x >> 52);
            TCG_VEC_OPAQUE(t);
            hi = lim - (tcg_v4si)((v2du)t << 52);
        } else {
            t = (tcg_v4si)(ux << 1);
            TCG_VEC_OPAQUE(t);
            e = (tcg_v4si)((v4su)t >> 24 << 23);
            t = (tcg_v4si)(ux >> 23);
            TCG_VEC_OPAQUE(t);
            hi = lim - (tcg_v4si)((v4su)t << 23);
        }
        ok = (e > zero) & (e < lim);
        if (!tcg_vec_all(ok, need)) {
            return false;
        }
    }
    /* The index: the top 8 fraction bits, for RSQRTE with the exponent's
     * lowest bit above them; a 0.32 number's bits after the top one, or
     * (URSQRTE) its top 9.  Taken once hi is done. */
    idx = fixed ? (rsqrt ? ux >> 23 : ux << 1 >> 24)
                : (rsqrt ? ux << (23 - top) >> 23 : ux << (24 - top) >> 24);
#ifdef __SSE2__
    __asm__("" : "+x"(idx), "+x"(hi));
#endif
    hi |= (tcg_v4si){ need & 1 ? tab[idx[0]] : 0, need & 2 ? tab[idx[1]] : 0,
                      need & 4 ? tab[idx[2]] : 0, need & 8 ? tab[idx[3]] : 0 } << top;
    tcg_store_halves(pr, ((tcg_v2di)hi)[0], q ? ((tcg_v2di)hi)[1] : 0);
    return true;
}

/* funop_vec (tcg-opc.h): funop_i64's op on each lane of the 8 or 16
 * bytes at pa, into those at pr, when every lane is exact on the host
 * (tcg_eval_funop_host's tests, lane by lane); false when the fallback
 * must do them all.  Nothing is written before every lane is known. */
static inline __attribute__((always_inline)) bool tcg_eval_funop_vec_host(unsigned kind,
                                                                         const void *pa,
                                                                         unsigned fbits,
                                                                         const uint8_t *est,
                                                                         void *pr)
{
    bool f64 = kind & TCG_FU_F64, q = kind & TCG_FU_Q;
    unsigned op = kind & (TCG_FU_OP | TCG_FU_F64 | TCG_FU_RMODE | TCG_FU_FIXED);
    unsigned conv = kind & (TCG_FU_OP | TCG_FU_F64);
    uint64_t a0, a1, r0, r1, r2 = 0, r3 = 0;
    bool ok;
    if ((kind & TCG_FU_OP) == TCG_FU_RECPE || (kind & TCG_FU_OP) == TCG_FU_RSQRTE) {
        return tcg_eval_estimate_vec(kind, pa, est, pr);
    }
    if ((kind & TCG_FU_OP) == TCG_FU_FRINT) {
        /* Every lane at once, from a normal or zero one (which raises
         * nothing: Inexact is FRINTX's, whose caller asks for IXC set). */
        tcg_v4si x = (tcg_v4si)tcg_load_halves(pa), zero = { 0, 0, 0, 0 };
        TCGVecFPTest t = tcg_vec_fp_test(f64);
        tcg_v4si iszero = f64 ? (tcg_v4si)(((tcg_v2di)x << 1) == 0) : (x << 1) == zero;
        if (!tcg_vec_all(tcg_vec_normal(&t, x) | iszero, f64 ? 0xa : q ? 0xf : 0x3)) {
            return false;
        }
        tcg_v2di r = (tcg_v2di)tcg_vec_round_integral(f64, x, kind & TCG_FU_RMODE);
        tcg_store_halves(pr, r[0], q ? r[1] : 0);
        return true;
    }
#ifdef __SSE2__
    if (conv == TCG_FU_FCVTZS32 || conv == TCG_FU_FCVTZU32) {
        /* Every lane at once (one by one they need more registers than
         * a stencil has), rounded to an integral value first unless
         * toward zero (exact): cvttps2dq, whose out-of-range answer
         * INT32_MIN (or, unsigned, any negative one) takes the
         * fallback. */
        tcg_v4si x = (tcg_v4si)tcg_load_halves(pa), zero = { 0, 0, 0, 0 };
        tcg_v4si sign = tcg_vec_sign_bits(false);
        TCGVecFPTest t = tcg_vec_fp_test(false);
        tcg_v4si xi = (op & TCG_FU_RMODE) ? tcg_vec_round_integral(false, x, op & TCG_FU_RMODE) : x;
        if (kind & TCG_FU_FIXED) {
            /* (exact, or an infinity: out of range below) */
            uint64_t s = tcg_fp_pow2_bits(false, fbits) * 0x100000001ull;
            xi = (tcg_v4si)((tcg_v4sf)x * (tcg_v4sf)(tcg_v2di){ (int64_t)s, (int64_t)s });
        }
        tcg_v4si r = __builtin_ia32_cvttps2dq((tcg_v4sf)xi);
        tcg_v4si in_range = conv == TCG_FU_FCVTZU32 ? (r & sign) == zero : ~(r == sign);
        if (!tcg_vec_all((tcg_vec_normal(&t, x) | ((x << 1) == zero)) & in_range,
                         q ? 0xf : 0x3)) {
            return false;
        }
        tcg_store_halves(pr, ((tcg_v2di)r)[0], q ? ((tcg_v2di)r)[1] : 0);
        return true;
    }
#endif
    if (conv == (TCG_FU_FCVTZS64 | TCG_FU_F64) || conv == (TCG_FU_FCVTZU64 | TCG_FU_F64)) {
        /* Both lanes rounded (tcg_vec_round_integral: lane by lane
         * funop_i64's rounding needs more registers than a stencil has)
         * and scaled at once, then each truncated: exact where normal or
         * zero and in range (out of it, INT64_MIN or, unsigned, any
         * negative value takes the fallback; so does an infinity from
         * the scaling). */
        tcg_v4si x = (tcg_v4si)tcg_load_halves(pa);
        TCGVecFPTest t = tcg_vec_fp_test(true);
        tcg_v4si xi = (op & TCG_FU_RMODE) ? tcg_vec_round_integral(true, x, op & TCG_FU_RMODE) : x;
        if (kind & TCG_FU_FIXED) {
            int64_t s = (int64_t)tcg_fp_pow2_bits(true, fbits);
            xi = (tcg_v4si)((tcg_v2df)xi * (tcg_v2df)(tcg_v2di){ s, s });
        }
        int64_t i0 = tcg_trunc_f64(((tcg_v2df)xi)[0]), i1 = tcg_trunc_f64(((tcg_v2df)xi)[1]);
        bool in_range = conv == TCG_FU_FCVTZU64 + TCG_FU_F64 ? (i0 | i1) >= 0
                                                              : (i0 != INT64_MIN) & (i1 != INT64_MIN);
        if (!tcg_vec_all(tcg_vec_normal(&t, x) | (tcg_v4si)(((tcg_v2di)x << 1) == 0), 0xa) ||
            !in_range) {
            return false;
        }
        tcg_store_halves(pr, i0, i1);
        return true;
    }
    /* (Scalars, not arrays: GCC would keep an array on the stack.) */
    __builtin_memcpy(&a0, pa, 8);
    __builtin_memcpy(&a1, (const char *)pa + 8, 8);
    if (f64) {
        ok = tcg_eval_funop_host(op, a0, fbits, est, &r0);
        r1 = 0;
        if (q) {
            ok &= tcg_eval_funop_host(op, a1, fbits, est, &r1);
        }
    } else {
        ok = tcg_eval_funop_host(op, (uint32_t)a0, fbits, est, &r0) &
             tcg_eval_funop_host(op, a0 >> 32, fbits, est, &r1);
        r0 = (uint32_t)r0 | r1 << 32;
        if (q) {
            ok &= tcg_eval_funop_host(op, (uint32_t)a1, fbits, est, &r2) &
                  tcg_eval_funop_host(op, a1 >> 32, fbits, est, &r3);
        }
        r1 = (uint32_t)r2 | r3 << 32;
    }
    if (!ok) {
        return false;
    }
    tcg_store_halves(pr, r0, r1);
    return true;
}

/* fmuladd_vec (tcg-opc.h): d = (+-n * m) +- a fused (halved: the
 * FRSQRTS step), on kind's lanes,
 * when every lane is exactly the guest's: the three operands normal and
 * the result as fbinop_vec's (then negating an operand is exact, and one
 * rounding is one rounding); false when the fallback must compute it.
 * It needs FMA: compiled for it (a stencil of the second set) or called
 * only where the host has it (tcg_host_isa_extended). */
#ifdef __FMA__
#define TCG_FMA_TARGET
#else
#define TCG_FMA_TARGET __attribute__((target("fma")))
#endif
static inline TCG_FMA_TARGET bool tcg_eval_fmuladd_host(unsigned kind, const void *pn,
                                                        const void *pm, const void *pa,
                                                        void *pd)
{
    bool f64 = kind & TCG_FMA_F64;
    unsigned shape = kind & TCG_FMA_SHAPE;
    tcg_v4si n = (tcg_v4si)tcg_load_halves(pn), m = (tcg_v4si)tcg_load_halves(pm);
    tcg_v4si a = (tcg_v4si)tcg_load_halves(pa), r;
    TCGVecFPTest t = tcg_vec_fp_test(f64);
    tcg_v4si sign = tcg_vec_sign_bits(f64);
    if (kind & TCG_FMA_NEG_PRODUCT) {
        n ^= sign;
    }
    if (kind & TCG_FMA_NEG_ADDEND) {
        a ^= sign;
    }
    if (f64) {
        r = (tcg_v4si)__builtin_ia32_vfmaddpd((tcg_v2df)n, (tcg_v2df)m, (tcg_v2df)a);
    } else {
        r = (tcg_v4si)__builtin_ia32_vfmaddps((tcg_v4sf)n, (tcg_v4sf)m, (tcg_v4sf)a);
    }
    tcg_v4si ok = tcg_vec_normal(&t, n) & tcg_vec_normal(&t, m) & tcg_vec_normal(&t, a) &
                  tcg_vec_safe_result(&t, r);
    if (kind & TCG_FMA_HALVE) {
        /* Exact: a safe result is at least twice the smallest normal,
         * and it is finite (halving an infinity would not undo an
         * overflow), so one rounding then halving is one rounding. */
        tcg_v4si half = tcg_vec_fp_const(f64, 0x3fe0000000000000ull, 0x3f000000u);
        if (f64) {
            r = (tcg_v4si)((tcg_v2df)r * (tcg_v2df)half);
        } else {
            r = (tcg_v4si)((tcg_v4sf)r * (tcg_v4sf)half);
        }
    }
    /* The lanes' words that decide (f64: the high ones). */
    int need = f64 ? (shape == TCG_FMA_VEC128 ? 0xa : 0x2)
                   : (shape == TCG_FMA_VEC128 ? 0xf : shape == TCG_FMA_VEC64 ? 0x3 : 0x1);
    if (!tcg_vec_all(ok, need)) {
        return false;
    }
    int64_t lo = ((tcg_v2di)r)[0], hi = shape == TCG_FMA_VEC128 ? ((tcg_v2di)r)[1] : 0;
    if (shape == TCG_FMA_SCALAR && !f64) {
        lo = (uint32_t)lo;
    }
    tcg_store_halves(pd, lo, hi);
    return true;
}

/* The low half (width bits) of (hi:lo) >> pos, 0 <= pos < width. */
static inline uint64_t tcg_eval_extract2(uint64_t lo, uint64_t hi, unsigned pos,
                                         unsigned width)
{
    uint64_t mask = width == 64 ? ~0ull : 0xffffffffull;
    lo &= mask;
    return pos ? ((lo >> pos) | (hi << (width - pos))) & mask : lo;
}

/* vop_vec, the integer lanes: tcg-eval-vec.h. */
#include "tcg-eval-vec.h"

#endif
