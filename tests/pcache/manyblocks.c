/* The persistent cache's "every block from the cache" test
 * (run-pcache.py): 16384 functions written at a fixed address, each a
 * block with a guest load ("ldr x0, [x0, #8*k]; ret"), called four times
 * round, so that with -tb-size 1 blocks are evicted and placed again and
 * again, and a warm run translates nothing at all. */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#define N 16384

static uint64_t table[512];

int main(void)
{
    uint32_t *code = mmap((void *)0x10000000, N * 8, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (int i = 0; i < 512; i++) {
        table[i] = (uint64_t)i * i;
    }
    for (int k = 0; k < N; k++) {
        code[2 * k] = 0xf9400000 | (uint32_t)(k % 512) << 10;     /* ldr x0, [x0, #8*(k%512)] */
        code[2 * k + 1] = 0xd65f03c0;                              /* ret */
    }
    __builtin___clear_cache((char *)code, (char *)(code + 2 * N));
    uint64_t sum = 0;
    for (int pass = 0; pass < 4; pass++) {
        for (int k = 0; k < N; k++) {
            sum += ((uint64_t (*)(uint64_t *))(code + 2 * k))(table);
        }
    }
    printf("%d functions 4 times: %llu\n", N, (unsigned long long)sum);
    return 0;
}
