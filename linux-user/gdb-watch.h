/*
 * gdb's watchpoints in user mode (gdb-watch.c): the GdbHostOps functions
 * gdb-user.c hands the stub.
 */
#ifndef LINUX_USER_GDB_WATCH_H
#define LINUX_USER_GDB_WATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/cpu.h"

/* Z2-Z4 / z2-z4 over [addr, addr + len), for every guest thread.  Only
 * while every thread is stopped (gdb's stop). */
bool gdb_user_watchpoint(int type, uint64_t addr, uint64_t len, bool insert);
/* The watchpoint that stopped cpu, once; on cpu's own thread. */
bool gdb_user_watch_hit(CPUState *cpu, int *type, uint64_t *addr);
/* gdb left: every watchpoint goes (translated code is left as it is). */
void gdb_user_watch_clear(void);

#endif
