/*
 * virtio-rng (virtio-rng.h): one request queue whose device-writable
 * buffers are filled with getrandom(2) bytes (5.4.6).  The host's pool is
 * initialised long before mimic runs, so the call does not block and is
 * done right in the queue handler, on the notifying vCPU.
 */
#include <errno.h>
#include <sys/random.h>

#include "hw/virtio/virtio-rng.h"

#define QUEUE_SIZE  8           /* qemu's */
/* Bytes given per buffer at most: a driver asks for a few dozen; a guest
 * posting gigabytes gets them a little at a time, not in one long hold
 * of the device lock. */
#define FILL_MAX    65536

static void rng_handle_queue(VirtIODevice *vdev, VirtQueue *vq)
{
    uint8_t buf[4096];
    VirtQueueElement *e;
    while ((e = virtqueue_pop(vq))) {
        uint64_t want = MIN(e->in_len, FILL_MAX), done = 0;
        while (done < want) {
            ssize_t n = getrandom(buf, MIN(want - done, sizeof(buf)), 0);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n <= 0) {
                break;
            }
            size_t put = virtqueue_elem_write(vdev, e, done, buf, n);
            done += put;
            if (put < (size_t)n) {
                break;
            }
        }
        virtqueue_push(vq, e, done);
        virtio_notify(vdev, vq);
    }
}

static const VirtIODeviceClass virtio_rng_class = {
    .name = "virtio-rng",
    .device_id = VIRTIO_ID_RNG,
    .config_size = 0,
};

VirtIODevice *virtio_rng_new(AddressSpace *dma_as, bool legacy)
{
    VirtIODevice *vdev = g_new0(VirtIODevice, 1);
    virtio_init(vdev, &virtio_rng_class, dma_as, legacy);
    virtio_add_queue(vdev, QUEUE_SIZE, rng_handle_queue);
    return vdev;
}

void virtio_rng_free(VirtIODevice *vdev)
{
    virtio_destroy(vdev);
    g_free(vdev);
}
