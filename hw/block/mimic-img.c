/*
 * mimic-img: create, inspect, check, convert and resize disk images, with
 * qemu-img's options, output and exit codes so that scripts written for
 * qemu-img work unchanged.  This file: the command table, the shared
 * helpers, create, convert and resize.  The formats are the block layer's
 * (hw/block/); qcow2-specific information comes from Qcow2State.
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
    uint64_t be_size = GUINT64_TO_BE(size);
    int r = qcow2_grow_l1(q, size / span + (size % span != 0));
    if (r == 0) {
        q->bs->size = size;
        r = bdrv_fd_pwrite(q->fd, 24, &be_size, 8);
    }
    return r;
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
    { "info", img_info, "info [-f fmt] [--output=human|json] [--backing-chain] [-U] filename" },
    { "check", img_check, "check [-q] [-f fmt] [--output=human|json] [-r leaks|all] [-U] filename" },
    { "convert", img_convert, "convert [-c] [-f fmt] [-O output_fmt] [-o options] [-U] filename output_filename" },
    { "snapshot", img_snapshot, "snapshot [-l | -a name | -c name | -d name] [-f fmt] [-q] [-U] filename" },
    { "compare", img_compare, "compare [-f fmt] [-F fmt] [-s] [-q] [-U] filename1 filename2" },
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
