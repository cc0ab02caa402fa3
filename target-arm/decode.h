/*
 * Pattern-driven instruction decoding, shared by the ARM front ends.
 *
 * Each instruction group keeps a table of rows written the way the Arm ARM
 * draws encodings, most significant bit first:
 *
 *     { "sf:1 op:1 S:1 100010 sh:1 imm12:12 Rn:5 Rd:5", trans_ADD_SUB_imm,
 *       "ADD/SUB (immediate)" },
 *
 * Digits are fixed bits, 'x' a don't-care bit, "name:N" an N-bit unsigned
 * field and "name:sN" a signed one.  Field names are those of the manual;
 * each must be a member of DecodeArgs.  Rows are tried in table order; a
 * translator that returns false passes the word on to the next matching
 * row, and a word no row takes is unallocated (SIGILL).  A row with a NULL
 * translator names an encoding we know but do not implement yet: it is
 * logged under -d unimp and raises SIGILL, and docs/a64-missing.md is
 * generated from exactly those rows.
 */
#ifndef TARGET_ARM_DECODE_H
#define TARGET_ARM_DECODE_H

#include <stdbool.h>
#include <stdint.h>

struct DisasContext;

/* Every field name any pattern uses. */
#define DECODE_FIELDS(F)                                                     \
    F(sf) F(op) F(S) F(sh) F(imm12) F(Rn) F(Rd) F(Rm) F(Rt) F(Rt2) F(Rs)     \
    F(Ra) F(N) F(immr) F(imms) F(hw) F(imm16) F(opc) F(imm19) F(imm26)       \
    F(imm14) F(b5) F(b40) F(cond) F(o0) F(o1) F(o2) F(o3) F(L) F(size) F(V)  \
    F(imm9) F(imm7) F(option) F(imm3) F(shift) F(imm6) F(nzcv) F(Q) F(U)     \
    F(opcode) F(immlo) F(immhi) F(op0) F(op1) F(op2) F(op3) F(op4) F(CRn)    \
    F(CRm) F(ftype) F(rmode) F(scale) F(imm8) F(imm5) F(imm4) F(len) F(A)    \
    F(R) F(opt) F(x) F(a) F(b) F(c) F(d) F(e) F(f) F(g) F(h) F(immh) F(immb) \
    F(cmode) F(M) F(H) F(opcode2) F(S2) F(sz) F(rot) F(pt) F(i1) F(ebits)

typedef struct DecodeArgs {
#define DECODE_FIELD_MEMBER(n) int n;
    DECODE_FIELDS(DECODE_FIELD_MEMBER)
#undef DECODE_FIELD_MEMBER
} DecodeArgs;

typedef bool TransFn(struct DisasContext *s, const DecodeArgs *a);

typedef struct DecodePattern {
    const char *pattern;
    TransFn *trans;
    const char *name;
} DecodePattern;

/* A group's rows, in the order they are tried. */
typedef struct DecodeGroup {
    const char *name;
    const DecodePattern *rows;
    unsigned nrows;
} DecodeGroup;

#define DECODE_GROUP(name_, rows_) \
    { name_, rows_, sizeof(rows_) / sizeof(rows_[0]) }

typedef struct DecodeTable DecodeTable;

/* Compiles groups into a table, bucketed by the bits in bucket_mask (a
 * contiguous field).  Exits with a message naming the row if a pattern is
 * malformed; that is checked by a unit test, never seen by users. */
DecodeTable *decode_table_build(const DecodeGroup *const *groups, unsigned ngroups,
                                uint32_t bucket_mask);

/* Result of decoding one word. */
typedef enum DecodeResult {
    DECODE_OK,            /* a translator took the word */
    DECODE_UNALLOCATED,   /* no row matched, or every match declined */
    DECODE_UNIMPLEMENTED, /* the first matching row has no translator */
} DecodeResult;

DecodeResult decode_insn(const DecodeTable *t, struct DisasContext *s,
                         uint32_t insn, const char **name);

/* The name of the first row whose fixed bits match insn, without running
 * any translator (NULL if none).  For tests and tools. */
const char *decode_lookup(const DecodeTable *t, uint32_t insn);

/* Parses one pattern; returns false with an explanation on error.
 * Exposed for the unit tests. */
bool decode_parse_pattern(const char *pattern, uint32_t *mask, uint32_t *value,
                          const char **err);

/* Calls fn for each row (for docs generation and tests). */
void decode_table_foreach(const DecodeGroup *const *groups, unsigned ngroups,
                          void (*fn)(const DecodeGroup *g,
                                     const DecodePattern *p, void *opaque),
                          void *opaque);

#endif
