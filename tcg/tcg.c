/*
 * The translation context: the op table's descriptors, temps, constants,
 * labels, the op list of the block being built, and the op dumper.
 */
#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tcg.h"
#include "scratch.h"
#include "softfloat.h"
#include "tcg-op.h"
#include "tb.h"

const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f, k) [INDEX_op_##n] = { #n, o, i, c, f, TCG_KIND_##k },
#include "tcg-opc.h"
#undef DEF
};

uint8_t tcg_fp_estimates[TCG_EST_SIZE];

/* From the very functions the fallbacks run (tcg.h says the layout). */
__attribute__((constructor)) static void tcg_fp_estimates_init(void)
{
    for (unsigned a = 256; a < 512; a++) {
        tcg_fp_estimates[a - 256] = sf_recip_estimate(a) & 0xff;
    }
    for (unsigned j = 0; j < 512; j++) {
        unsigned f = j & 0xff, s = j >> 8 ? 128 | f >> 1 : 256 | f;
        tcg_fp_estimates[TCG_EST_RSQRT + j] = sf_rsqrt_estimate(s) & 0xff;
    }
    for (unsigned s = 128; s < 512; s++) {
        tcg_fp_estimates[TCG_EST_URSQRT + s] = sf_rsqrt_estimate(s) & 0xff;
    }
}

__thread TCGContext *tcg_ctx;

/* Globals are process-wide; every context starts with a copy of them. */
static TCGTemp global_temps[TCG_MAX_GLOBALS] = {
    [0] = { .type = TCG_TYPE_I64, .kind = TEMP_ENV, .name = "env" },
};
static int nb_global_temps = 1;

static int global_new(TCGType type, int offset, const char *name)
{
    assert(tcg_ctx == NULL && "globals must be registered before contexts");
    assert(nb_global_temps < TCG_MAX_GLOBALS);
    int i = nb_global_temps++;
    global_temps[i] = (TCGTemp){ .type = type, .kind = TEMP_GLOBAL,
                                 .offset = offset, .name = name };
    return i;
}

TCGv_i32 tcg_global_mem_new_i32(int offset, const char *name)
{
    return temp_tcgv_i32(global_new(TCG_TYPE_I32, offset, name));
}

TCGv_i64 tcg_global_mem_new_i64(int offset, const char *name)
{
    return temp_tcgv_i64(global_new(TCG_TYPE_I64, offset, name));
}

void tcg_context_init(void)
{
    if (tcg_ctx) {
        return;
    }
    TCGContext *s = calloc(1, sizeof(*s));
    if (!s) {
        abort();
    }
    s->nb_globals = nb_global_temps;
    memcpy(s->temps, global_temps, sizeof(TCGTemp) * nb_global_temps);
    s->max_ops = 4096;
    s->ops = malloc(sizeof(TCGOp) * s->max_ops);
    tcg_ctx = s;
    tcg_func_start(s);
}

void tcg_context_free(void)
{
    if (tcg_ctx) {
        free(tcg_ctx->ops);
        free(tcg_ctx);
        tcg_ctx = NULL;
    }
}

/* A small per-block map from constant value to temp, so that a block's
 * repeated constants share one temp and the optimizer sees them as equal. */
#define CONST_CACHE 512
static __thread struct { uint64_t val; int idx; } const_cache[2][CONST_CACHE];
static __thread uint32_t const_cache_gen[2][CONST_CACHE];
static __thread uint32_t const_gen;

void tcg_func_start(TCGContext *s)
{
    s->nb_temps = s->nb_globals;
    s->nb_labels = 0;
    s->nb_ops = 0;
    s->overflow = false;
    const_gen++;
    scratch_reset();
}

static int temp_alloc(TCGType type, TCGTempKind kind)
{
    TCGContext *s = tcg_ctx;
    int i;
    if (s->nb_temps < TCG_MAX_TEMPS) {
        i = s->nb_temps++;
    } else {
        /* Keep building into scratch temps (the last few, in turn); the
         * translator sees the overflow flag and retries with a shorter
         * block. nb_temps stays at the maximum: arrays sized by it must
         * still cover every index in use. */
        static __thread unsigned scratch;
        s->overflow = true;
        i = TCG_MAX_TEMPS - 16 + scratch++ % 16;
    }
    s->temps[i] = (TCGTemp){ .type = type, .kind = kind };
    return i;
}

TCGv_i32 tcg_temp_new_i32(void)
{
    return temp_tcgv_i32(temp_alloc(TCG_TYPE_I32, TEMP_EBB));
}

TCGv_i64 tcg_temp_new_i64(void)
{
    return temp_tcgv_i64(temp_alloc(TCG_TYPE_I64, TEMP_EBB));
}

static int constant_new(TCGType type, uint64_t val)
{
    unsigned h = (unsigned)((val * 0x9E3779B97F4A7C15ull) >> 55) % CONST_CACHE;
    for (unsigned probe = 0; probe < 8; probe++) {
        unsigned k = (h + probe) % CONST_CACHE;
        if (const_cache_gen[type][k] != const_gen) {
            int i = temp_alloc(type, TEMP_CONST);
            tcg_ctx->temps[i].val = val;
            const_cache_gen[type][k] = const_gen;
            const_cache[type][k].val = val;
            const_cache[type][k].idx = i;
            return i;
        }
        if (const_cache[type][k].val == val) {
            return const_cache[type][k].idx;
        }
    }
    int i = temp_alloc(type, TEMP_CONST);
    tcg_ctx->temps[i].val = val;
    return i;
}

TCGv_i32 tcg_constant_i32(int32_t val)
{
    return temp_tcgv_i32(constant_new(TCG_TYPE_I32, (uint32_t)val));
}

TCGv_i64 tcg_constant_i64(int64_t val)
{
    return temp_tcgv_i64(constant_new(TCG_TYPE_I64, (uint64_t)val));
}

TCGLabel *gen_new_label(void)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_labels >= TCG_MAX_LABELS) {
        s->overflow = true;
        s->nb_labels = TCG_MAX_LABELS - 1;
    }
    return (TCGLabel *)(uintptr_t)(++s->nb_labels);
}

TCGOp *tcg_emit_op(TCGOpcode opc, int nargs)
{
    TCGContext *s = tcg_ctx;
    if (s->nb_ops >= s->max_ops) {
        s->max_ops *= 2;
        s->ops = realloc(s->ops, sizeof(TCGOp) * s->max_ops);
        if (!s->ops) {
            abort();
        }
    }
    TCGOp *op = &s->ops[s->nb_ops++];
    op->opc = opc;
    if (opc < NB_OPS) {
        const TCGOpDef *def = &tcg_op_defs[opc];
        assert(def->flags & TCG_OPF_CALL ||
               nargs == def->nb_oargs + def->nb_iargs + def->nb_cargs);
        op->nb_oargs = def->nb_oargs;
        op->nb_iargs = def->nb_iargs;
    }
    return op;
}

/* ---- conditions ---- */

TCGCond tcg_invert_cond(TCGCond c)
{
    static const TCGCond inv[] = {
        [TCG_COND_NEVER] = TCG_COND_ALWAYS, [TCG_COND_ALWAYS] = TCG_COND_NEVER,
        [TCG_COND_EQ] = TCG_COND_NE, [TCG_COND_NE] = TCG_COND_EQ,
        [TCG_COND_LT] = TCG_COND_GE, [TCG_COND_GE] = TCG_COND_LT,
        [TCG_COND_LE] = TCG_COND_GT, [TCG_COND_GT] = TCG_COND_LE,
        [TCG_COND_LTU] = TCG_COND_GEU, [TCG_COND_GEU] = TCG_COND_LTU,
        [TCG_COND_LEU] = TCG_COND_GTU, [TCG_COND_GTU] = TCG_COND_LEU,
        [TCG_COND_TSTEQ] = TCG_COND_TSTNE, [TCG_COND_TSTNE] = TCG_COND_TSTEQ,
    };
    return inv[c];
}

TCGCond tcg_swap_cond(TCGCond c)
{
    static const TCGCond swp[] = {
        [TCG_COND_NEVER] = TCG_COND_NEVER, [TCG_COND_ALWAYS] = TCG_COND_ALWAYS,
        [TCG_COND_EQ] = TCG_COND_EQ, [TCG_COND_NE] = TCG_COND_NE,
        [TCG_COND_LT] = TCG_COND_GT, [TCG_COND_GE] = TCG_COND_LE,
        [TCG_COND_LE] = TCG_COND_GE, [TCG_COND_GT] = TCG_COND_LT,
        [TCG_COND_LTU] = TCG_COND_GTU, [TCG_COND_GEU] = TCG_COND_LEU,
        [TCG_COND_LEU] = TCG_COND_GEU, [TCG_COND_GTU] = TCG_COND_LTU,
        [TCG_COND_TSTEQ] = TCG_COND_TSTEQ, [TCG_COND_TSTNE] = TCG_COND_TSTNE,
    };
    return swp[c];
}

/* True if an op from index mark on may write one of the n temps: as an
 * output, or through a helper call that may write globals. */
bool tcg_written_since(int mark, const TCGv_i64 *v, int n)
{
    TCGContext *s = tcg_ctx;
    for (int i = mark; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_call) {
            TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
            if (!(info->flags & TCG_CALL_NO_WG)) {
                return true;
            }
        }
        for (int k = 0; k < op->nb_oargs; k++) {
            for (int j = 0; j < n; j++) {
                if (op->args[k] == tcgv_i64_arg(v[j])) {
                    return true;
                }
            }
        }
    }
    return false;
}

const char *tcg_cond_name(TCGCond c)
{
    static const char *const names[] = {
        "never", "always", "eq", "ne", "lt", "ge", "le", "gt",
        "ltu", "geu", "leu", "gtu", "tsteq", "tstne",
    };
    return c < sizeof(names) / sizeof(names[0]) ? names[c] : "?";
}

/* ---- dumping (-d op, -d op_opt) ---- */

static void dump_temp(FILE *f, TCGContext *s, TCGArg a)
{
    TCGTemp *t = &s->temps[a];
    switch (t->kind) {
    case TEMP_ENV:
    case TEMP_GLOBAL:
        fprintf(f, "%s", t->name);
        break;
    case TEMP_CONST:
        if (t->type == TCG_TYPE_I32) {
            fprintf(f, "$0x%" PRIx32, (uint32_t)t->val);
        } else {
            fprintf(f, "$0x%" PRIx64, t->val);
        }
        break;
    default:
        fprintf(f, "tmp%d", (int)a - s->nb_globals);
        break;
    }
}

static bool op_has_cond(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
    case INDEX_op_movcond_i32: case INDEX_op_movcond_i64:
    case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
        return true;
    default:
        return false;
    }
}

void tcg_dump_ops(TCGContext *s, FILE *f)
{
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_nop) {
            continue;
        }
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        if (op->opc == INDEX_op_insn_start) {
            fprintf(f, "\n ---- %016" PRIx64 "\n", (uint64_t)op->args[0]);
            continue;
        }
        if (op->opc == INDEX_op_call) {
            TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
            fprintf(f, " call %s", info->name);
            for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
                fputs(k ? "," : " ", f);
                dump_temp(f, s, op->args[k]);
            }
            fputc('\n', f);
            continue;
        }
        if (op->opc == INDEX_op_set_label) {
            fprintf(f, "$L%d:\n", (int)op->args[0]);
            continue;
        }
        fprintf(f, " %s", def->name);
        int k = 0, n = def->nb_oargs + def->nb_iargs;
        for (; k < n; k++) {
            fputs(k ? "," : " ", f);
            dump_temp(f, s, op->args[k]);
        }
        for (int c = 0; c < def->nb_cargs; c++, k++) {
            fputs(k ? "," : " ", f);
            if (c == 0 && op_has_cond(op->opc)) {
                fputs(tcg_cond_name(op->args[k]), f);
            } else if (op->opc == INDEX_op_br || op->opc == INDEX_op_br_exit_clear ||
                       (c == 1 && (op->opc == INDEX_op_brcond_i32 ||
                                   op->opc == INDEX_op_brcond_i64 ||
                                   op->opc == INDEX_op_push_return))) {
                fprintf(f, "$L%d", (int)op->args[k]);
            } else {
                fprintf(f, "$0x%" PRIx64, (uint64_t)op->args[k]);
            }
        }
        fputc('\n', f);
    }
}
