/*
 * What the character-device files share (chardev.h is the interface):
 * the Chardev itself, the table each kind of back end fills, and the
 * file-descriptor I/O that the terminal, pty, file, pipe and socket back
 * ends all use.  Not for devices.
 */
#ifndef SOFTMMU_CHARDEV_INTERNAL_H
#define SOFTMMU_CHARDEV_INTERNAL_H

#include "softmmu/chardev.h"

/* A kind of back end.  Every hook is optional; without write, output goes
 * to out_fd; without can_receive/receive, input goes to the front end. */
typedef struct ChardevKind {
    const char *name;
    int max_frontends;
    void (*write)(Chardev *chr, const uint8_t *buf, size_t len);
    int (*can_receive)(Chardev *chr);
    size_t (*receive)(Chardev *chr, const uint8_t *buf, size_t len);
    void (*accept_input)(Chardev *chr);
    /* A new front end (index) attached: a multiplexer focuses its first. */
    void (*attached)(Chardev *chr, int index);
    /* in_fd reached its end or failed (main loop thread, device lock held). */
    void (*input_closed)(Chardev *chr);
    void (*finalize)(Chardev *chr);
} ChardevKind;

struct CharFrontend {
    Chardev *chr;
    ChardevHandlers handlers;
    void *opaque;
};

struct Chardev {
    char *label;
    char *filename;                 /* qemu's, for `info chardev` */
    const ChardevKind *kind;
    void *state;                    /* the kind's own */
    bool opened;                    /* front ends attaching now get OPENED */

    CharFrontend *fe[CHARDEV_MUX_MAX];
    int nfe;
    int focus;                      /* the front end input goes to */

    /* Host file descriptors, -1 for none; only the main loop's thread
     * changes them once the source is attached. */
    int in_fd, out_fd;
    bool out_is_socket;             /* send() without SIGPIPE */
    bool in_eof;                    /* stop polling in_fd */
    gint input_paused;              /* atomic: the front end took nothing */
    GSource *source;
    gpointer in_tag, out_tag;

    GMutex out_lock;                /* out_buf and out_fd writes */
    GByteArray *out_buf;            /* what the host could not take yet */
    bool lossless;                  /* out_buf has no cap (chardev_set_lossless) */
};

/* A back end of kind with label; registered under it unless label is
 * NULL (a multiplexer's base).  Fails on a duplicate label. */
Chardev *chardev_alloc(const ChardevKind *kind, const char *label, GError **err);
void chardev_set_filename(Chardev *chr, const char *filename);
/* Starts polling in_fd/out_fd on the main loop. */
void chardev_fd_start(Chardev *chr);
/* Replaces the descriptors (closing the old ones unless keep_old); main
 * loop thread or before chardev_fd_start. */
void chardev_fd_set(Chardev *chr, int in_fd, int out_fd, bool keep_old);
/* To every front end (BREAK: the focused one), device lock held. */
void chardev_send_event(Chardev *chr, ChardevEvent event);
/* The focused front end's can_read (0 without one). */
int chardev_frontend_can_read(Chardev *chr);
/* Writes to out_fd or buffers (see chardev.h); the default write. */
void chardev_fd_write(Chardev *chr, const uint8_t *buf, size_t len);
/* Makes fd non-blocking; false with errno on failure. */
bool chardev_set_nonblocking(int fd);

/* The back ends' constructors (chardev-host.c, chardev-socket.c). */
Chardev *chardev_stdio_new(const char *label, bool allow_signal, GError **err);
Chardev *chardev_pty_new(const char *label, GError **err);
Chardev *chardev_file_new(const char *label, const char *path, GError **err);
Chardev *chardev_null_new(const char *label, GError **err);
Chardev *chardev_ringbuf_new(const char *label, size_t size, GError **err);

typedef struct ChardevSocketOptions {
    const char *path;               /* unix ... */
    const char *host, *port;        /* ... or tcp (host may be empty) */
    bool server, wait;
} ChardevSocketOptions;
Chardev *chardev_socket_new(const char *label, const ChardevSocketOptions *o, GError **err);

#define CHARDEV_ERROR chardev_error_quark()
GQuark chardev_error_quark(void);

#endif
