/*
 * What the rest of mimic links against about the native backend whatever
 * the host: the -perfmap file and the -accel host-isa choice, and on
 * hosts without a native backend (tcg/x86_64/ is x86-64's) the fault
 * hooks, which then answer "not ours".
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "tb.h"

FILE *jit_perfmap;
bool jit_host_isa_baseline;

#if !defined(__x86_64__)
bool jit_host_pc_is_guest_access(uintptr_t pc)
{
    return false;
}

void jit_restore_state(CPUState *cpu, void *uc)
{
}
#endif
