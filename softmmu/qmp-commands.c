/*
 * The QMP commands' handlers (declared in the generated qmp-gen.h from
 * softmmu/qmp-schema.json): each builds its reply from the machine's
 * live state, in the shape qemu 7.2 gives it.
 */
#include <string.h>
#include <sys/stat.h>

#include "softmmu/drive.h"
#include "softmmu/job.h"
#include "softmmu/qmp.h"
#include "softmmu/savevm.h"
#include "qmp-gen.h"

/* The version of qemu's interface that mimic follows. */
#define QMP_QEMU_MAJOR 7
#define QMP_QEMU_MINOR 2
#define QMP_QEMU_MICRO 0

#ifndef MIMIC_VERSION
#define MIMIC_VERSION "0.0.0"
#endif

static const MonitorMachineOps *machine(void **opaque)
{
    return qmp_machine_ops(opaque);
}

static JsonNode *node_of(JsonBuilder *b)
{
    JsonNode *n = json_builder_get_root(b);
    g_object_unref(b);
    return n;
}

static void add_int(JsonBuilder *b, const char *name, int64_t v)
{
    json_builder_set_member_name(b, name);
    json_builder_add_int_value(b, v);
}

static void add_bool(JsonBuilder *b, const char *name, bool v)
{
    json_builder_set_member_name(b, name);
    json_builder_add_boolean_value(b, v);
}

static void add_str(JsonBuilder *b, const char *name, const char *v)
{
    json_builder_set_member_name(b, name);
    json_builder_add_string_value(b, v);
}

static void begin_object(JsonBuilder *b, const char *name)
{
    json_builder_set_member_name(b, name);
    json_builder_begin_object(b);
}

/* ---- control ---- */

JsonNode *qmp_query_commands(QmpSession *qs, GError **err)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_array(b);
    for (size_t i = 0; i < qmp_command_count; i++) {
        json_builder_begin_object(b);
        add_str(b, "name", qmp_commands[i].name);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    return node_of(b);
}

JsonNode *qmp_query_qmp_schema(QmpSession *qs, GError **err)
{
    return json_from_string(qmp_introspection, err);
}

JsonNode *qmp_query_version(QmpSession *qs, GError **err)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    begin_object(b, "qemu");
    add_int(b, "major", QMP_QEMU_MAJOR);
    add_int(b, "minor", QMP_QEMU_MINOR);
    add_int(b, "micro", QMP_QEMU_MICRO);
    json_builder_end_object(b);
    add_str(b, "package", "mimic " MIMIC_VERSION);
    json_builder_end_object(b);
    return node_of(b);
}

JsonNode *qmp_query_name(QmpSession *qs, GError **err)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    if (qmp_machine_name()) {
        add_str(b, "name", qmp_machine_name());
    }
    json_builder_end_object(b);
    return node_of(b);
}

JsonNode *qmp_human_monitor_command(QmpSession *qs, const char *command_line,
                                    bool has_cpu_index, int64_t cpu_index, GError **err)
{
    void *opaque;
    const MonitorMachineOps *ops = machine(&opaque);
    if (has_cpu_index && (cpu_index < 0 || cpu_index >= ops->cpu_count(opaque))) {
        g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC,
                    "Parameter 'cpu-index' expects a CPU number");
        return NULL;
    }
    g_autofree char *out = monitor_run_command(ops, opaque, has_cpu_index ? cpu_index : 0,
                                               command_line);
    return json_node_init_string(json_node_alloc(), out);
}

/* ---- run state ---- */

JsonNode *qmp_query_status(QmpSession *qs, GError **err)
{
    void *opaque;
    const char *state = machine(&opaque)->run_state(opaque);
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    add_str(b, "status", state);
    add_bool(b, "singlestep", false);
    add_bool(b, "running", !strcmp(state, "running"));
    json_builder_end_object(b);
    return node_of(b);
}

/* Commands that are one of the machine's actions. */
#define MACHINE_ACTION(command, action)                 \
    bool qmp_##command(QmpSession *qs, GError **err)    \
    {                                                   \
        void *opaque;                                   \
        machine(&opaque)->action(opaque);               \
        return true;                                    \
    }
MACHINE_ACTION(stop, stop)
MACHINE_ACTION(cont, cont)
MACHINE_ACTION(system_reset, system_reset)
MACHINE_ACTION(system_powerdown, system_powerdown)
MACHINE_ACTION(quit, quit)

/* ---- CPUs ---- */

JsonNode *qmp_query_cpus_fast(QmpSession *qs, GError **err)
{
    void *opaque;
    const MonitorMachineOps *ops = machine(&opaque);
    JsonBuilder *b = json_builder_new();
    json_builder_begin_array(b);
    for (int i = 0; i < ops->cpu_count(opaque); i++) {
        json_builder_begin_object(b);
        add_int(b, "cpu-index", i);
        g_autofree char *path = g_strdup_printf("/machine/unattached/device[%d]", i);
        add_str(b, "qom-path", path);
        add_int(b, "thread-id", ops->cpu_thread_id(opaque, i));
        /* virt's default topology: one socket and cluster, a core each. */
        begin_object(b, "props");
        add_int(b, "core-id", i);
        add_int(b, "thread-id", 0);
        add_int(b, "socket-id", 0);
        add_int(b, "cluster-id", 0);
        json_builder_end_object(b);
        add_str(b, "target", "aarch64");
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    return node_of(b);
}

/* ---- block devices ---- */

static uint64_t disk_usage(const char *file)
{
    struct stat st;
    return stat(file, &st) == 0 ? (uint64_t)st.st_blocks * 512 : 0;
}

/* ImageInfo of bs and its backing chain. */
static void add_image_info(JsonBuilder *b, BlockDriverState *bs)
{
    BlockImageFacts f;
    bdrv_image_facts(bs, &f);
    json_builder_begin_object(b);
    add_str(b, "filename", bs->filename);
    add_str(b, "format", bs->drv->format_name);
    add_bool(b, "dirty-flag", f.dirty);
    add_int(b, "actual-size", disk_usage(bs->filename));
    add_int(b, "virtual-size", bs->size);
    if (f.cluster_size) {
        add_int(b, "cluster-size", f.cluster_size);
    }
    if (f.backing_file) {
        add_str(b, "backing-filename", f.backing_file);
        add_str(b, "full-backing-filename",
                bs->backing ? bs->backing->filename : f.backing_file);
        if (f.backing_format) {
            add_str(b, "backing-filename-format", f.backing_format);
        }
    }
    if (bs->backing) {
        json_builder_set_member_name(b, "backing-image");
        add_image_info(b, bs->backing);
    }
    if (f.qcow2) {
        begin_object(b, "format-specific");
        add_str(b, "type", "qcow2");
        begin_object(b, "data");
        add_str(b, "compat", f.version >= 3 ? "1.1" : "0.10");
        add_str(b, "compression-type", f.zstd ? "zstd" : "zlib");
        if (f.version >= 3) {
            add_bool(b, "lazy-refcounts", f.lazy_refcounts);
        }
        add_int(b, "refcount-bits", f.refcount_bits);
        if (f.version >= 3) {
            add_bool(b, "corrupt", f.corrupt);
            add_bool(b, "extended-l2", f.extended_l2);
        }
        json_builder_end_object(b);
        json_builder_end_object(b);
    }
    json_builder_end_object(b);
}

static int backing_depth(BlockDriverState *bs)
{
    int n = 0;
    for (bs = bs->backing; bs; bs = bs->backing) {
        n++;
    }
    return n;
}

/* qemu's path of the device a drive is on: -device ones numbered in
 * order among the devices without an id, a PCI one's disk below it. */
static char *drive_qdev(const DriveInfo *d)
{
    const GPtrArray *reqs = device_requests();
    for (guint i = 0; i < reqs->len; i++) {
        const DeviceRequest *r = reqs->pdata[i];
        if (r->model == DEVICE_VIRTIO_BLK && r->drive == d) {
            return g_strdup_printf("/machine/peripheral-anon/device[%u]%s", i,
                                   r->pci ? "/virtio-backend" : "");
        }
    }
    return NULL;
}

JsonNode *qmp_query_block(QmpSession *qs, GError **err)
{
    const GPtrArray *drives = drive_list();
    JsonBuilder *b = json_builder_new();
    json_builder_begin_array(b);
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = drives->pdata[i];
        json_builder_begin_object(b);
        add_str(b, "device", d->id);
        g_autofree char *qdev = drive_qdev(d);
        if (qdev) {
            add_str(b, "qdev", qdev);
            add_str(b, "io-status", "ok");
        }
        add_str(b, "type", "unknown");
        add_bool(b, "removable", false);
        add_bool(b, "locked", false);
        begin_object(b, "inserted");
        add_str(b, "file", d->bs->filename);
        g_autofree char *node = drive_node_name(d);
        add_str(b, "node-name", node);
        add_bool(b, "ro", d->read_only);
        add_str(b, "drv", d->bs->drv->format_name);
        BlockImageFacts f;
        bdrv_image_facts(d->bs, &f);
        if (f.backing_file) {
            add_str(b, "backing_file", f.backing_file);
        }
        add_int(b, "backing_file_depth", backing_depth(d->bs));
        add_bool(b, "encrypted", false);
        add_str(b, "detect_zeroes", "off");
        static const char *const limits[] = { "bps", "bps_rd", "bps_wr", "iops", "iops_rd",
                                              "iops_wr" };
        for (size_t k = 0; k < G_N_ELEMENTS(limits); k++) {
            add_int(b, limits[k], 0);
        }
        json_builder_set_member_name(b, "image");
        add_image_info(b, d->bs);
        begin_object(b, "cache");
        add_bool(b, "writeback", d->writeback);
        add_bool(b, "direct", d->direct);
        add_bool(b, "no-flush", d->ignore_flush);
        json_builder_end_object(b);
        add_int(b, "write_threshold", 0);
        json_builder_end_object(b);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    return node_of(b);
}

static void add_stats(JsonBuilder *b, const BlockAcctCounts *c, bool accounted)
{
    static const char *const kinds[BLOCK_ACCT__MAX] = { "rd", "wr", "flush", "unmap" };
    begin_object(b, "stats");
    for (int t = 0; t < BLOCK_ACCT__MAX; t++) {
        g_autofree char *bytes = g_strdup_printf("%s_bytes", kinds[t]);
        g_autofree char *ops = g_strdup_printf("%s_operations", kinds[t]);
        g_autofree char *time = g_strdup_printf("%s_total_time_ns", kinds[t]);
        g_autofree char *failed = g_strdup_printf("failed_%s_operations", kinds[t]);
        g_autofree char *invalid = g_strdup_printf("invalid_%s_operations", kinds[t]);
        if (t != BLOCK_ACCT_FLUSH) {
            g_autofree char *merged = g_strdup_printf("%s_merged", kinds[t]);
            add_int(b, bytes, c->bytes[t]);
            add_int(b, merged, 0);
        }
        add_int(b, ops, c->ops[t]);
        add_int(b, time, c->total_ns[t]);
        add_int(b, failed, c->failed[t]);
        add_int(b, invalid, c->invalid[t]);
    }
    add_int(b, "wr_highest_offset", c->wr_highest_offset);
    if (c->last_done_ns) {
        add_int(b, "idle_time_ns", block_acct_now() - c->last_done_ns);
    }
    add_bool(b, "account_invalid", accounted);
    add_bool(b, "account_failed", accounted);
    json_builder_set_member_name(b, "timed_stats");
    json_builder_begin_array(b);
    json_builder_end_array(b);
    json_builder_end_object(b);
}

/* A node below the device: its image file (the "file" protocol node,
 * "parent" in qemu's words) and its backing chain, which no device
 * counts in (qemu accounts only at the device).  Their names follow the
 * device's (drive_node_name: "#block<drive>01"): 00, 02, ... the files,
 * 03, 05, ... the backing images. */
static void add_node_stats(JsonBuilder *b, BlockDriverState *bs, guint drive, int depth)
{
    static const BlockAcctCounts none;
    g_autofree char *file_node = g_strdup_printf("#block%u%02d", drive, 2 * depth);
    begin_object(b, "parent");
    add_str(b, "node-name", file_node);
    add_stats(b, &none, false);
    begin_object(b, "driver-specific");
    add_str(b, "driver", "file");
    add_int(b, "discard-nb-ok", 0);
    add_int(b, "discard-nb-failed", 0);
    add_int(b, "discard-bytes-ok", 0);
    json_builder_end_object(b);
    json_builder_end_object(b);
    if (bs->backing) {
        g_autofree char *node = g_strdup_printf("#block%u%02d", drive, 2 * depth + 3);
        begin_object(b, "backing");
        add_str(b, "node-name", node);
        add_stats(b, &none, false);
        add_node_stats(b, bs->backing, drive, depth + 1);
        json_builder_end_object(b);
    }
}

JsonNode *qmp_query_blockstats(QmpSession *qs, bool has_query_nodes, bool query_nodes,
                               GError **err)
{
    const GPtrArray *drives = drive_list();
    JsonBuilder *b = json_builder_new();
    json_builder_begin_array(b);
    for (guint i = 0; drives && i < drives->len; i++) {
        DriveInfo *d = drives->pdata[i];
        BlockAcctCounts c;
        block_acct_read(&d->acct, &c);
        g_autofree char *qdev = drive_qdev(d);
        g_autofree char *node = drive_node_name(d);
        json_builder_begin_object(b);
        if (!(has_query_nodes && query_nodes)) {
            add_str(b, "device", d->id);
            if (qdev) {
                add_str(b, "qdev", qdev);
            }
        }
        add_str(b, "node-name", node);
        add_stats(b, &c, true);
        add_node_stats(b, d->bs, i, 0);
        json_builder_end_object(b);
    }
    json_builder_end_array(b);
    return node_of(b);
}

/* ---- jobs ---- */

static void add_job(const Job *job, void *opaque)
{
    JsonBuilder *b = opaque;
    json_builder_begin_object(b);
    add_str(b, "id", job->id);
    add_str(b, "type", JobType_str[job->type]);
    add_str(b, "status", JobStatus_str[job->status]);
    add_int(b, "current-progress", job->progress);
    add_int(b, "total-progress", job->progress_total);
    if (job->error) {
        add_str(b, "error", job->error);
    }
    json_builder_end_object(b);
}

JsonNode *qmp_query_jobs(QmpSession *qs, GError **err)
{
    JsonBuilder *b = json_builder_new();
    json_builder_begin_array(b);
    job_foreach(add_job, b);
    json_builder_end_array(b);
    return node_of(b);
}

bool qmp_job_dismiss(QmpSession *qs, const char *id, GError **err)
{
    return job_dismiss(id, err);
}

/* The drives that node names name, with qemu's message for one that
 * names none. */
static GPtrArray *drives_named(JsonArray *names, GError **err)
{
    GPtrArray *set = g_ptr_array_new();
    for (guint i = 0; i < json_array_get_length(names); i++) {
        const char *name = json_array_get_string_element(names, i);
        DriveInfo *d = drive_find_node(name);
        if (!d) {
            g_set_error(err, QMP_ERROR, QMP_ERROR_GENERIC, "No block device node '%s'", name);
            g_ptr_array_free(set, TRUE);
            return NULL;
        }
        g_ptr_array_add(set, d);
    }
    return set;
}

/* What the snapshot jobs share: the job, the disks, the work, the end. */
typedef enum SnapshotOp { SNAPSHOT_SAVE, SNAPSHOT_LOAD, SNAPSHOT_DELETE } SnapshotOp;

static bool snapshot_job(const char *job_id, JobType type, SnapshotOp op, const char *tag,
                         const char *vmstate, JsonArray *devices, GError **err)
{
    Job *job = job_start(job_id, type, err);
    if (!job) {
        return false;
    }
    GError *failure = NULL;
    g_autoptr(GPtrArray) disks = drives_named(devices, &failure);
    DriveInfo *vm = NULL;
    if (disks && vmstate && !(vm = drive_find_node(vmstate)) && op == SNAPSHOT_SAVE) {
        g_set_error(&failure, QMP_ERROR, QMP_ERROR_GENERIC,
                    "vmstate block device '%s' does not exist", vmstate);
    }
    if (!failure) {
        void *opaque;
        const MonitorMachineOps *ops = machine(&opaque);
        switch (op) {
        case SNAPSHOT_SAVE:
            savevm_save_on(tag, vm, disks, &failure);
            break;
        case SNAPSHOT_LOAD: {
            /* As qemu: the machine stops first, and stays stopped if
             * the load fails. */
            bool was_running = !strcmp(ops->run_state(opaque), "running");
            ops->stop(opaque);
            if (!vm) {
                g_set_error(&failure, QMP_ERROR, QMP_ERROR_GENERIC,
                            "Snapshot '%s' does not exist in one or more devices", tag);
            } else if (savevm_load_on(tag, vm, disks, &failure) && was_running) {
                ops->cont(opaque);
            }
            break;
        }
        case SNAPSHOT_DELETE:
            savevm_delete_on(tag, disks, &failure);
            break;
        }
    }
    job_finish(job, failure);
    return true;
}

bool qmp_snapshot_save(QmpSession *qs, const char *job_id, const char *tag, const char *vmstate,
                       JsonArray *devices, GError **err)
{
    return snapshot_job(job_id, JOB_TYPE_SNAPSHOT_SAVE, SNAPSHOT_SAVE, tag, vmstate, devices,
                        err);
}

bool qmp_snapshot_load(QmpSession *qs, const char *job_id, const char *tag, const char *vmstate,
                       JsonArray *devices, GError **err)
{
    return snapshot_job(job_id, JOB_TYPE_SNAPSHOT_LOAD, SNAPSHOT_LOAD, tag, vmstate, devices,
                        err);
}

bool qmp_snapshot_delete(QmpSession *qs, const char *job_id, const char *tag,
                         JsonArray *devices, GError **err)
{
    return snapshot_job(job_id, JOB_TYPE_SNAPSHOT_DELETE, SNAPSHOT_DELETE, tag, NULL, devices,
                        err);
}
