/*
 * Syscalls on memory: the mmap family (semantics in mmap.c), locking and
 * residency, futex (forwarded on the guest word's host address: the word
 * and the waiters are the same for the host kernel, so threads and shared
 * mappings across processes just work; a wait a signal interrupts ends as
 * in Linux, see futex_eintr), and membarrier.
 */
#include <errno.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "user.h"

int64_t sys_brk(TaskState *ts, const uint64_t *a)
{
    return target_brk(a[0]);
}

int64_t sys_mmap(TaskState *ts, const uint64_t *a)
{
    /* The descriptor counts only without MAP_ANONYMOUS, so it is checked
     * here rather than by its argument kind: mapping mimic's code buffer
     * would hand the guest mimic's executable memory. */
    if (!(a[3] & MAP_ANONYMOUS) && fd_is_mimic((int)a[4])) {
        return -EBADF;
    }
    return target_mmap(a[0], a[1], (int)a[2], (int)a[3], (int)a[4], a[5]);
}

int64_t sys_munmap(TaskState *ts, const uint64_t *a)
{
    return target_munmap(a[0], a[1]);
}

int64_t sys_mprotect(TaskState *ts, const uint64_t *a)
{
    return target_mprotect(a[0], a[1], (int)a[2]);
}

int64_t sys_mremap(TaskState *ts, const uint64_t *a)
{
    return target_mremap(a[0], a[1], a[2], (int)a[3], a[4]);
}

int64_t sys_madvise(TaskState *ts, const uint64_t *a)
{
    return target_madvise(a[0], a[1], (int)a[2]);
}

/* A page-aligned range that must be mapped: its host address, or NULL with
 * the error in *err. */
static void *mapped_range(uint64_t addr, uint64_t len, int64_t *err)
{
    if (addr & ~GUEST_PAGE_MASK) {
        *err = -EINVAL;
        return NULL;
    }
    uint64_t alen = GUEST_PAGE_ALIGN(len);
    if (alen < len || !guest_range_ok(addr, alen, 0)) {
        *err = -ENOMEM;
        return NULL;
    }
    *err = 0;
    return g2h(addr);
}

int64_t sys_msync(TaskState *ts, const uint64_t *a)
{
    int64_t err;
    void *p = mapped_range(a[0], a[1], &err);
    return p ? get_errno(msync(p, a[1], (int)a[2])) : err;
}

int64_t sys_mlock(TaskState *ts, const uint64_t *a)
{
    int64_t err;
    void *p = mapped_range(a[0] & GUEST_PAGE_MASK, a[1] + (a[0] & ~GUEST_PAGE_MASK), &err);
    return p ? get_errno(mlock(p, a[1] + (a[0] & ~GUEST_PAGE_MASK))) : err;
}

int64_t sys_munlock(TaskState *ts, const uint64_t *a)
{
    int64_t err;
    void *p = mapped_range(a[0] & GUEST_PAGE_MASK, a[1] + (a[0] & ~GUEST_PAGE_MASK), &err);
    return p ? get_errno(munlock(p, a[1] + (a[0] & ~GUEST_PAGE_MASK))) : err;
}

int64_t sys_mlock2(TaskState *ts, const uint64_t *a)
{
    int64_t err;
    void *p = mapped_range(a[0] & GUEST_PAGE_MASK, a[1] + (a[0] & ~GUEST_PAGE_MASK), &err);
    return p ? get_errno(syscall(SYS_mlock2, p, a[1] + (a[0] & ~GUEST_PAGE_MASK),
                                 (unsigned)a[2]))
             : err;
}

/* Locking everything would take the whole reservation with it: accepted
 * and not applied. */
int64_t sys_mlockall(TaskState *ts, const uint64_t *a)
{
    return (a[0] & ~7ull) || !a[0] ? -EINVAL : 0;
}

int64_t sys_munlockall(TaskState *ts, const uint64_t *a)
{
    return 0;
}

int64_t sys_mincore(TaskState *ts, const uint64_t *a)
{
    int64_t err;
    void *p = mapped_range(a[0], a[1], &err);
    if (!p) {
        return err;
    }
    uint64_t pages = GUEST_PAGE_ALIGN(a[1]) >> GUEST_PAGE_BITS;
    unsigned char *vec = lock_user(a[2], pages, VERIFY_WRITE);
    return vec ? get_errno(mincore(p, a[1], vec)) : -EFAULT;
}

/* A FUTEX_WAIT_BITSET with an absolute deadline on uaddr, as
 * restart_syscall resumes it (and as every timed wait is made, so that
 * its restart is the same call). */
static int64_t futex_wait_abs(TaskState *ts)
{
    RestartBlock *r = &ts->restart;
    void *h = lock_user(r->uaddr, 4, VERIFY_READ);
    if (!h) {
        return -EFAULT;
    }
    int64_t ret = safe_syscall(SYS_futex, (long)h, r->op, r->val, (long)&r->deadline, 0,
                               r->bitset);
    if (ret == -EINTR) {
        r->fn = futex_wait_abs;
        return -TARGET_ERESTART_RESTARTBLOCK;
    }
    return ret;
}

/* FUTEX_WAIT's relative timeout counts on CLOCK_MONOTONIC from now, as
 * Linux turns it into a deadline before it waits. */
static int64_t futex_wait_deadline(uint64_t timeout, struct timespec *deadline)
{
    struct timespec rel;
    if (copy_from_user(&rel, timeout, sizeof(rel))) {
        return -EFAULT;
    }
    if (rel.tv_sec < 0 || (uint64_t)rel.tv_nsec >= 1000000000) {
        return -EINVAL;
    }
    clock_gettime(CLOCK_MONOTONIC, deadline);
    if (rel.tv_sec > INT64_MAX / 2) {
        rel.tv_sec = INT64_MAX / 2;     /* past the host's horizon all the same */
    }
    deadline->tv_sec += rel.tv_sec;
    deadline->tv_nsec += rel.tv_nsec;
    if (deadline->tv_nsec >= 1000000000) {
        deadline->tv_nsec -= 1000000000;
        deadline->tv_sec++;
    }
    return 0;
}

/* The futex ops that wait: how Linux ends each when a signal interrupts
 * it (futex_wait: ERESTARTSYS, or ERESTART_RESTARTBLOCK with a timeout;
 * the PI ones always restart).  The wakes never block, so never get
 * here. */
static const struct { int cmd; int64_t code; } futex_eintr[] = {
    { FUTEX_WAIT, -TARGET_ERESTARTSYS },
    { FUTEX_WAIT_BITSET, -TARGET_ERESTARTSYS },
    { FUTEX_LOCK_PI, -TARGET_ERESTARTNOINTR },
    { FUTEX_LOCK_PI2, -TARGET_ERESTARTNOINTR },
    { FUTEX_WAIT_REQUEUE_PI, -TARGET_ERESTARTNOINTR },
};

static int64_t futex_interrupted(int cmd)
{
    for (size_t i = 0; i < sizeof(futex_eintr) / sizeof(futex_eintr[0]); i++) {
        if (futex_eintr[i].cmd == cmd) {
            return futex_eintr[i].code;
        }
    }
    return -EINTR;
}

int64_t sys_futex(TaskState *ts, const uint64_t *a)
{
    int op = (int)a[1];
    int cmd = op & FUTEX_CMD_MASK;
    uint64_t uaddr = a[0], uaddr2 = a[4];
    if (uaddr & 3) {
        return -EINVAL;
    }
    bool writes = cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAKE &&
                  cmd != FUTEX_WAKE_BITSET;
    void *h1 = lock_user(uaddr, 4, writes ? VERIFY_WRITE : VERIFY_READ);
    if (!h1) {
        return -EFAULT;
    }
    bool plain_wait = cmd == FUTEX_WAIT && !(op & FUTEX_CLOCK_REALTIME);
    if ((plain_wait || cmd == FUTEX_WAIT_BITSET) && a[3]) {
        /* A timed wait: made as its own restart would make it. */
        RestartBlock *r = &ts->restart;
        int64_t err = plain_wait ? futex_wait_deadline(a[3], &r->deadline)
                      : copy_from_user(&r->deadline, a[3], sizeof(r->deadline));
        if (err) {
            return err;
        }
        r->uaddr = uaddr;
        r->op = FUTEX_WAIT_BITSET | (op & ~FUTEX_CMD_MASK);
        r->val = (uint32_t)a[2];
        r->bitset = plain_wait ? FUTEX_BITSET_MATCH_ANY : (uint32_t)a[5];
        return futex_wait_abs(ts);
    }
    void *h2 = NULL;
    uint64_t arg4 = a[3];
    switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAIT_BITSET: case FUTEX_LOCK_PI: case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        if (arg4) {
            void *t = lock_user(arg4, sizeof(struct timespec), VERIFY_READ);
            if (!t) {
                return -EFAULT;
            }
            arg4 = (uintptr_t)t;
        }
        break;
    case FUTEX_WAKE: case FUTEX_WAKE_BITSET: case FUTEX_UNLOCK_PI: case FUTEX_TRYLOCK_PI:
    case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP:
    case FUTEX_CMP_REQUEUE_PI:
        break;        /* arg4 is a count (val2), not a pointer */
    default:
        return -ENOSYS;
    }
    switch (cmd) {
    case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP:
    case FUTEX_WAIT_REQUEUE_PI: case FUTEX_CMP_REQUEUE_PI:
        if (uaddr2 & 3) {
            return -EINVAL;
        }
        h2 = lock_user(uaddr2, 4, VERIFY_WRITE);
        if (!h2) {
            return -EFAULT;
        }
        break;
    }
    int64_t ret = safe_syscall(SYS_futex, (long)h1, op, (uint32_t)a[2], arg4, (long)h2,
                               (uint32_t)a[5]);
    return ret == -EINTR ? futex_interrupted(cmd) : ret;
}

int64_t sys_membarrier(TaskState *ts, const uint64_t *a)
{
    /* Guest threads are host threads: the host's barrier is the right one. */
    return get_errno(syscall(SYS_membarrier, (int)a[0], (unsigned)a[1], (int)a[2]));
}
