/*
 * The native x86-64 backend ("jit"): copy-and-patch from the precompiled
 * stencils of tcg/x86_64/ (see gen-stencils.c for the stencil forms and
 * extract-stencils.c for what the build checks).  This file lowers a
 * block's ops to stencils; jit-run.c enters and links generated code;
 * jit-alloc.c keeps the
 * cache registers (jit-lower.h: the state they share), jit-fuse.c
 * rewrites the ops first, jit-emit.c copies and patches stencils and owns
 * the run-time side (fault maps).
 *
 * Register map: rbx holds env (the CPU-state base pointer) in all generated
 * code, r12 (R) the value an op hands to the next (forms r/_R of
 * gen-stencils.c: a block temp whose only use is the next op), r8, r9,
 * r10, r11, r14, r15 the cache registers (letters x y z w u v here, the
 * outputs X Y Z W U V).  A stencil takes cache registers by slot (forms
 * 0..5): canon_forms renames the letters to slots for the lookup and puts
 * the registers in the Patch, and the emitter patches their numbers in.
 * r8-r11 are caller-saved: nothing live after a stencil that calls out
 * stays in them across it, only its arguments, read before the call, and
 * its result, written after (cache_around_call; the slow paths of guest
 * accesses and of fbinop keep them).  rbp holds the guest address
 * bits at and above 2^guest_addr_bits (set by jit_enter), which the
 * guest accesses test an address against.  Stencils use rax, rcx, rdx,
 * rsi, rdi and r13 as scratch (stencil-rt.h).  guest_base is a
 * 32-bit displacement (jit_usable).
 *
 * Values: the allocator (cache_*) gives the cache registers to block temps
 * (from definition to last use, within one label-free stretch) and to
 * 64-bit guest registers used again soon, loading a global on first use,
 * marking it dirty when written and evicting the one used furthest ahead.
 * An output takes the register of an input that is a block temp dying in
 * the same op (choose_output: the stencil then works in place, as x86's
 * two-operand instructions do); a move (or a zero-extension of a value
 * known to be zero-extended) of such a temp emits nothing: the
 * destination takes its register over (rename_move); so a value the next
 * op only moves on goes to a free register, or to the register of the
 * value that move overwrites.
 * Dirty globals are written back at exits, branches, labels and around
 * helpers that read or write globals; other block temps live in
 * CPUState.frame slots (slot 0 = env itself).  Constants are immediates
 * patched into the stencil (i: imm32 for [0, 2^31), k: movabs) or stored
 * to a scratch slot where no stencil takes them.  Each op asks for the
 * stencil with its operands where they are and narrows to one that
 * exists (lower_generic).
 *
 * Faults: every inline guest access has a fault map (guest pc, memop, the
 * dirty globals in cache registers), so neither the pc nor the registers
 * are stored before an access: a host fault writes them back from the
 * signal context (jit_restore_state), the slow path from the register
 * values it is passed (jit_rt_ld/st).  Before a helper that may raise,
 * insn_pc is stored once per instruction (sync_pc).
 *
 * Control: goto_tb is a "jmp rel32" whose field is 4-byte aligned (nop
 * padding before it) so that set_jmp retargets it with one atomic store
 * through the writable view; unlinked it goes to one call that leaves
 * (lower_goto_tb).  exit_request is tested on backward direct exits and
 * indirect jumps rather than at block entries (lower_goto_tb says why).
 * exit_tb tail-calls jit_return_entry(value), which returns to
 * jit_enter's call.  lookup_and_goto_ptr probes the CPU's jump cache
 * inline when the target declared its block key (tb_key_pc_offset in
 * tb.h) and jumps straight to the block on a hit; a miss calls
 * jit_rt_lookup (tb_lookup, which fills the jump cache).
 *
 * Return stack: the host stack.  A call (push_return, st_call_return)
 * pushes its guest return address and does a host call to its own exit
 * to the callee; a return (lookup_and_goto_ptr 1, st_return_host) whose
 * target is the address on top does a host ret, which the host predicts
 * from the call, to the caller's return landing: a third compact exit
 * (goto_tb 2) that chains to the block at the return address, so
 * invalidating that block unlinks it as any exit.  jit_enter records
 * the stack pointer it enters with (CPUState.host_sp_base) and every way
 * out (jit_return_entry, jit_leave_goto_exit) goes back to it, so the
 * stack is empty whenever no generated code runs, which is when blocks
 * are flushed or evicted.  A return to another address empties it (the
 * guest unwound by other means), and so does a call at the depth limit
 * (JIT_RETURN_STACK_BYTES below host_sp_base).
 */
#include <assert.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/log.h"
#include "tcg/pcache.h"
#include "tcg/frame-slots.h"
#include "tcg/tb.h"
#include "tcg/tcg.h"

#include "jit-lower.h"
#include "stencil-slots.h"

/* ---- lowering ---- */




const char cache_in[JIT_NCACHE + 1] = "xyzwuv";

/* qemu_ld/st: their stencils have fault maps (guest pc included). */
static bool is_guest_access(TCGOpcode opc)
{
    TCGOpKind kind = tcg_op_defs[opc].kind;
    return kind == TCG_KIND_GUEST_LOAD || kind == TCG_KIND_GUEST_STORE;
}
const char cache_out[JIT_NCACHE + 1] = "XYZWUV";

/* The cache register of an input or output letter, or -1. */
static int cache_of_in(char f)
{
    for (int c = 0; c < JIT_NCACHE; c++) {
        if (cache_in[c] == f) {
            return c;
        }
    }
    return -1;
}

static int cache_of_out(char f)
{
    for (int c = 0; c < JIT_NCACHE; c++) {
        if (cache_out[c] == f) {
            return c;
        }
    }
    return -1;
}

/* The name's forms (cforms) and output (*cout) of the JIT's ni input
 * letters and output letter, numbered as the generator numbers them
 * (stencil-slots.h); reg gets each slot's register.  Returns the number
 * of slots. */
static int canon_forms(const char *forms, int ni, char out, char *cforms, char *cout,
                       uint8_t *reg)
{
    char keys[8];
    memcpy(cforms, forms, ni);
    cforms[ni] = 0;
    *cout = out;
    int n = stencil_slots(cforms, ni, cout, keys);
    for (int s = 0; s < n; s++) {
        reg[s] = jit_cache_reg[cache_of_in(keys[s])];
    }
    return n;
}

/* The stencils of fixed name, looked up once (the set is chosen at
 * start-up): move[from][to], from m, r, x..v to m, R, X..V (emit_move). */
static const char move_from[] = "mrxyzwuv", move_to[] = "mRXYZWUV";
#define FIXED_STENCILS(X)                                                           \
    X(insn_start, "insn_start") X(insn_start_i, "insn_start_i") X(tb_start, "tb_start") \
    X(br, "T_br") X(exit_tb, "T_exit_tb") X(goto_tb, "T_goto_tb")                       \
    X(goto_exit, "T_goto_exit") X(goto_tb_check, "T_goto_tb_check")                     \
    X(goto_tb_hot, "T_goto_tb_hot") X(br_exit_clear, "br_exit_clear")                   \
    X(lookup_inline, "T_lookup_inline") X(lookup_and_goto_ptr, "T_lookup_and_goto_ptr") \
    X(call_return, "call_return") X(return_host, "return_host")                         \
    X(mb, "mb") X(mov_i32_k, "mov_i32_k") X(mov_i64_k, "mov_i64_k")
static struct {
#define FIXED_FIELD(field, name) const Stencil *field;
    FIXED_STENCILS(FIXED_FIELD)
#undef FIXED_FIELD
    int check_field, check_call;    /* in goto_tb_check */
    int hot_field, hot_call;        /* in goto_tb_hot */
    const Stencil *move[8][8];
} fixed;
static pthread_once_t fixed_once = PTHREAD_ONCE_INIT;
static void access_tables_init(void);

/* The lowering's tables, once the stencil set is chosen. */
static void fixed_init(void)
{
    access_tables_init();
#define FIXED_GET(field, name) fixed.field = stencil_get(name);
    FIXED_STENCILS(FIXED_GET)
#undef FIXED_GET
    /* Its jmp's rel32 field, and its call (the unlinked path), which must
     * follow the jmp: "jne" to it, then "jmp TARGET". */
    fixed.check_field = stencil_hole_offset(fixed.goto_tb_check, HOLE_TARGET);
    fixed.check_call = stencil_hole_offset(fixed.goto_tb_check, HOLE_RT_goto_exit) - 1;
    if (fixed.check_field < 0 || fixed.check_call != fixed.check_field + 4) {
        fprintf(stderr, "mimic: jit: st_T_goto_tb_check has an unexpected layout\n");
        abort();
    }
    fixed.hot_field = stencil_hole_offset(fixed.goto_tb_hot, HOLE_TARGET);
    fixed.hot_call = stencil_hole_offset(fixed.goto_tb_hot, HOLE_RT_goto_exit) - 1;
    if (fixed.hot_field < 0 || fixed.hot_call != fixed.hot_field + 4) {
        fprintf(stderr, "mimic: jit: st_T_goto_tb_hot has an unexpected layout\n");
        abort();
    }
    for (int f = 0; f < 8; f++) {
        for (int t = 0; t < 8; t++) {
            char from[2], to[3] = "_", unused[JIT_NCACHE];
            canon_forms(&move_from[f], 1, move_to[t], from, &to[1], (uint8_t *)unused);
            const char *piece[] = { "mov_i64_", from, t ? to : "" };
            fixed.move[f][t] = f == t && f >= 2 ? NULL : stencil_lookup_pieces(piece, 3);
        }
    }
}

bool is_global64(Lower *L, TCGArg t)
{
    TCGTemp *ts = &L->s->temps[t];
    return ts->kind == TEMP_GLOBAL && ts->type == TCG_TYPE_I64;
}

/* The form letter of input temp t: m (in the CPU state), k (constant),
 * i (constant in [0, 2^31)), r (in R), x/y/z (in a cache register), e (env
 * register; only where allow_env). */
static char form_of(Lower *L, TCGArg t, bool allow_env)
{
    TCGTemp *ts = &L->s->temps[t];
    if (ts->kind == TEMP_CONST) {
        return ts->val < 0x80000000u ? 'i' : 'k';
    }
    if ((int)t == L->in_reg) {
        return 'r';
    }
    if (L->reg_of[t] >= 0) {
        return cache_in[L->reg_of[t]];
    }
    if (ts->kind == TEMP_ENV && allow_env) {
        return 'e';
    }
    return 'm';
}

static int slot_new(Lower *L)
{
    int slot = slot_get(&L->sa);
    if (slot < 0) {
        L->overflow = true;
        return L->frame_off;
    }
    return L->frame_off + slot * 8;
}

/* A block temp's home in memory: its frame slot, made on first need. */
int32_t offset_of(Lower *L, TCGArg t)
{
    TCGTemp *ts = &L->s->temps[t];
    switch (ts->kind) {
    case TEMP_GLOBAL:
        return ts->offset;
    case TEMP_ENV:
        return L->frame_off;
    default:
        if (L->slot_of[t] < 0) {
            L->slot_of[t] = slot_new(L);
        }
        return L->slot_of[t];
    }
}

/* Before anything that may raise (a guest access, a helper flagged
 * MAY_RAISE): CPUState.insn_pc must be the current instruction's pc.  Stored
 * once per instruction, not at every insn_start. */
static void sync_pc(Lower *L)
{
    if (L->pc_stored) {
        return;
    }
    Patch p = { .label = -1 };
    p.c[0] = L->cpu_off + offsetof(CPUState, insn_pc);
    p.k[0] = L->cur_pc;
    emit_stencil(&L->E, L->cur_pc < 0x80000000u ? fixed.insn_start_i : fixed.insn_start,
                 &p);
    L->pc_stored = true;
}

/* Moves between the CPU state, R and the cache registers. */
void emit_move(Lower *L, char from, char to, int32_t off)
{
    Patch p = { .label = -1 };
    p.o[0] = off;
    p.o[1] = off;
    int f = from == 'm' ? 0 : from == 'r' ? 1 : 2 + cache_of_in(from);
    int t = to == 'm' ? 0 : to == 'R' ? 1 : 2 + cache_of_out(to), n = 0;
    assert(move_from[f] == from && move_to[t] == to);
    if (f >= 2) {
        p.reg[n++] = jit_cache_reg[f - 2];
    }
    if (t >= 2) {
        p.reg[n++] = jit_cache_reg[t - 2];
    }
    const Stencil *st = fixed.move[f][t];
    assert(st);
    emit_stencil(&L->E, st, &p);
}

/* Moves the value held in R to its temp's frame slot. */
static void spill_reg(Lower *L)
{
    if (L->in_reg < 0) {
        return;
    }
    if (!L->in_reg_stored) {
        emit_move(L, 'r', 'm', offset_of(L, L->in_reg));
    }
    L->in_reg = -1;
}

/* The fault map of the access stencil just emitted at [start, end). */
static void note_fault_map(Lower *L, size_t start, size_t end)
{
    FaultMap m = { .start = start, .len = end - start, .guest_pc = L->cur_pc,
                   .memop = L->op->args[2] };
    for (int c = 0; c < JIT_NCACHE; c++) {
        int32_t off = L->cache[c].dirty ? L->s->temps[L->cache[c].temp].offset : -1;
        assert(off >= -1 && off <= INT16_MAX);
        m.off[c] = off;
    }
    if (end == start) {
        return;
    }
    if (L->nmaps == L->maxmaps) {
        L->maxmaps = L->maxmaps * 2 + 16;
        L->maps = scratch_grow(L->maps, L->nmaps * sizeof(FaultMap),
                               L->maxmaps * sizeof(FaultMap));
    }
    L->maps[L->nmaps++] = m;
}

/* The cold parts of guest accesses (their slow paths, after the block)
 * call the run-time functions, which find the access by their return
 * address: its map covers the cold part too.  Both lists are in code
 * order. */
static void note_cold_fault_maps(Lower *L)
{
    int m = 0, n = L->nmaps;
    for (int i = 0; i < L->E.ncold; i++) {
        const ColdPart *c = &L->E.cold[i];
        while (m < n && L->maps[m].start + L->maps[m].len < c->cont) {
            m++;
        }
        if (m == n || L->maps[m].start + L->maps[m].len != c->cont) {
            continue;   /* not a guest access: no map needed */
        }
        L->maps[m].cold = c->pos;
        L->maps[m].cold_len = c->st->cold_size;
    }
}

/* Stores constant v into a fresh scratch slot for this op. */
static int32_t materialize(Lower *L, uint64_t v)
{
    int slot = slot_get(&L->sa);
    if (slot < 0) {
        L->overflow = true;
        return L->frame_off;
    }
    L->scratch[L->nscratch++] = slot;
    int32_t off = L->frame_off + slot * 8;
    Patch p = { .label = -1 };
    p.o[0] = off;
    p.k[1] = v;
    emit_stencil(&L->E, fixed.mov_i64_k, &p);
    return off;
}

/* A scratch slot for this op. */
static int32_t scratch_slot(Lower *L)
{
    int slot = slot_get(&L->sa);
    if (slot < 0) {
        L->overflow = true;
        return L->frame_off;
    }
    L->scratch[L->nscratch++] = slot;
    return L->frame_off + slot * 8;
}

/* Input t, which is in a cache register, as a CPU-state operand: a global
 * is written back (if dirty), a block temp copied to a scratch slot. */
static int32_t cache_to_mem(Lower *L, TCGArg t)
{
    int c = L->reg_of[t];
    if (L->s->temps[t].kind == TEMP_GLOBAL && L->cache[c].temp != (int)t) {
        /* Its register went to the output (cache_claim): it still holds
         * t's value, which may be newer than memory. */
        emit_move(L, cache_in[c], 'm', L->s->temps[t].offset);
        return L->s->temps[t].offset;
    }
    if (L->s->temps[t].kind == TEMP_GLOBAL) {
        cache_writeback(L, c);
        return L->s->temps[t].offset;
    }
    int32_t off = scratch_slot(L);
    emit_move(L, cache_in[c], 'm', off);
    return off;
}

/* The suffix of a condition's or an op kind's stencils ("_c<k>", the
 * generator's variant_name), as strings that stay put: the narrowing
 * memo keys on their addresses. */
#define KIND_SUFFIXES 2048
static char kind_suffix_text[KIND_SUFFIXES][7];

__attribute__((constructor)) static void kind_suffix_init(void)
{
    for (int k = 0; k < KIND_SUFFIXES; k++) {
        snprintf(kind_suffix_text[k], sizeof(kind_suffix_text[k]), "_c%d", k);
    }
}

static const char *kind_suffix(unsigned k)
{
    return kind_suffix_text[k];
}
_Static_assert(TCG_COND_TSTNE < KIND_SUFFIXES && (TCG_FP_OP | TCG_FP_F64) < KIND_SUFFIXES &&
               TCG_FU_KINDS <= KIND_SUFFIXES &&
               TCG_FMA_KINDS <= KIND_SUFFIXES && TCG_VOP_KINDS <= KIND_SUFFIXES,
               "kind_suffix covers every condition and op kind");

/* Where env may be an operand (form e): nowhere, the last input (the base
 * of host loads and stores), any input (helper arguments). */
enum { ENV_NONE, ENV_LAST, ENV_ANY };

/* What lower_generic's narrowing found for a request (base, suffix, the
 * input forms, the wanted output): it depends on nothing else, and the
 * narrowing probes the stencil index up to a dozen times.  base and
 * suffix are strings that live as long as the process (op names, the
 * tables here), so their addresses stand for them.  Direct-mapped, per
 * translating thread; off while stencil wishes are counted (each request
 * must reach wish_note). */
typedef struct NarrowMemo {
    const char *base, *suffix;
    uint64_t forms;         /* the request's letters */
    uint64_t got_forms;     /* the narrowed ones, which st takes */
    const Stencil *st;      /* NULL: empty */
    char want, got;
} NarrowMemo;
#define NARROW_MEMO_SLOTS 4096
static __thread NarrowMemo *narrow_memo;

static NarrowMemo *narrow_memo_slot(const char *base, const char *suffix, uint64_t forms,
                                    char want)
{
    if (wish_counting()) {
        return NULL;
    }
    if (!narrow_memo) {
        narrow_memo = calloc(NARROW_MEMO_SLOTS, sizeof(NarrowMemo));
        if (!narrow_memo) {
            return NULL;
        }
    }
    uint64_t h = ((uintptr_t)base * 0x9E3779B97F4A7C15ull) ^ (uintptr_t)suffix ^
                 (forms * 0xC2B2AE3D27D4EB4Full) ^ (uint8_t)want;
    h *= 0x9E3779B97F4A7C15ull;
    NarrowMemo *m = &narrow_memo[h >> (64 - 12)];
    if (m->base != base || m->suffix != suffix || m->forms != forms || m->want != want) {
        *m = (NarrowMemo){ .base = base, .suffix = suffix, .forms = forms, .want = want };
    }
    return m;
}

/* The letters of the stencil looked up for the JIT's forms: P (a cache
 * register moved to R first) is r; M, S, C (a constant materialized, R
 * spilled, a cache register written back) are m. */
static void look_forms(const char *forms, int ni, char *look)
{
    for (int j = 0; j < ni; j++) {
        char f = forms[j];
        look[j] = f == 'P' ? 'r' : f == 'M' || f == 'S' || f == 'C' ? 'm' : f;
    }
    look[ni] = 0;
}

/* Whether st may take its nslots cache-register slots in registers reg:
 * a stencil that calls out only its slots read before the call and
 * written after it (not late_slots) in r8-r11. */
static bool calls_binding_ok(const Stencil *st, const uint8_t *reg, int nslots)
{
    if (!(st->flags & STENCIL_F_CALLS)) {
        return true;
    }
    for (int s = 0; s < nslots; s++) {
        bool caller_saved = false;
        for (int c = 0; c < JIT_NCALLER_SAVED; c++) {
            caller_saved |= reg[s] == jit_cache_reg[c];
        }
        if (caller_saved && (st->late_slots >> s & 1)) {
            return false;
        }
    }
    return true;
}

static void lower_generic(Lower *L, TCGOp *op, const char *base, const char *suffix,
                          const int *cargs, int ncargs, int label, int env_mode,
                          const Patch *extra)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int no = op->nb_oargs, ni = op->nb_iargs;
    /* Hole numbers: outputs from 0, inputs after them (calls: from 1). */
    int in_hole = op->opc == INDEX_op_call ? 1 : no;
    char forms[8] = { 0 };
    for (int k = 0; k < ni; k++) {
        bool allow_env = env_mode == ENV_ANY || (env_mode == ENV_LAST && k == ni - 1);
        forms[k] = form_of(L, op->args[no + k], allow_env);
    }
    /* Shift counts as imm8 fields (gen_binary): only below the width. */
    if ((def->flags & TCG_OPF_SHIFT) && forms[1] == 'i' &&
        L->s->temps[op->args[no + 1]].val >= ((def->flags & TCG_OPF_64BIT) ? 64u : 32u)) {
        forms[1] = 'k';
    }
    /* movcond compares in registers (its x/y/z/w forms) and reads the
     * values from memory, where the cmov takes them: a clean guest
     * register is there already. */
    if ((op->opc == INDEX_op_movcond_i64) && cache_of_in(forms[0]) >= 0 &&
        (cache_of_in(forms[1]) >= 0 || forms[1] == 'i')) {
        for (int k = 2; k < 4; k++) {
            forms[k] = cache_of_in(forms[k]) >= 0 ? 'C' : forms[k] == 'r' ? 'S'
                       : forms[k] == 'k' || forms[k] == 'i' ? 'M' : forms[k];
        }
    }
    /* A helper's fifth and sixth arguments go in r8 and r9: with five
     * or six, the call stencils take no cache register (gen_call_variant),
     * so the arguments in one are passed through memory from the start. */
    if (op->opc == INDEX_op_call && ni > 4) {
        for (int k = 0; k < ni; k++) {
            forms[k] = cache_of_in(forms[k]) >= 0 ? 'C' : forms[k];
        }
    }
    forms[ni] = 0;
    char want = no == 1 ? L->out_loc : 'm';
    char got = 'm';
    bool wished = false;
    const Stencil *st = NULL;
    uint64_t forms_key;
    memcpy(&forms_key, forms, 8);
    NarrowMemo *memo = narrow_memo_slot(base, suffix, forms_key, want);
    if (memo && memo->st) {
        memcpy(forms, &memo->got_forms, 8);
        got = memo->got;
        st = memo->st;
    }
    Patch p = { .label = label };
    for (int k; !st;) {
        char look[8];
        look_forms(forms, ni, look);
        const char outs[3] = { want, want != 'm' && want != 'R' ? 'R' : 'm', 'm' };
        for (int o = 0; o < 3 && !st; o++) {
            /* base[_forms][_OUT]suffix, in slots */
            char cforms[8], out[3] = { '_', 0, 0 };
            int nslots = canon_forms(look, ni, outs[o], cforms, &out[1], p.reg);
            const char *piece[] = { base, ni ? "_" : "", cforms, outs[o] != 'm' ? out : "",
                                    suffix };
            if (o == 0 && !wished && wish_counting()) {
                char *name = g_strconcat(piece[0], piece[1], piece[2], piece[3],
                                         piece[4], NULL);
                wish_note(name);
                g_free(name);
                wished = true;
            }
            st = stencil_lookup_pieces(piece, 5);
            if (st && !calls_binding_ok(st, p.reg, nslots)) {
                st = NULL;      /* (narrowed below: to R or memory) */
            }
            got = outs[o];
        }
        if (st) {
            break;
        }
        /* Narrow: the last cache register to R (P: a register move
         * first, if R is free: every op has r forms) or else to memory;
         * else the last i to k; else P to memory; else the value in R to
         * memory (spilled below); else env to its slot; else the last k
         * to M (materialized into a scratch slot below). */
        for (k = ni - 1; k >= 0 && cache_of_in(forms[k]) < 0; k--) {
        }
        if (k >= 0) {
            char c = forms[k];
            bool r_free = !memchr(forms, 'r', ni) && !memchr(forms, 'P', ni);
            for (int j = 0; j < ni; j++) {
                forms[j] = forms[j] == c ? (r_free ? 'P' : 'C') : forms[j];
            }
            continue;
        }
        for (k = ni - 1; k >= 0 && forms[k] != 'i'; k--) {
        }
        if (k >= 0) {
            forms[k] = 'k';
            continue;
        }
        if (memchr(forms, 'P', ni)) {
            for (int j = 0; j < ni; j++) {
                forms[j] = forms[j] == 'P' ? 'C' : forms[j];
            }
            continue;
        }
        for (k = ni - 1; k >= 0 && forms[k] != 'r'; k--) {
        }
        if (k >= 0) {
            for (int j = 0; j < ni; j++) {
                forms[j] = forms[j] == 'r' ? 'S' : forms[j];
            }
            continue;
        }
        for (k = ni - 1; k >= 0 && forms[k] != 'e'; k--) {
        }
        if (k >= 0) {
            forms[k] = 'm';     /* frame slot 0 holds env */
            continue;
        }
        for (k = ni - 1; k >= 0 && forms[k] != 'k'; k--) {
        }
        if (k < 0) {
            fprintf(stderr, "mimic: jit: no stencil for %s%s\n", base, suffix);
            abort();
        }
        forms[k] = 'M';
    }
    if (memo && !memo->st) {
        memcpy(&memo->got_forms, forms, 8);
        memo->got = got;
        memo->st = st;
    }
    /* The registers of its slots. */
    {
        char look[8], cforms[8], cout;
        look_forms(forms, ni, look);
        canon_forms(look, ni, got, cforms, &cout, p.reg);
    }
    if (st->flags & STENCIL_F_CALLS) {
        /* (cache_around_call emptied them but for arguments read before
         * the call, clean if globals, and the output, written after it:
         * calls_binding_ok.) */
        for (int c = 0; c < JIT_NCALLER_SAVED; c++) {
            int t = L->cache[c].temp;
            bool out = false;
            for (int k = 0; k < no; k++) {
                out |= t == (int)op->args[k];
            }
            bool arg = t >= 0 && t == L->drop_after[c] && !L->cache[c].dirty;
            if (t >= 0 && !out && !arg) {
                fprintf(stderr, "mimic: jit: %s calls out with r%d live\n",
                        base, jit_cache_reg[c]);
                abort();
            }
        }
    }
    bool spilled = false;
    for (int k = 0; k < ni; k++) {
        spilled |= forms[k] == 'S';
    }
    if (spilled) {
        spill_reg(L);
    }
    for (int k = 0; k < ni; k++) {
        if (forms[k] == 'P') {
            emit_move(L, cache_in[L->reg_of[op->args[no + k]]], 'R', 0);
            break;      /* (one cache register: all its inputs read R) */
        }
    }
    if (extra) {
        uint8_t reg[JIT_NCACHE];
        memcpy(reg, p.reg, sizeof(reg));
        p = *extra;
        p.label = label;
        memcpy(p.reg, reg, sizeof(reg));
    }
    for (int k = 0; k < ni; k++) {
        TCGArg t = op->args[no + k];
        int h = in_hole + k;
        if (forms[k] == 'k' || forms[k] == 'i') {
            p.k[h] = L->s->temps[t].val;
        } else if (forms[k] == 'M') {
            p.o[h] = materialize(L, L->s->temps[t].val);
        } else if (forms[k] == 'C') {
            p.o[h] = cache_to_mem(L, t);
        } else if (forms[k] == 'm' || forms[k] == 'S') {
            p.o[h] = offset_of(L, t);
        }
    }
    /* Where a register output that fell back to memory goes first. */
    int32_t out_tmp = 0;
    if (no == 1 && want != 'm' && want != 'R' && got == 'm') {
        out_tmp = L->s->temps[op->args[0]].kind == TEMP_GLOBAL ? offset_of(L, op->args[0])
                                                               : scratch_slot(L);
    }
    for (int k = 0; k < no; k++) {
        if (!(k == 0 && want != 'm' && got != 'm')) {
            p.o[k] = out_tmp && k == 0 ? out_tmp : offset_of(L, op->args[k]);
        }
    }
    for (int c = 0; c < ncargs; c++) {
        p.c[c] = op->args[no + ni + cargs[c]];
    }
    size_t start = L->E.pos;
    emit_stencil(&L->E, st, &p);
    if (is_guest_access(op->opc)) {
        note_fault_map(L, start, L->E.pos);
    }
    if (want == 'R' && got == 'm') {
        L->out_loc = 'm';       /* in its frame slot after all */
    } else if (want != 'm' && want != 'R' && got == 'R') {
        emit_move(L, 'r', want, 0);
    } else if (want != 'm' && want != 'R' && got == 'm') {
        /* (A 32-bit op stored 32 bits: bits 63:32 are unknown.) */
        emit_move(L, 'm', want, out_tmp);
        L->out_via_mem = true;
    }
}

/* The suffix of a guest access's stencils, _o<memop>[a][t|s], by memop
 * bits, alignment and kind of check (access_check: user mode's range,
 * its top-byte-ignore, system mode's soft TLB) (static: lower_generic's
 * memo), and whether a guest access op (by access_op_index) has an inline
 * form with that suffix. */
enum { CHECK_RANGE, CHECK_TBI, CHECK_TLB, NB_CHECKS };
static const char access_check_suffix[NB_CHECKS][2] = { "", "t", "s" };
static char access_suffix[32][2][NB_CHECKS][16];
static bool access_inline[4][32][2][NB_CHECKS];

static int access_check(void)
{
    return guest_softmmu ? CHECK_TLB : guest_top_byte_ignore ? CHECK_TBI : CHECK_RANGE;
}

/* 0..3: qemu_ld_i32, qemu_ld_i64, qemu_st_i32, qemu_st_i64. */
static int access_op_index(TCGOpcode opc)
{
    const TCGOpDef *def = &tcg_op_defs[opc];
    return (def->kind == TCG_KIND_GUEST_STORE) * 2 + !!(def->flags & TCG_OPF_64BIT);
}

static void access_tables_init(void)
{
    for (int b = 0; b < 32; b++) {
        for (int a = 0; a < 2; a++) {
            for (int t = 0; t < NB_CHECKS; t++) {
                snprintf(access_suffix[b][a][t], 16, "_o%d%s%s", b, a ? "a" : "",
                         access_check_suffix[t]);
            }
        }
    }
    for (TCGOpcode opc = 0; opc < NB_OPS; opc++) {
        if (!is_guest_access(opc)) {
            continue;
        }
        bool load = tcg_op_defs[opc].kind == TCG_KIND_GUEST_LOAD;
        for (int b = 0; b < 32; b++) {
            for (int a = 0; a < 2; a++) {
                for (int t = 0; t < NB_CHECKS; t++) {
                    const char *piece[] = { tcg_op_defs[opc].name, load ? "_m" : "_mm",
                                            access_suffix[b][a][t] };
                    access_inline[access_op_index(opc)][b][a][t] =
                        stencil_lookup_pieces(piece, 3);
                }
            }
        }
    }
}

/* qemu_ld/qemu_st inline (see gen_guest_access in gen-stencils.c). */
static void lower_guest_access(Lower *L, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    unsigned mop = op->args[2];
    unsigned align = memop_align(mop);
    bool load = def->nb_oargs;
    /* (A store's sign bit means nothing.) */
    unsigned bits = mop & (MO_SIZE | MO_BE | (load ? MO_SIGN : 0));
    int check = access_check();
    const char *suffix = access_suffix[bits][align > 1][check];
    /* User mode with guest_mem_ops (gdb's watchpoints): every access
     * calls out, to be checked. */
    bool inline_form = access_inline[access_op_index(op->opc)][bits][align > 1][check] &&
                       (guest_softmmu || !guest_mem_ops);
    Patch extra = { .label = -1 };
    extra.c[1] = align - 1;
    if (check == CHECK_RANGE) {
        /* gen_guest_access: inline if addr <= K4 (with TBI, if addr has
         * no bit of rbp's mask: jit_enter). */
        extra.k[4] = (guest_addr_bits >= 64 ? ~0ull : (1ull << guest_addr_bits) - 1) -
                     (memop_size(mop) - 1);
    } else if (check == CHECK_TLB) {
        /* The entries of the access's MMU index. */
        extra.c[2] = ((mop >> MO_IDX_SHIFT) & (GUEST_TLB_MODES - 1))
                     << (GUEST_TLB_BITS + GUEST_TLB_ENTRY_BITS);
    }
    static const int cargs[] = { 0 };
    const char *sfx = inline_form ? suffix : "";
    if (!*sfx) {
        /* No inline form: through the run-time function, operands in
         * memory. */
        L->out_loc = L->out_loc == 'R' ? 'm' : L->out_loc;
    }
    lower_generic(L, op, def->name, sfx, cargs, 1, -1, ENV_NONE, &extra);
}

/* The FP ops with a host path and a fallback (fbinop_i64, funop_i64,
 * fbinop_vec, fmuladd_vec): one stencil per kind (suffix _c<kind>), the
 * fallback called from its cold part through jit_fpslow_entry (K4: the
 * helper; K5, K6: the mode word's mask and value). */
static Patch fp_patch(TCGArg fallback, TCGArg mask, TCGArg val)
{
    const TCGHelperInfo *info = (const TCGHelperInfo *)fallback;
    Patch p = { .label = -1, .helper = (uintptr_t)info->func };
    p.k[4] = (uintptr_t)info->func;
    p.k_image = 1 << 4;
    p.k[5] = mask;
    p.k[6] = val;
    return p;
}

/* fbinop_i64: C2 the mode word's offset. */
static void lower_fbinop(Lower *L, TCGOp *op)
{
    Patch extra = fp_patch(op->args[4], op->args[6], op->args[7]);
    extra.c[2] = op->args[5];
    lower_generic(L, op, "fbinop_i64", kind_suffix(op->args[3]), NULL, 0, -1, ENV_NONE,
                  &extra);
}

/* funop_i64: the same, the fallback's third argument in K3, the
 * fraction bits in C0. */
static void lower_funop(Lower *L, TCGOp *op)
{
    Patch extra = fp_patch(op->args[3], op->args[6], op->args[7]);
    extra.c[2] = op->args[5];
    extra.k[3] = op->args[4];
    extra.c[0] = op->args[8];
    lower_generic(L, op, "funop_i64", kind_suffix(op->args[2]), NULL, 0, -1, ENV_NONE,
                  &extra);
}

/* vop_vec: one stencil per kind, on CPU-state offsets (O0-O2), the
 * shifts' count in C0, the saturation flag's word and bit in O3 and C1. */
static void lower_vop_vec(Lower *L, TCGOp *op)
{
    Patch extra = { .label = -1 };
    for (int k = 0; k < 3; k++) {
        extra.o[k] = op->args[1 + k];
    }
    extra.c[0] = op->args[4];
    extra.o[3] = op->args[5];
    extra.c[1] = op->args[6];
    lower_generic(L, op, "vop_vec", kind_suffix(op->args[0]), NULL, 0, -1, ENV_NONE, &extra);
}

/* fmuladd_vec: on CPU-state offsets (O0-O3, O4 the mode word), the
 * fallback called with its desc and regs (K1, K2). */
static void lower_fmuladd_vec(Lower *L, TCGOp *op)
{
    Patch extra = fp_patch(op->args[1], op->args[9], op->args[10]);
    extra.k[1] = op->args[2];
    extra.k[2] = op->args[3];
    for (int k = 0; k < 5; k++) {
        extra.o[k] = op->args[4 + k];
    }
    lower_generic(L, op, "fmuladd_vec", kind_suffix(op->args[0]), NULL, 0, -1, ENV_NONE,
                  &extra);
}

/* fbinop_vec: on CPU-state offsets (O0-O2, O3 the mode word), the
 * fallback called as fbinop_i64's, lane by lane. */
static void lower_fbinop_vec(Lower *L, TCGOp *op)
{
    Patch extra = fp_patch(op->args[1], op->args[6], op->args[7]);
    for (int k = 0; k < 4; k++) {
        extra.o[k] = op->args[2 + k];
    }
    lower_generic(L, op, "fbinop_vec", kind_suffix(op->args[0]), NULL, 0, -1, ENV_NONE,
                  &extra);
}

/* funop_vec: on CPU-state offsets (O0, O1, O3 the mode word), the
 * fallback called as funop_i64's (K3 its argument), lane by lane; the
 * fraction bits in C0. */
static void lower_funop_vec(Lower *L, TCGOp *op)
{
    Patch extra = fp_patch(op->args[1], op->args[6], op->args[7]);
    extra.k[3] = op->args[2];
    extra.c[0] = op->args[8];
    extra.o[0] = op->args[3];
    extra.o[1] = op->args[4];
    extra.o[3] = op->args[5];
    lower_generic(L, op, "funop_vec", kind_suffix(op->args[0]), NULL, 0, -1, ENV_NONE,
                  &extra);
}

/* Helper calls: arguments in any location (e: env), the result in a
 * register or the CPU state, through the generic narrowing. */
static void lower_call(Lower *L, TCGOp *op)
{
    TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
    Patch extra = { .label = -1, .helper = (uintptr_t)info->func };
    static const char *const base[3][7] = {
        { "callv0", "callv1", "callv2", "callv3", "callv4", "callv5", "callv6" },
        { "callw0", "callw1", "callw2", "callw3", "callw4", "callw5", "callw6" },
        { "callq0", "callq1", "callq2", "callq3", "callq4", "callq5", "callq6" },
    };
    if (op->nb_iargs > 6) {
        fprintf(stderr, "mimic: jit: a helper call with %d arguments\n", op->nb_iargs);
        abort();
    }
    int ret = !op->nb_oargs ? 0 : info->ret == TCG_CALL_I32 ? 1 : 2;
    lower_generic(L, op, base[ret][op->nb_iargs], "", NULL, 0, -1, ENV_ANY, &extra);
}

/* Conditions NEVER/ALWAYS have no stencils: they become moves or jumps. */
static bool lower_trivial_cond(Lower *L, TCGOp *op)
{
    TCGOpcode opc = op->opc;
    bool is64 = tcg_op_defs[opc].flags & TCG_OPF_64BIT;
    const char *mov = is64 ? "mov_i64" : "mov_i32";
    Patch p = { .label = -1 };
    TCGCond c;
    switch (opc) {
    case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
        c = op->args[3];
        if (c != TCG_COND_NEVER && c != TCG_COND_ALWAYS) {
            return false;
        }
        p.o[0] = offset_of(L, op->args[0]);
        p.k[1] = c == TCG_COND_ALWAYS;
        emit_stencil(&L->E, is64 ? fixed.mov_i64_k : fixed.mov_i32_k, &p);
        return true;
    case INDEX_op_movcond_i32: case INDEX_op_movcond_i64: {
        c = op->args[5];
        if (c != TCG_COND_NEVER && c != TCG_COND_ALWAYS) {
            return false;
        }
        TCGArg src = op->args[c == TCG_COND_ALWAYS ? 3 : 4];
        TCGOp mv = { .opc = is64 ? INDEX_op_mov_i64 : INDEX_op_mov_i32,
                     .nb_oargs = 1, .nb_iargs = 1, .args = { op->args[0], src } };
        lower_generic(L, &mv, mov, "", NULL, 0, -1, ENV_NONE, NULL);
        return true;
    }
    case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
        c = op->args[2];
        if (c == TCG_COND_NEVER) {
            return true;
        }
        if (c != TCG_COND_ALWAYS) {
            return false;
        }
        p.label = op->args[3];
        emit_stencil(&L->E, fixed.br, &p);
        return true;
    default:
        return false;
    }
}

/* Whether goto_tb op i is followed by the front ends' direct exit "mov
 * pc, $dest; exit_tb tb|n"; if so, its destination and the two ops. */
static bool direct_exit_dest(TCGContext *s, TranslationBlock *tb, int i, uint64_t *dest,
                             int *mov_op, int *exit_op)
{
    int n = s->ops[i].args[0];
    int j = next_code_op(s, i);
    int k = j < s->nb_ops ? next_code_op(s, j) : s->nb_ops;
    if (tb_key_pc_offset < 0 || k >= s->nb_ops) {
        return false;
    }
    TCGOp *mov = &s->ops[j], *exit = &s->ops[k];
    TCGTemp *pc = &s->temps[mov->args[0]], *val = &s->temps[mov->args[1]];
    if (mov->opc != INDEX_op_mov_i64 || pc->kind != TEMP_GLOBAL ||
        pc->offset != tb_key_pc_offset || val->kind != TEMP_CONST ||
        exit->opc != INDEX_op_exit_tb || exit->args[0] != ((uintptr_t)tb | n)) {
        return false;
    }
    if (dest) {
        *dest = val->val;
        *mov_op = j;
        *exit_op = k;
    }
    return true;
}

/* goto_tb n: a "jmp rel32" whose field is 4-byte aligned (set_jmp
 * patches it with one atomic store), then the unlinked path.
 *
 * A direct exit (direct_exit_dest) is compact: its unlinked path is one
 * call, which finds the block and the exit from its return address and
 * sets the pc from tb->jmp_pc[n] (jit_goto_exit), and the "mov pc; exit_tb"
 * ops emit nothing.  They were a quarter of a block's code, dead once the
 * exit is linked, which most are.
 *
 * The exit request test is on the backward exits, not at each block's
 * entry: a loop of linked blocks has a block whose successor starts at a
 * pc no greater than its own, and the other ways back into a block
 * (indirect jumps: st_T_lookup_inline, jit_rt_lookup; the loop) test it
 * too.  29 bytes less per block, and a loop runs one test, not one per
 * block.  A block with an exit of another shape tests on entry instead
 * (entry_test). */
static void lower_goto_tb(Lower *L, TranslationBlock *tb, int i, bool entry_test)
{
    TCGContext *s = L->s;
    int n = s->ops[i].args[0];
    uint64_t dest;
    int mov_op, exit_op;
    bool compact = direct_exit_dest(s, tb, i, &dest, &mov_op, &exit_op);
    if (n == TB_EXIT_RETURN && compact && !jit_return_stack && !tb->region_blocks) {
        /* Without the return stack nothing reaches a block's return
         * landing (push_return emitted nothing): it is left out, and only
         * its pc stays, which marks the block as one that calls
         * (region.c).  It was 4% of a compiler's code. */
        tb->jmp_pc[n] = dest;
        s->ops[mov_op].opc = INDEX_op_nop;
        s->ops[exit_op].opc = INDEX_op_nop;
        return;
    }
    bool test = compact && !entry_test && dest <= tb->pc;
    /* Where hot regions are on, backward exits count (not a region's). */
    bool hot = test && tb_tier2_threshold && !tb->region_blocks;
    const Stencil *st = hot ? fixed.goto_tb_hot : test ? fixed.goto_tb_check : fixed.goto_tb;
    int field = hot ? fixed.hot_field : test ? fixed.check_field : 1;
    int call = hot ? fixed.hot_call : fixed.check_call;
    emit_nops(&L->E, (4 - (L->E.pos + field) % 4) % 4);
    Patch p = { .label = -1 };
    p.c[0] = L->cpu_off + offsetof(CPUState, exit_request);
    p.k[0] = (uintptr_t)&tb->hot_count;
    p.k[1] = dest;
    p.k[2] = (uintptr_t)tb | TB_EXIT_HOT;
    p.k_tb = 1 << 0 | 1 << 2;
    p.o[0] = tb_key_pc_offset;
    tb->jmp_insn_offset[n] = L->E.pos + field;
    /* Unlinked: to the test's call, or to what follows the jmp. */
    tb->jmp_reset_offset[n] = L->E.pos + (test ? call : st->size);
    p.target = L->E.rx + tb->jmp_reset_offset[n];
    emit_stencil(&L->E, st, &p);
    if (compact) {
        tb->jmp_pc[n] = dest;
        if (!test) {
            emit_stencil(&L->E, fixed.goto_exit, &(Patch){ .label = -1 });
        }
        s->ops[mov_op].opc = INDEX_op_nop;
        s->ops[exit_op].opc = INDEX_op_nop;
    }
}

/* The code of the block in s as tb, into buf as if at rx; detached (for
 * jit_gen_detached): recording what moving it needs, and keeping its
 * fault maps for jit_place_detached instead of publishing them. */
static long gen_block(TCGContext *s, TranslationBlock *tb, uint8_t *buf, uintptr_t rx,
                      size_t avail, bool detached)
{
    jit_init_once();
    pthread_once(&fixed_once, fixed_init);
    CPUState *cpu = current_cpu;
    Lower L = { .s = s };
    L.frame_off = (int)((uint8_t *)cpu->frame - (uint8_t *)cpu->env);
    L.cpu_off = (int)((uint8_t *)cpu - (uint8_t *)cpu->env);
    L.E.buf = buf;
    L.E.rx = rx;
    L.E.avail = avail;
    L.E.rax_pos = -1;
    /* (Regions are made anew by each run: never saved.) */
    L.E.record = pcache_recording && !tb->region_blocks && !detached;
    L.E.movable = detached;
    L.E.tb = (uintptr_t)tb;
    L.E.label_pos = scratch_alloc(sizeof(int) * (s->nb_labels + 1));
    L.slot_of = scratch_alloc(sizeof(int32_t) * s->nb_temps);
    L.last_use = scratch_alloc(sizeof(int) * s->nb_temps);
    L.uses_left = scratch_zalloc(sizeof(int) * s->nb_temps);
    L.reads_left = scratch_zalloc(sizeof(int) * s->nb_temps);
    L.reg_of = scratch_alloc(s->nb_temps);
    L.reg_ok = scratch_zalloc(sizeof(bool) * s->nb_temps);
    L.use_cur = scratch_alloc(sizeof(int) * s->nb_temps);
    L.use_end = scratch_alloc(sizeof(int) * s->nb_temps);
    int *first_region = scratch_alloc(sizeof(int) * s->nb_temps);
    L.sa = (SlotAlloc)FRAME_SLOTS_INIT;
    L.in_reg = -1;
    for (int c = 0; c < JIT_NCACHE; c++) {
        L.cache[c].temp = -1;
    }
    for (int c = 0; c < JIT_NCALLER_SAVED; c++) {
        L.drop_after[c] = -1;
    }
    bool log_marks = qemu_loglevel_mask(LOG_OUT_ASM);
    jit_mark_reset();
    long result = -1;

    for (int i = 0; i < s->nb_temps; i++) {
        L.last_use[i] = -1;
        L.slot_of[i] = -1;
        L.reg_of[i] = -1;
        first_region[i] = -1;
    }
    L.lea_scale = scratch_zalloc(s->nb_ops ? s->nb_ops : 1);
    const int *occurs = count_occurrences(s);
    fuse_lea(s, occurs, L.lea_scale);
    fuse_extrl(s, occurs);
    fuse_narrow32(s, occurs, L.lea_scale);
    /* Uses, and which block temps live within one label-free stretch (they
     * may stay in a cache register: labels drop the cache). */
    int region = 0;
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_nop) {
            continue;
        }
        region += op->opc == INDEX_op_set_label;
        for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
            TCGArg t = op->args[k];
            L.last_use[t] = i;
            L.uses_left[t]++;
            L.reads_left[t] += k >= op->nb_oargs;
            if (first_region[t] < 0) {
                first_region[t] = region;
                L.reg_ok[t] = s->temps[t].kind == TEMP_EBB;
            } else if (first_region[t] != region) {
                L.reg_ok[t] = false;
            }
        }
    }
    /* Where each temp is used, for next_use. */
    int nuses = 0;
    for (int t = 0; t < s->nb_temps; t++) {
        L.use_cur[t] = nuses;
        nuses += L.uses_left[t];
        L.use_end[t] = L.use_cur[t];
    }
    L.use_pos = scratch_alloc(sizeof(int) * (nuses + 1));
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_nop) {
            continue;
        }
        for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
            TCGArg t = op->args[k];
            L.use_pos[L.use_end[t]++] = i;
        }
    }

    /* Where the cached globals are dropped next (read_later in
     * jit-alloc.c): labels, and calls that may write globals. */
    L.next_drop = scratch_alloc(sizeof(int) * (s->nb_ops + 1));
    L.next_drop[s->nb_ops] = s->nb_ops;
    for (int i = s->nb_ops - 1; i >= 0; i--) {
        TCGOp *op = &s->ops[i];
        bool drops = op->opc == INDEX_op_set_label;
        if (op->opc == INDEX_op_call) {
            TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
            drops = !(info->flags & TCG_CALL_NO_WG);
        }
        L.next_drop[i] = drops ? i : L.next_drop[i + 1];
    }

    /* The exit request test: at the block's entry only where an exit
     * has no compact form (lower_goto_tb). */
    bool entry_test = false;
    for (int i = 0; i < s->nb_ops; i++) {
        entry_test |= s->ops[i].opc == INDEX_op_goto_tb &&
                      !direct_exit_dest(s, tb, i, NULL, NULL, NULL);
    }
    if (entry_test) {
        Patch p0 = { .label = -1 };
        p0.c[0] = L.cpu_off + offsetof(CPUState, exit_request);
        p0.k[0] = (uintptr_t)tb | TB_EXIT_REQUESTED;
        p0.k_tb = 1;
        emit_stencil(&L.E, fixed.tb_start, &p0);
    }
    cache_pin_choose(&L, tb);

    for (int i = 0; i < s->nb_ops && !L.E.full && !L.overflow; i++) {
        TCGOp *op = &s->ops[i];
        TCGOpcode opc = op->opc;
        if (opc == INDEX_op_nop) {
            continue;
        }
        const TCGOpDef *def = &tcg_op_defs[opc];
        L.nscratch = 0;
        if (L.in_reg >= 0 && !reg_consumer(&L, op)) {
            spill_reg(&L);      /* safety net: reg_consumer chose it */
        }
        cache_before_op(&L, op);
        bool generic = reg_consumer(&L, op) && def->kind != TCG_KIND_ATOMIC;
        /* A right shift of a zero-extended value in R is zero-extended
         * too (UBFX w: movzx, shr; no mov r32, r32 after). */
        bool zext_shr = opc == INDEX_op_shr_i64 &&
                        (((int)op->args[1] == L.in_reg && L.in_reg_zext) ||
                         (L.reg_of[op->args[1]] >= 0 && L.cache[L.reg_of[op->args[1]]].zext));
        L.op = op;
        /* Counted as done: what is left is after this op. */
        for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
            TCGArg t = op->args[k];
            while (L.use_cur[t] < L.use_end[t] && L.use_pos[L.use_cur[t]] <= i) {
                L.use_cur[t]++;
            }
            L.uses_left[op->args[k]]--;
            L.reads_left[op->args[k]] -= k >= op->nb_oargs;
        }
        if (L.calls_out) {
            cache_around_call(&L, op, i);
        }
        if (generic) {
            load_inputs(&L, op);
        }
        L.out_loc = 'm';
        L.store_out = false;
        L.out_via_mem = false;
        bool renamed = generic && rename_move(&L, op);
        if (renamed) {
            L.out_loc = cache_out[L.reg_of[op->args[0]]];
        } else if (generic && op->nb_oargs == 1) {
            L.out_loc = choose_output(&L, i, op);
        }
        if ((def->flags & TCG_OPF_MAY_FAULT) && !is_guest_access(opc)) {
            sync_pc(&L);
        } else if (opc == INDEX_op_call) {
            TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
            /* Only raising needs the pc (cpu_loop_exit_restore). */
            if (info->flags & TCG_CALL_MAY_RAISE) {
                sync_pc(&L);
            }
        }
        /* Zeroed only where used (a Patch is not small, and this is per op). */
        Patch p;
        if (renamed) {
            /* (nothing to emit) */
        } else switch (opc) {
        case INDEX_op_set_label:
            L.E.label_pos[op->args[0]] = L.E.pos;
            L.E.rax_pos = -1;       /* other paths join here */
            L.pc_stored = false;
            break;
        case INDEX_op_br:
            p = (Patch){ .label = op->args[0] };
            emit_stencil(&L.E, fixed.br, &p);
            break;
        case INDEX_op_br_exit_clear:
            p = (Patch){ .label = op->args[0] };
            p.c[0] = L.cpu_off + offsetof(CPUState, exit_request);
            emit_stencil(&L.E, fixed.br_exit_clear, &p);
            break;
        case INDEX_op_discard:
            break;
        case INDEX_op_insn_start:
            if (log_marks) {
                jit_mark(L.E.pos, op->args[0]);
            }
            L.cur_pc = op->args[0];
            L.pc_stored = false;
            break;
        case INDEX_op_exit_tb:
            p = (Patch){ .label = -1, .k[0] = op->args[0],
                         .k_tb = (op->args[0] & ~(TCGArg)TB_EXIT_MASK) == (uintptr_t)tb };
            emit_stencil(&L.E, fixed.exit_tb, &p);
            break;
        case INDEX_op_goto_tb:
            lower_goto_tb(&L, tb, i, entry_test);
            break;
        case INDEX_op_lookup_and_goto_ptr:
            if (op->args[0] && tb_key_pc_offset >= 0 && jit_return_stack) {
                /* A return: the host's return stack first. */
                p = (Patch){ .label = -1, .o[0] = tb_key_pc_offset };
                p.c[0] = L.cpu_off + offsetof(CPUState, host_sp_base);
                p.c[1] = L.cpu_off + offsetof(CPUState, exit_request);
                emit_stencil(&L.E, fixed.return_host, &p);
            }
            p = (Patch){ .label = -1, .k[0] = TB_EXIT_NOCHAIN };
            if (tb_key_pc_offset >= 0) {
                /* Probe the jump cache inline, the helper on a miss. */
                p.o[0] = tb_key_pc_offset;
                p.o[1] = L.cpu_off + offsetof(CPUState, jc);
                p.o[2] = L.cpu_off + offsetof(CPUState, cflags);
                p.c[0] = tb->flags;
                p.c[1] = L.cpu_off + offsetof(CPUState, exit_request);
                emit_stencil(&L.E, fixed.lookup_inline, &p);
            } else {
                emit_stencil(&L.E, fixed.lookup_and_goto_ptr, &p);
            }
            break;
        case INDEX_op_push_return:
            /* A return compares the guest pc alone, so only where that
             * is the block key (as for the inline lookup). */
            if (tb_key_pc_offset >= 0 && jit_return_stack) {
                p = (Patch){ .label = op->args[1], .k[0] = op->args[0] };
                p.c[0] = L.cpu_off + offsetof(CPUState, host_sp_limit);
                p.c[1] = L.cpu_off + offsetof(CPUState, host_sp_base);
                emit_stencil(&L.E, fixed.call_return, &p);
            }
            break;
        case INDEX_op_mb:
            if (op->args[0] & TCG_MO_ST_LD) {
                p = (Patch){ .label = -1 };
                emit_stencil(&L.E, fixed.mb, &p);
            }
            break;
        case INDEX_op_call:
            lower_call(&L, op);
            break;
        case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
        case INDEX_op_movcond_i32: case INDEX_op_movcond_i64:
            if (!lower_trivial_cond(&L, op)) {
                lower_generic(&L, op, def->name,
                              kind_suffix(op->args[def->nb_oargs + def->nb_iargs]),
                              NULL, 0, -1, ENV_NONE, NULL);
            }
            break;
        case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
            if (!lower_trivial_cond(&L, op)) {
                lower_generic(&L, op, def->name, kind_suffix(op->args[2]), NULL, 0,
                              op->args[3], ENV_NONE, NULL);
            }
            break;
        case INDEX_op_qemu_ld_i32: case INDEX_op_qemu_ld_i64:
        case INDEX_op_qemu_st_i32: case INDEX_op_qemu_st_i64:
            lower_guest_access(&L, op);
            break;
        case INDEX_op_fbinop_i64:
            lower_fbinop(&L, op);
            break;
        case INDEX_op_funop_i64:
            lower_funop(&L, op);
            break;
        case INDEX_op_vop_vec:
            lower_vop_vec(&L, op);
            break;
        case INDEX_op_fmuladd_vec:
            lower_fmuladd_vec(&L, op);
            break;
        case INDEX_op_fbinop_vec:
            lower_fbinop_vec(&L, op);
            break;
        case INDEX_op_funop_vec:
            lower_funop_vec(&L, op);
            break;
        default: {
            static const int cargs[] = { 0, 1, 2 };
            bool host_mem = def->kind == TCG_KIND_HOST_LOAD ||
                            def->kind == TCG_KIND_HOST_STORE;
            bool zext_of_zext = (opc == INDEX_op_ext32u_i64 ||
                                 opc == INDEX_op_extu_i32_i64) &&
                                (int)op->args[1] == L.in_reg && L.in_reg_zext;
            static const char *const lea[] = { NULL, "lea1_i64", "lea2_i64", "lea3_i64" };
            const char *name = zext_of_zext ? "mov_i64" : L.lea_scale[i] ? lea[L.lea_scale[i]]
                                                                         : def->name;
            lower_generic(&L, op, name, "", cargs, def->nb_cargs, -1,
                          host_mem ? ENV_LAST : ENV_NONE, NULL);
            break;
        }
        }
        if (L.calls_out) {
            cache_after_call(&L);
        }
        for (int k = 0; k < L.nscratch; k++) {
            slot_put(&L.sa, L.scratch[k]);
        }
        /* The value in R was consumed by this op (its only use); the
         * output may now be there instead. */
        if (L.out_loc == 'R' && L.store_out) {
            emit_move(&L, 'r', 'm', s->temps[op->args[0]].offset);
        }
        L.in_reg = L.out_loc == 'R' ? (int)op->args[0] : -1;
        L.in_reg_stored = L.out_loc == 'R' && L.store_out;
        L.in_reg_zext = L.in_reg >= 0 && (writes_zext(op) || zext_shr);
        /* Outputs written to memory: a cached copy is stale. */
        for (int k = 0; k < op->nb_oargs; k++) {
            TCGArg t = op->args[k];
            int c = L.reg_of[t];
            if (c >= 0 && !(k == 0 && L.out_loc == cache_out[c])) {
                cache_free(&L, c);
                continue;
            } else if (c >= 0 && s->temps[t].kind == TEMP_GLOBAL) {
                L.cache[c].dirty = true;
            }
            if (c >= 0 && !renamed) {
                L.cache[c].zext = !L.out_via_mem && (writes_zext(op) || zext_shr);
            }
        }
        if (opc == INDEX_op_call) {
            TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
            if (!(info->flags & TCG_CALL_NO_WG)) {
                cache_drop_globals(&L);
            }
        }
        for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
            TCGArg t = op->args[k];
            if (L.reg_of[t] >= 0 && L.cache[L.reg_of[t]].temp != (int)t) {
                L.reg_of[t] = -1;       /* its register went to the output */
            } else if (L.uses_left[t] == 0 && L.reg_of[t] >= 0 &&
                       !cache_pinned(&L, L.reg_of[t])) {
                int c = L.reg_of[t];
                if (s->temps[t].kind == TEMP_GLOBAL) {
                    cache_writeback(&L, c);
                }
                cache_free(&L, c);
            }
            if (s->temps[t].kind == TEMP_EBB && L.last_use[t] == i &&
                L.slot_of[t] >= 0) {
                slot_put(&L.sa, (L.slot_of[t] - L.frame_off) / 8);
            }
        }
        cache_pin_restore(&L);
    }
    if (L.overflow) {
        s->overflow = true;
    }
    if (L.E.full || L.overflow) {
        goto out;
    }
    if (log_marks && L.E.ncold) {
        jit_mark(L.E.pos, JIT_MARK_COLD);
    }
    emit_cold_parts(&L.E);
    if (L.E.full) {
        goto out;
    }
    note_cold_fault_maps(&L);
    for (int f = 0; f < L.E.nfix; f++) {
        Fixup *fx = &L.E.fix[f];
        int64_t target = L.E.rx + L.E.label_pos[fx->label];
        put32(L.E.buf + fx->pos, target + fx->addend - (int64_t)(L.E.rx + fx->pos),
              true, "label");
    }
    if (detached) {
        result = L.E.pos;
        jit_detached_keep(tb, &L.E, L.maps, L.nmaps);
        goto out;
    }
    if (!fault_maps_append(tb, L.maps, L.nmaps)) {
        goto out;               /* evicting blocks frees theirs */
    }
    result = L.E.pos;
    if (L.E.record) {
        jit_persist_keep(tb, &L.E, L.maps, L.nmaps);
    }
    jit_perfmap_note(L.E.rx, result, tb->pc);
out:
    return result;
}

long jit_gen_code(TCGContext *s, TranslationBlock *tb, uint8_t *buf, size_t avail)
{
    return gen_block(s, tb, buf, (uintptr_t)buf + tb_code_rx_offset, avail, false);
}

/* The thread's buffer for jit_gen_detached: room for any block but the
 * biggest, which the locked path makes; freed when the thread ends (a
 * guest may start thousands of threads). */
#define DETACHED_BUF_SIZE (256 * 1024)
static GPrivate detached_key = G_PRIVATE_INIT(g_free);

long jit_gen_detached(TCGContext *s, TranslationBlock *tb, uintptr_t rx)
{
    if (wish_counting()) {
        return -1;              /* (its table is not the threads') */
    }
    uint8_t *detached_buf = g_private_get(&detached_key);
    if (!detached_buf) {
        detached_buf = g_malloc(DETACHED_BUF_SIZE);
        g_private_set(&detached_key, detached_buf);
    }
    return gen_block(s, tb, detached_buf, rx, DETACHED_BUF_SIZE, true);
}
