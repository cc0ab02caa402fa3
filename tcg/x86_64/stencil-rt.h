/*
 * What every generated stencil (stencils.c, written by gen-stencils) sees:
 * the CPU-state base pointer in a fixed host register, the holes as
 * external symbols, and accessors for operands.
 *
 * Register map (also in tcg/x86_64/jit.c): r15 = env (CPU-state base pointer),
 * r12 = R, the value handed from an op to the next, rbx/rbp/r13/r14 =
 * X/Y/Z/W, the cache registers (guest registers and block temps the JIT
 * keeps in host registers).  All six are callee-saved and
 * global register variables, so no stencil ever saves one on the stack
 * and they survive helper calls.  Stencils use only caller-saved scratch
 * registers otherwise.
 */
#ifndef TCG_X86_64_STENCIL_RT_H
#define TCG_X86_64_STENCIL_RT_H

#include <stdint.h>

#include "tcg/tb.h"
#include "tcg/tcg-eval.h"

register uint8_t *env asm("r15");
/* A value passed from one stencil to the next without a memory round trip
 * (forms r and _R); callee-saved, so it survives a helper call. */
register uint64_t R asm("r12");
/* The cache registers (forms x, y, z, w and outputs _X, _Y, _Z, _W). */
register uint64_t X asm("rbx");
register uint64_t Y asm("rbp");
register uint64_t Z asm("r13");
register uint64_t W asm("r14");
/* guest_base, for the inline guest accesses (user mode): a 32-bit
 * displacement, the guest space being placed below 2 GiB for the JIT. */
extern char _JIT_GB[];
#define GUEST_BASE ((uintptr_t)_JIT_GB)

extern void _JIT_CONT(void);
extern void _JIT_TARGET(void);
extern void _JIT_RETURN(uint64_t v);
/* Leaving on a path that is rarely taken: its code goes to the cold part. */
extern void _JIT_RETURN_COLD(uint64_t v) __attribute__((cold));
extern char _JIT_HELPER[];
/* The slow paths of guest accesses.  They read the cache registers
 * themselves (rt-entry.c: callee-saved, so intact at the call) to write
 * the guest registers back before raising; the memop is in the access's
 * fault map (tcg/x86_64/jit.c).  Cold: the path that calls them becomes
 * the stencil's cold part (a section of its own,
 * -freorder-blocks-and-partition), placed out of line after the block. */
extern uint64_t _JIT_RT_ld(uint64_t addr) __attribute__((cold));
extern void _JIT_RT_st(uint64_t addr, uint64_t val) __attribute__((cold));
extern uint64_t _JIT_RT_cmpxchg(uint64_t addr, uint64_t cmp, uint64_t nv,
                                uint32_t memop);
extern uint64_t _JIT_RT_rmw(uint64_t addr, uint64_t val, uint32_t memop,
                            uint32_t aop);
extern unsigned __int128 _JIT_RT_cmpxchg128(uint64_t addr, uint64_t cl,
                                            uint64_t ch, uint64_t nl,
                                            uint64_t nh, uint32_t memop);
extern void *_JIT_RT_lookup(void);
/* The LEAVE hole (holes.h), called from an asm (gen-stencils.c's
 * LEAVE_CALL): an unlinked direct exit, which finds the block and the
 * exit from its return address and sets the guest pc from the block's
 * jmp_pc. */
extern void _JIT_RT_goto_exit(void);
extern uint64_t _JIT_FPSLOW(void *env, uint64_t a, uint64_t b) __attribute__((cold));
extern char _JIT_O0[], _JIT_O1[], _JIT_O2[], _JIT_O3[], _JIT_O4[],
    _JIT_O5[], _JIT_O6[];
extern char _JIT_K0[], _JIT_K1[], _JIT_K2[], _JIT_K3[], _JIT_K4[], _JIT_K5[],
    _JIT_K6[];
extern char _JIT_C0[], _JIT_C1[], _JIT_C2[];

/* Operand n in the CPU state (a global or a frame slot). */
#define M64(n) (*(uint64_t *)(env + (intptr_t)_JIT_O##n))
#define M32(n) (*(uint32_t *)(env + (intptr_t)_JIT_O##n))
/* Operand n as a 64-bit constant: movabs, so any value fits. */
#define K64(n) ({ uint64_t k_; __asm__("movabs $_JIT_K" #n ", %0" : "=r"(k_)); k_; })
/* Constant argument n (32 bits, zero-extended). */
#define C32(n) ((uint32_t)(uintptr_t)_JIT_C##n)
/* Constant argument n as a signed 32-bit displacement. */
#define CS32(n) ((intptr_t)_JIT_C##n)

/* Population count: popcnt in the second stencil set (-mpopcnt), else
 * without it (popcnt is not in the x86-64 baseline, and GCC would call
 * libgcc's __popcountdi2, which no stencil may). */
static inline uint64_t stencil_popcount(uint64_t x)
{
#ifdef __POPCNT__
    return __builtin_popcountll(x);
#endif
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (x * 0x0101010101010101ull) >> 56;
}

#endif
