/*
 * The board both GIC unit tests drive a model on: a system address
 * space with the distributor and the model's second frame (the GICv2 CPU
 * interface, the GICv3 redistributors) mapped at virt's addresses, and
 * each CPU's IRQ and FIQ inputs recorded.  Unlike mmio-board.h's device
 * accesses, these assert MEMTX_OK: every GIC frame answers any access in
 * its span, so a bus error here is a mapping bug in the test or model.
 */
#ifndef TESTS_UNIT_GIC_BENCH_H
#define TESTS_UNIT_GIC_BENCH_H

#include <glib.h>

#include "mmio-board.h"
#include "softmmu/irq.h"
#include "softmmu/memory.h"
#include "softmmu/vmstate.h"

#define DIST    0x08000000ull   /* virt's distributor */
#define NCPU    4
#define NIRQ    288

typedef struct GICBench {
    MemoryRegion sys;
    AddressSpace as;
    MemoryRegion *dist_mr, *frame_mr;
    IRQLine cpu_in[NCPU][2];        /* IRQ, FIQ */
    int level[NCPU][2];
    int changes;                    /* level settings seen, any CPU */
} GICBench;

static inline void gic_bench_cpu_input(void *opaque, int n, int level)
{
    GICBench *b = opaque;
    b->level[n / 2][n % 2] = level;
    b->changes++;
}

/* Maps the model's frames (its init has made them); the CPU inputs are
 * b->cpu_in[cpu][0] (IRQ) and [1] (FIQ), for the model to connect. */
static inline void gic_bench_init(GICBench *b, MemoryRegion *dist_mr,
                                  MemoryRegion *frame_mr, uint64_t frame_base)
{
    memory_region_init_container(&b->sys, "system", 0);
    b->dist_mr = dist_mr;
    b->frame_mr = frame_mr;
    memory_region_add_subregion(&b->sys, DIST, dist_mr);
    memory_region_add_subregion(&b->sys, frame_base, frame_mr);
    address_space_init(&b->as, &b->sys, "memory");
    irq_lines_init(&b->cpu_in[0][0], NCPU * 2, gic_bench_cpu_input, b);
}

/* Unmaps the frames; the model destroys them after. */
static inline void gic_bench_destroy(GICBench *b)
{
    address_space_destroy(&b->as);
    memory_region_del_subregion(&b->sys, b->dist_mr);
    memory_region_del_subregion(&b->sys, b->frame_mr);
    memory_region_destroy(&b->sys);
}

static inline uint64_t rd(GICBench *b, uint64_t addr, unsigned size)
{
    uint64_t v = 0;
    assert_int_equal(address_space_read(&b->as, addr, &v, size), MEMTX_OK);
    return v;
}

static inline void wr(GICBench *b, uint64_t addr, uint64_t v, unsigned size)
{
    assert_int_equal(address_space_write(&b->as, addr, &v, size), MEMTX_OK);
}

static inline uint32_t dist_rd(GICBench *b, uint32_t off)
{
    return rd(b, DIST + off, 4);
}

static inline void dist_wr(GICBench *b, uint32_t off, uint32_t v)
{
    wr(b, DIST + off, v, 4);
}

/* The bytes a table saves.  Every nested table (an interrupt, a CPU's
 * state) must save its struct whole: a field added to the struct and
 * not to its table fails here. */
static inline size_t vmstate_table_bytes(const VMStateDescription *vmsd)
{
    size_t n = 0;
    for (const VMStateField *f = vmsd->fields; f->name; f++) {
        n += f->size * f->count;
        if (f->vmsd) {
            assert_int_equal(vmstate_table_bytes(f->vmsd), f->size);
        }
    }
    return n;
}

#endif
