/*
 * The block layer: disk images opened by format (raw, qcow2) behind one
 * byte-addressed interface, for the virtio-blk device and for mimic-img.
 *
 *   BlockDriverState *bs = bdrv_open("vm.qcow2", NULL, BDRV_O_RDWR, &err);
 *   bdrv_pread(bs, offset, buf, len);     0 or -errno
 *
 * Offsets and lengths are bytes of the guest-visible disk and need no
 * alignment: a driver splits and merges as its format requires.  Every
 * call is serialised on the image's own lock, so device worker threads
 * and the monitor may call in concurrently.  A format adds itself by
 * defining a BlockDriver and listing it in block.c's table.
 */
#ifndef HW_BLOCK_BLOCK_H
#define HW_BLOCK_BLOCK_H
#include <stdbool.h>
#include <stdint.h>
#include <glib.h>
#include <sys/uio.h>

/* Open flags. */
enum {
    BDRV_O_RDWR = 1 << 0,       /* else read-only */
    BDRV_O_NO_BACKING = 1 << 1, /* do not open the backing chain (mimic-img info) */
    BDRV_O_NO_LOCK = 1 << 2,    /* take no image lock (-U, force-share) */
    BDRV_O_NOCACHE = 1 << 3,    /* O_DIRECT on the image file (cache=none) */
    BDRV_O_CHECK = 1 << 4,      /* for a consistency check: repair nothing on open */
};

typedef struct BlockDriver BlockDriver;
typedef struct BlockDriverState BlockDriverState;

/* What an open image tells about itself (QMP's query-block). */
typedef struct BlockImageFacts {
    uint64_t cluster_size;      /* 0: the format has none (raw) */
    bool dirty;                 /* its dirty bit is set */
    const char *backing_file;   /* as the image names it; NULL: none */
    const char *backing_format; /* NULL: not recorded */
    bool qcow2;                 /* the qcow2 facts below are filled */
    unsigned version;           /* 2 or 3 */
    unsigned refcount_bits;
    bool lazy_refcounts, corrupt, extended_l2, zstd;
} BlockImageFacts;

struct BlockDriverState {
    const BlockDriver *drv;
    char *filename;
    int flags;                  /* BDRV_O_* as opened */
    bool read_only;
    uint64_t size;              /* guest-visible bytes */
    BlockDriverState *backing;  /* NULL if none (or not opened) */
    void *opaque;               /* the driver's own state */
    GMutex lock;                /* held by the bdrv_* calls below */
};

struct BlockDriver {
    const char *format_name;
    /* How sure the driver is that these first bytes are its format:
     * 0 (not) to 100 (magic matched).  Raw answers 1. */
    int (*probe)(const uint8_t *buf, size_t len, const char *filename);
    /* Fills bs->size, bs->opaque and bs->backing.  fd is the image file,
     * open with the mode the flags ask for; the driver owns it from here
     * (closes it in close, or on failure). */
    bool (*open)(BlockDriverState *bs, int fd, GError **errp);
    int (*pread)(BlockDriverState *bs, uint64_t offset, void *buf, uint64_t len);
    int (*pwrite)(BlockDriverState *bs, uint64_t offset, const void *buf, uint64_t len);
    int (*flush)(BlockDriverState *bs);
    /* Optional: NULL means unsupported (discard is then a no-op success,
     * write_zeroes writes zero buffers). */
    int (*discard)(BlockDriverState *bs, uint64_t offset, uint64_t len);
    int (*write_zeroes)(BlockDriverState *bs, uint64_t offset, uint64_t len);
    void (*close)(BlockDriverState *bs);
    /* Optional: fills what the format knows beyond raw's (all zero). */
    void (*facts)(BlockDriverState *bs, BlockImageFacts *f);
    /* Optional: internal snapshots with machine state (block-snapshot.c). */
    const struct BlockSnapshotOps *snapshot;
};

/* format NULL probes.  On failure returns NULL with a message that names
 * the file and the reason ("vm.qcow2: unsupported qcow2 feature: ..."). */
BlockDriverState *bdrv_open(const char *filename, const char *format, int flags,
                            GError **errp);
/* -snapshot: opens filename read-only behind a new temporary qcow2
 * overlay (unlinked at once) that takes every write. */
BlockDriverState *bdrv_open_snapshot(const char *filename, const char *format, int flags,
                                     GError **errp);
void bdrv_close(BlockDriverState *bs);

int bdrv_pread(BlockDriverState *bs, uint64_t offset, void *buf, uint64_t len);
int bdrv_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf, uint64_t len);
int bdrv_flush(BlockDriverState *bs);
int bdrv_discard(BlockDriverState *bs, uint64_t offset, uint64_t len);
int bdrv_write_zeroes(BlockDriverState *bs, uint64_t offset, uint64_t len);

const BlockDriver *bdrv_find_format(const char *name);

/* Helpers for drivers: whole-buffer pread/pwrite on a file descriptor,
 * retried on EINTR and short counts; 0 or -errno (a read past the end
 * fills zeros). */
int bdrv_fd_pread(int fd, uint64_t offset, void *buf, uint64_t len);
int bdrv_fd_pwrite(int fd, uint64_t offset, const void *buf, uint64_t len);

/* A disk device's I/O counts (QMP's query-blockstats, qemu's
 * BlockAcctStats): updated by the device's worker, read by the monitor. */
typedef enum BlockAcctType {
    BLOCK_ACCT_READ, BLOCK_ACCT_WRITE, BLOCK_ACCT_FLUSH, BLOCK_ACCT_UNMAP, BLOCK_ACCT__MAX,
} BlockAcctType;

typedef struct BlockAcctCounts {
    uint64_t bytes[BLOCK_ACCT__MAX];
    uint64_t ops[BLOCK_ACCT__MAX];          /* done without an error */
    uint64_t failed[BLOCK_ACCT__MAX];
    uint64_t invalid[BLOCK_ACCT__MAX];      /* refused: outside the disk */
    uint64_t total_ns[BLOCK_ACCT__MAX];
    uint64_t wr_highest_offset;
    int64_t last_done_ns;                   /* monotonic; 0: no I/O yet */
} BlockAcctCounts;

typedef struct BlockAcct {
    GMutex lock;
    BlockAcctCounts c;
} BlockAcct;

/* The monotonic clock in ns, for start_ns. */
int64_t block_acct_now(void);
/* An operation of bytes at offset that started at start_ns ended. */
void block_acct_done(BlockAcct *a, BlockAcctType t, uint64_t offset, uint64_t bytes,
                     int64_t start_ns, bool failed);
void block_acct_invalid(BlockAcct *a, BlockAcctType t);
void block_acct_read(BlockAcct *a, BlockAcctCounts *out);

/* The image's facts; the strings live as long as bs. */
void bdrv_image_facts(BlockDriverState *bs, BlockImageFacts *f);

extern const BlockDriver bdrv_raw;
extern const BlockDriver bdrv_qcow2;


/* ---- Internal snapshots and the machine state beside them ----
 * (savevm/loadvm; block-snapshot.c).  The monitor finds a snapshot by
 * its name (as qemu 7.2's: `loadvm 3` does not take id 3); applying and
 * deleting take the id found. */
typedef struct BlockSnapshot {
    char *id, *name;
    uint32_t date_sec, date_nsec;
    uint64_t vm_clock_nsec;
    uint64_t vm_state_size;     /* 0: a disk-only snapshot */
    uint64_t icount;            /* UINT64_MAX: none recorded */
} BlockSnapshot;

typedef struct BlockSnapshotOps {
    /* Every snapshot, in table order (BlockSnapshot elements). */
    int (*list)(BlockDriverState *bs, GArray **out);
    /* A new snapshot of the disk as it is now; the format picks the id.
     * The machine state written with vmstate_rw beforehand becomes the
     * snapshot's (its size in sn->vm_state_size). */
    int (*create)(BlockDriverState *bs, const BlockSnapshot *sn);
    int (*apply)(BlockDriverState *bs, const char *id);
    int (*delete)(BlockDriverState *bs, const char *id);
    /* The machine-state area after the disk, at byte pos; after apply it
     * holds the applied snapshot's state. */
    int (*vmstate_rw)(BlockDriverState *bs, uint64_t pos, void *buf, uint64_t len, bool write);
} BlockSnapshotOps;

/* True if the image can hold internal snapshots (a writable qcow2). */
bool bdrv_can_snapshot(BlockDriverState *bs);
/* 0 or -errno; *out (bdrv_snapshot_list_free it) on success. */
int bdrv_snapshot_list(BlockDriverState *bs, GArray **out);
void bdrv_snapshot_list_free(GArray *list);
/* The first snapshot called name, copied into *sn (free its strings
 * with bdrv_snapshot_clear); false if none. */
bool bdrv_snapshot_find(BlockDriverState *bs, const char *name, BlockSnapshot *sn);
void bdrv_snapshot_clear(BlockSnapshot *sn);
int bdrv_snapshot_create(BlockDriverState *bs, const BlockSnapshot *sn);
int bdrv_snapshot_apply(BlockDriverState *bs, const char *id);
int bdrv_snapshot_delete(BlockDriverState *bs, const char *id);
int bdrv_save_vmstate(BlockDriverState *bs, uint64_t pos, const void *buf, uint64_t len);
int bdrv_load_vmstate(BlockDriverState *bs, uint64_t pos, void *buf, uint64_t len);
/* qemu's snapshot table text (qemu-img snapshot -l, info snapshots): the
 * header line, and one line per snapshot with id shown as given (NULL:
 * the snapshot's own). */
void bdrv_snapshot_dump_header(GString *out);
void bdrv_snapshot_dump(GString *out, const BlockSnapshot *sn, const char *id);
/* qemu's human size: "32.3 MiB". */
char *bdrv_human_size(uint64_t n);

/* Vectored I/O (block.c, block-iov.c): the same calls on a scatter-gather
 * list, so that a device can pass guest RAM to the formats without a
 * bounce buffer.  A format lists its vectored functions in block.c's
 * table; others are served one iovec element at a time through pread and
 * pwrite.  The lists' total size is the length. */
int bdrv_preadv(BlockDriverState *bs, uint64_t offset, const struct iovec *iov, int cnt);
int bdrv_pwritev(BlockDriverState *bs, uint64_t offset, const struct iovec *iov, int cnt);
typedef int BlockDriverReadv(BlockDriverState *bs, uint64_t offset, const struct iovec *iov,
                             int cnt, uint64_t len);
typedef int BlockDriverWritev(BlockDriverState *bs, uint64_t offset, const struct iovec *iov,
                              int cnt, uint64_t len);
BlockDriverReadv raw_preadv, qcow2_preadv;
BlockDriverWritev raw_pwritev, qcow2_pwritev;

/* [offset, offset + len) of iov as a list in out, which has room for cnt
 * entries (a slice never needs more); returns its length. */
int bdrv_iov_slice(const struct iovec *iov, int cnt, uint64_t offset, uint64_t len,
                   struct iovec *out);
uint64_t bdrv_iov_size(const struct iovec *iov, int cnt);
void bdrv_iov_memset0(const struct iovec *iov, int cnt, uint64_t offset, uint64_t len);
void bdrv_iov_to_buf(const struct iovec *iov, int cnt, uint64_t offset, void *buf, uint64_t len);
void bdrv_iov_from_buf(const struct iovec *iov, int cnt, uint64_t offset, const void *buf,
                       uint64_t len);
/* bdrv_fd_pread/pwrite on a list (any length, split at IOV_MAX). */
int bdrv_fd_preadv(int fd, uint64_t offset, const struct iovec *iov, int cnt);
int bdrv_fd_pwritev(int fd, uint64_t offset, const struct iovec *iov, int cnt);

#endif
