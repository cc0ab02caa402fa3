/*
 * mimic-img's reporting commands: info (text and JSON, with the snapshot
 * list), check (with -r repair), snapshot (-l, and -c/-a/-d through
 * qcow2-snapshot.c) and compare, printed exactly as qemu-img 7.2 prints them.
 */
#include "hw/block/mimic-img.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t disk_usage(const char *file)
{
    struct stat st;
    return stat(file, &st) == 0 ? (uint64_t)st.st_blocks * 512 : 0;
}

static char *json_str(const char *s)
{
    GString *g = g_string_new("\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            g_string_append_printf(g, "\\%c", *s);
        } else if ((unsigned char)*s < 0x20) {
            g_string_append_printf(g, "\\u%04x", *s);
        } else {
            g_string_append_c(g, *s);
        }
    }
    g_string_append_c(g, '"');
    return g_string_free(g, false);
}

/* The snapshot table; a damaged one is reported and shows as empty. */
static GArray *read_snapshots(Qcow2State *q)
{
    GArray *list;
    if (qcow2_snapshot_list(q, &list) < 0) {
        img_error("could not read the snapshot table");
    }
    return list;
}

static void print_snapshots(FILE *out, GArray *list)
{
    GString *text = g_string_new("Snapshot list:\n");
    bdrv_snapshot_dump_header(text);
    for (guint i = 0; i < list->len; i++) {
        bdrv_snapshot_dump(text, &g_array_index(list, BlockSnapshot, i), NULL);
    }
    fputs(text->str, out);
    g_string_free(text, true);
}

static void print_snapshots_json(GArray *list)
{
    printf("    \"snapshots\": [\n");
    for (guint i = 0; i < list->len; i++) {
        BlockSnapshot *si = &g_array_index(list, BlockSnapshot, i);
        char *name = json_str(si->name), *id = json_str(si->id);
        printf("        {\n");
        if (si->icount != UINT64_MAX) {
            printf("            \"icount\": %" PRIu64 ",\n", si->icount);
        }
        printf("            \"vm-clock-nsec\": %" PRIu64 ",\n            \"name\": %s,\n"
               "            \"date-sec\": %u,\n            \"date-nsec\": %u,\n"
               "            \"vm-clock-sec\": %" PRIu64 ",\n            \"id\": %s,\n"
               "            \"vm-state-size\": %" PRIu64 "\n        }%s\n",
               si->vm_clock_nsec % 1000000000, name, si->date_sec, si->date_nsec,
               si->vm_clock_nsec / 1000000000, id, si->vm_state_size, i + 1 < list->len ? "," : "");
        g_free(name);
        g_free(id);
    }
    printf("    ],\n");
}

/* The changing actions of snapshot, with qemu-img's words for each. */
static const struct {
    char opt;
    const char *verb;
    int (*fn)(Qcow2State *s, const char *name);
} snapshot_actions[] = {
    { 'c', "create", qcow2_snapshot_create },
    { 'a', "apply", qcow2_snapshot_apply },
    { 'd', "delete", qcow2_snapshot_delete },
};

static int snapshot_change(BlockDriverState *bs, int action, const char *name)
{
    const char *verb = snapshot_actions[action].verb;
    char opt = snapshot_actions[action].opt;
    if (bs->drv != &bdrv_qcow2) {
        img_error("Could not %s snapshot '%s': %s", verb, name,
                  opt == 'd' ? "snapshot not found" :
                  opt == 'a' ? "Block driver does not support snapshots" : "Operation not supported");
        return 1;
    }
    g_mutex_lock(&bs->lock);
    int r = snapshot_actions[action].fn(bs->opaque, name);
    g_mutex_unlock(&bs->lock);
    if (r == 0) {
        r = bdrv_flush(bs);
    }
    if (r == -ENOENT && opt == 'd') {
        img_error("Could not delete snapshot '%s': snapshot not found", name);
    } else if (r < 0 && opt == 'a') {
        img_error("Could not apply snapshot '%s': Failed to load snapshot: %s", name, g_strerror(-r));
    } else if (r < 0) {
        img_error("Could not %s snapshot '%s': %s", verb, name, g_strerror(-r));
    }
    return r < 0 ? 1 : 0;
}

int img_snapshot(int argc, char **argv)
{
    const char *fmt = NULL, *name = NULL;
    int action = -1, flags = 0, c, nactions = 0;
    bool list = false;
    while ((c = getopt(argc, argv, "+f:lc:a:d:Uq")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'l': list = true; nactions++; break;
        case 'c': case 'a': case 'd':
            for (int i = 0; i < (int)G_N_ELEMENTS(snapshot_actions); i++) {
                if (snapshot_actions[i].opt == c) {
                    action = i;
                }
            }
            name = optarg;
            nactions++;
            break;
        case 'U': flags |= BDRV_O_NO_LOCK; break;
        case 'q': break;
        default: return 1;
        }
    }
    if (nactions > 1) {
        img_error("Cannot mix '-l', '-a', '-c', '-d'\nTry 'mimic-img --help' for more information");
        return 1;
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name\nTry 'mimic-img --help' for more information");
        return 1;
    }
    if (!list && (flags & BDRV_O_NO_LOCK)) {
        img_error("Could not open '%s': force-share=on can only be used with read-only images", argv[optind]);
        return 1;
    }
    BlockDriverState *bs = img_open(argv[optind], fmt, flags | BDRV_O_NO_BACKING | (list ? 0 : BDRV_O_RDWR));
    if (!bs) {
        return 1;
    }
    int rc = 0;
    if (nactions == 0) {
        /* qemu-img opens the image for writing and does nothing. */
    } else if (!list) {
        rc = snapshot_change(bs, action, name);
    } else if (bs->drv == &bdrv_qcow2) {
        GArray *snaps = read_snapshots(bs->opaque);
        print_snapshots(stdout, snaps);
        bdrv_snapshot_list_free(snaps);
    }                           /* raw: no snapshots, nothing printed */
    bdrv_close(bs);
    return rc;
}

/* One image's info to out; *next gets the backing file's path and
 * *next_fmt its format (NULL: probe) for --backing-chain. */
static int info_one(const char *file, const char *fmt, int flags, bool json, FILE *out,
                    char **next, char **next_fmt)
{
    BlockDriverState *bs = img_open(file, fmt, flags);
    if (!bs) {
        return 1;
    }
    Qcow2State *q = bs->drv == &bdrv_qcow2 ? bs->opaque : NULL;
    uint64_t actual = disk_usage(file);
    bool dirty = q && (q->incompat & QCOW2_INCOMPAT_DIRTY);
    char *full_backing = NULL;
    if (q && q->backing_file) {
        full_backing = g_path_is_absolute(q->backing_file) ? g_strdup(q->backing_file) : NULL;
        if (!full_backing) {
            char *dir = g_path_get_dirname(file);
            full_backing = strcmp(dir, ".") ? g_build_filename(dir, q->backing_file, NULL)
                                            : g_strdup(q->backing_file);
            g_free(dir);
        }
    }
    GArray *snaps = q && q->nb_snapshots ? read_snapshots(q) : NULL;
    if (json) {
        char *jfile = json_str(file);
        fprintf(out, "{\n");
        if (snaps) {
            print_snapshots_json(snaps);
        }
        if (q && q->backing_format) {
            char *j = json_str(q->backing_format);
            fprintf(out, "    \"backing-filename-format\": %s,\n", j);
            g_free(j);
        }
        fprintf(out, "    \"virtual-size\": %" PRIu64 ",\n", bs->size);
        fprintf(out, "    \"filename\": %s,\n", jfile);
        if (q) {
            fprintf(out, "    \"cluster-size\": %" PRIu64 ",\n", q->cluster_size);
        }
        fprintf(out, "    \"format\": \"%s\",\n", bs->drv->format_name);
        fprintf(out, "    \"actual-size\": %" PRIu64 ",\n", actual);
        if (q) {
            fprintf(out, "    \"format-specific\": {\n        \"type\": \"qcow2\",\n        \"data\": {\n");
            fprintf(out, "            \"compat\": \"%s\",\n", q->version >= 3 ? "1.1" : "0.10");
            fprintf(out, "            \"compression-type\": \"%s\",\n", q->compression_type ? "zstd" : "zlib");
            if (q->version >= 3) {
                fprintf(out, "            \"lazy-refcounts\": %s,\n",
                       (q->compat & QCOW2_COMPAT_LAZY_REFCOUNTS) ? "true" : "false");
            }
            fprintf(out, "            \"refcount-bits\": %u", q->refcount_bits);
            if (q->version >= 3) {
                fprintf(out, ",\n            \"corrupt\": %s,\n            \"extended-l2\": false",
                       (q->incompat & QCOW2_INCOMPAT_CORRUPT) ? "true" : "false");
            }
            fprintf(out, "\n        }\n    },\n");
        }
        if (full_backing) {
            char *j1 = json_str(full_backing), *j2 = json_str(q->backing_file);
            fprintf(out, "    \"full-backing-filename\": %s,\n    \"backing-filename\": %s,\n", j1, j2);
            g_free(j1);
            g_free(j2);
        }
        fprintf(out, "    \"dirty-flag\": %s\n}\n", dirty ? "true" : "false");
        g_free(jfile);
    } else {
        char *vs = bdrv_human_size(bs->size), *ds = bdrv_human_size(actual);
        fprintf(out, "image: %s\nfile format: %s\nvirtual size: %s (%" PRIu64 " bytes)\ndisk size: %s\n",
               file, bs->drv->format_name, vs, bs->size, ds);
        g_free(vs);
        g_free(ds);
        if (q) {
            fprintf(out, "cluster_size: %" PRIu64 "\n", q->cluster_size);
            if (dirty) {
                fprintf(out, "cleanly shut down: no\n");
            }
            if (q->backing_file) {
                fprintf(out, "backing file: %s", q->backing_file);
                if (strcmp(full_backing, q->backing_file)) {
                    fprintf(out, " (actual path: %s)", full_backing);
                }
                fprintf(out, "\n");
                if (q->backing_format) {
                    fprintf(out, "backing file format: %s\n", q->backing_format);
                }
            }
            if (snaps) {
                print_snapshots(out, snaps);
            }
            fprintf(out, "Format specific information:\n    compat: %s\n    compression type: %s\n",
                   q->version >= 3 ? "1.1" : "0.10", q->compression_type ? "zstd" : "zlib");
            if (q->version >= 3) {
                fprintf(out, "    lazy refcounts: %s\n", (q->compat & QCOW2_COMPAT_LAZY_REFCOUNTS) ? "true" : "false");
            }
            fprintf(out, "    refcount bits: %u\n", q->refcount_bits);
            if (q->version >= 3) {
                fprintf(out, "    corrupt: %s\n    extended l2: false\n",
                       (q->incompat & QCOW2_INCOMPAT_CORRUPT) ? "true" : "false");
            }
        }
    }
    bdrv_snapshot_list_free(snaps);
    *next = full_backing;
    *next_fmt = q && q->backing_format ? g_strdup(q->backing_format) : NULL;
    bdrv_close(bs);
    return 0;
}

/* --output of info and check: human or json, as qemu-img takes it. */
static bool parse_output(const char *arg, bool *json)
{
    if (strcmp(arg, "json") && strcmp(arg, "human")) {
        img_error("--output must be used with human or json as argument.");
        return false;
    }
    *json = !strcmp(arg, "json");
    return true;
}

int img_info(int argc, char **argv)
{
    const char *fmt = NULL;
    bool json = false, chain = false;
    int flags = BDRV_O_NO_BACKING;
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'O' },
        { "force-share", no_argument, NULL, 'U' },
        { "backing-chain", no_argument, NULL, 'C' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "+f:U", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'U': flags |= BDRV_O_NO_LOCK; break;
        case 'C': chain = true; break;
        case 'O':
            if (!parse_output(optarg, &json)) {
                return 1;
            }
            break;
        default: return 1;
        }
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    /* --backing-chain: each image in turn (human: a blank line between;
     * JSON: an array of the objects). */
    char *file = g_strdup(argv[optind]), *cur_fmt = g_strdup(fmt);
    GPtrArray *objects = g_ptr_array_new_with_free_func(g_free);
    int r = 0;
    for (int depth = 0; file; depth++) {
        if (depth >= QCOW2_MAX_BACKING_DEPTH) {
            img_error("Backing chain longer than %d images (a loop?)", QCOW2_MAX_BACKING_DEPTH);
            r = 1;
            break;
        }
        char *buf = NULL, *next = NULL, *next_fmt = NULL;
        size_t len = 0;
        FILE *out = chain && json ? open_memstream(&buf, &len) : stdout;
        if (chain && !json && depth) {
            printf("\n");
        }
        r = info_one(file, cur_fmt, flags, json, out, &next, &next_fmt);
        if (out != stdout) {
            fclose(out);
            g_ptr_array_add(objects, buf);
        }
        g_free(file);
        g_free(cur_fmt);
        file = chain && r == 0 ? next : (g_free(next), NULL);
        cur_fmt = next_fmt;
    }
    g_free(file);
    g_free(cur_fmt);
    if (chain && json && r == 0) {
        printf("[\n");
        for (guint i = 0; i < objects->len; i++) {
            g_auto(GStrv) lines = g_strsplit(g_ptr_array_index(objects, i), "\n", -1);
            for (char **l = lines; *l; l++) {
                if (**l) {
                    printf("    %s%s", *l, l[1] && l[1][0] ? "\n" : "");
                }
            }
            printf("%s\n", i + 1 < objects->len ? "," : "");
        }
        printf("]\n");
    }
    g_ptr_array_free(objects, true);
    return r;
}

static void print_check(const char *file, const Qcow2CheckResult *r, bool json)
{
    if (json) {
        /* qemu-img's key order; numbers other than check-errors only when
         * not zero. */
        char *jfile = json_str(file);
        char *jend = g_strdup_printf("%" PRIu64, r->image_end_offset);
        char *jtotal = g_strdup_printf("%" PRIu64, r->total_clusters);
        const struct { const char *k; uint64_t v; const char *str; } fields[] = {
            { "image-end-offset", r->image_end_offset, jend },
            { "compressed-clusters", r->compressed_clusters },
            { "total-clusters", 1, jtotal },
            { "corruptions", r->corruptions },
            { "check-errors", 1, r->check_failed ? "1" : "0" },
            { "leaks", r->leaks },
            { "leaks-fixed", r->leaks_fixed },
            { "corruptions-fixed", r->corruptions_fixed },
            { "allocated-clusters", r->allocated_clusters },
            { "filename", 1, jfile },
            { "format", 1, "\"qcow2\"" },
            { "fragmented-clusters", r->fragmented_clusters },
        };
        const char *sep = "{\n";
        for (size_t i = 0; i < G_N_ELEMENTS(fields); i++) {
            if (!fields[i].v) {
                continue;
            }
            if (fields[i].str) {
                printf("%s    \"%s\": %s", sep, fields[i].k, fields[i].str);
            } else {
                printf("%s    \"%s\": %" PRIu64, sep, fields[i].k, fields[i].v);
            }
            sep = ",\n";
        }
        printf("\n}\n");
        g_free(jfile);
        g_free(jend);
        g_free(jtotal);
        return;
    }
    if (!r->corruptions && !r->leaks && !r->check_failed) {
        printf("No errors were found on the image.\n");
    } else {
        if (r->corruptions) {
            printf("\n%" PRIu64 " errors were found on the image.\n"
                   "Data may be corrupted, or further writes to the image may corrupt it.\n", r->corruptions);
        }
        if (r->leaks) {
            printf("\n%" PRIu64 " leaked clusters were found on the image.\n"
                   "This means waste of disk space, but no harm to data.\n", r->leaks);
        }
        if (r->check_failed) {
            printf("\n1 internal errors have occurred during the check.\n");
        }
    }
    if (r->total_clusters && r->allocated_clusters) {
        printf("%" PRIu64 "/%" PRIu64 " = %0.2f%% allocated, %0.2f%% fragmented, %0.2f%% compressed clusters\n",
               r->allocated_clusters, r->total_clusters,
               r->allocated_clusters * 100.0 / r->total_clusters,
               r->fragmented_clusters * 100.0 / r->allocated_clusters,
               r->compressed_clusters * 100.0 / r->allocated_clusters);
    }
    if (r->image_end_offset) {
        printf("Image end offset: %" PRIu64 "\n", r->image_end_offset);
    }
}

int img_check(int argc, char **argv)
{
    const char *fmt = NULL;
    bool json = false, quiet = false;
    int flags = BDRV_O_NO_BACKING | BDRV_O_CHECK, fix = 0;
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'O' },
        { "repair", required_argument, NULL, 'r' },
        { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "+f:r:Uq", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'U': flags |= BDRV_O_NO_LOCK; break;
        case 'q': quiet = true; break;
        case 'r':
            if (!strcmp(optarg, "leaks")) {
                fix = QCOW2_FIX_LEAKS;
            } else if (!strcmp(optarg, "all")) {
                fix = QCOW2_FIX_LEAKS | QCOW2_FIX_ERRORS;
            } else {
                img_error("Unknown option value for -r (expecting 'leaks' or 'all'): %s", optarg);
                return 1;
            }
            flags |= BDRV_O_RDWR;
            break;
        case 'O':
            if (!parse_output(optarg, &json)) {
                return 1;
            }
            break;
        default: return 1;
        }
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    const char *file = argv[optind];
    BlockDriverState *bs = img_open(file, fmt, flags);
    if (!bs) {
        return 1;
    }
    if (bs->drv != &bdrv_qcow2) {
        img_error("This image format does not support checks");
        bdrv_close(bs);
        return 63;
    }
    Qcow2State *q = bs->opaque;
    Qcow2CheckResult res = { 0 };
    qcow2_check(q, fix, &res);
    fputs(res.messages->str, stderr);
    if (res.leaks_fixed || res.corruptions_fixed) {
        if (!quiet && !json) {
            printf("The following inconsistencies were found and repaired:\n\n"
                   "    %" PRIu64 " leaked clusters\n    %" PRIu64 " corruptions\n\n"
                   "Double checking the fixed image now...\n", res.leaks_fixed, res.corruptions_fixed);
        }
        Qcow2CheckResult again = { 0 };
        qcow2_check(q, 0, &again);
        fputs(again.messages->str, stderr);
        again.leaks_fixed = res.leaks_fixed;
        again.corruptions_fixed = res.corruptions_fixed;
        g_string_free(res.messages, true);
        res = again;
    }
    if (fix && !res.corruptions && (q->incompat & QCOW2_INCOMPAT_DIRTY)) {
        /* Refcounts are exact again: the image is clean. */
        q->incompat &= ~QCOW2_INCOMPAT_DIRTY;
        if (bdrv_flush(bs) < 0 || qcow2_update_header_features(q) < 0) {
            res.check_failed = true;
        }
    }
    if (!quiet) {
        print_check(file, &res, json);
    }
    g_string_free(res.messages, true);
    bdrv_close(bs);
    return res.check_failed ? 1 : res.corruptions ? 2 : res.leaks ? 3 : 0;
}

/* Where two buffers first differ, rounded down to qemu-img compare's
 * 512-byte granularity; n if they are equal. */
static uint64_t first_difference(const uint8_t *a, const uint8_t *b, uint64_t n)
{
    for (uint64_t off = 0; off < n; off += 512) {
        uint64_t k = MIN(512, n - off);
        if (memcmp(a + off, b + off, k)) {
            return off;
        }
    }
    return n;
}

int img_compare(int argc, char **argv)
{
    const char *fmt1 = NULL, *fmt2 = NULL;
    bool strict = false, quiet = false;
    int flags = 0, c;
    static const struct option longopts[] = {
        { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };
    while ((c = getopt_long(argc, argv, "+f:F:sqpUt:T:", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': fmt1 = optarg; break;
        case 'F': fmt2 = optarg; break;
        case 's': strict = true; break;
        case 'q': quiet = true; break;
        case 'U': flags |= BDRV_O_NO_LOCK; break;
        case 'p': case 't': case 'T': break;
        default: return 2;
        }
    }
    if (optind != argc - 2) {
        img_error("Expecting two image file names");
        return 2;
    }
    if (!fmt2) {
        fmt2 = fmt1;
    }
    BlockDriverState *a = img_open(argv[optind], fmt1, flags);
    BlockDriverState *b = a ? img_open(argv[optind + 1], fmt2, flags) : NULL;
    if (!b) {
        bdrv_close(a);
        return 2;
    }
    int rc = 0;
    if (a->size != b->size && strict) {
        if (!quiet) {
            printf("Strict mode: Image size mismatch!\n");
        }
        rc = 1;
    }
    /* The common part first; the size warning only once it matched. */
    const uint64_t chunk = 1 << 20;
    uint8_t *x = g_malloc(chunk), *y = g_malloc(chunk);
    uint64_t common = MIN(a->size, b->size), size = MAX(a->size, b->size);
    for (uint64_t off = 0, n; rc == 0 && off < size; off += n) {
        if (off == common && !quiet) {
            printf("Warning: Image size mismatch!\n");
        }
        n = MIN(chunk, (off < common ? common : size) - off);
        /* Past the end of the smaller image, the larger must read zeros. */
        uint64_t na = off < a->size ? MIN(n, a->size - off) : 0;
        uint64_t nb = off < b->size ? MIN(n, b->size - off) : 0;
        memset(x, 0, n);
        memset(y, 0, n);
        int r = na ? bdrv_pread(a, off, x, na) : 0;
        if (r == 0 && nb) {
            r = bdrv_pread(b, off, y, nb);
        }
        if (r < 0) {
            img_error("Error while reading offset %" PRIu64 ": %s", off, g_strerror(-r));
            rc = 4;
            break;
        }
        uint64_t d = first_difference(x, y, n);
        if (d < n) {
            if (!quiet) {
                printf("Content mismatch at offset %" PRIu64 "!\n", off + d);
            }
            rc = 1;
        }
    }
    g_free(x);
    g_free(y);
    if (rc == 0 && !quiet) {
        printf("Images are identical.\n");
    }
    bdrv_close(b);
    bdrv_close(a);
    return rc;
}
