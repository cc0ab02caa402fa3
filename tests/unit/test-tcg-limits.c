/*
 * The core at its limits, through a toy target whose "instructions" are
 * built to be pathological: the longest block the translator allows (full of
 * ops the optimizer folds into new constants: what crashed `java -version`),
 * every temp live to the end, thousands of distinct constants, more temps,
 * labels or code than a block may have. Each program runs to its end under
 * both backends, optimized and not, and must leave the registers a C model
 * of the same instructions computes; the blocks that cannot fit must have
 * been shortened (overflow and retry), never crash or be cut wrongly.
 *
 * The toy target: a pc is (kind << 56) | instruction index; instruction
 * N_INSNS of every program stops the CPU (EXCP_HLT).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "tcg/cpu.h"
#include "tcg/disas.h"
#include "tcg/log.h"
#include "tcg/tb.h"
#include "tcg/tcg-op.h"

#define NREGS 16
#define N_INSNS TB_MAX_INSNS    /* one program fills the longest block */
#define N(a) (sizeof(a) / sizeof((a)[0]))

typedef struct ToyState {
    uint64_t r[NREGS];
    uint64_t pc;
} ToyState;

#include "toy-target.h"

static TCGv_i64 g_r[NREGS];
static TCGv_i64 g_pc;

static bool test_code_fetch(uint64_t addr, void *dst, size_t len)
{
    return false;
}

/* Distinct, unpredictable 64-bit values (splitmix64). */
static uint64_t hash(uint64_t i, uint64_t k)
{
    uint64_t z = i * 64 + k + 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* ---- the instruction kinds: builder and model ---- */

/* Temps an instruction leaves for the end of its block (kind "live"). */
static TCGv_i64 live[2 * N_INSNS];
static int nlive;

/* `folds` folds per instruction, each a new constant only the optimizer
 * makes: with 3, ~1500 in one block, where the optimizer had room for 256;
 * with 5, the optimizer's constants alone overflow the temps. */
static void gen_fold(int i, int folds)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_movi_i64(t, hash(i, 0));
    for (int k = 1; k <= folds; k++) {
        TCGv_i64 u = tcg_temp_new_i64();
        tcg_gen_xori_i64(u, t, hash(i, k));
        t = u;
    }
    tcg_gen_add_i64(g_r[i % NREGS], g_r[i % NREGS], t);
}
static void model_fold(int i, int folds, uint64_t *r)
{
    uint64_t v = hash(i, 0);
    for (int k = 1; k <= folds; k++) {
        v ^= hash(i, k);
    }
    r[i % NREGS] += v;
}

/* Two values every instruction makes and only the block's end consumes:
 * twice as many live temps as there are frame slots. */
static void gen_live(int i, int unused)
{
    live[nlive] = tcg_temp_new_i64();
    tcg_gen_addi_i64(live[nlive++], g_r[i % 8], i + 1);
    live[nlive] = tcg_temp_new_i64();
    tcg_gen_xori_i64(live[nlive++], g_r[(i + 3) % 8], i + 1);
}
static void end_live(void)
{
    for (int k = 0; k < nlive; k++) {
        tcg_gen_add_i64(g_r[15], g_r[15], live[k]);
    }
}
static void model_live(int i, int unused, uint64_t *r)
{
    r[15] += (r[i % 8] + i + 1) + (r[(i + 3) % 8] ^ (i + 1));
}

/* 20 fresh temps per instruction: 10240 for the block, over TCG_MAX_TEMPS. */
#define CHAIN 20
static void gen_temps(int i, int unused)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_add_i64(t, g_r[i % NREGS], g_r[(i + 1) % NREGS]);
    for (int k = 1; k < CHAIN; k++) {
        TCGv_i64 u = tcg_temp_new_i64();
        tcg_gen_rotli_i64(u, t, k);
        t = u;
    }
    tcg_gen_mov_i64(g_r[i % NREGS], t);
}
static void model_temps(int i, int unused, uint64_t *r)
{
    uint64_t v = r[i % NREGS] + r[(i + 1) % NREGS];
    for (int k = 1; k < CHAIN; k++) {
        v = v << k | v >> (64 - k);
    }
    r[i % NREGS] = v;
}

/* Three conditional skips per instruction: 1536 labels, over TCG_MAX_LABELS. */
static void gen_labels(int i, int unused)
{
    for (int k = 0; k < 3; k++) {
        TCGLabel *skip = gen_new_label();
        tcg_gen_brcondi_i64(TCG_COND_TSTEQ, g_r[i % 8], 1ull << (i % 61 + k), skip);
        tcg_gen_addi_i64(g_r[9 + k], g_r[9 + k], i + 1);
        gen_set_label(skip);
    }
}
static void model_labels(int i, int unused, uint64_t *r)
{
    for (int k = 0; k < 3; k++) {
        if (r[i % 8] & (1ull << (i % 61 + k))) {
            r[9 + k] += i + 1;
        }
    }
}

/* Eight distinct constants per instruction: 4096 in a block, more than the
 * constant cache holds. */
static void gen_consts(int i, int unused)
{
    for (int k = 0; k < 8; k++) {
        tcg_gen_xori_i64(g_r[(i + k) % NREGS], g_r[(i + k) % NREGS], hash(i, k));
    }
}
static void model_consts(int i, int unused, uint64_t *r)
{
    for (int k = 0; k < 8; k++) {
        r[(i + k) % NREGS] ^= hash(i, k);
    }
}

/* 512 ops per instruction: a full block's code is bigger than the whole code
 * cache (CACHE_SIZE), so even an empty cache cannot take it. */
#define CACHE_SIZE (512 << 10)
#define BIG_OPS 512
static void gen_ops(int i, int unused)
{
    for (int k = 0; k < BIG_OPS; k++) {
        tcg_gen_add_i64(g_r[(i + k) % NREGS], g_r[(i + k) % NREGS],
                        g_r[(i + k + 1) % NREGS]);
    }
}
static void model_ops(int i, int unused, uint64_t *r)
{
    for (int k = 0; k < BIG_OPS; k++) {
        r[(i + k) % NREGS] += r[(i + k + 1) % NREGS];
    }
}

/* What happens to a full-length block. */
enum Fit { FITS, SHORTENED, SHORTENED_IF_OPTIMIZED };

typedef struct Kind {
    const char *name;
    void (*gen)(int i, int param);
    void (*end)(void);          /* at the block's end, or NULL */
    void (*model)(int i, int param, uint64_t *r);
    int param;
    enum Fit fit;
} Kind;

static const Kind kinds[] = {
    { "fold", gen_fold, NULL, model_fold, 3, FITS },
    { "fold-overflow", gen_fold, NULL, model_fold, 5, SHORTENED_IF_OPTIMIZED },
    { "live", gen_live, end_live, model_live, 0, SHORTENED },
    { "temps", gen_temps, NULL, model_temps, 0, SHORTENED },
    { "labels", gen_labels, NULL, model_labels, 0, SHORTENED },
    { "consts", gen_consts, NULL, model_consts, 0, FITS },
    { "ops", gen_ops, NULL, model_ops, 0, SHORTENED },
};

/* ---- the toy target ---- */


/* Like a real front end: one instruction at a time until max_insns, the
 * program's end, or an overflow (then tb_gen_code retries shorter). */
static void toy_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    const Kind *k = &kinds[(tb->pc >> 56) - 1];
    int first = tb->pc & 0xffff, n = 0;
    bool stop = false;
    nlive = 0;
    while (!stop && !tcg_ctx->overflow && n < max_insns) {
        stop = first + n == N_INSNS;
        tcg_gen_insn_start(tb->pc + n);
        if (!stop) {
            k->gen(first + n, k->param);
        }
        n++;
    }
    if (k->end) {
        k->end();
    }
    tcg_gen_movi_i64(g_pc, tb->pc + n - stop);
    if (stop) {
        tcg_gen_call(toy_halt, NULL, tcg_env);
    } else {
        tcg_gen_exit_tb(NULL, 0);
    }
    tb->size = n;
    tb->icount = n;
}

static int setup(void **state)
{
    for (int i = 0; i < NREGS; i++) {
        char *name = malloc(8);
        snprintf(name, 8, "r%d", i);
        g_r[i] = tcg_global_mem_new_i64(offsetof(ToyState, r[i]), name);
    }
    g_pc = tcg_global_mem_new_i64(offsetof(ToyState, pc), "pc");
    tcg_interp_set_frame_offset(CPU_FIELD_OFFSET(&toy_target, frame));
    assert_true(tb_cache_init(CACHE_SIZE, &tcg_backend_jit));
    return 0;
}

/* ---- tests ---- */

/* Builds a chain t_i = t_(i-1) + 1 from a constant: after optimizing, n
 * new constants, one per link, none of them made by the translator. */
static int build_fold_chain(int n)
{
    tcg_context_init();
    tcg_func_start(tcg_ctx);
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_movi_i64(t, 0x1234);
    for (int i = 1; i <= n; i++) {
        TCGv_i64 u = tcg_temp_new_i64();
        tcg_gen_addi_i64(u, t, 1);
        tcg_gen_mov_i64(g_r[i % NREGS], u);
        t = u;
    }
    tcg_gen_exit_tb(NULL, 0);
    assert_false(tcg_ctx->overflow);
    return tcg_ctx->nb_temps;
}

/* The exact cause of the crash, without a backend: one block whose folds
 * make many more constants than it had temps; the optimizer must keep track
 * of every one (it wrote past its per-temp array) and fold them right. */
static void test_optimizer_makes_many_constants(void **state)
{
    enum { FOLDED = 3000 };
    int temps_before = build_fold_chain(FOLDED);
    tcg_optimize(tcg_ctx);
    assert_false(tcg_ctx->overflow);
    assert_true(tcg_ctx->nb_temps >= temps_before + FOLDED - 1);
    /* Every add folded; the global writes left (the last one to each
     * global: the others are dead) copy the constant 0x1234 + i. */
    uint64_t last[NREGS] = { 0 };
    for (int n = 0; n < tcg_ctx->nb_ops; n++) {
        TCGOp *op = &tcg_ctx->ops[n];
        assert_int_not_equal(op->opc, INDEX_op_add_i64);
        if (op->opc == INDEX_op_mov_i64 &&
            tcg_ctx->temps[op->args[0]].kind == TEMP_GLOBAL) {
            TCGTemp *src = &tcg_ctx->temps[op->args[1]];
            assert_int_equal(src->kind, TEMP_CONST);
            last[op->args[0] - tcgv_i64_arg(g_r[0])] = src->val;
        }
    }
    for (int i = FOLDED - NREGS + 1; i <= FOLDED; i++) {
        assert_int_equal(last[i % NREGS], 0x1234 + i);
    }
}

/* More folded constants than there are temps: the optimizer reports the
 * overflow (tb_gen_code then retries shorter) and stays in bounds. */
static void test_optimizer_runs_out_of_temps(void **state)
{
    build_fold_chain(TCG_MAX_TEMPS / 2);
    tcg_optimize(tcg_ctx);
    assert_true(tcg_ctx->overflow);
    assert_int_equal(tcg_ctx->nb_temps, TCG_MAX_TEMPS);
}

/* Runs program `kind` from its first instruction to EXCP_HLT. */
static void run_program(int kind, const TCGBackend *be, bool optimize)
{
    const Kind *k = &kinds[kind - 1];
    uint64_t start = (uint64_t)kind << 56;
    tb_flush();                 /* blocks of another backend must not run */
    tcg_backend = be;
    tcg_no_optimize = !optimize;

    ToyCPU *c = calloc(1, sizeof(*c));
    c->cs.env = &c->env;
    cpu_jmp_cache_init(&c->cs);
    c->cs.target = &toy_target;
    c->cs.exception_index = -1;
    uint64_t want[NREGS];
    for (int i = 0; i < NREGS; i++) {
        c->env.r[i] = want[i] = hash(1000 + kind, i);
    }
    c->env.pc = start;
    int excp = cpu_exec(&c->cs);

    for (int i = 0; i < N_INSNS; i++) {
        k->model(i, k->param, want);
    }
    print_message("%s on %s, %s\n", k->name, be == &tcg_backend_jit ? "jit" : "interp",
                  optimize ? "optimized" : "not optimized");
    assert_int_equal(excp, EXCP_HLT);
    assert_int_equal(c->env.pc, start + N_INSNS);
    for (int i = 0; i < NREGS; i++) {
        if (c->env.r[i] != want[i]) {
            print_message("  r%d: %#llx, model %#llx\n", i,
                          (unsigned long long)c->env.r[i], (unsigned long long)want[i]);
        }
    }
    assert_memory_equal(c->env.r, want, sizeof(want));

    /* The first block is whole, or was cut by an overflow, as expected. */
    current_cpu = &c->cs;
    TranslationBlock *tb = tb_lookup(&c->cs, start, 0, 0);
    print_message("  first block: %d instructions\n", tb ? (int)tb->icount : -1);
    bool fits = k->fit == FITS || (k->fit == SHORTENED_IF_OPTIMIZED && !optimize);
    if (tb) {
        if (fits) {
            assert_int_equal(tb->icount, N_INSNS);
        } else {
            assert_true(tb->icount < N_INSNS);
        }
    } else {
        /* Only a block bigger than the cache lets the cache flush it away. */
        assert_false(fits);
    }
    cpu_list_remove(&c->cs);    /* cpu_exec listed it */
    free(c);
}

static void test_programs(void **state)
{
    const TCGBackend *backends[] = { &tcg_backend_interp, &tcg_backend_jit };
    /* MIMIC_TEST_KIND=name: that program alone, its optimized ops logged. */
    const char *only = getenv("MIMIC_TEST_KIND");
    mimic_log_file = stderr;
    mimic_log_mask = only ? LOG_OP_OPT : 0;
    for (int kind = 1; kind <= (int)N(kinds); kind++) {
        if (only && strcmp(only, kinds[kind - 1].name)) {
            continue;
        }
        for (unsigned b = 0; b < N(backends); b++) {
            run_program(kind, backends[b], true);
            run_program(kind, backends[b], false);
        }
    }
    tcg_no_optimize = false;
}

int main(void)
{
    guest_code_fetch = test_code_fetch;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_optimizer_makes_many_constants),
        cmocka_unit_test(test_optimizer_runs_out_of_temps),
        cmocka_unit_test(test_programs),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
