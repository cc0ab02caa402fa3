/*
 * The virtio PCI transport (virtio 1.2 spec 4.1, "Virtio Over PCI Bus") as
 * qemu 7.2 makes it for a device on the root bus of virt: a transitional
 * function (vendor 1af4, device 0x1000 + legacy id, revision 0, subsystem
 * = the virtio device id), whose modern interface is four vendor
 * capabilities into BAR 4 (64-bit, prefetchable, 16 KiB: common config at
 * 0, ISR at 0x1000, device config at 0x2000, notifications at 0x3000, 4
 * bytes per queue), plus the PCI configuration access capability, its
 * MSI-X table in BAR 1 (one vector per queue and one for configuration
 * changes), and the legacy interface's I/O BAR 0 (virtio 0.9.5 registers,
 * then the device config).  Without MSI-X the device raises INTA while
 * its ISR is non-zero; reading the ISR clears both.
 */
#ifndef HW_VIRTIO_VIRTIO_PCI_H
#define HW_VIRTIO_VIRTIO_PCI_H

#include "hw/pci/msix.h"
#include "hw/pci/pci.h"
#include "hw/virtio/virtio.h"

typedef struct VirtIOPCIState {
    PCIDevice pci;
    MSIX msix;
    VirtIODevice *vdev;
    MemoryRegion modern_bar, legacy_bar;
    uint32_t device_feature_select;
    uint32_t driver_feature_select;
    uint32_t driver_features[2];
    uint16_t queue_select;
} VirtIOPCIState;

/* Puts vdev (made with legacy = false) at devfn of bus; false if the
 * slot is taken. */
bool virtio_pci_init(VirtIOPCIState *s, PCIBus *bus, int devfn, VirtIODevice *vdev);

/* The transport's registers and the function's config space; the device's
 * core state is saved apart (vmstate_virtio_core). */
extern const VMStateDescription vmstate_virtio_pci;

#endif
