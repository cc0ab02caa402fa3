/*
 * What the rest of mimic links against about the native backend whatever
 * the host: the -perfmap file and the -accel host-isa choice (and what
 * the host has), and on
 * hosts without a native backend (tcg/x86_64/ is x86-64's) the fault
 * hooks, which then answer "not ours".
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "tb.h"

FILE *jit_perfmap;
bool jit_host_isa_baseline;
bool jit_return_stack;

#if defined(__x86_64__)
#include <cpuid.h>

/* BMI1, BMI2 (CPUID.7.0:EBX bits 3 and 8), LZCNT (CPUID.80000001h:ECX
 * bit 5), SSSE3, SSE4.1, SSE4.2 and POPCNT (CPUID.1:ECX bits 9, 19, 20
 * and 23), and FMA with the OS's support for its VEX state (libgcc's
 * test). */
static bool host_has_extended(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & (1u << 3)) ||
        !(b & (1u << 8))) {
        return false;
    }
    if (!__get_cpuid(0x80000001, &a, &b, &c, &d) || !(c & (1u << 5))) {
        return false;
    }
    unsigned sse = 1u << 9 | 1u << 19 | 1u << 20 | 1u << 23;
    return __get_cpuid(1, &a, &b, &c, &d) && (c & sse) == sse &&
           __builtin_cpu_supports("fma");
}
#else
static bool host_has_extended(void)
{
    return false;
}
#endif

bool tcg_host_isa_extended(void)
{
    static int known = -1;
    if (known < 0) {
        known = !jit_host_isa_baseline && host_has_extended();
    }
    return known;
}

#if !defined(__x86_64__)
bool jit_host_pc_is_guest_access(uintptr_t pc)
{
    return false;
}

void jit_restore_state(CPUState *cpu, void *uc)
{
}
#endif
