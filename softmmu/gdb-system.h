/*
 * System mode's gdb stub (gdb-system.c): -gdb SPEC, -s.
 */
#ifndef SOFTMMU_GDB_SYSTEM_H
#define SOFTMMU_GDB_SYSTEM_H

#include <stdbool.h>

#include <glib.h>

/* Listens on spec (tcp::PORT, tcp:HOST:PORT, unix:PATH, or a bare port
 * number) and serves gdb from a thread of its own once the vCPUs exist.
 * False with *err on a bad spec or an address in use. */
bool gdb_system_start(const char *spec, GError **err);

/* The monitor's stop: the machine pauses, and an attached gdb that
 * believed it running is told (a stop reply, SIGINT, for the vCPU of the
 * last stop), as qemu does.  Any thread. */
void gdb_system_pause(void);

/* The monitor's cont: the machine runs.  A gdb looking at it stopped is
 * not told (as qemu); its next packet stops the machine again, with a
 * SIGINT stop reply that gdb takes for a stale one.  Any thread. */
void gdb_system_resume(void);

/* The machine ends with status: an attached gdb is told (W), as qemu's
 * semihosting exit, PSCI SYSTEM_OFF and the monitor's quit tell it,
 * whether gdb sees it running or stopped.  Main thread, vCPUs paused. */
void gdb_system_exit(int status);

#endif
