/*
 * The guest program of the watchpoint session (watch.gdb): a global that
 * a function doubles three times (write watchpoints), reads of it (read
 * and access watchpoints), and a second thread that writes another global
 * (the stop names that thread).  Output and exit status are fixed.
 */
#include <pthread.h>
#include <stdio.h>

volatile int watched_value = 1;
volatile int from_thread;
volatile int sink;

__attribute__((noinline)) void double_it(void)
{
    watched_value = watched_value * 2;
}

static void *worker(void *arg)
{
    from_thread = 42;
    return NULL;
}

int main(void)
{
    for (int i = 0; i < 3; i++) {
        double_it();
    }
    sink = watched_value;
    pthread_t th;
    pthread_create(&th, NULL, worker, NULL);
    pthread_join(th, NULL);
    printf("value %d thread %d\n", sink, from_thread);
    return 0;
}
