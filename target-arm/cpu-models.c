/*
 * The CPU models -cpu selects, shared by user and system mode: each
 * model's ID and implementation registers as EL1 reads them, the table
 * that names and encodes those registers, and the view of them Linux
 * gives EL0 (its emulation of MRS, HWCAP_CPUID), which user mode shows.
 *
 * cortex-a57 holds qemu 7.2's values for its cortex-a57 on the virt board
 * without EL2 and EL3, as a bare-metal probe read them at EL1
 * (tests/system/idregs/); tests/unit/test-cpu-models.c compares the two
 * and lists where mimic differs on purpose.
 */
#include <string.h>

#include "cpu-models.h"

/* Only what is implemented is advertised: FP, Advanced SIMD, the
 * cryptographic extension (AES, PMULL, SHA1, SHA256), CRC32, and the kernel's
 * emulation of MRS for ID registers (HWCAP_CPUID).  Linux derives these
 * from the ID registers (test-cpu-models.c checks they agree). */
#define A57_HWCAP (ARM_HWCAP_FP | ARM_HWCAP_ASIMD | ARM_HWCAP_CPUID | \
                   ARM_HWCAP_AES | ARM_HWCAP_PMULL | ARM_HWCAP_SHA1 | \
                   ARM_HWCAP_SHA2 | ARM_HWCAP_CRC32)
#define A57_ISAR0 0x11120ull  /* AES+PMULL (2), SHA1 (1), SHA2 (1), CRC32 (1) */

/*
 * Every register both models share (all but MIDR, ID_AA64ISAR0/1,
 * ID_AA64MMFR1 and the HWCAPs).  Written out rather than copied at run
 * time so the table stays const.
 */
#define A57_MMFR0 0x0000000000001124ull
#define A57_COMMON_REGS \
    .revidr = 0, \
    .aidr = 0, \
    /* EL0 and EL1 AArch64 only (1): qemu's a57 has AArch32 at both (0x22) \
     * but mimic has no A32/T32 translator for system mode.  EL2 and EL3 \
     * absent (0), as qemu clears them on virt without virtualization= and \
     * secure=.  FP and AdvSIMD implemented (0), GIC system registers \
     * not (0: virt's GICv2). */ \
    .id_aa64pfr0 = 0x0000000000000011ull, \
    .id_aa64pfr1 = 0, \
    .id_aa64zfr0 = 0, \
    .id_aa64smfr0 = 0, \
    /* DebugVer 6 (ARMv8 debug), TraceVer 0, PMUVer 1 (PMUv3), BRPs 5 \
     * (six breakpoints), WRPs 3 (four watchpoints), CTX_CMPs 1 (two \
     * context-aware breakpoints). */ \
    .id_aa64dfr0 = 0x0000000010305106ull, \
    .id_aa64dfr1 = 0, \
    .id_aa64afr0 = 0, \
    .id_aa64afr1 = 0, \
    .id_aa64isar2 = 0, \
    .id_aa64mmfr2 = 0, \
    /* The AArch32 registers describe the A57's A32/T32 (ARMv8-A with \
     * the crypto extension); with no AArch32 at any EL their values are \
     * UNKNOWN (Arm ARM, e.g. ID_PFR0_EL1), so qemu's are kept.  ID_PFR1 and \
     * ID_DFR0 lose Security, Virtualization and CopSDbg with EL2/EL3. */ \
    .id_pfr0 = 0x00000131, \
    .id_pfr1 = 0x00010001, \
    .id_pfr2 = 0, \
    .id_dfr0 = 0x03010006, \
    .id_dfr1 = 0, \
    .id_afr0 = 0, \
    .id_mmfr0 = 0x10101105, \
    .id_mmfr1 = 0x40000000, \
    .id_mmfr2 = 0x01260000, \
    .id_mmfr3 = 0x02102211, \
    .id_mmfr4 = 0, \
    .id_mmfr5 = 0, \
    .id_isar0 = 0x02101110, \
    .id_isar1 = 0x13112111, \
    .id_isar2 = 0x21232042, \
    .id_isar3 = 0x01112131, \
    .id_isar4 = 0x00011142, \
    .id_isar5 = 0x00011121, \
    .id_isar6 = 0, \
    .mvfr0 = 0x10110222, \
    .mvfr1 = 0x12111111, \
    .mvfr2 = 0x00000043, \
    /* IminLine = DminLine = 4 (64-byte lines), L1Ip 3 (PIPT), ERG = CWG \
     * = 4, DIC = IDC = 0, bit 31 RES1. */ \
    .ctr = 0x8444c004, \
    .dczid = 0x4,                           /* DC ZVA: 64-byte blocks */ \
    /* L1 separate I and D, L2 unified; LoUIS 1, LoC 2, LoUU 1. */ \
    .clidr = 0x0a200023, \
    .ccsidr = { \
        [0] = 0x701fe00a,                   /* L1D: 32 KB, 2-way, 64 B */ \
        [1] = 0x201fe012,                   /* L1I: 48 KB, 3-way, 64 B */ \
        [2] = 0x70ffe07a,                   /* L2: 2 MB, 16-way, 64 B */ \
    }, \
    .cntfrq = 62500000,                     /* 62.5 MHz, as qemu's virt */ \
    /* IMP 0x41 (Arm), IDCODE 1, N 6 event counters. */ \
    .pmcr = 0x41013000, \
    /* The common events counted: SW_INCR (0) and CPU_CYCLES (0x11) \
     * only, as qemu. */ \
    .pmceid0 = 0x00020001, \
    .pmceid1 = 0

static const ARMCPUModel models[] = {
    {
        .name = "cortex-a57",
        .midr = 0x411fd070,                 /* Arm, r1p0, part 0xd07 */
        A57_COMMON_REGS,
        .id_aa64isar0 = A57_ISAR0,
        .id_aa64isar1 = 0,
        /* PARange 4 (44 bits), ASIDBits 2 (16), BigEnd 1, SNSMem 1,
         * TGran16 0 (no), TGran64 0 (yes), TGran4 0 (yes). */
        .id_aa64mmfr0 = A57_MMFR0,
        .id_aa64mmfr1 = 0,
        .hwcap = A57_HWCAP,
    },
    {
        /* Everything implemented: the A57 set plus LSE atomics (Atomic = 2),
         * LDAPR and LDAPUR/STLUR (LRCPC = 2), LDLAR/STLLR (LO = 1), and at
         * the system level PAN (MMFR1.PAN = 1) and the 16K granule
         * (MMFR0.TGran16 = 1).
         * MIDR is qemu's max: implementer 0 (reserved for software), so no
         * guest applies an A57 erratum workaround; architecture 0xf, part
         * 0x051 ('Q'). */
        .name = "max",
        .midr = 0x000f0510,
        A57_COMMON_REGS,
        .id_aa64isar0 = A57_ISAR0 | (2ull << 20),
        .id_aa64isar1 = 2ull << 20,
        .id_aa64mmfr1 = (1ull << 16) | (1ull << 20),
        .id_aa64mmfr0 = A57_MMFR0 | (1ull << 20),
        .hwcap = A57_HWCAP | ARM_HWCAP_ATOMICS | ARM_HWCAP_LRCPC | ARM_HWCAP_ILRCPC,
    },
};

/*
 * The registers, their encodings (Arm ARM, "AArch64 System registers").and what Linux shows EL0
 * (arch/arm64/kernel/cpufeature.c: the FTR_VISIBLE fields of each
 * register's arm64_ftr_bits pass through, FTR_HIDDEN fields read as their
 * safe value, registers without a table read as zero; MIDR is the real
 * one, REVIDR reads 0; the rest of the space is not emulated: SIGILL).
 * The masks below are those field lists.
 */
#define REG(id, nm, o0, o1, n, m, o2, field, ...) \
    [id] = { .name = nm, .op0 = o0, .op1 = o1, .crn = n, .crm = m, .op2 = o2, \
             .offset = offsetof(ARMCPUModel, field), __VA_ARGS__ }
#define UNDEF_AT_EL0 .el0 = ARM_EL0_UNDEF
#define DIRECT_AT_EL0 .el0 = ARM_EL0_DIRECT
#define EMULATED(visible, fixed) \
    .el0 = ARM_EL0_EMULATED, .el0_visible = (visible), .el0_fixed = (fixed)

const ARMIdRegInfo arm_id_regs[ARM_ID_COUNT] = {
    REG(ARM_ID_MIDR, "MIDR_EL1", 3, 0, 0, 0, 0, midr, EMULATED(~0ull, 0)),
    /* "IMPLEMENTATION DEFINED values are emulated with 0". */
    REG(ARM_ID_REVIDR, "REVIDR_EL1", 3, 0, 0, 0, 6, revidr, EMULATED(0, 0)),
    REG(ARM_ID_AIDR, "AIDR_EL1", 3, 1, 0, 0, 7, aidr, UNDEF_AT_EL0),
    /* SCTLR_EL1.UCT and DZE are set: EL0 reads these itself. */
    REG(ARM_ID_CTR, "CTR_EL0", 3, 3, 0, 0, 1, ctr, DIRECT_AT_EL0),
    REG(ARM_ID_DCZID, "DCZID_EL0", 3, 3, 0, 0, 7, dczid, DIRECT_AT_EL0),
    REG(ARM_ID_CLIDR, "CLIDR_EL1", 3, 1, 0, 0, 1, clidr, UNDEF_AT_EL0),
    /* CNTKCTL_EL1.EL0VCTEN: EL0 reads the frequency and the counter. */
    REG(ARM_ID_CNTFRQ, "CNTFRQ_EL0", 3, 3, 14, 0, 0, cntfrq, DIRECT_AT_EL0),
    /* The AArch32 registers with CRm = 1 are outside the emulated space;
     * those with CRm = 2, 3 read as zero unless EL0 has AArch32 (Linux
     * fills their tables only then, init_32bit_cpu_features), which no
     * model here has. */
    REG(ARM_ID_PFR0, "ID_PFR0_EL1", 3, 0, 0, 1, 0, id_pfr0, UNDEF_AT_EL0),
    REG(ARM_ID_PFR1, "ID_PFR1_EL1", 3, 0, 0, 1, 1, id_pfr1, UNDEF_AT_EL0),
    REG(ARM_ID_DFR0, "ID_DFR0_EL1", 3, 0, 0, 1, 2, id_dfr0, UNDEF_AT_EL0),
    REG(ARM_ID_AFR0, "ID_AFR0_EL1", 3, 0, 0, 1, 3, id_afr0, UNDEF_AT_EL0),
    REG(ARM_ID_MMFR0, "ID_MMFR0_EL1", 3, 0, 0, 1, 4, id_mmfr0, UNDEF_AT_EL0),
    REG(ARM_ID_MMFR1, "ID_MMFR1_EL1", 3, 0, 0, 1, 5, id_mmfr1, UNDEF_AT_EL0),
    REG(ARM_ID_MMFR2, "ID_MMFR2_EL1", 3, 0, 0, 1, 6, id_mmfr2, UNDEF_AT_EL0),
    REG(ARM_ID_MMFR3, "ID_MMFR3_EL1", 3, 0, 0, 1, 7, id_mmfr3, UNDEF_AT_EL0),
    REG(ARM_ID_ISAR0, "ID_ISAR0_EL1", 3, 0, 0, 2, 0, id_isar0, EMULATED(0, 0)),
    REG(ARM_ID_ISAR1, "ID_ISAR1_EL1", 3, 0, 0, 2, 1, id_isar1, EMULATED(0, 0)),
    REG(ARM_ID_ISAR2, "ID_ISAR2_EL1", 3, 0, 0, 2, 2, id_isar2, EMULATED(0, 0)),
    REG(ARM_ID_ISAR3, "ID_ISAR3_EL1", 3, 0, 0, 2, 3, id_isar3, EMULATED(0, 0)),
    REG(ARM_ID_ISAR4, "ID_ISAR4_EL1", 3, 0, 0, 2, 4, id_isar4, EMULATED(0, 0)),
    REG(ARM_ID_ISAR5, "ID_ISAR5_EL1", 3, 0, 0, 2, 5, id_isar5, EMULATED(0, 0)),
    REG(ARM_ID_MMFR4, "ID_MMFR4_EL1", 3, 0, 0, 2, 6, id_mmfr4, EMULATED(0, 0)),
    REG(ARM_ID_ISAR6, "ID_ISAR6_EL1", 3, 0, 0, 2, 7, id_isar6, EMULATED(0, 0)),
    REG(ARM_ID_MVFR0, "MVFR0_EL1", 3, 0, 0, 3, 0, mvfr0, EMULATED(0, 0)),
    REG(ARM_ID_MVFR1, "MVFR1_EL1", 3, 0, 0, 3, 1, mvfr1, EMULATED(0, 0)),
    REG(ARM_ID_MVFR2, "MVFR2_EL1", 3, 0, 0, 3, 2, mvfr2, EMULATED(0, 0)),
    REG(ARM_ID_PFR2, "ID_PFR2_EL1", 3, 0, 0, 3, 4, id_pfr2, EMULATED(0, 0)),
    REG(ARM_ID_DFR1, "ID_DFR1_EL1", 3, 0, 0, 3, 5, id_dfr1, EMULATED(0, 0)),
    REG(ARM_ID_MMFR5, "ID_MMFR5_EL1", 3, 0, 0, 3, 6, id_mmfr5, EMULATED(0, 0)),
    /* Visible: DIT, SVE, AdvSIMD, FP.  EL1 and EL0 read as 1 (AArch64
     * only, the safe value) whatever the CPU has. */
    REG(ARM_ID_AA64PFR0, "ID_AA64PFR0_EL1", 3, 0, 0, 4, 0, id_aa64pfr0,
        EMULATED(0x000f000f00ff0000ull, 0x11)),
    /* Visible: SME, MTE, SSBS, BT. */
    REG(ARM_ID_AA64PFR1, "ID_AA64PFR1_EL1", 3, 0, 0, 4, 1, id_aa64pfr1,
        EMULATED(0x000000000f000fffull, 0)),
    /* Visible: F64MM, F32MM, I8MM, SM4, SHA3, BF16, BitPerm, AES, SVEver. */
    REG(ARM_ID_AA64ZFR0, "ID_AA64ZFR0_EL1", 3, 0, 0, 4, 4, id_aa64zfr0,
        EMULATED(0x0ff0ff0f00ff00ffull, 0)),
    /* Visible: FA64, SMEver, I16I64, F64F64, I16I32, B16B16, F16F16,
     * I8I32, F16F32, B16F32, BI32I32, F32F32. */
    REG(ARM_ID_AA64SMFR0, "ID_AA64SMFR0_EL1", 3, 0, 0, 4, 5, id_aa64smfr0,
        EMULATED(0x8ff1fcff00000000ull, 0)),
    /* All hidden; DebugVer reads as 6 (ARMv8 debug). */
    REG(ARM_ID_AA64DFR0, "ID_AA64DFR0_EL1", 3, 0, 0, 5, 0, id_aa64dfr0,
        EMULATED(0, 0x6)),
    REG(ARM_ID_AA64DFR1, "ID_AA64DFR1_EL1", 3, 0, 0, 5, 1, id_aa64dfr1, EMULATED(0, 0)),
    REG(ARM_ID_AA64AFR0, "ID_AA64AFR0_EL1", 3, 0, 0, 5, 4, id_aa64afr0, EMULATED(0, 0)),
    REG(ARM_ID_AA64AFR1, "ID_AA64AFR1_EL1", 3, 0, 0, 5, 5, id_aa64afr1, EMULATED(0, 0)),
    /* Visible: all but TLB (59:56) and TME (27:24). */
    REG(ARM_ID_AA64ISAR0, "ID_AA64ISAR0_EL1", 3, 0, 0, 6, 0, id_aa64isar0,
        EMULATED(0xf0fffffff0fffff0ull, 0)),
    /* Visible: I8MM, DGH, BF16, SB, FRINTTS, GPI, GPA, LRCPC, FCMA,
     * JSCVT, API, APA, DPB (SPECRES, XS, LS64 hidden). */
    REG(ARM_ID_AA64ISAR1, "ID_AA64ISAR1_EL1", 3, 0, 0, 6, 1, id_aa64isar1,
        EMULATED(0x00fff0ffffffffffull, 0)),
    /* Visible: CSSC, RPRFM, APA3, GPA3, RPRES, WFxT. */
    REG(ARM_ID_AA64ISAR2, "ID_AA64ISAR2_EL1", 3, 0, 0, 6, 2, id_aa64isar2,
        EMULATED(0x00ff00000000ffffull, 0)),
    /* Visible: ECV.  TGran4 and TGran64 read as 0xf (not implemented),
     * TGran16 as 0.  (Kernels since the stage-2 granule fields were
     * sanitised also show TGran*_2 as 1; qemu-aarch64 7.2, the oracle of
     * tests/diff, and the kernels it follows show 0: kept as now.) */
    REG(ARM_ID_AA64MMFR0, "ID_AA64MMFR0_EL1", 3, 0, 0, 7, 0, id_aa64mmfr0,
        EMULATED(0xf000000000000000ull, 0x00000000ff000000ull)),
    /* Visible: AFP only (LO, PAN, VH... hidden). */
    REG(ARM_ID_AA64MMFR1, "ID_AA64MMFR1_EL1", 3, 0, 0, 7, 1, id_aa64mmfr1,
        EMULATED(0x0000f00000000000ull, 0)),
    /* Visible: AT only. */
    REG(ARM_ID_AA64MMFR2, "ID_AA64MMFR2_EL1", 3, 0, 0, 7, 2, id_aa64mmfr2,
        EMULATED(0x0000000f00000000ull, 0)),
    /* PMUSERENR_EL0 is 0 under Linux: EL0 access to the PMU traps. */
    REG(ARM_ID_PMCR, "PMCR_EL0", 3, 3, 9, 12, 0, pmcr, UNDEF_AT_EL0),
    REG(ARM_ID_PMCEID0, "PMCEID0_EL0", 3, 3, 9, 12, 6, pmceid0, UNDEF_AT_EL0),
    REG(ARM_ID_PMCEID1, "PMCEID1_EL0", 3, 3, 9, 12, 7, pmceid1, UNDEF_AT_EL0),
};

uint64_t arm_id_reg_raw(const ARMCPUModel *m, ARMIdReg r)
{
    if ((unsigned)r >= ARM_ID_COUNT) {
        return 0;
    }
    return *(const uint64_t *)((const char *)m + arm_id_regs[r].offset);
}

uint64_t arm_id_reg_el0_view(const ARMCPUModel *m, ARMIdReg r)
{
    if ((unsigned)r >= ARM_ID_COUNT) {
        return 0;
    }
    const ARMIdRegInfo *info = &arm_id_regs[r];
    switch (info->el0) {
    case ARM_EL0_DIRECT:
        return arm_id_reg_raw(m, r);
    case ARM_EL0_EMULATED:
        return (arm_id_reg_raw(m, r) & info->el0_visible) | info->el0_fixed;
    case ARM_EL0_UNDEF:
        break;
    }
    return 0;
}

ARMIdReg arm_id_reg_find(unsigned op0, unsigned op1, unsigned crn,
                         unsigned crm, unsigned op2)
{
    for (unsigned r = 0; r < ARM_ID_COUNT; r++) {
        const ARMIdRegInfo *info = &arm_id_regs[r];
        if (info->op0 == op0 && info->op1 == op1 && info->crn == crn &&
            info->crm == crm && info->op2 == op2) {
            return (ARMIdReg)r;
        }
    }
    return ARM_ID_COUNT;
}

bool arm_id_space_reserved(unsigned op0, unsigned op1, unsigned crn,
                           unsigned crm, unsigned op2)
{
    return op0 == 3 && op1 == 0 && crn == 0 && crm >= 1 && crm <= 7 && op2 <= 7 &&
           arm_id_reg_find(op0, op1, crn, crm, op2) == ARM_ID_COUNT;
}

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
