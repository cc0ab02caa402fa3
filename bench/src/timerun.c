/* Native helper of run-bench.py: runs a program COUNT times in a row (stdio
 * inherited) and writes "seconds peak_rss_kib exit_code" to RESULT.
 *
 *   timerun RESULT COUNT TIMEOUT_S prog [args...]
 *
 * Why a C helper: a child's ru_maxrss keeps the high-water mark of the
 * address space it was forked from (Linux carries it across exec), so
 * spawning from Python would report Python's 20+ MB for every program.
 * From this small static process the floor is well under 1 MB.  Timing
 * here also keeps the interpreter's overhead out of the 200-start loop.
 * A run that passes TIMEOUT_S is killed (exit code 124 reported). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t child;
static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
    if (child > 0)
        kill(child, SIGKILL);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: timerun RESULT COUNT TIMEOUT_S prog [args...]\n");
        return 2;
    }
    long count = strtol(argv[2], NULL, 10);
    unsigned timeout = (unsigned)strtoul(argv[3], NULL, 10);
    double total = 0;
    long peak = 0;
    int code = 0;
    signal(SIGALRM, on_alarm);
    for (long i = 0; i < count && code == 0; i++) {
        double t0 = now();
        pid_t pid = fork();
        if (pid < 0) {
            perror("timerun: fork");
            return 2;
        }
        if (pid == 0) {
            signal(SIGALRM, SIG_DFL);
            execvp(argv[4], argv + 4);
            perror("timerun: exec");
            _exit(127);
        }
        child = pid;
        alarm(timeout);
        int status;
        struct rusage ru;
        while (wait4(pid, &status, 0, &ru) < 0)
            ;
        alarm(0);
        total += now() - t0;
        if (ru.ru_maxrss > peak)
            peak = ru.ru_maxrss;
        code = timed_out ? 124 : WIFEXITED(status) ? WEXITSTATUS(status)
                                                   : 128 + WTERMSIG(status);
    }
    FILE *f = fopen(argv[1], "w");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    fprintf(f, "%.6f %ld %d\n", total, peak, code);
    return fclose(f) ? 2 : 0;
}
