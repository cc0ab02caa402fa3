/*
 * The contract between the A64 FP/SIMD translators (a64-fp.c, a64-simd*.c)
 * and their run-time helpers (helper-fp.c, helper-simd.c): the element
 * operation codes the translators' tables name, the packing of a helper's
 * descriptor word, and the helper descriptors themselves.
 *
 * Vector helpers take register NUMBERS, not values: a helper reads its
 * sources from env->vregs[] in full before it writes the destination, so
 * Vd may alias Vn/Vm, and one call covers a whole vector.  The scalar
 * arithmetic, compare and conversion helpers of a64-fp.c take and return
 * values instead (below).  They read env->fpcr and
 * OR flags into env->fpsr, neither of which is a TCG global, so every one
 * of them is TCG_CALL_NO_RG | TCG_CALL_NO_WG.
 */
#ifndef TARGET_ARM_HELPER_FP_H
#define TARGET_ARM_HELPER_FP_H

#include <stdint.h>

#include "cpu.h"
#include "tcg/softfloat.h"
#include "tcg/tcg.h"

/* FPCR and FPSR bits the helpers use. */
#define FPCR_AHP (1u << 26)        /* alternative half-precision format */
#define FPCR_DN (1u << 25)         /* default NaN */
#define FPCR_FZ (1u << 24)         /* flush denormals to zero */
#define FPCR_RMODE_SHIFT 22        /* RMode, bits 23:22 */
#define FPSR_QC (1u << 27)         /* cumulative saturation */
#define FPSR_CUMULATIVE 0x9fu      /* IDC IXC UFC OFC DZC IOC = SF_* flags */

/*
 * Descriptor word of a helper call, built at translation time:
 *   bits  0..7   op     (an FPOp / SimdIntOp / SimdMiscOp / ... code)
 *   bits  8..9   esz    element size: 0 B, 1 H, 2 S, 3 D (of the result
 *                       unless the op says otherwise)
 *   bit  10      q      128-bit vector (else 64-bit, upper half zeroed)
 *   bit  11      scalar one element, the rest of Vd zeroed
 *   bit  12      part   the "2" form: upper half of a narrow/wide operand
 *   bit  13      pair   pairwise: operands are adjacent lanes of Vm:Vn
 *   bit  14      uns    unsigned variant (conversions)
 *   bits 16..19  idx    element index of the by-element forms
 *   bits 20..22  rmode  SF_RNE..SF_RNA, or 7 for "FPCR.RMode"
 *   bits 24..31  imm    shift amount or fixed-point fraction bits
 * Register numbers travel in a second word: rd | rn << 5 | rm << 10 |
 * ra << 15.
 */
#define DESC_OP(d) ((d) & 0xff)
#define DESC_ESZ(d) (((d) >> 8) & 3)
#define DESC_Q (1u << 10)
#define DESC_SCALAR (1u << 11)
#define DESC_PART (1u << 12)
#define DESC_PAIR (1u << 13)
#define DESC_UNS (1u << 14)
#define DESC_IDX(d) (((d) >> 16) & 15)
#define DESC_RMODE(d) (((d) >> 20) & 7)
#define DESC_IMM(d) ((d) >> 24)
#define DESC_RMODE_FPCR 7

static inline uint32_t simd_desc(unsigned op, unsigned esz, uint32_t flags)
{
    return op | esz << 8 | flags;
}
#define DESC_MAKE_IDX(i) ((uint32_t)(i) << 16)
#define DESC_MAKE_RMODE(r) ((uint32_t)(r) << 20)
#define DESC_MAKE_IMM(i) ((uint32_t)(i) << 24)

static inline uint32_t simd_regs(int rd, int rn, int rm, int ra)
{
    return rd | rn << 5 | rm << 10 | ra << 15;
}
#define REGS_D(r) ((r) & 31)
#define REGS_N(r) (((r) >> 5) & 31)
#define REGS_M(r) (((r) >> 10) & 31)
#define REGS_A(r) (((r) >> 15) & 31)

/* ---- floating point element operations (helper-fp.c) ---- */

/* Two operands (three same, by element, pairwise, across lanes, the scalar
 * FP data-processing group).  d is the accumulator of MLA/MLS. */
typedef enum FPOp {
    FPOP_NONE,
    FPOP_ADD, FPOP_SUB, FPOP_MUL, FPOP_DIV, FPOP_NMUL, FPOP_MULX,
    FPOP_MAX, FPOP_MIN, FPOP_MAXNM, FPOP_MINNM,
    FPOP_ABD, FPOP_RECPS, FPOP_RSQRTS,
    FPOP_MLA, FPOP_MLS,
    FPOP_CMEQ, FPOP_CMGE, FPOP_CMGT, FPOP_ACGE, FPOP_ACGT,
    /* One operand (two-register misc, FP data-processing 1 source). */
    FPOP_ABS, FPOP_NEG, FPOP_SQRT,
    FPOP_RINT,          /* rounding in DESC_RMODE, exact if DESC_IMM != 0 */
    FPOP_RECPE, FPOP_RSQRTE, FPOP_RECPX,
    FPOP_URECPE, FPOP_URSQRTE,   /* integer estimates, on 32-bit lanes */
    FPOP_CMGT0, FPOP_CMGE0, FPOP_CMEQ0, FPOP_CMLE0, FPOP_CMLT0,
    FPOP_TOINT,         /* FCVT*S/U: same-size integer, DESC_RMODE, DESC_IMM fbits */
    FPOP_FROMINT,       /* SCVTF/UCVTF: same-size integer, DESC_IMM fbits */
    FPOP_CVT,           /* FCVT scalar: to esz from DESC_IMM (source esz) */
    /* The vector conversions, which a64-simd.c does lane by lane, each
     * lane FPOP_CVT or FPOP_CVTXN of helper_fp_unary where not inline: */
    FPOP_CVTN,          /* FCVTN: narrow */
    FPOP_CVTXN,         /* FCVTXN: f64 -> f32 rounding to odd */
    FPOP_CVTL,          /* FCVTL: widen */
    FPOP_COUNT
} FPOp;

/* Vector, scalar and pairwise forms of the two-operand ops:
 * (env, desc, regs) with Vd = op(Vn, Vm[, Vd]). */
void helper_vfp_3op(CPUARMState *env, uint32_t desc, uint32_t regs);
/* By element: Vd = op(Vn, Vm[idx]). */
void helper_vfp_indexed(CPUARMState *env, uint32_t desc, uint32_t regs);
/* One-operand forms: Vd = op(Vn). */
void helper_vfp_2misc(CPUARMState *env, uint32_t desc, uint32_t regs);

/*
 * Scalar FP on values (a64-fp.c): operands and results are the bit
 * patterns, f32 in the low 32 bits (zero-extended), so the translator
 * keeps them in temps.  Each has a host fast path for the common case.
 */
#define SCALAR_FP_BINOP_DECL(name)                                         \
    uint64_t helper_##name##_s(CPUARMState *env, uint64_t a, uint64_t b);  \
    uint64_t helper_##name##_d(CPUARMState *env, uint64_t a, uint64_t b);  \
    DECLARE_HELPER_INFO(name##_s);                                          \
    DECLARE_HELPER_INFO(name##_d)
SCALAR_FP_BINOP_DECL(fadd);
SCALAR_FP_BINOP_DECL(fsub);
SCALAR_FP_BINOP_DECL(fmul);
SCALAR_FP_BINOP_DECL(fdiv);
SCALAR_FP_BINOP_DECL(fnmul);
SCALAR_FP_BINOP_DECL(fmax);
SCALAR_FP_BINOP_DECL(fmin);
SCALAR_FP_BINOP_DECL(fmaxnm);
SCALAR_FP_BINOP_DECL(fminnm);
/* FCMEQ/FCMGE/FCMGT on one lane: its all-ones mask or zero. */
SCALAR_FP_BINOP_DECL(fcmeq);
SCALAR_FP_BINOP_DECL(fcmge);
SCALAR_FP_BINOP_DECL(fcmgt);
/* FACGE/FACGT (the same of |a| and |b|), FABD, FMULX. */
SCALAR_FP_BINOP_DECL(facge);
SCALAR_FP_BINOP_DECL(facgt);
SCALAR_FP_BINOP_DECL(fabd);
SCALAR_FP_BINOP_DECL(fmulx);
/* FMADD/FMSUB/FNMADD/FNMSUB: n*m and a; DESC_OP is 0..3 = o1:o0. */
uint64_t helper_fp_fma(CPUARMState *env, uint64_t n, uint64_t m, uint64_t a,
                       uint32_t desc);
/* The same on registers (regs: d, n, m, a), Vd's other bits zeroed: the
 * fallback of gen_fp_muladd. */
void helper_fp_fma_reg(CPUARMState *env, uint32_t desc, uint32_t regs);
/* FCMP/FCMPE (DESC_IMM bit 0: signalling): NZCV in bits 3:0. */
uint32_t helper_fp_compare(CPUARMState *env, uint64_t a, uint64_t b, uint32_t desc);
/* The same without desc, f32 or f64, quiet or signalling (FCMPE), as
 * fbinop_i64's fallback. */
uint64_t helper_fcmp_s(CPUARMState *env, uint64_t a, uint64_t b);
uint64_t helper_fcmp_d(CPUARMState *env, uint64_t a, uint64_t b);
uint64_t helper_fcmpe_s(CPUARMState *env, uint64_t a, uint64_t b);
uint64_t helper_fcmpe_d(CPUARMState *env, uint64_t a, uint64_t b);
/* FSQRT (DESC_OP FPOP_SQRT) or FCVT (FPOP_CVT: to DESC_ESZ from DESC_IMM)
 * of a scalar value. */
uint64_t helper_fp_unary(CPUARMState *env, uint64_t a, uint32_t desc);
/* FCVT*: to an integer; DESC_ESZ is the FP size, DESC_RMODE the rounding,
 * DESC_IMM the fraction bits, DESC_Q a 64-bit integer, DESC_UNS unsigned. */
uint64_t helper_fp_to_int(CPUARMState *env, uint64_t a, uint32_t desc);
/* SCVTF/UCVTF: an integer (DESC_Q 64-bit) to DESC_ESZ FP. */
uint64_t helper_int_to_fp(CPUARMState *env, uint64_t v, uint32_t desc);

DECLARE_HELPER_INFO(vfp_3op);
DECLARE_HELPER_INFO(vfp_indexed);
DECLARE_HELPER_INFO(vfp_2misc);
DECLARE_HELPER_INFO(fp_fma);
DECLARE_HELPER_INFO(fp_fma_reg);
DECLARE_HELPER_INFO(fp_compare);
DECLARE_HELPER_INFO(fcmp_s);
DECLARE_HELPER_INFO(fcmp_d);
DECLARE_HELPER_INFO(fcmpe_s);
DECLARE_HELPER_INFO(fcmpe_d);
DECLARE_HELPER_INFO(fp_unary);
DECLARE_HELPER_INFO(fp_to_int);
DECLARE_HELPER_INFO(int_to_fp);

/* ---- integer element operations (helper-simd.c) ---- */

/* Two operands on lanes of one size (three same, by element, the wide
 * side of three different, pairwise, across lanes). */
typedef enum SimdIntOp {
    SI_NONE,
    SI_ADD, SI_SUB, SI_MUL, SI_PMUL, SI_MLA, SI_MLS,
    SI_SHADD, SI_UHADD, SI_SRHADD, SI_URHADD, SI_SHSUB, SI_UHSUB,
    SI_SQADD, SI_UQADD, SI_SQSUB, SI_UQSUB,
    SI_CMGT, SI_CMHI, SI_CMGE, SI_CMHS, SI_CMEQ, SI_CMTST,
    SI_SSHL, SI_USHL, SI_SQSHL, SI_UQSHL, SI_SRSHL, SI_URSHL,
    SI_SQRSHL, SI_UQRSHL,
    SI_SMAX, SI_UMAX, SI_SMIN, SI_UMIN,
    SI_SABD, SI_UABD, SI_SABA, SI_UABA,
    SI_SQDMULH, SI_SQRDMULH,
    /* Three different: evaluated at the wide size on extended inputs. */
    SI_SQDMULL, SI_SQDMLAL, SI_SQDMLSL,
    SI_ADDHN, SI_RADDHN, SI_SUBHN, SI_RSUBHN,   /* result: high half */
    SI_COUNT
} SimdIntOp;

/* Layout of the operands around the element op. */
enum {
    SL_SAME,         /* all lanes esz */
    SL_LONG,         /* Vn, Vm narrow (half the lanes, DESC_PART), Vd wide */
    SL_WIDE,         /* Vn wide, Vm narrow, Vd wide */
    SL_NARROW,       /* Vn, Vm wide, Vd narrow (DESC_PART: upper half) */
};

/* One-operand ops (two-register misc). */
typedef enum SimdMiscOp {
    SM_NONE,
    SM_REV16, SM_REV32, SM_REV64,
    SM_SADDLP, SM_UADDLP, SM_SADALP, SM_UADALP,
    SM_SUQADD, SM_USQADD, SM_SQABS, SM_SQNEG, SM_ABS, SM_NEG,
    SM_CLS, SM_CLZ, SM_CNT, SM_NOT, SM_RBIT,
    SM_CMGT0, SM_CMGE0, SM_CMEQ0, SM_CMLE0, SM_CMLT0,
    SM_XTN, SM_SQXTN, SM_UQXTN, SM_SQXTUN, SM_SHLL,
    SM_COUNT
} SimdMiscOp;

/* Shift by immediate (DESC_IMM = shift amount). */
typedef enum SimdShiftOp {
    SS_NONE,
    SS_SSHR, SS_USHR, SS_SSRA, SS_USRA, SS_SRSHR, SS_URSHR, SS_SRSRA, SS_URSRA,
    SS_SRI, SS_SHL, SS_SLI, SS_SQSHLU, SS_SQSHL, SS_UQSHL,
    SS_SHRN, SS_RSHRN, SS_SQSHRN, SS_UQSHRN, SS_SQRSHRN, SS_UQRSHRN,
    SS_SQSHRUN, SS_SQRSHRUN,
    SS_SSHLL, SS_USHLL,
    SS_COUNT
} SimdShiftOp;



/* Vd = op(Vn, Vm, Vd) lane by lane; desc also carries the layout in
 * DESC_IMM (SL_*). */
void helper_simd_3op(CPUARMState *env, uint32_t desc, uint32_t regs);
/* By element: Vd = op(Vn, Vm[idx]); layout in DESC_IMM. */
void helper_simd_indexed(CPUARMState *env, uint32_t desc, uint32_t regs);
void helper_simd_2misc(CPUARMState *env, uint32_t desc, uint32_t regs);
void helper_simd_shift(CPUARMState *env, uint32_t desc, uint32_t regs);

DECLARE_HELPER_INFO(simd_3op);
DECLARE_HELPER_INFO(simd_indexed);
DECLARE_HELPER_INFO(simd_2misc);
DECLARE_HELPER_INFO(simd_shift);

/* ---- lane access shared by both helper files ---- */

static inline uint64_t simd_esz_mask(unsigned esz)
{
    return esz == 3 ? ~0ull : (1ull << (8 << esz)) - 1;
}

/* Lane i of size esz, zero-extended; written so that it does not depend on
 * the host's byte order. */
static inline uint64_t vreg_get(const ARMVReg *v, unsigned i, unsigned esz)
{
    unsigned per = 8 >> esz;            /* lanes per 64-bit word */
    unsigned sh = (i % per) << (esz + 3);
    return (v->d[i / per] >> sh) & simd_esz_mask(esz);
}

static inline void vreg_set(ARMVReg *v, unsigned i, unsigned esz, uint64_t x)
{
    unsigned per = 8 >> esz;
    unsigned sh = (i % per) << (esz + 3);
    uint64_t m = simd_esz_mask(esz) << sh;
    v->d[i / per] = (v->d[i / per] & ~m) | ((x << sh) & m);
}

static inline int64_t simd_sext(uint64_t x, unsigned esz)
{
    unsigned sh = 64 - (8 << esz);
    return (int64_t)(x << sh) >> sh;
}

#endif
