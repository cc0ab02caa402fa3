/*
 * The remote serial protocol's framing on one connection:
 * $data#checksum packets, acknowledgements (+/-) unless no-ack mode is on,
 * '}' escapes, and what a broken peer may send instead (bad checksums,
 * stray bytes, packets too long), none of which ends the session.
 */
#ifndef GDBSTUB_PACKET_H
#define GDBSTUB_PACKET_H

#include <stdbool.h>
#include <stddef.h>

/* The largest packet we take or send, as qSupported's PacketSize says
 * (0x1000, as qemu); a longer one is answered with '-' and dropped. */
#define GDB_PACKET_SIZE 0x1000

typedef struct GdbConn {
    int fd;                     /* -1: no connection */
    int wake_fd;                /* an eventfd: a read waiting on fd returns
                                 * GDB_PACKET_WOKEN when it is written
                                 * (-1: none, reads just wait) */
    bool no_ack;                /* QStartNoAckMode was accepted */
    char in[4096];              /* bytes read, not yet parsed */
    size_t in_len, in_pos;
    char *last_reply;           /* sent again on '-' */
    size_t last_len;
} GdbConn;

/* gdb_packet_get's answer when another thread woke it (gdb_packet_wake). */
#define GDB_PACKET_WOKEN (-2)

/* Reads the next good packet (unescaped, NUL-terminated) into buf of
 * GDB_PACKET_SIZE + 1 bytes.  Returns its length, -1 when the connection
 * is gone, or GDB_PACKET_WOKEN (a packet half read is then dropped). */
int gdb_packet_get(GdbConn *c, char *buf);

/* Makes a gdb_packet_get waiting on c, now or next, return
 * GDB_PACKET_WOKEN.  Any thread. */
void gdb_packet_wake(GdbConn *c);

/* Sends data (len bytes, escaped as needed).  False if the connection is
 * gone. */
bool gdb_packet_put(GdbConn *c, const char *data, size_t len);
bool gdb_packet_put_str(GdbConn *c, const char *s);

/* Closes the connection; the next get fails at once. */
void gdb_conn_close(GdbConn *c);

#endif
