/*
 * The soft TLB and the slow paths of system-mode guest memory (cputlb.h):
 * lookups that fill from the target's walk, loads and stores to RAM or
 * MMIO, atomics on RAM, instruction fetch for the translator, debug
 * access, and flushes.
 */
#include <inttypes.h>
#include <string.h>

#include "softmmu/cputlb.h"
#include "softmmu/device-lock.h"
#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/log.h"
#include "tcg/tb.h"

static AddressSpace *system_as;
/* The TLBs of every vCPU (tlb_init registers them, before any runs). */
static GPtrArray *all_tlbs;
static const SoftMMUTarget *target;

static unsigned index_of(uint64_t vaddr)
{
    return (vaddr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1);
}

static const uint8_t prot_needed[] = {
    [TLB_READ] = TLB_PROT_READ, [TLB_WRITE] = TLB_PROT_WRITE, [TLB_FETCH] = TLB_PROT_EXEC,
};

static void entry_clear(TLBTable *tlb, int mmu_idx, unsigned i)
{
    TLBEntry *e = &tlb->e[mmu_idx][i];
    e->addr_read = e->addr_write = e->addr_code = -1;
    e->addend = 0;
    tlb->full[mmu_idx][i] = (TLBEntryFull){ .vaddr = -1 };
}

static void table_clear(TLBTable *tlb)
{
    for (int m = 0; m < TLB_MMU_MODES; m++) {
        if (tlb->n_filled[m] <= TLB_SIZE) {
            for (unsigned k = 0; k < tlb->n_filled[m]; k++) {
                entry_clear(tlb, m, tlb->filled[m][k]);
            }
        } else {
            for (unsigned i = 0; i < TLB_SIZE; i++) {
                entry_clear(tlb, m, i);
            }
        }
        tlb->n_filled[m] = 0;
    }
    tlb->n_wide = 0;
}

/* An entry was filled from a mapping wider than its page, [lo, hi]. */
static void note_wide(TLBTable *tlb, uint64_t lo, uint64_t hi)
{
    unsigned k = 0;
    while (k < tlb->n_wide &&
           (tlb->wide[k].lo >> TLB_WIDE_SPAN_BITS) != (lo >> TLB_WIDE_SPAN_BITS)) {
        k++;
    }
    if (k == TLB_WIDE_SPANS) {
        k--;                        /* no room: the last one widens */
    } else if (k == tlb->n_wide) {
        tlb->n_wide++;
        tlb->wide[k].lo = lo;
        tlb->wide[k].hi = hi;
        return;
    }
    tlb->wide[k].lo = MIN(tlb->wide[k].lo, lo);
    tlb->wide[k].hi = MAX(tlb->wide[k].hi, hi);
}

static bool in_wide(const TLBTable *tlb, uint64_t vaddr)
{
    for (unsigned k = 0; k < tlb->n_wide; k++) {
        if (vaddr >= tlb->wide[k].lo && vaddr <= tlb->wide[k].hi) {
            return true;
        }
    }
    return false;
}

/* Entry i of mmu_idx is being filled: remember it for table_clear. */
static void note_filled(TLBTable *tlb, int mmu_idx, unsigned i)
{
    if (tlb->n_filled[mmu_idx] < TLB_SIZE) {
        tlb->filled[mmu_idx][tlb->n_filled[mmu_idx]] = (uint16_t)i;
    }
    if (tlb->n_filled[mmu_idx] <= TLB_SIZE) {
        tlb->n_filled[mmu_idx]++;
    }
}

void tlb_init(CPUTLB *tlb)
{
    if (!all_tlbs) {
        all_tlbs = g_ptr_array_new();
    }
    g_ptr_array_add(all_tlbs, tlb);
    for (int t = 0; t < TLB_TABLES; t++) {
        for (int m = 0; m < TLB_MMU_MODES; m++) {
            tlb->table[t].n_filled[m] = TLB_SIZE + 1;   /* clear every entry */
        }
        table_clear(&tlb->table[t]);
        tlb->table[t].valid = false;
    }
    tlb->cur = &tlb->table[0];
}

uintptr_t tlb_table_base(CPUTLB *tlb)
{
    return (uintptr_t)&tlb->cur->e[0][0];
}

void tlb_flush(CPUState *cs)
{
    CPUTLB *tlb = target->tlb_of(cs);
    for (int t = 0; t < TLB_TABLES; t++) {
        table_clear(&tlb->table[t]);
        /* (The one in use too: its key may have changed with this.) */
        tlb->table[t].valid = false;
    }
    tb_jmp_cache_clear(cs);     /* it finds blocks by virtual pc alone */
}

void tlb_switch_context(CPUState *cs, const uint64_t key[2])
{
    CPUTLB *tlb = target->tlb_of(cs);
    TLBTable *old = tlb->cur, *t = NULL;
    if (!(old->valid && old->key[0] == key[0] && old->key[1] == key[1])) {
        old->left_at = ++tlb->clock;
        for (int i = 0; i < TLB_TABLES && !t; i++) {
            TLBTable *k = &tlb->table[i];
            if (k->valid && k->key[0] == key[0] && k->key[1] == key[1]) {
                t = k;
            }
        }
        if (!t) {
            /* One never filled under a key, or the one left longest ago. */
            t = &tlb->table[0];
            for (int i = 1; i < TLB_TABLES; i++) {
                TLBTable *k = &tlb->table[i];
                if ((!k->valid && t->valid) || (k->valid == t->valid && k->left_at < t->left_at)) {
                    t = k;
                }
            }
            table_clear(t);
            t->valid = true;
            t->key[0] = key[0];
            t->key[1] = key[1];
        }
        tlb->cur = t;
        /* Translated code holds the table's address from its entry on:
         * the block ends here (SRF_END_TB) and the loop enters the next. */
        cs->tlb_table = tlb_table_base(tlb);
    }
    tb_jmp_cache_switch(cs, key);
}

void tlb_flush_page(CPUState *cs, uint64_t vaddr)
{
    CPUTLB *tlb = target->tlb_of(cs);
    uint64_t page = vaddr & TARGET_PAGE_MASK;
    for (int t = 0; t < TLB_TABLES; t++) {
        for (int m = 0; m < TLB_MMU_MODES; m++) {
            if (tlb->table[t].full[m][index_of(page)].vaddr == page) {
                entry_clear(&tlb->table[t], m, index_of(page));
            }
        }
    }
    tb_jmp_cache_clear_page(cs, page, TARGET_PAGE_SIZE);
}

void tlb_flush_va(CPUState *cs, uint64_t vaddr)
{
    CPUTLB *tlb = target->tlb_of(cs);
    for (int t = 0; t < TLB_TABLES; t++) {
        if (in_wide(&tlb->table[t], vaddr)) {
            tlb_flush(cs);
            return;
        }
    }
    tlb_flush_page(cs, vaddr);
}

static int tlb_lookup(CPUState *cs, uint64_t vaddr, TLBAccess access, int mmu_idx,
                      bool unaligned, TLBEntry **out, TLBEntryFull **out_full);

/* ---- pages with translated code ---- */

/* Which physical pages hold translated code (tcg/tb.c tracks blocks by
 * physical page here): one bit per page, in lazily made chunks of 1 GiB
 * of the first 1 TiB.  A store to such a page takes the slow path, which
 * drops the blocks it overwrites (code_page_write). */
#define CODE_CHUNK_BITS 30
#define CODE_SPACE_BITS 40
#define CODE_CHUNK_WORDS ((1u << (CODE_CHUNK_BITS - TARGET_PAGE_BITS)) / 64)
static uint64_t *code_chunks[1u << (CODE_SPACE_BITS - CODE_CHUNK_BITS)];


static uint64_t *code_word(uint64_t paddr, bool make)
{
    if (paddr >> CODE_SPACE_BITS) {
        return NULL;
    }
    uint64_t **chunk = &code_chunks[paddr >> CODE_CHUNK_BITS];
    uint64_t *c = __atomic_load_n(chunk, __ATOMIC_ACQUIRE);
    if (!c && make) {
        uint64_t *fresh = g_new0(uint64_t, CODE_CHUNK_WORDS);
        if (__atomic_compare_exchange_n(chunk, &c, fresh, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE)) {
            c = fresh;
        } else {
            g_free(fresh);
        }
    }
    unsigned page = (paddr >> TARGET_PAGE_BITS) & ((1u << (CODE_CHUNK_BITS - TARGET_PAGE_BITS)) - 1);
    return c ? &c[page / 64] : NULL;
}

static uint64_t code_bit(uint64_t paddr)
{
    return 1ull << ((paddr >> TARGET_PAGE_BITS) % 64);
}

static bool code_page_test(uint64_t paddr)
{
    uint64_t *w = code_word(paddr, false);
    return w && (__atomic_load_n(w, __ATOMIC_SEQ_CST) & code_bit(paddr));
}

/* tb_page_first_code_hook (under the cache lock): stores to the page now
 * miss in every vCPU's TLB.  Other vCPUs' entries are changed under them
 * (one word each, atomically): a store racing with this one may still
 * land, as on hardware a store racing with the instruction fetch may. */
static void code_page_protect(uint64_t page)
{
    uint64_t *w = code_word(page, true);
    if (!w) {
        return;                     /* (a block with no page, or no RAM) */
    }
    __atomic_fetch_or(w, code_bit(page), __ATOMIC_SEQ_CST);
    /* Every table of every TLB, in use or not, by the entries filled
     * since each was cleared (an entry is listed before its tag is made
     * valid; one listed after this read tests the bit set above). */
    for (unsigned v = 0; all_tlbs && v < all_tlbs->len; v++) {
        CPUTLB *tlb = g_ptr_array_index(all_tlbs, v);
        for (int t = 0; t < TLB_TABLES; t++) {
            TLBTable *tab = &tlb->table[t];
            for (int m = 0; m < TLB_MMU_MODES; m++) {
                unsigned n = __atomic_load_n(&tab->n_filled[m], __ATOMIC_SEQ_CST);
                for (unsigned k = 0; k < MIN(n, TLB_SIZE); k++) {
                    unsigned i = n <= TLB_SIZE ? tab->filled[m][k] : k;
                    if (__atomic_load_n(&tab->full[m][i].paddr, __ATOMIC_SEQ_CST) == page &&
                        tab->full[m][i].ram_write) {
                        __atomic_store_n(&tab->e[m][i].addr_write, (uint64_t)-1,
                                         __ATOMIC_RELAXED);
                    }
                }
            }
        }
    }
}

/* A store of n bytes at paddr, to a RAM page the entry e (of page vaddr)
 * maps writable, missed because the page has (or had) code or is
 * watched: drops the blocks it overwrites, and once the page has none and
 * no watchpoint, lets stores to it hit again. */
static void code_page_write(TLBEntry *e, const TLBEntryFull *full, uint64_t vaddr,
                            uint64_t paddr, unsigned n)
{
    uint64_t page = paddr & TARGET_PAGE_MASK;
    bool cleared = false;
    if (code_page_test(page)) {
        tb_invalidate_range(paddr, paddr + n);
        if (tb_page_has_code(page)) {
            return;
        }
        uint64_t *w = code_word(page, false);
        __atomic_fetch_and(w, ~code_bit(page), __ATOMIC_SEQ_CST);
        cleared = true;
    }
    if (e && !(full->watched & WP_WRITE) && !full->device) {
        e->addr_write = vaddr & TARGET_PAGE_MASK;
    }
    /* Another vCPU may have given the page a block meanwhile, its
     * code_page_protect (after its page_list_add, under the cache lock)
     * too early to see the entry just made writable, or before the clear
     * above: then protect the page again, this entry included.  After a
     * clear only the page's list can tell (tb_page_has_code takes the
     * lock after it); else the bit, set before that vCPU's scan. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (cleared ? tb_page_has_code(page) : code_page_test(page)) {
        code_page_protect(page);
    }
}

/* tb_data_paddr_hook: through a walk of its own (the TLB and the CPU's
 * fault state stay as they were). */
static uint64_t softmmu_data_paddr(CPUState *cs, uint64_t vaddr)
{
    int saved_code = cs->exception_code;
    uint64_t saved_addr = cs->exception_addr;
    TLBFill f;
    int excp = target->fill(cs, vaddr, TLB_READ, target->fetch_mmu_idx(cs), false, &f);
    cs->exception_code = saved_code;
    cs->exception_addr = saved_addr;
    return excp ? (uint64_t)-1 : (f.paddr & TARGET_PAGE_MASK) | (vaddr & ~TARGET_PAGE_MASK);
}

/* tb_code_page_hook: the physical page of the code at vaddr, through the
 * TLB as instruction fetch sees it. */
static uint64_t softmmu_code_page(CPUState *cs, uint64_t vaddr)
{
    TLBEntry *e;
    TLBEntryFull *full;
    if (tlb_lookup(cs, vaddr, TLB_FETCH, target->fetch_mmu_idx(cs), false, &e, &full)) {
        return -1;
    }
    return full->paddr;
}

/* A page with a watched byte: the watched kinds' tags stay -1, so those
 * accesses come to page_read/page_write, which check them (watchpoint.h)
 * and then use the RAM at addend (full->ram); full->watched keeps a
 * store's tag -1 once code_page_write has dropped the page's code. */
static void keep_watched_page_slow(CPUTLB *cpu_tlb, TLBEntry *e, TLBEntryFull *full)
{
    if (!cpu_tlb->watch.n) {
        return;
    }
    unsigned kinds = watchpoint_list_page_kinds(&cpu_tlb->watch, full->vaddr, TARGET_PAGE_SIZE);
    if ((kinds & WP_READ) && e->addr_read == full->vaddr) {
        e->addr_read = -1;
        full->watched |= WP_READ;
    }
    if ((kinds & WP_WRITE) && full->ram_write) {
        e->addr_write = -1;
        full->watched |= WP_WRITE;
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

/* -d mmu: one line per fill, what the walk gave the TLB. */
static void log_fill(const TLBEntryFull *full, TLBAccess access, int mmu_idx, uint8_t attr)
{
    static const char *const why[] = { [TLB_READ] = "read", [TLB_WRITE] = "write",
                                       [TLB_FETCH] = "fetch" };
    mimic_log("mmu: fill idx %d va 0x%016" PRIx64 " -> pa 0x%" PRIx64 " prot %c%c%c"
              " attr 0x%02x%s%s (%s)\n",
              mmu_idx, full->vaddr, full->paddr, full->prot & TLB_PROT_READ ? 'r' : '-',
              full->prot & TLB_PROT_WRITE ? 'w' : '-', full->prot & TLB_PROT_EXEC ? 'x' : '-',
              attr, full->device ? " device" : "", full->ram ? "" : " io", why[access]);
}

/* An unaligned load or store to a page that needs alignment: an
 * alignment fault at vaddr, WnR for the target as check_alignment says. */
static int device_unaligned(CPUState *cs, uint64_t vaddr, TLBAccess access)
{
    cs->exception_addr = vaddr;
    cs->exception_code = access == TLB_WRITE ? 1 << 6 : 0;
    return EXCP_MEM_UNALIGNED;
}

/* The entry for an access to vaddr, filled on a miss: 0, or the exception
 * (with the CPU's exception_code and exception_addr set).  `unaligned`: a
 * load or store not aligned to its element, an alignment fault if the
 * page is Device (the walk on a miss orders it among the target's faults;
 * a hit checks it here). */
static int tlb_lookup(CPUState *cs, uint64_t vaddr, TLBAccess access, int mmu_idx,
                      bool unaligned, TLBEntry **out, TLBEntryFull **out_full)
{
    CPUTLB *cpu_tlb = target->tlb_of(cs);
    TLBTable *tlb = cpu_tlb->cur;
    uint64_t page = vaddr & TARGET_PAGE_MASK;
    unsigned i = index_of(page);
    TLBEntry *e = &tlb->e[mmu_idx][i];
    TLBEntryFull *full = &tlb->full[mmu_idx][i];
    if (full->vaddr != page || !(full->prot & prot_needed[access])) {
        TLBFill f;
        int excp = target->fill(cs, vaddr, access, mmu_idx, unaligned, &f);
        if (excp) {
            return excp;
        }
        if (full->vaddr == (uint64_t)-1) {
            note_filled(tlb, mmu_idx, i);
        }
        entry_clear(tlb, mmu_idx, i);
        full->vaddr = page;
        full->paddr = f.paddr & TARGET_PAGE_MASK;
        full->prot = f.prot;
        full->device = f.device;
        if (f.size_shift > TARGET_PAGE_BITS && f.size_shift < 64) {
            uint64_t size = 1ull << f.size_shift;
            note_wide(tlb, page & ~(size - 1), page | (size - 1));
        }
        if ((uint64_t)((int64_t)(page << 8) >> 8) != page) {
            note_wide(tlb, 0, UINT64_MAX);  /* a tag: TLBIs name the untagged page */
        }
        uint64_t offset, len = TARGET_PAGE_SIZE;
        MemoryRegion *mr = address_space_translate(system_as, full->paddr, &offset, &len);
        /* A whole page of RAM or ROM: the bytes are at a host address.
         * Anything else (MMIO, a hole, a page split between regions)
         * takes the physical path on each access. */
        if (mr && (mr->kind == MR_RAM || mr->kind == MR_ROM) && len == TARGET_PAGE_SIZE) {
            e->addend = (uintptr_t)(mr->host + offset) - page;
            full->ram = true;
            /* Device RAM: loads and stores come to page_read/page_write,
             * which check alignment; fetches hit. */
            if ((f.prot & TLB_PROT_READ) && !f.device) {
                e->addr_read = page;
            }
            if ((f.prot & TLB_PROT_WRITE) && mr->kind == MR_RAM) {
                full->ram_write = true;
            }
            if ((f.prot & TLB_PROT_WRITE) && mr->kind == MR_RAM && !f.device) {
                /* Made writable before the test, taken back if the page
                 * has code: code_page_protect sets the bit, then scans
                 * and stores -1, so either this test sees the bit or its
                 * -1 comes after this store.  (Testing first, another
                 * vCPU's -1 could land between the test and the store,
                 * and be lost.)  Only this vCPU stores through e. */
                e->addr_write = page;
                __atomic_thread_fence(__ATOMIC_SEQ_CST);
                if (code_page_test(full->paddr)) {
                    __atomic_store_n(&e->addr_write, (uint64_t)-1, __ATOMIC_RELAXED);
                }
            }
            if (f.prot & TLB_PROT_EXEC) {
                e->addr_code = page;
            }
        }
        keep_watched_page_slow(cpu_tlb, e, full);
        if (qemu_loglevel_mask(LOG_MMU)) {
            log_fill(full, access, mmu_idx, f.attr);
        }
    }
    if (unaligned && full->device && access != TLB_FETCH) {
        return device_unaligned(cs, vaddr, access);
    }
    *out = e;
    if (out_full) {
        *out_full = full;
    }
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
static uint64_t page_read(CPUState *cs, uint64_t vaddr, unsigned n, int mmu_idx,
                          bool unaligned)
{
    TLBEntry *e;
    TLBEntryFull *full;
    int excp = tlb_lookup(cs, vaddr, TLB_READ, mmu_idx, unaligned, &e, &full);
    if (excp) {
        raise_at_insn(cs, excp);
    }
    uint64_t v = 0;
    if (e->addr_read == (vaddr & TARGET_PAGE_MASK)) {
        return ldn_le_p((void *)(e->addend + vaddr), n);
    }
    check_watch(cs, vaddr, n, WP_READ, mmu_idx);
    if (full->ram) {
        /* (Watched or Device: read allowed, RAM at addend.) */
        return ldn_le_p((void *)(e->addend + vaddr), n);
    }
    device_lock();
    MemTxResult r = address_space_read(system_as, full->paddr | (vaddr & ~TARGET_PAGE_MASK),
                                       &v, n);
    device_unlock();
    if (r != MEMTX_OK && target->bus_error) {
        raise_at_insn(cs, target->bus_error(cs, vaddr, TLB_READ));
    }
    return v;
}

static void page_write(CPUState *cs, uint64_t vaddr, uint64_t v, unsigned n, int mmu_idx,
                       bool unaligned)
{
    TLBEntry *e;
    TLBEntryFull *full;
    int excp = tlb_lookup(cs, vaddr, TLB_WRITE, mmu_idx, unaligned, &e, &full);
    if (excp) {
        raise_at_insn(cs, excp);
    }
    if (e->addr_write == (vaddr & TARGET_PAGE_MASK)) {
        stn_le_p((void *)(e->addend + vaddr), v, n);
        return;
    }
    check_watch(cs, vaddr, n, WP_WRITE, mmu_idx);
    if (full->ram_write) {
        code_page_write(e, full, vaddr, full->paddr | (vaddr & ~TARGET_PAGE_MASK), n);
        stn_le_p((void *)(e->addend + vaddr), v, n);
        return;
    }
    device_lock();
    MemTxResult r = address_space_write(system_as, full->paddr | (vaddr & ~TARGET_PAGE_MASK),
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
    bool unaligned = addr & (memop_elem_size(memop) - 1);
    uint64_t v;
    uint64_t in_page = TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK);
    if (n <= in_page) {
        v = page_read(cs, addr, n, idx, unaligned);
    } else {
        /* Across two pages: the second is translated first, so a fault
         * there leaves the first unread (an MMIO read may have effects).
         * Its alignment is checked with its read, after the first's: if
         * both are Device, the fault is at the first byte. */
        TLBEntry *e;
        int excp = tlb_lookup(cs, addr + in_page, TLB_READ, idx, false, &e, NULL);
        if (excp) {
            raise_at_insn(cs, excp);
        }
        uint64_t lo = page_read(cs, addr, in_page, idx, true);
        uint64_t hi = page_read(cs, addr + in_page, n - in_page, idx, true);
        v = lo | (hi << (8 * in_page));
    }
    return guest_value_loaded(v, memop);
}

static void softmmu_store(CPUState *cs, uint64_t addr, uint64_t val, unsigned memop)
{
    unsigned n = memop_size(memop);
    int idx = mmu_idx_of(memop);
    check_alignment(cs, addr, memop, true);
    bool unaligned = addr & (memop_elem_size(memop) - 1);
    uint64_t v = guest_value_to_store(val, memop);
    uint64_t in_page = TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK);
    if (n <= in_page) {
        page_write(cs, addr, v, n, idx, unaligned);
        return;
    }
    /* Both pages must be writable, neither Device (a page-crossing access
     * is unaligned) and neither part watched, before either is written;
     * the second's walk faults first, its alignment after the first's. */
    TLBEntry *e;
    int excp = tlb_lookup(cs, addr + in_page, TLB_WRITE, idx, false, &e, NULL);
    if (!excp) {
        excp = tlb_lookup(cs, addr, TLB_WRITE, idx, true, &e, NULL);
    }
    if (!excp) {
        excp = tlb_lookup(cs, addr + in_page, TLB_WRITE, idx, true, &e, NULL);
    }
    if (excp) {
        raise_at_insn(cs, excp);
    }
    check_watch(cs, addr, in_page, WP_WRITE, idx);
    check_watch(cs, addr + in_page, n - in_page, WP_WRITE, idx);
    page_write(cs, addr, v, in_page, idx, true);
    page_write(cs, addr + in_page, v >> (8 * in_page), n - in_page, idx, true);
}

/* Atomics act on host RAM (an atomic to MMIO is a bus error, as on the
 * virt board's devices); the page must allow reads and writes. */
static void *softmmu_atomic_host(CPUState *cs, uint64_t addr, unsigned memop)
{
    int idx = mmu_idx_of(memop);
    check_alignment(cs, addr, memop, true);
    TLBEntry *e;
    TLBEntryFull *full;
    int excp = tlb_lookup(cs, addr, TLB_READ, idx, false, &e, NULL);
    if (!excp) {
        excp = tlb_lookup(cs, addr, TLB_WRITE, idx, false, &e, &full);
    }
    if (excp) {
        raise_at_insn(cs, excp);
    }
    check_watch(cs, addr, memop_size(memop), WP_ACCESS, idx);
    if (e->addr_write != (addr & TARGET_PAGE_MASK)) {
        if (!full->ram_write) {
            raise_at_insn(cs, target->bus_error(cs, addr, TLB_WRITE));
        }
        code_page_write(e, full, addr, full->paddr | (addr & ~TARGET_PAGE_MASK),
                        memop_size(memop));
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
        if (tlb_lookup(cs, addr, TLB_FETCH, idx, false, &e, NULL)) {
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
        if (target->fill(cs, vaddr, is_write ? TLB_WRITE : TLB_READ, idx, false, &f) &&
            target->fill(cs, vaddr, TLB_FETCH, idx, false, &f)) {
            ok = false;
            break;
        }
        uint64_t pa = (f.paddr & TARGET_PAGE_MASK) | (vaddr & ~TARGET_PAGE_MASK);
        device_lock();
        ok = (is_write ? address_space_write(system_as, pa, p, n)
                       : address_space_read(system_as, pa, p, n)) == MEMTX_OK;
        device_unlock();
        if (is_write) {
            code_page_write(NULL, NULL, vaddr, pa, n);
        }
        p += n;
        vaddr += n;
        len -= n;
    }
    cs->exception_code = saved_code;
    cs->exception_addr = saved_addr;
    return ok;
}

/* AddressSpace.ram_written: a device's DMA (or the monitor) replaced
 * guest memory; blocks translated from it go, as for a CPU's store (the
 * page's bit stays until a store finds it without code). */
static void code_ram_written(uint64_t paddr, uint64_t len)
{
    uint64_t end = paddr + len;
    for (uint64_t p = paddr & TARGET_PAGE_MASK; p < end; p += TARGET_PAGE_SIZE) {
        if (code_page_test(p)) {
            tb_invalidate_range(MAX(p, paddr), MIN(p + TARGET_PAGE_SIZE, end));
        }
    }
}

void softmmu_init(AddressSpace *as, const SoftMMUTarget *t)
{
    as->ram_written = code_ram_written;
    system_as = as;
    target = t;
    guest_mem_ops = &softmmu_mem_ops;
    guest_softmmu = true;
    tb_code_page_hook = softmmu_code_page;
    tb_data_paddr_hook = softmmu_data_paddr;
    tb_page_first_code_hook = code_page_protect;
    guest_code_fetch = softmmu_code_fetch;
}
