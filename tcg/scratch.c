/*
 * The per-thread scratch arena of tcg/scratch.h: one chunk, bumped; a
 * block that does not fit takes extra chunks, which the next reset folds
 * into one chunk big enough for the whole block.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/scratch.h"

typedef struct Chunk {
    struct Chunk *prev;     /* an earlier, fuller chunk of this block */
    size_t size, used;
    _Alignas(16) unsigned char data[];
} Chunk;

static __thread Chunk *chunk;
static __thread size_t block_bytes;     /* taken since the reset */

static Chunk *chunk_new(size_t size, Chunk *prev)
{
    Chunk *c = malloc(sizeof(Chunk) + size);
    if (!c) {
        fprintf(stderr, "mimic: out of memory for translation scratch\n");
        abort();
    }
    c->prev = prev;
    c->size = size;
    c->used = 0;
    return c;
}

void *scratch_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!chunk || chunk->size - chunk->used < n) {
        size_t size = chunk ? chunk->size * 2 : 64 << 10;
        chunk = chunk_new(size > n ? size : n, chunk);
    }
    void *p = chunk->data + chunk->used;
    chunk->used += n;
    block_bytes += n;
    return p;
}

void *scratch_zalloc(size_t n)
{
    return memset(scratch_alloc(n), 0, n);
}

void *scratch_grow(void *p, size_t old, size_t n)
{
    void *q = scratch_alloc(n);
    if (p) {
        memcpy(q, p, old < n ? old : n);
    }
    return q;
}

void scratch_reset(void)
{
    if (chunk && chunk->prev) {
        size_t need = block_bytes;
        while (chunk) {
            Chunk *prev = chunk->prev;
            free(chunk);
            chunk = prev;
        }
        chunk = chunk_new(need * 2, NULL);
    }
    if (chunk) {
        chunk->used = 0;
    }
    block_bytes = 0;
}
