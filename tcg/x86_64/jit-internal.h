/*
 * What the parts of the native backend share: tcg/x86_64/jit-emit.c owns
 * the stencil table, copying and patching stencils, the run-time functions
 * stencils call and the fault maps; jit-fuse.c the rewrites of a block's
 * ops before lowering; rt-entry.c the slow paths' entries; jit.c owns
 * lowering and running, jit-alloc.c the cache registers (jit-lower.h).
 */
#ifndef TCG_JIT_INTERNAL_H
#define TCG_JIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stencil.h"
#include "tcg/scratch.h"
#include "tcg/tb.h"
#include "tcg/tcg.h"

/* The cache registers: r8, r9, r10, r11 (caller-saved: JIT_NCALLER_SAVED
 * first), r14, r15; their numbers, jit_cache_reg. */
#define JIT_NCACHE 6
#define JIT_NCALLER_SAVED 4
/* The most of the host stack the return stack takes (jit.c): 1024 calls
 * deep, 16 bytes each. */
#define JIT_RETURN_STACK_BYTES 16384
#define JIT_STR_(x) #x
#define JIT_STR(x) JIT_STR_(x)
/* Where CPUState.host_sp_base is from env: the ways out of generated code
 * (jit-emit.c) reset the stack pointer from it. */
extern long jit_host_sp_base_offset;
extern const uint8_t jit_cache_reg[JIT_NCACHE];

typedef struct Fixup {
    uint32_t pos;       /* of the rel32 field */
    int32_t addend;
    int label;
} Fixup;

/* A field of a block's code whose value depends on the process, as the
 * persistent cache saves it: at offset off, width (STENCIL_R_*) bytes of
 * val plus the base of kind (PC32: a rel32 to an address in mimic's
 * image, relative to the field's end as the stencils' are), or, for a
 * block that moves within the process (jit_gen_detached), ABS_PC32: a
 * rel32 to the address val. */
enum { CODE_RELOC_IMAGE_PC32, CODE_RELOC_IMAGE, CODE_RELOC_TB, CODE_RELOC_GUEST_BASE,
       CODE_RELOC_ABS_PC32 };
typedef struct CodeReloc {
    uint32_t off;
    uint8_t kind, width;
    uint16_t zero;
    int64_t val;
} CodeReloc;

/* What a stencil's holes become. */
typedef struct Patch {
    int64_t o[7];       /* O<n>: CPU-state offsets */
    uint64_t k[7];      /* K<n>: constants */
    uint64_t c[3];      /* C<n>: constant arguments */
    uint8_t reg[JIT_NCACHE];    /* REG: slot -> host register number */
    uintptr_t helper;
    uintptr_t target;   /* TARGET: absolute, if label < 0 */
    int label;          /* TARGET: a label of the block, or -1 */
    /* K<n> with bit n set is the block's descriptor plus a small value
     * (k_tb), or an address in mimic's own image (k_image): values that
     * the persistent cache relocates (jit-persist.c). */
    uint8_t k_tb, k_image;
} Patch;

/* A stencil's cold part waiting for the end of the block. */
typedef struct ColdPart {
    const Stencil *st;
    uint32_t hot;       /* position of the inline part's byte 0 */
    uint32_t cont;      /* and of its end, where the cold part returns */
    uint32_t pos;       /* where the cold part went (emit_cold_parts) */
    Patch p;            /* the holes' values, as for the inline part */
} ColdPart;

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
    ColdPart *cold;
    int ncold, maxcold;
    /* For the persistent cache, if record: the fields that depend on the
     * process, and whether one of them cannot be relocated (a call out
     * of mimic's image); tb is the block's descriptor. */
    bool record, unsaveable;
    /* Or, if movable, the fields that change when the code moves within
     * this process (jit_gen_detached). */
    bool movable;
    uintptr_t tb;
    CodeReloc *rel;
    int nrel, maxrel;
} Emitter;


/* The guest state while a guest access runs: the guest pc (no store of
 * it precedes an access) and, for each cache register, the CPU-state
 * offset of the guest register (global) it holds with a value newer than
 * memory, or -1.  One record per inline access, kept with its block
 * (tb->maps_first), found from a host pc in the access or in its cold
 * part. */
typedef struct FaultMap {
    uint64_t guest_pc;      /* of the guest instruction */
    uint32_t start;         /* the access stencil: offset in the block's code */
    uint32_t cold;          /* its slow path's cold part (offset), or 0 */
    uint32_t memop;         /* of the access */
    uint16_t len, cold_len;
    int16_t off[JIT_NCACHE];
} FaultMap;

/* The slow paths of the inline guest accesses: the access at addr (of
 * the value val) whose cold part called from ret, with the cache
 * registers' values.  Reached through jit_rt_ld_entry/jit_rt_st_entry
 * (rt-entry.c), which the cold parts call with the address and value
 * alone. */
uint64_t jit_rt_ld(uint64_t addr, const uint64_t *cache, uintptr_t ret);
void jit_rt_st(uint64_t addr, uint64_t val, const uint64_t *cache, uintptr_t ret);
uint64_t jit_rt_ld_entry(uint64_t addr);
void jit_rt_st_entry(uint64_t addr, uint64_t val);

/* jit-fuse.c: the first op after op i that emits code (past nops and
 * instruction marks; nb_ops if none); each temp's operand count; the
 * rewrites before lowering (scale[i]: op i is an add that is a lea). */
int next_code_op(TCGContext *s, int i);
int *count_occurrences(TCGContext *s);
void fuse_lea(TCGContext *s, const int *occurs, uint8_t *scale);
void fuse_extrl(TCGContext *s, const int *occurs);
void fuse_narrow32(TCGContext *s, const int *occurs, const uint8_t *scale);

/* Once per process, before the first translation. */
void jit_init_once(void);
/* Stencils by name (NULL, or abort for stencil_get, if there is none). */
const Stencil *stencil_lookup(const char *name);
const Stencil *stencil_get(const char *name);
/* The offset of st's first inline hole of kind (HOLE_*), or -1. */
int stencil_hole_offset(const Stencil *st, int kind);
/* By a name given as the concatenation of n pieces, which the lowering
 * looks up for every op it emits: hashed and compared piece by piece,
 * never built. */
const Stencil *stencil_lookup_pieces(const char *const *piece, int n);
/* Copies st to the emitter's position and patches its holes from p. */
void emit_stencil(Emitter *E, const Stencil *st, const Patch *p);
void emit_nops(Emitter *E, size_t n);
/* Places the cold parts of the stencils emitted so far (at the end of the
 * block, before its label fixups are resolved). */
void emit_cold_parts(Emitter *E);
/* Stores v in a 32-bit field, aborting (naming what) if it does not fit. */
void put32(uint8_t *p, int64_t v, bool sign, const char *what);
/* Publishes a block's fault maps (absolute addresses, code order);
 * false if there is no room (the cache then evicts old blocks). */
bool fault_maps_append(TranslationBlock *tb, const FaultMap *m, int n);
/* MIMIC_STENCIL_PROFILE: the form the lowering wished for. */
void wish_note(const char *name);
/* Whether wish_note counts (MIMIC_STENCIL_PROFILE is set). */
bool wish_counting(void);

/* jit-persist.c: mimic's image (where it starts, and whether addr is in
 * it), and what the persistent cache saves of the block just made. */
uintptr_t jit_image_base(void);
/* -perfmap: the line for a block placed at rx. */
void jit_perfmap_note(uintptr_t rx, size_t size, uint64_t pc);
bool jit_in_image(uintptr_t addr);
void jit_persist_keep(const TranslationBlock *tb, const Emitter *E, const FaultMap *maps,
                      int nmaps);

/* jit.c: a block's code (the TCGBackend's gen_code), or, outside
 * tb_lock, in the thread's own buffer (gen_detached). */
long jit_gen_code(TCGContext *s, TranslationBlock *tb, uint8_t *buf, size_t avail);
long jit_gen_detached(TCGContext *s, TranslationBlock *tb, uintptr_t rx);
/* jit-persist.c: keeps what placing the detached block needs; places it
 * (the TCGBackend's place_detached). */
void jit_detached_keep(const TranslationBlock *tb, const Emitter *E, const FaultMap *maps,
                       int nmaps);
long jit_place_detached(TranslationBlock *tb, uint8_t *buf, uintptr_t rx, size_t avail);
/* jit-run.c: for -d out_asm, the code offsets of the instruction starts
 * (pc) and cold parts (JIT_MARK_COLD) of the block being made. */
#define JIT_MARK_COLD UINT64_MAX
void jit_mark_reset(void);
void jit_mark(uint32_t pos, uint64_t pc);

#endif
