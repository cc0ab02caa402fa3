/*
 * What tcg/x86_64/jit.c (lowering, emission of ops) and jit-alloc.c (the
 * cache registers: which value lives where, and where an op's output
 * goes) share: the lowering state of one block.
 */
#ifndef TCG_X86_64_JIT_LOWER_H
#define TCG_X86_64_JIT_LOWER_H

#include "tcg/frame-slots.h"
#include "jit-internal.h"

/* A cache register (jit_cache_reg): free, a block temp, or a 64-bit
 * global, dirty if the register is newer than the CPU state. */
typedef struct CacheReg {
    int temp;
    bool dirty;
    bool zext;      /* bits 63:32 are clear (its op wrote 32 bits: writes_zext) */
} CacheReg;

typedef struct Lower {
    TCGContext *s;
    Emitter E;
    SlotAlloc sa;
    int frame_off;          /* CPUState.frame from env */
    int cpu_off;            /* CPUState from env */
    int32_t *slot_of;       /* temp -> offset from env, or -1 */
    int *last_use;
    int *uses_left;         /* temp -> occurrences in ops not yet lowered */
    int *reads_left;        /* the same, as an input */
    int8_t *reg_of;         /* temp -> cache register, or -1 */
    int *use_pos;           /* op indices using each temp, per temp in order */
    int *use_cur, *use_end; /* temp -> its uses not yet passed in use_pos */
    TCGOp *op;              /* being lowered */
    bool *reg_ok;           /* block temp: may live in a cache register */
    uint8_t *lea_scale;     /* op index -> n if it is lea<n> (fuse_lea) */
    CacheReg cache[JIT_NCACHE];
    int scratch[8];         /* scratch slots of the current op */
    int in_reg;             /* the temp whose value is in R (r12), or -1 */
    bool in_reg_zext;       /* and its bits 63:32 are clear (see writes_zext) */
    char out_loc;           /* the current op's output: m R X Y Z */
    bool store_out;         /* and a global's in R: store it after the op */
    bool in_reg_stored;     /* in_reg is a global R was stored to */
    uint64_t cur_pc;        /* guest pc of the current instruction */
    bool pc_stored;         /* CPUState.insn_pc == cur_pc on every path here */
    int nscratch;
    bool overflow;
    bool calls_out;         /* the current op's stencil calls out */
    /* Around it: the value each of r8-r11 holds only for the stencil to
     * read before its call (an argument), freed after the op, or -1. */
    int drop_after[JIT_NCALLER_SAVED];
    int *next_drop;         /* op index -> the first op from there on that
                             * drops the cached globals (a label, a call
                             * that may write globals), or nb_ops */
    bool out_via_mem;       /* its register output went through memory */
    /* A hot region's pinned globals: cache register c holds pin_temp[c]
     * (-1: none) from the region's entry to its exits, across its labels
     * and back edges (cache_pin_* in jit-alloc.c); pin_written[c]: some op
     * of the region writes it, so after a label it may be dirty. */
    int pin_temp[JIT_NCACHE];
    bool pin_written[JIT_NCACHE];
    FaultMap *maps;         /* this block's, offsets from its start */
    int nmaps, maxmaps;
} Lower;

/* The letters of the cache registers as inputs and outputs of a stencil
 * request (x..v, X..V: jit.c's canon_forms makes them slots). */
extern const char cache_in[JIT_NCACHE + 1], cache_out[JIT_NCACHE + 1];

/* jit.c: whether t is a 64-bit guest register; a block temp's home in
 * memory; a move between the CPU state (at off), R and cache registers. */
bool is_global64(Lower *L, TCGArg t);
int32_t offset_of(Lower *L, TCGArg t);
void emit_move(Lower *L, char from, char to, int32_t off);

/* jit-alloc.c: the cache registers' upkeep, and per op: what its lowering
 * must find (cache_before_op), the inputs worth a register (load_inputs),
 * a move that is a rename (rename_move), where its output goes
 * (choose_output), what r8-r11 keep across a stencil that calls out
 * (cache_around_call, once op's uses are counted as done; then
 * cache_after_call); whether an op's stencil leaves its register output
 * zero-extended, and whether it takes an input in R. */
void cache_writeback(Lower *L, int c);
void cache_free(Lower *L, int c);
void cache_drop_globals(Lower *L);
bool writes_zext(TCGOp *op);
bool reg_consumer(Lower *L, TCGOp *op);
bool rename_move(Lower *L, TCGOp *op);
char choose_output(Lower *L, int i, TCGOp *op);
void load_inputs(Lower *L, TCGOp *op);
void cache_before_op(Lower *L, TCGOp *op);
void cache_around_call(Lower *L, TCGOp *op, int i);
void cache_after_call(Lower *L);
/* Hot regions: choose the pinned globals and load them (at the entry),
 * and put back any that an op's lowering had to let go of (after it). */
void cache_pin_choose(Lower *L, TranslationBlock *tb);
void cache_pin_restore(Lower *L);
bool cache_pinned(Lower *L, int c);

#endif
