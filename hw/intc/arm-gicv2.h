/*
 * The GICv2 interrupt controller (IHI 0048B) without the Security
 * Extensions, as qemu 7.2's arm_gic with revision 2: a distributor
 * (4 KiB frame) and a CPU interface (8 KiB frame, GICC_DIR at 0x1000),
 * up to 8 CPUs, 8 implemented priority bits.
 *
 * Which CPU makes an access: both frames are one MemoryRegion each, shared
 * by every CPU as on hardware, and the model asks the board which vCPU is
 * running the access (current_cpu, given at init; it runs on the vCPU's
 * thread under the device lock).  Tests set it to the CPU they play.
 * gicv2_cpu_read/write reach the CPU interface of a named CPU directly.
 *
 * Wiring: the board drives gicv2_spi(s, n) for external interrupt n (INTID
 * 32 + n) and gicv2_ppi(s, cpu, intid) for a CPU's PPIs (INTID 16-31: the
 * generic timers, the PMU), and connects each CPU's IRQ and FIQ inputs
 * with gicv2_connect_cpu.  Group 0 interrupts go to FIQ only when
 * GICC_CTLR.FIQEn is set, otherwise to IRQ, like Group 1 (IHI 0048B 3.3.1).
 */
#ifndef HW_INTC_ARM_GICV2_H
#define HW_INTC_ARM_GICV2_H

#include "hw/intc/arm-gic-common.h"
#include "softmmu/irq.h"
#include "softmmu/memory.h"
#include "softmmu/vmstate.h"

#define GICV2_MAX_CPUS      8
#define GICV2_DIST_SIZE     0x1000
#define GICV2_CPU_SIZE      0x2000

typedef struct GICv2CPU {
    GICIrq priv[GIC_INTERNAL];  /* SGIs and PPIs of this CPU */
    uint32_t ctlr;              /* GICC_CTLR (EnableGrp0/1, AckCtl, FIQEn, CBPR, EOImode) */
    uint32_t pmr;               /* GICC_PMR */
    uint32_t bpr;               /* GICC_BPR: Group 0 (and 1 with CBPR) */
    uint32_t abpr;              /* GICC_ABPR: Group 1 */
    uint32_t apr[2 * GIC_APR_WORDS];    /* GICC_APRn, GICC_NSAPRn */
} GICv2CPU;

typedef struct GICv2State {
    int num_cpu;
    int num_irq;                /* including the 32 private ones, a multiple of 32 */
    int (*current_cpu)(void *opaque);
    void *current_cpu_opaque;

    uint32_t ctlr;              /* GICD_CTLR: EnableGrp0, EnableGrp1 */
    GICIrq spi[GIC_MAX_IRQ - GIC_INTERNAL];
    GICv2CPU cpu[GICV2_MAX_CPUS];

    MemoryRegion dist_mr, cpu_mr;
    IRQLine spi_in[GIC_MAX_IRQ - GIC_INTERNAL];
    IRQLine ppi_in[GICV2_MAX_CPUS][GIC_INTERNAL - GIC_NR_SGIS];
    GICOutput out[GICV2_MAX_CPUS];
} GICv2State;

/* num_cpu 1-8, num_irq 32-1020 (rounded down to 32s; virt: 288). */
void gicv2_init(GICv2State *s, int num_cpu, int num_irq,
                int (*current_cpu)(void *opaque), void *opaque);
void gicv2_destroy(GICv2State *s);
void gicv2_reset(GICv2State *s);

IRQLine *gicv2_spi(GICv2State *s, int n);
IRQLine *gicv2_ppi(GICv2State *s, int cpu, int intid);
void gicv2_connect_cpu(GICv2State *s, int cpu, IRQLine *irq, IRQLine *fiq);

uint64_t gicv2_cpu_read(GICv2State *s, int cpu, uint64_t offset, unsigned size);
void gicv2_cpu_write(GICv2State *s, int cpu, uint64_t offset, uint64_t value,
                     unsigned size);

extern const VMStateDescription vmstate_gicv2;

#endif
