/* Stencils the extractor must refuse when compiled under both bindings. */
#include "tcg/x86_64/stencil-rt.h"

/* Code that differs between the bindings beyond a register field. */
void st_reg_bad_code(void)
{
    M64(0) = G0 ^ (STENCIL_BINDING ? 0x12345 : 0x54321);
    _JIT_CONT();
}
