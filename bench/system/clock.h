/*
 * The guest programs of the bench's system section time themselves with
 * CLOCK_MONOTONIC inside the guest, so that the boot before them and the
 * power-off after them stay out of the number; each prints
 * "MIMIC-BENCH name seconds" for bench/sysbench.py.
 */
#ifndef BENCH_SYSTEM_CLOCK_H
#define BENCH_SYSTEM_CLOCK_H

#include <stdio.h>
#include <time.h>

static inline double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static inline void report(const char *name, double t0)
{
    printf("MIMIC-BENCH %s %.6f\n", name, mono_now() - t0);
    fflush(stdout);
}

#endif
