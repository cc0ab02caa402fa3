/*
 * Times a command inside the guest (busybox has no sub-second clock):
 * forks, execs it, waits, and prints "MIMIC-BENCH name seconds".  A failing
 * command prints its status instead of a time, so the row reports it.
 *
 *   timeit NAME CMD [ARG...]
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        printf("usage: timeit NAME CMD [ARG...]\n");
        return 2;
    }
    double t0 = mono_now();
    pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || status != 0) {
        printf("MIMIC-BENCH-FAILED %s status %d\n", argv[1], pid < 0 ? -1 : status);
        return 1;
    }
    report(argv[1], t0);
    return 0;
}
