/*
 * Unit tests of the character devices (softmmu/chardev*.c): -serial and
 * -chardev strings good and bad, the file back end, the multiplexer's
 * Ctrl-A keys as qemu documents them (docs/system/mux-chardev.rst.inc),
 * input through a pipe with a front end that refuses and then takes, and
 * a unix-socket server round trip with a client written here.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <pty.h>
#include <signal.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cmocka.h>

#include "softmmu/chardev.h"
#include "softmmu/device-lock.h"
#include "softmmu/main-loop.h"

/* A front end that records what it gets, taking at most `room` bytes. */
typedef struct Recorder {
    GByteArray *got;
    int room;
    ChardevEvent events[16];
    int nevents;
} Recorder;

static int rec_can_read(void *opaque)
{
    return ((Recorder *)opaque)->room;
}

static void rec_read(void *opaque, const uint8_t *buf, int len)
{
    Recorder *r = opaque;
    assert_true(device_lock_held());
    assert_true(len <= r->room);
    g_byte_array_append(r->got, buf, len);
    r->room -= len;
}

static void rec_event(void *opaque, ChardevEvent ev)
{
    Recorder *r = opaque;
    if (r->nevents < (int)G_N_ELEMENTS(r->events)) {
        r->events[r->nevents++] = ev;
    }
}

static const ChardevHandlers rec_handlers = { rec_can_read, rec_read, rec_event };

static Recorder *rec_new(int room)
{
    Recorder *r = g_new0(Recorder, 1);
    r->got = g_byte_array_new();
    r->room = room;
    return r;
}

static void rec_free(Recorder *r)
{
    g_byte_array_free(r->got, true);
    g_free(r);
}

static bool rec_equals(Recorder *r, const char *s)
{
    device_lock();
    bool eq = r->got->len == strlen(s) && !memcmp(r->got->data, s, r->got->len);
    device_unlock();
    return eq;
}

static bool rec_has_event(Recorder *r, ChardevEvent ev)
{
    device_lock();
    bool found = false;
    for (int i = 0; i < r->nevents; i++) {
        found |= r->events[i] == ev;
    }
    device_unlock();
    return found;
}

/* Waits up to 5 s for the main loop to make cond true. */
#define WAIT_FOR(cond) \
    do { \
        for (int tries_ = 0; !(cond) && tries_ < 5000; tries_++) { \
            g_usleep(1000); \
        } \
        assert_true(cond); \
    } while (0)

static char *temp_path(const char *name)
{
    static char *dir;
    if (!dir) {
        dir = g_dir_make_tmp("test-chardev-XXXXXX", NULL);
        assert_non_null(dir);
    }
    return g_build_filename(dir, name, NULL);
}

/* ---- parsing ---- */

static void collect(Chardev *chr, void *opaque)
{
    g_ptr_array_add(opaque, chr);
}

static void test_parse_good(void **state)
{
    GError *err = NULL;
    Chardev *n = chardev_new_from_serial_spec("null", "serial0", &err);
    assert_non_null(n);
    assert_null(err);
    assert_string_equal(chardev_label(n), "serial0");
    assert_ptr_equal(chardev_find("serial0"), n);

    /* chardev:ID names an existing back end, it does not make one. */
    Chardev *r = chardev_new_from_options("ringbuf,id=rb0,size=1K", &err);
    assert_non_null(r);
    assert_ptr_equal(chardev_new_from_serial_spec("chardev:rb0", "serial1", &err), r);

    /* mux=on: a multiplexer named ID over a base named ID-base (qemu). */
    Chardev *m = chardev_new_from_options("null,id=m0,mux=on", &err);
    assert_non_null(m);
    assert_non_null(chardev_find("m0-base"));
    assert_int_equal(chardev_mux_focus(m), -1);
    /* `info chardev`'s filenames: qemu's type names. */
    assert_string_equal(chardev_filename(m), "mux");
    assert_string_equal(chardev_filename(chardev_find("m0-base")), "null");
    assert_string_equal(chardev_filename(r), "ringbuf");
    GPtrArray *seen = g_ptr_array_new();
    chardev_foreach(collect, seen);
    assert_int_equal(seen->len, 4);     /* in creation order */
    assert_ptr_equal(seen->pdata[0], n);
    assert_ptr_equal(seen->pdata[1], r);
    assert_string_equal(chardev_label(seen->pdata[2]), "m0-base");
    assert_ptr_equal(seen->pdata[3], m);
    g_ptr_array_free(seen, true);

    /* "none": no back end and no error. */
    assert_null(chardev_new_from_serial_spec("none", "serial2", &err));
    assert_null(err);

    char *path = temp_path("good.sock");
    char *spec = g_strdup_printf("unix:%s,server=on,wait=off", path);
    Chardev *u = chardev_new_from_serial_spec(spec, "serial3", &err);
    assert_non_null(u);
    char *filename = g_strdup_printf("disconnected:unix:%s,server=on", path);
    assert_string_equal(chardev_filename(u), filename);
    g_free(filename);
    assert_true(g_file_test(path, G_FILE_TEST_EXISTS));
    chardev_free(u);
    assert_false(g_file_test(path, G_FILE_TEST_EXISTS));   /* qemu removes it */

    Chardev *t = chardev_new_from_serial_spec("tcp:127.0.0.1:0,server=on,wait=off",
                                              "serial4", &err);
    assert_non_null(t);
    /* The legacy spellings: bare "server", "nowait". */
    Chardev *t2 = chardev_new_from_options("socket,id=s5,host=127.0.0.1,port=0,server,nowait",
                                           &err);
    assert_non_null(t2);

    chardev_free(t2);
    chardev_free(t);
    chardev_free(m);
    chardev_free(r);
    chardev_free(n);
    assert_null(chardev_find("m0-base"));
    g_free(spec);
    g_free(path);
}

static void expect_error(Chardev *chr, GError **err, const char *part)
{
    assert_null(chr);
    assert_non_null(*err);
    /* One line, saying what is wrong. */
    assert_null(strchr((*err)->message, '\n'));
    if (!strstr((*err)->message, part)) {
        fail_msg("'%s' does not mention '%s'", (*err)->message, part);
    }
    g_clear_error(err);
}

static void test_parse_bad(void **state)
{
    GError *err = NULL;
    expect_error(chardev_new_from_serial_spec("bogus", "s", &err), &err, "bogus");
    expect_error(chardev_new_from_options("bogus,id=x", &err), &err, "bogus");
    expect_error(chardev_new_from_serial_spec("file:", "s", &err), &err, "filename");
    expect_error(chardev_new_from_options("file,id=f", &err), &err, "filename");
    expect_error(chardev_new_from_options("null", &err), &err, "'id'");
    expect_error(chardev_new_from_serial_spec("tcp:localhost:99999", "s", &err), &err,
                 "99999");
    expect_error(chardev_new_from_serial_spec("tcp:localhost:http", "s", &err), &err,
                 "http");
    expect_error(chardev_new_from_serial_spec("tcp:localhost", "s", &err), &err,
                 "localhost");
    expect_error(chardev_new_from_options("socket,id=x,host=localhost", &err), &err,
                 "port");
    expect_error(chardev_new_from_options("socket,id=x", &err), &err, "host");
    expect_error(chardev_new_from_options("socket,id=x,path=/tmp/a,server=maybe", &err),
                 &err, "server");
    expect_error(chardev_new_from_options("null,id=x,colour=red", &err), &err, "colour");
    expect_error(chardev_new_from_options("ringbuf,id=x,size=1000", &err), &err,
                 "power of two");
    expect_error(chardev_new_from_serial_spec("chardev:nothere", "s", &err), &err,
                 "nothere");
    char *missing = temp_path("no/such/dir/file");
    char *spec = g_strdup_printf("file:%s", missing);
    expect_error(chardev_new_from_serial_spec(spec, "s", &err), &err, missing);
    g_free(spec);
    g_free(missing);
    /* A client with nobody listening fails now, it does not hang. */
    char *sock = temp_path("nobody.sock");
    spec = g_strdup_printf("unix:%s", sock);
    expect_error(chardev_new_from_serial_spec(spec, "s", &err), &err, sock);
    g_free(spec);
    g_free(sock);

    Chardev *a = chardev_new_from_options("null,id=dup", &err);
    assert_non_null(a);
    expect_error(chardev_new_from_options("null,id=dup", &err), &err, "Duplicate ID 'dup'");
    expect_error(chardev_new_from_serial_spec("null", "dup", &err), &err, "dup");
    /* Nothing half-made is left behind by a failure. */
    assert_null(chardev_find("x"));
    assert_null(chardev_find("s"));
    chardev_free(a);

    /* A back end that has its front end refuses a second. */
    Chardev *one = chardev_new_from_options("null,id=one", &err);
    Recorder *r = rec_new(0);
    CharFrontend *fe = chardev_attach(one, &rec_handlers, r, &err);
    assert_non_null(fe);
    expect_error((Chardev *)chardev_attach(one, &rec_handlers, r, &err), &err, "busy");
    chardev_detach(fe);
    chardev_free(one);
    rec_free(r);
}

/* ---- file ---- */

static void test_file_output(void **state)
{
    GError *err = NULL;
    char *path = temp_path("out.txt");
    g_file_set_contents(path, "old contents to be truncated", -1, NULL);
    char *spec = g_strdup_printf("file:%s", path);
    Chardev *chr = chardev_new_from_serial_spec(spec, "filetest", &err);
    assert_non_null(chr);
    uint8_t all[256];
    for (int i = 0; i < 256; i++) {
        all[i] = i;             /* every byte value, unchanged */
    }
    chardev_write(chr, (const uint8_t *)"hello\n", 6);
    chardev_write(chr, all, sizeof(all));
    chardev_free(chr);          /* closes (flushes) the file */
    gchar *data;
    gsize len;
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    assert_int_equal(len, 6 + 256);
    assert_memory_equal(data, "hello\n", 6);
    assert_memory_equal(data + 6, all, 256);
    g_free(data);
    g_free(spec);
    g_free(path);
}

/* ---- the multiplexer ---- */

typedef struct MuxFixture {
    Chardev *mux, *base;
    Recorder *serial, *monitor;
    CharFrontend *fe_serial, *fe_monitor;
} MuxFixture;

static int quit_calls;

static void count_quit(void *opaque)
{
    (*(int *)opaque)++;
}

/* A mux over a ring buffer: what the mux prints lands in the ring. */
static MuxFixture *mux_fixture(void)
{
    GError *err = NULL;
    MuxFixture *f = g_new0(MuxFixture, 1);
    f->mux = chardev_new_from_options("ringbuf,id=mux,mux=on", &err);
    assert_non_null(f->mux);
    f->base = chardev_find("mux-base");
    f->serial = rec_new(1000);
    f->monitor = rec_new(1000);
    device_lock();
    f->fe_serial = chardev_attach(f->mux, &rec_handlers, f->serial, &err);
    f->fe_monitor = chardev_attach(f->mux, &rec_handlers, f->monitor, &err);
    device_unlock();
    assert_non_null(f->fe_monitor);
    chardev_mux_set_quit_handler(count_quit, &quit_calls);
    return f;
}

static void mux_fixture_free(MuxFixture *f)
{
    chardev_detach(f->fe_serial);
    chardev_detach(f->fe_monitor);
    chardev_free(f->mux);
    rec_free(f->serial);
    rec_free(f->monitor);
    g_free(f);
}

static void type(Chardev *chr, const char *s)
{
    device_lock();
    chardev_receive(chr, (const uint8_t *)s, strlen(s));
    device_unlock();
}

static char *printed(Chardev *ring)
{
    uint8_t buf[4096];
    size_t n = chardev_ringbuf_read(ring, buf, sizeof(buf) - 1);
    buf[n] = 0;
    return g_strdup((char *)buf);
}

static void test_mux_keys(void **state)
{
    MuxFixture *f = mux_fixture();
    /* The first front end (the serial line) starts with the focus. */
    assert_int_equal(chardev_mux_focus(f->mux), 0);
    assert_true(rec_has_event(f->serial, CHARDEV_EVENT_MUX_IN));

    type(f->mux, "ab");
    assert_true(rec_equals(f->serial, "ab"));

    /* C-a c: the next front end. */
    type(f->mux, "\001cxy");
    assert_int_equal(chardev_mux_focus(f->mux), 1);
    assert_true(rec_has_event(f->serial, CHARDEV_EVENT_MUX_OUT));
    assert_true(rec_has_event(f->monitor, CHARDEV_EVENT_MUX_IN));
    assert_true(rec_equals(f->monitor, "xy"));
    assert_true(rec_equals(f->serial, "ab"));
    type(f->mux, "\001c");      /* ... and round to the first again */
    assert_int_equal(chardev_mux_focus(f->mux), 0);

    /* C-a C-a: one C-a to the front end; an escape split across two reads
     * still counts. */
    type(f->mux, "\001\001");
    type(f->mux, "\001");
    type(f->mux, "\001");
    assert_true(rec_equals(f->serial, "ab\001\001"));
    /* Other keys after C-a are swallowed (qemu), 'a' among them. */
    type(f->mux, "\001a\001z");
    assert_true(rec_equals(f->serial, "ab\001\001"));

    /* C-a h: qemu's help, escape key spelled C-a. */
    free(printed(f->base));
    type(f->mux, "\001h");
    char *help = printed(f->base);
    assert_true(g_str_has_prefix(help, "\n\rC-a h    print this help\n\r"));
    assert_non_null(strstr(help, "C-a x    exit emulator\n\r"));
    assert_non_null(strstr(help, "C-a c    switch between console and monitor\n\r"));
    assert_true(g_str_has_suffix(help, "C-a C-a  sends C-a\n\r"));
    g_free(help);
    assert_true(rec_equals(f->serial, "ab\001\001"));

    /* C-a x: "QEMU: Terminated", then the machine's quit hook. */
    quit_calls = 0;
    type(f->mux, "\001x");
    char *bye = printed(f->base);
    assert_string_equal(bye, "QEMU: Terminated\n\r");
    g_free(bye);
    assert_int_equal(quit_calls, 1);

    /* C-a b: a break to the focused front end only. */
    type(f->mux, "\001b");
    assert_true(rec_has_event(f->serial, CHARDEV_EVENT_BREAK));
    assert_false(rec_has_event(f->monitor, CHARDEV_EVENT_BREAK));

    /* C-a t: time stamps at line starts of the output. */
    type(f->mux, "\001t");
    chardev_write(f->mux, (const uint8_t *)"one\ntwo", 7);
    char *out = printed(f->base);
    assert_true(g_regex_match_simple("^one\n\\[00:00:\\d\\d\\.\\d\\d\\d\\] two$", out, 0, 0));
    g_free(out);
    type(f->mux, "\001t");
    chardev_write(f->mux, (const uint8_t *)"\nthree", 6);
    out = printed(f->base);
    assert_string_equal(out, "\nthree");
    g_free(out);

    mux_fixture_free(f);
}

/* Bytes the focused front end cannot take wait in the mux and come with
 * chardev_accept_input, in order; the escape keys work meanwhile. */
static void test_mux_flow_control(void **state)
{
    MuxFixture *f = mux_fixture();
    f->serial->room = 0;
    type(f->mux, "12\001c");
    assert_int_equal(chardev_mux_focus(f->mux), 1);
    type(f->mux, "m\001c");
    assert_true(rec_equals(f->monitor, "m"));
    assert_true(rec_equals(f->serial, ""));
    device_lock();
    f->serial->room = 1;
    chardev_accept_input(f->mux);
    assert_int_equal(f->serial->got->len, 1);
    f->serial->room = 10;
    chardev_accept_input(f->mux);
    device_unlock();
    assert_true(rec_equals(f->serial, "12"));
    mux_fixture_free(f);
}

/* ---- descriptors through the main loop ---- */

static void test_pipe_input(void **state)
{
    GError *err = NULL;
    int in[2], out[2];
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    Chardev *base = chardev_new_fd("pipe-base", in[0], out[1], &err);
    Chardev *mux = chardev_new_mux("pipe", base, &err);
    assert_non_null(mux);
    Recorder *serial = rec_new(0), *monitor = rec_new(100);
    device_lock();
    CharFrontend *fs = chardev_attach(mux, &rec_handlers, serial, &err);
    CharFrontend *fm = chardev_attach(mux, &rec_handlers, monitor, &err);
    device_unlock();

    /* The serial line takes nothing yet: the bytes wait, then come when
     * it says it has room. */
    assert_int_equal(write(in[1], "hello", 5), 5);
    g_usleep(50 * 1000);
    assert_true(rec_equals(serial, ""));
    device_lock();
    serial->room = 100;
    chardev_accept_input(mux);
    device_unlock();
    WAIT_FOR(rec_equals(serial, "hello"));

    assert_int_equal(write(in[1], "\001cmon", 5), 5);
    WAIT_FOR(rec_equals(monitor, "mon"));

    /* Output reaches the pipe. */
    chardev_write(mux, (const uint8_t *)"out", 3);
    char buf[512];
    assert_int_equal(read(out[0], buf, 3), 3);
    assert_memory_equal(buf, "out", 3);

    /* Output nobody reads is kept up to a bound, then dropped: the writer
     * never blocks. */
    static uint8_t big[64 * 1024];
    int pipe_size = fcntl(out[1], F_GETPIPE_SZ);
    fcntl(out[0], F_SETFL, O_NONBLOCK);
    for (int i = 0; i < CHARDEV_OUTPUT_MAX / (int)sizeof(big) + 4; i++) {
        chardev_write(mux, big, sizeof(big));
    }
    /* What the pipe held plus the bound arrives; the rest was dropped. */
    size_t total = 0;
    for (int idle = 0; idle < 300; ) {
        ssize_t r = read(out[0], big, sizeof(big));
        if (r > 0) {
            total += r;
            idle = 0;
        } else {
            g_usleep(1000);
            idle++;
        }
    }
    assert_true(total >= CHARDEV_OUTPUT_MAX);
    assert_true(total <= CHARDEV_OUTPUT_MAX + (size_t)pipe_size);

    chardev_detach(fs);
    chardev_detach(fm);
    chardev_free(mux);
    fcntl(out[0], F_SETFL, 0);
    close(in[1]);
    close(out[0]);
    rec_free(serial);
    rec_free(monitor);
}

static int unix_client(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    g_strlcpy(sun.sun_path, path, sizeof(sun.sun_path));
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    assert_int_equal(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), 0);
    return fd;
}

static void read_exactly(int fd, char *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t r = read(fd, buf + done, len - done);
        assert_true(r > 0);
        done += r;
    }
}

static void test_unix_server(void **state)
{
    GError *err = NULL;
    char *path = temp_path("server.sock");
    char *spec = g_strdup_printf("unix:%s,server=on,wait=off", path);
    Chardev *chr = chardev_new_from_serial_spec(spec, "sock", &err);
    assert_non_null(chr);
    Recorder *r = rec_new(1000);
    device_lock();
    CharFrontend *fe = chardev_attach(chr, &rec_handlers, r, &err);
    device_unlock();

    /* No peer yet: output is dropped, nothing breaks. */
    chardev_write(chr, (const uint8_t *)"lost", 4);

    for (int round = 0; round < 2; round++) {
        int fd = unix_client(path);
        WAIT_FOR(rec_has_event(r, CHARDEV_EVENT_OPENED));
        assert_false(g_str_has_prefix(chardev_filename(chr), "disconnected:"));
        assert_int_equal(write(fd, "ping", 4), 4);
        WAIT_FOR(rec_equals(r, "ping"));
        chardev_write(chr, (const uint8_t *)"pong", 4);
        char buf[4];
        read_exactly(fd, buf, 4);
        assert_memory_equal(buf, "pong", 4);
        /* The peer leaves; the server survives and takes the next one. */
        close(fd);
        WAIT_FOR(rec_has_event(r, CHARDEV_EVENT_CLOSED));
        chardev_write(chr, (const uint8_t *)"lost", 4);
        device_lock();
        g_byte_array_set_size(r->got, 0);
        r->room = 1000;
        r->nevents = 0;
        device_unlock();
    }

    chardev_detach(fe);
    chardev_free(chr);
    rec_free(r);
    g_free(spec);
    g_free(path);
}

/* A client back end connecting to a server of the test's. */
static void test_unix_client(void **state)
{
    GError *err = NULL;
    char *path = temp_path("client.sock");
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    g_strlcpy(sun.sun_path, path, sizeof(sun.sun_path));
    int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_int_equal(bind(lfd, (struct sockaddr *)&sun, sizeof(sun)), 0);
    assert_int_equal(listen(lfd, 1), 0);
    char *opts = g_strdup_printf("socket,id=cli,path=%s", path);
    Chardev *chr = chardev_new_from_options(opts, &err);
    assert_non_null(chr);
    int fd = accept(lfd, NULL, NULL);
    assert_true(fd >= 0);
    Recorder *r = rec_new(1000);
    device_lock();
    CharFrontend *fe = chardev_attach(chr, &rec_handlers, r, &err);
    device_unlock();
    assert_true(rec_has_event(r, CHARDEV_EVENT_OPENED));
    chardev_write(chr, (const uint8_t *)"hi", 2);
    char buf[2];
    read_exactly(fd, buf, 2);
    assert_memory_equal(buf, "hi", 2);
    assert_int_equal(write(fd, "yo", 2), 2);
    WAIT_FOR(rec_equals(r, "yo"));
    close(fd);
    WAIT_FOR(rec_has_event(r, CHARDEV_EVENT_CLOSED));
    chardev_write(chr, (const uint8_t *)"x", 1);  /* no peer: dropped */
    chardev_detach(fe);
    chardev_free(chr);
    close(lfd);
    unlink(path);
    rec_free(r);
    g_free(opts);
    g_free(path);
}

/* ---- the host terminal ---- */

enum { ECHO_ON = 1, ISIG_WRONG = 2, BLOCKING = 4, SECOND_STDIO = 8, NO_CHARDEV = 16 };

/* In a child whose stdin and stdout are a pty's slave: the raw mode qemu
 * sets, described in the exit code bits above. */
static int stdio_child_checks(const char *spec, bool expect_isig, Chardev **chr)
{
    GError *err = NULL;
    *chr = chardev_new_from_serial_spec(spec, "serial0", &err);
    if (!*chr) {
        return NO_CHARDEV;
    }
    int code = 0;
    struct termios t;
    tcgetattr(STDIN_FILENO, &t);
    code |= t.c_lflag & (ECHO | ICANON) ? ECHO_ON : 0;
    code |= !!(t.c_lflag & ISIG) != expect_isig ? ISIG_WRONG : 0;
    code |= fcntl(STDIN_FILENO, F_GETFL) & O_NONBLOCK ? 0 : BLOCKING;
    code |= chardev_new_from_options("stdio,id=again", &err) ? SECOND_STDIO : 0;
    chardev_write(*chr, (const uint8_t *)"ok", 2);
    return code;
}

/* Runs the child; returns its wait status, the pty's master in *master and
 * its slave (cooked, blocking) in *slave. */
static int run_stdio_child(const char *spec, bool expect_isig, int end_signal,
                           int *master, int *slave)
{
    assert_int_equal(openpty(master, slave, NULL, NULL, NULL), 0);
    struct termios t;
    tcgetattr(*slave, &t);
    assert_true(t.c_lflag & ECHO && t.c_lflag & ICANON && t.c_lflag & ISIG);
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* A plain program's faults, not cmocka's handlers. */
        signal(SIGSEGV, SIG_DFL);
        dup2(*slave, STDIN_FILENO);
        dup2(*slave, STDOUT_FILENO);
        Chardev *chr;
        int code = stdio_child_checks(spec, expect_isig, &chr);
        if (end_signal) {
            raise(end_signal);
        }
        exit(code);             /* atexit puts the terminal back */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return status;
}

static void expect_restored(int master, int slave)
{
    struct termios t;
    tcgetattr(slave, &t);
    assert_true(t.c_lflag & ECHO);
    assert_true(t.c_lflag & ICANON);
    assert_true(t.c_lflag & ISIG);
    assert_false(fcntl(slave, F_GETFL) & O_NONBLOCK);
    char buf[2];
    assert_int_equal(read(master, buf, 2), 2);
    assert_memory_equal(buf, "ok", 2);
    close(master);
    close(slave);
}

/* -serial stdio: raw, but Ctrl-C still ends mimic (ISIG kept). */
static void test_stdio_terminal(void **state)
{
    int master, slave;
    int status = run_stdio_child("stdio", true, 0, &master, &slave);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    expect_restored(master, slave);
}

/* mon:stdio (-nographic): Ctrl-C goes to the guest (ISIG off). */
static void test_stdio_mux_terminal(void **state)
{
    int master, slave;
    int status = run_stdio_child("mon:stdio", false, 0, &master, &slave);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    expect_restored(master, slave);
}

/* Killed by a signal: the terminal comes back all the same, and the
 * process still dies of that signal. */
static void test_stdio_fatal_signal(void **state)
{
    static const int sigs[] = { SIGTERM, SIGSEGV, SIGABRT };
    for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++) {
        int master, slave;
        int status = run_stdio_child("mon:stdio", false, sigs[i], &master, &slave);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), sigs[i]);
        expect_restored(master, slave);
    }
}

/* -nographic end to end: typed keys reach the mux through the terminal,
 * and Ctrl-A x with no quit handler ends the process as qemu does,
 * terminal restored. */
static void test_stdio_ctrl_a_x(void **state)
{
    int master, slave;
    assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
    fflush(stdout);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(slave, STDIN_FILENO);
        dup2(slave, STDOUT_FILENO);
        GError *err = NULL;
        Chardev *chr = chardev_new_from_serial_spec("mon:stdio", "serial0", &err);
        Recorder *r = rec_new(100);
        if (!chr || !chardev_attach(chr, &rec_handlers, r, &err)) {
            exit(2);
        }
        main_loop_start();
        chardev_write(chr, (const uint8_t *)"R", 1);    /* raw now */
        g_usleep(5 * G_USEC_PER_SEC);
        exit(3);                /* Ctrl-A x did not end it */
    }
    char ready;
    assert_int_equal(read(master, &ready, 1), 1);
    assert_int_equal(ready, 'R');
    assert_int_equal(write(master, "hi\001x", 4), 4);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    char buf[256] = { 0 };
    fcntl(master, F_SETFL, O_NONBLOCK);
    assert_true(read(master, buf, sizeof(buf) - 1) > 0);
    /* "\n\r" through the terminal's output processing (ONLCR). */
    assert_string_equal(buf, "QEMU: Terminated\r\n\r");
    struct termios t;
    tcgetattr(slave, &t);
    assert_true(t.c_lflag & ECHO && t.c_lflag & ICANON && t.c_lflag & ISIG);
    close(master);
    close(slave);
}

/* -serial pty: qemu's message names the slave; a reader that opens it
 * connects, talks both ways, and leaves. */
static void test_pty(void **state)
{
    GError *err = NULL;
    int p[2];
    assert_int_equal(pipe(p), 0);
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    dup2(p[1], STDOUT_FILENO);
    Chardev *chr = chardev_new_from_serial_spec("pty", "serialp", &err);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    close(p[1]);
    assert_non_null(chr);
    char line[256] = { 0 };
    assert_true(read(p[0], line, sizeof(line) - 1) > 0);
    close(p[0]);
    GMatchInfo *m;
    GRegex *re = g_regex_new("^char device redirected to (/dev/pts/[0-9]+) "
                             "\\(label serialp\\)\n$", 0, 0, NULL);
    if (!g_regex_match(re, line, 0, &m)) {
        fail_msg("unexpected message '%s'", line);
    }
    char *name = g_match_info_fetch(m, 1);
    char *filename = g_strdup_printf("pty:%s", name);
    assert_string_equal(chardev_filename(chr), filename);
    g_free(filename);
    g_match_info_free(m);
    g_regex_unref(re);

    Recorder *r = rec_new(100);
    device_lock();
    CharFrontend *fe = chardev_attach(chr, &rec_handlers, r, &err);
    device_unlock();
    chardev_write(chr, (const uint8_t *)"nobody", 6);   /* dropped */
    int fd = open(name, O_RDWR | O_NOCTTY);
    assert_true(fd >= 0);
    WAIT_FOR(rec_has_event(r, CHARDEV_EVENT_OPENED));
    assert_int_equal(write(fd, "abc", 3), 3);
    WAIT_FOR(rec_equals(r, "abc"));
    chardev_write(chr, (const uint8_t *)"xyz", 3);
    char buf[3];
    read_exactly(fd, buf, 3);
    assert_memory_equal(buf, "xyz", 3);
    close(fd);
    WAIT_FOR(rec_has_event(r, CHARDEV_EVENT_CLOSED));
    chardev_detach(fe);
    chardev_free(chr);
    rec_free(r);
    g_free(name);
}

/* tcp: a client back end to a server of the test's on a free port. */
static void test_tcp_client(void **state)
{
    GError *err = NULL;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    assert_int_equal(bind(lfd, (struct sockaddr *)&sin, sizeof(sin)), 0);
    assert_int_equal(listen(lfd, 1), 0);
    socklen_t len = sizeof(sin);
    getsockname(lfd, (struct sockaddr *)&sin, &len);
    char *spec = g_strdup_printf("tcp:127.0.0.1:%d", ntohs(sin.sin_port));
    Chardev *chr = chardev_new_from_serial_spec(spec, "tcpcli", &err);
    assert_non_null(chr);
    int fd = accept(lfd, NULL, NULL);
    assert_true(fd >= 0);
    Recorder *r = rec_new(1000);
    device_lock();
    CharFrontend *fe = chardev_attach(chr, &rec_handlers, r, &err);
    device_unlock();
    chardev_write(chr, (const uint8_t *)"tcp", 3);
    char buf[3];
    read_exactly(fd, buf, 3);
    assert_memory_equal(buf, "tcp", 3);
    assert_int_equal(write(fd, "back", 4), 4);
    WAIT_FOR(rec_equals(r, "back"));
    close(fd);
    WAIT_FOR(rec_has_event(r, CHARDEV_EVENT_CLOSED));
    chardev_detach(fe);
    chardev_free(chr);
    close(lfd);
    rec_free(r);
    g_free(spec);
}

/* At exit: everything goes, multiplexers with their bases. */
static void test_free_all(void **state)
{
    GError *err = NULL;
    assert_non_null(chardev_new_from_options("null,id=fa,mux=on", &err));
    assert_non_null(chardev_new_from_options("ringbuf,id=fb", &err));
    char *path = temp_path("free-all.sock");
    char *opts = g_strdup_printf("socket,id=fc,path=%s,server=on,wait=off", path);
    assert_non_null(chardev_new_from_options(opts, &err));
    chardev_free_all();
    assert_null(chardev_find("fa"));
    assert_null(chardev_find("fa-base"));
    assert_null(chardev_find("fb"));
    assert_null(chardev_find("fc"));
    g_free(opts);
    g_free(path);
}

int main(void)
{
    /* Forks before any thread exists. */
    const struct CMUnitTest before_threads[] = {
        cmocka_unit_test(test_stdio_terminal),
        cmocka_unit_test(test_stdio_mux_terminal),
        cmocka_unit_test(test_stdio_fatal_signal),
        cmocka_unit_test(test_stdio_ctrl_a_x),
    };
    int failed = cmocka_run_group_tests(before_threads, NULL, NULL);
    main_loop_start();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pty),
        cmocka_unit_test(test_parse_good),
        cmocka_unit_test(test_parse_bad),
        cmocka_unit_test(test_file_output),
        cmocka_unit_test(test_mux_keys),
        cmocka_unit_test(test_mux_flow_control),
        cmocka_unit_test(test_pipe_input),
        cmocka_unit_test(test_unix_server),
        cmocka_unit_test(test_unix_client),
        cmocka_unit_test(test_tcp_client),
        cmocka_unit_test(test_free_all),
    };
    failed += cmocka_run_group_tests(tests, NULL, NULL);
    main_loop_stop();
    chardev_free_all();
    return failed;
}
