/* Owns: qsort/bsearch on ints, strings and structs, and glibc's string.h
 * functions (their arm64 versions are hand-written SIMD) checked against
 * byte-at-a-time references over many alignments and lengths up to ~300,
 * including strings that end right before an unmapped page. The reference
 * loops use volatile accesses so GCC cannot turn them back into libc calls. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static uint64_t rng = 88172645463325252ULL;
static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static uint64_t hash = 0xcbf29ce484222325;
static void mix(uint64_t v) { hash = (hash ^ v) * 0x100000001b3; }

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}
struct rec { int key; int idx; char name[12]; };
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->idx - y->idx;
}

static void test_sort(void)
{
    enum { N = 5000 };
    static int v[N];
    for (int i = 0; i < N; i++)
        v[i] = (int)(rnd() % 20000) - 10000;
    qsort(v, N, sizeof(int), cmp_int);
    int sorted = 1;
    hash = 0xcbf29ce484222325;
    for (int i = 0; i < N; i++) {
        sorted &= i == 0 || v[i - 1] <= v[i];
        mix((uint32_t)v[i]);
    }
    int found = 0;
    for (int k = -10000; k < 10000; k += 7)
        found += bsearch(&k, v, N, sizeof(int), cmp_int) != NULL;
    printf("ints: sorted=%d min=%d median=%d max=%d found=%d hash=%016llx\n", sorted, v[0],
           v[N / 2], v[N - 1], found, (unsigned long long)hash);

    enum { S = 800 };
    static char words[S][16];
    static char *pw[S];
    for (int i = 0; i < S; i++) {
        int len = rnd() % 10 + 1;
        for (int j = 0; j < len; j++)
            words[i][j] = "abcdefghijklmnopqrstuvwxyzABCZ\x80\xff"[rnd() % 32];
        words[i][len] = 0;
        pw[i] = words[i];
    }
    qsort(pw, S, sizeof(char *), cmp_str);
    hash = 0xcbf29ce484222325;
    sorted = 1;
    for (int i = 0; i < S; i++) {
        sorted &= i == 0 || strcmp(pw[i - 1], pw[i]) <= 0;
        for (const char *c = pw[i]; *c; c++)
            mix((unsigned char)*c);
    }
    char *key = words[123];
    char **hit = bsearch(&key, pw, S, sizeof(char *), cmp_str);
    printf("strings: sorted=%d first=%s last_len=%zu bsearch=%s hash=%016llx\n", sorted,
           pw[0], strlen(pw[S - 1]), hit && strcmp(*hit, key) == 0 ? "ok" : "missing",
           (unsigned long long)hash);

    enum { R = 3000 };
    static struct rec r[R];
    for (int i = 0; i < R; i++) {
        r[i].key = rnd() % 100;
        r[i].idx = i;
        snprintf(r[i].name, sizeof(r[i].name), "n%d", i);
    }
    qsort(r, R, sizeof(struct rec), cmp_rec);
    hash = 0xcbf29ce484222325;
    for (int i = 0; i < R; i++)
        mix((uint64_t)r[i].key << 32 | r[i].idx);
    struct rec probe = {r[1500].key, r[1500].idx, ""};
    struct rec *ph = bsearch(&probe, r, R, sizeof(struct rec), cmp_rec);
    printf("structs: first=%d/%d last=%d/%d probe=%s hash=%016llx\n", r[0].key, r[0].idx,
           r[R - 1].key, r[R - 1].idx, ph ? ph->name : "missing", (unsigned long long)hash);
}

/* byte-at-a-time references */
static size_t ref_strlen(const volatile char *s) { size_t n = 0; while (s[n]) n++; return n; }
static int sgn(int x) { return (x > 0) - (x < 0); }
static int ref_memcmp(const volatile unsigned char *a, const volatile unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}
static int ref_strncmp(const volatile unsigned char *a, const volatile unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
        if (!a[i])
            return 0;
    }
    return 0;
}

static unsigned char A[1024] __attribute__((aligned(64)));
static unsigned char B[1024] __attribute__((aligned(64)));
static unsigned char C[1024] __attribute__((aligned(64)));

static void refill(void)
{
    for (int i = 0; i < 1024; i++) {
        A[i] = (unsigned char)(rnd() % 255 + 1);   /* no NULs */
        B[i] = 0xee;
        C[i] = A[i];
    }
}

static const int lens[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 63, 64,
                           65, 95, 127, 128, 129, 200, 255, 256, 257, 300};
#define NLENS (int)(sizeof(lens) / sizeof(lens[0]))

static void test_string(void)
{
    unsigned checks = 0, bad = 0;
    refill();
    for (int sa = 0; sa < 16; sa++)
        for (int da = 0; da < 16; da += 3)
            for (int li = 0; li < NLENS; li++) {
                int n = lens[li];
                memset(B, 0xee, sizeof(B));
                memcpy(B + da, A + sa, n);
                bad += ref_memcmp(B + da, A + sa, n) != 0 || B[da + n] != 0xee ||
                       (da && B[da - 1] != 0xee);
                memset(B + da, sa * 7, n);
                for (int i = 0; i < n; i++)
                    bad += B[da + i] != (unsigned char)(sa * 7);
                bad += B[da + n] != 0xee;
                /* memmove, overlapping forward and backward */
                memcpy(C, A, 700);
                memmove(C + 100 + da, C + 100 + sa, n);
                bad += ref_memcmp(C + 100 + da, A + 100 + sa, n) != 0;
                memcpy(C, A, 700);
                memmove(C + 100 + sa, C + 100 + da, n);
                bad += ref_memcmp(C + 100 + sa, A + 100 + da, n) != 0;
                /* strings: A + sa holds n chars then a NUL */
                unsigned char save = A[sa + n];
                A[sa + n] = 0;
                bad += strlen((char *)A + sa) != ref_strlen((char *)A + sa);
                bad += strnlen((char *)A + sa, n / 2) != (size_t)n / 2;
                char *p = strchr((char *)A + sa, 0);
                bad += p != (char *)A + sa + n;
                if (n) {
                    unsigned char c = A[sa + n - 1];
                    size_t first = 0;
                    while (A[sa + first] != c)
                        first++;
                    bad += strchr((char *)A + sa, c) != (char *)A + sa + first;
                    bad += strrchr((char *)A + sa, c) != (char *)A + sa + n - 1;
                    bad += memchr(A + sa, c, n) != A + sa + first;
                    bad += memrchr(A + sa, c, n) != A + sa + n - 1;
                }
                memset(B, 0xee, sizeof(B));
                strcpy((char *)B + da, (char *)A + sa);
                bad += strcmp((char *)B + da, (char *)A + sa) != 0 || B[da + n + 1] != 0xee;
                bad += stpcpy((char *)B + da, (char *)A + sa) != (char *)B + da + n;
                if (n) {
                    int k = (sa * 13 + da) % n;   /* first difference at k */
                    B[da + k] ^= (k & 1) ? 0x80 : 0x01;
                    if (!B[da + k])
                        B[da + k] = 0x7f;
                    int want = ref_strncmp(A + sa, B + da, n + 1);
                    bad += sgn(strcmp((char *)A + sa, (char *)B + da)) != want;
                    bad += sgn(strncmp((char *)A + sa, (char *)B + da, k + 1)) != want;
                    bad += strncmp((char *)A + sa, (char *)B + da, k) != 0;
                    bad += sgn(memcmp(A + sa, B + da, n)) != ref_memcmp(A + sa, B + da, n);
                    mix(k);
                    mix(want);
                }
                A[sa + n] = save;
                checks++;
            }
    printf("mem/str functions: %u alignment-length cases, %u mismatches\n", checks, bad);

    /* strstr / strncpy / strcat */
    bad = 0;
    const char *hay = "abababcabcdabcdeabcdefabcdefgabcdefghXYZabcdefghi-the-end";
    for (size_t i = 0; i < strlen(hay); i++)
        for (size_t l = 1; l <= 12 && i + l <= strlen(hay); l++) {
            char needle[16];
            memcpy(needle, hay + i, l);
            needle[l] = 0;
            char *r = strstr(hay, needle);
            size_t want = 0;
            while (strncmp(hay + want, needle, l) != 0)
                want++;
            bad += r != hay + want;
            mix(want);
        }
    bad += strstr(hay, "abcdefghij") != NULL || strstr(hay, "") != hay;
    char d[64];
    memset(d, 'q', sizeof(d));
    strncpy(d, "short", 10);
    bad += memcmp(d, "short\0\0\0\0\0q", 11) != 0;
    strcpy(d, "con");
    strcat(d, "cat");
    const char *volatile tail = "enation!!!";
    strncat(d, tail, 7);
    printf("strstr etc: %u mismatches, d=%s hash=%016llx\n", bad, d,
           (unsigned long long)hash);
}

static void test_page_edge(void)
{
    char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || mprotect(p + 4096, 4096, PROT_NONE) != 0) {
        printf("page edge: mmap failed\n");
        return;
    }
    unsigned bad = 0, n = 0;
    char *end = p + 4096;
    for (int len = 0; len < 100; len++) {
        char *s = end - 1 - len;
        memset(p, 'a', 4096);
        s[len] = 0;
        s[-1] = 0;
        bad += strlen(s) != (size_t)len;
        bad += strchr(s, 'z') != NULL;
        bad += strrchr(s, 'a') != (len ? s + len - 1 : NULL);
        bad += memchr(s, 0, len + 1) != s + len;
        bad += rawmemchr(s, 0) != s + len;
        bad += strcmp(s, s) != 0;
        bad += strnlen(s, 1000) != (size_t)len;
        bad += strncmp(s, s, 1000) != 0;
        char buf[128];
        strcpy(buf, s);
        bad += memcmp(buf, s, len + 1) != 0;
        n++;
    }
    munmap(p, 8192);
    printf("page edge: %u strings ending at an unmapped page, %u mismatches\n", n, bad);
}

int main(void)
{
    test_sort();
    test_string();
    test_page_edge();
    return 0;
}
