/*
 * The guest program the gdbstub tests debug: a function to break in
 * (add_up), a loop, a second thread, and raise(SIGUSR1) with a handler.
 * Its output and exit status are fixed, so a test can tell that a debug
 * session left the program's behaviour alone.
 *
 * With an argument ("spin"), the main thread counts in a loop until the
 * second thread has run: while that thread is stopped at a breakpoint,
 * an all-stop stub must hold the count still.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

/* The main thread waits in read() on this pipe while the second thread
 * reaches its breakpoint, so that where gdb finds it is always the same. */
static int pipe_fds[2];

volatile int counter = 5;
volatile int thread_ran;
volatile int got_signal;
volatile unsigned long spin_count;
int table[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

__attribute__((noinline)) int add_up(int n)
{
    int sum = 0;
    for (int i = 0; i < n; i++) {
        sum += table[i % 8];
    }
    return sum;
}

/* Called twice from one place: the second step through its return finds
 * the first one's blocks translated. */
__attribute__((noinline)) int twice(int x)
{
    return x + 1;
}

/* getuid by its own SVC instruction, for a step over a system call. */
__attribute__((noinline)) long raw_getuid(void)
{
    register long nr asm("x8") = 174;
    register long ret asm("x0");
    asm volatile("svc #0" : "=r"(ret) : "r"(nr) : "memory");
    return ret;
}

__attribute__((noinline)) void in_thread(void)
{
    thread_ran = 1;
}

static void *worker(void *arg)
{
    /* Main is in read() by then; spinning, it has a second to be
     * interrupted in, even on a loaded machine. */
    usleep(pipe_fds[1] ? 500 * 1000 : 1000 * 1000);
    in_thread();
    char c = 'x';
    if (pipe_fds[1]) {
        write(pipe_fds[1], &c, 1);
    }
    return NULL;
}

static void on_usr1(int sig)
{
    got_signal = sig;
}

static int spin(void)
{
    pthread_t th;
    pthread_create(&th, NULL, worker, NULL);
    while (!thread_ran) {
        spin_count++;
    }
    pthread_join(th, NULL);
    printf("spun\n");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        return spin();
    }
    signal(SIGUSR1, on_usr1);
    raw_getuid();
    int sum = add_up(counter);
    printf("sum %d\n", sum);
    for (int i = 0; i < 2; i++) {
        counter = twice(counter) - 1;
    }
    pipe(pipe_fds);
    pthread_t th;
    pthread_create(&th, NULL, worker, NULL);
    char c;
    read(pipe_fds[0], &c, 1);
    pthread_join(th, NULL);
    printf("thread %d\n", thread_ran);
    raise(SIGUSR1);
    printf("signal %d counter %d\n", got_signal, counter);
    return 3;
}
