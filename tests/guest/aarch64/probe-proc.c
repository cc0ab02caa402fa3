/*
 * This process's /proc must show the guest program, never the emulator,
 * whatever the spelling: self, thread-self, <pid>, <tid> of a second
 * thread, task/<tid>, "//", "/./", "..", openat relative to an open /proc
 * or /proc/self, and a symlink in /tmp.  For each file (maps, smaps,
 * smaps_rollup, numa_maps, exe, cmdline, environ, auxv, stat, status, fd)
 * every spelling is checked; then /proc/self/mem (guest addresses, writes
 * to read-only memory and to code, EIO outside the guest), the fd listing,
 * and execve of exe in several spellings.  Output is one line per check.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char self_path[PATH_MAX];   /* realpath of argv[0] */
static const char *self_base;      /* its last component */
static int g_argc;
static char **g_argv;
static int proc_fd, self_fd;       /* open /proc and /proc/self */
static int tid2;                   /* the second thread */
static char link_path[64];         /* /tmp symlink to /proc/self/ */

/* ---- spellings ---- */

typedef struct Spelling {
    int dirfd;
    char path[128];
    const char *desc;
} Spelling;

static int spellings(const char *e, Spelling *s)
{
    int pid = getpid(), tid = gettid(), n = 0;
#define SP(fd, d, ...) (s[n].dirfd = (fd), s[n].desc = (d), \
                        snprintf(s[n].path, sizeof(s[n].path), __VA_ARGS__), n++)
    SP(AT_FDCWD, "self", "/proc/self/%s", e);
    SP(AT_FDCWD, "thread-self", "/proc/thread-self/%s", e);
    SP(AT_FDCWD, "pid", "/proc/%d/%s", pid, e);
    SP(AT_FDCWD, "self/task/tid", "/proc/self/task/%d/%s", tid, e);
    SP(AT_FDCWD, "pid/task/tid", "/proc/%d/task/%d/%s", pid, tid, e);
    SP(AT_FDCWD, "tid2", "/proc/%d/%s", tid2, e);
    SP(AT_FDCWD, "self/task/tid2", "/proc/self/task/%d/%s", tid2, e);
    SP(AT_FDCWD, "//", "/proc/self//%s", e);
    SP(AT_FDCWD, "/./", "/proc/./self/./%s", e);
    SP(AT_FDCWD, "..", "/proc/self/../self/task/../%s", e);
    SP(AT_FDCWD, "///", "//proc///self///%s", e);
    SP(proc_fd, "openat(/proc)", "self/%s", e);
    SP(proc_fd, "openat(/proc) pid", "%d/%s", pid, e);
    SP(self_fd, "openat(/proc/self)", "%s", e);
    SP(AT_FDCWD, "tmp symlink", "%s/%s", link_path, e);
#undef SP
    return n;
}

/* ---- reading ---- */

static char *slurp_at(int dirfd, const char *path, size_t *len)
{
    int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    ssize_t r;
    while ((r = read(fd, buf + n, cap - n)) > 0) {
        n += r;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
    }
    close(fd);
    buf[n] = 0;
    *len = n;
    return buf;
}

static bool has_mimic(const char *buf, size_t len)
{
    return memmem(buf, len, "mimic", 5) || memmem(buf, len, "qemu", 4);
}

static bool has(const char *buf, size_t len, const char *what)
{
    return memmem(buf, len, what, strlen(what)) != NULL;
}

/* ---- per-file checks: return NULL or what is wrong ---- */

static const char *check_maps(const char *b, size_t n)
{
    if (has_mimic(b, n)) return "emulator named";
    if (!has(b, n, self_path)) return "program missing";
    if (!has(b, n, "[stack]")) return "no [stack]";
    return NULL;
}

static const char *check_smaps(const char *b, size_t n)
{
    const char *e = check_maps(b, n);
    if (e) return e;
    if (!has(b, n, "\nRss:") || !has(b, n, "\nKernelPageSize:") || !has(b, n, "\nVmFlags:"))
        return "fields missing";
    /* The main program's code is mapped r-x and so says VmFlags. */
    for (const char *l = b; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        const char *eol = strchr(l, '\n');
        size_t ll = eol ? (size_t)(eol - l) : strlen(l);
        if (memmem(l, ll, " r-xp ", 6) && memmem(l, ll, self_path, strlen(self_path))) {
            const char *vf = strstr(l, "\nVmFlags:");
            const char *end = vf ? strchr(vf + 1, '\n') : NULL;
            if (!end || !memmem(vf, end - vf, " ex ", 4)) return "code VmFlags without ex";
            return NULL;
        }
    }
    return "no r-x mapping of the program";
}

static const char *check_rollup(const char *b, size_t n)
{
    if (has_mimic(b, n)) return "emulator named";
    if (!has(b, n, "[rollup]") || !has(b, n, "\nRss:")) return "fields missing";
    return NULL;
}

static const char *check_numa(const char *b, size_t n)
{
    if (has_mimic(b, n)) return "emulator named";
    if (!has(b, n, self_path)) return "program missing";
    return NULL;
}

static const char *check_cmdline(const char *b, size_t n)
{
    size_t at = 0;
    for (int i = 0; i < g_argc; i++) {
        size_t l = strlen(g_argv[i]) + 1;
        if (at + l > n || memcmp(b + at, g_argv[i], l)) return "differs from argv";
        at += l;
    }
    return at == n ? NULL : "longer than argv";
}

static const char *check_environ(const char *b, size_t n)
{
    size_t at = 0;
    for (char **e = environ; *e; e++) {
        size_t l = strlen(*e) + 1;
        if (at + l > n || memcmp(b + at, *e, l)) return "differs from environ";
        at += l;
    }
    return at == n ? NULL : "longer than environ";
}

static const char *check_auxv(const char *b, size_t n)
{
    static const unsigned long keys[] = { AT_PAGESZ, AT_ENTRY, AT_PHDR, AT_HWCAP, AT_BASE };
    const unsigned long *v = (const unsigned long *)b;
    for (unsigned k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        bool found = false;
        for (size_t i = 0; i + 1 < n / 8 && v[i]; i += 2) {
            if (v[i] == keys[k]) {
                if (v[i + 1] != getauxval(keys[k])) return "value differs from getauxval";
                found = true;
            }
        }
        if (!found && keys[k] != AT_BASE) return "key missing";
    }
    return NULL;
}

static bool comm_is_ours(const char *name, size_t len)
{
    char comm[16];
    snprintf(comm, sizeof(comm), "%s", self_base);
    return len == strlen(comm) && !memcmp(name, comm, len);
}

static const char *check_stat(const char *b, size_t n)
{
    if (has_mimic(b, n)) return "emulator named";
    const char *lp = strchr(b, '('), *rp = strrchr(b, ')');
    if (!lp || !rp || !comm_is_ours(lp + 1, rp - lp - 1)) return "comm is not the program";
    /* Field 26 (startcode) up to 28 (startstack) describe the guest. */
    unsigned long v[60] = { 0 };
    int f = 4;
    for (const char *p = rp + 4; *p && f < 60; f++) {
        v[f] = strtoul(p, (char **)&p, 10);
        while (*p == ' ') p++;
    }
    unsigned long entry = getauxval(AT_ENTRY);
    if (v[26] > entry || v[27] < entry) return "startcode-endcode without the entry";
    unsigned long sp = (unsigned long)&f;
    if (v[28] < sp) return "startstack below the stack pointer";
    return NULL;
}

static unsigned long long status_field(const char *b, const char *name, int base)
{
    const char *p = strstr(b, name);
    return p ? strtoull(p + strlen(name), NULL, base) : ~0ull;
}

static unsigned long long maps_total_kb(void)
{
    size_t n;
    char *m = slurp_at(AT_FDCWD, "/proc/self/maps", &n);
    unsigned long long kb = 0;
    for (char *l = m; l && *l; l = strchr(l, '\n') + 1) {
        unsigned long s, e;
        if (sscanf(l, "%lx-%lx", &s, &e) == 2) kb += (e - s) >> 10;
        if (!strchr(l, '\n')) break;
    }
    free(m);
    return kb;
}

static const char *check_status(const char *b, size_t n)
{
    if (has_mimic(b, n)) return "emulator named";
    const char *name = strstr(b, "Name:\t");
    if (!name || !comm_is_ours(name + 6, strcspn(name + 6, "\n"))) return "Name is not the program";
    /* Handlers: SIGUSR1 is ours, SIGSEGV and SIGBUS are not. */
    unsigned long long cgt = status_field(b, "\nSigCgt:\t", 16);
    if (!(cgt & (1ull << (SIGUSR1 - 1)))) return "SigCgt without SIGUSR1";
    if (cgt & ((1ull << (SIGSEGV - 1)) | (1ull << (SIGBUS - 1)))) return "SigCgt with SIGSEGV/SIGBUS";
    unsigned long long vm = status_field(b, "\nVmSize:\t", 10), mk = maps_total_kb();
    if (vm > mk + 4096 || vm + 4096 < mk) return "VmSize is not the size of maps";
    return NULL;
}

static const char *check_exe_readlink(const Spelling *s)
{
    char buf[PATH_MAX];
    ssize_t r = readlinkat(s->dirfd, s->path, buf, sizeof(buf) - 1);
    if (r < 0) return "readlink failed";
    buf[r] = 0;
    if (strcmp(buf, self_path)) return "readlink is not the program";
    struct stat a, b;
    if (fstatat(s->dirfd, s->path, &a, 0) || stat(self_path, &b)) return "stat failed";
    if (a.st_ino != b.st_ino || a.st_dev != b.st_dev) return "stat is not the program";
    struct statx x;
    if (statx(s->dirfd, s->path, 0, STATX_INO, &x) || x.stx_ino != b.st_ino) return "statx is not the program";
    if (faccessat(s->dirfd, s->path, X_OK, 0)) return "faccessat failed";
    return NULL;
}

static const char *check_exe_open(const char *b, size_t n)
{
    struct stat st;
    if (stat(self_path, &st) || (size_t)st.st_size != n) return "size is not the program's";
    return memcmp(b, "\177ELF", 4) ? "not an ELF" : NULL;
}

/* fd: the directory lists exactly the descriptors we have open. */
static int open_fds[64], n_open_fds;

static const char *check_fd_dir(const Spelling *s)
{
    int d = openat(s->dirfd, s->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d < 0) return "open failed";
    DIR *dir = fdopendir(d);
    bool seen[1024] = { false };
    const char *err = NULL;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.') continue;
        int fd = atoi(e->d_name);
        if (fd < 0 || fd >= 1024) { err = "descriptor out of range"; continue; }
        seen[fd] = true;
        bool ours = fd == d;
        for (int i = 0; i < n_open_fds; i++) ours |= open_fds[i] == fd;
        if (!ours) err = "a descriptor the program did not open";
        char lp[160], target[PATH_MAX];
        snprintf(lp, sizeof(lp), "%s/%d", s->path, fd);
        ssize_t r = readlinkat(s->dirfd, lp, target, sizeof(target) - 1);
        if (r < 0) err = "readlink of an entry failed";
        else if (has_mimic(target, r)) err = "an entry names the emulator";
    }
    for (int i = 0; i < n_open_fds; i++) {
        if (!seen[open_fds[i]]) err = "an open descriptor is missing";
    }
    closedir(dir);
    return err;
}

typedef const char *ContentCheck(const char *b, size_t n);

static void check_file(const char *entry, ContentCheck *content,
                       const char *(*by_path)(const Spelling *))
{
    Spelling s[20];
    int n = spellings(entry, s);
    for (int i = 0; i < n; i++) {
        const char *err = NULL;
        if (content) {
            size_t len;
            char *b = slurp_at(s[i].dirfd, s[i].path, &len);
            err = b ? content(b, len) : "open failed";
            free(b);
        }
        if (!err && by_path) {
            err = by_path(&s[i]);
        }
        if (err) {
            printf("%s: FAIL via %s: %s\n", entry, s[i].desc, err);
            return;
        }
    }
    printf("%s: ok\n", entry);
}

/* ---- /proc/self/mem ---- */

static const char secret[] = "the guest's own bytes";
static const long rodata_word = 0x1122334455667788;

static int ret_code(int w)   /* movz w0, #w; ret */
{
    return 0x52800000 | (w << 5);
}

static void check_mem(void)
{
    int fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
    if (fd < 0) { printf("mem: FAIL open\n"); return; }
    char buf[64];
    bool ok;

    ok = pread(fd, buf, sizeof(secret), (off_t)(uintptr_t)secret) == sizeof(secret) &&
         !memcmp(buf, secret, sizeof(secret));
    /* Memory the guest itself cannot read is read as ptrace would. */
    char *none = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(none, secret);
    mprotect(none, 4096, PROT_NONE);
    ok = ok && pread(fd, buf, sizeof(secret), (off_t)(uintptr_t)none) == sizeof(secret) &&
         !memcmp(buf, secret, sizeof(secret));
    printf("mem pread: %s\n", ok ? "ok" : "FAIL");

    /* A read-only mapping and .rodata are written as ptrace would. */
    long *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long v = 0x55aa55aa;
    ok = pwrite(fd, &v, sizeof(v), (off_t)(uintptr_t)&ro[3]) == sizeof(v) && ro[3] == v;
    v = 0x0102030405060708;
    ok = ok && pwrite(fd, &v, sizeof(v), (off_t)(uintptr_t)&rodata_word) == sizeof(v) &&
         *(volatile const long *)&rodata_word == v;
    printf("mem pwrite read-only: %s\n", ok ? "ok" : "FAIL");

    /* Code: run it, rewrite it through mem, run the new code. */
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    code[0] = ret_code(42);
    code[1] = 0xd65f03c0;
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    mprotect(code, 4096, PROT_READ | PROT_EXEC);
    int (*fn)(void) = (int (*)(void))code;
    int first = fn();
    uint32_t insn = ret_code(7);
    ok = pwrite(fd, &insn, 4, (off_t)(uintptr_t)code) == 4;
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    printf("mem write code: %s\n", ok && first == 42 && fn() == 7 ? "ok" : "FAIL");

    /* Outside the guest: an unmapped page, and addresses an x86-64 host
     * process would have (the emulator's own) are EIO. */
    char *gone = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gone + 4096, 4096);
    static const uint64_t far[] = { 0x555555554000ull, 0x7ffff7dd0000ull, 1ull << 47, 1ull << 60 };
    ok = true;
    for (unsigned i = 0; i < sizeof(far) / sizeof(far[0]); i++) {
        errno = 0;
        ok &= pread(fd, buf, 8, (off_t)far[i]) == -1 && errno == EIO;
        errno = 0;
        ok &= pwrite(fd, buf, 8, (off_t)far[i]) == -1 && errno == EIO;
    }
    errno = 0;
    ok &= pread(fd, buf, 8, (off_t)(uintptr_t)(gone + 4096)) == -1 && errno == EIO;
    /* Partly mapped: what is mapped is read. */
    ok &= pread(fd, buf, 16, (off_t)(uintptr_t)(gone + 4096 - 8)) == 8;
    printf("mem EIO outside: %s\n", ok ? "ok" : "FAIL");

    /* The file position: read, lseek, dup'd descriptors share it. */
    ok = lseek(fd, (off_t)(uintptr_t)secret, SEEK_SET) == (off_t)(uintptr_t)secret &&
         read(fd, buf, 4) == 4 && !memcmp(buf, secret, 4);
    int fd2 = dup(fd);
    ok = ok && read(fd2, buf, 4) == 4 && !memcmp(buf, secret + 4, 4) &&
         lseek(fd, 0, SEEK_CUR) == (off_t)(uintptr_t)(secret + 8);
    ok = ok && lseek(fd, 0, SEEK_END) == -1 && errno == EINVAL;
    close(fd2);
    printf("mem position: %s\n", ok ? "ok" : "FAIL");

    /* The vector forms. */
    char a[5] = { 0 }, b[6] = { 0 };
    struct iovec iov[2] = { { a, 4 }, { b, 5 } };
    ok = preadv(fd, iov, 2, (off_t)(uintptr_t)secret) == 9 && !memcmp(a, secret, 4) &&
         !memcmp(b, secret + 4, 5);
    char *rw = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct iovec wv[2] = { { "ab", 2 }, { "cd", 3 } };
    ok = ok && pwritev(fd, wv, 2, (off_t)(uintptr_t)rw) == 5 && !strcmp(rw, "abcd");
    lseek(fd, (off_t)(uintptr_t)secret, SEEK_SET);
    ok = ok && readv(fd, iov, 2) == 9 && !memcmp(b, secret + 4, 5) &&
         lseek(fd, 0, SEEK_CUR) == (off_t)(uintptr_t)(secret + 9);
    lseek(fd, (off_t)(uintptr_t)(rw + 8), SEEK_SET);
    ok = ok && writev(fd, wv, 2) == 5 && !strcmp(rw + 8, "abcd");
    ok = ok && write(fd, "X", 1) == 1 && rw[13] == 'X';
    printf("mem vectors: %s\n", ok ? "ok" : "FAIL");
    close(fd);

    /* Access modes as opened. */
    fd = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
    errno = 0;
    ok = pwrite(fd, buf, 1, (off_t)(uintptr_t)rw) == -1 && errno == EBADF &&
         pread(fd, buf, 1, (off_t)(uintptr_t)rw) == 1;
    close(fd);
    printf("mem access mode: %s\n", ok ? "ok" : "FAIL");
}

/* ---- execve of exe ---- */

/* pagemap: entries by guest page; a touched page is present, an unmapped
 * one is not, and the file ends where the address space does. */
static void check_pagemap(void)
{
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (fd < 0) { printf("pagemap: FAIL open\n"); return; }
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    p[2 * 4096] = 1;
    munmap(p + 4096, 4096);
    uint64_t e[3] = { 0, 1, 0 };
    off_t at = (off_t)((uintptr_t)p / 4096 * 8);
    bool ok = pread(fd, e, sizeof(e), at) == sizeof(e) &&
              (e[0] >> 63) == 1 && e[1] == 0 && (e[2] >> 63) == 1;
    /* Whole entries only. */
    ok = ok && pread(fd, e, 4, at) < 0 && errno == EINVAL;
    /* Far beyond any user address: nothing more to read. */
    ok = ok && pread(fd, e, 8, (off_t)1 << 62) == 0;
    printf("pagemap: %s\n", ok ? "ok" : "FAIL");
    munmap(p, 3 * 4096);
    close(fd);
}

static void check_exec(void)
{
    static const char *const forms[] = {
        "/proc/self/exe", "/proc/self/task/%d/exe", "/proc/%d/exe",
        "/proc/self/../self/exe", "/proc/%d/task/%d/exe", "@self exe",
        "@proc thread-self/exe",
    };
    bool ok = true;
    for (unsigned i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        pid_t pid = fork();
        if (pid == 0) {
            /* The child's own /proc: its pid is not the parent's. */
            char path[64];
            int dirfd = AT_FDCWD, me = getpid();
            if (forms[i][0] == '@') {
                dirfd = open(forms[i][1] == 's' ? "/proc/self" : "/proc", O_PATH | O_DIRECTORY);
                snprintf(path, sizeof(path), "%s", strchr(forms[i], ' ') + 1);
            } else {
                snprintf(path, sizeof(path), forms[i], me, me);
            }
            char *argv[] = { "probe-proc-child", "--exec-child", NULL };
            syscall(SYS_execveat, dirfd, path, argv, environ, 0);
            _exit(99);
        }
        int st;
        waitpid(pid, &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 37) {
            printf("exec: FAIL via %s\n", forms[i]);
            ok = false;
        }
    }
    if (ok) {
        printf("exec: ok\n");
    }
}

/* ---- main ---- */

static pthread_barrier_t ready, done;

static void *second(void *arg)
{
    tid2 = gettid();
    pthread_barrier_wait(&ready);
    pthread_barrier_wait(&done);
    return NULL;
}

static void on_usr1(int sig)
{
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--exec-child")) {
        /* Run by execve of /proc/.../exe: the guest program again. */
        return 37;
    }
    g_argc = argc;
    g_argv = argv;
    if (!realpath("/proc/self/exe", self_path) && !realpath(argv[0], self_path)) {
        return 1;
    }
    self_base = strrchr(self_path, '/') + 1;
    signal(SIGUSR1, on_usr1);

    pthread_t t;
    pthread_barrier_init(&ready, NULL, 2);
    pthread_barrier_init(&done, NULL, 2);
    pthread_create(&t, NULL, second, NULL);
    pthread_barrier_wait(&ready);

    proc_fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    self_fd = open("/proc/self", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    snprintf(link_path, sizeof(link_path), "/tmp/probe-proc-%d", getpid());
    unlink(link_path);
    if (symlink("/proc/self", link_path)) {
        printf("symlink: FAIL\n");
    }
    /* A symlink to one file, too, and O_NOFOLLOW on it. */
    char file_link[80];
    snprintf(file_link, sizeof(file_link), "%s-maps", link_path);
    unlink(file_link);
    symlink("/proc/self/maps", file_link);
    size_t n;
    char *b = slurp_at(AT_FDCWD, file_link, &n);
    bool ok = b && !check_maps(b, n) &&
              open(file_link, O_RDONLY | O_NOFOLLOW) == -1 && errno == ELOOP;
    printf("symlink to maps: %s\n", ok ? "ok" : "FAIL");
    free(b);
    unlink(file_link);

    check_file("maps", check_maps, NULL);
    check_file("smaps", check_smaps, NULL);
    check_file("smaps_rollup", check_rollup, NULL);
    check_file("numa_maps", check_numa, NULL);
    check_file("exe", check_exe_open, check_exe_readlink);
    check_file("cmdline", check_cmdline, NULL);
    check_file("environ", check_environ, NULL);
    check_file("auxv", check_auxv, NULL);
    check_file("stat", check_stat, NULL);
    check_file("status", check_status, NULL);

    int extra = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int fds[] = { 0, 1, 2, proc_fd, self_fd, extra };
    memcpy(open_fds, fds, sizeof(fds));
    n_open_fds = sizeof(fds) / sizeof(fds[0]);
    check_file("fd", NULL, check_fd_dir);
    close(extra);

    /* An open /proc file's link names it, as the kernel's does. */
    int mf = open("/proc/thread-self/maps", O_RDONLY | O_CLOEXEC);
    char lp[64], want[64], got[PATH_MAX];
    snprintf(lp, sizeof(lp), "/proc/self/fd/%d", mf);
    snprintf(want, sizeof(want), "/proc/%d/task/%d/maps", getpid(), gettid());
    ssize_t gl = readlink(lp, got, sizeof(got) - 1);
    got[gl > 0 ? gl : 0] = 0;
    printf("fd link of a /proc file: %s\n", !strcmp(got, want) ? "ok" : "FAIL");
    close(mf);

    check_mem();
    check_pagemap();
    check_exec();

    unlink(link_path);
    pthread_barrier_wait(&done);
    pthread_join(t, NULL);
    return 0;
}
