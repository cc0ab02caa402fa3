/*
 * What sticks when EL0 writes all-ones to each system register it may
 * write: bits the modelled CPU does not hold are RES0 or RAZ/WI.  mimic's
 * cortex-a57 and max have no AArch32 at EL0 (ID_AA64PFR0_EL1.EL0 = 1) and
 * no half-precision arithmetic, so FPCR keeps AHP DN FZ RMode only, and
 * FPSR only QC and the cumulative flags.  qemu-aarch64 7.2's cortex-a57
 * has AArch32 at EL0 (it keeps FPCR.Len/Stride and FPSR.NZCV) and keeps
 * FPCR.FZ16 without FP16: its oracle run is an expected failure.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <ucontext.h>

/* A handler that sets every bit of the FPCR and FPSR saved in its frame:
 * rt_sigreturn writes them back as MSR would. */
static void set_saved_fp_ones(int sig, siginfo_t *si, void *puc)
{
    ucontext_t *uc = puc;
    unsigned char *p = uc->uc_mcontext.__reserved;
    for (;;) {
        struct { uint32_t magic, size; } *h = (void *)p;
        if (h->magic == 0 || h->size == 0) {
            break;
        }
        if (h->magic == 0x46508001) {             /* FPSIMD_MAGIC */
            uint32_t *regs = (uint32_t *)(p + 8);  /* fpsr, fpcr */
            regs[0] = ~0u;
            regs[1] = ~0u;
        }
        p += h->size;
    }
}

int main(void)
{
    uint64_t v, ones = ~0ull, save;
    __asm__ volatile("mrs %0, fpcr" : "=r"(save));
    __asm__ volatile("msr fpcr, %1\n\tmrs %0, fpcr" : "=r"(v) : "r"(ones));
    __asm__ volatile("msr fpcr, %0" : : "r"(save));
    printf("sysreg: FPCR keeps %08lx\n", (unsigned long)v);
    __asm__ volatile("mrs %0, fpsr" : "=r"(save));
    __asm__ volatile("msr fpsr, %1\n\tmrs %0, fpsr" : "=r"(v) : "r"(ones));
    __asm__ volatile("msr fpsr, %0" : : "r"(save));
    printf("sysreg: FPSR keeps %08lx\n", (unsigned long)v);
    __asm__ volatile("msr nzcv, %1\n\tmrs %0, nzcv" : "=r"(v) : "r"(ones) : "cc");
    printf("sysreg: NZCV keeps %08lx\n", (unsigned long)v);
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(save));
    __asm__ volatile("msr tpidr_el0, %1\n\tmrs %0, tpidr_el0" : "=r"(v) : "r"(ones));
    __asm__ volatile("msr tpidr_el0, %0" : : "r"(save));
    printf("sysreg: TPIDR_EL0 keeps %016lx\n", (unsigned long)v);

    struct sigaction sa = { .sa_sigaction = set_saved_fp_ones, .sa_flags = SA_SIGINFO };
    sigaction(SIGUSR1, &sa, NULL);
    uint64_t fpcr_save, fpcr, fpsr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr_save));
    raise(SIGUSR1);
    __asm__ volatile("mrs %0, fpcr\n\tmrs %1, fpsr" : "=r"(fpcr), "=r"(fpsr));
    __asm__ volatile("msr fpcr, %0\n\tmsr fpsr, xzr" : : "r"(fpcr_save));
    printf("sigreturn: FPCR keeps %08lx, FPSR keeps %08lx\n", (unsigned long)fpcr,
           (unsigned long)fpsr);
    return 0;
}
