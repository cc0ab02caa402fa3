/*
 * Host fast paths for the integer AdvSIMD ops that hot code runs - the
 * byte compares, min/max and pairwise reductions of string functions,
 * lane adds and narrowing shifts - on SSE2, which every x86-64 host has.
 * Each returns false for a form it does not cover; the lane-by-lane
 * helpers in helper-simd.c are the reference and do the rest.  Operands
 * are read before the result is written (Vd may be Vn or Vm); a 64-bit
 * form (Q = 0) clears the upper half, as Arm's writes do.
 */
#include "helper-fp.h"

#ifdef __SSE2__
#include <emmintrin.h>

static inline __m128i vload(const CPUARMState *env, unsigned r)
{
    return _mm_loadu_si128((const __m128i *)&env->vregs[r]);
}

static inline void vstore(CPUARMState *env, unsigned r, __m128i v, bool q)
{
    _mm_storeu_si128((__m128i *)&env->vregs[r], q ? v : _mm_move_epi64(v));
}

static inline __m128i ones(void)
{
    return _mm_set1_epi32(-1);
}

/* Unsigned a >= b on bytes: max(a, b) == a. */
static inline __m128i cmhs8(__m128i a, __m128i b)
{
    return _mm_cmpeq_epi8(_mm_max_epu8(a, b), a);
}

static bool lane_op(unsigned op, unsigned esz, __m128i n, __m128i m, __m128i *r)
{
    switch (op * 4 + esz) {
    case SI_ADD * 4 + 0: *r = _mm_add_epi8(n, m); return true;
    case SI_ADD * 4 + 1: *r = _mm_add_epi16(n, m); return true;
    case SI_ADD * 4 + 2: *r = _mm_add_epi32(n, m); return true;
    case SI_ADD * 4 + 3: *r = _mm_add_epi64(n, m); return true;
    case SI_SUB * 4 + 0: *r = _mm_sub_epi8(n, m); return true;
    case SI_SUB * 4 + 1: *r = _mm_sub_epi16(n, m); return true;
    case SI_SUB * 4 + 2: *r = _mm_sub_epi32(n, m); return true;
    case SI_SUB * 4 + 3: *r = _mm_sub_epi64(n, m); return true;
    case SI_CMEQ * 4 + 0: *r = _mm_cmpeq_epi8(n, m); return true;
    case SI_CMEQ * 4 + 1: *r = _mm_cmpeq_epi16(n, m); return true;
    case SI_CMEQ * 4 + 2: *r = _mm_cmpeq_epi32(n, m); return true;
    case SI_CMTST * 4 + 0:
        *r = _mm_xor_si128(_mm_cmpeq_epi8(_mm_and_si128(n, m), _mm_setzero_si128()), ones());
        return true;
    case SI_CMGT * 4 + 0: *r = _mm_cmpgt_epi8(n, m); return true;
    case SI_CMGT * 4 + 1: *r = _mm_cmpgt_epi16(n, m); return true;
    case SI_CMGT * 4 + 2: *r = _mm_cmpgt_epi32(n, m); return true;
    case SI_CMGE * 4 + 0: *r = _mm_xor_si128(_mm_cmpgt_epi8(m, n), ones()); return true;
    case SI_CMGE * 4 + 1: *r = _mm_xor_si128(_mm_cmpgt_epi16(m, n), ones()); return true;
    case SI_CMGE * 4 + 2: *r = _mm_xor_si128(_mm_cmpgt_epi32(m, n), ones()); return true;
    case SI_CMHS * 4 + 0: *r = cmhs8(n, m); return true;
    case SI_CMHI * 4 + 0: *r = _mm_xor_si128(cmhs8(m, n), ones()); return true;
    case SI_UMAX * 4 + 0: *r = _mm_max_epu8(n, m); return true;
    case SI_UMIN * 4 + 0: *r = _mm_min_epu8(n, m); return true;
    case SI_SMAX * 4 + 1: *r = _mm_max_epi16(n, m); return true;
    case SI_SMIN * 4 + 1: *r = _mm_min_epi16(n, m); return true;
    default: return false;
    }
}

/* Pairwise on bytes: each 16-bit lane of x holds a pair; the result of
 * the pair in the low byte of the lane. */
static bool pair_op8(unsigned op, __m128i x, __m128i *r)
{
    __m128i lo = _mm_set1_epi16(0xff);
    __m128i even = _mm_and_si128(x, lo), odd = _mm_srli_epi16(x, 8);
    switch (op) {
    case SI_ADD: *r = _mm_and_si128(_mm_add_epi16(even, odd), lo); return true;
    case SI_UMAX: *r = _mm_max_epu8(even, odd); return true;
    case SI_UMIN: *r = _mm_min_epu8(even, odd); return true;
    default: return false;
    }
}

bool simd_3op_host(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    unsigned op = DESC_OP(desc), esz = DESC_ESZ(desc);
    bool q = desc & DESC_Q;
    if (DESC_IMM(desc) != SL_SAME || (desc & DESC_SCALAR)) {
        return false;
    }
    __m128i n = vload(env, REGS_N(regs)), m = vload(env, REGS_M(regs)), r;
    if (desc & DESC_PAIR) {
        __m128i a, b;
        if (esz != 0 || !pair_op8(op, n, &a) || !pair_op8(op, m, &b)) {
            return false;
        }
        r = _mm_packus_epi16(a, b);
        if (!q) {
            /* 8 bytes: four results of Vn's low half, four of Vm's. */
            r = _mm_unpacklo_epi32(r, _mm_srli_si128(r, 8));
        }
    } else if (!lane_op(op, esz, n, m, &r)) {
        return false;
    }
    vstore(env, REGS_D(regs), r, q);
    return true;
}

bool simd_2misc_host(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    unsigned op = DESC_OP(desc), esz = DESC_ESZ(desc);
    bool q = desc & DESC_Q;
    if ((desc & DESC_SCALAR) || esz > 2) {
        return false;
    }
    __m128i n = vload(env, REGS_N(regs)), z = _mm_setzero_si128(), r;
    switch (op) {
    case SM_CMEQ0:
        r = esz == 0 ? _mm_cmpeq_epi8(n, z) : esz == 1 ? _mm_cmpeq_epi16(n, z)
                                                       : _mm_cmpeq_epi32(n, z);
        break;
    case SM_CMLT0:
        r = esz == 0 ? _mm_cmpgt_epi8(z, n) : esz == 1 ? _mm_cmpgt_epi16(z, n)
                                                       : _mm_cmpgt_epi32(z, n);
        break;
    case SM_CMGT0:
        r = esz == 0 ? _mm_cmpgt_epi8(n, z) : esz == 1 ? _mm_cmpgt_epi16(n, z)
                                                       : _mm_cmpgt_epi32(n, z);
        break;
    case SM_NOT:
        r = _mm_xor_si128(n, ones());
        break;
    default:
        return false;
    }
    vstore(env, REGS_D(regs), r, q);
    return true;
}

bool simd_shift_host(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    unsigned op = DESC_OP(desc), esz = DESC_ESZ(desc);
    unsigned sh = DESC_IMM(desc);
    bool q = desc & DESC_Q;
    if (desc & DESC_SCALAR) {
        return false;
    }
    __m128i n = vload(env, REGS_N(regs)), r;
    if (op == SS_SHRN && esz == 0 && sh <= 8) {
        /* 8h -> 8b: the low byte of each lane shifted right. */
        __m128i v = _mm_and_si128(_mm_srl_epi16(n, _mm_cvtsi32_si128(sh)),
                                  _mm_set1_epi16(0xff));
        r = _mm_packus_epi16(v, _mm_setzero_si128());
        if (desc & DESC_PART) {
            /* SHRN2: into the upper half, the lower one kept. */
            r = _mm_unpacklo_epi64(vload(env, REGS_D(regs)), r);
            q = true;
        } else {
            q = false;
        }
        vstore(env, REGS_D(regs), r, q);
        return true;
    }
    __m128i c = _mm_cvtsi32_si128(sh);
    switch (op * 4 + esz) {
    case SS_USHR * 4 + 1: r = _mm_srl_epi16(n, c); break;
    case SS_USHR * 4 + 2: r = _mm_srl_epi32(n, c); break;
    case SS_USHR * 4 + 3: r = _mm_srl_epi64(n, c); break;
    case SS_SSHR * 4 + 1: r = _mm_sra_epi16(n, c); break;
    case SS_SSHR * 4 + 2: r = _mm_sra_epi32(n, c); break;
    case SS_SHL * 4 + 1: r = _mm_sll_epi16(n, c); break;
    case SS_SHL * 4 + 2: r = _mm_sll_epi32(n, c); break;
    case SS_SHL * 4 + 3: r = _mm_sll_epi64(n, c); break;
    default: return false;
    }
    vstore(env, REGS_D(regs), r, q);
    return true;
}

#else

bool simd_3op_host(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    return false;
}

bool simd_2misc_host(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    return false;
}

bool simd_shift_host(CPUARMState *env, uint32_t desc, uint32_t regs)
{
    return false;
}

#endif
