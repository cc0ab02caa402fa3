/*
 * Unit tests of the Arm generic timer (target-arm/gtimer.c) with the main
 * loop's thread running and the VIRTUAL clock started and stopped as a
 * test needs: the count follows the VIRTUAL clock at CNTFRQ and stands
 * still with it; TVAL's signed 32-bit view; ISTATUS and the lines as the
 * Arm ARM (DDI 0487, D11.2.4) and qemu 7.2 define them; the line rising
 * at the deadline from the main loop; huge CVALs never arming; a vmstate
 * round trip re-raising the line; random writes from a fixed seed.
 *
 * With the clock stopped the count is fixed, so those checks are exact.
 * Lateness bounds with the clock running are loose (the machine is
 * shared): they tell "raised by the deadline's timer" from "never".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "main-loop-group.h"
#include "softmmu/device-lock.h"
#include "softmmu/main-loop.h"
#include "softmmu/timer.h"
#include "target-arm/gtimer.h"

#define MS (1000 * 1000LL)
#define LATE_OK (300 * MS)
/* qemu 7.2's virt: CNTFRQ_EL0 = 62.5 MHz (target-arm/cpu-models.c's
 * model value), so one count is 16 ns. */
#define VIRT_CNTFRQ 62500000ULL
#define NS_PER_COUNT 16

/* One interrupt line's receiver, as a GIC input would see it. */
typedef struct LineProbe {
    atomic_int level;
    atomic_int rises;
    _Atomic int64_t rose_at;        /* VIRTUAL clock at the last rise */
    atomic_bool unlocked_call;      /* set if called without the device lock */
} LineProbe;

typedef struct Fixture {
    ARMGenericTimer gt;
    IRQLine lines[GTIMER_COUNT];
    LineProbe probe[GTIMER_COUNT];
} Fixture;

static void line_handler(void *opaque, int n, int level)
{
    LineProbe *p = &((LineProbe *)opaque)[n];
    if (!device_lock_held()) {
        atomic_store(&p->unlocked_call, true);
    }
    if (level && !atomic_load(&p->level)) {
        atomic_store(&p->rose_at, vm_clock_ns());
        atomic_fetch_add(&p->rises, 1);
    }
    atomic_store(&p->level, level);
}

static Fixture *fixture_new(void)
{
    Fixture *f = g_new0(Fixture, 1);
    irq_lines_init(f->lines, GTIMER_COUNT, line_handler, f->probe);
    gtimer_init(&f->gt, VIRT_CNTFRQ, &f->lines[GTIMER_PHYS], &f->lines[GTIMER_VIRT]);
    return f;
}

static void fixture_free(Fixture *f)
{
    gtimer_finalize(&f->gt);
    for (int i = 0; i < GTIMER_COUNT; i++) {
        assert_false(atomic_load(&f->probe[i].unlocked_call));
    }
    g_free(f);
}

static int setup_test(void **state)
{
    vm_clock_start();
    *state = fixture_new();
    return 0;
}

static int teardown_test(void **state)
{
    fixture_free(*state);
    vm_clock_start();
    return 0;
}

static int level(Fixture *f, GTimerIndex i)
{
    return atomic_load(&f->probe[i].level);
}

/* Polls until timer i's line is at lvl or timeout_ns of REALTIME pass. */
static bool wait_level(Fixture *f, GTimerIndex i, int lvl, int64_t timeout_ns)
{
    int64_t end = clock_get_ns(TIMER_CLOCK_REALTIME) + timeout_ns;
    while (level(f, i) != lvl) {
        if (clock_get_ns(TIMER_CLOCK_REALTIME) > end) {
            return false;
        }
        g_usleep(500);
    }
    return true;
}

/* Each timer's registers, to run one check on both. */
static const struct {
    GTimerIndex timer;
    GTimerReg ctl, cval, tval;
} timers[] = {
    { GTIMER_PHYS, GTIMER_CNTP_CTL, GTIMER_CNTP_CVAL, GTIMER_CNTP_TVAL },
    { GTIMER_VIRT, GTIMER_CNTV_CTL, GTIMER_CNTV_CVAL, GTIMER_CNTV_TVAL },
};

/* ---- The count ---------------------------------------------------------- */

/* D11.1.2 "The system counter": the count increments at CNTFRQ; virt's
 * 62.5 MHz is 16 ns per count, exact (no drift) at any distance. */
static void test_count_conversion(void **state)
{
    Fixture *f = *state;
    assert_int_equal(gtimer_count_at(&f->gt, 0), 0);
    assert_int_equal(gtimer_count_at(&f->gt, 15), 0);
    assert_int_equal(gtimer_count_at(&f->gt, 16), 1);
    assert_int_equal(gtimer_count_at(&f->gt, NANOSECONDS_PER_SECOND), 62500000);
    int64_t ten_years = 10LL * 365 * 86400 * NANOSECONDS_PER_SECOND;
    assert_int_equal(gtimer_count_at(&f->gt, ten_years), ten_years / NS_PER_COUNT);
    assert_int_equal(gtimer_count_at(&f->gt, INT64_MAX), INT64_MAX / NS_PER_COUNT);

    /* Other frequencies: 25 MHz (40 ns), 1 GHz, and 24 MHz (a common real
     * board's, 41.67 ns, not a divisor of 1e9) stay exact too. */
    ARMGenericTimer g;
    gtimer_init(&g, 25000000, NULL, NULL);
    assert_int_equal(gtimer_count_at(&g, 39), 0);
    assert_int_equal(gtimer_count_at(&g, 40), 1);
    assert_int_equal(gtimer_count_at(&g, ten_years), ten_years / 40);
    gtimer_finalize(&g);
    gtimer_init(&g, 1000000000, NULL, NULL);
    assert_int_equal(gtimer_count_at(&g, 12345), 12345);
    gtimer_finalize(&g);
    gtimer_init(&g, 24000000, NULL, NULL);
    assert_int_equal(gtimer_count_at(&g, 41), 0);
    assert_int_equal(gtimer_count_at(&g, 42), 1);
    assert_int_equal(gtimer_count_at(&g, 1000LL * 86400 * NANOSECONDS_PER_SECOND),
                     24000000ULL * 86400 * 1000);
    gtimer_finalize(&g);
}

/* CNTPCT and CNTVCT (CNTVOFF = 0 without EL2) read the VIRTUAL clock at
 * 62.5 MHz while it runs, at the host's rate. */
static void test_count_follows_vm_clock(void **state)
{
    Fixture *f = *state;
    int64_t n1 = vm_clock_ns();
    uint64_t c = gtimer_read(&f->gt, GTIMER_CNTPCT);
    int64_t n2 = vm_clock_ns();
    assert_true(c >= (uint64_t)n1 / NS_PER_COUNT && c <= (uint64_t)n2 / NS_PER_COUNT);

    int64_t r0 = clock_get_ns(TIMER_CLOCK_REALTIME);
    uint64_t c1 = gtimer_read(&f->gt, GTIMER_CNTVCT);
    int64_t r1 = clock_get_ns(TIMER_CLOCK_REALTIME);
    g_usleep(50 * 1000);
    int64_t r2 = clock_get_ns(TIMER_CLOCK_REALTIME);
    uint64_t c2 = gtimer_read(&f->gt, GTIMER_CNTVCT);
    int64_t r3 = clock_get_ns(TIMER_CLOCK_REALTIME);
    /* The elapsed count lies between the shortest and the longest host
     * interval that can separate the two reads (one count of slack each). */
    assert_true(c2 - c1 + 1 >= (uint64_t)(r2 - r1) / NS_PER_COUNT);
    assert_true(c2 - c1 <= (uint64_t)(r3 - r0) / NS_PER_COUNT + 1);
}

/* The count stands still while the machine is stopped, and resumes from
 * where it stood. */
static void test_count_stops_with_vm_clock(void **state)
{
    Fixture *f = *state;
    vm_clock_stop();
    uint64_t c1 = gtimer_read(&f->gt, GTIMER_CNTPCT);
    g_usleep(30 * 1000);
    uint64_t c2 = gtimer_read(&f->gt, GTIMER_CNTPCT);
    assert_int_equal(c1, c2);
    assert_int_equal(gtimer_read(&f->gt, GTIMER_CNTVCT), c2);

    int64_t r0 = clock_get_ns(TIMER_CLOCK_REALTIME);
    vm_clock_start();
    g_usleep(5 * 1000);
    uint64_t c3 = gtimer_read(&f->gt, GTIMER_CNTPCT);
    int64_t r1 = clock_get_ns(TIMER_CLOCK_REALTIME);
    assert_true(c3 > c2);
    assert_true(c3 - c2 <= (uint64_t)(r1 - r0) / NS_PER_COUNT + 1);

    /* The counts are read-only: a write changes nothing. */
    gtimer_write(&f->gt, GTIMER_CNTPCT, 0);
    gtimer_write(&f->gt, GTIMER_CNTVCT, 0);
    assert_true(gtimer_read(&f->gt, GTIMER_CNTPCT) >= c3);
}

/* ---- TVAL, CVAL, CTL ------------------------------------------------------ */

/* D11.2.4: TimerValue reads as (CVAL - Count)[31:0], a signed 32-bit
 * number (bits [63:32] RES0); a write sets CVAL = Count +
 * SignExtend(value[31:0]). */
static void test_tval(void **state)
{
    Fixture *f = *state;
    g_usleep(20 * 1000);    /* a count well above 0 */
    vm_clock_stop();
    uint64_t c = gtimer_count(&f->gt);
    for (size_t k = 0; k < G_N_ELEMENTS(timers); k++) {
        GTimerReg cval = timers[k].cval, tval = timers[k].tval;

        gtimer_write(&f->gt, cval, c + 1000);
        assert_int_equal(gtimer_read(&f->gt, tval), 1000);

        gtimer_write(&f->gt, tval, (uint32_t)-100);
        assert_int_equal(gtimer_read(&f->gt, cval), c - 100);
        uint64_t v = gtimer_read(&f->gt, tval);
        assert_int_equal(v >> 32, 0);
        assert_int_equal((int32_t)v, -100);

        /* Bits [63:32] of a written TVAL are ignored. */
        gtimer_write(&f->gt, tval, 0xdeadbeef00000010ULL);
        assert_int_equal(gtimer_read(&f->gt, cval), c + 16);
        gtimer_write(&f->gt, tval, 0x00000001ffffffffULL);
        assert_int_equal(gtimer_read(&f->gt, cval), c - 1);

        /* The extremes of the signed view. */
        gtimer_write(&f->gt, tval, 0x80000000u);
        assert_int_equal(gtimer_read(&f->gt, cval), c - 0x80000000ULL);
        assert_int_equal((int32_t)gtimer_read(&f->gt, tval), INT32_MIN);
        gtimer_write(&f->gt, tval, 0x7fffffffu);
        assert_int_equal(gtimer_read(&f->gt, cval), c + 0x7fffffffULL);
        assert_int_equal((int32_t)gtimer_read(&f->gt, tval), INT32_MAX);

        /* A CVAL beyond 32 bits of the count wraps in the view. */
        gtimer_write(&f->gt, cval, c + (1ULL << 32) + 5);
        assert_int_equal(gtimer_read(&f->gt, tval), 5);
        gtimer_write(&f->gt, cval, c - 0x80000001ULL);
        assert_int_equal((int32_t)gtimer_read(&f->gt, tval), INT32_MAX);

        /* CVAL is a whole 64-bit register. */
        gtimer_write(&f->gt, cval, 0xfedcba9876543210ULL);
        assert_int_equal(gtimer_read(&f->gt, cval), 0xfedcba9876543210ULL);
    }
    /* The two timers are separate. */
    gtimer_write(&f->gt, GTIMER_CNTP_CVAL, 111);
    gtimer_write(&f->gt, GTIMER_CNTV_CVAL, 222);
    assert_int_equal(gtimer_read(&f->gt, GTIMER_CNTP_CVAL), 111);
    assert_int_equal(gtimer_read(&f->gt, GTIMER_CNTV_CVAL), 222);
}

/* D11.2.4 and CNTP_CTL_EL0: ISTATUS = Count >= CVAL (unsigned), not
 * affected by IMASK; read 0 while ENABLE is 0 (CNTP_CVAL_EL0: "the timer
 * condition is not met"; CNTP_CTL_EL0: UNKNOWN; qemu 7.2's
 * gt_recalc_timer: 0).  The line is ENABLE && ISTATUS &&
 * !IMASK. */
static void test_istatus_and_line(void **state)
{
    Fixture *f = *state;
    g_usleep(10 * 1000);
    vm_clock_stop();
    uint64_t c = gtimer_count(&f->gt);
    const uint64_t EN = GTIMER_CTL_ENABLE, IM = GTIMER_CTL_IMASK, IS = GTIMER_CTL_ISTATUS;
    for (size_t k = 0; k < G_N_ELEMENTS(timers); k++) {
        GTimerIndex i = timers[k].timer;
        GTimerReg ctl = timers[k].ctl, cval = timers[k].cval;

        assert_int_equal(gtimer_read(&f->gt, ctl), 0);     /* reset */
        gtimer_write(&f->gt, cval, c);
        assert_int_equal(gtimer_read(&f->gt, ctl), 0);     /* met, but disabled */
        assert_int_equal(level(f, i), 0);

        gtimer_write(&f->gt, ctl, EN);
        assert_int_equal(gtimer_read(&f->gt, ctl), EN | IS);
        assert_int_equal(level(f, i), 1);

        gtimer_write(&f->gt, ctl, EN | IM);                 /* IMASK: line falls */
        assert_int_equal(gtimer_read(&f->gt, ctl), EN | IM | IS);
        assert_int_equal(level(f, i), 0);
        gtimer_write(&f->gt, ctl, EN);
        assert_int_equal(level(f, i), 1);

        gtimer_write(&f->gt, cval, c + 1);                  /* future: falls */
        assert_int_equal(gtimer_read(&f->gt, ctl), EN);
        assert_int_equal(level(f, i), 0);
        gtimer_write(&f->gt, cval, 0);
        assert_int_equal(level(f, i), 1);

        gtimer_write(&f->gt, ctl, 0);                       /* disable: falls */
        assert_int_equal(gtimer_read(&f->gt, ctl), 0);
        assert_int_equal(level(f, i), 0);

        /* ISTATUS and bits [63:3] are not written. */
        gtimer_write(&f->gt, ctl, UINT64_MAX);
        assert_int_equal(gtimer_read(&f->gt, ctl), EN | IM | IS);
        assert_int_equal(level(f, i), 0);
        gtimer_write(&f->gt, ctl, IS);
        assert_int_equal(gtimer_read(&f->gt, ctl), 0);

        /* Unsigned: CVAL = UINT64_MAX is never met. */
        gtimer_write(&f->gt, cval, UINT64_MAX);
        gtimer_write(&f->gt, ctl, EN);
        assert_int_equal(gtimer_read(&f->gt, ctl), EN);
        assert_int_equal(level(f, i), 0);
        gtimer_write(&f->gt, ctl, 0);
    }
    /* The other timer's line never moved with this one's. */
    assert_int_equal(level(f, GTIMER_PHYS), 0);
    assert_int_equal(level(f, GTIMER_VIRT), 0);

    gtimer_write(&f->gt, GTIMER_CNTP_CVAL, 0);
    gtimer_write(&f->gt, GTIMER_CNTP_CTL, EN);
    assert_int_equal(level(f, GTIMER_PHYS), 1);
    assert_int_equal(level(f, GTIMER_VIRT), 0);
    gtimer_reset(&f->gt);
    assert_int_equal(level(f, GTIMER_PHYS), 0);
    assert_int_equal(gtimer_read(&f->gt, GTIMER_CNTP_CTL), 0);
}

/* ---- The line over time --------------------------------------------------- */

/* The condition comes true when the count reaches CVAL; the line rises
 * then, from the main loop, not before. */
static void test_line_rises_at_deadline(void **state)
{
    Fixture *f = *state;
    for (size_t k = 0; k < G_N_ELEMENTS(timers); k++) {
        GTimerIndex i = timers[k].timer;
        GTimerReg ctl = timers[k].ctl, cval = timers[k].cval;
        uint64_t target = gtimer_count(&f->gt) + 20 * MS / NS_PER_COUNT;
        gtimer_write(&f->gt, cval, target);
        gtimer_write(&f->gt, ctl, GTIMER_CTL_ENABLE);
        assert_int_equal(level(f, i), 0);

        assert_true(wait_level(f, i, 1, 2000 * MS));
        int64_t rose = atomic_load(&f->probe[i].rose_at);
        int64_t deadline = (int64_t)target * NS_PER_COUNT;
        assert_true(rose >= deadline);
        assert_true(gtimer_count_at(&f->gt, rose) >= target);
        assert_true(rose - deadline < LATE_OK);
        print_message("timer %d: line rose %.3f ms after the deadline\n", (int)i,
                      (rose - deadline) / 1e6);
        assert_true(gtimer_read(&f->gt, ctl) & GTIMER_CTL_ISTATUS);

        /* Moved to the future it falls, and rises again at the new time. */
        target = gtimer_count(&f->gt) + 10 * MS / NS_PER_COUNT;
        gtimer_write(&f->gt, cval, target);
        assert_int_equal(level(f, i), 0);
        assert_true(wait_level(f, i, 1, 2000 * MS));
        assert_true(atomic_load(&f->probe[i].rose_at) >= (int64_t)target * NS_PER_COUNT);

        /* TVAL arms the same way. */
        gtimer_write(&f->gt, timers[k].tval, 10 * MS / NS_PER_COUNT);
        assert_int_equal(level(f, i), 0);
        assert_true(wait_level(f, i, 1, 2000 * MS));

        gtimer_write(&f->gt, ctl, 0);
        assert_int_equal(level(f, i), 0);
    }
}

/* A masked timer's line stays low past its deadline, and rises when
 * unmasked; one armed while the machine is stopped waits for it. */
static void test_masked_and_stopped(void **state)
{
    Fixture *f = *state;
    uint64_t target = gtimer_count(&f->gt) + 5 * MS / NS_PER_COUNT;
    gtimer_write(&f->gt, GTIMER_CNTV_CVAL, target);
    gtimer_write(&f->gt, GTIMER_CNTV_CTL, GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK);
    g_usleep(30 * 1000);
    assert_int_equal(level(f, GTIMER_VIRT), 0);
    assert_int_equal(atomic_load(&f->probe[GTIMER_VIRT].rises), 0);
    gtimer_write(&f->gt, GTIMER_CNTV_CTL, GTIMER_CTL_ENABLE);
    assert_int_equal(level(f, GTIMER_VIRT), 1);

    vm_clock_stop();
    target = gtimer_count(&f->gt) + 5 * MS / NS_PER_COUNT;
    gtimer_write(&f->gt, GTIMER_CNTP_CVAL, target);
    gtimer_write(&f->gt, GTIMER_CNTP_CTL, GTIMER_CTL_ENABLE);
    g_usleep(50 * 1000);
    assert_int_equal(level(f, GTIMER_PHYS), 0);
    vm_clock_start();
    assert_true(wait_level(f, GTIMER_PHYS, 1, 2000 * MS));
    assert_true(atomic_load(&f->probe[GTIMER_PHYS].rose_at) >= (int64_t)target * NS_PER_COUNT);
}

/* A CVAL whose time is past the clock's int64 range never arms a host
 * timer (nor fires at once from an overflowed deadline). */
static void test_huge_cval_never_fires(void **state)
{
    Fixture *f = *state;
    const uint64_t huge[] = {
        UINT64_MAX, UINT64_MAX - 1, 1ULL << 63,
        (uint64_t)INT64_MAX / NS_PER_COUNT + 1,     /* first one past int64 ns */
    };
    for (size_t k = 0; k < G_N_ELEMENTS(timers); k++) {
        GTimerIndex i = timers[k].timer;
        for (size_t h = 0; h < G_N_ELEMENTS(huge); h++) {
            gtimer_write(&f->gt, timers[k].cval, huge[h]);
            gtimer_write(&f->gt, timers[k].ctl, GTIMER_CTL_ENABLE);
            assert_false(timer_pending(f->gt.ch[i].timer));
            assert_int_equal(gtimer_next_deadline_ns(&f->gt), -1);
        }
        /* The last CVAL whose time fits arms, far in the future. */
        gtimer_write(&f->gt, timers[k].cval, (uint64_t)INT64_MAX / NS_PER_COUNT);
        assert_true(timer_pending(f->gt.ch[i].timer));
        gtimer_write(&f->gt, timers[k].cval, UINT64_MAX);
        assert_false(timer_pending(f->gt.ch[i].timer));
    }
    g_usleep(30 * 1000);
    for (int i = 0; i < GTIMER_COUNT; i++) {
        assert_int_equal(atomic_load(&f->probe[i].rises), 0);
    }
}

/* The WFI bound: the earliest time an enabled, unmasked timer's
 * condition holds, at 16 ns per count. */
static void test_next_deadline(void **state)
{
    Fixture *f = *state;
    g_usleep(5 * 1000);
    vm_clock_stop();
    uint64_t c = gtimer_count(&f->gt);
    assert_int_equal(gtimer_next_deadline_ns(&f->gt), -1);
    gtimer_write(&f->gt, GTIMER_CNTP_CVAL, c + 100);
    assert_int_equal(gtimer_next_deadline_ns(&f->gt), -1);     /* disabled */
    gtimer_write(&f->gt, GTIMER_CNTP_CTL, GTIMER_CTL_ENABLE);
    assert_int_equal(gtimer_next_deadline_ns(&f->gt), (int64_t)(c + 100) * NS_PER_COUNT);
    gtimer_write(&f->gt, GTIMER_CNTV_CVAL, c + 50);
    gtimer_write(&f->gt, GTIMER_CNTV_CTL, GTIMER_CTL_ENABLE);
    assert_int_equal(gtimer_next_deadline_ns(&f->gt), (int64_t)(c + 50) * NS_PER_COUNT);
    gtimer_write(&f->gt, GTIMER_CNTV_CTL, GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK);
    assert_int_equal(gtimer_next_deadline_ns(&f->gt), (int64_t)(c + 100) * NS_PER_COUNT);
    /* A condition already met: a time not after now. */
    gtimer_write(&f->gt, GTIMER_CNTP_CVAL, c - 10);
    assert_true(gtimer_next_deadline_ns(&f->gt) <= vm_clock_ns());

    /* At a frequency that does not divide 1e9: the first ns whose count
     * reaches CVAL (24 MHz: count 1 at 42 ns, not 41). */
    ARMGenericTimer g;
    gtimer_init(&g, 24000000, NULL, NULL);
    gtimer_write(&g, GTIMER_CNTP_CVAL, 1);
    gtimer_write(&g, GTIMER_CNTP_CTL, GTIMER_CTL_ENABLE);
    assert_int_equal(gtimer_next_deadline_ns(&g), 42);
    gtimer_finalize(&g);
}

/* ---- State ---------------------------------------------------------------- */

static GByteArray *save(Fixture *f)
{
    GByteArray *s = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_arm_gtimer, &f->gt, s));
    return s;
}

static void load(Fixture *f, const GByteArray *s)
{
    size_t used = 0;
    char *err = NULL;
    assert_true(vmstate_load(&vmstate_arm_gtimer, &f->gt, s->data, s->len, &used, &err));
    assert_null(err);
    assert_int_equal(used, s->len);
}

/* CTLs and CVALs round-trip; loading re-raises a line whose condition
 * holds and re-arms a timer whose condition is ahead. */
static void test_vmstate_round_trip(void **state)
{
    Fixture *a = *state;
    g_usleep(5 * 1000);
    vm_clock_stop();
    uint64_t c = gtimer_count(&a->gt);
    gtimer_write(&a->gt, GTIMER_CNTP_CVAL, c - 1);
    gtimer_write(&a->gt, GTIMER_CNTP_CTL, GTIMER_CTL_ENABLE);
    gtimer_write(&a->gt, GTIMER_CNTV_CVAL, c + 1000);
    gtimer_write(&a->gt, GTIMER_CNTV_CTL, GTIMER_CTL_ENABLE);
    assert_int_equal(level(a, GTIMER_PHYS), 1);
    GByteArray *s = save(a);

    Fixture *b = fixture_new();
    load(b, s);
    for (GTimerReg r = GTIMER_CNTP_CTL; r < GTIMER_REG_COUNT; r++) {
        assert_int_equal(gtimer_read(&b->gt, r), gtimer_read(&a->gt, r));
    }
    assert_int_equal(level(b, GTIMER_PHYS), 1);
    assert_int_equal(level(b, GTIMER_VIRT), 0);
    assert_true(timer_pending(b->gt.ch[GTIMER_VIRT].timer));
    /* Loading the GIC after the timer sets its input as saved: low, if
     * the deadline passed just before the save with the expiry not yet
     * run.  gtimer_sync, run once everything is loaded, raises it. */
    atomic_store(&b->probe[GTIMER_PHYS].level, 0);
    gtimer_sync(&b->gt);
    assert_int_equal(level(b, GTIMER_PHYS), 1);
    assert_int_equal(level(b, GTIMER_VIRT), 0);
    assert_true(timer_pending(b->gt.ch[GTIMER_VIRT].timer));
    assert_int_equal(timer_expire_time(b->gt.ch[GTIMER_VIRT].timer),
                     (int64_t)(c + 1000) * NS_PER_COUNT);

    /* Back into a reset CPU: the line comes back. */
    gtimer_reset(&a->gt);
    assert_int_equal(level(a, GTIMER_PHYS), 0);
    load(a, s);
    assert_int_equal(level(a, GTIMER_PHYS), 1);

    /* The virtual timer then fires in b once the machine runs. */
    vm_clock_start();
    assert_true(wait_level(b, GTIMER_VIRT, 1, 2000 * MS));
    fixture_free(b);

    /* A stream with every CTL bit set loads only ENABLE and IMASK. */
    size_t header = 1 + strlen(vmstate_arm_gtimer.name) + 4;
    for (int i = 0; i < GTIMER_COUNT; i++) {
        memset(s->data + header + i * 16, 0xff, 8);     /* ctl, cval per timer */
    }
    load(a, s);
    for (int i = 0; i < GTIMER_COUNT; i++) {
        assert_int_equal(a->gt.ch[i].ctl, GTIMER_CTL_ENABLE | GTIMER_CTL_IMASK);
        assert_int_equal(level(a, i), 0);
    }
    g_byte_array_free(s, true);
}

/* ---- Anything a guest may write ------------------------------------------ */

static uint64_t random_value(GRand *r, uint64_t count)
{
    switch (g_rand_int_range(r, 0, 6)) {
    case 0: return ((uint64_t)g_rand_int(r) << 32) | g_rand_int(r);
    case 1: return count + (uint64_t)(int64_t)g_rand_int_range(r, -2000, 2000);
    case 2: return g_rand_int_range(r, 0, 8);
    case 3: return UINT64_MAX - g_rand_int_range(r, 0, 4);
    case 4: return (uint64_t)(int64_t)(int32_t)g_rand_int(r);
    default: return (uint64_t)g_rand_int_range(r, -3000, 3000);
    }
}

/* The architectural invariants, exact while the count stands still. */
static void check_invariants(Fixture *f, bool exact)
{
    uint64_t c = gtimer_count(&f->gt);
    for (size_t k = 0; k < G_N_ELEMENTS(timers); k++) {
        uint64_t ctl = gtimer_read(&f->gt, timers[k].ctl);
        assert_int_equal(ctl & ~7ULL, 0);
        assert_int_equal(gtimer_read(&f->gt, timers[k].tval) >> 32, 0);
        if (!exact) {
            continue;
        }
        uint64_t cval = gtimer_read(&f->gt, timers[k].cval);
        bool en = ctl & GTIMER_CTL_ENABLE;
        bool is = ctl & GTIMER_CTL_ISTATUS;
        assert_int_equal(is, en && c >= cval);
        assert_int_equal(level(f, timers[k].timer), is && !(ctl & GTIMER_CTL_IMASK));
        assert_int_equal((uint32_t)gtimer_read(&f->gt, timers[k].tval), (uint32_t)(cval - c));
    }
}

static void test_random_writes(void **state)
{
    Fixture *f = *state;
    GRand *r = g_rand_new_with_seed(20261207);
    for (int pass = 0; pass < 2; pass++) {
        bool stopped = pass == 0;
        if (stopped) {
            vm_clock_stop();
        } else {
            vm_clock_start();
        }
        for (int n = 0; n < 20000; n++) {
            /* Registers out of the enum's range as well. */
            GTimerReg reg = (GTimerReg)g_rand_int_range(r, -2, GTIMER_REG_COUNT + 2);
            uint64_t v = random_value(r, gtimer_count(&f->gt));
            if (g_rand_boolean(r)) {
                gtimer_write(&f->gt, reg, v);
            } else {
                (void)gtimer_read(&f->gt, reg);
            }
            check_invariants(f, stopped);
            if (n % 4096 == 0) {
                (void)gtimer_next_deadline_ns(&f->gt);
            }
        }
    }
    g_rand_free(r);
    gtimer_reset(&f->gt);
    assert_int_equal(level(f, GTIMER_PHYS), 0);
    assert_int_equal(level(f, GTIMER_VIRT), 0);
    assert_false(timer_pending(f->gt.ch[GTIMER_PHYS].timer));
    assert_false(timer_pending(f->gt.ch[GTIMER_VIRT].timer));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup_test, teardown_test)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_count_conversion),
        T(test_count_follows_vm_clock),
        T(test_count_stops_with_vm_clock),
        T(test_tval),
        T(test_istatus_and_line),
        T(test_line_rises_at_deadline),
        T(test_masked_and_stopped),
        T(test_huge_cval_never_fires),
        T(test_next_deadline),
        T(test_vmstate_round_trip),
        T(test_random_writes),
    };
    return cmocka_run_group_tests(tests, main_loop_vm_group_setup, main_loop_group_teardown);
}
