/*
 * For the probe-restart tests: a helper thread (the pest) that signals
 * the main thread every 20 ms until the call under test returns, and
 * small helpers to print results.  Included by one .c file each.
 */
#ifndef SIGNAL_PEST_H
#define SIGNAL_PEST_H

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static pid_t main_tid;            /* set by main */

/* ---- the pest: signals the main thread until stopped ---- */

static volatile int pest_stop;
static int pest_sig, pest_sends;
static void (*pest_action)(void);   /* after pest_sends signals */
static pthread_t pest_thread;

static void *pest(void *arg)
{
    for (int n = 1; !pest_stop; n++) {
        usleep(20000);
        syscall(SYS_tgkill, getpid(), main_tid, pest_sig);
        if (n == pest_sends && pest_action) {
            pest_action();
        }
    }
    return NULL;
}

static void pest_start(int sig, int sends, void (*action)(void))
{
    pest_stop = 0;
    pest_sig = sig;
    pest_sends = sends;
    pest_action = action;
    pthread_create(&pest_thread, NULL, pest, NULL);
}

static void pest_end(void)
{
    pest_stop = 1;
    pthread_join(pest_thread, NULL);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static const char *result(long r)
{
    static char buf[64];
    if (r < 0) {
        snprintf(buf, sizeof(buf), "-1 %s", errno == EINTR ? "EINTR" : strerror(errno));
    } else {
        snprintf(buf, sizeof(buf), "%ld", r);
    }
    return buf;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

static __attribute__((unused)) void block(int sig, int how)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(how, &s, NULL);
}

#endif
