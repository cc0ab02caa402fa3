/*
 * The main loop: one host thread that runs glib's main context for
 * everything that waits on the host (timers, character devices, sockets,
 * the monitor), so vCPU threads never block on I/O.
 *
 * Sources attached to main_loop_context() run on that thread.  A callback
 * that touches a device takes the device lock (device-lock.h) around it.
 */
#ifndef SOFTMMU_MAIN_LOOP_H
#define SOFTMMU_MAIN_LOOP_H

#include <stdbool.h>

#include <glib.h>

/* The context every system-mode source attaches to (created on first use,
 * so sources can be added before the thread starts). */
GMainContext *main_loop_context(void);
/* Starts the thread; idempotent. */
void main_loop_start(void);
/* Stops the thread and waits for it (at exit). */
void main_loop_stop(void);
/* True on the main loop's thread. */
bool main_loop_is_current(void);

#endif
