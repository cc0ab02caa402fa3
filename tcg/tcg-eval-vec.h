/*
 * What vop_vec (tcg-opc.h) computes on the integer lanes of 16 bytes of
 * CPU state, written once with GCC's vector extensions: the interpreter
 * runs it and every vop_vec stencil is it for one kind.  Part of
 * tcg-eval.h (included at its end), which owns the loads and stores of
 * the 16 bytes (tcg_load_halves, tcg_store_halves) and the vector types.
 * What SSE lacks (byte shifts, 64-bit arithmetic shifts, unsigned
 * compares) is built from wider shifts, masks from general registers and
 * sign tricks: a stencil has no constant pool.
 */
#ifndef TCG_EVAL_VEC_H
#define TCG_EVAL_VEC_H

/* vop_vec (tcg-opc.h) on lanes of signed type S and unsigned type U, as
 * GCC's vector extensions compute them (SSE where the host has the
 * instruction, a sequence of them where not).  A comparison gives
 * all-ones or zero lanes, as Arm's do; the halving adds are exact
 * without a wider type: floor((n + m) / 2) = (n & m) + ((n ^ m) >> 1),
 * the rounding one (n | m) - ((n ^ m) >> 1), and floor((n - m) / 2) =
 * ((n ^ m) >> 1) - (~n & m).  An unsigned compare
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
            case TCG_VOP_SHSUB: r = ((n ^ m) >> 1) - (~n & m); break;         \
            case TCG_VOP_UHSUB: r = (S)(((un_ ^ um_) >> 1) - (~un_ & um_)); break; \
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
        if (op >= TCG_VOP_SHADD && op <= TCG_VOP_UHSUB) {
            /* as TCG_VOP_LANES, with the byte shift it cannot write */
            bool sign = op == TCG_VOP_SHADD || op == TCG_VOP_SRHADD || op == TCG_VOP_SHSUB;
            tcg_v2di half = sign ? tcg_vec_asr(0, n ^ m, 1) : tcg_vec_lsr(0, n ^ m, 1);
            if (op >= TCG_VOP_SHSUB) {
                return tcg_vec_add(0, half, ~n & m, true);
            }
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

/* The bits set in each lane of esz: per byte (the bits of pairs,
 * nibbles, bytes added up, with byte masks after the 16-bit shifts),
 * then the bytes' counts summed up to the lane. */
static inline TCG_AI tcg_v2di tcg_vec_popcount(unsigned esz, tcg_v2di n)
{
    tcg_v2di m1 = tcg_vec_dup64(0x5555555555555555ull), m2 = tcg_vec_dup64(0x3333333333333333ull);
    n = tcg_vec_add(0, n, tcg_vec_lsr(1, n, 1) & m1, true);
    n = tcg_vec_add(0, n & m2, tcg_vec_lsr(1, n, 2) & m2, false);
    n = tcg_vec_add(0, n, tcg_vec_lsr(1, n, 4), false) & tcg_vec_lane_low_half(0);
    for (unsigned l = 0; l < esz; l++) {
        n = tcg_vec_pair_sums(l, n, false);
    }
    return n;
}

/* All-ones lanes of esz where a and b are equal (SSE2 has no 64-bit
 * compare, for which GCC's own sequence goes through the stack). */
static inline TCG_AI tcg_v2di tcg_vec_eq(unsigned esz, tcg_v2di a, tcg_v2di b)
{
#ifdef __SSE2__
    if (esz == 3) {
        tcg_v4si t = (tcg_v4si)a == (tcg_v4si)b;
        return (tcg_v2di)(t & __builtin_shuffle(t, (tcg_v4si){ 1, 0, 3, 2 }));
    }
#endif
    return tcg_vec_lanes(TCG_VOP_CMEQ, esz, a, b, a);
}

/* x's lanes of esz shifted by the low steps bits of a's lanes (where
 * unit, each lane's lowest bit, is set in them): a shift by each power
 * of two, kept where a has that bit (SSE has no shift by lane); dir < 0
 * left, 0 right, > 0 right arithmetic; round: the last bit shifted out
 * added back after one more right shift (no overflow). */
static inline TCG_AI tcg_v2di tcg_vec_shift_steps(unsigned esz, tcg_v2di x, tcg_v2di a,
                                                  tcg_v2di unit, unsigned steps, int dir,
                                                  bool round)
{
    for (unsigned b = 0; b < steps; b++) {
        tcg_v2di y = dir < 0 ? tcg_vec_shl(esz, x, 1u << b)
                             : dir ? tcg_vec_asr(esz, x, 1u << b) : tcg_vec_lsr(esz, x, 1u << b);
        tcg_v2di k = tcg_vec_shl(3, unit, b);
        x ^= (x ^ y) & tcg_vec_eq(esz, a & k, k);
    }
    if (round) {
        x = tcg_vec_add(esz, dir ? tcg_vec_asr(esz, x, 1) : tcg_vec_lsr(esz, x, 1), x & unit, false);
    }
    return x;
}

/* The same for lanes of esz with counts below their width (round: by
 * one more).  Bytes are shifted as the high halves of 16-bit lanes, the
 * even and the odd ones apart: SSE has no byte shift, and the masks that
 * would make one from a 16-bit shift are constants, one per step. */
static inline TCG_AI tcg_v2di tcg_vec_shift_by_lanes(unsigned esz, tcg_v2di x, tcg_v2di a,
                                                     tcg_v2di low, int dir, bool round)
{
    if (esz == 0) {
        tcg_v2di hi = tcg_vec_dup64(0xff00ff00ff00ff00ull);
        tcg_v2di unit = tcg_vec_shl(3, low, 8) & hi;
        tcg_v2di even = tcg_vec_shift_steps(1, tcg_vec_shl(1, x, 8), tcg_vec_shl(1, a, 8), unit,
                                            3, dir, round);
        tcg_v2di odd = tcg_vec_shift_steps(1, x & hi, a & hi, unit, 3, dir, round);
        return tcg_vec_lsr(1, even, 8) | (odd & hi);
    }
    return tcg_vec_shift_steps(esz, x, a, low, 3 + esz, dir, round);
}

/* SSHL, USHL, SRSHL, URSHL: n's lanes by the signed low byte of m's.
 * Left by a count c (< 0 a right shift by -c): 0 from the lane's width
 * on.  Right by c: by the width less one at most, where an arithmetic
 * shift has only sign bits left and a logical one is then 0; rounding,
 * as a shift by c - 1 and one more that rounds, which leaves 0 for every
 * count from the width on. */
static inline TCG_AI tcg_v2di tcg_vec_shift_by_reg(unsigned op, unsigned esz, tcg_v2di n,
                                                   tcg_v2di m, tcg_v2di *over)
{
    unsigned bits = 8u << esz;
    bool sign = op == TCG_VOP_SSHL || op == TCG_VOP_SRSHL || op == TCG_VOP_SQSHLR ||
                op == TCG_VOP_SQRSHL;
    bool round = op == TCG_VOP_SRSHL || op == TCG_VOP_URSHL || op == TCG_VOP_SQRSHL ||
                 op == TCG_VOP_UQRSHL;
    bool saturate = op >= TCG_VOP_SQSHLR;
    uint64_t ones = ((const uint64_t[]){ 0x0101010101010101ull, 0x0001000100010001ull,
                                         0x0000000100000001ull, 1 })[esz];
    tcg_v2di low = tcg_vec_dup64(ones), zero = { 0 };
    tcg_v2di c = esz ? tcg_vec_asr(esz, tcg_vec_shl(esz, m, bits - 8), bits - 8) : m;
    tcg_v2di right = esz ? tcg_vec_asr(esz, c, bits - 1)
                         : tcg_vec_lanes(TCG_VOP_CMLT0, 0, c, c, c);
    /* |c|, less one for a rounding right shift: 0 to 128 */
    tcg_v2di a = round ? c ^ right : tcg_vec_add(esz, c ^ right, right & low, false);
    /* counts of the lane's width and more: by the width less one */
    tcg_v2di width1 = tcg_vec_add(esz, tcg_vec_shl(3, low, 3 + esz), low, true);
    tcg_v2di big = ~tcg_vec_eq(esz, a & ~width1, zero);
    a |= big & width1;
    tcg_v2di l = tcg_vec_shift_by_lanes(esz, n, a, low, -1, false) & ~big;
    tcg_v2di r = tcg_vec_shift_by_lanes(esz, n, a, low, sign, round);
    if (!sign) {
        r &= ~big;
    }
    if (saturate) {
        /* a left shift overflows where shifting back does not give n
         * (0 past the width: any n but 0): to the bound of n's sign, or
         * all ones */
        tcg_v2di back = tcg_vec_shift_by_lanes(esz, l, a, low, sign, false);
        tcg_v2di o = ~tcg_vec_eq(esz, back, n) & ~right;
        tcg_v2di all = tcg_vec_dup64(~0ull);
        tcg_v2di bound = sign ? tcg_vec_asr(esz, n, bits - 1) ^ tcg_vec_lsr(esz, all, 1) : all;
        l = (l & ~o) | (bound & o);
        *over = o;
    }
    return (l & ~right) | (r & right);
}

/* PMUL: n's bytes times m's as polynomials over GF(2), the low 8 bits:
 * n shifted by each of m's set bits, added up (exclusive or).  On the
 * even and the odd bytes apart, as 16-bit lanes: SSE has no byte
 * shift. */
static inline TCG_AI tcg_v2di tcg_vec_pmul(tcg_v2di n, tcg_v2di m)
{
    tcg_v2di lowbyte = tcg_vec_lane_low_half(1), unit = tcg_vec_lane_low(1), r[2];
    for (int odd = 0; odd < 2; odd++) {
        tcg_v2di x = odd ? tcg_vec_lsr(1, n, 8) : n & lowbyte;
        tcg_v2di y = odd ? tcg_vec_lsr(1, m, 8) : m & lowbyte;
        r[odd] = (tcg_v2di){ 0 };
        for (unsigned b = 0; b < 8; b++) {
            tcg_v2di k = tcg_vec_shl(3, unit, b);
            r[odd] ^= tcg_vec_shl(1, x, b) & tcg_vec_eq(1, y & k, k);
        }
    }
    return (r[0] & lowbyte) | tcg_vec_shl(1, r[1], 8);
}

/* PMULL: the carry-less products of the bytes of a and b, 16 bits
 * each, as PMUL's but in lanes twice as wide. */
static inline TCG_AI tcg_v2di tcg_vec_pmull(int64_t a, int64_t b)
{
    tcg_v2di x = tcg_vec_widen(0, a, false), y = tcg_vec_widen(0, b, false);
    tcg_v2di unit = tcg_vec_lane_low(1), r = { 0 };
    for (unsigned bit = 0; bit < 8; bit++) {
        tcg_v2di k = tcg_vec_shl(3, unit, bit);
        r ^= tcg_vec_shl(1, x, bit) & tcg_vec_eq(1, y & k, k);
    }
    return r;
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
    case TCG_VOP_CNT:
        return tcg_vec_popcount(0, n);
    case TCG_VOP_CLS:
        /* the leading zeros of the bits that differ from the next
         * higher one, less one: of those shifted up by one, with a 1
         * below them (for lanes all sign bits) */
        n ^= tcg_vec_asr(esz, n, 1);
        n = tcg_vec_shl(esz, n, 1) | tcg_vec_lane_low(esz);
        /* fall through */
    case TCG_VOP_CLZ:
        /* the zeros above the top set bit: the bits clear once it is
         * copied into every lower one */
        for (unsigned k = 1; k < (8u << esz); k *= 2) {
            n |= tcg_vec_lsr(esz, n, k);
        }
        return tcg_vec_popcount(esz, ~n);
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

/* The signed products of the low 32 bits of a's and b's 64-bit lanes:
 * SSE2's unsigned multiply, less each operand times 2^32 where the other
 * is negative. */
static inline TCG_AI tcg_v2di tcg_vec_mul_s32_64(tcg_v2di a, tcg_v2di b)
{
#ifdef __SSE2__
    tcg_v2di low32 = tcg_vec_dup64(0xffffffffull);
    tcg_v2di fix = (tcg_vec_asr(2, a, 31) & b & low32) + (tcg_vec_asr(2, b, 31) & a & low32);
    tcg_v2di p = (tcg_v2di)__builtin_ia32_pmuludq128((tcg_v4si)a, (tcg_v4si)b);
    return p - tcg_vec_shl(3, fix, 32);
#else
    return (tcg_v2di){ (int64_t)(int32_t)a[0] * (int32_t)b[0],
                       (int64_t)(int32_t)a[1] * (int32_t)b[1] };
#endif
}

/* SQDMULH, SQRDMULH on lanes of 16 or 32 bits: the high half of twice
 * the product (plus 2^(bits - 1) if rounding), from the host's
 * multiplies (16-bit high and low halves; 32 x 32 -> 64 unsigned, made
 * signed by subtracting each operand where the other is negative, times
 * 2^32).  Only -2^(bits-1) squared overflows, to -2^(bits-1), which no
 * other product gives: those lanes become the largest value. */
static inline TCG_AI tcg_v2di tcg_vec_doubling_mulh(unsigned esz, bool round, tcg_v2di n,
                                                   tcg_v2di m, tcg_v2di *over)
{
    tcg_v2di r;
    if (esz == 1) {
#ifdef __SSE2__
        tcg_v2di hi = (tcg_v2di)__builtin_ia32_pmulhw128((tcg_v8hi)n, (tcg_v8hi)m);
#else
        tcg_v2di hi = tcg_vec_lsr(2, (tcg_v2di)((tcg_v4si)tcg_vec_widen(1, n[0], true) *
                                                (tcg_v4si)tcg_vec_widen(1, m[0], true)), 16);
        tcg_v2di hi2 = tcg_vec_lsr(2, (tcg_v2di)((tcg_v4si)tcg_vec_widen(1, n[1], true) *
                                                 (tcg_v4si)tcg_vec_widen(1, m[1], true)), 16);
        hi = (tcg_v2di){ tcg_vec_narrow(1, hi), tcg_vec_narrow(1, hi2) };
#endif
        tcg_v2di lo = (tcg_v2di)((tcg_v8hi)n * (tcg_v8hi)m);
        r = tcg_vec_shl(1, hi, 1) | tcg_vec_lsr(1, lo, 15);
        if (round) {
            r = tcg_vec_add(1, r, tcg_vec_lsr(1, lo, 14) & tcg_vec_lane_low(1), false);
        }
    } else {
        tcg_v2di half[2];
        for (int odd = 0; odd < 2; odd++) {
            tcg_v2di p = tcg_vec_mul_s32_64(odd ? tcg_vec_lsr(3, n, 32) : n,
                                            odd ? tcg_vec_lsr(3, m, 32) : m);
            if (round) {
                p += tcg_vec_dup64(1ull << 30);
            }
            half[odd] = tcg_vec_lsr(3, p, 31);
        }
        r = (half[0] & tcg_vec_dup64(0xffffffffull)) | tcg_vec_shl(3, half[1], 32);
    }
    tcg_v2di most = tcg_vec_shl(esz, tcg_vec_lane_low(esz), (8u << esz) - 1);
    *over = tcg_vec_eq(esz, r, most);
    return r ^ *over;
}

/* n + m (sub: n - m) on signed lanes of esz, saturated; *over: the
 * lanes that saturated.  Overflow: the wrapped result's sign is not n's,
 * where m's (added) or its negation's has n's sign; the bound by n's
 * sign. */
static inline TCG_AI tcg_v2di tcg_vec_sqadd(unsigned esz, tcg_v2di n, tcg_v2di m, bool sub,
                                            tcg_v2di *over)
{
    unsigned bits = 8u << esz;
    tcg_v2di r = tcg_vec_add(esz, n, m, sub);
    tcg_v2di o = tcg_vec_asr(esz, sub ? (n ^ m) & (n ^ r) : (n ^ r) & (m ^ r), bits - 1);
    tcg_v2di max = tcg_vec_asr(esz, n, bits - 1) ^ tcg_vec_lsr(esz, tcg_vec_dup64(~0ull), 1);
    *over = o;
    return (r & ~o) | (max & o);
}

/* The saturating ops (TCG_VOP_SQADD to TCG_VOP_SQRSHRUN), s the shift
 * count of those that take one; *sat: whether a lane saturated (in the
 * low half only, if q is clear and the lanes keep their size). */
static inline TCG_AI tcg_v2di tcg_vec_saturating(unsigned op, unsigned esz, bool q,
                                                 tcg_v2di n, tcg_v2di m, tcg_v2di d,
                                                 unsigned s, bool *sat)
{
    unsigned bits = 8u << esz;
    tcg_v2di ones = tcg_vec_dup64(~0ull), zero = { 0 }, r, over, max;
    switch (op) {
    case TCG_VOP_SQADD:
    case TCG_VOP_SQSUB:
        r = tcg_vec_sqadd(esz, n, m, op == TCG_VOP_SQSUB, &over);
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
    case TCG_VOP_SQDMULH:
    case TCG_VOP_SQRDMULH:
        r = tcg_vec_doubling_mulh(esz, op == TCG_VOP_SQRDMULH, n, m, &over);
        break;
    case TCG_VOP_SQDMULL:
    case TCG_VOP_SQDMLAL:
    case TCG_VOP_SQDMLSL: {
        /* the products at twice esz, doubled: only -2^(bits-1) squared
         * overflows, to the most negative value, which no other gives;
         * then added to d's lanes (subtracted), saturating; all 16 bytes
         * whatever q */
        unsigned wide = esz + 1;
        tcg_v2di a = tcg_vec_widen(esz, q ? n[1] : n[0], true);
        tcg_v2di b = tcg_vec_widen(esz, q ? m[1] : m[0], true), acc;
        r = esz == 1 ? (tcg_v2di)((tcg_v4si)a * (tcg_v4si)b) : tcg_vec_mul_s32_64(a, b);
        r = tcg_vec_add(wide, r, r, false);
        over = tcg_vec_eq(wide, r, tcg_vec_shl(wide, tcg_vec_lane_low(wide), 2 * bits - 1));
        r ^= over;
        if (op != TCG_VOP_SQDMULL) {
            r = tcg_vec_sqadd(wide, d, r, op == TCG_VOP_SQDMLSL, &acc);
            over |= acc;
        }
        *sat = (over[0] | over[1]) != 0;
        return r;
    }
    case TCG_VOP_SQSHLR:
    case TCG_VOP_UQSHLR:
    case TCG_VOP_SQRSHL:
    case TCG_VOP_UQRSHL:
        r = tcg_vec_shift_by_reg(op, esz, n, m, &over);
        break;
    case TCG_VOP_SUQADD:
    case TCG_VOP_USQADD:
        /* d + n, wrapped; SUQADD (n unsigned) overflows where n's top
         * bit is set and d's clear or the sum's set, or where n's and
         * d's are clear and the sum's set; USQADD by the carry out: up
         * where n is positive, down (to 0) where it is negative and
         * there is none */
        r = tcg_vec_add(esz, d, n, false);
        if (op == TCG_VOP_SUQADD) {
            over = tcg_vec_asr(esz, (n & (~d | r)) | (~n & ~d & r), bits - 1);
            r = (r & ~over) | (tcg_vec_lsr(esz, ones, 1) & over);
        } else {
            tcg_v2di up = tcg_vec_asr(esz, (d & n) | ((d ^ n) & ~r), bits - 1);
            tcg_v2di neg = tcg_vec_asr(esz, n, bits - 1);
            over = (up & ~neg) | (~up & neg);
            r = (r | (up & ~neg)) & ~(~up & neg);
        }
        break;
    case TCG_VOP_SQSHL:
    case TCG_VOP_UQSHL:
    case TCG_VOP_SQSHLU:
        /* overflow: the bits shifted out are not all copies of the
         * result's sign (SQSHL) or not all 0; SQSHLU: a negative lane
         * (to 0) */
        r = tcg_vec_shl(esz, n, s);
        over = ~tcg_vec_eq(esz, op == TCG_VOP_SQSHL ? tcg_vec_asr(esz, r, s)
                                                    : tcg_vec_lsr(esz, r, s), n);
        if (op == TCG_VOP_SQSHL) {
            max = tcg_vec_asr(esz, n, bits - 1) ^ tcg_vec_lsr(esz, ones, 1);
            r = (r & ~over) | (max & over);
        } else {
            r |= over;
            if (op == TCG_VOP_SQSHLU) {
                max = tcg_vec_asr(esz, n, bits - 1);
                r &= ~max;
                over |= max;
            }
        }
        break;
    default: {
        /* SQXTN, UQXTN, SQXTUN and the SHRN ones: n's wide lanes
         * (shifted right), clamped, then narrowed */
        unsigned wide = esz + 1, k = op - TCG_VOP_SQXTN, to = k % 3;
        tcg_v2di umax = tcg_vec_lsr(wide, ones, bits), c;
        if (k >= 6) {
            n = tcg_vec_rshr(wide, n, s, to != 1);
        } else if (k >= 3) {
            n = to == 1 ? tcg_vec_lsr(wide, n, s) : tcg_vec_asr(wide, n, s);
        }
        c = n;
        if (to == 0) {
            max = tcg_vec_lsr(wide, ones, bits + 1);
            c = tcg_vec_lanes(TCG_VOP_SMIN, wide, c, max, d);
            c = tcg_vec_lanes(TCG_VOP_SMAX, wide, c, ~max, d);
        } else {
            if (to == 2) {
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

/* The 8 table bytes that the index bytes of x pick, each index masked to
 * the next power of two above the nregs tables' 16 * nregs bytes. */
static inline TCG_AI uint64_t tcg_table_bytes(const void *pn, unsigned nregs, uint64_t x)
{
    unsigned wrap = nregs == 1 ? 15 : nregs == 2 ? 31 : 63;
    uint64_t r = 0;
#pragma GCC unroll 8
    for (int b = 0; b < 64; b += 8) {
        r |= (uint64_t)((const uint8_t *)pn)[(x >> b) & wrap] << b;
    }
    return r;
}

/* TBL, TBX with the nregs tables from pn on (see TCG_VOP_TBL).  With
 * SSSE3, pshufb, which gives a lane's table byte by the index's low four
 * bits and zero where its top bit is set; an unsigned saturating add of
 * 0x70 sets that bit for an index past the register's 16 bytes.  SSE2
 * has no byte shuffle: each byte is a load from the tables by its index,
 * masked to the next power of two (3 tables: a read of the 16 bytes after
 * them, inside the CPU state, and dropped), and the lanes whose index is
 * past the tables are cleared (TBL) or kept (TBX) after, all at once. */
static inline TCG_AI tcg_v2di tcg_vec_table(bool tbx, unsigned nregs, const void *pn,
                                            tcg_v2di idx, tcg_v2di d)
{
    typedef char v16qc __attribute__((vector_size(16)));    /* the builtins' */
    tcg_v2di r = { 0 };
#ifdef __SSSE3__
    tcg_v2di step = tcg_vec_dup64(0x1010101010101010ull);
    tcg_v2di into = tcg_vec_dup64(0x7070707070707070ull), i = idx;
    for (unsigned t = 0; t < nregs; t++) {
        tcg_v2di table = tcg_load_halves((const char *)pn + 16 * t);
        tcg_v2di k = (tcg_v2di)__builtin_ia32_paddusb128((v16qc)i, (v16qc)into);
        r |= (tcg_v2di)__builtin_ia32_pshufb128((v16qc)table, (v16qc)k);
        i = tcg_vec_add(0, i, step, true);
    }
#else
    r = (tcg_v2di){ (int64_t)tcg_table_bytes(pn, nregs, idx[0]),
                    (int64_t)tcg_table_bytes(pn, nregs, idx[1]) };
#endif
    /* the top bit set where the index is past every table */
    uint64_t past = 0x0101010101010101ull * (128 - 16 * nregs);
    tcg_v2di out = (tcg_v2di)__builtin_ia32_paddusb128((v16qc)idx, (v16qc)tcg_vec_dup64(past));
    tcg_v2di outside = (tcg_v2di)((tcg_v16qi)out < (tcg_v16qi){ 0 });
#ifdef __SSSE3__
    /* (pshufb cleared those already) */
    return tbx ? r | (d & outside) : r;
#else
    return (r & ~outside) | (tbx ? d & outside : (tcg_v2di){ 0 });
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
            r = tcg_vec_saturating(op, esz, q, n, m, d, imm, &sat);
        } else if (op == TCG_VOP_PMUL) {
            r = tcg_vec_pmul(n, m);
        } else if (op == TCG_VOP_PMULL) {
            r = tcg_vec_pmull(q ? n[1] : n[0], q ? m[1] : m[0]);
        } else if (op >= TCG_VOP_SSHL) {
            r = tcg_vec_shift_by_reg(op, esz, n, m, NULL);
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
    bool whole = q || op == TCG_VOP_USHLL || op == TCG_VOP_SSHLL || op == TCG_VOP_PMULL ||
                 (op >= TCG_VOP_SADDL && op <= TCG_VOP_UMULL) ||
                 (op >= TCG_VOP_SQDMULL && op <= TCG_VOP_SQDMLSL);
    int64_t lo = r[0], hi = whole ? r[1] : 0;
    tcg_store_halves(pd, lo, hi);
    if (op >= TCG_VOP_SQADD && op <= TCG_VOP_SQRSHRUN) {
        /* (no branch: one read-modify-write of the flag's word) */
        *psat |= satbit & -(uint32_t)sat;
    }
}

#endif
