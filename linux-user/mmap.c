/*
 * The guest address space in user mode: one host reservation of
 * guest_space_size bytes at guest_base (PROT_NONE where the guest has
 * nothing), our own page table of guest protections, and the guest's
 * mmap, munmap, mprotect, mremap, madvise and brk with Linux semantics.
 *
 * The page table is the authority for the guest: syscalls check pointers
 * against it (-EFAULT), instruction fetch requires PAGE_EXEC in it, and it
 * remembers which pages hold translated code.  Such pages, when the guest
 * may write them, are write-protected on the host: the first store faults,
 * page_unprotect() makes the page writable again and throws its blocks
 * away, and the store is retried.
 *
 * Unmapping never leaves a hole in the reservation: munmap maps PROT_NONE
 * over the range again, so nothing else of the host process can ever land
 * inside the guest space.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "tcg/disas.h"
#include "tcg/log.h"
#include "tcg/tb.h"
#include "user.h"

uint64_t guest_space_size;
uint64_t guest_stack_top;
uint64_t guest_mmap_base;

/* Below this, fixed mappings are refused, as vm.mmap_min_addr does. */
#define MMAP_MIN_ADDR 0x10000ull

/* ---- the page table: two levels, second level allocated on first use ---- */

#define L2_BITS 14
#define L2_SIZE (1u << L2_BITS)

typedef uint16_t pflags_t;     /* one page's PAGE_* flags */

static pflags_t *volatile *page_l1;
static uint64_t page_l1_size;

static pthread_mutex_t mmap_mutex;

/* Pages with PAGE_VALID: the guest's VmSize, and what its RLIMIT_AS counts. */
static uint64_t valid_pages;
/* Private writable pages that are no stack: what RLIMIT_DATA counts
 * (Linux's data_vm, brk included). */
static uint64_t data_pages;

static bool is_data_page(int flags)
{
    return (flags & (PAGE_VALID | PAGE_WRITE | PAGE_NODATA)) == (PAGE_VALID | PAGE_WRITE);
}

void mmap_lock(void)
{
    pthread_mutex_lock(&mmap_mutex);
}

void mmap_unlock(void)
{
    pthread_mutex_unlock(&mmap_mutex);
}

static bool reserve_range(uint64_t addr, uint64_t len);
static void page_set_range(uint64_t start, uint64_t end, int flags);

/* MADV_DONTFORK is never given to the host: its child would have a hole
 * in the reservation where mimic's own allocations could land.  The
 * child drops those pages itself, back to reserved. */
static void drop_dontfork_pages(void)
{
    for (uint64_t i = 0; i < page_l1_size; i++) {
        const pflags_t *l2 = page_l1[i];
        for (unsigned j = 0; l2 && j < L2_SIZE; j++) {
            if (!(l2[j] & PAGE_DONTFORK)) {
                continue;
            }
            uint64_t start = ((i << L2_BITS) + j) << GUEST_PAGE_BITS, end = start;
            while (j < L2_SIZE && (l2[j] & PAGE_DONTFORK)) {
                j++;
                end += GUEST_PAGE_SIZE;
            }
            /* The child has exactly the parent's mappings: filling a range
             * it inherited needs no mapping more than the parent had. */
            if (reserve_range(start, end - start)) {
                page_set_range(start, end, 0);
            }
        }
    }
}

void mmap_fork_child(void)
{
    /* The lock was taken across fork by the parent's thread, whose id the
     * child's copy still records: start the child with a fresh one. */
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&mmap_mutex, &attr);
    drop_dontfork_pages();
}

/* The flag byte of the page holding addr; NULL if outside the space or, with
 * alloc false, if its second level was never allocated (all zero). */
static pflags_t *page_entry(uint64_t addr, bool alloc)
{
    uint64_t pn = addr >> GUEST_PAGE_BITS;
    uint64_t i1 = pn >> L2_BITS;
    if (i1 >= page_l1_size) {
        return NULL;
    }
    pflags_t *l2 = __atomic_load_n(&page_l1[i1], __ATOMIC_ACQUIRE);
    if (!l2) {
        if (!alloc) {
            return NULL;
        }
        pflags_t *fresh = calloc(L2_SIZE, sizeof(pflags_t));
        if (!fresh) {
            fprintf(stderr, "mimic: out of memory for the guest page table\n");
            abort();
        }
        pflags_t *expected = NULL;
        if (__atomic_compare_exchange_n(&page_l1[i1], &expected, fresh, false,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
            l2 = fresh;
        } else {
            free(fresh);
            l2 = expected;
        }
    }
    return &l2[pn & (L2_SIZE - 1)];
}

int page_get_flags(uint64_t addr)
{
    pflags_t *e = page_entry(addr, false);
    return e ? __atomic_load_n(e, __ATOMIC_ACQUIRE) : 0;
}

/* Every change of a page's mapping or rights goes through here, which keeps
 * the counts the memory limits use. */
static void page_store(pflags_t *e, int flags)
{
    valid_pages += ((flags & PAGE_VALID) != 0) - ((*e & PAGE_VALID) != 0);
    data_pages += is_data_page(flags) - is_data_page(*e);
    __atomic_store_n(e, (pflags_t)flags, __ATOMIC_RELEASE);
}

/* Host protection for a guest page: the host never needs PROT_EXEC (code
 * is read by the translator), and a page with translated code stays
 * read-only until a store unprotects it. */
static int host_prot(int flags)
{
    int p = 0;
    if (flags & (PAGE_READ | PAGE_EXEC | PAGE_WRITE)) {
        p |= PROT_READ;
    }
    if ((flags & PAGE_WRITE) && !(flags & PAGE_WPROT)) {
        p |= PROT_WRITE;
    }
    return p;
}

/* Sets the flags of [start, end) to flags, first throwing away the blocks
 * translated from pages that had any (their contents or rights change). */
static void page_set_range(uint64_t start, uint64_t end, int flags)
{
    for (uint64_t a = start; a < end; a += GUEST_PAGE_SIZE) {
        pflags_t *e = page_entry(a, flags != 0);
        if (!e) {
            /* Unallocated second level: already all clear. */
            a = (a | ((uint64_t)L2_SIZE * GUEST_PAGE_SIZE - 1)) - GUEST_PAGE_SIZE + 1;
            continue;
        }
        if (*e & PAGE_TB) {
            tb_invalidate_range(a, a + GUEST_PAGE_SIZE);
        }
        page_store(e, flags);
    }
}

/* ---- the guest's memory limits ----
 * RLIMIT_AS, _DATA and _STACK as the guest set them: never the host's,
 * which would cap mimic's own reservation and allocations. */
static struct rlimit mem_rlimits[RLIM_NLIMITS];
static pthread_once_t mem_rlimits_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t mem_rlimits_lock = PTHREAD_MUTEX_INITIALIZER;

static void mem_rlimits_init(void)
{
    getrlimit(RLIMIT_AS, &mem_rlimits[RLIMIT_AS]);
    getrlimit(RLIMIT_DATA, &mem_rlimits[RLIMIT_DATA]);
    getrlimit(RLIMIT_STACK, &mem_rlimits[RLIMIT_STACK]);
}

uint64_t guest_rlimit(int res)
{
    pthread_once(&mem_rlimits_once, mem_rlimits_init);
    return __atomic_load_n(&mem_rlimits[res].rlim_cur, __ATOMIC_RELAXED);
}

int64_t guest_mem_rlimit(int res, const struct rlimit *nl, struct rlimit *ol)
{
    pthread_once(&mem_rlimits_once, mem_rlimits_init);
    pthread_mutex_lock(&mem_rlimits_lock);
    struct rlimit old = mem_rlimits[res];
    int64_t ret = 0;
    if (nl) {
        if (nl->rlim_cur > nl->rlim_max) {
            ret = -EINVAL;
        } else if (nl->rlim_max > old.rlim_max && !may_raise_hard_limit()) {
            ret = -EPERM;
        } else {
            mem_rlimits[res] = *nl;
        }
    }
    pthread_mutex_unlock(&mem_rlimits_lock);
    if (ret == 0 && ol) {
        *ol = old;
    }
    return ret;
}

/* Bytes of [addr, addr+len) the guest has mapped already. */
static uint64_t valid_bytes_in(uint64_t addr, uint64_t len)
{
    uint64_t n = 0;
    for (uint64_t a = addr; a < addr + len; a += GUEST_PAGE_SIZE) {
        n += (page_get_flags(a) & PAGE_VALID) != 0;
    }
    return n << GUEST_PAGE_BITS;
}

/* The guest's RLIMIT_AS allows its map to grow by grow bytes (the limit
 * is the guest's own, kept apart from mimic's: sys-proc.c). */
static bool as_limit_allows(uint64_t grow)
{
    uint64_t limit = guest_rlimit(RLIMIT_AS);
    return limit == RLIM_INFINITY || (valid_pages << GUEST_PAGE_BITS) + grow <= limit;
}

/* The guest's RLIMIT_DATA allows grow bytes more of private writable
 * memory (Linux's may_expand_vm: a limit of 0 is checked against the hard
 * limit, which keeps old programs that set it to 0 working). */
static bool data_limit_allows(uint64_t grow)
{
    struct rlimit l;
    guest_mem_rlimit(RLIMIT_DATA, NULL, &l);
    uint64_t have = data_pages << GUEST_PAGE_BITS;
    return l.rlim_cur == RLIM_INFINITY || have + grow <= l.rlim_cur ||
           (l.rlim_cur == 0 && (l.rlim_max == RLIM_INFINITY || have + grow <= l.rlim_max));
}

/* Bytes of [addr, addr+len) that count for RLIMIT_DATA already. */
static uint64_t data_bytes_in(uint64_t addr, uint64_t len)
{
    uint64_t n = 0;
    for (uint64_t a = addr; a < addr + len; a += GUEST_PAGE_SIZE) {
        n += is_data_page(page_get_flags(a));
    }
    return n << GUEST_PAGE_BITS;
}

bool guest_range_ok(uint64_t addr, uint64_t len, int prot)
{
    if (len == 0) {
        return addr <= guest_space_size;
    }
    uint64_t end = addr + len;
    if (end < addr || end > guest_space_size) {
        return false;
    }
    for (uint64_t a = addr & GUEST_PAGE_MASK; a < end; a += GUEST_PAGE_SIZE) {
        int f = page_get_flags(a);
        if (!(f & PAGE_VALID) || (f & prot) != prot) {
            return false;
        }
    }
    return true;
}

bool guest_range_free(uint64_t addr, uint64_t len)
{
    uint64_t end = addr + len;
    if (end < addr || end > guest_space_size) {
        return false;
    }
    for (uint64_t a = addr & GUEST_PAGE_MASK; a < end; a += GUEST_PAGE_SIZE) {
        if (page_get_flags(a) & PAGE_VALID) {
            return false;
        }
    }
    return true;
}

/*
 * Puts [addr, addr+len) back to reserved-and-inaccessible.  Mapping over
 * part of a mapping may need a host VMA more, and the host may be at
 * vm.max_map_count (a guest that fragments its map with mprotect gets
 * there): then nothing changes and this returns false, and the guest's
 * munmap fails with ENOMEM, as Linux's own does in that state.
 */
static bool reserve_range(uint64_t addr, uint64_t len)
{
    return mmap(g2h(addr), len, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0) != MAP_FAILED;
}

/*
 * For the holes a successful host mremap leaves behind (the source of a
 * move, the tail claimed for growth in place).  Filling a hole never needs
 * more VMAs than the host's mremap just proved available (it keeps a margin
 * of three below max_map_count), so failure here means the host broke its
 * own rule: the hole could take mimic's own allocations and confinement
 * would be gone, so stop loudly.
 */
static void refill_hole(uint64_t addr, uint64_t len)
{
    if (!reserve_range(addr, len)) {
        fprintf(stderr, "mimic: internal error: cannot re-reserve guest range "
                "0x%" PRIx64 "+0x%" PRIx64 ": %s\n", addr, len, strerror(errno));
        abort();
    }
}

const char *guest_space_init(unsigned addr_bits)
{
    static char err[160];
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&mmap_mutex, &attr);

    guest_addr_bits = addr_bits;
    guest_top_byte_ignore = true;
    guest_space_size = 1ull << addr_bits;
    /* Low if we can (the JIT addresses guest memory with guest_base as a
     * 32-bit displacement, leaving a register free), else anywhere. */
    void *p = MAP_FAILED;
    static const uintptr_t low[] = { 0x10000, 0x1000000, 0x40000000 };
    for (unsigned i = 0; i < sizeof(low) / sizeof(low[0]) && p == MAP_FAILED; i++) {
        p = mmap((void *)low[i], guest_space_size + GUEST_SPACE_GUARD, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
        if (p != MAP_FAILED && p != (void *)low[i]) {
            /* kernels without NOREPLACE */
            munmap(p, guest_space_size + GUEST_SPACE_GUARD);
            p = MAP_FAILED;
        }
    }
    if (p == MAP_FAILED) {
        p = mmap(NULL, guest_space_size + GUEST_SPACE_GUARD, PROT_NONE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (p == MAP_FAILED) {
        snprintf(err, sizeof(err),
                 "cannot reserve %" PRIu64 " GiB of address space for the guest: %s",
                 guest_space_size >> 30, strerror(errno));
        return err;
    }
    guest_base = (uintptr_t)p;
    page_l1_size = (guest_space_size >> GUEST_PAGE_BITS) >> L2_BITS;
    if (page_l1_size == 0) {
        page_l1_size = 1;
    }
    page_l1 = calloc(page_l1_size, sizeof(*page_l1));

    /* Top of the space: 64 KiB of nothing, then the stack; mmaps go below
     * the stack with a gap, top-down, as Linux's legacy-free layout does. */
    guest_stack_top = guest_space_size - 0x10000;
    guest_mmap_base = guest_stack_top - (1ull << 30);
    tb_page_first_code_hook = page_code_hook;
    return NULL;
}

/* ---- code pages ---- */

void page_code_hook(uint64_t page)
{
    /* Called under the translation cache lock: take no other lock.  The
     * flag byte is updated atomically; mmap changes invalidate before they
     * rewrite it. */
    pflags_t *e = page_entry(page, true);
    if (!e) {
        return;
    }
    pflags_t f = __atomic_load_n(e, __ATOMIC_ACQUIRE);
    for (;;) {
        pflags_t nf = f | PAGE_TB;
        if ((f & (PAGE_VALID | PAGE_WRITE)) == (PAGE_VALID | PAGE_WRITE)) {
            nf |= PAGE_WPROT;
        }
        if (__atomic_compare_exchange_n(e, &f, nf, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE)) {
            if ((nf & PAGE_WPROT) && !(f & PAGE_WPROT)) {
                mprotect(g2h(page), GUEST_PAGE_SIZE, host_prot(nf));
            }
            return;
        }
    }
}

bool page_unprotect(uint64_t addr)
{
    uint64_t page = addr & GUEST_PAGE_MASK;
    pflags_t *e = page_entry(page, false);
    if (!e) {
        return false;
    }
    pflags_t f = __atomic_load_n(e, __ATOMIC_ACQUIRE);
    for (;;) {
        if (!(f & PAGE_WPROT)) {
            /* Another thread may have unprotected it since the fault: then
             * the retried store succeeds. */
            return (f & (PAGE_VALID | PAGE_WRITE)) == (PAGE_VALID | PAGE_WRITE);
        }
        pflags_t nf = f & ~(PAGE_WPROT | PAGE_TB);
        if (__atomic_compare_exchange_n(e, &f, nf, false, __ATOMIC_ACQ_REL,
                                        __ATOMIC_ACQUIRE)) {
            /* Writable first, then invalidate: a block translated in
             * between is removed too, and the page-empty hook then fires
             * again for the next one. */
            mprotect(g2h(page), GUEST_PAGE_SIZE, host_prot(nf));
            tb_invalidate_range(page, page + GUEST_PAGE_SIZE);
            return true;
        }
    }
}

bool user_code_fetch(uint64_t addr, void *dst, size_t len)
{
    if (len == 0) {
        return true;
    }
    if (!guest_range_ok(addr, len, PAGE_EXEC)) {
        return false;
    }
    memcpy(dst, g2h(addr), len);
    return true;
}

/* ---- access from mimic's own code ---- */

void *lock_user(uint64_t addr, uint64_t len, int access)
{
    if (len == 0) {
        return addr <= guest_space_size ? g2h(addr) : NULL;
    }
    uint64_t end = addr + len;
    if (end < addr || end > guest_space_size) {
        return NULL;
    }
    for (uint64_t a = addr & GUEST_PAGE_MASK; a < end; a += GUEST_PAGE_SIZE) {
        int f = page_get_flags(a);
        if (!(f & PAGE_VALID)) {
            return NULL;
        }
        if ((access & PAGE_WRITE) && !(f & PAGE_WRITE)) {
            return NULL;
        }
        /* A writable page is readable on arm64 too. */
        if ((access & PAGE_READ) && !(f & (PAGE_READ | PAGE_WRITE))) {
            return NULL;
        }
        if ((access & PAGE_WRITE) && (f & PAGE_WPROT)) {
            page_unprotect(a);
        }
    }
    return g2h(addr);
}

uint64_t lock_user_prefix(uint64_t addr, uint64_t len, int access)
{
    if (addr >= guest_space_size) {
        return 0;
    }
    if (len > guest_space_size - addr) {
        len = guest_space_size - addr;
    }
    uint64_t a = addr;
    while (a < addr + len) {
        uint64_t next = (a & GUEST_PAGE_MASK) + GUEST_PAGE_SIZE;
        uint64_t chunk = (next < addr + len ? next : addr + len) - a;
        if (!lock_user(a, chunk, access)) {
            break;
        }
        a += chunk;
    }
    return a - addr;
}

const char *lock_user_string(uint64_t addr, size_t max, bool *toolong)
{
    *toolong = false;
    uint64_t a = addr;
    size_t seen = 0;
    for (;;) {
        if (a >= guest_space_size) {
            return NULL;
        }
        int f = page_get_flags(a);
        if (!(f & PAGE_VALID) || !(f & (PAGE_READ | PAGE_WRITE))) {
            return NULL;
        }
        uint64_t chunk = GUEST_PAGE_SIZE - (a & ~GUEST_PAGE_MASK);
        if (chunk > max - seen) {
            chunk = max - seen;
        }
        if (memchr(g2h(a), 0, chunk)) {
            return g2h(addr);
        }
        seen += chunk;
        a += chunk;
        if (seen >= max) {
            *toolong = true;
            return NULL;
        }
    }
}

int copy_from_user(void *dst, uint64_t src, size_t len)
{
    void *p = lock_user(src, len, VERIFY_READ);
    if (!p) {
        return -EFAULT;
    }
    memcpy(dst, p, len);
    return 0;
}

int copy_to_user(uint64_t dst, const void *src, size_t len)
{
    void *p = lock_user(dst, len, VERIFY_WRITE);
    if (!p) {
        return -EFAULT;
    }
    memcpy(p, src, len);
    return 0;
}

int get_user_u64(uint64_t *v, uint64_t addr)
{
    return copy_from_user(v, addr, 8);
}

int put_user_u64(uint64_t v, uint64_t addr)
{
    return copy_to_user(addr, &v, 8);
}

int get_user_u32(uint32_t *v, uint64_t addr)
{
    return copy_from_user(v, addr, 4);
}

int put_user_u32(uint32_t v, uint64_t addr)
{
    return copy_to_user(addr, &v, 4);
}

/* ---- placement ---- */

/* Non-fixed mmaps search down from here; an munmap above it raises it so
 * freed holes are found again (Linux's free-area cache, in one word). */
static uint64_t mmap_next;

uint64_t mmap_find_free(uint64_t hint, uint64_t len, uint64_t align)
{
    const uint64_t l2_span = (uint64_t)L2_SIZE * GUEST_PAGE_SIZE;
    if (align < GUEST_PAGE_SIZE) {
        align = GUEST_PAGE_SIZE;
    }
    if (hint && !(hint & (align - 1)) && hint >= MMAP_MIN_ADDR &&
        guest_range_free(hint, len)) {
        return hint;
    }
    if (!mmap_next) {
        mmap_next = guest_mmap_base;
    }
    for (int pass = 0; pass < 2; pass++) {
        uint64_t run_top = pass == 0 ? mmap_next : guest_mmap_base;
        uint64_t a = run_top;      /* the free run is [a, run_top) */
        while (a > MMAP_MIN_ADDR) {
            uint64_t p = a - GUEST_PAGE_SIZE;
            pflags_t *e = page_entry(p, false);
            if (!e) {
                /* An unallocated second level is free all the way down. */
                a = p & ~(l2_span - 1);
                if (a < MMAP_MIN_ADDR) {
                    a = MMAP_MIN_ADDR;
                }
            } else if (*e & PAGE_VALID) {
                run_top = a = p;
                continue;
            } else {
                a = p;
            }
            if (run_top - a >= len) {
                uint64_t start = (run_top - len) & ~(align - 1);
                if (start >= a) {
                    mmap_next = start;
                    return start;
                }
            }
        }
    }
    return 0;
}

/* ---- mmap family ---- */

#define TARGET_PROT_BTI 0x10
#define TARGET_PROT_MTE 0x20
#define TARGET_MAP_FIXED_NOREPLACE 0x100000

int64_t target_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd,
                    uint64_t offset)
{
    if (len == 0 || (offset & ~GUEST_PAGE_MASK)) {
        return -EINVAL;
    }
    prot &= ~(TARGET_PROT_BTI | TARGET_PROT_MTE);
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) {
        return -EINVAL;
    }
    uint64_t alen = GUEST_PAGE_ALIGN(len);
    if (alen < len || alen > guest_space_size) {
        return -ENOMEM;
    }
    int type = flags & MAP_TYPE;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) {
        return -EINVAL;
    }
    bool fixed = flags & (MAP_FIXED | TARGET_MAP_FIXED_NOREPLACE);
    bool anon = flags & MAP_ANONYMOUS;

    mmap_lock();
    int64_t ret;
    if (fixed) {
        if (addr & ~GUEST_PAGE_MASK) {
            ret = -EINVAL;
            goto out;
        }
        if (addr + alen < addr || addr + alen > guest_space_size) {
            ret = -ENOMEM;
            goto out;
        }
        if (addr < MMAP_MIN_ADDR) {
            ret = -EPERM;
            goto out;
        }
        if ((flags & TARGET_MAP_FIXED_NOREPLACE) && !guest_range_free(addr, alen)) {
            ret = -EEXIST;
            goto out;
        }
    } else {
        addr = mmap_find_free(addr & GUEST_PAGE_MASK, alen, GUEST_PAGE_SIZE);
        if (!addr) {
            ret = -ENOMEM;
            goto out;
        }
    }

    /* A shared mapping or a stack does not count for RLIMIT_DATA. */
    int nodata = type != MAP_PRIVATE || (flags & MAP_GROWSDOWN) ? PAGE_NODATA : 0;
    if (!as_limit_allows(alen - (fixed ? valid_bytes_in(addr, alen) : 0)) ||
        (is_data_page(PAGE_VALID | prot | nodata) &&
         !data_limit_allows(alen - (fixed ? data_bytes_in(addr, alen) : 0)))) {
        ret = -ENOMEM;
        goto out;
    }

    int hflags = (flags & (MAP_TYPE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE |
                           MAP_NONBLOCK | MAP_LOCKED | MAP_STACK | MAP_HUGETLB |
                           MAP_SYNC | (0x3f << MAP_HUGE_SHIFT))) | MAP_FIXED;
    /* The guest's prot may be wider than the host view (exec); compute the
     * host one from the flags the page will have. */
    int pflags = PAGE_VALID | prot | (anon ? PAGE_ANON : 0) | nodata;
    void *p = mmap(g2h(addr), alen, host_prot(pflags), hflags, anon ? -1 : fd,
                   offset);
    if (p == MAP_FAILED) {
        ret = -errno;
        goto out;
    }
    page_set_range(addr, addr + alen, pflags);
    ret = addr;
out:
    mmap_unlock();
    if (qemu_loglevel_mask(LOG_PAGE)) {
        mimic_log("mmap: 0x%" PRIx64 "+0x%" PRIx64 " prot %x flags %x fd %d -> 0x%" PRIx64 "\n",
                  addr, len, prot, flags, fd, (uint64_t)ret);
    }
    return ret;
}

int64_t target_munmap(uint64_t addr, uint64_t len)
{
    if ((addr & ~GUEST_PAGE_MASK) || len == 0) {
        return -EINVAL;
    }
    uint64_t alen = GUEST_PAGE_ALIGN(len);
    if (alen < len || addr + alen < addr || addr + alen > guest_space_size) {
        return -EINVAL;
    }
    mmap_lock();
    if (!reserve_range(addr, alen)) {
        mmap_unlock();
        return -ENOMEM;
    }
    page_set_range(addr, addr + alen, 0);
    if (addr + alen > mmap_next && addr < guest_mmap_base) {
        mmap_next = addr + alen < guest_mmap_base ? addr + alen : guest_mmap_base;
    }
    mmap_unlock();
    return 0;
}

int64_t target_mprotect(uint64_t addr, uint64_t len, int prot)
{
    if (addr & ~GUEST_PAGE_MASK) {
        return -EINVAL;
    }
    prot &= ~(TARGET_PROT_BTI | TARGET_PROT_MTE);
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)) {
        return -EINVAL;
    }
    uint64_t alen = GUEST_PAGE_ALIGN(len);
    if (alen < len || addr + alen < addr) {
        return -ENOMEM;
    }
    if (alen == 0) {
        return 0;
    }
    mmap_lock();
    int64_t ret = 0;
    if (!guest_range_ok(addr, alen, 0)) {
        ret = -ENOMEM;
        goto out;
    }
    /* Private pages made writable start counting for RLIMIT_DATA. */
    uint64_t grow = 0;
    for (uint64_t a = addr; a < addr + alen; a += GUEST_PAGE_SIZE) {
        int f = page_get_flags(a);
        grow += !is_data_page(f) && is_data_page((f & ~(PAGE_READ | PAGE_WRITE | PAGE_EXEC)) |
                                                 prot);
    }
    if (grow && !data_limit_allows(grow << GUEST_PAGE_BITS)) {
        ret = -ENOMEM;
        goto out;
    }
    /* The old flags, as runs, in case the host refuses: at
     * vm.max_map_count it cannot split a mapping, and then the guest gets
     * ENOMEM with its map as it was. */
    size_t nruns = 0, cap = 8;
    struct { uint64_t start; pflags_t flags; } *runs = malloc(cap * sizeof(*runs));
    for (uint64_t a = addr; a < addr + alen; a += GUEST_PAGE_SIZE) {
        pflags_t *e = page_entry(a, false);
        if (nruns == 0 || runs[nruns - 1].flags != *e) {
            if (nruns == cap) {
                cap *= 2;
                runs = realloc(runs, cap * sizeof(*runs));
            }
            runs[nruns].start = a;
            runs[nruns++].flags = *e;
        }
        if (*e & PAGE_TB) {
            tb_invalidate_range(a, a + GUEST_PAGE_SIZE);
        }
        page_store(e, (*e & ~(PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_TB |
                              PAGE_WPROT)) | prot);
    }
    if (mprotect(g2h(addr), alen, host_prot(prot)) != 0) {
        ret = -errno;
        /* Putting back what the host may have changed only merges
         * mappings again, so it cannot run out of them. */
        for (size_t i = 0; i < nruns; i++) {
            uint64_t end = i + 1 < nruns ? runs[i + 1].start : addr + alen;
            int f = runs[i].flags & ~(PAGE_TB | PAGE_WPROT);
            for (uint64_t a = runs[i].start; a < end; a += GUEST_PAGE_SIZE) {
                page_store(page_entry(a, false), f);
            }
            mprotect(g2h(runs[i].start), end - runs[i].start, host_prot(f));
        }
    }
    free(runs);
out:
    mmap_unlock();
    return ret;
}

#define TARGET_MREMAP_MAYMOVE 1
#define TARGET_MREMAP_FIXED 2
#define TARGET_MREMAP_DONTUNMAP 4

int64_t target_mremap(uint64_t old_addr, uint64_t old_len, uint64_t new_len,
                      int flags, uint64_t new_addr)
{
    if ((old_addr & ~GUEST_PAGE_MASK) ||
        (flags & ~(TARGET_MREMAP_MAYMOVE | TARGET_MREMAP_FIXED)) ||
        ((flags & TARGET_MREMAP_FIXED) && !(flags & TARGET_MREMAP_MAYMOVE))) {
        return -EINVAL;
    }
    old_len = GUEST_PAGE_ALIGN(old_len);
    uint64_t alen = GUEST_PAGE_ALIGN(new_len);
    if (alen == 0 || alen < new_len || alen > guest_space_size) {
        return -EINVAL;
    }
    if (old_len == 0) {
        /* Duplicating a shared mapping: rare, not supported. */
        return -EINVAL;
    }
    mmap_lock();
    int64_t ret;
    if (!guest_range_ok(old_addr, old_len, 0)) {
        ret = -EFAULT;
        goto out;
    }
    int pflags = page_get_flags(old_addr) & ~(PAGE_TB | PAGE_WPROT);

    if (!(flags & TARGET_MREMAP_FIXED)) {
        if (alen <= old_len) {
            if (alen < old_len) {
                if (!reserve_range(old_addr + alen, old_len - alen)) {
                    ret = -ENOMEM;
                    goto out;
                }
                page_set_range(old_addr + alen, old_addr + old_len, 0);
            }
            ret = old_addr;
            goto out;
        }
        if (!as_limit_allows(alen - old_len) ||
            (is_data_page(pflags) && !data_limit_allows(alen - old_len))) {
            ret = -ENOMEM;
            goto out;
        }
        if (guest_range_free(old_addr + old_len, alen - old_len)) {
            /* Grow in place: free the host reservation behind it first (if
             * the host cannot, at its map count limit, try a move). */
            if (munmap(g2h(old_addr + old_len), alen - old_len) == 0) {
                if (mremap(g2h(old_addr), old_len, alen, 0) != MAP_FAILED) {
                    page_set_range(old_addr + old_len, old_addr + alen, pflags);
                    ret = old_addr;
                    goto out;
                }
                refill_hole(old_addr + old_len, alen - old_len);
            }
        }
        if (!(flags & TARGET_MREMAP_MAYMOVE)) {
            ret = -ENOMEM;
            goto out;
        }
        new_addr = mmap_find_free(0, alen, GUEST_PAGE_SIZE);
        if (!new_addr) {
            ret = -ENOMEM;
            goto out;
        }
    } else {
        if ((new_addr & ~GUEST_PAGE_MASK) || new_addr + alen < new_addr ||
            new_addr + alen > guest_space_size ||
            (new_addr < old_addr + old_len && old_addr < new_addr + alen)) {
            ret = -EINVAL;
            goto out;
        }
    }
    /* Move: the host mremap replaces the reservation at the destination;
     * the source becomes a hole that is reserved again at once. */
    void *p = mremap(g2h(old_addr), old_len, alen,
                     MREMAP_MAYMOVE | MREMAP_FIXED, g2h(new_addr));
    if (p == MAP_FAILED) {
        ret = -errno;
        goto out;
    }
    refill_hole(old_addr, old_len);
    for (uint64_t off = 0; off < alen; off += GUEST_PAGE_SIZE) {
        int f = off < old_len ? page_get_flags(old_addr + off) & ~(PAGE_TB | PAGE_WPROT)
                              : pflags;
        page_set_range(new_addr + off, new_addr + off + GUEST_PAGE_SIZE, f);
    }
    page_set_range(old_addr, old_addr + old_len, 0);
    /* Pages were write-protected for code only while they had PAGE_TB. */
    mprotect(g2h(new_addr), alen < old_len ? alen : old_len, host_prot(pflags));
    ret = new_addr;
out:
    mmap_unlock();
    return ret;
}

int64_t target_madvise(uint64_t addr, uint64_t len, int advice)
{
    if (addr & ~GUEST_PAGE_MASK) {
        return -EINVAL;
    }
    uint64_t alen = GUEST_PAGE_ALIGN(len);
    if (alen < len) {
        return -EINVAL;
    }
    if (alen == 0) {
        return 0;
    }
    switch (advice) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
    case MADV_DONTNEED: case MADV_FREE: case MADV_REMOVE: case MADV_DONTFORK:
    case MADV_DOFORK: case MADV_MERGEABLE: case MADV_UNMERGEABLE:
    case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
    case MADV_WIPEONFORK: case MADV_KEEPONFORK: case 20 /* COLD */:
    case 21 /* PAGEOUT */: case 22 /* POPULATE_READ */: case 23 /* POPULATE_WRITE */:
        break;
    default:
        return -EINVAL;
    }
    mmap_lock();
    int64_t ret = 0;
    if (!guest_range_ok(addr, alen, 0)) {
        ret = -ENOMEM;
        goto out;
    }
    if (advice == MADV_DONTFORK || advice == MADV_DOFORK) {
        for (uint64_t a = addr; a < addr + alen; a += GUEST_PAGE_SIZE) {
            pflags_t *e = page_entry(a, false);
            page_store(e, advice == MADV_DONTFORK ? *e | PAGE_DONTFORK : *e & ~PAGE_DONTFORK);
        }
        goto out;
    }
    if (advice == MADV_DONTNEED || advice == MADV_FREE || advice == MADV_REMOVE) {
        /* The contents change (zero, or the file's again): no block made
         * from the old bytes may survive. */
        for (uint64_t a = addr; a < addr + alen; a += GUEST_PAGE_SIZE) {
            if (page_get_flags(a) & PAGE_TB) {
                tb_invalidate_range(a, a + GUEST_PAGE_SIZE);
            }
        }
    }
    if (madvise(g2h(addr), alen, advice) != 0) {
        ret = -errno;
    }
out:
    mmap_unlock();
    return ret;
}

/* ---- brk ---- */

static uint64_t brk_start, brk_cur, brk_mapped;

void target_brk_init(uint64_t start)
{
    brk_start = brk_cur = start;
    brk_mapped = GUEST_PAGE_ALIGN(start);
}

uint64_t target_brk(uint64_t addr)
{
    mmap_lock();
    if (addr == 0 || addr < brk_start) {
        goto out;
    }
    uint64_t want = GUEST_PAGE_ALIGN(addr);
    if (want < addr || want > guest_space_size) {
        goto out;
    }
    if (want > brk_mapped) {
        if (!guest_range_free(brk_mapped, want - brk_mapped) ||
            !as_limit_allows(want - brk_mapped) ||
            !data_limit_allows(want - brk_mapped) ||
            (guest_rlimit(RLIMIT_DATA) != RLIM_INFINITY &&
             want - brk_start > guest_rlimit(RLIMIT_DATA))) {
            goto out;
        }
        void *p = mmap(g2h(brk_mapped), want - brk_mapped, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED) {
            goto out;
        }
        page_set_range(brk_mapped, want, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
    } else if (want < brk_mapped) {
        if (!reserve_range(want, brk_mapped - want)) {
            goto out;
        }
        page_set_range(want, brk_mapped, 0);
    }
    brk_mapped = want;
    brk_cur = addr;
out:
    mmap_unlock();
    return brk_cur;
}

uint64_t guest_mapped_bytes(void)
{
    return __atomic_load_n(&valid_pages, __ATOMIC_RELAXED) << GUEST_PAGE_BITS;
}

/* ---- /proc/self/maps ---- */

static uint64_t stack_lo, stack_hi, vdso_lo, vdso_hi;

void guest_maps_set_stack(uint64_t start, uint64_t end)
{
    stack_lo = start;
    stack_hi = end;
}

void guest_maps_set_vdso(uint64_t start, uint64_t end)
{
    vdso_lo = start;
    vdso_hi = end;
}

static const char *special_name(uint64_t a)
{
    if (a >= stack_lo && a < stack_hi) {
        return "[stack]";
    }
    if (a >= vdso_lo && a < vdso_hi) {
        return "[vdso]";
    }
    if (a >= brk_start && a < brk_mapped && brk_mapped > GUEST_PAGE_ALIGN(brk_start)) {
        return "[heap]";
    }
    return NULL;
}

static void maps_line(FILE *f, uint64_t s, uint64_t e, int flags, char share,
                      uint64_t off, const char *dev, uint64_t ino, const char *name)
{
    int n = fprintf(f, "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64 " %s %" PRIu64 " ",
                    s, e, flags & PAGE_READ ? 'r' : '-', flags & PAGE_WRITE ? 'w' : '-',
                    flags & PAGE_EXEC ? 'x' : '-', share, off, dev, ino);
    if (name && *name) {
        fprintf(f, "%*s%s", n < 73 ? 73 - n : 0, "", name);
    }
    fputc('\n', f);
}

/* The host's own maps of the reservation carry what the kernel knows
 * (file, offset, device, inode, shared or private); our page table splits
 * them by guest protection and drops what the guest does not have. */
void guest_maps_dump(FILE *f)
{
    FILE *host = fopen("/proc/self/maps", "r");
    if (!host) {
        return;
    }
    char line[4096 + 128];
    uint64_t gend = guest_base + guest_space_size;
    while (fgets(line, sizeof(line), host)) {
        unsigned long hs, he, off, ino;
        char perms[8], dev[16];
        int name_at = 0;
        if (sscanf(line, "%lx-%lx %7s %lx %15s %lu %n", &hs, &he, perms, &off, dev,
                   &ino, &name_at) < 6) {
            continue;
        }
        if (he <= guest_base || hs >= gend) {
            continue;
        }
        if (hs < guest_base) {
            hs = guest_base;
        }
        if (he > gend) {
            he = gend;
        }
        char *name = line + name_at;
        name[strcspn(name, "\n")] = 0;
        uint64_t s = h2g((void *)hs), e = h2g((void *)he);
        uint64_t run = s;
        int run_flags = page_get_flags(s) & (PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC);
        const char *run_name = special_name(s);
        for (uint64_t a = s; a <= e; a += GUEST_PAGE_SIZE) {
            int fl = a < e ? page_get_flags(a) & (PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC) : -1;
            const char *sn = a < e ? special_name(a) : NULL;
            if (a == e || fl != run_flags || sn != run_name) {
                if (run_flags > 0 && (run_flags & PAGE_VALID)) {
                    maps_line(f, run, a, run_flags, perms[3], ino ? off + (run - s) : 0,
                              dev, ino, run_name ? run_name : name);
                }
                run = a;
                run_flags = fl;
                run_name = sn;
            }
            if (a == e) {
                break;
            }
            if (!page_entry(a, false)) {
                /* Skip an unallocated (all-invalid) second level. */
                uint64_t next = (a | ((uint64_t)L2_SIZE * GUEST_PAGE_SIZE - 1)) + 1;
                if (next < e && run_flags == 0) {
                    a = next - GUEST_PAGE_SIZE;
                    run = next;
                }
            }
        }
    }
    fclose(host);
}
