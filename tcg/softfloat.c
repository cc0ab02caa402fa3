/*
 * softfloat.c: the arithmetic half of the soft-float library: add, sub,
 * mul, mulx, div, sqrt, fused multiply-add and the FRECPS/FRSQRTS steps
 * built on it, min/max and compare, following the Arm ARM pseudocode of
 * the same names (FPAdd, FPMulAdd, FPRecipStepFused, FPMax, ...).
 *
 * Every result is computed exactly with integer arithmetic (128-bit where a
 * product needs it) and rounded once by sf_round_pack. For f32/f64 there is
 * also a fast path through the host's SSE unit, taken only when it cannot
 * differ from the soft path; see sf_hard_ok.
 */
#include <string.h>

#include "tcg/softfloat-internal.h"

/* ---- add / sub (FPAdd, FPSub) ---- */

SF_INLINE uint64_t sf_addsub(SFFmt f, uint64_t a, uint64_t b, bool subtract,
                             SFStatus *st)
{
    SFParts pa = sf_unpack(f, a, st->flush_inputs, st);
    SFParts pb = sf_unpack(f, b, st->flush_inputs, st);
    uint64_t x, y, s;
    int d, k;

    if (sf_is_nan_cls(pa.cls) || sf_is_nan_cls(pb.cls)) {
        return sf_process_nans2(f, a, pa.cls, b, pb.cls, st);
    }
    /* FPSub negates after NaN selection: a NaN b keeps its sign. */
    pb.sign ^= subtract;
    if (pa.cls == SFC_INF || pb.cls == SFC_INF) {
        if (pa.cls == SFC_INF && pb.cls == SFC_INF && pa.sign != pb.sign) {
            return sf_invalid(f, st);
        }
        return sf_inf(f, pa.cls == SFC_INF ? pa.sign : pb.sign);
    }
    if (pa.cls == SFC_ZERO && pb.cls == SFC_ZERO) {
        if (pa.sign == pb.sign) {
            return sf_zero(f, pa.sign);
        }
        return sf_zero(f, st->rmode == SF_RMI);
    }
    if (pa.cls == SFC_ZERO) {
        return sf_repack(f, pb, st);
    }
    if (pb.cls == SFC_ZERO) {
        return sf_repack(f, pa, st);
    }
    if (pa.exp < pb.exp || (pa.exp == pb.exp && pa.sig < pb.sig)) {
        SFParts t = pa;
        pa = pb;
        pb = t;
    }
    /*
     * Two spare top bits absorb the carry; the low zero bits of sig make
     * the >> 2 exact, and give jamming the guard room it needs when a
     * far smaller operand is subtracted.
     */
    d = pa.exp - pb.exp;
    x = pa.sig >> 2;
    y = sf_shr_jam64(pb.sig >> 2, d);
    if (pa.sign == pb.sign) {
        s = x + y;
    } else {
        s = x - y;
        if (s == 0) {
            return sf_zero(f, st->rmode == SF_RMI);
        }
    }
    k = sf_clz64(s);
    return sf_round_pack(f, pa.sign, pa.exp + 2 - k, s << k, st->rmode,
                         st->flush_to_zero, st);
}

/* ---- mul, mulx (FPMul, FPMulX) ---- */

/* Round the exact product of two finite nonzero values, times 2^scale. */
SF_INLINE uint64_t sf_mul_finite(SFFmt f, bool sign, SFParts pa, SFParts pb,
                                 int scale, SFStatus *st)
{
    sf_u128 p = (sf_u128)pa.sig * pb.sig;
    int exp = pa.exp + pb.exp + scale;
    uint64_t sig;

    if (p >> 127) {
        exp++;
    } else {
        p <<= 1;
    }
    sig = (uint64_t)(p >> 64) | ((uint64_t)p != 0);
    return sf_round_pack(f, sign, exp, sig, st->rmode, st->flush_to_zero,
                         st);
}

SF_INLINE uint64_t sf_mul(SFFmt f, uint64_t a, uint64_t b, bool mulx,
                          SFStatus *st)
{
    SFParts pa = sf_unpack(f, a, st->flush_inputs, st);
    SFParts pb = sf_unpack(f, b, st->flush_inputs, st);
    bool sign = pa.sign ^ pb.sign;

    if (sf_is_nan_cls(pa.cls) || sf_is_nan_cls(pb.cls)) {
        return sf_process_nans2(f, a, pa.cls, b, pb.cls, st);
    }
    if ((pa.cls == SFC_INF && pb.cls == SFC_ZERO) ||
        (pa.cls == SFC_ZERO && pb.cls == SFC_INF)) {
        if (mulx) {
            /* FMULX: infinity times zero is 2.0 with the product's sign. */
            return sf_round_pack(f, sign, 1, 1ull << 63, st->rmode, false,
                                 st);
        }
        return sf_invalid(f, st);
    }
    if (pa.cls == SFC_INF || pb.cls == SFC_INF) {
        return sf_inf(f, sign);
    }
    if (pa.cls == SFC_ZERO || pb.cls == SFC_ZERO) {
        return sf_zero(f, sign);
    }
    return sf_mul_finite(f, sign, pa, pb, 0, st);
}

/* ---- div (FPDiv) ---- */

SF_INLINE uint64_t sf_div(SFFmt f, uint64_t a, uint64_t b, SFStatus *st)
{
    SFParts pa = sf_unpack(f, a, st->flush_inputs, st);
    SFParts pb = sf_unpack(f, b, st->flush_inputs, st);
    bool sign = pa.sign ^ pb.sign;
    sf_u128 n;
    uint64_t q, r;
    int exp;

    if (sf_is_nan_cls(pa.cls) || sf_is_nan_cls(pb.cls)) {
        return sf_process_nans2(f, a, pa.cls, b, pb.cls, st);
    }
    if ((pa.cls == SFC_INF && pb.cls == SFC_INF) ||
        (pa.cls == SFC_ZERO && pb.cls == SFC_ZERO)) {
        return sf_invalid(f, st);
    }
    if (pa.cls == SFC_INF || pb.cls == SFC_ZERO) {
        if (pa.cls != SFC_INF) {
            st->flags |= SF_DIVBYZERO;
        }
        return sf_inf(f, sign);
    }
    if (pa.cls == SFC_ZERO || pb.cls == SFC_INF) {
        return sf_zero(f, sign);
    }
    /* Scale the dividend so the quotient lands in [2^63, 2^64). */
    exp = pa.exp - pb.exp;
    if (pa.sig >= pb.sig) {
        n = (sf_u128)pa.sig << 63;
    } else {
        n = (sf_u128)pa.sig << 64;
        exp--;
    }
    q = (uint64_t)(n / pb.sig);
    r = (uint64_t)(n % pb.sig);
    return sf_round_pack(f, sign, exp, q | (r != 0), st->rmode,
                         st->flush_to_zero, st);
}

/* ---- sqrt (FPSqrt) ---- */

/* Host square roots without libm's errno wrapper. */
SF_INLINE double sf_host_sqrt(double x)
{
#if defined(__x86_64__) && defined(__SSE2__)
    __asm__("sqrtsd %1, %0" : "=x"(x) : "x"(x));
    return x;
#else
    return __builtin_sqrt(x);
#endif
}

SF_INLINE float sf_host_sqrtf(float x)
{
#if defined(__x86_64__) && defined(__SSE2__)
    __asm__("sqrtss %1, %0" : "=x"(x) : "x"(x));
    return x;
#else
    return __builtin_sqrtf(x);
#endif
}

/* floor(sqrt(m)) for m in [2^126, 2^128): always a 64-bit number. */
static uint64_t sf_isqrt128(sf_u128 m)
{
    /*
     * The host's double sqrt is only a starting guess; one Newton step in
     * integers and a final correction make the answer exact.
     */
    double est = sf_host_sqrt((double)(uint64_t)(m >> 64) * 0x1p64);
    sf_u128 r = est >= 0x1p64 ? ~0ull : (uint64_t)est;
    sf_u128 r2;

    r = (r + m / r) >> 1;
    if (r >> 64) {
        r = ~0ull;
    }
    for (;;) {
        r2 = r * r;
        if (r2 > m) {
            r--;
            continue;
        }
        /* (r+1)^2 = r^2 + 2r + 1 must exceed m; r < 2^64 so no wrap. */
        if (m - r2 > 2 * r) {
            r++;
            continue;
        }
        return (uint64_t)r;
    }
}

SF_INLINE uint64_t sf_sqrt(SFFmt f, uint64_t a, SFStatus *st)
{
    SFParts p = sf_unpack(f, a, st->flush_inputs, st);
    sf_u128 m;
    uint64_t r;

    if (sf_is_nan_cls(p.cls)) {
        return sf_process_nan(f, a, p.cls, st);
    }
    if (p.cls == SFC_ZERO) {
        return sf_zero(f, p.sign);
    }
    if (p.sign) {
        return sf_invalid(f, st);
    }
    if (p.cls == SFC_INF) {
        return sf_inf(f, false);
    }
    /* Make the exponent even: value = m * 2^(2 * (exp >> 1) - 126). */
    m = (sf_u128)p.sig << ((p.exp & 1) ? 64 : 63);
    r = sf_isqrt128(m);
    return sf_round_pack(f, false, p.exp >> 1, r | ((sf_u128)r * r != m),
                         st->rmode, st->flush_to_zero, st);
}

/* ---- fused multiply-add (FPMulAdd, FPRecipStepFused, FPRSqrtStepFused) ---- */

/*
 * The non-NaN part of FPMulAdd: round (pa * pb + pc) * 2^scale once.
 * scale exists for FRSQRTS, whose (3 + a*b) / 2 is a single rounding.
 */
SF_INLINE uint64_t sf_muladd_num(SFFmt f, SFParts pa, SFParts pb, SFParts pc,
                                 int scale, bool neg_res, SFStatus *st)
{
    bool sign_p = pa.sign ^ pb.sign;
    bool inf_p = pa.cls == SFC_INF || pb.cls == SFC_INF;
    bool zero_p = pa.cls == SFC_ZERO || pb.cls == SFC_ZERO;
    bool sign;
    sf_u128 x, y, s;
    int exp_p, e, k;

    if ((inf_p && zero_p) ||
        (pc.cls == SFC_INF && inf_p && pc.sign != sign_p)) {
        return sf_invalid(f, st);
    }
    if (pc.cls == SFC_INF) {
        return sf_inf(f, pc.sign ^ neg_res);
    }
    if (inf_p) {
        return sf_inf(f, sign_p ^ neg_res);
    }
    if (pc.cls == SFC_ZERO && zero_p) {
        if (pc.sign == sign_p) {
            return sf_zero(f, pc.sign ^ neg_res);
        }
        return sf_zero(f, (st->rmode == SF_RMI) ^ neg_res);
    }
    if (zero_p) {
        return sf_round_pack(f, pc.sign ^ neg_res, pc.exp + scale, pc.sig,
                             st->rmode, st->flush_to_zero, st);
    }
    if (pc.cls == SFC_ZERO) {
        return sf_mul_finite(f, sign_p ^ neg_res, pa, pb, scale, st);
    }

    /*
     * Both terms as X * 2^(E - 125) with X in [2^125, 2^127), so the sum
     * fits 128 bits. The product's low 22+ bits are zero, which keeps the
     * >> 1 exact and leaves guard room for jamming the smaller term.
     */
    x = ((sf_u128)pa.sig * pb.sig) >> 1;
    exp_p = pa.exp + pb.exp;
    y = (sf_u128)pc.sig << 62;
    if (exp_p >= pc.exp) {
        y = sf_shr_jam128(y, exp_p - pc.exp);
        e = exp_p;
    } else {
        x = sf_shr_jam128(x, pc.exp - exp_p);
        e = pc.exp;
    }
    if (sign_p == pc.sign) {
        s = x + y;
        sign = sign_p;
    } else if (x >= y) {
        s = x - y;
        sign = sign_p;
    } else {
        s = y - x;
        sign = pc.sign;
    }
    if (s == 0) {
        return sf_zero(f, (st->rmode == SF_RMI) ^ neg_res);
    }
    k = sf_clz128(s);
    s <<= k;
    return sf_round_pack(f, sign ^ neg_res, e + 2 - k + scale,
                         (uint64_t)(s >> 64) | ((uint64_t)s != 0),
                         st->rmode, st->flush_to_zero, st);
}

SF_INLINE uint64_t sf_muladd(SFFmt f, uint64_t a, uint64_t b, uint64_t c,
                             int flags, SFStatus *st)
{
    SFParts pa, pb, pc;
    bool infzero;

    if (flags & SF_MULADD_NEGATE_PRODUCT) {
        a ^= sf_sign_bit(f);
    }
    if (flags & SF_MULADD_NEGATE_C) {
        c ^= sf_sign_bit(f);
    }
    pc = sf_unpack(f, c, st->flush_inputs, st);
    pa = sf_unpack(f, a, st->flush_inputs, st);
    pb = sf_unpack(f, b, st->flush_inputs, st);

    if (sf_is_nan_cls(pa.cls) || sf_is_nan_cls(pb.cls) ||
        sf_is_nan_cls(pc.cls)) {
        infzero = (pa.cls == SFC_INF && pb.cls == SFC_ZERO) ||
                  (pa.cls == SFC_ZERO && pb.cls == SFC_INF);
        if (flags & SF_MULADD_NAN_ORDER_ABC) {
            if (pa.cls == SFC_SNAN || (pa.cls == SFC_QNAN &&
                                       pb.cls != SFC_SNAN &&
                                       pc.cls != SFC_SNAN)) {
                return sf_process_nan(f, a, pa.cls, st);
            }
            return sf_process_nans2(f, b, pb.cls, c, pc.cls, st);
        }
        /* FPMulAdd checks 0*inf only after FPProcessNaNs3 chose c. */
        if (pc.cls == SFC_QNAN && infzero) {
            return sf_invalid(f, st);
        }
        if (pc.cls == SFC_SNAN || (pc.cls == SFC_QNAN &&
                                   pa.cls != SFC_SNAN &&
                                   pb.cls != SFC_SNAN)) {
            return sf_process_nan(f, c, pc.cls, st);
        }
        return sf_process_nans2(f, a, pa.cls, b, pb.cls, st);
    }
    return sf_muladd_num(f, pa, pb, pc, 0,
                         flags & SF_MULADD_NEGATE_RESULT, st);
}

/*
 * FRECPS: 2 - a*b, FRSQRTS: (3 - a*b) / 2, each rounded once. The
 * negation of a happens before NaN selection (FPNeg(op1)), and inf*0
 * gives exactly 2.0 or 1.5 instead of invalid.
 */
SF_INLINE uint64_t sf_step(SFFmt f, uint64_t a, uint64_t b, bool rsqrt,
                           SFStatus *st)
{
    SFParts pa, pb, pc;

    a ^= sf_sign_bit(f);
    pa = sf_unpack(f, a, st->flush_inputs, st);
    pb = sf_unpack(f, b, st->flush_inputs, st);
    if (sf_is_nan_cls(pa.cls) || sf_is_nan_cls(pb.cls)) {
        return sf_process_nans2(f, a, pa.cls, b, pb.cls, st);
    }
    if ((pa.cls == SFC_INF && pb.cls == SFC_ZERO) ||
        (pa.cls == SFC_ZERO && pb.cls == SFC_INF)) {
        pc = sf_parts_from_u64(false, rsqrt ? 3 : 2, rsqrt ? 1 : 0);
        return sf_round_pack(f, false, pc.exp, pc.sig, SF_RNE, false, st);
    }
    pc = sf_parts_from_u64(false, rsqrt ? 3 : 2, 0);
    return sf_muladd_num(f, pa, pb, pc, rsqrt ? -1 : 0, false, st);
}

/* ---- min / max (FPMin, FPMax, FPMinNum, FPMaxNum) ---- */

/* Order two non-NaN values; zeros compare equal whatever their sign. */
SF_INLINE int sf_cmp_parts(SFParts a, SFParts b)
{
    int sa = a.cls == SFC_ZERO ? 0 : a.sign ? -1 : 1;
    int sb = b.cls == SFC_ZERO ? 0 : b.sign ? -1 : 1;
    int mag;

    if (sa != sb) {
        return sa < sb ? -1 : 1;
    }
    if (sa == 0) {
        return 0;
    }
    if (a.cls == SFC_INF || b.cls == SFC_INF) {
        mag = (a.cls == SFC_INF) - (b.cls == SFC_INF);
    } else if (a.exp != b.exp) {
        mag = a.exp < b.exp ? -1 : 1;
    } else {
        mag = (a.sig > b.sig) - (a.sig < b.sig);
    }
    return sa * mag;
}

SF_INLINE uint64_t sf_minmax(SFFmt f, uint64_t a, uint64_t b, bool is_max,
                             SFStatus *st)
{
    SFParts pa = sf_unpack(f, a, st->flush_inputs, st);
    SFParts pb = sf_unpack(f, b, st->flush_inputs, st);
    SFParts r;
    int c;

    if (sf_is_nan_cls(pa.cls) || sf_is_nan_cls(pb.cls)) {
        return sf_process_nans2(f, a, pa.cls, b, pb.cls, st);
    }
    c = sf_cmp_parts(pa, pb);
    r = (is_max ? c > 0 : c < 0) ? pa : pb;
    if (r.cls == SFC_ZERO) {
        /* Equal zeros: max prefers +0, min prefers -0. */
        r.sign = is_max ? pa.sign & pb.sign : pa.sign | pb.sign;
    }
    /* FPMax re-rounds the chosen value, so FZ can still flush it. */
    return sf_repack(f, r, st);
}

SF_INLINE uint64_t sf_minmaxnum(SFFmt f, uint64_t a, uint64_t b, bool is_max,
                                SFStatus *st)
{
    bool qa = (a & ~sf_sign_bit(f)) > sf_inf(f, false) && (a & sf_qbit(f));
    bool qb = (b & ~sf_sign_bit(f)) > sf_inf(f, false) && (b & sf_qbit(f));

    /*
     * A lone quiet NaN becomes the infinity that loses. FPMaxNum unpacks
     * the original operand first, so a flushed denormal still sets IDC.
     */
    if (qa && !qb) {
        sf_unpack(f, a, st->flush_inputs, st);
        a = sf_inf(f, is_max);
    } else if (qb && !qa) {
        sf_unpack(f, b, st->flush_inputs, st);
        b = sf_inf(f, is_max);
    }
    return sf_minmax(f, a, b, is_max, st);
}

/* ---- compare (FPCompare) ---- */

SF_INLINE SFRelation sf_compare(SFFmt f, uint64_t a, uint64_t b,
                                bool signaling, SFStatus *st)
{
    SFParts pa = sf_unpack(f, a, st->flush_inputs, st);
    SFParts pb = sf_unpack(f, b, st->flush_inputs, st);

    if (sf_is_nan_cls(pa.cls) || sf_is_nan_cls(pb.cls)) {
        if (signaling || pa.cls == SFC_SNAN || pb.cls == SFC_SNAN) {
            st->flags |= SF_INVALID;
        }
        return SF_UNORDERED;
    }
    return (SFRelation)sf_cmp_parts(pa, pb);
}

/* ---- host fast path ---- */

/*
 * The host computes the same bits and flags as the soft path when: the
 * mode is round-to-nearest on both sides, the inputs are normal (so FZ and
 * NaN rules cannot matter), and the result is normal and above the
 * smallest normal (so neither FZ nor the before/after-rounding tininess
 * difference can matter). The one flag the host would have to report,
 * inexact, is only trusted when it is already set in st, which is the
 * common steady state of FP code.
 *
 * Precondition: the host MXCSR keeps its default round-to-nearest mode.
 * mimic never changes it; checking it per operation (stmxcsr) would cost
 * more than the soft path saves. Build with -DSF_NO_HARDFLOAT to drop the
 * fast path altogether.
 */
#if defined(__x86_64__) && defined(__SSE2__) && !defined(SF_NO_HARDFLOAT)
#define SF_HARDFLOAT 1
#else
#define SF_HARDFLOAT 0
#endif

SF_INLINE bool sf_hard_ok(const SFStatus *st)
{
    return SF_HARDFLOAT && (st->flags & SF_INEXACT) && st->rmode == SF_RNE;
}

SF_INLINE bool sf_f32_normal(uint32_t a)
{
    return ((a >> 23) & 0xFF) - 1u < 0xFEu;
}

SF_INLINE bool sf_f64_normal(uint64_t a)
{
    return ((a >> 52) & 0x7FF) - 1u < 0x7FEu;
}

SF_INLINE float sf_host_f32(uint32_t a)
{
    float r;
    memcpy(&r, &a, 4);
    return r;
}

SF_INLINE double sf_host_f64(uint64_t a)
{
    double r;
    memcpy(&r, &a, 8);
    return r;
}

/* Store r to *out if it is safely normal (> min normal, finite). */
SF_INLINE bool sf_hard_result32(float r, uint32_t *out)
{
    uint32_t u;
    memcpy(&u, &r, 4);
    if (((u >> 23) & 0xFF) - 1u < 0xFEu && (u & 0x7FFFFFFF) > 0x00800000) {
        *out = u;
        return true;
    }
    return false;
}

SF_INLINE bool sf_hard_result64(double r, uint64_t *out)
{
    uint64_t u;
    memcpy(&u, &r, 8);
    if (((u >> 52) & 0x7FF) - 1u < 0x7FEu &&
        (u & ~SF_F64_SIGN) > SF_F64_MIN_NORMAL) {
        *out = u;
        return true;
    }
    return false;
}

enum { SF_HADD, SF_HSUB, SF_HMUL, SF_HDIV };

SF_INLINE bool sf_hard32(int op, uint32_t a, uint32_t b, SFStatus *st,
                         uint32_t *out)
{
    float x, y, r;

    if (!sf_hard_ok(st) || !sf_f32_normal(a) || !sf_f32_normal(b)) {
        return false;
    }
    x = sf_host_f32(a);
    y = sf_host_f32(b);
    switch (op) {
    case SF_HADD:
        r = x + y;
        break;
    case SF_HSUB:
        r = x - y;
        break;
    case SF_HMUL:
        r = x * y;
        break;
    default:
        r = x / y;
        break;
    }
    return sf_hard_result32(r, out);
}

SF_INLINE bool sf_hard64(int op, uint64_t a, uint64_t b, SFStatus *st,
                         uint64_t *out)
{
    double x, y, r;

    if (!sf_hard_ok(st) || !sf_f64_normal(a) || !sf_f64_normal(b)) {
        return false;
    }
    x = sf_host_f64(a);
    y = sf_host_f64(b);
    switch (op) {
    case SF_HADD:
        r = x + y;
        break;
    case SF_HSUB:
        r = x - y;
        break;
    case SF_HMUL:
        r = x * y;
        break;
    default:
        r = x / y;
        break;
    }
    return sf_hard_result64(r, out);
}

#if SF_HARDFLOAT
/* x86-64's baseline has no FMA instruction; use it where the CPU has one. */
__attribute__((target("fma"))) static double sf_host_fma(double a, double b,
                                                         double c)
{
    return __builtin_fma(a, b, c);
}

__attribute__((target("fma"))) static float sf_host_fmaf(float a, float b,
                                                        float c)
{
    return __builtin_fmaf(a, b, c);
}
#endif

SF_INLINE bool sf_hard_muladd32(uint32_t a, uint32_t b, uint32_t c,
                                int flags, SFStatus *st, uint32_t *out)
{
#if SF_HARDFLOAT
    float r;

    if (!sf_hard_ok(st) || !__builtin_cpu_supports("fma") ||
        !sf_f32_normal(a) || !sf_f32_normal(b) || !sf_f32_normal(c)) {
        return false;
    }
    a ^= (flags & SF_MULADD_NEGATE_PRODUCT) ? SF_F32_SIGN : 0;
    c ^= (flags & SF_MULADD_NEGATE_C) ? SF_F32_SIGN : 0;
    r = sf_host_fmaf(sf_host_f32(a), sf_host_f32(b), sf_host_f32(c));
    if (!sf_hard_result32(r, out)) {
        return false;
    }
    /* Round-to-nearest is symmetric, so negating afterwards is exact. */
    *out ^= (flags & SF_MULADD_NEGATE_RESULT) ? SF_F32_SIGN : 0;
    return true;
#else
    (void)a, (void)b, (void)c, (void)flags, (void)st, (void)out;
    return false;
#endif
}

SF_INLINE bool sf_hard_muladd64(uint64_t a, uint64_t b, uint64_t c,
                                int flags, SFStatus *st, uint64_t *out)
{
#if SF_HARDFLOAT
    double r;

    if (!sf_hard_ok(st) || !__builtin_cpu_supports("fma") ||
        !sf_f64_normal(a) || !sf_f64_normal(b) || !sf_f64_normal(c)) {
        return false;
    }
    a ^= (flags & SF_MULADD_NEGATE_PRODUCT) ? SF_F64_SIGN : 0;
    c ^= (flags & SF_MULADD_NEGATE_C) ? SF_F64_SIGN : 0;
    r = sf_host_fma(sf_host_f64(a), sf_host_f64(b), sf_host_f64(c));
    if (!sf_hard_result64(r, out)) {
        return false;
    }
    *out ^= (flags & SF_MULADD_NEGATE_RESULT) ? SF_F64_SIGN : 0;
    return true;
#else
    (void)a, (void)b, (void)c, (void)flags, (void)st, (void)out;
    return false;
#endif
}

/* ---- public entry points ---- */

uint16_t sf_f16_add(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_addsub(SF_FMT16, a, b, false, st);
}

uint16_t sf_f16_sub(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_addsub(SF_FMT16, a, b, true, st);
}

uint16_t sf_f16_mul(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_mul(SF_FMT16, a, b, false, st);
}

uint16_t sf_f16_mulx(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_mul(SF_FMT16, a, b, true, st);
}

uint16_t sf_f16_div(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_div(SF_FMT16, a, b, st);
}

uint16_t sf_f16_sqrt(uint16_t a, SFStatus *st)
{
    return sf_sqrt(SF_FMT16, a, st);
}

uint16_t sf_f16_muladd(uint16_t a, uint16_t b, uint16_t c, int flags,
                       SFStatus *st)
{
    return sf_muladd(SF_FMT16, a, b, c, flags, st);
}

uint16_t sf_f16_recps(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_step(SF_FMT16, a, b, false, st);
}

uint16_t sf_f16_rsqrts(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_step(SF_FMT16, a, b, true, st);
}

uint32_t sf_f32_recps(uint32_t a, uint32_t b, SFStatus *st)
{
    return sf_step(SF_FMT32, a, b, false, st);
}

uint32_t sf_f32_rsqrts(uint32_t a, uint32_t b, SFStatus *st)
{
    return sf_step(SF_FMT32, a, b, true, st);
}

uint64_t sf_f64_recps(uint64_t a, uint64_t b, SFStatus *st)
{
    return sf_step(SF_FMT64, a, b, false, st);
}

uint64_t sf_f64_rsqrts(uint64_t a, uint64_t b, SFStatus *st)
{
    return sf_step(SF_FMT64, a, b, true, st);
}

uint32_t sf_f32_add(uint32_t a, uint32_t b, SFStatus *st)
{
    uint32_t r;
    if (sf_hard32(SF_HADD, a, b, st, &r)) {
        return r;
    }
    return sf_addsub(SF_FMT32, a, b, false, st);
}

uint32_t sf_f32_sub(uint32_t a, uint32_t b, SFStatus *st)
{
    uint32_t r;
    if (sf_hard32(SF_HSUB, a, b, st, &r)) {
        return r;
    }
    return sf_addsub(SF_FMT32, a, b, true, st);
}

uint32_t sf_f32_mul(uint32_t a, uint32_t b, SFStatus *st)
{
    uint32_t r;
    if (sf_hard32(SF_HMUL, a, b, st, &r)) {
        return r;
    }
    return sf_mul(SF_FMT32, a, b, false, st);
}

uint32_t sf_f32_mulx(uint32_t a, uint32_t b, SFStatus *st)
{
    uint32_t r;
    if (sf_hard32(SF_HMUL, a, b, st, &r)) {
        return r;
    }
    return sf_mul(SF_FMT32, a, b, true, st);
}

uint32_t sf_f32_div(uint32_t a, uint32_t b, SFStatus *st)
{
    uint32_t r;
    if (sf_hard32(SF_HDIV, a, b, st, &r)) {
        return r;
    }
    return sf_div(SF_FMT32, a, b, st);
}

uint32_t sf_f32_sqrt(uint32_t a, SFStatus *st)
{
    /* The root of a positive normal is always a safe normal. */
    if (sf_hard_ok(st) && sf_f32_normal(a) && !(a >> 31)) {
        float r = sf_host_sqrtf(sf_host_f32(a));
        uint32_t u;
        memcpy(&u, &r, 4);
        return u;
    }
    return sf_sqrt(SF_FMT32, a, st);
}

uint32_t sf_f32_muladd(uint32_t a, uint32_t b, uint32_t c, int flags,
                       SFStatus *st)
{
    uint32_t r;
    if (sf_hard_muladd32(a, b, c, flags, st, &r)) {
        return r;
    }
    return sf_muladd(SF_FMT32, a, b, c, flags, st);
}

uint64_t sf_f64_add(uint64_t a, uint64_t b, SFStatus *st)
{
    uint64_t r;
    if (sf_hard64(SF_HADD, a, b, st, &r)) {
        return r;
    }
    return sf_addsub(SF_FMT64, a, b, false, st);
}

uint64_t sf_f64_sub(uint64_t a, uint64_t b, SFStatus *st)
{
    uint64_t r;
    if (sf_hard64(SF_HSUB, a, b, st, &r)) {
        return r;
    }
    return sf_addsub(SF_FMT64, a, b, true, st);
}

uint64_t sf_f64_mul(uint64_t a, uint64_t b, SFStatus *st)
{
    uint64_t r;
    if (sf_hard64(SF_HMUL, a, b, st, &r)) {
        return r;
    }
    return sf_mul(SF_FMT64, a, b, false, st);
}

uint64_t sf_f64_mulx(uint64_t a, uint64_t b, SFStatus *st)
{
    uint64_t r;
    if (sf_hard64(SF_HMUL, a, b, st, &r)) {
        return r;
    }
    return sf_mul(SF_FMT64, a, b, true, st);
}

uint64_t sf_f64_div(uint64_t a, uint64_t b, SFStatus *st)
{
    uint64_t r;
    if (sf_hard64(SF_HDIV, a, b, st, &r)) {
        return r;
    }
    return sf_div(SF_FMT64, a, b, st);
}

uint64_t sf_f64_sqrt(uint64_t a, SFStatus *st)
{
    if (sf_hard_ok(st) && sf_f64_normal(a) && !(a >> 63)) {
        double r = sf_host_sqrt(sf_host_f64(a));
        uint64_t u;
        memcpy(&u, &r, 8);
        return u;
    }
    return sf_sqrt(SF_FMT64, a, st);
}

uint64_t sf_f64_muladd(uint64_t a, uint64_t b, uint64_t c, int flags,
                       SFStatus *st)
{
    uint64_t r;
    if (sf_hard_muladd64(a, b, c, flags, st, &r)) {
        return r;
    }
    return sf_muladd(SF_FMT64, a, b, c, flags, st);
}

uint16_t sf_f16_min(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_minmax(SF_FMT16, a, b, false, st);
}

uint16_t sf_f16_max(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_minmax(SF_FMT16, a, b, true, st);
}

uint16_t sf_f16_minnum(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_minmaxnum(SF_FMT16, a, b, false, st);
}

uint16_t sf_f16_maxnum(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_minmaxnum(SF_FMT16, a, b, true, st);
}

uint32_t sf_f32_min(uint32_t a, uint32_t b, SFStatus *st)
{
    return sf_minmax(SF_FMT32, a, b, false, st);
}

uint32_t sf_f32_max(uint32_t a, uint32_t b, SFStatus *st)
{
    return sf_minmax(SF_FMT32, a, b, true, st);
}

uint32_t sf_f32_minnum(uint32_t a, uint32_t b, SFStatus *st)
{
    return sf_minmaxnum(SF_FMT32, a, b, false, st);
}

uint32_t sf_f32_maxnum(uint32_t a, uint32_t b, SFStatus *st)
{
    return sf_minmaxnum(SF_FMT32, a, b, true, st);
}

uint64_t sf_f64_min(uint64_t a, uint64_t b, SFStatus *st)
{
    return sf_minmax(SF_FMT64, a, b, false, st);
}

uint64_t sf_f64_max(uint64_t a, uint64_t b, SFStatus *st)
{
    return sf_minmax(SF_FMT64, a, b, true, st);
}

uint64_t sf_f64_minnum(uint64_t a, uint64_t b, SFStatus *st)
{
    return sf_minmaxnum(SF_FMT64, a, b, false, st);
}

uint64_t sf_f64_maxnum(uint64_t a, uint64_t b, SFStatus *st)
{
    return sf_minmaxnum(SF_FMT64, a, b, true, st);
}

SFRelation sf_f16_compare(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_compare(SF_FMT16, a, b, true, st);
}

SFRelation sf_f16_compare_quiet(uint16_t a, uint16_t b, SFStatus *st)
{
    return sf_compare(SF_FMT16, a, b, false, st);
}

SFRelation sf_f32_compare(uint32_t a, uint32_t b, SFStatus *st)
{
    return sf_compare(SF_FMT32, a, b, true, st);
}

SFRelation sf_f32_compare_quiet(uint32_t a, uint32_t b, SFStatus *st)
{
    return sf_compare(SF_FMT32, a, b, false, st);
}

SFRelation sf_f64_compare(uint64_t a, uint64_t b, SFStatus *st)
{
    return sf_compare(SF_FMT64, a, b, true, st);
}

SFRelation sf_f64_compare_quiet(uint64_t a, uint64_t b, SFStatus *st)
{
    return sf_compare(SF_FMT64, a, b, false, st);
}
