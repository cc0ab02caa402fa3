/*
 * The jump cache's clearing (tcg/tb.h tb_jmp_cache_set, tb.c
 * tb_jmp_cache_clear): in system mode (tb_code_page_hook set) the slots
 * filled since the last clearing are remembered and only they are
 * cleared, up to TB_JMP_USED_MAX, beyond which all are; user mode
 * remembers none and clears all.  Whatever the path, no slot filled
 * through tb_jmp_cache_set survives a clearing.
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
        n += cpu.jmp_cache[j] != NULL;
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
    cpu.jmp_cache[untracked] = &blocks[0];
    tb_jmp_cache_clear(&cpu);
    assert_int_equal(filled_slots(), 1);
    assert_ptr_equal(cpu.jmp_cache[untracked], &blocks[0]);
    assert_int_equal(cpu.jmp_used_n, 0);
    /* Filled again after a clearing: cleared again. */
    cpu.jmp_cache[untracked] = NULL;
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
    assert_int_equal(cpu.jmp_used_n, 0);
    tb_code_page_hook = NULL;
}

/* User mode: nothing remembered, everything cleared. */
static void test_user_mode(void **state)
{
    (void)state;
    fill(10);
    assert_int_equal(cpu.jmp_used_n, 0);
    cpu.jmp_cache[TB_JMP_CACHE_SIZE - 1] = &blocks[1];
    tb_jmp_cache_clear(&cpu);
    assert_int_equal(filled_slots(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_system_few, reset),
        cmocka_unit_test_setup(test_system_many, reset),
        cmocka_unit_test_setup(test_user_mode, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
