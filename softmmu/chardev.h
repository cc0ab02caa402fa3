/*
 * Character devices: the host side of a guest's serial lines and of the
 * monitor, as qemu's -serial and -chardev options name them.
 *
 * A Chardev is a back end (the terminal, a file, a socket, a pty, nothing,
 * a ring buffer, or a multiplexer over another back end); devices are its
 * front ends.  A front end attaches with its handlers, writes with
 * chardev_write, and is handed input by the main loop's thread, under the
 * device lock (device-lock.h), never more than its can_read said it takes.
 * When a front end that refused input has room again it calls
 * chardev_accept_input and the back end retries.  Front ends call
 * chardev_attach/detach/write/accept_input with the device lock held (a
 * refusal and the room that follows it are then never missed).
 *
 * Output never blocks the caller (a vCPU thread doing MMIO): what the host
 * side cannot take at once is kept, up to CHARDEV_OUTPUT_MAX bytes per back
 * end (a megabyte: more than a kernel's boot log, so a slow reader of a
 * pipe loses nothing in practice), and written from the main loop; beyond
 * that bytes are dropped (a guest flooding a console nobody reads loses
 * characters, as on a line without flow control).  A socket or pty with
 * no peer drops its output, as qemu.  stdio makes fds 0 and 1 non-blocking
 * (and restores them at exit).
 *
 * A multiplexer (qemu's "mux": `-serial mon:stdio`, `-nographic`,
 * `-chardev ...,mux=on`) gives up to CHARDEV_MUX_MAX front ends one back
 * end; input goes to the focused one and the escape key Ctrl-A starts
 * qemu's commands (docs/system/mux-chardev.rst): h or ? help, x quit
 * ("QEMU: Terminated"), c next front end, t timestamps, b break, Ctrl-A
 * a literal Ctrl-A; s (commit disks) is accepted and does nothing yet;
 * any other key after the escape is swallowed, as qemu 7.2 does.
 */
#ifndef SOFTMMU_CHARDEV_H
#define SOFTMMU_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#define CHARDEV_OUTPUT_MAX  (1024 * 1024)
#define CHARDEV_MUX_MAX     4
#define CHARDEV_ESCAPE_CHAR 0x01    /* Ctrl-A, qemu's default -echr */

typedef struct Chardev Chardev;
typedef struct CharFrontend CharFrontend;

/* What happens to a back end, told to its front ends (qemu's
 * CHR_EVENT_*): a peer connected or went away, the user sent a break,
 * a multiplexer gave focus to this front end or took it away. */
typedef enum ChardevEvent {
    CHARDEV_EVENT_OPENED,
    CHARDEV_EVENT_CLOSED,
    CHARDEV_EVENT_BREAK,
    CHARDEV_EVENT_MUX_IN,
    CHARDEV_EVENT_MUX_OUT,
} ChardevEvent;

/* A front end's callbacks, all called with the device lock held.
 * can_read: how many bytes it takes now (0: none; ask again after
 * chardev_accept_input).  read: at most that many.  event: optional. */
typedef struct ChardevHandlers {
    int (*can_read)(void *opaque);
    void (*read)(void *opaque, const uint8_t *buf, int len);
    void (*event)(void *opaque, ChardevEvent event);
} ChardevHandlers;

/* ---- creating back ends ---- */

/* A `-serial` argument: stdio, mon:stdio (mon:X for any X), null, pty,
 * file:PATH, unix:PATH[,server=on,wait=off], tcp:[HOST]:PORT[,...],
 * chardev:ID (an existing one, not created again).  label names
 * the new back end (qemu: "serial0", ...; with mon: the multiplexer, its
 * base being LABEL-base, and the caller attaches the monitor to it after
 * the serial port).  "none" returns NULL without an error: no back end.
 * Errors are one line, without a program prefix (qemu's wording where
 * qemu has one). */
Chardev *chardev_new_from_serial_spec(const char *spec, const char *label, GError **err);
/* A `-chardev` argument: BACKEND,id=ID[,key=value...]; back ends null,
 * stdio, file (path=), socket (path= or host=,port=; server=, wait=), pty,
 * ringbuf (size=); mux=on on any of them. */
Chardev *chardev_new_from_options(const char *options, GError **err);
/* A back end on file descriptors the caller opened (a pipe, a socket);
 * in_fd or out_fd may be -1.  It owns them from now on. */
Chardev *chardev_new_fd(const char *id, int in_fd, int out_fd, GError **err);
/* A multiplexer over base (which it owns from now on). */
Chardev *chardev_new_mux(const char *id, Chardev *base, GError **err);

Chardev *chardev_find(const char *id);
const char *chardev_label(const Chardev *chr);
/* What qemu's `info chardev` shows after "filename=": the back end's type
 * ("stdio", "mux", "file", ...), "pty:/dev/pts/N", or a socket's address
 * with "disconnected:" in front while it has no peer. */
const char *chardev_filename(const Chardev *chr);
/* Every labelled back end, in creation order (`info chardev`). */
void chardev_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque);
/* Closes it and its sockets and files; front ends must be gone.  Not with
 * the device lock held (it waits for the main loop to leave its source). */
void chardev_free(Chardev *chr);
/* Writes what every back end still holds, waiting at most timeout_ms in
 * all (at exit, after the main loop stopped: a QMP client gets quit's
 * reply). */
void chardev_flush_all(int timeout_ms);
/* Frees every back end (at exit, after the main loop stopped). */
void chardev_free_all(void);

/* ---- front ends ---- */

/* Attaches a front end; a multiplexer takes CHARDEV_MUX_MAX, others one.
 * The first front end of a multiplexer has the focus (attach the serial
 * line before the monitor, so `-nographic` starts on the console). */
CharFrontend *chardev_attach(Chardev *chr, const ChardevHandlers *handlers,
                             void *opaque, GError **err);
void chardev_detach(CharFrontend *fe);
/* Sends bytes to the host side; never blocks (see above). */
void chardev_write(Chardev *chr, const uint8_t *buf, size_t len);
/* Output past CHARDEV_OUTPUT_MAX is kept instead of dropped: for a front
 * end that must lose nothing (QMP's replies), which bounds what it writes
 * itself by holding back while chardev_output_pending is high. */
void chardev_set_lossless(Chardev *chr, bool on);
/* Bytes written but not yet taken by the host side (a front end that
 * must not lose output holds back while it is high). */
size_t chardev_output_pending(Chardev *chr);
/* The front end has room again: retry delivering input. */
void chardev_accept_input(Chardev *chr);

/* Input as if it came from the host side (qemu's qemu_chr_be_write), with
 * the device lock held: bytes go through the multiplexer's escape keys and
 * to the front end as far as its can_read allows; returns how many were
 * taken.  For tests and in-process back ends. */
size_t chardev_receive(Chardev *chr, const uint8_t *buf, size_t len);

/* ---- multiplexer ---- */

/* What Ctrl-A x calls, after printing "QEMU: Terminated": on the main
 * loop's thread with the device lock held.  Without one, exit(0). */
void chardev_mux_set_quit_handler(void (*quit)(void *opaque), void *opaque);
/* Which front end (in attach order) has the focus; -1 if none. */
int chardev_mux_focus(const Chardev *chr);
void chardev_mux_set_focus(Chardev *chr, int index);

/* ---- ring buffer ---- */

/* Takes up to len bytes of what was written to a ringbuf back end, oldest
 * first; returns how many. */
size_t chardev_ringbuf_read(Chardev *chr, uint8_t *buf, size_t len);

/* ---- host terminal ---- */

/* Puts the terminal back as stdio found it; async-signal-safe, for a
 * signal handler the machine installs itself.  stdio does it at exit and
 * on fatal signals on its own. */
void chardev_stdio_restore_terminal(void);

#endif
