/*
 * The breakpoint set a debugger asks for (tcg/debug.h).  Few and rarely
 * changed: a plain array, copied on change so that translators on other
 * threads may read it without a lock.
 */
#include <stdlib.h>
#include <string.h>

#include "debug.h"
#include "tb.h"

int cpu_breakpoint_count;
static uint64_t *volatile bp_pcs;

bool cpu_breakpoint_at(uint64_t pc)
{
    int n = __atomic_load_n(&cpu_breakpoint_count, __ATOMIC_ACQUIRE);
    uint64_t *pcs = __atomic_load_n(&bp_pcs, __ATOMIC_ACQUIRE);
    for (int i = 0; i < n && pcs; i++) {
        if (pcs[i] == pc) {
            return true;
        }
    }
    return false;
}

/* Publishes a new set.  The old array is leaked on purpose: a translator
 * may still be reading it, and a debugging session makes few changes. */
static void publish(uint64_t *pcs, int n)
{
    __atomic_store_n(&cpu_breakpoint_count, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&bp_pcs, pcs, __ATOMIC_RELEASE);
    __atomic_store_n(&cpu_breakpoint_count, n, __ATOMIC_RELEASE);
}

/* Blocks holding pc must be translated again, to stop before it (or no
 * longer).  User mode keys blocks by virtual page: those of pc's page go.
 * System mode keys them by physical page (tb_code_page_hook), and pc is
 * virtual: a kernel's 0xffff8000... is RAM at 0x4..., and each address
 * space may map it elsewhere, so every block goes (the machine is held
 * in an exclusive section while gdb changes breakpoints, and a debugging
 * session makes few changes). */
static void drop_blocks_at(uint64_t pc)
{
    if (tb_code_page_hook) {
        tb_flush();
    } else {
        tb_invalidate_range(pc, pc + 1);
    }
}

void cpu_breakpoint_insert(uint64_t pc)
{
    if (cpu_breakpoint_at(pc)) {
        return;
    }
    int n = cpu_breakpoint_count;
    uint64_t *pcs = malloc((n + 1) * sizeof(*pcs));
    if (n) {
        memcpy(pcs, bp_pcs, n * sizeof(*pcs));
    }
    pcs[n] = pc;
    publish(pcs, n + 1);
    drop_blocks_at(pc);
}

void cpu_breakpoint_remove(uint64_t pc)
{
    int n = cpu_breakpoint_count, k = 0;
    uint64_t *pcs = malloc((n ? n : 1) * sizeof(*pcs));
    for (int i = 0; i < n; i++) {
        if (bp_pcs[i] != pc) {
            pcs[k++] = bp_pcs[i];
        }
    }
    if (k == n) {
        free(pcs);
        return;
    }
    publish(pcs, k);
    drop_blocks_at(pc);
}

void cpu_breakpoint_remove_all(void)
{
    while (cpu_breakpoint_count) {
        cpu_breakpoint_remove(bp_pcs[0]);
    }
}
