/*
 * -strace: each syscall as QEMU prints it, "PID name(args) = result",
 * with errors as "-1 errno=N (message)", to the -d log (stderr unless -D).
 * The arguments are formatted before the call (strings are inputs), the
 * line is written after it in one piece.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "aarch64-abi.h"
#include "tcg/log.h"
#include "tcg/tb.h"
#include "user.h"

typedef struct Out {
    char *p;
    size_t left;
} Out;

static void put(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->p, o->left, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if ((size_t)n >= o->left) {
        n = o->left ? o->left - 1 : 0;
    }
    o->p += n;
    o->left -= n;
}

typedef struct FlagName {
    uint64_t bit;
    const char *name;
} FlagName;

static void put_flags(Out *o, uint64_t v, const FlagName *names, size_t n,
                      const char *zero)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (names[i].bit && (v & names[i].bit) == names[i].bit) {
            put(o, "%s%s", any ? "|" : "", names[i].name);
            v &= ~names[i].bit;
            any = true;
        }
    }
    if (v || !any) {
        if (any) {
            put(o, "|0x%" PRIx64, v);
        } else if (!v && zero) {
            put(o, "%s", zero);
        } else {
            put(o, "0x%" PRIx64, v);
        }
    }
}

#define N(x) (sizeof(x) / sizeof((x)[0]))

static const FlagName open_flags[] = {
    { O_WRONLY, "O_WRONLY" }, { O_RDWR, "O_RDWR" }, { O_CREAT, "O_CREAT" },
    { O_EXCL, "O_EXCL" }, { O_NOCTTY, "O_NOCTTY" }, { O_TRUNC, "O_TRUNC" },
    { O_APPEND, "O_APPEND" }, { O_NONBLOCK, "O_NONBLOCK" }, { O_DSYNC, "O_DSYNC" },
    { TARGET_O_DIRECTORY, "O_DIRECTORY" }, { TARGET_O_NOFOLLOW, "O_NOFOLLOW" },
    { TARGET_O_DIRECT, "O_DIRECT" }, { TARGET_O_LARGEFILE, "O_LARGEFILE" },
    { O_NOATIME, "O_NOATIME" }, { O_CLOEXEC, "O_CLOEXEC" }, { O_PATH, "O_PATH" },
};

static const FlagName prot_flags[] = {
    { PROT_READ, "PROT_READ" }, { PROT_WRITE, "PROT_WRITE" },
    { PROT_EXEC, "PROT_EXEC" }, { 0x10, "PROT_BTI" },
};

static const FlagName mmap_flags[] = {
    { MAP_SHARED, "MAP_SHARED" }, { MAP_PRIVATE, "MAP_PRIVATE" },
    { MAP_FIXED, "MAP_FIXED" }, { MAP_ANONYMOUS, "MAP_ANONYMOUS" },
    { MAP_GROWSDOWN, "MAP_GROWSDOWN" }, { MAP_DENYWRITE, "MAP_DENYWRITE" },
    { MAP_EXECUTABLE, "MAP_EXECUTABLE" }, { MAP_LOCKED, "MAP_LOCKED" },
    { MAP_NORESERVE, "MAP_NORESERVE" }, { MAP_POPULATE, "MAP_POPULATE" },
    { MAP_NONBLOCK, "MAP_NONBLOCK" }, { MAP_STACK, "MAP_STACK" },
    { MAP_HUGETLB, "MAP_HUGETLB" }, { 0x100000, "MAP_FIXED_NOREPLACE" },
};

static void put_string(Out *o, uint64_t addr)
{
    bool toolong;
    const char *s = lock_user_string(addr, 4096, &toolong);
    if (!s) {
        put(o, "0x%" PRIx64, addr);
        return;
    }
    put(o, "\"");
    size_t len = strlen(s);
    for (size_t i = 0; i < len && i < 256; i++) {
        unsigned char c = s[i];
        if (c == '"' || c == '\\') {
            put(o, "\\%c", c);
        } else if (c == '\n') {
            put(o, "\\n");
        } else if (c < 32 || c >= 127) {
            put(o, "\\%03o", c);
        } else {
            put(o, "%c", c);
        }
    }
    put(o, len > 256 ? "\"..." : "\"");
}

static void put_arg(Out *o, char kind, uint64_t v)
{
    switch (kind) {
    case 'd':
    case 'F':
        put(o, "%d", (int)v);
        break;
    case 'l':
        put(o, "%" PRId64, (int64_t)v);
        break;
    case 'u':
        put(o, "%" PRIu64, v);
        break;
    case 'x':
        put(o, "0x%" PRIx64, v);
        break;
    case 'p':
        if (v) {
            put(o, "0x%016" PRIx64, v);
        } else {
            put(o, "NULL");
        }
        break;
    case 's':
        put_string(o, v);
        break;
    case 'f':
        if ((int)v == AT_FDCWD) {
            put(o, "AT_FDCWD");
        } else {
            put(o, "%d", (int)v);
        }
        break;
    case 'o':
        put(o, "0%" PRIo64, v);
        break;
    case 'O':
        if ((v & O_ACCMODE) == O_RDONLY) {
            put(o, "O_RDONLY%s", (v & ~(uint64_t)O_ACCMODE) ? "|" : "");
            if (v & ~(uint64_t)O_ACCMODE) {
                put_flags(o, v & ~(uint64_t)O_ACCMODE, open_flags, N(open_flags), NULL);
            }
        } else {
            put_flags(o, v, open_flags, N(open_flags), NULL);
        }
        break;
    case 'P':
        put_flags(o, v, prot_flags, N(prot_flags), "PROT_NONE");
        break;
    case 'M':
        put_flags(o, v, mmap_flags, N(mmap_flags), NULL);
        break;
    case 'S':
        if ((int)v > 0 && (int)v < 32) {
            put(o, "SIG%s", sigabbrev_np((int)v));
        } else {
            put(o, "%d", (int)v);
        }
        break;
    default:
        put(o, "%" PRIu64, v);
        break;
    }
}

void strace_format_call(char *buf, size_t size, int nr, const SyscallDef *def,
                        const uint64_t *a)
{
    Out o = { buf, size };
    if (!def) {
        put(&o, "Unknown syscall %d", nr);
        return;
    }
    put(&o, "%s(", def->name);
    const char *fmt = def->fn ? def->fmt : "xxxxxx";
    for (int i = 0; fmt[i] && i < 6; i++) {
        if (i) {
            put(&o, ",");
        }
        put_arg(&o, fmt[i], a[i]);
    }
    put(&o, ")");
}

/* Linux's restart codes, named as strace(1) names them. */
static const struct { int64_t code; const char *text; } restart_names[] = {
    { -TARGET_ERESTARTSYS, "ERESTARTSYS (To be restarted if SA_RESTART is set)" },
    { -TARGET_ERESTARTNOINTR, "ERESTARTNOINTR (To be restarted)" },
    { -TARGET_ERESTARTNOHAND, "ERESTARTNOHAND (To be restarted if no handler)" },
    { -TARGET_ERESTART_RESTARTBLOCK, "ERESTART_RESTARTBLOCK (Interrupted by signal)" },
};

void strace_print(TaskState *ts, const char *call, int64_t ret,
                  const SyscallDef *def, bool returned)
{
    char line[1200];
    Out o = { line, sizeof(line) };
    put(&o, "%d %s", getpid(), call);
    const char *restart = NULL;
    for (size_t i = 0; i < sizeof(restart_names) / sizeof(restart_names[0]); i++) {
        if (restart_names[i].code == ret) {
            restart = restart_names[i].text;
        }
    }
    if (returned) {
        if (restart) {
            put(&o, " = ? %s", restart);
        } else if (ret < 0 && ret >= -4095) {
            put(&o, " = -1 errno=%d (%s)", (int)-ret, strerror((int)-ret));
        } else if (def && (def->flags & SYSF_RET_PTR)) {
            put(&o, " = 0x%016" PRIx64, (uint64_t)ret);
        } else {
            put(&o, " = %" PRId64, ret);
        }
    }
    put(&o, "\n");
    FILE *f = mimic_log_file ? mimic_log_file : stderr;
    fputs(line, f);
    fflush(f);
}
