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
    long n = argc > 1 ? atol(argv[1]) : 50000;
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
