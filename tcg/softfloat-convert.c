/*
 * softfloat-convert.c: everything that changes a value's representation:
 * between float formats (FPConvert), to integers (FPToFixed, FPToFixedJS),
 * from integers (FixedToFP) and to integral floats (FPRoundInt,
 * FPRoundIntN).
 */
#include "tcg/softfloat-internal.h"

/*
 * Round |value| * 2^fbits of a finite nonzero p to an integer in rmode.
 * The magnitude comes back in *mag, whether bits were dropped in *inexact;
 * false means it is 2^64 or more.
 */
SF_INLINE bool sf_round_to_int(SFParts p, int fbits, int rmode,
                               uint64_t *mag, bool *inexact)
{
    int e = p.exp + fbits;
    uint64_t kept, rem, half;

    if (e >= 64) {
        return false;
    }
    if (e < -1) {
        kept = 0;
        rem = 1;
        half = 2;
    } else if (e == -1) {
        kept = 0;
        rem = p.sig;
        half = 1ull << 63;
    } else if (e == 63) {
        kept = p.sig;
        rem = 0;
        half = 0;
    } else {
        kept = p.sig >> (63 - e);
        rem = p.sig & ((1ull << (63 - e)) - 1);
        half = 1ull << (62 - e);
    }
    *inexact = rem != 0;
    if (rem != 0 && sf_round_up(rmode, p.sign, kept, rem, half)) {
        if (++kept == 0) {
            return false;
        }
    }
    *mag = kept;
    return true;
}

/* ---- FPToFixed ---- */

/*
 * Returns the two's complement bits of the saturated result, nbits wide
 * (sign-extended for signed types).
 */
SF_INLINE uint64_t sf_to_int(SFFmt f, uint64_t a, int rmode, int fbits,
                             int nbits, bool is_signed, SFStatus *st)
{
    SFParts p = sf_unpack(f, a, st->flush_inputs, st);
    uint64_t umax = nbits == 64 ? ~0ull : (1ull << nbits) - 1;
    uint64_t smax = umax >> 1;
    uint64_t mag;
    bool inexact, ok;

    if (sf_is_nan_cls(p.cls)) {
        st->flags |= SF_INVALID;
        return 0;
    }
    if (p.cls == SFC_ZERO) {
        return 0;
    }
    ok = p.cls == SFC_NORMAL &&
         sf_round_to_int(p, fbits, rmode, &mag, &inexact);
    if (is_signed) {
        if (ok && (p.sign ? mag <= smax + 1 : mag <= smax)) {
            st->flags |= inexact ? SF_INEXACT : 0;
            return p.sign ? -mag : mag;
        }
        st->flags |= SF_INVALID;
        return p.sign ? ~smax : smax;
    }
    if (ok && (p.sign ? mag == 0 : mag <= umax)) {
        st->flags |= inexact ? SF_INEXACT : 0;
        return mag;
    }
    st->flags |= SF_INVALID;
    return p.sign ? 0 : umax;
}

int16_t sf_f16_to_i16(uint16_t a, int rmode, int fbits, SFStatus *st)
{
    return (int16_t)sf_to_int(SF_FMT16, a, rmode, fbits, 16, true, st);
}

uint16_t sf_f16_to_u16(uint16_t a, int rmode, int fbits, SFStatus *st)
{
    return (uint16_t)sf_to_int(SF_FMT16, a, rmode, fbits, 16, false, st);
}

int32_t sf_f16_to_i32(uint16_t a, int rmode, int fbits, SFStatus *st)
{
    return (int32_t)sf_to_int(SF_FMT16, a, rmode, fbits, 32, true, st);
}

uint32_t sf_f16_to_u32(uint16_t a, int rmode, int fbits, SFStatus *st)
{
    return (uint32_t)sf_to_int(SF_FMT16, a, rmode, fbits, 32, false, st);
}

int64_t sf_f16_to_i64(uint16_t a, int rmode, int fbits, SFStatus *st)
{
    return (int64_t)sf_to_int(SF_FMT16, a, rmode, fbits, 64, true, st);
}

uint64_t sf_f16_to_u64(uint16_t a, int rmode, int fbits, SFStatus *st)
{
    return sf_to_int(SF_FMT16, a, rmode, fbits, 64, false, st);
}

int32_t sf_f32_to_i32(uint32_t a, int rmode, int fbits, SFStatus *st)
{
    return (int32_t)sf_to_int(SF_FMT32, a, rmode, fbits, 32, true, st);
}

uint32_t sf_f32_to_u32(uint32_t a, int rmode, int fbits, SFStatus *st)
{
    return (uint32_t)sf_to_int(SF_FMT32, a, rmode, fbits, 32, false, st);
}

int64_t sf_f32_to_i64(uint32_t a, int rmode, int fbits, SFStatus *st)
{
    return (int64_t)sf_to_int(SF_FMT32, a, rmode, fbits, 64, true, st);
}

uint64_t sf_f32_to_u64(uint32_t a, int rmode, int fbits, SFStatus *st)
{
    return sf_to_int(SF_FMT32, a, rmode, fbits, 64, false, st);
}

int32_t sf_f64_to_i32(uint64_t a, int rmode, int fbits, SFStatus *st)
{
    return (int32_t)sf_to_int(SF_FMT64, a, rmode, fbits, 32, true, st);
}

uint32_t sf_f64_to_u32(uint64_t a, int rmode, int fbits, SFStatus *st)
{
    return (uint32_t)sf_to_int(SF_FMT64, a, rmode, fbits, 32, false, st);
}

int64_t sf_f64_to_i64(uint64_t a, int rmode, int fbits, SFStatus *st)
{
    return (int64_t)sf_to_int(SF_FMT64, a, rmode, fbits, 64, true, st);
}

uint64_t sf_f64_to_u64(uint64_t a, int rmode, int fbits, SFStatus *st)
{
    return sf_to_int(SF_FMT64, a, rmode, fbits, 64, false, st);
}

/* ---- FPToFixedJS ---- */

int32_t sf_f64_to_i32_js(uint64_t a, bool *z_flag, SFStatus *st)
{
    SFParts p = sf_unpack(SF_FMT64, a, st->flush_inputs, st);
    uint64_t mag = 0;
    bool inexact = false, in_range;

    if (p.cls != SFC_NORMAL) {
        /*
         * NaN and infinity are out of range and give 0. Z also needs +0
         * itself: -0 and a denormal that FZ flushed clear it.
         */
        bool bad = p.cls != SFC_ZERO;
        if (bad) {
            st->flags |= SF_INVALID;
        }
        *z_flag = !bad && !p.sign && (a & 0x000FFFFFFFFFFFFFull) == 0;
        return 0;
    }
    /* Integer part modulo 2^64 is all that the low 32 bits need. */
    if (p.exp < 0) {
        inexact = true;
    } else if (p.exp < 63) {
        mag = p.sig >> (63 - p.exp);
        inexact = (p.sig << (p.exp + 1)) != 0;
    } else if (p.exp < 127) {
        mag = p.sig << (p.exp - 63);
    }
    /* Truncation toward zero: -2^31 - 0.5 is still in range. */
    in_range = p.exp < 32 && mag <= 0x7FFFFFFFu + p.sign;
    if (!in_range) {
        st->flags |= SF_INVALID;
    } else if (inexact) {
        st->flags |= SF_INEXACT;
    }
    *z_flag = in_range && !inexact;
    return (int32_t)(uint32_t)(p.sign ? -mag : mag);
}

/* ---- FixedToFP ---- */

SF_INLINE uint64_t sf_from_int(SFFmt f, bool neg, uint64_t mag, int fbits,
                               SFStatus *st)
{
    SFParts p;

    if (mag == 0) {
        return 0;
    }
    p = sf_parts_from_u64(neg, mag, fbits);
    return sf_round_pack(f, neg, p.exp, p.sig, st->rmode, st->flush_to_zero,
                         st);
}

SF_INLINE uint64_t sf_from_i64(SFFmt f, int64_t v, int fbits, SFStatus *st)
{
    return sf_from_int(f, v < 0, v < 0 ? -(uint64_t)v : (uint64_t)v, fbits,
                       st);
}

uint16_t sf_i32_to_f16(int32_t v, int fbits, SFStatus *st)
{
    return sf_from_i64(SF_FMT16, v, fbits, st);
}

uint16_t sf_u32_to_f16(uint32_t v, int fbits, SFStatus *st)
{
    return sf_from_int(SF_FMT16, false, v, fbits, st);
}

uint16_t sf_i64_to_f16(int64_t v, int fbits, SFStatus *st)
{
    return sf_from_i64(SF_FMT16, v, fbits, st);
}

uint16_t sf_u64_to_f16(uint64_t v, int fbits, SFStatus *st)
{
    return sf_from_int(SF_FMT16, false, v, fbits, st);
}

uint32_t sf_i32_to_f32(int32_t v, int fbits, SFStatus *st)
{
    return sf_from_i64(SF_FMT32, v, fbits, st);
}

uint32_t sf_u32_to_f32(uint32_t v, int fbits, SFStatus *st)
{
    return sf_from_int(SF_FMT32, false, v, fbits, st);
}

uint32_t sf_i64_to_f32(int64_t v, int fbits, SFStatus *st)
{
    return sf_from_i64(SF_FMT32, v, fbits, st);
}

uint32_t sf_u64_to_f32(uint64_t v, int fbits, SFStatus *st)
{
    return sf_from_int(SF_FMT32, false, v, fbits, st);
}

uint64_t sf_i32_to_f64(int32_t v, int fbits, SFStatus *st)
{
    return sf_from_i64(SF_FMT64, v, fbits, st);
}

uint64_t sf_u32_to_f64(uint32_t v, int fbits, SFStatus *st)
{
    return sf_from_int(SF_FMT64, false, v, fbits, st);
}

uint64_t sf_i64_to_f64(int64_t v, int fbits, SFStatus *st)
{
    return sf_from_i64(SF_FMT64, v, fbits, st);
}

uint64_t sf_u64_to_f64(uint64_t v, int fbits, SFStatus *st)
{
    return sf_from_int(SF_FMT64, false, v, fbits, st);
}

/* ---- FPRoundInt, FPRoundIntN ---- */

SF_INLINE uint64_t sf_round_int(SFFmt f, uint64_t a, int rmode, bool exact,
                                SFStatus *st)
{
    SFParts p = sf_unpack(f, a, st->flush_inputs, st);
    uint64_t mag;
    bool inexact;

    if (sf_is_nan_cls(p.cls)) {
        return sf_process_nan(f, a, p.cls, st);
    }
    if (p.cls == SFC_INF) {
        return a;
    }
    if (p.cls == SFC_ZERO) {
        return sf_zero(f, p.sign);
    }
    if (p.exp >= f.frac_bits) {
        return a;
    }
    sf_round_to_int(p, 0, rmode, &mag, &inexact);
    if (inexact && exact) {
        st->flags |= SF_INEXACT;
    }
    if (mag == 0) {
        return sf_zero(f, p.sign);
    }
    p = sf_parts_from_u64(p.sign, mag, 0);
    return sf_round_pack(f, p.sign, p.exp, p.sig, SF_RZ, false, st);
}

uint16_t sf_f16_round_int(uint16_t a, int rmode, bool exact, SFStatus *st)
{
    return sf_round_int(SF_FMT16, a, rmode, exact, st);
}

uint32_t sf_f32_round_int(uint32_t a, int rmode, bool exact, SFStatus *st)
{
    return sf_round_int(SF_FMT32, a, rmode, exact, st);
}

uint64_t sf_f64_round_int(uint64_t a, int rmode, bool exact, SFStatus *st)
{
    return sf_round_int(SF_FMT64, a, rmode, exact, st);
}

SF_INLINE uint64_t sf_round_int_n(SFFmt f, uint64_t a, int rmode,
                                  int intsize, SFStatus *st)
{
    SFParts p = sf_unpack(f, a, st->flush_inputs, st);
    /* The out-of-range answer is -2^(intsize-1). */
    uint64_t most_neg = sf_sign_bit(f) |
                        (uint64_t)(sf_bias(f) + intsize - 1) << f.frac_bits;
    uint64_t mag;
    bool inexact;

    if (p.cls == SFC_ZERO) {
        return sf_zero(f, p.sign);
    }
    if (p.cls != SFC_NORMAL ||
        !sf_round_to_int(p, 0, rmode, &mag, &inexact) ||
        mag > (1ull << (intsize - 1)) - !p.sign) {
        st->flags |= SF_INVALID;
        return most_neg;
    }
    if (inexact) {
        st->flags |= SF_INEXACT;
    }
    if (mag == 0) {
        return sf_zero(f, p.sign);
    }
    p = sf_parts_from_u64(p.sign, mag, 0);
    return sf_round_pack(f, p.sign, p.exp, p.sig, SF_RZ, false, st);
}

uint32_t sf_f32_round_int_n(uint32_t a, int rmode, int intsize, SFStatus *st)
{
    return sf_round_int_n(SF_FMT32, a, rmode, intsize, st);
}

uint64_t sf_f64_round_int_n(uint64_t a, int rmode, int intsize, SFStatus *st)
{
    return sf_round_int_n(SF_FMT64, a, rmode, intsize, st);
}

/* ---- FPConvert ---- */

SF_INLINE uint64_t sf_convert(SFFmt from, SFFmt to, uint64_t a, SFStatus *st)
{
    /* FPUnpackCV and FPRoundCV clear FZ16: f16 is never flushed here. */
    bool flush_in = from.frac_bits != 10 && st->flush_inputs;
    bool flush_out = to.frac_bits != 10 && st->flush_to_zero;
    SFParts p = sf_unpack(from, a, flush_in, st);

    switch (p.cls) {
    case SFC_QNAN:
    case SFC_SNAN:
        if (p.cls == SFC_SNAN) {
            st->flags |= SF_INVALID;
        }
        if (st->default_nan) {
            return sf_default_nan(to);
        }
        /* FPConvertNaN: keep the top payload bits, force quiet. */
        return (p.sign ? sf_sign_bit(to) : 0) | sf_inf(to, false) |
               sf_qbit(to) |
               (((a & sf_frac_mask(from)) << (63 - from.frac_bits)) >>
                (63 - to.frac_bits));
    case SFC_INF:
        return sf_inf(to, p.sign);
    case SFC_ZERO:
        return sf_zero(to, p.sign);
    default:
        return sf_round_pack(to, p.sign, p.exp, p.sig, st->rmode, flush_out,
                             st);
    }
}

uint32_t sf_f16_to_f32(uint16_t a, SFStatus *st)
{
    return sf_convert(SF_FMT16, SF_FMT32, a, st);
}

uint64_t sf_f16_to_f64(uint16_t a, SFStatus *st)
{
    return sf_convert(SF_FMT16, SF_FMT64, a, st);
}

uint16_t sf_f32_to_f16(uint32_t a, SFStatus *st)
{
    return sf_convert(SF_FMT32, SF_FMT16, a, st);
}

uint64_t sf_f32_to_f64(uint32_t a, SFStatus *st)
{
    return sf_convert(SF_FMT32, SF_FMT64, a, st);
}

uint16_t sf_f64_to_f16(uint64_t a, SFStatus *st)
{
    return sf_convert(SF_FMT64, SF_FMT16, a, st);
}

uint32_t sf_f64_to_f32(uint64_t a, SFStatus *st)
{
    return sf_convert(SF_FMT64, SF_FMT32, a, st);
}
