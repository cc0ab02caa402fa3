/*
 * Signal numbers in gdb's remote protocol are gdb's own (its
 * include/gdb/signals.def), not the target's: Linux's SIGUSR1 (10) is
 * gdb's 30, SIGBUS (7) is gdb's 10.  One table, Linux number to gdb's.
 */
#include <signal.h>

#include "internal.h"

/* gdb's numbers for Linux's 1..31; 0 where gdb has none. */
static const unsigned char linux_to_gdb[32] = {
    [SIGHUP] = 1,   [SIGINT] = 2,   [SIGQUIT] = 3,  [SIGILL] = 4,
    [SIGTRAP] = 5,  [SIGABRT] = 6,  [SIGBUS] = 10,  [SIGFPE] = 8,
    [SIGKILL] = 9,  [SIGUSR1] = 30, [SIGSEGV] = 11, [SIGUSR2] = 31,
    [SIGPIPE] = 13, [SIGALRM] = 14, [SIGTERM] = 15, [SIGSTKFLT] = 0,
    [SIGCHLD] = 20, [SIGCONT] = 19, [SIGSTOP] = 17, [SIGTSTP] = 18,
    [SIGTTIN] = 21, [SIGTTOU] = 22, [SIGURG] = 16,  [SIGXCPU] = 24,
    [SIGXFSZ] = 25, [SIGVTALRM] = 26, [SIGPROF] = 27, [SIGWINCH] = 28,
    [SIGIO] = 23,   [SIGPWR] = 32,  [SIGSYS] = 12,
};

/* gdb's real-time signals: REALTIME_33..63 are 45..75, REALTIME_32 is 77,
 * REALTIME_64 is 78. */
enum { GDB_RT33 = 45, GDB_RT32 = 77, GDB_RT64 = 78 };

int gdb_signal_from_linux(int sig)
{
    if (sig > 0 && sig < 32) {
        return linux_to_gdb[sig];
    }
    if (sig == 32) {
        return GDB_RT32;
    }
    if (sig >= 33 && sig <= 63) {
        return GDB_RT33 + (sig - 33);
    }
    if (sig == 64) {
        return GDB_RT64;
    }
    return 0;
}

int gdb_signal_to_linux(int gsig)
{
    for (int sig = 1; sig <= 64; sig++) {
        if (gsig != 0 && gdb_signal_from_linux(sig) == gsig) {
            return sig;
        }
    }
    return 0;
}
