/* Syscall-heavy loop: each iteration makes five real system calls (none of
 * them served by the vDSO: clock_gettime goes through syscall()) so the
 * emulator's syscall entry, argument marshalling and return dominate. */
#define _GNU_SOURCE
#include "bench.h"
#include <fcntl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define FULL_ITERS 200000

int main(int argc, char **argv)
{
    long iters = bench_reps(argc, argv, FULL_ITERS);
    int null = open("/dev/null", O_WRONLY);
    int zero = open("/dev/zero", O_RDONLY);
    if (null < 0 || zero < 0) {
        perror("open");
        return 1;
    }
    char buf[64] = "mimic bench: write to /dev/null, 64 bytes of payload.....";
    uint64_t sum = 0;
    for (long i = 0; i < iters; i++) {
        struct timespec ts;
        pid_t pid = (pid_t)syscall(SYS_getpid);
        ssize_t w = write(null, buf, sizeof buf);
        ssize_t r = read(zero, buf + (i & 31), 32);
        off_t o = lseek(null, 0, SEEK_SET);
        long c = syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
        /* pid and time differ between runs: only their validity counts. */
        sum += (uint64_t)(pid > 0) + (uint64_t)w + (uint64_t)r + (uint64_t)o +
               (uint64_t)(c == 0) + (uint8_t)buf[i & 63];
    }
    bench_print("syscall", iters, sum);
    return 0;
}
