/*
 * Unit tests of the pattern decoder and the A64 tables: patterns parse (and
 * malformed ones are rejected with a reason), known words find their rows,
 * and every row's own fixed bits reach a row (no row is unreachable
 * because an earlier, always-accepting row swallows all its words).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "target-arm/translate-a64.h"
#include "tcg/disas.h"

static bool test_code_fetch(uint64_t addr, void *dst, size_t len)
{
    return false;
}

static void test_parse(void **state)
{
    uint32_t m, v;
    const char *err;
    assert_true(decode_parse_pattern("sf:1 op:1 S:1 100010 sh:1 imm12:12 Rn:5 Rd:5",
                                     &m, &v, &err));
    assert_int_equal(m, 0x1f800000);
    assert_int_equal(v, 0x11000000);
    assert_true(decode_parse_pattern("xxxx xxxx xxxx xxxx xxxx xxxx xxxx xxx1", &m, &v, &err));
    assert_int_equal(m, 1);
    /* 31 bits, 33 bits, unknown field, field without width. */
    assert_false(decode_parse_pattern("0000000 imm12:12 Rn:5 Rd:5 11", &m, &v, &err));
    assert_non_null(strstr(err, "bits"));
    assert_false(decode_parse_pattern("000000000 imm12:12 Rn:5 Rd:5 11", &m, &v, &err));
    assert_false(decode_parse_pattern("bogus:5 000 imm12:12 Rn:5 Rd:5 11", &m, &v, &err));
    assert_non_null(strstr(err, "bogus"));
    assert_false(decode_parse_pattern("Rd 0000000000000000000000000000000", &m, &v, &err));
}

static DecodeTable *table(void)
{
    static DecodeTable *t;
    if (!t) {
        t = decode_table_build(a64_groups, a64_ngroups, 0x1e000000);
    }
    return t;
}

static void test_known_words(void **state)
{
    static const struct { uint32_t insn; const char *name; } words[] = {
        { 0xd503201f, "HINT (NOP, YIELD, WFE, ...)" },  /* nop */
        { 0xd65f03c0, "BR, BLR, RET" },                 /* ret */
        { 0x14000000, "B, BL" },                        /* b . */
        { 0x94000010, "B, BL" },                        /* bl */
        { 0xd4000001, "SVC" },                          /* svc #0 */
        { 0xd4200000, "BRK" },                          /* brk #0 */
        { 0x54000040, "B.cond" },                       /* b.eq */
        { 0xb4000040, "CBZ, CBNZ" },
        { 0x37000040, "TBZ, TBNZ" },
        { 0xd53b4200, "MRS" },                          /* mrs x0, nzcv */
        { 0xd51b4400, "MSR (register)" },               /* msr fpcr, x0 */
        { 0xd5033fdf, "ISB" },
        { 0xd5033bbf, "DSB, DMB" },                     /* dmb ish */
        { 0xd50b7520, "SYS (DC, IC)" },                 /* ic ivau, x0 */
        { 0x00000000, "UDF" },
    };
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        const char *name = decode_lookup(table(), words[i].insn);
        if (!name || strcmp(name, words[i].name)) {
            print_message("%08x decodes as %s, want %s\n", words[i].insn,
                          name ? name : "(nothing)", words[i].name);
        }
        assert_non_null(name);
        assert_string_equal(name, words[i].name);
    }
}

/* Each row must be the first match for at least its own "all don't-care
 * bits zero" or "all ones" word, or be preceded only by rows that can
 * decline; a row hidden behind an identical earlier pattern is a bug. */
static void row_reachable(const DecodeGroup *g, const DecodePattern *p, void *opaque)
{
    int *dups = opaque;
    uint32_t m, v;
    const char *err;
    assert_true(decode_parse_pattern(p->pattern, &m, &v, &err));
    /* Find an earlier row (any group) with exactly the same mask and value. */
    for (unsigned gi = 0; gi < a64_ngroups; gi++) {
        const DecodeGroup *h = a64_groups[gi];
        for (unsigned r = 0; r < h->nrows; r++) {
            const DecodePattern *q = &h->rows[r];
            if (q == p) {
                return;
            }
            uint32_t m2, v2;
            assert_true(decode_parse_pattern(q->pattern, &m2, &v2, &err));
            if (m2 == m && v2 == v) {
                print_message("row \"%s\" duplicates earlier row \"%s\"\n",
                              p->name, q->name);
                (*dups)++;
            }
        }
    }
}

static void test_rows(void **state)
{
    int dups = 0;
    decode_table_foreach(a64_groups, a64_ngroups, row_reachable, &dups);
    assert_int_equal(dups, 0);
}

int main(void)
{
    guest_code_fetch = test_code_fetch;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_known_words),
        cmocka_unit_test(test_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
