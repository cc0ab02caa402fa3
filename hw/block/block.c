/*
 * The block layer's core: the table of formats, probing, opening an image
 * file with the mode and lock its flags ask for, and the serialised calls
 * every user goes through.
 */
#include "hw/block/block.h"
#include "hw/block/qcow2.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

static const BlockDriver *const block_drivers[] = {
    &bdrv_qcow2,
    &bdrv_raw,
};

/* The formats that take scatter-gather lists whole. */
static const struct {
    const BlockDriver *drv;
    BlockDriverReadv *preadv;
    BlockDriverWritev *pwritev;
} vectored_drivers[] = {
    { &bdrv_qcow2, qcow2_preadv, qcow2_pwritev },
    { &bdrv_raw, raw_preadv, raw_pwritev },
};

/* Image locking, compatible with qemu's (block/file-posix.c): byte
 * 100 + n of the image file is read-locked (open file description locks)
 * by whoever holds permission n, byte 200 + n by whoever refuses to share
 * it.  A conflict is someone else's lock on the byte that pairs with ours,
 * so qemu and mimic each refuse the other's second writer. */
enum { LOCK_PERM_BASE = 100, LOCK_SHARED_BASE = 200 };
static const char *const lock_perm_names[] = {
    "consistent read", "write", "write unchanged", "resize",
};

static int lock_byte(int fd, int cmd, short type, off_t byte)
{
    struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = byte, .l_len = 1 };
    return fcntl(fd, cmd, &fl) < 0 ? -errno : (cmd == F_OFD_GETLK ? fl.l_type != F_UNLCK : 0);
}

static bool bdrv_lock(int fd, bool write, const char *filename, GError **errp)
{
    /* A writer holds consistent read, write and resize; readers and
     * writers alike share neither write nor resize, as qemu's do. */
    unsigned held = write ? 0xb : 0x1, unshared = 0xa;
    for (int n = 0; n < 4; n++) {
        int r = 0;
        if (held & (1u << n)) {
            r = lock_byte(fd, F_OFD_SETLK, F_RDLCK, LOCK_PERM_BASE + n);
        }
        if (r == 0 && (unshared & (1u << n))) {
            r = lock_byte(fd, F_OFD_SETLK, F_RDLCK, LOCK_SHARED_BASE + n);
        }
        if (r == -EAGAIN || r == -EACCES) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "Failed to lock byte %d\nIs another process using the image [%s]?",
                        (held & (1u << n)) ? LOCK_PERM_BASE + n : LOCK_SHARED_BASE + n, filename);
            return false;
        }
        if (r < 0 && r != -EINVAL && r != -ENOLCK && r != -EOPNOTSUPP) {
            g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(-r),
                        "Failed to lock '%s': %s", filename, g_strerror(-r));
            return false;
        }
    }
    for (int n = 0; n < 4; n++) {
        if ((held & (1u << n)) && lock_byte(fd, F_OFD_GETLK, F_WRLCK, LOCK_SHARED_BASE + n) > 0) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "Failed to get \"%s\" lock\nIs another process using the image [%s]?",
                        lock_perm_names[n], filename);
            return false;
        }
        if ((unshared & (1u << n)) && lock_byte(fd, F_OFD_GETLK, F_WRLCK, LOCK_PERM_BASE + n) > 0) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "Failed to get shared \"%s\" lock\nIs another process using the image [%s]?",
                        lock_perm_names[n], filename);
            return false;
        }
    }
    return true;
}

const BlockDriver *bdrv_find_format(const char *name)
{
    for (size_t i = 0; i < G_N_ELEMENTS(block_drivers); i++) {
        if (!strcmp(block_drivers[i]->format_name, name)) {
            return block_drivers[i];
        }
    }
    return NULL;
}

static const BlockDriver *bdrv_probe(int fd, const char *filename)
{
    uint8_t buf[2048];
    ssize_t n = pread(fd, buf, sizeof(buf), 0);
    const BlockDriver *best = &bdrv_raw;
    int best_score = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(block_drivers); i++) {
        int score = block_drivers[i]->probe(buf, n < 0 ? 0 : n, filename);
        if (score > best_score) {
            best = block_drivers[i];
            best_score = score;
        }
    }
    return best;
}

BlockDriverState *bdrv_open(const char *filename, const char *format, int flags,
                            GError **errp)
{
    const BlockDriver *drv = NULL;
    if (format && !(drv = bdrv_find_format(format))) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Unknown driver '%s'", format);
        return NULL;
    }
    int mode = (flags & BDRV_O_RDWR) ? O_RDWR : O_RDONLY;
    if (flags & BDRV_O_NOCACHE) {
        mode |= O_DIRECT;
    }
    /* O_NONBLOCK so that a FIFO (a hostile image may name one as its
     * backing file) cannot hang the open; only files and disks pass. */
    int fd = open(filename, mode | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(e),
                    "Could not open '%s': %s", filename, g_strerror(e));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)) ||
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Could not open '%s': not a regular file or block device", filename);
        close(fd);
        return NULL;
    }
    if (!(flags & BDRV_O_NO_LOCK) && !bdrv_lock(fd, flags & BDRV_O_RDWR, filename, errp)) {
        close(fd);
        return NULL;
    }
    if (!drv) {
        drv = bdrv_probe(fd, filename);
    }
    BlockDriverState *bs = g_new0(BlockDriverState, 1);
    bs->drv = drv;
    bs->filename = g_strdup(filename);
    bs->flags = flags;
    bs->read_only = !(flags & BDRV_O_RDWR);
    g_mutex_init(&bs->lock);
    if (!drv->open(bs, fd, errp)) {
        g_mutex_clear(&bs->lock);
        g_free(bs->filename);
        g_free(bs);
        return NULL;
    }
    return bs;
}

BlockDriverState *bdrv_open_snapshot(const char *filename, const char *format, int flags,
                                     GError **errp)
{
    /* The image itself, read-only: its size and format for the overlay. */
    BlockDriverState *base = bdrv_open(filename, format, flags & ~BDRV_O_RDWR, errp);
    if (!base) {
        return NULL;
    }
    g_autofree char *backing = g_canonicalize_filename(filename, NULL);
    Qcow2CreateOptions o = {
        .size = base->size,
        .version = 3,
        .backing_file = backing,
        .backing_format = base->drv->format_name,
    };
    bdrv_close(base);
    /* Where qemu puts its snapshot overlays (or $TMPDIR). */
    const char *dir = g_getenv("TMPDIR") ? g_getenv("TMPDIR") : "/var/tmp";
    g_autofree char *overlay = g_build_filename(dir, "mimic-snapshot.XXXXXX", NULL);
    int fd = g_mkstemp(overlay);
    if (fd < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "Could not create a temporary overlay in %s: %s", dir, g_strerror(errno));
        return NULL;
    }
    close(fd);
    BlockDriverState *bs = NULL;
    if (qcow2_create(overlay, &o, errp)) {
        bs = bdrv_open(overlay, "qcow2", (flags | BDRV_O_RDWR) & ~BDRV_O_NOCACHE, errp);
    }
    /* Gone from the file system at once; the open file lives until exit. */
    unlink(overlay);
    return bs;
}

void bdrv_close(BlockDriverState *bs)
{
    if (!bs) {
        return;
    }
    bs->drv->close(bs);
    bdrv_close(bs->backing);
    g_mutex_clear(&bs->lock);
    g_free(bs->filename);
    g_free(bs);
}

/* Requests past the end of the disk are the caller's bug or a hostile
 * guest's: refuse them here, once, for every format. */
static bool bdrv_in_range(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    return offset <= bs->size && len <= bs->size - offset;
}

int bdrv_pread(BlockDriverState *bs, uint64_t offset, void *buf, uint64_t len)
{
    if (!bdrv_in_range(bs, offset, len)) {
        return -EIO;
    }
    g_mutex_lock(&bs->lock);
    int r = bs->drv->pread(bs, offset, buf, len);
    g_mutex_unlock(&bs->lock);
    return r;
}

int bdrv_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf, uint64_t len)
{
    if (bs->read_only) {
        return -EROFS;
    }
    if (!bdrv_in_range(bs, offset, len)) {
        return -EIO;
    }
    g_mutex_lock(&bs->lock);
    int r = bs->drv->pwrite(bs, offset, buf, len);
    g_mutex_unlock(&bs->lock);
    return r;
}

int bdrv_flush(BlockDriverState *bs)
{
    if (bs->read_only) {
        return 0;
    }
    g_mutex_lock(&bs->lock);
    int r = bs->drv->flush(bs);
    g_mutex_unlock(&bs->lock);
    return r;
}

int64_t block_acct_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void block_acct_done(BlockAcct *a, BlockAcctType t, uint64_t offset, uint64_t bytes,
                     int64_t start_ns, bool failed)
{
    int64_t now = block_acct_now();
    g_mutex_lock(&a->lock);
    if (failed) {
        a->c.failed[t]++;
    } else {
        a->c.ops[t]++;
        a->c.bytes[t] += bytes;
        if (t == BLOCK_ACCT_WRITE && offset + bytes > a->c.wr_highest_offset) {
            a->c.wr_highest_offset = offset + bytes;
        }
    }
    a->c.total_ns[t] += now - start_ns;
    a->c.last_done_ns = now;
    g_mutex_unlock(&a->lock);
}

void block_acct_invalid(BlockAcct *a, BlockAcctType t)
{
    g_mutex_lock(&a->lock);
    a->c.invalid[t]++;
    g_mutex_unlock(&a->lock);
}

void block_acct_read(BlockAcct *a, BlockAcctCounts *out)
{
    g_mutex_lock(&a->lock);
    *out = a->c;
    g_mutex_unlock(&a->lock);
}

void bdrv_image_facts(BlockDriverState *bs, BlockImageFacts *f)
{
    *f = (BlockImageFacts){ 0 };
    if (bs->drv->facts) {
        g_mutex_lock(&bs->lock);
        bs->drv->facts(bs, f);
        g_mutex_unlock(&bs->lock);
    }
}

int bdrv_discard(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    if (bs->read_only) {
        return -EROFS;
    }
    if (!bdrv_in_range(bs, offset, len)) {
        return -EIO;
    }
    if (!bs->drv->discard) {
        return 0;
    }
    g_mutex_lock(&bs->lock);
    int r = bs->drv->discard(bs, offset, len);
    g_mutex_unlock(&bs->lock);
    return r;
}

int bdrv_write_zeroes(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    if (bs->read_only) {
        return -EROFS;
    }
    if (!bdrv_in_range(bs, offset, len)) {
        return -EIO;
    }
    g_mutex_lock(&bs->lock);
    int r;
    if (bs->drv->write_zeroes) {
        r = bs->drv->write_zeroes(bs, offset, len);
    } else {
        static const uint8_t zeros[65536];
        r = 0;
        while (len && r == 0) {
            uint64_t n = MIN(len, sizeof(zeros));
            r = bs->drv->pwrite(bs, offset, zeros, n);
            offset += n;
            len -= n;
        }
    }
    g_mutex_unlock(&bs->lock);
    return r;
}

static int vectored_index(const BlockDriver *drv)
{
    for (size_t i = 0; i < G_N_ELEMENTS(vectored_drivers); i++) {
        if (vectored_drivers[i].drv == drv) {
            return i;
        }
    }
    return -1;
}

/* One element at a time through the driver's pread or pwrite. */
static int rw_elements(BlockDriverState *bs, uint64_t offset, const struct iovec *iov, int cnt,
                       bool write)
{
    int r = 0;
    for (int i = 0; i < cnt && r == 0; i++) {
        r = write ? bs->drv->pwrite(bs, offset, iov[i].iov_base, iov[i].iov_len)
                  : bs->drv->pread(bs, offset, iov[i].iov_base, iov[i].iov_len);
        offset += iov[i].iov_len;
    }
    return r;
}

int bdrv_preadv(BlockDriverState *bs, uint64_t offset, const struct iovec *iov, int cnt)
{
    uint64_t len = bdrv_iov_size(iov, cnt);
    if (cnt < 0 || !bdrv_in_range(bs, offset, len)) {
        return -EIO;
    }
    int v = vectored_index(bs->drv);
    g_mutex_lock(&bs->lock);
    int r = v >= 0 ? vectored_drivers[v].preadv(bs, offset, iov, cnt, len)
                   : rw_elements(bs, offset, iov, cnt, false);
    g_mutex_unlock(&bs->lock);
    return r;
}

int bdrv_pwritev(BlockDriverState *bs, uint64_t offset, const struct iovec *iov, int cnt)
{
    if (bs->read_only) {
        return -EROFS;
    }
    uint64_t len = bdrv_iov_size(iov, cnt);
    if (cnt < 0 || !bdrv_in_range(bs, offset, len)) {
        return -EIO;
    }
    int v = vectored_index(bs->drv);
    g_mutex_lock(&bs->lock);
    int r = v >= 0 ? vectored_drivers[v].pwritev(bs, offset, iov, cnt, len)
                   : rw_elements(bs, offset, iov, cnt, true);
    g_mutex_unlock(&bs->lock);
    return r;
}

int bdrv_fd_pread(int fd, uint64_t offset, void *buf, uint64_t len)
{
    uint8_t *p = buf;
    while (len) {
        ssize_t n = pread(fd, p, len, offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            memset(p, 0, len);      /* past the end of the file: a hole */
            return 0;
        }
        p += n;
        offset += n;
        len -= n;
    }
    return 0;
}

int bdrv_fd_pwrite(int fd, uint64_t offset, const void *buf, uint64_t len)
{
    const uint8_t *p = buf;
    while (len) {
        ssize_t n = pwrite(fd, p, len, offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        p += n;
        offset += n;
        len -= n;
    }
    return 0;
}
