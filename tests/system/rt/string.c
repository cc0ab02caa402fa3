/*
 * Owns: memset, memcpy and memmove, which GCC emits calls to even with
 * -ffreestanding (struct copies, zeroed locals).  Byte loops: the programs
 * copy little, and byte accesses never fault on alignment.
 */
#include "rt.h"

void *memset(void *d, int c, size_t n)
{
    volatile uint8_t *p = d;   /* volatile: keep GCC from calling memset here */
    while (n--)
        *p++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    volatile uint8_t *p = d;
    const uint8_t *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    volatile uint8_t *p = d;
    const uint8_t *q = s;
    if (p < q) {
        while (n--)
            *p++ = *q++;
    } else {
        while (n--)
            p[n] = q[n];
    }
    return d;
}
