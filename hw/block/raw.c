/*
 * The raw format: the file is the disk, byte for byte.
 */
#include "hw/block/block.h"
#include <errno.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct RawState {
    int fd;
} RawState;

static int raw_probe(const uint8_t *buf, size_t len, const char *filename)
{
    return 1;
}

static bool raw_open(BlockDriverState *bs, int fd, GError **errp)
{
    struct stat st;
    if (fstat(fd, &st) < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "%s: %s", bs->filename, g_strerror(errno));
        close(fd);
        return false;
    }
    uint64_t size = st.st_size;
    if (S_ISBLK(st.st_mode)) {
        off_t end = lseek(fd, 0, SEEK_END);
        size = end < 0 ? 0 : (uint64_t)end;
    }
    RawState *s = g_new0(RawState, 1);
    s->fd = fd;
    bs->opaque = s;
    bs->size = size;
    return true;
}

static int raw_pread(BlockDriverState *bs, uint64_t offset, void *buf, uint64_t len)
{
    RawState *s = bs->opaque;
    return bdrv_fd_pread(s->fd, offset, buf, len);
}

static int raw_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf, uint64_t len)
{
    RawState *s = bs->opaque;
    return bdrv_fd_pwrite(s->fd, offset, buf, len);
}

/* O_DIRECT (cache=none) wants buffers, lengths and offsets aligned to
 * the device's block; 4096 covers every device Linux has. */
#define DIRECT_ALIGN 4096

static bool direct_ok(const BlockDriverState *bs, uint64_t offset, const struct iovec *iov,
                      int cnt)
{
    if (!(bs->flags & BDRV_O_NOCACHE)) {
        return true;
    }
    uint64_t bits = offset;
    for (int i = 0; i < cnt; i++) {
        bits |= (uintptr_t)iov[i].iov_base | iov[i].iov_len;
    }
    return (bits & (DIRECT_ALIGN - 1)) == 0;
}

/* A list O_DIRECT would refuse goes through an aligned copy. */
static int raw_rw_vec(BlockDriverState *bs, uint64_t offset, const struct iovec *iov, int cnt,
                      uint64_t len, bool write)
{
    RawState *s = bs->opaque;
    if (direct_ok(bs, offset, iov, cnt)) {
        return write ? bdrv_fd_pwritev(s->fd, offset, iov, cnt)
                     : bdrv_fd_preadv(s->fd, offset, iov, cnt);
    }
    void *buf;
    if (posix_memalign(&buf, DIRECT_ALIGN, MAX(len, 1))) {
        return -ENOMEM;
    }
    int r;
    if (write) {
        bdrv_iov_to_buf(iov, cnt, 0, buf, len);
        r = bdrv_fd_pwrite(s->fd, offset, buf, len);
    } else if ((r = bdrv_fd_pread(s->fd, offset, buf, len)) == 0) {
        bdrv_iov_from_buf(iov, cnt, 0, buf, len);
    }
    free(buf);
    return r;
}

int raw_preadv(BlockDriverState *bs, uint64_t offset, const struct iovec *iov, int cnt,
               uint64_t len)
{
    return raw_rw_vec(bs, offset, iov, cnt, len, false);
}

int raw_pwritev(BlockDriverState *bs, uint64_t offset, const struct iovec *iov, int cnt,
                uint64_t len)
{
    return raw_rw_vec(bs, offset, iov, cnt, len, true);
}

static int raw_flush(BlockDriverState *bs)
{
    RawState *s = bs->opaque;
    return fdatasync(s->fd) < 0 ? -errno : 0;
}

static int raw_discard(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    RawState *s = bs->opaque;
    /* Punching a hole reads back as zeros, which is what the guest may
     * (but need not) see after a discard; files that cannot punch keep
     * their data, which is also allowed. */
    if (fallocate(s->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, len) < 0 &&
        errno != EOPNOTSUPP) {
        return -errno;
    }
    return 0;
}

static int raw_write_zeroes(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    RawState *s = bs->opaque;
    if (fallocate(s->fd, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, offset, len) == 0) {
        return 0;
    }
    static const uint8_t zeros[65536];
    while (len) {
        uint64_t n = MIN(len, sizeof(zeros));
        int r = bdrv_fd_pwrite(s->fd, offset, zeros, n);
        if (r < 0) {
            return r;
        }
        offset += n;
        len -= n;
    }
    return 0;
}

static void raw_close(BlockDriverState *bs)
{
    RawState *s = bs->opaque;
    close(s->fd);
    g_free(s);
}

const BlockDriver bdrv_raw = {
    .format_name = "raw",
    .probe = raw_probe,
    .open = raw_open,
    .pread = raw_pread,
    .pwrite = raw_pwrite,
    .flush = raw_flush,
    .discard = raw_discard,
    .write_zeroes = raw_write_zeroes,
    .close = raw_close,
};
