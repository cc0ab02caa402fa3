/*
 * The qcow2 format's shared state and the interfaces between its files:
 * qcow2.c (header, features, open/close, the driver table),
 * qcow2-cluster.c (guest-to-host mapping through L1/L2, reads and writes),
 * qcow2-refcount.c (refcounts, cluster allocation, refcount table growth),
 * qcow2-check.c (walking every reference: check, leak repair, rebuild of a
 * dirty image's refcounts), qcow2-compress.c (zlib/zstd clusters) and
 * qcow2-create.c (new images), qcow2-snapshot.c (internal snapshots), qcow2-vmstate.c (the
 * machine state of savevm).  Layout facts come from QEMU's
 * docs/interop/qcow2.txt; all on-disk numbers are big-endian.
 */
#ifndef HW_BLOCK_QCOW2_H
#define HW_BLOCK_QCOW2_H
#include "hw/block/block.h"
#include <inttypes.h>
#include <stdio.h>

/* x rounded up to a multiple of the power of two n. */
#define QCOW2_ROUND_UP(x, n) (((x) + (n) - 1) & ~((__typeof__(x))(n) - 1))

#define QCOW2_MAGIC 0x514649fbu             /* "QFI\xfb" */
#define QCOW2_MIN_CLUSTER_BITS 9
#define QCOW2_MAX_CLUSTER_BITS 21           /* 2 MiB, qemu's limit */
#define QCOW2_MAX_L1_BYTES (32u << 20)      /* qemu's limit, so both open the same images */
#define QCOW2_MAX_RT_BYTES (8u << 20)
#define QCOW2_MAX_BACKING_DEPTH 64
#define QCOW2_MAX_SNAPSHOTS 65536           /* qemu's limit */

/* Header feature bits. */
#define QCOW2_INCOMPAT_DIRTY        (1ull << 0)
#define QCOW2_INCOMPAT_CORRUPT      (1ull << 1)
#define QCOW2_INCOMPAT_DATA_FILE    (1ull << 2)
#define QCOW2_INCOMPAT_COMPRESSION  (1ull << 3)
#define QCOW2_INCOMPAT_EXTL2        (1ull << 4)
#define QCOW2_COMPAT_LAZY_REFCOUNTS (1ull << 0)

/* Header extension types. */
#define QCOW2_EXT_END          0x00000000u
#define QCOW2_EXT_BACKING_FMT  0xe2792acau
#define QCOW2_EXT_FEATURES     0x6803f857u
#define QCOW2_EXT_BITMAPS      0x23852875u
#define QCOW2_EXT_CRYPTO       0x0537be77u
#define QCOW2_EXT_DATA_FILE    0x44415441u

/* L1/L2 entry bits. */
#define QCOW2_OFLAG_COPIED     (1ull << 63)  /* refcount is exactly one */
#define QCOW2_OFLAG_COMPRESSED (1ull << 62)
#define QCOW2_OFLAG_ZERO       (1ull << 0)
#define QCOW2_OFFSET_MASK      0x00fffffffffffe00ull   /* bits 9-55 */
#define QCOW2_L1_RESERVED      0x7f000000000001ffull
#define QCOW2_L2_RESERVED      0x3f000000000001feull
#define QCOW2_RT_RESERVED      0x1ffull

typedef struct Qcow2State {
    int fd;
    BlockDriverState *bs;
    uint32_t version;
    uint32_t cluster_bits;
    uint64_t cluster_size;
    uint64_t l2_entries;            /* entries per L2 table */
    uint32_t l1_size;
    uint64_t l1_offset;
    uint64_t *l1;                   /* host byte order */
    uint64_t rt_offset;
    uint32_t rt_clusters;
    uint64_t rt_entries;
    uint64_t *rt;                   /* refcount table, host byte order */
    uint64_t rt_high;               /* entries at or above are all zero */
    uint32_t refcount_order;
    uint32_t refcount_bits;
    uint64_t rb_entries;            /* refcounts per refcount block */
    uint64_t refcount_max;
    uint64_t incompat, compat, autoclear;
    uint32_t header_length;
    uint32_t compression_type;      /* 0 zlib, 1 zstd */
    uint32_t nb_snapshots;
    uint64_t snapshots_offset;
    uint64_t file_size;             /* at open, then grown by allocation */
    char *backing_file;
    char *backing_format;
    uint64_t free_hint;             /* no free cluster below this index */
    bool dirty_set;                 /* we set the dirty bit (lazy refcounts) */
    /* One-table caches, write-through: every change goes to the file at
     * once, so the order of the writes is the order of the code. */
    uint64_t l2_cache_offset;       /* 0: empty */
    uint64_t *l2_cache;             /* big-endian as on disk */
    uint64_t rb_cache_offset;
    uint8_t *rb_cache;
    /* The partly used cluster that compressed writes fill. */
    uint64_t comp_cluster;          /* host offset, 0 if none */
    uint64_t comp_used;             /* bytes used in it */
} Qcow2State;

/* qcow2.c */
int qcow2_corrupt(Qcow2State *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
bool qcow2_offset_ok(Qcow2State *s, uint64_t offset, uint64_t len);
/* Whether the host cluster at offset holds the header or a table, so that
 * a corrupt entry pointing there is never written through. */
bool qcow2_is_metadata(Qcow2State *s, uint64_t offset);
int qcow2_mark_dirty(Qcow2State *s);
int qcow2_update_header_features(Qcow2State *s);
/* Rewrites the backing file name and format (NULL: none) in the header. */
int qcow2_set_backing(Qcow2State *s, const char *file, const char *format);

/* qcow2-cluster.c: guest clusters. */
int qcow2_read(Qcow2State *s, uint64_t offset, void *buf, uint64_t len);
int qcow2_write(Qcow2State *s, uint64_t offset, const void *buf, uint64_t len);
/* The same on scatter-gather lists of len bytes: a run of guest clusters
 * whose host clusters are consecutive moves in one system call, and whole
 * new clusters are allocated as one run with one L2 and one refcount
 * write (block.h's vectored I/O). */
int qcow2_readv(Qcow2State *s, uint64_t offset, const struct iovec *iov, int cnt, uint64_t len);
int qcow2_writev(Qcow2State *s, uint64_t offset, const struct iovec *iov, int cnt, uint64_t len);
int qcow2_zero_or_discard(Qcow2State *s, uint64_t offset, uint64_t len, bool discard);
int qcow2_get_l2_entry(Qcow2State *s, uint64_t guest_offset, uint64_t *entry);
/* A new L1 table for `entries` entries in new clusters, its first n taken
 * from l1 (host order), the rest zero, not synced: what snapshots, apply
 * and growth write before one header write switches to it.  Its offset,
 * or -errno. */
int64_t qcow2_write_new_l1(Qcow2State *s, const uint64_t *l1, uint32_t n, uint64_t entries);
int qcow2_load_l2(Qcow2State *s, uint64_t l2_offset, const uint64_t **table);
int qcow2_write_compressed(Qcow2State *s, uint64_t guest_offset, const void *buf);
int qcow2_preallocate_metadata(Qcow2State *s);
/* For commit and rebase: what the guest cluster at guest_offset holds
 * (or -errno), and making it unallocated again (backing shows through). */
enum { QCOW2_STATUS_UNALLOCATED, QCOW2_STATUS_ZERO, QCOW2_STATUS_DATA };
int qcow2_cluster_status(Qcow2State *s, uint64_t guest_offset);
int qcow2_unmap_cluster(Qcow2State *s, uint64_t guest_offset);

/* qcow2-refcount.c: host clusters. */
int qcow2_get_refcount(Qcow2State *s, uint64_t cluster, uint64_t *refcount);
int qcow2_update_refcount(Qcow2State *s, uint64_t cluster, int64_t delta);
int qcow2_set_refcount(Qcow2State *s, uint64_t cluster, uint64_t refcount);
int64_t qcow2_alloc_clusters(Qcow2State *s, uint64_t n);
int qcow2_free_clusters(Qcow2State *s, uint64_t offset, uint64_t n);
void qcow2_compressed_range(Qcow2State *s, uint64_t entry, uint64_t *offset, uint64_t *len);

/* qcow2-snapshot.c: internal snapshots; -ENOENT when none matches.
 * Apply looks the key up as an id first, then as a name (as qemu-img
 * does); delete by name only (the first of that name). */
int qcow2_snapshot_create(Qcow2State *s, const char *name);
int qcow2_snapshot_apply(Qcow2State *s, const char *key);
int qcow2_snapshot_delete(Qcow2State *s, const char *name);
/* savevm's create: vm's date, VM clock, icount and state size go into
 * the entry (NULL: a disk-only snapshot, as mimic-img makes); delete by
 * id or name (by_id) or name only; list as the block layer shows it. */
int qcow2_snapshot_create_vm(Qcow2State *s, const char *name, const BlockSnapshot *vm);
int qcow2_snapshot_delete_key(Qcow2State *s, const char *key, bool by_id);
int qcow2_snapshot_list(Qcow2State *s, GArray **out);

/* qcow2-vmstate.c: the machine-state area after the disk (savevm) and
 * the growth of the L1 table it may need; the block layer's snapshot
 * operations. */
int qcow2_grow_l1(Qcow2State *s, uint64_t entries);
extern const BlockSnapshotOps qcow2_snapshot_ops;

/* qcow2-check.c */
typedef struct Qcow2CheckResult {
    uint64_t corruptions, leaks;
    uint64_t corruptions_fixed, leaks_fixed;
    uint64_t allocated_clusters, total_clusters;
    uint64_t fragmented_clusters, compressed_clusters;
    uint64_t image_end_offset;
    bool check_failed;
    GString *messages;              /* qemu-img check's per-cluster lines */
} Qcow2CheckResult;
enum { QCOW2_FIX_LEAKS = 1, QCOW2_FIX_ERRORS = 2 };
int qcow2_check(Qcow2State *s, int fix, Qcow2CheckResult *res);

/* qcow2-compress.c */
int qcow2_decompress(Qcow2State *s, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len);
/* Returns the compressed length, or 0 if it does not fit in out_len. */
size_t qcow2_compress(Qcow2State *s, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len);

/* qcow2-create.c and the tools: the per-format information mimic-img shows. */
typedef struct Qcow2CreateOptions {
    uint64_t size;
    uint32_t cluster_size;          /* 0: 64 KiB */
    uint32_t refcount_bits;         /* 0: 16 */
    int version;                    /* 2 or 3 (compat=0.10 / 1.1) */
    bool lazy_refcounts;
    bool prealloc_metadata;
    const char *backing_file;
    const char *backing_format;
    const char *compression_type;   /* NULL or "zlib" / "zstd" */
} Qcow2CreateOptions;
bool qcow2_create(const char *filename, const Qcow2CreateOptions *opts, GError **errp);

#endif
