/* Owns: file-system syscalls as a guest makes them, inside a fresh temporary
 * folder (mkdtemp under $TMPDIR or /tmp, removed at the end): open/read/write,
 * lseek incl. holes and >4 GiB offsets, pread/pwrite, readv/writev, stat
 * family (deterministic fields only), directories and readdir (sorted), rename,
 * unlink, links, symlinks, access, chmod, utimensat, dup2/dup3, pipe2, fcntl,
 * getcwd/chdir, *at() calls, ftruncate. Errors print as errno names. File
 * descriptor numbers are never printed (an emulator may hold some open). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define CHECK(expr)                                                            \
    do {                                                                       \
        errno = 0;                                                             \
        long r_ = (long)(expr);                                                \
        printf("%-48s = %ld%s%s\n", #expr, r_, r_ < 0 ? " " : "",              \
               r_ < 0 ? strerrorname_np(errno) : "");                          \
    } while (0)

static void show_stat(const char *name, int follow)
{
    struct stat st;
    int r = follow ? stat(name, &st) : lstat(name, &st);
    if (r != 0) {
        printf("%sstat(%s): %s\n", follow ? "" : "l", name, strerrorname_np(errno));
        return;
    }
    char t = S_ISREG(st.st_mode) ? 'f' : S_ISDIR(st.st_mode) ? 'd' : S_ISLNK(st.st_mode) ? 'l'
           : S_ISFIFO(st.st_mode) ? 'p' : '?';
    printf("%sstat(%s): type=%c mode=%04o nlink=%lu size=%lld\n", follow ? "" : "l", name, t,
           (unsigned)(st.st_mode & 07777), (unsigned long)(t == 'd' ? 0 : st.st_nlink),
           t == 'd' ? 0LL : (long long)st.st_size);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        printf("opendir(%s): %s\n", path, strerrorname_np(errno));
        return;
    }
    char *names[64];
    int n = 0, dtype_ok = 1;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        names[n++] = strdup(e->d_name);
        struct stat st;
        if (e->d_type != DT_UNKNOWN && fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
            dtype_ok &= (e->d_type == DT_DIR) == !!S_ISDIR(st.st_mode) &&
                        (e->d_type == DT_LNK) == !!S_ISLNK(st.st_mode);
    }
    closedir(d);
    qsort(names, n, sizeof(char *), cmp_name);
    printf("readdir(%s): %d entries, d_type ok=%d:", path, n, dtype_ok);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    umask(022);
    const char *tmp = getenv("TMPDIR");
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%s/mimic-fileio-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        printf("mkdtemp failed: %s\n", strerrorname_np(errno));
        return 1;
    }
    char start[PATH_MAX], cwd[PATH_MAX];
    getcwd(start, sizeof(start));
    CHECK(chdir(dir));
    getcwd(cwd, sizeof(cwd));
    printf("getcwd matches mkdtemp: %d\n", strcmp(cwd, dir) == 0);

    int fd = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    printf("open a.txt ok=%d\n", fd >= 0);
    CHECK(write(fd, "hello, file world\n", 18));
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(lseek(fd, 7, SEEK_SET));
    char buf[256] = {0};
    CHECK(read(fd, buf, 4));
    printf("read: \"%s\"\n", buf);
    CHECK(lseek(fd, -3, SEEK_END));
    CHECK(lseek(fd, 100, SEEK_END));
    CHECK(write(fd, "X", 1));
    CHECK(lseek(fd, 0, SEEK_END));
    CHECK(pread(fd, buf, 8, 20));
    printf("hole bytes: %d %d %d\n", buf[0], buf[5], buf[7]);
    CHECK(pwrite(fd, "HELLO", 5, 0));
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(lseek(fd, -1, SEEK_SET));
    CHECK(lseek(fd, 5LL << 30, SEEK_SET));
    CHECK(write(fd, "big", 3));
    CHECK(pread(fd, buf, 10, (5LL << 30) + 1));
    printf("pread >4GiB: \"%.2s\"\n", buf);
    CHECK(ftruncate(fd, 40));
    show_stat("a.txt", 1);

    struct iovec iov[3] = {{"one ", 4}, {"two ", 4}, {"three\n", 6}};
    CHECK(lseek(fd, 0, SEEK_SET));
    CHECK(writev(fd, iov, 3));
    char r1[5] = {0}, r2[3] = {0}, r3[9] = {0};
    struct iovec rv[3] = {{r1, 4}, {r2, 2}, {r3, 8}};
    CHECK(lseek(fd, 0, SEEK_SET));
    CHECK(readv(fd, rv, 3));
    printf("readv: \"%s\" \"%s\" \"%s\"\n", r1, r2, r3);
    CHECK(pwritev(fd, iov, 2, 30));
    CHECK(preadv(fd, rv, 1, 34));
    printf("preadv: \"%s\"\n", r1);
    CHECK(fsync(fd));
    CHECK(fdatasync(fd));

    /* fcntl flags, O_APPEND */
    int fl = fcntl(fd, F_GETFL);
    printf("F_GETFL: accmode=%d append=%d\n", fl & O_ACCMODE, !!(fl & O_APPEND));
    CHECK(fcntl(fd, F_SETFL, fl | O_APPEND));
    fl = fcntl(fd, F_GETFL);
    printf("F_GETFL: accmode=%d append=%d\n", fl & O_ACCMODE, !!(fl & O_APPEND));
    CHECK(lseek(fd, 0, SEEK_SET));
    CHECK(write(fd, "END", 3));
    CHECK(lseek(fd, 0, SEEK_CUR));
    int d100 = fcntl(fd, F_DUPFD_CLOEXEC, 100);
    printf("F_DUPFD_CLOEXEC >= 100: %d cloexec=%d\n", d100 >= 100, fcntl(d100, F_GETFD));
    CHECK(dup2(fd, 50));
    CHECK(fcntl(50, F_GETFD));
    CHECK(dup3(fd, 51, O_CLOEXEC));
    CHECK(fcntl(51, F_GETFD));
    CHECK(dup3(50, 50, 0));
    CHECK(pread(51, buf, 3, 40));
    printf("via dup: \"%.3s\"\n", buf);
    close(50);
    close(51);
    close(d100);
    CHECK(close(fd));
    CHECK(close(fd));
    CHECK(read(fd, buf, 1));

    /* links, rename, symlinks */
    CHECK(link("a.txt", "hard"));
    show_stat("a.txt", 1);
    CHECK(symlink("a.txt", "sym"));
    CHECK(symlink("nowhere", "dangling"));
    show_stat("sym", 1);
    show_stat("sym", 0);
    show_stat("dangling", 1);
    ssize_t n = readlink("sym", buf, sizeof(buf));
    printf("readlink(sym) = %zd \"%.*s\"\n", n, (int)(n > 0 ? n : 0), buf);
    CHECK(readlink("a.txt", buf, sizeof(buf)));
    CHECK(rename("hard", "renamed"));
    CHECK(rename("missing", "x"));
    CHECK(access("renamed", F_OK));
    CHECK(access("hard", F_OK));
    CHECK(chmod("renamed", 0600));
    show_stat("a.txt", 1);
    CHECK(chmod("a.txt", 04751));
    show_stat("renamed", 1);

    struct timespec ts[2] = {{1000000000, 123456789}, {1234567890, 987654321}};
    CHECK(utimensat(AT_FDCWD, "a.txt", ts, 0));
    struct stat st;
    stat("a.txt", &st);
    printf("times: atime=%lld.%09ld mtime=%lld.%09ld\n", (long long)st.st_atim.tv_sec,
           st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct timespec ts2[2] = {{0, UTIME_OMIT}, {42, 0}};
    CHECK(utimensat(AT_FDCWD, "a.txt", ts2, 0));
    CHECK(utimensat(AT_FDCWD, "dangling", ts, AT_SYMLINK_NOFOLLOW));
    stat("a.txt", &st);
    printf("times: atime=%lld.%09ld mtime=%lld.%09ld\n", (long long)st.st_atim.tv_sec,
           st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    lstat("dangling", &st);
    printf("symlink mtime=%lld.%09ld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);

    /* directories */
    CHECK(mkdir("sub", 0755));
    CHECK(mkdir("sub", 0755));
    CHECK(mkdir("sub/inner", 0700));
    int dfd = open("sub", O_RDONLY | O_DIRECTORY);
    printf("open dir ok=%d\n", dfd >= 0);
    CHECK(mkdirat(dfd, "other", 0777));
    int f2 = openat(dfd, "other/file", O_CREAT | O_WRONLY | O_EXCL, 0666);
    printf("openat ok=%d\n", f2 >= 0);
    CHECK(write(f2, "12345", 5));
    close(f2);
    CHECK(openat(dfd, "other/file", O_CREAT | O_WRONLY | O_EXCL, 0666));
    CHECK(open("a.txt", O_RDONLY | O_DIRECTORY));
    CHECK(open("nonexistent", O_RDONLY));
    CHECK(fstatat(dfd, "other/file", &st, 0));
    printf("fstatat size=%lld mode=%04o\n", (long long)st.st_size, st.st_mode & 07777);
    CHECK(renameat(dfd, "other/file", AT_FDCWD, "moved"));
    CHECK(rmdir("sub"));
    list_dir(".");
    list_dir("sub");
    CHECK(unlinkat(dfd, "other", AT_REMOVEDIR));
    CHECK(unlinkat(dfd, "inner", 0));
    CHECK(unlinkat(dfd, "inner", AT_REMOVEDIR));
    close(dfd);
    CHECK(rmdir("sub"));
    show_stat("moved", 1);

    /* pipes */
    int p[2];
    CHECK(pipe2(p, O_CLOEXEC | O_NONBLOCK));
    CHECK(fcntl(p[0], F_GETFD));
    CHECK(!!(fcntl(p[1], F_GETFL) & O_NONBLOCK));
    CHECK(read(p[0], buf, 10));
    CHECK(write(p[1], "through the pipe", 16));
    memset(buf, 0, sizeof(buf));
    CHECK(read(p[0], buf, 100));
    printf("pipe: \"%s\"\n", buf);
    struct stat pst;
    fstat(p[0], &pst);
    printf("pipe is fifo: %d\n", S_ISFIFO(pst.st_mode));
    close(p[1]);
    CHECK(read(p[0], buf, 10));
    close(p[0]);

    /* cleanup */
    CHECK(chdir(".."));
    getcwd(cwd, sizeof(cwd));
    printf("cwd is parent: %d\n", strncmp(cwd, dir, strlen(cwd)) == 0);
    CHECK(chdir(dir));
    CHECK(unlink("a.txt"));
    CHECK(unlink("a.txt"));
    CHECK(unlink("renamed"));
    CHECK(unlink("sym"));
    CHECK(unlink("dangling"));
    CHECK(unlink("moved"));
    list_dir(".");
    CHECK(chdir(start));
    CHECK(rmdir(dir));
    printf("cleanup done: %d\n", access(dir, F_OK) != 0);
    return 0;
}
