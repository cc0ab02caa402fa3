/*
 * Unit tests of the A64 loads and stores (a64-ldst.c, a64-simd-ldst.c):
 * short instruction sequences ("snippets") run through the real
 * translator, optimizer, interpreter and execution loop, from one fixed
 * initial state, up to a BRK or a fault; then every X register, SP, NZCV,
 * every V register and the whole data area are compared with the state
 * qemu-aarch64 reached.
 *
 * The expected states are not ours: a static AArch64 program ran each
 * snippet's instruction words at the same addresses, from the same state
 * (set up and captured through signal frames), under qemu-aarch64 7.2
 * -cpu cortex-a57, or -cpu max,sve=off for snippets marked MAX (LSE
 * atomics, LDAPR/LDAPUR, LDLAR), which run here on a cortex-a57 model with
 * those ID register fields added.  Only the differences from the initial
 * state are recorded below.  Code lies at CODE_ADDR, 64 KiB of data at
 * DATA_ADDR ending at TOP_ADDR = 1 << 29, our guest_addr_bits, so that an
 * access at TOP_ADDR faults in both (x9 = TOP_ADDR - 8).
 *
 * The fault snippets end with the faulting instruction.  For their
 * registers the expectation is the state before that instruction (qemu's
 * run of the snippet without it): qemu writes the first registers of
 * LDP Q and of LD1-LD4 before a later access faults, which the
 * architecture leaves UNKNOWN and our precise-state rule forbids.
 * Memory (stores done before the fault stay done), the signal, the pc and
 * the fault address are qemu's.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "target-arm/cpu.h"
#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/tb.h"

@STATE@

/* ---- the snippets and what qemu made of them ---- */

enum { D_X, D_F, D_V, D_M };    /* X/SP register, NZCV, V register, memory */

typedef struct Diff {
    uint8_t kind;
    uint32_t idx;               /* register number (SP = 31) or data offset */
    uint64_t a, b;              /* value; V: low, high half */
    const char *bytes;          /* D_M: hex bytes from offset idx on */
} Diff;

typedef struct Snippet {
    const char *name;
    bool max;                   /* needs LSE, LRCPC2, LOR */
    const char *asm_text;
    const uint32_t *words;
    unsigned nwords;
    int sig;                    /* 0 (stopped at BRK), SIGILL, SIGBUS, SIGSEGV */
    uint32_t pc;                /* offset from CODE_ADDR where it stopped */
    uint64_t fault;             /* SIGBUS, SIGSEGV: address; SIGILL: pc */
    const Diff *diffs;
    unsigned ndiffs;
} Snippet;

#define WORDS(...) .words = (const uint32_t[]){ __VA_ARGS__ }, \
    .nwords = sizeof((const uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t)
#define DIFFS(...) .diffs = (const Diff[]){ __VA_ARGS__ }, \
    .ndiffs = sizeof((const Diff[]){ __VA_ARGS__ }) / sizeof(Diff)
#define NODIFFS .diffs = NULL, .ndiffs = 0
#define X(r, v) { D_X, r, v##ull, 0, NULL }
#define F(v) { D_F, 0, v, 0, NULL }
#define V(r, lo, hi) { D_V, r, lo##ull, hi##ull, NULL }
#define M(off, hex) { D_M, off, 0, 0, hex }

/* BEGIN GENERATED */
@DATA@
/* END GENERATED */

/* ---- the harness ---- */

static uint8_t *host_mem;       /* guest [CODE_ADDR, TOP_ADDR) */
static ARMCPU *cpu_a57, *cpu_max;
static ARMCPUModel max_model;

#define G2H(a) (host_mem + ((a) - CODE_ADDR))

bool guest_code_fetch(uint64_t addr, void *dst, size_t len)
{
    if (addr < CODE_ADDR || addr + len > DATA_ADDR) {
        return false;
    }
    memcpy(dst, G2H(addr), len);
    return true;
}

static void harness_init(void)
{
    if (host_mem) {
        return;
    }
    host_mem = mmap(NULL, TOP_ADDR - CODE_ADDR, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(host_mem != MAP_FAILED);
    guest_base = (uintptr_t)host_mem - CODE_ADDR;
    guest_addr_bits = 29;
    guest_top_byte_ignore = true;
    tb_cache_init(16 << 20, &tcg_backend_interp);
    const ARMCPUModel *a57 = arm_cpu_model_find("cortex-a57");
    assert_non_null(a57);
    cpu_a57 = aarch64_cpu_create(a57);
    max_model = *a57;
    max_model.id_aa64isar0 |= 2ull << 20;   /* Atomic: LSE */
    max_model.id_aa64isar1 |= 2ull << 20;   /* LRCPC: LDAPR, LDAPUR */
    max_model.id_aa64mmfr1 |= 1ull << 16;   /* LO: LDLAR, STLLR */
    cpu_max = aarch64_cpu_create(&max_model);
}

/* The state a run ends in, in qemu's terms. */
typedef struct State {
    int sig;
    uint32_t pc;
    uint64_t fault;
    uint64_t x[32];
    unsigned nzcv;
    uint64_t v[32][2];
    uint8_t mem[DATA_SIZE];
} State;

static void initial_state(State *st)
{
    memset(st, 0, sizeof(*st));
    for (int i = 0; i < 32; i++) {
        st->x[i] = init_xreg(i);
        init_vreg(i, &st->v[i][0], &st->v[i][1]);
    }
    for (unsigned i = 0; i < DATA_SIZE; i++) {
        st->mem[i] = init_byte(i);
    }
}

static unsigned hexval(char c)
{
    return c <= '9' ? c - '0' : c - 'a' + 10;
}

static void expected_state(const Snippet *sn, State *st)
{
    initial_state(st);
    st->sig = sn->sig;
    st->pc = sn->pc;
    st->fault = sn->fault;
    for (unsigned i = 0; i < sn->ndiffs; i++) {
        const Diff *d = &sn->diffs[i];
        switch (d->kind) {
        case D_X:
            st->x[d->idx] = d->a;
            break;
        case D_F:
            st->nzcv = d->a;
            break;
        case D_V:
            st->v[d->idx][0] = d->a;
            st->v[d->idx][1] = d->b;
            break;
        case D_M:
            for (unsigned k = 0; d->bytes[2 * k]; k++) {
                st->mem[d->idx + k] = hexval(d->bytes[2 * k]) << 4 | hexval(d->bytes[2 * k + 1]);
            }
            break;
        }
    }
}

static void run_snippet(const Snippet *sn, State *st)
{
    harness_init();
    ARMCPU *cpu = sn->max ? cpu_max : cpu_a57;
    CPUARMState *env = &cpu->env;
    State init;
    initial_state(&init);

    memset(G2H(CODE_ADDR), 0, DATA_ADDR - CODE_ADDR);
    memcpy(G2H(CODE_ADDR), sn->words, sn->nwords * sizeof(uint32_t));
    tb_invalidate_range(CODE_ADDR, DATA_ADDR);
    memcpy(G2H(DATA_ADDR), init.mem, DATA_SIZE);
    memcpy(env->xregs, init.x, sizeof(env->xregs));
    memcpy(env->vregs, init.v, sizeof(env->vregs));
    aarch64_set_nzcv(env, 0);
    env->exclusive_addr = -1;
    env->pc = CODE_ADDR;

    int excp = cpu_exec(&cpu->parent);
    memset(st, 0, sizeof(*st));
    st->pc = env->pc - CODE_ADDR;
    switch (excp) {
    case EXCP_BRK: st->sig = 0; break;
    case EXCP_UDEF: st->sig = 4; st->fault = env->pc; break;          /* SIGILL */
    case EXCP_MEM_UNALIGNED: st->sig = 7; st->fault = cpu->parent.exception_addr; break;
    case EXCP_MEM_FAULT: st->sig = 11; st->fault = cpu->parent.exception_addr; break;
    default: st->sig = 1000 + excp; break;
    }
    memcpy(st->x, env->xregs, sizeof(st->x));
    st->nzcv = aarch64_get_nzcv(env) >> 28;
    memcpy(st->v, env->vregs, sizeof(st->v));
    memcpy(st->mem, G2H(DATA_ADDR), DATA_SIZE);
}

/* Compares, printing every difference; returns the number found. */
static int compare(const Snippet *sn, const State *got, const State *want)
{
    int bad = 0;
#define REPORT(...) do { if (!bad++) print_message("FAIL %s: %s\n", sn->name, sn->asm_text); \
                         print_message("    " __VA_ARGS__); } while (0)
    if (got->sig != want->sig || got->pc != want->pc || got->fault != want->fault) {
        REPORT("stop: sig %d pc +%#x fault %#llx, want sig %d pc +%#x fault %#llx\n",
               got->sig, got->pc, (unsigned long long)got->fault, want->sig, want->pc,
               (unsigned long long)want->fault);
    }
    for (int i = 0; i < 32; i++) {
        if (got->x[i] != want->x[i]) {
            REPORT("x%d = %#llx, want %#llx\n", i, (unsigned long long)got->x[i],
                   (unsigned long long)want->x[i]);
        }
    }
    if (got->nzcv != want->nzcv) {
        REPORT("nzcv = %x, want %x\n", got->nzcv, want->nzcv);
    }
    for (int i = 0; i < 32; i++) {
        if (got->v[i][0] != want->v[i][0] || got->v[i][1] != want->v[i][1]) {
            REPORT("v%d = %016llx:%016llx, want %016llx:%016llx\n", i,
                   (unsigned long long)got->v[i][1], (unsigned long long)got->v[i][0],
                   (unsigned long long)want->v[i][1], (unsigned long long)want->v[i][0]);
        }
    }
    for (unsigned i = 0; i < DATA_SIZE; i++) {
        if (got->mem[i] != want->mem[i]) {
            REPORT("mem[+%#x] = %02x, want %02x\n", i, got->mem[i], want->mem[i]);
        }
    }
#undef REPORT
    return bad;
}

/* Runs every snippet whose name starts with prefix. */
static void run_group(const char *prefix)
{
    static State got, want;
    int failed = 0, ran = 0;
    for (size_t i = 0; i < sizeof(snippets) / sizeof(snippets[0]); i++) {
        const Snippet *sn = &snippets[i];
        if (strncmp(sn->name, prefix, strlen(prefix))) {
            continue;
        }
        run_snippet(sn, &got);
        expected_state(sn, &want);
        failed += compare(sn, &got, &want) != 0;
        ran++;
    }
    assert_true(ran > 0);
    if (failed) {
        fail_msg("%d of %d %s* snippets differ from qemu", failed, ran, prefix);
    }
}

static void test_int(void **state) { run_group("int_"); }
static void test_literal(void **state) { run_group("lit_"); }
static void test_fp(void **state) { run_group("fp_"); }
static void test_pair(void **state) { run_group("pair_"); }
static void test_exclusive(void **state) { run_group("excl_"); }
static void test_ordered(void **state) { run_group("ord_"); }
static void test_lse(void **state) { run_group("lse_"); }
static void test_simd(void **state) { run_group("simd_"); }
static void test_fault(void **state) { run_group("fault_"); }

/* ---- atomicity across threads ---- */

/* Two host threads, each a guest CPU, add 1 to one counter many times,
 * with an LDAXR/STLXR retry loop or with LDADD: no increment may be lost.
 * Each thread has its own code page-offset so both run concurrently. */
#define THREAD_ITERS 20000

typedef struct ThreadArg {
    ARMCPU *cpu;
    uint64_t pc;
    int excp;
} ThreadArg;

static void *thread_main(void *p)
{
    ThreadArg *t = p;
    CPUARMState *env = &t->cpu->env;
    memset(env->xregs, 0, sizeof(env->xregs));
    env->xregs[0] = DATA_ADDR;          /* the counter */
    env->xregs[1] = THREAD_ITERS;
    env->exclusive_addr = -1;
    env->pc = t->pc;
    do {
        t->excp = cpu_exec(&t->cpu->parent);
    } while (t->excp == EXCP_INTERRUPT);
    return NULL;
}

static void run_threads(const uint32_t *code, unsigned n, bool lse)
{
    harness_init();
    memset(G2H(CODE_ADDR), 0, DATA_ADDR - CODE_ADDR);
    memcpy(G2H(CODE_ADDR), code, n * sizeof(uint32_t));
    tb_invalidate_range(CODE_ADDR, DATA_ADDR);
    memset(G2H(DATA_ADDR), 0, 8);
    ARMCPU *cpus[2];
    for (int i = 0; i < 2; i++) {
        cpus[i] = aarch64_cpu_create(lse ? &max_model : arm_cpu_model_find("cortex-a57"));
    }
    ThreadArg args[2] = { { cpus[0], CODE_ADDR, 0 }, { cpus[1], CODE_ADDR, 0 } };
    pthread_t th[2];
    for (int i = 0; i < 2; i++) {
        assert_int_equal(pthread_create(&th[i], NULL, thread_main, &args[i]), 0);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(args[i].excp, EXCP_BRK);
    }
    uint64_t counter;
    memcpy(&counter, G2H(DATA_ADDR), 8);
    assert_int_equal(counter, 2 * THREAD_ITERS);
}

static void test_threads_exclusive(void **state)
{
    static const uint32_t code[] = {
        0xc85ffc02,     /* 1: ldaxr x2, [x0]      */
        0x91000442,     /*    add x2, x2, #1      */
        0xc803fc02,     /*    stlxr w3, x2, [x0]  */
        0x35ffffa3,     /*    cbnz w3, 1b         */
        0xf1000421,     /*    subs x1, x1, #1     */
        0x54ffff61,     /*    b.ne 1b             */
        0xd4200000,     /*    brk #0              */
    };
    run_threads(code, sizeof(code) / 4, false);
}

static void test_threads_lse(void **state)
{
    static const uint32_t code[] = {
        0xd2800022,     /*    mov x2, #1            */
        0xf8e20003,     /* 1: ldaddal x2, x3, [x0]  */
        0xf1000421,     /*    subs x1, x1, #1       */
        0x54ffffc1,     /*    b.ne 1b               */
        0xd4200000,     /*    brk #0                */
    };
    run_threads(code, sizeof(code) / 4, true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_int),
        cmocka_unit_test(test_literal),
        cmocka_unit_test(test_fp),
        cmocka_unit_test(test_pair),
        cmocka_unit_test(test_exclusive),
        cmocka_unit_test(test_ordered),
        cmocka_unit_test(test_lse),
        cmocka_unit_test(test_simd),
        cmocka_unit_test(test_fault),
        cmocka_unit_test(test_threads_exclusive),
        cmocka_unit_test(test_threads_lse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
