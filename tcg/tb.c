/*
 * The translation cache: one code buffer holding block descriptors and
 * their code side by side, a global hash from (pc, flags, cflags) to
 * blocks that readers walk without a lock, per-page block lists for
 * invalidation, chaining bookkeeping, and the whole-cache flush.
 *
 * All changes happen under tb_lock; lookups take no lock, nor does
 * translating (decoding, the IR, and the backend's code where it can make
 * it away from the cache: gen_detached), only placing the code.  Removed
 * blocks stay in memory (their hash_next still leads on) until they are
 * evicted, which only happens while no thread executes translated code.
 *
 * The buffer is a ring: blocks are appended at code_ptr, and when it is
 * full the oldest blocks are evicted, a slice of the buffer at a time,
 * rather than all of them: a program whose code outgrows the cache (a
 * compiler) keeps its recent blocks, and each block lives for a whole lap
 * of the ring instead of half of one on average.
 */
#include <assert.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "log.h"
#include "tb.h"
#include "tcg.h"
#include "disas.h"
#include "pcache.h"

const TCGBackend *tcg_backend;
TBStats tb_stats;
bool tcg_one_insn_per_tb;
bool tcg_no_optimize;
void (*tb_page_first_code_hook)(uint64_t page);
uint64_t (*tb_code_page_hook)(CPUState *cpu, uint64_t vaddr);
uint64_t (*tb_data_paddr_hook)(CPUState *cpu, uint64_t vaddr);

/* The page blocks at vaddr are keyed and tracked by (tb_code_page_hook). */
static uint64_t code_page(CPUState *cpu, uint64_t vaddr)
{
    return tb_code_page_hook ? tb_code_page_hook(cpu, vaddr) : vaddr & TB_PAGE_MASK;
}
int (*tb_own_fd_hook)(int fd);

static int own_memfd(void)
{
    int fd = memfd_create("mimic-code", MFD_CLOEXEC);
    return fd >= 0 && tb_own_fd_hook ? tb_own_fd_hook(fd) : fd;
}

/* Adaptive: it is held for short stretches (placing code, linking an
 * exit), where spinning a little beats sleeping in the kernel, which cost
 * vCPUs of a booting SMP guest 13% of their time in futex calls. */
static pthread_mutex_t tb_lock = PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP;

static uint8_t *code_buf, *code_ptr, *code_end;
static size_t code_size;
/* The live code: from code_tail (the oldest block's) up to code_ptr, or,
 * once code_ptr has wrapped around, from code_tail up to code_lap_end and
 * then from code_buf up to code_ptr. */
static uint8_t *code_tail, *code_lap_end;
static bool code_wrapped;
static int code_fd = -1;            /* native backends: the memfd */
/* Block descriptors live apart from their code, in an arena: the buffer
 * holds code only (denser for the i-cache, and all of it for code: a
 * descriptor is as big as a small block's code), and lookups never touch
 * the code's pages.  The arena is a ring too, in the code's order: the live descriptors are in the slots
 * from arena_tail up to arena_head.  One slot always stays empty, so that
 * head == tail means empty.  Sized for blocks of ARENA_CODE_PER_BLOCK
 * bytes: smaller blocks make room by the descriptors, not by the code,
 * and the arena a run touches stays a fraction of the code's size. */
#define ARENA_CODE_PER_BLOCK 128
static TranslationBlock *tb_arena;
static size_t arena_n, arena_head, arena_tail;

static inline size_t arena_next(size_t slot)
{
    return slot + 1 == arena_n ? 0 : slot + 1;
}

static inline size_t arena_live(void)
{
    return arena_head >= arena_tail ? arena_head - arena_tail
                                    : arena_head + arena_n - arena_tail;
}

/* The writable view of native code is written at code_ptr, and patched
 * (chaining, unlinking) in the blocks that run, wherever they are.  Ahead
 * of code_ptr, it is mapped in batches (MADV_POPULATE_WRITE, Linux 5.14)
 * up to rw_populated: a translation-heavy run refills the cache after
 * every flush, and a fault per 4 KiB page was 5% of it.  Behind, it stays
 * mapped, although the executable view maps the same pages: unmapping it
 * (MADV_DONTNEED) made every later patch of the page a fault, 15,000 a
 * gcc -O2 run (8% of its time), to save 4 MB of its peak RSS. */
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
static uint8_t *rw_populated;
static bool rw_populate_works = true;

static void rw_view_update(void)
{
    const size_t step = 256 << 10;
    if (code_fd < 0) {
        return;
    }
    if (rw_populate_works && code_ptr + step / 2 > rw_populated) {
        uint8_t *from = rw_populated > code_ptr ? rw_populated
                        : (uint8_t *)((uintptr_t)code_ptr & ~(uintptr_t)4095);
        uint8_t *to = from + step < code_end ? from + step : code_end;
        if (to > from && madvise(from, to - from, MADV_POPULATE_WRITE) != 0) {
            rw_populate_works = false;      /* an older kernel: fault page by page */
        }
        rw_populated = to;
    }
}

ptrdiff_t tb_code_rx_offset;

/* The arena's pages are mapped in batches too, on its first lap: a
 * fault per page of descriptors was 7,800 faults of a gcc -O2 run. */
static size_t arena_populated;

static void arena_populate(size_t slot)
{
    if (slot < arena_populated) {
        return;
    }
    size_t to = slot + (256 << 10) / sizeof(TranslationBlock);
    to = to < arena_n ? to : arena_n;
    uintptr_t from_page = (uintptr_t)&tb_arena[slot] & ~(uintptr_t)4095;
    uintptr_t to_page = ((uintptr_t)&tb_arena[to] + 4095) & ~(uintptr_t)4095;
    if (madvise((void *)from_page, to_page - from_page, MADV_POPULATE_WRITE) != 0) {
        to = arena_n;               /* an older kernel: fault page by page */
    }
    arena_populated = to;
}

/* tb_of_host_pc's index: for each 256-byte chunk of the code buffer, 1 +
 * the arena index of the first block whose code reaches into it (0:
 * none).  Blocks are appended in code order, so a chunk is set once per
 * fill, by the first block that reaches it, and a lookup scans a block
 * or two from there (it was a binary search of the arena, a cache miss a
 * step, at every unlinked exit). */
#define CHUNK_BITS 8
static uint32_t *chunk_first;

static void chunk_index_add(TranslationBlock *tb, const uint8_t *code, size_t n)
{
    uint32_t idx = tb - tb_arena + 1;
    for (size_t c = (code - code_buf) >> CHUNK_BITS; c <= (code + n - 1 - code_buf) >> CHUNK_BITS;
         c++) {
        if (!chunk_first[c]) {
            __atomic_store_n(&chunk_first[c], idx, __ATOMIC_RELAXED);
        }
    }
}

/* A block leaves, oldest first: the chunks it opened now open at the next
 * block if that one reaches into them. */
static void chunk_index_remove(TranslationBlock *tb)
{
    const uint8_t *code = (uint8_t *)tb->tc_ptr - tb_code_rx_offset;
    size_t next_slot = arena_next(tb - tb_arena);
    TranslationBlock *next = next_slot != arena_head ? &tb_arena[next_slot] : NULL;
    const uint8_t *next_code = next ? (uint8_t *)next->tc_ptr - tb_code_rx_offset : NULL;
    uint32_t idx = tb - tb_arena + 1;
    for (size_t c = (code - code_buf) >> CHUNK_BITS;
         c <= (code + tb->tc_size - 1 - code_buf) >> CHUNK_BITS; c++) {
        if (chunk_first[c] == idx) {
            bool next_here = next && next_code > code &&
                             (size_t)(next_code - code_buf) >> CHUNK_BITS == c;
            chunk_first[c] = next_here ? next - tb_arena + 1 : 0;
        }
    }
}

/* Where new code may reach: the end of the buffer, or after a wrap the
 * chunk of the oldest code, so that no chunk holds blocks of two laps
 * (tb_of_host_pc scans a chunk's blocks in arena order). */
static uint8_t *code_limit(void)
{
    return code_wrapped ? (uint8_t *)((uintptr_t)code_tail & ~(uintptr_t)((1 << CHUNK_BITS) - 1))
                        : code_end;
}

/* About one bucket per 64 bytes of code: chains stay a block or two
 * long when the cache is full. */
static TranslationBlock **tb_hash;
static unsigned hash_bits;
static GHashTable *page_blocks;     /* guest page number -> first block */
static volatile unsigned flush_generation;

/* The executable view of a native backend's buffer: within +-2 GiB of
 * mimic's code, so that generated code reaches helpers with rel32 calls.
 * Tries hints below and above the text, keeps the first that lands. */
static uint8_t *map_exec_view(int fd, size_t size)
{
    uintptr_t text = (uintptr_t)tb_cache_init;
    const uintptr_t step = 64ull << 20;
    for (int i = 1; i < 24; i++) {
        uintptr_t hints[2] = { (text & ~(step - 1)) - i * step - size,
                               (text & ~(step - 1)) + i * step + (256ull << 20) };
        for (int h = 0; h < 2; h++) {
            void *p = mmap((void *)hints[h], size, PROT_READ | PROT_EXEC,
                           MAP_SHARED | MAP_FIXED_NOREPLACE, fd, 0);
            if (p == MAP_FAILED) {
                continue;
            }
            intptr_t lo = (intptr_t)p - (intptr_t)text;
            intptr_t hi = (intptr_t)p + (intptr_t)size - (intptr_t)text;
            if (lo > -(1ll << 31) + (64 << 20) && hi < (1ll << 31) - (64 << 20)) {
                return p;
            }
            munmap(p, size);
        }
    }
    return NULL;
}

/* fork(): the child must not share its code buffer with the parent (both
 * would translate into it, and the parent's chaining would patch the
 * child's code).  The copy is taken before the fork, under tb_lock, so no
 * block or jump of the parent's can slip in between; the child maps it in
 * place of the shared views. */
static int fork_fd = -1;

static void code_fork_prepare(void)
{
    if (code_fd < 0) {
        return;
    }
    fork_fd = own_memfd();
    /* The live code, at the same offsets: one run, or two after a wrap. */
    uint8_t *from[2] = { code_wrapped ? code_buf : code_tail, code_tail };
    uint8_t *to[2] = { code_ptr, code_wrapped ? code_lap_end : code_tail };
    bool ok = fork_fd >= 0 && ftruncate(fork_fd, code_size) == 0;
    for (int r = 0; r < 2 && ok; r++) {
        ssize_t n = to[r] - from[r];
        ok = pwrite(fork_fd, from[r], n, from[r] - code_buf) == n;
    }
    if (fork_fd >= 0 && !ok) {
        close(fork_fd);
        fork_fd = -1;
    }
}

static void code_fork_parent(void)
{
    if (fork_fd >= 0) {
        close(fork_fd);
        fork_fd = -1;
    }
}

static void code_fork_child(void)
{
    if (code_fd < 0) {
        return;
    }
    if (fork_fd < 0 ||
        mmap(code_buf, code_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
             fork_fd, 0) == MAP_FAILED ||
        mmap(code_buf + tb_code_rx_offset, code_size, PROT_READ | PROT_EXEC,
             MAP_SHARED | MAP_FIXED, fork_fd, 0) == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot copy the translation cache after fork\n");
        abort();
    }
    close(code_fd);
    code_fd = fork_fd;
    fork_fd = -1;
}

/* fork() in a multi-threaded guest: the child must not inherit the lock
 * held by a thread that does not exist there. */
static void tb_fork_prepare(void)
{
    pthread_mutex_lock(&tb_lock);
    code_fork_prepare();
}
static void tb_fork_parent(void)
{
    code_fork_parent();
    pthread_mutex_unlock(&tb_lock);
}
static void tb_fork_child(void)
{
    pthread_mutex_t fresh = PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP;
    tb_lock = fresh;
    code_fork_child();
}

bool tb_cache_init(size_t size, const TCGBackend *backend)
{
    if (backend->usable && !backend->usable()) {
        return false;
    }
    if (backend->native) {
        /* W^X: one memfd, a writable view and an executable view. */
        int fd = own_memfd();
        uint8_t *rx = NULL;
        if (fd >= 0 && ftruncate(fd, size) == 0) {
            rx = map_exec_view(fd, size);
        }
        uint8_t *rw = rx ? mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                         : MAP_FAILED;
        if (rw == MAP_FAILED) {
            if (rx) {
                munmap(rx, size);
            }
            if (fd >= 0) {
                close(fd);
            }
            return false;
        }
        code_fd = fd;
        code_buf = rw;
        tb_code_rx_offset = rx - rw;
    } else {
        code_buf = mmap(NULL, size, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (code_buf == MAP_FAILED) {
            fprintf(stderr, "mimic: cannot allocate a %zu-byte translation cache\n",
                    size);
            exit(1);
        }
    }
    size_t ntbs = size / ARENA_CODE_PER_BLOCK + 2;
    tb_arena = mmap(NULL, ntbs * sizeof(TranslationBlock), PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (tb_arena == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot allocate the block descriptors of a %zu-byte "
                "translation cache\n", size);
        exit(1);
    }
    arena_n = ntbs;
    for (hash_bits = 12; (size >> 6) > (1ull << hash_bits); hash_bits++) {
    }
    tb_hash = g_new0(TranslationBlock *, 1ull << hash_bits);
    chunk_first = mmap(NULL, ((size >> CHUNK_BITS) + 1) * sizeof(*chunk_first),
                       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                       -1, 0);
    if (chunk_first == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot allocate the code index of a %zu-byte "
                "translation cache\n", size);
        exit(1);
    }
    rw_populated = code_buf;
    pthread_atfork(tb_fork_prepare, tb_fork_parent, tb_fork_child);
    tcg_backend = backend;
    code_size = size;
    code_ptr = code_tail = code_buf;
    code_end = code_buf + size;
    page_blocks = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    return true;
}

bool tb_pc_in_code(uintptr_t pc)
{
    uintptr_t rx = (uintptr_t)code_buf + tb_code_rx_offset;
    return code_buf && pc >= rx && pc < rx + code_size;
}

TranslationBlock *tb_of_host_pc(uintptr_t pc)
{
    size_t head = __atomic_load_n(&arena_head, __ATOMIC_ACQUIRE);
    uintptr_t rx = (uintptr_t)code_buf + tb_code_rx_offset;
    if (!code_buf || pc < rx || pc >= rx + code_size) {
        return NULL;
    }
    uint32_t first = __atomic_load_n(&chunk_first[(pc - rx) >> CHUNK_BITS],
                                     __ATOMIC_RELAXED);
    if (!first) {
        return NULL;
    }
    /* The chunk's blocks follow its first one in the arena, in code order
     * (one lap: code_limit). */
    size_t slot = first - 1;
    for (uintptr_t prev = 0; slot != head; slot = arena_next(slot)) {
        TranslationBlock *tb = &tb_arena[slot];
        if (pc < (uintptr_t)tb->tc_ptr || (uintptr_t)tb->tc_ptr < prev) {
            break;          /* in the padding before it, or the next lap */
        }
        if (pc < (uintptr_t)tb->tc_ptr + tb->tc_size) {
            return tb;
        }
        prev = (uintptr_t)tb->tc_ptr;
    }
    return NULL;
}

static inline unsigned tb_hash_func(uint64_t pc, uint32_t flags, uint32_t cflags)
{
    uint64_t h = pc ^ ((uint64_t)flags << 32) ^ cflags;
    h *= 0x9E3779B97F4A7C15ull;
    return (unsigned)(h >> (64 - hash_bits));
}

int tb_key_pc_offset = -1;

static inline bool tb_matches(TranslationBlock *tb, uint64_t pc,
                              uint32_t flags, uint32_t cflags)
{
    return tb->pc == pc && tb->flags == flags && tb->cflags == cflags;
}

static __thread unsigned seen_generation;

void jmp_cache_clear(JmpCache *c)
{
    /* (User mode remembers no slots: all go.) */
    if (tb_code_page_hook && c->used_n <= TB_JMP_USED_MAX) {
        for (unsigned i = 0; i < c->used_n; i++) {
            c->slot[c->used[i]] = NULL;
        }
    } else {
        memset(c->slot, 0, sizeof(c->slot));
    }
    c->used_n = 0;
}

void tb_jmp_cache_clear(CPUState *cpu)
{
    jmp_cache_clear(cpu->jc[0]);
    if (cpu->jc[1] != cpu->jc[0]) {
        jmp_cache_clear(cpu->jc[1]);
    }
    jmp_banks_drop(cpu);
}

/* The pcs of one TB_PAGE_SIZE page share their slot's top bits (those
 * above the page offset's, tb_jmp_cache_idx): its slots are one run. */
#define PAGE_RUN_SHIFT (TB_PAGE_BITS - 2)
_Static_assert(PAGE_RUN_SHIFT < TB_JMP_CACHE_BITS, "a page's pcs fill a run of slots");

/* The slots of the blocks meeting the page go; the remembered list keeps
 * them (a slot listed and empty is harmless).  Such a block starts on the
 * page or the one before: only the slots of those two runs are looked
 * at, which for an aligned page spares reading most blocks. */
static void jmp_cache_clear_page(JmpCache *c, uint64_t page, uint64_t page_size)
{
    if (c->used_n > TB_JMP_USED_MAX) {
        jmp_cache_clear(c);
        return;
    }
    bool runs = page_size == TB_PAGE_SIZE && !(page & ~TB_PAGE_MASK);
    unsigned run0 = tb_jmp_cache_idx(page) >> PAGE_RUN_SHIFT;
    unsigned run1 = tb_jmp_cache_idx(page - TB_PAGE_SIZE) >> PAGE_RUN_SHIFT;
    for (unsigned i = 0; i < c->used_n; i++) {
        unsigned j = c->used[i];
        if (runs && j >> PAGE_RUN_SHIFT != run0 && j >> PAGE_RUN_SHIFT != run1) {
            continue;
        }
        TranslationBlock *tb = c->slot[j];
        if (tb && tb_meets(tb, page, page_size)) {
            c->slot[j] = NULL;
        }
    }
}

void tb_jmp_cache_clear_page(CPUState *cpu, uint64_t page, uint64_t page_size)
{
    if (!tb_code_page_hook) {
        tb_jmp_cache_clear(cpu);
        return;
    }
    /* A block meeting the page starts in its half, or (the lower half's
     * last page) just below it. */
    jmp_cache_clear_page(tb_jmp_cache_of(cpu, page), page, page_size);
    if (tb_jmp_cache_of(cpu, page - 1) != tb_jmp_cache_of(cpu, page)) {
        jmp_cache_clear_page(tb_jmp_cache_of(cpu, page - 1), page, page_size);
    }
    jmp_banks_note_page(cpu, page, page_size);
}

TranslationBlock *tb_lookup(CPUState *cpu, uint64_t pc, uint32_t flags,
                            uint32_t cflags)
{
    unsigned gen = __atomic_load_n(&flush_generation, __ATOMIC_ACQUIRE);
    if (gen != seen_generation) {
        tb_jmp_cache_clear(cpu);
        seen_generation = gen;
    }
    TranslationBlock *tb = tb_jmp_cache_of(cpu, pc)->slot[tb_jmp_cache_idx(pc)];
    /* An invalidated block keeps its key but has CF_INVALID in cflags, so
     * the comparison rejects it without any cross-CPU clearing. */
    if (tb && tb_matches(tb, pc, flags, cflags)) {
        return tb;
    }
    tb = __atomic_load_n(&tb_hash[tb_hash_func(pc, flags, cflags)],
                         __ATOMIC_ACQUIRE);
    /* Where blocks are keyed by physical page (system mode), a block is
     * the pc's only if its pages are where the pc's page and the next
     * one now are. */
    uint64_t page0 = 0;
    bool paged = tb_code_page_hook != NULL;
    if (paged) {
        page0 = code_page(cpu, pc);
    }
    for (; tb; tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb_matches(tb, pc, flags, cflags) &&
            (!paged || (tb->page_addr[0] == page0 &&
                        (tb->page_addr[1] == (uint64_t)-1 ||
                         tb->page_addr[1] == code_page(cpu, (pc & TB_PAGE_MASK) +
                                                                TB_PAGE_SIZE))))) {
            tb_jmp_cache_set(cpu, pc, tb);
            return tb;
        }
    }
    return NULL;
}

void (*tb_flush_hook)(void);
void (*tb_exit_hook)(void);

size_t tb_code_size(void)
{
    return code_size;
}

/* ---- translating outside tb_lock ----
 *
 * Two vCPUs booting a system translate all the time, and one lock held
 * for a whole translation had them queueing for it (futex waits were 9%
 * of a Debian boot).  So the front end (decoding, the IR, optimising it)
 * runs outside the lock, into a stand-in block on the stack, and only
 * the backend's code and publishing take the lock.  What the lock gave
 * the front end, that no invalidation of its code comes between reading
 * the guest bytes and publishing the block, code_generation gives back:
 * every invalidation and flush counts one and notes its range, and a
 * block whose pages a change met since its bytes were read is translated
 * again under the lock. */

#define CODE_CHANGES 64     /* how many changes back a block can be checked */
static uint32_t code_generation;
static struct CodeChange {
    uint64_t start, end;
} code_changes[CODE_CHANGES];

/* Under tb_lock: the guest code in [start, end) may have changed. */
static void note_code_change(uint64_t start, uint64_t end)
{
    uint32_t g = code_generation + 1;
    code_changes[g % CODE_CHANGES] = (struct CodeChange){ start, end };
    __atomic_store_n(&code_generation, g, __ATOMIC_RELEASE);
}

/* Under tb_lock: whether a change since generation gen met tb's pages
 * (or too many came to tell). */
static bool code_changed_since(uint32_t gen, const TranslationBlock *tb)
{
    uint32_t now = code_generation;
    if (now - gen >= CODE_CHANGES) {
        return true;
    }
    for (uint32_t g = gen + 1; g != now + 1; g++) {
        const struct CodeChange *c = &code_changes[g % CODE_CHANGES];
        for (int p = 0; p < 2; p++) {
            uint64_t page = tb->page_addr[p];
            if (page != (uint64_t)-1 && page < c->end && page + TB_PAGE_SIZE > c->start) {
                return true;
            }
        }
    }
    return false;
}

/* ---- flush ---- */

static void tb_flush_locked(void)
{
    memset(chunk_first, 0, ((code_size >> CHUNK_BITS) + 1) * sizeof(*chunk_first));
    memset(tb_hash, 0, sizeof(*tb_hash) << hash_bits);
    g_hash_table_remove_all(page_blocks);
    code_ptr = code_tail = code_buf;
    code_wrapped = false;
    arena_tail = arena_head;
    rw_populated = code_buf;
    if (tb_flush_hook) {
        tb_flush_hook();
    }
    tb_stats.flushes++;
    __atomic_add_fetch(&flush_generation, 1, __ATOMIC_RELEASE);
    note_code_change(0, UINT64_MAX);
    if (qemu_loglevel_mask(LOG_EXEC)) {
        mimic_log("tb_flush: translation cache flushed\n");
    }
}

void tb_flush(void)
{
    pthread_mutex_lock(&tb_lock);
    tb_flush_locked();
    pthread_mutex_unlock(&tb_lock);
}

/* ---- chaining ---- */

static void jmp_list_remove(TranslationBlock *dest, TranslationBlock *src, int n)
{
    uintptr_t want = (uintptr_t)src | n;
    uintptr_t *link = &dest->jmp_list_head;
    while (*link) {
        TranslationBlock *t = (TranslationBlock *)(*link & ~(uintptr_t)TB_EXIT_MASK);
        int k = *link & TB_EXIT_MASK;
        if (*link == want) {
            *link = t->jmp_list_next[k];
            return;
        }
        link = &t->jmp_list_next[k];
    }
}

void tb_add_jump(TranslationBlock *tb, int n, TranslationBlock *dest)
{
    if (qemu_loglevel_mask(LOG_NOCHAIN)) {
        return;
    }
    pthread_mutex_lock(&tb_lock);
    if (!(tb->cflags & CF_INVALID) && !(dest->cflags & CF_INVALID) &&
        tb->jmp_dest[n] == NULL) {
        tb->jmp_list_next[n] = dest->jmp_list_head;
        dest->jmp_list_head = (uintptr_t)tb | n;
        tcg_backend->set_jmp(tb, n, dest);
        __atomic_store_n(&tb->jmp_dest[n], dest, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&tb_lock);
}

/* ---- invalidation ---- */

/* Both lists are doubly linked (a block points at the link that points
 * at it), since eviction takes the oldest blocks, which are at their
 * lists' ends. */
static void hash_remove(TranslationBlock *tb)
{
    /* Readers still on tb follow its hash_next, which stays. */
    __atomic_store_n(tb->hash_prev, tb->hash_next, __ATOMIC_RELEASE);
    if (tb->hash_next) {
        tb->hash_next->hash_prev = tb->hash_prev;
    }
}

static void hash_add(TranslationBlock *tb)
{
    TranslationBlock **bucket = &tb_hash[tb_hash_func(tb->pc, tb->flags, tb->cflags)];
    tb->hash_next = *bucket;
    tb->hash_prev = bucket;
    if (*bucket) {
        (*bucket)->hash_prev = &tb->hash_next;
    }
    __atomic_store_n(bucket, tb, __ATOMIC_RELEASE);
}

static int page_slot(TranslationBlock *tb, uint64_t page)
{
    return tb->page_addr[0] == page ? 0 : 1;
}

/* Whether tb is on the list of its page p: a block has a page (one whose
 * first fetch faulted has none), and is on a page's list once, even where
 * its two virtual pages map the same physical page. */
static bool page_listed(const TranslationBlock *tb, int p)
{
    return tb->page_addr[p] != (uint64_t)-1 && (p == 0 || tb->page_addr[1] != tb->page_addr[0]);
}

/* Whether tb's bytes on page (one of its pages) meet [start, end).  By
 * offsets in the page: in system mode its pages are physical and its pc
 * virtual.  (A region, user mode only, spans region_lo..region_hi.) */
static bool tb_overlaps(const TranslationBlock *tb, uint64_t page, uint64_t start,
                        uint64_t end)
{
    if (tb->region_blocks) {
        return tb->region_lo < end && tb->region_hi > start;
    }
    uint64_t first = tb->pc & ~TB_PAGE_MASK, last = first + tb->size;
    uint64_t part[2][2] = {
        { first, last < TB_PAGE_SIZE ? last : TB_PAGE_SIZE },  /* on page_addr[0] */
        { 0, last > TB_PAGE_SIZE ? last - TB_PAGE_SIZE : 0 },   /* on page_addr[1] */
    };
    for (int p = 0; p < 2; p++) {
        if (tb->page_addr[p] == page && page + part[p][0] < end &&
            page + part[p][1] > start) {
            return true;
        }
    }
    return false;
}

/* page_blocks maps a guest page to a cell holding its first block; a page
 * without blocks has no entry. */
static void page_list_remove(TranslationBlock *tb, int p)
{
    uint64_t page = tb->page_addr[p];
    TranslationBlock *next = tb->page_next[p];
    *tb->page_prev[p] = next;
    if (next) {
        next->page_prev[page_slot(next, page)] = tb->page_prev[p];
    } else {
        gpointer key = GSIZE_TO_POINTER(page >> TB_PAGE_BITS);
        TranslationBlock **cell = g_hash_table_lookup(page_blocks, key);
        if (!*cell) {
            g_hash_table_remove(page_blocks, key);
        }
    }
}

static void page_list_add(TranslationBlock *tb, int p)
{
    uint64_t page = tb->page_addr[p];
    gpointer key = GSIZE_TO_POINTER(page >> TB_PAGE_BITS);
    TranslationBlock **cell = g_hash_table_lookup(page_blocks, key);
    if (!cell) {
        cell = g_new0(TranslationBlock *, 1);
        g_hash_table_insert(page_blocks, key, cell);
        if (tb_page_first_code_hook) {
            tb_page_first_code_hook(page);
        }
    }
    tb->page_next[p] = *cell;
    tb->page_prev[p] = cell;
    if (*cell) {
        (*cell)->page_prev[page_slot(*cell, page)] = &tb->page_next[p];
    }
    *cell = tb;
}

/* Whether tb's slot is among those from `from` up to `to` (ring order). */
static bool slot_between(const TranslationBlock *tb, size_t from, size_t to)
{
    size_t s = tb - tb_arena;
    return from <= to ? s >= from && s < to : s >= from || s < to;
}

/* tb leaves the hash, the chains and its pages: it is never entered
 * again (it may still be running).  The blocks in the slots from
 * doomed_from up to doomed_to (none if equal) are being evicted with it:
 * their code is not worth patching (a write to it may fault the page
 * back into the writable view). */
static void tb_remove(TranslationBlock *tb, size_t doomed_from, size_t doomed_to)
{
    bool doomed = slot_between(tb, doomed_from, doomed_to);
    hash_remove(tb);
    __atomic_store_n(&tb->cflags, tb->cflags | CF_INVALID, __ATOMIC_RELEASE);

    /* Blocks that jump here go back to their unlinked exits. */
    uintptr_t link = tb->jmp_list_head;
    while (link) {
        TranslationBlock *src = (TranslationBlock *)(link & ~(uintptr_t)TB_EXIT_MASK);
        int n = link & TB_EXIT_MASK;
        link = src->jmp_list_next[n];
        if (!slot_between(src, doomed_from, doomed_to)) {
            tcg_backend->set_jmp(src, n, NULL);
        }
        __atomic_store_n(&src->jmp_dest[n], NULL, __ATOMIC_RELEASE);
    }
    tb->jmp_list_head = 0;
    /* And tb leaves the incoming lists of its successors. */
    for (int n = 0; n < TB_NB_EXITS; n++) {
        if (tb->jmp_dest[n]) {
            jmp_list_remove(tb->jmp_dest[n], tb, n);
            if (!doomed) {
                tcg_backend->set_jmp(tb, n, NULL);
            }
            tb->jmp_dest[n] = NULL;
        }
    }
    for (int p = 0; p < 2; p++) {
        if (page_listed(tb, p)) {
            page_list_remove(tb, p);
        }
    }
}

bool tb_invalidate_range(uint64_t start, uint64_t end)
{
    bool any = false;
    pthread_mutex_lock(&tb_lock);
    note_code_change(start, end);
    for (uint64_t page = start & TB_PAGE_MASK; page < end; page += TB_PAGE_SIZE) {
        TranslationBlock **cell =
            g_hash_table_lookup(page_blocks, GSIZE_TO_POINTER(page >> TB_PAGE_BITS));
        TranslationBlock *tb = cell ? *cell : NULL;
        while (tb) {
            TranslationBlock *next = tb->page_next[page_slot(tb, page)];
            if (tb_overlaps(tb, page, start, end)) {
                tb_remove(tb, 0, 0);
                tb_stats.invalidated_blocks++;
                any = true;
            }
            tb = next;
        }
        if (page + TB_PAGE_SIZE < page) {
            break;
        }
    }
    pthread_mutex_unlock(&tb_lock);
    return any;
}

/* ---- eviction ---- */

void (*tb_evict_hook)(TranslationBlock *tb);

/* The oldest block will leave the cache (evict_blocks): its code and
 * descriptor are free again. */
static void tail_advance(void)
{
    uint8_t *code = (uint8_t *)tb_arena[arena_tail].tc_ptr - tb_code_rx_offset;
    arena_tail = arena_next(arena_tail);
    if (arena_tail == arena_head) {
        code_tail = code_ptr;
        code_wrapped = false;
        return;
    }
    code_tail = (uint8_t *)tb_arena[arena_tail].tc_ptr - tb_code_rx_offset;
    if (code_tail < code) {
        code_wrapped = false;       /* the last lap's blocks are all gone */
    }
}

/* The blocks in the slots from `from` up to arena_tail leave, oldest
 * first. */
static void evict_blocks(size_t from)
{
    for (size_t s = from; s != arena_tail; s = arena_next(s)) {
        TranslationBlock *tb = &tb_arena[s];
        if (!(tb->cflags & CF_INVALID)) {
            tb_remove(tb, from, arena_tail);
        }
        chunk_index_remove(tb);
        if (tb_evict_hook) {
            tb_evict_hook(tb);
        }
        tb_stats.evicted_blocks++;
    }
}

/* A tenth of the cache at a time: enough that evictions (each stops every
 * CPU) are rare, little enough that most blocks survive each one. */
static size_t evict_step(void)
{
    return code_size / 10 > 4096 ? code_size / 10 : 4096;
}

/* Set when a block did not fit in the room an eviction makes. */
static bool make_room_for_all;

static void tb_make_room_locked(void)
{
    size_t need = evict_step(), from = arena_tail;
    for (;;) {
        if (arena_tail == arena_head || make_room_for_all) {
            make_room_for_all = false;
            tb_flush_locked();
            return;
        }
        if (!code_wrapped && (size_t)(code_end - code_ptr) < need) {
            code_lap_end = code_ptr;
            code_ptr = code_buf;
            code_wrapped = true;
            rw_populated = code_buf;
        }
        if (code_limit() >= code_ptr + need && arena_live() < arena_n - 1) {
            break;
        }
        tail_advance();
    }
    evict_blocks(from);
    tb_stats.evictions++;
    __atomic_add_fetch(&flush_generation, 1, __ATOMIC_RELEASE);
    if (qemu_loglevel_mask(LOG_EXEC)) {
        mimic_log("tb_make_room: %zu blocks left in the translation cache\n",
                  arena_live());
    }
}

void tb_make_room(void)
{
    pthread_mutex_lock(&tb_lock);
    tb_make_room_locked();
    pthread_mutex_unlock(&tb_lock);
}

bool tb_page_has_code(uint64_t addr)
{
    pthread_mutex_lock(&tb_lock);
    bool r = g_hash_table_contains(page_blocks,
                                   GSIZE_TO_POINTER(addr >> TB_PAGE_BITS));
    pthread_mutex_unlock(&tb_lock);
    return r;
}

/* ---- translation ---- */

/* The instruction limit for the next try after a block did not fit: half of
 * what it translated. One instruction always fits (an A64 instruction needs
 * a few dozen temps and ops), so a one-instruction block never retries. */
static int shorter(int max_insns, int icount)
{
    int n = icount < max_insns ? icount : max_insns;
    assert(n > 1);
    return n / 2;
}

static void log_block(CPUState *cpu, TranslationBlock *tb, unsigned mask,
                      const char *title)
{
    if (qemu_loglevel_mask(mask)) {
        fprintf(mimic_log_file, "%s [%016" PRIx64 "]\n", title, tb->pc);
        tcg_dump_ops(tcg_ctx, mimic_log_file);
        fputc('\n', mimic_log_file);
    }
}

/* How tb_generate ended. */
typedef enum GenResult {
    GEN_OK,
    GEN_FULL,           /* no room: the caller makes room and tries again */
    GEN_SHORTEN,        /* too big for a block's limits, in tb->icount */
    GEN_BAD,            /* (tb_place_saved) the saved form was unusable */
} GenResult;

/* A block's countdown to a region.  Once the cache has evicted blocks,
 * a loop must be TIER2_EVICTING_FACTOR times hotter: a region is made
 * anew after each eviction of its blocks, and its code adds to what
 * evicts them; cc1 -O2, which evicts 45 times, spent 7% of its time on
 * regions it made again and again. */
#define TIER2_EVICTING_FACTOR 16
static uint32_t tb_hot_count_start(void)
{
    uint64_t n = (uint64_t)tb_tier2_threshold * (tb_stats.evictions ? TIER2_EVICTING_FACTOR : 1);
    return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

/* A new block of the key, nothing translated yet. */
static void tb_key_init(TranslationBlock *tb, uint64_t pc, uint32_t flags, uint32_t cflags)
{
    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->flags = flags;
    tb->cflags = cflags;
    tb->page_addr[0] = pc & TB_PAGE_MASK;
    tb->page_addr[1] = (uint64_t)-1;
}

/* The next arena slot as a new block of the key, in the code buffer at
 * *code, or NULL if either is full. */
static TranslationBlock *tb_start(uint64_t pc, uint32_t flags, uint32_t cflags,
                                  uint8_t **code)
{
    *code = (uint8_t *)(((uintptr_t)code_ptr + 15) & ~(uintptr_t)15);
    if (*code + 1024 > code_limit() || arena_live() == arena_n - 1) {
        return NULL;
    }
    arena_populate(arena_head);
    TranslationBlock *tb = &tb_arena[arena_head];
    tb_key_init(tb, pc, flags, cflags);
    tb->hot_count = tb_hot_count_start();
    return tb;
}

/* The second page of a block (not a region) from its size. */
static void tb_set_pages(CPUState *cpu, TranslationBlock *tb)
{
    uint64_t last = tb->pc + tb->size - 1;
    if ((last & TB_PAGE_MASK) != (tb->pc & TB_PAGE_MASK)) {
        tb->page_addr[1] = code_page(cpu, last);
    }
}

/* Makes tb, its n bytes of code at code, a live block: in the arena, the
 * code buffer, the hash and its pages' lists. */
static void tb_publish(TranslationBlock *tb, uint8_t *code, long n)
{
    tb->tc_ptr = code + tb_code_rx_offset;
    tb->tc_size = n;
    code_ptr = code + n;
    /* (Published for tb_of_host_pc, which takes no lock.) */
    chunk_index_add(tb, code, n);
    __atomic_store_n(&arena_head, arena_next(arena_head), __ATOMIC_RELEASE);
    rw_view_update();
    tb_stats.code_bytes += n;
    for (int p = 0; p < 2; p++) {
        if (page_listed(tb, p)) {
            page_list_add(tb, p);
        }
    }
    hash_add(tb);
}

/* The front end: the guest code of tb's key (at most max_insns
 * instructions), or the region r if not NULL, as optimised IR in tcg_ctx,
 * with tb's size, instruction count and pages.  Needs no lock: tcg_ctx
 * is the thread's own. */
static GenResult tb_translate(CPUState *cpu, TranslationBlock *tb, int max_insns,
                              const TBRegion *r)
{
    tb->page_addr[0] = code_page(cpu, tb->pc);
    tcg_func_start(tcg_ctx);
    if (r) {
        tb->region_blocks = r->n;
        tb->page_addr[0] = r->page[0];
        tb->page_addr[1] = r->page[1];
        tb->region_lo = r->lo;
        tb->region_hi = r->hi;
        cpu->target->translate_region(cpu, tb, r);
    } else {
        cpu->target->translate(cpu, tb, max_insns);
    }
    if (tcg_ctx->overflow) {
        return GEN_SHORTEN;
    }
    if (!r) {
        tb_set_pages(cpu, tb);
    }
    if (qemu_loglevel_mask(LOG_IN_ASM)) {
        for (int i = 0; i < (r ? r->n : 1); i++) {
            if (r) {
                fprintf(mimic_log_file, "region [%016" PRIx64 "] block %d:\n", tb->pc, i);
            }
            disas_guest(cpu, mimic_log_file, r ? r->pc[i] : tb->pc, r ? r->size[i] : tb->size);
        }
    }
    log_block(cpu, tb, LOG_OP, "OP:");
    if (!tcg_no_optimize) {
        tcg_optimize(tcg_ctx);
        /* Folding makes constants: they too can run out of temps. */
        if (tcg_ctx->overflow) {
            return GEN_SHORTEN;
        }
    }
    log_block(cpu, tb, LOG_OP_OPT, "OP after optimization:");
    return GEN_OK;
}

/* Under tb_lock: the backend's code for the IR in tcg_ctx as tb (the
 * arena's next slot, from tb_start), at code, or the code the thread made
 * detached (gen_detached); then tb is live. */
static GenResult tb_emit(TranslationBlock *tb, uint8_t *code, bool empty, bool detached,
                         TranslationBlock **out)
{
    uint8_t *limit = code_limit();
    long n = detached ? tcg_backend->place_detached(tb, code, (uintptr_t)code + tb_code_rx_offset,
                                                    limit - code)
                      : tcg_backend->gen_code(tcg_ctx, tb, code, limit - code);
    if (n == -2) {
        return GEN_BAD;
    }
    if (n < 0) {
        /* Out of frame slots (overflow) is the block's fault, not the
         * cache's: shorten it without evicting anything. */
        if (!empty && !tcg_ctx->overflow) {
            /* Had it the room that making room gives, only an empty
             * cache can take it. */
            make_room_for_all = (size_t)(limit - code) >= evict_step();
            return GEN_FULL;
        }
        /* Even an empty cache cannot hold it: shorten the block. */
        return GEN_SHORTEN;
    }
    tb_publish(tb, code, n);
    tb_stats.translated_blocks++;
    tb_stats.translated_insns += tb->icount;
    if (qemu_loglevel_mask(LOG_OUT_ASM) && tcg_backend->dump_code) {
        tcg_backend->dump_code(tb, mimic_log_file);
    }
    *out = tb;
    return GEN_OK;
}

/* Under tb_lock: translates the block of the key (at most max_insns
 * instructions), or the region r if not NULL, into the next arena slot
 * and the code buffer, and publishes it (hash, pages, *out). */
static GenResult tb_generate(CPUState *cpu, uint64_t pc, uint32_t flags, uint32_t cflags,
                             int max_insns, const TBRegion *r, TranslationBlock **out)
{
    uint8_t *code;
    bool empty = arena_tail == arena_head;
    TranslationBlock *tb = tb_start(pc, flags, cflags, &code);
    if (!tb) {
        return GEN_FULL;
    }
    GenResult g = tb_translate(cpu, tb, max_insns, r);
    return g == GEN_OK ? tb_emit(tb, code, empty, false, out) : g;
}

/* Whether the front end may run outside the lock: not with the
 * persistent cache (pcache_find needs the lock, and user mode's saved
 * blocks come first), nor with logs of translating (whose blocks would
 * interleave). */
static bool translate_unlocked(void)
{
    return !pcache_dir &&
           !qemu_loglevel_mask(LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_OUT_ASM);
}

/* The block of the key through the unlocked front end, and the backend
 * too where it can (gen_detached): the lock is then held only to place
 * the code.  Returns with tb_lock held: GEN_OK with *out (maybe another
 * thread's block of the same key, made meanwhile), GEN_FULL, or GEN_BAD,
 * GEN_SHORTEN for the locked path to translate it (again). */
static GenResult tb_generate_unlocked(CPUState *cpu, uint64_t pc, uint32_t flags,
                                      uint32_t cflags, int max_insns, TranslationBlock **out)
{
    TranslationBlock blk;
    tb_key_init(&blk, pc, flags, cflags);
    uint32_t gen = __atomic_load_n(&code_generation, __ATOMIC_ACQUIRE);
    GenResult g = tb_translate(cpu, &blk, max_insns, NULL);
    bool detached = false;
    if (g == GEN_OK && tcg_backend->gen_detached) {
        /* As if at the cache's start: the code moves by less than the
         * cache's size, which keeps its rel32s in reach. */
        detached = tcg_backend->gen_detached(tcg_ctx, &blk, (uintptr_t)code_buf +
                                                            tb_code_rx_offset) >= 0;
        g = detached ? GEN_OK : GEN_BAD;
    }
    pthread_mutex_lock(&tb_lock);
    if (g != GEN_OK) {
        return GEN_BAD;
    }
    TranslationBlock *made = tb_lookup(cpu, pc, flags, cflags);
    if (made) {
        *out = made;
        return GEN_OK;
    }
    if (code_changed_since(gen, &blk)) {
        return GEN_BAD;
    }
    uint8_t *code;
    bool empty = arena_tail == arena_head;
    TranslationBlock *tb = tb_start(pc, flags, cflags, &code);
    if (!tb) {
        return GEN_FULL;
    }
    tb->size = blk.size;
    tb->icount = blk.icount;
    tb->page_addr[0] = blk.page_addr[0];
    tb->page_addr[1] = blk.page_addr[1];
    if (detached) {
        return tb_emit(tb, code, empty, true, out);
    }
    /* The exits name the block they leave (tcg_gen_exit_tb): the
     * stand-in's address becomes tb's. */
    for (int i = 0; i < tcg_ctx->nb_ops; i++) {
        TCGOp *op = &tcg_ctx->ops[i];
        if (op->opc == INDEX_op_exit_tb &&
            (op->args[0] & ~(TCGArg)TB_EXIT_MASK) == (uintptr_t)&blk) {
            op->args[0] = (uintptr_t)tb | (op->args[0] & TB_EXIT_MASK);
        }
    }
    return tb_emit(tb, code, empty, false, out);
}

/* Under tb_lock: the block of the key from the persistent cache's saved
 * form e (tcg/pcache.c), in place of translating it. */
static GenResult tb_place_saved(const PCacheEntry *e, uint64_t pc, uint32_t flags,
                                uint32_t cflags, TranslationBlock **out)
{
    uint8_t *code, *limit = code_limit();
    bool empty = arena_tail == arena_head;
    TranslationBlock *tb = tb_start(pc, flags, cflags, &code);
    if (!tb) {
        return GEN_FULL;
    }
    size_t len;
    const uint8_t *form = pcache_entry_form(e, &len, &tb->size, &tb->icount);
    tb_set_pages(current_cpu, tb);
    if (tb->page_addr[1] != (uint64_t)-1 && tb->page_addr[1] != tb->page_addr[0] + TB_PAGE_SIZE) {
        pcache_entry_bad();        /* more than two pages: no block is */
        return GEN_BAD;
    }
    long n = pcache_codec()->load(tb, (uintptr_t)tb, form, len, code,
                                  (uintptr_t)code + tb_code_rx_offset, limit - code, true);
    if (n == -1) {
        return empty ? GEN_BAD : GEN_FULL;
    } else if (n < 0) {
        pcache_entry_bad();
        return GEN_BAD;
    }
    tb_publish(tb, code, n);
    pcache_stats.hits++;
    *out = tb;
    return GEN_OK;
}

/* MIMIC_CACHE_VERIFY: the saved form e of the block tb just translated,
 * placed as tb, must be tb's code; reports where it is not. */
static void tb_verify_saved(const PCacheEntry *e, TranslationBlock *tb)
{
    size_t len;
    uint32_t size, icount;
    const uint8_t *form = pcache_entry_form(e, &len, &size, &icount);
    /* Placed as tb itself (its address is in the code), its exits in a
     * copy: other threads may run tb already. */
    TranslationBlock placed = *tb;
    uint8_t *buf = g_malloc(tb->tc_size + 4096);
    long n = pcache_codec()->load(&placed, (uintptr_t)tb, form, len, buf,
                                  (uintptr_t)tb->tc_ptr, tb->tc_size + 4096, false);
    const uint8_t *code = (const uint8_t *)tb->tc_ptr - tb_code_rx_offset;
    long at = -1;
    if (n == tb->tc_size) {
        for (long i = 0; i < n && at < 0; i++) {
            at = buf[i] != code[i] ? i : -1;
        }
    }
    if (n != tb->tc_size || at >= 0 || size != tb->size || icount != tb->icount ||
        memcmp(placed.jmp_insn_offset, tb->jmp_insn_offset, sizeof(tb->jmp_insn_offset)) ||
        memcmp(placed.jmp_reset_offset, tb->jmp_reset_offset, sizeof(tb->jmp_reset_offset)) ||
        memcmp(placed.jmp_pc, tb->jmp_pc, sizeof(tb->jmp_pc))) {
        pcache_stats.mismatches++;

        fprintf(stderr, "mimic: cache verify: block %#" PRIx64 ": saved %ld bytes, made %u; "
                "first difference at +%ld\n", tb->pc, n, tb->tc_size, at);
    }
    g_free(buf);
}

TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint32_t flags,
                              uint32_t cflags)
{
    tcg_context_init();
    int max_insns = cflags & CF_COUNT_MASK;
    if (max_insns == 0) {
        max_insns = TB_MAX_INSNS;
    }
    TranslationBlock *tb = NULL;
    const PCacheEntry *saved = NULL;
    GenResult g = GEN_BAD;
    if (translate_unlocked()) {
        g = tb_generate_unlocked(cpu, pc, flags, cflags, max_insns, &tb);
    } else {
        pthread_mutex_lock(&tb_lock);
        saved = pcache_find(pc, flags, cflags);
        if (saved && !pcache_verify) {
            g = tb_place_saved(saved, pc, flags, cflags, &tb);
        }
    }
    while (g == GEN_BAD || g == GEN_SHORTEN) {
        if (g == GEN_SHORTEN) {
            max_insns = shorter(max_insns, tb_arena[arena_head].icount);
        }
        g = tb_generate(cpu, pc, flags, cflags, max_insns, NULL, &tb);
        if (g == GEN_OK && saved && pcache_verify) {
            tb_verify_saved(saved, tb);
        } else if (g == GEN_OK) {
            pcache_note(tb, (const uint8_t *)tb->tc_ptr - tb_code_rx_offset);
        }
    }
    pthread_mutex_unlock(&tb_lock);
    if (g == GEN_FULL) {
        return NULL;    /* the caller makes room once no thread runs cached code */
    }
    tb_jmp_cache_set(cpu, pc, tb);
    return tb;
}

/* Loops that go round more than 1000 times get a region.  Measured (min of
 * 4 to 6 runs, against tier2=0): sieve 0.52 s / 0.64 s, hash 0.26 / 0.27,
 * matmul and python the same; with 64, qsort and vm 3% slower and gcc's
 * cc1 (a lot of lukewarm loops) 5-10%. */
uint32_t tb_tier2_threshold = 1000;

TranslationBlock *tb_gen_region(CPUState *cpu, uint64_t pc, uint32_t flags,
                                uint32_t cflags)
{
    TBRegion r;
    if (!cpu->target->translate_region || !tb_find_region(cpu, pc, flags, cflags, &r)) {
        return NULL;
    }
    tcg_context_init();
    TranslationBlock *region = NULL;
    pthread_mutex_lock(&tb_lock);
    /* The head's block, which the region replaces: still the one found? */
    TranslationBlock *head = tb_lookup(cpu, pc, flags, cflags);
    if (head && !head->region_blocks &&
        tb_generate(cpu, pc, flags, cflags, 0, &r, &region) == GEN_OK) {
        /* Jumps into the head go back to their unlinked exits, and the
         * loop links them to the region, which the hash now finds. */
        tb_remove(head, 0, 0);
        tb_stats.regions++;
    }
    pthread_mutex_unlock(&tb_lock);
    if (region) {
        tb_jmp_cache_set(cpu, pc, region);
        if (qemu_loglevel_mask(LOG_EXEC)) {
            mimic_log("region [%016" PRIx64 "]: %d blocks, %u instructions\n", pc, r.n,
                      region->icount);
        }
    }
    return region;
}
