/*
 * ttbr-switch: a switch to an ASID the CPU has not used walks the tables
 * afresh (Arm ARM D8.13: entries of non-global pages are tagged with their
 * ASID), with the ASID in TTBR0 (TCR_EL1.A1 = 0) and in TTBR1 (A1 = 1).
 * A non-global page of the upper half is pointed at another page with no
 * TLBI, then the ASID changes to one never used: the read must see the new
 * page.  Sixteen rounds, more ASIDs than a small set of recent ones would
 * hold (a soft TLB that kept entries across switches between ASIDs it had
 * seen would have to empty itself on a new one).  Then a switch back to
 * ASID 0, under which the page was where it is again, and a global page
 * read under every ASID.
 */
#include "rt.h"

#define UVA  0xffffff8000200000UL    /* TTBR1's, T1SZ = 25 */
#define GVA  0xffffff8000400000UL
#define ROUNDS 16

static uint8_t pages[3][0x1000] __attribute__((aligned(0x1000)));

static uint64_t read_va(uint64_t va)
{
    return *(volatile uint64_t *)va;
}

/* The ASID lives in TTBR1 when A1 is set, else in TTBR0. */
static void set_asid(bool a1, uint64_t asid)
{
    if (a1)
        sysreg_write(ttbr1_el1, (uintptr_t)rt_mmu.ttbr1 | asid << 48);
    else
        sysreg_write(ttbr0_el1, (uintptr_t)rt_mmu.ttbr0 | asid << 48);
    isb();
}

int main(void)
{
    uint64_t normal = rt_attrs(RT_MEM_NORMAL) | PTE_VALID | PTE_TABLE | PTE_PXN | PTE_UXN;
    *(volatile uint64_t *)pages[0] = 0x1111;
    *(volatile uint64_t *)pages[1] = 0x2222;
    *(volatile uint64_t *)pages[2] = 0x9999;
    uint64_t *pte = rt_pte(rt_mmu.ttbr1, UVA, 3);
    *rt_pte(rt_mmu.ttbr1, GVA, 3) = (uintptr_t)pages[2] | normal;
    for (int a1 = 0; a1 < 2; a1++) {
        /* ASID 0 in both TTBRs, then A1 (a TCR write: every entry goes). */
        sysreg_write(ttbr0_el1, (uintptr_t)rt_mmu.ttbr0);
        sysreg_write(ttbr1_el1, (uintptr_t)rt_mmu.ttbr1);
        uint64_t tcr = sysreg_read(tcr_el1);
        sysreg_write(tcr_el1, a1 ? tcr | 1UL << 22 : tcr & ~(1UL << 22));
        isb();
        *pte = (uintptr_t)pages[0] | normal | PTE_NG;
        rt_tlbi_all();
        rt_printf("A1=%d asid 0: %lx\n", a1, read_va(UVA));
        for (unsigned r = 1; r <= ROUNDS; r++) {
            *pte = (uintptr_t)pages[r & 1] | normal | PTE_NG;
            dsb(ishst);
            set_asid(a1, 16 * (a1 + 1) + r);
            uint64_t got = read_va(UVA);
            rt_printf("A1=%d asid %u: %lx global %lx\n", a1, 16 * (a1 + 1) + r, got,
                      read_va(GVA));
            rt_check(got == *(volatile uint64_t *)pages[r & 1], "a fresh ASID walks afresh");
        }
        /* Back to ASID 0, used before: the page is where it was then. */
        set_asid(a1, 0);
        rt_printf("A1=%d back to asid 0: %lx\n", a1, read_va(UVA));
    }
    return 0;
}
