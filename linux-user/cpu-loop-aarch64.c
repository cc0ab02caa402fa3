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
#include "tcg/tb.h"
#include "user.h"

static uint64_t untag(uint64_t addr)
{
    return addr & 0x00ffffffffffffffull;
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
