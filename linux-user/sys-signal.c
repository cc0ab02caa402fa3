/*
 * Signal syscalls: dispositions, masks, waiting, sending and the
 * alternate stack.  Signals a thread sends to itself are queued here
 * directly (so their default action is emulated without the host dumping
 * a core of mimic); signals for anyone else go through the host kernel.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "aarch64-abi.h"
#include "user.h"

#define SIGBIT(s) (1ull << ((s) - 1))

int64_t sys_rt_sigaction(TaskState *ts, const uint64_t *a)
{
    if (a[3] != 8) {
        return -EINVAL;
    }
    TargetSigaction act, old;
    if (a[1] && copy_from_user(&act, a[1], sizeof(act))) {
        return -EFAULT;
    }
    if (a[2] && !lock_user(a[2], sizeof(old), VERIFY_WRITE)) {
        return -EFAULT;
    }
    int64_t r = do_sigaction((int)a[0], a[1] ? &act : NULL, &old);
    if (r == 0 && a[2]) {
        copy_to_user(a[2], &old, sizeof(old));
    }
    return r;
}

int64_t sys_rt_sigprocmask(TaskState *ts, const uint64_t *a)
{
    if (a[3] != 8) {
        return -EINVAL;
    }
    uint64_t old = ts->sigmask, set;
    if (a[1]) {
        if (get_user_u64(&set, a[1])) {
            return -EFAULT;
        }
        uint64_t m;
        switch ((int)a[0]) {
        case SIG_BLOCK: m = old | set; break;
        case SIG_UNBLOCK: m = old & ~set; break;
        case SIG_SETMASK: m = set; break;
        default: return -EINVAL;
        }
        if (a[2] && put_user_u64(old, a[2])) {
            return -EFAULT;
        }
        set_guest_sigmask(ts, m);
        return 0;
    }
    if (a[2] && put_user_u64(old, a[2])) {
        return -EFAULT;
    }
    return 0;
}

int64_t sys_rt_sigreturn(TaskState *ts, const uint64_t *a)
{
    return do_rt_sigreturn(ts);
}

int64_t sys_rt_sigpending(TaskState *ts, const uint64_t *a)
{
    if (a[1] > 8) {
        return -EINVAL;
    }
    uint64_t p = pending_signals(ts) & ts->sigmask;
    return copy_to_user(a[0], &p, a[1]);
}

int64_t sys_rt_sigsuspend(TaskState *ts, const uint64_t *a)
{
    uint64_t mask;
    if (a[1] != 8) {
        return -EINVAL;
    }
    if (get_user_u64(&mask, a[0])) {
        return -EFAULT;
    }
    return do_sigsuspend(ts, mask);
}

int64_t sys_rt_sigtimedwait(TaskState *ts, const uint64_t *a)
{
    uint64_t set;
    if (a[3] != 8) {
        return -EINVAL;
    }
    if (get_user_u64(&set, a[0])) {
        return -EFAULT;
    }
    siginfo_t *info = NULL;
    if (a[1] && !(info = lock_user(a[1], sizeof(*info), VERIFY_WRITE))) {
        return -EFAULT;
    }
    struct timespec *tmo = NULL;
    if (a[2] && !(tmo = lock_user(a[2], sizeof(*tmo), VERIFY_READ))) {
        return -EFAULT;
    }
    return do_sigtimedwait(ts, set, info, tmo);
}

static void self_info(siginfo_t *info, int sig, int code)
{
    memset(info, 0, sizeof(*info));
    info->si_signo = sig;
    info->si_code = code;
    info->si_pid = getpid();
    info->si_uid = getuid();
}

/* True if sig for (pid, tid) is this very thread: then it is queued here. */
static bool to_self(TaskState *ts, int sig, bool process, int pid, int tid)
{
    if (sig <= 0 || sig > TARGET_NSIG || sig == SIGKILL || sig == SIGSTOP) {
        return false;
    }
    return process ? pid == getpid() : (tid == ts->tid && (pid < 0 || pid == getpid()));
}

int64_t sys_kill(TaskState *ts, const uint64_t *a)
{
    int pid = (int)a[0], sig = (int)a[1];
    if (to_self(ts, sig, true, pid, 0)) {
        siginfo_t info;
        self_info(&info, sig, SI_USER);
        queue_signal(ts, sig, &info);
        return 0;
    }
    return get_errno(kill(pid, sig));
}

int64_t sys_tkill(TaskState *ts, const uint64_t *a)
{
    int tid = (int)a[0], sig = (int)a[1];
    if (to_self(ts, sig, false, -1, tid)) {
        siginfo_t info;
        self_info(&info, sig, SI_TKILL);
        queue_signal(ts, sig, &info);
        return 0;
    }
    return get_errno(syscall(SYS_tkill, tid, sig));
}

int64_t sys_tgkill(TaskState *ts, const uint64_t *a)
{
    int pid = (int)a[0], tid = (int)a[1], sig = (int)a[2];
    if (to_self(ts, sig, false, pid, tid)) {
        siginfo_t info;
        self_info(&info, sig, SI_TKILL);
        queue_signal(ts, sig, &info);
        return 0;
    }
    return get_errno(syscall(SYS_tgkill, pid, tid, sig));
}

int64_t sys_rt_sigqueueinfo(TaskState *ts, const uint64_t *a)
{
    siginfo_t info;
    if (copy_from_user(&info, a[2], sizeof(info))) {
        return -EFAULT;
    }
    int pid = (int)a[0], sig = (int)a[1];
    if (to_self(ts, sig, true, pid, 0)) {
        info.si_signo = sig;
        queue_signal(ts, sig, &info);
        return 0;
    }
    return get_errno(syscall(SYS_rt_sigqueueinfo, pid, sig, &info));
}

int64_t sys_rt_tgsigqueueinfo(TaskState *ts, const uint64_t *a)
{
    siginfo_t info;
    if (copy_from_user(&info, a[3], sizeof(info))) {
        return -EFAULT;
    }
    int pid = (int)a[0], tid = (int)a[1], sig = (int)a[2];
    if (to_self(ts, sig, false, pid, tid)) {
        info.si_signo = sig;
        queue_signal(ts, sig, &info);
        return 0;
    }
    if (pid == getpid() && info.si_code >= 0) {
        /* To another thread of ours: a non-negative code would look like a
         * hardware fault to mimic's own SIGSEGV handler. */
        info.si_code = SI_QUEUE;
    }
    return get_errno(syscall(SYS_rt_tgsigqueueinfo, pid, tid, sig, &info));
}

int64_t sys_sigaltstack(TaskState *ts, const uint64_t *a)
{
    uint64_t sp = ts->cpu->env.xregs[31];
    target_stack_t old = {
        .ss_sp = ts->altstack_sp,
        .ss_flags = target_sas_flags(ts, sp) | (ts->altstack_flags & TARGET_SS_AUTODISARM),
        .ss_size = ts->altstack_size,
    };
    if (a[0]) {
        target_stack_t ss;
        if (copy_from_user(&ss, a[0], sizeof(ss))) {
            return -EFAULT;
        }
        if (target_sas_flags(ts, sp) == TARGET_SS_ONSTACK) {
            return -EPERM;
        }
        int mode = ss.ss_flags & ~(int32_t)TARGET_SS_AUTODISARM;
        if (mode != TARGET_SS_DISABLE && mode != TARGET_SS_ONSTACK && mode != 0) {
            return -EINVAL;
        }
        if (mode == TARGET_SS_DISABLE) {
            ts->altstack_sp = 0;
            ts->altstack_size = 0;
            ts->altstack_flags = 0;
        } else {
            if (ss.ss_size < TARGET_MINSIGSTKSZ) {
                return -ENOMEM;
            }
            ts->altstack_sp = ss.ss_sp;
            ts->altstack_size = ss.ss_size;
            ts->altstack_flags = ss.ss_flags & TARGET_SS_AUTODISARM;
        }
    }
    if (a[1] && copy_to_user(a[1], &old, sizeof(old))) {
        return -EFAULT;
    }
    return 0;
}
