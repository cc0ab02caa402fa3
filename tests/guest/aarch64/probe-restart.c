/*
 * How blocking calls end when a signal interrupts them, per Linux's
 * restart rules: restarted after an SA_RESTART handler or not (read,
 * futex wait), EINTR whatever SA_RESTART says (timed futex wait, sleeps,
 * pselect6, ppoll, epoll_pwait, sigsuspend, rt_sigtimedwait), with the
 * remaining time written back (nanosleep), and carried on to the full
 * time when the signal runs no handler (ignored by default, stop and
 * continue).  probe-restart-resume has the cases qemu 7.2 gets wrong.
 *
 * Deterministic: a helper thread signals the main thread every 20 ms until
 * the call under test returns, so the only way out of a call that must
 * fail with EINTR is EINTR, and one that must not cannot return early.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "signal-pest.h"

static volatile int handled_usr1, handled_usr2;

static void on_usr1(int sig) { handled_usr1++; }
static void on_usr2(int sig) { handled_usr2++; }

/* ---- read from a pipe ---- */

static int pipefd[2];
static void write_byte(void) { (void)!write(pipefd[1], "x", 1); }

static void test_read(void)
{
    char c;
    pipe(pipefd);
    pest_start(SIGUSR1, 5, write_byte);
    long r = read(pipefd[0], &c, 1);
    pest_end();
    printf("read, SA_RESTART handler: %s\n", result(r));

    pest_start(SIGUSR2, 0, NULL);
    r = read(pipefd[0], &c, 1);
    pest_end();
    printf("read, handler without SA_RESTART: %s\n", result(r));
    close(pipefd[0]);
    close(pipefd[1]);
}

/* ---- a socket receive: restarted unless the socket has a timeout ---- */

static int sockfd[2];
static void send_byte(void) { (void)!send(sockfd[1], "y", 1, 0); }

static void test_recv(void)
{
    char c;
    socketpair(AF_UNIX, SOCK_STREAM, 0, sockfd);
    pest_start(SIGUSR1, 5, send_byte);
    long r = recv(sockfd[0], &c, 1, 0);
    pest_end();
    printf("recv, SA_RESTART handler: %s\n", result(r));

    /* With SO_RCVTIMEO, Linux answers EINTR even under SA_RESTART. */
    struct timeval tv = { 10, 0 };
    setsockopt(sockfd[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    pest_start(SIGUSR1, 0, NULL);
    r = recv(sockfd[0], &c, 1, 0);
    pest_end();
    printf("recv with SO_RCVTIMEO, SA_RESTART handler: %s\n", result(r));
    close(sockfd[0]);
    close(sockfd[1]);
}

/* ---- sleeps ---- */

static void test_nanosleep(void)
{
    struct timespec req = { 5, 0 }, rem = { -1, -1 };
    double t0 = now();
    pest_start(SIGUSR1, 0, NULL);
    long r = nanosleep(&req, &rem);
    pest_end();
    double rest = rem.tv_sec + rem.tv_nsec / 1e9;
    printf("nanosleep, SA_RESTART handler: %s, early: %s, remaining written: %s\n",
           result(r), now() - t0 < 4 ? "yes" : "no",
           rest > 0 && rest <= 5 && rest > 5 - (now() - t0) - 0.5 ? "yes" : "no");

    /* Default-ignored signals do not interrupt a sleep. */
    req.tv_sec = 0;
    req.tv_nsec = 300000000;
    t0 = now();
    pest_start(SIGCHLD, 0, NULL);
    r = nanosleep(&req, NULL);
    pest_end();
    printf("nanosleep, SIGCHLD (default ignore): %s, full time: %s\n", result(r),
           now() - t0 >= 0.3 ? "yes" : "no");
    t0 = now();
    pest_start(SIGCONT, 0, NULL);
    r = nanosleep(&req, NULL);
    pest_end();
    printf("nanosleep, SIGCONT (default continue): %s, full time: %s\n", result(r),
           now() - t0 >= 0.3 ? "yes" : "no");

    /* Stopped and continued in the middle. */
    pid_t parent = getpid();
    t0 = now();
    pid_t child = fork();
    if (child == 0) {
        usleep(50000);
        kill(parent, SIGSTOP);
        usleep(50000);
        kill(parent, SIGCONT);
        _exit(0);
    }
    r = nanosleep(&req, NULL);
    int st;
    waitpid(child, &st, 0);
    printf("nanosleep, stopped and continued: %s, full time: %s\n", result(r),
           now() - t0 >= 0.3 ? "yes" : "no");
}

static void test_clock_nanosleep(void)
{
    struct timespec dl;
    clock_gettime(CLOCK_MONOTONIC, &dl);
    dl.tv_sec += 5;
    pest_start(SIGUSR1, 0, NULL);
    long r = syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &dl, NULL);
    pest_end();
    printf("clock_nanosleep absolute, SA_RESTART handler: %s\n", result(r));
}

/* ---- futex waits ---- */

static int word;
static void wake_word(void)
{
    __atomic_store_n(&word, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static long futex_wait(const struct timespec *t)
{
    return syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, t, NULL, 0);
}

static void test_futex(void)
{
    word = 0;
    pest_start(SIGUSR1, 5, wake_word);
    long r = futex_wait(NULL);
    pest_end();
    printf("futex wait, SA_RESTART handler: %s\n",
           r == 0 || errno == EAGAIN ? "restarted until woken" : result(r));

    word = 0;
    pest_start(SIGUSR2, 0, NULL);
    r = futex_wait(NULL);
    pest_end();
    printf("futex wait, handler without SA_RESTART: %s\n", result(r));

    struct timespec t = { 5, 0 };
    pest_start(SIGUSR1, 0, NULL);
    r = futex_wait(&t);
    pest_end();
    printf("futex wait with timeout, SA_RESTART handler: %s\n", result(r));

}

/* ---- multiplexers ---- */

static void test_wait_fds(void)
{
    int p[2];
    pipe(p);
    struct timespec t = { 5, 0 };
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    pest_start(SIGUSR1, 0, NULL);
    long r = syscall(SYS_pselect6, p[0] + 1, &rd, NULL, NULL, &t, NULL);
    pest_end();
    printf("pselect6, SA_RESTART handler: %s\n", result(r));

    struct pollfd pfd = { .fd = p[0], .events = POLLIN };
    t.tv_sec = 5;
    t.tv_nsec = 0;
    pest_start(SIGUSR1, 0, NULL);
    r = ppoll(&pfd, 1, &t, NULL);
    pest_end();
    printf("ppoll, SA_RESTART handler: %s\n", result(r));

    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN }, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    pest_start(SIGUSR1, 0, NULL);
    r = epoll_wait(ep, &out, 1, 5000);
    pest_end();
    printf("epoll_wait, SA_RESTART handler: %s\n", result(r));

    close(ep);
    close(p[0]);
    close(p[1]);
}

/* ---- signal waits ---- */

static void test_sigwaits(void)
{
    sigset_t none;
    sigemptyset(&none);
    pest_start(SIGUSR1, 0, NULL);
    long r = sigsuspend(&none);
    pest_end();
    printf("sigsuspend, SA_RESTART handler: %s\n", result(r));

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    struct timespec t = { 5, 0 };
    pest_start(SIGUSR1, 0, NULL);
    r = sigtimedwait(&set, NULL, &t);
    pest_end();
    printf("rt_sigtimedwait, SA_RESTART handler for another signal: %s\n", result(r));

    sigaddset(&set, SIGUSR2);
    block(SIGUSR2, SIG_BLOCK);
    pest_start(SIGUSR2, 0, NULL);
    r = sigtimedwait(&set, NULL, &t);
    pest_end();
    while (sigtimedwait(&set, NULL, &(struct timespec){ 0, 0 }) > 0) {
        /* the pest may have sent one more */
    }
    block(SIGUSR2, SIG_UNBLOCK);
    printf("rt_sigtimedwait, a signal of the set: %s\n", r == SIGUSR2 ? "SIGUSR2" : result(r));
}

int main(void)
{
    main_tid = (pid_t)syscall(SYS_gettid);
    set_handler(SIGUSR1, on_usr1, SA_RESTART);
    set_handler(SIGUSR2, on_usr2, 0);
    setvbuf(stdout, NULL, _IONBF, 0);

    test_read();
    test_recv();
    test_nanosleep();
    test_clock_nanosleep();
    test_futex();
    test_wait_fds();
    test_sigwaits();
    printf("handlers ran: SIGUSR1 %s, SIGUSR2 %s\n", handled_usr1 ? "yes" : "no",
           handled_usr2 ? "yes" : "no");
    return 0;
}
