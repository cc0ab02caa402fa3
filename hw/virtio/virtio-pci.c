/*
 * The virtio PCI transport (virtio-pci.h): the function's header and
 * capabilities, the modern BAR's four structures, the legacy I/O BAR, and
 * interrupts by MSI-X or INTA.
 */
#include <string.h>

#include "hw/virtio/virtio-pci.h"

/* Where qemu 7.2 puts the modern structures in BAR 4. */
enum {
    MODERN_BAR = 4, MSIX_BAR = 1, LEGACY_BAR = 0,
    COMMON_OFF = 0x0000, ISR_OFF = 0x1000, DEVICE_OFF = 0x2000, NOTIFY_OFF = 0x3000,
    REGION_SIZE = 0x1000, MODERN_BAR_SIZE = 0x4000,
    NOTIFY_MULTIPLIER = 4,
};

/* virtio_pci_cap.cfg_type (4.1.4). */
enum {
    VIRTIO_PCI_CAP_COMMON_CFG = 1, VIRTIO_PCI_CAP_NOTIFY_CFG = 2,
    VIRTIO_PCI_CAP_ISR_CFG = 3, VIRTIO_PCI_CAP_DEVICE_CFG = 4,
    VIRTIO_PCI_CAP_PCI_CFG = 5,
};

/* struct virtio_pci_common_cfg (4.1.4.3). */
enum {
    CC_DFSELECT = 0x00, CC_DF = 0x04, CC_GFSELECT = 0x08, CC_GF = 0x0c,
    CC_MSIX = 0x10, CC_NUMQ = 0x12, CC_STATUS = 0x14, CC_CFGGEN = 0x15,
    CC_Q_SELECT = 0x16, CC_Q_SIZE = 0x18, CC_Q_MSIX = 0x1a, CC_Q_ENABLE = 0x1c,
    CC_Q_NOFF = 0x1e, CC_Q_DESCLO = 0x20, CC_Q_DESCHI = 0x24, CC_Q_AVAILLO = 0x28,
    CC_Q_AVAILHI = 0x2c, CC_Q_USEDLO = 0x30, CC_Q_USEDHI = 0x34,
};

/* The legacy interface's registers (4.1.4.8), the device config after
 * them (at 24 with MSI-X enabled, 20 without). */
enum {
    L_HOST_FEATURES = 0x00, L_GUEST_FEATURES = 0x04, L_QUEUE_PFN = 0x08,
    L_QUEUE_NUM = 0x0c, L_QUEUE_SEL = 0x0e, L_QUEUE_NOTIFY = 0x10, L_STATUS = 0x12,
    L_ISR = 0x13, L_CONFIG_VECTOR = 0x14, L_QUEUE_VECTOR = 0x16,
    L_HEADER = 20, L_HEADER_MSIX = 24,
    L_PAGE_SHIFT = 12, L_ALIGN = 4096,
};

/* The transitional device IDs by virtio device id (4.1.2.1). */
static const uint16_t transitional_ids[] = {
    [VIRTIO_ID_NET] = 0x1000, [VIRTIO_ID_BLOCK] = 0x1001,
    [VIRTIO_ID_CONSOLE] = 0x1003, [VIRTIO_ID_RNG] = 0x1005,
};

static uint32_t class_of(uint16_t id)
{
    switch (id) {
    case VIRTIO_ID_BLOCK: return PCI_CLASS_STORAGE_SCSI;
    case VIRTIO_ID_NET: return 0x020000;            /* Ethernet controller */
    case VIRTIO_ID_CONSOLE: return 0x078000;        /* other communication */
    default: return PCI_CLASS_OTHERS;
    }
}

/* ---- interrupts ---- */

static void interrupt(VirtIOPCIState *s, uint16_t vector)
{
    if (msix_enabled(&s->msix)) {
        if (vector != VIRTIO_NO_VECTOR) {
            msix_notify(&s->msix, vector);
        }
    } else {
        pci_set_irq(&s->pci, s->vdev->isr != 0);
    }
}

static void notify_queue(void *opaque, int queue)
{
    VirtIOPCIState *s = opaque;
    interrupt(s, s->vdev->vq[queue].vector);
}

static void notify_config(void *opaque)
{
    VirtIOPCIState *s = opaque;
    interrupt(s, s->vdev->config_vector);
}

static const VirtIOTransportOps transport_ops = {
    .notify_queue = notify_queue, .notify_config = notify_config,
};

static uint8_t isr_read(VirtIOPCIState *s)
{
    uint8_t isr = virtio_isr_read_clear(s->vdev);
    pci_set_irq(&s->pci, 0);
    return isr;
}

/* A vector the function has, else none (4.1.5.1.2: the device answers
 * NO_VECTOR for one it cannot use). */
static uint16_t checked_vector(VirtIOPCIState *s, uint32_t v)
{
    return v < s->msix.nvec ? v : VIRTIO_NO_VECTOR;
}

static void set_status(VirtIOPCIState *s, uint8_t status, bool legacy)
{
    if (s->vdev->status == 0) {
        /* The driver picks the interface it starts with. */
        s->vdev->legacy = legacy;
    }
    virtio_set_status(s->vdev, status);
    if (status == 0) {
        pci_set_irq(&s->pci, 0);
    }
}

/* ---- common configuration ---- */

static VirtQueue *selected(VirtIOPCIState *s)
{
    return virtio_queue_valid(s->vdev, s->queue_select) ? &s->vdev->vq[s->queue_select] : NULL;
}

static uint64_t common_read(VirtIOPCIState *s, uint64_t off)
{
    VirtIODevice *vdev = s->vdev;
    VirtQueue *vq = selected(s);
    switch (off) {
    case CC_DFSELECT: return s->device_feature_select;
    case CC_DF:
        return s->device_feature_select < 2
               ? (uint32_t)(vdev->host_features >> (32 * s->device_feature_select)) : 0;
    case CC_GFSELECT: return s->driver_feature_select;
    case CC_GF: return s->driver_feature_select < 2
                       ? s->driver_features[s->driver_feature_select] : 0;
    case CC_MSIX: return vdev->config_vector;
    case CC_NUMQ: return vdev->nvqs;
    case CC_STATUS: return vdev->status;
    case CC_CFGGEN: return vdev->config_generation & 0xff;
    case CC_Q_SELECT: return s->queue_select;
    case CC_Q_SIZE: return vq ? vq->num : 0;
    case CC_Q_MSIX: return vq ? vq->vector : VIRTIO_NO_VECTOR;
    case CC_Q_ENABLE: return vq ? vq->ready : 0;
    case CC_Q_NOFF: return vq ? s->queue_select : 0;
    case CC_Q_DESCLO: return vq ? (uint32_t)vq->desc : 0;
    case CC_Q_DESCHI: return vq ? vq->desc >> 32 : 0;
    case CC_Q_AVAILLO: return vq ? (uint32_t)vq->avail : 0;
    case CC_Q_AVAILHI: return vq ? vq->avail >> 32 : 0;
    case CC_Q_USEDLO: return vq ? (uint32_t)vq->used : 0;
    case CC_Q_USEDHI: return vq ? vq->used >> 32 : 0;
    }
    return 0;
}

/* One half of a 64-bit ring address. */
static uint64_t set_half(uint64_t old, uint32_t value, bool high)
{
    return high ? (old & UINT32_MAX) | (uint64_t)value << 32
                : (old & ~(uint64_t)UINT32_MAX) | value;
}

static void common_write(VirtIOPCIState *s, uint64_t off, uint32_t value)
{
    VirtIODevice *vdev = s->vdev;
    VirtQueue *vq = selected(s);
    unsigned n = s->queue_select;
    switch (off) {
    case CC_DFSELECT: s->device_feature_select = value; break;
    case CC_GFSELECT: s->driver_feature_select = value; break;
    case CC_GF:
        if (s->driver_feature_select < 2) {
            s->driver_features[s->driver_feature_select] = value;
            virtio_set_guest_features(vdev, s->driver_features[0] |
                                            (uint64_t)s->driver_features[1] << 32);
        }
        break;
    case CC_MSIX: vdev->config_vector = checked_vector(s, value & 0xffff); break;
    case CC_STATUS:
        if (value == 0) {
            s->driver_features[0] = s->driver_features[1] = 0;
        }
        set_status(s, value, false);
        break;
    case CC_Q_SELECT: s->queue_select = value; break;
    case CC_Q_SIZE:
        if (vq && !vq->ready) {
            virtio_queue_set_num(vdev, n, value & 0xffff);
        }
        break;
    case CC_Q_MSIX:
        if (vq) {
            vq->vector = checked_vector(s, value & 0xffff);
        }
        break;
    case CC_Q_ENABLE:
        /* 4.1.4.3.2: the driver writes only 1; 0 is for queue reset,
         * which is not offered. */
        if (vq && (value & 1)) {
            virtio_queue_set_ready(vdev, n, true);
        }
        break;
    case CC_Q_DESCLO: case CC_Q_DESCHI:
    case CC_Q_AVAILLO: case CC_Q_AVAILHI:
    case CC_Q_USEDLO: case CC_Q_USEDHI:
        if (vq && !vq->ready) {
            uint64_t desc = vq->desc, avail = vq->avail, used = vq->used;
            bool high = off & 4;
            if (off < CC_Q_AVAILLO) {
                desc = set_half(desc, value, high);
            } else if (off < CC_Q_USEDLO) {
                avail = set_half(avail, value, high);
            } else {
                used = set_half(used, value, high);
            }
            virtio_queue_set_rings(vdev, n, desc, avail, used);
        }
        break;
    }
}

/* ---- BAR 4: the modern structures ---- */

static uint64_t modern_read(void *opaque, uint64_t off, unsigned size)
{
    VirtIOPCIState *s = opaque;
    uint64_t in = off % REGION_SIZE;
    switch (off / REGION_SIZE) {
    case COMMON_OFF / REGION_SIZE: {
        /* Fields are read at their own width; narrower reads take bytes
         * of the field they fall in. */
        static const uint8_t width[0x38] = {
            [CC_DFSELECT] = 4, [CC_DF] = 4, [CC_GFSELECT] = 4, [CC_GF] = 4,
            [CC_MSIX] = 2, [CC_NUMQ] = 2, [CC_STATUS] = 1, [CC_CFGGEN] = 1,
            [CC_Q_SELECT] = 2, [CC_Q_SIZE] = 2, [CC_Q_MSIX] = 2, [CC_Q_ENABLE] = 2,
            [CC_Q_NOFF] = 2, [CC_Q_DESCLO] = 4, [CC_Q_DESCHI] = 4, [CC_Q_AVAILLO] = 4,
            [CC_Q_AVAILHI] = 4, [CC_Q_USEDLO] = 4, [CC_Q_USEDHI] = 4,
        };
        uint64_t v = 0;
        for (unsigned i = 0; i < size && in + i < sizeof(width); ) {
            uint64_t at = in + i, start = at;
            while (!width[start] && start > 0 && at - start < 4) {
                start--;
            }
            unsigned rel = at - start, w = width[start];
            unsigned take = rel < w ? MIN(w - rel, size - i) : 1;
            uint64_t field = rel < w ? common_read(s, start) >> (8 * rel) : 0;
            v |= (field & ((1ull << (8 * take)) - 1)) << (8 * i);
            i += take;
        }
        return v;
    }
    case ISR_OFF / REGION_SIZE:
        return in == 0 ? isr_read(s) : 0;
    case DEVICE_OFF / REGION_SIZE:
        return virtio_config_read(s->vdev, in, size);
    }
    return 0;       /* the notify structure reads 0 */
}

static void modern_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    VirtIOPCIState *s = opaque;
    uint64_t in = off % REGION_SIZE;
    switch (off / REGION_SIZE) {
    case COMMON_OFF / REGION_SIZE:
        /* 4.1.3.1: the driver writes each field at its own width; the
         * 64-bit ring addresses as two 32-bit halves. */
        if (size == 8 && in >= CC_Q_DESCLO && in < CC_Q_USEDHI && !(in & 7)) {
            common_write(s, in, (uint32_t)value);
            common_write(s, in + 4, value >> 32);
        } else {
            common_write(s, in, (uint32_t)value);
        }
        break;
    case DEVICE_OFF / REGION_SIZE:
        virtio_config_write(s->vdev, in, value, size);
        break;
    case NOTIFY_OFF / REGION_SIZE:
        if (in % NOTIFY_MULTIPLIER == 0 && virtio_queue_valid(s->vdev, in / NOTIFY_MULTIPLIER)) {
            virtio_queue_notify(s->vdev, in / NOTIFY_MULTIPLIER);
        }
        break;
    }
}

static const MemoryRegionOps modern_ops = {
    .read = modern_read, .write = modern_write, .min_access = 1, .max_access = 8,
};

/* ---- BAR 0: the legacy interface ---- */

static unsigned legacy_header(VirtIOPCIState *s)
{
    return msix_enabled(&s->msix) ? L_HEADER_MSIX : L_HEADER;
}

static uint64_t legacy_read(void *opaque, uint64_t off, unsigned size)
{
    VirtIOPCIState *s = opaque;
    VirtIODevice *vdev = s->vdev;
    VirtQueue *vq = selected(s);
    unsigned hdr = legacy_header(s);
    if (off >= hdr) {
        return virtio_config_read(vdev, off - hdr, size);
    }
    switch (off) {
    case L_HOST_FEATURES: return (uint32_t)vdev->host_features;
    case L_GUEST_FEATURES: return (uint32_t)vdev->guest_features;
    case L_QUEUE_PFN: return vq ? vq->legacy_pfn : 0;
    case L_QUEUE_NUM: return vq ? vq->num : 0;
    case L_QUEUE_SEL: return s->queue_select;
    case L_STATUS: return vdev->status;
    case L_ISR: return isr_read(s);
    case L_CONFIG_VECTOR: return hdr == L_HEADER_MSIX ? vdev->config_vector : 0;
    case L_QUEUE_VECTOR: return hdr == L_HEADER_MSIX && vq ? vq->vector : 0;
    }
    return 0;
}

static void legacy_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    VirtIOPCIState *s = opaque;
    VirtIODevice *vdev = s->vdev;
    VirtQueue *vq = selected(s);
    unsigned hdr = legacy_header(s);
    if (off >= hdr) {
        virtio_config_write(vdev, off - hdr, value, size);
        return;
    }
    switch (off) {
    case L_GUEST_FEATURES:
        virtio_set_guest_features(vdev, (uint32_t)value);
        break;
    case L_QUEUE_PFN:
        if (vq) {
            virtio_queue_set_legacy_pfn(vdev, s->queue_select, value, 1u << L_PAGE_SHIFT,
                                        L_ALIGN);
        }
        break;
    case L_QUEUE_SEL: s->queue_select = value; break;
    case L_QUEUE_NOTIFY:
        if (virtio_queue_valid(vdev, value & 0xffff)) {
            virtio_queue_notify(vdev, value & 0xffff);
        }
        break;
    case L_STATUS: set_status(s, value, true); break;
    case L_CONFIG_VECTOR:
        if (hdr == L_HEADER_MSIX) {
            vdev->config_vector = checked_vector(s, value & 0xffff);
        }
        break;
    case L_QUEUE_VECTOR:
        if (hdr == L_HEADER_MSIX && vq) {
            vq->vector = checked_vector(s, value & 0xffff);
        }
        break;
    }
}

/* Registers are 8, 16 or 32 bits wide at their own offsets; the core
 * cuts wider accesses. */
static const MemoryRegionOps legacy_ops = {
    .read = legacy_read, .write = legacy_write, .min_access = 1, .max_access = 4,
};

/* ---- the function ---- */

static uint64_t pow2_ceil(uint64_t v)
{
    uint64_t p = 1;
    while (p < v) {
        p <<= 1;
    }
    return p;
}

/* A virtio_pci_cap (4.1.4) pointing into BAR 4 (or, for the PCI
 * configuration access capability, nowhere until the driver says). */
static unsigned add_virtio_cap(PCIDevice *d, uint8_t type, uint32_t offset, uint32_t length,
                               unsigned extra)
{
    unsigned cap = pci_add_capability(d, PCI_CAP_ID_VNDR, 16 + extra);
    g_assert(cap);
    d->config[cap + 2] = 16 + extra;
    d->config[cap + 3] = type;
    d->config[cap + 4] = type == VIRTIO_PCI_CAP_PCI_CFG ? 0 : MODERN_BAR;
    pci_set_long(d->config + cap + 8, offset);
    pci_set_long(d->config + cap + 12, length);
    return cap;
}

static void pci_reset(PCIDevice *d)
{
    VirtIOPCIState *s = d->opaque;
    virtio_reset(s->vdev);
    s->device_feature_select = s->driver_feature_select = 0;
    s->driver_features[0] = s->driver_features[1] = 0;
    s->queue_select = 0;
}

static const PCIDeviceOps virtio_pci_ops = {
    .reset = pci_reset,
};

bool virtio_pci_init(VirtIOPCIState *s, PCIBus *bus, int devfn, VirtIODevice *vdev)
{
    uint16_t id = vdev->klass->device_id;
    g_assert(id < G_N_ELEMENTS(transitional_ids) && transitional_ids[id]);
    memset(s, 0, sizeof(*s));
    s->vdev = vdev;
    const PCIDeviceInfo info = {
        .vendor = PCI_VENDOR_ID_REDHAT_QUMRANET, .device = transitional_ids[id],
        .subsystem_vendor = PCI_VENDOR_ID_REDHAT_QUMRANET, .subsystem = id,
        .class_code = class_of(id), .pin = 1,
    };
    PCIDevice *d = &s->pci;
    g_autofree char *name = g_strdup_printf("%s-pci", vdev->klass->name);
    if (!pci_device_init(d, bus, devfn, name, &info, &virtio_pci_ops, s)) {
        return false;
    }
    memory_region_init_io(&s->legacy_bar, &legacy_ops, s, "virtio-pci-legacy",
                          pow2_ceil(L_HEADER_MSIX + vdev->klass->config_size));
    memory_region_init_io(&s->modern_bar, &modern_ops, s, "virtio-pci", MODERN_BAR_SIZE);
    pci_register_bar(d, LEGACY_BAR, PCI_BAR_SPACE_IO, &s->legacy_bar);

    add_virtio_cap(d, VIRTIO_PCI_CAP_COMMON_CFG, COMMON_OFF, REGION_SIZE, 0);
    add_virtio_cap(d, VIRTIO_PCI_CAP_ISR_CFG, ISR_OFF, REGION_SIZE, 0);
    add_virtio_cap(d, VIRTIO_PCI_CAP_DEVICE_CFG, DEVICE_OFF, REGION_SIZE, 0);
    unsigned notify = add_virtio_cap(d, VIRTIO_PCI_CAP_NOTIFY_CFG, NOTIFY_OFF, REGION_SIZE, 4);
    pci_set_long(d->config + notify + 16, NOTIFY_MULTIPLIER);
    /* The configuration access window: the driver may set its BAR,
     * offset, length and data (the accesses themselves are not
     * modelled: Linux never uses them). */
    unsigned cfg = add_virtio_cap(d, VIRTIO_PCI_CAP_PCI_CFG, 0, 0, 4);
    d->wmask[cfg + 4] = 0xff;
    memset(d->wmask + cfg + 8, 0xff, 12);

    /* One vector per queue and one for configuration changes, unless the
     * model has fewer (a driver then shares them). */
    unsigned vectors = vdev->klass->pci_vectors ? vdev->klass->pci_vectors : vdev->nvqs + 1;
    g_assert(msix_init_exclusive_bar(&s->msix, d, vectors, MSIX_BAR));
    pci_register_bar(d, MODERN_BAR, PCI_BAR_MEM_TYPE_64 | PCI_BAR_MEM_PREFETCH, &s->modern_bar);
    pci_device_realized(d);
    virtio_set_transport(vdev, &transport_ops, s);
    return true;
}

static bool virtio_pci_post_load(void *opaque, int version)
{
    VirtIOPCIState *s = opaque;
    return vmstate_pci_device.post_load(&s->pci, version);
}

static const VMStateField virtio_pci_fields[] = {
    { "pci", offsetof(VirtIOPCIState, pci), sizeof(PCIDevice), 1, &vmstate_pci_device, 1 },
    { "msix", offsetof(VirtIOPCIState, msix), sizeof(MSIX), 1, &vmstate_msix, 1 },
    VMSTATE_FIELD(device_feature_select, VirtIOPCIState, 1),
    VMSTATE_FIELD(driver_feature_select, VirtIOPCIState, 1),
    VMSTATE_ARRAY(driver_features, VirtIOPCIState, 1),
    VMSTATE_FIELD(queue_select, VirtIOPCIState, 1),
    VMSTATE_END,
};

const VMStateDescription vmstate_virtio_pci = {
    .name = "virtio-pci", .version = 1, .minimum_version = 1,
    .fields = virtio_pci_fields, .post_load = virtio_pci_post_load,
};
