/* The time syscalls a guest without a vDSO makes (mimic answers them
 * through the host's vDSO): results, and the errors in the kernel's
 * order (a bad clock before a bad buffer). */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    printf("%-22s %ld %s\n", what, r, r < 0 ? (errno == EINVAL ? "EINVAL"
                                              : errno == EFAULT ? "EFAULT" : "other")
                                            : "ok");
    errno = 0;
}

int main(void)
{
    struct timespec ts, a;
    struct timeval tv;
    struct timezone tz;
    static const struct { const char *name; clockid_t id; } clocks[] = {
        { "REALTIME", CLOCK_REALTIME }, { "MONOTONIC", CLOCK_MONOTONIC },
        { "PROCESS_CPUTIME", CLOCK_PROCESS_CPUTIME_ID },
        { "THREAD_CPUTIME", CLOCK_THREAD_CPUTIME_ID },
        { "MONOTONIC_RAW", CLOCK_MONOTONIC_RAW },
        { "REALTIME_COARSE", CLOCK_REALTIME_COARSE },
        { "MONOTONIC_COARSE", CLOCK_MONOTONIC_COARSE }, { "BOOTTIME", CLOCK_BOOTTIME },
    };
    for (unsigned i = 0; i < sizeof(clocks) / sizeof(clocks[0]); i++) {
        ts.tv_nsec = -1;
        long r = syscall(SYS_clock_gettime, clocks[i].id, &ts);
        printf("%-22s %ld %s\n", clocks[i].name, r,
               ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000 ? "ok" : "bad nsec");
    }
    show("bad clock", syscall(SYS_clock_gettime, 1000, &ts));
    show("bad clock, NULL", syscall(SYS_clock_gettime, 1000, NULL));
    show("NULL buffer", syscall(SYS_clock_gettime, CLOCK_REALTIME, NULL));
    show("wild buffer", syscall(SYS_clock_gettime, CLOCK_REALTIME, (void *)8));
    show("gettimeofday", syscall(SYS_gettimeofday, &tv, NULL));
    show("gettimeofday NULL", syscall(SYS_gettimeofday, NULL, NULL));
    show("gettimeofday wild", syscall(SYS_gettimeofday, (void *)8, NULL));
    show("gettimeofday tz", syscall(SYS_gettimeofday, &tv, &tz));
    show("gettimeofday wild tz", syscall(SYS_gettimeofday, NULL, (void *)8));

    /* The clocks agree with each other and move forward. */
    syscall(SYS_clock_gettime, CLOCK_REALTIME, &a);
    syscall(SYS_gettimeofday, &tv, NULL);
    printf("realtime ~ gettimeofday: %s\n",
           tv.tv_sec >= a.tv_sec && tv.tv_sec - a.tv_sec <= 1 ? "yes" : "no");
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &a);
    for (int i = 0; i < 1000; i++) {
        syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    }
    printf("monotonic moves forward: %s\n",
           ts.tv_sec > a.tv_sec || (ts.tv_sec == a.tv_sec && ts.tv_nsec >= a.tv_nsec) ? "yes"
                                                                                     : "no");
    return 0;
}
