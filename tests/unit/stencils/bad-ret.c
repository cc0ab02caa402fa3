/* A stencil that returns instead of continuing: must fail the build. */
#include "tcg/x86_64/stencil-rt.h"

void st_bad_ret(void)
{
    M64(0) = M64(1) * 3;
}
