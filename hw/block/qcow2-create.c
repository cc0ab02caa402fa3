/*
 * New qcow2 images: a header with its extensions (backing format, feature
 * names) and a minimal refcount structure written by hand, then the L1
 * table (and, with preallocation=metadata, L2 tables and data clusters)
 * allocated through the driver itself, so that sizes needing several
 * refcount blocks or a bigger refcount table take the ordinary paths.
 */
#include "hw/block/qcow2.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* The feature name table qcow2 images carry: (type, bit, name). */
static const struct {
    uint8_t type, bit;
    const char *name;
} qcow2_feature_table[] = {
    { 0, 0, "dirty bit" },
    { 0, 1, "corrupt bit" },
    { 0, 2, "external data file" },
    { 0, 3, "compression type" },
    { 0, 4, "extended L2 entries" },
    { 1, 0, "lazy refcounts" },
    { 2, 0, "bitmaps" },
    { 2, 1, "raw external data" },
};

static void put32(uint8_t *p, uint32_t v)
{
    v = GUINT32_TO_BE(v);
    memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
    v = GUINT64_TO_BE(v);
    memcpy(p, &v, 8);
}

static size_t put_ext(uint8_t *p, uint32_t type, const void *data, uint32_t len)
{
    put32(p, type);
    put32(p + 4, len);
    memcpy(p + 8, data, len);
    return 8 + QCOW2_ROUND_UP(len, 8);
}

static bool fail(GError **errp, const char *filename, int err, const char *what)
{
    g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(err), "%s: %s: %s",
                filename, what, g_strerror(err));
    return false;
}

bool qcow2_create(const char *filename, const Qcow2CreateOptions *o, GError **errp)
{
    uint64_t cs = o->cluster_size ? o->cluster_size : 65536;
    uint32_t refbits = o->refcount_bits ? o->refcount_bits : 16;
    int version = o->version ? o->version : 3;
    bool zstd = o->compression_type && !strcmp(o->compression_type, "zstd");
#define INVALID(...) do { g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL, __VA_ARGS__); return false; } while (0)
    if (cs < 512 || cs > (2u << 20) || (cs & (cs - 1))) {
        INVALID("Cluster size must be a power of two between 512 and 2048k");
    }
    if (refbits > 64 || (refbits & (refbits - 1)) || !refbits) {
        INVALID("Refcount width must be a power of two and may not exceed 64 bits");
    }
    if (version == 2 && refbits != 16) {
        INVALID("Different refcount widths than 16 bits require compatibility level 1.1 or above (use version=v3 or greater)");
    }
    if (version == 2 && o->lazy_refcounts) {
        INVALID("Lazy refcounts only supported with compatibility level 1.1 and above (use version=v3 or greater)");
    }
    if (o->compression_type && !zstd && strcmp(o->compression_type, "zlib")) {
        INVALID("Invalid parameter '%s'", o->compression_type);
    }
    if (zstd && version == 2) {
        INVALID("Non-zlib compression type is only supported with compatibility level 1.1 and above (use version=v3 or greater)");
    }
    if (o->backing_file && strlen(o->backing_file) > 1023) {
        INVALID("Backing file name too long");
    }
    uint64_t l2_span = (cs / 8) * cs;
    uint64_t l1_size = o->size / l2_span + (o->size % l2_span != 0);
    if (l1_size * 8 > QCOW2_MAX_L1_BYTES) {
        INVALID("The image size is too large for file format 'qcow2' (try using a larger cluster size)");
    }
#undef INVALID
    uint32_t cluster_bits = __builtin_ctzll(cs);
    uint32_t order = __builtin_ctz(refbits);

    uint8_t *buf = g_malloc0(3 * cs);
    uint8_t *h = buf;
    put32(h, QCOW2_MAGIC);
    put32(h + 4, version);
    put32(h + 20, cluster_bits);
    put64(h + 48, cs);                  /* refcount table: cluster 1 */
    put32(h + 56, 1);
    size_t off = 72;
    if (version >= 3) {
        put64(h + 72, zstd ? QCOW2_INCOMPAT_COMPRESSION : 0);
        put64(h + 80, o->lazy_refcounts ? QCOW2_COMPAT_LAZY_REFCOUNTS : 0);
        put32(h + 96, order);
        put32(h + 100, 112);
        h[104] = zstd ? 1 : 0;
        off = 112;
    }
    if (o->backing_format) {
        off += put_ext(h + off, QCOW2_EXT_BACKING_FMT, o->backing_format, strlen(o->backing_format));
    }
    uint8_t table[G_N_ELEMENTS(qcow2_feature_table) * 48] = { 0 };
    for (size_t i = 0; i < G_N_ELEMENTS(qcow2_feature_table); i++) {
        table[i * 48] = qcow2_feature_table[i].type;
        table[i * 48 + 1] = qcow2_feature_table[i].bit;
        strncpy((char *)table + i * 48 + 2, qcow2_feature_table[i].name, 46);
    }
    /* The table is optional; qemu-img writes it for version 3 with
     * clusters of 8 KiB and more (and so do we, so that new images are
     * byte for byte the same), and it must leave room for the name. */
    size_t bf_len = o->backing_file ? strlen(o->backing_file) : 0;
    if (version >= 3 && cs >= 8192 && off + 8 + sizeof(table) + 8 + bf_len <= cs) {
        off += put_ext(h + off, QCOW2_EXT_FEATURES, table, sizeof(table));
    }
    off += 8;                           /* end of extensions */
    if (bf_len) {
        if (off + bf_len > cs) {
            g_free(buf);
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL, "Backing file name too long");
            return false;
        }
        put64(h + 8, off);
        put32(h + 16, bf_len);
        memcpy(h + off, o->backing_file, bf_len);
    }
    put64(buf + cs, 2 * cs);            /* refcount block: cluster 2 */
    /* Clusters 0-2 in use, at refcount 1 in whatever width. */
    for (int c = 0; c < 3; c++) {
        uint64_t bit = (uint64_t)c * refbits;
        if (refbits < 8) {
            buf[2 * cs + bit / 8] |= 1u << (bit % 8);
        } else {
            buf[2 * cs + bit / 8 + refbits / 8 - 1] = 1;
        }
    }
    int fd = open(filename, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        g_free(buf);
        return fail(errp, filename, errno, "Could not create image");
    }
    int r = bdrv_fd_pwrite(fd, 0, buf, 3 * cs);
    g_free(buf);
    close(fd);
    if (r < 0) {
        return fail(errp, filename, -r, "Could not write image");
    }

    /* Now a valid image of size 0: give it its L1 table and size. */
    BlockDriverState *bs = bdrv_open(filename, "qcow2", BDRV_O_RDWR | BDRV_O_NO_BACKING, errp);
    if (!bs) {
        return false;
    }
    Qcow2State *s = bs->opaque;
    /* An empty disk has no L1 table at all, as qemu makes it. */
    uint64_t l1_clusters = (l1_size * 8 + cs - 1) / cs;
    int64_t l1_off = l1_clusters ? qcow2_alloc_clusters(s, l1_clusters) : 0;
    if (l1_off > 0) {
        /* Only the table's own bytes, as qemu-img writes it: the file
         * then ends where qemu's does, and the two are byte-identical. */
        uint8_t *zeros = g_malloc0(l1_size * 8);
        r = bdrv_fd_pwrite(s->fd, l1_off, zeros, l1_size * 8);
        g_free(zeros);
    } else {
        r = l1_off < 0 ? l1_off : 0;
    }
    if (r == 0) {
        uint8_t f[24];
        put64(f, o->size);
        put32(f + 8, 0);
        put32(f + 12, (uint32_t)l1_size);
        put64(f + 16, l1_off);
        r = bdrv_fd_pwrite(s->fd, 24, f, sizeof(f));
    }
    if (r == 0) {
        s->l1 = g_renew(uint64_t, s->l1, MAX(l1_size, 1));
        memset(s->l1, 0, MAX(l1_size, 1) * 8);
        s->l1_size = l1_size;
        s->l1_offset = l1_off;
        bs->size = o->size;
        if (o->prealloc_metadata) {
            r = qcow2_preallocate_metadata(s);
        }
    }
    if (r == 0) {
        r = bdrv_flush(bs);
    }
    bdrv_close(bs);
    if (r < 0) {
        return fail(errp, filename, -r, "Could not create image");
    }
    return true;
}
