/*
 * The block layer's internal snapshots (block.h): the format-independent
 * side of savevm/loadvm/delvm, each call serialised on the image's lock
 * like every other, so a device worker never sees a half-applied one.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hw/block/block.h"

bool bdrv_can_snapshot(BlockDriverState *bs)
{
    return bs && !bs->read_only && bs->drv->snapshot;
}

/* Runs a snapshot operation under the image's lock; -ENOTSUP if the
 * format has none, -EROFS on a read-only image. */
#define SNAPSHOT_CALL(bs, op, ...)                                      \
    ({                                                                  \
        int r_ = -ENOTSUP;                                              \
        if ((bs)->drv->snapshot && (bs)->drv->snapshot->op) {           \
            g_mutex_lock(&(bs)->lock);                                  \
            r_ = (bs)->drv->snapshot->op((bs), ##__VA_ARGS__);          \
            g_mutex_unlock(&(bs)->lock);                                \
        }                                                               \
        r_;                                                             \
    })

int bdrv_snapshot_list(BlockDriverState *bs, GArray **out)
{
    *out = NULL;
    return SNAPSHOT_CALL(bs, list, out);
}

void bdrv_snapshot_clear(BlockSnapshot *sn)
{
    g_free(sn->id);
    g_free(sn->name);
    sn->id = sn->name = NULL;
}

void bdrv_snapshot_list_free(GArray *list)
{
    for (guint i = 0; list && i < list->len; i++) {
        bdrv_snapshot_clear(&g_array_index(list, BlockSnapshot, i));
    }
    if (list) {
        g_array_free(list, true);
    }
}

bool bdrv_snapshot_find(BlockDriverState *bs, const char *name, BlockSnapshot *sn)
{
    GArray *list;
    if (bdrv_snapshot_list(bs, &list) < 0) {
        return false;
    }
    const BlockSnapshot *hit = NULL;
    for (guint i = 0; !hit && i < list->len; i++) {
        const BlockSnapshot *s = &g_array_index(list, BlockSnapshot, i);
        hit = !strcmp(s->name, name) ? s : NULL;
    }
    if (hit) {
        *sn = *hit;
        sn->id = g_strdup(hit->id);
        sn->name = g_strdup(hit->name);
    }
    bdrv_snapshot_list_free(list);
    return hit != NULL;
}

int bdrv_snapshot_create(BlockDriverState *bs, const BlockSnapshot *sn)
{
    return bs->read_only ? -EROFS : SNAPSHOT_CALL(bs, create, sn);
}

int bdrv_snapshot_apply(BlockDriverState *bs, const char *id)
{
    return bs->read_only ? -EROFS : SNAPSHOT_CALL(bs, apply, id);
}

int bdrv_snapshot_delete(BlockDriverState *bs, const char *id)
{
    return bs->read_only ? -EROFS : SNAPSHOT_CALL(bs, delete, id);
}

int bdrv_save_vmstate(BlockDriverState *bs, uint64_t pos, const void *buf, uint64_t len)
{
    return bs->read_only ? -EROFS : SNAPSHOT_CALL(bs, vmstate_rw, pos, (void *)buf, len, true);
}

int bdrv_load_vmstate(BlockDriverState *bs, uint64_t pos, void *buf, uint64_t len)
{
    return SNAPSHOT_CALL(bs, vmstate_rw, pos, buf, len, false);
}

char *bdrv_human_size(uint64_t n)
{
    /* qemu's: three significant digits, binary units. */
    static const char *const suffix[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    int exp;
    frexp(n / (1000.0 / 1024.0), &exp);
    int i = exp > 0 ? (exp - 1) / 10 : 0;
    if (i >= (int)G_N_ELEMENTS(suffix)) {
        i = G_N_ELEMENTS(suffix) - 1;
    }
    return g_strdup_printf("%0.3g %s", n / (double)(1ull << (i * 10)), suffix[i]);
}

void bdrv_snapshot_dump_header(GString *out)
{
    g_string_append_printf(out, "%-10s%-17s%8s%20s%13s%11s\n", "ID", "TAG", "VM SIZE", "DATE",
                           "VM CLOCK", "ICOUNT");
}

void bdrv_snapshot_dump(GString *out, const BlockSnapshot *sn, const char *id)
{
    char date[32], clock[48], icount[24] = "";
    time_t t = sn->date_sec;
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
    uint64_t ms = sn->vm_clock_nsec / 1000000;
    snprintf(clock, sizeof(clock), "%02" PRIu64 ":%02u:%02u.%03u", ms / 3600000,
             (unsigned)(ms / 60000 % 60), (unsigned)(ms / 1000 % 60), (unsigned)(ms % 1000));
    if (sn->icount != UINT64_MAX) {
        snprintf(icount, sizeof(icount), "%" PRIu64, sn->icount);
    }
    char *size = bdrv_human_size(sn->vm_state_size);
    g_string_append_printf(out, "%-9s %-16s %8s%20s%13s%11s\n", id ? id : sn->id, sn->name, size,
                           date, clock, icount);
    g_free(size);
}
