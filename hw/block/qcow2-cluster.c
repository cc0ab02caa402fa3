/*
 * qcow2 guest clusters: the L1/L2 mapping from guest offsets to host
 * clusters, and the reads, writes, zeroing and discards that walk it.
 *
 * Write ordering (a crash leaks clusters at worst): guest data goes to a
 * newly allocated cluster first, then the L2 entry that points at it, and
 * an L2 table is complete on disk before the L1 entry that points at it;
 * what a changed entry stopped pointing at is freed last.  A run of whole
 * new clusters keeps that order with one write per step (refcounts,
 * data, L2 entries).  Every entry is validated before use: a bad one is
 * reported as corruption and the request fails, without writing anything.
 */
#include "hw/block/qcow2.h"
#include <errno.h>
#include <string.h>
#include <unistd.h>

typedef enum {
    CL_UNALLOCATED,     /* read from the backing file, or zeros */
    CL_ZERO,            /* zero flag: reads zeros; may keep a host cluster */
    CL_NORMAL,
    CL_COMPRESSED,
} ClusterType;

static int classify(Qcow2State *s, uint64_t entry, ClusterType *type)
{
    if (entry & QCOW2_OFLAG_COMPRESSED) {
        uint64_t off, len;
        qcow2_compressed_range(s, entry, &off, &len);
        if (!qcow2_offset_ok(s, off, len)) {
            return qcow2_corrupt(s, "compressed cluster at 0x%" PRIx64 " (+%" PRIu64
                                 ") outside the file", off, len);
        }
        *type = CL_COMPRESSED;
        return 0;
    }
    uint64_t off = entry & QCOW2_OFFSET_MASK;
    if ((entry & QCOW2_L2_RESERVED) || (off & (s->cluster_size - 1)) ||
        (off && !qcow2_offset_ok(s, off, s->cluster_size))) {
        return qcow2_corrupt(s, "L2 entry 0x%016" PRIx64 " is reserved, unaligned or outside the file",
                             entry);
    }
    if (entry & QCOW2_OFLAG_ZERO) {
        *type = CL_ZERO;
    } else {
        *type = off ? CL_NORMAL : CL_UNALLOCATED;
    }
    return 0;
}

int qcow2_load_l2(Qcow2State *s, uint64_t l2_offset, const uint64_t **table)
{
    if (s->l2_cache_offset != l2_offset) {
        s->l2_cache_offset = 0;
        int r = bdrv_fd_pread(s->fd, l2_offset, s->l2_cache, s->cluster_size);
        if (r < 0) {
            return r;
        }
        s->l2_cache_offset = l2_offset;
    }
    *table = s->l2_cache;
    return 0;
}

int64_t qcow2_write_new_l1(Qcow2State *s, const uint64_t *l1, uint32_t n, uint64_t entries)
{
    uint64_t cs = s->cluster_size, clusters = (entries * 8 + cs - 1) / cs;
    int64_t off = qcow2_alloc_clusters(s, clusters);
    if (off < 0) {
        return off;
    }
    uint64_t *table = g_malloc0(clusters * cs);
    for (uint32_t i = 0; i < n; i++) {
        table[i] = GUINT64_TO_BE(l1[i]);
    }
    int r = bdrv_fd_pwrite(s->fd, off, table, clusters * cs);
    g_free(table);
    return r < 0 ? r : off;
}

int qcow2_get_l2_entry(Qcow2State *s, uint64_t guest_offset, uint64_t *entry)
{
    uint64_t cluster = guest_offset >> s->cluster_bits;
    uint64_t l1_idx = cluster / s->l2_entries;
    *entry = 0;
    if (l1_idx >= s->l1_size) {
        return 0;
    }
    uint64_t l2_off = s->l1[l1_idx] & QCOW2_OFFSET_MASK;
    if (!l2_off) {
        return 0;
    }
    const uint64_t *table;
    int r = qcow2_load_l2(s, l2_off, &table);
    if (r == 0) {
        *entry = GUINT64_FROM_BE(table[cluster % s->l2_entries]);
    }
    return r;
}

static int read_backing(Qcow2State *s, uint64_t offset, uint8_t *buf, uint64_t len)
{
    BlockDriverState *b = s->bs->backing;
    uint64_t n = 0;
    if (b && offset < b->size) {
        n = MIN(len, b->size - offset);
        int r = bdrv_pread(b, offset, buf, n);
        if (r < 0) {
            return r;
        }
    }
    memset(buf + n, 0, len - n);
    return 0;
}

static int read_compressed(Qcow2State *s, uint64_t entry, uint8_t *cluster)
{
    uint64_t off, len;
    qcow2_compressed_range(s, entry, &off, &len);
    uint8_t *in = g_malloc(len);
    int r = bdrv_fd_pread(s->fd, off, in, len);
    if (r == 0) {
        r = qcow2_decompress(s, in, len, cluster, s->cluster_size);
    }
    g_free(in);
    return r;
}

/* Reads n bytes at in_off of the guest cluster at guest_off whose L2
 * entry is `entry`. */
static int read_in_cluster(Qcow2State *s, uint64_t guest_off, uint64_t entry,
                           uint64_t in_off, uint8_t *buf, uint64_t n)
{
    ClusterType type;
    int r = classify(s, entry, &type);
    if (r < 0) {
        return r;
    }
    switch (type) {
    case CL_UNALLOCATED:
        return read_backing(s, guest_off + in_off, buf, n);
    case CL_ZERO:
        memset(buf, 0, n);
        return 0;
    case CL_NORMAL:
        return bdrv_fd_pread(s->fd, (entry & QCOW2_OFFSET_MASK) + in_off, buf, n);
    case CL_COMPRESSED: {
        uint8_t *tmp = g_malloc(s->cluster_size);
        r = read_compressed(s, entry, tmp);
        if (r == 0) {
            memcpy(buf, tmp + in_off, n);
        }
        g_free(tmp);
        return r;
    }
    }
    return -EIO;
}

int qcow2_read(Qcow2State *s, uint64_t offset, void *buf, uint64_t len)
{
    uint8_t *p = buf;
    while (len) {
        uint64_t in_off = offset & (s->cluster_size - 1);
        uint64_t n = MIN(len, s->cluster_size - in_off);
        uint64_t entry;
        int r = qcow2_get_l2_entry(s, offset, &entry);
        if (r == 0) {
            r = read_in_cluster(s, offset - in_off, entry, in_off, p, n);
        }
        if (r < 0) {
            return r;
        }
        p += n;
        offset += n;
        len -= n;
    }
    return 0;
}

/* The n bytes at pos of the guest disk, in the unallocated cluster
 * type: the backing file's, zeros past its end. */
static int readv_backing(Qcow2State *s, uint64_t pos, const struct iovec *piece, int k,
                         uint64_t n)
{
    BlockDriverState *b = s->bs->backing;
    uint64_t m = b && pos < b->size ? MIN(n, b->size - pos) : 0;
    if (m) {
        struct iovec *part = g_new(struct iovec, k);
        int r = bdrv_preadv(b, pos, part, bdrv_iov_slice(piece, k, 0, m, part));
        g_free(part);
        if (r < 0) {
            return r;
        }
    }
    bdrv_iov_memset0(piece, k, m, n - m);
    return 0;
}

/* How many bytes from pos (at most len) lie in guest clusters that map
 * to consecutive host clusters, the first of which is host_cluster,
 * entered at in_off.  One system call moves them. */
static int host_run(Qcow2State *s, uint64_t pos, uint64_t in_off, uint64_t host_cluster,
                    uint64_t len, bool for_write, uint64_t *run)
{
    uint64_t cs = s->cluster_size, n = MIN(len, cs - in_off);
    while (n < len) {
        uint64_t entry;
        ClusterType type;
        int r = qcow2_get_l2_entry(s, pos + n, &entry);
        if (r < 0 || (r = classify(s, entry, &type)) < 0) {
            return r;
        }
        uint64_t host = entry & QCOW2_OFFSET_MASK;
        if (type != CL_NORMAL || host != host_cluster + in_off + n ||
            (for_write && (!(entry & QCOW2_OFLAG_COPIED) || qcow2_is_metadata(s, host)))) {
            break;
        }
        n += MIN(len - n, cs);
    }
    *run = n;
    return 0;
}

int qcow2_readv(Qcow2State *s, uint64_t offset, const struct iovec *iov, int cnt, uint64_t len)
{
    uint64_t cs = s->cluster_size;
    struct iovec *piece = g_new(struct iovec, MAX(cnt, 1));
    uint8_t *tmp = NULL;
    int r = 0;
    for (uint64_t done = 0; done < len && r == 0;) {
        uint64_t pos = offset + done, in_off = pos & (cs - 1);
        uint64_t n = MIN(len - done, cs - in_off), entry;
        ClusterType type;
        if ((r = qcow2_get_l2_entry(s, pos, &entry)) < 0 || (r = classify(s, entry, &type)) < 0) {
            break;
        }
        uint64_t host = entry & QCOW2_OFFSET_MASK;
        if (type == CL_NORMAL &&
            (r = host_run(s, pos, in_off, host, len - done, false, &n)) < 0) {
            break;
        }
        int k = bdrv_iov_slice(iov, cnt, done, n, piece);
        switch (type) {
        case CL_NORMAL:
            r = bdrv_fd_preadv(s->fd, host + in_off, piece, k);
            break;
        case CL_ZERO:
            bdrv_iov_memset0(piece, k, 0, n);
            break;
        case CL_UNALLOCATED:
            r = readv_backing(s, pos, piece, k, n);
            break;
        case CL_COMPRESSED:
            tmp = tmp ? tmp : g_malloc(cs);
            if ((r = read_compressed(s, entry, tmp)) == 0) {
                bdrv_iov_from_buf(piece, k, 0, tmp + in_off, n);
            }
            break;
        }
        done += n;
    }
    g_free(tmp);
    g_free(piece);
    return r;
}

/* What an L2 entry holds that a replacement must give back. */
static int release_entry(Qcow2State *s, uint64_t entry)
{
    ClusterType type;
    int r = classify(s, entry, &type);
    if (r < 0) {
        return r;
    }
    if (type == CL_COMPRESSED) {
        uint64_t off, len;
        qcow2_compressed_range(s, entry, &off, &len);
        uint64_t first = off / s->cluster_size, last = (off + len - 1) / s->cluster_size;
        return qcow2_free_clusters(s, first * s->cluster_size, last - first + 1);
    }
    uint64_t host = entry & QCOW2_OFFSET_MASK;
    return host ? qcow2_free_clusters(s, host, 1) : 0;
}

/* The L2 table for L1 index l1_idx, ready to be written: allocated if
 * missing, copied if shared with a snapshot. */
static int writable_l2(Qcow2State *s, uint64_t l1_idx, uint64_t *l2_off)
{
    uint64_t old = s->l1[l1_idx];
    uint64_t old_off = old & QCOW2_OFFSET_MASK;
    if (old_off && (old & QCOW2_OFLAG_COPIED)) {
        *l2_off = old_off;
        return 0;
    }
    uint64_t cs = s->cluster_size;
    uint64_t *table = g_malloc0(cs);
    int r = 0;
    if (old_off) {
        const uint64_t *src;
        if ((r = qcow2_load_l2(s, old_off, &src)) < 0) {
            g_free(table);
            return r;
        }
        for (uint64_t i = 0; i < s->l2_entries; i++) {
            table[i] = src[i] & ~GUINT64_TO_BE(QCOW2_OFLAG_COPIED);
        }
    }
    int64_t new_off = qcow2_alloc_clusters(s, 1);
    if (new_off < 0) {
        g_free(table);
        return new_off;
    }
    r = bdrv_fd_pwrite(s->fd, new_off, table, cs);
    g_free(table);
    if (r < 0) {
        return r;
    }
    s->l1[l1_idx] = (uint64_t)new_off | QCOW2_OFLAG_COPIED;
    uint64_t be = GUINT64_TO_BE(s->l1[l1_idx]);
    if ((r = bdrv_fd_pwrite(s->fd, s->l1_offset + l1_idx * 8, &be, 8)) < 0) {
        return r;
    }
    *l2_off = new_off;
    return old_off ? qcow2_free_clusters(s, old_off, 1) : 0;
}

/* Sets the L2 entries of the n guest clusters from guest_offset (all in
 * one L2 table) to entry, entry + cluster_size, ... (a run of host
 * clusters; step 0 repeats one entry), in one write. */
static int set_l2_entries(Qcow2State *s, uint64_t guest_offset, uint64_t entry, uint64_t n,
                          uint64_t step)
{
    uint64_t cluster = guest_offset >> s->cluster_bits;
    uint64_t l2_off = 0, idx = cluster % s->l2_entries;
    g_assert(n >= 1 && idx + n <= s->l2_entries);
    int r = writable_l2(s, cluster / s->l2_entries, &l2_off);
    if (r < 0) {
        return r;
    }
    const uint64_t *table;
    if ((r = qcow2_load_l2(s, l2_off, &table)) < 0) {
        return r;
    }
    for (uint64_t i = 0; i < n; i++) {
        s->l2_cache[idx + i] = GUINT64_TO_BE(entry + i * step);
    }
    r = bdrv_fd_pwrite(s->fd, l2_off + idx * 8, &s->l2_cache[idx], n * 8);
    if (r < 0) {
        s->l2_cache_offset = 0;
    }
    return r;
}

static int set_l2_entry(Qcow2State *s, uint64_t guest_offset, uint64_t entry)
{
    return set_l2_entries(s, guest_offset, entry, 1, 0);
}

/* Writes n bytes at in_off of one guest cluster. */
static int write_in_cluster(Qcow2State *s, uint64_t guest_off, uint64_t in_off,
                            const uint8_t *buf, uint64_t n)
{
    uint64_t cs = s->cluster_size, entry;
    int r = qcow2_get_l2_entry(s, guest_off, &entry);
    ClusterType type;
    if (r < 0 || (r = classify(s, entry, &type)) < 0) {
        return r;
    }
    uint64_t host = entry & QCOW2_OFFSET_MASK;
    bool owned = (type == CL_NORMAL || type == CL_ZERO) && host && (entry & QCOW2_OFLAG_COPIED);
    if (owned && qcow2_is_metadata(s, host)) {
        return qcow2_corrupt(s, "guest cluster at 0x%" PRIx64 " maps onto metadata at 0x%" PRIx64,
                             guest_off, host);
    }
    if (owned && type == CL_NORMAL) {
        return bdrv_fd_pwrite(s->fd, host + in_off, buf, n);
    }
    /* A whole new cluster: the old contents around the new bytes. */
    uint8_t *cluster = NULL;
    const uint8_t *data = buf;
    if (n < cs) {
        cluster = g_malloc(cs);
        if ((r = read_in_cluster(s, guest_off, entry, 0, cluster, cs)) < 0) {
            g_free(cluster);
            return r;
        }
        memcpy(cluster + in_off, buf, n);
        data = cluster;
    }
    if (!owned) {
        int64_t off = qcow2_alloc_clusters(s, 1);
        if (off < 0) {
            g_free(cluster);
            return off;
        }
        host = off;
    }
    r = bdrv_fd_pwrite(s->fd, host, data, cs);
    g_free(cluster);
    if (r < 0 || (r = set_l2_entry(s, guest_off, host | QCOW2_OFLAG_COPIED)) < 0) {
        return r;
    }
    return owned ? 0 : release_entry(s, entry);
}

int qcow2_write(Qcow2State *s, uint64_t offset, const void *buf, uint64_t len)
{
    const uint8_t *p = buf;
    while (len) {
        uint64_t in_off = offset & (s->cluster_size - 1);
        uint64_t n = MIN(len, s->cluster_size - in_off);
        int r = write_in_cluster(s, offset - in_off, in_off, p, n);
        if (r < 0) {
            return r;
        }
        p += n;
        offset += n;
        len -= n;
    }
    return 0;
}

/* Most guest clusters one allocation takes: bounds the old entries kept
 * and the host run one write makes. */
#define NEW_RUN_MAX 1024

/* How many whole guest clusters from pos (at most len bytes, at most
 * NEW_RUN_MAX, within one L2 table) need a new host cluster each: none
 * of their own to write over.  Their entries go to old[]. */
static int new_run(Qcow2State *s, uint64_t pos, uint64_t len, uint64_t *old, uint64_t *count)
{
    uint64_t cs = s->cluster_size, cluster = pos >> s->cluster_bits;
    uint64_t max = MIN(MIN(len / cs, (uint64_t)NEW_RUN_MAX),
                       s->l2_entries - cluster % s->l2_entries);
    uint64_t n = 0;
    for (; n < max; n++) {
        uint64_t entry;
        ClusterType type;
        int r = qcow2_get_l2_entry(s, pos + n * cs, &entry);
        if (r < 0 || (r = classify(s, entry, &type)) < 0) {
            return r;
        }
        bool owned = (type == CL_NORMAL || type == CL_ZERO) && (entry & QCOW2_OFFSET_MASK) &&
                     (entry & QCOW2_OFLAG_COPIED);
        if (owned) {
            break;
        }
        old[n] = entry;
    }
    *count = n;
    return 0;
}

/* n whole guest clusters from pos, none owned: new host clusters in one
 * run, the data in one write, then the L2 entries in one write, then what
 * the old entries held is given back (the order write_in_cluster keeps). */
static int write_new_run(Qcow2State *s, uint64_t pos, const struct iovec *piece, int k,
                         const uint64_t *old, uint64_t n)
{
    int64_t host = qcow2_alloc_clusters(s, n);
    if (host < 0) {
        return host;
    }
    int r = bdrv_fd_pwritev(s->fd, host, piece, k);
    if (r < 0 ||
        (r = set_l2_entries(s, pos, (uint64_t)host | QCOW2_OFLAG_COPIED, n, s->cluster_size)) < 0) {
        return r;
    }
    for (uint64_t i = 0; i < n && r == 0; i++) {
        r = release_entry(s, old[i]);
    }
    return r;
}

int qcow2_writev(Qcow2State *s, uint64_t offset, const struct iovec *iov, int cnt, uint64_t len)
{
    uint64_t cs = s->cluster_size;
    struct iovec *piece = g_new(struct iovec, MAX(cnt, 1));
    uint64_t *old = g_new(uint64_t, NEW_RUN_MAX);
    uint8_t *cluster = NULL;
    int r = 0;
    for (uint64_t done = 0; done < len && r == 0;) {
        uint64_t pos = offset + done, in_off = pos & (cs - 1);
        uint64_t n = MIN(len - done, cs - in_off), entry, count = 0;
        ClusterType type;
        if ((r = qcow2_get_l2_entry(s, pos, &entry)) < 0 || (r = classify(s, entry, &type)) < 0) {
            break;
        }
        uint64_t host = entry & QCOW2_OFFSET_MASK;
        bool owned_data = type == CL_NORMAL && (entry & QCOW2_OFLAG_COPIED);
        if (owned_data && qcow2_is_metadata(s, host)) {
            r = qcow2_corrupt(s, "guest cluster at 0x%" PRIx64 " maps onto metadata at 0x%" PRIx64,
                              pos - in_off, host);
            break;
        }
        if (owned_data) {
            if ((r = host_run(s, pos, in_off, host, len - done, true, &n)) == 0) {
                r = bdrv_fd_pwritev(s->fd, host + in_off, piece,
                                    bdrv_iov_slice(iov, cnt, done, n, piece));
            }
        } else if (in_off == 0 && (r = new_run(s, pos, len - done, old, &count)) == 0 && count) {
            n = count * cs;
            r = write_new_run(s, pos, piece, bdrv_iov_slice(iov, cnt, done, n, piece), old, count);
        } else if (r == 0) {
            /* Part of a cluster, or one with a zero flag and a host
             * cluster of its own: through the one-cluster path. */
            cluster = cluster ? cluster : g_malloc(cs);
            bdrv_iov_to_buf(iov, cnt, done, cluster, n);
            r = write_in_cluster(s, pos - in_off, in_off, cluster, n);
        }
        done += n;
    }
    g_free(cluster);
    g_free(old);
    g_free(piece);
    return r;
}

/* One whole guest cluster made to read as zeros (write_zeroes) or
 * discarded (its contents become undefined: we unmap it, or, over a
 * backing file that would show through, set the zero flag as qemu does). */
static int zero_cluster(Qcow2State *s, uint64_t guest_off, bool discard)
{
    uint64_t entry;
    int r = qcow2_get_l2_entry(s, guest_off, &entry);
    ClusterType type;
    if (r < 0 || (r = classify(s, entry, &type)) < 0) {
        return r;
    }
    bool backing = s->bs->backing != NULL || s->backing_file != NULL;
    uint64_t new_entry;
    if (!backing) {
        new_entry = 0;
    } else if (s->version >= 3) {
        new_entry = QCOW2_OFLAG_ZERO;
    } else if (discard) {
        return 0;               /* v2 over a backing file: keep the data */
    } else {
        uint8_t *zeros = g_malloc0(s->cluster_size);
        r = write_in_cluster(s, guest_off, 0, zeros, s->cluster_size);
        g_free(zeros);
        return r;
    }
    if (entry == new_entry || (type == CL_UNALLOCATED && new_entry == 0) ||
        (type == CL_ZERO && !(entry & QCOW2_OFFSET_MASK) && new_entry == QCOW2_OFLAG_ZERO)) {
        return 0;
    }
    if ((r = set_l2_entry(s, guest_off, new_entry)) < 0) {
        return r;
    }
    return release_entry(s, entry);
}

int qcow2_zero_or_discard(Qcow2State *s, uint64_t offset, uint64_t len, bool discard)
{
    uint64_t cs = s->cluster_size;
    while (len) {
        uint64_t in_off = offset & (cs - 1);
        uint64_t n = MIN(len, cs - in_off);
        /* The last cluster of a disk whose size is not a multiple of the
         * cluster size counts as whole when the request reaches the end. */
        bool whole = in_off == 0 && (n == cs || offset + n == s->bs->size);
        int r = 0;
        if (whole) {
            r = zero_cluster(s, offset, discard);
        } else if (!discard) {
            uint8_t *zeros = g_malloc0(n);
            r = qcow2_write(s, offset, zeros, n);
            g_free(zeros);
        }
        if (r < 0) {
            return r;
        }
        offset += n;
        len -= n;
    }
    return 0;
}

int qcow2_write_compressed(Qcow2State *s, uint64_t guest_offset, const void *buf)
{
    uint64_t cs = s->cluster_size;
    uint8_t *out = g_malloc(cs);
    size_t clen = qcow2_compress(s, buf, cs, out, cs - 1);
    int r;
    if (clen == 0) {
        g_free(out);
        return qcow2_write(s, guest_offset, buf, cs);
    }
    uint64_t old;
    if ((r = qcow2_get_l2_entry(s, guest_offset, &old)) < 0) {
        goto out;
    }
    uint64_t off;
    if (s->comp_cluster && s->comp_used + clen <= cs) {
        off = s->comp_cluster + s->comp_used;
        if ((r = qcow2_update_refcount(s, s->comp_cluster / cs, 1)) < 0) {
            goto out;
        }
    } else {
        uint64_t n = (clen + cs - 1) / cs;
        int64_t start = qcow2_alloc_clusters(s, n);
        if (start < 0) {
            r = start;
            goto out;
        }
        off = start;
        s->comp_cluster = start + (n - 1) * cs;
        s->comp_used = 0;
    }
    s->comp_used = off + clen - s->comp_cluster;
    uint32_t x = 62 - (s->cluster_bits - 8);
    uint64_t nsec = ((off + clen - 1) >> 9) - (off >> 9);
    if (off >> x) {
        r = -EFBIG;
        goto out;
    }
    if ((r = bdrv_fd_pwrite(s->fd, off, out, clen)) < 0 ||
        (r = set_l2_entry(s, guest_offset, QCOW2_OFLAG_COMPRESSED | nsec << x | off)) < 0) {
        goto out;
    }
    r = release_entry(s, old);
out:
    g_free(out);
    return r;
}

int qcow2_preallocate_metadata(Qcow2State *s)
{
    uint64_t cs = s->cluster_size;
    for (uint64_t g = 0; g < s->bs->size; g += cs) {
        uint64_t entry;
        int r = qcow2_get_l2_entry(s, g, &entry);
        if (r < 0) {
            return r;
        }
        if (entry) {
            continue;
        }
        int64_t host = qcow2_alloc_clusters(s, 1);
        if (host < 0) {
            return host;
        }
        if ((r = set_l2_entry(s, g, (uint64_t)host | QCOW2_OFLAG_COPIED)) < 0) {
            return r;
        }
    }
    return ftruncate(s->fd, s->file_size) < 0 ? -errno : 0;
}

int qcow2_cluster_status(Qcow2State *s, uint64_t guest_offset)
{
    uint64_t entry;
    ClusterType type;
    int r = qcow2_get_l2_entry(s, guest_offset, &entry);
    if (r < 0 || (r = classify(s, entry, &type)) < 0) {
        return r;
    }
    return type == CL_UNALLOCATED ? QCOW2_STATUS_UNALLOCATED
         : type == CL_ZERO ? QCOW2_STATUS_ZERO : QCOW2_STATUS_DATA;
}

int qcow2_unmap_cluster(Qcow2State *s, uint64_t guest_offset)
{
    uint64_t entry;
    ClusterType type;
    int r = qcow2_get_l2_entry(s, guest_offset, &entry);
    if (r < 0 || (r = classify(s, entry, &type)) < 0 || entry == 0) {
        return r;
    }
    if ((r = set_l2_entry(s, guest_offset, 0)) < 0) {
        return r;
    }
    return release_entry(s, entry);
}
