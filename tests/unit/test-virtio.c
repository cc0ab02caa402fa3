/*
 * Unit tests of the virtio core (hw/virtio/virtio.c, virtqueue.c) through
 * the virtio-mmio transport, driven as a guest driver would: registers
 * written through an address space, rings and buffers laid out in a
 * small RAM.  The oracle is the virtio 1.2 spec: the split ring layout
 * (2.7), the interrupt rules (2.7.7, 2.7.10) and, for every hostile
 * chain, what 2.1.2 asks of a device that cannot go on: DEVICE_NEEDS_RESET
 * in the status and a configuration change interrupt, until the driver
 * resets it.  A test device records what it popped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "virtio-board.h"

/* Where the test driver puts things in RAM. */
#define DESC        VQ_DESC(0)
#define AVAIL       VQ_AVAIL(0)
#define USED        VQ_USED(0)
#define INDIRECT    (RAM_BASE + 0x4000)
#define BUF         (RAM_BASE + 0x8000)
#define F_INDIRECT_DESC (1ull << 28)
#define F_EVENT_IDX (1ull << 29)

typedef struct Board {
    VirtIOBoard vb;
    VirtIODevice vdev;
    /* What the test device's handler saw. */
    int popped;
    VirtQueueElement last;
    VirtQueueSeg last_seg[8];
    bool push_back;             /* push each element with its in_len */
} Board;

static Board *board;

static void handler(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtQueueElement *e;
    while ((e = virtqueue_pop(vq))) {
        board->popped++;
        board->last = *e;
        memcpy(board->last_seg, e->seg,
               MIN(e->out_num + e->in_num, 8u) * sizeof(VirtQueueSeg));
        board->last.seg = board->last_seg;
        if (board->push_back) {
            uint32_t len = e->in_len;
            virtqueue_push(vq, e, len);
            virtio_notify(vdev, vq);
        } else {
            virtqueue_elem_free(e);
        }
    }
}

static uint64_t test_features(VirtIODevice *vdev)
{
    return 0;
}

static const VirtIODeviceClass test_class = {
    .name = "virtio-test", .device_id = 42, .get_features = test_features,
};

static uint32_t rd(uint64_t off) { return virtio_board_read(&board->vb, off); }
static void wr(uint64_t off, uint32_t v) { virtio_board_write(&board->vb, off, v); }

static void ram_w16(uint64_t a, uint16_t v) { address_space_write(&board->vb.bus.as, a, &v, 2); }
static uint16_t ram_r16(uint64_t a) { uint16_t v; address_space_read(&board->vb.bus.as, a, &v, 2); return v; }
static uint32_t ram_r32(uint64_t a) { uint32_t v; address_space_read(&board->vb.bus.as, a, &v, 4); return v; }

static void put_desc(uint64_t table, int i, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    virtio_board_put_desc(&board->vb, table, i, addr, len, flags, next);
}

/* The driver offers chain head as its n-th buffer and kicks. */
static void offer(uint16_t n, uint16_t head)
{
    ram_w16(AVAIL + 4 + 2 * (n % QSIZE), head);
    ram_w16(AVAIL + 2, n + 1);
    wr(R_QUEUE_NOTIFY, 0);
}

/* Initialisation as 3.1.1 says, modern, features as asked. */
static void driver_init(uint64_t features)
{
    virtio_board_driver_init(&board->vb, features, 1);
}

static int setup(void **state)
{
    board = g_new0(Board, 1);
    Board *b = board;
    assert_true(virtio_board_init(&b->vb, false));
    virtio_init(&b->vdev, &test_class, &b->vb.bus.as, false);
    virtio_add_queue(&b->vdev, QSIZE, handler);
    virtio_mmio_plug(&b->vb.mmio, &b->vdev);
    driver_init(F_VERSION_1 | F_INDIRECT_DESC);
    return 0;
}

static int teardown(void **state)
{
    Board *b = board;
    virtio_destroy(&b->vdev);
    virtio_board_destroy(&b->vb);
    g_free(b);
    board = NULL;
    return 0;
}

static void assert_broken(void)
{
    assert_int_equal(board->popped, 0);
    assert_true(rd(R_STATUS) & S_NEEDS_RESET);
    assert_true(rd(R_INTERRUPT_STATUS) & 2);    /* configuration change */
    assert_int_equal(board->vb.irq_level, 1);
    /* It pops nothing more, even a good chain, until reset. */
    put_desc(DESC, 5, BUF, 16, 0, 0);
    offer(1, 5);
    assert_int_equal(board->popped, 0);
    /* A reset brings it back (status 0, interrupt down). */
    wr(R_STATUS, 0);
    assert_int_equal(rd(R_STATUS), 0);
    assert_int_equal(board->vb.irq_level, 0);
    driver_init(F_VERSION_1 | F_INDIRECT_DESC);
    ram_w16(AVAIL + 2, 0);
    offer(0, 5);
    assert_int_equal(board->popped, 1);
}

static void test_identity(void **state)
{
    assert_int_equal(rd(0), 0x74726976);
    assert_int_equal(rd(R_VERSION), 2);
    assert_int_equal(rd(R_DEVICE_ID), 42);
    wr(R_DEVICE_FEATURES_SEL, 1);
    assert_int_equal(rd(R_DEVICE_FEATURES) & 1, 1);    /* VERSION_1 */
    wr(R_DEVICE_FEATURES_SEL, 0);
    assert_int_equal(rd(R_DEVICE_FEATURES), (uint32_t)(F_INDIRECT_DESC | F_EVENT_IDX));
    assert_int_equal(rd(R_QUEUE_NUM_MAX), 1024);        /* qemu's for any queue */
    wr(R_QUEUE_SEL, 1);
    assert_int_equal(rd(R_QUEUE_NUM_MAX), 0);          /* no such queue */
}

/* A chain of two readable and one writable descriptor, completed: the
 * used ring gets (head, len), the queue interrupt fires. */
static void test_good_chain(void **state)
{
    board->push_back = true;
    put_desc(DESC, 3, BUF, 16, F_NEXT, 7);
    put_desc(DESC, 7, BUF + 0x100, 100, F_NEXT, 1);
    put_desc(DESC, 1, BUF + 0x200, 512, F_WRITE, 0);
    offer(0, 3);
    assert_int_equal(board->popped, 1);
    assert_int_equal(board->last.head, 3);
    assert_int_equal(board->last.out_num, 2);
    assert_int_equal(board->last.in_num, 1);
    assert_int_equal(board->last.out_len, 116);
    assert_int_equal(board->last.in_len, 512);
    assert_int_equal(board->last_seg[2].addr, BUF + 0x200);
    assert_int_equal(ram_r16(USED + 2), 1);
    assert_int_equal(ram_r32(USED + 4), 3);
    assert_int_equal(ram_r32(USED + 8), 512);
    assert_int_equal(rd(R_INTERRUPT_STATUS), 1);
    assert_int_equal(board->vb.irq_level, 1);
    wr(R_INTERRUPT_ACK, 1);
    assert_int_equal(board->vb.irq_level, 0);
    assert_false(rd(R_STATUS) & S_NEEDS_RESET);
}

static void test_indirect(void **state)
{
    board->push_back = true;
    put_desc(INDIRECT, 0, BUF, 16, F_NEXT, 2);
    put_desc(INDIRECT, 2, BUF + 0x100, 64, F_WRITE, 0);
    put_desc(DESC, 0, INDIRECT, 4 * 16, F_INDIRECT, 0);
    offer(0, 0);
    assert_int_equal(board->popped, 1);
    assert_int_equal(board->last.out_len, 16);
    assert_int_equal(board->last.in_len, 64);
}

/* Element copies cross segment boundaries. */
static void test_elem_copy(void **state)
{
    Board *b = board;
    put_desc(DESC, 0, BUF, 3, F_NEXT, 1);
    put_desc(DESC, 1, BUF + 0x100, 5, 0, 0);
    address_space_write(&b->vb.bus.as, BUF, "abc", 3);
    address_space_write(&b->vb.bus.as, BUF + 0x100, "defgh", 5);
    offer(0, 0);
    assert_int_equal(b->popped, 1);
    char out[8] = { 0 };
    assert_int_equal(virtqueue_elem_read(&b->vdev, &b->last, 1, out, 7), 7);
    assert_memory_equal(out, "bcdefgh", 7);
    assert_int_equal(virtqueue_elem_read(&b->vdev, &b->last, 6, out, 7), 2);
}

/* Hostile chains: each must break the device, never mimic. */
typedef void Hostile(void);

static void h_loop(void)
{
    put_desc(DESC, 0, BUF, 16, F_NEXT, 1);
    put_desc(DESC, 1, BUF, 16, F_NEXT, 0);
    offer(0, 0);
}
static void h_self_loop(void)
{
    put_desc(DESC, 4, BUF, 16, F_NEXT | F_WRITE, 4);
    offer(0, 4);
}
static void h_outside_ram(void)
{
    put_desc(DESC, 0, 0x10000000, 16, 0, 0);
    offer(0, 0);
}
static void h_straddles_ram_end(void)
{
    put_desc(DESC, 0, RAM_BASE + RAM_SIZE - 8, 16, 0, 0);
    offer(0, 0);
}
static void h_huge_length(void)
{
    put_desc(DESC, 0, RAM_BASE, 0xffffffffu, F_WRITE, 0);
    offer(0, 0);
}
static void h_wrapping_address(void)
{
    put_desc(DESC, 0, UINT64_MAX - 4, 16, 0, 0);
    offer(0, 0);
}
static void h_buffer_is_mmio(void)
{
    /* A device-writable buffer over the transport's own registers. */
    put_desc(DESC, 0, MMIO_BASE, 0x100, F_WRITE, 0);
    offer(0, 0);
}
static void h_bad_head(void)
{
    offer(0, QSIZE + 5);
}
static void h_bad_next(void)
{
    put_desc(DESC, 0, BUF, 16, F_NEXT, QSIZE);
    offer(0, 0);
}
static void h_avail_idx_jump(void)
{
    put_desc(DESC, 0, BUF, 16, 0, 0);
    ram_w16(AVAIL + 4, 0);
    ram_w16(AVAIL + 2, QSIZE + 1);
    wr(R_QUEUE_NOTIFY, 0);
}
static void h_readable_after_writable(void)
{
    put_desc(DESC, 0, BUF, 16, F_WRITE | F_NEXT, 1);
    put_desc(DESC, 1, BUF, 16, 0, 0);
    offer(0, 0);
}
static void h_indirect_with_next(void)
{
    put_desc(INDIRECT, 0, BUF, 16, 0, 0);
    put_desc(DESC, 0, INDIRECT, 16, F_INDIRECT | F_NEXT, 1);
    put_desc(DESC, 1, BUF, 16, 0, 0);
    offer(0, 0);
}
static void h_indirect_nested(void)
{
    put_desc(INDIRECT, 0, INDIRECT, 16, F_INDIRECT, 0);
    put_desc(DESC, 0, INDIRECT, 16, F_INDIRECT, 0);
    offer(0, 0);
}
static void h_indirect_odd_length(void)
{
    put_desc(DESC, 0, INDIRECT, 24, F_INDIRECT, 0);
    offer(0, 0);
}
static void h_indirect_loop(void)
{
    put_desc(INDIRECT, 0, BUF, 16, F_NEXT, 1);
    put_desc(INDIRECT, 1, BUF, 16, F_NEXT, 0);
    put_desc(DESC, 0, INDIRECT, 32, F_INDIRECT, 0);
    offer(0, 0);
}
static void h_indirect_table_outside(void)
{
    put_desc(DESC, 0, 0x20000000, 64, F_INDIRECT, 0);
    offer(0, 0);
}
/* A modern reset and initialisation that puts queue 0's rings where
 * asked, then a kick. */
static void kick_with_rings(uint32_t desc, uint32_t avail, uint32_t used)
{
    wr(R_STATUS, 0);
    wr(R_STATUS, S_ACK | S_DRIVER);
    wr(R_DRIVER_FEATURES_SEL, 1);
    wr(R_DRIVER_FEATURES, (uint32_t)(F_VERSION_1 >> 32));
    wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
    wr(R_QUEUE_DESC_LOW, desc);
    wr(R_QUEUE_DRIVER_LOW, avail);
    wr(R_QUEUE_DEVICE_LOW, used);
    wr(R_QUEUE_READY, 1);
    wr(R_STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
    wr(R_QUEUE_NOTIFY, 0);
}
static void h_rings_outside_ram(void)
{
    kick_with_rings(0, 0x0badf000, 0);
}
static void h_rings_on_mmio(void)
{
    /* The available ring over the transport's QueueNotify register. */
    kick_with_rings((uint32_t)DESC, (uint32_t)(MMIO_BASE + R_QUEUE_NOTIFY - 2),
                    (uint32_t)(MMIO_BASE + R_QUEUE_NOTIFY));
}
static void h_indirect_not_negotiated(void)
{
    driver_init(F_VERSION_1);
    put_desc(INDIRECT, 0, BUF, 16, 0, 0);
    put_desc(DESC, 0, INDIRECT, 16, F_INDIRECT, 0);
    offer(0, 0);
}

static void run_hostile(void **state)
{
    Hostile *h = *state;
    h();
    assert_broken();
}

#define HOSTILE(fn) { #fn, run_hostile, setup, teardown, (void *)fn }

/* EVENT_IDX (2.7.10): the first completion interrupts (nothing was
 * signalled yet, as qemu does), then only once used_idx passes
 * used_event; and the device asks for the next kick through avail_event. */
static void test_event_idx(void **state)
{
    board->push_back = true;
    driver_init(F_VERSION_1 | F_EVENT_IDX);
    put_desc(DESC, 0, BUF, 16, F_WRITE, 0);
    offer(0, 0);
    assert_int_equal(board->vb.irq_level, 1);
    assert_int_equal(ram_r16(USED + 4 + 8 * QSIZE), 1); /* avail_event */
    wr(R_INTERRUPT_ACK, 1);
    ram_w16(AVAIL + 4 + 2 * QSIZE, 2);             /* used_event: after the 3rd */
    offer(1, 0);
    assert_int_equal(board->popped, 2);
    assert_int_equal(board->vb.irq_level, 0);
    offer(2, 0);
    assert_int_equal(board->popped, 3);
    assert_int_equal(board->vb.irq_level, 1);
    assert_int_equal(ram_r16(USED + 4 + 8 * QSIZE), 3);
}

/* Without EVENT_IDX, VIRTQ_AVAIL_F_NO_INTERRUPT suppresses it. */
static void test_no_interrupt_flag(void **state)
{
    board->push_back = true;
    ram_w16(AVAIL, 1);
    put_desc(DESC, 0, BUF, 16, F_WRITE, 0);
    offer(0, 0);
    assert_int_equal(board->popped, 1);
    assert_int_equal(board->vb.irq_level, 0);
    assert_int_equal(ram_r16(USED + 2), 1);
}

/* Offers a buffer of len device-writable bytes at BUF without a kick
 * and pops it, as a device that polls its queue would. */
static VirtQueueElement *pop_unkicked(uint32_t len)
{
    put_desc(DESC, 0, BUF, len, F_WRITE, 0);
    ram_w16(AVAIL + 4, 0);
    ram_w16(AVAIL + 2, 1);
    device_lock();
    VirtQueueElement *e = virtqueue_pop(&board->vdev.vq[0]);
    device_unlock();
    assert_non_null(e);
    return e;
}

/* An element popped before a reset is dropped when pushed after it. */
static void test_stale_push(void **state)
{
    Board *b = board;
    VirtQueueElement *e = pop_unkicked(16);
    wr(R_STATUS, 0);
    ram_w16(USED + 2, 0x1234);
    device_lock();
    virtqueue_push(&b->vdev.vq[0], e, 16);
    device_unlock();
    assert_int_equal(ram_r16(USED + 2), 0x1234);
}

/* Legacy (version 1, 4.2.4 and 2.7.2's layout): the rings at
 * QueuePFN * GuestPageSize, used ring aligned to QueueAlign. */
static void test_legacy_layout(void **state)
{
    Board *b = board;
    memory_region_del_subregion(&b->vb.bus.root, &b->vb.mmio.iomem);
    virtio_mmio_destroy(&b->vb.mmio);
    virtio_destroy(&b->vdev);
    virtio_mmio_init(&b->vb.mmio, true, &b->vb.irq);
    memory_region_add_subregion(&b->vb.bus.root, MMIO_BASE, &b->vb.mmio.iomem);
    virtio_init(&b->vdev, &test_class, &b->vb.bus.as, true);
    virtio_add_queue(&b->vdev, QSIZE, handler);
    virtio_mmio_plug(&b->vb.mmio, &b->vdev);
    b->push_back = true;
    assert_int_equal(rd(R_VERSION), 1);
    wr(R_STATUS, S_ACK | S_DRIVER);
    wr(R_DEVICE_FEATURES_SEL, 0);
    wr(R_DRIVER_FEATURES, rd(R_DEVICE_FEATURES) & ~(uint32_t)F_EVENT_IDX);
    wr(R_GUEST_PAGE_SIZE, 4096);
    wr(R_QUEUE_SEL, 0);
    wr(R_QUEUE_NUM, QSIZE);
    wr(R_QUEUE_ALIGN, 4096);
    wr(R_QUEUE_PFN, (uint32_t)(DESC >> 12));
    assert_int_equal(rd(R_QUEUE_PFN), DESC >> 12);
    wr(R_STATUS, S_ACK | S_DRIVER | S_DRIVER_OK);
    uint64_t avail = DESC + 16 * QSIZE;
    uint64_t used = (avail + 6 + 2 * QSIZE + 4095) & ~4095ull;
    put_desc(DESC, 2, BUF, 32, F_WRITE, 0);
    ram_w16(avail + 4, 2);
    ram_w16(avail + 2, 1);
    wr(R_QUEUE_NOTIFY, 0);
    assert_int_equal(b->popped, 1);
    assert_int_equal(ram_r16(used + 2), 1);
    assert_int_equal(ram_r32(used + 4), 2);
    assert_int_equal(ram_r32(used + 8), 32);
    assert_int_equal(b->vb.irq_level, 1);
    /* A legacy device has no NEEDS_RESET: a bad chain just stops it. */
    ram_w16(avail + 4 + 2, QSIZE + 1);
    ram_w16(avail + 2, 2);
    wr(R_QUEUE_NOTIFY, 0);
    assert_int_equal(b->popped, 1);
    assert_false(rd(R_STATUS) & S_NEEDS_RESET);
}

/* Device writes into RAM are reported to the address space's
 * ram_written hook (the soft MMU drops translated code there): the
 * buffer the device filled and the used ring entry and index. */
static uint64_t written_lo = UINT64_MAX, written_hi;

static void record_written(uint64_t addr, uint64_t len)
{
    written_lo = MIN(written_lo, addr);
    written_hi = MAX(written_hi, addr + len);
}

static void test_dma_reports_writes(void **state)
{
    Board *b = board;
    VirtQueueElement *e = pop_unkicked(8);
    b->vb.bus.as.ram_written = record_written;
    assert_int_equal(virtqueue_elem_write(&b->vdev, e, 0, "12345678", 8), 8);
    assert_int_equal(written_lo, BUF);
    assert_int_equal(written_hi, BUF + 8);
    written_lo = UINT64_MAX;
    written_hi = 0;
    device_lock();
    virtqueue_push(&b->vdev.vq[0], e, 8);
    device_unlock();
    b->vb.bus.as.ram_written = NULL;
    assert_int_equal(written_lo, USED + 2);    /* idx, after the entry at USED + 4 */
    assert_int_equal(written_hi, USED + 4 + 8);
}

/* Snapshot state goes through the tables and a hostile stream is refused. */
static void test_vmstate(void **state)
{
    Board *b = board;
    GByteArray *saved = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_virtio_core, &b->vdev, saved));
    VirtIODevice copy = b->vdev;
    size_t used;
    char *err = NULL;
    assert_true(vmstate_load(&vmstate_virtio_core, &copy, saved->data, saved->len, &used, &err));
    assert_int_equal(copy.vq[0].desc, DESC);
    assert_int_equal(copy.status, b->vdev.status);
    VirtIODevice evil = b->vdev;
    evil.vq[0].num = 2048;
    GByteArray *bad = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_virtio_core, &evil, bad));
    assert_false(vmstate_load(&vmstate_virtio_core, &copy, bad->data, bad->len, &used, &err));
    g_free(err);
    g_byte_array_free(saved, TRUE);
    g_byte_array_free(bad, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_identity, setup, teardown),
        cmocka_unit_test_setup_teardown(test_good_chain, setup, teardown),
        cmocka_unit_test_setup_teardown(test_indirect, setup, teardown),
        cmocka_unit_test_setup_teardown(test_elem_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_idx, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_interrupt_flag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_push, setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_layout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_vmstate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dma_reports_writes, setup, teardown),
        HOSTILE(h_loop),
        HOSTILE(h_self_loop),
        HOSTILE(h_outside_ram),
        HOSTILE(h_straddles_ram_end),
        HOSTILE(h_huge_length),
        HOSTILE(h_wrapping_address),
        HOSTILE(h_buffer_is_mmio),
        HOSTILE(h_bad_head),
        HOSTILE(h_bad_next),
        HOSTILE(h_avail_idx_jump),
        HOSTILE(h_readable_after_writable),
        HOSTILE(h_indirect_with_next),
        HOSTILE(h_indirect_nested),
        HOSTILE(h_indirect_odd_length),
        HOSTILE(h_indirect_loop),
        HOSTILE(h_indirect_table_outside),
        HOSTILE(h_rings_outside_ram),
        HOSTILE(h_rings_on_mmio),
        HOSTILE(h_indirect_not_negotiated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
