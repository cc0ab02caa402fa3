/*
 * Unit tests of the PL031 RTC (hw/rtc/pl031.c) through an address space,
 * mapped at the virt board's VIRT_RTC, with the main loop running for the
 * alarm.  Expected values are the TRM's (ARM DDI0224, 3.3 "Register
 * descriptions") and the host's clock (qemu's default -rtc base=utc):
 * IDs, the count following the host's seconds, RTCLR setting it, the
 * alarm raised when the count reaches RTCMR and cleared through RTCICR,
 * the state table's round trip, and random accesses that must not hurt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cmocka.h>

#include "hw/rtc/pl031.h"
#include "main-loop-group.h"
#include "mmio-board.h"
#include "softmmu/main-loop.h"

#define VIRT_RTC 0x09010000

/* DDI0224 3.2, Table 3-1. */
enum {
    RTCDR = 0x00, RTCMR = 0x04, RTCLR = 0x08, RTCCR = 0x0c,
    RTCIMSC = 0x10, RTCRIS = 0x14, RTCMIS = 0x18, RTCICR = 0x1c,
};

typedef struct Fixture {
    PL031State rtc;
    MMIOBoard board;
    LevelProbe gic;
} Fixture;

static int fixture_setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);
    pl031_init(&f->rtc);
    level_probe_init(&f->gic);
    f->rtc.irq = &f->gic.lines[0];
    mmio_board_init(&f->board, &f->rtc.iomem, VIRT_RTC);
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    Fixture *f = *state;
    mmio_board_destroy(&f->board, &f->rtc.iomem);
    device_lock();
    pl031_destroy(&f->rtc);
    device_unlock();
    g_free(f);
    return 0;
}

static uint32_t rd(Fixture *f, uint64_t offset)
{
    return mmio_read32(&f->board, offset);
}

static void wr(Fixture *f, uint64_t offset, uint32_t value)
{
    mmio_write32(&f->board, offset, value);
}

/* DDI0224 3.3, RTCPeriphID0-3: part number 0x031, designer 0x41 ('A'),
 * revision 1 (qemu's); RTCPCellID0-3: 0x0D 0xF0 0x05 0xB1 (all PrimeCells). */
static void test_ids(void **state)
{
    Fixture *f = *state;
    static const uint8_t expect[8] = { 0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    for (int i = 0; i < 8; i++) {
        assert_int_equal(rd(f, 0xfe0 + 4 * i), expect[i]);
    }
    uint32_t part = (rd(f, 0xfe0) & 0xff) | (rd(f, 0xfe4) & 0xf) << 8;
    assert_int_equal(part, 0x031);
    uint32_t designer = (rd(f, 0xfe4) >> 4) | (rd(f, 0xfe8) & 0xf) << 4;
    assert_int_equal(designer, 0x41);
}

/* RTCDR: seconds since the epoch, from the host's wall clock at reset. */
static void test_dr_follows_host_clock(void **state)
{
    Fixture *f = *state;
    time_t before = time(NULL);
    uint32_t dr = rd(f, RTCDR);
    time_t after = time(NULL);
    assert_true(dr >= (uint32_t)before && dr <= (uint32_t)after);

    g_usleep(1100 * 1000);
    uint32_t later = rd(f, RTCDR);
    assert_true(later - dr >= 1 && later - dr <= 2);
}

/* RTCLR: a write loads the counter, which counts on from there; a read
 * returns the value last loaded.  RTCDR is read-only. */
static void test_lr_sets_time(void **state)
{
    Fixture *f = *state;
    wr(f, RTCLR, 1000000);
    assert_int_equal(rd(f, RTCLR), 1000000);
    uint32_t dr = rd(f, RTCDR);
    assert_true(dr == 1000000 || dr == 1000001);

    wr(f, RTCDR, 5);
    dr = rd(f, RTCDR);
    assert_true(dr >= 1000000 && dr <= 1000001);

    /* Across the 2^32 wrap. */
    wr(f, RTCLR, 0xffffffff);
    g_usleep(1100 * 1000);
    dr = rd(f, RTCDR);
    assert_true(dr <= 1);
}

/* RTCCR bit 0 (RTCStart): qemu's clock always runs, reads 1. */
static void test_cr_reads_started(void **state)
{
    Fixture *f = *state;
    assert_int_equal(rd(f, RTCCR), 1);
    wr(f, RTCCR, 0);
    assert_int_equal(rd(f, RTCCR), 1);
    uint32_t dr = rd(f, RTCDR);
    g_usleep(1100 * 1000);
    assert_true(rd(f, RTCDR) != dr);
}

static bool wait_level(Fixture *f, int level, int timeout_ms)
{
    for (int i = 0; i < timeout_ms; i++) {
        if (atomic_load(&f->gic.level[0]) == level) {
            return true;
        }
        g_usleep(1000);
    }
    return false;
}

/* RTCMR, RTCIMSC, RTCRIS, RTCMIS, RTCICR: the raw status sets when the
 * count equals the match value; the line is RIS & IMSC; writing 1 to
 * RTCICR clears it. */
static void test_alarm(void **state)
{
    Fixture *f = *state;
    assert_int_equal(rd(f, RTCRIS), 0);
    wr(f, RTCIMSC, 1);
    assert_int_equal(rd(f, RTCIMSC), 1);
    uint32_t now = rd(f, RTCDR);
    wr(f, RTCMR, now + 2);
    assert_int_equal(rd(f, RTCMR), now + 2);
    assert_int_equal(rd(f, RTCRIS), 0);

    assert_true(wait_level(f, 1, 4000));
    /* Not before the count got there. */
    uint32_t at = rd(f, RTCDR);
    assert_true(at - now >= 2 && at - now <= 3);
    assert_int_equal(rd(f, RTCRIS), 1);
    assert_int_equal(rd(f, RTCMIS), 1);

    wr(f, RTCIMSC, 0);                  /* masked: the line drops, RIS stays */
    assert_int_equal(atomic_load(&f->gic.level[0]), 0);
    assert_int_equal(rd(f, RTCRIS), 1);
    assert_int_equal(rd(f, RTCMIS), 0);
    wr(f, RTCIMSC, 1);
    assert_int_equal(atomic_load(&f->gic.level[0]), 1);

    wr(f, RTCICR, 1);
    assert_int_equal(rd(f, RTCRIS), 0);
    assert_int_equal(rd(f, RTCMIS), 0);
    assert_int_equal(atomic_load(&f->gic.level[0]), 0);
    assert_int_equal(rd(f, RTCICR), 0);    /* write-only: reads 0 */
}

/* A match value equal to the count raises at once; loading the counter
 * to the match value does too. */
static void test_alarm_on_match_now_and_on_load(void **state)
{
    Fixture *f = *state;
    wr(f, RTCIMSC, 1);
    wr(f, RTCMR, 12345);
    assert_int_equal(rd(f, RTCRIS), 0);
    wr(f, RTCLR, 12345);
    assert_int_equal(rd(f, RTCRIS), 1);
    assert_int_equal(atomic_load(&f->gic.level[0]), 1);
    wr(f, RTCICR, 1);

    /* A match in the past is reached only after the wrap: no alarm. */
    wr(f, RTCMR, rd(f, RTCDR) - 10);
    g_usleep(1100 * 1000);
    assert_int_equal(rd(f, RTCRIS), 0);
}

static void test_bad_offsets(void **state)
{
    Fixture *f = *state;
    assert_int_equal(rd(f, 0x20), 0);
    assert_int_equal(rd(f, 0x800), 0);
    assert_int_equal(rd(f, 0xfdc), 0);
    wr(f, 0x20, 0xffffffff);
    wr(f, RTCRIS, 1);
    wr(f, RTCMIS, 1);
    wr(f, 0xfe0, 0);
    assert_int_equal(rd(f, RTCRIS), 0);
    assert_int_equal(rd(f, 0xfe0), 0x31);
    assert_int_equal(mmio_read(&f->board, RTCMR + 1, 1), 0);    /* inside a register */
}

/* The state table keeps the guest's time (as an offset from the host's,
 * so it goes on ticking) and the registers. */
static void test_vmstate_round_trip(void **state)
{
    Fixture *f = *state;
    wr(f, RTCLR, 2000000000u);
    wr(f, RTCMR, 2000000000u + 100);
    wr(f, RTCIMSC, 1);
    GByteArray *stream = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_pl031, &f->rtc, stream));

    Fixture *g = NULL;
    fixture_setup((void **)&g);
    size_t used = 0;
    char *err = NULL;
    device_lock();
    bool ok = vmstate_load(&vmstate_pl031, &g->rtc, stream->data, stream->len, &used, &err);
    device_unlock();
    assert_true(ok);
    assert_int_equal(used, stream->len);
    uint32_t dr = rd(g, RTCDR);
    assert_true(dr >= 2000000000u && dr <= 2000000001u);
    assert_int_equal(rd(g, RTCLR), 2000000000u);
    assert_int_equal(rd(g, RTCMR), 2000000000u + 100);
    assert_int_equal(rd(g, RTCIMSC), 1);
    assert_true(timer_pending(g->rtc.alarm));   /* the alarm is armed again */

    /* Truncated: refused. */
    assert_false(vmstate_load(&vmstate_pl031, &g->rtc, stream->data, stream->len - 1,
                              &used, &err));
    g_free(err);
    g_byte_array_free(stream, TRUE);
    void *gs = g;
    fixture_teardown(&gs);
}

static void test_random_mmio(void **state)
{
    Fixture *f = *state;
    mmio_fuzz(&f->board, PL031_MMIO_SIZE, 0x9e3779b97f4a7c15ull, 200000);
    /* Still a clock that answers. */
    assert_int_equal(rd(f, 0xffc), 0xb1);
    wr(f, RTCLR, 77);
    uint32_t dr = rd(f, RTCDR);
    assert_true(dr == 77 || dr == 78);
}

#define FIXTURE_TEST(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(test_ids),
        FIXTURE_TEST(test_dr_follows_host_clock),
        FIXTURE_TEST(test_lr_sets_time),
        FIXTURE_TEST(test_cr_reads_started),
        FIXTURE_TEST(test_alarm),
        FIXTURE_TEST(test_alarm_on_match_now_and_on_load),
        FIXTURE_TEST(test_bad_offsets),
        FIXTURE_TEST(test_vmstate_round_trip),
        FIXTURE_TEST(test_random_mmio),
    };
    return cmocka_run_group_tests(tests, main_loop_group_setup, main_loop_group_teardown);
}
