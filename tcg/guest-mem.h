/*
 * Guest memory as translated code sees it in user mode: one reserved host
 * range at guest_base, addresses confined to guest_addr_bits (after the
 * target's top-byte-ignore), and the only host functions allowed to touch
 * it while running guest code.
 *
 * Those accessors live in their own section, so the host SIGSEGV handler
 * can tell "a guest access faulted" (a guest signal) from "mimic itself
 * faulted" (a bug, abort loudly) by the faulting host pc alone.
 */
#ifndef TCG_GUEST_MEM_H
#define TCG_GUEST_MEM_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "tcg.h"

extern uintptr_t guest_base;
extern unsigned guest_addr_bits;      /* size of the guest address space */
extern bool guest_top_byte_ignore;    /* AArch64: bits 63:56 of data addresses */

/* Exceptions the memory model raises; the OS layer turns them into
 * signals (SIGSEGV with exception_addr, SIGBUS for alignment). */
enum {
    EXCP_MEM_FAULT = 0x10100,
    EXCP_MEM_UNALIGNED,
};

static inline uint64_t guest_addr_clean(uint64_t addr)
{
    return guest_top_byte_ignore ? addr & 0x00ffffffffffffffull : addr;
}

static inline bool guest_addr_valid(uint64_t addr)
{
    return (guest_addr_clean(addr) >> guest_addr_bits) == 0;
}

static inline void *g2h(uint64_t addr)
{
    return (void *)(guest_base + guest_addr_clean(addr));
}

static inline uint64_t h2g(const void *p)
{
    return (uintptr_t)p - guest_base;
}

/* A loaded value from memory order (the low bytes, little-endian host) to
 * the register's: byte-swapped for a big-endian access, sign-extended for
 * MO_SIGN.  Both memory paths (user mode's accessors, system mode's soft
 * TLB) use these two. */
static inline uint64_t guest_value_loaded(uint64_t v, unsigned memop)
{
    switch (memop & (MO_SIZE | MO_BE)) {
    case MO_16 | MO_BE: v = __builtin_bswap16(v); break;
    case MO_32 | MO_BE: v = __builtin_bswap32(v); break;
    case MO_64 | MO_BE: v = __builtin_bswap64(v); break;
    }
    if (memop & MO_SIGN) {
        switch (memop & MO_SIZE) {
        case MO_8: return (uint64_t)(int8_t)v;
        case MO_16: return (uint64_t)(int16_t)v;
        case MO_32: return (uint64_t)(int32_t)v;
        }
    }
    return v;
}

/* A value to store, in memory order. */
static inline uint64_t guest_value_to_store(uint64_t v, unsigned memop)
{
    switch (memop & (MO_SIZE | MO_BE)) {
    case MO_16 | MO_BE: return __builtin_bswap16(v);
    case MO_32 | MO_BE: return __builtin_bswap32(v);
    case MO_64 | MO_BE: return __builtin_bswap64(v);
    }
    return v;
}

/* Checks range and alignment of a guest access by translated code and
 * returns its host address, or raises EXCP_MEM_FAULT / EXCP_MEM_UNALIGNED. */
void *guest_access_prepare(CPUState *cpu, uint64_t addr, unsigned memop);

/* The marked accessors.  Sizes 1, 2, 4, 8, little-endian host order. */
uint64_t guest_load(const void *host, unsigned memop);
void guest_store(void *host, uint64_t val, unsigned memop);
uint64_t guest_cmpxchg(void *host, uint64_t cmp, uint64_t newv, unsigned memop);
uint64_t guest_rmw(void *host, uint64_t val, unsigned memop, unsigned aop);
void guest_cmpxchg128(void *host, uint64_t cmp[2], const uint64_t newv[2]);

/* System mode's memory (softmmu/cputlb.c) in place of the confined host
 * range: when set, the interpreter's guest accesses go through it.  Each
 * raises the guest's exception itself (fault, alignment, bus error). */
typedef struct GuestMemOps {
    uint64_t (*load)(CPUState *cpu, uint64_t addr, unsigned memop);
    void (*store)(CPUState *cpu, uint64_t addr, uint64_t val, unsigned memop);
    /* The host address of an atomic access's bytes (RAM that may be read
     * and written). */
    void *(*atomic_host)(CPUState *cpu, uint64_t addr, unsigned memop);
} GuestMemOps;
extern const GuestMemOps *guest_mem_ops;

/* System mode (set by softmmu_init): accesses go through guest_mem_ops,
 * and the JIT's inline ones test the soft TLB.  Its geometry, which the
 * inline hit path (tcg/x86_64/gen-stencils.c) is built on and
 * softmmu/cputlb.h lays out: per MMU index, 2^GUEST_TLB_BITS entries of
 * 2^GUEST_TLB_ENTRY_BITS bytes, {read tag, write tag, fetch tag, addend},
 * for pages of 2^GUEST_PAGE_BITS bytes; translated code has the entries in
 * a register (CPUState.tlb_table). */
extern bool guest_softmmu;
#define GUEST_PAGE_BITS 12
#define GUEST_TLB_BITS 8
#define GUEST_TLB_MODES 4
#define GUEST_TLB_ENTRY_BITS 5
#define GUEST_TLB_TAG_READ 0
#define GUEST_TLB_TAG_WRITE 8
#define GUEST_TLB_ADDEND 24

/* The host address of an atomic access, in either mode. */
static inline void *guest_atomic_prepare(CPUState *cpu, uint64_t addr, unsigned memop)
{
    return guest_mem_ops ? guest_mem_ops->atomic_host(cpu, addr, memop)
                         : guest_access_prepare(cpu, addr, memop);
}

/* True if a host pc lies in one of the accessors above. */
bool host_pc_is_guest_access(uintptr_t pc);

#endif
