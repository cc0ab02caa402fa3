/* A stencil whose last instruction is no jump to CONT: must fail. */
#include "tcg/x86_64/stencil-rt.h"

void st_bad_end(void)
{
    if (__builtin_expect(M64(0) == 5, 0)) {
        _JIT_TARGET();
        return;
    }
    _JIT_CONT();
}
