/*
 * The ARM PrimeCell real-time clock PL031 (ARM DDI0224), as qemu 7.2's
 * "pl031" models it on the virt board: a 32-bit count of seconds since
 * the epoch, taken from the host's wall clock (qemu's default
 * `-rtc base=utc,clock=host`) plus an offset the guest sets through the
 * load register, and a match register that raises the alarm interrupt
 * when the count reaches it.
 *
 * Use: pl031_init, map s->iomem (4 KiB) and point s->irq at the
 * interrupt controller's input.  The state table saves the offset, not
 * the count, so a restored guest's clock goes on with the host's.
 */
#ifndef HW_RTC_PL031_H
#define HW_RTC_PL031_H

#include <stdint.h>

#include "softmmu/irq.h"
#include "softmmu/memory.h"
#include "softmmu/timer.h"
#include "softmmu/vmstate.h"

#define PL031_MMIO_SIZE 0x1000

typedef struct PL031State {
    MemoryRegion iomem;
    IRQLine *irq;           /* RTCINTR, level; NULL drives nothing */
    Timer *alarm;           /* HOST clock: when the count reaches MR */
    uint32_t tick_offset;   /* count - host seconds, modulo 2^32 */
    uint32_t mr;            /* RTCMR: match value */
    uint32_t lr;            /* RTCLR: the value last loaded */
    uint32_t im;            /* RTCIMSC bit 0: alarm interrupt enabled */
    uint32_t is;            /* RTCRIS bit 0: alarm raised */
} PL031State;

/* Starts the count at the host's time and the registers at reset. */
void pl031_init(PL031State *s);
void pl031_destroy(PL031State *s);

extern const VMStateDescription vmstate_pl031;

#endif
