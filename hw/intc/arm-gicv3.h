/*
 * The GICv3 interrupt controller (IHI 0069), as qemu 7.2's arm_gicv3 on
 * the virt board with secure=off: one security state (GICD_CTLR.DS = 1),
 * affinity routing always on (ARE = 1), no LPIs/ITS, no virtualisation
 * (no EL2).  A distributor (64 KiB), one redistributor per CPU (RD_base
 * and SGI_base, 2 x 64 KiB each, one region for all of them, in CPU
 * order), and each CPU's interface as system registers.
 *
 * MMIO needs no "current CPU": a redistributor belongs to its CPU by
 * address, and the distributor has no banked registers under ARE.  The
 * CPU interface is a function API for the CPU's system-register layer:
 * it finds the register in gicv3_cpuif_regs (one row per ICC_*_EL1
 * register with its encoding) and calls gicv3_cpuif_read/write with the
 * accessing CPU's index.  All entry points run under the device lock
 * (softmmu/device-lock.h), the CPU interface's too.
 *
 * Wiring: gicv3_spi(s, n) is external interrupt n (INTID 32 + n),
 * gicv3_ppi(s, cpu, intid) a CPU's PPI (16-31); gicv3_connect_cpu gives
 * each CPU's IRQ and FIQ inputs.  Group 1 interrupts signal IRQ, Group 0
 * FIQ (IHI 0069 4.6 with DS = 1).
 */
#ifndef HW_INTC_ARM_GICV3_H
#define HW_INTC_ARM_GICV3_H

#include "hw/intc/arm-gic-common.h"
#include "softmmu/irq.h"
#include "softmmu/memory.h"
#include "softmmu/vmstate.h"

#define GICV3_MAX_CPUS          64
#define GICV3_DIST_SIZE         0x10000
#define GICV3_REDIST_STRIDE     0x20000     /* RD_base + SGI_base */

typedef struct GICv3CPU {
    GICIrq priv[GIC_INTERNAL];  /* SGIs and PPIs, in the redistributor */
    uint32_t waker;             /* GICR_WAKER: ProcessorSleep, ChildrenAsleep */
    /* The CPU interface. */
    uint32_t pmr;               /* ICC_PMR_EL1 */
    uint32_t bpr[2];            /* ICC_BPR0_EL1, ICC_BPR1_EL1 */
    uint32_t ctlr;              /* ICC_CTLR_EL1's writable CBPR, EOImode */
    uint32_t igrpen[2];         /* ICC_IGRPEN0_EL1, ICC_IGRPEN1_EL1 */
    uint32_t apr[2 * GIC_APR_WORDS];    /* ICC_AP0R0_EL1 at [0], ICC_AP1R0_EL1 at [4] */
} GICv3CPU;

typedef struct GICv3State {
    int num_cpu;
    int num_irq;                /* including the 32 private ones, a multiple of 32 */
    uint64_t affinity[GICV3_MAX_CPUS];  /* each CPU's MPIDR Aff3.Aff2.Aff1.Aff0 fields */

    uint32_t ctlr;              /* GICD_CTLR */
    GICIrq spi[GIC_MAX_IRQ - GIC_INTERNAL];
    uint64_t irouter[GIC_MAX_IRQ - GIC_INTERNAL];  /* GICD_IROUTER<n>, n >= 32 */
    GICv3CPU cpu[GICV3_MAX_CPUS];

    MemoryRegion dist_mr, redist_mr;
    IRQLine spi_in[GIC_MAX_IRQ - GIC_INTERNAL];
    IRQLine ppi_in[GICV3_MAX_CPUS][GIC_INTERNAL - GIC_NR_SGIS];
    GICOutput out[GICV3_MAX_CPUS];
} GICv3State;

/* num_cpu 1-64, num_irq 32-1020 (virt: 288).  affinity[i] is CPU i's
 * MPIDR_EL1 (Aff3 in [39:32], Aff2-Aff0 in [23:0]); NULL gives virt's
 * for GICv3: Aff1 = i / 16, Aff0 = i % 16. */
void gicv3_init(GICv3State *s, int num_cpu, int num_irq, const uint64_t *affinity);
void gicv3_destroy(GICv3State *s);
void gicv3_reset(GICv3State *s);

IRQLine *gicv3_spi(GICv3State *s, int n);
IRQLine *gicv3_ppi(GICv3State *s, int cpu, int intid);
void gicv3_connect_cpu(GICv3State *s, int cpu, IRQLine *irq, IRQLine *fiq);

/* The CPU interface's system registers (IHI 0069 12.2). */
typedef enum GICv3CPUIfReg {
    ICC_PMR_EL1, ICC_IAR0_EL1, ICC_EOIR0_EL1, ICC_HPPIR0_EL1, ICC_BPR0_EL1,
    ICC_AP0R0_EL1, ICC_AP1R0_EL1, ICC_DIR_EL1, ICC_RPR_EL1, ICC_SGI1R_EL1,
    ICC_ASGI1R_EL1, ICC_SGI0R_EL1, ICC_IAR1_EL1, ICC_EOIR1_EL1, ICC_HPPIR1_EL1,
    ICC_BPR1_EL1, ICC_CTLR_EL1, ICC_SRE_EL1, ICC_IGRPEN0_EL1, ICC_IGRPEN1_EL1,
    GICV3_CPUIF_NREGS,
} GICv3CPUIfReg;

enum { GICV3_R = 1, GICV3_W = 2, GICV3_RW = 3 };

typedef struct GICv3CPUIfRegInfo {
    const char *name;
    uint8_t op0, op1, crn, crm, op2;    /* MRS/MSR encoding, S<op0>_<op1>_C<n>_C<m>_<op2> */
    uint8_t access;                     /* GICV3_R, _W or _RW; the other way is UNDEFINED */
    uint64_t (*read)(GICv3State *s, int cpu);
    void (*write)(GICv3State *s, int cpu, uint64_t value);
} GICv3CPUIfRegInfo;

extern const GICv3CPUIfRegInfo gicv3_cpuif_regs[GICV3_CPUIF_NREGS];

/* The register with this encoding, or -1. */
int gicv3_cpuif_find(int op0, int op1, int crn, int crm, int op2);
/* A read of a write-only register (or the reverse) returns 0 / does
 * nothing: the CPU layer raises UNDEFINED from the table's access. */
uint64_t gicv3_cpuif_read(GICv3State *s, int cpu, GICv3CPUIfReg reg);
void gicv3_cpuif_write(GICv3State *s, int cpu, GICv3CPUIfReg reg, uint64_t value);

extern const VMStateDescription vmstate_gicv3;

#endif
