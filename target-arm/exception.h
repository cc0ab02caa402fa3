/*
 * AArch64 exceptions at the system level: taking one to EL1 (vector,
 * SPSR, ELR, ESR, FAR, PSTATE), returning with ERET, and turning what
 * translated code raises (EXCP_*) into the architectural exception.  There
 * is no EL2 or EL3, so every exception goes to EL1.
 */
#ifndef TARGET_ARM_EXCEPTION_H
#define TARGET_ARM_EXCEPTION_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

/* ESR_ELx.EC, the exception class (Arm ARM D17.2.37). */
enum {
    EC_UNCATEGORIZED = 0x00, EC_WFX = 0x01, EC_FP_ACCESS = 0x07,
    EC_ILLEGAL_STATE = 0x0e, EC_SVC64 = 0x15, EC_HVC64 = 0x16, EC_SMC64 = 0x17,
    EC_SYSREG = 0x18, EC_INSN_ABORT_LOWER = 0x20, EC_INSN_ABORT_SAME = 0x21,
    EC_PC_ALIGN = 0x22, EC_DATA_ABORT_LOWER = 0x24, EC_DATA_ABORT_SAME = 0x25,
    EC_SP_ALIGN = 0x26, EC_SERROR = 0x2f,
    EC_BREAKPOINT_LOWER = 0x30, EC_BREAKPOINT_SAME = 0x31,
    EC_SOFTSTEP_LOWER = 0x32, EC_SOFTSTEP_SAME = 0x33,
    EC_WATCHPOINT_LOWER = 0x34, EC_WATCHPOINT_SAME = 0x35, EC_BRK64 = 0x3c,
};
#define ESR_IL (1u << 25)       /* a 32-bit instruction */

/* The four vectors of each group (Arm ARM D1.10.2). */
typedef enum ARMVector {
    ARM_VECTOR_SYNC, ARM_VECTOR_IRQ, ARM_VECTOR_FIQ, ARM_VECTOR_SERROR,
} ARMVector;

/* Takes an exception to EL1: saves PSTATE (with NZCV) in SPSR_EL1 and
 * return_pc in ELR_EL1, sets ESR_EL1 (synchronous and SError only) and,
 * if far_valid, FAR_EL1, then enters EL1h with DAIF masked at the vector
 * for the EL and stack it came from. */
void arm_take_exception(CPUARMState *env, ARMVector vector, uint32_t esr,
                        uint64_t return_pc, bool far_valid, uint64_t far);

/* ERET at EL1: PSTATE from SPSR_EL1 and pc from ELR_EL1, or, for a return
 * the architecture calls illegal (to EL2/EL3, to AArch32, to EL0 with
 * SP_EL1), PSTATE.IL set and the EL kept (D1.11.5). */
void arm_exception_return(CPUARMState *env);

/* The architectural exception for what translated code raised at the
 * system level (EXCP_UDEF, EXCP_SVC, EXCP_MEM_FAULT, ...), taken at once.
 * Returns false for an exception number that is not a CPU exception
 * (the machine loop's business: EXCP_HLT, EXCP_INTERRUPT, EXCP_DEBUG). */
bool arm_cpu_take_excp(CPUARMState *env, int excp);

/* Detail of memory faults at the system level, in CPUState.exception_code:
 * the ISS of the abort (DFSC/IFSC in 5:0, WnR in bit 6) as the soft MMU
 * found it; exception_addr is FAR. */

#endif
