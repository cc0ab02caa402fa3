/*
 * Character devices (chardev.h): the registry of back ends by label, front
 * ends attaching and being handed input, and the file-descriptor I/O that
 * most back ends share: one GSource per back end on the main loop, polling
 * in_fd only while the front end takes input and out_fd only while output
 * waits, so an idle console costs nothing.  The trivial back ends (null,
 * ringbuf) live here too.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "softmmu/chardev-internal.h"
#include "softmmu/device-lock.h"
#include "softmmu/main-loop.h"

G_DEFINE_QUARK(chardev-error-quark, chardev_error)

static GHashTable *registry;        /* label -> Chardev */
static GPtrArray *creation_order;   /* the same, oldest first */
static GMutex registry_lock;

/* ---- the registry ---- */

Chardev *chardev_alloc(const ChardevKind *kind, const char *label, GError **err)
{
    g_mutex_lock(&registry_lock);
    if (!registry) {
        registry = g_hash_table_new(g_str_hash, g_str_equal);
        creation_order = g_ptr_array_new();
        /* qemu ignores SIGPIPE from the start: a reader that went away is
         * an error of one write, not the end of the machine. */
        signal(SIGPIPE, SIG_IGN);
    }
    if (label && g_hash_table_contains(registry, label)) {
        g_mutex_unlock(&registry_lock);
        g_set_error(err, CHARDEV_ERROR, 0, "Duplicate ID '%s' for chardev", label);
        return NULL;
    }
    Chardev *chr = g_new0(Chardev, 1);
    chr->label = g_strdup(label);
    chr->filename = g_strdup(kind->name);   /* qemu's default: the type */
    chr->kind = kind;
    chr->in_fd = chr->out_fd = -1;
    g_mutex_init(&chr->out_lock);
    chr->out_buf = g_byte_array_new();
    if (label) {
        g_hash_table_insert(registry, chr->label, chr);
        g_ptr_array_add(creation_order, chr);
    }
    g_mutex_unlock(&registry_lock);
    return chr;
}

Chardev *chardev_find(const char *id)
{
    g_mutex_lock(&registry_lock);
    Chardev *chr = registry ? g_hash_table_lookup(registry, id) : NULL;
    g_mutex_unlock(&registry_lock);
    return chr;
}

const char *chardev_label(const Chardev *chr)
{
    return chr->label;
}

const char *chardev_filename(const Chardev *chr)
{
    return chr->filename;
}

void chardev_set_filename(Chardev *chr, const char *filename)
{
    char *old = chr->filename;
    chr->filename = g_strdup(filename);
    g_free(old);
}

void chardev_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque)
{
    g_mutex_lock(&registry_lock);
    GPtrArray *copy = creation_order ? g_ptr_array_copy(creation_order, NULL, NULL)
                                     : g_ptr_array_new();
    g_mutex_unlock(&registry_lock);
    for (guint i = 0; i < copy->len; i++) {
        fn(copy->pdata[i], opaque);
    }
    g_ptr_array_free(copy, true);
}

static gboolean signal_done(gpointer data)
{
    gint *done = data;
    g_atomic_int_set(done, 1);
    return G_SOURCE_REMOVE;
}

/* Returns once the main loop has finished whatever it was dispatching (a
 * destroyed source is then never dispatched again).  Runs at once if no
 * thread runs the loop. */
static void wait_for_main_loop(void)
{
    if (main_loop_is_current()) {
        return;
    }
    gint done = 0;
    g_main_context_invoke(main_loop_context(), signal_done, &done);
    while (!g_atomic_int_get(&done)) {
        g_usleep(1000);
    }
}

void chardev_free(Chardev *chr)
{
    if (!chr) {
        return;
    }
    if (chr->label) {
        g_mutex_lock(&registry_lock);
        if (registry && g_hash_table_lookup(registry, chr->label) == chr) {
            g_hash_table_remove(registry, chr->label);
            g_ptr_array_remove(creation_order, chr);
        }
        g_mutex_unlock(&registry_lock);
    }
    if (chr->kind->finalize) {
        chr->kind->finalize(chr);
    }
    if (chr->source) {
        g_source_destroy(chr->source);
        wait_for_main_loop();
        g_source_unref(chr->source);
        chr->source = NULL;
    }
    chardev_fd_set(chr, -1, -1, false);
    for (int i = 0; i < chr->nfe; i++) {
        g_free(chr->fe[i]);
    }
    g_byte_array_free(chr->out_buf, true);
    g_mutex_clear(&chr->out_lock);
    g_free(chr->filename);
    g_free(chr->label);
    g_free(chr);
}

void chardev_free_all(void)
{
    /* Newest first: a multiplexer goes before the base it frees. */
    for (;;) {
        g_mutex_lock(&registry_lock);
        Chardev *chr = creation_order && creation_order->len
            ? creation_order->pdata[creation_order->len - 1] : NULL;
        g_mutex_unlock(&registry_lock);
        if (!chr) {
            return;
        }
        chardev_free(chr);
    }
}

/* ---- front ends ---- */

CharFrontend *chardev_attach(Chardev *chr, const ChardevHandlers *handlers,
                             void *opaque, GError **err)
{
    int max = chr->kind->max_frontends ? chr->kind->max_frontends : 1;
    if (chr->nfe >= max) {
        g_set_error(err, CHARDEV_ERROR, 0, "Chardev '%s' is busy",
                    chr->label ? chr->label : chr->kind->name);
        return NULL;
    }
    CharFrontend *fe = g_new0(CharFrontend, 1);
    fe->chr = chr;
    fe->handlers = *handlers;
    fe->opaque = opaque;
    int index = chr->nfe++;
    chr->fe[index] = fe;
    if (chr->kind->attached) {
        chr->kind->attached(chr, index);
    }
    if (chr->opened && fe->handlers.event) {
        fe->handlers.event(fe->opaque, CHARDEV_EVENT_OPENED);
    }
    chardev_accept_input(chr);
    return fe;
}

void chardev_detach(CharFrontend *fe)
{
    if (!fe) {
        return;
    }
    Chardev *chr = fe->chr;
    for (int i = 0; i < chr->nfe; i++) {
        if (chr->fe[i] == fe) {
            memmove(&chr->fe[i], &chr->fe[i + 1], (chr->nfe - i - 1) * sizeof(fe));
            chr->nfe--;
            if (chr->focus >= chr->nfe) {
                chr->focus = chr->nfe ? chr->nfe - 1 : 0;
            }
            break;
        }
    }
    g_free(fe);
}

int chardev_frontend_can_read(Chardev *chr)
{
    if (chr->focus >= chr->nfe) {
        return 0;
    }
    CharFrontend *fe = chr->fe[chr->focus];
    if (!fe->handlers.can_read || !fe->handlers.read) {
        return 0;
    }
    int n = fe->handlers.can_read(fe->opaque);
    return n > 0 ? n : 0;
}

static int chardev_can_receive(Chardev *chr)
{
    return chr->kind->can_receive ? chr->kind->can_receive(chr)
                                  : chardev_frontend_can_read(chr);
}

size_t chardev_receive(Chardev *chr, const uint8_t *buf, size_t len)
{
    if (chr->kind->receive) {
        return chr->kind->receive(chr, buf, len);
    }
    size_t done = 0;
    while (done < len) {
        int n = chardev_frontend_can_read(chr);
        if (n <= 0) {
            break;
        }
        size_t take = MIN((size_t)n, len - done);
        CharFrontend *fe = chr->fe[chr->focus];
        fe->handlers.read(fe->opaque, buf + done, (int)take);
        done += take;
    }
    return done;
}

void chardev_send_event(Chardev *chr, ChardevEvent event)
{
    for (int i = 0; i < chr->nfe; i++) {
        CharFrontend *fe = chr->fe[i];
        if (event == CHARDEV_EVENT_BREAK && i != chr->focus) {
            continue;
        }
        if (fe->handlers.event) {
            fe->handlers.event(fe->opaque, event);
        }
    }
}

void chardev_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    if (!chr || !len) {
        return;
    }
    if (chr->kind->write) {
        chr->kind->write(chr, buf, len);
    } else {
        chardev_fd_write(chr, buf, len);
    }
}

void chardev_accept_input(Chardev *chr)
{
    if (chr->kind->accept_input) {
        chr->kind->accept_input(chr);
        return;
    }
    /* Set and cleared under the device lock, so a refusal and the room
     * that follows it cannot cross. */
    if (g_atomic_int_compare_and_exchange(&chr->input_paused, 1, 0) && chr->source) {
        g_main_context_wakeup(main_loop_context());
    }
}

/* ---- file descriptors ---- */

bool chardev_set_nonblocking(int fd)
{
    int flags = fcntl(fd, F_GETFL);
    return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

static void close_fd(int fd)
{
    if (fd > STDERR_FILENO) {
        close(fd);
    }
}

void chardev_fd_set(Chardev *chr, int in_fd, int out_fd, bool keep_old)
{
    if (chr->source && chr->in_tag) {
        g_source_remove_unix_fd(chr->source, chr->in_tag);
    }
    if (chr->source && chr->out_tag) {
        g_source_remove_unix_fd(chr->source, chr->out_tag);
    }
    chr->in_tag = chr->out_tag = NULL;
    g_mutex_lock(&chr->out_lock);
    if (!keep_old) {
        close_fd(chr->in_fd);
        if (chr->out_fd != chr->in_fd) {
            close_fd(chr->out_fd);
        }
    }
    chr->in_fd = in_fd;
    chr->out_fd = out_fd;
    chr->in_eof = false;
    g_byte_array_set_size(chr->out_buf, 0);
    g_mutex_unlock(&chr->out_lock);
    g_atomic_int_set(&chr->input_paused, 0);
    if (chr->source) {
        g_main_context_wakeup(main_loop_context());
    }
}

/* Writes what it can without blocking; returns how much, or -1 when the
 * descriptor failed for good (the reader went away). */
static ssize_t write_some(Chardev *chr, const uint8_t *buf, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t r = chr->out_is_socket
            ? send(chr->out_fd, buf + done, len - done, MSG_DONTWAIT | MSG_NOSIGNAL)
            : write(chr->out_fd, buf + done, len - done);
        if (r > 0) {
            done += r;
        } else if (r < 0 && errno == EINTR) {
            continue;
        } else if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else {
            return -1;
        }
    }
    return done;
}

void chardev_fd_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    g_mutex_lock(&chr->out_lock);
    if (chr->out_fd < 0) {
        g_mutex_unlock(&chr->out_lock);
        return;
    }
    size_t done = 0;
    if (chr->out_buf->len == 0) {
        ssize_t r = write_some(chr, buf, len);
        done = r < 0 ? len : (size_t)r;     /* a failed write drops */
    }
    size_t room = chr->lossless ? SIZE_MAX
                                : CHARDEV_OUTPUT_MAX - MIN(chr->out_buf->len, CHARDEV_OUTPUT_MAX);
    size_t keep = MIN(len - done, room);
    if (keep) {
        bool was_empty = chr->out_buf->len == 0;
        g_byte_array_append(chr->out_buf, buf + done, keep);
        if (was_empty && chr->source) {
            g_main_context_wakeup(main_loop_context());
        }
    }
    g_mutex_unlock(&chr->out_lock);
}

void chardev_set_lossless(Chardev *chr, bool on)
{
    g_mutex_lock(&chr->out_lock);
    chr->lossless = on;
    g_mutex_unlock(&chr->out_lock);
}

size_t chardev_output_pending(Chardev *chr)
{
    g_mutex_lock(&chr->out_lock);
    size_t n = chr->out_buf->len;
    g_mutex_unlock(&chr->out_lock);
    return n;
}

static void flush_output(Chardev *chr)
{
    g_mutex_lock(&chr->out_lock);
    if (chr->out_fd >= 0 && chr->out_buf->len) {
        ssize_t r = write_some(chr, chr->out_buf->data, chr->out_buf->len);
        g_byte_array_remove_range(chr->out_buf, 0, r < 0 ? chr->out_buf->len : (guint)r);
    }
    g_mutex_unlock(&chr->out_lock);
}

void chardev_flush_all(int timeout_ms)
{
    gint64 deadline = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
    g_mutex_lock(&registry_lock);
    g_autoptr(GPtrArray) all = creation_order ? g_ptr_array_copy(creation_order, NULL, NULL)
                                              : g_ptr_array_new();
    g_mutex_unlock(&registry_lock);
    for (guint i = 0; i < all->len; i++) {
        Chardev *chr = all->pdata[i];
        while (chardev_output_pending(chr) && chr->out_fd >= 0) {
            gint64 left = (deadline - g_get_monotonic_time()) / 1000;
            struct pollfd p = { .fd = chr->out_fd, .events = POLLOUT };
            if (left <= 0 || poll(&p, 1, (int)left) <= 0) {
                return;
            }
            flush_output(chr);
        }
    }
}

static void handle_input(Chardev *chr)
{
    uint8_t buf[4096];
    device_lock();
    int n = chardev_can_receive(chr);
    if (n <= 0) {
        g_atomic_int_set(&chr->input_paused, 1);
        device_unlock();
        return;
    }
    ssize_t r = read(chr->in_fd, buf, MIN((size_t)n, sizeof(buf)));
    if (r > 0) {
        chardev_receive(chr, buf, r);
    } else if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        chr->in_eof = true;
        if (chr->kind->input_closed) {
            chr->kind->input_closed(chr);
        }
    }
    device_unlock();
}

/* Adds or removes the descriptor so that poll() reports only what we
 * want now (a hung-up pty would otherwise wake us for ever). */
static void watch(Chardev *chr, gpointer *tag, int fd, bool want, GIOCondition cond)
{
    if (want && !*tag && fd >= 0) {
        *tag = g_source_add_unix_fd(chr->source, fd, cond);
    } else if (!want && *tag) {
        g_source_remove_unix_fd(chr->source, *tag);
        *tag = NULL;
    }
}

typedef struct ChardevSource {
    GSource source;
    Chardev *chr;
} ChardevSource;

static gboolean source_prepare(GSource *source, gint *timeout)
{
    Chardev *chr = ((ChardevSource *)source)->chr;
    *timeout = -1;
    watch(chr, &chr->in_tag, chr->in_fd,
          !chr->in_eof && !g_atomic_int_get(&chr->input_paused), G_IO_IN);
    g_mutex_lock(&chr->out_lock);
    bool pending = chr->out_buf->len > 0;
    g_mutex_unlock(&chr->out_lock);
    watch(chr, &chr->out_tag, chr->out_fd, pending, G_IO_OUT);
    return FALSE;
}

static gboolean source_dispatch(GSource *source, GSourceFunc cb, gpointer data)
{
    Chardev *chr = ((ChardevSource *)source)->chr;
    if (chr->out_tag && g_source_query_unix_fd(source, chr->out_tag)) {
        flush_output(chr);
    }
    if (chr->in_tag && g_source_query_unix_fd(source, chr->in_tag)) {
        handle_input(chr);
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs source_funcs = {
    .prepare = source_prepare,
    .dispatch = source_dispatch,
};

void chardev_fd_start(Chardev *chr)
{
    GSource *source = g_source_new(&source_funcs, sizeof(ChardevSource));
    ((ChardevSource *)source)->chr = chr;
    g_source_set_name(source, "chardev");
    chr->source = source;
    g_source_attach(source, main_loop_context());
}

Chardev *chardev_new_fd(const char *id, int in_fd, int out_fd, GError **err)
{
    static const ChardevKind fd_kind = { .name = "fd" };
    Chardev *chr = chardev_alloc(&fd_kind, id, err);
    if (!chr) {
        return NULL;
    }
    if (in_fd >= 0) {
        chardev_set_nonblocking(in_fd);
    }
    if (out_fd >= 0) {
        chardev_set_nonblocking(out_fd);
    }
    chr->in_fd = in_fd;
    chr->out_fd = out_fd;
    chr->opened = true;
    chardev_fd_start(chr);
    return chr;
}

/* ---- null and ringbuf ---- */

static void null_write(Chardev *chr, const uint8_t *buf, size_t len)
{
}

Chardev *chardev_null_new(const char *label, GError **err)
{
    static const ChardevKind null_kind = { .name = "null", .write = null_write };
    Chardev *chr = chardev_alloc(&null_kind, label, err);
    if (chr) {
        chr->opened = true;
    }
    return chr;
}

/* The last size bytes written (qemu's ringbuf keeps the newest too). */
typedef struct Ringbuf {
    uint8_t *data;
    size_t size, head, count;       /* head: oldest byte */
} Ringbuf;

static void ringbuf_write(Chardev *chr, const uint8_t *buf, size_t len)
{
    Ringbuf *rb = chr->state;
    g_mutex_lock(&chr->out_lock);
    for (size_t i = 0; i < len; i++) {
        rb->data[(rb->head + rb->count) % rb->size] = buf[i];
        if (rb->count < rb->size) {
            rb->count++;
        } else {
            rb->head = (rb->head + 1) % rb->size;
        }
    }
    g_mutex_unlock(&chr->out_lock);
}

size_t chardev_ringbuf_read(Chardev *chr, uint8_t *buf, size_t len)
{
    if (!chr || chr->kind->write != ringbuf_write) {
        return 0;
    }
    Ringbuf *rb = chr->state;
    g_mutex_lock(&chr->out_lock);
    size_t n = MIN(len, rb->count);
    for (size_t i = 0; i < n; i++) {
        buf[i] = rb->data[rb->head];
        rb->head = (rb->head + 1) % rb->size;
    }
    rb->count -= n;
    g_mutex_unlock(&chr->out_lock);
    return n;
}

static void ringbuf_finalize(Chardev *chr)
{
    Ringbuf *rb = chr->state;
    g_free(rb->data);
    g_free(rb);
}

Chardev *chardev_ringbuf_new(const char *label, size_t size, GError **err)
{
    static const ChardevKind ringbuf_kind = {
        .name = "ringbuf", .write = ringbuf_write, .finalize = ringbuf_finalize,
    };
    /* qemu: a power of two, 64 KiB unless said. */
    if (size == 0 || (size & (size - 1))) {
        g_set_error(err, CHARDEV_ERROR, 0, "size of ringbuf chardev must be power of two");
        return NULL;
    }
    Chardev *chr = chardev_alloc(&ringbuf_kind, label, err);
    if (!chr) {
        return NULL;
    }
    Ringbuf *rb = g_new0(Ringbuf, 1);
    rb->data = g_malloc(size);
    rb->size = size;
    chr->state = rb;
    chr->opened = true;
    return chr;
}
