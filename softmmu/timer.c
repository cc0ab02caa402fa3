/*
 * Clocks and timers (timer.h).
 *
 * The VIRTUAL clock is one atomic word: while running it holds the offset
 * from the host's monotonic clock, while stopped the frozen value, and
 * for the moment of a change a busy mark.  A reader takes the word, the
 * host time, and the word again, and retries if they differ: so a reader
 * never pairs a host time from before a start with the new offset, nor
 * one from after a stop with the old, and the clock never steps back.
 *
 * Armed timers sit in one list per clock, sorted by expiry, under one
 * mutex.  One GSource on the main loop's context turns them into glib's
 * poll timeout (prepare) and runs what has expired (dispatch).  Arming a
 * timer at the head of its list wakes the context, so the next poll uses
 * the earlier deadline.  Lock order: the device lock, then the list mutex;
 * callbacks run with neither the mutex nor any timer state in hand.
 */
#include <limits.h>
#include <stdatomic.h>
#include <time.h>

#include <glib.h>

#include "softmmu/device-lock.h"
#include "softmmu/main-loop.h"
#include "softmmu/timer.h"

struct Timer {
    TimerClock clock;
    TimerCallback *cb;
    void *opaque;
    int64_t expire;         /* valid while pending */
    uint64_t armed_seq;     /* arm_seq when last armed */
    bool pending;           /* in its clock's list */
    Timer *next;
};

static int64_t host_clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

/* ---- The VIRTUAL clock ------------------------------------------------ */

enum { VM_STOPPED = 0, VM_RUNNING = 1, VM_BUSY = 2, VM_TAG_BITS = 2 };

/* (value << VM_TAG_BITS) | tag: 2^61 ns is 73 years of machine time. */
static _Atomic int64_t vm_state = VM_STOPPED;
static GMutex vm_change_lock;

static int64_t vm_pack(int64_t value, int tag)
{
    return (int64_t)((uint64_t)value << VM_TAG_BITS) | tag;
}

static int vm_tag(int64_t state)
{
    return state & ((1 << VM_TAG_BITS) - 1);
}

static int64_t vm_value(int64_t state)
{
    return state >> VM_TAG_BITS;
}

/* The state word and the host time read between two equal sightings. */
static int64_t vm_read(int64_t *host_now)
{
    for (;;) {
        int64_t before = atomic_load_explicit(&vm_state, memory_order_acquire);
        if (vm_tag(before) == VM_BUSY) {
            g_thread_yield();
            continue;
        }
        *host_now = host_clock_ns(CLOCK_MONOTONIC);
        atomic_thread_fence(memory_order_seq_cst);
        if (atomic_load_explicit(&vm_state, memory_order_relaxed) == before) {
            return before;
        }
    }
}

int64_t vm_clock_ns(void)
{
    int64_t host_now;
    int64_t state = vm_read(&host_now);
    return vm_tag(state) == VM_RUNNING ? host_now - vm_value(state) : vm_value(state);
}

bool vm_clock_running(void)
{
    int64_t host_now;
    return vm_tag(vm_read(&host_now)) == VM_RUNNING;
}

static void timers_wake_main_loop(void);

/* Moves the clock to running or stopped.  The busy mark goes in before
 * the host time of the change is read, so a reader's host time is on the
 * right side of it.  Both ways the new value is the host time less the
 * old one: stopping turns the offset into the frozen time, starting the
 * frozen time into the offset. */
static void vm_clock_set_running(bool run)
{
    g_mutex_lock(&vm_change_lock);
    int64_t old = atomic_load(&vm_state);
    if ((vm_tag(old) == VM_RUNNING) != run) {
        atomic_store(&vm_state, vm_pack(0, VM_BUSY));
        int64_t host_now = host_clock_ns(CLOCK_MONOTONIC);
        int64_t value = host_now - vm_value(old);
        atomic_store(&vm_state, vm_pack(value, run ? VM_RUNNING : VM_STOPPED));
    }
    g_mutex_unlock(&vm_change_lock);
    timers_wake_main_loop();
}

void vm_clock_stop(void)
{
    vm_clock_set_running(false);
}

void vm_clock_start(void)
{
    vm_clock_set_running(true);
}

void vm_clock_set(int64_t ns)
{
    g_mutex_lock(&vm_change_lock);
    g_assert(vm_tag(atomic_load(&vm_state)) == VM_STOPPED);
    atomic_store(&vm_state, vm_pack(ns, VM_STOPPED));
    g_mutex_unlock(&vm_change_lock);
    timers_wake_main_loop();
}

int64_t clock_get_ns(TimerClock clock)
{
    switch (clock) {
    case TIMER_CLOCK_REALTIME:
        return host_clock_ns(CLOCK_MONOTONIC);
    case TIMER_CLOCK_HOST:
        return host_clock_ns(CLOCK_REALTIME);
    case TIMER_CLOCK_VIRTUAL:
        return vm_clock_ns();
    default:
        g_assert_not_reached();
    }
}

/* ---- Timer lists ------------------------------------------------------ */

static GMutex lists_lock;
static Timer *lists[TIMER_CLOCK_COUNT];     /* armed, earliest first */
static uint64_t arm_seq;                    /* counts timer_mod calls */

static void list_remove(Timer *t)
{
    for (Timer **p = &lists[t->clock]; *p; p = &(*p)->next) {
        if (*p == t) {
            *p = t->next;
            break;
        }
    }
    t->next = NULL;
    t->pending = false;
}

/* Inserts after the timers of equal expiry (they fire in arming order);
 * true if t is now the head. */
static bool list_insert(Timer *t)
{
    Timer **p = &lists[t->clock];
    while (*p && (*p)->expire <= t->expire) {
        p = &(*p)->next;
    }
    t->next = *p;
    *p = t;
    t->pending = true;
    return p == &lists[t->clock];
}

/* ---- The main loop's source ------------------------------------------- */

static GSource *timer_source;
static GOnce source_once = G_ONCE_INIT;

static void timers_wake_main_loop(void)
{
    g_main_context_wakeup(main_loop_context());
}

/* Nanoseconds until the earliest armed timer is due (<= 0: due now), or
 * INT64_MAX if none can fire (none armed, or only VIRTUAL ones while the
 * machine is stopped).  The clocks all run at the host's monotonic rate,
 * so a time left on one is a time to wait. */
static int64_t ns_to_next_deadline(void)
{
    int64_t next = INT64_MAX;
    g_mutex_lock(&lists_lock);
    for (int c = 0; c < TIMER_CLOCK_COUNT; c++) {
        Timer *head = lists[c];
        if (!head || (c == TIMER_CLOCK_VIRTUAL && !vm_clock_running())) {
            continue;
        }
        int64_t left = head->expire - clock_get_ns(c);
        if (left < next) {
            next = left;
        }
    }
    g_mutex_unlock(&lists_lock);
    return next;
}

static gboolean timer_source_prepare(GSource *source, gint *timeout_ms)
{
    (void)source;
    int64_t left = ns_to_next_deadline();
    if (left <= 0) {
        *timeout_ms = 0;
        return TRUE;
    }
    if (left == INT64_MAX) {
        *timeout_ms = -1;
        return FALSE;
    }
    /* Round up: waking early would only poll again. */
    int64_t ms = (left + 999999) / 1000000;
    *timeout_ms = ms > INT_MAX ? INT_MAX : (gint)ms;
    return FALSE;
}

static gboolean timer_source_check(GSource *source)
{
    (void)source;
    return ns_to_next_deadline() <= 0;
}

/* The earliest timer of a clock that is due by now and was armed before
 * the pass began (seq); taken off its list if take. */
static Timer *first_expired(TimerClock clock, int64_t now, uint64_t seq, bool take)
{
    g_mutex_lock(&lists_lock);
    Timer *t = lists[clock];
    while (t && t->expire <= now && t->armed_seq >= seq) {
        t = t->next;
    }
    if (t && t->expire <= now) {
        if (take) {
            list_remove(t);
        }
    } else {
        t = NULL;
    }
    g_mutex_unlock(&lists_lock);
    return t;
}

/* Runs the timers due by the time the pass began and armed before it: one
 * that re-arms itself for a time already past runs again at the next
 * pass, after the others due, not in a loop that starves them. */
static void run_clock(TimerClock clock)
{
    if (clock == TIMER_CLOCK_VIRTUAL && !vm_clock_running()) {
        return;
    }
    int64_t now = clock_get_ns(clock);
    g_mutex_lock(&lists_lock);
    uint64_t seq = arm_seq;
    g_mutex_unlock(&lists_lock);
    /* A look without the device lock first: vCPUs doing MMIO need not
     * wait for a clock with nothing due. */
    while (first_expired(clock, now, seq, false)) {
        device_lock();
        Timer *t = first_expired(clock, now, seq, true);
        if (t) {
            t->cb(t->opaque);   /* t may be freed from here on */
        }
        device_unlock();
    }
}

static gboolean timer_source_dispatch(GSource *source, GSourceFunc unused, gpointer data)
{
    (void)source, (void)unused, (void)data;
    for (int c = 0; c < TIMER_CLOCK_COUNT; c++) {
        run_clock(c);
    }
    return G_SOURCE_CONTINUE;
}

static GSourceFuncs timer_source_funcs = {
    .prepare = timer_source_prepare,
    .check = timer_source_check,
    .dispatch = timer_source_dispatch,
};

static gpointer timer_source_attach(gpointer unused)
{
    (void)unused;
    timer_source = g_source_new(&timer_source_funcs, sizeof(GSource));
    g_source_set_name(timer_source, "timers");
    g_source_attach(timer_source, main_loop_context());
    return timer_source;
}

/* ---- Timers ----------------------------------------------------------- */

Timer *timer_new(TimerClock clock, TimerCallback *cb, void *opaque)
{
    g_assert(clock >= 0 && clock < TIMER_CLOCK_COUNT && cb);
    g_once(&source_once, timer_source_attach, NULL);
    Timer *t = g_new0(Timer, 1);
    t->clock = clock;
    t->cb = cb;
    t->opaque = opaque;
    return t;
}

void timer_mod(Timer *t, int64_t expire_ns)
{
    g_mutex_lock(&lists_lock);
    if (t->pending) {
        list_remove(t);
    }
    t->expire = expire_ns;
    t->armed_seq = arm_seq++;
    bool earliest = list_insert(t);
    g_mutex_unlock(&lists_lock);
    if (earliest) {
        timers_wake_main_loop();
    }
}

void timer_del(Timer *t)
{
    g_mutex_lock(&lists_lock);
    if (t->pending) {
        list_remove(t);
    }
    g_mutex_unlock(&lists_lock);
}

bool timer_pending(Timer *t)
{
    g_mutex_lock(&lists_lock);
    bool pending = t->pending;
    g_mutex_unlock(&lists_lock);
    return pending;
}

int64_t timer_expire_time(Timer *t)
{
    g_mutex_lock(&lists_lock);
    int64_t expire = t->pending ? t->expire : -1;
    g_mutex_unlock(&lists_lock);
    return expire;
}

void timer_free(Timer *t)
{
    if (t) {
        timer_del(t);
        g_free(t);
    }
}
