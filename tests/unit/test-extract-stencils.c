/*
 * Tests of the stencil extractor (tcg/x86_64/extract-stencils.c): it
 * accepts well-formed stencils and fails, naming the stencil and the
 * problem, on a ret, an unknown symbol, an unknown relocation type, a stack
 * frame, and a stencil that does not end in its jump to CONT; it keeps a
 * cold path as the stencil's cold part, and its table entries are numbers
 * (offsets into the set's arrays), no pointers.  Under two bindings of
 * the cache-register slots it finds every register field, and refuses
 * code that differs otherwise; of a stencil that calls out it tells the
 * slots used across the call (late_slots).
 * The inputs (tests/unit/stencils/)
 * are compiled with the stencil flags by meson.  Also checks the
 * invariants of the real tables the JIT links with.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "tcg/tcg.h"
#include "tcg/x86_64/stencil.h"

/* Runs the extractor on obj (and obj1, the second binding's, if not
 * NULL); returns its exit status, stderr in err. */
static int extract2(const char *obj, const char *obj1, char *err, size_t errlen)
{
    char cmd[4096];
    snprintf(cmd, sizeof(cmd), "'%s' '%s' %s%s%s '%s.table.c' test 2>&1", EXTRACT_STENCILS,
             obj, obj1 ? "'" : "", obj1 ? obj1 : "", obj1 ? "'" : "", obj);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(err, 1, errlen - 1, p);
    err[n] = 0;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int extract(const char *obj, char *err, size_t errlen)
{
    return extract2(obj, NULL, err, errlen);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static void test_good(void **state)
{
    char err[4096], path[4096];
    assert_int_equal(extract(STENCIL_DIR "/good.o", err, sizeof(err)), 0);
    snprintf(path, sizeof(path), "%s.table.c", STENCIL_DIR "/good.o");
    char *t = slurp(path);
    assert_non_null(strstr(t, "\"good_add\\0\""));
    assert_non_null(strstr(t, "\"good_branch\\0\""));
    assert_non_null(strstr(t, "\"good_call\\0\""));
    assert_non_null(strstr(t, "\"T_good_exit\\0\""));
    assert_non_null(strstr(t, "\"T_good_leave\\0\""));
    /* st_good_cold's slow path is its cold part (code and holes), reached
     * by a COLD hole. */
    char *bytes = strstr(t, "bytes[] = {"), *holes = strstr(t, "holes[] = {");
    assert_non_null(bytes);
    assert_non_null(holes);
    char *cold_code = strstr(bytes, "/* st_good_cold, cold part */");
    assert_non_null(cold_code);
    assert_true(cold_code < holes);
    assert_non_null(strstr(holes, "/* st_good_cold, cold part */"));
    /* No pointer per stencil: the table is numbers only (stencil.h). */
    char *table = strstr(t, "table[] = {");
    assert_non_null(table);
    char *end = strstr(table, "\n};");
    assert_non_null(end);
    for (char *c = table + strlen("table[] = {"); c < end; c++) {
        if (!strncmp(c, "/*", 2)) {
            c = strstr(c, "*/") + 1;
        } else {
            assert_non_null(strchr("0123456789{}, \n", *c));
        }
    }
    assert_non_null(strstr(t, "stencils_test = {\n    \"test\""));
}

static void expect_failure2(const char *obj, const char *obj1, const char *stencil,
                            const char *what)
{
    char err[4096];
    int rc = extract2(obj, obj1, err, sizeof(err));
    if (rc == 0 || !strstr(err, stencil) || !strstr(err, what)) {
        print_message("%s: rc %d, output:\n%s", obj, rc, err);
    }
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(err, stencil));
    assert_non_null(strstr(err, what));
}

static void expect_failure(const char *obj, const char *stencil, const char *what)
{
    expect_failure2(obj, NULL, stencil, what);
}

/* The REG holes (slot, field position) of stencil name in an extracted
 * table's text: how many, and whether each of slots 0..2 has one. */
static int reg_holes(const char *table, const char *name, bool slot[3])
{
    char marker[128];
    snprintf(marker, sizeof(marker), "/* st_%s */", name);
    const char *h = strstr(strstr(table, "holes[] = {"), marker);
    assert_non_null(h);
    h += strlen(marker);
    int n = 0;
    unsigned off, kind, type;
    long addend;
    int used;
    while (sscanf(h, " { %u, %u, %u, %ld },%n", &off, &kind, &type, &addend, &used) == 4) {
        if (kind == HOLE_REG) {
            assert_true(addend >= 0 && addend < 3);
            assert_true((type & 7) == 0 || (type & 7) == 3);
            slot[addend] = true;
            n++;
        }
        h += used;
    }
    return n;
}

/* The flags and late_slots of stencil name in an extracted table's text. */
static void table_flags(const char *table, const char *name, unsigned *flags,
                        unsigned *late)
{
    char marker[128];
    snprintf(marker, sizeof(marker), "  /* %s */\n", name);
    const char *e = strstr(strstr(table, "table[] = {"), marker);
    assert_non_null(e);
    while (e[-1] != '{') {
        e--;
    }
    unsigned v[9];
    assert_int_equal(sscanf(e, " %u, %u, %u, %u, %u, %u, %u, %u, %u", &v[0], &v[1], &v[2],
                            &v[3], &v[4], &v[5], &v[6], &v[7], &v[8]), 9);
    *flags = v[7];
    *late = v[8];
}

/* Under two bindings: every field of a cache register found, as a REG
 * hole of its slot; code that differs otherwise refused; of a stencil
 * that calls out, the slots read after the call or written before it
 * are late_slots, those of arguments and the result are not. */
static void test_reg_fields(void **state)
{
    char err[4096], path[4096];
    int rc = extract2(STENCIL_DIR "/reg-good-0.o", STENCIL_DIR "/reg-good-1.o", err,
                      sizeof(err));
    if (rc) {
        print_message("%s", err);
    }
    assert_int_equal(rc, 0);
    snprintf(path, sizeof(path), "%s.table.c", STENCIL_DIR "/reg-good-0.o");
    char *t = slurp(path);
    bool add[3] = { 0 }, load[3] = { 0 };
    assert_true(reg_holes(t, "reg_add_01_2", add) >= 3);
    assert_true(add[0] && add[1] && add[2]);
    assert_true(reg_holes(t, "reg_load_0_1", load) >= 2);
    assert_true(load[0] && load[1]);
    expect_failure2(STENCIL_DIR "/reg-bad-0.o", STENCIL_DIR "/reg-bad-1.o",
                    "st_reg_bad_code", "beyond a register field");
    unsigned flags, late;
    table_flags(t, "reg_call_01", &flags, &late);
    assert_true(flags & STENCIL_F_CALLS);
    assert_int_equal(late, 0);
    table_flags(t, "reg_call_late", &flags, &late);
    assert_true(flags & STENCIL_F_CALLS);
    assert_int_equal(late, 1u << 2 | 1u << 3);
    table_flags(t, "reg_add_01_2", &flags, &late);
    assert_false(flags & STENCIL_F_CALLS);
    assert_int_equal(late, 0);
}

static void test_bad_ret(void **state)
{
    expect_failure(STENCIL_DIR "/bad-ret.o", "st_bad_ret", "'ret'");
}

static void test_bad_symbol(void **state)
{
    expect_failure(STENCIL_DIR "/bad-symbol.o", "st_bad_symbol", "unknown symbol 'some_global'");
}

static void test_bad_reloc(void **state)
{
    expect_failure(STENCIL_DIR "/bad-reloc.o", "st_bad_reloc", "unknown relocation type");
}

static void test_bad_frame(void **state)
{
    expect_failure(STENCIL_DIR "/bad-frame.o", "st_bad_frame", "unexpected stack use");
}

static void test_bad_end(void **state)
{
    expect_failure(STENCIL_DIR "/bad-end.o", "st_bad_end", "continuation hole");
    expect_failure(STENCIL_DIR "/bad-end.o", "st_T_bad_call_end",
                   "terminator does not end in an unconditional jump");
}

static void check_holes(const StencilHole *holes, unsigned n, unsigned size)
{
    for (unsigned h = 0; h < n; h++) {
        const StencilHole *hole = &holes[h];
        unsigned width = hole->kind == HOLE_REG ? 1 : hole->reloc == STENCIL_R_64 ? 8
                         : hole->reloc == STENCIL_R_8 ? 1 : 4;
        assert_true(hole->offset + width <= size);
        assert_true(hole->kind < HOLE_NB);
    }
}

/* A stencil's code and holes inside its set's arrays, its holes inside
 * its code. */
static void check_stencil(const StencilSet *set, const Stencil *st)
{
    assert_true((uint64_t)st->code_off + st->size + st->cold_size <= set->nbytes);
    assert_true((uint64_t)st->hole_idx + st->nholes + st->cold_nholes <= set->nholes);
    check_holes(stencil_holes(set, st), st->nholes, st->size);
    check_holes(stencil_cold_holes(set, st), st->cold_nholes, st->cold_size);
}

/* The real tables: holes inside their stencil (or its cold part), fields
 * patched by kind, the stencils the JIT asks for by name all present,
 * within the budget; both sets with the same stencils in the same order;
 * the guest accesses' slow paths out of line. */
static void test_real_table(void **state)
{
    const StencilSet *base = &stencils_baseline, *bmi = &stencils_bmi;
    assert_true(base->count > 300 && base->count < 12000);
    bool goto_tb = false, tb_start = false, cold_access = false;
    const char *prev = NULL;
    unsigned j = 0;
    for (unsigned i = 0; i < base->count; i++, j++) {
        const Stencil *st = &base->table[i];
        const char *name = stencil_name(base, st);
        assert_true(j < bmi->count);
        assert_string_equal(name, stencil_name(bmi, &bmi->table[j]));
        assert_true(!prev || strcmp(prev, name) < 0);
        prev = name;
        check_stencil(base, st);
        check_stencil(bmi, &bmi->table[j]);
        const uint8_t *code = stencil_code(base, st);
        const StencilHole *holes = stencil_holes(base, st);
        if (!strcmp(name, "T_goto_tb")) {
            /* One "jmp rel32" whose field set_jmp rewrites. */
            goto_tb = st->size == 5 && code[0] == 0xe9 && st->nholes == 1 &&
                      holes[0].offset == 1 && holes[0].kind == HOLE_TARGET;
        }
        tb_start |= !strcmp(name, "tb_start");
        if (!strcmp(name, "qemu_ld_i64_r_R_o3t")) {
            for (unsigned h = 0; h < st->nholes; h++) {
                cold_access |= st->cold_size > 0 && holes[h].kind == HOLE_COLD;
            }
        }
    }
    assert_int_equal(j, bmi->count);
    assert_true(goto_tb);
    assert_true(tb_start);
    assert_true(cold_access);
    /* The hash index finds every stencil of both sets, and a name that is
     * not there ends at an empty slot. */
    for (const StencilSet *set = base; set; set = set == base ? bmi : NULL) {
        assert_true(set->index_mask + 1 >= 2 * set->count);
        for (unsigned i = 0; i < set->count; i++) {
            uint32_t h = stencil_name_hash(stencil_name(set, &set->table[i])) &
                         set->index_mask;
            while (set->index[h] != i) {
                assert_int_not_equal(set->index[h], STENCIL_NO_INDEX);
                h = (h + 1) & set->index_mask;
            }
        }
        uint32_t h = stencil_name_hash("no_such_stencil") & set->index_mask;
        while (set->index[h] != STENCIL_NO_INDEX) {
            assert_string_not_equal(stencil_name(set, &set->table[set->index[h]]),
                                    "no_such_stencil");
            h = (h + 1) & set->index_mask;
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_bad_ret),
        cmocka_unit_test(test_bad_symbol),
        cmocka_unit_test(test_bad_reloc),
        cmocka_unit_test(test_bad_frame),
        cmocka_unit_test(test_bad_end),
        cmocka_unit_test(test_reg_fields),
        cmocka_unit_test(test_real_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
