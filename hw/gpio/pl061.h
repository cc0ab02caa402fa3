/*
 * The ARM PrimeCell GPIO PL061 (ARM DDI0190), as qemu 7.2's "pl061" (the
 * ARM variant, not Luminary's): eight pins, each an input or an output
 * (GPIODIR), a data register addressed through a bit mask in the address,
 * and one combined interrupt with per-pin edge or level sensing.
 *
 * Wiring, as qemu's device: in[i] are the pins as the board drives them
 * (the virt board pulses in[3] for the power button); out[i] are the pins
 * as the PL061 drives them, for the board to connect; irq is GPIOINTR.
 * A pin set as input is not driven by the PL061: out[i] then shows the
 * board's pull-up (1) or pull-down (0) on it, or nothing changes if the
 * pin floats (neither), as qemu's "pullups"/"pulldowns" properties do
 * (the device's defaults: all pulled up; qemu 7.2's virt board sets all
 * pulled down, "pullups" 0 and "pulldowns" 0xff: PL061_VIRT_*).
 *
 * Use: pl061_init, map s->iomem (4 KiB), connect irq and out[], then
 * pl061_reset (which drives the pulled outputs).
 */
#ifndef HW_GPIO_PL061_H
#define HW_GPIO_PL061_H

#include <stdint.h>

#include "softmmu/irq.h"
#include "softmmu/memory.h"
#include "softmmu/vmstate.h"

#define PL061_MMIO_SIZE 0x1000
#define PL061_NUM_GPIOS 8
#define PL061_DEFAULT_PULLUPS 0xff
#define PL061_DEFAULT_PULLDOWNS 0x00
#define PL061_VIRT_PULLUPS 0x00
#define PL061_VIRT_PULLDOWNS 0xff

typedef struct PL061State {
    MemoryRegion iomem;
    IRQLine in[PL061_NUM_GPIOS];    /* the pins, driven from outside */
    IRQLine *out[PL061_NUM_GPIOS];  /* the pins, as the PL061 drives them */
    IRQLine *irq;                   /* GPIOINTR: any of MIS set */
    /* The board's resistors, fixed at init (bit i: pin i). */
    uint8_t pullups, pulldowns;
    /* Registers (TRM 3.3) and what the interrupt logic remembers. */
    uint8_t data;           /* GPIODATA: outputs as written, inputs as seen */
    uint8_t dir;            /* GPIODIR: 1 = output */
    uint8_t isense;         /* GPIOIS: 1 = level, 0 = edge */
    uint8_t ibe;            /* GPIOIBE: 1 = both edges */
    uint8_t iev;            /* GPIOIEV: 1 = rising edge / high level */
    uint8_t im;             /* GPIOIE: 1 = interrupt enabled */
    uint8_t istate;         /* GPIORIS */
    uint8_t afsel;          /* GPIOAFSEL: stored, no hardware behind it */
    uint8_t old_out_data;   /* what out[] were last set to */
    uint8_t old_in_data;    /* input pins at the last edge check */
} PL061State;

/* pullups & pulldowns must be disjoint (a pin cannot be both). */
void pl061_init(PL061State *s, uint8_t pullups, uint8_t pulldowns);
void pl061_reset(PL061State *s);
void pl061_destroy(PL061State *s);

extern const VMStateDescription vmstate_pl061;

#endif
