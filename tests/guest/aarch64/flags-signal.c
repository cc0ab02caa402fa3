/* Owns: NZCV across a fault, with the flags in their lazy form
 * (target-arm/a64-flags.c): a compare (and an ADDS that overflows), then a
 * load that faults before anything reads the flags.  The SIGSEGV handler
 * must see the compare's NZCV in its ucontext; it then rewrites NZCV (Z and
 * C) and skips the load, and the code after it must branch on the
 * handler's flags, not on the compare's. */
#include <signal.h>
#include <stdio.h>
#include <ucontext.h>

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    printf("handler sees NZCV %x\n", (unsigned)(uc->uc_mcontext.pstate >> 28) & 0xf);
    uc->uc_mcontext.pc += 4;
    uc->uc_mcontext.pstate = (uc->uc_mcontext.pstate & ~0xf0000000ull) | 0x60000000;
}

int main(int argc, char **argv)
{
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO };
    sigaction(SIGSEGV, &sa, NULL);
    /* Values unknown at translation: argc is 1. */
    unsigned long a = argc, b = argc + 5, r, z;
    volatile unsigned long *bad = (void *)(unsigned long)(argc * 8);
    for (int i = 0; i < 3; i++) {
        /* N from the compare; then eq and cc on the handler's Z and C. */
        __asm__ volatile("cmp %2, %3\n\tldr %1, [%4]\n\tcset %0, eq\n\tcsinc %0, %0, %0, cc"
                         : "=&r"(r), "=&r"(z) : "r"(a + i), "r"(b), "r"(bad) : "cc", "memory");
        printf("cmp, fault: %lu\n", r);
        /* N and V from the sum 2^63; then vs on the handler's V (clear). */
        __asm__ volatile("adds %1, %2, %3\n\tldr %1, [%4]\n\tcset %0, vs"
                         : "=&r"(r), "=&r"(z) : "r"(a << 62), "r"(a << 62), "r"(bad)
                         : "cc", "memory");
        printf("adds, fault: %lu\n", r);
    }
    return 0;
}
