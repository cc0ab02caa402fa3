/*
 * The execution loop: find or translate the next block, link it to the one
 * that just ran, run it, and hand exceptions and exit requests back to the
 * caller (linux-user's or the machine's CPU loop).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "cpu.h"
#include "disas.h"
#include "debug.h"
#include "log.h"
#include "tb.h"

__thread CPUState *current_cpu;
bool (*guest_code_fetch)(uint64_t addr, void *dst, size_t len);
bool (*cpu_exec_exception_hook)(CPUState *cpu, int excp);

void cpu_loop_exit(CPUState *cpu)
{
    siglongjmp(cpu->jmp_env, 1);
}

void cpu_loop_exit_restore(CPUState *cpu)
{
    cpu->target->set_pc(cpu, cpu->insn_pc);
    cpu_loop_exit(cpu);
}

void cpu_raise(CPUState *cpu, int excp)
{
    cpu->exception_index = excp;
    cpu_loop_exit_restore(cpu);
}

static int cpu_exec_loop(CPUState *cpu)
{
    /* After a longjmp only cpu (unchanged since) is trusted; last_tb is
     * reset so a half-run block is never linked. */
    sigsetjmp(cpu->jmp_env, 0);
    cpu->in_exec = true;

    TranslationBlock *last_tb = NULL;
    int last_exit = TB_EXIT_NOCHAIN;

    for (;;) {
        if (cpu->exception_index >= 0) {
            int excp = cpu->exception_index;
            cpu->exception_index = -1;
            if (cpu_exec_exception_hook && !(cpu->cflags & CF_SINGLE_STEP) &&
                cpu_exec_exception_hook(cpu, excp)) {
                last_tb = NULL;
                continue;
            }
            cpu->in_exec = false;
            return excp;
        }
        if (__atomic_load_n(&cpu->exit_request, __ATOMIC_ACQUIRE)) {
            __atomic_store_n(&cpu->exit_request, 0, __ATOMIC_RELAXED);
            cpu->in_exec = false;
            return EXCP_INTERRUPT;
        }

        uint64_t pc;
        uint32_t flags;
        cpu->target->get_tb_cpu_state(cpu, &pc, &flags);
        uint32_t cflags = cpu->cflags;

        TranslationBlock *tb = tb_lookup(cpu, pc, flags, cflags);
        if (!tb) {
            tb = tb_gen_code(cpu, pc, flags, cflags);
            if (!tb) {
                tb_make_room_exclusive(cpu);
                last_tb = NULL;   /* it may be gone */
                continue;
            }
        }
        /* Where blocks are keyed by physical page, a jump is linked only
         * within one virtual page: a chain is not a lookup, and the next
         * page's mapping may change alone. */
        if (last_tb && last_exit < TB_NB_EXITS &&
            (!tb_code_page_hook || (!((last_tb->pc ^ tb->pc) & TB_PAGE_MASK) &&
                                    tb->page_addr[1] == (uint64_t)-1))) {
            tb_add_jump(last_tb, last_exit, tb);
        }
        if (qemu_loglevel_mask(LOG_EXEC)) {
            mimic_log("Trace %p [%016" PRIx64 "]\n", tb->tc_ptr, pc);
        }
        if (qemu_loglevel_mask(LOG_CPU)) {
            cpu->target->dump_state(cpu, mimic_log_file);
        }

        uintptr_t ret = tcg_backend->exec(cpu, tb);
        last_tb = (TranslationBlock *)(ret & ~(uintptr_t)TB_EXIT_MASK);
        last_exit = ret & TB_EXIT_MASK;
        if (last_exit == TB_EXIT_REQUESTED) {
            /* Stopped at the entry of last_tb before running it. */
            cpu->target->set_pc(cpu, last_tb->pc);
            last_tb = NULL;
        } else if (cflags & CF_SINGLE_STEP) {
            /* A debugger's step: its one instruction has run (the block's
             * exits chain nowhere, so it came back here at once). */
            cpu->in_exec = false;
            return EXCP_DEBUG;
        }
        if (last_exit == TB_EXIT_HOT) {
            /* A backward exit of last_tb got hot: make the loop at its
             * destination (the pc) a region, or, if it is none, count
             * no more. */
            cpu->target->get_tb_cpu_state(cpu, &pc, &flags);
            if (!tb_gen_region(cpu, pc, flags, cpu->cflags)) {
                last_tb->hot_count = UINT32_MAX;
            }
            last_tb = NULL;
        }
    }
}

int cpu_exec(CPUState *cpu)
{
    current_cpu = cpu;
    cpu_exec_start(cpu);
    int excp = cpu_exec_loop(cpu);
    cpu_exec_end(cpu);
    return excp;
}
