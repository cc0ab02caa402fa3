/*
 * qcow2 host clusters: reading and changing refcounts of any width (1 to
 * 64 bits), creating refcount blocks, growing the refcount table when it
 * is full, and allocating and freeing clusters.
 *
 * Ordering, so that a crash leaks clusters at worst and never leaves a
 * reference to a cluster whose refcount is zero: a refcount goes up before
 * anything points at its cluster; a new refcount block is written before
 * the table entry that points at it; a new table is complete and synced
 * before the header switches to it; the old one is freed only after.
 */
#include "hw/block/qcow2.h"
#include <errno.h>
#include <string.h>
#include <unistd.h>

static uint64_t rb_get(Qcow2State *s, const uint8_t *blk, uint64_t i)
{
    uint32_t bits = s->refcount_bits;
    if (bits < 8) {
        uint64_t bit = i * bits;
        return (blk[bit / 8] >> (bit % 8)) & s->refcount_max;
    }
    uint64_t v = 0;
    const uint8_t *p = blk + i * (bits / 8);
    for (uint32_t k = 0; k < bits / 8; k++) {
        v = v << 8 | p[k];
    }
    return v;
}

/* Sets entry i of a refcount block in memory; returns the byte range
 * that changed, for a write-through of just that range. */
static void rb_set(Qcow2State *s, uint8_t *blk, uint64_t i, uint64_t v,
                   uint64_t *byte, uint64_t *nbytes)
{
    uint32_t bits = s->refcount_bits;
    if (bits < 8) {
        uint64_t bit = i * bits;
        uint8_t mask = (uint8_t)(s->refcount_max << (bit % 8));
        blk[bit / 8] = (blk[bit / 8] & ~mask) | (uint8_t)(v << (bit % 8));
        *byte = bit / 8;
        *nbytes = 1;
        return;
    }
    uint8_t *p = blk + i * (bits / 8);
    for (int k = bits / 8 - 1; k >= 0; k--) {
        p[k] = (uint8_t)v;
        v >>= 8;
    }
    *byte = i * (bits / 8);
    *nbytes = bits / 8;
}

static int rb_load(Qcow2State *s, uint64_t offset)
{
    if (s->rb_cache_offset == offset) {
        return 0;
    }
    s->rb_cache_offset = 0;
    int r = bdrv_fd_pread(s->fd, offset, s->rb_cache, s->cluster_size);
    if (r == 0) {
        s->rb_cache_offset = offset;
    }
    return r;
}

int qcow2_get_refcount(Qcow2State *s, uint64_t cluster, uint64_t *refcount)
{
    uint64_t idx = cluster / s->rb_entries;
    *refcount = 0;
    if (idx >= s->rt_entries || !s->rt[idx]) {
        return 0;
    }
    int r = rb_load(s, s->rt[idx]);
    if (r == 0) {
        *refcount = rb_get(s, s->rb_cache, cluster % s->rb_entries);
    }
    return r;
}

static int write_rt_entry(Qcow2State *s, uint64_t idx)
{
    uint64_t be = GUINT64_TO_BE(s->rt[idx]);
    return bdrv_fd_pwrite(s->fd, s->rt_offset + idx * 8, &be, 8);
}

static void note_file_end(Qcow2State *s, uint64_t end)
{
    s->file_size = MAX(s->file_size, end);
}

/* The first run of n clusters with refcount zero at or after the hint;
 * clusters past what the refcount table covers count as free. */
static int find_free(Qcow2State *s, uint64_t n, uint64_t *start)
{
    uint64_t c = MAX(s->free_hint, 1), run = 0, first_free = 0;
    bool seen_free = false;
    for (;;) {
        uint64_t rc;
        int r = qcow2_get_refcount(s, c + run, &rc);
        if (r < 0) {
            return r;
        }
        if (rc) {
            c += run + 1;
            run = 0;
            continue;
        }
        if (!seen_free) {
            seen_free = true;
            first_free = c + run;
        }
        if (++run == n) {
            break;
        }
    }
    s->free_hint = first_free;
    *start = c;
    return 0;
}

static int ensure_refblock(Qcow2State *s, uint64_t idx);

/* A bigger refcount table, placed past the end of everything at a
 * refcount-block boundary, so that the refcount blocks describing the
 * table (and themselves) are all new and need no old block changed. */
static int grow_table(Qcow2State *s, uint64_t need_idx)
{
    uint64_t cs = s->cluster_size, per_cluster = cs / 8, rbe = s->rb_entries;
    uint64_t end = s->file_size / cs + (s->file_size % cs != 0);
    /* Past every existing block too: a block may describe clusters
     * beyond the end of the file, and its table entry must survive. */
    for (uint64_t i = s->rt_entries; i-- > 0;) {
        if (s->rt[i]) {
            end = MAX(end, (i + 1) * rbe);
            break;
        }
    }
    uint64_t e = (end + rbe - 1) / rbe * rbe;
    uint64_t t = MAX(2ull * s->rt_clusters, (need_idx + 1 + per_cluster - 1) / per_cluster);
    uint64_t b;
    for (;;) {
        b = 1;
        while (b * rbe < t + b) {
            b++;
        }
        uint64_t last_idx = (e + t + b - 1) / rbe;
        if (last_idx < t * per_cluster && need_idx < t * per_cluster) {
            break;
        }
        t++;
    }
    if (t * cs > QCOW2_MAX_RT_BYTES) {
        fprintf(stderr, "qcow2: %s: the refcount table would exceed %u MiB\n",
                s->bs->filename, QCOW2_MAX_RT_BYTES >> 20);
        return -EFBIG;
    }
    int r = 0;
    uint8_t *blk = g_malloc(cs);
    uint64_t *table = g_new0(uint64_t, t * per_cluster);
    uint64_t *table_be = g_new0(uint64_t, t * per_cluster);
    memcpy(table, s->rt, s->rt_entries * 8);
    for (uint64_t k = 0; k < b && r == 0; k++) {
        memset(blk, 0, cs);
        uint64_t first = e + k * rbe;
        for (uint64_t c = first; c < first + rbe && c < e + t + b; c++) {
            uint64_t byte, nbytes;
            rb_set(s, blk, c - first, 1, &byte, &nbytes);
        }
        r = bdrv_fd_pwrite(s->fd, (e + t + k) * cs, blk, cs);
        table[e / rbe + k] = (e + t + k) * cs;
    }
    for (uint64_t i = 0; i < t * per_cluster; i++) {
        table_be[i] = GUINT64_TO_BE(table[i]);
    }
    if (r == 0) {
        r = bdrv_fd_pwrite(s->fd, e * cs, table_be, t * cs);
    }
    if (r == 0 && fdatasync(s->fd) < 0) {
        r = -errno;
    }
    if (r == 0) {
        uint8_t hdr[12];
        uint64_t off_be = GUINT64_TO_BE(e * cs);
        uint32_t n_be = GUINT32_TO_BE((uint32_t)t);
        memcpy(hdr, &off_be, 8);
        memcpy(hdr + 8, &n_be, 4);
        r = bdrv_fd_pwrite(s->fd, 48, hdr, sizeof(hdr));
        if (r == 0 && fdatasync(s->fd) < 0) {
            r = -errno;
        }
    }
    g_free(blk);
    g_free(table_be);
    if (r < 0) {
        g_free(table);
        return r;
    }
    uint64_t old_offset = s->rt_offset, old_clusters = s->rt_clusters;
    g_free(s->rt);
    s->rt = table;
    s->rt_offset = e * cs;
    s->rt_clusters = t;
    s->rt_entries = t * per_cluster;
    s->rt_high = e / rbe + b;
    note_file_end(s, (e + t + b) * cs);
    return qcow2_free_clusters(s, old_offset, old_clusters);
}

static void forget_cached(Qcow2State *s, uint64_t offset)
{
    if (s->rb_cache_offset == offset) {
        s->rb_cache_offset = 0;
    }
    if (s->l2_cache_offset == offset) {
        s->l2_cache_offset = 0;
    }
}

static int ensure_refblock(Qcow2State *s, uint64_t idx)
{
    int r;
    if (idx >= s->rt_entries && (r = grow_table(s, idx)) < 0) {
        return r;
    }
    while (!s->rt[idx]) {
        uint64_t c;
        if ((r = find_free(s, 1, &c)) < 0) {
            return r;
        }
        uint64_t j = c / s->rb_entries, cs = s->cluster_size;
        if (j != idx && (j >= s->rt_entries || !s->rt[j])) {
            if ((r = ensure_refblock(s, j)) < 0) {
                return r;
            }
            continue;           /* that block may have taken c */
        }
        forget_cached(s, c * cs);
        uint8_t *blk = g_malloc0(cs);
        if (j == idx) {
            /* The block describes itself. */
            uint64_t byte, nbytes;
            rb_set(s, blk, c % s->rb_entries, 1, &byte, &nbytes);
        } else if ((r = qcow2_update_refcount(s, c, 1)) < 0) {
            g_free(blk);
            return r;
        }
        r = bdrv_fd_pwrite(s->fd, c * cs, blk, cs);
        g_free(blk);
        if (r < 0) {
            return r;
        }
        note_file_end(s, (c + 1) * cs);
        s->rt[idx] = c * cs;
        s->rt_high = MAX(s->rt_high, idx + 1);
        if ((r = write_rt_entry(s, idx)) < 0) {
            return r;
        }
    }
    return 0;
}

int qcow2_set_refcount(Qcow2State *s, uint64_t cluster, uint64_t refcount)
{
    uint64_t idx = cluster / s->rb_entries;
    int r;
    if (refcount > s->refcount_max) {
        fprintf(stderr, "qcow2: %s: refcount of cluster %" PRIu64 " would exceed %" PRIu64 "\n",
                s->bs->filename, cluster, s->refcount_max);
        return -ERANGE;
    }
    if (refcount == 0 && (idx >= s->rt_entries || !s->rt[idx])) {
        return 0;
    }
    if ((r = ensure_refblock(s, idx)) < 0 || (r = rb_load(s, s->rt[idx])) < 0) {
        return r;
    }
    uint64_t byte, nbytes;
    rb_set(s, s->rb_cache, cluster % s->rb_entries, refcount, &byte, &nbytes);
    r = bdrv_fd_pwrite(s->fd, s->rt[idx] + byte, s->rb_cache + byte, nbytes);
    if (r < 0) {
        s->rb_cache_offset = 0;
        return r;
    }
    if (refcount == 0) {
        s->free_hint = MIN(s->free_hint, cluster);
        forget_cached(s, cluster * s->cluster_size);
        if (s->comp_cluster == cluster * s->cluster_size) {
            s->comp_cluster = 0;
        }
    }
    return 0;
}

int qcow2_update_refcount(Qcow2State *s, uint64_t cluster, int64_t delta)
{
    uint64_t rc;
    int r = qcow2_get_refcount(s, cluster, &rc);
    if (r < 0) {
        return r;
    }
    if (delta < 0 && rc < (uint64_t)-delta) {
        return qcow2_corrupt(s, "freeing cluster %" PRIu64 " whose refcount is %" PRIu64, cluster, rc);
    }
    return qcow2_set_refcount(s, cluster, rc + delta);
}

/* Refcount 1 for the n free clusters from start, whose refcount blocks
 * exist: one write per refcount block the run spans, not one per
 * cluster. */
static int set_refcounts_to_one(Qcow2State *s, uint64_t start, uint64_t n)
{
    for (uint64_t c = start, end = start + n; c < end;) {
        uint64_t idx = c / s->rb_entries, stop = MIN(end, (idx + 1) * s->rb_entries);
        int r;
        if ((r = ensure_refblock(s, idx)) < 0 || (r = rb_load(s, s->rt[idx])) < 0) {
            return r;
        }
        uint64_t first = UINT64_MAX, last = 0;
        for (; c < stop; c++) {
            uint64_t byte, nbytes;
            rb_set(s, s->rb_cache, c % s->rb_entries, 1, &byte, &nbytes);
            first = MIN(first, byte);
            last = MAX(last, byte + nbytes);
            /* A freed table now reused for data: its cached copy is stale. */
            forget_cached(s, c * s->cluster_size);
        }
        r = bdrv_fd_pwrite(s->fd, s->rt[idx] + first, s->rb_cache + first, last - first);
        if (r < 0) {
            s->rb_cache_offset = 0;
            return r;
        }
    }
    return 0;
}

int64_t qcow2_alloc_clusters(Qcow2State *s, uint64_t n)
{
    for (;;) {
        uint64_t start;
        int r = find_free(s, n, &start);
        if (r < 0) {
            return r;
        }
        /* Refcount blocks the run needs go after it (where qemu puts
         * them too): hold the hint past the run while making them. */
        uint64_t below = s->free_hint;
        bool made_blocks = false;
        s->free_hint = start + n;
        for (uint64_t idx = start / s->rb_entries; idx <= (start + n - 1) / s->rb_entries; idx++) {
            if (idx >= s->rt_entries || !s->rt[idx]) {
                if ((r = ensure_refblock(s, idx)) < 0) {
                    return r;
                }
                made_blocks = true;
            }
        }
        s->free_hint = below;
        if (made_blocks) {
            continue;           /* a table growth may have moved things: look again */
        }
        if ((r = set_refcounts_to_one(s, start, n)) < 0) {
            return r;
        }
        if (s->free_hint == start) {
            s->free_hint = start + n;
        }
        note_file_end(s, (start + n) * s->cluster_size);
        return (int64_t)(start * s->cluster_size);
    }
}

int qcow2_free_clusters(Qcow2State *s, uint64_t offset, uint64_t n)
{
    for (uint64_t c = offset / s->cluster_size; n--; c++) {
        int r = qcow2_update_refcount(s, c, -1);
        if (r < 0) {
            return r;
        }
    }
    return 0;
}

void qcow2_compressed_range(Qcow2State *s, uint64_t entry, uint64_t *offset, uint64_t *len)
{
    uint32_t x = 62 - (s->cluster_bits - 8);
    uint64_t off = entry & ((1ull << x) - 1);
    uint64_t nsec = (entry >> x) & ((1ull << (s->cluster_bits - 8)) - 1);
    *offset = off;
    *len = (off & ~511ull) + (nsec + 1) * 512 - off;
}
