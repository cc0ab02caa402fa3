/*
 * System mode's side of the gdb stub: the listening socket (-gdb, -s), a
 * thread that serves gdb, one gdb thread per vCPU (id = index + 1, as
 * qemu), guest memory by virtual address through the selected vCPU's
 * current translation, and all-stop: the machine pauses whenever gdb
 * attaches, a vCPU hits a breakpoint or a watchpoint (gdb's are set on
 * every vCPU) or ends a step, or gdb interrupts, and every vCPU is held
 * out of translated code (an exclusive section) while gdb looks.  On
 * resume the machine runs again, but for the vCPUs gdb's vCont gave no
 * action: they stay held, so that vCont;s:N steps vCPU N alone, as
 * qemu-system does.
 */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "gdbstub/gdbstub.h"
#include "softmmu/cpus.h"
#include "softmmu/cputlb.h"
#include "softmmu/gdb-system.h"
#include "softmmu/watchpoint.h"
#include "target-arm/cpu.h"
#include "tcg/tb.h"

#define GDB_SYSTEM_ERROR gdb_system_error_quark()
static G_DEFINE_QUARK(gdb-system-error, gdb_system_error)

static int listen_fd = -1;

/* The stop gdb is to be told of next: set by whoever stops the machine
 * first (a vCPU's breakpoint or step, gdb's interrupt); the serving
 * thread waits for it while the guest runs. */
static GMutex stop_lock;
static GCond stop_cond;
static bool stop_pending;
static CPUState *stop_cpu;      /* NULL: the last stopped (an interrupt) */
static int stop_sig;
static bool serving;            /* gdb_serve_stop runs: gdb sees it stopped */
static bool exiting;            /* gdb_system_exit: the machine runs no more */

/* The serving thread's stand-in in exclusive sections: it is no CPU. */
static CPUState server_self;

static bool read_memory(CPUState *cpu, uint64_t addr, void *buf, size_t len)
{
    return softmmu_debug_rw(cpu, addr, buf, len, false);
}

static bool write_memory(CPUState *cpu, uint64_t addr, const void *buf, size_t len)
{
    return softmmu_debug_rw(cpu, addr, (void *)buf, len, true);
}

/* gdb's kill: qemu-system ends at once. */
__attribute__((noreturn)) static void kill_machine(void)
{
    exit(0);
}

static bool cpu_halted(CPUState *cpu)
{
    return vcpu_is_halted(vcpu_of(cpu));
}

/* Records a stop (the first one wins: later ones are found again, their
 * pc still at the breakpoint) and pauses the machine. */
static void request_stop(CPUState *cpu, int sig)
{
    g_mutex_lock(&stop_lock);
    if (!stop_pending) {
        stop_pending = true;
        stop_cpu = cpu;
        stop_sig = sig;
        machine_pause();
        g_cond_broadcast(&stop_cond);
    }
    g_mutex_unlock(&stop_lock);
}

/* gdb's Ctrl-C, or its connection gone (the serve then detaches), or
 * (sig 0) its request to a machine it believes stopped. */
static void interrupt(int sig)
{
    request_stop(NULL, sig);
}

/* A vCPU's breakpoint or step, on its own thread: it goes back to its
 * loop, where the paused machine keeps it. */
static void vcpu_debug_stop(VCPU *v)
{
    if (gdb_attached()) {
        request_stop(v->cs, SIGTRAP);
    }
}

/* gdb's Z2-Z4: on every vCPU (any of them may make the access), each
 * stopping with EXCP_DEBUG at the accessing instruction, before the
 * access (softmmu/watchpoint.h).  Called while the machine is stopped. */
static bool set_watchpoint(int type, uint64_t addr, uint64_t len, bool insert)
{
    unsigned kinds = watchpoint_kinds_of_gdb(type);
    bool ok = true;
    for (int i = 0; vcpu_by_index(i); i++) {
        CPUState *cs = vcpu_by_index(i)->cs;
        ok &= insert ? watchpoint_insert(cs, addr, len, kinds, WP_OWNER_GDB, 0)
                     : watchpoint_remove(cs, addr, len, kinds, WP_OWNER_GDB);
    }
    if (!ok && insert) {
        /* All or none: a full list on one vCPU undoes the others. */
        for (int i = 0; vcpu_by_index(i); i++) {
            watchpoint_remove(vcpu_by_index(i)->cs, addr, len, kinds, WP_OWNER_GDB);
        }
    }
    return ok;
}

static bool watch_hit(CPUState *cpu, int *type, uint64_t *addr)
{
    Watchpoint wp;
    unsigned kind;
    uint64_t vaddr;
    if (!watchpoint_take_hit(cpu, &wp, &kind, &vaddr)) {
        return false;
    }
    *type = watchpoint_gdb_type(wp.kinds);
    *addr = wp.addr;
    return true;
}

static void watchpoints_clear(void)
{
    for (int i = 0; vcpu_by_index(i); i++) {
        watchpoint_remove_owner(vcpu_by_index(i)->cs, WP_OWNER_GDB, -1);
    }
}

static const GdbHostOps system_gdb_ops = {
    .read_memory = read_memory,
    .write_memory = write_memory,
    .kill = kill_machine,
    .cpu_halted = cpu_halted,
    .interrupt = interrupt,
    .watchpoint = set_watchpoint,
    .watch_hit = watch_hit,
    .watchpoints_clear = watchpoints_clear,
    .stop_on_any_byte = true,
    .threads_oldest_first = true,
};

/* Lets the machine run after gdb resumed it: the vCPUs gdb's vCont named
 * no action for stay held (vCont;s:N steps vCPU N alone). */
static void resume_machine(void)
{
    for (int i = 0; vcpu_by_index(i); i++) {
        VCPU *v = vcpu_by_index(i);
        vcpu_set_held(v, !gdb_cpu_resumes(v->cs));
        /* A hit that lost the race to another stop goes: its access was
         * not made, so it hits again, and is reported then. */
        Watchpoint wp;
        unsigned kind;
        uint64_t vaddr;
        watchpoint_take_hit(v->cs, &wp, &kind, &vaddr);
    }
    g_mutex_lock(&stop_lock);
    stop_pending = false;
    bool run = !exiting;
    g_mutex_unlock(&stop_lock);
    end_exclusive();
    if (run) {
        machine_run();
    }
}

/* One session: stopped at attach (qemu stops the guest when gdb
 * connects), then stop, serve, resume until gdb detaches or goes away. */
static void serve_session(int fd)
{
    gdb_session_open(fd, aarch64_gdb_system_target(), &system_gdb_ops);
    static bool threads_added;
    for (int i = 0; !threads_added && vcpu_by_index(i); i++) {
        gdb_thread_add(vcpu_by_index(i)->cs, i + 1);
    }
    threads_added = true;
    request_stop(vcpu_by_index(0)->cs, 0);
    CPUState *last = vcpu_by_index(0)->cs;
    for (;;) {
        g_mutex_lock(&stop_lock);
        while (!stop_pending) {
            g_cond_wait(&stop_cond, &stop_lock);
        }
        CPUState *cpu = stop_cpu ? stop_cpu : last;
        int sig = stop_sig;
        g_mutex_unlock(&stop_lock);
        machine_pause();
        start_exclusive(&server_self);
        last = cpu;
        g_mutex_lock(&stop_lock);
        serving = true;
        g_mutex_unlock(&stop_lock);
        gdb_serve_stop(cpu, sig);
        g_mutex_lock(&stop_lock);
        serving = false;
        g_cond_broadcast(&stop_cond);
        g_mutex_unlock(&stop_lock);
        if (!gdb_attached()) {
            /* Detached (or gone): breakpoints and steps are dropped; the
             * guest runs on, as qemu's. */
            for (int i = 0; vcpu_by_index(i); i++) {
                vcpu_set_held(vcpu_by_index(i), false);
            }
            g_mutex_lock(&stop_lock);
            stop_pending = false;
            bool run = !exiting;
            g_mutex_unlock(&stop_lock);
            end_exclusive();
            if (run) {
                machine_run();
            }
            return;
        }
        resume_machine();
    }
}

static gpointer server_main(gpointer opaque)
{
    for (;;) {
        int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) {
                continue;
            }
            return NULL;
        }
        serve_session(fd);
    }
}

/* tcp:[HOST]:PORT (or a bare PORT, as older qemu): a listening socket. */
static int listen_tcp(const char *host, const char *port, GError **err)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE }, *res = NULL;
    int rc = getaddrinfo(*host ? host : NULL, port, &hints, &res);
    if (rc) {
        g_set_error(err, GDB_SYSTEM_ERROR, 0, "address resolution failed for %s:%s: %s",
                    host, port, gai_strerror(rc));
        return -1;
    }
    int fd = -1, e = 0;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
        int one = 1;
        if (fd >= 0) {
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        }
        if (fd >= 0 && (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 1) < 0)) {
            e = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        g_set_error(err, GDB_SYSTEM_ERROR, 0,
                    "Failed to bind socket: %s", strerror(e ? e : EINVAL));
    }
    return fd;
}

static int listen_unix(const char *path, GError **err)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(sa.sun_path)) {
        g_set_error(err, GDB_SYSTEM_ERROR, 0, "UNIX socket path '%s' is too long",
                    path);
        return -1;
    }
    strcpy(sa.sun_path, path);
    unlink(path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0) {
        g_set_error(err, GDB_SYSTEM_ERROR, 0, "Failed to bind socket to %s: %s",
                    path, strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    return fd;
}

bool gdb_system_start(const char *spec, GError **err)
{
    /* qemu's chardev options after a comma (server=on, wait=off) are what
     * the stub does anyway. */
    g_autofree char *s = g_strndup(spec, strcspn(spec, ","));
    if (g_str_has_prefix(s, "unix:")) {
        listen_fd = listen_unix(s + 5, err);
    } else if (g_str_has_prefix(s, "tcp:")) {
        char *colon = strrchr(s + 4, ':');
        if (!colon) {
            g_set_error(err, GDB_SYSTEM_ERROR, 0, "port not specified in '%s'", spec);
            return false;
        }
        *colon = 0;
        listen_fd = listen_tcp(s + 4, colon + 1, err);
    } else if (*s && strspn(s, "0123456789") == strlen(s)) {
        listen_fd = listen_tcp("", s, err);
    } else if (!strcmp(s, "none")) {
        return true;
    } else {
        g_set_error(err, GDB_SYSTEM_ERROR, 0,
                    "gdbstub: unsupported device '%s' (tcp::PORT, tcp:HOST:PORT, unix:PATH)",
                    spec);
        return false;
    }
    if (listen_fd < 0) {
        return false;
    }
    /* A hot region would run past a breakpoint, as in user mode. */
    tb_tier2_threshold = 0;
    machine_set_debug_stop(vcpu_debug_stop);
    g_thread_unref(g_thread_new("gdbstub", server_main, NULL));
    return true;
}

void gdb_system_pause(void)
{
    /* qemu tells gdb of every stop of a running machine it did not ask
     * for (its vm state change handler); a stopped one is not stopped
     * again. */
    if (gdb_attached() && machine_is_running()) {
        request_stop(NULL, SIGINT);
    }
    machine_pause();
}

void gdb_system_resume(void)
{
    g_mutex_lock(&stop_lock);
    bool held = stop_pending && gdb_attached();
    g_mutex_unlock(&stop_lock);
    if (held) {
        /* gdb is serving a stop: its session lets go (resume_machine),
         * untold, as qemu's; gdb's next packet stops the machine again
         * (stop_on_any_byte). */
        gdb_serve_release();
    }
    machine_run();
}

void gdb_system_exit(int status)
{
    g_mutex_lock(&stop_lock);
    exiting = true;
    /* While gdb looks at a stopped machine (a monitor's quit, Ctrl-A x)
     * its thread owns the session: it lets go first (the machine stays
     * paused), then gdb hears the exit as a running one would, W and
     * the connection closed, as from qemu. */
    if (stop_pending && gdb_attached()) {
        gdb_serve_release();
        gint64 end = g_get_monotonic_time() + G_TIME_SPAN_SECOND;
        while (serving && g_cond_wait_until(&stop_cond, &stop_lock, end)) {
        }
    }
    bool gone = serving;
    g_mutex_unlock(&stop_lock);
    if (!gone) {
        gdb_exit(status);
    }
}
