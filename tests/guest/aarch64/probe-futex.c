/*
 * Futex calls under a storm of signals: a wake never fails with EINTR (it
 * never blocks, so Linux never interrupts it), and a condition-variable
 * ping-pong (glibc aborts on an unexpected futex error) survives 100,000
 * signals with an SA_RESTART handler, sent to the process and to each of
 * its threads.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SIGNALS 100000

static volatile long handled;
static volatile int storm_done;

static void on_signal(int sig)
{
    __atomic_add_fetch(&handled, 1, __ATOMIC_RELAXED);
}

/* ---- a storm: SIGNALS signals at the given targets, then storm_done ---- */

static pid_t targets[3];
static int ntargets;

static void *storm(void *arg)
{
    for (int i = 0; i < SIGNALS; i++) {
        int t = i % (ntargets + 1);
        if (t == ntargets) {
            kill(getpid(), SIGUSR1);
        } else {
            syscall(SYS_tgkill, getpid(), targets[t], SIGUSR1);
        }
    }
    __atomic_store_n(&storm_done, 1, __ATOMIC_RELEASE);
    return NULL;
}

/* ---- a ping-pong on one condition variable ---- */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int turn;             /* whose move: 0 or 1 */
static long rounds;
static int stop;
static volatile pid_t player_tid[2];

static void *player(void *arg)
{
    int me = (int)(long)arg;
    player_tid[me] = (pid_t)syscall(SYS_gettid);
    pthread_mutex_lock(&lock);
    for (;;) {
        while (turn != me && !stop) {
            pthread_cond_wait(&cond, &lock);
        }
        if (stop) {
            break;
        }
        rounds++;
        /* Both wait for the storm, and play some rounds at least. */
        if (rounds >= 2000 && __atomic_load_n(&storm_done, __ATOMIC_ACQUIRE)) {
            stop = 1;
        }
        turn = !me;
        pthread_cond_signal(&cond);
    }
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    return NULL;
}

/* ---- FUTEX_WAKE in a loop (nobody waiting) on the main thread, while
 * the players play and the storm hits all three and the process ---- */

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);

    pthread_t p[2], s;
    for (long i = 0; i < 2; i++) {
        pthread_create(&p[i], NULL, player, (void *)i);
    }
    while (!player_tid[0] || !player_tid[1]) {
        sched_yield();
    }
    targets[0] = player_tid[0];
    targets[1] = player_tid[1];
    targets[2] = (pid_t)syscall(SYS_gettid);
    ntargets = 3;
    pthread_create(&s, NULL, storm, NULL);

    static int word;
    long calls = 0, errors = 0, eintr = 0;
    while (!__atomic_load_n(&storm_done, __ATOMIC_ACQUIRE) || calls < 1000) {
        long r = syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
        calls++;
        if (r < 0) {
            errors++;
            eintr += errno == EINTR;
        }
    }
    pthread_join(s, NULL);
    for (int i = 0; i < 2; i++) {
        pthread_join(p[i], NULL);
    }
    printf("pingpong: %s, rounds >= 2000: %s\n", stop ? "finished" : "stuck",
           rounds >= 2000 ? "yes" : "no");
    printf("futex wake: errors %ld, EINTR %ld\n", errors, eintr);
    printf("handler ran: %s\n", handled > 0 ? "yes" : "no");
    return 0;
}
