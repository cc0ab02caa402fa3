/*
 * The host functions that touch guest memory on behalf of translated code
 * (user mode), placed in the "guest_access" section so that a host fault
 * inside them is recognised as the guest's, and the checks that precede
 * them.  Unaligned accesses go through packed structs so that no build
 * option turns them into calls out of the section.
 */
#include "guest-mem.h"

uintptr_t guest_base;
unsigned guest_addr_bits = 40;
bool guest_top_byte_ignore;
const GuestMemOps *guest_mem_ops;
bool guest_softmmu;

void *guest_access_prepare(CPUState *cpu, uint64_t addr, unsigned memop)
{
    /* Alignment first: on Arm an alignment fault takes priority over a
     * translation fault for the same access. */
    unsigned align = memop_align(memop);
    if (addr & (align - 1)) {
        cpu->exception_addr = addr;
        cpu_raise(cpu, EXCP_MEM_UNALIGNED);
    }
    /* The last byte too: an unaligned access at the top of the space must
     * not reach past the reservation.  One that starts inside faults at
     * the first byte past it, as a host fault on the next page reports
     * (and the JIT's inline accesses do). */
    if (!guest_addr_valid(addr) ||
        ((guest_addr_clean(addr) + memop_size(memop) - 1) >> guest_addr_bits)) {
        cpu->exception_addr = guest_addr_valid(addr) ? 1ull << guest_addr_bits : addr;
        cpu->exception_code = 1;            /* not mapped */
        cpu_raise(cpu, EXCP_MEM_FAULT);
    }
    return g2h(addr);
}

#define GUEST_ACCESS __attribute__((noinline, section("guest_access"), used))

typedef struct __attribute__((packed)) { uint16_t v; } u16p;
typedef struct __attribute__((packed)) { uint32_t v; } u32p;
typedef struct __attribute__((packed)) { uint64_t v; } u64p;

GUEST_ACCESS uint64_t guest_load(const void *host, unsigned memop)
{
    uint64_t v;
    switch (memop & MO_SIZE) {
    case MO_8: v = *(const volatile uint8_t *)host; break;
    case MO_16: v = ((const volatile u16p *)host)->v; break;
    case MO_32: v = ((const volatile u32p *)host)->v; break;
    default: v = ((const volatile u64p *)host)->v; break;
    }
    return guest_value_loaded(v, memop);
}

GUEST_ACCESS void guest_store(void *host, uint64_t val, unsigned memop)
{
    val = guest_value_to_store(val, memop);
    switch (memop & MO_SIZE) {
    case MO_8: *(volatile uint8_t *)host = val; break;
    case MO_16: ((volatile u16p *)host)->v = val; break;
    case MO_32: ((volatile u32p *)host)->v = val; break;
    default: ((volatile u64p *)host)->v = val; break;
    }
}

GUEST_ACCESS uint64_t guest_cmpxchg(void *host, uint64_t cmp, uint64_t newv,
                                    unsigned memop)
{
    cmp = guest_value_to_store(cmp, memop);
    newv = guest_value_to_store(newv, memop);
    uint64_t old;
    switch (memop & MO_SIZE) {
    case MO_8: {
        uint8_t c = cmp;
        __atomic_compare_exchange_n((uint8_t *)host, &c, (uint8_t)newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = c;
        break;
    }
    case MO_16: {
        uint16_t c = cmp;
        __atomic_compare_exchange_n((uint16_t *)host, &c, (uint16_t)newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = c;
        break;
    }
    case MO_32: {
        uint32_t c = cmp;
        __atomic_compare_exchange_n((uint32_t *)host, &c, (uint32_t)newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = c;
        break;
    }
    default: {
        uint64_t c = cmp;
        __atomic_compare_exchange_n((uint64_t *)host, &c, newv, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = c;
        break;
    }
    }
    return guest_value_loaded(old, memop);
}

/* One read-modify-write in host order; the loop retries until no other
 * thread changed the location in between. */
#define RMW_LOOP(T, ST)                                                     \
    {                                                                       \
        T *p = host, o = __atomic_load_n(p, __ATOMIC_RELAXED), n;           \
        T v = (T)val;                                                       \
        do {                                                                \
            switch (aop) {                                                  \
            case TCG_AOP_XCHG: n = v; break;                                \
            case TCG_AOP_ADD: n = o + v; break;                             \
            case TCG_AOP_AND: n = o & v; break;                             \
            case TCG_AOP_ANDN: n = o & ~v; break;                           \
            case TCG_AOP_OR: n = o | v; break;                              \
            case TCG_AOP_XOR: n = o ^ v; break;                             \
            case TCG_AOP_SMIN: n = (ST)o < (ST)v ? o : v; break;            \
            case TCG_AOP_SMAX: n = (ST)o > (ST)v ? o : v; break;            \
            case TCG_AOP_UMIN: n = o < v ? o : v; break;                    \
            default: n = o > v ? o : v; break;                              \
            }                                                               \
        } while (!__atomic_compare_exchange_n(p, &o, n, true,               \
                                              __ATOMIC_SEQ_CST,             \
                                              __ATOMIC_RELAXED));           \
        old = o;                                                            \
    }

GUEST_ACCESS uint64_t guest_rmw(void *host, uint64_t val, unsigned memop,
                                unsigned aop)
{
    uint64_t old;
    /* Big-endian guests would need the arithmetic in guest order; every
     * guest with atomics here is little-endian, like the host. */
    switch (memop & MO_SIZE) {
    case MO_8: RMW_LOOP(uint8_t, int8_t); break;
    case MO_16: RMW_LOOP(uint16_t, int16_t); break;
    case MO_32: RMW_LOOP(uint32_t, int32_t); break;
    default: RMW_LOOP(uint64_t, int64_t); break;
    }
    return guest_value_loaded(old, memop);
}

GUEST_ACCESS void guest_cmpxchg128(void *host, uint64_t cmp[2],
                                   const uint64_t newv[2])
{
    uint64_t lo = cmp[0], hi = cmp[1];
    __asm__ volatile("lock cmpxchg16b %0"
                     : "+m"(*(volatile __int128 *)host), "+a"(lo), "+d"(hi)
                     : "b"(newv[0]), "c"(newv[1])
                     : "memory", "cc");
    cmp[0] = lo;
    cmp[1] = hi;
}

extern const char __start_guest_access[], __stop_guest_access[];

bool host_pc_is_guest_access(uintptr_t pc)
{
    return pc >= (uintptr_t)__start_guest_access &&
           pc < (uintptr_t)__stop_guest_access;
}
