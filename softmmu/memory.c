/*
 * Memory regions and address spaces (memory.h): building the tree,
 * flattening it into sorted ranges (highest priority first, each region
 * filling only what is still uncovered), and reads and writes through
 * the flat view, with MMIO accesses cut to what a device takes.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "memory.h"

typedef __int128 Wide;      /* addresses plus offsets, which may pass 2^64 */

/* Every address space: any change to any region rebuilds them all (an
 * alias lets a region show in a tree it is not part of; changes are rare
 * and the views small). */
static GPtrArray *spaces;

/* The flat views change at run time (a PCI BAR moved by the guest) while
 * other threads look addresses up (vCPUs filling their TLBs, devices'
 * workers checking DMA): a rebuild writes under this lock, lookups read
 * under it.  Regions themselves are never freed while the machine runs,
 * so what a lookup returns stays valid after the lock is dropped. */
static GRWLock view_lock;

/* Lookups are many (every page-table descriptor a vCPU reads, every TLB
 * fill) and rebuilds few: a reader lock per lookup had the two vCPUs
 * bouncing the lock's cache line, 13% of a Debian boot.  Each thread keeps
 * the last range it found, a copy, valid while no rebuild has happened
 * since (view_generation, bumped under the writer lock).  Using a copy
 * just after a rebuild is what a locked lookup just before it gives. */
static uint64_t view_generation = 1;

typedef struct RangeCache {
    const AddressSpace *as;
    uint64_t generation;
    FlatRange range;
} RangeCache;

static __thread RangeCache range_cache;

static void region_init(MemoryRegion *mr, MemoryRegionKind kind, const char *name,
                        uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->kind = kind;
    mr->name = g_strdup(name);
    mr->last = size - 1;    /* size 0: the whole 2^64 */
    mr->enabled = true;
}

void memory_region_init_container(MemoryRegion *mr, const char *name, uint64_t size)
{
    region_init(mr, MR_CONTAINER, name, size);
    mr->subregions = g_ptr_array_new();
}

static bool init_memory(MemoryRegion *mr, MemoryRegionKind kind, const char *name,
                        uint64_t size)
{
    region_init(mr, kind, name, size);
    if (size == 0) {
        return false;
    }
    /* Anonymous memory: zero, and only touched pages cost anything.
     * Big regions start on a 2 MiB boundary and ask for transparent huge
     * pages, as qemu's RAM does: a guest touching its memory takes one
     * host fault per 2 MiB instead of per 4 KiB (faults are most of the
     * cost of a fresh guest's first touches, and of loadvm), and the
     * host's TLB covers more of it. */
    const uint64_t huge = 2u << 20;
    bool want_huge = size >= huge;
    uint64_t len = want_huge ? size + huge : size;
    uint8_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS |
                      MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        mr->host = NULL;
        return false;
    }
    if (want_huge) {
        uint8_t *start = (uint8_t *)(((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1));
        if (start > p) {
            munmap(p, start - p);
        }
        if (start + size < p + len) {
            munmap(start + size, p + len - (start + size));
        }
        p = start;
        madvise(p, size, MADV_HUGEPAGE);    /* a hint: refused, the region still works */
    }
    mr->host = p;
    return true;
}

bool memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size)
{
    return init_memory(mr, MR_RAM, name, size);
}

bool memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size)
{
    return init_memory(mr, MR_ROM, name, size);
}

void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size)
{
    region_init(mr, MR_IO, name, size);
    mr->ops = ops;
    mr->opaque = opaque;
}

void memory_region_init_alias(MemoryRegion *mr, const char *name, MemoryRegion *orig,
                              uint64_t offset, uint64_t size)
{
    region_init(mr, MR_ALIAS, name, size);
    mr->alias_of = orig;
    mr->alias_offset = offset;
}

void memory_region_destroy(MemoryRegion *mr)
{
    if (mr->host) {
        munmap(mr->host, mr->last + 1);
    }
    if (mr->subregions) {
        g_ptr_array_free(mr->subregions, true);
    }
    g_free(mr->name);
    memset(mr, 0, sizeof(*mr));
}

/* ---- the flat view ---- */

static int range_cmp(const void *a, const void *b)
{
    const FlatRange *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Adds the parts of start..last that no range covers yet, as mr from
 * offset at start on.  (out is sorted on entry and on return.) */
static void flat_fill(GArray *out, uint64_t start, uint64_t last, MemoryRegion *mr,
                      uint64_t offset)
{
    size_t n = out->len;
    Wide s = start;
    for (size_t i = 0; i < n && s <= last; i++) {
        const FlatRange *r = &g_array_index(out, FlatRange, i);
        if (r->last < s) {
            continue;
        }
        if (r->start > last) {
            break;
        }
        if (r->start > s) {
            FlatRange piece = { (uint64_t)s, r->start - 1, mr, offset + (uint64_t)(s - start) };
            g_array_append_val(out, piece);
        }
        s = (Wide)r->last + 1;
    }
    if (s <= last) {
        FlatRange piece = { (uint64_t)s, last, mr, offset + (uint64_t)(s - start) };
        g_array_append_val(out, piece);
    }
    if (out->len != n) {
        g_array_sort(out, range_cmp);
    }
}

/* mr placed at base (as seen through its parents and aliases), clipped
 * to clip_s..clip_l. */
static void render(GArray *out, MemoryRegion *mr, Wide base, Wide clip_s, Wide clip_l)
{
    if (!mr->enabled) {
        return;
    }
    Wide s = base > clip_s ? base : clip_s;
    Wide l = base + mr->last < clip_l ? base + mr->last : clip_l;
    if (s > l) {
        return;
    }
    switch (mr->kind) {
    case MR_CONTAINER:
        for (guint i = 0; i < mr->subregions->len; i++) {
            MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);
            render(out, sub, base + sub->addr, s, l);
        }
        break;
    case MR_ALIAS:
        render(out, mr->alias_of, base - mr->alias_offset, s, l);
        break;
    default:
        flat_fill(out, (uint64_t)s, (uint64_t)l, mr, (uint64_t)(s - base));
        break;
    }
}

static void space_rebuild(AddressSpace *as)
{
    GArray *out = g_array_new(false, false, sizeof(FlatRange));
    render(out, as->root, 0, 0, UINT64_MAX);
    g_rw_lock_writer_lock(&view_lock);
    g_free(as->ranges);
    as->nranges = out->len;
    as->ranges = (FlatRange *)g_array_free(out, false);
    __atomic_add_fetch(&view_generation, 1, __ATOMIC_RELEASE);
    g_rw_lock_writer_unlock(&view_lock);
}

static void spaces_rebuild(void)
{
    for (guint i = 0; spaces && i < spaces->len; i++) {
        space_rebuild(g_ptr_array_index(spaces, i));
    }
}

void memory_region_add_subregion_overlap(MemoryRegion *parent, uint64_t addr,
                                         MemoryRegion *sub, int priority)
{
    g_assert(parent->kind == MR_CONTAINER && !sub->parent);
    sub->parent = parent;
    sub->addr = addr;
    sub->priority = priority;
    /* Before the first of lower or equal priority: the highest first, and
     * between equals the newest. */
    guint i = 0;
    while (i < parent->subregions->len &&
           ((MemoryRegion *)g_ptr_array_index(parent->subregions, i))->priority > priority) {
        i++;
    }
    g_ptr_array_insert(parent->subregions, i, sub);
    spaces_rebuild();
}

void memory_region_add_subregion(MemoryRegion *parent, uint64_t addr, MemoryRegion *sub)
{
    memory_region_add_subregion_overlap(parent, addr, sub, 0);
}

void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub)
{
    g_assert(sub->parent == parent);
    g_ptr_array_remove(parent->subregions, sub);
    sub->parent = NULL;
    spaces_rebuild();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    if (mr->enabled != enabled) {
        mr->enabled = enabled;
        spaces_rebuild();
    }
}

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    memset(as, 0, sizeof(*as));
    as->name = g_strdup(name);
    as->root = root;
    root->root_of = as;
    if (!spaces) {
        spaces = g_ptr_array_new();
    }
    g_ptr_array_add(spaces, as);
    space_rebuild(as);
}

void address_space_destroy(AddressSpace *as)
{
    g_ptr_array_remove(spaces, as);
    as->root->root_of = NULL;
    g_rw_lock_writer_lock(&view_lock);
    __atomic_add_fetch(&view_generation, 1, __ATOMIC_RELEASE);    /* no cache keeps as */
    g_rw_lock_writer_unlock(&view_lock);
    g_free(as->ranges);
    g_free(as->name);
    memset(as, 0, sizeof(*as));
}

const FlatRange *address_space_lookup(const AddressSpace *as, uint64_t addr)
{
    size_t lo = 0, hi = as->nranges;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const FlatRange *r = &as->ranges[mid];
        if (addr < r->start) {
            hi = mid;
        } else if (addr > r->last) {
            lo = mid + 1;
        } else {
            return r;
        }
    }
    return NULL;
}

MemoryRegion *address_space_translate(const AddressSpace *as, uint64_t addr,
                                      uint64_t *offset, uint64_t *len)
{
    RangeCache *c = &range_cache;
    uint64_t gen = __atomic_load_n(&view_generation, __ATOMIC_ACQUIRE);
    if (c->as != as || c->generation != gen || addr < c->range.start || addr > c->range.last) {
        g_rw_lock_reader_lock(&view_lock);
        const FlatRange *r = address_space_lookup(as, addr);
        if (!r) {
            g_rw_lock_reader_unlock(&view_lock);
            return NULL;
        }
        *c = (RangeCache){ as, view_generation, *r };
        g_rw_lock_reader_unlock(&view_lock);
    }
    const FlatRange *r = &c->range;
    *offset = r->offset + (addr - r->start);
    if (*len - 1 > r->last - addr) {
        *len = r->last - addr + 1;
    }
    return r->mr;
}

/* Bytes from addr to the next range (at most len): an unassigned gap. */
static uint64_t space_gap(const AddressSpace *as, uint64_t addr, uint64_t len)
{
    g_rw_lock_reader_lock(&view_lock);
    const FlatRange *next = NULL;
    for (size_t i = 0; i < as->nranges && !next; i++) {
        next = as->ranges[i].start > addr ? &as->ranges[i] : NULL;
    }
    uint64_t n = next && next->start - addr < len ? next->start - addr : len;
    g_rw_lock_reader_unlock(&view_lock);
    return n;
}

/* ---- accesses ---- */

/* n bytes at offset off of an MMIO region, in the pieces its device takes
 * (memory.h): each the largest power of two that fits what is left, the
 * device's maximum and off's alignment; below its minimum, widened. */
static void mmio_access(MemoryRegion *mr, uint64_t off, uint8_t *buf, uint64_t n,
                        bool write)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned min = ops->min_access ? ops->min_access : 1;
    unsigned max = ops->max_access ? ops->max_access : 8;
    max = max < min ? min : max;
    while (n) {
        unsigned p = max;
        while (p > n || (off & (p - 1))) {
            p >>= 1;
        }
        uint64_t at = off, shift = 0;
        unsigned size = p;
        if (p < min) {
            /* The aligned word of the smallest size the device takes. */
            size = min;
            at = off & ~(uint64_t)(min - 1);
            shift = 8 * (off - at);
            p = at + min - off < n ? (unsigned)(at + min - off) : (unsigned)n;
        }
        if (write) {
            if (ops->write) {
                ops->write(mr->opaque, at, ldn_le_p(buf, p) << shift, size);
            }
        } else {
            stn_le_p(buf, ops->read ? ops->read(mr->opaque, at, size) >> shift : 0, p);
        }
        off += p;
        buf += p;
        n -= p;
    }
}

static MemTxResult space_access(const AddressSpace *as, uint64_t addr, uint8_t *buf,
                                uint64_t len, bool write)
{
    MemTxResult res = MEMTX_OK;
    while (len) {
        uint64_t off, n = len;
        MemoryRegion *mr = address_space_translate(as, addr, &off, &n);
        if (!mr) {
            /* Unassigned up to the next range (or all of len). */
            n = space_gap(as, addr, len);
            if (!write) {
                memset(buf, 0, n);
            }
            res |= MEMTX_DECODE_ERROR;
        } else if (mr->kind == MR_IO) {
            mmio_access(mr, off, buf, n, write);
        } else if (!write) {
            memcpy(buf, mr->host + off, n);
        } else if (mr->kind == MR_RAM) {
            memcpy(mr->host + off, buf, n);
            if (as->ram_written) {
                as->ram_written(addr, n);
            }
        }       /* (a write to ROM is dropped) */
        addr += n;
        buf += n;
        len -= n;
    }
    return res;
}

MemTxResult address_space_read(const AddressSpace *as, uint64_t addr, void *buf,
                               uint64_t len)
{
    return space_access(as, addr, buf, len, false);
}

MemTxResult address_space_write(const AddressSpace *as, uint64_t addr, const void *buf,
                                uint64_t len)
{
    return space_access(as, addr, (uint8_t *)buf, len, true);
}

MemTxResult memory_region_access(MemoryRegion *mr, uint64_t offset, void *buf, uint64_t len,
                                 bool write)
{
    uint8_t *p = buf;
    MemTxResult res = MEMTX_OK;
    if (!len) {
        return res;
    }
    if (offset > mr->last || len - 1 > mr->last - offset) {
        uint64_t in = offset > mr->last ? 0 : mr->last - offset + 1;
        if (!write) {
            memset(p + in, 0, len - in);
        }
        len = in;
        res = MEMTX_DECODE_ERROR;
    }
    if (!len) {
        return res;
    }
    if (mr->kind == MR_IO) {
        mmio_access(mr, offset, p, len, write);
    } else if (mr->kind == MR_RAM || mr->kind == MR_ROM) {
        if (!write) {
            memcpy(p, mr->host + offset, len);
        } else if (mr->kind == MR_RAM) {
            memcpy(mr->host + offset, p, len);
        }
    } else {
        /* Containers and aliases need the flat view this path avoids. */
        g_assert_not_reached();
    }
    return res;
}

/* ---- info mtree ---- */

static const char *region_type(const MemoryRegion *mr)
{
    return mr->kind == MR_RAM ? "ram" : mr->kind == MR_ROM ? "rom" : "i/o";
}

/* Children as qemu lists them: by address, then the higher priority
 * first, else in their own order. */
static gint print_order(gconstpointer a, gconstpointer b)
{
    const MemoryRegion *x = *(MemoryRegion *const *)a, *y = *(MemoryRegion *const *)b;
    if (x->addr != y->addr) {
        return x->addr < y->addr ? -1 : 1;
    }
    return x->priority > y->priority ? -1 : x->priority < y->priority;
}

static void print_region(const MemoryRegion *mr, uint64_t base, int level, FILE *f)
{
    fprintf(f, "%*s%016" G_GINT64_MODIFIER "x-%016" G_GINT64_MODIFIER "x (prio %d, %s): ",
            level * 2, "", base, base + mr->last, mr->priority, region_type(mr));
    if (mr->kind == MR_ALIAS) {
        fprintf(f, "alias %s @%s %016" G_GINT64_MODIFIER "x-%016" G_GINT64_MODIFIER "x",
                mr->name, mr->alias_of->name, mr->alias_offset,
                mr->alias_offset + mr->last);
    } else {
        fputs(mr->name, f);
    }
    fputs(mr->enabled ? "\n" : " [disabled]\n", f);
    if (mr->kind != MR_CONTAINER) {
        return;
    }
    /* (g_ptr_array_sort is stable: equal ones keep their list order) */
    GPtrArray *subs = g_ptr_array_copy(mr->subregions, NULL, NULL);
    g_ptr_array_sort(subs, print_order);
    for (guint i = 0; i < subs->len; i++) {
        const MemoryRegion *sub = g_ptr_array_index(subs, i);
        print_region(sub, base + sub->addr, level + 1, f);
    }
    g_ptr_array_free(subs, true);
}

void address_space_print_tree(const AddressSpace *as, FILE *f)
{
    fprintf(f, "address-space: %s\n", as->name);
    print_region(as->root, 0, 1, f);
    fputc('\n', f);
}
