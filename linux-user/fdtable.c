/*
 * mimic's own file descriptors, kept out of the guest's reach.
 *
 * The guest's descriptors are the host's (a guest open is a host open), so
 * anything mimic opens for itself would otherwise sit among them: the guest
 * could close it, reuse its number, write into it or see it in
 * /proc/self/fd.  mimic moves each of its own descriptors to the top of the
 * host's table, at or above mimic_fd_base, and the guest's RLIMIT_NOFILE
 * hard limit ends at that base (fdtable_rlimit below):
 *
 *   0 ........ guest soft limit ....... mimic_fd_base ...... host hard limit
 *   guest's descriptors (the kernel     mimic's own (the last MIMIC_FD_SLOTS)
 *   enforces the guest's soft limit)
 *
 * The host's soft limit is the guest's, so the kernel itself refuses the
 * guest a descriptor at or above it (EMFILE, dup3's EBADF, F_DUPFD's
 * EINVAL); mimic raises it to the hard limit only for the moment it moves a
 * descriptor of its own up.  A guest fd argument in mimic's range is EBADF
 * (do_syscall), close_range stops below it and /proc/self/fd hides it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "user.h"

/* Descriptors mimic may keep at once: the -D log, its stderr, the code
 * buffer's memfd and the copy made for a fork, -perfmap, with room. */
#define MIMIC_FD_SLOTS 64

/* INT_MAX until fdtable_init: then nothing is mimic's. */
int mimic_fd_base = INT_MAX;

/* The guest's RLIMIT_NOFILE hard limit (its soft limit is the host's). */
static rlim_t guest_nofile_max;
static pthread_mutex_t fd_lock = PTHREAD_MUTEX_INITIALIZER;

void fdtable_init(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        return;
    }
    rlim_t top = rl.rlim_max;
    unsigned long nr_open = 0;
    FILE *f = fopen("/proc/sys/fs/nr_open", "r");
    if (f) {
        if (fscanf(f, "%lu", &nr_open) != 1) {
            nr_open = 0;
        }
        fclose(f);
    }
    if (nr_open && top > nr_open) {
        top = nr_open;
    }
    if (top > INT_MAX) {
        top = INT_MAX;
    }
    if (top < 4 * MIMIC_FD_SLOTS) {
        /* Too small a table to split: mimic's descriptors stay where the
         * kernel puts them (and the guest can reach them, as in qemu). */
        return;
    }
    mimic_fd_base = (int)(top - MIMIC_FD_SLOTS);
    guest_nofile_max = mimic_fd_base;
    if (rl.rlim_cur > guest_nofile_max) {
        rl.rlim_cur = guest_nofile_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

int mimic_fd_keep(int fd)
{
    if (fd < 0 || mimic_fd_base == INT_MAX || fd >= mimic_fd_base) {
        return fd;
    }
    /* F_DUPFD refuses a target at or above the soft limit, which is the
     * guest's: lift it for this one call.  A guest open racing with us in
     * another thread sees a higher soft limit only if it already holds
     * every descriptor below the guest's. */
    pthread_mutex_lock(&fd_lock);
    struct rlimit rl, wide;
    int nfd = -1;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        wide = rl;
        wide.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &wide) == 0) {
            nfd = fcntl(fd, F_DUPFD_CLOEXEC, mimic_fd_base);
            setrlimit(RLIMIT_NOFILE, &rl);
        }
    }
    pthread_mutex_unlock(&fd_lock);
    if (nfd < 0) {
        return fd;
    }
    close(fd);
    return nfd;
}

/* CAP_SYS_RESOURCE in the effective set: may raise a hard limit. */
bool may_raise_hard_limit(void)
{
    struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    if (syscall(SYS_capget, &hdr, data) != 0) {
        return false;
    }
    return data[CAP_SYS_RESOURCE / 32].effective & (1u << (CAP_SYS_RESOURCE % 32));
}

int64_t fdtable_rlimit(const struct rlimit *nl, struct rlimit *ol)
{
    pthread_mutex_lock(&fd_lock);
    int64_t ret = 0;
    struct rlimit host;
    if (getrlimit(RLIMIT_NOFILE, &host) != 0) {
        ret = -errno;
        goto out;
    }
    rlim_t max = mimic_fd_base == INT_MAX ? host.rlim_max : guest_nofile_max;
    struct rlimit old = { host.rlim_cur, max };
    if (nl) {
        if (nl->rlim_cur > nl->rlim_max) {
            ret = -EINVAL;
            goto out;
        }
        if (mimic_fd_base == INT_MAX) {
            ret = setrlimit(RLIMIT_NOFILE, nl) ? -errno : 0;
            if (ret) {
                goto out;
            }
        } else {
            /* As the kernel: beyond the table's size (nr_open, here mimic's
             * base) is EPERM, and so is raising the hard limit without
             * CAP_SYS_RESOURCE. */
            if (nl->rlim_max > (rlim_t)mimic_fd_base ||
                (nl->rlim_max > max && !may_raise_hard_limit())) {
                ret = -EPERM;
                goto out;
            }
            struct rlimit set = { nl->rlim_cur, host.rlim_max };
            if (setrlimit(RLIMIT_NOFILE, &set) != 0) {
                ret = -errno;
                goto out;
            }
            guest_nofile_max = nl->rlim_max;
        }
    }
    if (ol) {
        *ol = old;
    }
out:
    pthread_mutex_unlock(&fd_lock);
    return ret;
}

/* After fork the lock may be held by a thread that is not in the child. */
void fdtable_fork_child(void)
{
    pthread_mutex_init(&fd_lock, NULL);
}
