/* Well-formed stencils: the extractor must accept them (test-extract-stencils). */
#include "tcg/x86_64/stencil-rt.h"

void st_good_add(void)
{
    M64(0) = M64(1) + K64(2);
    _JIT_CONT();
}

void st_good_branch(void)
{
    if (__builtin_expect(M64(0) == 5, 1)) {
        _JIT_TARGET();
        return;
    }
    _JIT_CONT();
}

void st_good_call(void)
{
    uint64_t r = _JIT_RT_ld(M64(1));
    M64(0) = r;
    _JIT_CONT();
}

/* A path to a cold function: GCC moves it to the stencil's cold part (as
 * gen-stencils writes a guest load: the slow path reads its operand again,
 * else GCC may keep env on the stack across the call). */
void st_good_cold(void)
{
    uint64_t a = M64(1);
    if (__builtin_expect(a >> 40 != 0, 0)) {
        uint64_t r = _JIT_RT_ld(M64(1));
        M64(0) = r;
    } else {
        M64(0) = *(uint64_t *)(GUEST_BASE + a);
    }
    _JIT_CONT();
}

void st_T_good_exit(void)
{
    _JIT_RETURN(K64(0));
}

/* A terminator that ends in a call to a LEAVE hole (holes.h). */
void st_T_good_leave(void)
{
    __asm__ volatile("call _JIT_RT_goto_exit");
    __builtin_unreachable();
}
