/*
 * The ARM PrimeCell UART PL011 (ARM DDI 0183, r1p5), as qemu 7.2's "pl011"
 * models it, for the virt board's console.  The board places `iomem` (0x1000
 * bytes) in its address space, wires `irq` (UARTINTR, the combined
 * interrupt) to the GIC and names the back end; the guest sees the TRM's
 * registers and qemu's simplifications: transmission is instant, the
 * receive interrupt fires at the first character whatever IFLS says, no
 * receive timeout, no modem lines, no DMA.
 */
#ifndef HW_CHAR_PL011_H
#define HW_CHAR_PL011_H

#include <stdint.h>

#include "softmmu/chardev.h"
#include "softmmu/irq.h"
#include "softmmu/memory.h"
#include "softmmu/vmstate.h"

#define PL011_MMIO_SIZE 0x1000
#define PL011_FIFO_DEPTH 16

typedef struct PL011State {
    MemoryRegion iomem;
    IRQLine *irq;               /* UARTINTR; NULL: not wired */
    Chardev *chr;               /* NULL: output goes nowhere, no input */
    CharFrontend *fe;

    /* The registers (qemu's names; the TRM's in comments). */
    uint32_t readbuff;          /* unused; kept for qemu's state layout */
    uint32_t flags;             /* UARTFR */
    uint32_t lcr;               /* UARTLCR_H */
    uint32_t rsr;               /* UARTRSR: errors of the last read char */
    uint32_t cr;                /* UARTCR */
    uint32_t dmacr;             /* UARTDMACR */
    uint32_t int_enabled;       /* UARTIMSC */
    uint32_t int_level;         /* UARTRIS */
    uint32_t read_fifo[PL011_FIFO_DEPTH]; /* chars with error bits 8-11 */
    uint32_t ilpr;              /* UARTILPR */
    uint32_t ibrd;              /* UARTIBRD */
    uint32_t fbrd;              /* UARTFBRD */
    uint32_t ifl;               /* UARTIFLS */
    int32_t read_pos;           /* oldest char in read_fifo */
    int32_t read_count;         /* chars in read_fifo */
    int32_t read_trigger;       /* count that raises RXINTR (always 1) */
} PL011State;

/* Sets up the region and the registers' reset values and attaches to chr
 * (may be NULL); false with *err if chr already has its front end. */
bool pl011_init(PL011State *s, Chardev *chr, IRQLine *irq, GError **err);
/* The registers to their reset values, the receive FIFO emptied. */
void pl011_reset(PL011State *s);
/* Detaches from the back end and frees the region. */
void pl011_destroy(PL011State *s);

extern const VMStateDescription vmstate_pl011;

#endif
