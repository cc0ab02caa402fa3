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
/* ... and MAX and MIN (maxsd/minsd's choice: y unless x wins), scalars
 * only (C has no ?: on vectors). */
#define TCG_FP_APPLY(op, x, y)                                                \
    ((op) == TCG_FP_MAX ? ((x) > (y) ? (x) : (y))                             \
     : (op) == TCG_FP_MIN ? ((x) < (y) ? (x) : (y)) : TCG_FP_ARITH(op, x, y))

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
    if (!tcg_fp_normal(f64, a) || !tcg_fp_normal(f64, b)) {
        return false;
    }
    uint64_t sign = f64 ? 1ull << 63 : 1u << 31;
    uint64_t r = f64 ? tcg_bits_f64(TCG_FP_APPLY(op, tcg_f64_of(a), tcg_f64_of(b)))
                     : tcg_bits_f32(TCG_FP_APPLY(op, tcg_f32_of(a), tcg_f32_of(b)));
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
    default: break;
    }
    /* (i has x's sign or is zero: ORing the sign in gives a zero it) */
    return tcg_f64_of(tcg_bits_f64((double)i) | (tcg_bits_f64(x) & 1ull << 63));
}

/* funop_i64 (tcg-opc.h): the host's result when it is exactly the
 * guest's (the mode word checked by the caller); false when the fallback
 * must compute it. */
static inline bool tcg_eval_funop_host(unsigned kind, uint64_t a, uint64_t *res)
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
        if (!f64) {
            *res = tcg_bits_f64(tcg_f32_of(a));     /* exact */
            return tcg_fp_normal_or_zero(false, a);
        }
        *res = tcg_bits_f32((float)tcg_f64_of(a));
        return tcg_fp_normal(true, a) && tcg_fp_safe_result(false, *res);
    case TCG_FU_FRINT: {
        double x = f64 ? tcg_f64_of(a) : tcg_f32_of(a);
        if (!tcg_fp_normal_or_zero(f64, a) || !tcg_below_2p52(x)) {
            return false;
        }
        x = tcg_round_integral(x, kind & TCG_FU_RMODE);
        *res = f64 ? tcg_bits_f64(x) : tcg_bits_f32((float)x);
        return true;
    }
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
    /* From an integer: one rounding, the host's to nearest. */
    *res = f64 ? tcg_bits_f64((double)i) : tcg_bits_f32((float)i);
    return true;
}

/* fbinop_vec (tcg-opc.h): the 16 bytes at r = a OP b, two f64 or four
 * f32 lanes at once (tcg_fp_vec_op), when every lane is exactly the
 * guest's: the operands normal (or zero, for a compare), the result
 * neither infinite nor NaN and at least twice the smallest normal, unless
 * it is a compare's mask (a test on the exponent fields, which SSE does
 * on the lanes' high 32-bit words); false when the fallback must compute
 * them.  Both backends use this one test, so they pick the same
 * path. */
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

static inline bool tcg_eval_fbinop_vec_host(unsigned kind, const void *pa,
                                            const void *pb, void *pr)
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
        /* a where it wins, else b: maxpd/minpd's choice. */
        tcg_v4si win;
        if (f64) {
            win = (tcg_v4si)(op == TCG_FP_MAX ? (tcg_v2df)a > (tcg_v2df)b
                                              : (tcg_v2df)a < (tcg_v2df)b);
        } else {
            win = op == TCG_FP_MAX ? (tcg_v4sf)a > (tcg_v4sf)b : (tcg_v4sf)a < (tcg_v4sf)b;
        }
        r = (a & win) | (b & ~win);
    } else if (f64) {
        r = (tcg_v4si)TCG_FP_ARITH(op, (tcg_v2df)a, (tcg_v2df)b);
    } else {
        r = (tcg_v4si)TCG_FP_ARITH(op, (tcg_v4sf)a, (tcg_v4sf)b);
    }
    if (op == TCG_FP_ABD) {
        r &= ~sign;
    }
    TCGVecFPTest t = tcg_vec_fp_test(f64);
    tcg_v4si oka = tcg_vec_normal(&t, a), okb = tcg_vec_normal(&t, b), ok;
    if (compare) {
        tcg_v4si zero = { 0, 0, 0, 0 };
        /* Zeros too: compares with zero are common. */
        if (f64) {
            oka |= (tcg_v4si)(((tcg_v2di)a << 1) == 0);
            okb |= (tcg_v4si)(((tcg_v2di)b << 1) == 0);
        } else {
            oka |= (a << 1) == zero;
            okb |= (b << 1) == zero;
        }
        ok = oka & okb;
    } else {
        ok = oka & okb & tcg_vec_safe_result(&t, r);
    }
    /* f64: the high words (1 and 3) decide. */
    if (!tcg_vec_all(ok, f64 ? 0xa : 0xf)) {
        return false;
    }
    __builtin_memcpy(pr, &r, 16);
    return true;
}

/* funop_vec (tcg-opc.h): funop_i64's op on each lane of the 8 or 16
 * bytes at pa, into those at pr, when every lane is exact on the host
 * (tcg_eval_funop_host's tests, lane by lane); false when the fallback
 * must do them all.  Nothing is written before every lane is known. */
static inline __attribute__((always_inline)) bool tcg_eval_funop_vec_host(unsigned kind,
                                                                         const void *pa,
                                                                         void *pr)
{
    bool f64 = kind & TCG_FU_F64, q = kind & TCG_FU_Q;
    unsigned op = kind & (TCG_FU_OP | TCG_FU_F64 | TCG_FU_RMODE);
    uint64_t a0, a1, r0, r1, r2 = 0, r3 = 0;
    bool ok;
#ifdef __SSE2__
    if (q && (op == TCG_FU_FCVTZS32 || op == TCG_FU_FCVTZU32)) {
        /* Four lanes at once (one by one they need more registers than
         * a stencil has): cvttps2dq, whose out-of-range answer INT32_MIN
         * (or, unsigned, any negative one) takes the fallback. */
        tcg_v4si x = (tcg_v4si)tcg_load_halves(pa), zero = { 0, 0, 0, 0 };
        tcg_v4si sign = tcg_vec_sign_bits(false);
        TCGVecFPTest t = tcg_vec_fp_test(false);
        tcg_v4si r = __builtin_ia32_cvttps2dq((tcg_v4sf)x);
        tcg_v4si in_range = op == TCG_FU_FCVTZU32 ? (r & sign) == zero : ~(r == sign);
        if (!tcg_vec_all((tcg_vec_normal(&t, x) | ((x << 1) == zero)) & in_range, 0xf)) {
            return false;
        }
        tcg_store_halves(pr, ((tcg_v2di)r)[0], ((tcg_v2di)r)[1]);
        return true;
    }
#endif
    /* (Scalars, not arrays: GCC would keep an array on the stack.) */
    __builtin_memcpy(&a0, pa, 8);
    __builtin_memcpy(&a1, (const char *)pa + 8, 8);
    if (f64) {
        ok = tcg_eval_funop_host(op, a0, &r0);
        r1 = 0;
        if (q) {
            ok &= tcg_eval_funop_host(op, a1, &r1);
        }
    } else {
        ok = tcg_eval_funop_host(op, (uint32_t)a0, &r0) &
             tcg_eval_funop_host(op, a0 >> 32, &r1);
        r0 = (uint32_t)r0 | r1 << 32;
        if (q) {
            ok &= tcg_eval_funop_host(op, (uint32_t)a1, &r2) &
                  tcg_eval_funop_host(op, a1 >> 32, &r3);
        }
        r1 = (uint32_t)r2 | r3 << 32;
    }
    if (!ok) {
        return false;
    }
    tcg_store_halves(pr, r0, r1);
    return true;
}

/* vop_vec (tcg-opc.h) on lanes of signed type S and unsigned type U, as
 * GCC's vector extensions compute them (SSE where the host has the
 * instruction, a sequence of them where not).  A comparison gives
 * all-ones or zero lanes, as Arm's do; the halving adds are exact
 * without a wider type: floor((n + m) / 2) = (n & m) + ((n ^ m) >> 1),
 * and the rounding one (n | m) - ((n ^ m) >> 1).  An unsigned compare
 * is a signed one of the operands with their sign bits flipped where
 * biased (by bias, the lanes' top bits): SSE2 has no unsigned compare,
 * and GCC's own sequence for 32-bit lanes takes its bias from a constant
 * pool, which a stencil cannot have; elsewhere GCC does better. */
#define TCG_VOP_LANES(S, U, op, n, m, d, r, biased, bias)                     \
    do {                                                                      \
        U un_ = (U)(n), um_ = (U)(m);                                         \
        S ugt_ = (biased) ? (S)(((n) ^ bias) > ((m) ^ bias)) : (S)(un_ > um_); \
        S max_, min_, zero_ = { 0 };                                          \
        U umax_, umin_;                                                       \
        switch (op) {                                                         \
        case TCG_VOP_ADD: r = n + m; break;                                   \
        case TCG_VOP_SUB: r = n - m; break;                                   \
        case TCG_VOP_MUL: r = n * m; break;                                   \
        case TCG_VOP_MLA: r = d + n * m; break;                               \
        case TCG_VOP_MLS: r = d - n * m; break;                               \
        case TCG_VOP_CMEQ: r = (S)(n == m); break;                            \
        case TCG_VOP_CMTST: r = (S)((n & m) != 0); break;                     \
        case TCG_VOP_CMGT: r = (S)(n > m); break;                             \
        case TCG_VOP_CMGE: r = (S)(n >= m); break;                            \
        case TCG_VOP_CMHI: r = ugt_; break;                                   \
        case TCG_VOP_CMHS:                                                    \
            r = ~((biased) ? (S)(((m) ^ bias) > ((n) ^ bias)) : (S)(um_ > un_)); \
            break;                                                            \
        case TCG_VOP_CMGT0: r = (S)(n > zero_); break;                        \
        case TCG_VOP_CMGE0: r = (S)(n >= zero_); break;                       \
        case TCG_VOP_CMEQ0: r = (S)(n == zero_); break;                       \
        case TCG_VOP_CMLE0: r = (S)(n <= zero_); break;                       \
        case TCG_VOP_CMLT0: r = (S)(n < zero_); break;                        \
        case TCG_VOP_ABS: r = (n ^ (S)(n < zero_)) - (S)(n < zero_); break;   \
        case TCG_VOP_NEG: r = -n; break;                                      \
        default:                                                              \
            max_ = (S)(n > m), min_ = ~max_;                                  \
            max_ = (n & max_) | (m & min_);                                   \
            min_ = n ^ m ^ max_;                                              \
            umax_ = (U)ugt_, umin_ = ~umax_;                                  \
            umax_ = (un_ & umax_) | (um_ & umin_);                            \
            umin_ = un_ ^ um_ ^ umax_;                                        \
            switch (op) {                                                     \
            case TCG_VOP_SMAX: r = max_; break;                               \
            case TCG_VOP_SMIN: r = min_; break;                               \
            case TCG_VOP_UMAX: r = (S)umax_; break;                           \
            case TCG_VOP_UMIN: r = (S)umin_; break;                           \
            case TCG_VOP_SABD: r = max_ - min_; break;                        \
            case TCG_VOP_UABD: r = (S)(umax_ - umin_); break;                 \
            case TCG_VOP_SABA: r = d + (max_ - min_); break;                  \
            case TCG_VOP_UABA: r = d + (S)(umax_ - umin_); break;             \
            case TCG_VOP_SHADD: r = (n & m) + ((n ^ m) >> 1); break;          \
            case TCG_VOP_UHADD: r = (S)((un_ & um_) + ((un_ ^ um_) >> 1)); break; \
            case TCG_VOP_SRHADD: r = (n | m) - ((n ^ m) >> 1); break;         \
            case TCG_VOP_URHADD: r = (S)((un_ | um_) - ((un_ ^ um_) >> 1)); break; \
            default: r = n; break;                                            \
            }                                                                 \
        }                                                                     \
    } while (0)

typedef int8_t tcg_v16qi __attribute__((vector_size(16)));
typedef uint8_t tcg_v16qu __attribute__((vector_size(16)));
typedef int16_t tcg_v8hi __attribute__((vector_size(16)));
typedef uint16_t tcg_v8hu __attribute__((vector_size(16)));
typedef uint32_t tcg_v4su __attribute__((vector_size(16)));
typedef uint64_t tcg_v2du __attribute__((vector_size(16)));

/* For a pairwise op: the even lanes of n:m into *pn, the odd ones into
 * *pm (Q; else of n's and m's low halves, side by side), so that the
 * plain op on them is the pairwise one.  SSE2's packs and shuffles, with
 * the masks from general registers (a stencil has no constant pool). */
static inline __attribute__((always_inline)) void
tcg_vec_unzip(unsigned esz, bool q, tcg_v2di *pn, tcg_v2di *pm)
{
    tcg_v2di n = *pn, m = *pm;
    if (!q) {
        n = (tcg_v2di){ n[0], m[0] };
        m = (tcg_v2di){ 0, 0 };
    }
#ifdef __SSE2__
    int32_t low = esz == 0 ? 0x00ff00ff : 0xffff;
    __asm__("" : "+r"(low));
    tcg_v4si mask = { low, low, low, low };
    switch (esz) {
    case 0:
        *pn = (tcg_v2di)__builtin_ia32_packuswb128((tcg_v8hi)((tcg_v4si)n & mask),
                                                   (tcg_v8hi)((tcg_v4si)m & mask));
        *pm = (tcg_v2di)__builtin_ia32_packuswb128((tcg_v8hi)((tcg_v8hu)n >> 8),
                                                   (tcg_v8hi)((tcg_v8hu)m >> 8));
        break;
    case 1:
        *pn = (tcg_v2di)__builtin_ia32_packssdw128((tcg_v4si)n << 16 >> 16,
                                                   (tcg_v4si)m << 16 >> 16);
        *pm = (tcg_v2di)__builtin_ia32_packssdw128((tcg_v4si)n >> 16, (tcg_v4si)m >> 16);
        break;
    case 2:
        *pn = (tcg_v2di)__builtin_ia32_shufps((tcg_v4sf)n, (tcg_v4sf)m, 0x88);
        *pm = (tcg_v2di)__builtin_ia32_shufps((tcg_v4sf)n, (tcg_v4sf)m, 0xdd);
        break;
    default:
        *pn = (tcg_v2di){ n[0], m[0] };
        *pm = (tcg_v2di){ n[1], m[1] };
        break;
    }
#else
    uint8_t in[32], even[16], odd[16];
    unsigned size = 1u << esz;
    __builtin_memcpy(in, &n, 16);
    __builtin_memcpy(in + 16, &m, 16);
    for (unsigned k = 0; k < 16; k += size) {
        __builtin_memcpy(even + k, in + 2 * k, size);
        __builtin_memcpy(odd + k, in + 2 * k + size, size);
    }
    __builtin_memcpy(pn, even, 16);
    __builtin_memcpy(pm, odd, 16);
#endif
}

#define TCG_AI __attribute__((always_inline))

/* A 64-bit value in both halves, from a general register (no constant
 * pool). */
static inline TCG_AI tcg_v2di tcg_vec_dup64(uint64_t x)
{
    __asm__("" : "+r"(x));
    return (tcg_v2di){ (int64_t)x, (int64_t)x };
}

/* Every lane of esz: a (when b is 0, which keeps the whole-vector ops
 * whole) plus or minus b. */
static inline TCG_AI tcg_v2di tcg_vec_add(unsigned esz, tcg_v2di a, tcg_v2di b, bool sub)
{
    switch (esz) {
    case 0: return (tcg_v2di)(sub ? (tcg_v16qi)a - (tcg_v16qi)b : (tcg_v16qi)a + (tcg_v16qi)b);
    case 1: return (tcg_v2di)(sub ? (tcg_v8hi)a - (tcg_v8hi)b : (tcg_v8hi)a + (tcg_v8hi)b);
    case 2: return (tcg_v2di)(sub ? (tcg_v4si)a - (tcg_v4si)b : (tcg_v4si)a + (tcg_v4si)b);
    default: return sub ? a - b : a + b;
    }
}

/* x's lanes of esz shifted by s, 0 <= s < 8 << esz: left, right
 * (logical), right (arithmetic).  SSE has no byte shifts: bytes are
 * shifted as 16-bit lanes and masked, and arithmetically as (x >>u s ^
 * b) - b, b the sign bit >>u s. */
static inline TCG_AI tcg_v2di tcg_vec_shl(unsigned esz, tcg_v2di x, unsigned s)
{
    switch (esz) {
    case 0:
        return (tcg_v2di)((tcg_v8hu)x << s) &
               tcg_vec_dup64(0x0101010101010101ull * ((0xffu << s) & 0xff));
    case 1: return (tcg_v2di)((tcg_v8hu)x << s);
    case 2: return (tcg_v2di)((tcg_v4su)x << s);
    default: return (tcg_v2di)((tcg_v2du)x << s);
    }
}

static inline TCG_AI tcg_v2di tcg_vec_lsr(unsigned esz, tcg_v2di x, unsigned s)
{
    switch (esz) {
    case 0:
        return (tcg_v2di)((tcg_v8hu)x >> s) & tcg_vec_dup64(0x0101010101010101ull * (0xffu >> s));
    case 1: return (tcg_v2di)((tcg_v8hu)x >> s);
    case 2: return (tcg_v2di)((tcg_v4su)x >> s);
    default: return (tcg_v2di)((tcg_v2du)x >> s);
    }
}

static inline TCG_AI tcg_v2di tcg_vec_asr(unsigned esz, tcg_v2di x, unsigned s)
{
    switch (esz) {
    case 0: {
        tcg_v2di b = tcg_vec_dup64(0x0101010101010101ull * (0x80u >> s));
        return tcg_vec_add(0, tcg_vec_lsr(0, x, s) ^ b, b, true);
    }
    case 1: return (tcg_v2di)((tcg_v8hi)x >> s);
    case 2: return (tcg_v2di)((tcg_v4si)x >> s);
    default: return x >> s;
    }
}

/* Each lane of esz: its low (lane_low) or its low half's bits set. */
static inline TCG_AI tcg_v2di tcg_vec_lane_low(unsigned esz)
{
    static const uint64_t low[] = { 0x0101010101010101ull, 0x0001000100010001ull,
                                    0x0000000100000001ull, 1 };
    return tcg_vec_dup64(low[esz]);
}

static inline TCG_AI tcg_v2di tcg_vec_lane_low_half(unsigned esz)
{
    static const uint64_t low[] = { 0x0f0f0f0f0f0f0f0full, 0x00ff00ff00ff00ffull,
                                    0x0000ffff0000ffffull, 0x00000000ffffffffull };
    return tcg_vec_dup64(low[esz]);
}

/* The same by s, 1 <= s < 8 << esz, rounding: (x + 2^(s-1)) >> s without
 * overflow is (x >> s) + bit s-1 of x, which is bit s of x << 1 (one
 * shift count, not two: GCC moves a second one to SSE through the
 * stack). */
static inline TCG_AI tcg_v2di tcg_vec_rshr(unsigned esz, tcg_v2di x, unsigned s, bool sign)
{
    tcg_v2di one = tcg_vec_lsr(esz, tcg_vec_shl(esz, x, 1), s) & tcg_vec_lane_low(esz);
    return tcg_vec_add(esz, sign ? tcg_vec_asr(esz, x, s) : tcg_vec_lsr(esz, x, s), one, false);
}

/* The low half of each lane of esz + 1, packed into the low 8 bytes. */
static inline TCG_AI int64_t tcg_vec_narrow(unsigned esz, tcg_v2di x)
{
#ifdef __SSE2__
    switch (esz) {
    case 0:
        x &= tcg_vec_dup64(0x00ff00ff00ff00ffull);
        return ((tcg_v2di)__builtin_ia32_packuswb128((tcg_v8hi)x, (tcg_v8hi)x))[0];
    case 1:
        x = (tcg_v2di)((tcg_v4si)x << 16 >> 16);
        return ((tcg_v2di)__builtin_ia32_packssdw128((tcg_v4si)x, (tcg_v4si)x))[0];
    default:
        return ((tcg_v2di)__builtin_shuffle((tcg_v4si)x, (tcg_v4si){ 0, 2, 0, 2 }))[0];
    }
#else
    uint8_t in[16], out[8];
    unsigned size = 1u << esz;
    __builtin_memcpy(in, &x, 16);
    for (unsigned k = 0; k < 8; k += size) {
        __builtin_memcpy(out + k, in + 2 * k, size);
    }
    int64_t r;
    __builtin_memcpy(&r, out, 8);
    return r;
#endif
}

/* The lanes of esz of the 8 bytes h, each extended to twice its size. */
static inline TCG_AI tcg_v2di tcg_vec_widen(unsigned esz, int64_t h, bool sign)
{
    tcg_v2di x = { h, 0 };
    switch (esz) {
    case 0: {
        tcg_v16qi b = (tcg_v16qi)x;
        x = (tcg_v2di)__builtin_shuffle(b, b, (tcg_v16qi){ 0, 0, 1, 1, 2, 2, 3, 3,
                                                           4, 4, 5, 5, 6, 6, 7, 7 });
        return sign ? (tcg_v2di)((tcg_v8hi)x >> 8) : (tcg_v2di)((tcg_v8hu)x >> 8);
    }
    case 1: {
        tcg_v8hi w = (tcg_v8hi)x;
        x = (tcg_v2di)__builtin_shuffle(w, w, (tcg_v8hi){ 0, 0, 1, 1, 2, 2, 3, 3 });
        return sign ? (tcg_v2di)((tcg_v4si)x >> 16) : (tcg_v2di)((tcg_v4su)x >> 16);
    }
    default: {
        tcg_v4si d = (tcg_v4si)x, high = sign ? d >> 31 : (tcg_v4si){ 0 };
        return (tcg_v2di)__builtin_shuffle(d, high, (tcg_v4si){ 0, 4, 1, 5 });
    }
    }
}

/* The lanes of esz of the low (high) halves of n and m, interleaved. */
static inline TCG_AI tcg_v2di tcg_vec_zip(unsigned esz, tcg_v2di n, tcg_v2di m, bool high)
{
    switch (esz) {
    case 0:
        return (tcg_v2di)(high ? __builtin_shuffle((tcg_v16qi)n, (tcg_v16qi)m,
                                                   (tcg_v16qi){ 8, 24, 9, 25, 10, 26, 11, 27,
                                                                12, 28, 13, 29, 14, 30, 15, 31 })
                               : __builtin_shuffle((tcg_v16qi)n, (tcg_v16qi)m,
                                                   (tcg_v16qi){ 0, 16, 1, 17, 2, 18, 3, 19,
                                                                4, 20, 5, 21, 6, 22, 7, 23 }));
    case 1:
        return (tcg_v2di)(high ? __builtin_shuffle((tcg_v8hi)n, (tcg_v8hi)m,
                                                   (tcg_v8hi){ 4, 12, 5, 13, 6, 14, 7, 15 })
                               : __builtin_shuffle((tcg_v8hi)n, (tcg_v8hi)m,
                                                   (tcg_v8hi){ 0, 8, 1, 9, 2, 10, 3, 11 }));
    case 2:
        return (tcg_v2di)(high ? __builtin_shuffle((tcg_v4si)n, (tcg_v4si)m,
                                                   (tcg_v4si){ 2, 6, 3, 7 })
                               : __builtin_shuffle((tcg_v4si)n, (tcg_v4si)m,
                                                   (tcg_v4si){ 0, 4, 1, 5 }));
    default:
        return high ? (tcg_v2di){ n[1], m[1] } : (tcg_v2di){ n[0], m[0] };
    }
}

/* The lane-wise ops (TCG_VOP_LANES) at lanes of esz. */
static inline TCG_AI tcg_v2di tcg_vec_lanes(unsigned op, unsigned esz, tcg_v2di n, tcg_v2di m,
                                            tcg_v2di d)
{
    tcg_v2di r;
    switch (esz) {
    case 0: {
        if (op >= TCG_VOP_MUL && op <= TCG_VOP_MLS) {
            /* SSE has no byte multiply: the even bytes' products are the
             * low halves of 16-bit ones, the odd bytes' those of the
             * lanes shifted down */
            tcg_v2di even = (tcg_v2di)((tcg_v8hi)n * (tcg_v8hi)m) & tcg_vec_lane_low_half(1);
            tcg_v2di odd = (tcg_v2di)((tcg_v8hi)tcg_vec_lsr(1, n, 8) * (tcg_v8hi)tcg_vec_lsr(1, m, 8));
            r = even | tcg_vec_shl(1, odd, 8);
            return op == TCG_VOP_MUL ? r : tcg_vec_add(0, d, r, op == TCG_VOP_MLS);
        }
        if (op >= TCG_VOP_SHADD && op <= TCG_VOP_URHADD) {
            /* as TCG_VOP_LANES, with the byte shift it cannot write */
            bool sign = op == TCG_VOP_SHADD || op == TCG_VOP_SRHADD;
            tcg_v2di half = sign ? tcg_vec_asr(0, n ^ m, 1) : tcg_vec_lsr(0, n ^ m, 1);
            return op >= TCG_VOP_SRHADD ? tcg_vec_add(0, n | m, half, true)
                                        : tcg_vec_add(0, n & m, half, false);
        }
        tcg_v16qi x = (tcg_v16qi)n, y = (tcg_v16qi)m, z = (tcg_v16qi)d, w, none = { 0 };
        TCG_VOP_LANES(tcg_v16qi, tcg_v16qu, op, x, y, z, w, 0, none);
        r = (tcg_v2di)w;
        break;
    }
    case 1: {
        tcg_v8hi x = (tcg_v8hi)n, y = (tcg_v8hi)m, z = (tcg_v8hi)d, w, none = { 0 };
        TCG_VOP_LANES(tcg_v8hi, tcg_v8hu, op, x, y, z, w, 0, none);
        r = (tcg_v2di)w;
        break;
    }
    case 2: {
        /* (The bias from a general register: no constant pool.) */
        int32_t top = INT32_MIN;
        __asm__("" : "+r"(top));
        tcg_v4si x = (tcg_v4si)n, y = (tcg_v4si)m, z = (tcg_v4si)d, w;
        tcg_v4si bias = { top, top, top, top };
        TCG_VOP_LANES(tcg_v4si, tcg_v4su, op, x, y, z, w, 1, bias);
        r = (tcg_v2di)w;
        break;
    }
    default: {
        tcg_v2di none = { 0 };
        TCG_VOP_LANES(tcg_v2di, tcg_v2du, op, n, m, d, r, 0, none);
        break;
    }
    }
    return r;
}

/* The ops by an immediate s and the permutes (TCG_VOP_SHL to
 * TCG_VOP_TRN2) of vop_vec. */
static inline TCG_AI tcg_v2di tcg_vec_shift_permute(unsigned op, unsigned esz, bool q,
                                                    tcg_v2di n, tcg_v2di m, tcg_v2di d,
                                                    unsigned s)
{
    unsigned bits = 8u << esz;
    tcg_v2di ones = tcg_vec_dup64(~0ull), r, lo;
    switch (op) {
    case TCG_VOP_SHL: return tcg_vec_shl(esz, n, s);
    case TCG_VOP_USHR: return tcg_vec_lsr(esz, n, s);
    case TCG_VOP_SSHR: return tcg_vec_asr(esz, n, s);
    case TCG_VOP_USRA: return tcg_vec_add(esz, d, tcg_vec_lsr(esz, n, s), false);
    case TCG_VOP_SSRA: return tcg_vec_add(esz, d, tcg_vec_asr(esz, n, s), false);
    case TCG_VOP_URSHR: return tcg_vec_rshr(esz, n, s, false);
    case TCG_VOP_SRSHR: return tcg_vec_rshr(esz, n, s, true);
    case TCG_VOP_URSRA: return tcg_vec_add(esz, d, tcg_vec_rshr(esz, n, s, false), false);
    case TCG_VOP_SRSRA: return tcg_vec_add(esz, d, tcg_vec_rshr(esz, n, s, true), false);
    case TCG_VOP_SLI: return tcg_vec_shl(esz, n, s) | (d & ~tcg_vec_shl(esz, ones, s));
    case TCG_VOP_SRI: return tcg_vec_lsr(esz, n, s) | (d & ~tcg_vec_lsr(esz, ones, s));
    case TCG_VOP_SHRN:
    case TCG_VOP_RSHRN:
        /* (RSHRN's rounding add wraps at twice esz: only bits that
         * the narrowing drops see the carry out.) */
        lo = op == TCG_VOP_RSHRN ? tcg_vec_rshr(esz + 1, n, s, false) : tcg_vec_lsr(esz + 1, n, s);
        r = (tcg_v2di){ tcg_vec_narrow(esz, lo), 0 };
        return q ? (tcg_v2di){ d[0], r[0] } : r;
    case TCG_VOP_USHLL:
    case TCG_VOP_SSHLL:
        return tcg_vec_shl(esz + 1, tcg_vec_widen(esz, q ? n[1] : n[0], op == TCG_VOP_SSHLL), s);
    case TCG_VOP_ZIP1:
    case TCG_VOP_ZIP2:
        r = tcg_vec_zip(esz, n, m, q && op == TCG_VOP_ZIP2);
        return !q && op == TCG_VOP_ZIP2 ? (tcg_v2di){ r[1], 0 } : r;
    case TCG_VOP_UZP1:
    case TCG_VOP_UZP2:
        tcg_vec_unzip(esz, q, &n, &m);
        return op == TCG_VOP_UZP1 ? n : m;
    default:
        /* TRN1, TRN2: the even (odd) lanes of n and m, as the halves
         * of lanes twice as wide */
        if (esz == 3) {
            return op == TCG_VOP_TRN1 ? (tcg_v2di){ n[0], m[0] } : (tcg_v2di){ n[1], m[1] };
        }
        r = tcg_vec_lane_low_half(esz + 1);
        if (op == TCG_VOP_TRN1) {
            return (n & r) | tcg_vec_shl(esz + 1, m, bits);
        }
        return tcg_vec_lsr(esz + 1, n, bits) | (m & ~r);
    }
}

/* The sums of x's adjacent lanes of esz, at twice esz: the two halves
 * of each wide lane, extended. */
static inline TCG_AI tcg_v2di tcg_vec_pair_sums(unsigned esz, tcg_v2di x, bool sign)
{
    unsigned bits = 8u << esz;
    tcg_v2di low = sign ? tcg_vec_asr(esz + 1, tcg_vec_shl(esz + 1, x, bits), bits)
                        : x & tcg_vec_lane_low_half(esz + 1);
    tcg_v2di high = sign ? tcg_vec_asr(esz + 1, x, bits) : tcg_vec_lsr(esz + 1, x, bits);
    return tcg_vec_add(esz + 1, low, high, false);
}

/* The three-different ops (TCG_VOP_SADDL to TCG_VOP_RSUBHN): in
 * signed/unsigned pairs (rounding second for HN), each a lane op at twice
 * esz on the widened operands. */
static inline TCG_AI tcg_v2di tcg_vec_long(unsigned op, unsigned esz, bool q, tcg_v2di n,
                                           tcg_v2di m, tcg_v2di d)
{
    enum { ADDL, SUBL, ADDW, SUBW, ABAL, ABDL, MLAL, MLSL, MULL, ADDHN, SUBHN };
    static const uint8_t lane_op[][2] = {
        [ADDL] = { TCG_VOP_ADD, TCG_VOP_ADD },   [SUBL] = { TCG_VOP_SUB, TCG_VOP_SUB },
        [ADDW] = { TCG_VOP_ADD, TCG_VOP_ADD },   [SUBW] = { TCG_VOP_SUB, TCG_VOP_SUB },
        [ABAL] = { TCG_VOP_SABA, TCG_VOP_UABA }, [ABDL] = { TCG_VOP_SABD, TCG_VOP_UABD },
        [MLAL] = { TCG_VOP_MLA, TCG_VOP_MLA },   [MLSL] = { TCG_VOP_MLS, TCG_VOP_MLS },
        [MULL] = { TCG_VOP_MUL, TCG_VOP_MUL },
    };
    unsigned k = op - TCG_VOP_SADDL, base = k >> 1, second = k & 1;
    if (base >= ADDHN) {
        unsigned bits = 8u << esz;
        tcg_v2di t = tcg_vec_add(esz + 1, n, m, base == SUBHN), r;
        t = second ? tcg_vec_rshr(esz + 1, t, bits, false) : tcg_vec_lsr(esz + 1, t, bits);
        r = (tcg_v2di){ tcg_vec_narrow(esz, t), 0 };
        return q ? (tcg_v2di){ d[0], r[0] } : r;
    }
    bool sign = !second;
    tcg_v2di a = base == ADDW || base == SUBW ? n : tcg_vec_widen(esz, q ? n[1] : n[0], sign);
    tcg_v2di b = tcg_vec_widen(esz, q ? m[1] : m[0], sign);
    return tcg_vec_lanes(lane_op[base][second], esz + 1, a, b, d);
}

/* The ops of n alone from TCG_VOP_SADDLP on. */
static inline TCG_AI tcg_v2di tcg_vec_unary(unsigned op, unsigned esz, tcg_v2di n, tcg_v2di d)
{
    unsigned unit;
    switch (op) {
    case TCG_VOP_SADDLP: case TCG_VOP_UADDLP:
        return tcg_vec_pair_sums(esz, n, op == TCG_VOP_SADDLP);
    case TCG_VOP_SADALP: case TCG_VOP_UADALP:
        return tcg_vec_add(esz + 1, d, tcg_vec_pair_sums(esz, n, op == TCG_VOP_SADALP), false);
    case TCG_VOP_CNT: {
        /* the bits of pairs, nibbles, bytes added up (byte masks after
         * the 16-bit shifts) */
        tcg_v2di m1 = tcg_vec_dup64(0x5555555555555555ull), m2 = tcg_vec_dup64(0x3333333333333333ull);
        n = tcg_vec_add(0, n, tcg_vec_lsr(1, n, 1) & m1, true);
        n = tcg_vec_add(0, n & m2, tcg_vec_lsr(1, n, 2) & m2, false);
        return tcg_vec_add(0, n, tcg_vec_lsr(1, n, 4), false) & tcg_vec_lane_low_half(0);
    }
    case TCG_VOP_RBIT: {
        static const uint64_t mask[] = { 0x5555555555555555ull, 0x3333333333333333ull,
                                         0x0f0f0f0f0f0f0f0full };
        for (unsigned l = 0; l < 3; l++) {
            tcg_v2di k = tcg_vec_dup64(mask[l]);
            n = (tcg_vec_lsr(1, n, 1u << l) & k) | (tcg_vec_shl(1, n & k, 1u << l));
        }
        return n;
    }
    default:
        /* REV16, REV32, REV64: the halves of every unit of 2 << l bytes
         * swapped, from the lanes up to the unit */
        unit = op == TCG_VOP_REV16 ? 1 : op == TCG_VOP_REV32 ? 2 : 3;
        for (unsigned l = esz; l < unit; l++) {
            n = tcg_vec_shl(l + 1, n, 8u << l) | tcg_vec_lsr(l + 1, n, 8u << l);
        }
        return n;
    }
}

/* The saturating ops (TCG_VOP_SQADD to TCG_VOP_SQXTUN); *sat: whether a
 * lane saturated (in the low half only, if q is clear and the lanes keep
 * their size). */
static inline TCG_AI tcg_v2di tcg_vec_saturating(unsigned op, unsigned esz, bool q,
                                                 tcg_v2di n, tcg_v2di m, tcg_v2di d,
                                                 bool *sat)
{
    unsigned bits = 8u << esz;
    tcg_v2di ones = tcg_vec_dup64(~0ull), zero = { 0 }, r, over, max;
    switch (op) {
    case TCG_VOP_SQADD:
    case TCG_VOP_SQSUB:
        /* overflow: the wrapped result's sign is not n's, where m's
         * (added) or its negation's has n's sign; the bound by n's sign */
        r = tcg_vec_add(esz, n, m, op == TCG_VOP_SQSUB);
        over = op == TCG_VOP_SQADD ? (n ^ r) & (m ^ r) : (n ^ m) & (n ^ r);
        over = tcg_vec_asr(esz, over, bits - 1);
        max = tcg_vec_asr(esz, n, bits - 1) ^ tcg_vec_lsr(esz, ones, 1);
        r = (r & ~over) | (max & over);
        break;
    case TCG_VOP_UQADD:
    case TCG_VOP_UQSUB:
        /* the carry (borrow) out of each lane's top bit, from the
         * operands' and the result's top bits (no unsigned compare: SSE
         * has none, and GCC's stand-ins use a constant pool or the
         * stack) */
        r = tcg_vec_add(esz, n, m, op == TCG_VOP_UQSUB);
        over = op == TCG_VOP_UQADD ? (n & m) | ((n ^ m) & ~r) : (~n & m) | (~(n ^ m) & r);
        over = tcg_vec_asr(esz, over, bits - 1);
        r = op == TCG_VOP_UQADD ? r | over : r & ~over;
        break;
    case TCG_VOP_SQABS:
    case TCG_VOP_SQNEG:
        /* only the most negative value overflows: to the largest */
        r = op == TCG_VOP_SQABS ? tcg_vec_lanes(TCG_VOP_ABS, esz, n, m, d)
                                : tcg_vec_add(esz, zero, n, true);
        over = tcg_vec_asr(esz, n & r, bits - 1);
        r ^= over;
        break;
    default: {
        /* SQXTN, UQXTN, SQXTUN: n's wide lanes clamped, then narrowed */
        unsigned wide = esz + 1;
        tcg_v2di umax = tcg_vec_lsr(wide, ones, bits), c = n;
        if (op == TCG_VOP_SQXTN) {
            max = tcg_vec_lsr(wide, ones, bits + 1);
            c = tcg_vec_lanes(TCG_VOP_SMIN, wide, c, max, d);
            c = tcg_vec_lanes(TCG_VOP_SMAX, wide, c, ~max, d);
        } else {
            if (op == TCG_VOP_SQXTUN) {
                c = tcg_vec_lanes(TCG_VOP_SMAX, wide, c, zero, d);
            }
            c = tcg_vec_lanes(TCG_VOP_UMIN, wide, c, umax, d);
        }
        over = c ^ n;
        *sat = (over[0] | over[1]) != 0;
        r = (tcg_v2di){ tcg_vec_narrow(esz, c), 0 };
        return q ? (tcg_v2di){ d[0], r[0] } : r;
    }
    }
    *sat = (over[0] | (q ? over[1] : 0)) != 0;
    return r;
}

/* TBL, TBX with the nregs tables from pn on (see TCG_VOP_TBL): with
 * pshufb, which gives a lane's table byte by the index's low four bits
 * and zero where its top bit is set; an unsigned saturating add of 0x70
 * sets that bit for an index past the register's 16 bytes. */
static inline TCG_AI tcg_v2di tcg_vec_table(bool tbx, unsigned nregs, const void *pn,
                                            tcg_v2di idx, tcg_v2di d)
{
#ifdef __SSSE3__
    typedef char v16qc __attribute__((vector_size(16)));    /* the builtins' */
    tcg_v2di r = { 0 }, step = tcg_vec_dup64(0x1010101010101010ull);
    tcg_v2di into = tcg_vec_dup64(0x7070707070707070ull), i = idx;
    for (unsigned t = 0; t < nregs; t++) {
        tcg_v2di table = tcg_load_halves((const char *)pn + 16 * t);
        tcg_v2di k = (tcg_v2di)__builtin_ia32_paddusb128((v16qc)i, (v16qc)into);
        r |= (tcg_v2di)__builtin_ia32_pshufb128((v16qc)table, (v16qc)k);
        i = tcg_vec_add(0, i, step, true);
    }
    if (tbx) {
        /* the top bit set where the index is past every table */
        uint64_t past = 0x0101010101010101ull * (128 - 16 * nregs);
        tcg_v2di out = (tcg_v2di)__builtin_ia32_paddusb128((v16qc)idx,
                                                          (v16qc)tcg_vec_dup64(past));
        r |= d & (tcg_v2di)((tcg_v16qi)out < (tcg_v16qi){ 0 });
    }
    return r;
#else
    uint8_t table[64], x[16], keep[16], out[16];
    __builtin_memcpy(table, pn, 16 * nregs);
    __builtin_memcpy(x, &idx, 16);
    __builtin_memcpy(keep, &d, 16);
    for (unsigned b = 0; b < 16; b++) {
        out[b] = x[b] < 16 * nregs ? table[x[b]] : tbx ? keep[b] : 0;
    }
    tcg_v2di r;
    __builtin_memcpy(&r, out, 16);
    return r;
#endif
}

/* ADDV, SMAXV, SMINV, UMAXV, UMINV: n's lanes folded in halves (the
 * upper lanes' bytes moved onto the lower ones) down to lane 0, which is
 * all that is kept. */
static inline TCG_AI tcg_v2di tcg_vec_across(unsigned op, unsigned esz, bool q, tcg_v2di n)
{
    static const uint8_t lane_op[] = { TCG_VOP_ADD, TCG_VOP_SMAX, TCG_VOP_SMIN,
                                       TCG_VOP_UMAX, TCG_VOP_UMIN, TCG_VOP_ADD, TCG_VOP_ADD };
    unsigned fold = lane_op[op - TCG_VOP_ADDV];
    tcg_v2di zero = { 0 };
    if (op == TCG_VOP_SADDLV || op == TCG_VOP_UADDLV) {
        /* the pairs' sums at twice esz, then their sum */
        n = tcg_vec_pair_sums(esz++, n, op == TCG_VOP_SADDLV);
    }
    if (q) {
        n = tcg_vec_lanes(fold, esz, n, (tcg_v2di){ n[1], 0 }, zero);
    }
    for (unsigned bits = 32; bits >= (8u << esz); bits /= 2) {
        n = tcg_vec_lanes(fold, esz, n, (tcg_v2di)((tcg_v2du)n >> bits), zero);
    }
    uint64_t lane = esz == 3 ? ~0ull : (1ull << (8 << esz)) - 1;
    return (tcg_v2di){ (int64_t)((uint64_t)n[0] & lane), 0 };
}

/* (Always inline: a stencil cannot call it.)  A saturating op that
 * saturates sets satbit in *psat. */
static inline TCG_AI void tcg_eval_vop_vec(unsigned kind, const void *pn, const void *pm,
                                           void *pd, unsigned imm, uint32_t *psat,
                                           uint32_t satbit)
{
    unsigned op = kind >> 3, esz = kind & 3;
    bool q = kind & 4, sat = false;
    tcg_v2di n = tcg_load_halves(pn), m = tcg_load_halves(pm), d = tcg_load_halves(pd), r;
    if (op >= TCG_VOP_ADDP && op <= TCG_VOP_UMINP) {
        static const uint8_t plain[] = { TCG_VOP_ADD, TCG_VOP_SMAX, TCG_VOP_UMAX,
                                         TCG_VOP_SMIN, TCG_VOP_UMIN };
        tcg_vec_unzip(esz, q, &n, &m);
        op = plain[op - TCG_VOP_ADDP];
    }
    switch (op) {
    case TCG_VOP_AND: r = n & m; break;
    case TCG_VOP_BIC: r = n & ~m; break;
    case TCG_VOP_ORR: r = n | m; break;
    case TCG_VOP_ORN: r = n | ~m; break;
    case TCG_VOP_EOR: r = n ^ m; break;
    case TCG_VOP_BSL: r = (d & n) | (~d & m); break;
    case TCG_VOP_BIT: r = (d & ~m) | (n & m); break;
    case TCG_VOP_BIF: r = (d & m) | (n & ~m); break;
    case TCG_VOP_NOT: r = ~n; break;
    default:
        if (op >= TCG_VOP_TBL) {
            r = tcg_vec_table(op == TCG_VOP_TBX, esz + 1, pn, m, d);
        } else if (op >= TCG_VOP_SQADD) {
            r = tcg_vec_saturating(op, esz, q, n, m, d, &sat);
        } else if (op >= TCG_VOP_SADDLP) {
            r = tcg_vec_unary(op, esz, n, d);
        } else if (op >= TCG_VOP_SADDL) {
            r = tcg_vec_long(op, esz, q, n, m, d);
        } else if (op >= TCG_VOP_ADDV) {
            r = tcg_vec_across(op, esz, q, n);
        } else if (op >= TCG_VOP_SHL) {
            r = tcg_vec_shift_permute(op, esz, q, n, m, d, imm);
        } else {
            r = tcg_vec_lanes(op, esz, n, m, d);
        }
        break;
    }
    /* (SHRN2 and the widening ops write all 16 bytes whatever q.) */
    bool whole = q || op == TCG_VOP_USHLL || op == TCG_VOP_SSHLL ||
                 (op >= TCG_VOP_SADDL && op <= TCG_VOP_UMULL);
    int64_t lo = r[0], hi = whole ? r[1] : 0;
    tcg_store_halves(pd, lo, hi);
    if (op >= TCG_VOP_SQADD && op <= TCG_VOP_SQXTUN) {
        /* (no branch: one read-modify-write of the flag's word) */
        *psat |= satbit & -(uint32_t)sat;
    }
}

/* fmuladd_vec (tcg-opc.h): d = (+-n * m) +- a fused, on kind's lanes,
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

#endif
