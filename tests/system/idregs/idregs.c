/*
 * Bare-metal probe: reads, at EL1, every ID and implementation register
 * Linux reads at boot (arch/arm64/kernel/cpuinfo.c __cpuinfo_store_cpu,
 * the PMU driver's PMCR/PMCEID, the cache geometry through CSSELR and
 * CCSIDR) and prints NAME=0x<16 hex digits>, one per line, through
 * semihosting.  Run under qemu-system-aarch64 -M virt it is the oracle
 * for mimic's CPU model table (tests/unit/test-cpu-models.c reads the
 * output in this folder).  Registers the assembler may not know are named
 * by their S3_<op1>_C<n>_C<m>_<op2> encodings.
 */
#include <stdint.h>

/* Semihosting (Arm "Semihosting for AArch32 and AArch64", 2.2): HLT
 * #0xF000 with the operation in W0 and its parameter in X1. */
static uint64_t semihost(uint64_t op, const void *param)
{
    register uint64_t x0 __asm__("x0") = op;
    register const void *x1 __asm__("x1") = param;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

enum { SYS_WRITE0 = 0x04, SYS_EXIT = 0x18 };
enum { ADP_Stopped_ApplicationExit = 0x20026 };

static void put(const char *s)
{
    semihost(SYS_WRITE0, s);
}

static void put_reg(const char *name, uint64_t v)
{
    char line[64];
    int n = 0;
    while (*name && n < 40) {
        line[n++] = *name++;
    }
    line[n++] = '=';
    line[n++] = '0';
    line[n++] = 'x';
    for (int shift = 60; shift >= 0; shift -= 4) {
        line[n++] = "0123456789abcdef"[(v >> shift) & 0xf];
    }
    line[n++] = '\n';
    line[n] = 0;
    put(line);
}

/* One reader per register: MRS takes the register as an immediate. */
#define ID_REGS(X) \
    X(MIDR_EL1, "S3_0_C0_C0_0") \
    X(REVIDR_EL1, "S3_0_C0_C0_6") \
    X(MPIDR_EL1, "S3_0_C0_C0_5") \
    X(AIDR_EL1, "S3_1_C0_C0_7") \
    X(CTR_EL0, "S3_3_C0_C0_1") \
    X(DCZID_EL0, "S3_3_C0_C0_7") \
    X(CLIDR_EL1, "S3_1_C0_C0_1") \
    X(CNTFRQ_EL0, "S3_3_C14_C0_0") \
    X(ID_PFR0_EL1, "S3_0_C0_C1_0") \
    X(ID_PFR1_EL1, "S3_0_C0_C1_1") \
    X(ID_DFR0_EL1, "S3_0_C0_C1_2") \
    X(ID_AFR0_EL1, "S3_0_C0_C1_3") \
    X(ID_MMFR0_EL1, "S3_0_C0_C1_4") \
    X(ID_MMFR1_EL1, "S3_0_C0_C1_5") \
    X(ID_MMFR2_EL1, "S3_0_C0_C1_6") \
    X(ID_MMFR3_EL1, "S3_0_C0_C1_7") \
    X(ID_ISAR0_EL1, "S3_0_C0_C2_0") \
    X(ID_ISAR1_EL1, "S3_0_C0_C2_1") \
    X(ID_ISAR2_EL1, "S3_0_C0_C2_2") \
    X(ID_ISAR3_EL1, "S3_0_C0_C2_3") \
    X(ID_ISAR4_EL1, "S3_0_C0_C2_4") \
    X(ID_ISAR5_EL1, "S3_0_C0_C2_5") \
    X(ID_MMFR4_EL1, "S3_0_C0_C2_6") \
    X(ID_ISAR6_EL1, "S3_0_C0_C2_7") \
    X(MVFR0_EL1, "S3_0_C0_C3_0") \
    X(MVFR1_EL1, "S3_0_C0_C3_1") \
    X(MVFR2_EL1, "S3_0_C0_C3_2") \
    X(ID_PFR2_EL1, "S3_0_C0_C3_4") \
    X(ID_DFR1_EL1, "S3_0_C0_C3_5") \
    X(ID_MMFR5_EL1, "S3_0_C0_C3_6") \
    X(ID_AA64PFR0_EL1, "S3_0_C0_C4_0") \
    X(ID_AA64PFR1_EL1, "S3_0_C0_C4_1") \
    X(ID_AA64ZFR0_EL1, "S3_0_C0_C4_4") \
    X(ID_AA64SMFR0_EL1, "S3_0_C0_C4_5") \
    X(ID_AA64DFR0_EL1, "S3_0_C0_C5_0") \
    X(ID_AA64DFR1_EL1, "S3_0_C0_C5_1") \
    X(ID_AA64AFR0_EL1, "S3_0_C0_C5_4") \
    X(ID_AA64AFR1_EL1, "S3_0_C0_C5_5") \
    X(ID_AA64ISAR0_EL1, "S3_0_C0_C6_0") \
    X(ID_AA64ISAR1_EL1, "S3_0_C0_C6_1") \
    X(ID_AA64ISAR2_EL1, "S3_0_C0_C6_2") \
    X(ID_AA64MMFR0_EL1, "S3_0_C0_C7_0") \
    X(ID_AA64MMFR1_EL1, "S3_0_C0_C7_1") \
    X(ID_AA64MMFR2_EL1, "S3_0_C0_C7_2") \
    /* Newer kernels read these too; reserved encodings in Armv8.0, which \
     * read as zero (the ID space's rule). */ \
    X(ID_AA64PFR2_EL1, "S3_0_C0_C4_2") \
    X(ID_AA64FPFR0_EL1, "S3_0_C0_C4_7") \
    X(ID_AA64ISAR3_EL1, "S3_0_C0_C6_3") \
    X(ID_AA64MMFR3_EL1, "S3_0_C0_C7_3") \
    X(ID_AA64MMFR4_EL1, "S3_0_C0_C7_4") \
    X(PMCR_EL0, "S3_3_C9_C12_0") \
    X(PMCEID0_EL0, "S3_3_C9_C12_6") \
    X(PMCEID1_EL0, "S3_3_C9_C12_7")

#define READER(name, enc) \
    static uint64_t read_##name(void) \
    { \
        uint64_t v; \
        __asm__ volatile("mrs %0, " enc : "=r"(v)); \
        return v; \
    }
ID_REGS(READER)

static const struct {
    const char *name;
    uint64_t (*read)(void);
} regs[] = {
#define ENTRY(name, enc) { #name, read_##name },
    ID_REGS(ENTRY)
};

/* CCSIDR_EL1 of the cache CSSELR_EL1 selects: Level (3:1), InD (0). */
static uint64_t read_ccsidr(unsigned level, unsigned ind)
{
    uint64_t v;
    __asm__ volatile("msr S3_2_C0_C0_0, %1\n\tisb\n\tmrs %0, S3_1_C0_C0_0"
                     : "=r"(v) : "r"((uint64_t)((level - 1) << 1 | ind)));
    return v;
}

/* CLIDR_EL1.Ctype<n> (3 bits per level from bit 0): 1 instruction only,
 * 2 data only, 3 separate, 4 unified; 0 ends the hierarchy. */
static void put_caches(uint64_t clidr)
{
    for (unsigned level = 1; level <= 7; level++) {
        unsigned ctype = (clidr >> (3 * (level - 1))) & 7;
        if (ctype == 0) {
            break;
        }
        char name[] = "CCSIDR_EL1.L?D";
        name[12] = '0' + level;
        if (ctype >= 2) {
            put_reg(name, read_ccsidr(level, 0));
        }
        if (ctype == 1 || ctype == 3) {
            name[13] = 'I';
            put_reg(name, read_ccsidr(level, 1));
        }
    }
}

void main(void)
{
    for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        put_reg(regs[i].name, regs[i].read());
    }
    put_caches(read_CLIDR_EL1());
    static const uint64_t exit_block[2] = { ADP_Stopped_ApplicationExit, 0 };
    semihost(SYS_EXIT, exit_block);
}
