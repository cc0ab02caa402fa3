/*
 * Unit tests of softmmu/semihosting.c and semihosting-config.c: every
 * operation through a fake guest (a byte array whose callbacks refuse
 * anything outside it), files in a temporary folder, the console streams,
 * the feature file, the command line from -semihosting-config, exit
 * statuses, and hostile input (wild pointers, unterminated names, huge
 * lengths, bad handles) giving the spec's error values.
 *
 * Expected values come from the spec ("Semihosting for AArch32 and
 * AArch64" v2.0, cited by section title) or from qemu-system-aarch64 7.2
 * observed running a probe program (cited as "qemu 7.2").
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "softmmu/semihosting.h"

#define MEM_BASE 0x40000000ull
#define MEM_SIZE 0x10000u
#define BLOCK (MEM_BASE + 0x100)    /* parameter blocks go here */
#define DATA (MEM_BASE + 0x1000)    /* strings and buffers from here */
#define WILD 0x7000000000ull        /* nothing there */
#define APPLICATION_EXIT 0x20026    /* spec: SYS_EXIT, "Software reason codes" */

typedef struct Guest {
    uint8_t mem[MEM_SIZE];
    unsigned word;
    GString *out[4];                /* per SemihostStream */
    const char *input;              /* what STDIN and CONSOLE read */
    int exits, status;
    uint64_t now_ns;
    char *dir;                      /* temporary folder */
    SemihostState *s;
} Guest;

static bool in_mem(uint64_t va, size_t len)
{
    return va >= MEM_BASE && len <= MEM_SIZE && va - MEM_BASE <= MEM_SIZE - len;
}

static bool fake_read(void *opaque, uint64_t va, void *buf, size_t len)
{
    Guest *g = opaque;
    if (!in_mem(va, len)) {
        return false;
    }
    memcpy(buf, g->mem + (va - MEM_BASE), len);
    return true;
}

static bool fake_write(void *opaque, uint64_t va, const void *buf, size_t len)
{
    Guest *g = opaque;
    if (!in_mem(va, len)) {
        return false;
    }
    memcpy(g->mem + (va - MEM_BASE), buf, len);
    return true;
}

static ssize_t fake_out(void *opaque, SemihostStream st, const void *buf, size_t len)
{
    Guest *g = opaque;
    g_string_append_len(g->out[st], buf, len);
    return len;
}

static ssize_t fake_in(void *opaque, SemihostStream st, void *buf, size_t len)
{
    Guest *g = opaque;
    size_t n = MIN(len, strlen(g->input));
    memcpy(buf, g->input, n);
    g->input += n;
    return n;
}

static void fake_exit(void *opaque, int status)
{
    Guest *g = opaque;
    g->exits++;
    g->status = status;
}

static void fake_heapinfo(void *opaque, SemihostHeapInfo *info)
{
    *info = (SemihostHeapInfo){ MEM_BASE + 0x8000, MEM_BASE + 0xc000,
                                MEM_BASE + 0x10000, MEM_BASE + 0xc000 };
}

static uint64_t fake_clock(void *opaque)
{
    return ((Guest *)opaque)->now_ns;
}

static const SemihostOps fake_ops = {
    fake_read, fake_write, fake_out, fake_in, fake_exit, fake_heapinfo, fake_clock,
};

static Guest *guest_new(unsigned word, const char *cmdline)
{
    Guest *g = g_new0(Guest, 1);
    g->word = word;
    g->input = "";
    g->now_ns = 5000000000ull;
    for (int i = 0; i < 4; i++) {
        g->out[i] = g_string_new(NULL);
    }
    g->dir = g_dir_make_tmp("semihost-XXXXXX", NULL);
    assert_non_null(g->dir);
    g->s = semihost_new(&fake_ops, g, word, cmdline);
    return g;
}

static int setup64(void **state)
{
    *state = guest_new(8, "prog arg1");
    return 0;
}

static int setup32(void **state)
{
    *state = guest_new(4, "");
    return 0;
}

static int teardown(void **state)
{
    Guest *g = *state;
    semihost_free(g->s);
    g_autofree char *rm = g_strdup_printf("rm -rf '%s'", g->dir);
    assert_int_equal(system(rm), 0);
    g_free(g->dir);
    for (int i = 0; i < 4; i++) {
        g_string_free(g->out[i], true);
    }
    g_free(g);
    return 0;
}

/* ---- helpers: the guest side of a call ---- */

static void put(Guest *g, uint64_t va, const void *p, size_t n)
{
    assert_true(in_mem(va, n));
    memcpy(g->mem + (va - MEM_BASE), p, n);
}

static uint64_t get_word(Guest *g, uint64_t va)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < g->word; i++) {
        v |= (uint64_t)g->mem[va - MEM_BASE + i] << (8 * i);
    }
    return v;
}

static void put_word(Guest *g, uint64_t va, uint64_t v)
{
    for (unsigned i = 0; i < g->word; i++) {
        g->mem[va - MEM_BASE + i] = v >> (8 * i);
    }
}

/* A call with a parameter block of n fields at BLOCK. */
static uint64_t callv(Guest *g, uint32_t op, int n, const uint64_t *f)
{
    for (int i = 0; i < n; i++) {
        put_word(g, BLOCK + i * g->word, f[i]);
    }
    return semihost_call(g->s, op, BLOCK);
}
#define CALL(g, op, ...) \
    callv(g, op, sizeof((uint64_t[]){ __VA_ARGS__ }) / 8, (uint64_t[]){ __VA_ARGS__ })

static uint64_t guest_errno(Guest *g)
{
    return semihost_call(g->s, SYS_ERRNO, 0);
}

/* A string placed in guest memory at va; its address. */
static uint64_t str_at(Guest *g, uint64_t va, const char *str)
{
    put(g, va, str, strlen(str) + 1);
    return va;
}

static char *path(Guest *g, const char *name)
{
    return g_build_filename(g->dir, name, NULL);
}

/* SYS_OPEN of a host file: name placed at DATA. */
static uint64_t open_file(Guest *g, const char *name, int mode)
{
    g_autofree char *p = path(g, name);
    return CALL(g, SYS_OPEN, str_at(g, DATA, p), mode, strlen(p));
}

static uint64_t write_str(Guest *g, uint64_t h, const char *data)
{
    put(g, DATA + 0x800, data, strlen(data));
    return CALL(g, SYS_WRITE, h, DATA + 0x800, strlen(data));
}

static char *host_contents(Guest *g, const char *name)
{
    g_autofree char *p = path(g, name);
    char *text = NULL;
    if (!g_file_get_contents(p, &text, NULL, NULL)) {
        return NULL;
    }
    return text;
}

#define FAIL64 UINT64_MAX

/* ---- files ---- */

static void test_file_cycle(void **state)
{
    Guest *g = *state;
    /* Mode 4 is "w" (spec: SYS_OPEN, "Value of mode"); handles are nonzero. */
    uint64_t h = open_file(g, "f.txt", 4);
    assert_true(h != 0 && h != FAIL64);
    /* SYS_WRITE returns the bytes not written (spec: SYS_WRITE). */
    assert_int_equal(write_str(g, h, "0123456789"), 0);
    assert_int_equal(CALL(g, SYS_FLEN, h), 10);
    assert_int_equal(CALL(g, SYS_CLOSE, h), 0);
    g_autofree char *text = host_contents(g, "f.txt");
    assert_string_equal(text, "0123456789");

    h = open_file(g, "f.txt", 0);                   /* "r" */
    assert_true(h != 0 && h != FAIL64);
    assert_int_equal(CALL(g, SYS_SEEK, h, 2), 0);   /* 0 on success */
    memset(g->mem + (DATA + 0x800 - MEM_BASE), 0, 32);
    /* SYS_READ returns the bytes not read (spec: SYS_READ). */
    assert_int_equal(CALL(g, SYS_READ, h, DATA + 0x800, 3), 0);
    assert_memory_equal(g->mem + (DATA + 0x800 - MEM_BASE), "234", 3);
    assert_int_equal(CALL(g, SYS_READ, h, DATA + 0x800, 20), 15);
    assert_memory_equal(g->mem + (DATA + 0x800 - MEM_BASE), "56789", 5);
    /* At end of file nothing is read: the whole length comes back. */
    assert_int_equal(CALL(g, SYS_READ, h, DATA + 0x800, 7), 7);
    /* A file is not a terminal: 0 (spec: SYS_ISTTY), errno ENOTTY (qemu 7.2). */
    assert_int_equal(CALL(g, SYS_ISTTY, h), 0);
    assert_int_equal(guest_errno(g), ENOTTY);
    /* Read-only handle: writing transfers nothing. */
    assert_int_equal(write_str(g, h, "xy"), 2);
    assert_int_equal(CALL(g, SYS_CLOSE, h), 0);
    /* A closed handle is gone. */
    assert_int_equal(CALL(g, SYS_CLOSE, h), FAIL64);
    assert_int_equal(guest_errno(g), EBADF);
    assert_int_equal(CALL(g, SYS_FLEN, h), FAIL64);
}

static void test_open_modes(void **state)
{
    Guest *g = *state;
    uint64_t h = open_file(g, "m.txt", 4);
    write_str(g, h, "0123456789");
    CALL(g, SYS_CLOSE, h);

    /* "a": writes go to the end (fopen semantics; qemu 7.2 differs). */
    h = open_file(g, "m.txt", 8);
    assert_int_equal(write_str(g, h, "AB"), 0);
    CALL(g, SYS_CLOSE, h);
    g_autofree char *t1 = host_contents(g, "m.txt");
    assert_string_equal(t1, "0123456789AB");

    /* "r+b" reads and writes without truncating. */
    h = open_file(g, "m.txt", 3);
    assert_int_equal(write_str(g, h, "xy"), 0);
    assert_int_equal(CALL(g, SYS_FLEN, h), 12);
    CALL(g, SYS_CLOSE, h);
    g_autofree char *t2 = host_contents(g, "m.txt");
    assert_string_equal(t2, "xy23456789AB");

    /* "w+" truncates. */
    h = open_file(g, "m.txt", 6);
    assert_int_equal(CALL(g, SYS_FLEN, h), 0);
    CALL(g, SYS_CLOSE, h);

    /* "r" of a missing file: -1, errno the host's ENOENT. */
    assert_int_equal(open_file(g, "missing", 0), FAIL64);
    assert_int_equal(guest_errno(g), ENOENT);
    /* Modes run 0-11. */
    assert_int_equal(open_file(g, "m.txt", 12), FAIL64);
    assert_int_equal(guest_errno(g), EINVAL);
}

static void test_remove_rename(void **state)
{
    Guest *g = *state;
    CALL(g, SYS_CLOSE, open_file(g, "a", 4));
    g_autofree char *a = path(g, "a"), *b = path(g, "b");
    uint64_t pa = str_at(g, DATA, a), pb = str_at(g, DATA + 0x400, b);

    assert_int_equal(CALL(g, SYS_RENAME, pa, strlen(a), pb, strlen(b)), 0);
    assert_false(g_file_test(a, G_FILE_TEST_EXISTS));
    assert_true(g_file_test(b, G_FILE_TEST_EXISTS));
    assert_int_equal(CALL(g, SYS_RENAME, pa, strlen(a), pb, strlen(b)), FAIL64);
    assert_int_equal(guest_errno(g), ENOENT);

    assert_int_equal(CALL(g, SYS_REMOVE, pb, strlen(b)), 0);
    assert_false(g_file_test(b, G_FILE_TEST_EXISTS));
    assert_int_equal(CALL(g, SYS_REMOVE, pb, strlen(b)), FAIL64);
    assert_int_equal(guest_errno(g), ENOENT);
}

/* ---- console ---- */

static void test_console(void **state)
{
    Guest *g = *state;
    /* WRITEC and WRITE0 go to the debug console (spec: SYS_WRITEC,
     * SYS_WRITE0). */
    put(g, DATA, "Z", 1);
    semihost_call(g->s, SYS_WRITEC, DATA);
    semihost_call(g->s, SYS_WRITE0, str_at(g, DATA + 0x10, "hello\n"));
    assert_string_equal(g->out[SEMIHOST_CONSOLE]->str, "Zhello\n");

    /* ":tt": read modes stdin, write modes stdout, append modes stderr
     * (spec: SYS_OPEN, SH_EXT_STDOUT_STDERR). */
    uint64_t tt = str_at(g, DATA + 0x100, ":tt");
    uint64_t in = CALL(g, SYS_OPEN, tt, 0, 3);
    uint64_t out = CALL(g, SYS_OPEN, tt, 4, 3);
    uint64_t err = CALL(g, SYS_OPEN, tt, 8, 3);
    assert_true(in != FAIL64 && out != FAIL64 && err != FAIL64);
    assert_true(in != out && out != err && in != err && in && out && err);
    assert_int_equal(write_str(g, out, "to stdout"), 0);
    assert_int_equal(write_str(g, err, "to stderr"), 0);
    assert_string_equal(g->out[SEMIHOST_STDOUT]->str, "to stdout");
    assert_string_equal(g->out[SEMIHOST_STDERR]->str, "to stderr");
    g->input = "abc";
    assert_int_equal(CALL(g, SYS_READ, in, DATA + 0x800, 8), 5);
    assert_memory_equal(g->mem + (DATA + 0x800 - MEM_BASE), "abc", 3);
    /* ISTTY answers for the host's descriptor behind it (qemu 7.2). */
    assert_int_equal(CALL(g, SYS_ISTTY, out), isatty(1) ? 1 : 0);
    /* Closing :tt leaves the host's stdout open. */
    assert_int_equal(CALL(g, SYS_CLOSE, out), 0);
    assert_true(fcntl(1, F_GETFD) >= 0);

    /* READC: one byte from the console. */
    g->input = "Q";
    assert_int_equal(semihost_call(g->s, SYS_READC, 0), 'Q');
    assert_int_equal(semihost_call(g->s, SYS_READC, 0), FAIL64);
}

/* ---- the feature file ---- */

static void test_features(void **state)
{
    Guest *g = *state;
    uint64_t name = str_at(g, DATA, ":semihosting-features");
    /* Only modes r and rb (spec: "Requirements for semihosting
     * implementations"); qemu 7.2 says EACCES. */
    assert_int_equal(CALL(g, SYS_OPEN, name, 4, 21), FAIL64);
    assert_int_equal(guest_errno(g), EACCES);
    uint64_t h = CALL(g, SYS_OPEN, name, 0, 21);
    uint64_t h2 = CALL(g, SYS_OPEN, name, 1, 21);  /* simultaneously too */
    assert_true(h != FAIL64 && h2 != FAIL64 && h != h2);

    /* "SHFB", then feature byte 0 with EXIT_EXTENDED (bit 0) and
     * STDOUT_STDERR (bit 1) (spec: "Semihosting feature bit reporting
     * sequence format", "Semihosting extensions available"). */
    uint64_t buf = DATA + 0x800;
    memset(g->mem + (buf - MEM_BASE), 0xee, 16);
    assert_int_equal(CALL(g, SYS_READ, h, buf, 10), 5);
    assert_memory_equal(g->mem + (buf - MEM_BASE), "SHFB\x03", 5);
    assert_int_equal(g->mem[buf - MEM_BASE + 5], 0xee);
    assert_int_equal(CALL(g, SYS_FLEN, h), 5);
    assert_int_equal(CALL(g, SYS_ISTTY, h), 0);     /* "Always returns 0" */
    assert_int_equal(CALL(g, SYS_SEEK, h, 4), 0);
    assert_int_equal(CALL(g, SYS_READ, h, buf, 1), 0);
    assert_int_equal(g->mem[buf - MEM_BASE], 0x03);
    assert_int_equal(CALL(g, SYS_SEEK, h, 6), FAIL64);
    assert_int_equal(guest_errno(g), EINVAL);
    /* Not writable: nothing written. */
    assert_int_equal(write_str(g, h, "x"), 1);
    assert_int_equal(CALL(g, SYS_CLOSE, h), 0);
    assert_int_equal(CALL(g, SYS_CLOSE, h2), 0);
}

/* ---- command line, heap, clocks, misc ---- */

static void test_cmdline_from_config(void **state)
{
    SemihostConfig c;
    semihost_config_init(&c);
    char *err = NULL;
    assert_true(semihost_config_parse(&c, "enable=on,target=native,arg=prog,arg=a,,b",
                                      &err));
    assert_true(c.enabled);
    assert_int_equal(c.target, SEMIHOST_TARGET_NATIVE);
    g_autofree char *cmdline = semihost_config_cmdline(&c);
    assert_string_equal(cmdline, "prog a,b");
    semihost_config_destroy(&c);

    Guest *g = guest_new(8, cmdline);
    /* Returns 0, the string and its length (spec: SYS_GET_CMDLINE). */
    uint64_t buf = DATA;
    assert_int_equal(CALL(g, SYS_GET_CMDLINE, buf, 64), 0);
    assert_string_equal((char *)g->mem + (buf - MEM_BASE), "prog a,b");
    assert_int_equal(get_word(g, BLOCK + 8), 8);
    assert_int_equal(get_word(g, BLOCK), buf);
    /* No room for the NUL: -1, E2BIG (qemu 7.2). */
    assert_int_equal(CALL(g, SYS_GET_CMDLINE, buf, 8), FAIL64);
    assert_int_equal(guest_errno(g), E2BIG);
    /* Buffer outside memory. */
    assert_int_equal(CALL(g, SYS_GET_CMDLINE, WILD, 64), FAIL64);
    assert_int_equal(guest_errno(g), EFAULT);
    *state = g;
}

static void test_heapinfo_clock(void **state)
{
    Guest *g = *state;
    /* The block holds a pointer to the four fields (spec: SYS_HEAPINFO). */
    uint64_t fields = DATA;
    assert_int_equal(CALL(g, SYS_HEAPINFO, fields), 0);
    assert_int_equal(get_word(g, fields), MEM_BASE + 0x8000);
    assert_int_equal(get_word(g, fields + 8), MEM_BASE + 0xc000);
    assert_int_equal(get_word(g, fields + 16), MEM_BASE + 0x10000);
    assert_int_equal(get_word(g, fields + 24), MEM_BASE + 0xc000);
    assert_int_equal(CALL(g, SYS_HEAPINFO, MEM_BASE + MEM_SIZE - 8), FAIL64);

    /* Centiseconds and ticks since the start (spec: SYS_CLOCK,
     * SYS_ELAPSED), at SYS_TICKFREQ's 1 GHz (qemu 7.2). */
    g->now_ns += 1234567890;
    assert_int_equal(semihost_call(g->s, SYS_CLOCK, 0), 123);
    assert_int_equal(semihost_call(g->s, SYS_TICKFREQ, 0), 1000000000);
    assert_int_equal(semihost_call(g->s, SYS_ELAPSED, DATA), 0);
    assert_int_equal(get_word(g, DATA), 1234567890);
    assert_int_equal(semihost_call(g->s, SYS_ELAPSED, WILD), FAIL64);

    /* Seconds since 1970 (spec: SYS_TIME). */
    uint64_t t = semihost_call(g->s, SYS_TIME, 0);
    assert_true(t + 5 >= (uint64_t)time(NULL) && t <= (uint64_t)time(NULL));

    /* ISERROR: negative is an error (spec: SYS_ISERROR). */
    assert_int_equal(CALL(g, SYS_ISERROR, (uint64_t)-1), 1);
    assert_int_equal(CALL(g, SYS_ISERROR, 5), 0);
    assert_int_equal(CALL(g, SYS_ISERROR, 0x80000000), 0);  /* positive on A64 */

    /* TMPNAM: a name for id 7 that fits, none when it does not. */
    assert_int_equal(CALL(g, SYS_TMPNAM, DATA, 7, 64), 0);
    assert_true(g_str_has_prefix((char *)g->mem + (DATA - MEM_BASE), "/tmp/"));
    assert_true(g_str_has_suffix((char *)g->mem + (DATA - MEM_BASE), "07"));
    assert_int_equal(CALL(g, SYS_TMPNAM, DATA, 7, 4), FAIL64);
}

static void test_system(void **state)
{
    Guest *g = *state;
    /* The host's system() status as is (qemu 7.2 returned 768 here). */
    uint64_t r = CALL(g, SYS_SYSTEM, str_at(g, DATA, "exit 3"), 6);
    assert_true(WIFEXITED((int)r) && WEXITSTATUS((int)r) == 3);
    g_autofree char *p = path(g, "made-by-system");
    g_autofree char *cmd = g_strdup_printf("touch '%s'", p);
    assert_int_equal(CALL(g, SYS_SYSTEM, str_at(g, DATA, cmd), strlen(cmd)), 0);
    assert_true(g_file_test(p, G_FILE_TEST_EXISTS));
}

static void test_exit(void **state)
{
    Guest *g = *state;
    /* A64 SYS_EXIT takes {reason, subcode} (spec: SYS_EXIT, "Entry
     * (64-bit)"): an application exit's subcode is the status. */
    CALL(g, SYS_EXIT, APPLICATION_EXIT, 3);
    assert_int_equal(g->exits, 1);
    assert_int_equal(g->status, 3);
    /* Any other reason: status 1 (qemu 7.2). */
    CALL(g, SYS_EXIT, 0x20023 /* RunTimeErrorUnknown */, 0);
    assert_int_equal(g->status, 1);
    CALL(g, SYS_EXIT_EXTENDED, APPLICATION_EXIT, 7);
    assert_int_equal(g->status, 7);
    CALL(g, SYS_EXIT_EXTENDED, 0x20024, 7);
    assert_int_equal(g->status, 1);
    /* A block outside memory: no exit. */
    assert_int_equal(semihost_call(g->s, SYS_EXIT, WILD), FAIL64);
    assert_int_equal(g->exits, 4);
}

/* ---- 32-bit callers ---- */

static void test_a32(void **state)
{
    Guest *g = *state;
    /* Results are 32-bit: -1 is 0xffffffff. */
    assert_int_equal(semihost_call(g->s, SYS_CLOSE, WILD & 0xffffffff), 0xffffffffu);
    /* Four-byte fields. */
    uint64_t name = str_at(g, DATA, ":semihosting-features");
    uint64_t h = CALL(g, SYS_OPEN, name, 0, 21);
    assert_true(h != 0 && h < 0xffffffff);
    assert_int_equal(CALL(g, SYS_FLEN, h), 5);
    assert_int_equal(CALL(g, SYS_ISERROR, 0x80000000), 1);
    /* A32 SYS_EXIT has the reason in the register: 0 for an application
     * exit, else 1 (spec: SYS_EXIT, "Entry (32-bit)"). */
    semihost_call(g->s, SYS_EXIT, APPLICATION_EXIT);
    assert_int_equal(g->status, 0);
    semihost_call(g->s, SYS_EXIT, 0x20000);
    assert_int_equal(g->status, 1);
    /* EXIT_EXTENDED carries the status on A32 too (spec:
     * SYS_EXIT_EXTENDED). */
    CALL(g, SYS_EXIT_EXTENDED, APPLICATION_EXIT, 9);
    assert_int_equal(g->status, 9);
    /* ELAPSED fills two words, low first (spec: SYS_ELAPSED, "Entry
     * (32-bit)"). */
    g->now_ns += 0x123456789ull;
    assert_int_equal(semihost_call(g->s, SYS_ELAPSED, DATA), 0);
    assert_int_equal(get_word(g, DATA), 0x23456789);
    assert_int_equal(get_word(g, DATA + 4), 0x1);
    /* SYNCCACHE exists only for A64 (qemu); unknown here. */
    assert_int_equal(semihost_call(g->s, SYS_SYNCCACHE, 0), 0xffffffffu);
    /* An empty command line: just the NUL. */
    assert_int_equal(CALL(g, SYS_GET_CMDLINE, DATA, 4), 0);
    assert_int_equal(g->mem[DATA - MEM_BASE], 0);
    assert_int_equal(get_word(g, BLOCK + 4), 0);
}

/* ---- hostile input ---- */

static void test_bad_blocks(void **state)
{
    Guest *g = *state;
    /* Every operation with a parameter block: -1, EFAULT, for a block
     * outside memory, one straddling its end and one at the top of the
     * address space. */
    static const uint32_t with_block[] = {
        SYS_OPEN, SYS_CLOSE, SYS_ISERROR, SYS_ISTTY, SYS_SEEK, SYS_FLEN,
        SYS_TMPNAM, SYS_REMOVE, SYS_RENAME, SYS_SYSTEM, SYS_GET_CMDLINE,
        SYS_HEAPINFO, SYS_ELAPSED,
    };
    const uint64_t wild[] = { WILD, MEM_BASE + MEM_SIZE - 4, UINT64_MAX - 3, 0 };
    for (size_t i = 0; i < G_N_ELEMENTS(with_block); i++) {
        for (size_t j = 0; j < G_N_ELEMENTS(wild); j++) {
            assert_int_equal(semihost_call(g->s, with_block[i], wild[j]), FAIL64);
            assert_int_equal(guest_errno(g), EFAULT);
        }
    }
    /* READ and WRITE whose block cannot be read: -1 as well (qemu 7.2). */
    assert_int_equal(semihost_call(g->s, SYS_READ, WILD), FAIL64);
    assert_int_equal(semihost_call(g->s, SYS_WRITE, UINT64_MAX), FAIL64);
    /* WRITEC, WRITE0 from nowhere: nothing printed. */
    semihost_call(g->s, SYS_WRITEC, WILD);
    semihost_call(g->s, SYS_WRITE0, UINT64_MAX);
    assert_int_equal(g->out[SEMIHOST_CONSOLE]->len, 0);
    assert_int_equal(g->exits, 0);
    /* An operation that does not exist. */
    assert_int_equal(semihost_call(g->s, 0x99, BLOCK), FAIL64);
    assert_int_equal(semihost_call(g->s, 0xffffffff, BLOCK), FAIL64);
}

static void test_bad_names(void **state)
{
    Guest *g = *state;
    /* Unterminated up to the end of memory: EFAULT, nothing printed. */
    uint64_t end = MEM_BASE + MEM_SIZE - 5;
    put(g, end, "abcde", 5);
    assert_int_equal(CALL(g, SYS_OPEN, end, 0, 5), FAIL64);
    assert_int_equal(guest_errno(g), EFAULT);
    semihost_call(g->s, SYS_WRITE0, end);
    assert_int_equal(g->out[SEMIHOST_CONSOLE]->len, 0);
    assert_int_equal(CALL(g, SYS_REMOVE, end, 5), FAIL64);
    assert_int_equal(guest_errno(g), EFAULT);
    /* A string ending exactly at the end of memory is fine. */
    put(g, end, "abcd", 5);
    semihost_call(g->s, SYS_WRITE0, end);
    assert_string_equal(g->out[SEMIHOST_CONSOLE]->str, "abcd");

    /* The length must put the NUL last: EINVAL (qemu 7.2). */
    g_autofree char *p = path(g, "x");
    uint64_t name = str_at(g, DATA, p);
    assert_int_equal(CALL(g, SYS_OPEN, name, 4, 3), FAIL64);
    assert_int_equal(guest_errno(g), EINVAL);
    assert_int_equal(CALL(g, SYS_RENAME, name, strlen(p), name, 1), FAIL64);
    assert_int_equal(guest_errno(g), EINVAL);
    /* Huge lengths: refused before anything is copied. */
    assert_int_equal(CALL(g, SYS_OPEN, name, 4, 1ull << 40), FAIL64);
    assert_int_equal(guest_errno(g), ENAMETOOLONG);
    assert_int_equal(CALL(g, SYS_SYSTEM, name, 0x7ffffff0), FAIL64);
    assert_true(guest_errno(g) == EFAULT || guest_errno(g) == ENAMETOOLONG);
    assert_false(g_file_test(p, G_FILE_TEST_EXISTS));
    /* Name pointer to nowhere. */
    assert_int_equal(CALL(g, SYS_OPEN, WILD, 0, 3), FAIL64);
    assert_int_equal(guest_errno(g), EFAULT);
    assert_int_equal(CALL(g, SYS_OPEN, UINT64_MAX, 0, 3), FAIL64);
    assert_int_equal(guest_errno(g), EFAULT);
}

static void test_bad_handles(void **state)
{
    Guest *g = *state;
    /* Handles the guest never opened reach nothing, not even the host's
     * 0, 1 and 2. */
    const uint64_t bad[] = { 0, 1, 2, 3, 255, 256, 100000, 1ull << 63, UINT64_MAX };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        assert_int_equal(CALL(g, SYS_CLOSE, bad[i]), FAIL64);
        assert_int_equal(guest_errno(g), EBADF);
        assert_int_equal(CALL(g, SYS_FLEN, bad[i]), FAIL64);
        assert_int_equal(CALL(g, SYS_SEEK, bad[i], 0), FAIL64);
        assert_int_equal(CALL(g, SYS_ISTTY, bad[i]), FAIL64);
        assert_int_equal(guest_errno(g), EBADF);
        assert_int_equal(write_str(g, bad[i], "abc"), 3);
        assert_int_equal(CALL(g, SYS_READ, bad[i], DATA, 9), 9);
    }
    assert_int_equal(g->out[SEMIHOST_STDOUT]->len + g->out[SEMIHOST_STDERR]->len, 0);

    /* Huge or wild buffers on a good handle: nothing transferred. */
    uint64_t h = open_file(g, "h", 6);
    assert_int_equal(CALL(g, SYS_WRITE, h, WILD, 1ull << 62), 1ull << 62);
    assert_int_equal(CALL(g, SYS_WRITE, h, DATA, UINT64_MAX), UINT64_MAX);
    assert_int_equal(CALL(g, SYS_FLEN, h), 0);
    write_str(g, h, "0123456789");
    /* Reading into a buffer that is not there loses the bytes but counts
     * them, in step with the file position (qemu 7.2: 3 bytes left, a
     * read of 5 into unmapped memory returned 2). */
    CALL(g, SYS_SEEK, h, 7);
    assert_int_equal(CALL(g, SYS_READ, h, WILD, 5), 2);
    assert_int_equal(CALL(g, SYS_READ, h, DATA, 5), 5);     /* at the end */
    CALL(g, SYS_SEEK, h, 6);
    assert_int_equal(CALL(g, SYS_READ, h, UINT64_MAX - 1, 4), 0);
    assert_int_equal(CALL(g, SYS_READ, h, DATA, 5), 5);
    /* Seeking before the start fails; past the end is allowed (lseek). */
    assert_int_equal(CALL(g, SYS_SEEK, h, (uint64_t)-1), FAIL64);
    assert_int_equal(guest_errno(g), EINVAL);
    assert_int_equal(CALL(g, SYS_SEEK, h, 100), 0);
    assert_int_equal(CALL(g, SYS_READ, h, DATA, 4), 4);
    CALL(g, SYS_CLOSE, h);
}

static void test_handle_table_full(void **state)
{
    Guest *g = *state;
    uint64_t name = str_at(g, DATA, ":semihosting-features");
    GArray *open = g_array_new(false, false, sizeof(uint64_t));
    for (int i = 0; i < 1000; i++) {
        uint64_t h = CALL(g, SYS_OPEN, name, 0, 21);
        if (h == FAIL64) {
            assert_int_equal(guest_errno(g), EMFILE);
            break;
        }
        g_array_append_val(open, h);
    }
    assert_true(open->len >= 16 && open->len < 1000);
    /* A file cannot be opened either, and no host fd leaks. */
    assert_int_equal(open_file(g, "full", 4), FAIL64);
    assert_int_equal(guest_errno(g), EMFILE);
    for (guint i = 0; i < open->len; i++) {
        assert_int_equal(CALL(g, SYS_CLOSE, g_array_index(open, uint64_t, i)), 0);
    }
    g_array_free(open, true);
    assert_true(open_file(g, "full", 4) != FAIL64);
}

/* Random operations, blocks and memory, for both word sizes: every call
 * returns, nothing is touched outside the fake memory (the callbacks
 * refuse it).  Operations that name host files or run commands are left
 * out: random names could reach real files. */
static void test_random_calls(void **state)
{
    static const uint32_t ops[] = {
        SYS_CLOSE, SYS_WRITEC, SYS_WRITE0, SYS_WRITE, SYS_READ, SYS_READC,
        SYS_ISERROR, SYS_ISTTY, SYS_SEEK, SYS_FLEN, SYS_TMPNAM, SYS_CLOCK,
        SYS_TIME, SYS_ERRNO, SYS_GET_CMDLINE, SYS_HEAPINFO, SYS_EXIT,
        SYS_SYNCCACHE, SYS_EXIT_EXTENDED, SYS_ELAPSED, SYS_TICKFREQ,
        0x00, 0x14, 0x17, 0x32, 0x100, 0xdeadbeef,
    };
    GRand *rand = g_rand_new_with_seed(1234);
    for (unsigned word = 4; word <= 8; word += 4) {
        Guest *g = guest_new(word, "random");
        /* Some handles to hit: the feature file and :tt. */
        CALL(g, SYS_OPEN, str_at(g, DATA, ":semihosting-features"), 0, 21);
        CALL(g, SYS_OPEN, str_at(g, DATA, ":tt"), 4, 3);
        for (int i = 0; i < 20000; i++) {
            if (i % 64 == 0) {
                for (unsigned j = 0; j < MEM_SIZE; j += 4) {
                    uint32_t r = g_rand_int(rand);
                    memcpy(g->mem + j, &r, 4);
                }
            }
            /* Small fields most of the time, so handles and lengths are
             * sometimes valid; addresses inside, at the edges and outside. */
            for (int f = 0; f < 4; f++) {
                uint64_t v;
                switch (g_rand_int_range(rand, 0, 4)) {
                case 0: v = g_rand_int_range(rand, 0, 8); break;
                case 1: v = MEM_BASE + g_rand_int_range(rand, 0, MEM_SIZE + 16) - 8; break;
                case 2: v = g_rand_int_range(rand, 0, 0x20000); break;
                default: v = (uint64_t)g_rand_int(rand) << 32 | g_rand_int(rand); break;
                }
                put_word(g, BLOCK + f * word, v);
            }
            uint64_t param = g_rand_boolean(rand) ? BLOCK
                : MEM_BASE + g_rand_int_range(rand, 0, MEM_SIZE + 64) - 32;
            uint64_t r = semihost_call(g->s, ops[g_rand_int_range(rand, 0,
                                                  G_N_ELEMENTS(ops))], param);
            if (word == 4) {
                assert_true(r <= UINT32_MAX);
            }
        }
        teardown((void **)&g);
    }
    g_rand_free(rand);
}

/* ---- options ---- */

static void test_config(void **state)
{
    SemihostConfig c;
    semihost_config_init(&c);
    assert_false(c.enabled);
    semihost_config_enable(&c);
    assert_true(c.enabled);
    assert_int_equal(c.target, SEMIHOST_TARGET_AUTO);

    /* Bad options: false, one line naming the option, config unchanged. */
    static const char *const bad[] = {
        "enable=maybe", "foo=1", "target=xx", "on", "userspace=2", "noarg",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        char *err = NULL;
        assert_false(semihost_config_parse(&c, bad[i], &err));
        assert_non_null(err);
        assert_null(strchr(err, '\n'));
        assert_non_null(strstr(err, bad[i]));
        g_free(err);
    }
    assert_true(c.enabled);
    assert_int_equal(c.args->len, 0);

    /* A bare boolean key is key=on ("noKEY" key=off), as QemuOpts. */
    char *err = NULL;
    assert_true(semihost_config_parse(&c, "nouserspace,enable", &err));
    assert_true(c.enabled);
    assert_false(c.userspace);
    assert_true(semihost_config_parse(&c, "enable=off,userspace=on,chardev=ch0", &err));
    assert_false(c.enabled);
    assert_true(c.userspace);
    assert_string_equal(c.chardev, "ch0");
    /* Merged: keys not repeated keep their values; args add up once. */
    assert_true(semihost_config_parse(&c, "arg=a,target=gdb", &err));
    assert_false(c.enabled);
    assert_int_equal(c.target, SEMIHOST_TARGET_GDB);
    assert_true(semihost_config_parse(&c, "enable=on,arg=b", &err));
    assert_true(c.enabled);
    assert_int_equal(c.target, SEMIHOST_TARGET_GDB);
    g_autofree char *line = semihost_config_cmdline(&c);
    assert_string_equal(line, "a b");
    /* Args given: the -kernel fallback does nothing. */
    semihost_config_arg_fallback(&c, "kernel.elf", "x y");
    g_autofree char *line2 = semihost_config_cmdline(&c);
    assert_string_equal(line2, "a b");
    semihost_config_destroy(&c);

    /* No args: -kernel's file then -append's words (qemu 7.2 printed
     * "/tmp/semi/probe2 x y" for -append "x  y"). */
    semihost_config_init(&c);
    assert_true(semihost_config_parse(&c, "enable=on", &err));
    semihost_config_arg_fallback(&c, "/tmp/semi/probe2", "x  y");
    g_autofree char *line3 = semihost_config_cmdline(&c);
    assert_string_equal(line3, "/tmp/semi/probe2 x y");
    semihost_config_destroy(&c);
}

static void test_heap_from_gap(void **state)
{
    /* qemu 7.2's -M virt with 128 MiB at 0x40000000 and the picolibc
     * probe's images (flash 0x40000000+0x2a00, data+bss 0x40200000+0xff8)
     * reported heap 0x40200ff8-0x48000000, stack base 0x48000000, limit
     * 0x40200ff8. */
    const SemihostRange images[] = {
        { 0x40200000, 0xff8 }, { 0x40000000, 0x2a00 },
    };
    SemihostHeapInfo h;
    semihost_heap_from_gap(0x40000000, 128 << 20, images, 2, &h);
    assert_int_equal(h.heap_base, 0x40200ff8);
    assert_int_equal(h.heap_limit, 0x48000000);
    assert_int_equal(h.stack_base, 0x48000000);
    assert_int_equal(h.stack_limit, 0x40200ff8);
    /* The largest gap wins even when it is not the last. */
    const SemihostRange late[] = { { 0x40000000, 0x1000 }, { 0x47ff0000, 0x10000 } };
    semihost_heap_from_gap(0x40000000, 128 << 20, late, 2, &h);
    assert_int_equal(h.heap_base, 0x40001000);
    assert_int_equal(h.heap_limit, 0x47ff0000);
    /* Nothing loaded: all of RAM. */
    semihost_heap_from_gap(0x40000000, 0x1000, NULL, 0, &h);
    assert_int_equal(h.heap_base, 0x40000000);
    assert_int_equal(h.heap_limit, 0x40001000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_file_cycle, setup64, teardown),
        cmocka_unit_test_setup_teardown(test_open_modes, setup64, teardown),
        cmocka_unit_test_setup_teardown(test_remove_rename, setup64, teardown),
        cmocka_unit_test_setup_teardown(test_console, setup64, teardown),
        cmocka_unit_test_setup_teardown(test_features, setup64, teardown),
        cmocka_unit_test_teardown(test_cmdline_from_config, teardown),
        cmocka_unit_test_setup_teardown(test_heapinfo_clock, setup64, teardown),
        cmocka_unit_test_setup_teardown(test_system, setup64, teardown),
        cmocka_unit_test_setup_teardown(test_exit, setup64, teardown),
        cmocka_unit_test_setup_teardown(test_a32, setup32, teardown),
        cmocka_unit_test_setup_teardown(test_bad_blocks, setup64, teardown),
        cmocka_unit_test_setup_teardown(test_bad_names, setup64, teardown),
        cmocka_unit_test_setup_teardown(test_bad_handles, setup64, teardown),
        cmocka_unit_test_setup_teardown(test_handle_table_full, setup64, teardown),
        cmocka_unit_test(test_random_calls),
        cmocka_unit_test(test_config),
        cmocka_unit_test(test_heap_from_gap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
