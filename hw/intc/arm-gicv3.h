/*
 * The GICv3 interrupt controller (IHI 0069), as qemu 7.2's arm_gicv3 on
 * the virt board with secure=off: one security state (GICD_CTLR.DS = 1),
 * affinity routing always on (ARE = 1), no virtualisation (no EL2).
 * LPIs (INTIDs 8192-65535, Group 1) exist once the board gives the GIC
 * the address space of their tables (gicv3_enable_lpis), as qemu gives
 * them only to a GIC with an ITS (arm-gicv3-its.h), their only source.  A distributor (64 KiB), one redistributor per CPU (RD_base
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
#define GICV3_LPI_BASE          8192        /* the first LPI (IHI 0069 2.2.1) */
#define GICV3_LPI_IDBITS        16          /* GICD_TYPER.IDbits + 1, as qemu */
#define GICV3_NUM_LPIS          ((1 << GICV3_LPI_IDBITS) - GICV3_LPI_BASE)
#define GICV3_LPI_WORDS         (GICV3_NUM_LPIS / 64)

typedef struct GICv3CPU {
    GICIrq priv[GIC_INTERNAL];  /* SGIs and PPIs, in the redistributor */
    uint32_t waker;             /* GICR_WAKER: ProcessorSleep, ChildrenAsleep */
    /* The CPU interface. */
    uint32_t pmr;               /* ICC_PMR_EL1 */
    uint32_t bpr[2];            /* ICC_BPR0_EL1, ICC_BPR1_EL1 */
    uint32_t ctlr;              /* ICC_CTLR_EL1's writable CBPR, EOImode */
    uint32_t igrpen[2];         /* ICC_IGRPEN0_EL1, ICC_IGRPEN1_EL1 */
    uint32_t apr[2 * GIC_APR_WORDS];    /* ICC_AP0R0_EL1 at [0], ICC_AP1R0_EL1 at [4] */
    /* LPIs, in the redistributor (IHI 0069 5.1).  Their configuration is
     * read from the guest's table when needed, never cached, so INV and
     * INVALL only re-evaluate; their pending state is kept here (bit
     * intid - GICV3_LPI_BASE) and goes to the guest's pending table only
     * when EnableLPIs is cleared, and comes back from it when set. */
    uint32_t gicr_ctlr;         /* GICR_CTLR: EnableLPIs */
    uint64_t propbaser;         /* GICR_PROPBASER */
    uint64_t pendbaser;         /* GICR_PENDBASER, PTZ not kept */
    uint64_t lpi_pending[GICV3_LPI_WORDS];
} GICv3CPU;

typedef struct GICv3State {
    int num_cpu;
    int num_irq;                /* including the 32 private ones, a multiple of 32 */
    uint64_t affinity[GICV3_MAX_CPUS];  /* each CPU's MPIDR Aff3.Aff2.Aff1.Aff0 fields */

    uint32_t ctlr;              /* GICD_CTLR */
    GICIrq spi[GIC_MAX_IRQ - GIC_INTERNAL];
    uint64_t irouter[GIC_MAX_IRQ - GIC_INTERNAL];  /* GICD_IROUTER<n>, n >= 32 */
    GICv3CPU cpu[GICV3_MAX_CPUS];

    /* Where the LPI tables are read and written (RAM only: elsewhere a
     * configuration reads as disabled); NULL: no LPIs, GICD_TYPER.LPIS
     * and GICR_TYPER.PLPIS 0. */
    const AddressSpace *lpi_as;

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

/* LPIs, for the ITS: on (before the first reset), with their tables in as. */
void gicv3_enable_lpis(GICv3State *s, const AddressSpace *as);
/* Sets or clears LPI intid's pending state in CPU cpu's redistributor;
 * out of range does nothing. */
void gicv3_lpi_set_pending(GICv3State *s, int cpu, int intid, bool pending);
bool gicv3_lpi_pending(GICv3State *s, int cpu, int intid);
/* The configuration (priority and enable) may have changed: INV, INVALL. */
void gicv3_lpi_config_changed(GICv3State *s, int cpu);
/* MOVALL: every LPI pending in from is pending in to instead. */
void gicv3_lpi_move_all(GICv3State *s, int from, int to);
/* len bytes at addr of as if they are all RAM; false (nothing copied)
 * otherwise.  For the tables a guest points the GIC and the ITS at,
 * which must never reach a device (or the ITS itself). */
bool gicv3_ram_rw(const AddressSpace *as, uint64_t addr, void *buf, uint64_t len,
                  bool write);

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
