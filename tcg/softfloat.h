/*
 * softfloat.h: bit-exact IEEE 754 binary16/32/64 arithmetic with the
 * semantics of the Arm ARM pseudocode (FPCR.AH == 0, FPCR.AHP == 0).
 *
 * Values travel as raw bit patterns (uint16_t, uint32_t, uint64_t) so that
 * front ends can keep guest registers as integers and never let the host FPU
 * touch a NaN payload. All state lives in the SFStatus the caller passes:
 * no globals, so threads can each own one.
 *
 * Arm choices baked in (and why a front end can rely on them):
 *  - tininess is detected before rounding (FPRoundBase);
 *  - with flush_to_zero, a result whose unrounded value is below the
 *    smallest normal becomes a signed zero and raises SF_UNDERFLOW only
 *    (never SF_INEXACT), exactly as FPCR.FZ / FZ16 do;
 *  - with flush_inputs, denormal operands read as signed zero; f32/f64
 *    operands then raise SF_INPUT_DENORMAL (FPSR.IDC), f16 operands do not,
 *    because FZ16 never sets IDC;
 *  - NaN propagation follows FPProcessNaNs: the first signaling NaN in
 *    operand order (quieted, invalid), else the first quiet NaN; a NaN made
 *    by an invalid operation, or any NaN when default_nan is set, is the
 *    positive default NaN.
 *
 * The caller builds one SFStatus per FPCR "view": for AArch64 that means
 * one with FZ for f32/f64 operations and one with FZ16 for f16 operations,
 * including f16 <-> integer conversions. Float-to-float conversions that
 * touch f16 implement FPConvert's special case themselves: an f16 input is
 * never flushed and an f16 output is never flushed, so pass them the FZ
 * (not FZ16) status.
 *
 * Speed: f32/f64 add, sub, mul, div, sqrt and muladd use the host's SSE/FMA
 * units when the result provably equals the soft path's (round to nearest,
 * normal operands and result, SF_INEXACT already set). That assumes the
 * host MXCSR stays in its default round-to-nearest mode, which mimic never
 * changes; -DSF_NO_HARDFLOAT removes the fast path.
 */
#ifndef MIMIC_TCG_SOFTFLOAT_H
#define MIMIC_TCG_SOFTFLOAT_H

#include <stdbool.h>
#include <stdint.h>

/* Rounding modes; the first four equal the FPCR.RMode encoding. */
enum {
    SF_RNE = 0,        /* to nearest, ties to even */
    SF_RPI = 1,        /* toward +infinity */
    SF_RMI = 2,        /* toward -infinity */
    SF_RZ = 3,         /* toward zero */
    SF_RNA = 4,        /* to nearest, ties away from zero (FRINTA, FCVTA*) */
    SF_ROUND_ODD = 5,  /* von Neumann rounding (FCVTXN) */
};

/* Exception flags; the values equal the FPSR cumulative bits. */
enum {
    SF_INVALID = 0x01,         /* IOC */
    SF_DIVBYZERO = 0x02,       /* DZC */
    SF_OVERFLOW = 0x04,        /* OFC */
    SF_UNDERFLOW = 0x08,       /* UFC */
    SF_INEXACT = 0x10,         /* IXC */
    SF_INPUT_DENORMAL = 0x80,  /* IDC */
};

typedef struct SFStatus {
    uint8_t rmode;       /* SF_RNE .. SF_ROUND_ODD; used where the op has no
                            explicit mode argument */
    bool flush_to_zero;  /* FZ: tiny results become signed zero */
    bool flush_inputs;   /* FZ: denormal operands read as signed zero */
    bool default_nan;    /* DN: every NaN result is the default NaN */
    uint8_t flags;       /* sticky SF_* exception flags */
} SFStatus;

/* Result of the compare functions. */
typedef enum SFRelation {
    SF_LESS = -1,
    SF_EQUAL = 0,
    SF_GREATER = 1,
    SF_UNORDERED = 2,
} SFRelation;

/*
 * muladd computes a*b + c with a single rounding. The NEGATE_PRODUCT and
 * NEGATE_C flags flip the sign bit of a and c *before* anything else, NaNs
 * included, because that is what FMSUB/FNMADD/FNMSUB/FMLS do (FPNeg on the
 * operand): a negated NaN operand comes out with its sign flipped.
 *   FMADD  d = a + n*m  ->  muladd(n, m, a, 0)
 *   FMSUB  d = a - n*m  ->  muladd(n, m, a, SF_MULADD_NEGATE_PRODUCT)
 *   FNMADD d = -a - n*m ->  muladd(n, m, a, NEGATE_PRODUCT | NEGATE_C)
 *   FNMSUB d = -a + n*m ->  muladd(n, m, a, SF_MULADD_NEGATE_C)
 * NaN choice follows Arm's FPMulAdd(addend, op1, op2), i.e. the order
 * c, a, b, and a quiet-NaN c with an infinity*zero product raises invalid
 * and gives the default NaN. SF_MULADD_NAN_ORDER_ABC selects plain operand
 * order a, b, c instead (and then inf*0+qNaN just returns the quiet NaN).
 * NEGATE_RESULT negates the exact result before rounding (not a NaN).
 */
enum {
    SF_MULADD_NEGATE_PRODUCT = 1,
    SF_MULADD_NEGATE_C = 2,
    SF_MULADD_NEGATE_RESULT = 4,
    SF_MULADD_NAN_ORDER_ABC = 8,
};

/* Constants. */
#define SF_F16_DEFAULT_NAN 0x7E00u
#define SF_F16_INF 0x7C00u
#define SF_F16_MAX 0x7BFFu
#define SF_F16_ONE 0x3C00u
#define SF_F16_SIGN 0x8000u

#define SF_F32_DEFAULT_NAN 0x7FC00000u
#define SF_F32_INF 0x7F800000u
#define SF_F32_MAX 0x7F7FFFFFu
#define SF_F32_MIN_NORMAL 0x00800000u
#define SF_F32_ONE 0x3F800000u
#define SF_F32_TWO 0x40000000u
#define SF_F32_SIGN 0x80000000u

#define SF_F64_DEFAULT_NAN 0x7FF8000000000000ull
#define SF_F64_INF 0x7FF0000000000000ull
#define SF_F64_MAX 0x7FEFFFFFFFFFFFFFull
#define SF_F64_MIN_NORMAL 0x0010000000000000ull
#define SF_F64_ONE 0x3FF0000000000000ull
#define SF_F64_TWO 0x4000000000000000ull
#define SF_F64_SIGN 0x8000000000000000ull

/* Classification: pure bit tests, no flags, FZ not applied. */
static inline bool sf_f16_sign(uint16_t a) { return a >> 15; }
static inline bool sf_f16_is_nan(uint16_t a) { return (a & 0x7FFF) > 0x7C00; }
static inline bool sf_f16_is_snan(uint16_t a)
{
    return sf_f16_is_nan(a) && !(a & 0x0200);
}
static inline bool sf_f16_is_qnan(uint16_t a)
{
    return sf_f16_is_nan(a) && (a & 0x0200);
}
static inline bool sf_f16_is_inf(uint16_t a) { return (a & 0x7FFF) == 0x7C00; }
static inline bool sf_f16_is_zero(uint16_t a) { return (a & 0x7FFF) == 0; }
static inline bool sf_f16_is_denormal(uint16_t a)
{
    return (a & 0x7C00) == 0 && (a & 0x03FF) != 0;
}
static inline uint16_t sf_f16_neg(uint16_t a) { return a ^ 0x8000; }
static inline uint16_t sf_f16_abs(uint16_t a) { return a & 0x7FFF; }

static inline bool sf_f32_sign(uint32_t a) { return a >> 31; }
static inline bool sf_f32_is_nan(uint32_t a)
{
    return (a & 0x7FFFFFFF) > 0x7F800000;
}
static inline bool sf_f32_is_snan(uint32_t a)
{
    return sf_f32_is_nan(a) && !(a & 0x00400000);
}
static inline bool sf_f32_is_qnan(uint32_t a)
{
    return sf_f32_is_nan(a) && (a & 0x00400000);
}
static inline bool sf_f32_is_inf(uint32_t a)
{
    return (a & 0x7FFFFFFF) == 0x7F800000;
}
static inline bool sf_f32_is_zero(uint32_t a) { return (a & 0x7FFFFFFF) == 0; }
static inline bool sf_f32_is_denormal(uint32_t a)
{
    return (a & 0x7F800000) == 0 && (a & 0x007FFFFF) != 0;
}
static inline uint32_t sf_f32_neg(uint32_t a) { return a ^ 0x80000000u; }
static inline uint32_t sf_f32_abs(uint32_t a) { return a & 0x7FFFFFFFu; }

static inline bool sf_f64_sign(uint64_t a) { return a >> 63; }
static inline bool sf_f64_is_nan(uint64_t a)
{
    return (a & ~SF_F64_SIGN) > SF_F64_INF;
}
static inline bool sf_f64_is_snan(uint64_t a)
{
    return sf_f64_is_nan(a) && !(a & 0x0008000000000000ull);
}
static inline bool sf_f64_is_qnan(uint64_t a)
{
    return sf_f64_is_nan(a) && (a & 0x0008000000000000ull);
}
static inline bool sf_f64_is_inf(uint64_t a)
{
    return (a & ~SF_F64_SIGN) == SF_F64_INF;
}
static inline bool sf_f64_is_zero(uint64_t a) { return (a & ~SF_F64_SIGN) == 0; }
static inline bool sf_f64_is_denormal(uint64_t a)
{
    return (a & SF_F64_INF) == 0 && (a & 0x000FFFFFFFFFFFFFull) != 0;
}
static inline uint64_t sf_f64_neg(uint64_t a) { return a ^ SF_F64_SIGN; }
static inline uint64_t sf_f64_abs(uint64_t a) { return a & ~SF_F64_SIGN; }

/* Arithmetic (FPAdd, FPSub, FPMul, FPMulX, FPDiv, FPSqrt, FPMulAdd). */
uint16_t sf_f16_add(uint16_t a, uint16_t b, SFStatus *st);
uint16_t sf_f16_sub(uint16_t a, uint16_t b, SFStatus *st);
uint16_t sf_f16_mul(uint16_t a, uint16_t b, SFStatus *st);
uint16_t sf_f16_mulx(uint16_t a, uint16_t b, SFStatus *st);
uint16_t sf_f16_div(uint16_t a, uint16_t b, SFStatus *st);
uint16_t sf_f16_sqrt(uint16_t a, SFStatus *st);
uint16_t sf_f16_muladd(uint16_t a, uint16_t b, uint16_t c, int flags,
                       SFStatus *st);

uint32_t sf_f32_add(uint32_t a, uint32_t b, SFStatus *st);
uint32_t sf_f32_sub(uint32_t a, uint32_t b, SFStatus *st);
uint32_t sf_f32_mul(uint32_t a, uint32_t b, SFStatus *st);
uint32_t sf_f32_mulx(uint32_t a, uint32_t b, SFStatus *st);
uint32_t sf_f32_div(uint32_t a, uint32_t b, SFStatus *st);
uint32_t sf_f32_sqrt(uint32_t a, SFStatus *st);
uint32_t sf_f32_muladd(uint32_t a, uint32_t b, uint32_t c, int flags,
                       SFStatus *st);

uint64_t sf_f64_add(uint64_t a, uint64_t b, SFStatus *st);
uint64_t sf_f64_sub(uint64_t a, uint64_t b, SFStatus *st);
uint64_t sf_f64_mul(uint64_t a, uint64_t b, SFStatus *st);
uint64_t sf_f64_mulx(uint64_t a, uint64_t b, SFStatus *st);
uint64_t sf_f64_div(uint64_t a, uint64_t b, SFStatus *st);
uint64_t sf_f64_sqrt(uint64_t a, SFStatus *st);
uint64_t sf_f64_muladd(uint64_t a, uint64_t b, uint64_t c, int flags,
                       SFStatus *st);

/*
 * Arm reciprocal helpers. recps is FRECPS (2 - a*b) and rsqrts is FRSQRTS
 * ((3 - a*b) / 2), each fused with one rounding; a's sign is flipped
 * before NaN selection and infinity*zero gives 2.0 / 1.5. recpe and
 * rsqrte are the 8-bit FRECPE/FRSQRTE estimates, recpx is FRECPX.
 */
uint16_t sf_f16_recps(uint16_t a, uint16_t b, SFStatus *st);
uint16_t sf_f16_rsqrts(uint16_t a, uint16_t b, SFStatus *st);
uint16_t sf_f16_recpe(uint16_t a, SFStatus *st);
uint16_t sf_f16_rsqrte(uint16_t a, SFStatus *st);
uint16_t sf_f16_recpx(uint16_t a, SFStatus *st);
uint32_t sf_f32_recps(uint32_t a, uint32_t b, SFStatus *st);
uint32_t sf_f32_rsqrts(uint32_t a, uint32_t b, SFStatus *st);
uint32_t sf_f32_recpe(uint32_t a, SFStatus *st);
uint32_t sf_f32_rsqrte(uint32_t a, SFStatus *st);
uint32_t sf_f32_recpx(uint32_t a, SFStatus *st);
uint64_t sf_f64_recps(uint64_t a, uint64_t b, SFStatus *st);
uint64_t sf_f64_rsqrts(uint64_t a, uint64_t b, SFStatus *st);
uint64_t sf_f64_recpe(uint64_t a, SFStatus *st);
uint64_t sf_f64_rsqrte(uint64_t a, SFStatus *st);
uint64_t sf_f64_recpx(uint64_t a, SFStatus *st);

/*
 * The Arm ARM's integer algorithms under the estimates: RecipEstimate of a
 * in [256, 512) (0.5 <= x < 1 in 1/512ths) and RecipSqrtEstimate of a in
 * [128, 512) (0.25 <= x < 1), each in [256, 512) (0.5 <= y < 1). URECPE and
 * URSQRTE use them too, and tcg builds its estimate table from them
 * (tcg_fp_estimates).
 */
unsigned sf_recip_estimate(unsigned a);
unsigned sf_rsqrt_estimate(unsigned a);

/*
 * min/max are FMIN/FMAX (any NaN propagates, -0 < +0); minnum/maxnum are
 * FMINNM/FMAXNM (IEEE 754-2008 minNum/maxNum: one quiet NaN loses to a
 * number; a signaling NaN gives invalid and a NaN).
 */
uint16_t sf_f16_min(uint16_t a, uint16_t b, SFStatus *st);
uint16_t sf_f16_max(uint16_t a, uint16_t b, SFStatus *st);
uint16_t sf_f16_minnum(uint16_t a, uint16_t b, SFStatus *st);
uint16_t sf_f16_maxnum(uint16_t a, uint16_t b, SFStatus *st);
uint32_t sf_f32_min(uint32_t a, uint32_t b, SFStatus *st);
uint32_t sf_f32_max(uint32_t a, uint32_t b, SFStatus *st);
uint32_t sf_f32_minnum(uint32_t a, uint32_t b, SFStatus *st);
uint32_t sf_f32_maxnum(uint32_t a, uint32_t b, SFStatus *st);
uint64_t sf_f64_min(uint64_t a, uint64_t b, SFStatus *st);
uint64_t sf_f64_max(uint64_t a, uint64_t b, SFStatus *st);
uint64_t sf_f64_minnum(uint64_t a, uint64_t b, SFStatus *st);
uint64_t sf_f64_maxnum(uint64_t a, uint64_t b, SFStatus *st);

/*
 * FPCompare. compare is the signaling form (FCMPE, FCMGE/FCMGT): invalid
 * on any NaN; compare_quiet (FCMP, FCMEQ) raises invalid only on an SNaN.
 */
SFRelation sf_f16_compare(uint16_t a, uint16_t b, SFStatus *st);
SFRelation sf_f16_compare_quiet(uint16_t a, uint16_t b, SFStatus *st);
SFRelation sf_f32_compare(uint32_t a, uint32_t b, SFStatus *st);
SFRelation sf_f32_compare_quiet(uint32_t a, uint32_t b, SFStatus *st);
SFRelation sf_f64_compare(uint64_t a, uint64_t b, SFStatus *st);
SFRelation sf_f64_compare_quiet(uint64_t a, uint64_t b, SFStatus *st);

/*
 * FPRoundInt: round to an integral value in rmode (not SF_ROUND_ODD).
 * exact raises SF_INEXACT when the value changed (FRINTX); FRINTN/A/P/M/Z/I
 * pass false. FRINTI and FRINTX pass st->rmode.
 */
uint16_t sf_f16_round_int(uint16_t a, int rmode, bool exact, SFStatus *st);
uint32_t sf_f32_round_int(uint32_t a, int rmode, bool exact, SFStatus *st);
uint64_t sf_f64_round_int(uint64_t a, int rmode, bool exact, SFStatus *st);

/*
 * FPRoundIntN (FRINT32Z/X, FRINT64Z/X): round in rmode and require the
 * result to fit a signed intsize-bit integer (32 or 64); NaN, infinity and
 * out-of-range give -2^(intsize-1) with invalid.
 */
uint32_t sf_f32_round_int_n(uint32_t a, int rmode, int intsize, SFStatus *st);
uint64_t sf_f64_round_int_n(uint64_t a, int rmode, int intsize, SFStatus *st);

/*
 * FPConvert between formats, in st->rmode. Payloads of NaNs keep their top
 * bits and are quieted; an SNaN raises invalid. See the note at the top of
 * the file about flushing around f16.
 */
uint32_t sf_f16_to_f32(uint16_t a, SFStatus *st);
uint64_t sf_f16_to_f64(uint16_t a, SFStatus *st);
uint16_t sf_f32_to_f16(uint32_t a, SFStatus *st);
uint64_t sf_f32_to_f64(uint32_t a, SFStatus *st);
uint16_t sf_f64_to_f16(uint64_t a, SFStatus *st);
uint32_t sf_f64_to_f32(uint64_t a, SFStatus *st);

/*
 * FPToFixed: value * 2^fbits rounded in rmode and saturated to the integer
 * type. NaN gives 0 and invalid; out of range saturates and raises invalid
 * (and not inexact). fbits is 0..64.
 */
int16_t sf_f16_to_i16(uint16_t a, int rmode, int fbits, SFStatus *st);
uint16_t sf_f16_to_u16(uint16_t a, int rmode, int fbits, SFStatus *st);
int32_t sf_f16_to_i32(uint16_t a, int rmode, int fbits, SFStatus *st);
uint32_t sf_f16_to_u32(uint16_t a, int rmode, int fbits, SFStatus *st);
int64_t sf_f16_to_i64(uint16_t a, int rmode, int fbits, SFStatus *st);
uint64_t sf_f16_to_u64(uint16_t a, int rmode, int fbits, SFStatus *st);
int32_t sf_f32_to_i32(uint32_t a, int rmode, int fbits, SFStatus *st);
uint32_t sf_f32_to_u32(uint32_t a, int rmode, int fbits, SFStatus *st);
int64_t sf_f32_to_i64(uint32_t a, int rmode, int fbits, SFStatus *st);
uint64_t sf_f32_to_u64(uint32_t a, int rmode, int fbits, SFStatus *st);
int32_t sf_f64_to_i32(uint64_t a, int rmode, int fbits, SFStatus *st);
uint32_t sf_f64_to_u32(uint64_t a, int rmode, int fbits, SFStatus *st);
int64_t sf_f64_to_i64(uint64_t a, int rmode, int fbits, SFStatus *st);
uint64_t sf_f64_to_u64(uint64_t a, int rmode, int fbits, SFStatus *st);

/*
 * FJCVTZS: f64 to int32 rounding toward zero, modulo 2^32 instead of
 * saturating. *z_flag receives the Z flag the instruction sets: exact, in
 * range, and neither -0 nor a denormal flushed by FZ. That last part is the
 * Arm ARM's FPToFixedJS; qemu 7.2 sets Z there (QEMU issue #2375).
 */
int32_t sf_f64_to_i32_js(uint64_t a, bool *z_flag, SFStatus *st);

/* FixedToFP: v / 2^fbits rounded in st->rmode; fbits is 0..64. */
uint16_t sf_i32_to_f16(int32_t v, int fbits, SFStatus *st);
uint16_t sf_u32_to_f16(uint32_t v, int fbits, SFStatus *st);
uint16_t sf_i64_to_f16(int64_t v, int fbits, SFStatus *st);
uint16_t sf_u64_to_f16(uint64_t v, int fbits, SFStatus *st);
uint32_t sf_i32_to_f32(int32_t v, int fbits, SFStatus *st);
uint32_t sf_u32_to_f32(uint32_t v, int fbits, SFStatus *st);
uint32_t sf_i64_to_f32(int64_t v, int fbits, SFStatus *st);
uint32_t sf_u64_to_f32(uint64_t v, int fbits, SFStatus *st);
uint64_t sf_i32_to_f64(int32_t v, int fbits, SFStatus *st);
uint64_t sf_u32_to_f64(uint32_t v, int fbits, SFStatus *st);
uint64_t sf_i64_to_f64(int64_t v, int fbits, SFStatus *st);
uint64_t sf_u64_to_f64(uint64_t v, int fbits, SFStatus *st);

#endif /* MIMIC_TCG_SOFTFLOAT_H */
