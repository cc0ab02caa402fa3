/*
 * softfloat-internal.h: the machinery shared by the softfloat-*.c files:
 * format descriptors, unpacking to a canonical form, the single rounding
 * routine (FPRoundBase) and NaN selection (FPProcessNaN/FPProcessNaNs).
 *
 * Every operation is written once, generic over an SFFmt passed by value;
 * the functions here are always_inline so each public wrapper gets a copy
 * specialised for its constant format.
 */
#ifndef MIMIC_TCG_SOFTFLOAT_INTERNAL_H
#define MIMIC_TCG_SOFTFLOAT_INTERNAL_H

#include "tcg/softfloat.h"

#define SF_INLINE static inline __attribute__((always_inline))

__extension__ typedef unsigned __int128 sf_u128;

typedef struct SFFmt {
    int frac_bits;      /* stored fraction bits */
    int exp_bits;
    bool idc_on_flush;  /* FZ raises IDC when it flushes an input; FZ16 not */
} SFFmt;

#define SF_FMT16 ((SFFmt){ 10, 5, false })
#define SF_FMT32 ((SFFmt){ 23, 8, true })
#define SF_FMT64 ((SFFmt){ 52, 11, true })

enum { SFC_ZERO, SFC_NORMAL, SFC_INF, SFC_QNAN, SFC_SNAN };

/*
 * A finite nonzero value is sig * 2^(exp - 63) with bit 63 of sig set
 * (denormal inputs are normalised too), i.e. exp is the unbiased exponent
 * of the leading bit. Every frac_bits is <= 52, so the low 11 bits of sig
 * are zero after unpacking; the arithmetic relies on that spare room.
 */
typedef struct SFParts {
    int cls;
    bool sign;
    int exp;
    uint64_t sig;
} SFParts;

SF_INLINE int sf_bias(SFFmt f) { return (1 << (f.exp_bits - 1)) - 1; }
SF_INLINE uint64_t sf_exp_max(SFFmt f) { return (1u << f.exp_bits) - 1; }
SF_INLINE uint64_t sf_sign_bit(SFFmt f)
{
    return 1ull << (f.frac_bits + f.exp_bits);
}
SF_INLINE uint64_t sf_qbit(SFFmt f) { return 1ull << (f.frac_bits - 1); }
SF_INLINE uint64_t sf_frac_mask(SFFmt f)
{
    return (1ull << f.frac_bits) - 1;
}
SF_INLINE uint64_t sf_inf(SFFmt f, bool sign)
{
    return (sign ? sf_sign_bit(f) : 0) | sf_exp_max(f) << f.frac_bits;
}
SF_INLINE uint64_t sf_zero(SFFmt f, bool sign)
{
    return sign ? sf_sign_bit(f) : 0;
}
SF_INLINE uint64_t sf_default_nan(SFFmt f)
{
    return sf_exp_max(f) << f.frac_bits | sf_qbit(f);
}
SF_INLINE bool sf_is_nan_cls(int cls) { return cls >= SFC_QNAN; }

SF_INLINE int sf_clz64(uint64_t x) { return __builtin_clzll(x); }
SF_INLINE int sf_clz128(sf_u128 x)
{
    uint64_t hi = x >> 64;
    return hi ? sf_clz64(hi) : 64 + sf_clz64((uint64_t)x);
}

/* Shift right, OR-ing every bit shifted out into bit 0 ("jamming"). */
SF_INLINE uint64_t sf_shr_jam64(uint64_t x, int n)
{
    if (n == 0) {
        return x;
    }
    if (n >= 64) {
        return x != 0;
    }
    return x >> n | ((x << (64 - n)) != 0);
}

SF_INLINE sf_u128 sf_shr_jam128(sf_u128 x, int n)
{
    if (n == 0) {
        return x;
    }
    if (n >= 128) {
        return x != 0;
    }
    return x >> n | ((x << (128 - n)) != 0);
}

/*
 * FPUnpack. flush is FZ (or FZ16) for this operand; the caller decides,
 * because FPConvert never flushes an f16 operand.
 */
SF_INLINE SFParts sf_unpack(SFFmt f, uint64_t bits, bool flush, SFStatus *st)
{
    SFParts p;
    uint64_t frac = bits & sf_frac_mask(f);
    uint64_t e = bits >> f.frac_bits & sf_exp_max(f);

    p.sign = (bits >> (f.frac_bits + f.exp_bits)) & 1;
    p.exp = 0;
    p.sig = 0;
    if (e == sf_exp_max(f)) {
        if (frac == 0) {
            p.cls = SFC_INF;
        } else {
            p.cls = (frac & sf_qbit(f)) ? SFC_QNAN : SFC_SNAN;
        }
    } else if (e == 0) {
        if (frac == 0) {
            p.cls = SFC_ZERO;
        } else if (flush) {
            p.cls = SFC_ZERO;
            if (f.idc_on_flush) {
                st->flags |= SF_INPUT_DENORMAL;
            }
        } else {
            int s = sf_clz64(frac);
            p.cls = SFC_NORMAL;
            p.sig = frac << s;
            p.exp = 64 - sf_bias(f) - f.frac_bits - s;
        }
    } else {
        p.cls = SFC_NORMAL;
        p.sig = (frac | 1ull << f.frac_bits) << (63 - f.frac_bits);
        p.exp = (int)e - sf_bias(f);
    }
    return p;
}

SF_INLINE bool sf_overflow_to_inf(int rmode, bool sign)
{
    switch (rmode) {
    case SF_RNE:
    case SF_RNA:
        return true;
    case SF_RPI:
        return !sign;
    case SF_RMI:
        return sign;
    default:
        return false;
    }
}

/*
 * Whether to add one unit to a magnitude whose discarded part is rem,
 * where half is the weight of half a unit. Directed modes look at the sign
 * because they round the signed value, not the magnitude.
 */
SF_INLINE bool sf_round_up(int rmode, bool sign, uint64_t kept, uint64_t rem,
                           uint64_t half)
{
    switch (rmode) {
    case SF_RNE:
        return rem > half || (rem == half && (kept & 1));
    case SF_RNA:
        return rem >= half;
    case SF_RPI:
        return rem != 0 && !sign;
    case SF_RMI:
        return rem != 0 && sign;
    default:
        return false;
    }
}

/*
 * FPRoundBase: round sign * sig * 2^(exp - 63) (sig has bit 63 set and
 * carries any lost precision jammed into bit 0) into format f. Tininess is
 * judged on the unrounded value, as Arm does; flush_out is FZ/FZ16 and
 * turns such a value into a signed zero with only SF_UNDERFLOW.
 */
SF_INLINE uint64_t sf_round_pack(SFFmt f, bool sign, int exp, uint64_t sig,
                                 int rmode, bool flush_out, SFStatus *st)
{
    const int fb = f.frac_bits;
    const int emin = 1 - sf_bias(f);
    const uint64_t sbit = sign ? sf_sign_bit(f) : 0;
    bool tiny = exp < emin;
    uint64_t kept, rem, half, bits;
    int shift;

    if (tiny && flush_out) {
        st->flags |= SF_UNDERFLOW;
        return sbit;
    }
    if (exp > sf_bias(f)) {
        goto overflow;
    }
    shift = 63 - fb + (tiny ? emin - exp : 0);
    if (shift > 64) {
        /* Below half the smallest denormal, but not zero. */
        kept = 0;
        rem = 1;
        half = 2;
    } else if (shift == 64) {
        kept = 0;
        rem = sig;
        half = 1ull << 63;
    } else {
        kept = sig >> shift;
        rem = sig & ((1ull << shift) - 1);
        half = 1ull << (shift - 1);
    }
    if (rem != 0) {
        st->flags |= tiny ? SF_INEXACT | SF_UNDERFLOW : SF_INEXACT;
        if (rmode == SF_ROUND_ODD) {
            kept |= 1;
        } else {
            kept += sf_round_up(rmode, sign, kept, rem, half);
        }
    }
    if (tiny) {
        /* A carry into bit fb yields the smallest normal's encoding. */
        return sbit | kept;
    }
    /* kept holds the implicit bit, so it bumps the exponent field by one. */
    bits = ((uint64_t)(exp + sf_bias(f) - 1) << fb) + kept;
    if ((bits >> fb) < sf_exp_max(f)) {
        return sbit | bits;
    }
overflow:
    st->flags |= SF_OVERFLOW | SF_INEXACT;
    if (sf_overflow_to_inf(rmode, sign)) {
        return sbit | sf_exp_max(f) << fb;
    }
    return sbit | ((sf_exp_max(f) << fb) - 1);
}

/* FPRound of an exact unpacked value: min/max results, exact conversions. */
SF_INLINE uint64_t sf_repack(SFFmt f, SFParts p, SFStatus *st)
{
    switch (p.cls) {
    case SFC_ZERO:
        return sf_zero(f, p.sign);
    case SFC_INF:
        return sf_inf(f, p.sign);
    default:
        return sf_round_pack(f, p.sign, p.exp, p.sig, st->rmode,
                             st->flush_to_zero, st);
    }
}

/* FPProcessNaN: quiet an SNaN (raising invalid); DN replaces any NaN. */
SF_INLINE uint64_t sf_process_nan(SFFmt f, uint64_t bits, int cls,
                                  SFStatus *st)
{
    if (cls == SFC_SNAN) {
        st->flags |= SF_INVALID;
        bits |= sf_qbit(f);
    }
    if (st->default_nan) {
        return sf_default_nan(f);
    }
    return bits;
}

/* FPProcessNaNs: the first SNaN in operand order, else the first QNaN. */
SF_INLINE uint64_t sf_process_nans2(SFFmt f, uint64_t a, int ca, uint64_t b,
                                    int cb, SFStatus *st)
{
    if (ca == SFC_SNAN) {
        return sf_process_nan(f, a, ca, st);
    }
    if (cb == SFC_SNAN) {
        return sf_process_nan(f, b, cb, st);
    }
    if (ca == SFC_QNAN) {
        return sf_process_nan(f, a, ca, st);
    }
    return sf_process_nan(f, b, cb, st);
}

SF_INLINE uint64_t sf_invalid(SFFmt f, SFStatus *st)
{
    st->flags |= SF_INVALID;
    return sf_default_nan(f);
}

/* A finite nonzero integer magnitude as an unpacked value. */
SF_INLINE SFParts sf_parts_from_u64(bool sign, uint64_t mag, int fbits)
{
    SFParts p;
    int s = sf_clz64(mag);

    p.cls = SFC_NORMAL;
    p.sign = sign;
    p.sig = mag << s;
    p.exp = 63 - s - fbits;
    return p;
}

#endif /* MIMIC_TCG_SOFTFLOAT_INTERNAL_H */
