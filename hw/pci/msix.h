/*
 * MSI-X (PCI Local Bus Specification 3.0, 6.8.2): a function's capability
 * and its table of vectors (address, data, mask) and pending bits, in a
 * memory BAR of their own as qemu's msix_init_exclusive_bar lays them out
 * (4 KiB: the table at 0, the pending-bit array at 2 KiB).
 *
 * A device model raises vector v with msix_notify: while MSI-X is on and
 * the vector and the function are unmasked, the function writes the
 * vector's data (32 bits) to its address through the bus (a bus-master
 * write: nothing while bus mastering is off); masked, the vector's pending
 * bit is set and the message goes out when software unmasks it.
 */
#ifndef HW_PCI_MSIX_H
#define HW_PCI_MSIX_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/pci/pci.h"

#define MSIX_MAX_VECTORS     64
#define MSIX_EXCLUSIVE_BAR_SIZE 0x1000
#define MSIX_EXCLUSIVE_PBA   0x800

struct MSIX {
    PCIDevice *dev;
    unsigned nvec;
    unsigned cap;               /* the capability's offset in config space */
    MemoryRegion bar;
    uint8_t table[MSIX_MAX_VECTORS * PCI_MSIX_ENTRY_SIZE];
    uint8_t pba[MSIX_MAX_VECTORS / 8];
};

/* nvec (1..MSIX_MAX_VECTORS) vectors, the table and PBA in BAR bar_nr (a
 * 32-bit memory BAR).  False if the capability finds no room. */
bool msix_init_exclusive_bar(MSIX *m, PCIDevice *d, unsigned nvec, int bar_nr);
bool msix_enabled(const MSIX *m);
void msix_notify(MSIX *m, unsigned vector);

/* For pci.c: a configuration write touched [addr, addr + len). */
void msix_config_written(MSIX *m, uint32_t addr, unsigned len);
/* For pci.c: every vector masked, none pending (the capability's control
 * word is reset with the rest of configuration space). */
void msix_reset(MSIX *m);

extern const VMStateDescription vmstate_msix;

#endif
