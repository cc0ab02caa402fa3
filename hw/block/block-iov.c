/*
 * Scatter-gather lists for the block layer: cutting a byte range out of
 * an iovec array, filling and copying parts of one, and whole-range
 * preadv/pwritev on an image file.  They let a device hand guest RAM
 * straight to the formats (no bounce copy), and let a format move a run
 * of contiguous host clusters in one system call.
 */
#include "hw/block/block.h"
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

int bdrv_iov_slice(const struct iovec *iov, int cnt, uint64_t offset, uint64_t len,
                   struct iovec *out)
{
    int n = 0;
    for (int i = 0; i < cnt && len; i++) {
        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        uint64_t take = MIN((uint64_t)iov[i].iov_len - offset, len);
        out[n].iov_base = (uint8_t *)iov[i].iov_base + offset;
        out[n].iov_len = take;
        n++;
        len -= take;
        offset = 0;
    }
    return n;
}

/* Visits [offset, offset + len) of the list piece by piece. */
static void iov_walk(const struct iovec *iov, int cnt, uint64_t offset, uint64_t len,
                     void (*fn)(uint8_t *piece, uint64_t n, uint64_t done, void *opaque),
                     void *opaque)
{
    uint64_t done = 0;
    for (int i = 0; i < cnt && done < len; i++) {
        if (offset >= iov[i].iov_len) {
            offset -= iov[i].iov_len;
            continue;
        }
        uint64_t n = MIN((uint64_t)iov[i].iov_len - offset, len - done);
        fn((uint8_t *)iov[i].iov_base + offset, n, done, opaque);
        done += n;
        offset = 0;
    }
}

static void zero_piece(uint8_t *piece, uint64_t n, uint64_t done, void *opaque)
{
    memset(piece, 0, n);
}

static void gather_piece(uint8_t *piece, uint64_t n, uint64_t done, void *opaque)
{
    memcpy((uint8_t *)opaque + done, piece, n);
}

static void scatter_piece(uint8_t *piece, uint64_t n, uint64_t done, void *opaque)
{
    memcpy(piece, (const uint8_t *)opaque + done, n);
}

void bdrv_iov_memset0(const struct iovec *iov, int cnt, uint64_t offset, uint64_t len)
{
    iov_walk(iov, cnt, offset, len, zero_piece, NULL);
}

void bdrv_iov_to_buf(const struct iovec *iov, int cnt, uint64_t offset, void *buf, uint64_t len)
{
    iov_walk(iov, cnt, offset, len, gather_piece, buf);
}

void bdrv_iov_from_buf(const struct iovec *iov, int cnt, uint64_t offset, const void *buf,
                       uint64_t len)
{
    iov_walk(iov, cnt, offset, len, scatter_piece, (void *)buf);
}

uint64_t bdrv_iov_size(const struct iovec *iov, int cnt)
{
    uint64_t n = 0;
    for (int i = 0; i < cnt; i++) {
        n += iov[i].iov_len;
    }
    return n;
}

/* Drops the first `done` bytes of a working copy of a list (short
 * transfers); returns the new start. */
static struct iovec *iov_advance(struct iovec *iov, int *cnt, uint64_t done)
{
    while (*cnt && done >= iov->iov_len) {
        done -= iov->iov_len;
        iov++;
        (*cnt)--;
    }
    if (*cnt) {
        iov->iov_base = (uint8_t *)iov->iov_base + done;
        iov->iov_len -= done;
    }
    return iov;
}

static int fd_rw_vec(int fd, uint64_t offset, const struct iovec *iov, int cnt, bool write)
{
    if (cnt <= 0) {
        return 0;
    }
    /* A working copy: short transfers move its start. */
    struct iovec stack[64];
    struct iovec *copy = cnt <= (int)G_N_ELEMENTS(stack) ? stack : g_new(struct iovec, cnt);
    memcpy(copy, iov, cnt * sizeof(*iov));
    struct iovec *cur = copy;
    int r = 0;
    while (cnt) {
        int batch = MIN(cnt, IOV_MAX);
        ssize_t n = write ? pwritev(fd, cur, batch, offset) : preadv(fd, cur, batch, offset);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            r = -errno;
            break;
        }
        if (n == 0) {
            if (write) {
                r = -EIO;
            } else {
                /* Past the end of the file: a hole. */
                bdrv_iov_memset0(cur, cnt, 0, bdrv_iov_size(cur, cnt));
            }
            break;
        }
        offset += n;
        cur = iov_advance(cur, &cnt, n);
    }
    if (copy != stack) {
        g_free(copy);
    }
    return r;
}

int bdrv_fd_preadv(int fd, uint64_t offset, const struct iovec *iov, int cnt)
{
    return fd_rw_vec(fd, offset, iov, cnt, false);
}

int bdrv_fd_pwritev(int fd, uint64_t offset, const struct iovec *iov, int cnt)
{
    return fd_rw_vec(fd, offset, iov, cnt, true);
}
