/*
 * Guest signals: dispositions (process-wide), masks and queues (per
 * thread), the host handlers that catch signals meant for the guest, and
 * delivery at block boundaries.
 *
 * The host mirrors the guest: a guest SIG_DFL or SIG_IGN is the host's
 * too (so the kernel itself stops, ignores or reaps as Linux would), a
 * guest handler becomes a host handler that queues the signal on the
 * thread and asks the CPU to leave translated code (cpu_exit), and the
 * host thread mask follows the guest mask.  Exceptions, because mimic
 * must not be the one to die or dump core: SIGSEGV and SIGBUS always go
 * to the fault handler (guest faults, code-page writes, mimic's own bugs);
 * core-dumping signals with a guest SIG_DFL are caught and their default
 * action emulated without a core of mimic.
 *
 * Host handlers are installed with the raw rt_sigaction so that the
 * signals the host C library reserves for itself (32, 33) can be given to
 * the guest, whose C library uses them the same way.
 */
#include <errno.h>
#include <execinfo.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "aarch64-abi.h"
#include "gdbstub/gdbstub.h"
#include "tcg/log.h"
#include "tcg/tb.h"
#include "user.h"

__thread TaskState *thread_ts;

static TargetSigaction sigact[TARGET_NSIG + 1];
static pthread_mutex_t sigact_lock = PTHREAD_MUTEX_INITIALIZER;

#define SIGBIT(s) (1ull << ((s) - 1))

/* Signals mimic never blocks on the host: its own fault handling. */
#define HOST_NEVER_BLOCKED (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS))
/* Signals whose default action dumps core. */
#define CORE_SIGNALS (SIGBIT(SIGQUIT) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) |     \
                      SIGBIT(SIGABRT) | SIGBIT(SIGBUS) | SIGBIT(SIGFPE) |      \
                      SIGBIT(SIGSEGV) | SIGBIT(SIGSYS) | SIGBIT(SIGXCPU) |     \
                      SIGBIT(SIGXFSZ))
#define IGNORE_SIGNALS (SIGBIT(SIGCHLD) | SIGBIT(SIGURG) | SIGBIT(SIGWINCH) |  \
                        SIGBIT(SIGCONT))
#define STOP_SIGNALS (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) |    \
                      SIGBIT(SIGTTOU))

/* ---- raw host sigaction ---- */

#define HOST_SA_RESTORER 0x04000000

struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};

void mimic_sigreturn(void);
__asm__(".text\n"
        ".globl mimic_sigreturn\n"
        ".type mimic_sigreturn, @function\n"
        "mimic_sigreturn:\n"
        "    mov $15, %eax\n"            /* rt_sigreturn */
        "    syscall\n"
        "    hlt\n"
        ".size mimic_sigreturn, .-mimic_sigreturn\n");

static int host_sigaction(int sig, void *handler, unsigned long flags, uint64_t mask)
{
    struct kernel_sigaction ka = {
        .handler = handler,
        .flags = flags | HOST_SA_RESTORER,
        .restorer = mimic_sigreturn,
        .mask = mask,
    };
    return syscall(SYS_rt_sigaction, sig, &ka, NULL, 8);
}

void host_sigset_from_guest(sigset_t *set, uint64_t mask)
{
    sigemptyset(set);
    mask &= ~HOST_NEVER_BLOCKED;
    for (int s = 1; s <= TARGET_NSIG; s++) {
        if (mask & SIGBIT(s)) {
            /* glibc's sigaddset refuses 32 and 33: set the bit directly. */
            ((unsigned long *)set)[0] |= 1ul << (s - 1);
        }
    }
}

uint64_t guest_mask_from_host(const sigset_t *set)
{
    return ((const unsigned long *)set)[0];
}

static void host_set_mask(uint64_t guest_mask)
{
    sigset_t set;
    host_sigset_from_guest(&set, guest_mask);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, 8);
}

/* Blocks every signal but the fault ones; returns the old host mask. */
static uint64_t block_async(void)
{
    uint64_t all = ~HOST_NEVER_BLOCKED, old;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &all, &old, 8);
    return old;
}

static void restore_mask(uint64_t old)
{
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8);
}

void set_guest_sigmask(TaskState *ts, uint64_t mask)
{
    mask &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    ts->sigmask = mask;
    host_set_mask(mask);
}

/* ---- host handlers ---- */

static __attribute__((noreturn)) void internal_fault(const char *what, int sig,
                                                     siginfo_t *info, void *puc)
{
    ucontext_t *uc = puc;
    char buf[256];
    int n = snprintf(buf, sizeof(buf),
                     "mimic: internal error: %s (signal %d) at PC 0x%llx address %p\n",
                     what, sig, (unsigned long long)uc->uc_mcontext.gregs[REG_RIP],
                     info->si_addr);
    if (write(2, buf, n) < 0) {
        /* nothing more to say */
    }
    void *frames[32];
    int nf = backtrace(frames, 32);
    backtrace_symbols_fd(frames, nf, 2);
    host_sigaction(SIGABRT, SIG_DFL, 0, 0);
    abort();
}

static void queue_from_host(int sig, siginfo_t *info, ucontext_t *uc)
{
    TaskState *ts = thread_ts;
    if (!ts) {
        return;
    }
    ts->queue[sig].info = *info;
    ts->queue[sig].sync = false;
    __atomic_or_fetch(&ts->pending, SIGBIT(sig), __ATOMIC_RELEASE);
    ts->signal_pending = 1;
    if (ts->cpu) {
        cpu_exit(&ts->cpu->parent);
    }
    /* Caught between the last check and the syscall: do not let it block. */
    greg_t *pc = &uc->uc_mcontext.gregs[REG_RIP];
    if (*pc >= (greg_t)(uintptr_t)safe_syscall_start &&
        *pc < (greg_t)(uintptr_t)safe_syscall_end) {
        *pc = (greg_t)(uintptr_t)safe_syscall_interrupted;
    }
}

static void host_async_handler(int sig, siginfo_t *info, void *puc)
{
    int saved_errno = errno;
    if ((sig == SIGILL || sig == SIGFPE || sig == SIGTRAP || sig == SIGSYS) &&
        info->si_code > 0) {
        /* Raised by an instruction of mimic itself. */
        internal_fault("host exception", sig, info, puc);
    }
    queue_from_host(sig, info, puc);
    errno = saved_errno;
}

/* SIGSEGV/SIGBUS: a write to a page we protected for its code, a guest
 * access that faulted, a signal sent by someone, or a bug in mimic. */
static void host_fault_handler(int sig, siginfo_t *info, void *puc)
{
    int saved_errno = errno;
    ucontext_t *uc = puc;
    if (info->si_code <= 0) {
        /* kill(), tgkill(), sigqueue(): not a fault. */
        queue_from_host(sig, info, uc);
        errno = saved_errno;
        return;
    }
    uintptr_t host_addr = (uintptr_t)info->si_addr;
    uintptr_t pc = uc->uc_mcontext.gregs[REG_RIP];
    bool in_guest = host_addr >= guest_base &&
                    host_addr - guest_base < guest_space_size + GUEST_SPACE_GUARD;
    if (in_guest && sig == SIGSEGV) {
        uint64_t gaddr = host_addr - guest_base;
        bool is_write = uc->uc_mcontext.gregs[REG_ERR] & 2;
        if (is_write && page_unprotect(gaddr)) {
            errno = saved_errno;
            return;
        }
    }
    CPUState *cpu = current_cpu;
    bool jit_access = in_guest && cpu && cpu->in_exec && jit_host_pc_is_guest_access(pc);
    if (jit_access) {
        jit_restore_state(cpu, uc);
    }
    if (in_guest && cpu && cpu->in_exec && (host_pc_is_guest_access(pc) || jit_access)) {
        uint64_t gaddr = host_addr - guest_base;
        int f = page_get_flags(gaddr);
        cpu->exception_addr = gaddr;
        if (sig == SIGBUS) {
            cpu->exception_code = MEM_FAULT_BUS | BUS_ADRERR;
        } else {
            cpu->exception_code = (f & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
        }
        cpu->exception_index = EXCP_MEM_FAULT;
        cpu_loop_exit_restore(cpu);
    }
    internal_fault(in_guest ? "host fault on guest memory outside the guest access path"
                            : "host fault", sig, info, puc);
}

#define HOST_FAULT_STACK_SIZE (256 * 1024)

void host_fault_init_thread(void)
{
    stack_t ss = {
        .ss_size = HOST_FAULT_STACK_SIZE,
        .ss_flags = 0,
    };
    ss.ss_sp = mmap(NULL, ss.ss_size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (ss.ss_sp != MAP_FAILED) {
        sigaltstack(&ss, NULL);
    }
}

void host_fault_fini_thread(void)
{
    stack_t ss, off = { .ss_flags = SS_DISABLE };
    if (sigaltstack(&off, &ss) == 0 && !(ss.ss_flags & SS_DISABLE) && ss.ss_sp) {
        munmap(ss.ss_sp, ss.ss_size);
    }
}

static bool is_async_emulated(int sig, const TargetSigaction *a)
{
    /* A core-dumping default is emulated (no core of mimic). */
    return a->handler == (uint64_t)(uintptr_t)SIG_DFL && (CORE_SIGNALS & SIGBIT(sig));
}

/* Makes the host disposition of sig match the guest's. */
static void update_host_action(int sig, const TargetSigaction *a)
{
    if (sig == SIGSEGV || sig == SIGBUS) {
        return;            /* always the fault handler */
    }
    if (sig == SIGKILL || sig == SIGSTOP) {
        return;
    }
    uint64_t all_async = ~HOST_NEVER_BLOCKED;
    if (a->handler == (uint64_t)(uintptr_t)SIG_IGN) {
        host_sigaction(sig, SIG_IGN, 0, 0);
    } else if (a->handler == (uint64_t)(uintptr_t)SIG_DFL && !is_async_emulated(sig, a)) {
        host_sigaction(sig, SIG_DFL, 0, 0);
    } else {
        unsigned long flags = SA_SIGINFO |
                              (a->flags & (SA_NOCLDSTOP | SA_NOCLDWAIT));
        host_sigaction(sig, host_async_handler, flags, all_async);
    }
}

void signal_init(void)
{
    for (int s = 1; s <= TARGET_NSIG; s++) {
        struct kernel_sigaction old;
        memset(&sigact[s], 0, sizeof(sigact[s]));
        if (s == SIGKILL || s == SIGSTOP) {
            continue;
        }
        /* Dispositions ignored at exec stay ignored for the new program. */
        if (syscall(SYS_rt_sigaction, s, NULL, &old, 8) == 0 &&
            old.handler == SIG_IGN && s != 32 && s != 33) {
            sigact[s].handler = (uint64_t)(uintptr_t)SIG_IGN;
        }
        if (s == 32 || s == 33) {
            continue;      /* the host C library's; touched only if the guest asks */
        }
        update_host_action(s, &sigact[s]);
    }
    host_sigaction(SIGSEGV, host_fault_handler, SA_SIGINFO | SA_NODEFER | SA_ONSTACK, 0);
    host_sigaction(SIGBUS, host_fault_handler, SA_SIGINFO | SA_NODEFER | SA_ONSTACK, 0);
}

void signal_fork_child(void)
{
    pthread_mutex_init(&sigact_lock, NULL);
}

TargetSigaction get_sigaction(int sig)
{
    pthread_mutex_lock(&sigact_lock);
    TargetSigaction a = sigact[sig];
    pthread_mutex_unlock(&sigact_lock);
    return a;
}

int64_t do_sigaction(int sig, const TargetSigaction *act, TargetSigaction *old)
{
    if (sig < 1 || sig > TARGET_NSIG) {
        return -EINVAL;
    }
    if (act && (sig == SIGKILL || sig == SIGSTOP)) {
        return -EINVAL;
    }
    pthread_mutex_lock(&sigact_lock);
    if (old) {
        *old = sigact[sig];
    }
    if (act) {
        sigact[sig] = *act;
        sigact[sig].mask &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
        update_host_action(sig, &sigact[sig]);
    }
    pthread_mutex_unlock(&sigact_lock);
    return 0;
}

/* ---- queueing and delivery ---- */

void queue_signal(TaskState *ts, int sig, const siginfo_t *info)
{
    uint64_t old = block_async();
    ts->queue[sig].info = *info;
    ts->queue[sig].sync = false;
    __atomic_or_fetch(&ts->pending, SIGBIT(sig), __ATOMIC_RELEASE);
    ts->signal_pending = 1;
    restore_mask(old);
    cpu_exit(&ts->cpu->parent);
}

void die_by_signal(int sig)
{
    user_print_stats();
    gdb_killed(sig);
    if (mimic_log_file) {
        fflush(mimic_log_file);
    }
    fflush(stderr);
    if (CORE_SIGNALS & SIGBIT(sig)) {
        struct rlimit rl = { 0, 0 };
        setrlimit(RLIMIT_CORE, &rl);
    }
    host_sigaction(sig, SIG_DFL, 0, 0);
    uint64_t unblock = SIGBIT(sig);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &unblock, NULL, 8);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
    /* Still here (a stop signal, or it could not be raised): */
    _exit(128 + sig);
}

/* The verdict on a syscall a signal interrupted, as arm64 Linux's
 * do_signal gives it: the first signal that runs a handler decides (ka
 * is its action), or, when none does (ignored, blocked, stopped and
 * continued), ka is NULL.  Restarting runs the SVC again with its first
 * argument; ERESTART_RESTARTBLOCK without a handler runs restart_syscall
 * instead, which resumes from ts->restart. */
static void resolve_interrupted_syscall(TaskState *ts, const TargetSigaction *ka)
{
    int64_t code = ts->syscall_restart;
    if (!code) {
        return;
    }
    ts->syscall_restart = 0;
    bool restart = ka ? code == -TARGET_ERESTARTSYS && (ka->flags & SA_RESTART)
                      : true;
    if (!restart) {
        return;               /* x0 already holds -EINTR */
    }
    CPUARMState *env = &ts->cpu->env;
    env->pc -= 4;
    env->xregs[0] = ts->syscall_orig_x0;
    if (!ka && code == -TARGET_ERESTART_RESTARTBLOCK) {
        env->xregs[8] = TARGET_NR_restart_syscall;
    }
}

static void deliver_signal(TaskState *ts, int sig, const siginfo_t *info)
{
    siginfo_t changed;
    if (gdb_attached()) {
        /* gdb hears of it first, and says which signal goes on (C sig),
         * if any. */
        int to = gdb_handle_stop(&ts->cpu->parent, sig);
        if (!to) {
            return;
        }
        if (to != sig) {
            memset(&changed, 0, sizeof(changed));
            changed.si_signo = to;
            changed.si_code = SI_USER;
            sig = to;
            info = &changed;
        }
    }
    TargetSigaction ka = get_sigaction(sig);
    if (ka.handler == (uint64_t)(uintptr_t)SIG_IGN) {
        return;
    }
    if (ka.handler == (uint64_t)(uintptr_t)SIG_DFL) {
        if (IGNORE_SIGNALS & SIGBIT(sig)) {
            return;
        }
        if (STOP_SIGNALS & SIGBIT(sig)) {
            kill(getpid(), SIGSTOP);
            return;
        }
        die_by_signal(sig);
    }
    resolve_interrupted_syscall(ts, &ka);
    uint64_t saved = ts->sigsuspend_active ? ts->saved_mask : ts->sigmask;
    ts->sigsuspend_active = false;
    if (!setup_rt_frame(ts, sig, &ka, info, saved)) {
        /* No room for the frame: as Linux, the process gets SIGSEGV. */
        die_by_signal(SIGSEGV);
    }
    uint64_t mask = ts->sigmask | ka.mask;
    if (!(ka.flags & SA_NODEFER)) {
        mask |= SIGBIT(sig);
    }
    if (ka.flags & SA_RESETHAND) {
        TargetSigaction dfl = { 0 };
        do_sigaction(sig, &dfl, NULL);
    }
    set_guest_sigmask(ts, mask);
}

void queue_sync_signal(TaskState *ts, int sig, int code, uint64_t addr)
{
    siginfo_t info;
    memset(&info, 0, sizeof(info));
    info.si_signo = sig;
    info.si_code = code;
    info.si_addr = (void *)(uintptr_t)addr;
    TargetSigaction ka = get_sigaction(sig);
    if ((ts->sigmask & SIGBIT(sig)) || ka.handler == (uint64_t)(uintptr_t)SIG_IGN) {
        /* A fault the guest cannot take is fatal, as force_sig_fault. */
        die_by_signal(sig);
    }
    deliver_signal(ts, sig, &info);
}

void process_pending_signals(TaskState *ts)
{
    for (;;) {
        uint64_t old = block_async();
        uint64_t ready = __atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) & ~ts->sigmask;
        if (!ready) {
            ts->signal_pending = 0;
            restore_mask(old);
            break;
        }
        int sig = __builtin_ctzll(ready) + 1;
        siginfo_t info = ts->queue[sig].info;
        __atomic_and_fetch(&ts->pending, ~SIGBIT(sig), __ATOMIC_RELEASE);
        restore_mask(old);
        deliver_signal(ts, sig, &info);
    }
    /* Interrupted, and nothing ran a handler: the call goes on. */
    resolve_interrupted_syscall(ts, NULL);
    if (ts->sigsuspend_active) {
        /* No handler ran: the mask from before rt_sigsuspend comes back. */
        ts->sigsuspend_active = false;
        set_guest_sigmask(ts, ts->saved_mask);
    }
}

/* ---- waiting for signals ---- */

/* Checks our queue and sleeps in the host with async signals blocked in
 * between, so a signal arriving at the wrong moment is never lost. */
int64_t do_sigsuspend(TaskState *ts, uint64_t mask)
{
    mask &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    uint64_t old = block_async();
    if (!(__atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) & ~mask)) {
        sigset_t hs;
        host_sigset_from_guest(&hs, mask);
        syscall(SYS_rt_sigsuspend, &hs, 8);
    }
    restore_mask(old);
    ts->saved_mask = ts->sigmask;
    ts->sigsuspend_active = true;
    set_guest_sigmask(ts, mask);
    return -EINTR;
}

/* Takes the lowest signal of set from our queue: its number, or 0. */
static int take_queued(TaskState *ts, uint64_t set, siginfo_t *info)
{
    uint64_t ready = __atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) & set;
    if (!ready) {
        return 0;
    }
    int sig = __builtin_ctzll(ready) + 1;
    if (info) {
        *info = ts->queue[sig].info;
    }
    __atomic_and_fetch(&ts->pending, ~SIGBIT(sig), __ATOMIC_RELEASE);
    return sig;
}

int64_t do_sigtimedwait(TaskState *ts, uint64_t set, siginfo_t *info,
                        const struct timespec *timeout)
{
    set &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    uint64_t old = block_async();
    int64_t ret = take_queued(ts, set, info);
    if (!ret) {
        /* The host waits under the guest's mask with the set blocked, so
         * that the wait, not a handler, takes those; another signal the
         * guest lets in runs its handler and ends the wait with EINTR, as
         * in Linux (safe_syscall: also one that comes just before). */
        sigset_t hs;
        host_sigset_from_guest(&hs, ts->sigmask | set);
        syscall(SYS_rt_sigprocmask, SIG_SETMASK, &hs, NULL, 8);
        host_sigset_from_guest(&hs, set);
        ret = safe_syscall(SYS_rt_sigtimedwait, (long)&hs, (long)info, (long)timeout, 8, 0, 0);
        block_async();
        if (ret == -EINTR || ret == -TARGET_ERESTARTNOINTR) {
            /* SIGSEGV and SIGBUS, which the host never blocks, come
             * through mimic's handler into our queue. */
            int sig = take_queued(ts, set, info);
            ret = sig ? sig : ret;
        }
    }
    restore_mask(old);
    return ret;
}

uint64_t pending_signals(TaskState *ts)
{
    uint64_t host_pending = 0;
    syscall(SYS_rt_sigpending, &host_pending, 8);
    return (__atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) | host_pending);
}
