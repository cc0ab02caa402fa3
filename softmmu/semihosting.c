/*
 * Arm semihosting operations (semihosting.h): the table of operations,
 * their handlers, the guest's file handles and the guest-memory helpers
 * every handler goes through.
 *
 * The spec is "Semihosting for AArch32 and AArch64" v2.0 (Arm; its
 * sections are named below by their titles).  Where it leaves room, the
 * behaviour is qemu 7.2's as observed from qemu-system-aarch64 7.2 running
 * a probe program (tests/system/picolibc/README.md lists the observations):
 * errno values are the host's; READ and WRITE leave errno alone; ISTTY
 * of a non-terminal sets ENOTTY; TMPNAM fails without setting errno; a
 * name's length must match its NUL (EINVAL otherwise); WRITEC and WRITE0
 * return 0xdeadbeef.  One deliberate difference: append modes append
 * (fopen's "a"); qemu 7.2 drops O_APPEND and writes from offset 0.
 *
 * Guest memory is reached only through the machine's read_mem/write_mem
 * callbacks, in pieces of at most CHUNK bytes, so a guest length never
 * sizes an allocation and a bad address is an EFAULT, not a crash.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "memory.h"
#include "semihosting.h"

#define CHUNK 65536             /* bounce buffer for guest data */
#define MAX_FILES 256           /* guest handles 1..MAX_FILES-1 */
/* qemu bounds a transfer to INT32_MAX as Linux's MAX_RW_COUNT does. */
#define MAX_TRANSFER INT32_MAX

typedef struct GuestFile GuestFile;

/* What a handle is: each kind answers the file operations its own way.
 * Errors come back as -errno. */
typedef struct FileKind {
    ssize_t (*read)(SemihostState *s, GuestFile *f, void *buf, size_t len);
    ssize_t (*write)(SemihostState *s, GuestFile *f, const void *buf, size_t len);
    int64_t (*seek)(GuestFile *f, int64_t off);
    int64_t (*flen)(GuestFile *f);
    int (*isatty)(GuestFile *f);        /* 1, or -errno (ENOTTY: a file) */
    int (*close)(GuestFile *f);
    bool single_read;                   /* may block: one read per call */
} FileKind;

struct GuestFile {
    const FileKind *kind;               /* NULL: the handle is free */
    int hostfd;                         /* HOST: ours; STREAM: 0, 1 or 2 */
    SemihostStream stream;              /* STREAM */
    const uint8_t *data;                /* STATIC */
    size_t len, off;                    /* STATIC */
};

struct SemihostState {
    const SemihostOps *ops;
    void *opaque;
    unsigned word_bytes;
    uint64_t word_mask;
    char *cmdline;
    uint64_t start_ns;
    uint64_t err;                       /* what SYS_ERRNO returns */
    GuestFile files[MAX_FILES];
};

/* ---- Guest memory ------------------------------------------------------ */

/* A range the guest's address size can hold, not wrapping. */
static bool range_ok(SemihostState *s, uint64_t va, size_t len)
{
    return len == 0 || (va <= s->word_mask && len - 1 <= s->word_mask - va);
}

static bool guest_read(SemihostState *s, uint64_t va, void *buf, size_t len)
{
    return range_ok(s, va, len) &&
           (len == 0 || s->ops->read_mem(s->opaque, va, buf, len));
}

static bool guest_write(SemihostState *s, uint64_t va, const void *buf, size_t len)
{
    return range_ok(s, va, len) &&
           (len == 0 || s->ops->write_mem(s->opaque, va, buf, len));
}

/* Parameter block fields and results are word-sized and little-endian
 * (spec: "The semihosting interface", table "Registers and field size"). */
static bool read_word(SemihostState *s, uint64_t va, uint64_t *out)
{
    uint8_t b[8];
    if (!guest_read(s, va, b, s->word_bytes)) {
        return false;
    }
    *out = ldn_le_p(b, s->word_bytes);
    return true;
}

static bool write_word(SemihostState *s, uint64_t va, uint64_t v)
{
    uint8_t b[8];
    stn_le_p(b, v, s->word_bytes);
    return guest_write(s, va, b, s->word_bytes);
}

/* Reads [va, va+len) into buf, which may stop short of a bad page: a
 * whole-chunk read that fails is retried a byte at a time, so a string
 * ending just before unmapped memory is still found.  Returns the number
 * of leading bytes read. */
static size_t read_prefix(SemihostState *s, uint64_t va, uint8_t *buf, size_t len)
{
    if (guest_read(s, va, buf, len)) {
        return len;
    }
    size_t n = 0;
    while (n < len && guest_read(s, va + n, buf + n, 1)) {
        n++;
    }
    return n;
}

/* The length of the NUL-terminated string at va; false if memory ends
 * first.  Bounded by guest memory, never copied whole. */
static bool guest_strlen(SemihostState *s, uint64_t va, uint64_t *len)
{
    uint8_t buf[256];
    if (va > s->word_mask) {
        return false;
    }
    for (uint64_t n = 0;; n += sizeof(buf)) {
        if (n > s->word_mask - va) {
            return false;           /* no NUL below the top of the space */
        }
        uint64_t left = s->word_mask - (va + n);    /* bytes left, minus 1 */
        size_t want = left < sizeof(buf) ? left + 1 : sizeof(buf);
        size_t got = read_prefix(s, va + n, buf, want);
        uint8_t *nul = memchr(buf, 0, got);
        if (nul) {
            *len = n + (nul - buf);
            return true;
        }
        if (got < want) {
            return false;
        }
    }
}

/* ---- Results ----------------------------------------------------------- */

static int64_t fail(SemihostState *s, int err)
{
    s->err = err;
    return -1;
}

/* Longest name copied: the host refuses longer paths anyway. */
#define MAX_NAME PATH_MAX
/* Longest SYS_SYSTEM command copied (Linux's limit on one argument). */
#define MAX_COMMAND (32 * 4096)

/* A guest string given with its length: len counts the NUL, which must be
 * the last byte (len 0: find the NUL).  0 and *out (g_free it), or an
 * errno.  As qemu: too long for an int is ENAMETOOLONG, a missing last
 * byte EFAULT, a last byte other than NUL EINVAL.  Beyond max the string
 * is refused with ENAMETOOLONG before any copy. */
static int read_string(SemihostState *s, uint64_t va, uint64_t len, size_t max,
                       char **out)
{
    if (len == 0) {
        if (!guest_strlen(s, va, &len)) {
            return EFAULT;
        }
        len++;
    } else {
        uint8_t last;
        if (len > INT32_MAX) {
            return ENAMETOOLONG;
        }
        if (!guest_read(s, va + len - 1, &last, 1)) {
            return EFAULT;
        }
        if (last != 0) {
            return EINVAL;
        }
    }
    if (len > max) {
        return ENAMETOOLONG;
    }
    char *name = g_malloc(len);
    if (!guest_read(s, va, name, len)) {
        g_free(name);
        return EFAULT;
    }
    name[len - 1] = 0;
    *out = name;
    return 0;
}

/* ---- Streams: the machine's callbacks or the host's stdio -------------- */

static const int stream_hostfd[] = {
    [SEMIHOST_CONSOLE] = 2,     /* qemu 7.2 without chardev=: stderr */
    [SEMIHOST_STDIN] = 0, [SEMIHOST_STDOUT] = 1, [SEMIHOST_STDERR] = 2,
};

static ssize_t stream_out(SemihostState *s, SemihostStream st, const void *buf,
                          size_t len)
{
    if (s->ops->out) {
        return s->ops->out(s->opaque, st, buf, len);
    }
    ssize_t n = write(stream_hostfd[st], buf, len);
    return n < 0 ? -errno : n;
}

/* Console output is a debug channel: retry short writes, drop errors. */
static void stream_out_all(SemihostState *s, SemihostStream st, const uint8_t *buf,
                           size_t len)
{
    while (len) {
        ssize_t n = stream_out(s, st, buf, len);
        if (n <= 0) {
            return;
        }
        buf += n;
        len -= MIN((size_t)n, len);
    }
}

static ssize_t stream_in(SemihostState *s, SemihostStream st, void *buf, size_t len)
{
    if (s->ops->in) {
        return s->ops->in(s->opaque, st, buf, len);
    }
    ssize_t n;
    do {
        n = read(0, buf, len);
    } while (n < 0 && errno == EINTR);
    return n < 0 ? -errno : n;
}

/* ---- File kinds --------------------------------------------------------- */

static ssize_t host_read(SemihostState *s, GuestFile *f, void *buf, size_t len)
{
    ssize_t n;
    do {
        n = read(f->hostfd, buf, len);
    } while (n < 0 && errno == EINTR);
    return n < 0 ? -errno : n;
}

static ssize_t host_write(SemihostState *s, GuestFile *f, const void *buf, size_t len)
{
    ssize_t n = write(f->hostfd, buf, len);
    return n < 0 ? -errno : n;
}

/* SYS_SEEK positions from the start only (spec: SYS_SEEK (0x0A)). */
static int64_t host_seek(GuestFile *f, int64_t off)
{
    off_t r = lseek(f->hostfd, off, SEEK_SET);
    return r < 0 ? -errno : r;
}

static int64_t host_flen(GuestFile *f)
{
    struct stat st;
    return fstat(f->hostfd, &st) < 0 ? -errno : st.st_size;
}

static int host_isatty(GuestFile *f)
{
    return isatty(f->hostfd) ? 1 : -errno;
}

static int host_close(GuestFile *f)
{
    return close(f->hostfd) < 0 ? -errno : 0;
}

static ssize_t stream_read(SemihostState *s, GuestFile *f, void *buf, size_t len)
{
    return f->stream == SEMIHOST_STDIN ? stream_in(s, f->stream, buf, len) : -EBADF;
}

static ssize_t stream_write(SemihostState *s, GuestFile *f, const void *buf,
                            size_t len)
{
    return f->stream == SEMIHOST_STDIN ? -EBADF : stream_out(s, f->stream, buf, len);
}

/* ":tt" is the host's own stdin/stdout/stderr in qemu 7.2: seek, length
 * and tty queries answer for those host descriptors; closing leaves them
 * open. */
static int nothing_to_close(GuestFile *f)
{
    return 0;
}

static ssize_t static_read(SemihostState *s, GuestFile *f, void *buf, size_t len)
{
    size_t n = MIN(len, f->len - f->off);
    memcpy(buf, f->data + f->off, n);
    f->off += n;
    return n;
}

static ssize_t static_write(SemihostState *s, GuestFile *f, const void *buf,
                            size_t len)
{
    return -EBADF;              /* opened for reading only */
}

/* Anywhere within the bytes (spec: "Requirements for semihosting
 * implementations"); qemu also takes the end itself. */
static int64_t static_seek(GuestFile *f, int64_t off)
{
    if (off < 0 || (uint64_t)off > f->len) {
        return -EINVAL;
    }
    f->off = off;
    return off;
}

static int64_t static_flen(GuestFile *f)
{
    return f->len;
}

static int static_isatty(GuestFile *f)
{
    return -ENOTTY;
}

static const FileKind host_file = {
    host_read, host_write, host_seek, host_flen, host_isatty, host_close, false,
};
static const FileKind tt_stream = {
    stream_read, stream_write, host_seek, host_flen, host_isatty,
    nothing_to_close, true,
};
static const FileKind static_file = {
    static_read, static_write, static_seek, static_flen, static_isatty,
    nothing_to_close, false,
};

/* The feature bytes (spec: "Semihosting feature bit reporting sequence
 * format"): the magic "SHFB", then feature byte 0. */
static const uint8_t feature_bytes[] = {
    'S', 'H', 'F', 'B', SH_EXT_EXIT_EXTENDED | SH_EXT_STDOUT_STDERR,
};

/* SYS_OPEN handles are nonzero (spec: SYS_OPEN (0x01), "Return"). */
static int alloc_file(SemihostState *s)
{
    for (int i = 1; i < MAX_FILES; i++) {
        if (!s->files[i].kind) {
            memset(&s->files[i], 0, sizeof(s->files[i]));
            return i;
        }
    }
    return -1;
}

static GuestFile *get_file(SemihostState *s, uint64_t handle)
{
    if (handle == 0 || handle >= MAX_FILES || !s->files[handle].kind) {
        return NULL;
    }
    return &s->files[handle];
}

/* ---- Operations --------------------------------------------------------- */

/* a[] holds the parameter block's first fields (as many as the table
 * row says), param the parameter register itself. */
typedef int64_t SemihostHandler(SemihostState *s, const uint64_t *a, uint64_t param);

/* Modes 0-11 are fopen's r rb r+ r+b w wb w+ w+b a ab a+ a+b (spec:
 * SYS_OPEN (0x01), table "Value of mode"); b changes nothing on POSIX. */
static const int open_flags[12] = {
    O_RDONLY, O_RDONLY, O_RDWR, O_RDWR,
    O_WRONLY | O_CREAT | O_TRUNC, O_WRONLY | O_CREAT | O_TRUNC,
    O_RDWR | O_CREAT | O_TRUNC, O_RDWR | O_CREAT | O_TRUNC,
    O_WRONLY | O_CREAT | O_APPEND, O_WRONLY | O_CREAT | O_APPEND,
    O_RDWR | O_CREAT | O_APPEND, O_RDWR | O_CREAT | O_APPEND,
};

/* ":tt" (spec: SYS_OPEN (0x01), SH_EXT_STDOUT_STDERR): read modes are
 * stdin, write modes stdout, append modes stderr. */
static int64_t open_tt(SemihostState *s, GuestFile *f, uint64_t mode)
{
    f->stream = mode < 4 ? SEMIHOST_STDIN : mode < 8 ? SEMIHOST_STDOUT
                                                     : SEMIHOST_STDERR;
    f->hostfd = stream_hostfd[f->stream];
    f->kind = &tt_stream;
    return 0;
}

/* Only modes r and rb may open the feature file (spec: "Requirements for
 * semihosting implementations"); qemu says EACCES. */
static int64_t open_features(SemihostState *s, GuestFile *f, uint64_t mode)
{
    if (mode > 1) {
        return fail(s, EACCES);
    }
    f->data = feature_bytes;
    f->len = sizeof(feature_bytes);
    f->kind = &static_file;
    return 0;
}

static const struct {
    const char *name;
    int64_t (*open)(SemihostState *s, GuestFile *f, uint64_t mode);
} special_files[] = {
    { ":tt", open_tt },
    { ":semihosting-features", open_features },
};

static int64_t sys_open(SemihostState *s, const uint64_t *a, uint64_t param)
{
    /* As qemu: the name must be a readable C string before the mode is
     * looked at; the special names go by that string, files by the
     * length field. */
    uint64_t len;
    if (!guest_strlen(s, a[0], &len)) {
        return fail(s, EFAULT);
    }
    if (a[1] >= G_N_ELEMENTS(open_flags)) {
        return fail(s, EINVAL);
    }
    int h = alloc_file(s);
    if (h < 0) {
        return fail(s, EMFILE);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(special_files); i++) {
        const char *special = special_files[i].name;
        char head[32];
        if (len == strlen(special) && guest_read(s, a[0], head, len + 1) &&
            !strcmp(head, special)) {
            int64_t r = special_files[i].open(s, &s->files[h], a[1]);
            return r < 0 ? r : h;
        }
    }

    char *name;
    int err = read_string(s, a[0], (a[2] + 1) & s->word_mask, MAX_NAME, &name);
    if (err) {
        return fail(s, err);
    }
    int fd = open(name, open_flags[a[1]] | O_CLOEXEC, 0644);
    err = errno;
    g_free(name);
    if (fd < 0) {
        return fail(s, err);
    }
    s->files[h].hostfd = fd;
    s->files[h].kind = &host_file;
    return h;
}

static int64_t sys_close(SemihostState *s, const uint64_t *a, uint64_t param)
{
    GuestFile *f = get_file(s, a[0]);
    if (!f) {
        return fail(s, EBADF);
    }
    int r = f->kind->close(f);
    f->kind = NULL;
    return r < 0 ? fail(s, -r) : 0;
}

/* The register is corrupted by WRITEC and WRITE0 (spec); qemu leaves
 * 0xdeadbeef there. */
#define NO_RESULT 0xdeadbeef

static int64_t sys_writec(SemihostState *s, const uint64_t *a, uint64_t param)
{
    uint8_t c;
    if (guest_read(s, param, &c, 1)) {
        stream_out_all(s, SEMIHOST_CONSOLE, &c, 1);
    }
    return NO_RESULT;
}

static int64_t sys_write0(SemihostState *s, const uint64_t *a, uint64_t param)
{
    /* Nothing is written unless the whole string is readable (qemu). */
    uint64_t len;
    if (!guest_strlen(s, param, &len)) {
        return NO_RESULT;
    }
    uint8_t buf[4096];
    for (uint64_t done = 0; done < len;) {
        size_t n = MIN(sizeof(buf), len - done);
        if (!guest_read(s, param + done, buf, n)) {
            break;
        }
        stream_out_all(s, SEMIHOST_CONSOLE, buf, n);
        done += n;
    }
    return NO_RESULT;
}

/* SYS_WRITE and SYS_READ return the bytes NOT transferred (spec); a bad
 * handle transfers nothing, nor does a write from a bad buffer.  qemu 7.2
 * sets no errno for them.  Both move the data through one bounce buffer;
 * the direction only decides which side of it the guest is on. */
static int64_t file_transfer(SemihostState *s, const uint64_t *a, bool to_file)
{
    GuestFile *f = get_file(s, a[0]);
    uint64_t len = MIN(a[2], (uint64_t)MAX_TRANSFER), done = 0;
    if (!f) {
        return a[2];
    }
    uint8_t *buf = g_malloc(MIN(len, (uint64_t)CHUNK));
    while (done < len) {
        size_t n = MIN(len - done, (uint64_t)CHUNK);
        ssize_t r;
        if (to_file) {
            if (!guest_read(s, a[1] + done, buf, n)) {
                break;
            }
            r = f->kind->write(s, f, buf, n);
        } else {
            r = f->kind->read(s, f, buf, n);
        }
        if (r <= 0) {
            break;
        }
        /* Bytes the guest's buffer cannot take are lost but count as
         * read, so the count agrees with the file position (qemu 7.2
         * does the same). */
        if (!to_file && !guest_write(s, a[1] + done, buf, r)) {
            g_debug("semihosting: SYS_READ into 0x%" PRIx64 ": not writable",
                    a[1] + done);
        }
        done += r;
        if ((size_t)r < n || (!to_file && f->kind->single_read)) {
            break;
        }
    }
    g_free(buf);
    return a[2] - done;
}

static int64_t sys_write(SemihostState *s, const uint64_t *a, uint64_t param)
{
    return file_transfer(s, a, true);
}

static int64_t sys_read(SemihostState *s, const uint64_t *a, uint64_t param)
{
    return file_transfer(s, a, false);
}

static int64_t sys_readc(SemihostState *s, const uint64_t *a, uint64_t param)
{
    uint8_t c;
    ssize_t r = stream_in(s, SEMIHOST_CONSOLE, &c, 1);
    if (r <= 0) {
        return fail(s, r < 0 ? -r : EIO);
    }
    return c;
}

/* An error is a negative value of the guest's word (spec: SYS_ISERROR). */
static int64_t sys_iserror(SemihostState *s, const uint64_t *a, uint64_t param)
{
    return (a[0] >> (8 * s->word_bytes - 1)) & 1;
}

static int64_t sys_istty(SemihostState *s, const uint64_t *a, uint64_t param)
{
    GuestFile *f = get_file(s, a[0]);
    if (!f) {
        return fail(s, EBADF);
    }
    int r = f->kind->isatty(f);
    if (r == 1) {
        return 1;
    }
    /* A file is 0, with errno ENOTTY as qemu leaves it; else an error. */
    fail(s, -r);
    return r == -ENOTTY ? 0 : -1;
}

static int64_t sys_seek(SemihostState *s, const uint64_t *a, uint64_t param)
{
    GuestFile *f = get_file(s, a[0]);
    if (!f) {
        return fail(s, EBADF);
    }
    /* The offset field is a word: signed on A64 (qemu passes -1 to lseek),
     * zero-extended from an A32 word. */
    int64_t r = f->kind->seek(f, (int64_t)a[1]);
    return r < 0 ? fail(s, -r) : 0;
}

static int64_t sys_flen(SemihostState *s, const uint64_t *a, uint64_t param)
{
    GuestFile *f = get_file(s, a[0]);
    if (!f) {
        return fail(s, EBADF);
    }
    int64_t r = f->kind->flen(f);
    return r < 0 ? fail(s, -r) : r;
}

static int64_t sys_tmpnam(SemihostState *s, const uint64_t *a, uint64_t param)
{
    /* A name unique to this process and the guest's id 0-255 (spec:
     * SYS_TMPNAM (0x0D)); too small a buffer fails with errno unset. */
    g_autofree char *name = g_strdup_printf("/tmp/mimic-%x%02x", (unsigned)getpid(),
                                            (unsigned)(a[1] & 0xff));
    size_t len = strlen(name) + 1;
    if (len > a[2]) {
        return -1;
    }
    return guest_write(s, a[0], name, len) ? 0 : fail(s, EFAULT);
}

static int64_t sys_remove(SemihostState *s, const uint64_t *a, uint64_t param)
{
    char *name;
    int err = read_string(s, a[0], (a[1] + 1) & s->word_mask, MAX_NAME, &name);
    if (err) {
        return fail(s, err);
    }
    int r = remove(name);
    err = errno;
    g_free(name);
    return r ? fail(s, err) : 0;
}

static int64_t sys_rename(SemihostState *s, const uint64_t *a, uint64_t param)
{
    char *from, *to;
    int err = read_string(s, a[0], (a[1] + 1) & s->word_mask, MAX_NAME, &from);
    if (err) {
        return fail(s, err);
    }
    err = read_string(s, a[2], (a[3] + 1) & s->word_mask, MAX_NAME, &to);
    if (err) {
        g_free(from);
        return fail(s, err);
    }
    int r = rename(from, to);
    err = errno;
    g_free(from);
    g_free(to);
    return r ? fail(s, err) : 0;
}

static uint64_t elapsed_ns(SemihostState *s)
{
    uint64_t now = s->ops->clock_ns ? s->ops->clock_ns(s->opaque)
                                    : (uint64_t)g_get_monotonic_time() * 1000;
    return now - s->start_ns;
}

/* Centiseconds since execution started (spec: SYS_CLOCK (0x10)).  qemu
 * 7.2 counts the host process's CPU time instead. */
static int64_t sys_clock(SemihostState *s, const uint64_t *a, uint64_t param)
{
    return elapsed_ns(s) / 10000000;
}

static int64_t sys_time(SemihostState *s, const uint64_t *a, uint64_t param)
{
    time_t t = time(NULL);
    return t == (time_t)-1 ? fail(s, errno) : t;
}

/* qemu 7.2 runs the command with the host's system() whenever
 * semihosting is on, and returns its raw status. */
static int64_t sys_system(SemihostState *s, const uint64_t *a, uint64_t param)
{
    char *cmd;
    int err = read_string(s, a[0], (a[1] + 1) & s->word_mask, MAX_COMMAND, &cmd);
    if (err) {
        return fail(s, err);
    }
    fflush(NULL);
    int r = system(cmd);
    err = errno;
    g_free(cmd);
    return r == -1 ? fail(s, err) : r;
}

static int64_t sys_errno(SemihostState *s, const uint64_t *a, uint64_t param)
{
    return s->err;
}

/* Fills a[0] with the command line and the length field with its length
 * (spec: SYS_GET_CMDLINE (0x15)); a buffer without room for the NUL fails
 * with E2BIG as in qemu. */
static int64_t sys_get_cmdline(SemihostState *s, const uint64_t *a, uint64_t param)
{
    size_t size = strlen(s->cmdline) + 1;
    if (size > a[1]) {
        return fail(s, E2BIG);
    }
    if (!write_word(s, param + s->word_bytes, size - 1) ||
        !guest_write(s, a[0], s->cmdline, size)) {
        return fail(s, EFAULT);
    }
    return 0;
}

/* The parameter block holds the address of the four-field block (spec:
 * SYS_HEAPINFO (0x16)). */
static int64_t sys_heapinfo(SemihostState *s, const uint64_t *a, uint64_t param)
{
    SemihostHeapInfo info = { 0 };
    if (s->ops->heapinfo) {
        s->ops->heapinfo(s->opaque, &info);
    }
    const uint64_t fields[4] = {
        info.heap_base, info.heap_limit, info.stack_base, info.stack_limit,
    };
    for (int i = 0; i < 4; i++) {
        if (!write_word(s, a[0] + i * s->word_bytes, fields[i])) {
            return fail(s, EFAULT);
        }
    }
    return 0;
}

static int64_t do_exit(SemihostState *s, int status)
{
    if (s->ops->exit) {
        s->ops->exit(s->opaque, status);
        return 0;
    }
    fflush(NULL);
    exit(status);
}

/* A64's SYS_EXIT and SYS_EXIT_EXTENDED take {reason, subcode}: an
 * application exit gives the subcode as status, any other reason 1
 * (qemu).  A32's SYS_EXIT has the reason in the register and no status:
 * 0 for an application exit, else 1 (spec: SYS_EXIT (0x18)). */
static int64_t sys_exit(SemihostState *s, const uint64_t *a, uint64_t param)
{
    if (s->word_bytes == 4) {
        return do_exit(s, param == ADP_STOPPED_APPLICATION_EXIT ? 0 : 1);
    }
    return do_exit(s, a[0] == ADP_STOPPED_APPLICATION_EXIT ? (int)(uint32_t)a[1] : 1);
}

static int64_t sys_exit_extended(SemihostState *s, const uint64_t *a, uint64_t param)
{
    return do_exit(s, a[0] == ADP_STOPPED_APPLICATION_EXIT ? (int)(uint32_t)a[1] : 1);
}

/* Ticks of SYS_TICKFREQ (1 GHz, as qemu) into one 64-bit field, or two
 * 32-bit fields low first (spec: SYS_ELAPSED (0x30)). */
static int64_t sys_elapsed(SemihostState *s, const uint64_t *a, uint64_t param)
{
    uint64_t t = elapsed_ns(s);
    bool ok = s->word_bytes == 8 ? write_word(s, param, t)
                                 : write_word(s, param, (uint32_t)t) &&
                                   write_word(s, param + 4, t >> 32);
    return ok ? 0 : fail(s, EFAULT);
}

static int64_t sys_tickfreq(SemihostState *s, const uint64_t *a, uint64_t param)
{
    return 1000000000;
}

/* 0x19 is reserved by spec v2.0; qemu still answers it on A64 (the
 * caches are not modelled: nothing to do). */
static int64_t sys_synccache(SemihostState *s, const uint64_t *a, uint64_t param)
{
    return 0;
}

enum {
    A64_BLOCK = 1 << 0,         /* the block is read only for 8-byte words */
    A64_ONLY = 1 << 1,          /* unknown to 4-byte callers */
};

/* One row per operation: its name, how many parameter block fields the
 * handler reads (all read before it runs: a bad block fails with EFAULT
 * and no side effect), flags and handler. */
static const struct {
    const char *name;
    unsigned nargs;
    unsigned flags;
    SemihostHandler *handler;
} ops_table[] = {
    [SYS_OPEN] = { "SYS_OPEN", 3, 0, sys_open },
    [SYS_CLOSE] = { "SYS_CLOSE", 1, 0, sys_close },
    [SYS_WRITEC] = { "SYS_WRITEC", 0, 0, sys_writec },
    [SYS_WRITE0] = { "SYS_WRITE0", 0, 0, sys_write0 },
    [SYS_WRITE] = { "SYS_WRITE", 3, 0, sys_write },
    [SYS_READ] = { "SYS_READ", 3, 0, sys_read },
    [SYS_READC] = { "SYS_READC", 0, 0, sys_readc },
    [SYS_ISERROR] = { "SYS_ISERROR", 1, 0, sys_iserror },
    [SYS_ISTTY] = { "SYS_ISTTY", 1, 0, sys_istty },
    [SYS_SEEK] = { "SYS_SEEK", 2, 0, sys_seek },
    [SYS_FLEN] = { "SYS_FLEN", 1, 0, sys_flen },
    [SYS_TMPNAM] = { "SYS_TMPNAM", 3, 0, sys_tmpnam },
    [SYS_REMOVE] = { "SYS_REMOVE", 2, 0, sys_remove },
    [SYS_RENAME] = { "SYS_RENAME", 4, 0, sys_rename },
    [SYS_CLOCK] = { "SYS_CLOCK", 0, 0, sys_clock },
    [SYS_TIME] = { "SYS_TIME", 0, 0, sys_time },
    [SYS_SYSTEM] = { "SYS_SYSTEM", 2, 0, sys_system },
    [SYS_ERRNO] = { "SYS_ERRNO", 0, 0, sys_errno },
    [SYS_GET_CMDLINE] = { "SYS_GET_CMDLINE", 2, 0, sys_get_cmdline },
    [SYS_HEAPINFO] = { "SYS_HEAPINFO", 1, 0, sys_heapinfo },
    [SYS_EXIT] = { "SYS_EXIT", 2, A64_BLOCK, sys_exit },
    [SYS_SYNCCACHE] = { "SYS_SYNCCACHE", 0, A64_ONLY, sys_synccache },
    [SYS_EXIT_EXTENDED] = { "SYS_EXIT_EXTENDED", 2, 0, sys_exit_extended },
    [SYS_ELAPSED] = { "SYS_ELAPSED", 0, 0, sys_elapsed },
    [SYS_TICKFREQ] = { "SYS_TICKFREQ", 0, 0, sys_tickfreq },
};

uint64_t semihost_call(SemihostState *s, uint32_t op, uint64_t param)
{
    param &= s->word_mask;
    if (op >= G_N_ELEMENTS(ops_table) || !ops_table[op].handler ||
        ((ops_table[op].flags & A64_ONLY) && s->word_bytes != 8)) {
        /* qemu aborts here; a guest must not be able to stop mimic. */
        g_debug("semihosting: unsupported operation 0x%x", op);
        return fail(s, ENOSYS) & s->word_mask;
    }
    uint64_t a[4] = { 0 };
    unsigned nargs = ops_table[op].nargs;
    if ((ops_table[op].flags & A64_BLOCK) && s->word_bytes != 8) {
        nargs = 0;
    }
    for (unsigned i = 0; i < nargs; i++) {
        if (!read_word(s, param + i * s->word_bytes, &a[i])) {
            g_debug("semihosting: %s: parameter block at 0x%" PRIx64
                    " not readable", ops_table[op].name, param);
            return fail(s, EFAULT) & s->word_mask;
        }
    }
    return ops_table[op].handler(s, a, param) & s->word_mask;
}

SemihostState *semihost_new(const SemihostOps *ops, void *opaque,
                            unsigned word_bytes, const char *cmdline)
{
    g_assert(word_bytes == 4 || word_bytes == 8);
    g_assert(ops->read_mem && ops->write_mem);
    SemihostState *s = g_new0(SemihostState, 1);
    s->ops = ops;
    s->opaque = opaque;
    s->word_bytes = word_bytes;
    s->word_mask = word_bytes == 8 ? UINT64_MAX : UINT32_MAX;
    s->cmdline = g_strdup(cmdline ? cmdline : "");
    s->start_ns = ops->clock_ns ? ops->clock_ns(opaque)
                                : (uint64_t)g_get_monotonic_time() * 1000;
    return s;
}

void semihost_free(SemihostState *s)
{
    if (!s) {
        return;
    }
    for (int i = 1; i < MAX_FILES; i++) {
        if (s->files[i].kind) {
            s->files[i].kind->close(&s->files[i]);
        }
    }
    g_free(s->cmdline);
    g_free(s);
}

/* qemu 7.2 (rom_find_largest_gap_between): walk the images in address
 * order through [ram_base, ram_base + ram_size) and keep the largest
 * stretch no image covers. */
static int range_cmp(const void *pa, const void *pb)
{
    const SemihostRange *a = pa, *b = pb;
    return a->base < b->base ? -1 : a->base > b->base;
}

void semihost_heap_from_gap(uint64_t ram_base, uint64_t ram_size,
                            const SemihostRange *images, size_t n_images,
                            SemihostHeapInfo *out)
{
    SemihostRange *sorted = g_new(SemihostRange, n_images);
    if (n_images) {
        memcpy(sorted, images, n_images * sizeof(*images));
        qsort(sorted, n_images, sizeof(*sorted), range_cmp);
    }
    uint64_t end = ram_base + ram_size, pos = ram_base;
    uint64_t best_base = 0, best_size = 0;
    for (size_t i = 0; i < n_images; i++) {
        uint64_t b = sorted[i].base, e = b + sorted[i].size;
        if (e <= pos || sorted[i].size == 0) {
            continue;           /* before what is left, or empty */
        }
        if (b >= end) {
            break;
        }
        if (b > pos && b - pos > best_size) {
            best_base = pos;
            best_size = b - pos;
        }
        pos = MIN(e, end);
    }
    if (end > pos && end - pos > best_size) {
        best_base = pos;
        best_size = end - pos;
    }
    g_free(sorted);
    out->heap_base = best_base;
    out->heap_limit = best_base + best_size;
    out->stack_base = out->heap_limit;
    out->stack_limit = out->heap_base;
}
