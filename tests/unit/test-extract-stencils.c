/*
 * Tests of the stencil extractor (tcg/x86_64/extract-stencils.c): it
 * accepts well-formed stencils and fails, naming the stencil and the
 * problem, on a ret, an unknown symbol, an unknown relocation type, a stack
 * frame, and a stencil that does not end in its jump to CONT.  The inputs
 * (tests/unit/stencils/) are compiled with the stencil flags by meson.  Also
 * checks the invariants of the real table the JIT links with.
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

#include "tcg/x86_64/stencil.h"

/* Runs the extractor on obj; returns its exit status, stderr in err. */
static int extract(const char *obj, char *err, size_t errlen)
{
    char cmd[4096];
    snprintf(cmd, sizeof(cmd), "'%s' '%s' '%s.table.c' 2>&1", EXTRACT_STENCILS,
             obj, obj);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(err, 1, errlen - 1, p);
    err[n] = 0;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
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
    assert_non_null(strstr(t, "\"good_add\""));
    assert_non_null(strstr(t, "\"good_branch\""));
    assert_non_null(strstr(t, "\"good_call\""));
    assert_non_null(strstr(t, "\"T_good_exit\""));
}

static void expect_failure(const char *obj, const char *stencil, const char *what)
{
    char err[4096];
    int rc = extract(obj, err, sizeof(err));
    if (rc == 0 || !strstr(err, stencil) || !strstr(err, what)) {
        print_message("%s: rc %d, output:\n%s", obj, rc, err);
    }
    assert_int_not_equal(rc, 0);
    assert_non_null(strstr(err, stencil));
    assert_non_null(strstr(err, what));
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
}

/* The real table: holes inside their stencil, fields patched by kind, the
 * stencils the JIT asks for by name all present, within the budget. */
static void test_real_table(void **state)
{
    assert_true(stencil_count > 300 && stencil_count < 12000);
    bool goto_tb = false, tb_start = false;
    for (unsigned i = 0; i < stencil_count; i++) {
        const Stencil *st = &stencil_table[i];
        for (unsigned h = 0; h < st->nholes; h++) {
            const StencilHole *hole = &st->holes[h];
            unsigned width = hole->reloc == STENCIL_R_64 ? 8 : hole->reloc == STENCIL_R_8 ? 1 : 4;
            assert_true(hole->offset + width <= st->size);
            assert_true(hole->kind < HOLE_NB);
        }
        if (!strcmp(st->name, "T_goto_tb")) {
            /* One "jmp rel32" whose field set_jmp rewrites. */
            goto_tb = st->size == 5 && st->code[0] == 0xe9 && st->nholes == 1 &&
                      st->holes[0].offset == 1 && st->holes[0].kind == HOLE_TARGET;
        }
        tb_start |= !strcmp(st->name, "tb_start");
    }
    assert_true(goto_tb);
    assert_true(tb_start);
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
        cmocka_unit_test(test_real_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
