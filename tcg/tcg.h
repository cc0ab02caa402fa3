/*
 * The micro-op IR: temps, labels, ops, helper descriptors, and the
 * translation context that a front end fills in for one block.
 *
 * A front end builds ops with the tcg_gen_* calls (tcg-op.h); the optimizer
 * rewrites the op list in place; a backend turns it into code.  The op set
 * itself is listed once, in tcg-opc.h.
 */
#ifndef TCG_TCG_H
#define TCG_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct TranslationBlock;

/* ---- op codes, from the one table ---- */

enum {
    TCG_OPF_BB_END = 1 << 0,       /* ends an extended basic block */
    TCG_OPF_SIDE_EFFECTS = 1 << 1, /* never removed as dead */
    TCG_OPF_64BIT = 1 << 2,        /* outputs are i64 */
    TCG_OPF_CALL = 1 << 3,         /* argument counts stored in the op */
    TCG_OPF_MAY_FAULT = 1 << 4,    /* may raise a guest exception */
    TCG_OPF_NORETURN = 1 << 5,     /* control does not reach the next op */
    TCG_OPF_SHIFT = 1 << 6,        /* a BINARY op whose b is a bit count */
};

/* The kind of an op (the last column of tcg-opc.h): what its operands
 * mean, so that the users of the table choose ops by it.  A call is told
 * by TCG_OPF_CALL, its operands being counted in the op. */
typedef enum TCGOpKind {
    TCG_KIND_OTHER,         /* an op of its own shape, handled by name */
    TCG_KIND_UNARY,         /* r = f(a), a value of the op's type */
    TCG_KIND_BINARY,        /* r = f(a, b), both of the op's type */
    TCG_KIND_COMPARE,       /* r = cond(a, b): setcond */
    TCG_KIND_SELECT,        /* r = cond(c1, c2) ? v1 : v2: movcond */
    TCG_KIND_BRANCH,        /* to label if cond(a, b): brcond */
    TCG_KIND_HOST_LOAD,     /* r = *(base + offset), the CPU state */
    TCG_KIND_HOST_STORE,    /* *(base + offset) = v */
    TCG_KIND_GUEST_LOAD,    /* r = guest memory at addr, by memop */
    TCG_KIND_GUEST_STORE,   /* guest memory at addr = v, by memop */
    TCG_KIND_ATOMIC,        /* read-modify-write of guest memory */
} TCGOpKind;

typedef enum TCGOpcode {
#define DEF(name, o, i, c, f, k) INDEX_op_##name,
#include "tcg-opc.h"
#undef DEF
    NB_OPS,
    INDEX_op_nop = NB_OPS,         /* removed op, skipped by everyone */
} TCGOpcode;

/* The kind constant of fbinop_i64 and fbinop_vec (tcg-opc.h): an op and
 * a precision.  Which ops each has: tcg_fp_scalar_op, tcg_fp_vec_op. */
enum {
    TCG_FP_ADD, TCG_FP_SUB, TCG_FP_MUL, TCG_FP_DIV,
    TCG_FP_MAX, TCG_FP_MIN,
    TCG_FP_NMUL,        /* -(a * b) */
    TCG_FP_CMP,         /* Arm's NZCV of comparing a with b, in bits 3:0 */
    /* all-ones lanes where a == b, a >= b, a > b */
    TCG_FP_CMEQ, TCG_FP_CMGE, TCG_FP_CMGT,
    TCG_FP_ABD,         /* |a - b| */
    /* all-ones lanes where |a| >= |b|, |a| > |b| */
    TCG_FP_ACGE, TCG_FP_ACGT,
    TCG_FP_OP = 15,
    TCG_FP_F64 = 16,    /* else f32 */
};

static inline bool tcg_fp_scalar_op(unsigned op)
{
    return op <= TCG_FP_CMP || op == TCG_FP_ABD;
}

static inline bool tcg_fp_vec_op(unsigned op)
{
    return op <= TCG_FP_MIN || (op >= TCG_FP_CMEQ && op <= TCG_FP_ACGT);
}

/* The kind constant of funop_i64 (tcg-opc.h): an op and the precision of
 * its floating-point side (the source of FCVT). */
enum {
    TCG_FU_SCVTF32, TCG_FU_SCVTF64,     /* from a signed 32/64-bit integer */
    TCG_FU_UCVTF32, TCG_FU_UCVTF64,     /* from an unsigned one */
    TCG_FU_FCVTZS32, TCG_FU_FCVTZS64,   /* to an integer, toward zero */
    TCG_FU_FCVTZU32, TCG_FU_FCVTZU64,
    TCG_FU_FCVT,                        /* to the other precision */
    TCG_FU_SQRT,
    TCG_FU_FRINT,                       /* to an integral value */
    TCG_FU_FCVTX,                       /* f64 to f32 rounding to odd */
    /* Arm's estimates, FRECPE, FRSQRTE and FRECPX; RECPE and RSQRTE with
     * TCG_FU_FIXED (fbits 32) are URECPE and URSQRTE, whose operand is an
     * unsigned 0.32 fixed-point number in an f32-sized lane. */
    TCG_FU_RECPE = 12, TCG_FU_RSQRTE, TCG_FU_RECPX,
    TCG_FU_FCVTH = 15,                  /* to half precision (IEEE's) */
    TCG_FU_OP = 15,
    TCG_FU_F64 = 16,    /* else f32 */
    TCG_FU_Q = 32,      /* funop_vec: 16 bytes, else 8 */
    /* The rounding of FRINT and of the conversions to an integer (then
     * FCVTNS, FCVTPS, FCVTMS): toward zero, to nearest (ties to even), up,
     * down, and to nearest with ties away from zero (FRINTA, FCVTAS,
     * FCVTAU; funop_vec's conversions: of f32 lanes only). */
    TCG_FU_RZ = 0, TCG_FU_RN = 1 << 6, TCG_FU_RP = 2 << 6, TCG_FU_RM = 3 << 6,
    TCG_FU_RA = 4 << 6,
    TCG_FU_RMODE = 7 << 6,
    /* Fixed point, the op's fbits constant the fraction bits: the
     * integer is the value times 2^fbits (SCVTF, FCVTZS and the like by
     * #fbits).  A kind of its own so that the plain conversions' stencils
     * do no scaling. */
    TCG_FU_FIXED = 8 << 6,
    /* With TCG_FU_FCVT: from half precision (IEEE's) to the kind's, the
     * other way round from TCG_FU_FCVTH. */
    TCG_FU_FROM_HALF = 16 << 6,
    TCG_FU_KINDS = 32 << 6,
};

/* Whether op is one of Arm's estimates (TCG_FU_RECPE to TCG_FU_RECPX). */
static inline bool tcg_fu_estimate(unsigned op)
{
    return op >= TCG_FU_RECPE && op <= TCG_FU_RECPX;
}

/* Whether funop_i64 has kind: a rounding only for FRINT and the
 * conversions to an integer; fixed point for the integer conversions,
 * toward zero; FCVTX from f64 only; half precision only for FCVTH and
 * FCVT from it; the estimates on f32 or f64 (not URECPE and URSQRTE,
 * vector only); no Q. */
static inline bool tcg_fu_valid(unsigned kind)
{
    unsigned op = kind & TCG_FU_OP, rmode = kind & TCG_FU_RMODE;
    if (op == TCG_FU_FCVTX) {
        return kind == (TCG_FU_FCVTX | TCG_FU_F64);
    }
    if (op == TCG_FU_FCVTH || (kind & TCG_FU_FROM_HALF)) {
        unsigned base = kind & ~TCG_FU_F64;
        return base == TCG_FU_FCVTH || base == (TCG_FU_FCVT | TCG_FU_FROM_HALF);
    }
    if (tcg_fu_estimate(op)) {
        return (kind & ~TCG_FU_F64) == op;
    }
    if ((kind & TCG_FU_FIXED) && (op > TCG_FU_FCVTZU64 || rmode != TCG_FU_RZ)) {
        return false;
    }
    return !(kind & TCG_FU_Q) && kind < TCG_FU_KINDS && op <= TCG_FU_FRINT &&
           rmode <= TCG_FU_RA &&
           (rmode == TCG_FU_RZ || op == TCG_FU_FRINT ||
            (op >= TCG_FU_FCVTZS32 && op <= TCG_FU_FCVTZU64));
}

/* Whether funop_vec has kind: the integer conversions, whose integer
 * lanes are the FP ones' size, toward zero (fixed point too), or to an
 * integer in any rounding (packed: tcg_vec_round_integral), FRINT in
 * any rounding, and RECPE and RSQRTE (fixed point: of f32-sized lanes);
 * f64 lanes only in 16 bytes; no half precision. */
static inline bool tcg_fu_vec_valid(unsigned kind)
{
    unsigned op = kind & TCG_FU_OP, rmode = kind & TCG_FU_RMODE;
    bool f64 = kind & TCG_FU_F64;
    if (op == TCG_FU_RECPE || op == TCG_FU_RSQRTE) {
        return (kind & ~(TCG_FU_F64 | TCG_FU_Q | TCG_FU_FIXED)) == op &&
               (!f64 || ((kind & TCG_FU_Q) && !(kind & TCG_FU_FIXED)));
    }
    if (kind >= TCG_FU_KINDS || op > TCG_FU_FRINT || rmode > TCG_FU_RA ||
        (kind & TCG_FU_FROM_HALF) ||
        (f64 && !(kind & TCG_FU_Q)) ||
        ((kind & TCG_FU_FIXED) && (op > TCG_FU_FCVTZU64 || rmode != TCG_FU_RZ))) {
        return false;
    }
    return op == TCG_FU_FRINT ||
           (op <= TCG_FU_FCVTZU64 && (op & 1) == f64 &&
            (rmode == TCG_FU_RZ || op >= TCG_FU_FCVTZS32));
}

/* The table of TCG_FU_RECPE and TCG_FU_RSQRTE (tcg_eval_funop_host), by
 * the bits of an f32 or f64 x: Arm's RecipEstimate of 256 + f at byte f,
 * f x's top 8 fraction bits; from TCG_EST_RSQRT on, its RecipSqrtEstimate
 * of x scaled into [0.25, 1) by an even power of two, at byte
 * TCG_EST_RSQRT + (e << 8 | f), e the exponent field's lowest bit (1:
 * 128 + f / 2, else 256 + f); and for URSQRTE, RecipSqrtEstimate of s at
 * byte TCG_EST_URSQRT + s (128 <= s < 512).  Each estimate is in
 * [256, 512): the bytes are its low 8 bits, FRECPE's and FRSQRTE's
 * fraction.  Built at start-up from softfloat's integer algorithms
 * (tcg.c), which the fallbacks run.  The interpreter passes its address to
 * tcg_eval_funop_host, the JIT patches it into the stencils (hole EST):
 * the two read the same bytes. */
enum { TCG_EST_RSQRT = 256, TCG_EST_URSQRT = 768, TCG_EST_SIZE = TCG_EST_URSQRT + 512 };
extern uint8_t tcg_fp_estimates[TCG_EST_SIZE];

/* The kind constant of fmuladd_vec (tcg-opc.h): which lanes, the
 * precision, and which of the product and the addend are negated. */
enum {
    TCG_FMA_SCALAR, TCG_FMA_VEC64, TCG_FMA_VEC128,  /* lane 0, 8 or 16 bytes */
    TCG_FMA_SHAPE = 3,
    TCG_FMA_F64 = 4,            /* else f32 */
    TCG_FMA_NEG_PRODUCT = 8,
    TCG_FMA_NEG_ADDEND = 16,
    /* The sum halved, with the one rounding of (a - n * m) / 2: Arm's
     * FRSQRTS step, (3 - n * m) / 2. */
    TCG_FMA_HALVE = 32,
    TCG_FMA_KINDS = 64,
};

/* Whether fmuladd_vec has kind: no 64-bit vector of f64 (one lane is
 * TCG_FMA_SCALAR); halving only for a - n * m. */
static inline bool tcg_fma_valid(unsigned kind)
{
    unsigned shape = kind & TCG_FMA_SHAPE;
    if ((kind & TCG_FMA_HALVE) &&
        (kind & (TCG_FMA_NEG_PRODUCT | TCG_FMA_NEG_ADDEND)) != TCG_FMA_NEG_PRODUCT) {
        return false;
    }
    return kind < TCG_FMA_KINDS && shape <= TCG_FMA_VEC128 &&
           !(shape == TCG_FMA_VEC64 && (kind & TCG_FMA_F64));
}

/* The ops of vop_vec (tcg-opc.h), on integer lanes; the kind constant is
 * TCG_VOP_KIND(op, esz, q): lanes of 8 << esz bits, all 16 bytes (q) or
 * the low 8 with the high 8 zeroed.  The logic ops ignore esz (0). */
enum {
    TCG_VOP_ADD, TCG_VOP_SUB, TCG_VOP_MUL, TCG_VOP_MLA, TCG_VOP_MLS,
    TCG_VOP_CMEQ, TCG_VOP_CMTST, TCG_VOP_CMGT, TCG_VOP_CMGE, TCG_VOP_CMHI, TCG_VOP_CMHS,
    TCG_VOP_SMAX, TCG_VOP_SMIN, TCG_VOP_UMAX, TCG_VOP_UMIN,
    TCG_VOP_SABD, TCG_VOP_UABD, TCG_VOP_SABA, TCG_VOP_UABA,
    TCG_VOP_SHADD, TCG_VOP_UHADD, TCG_VOP_SRHADD, TCG_VOP_URHADD,
    TCG_VOP_SHSUB, TCG_VOP_UHSUB,
    /* of n alone */
    TCG_VOP_CMGT0, TCG_VOP_CMGE0, TCG_VOP_CMEQ0, TCG_VOP_CMLE0, TCG_VOP_CMLT0,
    TCG_VOP_ABS, TCG_VOP_NEG,
    /* pairwise: the op on adjacent lanes of n:m */
    TCG_VOP_ADDP, TCG_VOP_SMAXP, TCG_VOP_UMAXP, TCG_VOP_SMINP, TCG_VOP_UMINP,
    /* by the immediate: n's lanes shifted, added to (SRA) or inserted
     * into (SLI, SRI) d's; right shifts by 1 to (8 << esz) - 1, left
     * ones by 0 to (8 << esz) - 1; R: rounding */
    TCG_VOP_SHL, TCG_VOP_USHR, TCG_VOP_SSHR, TCG_VOP_USRA, TCG_VOP_SSRA,
    TCG_VOP_URSHR, TCG_VOP_SRSHR, TCG_VOP_URSRA, TCG_VOP_SRSRA, TCG_VOP_SLI, TCG_VOP_SRI,
    /* narrowing: n's lanes of twice esz shifted right by the immediate
     * (0 to 8 << esz; R: rounding, from 1), their low halves into d's low
     * half, the high one zeroed (q: into the high half, the low kept) */
    TCG_VOP_SHRN, TCG_VOP_RSHRN,
    /* widening: the lanes of n's low (q: high) half to twice esz, shifted
     * left by the immediate (0 to (8 << esz) - 1) */
    TCG_VOP_USHLL, TCG_VOP_SSHLL,
    /* permutes of n and m (esz 3: q only) */
    TCG_VOP_ZIP1, TCG_VOP_ZIP2, TCG_VOP_UZP1, TCG_VOP_UZP2, TCG_VOP_TRN1, TCG_VOP_TRN2,
    /* across n's lanes: the result in lane 0 of d, the rest zeroed
     * (ADDLV: widened to twice esz) */
    TCG_VOP_ADDV, TCG_VOP_SMAXV, TCG_VOP_SMINV, TCG_VOP_UMAXV, TCG_VOP_UMINV,
    TCG_VOP_SADDLV, TCG_VOP_UADDLV,
    /* three different (lanes of esz in, twice esz out): L, the lanes of
     * n's and m's low (q: high) halves widened; W, n wide, m's widened;
     * the HN ones narrow the high halves of n +- m into d as SHRN does */
    TCG_VOP_SADDL, TCG_VOP_UADDL, TCG_VOP_SSUBL, TCG_VOP_USUBL,
    TCG_VOP_SADDW, TCG_VOP_UADDW, TCG_VOP_SSUBW, TCG_VOP_USUBW,
    TCG_VOP_SABAL, TCG_VOP_UABAL, TCG_VOP_SABDL, TCG_VOP_UABDL,
    TCG_VOP_SMLAL, TCG_VOP_UMLAL, TCG_VOP_SMLSL, TCG_VOP_UMLSL, TCG_VOP_SMULL, TCG_VOP_UMULL,
    TCG_VOP_ADDHN, TCG_VOP_RADDHN, TCG_VOP_SUBHN, TCG_VOP_RSUBHN,
    /* of n alone: adjacent lanes' sums at twice esz (ADALP: added to
     * d's), bits set per byte, lanes of esz reversed in each 16-, 32- or
     * 64-bit unit, bits reversed in each byte */
    TCG_VOP_SADDLP, TCG_VOP_UADDLP, TCG_VOP_SADALP, TCG_VOP_UADALP,
    TCG_VOP_CNT, TCG_VOP_REV16, TCG_VOP_REV32, TCG_VOP_REV64, TCG_VOP_RBIT,
    /* leading zero (sign) bits of each lane */
    TCG_VOP_CLZ, TCG_VOP_CLS,
    /* n's lanes shifted by the signed low byte of m's (left if positive,
     * else right; R: rounding), the polynomial product of bytes, and
     * the 16-bit ones of the bytes of n's and m's low (q: high) halves */
    TCG_VOP_SSHL, TCG_VOP_USHL, TCG_VOP_SRSHL, TCG_VOP_URSHL, TCG_VOP_PMUL, TCG_VOP_PMULL,
    /* saturating: a lane that saturates sets the target's sticky flag
     * (tcg_set_vop_saturation_flag); the doubling multiplies' high halves
     * (R: rounding); shifts left by the immediate (0 to (8 << esz) - 1;
     * SQSHLU: signed in, unsigned out); the doubling long multiplies (and
     * accumulates) of the lanes of n's and m's low (q: high) halves;
     * shifts by a register as SSHL (R: rounding); d plus n, n unsigned
     * (SUQADD) or signed (USQADD); the XTN ones narrow as SHRN does,
     * the SHRN ones shift right by the immediate first (1 to 8 << esz) */
    TCG_VOP_SQADD, TCG_VOP_UQADD, TCG_VOP_SQSUB, TCG_VOP_UQSUB, TCG_VOP_SQABS, TCG_VOP_SQNEG,
    TCG_VOP_SQDMULH, TCG_VOP_SQRDMULH, TCG_VOP_SQSHL, TCG_VOP_UQSHL, TCG_VOP_SQSHLU,
    TCG_VOP_SQDMULL, TCG_VOP_SQDMLAL, TCG_VOP_SQDMLSL,
    TCG_VOP_SQSHLR, TCG_VOP_UQSHLR, TCG_VOP_SQRSHL, TCG_VOP_UQRSHL,
    TCG_VOP_SUQADD, TCG_VOP_USQADD,
    TCG_VOP_SQXTN, TCG_VOP_UQXTN, TCG_VOP_SQXTUN,
    TCG_VOP_SQSHRN, TCG_VOP_UQSHRN, TCG_VOP_SQSHRUN,
    TCG_VOP_SQRSHRN, TCG_VOP_UQRSHRN, TCG_VOP_SQRSHRUN,
    /* table lookups: m's bytes index the esz + 1 registers from n on (16
     * bytes apart); an index past them gives 0 (TBX: d's byte) */
    TCG_VOP_TBL, TCG_VOP_TBX,
    /* bitwise */
    TCG_VOP_AND, TCG_VOP_BIC, TCG_VOP_ORR, TCG_VOP_ORN, TCG_VOP_EOR,
    TCG_VOP_BSL, TCG_VOP_BIT, TCG_VOP_BIF, TCG_VOP_NOT,
    TCG_VOP_COUNT
};
#define TCG_VOP_KIND(op, esz, q) ((op) << 3 | (q) << 2 | (esz))
#define TCG_VOP_KINDS (TCG_VOP_COUNT << 3)

/* Whether vop_vec has op on lanes of size esz: not on 64-bit lanes the
 * multiplies, halving ops and the ops built on min and max (Arm has
 * none), nor the narrowing, widening and across-lanes ops, CLZ and CLS;
 * the doubling multiplies on 16- and 32-bit lanes, PMUL on bytes; the
 * logic ops at esz 0; the table lookups at any (the number of tables
 * less one). */
static inline bool tcg_vop_valid(unsigned op, unsigned esz)
{
    if (op >= TCG_VOP_AND) {
        return esz == 0;
    }
    if (op >= TCG_VOP_TBL) {
        return true;
    }
    if (op >= TCG_VOP_SQADD) {
        if (op == TCG_VOP_SQDMULH || op == TCG_VOP_SQRDMULH ||
            (op >= TCG_VOP_SQDMULL && op <= TCG_VOP_SQDMLSL)) {
            return esz == 1 || esz == 2;
        }
        return op < TCG_VOP_SQXTN || esz < 3;
    }
    if (op >= TCG_VOP_SSHL) {
        return (op != TCG_VOP_PMUL && op != TCG_VOP_PMULL) || esz == 0;
    }
    if (op >= TCG_VOP_CLZ) {
        return esz < 3;
    }
    if (op >= TCG_VOP_CNT) {
        /* the lanes reversed in a unit smaller than theirs */
        return op == TCG_VOP_REV64 ? esz < 3 : op == TCG_VOP_REV32 ? esz < 2 : esz == 0;
    }
    if (op >= TCG_VOP_SHL) {
        /* the narrowing, widening and across-lanes ops: esz 0 to 2 (and
         * ADDV of two 64-bit lanes: scalar ADDP) */
        return esz < 3 || (op >= TCG_VOP_SHL && op <= TCG_VOP_SRI) ||
               (op >= TCG_VOP_ZIP1 && op <= TCG_VOP_TRN2) || op == TCG_VOP_ADDV;
    }
    if (esz == 3) {
        return op <= TCG_VOP_SUB || (op >= TCG_VOP_CMEQ && op <= TCG_VOP_CMHS) ||
               (op >= TCG_VOP_CMGT0 && op <= TCG_VOP_ADDP);
    }
    return true;
}

/* The counts vop_vec's op takes at esz: lo to hi (0 and 0 for the ops
 * that take none). */
static inline void tcg_vop_imm_range(unsigned op, unsigned esz, unsigned *lo, unsigned *hi)
{
    unsigned bits = 8u << esz;
    *lo = 0;
    *hi = 0;
    if (op == TCG_VOP_USHLL || op == TCG_VOP_SSHLL) {
        *hi = bits;                     /* (SHLL: by the lane's width) */
    } else if (op == TCG_VOP_SHL || op == TCG_VOP_SLI ||
               (op >= TCG_VOP_SQSHL && op <= TCG_VOP_SQSHLU)) {
        *hi = bits - 1;
    } else if (op >= TCG_VOP_USHR && op <= TCG_VOP_SRI) {
        *lo = 1;
        *hi = bits - 1;
    } else if (op == TCG_VOP_SHRN || op == TCG_VOP_RSHRN) {
        *lo = op == TCG_VOP_RSHRN;
        *hi = bits;
    } else if (op >= TCG_VOP_SQSHRN && op <= TCG_VOP_SQRSHRUN) {
        *lo = 1;
        *hi = bits;
    }
}

/* Whether vop_vec's op is a table lookup, which reads 16 * (esz + 1)
 * bytes from n on (rounded up to a power of two). */
static inline bool tcg_vop_table(unsigned op)
{
    return op == TCG_VOP_TBL || op == TCG_VOP_TBX;
}

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint8_t flags;
    uint8_t kind;                  /* TCGOpKind */
} TCGOpDef;

extern const TCGOpDef tcg_op_defs[NB_OPS];

/* ---- conditions (for setcond, movcond, brcond) ---- */

typedef enum TCGCond {
    TCG_COND_NEVER, TCG_COND_ALWAYS,
    TCG_COND_EQ, TCG_COND_NE,
    TCG_COND_LT, TCG_COND_GE, TCG_COND_LE, TCG_COND_GT,      /* signed */
    TCG_COND_LTU, TCG_COND_GEU, TCG_COND_LEU, TCG_COND_GTU,  /* unsigned */
    TCG_COND_TSTEQ, TCG_COND_TSTNE,                          /* (a & b) == 0 */
} TCGCond;

TCGCond tcg_invert_cond(TCGCond c);
TCGCond tcg_swap_cond(TCGCond c);   /* for swapped operands */

/* ---- guest memory operations ---- */

typedef enum MemOp {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3, MO_128 = 4,
    MO_SIZE = 7,
    MO_SIGN = 1 << 3,
    MO_BE = 1 << 4,               /* big-endian guest access */
    MO_ASHIFT = 5,                /* log2 of required alignment, plus one */
    MO_AMASK = 7 << 5,
    MO_ALIGN_2 = 2 << 5, MO_ALIGN_4 = 3 << 5, MO_ALIGN_8 = 4 << 5,
    MO_ALIGN_16 = 5 << 5,
    MO_ALIGN = 7 << 5,            /* natural alignment: the element's size */
    MO_IDX_SHIFT = 8,             /* MMU index for system mode (2 bits) */
    /* The size of the element an access belongs to, where it differs
     * from the access's (ARM's LD1 of bytes done as 64-bit words; the
     * first half of a 128-bit load done as two): log2 of it, plus one;
     * 0 when the access is the element.  Natural alignment (MO_ALIGN) and
     * memory whose type requires aligned accesses (ARM's Device) check
     * the element's alignment. */
    MO_ESHIFT = 10,
    MO_EMASK = 7 << 10,

    MO_UB = MO_8, MO_UW = MO_16, MO_UL = MO_32, MO_UQ = MO_64,
    MO_SB = MO_8 | MO_SIGN, MO_SW = MO_16 | MO_SIGN, MO_SL = MO_32 | MO_SIGN,
} MemOp;

static inline unsigned memop_size(unsigned mop) { return 1u << (mop & MO_SIZE); }

#define MO_ELEM(size) ((MemOp)(((size) + 1) << MO_ESHIFT))

/* The alignment, in bytes, an access needs where memory requires aligned
 * accesses: its element's size (MO_EMASK), else its own. */
static inline unsigned memop_elem_size(unsigned mop)
{
    unsigned e = (mop & MO_EMASK) >> MO_ESHIFT;
    return e ? 1u << (e - 1) : memop_size(mop);
}

/* Required alignment in bytes (1 = none); natural alignment is the
 * element's. */
static inline unsigned memop_align(unsigned mop)
{
    unsigned a = (mop & MO_AMASK) >> MO_ASHIFT;
    if (a == 7) {
        return memop_elem_size(mop);
    }
    return a ? 1u << (a - 1) : 1;
}

/* Barrier kinds for mb: which earlier accesses are ordered before which later. */
enum {
    TCG_MO_LD_LD = 1, TCG_MO_ST_LD = 2, TCG_MO_LD_ST = 4, TCG_MO_ST_ST = 8,
    TCG_MO_ALL = 15,
    TCG_BAR_SC = 16,
};

/* Atomic read-modify-write kinds for atomic_rmw. */
typedef enum TCGAtomicOp {
    TCG_AOP_XCHG, TCG_AOP_ADD, TCG_AOP_AND, TCG_AOP_ANDN, TCG_AOP_OR,
    TCG_AOP_XOR, TCG_AOP_SMIN, TCG_AOP_SMAX, TCG_AOP_UMIN, TCG_AOP_UMAX,
} TCGAtomicOp;

/* ---- temps ---- */

typedef enum TCGType { TCG_TYPE_I32, TCG_TYPE_I64 } TCGType;

typedef enum TCGTempKind {
    TEMP_GLOBAL,   /* a field of the CPU state, live across blocks */
    TEMP_EBB,      /* a value local to the block being translated */
    TEMP_CONST,    /* a constant */
    TEMP_ENV,      /* the CPU-state base pointer itself */
} TCGTempKind;

typedef struct TCGTemp {
    uint8_t type;       /* TCGType */
    uint8_t kind;       /* TCGTempKind */
    int32_t offset;     /* TEMP_GLOBAL: offset from the CPU-state base */
    uint64_t val;       /* TEMP_CONST: value (i32 constants zero-extended) */
    const char *name;   /* globals only */
} TCGTemp;

/* Opaque typed handles: an index into the context's temp array plus one, so
 * that a handle means the same temp in every thread's context. */
typedef struct TCGv_i32_s *TCGv_i32;
typedef struct TCGv_i64_s *TCGv_i64;
typedef TCGv_i64 TCGv_ptr;

typedef uintptr_t TCGArg;

typedef struct TCGLabel TCGLabel;   /* opaque: index plus one */

/* ---- helpers ---- */

typedef enum TCGCallType {
    TCG_CALL_VOID, TCG_CALL_I32, TCG_CALL_I64, TCG_CALL_PTR,
} TCGCallType;

enum {
    TCG_CALL_NO_RG = 1 << 0,   /* reads no globals */
    TCG_CALL_NO_WG = 1 << 1,   /* writes no globals */
    TCG_CALL_NO_SE = 1 << 2,   /* no side effects: removable if result dead */
    TCG_CALL_MAY_RAISE = 1 << 3, /* may longjmp to the loop with an exception */
    TCG_CALL_PURE = TCG_CALL_NO_RG | TCG_CALL_NO_WG | TCG_CALL_NO_SE,
};

#define TCG_MAX_HELPER_ARGS 7

typedef struct TCGHelperInfo {
    void *func;
    const char *name;
    unsigned flags;
    uint8_t nargs;
    uint8_t ret;                        /* TCGCallType */
    uint8_t args[TCG_MAX_HELPER_ARGS];  /* TCGCallType */
    void *cif;                          /* interpreter's cached ffi_cif */
} TCGHelperInfo;

/* Declares the descriptor of a helper whose C prototype is written out
 * beside it; the type list repeats the prototype so the builder can check
 * every call site.  Usage:
 *   uint64_t helper_udiv64(uint64_t a, uint64_t b);
 *   DEF_HELPER_INFO(udiv64, TCG_CALL_PURE, I64, I64, I64);
 */
#define TCG_HT_(t) TCG_CALL_##t
#define DEF_HELPER_INFO(name_, flags_, ret_, ...)                          \
    TCGHelperInfo helper_info_##name_ = {                                  \
        .func = (void *)helper_##name_, .name = #name_, .flags = (flags_), \
        .ret = TCG_CALL_##ret_,                                            \
        .nargs = sizeof((uint8_t[]){ TCG_HT_ARGS_(__VA_ARGS__) }),         \
        .args = { TCG_HT_ARGS_(__VA_ARGS__) },                             \
    }
#define TCG_HT_ARGS_(...) TCG_HT_MAP_(__VA_ARGS__, _7, _6, _5, _4, _3, _2, _1)(__VA_ARGS__)
#define TCG_HT_MAP_(a, b, c, d, e, f, g, n, ...) TCG_HT_LIST##n
#define TCG_HT_LIST_1(a) TCG_HT_(a)
#define TCG_HT_LIST_2(a, b) TCG_HT_(a), TCG_HT_(b)
#define TCG_HT_LIST_3(a, b, c) TCG_HT_(a), TCG_HT_LIST_2(b, c)
#define TCG_HT_LIST_4(a, b, c, d) TCG_HT_(a), TCG_HT_LIST_3(b, c, d)
#define TCG_HT_LIST_5(a, b, c, d, e) TCG_HT_(a), TCG_HT_LIST_4(b, c, d, e)
#define TCG_HT_LIST_6(a, b, c, d, e, f) TCG_HT_(a), TCG_HT_LIST_5(b, c, d, e, f)
#define TCG_HT_LIST_7(a, b, c, d, e, f, g) TCG_HT_(a), TCG_HT_LIST_6(b, c, d, e, f, g)
#define DECLARE_HELPER_INFO(name_) extern TCGHelperInfo helper_info_##name_

/* ---- ops ---- */

#define TCG_MAX_OP_ARGS 12

typedef struct TCGOp {
    uint16_t opc;          /* TCGOpcode */
    uint8_t nb_oargs;      /* copied from the table, or set for calls */
    uint8_t nb_iargs;
    TCGArg args[TCG_MAX_OP_ARGS];
} TCGOp;

/* ---- the translation context ---- */

#define TCG_MAX_TEMPS 8192
#define TCG_MAX_LABELS 1024
#define TCG_MAX_GLOBALS 256

typedef struct TCGContext {
    int nb_globals;            /* temps[0 .. nb_globals) are the globals */
    int nb_temps;
    TCGTemp temps[TCG_MAX_TEMPS];

    int nb_labels;
    int label_pos[TCG_MAX_LABELS];   /* filled by backends: code offset */

    int nb_ops, max_ops;
    TCGOp *ops;

    /* Set when the block overflows a limit; the translator retries smaller. */
    bool overflow;
} TCGContext;

/* Each translating thread owns one context. */
extern __thread TCGContext *tcg_ctx;

/* The CPU-state base pointer: always temp 0, the same handle everywhere. */
#define tcg_env ((TCGv_ptr)(uintptr_t)1)

void tcg_context_init(void);          /* per thread, after globals exist */
void tcg_context_free(void);          /* on a thread about to exit */
void tcg_func_start(TCGContext *s);   /* start a new block */

/* Globals are registered once, at start-up, before any context exists. */
TCGv_i32 tcg_global_mem_new_i32(int offset, const char *name);
TCGv_i64 tcg_global_mem_new_i64(int offset, const char *name);

TCGv_i32 tcg_temp_new_i32(void);
TCGv_i64 tcg_temp_new_i64(void);
TCGv_i32 tcg_constant_i32(int32_t val);
TCGv_i64 tcg_constant_i64(int64_t val);
TCGLabel *gen_new_label(void);

static inline int tcgv_idx(void *v) { return (int)((uintptr_t)v - 1); }
static inline TCGTemp *tcgv_i32_temp(TCGv_i32 v) { return &tcg_ctx->temps[tcgv_idx(v)]; }
static inline TCGTemp *tcgv_i64_temp(TCGv_i64 v) { return &tcg_ctx->temps[tcgv_idx(v)]; }
static inline TCGArg tcgv_i32_arg(TCGv_i32 v) { return (TCGArg)tcgv_idx(v); }
static inline TCGArg tcgv_i64_arg(TCGv_i64 v) { return (TCGArg)tcgv_idx(v); }
static inline TCGv_i32 temp_tcgv_i32(int idx) { return (TCGv_i32)(uintptr_t)(idx + 1); }
static inline TCGv_i64 temp_tcgv_i64(int idx) { return (TCGv_i64)(uintptr_t)(idx + 1); }
static inline TCGArg label_arg(TCGLabel *l) { return (TCGArg)((uintptr_t)l - 1); }

TCGOp *tcg_emit_op(TCGOpcode opc, int nargs);

/* True if an op from index mark (an earlier nb_ops) on may write one of
 * the n temps: as an output, or by a call that may write globals. */
bool tcg_written_since(int mark, const TCGv_i64 *v, int n);

/* Runs the optimizer over the block in place. */
void tcg_optimize(TCGContext *s);

/* Prints the op list to the log (-d op, -d op_opt). */
void tcg_dump_ops(TCGContext *s, FILE *f);

const char *tcg_cond_name(TCGCond c);

#endif
