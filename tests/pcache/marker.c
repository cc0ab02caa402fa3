/* The persistent cache's "program changed on disk" test
 * (run-pcache.py): the test rewrites the immediate of marker()'s
 * instruction in the file, and the output must follow. */
#include <stdio.h>

__attribute__((noinline)) int marker(void)
{
    int v;
    __asm__ volatile("movz %w0, #1111" : "=r"(v));
    return v;
}

int main(void)
{
    int sum = 0;
    for (int i = 0; i < 1000; i++) {
        sum += marker();
    }
    printf("marker %d sum %d\n", marker(), sum);
    return 0;
}
