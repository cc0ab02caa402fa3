/*
 * The GICv2m MSI frame (Arm Server Base System Architecture, "GICv2m"
 * appendix) as qemu 7.2's arm-gicv2m: a 4 KiB frame that turns a PCI
 * function's MSI write into an edge on one of a run of GIC SPIs.
 * MSI_TYPER says which run (the first INTID and how many); a write of an
 * INTID in it to MSI_SETSPI_NS pulses that SPI.  On the virt board with a
 * GICv2: SPIs 48..111 (INTIDs 80..143).
 *
 * The board points spi[i] at the GIC's input for SPI base_spi + i.  The
 * frame has no state of its own.
 */
#ifndef HW_INTC_ARM_GICV2M_H
#define HW_INTC_ARM_GICV2M_H

#include "softmmu/irq.h"
#include "softmmu/memory.h"

#define GICV2M_FRAME_SIZE 0x1000
#define GICV2M_MAX_SPIS   1024

typedef struct GICv2mState {
    MemoryRegion iomem;
    unsigned base_spi;          /* SPI number of spi[0] (INTID - 32) */
    unsigned num_spi;
    IRQLine *spi[GICV2M_MAX_SPIS];
} GICv2mState;

void gicv2m_init(GICv2mState *s, unsigned base_spi, unsigned num_spi);

#endif
