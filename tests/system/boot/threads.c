/*
 * threads: the boot tests' multithreaded workload, run by /init (static,
 * built by tests/system/meson.build, at /bin/threads in the initramfs).
 * Four pthreads start together at a barrier and each, for a fixed number of
 * rounds, hashes its own stream and adds to shared counters: with a
 * load/store exclusive loop (LDXR/STXR), with the LSE atomics (LDADDAL,
 * CASAL loop) when the CPU offers them (HWCAP_ATOMICS; not on the tests'
 * cortex-a57), and under a pthread mutex (futexes when threads collide).
 * It prints only values that do not depend on scheduling: each thread's
 * hash, in thread order, and the totals, which are exact only if every
 * update was atomic; the program checks them itself too.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/auxv.h>

#define NTHREADS 4
#define ROUNDS 40000
#define LOCK_EVERY 8                 /* one mutex round per this many */
#ifndef HWCAP_ATOMICS
#define HWCAP_ATOMICS (1 << 8)
#endif

static uint64_t c_excl, c_lse, c_locked;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start;
static int have_lse;

static void add_exclusive(uint64_t *p, uint64_t n)
{
    uint64_t tmp;
    uint32_t fail;
    __asm__ volatile("1: ldxr  %0, [%2]\n"
                     "   add   %0, %0, %3\n"
                     "   stxr  %w1, %0, [%2]\n"
                     "   cbnz  %w1, 1b\n"
                     : "=&r"(tmp), "=&r"(fail) : "r"(p), "r"(n) : "memory");
}

/* One LDADDAL and one CAS-loop increment: two per call. */
static void add_lse(uint64_t *p)
{
    uint64_t old;
    __asm__ volatile(".arch_extension lse\n"
                     "ldaddal %2, %0, [%1]" : "=r"(old) : "r"(p), "r"(1UL) : "memory");
    uint64_t expect = __atomic_load_n(p, __ATOMIC_RELAXED);
    for (;;) {
        uint64_t seen = expect;
        __asm__ volatile(".arch_extension lse\n"
                         "casal %0, %2, [%1]" : "+r"(seen) : "r"(p), "r"(expect + 1) : "memory");
        if (seen == expect)
            break;
        expect = seen;
    }
}

static void *worker(void *arg)
{
    uintptr_t id = (uintptr_t)arg;
    uint64_t h = 0xcbf29ce484222325ULL ^ id;   /* FNV-1a, 64-bit */
    pthread_barrier_wait(&start);
    for (unsigned i = 0; i < ROUNDS; i++) {
        h = (h ^ (i * 2654435761u + id)) * 0x100000001b3ULL;
        add_exclusive(&c_excl, 1);
        if (have_lse)
            add_lse(&c_lse);
        if (i % LOCK_EVERY == 0) {
            pthread_mutex_lock(&lock);
            c_locked += 3;
            pthread_mutex_unlock(&lock);
        }
    }
    return (void *)(uintptr_t)h;
}

int main(void)
{
    pthread_t t[NTHREADS];
    uint64_t hash[NTHREADS];
    have_lse = (getauxval(AT_HWCAP) & HWCAP_ATOMICS) != 0;
    pthread_barrier_init(&start, NULL, NTHREADS);
    for (uintptr_t i = 0; i < NTHREADS; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) {
            printf("threads: pthread_create failed\n");
            return 1;
        }
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        hash[i] = (uint64_t)(uintptr_t)r;
    }
    for (int i = 0; i < NTHREADS; i++)
        printf("thread %d: hash %016llx\n", i, (unsigned long long)hash[i]);
    uint64_t want = (uint64_t)NTHREADS * ROUNDS;
    uint64_t want_locked = 3ULL * NTHREADS * ((ROUNDS + LOCK_EVERY - 1) / LOCK_EVERY);
    int ok = c_excl == want && c_locked == want_locked && (!have_lse || c_lse == 2 * want);
    printf("threads: ldxr/stxr %llu, mutex %llu, lse %s%llu: %s\n",
           (unsigned long long)c_excl, (unsigned long long)c_locked,
           have_lse ? "" : "(not offered) ", (unsigned long long)c_lse,
           ok ? "exact" : "WRONG");
    return ok ? 0 : 1;
}
