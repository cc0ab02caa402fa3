/*
 * AArch64 system registers: the table built from sysreg.def, the lookup
 * MRS/MSR translate through, and the state of the system level that lives
 * outside env->sys[] (PSTATE, the banked stack pointers).
 */
#ifndef TARGET_ARM_SYSREG_H
#define TARGET_ARM_SYSREG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One id per row of sysreg.def. */
typedef enum ARMSysRegId {
#define SR_SLOT(name, ...) ARM_SR_##name,
#define SR_FIELD(name, ...) ARM_SR_##name,
#define SR_MODEL(name, ...) ARM_SR_##name,
#define SR_CONST(name, ...) ARM_SR_##name,
#define SR_FN(name, ...) ARM_SR_##name,
#include "sysreg.def"
#undef SR_SLOT
#undef SR_FIELD
#undef SR_MODEL
#undef SR_CONST
#undef SR_FN
    ARM_SR_COUNT
} ARMSysRegId;

/* Who may read and write: one bit per EL and direction (what an access
 * needs), and the rows' rights, where EL0's imply EL1's. */
enum {
    SR_EL1_R = 1, SR_EL1_W = 2, SR_EL0_R = 4, SR_EL0_W = 8,
    PL1_R = SR_EL1_R, PL1_W = SR_EL1_W, PL1_RW = SR_EL1_R | SR_EL1_W,
    PL0_R = SR_EL0_R | SR_EL1_R,
    PL0_R_PL1_RW = SR_EL0_R | PL1_RW,
    PL0_RW = SR_EL0_R | SR_EL0_W | PL1_RW,
};

/* The right an access at el needs. */
static inline unsigned arm_sysreg_need(int el, bool isread)
{
    return el == 0 ? (isread ? SR_EL0_R : SR_EL0_W) : (isread ? SR_EL1_R : SR_EL1_W);
}

enum {
    SRF_END_TB = 1,             /* a write ends the block */
    SRF_TLB = 2,                /* a write flushes the TLB */
    SRF_CODE = 4,               /* ... and drops translated code: the same
                                 * virtual pc and TTBR may now mean other code */
    SRF_CTX = 8,                /* (with SRF_TLB and SRF_END_TB) a write
                                 * switches address space (TTBRn): the TLB
                                 * and jump caches move to that space's,
                                 * which translated code sees from the next
                                 * entry from the loop (tlb_switch_context) */
};

typedef enum ARMSysRegKind { SRK_SLOT, SRK_FIELD, SRK_MODEL, SRK_CONST, SRK_FN } ARMSysRegKind;

struct CPUARMState;
typedef struct ARMSysReg ARMSysReg;
typedef uint64_t ARMSysRegReadFn(struct CPUARMState *env, const ARMSysReg *r);
typedef void ARMSysRegWriteFn(struct CPUARMState *env, const ARMSysReg *r, uint64_t v);

struct ARMSysReg {
    const char *name;
    uint32_t id;                /* ARMSysRegId, or beyond: the model's rows */
    uint8_t op0, op1, crn, crm, op2;
    uint8_t access;             /* PL* */
    uint8_t flags;              /* SRF_* */
    ARMSysRegKind kind;
    uint64_t value;             /* SLOT: reset; CONST: the value; FIELD: offset in
                                 * CPUARMState; MODEL: offset in ARMCPUModel */
    ARMSysRegReadFn *read;      /* FN */
    ARMSysRegWriteFn *write;    /* SLOT (optional), FN */
};

/* The 16-bit key of an encoding: op0[1:0] op1 CRn CRm op2 (the ISS's
 * order without Rt, as the MRS/MSR instruction's bits 20:5). */
static inline uint32_t arm_sysreg_key(unsigned op0, unsigned op1, unsigned crn,
                                      unsigned crm, unsigned op2)
{
    return ((op0 & 3) << 14) | (op1 << 11) | (crn << 7) | (crm << 3) | op2;
}

/* The row for an encoding, or NULL (an unallocated register: UNDEFINED);
 * sysreg.def's rows and the CPU model's ID registers (cpu-models.h). */
const ARMSysReg *arm_sysreg_find(uint32_t key);
const ARMSysReg *arm_sysreg_by_id(uint32_t id);

/* Rows the system level adds before anything is translated (a GICv3's
 * CPU interface registers): their ids are ARM_SR_EXTRA_BASE + index, and
 * the array must outlive the process.  FN rows may use `value` as their
 * own parameter. */
#define ARM_SR_EXTRA_BASE 0x1000u
void arm_sysreg_add_rows(const ARMSysReg *rows, size_t n);

/* The runtime side of MRS/MSR for SLOT registers with a write filter and
 * for FN registers. */
uint64_t arm_sysreg_read(struct CPUARMState *env, const ARMSysReg *r);
void arm_sysreg_write(struct CPUARMState *env, const ARMSysReg *r, uint64_t v);

/* Whether the current EL may make the access, beyond the table's rights
 * (EL0 traps that SCTLR_EL1, CNTKCTL_EL1 and the like control): 0 if it
 * may, else the exception (EXCP_UDEF or EXCP_SYSREG_TRAP). */
int arm_sysreg_access_check(struct CPUARMState *env, const ARMSysReg *r, bool isread);
/* True if the row has an EL0 trap that depends on state (then the
 * translator checks at run time). */
bool arm_sysreg_has_el0_trap(const ARMSysReg *r);

/* What system mode plugs into the system registers (cpu-sys.c sets it;
 * NULL in user mode, where these registers do not reach a device). */
typedef struct ARMSysHooks {
    /* The generic timer's registers (gtimer.h's GTimerReg). */
    uint64_t (*timer_read)(struct CPUARMState *env, int reg);
    void (*timer_write)(struct CPUARMState *env, int reg, uint64_t v);
    /* Translation changed (a TLBI, or a write to a register the walk
     * reads): this CPU's TLB, or every CPU's for the broadcast forms;
     * with drop_code, translated code too. */
    void (*tlb_flush)(struct CPUARMState *env, bool all_cpus, bool drop_code);
    /* A TLBI by address: the entries translating va, on this CPU or on
     * every CPU. */
    void (*tlb_flush_va)(struct CPUARMState *env, bool all_cpus, uint64_t va);
    /* TTBR0 or TTBR1 now has its new value (SRF_CTX). */
    void (*context_switched)(struct CPUARMState *env);
    /* AT S1E1R/W, S1E0R/W (op 0-3): PAR_EL1's new value. */
    uint64_t (*address_translate)(struct CPUARMState *env, uint64_t va, int op);
    /* PSTATE's masks changed (MSR DAIF, DAIFClr, ERET): a pending
     * interrupt they now let through is taken at the next block. */
    void (*unmasked)(struct CPUARMState *env);
    /* A watchpoint register changed (or all did, on reset and load):
     * the system level re-derives the watched ranges (debug.h). */
    void (*debug_changed)(struct CPUARMState *env);
} ARMSysHooks;

/* Call arm_sys_hooks->unmasked, ->debug_changed in system mode. */
void arm_sys_unmasked(struct CPUARMState *env);
void arm_sys_debug_changed(struct CPUARMState *env);
extern const ARMSysHooks *arm_sys_hooks;

/* Puts every SLOT register at its reset value. */
void arm_sysregs_reset(struct CPUARMState *env);

/* Values the rows use. */
#define ARM_SCTLR_RESET 0x00c50838ull  /* qemu's cortex-a57 */
/* SCTLR_EL1's RES1 bits in ARMv8.0: 29:28, 23:22, 20, 11 (Arm ARM
 * D13.2.118); the reset value's others (SA, SA0, CP15BEN, nTWI, nTWE) are
 * the guest's to clear. */
#define ARM_SCTLR_RES1  0x30d00800ull
/* SCTLR_EL1's FEAT_MTE2 fields, ITFSB (37), TCF0 (39:38), TCF (41:40),
 * ATA0 (42) and ATA (43): RES0 here, no CPU model having MTE (Linux sets
 * ITFSB regardless); qemu 7.2 drops them on a write without MTE. */
#define ARM_SCTLR_MTE   0x00000fe000000000ull
#define ARM_MPIDR_RESET 0x80000000ull /* Aff0 = 0; the board sets each CPU's */
#define ARM_OSLSR_RESET 0xaull         /* OSLM = 0b10 (lock implemented), OSLK = 1 (locked) */

/* SCTLR_EL1 bits the CPU acts on. */
enum {
    SCTLR_M = 1u << 0, SCTLR_A = 1u << 1, SCTLR_C = 1u << 2, SCTLR_SA = 1u << 3,
    SCTLR_SA0 = 1u << 4, SCTLR_UMA = 1u << 9, SCTLR_I = 1u << 12,
    SCTLR_DZE = 1u << 14, SCTLR_UCT = 1u << 15, SCTLR_NTWI = 1u << 16,
    SCTLR_NTWE = 1u << 18, SCTLR_WXN = 1u << 19, SCTLR_SPAN = 1u << 23,
    SCTLR_E0E = 1u << 24, SCTLR_EE = 1u << 25, SCTLR_UCI = 1u << 26,
};
/* CNTKCTL_EL1: EL0 access to the counters and timers. */
enum { CNTKCTL_EL0PCTEN = 1, CNTKCTL_EL0VCTEN = 2, CNTKCTL_EL0VTEN = 1 << 8,
       CNTKCTL_EL0PTEN = 1 << 9 };

#endif
