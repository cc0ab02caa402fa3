/*
 * Unit tests of softmmu/vmstate.c and the AArch64 CPU's table
 * (target-arm/machine.c): a round trip of random state, lazy flags saved
 * as flags, every truncation and a wrong name or version refused, fields
 * newer than the stream kept, and a guard that fails when CPUARMState
 * gains a field that is neither saved nor knowingly left out.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "softmmu/vmstate.h"
#include "tcg/disas.h"
#include "target-arm/cpu.h"

/* The translator comes with the CPU's library; nothing here translates
 * (the mode supplies instruction fetch: linux-user, or a test). */
static bool test_code_fetch(uint64_t addr, void *dst, size_t len)
{
    (void)addr, (void)dst, (void)len;
    return false;
}

static uint64_t rng = 88172645463325252ull;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static ARMCPU *cpu_new(void)
{
    ARMCPU *cpu = g_new0(ARMCPU, 1);
    cpu->model = arm_cpu_model_find("cortex-a57");
    assert_non_null(cpu->model);
    cpu->env.cc_op = CC_OP_FLAGS;
    return cpu;
}

static void cpu_randomize(ARMCPU *cpu)
{
    CPUARMState *env = &cpu->env;
    for (int i = 0; i < 32; i++) {
        env->xregs[i] = next_random();
        env->vregs[i].d[0] = next_random();
        env->vregs[i].d[1] = next_random();
    }
    env->pc = next_random() & ~3ull;
    env->NF = next_random();
    env->ZF = next_random() & 1;
    env->CF = next_random() & 1;
    env->VF = next_random();
    env->fpcr = (uint32_t)next_random() & arm_fpcr_writable(cpu->model);
    env->fpsr = (uint32_t)next_random() & ARM_FPSR_WRITABLE;
    env->tpidr_el0 = next_random();
    env->tpidrro_el0 = next_random();
    env->exclusive_addr = next_random();
    env->exclusive_val = next_random();
    env->exclusive_high = next_random();
}

static GByteArray *save(ARMCPU *cpu)
{
    GByteArray *out = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_aarch64_cpu, &cpu->env, out));
    return out;
}

static void test_round_trip(void **state)
{
    (void)state;
    for (int round = 0; round < 100; round++) {
        ARMCPU *a = cpu_new(), *b = cpu_new();
        cpu_randomize(a);
        GByteArray *s = save(a);
        char *err = NULL;
        size_t used = 0;
        assert_true(vmstate_load(&vmstate_aarch64_cpu, &b->env, s->data, s->len, &used, &err));
        assert_int_equal(used, s->len);
        /* Everything architectural, every byte. */
        assert_memory_equal(a->env.xregs, b->env.xregs, sizeof(a->env.xregs));
        assert_memory_equal(a->env.vregs, b->env.vregs, sizeof(a->env.vregs));
        assert_true(a->env.pc == b->env.pc);
        assert_true(aarch64_get_nzcv(&a->env) == aarch64_get_nzcv(&b->env));
        assert_true(a->env.fpcr == b->env.fpcr && a->env.fpsr == b->env.fpsr);
        assert_true(a->env.tpidr_el0 == b->env.tpidr_el0);
        assert_true(a->env.tpidrro_el0 == b->env.tpidrro_el0);
        assert_true(a->env.exclusive_addr == b->env.exclusive_addr);
        assert_true(a->env.exclusive_val == b->env.exclusive_val);
        assert_true(a->env.exclusive_high == b->env.exclusive_high);
        /* Saving the copy gives the same bytes. */
        GByteArray *s2 = save(b);
        assert_int_equal(s2->len, s->len);
        assert_memory_equal(s->data, s2->data, s->len);
        g_byte_array_free(s, true);
        g_byte_array_free(s2, true);
        g_free(a);
        g_free(b);
    }
}

static void test_lazy_flags(void **state)
{
    (void)state;
    ARMCPU *a = cpu_new(), *b = cpu_new();
    /* cmp of 3 with 5 at 64 bits: N and not C. */
    a->env.cc_op = CC_OP_SUB64;
    a->env.cc_a = 3;
    a->env.cc_b = 5;
    uint32_t nzcv = aarch64_get_nzcv(&a->env);
    assert_int_equal(nzcv >> 28, 0x8);
    GByteArray *s = save(a);
    char *err = NULL;
    size_t used;
    assert_true(vmstate_load(&vmstate_aarch64_cpu, &b->env, s->data, s->len, &used, &err));
    assert_int_equal(b->env.cc_op, CC_OP_FLAGS);
    assert_int_equal(aarch64_get_nzcv(&b->env), nzcv);
    g_byte_array_free(s, true);
    g_free(a);
    g_free(b);
}

static void test_refusals(void **state)
{
    (void)state;
    ARMCPU *a = cpu_new();
    cpu_randomize(a);
    GByteArray *s = save(a);
    /* Every truncation: refused with a message, never a crash. */
    for (size_t len = 0; len < s->len; len++) {
        ARMCPU *b = cpu_new();
        char *err = NULL;
        size_t used = 0;
        assert_false(vmstate_load(&vmstate_aarch64_cpu, &b->env, s->data, len, &used, &err));
        assert_non_null(err);
        g_free(err);
        g_free(b);
    }
    char *err = NULL;
    size_t used;
    ARMCPU *b = cpu_new();
    /* Another name ("cpx"), then a version newer than this build's. */
    s->data[3] = 'x';
    assert_false(vmstate_load(&vmstate_aarch64_cpu, &b->env, s->data, s->len, &used, &err));
    assert_non_null(strstr(err, "name"));
    g_free(err);
    s->data[3] = 'u';
    s->data[4 + 3] = 2;
    err = NULL;
    assert_false(vmstate_load(&vmstate_aarch64_cpu, &b->env, s->data, s->len, &used, &err));
    assert_non_null(strstr(err, "version 2"));
    g_free(err);
    /* A C flag that is not 0 or 1 comes back as its low bit. */
    s->data[4 + 3] = 1;
    size_t cf_at = 1 + 3 + 4 + 32 * 8 + 8 + 8 + 8;
    s->data[cf_at + 7] = 3;
    err = NULL;
    assert_true(vmstate_load(&vmstate_aarch64_cpu, &b->env, s->data, s->len, &used, &err));
    assert_true(b->env.CF == 1);
    g_byte_array_free(s, true);
    g_free(a);
    g_free(b);
}

/* A table at version 2 whose second field came in version 2: a version-1
 * stream leaves it as it was. */
typedef struct Toy {
    uint32_t old;
    uint16_t newer;
    uint8_t bytes[3];
} Toy;

static const VMStateField toy_fields[] = {
    VMSTATE_FIELD(old, Toy, 1),
    VMSTATE_FIELD(newer, Toy, 2),
    VMSTATE_ARRAY(bytes, Toy, 1),
    VMSTATE_END,
};

static void test_versions(void **state)
{
    (void)state;
    VMStateDescription v1 = { "toy", 1, 1, toy_fields, NULL, NULL };
    VMStateDescription v2 = { "toy", 2, 1, toy_fields, NULL, NULL };
    Toy t = { 0x11223344, 0x5566, { 7, 8, 9 } };
    GByteArray *s = g_byte_array_new();
    assert_true(vmstate_save(&v1, &t, s));
    /* name, version, then old and bytes, big-endian. */
    const uint8_t want[] = { 3, 't', 'o', 'y', 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44, 7, 8, 9 };
    assert_int_equal(s->len, sizeof(want));
    assert_memory_equal(s->data, want, sizeof(want));
    Toy u = { 0, 0xbeef, { 0 } };
    char *err = NULL;
    size_t used;
    assert_true(vmstate_load(&v2, &u, s->data, s->len, &used, &err));
    assert_true(u.old == t.old && u.newer == 0xbeef);
    assert_memory_equal(u.bytes, t.bytes, 3);
    g_byte_array_free(s, true);
}

/* The bytes a table covers, nested tables included. */
static size_t table_bytes(const VMStateDescription *vmsd)
{
    size_t n = 0;
    for (const VMStateField *f = vmsd->fields; f->name; f++) {
        n += f->count * (f->vmsd ? table_bytes(f->vmsd) : f->size);
    }
    return n;
}

static void test_cpu_state_covered(void **state)
{
    (void)state;
    /* What machine.c leaves out, and the padding the compiler puts
     * between fields.  If this fails, CPUARMState changed: put the new
     * field in machine.c's table (or in its list of what is left out,
     * here too, saying why there). */
    size_t left_out = sizeof(((CPUARMState *)0)->cc_op) +
                      sizeof(((CPUARMState *)0)->cc_a) + sizeof(((CPUARMState *)0)->cc_b) +
                      sizeof(((CPUARMState *)0)->exception_syndrome) +
                      sizeof(((CPUARMState *)0)->vec_scratch);
    size_t padding = offsetof(CPUARMState, vec_scratch) -
                     (offsetof(CPUARMState, exception_syndrome) + sizeof(uint32_t)) +
                     sizeof(CPUARMState) -
                     (offsetof(CPUARMState, sys) + sizeof(((CPUARMState *)0)->sys));
    assert_int_equal(table_bytes(&vmstate_aarch64_cpu) + left_out + padding,
                     sizeof(CPUARMState));
}

int main(void)
{
    guest_code_fetch = test_code_fetch;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_lazy_flags),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_cpu_state_covered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
