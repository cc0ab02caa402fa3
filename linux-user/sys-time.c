/*
 * Syscalls about time: clocks, sleeps, interval timers and POSIX timers.
 * timespec, timeval, itimerval, itimerspec, timex and sigevent have the
 * same layout on arm64 and x86-64, and the host kernel reads no guest
 * pointer out of them, so each call forwards once its buffers are checked.
 * Sleeps are never restarted after a handler: the guest gets EINTR and
 * the remaining time, as from Linux.
 */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include "user.h"

/* A pointer argument that may be NULL: the host pointer, NULL, or the
 * error (returned through *bad). */
static void *opt_buf(uint64_t addr, uint64_t len, int access, bool *bad)
{
    if (!addr) {
        return NULL;
    }
    void *p = lock_user(addr, len, access);
    if (!p) {
        *bad = true;
    }
    return p;
}

int64_t sys_clock_gettime(TaskState *ts, const uint64_t *a)
{
    struct timespec *tp = lock_user(a[1], sizeof(*tp), VERIFY_WRITE);
    return tp ? get_errno(syscall(SYS_clock_gettime, (clockid_t)a[0], tp)) : -EFAULT;
}

int64_t sys_clock_getres(TaskState *ts, const uint64_t *a)
{
    bool bad = false;
    struct timespec *tp = opt_buf(a[1], sizeof(*tp), VERIFY_WRITE, &bad);
    return bad ? -EFAULT : get_errno(syscall(SYS_clock_getres, (clockid_t)a[0], tp));
}

int64_t sys_clock_settime(TaskState *ts, const uint64_t *a)
{
    struct timespec *tp = lock_user(a[1], sizeof(*tp), VERIFY_READ);
    return tp ? get_errno(syscall(SYS_clock_settime, (clockid_t)a[0], tp)) : -EFAULT;
}

int64_t sys_gettimeofday(TaskState *ts, const uint64_t *a)
{
    bool bad = false;
    struct timeval *tv = opt_buf(a[0], sizeof(*tv), VERIFY_WRITE, &bad);
    struct timezone *tz = opt_buf(a[1], sizeof(*tz), VERIFY_WRITE, &bad);
    return bad ? -EFAULT : get_errno(syscall(SYS_gettimeofday, tv, tz));
}

int64_t sys_settimeofday(TaskState *ts, const uint64_t *a)
{
    bool bad = false;
    struct timeval *tv = opt_buf(a[0], sizeof(*tv), VERIFY_READ, &bad);
    struct timezone *tz = opt_buf(a[1], sizeof(*tz), VERIFY_READ, &bad);
    return bad ? -EFAULT : get_errno(syscall(SYS_settimeofday, tv, tz));
}

int64_t sys_nanosleep(TaskState *ts, const uint64_t *a)
{
    bool bad = false;
    struct timespec *req = lock_user(a[0], sizeof(*req), VERIFY_READ);
    struct timespec *rem = opt_buf(a[1], sizeof(*rem), VERIFY_WRITE, &bad);
    if (!req || bad) {
        return -EFAULT;
    }
    return safe_syscall(SYS_nanosleep, (long)req, (long)rem, 0, 0, 0, 0);
}

int64_t sys_clock_nanosleep(TaskState *ts, const uint64_t *a)
{
    bool bad = false;
    struct timespec *req = lock_user(a[2], sizeof(*req), VERIFY_READ);
    struct timespec *rem = opt_buf(a[3], sizeof(*rem), VERIFY_WRITE, &bad);
    if (!req || bad) {
        return -EFAULT;
    }
    return safe_syscall(SYS_clock_nanosleep, (clockid_t)a[0], (int)a[1], (long)req, (long)rem, 0, 0);
}

int64_t sys_getitimer(TaskState *ts, const uint64_t *a)
{
    struct itimerval *v = lock_user(a[1], sizeof(*v), VERIFY_WRITE);
    return v ? get_errno(syscall(SYS_getitimer, (int)a[0], v)) : -EFAULT;
}

int64_t sys_setitimer(TaskState *ts, const uint64_t *a)
{
    bool bad = false;
    struct itimerval *nv = opt_buf(a[1], sizeof(*nv), VERIFY_READ, &bad);
    struct itimerval *ov = opt_buf(a[2], sizeof(*ov), VERIFY_WRITE, &bad);
    return bad ? -EFAULT : get_errno(syscall(SYS_setitimer, (int)a[0], nv, ov));
}

int64_t sys_timer_create(TaskState *ts, const uint64_t *a)
{
    bool bad = false;
    struct sigevent *sev = opt_buf(a[1], sizeof(*sev), VERIFY_READ, &bad);
    int *id = lock_user(a[2], sizeof(int), VERIFY_WRITE);
    if (bad || !id) {
        return -EFAULT;
    }
    return get_errno(syscall(SYS_timer_create, (clockid_t)a[0], sev, id));
}

int64_t sys_timer_settime(TaskState *ts, const uint64_t *a)
{
    bool bad = false;
    struct itimerspec *nv = lock_user(a[2], sizeof(*nv), VERIFY_READ);
    struct itimerspec *ov = opt_buf(a[3], sizeof(*ov), VERIFY_WRITE, &bad);
    if (!nv || bad) {
        return -EFAULT;
    }
    return get_errno(syscall(SYS_timer_settime, (int)a[0], (int)a[1], nv, ov));
}

int64_t sys_timer_gettime(TaskState *ts, const uint64_t *a)
{
    struct itimerspec *v = lock_user(a[1], sizeof(*v), VERIFY_WRITE);
    return v ? get_errno(syscall(SYS_timer_gettime, (int)a[0], v)) : -EFAULT;
}

int64_t sys_timer_getoverrun(TaskState *ts, const uint64_t *a)
{
    return get_errno(syscall(SYS_timer_getoverrun, (int)a[0]));
}

int64_t sys_timer_delete(TaskState *ts, const uint64_t *a)
{
    return get_errno(syscall(SYS_timer_delete, (int)a[0]));
}

int64_t sys_adjtimex(TaskState *ts, const uint64_t *a)
{
    struct timex *t = lock_user(a[0], sizeof(*t), VERIFY_READ | VERIFY_WRITE);
    return t ? get_errno(syscall(SYS_adjtimex, t)) : -EFAULT;
}
