/*
 * Unit tests of softmmu/timer.c with the main loop's thread running: a
 * timer fires once, not early, on the main loop with the device lock
 * held; arming earlier from another thread wakes a loop asleep on a far
 * deadline; deleted timers stay silent; the VIRTUAL clock stands still
 * while stopped, resumes without a jump, never steps back for readers on
 * other threads, and its timers wait for it; timers fire in expiry order;
 * callbacks re-arm themselves, delete others and free themselves; threads
 * arming and deleting while the loop fires leave the lists whole.
 *
 * Lateness bounds are loose (the machine is shared): they tell "woken at
 * the deadline" from "woken at the old, far deadline", not precision.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "main-loop-group.h"
#include "softmmu/device-lock.h"
#include "softmmu/main-loop.h"
#include "softmmu/timer.h"

#define MS (1000 * 1000LL)
#define LATE_OK (400 * MS)

typedef struct Probe {
    Timer *timer;
    TimerClock clock;
    atomic_int fired;
    _Atomic int64_t fired_at;       /* the probe's clock */
    _Atomic int64_t fired_at_real;  /* REALTIME */
    atomic_bool on_main_loop, lock_held;
    int rearm_times;                /* re-arm itself this many times */
    int64_t rearm_period;
    Timer *victim;                  /* deleted by the callback */
    atomic_int *order_log;          /* appends its id here */
    atomic_int *order_len;
    int id;
} Probe;

static void probe_cb(void *opaque)
{
    Probe *p = opaque;
    atomic_store(&p->on_main_loop, main_loop_is_current());
    atomic_store(&p->lock_held, device_lock_held());
    atomic_store(&p->fired_at, clock_get_ns(p->clock));
    atomic_store(&p->fired_at_real, clock_get_ns(TIMER_CLOCK_REALTIME));
    int n = atomic_load(&p->fired) + 1;     /* only this thread writes it */
    if (p->order_log) {
        p->order_log[atomic_fetch_add(p->order_len, 1)] = p->id;
    }
    if (p->victim) {
        timer_del(p->victim);
    }
    if (n <= p->rearm_times) {
        timer_mod(p->timer, clock_get_ns(p->clock) + p->rearm_period);
    }
    /* Last: a test that sees it may end and reuse the probe's memory. */
    atomic_store(&p->fired, n);
}

static void probe_init(Probe *p, TimerClock clock)
{
    *p = (Probe){ .clock = clock };
    p->timer = timer_new(clock, probe_cb, p);
}

/* Polls until the probe has fired n times or timeout_ns of REALTIME pass. */
static bool wait_fired(Probe *p, int n, int64_t timeout_ns)
{
    int64_t end = clock_get_ns(TIMER_CLOCK_REALTIME) + timeout_ns;
    while (atomic_load(&p->fired) < n) {
        if (clock_get_ns(TIMER_CLOCK_REALTIME) > end) {
            return false;
        }
        g_usleep(1000);
    }
    return true;
}

static void test_fires_once_on_main_loop(void **state)
{
    (void)state;
    Probe p;
    probe_init(&p, TIMER_CLOCK_REALTIME);
    int64_t deadline = clock_get_ns(TIMER_CLOCK_REALTIME) + 50 * MS;
    timer_mod(p.timer, deadline);
    assert_true(timer_pending(p.timer));
    assert_int_equal(timer_expire_time(p.timer), deadline);

    assert_true(wait_fired(&p, 1, 2000 * MS));
    assert_true(atomic_load(&p.fired_at) >= deadline);
    assert_true(atomic_load(&p.fired_at) < deadline + LATE_OK);
    assert_true(atomic_load(&p.on_main_loop));
    assert_true(atomic_load(&p.lock_held));
    assert_false(timer_pending(p.timer));
    assert_int_equal(timer_expire_time(p.timer), -1);

    g_usleep(100 * 1000);
    assert_int_equal(atomic_load(&p.fired), 1);
    timer_free(p.timer);
}

/* The HOST clock is the wall clock; its timers fire too. */
static void test_host_clock(void **state)
{
    (void)state;
    int64_t wall = g_get_real_time() * 1000;
    int64_t host = clock_get_ns(TIMER_CLOCK_HOST);
    assert_true(host - wall < 1000 * MS && wall - host < 1000 * MS);

    Probe p;
    probe_init(&p, TIMER_CLOCK_HOST);
    int64_t deadline = clock_get_ns(TIMER_CLOCK_HOST) + 30 * MS;
    timer_mod(p.timer, deadline);
    assert_true(wait_fired(&p, 1, 2000 * MS));
    assert_true(atomic_load(&p.fired_at) >= deadline);
    timer_free(p.timer);
}

typedef struct Rearm {
    Timer *timer;
    int64_t expire;
} Rearm;

static gpointer rearm_thread(gpointer opaque)
{
    Rearm *r = opaque;
    timer_mod(r->timer, r->expire);
    return NULL;
}

static void test_rearm_earlier_from_thread_wakes(void **state)
{
    (void)state;
    Probe p;
    probe_init(&p, TIMER_CLOCK_REALTIME);
    /* The loop goes to sleep on a deadline 20 s away ... */
    timer_mod(p.timer, clock_get_ns(TIMER_CLOCK_REALTIME) + 20000 * MS);
    g_usleep(50 * 1000);
    assert_int_equal(atomic_load(&p.fired), 0);

    /* ... and another thread moves it 30 ms from now. */
    Rearm r = { p.timer, clock_get_ns(TIMER_CLOCK_REALTIME) + 30 * MS };
    g_thread_join(g_thread_new("rearm", rearm_thread, &r));
    /* Armed for the new time, unless a slow machine already fired it. */
    int64_t expire = timer_expire_time(p.timer);
    assert_true(expire == r.expire || (expire == -1 && atomic_load(&p.fired) == 1));

    assert_true(wait_fired(&p, 1, 3000 * MS));
    assert_true(atomic_load(&p.fired_at) >= r.expire);
    assert_true(atomic_load(&p.fired_at) < r.expire + LATE_OK);
    timer_free(p.timer);
}

static void test_delete_prevents_firing(void **state)
{
    (void)state;
    Probe p, q;
    probe_init(&p, TIMER_CLOCK_REALTIME);
    probe_init(&q, TIMER_CLOCK_REALTIME);
    int64_t now = clock_get_ns(TIMER_CLOCK_REALTIME);
    timer_mod(p.timer, now + 40 * MS);
    timer_mod(q.timer, now + 60 * MS);
    timer_del(p.timer);
    assert_false(timer_pending(p.timer));
    timer_del(p.timer);                 /* twice: nothing */

    assert_true(wait_fired(&q, 1, 2000 * MS));
    g_usleep(50 * 1000);
    assert_int_equal(atomic_load(&p.fired), 0);
    timer_free(p.timer);
    timer_free(q.timer);
    timer_free(NULL);
}

static void test_virtual_clock_stops_without_jump(void **state)
{
    (void)state;
    vm_clock_start();
    assert_true(vm_clock_running());
    int64_t a = vm_clock_ns();
    g_usleep(20 * 1000);
    int64_t b = vm_clock_ns();
    assert_true(b - a >= 20 * MS);      /* it runs */

    vm_clock_stop();
    vm_clock_stop();                    /* idempotent */
    assert_false(vm_clock_running());
    int64_t frozen = vm_clock_ns();
    assert_true(frozen >= b);
    g_usleep(50 * 1000);
    assert_int_equal(vm_clock_ns(), frozen);
    assert_int_equal(clock_get_ns(TIMER_CLOCK_VIRTUAL), frozen);

    vm_clock_start();
    int64_t resumed = vm_clock_ns();
    /* It goes on from where it stood: the 50 ms stopped do not count. */
    assert_true(resumed >= frozen);
    assert_true(resumed - frozen < 20 * MS);
}

typedef struct MonoReader {
    atomic_bool *stop;
    bool went_back;
} MonoReader;

static gpointer mono_reader(gpointer opaque)
{
    MonoReader *m = opaque;
    int64_t last = vm_clock_ns();
    while (!atomic_load(m->stop)) {
        int64_t now = vm_clock_ns();
        if (now < last) {
            m->went_back = true;
        }
        last = now;
    }
    return NULL;
}

/* Readers on other threads (vCPUs reading CNTVCT) never see it step back
 * while the machine is stopped and started under them. */
static void test_virtual_clock_monotonic_across_threads(void **state)
{
    (void)state;
    atomic_bool stop = false;
    MonoReader readers[2] = { { &stop, false }, { &stop, false } };
    GThread *threads[2];
    for (int i = 0; i < 2; i++) {
        threads[i] = g_thread_new("reader", mono_reader, &readers[i]);
    }
    for (int i = 0; i < 2000; i++) {
        if (i & 1) {
            vm_clock_start();
        } else {
            vm_clock_stop();
        }
    }
    vm_clock_start();
    atomic_store(&stop, true);
    for (int i = 0; i < 2; i++) {
        g_thread_join(threads[i]);
        assert_false(readers[i].went_back);
    }
}

static void test_virtual_timer_waits_while_stopped(void **state)
{
    (void)state;
    vm_clock_stop();
    Probe p;
    probe_init(&p, TIMER_CLOCK_VIRTUAL);
    int64_t deadline = vm_clock_ns() + 30 * MS;
    timer_mod(p.timer, deadline);
    g_usleep(100 * 1000);               /* past it in host time */
    assert_int_equal(atomic_load(&p.fired), 0);
    assert_true(timer_pending(p.timer));

    int64_t started = clock_get_ns(TIMER_CLOCK_REALTIME);
    vm_clock_start();
    assert_true(wait_fired(&p, 1, 2000 * MS));
    /* 30 ms of machine time after the start, not at once. */
    assert_true(atomic_load(&p.fired_at) >= deadline);
    assert_true(atomic_load(&p.fired_at_real) - started >= 30 * MS);
    assert_true(atomic_load(&p.fired_at_real) - started < 30 * MS + LATE_OK);
    timer_free(p.timer);
}

static void test_many_timers_in_order(void **state)
{
    (void)state;
    enum { N = 16 };
    Probe probes[N];
    atomic_int log[N], len = 0;
    int64_t base = clock_get_ns(TIMER_CLOCK_REALTIME) + 30 * MS;
    for (int i = 0; i < N; i++) {
        probe_init(&probes[i], TIMER_CLOCK_REALTIME);
        probes[i].order_log = log;
        probes[i].order_len = &len;
        probes[i].id = i;
    }
    /* Armed in a scrambled order; probe i is due at base + 3 ms * i. */
    for (int k = 0; k < N; k++) {
        int i = (k * 7) % N;
        timer_mod(probes[i].timer, base + 3 * MS * i);
    }
    for (int i = 0; i < N; i++) {
        assert_true(wait_fired(&probes[i], 1, 3000 * MS));
    }
    assert_int_equal(atomic_load(&len), N);
    for (int i = 0; i < N; i++) {
        assert_int_equal(log[i], i);
        assert_true(atomic_load(&probes[i].fired_at) >= base + 3 * MS * i);
        timer_free(probes[i].timer);
    }
}

static void test_callback_rearms_itself_and_deletes_other(void **state)
{
    (void)state;
    Probe self, victim;
    probe_init(&self, TIMER_CLOCK_REALTIME);
    probe_init(&victim, TIMER_CLOCK_REALTIME);
    self.rearm_times = 4;
    self.rearm_period = 5 * MS;
    self.victim = victim.timer;
    int64_t now = clock_get_ns(TIMER_CLOCK_REALTIME);
    timer_mod(self.timer, now + 10 * MS);
    timer_mod(victim.timer, now + 100 * MS);

    assert_true(wait_fired(&self, 5, 3000 * MS));
    g_usleep(150 * 1000);
    assert_int_equal(atomic_load(&self.fired), 5);   /* once plus 4 re-arms */
    assert_false(timer_pending(self.timer));
    assert_int_equal(atomic_load(&victim.fired), 0);
    timer_free(self.timer);
    timer_free(victim.timer);
}

/* A timer already due when armed fires at the loop's next turn. */
static void test_past_deadline_fires(void **state)
{
    (void)state;
    Probe p;
    probe_init(&p, TIMER_CLOCK_REALTIME);
    timer_mod(p.timer, 0);
    assert_true(wait_fired(&p, 1, 1000 * MS));
    timer_free(p.timer);
}

typedef struct Stress {
    Probe *probes;
    int count;
    atomic_bool *stop;
    uint64_t seed;
} Stress;

static gpointer stress_thread(gpointer opaque)
{
    Stress *st = opaque;
    uint64_t rng = st->seed;
    while (!atomic_load(st->stop)) {
        rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
        Timer *t = st->probes[rng % st->count].timer;
        switch ((rng >> 8) % 4) {
        case 0:
        case 1:
            timer_mod(t, clock_get_ns(TIMER_CLOCK_REALTIME) + (int64_t)((rng >> 16) % (2 * MS)));
            break;
        case 2:
            timer_del(t);
            break;
        default:
            (void)timer_pending(t);
            (void)timer_expire_time(t);
            break;
        }
    }
    return NULL;
}

/* vCPU threads arming and deleting while the main loop fires: the lists
 * stay whole, a deletion under the device lock holds, and each timer
 * armed afterwards fires exactly once. */
static void test_concurrent_arming(void **state)
{
    (void)state;
    enum { N = 8, THREADS = 3 };
    Probe probes[N];
    for (int i = 0; i < N; i++) {
        probe_init(&probes[i], TIMER_CLOCK_REALTIME);
    }
    atomic_bool stop = false;
    Stress st[THREADS];
    GThread *threads[THREADS];
    for (int i = 0; i < THREADS; i++) {
        st[i] = (Stress){ probes, N, &stop, 0x9e3779b97f4a7c15ull * (i + 1) };
        threads[i] = g_thread_new("stress", stress_thread, &st[i]);
    }
    g_usleep(300 * 1000);
    atomic_store(&stop, true);
    for (int i = 0; i < THREADS; i++) {
        g_thread_join(threads[i]);
    }
    int total = 0;
    for (int i = 0; i < N; i++) {
        total += atomic_load(&probes[i].fired);
    }
    assert_true(total > 0);

    int before[N];
    device_lock();
    for (int i = 0; i < N; i++) {
        timer_del(probes[i].timer);
        before[i] = atomic_load(&probes[i].fired);
    }
    device_unlock();
    g_usleep(30 * 1000);
    for (int i = 0; i < N; i++) {
        assert_int_equal(atomic_load(&probes[i].fired), before[i]);
        timer_mod(probes[i].timer, clock_get_ns(TIMER_CLOCK_REALTIME) + 5 * MS);
    }
    for (int i = 0; i < N; i++) {
        assert_true(wait_fired(&probes[i], before[i] + 1, 2000 * MS));
    }
    g_usleep(30 * 1000);
    for (int i = 0; i < N; i++) {
        assert_int_equal(atomic_load(&probes[i].fired), before[i] + 1);
        timer_free(probes[i].timer);
    }
}

static atomic_int freed_itself;

static void free_self_cb(void *opaque)
{
    timer_free(*(Timer **)opaque);
    atomic_store(&freed_itself, 1);
}

static void test_callback_frees_itself(void **state)
{
    (void)state;
    static Timer *t;
    t = timer_new(TIMER_CLOCK_REALTIME, free_self_cb, &t);
    timer_mod(t, clock_get_ns(TIMER_CLOCK_REALTIME) + MS);
    for (int i = 0; i < 2000 && !atomic_load(&freed_itself); i++) {
        g_usleep(1000);
    }
    assert_int_equal(atomic_load(&freed_itself), 1);
}

/* A callback that re-arms itself in the past runs once per turn of the
 * loop, not in a loop of its own: other timers still fire. */
static void test_rearm_in_past_does_not_starve(void **state)
{
    (void)state;
    Probe busy, other;
    probe_init(&busy, TIMER_CLOCK_REALTIME);
    probe_init(&other, TIMER_CLOCK_REALTIME);
    busy.rearm_times = 1000000;
    busy.rearm_period = -100 * NANOSECONDS_PER_SECOND;   /* stays first */
    timer_mod(busy.timer, 0);
    int64_t deadline = clock_get_ns(TIMER_CLOCK_REALTIME) + 20 * MS;
    timer_mod(other.timer, deadline);
    assert_true(wait_fired(&other, 1, 3000 * MS));
    assert_true(atomic_load(&other.fired_at) < deadline + LATE_OK);
    assert_true(atomic_load(&busy.fired) > 1);
    device_lock();
    timer_free(busy.timer);
    device_unlock();
    timer_free(other.timer);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fires_once_on_main_loop),
        cmocka_unit_test(test_host_clock),
        cmocka_unit_test(test_rearm_earlier_from_thread_wakes),
        cmocka_unit_test(test_delete_prevents_firing),
        cmocka_unit_test(test_virtual_clock_stops_without_jump),
        cmocka_unit_test(test_virtual_clock_monotonic_across_threads),
        cmocka_unit_test(test_virtual_timer_waits_while_stopped),
        cmocka_unit_test(test_many_timers_in_order),
        cmocka_unit_test(test_callback_rearms_itself_and_deletes_other),
        cmocka_unit_test(test_past_deadline_fires),
        cmocka_unit_test(test_concurrent_arming),
        cmocka_unit_test(test_rearm_in_past_does_not_starve),
        cmocka_unit_test(test_callback_frees_itself),
    };
    return cmocka_run_group_tests(tests, main_loop_vm_group_setup, main_loop_group_teardown);
}
