/*
 * qcow2 internal snapshots: creating, applying and deleting them
 * (mimic-img snapshot -c/-a/-d).  Creating copies the active L1 table and
 * gives every cluster it reaches a reference, so that later writes copy
 * instead of overwriting; applying makes the active L1 table a copy of
 * the snapshot's; deleting drops the snapshot's references.  The snapshot
 * table is always rewritten whole in new clusters and the header switched
 * to it in one write.  Listing is mimic-img's (it only reads).
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

/* qemu's cap on the whole snapshot table, so both open the same images. */
#define QCOW2_MAX_SNAPSHOT_TABLE (64u << 20)

/* One entry of the snapshot table, as load_entries reads it. */
typedef struct SnapEntry {
    uint64_t pos, len;              /* byte range within the table */
    uint64_t l1_offset;
    uint32_t l1_size;
    uint64_t disk_size;             /* the active size if the entry has none */
    char *id, *name;
    uint32_t date_sec, date_nsec;
    uint64_t vm_clock_nsec, vm_state_size, icount;
} SnapEntry;

static void free_entries(GArray *entries)
{
    for (guint i = 0; entries && i < entries->len; i++) {
        g_free(g_array_index(entries, SnapEntry, i).id);
        g_free(g_array_index(entries, SnapEntry, i).name);
    }
    if (entries) {
        g_array_free(entries, true);
    }
}

static uint64_t be64_in(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return GUINT64_FROM_BE(v);
}

static uint32_t be32_in(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return GUINT32_FROM_BE(v);
}

/* The whole table in memory (every length checked against the file and
 * qemu's cap before it is trusted) and its entries. */
static int load_entries(Qcow2State *s, uint8_t **table, uint64_t *table_len, GArray **entries)
{
    uint64_t off = s->snapshots_offset;
    *table = NULL;
    *table_len = 0;
    *entries = g_array_new(false, true, sizeof(SnapEntry));
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        uint8_t h[40];
        if (!qcow2_offset_ok(s, off, 40) || bdrv_fd_pread(s->fd, off, h, 40) < 0) {
            return qcow2_corrupt(s, "snapshot table entry %u is outside the file", i);
        }
        uint16_t id_len = h[12] << 8 | h[13], name_len = h[14] << 8 | h[15];
        uint32_t extra = (uint32_t)h[36] << 24 | h[37] << 16 | h[38] << 8 | h[39];
        uint64_t n = QCOW2_ROUND_UP(40ull + extra + id_len + name_len, 8);
        if (extra > 1024 || !qcow2_offset_ok(s, off, 40ull + extra + id_len + name_len) ||
            off + n - s->snapshots_offset > QCOW2_MAX_SNAPSHOT_TABLE) {
            return qcow2_corrupt(s, "snapshot table entry %u is invalid", i);
        }
        SnapEntry e = { .pos = off - s->snapshots_offset, .len = n };
        g_array_append_val(*entries, e);
        off += n;
    }
    *table_len = off - s->snapshots_offset;
    *table = g_malloc0(*table_len + 1);
    int r = bdrv_fd_pread(s->fd, s->snapshots_offset, *table, *table_len);
    for (guint i = 0; r == 0 && i < (*entries)->len; i++) {
        SnapEntry *e = &g_array_index(*entries, SnapEntry, i);
        const uint8_t *p = *table + e->pos;
        uint16_t id_len = p[12] << 8 | p[13], name_len = p[14] << 8 | p[15];
        uint32_t extra = (uint32_t)p[36] << 24 | p[37] << 16 | p[38] << 8 | p[39];
        e->l1_offset = be64_in(p);
        e->l1_size = (uint32_t)p[8] << 24 | p[9] << 16 | p[10] << 8 | p[11];
        e->disk_size = extra >= 16 ? be64_in(p + 48) : s->bs->size;
        e->date_sec = be32_in(p + 16);
        e->date_nsec = be32_in(p + 20);
        e->vm_clock_nsec = be64_in(p + 24);
        e->vm_state_size = extra >= 8 ? be64_in(p + 40) : be32_in(p + 32);
        e->icount = extra >= 24 ? be64_in(p + 56) : UINT64_MAX;
        e->id = g_strndup((const char *)p + 40 + extra, id_len);
        e->name = g_strndup((const char *)p + 40 + extra + id_len, name_len);
    }
    return r;
}

/* The header's snapshot count and table offset, adjacent (60 and 64):
 * one write switches to a table written before. */
static int switch_table(Qcow2State *s, uint32_t n, uint64_t offset)
{
    uint8_t hdr[12];
    uint32_t be32 = GUINT32_TO_BE(n);
    uint64_t be64 = GUINT64_TO_BE(offset);
    memcpy(hdr, &be32, 4);
    memcpy(hdr + 4, &be64, 8);
    return bdrv_fd_pwrite(s->fd, 60, hdr, sizeof(hdr));
}

/* The bytes of the current snapshot table and the highest numeric id;
 * -EEXIST if a snapshot is called name already. */
static int read_table(Qcow2State *s, const char *name, uint8_t **table, uint64_t *len,
                      uint64_t *max_id)
{
    GArray *entries;
    int r = load_entries(s, table, len, &entries);
    *max_id = 0;
    for (guint i = 0; r == 0 && i < entries->len; i++) {
        const SnapEntry *e = &g_array_index(entries, SnapEntry, i);
        *max_id = MAX(*max_id, g_ascii_strtoull(e->id, NULL, 10));
        if (!strcmp(e->name, name)) {
            r = -EEXIST;        /* names are how users pick a snapshot */
        }
    }
    free_entries(entries);
    return r;
}

int qcow2_snapshot_create(Qcow2State *s, const char *name)
{
    return qcow2_snapshot_create_vm(s, name, NULL);
}

int qcow2_snapshot_create_vm(Qcow2State *s, const char *name, const BlockSnapshot *vm)
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
    int64_t l1_off = s->l1_size ? qcow2_write_new_l1(s, s->l1, s->l1_size, s->l1_size) : 0;
    if (l1_off < 0) {
        g_free(old);
        return l1_off;
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
    if (vm) {
        /* The state's size both as the old 32-bit field and the 64-bit
         * extra one; no icount is UINT64_MAX, as qemu writes it. */
        memcpy(entry + 16, &(uint32_t){ GUINT32_TO_BE(vm->date_sec) }, 4);
        memcpy(entry + 20, &(uint32_t){ GUINT32_TO_BE(vm->date_nsec) }, 4);
        memcpy(entry + 24, &(uint64_t){ GUINT64_TO_BE(vm->vm_clock_nsec) }, 8);
        memcpy(entry + 32, &(uint32_t){ GUINT32_TO_BE((uint32_t)vm->vm_state_size) }, 4);
        memcpy(entry + 40, &(uint64_t){ GUINT64_TO_BE(vm->vm_state_size) }, 8);
        memcpy(entry + 56, &(uint64_t){ GUINT64_TO_BE(vm->icount) }, 8);
    }
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
        r = switch_table(s, s->nb_snapshots + 1, table_off);
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

/* ---- Applying and deleting ------------------------------------------ */

/* Where an L2 table or data cluster of a snapshot may lie: inside the
 * file, aligned, and never on the header, the active L1 table, the
 * refcount table or a refcount block (writes there would corrupt them). */
static bool host_cluster_ok(Qcow2State *s, uint64_t off)
{
    uint64_t cs = s->cluster_size;
    if ((off & (cs - 1)) || off < cs || !qcow2_offset_ok(s, off, cs) ||
        (off >= (s->l1_offset & ~(cs - 1)) && off - (s->l1_offset & ~(cs - 1)) < s->l1_size * 8ull) ||
        (off >= s->rt_offset && off - s->rt_offset < (uint64_t)s->rt_clusters * cs)) {
        return false;
    }
    for (uint64_t i = 0; i < s->rt_high; i++) {
        if (s->rt[i] == off) {
            return false;
        }
    }
    return true;
}

/* Walks the L2 tables an L1 table reaches: validates each (check_only),
 * or adds delta to the refcount of each table and of every cluster its
 * entries reach, clearing bit 63 (refcount exactly one) in tables that
 * stay shared when clear_copied.  Each table is read before its own
 * refcount changes, so a table freed by a -1 is never read again. */
static int walk_refs(Qcow2State *s, const uint64_t *l1, uint32_t l1_size, int delta,
                     bool check_only, bool clear_copied)
{
    uint64_t cs = s->cluster_size;
    uint64_t *table = g_malloc(cs);
    int r = 0;
    for (uint32_t i = 0; r == 0 && i < l1_size; i++) {
        uint64_t l2_off = l1[i] & QCOW2_OFFSET_MASK;
        if (check_only && ((l1[i] & QCOW2_L1_RESERVED) || (l2_off && !host_cluster_ok(s, l2_off)))) {
            r = qcow2_corrupt(s, "L1 entry %u (0x%016" PRIx64 ") is invalid", i, l1[i]);
            break;
        }
        if (!l2_off) {
            continue;
        }
        if ((r = bdrv_fd_pread(s->fd, l2_off, table, cs)) < 0) {
            break;
        }
        bool changed = false;
        for (uint64_t j = 0; r == 0 && j < s->l2_entries; j++) {
            uint64_t e = GUINT64_FROM_BE(table[j]);
            uint64_t off = e & QCOW2_OFFSET_MASK, len = cs;
            if (e & QCOW2_OFLAG_COMPRESSED) {
                qcow2_compressed_range(s, e, &off, &len);
                if (check_only && (!qcow2_offset_ok(s, off, len) || off < cs)) {
                    r = qcow2_corrupt(s, "compressed cluster 0x%" PRIx64 " is outside the file", off);
                }
            } else if (check_only && ((e & QCOW2_L2_RESERVED) || (off && !host_cluster_ok(s, off)))) {
                r = qcow2_corrupt(s, "L2 entry 0x%016" PRIx64 " in table 0x%" PRIx64 " is invalid", e, l2_off);
            }
            if (check_only || !off) {
                continue;
            }
            for (uint64_t c = off / cs; r == 0 && c <= (off + len - 1) / cs; c++) {
                r = qcow2_update_refcount(s, c, delta);
            }
            if (clear_copied && (e & QCOW2_OFLAG_COPIED)) {
                table[j] = GUINT64_TO_BE(e & ~QCOW2_OFLAG_COPIED);
                changed = true;
            }
        }
        if (r == 0 && changed) {
            r = bdrv_fd_pwrite(s->fd, l2_off, table, cs);
            if (s->l2_cache_offset == l2_off) {
                s->l2_cache_offset = 0;
            }
        }
        if (r == 0 && !check_only) {
            r = qcow2_update_refcount(s, l2_off / cs, delta);
        }
    }
    g_free(table);
    return r;
}

/* Bit 63 of every active L1 and L2 entry made to say again whether the
 * refcount is exactly one, after a deletion dropped some to one. */
static int fix_copied_flags(Qcow2State *s)
{
    uint64_t cs = s->cluster_size;
    uint64_t *table = g_malloc(cs);
    int r = 0;
    for (uint32_t i = 0; r == 0 && i < s->l1_size; i++) {
        uint64_t l2_off = s->l1[i] & QCOW2_OFFSET_MASK, rc;
        if (!l2_off) {
            continue;
        }
        if ((r = bdrv_fd_pread(s->fd, l2_off, table, cs)) < 0) {
            break;
        }
        bool changed = false;
        for (uint64_t j = 0; r == 0 && j < s->l2_entries; j++) {
            uint64_t e = GUINT64_FROM_BE(table[j]), off = e & QCOW2_OFFSET_MASK;
            if ((e & QCOW2_OFLAG_COMPRESSED) || !off || (r = qcow2_get_refcount(s, off / cs, &rc)) < 0) {
                continue;
            }
            uint64_t want = rc == 1 ? e | QCOW2_OFLAG_COPIED : e & ~QCOW2_OFLAG_COPIED;
            if (want != e) {
                table[j] = GUINT64_TO_BE(want);
                changed = true;
            }
        }
        if (r == 0 && changed) {
            r = bdrv_fd_pwrite(s->fd, l2_off, table, cs);
            if (s->l2_cache_offset == l2_off) {
                s->l2_cache_offset = 0;
            }
        }
        if (r == 0 && (r = qcow2_get_refcount(s, l2_off / cs, &rc)) == 0) {
            uint64_t want = rc == 1 ? s->l1[i] | QCOW2_OFLAG_COPIED : s->l1[i] & ~QCOW2_OFLAG_COPIED;
            if (want != s->l1[i]) {
                s->l1[i] = want;
                uint64_t be = GUINT64_TO_BE(want);
                r = bdrv_fd_pwrite(s->fd, s->l1_offset + i * 8ull, &be, 8);
            }
        }
    }
    g_free(table);
    return r;
}

/* A snapshot's L1 table, read and validated, padded with zeros to n. */
static int read_snapshot_l1(Qcow2State *s, const SnapEntry *e, uint32_t n, uint64_t **l1)
{
    *l1 = g_new0(uint64_t, MAX(n, 1));
    if ((uint64_t)e->l1_size * 8 > QCOW2_MAX_L1_BYTES ||
        (e->l1_size && ((e->l1_offset & (s->cluster_size - 1)) || e->l1_offset < s->cluster_size ||
                        !qcow2_offset_ok(s, e->l1_offset, e->l1_size * 8ull)))) {
        return qcow2_corrupt(s, "snapshot '%s' has an invalid L1 table (offset 0x%" PRIx64 ", %u entries)",
                             e->name, e->l1_offset, e->l1_size);
    }
    int r = bdrv_fd_pread(s->fd, e->l1_offset, *l1, e->l1_size * 8ull);
    for (uint32_t i = 0; i < e->l1_size; i++) {
        (*l1)[i] = GUINT64_FROM_BE((*l1)[i]);
    }
    return r < 0 ? r : walk_refs(s, *l1, e->l1_size, 0, true, false);
}

/* qemu-img's lookups: apply takes an id before a name, delete only a name. */
static const SnapEntry *find_entry(GArray *entries, const char *key, bool by_id)
{
    for (guint i = 0; by_id && i < entries->len; i++) {
        if (!strcmp(g_array_index(entries, SnapEntry, i).id, key)) {
            return &g_array_index(entries, SnapEntry, i);
        }
    }
    for (guint i = 0; i < entries->len; i++) {
        if (!strcmp(g_array_index(entries, SnapEntry, i).name, key)) {
            return &g_array_index(entries, SnapEntry, i);
        }
    }
    return NULL;
}

/*
 * Apply: the snapshot's clusters gain a reference first; the new active
 * L1 table is written whole in new clusters and synced; one header write
 * switches to it (with the snapshot's disk size); only then do the old
 * active tables lose their references.  A crash at any point leaves
 * extra references (leaks), never a missing one; every cluster the new
 * table reaches is also the snapshot's, so none has refcount one and no
 * bit 63 needs setting.
 */
int qcow2_snapshot_apply(Qcow2State *s, const char *key)
{
    uint64_t cs = s->cluster_size, table_len, *sn_l1 = NULL, *old_l1 = NULL;
    uint8_t *table = NULL;
    GArray *entries = NULL;
    int r = load_entries(s, &table, &table_len, &entries);
    const SnapEntry *e = r < 0 ? NULL : find_entry(entries, key, true);
    if (r == 0 && !e) {
        r = -ENOENT;
    }
    uint64_t span = s->l2_entries * cs, l1_size = 0;
    if (r == 0) {
        uint64_t need = e->disk_size / span + (e->disk_size % span != 0);
        l1_size = MAX(MAX(need, s->l1_size), e->l1_size);
        if (l1_size * 8 > QCOW2_MAX_L1_BYTES || e->disk_size >= (1ull << 63)) {
            r = qcow2_corrupt(s, "snapshot '%s' has an invalid disk size %" PRIu64, e->name, e->disk_size);
        }
    }
    if (r == 0) {
        r = read_snapshot_l1(s, e, l1_size, &sn_l1);
    }
    if (r == 0) {
        /* The old active tables lose references later: check them now,
         * while a refusal still leaves the image as it was. */
        r = walk_refs(s, s->l1, s->l1_size, 0, true, false);
    }
    if (r == 0) {
        r = walk_refs(s, sn_l1, e->l1_size, 1, false, true);
    }
    int64_t l1_off = 0;
    if (r == 0 && l1_size) {
        for (uint32_t i = 0; i < l1_size; i++) {
            sn_l1[i] &= ~QCOW2_OFLAG_COPIED;
        }
        if ((l1_off = qcow2_write_new_l1(s, sn_l1, l1_size, l1_size)) < 0) {
            r = l1_off;
        }
    }
    if (r == 0 && fdatasync(s->fd) < 0) {
        r = -errno;
    }
    if (r == 0) {
        /* size (24), encryption (32), L1 size (36), L1 offset (40): one write. */
        uint8_t hdr[24];
        if ((r = bdrv_fd_pread(s->fd, 24, hdr, 24)) == 0) {
            uint64_t be_size = GUINT64_TO_BE(e->disk_size), be_off = GUINT64_TO_BE((uint64_t)l1_off);
            uint32_t be_n = GUINT32_TO_BE((uint32_t)l1_size);
            memcpy(hdr, &be_size, 8);
            memcpy(hdr + 12, &be_n, 4);
            memcpy(hdr + 16, &be_off, 8);
            r = bdrv_fd_pwrite(s->fd, 24, hdr, 24);
        }
        if (r == 0 && fdatasync(s->fd) < 0) {
            r = -errno;
        }
    }
    if (r == 0) {
        uint64_t old_off = s->l1_offset;
        uint32_t old_size = s->l1_size;
        old_l1 = s->l1;
        s->l1 = sn_l1;
        sn_l1 = NULL;
        s->l1_size = l1_size;
        s->l1_offset = l1_off;
        s->bs->size = e->disk_size;
        s->l2_cache_offset = 0;
        r = walk_refs(s, old_l1, old_size, -1, false, false);
        if (r == 0 && old_size) {
            r = qcow2_free_clusters(s, old_off, (old_size * 8ull + cs - 1) / cs);
        }
    }
    g_free(old_l1);
    g_free(sn_l1);
    g_free(table);
    free_entries(entries);
    return r;
}

/*
 * Delete: the table without the entry is written in new clusters and the
 * header switched to it in one write; then the snapshot's clusters lose
 * their reference and its L1 table is freed; last, bit 63 is set where
 * the active tables' refcounts fell to one.  A crash before the switch
 * leaks the new table; one after it can leave active clusters at refcount
 * one without bit 63 (qemu-img check counts those until `check -r all`),
 * the safe way round: such clusters are copied on write, never shared.
 */
int qcow2_snapshot_delete(Qcow2State *s, const char *name)
{
    return qcow2_snapshot_delete_key(s, name, false);
}

int qcow2_snapshot_delete_key(Qcow2State *s, const char *key, bool by_id)
{
    uint64_t cs = s->cluster_size, table_len, *sn_l1 = NULL;
    uint8_t *table = NULL;
    GArray *entries = NULL;
    int r = load_entries(s, &table, &table_len, &entries);
    const SnapEntry *e = r < 0 ? NULL : find_entry(entries, key, by_id);
    if (r == 0 && !e) {
        r = -ENOENT;
    }
    if (r == 0) {
        r = read_snapshot_l1(s, e, e->l1_size, &sn_l1);
    }
    uint64_t new_len = r == 0 ? table_len - e->len : 0, new_clusters = (new_len + cs - 1) / cs;
    int64_t new_off = 0;
    if (r == 0 && new_clusters && (new_off = qcow2_alloc_clusters(s, new_clusters)) < 0) {
        r = new_off;
    }
    if (r == 0 && new_clusters) {
        uint8_t *t = g_malloc0(new_clusters * cs);
        memcpy(t, table, e->pos);
        memcpy(t + e->pos, table + e->pos + e->len, table_len - e->pos - e->len);
        r = bdrv_fd_pwrite(s->fd, new_off, t, new_clusters * cs);
        g_free(t);
    }
    if (r == 0 && fdatasync(s->fd) < 0) {
        r = -errno;
    }
    if (r == 0) {
        r = switch_table(s, s->nb_snapshots - 1, new_off);
        if (r == 0 && fdatasync(s->fd) < 0) {
            r = -errno;
        }
    }
    if (r == 0) {
        uint64_t old_off = s->snapshots_offset;
        s->nb_snapshots--;
        s->snapshots_offset = new_off;
        if (table_len) {
            r = qcow2_free_clusters(s, old_off, (table_len + cs - 1) / cs);
        }
        if (r == 0) {
            r = walk_refs(s, sn_l1, e->l1_size, -1, false, false);
        }
        if (r == 0 && e->l1_size) {
            r = qcow2_free_clusters(s, e->l1_offset, (e->l1_size * 8ull + cs - 1) / cs);
        }
        if (r == 0 && fdatasync(s->fd) < 0) {
            r = -errno;
        }
        if (r == 0) {
            r = fix_copied_flags(s);
        }
    }
    g_free(sn_l1);
    g_free(table);
    free_entries(entries);
    return r;
}

int qcow2_snapshot_list(Qcow2State *s, GArray **out)
{
    uint8_t *table;
    uint64_t len;
    GArray *entries;
    int r = load_entries(s, &table, &len, &entries);
    *out = g_array_new(false, true, sizeof(BlockSnapshot));
    for (guint i = 0; r == 0 && i < entries->len; i++) {
        const SnapEntry *e = &g_array_index(entries, SnapEntry, i);
        BlockSnapshot sn = {
            .id = g_strdup(e->id), .name = g_strdup(e->name),
            .date_sec = e->date_sec, .date_nsec = e->date_nsec,
            .vm_clock_nsec = e->vm_clock_nsec, .vm_state_size = e->vm_state_size,
            .icount = e->icount,
        };
        g_array_append_val(*out, sn);
    }
    free_entries(entries);
    g_free(table);
    return r;
}
