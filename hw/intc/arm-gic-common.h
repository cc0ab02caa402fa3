/*
 * What GICv2 (IHI 0048B) and GICv3 (IHI 0069) share: the state of one
 * interrupt, the distributor's per-interrupt register banks (IGROUPR ..
 * ICFGR sit at the same offsets in a GICv2 distributor, a GICv3
 * distributor and a GICv3 redistributor's SGI_base frame), and the CPU
 * interface's priority arithmetic (group priority under a binary point,
 * active priorities, running priority, priority drop).
 *
 * Each model keeps its interrupts as GICIrq: private ones (SGIs 0-15,
 * PPIs 16-31) banked per CPU, SPIs (32..num_irq-1) once.  The models run
 * under the device lock (softmmu/device-lock.h) and lock nothing.
 */
#ifndef HW_INTC_ARM_GIC_COMMON_H
#define HW_INTC_ARM_GIC_COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "softmmu/irq.h"
#include "softmmu/vmstate.h"

#define GIC_NR_SGIS     16
#define GIC_INTERNAL    32      /* SGIs and PPIs, banked per CPU */
#define GIC_MAX_IRQ     1020    /* INTIDs 1020-1023 are special (IHI 0048B 3.2.5) */
#define GIC_SPURIOUS    1023    /* IAR's "no interrupt" (IHI 0048B 3.2.5) */
#define GIC_NO_ACK_GRP1 1022    /* GICv2 IAR: a Group 1 interrupt, AckCtl clear */
#define GIC_IDLE_PRIO   0xff    /* running priority with nothing active */
#define GIC_APR_WORDS   4       /* 128 active-priority bits per group (7 preemption bits) */

/* One interrupt.  pending = latch || (level-sensitive && line high): a
 * level-sensitive interrupt is pending while its line is asserted, an
 * edge-triggered one from a rising edge (or ISPENDR) until acknowledged
 * (IHI 0048B 3.2.4, IHI 0069 4.1.2). */
typedef struct GICIrq {
    uint8_t enabled;
    uint8_t latch;          /* software- or edge-set pending state */
    uint8_t active;
    uint8_t level;          /* the input line as last driven */
    uint8_t edge;           /* ICFGR Int_config[1]: 1 edge-triggered, 0 level */
    uint8_t group;          /* IGROUPR: 0 or 1 */
    uint8_t priority;       /* IPRIORITYR, masked to the implemented bits */
    uint8_t target;         /* GICv2 SPIs: ITARGETSR's CPU mask */
    uint8_t sgi_sources;    /* GICv2 SGIs: CPUs that sent it, still pending */
} GICIrq;

extern const VMStateDescription vmstate_gic_irq;

static inline bool gic_irq_pending(const GICIrq *q)
{
    return q->latch || (!q->edge && q->level) || q->sgi_sources;
}

/* An interrupt a CPU interface may choose: enabled, pending, not active. */
static inline bool gic_irq_candidate(const GICIrq *q)
{
    return q->enabled && !q->active && gic_irq_pending(q);
}

/* A new input level; a rising edge latches an edge-triggered interrupt. */
void gic_irq_set_level(GICIrq *q, int level);

/* The banks of one bit (or more) per interrupt that every GIC frame lays
 * out alike, IHI 0048B Table 4-1 and IHI 0069 Table 12-25/12-27. */
typedef enum GICField {
    GIC_F_GROUP, GIC_F_SET_ENABLE, GIC_F_CLEAR_ENABLE, GIC_F_SET_PENDING,
    GIC_F_CLEAR_PENDING, GIC_F_SET_ACTIVE, GIC_F_CLEAR_ACTIVE, GIC_F_PRIORITY,
    GIC_F_TARGET, GIC_F_CONFIG,
} GICField;

typedef struct GICFieldRange {
    uint32_t base;          /* offset of the bank for INTID 0 */
    uint8_t bits;           /* per interrupt: 1, 2 or 8 */
    GICField field;
    const char *name;
} GICFieldRange;

/* The bank holding this frame offset, or NULL. */
const GICFieldRange *gic_field_range(uint32_t offset);

/* What differs between the models in those banks. */
typedef struct GICFieldRules {
    /* The interrupt behind INTID irq for the accessing CPU, or NULL where
     * its bits read as zero and ignore writes (absent, or not this
     * frame's). */
    GICIrq *(*lookup)(void *opaque, int cpu, int irq);
    void *opaque;
    uint8_t priority_mask;  /* implemented priority bits */
    bool sgi_always_enabled;    /* GICv2 as qemu: SGIs enabled, RAO/WI */
    bool sgi_pending_by_sgir;   /* GICv2: SGI pending only via SGIR/SPENDSGIR */
} GICFieldRules;

/* One byte of a bank (offset within the frame), for the CPU numbered cpu. */
uint8_t gic_field_read_byte(const GICFieldRules *r, const GICFieldRange *range,
                            int cpu, uint32_t offset);
void gic_field_write_byte(const GICFieldRules *r, const GICFieldRange *range,
                          int cpu, uint32_t offset, uint8_t value);

/* Priority arithmetic of a CPU interface.  bpr is in GICC_BPR/ICC_BPR0
 * form: the group priority is bits [7:bpr+1] (IHI 0048B 3.3.3). */
static inline uint8_t gic_group_priority(uint8_t prio, int bpr)
{
    return prio & (uint8_t)(0xff << ((bpr & 7) + 1));
}

/* Active priorities, two groups of GIC_APR_WORDS words, flat:
 * apr[group * GIC_APR_WORDS + word].  With prebits preemption bits a
 * group priority g sets bit g >> (8 - prebits) (IHI 0069 12.11.1). */
void gic_apr_activate(uint32_t *apr, int group, uint8_t gprio, int prebits);
/* The running priority: the highest active one, or GIC_IDLE_PRIO. */
uint8_t gic_apr_running(const uint32_t *apr, int prebits);
/* Priority drop: clears the highest active priority; its group or -1. */
int gic_apr_drop(uint32_t *apr, int prebits);

/* The wiring both models give the board.  Input lines: SPIs once
 * (spi_in[n] is INTID 32 + n), PPIs per CPU (ppi_in[cpu * 16 + k] is
 * INTID 16 + k), max_cpus rows of them. */
void gic_inputs_init(IRQLine *spi_in, IRQLine *ppi_in, int max_cpus,
                     IRQHandler *spi, IRQHandler *ppi, void *opaque);
/* The board's handle on SPI n or on a CPU's PPI, NULL where the model
 * has no such input. */
IRQLine *gic_spi_line(IRQLine *spi_in, int num_irq, int n);
IRQLine *gic_ppi_line(IRQLine *ppi_in, int num_cpu, int cpu, int intid);

/* A CPU interface's IRQ and FIQ outputs.  Only a change of level goes
 * out; -1 says the line has not been driven since it was connected (or
 * the state loaded), so the next update drives it whatever it is. */
typedef struct GICOutput {
    IRQLine *irq, *fiq;
    int8_t irq_level, fiq_level;    /* as last driven */
} GICOutput;

void gic_output_connect(GICOutput *o, IRQLine *irq, IRQLine *fiq);
/* Forget what n outputs last drove (after init or a state load). */
void gic_outputs_undriven(GICOutput *o, int n);
void gic_output_drive(GICOutput *o, int irq_level, int fiq_level);

#endif
