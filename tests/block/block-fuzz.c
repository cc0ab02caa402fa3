/*
 * The block tests' driver, linked with hw/block alone:
 *   block-fuzz fuzz IMAGE REF SEED NOPS [MAXLEN]
 *       a seeded random sequence of writes, write-zeroes and discards of
 *       random sizes and offsets, applied to IMAGE through the block layer
 *       and to the raw file REF directly, then IMAGE read back and compared
 *       with REF (the test then asks qemu-img to compare and check); half
 *       the writes and reads go through the vectored calls, cut into
 *       random pieces laid out backwards in memory;
 *   block-fuzz compare IMAGE REF     IMAGE as mimic reads it equals REF;
 *   block-fuzz hold IMAGE SECONDS    keep IMAGE open read-write (locks);
 *   block-fuzz write IMAGE OFFSET LEN   one write of a pattern.
 * Exit 0 on success, 1 with a message on any error.
 */
#include "hw/block/qcow2.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fail(const char *what, int err)
{
    fprintf(stderr, "block-fuzz: %s: %s\n", what, g_strerror(err));
    return 1;
}

static BlockDriverState *open_image(const char *file, int flags)
{
    GError *err = NULL;
    BlockDriverState *bs = bdrv_open(file, NULL, flags, &err);
    if (!bs) {
        fprintf(stderr, "block-fuzz: %s\n", err->message);
        g_error_free(err);
    }
    return bs;
}

#define MAX_PIECES 8

/* Cuts len bytes into 1..MAX_PIECES pieces of random sizes (some may be
 * empty), placed in scratch in reverse order, so that a vectored call
 * that mixed them up would be caught; cut[i] is piece i's offset in the
 * request. */
static int scatter_layout(GRand *rng, uint8_t *scratch, uint64_t len, struct iovec *iov,
                          uint64_t *cut)
{
    int n = g_rand_int_range(rng, 1, MAX_PIECES + 1);
    cut[0] = 0;
    cut[n] = len;
    for (int i = 1; i < n; i++) {
        cut[i] = (uint64_t)g_rand_double_range(rng, 0, len + 1);
    }
    for (int i = 1; i < n; i++) {       /* sort the inner cuts */
        for (int j = i; j > 1 && cut[j - 1] > cut[j]; j--) {
            uint64_t t = cut[j];
            cut[j] = cut[j - 1];
            cut[j - 1] = t;
        }
    }
    for (int i = 0; i < n; i++) {
        iov[i] = (struct iovec){ scratch + (len - cut[i + 1]), cut[i + 1] - cut[i] };
    }
    return n;
}

/* bdrv_pread or, when rng says so, bdrv_preadv through a scattered layout. */
static int read_some(BlockDriverState *bs, GRand *rng, uint8_t *scratch, uint64_t off,
                     uint8_t *buf, uint64_t len)
{
    if (!g_rand_boolean(rng)) {
        return bdrv_pread(bs, off, buf, len);
    }
    struct iovec iov[MAX_PIECES];
    uint64_t cut[MAX_PIECES + 1];
    int n = scatter_layout(rng, scratch, len, iov, cut);
    int r = bdrv_preadv(bs, off, iov, n);
    for (int i = 0; i < n; i++) {
        memcpy(buf + cut[i], iov[i].iov_base, iov[i].iov_len);
    }
    return r;
}

static int write_some(BlockDriverState *bs, GRand *rng, uint8_t *scratch, uint64_t off,
                      const uint8_t *buf, uint64_t len)
{
    if (!g_rand_boolean(rng)) {
        return bdrv_pwrite(bs, off, buf, len);
    }
    struct iovec iov[MAX_PIECES];
    uint64_t cut[MAX_PIECES + 1];
    int n = scatter_layout(rng, scratch, len, iov, cut);
    for (int i = 0; i < n; i++) {
        memcpy(iov[i].iov_base, buf + cut[i], iov[i].iov_len);
    }
    return bdrv_pwritev(bs, off, iov, n);
}

static int compare(BlockDriverState *bs, int ref)
{
    const uint64_t chunk = 1 << 20;
    uint8_t *a = g_malloc(chunk), *b = g_malloc(chunk), *scratch = g_malloc(chunk);
    GRand *rng = g_rand_new_with_seed(bs->size);
    int rc = 0;
    for (uint64_t off = 0; off < bs->size && rc == 0; off += chunk) {
        uint64_t n = MIN(chunk, bs->size - off);
        int r = read_some(bs, rng, scratch, off, a, n);
        if (r < 0) {
            rc = fail("read", -r);
        } else if ((r = bdrv_fd_pread(ref, off, b, n)) < 0) {
            rc = fail("read reference", -r);
        } else if (memcmp(a, b, n)) {
            uint64_t i = 0;
            while (a[i] == b[i]) {
                i++;
            }
            fprintf(stderr, "block-fuzz: contents differ at byte %" PRIu64 "\n", off + i);
            rc = 1;
        }
    }
    g_free(a);
    g_free(b);
    g_free(scratch);
    g_rand_free(rng);
    return rc;
}

/* What a discard of [off, off+len) leaves readable as zeros: the whole
 * clusters it covers (the tail cluster counts as whole at the end of the
 * disk), unless a v2 image would let its backing file show through, in
 * which case it keeps its data. */
static void discard_range(BlockDriverState *bs, uint64_t off, uint64_t len,
                          uint64_t *zoff, uint64_t *zlen)
{
    *zoff = *zlen = 0;
    if (bs->drv != &bdrv_qcow2) {
        return;
    }
    Qcow2State *s = bs->opaque;
    if (s->version < 3 && s->backing_file) {
        return;
    }
    uint64_t cs = s->cluster_size;
    uint64_t start = (off + cs - 1) / cs * cs;
    uint64_t end = off + len == bs->size ? off + len : (off + len) / cs * cs;
    if (end > start) {
        *zoff = start;
        *zlen = end - start;
    }
}

static int fuzz(const char *image, const char *ref_file, uint64_t seed, long nops, uint64_t maxlen)
{
    BlockDriverState *bs = open_image(image, BDRV_O_RDWR);
    if (!bs) {
        return 1;
    }
    int ref = open(ref_file, O_RDWR);
    if (ref < 0) {
        bdrv_close(bs);
        return fail(ref_file, errno);
    }
    GRand *rng = g_rand_new_with_seed_array((const guint32 *)&seed, 2);
    /* Its own generator for the vectored choices: the sequence of
     * operations stays what each seed gave before they existed. */
    GRand *vec_rng = g_rand_new_with_seed((guint32)(seed * 0x9e3779b97f4a7c15ull >> 32));
    uint8_t *buf = g_malloc(maxlen), *scratch = g_malloc(maxlen);
    uint8_t *zeros = g_malloc0(maxlen);
    int rc = 0;
    for (long i = 0; i < nops && rc == 0; i++) {
        /* Sizes: mostly small and unaligned, some spanning clusters. */
        uint64_t len;
        switch (g_rand_int_range(rng, 0, 4)) {
        case 0: len = g_rand_int_range(rng, 1, 600); break;
        case 1: len = g_rand_int_range(rng, 1, 9) * 512; break;
        case 2: len = g_rand_int_range(rng, 1, 70000); break;
        default: len = (uint64_t)g_rand_double_range(rng, 1, maxlen); break;
        }
        len = MIN(MIN(len, maxlen), bs->size);
        uint64_t off = (uint64_t)g_rand_double_range(rng, 0, bs->size - len + 1);
        if (g_rand_boolean(rng)) {
            off &= ~511ull;
        }
        int kind = g_rand_int_range(rng, 0, 10);
        int r;
        if (kind < 6) {
            uint8_t fill = g_rand_int(rng);
            for (uint64_t k = 0; k < len; k++) {
                buf[k] = fill + k * 7 + (k >> 9);
            }
            r = write_some(bs, vec_rng, scratch, off, buf, len);
            if (r == 0) {
                r = bdrv_fd_pwrite(ref, off, buf, len);
            }
        } else if (kind < 8) {
            r = bdrv_write_zeroes(bs, off, len);
            if (r == 0) {
                r = bdrv_fd_pwrite(ref, off, zeros, len);
            }
        } else {
            uint64_t zoff, zlen;
            r = bdrv_discard(bs, off, len);
            discard_range(bs, off, len, &zoff, &zlen);
            for (uint64_t done = 0; r == 0 && done < zlen;) {
                uint64_t n = MIN(zlen - done, maxlen);
                r = bdrv_fd_pwrite(ref, zoff + done, zeros, n);
                done += n;
            }
        }
        if (r < 0) {
            fprintf(stderr, "block-fuzz: op %ld (kind %d, offset %" PRIu64 ", length %" PRIu64 ") failed\n",
                    i, kind, off, len);
            rc = fail(image, -r);
        }
        if (i % 8 == 7 && rc == 0) {
            /* A read of a random range, unaligned, against the reference. */
            uint64_t rlen = MIN((uint64_t)g_rand_double_range(vec_rng, 1, maxlen + 1), bs->size);
            uint64_t roff = (uint64_t)g_rand_double_range(vec_rng, 0, bs->size - rlen + 1);
            if ((r = read_some(bs, vec_rng, scratch, roff, buf, rlen)) < 0 ||
                (r = bdrv_fd_pread(ref, roff, zeros, rlen)) < 0) {
                rc = fail("read", -r);
            } else if (memcmp(buf, zeros, rlen)) {
                fprintf(stderr, "block-fuzz: op %ld: a read of %" PRIu64 " bytes at %" PRIu64
                        " differs from the reference\n", i, rlen, roff);
                rc = 1;
            }
            memset(zeros, 0, maxlen);
        }
        if (i % 64 == 63 && rc == 0 && (r = bdrv_flush(bs)) < 0) {
            rc = fail("flush", -r);
        }
    }
    if (rc == 0) {
        rc = compare(bs, ref);
    }
    g_free(buf);
    g_free(scratch);
    g_free(zeros);
    g_rand_free(rng);
    g_rand_free(vec_rng);
    close(ref);
    bdrv_close(bs);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && !strcmp(argv[1], "compare")) {
        BlockDriverState *bs = open_image(argv[2], 0);
        int ref = open(argv[3], O_RDONLY);
        if (!bs || ref < 0) {
            return 1;
        }
        int rc = compare(bs, ref);
        bdrv_close(bs);
        return rc;
    }
    if (argc >= 6 && !strcmp(argv[1], "fuzz")) {
        uint64_t maxlen = argc > 6 ? strtoull(argv[6], NULL, 0) : 1 << 20;
        return fuzz(argv[2], argv[3], strtoull(argv[4], NULL, 0), strtol(argv[5], NULL, 0), maxlen);
    }
    if (argc >= 5 && !strcmp(argv[1], "write")) {
        BlockDriverState *bs = open_image(argv[2], BDRV_O_RDWR);
        if (!bs) {
            return 1;
        }
        uint64_t len = strtoull(argv[4], NULL, 0);
        uint8_t *buf = g_malloc(len);
        memset(buf, 0xa5, len);
        int r = bdrv_pwrite(bs, strtoull(argv[3], NULL, 0), buf, len);
        g_free(buf);
        bdrv_close(bs);
        return r < 0 ? fail(argv[2], -r) : 0;
    }
    if (argc >= 4 && !strcmp(argv[1], "hold")) {
        BlockDriverState *bs = open_image(argv[2], BDRV_O_RDWR);
        if (!bs) {
            return 1;
        }
        printf("locked\n");
        fflush(stdout);
        sleep(atoi(argv[3]));
        bdrv_close(bs);
        return 0;
    }
    fprintf(stderr, "usage: block-fuzz fuzz IMAGE REF SEED NOPS [MAXLEN] | compare IMAGE REF | hold IMAGE SECONDS\n");
    return 1;
}
