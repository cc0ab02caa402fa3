/*
 * The native backend's emitter and run-time side: the stencil set for the
 * host (found by name through the extractor's hash index), copying a stencil and patching its holes
 * (its cold part goes after the block), the
 * functions stencils call (guest access slow paths, atomics, block
 * lookup, return), and the fault maps that make the state exact at a
 * guest fault.  The lowering is in tcg/x86_64/jit.c.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include <glib.h>

#include "tcg/guest-mem.h"
#include "tcg/tb.h"
#include "tcg/tcg.h"

#include "jit-internal.h"

/* ---- the stencil table ---- */


static pthread_once_t jit_once = PTHREAD_ONCE_INIT;

const uint8_t jit_cache_reg[JIT_NCACHE] = { 8, 9, 10, 11, 14, 15 };

/* The stencil set for this host (jit_init). */
static const StencilSet *stencils = &stencils_baseline;

static void jit_flush(void);
static void jit_evict(TranslationBlock *tb);

/* MIMIC_STENCIL_PROFILE=file: at exit, appends "count name" for every
 * stencil form the lowering wished for (before narrowing), the input of
 * scripts/stencil-profile.py, which picks the forms worth generating. */
static GHashTable *wish_counts;
static const char *wish_path;

static void wish_dump(void)
{
    FILE *f = fopen(wish_path, "a");
    if (!f) {
        return;
    }
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, wish_counts);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        fprintf(f, "%lu %s\n", (unsigned long)(uintptr_t)v, (const char *)k);
    }
    fclose(f);
}

bool wish_counting(void)
{
    return wish_counts != NULL;
}

void wish_note(const char *name)
{
    if (!wish_counts) {
        return;
    }
    gpointer v = g_hash_table_lookup(wish_counts, name);
    if (!v) {
        g_hash_table_insert(wish_counts, g_strdup(name), (gpointer)(uintptr_t)1);
    } else {
        g_hash_table_replace(wish_counts, g_strdup(name), (gpointer)((uintptr_t)v + 1));
    }
}

static void jit_init(void)
{
    stencils = tcg_host_isa_extended() ? &stencils_bmi : &stencils_baseline;
    tb_flush_hook = jit_flush;
    tb_evict_hook = jit_evict;
    wish_path = getenv("MIMIC_STENCIL_PROFILE");
    if (wish_path) {
        wish_counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        tb_exit_hook = wish_dump;
    }
}

/* Whether name is the concatenation of the n pieces. */
static bool name_is(const char *name, const char *const *piece, int n)
{
    for (int k = 0; k < n; k++) {
        for (const char *q = piece[k]; *q; q++) {
            if (*name++ != *q) {
                return false;
            }
        }
    }
    return !*name;
}

const Stencil *stencil_lookup_pieces(const char *const *piece, int n)
{
    /* stencil_name_hash of the concatenation, continued piece by piece. */
    uint32_t h = 2166136261u;
    for (int k = 0; k < n; k++) {
        for (const char *q = piece[k]; *q; q++) {
            h = (h ^ (unsigned char)*q) * 16777619u;
        }
    }
    for (h &= stencils->index_mask;; h = (h + 1) & stencils->index_mask) {
        unsigned i = stencils->index[h];
        if (i == STENCIL_NO_INDEX) {
            return NULL;
        }
        if (name_is(stencil_name(stencils, &stencils->table[i]), piece, n)) {
            return &stencils->table[i];
        }
    }
}

const Stencil *stencil_lookup(const char *name)
{
    return stencil_lookup_pieces(&name, 1);
}

int stencil_hole_offset(const Stencil *st, int kind)
{
    const StencilHole *holes = stencil_holes(stencils, st);
    for (unsigned h = 0; h < st->nholes; h++) {
        if (holes[h].kind == kind) {
            return holes[h].offset;
        }
    }
    return -1;
}

const Stencil *stencil_get(const char *name)
{
    const Stencil *st = stencil_lookup(name);
    if (!st) {
        fprintf(stderr, "mimic: jit: no stencil %s\n", name);
        abort();
    }
    return st;
}

/* ---- run-time support called from stencils (RT_* holes) ---- */

static uint64_t jit_rt_cmpxchg(uint64_t addr, uint64_t cmp, uint64_t nv,
                               uint32_t memop)
{
    return guest_cmpxchg(guest_atomic_prepare(current_cpu, addr, memop), cmp,
                         nv, memop);
}

static uint64_t jit_rt_rmw(uint64_t addr, uint64_t val, uint32_t memop,
                           uint32_t aop)
{
    return guest_rmw(guest_atomic_prepare(current_cpu, addr, memop), val,
                     memop, aop);
}

static unsigned __int128 jit_rt_cmpxchg128(uint64_t addr, uint64_t cl,
                                           uint64_t ch, uint64_t nl,
                                           uint64_t nh, uint32_t memop)
{
    uint64_t cmp[2] = { cl, ch }, nv[2] = { nl, nh };
    guest_cmpxchg128(guest_atomic_prepare(current_cpu, addr, memop | MO_ALIGN_16),
                     cmp, nv);
    return (unsigned __int128)cmp[1] << 64 | cmp[0];
}

/* lookup_and_goto_ptr: the code of the next block, or NULL for the loop. */
static void *jit_rt_lookup(void)
{
    CPUState *cpu = current_cpu;
    /* Blocks do not test exit_request on entry (jit.c): an indirect jump
     * is one of the places a loop passes that do. */
    if (__atomic_load_n(&cpu->exit_request, __ATOMIC_RELAXED)) {
        return NULL;
    }
    uint64_t pc;
    uint32_t flags;
    cpu->target->get_tb_cpu_state(cpu, &pc, &flags);
    TranslationBlock *tb = tb_lookup(cpu, pc, flags, cpu->cflags);
    return tb ? tb->tc_ptr : NULL;
}

/* The LEAVE hole (holes.h): generated code calls it with its stack as
 * jit_enter's call left it, so it pops its return address (the argument
 * of the C function it jumps to) and the C function returns to
 * jit_enter.  An unlinked direct exit is then one "call rel32", and the
 * block, the exit and the guest pc are found at run time: it took 25
 * bytes (the exit value and a store of the pc), a tenth of the code. */
uintptr_t jit_leave_goto_exit(void);
/* fbinop's fallback, called from its stencil's cold part with the
 * helper as a fourth argument (rcx): the helper may change r8-r11, which
 * hold values of the block, so they are kept around it.  The stack is as
 * at a function's entry (8 mod 16), so four pushes and 8 bytes align the
 * helper's call. */
uint64_t jit_fpslow_entry(void *env, uint64_t a, uint64_t b, uint64_t helper);
__asm__(".text\n"
        ".type jit_fpslow_entry, @function\n"
        "jit_fpslow_entry:\n\t"
        "push %r8\n\t"
        "push %r9\n\t"
        "push %r10\n\t"
        "push %r11\n\t"
        "sub $8, %rsp\n\t"
        "call *%rcx\n\t"
        "add $8, %rsp\n\t"
        "pop %r11\n\t"
        "pop %r10\n\t"
        "pop %r9\n\t"
        "pop %r8\n\t"
        "ret\n\t"
        ".size jit_fpslow_entry, .-jit_fpslow_entry\n");

long jit_host_sp_base_offset;

/* Both ways out of generated code first drop the return stack: the stack
 * pointer goes back to host_sp_base (jit.c), where jit_enter's return
 * address is. */
__asm__(".text\n"
        ".type jit_leave_goto_exit, @function\n"
        "jit_leave_goto_exit:\n\t"
        "pop %rdi\n\t"
        "mov jit_host_sp_base_offset(%rip), %rax\n\t"
        "mov (%rbx,%rax), %rsp\n\t"
        "jmp jit_goto_exit\n\t"
        ".size jit_leave_goto_exit, .-jit_leave_goto_exit\n");

/* Generated code leaves by tail-calling this with the value to return
 * to jit_enter. */
uintptr_t jit_return_entry(uintptr_t v);
__asm__(".text\n"
        ".type jit_return_entry, @function\n"
        "jit_return_entry:\n\t"
        "mov %rdi, %rax\n\t"
        "mov jit_host_sp_base_offset(%rip), %rcx\n\t"
        "mov (%rbx,%rcx), %rsp\n\t"
        "ret\n\t"
        ".size jit_return_entry, .-jit_return_entry\n");

/* An unlinked direct exit, or a backward one that saw exit_request
 * (st_T_goto_exit, st_T_goto_tb_check: jit.c's lower_goto_tb), whose
 * call returns to ret (which may be the block's end). */
uintptr_t jit_goto_exit(uintptr_t ret);
__attribute__((used)) uintptr_t jit_goto_exit(uintptr_t ret)
{
    TranslationBlock *tb = tb_of_host_pc(ret - 1);
    if (!tb) {
        fprintf(stderr, "mimic: internal error: no block at %#" PRIxPTR "\n", ret);
        abort();
    }
    /* Exit n's unlinked path starts at jmp_reset_offset[n] (0: there is
     * no exit n; a real one is past the exit's jmp): ret follows the
     * nearest start below it. */
    uint32_t off = ret - (uintptr_t)tb->tc_ptr;
    int n = 0;
    for (int k = 0; k < TB_NB_EXITS; k++) {
        uint32_t start = tb->jmp_reset_offset[k];
        if (start && start < off &&
            !(tb->jmp_reset_offset[n] < off && tb->jmp_reset_offset[n] > start)) {
            n = k;
        }
    }
    *(uint64_t *)((uint8_t *)current_cpu->env + tb_key_pc_offset) = tb->jmp_pc[n];
    return (uintptr_t)tb | n;
}


/* ---- code emission ---- */

void put32(uint8_t *p, int64_t v, bool sign, const char *what)
{
    if (sign ? v != (int32_t)v : (uint64_t)v != (uint32_t)v) {
        fprintf(stderr, "mimic: jit: %s value %#" PRIx64 " out of range\n", what,
                (uint64_t)v);
        abort();
    }
    uint32_t w = (uint32_t)v;
    memcpy(p, &w, 4);
}

/* The value hole h of st is patched with (an O, K or C hole, or EST). */
static int64_t value_of(const StencilHole *hole, const Patch *p)
{
    if (hole->kind >= HOLE_O0 && hole->kind <= HOLE_O6) {
        return p->o[hole->kind - HOLE_O0];
    } else if (hole->kind >= HOLE_K0 && hole->kind <= HOLE_K6) {
        return p->k[hole->kind - HOLE_K0];
    } else if (hole->kind == HOLE_EST) {
        return (uintptr_t)tcg_fp_estimates;
    }
    return p->c[hole->kind - HOLE_C0];
}

static void reloc_append(Emitter *E, CodeReloc r)
{
    if (E->nrel == E->maxrel) {
        E->maxrel = E->maxrel * 2 + 16;
        E->rel = scratch_grow(E->rel, E->nrel * sizeof(CodeReloc), E->maxrel * sizeof(CodeReloc));
    }
    E->rel[E->nrel++] = r;
}

/* Whether the rel32 target s lies in the block being emitted. */
static bool in_block(const Emitter *E, int64_t s)
{
    return (uintptr_t)s >= E->rx && (uintptr_t)s <= E->rx + E->avail;
}

/* For the persistent cache: records the hole at buffer position at, of
 * value s (pc-relative if pcrel), if that value depends on the process:
 * an address in mimic's image (a call, a table), the block's descriptor,
 * guest_base.  Jumps within the block need nothing; a jump anywhere else
 * makes the block unsaveable. */
static void note_reloc(Emitter *E, size_t at, const StencilHole *hole, const Patch *p,
                       int64_t s, bool pcrel)
{
    int kind;
    int64_t val = s + hole->addend;
    int k = hole->kind - HOLE_K0;
    if (pcrel) {
        if (in_block(E, s)) {
            return;
        }
        kind = CODE_RELOC_IMAGE_PC32;
    } else if (hole->kind == HOLE_GB) {
        kind = CODE_RELOC_GUEST_BASE;
        val = hole->addend;
    } else if (hole->kind == HOLE_EST || (k >= 0 && k < 7 && (p->k_image >> k & 1))) {
        kind = CODE_RELOC_IMAGE;
    } else if (k >= 0 && k < 7 && (p->k_tb >> k & 1)) {
        kind = CODE_RELOC_TB;
        val -= E->tb;
    } else {
        return;
    }
    if (kind == CODE_RELOC_IMAGE || kind == CODE_RELOC_IMAGE_PC32) {
        if (!jit_in_image((uintptr_t)s)) {
            E->unsaveable = true;
            return;
        }
        val -= jit_image_base();
    }
    if (hole->reloc == STENCIL_R_8) {
        E->unsaveable = true;
        return;
    }
    reloc_append(E, (CodeReloc){ .off = at, .kind = kind,
                                 .width = pcrel ? STENCIL_R_PC32 : hole->reloc, .val = val });
}

/* For a block emitted away from its place (E->movable, jit_gen_detached):
 * the fields that change when its code moves within this process, the
 * rel32s that leave the block and the descriptor's address. */
static void note_move(Emitter *E, size_t at, const StencilHole *hole, const Patch *p,
                      int64_t s, bool pcrel)
{
    int k = hole->kind - HOLE_K0;
    if (pcrel && !in_block(E, s)) {
        reloc_append(E, (CodeReloc){ .off = at, .kind = CODE_RELOC_ABS_PC32,
                                     .width = STENCIL_R_PC32, .val = s + hole->addend });
    } else if (!pcrel && k >= 0 && k < 7 && (p->k_tb >> k & 1)) {
        reloc_append(E, (CodeReloc){ .off = at, .kind = CODE_RELOC_TB, .width = hole->reloc,
                                     .val = s + hole->addend - (int64_t)E->tb });
    }
}

/* Patches the holes of code copied to buffer position pos (the stencil's
 * byte 0; holes below skip were not copied): cont is where CONT goes.
 * COLD holes wait for emit_cold_parts. */
static void patch_holes(Emitter *E, size_t pos, const StencilHole *holes,
                        unsigned nholes, unsigned skip, const Patch *p,
                        uintptr_t cont, const char *name)
{
    for (unsigned h = 0; h < nholes; h++) {
        const StencilHole *hole = &holes[h];
        if (hole->offset < skip) {
            continue;
        }
        uint8_t *field = E->buf + pos + hole->offset;
        uintptr_t field_rx = E->rx + pos + hole->offset;
        int64_t s;
        bool pcrel = true;
        switch (hole->kind) {
        case HOLE_CONT: s = cont; break;
        case HOLE_COLD: continue;
        case HOLE_RETURN: case HOLE_RETURN_COLD: s = (uintptr_t)jit_return_entry; break;
        case HOLE_HELPER: s = p->helper; break;
        case HOLE_RT_ld: s = (uintptr_t)jit_rt_ld_entry; break;
        case HOLE_RT_st: s = (uintptr_t)jit_rt_st_entry; break;
        case HOLE_RT_cmpxchg: s = (uintptr_t)jit_rt_cmpxchg; break;
        case HOLE_RT_rmw: s = (uintptr_t)jit_rt_rmw; break;
        case HOLE_RT_cmpxchg128: s = (uintptr_t)jit_rt_cmpxchg128; break;
        case HOLE_RT_goto_exit: s = (uintptr_t)jit_leave_goto_exit; break;
        case HOLE_RT_lookup: s = (uintptr_t)jit_rt_lookup; break;
        case HOLE_FPSLOW: s = (uintptr_t)jit_fpslow_entry; break;
        case HOLE_REG: {
            unsigned shift = hole->reloc & 7, inv = hole->reloc & STENCIL_REG_INVERTED ? 7 : 0;
            *field = (*field & ~(7u << shift)) | ((p->reg[hole->addend] ^ inv) & 7u) << shift;
            continue;
        }
        case HOLE_GB:
            /* guest_base as a displacement (jit_usable checked it). */
            pcrel = false;
            s = guest_base;
            break;
        case HOLE_TARGET:
            if (p->label >= 0) {
                if (E->nfix == E->maxfix) {
                    E->maxfix = E->maxfix * 2 + 16;
                    E->fix = scratch_grow(E->fix, E->nfix * sizeof(Fixup), E->maxfix * sizeof(Fixup));
                }
                E->fix[E->nfix++] = (Fixup){ pos + hole->offset, hole->addend, p->label };
                continue;
            }
            s = p->target;
            break;
        default:
            pcrel = false;
            s = value_of(hole, p);
            break;
        }
        if (E->record) {
            note_reloc(E, pos + hole->offset, hole, p, s, pcrel);
        } else if (E->movable) {
            note_move(E, pos + hole->offset, hole, p, s, pcrel);
        }
        if (pcrel) {
            put32(field, s + hole->addend - (int64_t)field_rx, true, name);
        } else if (hole->reloc == STENCIL_R_8) {
            int64_t v = s + hole->addend;
            if (v < 0 || v > 255) {
                fprintf(stderr, "mimic: jit: %s imm8 %" PRId64 " out of range\n",
                        name, v);
                abort();
            }
            *field = (uint8_t)v;
        } else if (hole->reloc == STENCIL_R_64) {
            uint64_t v = s + hole->addend;
            memcpy(field, &v, 8);
        } else {
            put32(field, s + hole->addend, hole->reloc == STENCIL_R_32S, name);
        }
    }
}

void emit_stencil(Emitter *E, const Stencil *st, const Patch *p)
{
    /* The first 7 bytes reload what the previous stencil just stored
     * from rax: drop them (stencil.h, STENCIL_F_*). */
    const StencilHole *holes = stencil_holes(stencils, st);
    unsigned skip = 0;
    if ((st->flags & STENCIL_F_STARTS_LOAD_RAX) && E->rax_pos == (long)E->pos) {
        for (unsigned h = 0; h < st->nholes; h++) {
            if (holes[h].offset == 3 &&
                value_of(&holes[h], p) + holes[h].addend == E->rax_off) {
                skip = 7;
            }
        }
    }
    E->rax_pos = -1;
    if (E->full || E->pos + st->size - skip > E->avail) {
        E->full = true;
        return;
    }
    /* The position of the stencil's byte 0. */
    size_t pos = E->pos - skip;
    memcpy(E->buf + pos + skip, stencil_code(stencils, st) + skip, st->size - skip);
    patch_holes(E, pos, holes, st->nholes, skip, p, E->rx + pos + st->size,
                stencil_name(stencils, st));
    E->pos += st->size - skip;
    if (st->cold_size) {
        if (E->ncold == E->maxcold) {
            E->maxcold = E->maxcold * 2 + 16;
            E->cold = scratch_grow(E->cold, E->ncold * sizeof(ColdPart),
                                   E->maxcold * sizeof(ColdPart));
        }
        E->cold[E->ncold++] = (ColdPart){ .st = st, .hot = pos, .cont = E->pos, .p = *p };
    }
    if (st->flags & STENCIL_F_ENDS_STORE_RAX) {
        const StencilHole *last = NULL;
        for (unsigned h = 0; h < st->nholes; h++) {
            if (holes[h].offset == st->size - 4u) {
                last = &holes[h];
            }
        }
        if (last) {
            E->rax_pos = E->pos;
            E->rax_off = value_of(last, p) + last->addend;
        }
    }
}

void emit_cold_parts(Emitter *E)
{
    for (int i = 0; i < E->ncold && !E->full; i++) {
        ColdPart *c = &E->cold[i];
        const Stencil *st = c->st;
        if (E->pos + st->cold_size > E->avail) {
            E->full = true;
            break;
        }
        c->pos = E->pos;
        const char *name = stencil_name(stencils, st);
        memcpy(E->buf + c->pos, stencil_cold_code(stencils, st), st->cold_size);
        patch_holes(E, c->pos, stencil_cold_holes(stencils, st), st->cold_nholes, 0,
                    &c->p, E->rx + c->cont, name);
        E->pos += st->cold_size;
        /* The inline part's jumps to it. */
        const StencilHole *holes = stencil_holes(stencils, st);
        for (unsigned h = 0; h < st->nholes; h++) {
            const StencilHole *hole = &holes[h];
            if (hole->kind == HOLE_COLD) {
                size_t field = c->hot + hole->offset;
                put32(E->buf + field, (int64_t)c->pos + hole->addend - (int64_t)field,
                      true, name);
            }
        }
    }
    E->rax_pos = -1;
}


/* ---- fault maps ---- */

/* A ring in the blocks' order, as the cache is: a block's maps are
 * numbered tb->maps_first on (counters that only grow, modulo the
 * capacity), and leave with the block (jit_evict). */
static FaultMap *fault_maps;
static size_t fault_maps_cap;
static uint64_t maps_head, maps_tail;

bool fault_maps_append(TranslationBlock *tb, const FaultMap *m, int n)
{
    if (!fault_maps) {
        /* One record per 64 bytes of code, when accesses are a third of
         * the instructions a few times over: if denser code ever fills it,
         * old blocks make room as they do when the code buffer is full.
         * Pages are touched as used. */
        fault_maps_cap = (tb_code_size() / 64) + 1024;
        fault_maps = mmap(NULL, fault_maps_cap * sizeof(FaultMap),
                          PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
                          MAP_NORESERVE, -1, 0);
        if (fault_maps == MAP_FAILED) {
            fprintf(stderr, "mimic: jit: cannot reserve the fault maps\n");
            abort();
        }
    }
    if (maps_head - maps_tail + n > fault_maps_cap) {
        return false;
    }
    size_t at = maps_head % fault_maps_cap;
    size_t first = n < (int)(fault_maps_cap - at) ? (size_t)n : fault_maps_cap - at;
    memcpy(&fault_maps[at], m, first * sizeof(FaultMap));
    memcpy(fault_maps, m + first, (n - first) * sizeof(FaultMap));
    tb->maps_first = maps_head;
    tb->maps_count = n;
    maps_head += n;
    return true;
}

/* The maps found last, by host pc: the slow paths run again and again
 * from the same accesses (after each flush of the soft TLB, which a guest
 * with KPTI makes at every kernel entry), and finding a map looks up the
 * block and walks its maps, 5% of a Debian boot.  An entry holds while no
 * block leaves the cache (maps_generation, which jit_evict and jit_flush
 * count): an invalidated block's code and maps stay where they are. */
#define FAULT_MAP_MEMO 256
static __thread struct { uintptr_t pc; const FaultMap *m; } fault_map_memo[FAULT_MAP_MEMO];
static __thread uint64_t fault_map_memo_generation;
static uint64_t maps_generation = 1;

static const FaultMap *fault_map_walk(uintptr_t pc)
{
    TranslationBlock *tb = tb_of_host_pc(pc);
    if (!tb || !tb->maps_count) {
        return NULL;
    }
    uint32_t off = pc - (uintptr_t)tb->tc_ptr;
    size_t at = tb->maps_first % fault_maps_cap;
    for (uint32_t k = 0; k < tb->maps_count; k++, at = at + 1 == fault_maps_cap ? 0 : at + 1) {
        const FaultMap *m = &fault_maps[at];
        if (off - m->start < m->len || (m->cold && off - m->cold < m->cold_len)) {
            return m;
        }
    }
    return NULL;
}

/* The map of the access whose code (or cold part) holds pc: one of its
 * block's. */
static const FaultMap *fault_map_find(uintptr_t pc)
{
    uint64_t gen = __atomic_load_n(&maps_generation, __ATOMIC_ACQUIRE);
    if (gen != fault_map_memo_generation) {
        memset(fault_map_memo, 0, sizeof(fault_map_memo));
        fault_map_memo_generation = gen;
    }
    unsigned i = (pc ^ pc >> 8) % FAULT_MAP_MEMO;
    if (fault_map_memo[i].pc == pc) {
        return fault_map_memo[i].m;
    }
    const FaultMap *m = fault_map_walk(pc);
    if (m) {
        fault_map_memo[i].pc = pc;
        fault_map_memo[i].m = m;
    }
    return m;
}

/* Writes back the guest registers that the cache registers (values v)
 * hold at the access of map m: the state is then exact for a guest fault
 * there. */
static void fault_map_apply(CPUState *cpu, const FaultMap *m, const uint64_t *v)
{
    cpu->insn_pc = m->guest_pc;
    for (int c = 0; c < JIT_NCACHE; c++) {
        if (m->off[c] >= 0) {
            memcpy((uint8_t *)cpu->env + m->off[c], &v[c], 8);
        }
    }
}

static void jit_flush(void)
{
    maps_tail = maps_head;
    __atomic_add_fetch(&maps_generation, 1, __ATOMIC_RELEASE);
}

static void jit_evict(TranslationBlock *tb)
{
    if (tb->maps_count) {       /* (the interpreter's blocks have none) */
        maps_tail = tb->maps_first + tb->maps_count;
        __atomic_add_fetch(&maps_generation, 1, __ATOMIC_RELEASE);
    }
}

/* The slow paths of inline accesses: they raise (mostly), so the guest
 * registers in the cache registers go back to the CPU state first; the
 * access's fault map also has its memop. */
static const FaultMap *jit_rt_prepare(uintptr_t ret, const uint64_t *v)
{
    const FaultMap *m = fault_map_find(ret - 1);
    if (!m) {
        fprintf(stderr, "mimic: internal error: no fault map at %#" PRIxPTR "\n", ret);
        abort();
    }
    fault_map_apply(current_cpu, m, v);
    return m;
}

uint64_t jit_rt_ld(uint64_t addr, const uint64_t *cache, uintptr_t ret)
{
    const FaultMap *m = jit_rt_prepare(ret, cache);
    if (guest_mem_ops) {
        return guest_mem_ops->load(current_cpu, addr, m->memop);
    }
    return guest_load(guest_access_prepare(current_cpu, addr, m->memop), m->memop);
}

void jit_rt_st(uint64_t addr, uint64_t val, const uint64_t *cache, uintptr_t ret)
{
    const FaultMap *m = jit_rt_prepare(ret, cache);
    if (guest_mem_ops) {
        guest_mem_ops->store(current_cpu, addr, val, m->memop);
        return;
    }
    guest_store(guest_access_prepare(current_cpu, addr, m->memop), val, m->memop);
}

void emit_nops(Emitter *E, size_t n)
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

/* ---- faults ---- */

/* Guest memory is touched by generated code only in the inline access
 * stencils, with insn_pc stored before each access (sync_pc); guest
 * registers that live in cache registers are found through the fault map
 * of the access (note_fault_map) and written back from the host context. */
bool jit_host_pc_is_guest_access(uintptr_t pc)
{
    return tcg_backend == &tcg_backend_jit && tb_pc_in_code(pc);
}

void jit_restore_state(CPUState *cpu, void *puc)
{
    ucontext_t *uc = puc;
    const uint64_t v[JIT_NCACHE] = { uc->uc_mcontext.gregs[REG_R8],
                                     uc->uc_mcontext.gregs[REG_R9],
                                     uc->uc_mcontext.gregs[REG_R10],
                                     uc->uc_mcontext.gregs[REG_R11],
                                     uc->uc_mcontext.gregs[REG_R14],
                                     uc->uc_mcontext.gregs[REG_R15] };
    const FaultMap *m = fault_map_find(uc->uc_mcontext.gregs[REG_RIP]);
    if (m) {
        fault_map_apply(cpu, m, v);
    }
}

void jit_init_once(void)
{
    pthread_once(&jit_once, jit_init);
}

