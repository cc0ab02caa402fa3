/*
 * The entries of the guest-access slow paths (holes RT_ld and RT_st): a
 * stencil's cold part calls them with the address (and the value) alone.
 * The cache registers still hold the guest registers there, and this file
 * sees them as the stencils do (global register variables, stencil-rt.h),
 * so it reads them here: no register moves in the cold part of every
 * guest access.  The caller-saved ones (r8-r11) are put back after the
 * call, which may change them: the stencil goes on with them.
 *
 * Built apart from the rest of tcg/ (tcg/meson.build) with
 * -fomit-frame-pointer: rbp is a global register variable in this file.
 */
#include "stencil-rt.h"
#include "jit-internal.h"

uint64_t jit_rt_ld_entry(uint64_t addr)
{
    uint64_t cache[JIT_NCACHE] = { P0, P1, P2, P3, P4, P5 };
    uint64_t r = jit_rt_ld(addr, cache, (uintptr_t)__builtin_return_address(0));
    P0 = cache[0];
    P1 = cache[1];
    P2 = cache[2];
    P3 = cache[3];
    return r;
}

void jit_rt_st_entry(uint64_t addr, uint64_t val)
{
    uint64_t cache[JIT_NCACHE] = { P0, P1, P2, P3, P4, P5 };
    jit_rt_st(addr, val, cache, (uintptr_t)__builtin_return_address(0));
    P0 = cache[0];
    P1 = cache[1];
    P2 = cache[2];
    P3 = cache[3];
}
