/* Accesses at the top of mimic's 1 TiB guest space: with the page below
 * 2^40 mapped, an access that fits runs, one whose last bytes reach 2^40
 * faults there (si_addr = 2^40, the first byte that is not mapped), for
 * every size, loads and stores, tagged addresses too.  The JIT checks only
 * the first byte inline (and sends tagged addresses to its slow path); the
 * guard after the space must make the rest a guest fault, reported like
 * the helper path's. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#define TOP (1ull << 40)

static sigjmp_buf env;
static volatile uintptr_t fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    fault_addr = (uintptr_t)si->si_addr;
    siglongjmp(env, 1);
}

static uint64_t load(uintptr_t a, int size)
{
    switch (size) {
    case 2: return *(volatile uint16_t *)a;
    case 4: return *(volatile uint32_t *)a;
    default: return *(volatile uint64_t *)a;
    }
}

static void store(uintptr_t a, int size, uint64_t v)
{
    switch (size) {
    case 2: *(volatile uint16_t *)a = v; break;
    case 4: *(volatile uint32_t *)a = v; break;
    default: *(volatile uint64_t *)a = v; break;
    }
}

static void try(const char *what, uintptr_t a, int size, int is_store)
{
    if (sigsetjmp(env, 1)) {
        printf("%s size %d at top-%llu: SIGSEGV at top%+lld\n", what, size,
               (unsigned long long)(TOP - (a & (TOP - 1))),
               (long long)(fault_addr - TOP));
        return;
    }
    uint64_t v = 0;
    if (is_store) {
        store(a, size, 0x1122334455667788ull);
    } else {
        v = load(a, size);
    }
    printf("%s size %d at top-%llu: ok %llx\n", what, size,
           (unsigned long long)(TOP - (a & (TOP - 1))), (unsigned long long)v);
}

int main(void)
{
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, 0);
    void *p = mmap((void *)(TOP - 4096), 4096, PROT_READ | PROT_WRITE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    for (int size = 2; size <= 8; size *= 2) {
        for (int is_store = 0; is_store < 2; is_store++) {
            const char *what = is_store ? "store" : "load";
            try(what, TOP - size, size, is_store);
            try(what, TOP - size / 2, size, is_store);
            try(what, TOP - 1, size, is_store);
            /* The same with a tag in the top byte (ignored). */
            try(what, (0x5aull << 56) | (TOP - size), size, is_store);
            try(what, (0x5aull << 56) | (TOP - size / 2), size, is_store);
        }
    }
    return 0;
}
