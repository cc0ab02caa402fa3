/*
 * The soft TLB and the slow paths of system-mode guest memory (cputlb.h):
 * lookups that fill from the target's walk, loads and stores to RAM or
 * MMIO, atomics on RAM, instruction fetch for the translator, debug
 * access, and flushes.
 */
#include <string.h>

#include "softmmu/cputlb.h"
#include "softmmu/device-lock.h"
#include "tcg/disas.h"
#include "tcg/guest-mem.h"

static AddressSpace *system_as;
static const SoftMMUTarget *target;

static TLBEntry *entry_of(CPUTLB *tlb, int mmu_idx, uint64_t vaddr)
{
    return &tlb->e[mmu_idx][(vaddr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)];
}

static const uint8_t prot_needed[] = {
    [TLB_READ] = TLB_PROT_READ, [TLB_WRITE] = TLB_PROT_WRITE, [TLB_FETCH] = TLB_PROT_EXEC,
};

static void entry_clear(TLBEntry *e)
{
    e->addr_read = e->addr_write = e->addr_code = -1;
    e->vaddr = -1;
    e->prot = 0;
    e->watched = 0;
    e->addend = 0;
}

void tlb_flush(CPUTLB *tlb)
{
    for (int m = 0; m < TLB_MMU_MODES; m++) {
        for (unsigned i = 0; i < TLB_SIZE; i++) {
            entry_clear(&tlb->e[m][i]);
        }
    }
}

void tlb_flush_page(CPUTLB *tlb, uint64_t vaddr)
{
    uint64_t page = vaddr & TARGET_PAGE_MASK;
    for (int m = 0; m < TLB_MMU_MODES; m++) {
        TLBEntry *e = entry_of(tlb, m, page);
        if (e->vaddr == page) {
            entry_clear(e);
        }
    }
}

/* A page with a watched byte: the watched kinds' tags stay -1, so those
 * accesses come to page_read/page_write, which check them (watchpoint.h);
 * e->watched remembers that the RAM is still at addend. */
static void keep_watched_page_slow(CPUTLB *tlb, TLBEntry *e)
{
    if (!tlb->watch.n) {
        return;
    }
    unsigned kinds = watchpoint_list_page_kinds(&tlb->watch, e->vaddr, TARGET_PAGE_SIZE);
    if ((kinds & WP_READ) && e->addr_read == e->vaddr) {
        e->addr_read = -1;
        e->watched |= WP_READ;
    }
    if ((kinds & WP_WRITE) && e->addr_write == e->vaddr) {
        e->addr_write = -1;
        e->watched |= WP_WRITE;
    }
}

/* Watchpoints on an access about to be made (after its translation, so a
 * fault comes first): returns if none fires. */
static void check_watch(CPUState *cs, uint64_t vaddr, uint64_t n, unsigned kind, int mmu_idx)
{
    WatchpointList *l = &target->tlb_of(cs)->watch;
    if (l->n) {
        watchpoint_check(cs, l, vaddr, n, kind, mmu_idx);
    }
}

/* The entry for an access to vaddr, filled on a miss: 0, or the exception
 * (with the CPU's exception_code and exception_addr set). */
static int tlb_lookup(CPUState *cs, uint64_t vaddr, TLBAccess access, int mmu_idx,
                      TLBEntry **out)
{
    CPUTLB *tlb = target->tlb_of(cs);
    uint64_t page = vaddr & TARGET_PAGE_MASK;
    TLBEntry *e = entry_of(tlb, mmu_idx, page);
    if (e->vaddr != page || !(e->prot & prot_needed[access])) {
        TLBFill f;
        int excp = target->fill(cs, vaddr, access, mmu_idx, &f);
        if (excp) {
            return excp;
        }
        entry_clear(e);
        e->vaddr = page;
        e->paddr = f.paddr & TARGET_PAGE_MASK;
        e->prot = f.prot;
        uint64_t offset, len = TARGET_PAGE_SIZE;
        MemoryRegion *mr = address_space_translate(system_as, e->paddr, &offset, &len);
        /* A whole page of RAM or ROM: the bytes are at a host address.
         * Anything else (MMIO, a hole, a page split between regions)
         * takes the physical path on each access. */
        if (mr && (mr->kind == MR_RAM || mr->kind == MR_ROM) && len == TARGET_PAGE_SIZE) {
            e->addend = (uintptr_t)(mr->host + offset) - page;
            if (f.prot & TLB_PROT_READ) {
                e->addr_read = page;
            }
            if ((f.prot & TLB_PROT_WRITE) && mr->kind == MR_RAM) {
                e->addr_write = page;
            }
            if (f.prot & TLB_PROT_EXEC) {
                e->addr_code = page;
            }
        }
        keep_watched_page_slow(tlb, e);
    }
    *out = e;
    return 0;
}

/* ---- loads and stores ---- */

static int mmu_idx_of(unsigned memop)
{
    return (memop >> MO_IDX_SHIFT) & (TLB_MMU_MODES - 1);
}

/* Raises the exception of a failed lookup or bus access at the current
 * instruction. */
static void __attribute__((noreturn)) raise_at_insn(CPUState *cs, int excp)
{
    cpu_raise(cs, excp);
}

static void check_alignment(CPUState *cs, uint64_t addr, unsigned memop, bool is_write)
{
    unsigned align = memop_align(memop);
    if (addr & (align - 1)) {
        cs->exception_addr = addr;
        cs->exception_code = is_write ? 1 << 6 : 0;     /* WnR, for the target */
        raise_at_insn(cs, EXCP_MEM_UNALIGNED);
    }
}

/* One access inside one page: n bytes at vaddr, little-endian value. */
static uint64_t page_read(CPUState *cs, uint64_t vaddr, unsigned n, int mmu_idx)
{
    TLBEntry *e;
    int excp = tlb_lookup(cs, vaddr, TLB_READ, mmu_idx, &e);
    if (excp) {
        raise_at_insn(cs, excp);
    }
    uint64_t v = 0;
    if (e->addr_read == (vaddr & TARGET_PAGE_MASK)) {
        memcpy(&v, (void *)(e->addend + vaddr), n);
        return v;
    }
    check_watch(cs, vaddr, n, WP_READ, mmu_idx);
    if (e->watched & WP_READ) {
        memcpy(&v, (void *)(e->addend + vaddr), n);
        return v;
    }
    device_lock();
    MemTxResult r = address_space_read(system_as, e->paddr | (vaddr & ~TARGET_PAGE_MASK),
                                       &v, n);
    device_unlock();
    if (r != MEMTX_OK && target->bus_error) {
        raise_at_insn(cs, target->bus_error(cs, vaddr, TLB_READ));
    }
    return v;
}

static void page_write(CPUState *cs, uint64_t vaddr, uint64_t v, unsigned n, int mmu_idx)
{
    TLBEntry *e;
    int excp = tlb_lookup(cs, vaddr, TLB_WRITE, mmu_idx, &e);
    if (excp) {
        raise_at_insn(cs, excp);
    }
    if (e->addr_write == (vaddr & TARGET_PAGE_MASK)) {
        memcpy((void *)(e->addend + vaddr), &v, n);
        return;
    }
    check_watch(cs, vaddr, n, WP_WRITE, mmu_idx);
    if (e->watched & WP_WRITE) {
        memcpy((void *)(e->addend + vaddr), &v, n);
        return;
    }
    device_lock();
    MemTxResult r = address_space_write(system_as, e->paddr | (vaddr & ~TARGET_PAGE_MASK),
                                        &v, n);
    device_unlock();
    if (r != MEMTX_OK && target->bus_error) {
        raise_at_insn(cs, target->bus_error(cs, vaddr, TLB_WRITE));
    }
}

static uint64_t softmmu_load(CPUState *cs, uint64_t addr, unsigned memop)
{
    unsigned n = memop_size(memop);
    int idx = mmu_idx_of(memop);
    check_alignment(cs, addr, memop, false);
    uint64_t v;
    uint64_t in_page = TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK);
    if (n <= in_page) {
        v = page_read(cs, addr, n, idx);
    } else {
        /* Across two pages: the second is translated first, so a fault
         * there leaves the first unread (an MMIO read may have effects). */
        TLBEntry *e;
        int excp = tlb_lookup(cs, addr + in_page, TLB_READ, idx, &e);
        if (excp) {
            raise_at_insn(cs, excp);
        }
        uint64_t lo = page_read(cs, addr, in_page, idx);
        uint64_t hi = page_read(cs, addr + in_page, n - in_page, idx);
        v = lo | (hi << (8 * in_page));
    }
    return guest_value_loaded(v, memop);
}

static void softmmu_store(CPUState *cs, uint64_t addr, uint64_t val, unsigned memop)
{
    unsigned n = memop_size(memop);
    int idx = mmu_idx_of(memop);
    check_alignment(cs, addr, memop, true);
    uint64_t v = guest_value_to_store(val, memop);
    uint64_t in_page = TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK);
    if (n <= in_page) {
        page_write(cs, addr, v, n, idx);
        return;
    }
    /* Both pages must be writable, and neither part watched, before
     * either is written. */
    TLBEntry *e;
    int excp = tlb_lookup(cs, addr + in_page, TLB_WRITE, idx, &e);
    if (excp) {
        raise_at_insn(cs, excp);
    }
    excp = tlb_lookup(cs, addr, TLB_WRITE, idx, &e);
    if (excp) {
        raise_at_insn(cs, excp);
    }
    check_watch(cs, addr, in_page, WP_WRITE, idx);
    check_watch(cs, addr + in_page, n - in_page, WP_WRITE, idx);
    page_write(cs, addr, v, in_page, idx);
    page_write(cs, addr + in_page, v >> (8 * in_page), n - in_page, idx);
}

/* Atomics act on host RAM (an atomic to MMIO is a bus error, as on the
 * virt board's devices); the page must allow reads and writes. */
static void *softmmu_atomic_host(CPUState *cs, uint64_t addr, unsigned memop)
{
    int idx = mmu_idx_of(memop);
    check_alignment(cs, addr, memop, true);
    TLBEntry *e;
    int excp = tlb_lookup(cs, addr, TLB_READ, idx, &e);
    if (!excp) {
        excp = tlb_lookup(cs, addr, TLB_WRITE, idx, &e);
    }
    if (excp) {
        raise_at_insn(cs, excp);
    }
    check_watch(cs, addr, memop_size(memop), WP_ACCESS, idx);
    if (e->addr_write != (addr & TARGET_PAGE_MASK) && !(e->watched & WP_WRITE)) {
        raise_at_insn(cs, target->bus_error(cs, addr, TLB_WRITE));
    }
    return (void *)(e->addend + addr);
}

static const GuestMemOps softmmu_mem_ops = {
    .load = softmmu_load,
    .store = softmmu_store,
    .atomic_host = softmmu_atomic_host,
};

/* ---- instruction fetch and debug access ---- */

/* For the translator: never raises.  On a fault the CPU's exception_code
 * and exception_addr say which, for the prefetch abort raised when the
 * block runs. */
static bool softmmu_code_fetch(uint64_t addr, void *dst, size_t len)
{
    CPUState *cs = current_cpu;
    int idx = target->fetch_mmu_idx(cs);
    uint8_t *out = dst;
    while (len) {
        size_t n = TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK);
        n = n < len ? n : len;
        TLBEntry *e;
        if (tlb_lookup(cs, addr, TLB_FETCH, idx, &e)) {
            return false;
        }
        if (e->addr_code != (addr & TARGET_PAGE_MASK)) {
            /* Execution from MMIO: a bus error at the fetch. */
            target->bus_error(cs, addr, TLB_FETCH);
            return false;
        }
        memcpy(out, (void *)(e->addend + addr), n);
        out += n;
        addr += n;
        len -= n;
    }
    return true;
}

CPUTLB *softmmu_tlb_of(CPUState *cs)
{
    return target->tlb_of(cs);
}

bool softmmu_debug_rw(CPUState *cs, uint64_t vaddr, void *buf, size_t len, bool is_write)
{
    uint8_t *p = buf;
    int idx = target->fetch_mmu_idx(cs);
    int saved_code = cs->exception_code;
    uint64_t saved_addr = cs->exception_addr;
    bool ok = true;
    while (len && ok) {
        size_t n = TARGET_PAGE_SIZE - (vaddr & ~TARGET_PAGE_MASK);
        n = n < len ? n : len;
        TLBFill f;
        if (target->fill(cs, vaddr, is_write ? TLB_WRITE : TLB_READ, idx, &f) &&
            target->fill(cs, vaddr, TLB_FETCH, idx, &f)) {
            ok = false;
            break;
        }
        uint64_t pa = (f.paddr & TARGET_PAGE_MASK) | (vaddr & ~TARGET_PAGE_MASK);
        device_lock();
        ok = (is_write ? address_space_write(system_as, pa, p, n)
                       : address_space_read(system_as, pa, p, n)) == MEMTX_OK;
        device_unlock();
        p += n;
        vaddr += n;
        len -= n;
    }
    cs->exception_code = saved_code;
    cs->exception_addr = saved_addr;
    return ok;
}

void softmmu_init(AddressSpace *as, const SoftMMUTarget *t)
{
    system_as = as;
    target = t;
    guest_mem_ops = &softmmu_mem_ops;
    guest_code_fetch = softmmu_code_fetch;
}
