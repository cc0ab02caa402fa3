/*
 * The gdb remote-protocol server (gdbstub/), as the rest of mimic sees it.
 *
 * A target describes its registers in a table (GdbRegister rows grouped
 * by GdbFeature); the stub derives the target description XML and the
 * g/p packets from it and knows nothing else of the guest.  The mode
 * (user mode today) supplies guest memory access and the process facts
 * (GdbHostOps), registers its threads, and calls gdb_handle_stop where a
 * thread stops: a breakpoint or step (EXCP_DEBUG), or a signal on its
 * way to the guest.
 */
#ifndef GDBSTUB_GDBSTUB_H
#define GDBSTUB_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tcg/cpu.h"

/* A type the description declares before its registers: a vector of
 * count elements of a gdb base type, or a union of fields (each
 * "name:type", NULL-terminated). */
typedef struct GdbType {
    const char *id;
    const char *element;        /* vector: element type; NULL for a union */
    int count;
    const char *const *fields;  /* union */
} GdbType;

/* One feature: its gdb name, the file name the description includes it
 * as, and the types its registers use. */
typedef struct GdbFeature {
    const char *name;           /* "org.gnu.gdb.aarch64.core" */
    const char *file;           /* "aarch64-core.xml" */
    const GdbType *types;
    int ntypes;
} GdbFeature;

/* One register, in gdb's numbering (its index in the table).  get writes
 * bitsize/8 bytes in target byte order; set reads as many. */
typedef struct GdbRegister {
    const char *name;
    int bitsize;
    const char *type;           /* NULL: gdb's default (an integer) */
    const char *group;          /* NULL: gdb decides from the type */
    int feature;                /* index into GdbTarget.features */
    int index;                  /* for get/set: which one of a kind */
    void (*get)(CPUState *cpu, int index, uint8_t *buf);
    void (*set)(CPUState *cpu, int index, const uint8_t *buf);
} GdbRegister;

typedef struct GdbTarget {
    const char *architecture;   /* "aarch64" */
    const GdbFeature *features;
    int nfeatures;
    const GdbRegister *regs;
    int nregs;
    int g_regs;                 /* the first g_regs make up the g packet */
} GdbTarget;

/* What the mode supplies: guest memory as cpu (the thread gdb selected)
 * sees it (false if any byte of it is not accessible), process facts for
 * qXfer, and how it stops.  An op left NULL is something the mode does
 * not have (and qSupported does not offer). */
typedef struct GdbHostOps {
    bool (*read_memory)(CPUState *cpu, uint64_t addr, void *buf, size_t len);
    bool (*write_memory)(CPUState *cpu, uint64_t addr, const void *buf, size_t len);
    const void *(*auxv)(size_t *len);       /* NULL: none */
    const char *(*exec_file)(void);         /* NULL: none */
    /* gdb's kill: ends the process at once. */
    __attribute__((noreturn)) void (*kill)(void);
    /* True if cpu sleeps (WFI): info threads says "halted".  NULL: every
     * thread is "running", as qemu-user says. */
    bool (*cpu_halted)(CPUState *cpu);
    /* gdb interrupts the running guest (Ctrl-C) or goes away.  NULL: the
     * guest's threads are kicked out of translated code and the first to
     * pass gdb_poll_interrupt stops with SIGINT (user mode); else the mode
     * stops its guest and calls gdb_serve_stop itself, with sig: SIGINT,
     * or 0 for a stop gdb is not to hear of (see stop_on_any_byte). */
    void (*interrupt)(int sig);
    /* gdb's watchpoints (Z2 write, Z3 read, Z4 access): inserts or
     * removes one over [addr, addr + len); false if it cannot.  NULL: not
     * supported, gdb is told so (the empty reply) and watches in software
     * (as qemu-user 7.2 does). */
    bool (*watchpoint)(int type, uint64_t addr, uint64_t len, bool insert);
    /* After cpu stopped with SIGTRAP: true, once, if a watchpoint of
     * gdb's stopped it, with its type (2-4) and address as inserted (the
     * stop reply says "watch:ADDR;" and the like).  User mode calls it on
     * the stopped thread's own host thread. */
    bool (*watch_hit)(CPUState *cpu, int *type, uint64_t *addr);
    /* gdb detached or went away: every watchpoint of gdb's goes. */
    void (*watchpoints_clear)(void);
    /* Any byte from gdb while the guest runs stops it, as qemu-system's
     * stub does: after the monitor's `cont` gdb believes the guest
     * stopped, and its next packet finds it so.  In ack mode the byte is
     * dropped and gdb hears a SIGINT stop reply (qemu's way: gdb takes
     * it for a stale reply and sends its packet again); in no-ack mode
     * (which qemu 7.2 lacks) gdb would take that reply for the answer, so
     * the stop is silent and the packet answered.  Else only gdb's
     * interrupt (0x03) stops the guest. */
    bool stop_on_any_byte;
    /* Threads are listed to gdb oldest first (qemu-system's CPU order);
     * else newest first (qemu-user's). */
    bool threads_oldest_first;
} GdbHostOps;

/* Parses port (a number, as -g and QEMU_GDB give it), listens there on
 * every interface and waits for gdb to connect.  Returns NULL, or a
 * one-line error (a bad port, one in use); the caller ends the process. */
const char *gdb_server_start(const char *port, const GdbTarget *target,
                             const GdbHostOps *ops);

/* Starts a session on fd, a connection from gdb already accepted (the
 * mode listened as it likes).  No thread stops: the caller does that. */
void gdb_session_open(int fd, const GdbTarget *target, const GdbHostOps *ops);

/* True while a gdb is connected: only then does gdb_handle_stop stop. */
bool gdb_attached(void);

/* Threads, by the id gdb sees (user mode: the guest TID; system mode:
 * the vCPU's index + 1).  Added after gdb_session_open in a mode that
 * lists them oldest first. */
void gdb_thread_add(CPUState *cpu, int tid);
void gdb_thread_remove(CPUState *cpu);

/* cpu (on its own thread, outside cpu_exec) stops with Linux signal sig
 * (SIGTRAP for a breakpoint or a step, 0 at start-up: no stop reply, gdb
 * asks with '?').  Every other CPU stops too until gdb resumes.  Returns
 * the signal gdb wants delivered (Linux numbering, 0: none). */
int gdb_handle_stop(CPUState *cpu, int sig);

/* For a mode that stops its guest itself (every CPU out of translated
 * code, from any thread): reports the stop of cpu with Linux signal sig
 * (0: gdb just attached, it asks with '?') and serves gdb until it
 * resumes the guest (then each CPU gdb steps has CF_SINGLE_STEP in its
 * cflags) or detaches (gdb_attached() turns false).  Returns the signal
 * gdb resumed with. */
int gdb_serve_stop(CPUState *cpu, int sig);

/* From another thread: makes gdb_serve_stop (serving now, or the next
 * one) return as if gdb had resumed every thread, without telling gdb
 * (qemu-system's monitor `cont` under a stopped gdb).  Returns 0. */
void gdb_serve_release(void);

/* After gdb_serve_stop: whether gdb's resume lets cpu run (continue or
 * step); false for a thread a vCont named no action for, which stays
 * stopped (qemu-system's vCont). */
bool gdb_cpu_resumes(CPUState *cpu);

/* Called by each CPU's loop between runs of translated code: if gdb has
 * asked to interrupt the guest (Ctrl-C), the first CPU to come by stops
 * with SIGINT. */
void gdb_poll_interrupt(CPUState *cpu);

/* In a forked child: the session stays the parent's. */
void gdb_fork_child(void);

/* The process ends: exit status, or killed by Linux signal sig. */
void gdb_exit(int status);
void gdb_killed(int sig);

#endif
