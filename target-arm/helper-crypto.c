/*
 * Run-time helpers for the Armv8.0 cryptographic extension: FEAT_AES
 * (AESE, AESD, AESMC, AESIMC), FEAT_SHA1, FEAT_SHA256, and the polynomial
 * multiplies PMULL/PMULL2 (8-bit: base Advanced SIMD; 64-bit: FEAT_PMULL).
 *
 * Every helper has one signature, (env, rd, rn, rm, variant), so that the
 * translator (a64-crypto.c) is a table of opcodes and helpers.  Each one
 * reads all of its sources before it writes Vd, since any of them may be
 * the same register.  The operations follow the Arm ARM pseudocode
 * (AESShiftRows, SHA256hash, ...); the AES tables and MixColumns are those
 * of FIPS-197, the SHA functions those of FIPS 180-4.  Vectors are handled
 * as bytes or 32-bit words taken from the two 64-bit halves with shifts,
 * so nothing depends on the host's byte order.
 */
#include "cpu.h"
#include "tcg/tcg.h"

/* ---- vector views ---- */

static void get_bytes(const CPUARMState *env, uint32_t r, uint8_t b[16])
{
    for (int i = 0; i < 16; i++) {
        b[i] = (uint8_t)(env->vregs[r].d[i >> 3] >> (8 * (i & 7)));
    }
}

static void set_bytes(CPUARMState *env, uint32_t r, const uint8_t b[16])
{
    uint64_t d[2] = { 0, 0 };
    for (int i = 0; i < 16; i++) {
        d[i >> 3] |= (uint64_t)b[i] << (8 * (i & 7));
    }
    env->vregs[r].d[0] = d[0];
    env->vregs[r].d[1] = d[1];
}

/* w[e] is Elem[V, e, 32]. */
static void get_words(const CPUARMState *env, uint32_t r, uint32_t w[4])
{
    for (int e = 0; e < 4; e++) {
        w[e] = (uint32_t)(env->vregs[r].d[e >> 1] >> (32 * (e & 1)));
    }
}

static void set_words(CPUARMState *env, uint32_t r, const uint32_t w[4])
{
    env->vregs[r].d[0] = w[0] | (uint64_t)w[1] << 32;
    env->vregs[r].d[1] = w[2] | (uint64_t)w[3] << 32;
}

static inline uint32_t rol32(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static inline uint32_t ror32(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

/* ---- AES (FIPS-197) ---- */

/* FIPS-197 figure 7 (S-box) and figure 14 (inverse S-box), indexed by the
 * byte value: the multiplicative inverse in GF(2^8) followed by the
 * affine transformation, and its inverse. */
static const uint8_t aes_sbox[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16,
};
static const uint8_t aes_inv_sbox[256] = {
    0x52, 0x09, 0x6a, 0xd5, 0x30, 0x36, 0xa5, 0x38, 0xbf, 0x40, 0xa3, 0x9e, 0x81, 0xf3, 0xd7, 0xfb,
    0x7c, 0xe3, 0x39, 0x82, 0x9b, 0x2f, 0xff, 0x87, 0x34, 0x8e, 0x43, 0x44, 0xc4, 0xde, 0xe9, 0xcb,
    0x54, 0x7b, 0x94, 0x32, 0xa6, 0xc2, 0x23, 0x3d, 0xee, 0x4c, 0x95, 0x0b, 0x42, 0xfa, 0xc3, 0x4e,
    0x08, 0x2e, 0xa1, 0x66, 0x28, 0xd9, 0x24, 0xb2, 0x76, 0x5b, 0xa2, 0x49, 0x6d, 0x8b, 0xd1, 0x25,
    0x72, 0xf8, 0xf6, 0x64, 0x86, 0x68, 0x98, 0x16, 0xd4, 0xa4, 0x5c, 0xcc, 0x5d, 0x65, 0xb6, 0x92,
    0x6c, 0x70, 0x48, 0x50, 0xfd, 0xed, 0xb9, 0xda, 0x5e, 0x15, 0x46, 0x57, 0xa7, 0x8d, 0x9d, 0x84,
    0x90, 0xd8, 0xab, 0x00, 0x8c, 0xbc, 0xd3, 0x0a, 0xf7, 0xe4, 0x58, 0x05, 0xb8, 0xb3, 0x45, 0x06,
    0xd0, 0x2c, 0x1e, 0x8f, 0xca, 0x3f, 0x0f, 0x02, 0xc1, 0xaf, 0xbd, 0x03, 0x01, 0x13, 0x8a, 0x6b,
    0x3a, 0x91, 0x11, 0x41, 0x4f, 0x67, 0xdc, 0xea, 0x97, 0xf2, 0xcf, 0xce, 0xf0, 0xb4, 0xe6, 0x73,
    0x96, 0xac, 0x74, 0x22, 0xe7, 0xad, 0x35, 0x85, 0xe2, 0xf9, 0x37, 0xe8, 0x1c, 0x75, 0xdf, 0x6e,
    0x47, 0xf1, 0x1a, 0x71, 0x1d, 0x29, 0xc5, 0x89, 0x6f, 0xb7, 0x62, 0x0e, 0xaa, 0x18, 0xbe, 0x1b,
    0xfc, 0x56, 0x3e, 0x4b, 0xc6, 0xd2, 0x79, 0x20, 0x9a, 0xdb, 0xc0, 0xfe, 0x78, 0xcd, 0x5a, 0xf4,
    0x1f, 0xdd, 0xa8, 0x33, 0x88, 0x07, 0xc7, 0x31, 0xb1, 0x12, 0x10, 0x59, 0x27, 0x80, 0xec, 0x5f,
    0x60, 0x51, 0x7f, 0xa9, 0x19, 0xb5, 0x4a, 0x0d, 0x2d, 0xe5, 0x7a, 0x9f, 0x93, 0xc9, 0x9c, 0xef,
    0xa0, 0xe0, 0x3b, 0x4d, 0xae, 0x2a, 0xf5, 0xb0, 0xc8, 0xeb, 0xbb, 0x3c, 0x83, 0x53, 0x99, 0x61,
    0x17, 0x2b, 0x04, 0x7e, 0xba, 0x77, 0xd6, 0x26, 0xe1, 0x69, 0x14, 0x63, 0x55, 0x21, 0x0c, 0x7d,
};

/* A register holds the AES state column by column, as FIPS-197 maps its
 * input bytes: byte 4c + r is s[r][c].  ShiftRows rotates row r left by r
 * columns, InvShiftRows right by r. */
static void aes_shift_rows(uint8_t out[16], const uint8_t in[16], bool inverse)
{
    for (int c = 0; c < 4; c++) {
        for (int r = 0; r < 4; r++) {
            int from = (inverse ? c - r : c + r) & 3;
            out[4 * c + r] = in[4 * from + r];
        }
    }
}

/* Multiplication by x (02) in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
static inline uint8_t xtime(uint8_t a)
{
    return (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
}

/* MixColumns on one column: s'[r] = 02 s[r] ^ 03 s[r+1] ^ s[r+2] ^ s[r+3],
 * written as s[r] ^ (s0 ^ s1 ^ s2 ^ s3) ^ 02 (s[r] ^ s[r+1]). */
static void mix_column(uint8_t s[4])
{
    uint8_t all = s[0] ^ s[1] ^ s[2] ^ s[3], s0 = s[0];
    s[0] ^= all ^ xtime(s[0] ^ s[1]);
    s[1] ^= all ^ xtime(s[1] ^ s[2]);
    s[2] ^= all ^ xtime(s[2] ^ s[3]);
    s[3] ^= all ^ xtime(s[3] ^ s0);
}

/* InvMixColumns on one column.  Its matrix {0e 0b 0d 09} is MixColumns'
 * {02 03 01 01} times {05 00 04 00}, so multiply by the latter first:
 * s[r] ^= 04 (s[r] ^ s[r+2]). */
static void inv_mix_column(uint8_t s[4])
{
    uint8_t u = xtime(xtime(s[0] ^ s[2])), v = xtime(xtime(s[1] ^ s[3]));
    s[0] ^= u;
    s[1] ^= v;
    s[2] ^= u;
    s[3] ^= v;
    mix_column(s);
}

/* AESE (decrypt = 0): SubBytes(ShiftRows(Vd ^ Vn)); AESD (decrypt = 1):
 * InvSubBytes(InvShiftRows(Vd ^ Vn)).  The AddRoundKey comes first, so a
 * round is AESE then AESMC with the key of that round in Vn. */
static void helper_crypto_aes_round(CPUARMState *env, uint32_t rd, uint32_t rn,
                                    uint32_t rm, uint32_t decrypt)
{
    (void)rm;
    uint8_t st[16], key[16], sh[16];
    get_bytes(env, rd, st);
    get_bytes(env, rn, key);
    for (int i = 0; i < 16; i++) {
        st[i] ^= key[i];
    }
    aes_shift_rows(sh, st, decrypt);
    const uint8_t *box = decrypt ? aes_inv_sbox : aes_sbox;
    for (int i = 0; i < 16; i++) {
        st[i] = box[sh[i]];
    }
    set_bytes(env, rd, st);
}
DEF_HELPER_INFO(crypto_aes_round, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32,
                I32, I32);

/* AESMC (inverse = 0): MixColumns(Vn); AESIMC (inverse = 1):
 * InvMixColumns(Vn). */
static void helper_crypto_aes_mix(CPUARMState *env, uint32_t rd, uint32_t rn,
                                  uint32_t rm, uint32_t inverse)
{
    (void)rm;
    uint8_t st[16];
    get_bytes(env, rn, st);
    for (int c = 0; c < 4; c++) {
        if (inverse) {
            inv_mix_column(&st[4 * c]);
        } else {
            mix_column(&st[4 * c]);
        }
    }
    set_bytes(env, rd, st);
}
DEF_HELPER_INFO(crypto_aes_mix, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32,
                I32, I32);

/* ---- SHA-1 (FIPS 180-4 4.1.1, 6.1) ---- */

/* The round functions, numbered as the variant of helper_crypto_sha1_hash:
 * SHA1C uses Ch, SHA1P Parity, SHA1M Maj. */
enum { SHA1_CHOOSE, SHA1_PARITY, SHA1_MAJORITY };

static inline uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z)
{
    return ((y ^ z) & x) ^ z;
}

static inline uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z)
{
    return (x & y) | ((x | y) & z);
}

/* SHA1C, SHA1P, SHA1M Qd, Sn, Vm.4S: four rounds.  X = Vd holds a (in
 * word 0) to d, Y = Sn holds e, W = Vm the four schedule words with the
 * round constant already added.  After each round the 160-bit Y:X rotates
 * left by 32, which shifts the working variables down by one. */
static void helper_crypto_sha1_hash(CPUARMState *env, uint32_t rd, uint32_t rn,
                                    uint32_t rm, uint32_t fn)
{
    uint32_t x[4], w[4];
    get_words(env, rd, x);
    get_words(env, rm, w);
    uint32_t y = (uint32_t)env->vregs[rn].d[0];
    for (int e = 0; e < 4; e++) {
        uint32_t t;
        switch (fn) {
        case SHA1_CHOOSE:
            t = sha_choose(x[1], x[2], x[3]);
            break;
        case SHA1_PARITY:
            t = x[1] ^ x[2] ^ x[3];
            break;
        default:
            t = sha_majority(x[1], x[2], x[3]);
            break;
        }
        y += rol32(x[0], 5) + t + w[e];
        x[1] = rol32(x[1], 30);
        uint32_t out = x[3];
        x[3] = x[2];
        x[2] = x[1];
        x[1] = x[0];
        x[0] = y;
        y = out;
    }
    set_words(env, rd, x);
}
DEF_HELPER_INFO(crypto_sha1_hash, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32,
                I32, I32);

/* SHA1SU0 Vd.4S, Vn.4S, Vm.4S: (Vn<63:0> : Vd<127:64>) ^ Vd ^ Vm, the
 * first half of the schedule update W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]. */
static void helper_crypto_sha1su0(CPUARMState *env, uint32_t rd, uint32_t rn,
                                  uint32_t rm, uint32_t variant)
{
    (void)variant;
    uint64_t d0 = env->vregs[rd].d[0], d1 = env->vregs[rd].d[1];
    uint64_t n0 = env->vregs[rn].d[0];
    uint64_t m0 = env->vregs[rm].d[0], m1 = env->vregs[rm].d[1];
    env->vregs[rd].d[0] = d1 ^ d0 ^ m0;
    env->vregs[rd].d[1] = n0 ^ d1 ^ m1;
}
DEF_HELPER_INFO(crypto_sha1su0, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32,
                I32, I32);

/* SHA1H Sd, Sn: ROL(Sn, 30), the rotation of b in every round. */
static void helper_crypto_sha1h(CPUARMState *env, uint32_t rd, uint32_t rn,
                                uint32_t rm, uint32_t variant)
{
    (void)rm, (void)variant;
    uint32_t v = rol32((uint32_t)env->vregs[rn].d[0], 30);
    env->vregs[rd].d[0] = v;
    env->vregs[rd].d[1] = 0;
}
DEF_HELPER_INFO(crypto_sha1h, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32,
                I32, I32);

/* SHA1SU1 Vd.4S, Vn.4S: T = Vd ^ (Vn >> 32); each word of T rotated left
 * by 1, and word 3 also takes ROL(T[0], 2), since the schedule word it
 * computes depends on word 0 of the same step. */
static void helper_crypto_sha1su1(CPUARMState *env, uint32_t rd, uint32_t rn,
                                  uint32_t rm, uint32_t variant)
{
    (void)rm, (void)variant;
    uint32_t t[4], n[4];
    get_words(env, rd, t);
    get_words(env, rn, n);
    t[0] ^= n[1];
    t[1] ^= n[2];
    t[2] ^= n[3];
    uint32_t r[4];
    for (int e = 0; e < 4; e++) {
        r[e] = rol32(t[e], 1);
    }
    r[3] ^= rol32(t[0], 2);
    set_words(env, rd, r);
}
DEF_HELPER_INFO(crypto_sha1su1, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32,
                I32, I32);

/* ---- SHA-256 (FIPS 180-4 4.1.2, 6.2) ---- */

static inline uint32_t sha256_Sigma0(uint32_t x)
{
    return ror32(x, 2) ^ ror32(x, 13) ^ ror32(x, 22);
}

static inline uint32_t sha256_Sigma1(uint32_t x)
{
    return ror32(x, 6) ^ ror32(x, 11) ^ ror32(x, 25);
}

static inline uint32_t sha256_sigma0(uint32_t x)
{
    return ror32(x, 7) ^ ror32(x, 18) ^ (x >> 3);
}

static inline uint32_t sha256_sigma1(uint32_t x)
{
    return ror32(x, 17) ^ ror32(x, 19) ^ (x >> 10);
}

/* SHA256H Qd, Qn, Vm.4S (part2 = 0) and SHA256H2 Qd, Qn, Vm.4S (part2 =
 * 1): four rounds on the state split in two, X = {a, b, c, d} and Y = {e,
 * f, g, h} (a and e in word 0), with W = Vm the schedule words plus round
 * constants.  SHA256H takes X from Vd and Y from Vn and returns the new X;
 * SHA256H2 takes them the other way round and returns the new Y, so the
 * pair computes both halves from the same old state. */
static void helper_crypto_sha256_hash(CPUARMState *env, uint32_t rd, uint32_t rn,
                                      uint32_t rm, uint32_t part2)
{
    uint32_t x[4], y[4], w[4];
    get_words(env, part2 ? rn : rd, x);
    get_words(env, part2 ? rd : rn, y);
    get_words(env, rm, w);
    for (int e = 0; e < 4; e++) {
        uint32_t ch = sha_choose(y[0], y[1], y[2]);
        uint32_t maj = sha_majority(x[0], x[1], x[2]);
        uint32_t t = y[3] + sha256_Sigma1(y[0]) + ch + w[e];
        uint32_t new_a = t + sha256_Sigma0(x[0]) + maj;
        uint32_t new_e = t + x[3];
        /* Y:X rotates left by 32 as one 256-bit value. */
        x[3] = x[2], x[2] = x[1], x[1] = x[0], x[0] = new_a;
        y[3] = y[2], y[2] = y[1], y[1] = y[0], y[0] = new_e;
    }
    set_words(env, rd, part2 ? y : x);
}
DEF_HELPER_INFO(crypto_sha256_hash, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32,
                I32, I32);

/* SHA256SU0 Vd.4S, Vn.4S: Vd[e] + sigma0(W) for the four words W that
 * follow Vd[e] in the sequence Vd[0..3], Vn[0]. */
static void helper_crypto_sha256su0(CPUARMState *env, uint32_t rd, uint32_t rn,
                                    uint32_t rm, uint32_t variant)
{
    (void)rm, (void)variant;
    uint32_t d[4], n[4], r[4];
    get_words(env, rd, d);
    get_words(env, rn, n);
    for (int e = 0; e < 4; e++) {
        r[e] = d[e] + sha256_sigma0(e < 3 ? d[e + 1] : n[0]);
    }
    set_words(env, rd, r);
}
DEF_HELPER_INFO(crypto_sha256su0, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32,
                I32, I32);

/* SHA256SU1 Vd.4S, Vn.4S, Vm.4S: finishes four schedule words, adding
 * sigma1 of W[t-2] (Vm words 2, 3, then the two results just made) and
 * W[t-7] (the sequence Vn[1..3], Vm[0]) to the partial sums in Vd. */
static void helper_crypto_sha256su1(CPUARMState *env, uint32_t rd, uint32_t rn,
                                    uint32_t rm, uint32_t variant)
{
    (void)variant;
    uint32_t d[4], n[4], m[4], r[4];
    get_words(env, rd, d);
    get_words(env, rn, n);
    get_words(env, rm, m);
    const uint32_t t0[4] = { n[1], n[2], n[3], m[0] };
    for (int e = 0; e < 4; e++) {
        uint32_t w2 = e < 2 ? m[e + 2] : r[e - 2];
        r[e] = sha256_sigma1(w2) + d[e] + t0[e];
    }
    set_words(env, rd, r);
}
DEF_HELPER_INFO(crypto_sha256su1, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32,
                I32, I32);

/* ---- polynomial multiply long ---- */

/* Carry-less product of two polynomials over GF(2) with up to `bits`
 * terms each; the result's bits 127:64 in *hi. */
static uint64_t clmul(uint64_t a, uint64_t b, int bits, uint64_t *hi)
{
    uint64_t lo = a & -(b & 1), h = 0;
    for (int i = 1; i < bits; i++) {
        uint64_t take = -((b >> i) & 1);
        lo ^= (a << i) & take;
        h ^= (a >> (64 - i)) & take;
    }
    *hi = h;
    return lo;
}

/* PMULL (half = 0) / PMULL2 (half = 1) Vd.1Q, Vn.1D/2D, Vm.1D/2D: the
 * 64-bit polynomials in the chosen half, multiplied into 128 bits (GHASH,
 * CRC folding). */
static void helper_crypto_pmull64(CPUARMState *env, uint32_t rd, uint32_t rn,
                                  uint32_t rm, uint32_t half)
{
    uint64_t hi, lo = clmul(env->vregs[rn].d[half], env->vregs[rm].d[half], 64, &hi);
    env->vregs[rd].d[0] = lo;
    env->vregs[rd].d[1] = hi;
}
DEF_HELPER_INFO(crypto_pmull64, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32, I32,
                I32, I32);
