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

/* Calls out: an argument read before the call and a result written after
 * it may be in any register (slots 0, 1: not late); a value read after
 * the call (slot 2) or written before it (slot 3) needs a callee-saved
 * one (late_slots). */
void st_reg_call_01(void)
{
    G1 = ((uint64_t (*)(uint64_t))(void *)_JIT_HELPER)(G0);
    _JIT_CONT();
}

void st_reg_call_late(void)
{
    G3 = M64(0);
    uint64_t r = ((uint64_t (*)(uint64_t))(void *)_JIT_HELPER)(G0);
    M64(1) = r + G2;
    _JIT_CONT();
}
