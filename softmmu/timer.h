/*
 * Clocks and timers of system mode, in nanoseconds.
 *
 * Three clocks, as QEMU's:
 *  - REALTIME: the host's monotonic clock; always runs (host-side work:
 *    the monitor, character-device retries).
 *  - HOST: the host's wall clock (seconds since the epoch * 1e9); what the
 *    RTC shows, and it may jump when the host's time is set.
 *  - VIRTUAL: the machine's clock.  It runs at the host's monotonic rate
 *    while the machine runs and stands still while it is stopped
 *    (vm_clock_stop/vm_clock_start, as QEMU's vm_stop/vm_start), with no
 *    jump across a stop.  It stands at 0 until the machine first starts.
 *    Any thread may read it at any time: the generic timer's counters
 *    (CNTVCT, CNTPCT) read it on every guest access.
 *
 * A timer calls its callback once when its clock reaches the expiry time
 * it was armed with.  Arming, re-arming and deleting work from any thread
 * (a vCPU arms its generic timer); callbacks run on the main loop's thread
 * (main-loop.h) with the device lock held (device-lock.h), so a device's
 * timer callback sees the device as its MMIO callbacks do.  A callback may
 * re-arm its own timer or arm and delete others.  A VIRTUAL timer waits
 * while the machine is stopped and fires when the clock, once running
 * again, reaches its time.
 *
 * A timer_del that returns before the main loop has taken the timer off
 * its list prevents the callback; one racing with an expiry may not.  A
 * caller holding the device lock never races: expiry takes the device
 * lock before it looks at the lists.
 */
#ifndef SOFTMMU_TIMER_H
#define SOFTMMU_TIMER_H

#include <stdbool.h>
#include <stdint.h>

#define NANOSECONDS_PER_SECOND 1000000000LL

typedef enum TimerClock {
    TIMER_CLOCK_REALTIME,
    TIMER_CLOCK_HOST,
    TIMER_CLOCK_VIRTUAL,
    TIMER_CLOCK_COUNT
} TimerClock;

/* The clock's time now. */
int64_t clock_get_ns(TimerClock clock);
/* The VIRTUAL clock, the same as clock_get_ns(TIMER_CLOCK_VIRTUAL). */
int64_t vm_clock_ns(void);

/* Freeze and resume the VIRTUAL clock; each is idempotent. */
void vm_clock_stop(void);
void vm_clock_start(void);
/* loadvm: the stopped clock stands at ns (the saved machine's time);
 * devices re-arm their VIRTUAL timers as they load. */
void vm_clock_set(int64_t ns);
bool vm_clock_running(void);

typedef void TimerCallback(void *opaque);
typedef struct Timer Timer;

Timer *timer_new(TimerClock clock, TimerCallback *cb, void *opaque);
/* Arms (or re-arms) t to fire when its clock reaches expire_ns; a time
 * already past fires at the main loop's next turn. */
void timer_mod(Timer *t, int64_t expire_ns);
/* Disarms t; nothing if it is not armed. */
void timer_del(Timer *t);
bool timer_pending(Timer *t);
/* The time t is armed for, or -1 if it is not armed. */
int64_t timer_expire_time(Timer *t);
/* Disarms and frees t (NULL: nothing); a callback may free its own timer. */
void timer_free(Timer *t);

#endif
