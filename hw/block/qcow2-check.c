/*
 * qcow2 consistency: count every reference to every host cluster (header,
 * L1 tables of the image and its snapshots, L2 tables, data and compressed
 * clusters, the refcount table and its blocks, the snapshot table), compare
 * with the stored refcounts, and optionally repair them.  mimic-img check
 * prints the result; opening a dirty image read-write rebuilds with it.
 */
#include "hw/block/qcow2.h"
#include <errno.h>
#include <string.h>

typedef struct Walk {
    Qcow2State *s;
    Qcow2CheckResult *res;
    uint64_t nb_clusters;           /* clusters of the file */
    uint64_t *refs;
    uint64_t next_contiguous;       /* for the fragmentation count */
} Walk;

static void add_ref(Walk *w, uint64_t offset, uint64_t len, const char *what)
{
    if (len == 0) {
        return;
    }
    uint64_t cs = w->s->cluster_size;
    for (uint64_t c = offset / cs; c <= (offset + len - 1) / cs; c++) {
        if (c >= w->nb_clusters) {
            g_string_append_printf(w->res->messages,
                                   "ERROR %s cluster %" PRIu64 " is beyond the end of the image file\n",
                                   what, c);
            w->res->corruptions++;
            return;
        }
        w->refs[c]++;
    }
}

static int walk_l2(Walk *w, uint64_t l2_off, bool active)
{
    Qcow2State *s = w->s;
    uint64_t cs = s->cluster_size;
    uint64_t *table = g_malloc(cs);
    int r = bdrv_fd_pread(s->fd, l2_off, table, cs);
    w->next_contiguous = 0;         /* as qemu-img counts: per L2 table */
    for (uint64_t i = 0; r == 0 && i < s->l2_entries; i++) {
        uint64_t e = GUINT64_FROM_BE(table[i]);
        if (e & QCOW2_OFLAG_COMPRESSED) {
            uint64_t off, len;
            qcow2_compressed_range(s, e, &off, &len);
            add_ref(w, off, len, "compressed data");
            if (active) {
                w->res->allocated_clusters++;
                w->res->compressed_clusters++;
                w->res->fragmented_clusters++;
            }
            continue;
        }
        uint64_t host = e & QCOW2_OFFSET_MASK;
        if ((e & QCOW2_L2_RESERVED) || (host & (cs - 1))) {
            g_string_append_printf(w->res->messages,
                                   "ERROR invalid L2 entry 0x%016" PRIx64 " in table at 0x%" PRIx64 "\n",
                                   e, l2_off);
            w->res->corruptions++;
            continue;
        }
        if (!host) {
            continue;
        }
        add_ref(w, host, cs, "data");
        if (active) {
            w->res->allocated_clusters++;
            if (w->next_contiguous && host != w->next_contiguous) {
                w->res->fragmented_clusters++;
            }
            w->next_contiguous = host + cs;
        }
    }
    g_free(table);
    return r;
}

static int walk_l1(Walk *w, uint64_t l1_off, uint64_t l1_size, bool active)
{
    Qcow2State *s = w->s;
    uint64_t cs = s->cluster_size;
    add_ref(w, l1_off, l1_size * 8, "L1 table");
    uint64_t *l1 = g_new0(uint64_t, MAX(l1_size, 1));
    int r = active ? 0 : bdrv_fd_pread(s->fd, l1_off, l1, l1_size * 8);
    for (uint64_t i = 0; r == 0 && i < l1_size; i++) {
        uint64_t e = active ? s->l1[i] : GUINT64_FROM_BE(l1[i]);
        uint64_t off = e & QCOW2_OFFSET_MASK;
        if (!off) {
            continue;
        }
        if ((e & QCOW2_L1_RESERVED) || (off & (cs - 1)) || off / cs >= w->nb_clusters) {
            g_string_append_printf(w->res->messages, "ERROR invalid L1 entry 0x%016" PRIx64 "\n", e);
            w->res->corruptions++;
            continue;
        }
        add_ref(w, off, cs, "L2 table");
        r = walk_l2(w, off, active);
    }
    g_free(l1);
    return r;
}

static int walk_snapshots(Walk *w)
{
    Qcow2State *s = w->s;
    uint64_t off = s->snapshots_offset;
    uint8_t hdr[40];
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        if (!qcow2_offset_ok(s, off, sizeof(hdr))) {
            g_string_append_printf(w->res->messages, "ERROR snapshot table entry %u is outside the file\n", i);
            w->res->corruptions++;
            return 0;
        }
        int r = bdrv_fd_pread(s->fd, off, hdr, sizeof(hdr));
        if (r < 0) {
            return r;
        }
        uint64_t l1_off = GUINT64_FROM_BE(*(uint64_t *)hdr);
        uint32_t l1_size = GUINT32_FROM_BE(*(uint32_t *)(hdr + 8));
        uint16_t id_len = GUINT16_FROM_BE(*(uint16_t *)(hdr + 12));
        uint16_t name_len = GUINT16_FROM_BE(*(uint16_t *)(hdr + 14));
        uint32_t extra = GUINT32_FROM_BE(*(uint32_t *)(hdr + 36));
        if (extra > 1024 || (l1_off & (s->cluster_size - 1)) ||
            (uint64_t)l1_size * 8 > QCOW2_MAX_L1_BYTES) {
            g_string_append_printf(w->res->messages, "ERROR snapshot %u has an invalid table entry\n", i);
            w->res->corruptions++;
            w->res->check_failed = true;
            return 0;
        }
        if ((r = walk_l1(w, l1_off, l1_size, false)) < 0) {
            return r;
        }
        off += QCOW2_ROUND_UP(40ull + extra + id_len + name_len, 8);
    }
    add_ref(w, s->snapshots_offset, off - s->snapshots_offset, "snapshot table");
    return 0;
}

/* Bit 63 of active L1 and L2 entries says "refcount exactly one"; a
 * wrong bit would let a write go in place into a shared cluster. */
static int check_copied_flags(Qcow2State *s, int fix, Qcow2CheckResult *res)
{
    uint64_t cs = s->cluster_size;
    uint64_t *table = g_malloc(cs);
    int r = 0;
    for (uint32_t i = 0; r == 0 && i < s->l1_size; i++) {
        uint64_t l2_off = s->l1[i] & QCOW2_OFFSET_MASK, rc;
        if (!l2_off || (r = qcow2_get_refcount(s, l2_off / cs, &rc)) < 0) {
            continue;
        }
        if ((rc == 1) != !!(s->l1[i] & QCOW2_OFLAG_COPIED)) {
            g_string_append_printf(res->messages, "%s OFLAG_COPIED L2 cluster: l1_index=%u l1_entry=%" PRIx64
                                   " refcount=%" PRIu64 "\n", (fix & QCOW2_FIX_ERRORS) ? "Repairing" : "ERROR",
                                   i, s->l1[i], rc);
            res->corruptions++;
            if (fix & QCOW2_FIX_ERRORS) {
                s->l1[i] ^= QCOW2_OFLAG_COPIED;
                uint64_t be = GUINT64_TO_BE(s->l1[i]);
                if (bdrv_fd_pwrite(s->fd, s->l1_offset + i * 8ull, &be, 8) == 0) {
                    res->corruptions_fixed++;
                }
            }
        }
        if ((r = bdrv_fd_pread(s->fd, l2_off, table, cs)) < 0) {
            break;
        }
        for (uint64_t j = 0; j < s->l2_entries; j++) {
            uint64_t e = GUINT64_FROM_BE(table[j]), host = e & QCOW2_OFFSET_MASK;
            if ((e & QCOW2_OFLAG_COMPRESSED) || !host || (r = qcow2_get_refcount(s, host / cs, &rc)) < 0) {
                continue;
            }
            if ((rc == 1) == !!(e & QCOW2_OFLAG_COPIED)) {
                continue;
            }
            g_string_append_printf(res->messages, "%s OFLAG_COPIED data cluster: l2_entry=%" PRIx64
                                   " refcount=%" PRIu64 "\n", (fix & QCOW2_FIX_ERRORS) ? "Repairing" : "ERROR",
                                   e, rc);
            res->corruptions++;
            if (fix & QCOW2_FIX_ERRORS) {
                uint64_t be = GUINT64_TO_BE(e ^ QCOW2_OFLAG_COPIED);
                if (bdrv_fd_pwrite(s->fd, l2_off + j * 8, &be, 8) == 0) {
                    res->corruptions_fixed++;
                }
                if (s->l2_cache_offset == l2_off) {
                    s->l2_cache_offset = 0;
                }
            }
        }
    }
    g_free(table);
    return r;
}

int qcow2_check(Qcow2State *s, int fix, Qcow2CheckResult *res)
{
    uint64_t cs = s->cluster_size;
    if (!res->messages) {
        res->messages = g_string_new(NULL);
    }
    Walk w = { .s = s, .res = res };
    w.nb_clusters = s->file_size / cs + (s->file_size % cs != 0);
    w.refs = g_try_new0(uint64_t, w.nb_clusters + 1);
    if (!w.refs) {
        g_string_append_printf(res->messages, "ERROR the image file is too large to check\n");
        res->check_failed = true;
        return -ENOMEM;
    }
    res->total_clusters = s->bs->size / cs + (s->bs->size % cs != 0);

    add_ref(&w, 0, cs, "header");
    int r = walk_l1(&w, s->l1_offset, s->l1_size, true);
    if (r == 0) {
        r = walk_snapshots(&w);
    }
    add_ref(&w, s->rt_offset, (uint64_t)s->rt_clusters * cs, "refcount table");
    for (uint64_t i = 0; i < s->rt_entries; i++) {
        if (s->rt[i]) {
            add_ref(&w, s->rt[i], cs, "refcount block");
        }
    }
    if (r < 0) {
        res->check_failed = true;
        g_free(w.refs);
        return r;
    }

    /* Compare; allocations made while repairing must not land on a cluster
     * that is referenced but not yet counted. */
    uint64_t highest = 0, saved_hint = s->free_hint;
    /* Only the clusters of the file, as qemu-img compares them. */
    uint64_t last = w.nb_clusters;
    s->free_hint = MAX(s->free_hint, w.nb_clusters);
    for (uint64_t c = 0; c < last; c++) {
        uint64_t stored, want = c < w.nb_clusters ? w.refs[c] : 0;
        if ((r = qcow2_get_refcount(s, c, &stored)) < 0) {
            res->check_failed = true;
            break;
        }
        if (stored || want) {
            highest = c;
        }
        if (stored == want) {
            continue;
        }
        bool is_leak = stored > want;
        bool repair = (fix & QCOW2_FIX_ERRORS) || (is_leak && (fix & QCOW2_FIX_LEAKS));
        g_string_append_printf(res->messages, "%s cluster %" PRIu64 " refcount=%" PRIu64
                               " reference=%" PRIu64 "\n",
                               repair ? "Repairing" : is_leak ? "Leaked" : "ERROR", c, stored, want);
        if (repair && qcow2_set_refcount(s, c, want) == 0) {
            if (is_leak) {
                res->leaks_fixed++;
            } else {
                res->corruptions_fixed++;
            }
        }
        if (is_leak) {
            res->leaks++;
        } else {
            res->corruptions++;
        }
    }
    s->free_hint = MIN(saved_hint, s->free_hint);
    if (r == 0) {
        r = check_copied_flags(s, fix, res);
    }
    res->image_end_offset = (highest + 1) * cs;
    g_free(w.refs);
    return r;
}
