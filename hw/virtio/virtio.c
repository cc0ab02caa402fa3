/*
 * The virtio core's device state (virtio.h): status and its reset,
 * feature negotiation, the device-specific config space, the queue
 * registers a transport exposes, the ISR, errors that break a device, and
 * the snapshot table.  The rings themselves are virtqueue.c's.
 */
#include <stdarg.h>
#include <string.h>

#include "hw/virtio/virtio.h"

void virtio_init(VirtIODevice *vdev, const VirtIODeviceClass *klass, AddressSpace *dma_as,
                 bool legacy)
{
    memset(vdev, 0, sizeof(*vdev));
    vdev->klass = klass;
    vdev->dma_as = dma_as;
    vdev->legacy = legacy;
    vdev->config = g_malloc0(klass->config_size ? klass->config_size : 1);
    vdev->config_vector = VIRTIO_NO_VECTOR;
    uint64_t f = klass->get_features ? klass->get_features(vdev) : 0;
    f |= 1ull << VIRTIO_F_RING_INDIRECT_DESC | 1ull << VIRTIO_F_RING_EVENT_IDX;
    /* As qemu 7.2 offers them: the legacy-only bits to legacy drivers,
     * VERSION_1 to modern ones. */
    f |= legacy ? (1ull << VIRTIO_F_NOTIFY_ON_EMPTY | 1ull << VIRTIO_F_ANY_LAYOUT)
                : 1ull << VIRTIO_F_VERSION_1;
    vdev->host_features = f;
    for (int i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        vdev->vq[i].vdev = vdev;
        vdev->vq[i].index = i;
        vdev->vq[i].vector = VIRTIO_NO_VECTOR;
    }
}

VirtQueue *virtio_add_queue(VirtIODevice *vdev, uint16_t num_max, VirtQueueHandler *handler)
{
    g_assert(vdev->nvqs < VIRTIO_QUEUE_MAX && num_max <= VIRTIO_QUEUE_SIZE_MAX);
    VirtQueue *vq = &vdev->vq[vdev->nvqs++];
    vq->handler = handler;
    vq->num_max = num_max;
    vq->num = num_max;
    return vq;
}

void virtio_destroy(VirtIODevice *vdev)
{
    g_free(vdev->config);
    vdev->config = NULL;
}

void virtio_set_transport(VirtIODevice *vdev, const VirtIOTransportOps *ops, void *opaque)
{
    vdev->transport = ops;
    vdev->transport_opaque = opaque;
}

/* ---- errors and interrupts ---- */

void virtio_notify_config(VirtIODevice *vdev)
{
    if (!(vdev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        return;
    }
    vdev->config_generation++;
    vdev->isr |= VIRTIO_ISR_CONFIG;
    if (vdev->transport && vdev->transport->notify_config) {
        vdev->transport->notify_config(vdev->transport_opaque);
    }
}

void (*virtio_guest_error_log)(const char *device, const char *msg);

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_debug("%s: guest error: %s", vdev->klass->name, msg);
    if (virtio_guest_error_log) {
        virtio_guest_error_log(vdev->klass->name, msg);
    }
    if (vdev->broken) {
        return;
    }
    vdev->broken = true;
    /* 2.1.2: a modern device says so and interrupts; a legacy one has no
     * such bit (qemu 7.2 just stops it too). */
    if (!vdev->legacy) {
        vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
        virtio_notify_config(vdev);
    }
}

uint8_t virtio_isr_read_clear(VirtIODevice *vdev)
{
    uint8_t isr = vdev->isr;
    vdev->isr = 0;
    return isr;
}

/* ---- status and features ---- */

static void queue_reset(VirtQueue *vq)
{
    vq->num = vq->num_max;
    vq->ready = false;
    vq->desc = vq->avail = vq->used = 0;
    vq->last_avail_idx = vq->used_idx = vq->signalled_used = 0;
    vq->signalled_used_valid = false;
    vq->vector = VIRTIO_NO_VECTOR;
    vq->legacy_pfn = 0;
    vq->epoch++;
}

void virtio_reset(VirtIODevice *vdev)
{
    if (vdev->klass->reset) {
        vdev->klass->reset(vdev);
    }
    vdev->status = 0;
    vdev->isr = 0;
    vdev->broken = false;
    vdev->guest_features = 0;
    vdev->config_vector = VIRTIO_NO_VECTOR;
    for (int i = 0; i < vdev->nvqs; i++) {
        queue_reset(&vdev->vq[i]);
    }
}

void virtio_set_guest_features(VirtIODevice *vdev, uint64_t features)
{
    if (vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) {
        return;         /* 3.1.1: fixed once the driver said FEATURES_OK */
    }
    vdev->guest_features = features & vdev->host_features;
}

void virtio_set_status(VirtIODevice *vdev, uint8_t status)
{
    if (status == 0) {
        virtio_reset(vdev);
        return;
    }
    uint8_t old = vdev->status;
    bool accepted = vdev->legacy ? (status & VIRTIO_CONFIG_S_DRIVER_OK) &&
                                       !(old & VIRTIO_CONFIG_S_DRIVER_OK)
                                 : (status & VIRTIO_CONFIG_S_FEATURES_OK) &&
                                       !(old & VIRTIO_CONFIG_S_FEATURES_OK);
    /* NEEDS_RESET is the device's to clear, by a reset. */
    vdev->status = status | (old & VIRTIO_CONFIG_S_NEEDS_RESET);
    if (accepted && vdev->klass->set_features) {
        vdev->klass->set_features(vdev, vdev->guest_features);
    }
    if (vdev->klass->set_status) {
        vdev->klass->set_status(vdev, vdev->status);
    }
}

/* ---- config space ---- */

uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t offset, unsigned size)
{
    uint32_t len = vdev->klass->config_size;
    if (size > 4 || offset > len || size > len - offset) {
        return 0;
    }
    if (vdev->klass->get_config) {
        vdev->klass->get_config(vdev, vdev->config);
    }
    uint32_t v = 0;
    memcpy(&v, vdev->config + offset, size);
    return GUINT32_FROM_LE(v);
}

void virtio_config_write(VirtIODevice *vdev, uint32_t offset, uint32_t value, unsigned size)
{
    uint32_t len = vdev->klass->config_size;
    if (size > 4 || offset > len || size > len - offset) {
        return;
    }
    if (vdev->klass->get_config) {
        vdev->klass->get_config(vdev, vdev->config);
    }
    uint32_t le = GUINT32_TO_LE(value);
    memcpy(vdev->config + offset, &le, size);
    if (vdev->klass->set_config) {
        vdev->klass->set_config(vdev, vdev->config);
    }
}

/* ---- queues ---- */

bool virtio_queue_valid(const VirtIODevice *vdev, unsigned n)
{
    return n < (unsigned)vdev->nvqs && vdev->vq[n].handler;
}

void virtio_queue_set_num(VirtIODevice *vdev, unsigned n, uint32_t num)
{
    if (!virtio_queue_valid(vdev, n) || num == 0 || num > VIRTIO_QUEUE_SIZE_MAX) {
        g_debug("%s: guest error: queue %u size %u", vdev->klass->name, n, num);
        return;
    }
    vdev->vq[n].num = num;
}

void virtio_queue_set_rings(VirtIODevice *vdev, unsigned n, uint64_t desc, uint64_t avail,
                            uint64_t used)
{
    if (virtio_queue_valid(vdev, n)) {
        vdev->vq[n].desc = desc;
        vdev->vq[n].avail = avail;
        vdev->vq[n].used = used;
    }
}

void virtio_queue_set_ready(VirtIODevice *vdev, unsigned n, bool ready)
{
    if (virtio_queue_valid(vdev, n)) {
        vdev->vq[n].ready = ready;
    }
}

void virtio_queue_set_legacy_pfn(VirtIODevice *vdev, unsigned n, uint32_t pfn,
                                 uint32_t page_size, uint32_t align)
{
    if (!virtio_queue_valid(vdev, n)) {
        return;
    }
    VirtQueue *vq = &vdev->vq[n];
    if (pfn == 0) {
        queue_reset(vq);        /* 4.2.4: the driver stops using it */
        return;
    }
    /* 2.7.2 (legacy interfaces): the descriptors, the available ring
     * right after, the used ring at the next multiple of align. */
    uint64_t a = align ? align : 1;
    vq->legacy_pfn = pfn;
    vq->legacy_align = align;
    vq->desc = (uint64_t)pfn * page_size;
    vq->avail = vq->desc + 16ull * vq->num;
    uint64_t avail_end = vq->avail + 6 + 2ull * vq->num;
    vq->used = (avail_end + a - 1) / a * a;
    vq->ready = true;
}

void virtio_queue_notify(VirtIODevice *vdev, unsigned n)
{
    if (!virtio_queue_valid(vdev, n)) {
        g_debug("%s: guest error: notify of queue %u", vdev->klass->name, n);
        return;
    }
    VirtQueue *vq = &vdev->vq[n];
    if (vq->ready && vq->num && !vdev->broken) {
        vq->handler(vdev, vq);
    }
}

/* ---- snapshots ---- */

void virtio_drain(VirtIODevice *vdev)
{
    if (vdev->klass->drain) {
        vdev->klass->drain(vdev);
    }
}

void virtio_kick_queues(VirtIODevice *vdev)
{
    for (int i = 0; i < vdev->nvqs; i++) {
        virtio_queue_notify(vdev, i);
    }
}

static const VMStateField virtqueue_fields[] = {
    VMSTATE_FIELD(num, VirtQueue, 1),
    VMSTATE_FIELD(ready, VirtQueue, 1),
    VMSTATE_FIELD(desc, VirtQueue, 1),
    VMSTATE_FIELD(avail, VirtQueue, 1),
    VMSTATE_FIELD(used, VirtQueue, 1),
    VMSTATE_FIELD(last_avail_idx, VirtQueue, 1),
    VMSTATE_FIELD(used_idx, VirtQueue, 1),
    VMSTATE_FIELD(signalled_used, VirtQueue, 1),
    VMSTATE_FIELD(signalled_used_valid, VirtQueue, 1),
    VMSTATE_FIELD(vector, VirtQueue, 1),
    VMSTATE_FIELD(legacy_pfn, VirtQueue, 1),
    VMSTATE_FIELD(legacy_align, VirtQueue, 1),
    VMSTATE_END,
};

static const VMStateDescription vmstate_virtqueue = {
    .name = "virtqueue",
    .version = 1,
    .minimum_version = 1,
    .fields = virtqueue_fields,
};

/* A stream is guest-controlled data too: queue sizes must stay what the
 * registers could have set. */
static bool virtio_post_load(void *opaque, int version)
{
    VirtIODevice *vdev = opaque;
    for (int i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        VirtQueue *vq = &vdev->vq[i];
        if (vq->num > VIRTIO_QUEUE_SIZE_MAX || (vq->ready && vq->num == 0)) {
            return false;
        }
    }
    vdev->guest_features &= vdev->host_features;
    return true;
}

static const VMStateField virtio_fields[] = {
    VMSTATE_FIELD(status, VirtIODevice, 1),
    VMSTATE_FIELD(isr, VirtIODevice, 1),
    VMSTATE_FIELD(broken, VirtIODevice, 1),
    VMSTATE_FIELD(guest_features, VirtIODevice, 1),
    VMSTATE_FIELD(config_generation, VirtIODevice, 1),
    VMSTATE_FIELD(config_vector, VirtIODevice, 1),
    VMSTATE_STRUCT_ARRAY(vq, VirtIODevice, vmstate_virtqueue, 1),
    VMSTATE_END,
};

const VMStateDescription vmstate_virtio_core = {
    .name = "virtio",
    .version = 1,
    .minimum_version = 1,
    .fields = virtio_fields,
    .post_load = virtio_post_load,
};
