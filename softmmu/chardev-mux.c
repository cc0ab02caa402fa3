/*
 * The multiplexer (chardev.h): several front ends (the serial console and
 * the monitor) on one back end, as qemu's "mux" chardev.  Its own front
 * end on the base receives the host's bytes, acts on the escape keys and
 * passes the rest to the focused front end, keeping a few bytes for each
 * when it is full (the escape keys must be seen even then).  Output from
 * any front end goes to the base, with a time stamp at each line's start
 * while Ctrl-A t has them on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "softmmu/chardev-internal.h"

#define MUX_BUFFER_SIZE 32          /* qemu's, per front end */

typedef struct Mux {
    Chardev *base;
    CharFrontend *base_fe;
    bool got_escape;
    bool timestamps, line_start;
    gint64 timestamps_start;        /* us; -1: at the next stamp */
    /* Bytes for front end i that it could not take yet. */
    uint8_t buf[CHARDEV_MUX_MAX][MUX_BUFFER_SIZE];
    unsigned prod[CHARDEV_MUX_MAX], cons[CHARDEV_MUX_MAX];
} Mux;

static const ChardevKind mux_kind;

static void (*quit_handler)(void *opaque);
static void *quit_opaque;

void chardev_mux_set_quit_handler(void (*quit)(void *opaque), void *opaque)
{
    quit_handler = quit;
    quit_opaque = opaque;
}

static Mux *mux_of(const Chardev *chr)
{
    return chr && chr->kind == &mux_kind ? chr->state : NULL;
}

static void mux_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    Mux *m = chr->state;
    if (!m->timestamps) {
        chardev_write(m->base, buf, len);
        return;
    }
    for (size_t i = 0; i < len; i++) {
        if (m->line_start) {
            gint64 now = g_get_monotonic_time() / 1000;
            if (m->timestamps_start < 0) {
                m->timestamps_start = now;
            }
            gint64 ms = now - m->timestamps_start;
            int secs = ms / 1000;
            char stamp[64];
            int n = snprintf(stamp, sizeof(stamp), "[%02d:%02d:%02d.%03d] ", secs / 3600,
                             secs / 60 % 60, secs % 60, (int)(ms % 1000));
            chardev_write(m->base, (const uint8_t *)stamp, n);
            m->line_start = false;
        }
        chardev_write(m->base, &buf[i], 1);
        if (buf[i] == '\n') {
            m->line_start = true;
        }
    }
}

static void mux_write_string(Chardev *chr, const char *s)
{
    mux_write(chr, (const uint8_t *)s, strlen(s));
}

/* qemu's help text, the escape key written as it is typed. */
static void mux_print_help(Chardev *chr)
{
    static const char *const lines[] = {
        "% h    print this help\n\r",
        "% x    exit emulator\n\r",
        "% s    save disk data back to file (if -snapshot)\n\r",
        "% t    toggle console timestamps\n\r",
        "% b    send break (magic sysrq)\n\r",
        "% c    switch between console and monitor\n\r",
        "% %  sends %\n\r",
    };
    char key[16];
    snprintf(key, sizeof(key), "C-%c", CHARDEV_ESCAPE_CHAR - 1 + 'a');
    mux_write_string(chr, "\n\r");
    for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
        for (const char *p = lines[i]; *p; p++) {
            if (*p == '%') {
                mux_write_string(chr, key);
            } else {
                mux_write(chr, (const uint8_t *)p, 1);
            }
        }
    }
}

int chardev_mux_focus(const Chardev *chr)
{
    return mux_of(chr) && chr->nfe ? chr->focus : -1;
}

static void tell(CharFrontend *fe, ChardevEvent event)
{
    if (fe->handlers.event) {
        fe->handlers.event(fe->opaque, event);
    }
}

void chardev_mux_set_focus(Chardev *chr, int index)
{
    if (!mux_of(chr) || index < 0 || index >= chr->nfe) {
        return;
    }
    if (chr->focus < chr->nfe) {
        tell(chr->fe[chr->focus], CHARDEV_EVENT_MUX_OUT);
    }
    chr->focus = index;
    tell(chr->fe[index], CHARDEV_EVENT_MUX_IN);
}

static void mux_quit(Chardev *chr)
{
    mux_write_string(chr, "QEMU: Terminated\n\r");
    if (quit_handler) {
        quit_handler(quit_opaque);
    } else {
        exit(0);
    }
}

/* After an escape key: what the next one does (qemu's table; other keys
 * are swallowed). */
typedef struct MuxCommand {
    char key;
    void (*run)(Chardev *chr);
} MuxCommand;

static void mux_toggle_timestamps(Chardev *chr)
{
    Mux *m = chr->state;
    m->timestamps = !m->timestamps;
    m->timestamps_start = -1;
    m->line_start = false;
}

static void mux_break(Chardev *chr)
{
    chardev_send_event(chr, CHARDEV_EVENT_BREAK);
}

static void mux_next_focus(Chardev *chr)
{
    if (chr->nfe) {
        chardev_mux_set_focus(chr, (chr->focus + 1) % chr->nfe);
    }
}

static void mux_commit_disks(Chardev *chr)
{
    /* No block layer yet: nothing to commit. */
}

static const MuxCommand mux_commands[] = {
    { 'h', mux_print_help },
    { '?', mux_print_help },
    { 'x', mux_quit },
    { 's', mux_commit_disks },
    { 'b', mux_break },
    { 'c', mux_next_focus },
    { 't', mux_toggle_timestamps },
};

/* True if ch goes to the front end, false if the escape logic took it. */
static bool mux_filter(Chardev *chr, uint8_t ch)
{
    Mux *m = chr->state;
    if (m->got_escape) {
        m->got_escape = false;
        if (ch == CHARDEV_ESCAPE_CHAR) {
            return true;
        }
        for (size_t i = 0; i < G_N_ELEMENTS(mux_commands); i++) {
            if (mux_commands[i].key == ch) {
                mux_commands[i].run(chr);
                break;
            }
        }
        return false;
    }
    if (ch == CHARDEV_ESCAPE_CHAR) {
        m->got_escape = true;
        return false;
    }
    return true;
}

/* Hands the focused front end what it kept for it, as far as it takes. */
static void mux_drain(Chardev *chr)
{
    Mux *m = chr->state;
    int f = chr->focus;
    if (f >= chr->nfe) {
        return;
    }
    CharFrontend *fe = chr->fe[f];
    while (m->cons[f] != m->prod[f] && chardev_frontend_can_read(chr) > 0) {
        fe->handlers.read(fe->opaque, &m->buf[f][m->cons[f]++ % MUX_BUFFER_SIZE], 1);
    }
}

static int mux_can_receive(Chardev *chr)
{
    Mux *m = chr->state;
    int f = chr->focus;
    if (f < chr->nfe && m->prod[f] - m->cons[f] < MUX_BUFFER_SIZE) {
        return 1;
    }
    return chardev_frontend_can_read(chr);
}

static size_t mux_receive(Chardev *chr, const uint8_t *buf, size_t len)
{
    Mux *m = chr->state;
    mux_drain(chr);
    for (size_t i = 0; i < len; i++) {
        if (!mux_filter(chr, buf[i]) || chr->focus >= chr->nfe) {
            continue;
        }
        int f = chr->focus;
        CharFrontend *fe = chr->fe[f];
        if (m->prod[f] == m->cons[f] && chardev_frontend_can_read(chr) > 0) {
            fe->handlers.read(fe->opaque, &buf[i], 1);
        } else if (m->prod[f] - m->cons[f] < MUX_BUFFER_SIZE) {
            m->buf[f][m->prod[f]++ % MUX_BUFFER_SIZE] = buf[i];
        }
        /* else dropped: can_receive promised no more than fits */
    }
    return len;
}

static void mux_accept_input(Chardev *chr)
{
    Mux *m = chr->state;
    mux_drain(chr);
    chardev_accept_input(m->base);
}

static void mux_attached(Chardev *chr, int index)
{
    if (index == 0) {
        chardev_mux_set_focus(chr, 0);
    }
}

/* The mux as the base's front end. */
static int base_can_read(void *opaque)
{
    return mux_can_receive(opaque);
}

static void base_read(void *opaque, const uint8_t *buf, int len)
{
    mux_receive(opaque, buf, len);
}

static void base_event(void *opaque, ChardevEvent event)
{
    Chardev *chr = opaque;
    chr->opened = event == CHARDEV_EVENT_OPENED ? true
                : event == CHARDEV_EVENT_CLOSED ? false : chr->opened;
    chardev_send_event(chr, event);
}

static const ChardevHandlers base_handlers = { base_can_read, base_read, base_event };

static void mux_finalize(Chardev *chr)
{
    Mux *m = chr->state;
    if (!m) {
        return;
    }
    chardev_detach(m->base_fe);
    chardev_free(m->base);
    g_free(m);
}

static const ChardevKind mux_kind = {
    .name = "mux",
    .max_frontends = CHARDEV_MUX_MAX,
    .write = mux_write,
    .can_receive = mux_can_receive,
    .receive = mux_receive,
    .accept_input = mux_accept_input,
    .attached = mux_attached,
    .finalize = mux_finalize,
};

Chardev *chardev_new_mux(const char *id, Chardev *base, GError **err)
{
    Chardev *chr = chardev_alloc(&mux_kind, id, err);
    if (!chr) {
        return NULL;
    }
    Mux *m = g_new0(Mux, 1);
    m->base = base;
    m->timestamps_start = -1;
    chr->state = m;
    chr->opened = base->opened;
    m->base_fe = chardev_attach(base, &base_handlers, chr, err);
    if (!m->base_fe) {
        chr->state = NULL;
        g_free(m);
        chardev_free(chr);
        return NULL;
    }
    return chr;
}
