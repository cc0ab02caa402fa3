/*
 * mimic-img's backing-chain commands: commit (an overlay's clusters into
 * its backing file, then the overlay emptied) and rebase (a new backing
 * file; in safe mode the clusters that would read differently through it
 * are first copied into the overlay).  Both work on qcow2 overlays.
 */
#include "hw/block/mimic-img.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

static char *backing_path(const char *image, const char *backing)
{
    char *dir = g_path_get_dirname(image);
    char *path = g_path_is_absolute(backing) || !strcmp(dir, ".")
                     ? g_strdup(backing) : g_build_filename(dir, backing, NULL);
    g_free(dir);
    return path;
}

static Qcow2State *qcow2_of(BlockDriverState *bs)
{
    if (bs->drv != &bdrv_qcow2) {
        img_error("Operation not supported for the '%s' format", bs->drv->format_name);
        return NULL;
    }
    return bs->opaque;
}

int img_commit(int argc, char **argv)
{
    const char *fmt = NULL;
    bool keep = false, quiet = false;
    int c;
    while ((c = getopt(argc, argv, "+f:dqpt:")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'd': keep = true; break;
        case 'q': quiet = true; break;
        case 'p': case 't': break;
        default: return 1;
        }
    }
    if (optind != argc - 1) {
        img_error("Expecting one image file name");
        return 1;
    }
    const char *file = argv[optind];
    BlockDriverState *top = img_open(file, fmt, BDRV_O_NO_BACKING | (keep ? 0 : BDRV_O_RDWR));
    if (!top) {
        return 1;
    }
    Qcow2State *q = qcow2_of(top);
    if (!q || !q->backing_file) {
        if (q) {
            img_error("Image does not have a backing file");
        }
        bdrv_close(top);
        return 1;
    }
    char *path = backing_path(file, q->backing_file);
    BlockDriverState *base = img_open(path, q->backing_format, BDRV_O_RDWR);
    g_free(path);
    if (!base) {
        bdrv_close(top);
        return 1;
    }
    int r = 0;
    if (base->size < top->size) {
        img_error("The backing file is smaller than the image; resize it first");
        r = -EINVAL;
    }
    uint8_t *buf = g_malloc(q->cluster_size);
    for (uint64_t off = 0; r == 0 && off < top->size; off += q->cluster_size) {
        uint64_t n = MIN(q->cluster_size, top->size - off);
        g_mutex_lock(&top->lock);
        int st = qcow2_cluster_status(q, off);
        g_mutex_unlock(&top->lock);
        if (st < 0) {
            r = st;
        } else if (st == QCOW2_STATUS_ZERO) {
            r = bdrv_write_zeroes(base, off, n);
        } else if (st == QCOW2_STATUS_DATA) {
            if ((r = bdrv_pread(top, off, buf, n)) == 0) {
                r = bdrv_pwrite(base, off, buf, n);
            }
        }
    }
    g_free(buf);
    if (r == 0) {
        r = bdrv_flush(base);
    }
    /* The base holds everything now; only then may the overlay let go. */
    for (uint64_t off = 0; r == 0 && !keep && off < top->size; off += q->cluster_size) {
        g_mutex_lock(&top->lock);
        r = qcow2_unmap_cluster(q, off);
        g_mutex_unlock(&top->lock);
    }
    if (r == 0 && !keep) {
        r = bdrv_flush(top);
    }
    bdrv_close(base);
    bdrv_close(top);
    if (r < 0) {
        img_error("Could not commit: %s", g_strerror(-r));
        return 1;
    }
    if (!quiet) {
        printf("Image committed.\n");
    }
    return 0;
}

int img_rebase(int argc, char **argv)
{
    const char *fmt = NULL, *new_file = NULL, *new_fmt = NULL;
    bool unsafe = false;
    int c;
    while ((c = getopt(argc, argv, "+f:b:F:uqpt:T:")) != -1) {
        switch (c) {
        case 'f': fmt = optarg; break;
        case 'b': new_file = optarg; break;
        case 'F': new_fmt = optarg; break;
        case 'u': unsafe = true; break;
        case 'q': case 'p': case 't': case 'T': break;
        default: return 1;
        }
    }
    if (optind != argc - 1 || !new_file) {
        img_error("Expecting one image file name and -b backing_file");
        return 1;
    }
    const char *file = argv[optind];
    if (!*new_file) {
        new_file = NULL;        /* -b "": no backing file any more */
        new_fmt = NULL;
    }
    BlockDriverState *bs = img_open(file, fmt, BDRV_O_RDWR | (unsafe ? BDRV_O_NO_BACKING : 0));
    if (!bs) {
        return 1;
    }
    Qcow2State *q = qcow2_of(bs);
    BlockDriverState *nb = NULL;
    int r = q ? 0 : -ENOTSUP;
    if (r == 0 && new_file) {
        char *path = backing_path(file, new_file);
        nb = img_open(path, new_fmt, 0);
        g_free(path);
        if (!nb) {
            r = -ENOENT;
        } else if (!new_fmt) {
            new_fmt = nb->drv->format_name;     /* record what was probed */
        }
    }
    if (r == 0 && !unsafe) {
        /* Clusters the overlay does not hold read through the backing
         * file: where the old and new ones differ, keep the old data. */
        uint64_t cs = q->cluster_size;
        uint8_t *old = g_malloc(cs), *new = g_malloc0(cs);
        for (uint64_t off = 0; r == 0 && off < bs->size; off += cs) {
            uint64_t n = MIN(cs, bs->size - off);
            g_mutex_lock(&bs->lock);
            int st = qcow2_cluster_status(q, off);
            g_mutex_unlock(&bs->lock);
            if (st != QCOW2_STATUS_UNALLOCATED) {
                r = st < 0 ? st : 0;
                continue;
            }
            if ((r = bdrv_pread(bs, off, old, n)) < 0) {
                break;
            }
            uint64_t have = nb && off < nb->size ? MIN(n, nb->size - off) : 0;
            memset(new, 0, n);
            if (have && (r = bdrv_pread(nb, off, new, have)) < 0) {
                break;
            }
            if (memcmp(old, new, n)) {
                r = bdrv_pwrite(bs, off, old, n);
            }
        }
        g_free(old);
        g_free(new);
    }
    if (r == 0) {
        r = bdrv_flush(bs);
    }
    if (r == 0) {
        g_mutex_lock(&bs->lock);
        r = qcow2_set_backing(q, new_file, new_fmt);
        g_mutex_unlock(&bs->lock);
        if (r == 0) {
            r = bdrv_flush(bs);
        }
    }
    bdrv_close(nb);
    bdrv_close(bs);
    if (r < 0) {
        if (r != -ENOENT && r != -ENOTSUP) {
            img_error("Could not change the backing file to '%s': %s", new_file ? new_file : "",
                      g_strerror(-r));
        }
        return 1;
    }
    return 0;
}
