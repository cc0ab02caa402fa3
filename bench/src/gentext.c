/* Generates the deterministic text-like input for the busybox benchmarks
 * (native tool, not benchmarked): words drawn with a skewed distribution
 * from a fixed vocabulary, punctuation and line breaks, so that gzip sees
 * realistic redundancy (ratio about 3-4x) and sha256sum sees plain bytes.
 *   gentext SIZE_BYTES > file */
#include "bench.h"
#include <string.h>

static const char *const syll[] = {
    "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "the", "and", "ing", "er",
    "on", "ex", "pre", "con", "al", "ly", "st", "qu", "or", "an", "is", "ed",
};
#define NSYLL (sizeof syll / sizeof syll[0])
#define NWORDS 4096

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 20 << 20;
    static char words[NWORDS][24];
    uint64_t s = 20240601, x;
    for (int w = 0; w < NWORDS; w++) {
        int n = 1 + (int)(bench_rand(&s) % 4);
        words[w][0] = 0;
        for (int k = 0; k < n; k++)
            strcat(words[w], syll[bench_rand(&s) % NSYLL]);
    }
    char *out = malloc((size_t)size + 64);
    long pos = 0, col = 0;
    while (pos < size) {
        x = bench_rand(&s);
        /* Skewed: small indices far more likely (roughly Zipf-like). */
        unsigned w = (unsigned)((x & 0xffff) * ((x >> 16) & 0xffff) >> 20) % NWORDS;
        size_t n = strlen(words[w]);
        memcpy(out + pos, words[w], n);
        pos += (long)n;
        col += (long)n + 1;
        int p = (int)((x >> 40) % 16);
        if (p == 0)
            out[pos++] = '.';
        else if (p == 1)
            out[pos++] = ',';
        if (col > 72) {
            out[pos++] = '\n';
            col = 0;
        } else {
            out[pos++] = ' ';
        }
    }
    fwrite(out, 1, (size_t)size, stdout);
    return 0;
}
