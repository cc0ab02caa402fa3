/*
 * The soft TLB of system mode and the slow paths of guest memory: per vCPU,
 * address space (TLBTable, the last TLB_TABLES kept) and MMU index, a
 * direct-mapped table of 4 KiB pages, each with the accesses it allows and
 * where its bytes are (host RAM or MMIO at a physical address).  A miss asks the target to walk the guest's tables
 * (SoftMMUTarget.fill), which gives a physical page or the exact fault.
 *
 * Translated code reaches guest memory through guest_mem_ops
 * (tcg/guest-mem.h), which system mode points here.  The entries' layout
 * (tag per access, addend) is the one the JIT's inline hit path tests
 * (gen_guest_access_sys in tcg/x86_64/gen-stencils.c); everything else
 * comes here.
 */
#ifndef SOFTMMU_CPUTLB_H
#define SOFTMMU_CPUTLB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "softmmu/memory.h"
#include "softmmu/watchpoint.h"
#include "tcg/cpu.h"
#include "tcg/guest-mem.h"

#define TARGET_PAGE_BITS GUEST_PAGE_BITS
#define TARGET_PAGE_SIZE (1ull << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(TARGET_PAGE_SIZE - 1))
#define TLB_BITS GUEST_TLB_BITS
#define TLB_SIZE (1u << TLB_BITS)
#define TLB_MMU_MODES GUEST_TLB_MODES

typedef enum TLBAccess { TLB_READ, TLB_WRITE, TLB_FETCH } TLBAccess;

enum {
    TLB_PROT_READ = 1, TLB_PROT_WRITE = 2, TLB_PROT_EXEC = 4,
};

#define TLB_WIDE_SPANS 4
#define TLB_WIDE_SPAN_BITS 39

/* One page as the inline hit path of translated code sees it: 32 bytes,
 * so an entry's offset is a shift and a mask of the address.  A tag is the
 * page's virtual address when the access is allowed and the page is RAM
 * (ROM for reads and fetches), else -1: the hit path compares the access's
 * page with the tag, and any mismatch (a miss, MMIO, a forbidden access, a
 * page-crossing access) takes the slow path here.  RAM whose loads and
 * stores must be aligned (the target's Device memory) keeps its read and
 * write tags -1 too, so that the slow path checks each access. */
typedef struct TLBEntry {
    uint64_t addr_read, addr_write, addr_code;
    uintptr_t addend;          /* RAM: host address = addend + virtual */
} TLBEntry;
_Static_assert(sizeof(TLBEntry) == 1u << GUEST_TLB_ENTRY_BITS &&
               offsetof(TLBEntry, addr_read) == GUEST_TLB_TAG_READ &&
               offsetof(TLBEntry, addr_write) == GUEST_TLB_TAG_WRITE &&
               offsetof(TLBEntry, addend) == GUEST_TLB_ADDEND,
               "the layout the inline hit path reads (tcg/guest-mem.h)");

/* The rest of an entry, for the slow path only. */
typedef struct TLBEntryFull {
    uint64_t vaddr;            /* the page, valid or not (-1: empty) */
    uint64_t paddr;            /* the physical page */
    uint8_t prot;              /* TLB_PROT_* the walk allowed */
    bool device;               /* loads and stores must be aligned to their
                                * element (TLBFill.device) */
    bool ram;                  /* whole page of RAM or ROM: its bytes are at
                                * addend even when a tag is -1 */
    bool ram_write;            /* RAM the walk allows to write: a store that
                                * misses finds code or a watchpoint there */
    uint8_t watched;           /* WP_READ/WP_WRITE: that tag is kept -1 for a
                                * watchpoint on the page; its RAM is still at
                                * addend */
} TLBEntryFull;

/* One address space's entries.  Those of MMU index m start m *
 * TLB_MODE_BYTES into e, whose address translated code has in a register
 * (CPUState.tlb_table, loaded as it is entered). */
typedef struct TLBTable {
    TLBEntry e[TLB_MMU_MODES][TLB_SIZE];
    TLBEntryFull full[TLB_MMU_MODES][TLB_SIZE];
    /* The entries filled since the table was last cleared, so that a
     * clearing (a flush, or the table's reuse for another address space)
     * touches those alone, and code_page_protect looks at those alone;
     * n_filled above TLB_SIZE (a refill after tlb_flush_page counts
     * twice): all entries. */
    uint16_t filled[TLB_MMU_MODES][TLB_SIZE];
    unsigned n_filled[TLB_MMU_MODES];
    /* Where entries came from mappings larger than a page (blocks, 16K
     * and 64K granules) or from addresses with a tag in their top byte:
     * a maintenance operation by address there must drop everything,
     * since the entries translating it are not the address's page alone.
     * Up to TLB_WIDE_SPANS intervals of virtual addresses, kept apart by
     * their top-level table entry (TLB_WIDE_SPAN_BITS); more widen the
     * last. */
    struct { uint64_t lo, hi; } wide[TLB_WIDE_SPANS];
    unsigned n_wide;
    bool valid;                /* filled under key (tlb_switch_context) */
    uint64_t key[2];
    uint64_t left_at;          /* CPUTLB.clock when last left */
} TLBTable;

/* A vCPU's TLB: a table for each of the last TLB_TABLES address spaces
 * it ran (the target's key: ARM's TTBR0 and TTBR1 with the ASID), so that
 * a switch back (under KPTI, every system call's return) finds its
 * entries still there.  Maintenance reaches them all. */
#define TLB_TABLES 8
typedef struct CPUTLB {
    TLBTable table[TLB_TABLES];
    TLBTable *cur;             /* the address space running now */
    uint64_t clock;
    WatchpointList watch;      /* pages they touch miss the fast path */
} CPUTLB;
#define TLB_MODE_BYTES (TLB_SIZE * sizeof(TLBEntry))

/* What a target's walk found for one page. */
typedef struct TLBFill {
    uint64_t paddr;            /* physical address of the page */
    uint8_t prot;              /* TLB_PROT_* for this MMU index */
    bool device;               /* an unaligned load or store to the page
                                * faults (ARM: Device memory, or the MMU
                                * off), whatever access filled the entry */
    uint8_t attr;              /* the target's memory attribute, for -d mmu
                                * (ARM: the MAIR byte) */
    uint8_t size_shift;        /* log2 of the mapping's size (the page or
                                * block the walk ended at); 0: a page */
} TLBFill;

/* What system mode needs of a target. */
typedef struct SoftMMUTarget {
    /* Walks for one access: 0 and *out, or the exception to raise with
     * CPUState.exception_code and exception_addr set for it.  `unaligned`:
     * a load or store not aligned to its element, which faults where the
     * memory needs alignment (in the order the target's faults have). */
    int (*fill)(CPUState *cs, uint64_t vaddr, TLBAccess access, int mmu_idx,
                bool unaligned, TLBFill *out);
    /* The MMU index of instruction fetch in the CPU's current state. */
    int (*fetch_mmu_idx)(CPUState *cs);
    /* Raised for an access to an address nothing answers (an external
     * abort at the access), with exception_code/addr set by the target;
     * returns the exception number. */
    int (*bus_error)(CPUState *cs, uint64_t vaddr, TLBAccess access);
    /* The TLB of a CPU (its owner keeps it). */
    CPUTLB *(*tlb_of)(CPUState *cs);
} SoftMMUTarget;

/* Set up once by the machine: the physical address space and the target.
 * Points guest_mem_ops and guest_code_fetch at this file. */
void softmmu_init(AddressSpace *as, const SoftMMUTarget *target);

/* Empties a CPU's TLB (every table, all MMU indexes), or one page of it,
 * and its jump caches.  From the CPU's own thread (others ask through a vCPU
 * request, softmmu/cpus.h), or before it runs. */
void tlb_flush(CPUState *cs);
/* The address space changed to the one the target names: key[0] for the
 * lower half of virtual addresses, key[1] for the upper (ARM: what TTBR0
 * and TTBR1 hold, each with the ASID in force).  The TLB moves to that
 * space's table, or an emptied one, and the jump caches likewise
 * (tcg/jmp-banks.c).  From the CPU's own thread, in a block that then
 * returns to the loop: translated code reads the table it was entered
 * with (CPUState.tlb_table). */
void tlb_switch_context(CPUState *cs, const uint64_t key[2]);
/* The table translated code reads now (CPUState.tlb_table). */
uintptr_t tlb_table_base(CPUTLB *tlb);
/* Empties a TLB not yet in use. */
void tlb_init(CPUTLB *tlb);
void tlb_flush_page(CPUState *cs, uint64_t vaddr);
/* TLB maintenance by address (ARM's TLBI VAE1 and kin): drops every entry
 * that translates vaddr, which is the page's own unless a larger mapping
 * or a tagged address was filled around it (CPUTLB.wide): then all. */
void tlb_flush_va(CPUState *cs, uint64_t vaddr);

/* The TLB (and watchpoints) of cs's vCPU. */
CPUTLB *softmmu_tlb_of(CPUState *cs);

/* Debug access by virtual address through the current translation (the
 * monitor, gdb, semihosting): no faults raised, false if any byte is
 * unreachable. */
bool softmmu_debug_rw(CPUState *cs, uint64_t vaddr, void *buf, size_t len,
                      bool is_write);

#endif
