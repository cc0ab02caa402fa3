/* A stencil with a relocation type the JIT cannot patch (GOT): must fail. */
#include "tcg/x86_64/stencil-rt.h"

void st_bad_reloc(void)
{
    uint64_t v;
    __asm__("movq _JIT_K0@GOTPCREL(%%rip), %0" : "=r"(v));
    M64(0) = v;
    _JIT_CONT();
}
