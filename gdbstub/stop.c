/*
 * The session and the guest's threads: listening for gdb, stopping every
 * thread when one stops (all-stop), serving gdb's packets meanwhile, and
 * resuming as gdb says.  User mode's model: a thread stops itself, on its
 * own host thread, by calling gdb_handle_stop; the others are held out of
 * translated code by an exclusive section (tcg/exclusive.c) until gdb
 * resumes.  A thread blocked in a system call runs no guest code, so it
 * counts as stopped.  System mode holds its vCPUs itself and calls
 * gdb_serve_stop from a thread of its own (softmmu/gdb-system.c).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"
#include "tcg/debug.h"
#include "tcg/tb.h"

GdbSession gdb = { .conn = { .fd = -1, .wake_fd = -1 } };

/* One stop at a time: taken by the stopping thread for the whole stop,
 * and around every change to the thread list. */
static pthread_mutex_t stop_lock = PTHREAD_MUTEX_INITIALIZER;

bool gdb_attached(void)
{
    return __atomic_load_n(&gdb.attached, __ATOMIC_ACQUIRE);
}

const char *gdb_server_start(const char *port, const GdbTarget *target,
                             const GdbHostOps *ops)
{
    static char err[160];
    char *end;
    errno = 0;
    long n = strtol(port, &end, 10);
    if (!*port || *end || errno || n < 1 || n > 65535) {
        snprintf(err, sizeof(err), "gdb port '%s': expected a TCP port number from 1 to 65535",
                 port);
        return err;
    }
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)n),
                              .sin_addr.s_addr = htonl(INADDR_ANY) };
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(lfd, 1) < 0) {
        snprintf(err, sizeof(err), "gdb port %ld: %s", n, strerror(errno));
        if (lfd >= 0) {
            close(lfd);
        }
        return err;
    }
    fprintf(stderr, "mimic: waiting for gdb on port %ld\n", n);
    int fd;
    do {
        fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    close(lfd);
    if (fd < 0) {
        snprintf(err, sizeof(err), "gdb port %ld: accept: %s", n, strerror(errno));
        return err;
    }
    gdb_session_open(fd, target, ops);
    return NULL;
}

void gdb_session_open(int fd, const GdbTarget *target, const GdbHostOps *ops)
{
    /* Packets are small and answered one by one: no Nagle delay (a unix
     * socket just says no). */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    /* One eventfd for every session: gdb_serve_release's wake, drained
     * of one a session before may have left. */
    static int wake_fd = -1;
    if (wake_fd < 0) {
        wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    }
    uint64_t stale;
    if (wake_fd >= 0 && read(wake_fd, &stale, sizeof(stale)) < 0) {
        /* Nothing left over: EAGAIN. */
    }
    gdb.conn = (GdbConn){ .fd = fd, .wake_fd = wake_fd };
    gdb.target = target;
    gdb.ops = ops;
    gdb.multiprocess = false;
    gdb.g_thread = gdb.stopped = NULL;
    __atomic_store_n(&gdb.attached, true, __ATOMIC_RELEASE);
    gdb_watch_start();
}

/* ---- threads ---- */

GdbThread *gdb_thread_by_tid(int tid)
{
    for (GdbThread *th = gdb.threads; th; th = th->next) {
        if (th->tid == tid) {
            return th;
        }
    }
    return NULL;
}

static GdbThread *thread_of(CPUState *cpu)
{
    for (GdbThread *th = gdb.threads; th; th = th->next) {
        if (th->cpu == cpu) {
            return th;
        }
    }
    return NULL;
}

bool gdb_cpu_resumes(CPUState *cpu)
{
    GdbThread *th = thread_of(cpu);
    return !th || th->resume;
}

void gdb_thread_add(CPUState *cpu, int tid)
{
    GdbThread *th = calloc(1, sizeof(*th));
    th->cpu = cpu;
    th->tid = tid;
    th->resume = true;
    static int next_index;
    pthread_mutex_lock(&stop_lock);
    th->index = next_index++;
    GdbThread **at = &gdb.threads;
    while (gdb.ops && gdb.ops->threads_oldest_first && *at) {
        at = &(*at)->next;
    }
    th->next = *at;
    *at = th;
    pthread_mutex_unlock(&stop_lock);
}

void gdb_thread_remove(CPUState *cpu)
{
    pthread_mutex_lock(&stop_lock);
    for (GdbThread **p = &gdb.threads; *p; p = &(*p)->next) {
        if ((*p)->cpu == cpu) {
            GdbThread *th = *p;
            *p = th->next;
            if (gdb.g_thread == th) {
                gdb.g_thread = NULL;
            }
            free(th);
            break;
        }
    }
    pthread_mutex_unlock(&stop_lock);
}

void gdb_kick_threads(void)
{
    if (pthread_mutex_trylock(&stop_lock) != 0) {
        return;
    }
    for (GdbThread *th = gdb.threads; th; th = th->next) {
        cpu_exit(th->cpu);
    }
    pthread_mutex_unlock(&stop_lock);
}

/* ---- stopping and resuming ---- */

/* A stepping thread translates one-instruction blocks of its own (their
 * key has CF_SINGLE_STEP), whose end the loop reports. */
static void apply_step(GdbThread *th)
{
    if (th->step) {
        th->saved_cflags = th->cpu->cflags;
        th->cpu->cflags = (th->cpu->cflags & ~CF_COUNT_MASK) | CF_SINGLE_STEP | 1;
    }
}

static void end_step(GdbThread *th)
{
    if (th && (th->cpu->cflags & CF_SINGLE_STEP)) {
        th->cpu->cflags = th->saved_cflags;
    }
    if (th) {
        th->step = false;
    }
}

void gdb_detach(void)
{
    cpu_breakpoint_remove_all();
    if (gdb.ops && gdb.ops->watchpoints_clear) {
        gdb.ops->watchpoints_clear();
    }
    for (GdbThread *th = gdb.threads; th; th = th->next) {
        th->step = false;
        th->resume = true;
        end_step(th);
    }
    gdb_conn_close(&gdb.conn);
    __atomic_store_n(&gdb.attached, false, __ATOMIC_RELEASE);
}

/* Serves gdb while the guest is stopped, cpu's stop (Linux signal sig)
 * the one reported.  Called with stop_lock held and every CPU out of
 * translated code. */
static int serve(CPUState *cpu, int sig)
{
    gdb_watch_pause();
    for (GdbThread *th = gdb.threads; th; th = th->next) {
        end_step(th);
    }
    gdb.stopped = thread_of(cpu);
    gdb.g_thread = gdb.stopped;
    gdb.last_signal = sig ? sig : SIGTRAP;
    gdb.watch_type = 0;
    if (sig == SIGTRAP && gdb.ops->watch_hit) {
        gdb.ops->watch_hit(cpu, &gdb.watch_type, &gdb.watch_addr);
    }
    if (sig) {
        gdb_stop_reply(sig);
    }
    static char pkt[GDB_PACKET_SIZE + 1];
    int deliver = 0;
    for (;;) {
        int len = gdb_packet_get(&gdb.conn, pkt);
        if (len == GDB_PACKET_WOKEN) {
            /* gdb_serve_release: every thread runs on, no step, and gdb
             * is not told (it has nothing to hear until a stop). */
            for (GdbThread *th = gdb.threads; th; th = th->next) {
                th->step = false;
                th->resume = true;
            }
            deliver = 0;
            break;
        }
        if (len < 0) {
            /* gdb went away: the guest runs on as if detached, and gets
             * the signal it was to get. */
            gdb_detach();
            deliver = sig;
            break;
        }
        if (len > 0 && gdb_handle_packet(pkt, len, &deliver)) {
            break;
        }
    }
    for (GdbThread *th = gdb.threads; th; th = th->next) {
        apply_step(th);
    }
    gdb_watch_resume();
    return deliver;
}

int gdb_handle_stop(CPUState *cpu, int sig)
{
    pthread_mutex_lock(&stop_lock);
    if (!gdb_attached() || !thread_of(cpu)) {
        /* No gdb, or a thread it was never told of: nothing to stop. */
        pthread_mutex_unlock(&stop_lock);
        return sig;
    }
    /* Every other CPU out of translated code until we resume. */
    cpu_exec_start(cpu);
    start_exclusive(cpu);
    int deliver = serve(cpu, sig);
    end_exclusive();
    cpu_exec_end(cpu);
    pthread_mutex_unlock(&stop_lock);
    return deliver;
}

void gdb_serve_release(void)
{
    gdb_packet_wake(&gdb.conn);
}

int gdb_serve_stop(CPUState *cpu, int sig)
{
    pthread_mutex_lock(&stop_lock);
    int deliver = gdb_attached() && thread_of(cpu) ? serve(cpu, sig) : 0;
    pthread_mutex_unlock(&stop_lock);
    return deliver;
}

void gdb_exit(int status)
{
    if (!gdb_attached()) {
        return;         /* also after gdb's kill, within a stop */
    }
    pthread_mutex_lock(&stop_lock);
    if (gdb_attached()) {
        char buf[16];
        snprintf(buf, sizeof(buf), "W%02x", status & 0xff);
        gdb_packet_put_str(&gdb.conn, buf);
        gdb_detach();
    }
    pthread_mutex_unlock(&stop_lock);
}

void gdb_killed(int sig)
{
    if (!gdb_attached()) {
        return;
    }
    pthread_mutex_lock(&stop_lock);
    if (gdb_attached()) {
        char buf[16];
        snprintf(buf, sizeof(buf), "X%02x", gdb_signal_from_linux(sig));
        gdb_packet_put_str(&gdb.conn, buf);
        gdb_detach();
    }
    pthread_mutex_unlock(&stop_lock);
}

void gdb_fork_child(void)
{
    /* The connection is the parent's; the child runs undebugged, as
     * under qemu-user. */
    if (gdb.conn.fd >= 0) {
        close(gdb.conn.fd);
        gdb.conn.fd = -1;
    }
    pthread_mutex_init(&stop_lock, NULL);
    gdb_detach();
}
