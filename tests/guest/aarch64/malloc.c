/* Owns: glibc's allocator as a guest drives it: brk-backed small blocks,
 * mmap-backed big blocks (>1 MiB), realloc growing/shrinking (mremap),
 * calloc zeroing, aligned allocation, and a checksum of all contents.
 * Prints only counts and checksums, never addresses. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng = 0x9e3779b97f4a7c15;

static uint64_t next(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 0x2545f4914f6cdd1d;
}

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3;
    return h;
}

static void pattern(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed * 31 + i * 7 + (i >> 8));
}

static int check_pattern(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed * 31 + i * 7 + (i >> 8)))
            return 0;
    return 1;
}

#define NSLOTS 1500

static void small_churn(void)
{
    static unsigned char *slot[NSLOTS];
    static size_t len[NSLOTS];
    static unsigned seed[NSLOTS];
    unsigned bad = 0, misaligned = 0, allocs = 0, frees = 0, reallocs = 0, callocs = 0;
    for (int round = 0; round < 20000; round++) {
        unsigned i = next() % NSLOTS;
        uint64_t r = next();
        if (!slot[i]) {
            size_t n = (r & 15) == 0 ? r % 20000 + 1 : r % 300 + 1;
            if ((r >> 8) % 5 == 0) {
                slot[i] = calloc(n, 1);
                callocs++;
                for (size_t k = 0; k < n; k++)
                    bad += slot[i][k] != 0;
            } else {
                slot[i] = malloc(n);
                allocs++;
            }
            len[i] = n;
            seed[i] = round;
            pattern(slot[i], n, round);
        } else if ((r >> 16) % 3 == 0) {
            size_t n = (r >> 20) % 5000 + 1;
            size_t keep = n < len[i] ? n : len[i];
            slot[i] = realloc(slot[i], n);
            reallocs++;
            bad += !check_pattern(slot[i], keep, seed[i]);
            len[i] = n;
            seed[i] = round;
            pattern(slot[i], n, round);
        } else {
            bad += !check_pattern(slot[i], len[i], seed[i]);
            free(slot[i]);
            frees++;
            slot[i] = NULL;
        }
        if (slot[i]) {
            misaligned += ((uintptr_t)slot[i] & 15) != 0;
            bad += malloc_usable_size(slot[i]) < len[i];
        }
    }
    uint64_t h = 0xcbf29ce484222325;
    size_t live = 0;
    for (unsigned i = 0; i < NSLOTS; i++)
        if (slot[i]) {
            h = fnv(h, slot[i], len[i]);
            live += len[i];
            free(slot[i]);
        }
    printf("churn: malloc=%u calloc=%u realloc=%u free=%u live=%zu bytes bad=%u "
           "misaligned=%u hash=%016llx\n", allocs, callocs, reallocs, frees, live, bad,
           misaligned, (unsigned long long)h);
}

static void big_blocks(void)
{
    static const size_t sizes[] = {1 << 20, (3 << 20) + 5, 8 << 20};
    for (unsigned k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        size_t n = sizes[k];
        unsigned char *p = calloc(n, 1);
        if (!p) {
            printf("big %zu: calloc failed\n", n);
            continue;
        }
        size_t zero = 0;
        for (size_t i = 0; i < n; i += 4096)
            zero += p[i] == 0;
        zero += p[n - 1] == 0;
        pattern(p, n, k);
        uint64_t h1 = fnv(0xcbf29ce484222325, p, n);
        /* grow: contents must survive the move (mremap for mmapped chunks) */
        unsigned char *q = realloc(p, n * 2 + 12345);
        int kept = check_pattern(q, n, k);
        memset(q + n, 0x5a, n + 12345);
        uint64_t h2 = fnv(0xcbf29ce484222325, q, n * 2 + 12345);
        /* shrink below the mmap threshold's territory and back to small */
        q = realloc(q, 1000);
        int kept2 = check_pattern(q, 1000, k);
        free(q);
        printf("big %zu: zeroed=%zu/%zu h1=%016llx grow_kept=%d h2=%016llx shrink_kept=%d\n",
               n, zero, (n + 4095) / 4096 + 1, (unsigned long long)h1, kept, (unsigned long long)h2,
               kept2);
    }
    /* many medium blocks: the heap grows through brk well past 1 MiB */
    enum { N = 600 };
    static char *m[N];
    uint64_t h = 0xcbf29ce484222325;
    for (int i = 0; i < N; i++) {
        m[i] = malloc(8000 + i);
        memset(m[i], i, 8000 + i);
    }
    for (int i = N - 1; i >= 0; i -= 2)
        free(m[i]);
    for (int i = 0; i < N; i += 2)
        h = fnv(h, (unsigned char *)m[i], 8000 + i);
    for (int i = 0; i < N; i += 2)
        free(m[i]);
    printf("medium: hash=%016llx\n", (unsigned long long)h);
}

static void aligned(void)
{
    static const size_t al[] = {16, 64, 256, 4096, 65536, 1 << 21};
    for (unsigned k = 0; k < sizeof(al) / sizeof(al[0]); k++) {
        void *p = NULL;
        int rc = posix_memalign(&p, al[k], 1000 + al[k] / 2);
        void *q = aligned_alloc(al[k], al[k] * 3);
        void *r = memalign(al[k], 77);
        printf("align %zu: posix_memalign rc=%d ok=%d aligned_alloc ok=%d memalign ok=%d\n",
               al[k], rc, p && ((uintptr_t)p % al[k]) == 0, q && ((uintptr_t)q % al[k]) == 0,
               r && ((uintptr_t)r % al[k]) == 0);
        memset(p, 1, 1000 + al[k] / 2);
        memset(q, 2, al[k] * 3);
        memset(r, 3, 77);
        free(p);
        free(q);
        free(r);
    }
    char *s = strdup("the quick brown fox");
    char *t = strndup(s + 4, 5);
    printf("strdup: \"%s\" strndup: \"%s\"\n", s, t);
    free(s);
    free(t);
    void *z = malloc(0);
    printf("malloc(0) non-null=%d\n", z != NULL);
    free(z);
    free(NULL);
    void *huge = malloc((size_t)1 << 62);
    printf("malloc(2^62) null=%d\n", huge == NULL);
}

int main(void)
{
    small_churn();
    big_blocks();
    aligned();
    return 0;
}
