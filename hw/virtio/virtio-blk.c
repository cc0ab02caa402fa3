/*
 * virtio-blk (virtio-blk.h): the config space and feature word of qemu
 * 7.2's virtio-blk-device (checked against the kernel's view under qemu:
 * SEG_MAX GEOMETRY BLK_SIZE FLUSH TOPOLOGY CONFIG_WCE DISCARD
 * WRITE_ZEROES, and RO for a read-only drive), and the requests of spec
 * 5.2.6: IN, OUT, FLUSH, GET_ID, DISCARD and WRITE_ZEROES.
 *
 * The queue handler only wakes the device's worker thread; the worker
 * pops a request under the device lock, does the I/O without it, and
 * pushes the answer and interrupts under it again.  Data moves at most
 * CHUNK bytes at a time, so a guest's huge request costs time, not host
 * memory: straight between the image and guest RAM (virtqueue_elem_map)
 * where the buffers are plain RAM in at most MAP_MAX pieces, else through
 * a bounce buffer.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "hw/virtio/virtio-blk.h"
#include "softmmu/device-lock.h"

/* Feature bits (5.2.3). */
enum {
    BLK_F_SEG_MAX = 2, BLK_F_GEOMETRY = 4, BLK_F_RO = 5, BLK_F_BLK_SIZE = 6,
    BLK_F_FLUSH = 9, BLK_F_TOPOLOGY = 10, BLK_F_CONFIG_WCE = 11,
    BLK_F_DISCARD = 13, BLK_F_WRITE_ZEROES = 14,
};

/* Request types and status (5.2.6). */
enum {
    BLK_T_IN = 0, BLK_T_OUT = 1, BLK_T_FLUSH = 4, BLK_T_GET_ID = 8,
    BLK_T_DISCARD = 11, BLK_T_WRITE_ZEROES = 13,
};
#define BLK_T_BARRIER   0x80000000u     /* legacy: ignored, as qemu does */
enum { BLK_S_OK = 0, BLK_S_IOERR = 1, BLK_S_UNSUPP = 2 };
#define BLK_WZ_F_UNMAP  1u

#define SECTOR          512
#define QUEUE_SIZE      256
#define ID_BYTES        20
#define HEADER_SIZE     16              /* le32 type, le32 reserved, le64 sector */
#define DWZ_SEG_SIZE    16              /* le64 sector, le32 num_sectors, le32 flags */
#define CHUNK           (1u << 20)
/* Host iovecs one CHUNK may take when mapped: a page each, and more for
 * the odd guest buffer that straddles pages without being contiguous. */
#define MAP_MAX         1024
/* qemu's BDRV_REQUEST_MAX_SECTORS: the largest discard or write-zeroes. */
#define MAX_DWZ_SECTORS ((0x7fffffffu & ~(SECTOR - 1)) / SECTOR)
/* struct virtio_blk_config up to write_zeroes_may_unmap and its padding:
 * what qemu 7.2 exposes with discard and write zeroes offered. */
#define CONFIG_SIZE     60

struct VirtIOBlock {
    VirtIODevice vdev;
    VirtQueue *vq;
    VirtIOBlockOptions opt;
    char serial[ID_BYTES + 1];
    int writeback;              /* config's writeback byte; atomic */
    GThread *worker;
    GMutex lock;                /* kick, quit and busy */
    GCond cond;
    GCond idle;                 /* busy went false */
    bool kicked, quit;
    bool busy;                  /* the worker is between a kick and an empty queue */
    uint8_t *bounce;
    struct iovec *map;          /* MAP_MAX of them, the worker's */
};

/* ---- config space ---- */

static void put16(uint8_t *p, uint16_t v) { v = GUINT16_TO_LE(v); memcpy(p, &v, 2); }
static void put32(uint8_t *p, uint32_t v) { v = GUINT32_TO_LE(v); memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { v = GUINT64_TO_LE(v); memcpy(p, &v, 8); }

static VirtIOBlock *blk_of(VirtIODevice *vdev)
{
    return (VirtIOBlock *)vdev;
}

/* A disk's CHS geometry as qemu guesses it for an image without a
 * partition table: 16 heads, 63 sectors, cylinders clamped to 2..16383. */
static void geometry(uint64_t sectors, uint16_t *cyls, uint8_t *heads, uint8_t *secs)
{
    uint64_t c = sectors / (16 * 63);
    *cyls = c > 16383 ? 16383 : c < 2 ? 2 : c;
    *heads = 16;
    *secs = 63;
}

static void blk_get_config(VirtIODevice *vdev, uint8_t *c)
{
    VirtIOBlock *b = blk_of(vdev);
    uint64_t sectors = b->opt.bs->size / SECTOR;
    uint16_t cyls;
    uint8_t heads, secs;
    geometry(sectors, &cyls, &heads, &secs);
    memset(c, 0, CONFIG_SIZE);
    put64(c + 0, sectors);                      /* capacity */
    put32(c + 12, QUEUE_SIZE - 2);              /* seg_max */
    put16(c + 16, cyls);
    c[18] = heads;
    c[19] = secs;
    put32(c + 20, SECTOR);                      /* blk_size */
    /* topology (24..31): one logical block per physical, no hints */
    c[32] = __atomic_load_n(&b->writeback, __ATOMIC_RELAXED);
    put16(c + 34, 1);                           /* num_queues */
    put32(c + 36, MAX_DWZ_SECTORS);             /* max_discard_sectors */
    put32(c + 40, 1);                           /* max_discard_seg */
    put32(c + 44, 1);                           /* discard_sector_alignment */
    put32(c + 48, MAX_DWZ_SECTORS);             /* max_write_zeroes_sectors */
    put32(c + 52, 1);                           /* max_write_zeroes_seg */
    c[56] = 1;                                  /* write_zeroes_may_unmap */
}

static void blk_set_config(VirtIODevice *vdev, const uint8_t *c)
{
    /* Only writeback is writable (CONFIG_WCE, 5.2.5). */
    __atomic_store_n(&blk_of(vdev)->writeback, c[32] != 0, __ATOMIC_RELAXED);
}

static uint64_t blk_get_features(VirtIODevice *vdev)
{
    VirtIOBlock *b = blk_of(vdev);
    uint64_t f = 1ull << BLK_F_SEG_MAX | 1ull << BLK_F_GEOMETRY | 1ull << BLK_F_BLK_SIZE |
                 1ull << BLK_F_FLUSH | 1ull << BLK_F_TOPOLOGY | 1ull << BLK_F_CONFIG_WCE |
                 1ull << BLK_F_DISCARD | 1ull << BLK_F_WRITE_ZEROES;
    return b->opt.read_only ? f | 1ull << BLK_F_RO : f;
}

static void blk_set_features(VirtIODevice *vdev, uint64_t features)
{
    /* A driver that cannot flush gets a write-through disk (5.2.5.1). */
    VirtIOBlock *b = blk_of(vdev);
    bool wce = (features >> BLK_F_FLUSH) & 1;
    __atomic_store_n(&b->writeback, wce && b->opt.writeback, __ATOMIC_RELAXED);
}

static void blk_reset(VirtIODevice *vdev)
{
    VirtIOBlock *b = blk_of(vdev);
    __atomic_store_n(&b->writeback, b->opt.writeback, __ATOMIC_RELAXED);
}

/* ---- requests (on the worker, without the device lock) ---- */

/* True if [sector, sector + bytes / 512) lies in the disk. */
static bool range_ok(const VirtIOBlock *b, uint64_t sector, uint64_t bytes)
{
    uint64_t size = b->opt.bs->size;
    return bytes % SECTOR == 0 && sector <= size / SECTOR &&
           bytes <= size - sector * SECTOR;
}

static int do_flush(VirtIOBlock *b)
{
    return b->opt.ignore_flush ? 0 : bdrv_flush(b->opt.bs);
}

static uint8_t req_read(VirtIOBlock *b, const VirtQueueElement *e, uint64_t sector,
                        uint64_t len, uint32_t *written)
{
    if (!range_ok(b, sector, len)) {
        return BLK_S_IOERR;
    }
    for (uint64_t done = 0; done < len;) {
        uint64_t n = MIN(len - done, CHUNK);
        int k = virtqueue_elem_map(&b->vdev, e, true, done, n, b->map, MAP_MAX);
        if (k >= 0) {
            int r = bdrv_preadv(b->opt.bs, sector * SECTOR + done, b->map, k);
            /* Even a failed read may have stored some of it. */
            virtqueue_elem_written(&b->vdev, e, done, n);
            if (r < 0) {
                return BLK_S_IOERR;
            }
        } else if (bdrv_pread(b->opt.bs, sector * SECTOR + done, b->bounce, n) < 0) {
            return BLK_S_IOERR;
        } else {
            virtqueue_elem_write(&b->vdev, e, done, b->bounce, n);
        }
        done += n;
    }
    *written = len;
    return BLK_S_OK;
}

static uint8_t req_write(VirtIOBlock *b, const VirtQueueElement *e, uint64_t sector)
{
    uint64_t len = e->out_len - HEADER_SIZE;
    if (b->opt.read_only || !range_ok(b, sector, len)) {
        return BLK_S_IOERR;
    }
    for (uint64_t done = 0; done < len;) {
        uint64_t n = MIN(len - done, CHUNK);
        int k = virtqueue_elem_map(&b->vdev, e, false, HEADER_SIZE + done, n, b->map, MAP_MAX);
        int r;
        if (k >= 0) {
            r = bdrv_pwritev(b->opt.bs, sector * SECTOR + done, b->map, k);
        } else {
            virtqueue_elem_read(&b->vdev, e, HEADER_SIZE + done, b->bounce, n);
            r = bdrv_pwrite(b->opt.bs, sector * SECTOR + done, b->bounce, n);
        }
        if (r < 0) {
            return BLK_S_IOERR;
        }
        done += n;
    }
    if (!__atomic_load_n(&b->writeback, __ATOMIC_RELAXED) && do_flush(b) < 0) {
        return BLK_S_IOERR;
    }
    return BLK_S_OK;
}

/* DISCARD and WRITE_ZEROES: one segment (max_*_seg is 1). */
static uint8_t req_dwz(VirtIOBlock *b, const VirtQueueElement *e, bool zeroes)
{
    uint64_t payload = e->out_len - HEADER_SIZE;
    if (!virtio_has_feature(&b->vdev, zeroes ? BLK_F_WRITE_ZEROES : BLK_F_DISCARD)) {
        return BLK_S_UNSUPP;
    }
    if (payload != DWZ_SEG_SIZE) {
        return payload > DWZ_SEG_SIZE && payload % DWZ_SEG_SIZE == 0 ? BLK_S_UNSUPP
                                                                       : BLK_S_IOERR;
    }
    uint8_t seg[DWZ_SEG_SIZE];
    uint64_t sector;
    uint32_t num, flags;
    virtqueue_elem_read(&b->vdev, e, HEADER_SIZE, seg, sizeof(seg));
    memcpy(&sector, seg, 8);
    memcpy(&num, seg + 8, 4);
    memcpy(&flags, seg + 12, 4);
    sector = GUINT64_FROM_LE(sector);
    num = GUINT32_FROM_LE(num);
    flags = GUINT32_FROM_LE(flags);
    /* 5.2.6.2: discard takes no flags, write zeroes only UNMAP. */
    if (flags & ~(zeroes ? BLK_WZ_F_UNMAP : 0)) {
        return BLK_S_UNSUPP;
    }
    if (b->opt.read_only || num > MAX_DWZ_SECTORS ||
        !range_ok(b, sector, (uint64_t)num * SECTOR)) {
        return BLK_S_IOERR;
    }
    uint64_t off = sector * SECTOR, len = (uint64_t)num * SECTOR;
    int64_t start = block_acct_now();
    int r = zeroes ? bdrv_write_zeroes(b->opt.bs, off, len) : bdrv_discard(b->opt.bs, off, len);
    if (b->opt.acct) {
        /* As qemu: write zeroes counts as a write. */
        block_acct_done(b->opt.acct, zeroes ? BLOCK_ACCT_WRITE : BLOCK_ACCT_UNMAP, off, len,
                        start, r < 0);
    }
    return r < 0 ? BLK_S_IOERR : BLK_S_OK;
}

static uint8_t req_get_id(VirtIOBlock *b, const VirtQueueElement *e, uint64_t in_data,
                          uint32_t *written)
{
    /* qemu writes the serial and its NUL, at most 20 bytes. */
    size_t n = MIN(MIN(strlen(b->serial) + 1, (size_t)ID_BYTES), in_data);
    *written = virtqueue_elem_write(&b->vdev, e, 0, b->serial, n);
    return BLK_S_OK;
}

/* Runs one request; returns false if its framing is so wrong that the
 * device must stop (no header, no status byte: 5.2.6.1). */
static bool handle_request(VirtIOBlock *b, VirtQueueElement *e)
{
    uint8_t hdr[HEADER_SIZE];
    if (e->out_len < HEADER_SIZE || e->in_len < 1) {
        return false;
    }
    virtqueue_elem_read(&b->vdev, e, 0, hdr, sizeof(hdr));
    uint32_t type;
    uint64_t sector;
    memcpy(&type, hdr, 4);
    memcpy(&sector, hdr + 8, 8);
    type = GUINT32_FROM_LE(type) & ~BLK_T_BARRIER;
    sector = GUINT64_FROM_LE(sector);
    uint64_t in_data = e->in_len - 1;
    uint32_t written = 0;
    uint8_t status;
    /* Reads, writes and flushes are counted here, the rest in req_dwz. */
    BlockAcctType acct = type == BLK_T_IN ? BLOCK_ACCT_READ : type == BLK_T_OUT
        ? BLOCK_ACCT_WRITE : type == BLK_T_FLUSH ? BLOCK_ACCT_FLUSH : BLOCK_ACCT__MAX;
    uint64_t acct_bytes = type == BLK_T_IN ? in_data : type == BLK_T_OUT
        ? e->out_len - HEADER_SIZE : 0;
    if (!b->opt.acct) {
        acct = BLOCK_ACCT__MAX;
    } else if (acct != BLOCK_ACCT__MAX && acct != BLOCK_ACCT_FLUSH &&
               !range_ok(b, sector, acct_bytes)) {
        block_acct_invalid(b->opt.acct, acct);
        acct = BLOCK_ACCT__MAX;
    }
    int64_t start = acct != BLOCK_ACCT__MAX ? block_acct_now() : 0;
    switch (type) {
    case BLK_T_IN:
        status = req_read(b, e, sector, in_data, &written);
        break;
    case BLK_T_OUT:
        status = req_write(b, e, sector);
        break;
    case BLK_T_FLUSH:
        status = do_flush(b) < 0 ? BLK_S_IOERR : BLK_S_OK;
        break;
    case BLK_T_GET_ID:
        status = req_get_id(b, e, in_data, &written);
        break;
    case BLK_T_DISCARD:
    case BLK_T_WRITE_ZEROES:
        status = req_dwz(b, e, type == BLK_T_WRITE_ZEROES);
        break;
    default:
        status = BLK_S_UNSUPP;
        break;
    }
    if (acct != BLOCK_ACCT__MAX) {
        block_acct_done(b->opt.acct, acct, sector * SECTOR, acct_bytes, start,
                        status != BLK_S_OK);
    }
    virtqueue_elem_write(&b->vdev, e, in_data, &status, 1);
    return true;
}

static gpointer worker_main(gpointer opaque)
{
    VirtIOBlock *b = opaque;
    for (;;) {
        g_mutex_lock(&b->lock);
        while (!b->kicked && !b->quit) {
            g_cond_wait(&b->cond, &b->lock);
        }
        bool quit = b->quit;
        b->kicked = false;
        b->busy = !quit;
        g_mutex_unlock(&b->lock);
        if (quit) {
            return NULL;
        }
        for (;;) {
            device_lock();
            VirtQueueElement *e = virtqueue_pop(b->vq);
            device_unlock();
            if (!e) {
                g_mutex_lock(&b->lock);
                b->busy = false;
                g_cond_broadcast(&b->idle);
                g_mutex_unlock(&b->lock);
                break;
            }
            bool ok = handle_request(b, e);
            device_lock();
            if (ok) {
                /* qemu reports the whole device-writable size as used. */
                virtqueue_push(b->vq, e, (uint32_t)MIN(e->in_len, UINT32_MAX));
                virtio_notify(&b->vdev, b->vq);
            } else {
                virtqueue_elem_free(e);
                virtio_error(&b->vdev, "request without header or status byte");
            }
            device_unlock();
        }
    }
}

/* savevm: the worker has served every kick (no new one comes: the
 * vCPUs are stopped). */
static void blk_drain(VirtIODevice *vdev)
{
    VirtIOBlock *b = blk_of(vdev);
    g_mutex_lock(&b->lock);
    while (b->kicked || b->busy) {
        g_cond_wait(&b->idle, &b->lock);
    }
    g_mutex_unlock(&b->lock);
}

/* On the vCPU that wrote QueueNotify, under the device lock. */
static void blk_handle_queue(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBlock *b = blk_of(vdev);
    g_mutex_lock(&b->lock);
    b->kicked = true;
    g_cond_signal(&b->cond);
    g_mutex_unlock(&b->lock);
}

static const VMStateField blk_fields[] = {
    VMSTATE_FIELD(writeback, VirtIOBlock, 1),
    VMSTATE_END,
};

const VMStateDescription vmstate_virtio_blk = {
    .name = "virtio-blk",
    .version = 1,
    .minimum_version = 1,
    .fields = blk_fields,
};

static const VirtIODeviceClass virtio_blk_class = {
    .name = "virtio-blk",
    .device_id = VIRTIO_ID_BLOCK,
    .config_size = CONFIG_SIZE,
    .get_features = blk_get_features,
    .get_config = blk_get_config,
    .set_config = blk_set_config,
    .set_features = blk_set_features,
    .reset = blk_reset,
    .vmsd = &vmstate_virtio_blk,
    .drain = blk_drain,
};

VirtIOBlock *virtio_blk_new(const VirtIOBlockOptions *o, AddressSpace *dma_as, bool legacy)
{
    VirtIOBlock *b = g_new0(VirtIOBlock, 1);
    b->opt = *o;
    b->opt.serial = NULL;
    g_strlcpy(b->serial, o->serial ? o->serial : "", sizeof(b->serial));
    b->writeback = o->writeback;
    /* Aligned for images opened O_DIRECT (cache=none). */
    if (posix_memalign((void **)&b->bounce, 4096, CHUNK)) {
        g_error("virtio-blk: out of memory");
    }
    b->map = g_new(struct iovec, MAP_MAX);
    virtio_init(&b->vdev, &virtio_blk_class, dma_as, legacy);
    b->vq = virtio_add_queue(&b->vdev, QUEUE_SIZE, blk_handle_queue);
    g_mutex_init(&b->lock);
    g_cond_init(&b->cond);
    g_cond_init(&b->idle);
    b->worker = g_thread_new("virtio-blk", worker_main, b);
    return b;
}

VirtIODevice *virtio_blk_vdev(VirtIOBlock *b)
{
    return &b->vdev;
}

void virtio_blk_free(VirtIOBlock *b)
{
    g_mutex_lock(&b->lock);
    b->quit = true;
    g_cond_signal(&b->cond);
    g_mutex_unlock(&b->lock);
    g_thread_join(b->worker);
    g_mutex_clear(&b->lock);
    g_cond_clear(&b->cond);
    g_cond_clear(&b->idle);
    virtio_destroy(&b->vdev);
    free(b->bounce);
    g_free(b->map);
    g_free(b);
}
