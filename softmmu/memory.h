/*
 * The physical address space of system mode: memory regions (RAM, ROM,
 * MMIO with 1-8 byte callbacks, containers, aliases) arranged in a tree,
 * flattened into sorted ranges for lookup, and the reads and writes that
 * go through them (CPU slow paths, DMA, the monitor's xp).  The soft TLB
 * fills from address_space_translate; devices see nothing else.
 *
 * The model is QEMU's, so that a board reads as a QEMU user expects and
 * `info mtree` prints what qemu prints: a subregion sits at an address in
 * its container with a priority; where siblings overlap the higher
 * priority shows, and between equals the one added last (QEMU's documents
 * leave that case undefined); a container's holes are unassigned.
 * Changes (adding, removing, enabling) rebuild the flat view at once, under
 * a lock that address_space_translate also takes, so a device may change
 * the map at run time (a PCI BAR) while other threads look up addresses;
 * whoever changes it at run time also flushes the vCPUs' soft TLBs, which
 * cache what the old map said.
 */
#ifndef SOFTMMU_MEMORY_H
#define SOFTMMU_MEMORY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

/* The outcome of an access, QEMU's values: an unassigned address reads as
 * 0 and ignores writes, but says so (the CPU raises an external abort
 * where the board asks for it). */
typedef enum MemTxResult {
    MEMTX_OK = 0,
    MEMTX_ERROR = 1,            /* the device refused it */
    MEMTX_DECODE_ERROR = 2,     /* nothing there */
} MemTxResult;

/* An MMIO region's callbacks, on offsets within the region and values
 * little-endian in the low bytes.  They see only sizes in [min, max]
 * (0 = 1 and 8) at addresses aligned to the size: the core splits a wider
 * or unaligned access into such pieces, and widens a narrower one (a read
 * takes its bytes from the wider read; a write passes its value in place,
 * the other bytes zero, as QEMU does). */
typedef struct MemoryRegionOps {
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, uint64_t value, unsigned size);
    unsigned min_access, max_access;
} MemoryRegionOps;

typedef enum MemoryRegionKind {
    MR_CONTAINER, MR_RAM, MR_ROM, MR_IO, MR_ALIAS,
} MemoryRegionKind;

typedef struct AddressSpace AddressSpace;
typedef struct MemoryRegion MemoryRegion;

struct MemoryRegion {
    char *name;
    MemoryRegionKind kind;
    uint64_t last;              /* size - 1: a region may span all 2^64 */
    bool enabled;
    uint8_t *host;              /* RAM, ROM: its memory */
    const MemoryRegionOps *ops; /* IO */
    void *opaque;
    MemoryRegion *alias_of;     /* ALIAS: shows this one ... */
    uint64_t alias_offset;      /* ... from this offset in it */
    /* Where it sits, once added. */
    MemoryRegion *parent;
    uint64_t addr;
    int priority;
    /* CONTAINER: its subregions, highest priority first (equal ones: the
     * last added first). */
    GPtrArray *subregions;
    AddressSpace *root_of;      /* the space whose root it is, if any */
};

/* A stretch of the flat view: addresses start..last show region mr from
 * offset (within mr) on. */
typedef struct FlatRange {
    uint64_t start, last;
    MemoryRegion *mr;
    uint64_t offset;
} FlatRange;

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatRange *ranges;          /* sorted, disjoint */
    size_t nranges;
    /* Called after address_space_write stored len bytes into RAM at addr
     * (device DMA, the monitor): the soft MMU drops translated code those
     * bytes replace, as it does for a CPU's store.  NULL: nothing to do. */
    void (*ram_written)(uint64_t addr, uint64_t len);
};

/* n (1 to 8) bytes at p as a little-endian value, and back: RAM seen by
 * the soft MMU's slow path and the byte buffers of MMIO accesses.  The
 * accesses' own sizes are single moves, not a call to memcpy for a
 * variable length (2% of a Debian boot, whose TLB misses all come here). */
static inline uint64_t ldn_le_p(const void *p, unsigned n)
{
    uint64_t v = 0;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
    switch (n) {
    case 1: { uint8_t x; memcpy(&x, p, 1); return x; }
    case 2: { uint16_t x; memcpy(&x, p, 2); return x; }
    case 4: { uint32_t x; memcpy(&x, p, 4); return x; }
    case 8: memcpy(&v, p, 8); return v;
    }
#endif
    for (unsigned i = 0; i < n; i++) {
        v |= (uint64_t)((const uint8_t *)p)[i] << (8 * i);
    }
    return v;
}

static inline void stn_le_p(void *p, uint64_t v, unsigned n)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
    switch (n) {
    case 1: { uint8_t x = v; memcpy(p, &x, 1); return; }
    case 2: { uint16_t x = v; memcpy(p, &x, 2); return; }
    case 4: { uint32_t x = v; memcpy(p, &x, 4); return; }
    case 8: memcpy(p, &v, 8); return;
    }
#endif
    for (unsigned i = 0; i < n; i++) {
        ((uint8_t *)p)[i] = v >> (8 * i);
    }
}

/* Sizes are in bytes; 0 means the whole 2^64. */
void memory_region_init_container(MemoryRegion *mr, const char *name, uint64_t size);
/* RAM and ROM get zeroed host memory; false if it cannot be had. */
bool memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size);
bool memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size);
void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size);
void memory_region_init_alias(MemoryRegion *mr, const char *name, MemoryRegion *orig,
                              uint64_t offset, uint64_t size);
/* Frees what init allocated (not subregions, which their owners free). */
void memory_region_destroy(MemoryRegion *mr);

void memory_region_add_subregion(MemoryRegion *parent, uint64_t addr, MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *parent, uint64_t addr,
                                         MemoryRegion *sub, int priority);
void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);
void address_space_destroy(AddressSpace *as);

/* The range that holds addr, or NULL (unassigned).  Unlocked: for board
 * set-up and tests, while nothing can change the map; at run time use
 * address_space_translate, which any thread may call. */
const FlatRange *address_space_lookup(const AddressSpace *as, uint64_t addr);
/* The leaf region (RAM, ROM or IO) at addr and addr's offset in it; *len
 * is cut to what lies in it.  NULL where nothing is. */
MemoryRegion *address_space_translate(const AddressSpace *as, uint64_t addr,
                                      uint64_t *offset, uint64_t *len);

MemTxResult address_space_read(const AddressSpace *as, uint64_t addr, void *buf,
                               uint64_t len);
MemTxResult address_space_write(const AddressSpace *as, uint64_t addr, const void *buf,
                                uint64_t len);

/* len bytes at offset in one leaf region (RAM, ROM or IO), cut into the
 * pieces an IO region's device takes; past the region's end reads 0 and
 * writes go nowhere.  For a bus that decodes its own windows (PCI BARs,
 * which the guest moves while vCPUs run: a flat-view rebuild then would
 * race with their TLB fills), under the device lock. */
MemTxResult memory_region_access(MemoryRegion *mr, uint64_t offset, void *buf, uint64_t len,
                                 bool write);

/* The tree as qemu's `info mtree` prints it. */
void address_space_print_tree(const AddressSpace *as, FILE *f);

#endif
