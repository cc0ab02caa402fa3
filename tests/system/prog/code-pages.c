/*
 * code-pages: code the program writes, run through an alias whose virtual
 * address is not its physical one, then changed in the ways Arm ARM
 * B2.2.5 (concurrent modification and execution of instructions) and
 * D7.5.9 (cache maintenance for instruction modification) make visible:
 * a store (plain, exclusive pair, DC ZVA), then DC CVAU, DSB, IC IVAU,
 * DSB, ISB; a new mapping of the page, or of the second page of code
 * that crosses a page boundary, after TLBI.  Each step prints what the
 * code returned.  An emulator that keys translated code by physical page
 * must drop it on any of these, whatever virtual address the store used.
 */
#include "rt.h"

#define TVA      0x1000000000UL          /* 64 GiB: no identity entry near it */
#define PAGE     0x1000UL
#define MOVZ_X0(imm)    (0xd2800000u | ((uint32_t)(imm) << 5))
#define ADD_X0(imm)     (0x91000000u | ((uint32_t)(imm) << 10))
#define RET             0xd65f03c0u

static uint32_t pages[6][PAGE / 4] __attribute__((aligned(PAGE)));
static unsigned undefs;

/* Zeroed code is UDF #0: back to the caller with x0 = 0xbad. */
static bool on_fault(struct rt_frame *f)
{
    if (f->esr >> 26 != 0)
        return false;
    undefs++;
    f->x[0] = 0xbad;
    f->elr = f->x[30];
    return true;
}

/* What software must do after writing instructions at va (D7.5.9). */
static void sync_code(uint64_t va, uint64_t len)
{
    for (uint64_t a = va & ~63UL; a < va + len; a += 64)
        __asm__ volatile("dc cvau, %0" :: "r"(a) : "memory");
    dsb(ish);
    for (uint64_t a = va & ~63UL; a < va + len; a += 64)
        __asm__ volatile("ic ivau, %0" :: "r"(a) : "memory");
    dsb(ish);
    isb();
}

static void map_code(uint64_t va, const void *pa)
{
    *rt_pte(rt_mmu.ttbr0, va, 3) = (uintptr_t)pa | rt_attrs(RT_MEM_NORMAL) | PTE_VALID | PTE_TABLE;
    rt_tlbi_all();
}

static void show(const char *what, uint64_t va)
{
    rt_printf("  %s: %lx\n", what, rt_call_at(va));
}

int main(void)
{
    rt_set_handler(on_fault);
    rt_mmu_init(12);
    rt_printf("code-pages:\n");

    /* One page, run at TVA, written through its identity address. */
    pages[0][0] = MOVZ_X0(1);
    pages[0][1] = RET;
    sync_code((uintptr_t)pages[0], 8);
    map_code(TVA, pages[0]);
    show("first code", TVA);
    pages[0][0] = MOVZ_X0(2);
    sync_code((uintptr_t)pages[0], 4);
    show("after a store through the identity map", TVA);

    /* Written through the alias it runs at. */
    *(volatile uint32_t *)TVA = MOVZ_X0(3);
    sync_code(TVA, 4);
    show("after a store through the alias", TVA);

    /* An exclusive store (the atomic path). */
    __atomic_exchange_n(&pages[0][0], MOVZ_X0(4), __ATOMIC_SEQ_CST);
    sync_code((uintptr_t)pages[0], 4);
    show("after an atomic exchange", TVA);

    /* A store one line off: the code stays. */
    pages[0][64] = MOVZ_X0(5);
    sync_code((uintptr_t)&pages[0][64], 4);
    show("after a store elsewhere on the page", TVA);

    /* DC ZVA over the code: UDF. */
    __asm__ volatile("dc zva, %0" :: "r"(pages[0]) : "memory");
    sync_code((uintptr_t)pages[0], 64);
    show("after dc zva", TVA);

    /* The alias to another page with other code. */
    pages[1][0] = MOVZ_X0(6);
    pages[1][1] = RET;
    sync_code((uintptr_t)pages[1], 8);
    map_code(TVA, pages[1]);
    show("after a new mapping", TVA);

    /* Code across a page boundary: the second page remapped. */
    pages[2][PAGE / 4 - 2] = MOVZ_X0(7);
    pages[2][PAGE / 4 - 1] = ADD_X0(0);
    pages[3][0] = ADD_X0(0x10);
    pages[3][1] = RET;
    pages[4][0] = ADD_X0(0x20);
    pages[4][1] = RET;
    sync_code((uintptr_t)&pages[2][PAGE / 4 - 2], 8);
    sync_code((uintptr_t)pages[3], 8);
    sync_code((uintptr_t)pages[4], 8);
    map_code(TVA + 2 * PAGE, pages[2]);
    map_code(TVA + 3 * PAGE, pages[3]);
    show("across pages", TVA + 3 * PAGE - 8);
    map_code(TVA + 3 * PAGE, pages[4]);
    show("across pages, second remapped", TVA + 3 * PAGE - 8);
    /* And the second page's code rewritten in place. */
    pages[4][0] = ADD_X0(0x30);
    sync_code((uintptr_t)pages[4], 4);
    show("across pages, second rewritten", TVA + 3 * PAGE - 8);

    /* The same physical page at two virtual addresses: both see a store. */
    pages[5][0] = MOVZ_X0(8);
    pages[5][1] = RET;
    sync_code((uintptr_t)pages[5], 8);
    map_code(TVA + 4 * PAGE, pages[5]);
    map_code(TVA + 5 * PAGE, pages[5]);
    show("alias a", TVA + 4 * PAGE);
    show("alias b", TVA + 5 * PAGE);
    *(volatile uint32_t *)(TVA + 4 * PAGE) = MOVZ_X0(9);
    sync_code(TVA + 4 * PAGE, 4);
    show("alias b after a store through a", TVA + 5 * PAGE);
    show("alias a after a store through a", TVA + 4 * PAGE);

    /* Code across two virtual pages that map the same physical page. */
    pages[1][PAGE / 4 - 2] = MOVZ_X0(10);
    pages[1][PAGE / 4 - 1] = ADD_X0(0);
    pages[1][0] = ADD_X0(0x10);
    pages[1][1] = RET;
    sync_code((uintptr_t)pages[1], PAGE);
    map_code(TVA + 6 * PAGE, pages[1]);
    map_code(TVA + 7 * PAGE, pages[1]);
    show("one page twice", TVA + 7 * PAGE - 8);
    pages[1][0] = ADD_X0(0x20);
    sync_code((uintptr_t)pages[1], 4);
    show("one page twice, start rewritten", TVA + 7 * PAGE - 8);
    pages[1][PAGE / 4 - 2] = MOVZ_X0(11);
    sync_code((uintptr_t)&pages[1][PAGE / 4 - 2], 4);
    show("one page twice, end rewritten", TVA + 7 * PAGE - 8);
    show("one page twice, from the start", TVA + 6 * PAGE);

    rt_printf("  undefined instructions: %u\n", undefs);
    rt_mmu_off();
    rt_printf("done\n");
    return 0;
}
