/* A stencil referring to a symbol that is no hole: must fail the build. */
#include "tcg/x86_64/stencil-rt.h"

extern uint64_t some_global;

void st_bad_symbol(void)
{
    M64(0) = some_global;
    _JIT_CONT();
}
