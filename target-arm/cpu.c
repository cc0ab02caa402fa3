/*
 * AArch64 CPU creation and the target descriptor the core calls (translate
 * a block, block key, pc, register dump); the models -cpu selects are in
 * cpu-models.c.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "cpu.h"
#include "debug.h"
#include "tcg/tb.h"

void a64_translate_init(void);
void aarch64_translate(CPUState *cpu, TranslationBlock *tb, int max_insns);
void aarch64_translate_region(CPUState *cpu, TranslationBlock *tb, const TBRegion *r);

/* NF..VF of a lazy form (cc_op != CC_OP_FLAGS): the same values the
 * translator's inline materialisation computes (a64-flags.c). */
static void lazy_flags(uint64_t op, uint64_t a, uint64_t b, uint64_t f[4])
{
    bool sf = op == CC_OP_SUB64 || op == CC_OP_ADD64 || op == CC_OP_LOGIC64;
    uint64_t r, c = 0, v = 0;
    switch (op) {
    case CC_OP_SUB64: case CC_OP_SUB32:
        r = a - b;
        c = a >= b;
        v = (a ^ b) & (a ^ r);
        break;
    case CC_OP_ADD64:
        r = a + b;
        c = r < a;
        v = (r ^ a) & ~(a ^ b);
        break;
    case CC_OP_ADD32:
        r = a + b;
        c = r >> 32;
        v = (r ^ a) & ~(a ^ b);
        break;
    default:
        r = a;
        break;
    }
    f[0] = sf ? r : (uint64_t)(int64_t)(int32_t)r;
    f[1] = f[0];
    f[2] = c;
    f[3] = sf ? v : v << 32;
}

static uint32_t nzcv_of_flags(const uint64_t f[4])
{
    return ((f[0] >> 63) << 31) | ((uint32_t)(f[1] == 0) << 30) |
           ((uint32_t)(f[2] & 1) << 29) | ((f[3] >> 63) << 28);
}

uint32_t aarch64_get_nzcv(CPUARMState *env)
{
    uint64_t f[4] = { env->NF, env->ZF, env->CF, env->VF };
    if (env->cc_op != CC_OP_FLAGS) {
        lazy_flags(env->cc_op, env->cc_a, env->cc_b, f);
    }
    return nzcv_of_flags(f);
}

uint32_t aarch64_lazy_nzcv(uint64_t cc_op, uint64_t a, uint64_t b)
{
    uint64_t f[4];
    lazy_flags(cc_op, a, b, f);
    return nzcv_of_flags(f);
}

void aarch64_nzcv_materialise(CPUARMState *env)
{
    if (env->cc_op != CC_OP_FLAGS) {
        uint64_t f[4];
        lazy_flags(env->cc_op, env->cc_a, env->cc_b, f);
        env->NF = f[0];
        env->ZF = f[1];
        env->CF = f[2];
        env->VF = f[3];
        env->cc_op = CC_OP_FLAGS;
    }
}

void aarch64_set_nzcv(CPUARMState *env, uint32_t nzcv)
{
    env->NF = (nzcv & (1u << 31)) ? -1ull : 0;
    env->ZF = (nzcv & (1u << 30)) ? 0 : 1;
    env->CF = (nzcv >> 29) & 1;
    env->VF = (nzcv & (1u << 28)) ? 1ull << 63 : 0;
    env->cc_op = CC_OP_FLAGS;
}

static void aarch64_get_tb_cpu_state(CPUState *cs, uint64_t *pc, uint32_t *flags)
{
    CPUARMState *env = arm_env(cs);
    uint32_t bp_hash;
    *pc = env->pc;
    *flags = arm_current_el(env) | (env->pstate & PSTATE_IL ? ARM_TBFLAG_IL : 0) |
             (env->pstate & PSTATE_PAN ? ARM_TBFLAG_PAN : 0) |
             (env->pstate & PSTATE_UAO ? ARM_TBFLAG_UAO : 0) |
             (env->sys[ARM_SR_SCTLR_EL1] & SCTLR_A ? ARM_TBFLAG_ALIGN : 0) |
             arm_debug_tb_flags(env, &bp_hash);
    *flags |= bp_hash << ARM_TBFLAG_CONTEXT_SHIFT;
    if (!(*flags & ARM_TBFLAG_SS_ACTIVE)) {
        /* Whatever runs now is not stepped: a step exception that becomes
         * pending later reports that no instruction was stepped (ISV 0). */
        env->step_syndrome = 0;
    }
}

static void aarch64_set_pc(CPUState *cs, uint64_t pc)
{
    arm_env(cs)->pc = pc;
}

static void aarch64_dump_state(CPUState *cs, FILE *f)
{
    CPUARMState *env = arm_env(cs);
    fprintf(f, " PC=%016" PRIx64 " ", env->pc);
    for (int i = 0; i < 32; i++) {
        fprintf(f, "%s%02d=%016" PRIx64 "%s", i == 31 ? " SP" : "X", i == 31 ? 31 : i,
                env->xregs[i], (i % 4 == 3) ? "\n" : " ");
    }
    uint32_t nzcv = aarch64_get_nzcv(env);
    fprintf(f, "NZCV=%c%c%c%c FPCR=%08x FPSR=%08x\n",
            nzcv & (1u << 31) ? 'N' : '-', nzcv & (1u << 30) ? 'Z' : '-',
            nzcv & (1u << 29) ? 'C' : '-', nzcv & (1u << 28) ? 'V' : '-',
            env->fpcr, env->fpsr);
}

const TargetInfo aarch64_target = {
    .name = "aarch64",
    .state_size = sizeof(ARMCPU),
    .env_offset = offsetof(ARMCPU, env),
    .cpu_offset = offsetof(ARMCPU, parent),
    .translate = aarch64_translate,
    .translate_region = aarch64_translate_region,
    .get_tb_cpu_state = aarch64_get_tb_cpu_state,
    .set_pc = aarch64_set_pc,
    .dump_state = aarch64_dump_state,
    .cs_arch = CS_ARCH_ARM64,
    .cs_mode = CS_MODE_ARM,
};

ARMCPU *aarch64_cpu_create(const ARMCPUModel *model)
{
    static bool initialized;
    if (!initialized) {
        a64_translate_init();
        tcg_interp_set_frame_offset(CPU_FIELD_OFFSET(&aarch64_target, frame));
        initialized = true;
    }
    ARMCPU *cpu = aligned_alloc(64, (sizeof(ARMCPU) + 63) & ~(size_t)63);
    if (!cpu) {
        abort();
    }
    memset(cpu, 0, sizeof(*cpu));
    cpu->model = model;
    cpu->parent.env = &cpu->env;
    cpu->parent.target = &aarch64_target;
    cpu->parent.exception_index = -1;
    cpu_jmp_cache_init(&cpu->parent);
    cpu->env.exclusive_addr = -1;
    cpu->env.ZF = 1;
    arm_sysregs_reset(&cpu->env);
    return cpu;
}
