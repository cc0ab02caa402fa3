/*
 * The AArch64 CPU at the system level (system mode only): its soft-MMU
 * walk, its interrupt inputs, its generic timer, and what the machine's
 * vCPU loop does with its exceptions (PSCI on HVC, semihosting on
 * HLT #0xF000, WFI).  User mode never links this file.
 */
#ifndef TARGET_ARM_CPU_SYS_H
#define TARGET_ARM_CPU_SYS_H

#include "softmmu/cpus.h"
#include "softmmu/irq.h"
#include "softmmu/memory.h"
#include "softmmu/semihosting.h"
#include "target-arm/cpu.h"
#include "target-arm/gtimer.h"

/* MMU indexes (MO_IDX_SHIFT in memops), as the translator numbers them. */
enum { ARM_MMU_IDX_E0, ARM_MMU_IDX_E1, ARM_MMU_IDX_E1_PAN };

/* Interrupt inputs of a CPU (ARMCPUSys.in). */
enum { ARM_CPU_IRQ, ARM_CPU_FIQ, ARM_CPU_INPUTS };

/* What the machine answers for the CPU: PSCI and semihosting. */
typedef struct ARMMachineOps {
    /* PSCI CPU_ON: power on the CPU with this MPIDR at entry (EL1h,
     * MMU off) with context in X0.  Returns a PSCI status. */
    int64_t (*cpu_on)(void *opaque, uint64_t mpidr, uint64_t entry, uint64_t context);
    /* AFFINITY_INFO: 0 on, 1 off, or a PSCI error. */
    int64_t (*affinity_info)(void *opaque, uint64_t mpidr);
    void (*system_off)(void *opaque);
    void (*system_reset)(void *opaque);
    void *opaque;
} ARMMachineOps;

typedef struct ARMCPUSys {
    ARMCPU *cpu;
    VCPU *vcpu;
    IRQLine in[ARM_CPU_INPUTS];  /* from the interrupt controller */
    int level[ARM_CPU_INPUTS];
    ARMGenericTimer timer;
    const ARMMachineOps *machine;
    SemihostState *semihost;     /* NULL: HLT #0xF000 is UNDEFINED */
    bool semihost_el0;           /* -semihosting-config userspace=on */
    bool psci;                   /* PSCI on HVC (virt's conduit) */
} ARMCPUSys;

/* Semihosting in the translator: 0 off, 1 at EL1, 2 at EL0 too. */
extern int a64_semihosting;

/* The soft MMU's view of AArch64 (cputlb.h); the physical space the
 * table walks read. */
extern const SoftMMUTarget arm_softmmu_target;
extern const VCPUTargetOps arm_vcpu_ops;
void arm_sys_set_address_space(AddressSpace *as);

/* Joins a CPU to the system level: its vCPU, timer and inputs; the
 * timer's outputs go to phys_timer and virt_timer (GIC PPIs). */
void arm_cpu_sys_init(ARMCPUSys *sys, ARMCPU *cpu, int index, const ARMMachineOps *machine,
                      IRQLine *phys_timer, IRQLine *virt_timer);
/* Reset as the boot protocol wants it: EL1h, DAIF masked, MMU off. */
void arm_cpu_sys_reset(ARMCPUSys *sys, uint64_t pc);

#endif
