/*
 * pt-fuzz: random translation table entries for one test VA, from a fixed
 * seed, and the outcome of a read and a write through it (the value, or the
 * fault's ESR and FAR).  The level 3 descriptor takes random type bits,
 * attributes (AttrIndx 0-7: MAIR entries 3-7 are 0, Device-nGnRnE), AP,
 * AF, nG, PXN/UXN, and an output address among: test pages in RAM, a
 * device (GPIO), a hole, RAM beyond the board's 256 MiB, and beyond the
 * 32-bit output size.  One case in four instead replaces the level 2 entry
 * by a random table descriptor: to a page of random level 3 entries, or to
 * addresses outside RAM (the walk itself then aborts).  The contiguous bit
 * is never set (misprogramming it is CONSTRAINED UNPREDICTABLE).
 */
#include "rt.h"

#define TVA     0x1000000000UL
#define CASES   400

static uint8_t pages[4][0x1000] __attribute__((aligned(0x1000)));
static uint64_t fake_l3[512] __attribute__((aligned(0x1000)));
static unsigned faults;
static uint64_t fault_esr, fault_far;

static bool on_fault(struct rt_frame *f)
{
    unsigned ec = f->esr >> 26;
    if (f->vector != 4 || (ec != 0x25))
        return false;
    faults++;
    fault_esr = f->esr;
    fault_far = f->far;
    rt_skip_insn(f);
    return true;
}

static uint64_t pick_oa(uint64_t x)
{
    static const uint64_t outside[] = {
        VIRT_GPIO, 0x09040000UL, 0x50000000UL, 0x7ffff000UL, 0x100000000UL, 0xfffff000000UL,
    };
    if ((x & 7) < 5)
        return (uintptr_t)pages[(x >> 3) & 3];
    return outside[(x >> 3) % (sizeof(outside) / sizeof(outside[0]))];
}

static uint64_t random_page_desc(uint64_t *seed)
{
    uint64_t x = rt_rand(seed), y = rt_rand(seed);
    uint64_t d = pick_oa(y);
    d |= x & 3;                              /* valid, page (or reserved) */
    d |= x & (7UL << 2);                     /* AttrIndx */
    d |= x & (3UL << 6);                     /* AP */
    d |= x & (3UL << 8);                     /* SH */
    if ((x >> 10) & 7)                       /* AF mostly set */
        d |= PTE_AF;
    d |= x & PTE_NG;
    d |= x & (3UL << 53);                    /* PXN, UXN */
    return d;
}

static void outcome(const char *what, bool write, uint64_t v)
{
    unsigned before = faults;
    volatile uint64_t *p = (volatile uint64_t *)(TVA + 0x40);
    uint64_t r = 0;
    if (write)
        __asm__ volatile("str %1, [%0]" :: "r"(p), "r"(v) : "memory");
    else
        __asm__ volatile("ldr %0, [%1]" : "=r"(r) : "r"(p) : "memory");
    if (faults != before)
        rt_printf(" %s=fault(%08lx far+%lx)", what, fault_esr, fault_far - TVA);
    else if (write)
        rt_printf(" %s=ok", what);
    else
        rt_printf(" %s=%lx", what, r);
}

int main(void)
{
    uint64_t seed = 0x7ab1e5eedULL;
    rt_set_handler(on_fault);
    /* MAIR with 3-7 zero (Device-nGnRnE), as rt_mmu_enable_this_cpu sets it. */
    rt_printf("pt-fuzz: mair=%lx\n", sysreg_read(mair_el1));
    uint64_t *l3 = rt_pte(rt_mmu.ttbr0, TVA, 3);
    uint64_t *l2 = rt_pte(rt_mmu.ttbr0, TVA, 2);
    uint64_t l2_good = *l2;

    for (unsigned c = 0; c < CASES; c++) {
        for (unsigned k = 0; k < 4; k++)
            for (unsigned j = 0; j < 512; j++)
                ((uint64_t *)pages[k])[j] = ((uint64_t)(k + 1) << 32) | (c << 12) | j;
        uint64_t x = rt_rand(&seed);
        *l2 = l2_good;
        if ((x & 3) == 0) {
            /* A table descriptor at level 2 to elsewhere. */
            for (unsigned j = 0; j < 512; j++)
                fake_l3[j] = random_page_desc(&seed);
            uint64_t where = (x >> 2) & 3;
            uint64_t ta = where == 0 ? (uintptr_t)fake_l3
                        : where == 1 ? 0x09040000UL      /* hole */
                        : where == 2 ? 0x50000000UL      /* beyond RAM */
                        : 0x100000000UL;                 /* beyond 32-bit OA */
            *l2 = ta | PTE_TABLE | PTE_VALID;
            rt_tlbi_all();
            rt_printf("%3u l2 table->%lx l3[0]=%lx:", c, ta, fake_l3[0]);
        } else {
            *l3 = random_page_desc(&seed);
            rt_tlbi_all();
            rt_printf("%3u l3=%lx:", c, *l3);
        }
        outcome("read", false, 0);
        outcome("write", true, 0xc0de0000 + c);
        outcome("reread", false, 0);
        rt_printf("\n");
    }
    *l2 = l2_good;
    rt_tlbi_all();
    rt_printf("faults=%u\n", faults);
    return 0;
}
