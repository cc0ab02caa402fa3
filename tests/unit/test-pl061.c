/*
 * Unit tests of the PL061 GPIO (hw/gpio/pl061.c) through an address
 * space, mapped at the virt board's VIRT_GPIO.  Expected values are the
 * TRM's (ARM DDI0190, 3.3 "Register descriptions") and, for the pins the
 * PL061 does not drive, qemu 7.2's pull-up/pull-down properties: IDs,
 * reset, GPIODATA's address mask, GPIODIR, every sense mode raised from
 * input lines, GPIOIC, outputs following data writes, the state table's
 * round trip, and random accesses that must not hurt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "hw/gpio/pl061.h"
#include "mmio-board.h"

#define VIRT_GPIO 0x09030000

/* DDI0190 3.2, Table 3-1. */
enum {
    GPIODATA = 0x000, GPIODIR = 0x400, GPIOIS = 0x404, GPIOIBE = 0x408,
    GPIOIEV = 0x40c, GPIOIE = 0x410, GPIORIS = 0x414, GPIOMIS = 0x418,
    GPIOIC = 0x41c, GPIOAFSEL = 0x420,
};

/* GPIODATA through the mask of bits [9:2] of the address (3.3, GPIODATA). */
static uint64_t data_at(uint8_t mask)
{
    return GPIODATA + ((uint64_t)mask << 2);
}

typedef struct Fixture {
    PL061State gpio;
    MMIOBoard board;
    LevelProbe pins;        /* out[i] -> pins.lines[i] */
    LevelProbe intc;        /* GPIOINTR -> intc.lines[0] */
} Fixture;

static Fixture *fixture_new(uint8_t pullups, uint8_t pulldowns)
{
    Fixture *f = g_new0(Fixture, 1);
    pl061_init(&f->gpio, pullups, pulldowns);
    level_probe_init(&f->pins);
    level_probe_init(&f->intc);
    for (int i = 0; i < PL061_NUM_GPIOS; i++) {
        f->gpio.out[i] = &f->pins.lines[i];
    }
    f->gpio.irq = &f->intc.lines[0];
    device_lock();
    pl061_reset(&f->gpio);
    device_unlock();
    mmio_board_init(&f->board, &f->gpio.iomem, VIRT_GPIO);
    return f;
}

static void fixture_free(Fixture *f)
{
    mmio_board_destroy(&f->board, &f->gpio.iomem);
    pl061_destroy(&f->gpio);
    g_free(f);
}

static int fixture_setup(void **state)
{
    *state = fixture_new(PL061_DEFAULT_PULLUPS, PL061_DEFAULT_PULLDOWNS);
    return 0;
}

static int fixture_teardown(void **state)
{
    fixture_free(*state);
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

/* The board drives input pin n. */
static void drive(Fixture *f, int n, int level)
{
    device_lock();
    irq_set_level(&f->gpio.in[n], level);
    device_unlock();
}

static int intr(Fixture *f)
{
    return atomic_load(&f->intc.level[0]);
}

/* 3.3, GPIOPeriphID0-3 part 0x061, designer 0x41; GPIOPCellID0-3
 * 0x0D 0xF0 0x05 0xB1. */
static void test_ids(void **state)
{
    Fixture *f = *state;
    static const uint8_t expect[8] = { 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    for (int i = 0; i < 8; i++) {
        assert_int_equal(rd(f, 0xfe0 + 4 * i), expect[i]);
    }
    uint32_t part = (rd(f, 0xfe0) & 0xff) | (rd(f, 0xfe4) & 0xf) << 8;
    assert_int_equal(part, 0x061);
}

/* 3.3: every register resets to 0 (all pins inputs, edge-sensitive, all
 * interrupts masked); qemu's default pulls show every pin as 1. */
static void test_reset(void **state)
{
    Fixture *f = *state;
    static const uint64_t regs[] = {
        GPIODIR, GPIOIS, GPIOIBE, GPIOIEV, GPIOIE, GPIORIS, GPIOMIS, GPIOAFSEL,
    };
    for (size_t i = 0; i < G_N_ELEMENTS(regs); i++) {
        assert_int_equal(rd(f, regs[i]), 0);
    }
    assert_int_equal(rd(f, data_at(0xff)), 0);
    for (int i = 0; i < PL061_NUM_GPIOS; i++) {
        assert_int_equal(atomic_load(&f->pins.level[i]), 1);
    }
    assert_int_equal(intr(f), 0);
}

/* The virt board pulls every pin down: all lines 0 after reset. */
static void test_virt_pulls(void **state)
{
    (void)state;
    Fixture *f = fixture_new(PL061_VIRT_PULLUPS, PL061_VIRT_PULLDOWNS);
    for (int i = 0; i < PL061_NUM_GPIOS; i++) {
        assert_int_equal(atomic_load(&f->pins.level[i]), 0);
    }
    wr(f, GPIODIR, 0x04);
    wr(f, data_at(0x04), 0x04);
    assert_int_equal(atomic_load(&f->pins.level[2]), 1);
    wr(f, GPIODIR, 0x00);               /* back to an input: pulled down */
    assert_int_equal(atomic_load(&f->pins.level[2]), 0);
    fixture_free(f);
}

/* Pulled-down inputs show 0, floating ones are never driven. */
static void test_pulls(void **state)
{
    (void)state;
    Fixture *f = fixture_new(0x0f, 0x30);
    for (int i = 0; i < PL061_NUM_GPIOS; i++) {
        int expect = i < 4 ? 1 : i < 6 ? 0 : -1;
        assert_int_equal(atomic_load(&f->pins.level[i]), expect);
    }
    /* Pin 7 as an output at 1, then an input again: it floats, so the
     * line keeps 1; pin 0 as an output at 0, then input: pulled up to 1. */
    wr(f, GPIODIR, 0x81);
    wr(f, data_at(0x81), 0x80);
    assert_int_equal(atomic_load(&f->pins.level[7]), 1);
    assert_int_equal(atomic_load(&f->pins.level[0]), 0);
    wr(f, GPIODIR, 0x00);
    assert_int_equal(atomic_load(&f->pins.level[7]), 1);
    assert_int_equal(atomic_load(&f->pins.level[0]), 1);
    fixture_free(f);
}

/* 3.3, GPIODATA: a read returns the pins whose address bit is set (others 0); a
 * write changes only the output pins whose address bit is set. */
static void test_data_mask_and_outputs(void **state)
{
    Fixture *f = *state;
    wr(f, GPIODIR, 0xff);
    assert_int_equal(rd(f, GPIODIR), 0xff);
    wr(f, data_at(0xff), 0x00);
    for (int i = 0; i < PL061_NUM_GPIOS; i++) {
        assert_int_equal(atomic_load(&f->pins.level[i]), 0);
    }

    wr(f, data_at(0x0f), 0xff);         /* only bits 3:0 change */
    assert_int_equal(rd(f, data_at(0xff)), 0x0f);
    assert_int_equal(rd(f, data_at(0x03)), 0x03);
    assert_int_equal(rd(f, data_at(0xf0)), 0x00);
    assert_int_equal(rd(f, data_at(0x00)), 0x00);
    for (int i = 0; i < PL061_NUM_GPIOS; i++) {
        assert_int_equal(atomic_load(&f->pins.level[i]), i < 4);
    }

    wr(f, data_at(0x00), 0x00);         /* masks everything: no change */
    assert_int_equal(rd(f, data_at(0xff)), 0x0f);
    wr(f, data_at(0x81), 0x80);         /* bit 7 set, bit 0 cleared */
    assert_int_equal(rd(f, data_at(0xff)), 0x8e);
    assert_int_equal(atomic_load(&f->pins.level[7]), 1);
    assert_int_equal(atomic_load(&f->pins.level[0]), 0);

    /* Lines are set only when they change. */
    int sets = atomic_load(&f->pins.sets[5]);
    wr(f, data_at(0xff), 0x8e);
    assert_int_equal(atomic_load(&f->pins.sets[5]), sets);
}

/* 3.3, GPIODIR: 1 = output, 0 = input.  Inputs show the board's level;
 * data writes do not change them; an output ignores what the board drives. */
static void test_direction(void **state)
{
    Fixture *f = *state;
    wr(f, GPIODIR, 0x0f);
    wr(f, data_at(0xff), 0xff);
    assert_int_equal(rd(f, data_at(0xff)), 0x0f);

    drive(f, 7, 1);
    assert_int_equal(rd(f, data_at(0xff)), 0x8f);
    assert_int_equal(rd(f, data_at(0x80)), 0x80);
    drive(f, 0, 0);                     /* an output */
    assert_int_equal(rd(f, data_at(0x01)), 0x01);
    drive(f, 7, 0);
    assert_int_equal(rd(f, data_at(0xff)), 0x0f);
}

/* Sets up pin n's sensing and enables its interrupt, clearing first
 * what the change of sense may have latched (as drivers do: a level
 * sense is live as soon as GPIOIS is written). */
static void sense(Fixture *f, int n, bool level, bool both, bool high)
{
    uint32_t bit = 1u << n;
    wr(f, GPIOIS, level ? bit : 0);
    wr(f, GPIOIBE, both ? bit : 0);
    wr(f, GPIOIEV, high ? bit : 0);
    wr(f, GPIOIC, bit);
    wr(f, GPIOIE, bit);
}

static void assert_raised(Fixture *f, int n, bool raised)
{
    uint32_t bit = 1u << n;
    assert_int_equal(rd(f, GPIORIS) & bit, raised ? bit : 0);
    assert_int_equal(rd(f, GPIOMIS) & bit, raised ? bit : 0);
    assert_int_equal(intr(f), raised);
}

/* 3.3, GPIOIS/GPIOIBE/GPIOIEV: edge, GPIOIEV=1: a rising edge. */
static void test_edge_rising(void **state)
{
    Fixture *f = *state;
    sense(f, 2, false, false, true);
    assert_raised(f, 2, false);
    drive(f, 2, 1);
    assert_raised(f, 2, true);
    wr(f, GPIOIC, 1u << 2);             /* 3.3, GPIOIC */
    assert_raised(f, 2, false);
    drive(f, 2, 0);                     /* falling: nothing */
    assert_raised(f, 2, false);
    drive(f, 2, 1);
    assert_raised(f, 2, true);
}

/* Edge, GPIOIEV=0: a falling edge. */
static void test_edge_falling(void **state)
{
    Fixture *f = *state;
    sense(f, 5, false, false, false);
    drive(f, 5, 1);
    assert_raised(f, 5, false);
    drive(f, 5, 0);
    assert_raised(f, 5, true);
    wr(f, GPIOIC, 0xff);
    assert_raised(f, 5, false);
}

/* GPIOIBE=1: both edges, GPIOIEV ignored. */
static void test_edge_both(void **state)
{
    Fixture *f = *state;
    sense(f, 6, false, true, false);
    drive(f, 6, 1);
    assert_raised(f, 6, true);
    wr(f, GPIOIC, 1u << 6);
    assert_raised(f, 6, false);
    drive(f, 6, 0);
    assert_raised(f, 6, true);
    wr(f, GPIOIC, 1u << 6);
    drive(f, 6, 0);                     /* no change, no edge */
    assert_raised(f, 6, false);
}

/* Level, GPIOIEV=1: raised while high; clearing while still high raises
 * again at once. */
static void test_level_high(void **state)
{
    Fixture *f = *state;
    sense(f, 1, true, false, true);
    assert_raised(f, 1, false);
    drive(f, 1, 1);
    assert_raised(f, 1, true);
    wr(f, GPIOIC, 1u << 1);
    assert_raised(f, 1, true);
    drive(f, 1, 0);
    wr(f, GPIOIC, 1u << 1);
    assert_raised(f, 1, false);
}

/* Level, GPIOIEV=0: raised while low, so at once for an idle pin. */
static void test_level_low(void **state)
{
    Fixture *f = *state;
    sense(f, 4, true, false, false);
    assert_raised(f, 4, true);
    drive(f, 4, 1);
    wr(f, GPIOIC, 1u << 4);
    assert_raised(f, 4, false);
    drive(f, 4, 0);
    assert_raised(f, 4, true);
}

/* 3.3, GPIOIE/GPIORIS/GPIOMIS: a raised but masked pin shows in GPIORIS only. */
static void test_mask(void **state)
{
    Fixture *f = *state;
    sense(f, 3, false, false, true);
    wr(f, GPIOIE, 0);
    drive(f, 3, 1);
    assert_int_equal(rd(f, GPIORIS), 1u << 3);
    assert_int_equal(rd(f, GPIOMIS), 0);
    assert_int_equal(intr(f), 0);
    wr(f, GPIOIE, 1u << 3);
    assert_int_equal(rd(f, GPIOMIS), 1u << 3);
    assert_int_equal(intr(f), 1);
}

/* The virt board's power button: a pulse on pin 3, which Linux's
 * gpio-keys sees as an edge. */
static void test_power_button_pulse(void **state)
{
    Fixture *f = *state;
    sense(f, 3, false, false, true);
    device_lock();
    irq_pulse(&f->gpio.in[3]);
    device_unlock();
    assert_raised(f, 3, true);
    assert_int_equal(rd(f, data_at(0x08)), 0);
}

static void test_bad_offsets(void **state)
{
    Fixture *f = *state;
    wr(f, GPIORIS, 0xff);
    wr(f, GPIOMIS, 0xff);
    wr(f, 0x424, 0xff);
    wr(f, 0xfe0, 0);
    assert_int_equal(rd(f, GPIORIS), 0);
    assert_int_equal(rd(f, GPIOIC), 0);
    assert_int_equal(rd(f, 0x424), 0);
    assert_int_equal(rd(f, 0x800), 0);
    assert_int_equal(rd(f, 0xfe0), 0x61);
    wr(f, GPIOAFSEL, 0x1ff);
    assert_int_equal(rd(f, GPIOAFSEL), 0xff);
}

static void test_vmstate_round_trip(void **state)
{
    Fixture *f = *state;
    wr(f, GPIODIR, 0xf0);
    wr(f, data_at(0xff), 0xa0);
    sense(f, 1, false, true, false);
    drive(f, 1, 1);
    wr(f, GPIOAFSEL, 0x42);
    static const uint64_t regs[] = {
        GPIODIR, GPIOIS, GPIOIBE, GPIOIEV, GPIOIE, GPIORIS, GPIOMIS, GPIOAFSEL,
    };
    GByteArray *stream = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_pl061, &f->gpio, stream));

    Fixture *g = fixture_new(PL061_DEFAULT_PULLUPS, PL061_DEFAULT_PULLDOWNS);
    size_t used = 0;
    char *err = NULL;
    assert_true(vmstate_load(&vmstate_pl061, &g->gpio, stream->data, stream->len, &used, &err));
    assert_int_equal(used, stream->len);
    for (size_t i = 0; i < G_N_ELEMENTS(regs); i++) {
        assert_int_equal(rd(g, regs[i]), rd(f, regs[i]));
    }
    assert_int_equal(rd(g, data_at(0xff)), 0xa2);
    /* The edge memory came along: pin 1 staying high is no new edge. */
    wr(g, GPIOIC, 0xff);
    drive(g, 1, 1);
    assert_int_equal(rd(g, GPIORIS), 0);
    drive(g, 1, 0);
    assert_int_equal(rd(g, GPIORIS), 1u << 1);

    g_byte_array_free(stream, TRUE);
    fixture_free(g);
}

static void test_random_mmio(void **state)
{
    Fixture *f = *state;
    mmio_fuzz(&f->board, PL061_MMIO_SIZE, 0x2545f4914f6cdd1dull, 200000);
    for (int i = 0; i < 8; i++) {
        drive(f, i, i & 1);
    }
    assert_int_equal(rd(f, 0xffc), 0xb1);
    wr(f, GPIODIR, 0xff);
    wr(f, data_at(0xff), 0x5a);
    assert_int_equal(rd(f, data_at(0xff)), 0x5a);
}

#define FIXTURE_TEST(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(test_ids),
        FIXTURE_TEST(test_reset),
        cmocka_unit_test(test_pulls),
        cmocka_unit_test(test_virt_pulls),
        FIXTURE_TEST(test_data_mask_and_outputs),
        FIXTURE_TEST(test_direction),
        FIXTURE_TEST(test_edge_rising),
        FIXTURE_TEST(test_edge_falling),
        FIXTURE_TEST(test_edge_both),
        FIXTURE_TEST(test_level_high),
        FIXTURE_TEST(test_level_low),
        FIXTURE_TEST(test_mask),
        FIXTURE_TEST(test_power_button_pulse),
        FIXTURE_TEST(test_bad_offsets),
        FIXTURE_TEST(test_vmstate_round_trip),
        FIXTURE_TEST(test_random_mmio),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
