/* Sieve of Eratosthenes over a byte array of 2 Mi entries: byte stores at
 * growing strides, a load/compare/branch loop to count. */
#include "bench.h"
#include <string.h>

#define LIMIT (2u << 20)
#define FULL_REPS 80

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv, FULL_REPS);
    uint8_t *comp = malloc(LIMIT + 1);
    uint64_t sum = 0;
    for (long r = 0; r < reps; r++) {
        uint32_t n = LIMIT - (uint32_t)r * 1000;
        memset(comp, 0, n + 1);
        for (uint32_t i = 2; (uint64_t)i * i <= n; i++)
            if (!comp[i])
                for (uint32_t j = i * i; j <= n; j += i)
                    comp[j] = 1;
        uint32_t count = 0, last = 0;
        for (uint32_t i = 2; i <= n; i++)
            if (!comp[i]) {
                count++;
                last = i;
            }
        sum = bench_mix(sum, count);
        sum = bench_mix(sum, last);
    }
    bench_print("sieve", reps, sum);
    free(comp);
    return 0;
}
