/*
 * gdb's interrupt (Ctrl-C, the byte 0x03) while the guest runs.  No guest
 * thread reads the connection then, so a host thread of the stub watches
 * it: it reads what arrives into the connection's buffer (the packet
 * reader takes it from there at the next stop), and on 0x03, or when gdb
 * goes away, asks every guest thread to leave translated code; the first
 * to pass gdb_poll_interrupt stops with SIGINT (or, gdb gone, detaches).
 * A thread blocked in a system call sees it when the call returns.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include "internal.h"

static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t watch_wake = PTHREAD_COND_INITIALIZER;
static bool guest_running;      /* the watcher may read the connection */
static int interrupt_pending;
static bool first_byte;         /* none read since the guest resumed */

/* sig: SIGINT, or 0 for a stop gdb is not told of (the mode's own). */
static void kick_all(int sig)
{
    if (gdb.ops->interrupt) {
        gdb.ops->interrupt(sig);    /* the mode stops its guest */
        return;
    }
    __atomic_store_n(&interrupt_pending, 1, __ATOMIC_RELEASE);
    gdb_kick_threads();
}

/* Takes what the connection has into its buffer; false when it is gone. */
static bool take_input(GdbConn *c)
{
    if (c->in_pos == c->in_len) {
        c->in_pos = c->in_len = 0;
    }
    if (c->in_len == sizeof(c->in)) {
        /* gdb sends nothing this long unasked: noise, dropped. */
        c->in_pos = c->in_len = 0;
    }
    ssize_t k = recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, MSG_DONTWAIT);
    if (k == 0 || (k < 0 && errno != EAGAIN && errno != EINTR)) {
        return false;
    }
    bool first = k > 0 && first_byte;
    first_byte &= k <= 0;
    if (first && gdb.ops->stop_on_any_byte && c->in[c->in_len] != 0x03) {
        if (c->no_ack) {
            kick_all(0);        /* silent: the packet gets its answer */
        } else {
            /* qemu-system's: the byte is gone (of a packet, its '$': the
             * reader skips the rest) and gdb hears a stop reply. */
            memmove(c->in + c->in_len, c->in + c->in_len + 1, --k);
            kick_all(SIGINT);
        }
    } else if (k > 0 && memchr(c->in + c->in_len, 0x03, k)) {
        kick_all(SIGINT);
    }
    c->in_len += k > 0 ? k : 0;
    return true;
}

static void *watch_main(void *arg)
{
    /* Guest signals are the guest threads' business. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL);
    for (;;) {
        pthread_mutex_lock(&watch_lock);
        while (!guest_running && gdb.conn.fd >= 0) {
            pthread_cond_wait(&watch_wake, &watch_lock);
        }
        int fd = gdb.conn.fd;
        pthread_mutex_unlock(&watch_lock);
        if (fd < 0) {
            return NULL;
        }
        struct pollfd p = { .fd = fd, .events = POLLIN };
        if (poll(&p, 1, 100) <= 0) {
            continue;
        }
        pthread_mutex_lock(&watch_lock);
        bool gone = guest_running && gdb.conn.fd >= 0 && !take_input(&gdb.conn);
        pthread_mutex_unlock(&watch_lock);
        if (gone) {
            /* A guest thread stops, finds the connection gone and
             * detaches: the breakpoints go with it. */
            kick_all(SIGINT);
            return NULL;
        }
    }
}

void gdb_watch_start(void)
{
    pthread_t th;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&th, &attr, watch_main, NULL);
    pthread_attr_destroy(&attr);
}

void gdb_watch_pause(void)
{
    pthread_mutex_lock(&watch_lock);
    guest_running = false;
    /* This stop answers any interrupt asked for so far. */
    __atomic_store_n(&interrupt_pending, 0, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&watch_lock);
}

void gdb_watch_resume(void)
{
    pthread_mutex_lock(&watch_lock);
    guest_running = gdb.conn.fd >= 0;
    first_byte = true;
    pthread_cond_broadcast(&watch_wake);
    pthread_mutex_unlock(&watch_lock);
}

void gdb_poll_interrupt(CPUState *cpu)
{
    if (__atomic_load_n(&interrupt_pending, __ATOMIC_ACQUIRE) &&
        __atomic_exchange_n(&interrupt_pending, 0, __ATOMIC_ACQ_REL)) {
        gdb_handle_stop(cpu, SIGINT);
    }
}
