/*
 * qcow2's side of savevm/loadvm (block.h's BlockSnapshotOps): the
 * machine-state area, and the growth of the L1 table that it (and a
 * resize) needs.
 *
 * As in qemu, the machine state lives in guest clusters past the end of
 * the disk, from the first L1 entry the disk does not use: written there
 * in the active tables, it is taken into the snapshot with the rest when
 * the snapshot copies the L1 table, and then discarded from the active
 * tables; applying the snapshot brings it back at the same place, where
 * loadvm reads it.
 */
#include "hw/block/qcow2.h"
#include <errno.h>
#include <string.h>
#include <unistd.h>

int qcow2_grow_l1(Qcow2State *s, uint64_t entries)
{
    uint64_t cs = s->cluster_size;
    if (entries <= s->l1_size) {
        return 0;
    }
    if (entries * 8 > QCOW2_MAX_L1_BYTES) {
        return -EFBIG;
    }
    /* The new table whole in new clusters, synced, then one header
     * write of size and offset; the old clusters freed last (a crash
     * leaks them, never loses a table). */
    int64_t off = qcow2_write_new_l1(s, s->l1, s->l1_size, entries);
    int r = off < 0 ? (int)off : 0;
    if (r == 0 && fdatasync(s->fd) < 0) {
        r = -errno;
    }
    if (r < 0) {
        return r;
    }
    uint8_t hdr[12];
    uint32_t be_n = GUINT32_TO_BE((uint32_t)entries);
    uint64_t be_off = GUINT64_TO_BE((uint64_t)off);
    memcpy(hdr, &be_n, 4);
    memcpy(hdr + 4, &be_off, 8);
    if ((r = bdrv_fd_pwrite(s->fd, 36, hdr, sizeof(hdr))) < 0) {
        return r;
    }
    uint64_t old_off = s->l1_offset, old_clusters = (s->l1_size * 8ull + cs - 1) / cs;
    s->l1 = g_renew(uint64_t, s->l1, entries);
    memset(s->l1 + s->l1_size, 0, (entries - s->l1_size) * 8);
    s->l1_size = entries;
    s->l1_offset = off;
    return old_clusters && old_off ? qcow2_free_clusters(s, old_off, old_clusters) : 0;
}

/* Bytes one L2 table maps, and where the state area starts: the first
 * L1 entry the disk does not reach. */
static uint64_t l2_span(Qcow2State *s)
{
    return s->l2_entries * s->cluster_size;
}

static uint64_t vm_state_offset(Qcow2State *s)
{
    uint64_t span = l2_span(s);
    return (s->bs->size + span - 1) / span * span;
}

static int vmstate_rw(BlockDriverState *bs, uint64_t pos, void *buf, uint64_t len, bool write)
{
    Qcow2State *s = bs->opaque;
    uint64_t base = vm_state_offset(s), span = l2_span(s);
    uint64_t limit = (uint64_t)QCOW2_MAX_L1_BYTES / 8 * span;
    if (pos > limit || len > limit - pos || base > limit - pos - len) {
        return -EFBIG;
    }
    if (!write) {
        return qcow2_read(s, base + pos, buf, len);
    }
    int r = qcow2_mark_dirty(s);
    if (r == 0) {
        r = qcow2_grow_l1(s, (base + pos + len + span - 1) / span);
    }
    return r < 0 ? r : qcow2_write(s, base + pos, buf, len);
}

static int snapshot_list(BlockDriverState *bs, GArray **out)
{
    return qcow2_snapshot_list(bs->opaque, out);
}

static int snapshot_create(BlockDriverState *bs, const BlockSnapshot *sn)
{
    Qcow2State *s = bs->opaque;
    int r = qcow2_snapshot_create_vm(s, sn->name, sn);
    if (r == 0 && sn->vm_state_size) {
        /* The snapshot holds the state now; the active tables need not
         * (a later write there would copy clusters for nothing). */
        uint64_t len = QCOW2_ROUND_UP(sn->vm_state_size, s->cluster_size);
        r = qcow2_zero_or_discard(s, vm_state_offset(s), len, true);
    }
    return r;
}

/* By id: qcow2_snapshot_apply looks keys up as ids first. */
static int snapshot_apply(BlockDriverState *bs, const char *id)
{
    return qcow2_snapshot_apply(bs->opaque, id);
}

static int snapshot_delete(BlockDriverState *bs, const char *id)
{
    return qcow2_snapshot_delete_key(bs->opaque, id, true);
}

const BlockSnapshotOps qcow2_snapshot_ops = {
    .list = snapshot_list,
    .create = snapshot_create,
    .apply = snapshot_apply,
    .delete = snapshot_delete,
    .vmstate_rw = vmstate_rw,
};
