/*
 * The toy target's plumbing that the core's unit tests share (test-tcg,
 * test-jit, test-tcg-limits): the CPU wrapper and the target descriptor.
 * A test defines its own ToyState (registers it needs, and a uint64_t pc)
 * and its toy_translate, then includes this.
 */
#ifndef TESTS_UNIT_TOY_TARGET_H
#define TESTS_UNIT_TOY_TARGET_H

#include <stddef.h>

#include "tcg/cpu.h"

typedef struct ToyCPU {
    ToyState env;
    CPUState cs;
} ToyCPU;

static inline ToyCPU *toy_cpu(CPUState *cs)
{
    return (ToyCPU *)((char *)cs - offsetof(ToyCPU, cs));
}

static inline CPUState *toy_env_cpu(ToyState *env)
{
    return (CPUState *)((char *)env + offsetof(ToyCPU, cs));
}

static void toy_translate(CPUState *cs, TranslationBlock *tb, int max_insns);

/* Ends the run (EXCP_HLT): the last instruction of a toy program. */
static __attribute__((unused)) void helper_toy_halt(void *env)
{
    CPUState *cs = toy_env_cpu(env);
    cs->exception_index = EXCP_HLT;
    cpu_loop_exit(cs);
}
static __attribute__((unused)) DEF_HELPER_INFO(toy_halt, TCG_CALL_MAY_RAISE, VOID, PTR);

static void toy_get_tb_cpu_state(CPUState *cs, uint64_t *pc, uint32_t *flags)
{
    *pc = toy_cpu(cs)->env.pc;
    *flags = 0;
}

static void toy_set_pc(CPUState *cs, uint64_t pc)
{
    toy_cpu(cs)->env.pc = pc;
}

static void toy_dump(CPUState *cs, FILE *f)
{
}

static const TargetInfo toy_target = {
    .name = "toy",
    .state_size = sizeof(ToyCPU),
    .env_offset = offsetof(ToyCPU, env),
    .cpu_offset = offsetof(ToyCPU, cs),
    .translate = toy_translate,
    .get_tb_cpu_state = toy_get_tb_cpu_state,
    .set_pc = toy_set_pc,
    .dump_state = toy_dump,
};

#endif
