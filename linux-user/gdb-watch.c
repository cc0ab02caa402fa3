/*
 * gdb's watchpoints in user mode.  Translated code reaches guest memory
 * inline, with no check to hook, so while gdb has any watchpoint set every
 * guest access of every thread goes through this file instead
 * (guest_mem_ops; the JIT then translates no inline access, and the
 * translation cache is flushed when the first watchpoint comes and after
 * the last goes).  An access that touches a watched byte stops its thread
 * with EXCP_DEBUG before it is performed, at the accessing instruction;
 * gdb steps over it with its watchpoints removed, as it does on AArch64.
 * The cost: every access is a call while a watchpoint is set.  Memory the
 * kernel side of a system call touches is not watched (nor by qemu).
 */
#include "linux-user/gdb-watch.h"
#include "softmmu/watchpoint.h"
#include "tcg/debug.h"
#include "tcg/guest-mem.h"
#include "tcg/tb.h"

/* Changed only while every thread is stopped; read by all. */
static WatchpointList watched;

/* The last hit, kept by the thread that took it, which reports it. */
static __thread struct {
    CPUState *cpu;
    Watchpoint wp;
} last_hit;

static void check(CPUState *cpu, uint64_t addr, unsigned memop, unsigned kind)
{
    int i = 0;
    const Watchpoint *w = watchpoint_list_match(&watched, &i, guest_addr_clean(addr),
                                                memop_size(memop), kind);
    if (w) {
        last_hit.cpu = cpu;
        last_hit.wp = *w;
        cpu_raise(cpu, EXCP_DEBUG);
    }
}

/* The checks of guest_access_prepare (a fault comes before a watchpoint),
 * then the watch list, then the access. */
static uint64_t watched_load(CPUState *cpu, uint64_t addr, unsigned memop)
{
    void *host = guest_access_prepare(cpu, addr, memop);
    check(cpu, addr, memop, WP_READ);
    return guest_load(host, memop);
}

static void watched_store(CPUState *cpu, uint64_t addr, uint64_t val, unsigned memop)
{
    void *host = guest_access_prepare(cpu, addr, memop);
    check(cpu, addr, memop, WP_WRITE);
    guest_store(host, val, memop);
}

/* An atomic access reads and writes (a failing compare-and-swap too, as
 * qemu-system counts it). */
static void *watched_atomic(CPUState *cpu, uint64_t addr, unsigned memop)
{
    void *host = guest_access_prepare(cpu, addr, memop);
    check(cpu, addr, memop, WP_ACCESS);
    return host;
}

static const GuestMemOps watched_ops = {
    .load = watched_load,
    .store = watched_store,
    .atomic_host = watched_atomic,
};

bool gdb_user_watchpoint(int type, uint64_t addr, uint64_t len, bool insert)
{
    unsigned kinds = watchpoint_kinds_of_gdb(type);
    /* Outside the guest's address space nothing could hit it. */
    if (insert && !guest_addr_valid(addr)) {
        return false;
    }
    addr = guest_addr_clean(addr);
    bool ok = insert ? watchpoint_list_insert(&watched, addr, len, kinds, WP_OWNER_GDB, 0)
                     : watchpoint_list_remove(&watched, addr, len, kinds, WP_OWNER_GDB);
    /* Inline accesses are chosen at translation: code translated without
     * watchpoints must go, and so (for speed) must code translated with. */
    if (ok && watched.n == insert) {
        guest_mem_ops = insert ? &watched_ops : NULL;
        tb_flush();
    }
    return ok;
}

bool gdb_user_watch_hit(CPUState *cpu, int *type, uint64_t *addr)
{
    if (last_hit.cpu != cpu) {
        return false;
    }
    last_hit.cpu = NULL;
    *type = watchpoint_gdb_type(last_hit.wp.kinds);
    *addr = last_hit.wp.addr;
    return true;
}

void gdb_user_watch_clear(void)
{
    /* Other threads may run (gdb went away, the process exits): code that
     * calls out stays correct without guest_mem_ops, just slower. */
    watchpoint_list_remove_owner(&watched, WP_OWNER_GDB, -1);
    guest_mem_ops = NULL;
}
