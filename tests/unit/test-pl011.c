/*
 * Unit tests of the PL011 UART (hw/char/pl011.c), mapped in an address
 * space at the virt board's 0x09000000 and driven as a guest would, with
 * a ring-buffer back end recording what it transmits.  Values come from
 * the PL011 TRM (ARM DDI 0183, r1p5) section 3, and from qemu 7.2 where
 * the model follows qemu (ID values, interrupt timing).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hw/char/pl011.h"
#include "softmmu/device-lock.h"

#define BASE 0x09000000ull

/* Register offsets, TRM table 3-1. */
enum {
    DR = 0x000, RSR = 0x004, FR = 0x018, ILPR = 0x020, IBRD = 0x024, FBRD = 0x028,
    LCR_H = 0x02c, CR = 0x030, IFLS = 0x034, IMSC = 0x038, RIS = 0x03c, MIS = 0x040,
    ICR = 0x044, DMACR = 0x048,
};
/* Bits, TRM 3.3. */
#define FR_TXFE  0x80
#define FR_RXFF  0x40
#define FR_TXFF  0x20
#define FR_RXFE  0x10
#define FR_BUSY  0x08
#define LCR_FEN  0x10
#define INT_RX   0x10
#define INT_TX   0x20
#define RSR_BE   0x04
#define DR_BE    0x400

typedef struct Board {
    MemoryRegion root;
    AddressSpace as;
    PL011State uart;
    IRQLine gic_input;
    int irq_level, irq_changes;
    Chardev *chr;
} Board;

static void gic_set(void *opaque, int n, int level)
{
    Board *b = opaque;
    b->irq_changes += b->irq_level != level;
    b->irq_level = level;
}

static Board *board_new(const char *backend)
{
    static int count;
    GError *err = NULL;
    Board *b = g_new0(Board, 1);
    char *opts = g_strdup_printf("%s,id=uart%d", backend, count++);
    b->chr = chardev_new_from_options(opts, &err);
    g_free(opts);
    assert_non_null(b->chr);
    irq_lines_init(&b->gic_input, 1, gic_set, b);
    assert_true(pl011_init(&b->uart, b->chr, &b->gic_input, &err));
    memory_region_init_container(&b->root, "system", 0);
    memory_region_add_subregion(&b->root, BASE, &b->uart.iomem);
    address_space_init(&b->as, &b->root, "memory");
    return b;
}

static void board_free(Board *b)
{
    address_space_destroy(&b->as);
    memory_region_del_subregion(&b->root, &b->uart.iomem);
    pl011_destroy(&b->uart);
    memory_region_destroy(&b->root);
    chardev_free(b->chr);
    g_free(b);
}

static uint64_t rd_sized(Board *b, uint64_t off, unsigned size)
{
    uint8_t buf[8] = { 0 };
    device_lock();
    assert_int_equal(address_space_read(&b->as, BASE + off, buf, size), MEMTX_OK);
    device_unlock();
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)buf[i] << (8 * i);
    }
    return v;
}

static uint32_t rd(Board *b, uint64_t off)
{
    return rd_sized(b, off, 4);
}

static void wr_sized(Board *b, uint64_t off, uint64_t value, unsigned size)
{
    uint8_t buf[8];
    for (unsigned i = 0; i < size; i++) {
        buf[i] = value >> (8 * i);
    }
    device_lock();
    assert_int_equal(address_space_write(&b->as, BASE + off, buf, size), MEMTX_OK);
    device_unlock();
}

static void wr(Board *b, uint64_t off, uint32_t value)
{
    wr_sized(b, off, value, 4);
}

/* Host input, as the back end hands it over. */
static size_t type(Board *b, const char *s, size_t len)
{
    device_lock();
    size_t n = chardev_receive(b->chr, (const uint8_t *)s, len);
    device_unlock();
    return n;
}

static void test_reset_and_ids(void **state)
{
    Board *b = board_new("ringbuf");
    /* TRM table 3-1 reset values; FR: TXFE and RXFE (both FIFOs empty). */
    assert_int_equal(rd(b, FR) & (FR_TXFE | FR_RXFF | FR_TXFF | FR_RXFE | FR_BUSY),
                     FR_TXFE | FR_RXFE);
    assert_int_equal(rd(b, CR), 0x0300);
    assert_int_equal(rd(b, IFLS), 0x12);
    assert_int_equal(rd(b, LCR_H), 0);
    assert_int_equal(rd(b, IMSC), 0);
    assert_int_equal(rd(b, RIS), 0);
    assert_int_equal(rd(b, MIS), 0);
    assert_int_equal(b->irq_level, 0);

    /* UARTPeriphID0-3 (TRM 3.3.16: part 0x011, designer 0x41; qemu gives
     * revision 1) and UARTPCellID0-3 (TRM 3.3.17: 0xB105F00D). */
    static const uint8_t ids[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
    for (int i = 0; i < 8; i++) {
        assert_int_equal(rd(b, 0xfe0 + 4 * i), ids[i]);
    }
    /* As Linux's AMBA bus reads them: the low byte of each word. */
    uint32_t periph = 0, cell = 0;
    for (int i = 0; i < 4; i++) {
        periph |= (rd(b, 0xfe0 + 4 * i) & 0xff) << (8 * i);
        cell |= (rd(b, 0xff0 + 4 * i) & 0xff) << (8 * i);
    }
    assert_int_equal(cell, 0xb105f00d);
    assert_int_equal(periph & 0xfffff, 0x41011);   /* designer ARM, PL011 */
    /* A byte read sees the same register. */
    assert_int_equal(rd_sized(b, 0xfe0, 1), 0x11);
    board_free(b);
}

static void test_transmit(void **state)
{
    Board *b = board_new("ringbuf");
    wr(b, IMSC, INT_TX);
    for (const char *p = "Hello\n"; *p; p++) {
        wr(b, DR, (uint8_t)*p);
        /* Sent at once: the transmitter is idle again. */
        assert_true(rd(b, FR) & FR_TXFE);
        assert_false(rd(b, FR) & FR_TXFF);
    }
    uint8_t got[16];
    assert_int_equal(chardev_ringbuf_read(b->chr, got, sizeof(got)), 6);
    assert_memory_equal(got, "Hello\n", 6);
    /* UARTDR's bits 31:8 are not data (TRM 3.3.1). */
    wr(b, DR, 0x1241);
    assert_int_equal(chardev_ringbuf_read(b->chr, got, sizeof(got)), 1);
    assert_int_equal(got[0], 0x41);

    /* TXRIS set, and with TXIM the line is up until UARTICR clears it. */
    assert_true(rd(b, RIS) & INT_TX);
    assert_int_equal(rd(b, MIS), INT_TX);
    assert_int_equal(b->irq_level, 1);
    wr(b, ICR, INT_TX);
    assert_false(rd(b, RIS) & INT_TX);
    assert_int_equal(b->irq_level, 0);
    /* Masked: raw status only. */
    wr(b, IMSC, 0);
    wr(b, DR, 'x');
    assert_true(rd(b, RIS) & INT_TX);
    assert_int_equal(rd(b, MIS), 0);
    assert_int_equal(b->irq_level, 0);
    /* Unmasking a pending interrupt raises the line (TRM 3.3.10). */
    wr(b, IMSC, INT_TX);
    assert_int_equal(b->irq_level, 1);
    board_free(b);
}

static void test_receive_interrupt(void **state)
{
    Board *b = board_new("ringbuf");
    wr(b, LCR_H, LCR_FEN | 0x60);       /* FIFOs on, 8 bits */
    wr(b, IMSC, INT_RX);
    assert_int_equal(b->irq_level, 0);
    assert_int_equal(type(b, "ab", 2), 2);
    assert_false(rd(b, FR) & FR_RXFE);
    assert_true(rd(b, RIS) & INT_RX);
    assert_int_equal(rd(b, MIS), INT_RX);
    assert_int_equal(b->irq_level, 1);
    assert_int_equal(rd(b, DR), 'a');
    assert_int_equal(b->irq_level, 1);  /* 'b' still waits */
    assert_int_equal(rd(b, DR), 'b');
    assert_true(rd(b, FR) & FR_RXFE);
    assert_false(rd(b, RIS) & INT_RX);
    assert_int_equal(b->irq_level, 0);

    /* UARTICR clears RXRIS while characters remain. */
    type(b, "c", 1);
    assert_int_equal(b->irq_level, 1);
    wr(b, ICR, INT_RX);
    assert_int_equal(b->irq_level, 0);
    assert_int_equal(rd(b, DR), 'c');

    /* Masked receive: the raw status alone. */
    wr(b, IMSC, 0);
    type(b, "d", 1);
    assert_true(rd(b, RIS) & INT_RX);
    assert_int_equal(b->irq_level, 0);
    assert_int_equal(rd(b, DR), 'd');
    /* Reading an empty FIFO returns no new data and changes nothing bad. */
    rd(b, DR);
    assert_true(rd(b, FR) & FR_RXFE);
    board_free(b);
}

static void test_fifo_full(void **state)
{
    Board *b = board_new("ringbuf");
    wr(b, LCR_H, LCR_FEN);
    const char *text = "0123456789abcdefXYZ";
    /* 16 entries (TRM 2.4.3), then the back end must hold the rest. */
    assert_int_equal(type(b, text, 19), 16);
    assert_true(rd(b, FR) & FR_RXFF);
    assert_int_equal(type(b, "X", 1), 0);
    assert_int_equal(rd(b, DR), '0');
    assert_false(rd(b, FR) & FR_RXFF);
    assert_int_equal(type(b, text + 16, 3), 1);
    for (int i = 1; i < 17; i++) {
        assert_int_equal(rd(b, DR) & 0xff, (uint8_t)text[i]);
    }
    assert_true(rd(b, FR) & FR_RXFE);
    board_free(b);
}

static void test_fifo_disabled(void **state)
{
    Board *b = board_new("ringbuf");
    /* FEN clear (reset): a one-character holding register (TRM 2.4.3). */
    assert_int_equal(type(b, "xy", 2), 1);
    assert_true(rd(b, FR) & FR_RXFF);
    assert_false(rd(b, FR) & FR_RXFE);
    assert_int_equal(rd(b, DR), 'x');
    assert_true(rd(b, FR) & FR_RXFE);
    assert_false(rd(b, FR) & FR_RXFF);
    assert_int_equal(type(b, "y", 1), 1);
    /* Switching the FIFO on empties it (qemu). */
    wr(b, LCR_H, LCR_FEN);
    assert_true(rd(b, FR) & FR_RXFE);
    assert_int_equal(type(b, "0123", 4), 4);
    board_free(b);
}

static void test_break_and_errors(void **state)
{
    /* Through a multiplexer: Ctrl-A b sends a break. */
    Board *b = board_new("ringbuf,mux=on");
    wr(b, LCR_H, LCR_FEN);
    type(b, "\001b", 2);
    /* A break reads as a NUL with BE (TRM 3.3.1), and UARTRSR shows BE
     * for it (TRM 3.3.2) until UARTECR is written. */
    assert_int_equal(rd(b, DR), DR_BE);
    assert_int_equal(rd(b, RSR), RSR_BE);
    wr(b, RSR, 0);
    assert_int_equal(rd(b, RSR), 0);

    /* Guest errors: logged, reads 0, no effect. */
    wr(b, RIS, 0xffff);
    wr(b, MIS, 0xffff);
    assert_int_equal(rd(b, RIS), 0);
    assert_int_equal(rd(b, ICR), 0);
    assert_int_equal(rd(b, 0x100), 0);
    wr(b, 0xfe0, 0x55);
    assert_int_equal(rd(b, 0xfe0), 0x11);
    wr(b, FR, 0);
    assert_true(rd(b, FR) & FR_TXFE);
    /* The plain registers keep what is written. */
    wr(b, IBRD, 0x1a);
    wr(b, FBRD, 0x3);
    wr(b, ILPR, 0x7);
    wr(b, DMACR, 0x4);
    assert_int_equal(rd(b, IBRD), 0x1a);
    assert_int_equal(rd(b, FBRD), 0x3);
    assert_int_equal(rd(b, ILPR), 0x7);
    assert_int_equal(rd(b, DMACR), 0x4);
    board_free(b);
}

static void test_vmstate(void **state)
{
    Board *b = board_new("ringbuf");
    wr(b, LCR_H, LCR_FEN | 0x70);
    wr(b, IBRD, 13);
    wr(b, FBRD, 1);
    wr(b, IMSC, INT_RX | INT_TX);
    wr(b, DR, 'z');
    type(b, "0123456789", 10);
    rd(b, DR);
    rd(b, DR);                      /* read_pos moves off 0 */
    GByteArray *saved = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_pl011, &b->uart, saved));

    Board *c = board_new("ringbuf");
    size_t used;
    char *err = NULL;
    assert_true(vmstate_load(&vmstate_pl011, &c->uart, saved->data, saved->len, &used, &err));
    assert_int_equal(used, saved->len);
    static const uint64_t regs[] = { FR, LCR_H, CR, IFLS, IMSC, RIS, MIS, IBRD, FBRD };
    for (size_t i = 0; i < G_N_ELEMENTS(regs); i++) {
        assert_int_equal(rd(c, regs[i]), rd(b, regs[i]));
    }
    assert_int_equal(c->irq_level, 1);
    for (const char *p = "23456789"; *p; p++) {
        assert_int_equal(rd(c, DR), *p);
    }
    assert_true(rd(c, FR) & FR_RXFE);
    /* The FIFO goes on working after the load. */
    assert_int_equal(type(c, "ab", 2), 2);
    assert_int_equal(rd(c, DR), 'a');

    /* A stream with the FIFO position out of range is refused. */
    PL011State bad = b->uart;
    bad.read_pos = 1000;
    GByteArray *evil = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_pl011, &bad, evil));
    assert_false(vmstate_load(&vmstate_pl011, &c->uart, evil->data, evil->len, &used, &err));
    g_free(err);
    err = NULL;
    bad = b->uart;
    bad.read_count = -3;
    g_byte_array_set_size(evil, 0);
    assert_true(vmstate_save(&vmstate_pl011, &bad, evil));
    assert_false(vmstate_load(&vmstate_pl011, &c->uart, evil->data, evil->len, &used, &err));
    g_free(err);

    g_byte_array_free(evil, true);
    g_byte_array_free(saved, true);
    board_free(c);
    board_free(b);
}

static uint64_t rng = 0x243f6a8885a308d3ull;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Any access, any size, any value, mixed with input and breaks: the model
 * keeps its FIFO in bounds and never crashes. */
static void ignore_quit(void *opaque)
{
    (*(int *)opaque)++;
}

static void test_random_accesses(void **state)
{
    Board *b = board_new("ringbuf,mux=on");
    int quits = 0;              /* random input types Ctrl-A x too */
    chardev_mux_set_quit_handler(ignore_quit, &quits);
    static const unsigned sizes[] = { 1, 2, 4, 8 };
    for (int i = 0; i < 200000; i++) {
        uint64_t r = next_random();
        unsigned size = sizes[r & 3];
        /* Mostly the registers, sometimes anywhere in or past the page. */
        uint64_t off = (r >> 8) & 1 ? (r >> 16) % 0x50 : (r >> 16) % 0x1010;
        off &= ~(uint64_t)(size - 1);
        uint64_t value = next_random();
        switch ((r >> 2) & 7) {
        case 0: case 1: case 2:
        case 3: case 4: case 5: {
            uint8_t buf[8];
            memcpy(buf, &value, 8);
            device_lock();
            MemTxResult res = ((r >> 2) & 7) < 3
                ? address_space_read(&b->as, BASE + off, buf, size)
                : address_space_write(&b->as, BASE + off, buf, size);
            device_unlock();
            /* Inside the page always answered; past it nothing is mapped. */
            assert_int_equal(res, off + size <= PL011_MMIO_SIZE ? MEMTX_OK
                                                                : MEMTX_DECODE_ERROR);
            break;
        }
        case 6: {
            char in[8];
            memcpy(in, &value, 8);
            type(b, in, (r >> 40) % 9);
            break;
        }
        case 7:
            type(b, "\001b", 2);
            break;
        }
        assert_true(b->uart.read_count >= 0 && b->uart.read_count <= PL011_FIFO_DEPTH);
        assert_true(b->uart.read_pos >= 0 && b->uart.read_pos < PL011_FIFO_DEPTH);
    }
    /* Random state streams: refused, or loaded into a model in bounds. */
    for (int i = 0; i < 2000; i++) {
        PL011State st = b->uart;
        uint32_t *words = &st.readbuff;
        size_t nwords = (offsetof(PL011State, read_trigger) - offsetof(PL011State, readbuff))
                        / 4 + 1;
        for (size_t w = 0; w < nwords; w++) {
            uint64_t r = next_random();
            words[w] = r & 1 ? (uint32_t)(r >> 32) : (uint32_t)(r >> 32) % 20;
        }
        GByteArray *stream = g_byte_array_new();
        assert_true(vmstate_save(&vmstate_pl011, &st, stream));
        size_t used;
        char *err = NULL;
        device_lock();
        if (vmstate_load(&vmstate_pl011, &b->uart, stream->data, stream->len, &used, &err)) {
            assert_true(b->uart.read_count >= 0 && b->uart.read_count <= PL011_FIFO_DEPTH);
            assert_true(b->uart.read_pos >= 0 && b->uart.read_pos < PL011_FIFO_DEPTH);
            for (int k = 0; k < 20; k++) {
                rd_sized(b, DR, 4);
                type(b, "q", 1);
            }
        } else {
            pl011_reset(&b->uart);
        }
        device_unlock();
        g_free(err);
        g_byte_array_free(stream, true);
    }
    board_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reset_and_ids),
        cmocka_unit_test(test_transmit),
        cmocka_unit_test(test_receive_interrupt),
        cmocka_unit_test(test_fifo_full),
        cmocka_unit_test(test_fifo_disabled),
        cmocka_unit_test(test_break_and_errors),
        cmocka_unit_test(test_vmstate),
        cmocka_unit_test(test_random_accesses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
