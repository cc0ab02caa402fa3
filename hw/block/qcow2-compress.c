/*
 * qcow2 compressed clusters: zlib (raw deflate, no header) as every qcow2
 * reader knows it, and zstd (compression_type 1).  A compressed cluster's
 * stored length is rounded up to 512-byte sectors, so decompression stops
 * when a whole cluster has come out, whatever follows in the input.
 */
#include "hw/block/qcow2.h"
#include <errno.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

static int inflate_cluster(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
    z_stream z = { 0 };
    if (inflateInit2(&z, -15) != Z_OK) {
        return -ENOMEM;
    }
    z.next_in = (Bytef *)in;
    z.avail_in = in_len;
    z.next_out = out;
    z.avail_out = out_len;
    int r = inflate(&z, Z_FINISH);
    bool ok = (r == Z_STREAM_END || r == Z_BUF_ERROR || r == Z_OK) && z.avail_out == 0;
    inflateEnd(&z);
    return ok ? 0 : -EIO;
}

static int zstd_cluster(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
    ZSTD_DCtx *d = ZSTD_createDCtx();
    if (!d) {
        return -ENOMEM;
    }
    ZSTD_inBuffer ib = { in, in_len, 0 };
    ZSTD_outBuffer ob = { out, out_len, 0 };
    int r = 0;
    while (ob.pos < ob.size) {
        size_t prev_in = ib.pos, prev_out = ob.pos;
        size_t z = ZSTD_decompressStream(d, &ob, &ib);
        if (ZSTD_isError(z) || (ib.pos == prev_in && ob.pos == prev_out)) {
            r = -EIO;
            break;
        }
    }
    ZSTD_freeDCtx(d);
    return r;
}

int qcow2_decompress(Qcow2State *s, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
    int r = s->compression_type == 1 ? zstd_cluster(in, in_len, out, out_len)
                                     : inflate_cluster(in, in_len, out, out_len);
    if (r < 0) {
        return qcow2_corrupt(s, "a compressed cluster does not decompress to %zu bytes", out_len);
    }
    return 0;
}

size_t qcow2_compress(Qcow2State *s, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
    if (s->compression_type == 1) {
        size_t z = ZSTD_compress(out, out_len, in, in_len, ZSTD_CLEVEL_DEFAULT);
        return ZSTD_isError(z) ? 0 : z;
    }
    z_stream z = { 0 };
    /* A 4 KiB window, as qemu writes them: any inflater reads it. */
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -12, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        return 0;
    }
    z.next_in = (Bytef *)in;
    z.avail_in = in_len;
    z.next_out = out;
    z.avail_out = out_len;
    int r = deflate(&z, Z_FINISH);
    size_t n = out_len - z.avail_out;
    deflateEnd(&z);
    return r == Z_STREAM_END ? n : 0;
}
