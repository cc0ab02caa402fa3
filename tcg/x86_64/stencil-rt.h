/*
 * What every generated stencil (stencils.c, written by gen-stencils) sees:
 * the CPU-state base pointer in a fixed host register, the holes as
 * external symbols, and accessors for operands.
 *
 * Register map (also in tcg/x86_64/jit.c): rbx = env (CPU-state base
 * pointer), r12 = R, the value handed from an op to the next, and the
 * cache registers, which the JIT allocates to guest registers and block
 * temps: r8, r9, r10, r11, r14, r15.  A stencil names a cache register
 * operand by its slot, G0..G5 (forms a..f, outputs A..F: gen-stencils.c),
 * and the JIT patches the register's number into the code (HOLE_REG):
 * the cache registers all need a REX bit and none is special as a base
 * (as rsp/r12 and rbp/r13 are), so one compilation serves every choice.
 * stencils.c is compiled under two bindings of the slots to registers
 * (STENCIL_BINDING), and extract-stencils finds the register fields where
 * the two differ.  All of them are global register variables, so GCC
 * never allocates them (nor rbp: addr_high_bits).  Stencils use rax, rcx, rdx,
 * rsi, rdi and r13 as scratch: r13 holds nothing across stencils, and
 * the stencil flags make it caller-saved (-fcall-used-r13: so no stencil
 * saves it on the stack).  r8-r11 are caller-saved: around a stencil
 * that calls out (STENCIL_F_CALLS) the JIT keeps there only what that
 * stencil reads before its call or writes after it (Stencil.late_slots),
 * and the guest-access slow paths' entries (rt-entry.c) preserve them.
 */
#ifndef TCG_X86_64_STENCIL_RT_H
#define TCG_X86_64_STENCIL_RT_H

#include <stdint.h>

#include "tcg/tb.h"
#include "tcg/tcg-eval.h"

register uint8_t *env asm("rbx");
/* A value passed from one stencil to the next without a memory round trip
 * (forms r and _R); callee-saved, so it survives a helper call. */
register uint64_t R asm("r12");
/* The cache registers, in slot order of binding 0. */
register uint64_t P0 asm("r8");
register uint64_t P1 asm("r9");
register uint64_t P2 asm("r10");
register uint64_t P3 asm("r11");
register uint64_t P4 asm("r14");
register uint64_t P5 asm("r15");
/* rbp, set on entry (jit_exec), holds what the inline guest accesses of
 * the mode need.  User mode: the guest address bits at and above
 * 2^guest_addr_bits, so one test of a guest address against it sends a
 * tagged or out-of-range address to the slow path (gen_guest_access).
 * System mode: the vCPU's soft TLB entries (gen_guest_access_sys).  GCC
 * cannot make rbp a scratch register (-fcall-used-rbp) as it does r13, and
 * must not save it in a stencil. */
register uint64_t addr_high_bits asm("rbp");
#define TLB_TABLE ((const uint8_t *)(uintptr_t)addr_high_bits)
/* Slot n's register: binding 1 rotates binding 0 by one, so that every
 * slot's register number changes (in its low three bits) between them. */
#if STENCIL_BINDING == 0
#define G0 P0
#define G1 P1
#define G2 P2
#define G3 P3
#define G4 P4
#define G5 P5
#else
#define G0 P1
#define G1 P2
#define G2 P3
#define G3 P4
#define G4 P5
#define G5 P0
#endif
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
 * themselves (rt-entry.c: intact at the call, and kept) to write
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
/* fbinop's fallback: jit_fpslow_entry (jit-emit.c), which calls helper
 * keeping r8-r11. */
extern uint64_t _JIT_FPSLOW(void *env, uint64_t a, uint64_t b, uint64_t helper)
    __attribute__((cold));
extern char _JIT_O0[], _JIT_O1[], _JIT_O2[], _JIT_O3[], _JIT_O4[],
    _JIT_O5[], _JIT_O6[];
extern char _JIT_K0[], _JIT_K1[], _JIT_K2[], _JIT_K3[], _JIT_K4[], _JIT_K5[],
    _JIT_K6[];
extern char _JIT_C0[], _JIT_C1[], _JIT_C2[];
extern char _JIT_EST[];

/* Operand n in the CPU state (a global or a frame slot). */
#define M64(n) (*(uint64_t *)(env + (intptr_t)_JIT_O##n))
#define M32(n) (*(uint32_t *)(env + (intptr_t)_JIT_O##n))
/* Operand n as a 64-bit constant: movabs, so any value fits. */
#define K64(n) ({ uint64_t k_; __asm__("movabs $_JIT_K" #n ", %0" : "=r"(k_)); k_; })
/* The same, loaded again at every use (volatile): never kept in a
 * register across a call, where a stencil has none to keep it in. */
#define K64V(n) ({ uint64_t k_; __asm__ volatile("movabs $_JIT_K" #n ", %0" : "=r"(k_)); k_; })
/* tcg_fp_estimates, the table of funop's RECPE and RSQRTE: movabs, as
 * mimic (a PIE) may lie anywhere. */
#define EST_TABLE ({ const uint8_t *t_; __asm__("movabs $_JIT_EST, %0" : "=r"(t_)); t_; })
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
