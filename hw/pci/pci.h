/*
 * The PCI core: a bus of up to 256 functions (devfn = slot << 3 | function)
 * and what every function has, its configuration space, its BARs, its
 * capability list and its INTx pin.
 *
 * Configuration space: each byte has a value, a write mask (the bits
 * software may set) and a write-1-to-clear mask; a function's device model
 * builds its header with pci_device_init, pci_register_bar and
 * pci_add_capability, and hears of writes through PCIDeviceOps.  Reset
 * brings back the space as it was when the board finished building.
 *
 * BARs: the bus decodes its own two spaces (memory: all 2^64, I/O: the
 * size the host bridge gives) and hands each access to the BAR that
 * claims it, through memory_region_access.  The guest moves BARs while
 * vCPUs run, so they are kept out of the system's flat view (whose
 * rebuild would race with TLB fills); the board maps the bus's window
 * regions once (pcie-mmio, pcie-pio), as aliases of the parts its CPUs see.
 * A BAR decodes while the command register enables its kind and its
 * address is not 0 and does not run past its 32 or 64 bits.
 *
 * INTx: a function drives its pin; slot s's pin p reaches the host's line
 * (s + p) mod 4 (the swizzle of the PCI-to-PCI bridge specification,
 * which the board's interrupt-map repeats), which is high while any
 * function drives it and has INTx enabled.
 *
 * Bus mastering: DMA and MSI writes go to the board's address space only
 * while the command register's bus master bit is set.  All of it runs
 * under the device lock.
 */
#ifndef HW_PCI_PCI_H
#define HW_PCI_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "hw/pci/pci-regs.h"
#include "softmmu/irq.h"
#include "softmmu/memory.h"
#include "softmmu/vmstate.h"

#define PCI_DEVFN_COUNT         256
#define PCI_NUM_BARS            6
#define PCI_NUM_PINS            4
#define PCI_CONFIG_SPACE_SIZE   256     /* a conventional function */
#define PCIE_CONFIG_SPACE_SIZE  4096    /* a PCI Express one */
#define PCI_BAR_UNMAPPED        UINT64_MAX

#define PCI_DEVFN(slot, fn)     (((slot) << 3) | (fn))
#define PCI_SLOT(devfn)         ((devfn) >> 3)

typedef struct PCIBus PCIBus;
typedef struct PCIDevice PCIDevice;
typedef struct MSIX MSIX;

/* What a function says of itself; subsystem IDs 0 take qemu's default
 * (1af4:1100), as qemu gives every device without its own. */
typedef struct PCIDeviceInfo {
    uint16_t vendor, device;
    uint16_t subsystem_vendor, subsystem;
    uint8_t revision;
    uint32_t class_code;        /* base class, subclass, programming interface */
    uint8_t pin;                /* 1..4: INTA..INTD; 0: no INTx */
    bool express;               /* 4 KiB configuration space */
} PCIDeviceInfo;

typedef struct PCIDeviceOps {
    /* After a guest write of len bytes at addr has been stored. */
    void (*config_written)(PCIDevice *d, uint32_t addr, unsigned len);
    /* After the configuration space is back at its reset value. */
    void (*reset)(PCIDevice *d);
} PCIDeviceOps;

typedef struct PCIBar {
    MemoryRegion *mr;           /* NULL: no BAR in this slot (never decodes) */
    uint64_t size;              /* a power of two */
    uint8_t type;               /* its read-only low bits (PCI_BAR_*) */
    uint64_t addr;              /* where it decodes, or PCI_BAR_UNMAPPED */
} PCIBar;

struct PCIDevice {
    char name[32];
    PCIBus *bus;
    int devfn;
    uint32_t config_size;
    uint8_t config[PCIE_CONFIG_SPACE_SIZE];
    uint8_t wmask[PCIE_CONFIG_SPACE_SIZE];
    uint8_t w1cmask[PCIE_CONFIG_SPACE_SIZE];
    uint8_t reset_config[PCIE_CONFIG_SPACE_SIZE];
    PCIBar bar[PCI_NUM_BARS];
    unsigned cap_end;           /* the first byte after the capabilities */
    uint8_t intx_level;         /* what the function drives on its pin */
    const PCIDeviceOps *ops;
    void *opaque;               /* the device model's own state */
    MSIX *msix;                 /* its MSI-X capability, if any */
};

struct PCIBus {
    PCIDevice *devices[PCI_DEVFN_COUNT];
    MemoryRegion mem_window;    /* PCI memory space, all 2^64 */
    MemoryRegion io_window;     /* PCI I/O space */
    AddressSpace *dma_as;       /* what bus masters write to */
    IRQLine *irq[PCI_NUM_PINS]; /* the host's INTA..INTD */
    uint8_t irq_level[PCI_NUM_PINS];    /* as last driven */
};

void pci_bus_init(PCIBus *bus, const char *name, uint64_t io_size, AddressSpace *dma_as);

/* Puts a function at devfn with its header; false if devfn is taken. */
bool pci_device_init(PCIDevice *d, PCIBus *bus, int devfn, const char *name,
                     const PCIDeviceInfo *info, const PCIDeviceOps *ops, void *opaque);
/* BAR n (0..5; a 64-bit one takes n + 1 too) of type PCI_BAR_SPACE_IO or
 * a memory type, showing mr (a leaf region whose size is a power of two,
 * at least 16 bytes for memory, 4 for I/O). */
void pci_register_bar(PCIDevice *d, int n, uint8_t type, MemoryRegion *mr);
/* A capability of size bytes at the first free place after the header,
 * put at the head of the list (as qemu builds it); its offset, or 0 when
 * there is no room. */
unsigned pci_add_capability(PCIDevice *d, uint8_t id, unsigned size);
/* Call after the last pci_add_capability/register_bar: the space as it
 * is now is what reset brings back. */
void pci_device_realized(PCIDevice *d);

void pci_set_irq(PCIDevice *d, int level);

/* Configuration accesses of 1, 2 or 4 bytes inside config_size. */
uint32_t pci_config_read(PCIDevice *d, uint32_t addr, unsigned len);
void pci_config_write(PCIDevice *d, uint32_t addr, uint32_t value, unsigned len);

/* Bus-master accesses to the board's memory: refused (MEMTX_ERROR, reads
 * zeroed) while bus mastering is off. */
MemTxResult pci_dma_read(PCIDevice *d, uint64_t addr, void *buf, uint64_t len);
MemTxResult pci_dma_write(PCIDevice *d, uint64_t addr, const void *buf, uint64_t len);
/* A message-signalled interrupt: data (little-endian) written at addr as
 * the function's DMA is, its requester ID (bus << 8 | devfn, the root bus
 * being 0) carried beside the write for an MSI controller that tells
 * functions apart: the GICv3 ITS asks pci_msi_requester_id from its
 * doorbell's write handler, on the thread that writes. */
MemTxResult pci_msi_write(PCIDevice *d, uint64_t addr, uint32_t data);
/* The requester ID of the MSI write this thread is making, or -1. */
int pci_msi_requester_id(void);

void pci_device_reset(PCIDevice *d);
void pci_bus_reset(PCIBus *bus);

/* Little-endian fields of the configuration space. */
static inline uint16_t pci_get_word(const uint8_t *p) { return p[0] | p[1] << 8; }
static inline uint32_t pci_get_long(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline void pci_set_word(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static inline void pci_set_long(uint8_t *p, uint32_t v)
{
    p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

/* A function's state: its configuration space and its pin's level; the
 * BAR mappings and the bus's lines follow from them on load. */
extern const VMStateDescription vmstate_pci_device;

#endif
