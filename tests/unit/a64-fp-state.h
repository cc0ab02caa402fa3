/*
 * The initial register state of one FP/SIMD test vector, made from a seed
 * and a value kind, identically on both sides: a64-fp-runner.c (built for
 * aarch64, run under qemu-aarch64 to produce the expected results) and
 * test-a64-fp.c (runs the same instruction under mimic).  The vectors file
 * therefore stores only the seed, never the inputs.
 *
 * Kinds: 'h' 's' 'd' fill V0-V31 with interesting half/single/double values
 * (NaNs with payloads, infinities, signed zeros, denormals, extremes,
 * halfway and integer-boundary cases); 'i' with integer edge values and
 * small shift counts; 'x' like 'i' but X0-X30 also get FP-ish integers.
 */
#ifndef TESTS_UNIT_A64_FP_STATE_H
#define TESTS_UNIT_A64_FP_STATE_H

#include <stdint.h>

typedef struct A64FPState {
    uint64_t x[32];         /* X0-X30; [31] is padding */
    uint64_t v[32][2];      /* V0-V31: [0] low 64 bits, [1] high */
} A64FPState;

static inline uint64_t a64fp_rand(uint64_t *s)
{
    /* splitmix64 */
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* One FP value of the format with ebits exponent and fbits fraction bits. */
static inline uint64_t a64fp_value(uint64_t *s, int ebits, int fbits)
{
    uint64_t r = a64fp_rand(s);
    uint64_t sign = (r >> 63) << (ebits + fbits);
    uint64_t emax = (1ull << ebits) - 1, bias = emax >> 1;
    uint64_t fmask = (1ull << fbits) - 1;
    uint64_t frac = a64fp_rand(s) & fmask;
    uint64_t exp;
    switch (r % 24) {
    case 0: return sign;                                        /* zero */
    case 1: return sign | emax << fbits;                        /* infinity */
    case 2:                                                     /* quiet NaN */
        return sign | emax << fbits | 1ull << (fbits - 1) | (frac & (fmask >> 3));
    case 3:                                                     /* signalling NaN */
        return sign | emax << fbits | ((frac & (fmask >> 1)) | 1);
    case 4: return sign | (frac ? frac : 1);                    /* denormal */
    case 5: return sign | (r >> 8 & 1 ? 1 : fmask);             /* extreme denormal */
    case 6: return sign | 1ull << fbits;                        /* smallest normal */
    case 7: return sign | (emax - 1) << fbits | fmask;          /* largest normal */
    case 8: case 9: {                                           /* halfway: k + 0.5 */
        int k = (int)(r >> 8 & 7);
        exp = bias + k;
        return sign | exp << fbits |
               ((frac >> (fbits - k) << (fbits - k)) | 1ull << (fbits - 1 - k));
    }
    case 10: case 11:                                           /* small integers */
        exp = bias + (r >> 8 & 7);
        return sign | exp << fbits | (frac & ~(fmask >> (r >> 12 & 7)));
    case 12: {                                                  /* near int limits */
        static const int e[] = { 15, 16, 31, 32, 63, 64 };
        exp = bias + e[(r >> 8) % 6] - (r >> 16 & 1);
        if (exp >= emax) {
            exp = emax - 1;
        }
        return sign | exp << fbits | (r >> 20 & 1 ? 0 : frac);
    }
    case 13:                                                    /* near 1 */
        exp = bias - (r >> 8 & 1);
        return sign | exp << fbits | (frac & (r >> 9 & 1 ? 3 : fmask));
    case 14:                                                    /* tiny normals */
        exp = 1 + (r >> 8 & 3);
        return sign | exp << fbits | frac;
    case 15:                                                    /* huge */
        exp = emax - 1 - (r >> 8 & 3);
        return sign | exp << fbits | frac;
    case 16: case 17: case 18: case 19:                         /* ordinary */
        exp = bias - 8 + (r >> 8) % 17;
        return sign | exp << fbits | frac;
    default:                                                    /* anything */
        return a64fp_rand(s) & ((2ull << (ebits + fbits)) - 1);
    }
}

/* One 64-bit word of integer lanes, lane size picked at random. */
static inline uint64_t a64fp_int_word(uint64_t *s)
{
    uint64_t r = a64fp_rand(s);
    int esz = r & 3, w = 8 << esz;
    uint64_t mask = w == 64 ? ~0ull : (1ull << w) - 1, out = 0;
    if ((r >> 2) % 4 == 0) {
        return a64fp_rand(s);
    }
    for (int i = 0; i < 64; i += w) {
        uint64_t q = a64fp_rand(s), lane;
        switch (q % 10) {
        case 0: lane = 0; break;
        case 1: lane = mask; break;                             /* -1 */
        case 2: lane = mask >> 1; break;                        /* MAX */
        case 3: lane = (mask >> 1) + 1; break;                  /* MIN */
        case 4: lane = 1; break;
        case 5: case 6: lane = (uint64_t)((int64_t)(q >> 8) % 72) & mask; break;
        default: lane = (q >> 8) & mask; break;
        }
        out |= lane << i;
    }
    return out;
}

static inline void a64fp_make_state(char kind, uint64_t seed, A64FPState *st)
{
    uint64_t s = seed * 0x2545f4914f6cdd1dull + (uint64_t)kind;
    for (int i = 0; i < 32; i++) {
        for (int h = 0; h < 2; h++) {
            uint64_t w = 0;
            switch (kind) {
            case 'd':
                w = a64fp_value(&s, 11, 52);
                break;
            case 's':
                w = a64fp_value(&s, 8, 23) | a64fp_value(&s, 8, 23) << 32;
                break;
            case 'h':
                for (int k = 0; k < 4; k++) {
                    w |= a64fp_value(&s, 5, 10) << (16 * k);
                }
                break;
            default:
                w = a64fp_int_word(&s);
                break;
            }
            st->v[i][h] = w;
        }
    }
    for (int i = 0; i < 31; i++) {
        uint64_t r = a64fp_rand(&s);
        if (kind == 'x' && (r & 1)) {
            /* integers that convert interestingly */
            int bits = (r >> 1) % 65;
            uint64_t w = a64fp_rand(&s);
            uint64_t v = bits == 0 ? 0 : bits == 64 ? w : w >> (64 - bits);
            st->x[i] = (r & 2) ? 0 - v : v;
        } else {
            st->x[i] = a64fp_int_word(&s);
        }
    }
    st->x[31] = 0;
}

#endif
