/*
 * Unit tests of virtio-blk (hw/virtio/virtio-blk.c) on a raw image in a
 * temporary file, through virtio-mmio (modern) in a small address space,
 * with requests laid out as a driver lays them out (header, data, status
 * byte; virtio 1.2 spec 5.2.6).  The oracle is the spec's status codes
 * and the image file's bytes read back by the host; requests that are
 * out of range or malformed must fail with the status the spec gives, or
 * break the device (no header), never reach the file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "hw/virtio/virtio-blk.h"
#include "virtio-board.h"

#define DESC        VQ_DESC(0)
#define AVAIL       VQ_AVAIL(0)
#define USED        VQ_USED(0)
#define HDR         (RAM_BASE + 0x5000)
#define DATA        (RAM_BASE + 0x8000)
#define STATUS      (RAM_BASE + 0x6000)
#define DISK_SIZE   (64 * 1024)

/* Request types and status (5.2.6). */
enum { T_IN = 0, T_OUT = 1, T_FLUSH = 4, T_GET_ID = 8, T_DISCARD = 11, T_WRITE_ZEROES = 13 };
enum { S_OK = 0, S_IOERR = 1, S_UNSUPP = 2 };
/* FLUSH, DISCARD, WRITE_ZEROES (5.2.3). */
#define FEATURES ((1u << 9) | (1u << 13) | (1u << 14))

typedef struct Board {
    VirtIOBoard vb;
    VirtIOBlock *blk;
    BlockDriverState *bs;
    char *path;
    uint16_t next;              /* the driver's avail idx */
} Board;

static Board *b;

static uint32_t rd(uint64_t off) { return virtio_board_read(&b->vb, off); }
static void wr(uint64_t off, uint32_t v) { virtio_board_write(&b->vb, off, v); }

static void put_desc(int i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
    virtio_board_put_desc(&b->vb, DESC, i, addr, len, flags, next);
}

static uint16_t used_idx(void)
{
    uint16_t v;
    address_space_read(&b->vb.bus.as, USED + 2, &v, 2);
    return v;
}

/* Offers the chain at 0 and waits for the worker to answer; the status
 * byte, or -1 if none came in 5 s. */
static int submit(void)
{
    uint16_t before = used_idx(), slot = b->next % QSIZE, zero = 0;
    address_space_write(&b->vb.bus.as, AVAIL + 4 + 2 * slot, &zero, 2);
    b->next++;
    address_space_write(&b->vb.bus.as, AVAIL + 2, &b->next, 2);
    uint8_t st = 0xff;
    address_space_write(&b->vb.bus.as, STATUS, &st, 1);
    wr(R_QUEUE_NOTIFY, 0);
    for (int i = 0; i < 5000 && used_idx() == before; i++) {
        g_usleep(1000);
    }
    if (used_idx() == before) {
        return -1;
    }
    address_space_read(&b->vb.bus.as, STATUS, &st, 1);
    return st;
}

/* header -> [data] -> status; data device-writable for reads. */
static int request(uint32_t type, uint64_t sector, uint32_t data_len, bool data_in)
{
    uint8_t hdr[16] = { 0 };
    memcpy(hdr, &type, 4);
    memcpy(hdr + 8, &sector, 8);
    address_space_write(&b->vb.bus.as, HDR, hdr, 16);
    if (data_len) {
        put_desc(0, HDR, 16, F_NEXT, 1);
        put_desc(1, DATA, data_len, F_NEXT | (data_in ? F_WRITE : 0), 2);
        put_desc(2, STATUS, 1, F_WRITE, 0);
    } else {
        put_desc(0, HDR, 16, F_NEXT, 2);
        put_desc(2, STATUS, 1, F_WRITE, 0);
    }
    return submit();
}

static void file_read(uint64_t off, void *buf, size_t len)
{
    g_autofree char *all = NULL;
    gsize n;
    assert_true(g_file_get_contents(b->path, &all, &n, NULL));
    assert_true(off + len <= n);
    memcpy(buf, all + off, len);
}

static int setup_flags(int flags);

static int setup(void **state)
{
    return setup_flags(0);
}

/* cache=none: O_DIRECT on the image, which refuses unaligned buffers;
 * skipped where the temporary folder's file system has no O_DIRECT. */
static int setup_nocache(void **state)
{
    return setup_flags(BDRV_O_NOCACHE);
}

static int setup_flags(int flags)
{
    b = g_new0(Board, 1);
    int fd = g_file_open_tmp("virtio-blk-XXXXXX", &b->path, NULL);
    assert_true(fd >= 0);
    uint8_t *fill = g_malloc(DISK_SIZE);
    for (int i = 0; i < DISK_SIZE; i++) {
        fill[i] = 0xa5;
    }
    assert_int_equal(write(fd, fill, DISK_SIZE), DISK_SIZE);
    close(fd);
    g_free(fill);
    b->bs = bdrv_open(b->path, "raw", BDRV_O_RDWR | flags, NULL);
    if (!b->bs && flags) {
        unlink(b->path);
        g_free(b->path);
        g_clear_pointer(&b, g_free);
        skip();
    }
    assert_non_null(b->bs);
    assert_true(virtio_board_init(&b->vb, false));
    VirtIOBlockOptions o = { .bs = b->bs, .writeback = true, .serial = "MIMIC-SERIAL-0123456789" };
    b->blk = virtio_blk_new(&o, &b->vb.bus.as, false);
    virtio_mmio_plug(&b->vb.mmio, virtio_blk_vdev(b->blk));
    virtio_board_driver_init(&b->vb, F_VERSION_1 | FEATURES, 1);
    return 0;
}

static int teardown(void **state)
{
    if (!b) {
        return 0;               /* skipped in setup */
    }
    virtio_blk_free(b->blk);
    bdrv_close(b->bs);
    unlink(b->path);
    g_free(b->path);
    virtio_board_destroy(&b->vb);
    g_free(b);
    return 0;
}

static void test_config(void **state)
{
    uint32_t cap_lo = rd(R_CONFIG), seg_max = rd(R_CONFIG + 12), blk_size = rd(R_CONFIG + 20);
    assert_int_equal(cap_lo, DISK_SIZE / 512);
    assert_int_equal(seg_max, 254);
    assert_int_equal(blk_size, 512);
}

static void test_write_read(void **state)
{
    uint8_t pat[4096], got[4096];
    for (int i = 0; i < 4096; i++) {
        pat[i] = i * 7 + 3;
    }
    address_space_write(&b->vb.bus.as, DATA, pat, sizeof(pat));
    assert_int_equal(request(T_OUT, 8, sizeof(pat), false), S_OK);
    file_read(8 * 512, got, sizeof(got));
    assert_memory_equal(got, pat, sizeof(pat));
    memset(got, 0, sizeof(got));
    address_space_write(&b->vb.bus.as, DATA, got, sizeof(got));
    assert_int_equal(request(T_IN, 8, sizeof(pat), true), S_OK);
    address_space_read(&b->vb.bus.as, DATA, got, sizeof(got));
    assert_memory_equal(got, pat, sizeof(pat));
    assert_int_equal(request(T_FLUSH, 0, 0, false), S_OK);
}

/* Bytes the device reported written into RAM (AddressSpace.ram_written),
 * which the soft MMU needs to drop translated code. */
static uint64_t ram_written_bytes;

static void record_ram_written(uint64_t addr, uint64_t len)
{
    assert_true(addr >= RAM_BASE && addr + len <= RAM_BASE + RAM_SIZE);
    ram_written_bytes += len;
}

/* A request whose data is three descriptors placed out of order in RAM,
 * as a driver's scatter-gather list of a fragmented buffer is: the
 * device must move each piece to the right place both ways (it maps them
 * straight into guest RAM), and report every byte it stored. */
static void test_scattered_data(void **state)
{
    static const struct { uint64_t addr; uint32_t len; } piece[3] = {
        { DATA + 0x2000, 1024 }, { DATA, 512 }, { DATA + 0x4000, 2560 },
    };
    uint8_t pat[4096], got[4096];
    for (int i = 0; i < 4096; i++) {
        pat[i] = i * 13 + 1;
    }
    for (int write = 1; write >= 0; write--) {
        uint32_t type = write ? T_OUT : T_IN;
        uint64_t sector = 24;
        uint8_t hdr[16] = { 0 };
        memcpy(hdr, &type, 4);
        memcpy(hdr + 8, &sector, 8);
        address_space_write(&b->vb.bus.as, HDR, hdr, 16);
        put_desc(0, HDR, 16, F_NEXT, 1);
        for (int i = 0, off = 0; i < 3; off += piece[i].len, i++) {
            uint8_t *src = write ? pat + off : got;
            if (!write) {
                memset(got, 0, sizeof(got));
            }
            address_space_write(&b->vb.bus.as, piece[i].addr, src, piece[i].len);
            put_desc(1 + i, piece[i].addr, piece[i].len, F_NEXT | (write ? 0 : F_WRITE), 2 + i);
        }
        put_desc(4, STATUS, 1, F_WRITE, 0);
        ram_written_bytes = 0;
        b->vb.bus.as.ram_written = record_ram_written;
        assert_int_equal(submit(), S_OK);
        b->vb.bus.as.ram_written = NULL;
        if (write) {
            file_read(sector * 512, got, sizeof(got));
            assert_memory_equal(got, pat, sizeof(pat));
        } else {
            for (int i = 0, off = 0; i < 3; off += piece[i].len, i++) {
                address_space_read(&b->vb.bus.as, piece[i].addr, got + off, piece[i].len);
            }
            assert_memory_equal(got, pat, sizeof(pat));
            /* The data and the status byte, at least. */
            assert_true(ram_written_bytes >= sizeof(pat) + 1);
        }
    }
}

static void test_out_of_range(void **state)
{
    uint8_t before[512], after[512];
    file_read(DISK_SIZE - 512, before, 512);
    assert_int_equal(request(T_IN, DISK_SIZE / 512, 512, true), S_IOERR);
    assert_int_equal(request(T_OUT, DISK_SIZE / 512 - 1, 1024, false), S_IOERR);
    assert_int_equal(request(T_OUT, UINT64_MAX - 1, 512, false), S_IOERR);
    assert_int_equal(request(T_IN, 0, 100, true), S_IOERR);     /* not whole sectors */
    file_read(DISK_SIZE - 512, after, 512);
    assert_memory_equal(before, after, 512);
}

static void test_get_id_and_unknown(void **state)
{
    char id[20];
    assert_int_equal(request(T_GET_ID, 0, 20, true), S_OK);
    address_space_read(&b->vb.bus.as, DATA, id, 20);
    assert_memory_equal(id, "MIMIC-SERIAL-0123456", 20);   /* 20 bytes, no NUL */
    assert_int_equal(request(99, 0, 0, false), S_UNSUPP);
}

static void put_dwz(uint64_t sector, uint32_t num, uint32_t flags)
{
    uint8_t seg[16];
    memcpy(seg, &sector, 8);
    memcpy(seg + 8, &num, 4);
    memcpy(seg + 12, &flags, 4);
    address_space_write(&b->vb.bus.as, DATA, seg, 16);
}

static void test_write_zeroes_discard(void **state)
{
    uint8_t got[1024], zero[1024] = { 0 };
    put_dwz(16, 2, 0);
    assert_int_equal(request(T_WRITE_ZEROES, 0, 16, false), S_OK);
    file_read(16 * 512, got, 1024);
    assert_memory_equal(got, zero, 1024);
    put_dwz(16, 2, 1);                          /* discard takes no flags */
    assert_int_equal(request(T_DISCARD, 0, 16, false), S_UNSUPP);
    put_dwz(DISK_SIZE / 512 - 1, 2, 0);         /* past the end */
    assert_int_equal(request(T_WRITE_ZEROES, 0, 16, false), S_IOERR);
    put_dwz(UINT64_MAX, 1, 0);
    assert_int_equal(request(T_DISCARD, 0, 16, false), S_IOERR);
    put_dwz(0, 1, 0);
    assert_int_equal(request(T_DISCARD, 0, 16, false), S_OK);
}

/* No room for a header: the device gives up (5.2.6.1), NEEDS_RESET,
 * and answers nothing. */
static void test_no_header(void **state)
{
    put_desc(0, HDR, 8, F_NEXT, 2);
    put_desc(2, STATUS, 1, F_WRITE, 0);
    uint16_t zero = 0;
    address_space_write(&b->vb.bus.as, AVAIL + 4, &zero, 2);
    b->next = 1;
    address_space_write(&b->vb.bus.as, AVAIL + 2, &b->next, 2);
    wr(R_QUEUE_NOTIFY, 0);
    for (int i = 0; i < 5000 && !(rd(R_STATUS) & 0x40); i++) {
        g_usleep(1000);
    }
    assert_true(rd(R_STATUS) & 0x40);
    assert_int_equal(used_idx(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_config, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scattered_data, setup, teardown),
        /* Aligned (straight into RAM) and unaligned (an aligned copy). */
        cmocka_unit_test_setup_teardown(test_write_read, setup_nocache, teardown),
        cmocka_unit_test_setup_teardown(test_scattered_data, setup_nocache, teardown),
        cmocka_unit_test_setup_teardown(test_out_of_range, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_id_and_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_zeroes_discard, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_header, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
