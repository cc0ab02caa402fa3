/*
 * Owns: stage 1 translation for EL1&0 as the programs use it: tables from a
 * static pool, 39-bit VAs in both halves (T0SZ = T1SZ = 25), a 4K, 16K or
 * 64K granule, a 32-bit output size (IPS = 0: anything above 4 GiB is an
 * address size fault), and the identity map every program starts with:
 * device space 0..1 GiB as Device-nGnRnE, EL1 only, never executable;
 * the image's text read-only and executable at EL1 and EL0; the EL1 stacks
 * read-write at EL1 only; the rest of RAM read-write at EL1 and EL0 and
 * never executable.  Descriptor formats: Arm
 * ARM D8.3 (VMSAv8-64 translation table format descriptors).
 */
#include "rt.h"

#define VA_BITS     39
#define RAM_SIZE    (256UL << 20)
#define POOL_SIZE   (1UL << 20)

extern char __text_start[], __text_end[], rt_stacks[], rt_el0_stacks[];

struct rt_mmu rt_mmu;
static uint8_t pool[POOL_SIZE] __attribute__((aligned(0x10000)));
static size_t pool_used;
static uint64_t tcr_value, sctlr_value;

unsigned rt_level_shift(unsigned level)
{
    unsigned g = rt_mmu.granule_shift;
    return g + (3 - level) * (g - 3);
}

unsigned rt_start_level(void)
{
    unsigned level = 3;
    while (level > 0 && rt_level_shift(level) + (rt_mmu.granule_shift - 3) < VA_BITS)
        level--;
    return level;
}

static uint64_t *table_alloc(void)
{
    size_t size = 1UL << rt_mmu.granule_shift;
    if (pool_used + size > POOL_SIZE) {
        rt_printf("mmu: table pool exhausted\n");
        rt_exit(1);
    }
    uint64_t *t = (uint64_t *)&pool[pool_used];
    pool_used += size;
    for (size_t i = 0; i < size / 8; i++)
        t[i] = 0;
    return t;
}

static unsigned index_at(uint64_t va, unsigned level)
{
    unsigned shift = rt_level_shift(level);
    unsigned bits = level == rt_start_level() ? VA_BITS - shift : rt_mmu.granule_shift - 3;
    return (va >> shift) & ((1UL << bits) - 1);
}

static uint64_t out_mask(void)
{
    /* Output address bits [47:granule]. */
    return ((1UL << 48) - 1) & ~((1UL << rt_mmu.granule_shift) - 1);
}

uint64_t *rt_pte(uint64_t *root, uint64_t va, unsigned level)
{
    uint64_t *t = root;
    for (unsigned l = rt_start_level(); l < level; l++) {
        uint64_t *d = &t[index_at(va, l)];
        if ((*d & 3) != 3) {
            uint64_t *next = table_alloc();
            if ((*d & 3) == 1) {
                /* Split a block into the same mapping one level down. */
                uint64_t attrs = *d & ~out_mask() & ~3UL;
                uint64_t child = 1UL << rt_level_shift(l + 1);
                uint64_t pa = *d & out_mask();
                for (uint64_t i = 0; i < (1UL << (rt_mmu.granule_shift - 3)); i++)
                    next[i] = (pa + i * child) | attrs | PTE_VALID | (l + 1 == 3 ? PTE_TABLE : 0);
            }
            *d = (uintptr_t)next | PTE_TABLE | PTE_VALID;
        }
        t = (uint64_t *)(uintptr_t)(*d & out_mask());
    }
    return &t[index_at(va, level)];
}

/* Levels where a block descriptor is allowed without FEAT_LPA2: 1 and 2
 * with 4K, 2 with 16K and 64K. */
static bool block_allowed(unsigned level)
{
    return level == 2 || (level == 1 && rt_mmu.granule_shift == 12);
}

void rt_map(uint64_t *root, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs, bool blocks)
{
    uint64_t page = 1UL << rt_mmu.granule_shift;
    while (size) {
        unsigned level = 3;
        if (blocks) {
            for (unsigned l = rt_start_level(); l < 3; l++) {
                uint64_t bs = 1UL << rt_level_shift(l);
                if (block_allowed(l) && !(va & (bs - 1)) && !(pa & (bs - 1)) && size >= bs) {
                    level = l;
                    break;
                }
            }
        }
        uint64_t len = level == 3 ? page : 1UL << rt_level_shift(level);
        *rt_pte(root, va, level) = pa | attrs | PTE_VALID | (level == 3 ? PTE_TABLE : 0);
        va += len;
        pa += len;
        size = size > len ? size - len : 0;
    }
}

uint64_t rt_attrs(enum rt_mem m)
{
    uint64_t a = PTE_ATTR(m) | PTE_AF;
    if (m != RT_MEM_DEVICE)
        a |= PTE_SH_INNER;
    return a;
}

bool rt_granule_supported(unsigned shift)
{
    /* ID_AA64MMFR0_EL1: TGran4 [31:28] (0xf: none), TGran64 [27:24] (0xf:
     * none), TGran16 [23:20] (0: none). */
    uint64_t mmfr0 = sysreg_read(id_aa64mmfr0_el1);
    switch (shift) {
    case 12: return ((mmfr0 >> 28) & 0xf) != 0xf;
    case 14: return ((mmfr0 >> 20) & 0xf) != 0;
    case 16: return ((mmfr0 >> 24) & 0xf) != 0xf;
    }
    return false;
}

void rt_tlbi_all(void)
{
    dsb(ishst);
    __asm__ volatile("tlbi vmalle1is" ::: "memory");
    dsb(ish);
    isb();
}

void rt_mmu_off(void)
{
    sysreg_write(sctlr_el1, sysreg_read(sctlr_el1) & ~1UL);
    isb();
    rt_tlbi_all();
}

void rt_mmu_enable_this_cpu(void)
{
    /* MAIR: attr0 Device-nGnRnE, attr1 Normal write-back, attr2 Normal
     * non-cacheable (the enum rt_mem order). */
    sysreg_write(mair_el1, 0x000000000044ff00UL);
    sysreg_write(tcr_el1, tcr_value);
    sysreg_write(ttbr0_el1, (uintptr_t)rt_mmu.ttbr0);
    sysreg_write(ttbr1_el1, (uintptr_t)rt_mmu.ttbr1);
    isb();
    __asm__ volatile("tlbi vmalle1" ::: "memory");
    dsb(nsh);
    isb();
    sysreg_write(sctlr_el1, sctlr_value);
    isb();
}

void rt_mmu_init(unsigned granule_shift)
{
    /* TCR_EL1.TG0 and TG1 spell the granules differently (D13.2.131). */
    static const struct { unsigned shift, tg0, tg1; } tg[] = {
        { 12, 0, 2 }, { 14, 2, 1 }, { 16, 1, 3 },
    };
    unsigned i = 0;
    while (tg[i].shift != granule_shift)
        i++;
    if (sysreg_read(sctlr_el1) & 1)
        rt_mmu_off();
    rt_mmu.granule_shift = granule_shift;
    pool_used = 0;
    rt_mmu.ttbr0 = table_alloc();
    rt_mmu.ttbr1 = table_alloc();

    uint64_t text = (uintptr_t)__text_start, text_end = (uintptr_t)__text_end;
    uint64_t dev = rt_attrs(RT_MEM_DEVICE) | PTE_PXN | PTE_UXN;
    uint64_t data = rt_attrs(RT_MEM_NORMAL) | PTE_AP_EL0 | PTE_PXN | PTE_UXN;
    uint64_t code = rt_attrs(RT_MEM_NORMAL) | PTE_AP_EL0 | PTE_AP_RO;
    rt_map(rt_mmu.ttbr0, 0, 0, VIRT_RAM, dev, true);
    rt_map(rt_mmu.ttbr0, VIRT_RAM, VIRT_RAM, text - VIRT_RAM, data, true);
    rt_map(rt_mmu.ttbr0, text, text, text_end - text, code, false);
    rt_map(rt_mmu.ttbr0, text_end, text_end, VIRT_RAM + RAM_SIZE - text_end, data, true);
    rt_map(rt_mmu.ttbr0, (uintptr_t)rt_stacks, (uintptr_t)rt_stacks,
           rt_el0_stacks - rt_stacks, data & ~PTE_AP_EL0, false);

    tcr_value = (64 - VA_BITS)                  /* T0SZ */
              | (1UL << 8) | (1UL << 10)        /* IRGN0, ORGN0 write-back */
              | (3UL << 12)                     /* SH0 inner shareable */
              | ((uint64_t)tg[i].tg0 << 14)
              | ((uint64_t)(64 - VA_BITS) << 16) /* T1SZ */
              | (1UL << 24) | (1UL << 26) | (3UL << 28)
              | ((uint64_t)tg[i].tg1 << 30);    /* IPS = 0: 32 bits */
    /* SCTLR_EL1: M, C, SA, SA0, I, nTWI, nTWE and the bits that are RES1 in
     * Armv8.0 (11, 20, 22, 23, 28, 29; 23 is SPAN in v8.1: PAN unchanged on
     * exception entry). */
    sctlr_value = 0x30d00800UL | (1 << 0) | (1 << 2) | (1 << 3) | (1 << 4)
                | (1 << 12) | (1 << 16) | (1 << 18);
    rt_mmu_enable_this_cpu();
}
