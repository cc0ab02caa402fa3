/*
 * The interpreter backend: lowers a block's micro-ops to a compact bytecode
 * stored in the translation cache, and runs it.
 *
 * Bytecode is a stream of 32-bit words: the opcode, then one word per
 * argument.  A temp operand is either an offset from the CPU-state base
 * (globals, and block temps, which live in CPUState.frame slots assigned by
 * a linear scan over their live ranges) or, with OPND_CONST set, an index
 * into the block's constant pool that follows the code.  Labels become word
 * offsets.  Blocks chain by following tb->jmp_dest without leaving the
 * interpreter; every block entry tests the CPU's exit request.
 *
 * The interpreter is the reference for every other backend, so it is
 * written for obviousness first.
 */
#include <assert.h>
#include <ffi.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "guest-mem.h"
#include "frame-slots.h"
#include "tb.h"
#include "tcg-eval.h"
#include "tcg.h"
#include "scratch.h"

#define OPND_CONST 0x80000000u
#define OPND_NONE 0xffffffffu

/* Block header, at the start of the block's code. */
typedef struct InterpHeader {
    uint32_t pool_offset;     /* bytes from the header to the pool */
    uint32_t pad;
} InterpHeader;

/* Offset of CPUState.frame from the base pointer; set by the target's CPU
 * creation through tcg_interp_set_frame_offset(). */
static int frame_offset;

void tcg_interp_set_frame_offset(int off)
{
    frame_offset = off;
}

/* ---- lowering ---- */

typedef struct Lowering {
    uint32_t *words;
    size_t nwords, capwords, maxwords;   /* used, allocated, allowed */
    uint64_t *pool;
    size_t npool;
    uint32_t *slot_of;         /* temp -> operand word (const temps too) */
    int *last_use;             /* temp -> index of last op reading it */
    int *label_word;           /* label -> word offset */
    int nfix;
    struct { int word; int label; } *fix;
    bool full;
} Lowering;

static void emit(Lowering *L, uint32_t w)
{
    if (L->nwords >= L->capwords) {
        /* Grown as needed: the limit is what is left of the whole cache,
         * far more than a block uses. */
        if (L->capwords >= L->maxwords) {
            L->full = true;
            return;
        }
        size_t old = L->capwords;
        L->capwords = L->capwords * 2 < L->maxwords ? L->capwords * 2 : L->maxwords;
        L->words = scratch_grow(L->words, old * 4, L->capwords * 4);
    }
    L->words[L->nwords++] = w;
}

static void emit64(Lowering *L, uint64_t v)
{
    emit(L, (uint32_t)v);
    emit(L, (uint32_t)(v >> 32));
}

/* A constant temp's pool entry, made at its first use: one per temp, so the
 * pool never holds more entries than the block has temps. */
static uint32_t pool_add(Lowering *L, TCGArg t, uint64_t v)
{
    if (L->slot_of[t] == OPND_NONE) {
        L->pool[L->npool] = v;
        L->slot_of[t] = OPND_CONST | L->npool++;
    }
    return L->slot_of[t];
}


static uint32_t operand(Lowering *L, TCGContext *s, TCGArg t)
{
    TCGTemp *ts = &s->temps[t];
    switch (ts->kind) {
    case TEMP_GLOBAL:
        return ts->offset;
    case TEMP_ENV:
        return frame_offset;
    case TEMP_CONST:
        return pool_add(L, t, ts->val);
    default:
        return L->slot_of[t];
    }
}

static long interp_gen_code(TCGContext *s, TranslationBlock *tb, uint8_t *buf,
                            size_t avail)
{
    if (avail < sizeof(InterpHeader) + 64) {
        return -1;
    }
    Lowering L = { 0 };
    size_t budget = avail - sizeof(InterpHeader) - 8;
    /* Split the space: code grows up, the pool is bounded by what is left. */
    L.maxwords = budget / 4;
    L.capwords = L.maxwords < 1024 ? L.maxwords : 1024;
    L.words = scratch_alloc(L.capwords * 4);
    L.pool = scratch_alloc(sizeof(uint64_t) * s->nb_temps);
    L.slot_of = scratch_alloc(sizeof(uint32_t) * s->nb_temps);
    L.last_use = scratch_alloc(sizeof(int) * s->nb_temps);
    L.label_word = scratch_alloc(sizeof(int) * (s->nb_labels + 1));
    L.fix = scratch_alloc(sizeof(*L.fix) * (s->nb_ops + 1));
    long result = -1;

    for (int i = 0; i < s->nb_temps; i++) {
        L.last_use[i] = -1;
        L.slot_of[i] = OPND_NONE;
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

    SlotAlloc sa = FRAME_SLOTS_INIT;
    for (int i = 0; i < s->nb_ops && !L.full; i++) {
        TCGOp *op = &s->ops[i];
        TCGOpcode opc = op->opc;
        if (opc == INDEX_op_nop) {
            continue;
        }
        if (opc == INDEX_op_set_label) {
            L.label_word[op->args[0]] = L.nwords;
            continue;
        }
        /* Outputs get slots at their first write; a block temp's range runs
         * from there to its last use, and blocks only branch forward. */
        for (int k = 0; k < op->nb_oargs; k++) {
            TCGArg t = op->args[k];
            if (s->temps[t].kind == TEMP_EBB && L.slot_of[t] == OPND_NONE) {
                int slot = slot_get(&sa);
                if (slot < 0) {
                    s->overflow = true;
                    goto out;
                }
                L.slot_of[t] = frame_offset + slot * 8;
            }
        }
        emit(&L, opc);
        if (opc == INDEX_op_call) {
            TCGHelperInfo *info = (TCGHelperInfo *)op->args[op->nb_oargs + op->nb_iargs];
            emit(&L, op->nb_iargs);
            emit(&L, op->nb_oargs ? operand(&L, s, op->args[0]) : OPND_NONE);
            emit64(&L, (uintptr_t)info);
            for (int k = 0; k < op->nb_iargs; k++) {
                emit(&L, operand(&L, s, op->args[op->nb_oargs + k]));
            }
        } else {
            const TCGOpDef *def = &tcg_op_defs[opc];
            int n = def->nb_oargs + def->nb_iargs;
            for (int k = 0; k < n; k++) {
                emit(&L, operand(&L, s, op->args[k]));
            }
            switch (opc) {
            case INDEX_op_insn_start:
            case INDEX_op_exit_tb:
                emit64(&L, op->args[n]);
                break;
            case INDEX_op_br:
            case INDEX_op_br_exit_clear:
                L.fix[L.nfix].word = L.nwords;
                L.fix[L.nfix++].label = op->args[0];
                emit(&L, 0);
                break;
            case INDEX_op_brcond_i32:
            case INDEX_op_brcond_i64:
                emit(&L, op->args[2]);
                L.fix[L.nfix].word = L.nwords;
                L.fix[L.nfix++].label = op->args[3];
                emit(&L, 0);
                break;
            case INDEX_op_fbinop_i64:
                /* kind, fallback (64-bit), offset, mask and val (64-bit) */
                emit(&L, op->args[n]);
                emit64(&L, op->args[n + 1]);
                emit(&L, op->args[n + 2]);
                emit64(&L, op->args[n + 3]);
                emit64(&L, op->args[n + 4]);
                break;
            case INDEX_op_funop_i64:
                /* kind, fallback (64-bit), arg, offset, mask and val
                 * (64-bit), fbits */
                emit(&L, op->args[n]);
                emit64(&L, op->args[n + 1]);
                emit(&L, op->args[n + 2]);
                emit(&L, op->args[n + 3]);
                emit64(&L, op->args[n + 4]);
                emit64(&L, op->args[n + 5]);
                emit(&L, op->args[n + 6]);
                break;
            case INDEX_op_fmuladd_vec:
                /* kind, fallback (64-bit), desc, regs, d, n, m, a, mode
                 * offset, mask and val (64-bit) */
                emit(&L, op->args[0]);
                emit64(&L, op->args[1]);
                for (int c = 2; c < 9; c++) {
                    emit(&L, op->args[c]);
                }
                emit64(&L, op->args[9]);
                emit64(&L, op->args[10]);
                break;
            case INDEX_op_fbinop_vec:
            case INDEX_op_funop_vec:
                /* kind, fallback (64-bit), d, n, m (funop_vec: arg, d,
                 * n), mode offset, mask and val (64-bit); funop_vec's
                 * fbits */
                emit(&L, op->args[0]);
                emit64(&L, op->args[1]);
                for (int c = 2; c < 6; c++) {
                    emit(&L, op->args[c]);
                }
                emit64(&L, op->args[6]);
                emit64(&L, op->args[7]);
                if (opc == INDEX_op_funop_vec) {
                    emit(&L, op->args[8]);
                }
                break;
            default:
                for (int c = 0; c < def->nb_cargs; c++) {
                    emit(&L, (uint32_t)op->args[n + c]);
                }
                break;
            }
        }
        /* Inputs whose range ends here free their slots; an output that
         * is never read frees at once. */
        for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
            TCGArg t = op->args[k];
            if (s->temps[t].kind == TEMP_EBB && L.last_use[t] == i &&
                L.slot_of[t] != OPND_NONE) {
                slot_put(&sa, (L.slot_of[t] - frame_offset) / 8);
            }
        }
    }
    if (L.full) {
        goto out;
    }
    for (int f = 0; f < L.nfix; f++) {
        L.words[L.fix[f].word] = L.label_word[L.fix[f].label];
    }
    size_t code_bytes = (L.nwords * 4 + 7) & ~(size_t)7;
    size_t total = sizeof(InterpHeader) + code_bytes + L.npool * 8;
    if (total > avail) {
        goto out;
    }
    InterpHeader *h = (InterpHeader *)buf;
    h->pool_offset = sizeof(InterpHeader) + code_bytes;
    memcpy(buf + sizeof(InterpHeader), L.words, L.nwords * 4);
    memcpy(buf + h->pool_offset, L.pool, L.npool * 8);
    result = total;
out:
    return result;
}

/* ---- helper calls through libffi ---- */

static ffi_type *ffi_type_of(uint8_t t)
{
    switch (t) {
    case TCG_CALL_VOID: return &ffi_type_void;
    case TCG_CALL_I32: return &ffi_type_uint32;
    default: return &ffi_type_uint64;
    }
}

static ffi_cif *helper_cif(TCGHelperInfo *info)
{
    ffi_cif *cif = __atomic_load_n((ffi_cif **)&info->cif, __ATOMIC_ACQUIRE);
    if (cif) {
        return cif;
    }
    struct { ffi_cif cif; ffi_type *types[TCG_MAX_HELPER_ARGS]; } *c =
        calloc(1, sizeof(*c));
    for (int i = 0; i < info->nargs; i++) {
        c->types[i] = ffi_type_of(info->args[i]);
    }
    if (ffi_prep_cif(&c->cif, FFI_DEFAULT_ABI, info->nargs,
                     ffi_type_of(info->ret), c->types) != FFI_OK) {
        fprintf(stderr, "mimic: libffi cannot describe helper %s\n", info->name);
        abort();
    }
    ffi_cif *expected = NULL;
    if (!__atomic_compare_exchange_n((ffi_cif **)&info->cif, &expected, &c->cif,
                                     false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        free(c);
        return expected;
    }
    return &c->cif;
}

/* ---- execution ---- */

static uintptr_t interp_exec(CPUState *cpu, TranslationBlock *tb)
{
    static const void *const dispatch[NB_OPS] = {
#define DEF(name, o, i, c, f, k) [INDEX_op_##name] = &&L_##name,
#include "tcg-opc.h"
#undef DEF
    };
    uint8_t *const base = cpu->env;
    const uint32_t *ip;
    const uint64_t *pool;

    *(uint8_t **)(base + frame_offset) = base;

#define R32(w) ((w) & OPND_CONST ? (uint32_t)pool[(w) & ~OPND_CONST] \
                                 : *(const uint32_t *)(base + (w)))
#define R64(w) ((w) & OPND_CONST ? pool[(w) & ~OPND_CONST] \
                                 : *(const uint64_t *)(base + (w)))
#define W32(w, v) (*(uint32_t *)(base + (w)) = (uint32_t)(v))
#define W64(w, v) (*(uint64_t *)(base + (w)) = (uint64_t)(v))
#define NEXT(n) do { ip += (n); goto *dispatch[ip[0]]; } while (0)

enter_block:
    if (__atomic_load_n(&cpu->exit_request, __ATOMIC_ACQUIRE)) {
        return (uintptr_t)tb | TB_EXIT_REQUESTED;
    }
    {
        const uint8_t *code = tb->tc_ptr;
        pool = (const uint64_t *)(code + ((const InterpHeader *)code)->pool_offset);
        ip = (const uint32_t *)(code + sizeof(InterpHeader));
    }
#define CODE_START ((const uint32_t *)((const uint8_t *)tb->tc_ptr + sizeof(InterpHeader)))
    goto *dispatch[ip[0]];

    /* Pure ops of both widths, from the shared evaluator. */
#define BIN(name)                                                              \
    L_##name##_i32: W32(ip[1], tcg_eval2_32(INDEX_op_##name##_i32, R32(ip[2]), R32(ip[3]))); NEXT(4); \
    L_##name##_i64: W64(ip[1], tcg_eval2_64(INDEX_op_##name##_i32, R64(ip[2]), R64(ip[3]))); NEXT(4);
#define UN(name)                                                               \
    L_##name##_i32: W32(ip[1], tcg_eval1_32(INDEX_op_##name##_i32, R32(ip[2]))); NEXT(3); \
    L_##name##_i64: W64(ip[1], tcg_eval1_64(INDEX_op_##name##_i32, R64(ip[2]))); NEXT(3);

    /* Every typed UNARY and BINARY op of the table (those of one width
     * have no _i32 twin in tcg-eval.h's switches: written out below). */
#define INTERP_UNARY(name) UN(name)
#define INTERP_BINARY(name) BIN(name)
#define INTERP_OTHER(name)
#define INTERP_COMPARE(name)
#define INTERP_SELECT(name)
#define INTERP_BRANCH(name)
#define INTERP_HOST_LOAD(name)
#define INTERP_HOST_STORE(name)
#define INTERP_GUEST_LOAD(name)
#define INTERP_GUEST_STORE(name)
#define INTERP_ATOMIC(name)
#define DEF(name, o, i, c, f, k)
#define DEF_32(name, o, i, c, f, k)
#define DEF_64(name, o, i, c, f, k)
#define DEF_T(name, o, i, c, f, k) INTERP_##k(name)
#include "tcg-opc.h"
#undef DEF
#undef INTERP_UNARY
#undef INTERP_BINARY
#undef INTERP_OTHER
#undef INTERP_COMPARE
#undef INTERP_SELECT
#undef INTERP_BRANCH
#undef INTERP_HOST_LOAD
#undef INTERP_HOST_STORE
#undef INTERP_GUEST_LOAD
#undef INTERP_GUEST_STORE
#undef INTERP_ATOMIC
#undef BIN
#undef UN

L_ext32s_i64: W64(ip[1], (int64_t)(int32_t)R64(ip[2])); NEXT(3);
L_ext32u_i64: W64(ip[1], (uint32_t)R64(ip[2])); NEXT(3);
L_bswap64_i64: W64(ip[1], __builtin_bswap64(R64(ip[2]))); NEXT(3);
L_ext_i32_i64: W64(ip[1], (int64_t)(int32_t)R32(ip[2])); NEXT(3);
L_extu_i32_i64: W64(ip[1], R32(ip[2])); NEXT(3);
L_extrl_i64_i32: W32(ip[1], R64(ip[2])); NEXT(3);
L_extrh_i64_i32: W32(ip[1], R64(ip[2]) >> 32); NEXT(3);

L_setcond_i32: W32(ip[1], tcg_eval_cond(ip[4], R32(ip[2]), R32(ip[3]), false)); NEXT(5);
L_setcond_i64: W64(ip[1], tcg_eval_cond(ip[4], R64(ip[2]), R64(ip[3]), true)); NEXT(5);
L_movcond_i32:
    W32(ip[1], tcg_eval_cond(ip[6], R32(ip[2]), R32(ip[3]), false) ? R32(ip[4]) : R32(ip[5]));
    NEXT(7);
L_movcond_i64:
    W64(ip[1], tcg_eval_cond(ip[6], R64(ip[2]), R64(ip[3]), true) ? R64(ip[4]) : R64(ip[5]));
    NEXT(7);
L_brcond_i32:
    if (tcg_eval_cond(ip[3], R32(ip[1]), R32(ip[2]), false)) {
        ip = CODE_START + ip[4];
        goto *dispatch[ip[0]];
    }
    NEXT(5);
L_brcond_i64:
    if (tcg_eval_cond(ip[3], R64(ip[1]), R64(ip[2]), true)) {
        ip = CODE_START + ip[4];
        goto *dispatch[ip[0]];
    }
    NEXT(5);
L_br:
    ip = CODE_START + ip[1];
    goto *dispatch[ip[0]];
L_br_exit_clear:
    if (__atomic_load_n(&cpu->exit_request, __ATOMIC_RELAXED)) {
        NEXT(2);
    }
    ip = CODE_START + ip[1];
    goto *dispatch[ip[0]];
L_set_label:
    NEXT(1);
L_discard:
    NEXT(2);

L_extract_i32: W32(ip[1], tcg_eval_extract(R32(ip[2]), ip[3], ip[4])); NEXT(5);
L_extract_i64: W64(ip[1], tcg_eval_extract(R64(ip[2]), ip[3], ip[4])); NEXT(5);
L_sextract_i32:
    W32(ip[1], tcg_eval_sextract((uint64_t)R32(ip[2]) << 32, ip[3] + 32, ip[4]));
    NEXT(5);
L_sextract_i64: W64(ip[1], tcg_eval_sextract(R64(ip[2]), ip[3], ip[4])); NEXT(5);
L_deposit_i32: W32(ip[1], tcg_eval_deposit(R32(ip[2]), R32(ip[3]), ip[4], ip[5])); NEXT(6);
L_deposit_i64: W64(ip[1], tcg_eval_deposit(R64(ip[2]), R64(ip[3]), ip[4], ip[5])); NEXT(6);
L_extract2_i32: W32(ip[1], tcg_eval_extract2(R32(ip[2]), R32(ip[3]), ip[4], 32)); NEXT(5);
L_extract2_i64: W64(ip[1], tcg_eval_extract2(R64(ip[2]), R64(ip[3]), ip[4], 64)); NEXT(5);

    /* Host memory relative to a pointer (the CPU state). */
#define LD(name, W, T) L_##name: W(ip[1], *(const T *)((uint8_t *)(uintptr_t)R64(ip[2]) + (int32_t)ip[3])); NEXT(4);
#define ST(name, R, T) L_##name: *(T *)((uint8_t *)(uintptr_t)R64(ip[2]) + (int32_t)ip[3]) = (T)R(ip[1]); NEXT(4);
    LD(ld8u_i32, W32, uint8_t) LD(ld8s_i32, W32, int8_t)
    LD(ld16u_i32, W32, uint16_t) LD(ld16s_i32, W32, int16_t) LD(ld_i32, W32, uint32_t)
    LD(ld8u_i64, W64, uint8_t) LD(ld8s_i64, W64, int8_t)
    LD(ld16u_i64, W64, uint16_t) LD(ld16s_i64, W64, int16_t)
    LD(ld32u_i64, W64, uint32_t) LD(ld32s_i64, W64, int32_t) LD(ld_i64, W64, uint64_t)
    ST(st8_i32, R32, uint8_t) ST(st16_i32, R32, uint16_t) ST(st_i32, R32, uint32_t)
    ST(st8_i64, R64, uint8_t) ST(st16_i64, R64, uint16_t) ST(st32_i64, R64, uint32_t)
    ST(st_i64, R64, uint64_t)
#undef LD
#undef ST

    /* Guest memory. */
L_qemu_ld_i32:
    W32(ip[1], guest_mem_ops ? guest_mem_ops->load(cpu, R64(ip[2]), ip[3])
               : guest_load(guest_access_prepare(cpu, R64(ip[2]), ip[3]), ip[3]));
    NEXT(4);
L_qemu_ld_i64:
    W64(ip[1], guest_mem_ops ? guest_mem_ops->load(cpu, R64(ip[2]), ip[3])
               : guest_load(guest_access_prepare(cpu, R64(ip[2]), ip[3]), ip[3]));
    NEXT(4);
L_qemu_st_i32:
    if (guest_mem_ops) {
        guest_mem_ops->store(cpu, R64(ip[2]), R32(ip[1]), ip[3]);
    } else {
        guest_store(guest_access_prepare(cpu, R64(ip[2]), ip[3]), R32(ip[1]), ip[3]);
    }
    NEXT(4);
L_qemu_st_i64:
    if (guest_mem_ops) {
        guest_mem_ops->store(cpu, R64(ip[2]), R64(ip[1]), ip[3]);
    } else {
        guest_store(guest_access_prepare(cpu, R64(ip[2]), ip[3]), R64(ip[1]), ip[3]);
    }
    NEXT(4);
L_atomic_cmpxchg_i32:
    W32(ip[1], guest_cmpxchg(guest_atomic_prepare(cpu, R64(ip[2]), ip[5]),
                             R32(ip[3]), R32(ip[4]), ip[5]));
    NEXT(6);
L_atomic_cmpxchg_i64:
    W64(ip[1], guest_cmpxchg(guest_atomic_prepare(cpu, R64(ip[2]), ip[5]),
                             R64(ip[3]), R64(ip[4]), ip[5]));
    NEXT(6);
L_atomic_rmw_i32:
    W32(ip[1], guest_rmw(guest_atomic_prepare(cpu, R64(ip[2]), ip[4]),
                         R32(ip[3]), ip[4], ip[5]));
    NEXT(6);
L_atomic_rmw_i64:
    W64(ip[1], guest_rmw(guest_atomic_prepare(cpu, R64(ip[2]), ip[4]),
                         R64(ip[3]), ip[4], ip[5]));
    NEXT(6);
L_atomic_cmpxchg128: {
    uint64_t cmp[2] = { R64(ip[4]), R64(ip[5]) };
    uint64_t nv[2] = { R64(ip[6]), R64(ip[7]) };
    guest_cmpxchg128(guest_atomic_prepare(cpu, R64(ip[3]), ip[8] | MO_ALIGN_16),
                     cmp, nv);
    W64(ip[1], cmp[0]);
    W64(ip[2], cmp[1]);
    NEXT(9);
}
L_mb:
    if (ip[1] & TCG_MO_ST_LD) {
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
    } else {
        __atomic_signal_fence(__ATOMIC_SEQ_CST);
    }
    NEXT(2);

L_call: {
    unsigned nin = ip[1];
    uint32_t out = ip[2];
    TCGHelperInfo *info = (TCGHelperInfo *)(uintptr_t)(ip[3] | (uint64_t)ip[4] << 32);
    uint64_t vals[TCG_MAX_HELPER_ARGS];
    void *ptrs[TCG_MAX_HELPER_ARGS];
    for (unsigned k = 0; k < nin; k++) {
        vals[k] = info->args[k] == TCG_CALL_I32 ? R32(ip[5 + k]) : R64(ip[5 + k]);
        ptrs[k] = &vals[k];
    }
    uint64_t ret = 0;
    ffi_call(helper_cif(info), FFI_FN(info->func), &ret, ptrs);
    if (out != OPND_NONE) {
        if (info->ret == TCG_CALL_I32) {
            W32(out, ret);
        } else {
            W64(out, ret);
        }
    }
    NEXT(5 + nin);
}

L_fbinop_i64: {
    uint64_t a = R64(ip[2]), b = R64(ip[3]), r;
    uint64_t mask = ip[8] | (uint64_t)ip[9] << 32, val = ip[10] | (uint64_t)ip[11] << 32;
    if ((*(const uint64_t *)(base + ip[7]) & mask) != val ||
        !tcg_eval_fbinop_host(ip[4], a, b, &r)) {
        const TCGHelperInfo *info =
            (const TCGHelperInfo *)(uintptr_t)(ip[5] | (uint64_t)ip[6] << 32);
        r = ((uint64_t (*)(void *, uint64_t, uint64_t))info->func)(base, a, b);
    }
    W64(ip[1], r);
    NEXT(12);
}

L_funop_i64: {
    uint64_t a = R64(ip[2]), r;
    uint64_t mask = ip[8] | (uint64_t)ip[9] << 32, val = ip[10] | (uint64_t)ip[11] << 32;
    if ((*(const uint64_t *)(base + ip[7]) & mask) != val ||
        !tcg_eval_funop_host(ip[3], a, ip[12], tcg_fp_estimates, &r)) {
        const TCGHelperInfo *info =
            (const TCGHelperInfo *)(uintptr_t)(ip[4] | (uint64_t)ip[5] << 32);
        r = ((uint64_t (*)(void *, uint64_t, uint32_t))info->func)(base, a, ip[6]);
    }
    W64(ip[1], r);
    NEXT(13);
}

L_vop_vec:
    tcg_eval_vop_vec(ip[1], base + (int32_t)ip[3], base + (int32_t)ip[4], base + (int32_t)ip[2],
                     ip[5], (uint32_t *)(base + (int32_t)ip[6]), ip[7]);
    NEXT(8);

L_fmuladd_vec: {
    uint64_t mask = ip[11] | (uint64_t)ip[12] << 32, val = ip[13] | (uint64_t)ip[14] << 32;
    if ((*(const uint64_t *)(base + ip[10]) & mask) != val ||
        !tcg_eval_fmuladd_host(ip[1], base + (int32_t)ip[7], base + (int32_t)ip[8],
                               base + (int32_t)ip[9], base + (int32_t)ip[6])) {
        const TCGHelperInfo *info =
            (const TCGHelperInfo *)(uintptr_t)(ip[2] | (uint64_t)ip[3] << 32);
        ((void (*)(void *, uint32_t, uint32_t))info->func)(base, ip[4], ip[5]);
    }
    NEXT(15);
}

L_funop_vec: {
    uint8_t *d = base + (int32_t)ip[5];
    const uint8_t *n = base + (int32_t)ip[6];
    uint64_t mask = ip[8] | (uint64_t)ip[9] << 32, val = ip[10] | (uint64_t)ip[11] << 32;
    if ((*(const uint64_t *)(base + ip[7]) & mask) != val ||
        !tcg_eval_funop_vec_host(ip[1], n, ip[12], tcg_fp_estimates, d)) {
        /* Lane by lane into d: its lane k overlaps lane k of n only. */
        const TCGHelperInfo *info =
            (const TCGHelperInfo *)(uintptr_t)(ip[2] | (uint64_t)ip[3] << 32);
        uint64_t (*fallback)(void *, uint64_t, uint32_t) = info->func;
        int lane = ip[1] & TCG_FU_F64 ? 8 : 4, size = ip[1] & TCG_FU_Q ? 16 : 8;
        for (int k = 0; k < size; k += lane) {
            uint64_t a = 0, x;
            memcpy(&a, n + k, lane);
            x = fallback(base, a, ip[4]);
            memcpy(d + k, &x, lane);
        }
        if (size == 8) {
            memset(d + 8, 0, 8);
        }
    }
    NEXT(13);
}

L_fbinop_vec: {
    uint8_t *d = base + (int32_t)ip[4];
    const uint8_t *n = base + (int32_t)ip[5], *m = base + (int32_t)ip[6];
    uint64_t mask = ip[8] | (uint64_t)ip[9] << 32, val = ip[10] | (uint64_t)ip[11] << 32;
    if ((*(const uint64_t *)(base + ip[7]) & mask) != val ||
        !tcg_eval_fbinop_vec_host(ip[1], n, m, d)) {
        /* Lane by lane into d: its lane k overlaps lane k of n and m only. */
        const TCGHelperInfo *info =
            (const TCGHelperInfo *)(uintptr_t)(ip[2] | (uint64_t)ip[3] << 32);
        uint64_t (*fallback)(void *, uint64_t, uint64_t) = info->func;
        int lane = ip[1] & TCG_FP_F64 ? 8 : 4;
        for (int k = 0; k < 16; k += lane) {
            uint64_t a = 0, b = 0, x;
            memcpy(&a, n + k, lane);
            memcpy(&b, m + k, lane);
            x = fallback(base, a, b);
            memcpy(d + k, &x, lane);
        }
    }
    NEXT(12);
}

L_insn_start:
    cpu->insn_pc = ip[1] | (uint64_t)ip[2] << 32;
    NEXT(3);
L_exit_tb:
    return ip[1] | (uint64_t)ip[2] << 32;
L_goto_tb: {
    TranslationBlock *next = __atomic_load_n(&tb->jmp_dest[ip[1]], __ATOMIC_ACQUIRE);
    if (next) {
        tb = next;
        goto enter_block;
    }
    NEXT(2);
}
L_push_return:
    NEXT(3);            /* the return stack is the native backend's */
L_lookup_and_goto_ptr: {
    uint64_t pc;
    uint32_t flags;
    cpu->target->get_tb_cpu_state(cpu, &pc, &flags);
    TranslationBlock *next = tb_lookup(cpu, pc, flags, cpu->cflags);
    if (next) {
        tb = next;
        goto enter_block;
    }
    return TB_EXIT_NOCHAIN;
}
#undef R32
#undef R64
#undef W32
#undef W64
#undef NEXT
#undef CODE_START
}

static void interp_set_jmp(TranslationBlock *tb, int n, TranslationBlock *dest)
{
    /* Nothing to patch: goto_tb reads tb->jmp_dest, which the cache sets. */
}

static void interp_dump_code(TranslationBlock *tb, FILE *f)
{
    const uint8_t *code = tb->tc_ptr;
    const InterpHeader *h = (const InterpHeader *)code;
    fprintf(f, "OUT: [interp bytecode, %u words, %u pool entries]\n\n",
            (unsigned)(h->pool_offset - sizeof(*h)) / 4,
            (unsigned)(tb->tc_size - h->pool_offset) / 8);
}

const TCGBackend tcg_backend_interp = {
    .name = "interp",
    .gen_code = interp_gen_code,
    .exec = interp_exec,
    .set_jmp = interp_set_jmp,
    .dump_code = interp_dump_code,
};
