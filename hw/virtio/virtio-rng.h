/*
 * virtio-rng (virtio 1.2 spec 5.4): an entropy source that fills the
 * driver's buffers from the host's getrandom(2).
 */
#ifndef HW_VIRTIO_VIRTIO_RNG_H
#define HW_VIRTIO_VIRTIO_RNG_H

#include "hw/virtio/virtio.h"

VirtIODevice *virtio_rng_new(AddressSpace *dma_as, bool legacy);
void virtio_rng_free(VirtIODevice *vdev);

#endif
