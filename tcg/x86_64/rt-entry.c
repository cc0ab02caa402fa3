/*
 * The entries of the guest-access slow paths (holes RT_ld and RT_st): a
 * stencil's cold part calls them with the address (and the value) alone.
 * The cache registers are callee-saved and still hold the guest registers
 * there, and this file sees them as the stencils do (global register
 * variables, stencil-rt.h), so it reads them here: four register moves
 * fewer in the cold part of every guest access, 12 bytes of each.
 *
 * Built apart from the rest of tcg/ (tcg/meson.build) with
 * -fomit-frame-pointer: rbp is a global register variable in this file.
 */
#include "stencil-rt.h"
#include "jit-internal.h"

uint64_t jit_rt_ld_entry(uint64_t addr)
{
    return jit_rt_ld(addr, (const uint64_t[]){ X, Y, Z, W },
                     (uintptr_t)__builtin_return_address(0));
}

void jit_rt_st_entry(uint64_t addr, uint64_t val)
{
    jit_rt_st(addr, val, (const uint64_t[]){ X, Y, Z, W },
              (uintptr_t)__builtin_return_address(0));
}
