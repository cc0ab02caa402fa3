/* Shared by the bench programs: the workload scale and the checksum hash.
 *
 * Every program runs a fixed, pinned workload.  argv[1], when given, is a
 * percentage of it (run-bench.py uses a small one for --quick and for the
 * slow interpreter column); only repetition counts scale, never buffer
 * sizes, so time is linear in the scale and memory use does not change. */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline long bench_reps(int argc, char **argv, long full)
{
    long pct = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    long n = full * pct / 100;
    return n < 1 ? 1 : n;
}

/* Deterministic generator for inputs (xorshift64*). */
static inline uint64_t bench_rand(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dULL;
}

/* Mixes a value into a running checksum. */
static inline uint64_t bench_mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

static inline void bench_print(const char *name, long reps, uint64_t sum)
{
    printf("%s reps=%ld checksum=%016llx\n", name, reps,
           (unsigned long long)sum);
}

#endif
