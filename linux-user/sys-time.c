/*
 * Syscalls about time: clocks, sleeps, interval timers and POSIX timers.
 * timespec, timeval, itimerval, itimerspec, timex and sigevent have the
 * same layout on arm64 and x86-64, and the host kernel reads no guest
 * pointer out of them, so each call forwards once its buffers are checked.
 * Sleeps end as in Linux when a signal interrupts them: a relative one
 * writes the remaining time and fails with EINTR if a handler runs, or
 * goes on to its deadline through restart_syscall if none does
 * (ERESTART_RESTARTBLOCK); an absolute one is simply restarted if no
 * handler runs (ERESTARTNOHAND).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
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

/* The guest has no vDSO clocks: its clock_gettime and gettimeofday come
 * here, and are answered through the host's vDSO (libc), without a host
 * syscall, as the kernel would: a bad clock is EINVAL before a bad
 * buffer is EFAULT. */
int64_t sys_clock_gettime(TaskState *ts, const uint64_t *a)
{
    struct timespec t;
    if (clock_gettime((clockid_t)a[0], &t) != 0) {
        return -errno;
    }
    return copy_to_user(a[1], &t, sizeof(t));
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
    if (!bad && !tz) {
        struct timeval t;
        gettimeofday(&t, NULL);
        if (tv) {
            memcpy(tv, &t, sizeof(t));
        }
        return 0;
    }
    return bad ? -EFAULT : get_errno(syscall(SYS_gettimeofday, tv, tz));
}

int64_t sys_settimeofday(TaskState *ts, const uint64_t *a)
{
    bool bad = false;
    struct timeval *tv = opt_buf(a[0], sizeof(*tv), VERIFY_READ, &bad);
    struct timezone *tz = opt_buf(a[1], sizeof(*tz), VERIFY_READ, &bad);
    return bad ? -EFAULT : get_errno(syscall(SYS_settimeofday, tv, tz));
}

static void timespec_add(struct timespec *t, const struct timespec *d)
{
    t->tv_nsec += d->tv_nsec;
    t->tv_sec += d->tv_sec + (t->tv_nsec >= 1000000000);
    t->tv_nsec %= 1000000000;
}

/* Time left until deadline on clock: false if none is. */
static bool time_left(clockid_t clock, const struct timespec *deadline, struct timespec *left)
{
    struct timespec now;
    clock_gettime(clock, &now);
    left->tv_sec = deadline->tv_sec - now.tv_sec;
    left->tv_nsec = deadline->tv_nsec - now.tv_nsec;
    if (left->tv_nsec < 0) {
        left->tv_nsec += 1000000000;
        left->tv_sec--;
    }
    return left->tv_sec > 0 || (left->tv_sec == 0 && left->tv_nsec > 0);
}

/* A relative sleep was interrupted with rem to go: Linux writes rem to
 * the guest and keeps the deadline for restart_syscall. */
static int64_t sleep_interrupted(TaskState *ts, const struct timespec *rem)
{
    RestartBlock *r = &ts->restart;
    if (r->rmtp && copy_to_user(r->rmtp, rem, sizeof(*rem))) {
        return -EFAULT;
    }
    return -TARGET_ERESTART_RESTARTBLOCK;
}

static int64_t sleep_restart(TaskState *ts)
{
    RestartBlock *r = &ts->restart;
    int64_t ret = safe_syscall(SYS_clock_nanosleep, r->clock, TIMER_ABSTIME,
                               (long)&r->deadline, 0, 0, 0);
    if (ret != -EINTR) {
        return ret;
    }
    struct timespec rem;
    if (!time_left(r->clock, &r->deadline, &rem)) {
        return 0;
    }
    return sleep_interrupted(ts, &rem);
}

static int64_t do_sleep(TaskState *ts, clockid_t clock, int flags, uint64_t req_addr,
                        uint64_t rem_addr)
{
    struct timespec req, rem;
    if (copy_from_user(&req, req_addr, sizeof(req)) ||
        (rem_addr && !(flags & TIMER_ABSTIME) &&
         !lock_user(rem_addr, sizeof(rem), VERIFY_WRITE))) {
        return -EFAULT;
    }
    int64_t ret = safe_syscall(SYS_clock_nanosleep, clock, flags, (long)&req, (long)&rem, 0, 0);
    if (ret != -EINTR) {
        return ret;
    }
    if (flags & TIMER_ABSTIME) {
        return -TARGET_ERESTARTNOHAND;
    }
    /* The host measured the sleep on clock (a relative CLOCK_REALTIME one
     * on CLOCK_MONOTONIC, so setting the clock does not stretch it): the
     * rest is measured the same way. */
    RestartBlock *r = &ts->restart;
    r->clock = clock == CLOCK_REALTIME ? CLOCK_MONOTONIC : clock;
    clock_gettime(r->clock, &r->deadline);
    timespec_add(&r->deadline, &rem);
    r->rmtp = rem_addr;
    r->fn = sleep_restart;
    return sleep_interrupted(ts, &rem);
}

int64_t sys_nanosleep(TaskState *ts, const uint64_t *a)
{
    return do_sleep(ts, CLOCK_MONOTONIC, 0, a[0], a[1]);
}

int64_t sys_clock_nanosleep(TaskState *ts, const uint64_t *a)
{
    return do_sleep(ts, (clockid_t)a[0], (int)a[1], a[2], a[3]);
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
