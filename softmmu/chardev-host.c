/*
 * Back ends on the host's own files (chardev.h): the terminal mimic runs
 * in (stdio), a pseudo-terminal others attach to (pty), and an output
 * file.  The terminal goes to raw mode as qemu puts it, and back as it
 * was at exit and on the signals that end the process.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "softmmu/chardev-internal.h"
#include "softmmu/device-lock.h"
#include "softmmu/main-loop.h"

/* ---- stdio ---- */

static struct termios saved_tty;
static bool saved_tty_valid;
static int saved_fl[2] = { -1, -1 };    /* fd 0 and 1 status flags */
static bool stdio_in_use;
static bool stdio_allow_signal;

void chardev_stdio_restore_terminal(void)
{
    if (saved_tty_valid) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
    }
    for (int fd = 0; fd < 2; fd++) {
        if (saved_fl[fd] >= 0) {
            fcntl(fd, F_SETFL, saved_fl[fd]);
        }
    }
}

static void stdio_at_exit(void)
{
    chardev_stdio_restore_terminal();
}

/* qemu's raw mode: bytes as typed, no echo, output still post-processed
 * (the guest's "\n" shows as a new line); Ctrl-C, Ctrl-Z, Ctrl-\ stay
 * signals unless the console is a multiplexer (then the guest gets them). */
static void stdio_set_raw(void)
{
    if (!saved_tty_valid) {
        return;
    }
    struct termios tty = saved_tty;
    tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    tty.c_oflag |= OPOST;
    tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    tty.c_cflag &= ~(CSIZE | PARENB);
    tty.c_cflag |= CS8;
    tty.c_cc[VMIN] = 1;
    tty.c_cc[VTIME] = 0;
    if (!stdio_allow_signal) {
        tty.c_lflag &= ~ISIG;
    }
    tcsetattr(STDIN_FILENO, TCSANOW, &tty);
}

/* Ends the process the way the signal would, terminal restored first. */
static void stdio_fatal_signal(int sig)
{
    chardev_stdio_restore_terminal();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Back from the background (fg after Ctrl-Z): the shell reset the tty. */
static void stdio_continued(int sig)
{
    stdio_set_raw();
}

static void stdio_install_signals(void)
{
    /* Signals that end the process; the machine may install its own
     * handlers after this (then it calls chardev_stdio_restore_terminal). */
    static const int ending[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT };
    /* Faults: only where nobody (the JIT) handles them already. */
    static const int faults[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE };
    struct sigaction sa = { .sa_handler = stdio_fatal_signal };
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < G_N_ELEMENTS(ending); i++) {
        sigaction(ending[i], &sa, NULL);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(faults); i++) {
        struct sigaction old;
        if (sigaction(faults[i], NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
            old.sa_handler == SIG_DFL) {
            sigaction(faults[i], &sa, NULL);
        }
    }
    struct sigaction cont = { .sa_handler = stdio_continued };
    sigemptyset(&cont.sa_mask);
    sigaction(SIGCONT, &cont, NULL);
}

Chardev *chardev_stdio_new(const char *label, bool allow_signal, GError **err)
{
    static const ChardevKind stdio_kind = { .name = "stdio" };
    if (stdio_in_use) {
        g_set_error(err, CHARDEV_ERROR, 0,
                    "cannot use stdio by multiple character devices");
        return NULL;
    }
    Chardev *chr = chardev_alloc(&stdio_kind, label, err);
    if (!chr) {
        return NULL;
    }
    stdio_in_use = true;
    stdio_allow_signal = allow_signal;
    saved_fl[0] = fcntl(STDIN_FILENO, F_GETFL);
    saved_fl[1] = fcntl(STDOUT_FILENO, F_GETFL);
    saved_tty_valid = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_tty) == 0;
    atexit(stdio_at_exit);
    stdio_install_signals();
    stdio_set_raw();
    chardev_set_nonblocking(STDIN_FILENO);
    chardev_set_nonblocking(STDOUT_FILENO);
    chr->in_fd = STDIN_FILENO;
    chr->out_fd = STDOUT_FILENO;
    chr->opened = true;
    chardev_fd_start(chr);
    return chr;
}

/* ---- pty ---- */

/* qemu's pty: the slave is closed until someone opens it (reads then fail
 * with EIO and poll says HUP), so a timer looks once a second whether a
 * reader came; output meanwhile is dropped. */
typedef struct Pty {
    int master;
    bool connected;
    GSource *timer;
} Pty;

static gboolean pty_poll(gpointer opaque)
{
    Chardev *chr = opaque;
    Pty *pty = chr->state;
    if (pty->connected) {
        return G_SOURCE_CONTINUE;
    }
    struct pollfd pfd = { .fd = pty->master, .events = POLLIN };
    if (poll(&pfd, 1, 0) >= 0 && !(pfd.revents & POLLHUP)) {
        pty->connected = true;
        chardev_fd_set(chr, pty->master, pty->master, true);
        device_lock();
        chr->opened = true;
        chardev_send_event(chr, CHARDEV_EVENT_OPENED);
        device_unlock();
    }
    return G_SOURCE_CONTINUE;
}

static void pty_input_closed(Chardev *chr)
{
    Pty *pty = chr->state;
    pty->connected = false;
    chr->opened = false;
    chardev_fd_set(chr, -1, -1, true);
    chardev_send_event(chr, CHARDEV_EVENT_CLOSED);
}

static void pty_finalize(Chardev *chr)
{
    Pty *pty = chr->state;
    if (pty->timer) {
        g_source_destroy(pty->timer);
        g_source_unref(pty->timer);
    }
    chardev_fd_set(chr, -1, -1, true);
    close(pty->master);
    g_free(pty);
}

Chardev *chardev_pty_new(const char *label, GError **err)
{
    static const ChardevKind pty_kind = {
        .name = "pty", .input_closed = pty_input_closed, .finalize = pty_finalize,
    };
    int master, slave;
    char name[256];
    if (openpty(&master, &slave, name, NULL, NULL) < 0) {
        g_set_error(err, CHARDEV_ERROR, 0, "Failed to create PTY: %s", g_strerror(errno));
        return NULL;
    }
    struct termios tty;
    if (tcgetattr(slave, &tty) == 0) {
        cfmakeraw(&tty);
        tcsetattr(slave, TCSAFLUSH, &tty);
    }
    close(slave);
    Chardev *chr = chardev_alloc(&pty_kind, label, err);
    if (!chr) {
        close(master);
        return NULL;
    }
    chardev_set_nonblocking(master);
    Pty *pty = g_new0(Pty, 1);
    pty->master = master;
    chr->state = pty;
    char *filename = g_strdup_printf("pty:%s", name);
    chardev_set_filename(chr, filename);
    g_free(filename);
    /* qemu 7.2 prints this on stdout, for the user to find the device. */
    printf("char device redirected to %s (label %s)\n", name, label ? label : "");
    fflush(stdout);
    chardev_fd_start(chr);
    pty->timer = g_timeout_source_new(1000);
    g_source_set_callback(pty->timer, pty_poll, chr, NULL);
    g_source_attach(pty->timer, main_loop_context());
    return chr;
}

/* ---- file ---- */

Chardev *chardev_file_new(const char *label, const char *path, GError **err)
{
    static const ChardevKind file_kind = { .name = "file" };
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        g_set_error(err, CHARDEV_ERROR, 0, "Could not open '%s': %s", path,
                    g_strerror(errno));
        return NULL;
    }
    Chardev *chr = chardev_alloc(&file_kind, label, err);
    if (!chr) {
        close(fd);
        return NULL;
    }
    chr->out_fd = fd;
    chr->opened = true;
    chardev_fd_start(chr);
    return chr;
}
