/*
 * Unit tests of the core through a toy target: the IR builder and
 * interpreter (op semantics on edge values), the optimizer (random op
 * sequences give the same results optimized and not), and the translation
 * cache (lookup, chaining, invalidation, flush, exit requests).
 *
 * The toy target's "guest code" is a seed: translate() builds a block of
 * micro-ops from tb->pc, so every test controls its blocks exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "tcg/cpu.h"
#include "tcg/disas.h"
#include "tcg/tb.h"
#include "tcg/tcg-eval.h"
#include "tcg/tcg-op.h"

#define NREGS 16

typedef struct ToyState {
    uint64_t r[NREGS];      /* i64 globals */
    uint32_t w[4];          /* i32 globals */
    uint64_t pc;
    uint64_t ran;           /* blocks executed (counted by the blocks) */
} ToyState;

#include "toy-target.h"

static TCGv_i64 g_r[NREGS];
static TCGv_i32 g_w[4];
static TCGv_i64 g_pc, g_ran;

static bool test_code_fetch(uint64_t addr, void *dst, size_t len)
{
    return false;
}

/* ---- block builders, chosen by the top byte of the pc ---- */

enum { KIND_RANDOM = 1, KIND_CHAIN, KIND_SELFLOOP, KIND_SEMANTICS };

static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static const uint64_t edge[] = {
    0, 1, 2, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, ~0ull, ~1ull, 0x123456789abcdef0ull,
};

static TCGv_i64 pick64(TCGv_i64 *tmps, int ntmps)
{
    switch (rnd() % 4) {
    case 0:
        return tcg_constant_i64(edge[rnd() % (sizeof(edge) / sizeof(edge[0]))]);
    case 1:
        if (ntmps) {
            return tmps[rnd() % ntmps];
        }
        /* fall through */
    default:
        return g_r[rnd() % NREGS];
    }
}

static void build_random(uint64_t seed)
{
    rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
    TCGv_i64 tmps[64];
    int ntmps = 0;
    TCGLabel *pending = NULL;
    static const TCGOpcode bin[] = {
        INDEX_op_add_i64, INDEX_op_sub_i64, INDEX_op_mul_i64, INDEX_op_muluh_i64,
        INDEX_op_mulsh_i64, INDEX_op_div_i64, INDEX_op_divu_i64, INDEX_op_rem_i64,
        INDEX_op_remu_i64, INDEX_op_and_i64, INDEX_op_or_i64, INDEX_op_xor_i64,
        INDEX_op_andc_i64, INDEX_op_orc_i64, INDEX_op_eqv_i64, INDEX_op_nand_i64,
        INDEX_op_nor_i64, INDEX_op_shl_i64, INDEX_op_shr_i64, INDEX_op_sar_i64,
        INDEX_op_rotl_i64, INDEX_op_rotr_i64,
    };
    static const TCGOpcode un[] = {
        INDEX_op_neg_i64, INDEX_op_not_i64, INDEX_op_ext8s_i64, INDEX_op_ext8u_i64,
        INDEX_op_ext16s_i64, INDEX_op_ext16u_i64, INDEX_op_ext32s_i64,
        INDEX_op_ext32u_i64, INDEX_op_bswap16_i64, INDEX_op_bswap32_i64,
        INDEX_op_bswap64_i64, INDEX_op_clz_i64, INDEX_op_ctz_i64, INDEX_op_ctpop_i64,
        INDEX_op_mov_i64,
    };
    int n = 10 + rnd() % 40;
    for (int i = 0; i < n; i++) {
        TCGv_i64 dst;
        if (ntmps < 64 && rnd() % 2) {
            dst = tmps[ntmps++] = tcg_temp_new_i64();
            /* Define it before any use, so its value never depends on a
             * skipped branch. */
            tcg_gen_mov_i64(dst, pick64(tmps, ntmps - 1));
        } else {
            dst = g_r[rnd() % NREGS];
        }
        TCGv_i64 a = pick64(tmps, ntmps), b = pick64(tmps, ntmps);
        switch (rnd() % 10) {
        case 0: case 1: case 2: case 3:
            tcg_gen_op3(bin[rnd() % (sizeof(bin) / sizeof(bin[0]))],
                        tcgv_i64_arg(dst), tcgv_i64_arg(a), tcgv_i64_arg(b));
            break;
        case 4: case 5:
            tcg_gen_op2(un[rnd() % (sizeof(un) / sizeof(un[0]))],
                        tcgv_i64_arg(dst), tcgv_i64_arg(a));
            break;
        case 6:
            tcg_gen_setcond_i64(2 + rnd() % 12, dst, a, b);
            break;
        case 7:
            tcg_gen_movcond_i64(2 + rnd() % 12, dst, a, b, pick64(tmps, ntmps),
                                pick64(tmps, ntmps));
            break;
        case 8: {
            unsigned pos = rnd() % 64, len = 1 + rnd() % (64 - pos);
            switch (rnd() % 4) {
            case 0: tcg_gen_extract_i64(dst, a, pos, len); break;
            case 1: tcg_gen_sextract_i64(dst, a, pos, len); break;
            case 2: tcg_gen_extract2_i64(dst, a, b, pos); break;
            default: tcg_gen_deposit_i64(dst, a, b, pos, len); break;
            }
            break;
        }
        default: {
            /* 32-bit round trip through an i32 global. */
            TCGv_i32 t = tcg_temp_new_i32();
            tcg_gen_extrl_i64_i32(t, a);
            tcg_gen_op3(bin[rnd() % (sizeof(bin) / sizeof(bin[0]))] - 1,
                        tcgv_i32_arg(g_w[rnd() % 4]), tcgv_i32_arg(t),
                        tcgv_i32_arg(g_w[rnd() % 4]));
            tcg_gen_ext_i32_i64(dst, g_w[rnd() % 4]);
            break;
        }
        }
        /* Occasionally skip forward over a stretch of globals-only code. */
        if (!pending && rnd() % 8 == 0) {
            pending = gen_new_label();
            tcg_gen_brcond_i64(2 + rnd() % 12, a, b, pending);
            ntmps = 0;   /* temps defined inside may be skipped */
        } else if (pending && rnd() % 4 == 0) {
            gen_set_label(pending);
            pending = NULL;
            ntmps = 0;   /* and those defined in the skipped stretch */
        }
    }
    if (pending) {
        gen_set_label(pending);
    }
    tcg_gen_exit_tb(NULL, 0);
}

/* Ends a chain: leaves cpu_exec through the exception path (libffi call
 * plus longjmp). */
static void helper_toy_stop(void *env, uint64_t v)
{
    CPUState *cs = toy_env_cpu(env);
    ((ToyState *)env)->r[1] = v;
    cs->exception_index = EXCP_HLT;
    cpu_loop_exit(cs);
}
static DEF_HELPER_INFO(toy_stop, TCG_CALL_MAY_RAISE, VOID, PTR, I64);

static void toy_translate(CPUState *cs, TranslationBlock *tb, int max_insns)
{
    uint64_t kind = tb->pc >> 56, arg = tb->pc & 0xffffffffffffffull;
    tcg_gen_insn_start(tb->pc);
    tcg_gen_addi_i64(g_ran, g_ran, 1);
    switch (kind) {
    case KIND_RANDOM:
        build_random(arg);
        break;
    case KIND_CHAIN:
        /* pc -> pc + 1 until arg's low byte is 0x10, then exit to loop. */
        tcg_gen_addi_i64(g_r[0], g_r[0], 1);
        if ((arg & 0xff) == 0x10) {
            tcg_gen_call(toy_stop, NULL, tcg_env, tcg_constant_i64(0x5a));
            tcg_gen_exit_tb(NULL, 0);
        } else {
            tcg_gen_goto_tb(0);
            tcg_gen_movi_i64(g_pc, tb->pc + 1);
            tcg_gen_exit_tb(tb, 0);
        }
        break;
    case KIND_SELFLOOP:
        /* b . : only the exit request can end it. */
        tcg_gen_goto_tb(0);
        tcg_gen_movi_i64(g_pc, tb->pc);
        tcg_gen_exit_tb(tb, 0);
        break;
    }
    tb->size = 1;
    tb->icount = 1;
}

static ToyCPU *toy_new(void)
{
    ToyCPU *c = calloc(1, sizeof(*c));
    c->cs.env = &c->env;
    cpu_jmp_cache_init(&c->cs);
    c->cs.target = &toy_target;
    c->cs.exception_index = -1;
    return c;
}

/* Runs the block at pc until it exits to the loop with pc 0 (or for one
 * block when the block leaves pc as it was). */
static void run_block(ToyCPU *c, uint64_t pc)
{
    c->env.pc = pc;
    TranslationBlock *tb = tb_lookup(&c->cs, pc, 0, c->cs.cflags);
    if (!tb) {
        tb = tb_gen_code(&c->cs, pc, 0, c->cs.cflags);
        if (!tb) {
            tb_make_room();
            tb = tb_gen_code(&c->cs, pc, 0, c->cs.cflags);
        }
    }
    tcg_backend->exec(&c->cs, tb);
}

static int setup(void **state)
{
    static bool once;
    if (!once) {
        for (int i = 0; i < NREGS; i++) {
            char *name = malloc(8);
            snprintf(name, 8, "r%d", i);
            g_r[i] = tcg_global_mem_new_i64(offsetof(ToyState, r[i]), name);
        }
        for (int i = 0; i < 4; i++) {
            g_w[i] = tcg_global_mem_new_i32(offsetof(ToyState, w[i]), "w");
        }
        g_pc = tcg_global_mem_new_i64(offsetof(ToyState, pc), "pc");
        g_ran = tcg_global_mem_new_i64(offsetof(ToyState, ran), "ran");
        tcg_interp_set_frame_offset(CPU_FIELD_OFFSET(&toy_target, frame));
        tb_cache_init(4 << 20, &tcg_backend_interp);
        once = true;
    }
    return 0;
}

/* ---- tests ---- */

/* The optimizer must not change what a block computes. */
static void test_optimizer_random(void **state)
{
    int mismatches = 0;
    for (uint64_t seed = 1; seed <= 3000; seed++) {
        ToyCPU *a = toy_new(), *b = toy_new();
        rng_state = seed * 7919;
        for (int i = 0; i < NREGS; i++) {
            a->env.r[i] = b->env.r[i] = (rnd() % 3) ? rnd() : edge[rnd() % 23];
        }
        for (int i = 0; i < 4; i++) {
            a->env.w[i] = b->env.w[i] = rnd();
        }
        uint64_t pc = ((uint64_t)KIND_RANDOM << 56) | seed;
        tcg_no_optimize = false;
        a->cs.cflags = 2;
        run_block(a, pc);
        tcg_no_optimize = true;
        b->cs.cflags = 3;
        run_block(b, pc);
        tcg_no_optimize = false;
        if (memcmp(a->env.r, b->env.r, sizeof(a->env.r)) ||
            memcmp(a->env.w, b->env.w, sizeof(a->env.w))) {
            if (mismatches++ < 3) {
                print_message("seed %lu: optimized and unoptimized differ\n",
                              (unsigned long)seed);
            }
        }
        free(a);
        free(b);
    }
    assert_int_equal(mismatches, 0);
}

/* Folding really happens: a block of constant arithmetic becomes moves. */
static void test_optimizer_folds(void **state)
{
    tcg_context_init();
    tcg_func_start(tcg_ctx);
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_movi_i64(t, 6);
    tcg_gen_muli_i64(t, t, 7);
    tcg_gen_addi_i64(g_r[1], t, 0);
    tcg_gen_xor_i64(g_r[2], g_r[3], g_r[3]);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(tcg_ctx);
    int live = 0, movs = 0;
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        TCGOp *op = &tcg_ctx->ops[i];
        if (op->opc == INDEX_op_nop) {
            continue;
        }
        live++;
        if (op->opc == INDEX_op_mov_i64) {
            TCGTemp *src = &tcg_ctx->temps[op->args[1]];
            assert_int_equal(src->kind, TEMP_CONST);
            assert_true(src->val == 42 || src->val == 0);
            movs++;
        }
    }
    /* r1 = 42, r2 = 0, exit: the temp's computation is gone. */
    assert_int_equal(movs, 2);
    assert_int_equal(live, 3);
}

/* A global written twice with nothing observing in between keeps only the
 * second write (dead flags). */
static void test_optimizer_dead_global(void **state)
{
    tcg_context_init();
    tcg_func_start(tcg_ctx);
    tcg_gen_add_i64(g_r[5], g_r[1], g_r[2]);
    tcg_gen_sub_i64(g_r[5], g_r[3], g_r[4]);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(tcg_ctx);
    int adds = 0, subs = 0;
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        adds += tcg_ctx->ops[i].opc == INDEX_op_add_i64;
        subs += tcg_ctx->ops[i].opc == INDEX_op_sub_i64;
    }
    assert_int_equal(adds, 0);
    assert_int_equal(subs, 1);
}

/* Op semantics on edge values, checked against hand-computed results. */
static void test_semantics(void **state)
{
    static const struct {
        TCGOpcode opc;
        uint64_t a, b, want;
    } cases[] = {
        { INDEX_op_div_i64, 5, 0, 0 },
        { INDEX_op_div_i64, 0x8000000000000000ull, ~0ull, 0x8000000000000000ull },
        { INDEX_op_rem_i64, 0x8000000000000000ull, ~0ull, 0 },
        { INDEX_op_divu_i64, ~0ull, 0, 0 },
        { INDEX_op_remu_i64, 7, 0, 7 },
        { INDEX_op_div_i32, 0x80000000, 0xffffffff, 0x80000000 },
        { INDEX_op_shl_i64, 1, 64, 1 },          /* count mod 64 */
        { INDEX_op_shl_i32, 1, 33, 2 },          /* count mod 32 */
        { INDEX_op_sar_i64, 0x8000000000000000ull, 63, ~0ull },
        { INDEX_op_rotr_i64, 1, 1, 0x8000000000000000ull },
        { INDEX_op_rotl_i32, 0x80000000, 1, 1 },
        { INDEX_op_muluh_i64, ~0ull, ~0ull, ~1ull },
        { INDEX_op_mulsh_i64, ~0ull, ~0ull, 0 },
        { INDEX_op_mulsh_i32, 0x80000000, 0x80000000, 0x40000000 },
        { INDEX_op_clz_i64, 0, 0, 64 },
        { INDEX_op_clz_i32, 1, 0, 31 },
        { INDEX_op_ctz_i32, 0, 0, 32 },
        { INDEX_op_ctpop_i64, ~0ull, 0, 64 },
        { INDEX_op_bswap32_i64, 0x1122334455667788ull, 0, 0x88776655 },
        { INDEX_op_ext8s_i64, 0x80, 0, 0xffffffffffffff80ull },
        { INDEX_op_eqv_i64, 0, 0, ~0ull },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const TCGOpDef *def = &tcg_op_defs[cases[i].opc];
        bool is64 = def->flags & TCG_OPF_64BIT;
        TCGOpcode base = tcg_op_base32(cases[i].opc);
        uint64_t got;
        if (def->nb_iargs == 2) {
            got = is64 ? tcg_eval2_64(base, cases[i].a, cases[i].b)
                       : tcg_eval2_32(base, cases[i].a, cases[i].b);
        } else if (cases[i].opc == INDEX_op_bswap64_i64) {
            got = __builtin_bswap64(cases[i].a);
        } else {
            got = is64 ? tcg_eval1_64(base, cases[i].a) : tcg_eval1_32(base, cases[i].a);
        }
        if (got != cases[i].want) {
            print_message("%s(%#lx, %#lx) = %#lx, want %#lx\n", def->name,
                          (unsigned long)cases[i].a, (unsigned long)cases[i].b,
                          (unsigned long)got, (unsigned long)cases[i].want);
        }
        assert_true(got == cases[i].want);
    }
}

/* Blocks chain: after one pass through the loop, a second run goes
 * block to block without returning, and invalidation unlinks. */
static void test_cache_chain_invalidate_flush(void **state)
{
    ToyCPU *c = toy_new();
    uint64_t start = ((uint64_t)KIND_CHAIN << 56) | 0x00;
    c->env.pc = start;
    assert_int_equal(cpu_exec(&c->cs), EXCP_HLT);
    assert_int_equal(c->env.r[0], 17);
    assert_int_equal(c->env.r[1], 0x5a);
    TranslationBlock *a = tb_lookup(&c->cs, start, 0, 0);
    TranslationBlock *b = tb_lookup(&c->cs, start + 1, 0, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_equal(a->jmp_dest[0], b);

    /* Chained run: one exec call walks all 17 blocks. */
    c->env.r[0] = 0;
    c->env.pc = start;
    uint64_t made = tb_stats.translated_blocks;
    assert_int_equal(cpu_exec(&c->cs), EXCP_HLT);
    assert_int_equal(c->env.r[0], 17);
    assert_int_equal(tb_stats.translated_blocks, made);

    /* Invalidating b unlinks a's exit and hides b from lookups. */
    assert_true(tb_invalidate_range(b->pc, b->pc + 1));
    assert_null(a->jmp_dest[0]);
    assert_null(tb_lookup(&c->cs, start + 1, 0, 0));
    assert_non_null(tb_lookup(&c->cs, start, 0, 0));

    /* A flush empties the cache. */
    uint64_t flushes = tb_stats.flushes;
    tb_flush();
    assert_int_equal(tb_stats.flushes, flushes + 1);
    assert_null(tb_lookup(&c->cs, start, 0, 0));
    free(c);
}

/* A block that loops on itself (b .) still returns on an exit request. */
static void *request_exit_later(void *arg)
{
    CPUState *cs = arg;
    struct timespec ts = { 0, 50 * 1000 * 1000 };
    nanosleep(&ts, NULL);
    cpu_exit(cs);
    return NULL;
}

static void test_exit_request(void **state)
{
    ToyCPU *c = toy_new();
    c->env.pc = (uint64_t)KIND_SELFLOOP << 56;
    pthread_t th;
    pthread_create(&th, NULL, request_exit_later, &c->cs);
    assert_int_equal(cpu_exec(&c->cs), EXCP_INTERRUPT);
    pthread_join(th, NULL);
    assert_true(c->env.ran > 1);
    assert_int_equal(c->env.pc, (uint64_t)KIND_SELFLOOP << 56);
    free(c);
}

/* A full cache evicts its oldest blocks while blocks keep running: the
 * interpreter's blocks through several laps of the ring. */
static void test_evict_when_full(void **state)
{
    uint64_t evictions = tb_stats.evictions;
    ToyCPU *c = toy_new();
    for (uint64_t seed = 1; seed < 400000 && tb_stats.evictions < evictions + 25; seed++) {
        run_block(c, ((uint64_t)KIND_RANDOM << 56) | (seed + 100000));
    }
    assert_true(tb_stats.evictions >= evictions + 25);
    free(c);
}

int main(void)
{
    guest_code_fetch = test_code_fetch;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_semantics),
        cmocka_unit_test(test_optimizer_folds),
        cmocka_unit_test(test_optimizer_dead_global),
        cmocka_unit_test(test_optimizer_random),
        cmocka_unit_test(test_cache_chain_invalidate_flush),
        cmocka_unit_test(test_exit_request),
        cmocka_unit_test(test_evict_when_full),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
