/*
 * Arm semihosting: the architecture-neutral half.  A CPU that meets a
 * semihosting trap (AArch64: HLT #0xF000, operation in W0, parameter
 * block address in X1; later A32's SVC/HLT/BKPT forms) calls
 * semihost_call() and puts the result in its return register.  This file
 * owns the operations of "Semihosting for AArch32 and AArch64" (Arm, v2.0),
 * behaving as qemu 7.2 does where the spec leaves room, the guest's file
 * handles, and the -semihosting / -semihosting-config options.
 *
 * Everything the guest hands over (parameter blocks, buffers, names,
 * lengths, handles) is untrusted: a bad one gives the spec's error value
 * (-1, or the byte count not transferred for READ/WRITE) and sets the
 * errno SYS_ERRNO reports; nothing is read or written outside what the
 * machine's memory callbacks accept, and lengths never size an allocation.
 */
#ifndef SOFTMMU_SEMIHOSTING_H
#define SOFTMMU_SEMIHOSTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <glib.h>

/* Operation numbers (spec: "Semihosting operations"; 0x19 is reserved
 * there but qemu still answers it on A64). */
enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04,
    SYS_WRITE = 0x05, SYS_READ = 0x06, SYS_READC = 0x07, SYS_ISERROR = 0x08,
    SYS_ISTTY = 0x09, SYS_SEEK = 0x0a, SYS_FLEN = 0x0c, SYS_TMPNAM = 0x0d,
    SYS_REMOVE = 0x0e, SYS_RENAME = 0x0f, SYS_CLOCK = 0x10, SYS_TIME = 0x11,
    SYS_SYSTEM = 0x12, SYS_ERRNO = 0x13, SYS_GET_CMDLINE = 0x15,
    SYS_HEAPINFO = 0x16, SYS_EXIT = 0x18, SYS_SYNCCACHE = 0x19,
    SYS_EXIT_EXTENDED = 0x20, SYS_ELAPSED = 0x30, SYS_TICKFREQ = 0x31,
};

/* The SYS_EXIT reason (spec: SYS_EXIT (0x18), "Software reason codes")
 * that means "the program exited" and, on A64 and with EXIT_EXTENDED,
 * carries the status. */
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

/* Feature byte 0 of the magic file ":semihosting-features" (spec:
 * "Semihosting extensions available"). */
#define SH_EXT_EXIT_EXTENDED (1u << 0)
#define SH_EXT_STDOUT_STDERR (1u << 1)

/* ---- Options ---------------------------------------------------------- */

typedef enum SemihostTarget {
    SEMIHOST_TARGET_AUTO,       /* gdb's if a debugger is attached, else native */
    SEMIHOST_TARGET_NATIVE,
    SEMIHOST_TARGET_GDB,
} SemihostTarget;

typedef struct SemihostConfig {
    bool enabled;
    bool userspace;             /* also from EL0 (userspace=on): the CPU
                                 * side checks it before calling */
    SemihostTarget target;
    char *chardev;              /* chardev=ID, or NULL: the machine resolves it */
    GPtrArray *args;            /* arg=, in order (char *); the command line */
    GPtrArray *opts;            /* every -semihosting-config item so far
                                 * (char *): they merge, as qemu's do */
} SemihostConfig;

void semihost_config_init(SemihostConfig *c);
void semihost_config_destroy(SemihostConfig *c);
/* -semihosting: on, target auto. */
void semihost_config_enable(SemihostConfig *c);
/* -semihosting-config OPTS (QemuOpts syntax: key=value pairs separated by
 * ',', ",," a literal comma; a bare boolean key means key=on).  Repeated
 * options merge: the last value of a key counts, every arg= counts once
 * (qemu 7.2 repeats the earlier ones: "arg=a" then "arg=b" gives "a a b"
 * there).  On a bad option returns false with a one-line message in
 * *err (g_free it); c keeps what it had before. */
bool semihost_config_parse(SemihostConfig *c, const char *opts, char **err);
/* As qemu: without arg=, the command line is the -kernel file then the
 * words of -append (split on spaces).  Call once all options are parsed. */
void semihost_config_arg_fallback(SemihostConfig *c, const char *kernel,
                                  const char *append);
/* The args joined by single spaces ("" when there are none); g_free it. */
char *semihost_config_cmdline(const SemihostConfig *c);

/* ---- The machine's side ----------------------------------------------- */

/* Where console bytes go and come from.  CONSOLE is the semihosting debug
 * console of WRITEC/WRITE0/READC (chardev=, else host stderr/stdin as qemu
 * 7.2); the others are what ":tt" opens (spec: SYS_OPEN (0x01),
 * SH_EXT_STDOUT_STDERR: read modes stdin, write modes stdout, append
 * modes stderr).  ISTTY, FLEN and SEEK on a ":tt" handle answer for the
 * host's fd 0, 1 or 2, as in qemu 7.2 where ":tt" is those fds. */
typedef enum SemihostStream {
    SEMIHOST_CONSOLE, SEMIHOST_STDIN, SEMIHOST_STDOUT, SEMIHOST_STDERR,
} SemihostStream;

/* SYS_HEAPINFO's four words (spec: SYS_HEAPINFO (0x16)).  qemu 7.2
 * (system mode): the largest gap in the biggest RAM region not covered by
 * loaded images is the heap; the stack is the same range seen from the top (stack base =
 * heap limit, stack limit = heap base).  semihost_heap_from_gap() makes
 * that from the RAM range and the images the machine loaded. */
typedef struct SemihostHeapInfo {
    uint64_t heap_base, heap_limit, stack_base, stack_limit;
} SemihostHeapInfo;

typedef struct SemihostRange {
    uint64_t base, size;
} SemihostRange;

void semihost_heap_from_gap(uint64_t ram_base, uint64_t ram_size,
                            const SemihostRange *images, size_t n_images,
                            SemihostHeapInfo *out);

/* Filled by the CPU and board.  The memory callbacks are required; every
 * other one may be NULL for the default named beside it. */
typedef struct SemihostOps {
    /* Guest virtual addresses, as the CPU's current translation regime
     * sees them (a debug access: no exception).  False if any byte of the
     * range is not accessible; then nothing need have been transferred. */
    bool (*read_mem)(void *opaque, uint64_t va, void *buf, size_t len);
    bool (*write_mem)(void *opaque, uint64_t va, const void *buf, size_t len);
    /* Bytes to a stream; returns how many were taken, or -errno.
     * Default: CONSOLE and STDERR to host fd 2, STDOUT to host fd 1. */
    ssize_t (*out)(void *opaque, SemihostStream s, const void *buf, size_t len);
    /* Up to len bytes from a stream (CONSOLE or STDIN), waiting for at
     * least one; returns the count, 0 at end of input, or -errno.
     * Default: host fd 0.  (qemu 7.2 without chardev= never answers READC.) */
    ssize_t (*in)(void *opaque, SemihostStream s, void *buf, size_t len);
    /* SYS_EXIT, SYS_EXIT_EXTENDED.  Default: exit(status).  If it returns,
     * the call returns 0 to the guest. */
    void (*exit)(void *opaque, int status);
    /* SYS_HEAPINFO.  Default: all four zero (qemu when it finds no RAM). */
    void (*heapinfo)(void *opaque, SemihostHeapInfo *info);
    /* Monotonic nanoseconds, for CLOCK and ELAPSED (counted from
     * semihost_new).  Default: the host's monotonic clock. */
    uint64_t (*clock_ns)(void *opaque);
} SemihostOps;

/* One per machine.  Not thread-safe: the CPU side serialises calls from
 * several vCPUs (qemu keeps one errno for all of them too). */
typedef struct SemihostState SemihostState;

/* word_bytes: 8 for AArch64, 4 for AArch32 (parameter block fields and
 * results are that wide; the guest is little-endian).  cmdline: what
 * SYS_GET_CMDLINE returns (copied; NULL is ""). */
SemihostState *semihost_new(const SemihostOps *ops, void *opaque,
                            unsigned word_bytes, const char *cmdline);
/* Closes the host files the guest left open. */
void semihost_free(SemihostState *s);

/* One semihosting call: op from W0/R0, param from X1/R1.  Returns what
 * goes into X0/R0 (zero-extended from 32 bits for word_bytes 4). */
uint64_t semihost_call(SemihostState *s, uint32_t op, uint64_t param);

#endif
