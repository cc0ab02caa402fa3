/*
 * Syscalls on paths and file metadata: stat in its three forms (struct
 * stat converted to arm64's asm-generic layout; statx is the same on
 * both), directories, links, permissions, ownership, times, truncation,
 * statfs, the working directory, extended attributes.
 *
 * Every path goes through get_user_path (checked, -L-prefixed); this
 * process's /proc (procfs.c) answers for the guest: exe is the guest
 * program, mimic's own descriptors are not in fd/.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "aarch64-abi.h"
#include "user.h"

static int put_stat(uint64_t addr, const struct stat *st)
{
    struct target_stat t;
    memset(&t, 0, sizeof(t));
    t.st_dev = st->st_dev;
    t.st_ino = st->st_ino;
    t.st_mode = st->st_mode;
    t.st_nlink = st->st_nlink;
    t.st_uid = st->st_uid;
    t.st_gid = st->st_gid;
    t.st_rdev = st->st_rdev;
    t.st_size = st->st_size;
    t.st_blksize = st->st_blksize;
    t.st_blocks = st->st_blocks;
    t.st_atime_sec = st->st_atim.tv_sec;
    t.st_atime_nsec = st->st_atim.tv_nsec;
    t.st_mtime_sec = st->st_mtim.tv_sec;
    t.st_mtime_nsec = st->st_mtim.tv_nsec;
    t.st_ctime_sec = st->st_ctim.tv_sec;
    t.st_ctime_nsec = st->st_ctim.tv_nsec;
    return copy_to_user(addr, &t, sizeof(t));
}

int64_t sys_fstat(TaskState *ts, const uint64_t *a)
{
    struct stat st;
    if (!lock_user(a[1], sizeof(struct target_stat), VERIFY_WRITE)) {
        return -EFAULT;
    }
    if (fstat((int)a[0], &st) != 0) {
        return -errno;
    }
    return put_stat(a[1], &st);
}

int64_t sys_newfstatat(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    if (err) {
        return err;
    }
    if (!lock_user(a[2], sizeof(struct target_stat), VERIFY_WRITE)) {
        return -EFAULT;
    }
    /* /proc/self/exe (following the link) is the guest program. */
    const char *exe = procfs_stat_redirect((int)a[0], path, (int)a[3], &err);
    if (err) {
        return err;
    }
    struct stat st;
    if (fstatat((int)a[0], exe ? exe : path, &st, (int)a[3]) != 0) {
        return -errno;
    }
    return put_stat(a[2], &st);
}

int64_t sys_statx(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    if (err) {
        return err;
    }
    void *buf = lock_user(a[4], 256, VERIFY_WRITE);
    if (!buf) {
        return -EFAULT;
    }
    const char *exe = procfs_stat_redirect((int)a[0], path, (int)a[2], &err);
    if (err) {
        return err;
    }
    return get_errno(syscall(SYS_statx, (int)a[0], exe ? exe : path, (int)a[2],
                             (unsigned)a[3], buf));
}

int64_t sys_getdents64(TaskState *ts, const uint64_t *a)
{
    uint64_t n = lock_user_prefix(a[1], (uint32_t)a[2], VERIFY_WRITE);
    if (n == 0 && a[2]) {
        return -EFAULT;
    }
    for (;;) {
        long r = syscall(SYS_getdents64, (int)a[0], g2h(a[1]), (unsigned)n);
        if (r <= 0) {
            return get_errno(r);
        }
        /* /proc/self/fd without mimic's own descriptors; a batch of only
         * those is not the end of the directory. */
        r = procfs_filter_dirents((int)a[0], g2h(a[1]), r);
        if (r > 0) {
            return r;
        }
    }
}

int64_t sys_readlinkat(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    if (err) {
        return err;
    }
    if ((int)a[3] <= 0) {
        return -EINVAL;
    }
    char *buf = lock_user(a[2], a[3], VERIFY_WRITE);
    if (!buf) {
        return -EFAULT;
    }
    int64_t r = procfs_readlink((int)a[0], path, buf, a[3]);
    if (r != PROC_NOT_MINE) {
        return r;
    }
    return get_errno(readlinkat((int)a[0], path, buf, a[3]));
}

/* access of /proc/self/exe is the guest program's (the link is followed). */
static int64_t do_faccessat(const uint64_t *a, int flags, bool has_flags)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    if (err) {
        return err;
    }
    const char *exe = procfs_stat_redirect((int)a[0], path, flags, &err);
    if (err) {
        return err;
    }
    path = exe ? exe : path;
    return has_flags ? get_errno(syscall(SYS_faccessat2, (int)a[0], path, (int)a[2], flags))
                     : get_errno(syscall(SYS_faccessat, (int)a[0], path, (int)a[2]));
}

int64_t sys_faccessat(TaskState *ts, const uint64_t *a)
{
    return do_faccessat(a, 0, false);
}

int64_t sys_faccessat2(TaskState *ts, const uint64_t *a)
{
    return do_faccessat(a, (int)a[3], true);
}

int64_t sys_getcwd(TaskState *ts, const uint64_t *a)
{
    char *buf = lock_user(a[0], a[1], VERIFY_WRITE);
    if (!buf) {
        return -EFAULT;
    }
    return get_errno(syscall(SYS_getcwd, buf, a[1]));
}

int64_t sys_chdir(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[0], &pb, &path);
    return err ? err : get_errno(chdir(path));
}

int64_t sys_fchdir(TaskState *ts, const uint64_t *a)
{
    return get_errno(fchdir((int)a[0]));
}

int64_t sys_chroot(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[0], &pb, &path);
    return err ? err : get_errno(chroot(path));
}

int64_t sys_mkdirat(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    return err ? err : get_errno(mkdirat((int)a[0], path, (mode_t)a[2]));
}

int64_t sys_mknodat(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    return err ? err : get_errno(mknodat((int)a[0], path, (mode_t)a[2], (dev_t)a[3]));
}

int64_t sys_unlinkat(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    return err ? err : get_errno(unlinkat((int)a[0], path, (int)a[2]));
}

static int64_t do_rename(const uint64_t *a, unsigned flags)
{
    PathBuf pb1, pb2;
    const char *p1, *p2;
    int err = get_user_path(a[1], &pb1, &p1);
    if (!err) {
        err = get_user_path(a[3], &pb2, &p2);
    }
    return err ? err : get_errno(renameat2((int)a[0], p1, (int)a[2], p2, flags));
}

int64_t sys_renameat(TaskState *ts, const uint64_t *a) { return do_rename(a, 0); }
int64_t sys_renameat2(TaskState *ts, const uint64_t *a) { return do_rename(a, (unsigned)a[4]); }

int64_t sys_symlinkat(TaskState *ts, const uint64_t *a)
{
    /* The link's contents are the guest's string as given, unprefixed. */
    bool toolong;
    const char *target = lock_user_string(a[0], PATH_MAX, &toolong);
    if (!target) {
        return toolong ? -ENAMETOOLONG : -EFAULT;
    }
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[2], &pb, &path);
    return err ? err : get_errno(symlinkat(target, (int)a[1], path));
}

int64_t sys_linkat(TaskState *ts, const uint64_t *a)
{
    PathBuf pb1, pb2;
    const char *p1, *p2;
    int err = get_user_path(a[1], &pb1, &p1);
    if (!err) {
        err = get_user_path(a[3], &pb2, &p2);
    }
    return err ? err : get_errno(linkat((int)a[0], p1, (int)a[2], p2, (int)a[4]));
}

int64_t sys_fchmod(TaskState *ts, const uint64_t *a)
{
    return get_errno(fchmod((int)a[0], (mode_t)a[1]));
}

int64_t sys_fchmodat(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    return err ? err : get_errno(syscall(SYS_fchmodat, (int)a[0], path, (mode_t)a[2]));
}

int64_t sys_fchownat(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[1], &pb, &path);
    return err ? err
               : get_errno(fchownat((int)a[0], path, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

int64_t sys_fchown(TaskState *ts, const uint64_t *a)
{
    return get_errno(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2]));
}

int64_t sys_utimensat(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path = NULL;
    if (a[1]) {
        int err = get_user_path(a[1], &pb, &path);
        if (err) {
            return err;
        }
    }
    struct timespec *times = NULL;
    if (a[2]) {
        times = lock_user(a[2], 2 * sizeof(struct timespec), VERIFY_READ);
        if (!times) {
            return -EFAULT;
        }
    }
    /* Raw: a NULL path (futimens) is Linux's, not POSIX's. */
    return get_errno(syscall(SYS_utimensat, (int)a[0], path, times, (int)a[3]));
}

int64_t sys_truncate(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[0], &pb, &path);
    return err ? err : get_errno(truncate(path, (off_t)a[1]));
}

int64_t sys_ftruncate(TaskState *ts, const uint64_t *a)
{
    return get_errno(ftruncate((int)a[0], (off_t)a[1]));
}

int64_t sys_umask(TaskState *ts, const uint64_t *a)
{
    return umask((mode_t)a[0] & 0777);
}

/* struct statfs is the same 120 bytes on both 64-bit ABIs. */
int64_t sys_statfs(TaskState *ts, const uint64_t *a)
{
    PathBuf pb;
    const char *path;
    int err = get_user_path(a[0], &pb, &path);
    if (err) {
        return err;
    }
    struct statfs *buf = lock_user(a[1], sizeof(*buf), VERIFY_WRITE);
    return buf ? get_errno(statfs(path, buf)) : -EFAULT;
}

int64_t sys_fstatfs(TaskState *ts, const uint64_t *a)
{
    struct statfs *buf = lock_user(a[1], sizeof(*buf), VERIFY_WRITE);
    return buf ? get_errno(fstatfs((int)a[0], buf)) : -EFAULT;
}

int64_t sys_sync(TaskState *ts, const uint64_t *a)
{
    sync();
    return 0;
}

int64_t sys_syncfs(TaskState *ts, const uint64_t *a)
{
    return get_errno(syncfs((int)a[0]));
}

/* ---- extended attributes ---- */

typedef enum { XA_PATH, XA_LINK, XA_FD } XattrTarget;

static int64_t do_getxattr(const uint64_t *a, XattrTarget t)
{
    PathBuf pb;
    const char *path = NULL;
    if (t != XA_FD) {
        int err = get_user_path(a[0], &pb, &path);
        if (err) {
            return err;
        }
    }
    bool toolong;
    const char *name = lock_user_string(a[1], 256, &toolong);
    if (!name) {
        return toolong ? -ERANGE : -EFAULT;
    }
    void *val = a[3] ? lock_user(a[2], a[3], VERIFY_WRITE) : NULL;
    if (a[3] && !val) {
        return -EFAULT;
    }
    switch (t) {
    case XA_PATH: return get_errno(getxattr(path, name, val, a[3]));
    case XA_LINK: return get_errno(lgetxattr(path, name, val, a[3]));
    default: return get_errno(fgetxattr((int)a[0], name, val, a[3]));
    }
}

static int64_t do_listxattr(const uint64_t *a, XattrTarget t)
{
    PathBuf pb;
    const char *path = NULL;
    if (t != XA_FD) {
        int err = get_user_path(a[0], &pb, &path);
        if (err) {
            return err;
        }
    }
    char *list = a[2] ? lock_user(a[1], a[2], VERIFY_WRITE) : NULL;
    if (a[2] && !list) {
        return -EFAULT;
    }
    switch (t) {
    case XA_PATH: return get_errno(listxattr(path, list, a[2]));
    case XA_LINK: return get_errno(llistxattr(path, list, a[2]));
    default: return get_errno(flistxattr((int)a[0], list, a[2]));
    }
}

static int64_t do_setxattr(const uint64_t *a, XattrTarget t)
{
    PathBuf pb;
    const char *path = NULL;
    if (t != XA_FD) {
        int err = get_user_path(a[0], &pb, &path);
        if (err) {
            return err;
        }
    }
    bool toolong;
    const char *name = lock_user_string(a[1], 256, &toolong);
    if (!name) {
        return toolong ? -ERANGE : -EFAULT;
    }
    const void *val = lock_user(a[2], a[3], VERIFY_READ);
    if (!val) {
        return -EFAULT;
    }
    switch (t) {
    case XA_PATH: return get_errno(setxattr(path, name, val, a[3], (int)a[4]));
    case XA_LINK: return get_errno(lsetxattr(path, name, val, a[3], (int)a[4]));
    default: return get_errno(fsetxattr((int)a[0], name, val, a[3], (int)a[4]));
    }
}

static int64_t do_removexattr(const uint64_t *a, XattrTarget t)
{
    PathBuf pb;
    const char *path = NULL;
    if (t != XA_FD) {
        int err = get_user_path(a[0], &pb, &path);
        if (err) {
            return err;
        }
    }
    bool toolong;
    const char *name = lock_user_string(a[1], 256, &toolong);
    if (!name) {
        return toolong ? -ERANGE : -EFAULT;
    }
    switch (t) {
    case XA_PATH: return get_errno(removexattr(path, name));
    case XA_LINK: return get_errno(lremovexattr(path, name));
    default: return get_errno(fremovexattr((int)a[0], name));
    }
}

int64_t sys_getxattr(TaskState *ts, const uint64_t *a) { return do_getxattr(a, XA_PATH); }
int64_t sys_lgetxattr(TaskState *ts, const uint64_t *a) { return do_getxattr(a, XA_LINK); }
int64_t sys_fgetxattr(TaskState *ts, const uint64_t *a) { return do_getxattr(a, XA_FD); }
int64_t sys_listxattr(TaskState *ts, const uint64_t *a) { return do_listxattr(a, XA_PATH); }
int64_t sys_llistxattr(TaskState *ts, const uint64_t *a) { return do_listxattr(a, XA_LINK); }
int64_t sys_flistxattr(TaskState *ts, const uint64_t *a) { return do_listxattr(a, XA_FD); }
int64_t sys_setxattr(TaskState *ts, const uint64_t *a) { return do_setxattr(a, XA_PATH); }
int64_t sys_lsetxattr(TaskState *ts, const uint64_t *a) { return do_setxattr(a, XA_LINK); }
int64_t sys_fsetxattr(TaskState *ts, const uint64_t *a) { return do_setxattr(a, XA_FD); }
int64_t sys_removexattr(TaskState *ts, const uint64_t *a) { return do_removexattr(a, XA_PATH); }
int64_t sys_lremovexattr(TaskState *ts, const uint64_t *a) { return do_removexattr(a, XA_LINK); }
int64_t sys_fremovexattr(TaskState *ts, const uint64_t *a) { return do_removexattr(a, XA_FD); }
