/*
 * tlbi-broadcast: a TLB invalidation by one CPU reaches the other (the
 * Inner Shareable forms, Arm ARM D8.13).  CPU 0 reads a test VA (so that
 * its TLB holds the translation); CPU 1 points the PTE at another page,
 * does DSB ISHST, TLBI ...IS, DSB ISH and signals; CPU 0 then must see the
 * new page.  Rounds with TLBI VAE1IS, VALE1IS, VAAE1IS and VMALLE1IS.
 */
#include "rt.h"

#define TVA 0x1000000000UL
#define ROUNDS 8

static uint8_t pages[2][0x1000] __attribute__((aligned(0x1000)));
static uint64_t *pte;
static volatile unsigned turn;       /* odd: CPU 1's move, even: CPU 0's */
static volatile unsigned kind;

static void cpu1(unsigned cpu)
{
    for (unsigned r = 0; r < 4 * ROUNDS; r++) {
        while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != 2 * r + 1)
            ;
        *pte = (uintptr_t)pages[(r + 1) & 1] | rt_attrs(RT_MEM_NORMAL) | PTE_VALID | PTE_TABLE;
        dsb(ishst);
        switch (kind) {
        case 0: __asm__ volatile("tlbi vae1is, %0" :: "r"(TVA >> 12) : "memory"); break;
        case 1: __asm__ volatile("tlbi vale1is, %0" :: "r"(TVA >> 12) : "memory"); break;
        case 2: __asm__ volatile("tlbi vaae1is, %0" :: "r"(TVA >> 12) : "memory"); break;
        default: __asm__ volatile("tlbi vmalle1is" ::: "memory"); break;
        }
        dsb(ish);
        __atomic_store_n(&turn, 2 * r + 2, __ATOMIC_RELEASE);
    }
}

int main(void)
{
    static const char *const names[] = { "vae1is", "vale1is", "vaae1is", "vmalle1is" };
    *(volatile uint64_t *)pages[0] = 0x1111;
    *(volatile uint64_t *)pages[1] = 0x2222;
    pte = rt_pte(rt_mmu.ttbr0, TVA, 3);
    *pte = (uintptr_t)pages[0] | rt_attrs(RT_MEM_NORMAL) | PTE_VALID | PTE_TABLE;
    rt_tlbi_all();
    rt_check(rt_cpu_start(1, cpu1) == 0, "cpu_on 1");
    for (unsigned r = 0; r < 4 * ROUNDS; r++) {
        kind = r / ROUNDS;
        uint64_t before = *(volatile uint64_t *)TVA;   /* cached in CPU 0's TLB */
        __atomic_store_n(&turn, 2 * r + 1, __ATOMIC_RELEASE);
        while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != 2 * r + 2)
            ;
        isb();
        uint64_t after = *(volatile uint64_t *)TVA;
        rt_printf("round %2u tlbi %s: before=%lx after=%lx\n", r, names[kind], before, after);
        rt_check(after == *(volatile uint64_t *)pages[(r + 1) & 1], "new translation");
    }
    return 0;
}
