/*
 * The virtio core's two faces (virtio 1.2 spec, OASIS, sections 2-4):
 *
 *  - to devices (virtio-blk, virtio-rng, ...): a VirtIODeviceClass that
 *    says what the device is (id, features, config space, queues), the
 *    queue handler called when the driver notifies, and the element API
 *    (virtqueue_pop, virtqueue_elem_read/write, virtqueue_push,
 *    virtio_notify) that turns split-ring descriptors into checked
 *    guest-physical segments and back;
 *  - to transports (virtio-mmio, virtio-pci): the state a transport's
 *    registers show (status, features, queue sizes and addresses, ISR,
 *    config space) and VirtIOTransportOps, how the core asks the transport
 *    to interrupt the guest.
 *
 * Nothing here knows a transport's register layout, and nothing in a
 * transport knows a ring's layout.
 *
 * Threads: every function here runs with the device lock held
 * (softmmu/device-lock.h).  MMIO callbacks already hold it; a device's
 * worker thread takes it around pop, push and notify and drops it for the
 * slow work (disk I/O), which uses only the element's segments and the
 * elem_read/elem_write copies (safe without the lock: they go through
 * address_space_* on guest RAM only).  An element popped before a reset
 * is stale afterwards: pushing it is a no-op (VirtQueueElement.epoch).
 *
 * Hostile drivers: every index, address and length from the guest is
 * checked; a descriptor chain that loops, runs past the queue size,
 * points outside RAM or has absurd lengths makes the device "broken": it
 * sets VIRTIO_CONFIG_S_NEEDS_RESET and raises a configuration change
 * interrupt (spec 2.1.2; a legacy device has neither and just stops, as
 * qemu's), and pops nothing more until the driver resets.
 */
#ifndef HW_VIRTIO_VIRTIO_H
#define HW_VIRTIO_VIRTIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "softmmu/memory.h"
#include "softmmu/vmstate.h"

/* Device status bits (spec 2.1). */
enum {
    VIRTIO_CONFIG_S_ACKNOWLEDGE = 1,
    VIRTIO_CONFIG_S_DRIVER = 2,
    VIRTIO_CONFIG_S_DRIVER_OK = 4,
    VIRTIO_CONFIG_S_FEATURES_OK = 8,
    VIRTIO_CONFIG_S_NEEDS_RESET = 0x40,
    VIRTIO_CONFIG_S_FAILED = 0x80,
};

/* Transport-independent feature bits (spec 6). */
enum {
    VIRTIO_F_NOTIFY_ON_EMPTY = 24,      /* legacy only */
    VIRTIO_F_ANY_LAYOUT = 27,           /* legacy only; implied by VERSION_1 */
    VIRTIO_F_RING_INDIRECT_DESC = 28,
    VIRTIO_F_RING_EVENT_IDX = 29,
    VIRTIO_F_VERSION_1 = 32,
};

/* ISR bits (spec 4.1.4.5, 4.2.2 InterruptStatus). */
enum {
    VIRTIO_ISR_QUEUE = 1,
    VIRTIO_ISR_CONFIG = 2,
};

/* Device ids (spec 5). */
enum {
    VIRTIO_ID_NET = 1,
    VIRTIO_ID_BLOCK = 2,
    VIRTIO_ID_CONSOLE = 3,
    VIRTIO_ID_RNG = 4,
};

#define VIRTIO_QUEUE_MAX        64      /* queues one device may have (virtio-serial's) */
#define VIRTIO_QUEUE_SIZE_MAX   1024    /* descriptors per queue (spec: 32768) */
#define VIRTIO_NO_VECTOR        0xffff  /* virtio-pci: no MSI-X vector */

typedef struct VirtIODevice VirtIODevice;
typedef struct VirtQueue VirtQueue;

/* A guest-physical stretch of one descriptor, checked to lie in RAM. */
typedef struct VirtQueueSeg {
    uint64_t addr;
    uint32_t len;
} VirtQueueSeg;

/* One popped descriptor chain: the driver-to-device (out, read-only)
 * segments first, then the device-to-driver (in, write-only) ones, as
 * the spec requires them ordered (2.7.4.2). */
typedef struct VirtQueueElement {
    uint16_t head;              /* the chain's first descriptor index */
    uint32_t epoch;             /* the queue's reset count when popped */
    unsigned out_num, in_num;
    uint64_t out_len, in_len;   /* bytes in each direction */
    VirtQueueSeg *seg;          /* out_num + in_num of them */
} VirtQueueElement;

typedef void VirtQueueHandler(VirtIODevice *vdev, VirtQueue *vq);

struct VirtQueue {
    VirtIODevice *vdev;
    int index;
    VirtQueueHandler *handler;  /* NULL: the device has no such queue */
    /* The device's own queue size: what num resets to (virtio-pci's
     * QueueSize shows it).  As under qemu 7.2 a driver may pick any size
     * up to VIRTIO_QUEUE_SIZE_MAX, which qemu's virtio-mmio (and ours)
     * reports as QueueNumMax. */
    uint16_t num_max;
    uint16_t num;               /* QueueNum the driver chose (0: unset) */
    bool ready;                 /* modern QueueReady / legacy PFN != 0 */
    uint64_t desc, avail, used; /* guest-physical ring addresses */
    uint16_t last_avail_idx;    /* next avail ring entry to pop */
    uint16_t used_idx;          /* the device's copy of used->idx */
    uint16_t signalled_used;    /* used_idx at the last interrupt (EVENT_IDX) */
    bool signalled_used_valid;
    uint16_t vector;            /* virtio-pci's MSI-X vector for it */
    uint32_t epoch;             /* bumped by reset: stale elements */
    /* Legacy transports: the ring's page frame and alignment. */
    uint32_t legacy_pfn, legacy_align;
};

/* Asks the transport to interrupt the guest.  Called with the device lock
 * held, after the core has set the ISR bit. */
typedef struct VirtIOTransportOps {
    void (*notify_queue)(void *opaque, int queue);
    void (*notify_config)(void *opaque);
} VirtIOTransportOps;

typedef struct VirtIODeviceClass {
    const char *name;           /* "virtio-blk" */
    uint16_t device_id;         /* VIRTIO_ID_* */
    uint32_t config_size;       /* bytes of device-specific config */
    /* Features the device offers (VIRTIO_F_VERSION_1 and the ring
     * features are added by the core as the transport allows). */
    uint64_t (*get_features)(VirtIODevice *vdev);
    /* Fills config (config_size bytes, little-endian fields) now; a write
     * by the driver hands the updated bytes to set_config (optional). */
    void (*get_config)(VirtIODevice *vdev, uint8_t *config);
    void (*set_config)(VirtIODevice *vdev, const uint8_t *config);
    /* The driver accepted features (FEATURES_OK, or DRIVER_OK in legacy);
     * optional. */
    void (*set_features)(VirtIODevice *vdev, uint64_t features);
    /* Status changed (optional): a device may start work at DRIVER_OK. */
    void (*set_status)(VirtIODevice *vdev, uint8_t status);
    /* Back to the power-on state (the core resets queues and status). */
    void (*reset)(VirtIODevice *vdev);
    /* Device state for snapshots, beside the core's (optional). */
    const VMStateDescription *vmsd;
    /* Optional: returns once no request is in flight (savevm, with the
     * vCPUs stopped and the device lock not held). */
    void (*drain)(VirtIODevice *vdev);
    /* virtio-pci's MSI-X vectors, as qemu's `vectors` default for the
     * model; 0: one per queue and one for configuration. */
    unsigned pci_vectors;
} VirtIODeviceClass;

struct VirtIODevice {
    const VirtIODeviceClass *klass;
    AddressSpace *dma_as;       /* where descriptors and buffers live */
    uint8_t status;
    uint8_t isr;
    bool legacy;                /* the transport speaks virtio 0.9.5 */
    bool broken;                /* a hostile chain was seen: NEEDS_RESET */
    uint64_t host_features;     /* offered */
    uint64_t guest_features;    /* accepted */
    uint32_t config_generation;
    uint8_t *config;            /* klass->config_size bytes */
    VirtQueue vq[VIRTIO_QUEUE_MAX];
    int nvqs;                   /* queues added */
    const VirtIOTransportOps *transport;
    void *transport_opaque;
    uint16_t config_vector;     /* virtio-pci */
};

/* ---- for devices ---- */

/* Sets up the core part; the device then adds its queues.  legacy: the
 * transport is virtio 0.9.5 (no VERSION_1, no FEATURES_OK). */
void virtio_init(VirtIODevice *vdev, const VirtIODeviceClass *klass, AddressSpace *dma_as,
                 bool legacy);
VirtQueue *virtio_add_queue(VirtIODevice *vdev, uint16_t num_max, VirtQueueHandler *handler);
void virtio_destroy(VirtIODevice *vdev);

static inline bool virtio_has_feature(const VirtIODevice *vdev, unsigned bit)
{
    return (vdev->guest_features >> bit) & 1;
}

/* The next available chain, checked, or NULL if there is none (or the
 * device is broken: it marks itself so on a bad chain).  Release with
 * virtqueue_push or virtqueue_elem_free. */
VirtQueueElement *virtqueue_pop(VirtQueue *vq);
/* Gives back the last count popped chains (whose elements the caller
 * frees with virtqueue_elem_free): they will be popped again.  For a
 * device that needs several buffers at once and found too few. */
void virtqueue_rewind(VirtQueue *vq, unsigned count);
/* Puts elem in the used ring with len bytes written, and frees it. */
void virtqueue_push(VirtQueue *vq, VirtQueueElement *elem, uint32_t len);
void virtqueue_elem_free(VirtQueueElement *elem);
/* Copies between a host buffer and the element's out (read) or in
 * (write) segments from byte offset on; returns the bytes copied (fewer
 * if the segments end first).  No lock needed. */
size_t virtqueue_elem_read(const VirtIODevice *vdev, const VirtQueueElement *elem,
                           uint64_t offset, void *buf, size_t len);
size_t virtqueue_elem_write(const VirtIODevice *vdev, const VirtQueueElement *elem,
                            uint64_t offset, const void *buf, size_t len);
/* Bytes [offset, offset + len) of the element's in (device-writable) or
 * out segments as host iovecs into guest RAM, for I/O with no copy: the
 * number of iovecs filled, or -1 if the range needs more than max, runs
 * past the segments or touches anything but RAM (copy through
 * virtqueue_elem_read/write then).  RAM stays where it is while the
 * machine runs, so the pointers stay good.  After writing into in
 * segments that way, call virtqueue_elem_written on the range: the soft
 * MMU drops translated code the bytes replaced. */
struct iovec;
int virtqueue_elem_map(const VirtIODevice *vdev, const VirtQueueElement *elem, bool in,
                       uint64_t offset, uint64_t len, struct iovec *iov, int max);
void virtqueue_elem_written(const VirtIODevice *vdev, const VirtQueueElement *elem,
                            uint64_t offset, uint64_t len);
/* Interrupts the driver for vq's used buffers unless it asked not to be
 * (VIRTQ_AVAIL_F_NO_INTERRUPT, or used_event with EVENT_IDX). */
void virtio_notify(VirtIODevice *vdev, VirtQueue *vq);
/* Config space changed: bumps the generation, interrupts. */
void virtio_notify_config(VirtIODevice *vdev);

/* Snapshots: wait for the device's requests in flight (without the
 * device lock, the vCPUs stopped), and, after a load, look at every
 * queue once as if the driver had notified it (what it made available
 * before the save is served). */
void virtio_drain(VirtIODevice *vdev);
void virtio_kick_queues(VirtIODevice *vdev);
/* The device cannot go on (bad guest input): NEEDS_RESET and a config
 * interrupt, once; the message is logged as a guest error. */
void virtio_error(VirtIODevice *vdev, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Where those messages go (besides g_debug): the machine sets it to its
 * `-d guest_errors` log, which hw/ does not link.  NULL: nowhere else. */
extern void (*virtio_guest_error_log)(const char *device, const char *msg);

/* ---- for transports ---- */

void virtio_set_transport(VirtIODevice *vdev, const VirtIOTransportOps *ops, void *opaque);
/* Device status register.  0 resets the device. */
void virtio_set_status(VirtIODevice *vdev, uint8_t status);
void virtio_reset(VirtIODevice *vdev);
/* The driver's feature word; ignored (as the spec allows) once
 * FEATURES_OK is set, bits the device did not offer are dropped. */
void virtio_set_guest_features(VirtIODevice *vdev, uint64_t features);
/* Config space accesses of 1, 2 or 4 bytes (8 as two 4s) at offset;
 * outside it reads 0 and writes are dropped. */
uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t offset, unsigned size);
void virtio_config_write(VirtIODevice *vdev, uint32_t offset, uint32_t value, unsigned size);
/* Queue registers.  A bad queue index reads 0 and ignores writes;
 * set_num rejects sizes that are 0 or above VIRTIO_QUEUE_SIZE_MAX,
 * leaving num as it was (a size that is no power of 2 only confuses the
 * guest's own ring). */
bool virtio_queue_valid(const VirtIODevice *vdev, unsigned n);
void virtio_queue_set_num(VirtIODevice *vdev, unsigned n, uint32_t num);
void virtio_queue_set_rings(VirtIODevice *vdev, unsigned n, uint64_t desc, uint64_t avail,
                            uint64_t used);
void virtio_queue_set_ready(VirtIODevice *vdev, unsigned n, bool ready);
/* Legacy: the ring at pfn * page_size, laid out with align. */
void virtio_queue_set_legacy_pfn(VirtIODevice *vdev, unsigned n, uint32_t pfn,
                                 uint32_t page_size, uint32_t align);
/* The driver kicked queue n: runs its handler. */
void virtio_queue_notify(VirtIODevice *vdev, unsigned n);
/* Reads and clears the ISR (virtio-pci's read-to-clear). */
uint8_t virtio_isr_read_clear(VirtIODevice *vdev);

/* Snapshot of the core's state (status, features, queues); the
 * transport saves it beside its own registers. */
extern const VMStateDescription vmstate_virtio_core;

#endif
