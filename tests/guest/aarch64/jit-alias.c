/* Owns: generated code written through one mapping and run through another
 * mapping of the same memfd (the W^X double mapping of V8, the JVM and
 * mimic itself). The guest announces each change the architectural way
 * (__builtin___clear_cache on the executable alias: DC CVAU + IC IVAU), so
 * an emulator must invalidate on IC IVAU, not only on writes to the page it
 * translated. Debian's qemu-aarch64 7.2 runs the stale code here (prints
 * 0 0 ...); its oracle test is registered as an expected failure. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
    int fd = memfd_create("jit", 0);
    if (fd < 0 || ftruncate(fd, 8192) != 0) {
        printf("memfd_create failed\n");
        return 1;
    }
    uint32_t *w = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    uint32_t *x = mmap(NULL, 8192, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    if (w == MAP_FAILED || x == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    int (*f)(void) = (int (*)(void))x;
    for (int i = 1; i <= 6; i++) {
        w[0] = 0x52800000u | (unsigned)i << 5;      /* movz w0, #i */
        w[1] = 0xd65f03c0u;                         /* ret */
        __builtin___clear_cache((char *)x, (char *)x + 8);
        printf("%s%d", i > 1 ? " " : "", f());
    }
    printf("\n");
    /* a longer function: movz w0, #0; 199 x (add w0, w0, #k); ret; then
     * change one add */
    w[0] = 0x52800000u;
    for (int i = 1; i < 200; i++)
        w[i] = 0x11000000u | (unsigned)(i % 7 + 1) << 10;
    w[200] = 0xd65f03c0u;
    __builtin___clear_cache((char *)x, (char *)(x + 201));
    int before = f();
    w[100] = 0x11000000u | 1000u << 10;
    __builtin___clear_cache((char *)(x + 100), (char *)(x + 101));
    printf("long: before=%d after=%d\n", before, f());
    return 0;
}
