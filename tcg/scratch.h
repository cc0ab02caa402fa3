/*
 * Scratch memory for one translation: the arrays the optimizer and the
 * backends size by a block's temps, ops and labels.  They come from a
 * per-thread arena that tcg_func_start empties for the next block, so
 * translating a block mallocs and frees nothing once blocks of its size
 * have been seen (a flush-heavy run translates millions of them).
 */
#ifndef TCG_SCRATCH_H
#define TCG_SCRATCH_H

#include <stddef.h>

/* n bytes, 16-byte aligned, uninitialised; valid until the next block.
 * Aborts if the host is out of memory. */
void *scratch_alloc(size_t n);
/* The same, zeroed. */
void *scratch_zalloc(size_t n);
/* A bigger copy of p's first old bytes (p from scratch_alloc, or NULL). */
void *scratch_grow(void *p, size_t old, size_t n);
/* Empties the arena (tcg_func_start). */
void scratch_reset(void);

#endif
