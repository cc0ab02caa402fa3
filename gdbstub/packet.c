/*
 * RSP framing (packet.h).  The reader is a small state machine over the
 * byte stream: anything outside $...#xx is ignored, a bad checksum or an
 * over-long packet is answered with '-' (in ack mode) and forgotten, a
 * '-' for our last reply sends it again.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "packet.h"

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9') {
        return ch - '0';
    }
    if (ch >= 'a' && ch <= 'f') {
        return ch - 'a' + 10;
    }
    if (ch >= 'A' && ch <= 'F') {
        return ch - 'A' + 10;
    }
    return -1;
}

static bool send_all(GdbConn *c, const char *p, size_t n)
{
    while (n > 0 && c->fd >= 0) {
        /* MSG_NOSIGNAL: a peer that went away is a closed connection,
         * not a SIGPIPE for the guest process. */
        ssize_t k = send(c->fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k <= 0) {
            gdb_conn_close(c);
            return false;
        }
        p += k;
        n -= k;
    }
    return c->fd >= 0;
}

/* True, once, if gdb_packet_wake was called; else waits until fd has
 * something to read. */
static bool wait_readable(GdbConn *c)
{
    if (c->wake_fd < 0) {
        return false;
    }
    struct pollfd p[2] = { { .fd = c->fd, .events = POLLIN },
                           { .fd = c->wake_fd, .events = POLLIN } };
    while (poll(p, 2, -1) < 0 && errno == EINTR) {
    }
    uint64_t n;
    return (p[1].revents & POLLIN) && read(c->wake_fd, &n, sizeof(n)) == sizeof(n);
}

void gdb_packet_wake(GdbConn *c)
{
    uint64_t one = 1;
    if (c->wake_fd >= 0 && write(c->wake_fd, &one, sizeof(one)) != sizeof(one)) {
        /* The counter is full: a wake is pending anyway. */
    }
}

/* The next byte of the stream, -1 when the connection is gone, or
 * GDB_PACKET_WOKEN. */
static int next_byte(GdbConn *c)
{
    while (c->in_pos == c->in_len) {
        if (c->fd < 0) {
            return -1;
        }
        if (wait_readable(c)) {
            return GDB_PACKET_WOKEN;
        }
        ssize_t k = recv(c->fd, c->in, sizeof(c->in), 0);
        if (k < 0 && errno == EINTR) {
            continue;
        }
        if (k <= 0) {
            gdb_conn_close(c);
            return -1;
        }
        c->in_len = k;
        c->in_pos = 0;
    }
    return (unsigned char)c->in[c->in_pos++];
}

int gdb_packet_get(GdbConn *c, char *buf)
{
    for (;;) {
        int ch = next_byte(c);
        if (ch < 0) {
            return ch;
        }
        if (ch == '-' && c->last_reply && !c->no_ack) {
            send_all(c, c->last_reply, c->last_len);
            continue;
        }
        if (ch != '$') {
            continue;       /* '+', a ^C while stopped, or noise */
        }
        /* The body up to '#': checksummed as sent, unescaped as stored. */
        uint8_t sum = 0;
        size_t len = 0;
        bool too_long = false, escape = false;
        while ((ch = next_byte(c)) >= 0 && ch != '#') {
            if (ch == '$') {
                /* A new packet before this one ended: start over. */
                sum = 0;
                len = 0;
                too_long = escape = false;
                continue;
            }
            sum += ch;
            if (escape) {
                ch ^= 0x20;
                escape = false;
            } else if (ch == '}') {
                escape = true;
                continue;
            }
            if (len < GDB_PACKET_SIZE) {
                buf[len++] = ch;
            } else {
                too_long = true;
            }
        }
        int h1 = ch < 0 ? ch : next_byte(c);
        int h2 = h1 < 0 ? h1 : next_byte(c);
        if (h2 < 0) {
            return h2;
        }
        bool good = hexval(h1) >= 0 && hexval(h2) >= 0 &&
                    ((hexval(h1) << 4) | hexval(h2)) == sum && !too_long;
        if (!c->no_ack && !send_all(c, good ? "+" : "-", 1)) {
            return -1;
        }
        if (good) {
            buf[len] = 0;
            return (int)len;
        }
    }
}

bool gdb_packet_put(GdbConn *c, const char *data, size_t len)
{
    /* Worst case every byte escaped, plus $, #, two digits. */
    char *out = malloc(2 * len + 4);
    size_t n = 0;
    uint8_t sum = 0;
    out[n++] = '$';
    for (size_t i = 0; i < len; i++) {
        char ch = data[i];
        if (ch == '$' || ch == '#' || ch == '}' || ch == '*') {
            out[n++] = '}';
            sum += '}';
            ch ^= 0x20;
        }
        out[n++] = ch;
        sum += (uint8_t)ch;
    }
    static const char hex[] = "0123456789abcdef";
    out[n++] = '#';
    out[n++] = hex[sum >> 4];
    out[n++] = hex[sum & 15];
    free(c->last_reply);
    c->last_reply = out;
    c->last_len = n;
    return send_all(c, out, n);
}

bool gdb_packet_put_str(GdbConn *c, const char *s)
{
    return gdb_packet_put(c, s, strlen(s));
}

void gdb_conn_close(GdbConn *c)
{
    if (c->fd >= 0) {
        close(c->fd);
        c->fd = -1;
    }
    c->in_len = c->in_pos = 0;
}
