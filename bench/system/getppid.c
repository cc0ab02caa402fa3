/*
 * One guest system call, many times: getppid (no vDSO shortcut exists for
 * it, so each call is an SVC into the guest kernel and an ERET back).
 *
 *   getppid N      prints its count and ppid, then the loop's seconds
 */
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "clock.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        printf("usage: getppid N\n");
        return 2;
    }
    long n = atol(argv[1]);
    long sum = 0;
    double t0 = mono_now();
    for (long i = 0; i < n; i++) {
        sum += syscall(SYS_getppid);    /* never the libc's cached copy */
    }
    double dt = mono_now() - t0;
    printf("getppid: %ld calls, ppid sum %ld\n", n, sum);
    printf("MIMIC-BENCH syscall %.6f\n", dt);
    return 0;
}
