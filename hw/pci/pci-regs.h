/*
 * The PCI configuration space as the specifications lay it out: the
 * type 0 header (PCI Local Bus Specification 3.0, 6.1), the capability
 * IDs this tree uses and the MSI-X capability (PCI 3.0, 6.8.2), and the
 * vendor and device IDs of the devices mimic models.  Facts only; the
 * behaviour is in pci.c and msix.c.
 */
#ifndef HW_PCI_PCI_REGS_H
#define HW_PCI_PCI_REGS_H

/* Header, type 0. */
#define PCI_VENDOR_ID           0x00    /* 16 bits */
#define PCI_DEVICE_ID           0x02
#define PCI_COMMAND             0x04
#define PCI_STATUS              0x06
#define PCI_REVISION_ID         0x08
#define PCI_CLASS_PROG          0x09    /* the class code: 24 bits from here */
#define PCI_CACHE_LINE_SIZE     0x0c
#define PCI_LATENCY_TIMER       0x0d
#define PCI_HEADER_TYPE         0x0e
#define PCI_BASE_ADDRESS_0      0x10    /* six BARs of 32 bits */
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_SUBSYSTEM_ID        0x2e
#define PCI_ROM_ADDRESS         0x30
#define PCI_CAPABILITY_LIST     0x34
#define PCI_INTERRUPT_LINE      0x3c
#define PCI_INTERRUPT_PIN       0x3d    /* 1..4: INTA..INTD; 0: none */
#define PCI_CAP_FIRST           0x40    /* capabilities go after the header */

#define PCI_COMMAND_IO            0x0001
#define PCI_COMMAND_MEMORY        0x0002
#define PCI_COMMAND_MASTER        0x0004
#define PCI_COMMAND_SERR          0x0100
#define PCI_COMMAND_INTX_DISABLE  0x0400

#define PCI_STATUS_INTERRUPT      0x0008  /* INTx asserted, whatever the disable bit */
#define PCI_STATUS_CAP_LIST       0x0010
/* The error bits software clears by writing 1. */
#define PCI_STATUS_W1C            0xf900

/* The low bits of a BAR, read-only: its kind. */
#define PCI_BAR_SPACE_IO          0x01
#define PCI_BAR_MEM_TYPE_64       0x04
#define PCI_BAR_MEM_PREFETCH      0x08
#define PCI_BAR_IO_MASK           (~0x3ull)
#define PCI_BAR_MEM_MASK          (~0xfull)

/* Capability IDs (PCI Code and ID Assignment Specification). */
#define PCI_CAP_ID_VNDR           0x09
#define PCI_CAP_ID_MSIX           0x11

/* MSI-X capability: control word, then table and PBA offset/BIR dwords. */
#define PCI_MSIX_FLAGS            2
#define PCI_MSIX_TABLE            4
#define PCI_MSIX_PBA              8
#define PCI_MSIX_CAP_SIZE         12
#define PCI_MSIX_FLAGS_QSIZE      0x07ff  /* table size - 1 */
#define PCI_MSIX_FLAGS_MASKALL    0x4000
#define PCI_MSIX_FLAGS_ENABLE     0x8000
#define PCI_MSIX_ENTRY_SIZE       16      /* address low, high, data, control */
#define PCI_MSIX_ENTRY_CTRL_MASKBIT 1

/* Class codes (base class, subclass, programming interface). */
#define PCI_CLASS_BRIDGE_HOST     0x060000
#define PCI_CLASS_STORAGE_SCSI    0x010000
#define PCI_CLASS_OTHERS          0x00ff00

/* IDs qemu gives its devices; guests and their drivers match on them. */
#define PCI_VENDOR_ID_REDHAT            0x1b36
#define PCI_DEVICE_ID_REDHAT_PCIE_HOST  0x0008
#define PCI_VENDOR_ID_REDHAT_QUMRANET   0x1af4
#define PCI_SUBDEVICE_ID_QEMU           0x1100

#endif
