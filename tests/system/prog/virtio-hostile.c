/*
 * virtio-hostile: a driver for the virtio-rng behind the top virtio-mmio
 * transport (0x0a003e00, run with -device virtio-rng-device) on the
 * default legacy interface (virtio 1.2 spec 4.2.4, rings as 2.7.2 lays
 * them out), which first makes one good request, then feeds the device
 * hostile descriptor chains: a loop, a buffer outside RAM, a buffer
 * across RAM's end, a head index past the queue, an available index far
 * ahead, a self-referencing indirect table.  After each it prints what the
 * device shows (used index, status, ISR), resets it, sets it up again and
 * checks that a good request works.  Compared with qemu: the machine must
 * neither crash nor hang, and the device must answer nothing to a bad
 * chain and recover on reset.  Values depending on time or on the random
 * bytes are never printed.  For memory outside RAM only the recovery is
 * compared: qemu bounces a buffer at an unassigned address and completes
 * the request (and for one across RAM's end may leave ISR bits behind),
 * where mimic, as the design asks, stops the device (tests/unit/
 * test-virtio.c checks that against the spec).  qemu's own error lines
 * on stderr are dropped by the runner (--drop-oracle-lines).
 */
#include "rt.h"

#define MMIO        0x0a003e00UL
#define RING        (VIRT_RAM + 0x100000)   /* page aligned */
#define BUF         (VIRT_RAM + 0x110000)
#define INDIRECT    (VIRT_RAM + 0x120000)
#define QNUM        8
#define AVAIL       (RING + 16 * QNUM)
#define USED        ((AVAIL + 6 + 2 * QNUM + 4095) & ~4095UL)

enum {
    R_MAGIC = 0x000, R_VERSION = 0x004, R_DEVICE_ID = 0x008, R_VENDOR = 0x00c,
    R_DEVICE_FEATURES = 0x010, R_DRIVER_FEATURES = 0x020, R_GUEST_PAGE_SIZE = 0x028,
    R_QUEUE_SEL = 0x030, R_QUEUE_NUM_MAX = 0x034, R_QUEUE_NUM = 0x038,
    R_QUEUE_ALIGN = 0x03c, R_QUEUE_PFN = 0x040, R_QUEUE_NOTIFY = 0x050,
    R_ISR = 0x060, R_ACK = 0x064, R_STATUS = 0x070,
};
#define F_NEXT 1
#define F_WRITE 2
#define F_INDIRECT 4

static uint32_t rd(unsigned off) { return mmio_read32(MMIO + off); }
static void wr(unsigned off, uint32_t v) { mmio_write32(MMIO + off, v); }
static void w16(uint64_t a, uint16_t v) { *(volatile uint16_t *)a = v; }
static uint16_t r16(uint64_t a) { return *(volatile uint16_t *)a; }
static uint32_t r32(uint64_t a) { return *(volatile uint32_t *)a; }

static void put_desc(uint64_t table, unsigned i, uint64_t addr, uint32_t len, uint16_t flags,
                     uint16_t next)
{
    volatile uint32_t *d = (volatile uint32_t *)(table + 16 * i);
    d[0] = (uint32_t)addr;
    d[1] = (uint32_t)(addr >> 32);
    d[2] = len;
    d[3] = flags | (uint32_t)next << 16;
}

static uint16_t avail_idx;

static void setup_device(void)
{
    for (uint64_t a = RING; a < USED + 4096; a += 4)
        *(volatile uint32_t *)a = 0;
    avail_idx = 0;
    wr(R_STATUS, 0);
    wr(R_STATUS, 1);
    wr(R_STATUS, 3);
    wr(R_DRIVER_FEATURES, 1u << 28);        /* INDIRECT_DESC only */
    wr(R_GUEST_PAGE_SIZE, 4096);
    wr(R_QUEUE_SEL, 0);
    wr(R_QUEUE_NUM, QNUM);
    wr(R_QUEUE_ALIGN, 4096);
    wr(R_QUEUE_PFN, RING >> 12);
    wr(R_STATUS, 7);
}

/* Makes head available (the idx as given, or the next one) and kicks;
 * waits up to 200 ms for the used index to move. */
static void kick(uint16_t head, uint16_t idx)
{
    w16(AVAIL + 4 + 2 * (avail_idx % QNUM), head);
    avail_idx = idx;
    dsb(sy);
    w16(AVAIL + 2, avail_idx);
    dsb(sy);
    uint16_t before = r16(USED + 2);
    wr(R_QUEUE_NOTIFY, 0);
    uint64_t end = sysreg_read(cntvct_el0) + timer_freq() / 5;
    while (r16(USED + 2) == before && sysreg_read(cntvct_el0) < end)
        ;
}

static void show(const char *what)
{
    uint32_t isr = rd(R_ISR);
    wr(R_ACK, isr);
    rt_printf("%s: used idx %u, status 0x%x, isr 0x%x\n", what, r16(USED + 2), rd(R_STATUS),
              isr);
}

static void good_request(const char *what)
{
    put_desc(RING, 0, BUF, 64, F_WRITE, 0);
    kick(0, avail_idx + 1);
    uint32_t id = r32(USED + 4), len = r32(USED + 8);
    rt_printf("%s: used idx %u, id %u, len %u\n", what, r16(USED + 2), id, len);
    uint32_t isr = rd(R_ISR);
    wr(R_ACK, isr);
}

typedef void Hostile(void);

static void loop(void)
{
    put_desc(RING, 1, BUF, 16, F_WRITE | F_NEXT, 2);
    put_desc(RING, 2, BUF, 16, F_WRITE | F_NEXT, 1);
    kick(1, avail_idx + 1);
}

static void outside_ram(void)
{
    put_desc(RING, 3, 0x60000000UL, 64, F_WRITE, 0);
    kick(3, avail_idx + 1);
}

/* Across RAM's end (-m 256M).  (A length of gigabytes takes qemu a
 * minute of filling; tests/unit/test-virtio.c has that case.) */
static void past_ram_end(void)
{
    put_desc(RING, 3, VIRT_RAM + 0x10000000UL - 0x1000, 0x2000, F_WRITE, 0);
    kick(3, avail_idx + 1);
}

static void bad_head(void)
{
    kick(200, avail_idx + 1);
}

static void avail_jump(void)
{
    put_desc(RING, 0, BUF, 64, F_WRITE, 0);
    kick(0, avail_idx + 100);
}

static void indirect_loop(void)
{
    put_desc(INDIRECT, 0, BUF, 16, F_WRITE | F_NEXT, 1);
    put_desc(INDIRECT, 1, BUF, 16, F_WRITE | F_NEXT, 0);
    put_desc(RING, 4, INDIRECT, 32, F_INDIRECT, 0);
    kick(4, avail_idx + 1);
}

static const struct {
    const char *name;
    Hostile *fn;
    bool compared;              /* the device's state after it, too */
} cases[] = {
    { "loop", loop, true },
    { "outside-ram", outside_ram, false },
    { "past-ram-end", past_ram_end, false },
    { "bad-head", bad_head, true },
    { "avail-jump", avail_jump, true },
    { "indirect-loop", indirect_loop, true },
};

int main(void)
{
    rt_printf("magic 0x%x version %u device %u vendor 0x%x\n", rd(R_MAGIC), rd(R_VERSION),
              rd(R_DEVICE_ID), rd(R_VENDOR));
    wr(R_QUEUE_SEL, 0);
    rt_printf("features 0x%x queue max %u\n", rd(R_DEVICE_FEATURES), rd(R_QUEUE_NUM_MAX));
    setup_device();
    good_request("first request");
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        setup_device();
        cases[i].fn();
        if (cases[i].compared)
            show(cases[i].name);
        else
            rt_printf("%s: sent\n", cases[i].name);
        setup_device();
        good_request("  after reset");
    }
    rt_finish();
}
