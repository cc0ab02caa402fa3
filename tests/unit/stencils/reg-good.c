/* Stencils with cache-register operands (slots G0..G2), compiled under
 * both bindings: the extractor must find every register field. */
#include "tcg/x86_64/stencil-rt.h"

/* Slots 0 and 1 in, slot 2 out: reg and rm fields. */
void st_reg_add_01_2(void)
{
    G2 = G0 + G1;
    _JIT_CONT();
}

/* A slot as a base register, and a register in an opcode byte (movabs). */
void st_reg_load_0_1(void)
{
    G1 = *(uint64_t *)(GUEST_BASE + G0) + K64(1);
    _JIT_CONT();
}
