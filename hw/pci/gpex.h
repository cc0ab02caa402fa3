/*
 * The generic PCI Express host bridge of qemu's virt board ("gpex",
 * compatible "pci-host-ecam-generic"): configuration space through ECAM
 * (PCI Express Base Specification, "Enhanced Configuration Access
 * Mechanism": 1 MiB per bus, 4 KiB per function), the root bus with its
 * memory and I/O spaces, and the host bridge function 00:00.0 with qemu's
 * IDs (1b36:0008, class 0600).  Only bus 0 exists (no bridges), so
 * configuration accesses to other buses and to empty slots read all ones.
 *
 * The board maps ecam, and windows onto bus.mem_window and bus.io_window,
 * and wires bus.irq[0..3] (INTA..INTD of slot 0) to its interrupt
 * controller.
 */
#ifndef HW_PCI_GPEX_H
#define HW_PCI_GPEX_H

#include "hw/pci/pci.h"

#define GPEX_IO_SIZE 0x10000

typedef struct GPEXHost {
    PCIBus bus;
    PCIDevice bridge;
    MemoryRegion ecam;
} GPEXHost;

/* ecam_size: a multiple of 1 MiB, at most 256 MiB (256 buses). */
void gpex_init(GPEXHost *h, uint64_t ecam_size, AddressSpace *dma_as);

extern const VMStateDescription vmstate_gpex;

#endif
