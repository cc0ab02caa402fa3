/*
 * The cache registers of the native backend (tcg/x86_64/jit.c's register
 * map): which block temp or guest register each holds and whether it is
 * newer than the CPU state; their upkeep at labels, calls and host
 * accesses; and, per op, where its output goes (choose_output), so that
 * stencils work in place and moves cost nothing where they can.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/scratch.h"
#include "tcg/tcg.h"

#include "jit-lower.h"

/* ---- the cache registers ---- */

void cache_writeback(Lower *L, int c)
{
    if (L->cache[c].dirty) {
        emit_move(L, cache_in[c], 'm', L->s->temps[L->cache[c].temp].offset);
        L->cache[c].dirty = false;
    }
}

void cache_free(Lower *L, int c)
{
    if (L->cache[c].temp >= 0) {
        L->reg_of[L->cache[c].temp] = -1;
    }
    L->cache[c].temp = -1;
    L->cache[c].dirty = false;
    L->cache[c].zext = false;
}

/* All dirty globals to the CPU state (before exits, branches, helpers that
 * read globals). */
static void cache_sync(Lower *L)
{
    for (int c = 0; c < JIT_NCACHE; c++) {
        cache_writeback(L, c);
    }
}

bool cache_pinned(Lower *L, int c)
{
    return L->pin_temp[c] >= 0;
}

/* ---- pinned globals (hot regions) ----
 *
 * In a region, the guest registers used most keep a cache register each
 * from the entry, where they are loaded, to the exits: labels do not
 * drop them and branches do not write them back, so a loop's back edge
 * costs nothing for them.  At a label one is taken as dirty if any op of
 * the region writes it (the paths that meet there may differ); exits,
 * helpers that read globals and fault maps see them as any cached global.
 * Where a lowering must let one go (a helper that may write globals, a
 * stencil that calls out with it in a caller-saved register, a host store
 * over it, an output written to memory) it is written back first, as any
 * global, and cache_pin_restore loads it again after the op. */

/* What pinning global t saves: a load at each op that reads it and a
 * store at each that computes it.  A constant written to it (the pc,
 * before each exit; the lazy flags' operation) is stored where the exit
 * is taken anyway, so it saves nothing: the pc, though "used" at every
 * exit, would otherwise take a register the loop's own values need. */
static int *pin_worth(Lower *L)
{
    TCGContext *s = L->s;
    int *worth = scratch_zalloc(sizeof(int) * s->nb_temps);
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_nop) {
            continue;
        }
        bool const_move = (op->opc == INDEX_op_mov_i64 ||
                           op->opc == INDEX_op_mov_i32) &&
                          s->temps[op->args[1]].kind == TEMP_CONST;
        for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
            worth[op->args[k]] += !(k < op->nb_oargs && const_move);
        }
    }
    return worth;
}

/* The five worth most, in the callee-saved cache registers first; r8
 * stays for block temps (with R, r12, enough: a region's values mostly
 * live in guest registers; sieve's inner loop needs five, and with four
 * reloaded one on every trip). */
void cache_pin_choose(Lower *L, TranslationBlock *tb)
{
    TCGContext *s = L->s;
    for (int c = 0; c < JIT_NCACHE; c++) {
        L->pin_temp[c] = -1;
        L->pin_written[c] = false;
    }
    if (!tb->region_blocks) {
        return;
    }
    const int *worth = pin_worth(L);
    static const int order[] = { 5, 4, 3, 2, 1 };
    for (int k = 0; k < 5; k++) {
        int best = -1;
        for (int t = 0; t < s->nb_globals; t++) {
            bool taken = false;
            for (int c = 0; c < JIT_NCACHE; c++) {
                taken |= L->pin_temp[c] == t;
            }
            if (!taken && is_global64(L, t) && worth[t] >= 1 &&
                (best < 0 || worth[t] > worth[best])) {
                best = t;
            }
        }
        if (best < 0) {
            break;
        }
        L->pin_temp[order[k]] = best;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        for (int k = 0; op->opc != INDEX_op_nop && k < op->nb_oargs; k++) {
            for (int c = 0; c < JIT_NCACHE; c++) {
                L->pin_written[c] |= L->pin_temp[c] == (int)op->args[k];
            }
        }
    }
    cache_pin_restore(L);
}

void cache_pin_restore(Lower *L)
{
    for (int c = 0; c < JIT_NCACHE; c++) {
        int t = L->pin_temp[c];
        if (t < 0 || L->cache[c].temp == t) {
            continue;
        }
        if (L->cache[c].temp >= 0) {
            /* cache_alloc and the others never give it away. */
            fprintf(stderr, "mimic: jit: internal error: a pinned register was taken\n");
            abort();
        }
        if (L->reg_of[t] >= 0) {
            /* Somewhere else meanwhile: move it home. */
            int from = L->reg_of[t];
            emit_move(L, cache_in[from], cache_out[c], 0);
            L->cache[c] = L->cache[from];
            L->cache[from].temp = -1;
            cache_free(L, from);
        } else {
            emit_move(L, 'm', cache_out[c], L->s->temps[t].offset);
            L->cache[c].temp = t;
            L->cache[c].dirty = false;
            L->cache[c].zext = false;
        }
        L->reg_of[t] = c;
    }
}

/* After something that may have written globals behind our back. */
void cache_drop_globals(Lower *L)
{
    for (int c = 0; c < JIT_NCACHE; c++) {
        if (L->cache[c].temp >= 0 && L->s->temps[L->cache[c].temp].kind == TEMP_GLOBAL) {
            cache_writeback(L, c);
            cache_free(L, c);
        }
    }
}

/* The index of the next op after the current one that uses t. */
static int next_use(Lower *L, TCGArg t)
{
    return L->use_cur[t] < L->use_end[t] ? L->use_pos[L->use_cur[t]] : INT32_MAX;
}

/* Whether op reads t. */
static bool used_by_inputs(TCGOp *op, TCGArg t)
{
    for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
        if (op->args[k] == t) {
            return true;
        }
    }
    return false;
}

static bool used_by(TCGOp *op, int t)
{
    for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
        if ((int)op->args[k] == t) {
            return true;
        }
    }
    return false;
}

/* The first cache register a value may take in the current op: around
 * a call out, an input that lives on needs a callee-saved one; a helper
 * call's result, written after the call, may go anywhere. */
static int first_cache(Lower *L, bool out)
{
    return L->calls_out && !(out && L->op->opc == INDEX_op_call) ? JIT_NCALLER_SAVED : 0;
}

/* A cache register for t (the current op's output if out): a free one,
 * or the one of the global used furthest ahead if that is later than t's
 * next use (written back). */
static int cache_alloc(Lower *L, TCGArg t, bool out)
{
    int victim = -1, far = next_use(L, t);
    for (int c = first_cache(L, out); c < JIT_NCACHE; c++) {
        int h = L->cache[c].temp;
        if (cache_pinned(L, c)) {
            continue;
        }
        if (h < 0) {
            victim = c;
            break;
        }
        if (L->s->temps[h].kind == TEMP_GLOBAL && !used_by(L->op, h) &&
            next_use(L, h) > far) {
            victim = c;
            far = next_use(L, h);
        }
    }
    if (victim < 0) {
        return -1;
    }
    if (L->cache[victim].temp >= 0) {
        cache_writeback(L, victim);
        cache_free(L, victim);
    }
    L->cache[victim].temp = t;
    L->cache[victim].dirty = false;
    L->cache[victim].zext = false;
    L->reg_of[t] = victim;
    return victim;
}

/* A free cache register from first on, or -1. */
static int cache_free_one(Lower *L, int first)
{
    for (int c = first; c < JIT_NCACHE; c++) {
        if (L->cache[c].temp < 0 && !cache_pinned(L, c)) {
            return c;
        }
    }
    return -1;
}

/* Whether t's value in its cache register is read again from there: a
 * later op reads it before anything overwrites it, and for a global
 * before the cache is dropped (next_drop: a label, a call that may write
 * globals). */
static bool read_later(Lower *L, TCGArg t, int i)
{
    int j = next_use(L, t);
    if (j == INT32_MAX || !used_by_inputs(&L->s->ops[j], t)) {
        return false;
    }
    return L->s->temps[t].kind != TEMP_GLOBAL || L->next_drop[i + 1] > j;
}

/*
 * Before a stencil that calls out (STENCIL_F_CALLS), with op's uses
 * counted as done: r8-r11 keep nothing the call could destroy.  A value
 * read again after the call goes to a free callee-saved cache register
 * (the soonest read first); failing that a dirty global is written back
 * and a block temp stored to its frame slot.  A dead one (an argument
 * dying here, a clean global read no more before the cache is dropped)
 * costs nothing: a dirty global is written back, as it would be anyway.
 * An argument stays where it is until the stencil has read it, before
 * its call (lower_generic binds late_slots elsewhere; cache_after_call
 * frees it); the op's output is written after the call.
 */
void cache_around_call(Lower *L, TCGOp *op, int i)
{
    int live[JIT_NCALLER_SAVED], nlive = 0;
    for (int c = 0; c < JIT_NCALLER_SAVED; c++) {
        int t = L->cache[c].temp;
        L->drop_after[c] = -1;
        if (t < 0) {
            continue;
        }
        bool out = false;
        for (int k = 0; k < op->nb_oargs; k++) {
            out |= (int)op->args[k] == t;
        }
        if (out && op->opc == INDEX_op_call) {
            continue;           /* written after the call (in place) */
        }
        if (cache_pinned(L, c)) {
            /* Loaded again after the op (cache_pin_restore). */
            cache_writeback(L, c);
            if (used_by_inputs(op, t)) {
                L->drop_after[c] = t;
            } else {
                cache_free(L, c);
            }
            continue;
        }
        if (!out && read_later(L, t, i)) {
            /* In order of next use. */
            int k = nlive++;
            for (; k > 0 && next_use(L, L->cache[live[k - 1]].temp) > next_use(L, t); k--) {
                live[k] = live[k - 1];
            }
            live[k] = c;
            continue;
        }
        /* Dead after this op. */
        if (L->s->temps[t].kind == TEMP_GLOBAL) {
            cache_writeback(L, c);
        }
        if (used_by_inputs(op, t)) {
            L->drop_after[c] = t;
        } else {
            cache_free(L, c);
        }
    }
    for (int k = 0; k < nlive; k++) {
        int c = live[k], t = L->cache[c].temp;
        int to = cache_free_one(L, JIT_NCALLER_SAVED);
        if (to >= 0) {
            emit_move(L, cache_in[c], cache_out[to], 0);
            L->cache[to] = L->cache[c];
            L->reg_of[t] = to;
            L->cache[c].temp = -1;      /* (t is in to now) */
            cache_free(L, c);
            continue;
        }
        if (L->s->temps[t].kind == TEMP_GLOBAL) {
            cache_writeback(L, c);
        } else {
            emit_move(L, cache_in[c], 'm', offset_of(L, t));
        }
        if (used_by_inputs(op, t) && op->opc == INDEX_op_call) {
            /* (A helper's argument, read from its register; the other
             * stencils that call out take none: from memory.) */
            L->drop_after[c] = t;
        } else {
            cache_free(L, c);
        }
    }
}

/* After the stencil: what r8-r11 held for it alone is gone. */
void cache_after_call(Lower *L)
{
    for (int c = 0; c < JIT_NCALLER_SAVED; c++) {
        int t = L->drop_after[c];
        if (t >= 0 && L->cache[c].temp == t) {
            cache_free(L, c);
        }
        L->drop_after[c] = -1;
    }
}

/* Host loads and stores of the CPU state at [off, off + size) (or anywhere,
 * if off < 0) must see and keep the cached guest registers right. */
static void cache_host_access(Lower *L, int64_t off, int size, bool store)
{
    for (int c = 0; c < JIT_NCACHE; c++) {
        int t = L->cache[c].temp;
        if (t < 0 || L->s->temps[t].kind != TEMP_GLOBAL) {
            continue;
        }
        int64_t g = L->s->temps[t].offset;
        if (off < 0 || (g < off + size && off < g + 8)) {
            cache_writeback(L, c);
            if (store) {
                cache_free(L, c);
            }
        }
    }
}

/* Whether op's output, when its stencil leaves it in R, has bits 63:32
 * clear: every 32-bit op's does (the stencil assigns a uint32_t to the
 * 64-bit register: one 32-bit instruction, which zero-extends), as do the
 * zero-extensions.  A zero-extension of such a value is then a plain move:
 * no mov r32, r32 after a rotate or a 32-bit load. */
bool writes_zext(TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_ext32u_i64: case INDEX_op_extu_i32_i64:
    case INDEX_op_ext8u_i64: case INDEX_op_ext16u_i64: case INDEX_op_setcond_i64:
        return true;
    default:
        return !(tcg_op_defs[op->opc].flags & TCG_OPF_64BIT);
    }
}

/* Whether op's lowering takes an input in R (forms r) and can leave its
 * output in a register (_R, _X...): the generic path and guest accesses. */
bool reg_consumer(Lower *L, TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
        return op->args[3] > TCG_COND_ALWAYS;
    case INDEX_op_movcond_i32: case INDEX_op_movcond_i64:
        return op->args[5] > TCG_COND_ALWAYS;
    case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
        return op->args[2] > TCG_COND_ALWAYS;
    case INDEX_op_set_label: case INDEX_op_br: case INDEX_op_br_exit_clear:
    case INDEX_op_discard:
    case INDEX_op_insn_start: case INDEX_op_exit_tb: case INDEX_op_goto_tb:
    case INDEX_op_lookup_and_goto_ptr: case INDEX_op_push_return: case INDEX_op_mb:
    case INDEX_op_nop:
        return false;
    default:
        return true;
    }
}

/* True if the value op i writes to block temp t is read only by the next
 * op that emits code, which takes R: then it goes from i to there in R.
 * That op may write t again (an in-place update: t += 1). */
static bool hand_over(Lower *L, int i, TCGArg t)
{
    TCGContext *s = L->s;
    if (s->temps[t].kind != TEMP_EBB) {
        return false;
    }
    int j = next_code_op(s, i);
    if (j >= s->nb_ops || !reg_consumer(L, &s->ops[j])) {
        return false;
    }
    TCGOp *next = &s->ops[j];
    bool read = false, written = false;
    for (int k = 0; k < next->nb_oargs + next->nb_iargs; k++) {
        if (next->args[k] == t) {
            read |= k >= next->nb_oargs;
            written |= k < next->nb_oargs;
        }
    }
    /* The uses of t after op i (use_cur is past i): j, then nothing that
     * still reads this value. */
    int u = L->use_cur[t];
    if (!read || u >= L->use_end[t] || L->use_pos[u] != j) {
        return false;
    }
    while (u < L->use_end[t] && L->use_pos[u] == j) {
        u++;
    }
    return written || u == L->use_end[t];
}

/* A move into G of a block temp t that dies here and is in a cache
 * register (or a zero-extension of one whose bits 63:32 are clear): G
 * takes over the register, and no code is emitted.  True if done (then
 * G's register is the output's). */
bool rename_move(Lower *L, TCGOp *op)
{
    bool zext = op->opc == INDEX_op_ext32u_i64 || op->opc == INDEX_op_extu_i32_i64;
    if (op->opc != INDEX_op_mov_i64 && !zext) {
        return false;
    }
    TCGArg g = op->args[0], t = op->args[1];
    int c = L->reg_of[t];
    if (c < 0 || (zext && !L->cache[c].zext)) {
        return false;
    }
    if (g == t) {
        return true;    /* a zero-extension of itself */
    }
    if (L->reg_of[g] >= 0 && cache_pinned(L, L->reg_of[g])) {
        return false;   /* its register is its own: a real move */
    }
    TCGTemp *gs = &L->s->temps[g];
    bool g_ok = is_global64(L, g) ||
                (gs->kind == TEMP_EBB && L->reg_ok[g] && L->slot_of[g] < 0);
    if (L->s->temps[t].kind != TEMP_EBB || L->uses_left[t] != 0 || !g_ok) {
        return false;
    }
    if (L->reg_of[g] >= 0) {
        cache_free(L, L->reg_of[g]);     /* its old value is overwritten */
    }
    L->cache[c].temp = g;
    L->reg_of[g] = c;
    L->reg_of[t] = -1;
    return true;
}

/* Gives cache register c to output t; returns its letter.  A block temp
 * that dies in this op, or a value the next op overwrites, may hold it:
 * it keeps reg_of (the op reads it there) until the op is done. */
static char cache_claim(Lower *L, int c, TCGArg t)
{
    L->cache[c].temp = t;
    L->cache[c].dirty = false;
    L->cache[c].zext = false;
    L->reg_of[t] = c;
    return cache_out[c];
}

/* The cache register of an input of op that is a block temp dying here,
 * which the output may take over (its stencil then works in place), or
 * -1.  Around a call out, only the callee-saved ones, but for a helper's
 * result (first_cache). */
static int cache_for_output(Lower *L, TCGOp *op)
{
    int first = first_cache(L, true);
    if (used_by_inputs(op, op->args[0])) {
        return -1;      /* the op reads it where it is (memory) */
    }
    for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
        TCGArg u = op->args[k];
        int c = L->reg_of[u];
        if (c >= first && L->s->temps[u].kind == TEMP_EBB && L->uses_left[u] == 0) {
            return c;
        }
    }
    return -1;
}

/* Whether the next op that emits code after op i (which writes t) is one
 * that rename_move will turn into nothing if t is in a cache register: a
 * move of t, or a zero-extension of it where op leaves it
 * zero-extended. */
static bool renamed_next(Lower *L, int i, TCGOp *op)
{
    int j = next_code_op(L->s, i);
    if (j >= L->s->nb_ops) {
        return false;
    }
    TCGOpcode n = L->s->ops[j].opc;
    bool mov = n == INDEX_op_mov_i64, zext = n == INDEX_op_ext32u_i64 ||
                                             n == INDEX_op_extu_i32_i64;
    return (mov || (zext && writes_zext(op))) && L->s->ops[j].args[1] == op->args[0];
}

/* When renamed_next: the cache register of the next op's destination, if
 * this op is the last to read its value (the next op overwrites it, and
 * reads only this op's output).  Only for ops that cannot fault, so that
 * no fault map needs that value. */
static int cache_overwritten_next(Lower *L, int i, TCGOp *op)
{
    TCGOpKind kind = tcg_op_defs[op->opc].kind;
    TCGArg g = L->s->ops[next_code_op(L->s, i)].args[0];
    int c = L->reg_of[g];
    if ((kind != TCG_KIND_UNARY && kind != TCG_KIND_BINARY) || g == op->args[0] ||
        c < first_cache(L, true) || cache_pinned(L, c)) {
        return -1;
    }
    if (!used_by_inputs(op, g)) {
        L->reg_of[g] = -1;      /* (else once op is done: cache_claim) */
    }
    return c;
}

/* Where the single output of op i goes: R, a cache register, or memory. */
char choose_output(Lower *L, int i, TCGOp *op)
{
    TCGArg t = op->args[0];
    TCGTemp *ts = &L->s->temps[t];
    if (L->reg_of[t] >= 0) {
        return cache_out[L->reg_of[t]];     /* (in place) */
    }
    if (hand_over(L, i, t)) {
        /* A cache register serves as well as R if an input's is free
         * after this op (in place), or a free one if the next op moves
         * the value on (rename_move: no code) and this op does not work
         * on R in place; else R (the next op's output, computed in R in
         * place, needs no move). */
        int c = L->reg_ok[t] ? cache_for_output(L, op) : -1;
        bool from_r = L->in_reg >= 0 && used_by_inputs(op, L->in_reg);
        if (c < 0 && L->reg_ok[t] && !from_r && renamed_next(L, i, op)) {
            c = cache_free_one(L, first_cache(L, true));
            if (c < 0) {
                c = cache_overwritten_next(L, i, op);
            }
        }
        return c >= 0 ? cache_claim(L, c, t) : 'R';
    }
    if (ts->kind == TEMP_EBB && L->reg_ok[t] && L->slot_of[t] < 0) {
        int c = cache_for_output(L, op);
        if (c >= 0) {
            return cache_claim(L, c, t);
        }
        c = cache_alloc(L, t, true);
        return c >= 0 ? cache_out[c] : 'm';
    }
    if (is_global64(L, t) && L->reads_left[t] > 0) {
        int c = cache_for_output(L, op);
        if (c >= 0) {
            return cache_claim(L, c, t);
        }
        c = cache_alloc(L, t, true);
        if (c >= 0) {
            return cache_out[c];
        }
    }
    if (is_global64(L, t) && op->opc != INDEX_op_mov_i64 &&
        op->opc != INDEX_op_ext32u_i64 && op->opc != INDEX_op_extu_i32_i64) {
        /* In place in a dying input's register, written back at the
         * end; else computed in R and stored (the in-place R forms are
         * the shortest), as if through a block temp; not a move, which
         * is a store, nor a zero-extension, whose store form is as short
         * and has no mov r32, r32. */
        int c = cache_for_output(L, op);
        if (c >= 0) {
            return cache_claim(L, c, t);
        }
        L->store_out = true;
        return 'R';
    }
    return 'm';
}

/* Globals read by op i and used again after it: worth a cache register,
 * loaded now (uses_left already excludes op i). */
void load_inputs(Lower *L, TCGOp *op)
{
    for (int k = op->nb_oargs; k < op->nb_oargs + op->nb_iargs; k++) {
        TCGArg t = op->args[k];
        if (is_global64(L, t) && L->reg_of[t] < 0 && L->uses_left[t] >= 1) {
            int c = cache_alloc(L, t, false);
            if (c >= 0) {
                emit_move(L, 'm', cache_out[c], L->s->temps[t].offset);
            }
        }
    }
}

/* Which cache the op's lowering keeps: what it may touch behind our back. */
void cache_before_op(Lower *L, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    /* The ops whose stencils call out (STENCIL_F_CALLS). */
    L->calls_out = op->opc == INDEX_op_call || op->opc == INDEX_op_lookup_and_goto_ptr ||
                   def->kind == TCG_KIND_ATOMIC;
    /* (What r8-r11 keep across it: cache_around_call, once the globals
     * are synced or dropped here.) */
    switch (op->opc) {
    case INDEX_op_set_label:
        for (int c = 0; c < JIT_NCACHE; c++) {
            if (cache_pinned(L, c)) {
                L->cache[c].dirty |= L->pin_written[c];
                L->cache[c].zext = false;
                continue;
            }
            cache_writeback(L, c);
            cache_free(L, c);
        }
        break;
    case INDEX_op_br: case INDEX_op_br_exit_clear:
    case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
        /* Pinned globals stay as they are: the label takes them as dirty. */
        for (int c = 0; c < JIT_NCACHE; c++) {
            if (!cache_pinned(L, c)) {
                cache_writeback(L, c);
            }
        }
        break;
    case INDEX_op_exit_tb: case INDEX_op_goto_tb: case INDEX_op_lookup_and_goto_ptr:
        cache_sync(L);
        break;
    case INDEX_op_call: {
        TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
        if (!(info->flags & TCG_CALL_NO_WG)) {
            cache_drop_globals(L);
        } else if (!(info->flags & TCG_CALL_NO_RG) || (info->flags & TCG_CALL_MAY_RAISE)) {
            cache_sync(L);
        }
        break;
    }
    default:
        if (def->kind == TCG_KIND_ATOMIC) {
            cache_sync(L);
        } else if (def->kind == TCG_KIND_HOST_LOAD || def->kind == TCG_KIND_HOST_STORE) {
            bool store = def->kind == TCG_KIND_HOST_STORE;
            TCGArg base = op->args[1];
            int64_t off = L->s->temps[base].kind == TEMP_ENV ? (int64_t)op->args[2] : -1;
            cache_host_access(L, off, 16, store);
        }
        break;
    }
}

