/*
 * AArch64 CPU models for -cpu, CPU creation, and the target descriptor the
 * core calls (translate a block, block key, pc, register dump).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

#include "cpu.h"
#include "tcg/tb.h"

void a64_translate_init(void);
void aarch64_translate(CPUState *cpu, TranslationBlock *tb, int max_insns);
void aarch64_translate_region(CPUState *cpu, TranslationBlock *tb, const TBRegion *r);

/* Only what is implemented is advertised: FP, Advanced SIMD, the
 * cryptographic extension (AES, PMULL, SHA1, SHA256), CRC32, and the kernel's
 * emulation of MRS for ID registers (HWCAP_CPUID).  The ID register values
 * are those Linux shows to EL0 for such a CPU; translators test them, so
 * a feature a model lacks is UNDEF as on hardware. */
#define A57_HWCAP (ARM_HWCAP_FP | ARM_HWCAP_ASIMD | ARM_HWCAP_CPUID | \
                   ARM_HWCAP_AES | ARM_HWCAP_PMULL | ARM_HWCAP_SHA1 | \
                   ARM_HWCAP_SHA2 | ARM_HWCAP_CRC32)
#define A57_ISAR0 0x11120ull  /* AES+PMULL (2), SHA1 (1), SHA2 (1), CRC32 (1) */
/* Fields Linux hides from EL0 read as its "safe" values, not zero: the
 * debug architecture version (DebugVer = 6, ARMv8) and, in MMFR0, 4K and
 * 64K granules "not implemented" (TGran4 = TGran64 = 0xf). */
#define A64_DFR0 0x6ull
#define A64_MMFR0 0xff000000ull
static const ARMCPUModel models[] = {
    {
        .name = "cortex-a57",
        .midr = 0x411fd070,
        .id_aa64pfr0 = 0x0000000000000011ull,   /* EL0, EL1: AArch64; FP, AdvSIMD */
        .id_aa64isar0 = A57_ISAR0,
        .id_aa64dfr0 = A64_DFR0,
        .id_aa64mmfr0 = A64_MMFR0,
        .hwcap = A57_HWCAP,
        .ctr = 0x8444c004,                      /* 64-byte lines, DIC = IDC = 0 */
        .dczid = 0x4,                           /* DC ZVA: 64-byte blocks */
    },
    {
        /* Everything implemented: the A57 set plus LSE atomics (Atomic = 2),
         * LDAPR and LDAPUR/STLUR (LRCPC = 2) and LDLAR/STLLR (LO = 1). */
        .name = "max",
        .midr = 0x411fd070,
        .id_aa64pfr0 = 0x0000000000000011ull,
        .id_aa64isar0 = A57_ISAR0 | (2ull << 20),
        .id_aa64isar1 = 2ull << 20,
        .id_aa64dfr0 = A64_DFR0,
        .id_aa64mmfr0 = A64_MMFR0,
        .id_aa64mmfr1 = 1ull << 16,
        .hwcap = A57_HWCAP | ARM_HWCAP_ATOMICS | ARM_HWCAP_LRCPC | ARM_HWCAP_ILRCPC,
        .ctr = 0x8444c004,
        .dczid = 0x4,
    },
};

/*
 * FPCR at EL0, from the model's ID registers as the Arm ARM ties them:
 * AHP, DN, FZ and RMode (26:22) always; FZ16 (19) only with half-precision
 * arithmetic (ID_AA64PFR0_EL1.FP == 1); AH, FIZ, NEP (2:0) only with
 * FEAT_AFP (ID_AA64MMFR1_EL1.AFP, 47:44).  The trap enables are RAZ/WI on a
 * CPU that does not trap FP exceptions, and Len and Stride (21:16) are RES0
 * when EL0 has no AArch32 (ID_AA64PFR0_EL1.EL0 == 1), as on our models.
 */
uint32_t arm_fpcr_writable(const ARMCPUModel *m)
{
    uint32_t mask = 0x07c00000u;
    if (((m->id_aa64pfr0 >> 16) & 0xf) == 1) {
        mask |= 1u << 19;
    }
    if ((m->id_aa64mmfr1 >> 44) & 0xf) {
        mask |= 7u;
    }
    if ((m->id_aa64pfr0 & 0xf) == 2) {
        mask |= 0x3f0000u;
    }
    return mask;
}

const ARMCPUModel *arm_cpu_model_find(const char *name)
{
    for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
        if (!strcmp(models[i].name, name)) {
            return &models[i];
        }
    }
    return NULL;
}

void arm_cpu_model_list(FILE *f)
{
    fprintf(f, "Available CPUs:\n");
    for (size_t i = 0; i < sizeof(models) / sizeof(models[0]); i++) {
        fprintf(f, "  %s\n", models[i].name);
    }
}

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
    *pc = env->pc;
    *flags = arm_current_el(env);
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
    cpu->env.exclusive_addr = -1;
    cpu->env.ZF = 1;
    arm_sysregs_reset(&cpu->env);
    return cpu;
}
