/* libc string routines over varied sizes: strlen, memcpy, memchr, strcmp
 * and memcmp on 4096 strings of 1..2048 bytes (mostly short, some long),
 * with pairs sharing long prefixes so comparisons run deep. */
#include "bench.h"
#include <string.h>

#define NSTR 4096
#define FULL_REPS 600

static size_t pick_len(uint64_t *s)
{
    uint64_t x = bench_rand(s);
    switch (x & 3) {
    case 0: return 1 + (x >> 8) % 16;
    case 1: return 1 + (x >> 8) % 128;
    case 2: return 1 + (x >> 8) % 512;
    default: return 1 + (x >> 8) % 2048;
    }
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv, FULL_REPS);
    static char *str[NSTR];
    static size_t len[NSTR];
    char *dst = malloc(4096);
    uint64_t s = 7, sum = 0;
    for (int i = 0; i < NSTR; i++) {
        len[i] = pick_len(&s);
        str[i] = malloc(len[i] + 1);
        for (size_t k = 0; k < len[i]; k++)
            str[i][k] = (char)('A' + (k * 7 + (k >> 5)) % 26);
        /* Differ somewhere late so strcmp/memcmp scan most of the prefix. */
        str[i][len[i] - 1 - (bench_rand(&s) % (len[i] < 4 ? 1 : 4))] = (char)('a' + i % 26);
        str[i][len[i]] = 0;
    }
    for (long r = 0; r < reps; r++) {
        for (int i = 0; i < NSTR; i++) {
            const char *p = str[i], *q = str[(i + 1 + r) % NSTR];
            size_t n = strlen(p);
            size_t off = (size_t)(i + r) & 7;
            memcpy(dst + off, p, n + 1);
            const char *hit = memchr(dst + off, 'a' + i % 26, n);
            int c = strcmp(dst + off, q);
            size_t m = n < len[(i + 1 + r) % NSTR] ? n : len[(i + 1 + r) % NSTR];
            int d = memcmp(p, q, m);
            sum += n + (hit ? (size_t)(hit - (dst + off)) : 0x10000) +
                   (uint64_t)(c > 0) * 3 + (uint64_t)(c < 0) + (uint64_t)(d > 0) * 5;
        }
        sum = bench_mix(sum, (uint64_t)r);
    }
    bench_print("string", reps, sum);
    return 0;
}
