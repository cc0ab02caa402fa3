/*
 * The virt board's virtio-mmio transports and the virtio devices the
 * command line asked for (softmmu/drive.h) behind them.
 */
#ifndef HW_ARM_VIRT_VIRTIO_H
#define HW_ARM_VIRT_VIRTIO_H

#include <stdbool.h>

#include <glib.h>

#include "softmmu/irq.h"
#include "softmmu/memory.h"

/* Maps the 32 transports into sysmem, wires their interrupts through
 * spi(n) and plugs the requested devices; DMA goes through dma_as. */
bool virt_virtio_create(MemoryRegion *sysmem, AddressSpace *dma_as, IRQLine *(*spi)(int n),
                        GError **err);
/* A system reset: every transport and device back to power-on. */
void virt_virtio_reset(void);

#endif
