/*
 * The table of x86-64 stencils that extract-stencils writes (stencil-table.c)
 * and the JIT reads: per stencil its machine code and the holes to patch.
 */
#ifndef TCG_X86_64_STENCIL_H
#define TCG_X86_64_STENCIL_H

#include <stdint.h>

typedef enum StencilHoleKind {
#define HOLE(name, how) HOLE_##name,
#include "holes.h"
#undef HOLE
    HOLE_NB
} StencilHoleKind;

/* The relocation types the extractor accepts (values as in <elf.h>). */
enum {
    STENCIL_R_64 = 1,       /* R_X86_64_64: 8-byte absolute */
    STENCIL_R_PC32 = 2,     /* R_X86_64_PC32: 4-byte pc-relative */
    STENCIL_R_32 = 10,      /* R_X86_64_32: 4-byte zero-extended */
    STENCIL_R_32S = 11,     /* R_X86_64_32S: 4-byte sign-extended */
    STENCIL_R_PLT32 = 4,    /* R_X86_64_PLT32: as PC32 (no PLT here) */
    STENCIL_R_8 = 14,       /* R_X86_64_8: 1-byte (shift counts) */
};

typedef struct StencilHole {
    uint16_t offset;        /* of the field in the stencil's bytes */
    uint8_t kind;           /* StencilHoleKind */
    uint8_t reloc;          /* STENCIL_R_* */
    int32_t addend;
} StencilHole;

typedef struct Stencil {
    const char *name;       /* st_<op>_<forms>[_<cond>] */
    const uint8_t *code;
    uint16_t size;          /* final jmp to CONT already stripped */
    uint16_t nholes;
    const StencilHole *holes;
    uint8_t flags;          /* STENCIL_F_* */
    /* The cold part (the guest access slow paths), or cold_size 0: placed
     * after the block; it returns through CONT (the end of the inline
     * part), the inline part reaches it through COLD holes. */
    uint16_t cold_size;
    uint16_t cold_nholes;
    const uint8_t *cold_code;
    const StencilHole *cold_holes;
} Stencil;

/* What the JIT may fuse between neighbouring stencils: a stencil whose
 * every path ends storing rax to an O hole ("mov %rax, d32(%r15)", the
 * last instruction), followed by one that starts by loading the same
 * field into rax ("mov d32(%r15), %rax", 7 bytes, nothing jumps into it):
 * the load is dropped. */
enum {
    STENCIL_F_ENDS_STORE_RAX = 1,
    STENCIL_F_STARTS_LOAD_RAX = 2,
};

/* One compilation of the stencils, sorted by name: the same names in
 * every set (one stencils.c), compiled for a different host ISA level. */
typedef struct StencilSet {
    const char *name;
    const Stencil *table;
    unsigned count;
    /* Open addressing by stencil_name_hash: table indices, or
     * STENCIL_NO_INDEX; index_mask + 1 slots, at least twice count. */
    const uint16_t *index;
    uint32_t index_mask;
} StencilSet;

#define STENCIL_NO_INDEX 0xffff

/* FNV-1a of a stencil name, the index's hash (extractor and JIT). */
static inline uint32_t stencil_name_hash(const char *s)
{
    uint32_t h = 2166136261u;
    while (*s) {
        h = (h ^ (unsigned char)*s++) * 16777619u;
    }
    return h;
}

/* x86-64 baseline; and with BMI1, BMI2, LZCNT and POPCNT (andn, shlx,
 * shrx, sarx, rorx, lzcnt, tzcnt, popcnt). */
extern const StencilSet stencils_baseline, stencils_bmi;

#endif
