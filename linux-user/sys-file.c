/*
 * Syscalls on file descriptors: open and close, read and write in all
 * their forms, dup, pipes, fcntl, ioctl (a whitelist with argument sizes:
 * only calls whose structures are the same on arm64 and x86-64 and hold
 * no pointers may reach the host), poll, select, epoll, eventfd,
 * timerfd, signalfd, inotify, and the zero-copy calls.
 *
 * Buffers are checked against the guest page table first; a buffer that
 * is mapped only in part is used up to its end, as Linux's copy would.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <linux/close_range.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>

#include "aarch64-abi.h"
#include "tcg/log.h"
#include "tcg/tb.h"
#include "user.h"

/* ---- open, close ---- */

int64_t sys_openat(TaskState *ts, const uint64_t *a)
{
    int flags = target_to_host_open_flags((int)a[2]);
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    if (err) {
        return err;
    }
    /* This process's /proc in any spelling: the guest's view of it. */
    int r = procfs_open((int)a[0], path, flags, (mode_t)a[3]);
    if (r != PROC_NOT_MINE) {
        return r;
    }
    return safe_syscall(SYS_openat, (int)a[0], (long)path, flags, (mode_t)a[3], 0, 0);
}

int64_t sys_close(TaskState *ts, const uint64_t *a)
{
    return get_errno(close((int)a[0]));
}

/* Stops below mimic's own descriptors: "all of them" means the guest's. */
int64_t sys_close_range(TaskState *ts, const uint64_t *a)
{
    unsigned first = (unsigned)a[0], last = (unsigned)a[1];
    if (first > last) {
        return -EINVAL;
    }
    if (last >= (unsigned)mimic_fd_base) {
        if (first >= (unsigned)mimic_fd_base) {
            return (unsigned)a[2] & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)
                       ? -EINVAL : 0;
        }
        last = mimic_fd_base - 1;
    }
    return get_errno(syscall(SYS_close_range, first, last, (unsigned)a[2]));
}

/* ---- read and write ---- */

static int64_t rw_buffer(uint64_t buf, uint64_t count, int access, void **host,
                         uint64_t *len)
{
    if ((int64_t)count < 0) {
        return -EINVAL;
    }
    if (count == 0) {
        *host = lock_user(buf, 0, access);
        *len = 0;
        return *host ? 0 : -EFAULT;
    }
    *len = lock_user_prefix(buf, count, access);
    if (*len == 0) {
        return -EFAULT;
    }
    *host = g2h(buf);
    return 0;
}

/* The read/write family on /proc/self/mem: one (address, length) pair,
 * or the guest's iovec array (the same pairs). */
static int64_t mem_rw(const uint64_t *a, bool write, bool positional, uint64_t pos)
{
    uint64_t seg[2] = { a[1], a[2] };
    if ((int64_t)a[2] < 0) {
        return -EINVAL;
    }
    return procfs_mem_io((int)a[0], seg, 1, write, positional, pos);
}

static int64_t mem_rwv(const uint64_t *a, bool write, bool positional, uint64_t pos)
{
    if (a[2] > IOV_MAX) {
        return -EINVAL;
    }
    const uint64_t *v = lock_user(a[1], a[2] * 16, VERIFY_READ);
    if (!v) {
        return -EFAULT;
    }
    return procfs_mem_io((int)a[0], v, a[2], write, positional, pos);
}

int64_t sys_read(TaskState *ts, const uint64_t *a)
{
    if (procfs_mem_fd((int)a[0])) {
        return mem_rw(a, false, false, 0);
    }
    void *p;
    uint64_t n;
    int64_t err = rw_buffer(a[1], a[2], VERIFY_WRITE, &p, &n);
    return err ? err : safe_syscall(SYS_read, (int)a[0], (long)p, n, 0, 0, 0);
}

int64_t sys_write(TaskState *ts, const uint64_t *a)
{
    if (procfs_mem_fd((int)a[0])) {
        return mem_rw(a, true, false, 0);
    }
    void *p;
    uint64_t n;
    int64_t err = rw_buffer(a[1], a[2], VERIFY_READ, &p, &n);
    return err ? err : safe_syscall(SYS_write, (int)a[0], (long)p, n, 0, 0, 0);
}

int64_t sys_pread64(TaskState *ts, const uint64_t *a)
{
    if (procfs_mem_fd((int)a[0])) {
        return mem_rw(a, false, true, a[3]);
    }
    void *p;
    uint64_t n;
    int64_t err = rw_buffer(a[1], a[2], VERIFY_WRITE, &p, &n);
    return err ? err : safe_syscall(SYS_pread64, (int)a[0], (long)p, n, a[3], 0, 0);
}

int64_t sys_pwrite64(TaskState *ts, const uint64_t *a)
{
    if (procfs_mem_fd((int)a[0])) {
        return mem_rw(a, true, true, a[3]);
    }
    void *p;
    uint64_t n;
    int64_t err = rw_buffer(a[1], a[2], VERIFY_READ, &p, &n);
    return err ? err : safe_syscall(SYS_pwrite64, (int)a[0], (long)p, n, a[3], 0, 0);
}

/* Builds a host iovec from the guest's (same layout, guest addresses). */
static struct iovec *lock_iovec(uint64_t giov, uint64_t count, int access,
                                int64_t *err)
{
    if (count > IOV_MAX) {
        *err = -EINVAL;
        return NULL;
    }
    struct iovec *v = calloc(count ? count : 1, sizeof(*v));
    const uint64_t *g = lock_user(giov, count * 16, VERIFY_READ);
    if (!g) {
        free(v);
        *err = -EFAULT;
        return NULL;
    }
    for (uint64_t i = 0; i < count; i++) {
        uint64_t base = g[2 * i], len = g[2 * i + 1];
        if ((int64_t)len < 0) {
            free(v);
            *err = -EINVAL;
            return NULL;
        }
        uint64_t ok = len ? lock_user_prefix(base, len, access) : 0;
        if (len && ok == 0 && i == 0) {
            free(v);
            *err = -EFAULT;
            return NULL;
        }
        v[i].iov_base = ok ? g2h(base) : NULL;
        v[i].iov_len = ok;
        if (ok < len) {
            /* Stop at the first hole: the kernel would stop there too. */
            count = i + 1;
            break;
        }
    }
    *err = count;
    return v;
}

typedef enum { RV_READ, RV_WRITE } RwDir;

static int64_t do_rw_vec(const uint64_t *a, RwDir dir, bool positional, int flags2)
{
    if (procfs_mem_fd((int)a[0])) {
        /* preadv2/pwritev2 at offset -1 use the file position. */
        bool at = positional && (flags2 < 0 || (int64_t)a[3] != -1);
        return mem_rwv(a, dir == RV_WRITE, at, a[3]);
    }
    int64_t n;
    struct iovec *v = lock_iovec(a[1], a[2], dir == RV_READ ? VERIFY_WRITE : VERIFY_READ, &n);
    if (!v) {
        return n;
    }
    /* The positional forms take the offset as (low, high) halves. */
    long nr = !positional ? (dir == RV_READ ? SYS_readv : SYS_writev)
              : flags2 < 0 ? (dir == RV_READ ? SYS_preadv : SYS_pwritev)
                           : (dir == RV_READ ? SYS_preadv2 : SYS_pwritev2);
    int64_t r = safe_syscall(nr, (int)a[0], (long)v, n, (long)a[3], 0, flags2 < 0 ? 0 : flags2);
    free(v);
    return r;
}

int64_t sys_readv(TaskState *ts, const uint64_t *a) { return do_rw_vec(a, RV_READ, false, -1); }
int64_t sys_writev(TaskState *ts, const uint64_t *a) { return do_rw_vec(a, RV_WRITE, false, -1); }
int64_t sys_preadv(TaskState *ts, const uint64_t *a) { return do_rw_vec(a, RV_READ, true, -1); }
int64_t sys_pwritev(TaskState *ts, const uint64_t *a) { return do_rw_vec(a, RV_WRITE, true, -1); }
int64_t sys_preadv2(TaskState *ts, const uint64_t *a) { return do_rw_vec(a, RV_READ, true, (int)a[5]); }
int64_t sys_pwritev2(TaskState *ts, const uint64_t *a) { return do_rw_vec(a, RV_WRITE, true, (int)a[5]); }

int64_t sys_lseek(TaskState *ts, const uint64_t *a)
{
    if (procfs_mem_fd((int)a[0])) {
        return procfs_mem_lseek((int)a[0], (int64_t)a[1], (int)a[2]);
    }
    return get_errno(lseek((int)a[0], (off_t)a[1], (int)a[2]));
}

/* Pointer to a loff_t offset argument, or NULL; err set on a bad pointer. */
static loff_t *offset_arg(uint64_t p, int64_t *err)
{
    *err = 0;
    if (!p) {
        return NULL;
    }
    loff_t *h = lock_user(p, sizeof(loff_t), VERIFY_READ | VERIFY_WRITE);
    if (!h) {
        *err = -EFAULT;
    }
    return h;
}

int64_t sys_sendfile(TaskState *ts, const uint64_t *a)
{
    int64_t err;
    loff_t *off = offset_arg(a[2], &err);
    return err ? err : safe_syscall(SYS_sendfile, (int)a[0], (int)a[1], (long)off, a[3], 0, 0);
}

int64_t sys_copy_file_range(TaskState *ts, const uint64_t *a)
{
    int64_t e1, e2;
    loff_t *o1 = offset_arg(a[1], &e1), *o2 = offset_arg(a[3], &e2);
    if (e1 || e2) {
        return -EFAULT;
    }
    return get_errno(copy_file_range((int)a[0], o1, (int)a[2], o2, a[4], (unsigned)a[5]));
}

int64_t sys_splice(TaskState *ts, const uint64_t *a)
{
    int64_t e1, e2;
    loff_t *o1 = offset_arg(a[1], &e1), *o2 = offset_arg(a[3], &e2);
    if (e1 || e2) {
        return -EFAULT;
    }
    return safe_syscall(SYS_splice, (int)a[0], (long)o1, (int)a[2], (long)o2, a[4], (unsigned)a[5]);
}

int64_t sys_readahead(TaskState *ts, const uint64_t *a)
{
    return get_errno(readahead((int)a[0], (off_t)a[1], a[2]));
}

int64_t sys_fsync(TaskState *ts, const uint64_t *a) { return get_errno(fsync((int)a[0])); }
int64_t sys_fdatasync(TaskState *ts, const uint64_t *a) { return get_errno(fdatasync((int)a[0])); }
int64_t sys_flock(TaskState *ts, const uint64_t *a)
{
    return safe_syscall(SYS_flock, (int)a[0], (int)a[1], 0, 0, 0, 0);
}

int64_t sys_fallocate(TaskState *ts, const uint64_t *a)
{
    return get_errno(fallocate((int)a[0], (int)a[1], (off_t)a[2], (off_t)a[3]));
}

int64_t sys_fadvise64(TaskState *ts, const uint64_t *a)
{
    int r = posix_fadvise((int)a[0], (off_t)a[1], (off_t)a[2], (int)a[3]);
    return -r;
}

int64_t sys_sync_file_range(TaskState *ts, const uint64_t *a)
{
    return get_errno(sync_file_range((int)a[0], (off_t)a[1], (off_t)a[2], (unsigned)a[3]));
}

/* ---- descriptors ---- */

int64_t sys_dup(TaskState *ts, const uint64_t *a) { return get_errno(dup((int)a[0])); }

int64_t sys_dup3(TaskState *ts, const uint64_t *a)
{
    return get_errno(dup3((int)a[0], (int)a[1], target_to_host_open_flags((int)a[2])));
}

int64_t sys_pipe2(TaskState *ts, const uint64_t *a)
{
    int fds[2];
    if (!lock_user(a[0], sizeof(fds), VERIFY_WRITE)) {
        return -EFAULT;
    }
    if (pipe2(fds, target_to_host_open_flags((int)a[1])) != 0) {
        return -errno;
    }
    copy_to_user(a[0], fds, sizeof(fds));
    return 0;
}

int64_t sys_fcntl(TaskState *ts, const uint64_t *a)
{
    int fd = (int)a[0], cmd = (int)a[1];
    switch (cmd) {
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : host_to_target_open_flags(r);
    }
    case F_SETFL:
        return get_errno(fcntl(fd, F_SETFL, target_to_host_open_flags((int)a[2])));
    case F_DUPFD: case F_DUPFD_CLOEXEC: case F_GETFD: case F_SETFD:
    case F_SETOWN: case F_GETOWN: case F_SETSIG: case F_GETSIG:
    case F_SETLEASE: case F_GETLEASE: case F_NOTIFY: case F_SETPIPE_SZ:
    case F_GETPIPE_SZ: case F_ADD_SEALS: case F_GET_SEALS:
        return get_errno(fcntl(fd, cmd, (int)a[2]));
    case F_GETLK: case F_SETLK: case F_SETLKW:
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW: {
        /* struct flock is the same on both 64-bit ABIs. */
        struct flock *fl = lock_user(a[2], sizeof(*fl), VERIFY_READ | VERIFY_WRITE);
        return fl ? safe_syscall(SYS_fcntl, fd, cmd, (long)fl, 0, 0, 0) : -EFAULT;
    }
    case F_GETOWN_EX: case F_SETOWN_EX: {
        struct f_owner_ex *o = lock_user(a[2], sizeof(*o), VERIFY_READ | VERIFY_WRITE);
        return o ? get_errno(fcntl(fd, cmd, o)) : -EFAULT;
    }
    default:
        if (qemu_loglevel_mask(LOG_UNIMP)) {
            mimic_log("unimplemented fcntl command %d\n", cmd);
        }
        return -EINVAL;
    }
}

/* ---- ioctl ---- */

typedef enum { ARG_NONE, ARG_VAL, ARG_IN, ARG_OUT, ARG_INOUT } IocKind;

typedef struct IoctlDef {
    unsigned long cmd;
    const char *name;
    IocKind kind;
    unsigned size;
} IoctlDef;

/* Every row: same structure layout on arm64 and x86-64, no pointers
 * inside.  struct termios (36 bytes), termios2 (44), termio (18), winsize
 * (8) are asm-generic on both. */
static const IoctlDef ioctl_table[] = {
    { TCGETS, "TCGETS", ARG_OUT, 36 },
    { TCSETS, "TCSETS", ARG_IN, 36 },
    { TCSETSW, "TCSETSW", ARG_IN, 36 },
    { TCSETSF, "TCSETSF", ARG_IN, 36 },
    { TCGETA, "TCGETA", ARG_OUT, 18 },
    { TCSETA, "TCSETA", ARG_IN, 18 },
    { TCSETAW, "TCSETAW", ARG_IN, 18 },
    { TCSETAF, "TCSETAF", ARG_IN, 18 },
    { 0x802c542a, "TCGETS2", ARG_OUT, 44 },
    { 0x402c542b, "TCSETS2", ARG_IN, 44 },
    { 0x402c542c, "TCSETSW2", ARG_IN, 44 },
    { 0x402c542d, "TCSETSF2", ARG_IN, 44 },
    { TCSBRK, "TCSBRK", ARG_VAL, 0 },
    { TCSBRKP, "TCSBRKP", ARG_VAL, 0 },
    { TCXONC, "TCXONC", ARG_VAL, 0 },
    { TCFLSH, "TCFLSH", ARG_VAL, 0 },
    { TIOCEXCL, "TIOCEXCL", ARG_NONE, 0 },
    { TIOCNXCL, "TIOCNXCL", ARG_NONE, 0 },
    { TIOCSCTTY, "TIOCSCTTY", ARG_VAL, 0 },
    { TIOCNOTTY, "TIOCNOTTY", ARG_NONE, 0 },
    { TIOCGPGRP, "TIOCGPGRP", ARG_OUT, 4 },
    { TIOCSPGRP, "TIOCSPGRP", ARG_IN, 4 },
    { TIOCGSID, "TIOCGSID", ARG_OUT, 4 },
    { TIOCOUTQ, "TIOCOUTQ", ARG_OUT, 4 },
    { FIONREAD, "FIONREAD", ARG_OUT, 4 },
    { TIOCSTI, "TIOCSTI", ARG_IN, 1 },
    { TIOCGWINSZ, "TIOCGWINSZ", ARG_OUT, 8 },
    { TIOCSWINSZ, "TIOCSWINSZ", ARG_IN, 8 },
    { TIOCMGET, "TIOCMGET", ARG_OUT, 4 },
    { TIOCMBIS, "TIOCMBIS", ARG_IN, 4 },
    { TIOCMBIC, "TIOCMBIC", ARG_IN, 4 },
    { TIOCMSET, "TIOCMSET", ARG_IN, 4 },
    { TIOCGETD, "TIOCGETD", ARG_OUT, 4 },
    { TIOCSETD, "TIOCSETD", ARG_IN, 4 },
    { TIOCGPTN, "TIOCGPTN", ARG_OUT, 4 },
    { TIOCSPTLCK, "TIOCSPTLCK", ARG_IN, 4 },
    { TIOCGPTPEER, "TIOCGPTPEER", ARG_VAL, 0 },
    { TIOCVHANGUP, "TIOCVHANGUP", ARG_NONE, 0 },
    { FIONBIO, "FIONBIO", ARG_IN, 4 },
    { FIOASYNC, "FIOASYNC", ARG_IN, 4 },
    { FIOCLEX, "FIOCLEX", ARG_NONE, 0 },
    { FIONCLEX, "FIONCLEX", ARG_NONE, 0 },
    { FIOQSIZE, "FIOQSIZE", ARG_OUT, 8 },
    { 0x80086601, "FS_IOC_GETFLAGS", ARG_OUT, 4 },
    { 0x40086602, "FS_IOC_SETFLAGS", ARG_IN, 4 },
    { 0x80045200, "RNDGETENTCNT", ARG_OUT, 4 },
    { 0x40049409, "FICLONE", ARG_VAL, 0 },
};

int64_t sys_ioctl(TaskState *ts, const uint64_t *a)
{
    int fd = (int)a[0];
    unsigned long cmd = (uint32_t)a[1];
    for (size_t i = 0; i < sizeof(ioctl_table) / sizeof(ioctl_table[0]); i++) {
        const IoctlDef *d = &ioctl_table[i];
        if (d->cmd != cmd) {
            continue;
        }
        void *p = NULL;
        switch (d->kind) {
        case ARG_NONE:
            return get_errno(ioctl(fd, cmd, 0));
        case ARG_VAL:
            return get_errno(ioctl(fd, cmd, (unsigned long)a[2]));
        case ARG_IN:
            p = lock_user(a[2], d->size, VERIFY_READ);
            break;
        case ARG_OUT:
            p = lock_user(a[2], d->size, VERIFY_WRITE);
            break;
        case ARG_INOUT:
            p = lock_user(a[2], d->size, VERIFY_READ | VERIFY_WRITE);
            break;
        }
        if (!p) {
            return -EFAULT;
        }
        return get_errno(ioctl(fd, cmd, p));
    }
    if (qemu_loglevel_mask(LOG_UNIMP)) {
        mimic_log("unimplemented ioctl 0x%lx on fd %d\n", cmd, fd);
    }
    return -ENOTTY;
}

/* ---- waiting for descriptors ---- */

/* The temporary signal mask of ppoll, pselect6 and epoll_pwait. */
typedef struct WaitMask {
    bool have;
    uint64_t guest;
    sigset_t host;
} WaitMask;

static int64_t wait_mask(uint64_t gmask_ptr, uint64_t size, WaitMask *wm)
{
    wm->have = false;
    if (!gmask_ptr) {
        return 0;
    }
    if (size != 8) {
        return -EINVAL;
    }
    if (get_user_u64(&wm->guest, gmask_ptr)) {
        return -EFAULT;
    }
    wm->guest &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    host_sigset_from_guest(&wm->host, wm->guest);
    wm->have = true;
    return 0;
}

/* Interrupted by a signal the temporary mask let in: it is delivered
 * under that mask, and its handler's sigreturn restores the original one,
 * as with rt_sigsuspend. */
static void wait_mask_done(TaskState *ts, const WaitMask *wm, int64_t ret)
{
    if (wm->have && ret == -EINTR &&
        (__atomic_load_n(&ts->pending, __ATOMIC_ACQUIRE) & ~wm->guest)) {
        ts->saved_mask = ts->sigmask;
        ts->sigsuspend_active = true;
        set_guest_sigmask(ts, wm->guest);
    }
}

int64_t sys_ppoll(TaskState *ts, const uint64_t *a)
{
    uint64_t nfds = a[1];
    if (nfds > 65536) {
        return -EINVAL;
    }
    struct pollfd *fds = lock_user(a[0], nfds * sizeof(struct pollfd),
                                   VERIFY_READ | VERIFY_WRITE);
    if (!fds) {
        return -EFAULT;
    }
    struct timespec ts_buf, *tmo = NULL;
    if (a[2]) {
        if (copy_from_user(&ts_buf, a[2], sizeof(ts_buf))) {
            return -EFAULT;
        }
        tmo = &ts_buf;
    }
    WaitMask wm;
    int64_t err = wait_mask(a[3], a[4], &wm);
    if (err) {
        return err;
    }
    /* mimic's own descriptors are not open for the guest: each is
     * POLLNVAL, as a closed one is, and makes the call return at once;
     * the host polls a private copy without them. */
    uint64_t nval = 0;
    for (uint64_t i = 0; i < nfds; i++) {
        nval += fd_is_mimic(fds[i].fd);
    }
    int64_t r;
    if (!nval) {
        r = safe_syscall(SYS_ppoll, (long)fds, nfds, (long)tmo,
                         (long)(wm.have ? &wm.host : NULL), 8, 0);
    } else {
        struct pollfd *hfds = malloc(nfds * sizeof(*hfds));
        memcpy(hfds, fds, nfds * sizeof(*hfds));
        for (uint64_t i = 0; i < nfds; i++) {
            if (fd_is_mimic(hfds[i].fd)) {
                hfds[i].fd = -1;
            }
        }
        struct timespec zero = { 0, 0 };
        r = safe_syscall(SYS_ppoll, (long)hfds, nfds, (long)&zero, 0, 8, 0);
        if (r >= 0) {
            for (uint64_t i = 0; i < nfds; i++) {
                fds[i].revents = fd_is_mimic(fds[i].fd) ? POLLNVAL : hfds[i].revents;
            }
            r += nval;
        }
        free(hfds);
    }
    wait_mask_done(ts, &wm, r);
    if (tmo && (r >= 0 || r == -EINTR)) {
        /* What the host left of the timeout, also when a signal cut the
         * wait short (a restart then waits only for the rest). */
        copy_to_user(a[2], tmo, sizeof(*tmo));
    }
    return r;
}

int64_t sys_pselect6(TaskState *ts, const uint64_t *a)
{
    int n = (int)a[0];
    if (n < 0 || n > 65536) {
        return -EINVAL;
    }
    size_t bytes = ((size_t)n + 63) / 64 * 8;
    void *sets[3] = { NULL, NULL, NULL };
    for (int i = 0; i < 3; i++) {
        if (a[1 + i]) {
            sets[i] = lock_user(a[1 + i], bytes, VERIFY_READ | VERIFY_WRITE);
            if (!sets[i]) {
                return -EFAULT;
            }
        }
    }
    struct timespec ts_buf, *tmo = NULL;
    if (a[4]) {
        if (copy_from_user(&ts_buf, a[4], sizeof(ts_buf))) {
            return -EFAULT;
        }
        tmo = &ts_buf;
    }
    /* The sixth argument points at { const sigset_t *ss; size_t ss_len; }. */
    WaitMask wm = { .have = false };
    if (a[5]) {
        uint64_t pair[2];
        if (copy_from_user(pair, a[5], sizeof(pair))) {
            return -EFAULT;
        }
        int64_t err = wait_mask(pair[0], pair[1], &wm);
        if (err) {
            return err;
        }
    }
    /* A set bit for one of mimic's descriptors names no open file: EBADF,
     * as the kernel answers for a closed one. */
    for (int fd = mimic_fd_base; fd < n; fd++) {
        for (int i = 0; i < 3; i++) {
            if (sets[i] && (((uint64_t *)sets[i])[fd / 64] >> (fd % 64) & 1)) {
                return -EBADF;
            }
        }
    }
    struct { const sigset_t *ss; size_t len; } hpair = { wm.have ? &wm.host : NULL, 8 };
    int64_t r = safe_syscall(SYS_pselect6, n, (long)sets[0], (long)sets[1], (long)sets[2],
                             (long)tmo, (long)(a[5] ? &hpair : NULL));
    wait_mask_done(ts, &wm, r);
    if (tmo && (r >= 0 || r == -EINTR)) {
        /* What the host left of the timeout, also when a signal cut the
         * wait short (a restart then waits only for the rest). */
        copy_to_user(a[4], tmo, sizeof(*tmo));
    }
    return r;
}

int64_t sys_epoll_create1(TaskState *ts, const uint64_t *a)
{
    return get_errno(epoll_create1((int)a[0]));
}

int64_t sys_epoll_ctl(TaskState *ts, const uint64_t *a)
{
    struct epoll_event ev, *pev = NULL;
    if (a[3] && a[1] != EPOLL_CTL_DEL) {
        struct target_epoll_event g;
        if (copy_from_user(&g, a[3], sizeof(g))) {
            return -EFAULT;
        }
        ev.events = g.events;
        ev.data.u64 = g.data;
        pev = &ev;
    }
    return get_errno(epoll_ctl((int)a[0], (int)a[1], (int)a[2], pev));
}

static int64_t do_epoll_wait(TaskState *ts, const uint64_t *a, const struct timespec *tmo,
                             int timeout_ms, bool use_ts)
{
    int maxevents = (int)a[2];
    if (maxevents <= 0 || maxevents > INT_MAX / (int)sizeof(struct target_epoll_event)) {
        return -EINVAL;
    }
    struct target_epoll_event *g = lock_user(a[1], (uint64_t)maxevents * sizeof(*g),
                                             VERIFY_WRITE);
    if (!g) {
        return -EFAULT;
    }
    WaitMask wm;
    int64_t err = wait_mask(a[4], a[5], &wm);
    if (err) {
        return err;
    }
    struct epoll_event *ev = malloc(sizeof(*ev) * maxevents);
    int64_t r;
    if (use_ts) {
        r = safe_syscall(SYS_epoll_pwait2, (int)a[0], (long)ev, maxevents, (long)tmo,
                         (long)(wm.have ? &wm.host : NULL), 8);
    } else {
        r = safe_syscall(SYS_epoll_pwait, (int)a[0], (long)ev, maxevents, timeout_ms,
                         (long)(wm.have ? &wm.host : NULL), 8);
    }
    wait_mask_done(ts, &wm, r);
    for (int64_t i = 0; i < r; i++) {
        g[i].events = ev[i].events;
        g[i].__pad = 0;
        g[i].data = ev[i].data.u64;
    }
    free(ev);
    return r;
}

int64_t sys_epoll_pwait(TaskState *ts, const uint64_t *a)
{
    return do_epoll_wait(ts, a, NULL, (int)a[3], false);
}

int64_t sys_epoll_pwait2(TaskState *ts, const uint64_t *a)
{
    struct timespec t;
    if (a[3] && copy_from_user(&t, a[3], sizeof(t))) {
        return -EFAULT;
    }
    return do_epoll_wait(ts, a, a[3] ? &t : NULL, 0, true);
}

/* ---- special descriptors ---- */

int64_t sys_eventfd2(TaskState *ts, const uint64_t *a)
{
    return get_errno(eventfd((unsigned)a[0], target_to_host_open_flags((int)a[1])));
}

int64_t sys_memfd_create(TaskState *ts, const uint64_t *a)
{
    bool toolong;
    const char *name = lock_user_string(a[0], 250, &toolong);
    if (!name) {
        return toolong ? -EINVAL : -EFAULT;
    }
    return get_errno(memfd_create(name, (unsigned)a[1]));
}

int64_t sys_timerfd_create(TaskState *ts, const uint64_t *a)
{
    return get_errno(timerfd_create((int)a[0], target_to_host_open_flags((int)a[1])));
}

int64_t sys_timerfd_settime(TaskState *ts, const uint64_t *a)
{
    struct itimerspec *nv = lock_user(a[2], sizeof(*nv), VERIFY_READ);
    struct itimerspec *ov = a[3] ? lock_user(a[3], sizeof(*ov), VERIFY_WRITE) : NULL;
    if (!nv || (a[3] && !ov)) {
        return -EFAULT;
    }
    return get_errno(timerfd_settime((int)a[0], (int)a[1], nv, ov));
}

int64_t sys_timerfd_gettime(TaskState *ts, const uint64_t *a)
{
    struct itimerspec *cv = lock_user(a[1], sizeof(*cv), VERIFY_WRITE);
    return cv ? get_errno(timerfd_gettime((int)a[0], cv)) : -EFAULT;
}

int64_t sys_signalfd4(TaskState *ts, const uint64_t *a)
{
    uint64_t m;
    if (a[2] != 8) {
        return -EINVAL;
    }
    if (get_user_u64(&m, a[1])) {
        return -EFAULT;
    }
    sigset_t set;
    host_sigset_from_guest(&set, m);
    return get_errno(syscall(SYS_signalfd4, (int)a[0], &set, 8,
                             target_to_host_open_flags((int)a[3])));
}

int64_t sys_inotify_init1(TaskState *ts, const uint64_t *a)
{
    return get_errno(inotify_init1(target_to_host_open_flags((int)a[0])));
}

int64_t sys_inotify_add_watch(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    return err ? err : get_errno(inotify_add_watch((int)a[0], path, (uint32_t)a[2]));
}

int64_t sys_inotify_rm_watch(TaskState *ts, const uint64_t *a)
{
    return get_errno(inotify_rm_watch((int)a[0], (int)a[1]));
}
