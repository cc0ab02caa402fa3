/*
 * What the GICv3 model's files (core, distributor/redistributor frames,
 * CPU interface) share and nobody else sees.
 */
#ifndef HW_INTC_ARM_GICV3_INTERNAL_H
#define HW_INTC_ARM_GICV3_INTERNAL_H

#include "arm-gicv3.h"

#define GICV3_PREBITS       5       /* qemu: 5 priority and preemption bits */
#define GICV3_PMR_MASK      0xf8    /* the implemented bits of a priority */
#define GICV3_MIN_BPR0      (7 - GICV3_PREBITS)     /* IHI 0069 12.2.2 */
#define GICV3_MIN_BPR1      (GICV3_MIN_BPR0 + 1)

/* GICD_CTLR with DS = 1 (IHI 0069 12.9.4). */
#define GICD_CTLR_EN_GRP0   (1u << 0)
#define GICD_CTLR_EN_GRP1   (1u << 1)
#define GICD_CTLR_ARE       (1u << 4)
#define GICD_CTLR_DS        (1u << 6)

/* ICC_CTLR_EL1's writable bits (IHI 0069 12.2.6). */
#define ICC_CTLR_CBPR       (1u << 0)
#define ICC_CTLR_EOIMODE    (1u << 1)

/* GICR_WAKER (IHI 0069 12.11.40). */
#define GICR_WAKER_PS       (1u << 1)
#define GICR_WAKER_CA       (1u << 2)

/* The interrupt INTID irq as CPU cpu sees it, or NULL. */
GICIrq *gicv3_irq(GICv3State *s, int cpu, int irq);
/* Whether SPI irq is routed to cpu by its GICD_IROUTER. */
bool gicv3_routed_to(GICv3State *s, int irq, int cpu);
/* An interrupt a CPU interface may take: an SGI, PPI, SPI or LPI. */
typedef struct GICv3Pending {
    int irq;                    /* -1: none */
    uint8_t priority;
    uint8_t group;
} GICv3Pending;

/* The highest-priority pending interrupt CPU cpu may take. */
GICv3Pending gicv3_highest_pending(GICv3State *s, int cpu);
uint8_t gicv3_group_priority(GICv3State *s, int cpu, int group, uint8_t prio);
/* Its priority is above the mask and preempts what runs. */
bool gicv3_can_signal(GICv3State *s, int cpu, const GICv3Pending *p);
/* Re-evaluate one CPU's IRQ and FIQ outputs, or every CPU's.  A change
 * confined to a CPU's interface or private interrupts needs only its
 * own; the update costs a scan of num_irq interrupts per CPU. */
void gicv3_update_cpu(GICv3State *s, int cpu);
void gicv3_update(GICv3State *s);

/* GICR_CTLR (IHI 0069 12.11.2). */
#define GICR_CTLR_ENABLE_LPIS   (1u << 0)

static inline bool gicv3_is_lpi(int intid)
{
    return intid >= GICV3_LPI_BASE && intid < GICV3_LPI_BASE + GICV3_NUM_LPIS;
}

/* LPIs (arm-gicv3-lpi.c).  Replaces *best by cpu's enabled pending LPI
 * of a higher priority (a lower value) if there is one. */
void gicv3_lpi_highest(GICv3State *s, int cpu, GICv3Pending *best);
/* The redistributor's LPI registers, a byte at a time as the frame
 * goes: GICR_CTLR, GICR_PROPBASER, GICR_PENDBASER. */
bool gicv3_lpi_reg_read_byte(GICv3State *s, int cpu, uint32_t offset, uint8_t *value);
bool gicv3_lpi_reg_write_byte(GICv3State *s, int cpu, uint32_t offset, uint8_t value);
void gicv3_lpi_post_load(GICv3State *s);

/* Sets up the distributor's and redistributors' regions. */
void gicv3_dist_init(GICv3State *s);

/* Affinity fields of an MPIDR-layout value, level 0-3. */
static inline int gicv3_aff(uint64_t mpidr, int level)
{
    return (mpidr >> (level == 3 ? 32 : 8 * level)) & 0xff;
}

#endif
