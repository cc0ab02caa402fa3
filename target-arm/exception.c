/*
 * Taking AArch64 exceptions to EL1 and returning from them (exception.h):
 * the architecture's AArch64.TakeException and AArch64.ExceptionReturn for
 * a CPU with EL0 and EL1 only.
 */
#include <inttypes.h>
#include <stdio.h>

#include "debug.h"
#include "exception.h"
#include "tcg/guest-mem.h"
#include "tcg/log.h"

/* The fault status codes of instruction and data aborts (ESR_ELx.ISS
 * IFSC/DFSC), as -d mmu names them: value under mask, and whether the low
 * two bits are the level. */
static const struct {
    uint8_t fsc, mask;
    bool has_level;
    const char *kind;
} abort_kinds[] = {
    { 0x00, 0x3c, true, "address size" },
    { 0x04, 0x3c, true, "translation" },
    { 0x08, 0x3c, true, "access flag" },
    { 0x0c, 0x3c, true, "permission" },
    { 0x10, 0x3f, false, "external abort" },
    { 0x14, 0x3c, true, "external abort on walk" },
    { 0x21, 0x3f, false, "alignment" },
};

/* -d mmu: one line per abort taken (EC 0x20/0x21 instruction, 0x24/0x25
 * data), what kind of fault at which level, for which address. */
static void log_abort(uint32_t esr, uint64_t far)
{
    unsigned ec = esr >> 26, fsc = esr & 0x3f;
    if ((ec & ~0x5u) != 0x20) {
        return;
    }
    const char *kind = "other";
    int level = -1;
    for (size_t i = 0; i < sizeof(abort_kinds) / sizeof(abort_kinds[0]); i++) {
        if ((fsc & abort_kinds[i].mask) == abort_kinds[i].fsc) {
            kind = abort_kinds[i].kind;
            level = abort_kinds[i].has_level ? (int)(fsc & 3) : -1;
            break;
        }
    }
    bool data = ec & 4;
    char where[16] = "";
    if (level >= 0) {
        snprintf(where, sizeof(where), " level %d", level);
    }
    mimic_log("mmu: %s fault%s va 0x%016" PRIx64 " esr 0x%08x (%s%s)\n", kind, where, far,
              esr, data ? "data abort" : "instruction abort",
              data ? ((esr >> 6) & 1 ? ", write" : ", read") : "");
}

void arm_take_exception(CPUARMState *env, ARMVector vector, uint32_t esr,
                        uint64_t return_pc, bool far_valid, uint64_t far)
{
    uint64_t spsr = env->pstate | aarch64_get_nzcv(env);
    /* Vector groups (D1.10.2): from EL1 on SP_EL0, from EL1 on SP_EL1,
     * from EL0 in AArch64; each 0x200 apart, 0x80 a vector. */
    uint64_t offset = arm_current_el(env) == 0 ? 0x400
                    : (env->pstate & PSTATE_SP) ? 0x200 : 0;
    env->sys[ARM_SR_SPSR_EL1] = (uint32_t)spsr;
    env->step_syndrome = 0;         /* the handler's instructions are not stepped */
    env->sys[ARM_SR_ELR_EL1] = return_pc;
    if (vector == ARM_VECTOR_SYNC || vector == ARM_VECTOR_SERROR) {
        env->sys[ARM_SR_ESR_EL1] = esr;
    }
    if (far_valid) {
        env->sys[ARM_SR_FAR_EL1] = far;
    }
    /* EL1h, all of DAIF masked, SS and IL clear; PAN set on entry unless
     * SCTLR_EL1.SPAN says keep it (FEAT_PAN); UAO cleared (FEAT_UAO). */
    uint64_t pstate = (1u << PSTATE_EL_SHIFT) | PSTATE_SP | PSTATE_DAIF;
    if (env->pstate & PSTATE_PAN || !(env->sys[ARM_SR_SCTLR_EL1] & SCTLR_SPAN)) {
        pstate |= arm_cpu_has_pan(env) ? PSTATE_PAN : 0;
    }
    arm_set_pstate(env, pstate);
    env->pc = env->sys[ARM_SR_VBAR_EL1] + offset + vector * 0x80;
    if (qemu_loglevel_mask(LOG_MMU) && vector == ARM_VECTOR_SYNC && far_valid) {
        log_abort(esr, far);
    }
    if (qemu_loglevel_mask(LOG_INT)) {
        /* As qemu's -d int prints it. */
        static const char *const names[] = { "Synchronous", "IRQ", "FIQ", "SError" };
        mimic_log("Taking exception [%s] from EL%d to EL1\n"
                  "...with ESR 0x%x/0x%08x\n...with FAR 0x%016" PRIx64 "\n"
                  "...with ELR 0x%016" PRIx64 "\n...to EL1 PC 0x%016" PRIx64
                  " PSTATE 0x%" PRIx64 "\n",
                  names[vector], (int)((spsr >> PSTATE_EL_SHIFT) & 3), esr >> 26, esr,
                  env->sys[ARM_SR_FAR_EL1], return_pc, env->pc,
                  env->pstate | aarch64_get_nzcv(env));
    }
}

/* The M[4:0] field values an AArch64 return may name here: EL0t, EL1t,
 * EL1h. */
static bool return_mode_legal(uint64_t spsr)
{
    unsigned m = spsr & 0x1f;
    return m == 0x0 || m == 0x4 || m == 0x5;
}

void arm_exception_return(CPUARMState *env)
{
    uint64_t spsr = env->sys[ARM_SR_SPSR_EL1];
    /* The fields PSTATE takes back (C5.2.18): DAIF, PAN, UAO, SS, IL, M. */
    uint64_t keep = PSTATE_DAIF | PSTATE_PAN | PSTATE_UAO | PSTATE_SS | PSTATE_IL;
    uint64_t pstate;
    if (return_mode_legal(spsr)) {
        pstate = (spsr & keep) | (spsr & (PSTATE_EL_MASK | PSTATE_SP));
    } else {
        /* An illegal return keeps the EL and stack, takes the rest, and
         * sets IL: the next instruction raises Illegal Execution State. */
        pstate = (spsr & keep) | PSTATE_IL |
                 (env->pstate & (PSTATE_EL_MASK | PSTATE_SP));
    }
    if (!arm_cpu_has_pan(env)) {
        pstate &= ~(uint64_t)PSTATE_PAN;
    }
    if (!arm_cpu_has_uao(env)) {
        pstate &= ~(uint64_t)PSTATE_UAO;
    }
    aarch64_set_nzcv(env, (uint32_t)spsr & PSTATE_NZCV);
    arm_set_pstate(env, pstate);
    env->pc = env->sys[ARM_SR_ELR_EL1];
    env->exclusive_addr = -1;       /* ClearExclusiveLocal */
    arm_sys_unmasked(env);
}

static uint32_t esr(unsigned ec, uint32_t iss)
{
    return (ec << 26) | ESR_IL | (iss & 0x1ffffff);
}

bool arm_cpu_take_excp(CPUARMState *env, int excp)
{
    CPUState *cs = arm_env_cpu(env);
    bool lower = arm_current_el(env) == 0;
    uint32_t iss = env->exception_syndrome;
    switch (excp) {
    case EXCP_UDEF:
        /* The syndrome holds the instruction; UNDEFINED has no ISS. */
        arm_take_exception(env, ARM_VECTOR_SYNC, esr(EC_UNCATEGORIZED, 0), env->pc,
                           false, 0);
        return true;
    case EXCP_SVC:
        /* Preferred return: the instruction after the SVC (env->pc). */
        arm_take_exception(env, ARM_VECTOR_SYNC, esr(EC_SVC64, iss & 0xffff), env->pc,
                           false, 0);
        return true;
    case EXCP_BRK:
        arm_take_exception(env, ARM_VECTOR_SYNC, esr(EC_BRK64, iss & 0xffff), env->pc,
                           false, 0);
        return true;
    case EXCP_SYSREG_TRAP:
        arm_take_exception(env, ARM_VECTOR_SYNC, esr(EC_SYSREG, iss), env->pc, false, 0);
        return true;
    case EXCP_PC_ALIGN:
        arm_take_exception(env, ARM_VECTOR_SYNC, esr(EC_PC_ALIGN, 0), env->pc,
                           true, env->pc);
        return true;
    case EXCP_SP_ALIGN:
        arm_take_exception(env, ARM_VECTOR_SYNC, esr(EC_SP_ALIGN, 0), env->pc, false, 0);
        return true;
    case EXCP_PREFETCH_ABORT:
        arm_take_exception(env, ARM_VECTOR_SYNC,
                           esr(lower ? EC_INSN_ABORT_LOWER : EC_INSN_ABORT_SAME,
                               cs->exception_code & 0x3f),
                           env->pc, true, cs->exception_addr);
        return true;
    case EXCP_MEM_FAULT:
        arm_take_exception(env, ARM_VECTOR_SYNC,
                           esr(lower ? EC_DATA_ABORT_LOWER : EC_DATA_ABORT_SAME,
                               cs->exception_code),
                           env->pc, true, cs->exception_addr);
        return true;
    case EXCP_MEM_UNALIGNED:
        /* An alignment fault: DFSC 0b100001, WnR from the access. */
        arm_take_exception(env, ARM_VECTOR_SYNC,
                           esr(lower ? EC_DATA_ABORT_LOWER : EC_DATA_ABORT_SAME,
                               0x21 | (cs->exception_code & (1u << 6))),
                           env->pc, true, cs->exception_addr);
        return true;
    case EXCP_BREAKPOINT:
        arm_take_exception(env, ARM_VECTOR_SYNC,
                           esr(lower ? EC_BREAKPOINT_LOWER : EC_BREAKPOINT_SAME, DEBUG_ISS_FSC),
                           env->pc, false, 0);
        return true;
    case EXCP_SOFTSTEP:
        /* Taken before the instruction at pc, which has not run. */
        arm_take_exception(env, ARM_VECTOR_SYNC,
                           esr(lower ? EC_SOFTSTEP_LOWER : EC_SOFTSTEP_SAME,
                               env->step_syndrome | DEBUG_ISS_FSC),
                           env->pc, false, 0);
        return true;
    case EXCP_WATCHPOINT:
        /* At the accessing instruction, which has not run; FAR is the
         * watched address the access touched. */
        arm_take_exception(env, ARM_VECTOR_SYNC,
                           esr(lower ? EC_WATCHPOINT_LOWER : EC_WATCHPOINT_SAME,
                               iss | DEBUG_ISS_FSC),
                           env->pc, true, cs->exception_addr);
        return true;
    case EXCP_ILLEGAL_STATE:
        arm_take_exception(env, ARM_VECTOR_SYNC, esr(EC_ILLEGAL_STATE, 0), env->pc,
                           false, 0);
        return true;
    }
    return false;
}
