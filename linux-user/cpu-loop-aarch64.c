/*
 * The user-mode CPU loop for AArch64: run translated code until it stops,
 * and turn the reason into what Linux would do: SVC is a syscall,
 * undefined instructions, BRK, data and instruction aborts and alignment
 * faults become the signals arm64 Linux sends (with its si_code and
 * si_addr), and an exit request lets pending signals in.
 */
#include <inttypes.h>
#include <sched.h>
#include <stdlib.h>

#include "gdbstub/gdbstub.h"
#include "tcg/debug.h"
#include "target-arm/cpu-models.h"
#include "tcg/tb.h"
#include "user.h"

static uint64_t untag(uint64_t addr)
{
    return addr & 0x00ffffffffffffffull;
}

void aarch64_linux_el0_setup(CPUARMState *env)
{
    /* As arm64 Linux leaves them for EL0 (arch/arm64/mm/proc.S, the arch
     * timer driver): EL0 may read CTR_EL0, use DC ZVA and EL0 cache
     * maintenance, may not touch DAIF, and may read both counters. */
    env->sys[ARM_SR_SCTLR_EL1] |= SCTLR_UCT | SCTLR_DZE | SCTLR_UCI;
    env->sys[ARM_SR_CNTKCTL_EL1] |= CNTKCTL_EL0VCTEN | CNTKCTL_EL0PCTEN;
}

/* Linux emulates MRS of the ID registers at EL0 (HWCAP_CPUID): MIDR,
 * MPIDR, REVIDR, and the whole ID space op0=3 op1=0 CRn=0 CRm=2..7, where
 * a register it does not expose reads as zero; the values are its view of
 * the model's (cpu-models.c).  Returns false if insn is no such MRS. */
static bool emulate_id_mrs(CPUARMState *env, uint32_t insn)
{
    if ((insn & 0xfff80000u) != 0xd5380000u) {       /* MRS, op0 = 3 */
        return false;
    }
    const ARMCPUModel *m = arm_cpu(arm_env_cpu(env))->model;
    unsigned op1 = (insn >> 16) & 7, crn = (insn >> 12) & 0xf;
    unsigned crm = (insn >> 8) & 0xf, op2 = (insn >> 5) & 7;
    if (op1 != 0 || crn != 0 || !(crm == 0 || (crm >= 2 && crm <= 7))) {
        return false;
    }
    uint64_t v = 0;
    ARMIdReg id = arm_id_reg_find(3, op1, crn, crm, op2);
    if (crm == 0 && op2 == 5) {
        v = ARM_MPIDR_RESET;                        /* SYS_MPIDR_SAFE_VAL */
    } else if (id != ARM_ID_COUNT && arm_id_regs[id].el0 != ARM_EL0_UNDEF) {
        v = arm_id_reg_el0_view(m, id);
    } else if (crm == 0) {
        return false;
    }
    if ((insn & 0x1f) != 31) {
        env->xregs[insn & 0x1f] = v;
    }
    env->pc += 4;
    return true;
}

void cpu_loop(TaskState *ts)
{
    CPUState *cs = &ts->cpu->parent;
    CPUARMState *env = &ts->cpu->env;
    for (;;) {
        int excp = cpu_exec(cs);
        switch (excp) {
        case EXCP_SVC:
            do_syscall(ts);
            break;
        case EXCP_UDEF:
            if (!emulate_id_mrs(env, env->exception_syndrome)) {
                queue_sync_signal(ts, SIGILL, ILL_ILLOPC, env->pc);
            }
            break;
        case EXCP_SYSREG_TRAP:
            /* Linux's own traps (do_sysinstr) serve errata we do not
             * model: everything else is SIGILL. */
            queue_sync_signal(ts, SIGILL, ILL_ILLOPC, env->pc);
            break;
        case EXCP_BRK:
            queue_sync_signal(ts, SIGTRAP, TRAP_BRKPT, env->pc);
            break;
        case EXCP_MEM_FAULT:
            if (cs->exception_code & MEM_FAULT_BUS) {
                queue_sync_signal(ts, SIGBUS, cs->exception_code & ~MEM_FAULT_BUS,
                                  untag(cs->exception_addr));
            } else {
                queue_sync_signal(ts, SIGSEGV, cs->exception_code,
                                  untag(cs->exception_addr));
            }
            break;
        case EXCP_MEM_UNALIGNED:
            queue_sync_signal(ts, SIGBUS, BUS_ADRALN, untag(cs->exception_addr));
            break;
        case EXCP_PREFETCH_ABORT:
            queue_sync_signal(ts, SIGSEGV,
                              (page_get_flags(env->pc) & PAGE_VALID) ? SEGV_ACCERR
                                                                     : SEGV_MAPERR,
                              env->pc);
            break;
        case EXCP_PC_ALIGN:
            queue_sync_signal(ts, SIGBUS, BUS_ADRALN, env->pc);
            break;
        case EXCP_SP_ALIGN:
            queue_sync_signal(ts, SIGBUS, BUS_ADRALN, env->xregs[31]);
            break;
        case EXCP_YIELD:
            if (live_threads > 1) {
                sched_yield();
            }
            break;
        case EXCP_DEBUG:
            /* A breakpoint or a finished step: gdb is told; the SIGTRAP
             * is the debugger's, never the guest's. */
            gdb_handle_stop(cs, SIGTRAP);
            break;
        case EXCP_INTERRUPT:
        case EXCP_HLT:
            break;
        default:
            fprintf(stderr, "mimic: internal error: unknown exception 0x%x at pc "
                    "0x%" PRIx64 "\n", excp, env->pc);
            cs->target->dump_state(cs, stderr);
            abort();
        }
        gdb_poll_interrupt(cs);
        if ((excp == EXCP_SVC || excp == EXCP_YIELD) && (cs->cflags & CF_SINGLE_STEP)) {
            /* A step over a system call ends after it. */
            gdb_handle_stop(cs, SIGTRAP);
        }
        if (ts->signal_pending || signals_pending(ts)) {
            process_pending_signals(ts);
        } else {
            /* The host said EINTR with no signal for the guest behind
             * it: the guest gets the host's answer. */
            ts->syscall_restart = 0;
            if (ts->sigsuspend_active) {
                process_pending_signals(ts);
            }
        }
    }
}
