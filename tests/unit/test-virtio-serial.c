/*
 * Unit tests of virtio-serial (hw/virtio/virtio-serial.c) on a modern
 * virtio-mmio transport, driven as the spec's multiport driver (virtio
 * 1.2, 5.3.6): the control conversation (DEVICE_READY, DEVICE_ADD,
 * PORT_READY, CONSOLE_PORT, PORT_NAME, PORT_OPEN), data both ways through
 * ringbuf chardevs, and hostile control messages (short, unknown port,
 * unknown event), which must leave the device working and silent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hw/virtio/virtio-serial.h"
#include "virtio-board.h"

#define NQUEUES     4           /* port 0's pair and the control pair */
/* Queue q's buffers at BUFS(q), 0x100 each. */
#define BUFS(q)     (VQ_DESC(q) + 0x4000)
#define BUFLEN      0x100

enum { RXQ0 = 0, TXQ0 = 1, CRXQ = 2, CTXQ = 3 };
enum {
    DEVICE_READY = 0, DEVICE_ADD = 1, PORT_READY = 3, CONSOLE_PORT = 4, PORT_OPEN = 6,
    PORT_NAME = 7,
};
#define F_MULTIPORT (1ull << 1)

static struct {
    VirtIOBoard vb;
    VirtIODevice *vdev;
    Chardev *con, *port;
    uint16_t avail[NQUEUES];    /* buffers offered per queue */
    uint16_t used_seen[NQUEUES];
} b;

static uint32_t rd(uint64_t off) { return virtio_board_read(&b.vb, off); }
static void wr(uint64_t off, uint32_t v) { virtio_board_write(&b.vb, off, v); }
static void ram_write(uint64_t a, const void *p, size_t n) { address_space_write(&b.vb.bus.as, a, p, n); }
static void ram_read(uint64_t a, void *p, size_t n) { address_space_read(&b.vb.bus.as, a, p, n); }

/* Offers one buffer of len bytes (device-writable or not) on queue q,
 * filled with data if given, and kicks. */
static void offer(unsigned q, const void *data, uint32_t len, bool writable)
{
    unsigned slot = b.avail[q] % QSIZE;
    uint64_t addr = BUFS(q) + slot * BUFLEN;
    if (data) {
        ram_write(addr, data, len);
    }
    virtio_board_put_desc(&b.vb, VQ_DESC(q), slot, addr, len, writable ? F_WRITE : 0, 0);
    uint16_t head = slot;
    ram_write(VQ_AVAIL(q) + 4 + 2 * slot, &head, 2);
    b.avail[q]++;
    ram_write(VQ_AVAIL(q) + 2, &b.avail[q], 2);
    wr(R_QUEUE_NOTIFY, q);
}

static void send_ctrl(uint32_t id, uint16_t event, uint16_t value)
{
    uint8_t m[8];
    memcpy(m, &id, 4);
    memcpy(m + 4, &event, 2);
    memcpy(m + 6, &value, 2);
    offer(CTXQ, m, sizeof(m), false);
}

static uint16_t used_idx(unsigned q)
{
    uint16_t v;
    ram_read(VQ_USED(q) + 2, &v, 2);
    return v;
}

/* The next used buffer of queue q: its bytes (up to BUFLEN) and length;
 * false if there is none. */
static bool next_used(unsigned q, uint8_t *buf, uint32_t *len)
{
    if (used_idx(q) == b.used_seen[q]) {
        return false;
    }
    uint32_t e[2];
    ram_read(VQ_USED(q) + 4 + 8 * (b.used_seen[q] % QSIZE), e, 8);
    b.used_seen[q]++;
    *len = e[1];
    if (buf) {
        ram_read(BUFS(q) + e[0] * BUFLEN, buf, MIN(e[1], BUFLEN));
    }
    return true;
}

/* The next control message must be (id, event, value)[name]. */
static void expect_ctrl(uint32_t id, uint16_t event, uint16_t value, const char *name)
{
    uint8_t m[BUFLEN];
    uint32_t len;
    assert_true(next_used(CRXQ, m, &len));
    uint32_t got_id;
    uint16_t got_event, got_value;
    memcpy(&got_id, m, 4);
    memcpy(&got_event, m + 4, 2);
    memcpy(&got_value, m + 6, 2);
    assert_int_equal(got_id, id);
    assert_int_equal(got_event, event);
    assert_int_equal(got_value, value);
    assert_int_equal(len, 8 + (name ? strlen(name) : 0));
    if (name) {
        assert_memory_equal(m + 8, name, strlen(name));
    }
}

static void expect_no_ctrl(void)
{
    uint32_t len;
    assert_false(next_used(CRXQ, NULL, &len));
    assert_false(rd(R_STATUS) & S_NEEDS_RESET);
}

static int setup(void **state)
{
    memset(&b, 0, sizeof(b));
    assert_true(virtio_board_init(&b.vb, false));
    static int n;
    g_autofree char *con = g_strdup_printf("ringbuf,id=con%d", n);
    g_autofree char *port = g_strdup_printf("ringbuf,id=port%d", n++);
    b.con = chardev_new_from_options(con, NULL);
    b.port = chardev_new_from_options(port, NULL);
    assert_non_null(b.con);
    assert_non_null(b.port);
    VirtIOSerialPortConfig ports[] = {
        { .nr = 3, .name = "org.test.port", .chr = b.port },
        { .nr = 0, .console = true, .chr = b.con },
    };
    b.vdev = virtio_serial_new(&b.vb.bus.as, false, ports, 2, NULL);
    assert_non_null(b.vdev);
    virtio_mmio_plug(&b.vb.mmio, b.vdev);
    wr(R_DEVICE_FEATURES_SEL, 0);
    assert_true(rd(R_DEVICE_FEATURES) & F_MULTIPORT);
    virtio_board_driver_init(&b.vb, F_VERSION_1 | F_MULTIPORT, NQUEUES);
    for (int i = 0; i < 8; i++) {
        offer(CRXQ, NULL, BUFLEN, true);
    }
    return 0;
}

static int teardown(void **state)
{
    virtio_board_destroy(&b.vb);
    return 0;
}

/* Config space (5.3.4): max_nr_ports is qemu's 31. */
static void test_config(void **state)
{
    assert_int_equal(rd(R_CONFIG + 4), 31);
}

/* The conversation of 5.3.6.1 for a console port and a named port (a
 * ringbuf is always open, so the host side is connected for both). */
static void test_conversation(void **state)
{
    send_ctrl(0, DEVICE_READY, 1);
    expect_ctrl(0, DEVICE_ADD, 1, NULL);
    expect_ctrl(3, DEVICE_ADD, 1, NULL);
    expect_no_ctrl();
    send_ctrl(0, PORT_READY, 1);
    expect_ctrl(0, CONSOLE_PORT, 1, NULL);
    expect_ctrl(0, PORT_OPEN, 1, NULL);
    send_ctrl(3, PORT_READY, 1);
    expect_ctrl(3, PORT_NAME, 1, "org.test.port");
    expect_ctrl(3, PORT_OPEN, 1, NULL);
    expect_no_ctrl();
}

/* Data both ways on the console port. */
static void test_data(void **state)
{
    send_ctrl(0, DEVICE_READY, 1);
    send_ctrl(0, PORT_READY, 1);
    while (next_used(CRXQ, NULL, &(uint32_t){ 0 })) {
    }
    offer(TXQ0, "hello, host", 11, false);
    uint8_t out[32];
    device_lock();
    size_t n = chardev_ringbuf_read(b.con, out, sizeof(out));
    device_unlock();
    assert_int_equal(n, 11);
    assert_memory_equal(out, "hello, host", 11);

    /* Input waits for the guest to open the port and post a buffer. */
    device_lock();
    assert_int_equal(chardev_receive(b.con, (const uint8_t *)"abc", 3), 0);
    device_unlock();
    offer(RXQ0, NULL, BUFLEN, true);
    device_lock();
    assert_int_equal(chardev_receive(b.con, (const uint8_t *)"abc", 3), 0);
    device_unlock();
    send_ctrl(0, PORT_OPEN, 1);
    device_lock();
    assert_int_equal(chardev_receive(b.con, (const uint8_t *)"abc", 3), 3);
    device_unlock();
    uint8_t in[BUFLEN];
    uint32_t len;
    assert_true(next_used(RXQ0, in, &len));
    assert_int_equal(len, 3);
    assert_memory_equal(in, "abc", 3);
    /* No buffer left: nothing taken. */
    device_lock();
    assert_int_equal(chardev_receive(b.con, (const uint8_t *)"d", 1), 0);
    device_unlock();
}

/* Bad control messages are dropped; the device goes on. */
static void test_hostile_control(void **state)
{
    offer(CTXQ, "\0\0\0\0", 4, false);                  /* short */
    offer(CTXQ, NULL, 8, true);                         /* nothing to read */
    send_ctrl(1000, PORT_READY, 1);                     /* no such port number */
    send_ctrl(0xffffffffu, PORT_OPEN, 1);
    send_ctrl(5, PORT_READY, 1);                        /* a port that does not exist */
    send_ctrl(0, 99, 1);                                /* unknown event */
    send_ctrl(0, DEVICE_ADD, 1);                        /* a device-to-driver event */
    send_ctrl(0, DEVICE_READY, 0);                      /* the driver failed */
    expect_no_ctrl();
    uint32_t len;
    for (int i = 0; i < 8; i++) {
        assert_true(next_used(CTXQ, NULL, &len));       /* all given back */
    }
    send_ctrl(0, DEVICE_READY, 1);
    expect_ctrl(0, DEVICE_ADD, 1, NULL);
    expect_ctrl(3, DEVICE_ADD, 1, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conversation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_control, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
