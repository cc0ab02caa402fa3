/*
 * What MRS of the ID registers returns at EL0 under Linux: the kernel
 * traps reads of op0=3, op1=0, CRn=0, CRm=0 (MIDR, MPIDR, REVIDR) and
 * CRm=2..7 and returns its sanitised view (HWCAP_CPUID,
 * Documentation/arch/arm64/cpu-feature-registers.rst); CTR_EL0,
 * DCZID_EL0 and CNTFRQ_EL0 EL0 reads itself.  Every encoding in the
 * emulated space is read, named ones and the reserved (zero) ones.
 * Reading another register (CRm=1, the AArch32 ID_PFR0...) is SIGILL.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

/* One reader per register: MRS takes the register as an immediate. */
#define READER(fn, enc) \
    static uint64_t fn(void) \
    { \
        uint64_t v; \
        __asm__ volatile("mrs %0, " enc : "=r"(v)); \
        return v; \
    }
#define CRM_READERS(crm) \
    READER(read_##crm##_0, "S3_0_C0_C" #crm "_0") READER(read_##crm##_1, "S3_0_C0_C" #crm "_1") \
    READER(read_##crm##_2, "S3_0_C0_C" #crm "_2") READER(read_##crm##_3, "S3_0_C0_C" #crm "_3") \
    READER(read_##crm##_4, "S3_0_C0_C" #crm "_4") READER(read_##crm##_5, "S3_0_C0_C" #crm "_5") \
    READER(read_##crm##_6, "S3_0_C0_C" #crm "_6") READER(read_##crm##_7, "S3_0_C0_C" #crm "_7")
#define CRM_ROW(crm) \
    { "S3_0_C0_C" #crm "_0", read_##crm##_0 }, { "S3_0_C0_C" #crm "_1", read_##crm##_1 }, \
    { "S3_0_C0_C" #crm "_2", read_##crm##_2 }, { "S3_0_C0_C" #crm "_3", read_##crm##_3 }, \
    { "S3_0_C0_C" #crm "_4", read_##crm##_4 }, { "S3_0_C0_C" #crm "_5", read_##crm##_5 }, \
    { "S3_0_C0_C" #crm "_6", read_##crm##_6 }, { "S3_0_C0_C" #crm "_7", read_##crm##_7 }

READER(read_midr, "midr_el1")
READER(read_mpidr, "mpidr_el1")
READER(read_revidr, "revidr_el1")
READER(read_ctr, "ctr_el0")
READER(read_dczid, "dczid_el0")
READER(read_cntfrq, "cntfrq_el0")
READER(read_id_pfr0, "S3_0_C0_C1_0")
CRM_READERS(2) CRM_READERS(3) CRM_READERS(4) CRM_READERS(5) CRM_READERS(6) CRM_READERS(7)

static const struct {
    const char *name;
    uint64_t (*read)(void);
} regs[] = {
    { "MIDR_EL1", read_midr },
    { "MPIDR_EL1", read_mpidr },
    { "REVIDR_EL1", read_revidr },
    { "CTR_EL0", read_ctr },
    { "DCZID_EL0", read_dczid },
    { "CNTFRQ_EL0", read_cntfrq },
    { "ID_PFR0_EL1", read_id_pfr0 },
    CRM_ROW(2), CRM_ROW(3), CRM_ROW(4), CRM_ROW(5), CRM_ROW(6), CRM_ROW(7),
};

static sigjmp_buf undef_jmp;

static void on_sigill(int sig)
{
    siglongjmp(undef_jmp, 1);
}

int main(void)
{
    signal(SIGILL, on_sigill);
    for (unsigned i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        if (sigsetjmp(undef_jmp, 1) == 0) {
            uint64_t v = regs[i].read();
            printf("%s=%016llx\n", regs[i].name, (unsigned long long)v);
        } else {
            printf("%s: SIGILL\n", regs[i].name);
        }
    }
    return 0;
}
