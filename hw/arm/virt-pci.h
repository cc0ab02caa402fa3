/*
 * The virt board's PCI Express: the generic host bridge (ECAM, the
 * 32-bit and 64-bit MMIO windows and the I/O window at qemu 7.2's
 * addresses, INTA..INTD on SPIs 3..6) and the MSI controller the device
 * tree's msi-map points at: the GICv2m frame with a GICv2, the ITS with a
 * GICv3.  virt.c calls it once.
 */
#ifndef HW_ARM_VIRT_PCI_H
#define HW_ARM_VIRT_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "hw/intc/arm-gicv3-its.h"
#include "hw/pci/gpex.h"
#include "softmmu/irq.h"
#include "softmmu/memory.h"

typedef struct VirtPCIConfig {
    MemoryRegion *sysmem;       /* where the windows and frames go */
    AddressSpace *as;           /* what bus masters (DMA, MSI) write to */
    uint64_t ram_size;          /* places the regions above RAM */
    int gic_version;
    IRQLine *(*gic_spi)(int n); /* the GIC's input for SPI n */
    GICv3State *gic3;           /* gic-version=3: the GIC the ITS serves */
} VirtPCIConfig;

/* Builds and maps it all, with the virtio-pci functions -device asks for;
 * false with qemu's message when they do not fit. */
bool virt_pci_create(const VirtPCIConfig *cfg, GError **err);
/* The VIRT_DEV_* bits of what it built, for the device tree. */
uint32_t virt_pci_fdt_devices(int gic_version);
/* Every function and the ITS back at their reset state (a system reset). */
void virt_pci_reset(void);
/* The ITS (for its state, vmstate_gicv3_its), NULL with a GICv2. */
GICv3ITSState *virt_pci_its(void);

/* savevm: the ITS, the host bridge and every device on the bus. */
void virt_pci_register_state(void);

#endif
