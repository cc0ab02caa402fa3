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

/* A terminator that ends in a call to a hole that returns to it: must
 * fail (only LEAVE holes never come back). */
void st_T_bad_call_end(void)
{
    __asm__ volatile("call _JIT_RT_lookup");
    __builtin_unreachable();
}
