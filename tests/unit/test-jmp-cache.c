/*
 * The jump cache's clearing (tcg/tb.h tb_jmp_cache_set, tb.c
 * tb_jmp_cache_clear): in system mode (tb_code_page_hook set) the slots
 * filled since the last clearing are remembered and only they are
 * cleared, up to TB_JMP_USED_MAX, beyond which all are; user mode
 * remembers none and clears all.  Whatever the path, no slot filled
 * through tb_jmp_cache_set survives a clearing.
 *
 * And the switches between address spaces (tcg/jmp-banks.c): a half's
 * slots come back with its key, less those of pages dropped meanwhile,
 * and none survives a clearing or a flood of dropped pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tcg/cpu.h"
#include "tcg/tb.h"

static CPUState cpu;
static TranslationBlock blocks[2];

static uint64_t identity_page(CPUState *cs, uint64_t vaddr)
{
    (void)cs;
    return vaddr & TB_PAGE_MASK;
}

static unsigned filled_slots(void)
{
    unsigned n = 0;
    for (unsigned j = 0; j < TB_JMP_CACHE_SIZE; j++) {
        n += cpu.jc_own.slot[j] != NULL;
    }
    return n;
}

/* n distinct pcs, 4 bytes apart: distinct slots for n <= the cache. */
static void fill(unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        tb_jmp_cache_set(&cpu, 0x40000000ull + 4 * i, &blocks[i & 1]);
    }
}

static int reset(void **state)
{
    (void)state;
    memset(&cpu, 0, sizeof(cpu));
    cpu_jmp_cache_init(&cpu);
    return 0;
}

/* A few slots: those are cleared, and a slot written behind the cache's
 * back (not through tb_jmp_cache_set) shows that no memset was made. */
static void test_system_few(void **state)
{
    (void)state;
    tb_code_page_hook = identity_page;
    fill(40);
    assert_int_equal(filled_slots(), 40);
    unsigned untracked = tb_jmp_cache_idx(0xfa0);     /* slot 1000 */
    cpu.jc_own.slot[untracked] = &blocks[0];
    tb_jmp_cache_clear(&cpu);
    assert_int_equal(filled_slots(), 1);
    assert_ptr_equal(cpu.jc_own.slot[untracked], &blocks[0]);
    assert_int_equal(cpu.jc_own.used_n, 0);
    /* Filled again after a clearing: cleared again. */
    cpu.jc_own.slot[untracked] = NULL;
    fill(3);
    tb_jmp_cache_clear(&cpu);
    assert_int_equal(filled_slots(), 0);
    tb_code_page_hook = NULL;
}

/* More fills than remembered (and the same slot twice): all are cleared. */
static void test_system_many(void **state)
{
    (void)state;
    tb_code_page_hook = identity_page;
    fill(TB_JMP_USED_MAX);
    fill(TB_JMP_USED_MAX + 100);
    assert_int_equal(filled_slots(), TB_JMP_USED_MAX + 100);
    tb_jmp_cache_clear(&cpu);
    assert_int_equal(filled_slots(), 0);
    assert_int_equal(cpu.jc_own.used_n, 0);
    tb_code_page_hook = NULL;
}

/* User mode: nothing remembered, everything cleared. */
static void test_user_mode(void **state)
{
    (void)state;
    fill(10);
    assert_int_equal(cpu.jc_own.used_n, 0);
    cpu.jc_own.slot[TB_JMP_CACHE_SIZE - 1] = &blocks[1];
    tb_jmp_cache_clear(&cpu);
    assert_int_equal(filled_slots(), 0);
}

/* ---- switches (jmp-banks.c) ---- */

#define LOW_PC 0x400000ull                  /* TTBR0's half */
#define HIGH_PC 0xffff800010000000ull       /* TTBR1's half */

static TranslationBlock tbs[4];

static TranslationBlock *slot_of(uint64_t pc)
{
    return tb_jmp_cache_of(&cpu, pc)->slot[tb_jmp_cache_idx(pc)];
}

static void put(TranslationBlock *tb, uint64_t pc, uint32_t size)
{
    tb->pc = pc;
    tb->size = size;
    tb_jmp_cache_set(&cpu, pc, tb);
}

static void switch_to(uint64_t low, uint64_t high)
{
    tb_jmp_cache_switch(&cpu, (uint64_t[2]){ low, high });
}

/* A half's slots leave with its key and come back with it; the other
 * half's stay where they are. */
static void test_switch_back(void **state)
{
    (void)state;
    tb_code_page_hook = identity_page;
    switch_to(1, 100);
    put(&tbs[0], LOW_PC, 16);
    put(&tbs[1], HIGH_PC, 16);
    switch_to(2, 100);                          /* another process */
    assert_null(slot_of(LOW_PC));
    assert_ptr_equal(slot_of(HIGH_PC), &tbs[1]);
    put(&tbs[2], LOW_PC, 16);                   /* its block at the same pc */
    switch_to(1, 101);                          /* back, the kernel's key changed */
    assert_ptr_equal(slot_of(LOW_PC), &tbs[0]);
    assert_null(slot_of(HIGH_PC));
    switch_to(2, 100);
    assert_ptr_equal(slot_of(LOW_PC), &tbs[2]);
    assert_ptr_equal(slot_of(HIGH_PC), &tbs[1]);
    tb_code_page_hook = NULL;
}

/* A page dropped while its key is away: its blocks (one starting on the
 * page before and reaching into it too) do not come back, the others do. */
static void test_page_dropped_away(void **state)
{
    (void)state;
    tb_code_page_hook = identity_page;
    switch_to(1, 100);
    put(&tbs[0], LOW_PC, 16);
    put(&tbs[1], LOW_PC + 0x1000 - 8, 16);      /* crosses into the next page */
    put(&tbs[2], LOW_PC + 0x3000, 16);
    switch_to(2, 100);
    tb_jmp_cache_clear_page(&cpu, LOW_PC + 0x1000, 0x1000);
    switch_to(1, 100);
    assert_ptr_equal(slot_of(LOW_PC), &tbs[0]);
    assert_null(slot_of(LOW_PC + 0x1000 - 8));
    assert_ptr_equal(slot_of(LOW_PC + 0x3000), &tbs[2]);
    /* In use, the page's blocks go at once. */
    tb_jmp_cache_clear_page(&cpu, LOW_PC, 0x1000);
    assert_null(slot_of(LOW_PC));
    assert_ptr_equal(slot_of(LOW_PC + 0x3000), &tbs[2]);
    tb_code_page_hook = NULL;
}

/* More pages dropped than the log holds: nothing comes back. */
static void test_log_overflow(void **state)
{
    (void)state;
    tb_code_page_hook = identity_page;
    switch_to(1, 100);
    put(&tbs[0], LOW_PC, 16);
    switch_to(2, 100);
    for (int i = 0; i < 100; i++) {
        tb_jmp_cache_clear_page(&cpu, 0x7f0000000000ull + i * 0x1000ull, 0x1000);
    }
    switch_to(1, 100);
    assert_null(slot_of(LOW_PC));
    tb_code_page_hook = NULL;
}

/* A clearing (TLBI ALL, an eviction) reaches the caches not in use. */
static void test_clear_reaches_all(void **state)
{
    (void)state;
    tb_code_page_hook = identity_page;
    switch_to(1, 100);
    put(&tbs[0], LOW_PC, 16);
    put(&tbs[1], HIGH_PC, 16);
    switch_to(2, 101);
    tb_jmp_cache_clear(&cpu);
    switch_to(1, 100);
    assert_null(slot_of(LOW_PC));
    assert_null(slot_of(HIGH_PC));
    tb_code_page_hook = NULL;
}

/* More keys than caches: the one left longest ago is given up. */
static void test_many_keys(void **state)
{
    (void)state;
    tb_code_page_hook = identity_page;
    switch_to(1, 100);
    put(&tbs[0], LOW_PC, 16);
    for (uint64_t k = 2; k < 12; k++) {
        switch_to(k, 100);
        put(&tbs[1], LOW_PC, 16);
    }
    switch_to(1, 100);
    assert_null(slot_of(LOW_PC));
    switch_to(11, 100);                         /* the last one is still there */
    assert_ptr_equal(slot_of(LOW_PC), &tbs[1]);
    tb_code_page_hook = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_system_few, reset),
        cmocka_unit_test_setup(test_system_many, reset),
        cmocka_unit_test_setup(test_user_mode, reset),
        cmocka_unit_test_setup(test_switch_back, reset),
        cmocka_unit_test_setup(test_page_dropped_away, reset),
        cmocka_unit_test_setup(test_log_overflow, reset),
        cmocka_unit_test_setup(test_clear_reaches_all, reset),
        cmocka_unit_test_setup(test_many_keys, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
