/*
 * The board of the virtio unit tests: mmio-board.h's address space with
 * a small RAM the device reaches and a virtio-mmio transport whose one
 * interrupt line the board records, and the driver's side as the virtio
 * 1.2 spec gives it: the transport's registers (4.2.2), the device status
 * bits (2.1), split-ring descriptors (2.7.5) and the initialisation of
 * 3.1.1.  The constants are the spec's, written here, not the device's,
 * so that the tests check the device against the spec.  Queue q's rings
 * lie at VQ_DESC(q), VQ_AVAIL(q) and VQ_USED(q); RAM from 0x4000 above a
 * queue's descriptor table is the tests' own.
 */
#ifndef TESTS_UNIT_VIRTIO_BOARD_H
#define TESTS_UNIT_VIRTIO_BOARD_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "hw/virtio/virtio-mmio.h"
#include "mmio-board.h"

#define RAM_BASE    0x40000000ull
#define RAM_SIZE    0x100000ull
#define MMIO_BASE   0x0a000000ull
#define QSIZE       16
#define VQ_DESC(q)  (RAM_BASE + 0x1000 + 0x10000ull * (q))
#define VQ_AVAIL(q) (VQ_DESC(q) + 0x1000)
#define VQ_USED(q)  (VQ_DESC(q) + 0x2000)

/* virtio-mmio registers (4.2.2; QueueAlign, QueuePFN and GuestPageSize
 * from the legacy interface, 4.2.4). */
enum {
    R_VERSION = 0x004, R_DEVICE_ID = 0x008, R_DEVICE_FEATURES = 0x010,
    R_DEVICE_FEATURES_SEL = 0x014, R_DRIVER_FEATURES = 0x020,
    R_DRIVER_FEATURES_SEL = 0x024, R_GUEST_PAGE_SIZE = 0x028, R_QUEUE_SEL = 0x030,
    R_QUEUE_NUM_MAX = 0x034, R_QUEUE_NUM = 0x038, R_QUEUE_ALIGN = 0x03c,
    R_QUEUE_PFN = 0x040, R_QUEUE_READY = 0x044, R_QUEUE_NOTIFY = 0x050,
    R_INTERRUPT_STATUS = 0x060, R_INTERRUPT_ACK = 0x064, R_STATUS = 0x070,
    R_QUEUE_DESC_LOW = 0x080, R_QUEUE_DESC_HIGH = 0x084, R_QUEUE_DRIVER_LOW = 0x090,
    R_QUEUE_DRIVER_HIGH = 0x094, R_QUEUE_DEVICE_LOW = 0x0a0, R_QUEUE_DEVICE_HIGH = 0x0a4,
    R_CONFIG = 0x100,
};
/* Device status (2.1). */
#define S_ACK 1
#define S_DRIVER 2
#define S_DRIVER_OK 4
#define S_FEATURES_OK 8
#define S_NEEDS_RESET 0x40
/* Descriptor flags (2.7.5). */
#define F_NEXT 1
#define F_WRITE 2
#define F_INDIRECT 4
#define F_VERSION_1 (1ull << 32)

typedef struct VirtIOBoard {
    MMIOBoard bus;              /* the transport at MMIO_BASE, the RAM */
    MemoryRegion ram;
    VirtIOMMIOState mmio;
    IRQLine irq;
    int irq_level;
} VirtIOBoard;

static inline void virtio_board_irq(void *opaque, int n, int level)
{
    ((VirtIOBoard *)opaque)->irq_level = level;
}

/* The RAM and the transport, empty: plug a device into vb->mmio.  False
 * when the RAM cannot be had. */
static inline bool virtio_board_init(VirtIOBoard *vb, bool legacy)
{
    if (!memory_region_init_ram(&vb->ram, "ram", RAM_SIZE)) {
        return false;
    }
    irq_lines_init(&vb->irq, 1, virtio_board_irq, vb);
    virtio_mmio_init(&vb->mmio, legacy, &vb->irq);
    mmio_board_init(&vb->bus, &vb->mmio.iomem, MMIO_BASE);
    memory_region_add_subregion(&vb->bus.root, RAM_BASE, &vb->ram);
    return true;
}

static inline void virtio_board_destroy(VirtIOBoard *vb)
{
    mmio_board_destroy(&vb->bus, &vb->mmio.iomem);
    virtio_mmio_destroy(&vb->mmio);
    memory_region_destroy(&vb->ram);
}

/* Register accesses as a vCPU makes them: 32 bits, under the device lock. */
static inline uint32_t virtio_board_read(VirtIOBoard *vb, uint64_t reg)
{
    return mmio_read32(&vb->bus, reg);
}

static inline void virtio_board_write(VirtIOBoard *vb, uint64_t reg, uint32_t v)
{
    mmio_write32(&vb->bus, reg, v);
}

/* Descriptor i of the table at table (2.7.5). */
static inline void virtio_board_put_desc(VirtIOBoard *vb, uint64_t table, int i, uint64_t addr,
                                         uint32_t len, uint16_t flags, uint16_t next)
{
    uint8_t d[16];
    memcpy(d, &addr, 8);
    memcpy(d + 8, &len, 4);
    memcpy(d + 12, &flags, 2);
    memcpy(d + 14, &next, 2);
    address_space_write(&vb->bus.as, table + 16 * i, d, 16);
}

/* The driver's initialisation of a modern device (3.1.1): reset,
 * ACKNOWLEDGE, DRIVER, the features, FEATURES_OK, queues 0..nqueues-1 of
 * QSIZE entries at their rings, DRIVER_OK. */
static inline void virtio_board_driver_init(VirtIOBoard *vb, uint64_t features, unsigned nqueues)
{
    virtio_board_write(vb, R_STATUS, 0);
    virtio_board_write(vb, R_STATUS, S_ACK);
    virtio_board_write(vb, R_STATUS, S_ACK | S_DRIVER);
    for (uint32_t word = 0; word < 2; word++) {
        virtio_board_write(vb, R_DRIVER_FEATURES_SEL, word);
        virtio_board_write(vb, R_DRIVER_FEATURES, (uint32_t)(features >> (32 * word)));
    }
    virtio_board_write(vb, R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
    for (unsigned q = 0; q < nqueues; q++) {
        const struct { uint32_t reg; uint64_t addr; } rings[] = {
            { R_QUEUE_DESC_LOW, VQ_DESC(q) },
            { R_QUEUE_DRIVER_LOW, VQ_AVAIL(q) },
            { R_QUEUE_DEVICE_LOW, VQ_USED(q) },
        };
        virtio_board_write(vb, R_QUEUE_SEL, q);
        virtio_board_write(vb, R_QUEUE_NUM, QSIZE);
        for (unsigned r = 0; r < 3; r++) {
            virtio_board_write(vb, rings[r].reg, (uint32_t)rings[r].addr);
            virtio_board_write(vb, rings[r].reg + 4, (uint32_t)(rings[r].addr >> 32));
        }
        virtio_board_write(vb, R_QUEUE_READY, 1);
    }
    virtio_board_write(vb, R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
}

#endif
