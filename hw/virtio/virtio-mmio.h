/*
 * The virtio-mmio transport (virtio 1.2 spec 4.2): one 0x200-byte
 * register window with one interrupt line, in front of at most one
 * virtio device.  Version 2 (modern) or, as qemu 7.2's default
 * (force-legacy=on), version 1 (legacy, 4.2.4).  An empty transport
 * answers with device id 0, as qemu's do, so a guest probes and skips it.
 */
#ifndef HW_VIRTIO_VIRTIO_MMIO_H
#define HW_VIRTIO_VIRTIO_MMIO_H

#include "hw/virtio/virtio.h"
#include "softmmu/irq.h"

#define VIRTIO_MMIO_SIZE 0x200

typedef struct VirtIOMMIOState {
    MemoryRegion iomem;
    IRQLine *irq;
    VirtIODevice *vdev;         /* NULL: nothing plugged */
    bool legacy;
    uint32_t host_features_sel;
    uint32_t guest_features_sel;
    uint32_t guest_features[2];
    uint32_t queue_sel;
    uint32_t guest_page_size;   /* legacy */
    uint32_t queue_align;       /* legacy: the last QueueAlign written */
} VirtIOMMIOState;

void virtio_mmio_init(VirtIOMMIOState *s, bool legacy, IRQLine *irq);
/* Puts vdev behind the transport (vdev made with the same legacy flag). */
void virtio_mmio_plug(VirtIOMMIOState *s, VirtIODevice *vdev);
void virtio_mmio_reset(VirtIOMMIOState *s);
void virtio_mmio_destroy(VirtIOMMIOState *s);

/* The transport's registers; the device's core state is saved apart
 * (vmstate_virtio_core). */
extern const VMStateDescription vmstate_virtio_mmio;

#endif
