/*
 * tlbi-scope: what a TLB invalidation by address reaches (Arm ARM D8.13).
 *
 * Blocks: a TLBI naming one address of a 2 MiB block drops the whole
 * block's translation, so reads of its other 4 KiB pages, made before the
 * block moved, must see the block's new place (a soft TLB holding the
 * block as 4 KiB entries must drop them all).
 *
 * Code under ASIDs: a function at one virtual address is pointed at pages
 * returning 1, 2, 3 and called through a pointer (an indirect branch, so
 * the emulator's jump cache by virtual pc is what finds it) while the CPU
 * moves between two ASIDs.  Each call is one the architecture decides: a
 * fresh ASID walks afresh, and a TLBI made while the other ASID runs (by
 * address for one ASID, by address for all, by ASID) reaches the entries
 * of the one not running.
 */
#include "rt.h"

#define BVA 0xffffff8000a00000UL     /* TTBR1's, T1SZ = 25; 2 MiB aligned */
#define CVA 0x1000000000UL           /* TTBR0's */
#define BLOCK (2UL << 20)
#define ROUNDS 4

static uint8_t blocks[2][BLOCK] __attribute__((aligned(BLOCK)));
static uint32_t code[3][0x1000 / 4] __attribute__((aligned(0x1000)));

static uint64_t read_va(uint64_t va)
{
    return *(volatile uint64_t *)va;
}

/* Xt of a TLBI by address: VA[55:12] in bits 43:0, the ASID above. */
static uint64_t tlbi_arg(uint64_t va, uint64_t asid)
{
    return (va >> 12 & ((1UL << 44) - 1)) | asid << 48;
}

/* Pages of the block other than the one the TLBI names, at different
 * indexes of a direct-mapped soft TLB (so that not all of them can have
 * left it for another page meanwhile). */
static const uint64_t others[] = { 0x10000, 0x55000, 0xaa000, 0x1f3000 };
#define N_OTHERS (sizeof(others) / sizeof(others[0]))

static void block_moves(unsigned kind)
{
    static const char *const names[] = { "vae1", "vale1", "vae1is", "vaale1is" };
    uint64_t *entry = rt_pte(rt_mmu.ttbr1, BVA, 2);
    uint64_t block = rt_attrs(RT_MEM_NORMAL) | PTE_VALID;      /* a block: bit 1 clear */
    uint64_t before[N_OTHERS], after[N_OTHERS];
    *entry = (uintptr_t)blocks[0] | block;
    rt_tlbi_all();
    for (unsigned i = 0; i < N_OTHERS; i++) {
        before[i] = read_va(BVA + others[i]);
    }
    *entry = (uintptr_t)blocks[1] | block;
    dsb(ishst);
    uint64_t arg = tlbi_arg(BVA, 0);
    switch (kind) {
    case 0: __asm__ volatile("tlbi vae1, %0" :: "r"(arg) : "memory"); break;
    case 1: __asm__ volatile("tlbi vale1, %0" :: "r"(arg) : "memory"); break;
    case 2: __asm__ volatile("tlbi vae1is, %0" :: "r"(arg) : "memory"); break;
    default: __asm__ volatile("tlbi vaale1is, %0" :: "r"(arg) : "memory"); break;
    }
    dsb(ish);
    isb();
    for (unsigned i = 0; i < N_OTHERS; i++) {
        after[i] = read_va(BVA + others[i]);
    }
    rt_printf("block, tlbi %s of its first page:", names[kind]);
    for (unsigned i = 0; i < N_OTHERS; i++) {
        rt_printf(" %lx->%lx", before[i], after[i]);
        rt_check(after[i] == 0xb0 + i, "a TLBI by address drops the whole block");
    }
    rt_printf("\n");
}

static void set_asid(uint64_t asid)
{
    sysreg_write(ttbr0_el1, (uintptr_t)rt_mmu.ttbr0 | asid << 48);
    isb();
}

static uint64_t call_cva(void)
{
    uint64_t (*volatile fn)(void) = (uint64_t (*)(void))CVA;
    return fn();
}

static void expect_call(uint64_t want, const char *what)
{
    uint64_t got = call_cva();
    rt_printf("  %s: %lu\n", what, got);
    rt_check(got == want, what);
}

int main(void)
{
    for (unsigned i = 0; i < N_OTHERS; i++) {
        *(volatile uint64_t *)(blocks[0] + others[i]) = 0xa0 + i;
        *(volatile uint64_t *)(blocks[1] + others[i]) = 0xb0 + i;
    }
    for (unsigned kind = 0; kind < 4; kind++) {
        block_moves(kind);
    }

    /* Three functions: movz x0, #n+1; ret. */
    for (unsigned n = 0; n < 3; n++) {
        code[n][0] = 0xd2800000u | (n + 1) << 5;
        code[n][1] = 0xd65f03c0u;
        __asm__ volatile("dc cvau, %0; dsb ish; ic ivau, %0; dsb ish" :: "r"(code[n]) : "memory");
    }
    isb();
    uint64_t text = rt_attrs(RT_MEM_NORMAL) | PTE_VALID | PTE_TABLE | PTE_NG | PTE_UXN;
    uint64_t *pte = rt_pte(rt_mmu.ttbr0, CVA, 3);
    uint64_t tcr = sysreg_read(tcr_el1);
    sysreg_write(tcr_el1, tcr & ~(1UL << 22));          /* A1 = 0: TTBR0's ASID */
    for (unsigned r = 0; r < ROUNDS; r++) {
        uint64_t a = 2 * r + 1, b = 2 * r + 2;         /* two ASIDs never used */
        rt_printf("round %u, asids %lu and %lu\n", r, a, b);
        *pte = (uintptr_t)code[0] | text;
        rt_tlbi_all();
        set_asid(a);
        expect_call(1, "first call");
        /* Moved with no TLBI: a fresh ASID sees the new page. */
        *pte = (uintptr_t)code[1] | text;
        dsb(ishst);
        set_asid(b);
        expect_call(2, "fresh asid");
        /* Invalidated for ASID a while b runs: a sees the new page. */
        __asm__ volatile("tlbi vae1, %0; dsb ish" :: "r"(tlbi_arg(CVA, a)) : "memory");
        set_asid(a);
        expect_call(2, "after tlbi vae1 for the asid away");
        for (unsigned i = 0; i < 3; i++) {
            set_asid(b);
            expect_call(2, "switch back and forth");
            set_asid(a);
            expect_call(2, "switch back and forth");
        }
        /* Moved again, invalidated for every ASID while a runs. */
        *pte = (uintptr_t)code[2] | text;
        dsb(ishst);
        __asm__ volatile("tlbi vaae1, %0; dsb ish" :: "r"(tlbi_arg(CVA, 0)) : "memory");
        isb();
        set_asid(b);
        expect_call(3, "after tlbi vaae1");
        /* And back, invalidated by ASID. */
        *pte = (uintptr_t)code[0] | text;
        dsb(ishst);
        __asm__ volatile("tlbi aside1, %0; dsb ish" :: "r"(a << 48) : "memory");
        set_asid(a);
        expect_call(1, "after tlbi aside1 for the asid away");
    }
    sysreg_write(tcr_el1, tcr);
    set_asid(0);
    rt_tlbi_all();
    return 0;
}
