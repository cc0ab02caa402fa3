/*
 * The socket back end (chardev.h): unix or tcp, as a client that connects
 * once at start, or as a server that takes one connection at a time and
 * listens again when its peer leaves.  Output with no peer is dropped,
 * as qemu does; a server with wait=on (the default) holds start-up until
 * the first client comes.
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib-unix.h>

#include "softmmu/chardev-internal.h"
#include "softmmu/device-lock.h"
#include "softmmu/main-loop.h"

typedef struct Socket {
    bool server;
    int listen_fd;
    GSource *listen_source;         /* while no peer is connected */
    char *unix_path;                /* removed at close, as qemu */
    char *description;              /* qemu's filename: "unix:PATH,server=on" */
} Socket;

static void socket_listen_again(Chardev *chr);

/* qemu's filename: the address, and the peer's for tcp. */
static void socket_describe(Chardev *chr, int conn)
{
    Socket *s = chr->state;
    struct sockaddr_storage peer;
    socklen_t len = sizeof(peer);
    char host[NI_MAXHOST], port[NI_MAXSERV];
    char *name;
    if (conn < 0) {
        name = g_strdup_printf("disconnected:%s", s->description);
    } else if (getpeername(conn, (struct sockaddr *)&peer, &len) == 0 &&
               peer.ss_family != AF_UNIX &&
               getnameinfo((struct sockaddr *)&peer, len, host, sizeof(host), port,
                           sizeof(port), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        name = g_strdup_printf("%s <-> %s:%s", s->description, host, port);
    } else {
        name = g_strdup(s->description);
    }
    chardev_set_filename(chr, name);
    g_free(name);
}

static void socket_connected(Chardev *chr, int fd)
{
    socket_describe(chr, fd);
    chardev_set_nonblocking(fd);
    chr->out_is_socket = true;
    chardev_fd_set(chr, fd, fd, false);
    chr->opened = true;
}

static gboolean socket_accept(gint fd, GIOCondition cond, gpointer opaque)
{
    Chardev *chr = opaque;
    Socket *s = chr->state;
    int conn = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
    if (conn < 0) {
        return G_SOURCE_CONTINUE;
    }
    /* One peer at a time: others wait in the backlog until it leaves. */
    g_source_unref(s->listen_source);
    s->listen_source = NULL;
    socket_connected(chr, conn);
    device_lock();
    chardev_send_event(chr, CHARDEV_EVENT_OPENED);
    device_unlock();
    return G_SOURCE_REMOVE;
}

static void socket_listen_again(Chardev *chr)
{
    Socket *s = chr->state;
    if (!s->server || s->listen_source) {
        return;
    }
    s->listen_source = g_unix_fd_source_new(s->listen_fd, G_IO_IN);
    g_source_set_callback(s->listen_source, (GSourceFunc)(void (*)(void))socket_accept,
                          chr, NULL);
    g_source_attach(s->listen_source, main_loop_context());
}

/* The peer left: drop it, tell the front end, and take the next one. */
static void socket_input_closed(Chardev *chr)
{
    socket_describe(chr, -1);
    chardev_fd_set(chr, -1, -1, false);
    chr->opened = false;
    chardev_send_event(chr, CHARDEV_EVENT_CLOSED);
    socket_listen_again(chr);
}

static void socket_finalize(Chardev *chr)
{
    Socket *s = chr->state;
    if (s->listen_source) {
        g_source_destroy(s->listen_source);
        g_source_unref(s->listen_source);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
    }
    if (s->unix_path) {
        unlink(s->unix_path);
    }
    g_free(s->unix_path);
    g_free(s->description);
    g_free(s);
}

static const ChardevKind socket_kind = {
    .name = "socket",
    .input_closed = socket_input_closed,
    .finalize = socket_finalize,
};

static int unix_socket(const char *path, bool server, GError **err)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(sun.sun_path)) {
        g_set_error(err, CHARDEV_ERROR, 0, "UNIX socket path '%s' is too long", path);
        return -1;
    }
    strcpy(sun.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        g_set_error(err, CHARDEV_ERROR, 0, "Failed to create socket: %s", g_strerror(errno));
        return -1;
    }
    if (server) {
        unlink(path);
        if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0 || listen(fd, 1) < 0) {
            g_set_error(err, CHARDEV_ERROR, 0, "Failed to bind socket to %s: %s", path,
                        g_strerror(errno));
            close(fd);
            return -1;
        }
    } else if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
        g_set_error(err, CHARDEV_ERROR, 0, "Failed to connect to '%s': %s", path,
                    g_strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static int tcp_socket(const char *host, const char *port, bool server, GError **err)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
        .ai_flags = server ? AI_PASSIVE : 0,
    };
    struct addrinfo *res;
    const char *node = host && *host ? host : (server ? NULL : "localhost");
    int rc = getaddrinfo(node, port, &hints, &res);
    if (rc != 0) {
        g_set_error(err, CHARDEV_ERROR, 0, "address resolution failed for %s:%s: %s",
                    host ? host : "", port, gai_strerror(rc));
        return -1;
    }
    int fd = -1, saved = 0;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        int one = 1;
        bool ok = server
            ? setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0 &&
              bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0
            : connect(fd, ai->ai_addr, ai->ai_addrlen) == 0;
        if (!ok) {
            saved = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        g_set_error(err, CHARDEV_ERROR, 0, server ? "Failed to bind socket on %s:%s: %s"
                    : "Failed to connect to '%s:%s': %s", host ? host : "", port,
                    g_strerror(saved));
    }
    return fd;
}

Chardev *chardev_socket_new(const char *label, const ChardevSocketOptions *o, GError **err)
{
    int fd = o->path ? unix_socket(o->path, o->server, err)
                     : tcp_socket(o->host, o->port, o->server, err);
    if (fd < 0) {
        return NULL;
    }
    Chardev *chr = chardev_alloc(&socket_kind, label, err);
    if (!chr) {
        close(fd);
        return NULL;
    }
    Socket *s = g_new0(Socket, 1);
    s->server = o->server;
    s->listen_fd = -1;
    s->description = o->path
        ? g_strdup_printf("unix:%s%s", o->path, o->server ? ",server=on" : "")
        : g_strdup_printf("tcp:%s:%s%s", o->host ? o->host : "", o->port,
                          o->server ? ",server=on" : "");
    chr->state = s;
    socket_describe(chr, -1);
    if (!o->server) {
        socket_connected(chr, fd);
    } else {
        s->listen_fd = fd;
        s->unix_path = g_strdup(o->path);
        if (o->wait) {
            /* qemu's words, then start-up waits for the peer. */
            g_printerr("%s: info: QEMU waiting for connection on: disconnected:%s\n",
                       g_get_prgname() ? g_get_prgname() : "mimic", s->description);
            int conn = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
            if (conn >= 0) {
                socket_connected(chr, conn);
            }
        }
        if (chr->in_fd < 0) {
            socket_listen_again(chr);
        }
    }
    chardev_fd_start(chr);
    return chr;
}
