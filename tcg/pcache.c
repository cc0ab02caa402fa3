/*
 * The persistent translation cache: one file per program file (by its
 * identity: device, inode, size, modification time) and per translation
 * setting (mimic's build, the CPU model, the options that change code),
 * holding the blocks earlier runs translated, in the backend's
 * position-independent form (PCacheCodec).
 *
 * A block is used again only where the guest code at its pc is the code
 * it was translated from: each saved block keeps its guest bytes, which
 * are compared with memory when the block is looked for.  So a library
 * mapped at another address, a program file changed on disk, or code
 * written at run time never runs an old translation; the file's identity
 * only picks the file to look in.
 *
 * A file is written whole and renamed into place, under a lock on the
 * folder that serialises the merges of processes that save at once (each
 * merges its new blocks with what the file holds then).  Readers map the
 * file and are never disturbed by a rename or an unlink.  Nothing read is
 * trusted unchecked: the header and index carry a checksum, checked when
 * the file is opened, and each block one of its own, checked before it is
 * used; a failed check drops the file for the run, with a warning.
 *
 * File layout (host byte order: the forms are host code anyway):
 *   FileHeader, IndexEntry[nblocks] sorted by key, then the records:
 *   per block { u32 guest bytes, u32 instructions, the guest bytes, zero
 *   padding to 8, the codec's form }.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "disas.h"
#include "log.h"
#include "pcache.h"

#define PCACHE_MAGIC "MIMICTC\n"
#define PCACHE_VERSION 1
/* The most guest bytes a block covers: it lies on two pages at most. */
#define BLOCK_GUEST_MAX (2 * TB_PAGE_SIZE)

typedef struct FileHeader {
    char magic[8];
    uint32_t version;
    uint32_t nblocks;
    uint64_t config;        /* hash of the translation setting */
    uint64_t data_size;     /* bytes of records after the index */
    uint64_t sum;           /* of the header before it, and of the index */
} FileHeader;

struct PCacheEntry {
    uint64_t pc;
    uint32_t flags, cflags;
    uint64_t off;           /* of the record, from the first record */
    uint32_t len;           /* of the record */
    uint32_t guest_size;
    uint64_t sum;           /* of the record */
};
typedef struct PCacheEntry IndexEntry;

/* A record's fixed part. */
typedef struct RecordHead {
    uint32_t guest_size, icount;
} RecordHead;

bool pcache_recording;
bool pcache_verify;
const char *pcache_dir;
uint64_t pcache_dir_budget = 1024ull << 20;
PCacheStats pcache_stats;

/* The file of this run. */
static char *file_path;
static uint64_t config_hash;
static const PCacheCodec *codec;
/* Its blocks as opened (NULL: none, or dropped). */
static const uint8_t *map;
static size_t map_size;
static const IndexEntry *index_;
static uint32_t nblocks;
static const uint8_t *records;

/* The blocks translated this run, waiting for pcache_save: records as in
 * the file, and their index entries (offsets into pend.data), in the
 * order made (a later one of a key replaces an earlier). */
static pthread_mutex_t pend_lock = PTHREAD_MUTEX_INITIALIZER;
static PCacheBuf pend;
static GArray *pend_index;
/* The keys recorded, each with its guest bytes' hash: a block evicted or
 * invalidated and translated again from the same code is recorded once
 * (cc1 translates its blocks five times over in a 16 MiB cache). */
static GHashTable *pend_keys;
/* The most one file holds (a quarter of the folder's budget). */
static uint64_t file_max;

/* ---- checksums ---- */

/* 64-bit, in four lanes of eight bytes (independent multiplies): for
 * finding damage, not an adversary. */
static uint64_t hash_bytes(const void *data, size_t len, uint64_t seed)
{
    const uint8_t *p = data;
    const uint64_t k = 0x9e3779b97f4a7c15ull;
    uint64_t h[4] = { seed ^ len * k, seed + 1, seed + 2, seed + 3 };
    for (; len >= 32; p += 32, len -= 32) {
        for (int i = 0; i < 4; i++) {
            uint64_t w;
            memcpy(&w, p + 8 * i, 8);
            h[i] = (h[i] ^ w) * k;
            h[i] ^= h[i] >> 29;
        }
    }
    for (int i = 0; len; i = (i + 1) & 3) {
        uint64_t w = 0;
        size_t n = len < 8 ? len : 8;
        memcpy(&w, p, n);
        h[i] = (h[i] ^ w) * k;
        h[i] ^= h[i] >> 29;
        p += n;
        len -= n;
    }
    uint64_t r = h[0];
    for (int i = 1; i < 4; i++) {
        r = (r ^ h[i]) * 0xbf58476d1ce4e5b9ull;
        r ^= r >> 31;
    }
    return r;
}

static uint64_t header_sum(const FileHeader *h, const IndexEntry *idx)
{
    uint64_t s = hash_bytes(h, offsetof(FileHeader, sum), 1);
    return hash_bytes(idx, (size_t)h->nblocks * sizeof(IndexEntry), s);
}

static void warn(const char *path, const char *what)
{
    fprintf(stderr, "mimic: translation cache %s: %s; not used\n", path, what);
}

/* ---- the translation setting ---- */

/* mimic's own build (its GNU build ID): code saved by another build of
 * mimic calls other addresses. */
static int note_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    GChecksum *sum = data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE) {
            continue;
        }
        const uint8_t *p = (const uint8_t *)(info->dlpi_addr + ph->p_vaddr);
        const uint8_t *end = p + ph->p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *n = (const void *)p;
            const uint8_t *name = p + sizeof(*n);
            const uint8_t *desc = name + ((n->n_namesz + 3) & ~3u);
            if (desc + n->n_descsz > end) {
                break;
            }
            if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && !memcmp(name, "GNU", 4)) {
                g_checksum_update(sum, desc, n->n_descsz);
                return 2;
            }
            p = desc + ((n->n_descsz + 3) & ~3u);
        }
    }
    return 1;       /* the first object is mimic itself: none */
}

static uint64_t setting_hash(const char *config)
{
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    if (dl_iterate_phdr(note_build_id, sum) != 2) {
        /* No build ID (a linker that adds none): mimic's file itself. */
        struct stat st;
        if (stat("/proc/self/exe", &st) == 0) {
            uint64_t id[5] = { st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec,
                               st.st_mtim.tv_nsec };
            g_checksum_update(sum, (const guchar *)id, sizeof(id));
        }
    }
    char generic[160];
    snprintf(generic, sizeof(generic), "isa=%d rs=%d tier2=%d one=%d noopt=%d ",
             tcg_host_isa_extended(), jit_return_stack, tb_tier2_threshold != 0,
             tcg_one_insn_per_tb, tcg_no_optimize);
    g_checksum_update(sum, (const guchar *)generic, strlen(generic));
    g_checksum_update(sum, (const guchar *)config, strlen(config));
    uint8_t digest[32];
    gsize n = sizeof(digest);
    g_checksum_get_digest(sum, digest, &n);
    g_checksum_free(sum);
    uint64_t h;
    memcpy(&h, digest, 8);
    return h;
}

/* ---- opening ---- */

static void drop_file(void)
{
    if (map) {
        munmap((void *)map, map_size);
    }
    map = NULL;
    index_ = NULL;
    nblocks = 0;
}

/* Maps path and checks its header and index; NULL (with *why) if it is
 * unusable, and *why NULL too if there is simply no file.  The header is
 * read and checked before the file is mapped (and read in whole). */
static const uint8_t *map_checked(const char *path, size_t *size, const char **why)
{
    *why = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT) {
            *why = "cannot be opened";
        }
        return NULL;
    }
    struct stat st;
    FileHeader h;
    size_t need = sizeof(h);
    if (fstat(fd, &st) != 0) {
        *why = "cannot be read";
    } else if (st.st_uid != geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH))) {
        /* Code mimic runs: only from a file no one else can have written. */
        *why = "not this user's own, or writable by others";
    } else if (pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
               memcmp(h.magic, PCACHE_MAGIC, 8)) {
        *why = "not a cache file";
    } else if (h.version != PCACHE_VERSION || h.config != config_hash) {
        *why = "of another version or setting";
    } else if ((need += (size_t)h.nblocks * sizeof(IndexEntry)) > (size_t)st.st_size ||
               h.data_size != (size_t)st.st_size - need) {
        *why = "truncated";
    }
    const uint8_t *m = NULL;
    if (!*why) {
        /* Mapped at once: a fault per page as blocks are looked up was a
         * tenth of a warm run. */
        m = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        m = m == MAP_FAILED ? NULL : m;
        *why = m ? NULL : "cannot be mapped";
    }
    close(fd);
    if (m && (memcmp(m, &h, sizeof(h)) ||
              header_sum(&h, (const void *)(m + sizeof(h))) != h.sum)) {
        *why = "corrupt (index checksum)";
        munmap((void *)m, st.st_size);
        m = NULL;
    }
    if (m) {
        *size = st.st_size;
    }
    return m;
}

static void pcache_fork_child(void)
{
    /* The parent saves what it translated; the child what it will. */
    pthread_mutex_init(&pend_lock, NULL);
    pcache_stats = (PCacheStats){ 0 };
    if (pend_index) {
        pend.len = 0;
        g_array_set_size(pend_index, 0);
        g_hash_table_remove_all(pend_keys);
    }
}

void pcache_open(const char *exe, const char *config)
{
    if (!pcache_dir || !*pcache_dir || !tcg_backend->native) {
        return;
    }
#ifdef __x86_64__
    codec = &jit_pcache_codec;
#else
    return;
#endif
    struct stat st;
    if (stat(exe, &st) != 0) {
        return;
    }
    if (g_mkdir_with_parents(pcache_dir, 0755) != 0) {
        fprintf(stderr, "mimic: translation cache folder %s: %s; not used\n", pcache_dir,
                strerror(errno));
        return;
    }
    config_hash = setting_hash(config);
    uint64_t id[6] = { config_hash, st.st_dev, st.st_ino, st.st_size,
                       st.st_mtim.tv_sec, st.st_mtim.tv_nsec };
    file_path = g_strdup_printf("%s/%016" PRIx64 ".mtc", pcache_dir,
                                hash_bytes(id, sizeof(id), 7));
    file_max = pcache_dir_budget / 4;
    const char *why;
    map = map_checked(file_path, &map_size, &why);
    if (why) {
        warn(file_path, why);
    }
    if (map) {
        const FileHeader *h = (const void *)map;
        nblocks = h->nblocks;
        index_ = (const void *)(h + 1);
        records = (const uint8_t *)(index_ + nblocks);
    }
    /* Reserved whole (untouched pages cost nothing): growing it by
     * copying was a third of a cold gcc run. */
    pend.cap = file_max + (1 << 20);
    pend.data = mmap(NULL, pend.cap, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (pend.data == MAP_FAILED) {
        return;
    }
    pend_index = g_array_new(FALSE, FALSE, sizeof(IndexEntry));
    pend_keys = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    pthread_atfork(NULL, NULL, pcache_fork_child);
    pcache_recording = true;
    const char *v = getenv("MIMIC_CACHE_VERIFY");
    pcache_verify = v && *v && strcmp(v, "0");
}

const PCacheCodec *pcache_codec(void)
{
    return codec;
}

/* ---- finding ---- */

static int key_cmp(uint64_t pc, uint32_t flags, uint32_t cflags, const IndexEntry *e)
{
    if (pc != e->pc) {
        return pc < e->pc ? -1 : 1;
    }
    if (flags != e->flags) {
        return flags < e->flags ? -1 : 1;
    }
    return cflags < e->cflags ? -1 : cflags > e->cflags;
}

static bool entry_sane(const IndexEntry *e)
{
    const FileHeader *h = (const void *)map;
    size_t guest = (e->guest_size + 7) & ~(size_t)7;
    return e->off % 8 == 0 && e->off <= h->data_size && e->len <= h->data_size - e->off &&
           e->guest_size <= BLOCK_GUEST_MAX && sizeof(RecordHead) + guest <= e->len;
}

const PCacheEntry *pcache_find(uint64_t pc, uint32_t flags, uint32_t cflags)
{
    if (!map) {
        return NULL;
    }
    uint32_t lo = 0, hi = nblocks;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = key_cmp(pc, flags, cflags, &index_[mid]);
        if (c == 0) {
            lo = mid;
            break;
        }
        if (c < 0) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    if (lo >= nblocks || key_cmp(pc, flags, cflags, &index_[lo])) {
        return NULL;
    }
    const IndexEntry *e = &index_[lo];
    const uint8_t *rec = records + e->off;
    if (!entry_sane(e) || hash_bytes(rec, e->len, 3) != e->sum) {
        warn(file_path, "corrupt (a block's checksum)");
        drop_file();
        return NULL;
    }
    const RecordHead *rh = (const void *)rec;
    if (rh->guest_size != e->guest_size || rh->guest_size == 0) {
        warn(file_path, "corrupt (a block's size)");
        drop_file();
        return NULL;
    }
    /* The guest code must be what was translated. */
    static uint8_t now[BLOCK_GUEST_MAX];
    if (!guest_code_fetch(pc, now, rh->guest_size) ||
        memcmp(now, rec + sizeof(*rh), rh->guest_size)) {
        return NULL;
    }
    return e;
}

const uint8_t *pcache_entry_form(const PCacheEntry *e, size_t *len, uint32_t *size,
                                 uint32_t *icount)
{
    const uint8_t *rec = records + e->off;
    const RecordHead *rh = (const void *)rec;
    size_t head = sizeof(*rh) + ((rh->guest_size + 7) & ~(size_t)7);
    *len = e->len - head;
    *size = rh->guest_size;
    *icount = rh->icount;
    return rec + head;
}

void pcache_entry_bad(void)
{
    warn(file_path, "corrupt (a block's code)");
    drop_file();
}

/* ---- recording ---- */

void pcache_buf_append(PCacheBuf *b, const void *p, size_t n)
{
    if (b->overflow || n > b->cap - b->len) {
        b->overflow = true;
        return;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

/* pend's pages are mapped ahead of use in batches (as the code
 * buffer's are, tb.c): a fault per page was a tenth of a cold gcc run. */
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
static size_t pend_populated;

static void pend_populate(size_t upto)
{
    const size_t step = 2 << 20;
    if (upto <= pend_populated) {
        return;
    }
    uintptr_t base = (uintptr_t)pend.data;
    uintptr_t from = (base + pend_populated + 4095) & ~(uintptr_t)4095;
    uintptr_t to = (base + upto + step) & ~(uintptr_t)4095;
    uintptr_t cap = (base + pend.cap) & ~(uintptr_t)4095;
    to = to < cap ? to : cap;
    if (to > from) {
        madvise((void *)from, to - from, MADV_POPULATE_WRITE);
    }
    pend_populated = to - base;
}

void pcache_note(const TranslationBlock *tb, const uint8_t *code)
{
    if (!pcache_recording || tb->size == 0 || tb->size > BLOCK_GUEST_MAX) {
        return;
    }
    pthread_mutex_lock(&pend_lock);
    if (pend.len >= file_max) {
        pthread_mutex_unlock(&pend_lock);
        return;
    }
    size_t start = pend.len;
    pend_populate(start + 64 * 1024);
    RecordHead rh = { tb->size, tb->icount };
    size_t guest = (tb->size + 7) & ~(size_t)7;
    uint64_t key[2] = { tb->pc, (uint64_t)tb->flags << 32 | (tb->cflags & ~(uint32_t)CF_INVALID) };
    gint64 key_hash = (gint64)hash_bytes(key, sizeof(key), 5);
    bool ok = pend.cap - pend.len >= sizeof(rh) + guest;
    if (ok) {
        uint8_t *g = pend.data + start + sizeof(rh);
        memset(g + tb->size, 0, guest - tb->size);
        ok = guest_code_fetch(tb->pc, g, tb->size);
        gint64 *known = ok ? g_hash_table_lookup(pend_keys, &key_hash) : NULL;
        uint64_t code_hash = hash_bytes(g, tb->size, 9);
        if (known && (uint64_t)known[1] == code_hash) {
            pthread_mutex_unlock(&pend_lock);
            return;                 /* recorded already */
        }
        if (ok) {
            gint64 *k = known ? known : g_new(gint64, 2);
            k[0] = key_hash;
            k[1] = (gint64)code_hash;
            if (!known) {
                g_hash_table_add(pend_keys, k);
            }
        }
    }
    if (ok) {
        static const uint8_t zero[8];
        memcpy(pend.data + start, &rh, sizeof(rh));
        pend.len += sizeof(rh) + guest;
        ok = codec->save(tb, code, &pend);
        pcache_buf_append(&pend, zero, (8 - pend.len % 8) % 8);
        ok = ok && !pend.overflow;
    }
    if (!ok) {
        pend.len = start;
        pend.overflow = false;
        pcache_stats.unsaveable++;
    } else {
        IndexEntry e = { .pc = tb->pc, .flags = tb->flags, .cflags = tb->cflags,
                         .off = start, .len = pend.len - start,
                         .guest_size = tb->size };
        e.cflags &= ~(uint32_t)CF_INVALID;
        e.sum = hash_bytes(pend.data + start, e.len, 3);
        g_array_append_val(pend_index, e);
        pcache_stats.saved++;
    }
    pthread_mutex_unlock(&pend_lock);
}

/* ---- saving ---- */

/* A block to write: its entry and where its record is now. */
typedef struct Merged {
    IndexEntry e;
    const uint8_t *rec;
    uint32_t order;         /* higher: newer, kept over an older of its key */
} Merged;

static int merged_cmp(const void *a, const void *b)
{
    const Merged *x = a, *y = b;
    int c = key_cmp(x->e.pc, x->e.flags, x->e.cflags, &y->e);
    if (c) {
        return c;
    }
    return x->order < y->order ? 1 : x->order > y->order ? -1 : 0;
}

/* Writes the blocks of m (sorted, one per key) to path by a temporary
 * file renamed over it. */
static bool write_file(const char *path, Merged *m, size_t n)
{
    char *tmp = g_strdup_printf("%s.%d.tmp", path, (int)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0) {
            close(fd);
        }
        g_free(tmp);
        return false;
    }
    char *fbuf = g_malloc(1 << 20);
    setvbuf(f, fbuf, _IOFBF, 1 << 20);
    FileHeader h = { .version = PCACHE_VERSION, .nblocks = n, .config = config_hash };
    memcpy(h.magic, PCACHE_MAGIC, 8);
    IndexEntry *idx = g_new(IndexEntry, n ? n : 1);
    uint64_t off = 0;
    for (size_t i = 0; i < n; i++) {
        idx[i] = m[i].e;
        idx[i].off = off;
        off += m[i].e.len;
    }
    h.data_size = off;
    h.sum = header_sum(&h, idx);
    bool ok = fwrite(&h, sizeof(h), 1, f) == 1 && fwrite(idx, sizeof(*idx), n, f) == n;
    for (size_t i = 0; i < n && ok; i++) {
        ok = fwrite(m[i].rec, m[i].e.len, 1, f) == 1;
    }
    g_free(idx);
    ok = fclose(f) == 0 && ok;
    g_free(fbuf);
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        unlink(tmp);
    }
    g_free(tmp);
    return ok;
}

typedef struct DirFile {
    char *path;
    off_t size;
    struct timespec mtime;
} DirFile;

static int older_first(const void *a, const void *b)
{
    const DirFile *x = a, *y = b;
    if (x->mtime.tv_sec != y->mtime.tv_sec) {
        return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
    }
    return (x->mtime.tv_nsec > y->mtime.tv_nsec) - (x->mtime.tv_nsec < y->mtime.tv_nsec);
}

/* Removes the least recently written files until the folder's files fit
 * three quarters of the budget (this run's file stays). */
static void trim_folder(void)
{
    DIR *d = opendir(pcache_dir);
    if (!d) {
        return;
    }
    GArray *files = g_array_new(FALSE, FALSE, sizeof(DirFile));
    uint64_t total = 0;
    struct dirent *de;
    time_t now = time(NULL);
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 8 && !strcmp(de->d_name + l - 4, ".tmp")) {
            /* A saver that was killed left it: gone after ten minutes. */
            char *tmp = g_strdup_printf("%s/%s", pcache_dir, de->d_name);
            struct stat st;
            if (stat(tmp, &st) == 0 && st.st_mtime < now - 600) {
                unlink(tmp);
            }
            g_free(tmp);
            continue;
        }
        if (l < 5 || strcmp(de->d_name + l - 4, ".mtc")) {
            continue;
        }
        DirFile f = { g_strdup_printf("%s/%s", pcache_dir, de->d_name) };
        struct stat st;
        if (stat(f.path, &st) != 0) {
            g_free(f.path);
            continue;
        }
        f.size = st.st_size;
        f.mtime = st.st_mtim;
        total += st.st_size;
        g_array_append_val(files, f);
    }
    closedir(d);
    if (total > pcache_dir_budget) {
        g_array_sort(files, older_first);
        for (guint i = 0; i < files->len && total > pcache_dir_budget / 4 * 3; i++) {
            DirFile *f = &g_array_index(files, DirFile, i);
            if (strcmp(f->path, file_path) && unlink(f->path) == 0) {
                total -= f->size;
            }
        }
    }
    for (guint i = 0; i < files->len; i++) {
        g_free(g_array_index(files, DirFile, i).path);
    }
    g_array_free(files, TRUE);
}

/* The folder's lock, as a descriptor to close, or -1 if it was not had
 * within 10 s (then the blocks are not saved: a process that holds it
 * stopped, say, must not stop others from exiting).  A POSIX record
 * lock, which a forked child does not inherit: a guest that forks while
 * another of its threads saves must not leave the child holding it. */
static int lock_folder(void)
{
    char *path = g_strdup_printf("%s/lock", pcache_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    g_free(path);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    for (int tries = 0; fd >= 0; tries++) {
        if (fcntl(fd, F_SETLK, &fl) == 0) {
            return fd;
        }
        if ((errno != EACCES && errno != EAGAIN && errno != EINTR) || tries == 1000) {
            fprintf(stderr, "mimic: translation cache folder %s: not locked (%s); "
                    "blocks not saved\n", pcache_dir,
                    tries == 1000 ? "another process holds it" : strerror(errno));
            close(fd);
            return -1;
        }
        usleep(10000);
    }
    return -1;
}

void pcache_save(void)
{
    if (!pcache_recording) {
        return;
    }
    if (qemu_loglevel_mask(LOG_CACHE)) {
        mimic_log("cache: %s: %" PRIu64 " blocks placed from it, %" PRIu64 " translated "
                  "and kept, %" PRIu64 " not saveable\n", file_path, pcache_stats.hits,
                  pcache_stats.saved, pcache_stats.unsaveable);
    }
    pthread_mutex_lock(&pend_lock);
    if (pend_index->len == 0) {
        pthread_mutex_unlock(&pend_lock);
        return;
    }
    /* One merge at a time in the folder. */
    int lock = lock_folder();
    if (lock < 0) {
        goto out;
    }
    /* What the file holds now (another process may have saved since this
     * one opened it). */
    size_t now_size = 0;
    const char *why;
    const uint8_t *now = map_checked(file_path, &now_size, &why);
    uint32_t now_n = now ? ((const FileHeader *)now)->nblocks : 0;
    const IndexEntry *now_idx = now ? (const void *)(now + sizeof(FileHeader)) : NULL;
    const uint8_t *now_rec = now ? (const uint8_t *)(now_idx + now_n) : NULL;
    if (now && now_size + pend.len > file_max) {
        now_n = 0;          /* full: the new blocks replace the old */
    }
    size_t n = 0;
    Merged *m = g_new(Merged, now_n + pend_index->len);
    for (uint32_t i = 0; i < now_n; i++) {
        const IndexEntry *e = &now_idx[i];
        const FileHeader *h = (const void *)now;
        /* Blocks whose checksum fails are left out. */
        if (e->off <= h->data_size && e->len <= h->data_size - e->off &&
            hash_bytes(now_rec + e->off, e->len, 3) == e->sum) {
            m[n++] = (Merged){ *e, now_rec + e->off, 0 };
        }
    }
    for (guint i = 0; i < pend_index->len; i++) {
        const IndexEntry *e = &g_array_index(pend_index, IndexEntry, i);
        m[n++] = (Merged){ *e, pend.data + e->off, i + 1 };
    }
    qsort(m, n, sizeof(*m), merged_cmp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k == 0 || key_cmp(m[i].e.pc, m[i].e.flags, m[i].e.cflags, &m[k - 1].e)) {
            m[k++] = m[i];
        }
    }
    if (!write_file(file_path, m, k)) {
        fprintf(stderr, "mimic: translation cache %s: cannot be written\n", file_path);
    }
    g_free(m);
    if (now) {
        munmap((void *)now, now_size);
    }
    trim_folder();
    pend.len = 0;
    g_array_set_size(pend_index, 0);
    g_hash_table_remove_all(pend_keys);
out:
    if (lock >= 0) {
        close(lock);
    }
    pthread_mutex_unlock(&pend_lock);
}
