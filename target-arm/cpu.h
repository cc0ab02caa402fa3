/*
 * The AArch64 CPU state, as translated code and helpers see it, and the
 * CPU model (ID registers, HWCAPs) that -cpu selects.
 *
 * Translated code reaches every field through one base pointer, the
 * CPUARMState; the core's CPUState follows it inside ARMCPU.
 */
#ifndef TARGET_ARM_CPU_H
#define TARGET_ARM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"
#include "sysreg.h"

typedef struct ARMVReg {
    uint64_t d[2];             /* d[0] = bits 63:0, d[1] = bits 127:64 */
} __attribute__((aligned(16))) ARMVReg;

typedef struct CPUARMState {
    uint64_t xregs[32];        /* X0-X30; xregs[31] is SP (XZR is never stored) */
    uint64_t pc;               /* of the next instruction to run at block exit */

    /* NZCV, kept apart so each flag-setting instruction writes only what it
     * must and dead flags cost nothing (see the optimizer); while cc_op is
     * not CC_OP_FLAGS, NF..VF are stale and NZCV is that of the last flag
     * setter, from its operands cc_a and cc_b (target-arm/a64-flags.c).
     * Read and write NZCV through aarch64_get_nzcv/aarch64_set_nzcv. */
    uint64_t NF;               /* N is bit 63 (32-bit ops sign-extend) */
    uint64_t ZF;               /* Z is set iff ZF == 0 */
    uint64_t CF;               /* C: 0 or 1 */
    uint64_t VF;               /* V is bit 63 */
    uint64_t cc_op;            /* CC_OP_* */
    uint64_t cc_a, cc_b;       /* 32-bit setters: zero-extended operands */

    ARMVReg vregs[32];         /* V0-V31 (Q, D, S, H, B views are the low bits) */
    uint32_t fpcr;             /* FPCR: AHP DN FZ RMode FZ16, trap enables read as 0 */
    uint32_t fpsr;             /* FPSR: QC and the cumulative flags IDC IXC UFC OFC DZC IOC */

    uint64_t tpidr_el0;        /* TPIDR_EL0: thread pointer, read/write at EL0 */
    uint64_t tpidrro_el0;      /* TPIDRRO_EL0: read-only at EL0 */

    /* Exclusive monitor (LDXR/STXR): the address and the value(s) the last
     * load-exclusive saw; STXR is a compare-and-swap against them.
     * exclusive_addr == -1 means the monitor is open (no reservation). */
    uint64_t exclusive_addr;
    uint64_t exclusive_val;
    uint64_t exclusive_high;   /* second register of LDXP */

    /* Detail for the user-mode loop when an exception leaves cpu_exec. */
    uint32_t exception_syndrome; /* SVC immediate, BRK comment, ... */

    /* Scratch, not architectural: operands of whole-register ops that no
     * register holds (a64-simd.c): a by-element operand's lane copied to
     * every lane, zero, a pairwise op's even and odd lanes, the tables of
     * a TBL that wraps past V31 (up to four, read as 64 bytes). */
    ARMVReg vec_scratch[4];

    /* The system level.  User mode runs at EL0 and leaves these at the
     * values linux-user gives them (what Linux sets up for EL0). */
    uint64_t pstate;           /* PSTATE but NZCV, in the SPSR layout (PSTATE_*) */
    uint64_t sp_el[2];         /* SP_EL0, SP_EL1 while not in use (xregs[31] is) */
    uint64_t sys[ARM_SR_COUNT]; /* the SLOT rows of sysreg.def, by ARMSysRegId */
    /* Software step: the ESR ISS bits ISV and EX of the step exception
     * the active-pending state takes next (debug.h's STEP_ISS_*): set when
     * a stepped instruction completes, cleared on taking an exception and
     * whenever step is inactive (an instruction that was not stepped).
     * Not in the snapshot (machine.c): between a step's end and its
     * exception only the loop runs, and a restored CPU reports ISV 0. */
    uint32_t step_syndrome;
} CPUARMState;

/* PSTATE as SPSR_EL1 holds it (Arm ARM C5.2.18). */
enum {
    PSTATE_SP = 1u << 0,       /* M[0]: SP_ELx (h) rather than SP_EL0 (t) */
    PSTATE_EL_SHIFT = 2,       /* M[3:2]: the exception level */
    PSTATE_EL_MASK = 3u << 2,
    PSTATE_F = 1u << 6, PSTATE_I = 1u << 7, PSTATE_A = 1u << 8, PSTATE_D = 1u << 9,
    PSTATE_DAIF = 0xfu << 6,
    PSTATE_IL = 1u << 20,      /* illegal execution state */
    PSTATE_SS = 1u << 21,      /* software step */
    PSTATE_PAN = 1u << 22,
    PSTATE_UAO = 1u << 23,
    PSTATE_NZCV = 0xfu << 28,
};

static inline int arm_current_el(const CPUARMState *env)
{
    return (env->pstate & PSTATE_EL_MASK) >> PSTATE_EL_SHIFT;
}

/* The block key's flags (TranslationBlock.flags): what translation
 * depends on beyond the pc. */
enum {
    ARM_TBFLAG_EL = 3,         /* the exception level */
    ARM_TBFLAG_IL = 4,         /* PSTATE.IL: the first instruction raises */
    ARM_TBFLAG_PAN = 8,        /* PSTATE.PAN: EL1 data accesses use their own
                                * MMU index */
    ARM_TBFLAG_ALIGN = 16,     /* SCTLR_EL1.A: every data access aligned */
    /* Self-hosted debug (debug.h): breakpoints armed at this EL (a hash
     * of them in bits 31:9, so that vCPUs with other breakpoints never
     * share a block); software step active, and PSTATE.SS (set: step one
     * instruction; clear: take the step exception first). */
    ARM_TBFLAG_BP = 32,
    ARM_TBFLAG_SS_ACTIVE = 64,
    ARM_TBFLAG_PSTATE_SS = 128,
    ARM_TBFLAG_UAO = 256,      /* PSTATE.UAO: LDTR/STTR at EL1 are privileged */
    ARM_TBFLAG_CONTEXT_SHIFT = 9,
    /* (Which page tables translate the pc is no part of the key: system
     * mode keys blocks by physical page, tcg/tb.h.) */
};

/* Which stack pointer xregs[31] is: 0 for SP_EL0, 1 for SP_EL1. */
static inline int arm_sp_bank(const CPUARMState *env)
{
    return (env->pstate & PSTATE_SP) ? arm_current_el(env) : 0;
}

/* FEAT_PAN and FEAT_UAO (ID_AA64MMFR1_EL1.PAN, ID_AA64MMFR2_EL1.UAO). */
bool arm_cpu_has_pan(const CPUARMState *env);
bool arm_cpu_has_uao(const CPUARMState *env);

/* Sets PSTATE (NZCV excluded), moving the stack pointer between banks if
 * the EL or the SP selection changes. */
void arm_set_pstate(CPUARMState *env, uint64_t pstate);

typedef struct ARMCPU {
    CPUARMState env;
    CPUState parent;
    /* The CPU model: read-only after creation. */
    const struct ARMCPUModel *model;
    /* System mode: its devices and machine (cpu-sys.h); NULL in user mode. */
    struct ARMCPUSys *sys;
} ARMCPU;

/* Exceptions raised by the AArch64 front end and helpers. */
enum {
    EXCP_SVC = 1,              /* supervisor call: a syscall in user mode */
    EXCP_UDEF,                 /* undefined instruction: SIGILL */
    EXCP_BRK,                  /* BRK: SIGTRAP */
    EXCP_PREFETCH_ABORT,       /* instruction fetch from an unmapped page */
    EXCP_PC_ALIGN,             /* branch to a misaligned pc: SIGBUS */
    EXCP_SP_ALIGN,             /* misaligned SP on a memory access: SIGBUS */
    EXCP_YIELD,                /* YIELD/WFE: give the host a chance */
    EXCP_SYSREG_TRAP,          /* MRS/MSR/SYS trapped (EC 0x18): syndrome is the ISS */
    EXCP_HVC,                  /* HVC at EL1: syndrome is the immediate */
    EXCP_ILLEGAL_STATE,        /* an instruction with PSTATE.IL set */
    EXCP_SEMIHOST,             /* HLT #0xF000 with semihosting on */
    EXCP_BREAKPOINT,           /* a hardware breakpoint matched (EC 0x30/0x31) */
    EXCP_SOFTSTEP,             /* software step (EC 0x32/0x33): ISS in step_syndrome */
    EXCP_WATCHPOINT,           /* a watchpoint fired (EC 0x34/0x35): WnR/CM in
                                * exception_syndrome, FAR in exception_addr */
};

/* CSSELR_EL1 values: Level 1-7 (bits 3:1) times InD (bit 0). */
#define ARM_MODEL_CCSIDR_COUNT 14

/*
 * The CPU model selected with -cpu (target-arm/cpu-models.c): the ID and
 * implementation registers as EL1 reads them (system mode returns these
 * to MRS), the reset values of the PMU's fixed fields, and the HWCAPs.
 * User mode shows EL0 what Linux's emulation of MRS shows (HWCAP_CPUID):
 * arm_id_reg_el0_view() (cpu-models.h) derives that from these raw
 * values.  Translators test features in the raw fields (a feature a model
 * lacks is UNDEF).
 */
typedef struct ARMCPUModel {
    const char *name;
    uint64_t midr, revidr, aidr;
    /* AArch64 feature registers (Arm ARM, "AArch64 System registers"). */
    uint64_t id_aa64pfr0, id_aa64pfr1, id_aa64zfr0, id_aa64smfr0;
    uint64_t id_aa64dfr0, id_aa64dfr1, id_aa64afr0, id_aa64afr1;
    uint64_t id_aa64isar0, id_aa64isar1, id_aa64isar2;
    uint64_t id_aa64mmfr0, id_aa64mmfr1, id_aa64mmfr2;
    /* The AArch32 feature registers, readable from AArch64 EL1. */
    uint64_t id_pfr0, id_pfr1, id_pfr2, id_dfr0, id_dfr1, id_afr0;
    uint64_t id_mmfr0, id_mmfr1, id_mmfr2, id_mmfr3, id_mmfr4, id_mmfr5;
    uint64_t id_isar0, id_isar1, id_isar2, id_isar3, id_isar4, id_isar5, id_isar6;
    uint64_t mvfr0, mvfr1, mvfr2;
    uint64_t ctr;              /* CTR_EL0 */
    uint64_t dczid;            /* DCZID_EL0: DC ZVA block size */
    uint64_t clidr;            /* CLIDR_EL1: the cache hierarchy */
    /* CCSIDR_EL1 of each cache, indexed by the CSSELR_EL1 value that
     * selects it: Level - 1 in bits 3:1, InD in bit 0 (Arm ARM, CSSELR_EL1). */
    uint64_t ccsidr[ARM_MODEL_CCSIDR_COUNT];
    uint64_t cntfrq;           /* CNTFRQ_EL0 as firmware leaves it */
    uint64_t pmcr;             /* PMCR_EL0 at reset: IMP, IDCODE, N */
    uint64_t pmceid0, pmceid1; /* PMCEID0/1_EL0: common events counted */
    uint64_t hwcap, hwcap2;
} ARMCPUModel;

extern const TargetInfo aarch64_target;
/* The registers as gdb's stub sees them (gdb-regs.c). */
struct GdbTarget;
extern const struct GdbTarget aarch64_gdb_target;
/* System mode's: the same, cpsr whole, and the system registers
 * (gdb-sysregs.c). */
const struct GdbTarget *aarch64_gdb_system_target(void);
/* The CPU's state for snapshots and migration (machine.c). */
struct VMStateDescription;
extern const struct VMStateDescription vmstate_aarch64_cpu;

static inline ARMCPU *arm_cpu(CPUState *cs)
{
    return (ARMCPU *)((char *)cs - __builtin_offsetof(ARMCPU, parent));
}

static inline CPUARMState *arm_env(CPUState *cs)
{
    return &arm_cpu(cs)->env;
}

static inline CPUState *arm_env_cpu(CPUARMState *env)
{
    return &((ARMCPU *)env)->parent;
}

/* -cpu: finds a model by name (NULL if unknown) and lists them. */
const ARMCPUModel *arm_cpu_model_find(const char *name);
/* FPSR bits that hold state: QC and the cumulative exception flags. */
#define ARM_FPSR_WRITABLE 0x0800009fu
/* The FPCR bits EL0 can set on this model (the rest are RES0 or RAZ/WI). */
uint32_t arm_fpcr_writable(const ARMCPUModel *m);
void arm_cpu_model_list(FILE *f);

/* Creates a CPU of the given model, registers globals on first use. */
ARMCPU *aarch64_cpu_create(const ARMCPUModel *model);

/* NZCV as the 4-bit PSTATE view (bits 31:28). */
/* The lazy forms of NZCV (CPUARMState.cc_op): the flags of a - b, of a + b,
 * or of a logical result a (C and V clear), at 64 or 32 bits. */
enum {
    CC_OP_FLAGS,            /* NZCV is in NF..VF */
    CC_OP_SUB64, CC_OP_SUB32,
    CC_OP_ADD64, CC_OP_ADD32,
    CC_OP_LOGIC64, CC_OP_LOGIC32,
};
uint32_t aarch64_get_nzcv(CPUARMState *env);
/* NZCV (bits 31:28) of the lazy form cc_op (not CC_OP_FLAGS) on a, b. */
uint32_t aarch64_lazy_nzcv(uint64_t cc_op, uint64_t a, uint64_t b);
/* Computes NF..VF from a lazy form; cc_op becomes CC_OP_FLAGS. */
void aarch64_nzcv_materialise(CPUARMState *env);
void aarch64_set_nzcv(CPUARMState *env, uint32_t nzcv);

/* HWCAP bits (Linux arm64 uapi) used by the models. */
enum {
    ARM_HWCAP_FP = 1 << 0, ARM_HWCAP_ASIMD = 1 << 1, ARM_HWCAP_EVTSTRM = 1 << 2,
    ARM_HWCAP_AES = 1 << 3, ARM_HWCAP_PMULL = 1 << 4, ARM_HWCAP_SHA1 = 1 << 5,
    ARM_HWCAP_SHA2 = 1 << 6, ARM_HWCAP_CRC32 = 1 << 7, ARM_HWCAP_ATOMICS = 1 << 8,
    ARM_HWCAP_FPHP = 1 << 9, ARM_HWCAP_ASIMDHP = 1 << 10, ARM_HWCAP_CPUID = 1 << 11,
    ARM_HWCAP_LRCPC = 1 << 15, ARM_HWCAP_ILRCPC = 1 << 26,
};

#endif
