/*
 * A minimal board for device unit tests: one address space with the
 * device's region mapped where the virt board puts it, 32-bit accesses
 * under the device lock as a vCPU's MMIO would make them, interrupt
 * receivers that record levels, and a fuzzer of random accesses.
 */
#ifndef TESTS_UNIT_MMIO_BOARD_H
#define TESTS_UNIT_MMIO_BOARD_H

#include <stdatomic.h>
#include <stdint.h>

#include "softmmu/device-lock.h"
#include "softmmu/irq.h"
#include "softmmu/memory.h"

typedef struct MMIOBoard {
    MemoryRegion root;
    AddressSpace as;
    uint64_t base;
} MMIOBoard;

static inline void mmio_board_init(MMIOBoard *b, MemoryRegion *dev, uint64_t base)
{
    memory_region_init_container(&b->root, "system", 0);
    memory_region_add_subregion(&b->root, base, dev);
    address_space_init(&b->as, &b->root, "memory");
    b->base = base;
}

static inline void mmio_board_destroy(MMIOBoard *b, MemoryRegion *dev)
{
    address_space_destroy(&b->as);
    memory_region_del_subregion(&b->root, dev);
    memory_region_destroy(&b->root);
}

static inline uint64_t mmio_read(MMIOBoard *b, uint64_t offset, unsigned size)
{
    uint64_t value = 0;
    device_lock();
    address_space_read(&b->as, b->base + offset, &value, size);
    device_unlock();
    return value;
}

static inline void mmio_write(MMIOBoard *b, uint64_t offset, uint64_t value, unsigned size)
{
    device_lock();
    address_space_write(&b->as, b->base + offset, &value, size);
    device_unlock();
}

static inline uint32_t mmio_read32(MMIOBoard *b, uint64_t offset)
{
    return (uint32_t)mmio_read(b, offset, 4);
}

static inline void mmio_write32(MMIOBoard *b, uint64_t offset, uint32_t value)
{
    mmio_write(b, offset, value, 4);
}

/* An interrupt receiver that remembers each input's level and how many
 * times it was set. */
#define LEVEL_PROBE_LINES 8

typedef struct LevelProbe {
    IRQLine lines[LEVEL_PROBE_LINES];
    atomic_int level[LEVEL_PROBE_LINES];
    atomic_int sets[LEVEL_PROBE_LINES];
} LevelProbe;

static inline void level_probe_set(void *opaque, int n, int level)
{
    LevelProbe *p = opaque;
    atomic_store(&p->level[n], level);
    atomic_fetch_add(&p->sets[n], 1);
}

static inline void level_probe_init(LevelProbe *p)
{
    for (int i = 0; i < LEVEL_PROBE_LINES; i++) {
        atomic_store(&p->level[i], -1);     /* never set */
        atomic_store(&p->sets[i], 0);
    }
    irq_lines_init(p->lines, LEVEL_PROBE_LINES, level_probe_set, p);
}

/* xorshift64: the same accesses on every run. */
static inline uint64_t fuzz_next(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* count random reads and writes of 1, 2, 4 or 8 bytes at any offset of
 * [0, span), mostly near the registers, with random values. */
static inline void mmio_fuzz(MMIOBoard *b, uint64_t span, uint64_t seed, int count)
{
    uint64_t rng = seed;
    for (int i = 0; i < count; i++) {
        uint64_t r = fuzz_next(&rng);
        unsigned size = 1u << (r & 3);
        uint64_t offset = (r >> 8) % span;
        if (r & 0x40) {
            offset &= 0x43f;    /* the register block and the data window */
        }
        if (r & 0x80) {
            mmio_write(b, offset, fuzz_next(&rng), size);
        } else {
            (void)mmio_read(b, offset, size);
        }
    }
}

#endif
