/*
 * /proc as the guest should see it: which paths name this process's /proc
 * entries, and what each operation on them (open, readlink, stat, execve)
 * gives; and the -L prefix.
 *
 * A path is recognised by mechanism, not by spelling: the host kernel
 * resolves it (relative to the guest's dirfd, through ".", "..", "//",
 * self, thread-self, task/<tid>, any symlink, as the guest's kernel
 * would), and its canonical name, "/proc/<pid>[/task/<tid>]/entry", read
 * back from /proc/self/fd/N of an O_PATH descriptor, tells whether the
 * pid (or tid) is this process.  Only the last component is resolved by
 * hand, so that a /proc symlink (exe, fd/N) is seen before it is followed.
 *
 * The contents are made in procfs-gen.c (maps, smaps, status, ...) and
 * procfs-mem.c (/proc/self/mem).
 *
 * -L: an absolute path that exists under the prefix is used from there
 * (the interpreter, the libraries, ld.so.cache), any other path is the
 * host's, as with qemu-user.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "user.h"

#define PROC_SUPER_MAGIC 0x9fa0
#define MAX_SYMLINK_HOPS 40

/* st_dev of /proc: a cheap first test that keeps the cost of a path that
 * is not on /proc to one fstatat. */
static dev_t proc_dev;
static bool proc_dev_known;

static bool on_proc_dev(dev_t dev)
{
    if (!proc_dev_known) {
        struct stat st;
        if (stat("/proc", &st) == 0) {
            proc_dev = st.st_dev;
        }
        proc_dev_known = true;
    }
    return dev == proc_dev;
}

/* The kernel's name for what fd refers to. */
static bool fd_canonical(int fd, char *buf, size_t size)
{
    char link[32];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, size - 1);
    if (n < 0) {
        return false;
    }
    buf[n] = 0;
    return true;
}

static bool is_thread_of_ours(long tid)
{
    char p[48];
    snprintf(p, sizeof(p), "/proc/self/task/%ld", tid);
    return access(p, F_OK) == 0;
}

/* Reads a decimal component; returns the position after it or NULL. */
static const char *number(const char *p, long *v)
{
    char *end;
    *v = strtol(p, &end, 10);
    return end != p && (*end == '/' || *end == 0) && *v > 0 ? end : NULL;
}

/* Splits a canonical /proc name; false if it is not of this process. */
static bool parse_canonical(const char *canon, ProcPath *out)
{
    static const char proc[] = "/proc/";
    if (strncmp(canon, proc, sizeof(proc) - 1) != 0) {
        return false;
    }
    const char *p = canon + sizeof(proc) - 1;
    memset(out, 0, sizeof(*out));
    snprintf(out->host, sizeof(out->host), "%s", canon);
    long pid, tid;
    const char *q = number(p, &pid);
    if (!q) {
        /* Not a process directory: only the files we rewrite are ours. */
        out->global = true;
        snprintf(out->entry, sizeof(out->entry), "%s", p);
        return true;
    }
    if (pid != getpid()) {
        if (!is_thread_of_ours(pid)) {
            return false;
        }
        out->tid = (int)pid;
    }
    if (!strncmp(q, "/task/", 6) && (p = number(q + 6, &tid))) {
        out->tid = (int)tid;
        q = p;
    }
    snprintf(out->entry, sizeof(out->entry), "%s", *q == '/' ? q + 1 : q);
    return true;
}

bool procfs_resolve(int dirfd, const char *path, bool follow, ProcPath *out)
{
    char cur[PATH_MAX], canon[PATH_MAX], target[PATH_MAX];
    snprintf(cur, sizeof(cur), "%s", path);
    for (int hop = 0; hop < MAX_SYMLINK_HOPS; hop++) {
        int fd;
        if (cur[0] == 0) {
            /* The dirfd itself (AT_EMPTY_PATH). */
            if (dirfd == AT_FDCWD) {
                return false;
            }
            fd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
        } else {
            struct stat st;
            if (fstatat(dirfd, cur, &st, AT_SYMLINK_NOFOLLOW) != 0) {
                return false;
            }
            if (!on_proc_dev(st.st_dev) && !(follow && S_ISLNK(st.st_mode))) {
                return false;
            }
            fd = openat(dirfd, cur, O_PATH | O_NOFOLLOW | O_CLOEXEC);
        }
        if (fd < 0) {
            return false;
        }
        struct statfs sf;
        struct stat st;
        bool ok = fstatfs(fd, &sf) == 0 && fstat(fd, &st) == 0 &&
                  fd_canonical(fd, canon, sizeof(canon));
        if (ok && sf.f_type == PROC_SUPER_MAGIC) {
            close(fd);
            if (!parse_canonical(canon, out)) {
                return false;
            }
            out->is_link = S_ISLNK(st.st_mode);
            return true;
        }
        if (!ok || !follow || !S_ISLNK(st.st_mode)) {
            close(fd);
            return false;
        }
        /* A symlink outside /proc: follow it as the kernel would, from
         * the directory that holds it. */
        ssize_t n = readlinkat(fd, "", target, sizeof(target) - 1);
        close(fd);
        if (n < 0) {
            return false;
        }
        target[n] = 0;
        if (target[0] == '/') {
            snprintf(cur, sizeof(cur), "%s", target);
        } else {
            char *slash = strrchr(canon, '/');
            if (slash) {
                slash[1] = 0;
            }
            if (snprintf(cur, sizeof(cur), "%s%s", canon, target) >= (int)sizeof(cur)) {
                return false;
            }
        }
        dirfd = AT_FDCWD;
    }
    return false;
}

/* "fd/N" or "fdinfo/N" for one of mimic's own descriptors. */
static bool names_mimic_fd(const char *entry)
{
    const char *n = !strncmp(entry, "fd/", 3) ? entry + 3
                    : !strncmp(entry, "fdinfo/", 7) ? entry + 7 : NULL;
    long fd;
    return n && number(n, &fd) && fd_is_mimic((int)fd);
}

/*
 * Resolves (dirfd, path) for an operation that follows the last symlink
 * or not.  Returns 1 and fills *pp if it names this process's /proc (with
 * a link followed if that resolves to /proc again), 0 if the host may
 * answer, or -errno.
 */
static int resolve_for(int dirfd, const char *path, bool follow, ProcPath *pp)
{
    if (!procfs_resolve(dirfd, path, follow, pp)) {
        return 0;
    }
    if (!pp->global && names_mimic_fd(pp->entry)) {
        return -ENOENT;
    }
    if (follow && pp->is_link && !pp->global && strcmp(pp->entry, "exe") != 0) {
        /* fd/N, cwd, root: where the link leads may be /proc again. */
        char canon[PATH_MAX];
        int fd = openat(dirfd, path, O_PATH | O_CLOEXEC);
        if (fd < 0) {
            return 0;
        }
        struct statfs sf;
        bool proc = fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC &&
                    fd_canonical(fd, canon, sizeof(canon));
        close(fd);
        if (!proc || !parse_canonical(canon, pp)) {
            return 0;
        }
        pp->is_link = false;
    }
    return 1;
}

bool procfs_is_self_exe(int dirfd, const char *path, bool follow)
{
    ProcPath pp;
    return resolve_for(dirfd, path, follow, &pp) == 1 && !pp.global &&
           !strcmp(pp.entry, "exe");
}

int procfs_open(int dirfd, const char *path, int flags, int mode)
{
    ProcPath pp;
    bool follow = !(flags & O_NOFOLLOW);
    int r = resolve_for(dirfd, path, follow, &pp);
    if (r <= 0) {
        return r == 0 ? PROC_NOT_MINE : r;
    }
    if (!pp.global && !strcmp(pp.entry, "exe") && follow) {
        int fd = open(user_proc.exe_path, flags, mode);
        return fd < 0 ? -errno : fd;
    }
    if (flags & O_PATH) {
        return PROC_NOT_MINE;
    }
    if (!pp.global && (!strcmp(pp.entry, "mem") || !strcmp(pp.entry, "pagemap"))) {
        return procfs_mem_open(&pp, flags);
    }
    return procfs_gen_open(&pp, flags);
}

int64_t procfs_readlink(int dirfd, const char *path, char *buf, size_t size)
{
    ProcPath pp;
    int r = resolve_for(dirfd, path, false, &pp);
    if (r <= 0) {
        return r == 0 ? PROC_NOT_MINE : r;
    }
    const char *name;
    char target[PATH_MAX];
    if (pp.global) {
        return PROC_NOT_MINE;
    }
    if (!strcmp(pp.entry, "exe")) {
        name = user_proc.exe_path;
    } else if (!strncmp(pp.entry, "fd/", 3)) {
        /* A generated file is a memfd named after the file it stands
         * for: the link names that file. */
        static const char memfd[] = "/memfd:", deleted[] = " (deleted)";
        ssize_t n = readlinkat(dirfd, path, target, sizeof(target) - 1);
        if (n < 0) {
            return -errno;
        }
        target[n] = 0;
        size_t dl = sizeof(deleted) - 1;
        if (strncmp(target, memfd, sizeof(memfd) - 1) != 0 ||
            strncmp(target + sizeof(memfd) - 1, "/proc/", 6) != 0 ||
            (size_t)n < dl || strcmp(target + n - dl, deleted) != 0) {
            return PROC_NOT_MINE;
        }
        target[n - dl] = 0;
        name = target + sizeof(memfd) - 1;
    } else {
        return PROC_NOT_MINE;
    }
    size_t n = strlen(name);
    if (n > size) {
        n = size;
    }
    memcpy(buf, name, n);
    return n;
}

const char *procfs_stat_redirect(int dirfd, const char *path, int at_flags, int *err)
{
    ProcPath pp;
    *err = 0;
    bool follow = !(at_flags & AT_SYMLINK_NOFOLLOW);
    if ((at_flags & AT_EMPTY_PATH) && path[0] == 0) {
        return NULL;
    }
    int r = resolve_for(dirfd, path, follow, &pp);
    if (r < 0) {
        *err = r;
        return NULL;
    }
    if (r == 1 && follow && !pp.global && !strcmp(pp.entry, "exe")) {
        return user_proc.exe_path;
    }
    return NULL;
}

long procfs_filter_dirents(int dirfd, void *buf, long n)
{
    struct statfs sf;
    char canon[PATH_MAX];
    ProcPath pp;
    if (n <= 0 || fstatfs(dirfd, &sf) != 0 || sf.f_type != PROC_SUPER_MAGIC ||
        !fd_canonical(dirfd, canon, sizeof(canon)) || !parse_canonical(canon, &pp) ||
        pp.global || (strcmp(pp.entry, "fd") && strcmp(pp.entry, "fdinfo"))) {
        return n;
    }
    /* linux_dirent64: d_ino, d_off, then d_reclen at 16 and d_name at 19. */
    char *p = buf, *out = buf;
    for (long at = 0; at < n;) {
        uint16_t reclen;
        memcpy(&reclen, p + at + 16, 2);
        long fd;
        if (!(number(p + at + 19, &fd) && fd_is_mimic((int)fd))) {
            memmove(out, p + at, reclen);
            out += reclen;
        }
        at += reclen;
    }
    return out - p;
}

const char *path_remap(const char *path, char *buf, size_t size)
{
    const char *prefix = user_proc.ld_prefix;
    if (!prefix || path[0] != '/') {
        return path;
    }
    int n = snprintf(buf, size, "%s%s", prefix, path);
    if (n < 0 || (size_t)n >= size) {
        return path;
    }
    if (faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
        return buf;
    }
    return path;
}
