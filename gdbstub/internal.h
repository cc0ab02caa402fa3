/*
 * What the files of gdbstub/ share: the one session's state, and each
 * file's entry points (packet.c frames, regs.c describes and moves
 * registers, signals.c translates signal numbers, commands.c answers
 * packets, stop.c stops and resumes the guest's threads).
 */
#ifndef GDBSTUB_INTERNAL_H
#define GDBSTUB_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "gdbstub.h"
#include "packet.h"

typedef struct GdbThread {
    CPUState *cpu;
    int tid;
    int index;                  /* CPU#n in qThreadExtraInfo: 0 for the first */
    bool step;                  /* resume it for one instruction */
    bool resume;                /* gdb's last resume lets it run (a vCont
                                 * that names other threads only: not) */
    uint32_t saved_cflags;      /* its cflags before the step */
    struct GdbThread *next;
} GdbThread;

typedef struct GdbSession {
    GdbConn conn;
    const GdbTarget *target;
    const GdbHostOps *ops;
    bool attached;
    bool multiprocess;          /* gdb said multiprocess+: ids are pPID.TID */
    GdbThread *threads;         /* newest first */
    GdbThread *g_thread;        /* Hg: whose registers g/p/G/P see */
    GdbThread *stopped;         /* the one whose stop was reported */
    int last_signal;            /* its Linux signal, for '?' */
    int watch_type;             /* the stop was a watchpoint's (2-4), or 0 */
    uint64_t watch_addr;        /* its address, for the stop reply */
} GdbSession;

/* The one session; stop.c's lock guards it while a thread is stopped. */
extern GdbSession gdb;

/* The process id gdb sees in pPID.TID (qemu-user says 1). */
#define GDB_PID 1

/* regs.c */
char *gdb_xml_file(const GdbTarget *t, const char *annex);   /* g_free; NULL: none */
int gdb_reg_size(const GdbTarget *t, int n);                  /* bytes, -1: none */
void gdb_reg_get(const GdbTarget *t, CPUState *cpu, int n, uint8_t *buf);
void gdb_reg_set(const GdbTarget *t, CPUState *cpu, int n, const uint8_t *buf);

/* signals.c: Linux's numbers to gdb's and back (0 both ways: none). */
int gdb_signal_from_linux(int sig);
int gdb_signal_to_linux(int gsig);

/* commands.c: answers one packet while the guest is stopped.  Returns
 * true when gdb resumed it (then *sig is the signal for the stopped
 * thread) or the session ended. */
bool gdb_handle_packet(char *pkt, int len, int *sig);
/* Sends the stop reply for gdb.stopped and Linux signal sig. */
void gdb_stop_reply(int sig);
/* Formats thread th's id as gdb expects it (pPID.TID or TID). */
void gdb_format_thread_id(char *buf, size_t size, const GdbThread *th);

/* stop.c */
GdbThread *gdb_thread_by_tid(int tid);
/* Asks every guest thread to leave translated code (none if a stop is
 * under way: they are out already). */
void gdb_kick_threads(void);

/* interrupt.c: the connection while the guest runs.  pause before a stop
 * reads packets, resume after gdb resumes the guest. */
void gdb_watch_start(void);
void gdb_watch_pause(void);
void gdb_watch_resume(void);
/* Ends the session: breakpoints and steps dropped, the guest runs on. */
void gdb_detach(void);

#endif
