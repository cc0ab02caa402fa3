/* A stencil with a stack frame (a local array): must fail the build. */
#include "tcg/x86_64/stencil-rt.h"

void st_bad_frame(void)
{
    volatile uint64_t buf[8];
    for (int i = 0; i < 8; i++) {
        buf[i] = M64(1) + i;
    }
    M64(0) = buf[M64(2) & 7];
    _JIT_CONT();
}
