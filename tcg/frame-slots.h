/*
 * The frame-slot allocator both backends use for block temps that do not
 * live in host registers: CPUState.frame holds TCG_FRAME_SLOTS 8-byte
 * slots, slot 0 the base pointer itself (the env temp), so an allocator
 * starts with slot 0 taken (FRAME_SLOTS_INIT).
 */
#ifndef TCG_FRAME_SLOTS_H
#define TCG_FRAME_SLOTS_H

#include <stdint.h>

#include "cpu.h"

typedef struct SlotAlloc {
    uint64_t used[TCG_FRAME_SLOTS / 64];
} SlotAlloc;

#define FRAME_SLOTS_INIT { .used = { 1 } }

/* A free slot, now taken, or -1 if all are. */
static inline int slot_get(SlotAlloc *a)
{
    for (int i = 0; i < TCG_FRAME_SLOTS / 64; i++) {
        if (~a->used[i]) {
            int b = __builtin_ctzll(~a->used[i]);
            a->used[i] |= 1ull << b;
            return i * 64 + b;
        }
    }
    return -1;
}

static inline void slot_put(SlotAlloc *a, int s)
{
    a->used[s / 64] &= ~(1ull << (s % 64));
}

#endif
