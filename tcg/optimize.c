/*
 * The optimizer: one forward pass of constant folding and copy propagation,
 * then dead-code elimination (unused block temps, and global writes that a
 * later write overwrites before anything can observe them, which is what
 * makes back-to-back flag updates cheap), then coalescing of a result
 * with the guest register it is copied to, and last a branch round a jump
 * turned into one branch.
 *
 * Folding evaluates ops with the same functions the interpreter runs
 * (tcg-eval.h), so optimized and unoptimized code cannot disagree.
 */
#include <stdlib.h>
#include <string.h>

#include "tcg-eval.h"
#include "tcg.h"
#include "scratch.h"

typedef struct TempInfo {
    uint32_t version;     /* bumped on every write */
    int copy_of;          /* temp this one equals, or -1 */
    uint32_t copy_ver;    /* copy_of's version when the copy was made */
    uint32_t copy_epoch;  /* global epoch then, if copy_of is a global */
    int global_copy;      /* a global copied from this temp, or -1 */
    uint32_t gc_ver;      /* the global's version then */
    uint32_t gc_self_ver; /* this temp's version then */
    uint32_t gc_epoch;    /* global epoch then */
    bool is_const;
    bool zext32;          /* an i64 whose bits 63:32 are known to be 0 */
    uint64_t val;
} TempInfo;

typedef struct Opt {
    TCGContext *s;
    TempInfo *ti;            /* one per temp: ti[0 .. nb_ti) */
    int nb_ti;
    uint32_t global_epoch;   /* bumped when globals may have changed */
} Opt;

/* Folding makes constant temps as it goes, as many as the block has foldable
 * ops, so the info array follows s->nb_temps instead of a guess made at the
 * start. */
static void ti_cover(Opt *o)
{
    int need = o->s->nb_temps;
    if (need <= o->nb_ti) {
        return;
    }
    int n = o->nb_ti ? o->nb_ti : 64;
    while (n < need) {
        n *= 2;
    }
    o->ti = scratch_grow(o->ti, o->nb_ti * sizeof(TempInfo), n * sizeof(TempInfo));
    memset(o->ti + o->nb_ti, 0, (n - o->nb_ti) * sizeof(TempInfo));
    for (int t = o->nb_ti; t < n; t++) {
        o->ti[t].copy_of = -1;
        o->ti[t].global_copy = -1;
    }
    o->nb_ti = n;
}

static bool temp_is_global(TCGContext *s, int t)
{
    return s->temps[t].kind == TEMP_GLOBAL;
}

static bool info_is_const(Opt *o, int t, uint64_t *val)
{
    TCGTemp *ts = &o->s->temps[t];
    if (ts->kind == TEMP_CONST) {
        *val = ts->val;
        return true;
    }
    if (o->ti[t].is_const && (!temp_is_global(o->s, t) ||
                              o->ti[t].copy_epoch == o->global_epoch)) {
        *val = o->ti[t].val;
        return true;
    }
    return false;
}

/* The global that block temp t was copied to, if it still holds t's
 * value, or -1. */
static int global_copy(Opt *o, int t)
{
    TempInfo *i = &o->ti[t];
    int g = i->global_copy;
    if (g < 0 || i->version != i->gc_self_ver || o->ti[g].version != i->gc_ver ||
        i->gc_epoch != o->global_epoch ||
        o->s->temps[g].type != o->s->temps[t].type) {
        return -1;
    }
    return g;
}

/* The temp a read of t may use instead: the oldest still-valid source,
 * but a global rather than a block temp holding the same value (as
 * QEMU's optimizer prefers): the temp then dies at its copy into the
 * global (a register hand-over in the JIT) instead of living on beside
 * the global, both wanting a host register. */
static int canonical(Opt *o, int t)
{
    TempInfo *i = &o->ti[t];
    if (!temp_is_global(o->s, t) && o->s->temps[t].kind != TEMP_CONST) {
        int g = global_copy(o, t);
        if (g >= 0) {
            return g;
        }
    }
    if (i->copy_of < 0) {
        return t;
    }
    int src = i->copy_of;
    if (o->ti[src].version != i->copy_ver) {
        return t;
    }
    if (temp_is_global(o->s, src) && i->copy_epoch != o->global_epoch) {
        return t;
    }
    if (o->s->temps[src].type != o->s->temps[t].type) {
        return t;
    }
    if (temp_is_global(o->s, t) && !temp_is_global(o->s, src) &&
        o->s->temps[src].kind != TEMP_CONST) {
        return t;
    }
    return src;
}

static void note_write(Opt *o, int t)
{
    TempInfo *i = &o->ti[t];
    i->version++;
    i->copy_of = -1;
    i->is_const = false;
    i->zext32 = false;
}

/* Whether op's (i64) output has bits 63:32 clear whatever its inputs:
 * then a later ext32u of it is a mov (a 32-bit guest load is qemu_ld_i64
 * with an unsigned MO_32 followed by the zero-extension of the
 * register write). */
static bool writes_zext32(Opt *o, const TCGOp *op)
{
    uint64_t v;
    switch (op->opc) {
    case INDEX_op_qemu_ld_i64:
        return !(op->args[2] & MO_SIGN) && (op->args[2] & MO_SIZE) <= MO_32;
    case INDEX_op_ext8u_i64: case INDEX_op_ext16u_i64: case INDEX_op_ext32u_i64:
    case INDEX_op_extu_i32_i64: case INDEX_op_ld8u_i64: case INDEX_op_ld16u_i64:
    case INDEX_op_ld32u_i64:
        return true;
    case INDEX_op_and_i64:
        return (info_is_const(o, op->args[2], &v) && v <= 0xffffffffu) ||
               o->ti[op->args[1]].zext32;
    case INDEX_op_shr_i64:
        return info_is_const(o, op->args[2], &v) && (v & 63) >= 32;
    case INDEX_op_extract_i64:
        return op->args[2] + op->args[3] <= 32;
    default:
        return false;
    }
}

static void note_copy(Opt *o, int dst, int src)
{
    uint64_t v;
    TempInfo *i = &o->ti[dst];
    if (info_is_const(o, src, &v)) {
        i->is_const = true;
        i->val = v;
        i->copy_epoch = o->global_epoch;
    }
    i->zext32 = o->ti[src].zext32 || (i->is_const && i->val <= 0xffffffffu);
    if (src != dst) {
        i->copy_of = src;
        i->copy_ver = o->ti[src].version;
        i->copy_epoch = o->global_epoch;
        TempInfo *si = &o->ti[src];
        if (temp_is_global(o->s, dst) && !temp_is_global(o->s, src) &&
            o->s->temps[src].kind != TEMP_CONST) {
            si->global_copy = dst;
            si->gc_ver = i->version;
            si->gc_self_ver = si->version;
            si->gc_epoch = o->global_epoch;
        }
    }
}

static void reset_all(Opt *o)
{
    for (int t = 0; t < o->s->nb_temps; t++) {
        o->ti[t].copy_of = -1;
        o->ti[t].is_const = false;
        o->ti[t].zext32 = false;
    }
    o->global_epoch++;
}

/* Rewrites op into "mov out, $val". */
static void make_movi(Opt *o, TCGOp *op, bool is64, uint64_t val)
{
    int out = op->args[0];
    TCGv_i64 c64;
    TCGv_i32 c32;
    TCGArg src;
    if (is64) {
        c64 = tcg_constant_i64(val);
        src = tcgv_i64_arg(c64);
    } else {
        c32 = tcg_constant_i32((uint32_t)val);
        src = tcgv_i32_arg(c32);
    }
    ti_cover(o);
    op->opc = is64 ? INDEX_op_mov_i64 : INDEX_op_mov_i32;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->args[0] = out;
    op->args[1] = src;
}

static void make_mov(TCGOp *op, bool is64, int src)
{
    op->opc = is64 ? INDEX_op_mov_i64 : INDEX_op_mov_i32;
    op->nb_oargs = 1;
    op->nb_iargs = 1;
    op->args[1] = src;
}

/* Folds what can be folded; returns true if op became a mov (or nop). */
static bool fold(Opt *o, TCGOp *op)
{
    TCGOpcode opc = op->opc;
    const TCGOpDef *def = &tcg_op_defs[opc];
    bool is64 = def->flags & TCG_OPF_64BIT;
    uint64_t a, b, c, d;
    int no = def->nb_oargs;
    uint64_t mask = is64 ? ~0ull : 0xffffffffull;

    switch (opc) {
    case INDEX_op_ext32s_i64:
        if (info_is_const(o, op->args[1], &a)) {
            make_movi(o, op, true, (uint64_t)(int64_t)(int32_t)a);
            return true;
        }
        return false;
    case INDEX_op_ext32u_i64:
    case INDEX_op_extu_i32_i64:
        if (info_is_const(o, op->args[1], &a)) {
            make_movi(o, op, true, (uint32_t)a);
            return true;
        }
        if (opc == INDEX_op_ext32u_i64 && o->ti[op->args[1]].zext32) {
            make_mov(op, true, op->args[1]);
            return true;
        }
        return false;
    case INDEX_op_ext_i32_i64:
        if (info_is_const(o, op->args[1], &a)) {
            make_movi(o, op, true, (uint64_t)(int64_t)(int32_t)a);
            return true;
        }
        return false;
    case INDEX_op_extrl_i64_i32:
        if (info_is_const(o, op->args[1], &a)) {
            make_movi(o, op, false, (uint32_t)a);
            return true;
        }
        return false;
    case INDEX_op_extrh_i64_i32:
        if (info_is_const(o, op->args[1], &a)) {
            make_movi(o, op, false, a >> 32);
            return true;
        }
        return false;
    case INDEX_op_bswap64_i64:
        if (info_is_const(o, op->args[1], &a)) {
            make_movi(o, op, true, __builtin_bswap64(a));
            return true;
        }
        return false;
    case INDEX_op_setcond_i32:
    case INDEX_op_setcond_i64:
        if (info_is_const(o, op->args[1], &a) && info_is_const(o, op->args[2], &b)) {
            make_movi(o, op, is64, tcg_eval_cond(op->args[3], a, b, is64));
            return true;
        }
        return false;
    case INDEX_op_movcond_i32:
    case INDEX_op_movcond_i64:
        if (info_is_const(o, op->args[1], &a) && info_is_const(o, op->args[2], &b)) {
            int src = tcg_eval_cond(op->args[5], a, b, is64) ? op->args[3] : op->args[4];
            make_mov(op, is64, src);
            return true;
        }
        if (op->args[3] == op->args[4]) {
            make_mov(op, is64, op->args[3]);
            return true;
        }
        if (info_is_const(o, op->args[3], &a) && info_is_const(o, op->args[4], &b) &&
            a + b == 1 && (a == 1 || b == 1)) {
            /* Selecting 1 or 0 (CSET) is the comparison's own result: no
             * constants to load (x86: setcc). */
            TCGCond c = op->args[5];
            op->opc = is64 ? INDEX_op_setcond_i64 : INDEX_op_setcond_i32;
            op->nb_iargs = 2;
            op->args[3] = a == 1 ? c : tcg_invert_cond(c);
        }
        return false;
    case INDEX_op_brcond_i32:
    case INDEX_op_brcond_i64:
        if (info_is_const(o, op->args[0], &a) && info_is_const(o, op->args[1], &b)) {
            if (tcg_eval_cond(op->args[2], a, b, is64)) {
                TCGArg l = op->args[3];
                op->opc = INDEX_op_br;
                op->nb_oargs = op->nb_iargs = 0;
                op->args[0] = l;
            } else {
                op->opc = INDEX_op_nop;
            }
            return true;
        }
        return false;
    case INDEX_op_extract_i32:
    case INDEX_op_extract_i64:
        if (info_is_const(o, op->args[1], &a)) {
            make_movi(o, op, is64, tcg_eval_extract(a, op->args[2], op->args[3]));
            return true;
        }
        return false;
    case INDEX_op_sextract_i32:
    case INDEX_op_sextract_i64:
        if (info_is_const(o, op->args[1], &a)) {
            uint64_t v = is64 ? tcg_eval_sextract(a, op->args[2], op->args[3])
                              : tcg_eval_sextract(a << 32, op->args[2] + 32, op->args[3]);
            make_movi(o, op, is64, v & mask);
            return true;
        }
        return false;
    case INDEX_op_deposit_i32:
    case INDEX_op_deposit_i64:
        if (info_is_const(o, op->args[1], &a) && info_is_const(o, op->args[2], &b)) {
            make_movi(o, op, is64, tcg_eval_deposit(a, b, op->args[3], op->args[4]) & mask);
            return true;
        }
        return false;
    case INDEX_op_extract2_i32:
    case INDEX_op_extract2_i64:
        if (info_is_const(o, op->args[1], &a) && info_is_const(o, op->args[2], &b)) {
            make_movi(o, op, is64, tcg_eval_extract2(a, b, op->args[3], is64 ? 64 : 32));
            return true;
        }
        return false;
    default:
        break;
    }

    if (no != 1 || (def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_CALL))) {
        return false;
    }
    TCGOpcode base = tcg_op_base32(opc);
    /* The typed UNARY and BINARY ops, tcg-eval.h's (those of one width
     * are folded above; a mov is copy propagation's, not folding's). */
    if (def->kind == TCG_KIND_UNARY && opc != INDEX_op_mov_i32 &&
        opc != INDEX_op_mov_i64) {
        if (info_is_const(o, op->args[1], &a)) {
            uint64_t v = is64 ? tcg_eval1_64(base, a) : tcg_eval1_32(base, (uint32_t)a);
            make_movi(o, op, is64, v);
            return true;
        }
        return false;
    }
    if (def->kind != TCG_KIND_BINARY) {
        return false;
    }
    bool ca = info_is_const(o, op->args[1], &a);
    bool cb = info_is_const(o, op->args[2], &b);
    if (ca && cb) {
        uint64_t v = is64 ? tcg_eval2_64(base, a, b)
                          : tcg_eval2_32(base, (uint32_t)a, (uint32_t)b);
        make_movi(o, op, is64, v);
        return true;
    }
    /* Identities with one constant operand. */
    c = cb ? (b & mask) : 1;
    d = ca ? (a & mask) : 1;
    switch (base) {
    case INDEX_op_add_i32: case INDEX_op_or_i32: case INDEX_op_xor_i32:
        if (cb && c == 0) { make_mov(op, is64, op->args[1]); return true; }
        if (ca && d == 0) { make_mov(op, is64, op->args[2]); return true; }
        if (base == INDEX_op_add_i32 && cb) {
            /* x + -n is x - n: a small positive immediate fits an imm32
             * field, where the negative one needs a 64-bit constant. */
            int64_t n = is64 ? (int64_t)(0 - c) : -(int64_t)(int32_t)c;
            if (n > 0 && n < ((int64_t)1 << 31)) {
                op->opc = is64 ? INDEX_op_sub_i64 : INDEX_op_sub_i32;
                op->args[2] = is64 ? tcgv_i64_arg(tcg_constant_i64(n))
                                   : tcgv_i32_arg(tcg_constant_i32(n));
                ti_cover(o);
            }
        }
        break;
    case INDEX_op_sub_i32: case INDEX_op_shl_i32: case INDEX_op_shr_i32:
    case INDEX_op_sar_i32: case INDEX_op_rotl_i32: case INDEX_op_rotr_i32:
    case INDEX_op_andc_i32:
        if (cb && c == 0) { make_mov(op, is64, op->args[1]); return true; }
        break;
    case INDEX_op_and_i32:
        if (cb && c == mask) { make_mov(op, is64, op->args[1]); return true; }
        if (ca && d == mask) { make_mov(op, is64, op->args[2]); return true; }
        if ((cb && c == 0) || (ca && d == 0)) { make_movi(o, op, is64, 0); return true; }
        break;
    case INDEX_op_mul_i32:
        if (cb && c == 1) { make_mov(op, is64, op->args[1]); return true; }
        if (ca && d == 1) { make_mov(op, is64, op->args[2]); return true; }
        if ((cb && c == 0) || (ca && d == 0)) { make_movi(o, op, is64, 0); return true; }
        break;
    default:
        break;
    }
    /* x op x */
    if (op->args[1] == op->args[2]) {
        switch (base) {
        case INDEX_op_and_i32: case INDEX_op_or_i32:
            make_mov(op, is64, op->args[1]);
            return true;
        case INDEX_op_xor_i32: case INDEX_op_sub_i32: case INDEX_op_andc_i32:
            make_movi(o, op, is64, 0);
            return true;
        default:
            break;
        }
    }
    return false;
}

static void optimize_forward(Opt *o)
{
    TCGContext *s = o->s;
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        TCGOpcode opc = op->opc;
        if (opc == INDEX_op_nop) {
            continue;
        }
        if (opc == INDEX_op_set_label) {
            reset_all(o);
            continue;
        }
        for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
            op->args[k] = canonical(o, op->args[k]);
        }
        if (opc == INDEX_op_call) {
            TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
            if (!(info->flags & TCG_CALL_NO_WG)) {
                o->global_epoch++;
                for (int t = 0; t < s->nb_globals; t++) {
                    o->ti[t].version++;
                    o->ti[t].zext32 = false;
                }
            }
            for (int k = 0; k < op->nb_oargs; k++) {
                note_write(o, op->args[k]);
            }
            continue;
        }
        if (fold(o, op) && op->opc != INDEX_op_mov_i32 && op->opc != INDEX_op_mov_i64) {
            continue;   /* became br or nop */
        }
        opc = op->opc;
        if (opc == INDEX_op_mov_i32 || opc == INDEX_op_mov_i64) {
            int dst = op->args[0], src = op->args[1];
            if (dst == src) {
                op->opc = INDEX_op_nop;
                continue;
            }
            note_write(o, dst);
            note_copy(o, dst, src);
            continue;
        }
        bool zext = op->nb_oargs == 1 && writes_zext32(o, op);
        for (int k = 0; k < op->nb_oargs; k++) {
            note_write(o, op->args[k]);
        }
        if (zext) {
            o->ti[op->args[0]].zext32 = true;
        }
    }
}

/* Removes ops whose only effect is writing block temps nobody reads (at
 * all, or before they are written again), and global writes overwritten
 * before anything could observe the global.  One backward pass: a block
 * temp is live from a read back to the write before it; at a label or
 * branch every block temp counts as live (the pass does not follow the
 * jumps). */
static void optimize_dead(TCGContext *s)
{
    bool *live = scratch_zalloc(sizeof(bool) * s->nb_temps);
    bool *dead_global = scratch_zalloc(sizeof(bool) * s->nb_temps);
    int *uses = scratch_zalloc(sizeof(int) * s->nb_temps);    /* reads left in the block */

    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc != INDEX_op_nop) {
            for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
                uses[op->args[k]]++;
            }
        }
    }

    for (int i = s->nb_ops - 1; i >= 0; i--) {
        TCGOp *op = &s->ops[i];
        TCGOpcode opc = op->opc;
        if (opc == INDEX_op_nop) {
            continue;
        }
        const TCGOpDef *def = &tcg_op_defs[opc];
        if (opc == INDEX_op_set_label || (def->flags & TCG_OPF_BB_END)) {
            memset(live, 1, sizeof(bool) * s->nb_temps);
        }
        bool removable = !(def->flags & TCG_OPF_SIDE_EFFECTS) && op->nb_oargs > 0;
        if (opc == INDEX_op_call) {
            TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
            removable = (info->flags & TCG_CALL_NO_SE) && (info->flags & TCG_CALL_NO_WG) &&
                        !(info->flags & TCG_CALL_MAY_RAISE);
        }
        if (opc == INDEX_op_discard) {
            removable = true;
        }
        if (removable) {
            bool all_dead = true;
            for (int k = 0; k < op->nb_oargs; k++) {
                int t = op->args[k];
                TCGTempKind kind = s->temps[t].kind;
                if (kind == TEMP_GLOBAL ? !dead_global[t] : live[t] && uses[t] > 0) {
                    all_dead = false;
                }
            }
            if (all_dead) {
                for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
                    uses[op->args[k]]--;
                }
                op->opc = INDEX_op_nop;
                continue;
            }
        }
        for (int k = 0; k < op->nb_oargs; k++) {
            live[op->args[k]] = false;
        }
        for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
            live[op->args[k]] = true;
        }
        /* Anything that may leave the block or observe the CPU state makes
         * every global live again. */
        bool observes = (def->flags & (TCG_OPF_BB_END | TCG_OPF_MAY_FAULT)) ||
                        opc == INDEX_op_goto_tb || opc == INDEX_op_insn_start;
        if (opc == INDEX_op_call) {
            TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
            observes = !(info->flags & TCG_CALL_NO_RG) || (info->flags & TCG_CALL_MAY_RAISE);
        }
        if (opc == INDEX_op_insn_start) {
            observes = false;
        }
        if (observes) {
            memset(dead_global, 0, sizeof(bool) * s->nb_globals);
        }
        for (int k = 0; k < op->nb_oargs; k++) {
            if (temp_is_global(s, op->args[k])) {
                dead_global[op->args[k]] = true;
            }
        }
        for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
            if (temp_is_global(s, op->args[k])) {
                dead_global[op->args[k]] = false;
            }
        }
    }
}

/* "op t = ...; mov G, t" with t read nowhere else becomes "op G = ...":
 * a front end computes each result into a block temp and then copies it
 * to the guest register, and after copy propagation (reads of t read G)
 * the copy is often t's only use.  Not for calls (a helper may write
 * globals itself) nor across an instruction boundary (t's op belongs to
 * the instruction whose fault it raises).  Run after dead-code
 * elimination, which leaves the true use counts. */
static void optimize_coalesce(TCGContext *s)
{
    int *uses = scratch_zalloc(sizeof(int) * s->nb_temps);
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc != INDEX_op_nop) {
            for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
                uses[op->args[k]]++;
            }
        }
    }
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_nop || op->opc == INDEX_op_call || op->nb_oargs != 1 ||
            (tcg_op_defs[op->opc].flags & TCG_OPF_BB_END)) {
            continue;
        }
        int t = op->args[0];
        if (s->temps[t].kind != TEMP_EBB || uses[t] != 1) {
            continue;
        }
        int j = i + 1;
        while (j < s->nb_ops && s->ops[j].opc == INDEX_op_nop) {
            j++;
        }
        if (j == s->nb_ops) {
            continue;
        }
        TCGOp *mv = &s->ops[j];
        if ((mv->opc != INDEX_op_mov_i64 && mv->opc != INDEX_op_mov_i32) ||
            (int)mv->args[1] != t || !temp_is_global(s, mv->args[0]) ||
            s->temps[mv->args[0]].type != s->temps[t].type) {
            continue;
        }
        op->args[0] = mv->args[0];
        mv->opc = INDEX_op_nop;
        uses[t] = 0;
    }
}

/* The op after i that is not a nop, or nb_ops. */
static int next_live_op(TCGContext *s, int i)
{
    do {
        i++;
    } while (i < s->nb_ops && s->ops[i].opc == INDEX_op_nop);
    return i;
}

/* "brcond c, L1; br L2; set_label L1" becomes "brcond !c, L2; set_label
 * L1": a region's internal branch jumps over its exit path this way, and
 * the taken branch plus jump on every trip round the loop become one
 * branch not taken. */
static void optimize_branch_over(TCGContext *s)
{
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc != INDEX_op_brcond_i32 && op->opc != INDEX_op_brcond_i64) {
            continue;
        }
        int j = next_live_op(s, i);
        int k = j < s->nb_ops ? next_live_op(s, j) : j;
        if (k >= s->nb_ops || s->ops[j].opc != INDEX_op_br ||
            s->ops[k].opc != INDEX_op_set_label || s->ops[k].args[0] != op->args[3]) {
            continue;
        }
        op->args[2] = tcg_invert_cond(op->args[2]);
        op->args[3] = s->ops[j].args[0];
        s->ops[j].opc = INDEX_op_nop;
    }
}

void tcg_optimize(TCGContext *s)
{
    Opt o = { .s = s };
    ti_cover(&o);
    optimize_forward(&o);
    optimize_dead(s);
    optimize_coalesce(s);
    optimize_branch_over(s);
}
