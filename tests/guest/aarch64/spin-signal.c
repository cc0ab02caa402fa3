/*
 * Loops that only a signal ends: the handler sets a flag the loop polls.
 * Generated code must notice the pending signal from inside a loop of
 * linked blocks (a self-loop, a loop of several blocks with forward and
 * backward branches, a loop through an indirect call), else this hangs
 * until the runner's timeout.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t stop;
static volatile int hits;

static void on_alarm(int sig)
{
    (void)sig;
    hits++;
    stop = 1;
}

static void arm(void)
{
    struct itimerval it;
    memset(&it, 0, sizeof(it));
    it.it_value.tv_usec = 20000;
    stop = 0;
    setitimer(ITIMER_REAL, &it, NULL);
}

/* while (!stop); : one block branching to itself. */
static void self_loop(void)
{
    arm();
    while (!stop) {
    }
}

/* Blocks linked forward and back. */
static unsigned long multi_block(void)
{
    unsigned long x = 0, odd = 0, even = 0;
    arm();
    while (!stop) {
        if (x & 1) {
            odd += x;
        } else {
            even ^= x;
        }
        if ((x & 7) == 3) {
            odd >>= 1;
        }
        x++;
    }
    return x && (odd | even | 1);
}

static int __attribute__((noinline)) step(int v)
{
    return v + 1;
}

/* Around an indirect call and its return. */
static int indirect(void)
{
    int (*volatile f)(int) = step;
    int v = 0;
    arm();
    while (!stop) {
        v = f(v);
    }
    return v > 0;
}

int main(void)
{
    signal(SIGALRM, on_alarm);
    self_loop();
    printf("self loop: stopped\n");
    printf("multi block: stopped %lu\n", multi_block());
    printf("indirect: stopped %d\n", indirect());
    printf("signals: %d\n", hits);
    return 0;
}
