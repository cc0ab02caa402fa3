/*
 * AArch64 self-hosted debug (Arm ARM D2) for a CPU with EL0 and EL1
 * only: when debug exceptions are enabled, what breakpoints and
 * watchpoints match, and the software-step state machine's view of
 * PSTATE.SS.  The translator asks these when it builds a block (the TB
 * flags say which checks a block carries); the system level asks them
 * when a data access hits a watched page.
 */
#ifndef TARGET_ARM_DEBUG_H
#define TARGET_ARM_DEBUG_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

/* MDSCR_EL1 bits (D19.3): SS, KDE, MDE. */
enum { MDSCR_SS = 1u << 0, MDSCR_KDE = 1u << 13, MDSCR_MDE = 1u << 15 };

/* The ISS of debug exceptions (D17.2.37): breakpoints, watchpoints and
 * steps report the debug FSC; a step has ISV (EX valid) and EX (a
 * load-exclusive was stepped); a watchpoint CM and WnR. */
enum {
    DEBUG_ISS_FSC = 0x22,
    STEP_ISS_ISV = 1u << 24, STEP_ISS_EX = 1u << 6,
    WATCH_ISS_CM = 1u << 8, WATCH_ISS_WNR = 1u << 6,
};

/* AArch64.GenerateDebugExceptions at the current EL: the OS lock and the
 * OS double lock clear, and at EL1 MDSCR_EL1.KDE set with PSTATE.D clear
 * (from EL0 they go to EL1, a higher EL: always). */
bool arm_debug_exceptions_enabled(const CPUARMState *env);

/* The debug part of the block key (ARM_TBFLAG_BP, _SS_ACTIVE,
 * _PSTATE_SS, and a hash of the armed breakpoints to mix into the
 * context bits): what arm_breakpoint_at and the step logic of a block
 * translated now depend on. */
uint32_t arm_debug_tb_flags(const CPUARMState *env, uint32_t *bp_hash);

/* An enabled breakpoint matches an instruction at pc at the current EL
 * (BT 0b0000, unlinked address match; the others never match here). */
bool arm_breakpoint_at(const CPUARMState *env, uint64_t pc);

/* The bytes watchpoint n watches, as up to four ranges (a BAS of
 * several runs); 0 if it is disabled or watches nothing. */
int arm_watchpoint_ranges(const CPUARMState *env, int n, uint64_t addr[4], uint64_t len[4]);

/* Access kinds, in DBGWCR.LSC's encoding (and softmmu/watchpoint.h's
 * WP_READ, WP_WRITE). */
enum { ARM_WATCH_LOAD = 1, ARM_WATCH_STORE = 2 };

/* Whether watchpoint n fires for an access of kind (ARM_WATCH_*, both for
 * an atomic) at privilege el (0 for EL0 and unprivileged accesses), its range
 * already matched: E, MDE, debug exceptions enabled, PAC, LSC.  Returns
 * the kinds that matched (0: it does not fire); an atomic's WnR is 1 only
 * if its store part matched (LSC selects stores), as qemu 7.2 reports. */
unsigned arm_watchpoint_fires(const CPUARMState *env, int n, unsigned kind, int el);

/* LDXR, LDAXR, LDXP, LDAXP: a step of one reports EX. */
static inline bool arm_insn_is_load_exclusive(uint32_t insn)
{
    return (insn & 0x3fc00000u) == 0x08400000u;
}

/* The number of breakpoint and watchpoint register pairs of the model
 * (ID_AA64DFR0_EL1.BRPs + 1, WRPs + 1). */
int arm_debug_num_brps(const CPUARMState *env);
int arm_debug_num_wrps(const CPUARMState *env);

#endif
