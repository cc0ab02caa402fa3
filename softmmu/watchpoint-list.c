/*
 * A list of data watchpoints and its matching rules (watchpoint.h), with
 * no CPU: system mode keeps one per vCPU (watchpoint.c), user mode one for
 * gdb's watchpoints over all threads (linux-user/gdb-watch.c).
 */
#include "softmmu/watchpoint.h"

/* [a, a + alen) and [b, b + blen) share a byte; lengths >= 1, no wrap
 * (an access at the top of the address space is cut short by the
 * caller's page split, so neither end wraps). */
static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a <= b + (blen - 1) && b <= a + (alen - 1);
}

bool watchpoint_list_insert(WatchpointList *l, uint64_t addr, uint64_t len,
                            unsigned kinds, WatchpointOwner owner, int tag)
{
    kinds &= WP_ACCESS;
    if (l->n == WATCHPOINT_MAX || len == 0 || !kinds || addr + (len - 1) < addr) {
        return false;
    }
    l->wp[l->n++] = (Watchpoint){ .addr = addr, .len = len, .kinds = kinds,
                                  .owner = owner, .tag = tag };
    return true;
}

static void remove_at(WatchpointList *l, int i)
{
    l->wp[i] = l->wp[--l->n];
}

bool watchpoint_list_remove(WatchpointList *l, uint64_t addr, uint64_t len,
                            unsigned kinds, WatchpointOwner owner)
{
    for (int i = 0; i < l->n; i++) {
        const Watchpoint *w = &l->wp[i];
        if (w->addr == addr && w->len == len && w->kinds == (kinds & WP_ACCESS) &&
            w->owner == owner) {
            remove_at(l, i);
            return true;
        }
    }
    return false;
}

void watchpoint_list_remove_owner(WatchpointList *l, WatchpointOwner owner, int tag)
{
    for (int i = 0; i < l->n;) {
        if (l->wp[i].owner == owner && (tag < 0 || l->wp[i].tag == tag)) {
            remove_at(l, i);
        } else {
            i++;
        }
    }
}

unsigned watchpoint_list_page_kinds(const WatchpointList *l, uint64_t page, uint64_t size)
{
    unsigned kinds = 0;
    for (int i = 0; i < l->n; i++) {
        if (overlaps(l->wp[i].addr, l->wp[i].len, page, size)) {
            kinds |= l->wp[i].kinds;
        }
    }
    return kinds;
}

const Watchpoint *watchpoint_list_match(const WatchpointList *l, int *i, uint64_t vaddr,
                                        uint64_t len, unsigned kind)
{
    for (; *i < l->n; ++*i) {
        const Watchpoint *w = &l->wp[*i];
        if ((w->kinds & kind) && overlaps(w->addr, w->len, vaddr, len)) {
            ++*i;
            return w;
        }
    }
    return NULL;
}

