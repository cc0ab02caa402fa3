/*
 * Unit tests of softmmu/watchpoint.c, linked alone with stand-ins for the
 * TLB and the CPU loop: the matching rules (an access fires a watchpoint
 * when any byte it touches is watched and its kind is selected: Arm ARM
 * D2.10.5 for the architecture's, gdb's remote protocol "Z2/Z3/Z4 addr,
 * kind" for a debugger's, whose kind is a length in bytes), insertion
 * limits, removal by range and by owner, the page query the TLB uses, the
 * flushes that insertion and removal cause, and what a hit does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "softmmu/cputlb.h"
#include "softmmu/watchpoint.h"
#include "tcg/debug.h"

/* ---- stand-ins ---- */

static CPUTLB the_tlb;
static CPUState the_cpu;
static uint64_t flushed_pages[64];
static int n_flushed_pages, n_full_flushes;
static jmp_buf raised;
static int raised_excp;

CPUTLB *softmmu_tlb_of(CPUState *cs)
{
    return &the_tlb;
}

void tlb_flush(CPUState *cs)
{
    n_full_flushes++;
}

void tlb_flush_page(CPUState *cs, uint64_t vaddr)
{
    if (n_flushed_pages < 64) {
        flushed_pages[n_flushed_pages++] = vaddr;
    }
}

void cpu_raise(CPUState *cpu, int excp)
{
    raised_excp = excp;
    longjmp(raised, 1);
}

static int arch_calls, arch_tag;
static uint64_t arch_vaddr;
static unsigned arch_kind;

static void arch_hit(CPUState *cs, const Watchpoint *wp, uint64_t vaddr, uint64_t len,
                     unsigned kind, int mmu_idx)
{
    arch_calls++;
    arch_tag = wp->tag;
    arch_vaddr = vaddr;
    arch_kind = kind;
}

static int setup(void **state)
{
    memset(&the_tlb.watch, 0, sizeof(the_tlb.watch));
    n_flushed_pages = n_full_flushes = 0;
    raised_excp = -1;
    arch_calls = 0;
    watchpoint_arch_hit = arch_hit;
    return 0;
}

static bool fires(const WatchpointList *l, uint64_t vaddr, uint64_t len, unsigned kind)
{
    int i = 0;
    return watchpoint_list_match(l, &i, vaddr, len, kind) != NULL;
}

/* ---- the list ---- */

/* Any byte in common fires; touching only the neighbours does not. */
static void test_overlap(void **state)
{
    WatchpointList l = { 0 };
    assert_true(watchpoint_list_insert(&l, 0x1000, 4, WP_ACCESS, WP_OWNER_GDB, 0));
    assert_false(fires(&l, 0xffc, 4, WP_READ));        /* ends just before */
    assert_true(fires(&l, 0xffd, 4, WP_READ));         /* its last byte is 0x1000 */
    assert_true(fires(&l, 0x1003, 1, WP_READ));        /* the last watched byte */
    assert_false(fires(&l, 0x1004, 8, WP_READ));       /* starts just after */
    assert_true(fires(&l, 0xff8, 16, WP_WRITE));       /* covers it all */
    assert_true(fires(&l, 0x1001, 2, WP_WRITE));       /* inside */
}

/* A watchpoint at the very top of the address space: no wrap-around. */
static void test_top_of_space(void **state)
{
    WatchpointList l = { 0 };
    assert_true(watchpoint_list_insert(&l, UINT64_MAX - 7, 8, WP_READ, WP_OWNER_GDB, 0));
    assert_true(fires(&l, UINT64_MAX, 1, WP_READ));
    assert_false(fires(&l, 0, 8, WP_READ));
    assert_false(watchpoint_list_insert(&l, UINT64_MAX - 3, 8, WP_READ, WP_OWNER_GDB, 0));
}

/* Z2 watches writes, Z3 reads, Z4 both; an atomic is both. */
static void test_kinds(void **state)
{
    WatchpointList l = { 0 };
    assert_true(watchpoint_list_insert(&l, 0x2000, 8, WP_WRITE, WP_OWNER_GDB, 0));
    assert_false(fires(&l, 0x2000, 8, WP_READ));
    assert_true(fires(&l, 0x2000, 8, WP_WRITE));
    assert_true(fires(&l, 0x2000, 8, WP_ACCESS));
    WatchpointList r = { 0 };
    assert_true(watchpoint_list_insert(&r, 0x2000, 8, WP_READ, WP_OWNER_ARCH, 1));
    assert_false(fires(&r, 0x2000, 8, WP_WRITE));
    assert_true(fires(&r, 0x2004, 4, WP_ACCESS));
}

/* Every match is seen once, in list order. */
static void test_several_matches(void **state)
{
    WatchpointList l = { 0 };
    watchpoint_list_insert(&l, 0x3000, 4, WP_READ, WP_OWNER_ARCH, 0);
    watchpoint_list_insert(&l, 0x3100, 4, WP_READ, WP_OWNER_ARCH, 1);
    watchpoint_list_insert(&l, 0x3002, 4, WP_READ, WP_OWNER_ARCH, 2);
    int i = 0, tags[3], n = 0;
    const Watchpoint *w;
    while ((w = watchpoint_list_match(&l, &i, 0x3000, 8, WP_READ))) {
        tags[n++] = w->tag;
    }
    assert_int_equal(n, 2);
    assert_int_equal(tags[0], 0);
    assert_int_equal(tags[1], 2);
}

static void test_insert_limits(void **state)
{
    WatchpointList l = { 0 };
    assert_false(watchpoint_list_insert(&l, 0x1000, 0, WP_READ, WP_OWNER_GDB, 0));
    assert_false(watchpoint_list_insert(&l, 0x1000, 4, 0, WP_OWNER_GDB, 0));
    for (int i = 0; i < WATCHPOINT_MAX; i++) {
        assert_true(watchpoint_list_insert(&l, 0x1000 + 8 * i, 8, WP_READ, WP_OWNER_GDB, 0));
    }
    assert_false(watchpoint_list_insert(&l, 0x9000, 8, WP_READ, WP_OWNER_GDB, 0));
    assert_int_equal(l.n, WATCHPOINT_MAX);
}

/* z2-z4 remove the watchpoint of that address, length and kind only, and
 * a debugger's removal leaves the architecture's alone. */
static void test_remove(void **state)
{
    WatchpointList l = { 0 };
    watchpoint_list_insert(&l, 0x1000, 4, WP_WRITE, WP_OWNER_GDB, 0);
    watchpoint_list_insert(&l, 0x1000, 4, WP_WRITE, WP_OWNER_ARCH, 3);
    assert_false(watchpoint_list_remove(&l, 0x1000, 8, WP_WRITE, WP_OWNER_GDB));
    assert_false(watchpoint_list_remove(&l, 0x1000, 4, WP_READ, WP_OWNER_GDB));
    assert_true(watchpoint_list_remove(&l, 0x1000, 4, WP_WRITE, WP_OWNER_GDB));
    assert_false(watchpoint_list_remove(&l, 0x1000, 4, WP_WRITE, WP_OWNER_GDB));
    assert_int_equal(l.n, 1);
    assert_int_equal(l.wp[0].owner, WP_OWNER_ARCH);

    watchpoint_list_insert(&l, 0x2000, 4, WP_READ, WP_OWNER_ARCH, 1);
    watchpoint_list_insert(&l, 0x2010, 4, WP_READ, WP_OWNER_ARCH, 1);
    watchpoint_list_insert(&l, 0x3000, 4, WP_READ, WP_OWNER_GDB, 0);
    watchpoint_list_remove_owner(&l, WP_OWNER_ARCH, 1);
    assert_int_equal(l.n, 2);
    assert_false(fires(&l, 0x2000, 0x20, WP_READ));
    watchpoint_list_remove_owner(&l, WP_OWNER_ARCH, -1);
    assert_int_equal(l.n, 1);
    assert_true(fires(&l, 0x3000, 1, WP_READ));
}

/* The TLB's question: which kinds does a page need to send slow. */
static void test_page_kinds(void **state)
{
    WatchpointList l = { 0 };
    watchpoint_list_insert(&l, 0x1fff, 2, WP_WRITE, WP_OWNER_GDB, 0);   /* spans two pages */
    watchpoint_list_insert(&l, 0x1800, 1, WP_READ, WP_OWNER_ARCH, 0);
    assert_int_equal(watchpoint_list_page_kinds(&l, 0x1000, 0x1000), WP_ACCESS);
    assert_int_equal(watchpoint_list_page_kinds(&l, 0x2000, 0x1000), WP_WRITE);
    assert_int_equal(watchpoint_list_page_kinds(&l, 0x3000, 0x1000), 0);
    assert_int_equal(watchpoint_list_page_kinds(&l, 0x0000, 0x1000), 0);
}

/* ---- a vCPU's list ---- */

static void test_insert_flushes_pages(void **state)
{
    assert_true(watchpoint_insert(&the_cpu, 0x1ffc, 8, WP_READ, WP_OWNER_GDB, 0));
    assert_int_equal(n_flushed_pages, 2);
    assert_int_equal(flushed_pages[0], 0x1000);
    assert_int_equal(flushed_pages[1], 0x2000);
    n_flushed_pages = 0;
    assert_true(watchpoint_remove(&the_cpu, 0x1ffc, 8, WP_READ, WP_OWNER_GDB));
    assert_int_equal(n_flushed_pages, 2);
    n_flushed_pages = 0;
    assert_false(watchpoint_remove(&the_cpu, 0x1ffc, 8, WP_READ, WP_OWNER_GDB));
    assert_int_equal(n_flushed_pages, 0);
    /* A 2 GiB masked range: the whole TLB rather than page by page. */
    assert_true(watchpoint_insert(&the_cpu, 0x80000000, 0x80000000, WP_WRITE,
                                  WP_OWNER_ARCH, 0));
    assert_int_equal(n_full_flushes, 1);
    assert_int_equal(n_flushed_pages, 0);
    watchpoint_remove_owner(&the_cpu, WP_OWNER_ARCH, -1);
    assert_int_equal(n_full_flushes, 2);
    assert_int_equal(the_tlb.watch.n, 0);
}

static int check(uint64_t vaddr, uint64_t len, unsigned kind)
{
    raised_excp = -1;
    if (!setjmp(raised)) {
        watchpoint_check(&the_cpu, &the_tlb.watch, vaddr, len, kind, 0);
    }
    return raised_excp;
}

/* A debugger's watchpoint stops the vCPU once, with the hit recorded; the
 * architecture's goes to the target, which may let the access go on. */
static void test_hits(void **state)
{
    watchpoint_insert(&the_cpu, 0x5000, 8, WP_WRITE, WP_OWNER_ARCH, 2);
    assert_int_equal(check(0x5004, 4, WP_READ), -1);
    assert_int_equal(arch_calls, 0);
    assert_int_equal(check(0x5004, 4, WP_WRITE), -1);          /* the target declined */
    assert_int_equal(arch_calls, 1);
    assert_int_equal(arch_tag, 2);
    assert_int_equal(arch_vaddr, 0x5004);
    assert_int_equal(arch_kind, WP_WRITE);

    Watchpoint wp;
    unsigned kind;
    uint64_t vaddr;
    assert_false(watchpoint_take_hit(&the_cpu, &wp, &kind, &vaddr));
    watchpoint_insert(&the_cpu, 0x5006, 2, WP_ACCESS, WP_OWNER_GDB, 0);
    assert_int_equal(check(0x5000, 8, WP_WRITE), EXCP_DEBUG);
    assert_int_equal(arch_calls, 1);                           /* the debugger first */
    assert_true(watchpoint_take_hit(&the_cpu, &wp, &kind, &vaddr));
    assert_int_equal(wp.addr, 0x5006);
    assert_int_equal(wp.len, 2);
    assert_int_equal(kind, WP_WRITE);
    assert_int_equal(vaddr, 0x5000);
    assert_false(watchpoint_take_hit(&the_cpu, &wp, &kind, &vaddr));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_overlap, setup),
        cmocka_unit_test_setup(test_top_of_space, setup),
        cmocka_unit_test_setup(test_kinds, setup),
        cmocka_unit_test_setup(test_several_matches, setup),
        cmocka_unit_test_setup(test_insert_limits, setup),
        cmocka_unit_test_setup(test_remove, setup),
        cmocka_unit_test_setup(test_page_kinds, setup),
        cmocka_unit_test_setup(test_insert_flushes_pages, setup),
        cmocka_unit_test_setup(test_hits, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
