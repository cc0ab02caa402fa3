/*
 * qcow2 internal snapshots: creating one (mimic-img snapshot -c).  The
 * active L1 table is copied and every cluster it reaches gains a
 * reference, so that later writes copy instead of overwriting; the
 * snapshot table is rewritten whole in new clusters and the header
 * switched to it in one write.  Listing is mimic-img's (it only reads).
 */
#include "hw/block/qcow2.h"
#include <errno.h>
#include <string.h>
#include <time.h>

/* One more reference to everything the active L1 reaches, and bit 63
 * (refcount exactly one) cleared in the active tables, which now share. */
static int share_active_clusters(Qcow2State *s)
{
    uint64_t cs = s->cluster_size;
    uint64_t *table = g_malloc(cs);
    int r = 0;
    for (uint32_t i = 0; r == 0 && i < s->l1_size; i++) {
        uint64_t l2_off = s->l1[i] & QCOW2_OFFSET_MASK;
        if (!l2_off) {
            continue;
        }
        if ((r = bdrv_fd_pread(s->fd, l2_off, table, cs)) < 0) {
            break;
        }
        for (uint64_t j = 0; r == 0 && j < s->l2_entries; j++) {
            uint64_t e = GUINT64_FROM_BE(table[j]);
            if (e & QCOW2_OFLAG_COMPRESSED) {
                uint64_t off, len;
                qcow2_compressed_range(s, e, &off, &len);
                for (uint64_t c = off / cs; r == 0 && c <= (off + len - 1) / cs; c++) {
                    r = qcow2_update_refcount(s, c, 1);
                }
            } else if (e & QCOW2_OFFSET_MASK) {
                r = qcow2_update_refcount(s, (e & QCOW2_OFFSET_MASK) / cs, 1);
            }
            table[j] = GUINT64_TO_BE(e & ~QCOW2_OFLAG_COPIED);
        }
        if (r == 0) {
            r = qcow2_update_refcount(s, l2_off / cs, 1);
        }
        if (r == 0) {
            r = bdrv_fd_pwrite(s->fd, l2_off, table, cs);
        }
        if (s->l2_cache_offset == l2_off) {
            s->l2_cache_offset = 0;
        }
        if (r == 0) {
            s->l1[i] &= ~QCOW2_OFLAG_COPIED;
            uint64_t be = GUINT64_TO_BE(s->l1[i]);
            r = bdrv_fd_pwrite(s->fd, s->l1_offset + i * 8ull, &be, 8);
        }
    }
    g_free(table);
    return r;
}

/* The bytes of the current snapshot table, and the highest numeric id. */
static int read_table(Qcow2State *s, const char *name, uint8_t **table, uint64_t *len,
                      uint64_t *max_id)
{
    uint64_t off = s->snapshots_offset;
    *table = NULL;
    *len = *max_id = 0;
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        uint8_t h[40];
        if (!qcow2_offset_ok(s, off, 40) || bdrv_fd_pread(s->fd, off, h, 40) < 0) {
            return qcow2_corrupt(s, "snapshot table entry %u is outside the file", i);
        }
        uint16_t id_len = h[12] << 8 | h[13], name_len = h[14] << 8 | h[15];
        uint32_t extra = (uint32_t)h[36] << 24 | h[37] << 16 | h[38] << 8 | h[39];
        uint64_t n = QCOW2_ROUND_UP(40ull + extra + id_len + name_len, 8);
        if (extra > 1024 || !qcow2_offset_ok(s, off, n)) {
            return qcow2_corrupt(s, "snapshot table entry %u is invalid", i);
        }
        char id[32] = "";
        if (id_len < sizeof(id) && bdrv_fd_pread(s->fd, off + 40 + extra, id, id_len) == 0) {
            *max_id = MAX(*max_id, g_ascii_strtoull(id, NULL, 10));
        }
        char *other = g_malloc0(name_len + 1);
        bool same = bdrv_fd_pread(s->fd, off + 40 + extra + id_len, other, name_len) == 0 &&
                    !strcmp(other, name);
        g_free(other);
        if (same) {
            return -EEXIST;     /* names are how users pick a snapshot */
        }
        off += n;
    }
    *len = off - s->snapshots_offset;
    *table = g_malloc0(*len + 1);
    return bdrv_fd_pread(s->fd, s->snapshots_offset, *table, *len);
}

int qcow2_snapshot_create(Qcow2State *s, const char *name)
{
    uint64_t cs = s->cluster_size, old_len, max_id;
    uint8_t *old;
    int r = read_table(s, name, &old, &old_len, &max_id);
    if (r < 0 || s->nb_snapshots >= QCOW2_MAX_SNAPSHOTS || strlen(name) > 65535) {
        g_free(old);
        return r < 0 ? r : -EFBIG;
    }
    if ((r = share_active_clusters(s)) < 0) {
        g_free(old);
        return r;
    }
    /* The snapshot's L1 table: a copy of the active one. */
    uint64_t l1_bytes = s->l1_size * 8ull, l1_clusters = (l1_bytes + cs - 1) / cs;
    int64_t l1_off = 0;
    if (l1_clusters) {
        l1_off = qcow2_alloc_clusters(s, l1_clusters);
        if (l1_off < 0) {
            g_free(old);
            return l1_off;
        }
        uint64_t *l1 = g_malloc0(l1_clusters * cs);
        for (uint32_t i = 0; i < s->l1_size; i++) {
            l1[i] = GUINT64_TO_BE(s->l1[i]);
        }
        r = bdrv_fd_pwrite(s->fd, l1_off, l1, l1_clusters * cs);
        g_free(l1);
    }
    /* The new entry: 40 fixed bytes, 24 of extra data (VM state size,
     * disk size, icount), the id and the name. */
    char *id = g_strdup_printf("%" PRIu64, max_id + 1);
    size_t id_len = strlen(id), name_len = strlen(name);
    uint64_t entry_len = QCOW2_ROUND_UP(40 + 24 + id_len + name_len, 8);
    uint8_t *entry = g_malloc0(entry_len);
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    uint64_t be64 = GUINT64_TO_BE((uint64_t)l1_off);
    memcpy(entry, &be64, 8);
    uint32_t be32 = GUINT32_TO_BE(s->l1_size);
    memcpy(entry + 8, &be32, 4);
    entry[12] = id_len >> 8, entry[13] = id_len;
    entry[14] = name_len >> 8, entry[15] = name_len;
    be32 = GUINT32_TO_BE((uint32_t)now.tv_sec);
    memcpy(entry + 16, &be32, 4);
    be32 = GUINT32_TO_BE((uint32_t)now.tv_nsec);
    memcpy(entry + 20, &be32, 4);
    be32 = GUINT32_TO_BE(24);
    memcpy(entry + 36, &be32, 4);
    be64 = GUINT64_TO_BE(s->bs->size);
    memcpy(entry + 48, &be64, 8);
    memcpy(entry + 64, id, id_len);
    memcpy(entry + 64 + id_len, name, name_len);
    g_free(id);

    uint64_t new_len = old_len + entry_len, new_clusters = (new_len + cs - 1) / cs;
    int64_t table_off = r < 0 ? r : qcow2_alloc_clusters(s, new_clusters);
    if (table_off < 0) {
        r = table_off;
    } else {
        uint8_t *table = g_malloc0(new_clusters * cs);
        memcpy(table, old, old_len);
        memcpy(table + old_len, entry, entry_len);
        r = bdrv_fd_pwrite(s->fd, table_off, table, new_clusters * cs);
        g_free(table);
    }
    g_free(entry);
    g_free(old);
    if (r == 0 && fdatasync(s->fd) < 0) {
        r = -errno;
    }
    if (r == 0) {
        /* nb_snapshots and snapshots_offset are adjacent: one write. */
        uint8_t hdr[12];
        be32 = GUINT32_TO_BE(s->nb_snapshots + 1);
        be64 = GUINT64_TO_BE((uint64_t)table_off);
        memcpy(hdr, &be32, 4);
        memcpy(hdr + 4, &be64, 8);
        r = bdrv_fd_pwrite(s->fd, 60, hdr, sizeof(hdr));
    }
    if (r < 0) {
        return r;
    }
    uint64_t old_off = s->snapshots_offset;
    uint32_t old_n = s->nb_snapshots;
    s->nb_snapshots++;
    s->snapshots_offset = table_off;
    if (old_n && old_len) {
        r = qcow2_free_clusters(s, old_off, (old_len + cs - 1) / cs);
    }
    return r;
}
