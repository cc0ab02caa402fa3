/* A `true`-like program for the start-up benchmark: run-bench.py starts it
 * many times, so this measures loading, libc initialisation, translating
 * the start-up path and exit (every block is new: no steady state). */
#include <stdio.h>

int main(int argc, char **argv)
{
    (void)argv;
    printf("startup ok argc=%d\n", argc);
    return 0;
}
