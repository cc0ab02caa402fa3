/*
 * Differential test of the native backend (tcg/x86_64/jit.c) against the
 * interpreter, at the micro-op level, through a toy target like
 * test-tcg.c's: thousands of random blocks (every op, every operand form:
 * globals, block temps, constants with edge values; guest memory accesses
 * of every size, sign, endianness and alignment, some of them faulting;
 * atomics; helper calls, some raising, some with a value live in every
 * cache register across them, some with arguments that die there), each
 * run on both backends from the
 * same state; registers, memory, the exception and the pc must agree.  A
 * third of them are loops shaped as hot regions (build_region), whose
 * globals the jit keeps pinned in host registers across back edges.
 * Also chaining, exit requests and flushes under the jit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>

#include "tcg/cpu.h"
#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/log.h"
#include "tcg/tb.h"
#include "tcg/tcg-eval.h"
#include "tcg/tcg-op.h"

#define NREGS 16
#define MEM_BITS 12
#define MEM_SIZE (1u << MEM_BITS)

typedef struct ToyState {
    uint64_t r[NREGS];      /* i64 globals */
    uint32_t w[4];          /* i32 globals */
    uint64_t pc;
    uint64_t loop;          /* a region's loop counter (build_region) */
    uint64_t scratch[4];    /* reached by host loads/stores only */
    /* fbinop_vec's operands, vec[0] to vec[5]; the last 16 bytes only
     * read, by a 3-table lookup past its tables (tcg_vec_table) */
    uint64_t vec[8] __attribute__((aligned(16)));
} ToyState;

#include "toy-target.h"

static TCGv_i64 g_r[NREGS];
static TCGv_i32 g_w[4];
static TCGv_i64 g_pc, g_loop;
static uint8_t *guest_mem;

static bool test_code_fetch(uint64_t addr, void *dst, size_t len)
{
    return false;
}

static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static const uint64_t edge[] = {
    0, 1, 2, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, ~0ull, ~1ull, 0x123456789abcdef0ull, MEM_SIZE - 1,
    MEM_SIZE - 8, MEM_SIZE,
};
#define NEDGE (sizeof(edge) / sizeof(edge[0]))

/* ---- helpers the blocks call ---- */

static uint32_t helper_h3(uint64_t a, uint32_t b, uint64_t c) { return a + b * c; }
static DEF_HELPER_INFO(h3, TCG_CALL_PURE, I32, I64, I32, I64);
static uint32_t helper_h1(uint32_t a) { return a * 3 + 1; }
static DEF_HELPER_INFO(h1, TCG_CALL_PURE, I32, I32);
static uint64_t helper_h2(uint64_t a, uint64_t b) { return a * 31 ^ (b >> 3); }
static DEF_HELPER_INFO(h2, TCG_CALL_PURE, I64, I64, I64);
static void helper_h4(void *env, uint64_t a, uint32_t b, uint64_t c)
{
    ((ToyState *)env)->r[15] += a ^ b ^ (c << 1);
}
static DEF_HELPER_INFO(h4, 0, VOID, PTR, I64, I32, I64);
/* Four and five arguments (the fifth in r8, a cache register). */
static uint64_t helper_h5(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    return (a * 3 ^ b * 5) + (c * 7 ^ d * 11) + (a >> 7);
}
static DEF_HELPER_INFO(h5, TCG_CALL_PURE, I64, I64, I64, I64, I64);
static uint64_t helper_h6(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e)
{
    return helper_h5(a, b, c, d) * 13 ^ e;
}
static DEF_HELPER_INFO(h6, TCG_CALL_PURE, I64, I64, I64, I64, I64, I64);
/* Reads a guest register, writes none. */
static uint64_t helper_h7(void *env, uint64_t a)
{
    return a * 17 + ((ToyState *)env)->r[3];
}
static DEF_HELPER_INFO(h7, TCG_CALL_NO_WG, I64, PTR, I64);
static void helper_raise(void *env, uint64_t a)
{
    if ((a & 31) == 3) {
        CPUState *cs = toy_env_cpu(env);
        cpu_raise(cs, 77);
    }
}
static DEF_HELPER_INFO(raise, TCG_CALL_MAY_RAISE, VOID, PTR, I64);
/* fbinop_i64's fallback: anything deterministic, with a side effect on env
 * (as a guest's FP status flags). */
static uint64_t helper_fpslow(void *env, uint64_t a, uint64_t b)
{
    ((ToyState *)env)->scratch[3] += 1;
    return a * 3 ^ (b >> 1);
}
static DEF_HELPER_INFO(fpslow, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I64, PTR, I64, I64);
/* funop_i64's, with its third argument. */
static uint64_t helper_fpslow1(void *env, uint64_t a, uint32_t arg)
{
    ((ToyState *)env)->scratch[3] += 1;
    return a * 5 ^ arg;
}
static DEF_HELPER_INFO(fpslow1, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I64, PTR, I64, I32);
/* fmuladd_vec's: the whole operation, into the 16 bytes vec[regs]. */
static void helper_fmaslow(void *env, uint32_t desc, uint32_t regs)
{
    ToyState *t = env;
    t->scratch[3] += 1;
    t->vec[regs] = t->vec[regs] * 7 + desc;
    t->vec[regs + 1] ^= t->scratch[3];
}
static DEF_HELPER_INFO(fmaslow, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32);

/* Floating-point bit patterns: normals (f64 and f32 in the low half),
 * zeros, denormals, infinities, NaNs, the extremes, and pairs whose sum,
 * product or quotient overflows or underflows. */
static const uint64_t fp_edge[] = {
    0x3ff0000000000000ull, 0x4000000000000000ull, 0xbff8000000000000ull,
    0x0010000000000000ull, 0x0000000000000001ull, 0x7fefffffffffffffull,
    0x7ff0000000000000ull, 0x7ff8000000000000ull, 0x7ff0000000000001ull,
    0x8000000000000000ull, 0x0000000000000000ull, 0x2000000000000000ull,
    0x5ff0000000000000ull, 0x3f800000ull, 0x40000000ull, 0xbfc00000ull,
    0x00800000ull, 0x00000001ull, 0x7f7fffffull, 0x7f800000ull, 0x7fc00000ull,
    0x7f800001ull, 0x80000000ull, 0x1f800000ull, 0x5f800000ull, 0x3eaaaaabull,
    /* at the ends of the integer ranges: 2^31 - 1, -2^31, 2^63, -0.5,
     * 2^32 - 1, f32 2^31, -2^31 - 1 */
    0x41dfffffffc00000ull, 0xc1e0000000000000ull, 0x43e0000000000000ull,
    0xbfe0000000000000ull, 0x41efffffffe00000ull, 0x4f000000ull, 0xc1e0000000200000ull,
};


/* ---- random blocks ---- */

#define N(a) (sizeof(a) / sizeof((a)[0]))

typedef struct Pool {
    TCGv_i64 t64[32];
    TCGv_i32 t32[32];
    int n64, n32;
    bool in_branch;
} Pool;

static TCGv_i64 pick64(Pool *p)
{
    switch (rnd() % 4) {
    case 0:
        return tcg_constant_i64(rnd() % 3 ? edge[rnd() % NEDGE] : rnd());
    case 1:
        if (p->n64) {
            return p->t64[rnd() % p->n64];
        }
        /* fall through */
    default:
        return g_r[rnd() % NREGS];
    }
}

/* 64 bits of FP lanes: an f64, two f32, or anything. */
static uint64_t fp_lanes(void)
{
    uint64_t x = fp_edge[rnd() % N(fp_edge)];
    switch (rnd() % 3) {
    case 0: return x;
    case 1: return x << 32 | (uint32_t)fp_edge[rnd() % N(fp_edge)];
    default: return rnd();
    }
}

/* A kind fbinop_vec has. */
static unsigned vec_fp_kind(void)
{
    unsigned op;
    do {
        op = rnd() % (TCG_FP_OP + 1);
    } while (!tcg_fp_vec_op(op));
    return op | (rnd() % 2 ? TCG_FP_F64 : 0);
}

/* funop's fraction bits for kind: 1 to 64, mostly the ends, where it
 * is fixed point, else 0. */
static unsigned pick_fbits(unsigned kind)
{
    static const unsigned ends[] = { 1, 2, 31, 32, 63, 64 };
    if (!(kind & TCG_FU_FIXED)) {
        return 0;
    }
    return rnd() % 2 ? ends[rnd() % N(ends)] : 1 + rnd() % 64;
}

static TCGv_i64 pick_fp(Pool *p)
{
    return rnd() % 3 ? tcg_constant_i64(fp_edge[rnd() % N(fp_edge)]) : pick64(p);
}

static TCGv_i32 pick32(Pool *p)
{
    switch (rnd() % 4) {
    case 0:
        return tcg_constant_i32(rnd() % 3 ? edge[rnd() % NEDGE] : rnd());
    case 1:
        if (p->n32) {
            return p->t32[rnd() % p->n32];
        }
        /* fall through */
    default:
        return g_w[rnd() % 4];
    }
}

static TCGv_i64 dst64(Pool *p)
{
    if (p->n64 < 32 && rnd() % 2) {
        TCGv_i64 t = p->t64[p->n64] = tcg_temp_new_i64();
        tcg_gen_mov_i64(t, pick64(p));
        p->n64++;
        return t;
    }
    return g_r[rnd() % NREGS];
}

static TCGv_i32 dst32(Pool *p)
{
    if (p->n32 < 32 && rnd() % 2) {
        TCGv_i32 t = p->t32[p->n32] = tcg_temp_new_i32();
        tcg_gen_mov_i32(t, pick32(p));
        p->n32++;
        return t;
    }
    return g_w[rnd() % 4];
}

/* A guest address: mostly inside the toy memory, sometimes at or past its
 * end, sometimes misaligned. */
static TCGv_i64 pick_addr(Pool *p)
{
    uint64_t a;
    switch (rnd() % 64) {
    case 0: a = MEM_SIZE - 1 - rnd() % 8; break;
    case 1: a = edge[rnd() % NEDGE]; break;
    case 2: case 3: a = rnd() % (MEM_SIZE - 16); break;     /* misaligned */
    case 4: a = rnd() << 56 | (rnd() % (MEM_SIZE - 16) & ~15ull); break;  /* tagged */
    default: a = rnd() % (MEM_SIZE - 16) & ~15ull; break;
    }
    if (rnd() % 8 == 0) {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_andi_i64(t, g_r[rnd() % NREGS], (MEM_SIZE - 1) & ~15);
        return t;
    }
    return tcg_constant_i64(a);
}

static unsigned pick_memop(unsigned maxsize, bool load)
{
    unsigned mop = rnd() % (maxsize + 1);
    if (load && rnd() % 2) {
        mop |= MO_SIGN;
    }
    if (rnd() % 4 == 0) {
        mop |= MO_BE;
    }
    switch (rnd() % 6) {
    case 0: mop |= MO_ALIGN; break;
    case 1: mop |= MO_ALIGN_2; break;
    case 2: mop |= MO_ALIGN_4; break;
    }
    if ((mop & MO_SIZE) == MO_64 && (mop & MO_SIGN)) {
        mop &= ~MO_SIGN;
    }
    return mop;
}

static const TCGOpcode bin_ops[] = {
    INDEX_op_add_i32, INDEX_op_sub_i32, INDEX_op_mul_i32, INDEX_op_muluh_i32,
    INDEX_op_mulsh_i32, INDEX_op_div_i32, INDEX_op_divu_i32, INDEX_op_rem_i32,
    INDEX_op_remu_i32, INDEX_op_and_i32, INDEX_op_or_i32, INDEX_op_xor_i32,
    INDEX_op_andc_i32, INDEX_op_orc_i32, INDEX_op_eqv_i32, INDEX_op_nand_i32,
    INDEX_op_nor_i32, INDEX_op_shl_i32, INDEX_op_shr_i32, INDEX_op_sar_i32,
    INDEX_op_rotl_i32, INDEX_op_rotr_i32,
};
static const TCGOpcode un_ops[] = {
    INDEX_op_mov_i32, INDEX_op_neg_i32, INDEX_op_not_i32, INDEX_op_ext8s_i32,
    INDEX_op_ext8u_i32, INDEX_op_ext16s_i32, INDEX_op_ext16u_i32,
    INDEX_op_bswap16_i32, INDEX_op_bswap32_i32, INDEX_op_clz_i32,
    INDEX_op_ctz_i32, INDEX_op_ctpop_i32,
};
static const TCGOpcode un64_ops[] = {
    INDEX_op_ext32s_i64, INDEX_op_ext32u_i64, INDEX_op_bswap64_i64,
};
static const TCGOpcode ld_ops[] = {
    INDEX_op_ld8u_i32, INDEX_op_ld8s_i32, INDEX_op_ld16u_i32, INDEX_op_ld16s_i32,
    INDEX_op_ld_i32, INDEX_op_ld8u_i64, INDEX_op_ld8s_i64, INDEX_op_ld16u_i64,
    INDEX_op_ld16s_i64, INDEX_op_ld32u_i64, INDEX_op_ld32s_i64, INDEX_op_ld_i64,
};
static const TCGOpcode st_ops[] = {
    INDEX_op_st8_i32, INDEX_op_st16_i32, INDEX_op_st_i32, INDEX_op_st8_i64,
    INDEX_op_st16_i64, INDEX_op_st32_i64, INDEX_op_st_i64,
};

static void gen_one(Pool *p)
{
    bool w64 = rnd() % 2;
    switch (rnd() % 21) {
    case 0: case 1: case 2: {
        TCGOpcode opc = bin_ops[rnd() % N(bin_ops)] + w64;
        if (w64 && rnd() % 8 == 0) {
            /* A shift by 1-3 read once by the add after it: one lea. */
            TCGv_i64 d = dst64(p), t = tcg_temp_new_i64(), a = pick64(p);
            tcg_gen_shli_i64(t, pick64(p), 1 + rnd() % 3);
            if (rnd() % 2) {
                tcg_gen_add_i64(d, a, t);
            } else {
                tcg_gen_add_i64(d, t, a);
            }
        } else if (w64) {
            tcg_gen_op3(opc, tcgv_i64_arg(dst64(p)), tcgv_i64_arg(pick64(p)),
                        tcgv_i64_arg(pick64(p)));
        } else {
            tcg_gen_op3(opc, tcgv_i32_arg(dst32(p)), tcgv_i32_arg(pick32(p)),
                        tcgv_i32_arg(pick32(p)));
        }
        break;
    }
    case 3: case 4: {
        TCGOpcode opc = un_ops[rnd() % N(un_ops)] + w64;
        if (w64) {
            if (rnd() % 4 == 0) {
                opc = un64_ops[rnd() % N(un64_ops)];
            }
            tcg_gen_op2(opc, tcgv_i64_arg(dst64(p)), tcgv_i64_arg(pick64(p)));
        } else {
            tcg_gen_op2(opc, tcgv_i32_arg(dst32(p)), tcgv_i32_arg(pick32(p)));
        }
        break;
    }
    case 5:
        if (rnd() % 4 == 0) {
            /* The low half read once by the next 32-bit op (fuse_extrl). */
            TCGv_i32 d = dst32(p), t = tcg_temp_new_i32();
            tcg_gen_extrl_i64_i32(t, pick64(p));
            if (rnd() % 2) {
                tcg_gen_op2(un_ops[rnd() % N(un_ops)], tcgv_i32_arg(d), tcgv_i32_arg(t));
            } else {
                tcg_gen_op3(bin_ops[rnd() % N(bin_ops)], tcgv_i32_arg(d), tcgv_i32_arg(t),
                            tcgv_i32_arg(pick32(p)));
            }
            break;
        }
        switch (rnd() % 4) {
        case 0: tcg_gen_ext_i32_i64(dst64(p), pick32(p)); break;
        case 1: tcg_gen_extu_i32_i64(dst64(p), pick32(p)); break;
        case 2: tcg_gen_extrl_i64_i32(dst32(p), pick64(p)); break;
        default: tcg_gen_extrh_i64_i32(dst32(p), pick64(p)); break;
        }
        break;
    case 6: {
        TCGCond c = rnd() % 14;
        if (w64) {
            if (rnd() % 2) {
                tcg_gen_setcond_i64(c, dst64(p), pick64(p), pick64(p));
            } else {
                tcg_gen_movcond_i64(c, dst64(p), pick64(p), pick64(p), pick64(p),
                                    pick64(p));
            }
        } else {
            if (rnd() % 2) {
                tcg_gen_setcond_i32(c, dst32(p), pick32(p), pick32(p));
            } else {
                tcg_gen_movcond_i32(c, dst32(p), pick32(p), pick32(p), pick32(p),
                                    pick32(p));
            }
        }
        break;
    }
    case 7: {
        unsigned bits = w64 ? 64 : 32;
        unsigned pos = rnd() % bits, len = 1 + rnd() % (bits - pos);
        int k = rnd() % 4;
        if (w64) {
            TCGv_i64 d = dst64(p);
            if (k == 0) tcg_gen_extract_i64(d, pick64(p), pos, len);
            else if (k == 1) tcg_gen_sextract_i64(d, pick64(p), pos, len);
            else if (k == 2) tcg_gen_deposit_i64(d, pick64(p), pick64(p), pos, len);
            else tcg_gen_extract2_i64(d, pick64(p), pick64(p), pos);
        } else {
            TCGv_i32 d = dst32(p);
            if (k == 0) tcg_gen_extract_i32(d, pick32(p), pos, len);
            else if (k == 1) tcg_gen_sextract_i32(d, pick32(p), pos, len);
            else if (k == 2) tcg_gen_deposit_i32(d, pick32(p), pick32(p), pos, len);
            else tcg_gen_extract2_i32(d, pick32(p), pick32(p), pos);
        }
        break;
    }
    case 8: {
        /* Host memory: the scratch area, through env or a copy of it. */
        TCGv_i64 base = tcg_env;
        if (rnd() % 2) {
            base = tcg_temp_new_i64();
            tcg_gen_mov_i64(base, tcg_env);
        }
        int32_t off = offsetof(ToyState, scratch) + rnd() % 25;
        if (rnd() % 2) {
            TCGOpcode opc = ld_ops[rnd() % N(ld_ops)];
            TCGArg d = tcg_op_defs[opc].flags & TCG_OPF_64BIT ? tcgv_i64_arg(dst64(p))
                                                              : tcgv_i32_arg(dst32(p));
            tcg_gen_op3(opc, d, tcgv_i64_arg(base), off);
        } else {
            TCGOpcode opc = st_ops[rnd() % N(st_ops)];
            TCGArg v = tcg_op_defs[opc].flags & TCG_OPF_64BIT ? tcgv_i64_arg(pick64(p))
                                                              : tcgv_i32_arg(pick32(p));
            tcg_gen_op3(opc, v, tcgv_i64_arg(base), off);
        }
        break;
    }
    case 9: case 10: case 11: {
        bool load = rnd() % 2;
        if (w64) {
            unsigned mop = pick_memop(3, load);
            if (load) tcg_gen_qemu_ld_i64(dst64(p), pick_addr(p), mop);
            else tcg_gen_qemu_st_i64(pick64(p), pick_addr(p), mop);
        } else {
            unsigned mop = pick_memop(2, load);
            if (load) tcg_gen_qemu_ld_i32(dst32(p), pick_addr(p), mop);
            else tcg_gen_qemu_st_i32(pick32(p), pick_addr(p), mop);
        }
        break;
    }
    case 12: {
        unsigned mop = (w64 ? rnd() % 4 : rnd() % 3) | MO_ALIGN;
        TCGv_i64 a = pick_addr(p);
        if (rnd() % 2) {
            if (w64) tcg_gen_atomic_cmpxchg_i64(dst64(p), a, pick64(p), pick64(p), mop);
            else tcg_gen_atomic_cmpxchg_i32(dst32(p), a, pick32(p), pick32(p), mop);
        } else {
            TCGAtomicOp aop = rnd() % 10;
            if (w64) tcg_gen_atomic_rmw_i64(dst64(p), a, pick64(p), mop, aop);
            else tcg_gen_atomic_rmw_i32(dst32(p), a, pick32(p), mop, aop);
        }
        break;
    }
    case 13: {
        TCGv_i64 lo = dst64(p), hi = dst64(p);
        if (lo == hi) {
            hi = tcg_temp_new_i64();
        }
        tcg_gen_atomic_cmpxchg128(lo, hi, pick_addr(p), pick64(p), pick64(p),
                                  pick64(p), pick64(p), MO_128 | MO_ALIGN);
        break;
    }
    case 14:
        if (rnd() % 4 == 0) {
            /* The host path or the fallback, by the operands and by the
             * mode word (scratch[2]: not a TCG global, as a guest's FP
             * control is not): both backends must pick the same. */
            uint64_t mask = rnd() % 2 ? 1 : 0x8000000000000001ull;
            if (rnd() % 2) {
                tcg_gen_fbinop_i64(dst64(p), pick_fp(p), pick_fp(p),
                                   rnd() % (TCG_FP_CMP + 1) | (rnd() % 2 ? TCG_FP_F64 : 0),
                                   &helper_info_fpslow, offsetof(ToyState, scratch[2]), mask,
                                   rnd() % 2);
            } else {
                unsigned kind;
                do {
                    kind = rnd() % TCG_FU_KINDS;
                } while (!tcg_fu_valid(kind));
                tcg_gen_funop_i64(dst64(p), rnd() % 2 ? pick_fp(p) : pick64(p),
                                  kind & ~TCG_FU_FIXED, pick_fbits(kind),
                                  &helper_info_fpslow1, rnd(), offsetof(ToyState, scratch[2]),
                                  mask, rnd() % 2);
            }
            break;
        }
        if (rnd() % 4 == 0) {
            /* Integer lanes, any operands the same. */
            unsigned kind;
            do {
                kind = rnd() % TCG_VOP_KINDS;
                /* (a table lookup: from vec[0] on, at most three
                 * vectors) */
            } while (!tcg_vop_valid(kind >> 3, kind & 3) ||
                     (tcg_vop_table(kind >> 3) && (kind & 3) == 3));
            unsigned lo, hi;
            tcg_vop_imm_range(kind >> 3, kind & 3, &lo, &hi);
            tcg_gen_vop_vec(offsetof(ToyState, vec[2 * (rnd() % 3)]),
                            tcg_vop_table(kind >> 3) ? offsetof(ToyState, vec[0])
                                                       : offsetof(ToyState, vec[2 * (rnd() % 3)]),
                            offsetof(ToyState, vec[2 * (rnd() % 3)]), kind,
                            lo + rnd() % (hi - lo + 1));
            break;
        }
        if (rnd() % 4 == 0 && tcg_host_isa_extended()) {
            /* A fused multiply-add on any lanes, any operands the same. */
            uint64_t mask = rnd() % 2 ? 1 : 0x8000000000000001ull;
            unsigned kind;
            do {
                kind = rnd() % TCG_FMA_KINDS;
            } while (!tcg_fma_valid(kind));
            int d = 2 * (rnd() % 3);
            tcg_gen_fmuladd_vec(offsetof(ToyState, vec[d]), offsetof(ToyState, vec[2 * (rnd() % 3)]),
                                offsetof(ToyState, vec[2 * (rnd() % 3)]),
                                offsetof(ToyState, vec[2 * (rnd() % 3)]), kind,
                                &helper_info_fmaslow, rnd(), d, offsetof(ToyState, scratch[2]),
                                mask, rnd() % 2);
            break;
        }
        if (rnd() % 4 == 0) {
            /* Integer conversions lane by lane, d and n maybe the same. */
            uint64_t mask = rnd() % 2 ? 1 : 0x8000000000000001ull;
            unsigned kind;
            do {
                kind = rnd() % TCG_FU_KINDS;
            } while (!tcg_fu_vec_valid(kind));
            tcg_gen_funop_vec(offsetof(ToyState, vec[2 * (rnd() % 3)]),
                              offsetof(ToyState, vec[2 * (rnd() % 3)]), kind & ~TCG_FU_FIXED,
                              pick_fbits(kind), &helper_info_fpslow1, rnd(), offsetof(ToyState, scratch[2]), mask,
                              rnd() % 2);
            break;
        }
        if (rnd() % 3 == 0) {
            /* The same on two f64 or four f32 lanes, any of the three
             * 16-byte operands the same. */
            uint64_t mask = rnd() % 2 ? 1 : 0x8000000000000001ull;
            tcg_gen_fbinop_vec(offsetof(ToyState, vec[2 * (rnd() % 3)]),
                               offsetof(ToyState, vec[2 * (rnd() % 3)]),
                               offsetof(ToyState, vec[2 * (rnd() % 3)]),
                               vec_fp_kind(),
                               &helper_info_fpslow, offsetof(ToyState, scratch[2]), mask,
                               rnd() % 2);
            break;
        }
        switch (rnd() % 5) {
        case 0: tcg_gen_call(h3, dst32(p), pick64(p), pick32(p), pick64(p)); break;
        case 1: tcg_gen_call(h1, dst32(p), pick32(p)); break;
        case 2: tcg_gen_call(h2, dst64(p), pick64(p), pick64(p)); break;
        case 3: tcg_gen_call(h4, NULL, tcg_env, pick64(p), pick32(p), pick64(p)); break;
        default: tcg_gen_call(raise, NULL, tcg_env, pick64(p)); break;
        }
        break;
    case 15:
        tcg_gen_mb(rnd() % 32);
        break;
    case 16:
        /* A new guest instruction: faults must report its pc.  Never
         * inside a branch's range: front ends branch within one guest
         * instruction, and the jit stores the pc lazily, by position. */
        if (!p->in_branch) {
            tcg_gen_insn_start(0x1000 + rnd() % 0x1000);
        }
        break;
    case 17: case 18: {
        /* A temp used once, by the very next op: handed over in r12. */
        TCGv_i64 t = tcg_temp_new_i64();
        int use = rnd() % 6;
        if (use == 1 || use == 2) {
            /* An address: mostly in range. */
            tcg_gen_andi_i64(t, pick64(p), rnd() % 16 ? (MEM_SIZE - 1) & ~15 : ~0ull);
        } else {
            tcg_gen_op3(bin_ops[rnd() % N(bin_ops)] + 1, tcgv_i64_arg(t),
                        tcgv_i64_arg(pick64(p)), tcgv_i64_arg(pick64(p)));
        }
        switch (use) {
        case 0:
            tcg_gen_op3(bin_ops[rnd() % N(bin_ops)] + 1, tcgv_i64_arg(dst64(p)),
                        tcgv_i64_arg(pick64(p)), tcgv_i64_arg(t));
            break;
        case 1:
            tcg_gen_qemu_ld_i64(dst64(p), t, pick_memop(3, true));
            break;
        case 2:
            tcg_gen_qemu_st_i64(pick64(p), t, pick_memop(3, false));
            break;
        case 3:
            tcg_gen_setcond_i64(rnd() % 14, dst64(p), t, pick64(p));
            break;
        case 4:
            tcg_gen_extract_i64(dst64(p), t, rnd() % 32, 1 + rnd() % 32);
            break;
        default:
            tcg_gen_op3(bin_ops[rnd() % N(bin_ops)] + 1, tcgv_i64_arg(g_r[rnd() % NREGS]),
                        tcgv_i64_arg(t), tcgv_i64_arg(rnd() % 4 ? pick64(p) : t));
            break;
        }
        break;
    }
    case 19: {
        /* Many values live across a helper call: every cache register,
         * the caller-saved ones (r8-r11, which the jit empties before a
         * call) too, holds one, read after the call. */
        TCGv_i64 live[8];
        int n = 4 + rnd() % 5;
        for (int k = 0; k < n; k++) {
            live[k] = tcg_temp_new_i64();
            tcg_gen_op3(bin_ops[rnd() % N(bin_ops)] + 1, tcgv_i64_arg(live[k]),
                        tcgv_i64_arg(g_r[rnd() % NREGS]), tcgv_i64_arg(pick64(p)));
        }
        /* And arguments that die at the call, in whatever cache
         * registers they are (r8-r11 too: read before the call), a
         * guest register written just before (dirty) and read after,
         * the result in a register, read after. */
        TCGv_i64 arg[5], res = tcg_temp_new_i64();
        int g = rnd() % NREGS;
        tcg_gen_movi_i64(res, rnd());
        if (rnd() % 2) {
            tcg_gen_addi_i64(g_r[g], g_r[g], rnd() % 100);
        }
        for (int k = 0; k < 5; k++) {
            arg[k] = tcg_temp_new_i64();
            tcg_gen_op3(bin_ops[rnd() % N(bin_ops)] + 1, tcgv_i64_arg(arg[k]),
                        tcgv_i64_arg(g_r[rnd() % NREGS]), tcgv_i64_arg(pick64(p)));
        }
        switch (rnd() % 7) {
        case 0: tcg_gen_call(h2, g_r[rnd() % NREGS], live[0], pick64(p)); break;
        case 1: tcg_gen_call(h4, NULL, tcg_env, live[n - 1], pick32(p), pick64(p)); break;
        case 2: tcg_gen_call(h5, res, arg[0], arg[1], rnd() % 2 ? arg[2] : g_r[g], arg[3]); break;
        case 3: tcg_gen_call(h6, res, arg[0], arg[1], arg[2], arg[3], arg[4]); break;
        case 4: tcg_gen_call(h7, res, tcg_env, rnd() % 2 ? arg[4] : g_r[g]); break;
        case 5: tcg_gen_call(h2, res, arg[rnd() % 5], rnd() % 2 ? g_r[g] : live[rnd() % n]); break;
        default: tcg_gen_call(h5, g_r[g], g_r[g], arg[0], live[0], arg[1]); break;
        }
        tcg_gen_mov_i64(g_r[rnd() % NREGS], res);
        tcg_gen_op3(bin_ops[rnd() % 5] + 1, tcgv_i64_arg(g_r[rnd() % NREGS]),
                    tcgv_i64_arg(g_r[g]), tcgv_i64_arg(arg[rnd() % 5]));
        for (int k = 0; k < n; k++) {
            tcg_gen_op3(bin_ops[rnd() % 5] + 1, tcgv_i64_arg(g_r[rnd() % NREGS]),
                        tcgv_i64_arg(live[k]), tcgv_i64_arg(rnd() % 2 ? live[rnd() % n]
                                                                      : pick64(p)));
        }
        break;
    }
    default: {
        TCGOpcode opc = bin_ops[rnd() % 5] + 1;
        tcg_gen_op3(opc, tcgv_i64_arg(dst64(p)), tcgv_i64_arg(pick64(p)),
                    tcgv_i64_arg(pick64(p)));
        break;
    }
    }
}

/* n random ops, with forward branches over some of them. */
static void build_body(Pool *p, int n)
{
    TCGLabel *pending = NULL;
    for (int i = 0; i < n; i++) {
        gen_one(p);
        if (!pending && rnd() % 8 == 0) {
            pending = gen_new_label();
            if (rnd() % 2) {
                tcg_gen_brcond_i64(rnd() % 14, pick64(p), pick64(p), pending);
            } else {
                tcg_gen_brcond_i32(rnd() % 14, pick32(p), pick32(p), pending);
            }
            p->n64 = p->n32 = 0;   /* temps defined inside may be skipped */
            p->in_branch = true;
        } else if (pending && rnd() % 4 == 0) {
            if (rnd() % 4 == 0) {
                tcg_gen_br(pending);
            }
            gen_set_label(pending);
            pending = NULL;
            p->n64 = p->n32 = 0;
            p->in_branch = false;
        }
    }
    if (pending) {
        gen_set_label(pending);
        p->n64 = p->n32 = 0;
        p->in_branch = false;
    }
}

static void build_random(uint64_t seed)
{
    rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
    Pool p = { .n64 = 0 };
    build_body(&p, 5 + rnd() % 60);
    tcg_gen_movi_i64(g_pc, 0);
    tcg_gen_exit_tb(NULL, 0);
}

/* A hot region's shape (the jit pins globals across its labels): random
 * bodies in a loop that goes round 1 to 4 times, some with a second back
 * edge to the middle of the loop (counted down too) or an early exit. */
static void build_region(uint64_t seed)
{
    rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
    Pool p = { .n64 = 0 };
    TCGLabel *head = gen_new_label(), *middle = gen_new_label(), *out = gen_new_label();
    tcg_gen_movi_i64(g_loop, 1 + rnd() % 4);
    /* A back edge's target starts an instruction, as a region's blocks
     * do: the fault maps know no pc across a back edge. */
    gen_set_label(head);
    tcg_gen_insn_start(0x1000 + rnd() % 0x1000);
    build_body(&p, 2 + rnd() % 25);
    gen_set_label(middle);
    tcg_gen_insn_start(0x1000 + rnd() % 0x1000);
    p.n64 = p.n32 = 0;
    build_body(&p, 2 + rnd() % 25);
    if (rnd() % 3 == 0) {
        tcg_gen_brcond_i64(rnd() % 14, pick64(&p), pick64(&p), out);
    }
    tcg_gen_subi_i64(g_loop, g_loop, 1);
    if (rnd() % 3 == 0) {
        /* Back to the middle while the count is odd: every path still
         * counts down. */
        TCGv_i64 odd = tcg_temp_new_i64();
        tcg_gen_andi_i64(odd, g_loop, 1);
        tcg_gen_brcondi_i64(TCG_COND_NE, odd, 0, middle);
    }
    tcg_gen_brcondi_i64(TCG_COND_NE, g_loop, 0, head);
    gen_set_label(out);
    tcg_gen_movi_i64(g_pc, 0);
    tcg_gen_exit_tb(NULL, 0);
}

/* ---- the toy target ---- */

enum { KIND_RANDOM = 1, KIND_CHAIN, KIND_SELFLOOP, KIND_LOOKUP, KIND_FAULT, KIND_REGION };

#define FAULT_PAGE 0x2000ull      /* PROT_NONE in test_host_fault */


static void toy_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    uint64_t kind = tb->pc >> 56, arg = tb->pc & 0xffffffffffffffull;
    tcg_gen_insn_start(tb->pc);
    switch (kind) {
    case KIND_RANDOM:
        build_random(arg);
        break;
    case KIND_REGION:
        tb->region_blocks = 1;
        build_region(arg);
        break;
    case KIND_CHAIN:
    case KIND_LOOKUP:
        /* r0++, then on to pc + 1 until the low byte reaches 0x40. */
        tcg_gen_addi_i64(g_r[0], g_r[0], 1);
        if ((arg & 0xff) == 0x40) {
            tcg_gen_call(toy_halt, NULL, tcg_env);
            tcg_gen_exit_tb(NULL, 0);
        } else if (kind == KIND_LOOKUP) {
            tcg_gen_movi_i64(g_pc, tb->pc + 1);
            tcg_gen_lookup_and_goto_ptr();
        } else {
            tcg_gen_goto_tb(0);
            tcg_gen_movi_i64(g_pc, tb->pc + 1);
            tcg_gen_exit_tb(tb, 0);
        }
        break;
    case KIND_FAULT:
        /* r0++; then, at pc + 4, a load from a page the host protects
         * (inline access: a host SIGSEGV inside generated code); r2 = 5. */
        tcg_gen_addi_i64(g_r[0], g_r[0], 1);
        tcg_gen_insn_start(tb->pc + 4);
        tcg_gen_qemu_ld_i64(g_r[1], tcg_constant_i64(FAULT_PAGE + (arg & 0xff8)), MO_64);
        tcg_gen_insn_start(tb->pc + 8);
        tcg_gen_movi_i64(g_r[2], 5);
        tcg_gen_movi_i64(g_pc, 0);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case KIND_SELFLOOP:
        tcg_gen_addi_i64(g_r[1], g_r[1], 1);
        tcg_gen_goto_tb(0);
        tcg_gen_movi_i64(g_pc, tb->pc);
        tcg_gen_exit_tb(tb, 0);
        break;
    }
    tb->size = 1;
    tb->icount = 1;
}

static ToyCPU *toy_new(void)
{
    ToyCPU *c = calloc(1, sizeof(*c));
    c->cs.env = &c->env;
    cpu_jmp_cache_init(&c->cs);
    c->cs.target = &toy_target;
    c->cs.exception_index = -1;
    return c;
}

/* Off the CPU list that cpu_exec put it on, then freed: a CPU left there
 * would be met again (and, its memory reused by the next one, linked to
 * itself) when a full cache stops every CPU to make room. */
static void toy_free(ToyCPU *c)
{
    cpu_list_remove(&c->cs);
    free(c);
}

/* Runs one block on backend be (blocks of each backend have their own
 * cflags, so the cache keeps them apart); returns the exception raised,
 * or -1. */
static int run_block(ToyCPU *c, uint64_t pc, const TCGBackend *be)
{
    tcg_backend = be;
    current_cpu = &c->cs;
    c->cs.cflags = be == &tcg_backend_jit ? 5 : 6;
    c->env.pc = pc;
    TranslationBlock *tb = tb_lookup(&c->cs, pc, 0, c->cs.cflags);
    if (!tb) {
        tb = tb_gen_code(&c->cs, pc, 0, c->cs.cflags);
        if (!tb) {
            tb_make_room();
            tb = tb_gen_code(&c->cs, pc, 0, c->cs.cflags);
        }
    }
    c->cs.exception_index = -1;
    if (sigsetjmp(c->cs.jmp_env, 0) == 0) {
        c->cs.in_exec = true;
        tcg_backend->exec(&c->cs, tb);
    }
    c->cs.in_exec = false;
    return c->cs.exception_index;
}

static int setup(void **state)
{
    for (int i = 0; i < NREGS; i++) {
        char *name = malloc(8);
        snprintf(name, 8, "r%d", i);
        g_r[i] = tcg_global_mem_new_i64(offsetof(ToyState, r[i]), name);
    }
    for (int i = 0; i < 4; i++) {
        g_w[i] = tcg_global_mem_new_i32(offsetof(ToyState, w[i]), "w");
    }
    g_pc = tcg_global_mem_new_i64(offsetof(ToyState, pc), "pc");
    g_loop = tcg_global_mem_new_i64(offsetof(ToyState, loop), "loop");
    /* vop_vec's saturating ops set a bit that both backends must agree on. */
    tcg_set_vop_saturation_flag(offsetof(ToyState, scratch[1]), 1u << 27);
    tcg_interp_set_frame_offset(CPU_FIELD_OFFSET(&toy_target, frame));
    /* Below 2 GiB, as the JIT needs (linux-user places the guest there). */
    guest_mem = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    assert_true(guest_mem != MAP_FAILED);
    guest_base = (uintptr_t)guest_mem;
    assert_true(tb_cache_init(4 << 20, &tcg_backend_jit));
    guest_addr_bits = MEM_BITS;
    return 0;
}

/* ---- tests ---- */

/* What linux-user's SIGSEGV handler does for a fault of generated code. */
static void fault_handler(int sig, siginfo_t *info, void *puc)
{
    uintptr_t pc = ((ucontext_t *)puc)->uc_mcontext.gregs[REG_RIP];
    CPUState *cpu = current_cpu;
    if (!cpu || !cpu->in_exec || !jit_host_pc_is_guest_access(pc)) {
        abort();
    }
    jit_restore_state(cpu, puc);
    cpu->exception_addr = (uintptr_t)info->si_addr - guest_base;
    cpu->exception_index = EXCP_MEM_FAULT;
    cpu_loop_exit_restore(cpu);
}

static void test_differential(void **state)
{
    static uint8_t mem0[MEM_SIZE], mem_interp[MEM_SIZE];
    int mismatches = 0, raised = 0;
    /* MIMIC_TEST_SEED=n: that block alone, logged (op_opt, out_asm). */
    const char *only = getenv("MIMIC_TEST_SEED");
    /* With top-byte-ignore, the inline check tests the address alone and
     * an access at the very top of the space reaches into the guard after
     * it (user mode's, and this page here), whose fault is the guest's. */
    assert_int_equal(mprotect(guest_mem + MEM_SIZE, 4096, PROT_NONE), 0);
    struct sigaction sa = { .sa_sigaction = fault_handler,
                            .sa_flags = SA_SIGINFO | SA_NODEFER },
                     old;
    sigaction(SIGSEGV, &sa, &old);
    for (uint64_t seed = 1; seed <= 6000; seed++) {
        if (only && seed != strtoull(only, NULL, 0)) {
            continue;
        }
        mimic_log_mask = only ? LOG_OUT_ASM | LOG_OP_OPT : 0;
        mimic_log_file = stderr;
        ToyCPU *a = toy_new(), *b = toy_new();
        rng_state = seed * 7919;
        for (int i = 0; i < NREGS; i++) {
            a->env.r[i] = b->env.r[i] = (rnd() % 3) ? rnd() : edge[rnd() % NEDGE];
        }
        for (int i = 0; i < 4; i++) {
            a->env.w[i] = b->env.w[i] = rnd();
            a->env.scratch[i] = b->env.scratch[i] = rnd();
        }
        for (int i = 0; i < 8; i++) {
            a->env.vec[i] = b->env.vec[i] = fp_lanes();
        }
        for (unsigned i = 0; i < MEM_SIZE; i++) {
            mem0[i] = rnd();
        }
        tcg_no_optimize = seed % 2;
        /* Every other pair of blocks with AArch64's top-byte-ignore: the
         * accesses' inline test of the high address bits (rbp). */
        guest_top_byte_ignore = seed / 2 % 2;
        /* A third of them regions: loops with pinned globals. */
        uint64_t pc = ((uint64_t)(seed % 3 ? KIND_RANDOM : KIND_REGION) << 56) | seed;
        memcpy(guest_mem, mem0, MEM_SIZE);
        int ea = run_block(a, pc, &tcg_backend_interp);
        memcpy(mem_interp, guest_mem, MEM_SIZE);
        memcpy(guest_mem, mem0, MEM_SIZE);
        int eb = run_block(b, pc, &tcg_backend_jit);
        raised += ea >= 0;
        bool same = ea == eb && !memcmp(&a->env, &b->env, sizeof(a->env)) &&
                    !memcmp(mem_interp, guest_mem, MEM_SIZE) &&
                    (ea < 0 || a->cs.exception_addr == b->cs.exception_addr);
        if (!same && mismatches++ < 5) {
            print_message("seed %lu (opt %d): interp and jit differ (excp %d/%d, pc %#lx/%#lx, "
                          "fault address %#lx/%#lx, loop %lu/%lu)\n",
                          (unsigned long)seed, !tcg_no_optimize, ea, eb,
                          (unsigned long)a->env.pc, (unsigned long)b->env.pc,
                          (unsigned long)a->cs.exception_addr,
                          (unsigned long)b->cs.exception_addr, (unsigned long)a->env.loop,
                          (unsigned long)b->env.loop);
            for (int i = 0; i < NREGS; i++) {
                if (a->env.r[i] != b->env.r[i]) {
                    print_message("  r%d: %#lx vs %#lx\n", i, (unsigned long)a->env.r[i],
                                  (unsigned long)b->env.r[i]);
                }
            }
            for (int i = 0; i < 4; i++) {
                if (a->env.w[i] != b->env.w[i]) {
                    print_message("  w%d: %#x vs %#x\n", i, a->env.w[i], b->env.w[i]);
                }
            }
        }
        toy_free(a);
        toy_free(b);
    }
    tcg_no_optimize = false;
    guest_top_byte_ignore = false;
    sigaction(SIGSEGV, &old, NULL);
    assert_int_equal(mprotect(guest_mem + MEM_SIZE, 4096, PROT_READ | PROT_WRITE), 0);
    tcg_backend = &tcg_backend_jit;
    print_message("%d blocks raised an exception; the cache made room %lu times\n", raised,
                  (unsigned long)tb_stats.evictions);
    assert_true(raised > 100 || only);
    /* Several laps of the cache's ring: the later blocks, their faults
     * and slow paths ran in code written over evicted code. */
    assert_true(tb_stats.evictions > 10 || only);
    assert_int_equal(mismatches, 0);
}

/* Direct chaining and indirect lookup: 0x40 blocks run back to back
 * inside generated code, the last one stops through a helper. */
static void test_chain(void **state)
{
    tcg_backend = &tcg_backend_jit;
    for (int kind = KIND_CHAIN; kind <= KIND_LOOKUP; kind += KIND_LOOKUP - KIND_CHAIN) {
        for (int round = 0; round < 3; round++) {
            ToyCPU *c = toy_new();
            c->cs.cflags = 7;
            c->env.pc = (uint64_t)kind << 56;
            assert_int_equal(cpu_exec(&c->cs), EXCP_HLT);
            assert_int_equal(c->env.r[0], 0x41);
            toy_free(c);
        }
    }
    /* The chain is linked: block 0's exit 0 points at block 1. */
    ToyCPU *c = toy_new();
    c->cs.cflags = 7;
    current_cpu = &c->cs;
    TranslationBlock *t0 = tb_lookup(&c->cs, (uint64_t)KIND_CHAIN << 56, 0, 7);
    TranslationBlock *t1 = tb_lookup(&c->cs, ((uint64_t)KIND_CHAIN << 56) + 1, 0, 7);
    assert_non_null(t0);
    assert_true(t0->jmp_dest[0] == t1);
    /* Invalidating the target unlinks: the chain still runs, via the loop. */
    tb_invalidate_range(((uint64_t)KIND_CHAIN << 56) + 1, ((uint64_t)KIND_CHAIN << 56) + 2);
    assert_null(t0->jmp_dest[0]);
    c->env.pc = (uint64_t)KIND_CHAIN << 56;
    assert_int_equal(cpu_exec(&c->cs), EXCP_HLT);
    assert_int_equal(c->env.r[0], 0x41);
    toy_free(c);
}

static void *request_exit(void *arg)
{
    struct timespec ts = { 0, 20 * 1000 * 1000 };
    nanosleep(&ts, NULL);
    cpu_exit(arg);
    return NULL;
}

/* A self-loop chained to itself ends only by the exit request. */
static void test_exit_request(void **state)
{
    tcg_backend = &tcg_backend_jit;
    ToyCPU *c = toy_new();
    c->cs.cflags = 7;
    c->env.pc = (uint64_t)KIND_SELFLOOP << 56;
    pthread_t t;
    pthread_create(&t, NULL, request_exit, &c->cs);
    assert_int_equal(cpu_exec(&c->cs), EXCP_INTERRUPT);
    pthread_join(t, NULL);
    assert_true(c->env.r[1] > 1000);
    assert_int_equal(c->env.pc, (uint64_t)KIND_SELFLOOP << 56);
    toy_free(c);
}

/* A full flush in between: everything is retranslated and still right. */
static void test_flush(void **state)
{
    tcg_backend = &tcg_backend_jit;
    for (int i = 0; i < 3; i++) {
        tb_flush();
        ToyCPU *c = toy_new();
        c->cs.cflags = 7;
        c->env.pc = (uint64_t)KIND_CHAIN << 56;
        assert_int_equal(cpu_exec(&c->cs), EXCP_HLT);
        assert_int_equal(c->env.r[0], 0x41);
        toy_free(c);
    }
}

/* Translates random blocks until the cache has made room `times` more
 * times, or (times 0) until fill bytes more of code were written. */
static void fill_cache(ToyCPU *c, uint64_t *seed, uint64_t times, uint64_t fill)
{
    uint64_t evictions = tb_stats.evictions + times, bytes = tb_stats.code_bytes + fill;
    while (times ? tb_stats.evictions < evictions : tb_stats.code_bytes < bytes) {
        run_block(c, ((uint64_t)KIND_RANDOM << 56) | (*seed)++, &tcg_backend_jit);
    }
}

/* A full cache evicts its oldest blocks, not all: a newer block chained to
 * an evicted one is unlinked and still runs right; blocks newer than the
 * evicted ones are still found, by guest pc and by host pc. */
static void test_evict(void **state)
{
    tb_flush();
    uint64_t seed = 1000000;
    uint64_t chain = (uint64_t)KIND_CHAIN << 56;
    ToyCPU *c = toy_new(), *r = toy_new();
    c->cs.cflags = 7;
    /* The chain's last two blocks, then half a cache of others, then the
     * block before them, which the loop links to them. */
    c->env.pc = chain + 0x3f;
    assert_int_equal(cpu_exec(&c->cs), EXCP_HLT);
    fill_cache(r, &seed, 0, tb_code_size() / 2);
    c->env.pc = chain + 0x3e;
    assert_int_equal(cpu_exec(&c->cs), EXCP_HLT);
    TranslationBlock *a = tb_lookup(&c->cs, chain + 0x3e, 0, 7);
    TranslationBlock *b = tb_lookup(&c->cs, chain + 0x3f, 0, 7);
    assert_non_null(a);
    assert_ptr_equal(a->jmp_dest[0], b);

    /* The first eviction takes b (among the oldest), not a. */
    fill_cache(r, &seed, 1, 0);
    assert_null(tb_lookup(&c->cs, chain + 0x3f, 0, 7));
    assert_ptr_equal(tb_lookup(&c->cs, chain + 0x3e, 0, 7), a);
    assert_null(a->jmp_dest[0]);
    assert_ptr_equal(tb_of_host_pc((uintptr_t)a->tc_ptr + a->tc_size - 1), a);
    c->env.r[0] = 0;
    c->env.pc = chain + 0x3e;
    uint64_t made = tb_stats.translated_blocks;
    assert_int_equal(cpu_exec(&c->cs), EXCP_HLT);
    assert_int_equal(c->env.r[0], 3);
    assert_int_equal(tb_stats.translated_blocks, made + 2);

    /* Two laps of the ring later the whole chain still runs right. */
    fill_cache(r, &seed, 20, 0);
    c->env.r[0] = 0;
    c->env.pc = chain;
    assert_int_equal(cpu_exec(&c->cs), EXCP_HLT);
    assert_int_equal(c->env.r[0], 0x41);
    TranslationBlock *last = tb_lookup(&c->cs, chain + 0x40, 0, 7);
    assert_ptr_equal(tb_of_host_pc((uintptr_t)last->tc_ptr), last);
    toy_free(c);
    toy_free(r);
}

/* A host fault on an inline guest access: exact pc and registers. */
static void test_host_fault(void **state)
{
    unsigned saved_bits = guest_addr_bits;
    guest_addr_bits = 16;
    assert_int_equal(mprotect(guest_mem + FAULT_PAGE, 4096, PROT_NONE), 0);
    /* NODEFER: the handler leaves by longjmp, with a mask not restored. */
    struct sigaction sa = { .sa_sigaction = fault_handler,
                          .sa_flags = SA_SIGINFO | SA_NODEFER },
                     old;
    sigaction(SIGSEGV, &sa, &old);
    for (int i = 0; i < 3; i++) {
        ToyCPU *c = toy_new();
        c->env.r[1] = 0x1111;
        uint64_t pc = ((uint64_t)KIND_FAULT << 56) | (i * 8);
        assert_int_equal(run_block(c, pc, &tcg_backend_jit), EXCP_MEM_FAULT);
        assert_int_equal(c->env.pc, pc + 4);
        assert_int_equal(c->env.r[0], 1);
        assert_int_equal(c->env.r[1], 0x1111);
        assert_int_equal(c->env.r[2], 0);
        assert_int_equal(c->cs.exception_addr, FAULT_PAGE + i * 8);
        toy_free(c);
    }
    sigaction(SIGSEGV, &old, NULL);
    mprotect(guest_mem + FAULT_PAGE, 4096, PROT_READ | PROT_WRITE);
    guest_addr_bits = saved_bits;
}

/* A block made outside the cache's lock (gen_detached) and then placed
 * is the same code whichever stand-in descriptor it was made for and
 * wherever it was made: every field that moving changes (the rel32s out
 * of the block, the descriptor's address) is relocated. */
static void test_detached(void **state)
{
    tcg_backend = &tcg_backend_jit;
    ToyCPU *c = toy_new();
    run_block(c, (uint64_t)KIND_SELFLOOP << 56, &tcg_backend_jit);
    /* An address of the cache: the rel32s into mimic reach from there. */
    uintptr_t rx = (uintptr_t)tb_lookup(&c->cs, (uint64_t)KIND_SELFLOOP << 56, 0,
                                        c->cs.cflags)->tc_ptr & ~(uintptr_t)15;
    static uint8_t code[2][64 * 1024];
    static TranslationBlock standin[2], placed;
    int moved = 0;
    for (uint64_t seed = 1; seed <= 1500; seed++) {
        uint64_t pc = ((uint64_t)(seed % 4 ? KIND_RANDOM : KIND_SELFLOOP) << 56) | seed;
        long n[2];
        for (int k = 0; k < 2; k++) {
            memset(&standin[k], 0, sizeof(standin[k]));
            standin[k].pc = pc;
            standin[k].cflags = c->cs.cflags;
            tcg_func_start(tcg_ctx);
            toy_translate(&c->cs, &standin[k], 1);
            tcg_optimize(tcg_ctx);
            assert_true(tcg_backend_jit.gen_detached(tcg_ctx, &standin[k],
                                                     rx + k * 0x10000) > 0);
            memset(code[k], 0xcc, sizeof(code[k]));
            n[k] = tcg_backend_jit.place_detached(&placed, code[k], rx + 0x40000,
                                                  sizeof(code[k]));
        }
        assert_true(n[0] > 0);
        assert_int_equal(n[0], n[1]);
        if (memcmp(code[0], code[1], n[0])) {
            for (long i = 0; i < n[0]; i++) {
                if (code[0][i] != code[1][i]) {
                    print_message("seed %lu: placed code differs at +%ld\n",
                                  (unsigned long)seed, i);
                    break;
                }
            }
            fail();
        }
        /* No field names a stand-in; some name the block's descriptor. */
        for (long i = 0; i + 8 <= n[0]; i++) {
            uintptr_t v;
            memcpy(&v, code[0] + i, 8);
            for (int k = 0; k < 2; k++) {
                assert_false(v - (uintptr_t)&standin[k] < sizeof(standin[k]));
            }
            moved += v - (uintptr_t)&placed < sizeof(placed);
        }
    }
    assert_true(moved > 100);
    toy_free(c);
}

int main(void)
{
    guest_code_fetch = test_code_fetch;
    /* The jit picks its stencil set once, at the first translation. */
    const char *isa = getenv("MIMIC_TEST_HOST_ISA");
    jit_host_isa_baseline = isa && !strcmp(isa, "baseline");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_differential),
        cmocka_unit_test(test_chain),
        cmocka_unit_test(test_exit_request),
        cmocka_unit_test(test_flush),
        cmocka_unit_test(test_evict),
        cmocka_unit_test(test_host_fault),
        cmocka_unit_test(test_detached),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
