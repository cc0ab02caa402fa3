/*
 * Internal snapshots of the whole machine (savevm.h): the registry of
 * what the machine is made of, the stream that carries it, and the
 * monitor's savevm, loadvm, delvm and info snapshots over the disks.
 *
 * The stream, in the machine-state area of one disk:
 *   "MIMICVM1", then records, each a tag byte:
 *   'C' u64 VM clock (ns);
 *   'D' u16 id length, id, u32 length, the table's bytes (vmstate.c);
 *   'R' u16 id length, id, u64 size, then runs of non-zero pages, each
 *       u64 first page, u32 pages, the pages; a run of 0 pages ends it;
 *   'E' the end.
 * All numbers big-endian.  Loading wants every registered id exactly
 * once and nothing else, so a snapshot of another machine is refused
 * before it is half loaded where that can be seen (sizes and ids first).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hw/block/block.h"
#include "softmmu/cpus.h"
#include "softmmu/device-lock.h"
#include "softmmu/drive.h"
#include "softmmu/savevm.h"
#include "softmmu/timer.h"

#define STREAM_MAGIC    "MIMICVM1"
#define PAGE            4096u
#define IO_CHUNK        (8u << 20)      /* bytes per call into the block layer */

typedef struct SaveEntry {
    char *id;
    const VMStateDescription *vmsd;
    void *opaque;
} SaveEntry;

typedef struct SaveHooks {
    void (*drain)(void *opaque);
    void (*after_load)(void *opaque);
    void *opaque;
} SaveHooks;

static GArray *entries;         /* SaveEntry, in registration order */
static GArray *hooks;           /* SaveHooks */
static MemoryRegion *ram;

void savevm_register(const char *id, const VMStateDescription *vmsd, void *opaque)
{
    if (!entries) {
        entries = g_array_new(false, false, sizeof(SaveEntry));
    }
    SaveEntry e = { g_strdup(id), vmsd, opaque };
    g_array_append_val(entries, e);
}

void savevm_register_ram(MemoryRegion *mr)
{
    ram = mr;
}

void savevm_register_hooks(void (*drain)(void *opaque), void (*after_load)(void *opaque),
                           void *opaque)
{
    if (!hooks) {
        hooks = g_array_new(false, false, sizeof(SaveHooks));
    }
    SaveHooks h = { drain, after_load, opaque };
    g_array_append_val(hooks, h);
}

/* ---- the stream ---- */

typedef struct Writer {
    BlockDriverState *bs;
    uint64_t pos;               /* bytes handed to the disk */
    uint8_t *buf;
    size_t used;
    int err;                    /* the first -errno */
} Writer;

static void w_flush(Writer *w)
{
    if (w->used && !w->err) {
        w->err = bdrv_save_vmstate(w->bs, w->pos, w->buf, w->used);
    }
    w->pos += w->used;
    w->used = 0;
}

static void w_bytes(Writer *w, const void *p, size_t n)
{
    const uint8_t *b = p;
    while (n) {
        size_t k = MIN(n, IO_CHUNK - w->used);
        memcpy(w->buf + w->used, b, k);
        w->used += k;
        b += k;
        n -= k;
        if (w->used == IO_CHUNK) {
            w_flush(w);
        }
    }
}

static void w_be(Writer *w, uint64_t v, int size)
{
    uint8_t b[8];
    for (int i = 0; i < size; i++) {
        b[i] = v >> (8 * (size - 1 - i));
    }
    w_bytes(w, b, size);
}

static void w_id(Writer *w, char tag, const char *id)
{
    w_be(w, (uint8_t)tag, 1);
    w_be(w, strlen(id), 2);
    w_bytes(w, id, strlen(id));
}

typedef struct Reader {
    BlockDriverState *bs;
    uint64_t pos, size;         /* next byte to fetch from the disk; the state's size */
    uint8_t *buf;
    size_t have, off;
    bool short_read;            /* past the end or an I/O error */
} Reader;

static bool r_bytes(Reader *r, void *p, size_t n)
{
    uint8_t *b = p;
    while (n) {
        if (r->off == r->have) {
            uint64_t left = r->size - r->pos;
            size_t k = MIN((uint64_t)IO_CHUNK, left);
            if (!k || bdrv_load_vmstate(r->bs, r->pos, r->buf, k) < 0) {
                r->short_read = true;
                return false;
            }
            r->pos += k;
            r->have = k;
            r->off = 0;
        }
        size_t k = MIN(n, r->have - r->off);
        memcpy(b, r->buf + r->off, k);
        r->off += k;
        b += k;
        n -= k;
    }
    return true;
}

/* Bytes of the state not read yet: no length in the stream may ask for
 * more (a damaged image must not make us allocate gigabytes). */
static uint64_t r_left(const Reader *r)
{
    return r->size - r->pos + (r->have - r->off);
}

static bool r_be(Reader *r, int size, uint64_t *v)
{
    uint8_t b[8];
    if (!r_bytes(r, b, size)) {
        return false;
    }
    *v = 0;
    for (int i = 0; i < size; i++) {
        *v = *v << 8 | b[i];
    }
    return true;
}

static char *r_id(Reader *r)
{
    uint64_t len;
    if (!r_be(r, 2, &len)) {
        return NULL;
    }
    if (len > r_left(r)) {
        return NULL;
    }
    char *id = g_malloc0(len + 1);
    if (!r_bytes(r, id, len)) {
        g_free(id);
        return NULL;
    }
    return id;
}

/* ---- RAM ---- */

static bool page_is_zero(const uint8_t *p)
{
    const uint64_t *q = (const uint64_t *)p;
    uint64_t acc = 0;
    for (unsigned i = 0; i < PAGE / 8; i += 8) {
        acc |= q[i] | q[i + 1] | q[i + 2] | q[i + 3] | q[i + 4] | q[i + 5] | q[i + 6] | q[i + 7];
        if (acc) {
            return false;
        }
    }
    return true;
}

/* Which pages the host has memory for (present or swapped out, from
 * /proc/self/pagemap): the others were never written since the mapping
 * was made or emptied, so they read as zeros and need not be touched,
 * which would fault each one in (most of a big guest's RAM).  NULL if
 * the kernel will not say: then every page is looked at. */
static uint8_t *backed_pages(const uint8_t *host, uint64_t pages)
{
    int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    enum { BATCH = 65536 };
    uint8_t *backed = g_malloc(pages);
    uint64_t *entries = g_new(uint64_t, BATCH);
    uint64_t first = (uintptr_t)host / PAGE;
    bool ok = true;
    for (uint64_t p = 0; ok && p < pages; p += BATCH) {
        uint64_t n = MIN((uint64_t)BATCH, pages - p);
        ssize_t got = pread(fd, entries, n * 8, (first + p) * 8);
        ok = got == (ssize_t)(n * 8);
        for (uint64_t i = 0; ok && i < n; i++) {
            backed[p + i] = (entries[i] >> 62) != 0;    /* bit 63 present, 62 swapped */
        }
    }
    close(fd);
    g_free(entries);
    if (!ok) {
        g_free(backed);
        return NULL;
    }
    return backed;
}

static bool page_has_data(const uint8_t *backed, uint64_t p)
{
    return (!backed || backed[p]) && !page_is_zero(ram->host + p * PAGE);
}

static void save_ram(Writer *w)
{
    uint64_t size = (ram->last + 1), pages = size / PAGE;
    g_autofree uint8_t *backed = backed_pages(ram->host, pages);
    w_id(w, 'R', ram->name);
    w_be(w, size, 8);
    for (uint64_t p = 0; p < pages && !w->err;) {
        if (!page_has_data(backed, p)) {
            p++;
            continue;
        }
        uint64_t n = 1;
        while (p + n < pages && n < UINT32_MAX && page_has_data(backed, p + n)) {
            n++;
        }
        w_be(w, p, 8);
        w_be(w, n, 4);
        w_bytes(w, ram->host + p * PAGE, n * PAGE);
        p += n;
    }
    w_be(w, 0, 8);
    w_be(w, 0, 4);
}

/* Pages from..to that the stream does not hold are zero in the saved
 * machine: made so where they are not already (a page the host never
 * backed reads as zero and is left alone, not faulted in). */
static void zero_gap(const uint8_t *backed, uint64_t from, uint64_t to)
{
    for (uint64_t p = from; p < to; p++) {
        if (page_has_data(backed, p)) {
            memset(ram->host + p * PAGE, 0, PAGE);
        }
    }
}

/* Into the RAM the machine has now, so that pages it already has need
 * no new host memory (a fault each, the cost of a big load). */
static bool load_ram(Reader *r, GError **err)
{
    uint64_t size = (ram->last + 1), pages = size / PAGE, got;
    if (!r_be(r, 8, &got)) {
        return false;
    }
    if (got != size) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Length mismatch: %s: 0x%" G_GINT64_MODIFIER "x in != 0x%"
                    G_GINT64_MODIFIER "x: Invalid argument", ram->name, got, size);
        return false;
    }
    g_autofree uint8_t *backed = backed_pages(ram->host, pages);
    uint64_t next = 0;
    for (;;) {
        uint64_t first, n;
        if (!r_be(r, 8, &first) || !r_be(r, 4, &n)) {
            return false;
        }
        if (!n) {
            zero_gap(backed, next, pages);
            return true;
        }
        if (first < next || first > pages || n > pages - first) {
            g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "%s: pages %" G_GUINT64_FORMAT "+%" G_GUINT64_FORMAT
                        " lie outside RAM or out of order", ram->name, first, n);
            return false;
        }
        zero_gap(backed, next, first);
        if (!r_bytes(r, ram->host + first * PAGE, n * PAGE)) {
            return false;
        }
        next = first + n;
    }
}

/* ---- the machine ---- */

static void save_machine(Writer *w)
{
    w_bytes(w, STREAM_MAGIC, 8);
    w_be(w, 'C', 1);
    w_be(w, vm_clock_ns(), 8);
    GByteArray *b = g_byte_array_new();
    for (guint i = 0; entries && i < entries->len; i++) {
        SaveEntry *e = &g_array_index(entries, SaveEntry, i);
        g_byte_array_set_size(b, 0);
        if (!vmstate_save(e->vmsd, e->opaque, b)) {
            w->err = w->err ? w->err : -EINVAL;
            break;
        }
        w_id(w, 'D', e->id);
        w_be(w, b->len, 4);
        w_bytes(w, b->data, b->len);
    }
    g_byte_array_unref(b);
    if (ram) {
        save_ram(w);
    }
    w_be(w, 'E', 1);
    w_flush(w);
}

static SaveEntry *find_entry(const char *id)
{
    for (guint i = 0; entries && i < entries->len; i++) {
        SaveEntry *e = &g_array_index(entries, SaveEntry, i);
        if (!strcmp(e->id, id)) {
            return e;
        }
    }
    return NULL;
}

static bool load_device(Reader *r, GHashTable *seen, GError **err)
{
    g_autofree char *id = r_id(r);
    uint64_t len;
    if (!id || !r_be(r, 4, &len) || len > r_left(r)) {
        return false;
    }
    SaveEntry *e = find_entry(id);
    if (!e || g_hash_table_contains(seen, e)) {
        g_autofree char *shown = g_strescape(id, NULL);     /* a damaged id is any bytes */
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "Unknown savevm section or instance '%s'. Make sure that your current VM "
                    "setup matches your saved VM setup, including any hotplugged devices", shown);
        return false;
    }
    g_hash_table_add(seen, e);
    g_autofree uint8_t *data = g_malloc(MAX(len, 1));
    if (!r_bytes(r, data, len)) {
        return false;
    }
    size_t used;
    char *why = NULL;
    if (!vmstate_load(e->vmsd, e->opaque, data, len, &used, &why) || used != len) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "error while loading state for "
                    "instance '%s': %s", id, why ? why : "the section is longer than its table");
        g_free(why);
        return false;
    }
    return true;
}

static bool load_machine(Reader *r, GError **err)
{
    char magic[8];
    uint64_t tag, clock;
    if (!r_bytes(r, magic, 8) || memcmp(magic, STREAM_MAGIC, 8)) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "the snapshot's machine state is not mimic's (not saved by mimic-system)");
        return false;
    }
    g_autoptr(GHashTable) seen = g_hash_table_new(NULL, NULL);
    bool ram_seen = false;
    while (r_be(r, 1, &tag)) {
        switch (tag) {
        case 'C':
            if (!r_be(r, 8, &clock)) {
                goto short_stream;
            }
            if (clock >= (1ull << 60)) {        /* 36 years of machine time */
                g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                            "invalid VM clock %" G_GUINT64_FORMAT " ns", clock);
                return false;
            }
            vm_clock_set((int64_t)clock);
            continue;
        case 'D':
            if (!load_device(r, seen, err)) {
                goto failed;
            }
            continue;
        case 'R': {
            g_autofree char *id = r_id(r);
            if (!id || !ram || ram_seen || strcmp(id, ram->name)) {
                g_autofree char *shown = g_strescape(id ? id : "", NULL);
                g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                            "Unknown ramblock \"%s\", cannot accept migration", shown);
                goto failed;
            }
            ram_seen = true;
            if (!load_ram(r, err)) {
                goto failed;
            }
            continue;
        }
        case 'E':
            if (g_hash_table_size(seen) != (entries ? entries->len : 0) || (ram && !ram_seen)) {
                g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                            "the snapshot lacks part of this machine's state: it was saved "
                            "from another machine setup");
                return false;
            }
            return true;
        default:
            g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "Unknown savevm section type %u", (unsigned)tag);
            return false;
        }
    }
short_stream:
    g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "the snapshot's machine state is "
                "truncated or unreadable");
    return false;
failed:
    if (!*err) {
        goto short_stream;
    }
    return false;
}

/* ---- stopping and starting around an operation ---- */

/* Stops the vCPUs and lets the devices finish their requests; returns
 * whether the machine was running.  The device lock is let go of while
 * it waits and held again on return. */
static bool quiesce(void)
{
    bool was_running = machine_is_running();
    int held = device_lock_release_all();
    machine_pause_sync();
    for (guint i = 0; hooks && i < hooks->len; i++) {
        SaveHooks *h = &g_array_index(hooks, SaveHooks, i);
        if (h->drain) {
            h->drain(h->opaque);
        }
    }
    device_lock_reacquire(held);
    return was_running;
}

/* ---- the disks ---- */

/* The disk that holds the machine state: the first that takes
 * snapshots.  With every_writable (savevm, loadvm) every writable disk
 * must take them, as qemu checks; info snapshots does not ask that. */
static BlockDriverState *vmstate_disk(bool every_writable, GError **err)
{
    const GPtrArray *drives = drive_list();
    BlockDriverState *first = NULL;
    for (guint i = 0; i < drives->len; i++) {
        const DriveInfo *d = g_ptr_array_index(drives, i);
        if (d->bs->read_only) {
            continue;
        }
        if (!bdrv_can_snapshot(d->bs) && every_writable) {
            g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "Device '%s' is writable but does not support snapshots", d->id);
            return NULL;
        }
        first = first ? first : bdrv_can_snapshot(d->bs) ? d->bs : NULL;
    }
    if (!first) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "no block device can store vmstate for snapshot");
    }
    return first;
}

/* The disks the monitor's commands act on: every one that takes
 * snapshots (DriveInfo, not owned). */
static GPtrArray *snapshot_disks(void)
{
    GPtrArray *set = g_ptr_array_new();
    const GPtrArray *drives = drive_list();
    for (guint i = 0; i < drives->len; i++) {
        DriveInfo *d = g_ptr_array_index(drives, i);
        if (bdrv_can_snapshot(d->bs)) {
            g_ptr_array_add(set, d);
        }
    }
    return set;
}

/* Calls fn on every disk of the set; stops at the first failure. */
static int for_each_disk(const GPtrArray *disks, int (*fn)(BlockDriverState *bs, const char *key),
                         const char *key, const char **failed_id)
{
    for (guint i = 0; i < disks->len; i++) {
        const DriveInfo *d = g_ptr_array_index(disks, i);
        int r = fn(d->bs, key);
        if (r < 0) {
            *failed_id = d->id;
            return r;
        }
    }
    return 0;
}

/* Every snapshot of that name gone from bs. */
static int delete_all_named(BlockDriverState *bs, const char *key)
{
    BlockSnapshot sn;
    while (bdrv_snapshot_find(bs, key, &sn)) {
        int r = bdrv_snapshot_delete(bs, sn.id);
        bdrv_snapshot_clear(&sn);
        if (r < 0) {
            return r;
        }
    }
    return 0;
}

/* The snapshot of that name applied (its id, so that a name that is
 * another snapshot's id cannot pick that one). */
static int apply_named(BlockDriverState *bs, const char *name)
{
    BlockSnapshot sn;
    if (!bdrv_snapshot_find(bs, name, &sn)) {
        return -ENOENT;
    }
    int r = bdrv_snapshot_apply(bs, sn.id);
    bdrv_snapshot_clear(&sn);
    return r;
}

static int require_snapshot(BlockDriverState *bs, const char *key)
{
    BlockSnapshot sn;
    if (!bdrv_snapshot_find(bs, key, &sn)) {
        return -ENOENT;
    }
    bdrv_snapshot_clear(&sn);
    return 0;
}

static void disk_error(GError **err, int r, const char *what, const char *id)
{
    g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Error while %s on device '%s': %s",
                what, id, g_strerror(-r));
}

/* ---- the commands ---- */

/* savevm and snapshot-save: the machine state on vm_bs, a snapshot of
 * every disk of the set. */
static bool save_on(const char *name, BlockDriverState *vm_bs, const GPtrArray *disks,
                    GError **err)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    g_autofree char *auto_name = NULL;
    if (!name) {
        struct tm tm;
        char stamp[32];
        localtime_r(&now.tv_sec, &tm);
        strftime(stamp, sizeof(stamp), "vm-%Y%m%d%H%M%S", &tm);
        name = auto_name = g_strdup(stamp);
    }
    bool was_running = quiesce();
    const char *failed = NULL;
    bool ok = false;
    int r = for_each_disk(disks, delete_all_named, name, &failed);
    if (r < 0) {
        disk_error(err, r, "deleting snapshot", failed);
        goto out;
    }
    Writer w = { .bs = vm_bs, .buf = g_malloc(IO_CHUNK) };
    int64_t clock = vm_clock_ns();
    save_machine(&w);
    g_free(w.buf);
    if (w.err) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                    "Error while writing VM state: %s", g_strerror(-w.err));
        goto out;
    }
    BlockSnapshot sn = {
        .name = (char *)name, .date_sec = now.tv_sec, .date_nsec = now.tv_nsec,
        .vm_clock_nsec = clock, .icount = UINT64_MAX,
    };
    for (guint i = 0; i < disks->len; i++) {
        const DriveInfo *d = g_ptr_array_index(disks, i);
        sn.vm_state_size = d->bs == vm_bs ? w.pos : 0;
        if ((r = bdrv_flush(d->bs)) < 0 || (r = bdrv_snapshot_create(d->bs, &sn)) < 0) {
            disk_error(err, r, "creating snapshot", d->id);
            goto out;
        }
    }
    ok = true;
out:
    if (was_running) {
        machine_run();
    }
    return ok;
}

/* loadvm and snapshot-load: the snapshot applied on every disk of the
 * set, the machine state read from vm_bs. */
static bool load_on(const char *name, BlockDriverState *vm_bs, const GPtrArray *disks,
                    GError **err)
{
    const char *failed = NULL;
    BlockSnapshot sn;
    if (for_each_disk(disks, require_snapshot, name, &failed) < 0 ||
        !bdrv_snapshot_find(vm_bs, name, &sn)) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                    "Snapshot '%s' does not exist in one or more devices", name);
        return false;
    }
    uint64_t size = sn.vm_state_size;
    bdrv_snapshot_clear(&sn);
    if (!size) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "This is a disk-only snapshot. "
                    "Revert to it offline using qemu-img");
        return false;
    }
    bool was_running = quiesce();
    bool ok = false;
    int r = for_each_disk(disks, apply_named, name, &failed);
    if (r < 0) {
        disk_error(err, r, "activating snapshot", failed);
        goto out;
    }
    Reader rd = { .bs = vm_bs, .size = size, .buf = g_malloc(IO_CHUNK) };
    ok = load_machine(&rd, err);
    g_free(rd.buf);
    if (!ok) {
        g_prefix_error(err, "Error while loading VM state: ");
        was_running = false;    /* qemu leaves a failed load stopped */
        goto out;
    }
    /* New RAM, new page tables, new code: every vCPU starts clean. */
    vcpu_request_all(VCPU_REQ_CODE_FLUSH);
    for (guint i = 0; hooks && i < hooks->len; i++) {
        SaveHooks *h = &g_array_index(hooks, SaveHooks, i);
        if (h->after_load) {
            h->after_load(h->opaque);
        }
    }
out:
    if (was_running) {
        machine_run();
    }
    return ok;
}

static bool delete_on(const char *name, const GPtrArray *disks, GError **err)
{
    const char *failed = NULL;
    int r = for_each_disk(disks, delete_all_named, name, &failed);
    if (r < 0) {
        disk_error(err, r, "deleting snapshot", failed);
        return false;
    }
    return true;
}

bool savevm_save(const char *name, GError **err)
{
    BlockDriverState *vm_bs = vmstate_disk(true, err);
    g_autoptr(GPtrArray) disks = snapshot_disks();
    return vm_bs && save_on(name, vm_bs, disks, err);
}

bool savevm_load(const char *name, GError **err)
{
    BlockDriverState *vm_bs = vmstate_disk(true, err);
    g_autoptr(GPtrArray) disks = snapshot_disks();
    return vm_bs && load_on(name, vm_bs, disks, err);
}

bool savevm_delete(const char *name, GError **err)
{
    g_autoptr(GPtrArray) disks = snapshot_disks();
    return delete_on(name, disks, err);
}

/* The set QMP names must all take snapshots, the state disk among them. */
static bool check_set(const DriveInfo *vmstate, const GPtrArray *disks, GError **err)
{
    if (!disks->len) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "At least one device is required for snapshot");
        return false;
    }
    for (guint i = 0; i < disks->len; i++) {
        const DriveInfo *d = g_ptr_array_index(disks, i);
        if (!bdrv_can_snapshot(d->bs)) {
            g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "Device '%s' is writable but does not support snapshots", d->id);
            return false;
        }
    }
    if (vmstate && !g_ptr_array_find((GPtrArray *)disks, vmstate, NULL)) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "vmstate block device '%s' is not among the devices", vmstate->id);
        return false;
    }
    return true;
}

/* Unlike savevm, snapshot-save replaces no snapshot. */
bool savevm_save_on(const char *name, const DriveInfo *vmstate, const GPtrArray *disks,
                    GError **err)
{
    if (!check_set(vmstate, disks, err)) {
        return false;
    }
    for (guint i = 0; i < disks->len; i++) {
        const DriveInfo *d = g_ptr_array_index(disks, i);
        if (require_snapshot(d->bs, name) == 0) {
            g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                        "Snapshot '%s' already exists in one or more devices", name);
            return false;
        }
    }
    return save_on(name, vmstate->bs, disks, err);
}

bool savevm_load_on(const char *name, const DriveInfo *vmstate, const GPtrArray *disks,
                    GError **err)
{
    return check_set(NULL, disks, err) && load_on(name, vmstate->bs, disks, err);
}

bool savevm_delete_on(const char *name, const GPtrArray *disks, GError **err)
{
    return check_set(NULL, disks, err) && delete_on(name, disks, err);
}

/* A snapshot of the state disk that every other writable disk has too. */
static bool on_all_disks(const BlockSnapshot *sn)
{
    const GPtrArray *drives = drive_list();
    for (guint i = 0; i < drives->len; i++) {
        const DriveInfo *d = g_ptr_array_index(drives, i);
        BlockSnapshot other;
        if (!bdrv_can_snapshot(d->bs)) {
            continue;
        }
        if (!bdrv_snapshot_find(d->bs, sn->name, &other)) {
            return false;
        }
        bdrv_snapshot_clear(&other);
    }
    return true;
}

bool savevm_info(GString *out, GError **err)
{
    BlockDriverState *vm_bs = vmstate_disk(false, err);
    GArray *list;
    if (!vm_bs) {
        return false;
    }
    if (bdrv_snapshot_list(vm_bs, &list) < 0) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot read the snapshot table");
        return false;
    }
    bool any = false;
    for (guint i = 0; i < list->len; i++) {
        BlockSnapshot *sn = &g_array_index(list, BlockSnapshot, i);
        if (!on_all_disks(sn)) {
            continue;
        }
        if (!any) {
            g_string_append(out, "List of snapshots present on all disks:\n");
            bdrv_snapshot_dump_header(out);
            any = true;
        }
        bdrv_snapshot_dump(out, sn, "--");
    }
    if (!any) {
        g_string_append(out, "There is no snapshot available.\n");
    }
    bdrv_snapshot_list_free(list);
    return true;
}
