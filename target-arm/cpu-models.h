/*
 * The table of a CPU model's ID and implementation registers (names, MRS
 * encodings, where ARMCPUModel holds each) and the view of them Linux
 * gives EL0; target-arm/cpu-models.c fills both.
 */
#ifndef TARGET_ARM_CPU_MODELS_H
#define TARGET_ARM_CPU_MODELS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu.h"

/* Every register of ARMCPUModel (cpu.h), for tables that walk them (system
 * mode's MRS, the EL0 view, tests); arm_id_regs[] describes each. */
typedef enum ARMIdReg {
    ARM_ID_MIDR, ARM_ID_REVIDR, ARM_ID_AIDR,
    ARM_ID_CTR, ARM_ID_DCZID, ARM_ID_CLIDR, ARM_ID_CNTFRQ,
    ARM_ID_PFR0, ARM_ID_PFR1, ARM_ID_DFR0, ARM_ID_AFR0,
    ARM_ID_MMFR0, ARM_ID_MMFR1, ARM_ID_MMFR2, ARM_ID_MMFR3,
    ARM_ID_ISAR0, ARM_ID_ISAR1, ARM_ID_ISAR2, ARM_ID_ISAR3,
    ARM_ID_ISAR4, ARM_ID_ISAR5, ARM_ID_MMFR4, ARM_ID_ISAR6,
    ARM_ID_MVFR0, ARM_ID_MVFR1, ARM_ID_MVFR2,
    ARM_ID_PFR2, ARM_ID_DFR1, ARM_ID_MMFR5,
    ARM_ID_AA64PFR0, ARM_ID_AA64PFR1, ARM_ID_AA64ZFR0, ARM_ID_AA64SMFR0,
    ARM_ID_AA64DFR0, ARM_ID_AA64DFR1, ARM_ID_AA64AFR0, ARM_ID_AA64AFR1,
    ARM_ID_AA64ISAR0, ARM_ID_AA64ISAR1, ARM_ID_AA64ISAR2,
    ARM_ID_AA64MMFR0, ARM_ID_AA64MMFR1, ARM_ID_AA64MMFR2,
    ARM_ID_PMCR, ARM_ID_PMCEID0, ARM_ID_PMCEID1,
    ARM_ID_COUNT
} ARMIdReg;

/* What EL0 sees of a register under Linux. */
typedef enum ARMIdEl0 {
    ARM_EL0_UNDEF,      /* not readable at EL0: SIGILL */
    ARM_EL0_DIRECT,     /* EL0 reads the register itself (CTR, DCZID...) */
    ARM_EL0_EMULATED,   /* Linux traps MRS and returns its own value */
} ARMIdEl0;

typedef struct ARMIdRegInfo {
    const char *name;                  /* as the Arm ARM spells it */
    uint8_t op0, op1, crn, crm, op2;   /* the MRS encoding */
    size_t offset;                     /* of the raw value in ARMCPUModel */
    ARMIdEl0 el0;
    /* ARM_EL0_EMULATED: the EL0 value is (raw & el0_visible) | el0_fixed,
     * as Linux's arm64_ftr_reg_user_value(): visible fields pass through,
     * hidden ones read as their "safe" value. */
    uint64_t el0_visible, el0_fixed;
} ARMIdRegInfo;

extern const ARMIdRegInfo arm_id_regs[ARM_ID_COUNT];

/* The raw value (as EL1 reads it) of register r of model m. */
uint64_t arm_id_reg_raw(const ARMCPUModel *m, ARMIdReg r);
/* What an MRS of register r at EL0 returns under Linux; 0 for the
 * registers EL0 cannot read (ARM_EL0_UNDEF: the caller raises UNDEF). */
uint64_t arm_id_reg_el0_view(const ARMCPUModel *m, ARMIdReg r);
/* The register with this MRS encoding, or ARM_ID_COUNT if none. */
ARMIdReg arm_id_reg_find(unsigned op0, unsigned op1, unsigned crn,
                         unsigned crm, unsigned op2);
/* Whether the encoding is in the ID space (op0 = 3, op1 = 0, CRn = 0,
 * CRm = 1..7) but no register of the table: reserved there, so EL1 reads
 * zero (newer ID registers such as ID_AA64PFR2_EL1 or ID_AA64MMFR3_EL1,
 * which Linux reads at boot, read so on these Armv8.0 models). */
bool arm_id_space_reserved(unsigned op0, unsigned op1, unsigned crn,
                           unsigned crm, unsigned op2);

/* What the debug and PMU ID fields count: ID_AA64DFR0_EL1.BRPs (15:12),
 * WRPs (23:20) and CTX_CMPs (31:28) hold the number minus one;
 * PMCR_EL0.N (15:11) the number of event counters (the cycle counter
 * comes on top). */
static inline unsigned arm_model_breakpoints(const ARMCPUModel *m)
{
    return ((m->id_aa64dfr0 >> 12) & 0xf) + 1;
}

static inline unsigned arm_model_watchpoints(const ARMCPUModel *m)
{
    return ((m->id_aa64dfr0 >> 20) & 0xf) + 1;
}

static inline unsigned arm_model_context_breakpoints(const ARMCPUModel *m)
{
    return ((m->id_aa64dfr0 >> 28) & 0xf) + 1;
}

static inline unsigned arm_model_pmu_counters(const ARMCPUModel *m)
{
    return (m->pmcr >> 11) & 0x1f;
}

#endif
