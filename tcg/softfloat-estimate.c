/*
 * softfloat-estimate.c: Arm's reciprocal and reciprocal square root
 * estimates (FPRecipEstimate, FPRSqrtEstimate) and FRECPX (FPRecpX).
 *
 * These are not IEEE operations: their results are defined bit by bit by
 * the Arm ARM's integer algorithms (RecipEstimate, RecipSqrtEstimate),
 * which are followed here exactly, 8-bit estimates only (no FEAT_RPRES,
 * which needs FPCR.AH == 1).
 */
#include "tcg/softfloat-internal.h"

/* RecipEstimate: a in [256, 512) is 0.5..1 in 1/512 steps. */
unsigned sf_recip_estimate(unsigned a)
{
    unsigned b;

    a = a * 2 + 1;
    b = (1u << 19) / a;
    return (b + 1) / 2;
}

/*
 * RecipSqrtEstimate: a in [128, 512) is 0.25..1. The pseudocode's loop
 * finds the smallest n = b + 1 >= 513 with a * n^2 >= 2^28; start near
 * the root instead of counting up from 513.
 */
unsigned sf_rsqrt_estimate(unsigned a)
{
    uint64_t q, n = 0;

    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;
    }
    q = (1u << 28) / a;
    for (uint64_t bit = 1u << 15; bit; bit >>= 1) {
        if ((n | bit) * (n | bit) <= q) {
            n |= bit;
        }
    }
    while ((uint64_t)a * n * n < (1u << 28)) {
        n++;
    }
    while (n > 513 && (uint64_t)a * (n - 1) * (n - 1) >= (1u << 28)) {
        n--;
    }
    if (n < 513) {
        n = 513;
    }
    return n / 2;
}

/*
 * The stored fraction of a finite nonzero encoding, widened to 52 bits,
 * and its biased exponent field: the estimates index by encoding bits.
 */
SF_INLINE uint64_t sf_frac52(SFFmt f, uint64_t a)
{
    return (a & sf_frac_mask(f)) << (52 - f.frac_bits);
}

SF_INLINE uint64_t sf_recpe(SFFmt f, uint64_t a, SFStatus *st)
{
    const uint64_t m52 = (1ull << 52) - 1;
    SFParts p = sf_unpack(f, a, st->flush_inputs, st);
    uint64_t fraction, sbit = p.sign ? sf_sign_bit(f) : 0;
    int exp, result_exp, bias = sf_bias(f);
    unsigned est;

    switch (p.cls) {
    case SFC_QNAN:
    case SFC_SNAN:
        return sf_process_nan(f, a, p.cls, st);
    case SFC_INF:
        return sf_zero(f, p.sign);
    case SFC_ZERO:
        st->flags |= SF_DIVBYZERO;
        return sf_inf(f, p.sign);
    }
    if (p.exp < -(bias + 1)) {
        /* 1/x would overflow even before estimating */
        st->flags |= SF_OVERFLOW | SF_INEXACT;
        if (sf_overflow_to_inf(st->rmode, p.sign)) {
            return sf_inf(f, p.sign);
        }
        return sbit | ((sf_exp_max(f) << f.frac_bits) - 1);
    }
    if (st->flush_to_zero && p.exp >= bias - 1) {
        /* 1/x would be denormal: FZ flushes it, UFC only */
        st->flags |= SF_UNDERFLOW;
        return sbit;
    }
    fraction = sf_frac52(f, a);
    exp = (int)(a >> f.frac_bits & sf_exp_max(f));
    if (exp == 0) {
        if (!(fraction >> 51)) {
            exp = -1;
            fraction = (fraction << 2) & m52;
        } else {
            fraction = (fraction << 1) & m52;
        }
    }
    result_exp = 2 * bias - 1 - exp;
    est = sf_recip_estimate(256 | (unsigned)(fraction >> 44));
    fraction = (uint64_t)(est & 0xFF) << 44;
    if (result_exp == 0) {
        fraction = 1ull << 51 | fraction >> 1;
    } else if (result_exp == -1) {
        fraction = 1ull << 50 | fraction >> 2;
        result_exp = 0;
    }
    return sbit | (uint64_t)result_exp << f.frac_bits |
           fraction >> (52 - f.frac_bits);
}

SF_INLINE uint64_t sf_rsqrte(SFFmt f, uint64_t a, SFStatus *st)
{
    const uint64_t m52 = (1ull << 52) - 1;
    SFParts p = sf_unpack(f, a, st->flush_inputs, st);
    uint64_t fraction;
    int exp, result_exp;
    unsigned scaled, est;

    switch (p.cls) {
    case SFC_QNAN:
    case SFC_SNAN:
        return sf_process_nan(f, a, p.cls, st);
    case SFC_ZERO:
        st->flags |= SF_DIVBYZERO;
        return sf_inf(f, p.sign);
    }
    if (p.sign) {
        return sf_invalid(f, st);
    }
    if (p.cls == SFC_INF) {
        return 0;
    }
    fraction = sf_frac52(f, a);
    exp = (int)(a >> f.frac_bits & sf_exp_max(f));
    if (exp == 0) {
        while (!(fraction >> 51)) {
            fraction = (fraction << 1) & m52;
            exp--;
        }
        fraction = (fraction << 1) & m52;
    }
    /*
     * Scale into 0.25..1 by an even power of two. Every bias is odd, so an
     * even biased exponent is an odd true one: 0.5..1; otherwise 0.25..0.5.
     */
    if ((exp & 1) == 0) {
        scaled = 256 | (unsigned)(fraction >> 44);
    } else {
        scaled = 128 | (unsigned)(fraction >> 45);
    }
    result_exp = (3 * sf_bias(f) - 1 - exp) / 2;
    est = sf_rsqrt_estimate(scaled);
    return (uint64_t)result_exp << f.frac_bits |
           (uint64_t)(est & 0xFF) << (f.frac_bits - 8);
}

SF_INLINE uint64_t sf_recpx(SFFmt f, uint64_t a, SFStatus *st)
{
    SFParts p = sf_unpack(f, a, st->flush_inputs, st);
    uint64_t sbit = p.sign ? sf_sign_bit(f) : 0;
    uint64_t exp = a >> f.frac_bits & sf_exp_max(f);

    if (sf_is_nan_cls(p.cls)) {
        return sf_process_nan(f, a, p.cls, st);
    }
    if (exp == 0) {
        /* zeros and denormals: the largest finite exponent */
        return sbit | (sf_exp_max(f) - 1) << f.frac_bits;
    }
    return sbit | (~exp & sf_exp_max(f)) << f.frac_bits;
}

uint16_t sf_f16_recpe(uint16_t a, SFStatus *st)
{
    return sf_recpe(SF_FMT16, a, st);
}

uint32_t sf_f32_recpe(uint32_t a, SFStatus *st)
{
    return sf_recpe(SF_FMT32, a, st);
}

uint64_t sf_f64_recpe(uint64_t a, SFStatus *st)
{
    return sf_recpe(SF_FMT64, a, st);
}

uint16_t sf_f16_rsqrte(uint16_t a, SFStatus *st)
{
    return sf_rsqrte(SF_FMT16, a, st);
}

uint32_t sf_f32_rsqrte(uint32_t a, SFStatus *st)
{
    return sf_rsqrte(SF_FMT32, a, st);
}

uint64_t sf_f64_rsqrte(uint64_t a, SFStatus *st)
{
    return sf_rsqrte(SF_FMT64, a, st);
}

uint16_t sf_f16_recpx(uint16_t a, SFStatus *st)
{
    return sf_recpx(SF_FMT16, a, st);
}

uint32_t sf_f32_recpx(uint32_t a, SFStatus *st)
{
    return sf_recpx(SF_FMT32, a, st);
}

uint64_t sf_f64_recpx(uint64_t a, SFStatus *st)
{
    return sf_recpx(SF_FMT64, a, st);
}
