/*
 * AArch64 self-hosted debug (debug.h): the enable conditions of Arm ARM
 * D2.4-D2.5, breakpoint matching (D2.9), watchpoint ranges and matching
 * (D2.10), and the debug part of the block key that carries breakpoint
 * checks and the software-step state (D2.12) into translation.
 */
#include "cpu-models.h"
#include "debug.h"

int arm_debug_num_brps(const CPUARMState *env)
{
    const ARMCPUModel *m = arm_cpu(arm_env_cpu((CPUARMState *)env))->model;
    return (int)((m->id_aa64dfr0 >> 12) & 0xf) + 1;
}

int arm_debug_num_wrps(const CPUARMState *env)
{
    const ARMCPUModel *m = arm_cpu(arm_env_cpu((CPUARMState *)env))->model;
    return (int)((m->id_aa64dfr0 >> 20) & 0xf) + 1;
}

/* The registers of pair n: sysreg.def lists BVR, BCR of each n, then
 * WVR, WCR of each n, in order. */
static uint64_t bvr(const CPUARMState *env, int n)
{
    return env->sys[ARM_SR_DBGBVR0_EL1 + 2 * n];
}

static uint64_t bcr(const CPUARMState *env, int n)
{
    return env->sys[ARM_SR_DBGBCR0_EL1 + 2 * n];
}

static uint64_t wvr(const CPUARMState *env, int n)
{
    return env->sys[ARM_SR_DBGWVR0_EL1 + 2 * n];
}

static uint64_t wcr(const CPUARMState *env, int n)
{
    return env->sys[ARM_SR_DBGWCR0_EL1 + 2 * n];
}

/* The OS lock (OSLSR_EL1.OSLK), and the OS double lock: OSDLR_EL1.DLK
 * while DBGPRCR_EL1.CORENPDRQ is clear (DoubleLockStatus). */
static bool os_locked(const CPUARMState *env)
{
    return (env->sys[ARM_SR_OSLSR_EL1] & 2) ||
           ((env->sys[ARM_SR_OSDLR_EL1] & 1) && !(env->sys[ARM_SR_DBGPRCR_EL1] & 1));
}

bool arm_debug_exceptions_enabled(const CPUARMState *env)
{
    if (os_locked(env)) {
        return false;
    }
    if (arm_current_el(env) == 0) {
        return true;
    }
    return (env->sys[ARM_SR_MDSCR_EL1] & MDSCR_KDE) && !(env->pstate & PSTATE_D);
}

/* PMC (BCR [2:1], WCR's PAC [2:1]): bit 0 matches at EL1, bit 1 at EL0
 * (with HMC and SSC 0, the only combinations without EL2 and EL3). */
static bool pmc_matches(uint64_t ctrl, int el)
{
    return (ctrl >> 1) & (el == 0 ? 2 : 1);
}

/* Breakpoint n could match an instruction at the current EL: enabled,
 * an unlinked address match (BT 0b0000), BAS not 0 (for A64 instructions
 * it is 0b1111; 0 never matches), PMC for this EL. */
static bool breakpoint_armed(const CPUARMState *env, int n)
{
    uint64_t c = bcr(env, n);
    return (c & 1) && ((c >> 20) & 0xf) == 0 && ((c >> 5) & 0xf) != 0 &&
           pmc_matches(c, arm_current_el(env));
}

bool arm_breakpoint_at(const CPUARMState *env, uint64_t pc)
{
    for (int n = 0; n < arm_debug_num_brps(env); n++) {
        /* BVR holds VA[48:2] sign-extended (sysreg.c keeps it so); the
         * pc compares as the same bits. */
        uint64_t va = (uint64_t)((int64_t)(pc << 15) >> 15) & ~3ull;
        if (breakpoint_armed(env, n) && bvr(env, n) == va) {
            return true;
        }
    }
    return false;
}

uint32_t arm_debug_tb_flags(const CPUARMState *env, uint32_t *bp_hash)
{
    uint32_t flags = 0;
    *bp_hash = 0;
    if (!arm_debug_exceptions_enabled(env)) {
        return 0;
    }
    uint64_t mdscr = env->sys[ARM_SR_MDSCR_EL1];
    if (mdscr & MDSCR_MDE) {
        /* Blocks are shared between vCPUs and kept across register
         * writes: the armed breakpoints are part of the key, so a block
         * carries the checks of exactly the breakpoints it was
         * translated under. */
        uint64_t h = 0;
        for (int n = 0; n < arm_debug_num_brps(env); n++) {
            if (breakpoint_armed(env, n)) {
                h = (h ^ bvr(env, n) ^ (uint64_t)n << 60) * 0x9e3779b97f4a7c15ull;
                flags |= ARM_TBFLAG_BP;
            }
        }
        *bp_hash = (uint32_t)(h >> 40);
    }
    if (mdscr & MDSCR_SS) {
        /* Software step is active; PSTATE.SS says whether the next
         * instruction is stepped (active-not-pending) or the step
         * exception is taken before it (active-pending). */
        flags |= ARM_TBFLAG_SS_ACTIVE | (env->pstate & PSTATE_SS ? ARM_TBFLAG_PSTATE_SS : 0);
    }
    return flags;
}

int arm_watchpoint_ranges(const CPUARMState *env, int n, uint64_t addr[4], uint64_t len[4])
{
    uint64_t c = wcr(env, n), va = wvr(env, n);
    if (!(c & 1) || !((c >> 3) & 3)) {
        return 0;                       /* disabled, or LSC 0b00 (reserved) */
    }
    unsigned mask = (c >> 24) & 0x1f;
    if (mask) {
        /* MASK: an aligned block of 2^MASK bytes; 1 and 2 are reserved,
         * taken as a disabled watchpoint (one of the choices D2.10.5
         * allows). */
        if (mask < 3) {
            return 0;
        }
        addr[0] = va & ~((1ull << mask) - 1);
        len[0] = 1ull << mask;
        return 1;
    }
    /* BAS selects bytes of the doubleword at WVR, or, if WVR is only
     * word-aligned, BAS[3:0] bytes of that word (D2.10.3). */
    unsigned bas = (c >> 5) & 0xff;
    if (va & 4) {
        bas &= 0xf;
    }
    int runs = 0;
    for (unsigned i = 0; i < 8 && runs < 4;) {
        if (!(bas >> i & 1)) {
            i++;
            continue;
        }
        unsigned start = i;
        while (i < 8 && (bas >> i & 1)) {
            i++;
        }
        addr[runs] = va + start;
        len[runs] = i - start;
        runs++;
    }
    return runs;
}

unsigned arm_watchpoint_fires(const CPUARMState *env, int n, unsigned kind, int el)
{
    uint64_t c = wcr(env, n);
    if (!(c & 1) || !(env->sys[ARM_SR_MDSCR_EL1] & MDSCR_MDE) ||
        !arm_debug_exceptions_enabled(env) || !pmc_matches(c, el)) {
        return 0;
    }
    return (c >> 3) & kind;
}
