/*
 * virt's virtio (virt-virtio.h): the 32 virtio-mmio transports at
 * VIRT_MMIO, 0x200 apart, on consecutive SPIs, as qemu 7.2 makes them
 * whether or not a device sits behind them, and the devices of -device
 * and -drive if=virtio.  qemu fills the transports from the top: its
 * first virtio device gets the highest address (0x0a003e00, SPI 47), the
 * next one the transport below, and so on; guests (and their /dev/vdX
 * names) see the same order here.  The virtio-*-pci devices (and
 * if=virtio drives, virtio-blk-pci as on qemu) are virt-pci.c's.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "hw/arm/virt-virtio.h"
#include "hw/arm/virt.h"
#include "hw/virtio/virtio-blk.h"
#include "hw/virtio/virtio-mmio.h"
#include "hw/virtio/virtio-net.h"
#include "hw/virtio/virtio-rng.h"
#include "hw/virtio/virtio-serial.h"
#include "softmmu/drive.h"
#include "softmmu/savevm.h"

static VirtIOMMIOState transports[VIRT_NUM_VIRTIO_TRANSPORTS];

/* A virtio-serial with the ports devices_resolve gave it.  The command
 * line was checked, but a chardev may still be busy (a -serial's too):
 * that ends the program, as it would qemu's start. */
static VirtIODevice *serial_new(const DeviceRequest *r, AddressSpace *dma_as, bool legacy)
{
    unsigned n = r->ports ? r->ports->len : 0;
    g_autofree VirtIOSerialPortConfig *ports = g_new0(VirtIOSerialPortConfig, n);
    for (unsigned i = 0; i < n; i++) {
        const DeviceRequest *p = g_ptr_array_index(r->ports, i);
        ports[i] = (VirtIOSerialPortConfig){
            .nr = p->port_nr, .console = p->console, .name = p->port_name, .chr = p->chardev,
        };
    }
    GError *err = NULL;
    VirtIODevice *vdev = virtio_serial_new(dma_as, legacy, ports, n, &err);
    if (!vdev) {
        fprintf(stderr, "mimic-system-aarch64: -device %s: %s\n", r->spec, err->message);
        exit(1);
    }
    return vdev;
}

VirtIODevice *virt_virtio_device_new(const DeviceRequest *r, AddressSpace *dma_as, bool legacy)
{
    switch (r->model) {
    case DEVICE_VIRTIO_BLK: {
        DriveInfo *d = r->drive;
        VirtIOBlockOptions o = {
            .bs = d->bs, .read_only = d->read_only, .writeback = d->writeback,
            .ignore_flush = d->ignore_flush, .serial = r->serial, .acct = &d->acct,
        };
        return virtio_blk_vdev(virtio_blk_new(&o, dma_as, legacy));
    }
    case DEVICE_VIRTIO_RNG:
        return virtio_rng_new(dma_as, legacy);
    case DEVICE_VIRTIO_NET:
        return virtio_net_new(dma_as, legacy, r->netdev, r->mac, NULL);
    case DEVICE_VIRTIO_SERIAL:
        return serial_new(r, dma_as, legacy);
    case DEVICE_VIRTSERIAL_PORT:
        break;      /* on its virtio-serial, not a device of its own */
    }
    return NULL;
}

bool virt_virtio_create(MemoryRegion *sysmem, AddressSpace *dma_as, IRQLine *(*spi)(int n),
                        GError **err)
{
    /* VIRT_MMIO is the first transport; the others follow it. */
    const VirtMemMapEntry *m = &virt_memmap[VIRT_MMIO];
    bool legacy = virtio_mmio_force_legacy();
    for (int i = 0; i < VIRT_NUM_VIRTIO_TRANSPORTS; i++) {
        virtio_mmio_init(&transports[i], legacy, spi(virt_irqmap[VIRT_MMIO] + i));
        memory_region_add_subregion(sysmem, m->base + i * m->size, &transports[i].iomem);
    }
    /* The PCI ones are virt-pci.c's. */
    g_autoptr(GPtrArray) reqs = g_ptr_array_new();
    for (guint i = 0; i < device_requests()->len; i++) {
        DeviceRequest *r = g_ptr_array_index(device_requests(), i);
        if (!r->pci) {
            g_ptr_array_add(reqs, r);
        }
    }
    if (reqs->len > VIRT_NUM_VIRTIO_TRANSPORTS) {
        const DeviceRequest *r = g_ptr_array_index(reqs, VIRT_NUM_VIRTIO_TRANSPORTS);
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "-device %s: No 'virtio-bus' bus found for device '%s'", r->spec,
                    r->model_name);
        return false;
    }
    for (guint i = 0; i < reqs->len; i++) {
        VirtIOMMIOState *t = &transports[VIRT_NUM_VIRTIO_TRANSPORTS - 1 - i];
        virtio_mmio_plug(t, virt_virtio_device_new(g_ptr_array_index(reqs, i), dma_as, legacy));
    }
    return true;
}

void virt_virtio_reset(void)
{
    for (int i = 0; i < VIRT_NUM_VIRTIO_TRANSPORTS; i++) {
        virtio_mmio_reset(&transports[i]);
    }
}

/* ---- snapshots ---- */

static void drain_device(void *opaque)
{
    virtio_drain(opaque);
}

static void kick_device(void *opaque)
{
    virtio_kick_queues(opaque);
}

void virt_virtio_register_state(const char *where, VirtIODevice *vdev,
                                const VMStateDescription *transport_vmsd, void *transport)
{
    g_autofree char *core = g_strdup_printf("%s/virtio", where);
    savevm_register(core, &vmstate_virtio_core, vdev);
    if (vdev->klass->vmsd) {
        g_autofree char *own = g_strdup_printf("%s/%s", where, vdev->klass->name);
        savevm_register(own, vdev->klass->vmsd, vdev);
    }
    savevm_register(where, transport_vmsd, transport);
    savevm_register_hooks(drain_device, kick_device, vdev);
}

void virt_virtio_register_all(void)
{
    for (int i = 0; i < VIRT_NUM_VIRTIO_TRANSPORTS; i++) {
        if (transports[i].vdev) {
            g_autofree char *where = g_strdup_printf("virtio-mmio@%" PRIx64,
                                                     virt_memmap[VIRT_MMIO].base +
                                                     i * virt_memmap[VIRT_MMIO].size);
            virt_virtio_register_state(where, transports[i].vdev, &vmstate_virtio_mmio,
                                       &transports[i]);
        }
    }
}
