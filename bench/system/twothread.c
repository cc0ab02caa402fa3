/*
 * Two threads of fixed integer work (an FNV-1a-style multiply chain over
 * a xorshift stream), started together and joined: at -smp 2 they can run
 * on two vCPUs at once, at -smp 1 they take turns, and the ratio of the
 * two times shows whether the emulator runs vCPUs in parallel.
 *
 *   twothread N    N rounds per thread; prints both checksums and the time
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "clock.h"

struct work {
    uint64_t seed, rounds, result;
};

static void *run(void *arg)
{
    struct work *w = arg;
    uint64_t x = w->seed, h = 0xcbf29ce484222325ull;
    for (uint64_t i = 0; i < w->rounds; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        h = (h ^ (x & 0xff)) * 0x100000001b3ull;
    }
    w->result = h;
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        printf("usage: twothread N\n");
        return 2;
    }
    uint64_t rounds = strtoull(argv[1], NULL, 10);
    struct work w[2] = {{0x9e3779b97f4a7c15ull, rounds, 0}, {0x2545f4914f6cdd1dull, rounds, 0}};
    pthread_t t[2];
    double t0 = mono_now();
    for (int i = 0; i < 2; i++) {
        if (pthread_create(&t[i], NULL, run, &w[i])) {
            printf("twothread: pthread_create failed\n");
            return 1;
        }
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
    }
    double dt = mono_now() - t0;
    printf("twothread: %llu rounds, %016llx %016llx\n", (unsigned long long)rounds,
           (unsigned long long)w[0].result, (unsigned long long)w[1].result);
    printf("MIMIC-BENCH twothread %.6f\n", dt);
    return 0;
}
