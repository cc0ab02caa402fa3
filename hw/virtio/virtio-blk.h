/*
 * virtio-blk (virtio 1.2 spec 5.2): a disk image behind one request
 * queue, with the features and config qemu 7.2's virtio-blk-device
 * offers.  Requests run on a worker thread of the device's own, so a
 * vCPU's notify never waits for the disk.
 */
#ifndef HW_VIRTIO_VIRTIO_BLK_H
#define HW_VIRTIO_VIRTIO_BLK_H

#include "hw/block/block.h"
#include "hw/virtio/virtio.h"

typedef struct VirtIOBlockOptions {
    BlockDriverState *bs;
    bool read_only;
    bool writeback;             /* the guest sees a volatile cache (WCE) */
    bool ignore_flush;          /* cache=unsafe */
    const char *serial;         /* GET_ID's answer; NULL: none */
    BlockAcct *acct;            /* where requests are counted; NULL: nowhere */
} VirtIOBlockOptions;

typedef struct VirtIOBlock VirtIOBlock;

VirtIOBlock *virtio_blk_new(const VirtIOBlockOptions *o, AddressSpace *dma_as, bool legacy);
VirtIODevice *virtio_blk_vdev(VirtIOBlock *b);
/* Stops the worker (after the request it is on) and frees the device;
 * the image stays open (its owner closes it). */
void virtio_blk_free(VirtIOBlock *b);

extern const VMStateDescription vmstate_virtio_blk;

#endif
