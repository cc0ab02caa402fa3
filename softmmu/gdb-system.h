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

/* The machine ends with status: an attached gdb is told (W), as qemu's
 * semihosting exit and PSCI SYSTEM_OFF tell it.  Main thread, vCPUs
 * paused. */
void gdb_system_exit(int status);

#endif
