/*
 * The shared part of the network back ends (net.h): the table of kinds,
 * -netdev parsing, each back end's thread and its poll loop, the queue of
 * frames from the guest and the queue of frames the NIC could not take.
 */
#include <errno.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "softmmu/net-internal.h"
#include "softmmu/qemu-opts.h"

/* Frames waiting in either direction, beyond which new ones are dropped
 * (the guest's TCP retransmits, as on a congested wire). */
#define NET_QUEUE_MAX 1024

struct NetBackend {
    char *id;
    const NetBackendKind *kind;
    void *state;
    const NetFrontendOps *ops;
    void *opaque;
    GThread *thread;
    int wake_fd;                    /* eventfd: a kick */
    bool stopping;
    GMutex lock;                    /* the two queues and stopping */
    GQueue tx;                      /* GBytes: guest -> world */
    GQueue rx;                      /* GBytes: world -> guest, waiting */
};

static const NetBackendKind *const net_kinds[] = {
    &net_kind_user,
    &net_kind_tap,
};

static GPtrArray *backends;

bool net_parse_bool(const char *key, const char *value, bool *out, GError **err)
{
    if (!qemu_opt_bool(value, out)) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "Parameter '%s' expects 'on' or 'off'", key);
        return false;
    }
    return true;
}

NetBackend *net_backend_find(const char *id)
{
    for (guint i = 0; backends && i < backends->len; i++) {
        NetBackend *nb = backends->pdata[i];
        if (!strcmp(nb->id, id)) {
            return nb;
        }
    }
    return NULL;
}

const char *net_backend_id(const NetBackend *nb)
{
    return nb->id;
}

bool net_backend_attached(const NetBackend *nb)
{
    return nb->ops != NULL;
}

void net_backend_foreach(void (*fn)(NetBackend *nb, void *opaque), void *opaque)
{
    for (guint i = 0; backends && i < backends->len; i++) {
        fn(backends->pdata[i], opaque);
    }
}

void net_backend_kick(NetBackend *nb)
{
    uint64_t one = 1;
    while (write(nb->wake_fd, &one, sizeof(one)) < 0 && errno == EINTR) {
    }
}

static void queue_push(NetBackend *nb, GQueue *q, const uint8_t *frame, size_t len)
{
    if (q->length >= NET_QUEUE_MAX) {
        return;
    }
    g_queue_push_tail(q, g_bytes_new(frame, len));
}

void net_backend_send(NetBackend *nb, const uint8_t *frame, size_t len)
{
    /* Only the first frame of a burst kicks: the thread reads its kick
     * before it takes the queue, so frames added until then go with it,
     * and one added after finds the queue empty and kicks again: no
     * system call per frame on the vCPU that sends a burst. */
    g_mutex_lock(&nb->lock);
    bool was_empty = nb->tx.length == 0;
    queue_push(nb, &nb->tx, frame, len);
    g_mutex_unlock(&nb->lock);
    if (was_empty) {
        net_backend_kick(nb);
    }
}

void net_backend_rx_ready(NetBackend *nb)
{
    g_mutex_lock(&nb->lock);
    bool waiting = nb->rx.length != 0;
    g_mutex_unlock(&nb->lock);
    if (waiting) {
        net_backend_kick(nb);
    }
}

/* Offers the waiting frames in order; stops at the first the NIC refuses.
 * Only this thread pops rx, so the NIC's receive runs without the lock. */
static bool flush_rx(NetBackend *nb)
{
    for (;;) {
        g_mutex_lock(&nb->lock);
        GBytes *b = g_queue_peek_head(&nb->rx);
        g_mutex_unlock(&nb->lock);
        if (!b) {
            return true;
        }
        gsize len;
        const uint8_t *data = g_bytes_get_data(b, &len);
        if (!nb->ops || !nb->ops->receive(nb->opaque, data, len)) {
            return false;
        }
        g_mutex_lock(&nb->lock);
        g_queue_pop_head(&nb->rx);
        g_mutex_unlock(&nb->lock);
        g_bytes_unref(b);
    }
}

void net_backend_deliver(NetBackend *nb, const uint8_t *frame, size_t len)
{
    if (flush_rx(nb) && nb->ops && nb->ops->receive(nb->opaque, frame, len)) {
        return;
    }
    g_mutex_lock(&nb->lock);
    queue_push(nb, &nb->rx, frame, len);
    g_mutex_unlock(&nb->lock);
}

static gpointer backend_thread(gpointer opaque)
{
    NetBackend *nb = opaque;
    NetPollSet ps = { .fds = g_array_new(FALSE, FALSE, sizeof(struct pollfd)) };
    for (;;) {
        g_array_set_size(ps.fds, 0);
        struct pollfd wake = { .fd = nb->wake_fd, .events = POLLIN };
        g_array_append_val(ps.fds, wake);
        ps.timeout_ms = -1;
        nb->kind->fill(nb->state, &ps);
        int n = poll((struct pollfd *)ps.fds->data, ps.fds->len, ps.timeout_ms);
        bool failed = n < 0 && errno != EINTR;
        if (n < 0) {
            for (guint i = 0; i < ps.fds->len; i++) {
                g_array_index(ps.fds, struct pollfd, i).revents = 0;
            }
        }
        if (g_array_index(ps.fds, struct pollfd, 0).revents & POLLIN) {
            uint64_t v;
            while (read(nb->wake_fd, &v, sizeof(v)) < 0 && errno == EINTR) {
            }
        }
        g_mutex_lock(&nb->lock);
        bool stop = nb->stopping;
        GQueue tx = nb->tx;
        g_queue_init(&nb->tx);
        g_mutex_unlock(&nb->lock);
        if (stop) {
            g_queue_clear_full(&tx, (GDestroyNotify)g_bytes_unref);
            break;
        }
        for (GBytes *b; (b = g_queue_pop_head(&tx)); g_bytes_unref(b)) {
            gsize len;
            const uint8_t *data = g_bytes_get_data(b, &len);
            nb->kind->transmit(nb->state, data, len);
        }
        nb->kind->dispatch(nb->state, &ps, failed);
        flush_rx(nb);
    }
    g_array_free(ps.fds, TRUE);
    return NULL;
}

/* TYPE[,key=value]...: the type, the id, the rest in order. */
static bool split_options(const char *text, NetOptions *o, GPtrArray *strings, GError **err)
{
    GPtrArray *kv = qemu_opts_split(text, true);
    g_ptr_array_add(strings, kv);       /* owns the strings o points into */
    o->type = kv->pdata[1];
    for (guint i = 2; i < kv->len; i += 2) {
        const char *k = kv->pdata[i], *v = kv->pdata[i + 1];
        if (!*k) {
            if (!*v) {
                continue;               /* an empty item: "user,,"-style slack */
            }
            g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "Expected '=' after parameter '%s'", v);
            return false;
        }
        if (!strcmp(k, "id")) {
            o->id = v;
        } else {
            g_ptr_array_add(o->keys, (char *)k);
            g_ptr_array_add(o->values, (char *)v);
        }
    }
    return true;
}

NetBackend *net_backend_new_from_options(const char *options, GError **err)
{
    g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
    NetOptions o = { .keys = g_ptr_array_new(), .values = g_ptr_array_new() };
    NetBackend *nb = NULL;
    const NetBackendKind *kind = NULL;
    if (!split_options(options, &o, strings, err)) {
        goto out;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(net_kinds); i++) {
        if (!strcmp(net_kinds[i]->type, o.type)) {
            kind = net_kinds[i];
        }
    }
    if (!kind) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "Parameter 'type' expects a netdev backend type (user, tap), not '%s'",
                    o.type);
        goto out;
    }
    if (!o.id) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "Parameter 'id' is missing");
        goto out;
    }
    if (net_backend_find(o.id)) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "Duplicate ID '%s' for netdev", o.id);
        goto out;
    }
    nb = g_new0(NetBackend, 1);
    nb->id = g_strdup(o.id);
    nb->kind = kind;
    g_mutex_init(&nb->lock);
    g_queue_init(&nb->tx);
    g_queue_init(&nb->rx);
    nb->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    nb->state = nb->wake_fd < 0 ? NULL : kind->create(nb, &o, err);
    if (!nb->state) {
        if (nb->wake_fd < 0) {
            g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                        "netdev %s: eventfd: %s", o.id, g_strerror(errno));
        } else {
            close(nb->wake_fd);
        }
        g_mutex_clear(&nb->lock);
        g_free(nb->id);
        g_free(nb);
        nb = NULL;
        goto out;
    }
    if (!backends) {
        backends = g_ptr_array_new();
    }
    g_ptr_array_add(backends, nb);
    nb->thread = g_thread_new("net", backend_thread, nb);
out:
    g_ptr_array_free(o.keys, TRUE);
    g_ptr_array_free(o.values, TRUE);
    return nb;
}

bool net_backend_attach(NetBackend *nb, const NetFrontendOps *ops, void *opaque,
                        GError **err)
{
    if (nb->ops) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "Property 'netdev' can't take value '%s', it's in use", nb->id);
        return false;
    }
    g_mutex_lock(&nb->lock);
    nb->opaque = opaque;
    nb->ops = ops;
    g_mutex_unlock(&nb->lock);
    net_backend_kick(nb);
    return true;
}

void net_backend_free_all(void)
{
    for (guint i = 0; backends && i < backends->len; i++) {
        NetBackend *nb = backends->pdata[i];
        g_mutex_lock(&nb->lock);
        nb->stopping = true;
        g_mutex_unlock(&nb->lock);
        net_backend_kick(nb);
        g_thread_join(nb->thread);
        nb->kind->destroy(nb->state);
        g_queue_clear_full(&nb->rx, (GDestroyNotify)g_bytes_unref);
        close(nb->wake_fd);
        g_mutex_clear(&nb->lock);
        g_free(nb->id);
        g_free(nb);
    }
    if (backends) {
        g_ptr_array_free(backends, TRUE);
        backends = NULL;
    }
}
