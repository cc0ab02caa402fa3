/*
 * mimic-img: create, inspect, check, convert and resize disk images, with
 * qemu-img's options, output and exit codes so that scripts written for
 * qemu-img work unchanged.  The formats are the block layer's (hw/block/);
 * qcow2-specific information comes from Qcow2State.
 */
#include "hw/block/mimic-img.h"
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void img_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mimic-img: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* "1M", "1.5G", "512": bytes; suffixes are binary, as qemu-img's. */
bool parse_size(const char *str, uint64_t *out)
{
    static const char units[] = "bkmgtpe";
    char *end;
    errno = 0;
    double v = strtod(str, &end);
    if (end == str || errno || v < 0) {
        return false;
    }
    int shift = 0;
    if (*end) {
        const char *u = strchr(units, g_ascii_tolower(*end));
        if (!u || end[1]) {
            return false;
        }
        shift = (u - units) * 10;
    } else if (strchr(str, '.')) {
        return false;
    }
    double bytes = ldexp(v, shift);
    if (bytes >= 0x1p63 || bytes != floor(bytes)) {
        return false;
    }
    *out = (uint64_t)bytes;
    return true;
}

/* qemu's human sizes: three significant digits, binary units. */
static char *human_size(uint64_t n)
{
    static const char *const suffix[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
    int exp;
    frexp(n / (1000.0 / 1024.0), &exp);
    int i = exp > 0 ? (exp - 1) / 10 : 0;
    if (i >= (int)G_N_ELEMENTS(suffix)) {
        i = G_N_ELEMENTS(suffix) - 1;
    }
    return g_strdup_printf("%0.3g %s", n / (double)(1ull << (i * 10)), suffix[i]);
}

typedef struct ImgOptions {
    Qcow2CreateOptions q;
    bool have_size;
    const char *preallocation;
    const char *bad_option;
} ImgOptions;

/* -o key=value,...  (the qcow2 and raw creation options) */
static bool parse_create_options(const char *list, ImgOptions *o)
{
    /* Never freed: the options keep pointing into these strings. */
    char **items = g_strsplit(list, ",", -1);
    for (char **it = items; *it; it++) {
        if (!**it) {
            continue;
        }
        char *eq = strchr(*it, '=');
        if (!eq) {
            img_error("Invalid option list: %s", list);
            return false;
        }
        *eq = 0;
        const char *k = *it, *v = eq + 1;
        uint64_t n;
        if (!strcmp(k, "cluster_size") && parse_size(v, &n) && n <= UINT32_MAX) {
            o->q.cluster_size = n;
        } else if (!strcmp(k, "refcount_bits") && parse_size(v, &n) && n <= 64) {
            o->q.refcount_bits = n;
        } else if (!strcmp(k, "lazy_refcounts") && (!strcmp(v, "on") || !strcmp(v, "off"))) {
            o->q.lazy_refcounts = !strcmp(v, "on");
        } else if (!strcmp(k, "compat") && (!strcmp(v, "0.10") || !strcmp(v, "1.1") ||
                                            !strcmp(v, "v2") || !strcmp(v, "v3"))) {
            o->q.version = (!strcmp(v, "0.10") || !strcmp(v, "v2")) ? 2 : 3;
        } else if (!strcmp(k, "preallocation") && (!strcmp(v, "off") || !strcmp(v, "metadata"))) {
            o->q.prealloc_metadata = !strcmp(v, "metadata");
            o->preallocation = v;
        } else if (!strcmp(k, "size") && parse_size(v, &n)) {
            o->q.size = n;
            o->have_size = true;
        } else if (!strcmp(k, "backing_file")) {
            o->q.backing_file = v;
        } else if (!strcmp(k, "backing_fmt")) {
            o->q.backing_format = v;
        } else if (!strcmp(k, "compression_type") && (!strcmp(v, "zlib") || !strcmp(v, "zstd"))) {
            o->q.compression_type = v;
        } else if (!strcmp(k, "extended_l2") && !strcmp(v, "off")) {
            /* the default; on is not supported */
        } else {
            o->bad_option = k;      /* reported with the file name, as qemu-img does */
        }
    }
    return true;
}

BlockDriverState *img_open(const char *file, const char *fmt, int flags)
{
    GError *err = NULL;
    BlockDriverState *bs = bdrv_open(file, fmt, flags, &err);
    if (!bs) {
        img_error("Could not open '%s': %s", file, err->message);
        g_error_free(err);
    }
    return bs;
}

static bool create_image(const char *file, const char *fmt, ImgOptions *o, bool quiet)
{
    if (o->bad_option) {
        img_error("%s: Invalid parameter '%s'", file, o->bad_option);
        return false;
    }
    if (o->q.backing_file && !o->q.backing_format) {
        /* qemu-img 7.2 insists on -F, and says what it would have probed. */
        img_error("%s: Backing file specified without backing format", file);
        char *dir = g_path_get_dirname(file);
        char *path = g_path_is_absolute(o->q.backing_file) ? g_strdup(o->q.backing_file)
                                                           : g_build_filename(dir, o->q.backing_file, NULL);
        BlockDriverState *b = bdrv_open(path, NULL, BDRV_O_NO_LOCK | BDRV_O_NO_BACKING, NULL);
        if (b) {
            fprintf(stderr, "Detected format of %s.", b->drv->format_name);
            bdrv_close(b);
        }
        g_free(dir);
        g_free(path);
        return false;
    }
    if (!o->have_size && o->q.backing_file) {
        /* The size comes from the backing file, as qemu-img does. */
        char *dir = g_path_get_dirname(file);
        char *path = g_path_is_absolute(o->q.backing_file) ? g_strdup(o->q.backing_file)
                                                           : g_build_filename(dir, o->q.backing_file, NULL);
        BlockDriverState *b = img_open(path, o->q.backing_format, BDRV_O_NO_LOCK);
        g_free(dir);
        g_free(path);
        if (!b) {
            return false;
        }
        o->q.size = b->size;
        o->have_size = true;
        bdrv_close(b);
    }
    if (!o->have_size) {
        img_error("%s: Image creation needs a size parameter", file);
        return false;
    }
    GString *line = g_string_new(NULL);
    g_string_append_printf(line, "Formatting '%s', fmt=%s ", file, fmt);
    if (!strcmp(fmt, "raw")) {
        g_string_append_printf(line, "size=%" PRIu64, o->q.size);
    } else {
        g_string_append_printf(line, "cluster_size=%u extended_l2=off ", o->q.cluster_size ? o->q.cluster_size : 65536);
        if (o->preallocation) {
            g_string_append_printf(line, "preallocation=%s ", o->preallocation);
        }
        g_string_append_printf(line, "compression_type=%s size=%" PRIu64,
                               o->q.compression_type ? o->q.compression_type : "zlib", o->q.size);
        if (o->q.version) {
            g_string_append_printf(line, " compat=%s", o->q.version == 2 ? "0.10" : "1.1");
        }
        if (o->q.backing_file) {
            g_string_append_printf(line, " backing_file=%s backing_fmt=%s", o->q.backing_file, o->q.backing_format);
        }
        g_string_append_printf(line, " lazy_refcounts=%s refcount_bits=%u",
                               o->q.lazy_refcounts ? "on" : "off", o->q.refcount_bits ? o->q.refcount_bits : 16);
    }
    if (!quiet) {
        printf("%s\n", line->str);
        fflush(stdout);
    }
    g_string_free(line, true);
    if (!strcmp(fmt, "raw")) {
        int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || ftruncate(fd, o->q.size) < 0) {
            img_error("%s: Could not create image: %s", file, g_strerror(errno));
            if (fd >= 0) {
                close(fd);
            }
            return false;
        }
        close(fd);
        return true;
    }
    if (strcmp(fmt, "qcow2")) {
        img_error("Unknown file format '%s'", fmt);
        return false;
    }
    if (o->q.backing_file && o->q.prealloc_metadata) {
        img_error("%s: Backing file and preallocation can only be used at the same time if extended_l2 is on", file);
        return false;
    }
    GError *err = NULL;
    if (!qcow2_create(file, &o->q, &err)) {
        img_error("%s: %s", file, err->message);
        g_error_free(err);
        return false;
    }
    return true;
}

static int img_create(int argc, char **argv)
{
    const char *fmt = "raw";
    ImgOptions o = { 0 };
    bool quiet = false;
    int c;
    while ((c = getopt(argc, argv, "+f:b:F:o:qu")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'b': o.q.backing_file = optarg; break;
        case 'F': o.q.backing_format = optarg; break;
        case 'o': if (!parse_create_options(optarg, &o)) return 1; break;
        case 'q': quiet = true; break;
        case 'u': break;
        default: return 1;
        }
    }
    if (optind >= argc) {
        img_error("Expecting image file name");
        return 1;
    }
    const char *file = argv[optind++];
    if (optind < argc) {
        if (!parse_size(argv[optind], &o.q.size)) {
            img_error("Invalid image size specified. You may use k, M, G, T, P or E suffixes for");
            img_error("kilobytes, megabytes, gigabytes, terabytes, petabytes and exabytes.");
            return 1;
        }
        o.have_size = true;
    }
    return create_image(file, fmt, &o, quiet) ? 0 : 1;
}

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

/* One entry of the qcow2 snapshot table, as qemu-img shows it. */
typedef struct SnapshotInfo {
    char *id, *name;
    uint32_t date_sec, date_nsec;
    uint64_t vm_clock_nsec, vm_state_size, icount;
    bool has_icount;
} SnapshotInfo;

static GArray *read_snapshots(Qcow2State *q)
{
    GArray *list = g_array_new(false, true, sizeof(SnapshotInfo));
    uint64_t off = q->snapshots_offset;
    for (uint32_t i = 0; i < q->nb_snapshots; i++) {
        uint8_t h[64] = { 0 };
        if (!qcow2_offset_ok(q, off, 40) || bdrv_fd_pread(q->fd, off, h, 40) < 0) {
            img_error("snapshot table entry %u is outside the file", i);
            break;
        }
        uint16_t id_len = h[12] << 8 | h[13], name_len = h[14] << 8 | h[15];
        uint32_t extra = GUINT32_FROM_BE(*(uint32_t *)(h + 36));
        if (extra > 1024 || !qcow2_offset_ok(q, off, 40ull + extra + id_len + name_len)) {
            img_error("snapshot table entry %u is invalid", i);
            break;
        }
        uint8_t *e = g_malloc0(40 + extra + id_len + name_len + 24);
        bdrv_fd_pread(q->fd, off, e, 40 + extra + id_len + name_len);
        SnapshotInfo si = { 0 };
        si.date_sec = GUINT32_FROM_BE(*(uint32_t *)(e + 16));
        si.date_nsec = GUINT32_FROM_BE(*(uint32_t *)(e + 20));
        si.vm_clock_nsec = GUINT64_FROM_BE(*(uint64_t *)(e + 24));
        si.vm_state_size = extra >= 8 ? GUINT64_FROM_BE(*(uint64_t *)(e + 40))
                                      : GUINT32_FROM_BE(*(uint32_t *)(e + 32));
        if (extra >= 24) {
            si.icount = GUINT64_FROM_BE(*(uint64_t *)(e + 56));
            si.has_icount = si.icount != UINT64_MAX;
        }
        si.id = g_strndup((char *)e + 40 + extra, id_len);
        si.name = g_strndup((char *)e + 40 + extra + id_len, name_len);
        g_array_append_val(list, si);
        g_free(e);
        off += QCOW2_ROUND_UP(40ull + extra + id_len + name_len, 8);
    }
    return list;
}

static void free_snapshots(GArray *list)
{
    for (guint i = 0; i < list->len; i++) {
        g_free(g_array_index(list, SnapshotInfo, i).id);
        g_free(g_array_index(list, SnapshotInfo, i).name);
    }
    g_array_free(list, true);
}

static void print_snapshots(GArray *list)
{
    printf("Snapshot list:\n%-10s%-17s%8s%20s%13s%11s\n", "ID", "TAG", "VM SIZE", "DATE", "VM CLOCK", "ICOUNT");
    for (guint i = 0; i < list->len; i++) {
        SnapshotInfo *si = &g_array_index(list, SnapshotInfo, i);
        char date[32], clock[48], icount[24] = "";
        time_t t = si->date_sec;
        struct tm tm;
        localtime_r(&t, &tm);
        strftime(date, sizeof(date), "%Y-%m-%d %H:%M:%S", &tm);
        uint64_t ms = si->vm_clock_nsec / 1000000;
        snprintf(clock, sizeof(clock), "%02" PRIu64 ":%02u:%02u.%03u", ms / 3600000,
                 (unsigned)(ms / 60000 % 60), (unsigned)(ms / 1000 % 60), (unsigned)(ms % 1000));
        if (si->has_icount) {
            snprintf(icount, sizeof(icount), "%" PRIu64, si->icount);
        }
        char *size = human_size(si->vm_state_size);
        printf("%-9s %-16s %8s%20s%13s%11s\n", si->id, si->name, size, date, clock, icount);
        g_free(size);
    }
}

static void print_snapshots_json(GArray *list)
{
    printf("    \"snapshots\": [\n");
    for (guint i = 0; i < list->len; i++) {
        SnapshotInfo *si = &g_array_index(list, SnapshotInfo, i);
        char *name = json_str(si->name), *id = json_str(si->id);
        printf("        {\n");
        if (si->has_icount) {
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

static int img_snapshot(int argc, char **argv)
{
    const char *fmt = NULL;
    bool list = false;
    int flags = 0, c;
    while ((c = getopt(argc, argv, "+f:lUq")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'l': list = true; break;
        case 'U': flags |= BDRV_O_NO_LOCK; break;
        case 'q': break;
        default: return 1;
        }
    }
    if (!list || optind != argc - 1) {
        img_error("mimic-img snapshot supports only -l (list) with one image file name");
        return 1;
    }
    BlockDriverState *bs = img_open(argv[optind], fmt, flags | BDRV_O_NO_BACKING);
    if (!bs) {
        return 1;
    }
    if (bs->drv != &bdrv_qcow2) {
        bdrv_close(bs);
        return 0;               /* raw: no snapshots, nothing printed */
    }
    GArray *snaps = read_snapshots(bs->opaque);
    print_snapshots(snaps);
    free_snapshots(snaps);
    bdrv_close(bs);
    return 0;
}

static int img_info(int argc, char **argv)
{
    const char *fmt = NULL;
    bool json = false;
    int flags = BDRV_O_NO_BACKING;
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'O' },
        { "force-share", no_argument, NULL, 'U' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "+f:U", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'U': flags |= BDRV_O_NO_LOCK; break;
        case 'O':
            if (strcmp(optarg, "json") && strcmp(optarg, "human")) {
                img_error("--output must be used with human or json as argument.");
                return 1;
            }
            json = !strcmp(optarg, "json");
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
        printf("{\n");
        if (snaps) {
            print_snapshots_json(snaps);
        }
        if (q && q->backing_format) {
            char *j = json_str(q->backing_format);
            printf("    \"backing-filename-format\": %s,\n", j);
            g_free(j);
        }
        printf("    \"virtual-size\": %" PRIu64 ",\n", bs->size);
        printf("    \"filename\": %s,\n", jfile);
        if (q) {
            printf("    \"cluster-size\": %" PRIu64 ",\n", q->cluster_size);
        }
        printf("    \"format\": \"%s\",\n", bs->drv->format_name);
        printf("    \"actual-size\": %" PRIu64 ",\n", actual);
        if (q) {
            printf("    \"format-specific\": {\n        \"type\": \"qcow2\",\n        \"data\": {\n");
            printf("            \"compat\": \"%s\",\n", q->version >= 3 ? "1.1" : "0.10");
            printf("            \"compression-type\": \"%s\",\n", q->compression_type ? "zstd" : "zlib");
            if (q->version >= 3) {
                printf("            \"lazy-refcounts\": %s,\n",
                       (q->compat & QCOW2_COMPAT_LAZY_REFCOUNTS) ? "true" : "false");
            }
            printf("            \"refcount-bits\": %u", q->refcount_bits);
            if (q->version >= 3) {
                printf(",\n            \"corrupt\": %s,\n            \"extended-l2\": false",
                       (q->incompat & QCOW2_INCOMPAT_CORRUPT) ? "true" : "false");
            }
            printf("\n        }\n    },\n");
        }
        if (full_backing) {
            char *j1 = json_str(full_backing), *j2 = json_str(q->backing_file);
            printf("    \"full-backing-filename\": %s,\n    \"backing-filename\": %s,\n", j1, j2);
            g_free(j1);
            g_free(j2);
        }
        printf("    \"dirty-flag\": %s\n}\n", dirty ? "true" : "false");
        g_free(jfile);
    } else {
        char *vs = human_size(bs->size), *ds = human_size(actual);
        printf("image: %s\nfile format: %s\nvirtual size: %s (%" PRIu64 " bytes)\ndisk size: %s\n",
               file, bs->drv->format_name, vs, bs->size, ds);
        g_free(vs);
        g_free(ds);
        if (q) {
            printf("cluster_size: %" PRIu64 "\n", q->cluster_size);
            if (q->backing_file) {
                printf("backing file: %s", q->backing_file);
                if (strcmp(full_backing, q->backing_file)) {
                    printf(" (actual path: %s)", full_backing);
                }
                printf("\n");
                if (q->backing_format) {
                    printf("backing file format: %s\n", q->backing_format);
                }
            }
            if (dirty) {
                printf("cleanly shut down: no\n");
            }
            if (snaps) {
                print_snapshots(snaps);
            }
            printf("Format specific information:\n    compat: %s\n    compression type: %s\n",
                   q->version >= 3 ? "1.1" : "0.10", q->compression_type ? "zstd" : "zlib");
            if (q->version >= 3) {
                printf("    lazy refcounts: %s\n", (q->compat & QCOW2_COMPAT_LAZY_REFCOUNTS) ? "true" : "false");
            }
            printf("    refcount bits: %u\n", q->refcount_bits);
            if (q->version >= 3) {
                printf("    corrupt: %s\n    extended l2: false\n",
                       (q->incompat & QCOW2_INCOMPAT_CORRUPT) ? "true" : "false");
            }
        }
    }
    if (snaps) {
        free_snapshots(snaps);
    }
    g_free(full_backing);
    bdrv_close(bs);
    return 0;
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

static int img_check(int argc, char **argv)
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
            if (strcmp(optarg, "json") && strcmp(optarg, "human")) {
                img_error("--output must be used with human or json as argument.");
                return 1;
            }
            json = !strcmp(optarg, "json");
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

bool all_zero(const uint8_t *p, size_t n)
{
    return n == 0 || (p[0] == 0 && memcmp(p, p + 1, n - 1) == 0);
}

static int img_convert(int argc, char **argv)
{
    const char *fmt = NULL, *out_fmt = "raw";
    bool compress = false;
    ImgOptions o = { 0 };
    int src_flags = 0;
    int c;
    while ((c = getopt(argc, argv, "+f:O:co:pqUB:")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'O': out_fmt = optarg; break;
        case 'c': compress = true; break;
        case 'o': if (!parse_create_options(optarg, &o)) return 1; break;
        case 'U': src_flags |= BDRV_O_NO_LOCK; break;
        case 'B': o.q.backing_file = optarg; break;
        case 'p': case 'q': break;
        default: return 1;
        }
    }
    if (optind != argc - 2) {
        img_error("Expecting one source and one target image name");
        return 1;
    }
    if (compress && strcmp(out_fmt, "qcow2")) {
        img_error("Compression not supported for this file format");
        return 1;
    }
    if (o.q.backing_file) {
        img_error("-B is not supported by mimic-img convert");
        return 1;
    }
    const char *src_file = argv[optind], *dst_file = argv[optind + 1];
    BlockDriverState *src = img_open(src_file, fmt, src_flags);
    if (!src) {
        return 1;
    }
    o.q.size = src->size;
    o.have_size = true;
    if (!create_image(dst_file, out_fmt, &o, true)) {
        bdrv_close(src);
        return 1;
    }
    BlockDriverState *dst = img_open(dst_file, out_fmt, BDRV_O_RDWR | BDRV_O_NO_BACKING);
    if (!dst) {
        bdrv_close(src);
        return 1;
    }
    Qcow2State *q = dst->drv == &bdrv_qcow2 ? dst->opaque : NULL;
    uint64_t chunk = q ? q->cluster_size : 1 << 20;
    uint8_t *buf = g_malloc0(chunk);
    int r = 0;
    for (uint64_t off = 0; off < src->size && r == 0; off += chunk) {
        uint64_t n = MIN(chunk, src->size - off);
        if ((r = bdrv_pread(src, off, buf, n)) < 0) {
            img_error("error while reading at byte %" PRIu64 ": %s", off, g_strerror(-r));
            break;
        }
        if (all_zero(buf, n)) {
            continue;           /* a new image reads zeros already */
        }
        if (compress) {
            memset(buf + n, 0, chunk - n);
            g_mutex_lock(&dst->lock);
            r = qcow2_write_compressed(q, off, buf);
            g_mutex_unlock(&dst->lock);
        } else {
            r = bdrv_pwrite(dst, off, buf, n);
        }
        if (r < 0) {
            img_error("error while writing at byte %" PRIu64 ": %s", off, g_strerror(-r));
        }
    }
    if (r == 0 && (r = bdrv_flush(dst)) < 0) {
        img_error("error while flushing: %s", g_strerror(-r));
    }
    g_free(buf);
    bdrv_close(dst);
    bdrv_close(src);
    return r < 0 ? 1 : 0;
}

/* Growing a qcow2 disk: a bigger L1 table if the new size needs one
 * (written whole before the header points at it), then the new size. */
static int qcow2_grow(Qcow2State *q, uint64_t size)
{
    uint64_t span = q->l2_entries * q->cluster_size;
    uint64_t l1_size = size / span + (size % span != 0);
    int r = 0;
    uint8_t hdr[24];
    uint64_t be_size = GUINT64_TO_BE(size);
    if (l1_size * 8 > QCOW2_MAX_L1_BYTES) {
        return -EFBIG;
    }
    if (l1_size > q->l1_size) {
        uint64_t bytes = l1_size * 8, clusters = (bytes + q->cluster_size - 1) / q->cluster_size;
        int64_t off = qcow2_alloc_clusters(q, clusters);
        if (off < 0) {
            return off;
        }
        uint64_t *table = g_malloc0(clusters * q->cluster_size);
        for (uint32_t i = 0; i < q->l1_size; i++) {
            table[i] = GUINT64_TO_BE(q->l1[i]);
        }
        r = bdrv_fd_pwrite(q->fd, off, table, clusters * q->cluster_size);
        g_free(table);
        if (r == 0 && fdatasync(q->fd) < 0) {
            r = -errno;
        }
        if (r < 0) {
            return r;
        }
        uint64_t old_off = q->l1_offset, old_clusters = ((uint64_t)q->l1_size * 8 + q->cluster_size - 1) / q->cluster_size;
        uint32_t be_l1 = GUINT32_TO_BE((uint32_t)l1_size);
        uint64_t be_off = GUINT64_TO_BE((uint64_t)off);
        memcpy(hdr, &be_size, 8);
        memset(hdr + 8, 0, 4);
        memcpy(hdr + 12, &be_l1, 4);
        memcpy(hdr + 16, &be_off, 8);
        if ((r = bdrv_fd_pwrite(q->fd, 24, hdr, 24)) < 0) {
            return r;
        }
        q->l1 = g_renew(uint64_t, q->l1, l1_size);
        memset(q->l1 + q->l1_size, 0, (l1_size - q->l1_size) * 8);
        q->l1_size = l1_size;
        q->l1_offset = off;
        q->bs->size = size;
        return old_clusters && old_off ? qcow2_free_clusters(q, old_off, old_clusters) : 0;
    }
    q->bs->size = size;
    return bdrv_fd_pwrite(q->fd, 24, &be_size, 8);
}

static int img_resize(int argc, char **argv)
{
    const char *fmt = NULL;
    bool shrink = false;
    static const struct option longopts[] = {
        { "shrink", no_argument, NULL, 'S' },
        { NULL, 0, NULL, 0 },
    };
    /* "-1G" is a size, not an option: stop option parsing at it. */
    int c;
    while (optind < argc && !(argv[optind][0] == '-' && g_ascii_isdigit(argv[optind][1])) &&
           (c = getopt_long(argc, argv, "+f:q", longopts, NULL)) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'S': shrink = true; break;
        case 'q': break;
        default: return 1;
        }
    }
    if (optind != argc - 2) {
        img_error("Expecting image file name and size");
        return 1;
    }
    const char *file = argv[optind], *arg = argv[optind + 1];
    int sign = arg[0] == '+' ? 1 : arg[0] == '-' ? -1 : 0;
    uint64_t n;
    if (!parse_size(arg + (sign != 0), &n)) {
        img_error("Invalid size specified.");
        return 1;
    }
    BlockDriverState *bs = img_open(file, fmt, BDRV_O_RDWR | BDRV_O_NO_BACKING);
    if (!bs) {
        return 1;
    }
    uint64_t size = sign > 0 ? bs->size + n : sign < 0 ? bs->size - MIN(n, bs->size) : n;
    int r = 0;
    if (size < bs->size && !shrink) {
        img_error("Use the --shrink option to perform a shrink operation.");
        r = -EINVAL;
    } else if (bs->drv == &bdrv_qcow2) {
        if (size < bs->size) {
            img_error("mimic-img cannot shrink qcow2 images");
            r = -ENOTSUP;
        } else {
            g_mutex_lock(&bs->lock);
            r = qcow2_grow(bs->opaque, size);
            g_mutex_unlock(&bs->lock);
            if (r < 0) {
                img_error("Error resizing image: %s", g_strerror(-r));
            }
        }
    } else {
        int fd = open(file, O_WRONLY | O_CLOEXEC);
        if (fd < 0 || ftruncate(fd, size) < 0) {
            r = -errno;
            img_error("Error resizing image: %s", g_strerror(errno));
        }
        if (fd >= 0) {
            close(fd);
        }
    }
    if (r == 0) {
        r = bdrv_flush(bs);
    }
    bdrv_close(bs);
    if (r == 0) {
        printf("Image resized.\n");
    }
    return r < 0 ? 1 : 0;
}

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *usage;
} img_commands[] = {
    { "create", img_create, "create [-q] [-f fmt] [-b backing_file -F backing_fmt] [-o options] filename [size]" },
    { "info", img_info, "info [-f fmt] [--output=human|json] [-U] filename" },
    { "check", img_check, "check [-q] [-f fmt] [--output=human|json] [-r leaks|all] [-U] filename" },
    { "convert", img_convert, "convert [-c] [-f fmt] [-O output_fmt] [-o options] [-U] filename output_filename" },
    { "snapshot", img_snapshot, "snapshot -l [-f fmt] [-U] filename" },
    { "commit", img_commit, "commit [-q] [-f fmt] [-d] filename" },
    { "rebase", img_rebase, "rebase [-q] [-f fmt] [-u] -b backing_file [-F backing_fmt] filename" },
    { "resize", img_resize, "resize [-f fmt] [--shrink] filename [+ | -]size" },
};

static void usage(FILE *out)
{
    fprintf(out, "usage: mimic-img [standard options] command [command options]\n"
                 "Disk image utility; options, output and exit codes follow qemu-img's.\n\n"
                 "Command syntax:\n");
    for (size_t i = 0; i < G_N_ELEMENTS(img_commands); i++) {
        fprintf(out, "  %s\n", img_commands[i].usage);
    }
    fprintf(out, "\nFormats: raw qcow2\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        img_error("Not enough arguments\nTry 'mimic-img --help' for more information");
        return 1;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(img_commands); i++) {
        if (!strcmp(argv[1], img_commands[i].name)) {
            optind = 1;
            return img_commands[i].fn(argc - 1, argv + 1);
        }
    }
    img_error("Command not found: %s", argv[1]);
    return 1;
}
