/*
 * The table of x86-64 stencils that extract-stencils writes (stencil-table.c)
 * and the JIT reads: per stencil its machine code and the holes to patch.
 *
 * The tables hold no pointers but the few of each StencilSet: a stencil's
 * name, code and holes are offsets into one names blob, one byte array and
 * one StencilHole array per set.  mimic is a PIE, and every pointer in
 * constant data is a dynamic relocation that the dynamic linker applies
 * at each start, writing the page it is on: with up to five pointers per
 * stencil (~10,000 stencils in each of two sets) that was 65,000
 * relocations, 1.6 MB of them read and 1.1 MB of .data.rel.ro made
 * resident and private in every process.  Offsets leave it all in
 * .rodata, paged in (and shared) only where the JIT reads it.
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

/* One stencil, 20 bytes.  Its inline part is size bytes from code_off in
 * the set's bytes, its cold part the cold_size bytes right after; its
 * holes are nholes StencilHoles from hole_idx in the set's holes, the
 * cold part's the cold_nholes right after.  The extractor fails the build
 * if a value does not fit its field.  Read them with the accessors below. */
typedef struct Stencil {
    uint32_t name_off;      /* in the set's names: <op>_<forms>[_<cond>] (st_ dropped) */
    uint32_t code_off;
    uint32_t hole_idx;
    uint16_t size;          /* final jmp to CONT already stripped */
    /* The cold part (the guest access slow paths), or cold_size 0: placed
     * after the block; it returns through CONT (the end of the inline
     * part), the inline part reaches it through COLD holes. */
    uint16_t cold_size;
    uint8_t nholes;
    uint8_t cold_nholes;
    uint8_t flags;          /* STENCIL_F_* */
    /* STENCIL_F_CALLS: the cache-register slots read after its call out
     * (or written before it), which must be bound to r14/r15; the others
     * may be r8-r11 (an argument read before the call, a result written
     * after it).  extract-stencils.c's late_slots. */
    uint8_t late_slots;
} Stencil;

/* What the JIT may fuse between neighbouring stencils: a stencil whose
 * every path ends storing rax to an O hole ("mov %rax, d32(%rbx)", the
 * last instruction), followed by one that starts by loading the same
 * field into rax ("mov d32(%rbx), %rax", 7 bytes, nothing jumps into it):
 * the load is dropped.  And what it must know of a stencil's calls. */
enum {
    STENCIL_F_ENDS_STORE_RAX = 1,
    STENCIL_F_STARTS_LOAD_RAX = 2,
    /* It calls a function that may change r8-r11 (extract-stencils.c's
     * calls_out): the JIT keeps no live value in those across it, and
     * binds only the slots not in late_slots to them. */
    STENCIL_F_CALLS = 4,
};

/* One compilation of the stencils, sorted by name: the same names in
 * every set (one stencils.c), compiled for a different host ISA level.
 * Its pointers are the only relocations of the tables. */
typedef struct StencilSet {
    const char *name;
    const Stencil *table;
    unsigned count;
    /* Open addressing by stencil_name_hash: table indices, or
     * STENCIL_NO_INDEX; index_mask + 1 slots, at least twice count. */
    const uint16_t *index;
    uint32_t index_mask;
    const char *names;          /* the stencils' names, NUL-terminated */
    const uint8_t *bytes;       /* their code, nbytes in all */
    const StencilHole *holes;   /* their holes, nholes in all */
    uint32_t nbytes, nholes;
} StencilSet;

static inline const char *stencil_name(const StencilSet *set, const Stencil *st)
{
    return set->names + st->name_off;
}

static inline const uint8_t *stencil_code(const StencilSet *set, const Stencil *st)
{
    return set->bytes + st->code_off;
}

static inline const uint8_t *stencil_cold_code(const StencilSet *set, const Stencil *st)
{
    return set->bytes + st->code_off + st->size;
}

static inline const StencilHole *stencil_holes(const StencilSet *set, const Stencil *st)
{
    return set->holes + st->hole_idx;
}

static inline const StencilHole *stencil_cold_holes(const StencilSet *set,
                                                    const Stencil *st)
{
    return set->holes + st->hole_idx + st->nholes;
}

/* A REG hole (holes.h): its reloc is the field's bit position, or'd with
 * this if the field holds the register inverted (VEX.vvvv). */
#define STENCIL_REG_INVERTED 16

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

/* x86-64 baseline; and with BMI1, BMI2, LZCNT, POPCNT and FMA (andn,
 * shlx, shrx, sarx, rorx, lzcnt, tzcnt, popcnt, vfmadd, and VEX forms of
 * the SSE instructions). */
extern const StencilSet stencils_baseline, stencils_bmi;

#endif
