/*
 * Probes of the boundary between the guest and mimic's own resources: the
 * guest exhausts the host's map count, sets limits through a thread id,
 * closes every descriptor and forks, makes and joins 10,000 threads, and
 * maps under RLIMIT_DATA (private writable memory counts, shared, read-only
 * and the stack do not; mprotect to writable and brk count too).
 * Each line says
 * what Linux on the modelled CPU would give; none depends on addresses,
 * pids or timing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- host map count: mprotect until the host says ENOMEM, then munmap ---- */

static void map_exhaustion(void)
{
    long max = 65530;
    FILE *f = fopen("/proc/sys/vm/max_map_count", "r");
    if (f) {
        if (fscanf(f, "%ld", &max) != 1) {
            max = 65530;
        }
        fclose(f);
    }
    size_t pages = (size_t)max * 2 + 64;
    size_t len = pages * 4096;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (p == MAP_FAILED) {
        printf("map: mmap failed %d\n", errno);
        return;
    }
    /* Every other page read-only: each call splits a mapping in three. */
    size_t i;
    int err = 0;
    for (i = 0; i < pages; i += 2) {
        if (mprotect(p + i * 4096, 4096, PROT_READ) != 0) {
            err = errno;
            break;
        }
    }
    printf("map: mprotect stopped with %s\n", err == ENOMEM ? "ENOMEM" : err ? "other" : "nothing");
    /* Punching a hole into a writable run needs one more mapping. */
    int r = munmap(p + 4096 * 1001, 4096);
    printf("map: munmap of one page %s\n", r == 0 || errno == ENOMEM ? "answered" : "failed oddly");
    /* Reading and writing what stayed mapped still works. */
    p[4096] = 1;
    printf("map: memory still usable %d\n", p[4096] + p[4096 * 2]);
    printf("map: unmap all %d\n", munmap(p, len));
    char *q = malloc(1 << 20);
    memset(q, 7, 1 << 20);
    printf("map: malloc after %d\n", q[12345]);
    free(q);
}

/* ---- limits set through a thread id are the process's ---- */

static volatile int tid_ready;
static volatile pid_t worker_tid;
static volatile int worker_stop;

static void *worker(void *arg)
{
    worker_tid = syscall(SYS_gettid);
    __atomic_store_n(&tid_ready, 1, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&worker_stop, __ATOMIC_ACQUIRE)) {
        usleep(1000);
    }
    return arg;
}

static void *nothing(void *arg)
{
    return arg;
}

static void prlimit_on_tid(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    while (!__atomic_load_n(&tid_ready, __ATOMIC_ACQUIRE)) {
        usleep(100);
    }
    struct rlimit old, lim = { 256ul << 20, RLIM_INFINITY };
    getrlimit(RLIMIT_AS, &old);
    int r = prlimit(worker_tid, RLIMIT_AS, &lim, NULL);
    printf("prlimit: set RLIMIT_AS on a thread id %d\n", r);
    struct rlimit now;
    getrlimit(RLIMIT_AS, &now);
    printf("prlimit: the process sees %lu MiB\n", (unsigned long)(now.rlim_cur >> 20));
    FILE *lf = fopen("/proc/self/limits", "r");
    char line[256];
    unsigned long shown = 0;
    while (lf && fgets(line, sizeof(line), lf)) {
        if (!strncmp(line, "Max address space", 17)) {
            sscanf(line + 25, "%lu", &shown);
        }
    }
    if (lf) {
        fclose(lf);
    }
    printf("prlimit: /proc/self/limits shows %lu MiB\n", shown >> 20);
    void *big = mmap(NULL, 512ul << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("prlimit: 512 MiB mmap %s\n", big == MAP_FAILED && errno == ENOMEM ? "ENOMEM" : "mapped");
    /* Threads and memory of the emulator itself are not the guest's. */
    pthread_t t2;
    printf("prlimit: thread under the limit %d\n", pthread_create(&t2, NULL, nothing, NULL));
    pthread_join(t2, NULL);
    void *small = mmap(NULL, 16ul << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("prlimit: 16 MiB mmap %s\n", small == MAP_FAILED ? "failed" : "mapped");
    if (small != MAP_FAILED) {
        munmap(small, 16ul << 20);
    }
    lim.rlim_cur = old.rlim_cur;
    printf("prlimit: restore %d\n", prlimit(0, RLIMIT_AS, &lim, NULL));
    worker_stop = 1;
    pthread_join(t, NULL);
}

/* ---- descriptors: close them all, reuse 3, fork ---- */

static void close_all_then_fork(void)
{
    int r = syscall(SYS_close_range, 3, ~0u, 0);
    int fd = open("/dev/zero", O_RDONLY);
    printf("fds: close_range %d, next open gets %d\n", r, fd);
    /* Nothing of the emulator's is reachable at or above the hard limit. */
    struct rlimit nf;
    getrlimit(RLIMIT_NOFILE, &nf);
    int reachable = 0, sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    for (int k = 0; k < 256; k++) {
        int target = (int)nf.rlim_max + k;
        if (fcntl(target, F_GETFD) >= 0 || errno != EBADF) {
            reachable++;
        }
        void *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, target, 0);
        if (m != MAP_FAILED || errno != EBADF) {
            reachable++;
        }
        /* Passing it to another process. */
        char byte = 0, ctl[CMSG_SPACE(sizeof(int))];
        struct iovec iov = { &byte, 1 };
        struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
                             .msg_controllen = sizeof(ctl) };
        struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &target, sizeof(int));
        if (sendmsg(sv[0], &mh, 0) >= 0 || errno != EBADF) {
            reachable++;
        }
    }
    /* poll: POLLNVAL, returned at once; select: EBADF. */
    struct pollfd pf[2] = { { (int)nf.rlim_max, POLLIN, 0 }, { sv[0], POLLOUT, 0 } };
    int pr = poll(pf, 2, 5000);
    printf("fds: poll %d, revents %s %s\n", pr, pf[0].revents == POLLNVAL ? "POLLNVAL" : "other",
           pf[1].revents & POLLOUT ? "POLLOUT" : "other");
    close(sv[0]);
    close(sv[1]);
    printf("fds: at or above the hard limit, %d reachable\n", reachable);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char c = 1;
        ssize_t n = read(fd, &c, 1);
        printf("fds: the child reads fd %d: %zd byte(s) of %d\n", fd, n, c);
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("fds: child exit %d\n", WEXITSTATUS(st));
    char c = 1;
    printf("fds: the parent reads fd %d: %zd\n", fd, read(fd, &c, 1));
}

/* ---- MADV_DONTFORK: the child does not get the page ---- */

static void dontfork(void)
{
    char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    p[4096] = 2;
    printf("dontfork: madvise %d\n", madvise(p + 4096, 4096, MADV_DONTFORK));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        volatile char *v = p;
        printf("dontfork: the child reads the kept page: %d\n", v[0]);
        fflush(stdout);
        _exit(v[4096]);    /* faults: the page is not there */
    }
    int st;
    waitpid(pid, &st, 0);
    printf("dontfork: the child %s\n",
           WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV ? "died by SIGSEGV" : "did not fault");
    printf("dontfork: the parent still reads %d %d\n", p[0], p[4096]);
    munmap(p, 2 * 4096);
}

/* ---- thread exit frees what the thread owned ---- */

static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void many_threads(void)
{
    for (int i = 0; i < 1000; i++) {
        pthread_t t;
        pthread_create(&t, NULL, nothing, NULL);
        pthread_join(t, NULL);
    }
    long before = max_rss_kb();
    int fails = 0;
    for (int i = 0; i < 9000; i += 3) {
        pthread_t t[3];
        for (int k = 0; k < 3; k++) {
            fails += pthread_create(&t[k], NULL, nothing, NULL) != 0;
        }
        for (int k = 0; k < 3; k++) {
            pthread_join(t[k], NULL);
        }
    }
    long grew = max_rss_kb() - before;
    printf("threads: 10000 created and joined, %d failed, peak RSS %s\n", fails,
           grew < 16 * 1024 ? "bounded" : "grew");
    if (grew >= 16 * 1024) {
        printf("threads: grew by %ld KiB\n", grew);
    }
}

/* ---- limits are carried across execve ---- */

static void exec_keeps_limits(const char *self)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit as = { 300ul << 20, 400ul << 20 }, nf;
        setrlimit(RLIMIT_AS, &as);
        getrlimit(RLIMIT_NOFILE, &nf);
        nf.rlim_max -= 10;
        if (nf.rlim_cur > nf.rlim_max) {
            nf.rlim_cur = nf.rlim_max;
        }
        setrlimit(RLIMIT_NOFILE, &nf);
        char want[32];
        snprintf(want, sizeof(want), "%lu", (unsigned long)nf.rlim_max);
        execl(self, self, "--exec-child", want, (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("exec: child exit %d\n", WEXITSTATUS(st));
}

static int exec_child(const char *want_nofile_max)
{
    struct rlimit as, nf;
    getrlimit(RLIMIT_AS, &as);
    getrlimit(RLIMIT_NOFILE, &nf);
    printf("exec: RLIMIT_AS after execve %lu/%lu MiB, NOFILE hard limit %s\n",
           (unsigned long)(as.rlim_cur >> 20), (unsigned long)(as.rlim_max >> 20),
           nf.rlim_max == strtoul(want_nofile_max, NULL, 10) ? "kept" : "lost");
    return 0;
}

/* ---- RLIMIT_DATA: Linux's data_vm (since 4.7), not brk alone ---- */

static const char *mapped(void *p)
{
    return p != MAP_FAILED ? "mapped" : errno == ENOMEM ? "ENOMEM" : "other error";
}

static void data_limit(void)
{
    struct rlimit old, lim;
    getrlimit(RLIMIT_DATA, &old);
    lim = old;
    lim.rlim_cur = 64 << 20;    /* a static probe has far less data than that */
    printf("data: setrlimit %d\n", setrlimit(RLIMIT_DATA, &lim));
    size_t big = 128 << 20;
    void *p = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("data: private writable 128 MiB %s\n", mapped(p));
    void *ro = mmap(NULL, big, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("data: private read-only 128 MiB %s\n", mapped(ro));
    void *sh = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    printf("data: shared writable 128 MiB %s\n", mapped(sh));
    int r = mprotect(ro, big, PROT_READ | PROT_WRITE);
    printf("data: mprotect it writable %s\n", r == 0 ? "done" : errno == ENOMEM ? "ENOMEM" : "other");
    r = mprotect(ro, 16 << 20, PROT_READ | PROT_WRITE);
    printf("data: mprotect 16 MiB of it writable %s\n", r == 0 ? "done" : "failed");
    void *p2 = mremap(ro, 16 << 20, 80 << 20, MREMAP_MAYMOVE);
    printf("data: mremap the writable 16 MiB to 80 MiB %s\n", mapped(p2));
    p2 = mremap(ro, 16 << 20, 24 << 20, MREMAP_MAYMOVE);
    printf("data: mremap it to 24 MiB %s\n", mapped(p2));
    void *cur = sbrk(0);
    printf("data: brk by 96 MiB %s\n", sbrk(96 << 20) == (void *)-1 ? "refused" : "grown");
    printf("data: brk by 1 MiB %s\n", sbrk(1 << 20) == (void *)-1 ? "refused" : "grown");
    brk(cur);
    munmap(ro, big);
    if (p2 != MAP_FAILED) {
        munmap(p2, 24 << 20);
    }
    munmap(sh, big);
    if (p != MAP_FAILED) {
        munmap(p, big);
    }
    printf("data: restore %d\n", setrlimit(RLIMIT_DATA, &old));
    p = mmap(NULL, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("data: then 128 MiB %s\n", mapped(p));
    munmap(p, big);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 2 && !strcmp(argv[1], "--exec-child")) {
        return exec_child(argv[2]);
    }
    map_exhaustion();
    prlimit_on_tid();
    many_threads();
    close_all_then_fork();
    dontfork();
    exec_keeps_limits(argv[0]);
    data_limit();
    printf("done\n");
    return 0;
}
