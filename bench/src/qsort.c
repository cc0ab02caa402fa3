/* libc qsort of 20k 32-byte records with a two-key comparator: indirect
 * calls, unpredictable branches, memory moves. */
#include "bench.h"
#include <string.h>

#define NREC 20000
#define FULL_REPS 100

struct rec {
    uint32_t key;
    uint32_t id;
    char name[24];
};

static int cmp(const void *pa, const void *pb)
{
    const struct rec *x = pa, *y = pb;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return x->id < y->id ? -1 : x->id > y->id;
}

int main(int argc, char **argv)
{
    long reps = bench_reps(argc, argv, FULL_REPS);
    struct rec *v = malloc(sizeof *v * NREC);
    uint64_t sum = 0;
    for (long r = 0; r < reps; r++) {
        uint64_t s = 1000 + (uint64_t)r;
        for (uint32_t i = 0; i < NREC; i++) {
            uint64_t x = bench_rand(&s);
            v[i].key = (uint32_t)(x >> 48) & 0xfff;  /* many equal keys */
            v[i].id = i;
            for (int k = 0; k < 7; k++)
                v[i].name[k] = (char)('a' + (x >> (5 * k)) % 4);
            v[i].name[7] = 0;
        }
        qsort(v, NREC, sizeof *v, cmp);
        for (uint32_t i = 0; i < NREC; i += 97)
            sum = bench_mix(sum, v[i].id);
    }
    bench_print("qsort", reps, sum);
    free(v);
    return 0;
}
