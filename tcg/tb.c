/*
 * The translation cache: one code buffer holding block descriptors and
 * their code side by side, a global hash from (pc, flags, cflags) to
 * blocks that readers walk without a lock, per-page block lists for
 * invalidation, chaining bookkeeping, and the whole-cache flush.
 *
 * All changes happen under tb_lock; lookups take no lock.  Removed blocks
 * stay in memory (their hash_next still leads on) until a flush, which only
 * runs while no thread executes translated code.
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

const TCGBackend *tcg_backend;
TBStats tb_stats;
bool tcg_one_insn_per_tb;
bool tcg_no_optimize;
void (*tb_page_first_code_hook)(uint64_t page);
int (*tb_own_fd_hook)(int fd);

static int own_memfd(void)
{
    int fd = memfd_create("mimic-code", MFD_CLOEXEC);
    return fd >= 0 && tb_own_fd_hook ? tb_own_fd_hook(fd) : fd;
}

static pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;

static uint8_t *code_buf, *code_ptr, *code_end;
static int code_fd = -1;            /* native backends: the memfd */
/* Block descriptors live apart from their code, in an arena emptied by a
 * flush as the code buffer is: the buffer holds code only (denser for the
 * i-cache, and all of it for code: a descriptor is as big as a small
 * block's code), and lookups never touch the code's pages.  Sized for
 * blocks of TB_MIN_CODE bytes each, so the code buffer fills first. */
#define TB_MIN_CODE 32
static TranslationBlock *tb_arena, *tb_arena_ptr, *tb_arena_end;

/* The writable view of native code is written at code_ptr and patched
 * (chaining, unlinking) mostly near it: its pages further behind are
 * unmapped (MADV_DONTNEED: the memfd keeps them, the executable view
 * still maps them, a later patch maps one again), so that the code is
 * not resident twice.  rw_trimmed: below it the view is unmapped.
 * Ahead of code_ptr, the view is mapped in batches (MADV_POPULATE_WRITE,
 * Linux 5.14) up to rw_populated: a translation-heavy run refills the
 * cache after every flush, and a fault per 4 KiB page was 5% of it. */
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
static uint8_t *rw_trimmed, *rw_populated;
static bool rw_populate_works = true;

static void rw_view_update(void)
{
    const size_t keep = 64 << 10, step = 256 << 10;
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
    if (code_ptr < code_buf + keep + step) {
        return;
    }
    uint8_t *upto = (uint8_t *)((uintptr_t)(code_ptr - keep) & ~(uintptr_t)4095);
    if (upto >= rw_trimmed + step) {
        madvise(rw_trimmed, upto - rw_trimmed, MADV_DONTNEED);
        rw_trimmed = upto;
    }
}
static size_t code_size;
ptrdiff_t tb_code_rx_offset;

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

#define HASH_BITS 16
static TranslationBlock *volatile tb_hash[1 << HASH_BITS];
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
    size_t used = code_ptr - code_buf;
    if (fork_fd >= 0 && (ftruncate(fork_fd, code_size) < 0 ||
                         write(fork_fd, code_buf, used) != (ssize_t)used)) {
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
    pthread_mutex_init(&tb_lock, NULL);
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
    size_t ntbs = size / TB_MIN_CODE + 1;
    tb_arena = mmap(NULL, ntbs * sizeof(TranslationBlock), PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (tb_arena == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot allocate the block descriptors of a %zu-byte "
                "translation cache\n", size);
        exit(1);
    }
    tb_arena_ptr = tb_arena;
    tb_arena_end = tb_arena + ntbs;
    chunk_first = mmap(NULL, ((size >> CHUNK_BITS) + 1) * sizeof(*chunk_first),
                       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                       -1, 0);
    if (chunk_first == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot allocate the code index of a %zu-byte "
                "translation cache\n", size);
        exit(1);
    }
    rw_trimmed = rw_populated = code_buf;
    pthread_atfork(tb_fork_prepare, tb_fork_parent, tb_fork_child);
    tcg_backend = backend;
    code_size = size;
    code_ptr = code_buf;
    code_end = code_buf + size;
    page_blocks = g_hash_table_new(g_direct_hash, g_direct_equal);
    return true;
}

bool tb_pc_in_code(uintptr_t pc)
{
    uintptr_t rx = (uintptr_t)code_buf + tb_code_rx_offset;
    return code_buf && pc >= rx && pc < rx + code_size;
}

TranslationBlock *tb_of_host_pc(uintptr_t pc)
{
    TranslationBlock *end = __atomic_load_n(&tb_arena_ptr, __ATOMIC_ACQUIRE);
    uintptr_t rx = (uintptr_t)code_buf + tb_code_rx_offset;
    if (!code_buf || pc < rx || pc >= rx + code_size) {
        return NULL;
    }
    uint32_t first = __atomic_load_n(&chunk_first[(pc - rx) >> CHUNK_BITS],
                                     __ATOMIC_RELAXED);
    for (TranslationBlock *tb = tb_arena + first - 1; first && tb < end; tb++) {
        if (pc < (uintptr_t)tb->tc_ptr) {
            break;          /* in the padding before it */
        }
        if (pc < (uintptr_t)tb->tc_ptr + tb->tc_size) {
            return tb;
        }
    }
    return NULL;
}

static inline unsigned tb_hash_func(uint64_t pc, uint32_t flags, uint32_t cflags)
{
    uint64_t h = pc ^ ((uint64_t)flags << 32) ^ cflags;
    h *= 0x9E3779B97F4A7C15ull;
    return (unsigned)(h >> (64 - HASH_BITS));
}

int tb_key_pc_offset = -1;
uint32_t tb_key_flags;

static inline bool tb_matches(TranslationBlock *tb, uint64_t pc,
                              uint32_t flags, uint32_t cflags)
{
    return tb->pc == pc && tb->flags == flags && tb->cflags == cflags;
}

static __thread unsigned seen_generation;

TranslationBlock *tb_lookup(CPUState *cpu, uint64_t pc, uint32_t flags,
                            uint32_t cflags)
{
    unsigned gen = __atomic_load_n(&flush_generation, __ATOMIC_ACQUIRE);
    if (gen != seen_generation) {
        memset(cpu->jmp_cache, 0, sizeof(cpu->jmp_cache));
        seen_generation = gen;
    }
    unsigned j = tb_jmp_cache_idx(pc);
    TranslationBlock *tb = cpu->jmp_cache[j];
    /* An invalidated block keeps its key but has CF_INVALID in cflags, so
     * the comparison rejects it without any cross-CPU clearing. */
    if (tb && tb_matches(tb, pc, flags, cflags)) {
        return tb;
    }
    tb = __atomic_load_n(&tb_hash[tb_hash_func(pc, flags, cflags)],
                         __ATOMIC_ACQUIRE);
    for (; tb; tb = __atomic_load_n(&tb->hash_next, __ATOMIC_ACQUIRE)) {
        if (tb_matches(tb, pc, flags, cflags)) {
            cpu->jmp_cache[j] = tb;
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

/* ---- flush ---- */

static void tb_flush_locked(void)
{
    memset(chunk_first, 0, (((code_ptr - code_buf) >> CHUNK_BITS) + 1) * sizeof(*chunk_first));
    memset((void *)tb_hash, 0, sizeof(tb_hash));
    g_hash_table_remove_all(page_blocks);
    code_ptr = code_buf;
    tb_arena_ptr = tb_arena;
    rw_trimmed = rw_populated = code_buf;
    if (tb_flush_hook) {
        tb_flush_hook();
    }
    tb_stats.flushes++;
    __atomic_add_fetch(&flush_generation, 1, __ATOMIC_RELEASE);
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
        TranslationBlock *t = (TranslationBlock *)(*link & ~(uintptr_t)1);
        int k = *link & 1;
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

static void hash_remove(TranslationBlock *tb)
{
    TranslationBlock *volatile *link =
        &tb_hash[tb_hash_func(tb->pc, tb->flags, tb->cflags & ~CF_INVALID)];
    for (; *link; link = &(*link)->hash_next) {
        if (*link == tb) {
            /* Readers still on tb follow its hash_next, which stays. */
            __atomic_store_n(link, tb->hash_next, __ATOMIC_RELEASE);
            return;
        }
    }
}

static void tb_invalidate_one(TranslationBlock *tb)
{
    hash_remove(tb);
    __atomic_store_n(&tb->cflags, tb->cflags | CF_INVALID, __ATOMIC_RELEASE);

    /* Blocks that jump here go back to their unlinked exits. */
    uintptr_t link = tb->jmp_list_head;
    while (link) {
        TranslationBlock *src = (TranslationBlock *)(link & ~(uintptr_t)1);
        int n = link & 1;
        link = src->jmp_list_next[n];
        tcg_backend->set_jmp(src, n, NULL);
        __atomic_store_n(&src->jmp_dest[n], NULL, __ATOMIC_RELEASE);
    }
    tb->jmp_list_head = 0;
    /* And tb leaves the incoming lists of its successors. */
    for (int n = 0; n < 2; n++) {
        if (tb->jmp_dest[n]) {
            jmp_list_remove(tb->jmp_dest[n], tb, n);
            tcg_backend->set_jmp(tb, n, NULL);
            tb->jmp_dest[n] = NULL;
        }
    }
    tb_stats.invalidated_blocks++;
}

static int page_slot(TranslationBlock *tb, uint64_t page)
{
    return tb->page_addr[0] == page ? 0 : 1;
}

static void page_list_remove(TranslationBlock *tb, uint64_t page)
{
    gpointer key = GSIZE_TO_POINTER(page >> TB_PAGE_BITS);
    TranslationBlock *head = g_hash_table_lookup(page_blocks, key);
    TranslationBlock **link = &head;
    while (*link) {
        int k = page_slot(*link, page);
        if (*link == tb) {
            *link = tb->page_next[k];
            break;
        }
        link = &(*link)->page_next[k];
    }
    if (head) {
        g_hash_table_insert(page_blocks, key, head);
    } else {
        g_hash_table_remove(page_blocks, key);
    }
}

bool tb_invalidate_range(uint64_t start, uint64_t end)
{
    bool any = false;
    pthread_mutex_lock(&tb_lock);
    for (uint64_t page = start & TB_PAGE_MASK; page < end; page += TB_PAGE_SIZE) {
        gpointer key = GSIZE_TO_POINTER(page >> TB_PAGE_BITS);
        TranslationBlock *tb = g_hash_table_lookup(page_blocks, key);
        while (tb) {
            TranslationBlock *next = tb->page_next[page_slot(tb, page)];
            if (tb->pc < end && tb->pc + tb->size > start) {
                tb_invalidate_one(tb);
                for (int p = 0; p < 2; p++) {
                    if (tb->page_addr[p] != (uint64_t)-1) {
                        page_list_remove(tb, tb->page_addr[p]);
                    }
                }
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

bool tb_page_has_code(uint64_t addr)
{
    pthread_mutex_lock(&tb_lock);
    bool r = g_hash_table_contains(page_blocks,
                                   GSIZE_TO_POINTER(addr >> TB_PAGE_BITS));
    pthread_mutex_unlock(&tb_lock);
    return r;
}

static void page_list_add(TranslationBlock *tb, int p)
{
    uint64_t page = tb->page_addr[p];
    gpointer key = GSIZE_TO_POINTER(page >> TB_PAGE_BITS);
    TranslationBlock *head = g_hash_table_lookup(page_blocks, key);
    tb->page_next[p] = head;
    g_hash_table_insert(page_blocks, key, tb);
    if (!head && tb_page_first_code_hook) {
        tb_page_first_code_hook(page);
    }
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

TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint32_t flags,
                              uint32_t cflags)
{
    tcg_context_init();
    int max_insns = cflags & CF_COUNT_MASK;
    if (max_insns == 0) {
        max_insns = TB_MAX_INSNS;
    }
    pthread_mutex_lock(&tb_lock);
    for (;;) {
        uint8_t *code = (uint8_t *)(((uintptr_t)code_ptr + 15) & ~(uintptr_t)15);
        bool empty = code_ptr == code_buf;
        if (code + 1024 > code_end || tb_arena_ptr == tb_arena_end) {
            /* Full: the caller flushes once no thread runs cached code. */
            pthread_mutex_unlock(&tb_lock);
            return NULL;
        }
        TranslationBlock *tb = tb_arena_ptr;
        memset(tb, 0, sizeof(*tb));
        tb->pc = pc;
        tb->flags = flags;
        tb->cflags = cflags;
        tb->page_addr[0] = pc & TB_PAGE_MASK;
        tb->page_addr[1] = (uint64_t)-1;

        tcg_func_start(tcg_ctx);
        cpu->target->translate(cpu, tb, max_insns);
        if (tcg_ctx->overflow) {
            max_insns = shorter(max_insns, tb->icount);
            continue;
        }
        uint64_t last = pc + tb->size - 1;
        if ((last & TB_PAGE_MASK) != tb->page_addr[0]) {
            tb->page_addr[1] = last & TB_PAGE_MASK;
        }
        if (qemu_loglevel_mask(LOG_IN_ASM)) {
            disas_guest(cpu, mimic_log_file, tb->pc, tb->size);
        }
        log_block(cpu, tb, LOG_OP, "OP:");
        if (!tcg_no_optimize) {
            tcg_optimize(tcg_ctx);
            /* Folding makes constants: they too can run out of temps. */
            if (tcg_ctx->overflow) {
                max_insns = shorter(max_insns, tb->icount);
                continue;
            }
        }
        log_block(cpu, tb, LOG_OP_OPT, "OP after optimization:");

        long n = tcg_backend->gen_code(tcg_ctx, tb, code, code_end - code);
        if (n < 0) {
            /* Out of frame slots (overflow) is the block's fault, not the
             * cache's: shorten it without flushing anything. */
            if (!empty && !tcg_ctx->overflow) {
                pthread_mutex_unlock(&tb_lock);
                return NULL;
            }
            /* Even an empty cache cannot hold it: shorten the block. */
            max_insns = shorter(max_insns, tb->icount);
            continue;
        }
        tb->tc_ptr = code + tb_code_rx_offset;
        tb->tc_size = n;
        code_ptr = code + n;
        /* (Published for tb_of_host_pc, which takes no lock.) */
        chunk_index_add(tb, code, n);
        __atomic_store_n(&tb_arena_ptr, tb_arena_ptr + 1, __ATOMIC_RELEASE);
        rw_view_update();
        tb_stats.translated_blocks++;
        tb_stats.translated_insns += tb->icount;
        tb_stats.code_bytes += n;
        if (qemu_loglevel_mask(LOG_OUT_ASM) && tcg_backend->dump_code) {
            tcg_backend->dump_code(tb, mimic_log_file);
        }

        page_list_add(tb, 0);
        if (tb->page_addr[1] != (uint64_t)-1) {
            page_list_add(tb, 1);
        }
        TranslationBlock *volatile *bucket = &tb_hash[tb_hash_func(pc, flags, cflags)];
        tb->hash_next = *bucket;
        __atomic_store_n(bucket, tb, __ATOMIC_RELEASE);
        pthread_mutex_unlock(&tb_lock);
        cpu->jmp_cache[tb_jmp_cache_idx(pc)] = tb;
        return tb;
    }
}
