/* Owns: non-local jumps and signal delivery as a guest sees them:
 * setjmp/longjmp (nested), sigaction with siginfo, sigprocmask and pending
 * signals, nested handlers, sigaltstack, synchronous faults (SIGSEGV on a
 * near-NULL pointer and on a read-only page, SIGILL, SIGTRAP, SIGBUS) with
 * si_code/si_addr, siglongjmp out of a handler, and handlers that edit the
 * ucontext (registers at the fault must be exact; resume at pc + 4). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static jmp_buf jb;
static int depth_reached;

static void dive(int depth)
{
    depth_reached = depth;
    if (depth == 10)
        longjmp(jb, depth * 100);
    if (depth < 100)
        dive(depth + 1);
}

static void test_setjmp(void)
{
    volatile int count = 0;
    int r = setjmp(jb);
    if (r < 5) {
        count++;
        longjmp(jb, r + 1);
    }
    printf("setjmp loop: r=%d count=%d\n", r, count);
    r = setjmp(jb);
    if (r == 0)
        dive(1);
    printf("nested longjmp: r=%d depth=%d\n", r, depth_reached);
    r = setjmp(jb);
    if (r == 0)
        longjmp(jb, 0);
    printf("longjmp(0) gives %d\n", r);
}

static volatile int got_signo, got_code, got_pid_ok, handler_calls, nested_seen, on_altstack;
static char altstack[65536];

static void on_usr(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    handler_calls++;
    got_signo = si->si_signo;
    got_code = si->si_code;
    got_pid_ok = si->si_pid == getpid();
    char local;
    on_altstack = &local >= altstack && &local < altstack + sizeof(altstack);
    if (sig == SIGUSR1 && handler_calls == 1)
        raise(SIGUSR2);     /* different signal: nests */
}

static void on_usr2(int sig)
{
    (void)sig;
    nested_seen = handler_calls;
}

static void test_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_usr;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGUSR2, on_usr2);

    raise(SIGUSR1);
    printf("raise: calls=%d signo=%d code=%d (SI_TKILL=%d) pid_ok=%d nested_usr2_at=%d\n",
           handler_calls, got_signo, got_code, SI_TKILL, got_pid_ok, nested_seen);

    kill(getpid(), SIGUSR1);
    printf("kill: calls=%d code=%d (SI_USER=%d) pid_ok=%d\n", handler_calls, got_code,
           SI_USER, got_pid_ok);

    sigset_t set, old, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    sigpending(&pend);
    printf("blocked: calls=%d pending=%d\n", handler_calls, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    sigpending(&pend);
    printf("unblocked: calls=%d pending=%d\n", handler_calls, sigismember(&pend, SIGUSR1));

    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0};
    sigaltstack(&ss, NULL);
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("sigaltstack: calls=%d on_altstack=%d\n", handler_calls, on_altstack);
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("no SA_ONSTACK: calls=%d on_altstack=%d\n", handler_calls, on_altstack);
}

static sigjmp_buf sjb;
static volatile int f_signo, f_code;
static volatile uintptr_t f_addr;

static void on_fault_jump(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    f_signo = sig;
    f_code = si->si_code;
    f_addr = (uintptr_t)si->si_addr;
    siglongjmp(sjb, 1);
}

static void test_faults(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault_jump;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    if (sigsetjmp(sjb, 1) == 0) {
        volatile int *volatile p = (volatile int *)0x10;
        *p;
        printf("NULL read: no fault?\n");
    } else {
        printf("NULL read: sig=%d code=%d (SEGV_MAPERR=%d) si_addr=%#lx\n", f_signo, f_code,
               SEGV_MAPERR, (unsigned long)f_addr);
    }
    sigset_t cur;
    sigprocmask(SIG_SETMASK, NULL, &cur);
    printf("after siglongjmp: SIGSEGV blocked=%d\n", sigismember(&cur, SIGSEGV));

    char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sigsetjmp(sjb, 1) == 0) {
        page[123] = 1;
        printf("read-only write: no fault?\n");
    } else {
        printf("read-only write: sig=%d code=%d (SEGV_ACCERR=%d) offset=%ld\n", f_signo,
               f_code, SEGV_ACCERR, (long)(f_addr - (uintptr_t)page));
    }
    munmap(page, 4096);

    /* SIGBUS: touching a file mapping beyond the end of the file */
    char path[] = "/tmp/mimic-sigbus-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0 && write(fd, "x", 1) == 1) {
        char *m = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
        unlink(path);
        if (sigsetjmp(sjb, 1) == 0) {
            volatile char c = m[4096 + 5];
            (void)c;
            printf("beyond EOF: no fault?\n");
        } else {
            printf("beyond EOF: sig=%d code=%d (BUS_ADRERR=%d) offset=%ld\n", f_signo,
                   f_code, BUS_ADRERR, (long)(f_addr - (uintptr_t)m));
        }
        munmap(m, 8192);
        close(fd);
    }
}

/* handlers that edit the context and resume after the faulting instruction */
static volatile uint64_t seen_regs[6];
static volatile int seen_sig, seen_code, pc_ok;
static volatile uintptr_t seen_addr;

static void on_fault_resume(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    seen_sig = sig;
    /* SIGILL's si_code is not compared: Linux says ILL_ILLOPC, qemu-user 7.2
     * (the oracle) says ILL_ILLOPN. */
    seen_code = sig == SIGILL ? -1 : si->si_code;
    seen_addr = (uintptr_t)si->si_addr;
    for (int i = 0; i < 6; i++)
        seen_regs[i] = uc->uc_mcontext.regs[i];
    pc_ok = sig == SIGSEGV || sig == SIGBUS || (uintptr_t)si->si_addr == uc->uc_mcontext.pc;
    uc->uc_mcontext.regs[0] = 0xfeedULL;   /* visible after resuming */
    uc->uc_mcontext.pc += 4;
}

#define FAULT(insn, name)                                                     \
    do {                                                                      \
        uint64_t r0;                                                          \
        asm volatile("mov x0, #1\n\tmov x1, #0x11\n\tmov x2, #0x22\n\t"          \
                     "mov x3, #0x33\n\tmov x4, %1\n\tmov x5, #0x55\n\t" insn "\n\t" \
                     "mov %0, x0"                                             \
                     : "=r"(r0) : "r"(addr)                                   \
                     : "x0", "x1", "x2", "x3", "x4", "x5", "memory");           \
        printf("%-12s sig=%d code=%d x0 after=%#lx regs at fault: %lx %lx %lx %lx %s %lx" \
               " pc_ok=%d\n", name, seen_sig, seen_code, (unsigned long)r0,    \
               (unsigned long)seen_regs[0], (unsigned long)seen_regs[1],       \
               (unsigned long)seen_regs[2], (unsigned long)seen_regs[3],       \
               seen_regs[4] == (uint64_t)addr ? "addr" : "?",                  \
               (unsigned long)seen_regs[5], pc_ok);                            \
        seen_sig = 0;                                                         \
    } while (0)

static void test_resume(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault_resume;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    uintptr_t addr = 0x18;
    FAULT("ldr x0, [x4]", "segv ldr");
    FAULT("stp x2, x3, [x4, #8]!", "segv stp wb");
    printf("  si_addr=%#lx\n", (unsigned long)seen_addr);
    FAULT(".inst 0x00000000", "udf");
    FAULT(".inst 0xffffffff", "undef word");
    FAULT("brk #1000", "brk");
    static uint64_t aligned8[4];
    addr = (uintptr_t)aligned8 + 1;
    FAULT("ldxr x0, [x4]", "ldxr unalign");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_setjmp();
    test_signals();
    test_faults();
    test_resume();
    printf("done\n");
    return 0;
}
