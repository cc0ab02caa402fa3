/*
 * Socket syscalls.  sockaddr, msghdr, cmsghdr, mmsghdr and the usual
 * option values have the same layout on arm64 and x86-64; what changes is
 * that a msghdr holds guest pointers (name, iovec, control), which are
 * checked and turned into host pointers here.  Options that carry a
 * pointer of their own (classic BPF programs) are refused.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "tcg/log.h"
#include "user.h"

/*
 * A socket call a signal interrupts is restarted after an SA_RESTART
 * handler only if the socket has no timeout for that direction: with
 * SO_RCVTIMEO / SO_SNDTIMEO set, Linux answers EINTR (sock_intr_errno).
 * The socket rows of the syscall table say SYSF_RESTART_BYARGS for that.
 */
static int64_t sock_syscall(int timeo_opt, long nr, long fd, long a2, long a3, long a4,
                            long a5, long a6)
{
    int64_t r = safe_syscall(nr, fd, a2, a3, a4, a5, a6);
    if (r != -EINTR) {
        return r;
    }
    struct timeval tv;
    socklen_t len = sizeof(tv);
    if (getsockopt((int)fd, SOL_SOCKET, timeo_opt, &tv, &len) == 0 &&
        (tv.tv_sec || tv.tv_usec)) {
        return -EINTR;
    }
    return -TARGET_ERESTARTSYS;
}

int64_t sys_socket(TaskState *ts, const uint64_t *a)
{
    return get_errno(socket((int)a[0], (int)a[1], (int)a[2]));
}

int64_t sys_socketpair(TaskState *ts, const uint64_t *a)
{
    int *sv = lock_user(a[3], 2 * sizeof(int), VERIFY_WRITE);
    return sv ? get_errno(socketpair((int)a[0], (int)a[1], (int)a[2], sv)) : -EFAULT;
}

static int64_t addr_call(const uint64_t *a, int (*fn)(int, const struct sockaddr *, socklen_t))
{
    if ((int)a[2] < 0) {
        return -EINVAL;
    }
    const void *sa = lock_user(a[1], (uint32_t)a[2], VERIFY_READ);
    return sa ? get_errno(fn((int)a[0], sa, (socklen_t)a[2])) : -EFAULT;
}

int64_t sys_bind(TaskState *ts, const uint64_t *a) { return addr_call(a, bind); }
int64_t sys_connect(TaskState *ts, const uint64_t *a)
{
    if ((int)a[2] < 0) {
        return -EINVAL;
    }
    const void *sa = lock_user(a[1], (uint32_t)a[2], VERIFY_READ);
    return sa ? sock_syscall(SO_SNDTIMEO, SYS_connect, (int)a[0], (long)sa, (socklen_t)a[2], 0, 0, 0)
              : -EFAULT;
}

int64_t sys_listen(TaskState *ts, const uint64_t *a)
{
    return get_errno(listen((int)a[0], (int)a[1]));
}

int64_t sys_shutdown(TaskState *ts, const uint64_t *a)
{
    return get_errno(shutdown((int)a[0], (int)a[1]));
}

/* An (addr, addrlen*) result pair; both may be NULL. */
static int64_t lock_addr_out(uint64_t addr, uint64_t lenp, void **sa, socklen_t **len)
{
    *sa = NULL;
    *len = NULL;
    if (!lenp) {
        return addr ? -EFAULT : 0;
    }
    *len = lock_user(lenp, sizeof(socklen_t), VERIFY_READ | VERIFY_WRITE);
    if (!*len) {
        return -EFAULT;
    }
    if ((int)**len < 0) {
        return -EINVAL;
    }
    if (addr) {
        *sa = lock_user(addr, **len, VERIFY_WRITE);
        if (!*sa) {
            return -EFAULT;
        }
    }
    return 0;
}

int64_t sys_accept4(TaskState *ts, const uint64_t *a)
{
    void *sa;
    socklen_t *len;
    int64_t err = lock_addr_out(a[1], a[2], &sa, &len);
    return err ? err : sock_syscall(SO_RCVTIMEO, SYS_accept4, (int)a[0], (long)sa, (long)len, (int)a[3], 0, 0);
}

int64_t sys_accept(TaskState *ts, const uint64_t *a)
{
    void *sa;
    socklen_t *len;
    int64_t err = lock_addr_out(a[1], a[2], &sa, &len);
    return err ? err : sock_syscall(SO_RCVTIMEO, SYS_accept, (int)a[0], (long)sa, (long)len, 0, 0, 0);
}

int64_t sys_getsockname(TaskState *ts, const uint64_t *a)
{
    void *sa;
    socklen_t *len;
    int64_t err = lock_addr_out(a[1], a[2], &sa, &len);
    if (!err && !len) {
        err = -EFAULT;
    }
    return err ? err : get_errno(getsockname((int)a[0], sa, len));
}

int64_t sys_getpeername(TaskState *ts, const uint64_t *a)
{
    void *sa;
    socklen_t *len;
    int64_t err = lock_addr_out(a[1], a[2], &sa, &len);
    if (!err && !len) {
        err = -EFAULT;
    }
    return err ? err : get_errno(getpeername((int)a[0], sa, len));
}

int64_t sys_sendto(TaskState *ts, const uint64_t *a)
{
    const void *buf = lock_user(a[1], a[2], VERIFY_READ);
    const void *sa = NULL;
    if (!buf) {
        return -EFAULT;
    }
    if (a[4] && !(sa = lock_user(a[4], (uint32_t)a[5], VERIFY_READ))) {
        return -EFAULT;
    }
    return sock_syscall(SO_SNDTIMEO, SYS_sendto, (int)a[0], (long)buf, a[2], (int)a[3], (long)sa, (socklen_t)a[5]);
}

int64_t sys_recvfrom(TaskState *ts, const uint64_t *a)
{
    void *buf = lock_user(a[1], a[2], VERIFY_WRITE);
    if (!buf) {
        return -EFAULT;
    }
    void *sa;
    socklen_t *len;
    int64_t err = lock_addr_out(a[4], a[5], &sa, &len);
    return err ? err : sock_syscall(SO_RCVTIMEO, SYS_recvfrom, (int)a[0], (long)buf, a[2], (int)a[3], (long)sa, (long)len);
}

#define TARGET_SO_ATTACH_FILTER 26
#define TARGET_SO_ATTACH_REUSEPORT_CBPF 51

int64_t sys_setsockopt(TaskState *ts, const uint64_t *a)
{
    if ((int)a[1] == SOL_SOCKET &&
        ((int)a[2] == TARGET_SO_ATTACH_FILTER || (int)a[2] == TARGET_SO_ATTACH_REUSEPORT_CBPF)) {
        if (qemu_loglevel_mask(LOG_UNIMP)) {
            mimic_log("unsupported setsockopt: classic BPF filter\n");
        }
        return -ENOPROTOOPT;
    }
    if ((int)a[4] < 0) {
        return -EINVAL;
    }
    const void *val = a[3] ? lock_user(a[3], (uint32_t)a[4], VERIFY_READ) : NULL;
    if (a[3] && !val) {
        return -EFAULT;
    }
    return get_errno(setsockopt((int)a[0], (int)a[1], (int)a[2], val, (socklen_t)a[4]));
}

int64_t sys_getsockopt(TaskState *ts, const uint64_t *a)
{
    void *val;
    socklen_t *len;
    int64_t err = lock_addr_out(a[3], a[4], &val, &len);
    if (!err && !len) {
        err = -EFAULT;
    }
    return err ? err : get_errno(getsockopt((int)a[0], (int)a[1], (int)a[2], val, len));
}

/* ---- messages ---- */

/* The guest's struct msghdr, field for field (same as the host's, but its
 * pointers are guest addresses). */
typedef struct TargetMsghdr {
    uint64_t msg_name;
    uint32_t msg_namelen;
    uint32_t __pad1;
    uint64_t msg_iov;
    uint64_t msg_iovlen;
    uint64_t msg_control;
    uint64_t msg_controllen;
    int32_t msg_flags;
    uint32_t __pad2;
} TargetMsghdr;

/* Control data to send is copied (another guest thread cannot change it
 * once checked), and descriptors passed with SCM_RIGHTS must be the
 * guest's: mimic's own are EBADF, as a closed one would be. */
static int64_t copy_sent_control(struct msghdr *h)
{
    if (h->msg_controllen > 1 << 20) {
        return -ENOBUFS;
    }
    void *copy = malloc(h->msg_controllen ? h->msg_controllen : 1);
    memcpy(copy, h->msg_control, h->msg_controllen);
    h->msg_control = copy;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
            c->cmsg_len < CMSG_LEN(0)) {
            continue;
        }
        const int *fds = (const int *)CMSG_DATA(c);
        for (size_t i = 0; i < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int); i++) {
            if (fd_is_mimic(fds[i])) {
                free(copy);
                h->msg_control = NULL;
                return -EBADF;
            }
        }
    }
    return 0;
}

/* Fills a host msghdr from the guest's; the iovec (and, when sending, a
 * copy of the control data) is allocated. */
static int64_t lock_msghdr(TargetMsghdr *g, struct msghdr *h, bool receiving)
{
    int acc = receiving ? VERIFY_WRITE : VERIFY_READ;
    memset(h, 0, sizeof(*h));
    if (g->msg_iovlen > IOV_MAX) {
        return -EMSGSIZE;
    }
    if (g->msg_name) {
        h->msg_name = lock_user(g->msg_name, g->msg_namelen, acc);
        if (!h->msg_name) {
            return -EFAULT;
        }
    }
    h->msg_namelen = g->msg_namelen;
    if (g->msg_control) {
        h->msg_control = lock_user(g->msg_control, g->msg_controllen, acc);
        if (!h->msg_control) {
            return -EFAULT;
        }
    }
    h->msg_controllen = g->msg_controllen;
    h->msg_flags = g->msg_flags;
    h->msg_iovlen = g->msg_iovlen;
    h->msg_iov = calloc(g->msg_iovlen ? g->msg_iovlen : 1, sizeof(struct iovec));
    const uint64_t *giov = lock_user(g->msg_iov, g->msg_iovlen * 16, VERIFY_READ);
    if (!giov) {
        free(h->msg_iov);
        return -EFAULT;
    }
    for (uint64_t i = 0; i < g->msg_iovlen; i++) {
        void *p = lock_user(giov[2 * i], giov[2 * i + 1], acc);
        if (!p) {
            free(h->msg_iov);
            return -EFAULT;
        }
        h->msg_iov[i].iov_base = p;
        h->msg_iov[i].iov_len = giov[2 * i + 1];
    }
    if (!receiving && h->msg_control) {
        int64_t err = copy_sent_control(h);
        if (err) {
            free(h->msg_iov);
            return err;
        }
    }
    return 0;
}

static void unlock_msghdr(TargetMsghdr *g, struct msghdr *h, bool receiving)
{
    if (receiving) {
        g->msg_namelen = h->msg_namelen;
        g->msg_controllen = h->msg_controllen;
        g->msg_flags = h->msg_flags;
    } else {
        free(h->msg_control);
    }
    free(h->msg_iov);
}

static int64_t do_msg(uint64_t fd, uint64_t gmsg, int flags, bool receiving)
{
    TargetMsghdr *g = lock_user(gmsg, sizeof(*g), VERIFY_READ | (receiving ? VERIFY_WRITE : 0));
    if (!g) {
        return -EFAULT;
    }
    struct msghdr h;
    int64_t err = lock_msghdr(g, &h, receiving);
    if (err) {
        return err;
    }
    int64_t r = sock_syscall(receiving ? SO_RCVTIMEO : SO_SNDTIMEO,
                             receiving ? SYS_recvmsg : SYS_sendmsg, (int)fd, (long)&h, flags,
                             0, 0, 0);
    unlock_msghdr(g, &h, receiving && r >= 0);
    return r;
}

int64_t sys_sendmsg(TaskState *ts, const uint64_t *a) { return do_msg(a[0], a[1], (int)a[2], false); }
int64_t sys_recvmsg(TaskState *ts, const uint64_t *a) { return do_msg(a[0], a[1], (int)a[2], true); }

typedef struct TargetMmsghdr {
    TargetMsghdr hdr;
    uint32_t msg_len;
    uint32_t __pad;
} TargetMmsghdr;

static int64_t do_mmsg(const uint64_t *a, bool receiving)
{
    unsigned vlen = (unsigned)a[2];
    if (vlen > 1024) {
        vlen = 1024;
    }
    TargetMmsghdr *g = lock_user(a[1], (uint64_t)vlen * sizeof(*g),
                                 VERIFY_READ | VERIFY_WRITE);
    if (!g) {
        return -EFAULT;
    }
    struct mmsghdr *h = calloc(vlen ? vlen : 1, sizeof(*h));
    int64_t err = 0;
    unsigned done = 0;
    for (; done < vlen; done++) {
        err = lock_msghdr(&g[done].hdr, &h[done].msg_hdr, receiving);
        if (err) {
            break;
        }
    }
    int64_t r = err;
    if (!err) {
        struct timespec *tmo = NULL;
        if (receiving && a[4] && !(tmo = lock_user(a[4], sizeof(*tmo), VERIFY_READ | VERIFY_WRITE))) {
            r = -EFAULT;
        } else {
            r = sock_syscall(receiving ? SO_RCVTIMEO : SO_SNDTIMEO,
                             receiving ? SYS_recvmmsg : SYS_sendmmsg, (int)a[0], (long)h, vlen,
                             (int)a[3], (long)tmo, 0);
        }
    }
    for (unsigned i = 0; i < done; i++) {
        if (r > 0 && i < (uint64_t)r) {
            g[i].msg_len = h[i].msg_len;
        }
        unlock_msghdr(&g[i].hdr, &h[i].msg_hdr, receiving && r > 0 && i < (uint64_t)r);
    }
    free(h);
    return r;
}

int64_t sys_sendmmsg(TaskState *ts, const uint64_t *a) { return do_mmsg(a, false); }
int64_t sys_recvmmsg(TaskState *ts, const uint64_t *a) { return do_mmsg(a, true); }
