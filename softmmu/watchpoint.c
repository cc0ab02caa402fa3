/*
 * Data watchpoints of system mode (watchpoint.h): the per-vCPU list (its
 * matching rules are watchpoint-list.c's), the TLB flushes that keep
 * watched pages off the fast path, and what a hit does (a debugger's
 * stop, or the target's exception).
 */
#include "softmmu/cputlb.h"
#include "softmmu/watchpoint.h"
#include "tcg/debug.h"

void (*watchpoint_arch_hit)(CPUState *cs, const Watchpoint *wp, uint64_t vaddr,
                            uint64_t len, unsigned kind, int mmu_idx);

/* ---- a vCPU's list ---- */

/* Sends the pages of the range to the slow path (or back to the fast
 * one): page by page, or the whole TLB for a large range (a MASKed
 * watchpoint covers up to 2 GiB). */
static void flush_range(CPUState *cs, uint64_t addr, uint64_t len)
{
    uint64_t first = addr & TARGET_PAGE_MASK;
    uint64_t last = (addr + (len - 1)) & TARGET_PAGE_MASK;
    if ((last - first) >> TARGET_PAGE_BITS >= TLB_SIZE) {
        tlb_flush(cs);
        return;
    }
    for (uint64_t p = first;; p += TARGET_PAGE_SIZE) {
        tlb_flush_page(cs, p);
        if (p == last) {
            break;
        }
    }
}

bool watchpoint_insert(CPUState *cs, uint64_t addr, uint64_t len, unsigned kinds,
                       WatchpointOwner owner, int tag)
{
    CPUTLB *tlb = softmmu_tlb_of(cs);
    if (!watchpoint_list_insert(&tlb->watch, addr, len, kinds, owner, tag)) {
        return false;
    }
    flush_range(cs, addr, len);
    return true;
}

bool watchpoint_remove(CPUState *cs, uint64_t addr, uint64_t len, unsigned kinds,
                       WatchpointOwner owner)
{
    CPUTLB *tlb = softmmu_tlb_of(cs);
    if (!watchpoint_list_remove(&tlb->watch, addr, len, kinds, owner)) {
        return false;
    }
    flush_range(cs, addr, len);
    return true;
}

void watchpoint_remove_owner(CPUState *cs, WatchpointOwner owner, int tag)
{
    CPUTLB *tlb = softmmu_tlb_of(cs);
    WatchpointList *l = &tlb->watch;
    for (int i = 0; i < l->n; i++) {
        if (l->wp[i].owner == owner && (tag < 0 || l->wp[i].tag == tag)) {
            flush_range(cs, l->wp[i].addr, l->wp[i].len);
        }
    }
    watchpoint_list_remove_owner(l, owner, tag);
}

bool watchpoint_take_hit(CPUState *cs, Watchpoint *wp, unsigned *kind, uint64_t *vaddr)
{
    WatchpointList *l = &softmmu_tlb_of(cs)->watch;
    if (!l->hit) {
        return false;
    }
    l->hit = false;
    *wp = l->hit_wp;
    *kind = l->hit_kind;
    *vaddr = l->hit_vaddr;
    return true;
}

/* ---- hits ---- */

void watchpoint_check(CPUState *cs, WatchpointList *l, uint64_t vaddr, uint64_t len,
                      unsigned kind, int mmu_idx)
{
    /* The debugger's first: it sees the access before the guest's own
     * debug exception would run its handler. */
    int i = 0;
    const Watchpoint *w;
    while ((w = watchpoint_list_match(l, &i, vaddr, len, kind))) {
        if (w->owner == WP_OWNER_GDB) {
            l->hit = true;
            l->hit_wp = *w;
            l->hit_kind = kind;
            l->hit_vaddr = vaddr;
            cpu_raise(cs, EXCP_DEBUG);
        }
    }
    i = 0;
    while ((w = watchpoint_list_match(l, &i, vaddr, len, kind))) {
        if (w->owner == WP_OWNER_ARCH && watchpoint_arch_hit) {
            watchpoint_arch_hit(cs, w, vaddr, len, kind, mmu_idx);
        }
    }
}
