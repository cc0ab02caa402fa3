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
} Stencil;

extern const Stencil stencil_table[];
extern const unsigned stencil_count;

#endif
