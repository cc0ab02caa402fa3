/*
 * virtio-mmio (virtio-mmio.h): the register map of the virtio 1.2 spec,
 * table in 4.2.2 (modern) and 4.2.4 (legacy), as one table of offsets,
 * names and which version has them; the core (virtio.c) holds the state
 * they show.  Registers take 32-bit accesses only; the config space from
 * 0x100 takes any size.  The interrupt line is level: high while the ISR
 * has a bit set, lowered by InterruptACK (4.2.3.4).
 */
#include <string.h>

#include "hw/virtio/virtio-mmio.h"

#define MMIO_MAGIC      0x74726976u     /* "virt" */
#define MMIO_VENDOR     0x554d4551u     /* "QEMU", as qemu's */
#define MMIO_CONFIG     0x100

enum {
    R_MAGIC = 0x000, R_VERSION = 0x004, R_DEVICE_ID = 0x008, R_VENDOR_ID = 0x00c,
    R_DEVICE_FEATURES = 0x010, R_DEVICE_FEATURES_SEL = 0x014,
    R_DRIVER_FEATURES = 0x020, R_DRIVER_FEATURES_SEL = 0x024,
    R_GUEST_PAGE_SIZE = 0x028, R_QUEUE_SEL = 0x030, R_QUEUE_NUM_MAX = 0x034,
    R_QUEUE_NUM = 0x038, R_QUEUE_ALIGN = 0x03c, R_QUEUE_PFN = 0x040,
    R_QUEUE_READY = 0x044, R_QUEUE_NOTIFY = 0x050,
    R_INTERRUPT_STATUS = 0x060, R_INTERRUPT_ACK = 0x064, R_STATUS = 0x070,
    R_QUEUE_DESC_LOW = 0x080, R_QUEUE_DESC_HIGH = 0x084,
    R_QUEUE_DRIVER_LOW = 0x090, R_QUEUE_DRIVER_HIGH = 0x094,
    R_QUEUE_DEVICE_LOW = 0x0a0, R_QUEUE_DEVICE_HIGH = 0x0a4,
    R_CONFIG_GENERATION = 0x0fc,
};

enum { RD = 1, WR = 2, V1 = 4, V2 = 8, BOTH = V1 | V2 };

/* Indexed by offset / 4. */
static const struct MMIORegister {
    const char *name;
    unsigned flags;
} registers[MMIO_CONFIG / 4] = {
    [R_MAGIC / 4] = { "MagicValue", RD | BOTH },
    [R_VERSION / 4] = { "Version", RD | BOTH },
    [R_DEVICE_ID / 4] = { "DeviceID", RD | BOTH },
    [R_VENDOR_ID / 4] = { "VendorID", RD | BOTH },
    [R_DEVICE_FEATURES / 4] = { "DeviceFeatures", RD | BOTH },
    [R_DEVICE_FEATURES_SEL / 4] = { "DeviceFeaturesSel", WR | BOTH },
    [R_DRIVER_FEATURES / 4] = { "DriverFeatures", WR | BOTH },
    [R_DRIVER_FEATURES_SEL / 4] = { "DriverFeaturesSel", WR | BOTH },
    [R_GUEST_PAGE_SIZE / 4] = { "GuestPageSize", WR | V1 },
    [R_QUEUE_SEL / 4] = { "QueueSel", WR | BOTH },
    [R_QUEUE_NUM_MAX / 4] = { "QueueNumMax", RD | BOTH },
    [R_QUEUE_NUM / 4] = { "QueueNum", WR | BOTH },
    [R_QUEUE_ALIGN / 4] = { "QueueAlign", WR | V1 },
    [R_QUEUE_PFN / 4] = { "QueuePFN", RD | WR | V1 },
    [R_QUEUE_READY / 4] = { "QueueReady", RD | WR | V2 },
    [R_QUEUE_NOTIFY / 4] = { "QueueNotify", WR | BOTH },
    [R_INTERRUPT_STATUS / 4] = { "InterruptStatus", RD | BOTH },
    [R_INTERRUPT_ACK / 4] = { "InterruptACK", WR | BOTH },
    [R_STATUS / 4] = { "Status", RD | WR | BOTH },
    [R_QUEUE_DESC_LOW / 4] = { "QueueDescLow", WR | V2 },
    [R_QUEUE_DESC_HIGH / 4] = { "QueueDescHigh", WR | V2 },
    [R_QUEUE_DRIVER_LOW / 4] = { "QueueDriverLow", WR | V2 },
    [R_QUEUE_DRIVER_HIGH / 4] = { "QueueDriverHigh", WR | V2 },
    [R_QUEUE_DEVICE_LOW / 4] = { "QueueDeviceLow", WR | V2 },
    [R_QUEUE_DEVICE_HIGH / 4] = { "QueueDeviceHigh", WR | V2 },
    [R_CONFIG_GENERATION / 4] = { "ConfigGeneration", RD | V2 },
};

static void device_reset(VirtIOMMIOState *s);

static void update_irq(VirtIOMMIOState *s)
{
    irq_set_level(s->irq, s->vdev && s->vdev->isr != 0);
}

static void mmio_notify_queue(void *opaque, int queue)
{
    update_irq(opaque);
}

static void mmio_notify_config(void *opaque)
{
    update_irq(opaque);
}

static const VirtIOTransportOps mmio_transport = {
    .notify_queue = mmio_notify_queue,
    .notify_config = mmio_notify_config,
};

/* The register at offset if this version has it and allows the access. */
static const struct MMIORegister *find_register(const VirtIOMMIOState *s, uint64_t offset,
                                                unsigned size, unsigned access)
{
    const struct MMIORegister *r = offset < MMIO_CONFIG ? &registers[offset / 4] : NULL;
    if (r && r->name && size == 4 && !(offset & 3) && (r->flags & access) &&
        (r->flags & (s->legacy ? V1 : V2))) {
        return r;
    }
    g_debug("virtio-mmio: guest error: %s of %u bytes at 0x%" G_GINT64_MODIFIER "x (%s)",
            access == RD ? "read" : "write", size, offset, r && r->name ? r->name : "nothing");
    return NULL;
}

static VirtQueue *selected_queue(VirtIOMMIOState *s)
{
    return virtio_queue_valid(s->vdev, s->queue_sel) ? &s->vdev->vq[s->queue_sel] : NULL;
}

static uint64_t mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    VirtIOMMIOState *s = opaque;
    VirtIODevice *vdev = s->vdev;
    if (offset >= MMIO_CONFIG) {
        return vdev ? virtio_config_read(vdev, offset - MMIO_CONFIG, size) : 0;
    }
    if (!find_register(s, offset, size, RD)) {
        return 0;
    }
    switch (offset) {
    case R_MAGIC:
        return MMIO_MAGIC;
    case R_VERSION:
        return s->legacy ? 1 : 2;
    case R_VENDOR_ID:
        return MMIO_VENDOR;
    }
    if (!vdev) {
        return 0;               /* qemu: DeviceID and the rest read 0 */
    }
    VirtQueue *vq = selected_queue(s);
    switch (offset) {
    case R_DEVICE_ID:
        return vdev->klass->device_id;
    case R_DEVICE_FEATURES:
        return s->host_features_sel > 1 ? 0 : (uint32_t)(vdev->host_features >> (32 * s->host_features_sel));
    case R_QUEUE_NUM_MAX:
        return vq ? VIRTIO_QUEUE_SIZE_MAX : 0;     /* qemu's, whatever the device */
    case R_QUEUE_PFN:
        return vq ? vq->legacy_pfn : 0;
    case R_QUEUE_READY:
        return vq ? vq->ready : 0;
    case R_INTERRUPT_STATUS:
        return vdev->isr;
    case R_STATUS:
        return vdev->status;
    case R_CONFIG_GENERATION:
        return vdev->config_generation;
    }
    return 0;
}

/* Sets the low or high half of a ring address of the selected queue. */
static void set_ring_half(VirtIOMMIOState *s, uint64_t offset, uint32_t value)
{
    VirtQueue *vq = selected_queue(s);
    if (!vq) {
        return;
    }
    uint64_t a[3] = { vq->desc, vq->avail, vq->used };
    int which = (offset - R_QUEUE_DESC_LOW) / 0x10;
    bool high = offset & 4;
    a[which] = high ? (a[which] & 0xffffffffu) | (uint64_t)value << 32
                    : (a[which] & ~0xffffffffull) | value;
    virtio_queue_set_rings(s->vdev, s->queue_sel, a[0], a[1], a[2]);
}

static void mmio_write(void *opaque, uint64_t offset, uint64_t value64, unsigned size)
{
    VirtIOMMIOState *s = opaque;
    VirtIODevice *vdev = s->vdev;
    uint32_t value = value64;
    if (offset >= MMIO_CONFIG) {
        if (vdev) {
            virtio_config_write(vdev, offset - MMIO_CONFIG, value, size);
        }
        return;
    }
    if (!find_register(s, offset, size, WR) || !vdev) {
        return;
    }
    switch (offset) {
    case R_DEVICE_FEATURES_SEL:
        s->host_features_sel = value;
        break;
    case R_DRIVER_FEATURES:
        if (s->guest_features_sel < 2 && !(s->legacy && s->guest_features_sel)) {
            s->guest_features[s->guest_features_sel] = value;
            virtio_set_guest_features(vdev, (uint64_t)s->guest_features[1] << 32 |
                                                s->guest_features[0]);
        }
        break;
    case R_DRIVER_FEATURES_SEL:
        s->guest_features_sel = value;
        break;
    case R_GUEST_PAGE_SIZE:
        s->guest_page_size = value;
        break;
    case R_QUEUE_SEL:
        s->queue_sel = value;
        break;
    case R_QUEUE_NUM:
        virtio_queue_set_num(vdev, s->queue_sel, value);
        break;
    case R_QUEUE_ALIGN:
        s->queue_align = value;
        break;
    case R_QUEUE_PFN:
        virtio_queue_set_legacy_pfn(vdev, s->queue_sel, value, s->guest_page_size,
                                    s->queue_align);
        break;
    case R_QUEUE_READY:
        virtio_queue_set_ready(vdev, s->queue_sel, value & 1);
        break;
    case R_QUEUE_NOTIFY:
        virtio_queue_notify(vdev, value);
        break;
    case R_INTERRUPT_ACK:
        vdev->isr &= ~value;
        update_irq(s);
        break;
    case R_STATUS:
        if ((value & 0xff) == 0) {
            device_reset(s);
        } else {
            virtio_set_status(vdev, value & 0xff);
        }
        update_irq(s);
        break;
    case R_QUEUE_DESC_LOW: case R_QUEUE_DESC_HIGH:
    case R_QUEUE_DRIVER_LOW: case R_QUEUE_DRIVER_HIGH:
    case R_QUEUE_DEVICE_LOW: case R_QUEUE_DEVICE_HIGH:
        set_ring_half(s, offset, value);
        break;
    }
}

static const MemoryRegionOps mmio_ops = {
    .read = mmio_read,
    .write = mmio_write,
    .min_access = 1,
    .max_access = 4,
};

void virtio_mmio_init(VirtIOMMIOState *s, bool legacy, IRQLine *irq)
{
    memset(s, 0, sizeof(*s));
    s->legacy = legacy;
    s->irq = irq;
    memory_region_init_io(&s->iomem, &mmio_ops, s, "virtio-mmio", VIRTIO_MMIO_SIZE);
}

void virtio_mmio_plug(VirtIOMMIOState *s, VirtIODevice *vdev)
{
    s->vdev = vdev;
    virtio_set_transport(vdev, &mmio_transport, s);
}

/* A device reset (Status 0): GuestPageSize survives it, since a legacy
 * driver writes it once, at probe, before resetting the device. */
static void device_reset(VirtIOMMIOState *s)
{
    s->host_features_sel = s->guest_features_sel = 0;
    s->guest_features[0] = s->guest_features[1] = 0;
    s->queue_sel = 0;
    s->queue_align = 0;
    if (s->vdev) {
        virtio_reset(s->vdev);
    }
    update_irq(s);
}

void virtio_mmio_reset(VirtIOMMIOState *s)
{
    s->guest_page_size = 0;
    device_reset(s);
}

void virtio_mmio_destroy(VirtIOMMIOState *s)
{
    memory_region_destroy(&s->iomem);
}

static bool mmio_post_load(void *opaque, int version)
{
    update_irq(opaque);
    return true;
}

static const VMStateField mmio_fields[] = {
    VMSTATE_FIELD(host_features_sel, VirtIOMMIOState, 1),
    VMSTATE_FIELD(guest_features_sel, VirtIOMMIOState, 1),
    VMSTATE_ARRAY(guest_features, VirtIOMMIOState, 1),
    VMSTATE_FIELD(queue_sel, VirtIOMMIOState, 1),
    VMSTATE_FIELD(guest_page_size, VirtIOMMIOState, 1),
    VMSTATE_FIELD(queue_align, VirtIOMMIOState, 1),
    VMSTATE_END,
};

const VMStateDescription vmstate_virtio_mmio = {
    .name = "virtio-mmio",
    .version = 1,
    .minimum_version = 1,
    .fields = mmio_fields,
    .post_load = mmio_post_load,
};
