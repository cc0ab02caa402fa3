/* Integer hashing: FNV-1a (byte-serial multiply chain) and an xxhash64-like
 * four-lane hash (64-bit multiplies and rotates) over a 1 MiB buffer. */
#include "bench.h"
#include <string.h>

#define BUF_SIZE (1u << 20)
#define FULL_REPS 180

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static inline uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL

static inline uint64_t round64(uint64_t acc, uint64_t in)
{
    return rotl(acc + in * P2, 31) * P1;
}

static uint64_t xxlike(const uint8_t *p, size_t n, uint64_t seed)
{
    uint64_t v[4] = { seed + P1 + P2, seed + P2, seed, seed - P1 };
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        for (int l = 0; l < 4; l++) {
            uint64_t w;
            memcpy(&w, p + i + 8 * l, 8);
            v[l] = round64(v[l], w);
        }
    }
    uint64_t h = rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18);
    for (; i < n; i++)
        h = rotl(h ^ (p[i] * P3), 11) * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    return h;
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv, FULL_REPS);
    uint8_t *buf = malloc(BUF_SIZE);
    uint64_t s = 42, sum = 0;
    for (size_t i = 0; i < BUF_SIZE; i += 8) {
        uint64_t r = bench_rand(&s);
        memcpy(buf + i, &r, 8);
    }
    for (long r = 0; r < reps; r++) {
        buf[(r * 7919) % BUF_SIZE] ^= (uint8_t)r;
        /* Hash a sliding window so lengths (and tails) vary. */
        size_t off = (size_t)(r * 13) % 64, len = BUF_SIZE - 64 - (r % 31);
        sum = bench_mix(sum, fnv1a(buf + off, len));
        sum = bench_mix(sum, xxlike(buf + off, len, (uint64_t)r));
    }
    bench_print("hash", reps, sum);
    free(buf);
    return 0;
}
