/*
 * Data watchpoints of system mode, per vCPU: the architecture's own
 * (DBGWVR/DBGWCR, owner WP_OWNER_ARCH) and a debugger's (gdb's Z2-Z4,
 * owner WP_OWNER_GDB) in one list that the soft TLB consults.
 *
 * A page that holds a watched byte never hits the TLB's fast path for the
 * watched kind of access (its addr_read or addr_write tag stays -1), so
 * every such access reaches the slow path (cputlb.c), which calls
 * watchpoint_check before touching memory; pages without one stay fast.
 *
 * Inserting or removing flushes the pages of the range from the vCPU's
 * TLB.  Call these from the vCPU's own thread, or while it is stopped
 * (the gdbstub's case).
 */
#ifndef SOFTMMU_WATCHPOINT_H
#define SOFTMMU_WATCHPOINT_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"

/* Access kinds, as a watchpoint selects them and an access has them (an
 * atomic read-modify-write is both). */
enum { WP_READ = 1, WP_WRITE = 2, WP_ACCESS = WP_READ | WP_WRITE };

typedef enum WatchpointOwner {
    WP_OWNER_ARCH,              /* the guest's debug registers: the target decides */
    WP_OWNER_GDB,               /* a debugger: the vCPU stops with EXCP_DEBUG */
} WatchpointOwner;

typedef struct Watchpoint {
    uint64_t addr;              /* first watched byte */
    uint64_t len;               /* bytes, >= 1; addr + len does not wrap */
    uint8_t kinds;              /* WP_READ | WP_WRITE */
    uint8_t owner;              /* WatchpointOwner */
    int tag;                    /* the owner's: ARCH, the register number */
} Watchpoint;

#define WATCHPOINT_MAX 64

typedef struct WatchpointList {
    int n;
    Watchpoint wp[WATCHPOINT_MAX];
    /* The last debugger hit (WP_OWNER_GDB), for the stub to report after
     * the vCPU stopped with EXCP_DEBUG: the watchpoint's address and
     * length as inserted, the kind of the access, and the accessed
     * address.  hit is cleared by watchpoint_take_hit. */
    bool hit;
    Watchpoint hit_wp;
    uint8_t hit_kind;
    uint64_t hit_vaddr;
} WatchpointList;

/* ---- the list alone (no CPU; watchpoint-list.c): what the unit test
 * checks, and what user mode keeps gdb's watchpoints in ---- */

/* Adds a watchpoint; false if the list is full, len is 0, kinds is
 * empty, or addr + len wraps. */
bool watchpoint_list_insert(WatchpointList *l, uint64_t addr, uint64_t len,
                            unsigned kinds, WatchpointOwner owner, int tag);
/* Removes the first watchpoint of owner with exactly this range and
 * kinds; false if there is none. */
bool watchpoint_list_remove(WatchpointList *l, uint64_t addr, uint64_t len,
                            unsigned kinds, WatchpointOwner owner);
/* Removes every watchpoint of owner (tag < 0) or of owner and tag. */
void watchpoint_list_remove_owner(WatchpointList *l, WatchpointOwner owner, int tag);
/* The kinds watched on any byte of the 4 KiB-or-other page [page,
 * page + size): what the TLB must send to the slow path. */
unsigned watchpoint_list_page_kinds(const WatchpointList *l, uint64_t page, uint64_t size);
/* The first watchpoint from index *i on that the access of len bytes at
 * vaddr of kind (WP_READ, WP_WRITE or both) overlaps and selects, or NULL;
 * *i moves past it, so a loop sees each match once. */
const Watchpoint *watchpoint_list_match(const WatchpointList *l, int *i, uint64_t vaddr,
                                        uint64_t len, unsigned kind);

/* gdb's Z2 (write), Z3 (read), Z4 (access) as kinds, 0 for another
 * type; and back, from a watchpoint's kinds. */
static inline unsigned watchpoint_kinds_of_gdb(int type)
{
    static const uint8_t kinds[] = { [2] = WP_WRITE, [3] = WP_READ, [4] = WP_ACCESS };
    return type >= 0 && type < (int)sizeof(kinds) ? kinds[type] : 0;
}

static inline int watchpoint_gdb_type(unsigned kinds)
{
    static const uint8_t type[] = { [WP_WRITE] = 2, [WP_READ] = 3, [WP_ACCESS] = 4 };
    return type[kinds & WP_ACCESS];
}

/* ---- the vCPU's list (system mode) ---- */

/* Insert or remove on the vCPU of cs, flushing the range's pages from its
 * TLB.  Same results as the list functions.  For the gdbstub: Z2 is
 * WP_WRITE, Z3 WP_READ, Z4 WP_ACCESS, owner WP_OWNER_GDB, tag 0. */
bool watchpoint_insert(CPUState *cs, uint64_t addr, uint64_t len, unsigned kinds,
                       WatchpointOwner owner, int tag);
bool watchpoint_remove(CPUState *cs, uint64_t addr, uint64_t len, unsigned kinds,
                       WatchpointOwner owner);
void watchpoint_remove_owner(CPUState *cs, WatchpointOwner owner, int tag);

/* The debugger's last hit on cs's vCPU: true (and its details) once after
 * a watchpoint of WP_OWNER_GDB stopped it. */
bool watchpoint_take_hit(CPUState *cs, Watchpoint *wp, unsigned *kind, uint64_t *vaddr);

/* Called by the slow path before an access of len bytes at vaddr of kind,
 * at mmu_idx: a debugger's watchpoint stops the vCPU (EXCP_DEBUG at the
 * accessing instruction, the hit recorded); for the architecture's, the
 * target's hook decides and raises its exception.  Returns only if no
 * watchpoint fires; the access is then performed. */
void watchpoint_check(CPUState *cs, WatchpointList *l, uint64_t vaddr, uint64_t len,
                      unsigned kind, int mmu_idx);

/* The target's answer to a hit on one of its watchpoints (set once by the
 * system level): raises its exception (does not return) if the
 * architecture says it fires, else returns. */
extern void (*watchpoint_arch_hit)(CPUState *cs, const Watchpoint *wp, uint64_t vaddr,
                                   uint64_t len, unsigned kind, int mmu_idx);

#endif
