/*
 * smp-atomics: every CPU adds to shared counters at once, with a load/store
 * exclusive loop (LDXR/STXR), with the LSE atomics (LDADD, CAS loop,
 * STADD; FEAT_LSE, Armv8.1: built with -march=armv8.1-a and run with
 * -cpu max) and with a lock-protected plain add; CPU 0 waits for all and
 * prints the totals, which are exact only if every update was atomic.
 */
#include "rt.h"

#define N 100000

static volatile uint64_t c_excl, c_ldadd, c_cas, c_stadd, c_locked;
static volatile uint32_t c_excl32;
static volatile unsigned finished;
static rt_lock_t lock;

static void work(unsigned cpu)
{
    for (int i = 0; i < N; i++) {
        uint64_t tmp;
        uint32_t fail;
        __asm__ volatile(
            "1: ldxr    %0, [%2]\n"
            "   add     %0, %0, #1\n"
            "   stxr    %w1, %0, [%2]\n"
            "   cbnz    %w1, 1b\n"
            : "=&r"(tmp), "=&r"(fail) : "r"(&c_excl) : "memory");
        uint32_t t32;
        __asm__ volatile(
            "1: ldaxr   %w0, [%2]\n"
            "   add     %w0, %w0, #3\n"
            "   stlxr   %w1, %w0, [%2]\n"
            "   cbnz    %w1, 1b\n"
            : "=&r"(t32), "=&r"(fail) : "r"(&c_excl32) : "memory");
        uint64_t one = 1, old;
        __asm__ volatile("ldaddal %1, %0, [%2]" : "=r"(old) : "r"(one), "r"(&c_ldadd) : "memory");
        __asm__ volatile("stadd %0, [%1]" :: "r"(2UL), "r"(&c_stadd) : "memory");
        uint64_t expect = c_cas, seen;
        for (;;) {
            seen = expect;
            __asm__ volatile("casal %0, %2, [%1]" : "+r"(seen) : "r"(&c_cas), "r"(expect + 1) : "memory");
            if (seen == expect)
                break;
            expect = seen;
        }
        if (i % 16 == 0) {
            rt_lock(&lock);
            c_locked = c_locked + 1;
            rt_unlock(&lock);
        }
    }
    __atomic_fetch_add(&finished, 1, __ATOMIC_ACQ_REL);
}

int main(void)
{
    uint64_t isar0 = sysreg_read(id_aa64isar0_el1);
    rt_printf("smp-atomics: lse=%lu\n", (isar0 >> 20) & 0xf);
    if (((isar0 >> 20) & 0xf) < 2) {
        rt_printf("no FEAT_LSE: run with -cpu max\n");
        return 1;
    }
    unsigned ncpus = 1;
    while (ncpus < RT_MAX_CPUS && psci_call(PSCI_AFFINITY_INFO, ncpus, 0, 0) >= 0)
        ncpus++;
    for (unsigned c = 1; c < ncpus; c++)
        rt_check(rt_cpu_start(c, work) == 0, "cpu_on");
    work(0);
    while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) != ncpus)
        ;
    rt_printf("cpus=%u per cpu=%u\n", ncpus, N);
    rt_printf("ldxr/stxr: %lu (expect %lu)\n", c_excl, (uint64_t)ncpus * N);
    rt_printf("ldaxr/stlxr w+3: %u (expect %u)\n", c_excl32, ncpus * N * 3);
    rt_printf("ldaddal: %lu\n", c_ldadd);
    rt_printf("stadd +2: %lu\n", c_stadd);
    rt_printf("casal loop: %lu\n", c_cas);
    rt_printf("locked: %lu\n", c_locked);
    rt_check(c_excl == (uint64_t)ncpus * N && c_ldadd == (uint64_t)ncpus * N &&
             c_cas == (uint64_t)ncpus * N && c_stadd == 2ULL * ncpus * N &&
             c_excl32 == ncpus * N * 3 && c_locked == ncpus * ((N + 15) / 16), "totals");
    return 0;
}
