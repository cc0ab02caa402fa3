/*
 * The virt board's virtio-mmio transports and the virtio devices the
 * command line asked for (softmmu/drive.h) behind them.
 */
#ifndef HW_ARM_VIRT_VIRTIO_H
#define HW_ARM_VIRT_VIRTIO_H

#include <stdbool.h>

#include <glib.h>

#include "hw/virtio/virtio.h"
#include "softmmu/irq.h"
#include "softmmu/memory.h"

/* Maps the 32 transports into sysmem, wires their interrupts through
 * spi(n) and plugs the requested devices; DMA goes through dma_as. */
bool virt_virtio_create(MemoryRegion *sysmem, AddressSpace *dma_as, IRQLine *(*spi)(int n),
                        GError **err);
/* The virtio device a request asks for (virt-pci.c puts the PCI ones on
 * its bus). */
struct DeviceRequest;
VirtIODevice *virt_virtio_device_new(const struct DeviceRequest *r, AddressSpace *dma_as,
                                     bool legacy);
/* A system reset: every transport and device back to power-on. */
void virt_virtio_reset(void);
/* savevm: a virtio device's state (core, its own, then the transport's
 * at id where) and its drain and after-load hooks; and every device on
 * the mmio transports. */
void virt_virtio_register_state(const char *where, VirtIODevice *vdev,
                                const VMStateDescription *transport_vmsd, void *transport);
void virt_virtio_register_all(void);

#endif
