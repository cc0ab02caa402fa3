/*
 * Unit tests of the CPU model table (target-arm/cpu-models.c): the raw
 * registers against what qemu-system-aarch64 7.2 shows EL1 on virt
 * (tests/system/idregs/, the bare-metal probe's output), with every
 * deliberate difference listed and explained; the EL0 view against what
 * Linux shows (the guest probe's expected file, which qemu-aarch64 and
 * mimic before this table agree on) and against Linux's field rules;
 * the HWCAPs against the ID registers; the lookups under bad input.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "target-arm/cpu-models.h"

/* ---- the probe's output: NAME=0x<16 hex digits> or NAME=<16 hex> ---- */

typedef struct ProbeLine {
    char name[48];
    uint64_t value;
    char text[128];            /* the line as printed, without newline */
} ProbeLine;

enum { MAX_LINES = 128 };

static size_t read_probe(const char *path, ProbeLine *lines)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fail_msg("cannot open %s", path);
    }
    char buf[128];
    size_t n = 0;
    while (fgets(buf, sizeof(buf), f) && n < MAX_LINES) {
        buf[strcspn(buf, "\n")] = 0;
        char *eq = strchr(buf, '=');
        if (!eq || (size_t)(eq - buf) >= sizeof(lines[n].name)) {
            continue;          /* "NAME: SIGILL" lines of the EL0 probe */
        }
        memcpy(lines[n].name, buf, eq - buf);
        lines[n].name[eq - buf] = 0;
        lines[n].value = strtoull(eq + 1, NULL, 16);
        snprintf(lines[n].text, sizeof(lines[n].text), "%s", buf);
        n++;
    }
    fclose(f);
    assert_true(n > 0);
    return n;
}

/* ---- the model's value for a line of the EL1 probe ---- */

/* Lines that are no register of the model, and why. */
static const struct {
    const char *name;
    const char *why;
} not_model[] = {
    { "MPIDR_EL1", "the CPU's affinity: the board numbers its CPUs" },
    /* Reserved encodings of the ID space on Armv8.0 (RAZ): checked by
     * test_reserved_id_space. */
    { "ID_AA64PFR2_EL1", "reserved, reads as zero" },
    { "ID_AA64FPFR0_EL1", "reserved, reads as zero" },
    { "ID_AA64ISAR3_EL1", "reserved, reads as zero" },
    { "ID_AA64MMFR3_EL1", "reserved, reads as zero" },
    { "ID_AA64MMFR4_EL1", "reserved, reads as zero" },
};

/* "CCSIDR_EL1.L<n><D|I>": the CSSELR index of that cache, or -1. */
static int ccsidr_index(const char *name)
{
    const char *p = "CCSIDR_EL1.L";
    if (strncmp(name, p, strlen(p)) || strlen(name) != strlen(p) + 2) {
        return -1;
    }
    int level = name[strlen(p)] - '0';
    char kind = name[strlen(p) + 1];
    if (level < 1 || level > 7 || (kind != 'D' && kind != 'I')) {
        return -1;
    }
    return (level - 1) << 1 | (kind == 'I');
}

static bool model_value(const ARMCPUModel *m, const char *name, uint64_t *v)
{
    for (unsigned r = 0; r < ARM_ID_COUNT; r++) {
        if (!strcmp(arm_id_regs[r].name, name)) {
            *v = arm_id_reg_raw(m, (ARMIdReg)r);
            return true;
        }
    }
    int i = ccsidr_index(name);
    if (i >= 0) {
        *v = m->ccsidr[i];
        return true;
    }
    return false;
}

/* Lines where mimic's model differs from the qemu output on purpose. */
typedef struct Deliberate {
    const char *name;
    uint64_t mimic;
    const char *why;
} Deliberate;

static const Deliberate a57_differs[] = {
    /* qemu: EL0 = EL1 = 2 (AArch64 and AArch32). */
    { "ID_AA64PFR0_EL1", 0x11, "mimic has no AArch32 (A32/T32) in system mode" },
};

/* max against qemu's cortex-a57 output: the a57 plus what mimic adds. */
static const Deliberate max_differs[] = {
    { "MIDR_EL1", 0x000f0510, "qemu's max MIDR (qemu-max.txt)" },
    { "ID_AA64PFR0_EL1", 0x11, "mimic has no AArch32 (A32/T32) in system mode" },
    { "ID_AA64ISAR0_EL1", 0x211120, "Atomic = 2: FEAT_LSE" },
    { "ID_AA64ISAR1_EL1", 0x200000, "LRCPC = 2: FEAT_LRCPC, FEAT_LRCPC2" },
    { "ID_AA64MMFR1_EL1", 0x110000, "LO = 1: FEAT_LOR; PAN = 1: FEAT_PAN" },
    { "ID_AA64MMFR0_EL1", 0x101124, "TGran16 = 1: the 16K granule" },
};

/* Formats the model's value as the probe prints it and compares line by
 * line; every line is a model register, a listed difference, or listed
 * as no register of the model. */
static void check_against_probe(const char *model_name, const Deliberate *diff,
                                size_t ndiff)
{
    const ARMCPUModel *m = arm_cpu_model_find(model_name);
    assert_non_null(m);
    ProbeLine lines[MAX_LINES];
    size_t n = read_probe(IDREGS_DIR "/qemu-cortex-a57.txt", lines);
    size_t differences_seen = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t v;
        if (!model_value(m, lines[i].name, &v)) {
            bool listed = false;
            for (size_t k = 0; k < sizeof(not_model) / sizeof(not_model[0]); k++) {
                listed |= !strcmp(not_model[k].name, lines[i].name);
            }
            if (!listed) {
                fail_msg("%s: %s is neither in the model nor listed", model_name,
                         lines[i].name);
            }
            continue;
        }
        char mine[96];
        snprintf(mine, sizeof(mine), "%.47s=0x%016" PRIx64, lines[i].name, v);
        if (!strcmp(mine, lines[i].text)) {
            continue;
        }
        const Deliberate *d = NULL;
        for (size_t k = 0; k < ndiff; k++) {
            if (!strcmp(diff[k].name, lines[i].name)) {
                d = &diff[k];
            }
        }
        if (!d) {
            fail_msg("%s: mimic %s, qemu %s", model_name, mine, lines[i].text);
        }
        assert_int_equal(v, d->mimic);
        differences_seen++;
    }
    /* A listed difference that is no longer one is stale. */
    assert_int_equal(differences_seen, ndiff);
}

static void test_a57_matches_qemu(void **state)
{
    (void)state;
    check_against_probe("cortex-a57", a57_differs,
                        sizeof(a57_differs) / sizeof(a57_differs[0]));
}

static void test_max_is_a57_plus_features(void **state)
{
    (void)state;
    check_against_probe("max", max_differs, sizeof(max_differs) / sizeof(max_differs[0]));
    /* Its MIDR is what qemu 7.2's max reads at EL1. */
    ProbeLine lines[MAX_LINES];
    size_t n = read_probe(IDREGS_DIR "/qemu-max.txt", lines);
    bool seen = false;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(lines[i].name, "MIDR_EL1")) {
            assert_int_equal(lines[i].value, arm_cpu_model_find("max")->midr);
            seen = true;
        }
    }
    assert_true(seen);
}

/* Every register of the table is in the probe's output, and the model
 * describes exactly the caches its CLIDR_EL1 lists (Ctype<n>, 3 bits per
 * level: 1 I only, 2 D only, 3 separate, 4 unified; Arm ARM, CLIDR_EL1). */
static void test_probe_covers_model(void **state)
{
    (void)state;
    ProbeLine lines[MAX_LINES];
    size_t n = read_probe(IDREGS_DIR "/qemu-cortex-a57.txt", lines);
    for (unsigned r = 0; r < ARM_ID_COUNT; r++) {
        bool found = false;
        for (size_t i = 0; i < n; i++) {
            found |= !strcmp(lines[i].name, arm_id_regs[r].name);
        }
        if (!found) {
            fail_msg("%s is not in the probe's output", arm_id_regs[r].name);
        }
    }
    const char *names[] = { "cortex-a57", "max" };
    for (size_t k = 0; k < 2; k++) {
        const ARMCPUModel *m = arm_cpu_model_find(names[k]);
        bool ended = false;
        for (unsigned level = 1; level <= 7; level++) {
            unsigned ctype = (m->clidr >> (3 * (level - 1))) & 7;
            ended |= ctype == 0;
            bool data = !ended && ctype >= 2;
            bool insn = !ended && (ctype == 1 || ctype == 3);
            assert_int_equal(m->ccsidr[(level - 1) << 1] != 0, data);
            assert_int_equal(m->ccsidr[(level - 1) << 1 | 1] != 0, insn);
        }
    }
}

/* The newer ID registers Linux reads at boot are reserved encodings of
 * the ID space here; qemu reads them as zero, as the Arm ARM says reserved
 * ID-space encodings read (op0 = 3, op1 = 0, CRn = 0, CRm = 1..7). */
static void test_reserved_id_space(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        uint8_t crm, op2;
    } reserved[] = {
        { "ID_AA64PFR2_EL1", 4, 2 }, { "ID_AA64FPFR0_EL1", 4, 7 },
        { "ID_AA64ISAR3_EL1", 6, 3 }, { "ID_AA64MMFR3_EL1", 7, 3 },
        { "ID_AA64MMFR4_EL1", 7, 4 },
    };
    ProbeLine lines[MAX_LINES];
    size_t n = read_probe(IDREGS_DIR "/qemu-cortex-a57.txt", lines);
    for (size_t k = 0; k < sizeof(reserved) / sizeof(reserved[0]); k++) {
        assert_true(arm_id_space_reserved(3, 0, 0, reserved[k].crm, reserved[k].op2));
        bool seen = false;
        for (size_t i = 0; i < n; i++) {
            if (!strcmp(lines[i].name, reserved[k].name)) {
                assert_int_equal(lines[i].value, 0);
                seen = true;
            }
        }
        assert_true(seen);
    }
    /* Table registers, CRm = 0 and other spaces are not "reserved". */
    assert_false(arm_id_space_reserved(3, 0, 0, 4, 0));   /* ID_AA64PFR0 */
    assert_false(arm_id_space_reserved(3, 0, 0, 0, 1));
    assert_false(arm_id_space_reserved(3, 0, 0, 8, 0));
    assert_false(arm_id_space_reserved(3, 1, 0, 4, 2));
    assert_false(arm_id_space_reserved(3, 0, 0, 4, 8));
}

/* The Cortex-A57 TRM: six breakpoints, two of them context-aware, four
 * watchpoints; a PMU with six event counters. */
static void test_debug_and_pmu_counts(void **state)
{
    (void)state;
    const char *names[] = { "cortex-a57", "max" };
    for (size_t i = 0; i < 2; i++) {
        const ARMCPUModel *m = arm_cpu_model_find(names[i]);
        assert_int_equal(arm_model_breakpoints(m), 6);
        assert_int_equal(arm_model_context_breakpoints(m), 2);
        assert_int_equal(arm_model_watchpoints(m), 4);
        assert_int_equal(arm_model_pmu_counters(m), 6);
        /* PMUVer 1: PMUv3; DebugVer 6: Armv8.0 debug. */
        assert_int_equal((m->id_aa64dfr0 >> 8) & 0xf, 1);
        assert_int_equal(m->id_aa64dfr0 & 0xf, 6);
    }
}

/* ---- the EL0 view ---- */

/* "S3_0_C0_C<m>_<op2>" or a named register: its table entry, or
 * ARM_ID_COUNT. */
static ARMIdReg reg_by_probe_name(const char *name)
{
    unsigned crm, op2;
    char end;
    if (sscanf(name, "S3_0_C0_C%u_%u%c", &crm, &op2, &end) == 2) {
        return arm_id_reg_find(3, 0, 0, crm, op2);
    }
    for (unsigned r = 0; r < ARM_ID_COUNT; r++) {
        if (!strcmp(arm_id_regs[r].name, name)) {
            return (ARMIdReg)r;
        }
    }
    return ARM_ID_COUNT;
}

/* The cortex-a57's EL0 view is what tests/guest's probe-idregs expects:
 * the values Linux shows (qemu-aarch64 7.2 -cpu cortex-a57 agrees but
 * for the AArch32 registers, which it does not emulate). */
static void test_a57_el0_view(void **state)
{
    (void)state;
    const ARMCPUModel *m = arm_cpu_model_find("cortex-a57");
    ProbeLine lines[MAX_LINES];
    size_t n = read_probe(GUEST_DIR "/probe-idregs.expected", lines);
    size_t checked = 0;
    for (size_t i = 0; i < n; i++) {
        ARMIdReg r = reg_by_probe_name(lines[i].name);
        if (!strcmp(lines[i].name, "MPIDR_EL1")) {
            continue;          /* not a model register (a64-branch.c's constant) */
        }
        if (r == ARM_ID_COUNT) {
            /* A reserved encoding of the emulated space: Linux reads 0. */
            assert_int_equal(lines[i].value, 0);
            continue;
        }
        assert_int_not_equal(arm_id_regs[r].el0, ARM_EL0_UNDEF);
        if (arm_id_reg_el0_view(m, r) != lines[i].value) {
            fail_msg("%s: EL0 view %016" PRIx64 ", expected %016" PRIx64,
                     lines[i].name, arm_id_reg_el0_view(m, r), lines[i].value);
        }
        checked++;
    }
    assert_true(checked >= 20);
}

/*
 * Linux's rules on a CPU with every bit set (arch/arm64/kernel/cpufeature.c,
 * Documentation/arch/arm64/cpu-feature-registers.rst): visible fields pass,
 * hidden ones read as their safe value.  ID_AA64PFR0: EL0 and EL1 read 1
 * (AArch64 only), EL2, EL3, GIC, RAS... 0; FP, AdvSIMD, SVE, DIT pass.
 * ID_AA64DFR0: only DebugVer, as 6.  ID_AA64MMFR0: ECV passes, TGran4 and
 * TGran64 read 0xf, TGran16 0.  ID_AA64MMFR1: only AFP.  ID_AA64ISAR0:
 * all but TLB and TME.  REVIDR: 0.  MIDR: itself.
 */
static void test_el0_view_rules(void **state)
{
    (void)state;
    ARMCPUModel ones;
    memset(&ones, 0xff, sizeof(ones));
    ones.name = "ones";
    static const struct {
        ARMIdReg r;
        uint64_t want;
    } cases[] = {
        { ARM_ID_AA64PFR0, 0x000f000f00ff0011ull },
        { ARM_ID_AA64DFR0, 0x6 },
        { ARM_ID_AA64MMFR0, 0xf0000000ff000000ull },
        { ARM_ID_AA64MMFR1, 0x0000f00000000000ull },
        { ARM_ID_AA64MMFR2, 0x0000000f00000000ull },
        { ARM_ID_AA64ISAR0, 0xf0fffffff0fffff0ull },
        { ARM_ID_AA64AFR0, 0 },
        { ARM_ID_REVIDR, 0 },
        { ARM_ID_MIDR, ~0ull },
        { ARM_ID_CTR, ~0ull },
        { ARM_ID_CLIDR, 0 },   /* not readable at EL0 */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(arm_id_reg_el0_view(&ones, cases[i].r), cases[i].want);
    }
    /* The AArch32 registers Linux emulates read as zero without AArch32
     * at EL0 (it fills them only with: init_32bit_cpu_features). */
    for (ARMIdReg r = ARM_ID_ISAR0; r <= ARM_ID_MMFR5; r++) {
        assert_int_equal(arm_id_reg_el0_view(&ones, r), 0);
    }
}

/* max shows its features at EL0 (Atomic, LRCPC visible) but not LO,
 * which Linux hides (qemu-aarch64 7.2 -cpu max shows MMFR1 = 0 too). */
static void test_max_el0_view(void **state)
{
    (void)state;
    const ARMCPUModel *m = arm_cpu_model_find("max");
    assert_int_equal(arm_id_reg_el0_view(m, ARM_ID_AA64ISAR0), 0x211120);
    assert_int_equal(arm_id_reg_el0_view(m, ARM_ID_AA64ISAR1), 0x200000);
    assert_int_equal(arm_id_reg_el0_view(m, ARM_ID_AA64MMFR1), 0);
    assert_int_equal(arm_id_reg_el0_view(m, ARM_ID_MIDR), 0x000f0510);
}

/* ---- HWCAPs ---- */

static int field(uint64_t reg, int pos)
{
    return (reg >> pos) & 0xf;
}

static int sfield(uint64_t reg, int pos)
{
    int v = field(reg, pos);
    return v >= 8 ? v - 16 : v;
}

/* The HWCAPs Linux sets from the EL0-visible ID fields (cpufeature.c's
 * arm64_elf_hwcaps); CPUID whenever it emulates MRS, i.e. always. */
static uint64_t hwcaps_from_id_regs(const ARMCPUModel *m)
{
    uint64_t pfr0 = arm_id_reg_el0_view(m, ARM_ID_AA64PFR0);
    uint64_t isar0 = arm_id_reg_el0_view(m, ARM_ID_AA64ISAR0);
    uint64_t isar1 = arm_id_reg_el0_view(m, ARM_ID_AA64ISAR1);
    uint64_t h = ARM_HWCAP_CPUID;
    h |= sfield(pfr0, 16) >= 0 ? ARM_HWCAP_FP : 0;
    h |= sfield(pfr0, 16) >= 1 ? ARM_HWCAP_FPHP : 0;
    h |= sfield(pfr0, 20) >= 0 ? ARM_HWCAP_ASIMD : 0;
    h |= sfield(pfr0, 20) >= 1 ? ARM_HWCAP_ASIMDHP : 0;
    h |= field(isar0, 4) >= 1 ? ARM_HWCAP_AES : 0;
    h |= field(isar0, 4) >= 2 ? ARM_HWCAP_PMULL : 0;
    h |= field(isar0, 8) >= 1 ? ARM_HWCAP_SHA1 : 0;
    h |= field(isar0, 12) >= 1 ? ARM_HWCAP_SHA2 : 0;
    h |= field(isar0, 16) >= 1 ? ARM_HWCAP_CRC32 : 0;
    h |= field(isar0, 20) >= 2 ? ARM_HWCAP_ATOMICS : 0;
    h |= field(isar1, 20) >= 1 ? ARM_HWCAP_LRCPC : 0;
    h |= field(isar1, 20) >= 2 ? ARM_HWCAP_ILRCPC : 0;
    return h;
}

static void test_hwcaps_follow_id_regs(void **state)
{
    (void)state;
    const char *names[] = { "cortex-a57", "max" };
    for (size_t i = 0; i < 2; i++) {
        const ARMCPUModel *m = arm_cpu_model_find(names[i]);
        assert_int_equal(m->hwcap, hwcaps_from_id_regs(m));
        assert_int_equal(m->hwcap2, 0);
    }
}

/* ---- the table and bad input ---- */

static void test_table_and_bad_input(void **state)
{
    (void)state;
    const ARMCPUModel *m = arm_cpu_model_find("cortex-a57");
    for (unsigned r = 0; r < ARM_ID_COUNT; r++) {
        const ARMIdRegInfo *info = &arm_id_regs[r];
        assert_non_null(info->name);   /* no hole in the table */
        assert_true(info->offset + sizeof(uint64_t) <= sizeof(ARMCPUModel));
        assert_int_equal(arm_id_reg_find(info->op0, info->op1, info->crn,
                                         info->crm, info->op2), r);
    }
    assert_int_equal(arm_id_reg_find(3, 0, 0, 7, 7), ARM_ID_COUNT);
    assert_int_equal(arm_id_reg_find(0xff, 0xff, 0xff, 0xff, 0xff), ARM_ID_COUNT);
    assert_int_equal(arm_id_reg_raw(m, ARM_ID_COUNT), 0);
    assert_int_equal(arm_id_reg_el0_view(m, ARM_ID_COUNT), 0);
    assert_int_equal(arm_id_reg_el0_view(m, (ARMIdReg)-1), 0);
    assert_null(arm_cpu_model_find("cortex-a53"));
    assert_null(arm_cpu_model_find(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a57_matches_qemu),
        cmocka_unit_test(test_max_is_a57_plus_features),
        cmocka_unit_test(test_probe_covers_model),
        cmocka_unit_test(test_reserved_id_space),
        cmocka_unit_test(test_debug_and_pmu_counts),
        cmocka_unit_test(test_a57_el0_view),
        cmocka_unit_test(test_el0_view_rules),
        cmocka_unit_test(test_max_el0_view),
        cmocka_unit_test(test_hwcaps_follow_id_regs),
        cmocka_unit_test(test_table_and_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
