/*
 * The native x86-64 backend ("jit"): copy-and-patch from the precompiled
 * stencils of tcg/x86_64/ (see gen-stencils.c for the stencil forms and
 * extract-stencils.c for what the build checks).
 *
 * Register map: r15 holds env (the CPU-state base pointer) in all generated
 * code, r14 guest_base, r12 the value an op hands to the next (forms r/_R
 * of gen-stencils.c: a block temp whose only use is the next op); rbx, rbp
 * and r13 are never touched by stencils (reserved for caching values across
 * stencils later); stencils otherwise use caller-saved scratch registers
 * only, so helper calls need no spills (r12 and r14 are callee-saved).
 *
 * Values: this version keeps every guest register in the CPU state: globals
 * in their fields, block temps in CPUState.frame slots (assigned by the
 * same linear scan as the interpreter, slot 0 = env itself), except a temp
 * handed over in r12 to the op right after its definition; constants are
 * immediates patched into the stencil (i: imm32 for [0, 2^31), k: movabs)
 * or, where no stencil takes a constant in that position, stored to a
 * scratch slot first.  Guest registers are therefore always exact in memory.
 * insn_start emits nothing: the guest pc is stored into CPUState.insn_pc
 * once per guest instruction, lazily, before the first op that may raise (a
 * guest access, a helper that is not pure) - see sync_pc.  Guest loads and
 * stores are inline (range, alignment and top-byte-ignore checks as
 * guest_access_prepare; anything unusual goes to a helper that raises); a
 * host fault on guest memory at a pc in generated code is such an access,
 * and the state is exact at that point, so the SIGSEGV handler only needs
 * jit_host_pc_is_guest_access and cpu_loop_exit_restore.
 *
 * Control: a block starts with the exit-request test (st_tb_start); goto_tb
 * is a "jmp rel32" whose field is 4-byte aligned (nop padding before it) so
 * that set_jmp retargets it with one atomic store through the writable view;
 * unlinked it jumps to the next instruction.  exit_tb tail-calls
 * jit_return(value), a C function that returns to jit_enter's call.
 * lookup_and_goto_ptr probes the CPU's jump cache inline when the target
 * declared its block key (tb_key_pc_offset in tb.h) and jumps straight to
 * the block on a hit (its entry still tests exit_request); a miss calls
 * jit_rt_lookup (tb_lookup, which fills the jump cache).
 */
#include <assert.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "disas.h"
#include "guest-mem.h"
#include "tb.h"
#include "tcg.h"

FILE *jit_perfmap;

#if !defined(__x86_64__)
/* Other hosts run the interpreter; the fault hooks answer "not ours". */
bool jit_host_pc_is_guest_access(uintptr_t pc)
{
    return false;
}

void jit_restore_state(CPUState *cpu, void *uc)
{
}
#else
#include "x86_64/stencil.h"

/* ---- the stencil table ---- */

static GHashTable *stencil_by_name;
static pthread_once_t stencil_once = PTHREAD_ONCE_INIT;

static void stencil_index(void)
{
    stencil_by_name = g_hash_table_new(g_str_hash, g_str_equal);
    for (unsigned i = 0; i < stencil_count; i++) {
        g_hash_table_insert(stencil_by_name, (gpointer)stencil_table[i].name,
                            (gpointer)&stencil_table[i]);
    }
}

static const Stencil *stencil_find(const char *fmt, ...)
{
    char name[96];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(name, sizeof(name), fmt, ap);
    va_end(ap);
    return g_hash_table_lookup(stencil_by_name, name);
}

static const Stencil *stencil_get(const char *name)
{
    const Stencil *st = stencil_find("%s", name);
    if (!st) {
        fprintf(stderr, "mimic: jit: no stencil %s\n", name);
        abort();
    }
    return st;
}

/* ---- run-time support called from stencils (RT_* holes) ---- */

static uint64_t jit_rt_ld(uint64_t addr, uint32_t memop)
{
    return guest_load(guest_access_prepare(current_cpu, addr, memop), memop);
}

static void jit_rt_st(uint64_t addr, uint64_t val, uint32_t memop)
{
    guest_store(guest_access_prepare(current_cpu, addr, memop), val, memop);
}

static uint64_t jit_rt_cmpxchg(uint64_t addr, uint64_t cmp, uint64_t nv,
                               uint32_t memop)
{
    return guest_cmpxchg(guest_access_prepare(current_cpu, addr, memop), cmp,
                         nv, memop);
}

static uint64_t jit_rt_rmw(uint64_t addr, uint64_t val, uint32_t memop,
                           uint32_t aop)
{
    return guest_rmw(guest_access_prepare(current_cpu, addr, memop), val,
                     memop, aop);
}

static unsigned __int128 jit_rt_cmpxchg128(uint64_t addr, uint64_t cl,
                                           uint64_t ch, uint64_t nl,
                                           uint64_t nh, uint32_t memop)
{
    uint64_t cmp[2] = { cl, ch }, nv[2] = { nl, nh };
    guest_cmpxchg128(guest_access_prepare(current_cpu, addr, memop | MO_ALIGN_16),
                     cmp, nv);
    return (unsigned __int128)cmp[1] << 64 | cmp[0];
}

/* lookup_and_goto_ptr: the code of the next block, or NULL for the loop. */
static void *jit_rt_lookup(void)
{
    CPUState *cpu = current_cpu;
    uint64_t pc;
    uint32_t flags;
    cpu->target->get_tb_cpu_state(cpu, &pc, &flags);
    TranslationBlock *tb = tb_lookup(cpu, pc, flags, cpu->cflags);
    return tb ? tb->tc_ptr : NULL;
}

/* Generated code leaves by tail-calling this: it returns to jit_enter. */
static uintptr_t jit_return(uintptr_t v)
{
    return v;
}

/* ---- code emission ---- */

typedef struct Fixup {
    uint32_t pos;       /* of the rel32 field */
    int32_t addend;
    int label;
} Fixup;

typedef struct Emitter {
    uint8_t *buf;       /* writable view */
    uintptr_t rx;       /* executable address of buf[0] */
    size_t pos, avail;
    bool full;
    Fixup *fix;
    int nfix, maxfix;
    int *label_pos;
    /* Where the last stencil left rax equal to env[rax_off] (its final
     * store, STENCIL_F_ENDS_STORE_RAX), or rax_pos = -1. */
    long rax_pos;
    int64_t rax_off;
} Emitter;

/* What a stencil's holes become. */
typedef struct Patch {
    int64_t o[7];       /* O<n>: CPU-state offsets */
    uint64_t k[7];      /* K<n>: constants */
    uint64_t c[3];      /* C<n>: constant arguments */
    uintptr_t helper;
    uintptr_t target;   /* TARGET: absolute, if label < 0 */
    int label;          /* TARGET: a label of the block, or -1 */
} Patch;

static void put32(uint8_t *p, int64_t v, bool sign, const char *what)
{
    if (sign ? v != (int32_t)v : (uint64_t)v != (uint32_t)v) {
        fprintf(stderr, "mimic: jit: %s value %#" PRIx64 " out of range\n", what,
                (uint64_t)v);
        abort();
    }
    uint32_t w = (uint32_t)v;
    memcpy(p, &w, 4);
}

/* The value hole h of st is patched with (an O, K or C hole). */
static int64_t value_of(const StencilHole *hole, const Patch *p)
{
    if (hole->kind >= HOLE_O0 && hole->kind <= HOLE_O6) {
        return p->o[hole->kind - HOLE_O0];
    } else if (hole->kind >= HOLE_K0 && hole->kind <= HOLE_K6) {
        return p->k[hole->kind - HOLE_K0];
    }
    return p->c[hole->kind - HOLE_C0];
}

static void emit_stencil(Emitter *E, const Stencil *st, const Patch *p)
{
    /* The first 7 bytes reload what the previous stencil just stored
     * from rax: drop them (stencil.h, STENCIL_F_*). */
    unsigned skip = 0;
    if ((st->flags & STENCIL_F_STARTS_LOAD_RAX) && E->rax_pos == (long)E->pos) {
        for (unsigned h = 0; h < st->nholes; h++) {
            if (st->holes[h].offset == 3 &&
                value_of(&st->holes[h], p) + st->holes[h].addend == E->rax_off) {
                skip = 7;
            }
        }
    }
    E->rax_pos = -1;
    if (E->full || E->pos + st->size - skip > E->avail) {
        E->full = true;
        return;
    }
    /* dst and rx: where the stencil's byte 0 would be. */
    uint8_t *dst = E->buf + E->pos - skip;
    uintptr_t rx = E->rx + E->pos - skip;
    memcpy(dst + skip, st->code + skip, st->size - skip);
    for (unsigned h = 0; h < st->nholes; h++) {
        const StencilHole *hole = &st->holes[h];
        if (hole->offset < skip) {
            continue;
        }
        uint8_t *field = dst + hole->offset;
        uintptr_t field_rx = rx + hole->offset;
        int64_t s;
        bool pcrel = true;
        switch (hole->kind) {
        case HOLE_CONT: s = rx + st->size; break;
        case HOLE_RETURN: s = (uintptr_t)jit_return; break;
        case HOLE_HELPER: s = p->helper; break;
        case HOLE_RT_ld: s = (uintptr_t)jit_rt_ld; break;
        case HOLE_RT_st: s = (uintptr_t)jit_rt_st; break;
        case HOLE_RT_cmpxchg: s = (uintptr_t)jit_rt_cmpxchg; break;
        case HOLE_RT_rmw: s = (uintptr_t)jit_rt_rmw; break;
        case HOLE_RT_cmpxchg128: s = (uintptr_t)jit_rt_cmpxchg128; break;
        case HOLE_RT_lookup: s = (uintptr_t)jit_rt_lookup; break;
        case HOLE_TARGET:
            if (p->label >= 0) {
                if (E->nfix == E->maxfix) {
                    E->maxfix = E->maxfix * 2 + 16;
                    E->fix = realloc(E->fix, E->maxfix * sizeof(Fixup));
                }
                E->fix[E->nfix++] = (Fixup){ E->pos - skip + hole->offset,
                                             hole->addend, p->label };
                continue;
            }
            s = p->target;
            break;
        default:
            pcrel = false;
            s = value_of(hole, p);
            break;
        }
        if (pcrel) {
            put32(field, s + hole->addend - (int64_t)field_rx, true, st->name);
        } else if (hole->reloc == STENCIL_R_64) {
            uint64_t v = s + hole->addend;
            memcpy(field, &v, 8);
        } else {
            put32(field, s + hole->addend, hole->reloc == STENCIL_R_32S, st->name);
        }
    }
    E->pos += st->size - skip;
    if (st->flags & STENCIL_F_ENDS_STORE_RAX) {
        const StencilHole *last = NULL;
        for (unsigned h = 0; h < st->nholes; h++) {
            if (st->holes[h].offset == st->size - 4u) {
                last = &st->holes[h];
            }
        }
        if (last) {
            E->rax_pos = E->pos;
            E->rax_off = value_of(last, p) + last->addend;
        }
    }
}

/* ---- lowering ---- */

/* Frame slots, as in the interpreter: slot 0 holds env itself. */
typedef struct SlotAlloc {
    uint64_t used[TCG_FRAME_SLOTS / 64];
} SlotAlloc;

static int slot_get(SlotAlloc *a)
{
    for (int i = 0; i < TCG_FRAME_SLOTS / 64; i++) {
        if (~a->used[i]) {
            int b = __builtin_ctzll(~a->used[i]);
            a->used[i] |= 1ull << b;
            return i * 64 + b;
        }
    }
    return -1;
}

static void slot_put(SlotAlloc *a, int s)
{
    a->used[s / 64] &= ~(1ull << (s % 64));
}

typedef struct Lower {
    TCGContext *s;
    Emitter E;
    SlotAlloc sa;
    int frame_off;          /* CPUState.frame from env */
    int cpu_off;            /* CPUState from env */
    int32_t *slot_of;       /* temp -> offset from env, or -1 */
    int *last_use;
    int scratch[8];         /* scratch slots of the current op */
    int in_reg;             /* the temp whose value is in R (r12), or -1 */
    bool out_reg;           /* the current op leaves its output in R */
    uint64_t cur_pc;        /* guest pc of the current instruction */
    bool pc_stored;         /* CPUState.insn_pc == cur_pc on every path here */
    int nscratch;
    bool overflow;
} Lower;

/* The form letter of input temp t: m (in the CPU state), k (constant),
 * i (constant in [0, 2^31)), e (env register; only where allow_env). */
static char form_of(Lower *L, TCGArg t, bool allow_env)
{
    TCGTemp *ts = &L->s->temps[t];
    if (ts->kind == TEMP_CONST) {
        return ts->val < 0x80000000u ? 'i' : 'k';
    }
    if ((int)t == L->in_reg) {
        return 'r';
    }
    if (ts->kind == TEMP_ENV && allow_env) {
        return 'e';
    }
    return 'm';
}

static int32_t offset_of(Lower *L, TCGArg t)
{
    TCGTemp *ts = &L->s->temps[t];
    switch (ts->kind) {
    case TEMP_GLOBAL:
        return ts->offset;
    case TEMP_ENV:
        return L->frame_off;
    default:
        assert(L->slot_of[t] >= 0);
        return L->slot_of[t];
    }
}

/* Before anything that may raise (a guest access, a helper that is not
 * pure): CPUState.insn_pc must be the current instruction's pc.  Stored
 * once per instruction, not at every insn_start. */
static void sync_pc(Lower *L)
{
    if (L->pc_stored) {
        return;
    }
    Patch p = { .label = -1 };
    p.c[0] = L->cpu_off + offsetof(CPUState, insn_pc);
    p.k[0] = L->cur_pc;
    emit_stencil(&L->E, stencil_get(L->cur_pc < 0x80000000u ? "insn_start_i"
                                                             : "insn_start"), &p);
    L->pc_stored = true;
}

/* Moves the value held in R to its temp's frame slot. */
static void spill_reg(Lower *L)
{
    if (L->in_reg < 0) {
        return;
    }
    Patch p = { .label = -1 };
    p.o[0] = L->slot_of[L->in_reg];
    emit_stencil(&L->E, stencil_get("mov_i64_r"), &p);
    L->in_reg = -1;
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
    emit_stencil(&L->E, stencil_get("mov_i64_k"), &p);
    return off;
}

/* Emits op (all args in the generic layout) with stencil base name `base`
 * and condition suffix cond (or -1).  Input forms start as preferred and
 * fall back to memory, last operand first, until a stencil exists. */
static void lower_generic(Lower *L, TCGOp *op, const char *base, int cond,
                          const int *cargs, int ncargs, int label, bool env_base)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int no = def->nb_oargs, ni = def->nb_iargs;
    char forms[8];
    for (int k = 0; k < ni; k++) {
        /* Host loads/stores take env directly as their base operand. */
        bool allow_env = env_base && k == ni - 1;
        forms[k] = form_of(L, op->args[no + k], allow_env);
    }
    forms[ni] = 0;
    char cs[16] = "";
    if (cond >= 0) {
        snprintf(cs, sizeof(cs), "_c%d", cond);
    }
    const Stencil *st;
    bool out_reg = L->out_reg;
    for (int k;;) {
        char look[8];
        for (int j = 0; j <= ni; j++) {
            look[j] = forms[j] == 'M' ? 'm' : forms[j] == 'S' ? 'm' : forms[j];
        }
        st = stencil_find("%s%s%s%s%s", base, ni ? "_" : "", look,
                          out_reg ? "_R" : "", cs);
        if (st) {
            break;
        }
        if (out_reg) {
            /* Try the same inputs with a memory output first. */
            st = stencil_find("%s%s%s%s", base, ni ? "_" : "", look, cs);
            if (st) {
                out_reg = false;
                break;
            }
        }
        /* Narrow: the last i to k; else the value in R to memory (spilled
         * below); else the last k to M (materialized into a scratch slot
         * below). */
        for (k = ni - 1; k >= 0 && forms[k] != 'i'; k--) {
        }
        if (k >= 0) {
            forms[k] = 'k';
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
        for (k = ni - 1; k >= 0 && forms[k] != 'k'; k--) {
        }
        if (k < 0) {
            fprintf(stderr, "mimic: jit: no stencil for %s\n", base);
            abort();
        }
        forms[k] = 'M';
    }
    bool spilled = false;
    for (int k = 0; k < ni; k++) {
        spilled |= forms[k] == 'S';
    }
    if (spilled) {
        spill_reg(L);
    }
    L->out_reg = out_reg;
    Patch p = { .label = label };
    for (int k = 0; k < no; k++) {
        p.o[k] = offset_of(L, op->args[k]);
    }
    for (int k = 0; k < ni; k++) {
        TCGArg t = op->args[no + k];
        if (forms[k] == 'k' || forms[k] == 'i') {
            p.k[no + k] = L->s->temps[t].val;
        } else if (forms[k] == 'M') {
            p.o[no + k] = materialize(L, L->s->temps[t].val);
        } else if (forms[k] == 'm' || forms[k] == 'S') {
            p.o[no + k] = offset_of(L, t);
        }
    }
    for (int c = 0; c < ncargs; c++) {
        p.c[c] = op->args[no + ni + cargs[c]];
    }
    emit_stencil(&L->E, st, &p);
}

/* An input of an op whose stencils take memory operands only. */
static int32_t mem_operand(Lower *L, TCGArg t)
{
    if (L->s->temps[t].kind == TEMP_CONST) {
        return materialize(L, L->s->temps[t].val);
    }
    if ((int)t == L->in_reg) {
        spill_reg(L);
    }
    return offset_of(L, t);
}

/* qemu_ld/qemu_st inline (see gen_guest_access in gen-stencils.c). */
static bool lower_guest_access(Lower *L, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    unsigned mop = op->args[2];
    unsigned align = memop_align(mop);
    bool load = def->nb_oargs;
    /* The address may come in R; a stored value never does. */
    bool raddr = (int)op->args[1] == L->in_reg &&
                 (load || (int)op->args[0] != L->in_reg);
    const Stencil *st = stencil_find("%s_%s%s_o%u%s%s", def->name,
                                     load ? (raddr ? "r" : "m") : (raddr ? "mr" : "mm"),
                                     load && L->out_reg ? "_R" : "",
                                     mop & (MO_SIZE | MO_SIGN | MO_BE),
                                     align > 1 ? "a" : "",
                                     guest_top_byte_ignore ? "t" : "");
    if (!st) {
        return false;
    }
    Patch p = { .label = -1 };
    p.o[0] = load ? offset_of(L, op->args[0]) : mem_operand(L, op->args[0]);
    if (!raddr) {
        p.o[1] = mem_operand(L, op->args[1]);
    }
    p.c[0] = mop;
    p.c[1] = align - 1;
    p.k[4] = (guest_addr_bits >= 64 ? ~0ull : (1ull << guest_addr_bits) - 1) -
             (memop_size(mop) - 1);
    emit_stencil(&L->E, st, &p);
    return true;
}

static void lower_call(Lower *L, TCGOp *op)
{
    TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
    int nin = op->nb_iargs;
    Patch p = { .label = -1, .helper = (uintptr_t)info->func };
    char r = 'v';
    if (op->nb_oargs) {
        r = info->ret == TCG_CALL_I32 ? 'w' : 'q';
        p.o[0] = offset_of(L, op->args[0]);
    }
    for (int k = 0; k < nin; k++) {
        TCGArg t = op->args[op->nb_oargs + k];
        if (L->s->temps[t].kind == TEMP_CONST) {
            p.o[k + 1] = materialize(L, L->s->temps[t].val);
        } else {
            p.o[k + 1] = offset_of(L, t);
        }
    }
    char name[16];
    snprintf(name, sizeof(name), "call%c%d", r, nin);
    emit_stencil(&L->E, stencil_get(name), &p);
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
        emit_stencil(&L->E, stencil_find("%s_k", mov), &p);
        return true;
    case INDEX_op_movcond_i32: case INDEX_op_movcond_i64: {
        c = op->args[5];
        if (c != TCG_COND_NEVER && c != TCG_COND_ALWAYS) {
            return false;
        }
        TCGArg src = op->args[c == TCG_COND_ALWAYS ? 3 : 4];
        TCGOp mv = { .opc = is64 ? INDEX_op_mov_i64 : INDEX_op_mov_i32,
                     .nb_oargs = 1, .nb_iargs = 1, .args = { op->args[0], src } };
        lower_generic(L, &mv, mov, -1, NULL, 0, -1, false);
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
        emit_stencil(&L->E, stencil_get("T_br"), &p);
        return true;
    default:
        return false;
    }
}

static void emit_nops(Emitter *E, size_t n)
{
    /* Padding only, never executed... except by an unlinked goto_tb that
     * falls through: single-byte nops are valid from any byte. */
    if (E->pos + n > E->avail) {
        E->full = true;
        return;
    }
    memset(E->buf + E->pos, 0x90, n);
    E->pos += n;
    E->rax_pos = -1;
}

/* Whether op's lowering takes an input in R (forms r) and can leave its
 * output there (_R): the generic path and guest accesses. */
static bool reg_consumer(Lower *L, TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
        return op->args[3] > TCG_COND_ALWAYS;
    case INDEX_op_movcond_i32: case INDEX_op_movcond_i64:
        return op->args[5] > TCG_COND_ALWAYS;
    case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
        return op->args[2] > TCG_COND_ALWAYS;
    case INDEX_op_set_label: case INDEX_op_br: case INDEX_op_discard:
    case INDEX_op_insn_start: case INDEX_op_exit_tb: case INDEX_op_goto_tb:
    case INDEX_op_lookup_and_goto_ptr: case INDEX_op_mb: case INDEX_op_call:
    case INDEX_op_nop:
        return false;
    default:
        return true;
    }
}

/* True if the output t of op i is a block temp read only by the next op
 * that emits code, which takes R: then it goes from i to there in R. */
static bool hand_over(Lower *L, int i, TCGArg t)
{
    TCGContext *s = L->s;
    if (s->temps[t].kind != TEMP_EBB) {
        return false;
    }
    int j = i + 1;
    while (j < s->nb_ops && (s->ops[j].opc == INDEX_op_nop ||
                             s->ops[j].opc == INDEX_op_insn_start)) {
        j++;
    }
    if (j >= s->nb_ops || L->last_use[t] != j || !reg_consumer(L, &s->ops[j])) {
        return false;
    }
    TCGOp *next = &s->ops[j];
    for (int k = 0; k < next->nb_oargs; k++) {
        if (next->args[k] == t) {
            return false;
        }
    }
    return true;
}

/* Per block, for -d out_asm: code offsets of the instruction starts. */
typedef struct InsnMark {
    uint32_t pos;
    uint64_t pc;
} InsnMark;
static InsnMark *last_marks;
static int last_nmarks, max_marks;

static long jit_gen_code(TCGContext *s, TranslationBlock *tb, uint8_t *buf,
                         size_t avail)
{
    pthread_once(&stencil_once, stencil_index);
    CPUState *cpu = current_cpu;
    Lower L = { .s = s };
    L.frame_off = (int)((uint8_t *)cpu->frame - (uint8_t *)cpu->env);
    L.cpu_off = (int)((uint8_t *)cpu - (uint8_t *)cpu->env);
    L.E.buf = buf;
    L.E.rx = (uintptr_t)buf + tb_code_rx_offset;
    L.E.avail = avail;
    L.E.rax_pos = -1;
    L.E.label_pos = malloc(sizeof(int) * (s->nb_labels + 1));
    L.slot_of = malloc(sizeof(int32_t) * s->nb_temps);
    L.last_use = malloc(sizeof(int) * s->nb_temps);
    L.sa.used[0] = 1;
    L.in_reg = -1;
    bool log_marks = qemu_loglevel_mask(LOG_OUT_ASM);
    last_nmarks = 0;
    long result = -1;

    for (int i = 0; i < s->nb_temps; i++) {
        L.last_use[i] = -1;
        L.slot_of[i] = -1;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_nop) {
            continue;
        }
        for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
            L.last_use[op->args[k]] = i;
        }
    }

    Patch p0 = { .label = -1 };
    p0.c[0] = L.cpu_off + offsetof(CPUState, exit_request);
    p0.k[0] = (uintptr_t)tb | TB_EXIT_REQUESTED;
    emit_stencil(&L.E, stencil_get("tb_start"), &p0);

    for (int i = 0; i < s->nb_ops && !L.E.full && !L.overflow; i++) {
        TCGOp *op = &s->ops[i];
        TCGOpcode opc = op->opc;
        if (opc == INDEX_op_nop) {
            continue;
        }
        const TCGOpDef *def = &tcg_op_defs[opc];
        for (int k = 0; k < op->nb_oargs; k++) {
            TCGArg t = op->args[k];
            if (s->temps[t].kind == TEMP_EBB && L.slot_of[t] < 0) {
                int slot = slot_get(&L.sa);
                if (slot < 0) {
                    L.overflow = true;
                    break;
                }
                L.slot_of[t] = L.frame_off + slot * 8;
            }
        }
        if (L.overflow) {
            break;
        }
        L.nscratch = 0;
        if (L.in_reg >= 0 && !reg_consumer(&L, op)) {
            spill_reg(&L);      /* safety net: reg_consumer chose it */
        }
        L.out_reg = op->nb_oargs == 1 && reg_consumer(&L, op) &&
                    hand_over(&L, i, op->args[0]);
        if (def->flags & TCG_OPF_MAY_FAULT) {
            sync_pc(&L);
        } else if (opc == INDEX_op_call) {
            TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
            if (!(info->flags & TCG_CALL_NO_SE) || (info->flags & TCG_CALL_MAY_RAISE)) {
                sync_pc(&L);
            }
        }
        Patch p = { .label = -1 };
        switch (opc) {
        case INDEX_op_set_label:
            L.E.label_pos[op->args[0]] = L.E.pos;
            L.E.rax_pos = -1;       /* other paths join here */
            L.pc_stored = false;
            break;
        case INDEX_op_br:
            p.label = op->args[0];
            emit_stencil(&L.E, stencil_get("T_br"), &p);
            break;
        case INDEX_op_discard:
            break;
        case INDEX_op_insn_start:
            if (log_marks) {
                if (last_nmarks == max_marks) {
                    max_marks = max_marks * 2 + 64;
                    last_marks = realloc(last_marks, max_marks * sizeof(InsnMark));
                }
                last_marks[last_nmarks++] = (InsnMark){ L.E.pos, op->args[0] };
            }
            L.cur_pc = op->args[0];
            L.pc_stored = false;
            break;
        case INDEX_op_exit_tb:
            p.k[0] = op->args[0];
            emit_stencil(&L.E, stencil_get("T_exit_tb"), &p);
            break;
        case INDEX_op_goto_tb: {
            int n = op->args[0];
            /* The rel32 field (at +1) on a 4-byte boundary. */
            emit_nops(&L.E, (4 - (L.E.pos + 1) % 4) % 4);
            const Stencil *st = stencil_get("T_goto_tb");
            tb->jmp_insn_offset[n] = L.E.pos + 1;
            tb->jmp_reset_offset[n] = L.E.pos + st->size;
            p.target = L.E.rx + L.E.pos + st->size;
            emit_stencil(&L.E, st, &p);
            break;
        }
        case INDEX_op_lookup_and_goto_ptr:
            p.k[0] = TB_EXIT_NOCHAIN;
            if (tb_key_pc_offset >= 0) {
                /* Probe the jump cache inline, the helper on a miss. */
                p.o[0] = tb_key_pc_offset;
                p.o[1] = L.cpu_off + offsetof(CPUState, jmp_cache);
                p.o[2] = L.cpu_off + offsetof(CPUState, cflags);
                p.c[0] = tb_key_flags;
                emit_stencil(&L.E, stencil_get("T_lookup_inline"), &p);
            } else {
                emit_stencil(&L.E, stencil_get("T_lookup_and_goto_ptr"), &p);
            }
            break;
        case INDEX_op_mb:
            if (op->args[0] & TCG_MO_ST_LD) {
                emit_stencil(&L.E, stencil_get("mb"), &p);
            }
            break;
        case INDEX_op_call:
            lower_call(&L, op);
            break;
        case INDEX_op_setcond_i32: case INDEX_op_setcond_i64:
        case INDEX_op_movcond_i32: case INDEX_op_movcond_i64:
            if (!lower_trivial_cond(&L, op)) {
                int nargs = def->nb_oargs + def->nb_iargs;
                lower_generic(&L, op, def->name, op->args[nargs], NULL, 0, -1, false);
            }
            break;
        case INDEX_op_brcond_i32: case INDEX_op_brcond_i64:
            if (!lower_trivial_cond(&L, op)) {
                lower_generic(&L, op, def->name, op->args[2], NULL, 0, op->args[3],
                              false);
            }
            break;
        case INDEX_op_qemu_ld_i32: case INDEX_op_qemu_ld_i64:
        case INDEX_op_qemu_st_i32: case INDEX_op_qemu_st_i64:
            if (lower_guest_access(&L, op)) {
                break;
            }
            /* fall through */
        default: {
            static const int cargs[] = { 0, 1, 2 };
            bool host_mem = (def->name[0] == 'l' && def->name[1] == 'd') ||
                            (def->name[0] == 's' && def->name[1] == 't');
            lower_generic(&L, op, def->name, -1, cargs, def->nb_cargs, -1, host_mem);
            break;
        }
        }
        for (int k = 0; k < L.nscratch; k++) {
            slot_put(&L.sa, L.scratch[k]);
        }
        /* The value in R was consumed by this op (its only use); the
         * output may now be there instead. */
        L.in_reg = L.out_reg ? (int)op->args[0] : -1;
        L.out_reg = false;
        for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
            TCGArg t = op->args[k];
            if (s->temps[t].kind == TEMP_EBB && L.last_use[t] == i &&
                L.slot_of[t] >= 0) {
                slot_put(&L.sa, (L.slot_of[t] - L.frame_off) / 8);
            }
        }
    }
    if (L.overflow) {
        s->overflow = true;
    }
    if (L.E.full || L.overflow) {
        goto out;
    }
    for (int f = 0; f < L.E.nfix; f++) {
        Fixup *fx = &L.E.fix[f];
        int64_t target = L.E.rx + L.E.label_pos[fx->label];
        put32(L.E.buf + fx->pos, target + fx->addend - (int64_t)(L.E.rx + fx->pos),
              true, "label");
    }
    result = L.E.pos;
    if (jit_perfmap) {
        fprintf(jit_perfmap, "%" PRIxPTR " %lx guest:0x%" PRIx64 "\n", L.E.rx,
                result, tb->pc);
        fflush(jit_perfmap);
    }
out:
    free(L.E.fix);
    free(L.E.label_pos);
    free(L.slot_of);
    free(L.last_use);
    return result;
}

/* ---- faults ---- */

/* Guest memory is touched by generated code only in the inline access
 * stencils, and every value lives in the CPU state with insn_pc stored
 * before each access (sync_pc): so a host fault on guest memory at a pc in
 * generated code is that access's guest fault, and the state is already
 * exact.  When values get cached in host registers, this is where the
 * per-access map (host pc -> where each dirty guest register lives) will be
 * looked up, and jit_restore_state will write them back from the context. */
bool jit_host_pc_is_guest_access(uintptr_t pc)
{
    return tcg_backend == &tcg_backend_jit && tb_pc_in_code(pc);
}

void jit_restore_state(CPUState *cpu, void *uc)
{
}

/* ---- running ---- */

/* Calls generated code with env in r15 and the stack as at a function's
 * entry (8 mod 16).  The code comes back through jit_return; a helper that
 * raises longjmps past all of this to cpu_exec. */
static uintptr_t jit_enter(void *env, const void *code)
{
    register void *r15 __asm__("r15") = env;
    register uintptr_t r14 __asm__("r14") = guest_base;
    uintptr_t ret;
    __asm__ volatile("mov %%rsp, %%rbx\n\t"
                     "sub $128, %%rsp\n\t"      /* past our red zone */
                     "and $-16, %%rsp\n\t"
                     "call *%[code]\n\t"
                     "mov %%rbx, %%rsp"
                     : "=a"(ret), "+r"(r15), "+r"(r14)
                     : [code] "r"(code)
                     : "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
                       "r11", "r12", "memory", "cc", "xmm0", "xmm1", "xmm2", "xmm3",
                       "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10",
                       "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
    return ret;
}

static uintptr_t jit_exec(CPUState *cpu, TranslationBlock *tb)
{
    uint8_t *env = cpu->env;
    *(uint8_t **)(env + ((uint8_t *)cpu->frame - env)) = env;
    return jit_enter(env, tb->tc_ptr);
}

static void jit_set_jmp(TranslationBlock *tb, int n, TranslationBlock *dest)
{
    uintptr_t field = (uintptr_t)tb->tc_ptr + tb->jmp_insn_offset[n];
    uintptr_t target = dest ? (uintptr_t)dest->tc_ptr
                            : (uintptr_t)tb->tc_ptr + tb->jmp_reset_offset[n];
    int64_t rel = (int64_t)target - (int64_t)(field + 4);
    assert(rel == (int32_t)rel && (field & 3) == 0);
    int32_t *w = (int32_t *)(field - tb_code_rx_offset);
    __atomic_store_n(w, (int32_t)rel, __ATOMIC_RELEASE);
}

static void jit_dump_code(TranslationBlock *tb, FILE *f)
{
    const uint8_t *code = tb->tc_ptr;
    fprintf(f, "OUT: [size=%u]\n", tb->tc_size);
    uint32_t pos = 0;
    for (int m = 0; m <= last_nmarks; m++) {
        uint32_t end = m < last_nmarks ? last_marks[m].pos : tb->tc_size;
        if (end > pos) {
            disas_host(f, code + pos, end - pos);
        }
        if (m < last_nmarks) {
            fprintf(f, "  -- guest 0x%016" PRIx64 "\n", last_marks[m].pc);
        }
        pos = end;
    }
    fputc('\n', f);
}

const TCGBackend tcg_backend_jit = {
    .name = "jit",
    .native = true,
    .gen_code = jit_gen_code,
    .exec = jit_exec,
    .set_jmp = jit_set_jmp,
    .dump_code = jit_dump_code,
};
#endif
