/*
 * The qcow2 format's front door: probing, reading and validating the
 * header and its extensions, refusing what we do not implement by name,
 * opening the backing chain, the dirty bit, and the BlockDriver table that
 * routes the block layer's calls to qcow2-cluster.c.
 */
#include "hw/block/qcow2.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Names for the incompatible bits we know, for refusals and for the
 * feature-name table mimic-img writes; the image's own table names the
 * rest. */
static const char *const qcow2_incompat_names[] = {
    "dirty bit", "corrupt bit", "external data file", "compression type",
    "extended L2 entries",
};

int qcow2_corrupt(Qcow2State *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "qcow2: %s: image is corrupt: %s; request refused\n",
            s->bs->filename, msg);
    g_free(msg);
    return -EIO;
}

/* A host range the image may reference: aligned to nothing in particular
 * here, but inside the file and below qcow2's 56-bit limit. */
bool qcow2_offset_ok(Qcow2State *s, uint64_t offset, uint64_t len)
{
    return offset < (1ull << 56) && len <= s->file_size && offset <= s->file_size - len;
}

static bool in_range(uint64_t offset, uint64_t start, uint64_t len)
{
    return offset >= start && offset - start < len;
}

bool qcow2_is_metadata(Qcow2State *s, uint64_t offset)
{
    uint64_t cs = s->cluster_size;
    offset &= ~(cs - 1);
    if (offset == 0 || in_range(offset, s->l1_offset & ~(cs - 1), s->l1_size * 8ull) ||
        in_range(offset, s->rt_offset, (uint64_t)s->rt_clusters * cs) ||
        (s->nb_snapshots && offset == s->snapshots_offset)) {
        return true;
    }
    for (uint64_t i = 0; i < s->rt_high; i++) {
        if (s->rt[i] == offset) {
            return true;
        }
    }
    for (uint32_t i = 0; i < s->l1_size; i++) {
        if ((s->l1[i] & QCOW2_OFFSET_MASK) == offset) {
            return true;
        }
    }
    return false;
}

static uint32_t be32_at(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64_at(const uint8_t *p)
{
    return (uint64_t)be32_at(p) << 32 | be32_at(p + 4);
}

static int qcow2_probe(const uint8_t *buf, size_t len, const char *filename)
{
    return len >= 8 && be32_at(buf) == QCOW2_MAGIC && be32_at(buf + 4) >= 2 ? 100 : 0;
}

int qcow2_update_header_features(Qcow2State *s)
{
    if (s->version < 3) {
        return 0;
    }
    uint64_t be = GUINT64_TO_BE(s->incompat);
    return bdrv_fd_pwrite(s->fd, 72, &be, 8);
}

/* Lazy refcounts promise a consistent image only after a rebuild, so the
 * bit goes to disk (and reaches it) before the first write that relies on
 * it.  Our refcounts are in fact kept exact; the bit still tells qemu what
 * the image header says it may expect. */
int qcow2_mark_dirty(Qcow2State *s)
{
    if (s->dirty_set || !(s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS) || s->version < 3) {
        return 0;
    }
    s->incompat |= QCOW2_INCOMPAT_DIRTY;
    int r = qcow2_update_header_features(s);
    if (r == 0 && fdatasync(s->fd) < 0) {
        r = -errno;
    }
    s->dirty_set = r == 0;
    return r;
}

static int qcow2_mark_clean(Qcow2State *s)
{
    if (fdatasync(s->fd) < 0) {
        return -errno;
    }
    s->incompat &= ~QCOW2_INCOMPAT_DIRTY;
    int r = qcow2_update_header_features(s);
    if (r == 0 && fdatasync(s->fd) < 0) {
        r = -errno;
    }
    s->dirty_set = false;
    return r;
}

/* The name of incompatible bit `bit`, from the image's feature table if
 * it has one. */
static char *qcow2_feature_name(const uint8_t *table, uint32_t table_len, int bit)
{
    for (uint32_t i = 0; i + 48 <= table_len; i += 48) {
        if (table[i] == 0 && table[i + 1] == bit) {
            return g_strndup((const char *)table + i + 2, 46);
        }
    }
    return g_strdup_printf("unknown incompatible feature bit %d", bit);
}

typedef struct Qcow2Header {
    uint8_t *buf;                   /* the first cluster */
    uint32_t len;
    const uint8_t *features;        /* feature name table, or NULL */
    uint32_t features_len;
} Qcow2Header;

/* Header extensions: backing format, feature names; others are skipped
 * as the spec allows. */
static bool qcow2_read_extensions(Qcow2State *s, Qcow2Header *h, uint64_t end, GError **errp)
{
    uint64_t off = s->header_length;
    while (off + 8 <= end) {
        uint32_t type = be32_at(h->buf + off);
        uint32_t len = be32_at(h->buf + off + 4);
        off += 8;
        if (type == QCOW2_EXT_END) {
            return true;
        }
        if (len > end - off) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "%s: qcow2 header extension 0x%08x is longer than the header cluster",
                        s->bs->filename, type);
            return false;
        }
        if (type == QCOW2_EXT_BACKING_FMT) {
            g_free(s->backing_format);
            s->backing_format = g_strndup((const char *)h->buf + off, MIN(len, 1023));
        } else if (type == QCOW2_EXT_FEATURES) {
            h->features = h->buf + off;
            h->features_len = len;
        }
        off += QCOW2_ROUND_UP((uint64_t)len, 8);
    }
    return true;
}

static bool qcow2_parse_header(Qcow2State *s, Qcow2Header *h, GError **errp)
{
    const char *fn = s->bs->filename;
    const uint8_t *b = h->buf;
#define FAIL(...) do { g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL, __VA_ARGS__); return false; } while (0)
    if (h->len < 72 || be32_at(b) != QCOW2_MAGIC) {
        FAIL("%s: not a qcow2 image", fn);
    }
    s->version = be32_at(b + 4);
    if (s->version != 2 && s->version != 3) {
        FAIL("%s: unsupported qcow2 version %u", fn, s->version);
    }
    s->cluster_bits = be32_at(b + 20);
    if (s->cluster_bits < QCOW2_MIN_CLUSTER_BITS || s->cluster_bits > QCOW2_MAX_CLUSTER_BITS) {
        FAIL("%s: unsupported cluster size: 2^%u", fn, s->cluster_bits);
    }
    s->cluster_size = 1ull << s->cluster_bits;
    s->l2_entries = s->cluster_size / 8;
    s->bs->size = be64_at(b + 24);
    uint32_t crypt = be32_at(b + 32);
    if (crypt) {
        FAIL("%s: encrypted qcow2 images (crypt_method %u) are not supported", fn, crypt);
    }
    s->l1_size = be32_at(b + 36);
    s->l1_offset = be64_at(b + 40);
    s->rt_offset = be64_at(b + 48);
    s->rt_clusters = be32_at(b + 56);
    s->nb_snapshots = be32_at(b + 60);
    s->snapshots_offset = be64_at(b + 64);
    s->refcount_order = 4;
    s->header_length = 72;
    if (s->version >= 3) {
        if (h->len < 104) {
            FAIL("%s: qcow2 header truncated", fn);
        }
        s->incompat = be64_at(b + 72);
        s->compat = be64_at(b + 80);
        s->autoclear = be64_at(b + 88);
        s->refcount_order = be32_at(b + 96);
        s->header_length = be32_at(b + 100);
        if (s->header_length < 104 || s->header_length % 8 ||
            s->header_length > MIN(h->len, s->cluster_size)) {
            FAIL("%s: invalid qcow2 header length %u", fn, s->header_length);
        }
        if (s->header_length > 104) {
            s->compression_type = b[104];
        }
    }
    if (s->refcount_order > 6) {
        FAIL("%s: invalid refcount order %u (at most 6)", fn, s->refcount_order);
    }
    if (!qcow2_read_extensions(s, h, MIN((uint64_t)h->len, s->cluster_size), errp)) {
        return false;
    }
    /* Refuse incompatible features we do not implement, by name. */
    uint64_t unknown = s->incompat & ~(QCOW2_INCOMPAT_DIRTY | QCOW2_INCOMPAT_CORRUPT |
                                       QCOW2_INCOMPAT_COMPRESSION);
    if (unknown) {
        GString *names = g_string_new(NULL);
        for (int bit = 0; bit < 64; bit++) {
            if (unknown & (1ull << bit)) {
                char *name = bit < (int)G_N_ELEMENTS(qcow2_incompat_names)
                                 ? g_strdup(qcow2_incompat_names[bit])
                                 : qcow2_feature_name(h->features, h->features_len, bit);
                g_string_append_printf(names, "%s%s", names->len ? ", " : "", name);
                g_free(name);
            }
        }
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: unsupported qcow2 feature(s): %s", fn, names->str);
        g_string_free(names, true);
        return false;
    }
    if (s->incompat & QCOW2_INCOMPAT_COMPRESSION) {
        if (s->header_length <= 104 || s->compression_type == 0) {
            FAIL("%s: compression type bit set but no compression type", fn);
        }
    } else if (s->compression_type != 0) {
        FAIL("%s: compression_type %u without the compression type bit", fn, s->compression_type);
    }
    if (s->compression_type > 1) {
        FAIL("%s: unsupported compression_type %u", fn, s->compression_type);
    }
    if ((s->incompat & QCOW2_INCOMPAT_CORRUPT) && !s->bs->read_only) {
        FAIL("%s: qcow2 image is marked corrupt; cannot be opened read/write", fn);
    }
    s->refcount_bits = 1u << s->refcount_order;
    s->refcount_max = s->refcount_bits == 64 ? UINT64_MAX : (1ull << s->refcount_bits) - 1;
    s->rb_entries = s->cluster_size * 8 / s->refcount_bits;

    /* Backing file name: in the first cluster, at most 1023 bytes. */
    uint64_t bf_off = be64_at(b + 8);
    uint32_t bf_len = be32_at(b + 16);
    if (bf_off) {
        if (bf_len == 0 || bf_len > 1023 || bf_len > s->cluster_size ||
            bf_off > s->cluster_size - bf_len || bf_off + bf_len > h->len) {
            FAIL("%s: invalid backing file name (offset %" PRIu64 ", length %u)", fn, bf_off, bf_len);
        }
        s->backing_file = g_strndup((const char *)b + bf_off, bf_len);
    }

    /* Tables: aligned, inside the file, within qemu's limits. */
    uint64_t cmask = s->cluster_size - 1;
    uint64_t l1_need = s->l2_entries * s->cluster_size;
    l1_need = s->bs->size / l1_need + (s->bs->size % l1_need != 0);
    if ((uint64_t)s->l1_size * 8 > QCOW2_MAX_L1_BYTES || s->l1_size < l1_need) {
        FAIL("%s: invalid L1 table size %u for a %" PRIu64 "-byte disk", fn, s->l1_size, s->bs->size);
    }
    if (s->l1_size && ((s->l1_offset & cmask) || !qcow2_offset_ok(s, s->l1_offset, s->l1_size * 8ull))) {
        FAIL("%s: L1 table offset 0x%" PRIx64 " is unaligned or outside the file", fn, s->l1_offset);
    }
    if (s->rt_clusters == 0 || (uint64_t)s->rt_clusters * s->cluster_size > QCOW2_MAX_RT_BYTES ||
        (s->rt_offset & cmask) ||
        !qcow2_offset_ok(s, s->rt_offset, (uint64_t)s->rt_clusters * s->cluster_size)) {
        FAIL("%s: refcount table (offset 0x%" PRIx64 ", %u clusters) is invalid or outside the file",
             fn, s->rt_offset, s->rt_clusters);
    }
    /* The tables must not lie on the header or on each other: writes to
     * one would land in the other. */
    uint64_t l1_bytes = s->l1_size * 8ull, rt_bytes = (uint64_t)s->rt_clusters * s->cluster_size;
    if (s->rt_offset < s->cluster_size || (s->l1_size && s->l1_offset < s->cluster_size) ||
        (s->l1_size && s->l1_offset < s->rt_offset + rt_bytes && s->rt_offset < s->l1_offset + l1_bytes)) {
        FAIL("%s: image is corrupt: the L1 table (0x%" PRIx64 ") and the refcount table (0x%" PRIx64
             ") overlap each other or the header", fn, s->l1_offset, s->rt_offset);
    }
    if (s->nb_snapshots > QCOW2_MAX_SNAPSHOTS ||
        (s->nb_snapshots && (s->snapshots_offset & cmask || !qcow2_offset_ok(s, s->snapshots_offset, 1)))) {
        FAIL("%s: snapshot table (%u snapshots at 0x%" PRIx64 ") is invalid", fn,
             s->nb_snapshots, s->snapshots_offset);
    }
    return true;
#undef FAIL
}

/* An L2 table or refcount block on the header, the L1 table or the
 * refcount table would be written over them. */
static bool overlaps_fixed_tables(Qcow2State *s, uint64_t off)
{
    uint64_t cs = s->cluster_size;
    return off && (off < cs || in_range(off, s->l1_offset & ~(cs - 1), s->l1_size * 8ull) ||
                   in_range(off, s->rt_offset, (uint64_t)s->rt_clusters * cs));
}

static bool qcow2_load_tables(Qcow2State *s, GError **errp)
{
    const char *fn = s->bs->filename;
    int r;
    s->l1 = g_new0(uint64_t, MAX(s->l1_size, 1));
    if ((r = bdrv_fd_pread(s->fd, s->l1_offset, s->l1, s->l1_size * 8ull)) < 0) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: reading the L1 table: %s", fn, g_strerror(-r));
        return false;
    }
    for (uint32_t i = 0; i < s->l1_size; i++) {
        s->l1[i] = GUINT64_FROM_BE(s->l1[i]);
        uint64_t off = s->l1[i] & QCOW2_OFFSET_MASK;
        if ((s->l1[i] & QCOW2_L1_RESERVED) || (off & (s->cluster_size - 1)) ||
            (off && !qcow2_offset_ok(s, off, s->cluster_size)) || (overlaps_fixed_tables(s, off))) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "%s: image is corrupt: L1 entry %u (0x%016" PRIx64 ") is reserved, unaligned, "
                        "points outside the file or onto a table", fn, i, s->l1[i]);
            return false;
        }
    }
    s->rt_entries = (uint64_t)s->rt_clusters * s->cluster_size / 8;
    s->rt = g_new0(uint64_t, s->rt_entries);
    if ((r = bdrv_fd_pread(s->fd, s->rt_offset, s->rt, s->rt_entries * 8)) < 0) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: reading the refcount table: %s", fn, g_strerror(-r));
        return false;
    }
    for (uint64_t i = 0; i < s->rt_entries; i++) {
        s->rt[i] = GUINT64_FROM_BE(s->rt[i]);
        if ((s->rt[i] & (QCOW2_RT_RESERVED | (s->cluster_size - 1))) ||
            (s->rt[i] && !qcow2_offset_ok(s, s->rt[i], s->cluster_size)) || overlaps_fixed_tables(s, s->rt[i])) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "%s: image is corrupt: refcount table entry %" PRIu64 " (0x%" PRIx64
                        ") is unaligned, points outside the file or onto a table", fn, i, s->rt[i]);
            return false;
        }
    }
    for (uint64_t i = 0; i < s->rt_entries; i++) {
        if (s->rt[i]) {
            s->rt_high = i + 1;
        }
    }
    /* An L2 table on a refcount block would have each corrupt the other. */
    GHashTable *blocks = g_hash_table_new(g_int64_hash, g_int64_equal);
    for (uint64_t i = 0; i < s->rt_entries; i++) {
        if (s->rt[i]) {
            g_hash_table_add(blocks, &s->rt[i]);
        }
    }
    for (uint32_t i = 0; i < s->l1_size; i++) {
        uint64_t off = s->l1[i] & QCOW2_OFFSET_MASK;
        if (off && g_hash_table_contains(blocks, &off)) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "%s: image is corrupt: L2 table 0x%" PRIx64 " is also a refcount block", fn, off);
            g_hash_table_destroy(blocks);
            return false;
        }
    }
    g_hash_table_destroy(blocks);
    return true;
}

int qcow2_set_backing(Qcow2State *s, const char *file, const char *format)
{
    uint64_t cs = s->cluster_size;
    uint8_t *old = g_malloc0(cs), *hdr = g_malloc0(cs);
    int r = bdrv_fd_pread(s->fd, 0, old, cs);
    if (r < 0) {
        goto out;
    }
    memcpy(hdr, old, s->header_length);
    /* Keep every extension but the backing format and the end marker. */
    uint64_t in = s->header_length, out = s->header_length;
    while (in + 8 <= cs) {
        uint32_t type = be32_at(old + in), len = be32_at(old + in + 4);
        if (type == QCOW2_EXT_END || len > cs - in - 8) {
            break;
        }
        uint64_t whole = 8 + QCOW2_ROUND_UP((uint64_t)len, 8);
        if (type != QCOW2_EXT_BACKING_FMT) {
            if (out + whole > cs) {
                r = -ENOSPC;
                goto out;
            }
            memcpy(hdr + out, old + in, MIN(whole, cs - in));
            out += whole;
        }
        in += whole;
    }
    size_t flen = format ? strlen(format) : 0, blen = file ? strlen(file) : 0;
    if (blen > 1023 || out + (flen ? 8 + QCOW2_ROUND_UP(flen, 8) : 0) + 8 + blen > cs) {
        r = -ENOSPC;
        goto out;
    }
    if (flen) {
        uint32_t be[2] = { GUINT32_TO_BE(QCOW2_EXT_BACKING_FMT), GUINT32_TO_BE((uint32_t)flen) };
        memcpy(hdr + out, be, 8);
        memcpy(hdr + out + 8, format, flen);
        out += 8 + QCOW2_ROUND_UP(flen, 8);
    }
    out += 8;                       /* the end marker: zeros */
    uint64_t be_off = GUINT64_TO_BE(blen ? out : 0);
    uint32_t be_len = GUINT32_TO_BE((uint32_t)blen);
    memcpy(hdr + 8, &be_off, 8);
    memcpy(hdr + 16, &be_len, 4);
    if (blen) {
        memcpy(hdr + out, file, blen);
    }
    /* Feature bits may have changed in memory (dirty): keep them. */
    if (s->version >= 3) {
        uint64_t be = GUINT64_TO_BE(s->incompat);
        memcpy(hdr + 72, &be, 8);
    }
    if ((r = bdrv_fd_pwrite(s->fd, 0, hdr, cs)) < 0) {
        goto out;
    }
    g_free(s->backing_file);
    g_free(s->backing_format);
    s->backing_file = blen ? g_strdup(file) : NULL;
    s->backing_format = flen ? g_strdup(format) : NULL;
out:
    g_free(old);
    g_free(hdr);
    return r;
}

/* Backing chains are opened recursively through bdrv_open; the images
 * being opened on this thread are remembered to catch a loop. */
static __thread GArray *qcow2_opening;

typedef struct FileId {
    dev_t dev;
    ino_t ino;
} FileId;

static char *qcow2_backing_path(const char *image, const char *backing)
{
    char *dir = g_path_get_dirname(image);
    char *path = g_path_is_absolute(backing) || !strcmp(dir, ".")
                     ? g_strdup(backing) : g_build_filename(dir, backing, NULL);
    g_free(dir);
    return path;
}

static bool qcow2_open_backing(Qcow2State *s, GError **errp)
{
    BlockDriverState *bs = s->bs;
    struct stat self, st;
    if (fstat(s->fd, &self) < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: %s", bs->filename, g_strerror(errno));
        return false;
    }
    if (!qcow2_opening) {
        qcow2_opening = g_array_new(false, false, sizeof(FileId));
    }
    char *path = qcow2_backing_path(bs->filename, s->backing_file);
    /* Look for the loop before opening: the image that closes it is open
     * already, and its lock would hide the real reason. */
    if (stat(path, &st) == 0) {
        bool loop = st.st_dev == self.st_dev && st.st_ino == self.st_ino;
        for (guint i = 0; i < qcow2_opening->len && !loop; i++) {
            FileId *id = &g_array_index(qcow2_opening, FileId, i);
            loop = id->dev == st.st_dev && id->ino == st.st_ino;
        }
        if (loop) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "%s: backing chain loop: '%s' is already in the chain", bs->filename, path);
            g_free(path);
            return false;
        }
    }
    if (qcow2_opening->len >= QCOW2_MAX_BACKING_DEPTH) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: backing chain longer than %d images", bs->filename, QCOW2_MAX_BACKING_DEPTH);
        g_free(path);
        return false;
    }
    FileId id = { self.st_dev, self.st_ino };
    g_array_append_val(qcow2_opening, id);
    GError *err = NULL;
    bs->backing = bdrv_open(path, s->backing_format, bs->flags & ~BDRV_O_RDWR, &err);
    g_array_set_size(qcow2_opening, qcow2_opening->len - 1);
    if (!bs->backing) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: could not open backing file '%s': %s", bs->filename, path, err->message);
        g_error_free(err);
        g_free(path);
        return false;
    }
    g_free(path);
    return true;
}

static void qcow2_free(Qcow2State *s)
{
    g_free(s->l1);
    g_free(s->rt);
    g_free(s->l2_cache);
    g_free(s->rb_cache);
    g_free(s->backing_file);
    g_free(s->backing_format);
    g_free(s);
}

static bool qcow2_open(BlockDriverState *bs, int fd, GError **errp)
{
    Qcow2State *s = g_new0(Qcow2State, 1);
    s->fd = fd;
    s->bs = bs;
    bs->opaque = s;
    struct stat st;
    Qcow2Header h = { 0 };
    if (fstat(fd, &st) < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno), "%s: %s", bs->filename, g_strerror(errno));
        goto fail;
    }
    s->file_size = st.st_size;
    if (bs->flags & BDRV_O_NOCACHE) {
        /* Table entries are written 8 bytes at a time, which O_DIRECT
         * refuses: qcow2 keeps the page cache (flush still syncs). */
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_DIRECT);
    }
    /* The header and its extensions live in the first cluster; read the
     * largest possible one and let the parser bound itself. */
    h.len = MIN(s->file_size, 1ull << QCOW2_MAX_CLUSTER_BITS);
    h.buf = g_malloc0(MAX(h.len, 1));
    int r = bdrv_fd_pread(fd, 0, h.buf, h.len);
    if (r < 0) {
        g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: %s", bs->filename, g_strerror(-r));
        goto fail;
    }
    if (!qcow2_parse_header(s, &h, errp) || !qcow2_load_tables(s, errp)) {
        goto fail;
    }
    g_clear_pointer(&h.buf, g_free);
    s->l2_cache = g_malloc(s->cluster_size);
    s->rb_cache = g_malloc(s->cluster_size);
    s->free_hint = 1;

    if ((s->incompat & QCOW2_INCOMPAT_DIRTY) && !bs->read_only && !(bs->flags & BDRV_O_CHECK)) {
        /* Refcounts may be stale: rebuild them from the references, as
         * qemu does, before anything allocates. */
        Qcow2CheckResult res = { 0 };
        r = qcow2_check(s, QCOW2_FIX_LEAKS | QCOW2_FIX_ERRORS, &res);
        if (res.messages) {
            g_string_free(res.messages, true);
        }
        if (r < 0 || res.check_failed || res.corruptions > res.corruptions_fixed) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_IO,
                        "%s: the image is dirty and its refcounts could not be rebuilt", bs->filename);
            goto fail;
        }
        if ((r = qcow2_mark_clean(s)) < 0) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: %s", bs->filename, g_strerror(-r));
            goto fail;
        }
    }
    if (!bs->read_only && s->autoclear) {
        /* Unknown auto-clear features (bitmaps among them: we do not keep
         * them up to date) must be cleared before the first write. */
        uint64_t zero = 0;
        s->autoclear = 0;
        if (s->version >= 3 && (r = bdrv_fd_pwrite(fd, 88, &zero, 8)) < 0) {
            g_set_error(errp, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: %s", bs->filename, g_strerror(-r));
            goto fail;
        }
    }
    if (s->backing_file && !(bs->flags & BDRV_O_NO_BACKING) && !qcow2_open_backing(s, errp)) {
        goto fail;
    }
    return true;
fail:
    g_free(h.buf);
    close(fd);
    qcow2_free(s);
    bs->opaque = NULL;
    return false;
}

static int qcow2_pread(BlockDriverState *bs, uint64_t offset, void *buf, uint64_t len)
{
    return qcow2_read(bs->opaque, offset, buf, len);
}

static int qcow2_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf, uint64_t len)
{
    Qcow2State *s = bs->opaque;
    if (s->backing_file && !bs->backing) {
        /* Opened with BDRV_O_NO_BACKING: a partial-cluster write would
         * fill the rest of a new cluster with zeros, not backing data. */
        fprintf(stderr, "qcow2: %s: cannot write without its backing file open\n", bs->filename);
        return -EINVAL;
    }
    int r = qcow2_mark_dirty(s);
    return r < 0 ? r : qcow2_write(s, offset, buf, len);
}

int qcow2_preadv(BlockDriverState *bs, uint64_t offset, const struct iovec *iov, int cnt,
                 uint64_t len)
{
    return qcow2_readv(bs->opaque, offset, iov, cnt, len);
}

int qcow2_pwritev(BlockDriverState *bs, uint64_t offset, const struct iovec *iov, int cnt,
                  uint64_t len)
{
    Qcow2State *s = bs->opaque;
    if (s->backing_file && !bs->backing) {
        fprintf(stderr, "qcow2: %s: cannot write without its backing file open\n", bs->filename);
        return -EINVAL;
    }
    int r = qcow2_mark_dirty(s);
    return r < 0 ? r : qcow2_writev(s, offset, iov, cnt, len);
}

static int qcow2_discard(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    Qcow2State *s = bs->opaque;
    int r = qcow2_mark_dirty(s);
    return r < 0 ? r : qcow2_zero_or_discard(s, offset, len, true);
}

static int qcow2_write_zeroes(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    Qcow2State *s = bs->opaque;
    int r = qcow2_mark_dirty(s);
    return r < 0 ? r : qcow2_zero_or_discard(s, offset, len, false);
}

static int qcow2_flush(BlockDriverState *bs)
{
    Qcow2State *s = bs->opaque;
    return fdatasync(s->fd) < 0 ? -errno : 0;
}

static void qcow2_close(BlockDriverState *bs)
{
    Qcow2State *s = bs->opaque;
    if (s->dirty_set) {
        qcow2_mark_clean(s);
    }
    close(s->fd);
    qcow2_free(s);
}

static void qcow2_facts(BlockDriverState *bs, BlockImageFacts *f)
{
    Qcow2State *s = bs->opaque;
    f->cluster_size = s->cluster_size;
    f->dirty = s->incompat & QCOW2_INCOMPAT_DIRTY;
    f->backing_file = s->backing_file;
    f->backing_format = s->backing_format;
    f->qcow2 = true;
    f->version = s->version;
    f->refcount_bits = s->refcount_bits;
    f->lazy_refcounts = s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS;
    f->corrupt = s->incompat & QCOW2_INCOMPAT_CORRUPT;
    f->extended_l2 = s->incompat & QCOW2_INCOMPAT_EXTL2;
    f->zstd = s->compression_type == 1;
}

const BlockDriver bdrv_qcow2 = {
    .format_name = "qcow2",
    .probe = qcow2_probe,
    .open = qcow2_open,
    .pread = qcow2_pread,
    .pwrite = qcow2_pwrite,
    .flush = qcow2_flush,
    .discard = qcow2_discard,
    .write_zeroes = qcow2_write_zeroes,
    .close = qcow2_close,
    .facts = qcow2_facts,
    .snapshot = &qcow2_snapshot_ops,
};
