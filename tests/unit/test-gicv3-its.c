/*
 * Unit tests of the GICv3 LPIs (hw/intc/arm-gicv3-lpi.c) and the ITS
 * (hw/intc/arm-gicv3-its.c), driven as Linux's irq-gic-v3-its driver
 * drives them: tables and the command queue in RAM at 0x40000000, the
 * ITS at virt's 0x08080000, commands written to the queue and CWRITER
 * bumped, MSIs written to GITS_TRANSLATER with a requester ID beside
 * them, the CPU taking LPIs through ICC_IAR1_EL1.  Expected values come
 * from IHI 0069 (cited by section): command layouts (5.3), register
 * fields (12.19), LPI configuration bytes (5.1.1); and hostile commands
 * and tables must leave the ITS stalled or the command ignored, never
 * a write outside RAM.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gic-bench.h"
#include "hw/intc/arm-gicv3-its.h"

#define REDIST  0x080a0000ull
#define ITS     0x08080000ull
#define RAM     0x40000000ull
#define RAM_SIZE 0x400000ull

/* Where the driver's tables go in RAM. */
#define PROP_TABLE  (RAM + 0x000000)    /* 64 KiB: 2^16 - 8192 config bytes */
#define PEND_TABLE  (RAM + 0x010000)    /* 64 KiB aligned, one per CPU */
#define CMD_QUEUE   (RAM + 0x100000)    /* 64 KiB: 2048 commands */
#define DEV_TABLE   (RAM + 0x200000)    /* 2^16 8-byte entries: 512 KiB */
#define COLL_TABLE  (RAM + 0x180000)    /* one 64 KiB page */
#define ITT_BASE    (RAM + 0x300000)

enum {
    GICD_CTLR = 0x0, GICD_TYPER = 0x4, GICD_IGROUPR = 0x80, GICD_ISENABLER = 0x100,
    GICD_IPRIORITYR = 0x400, GICD_IROUTER = 0x6000,
    GICR_CTLR = 0x0, GICR_TYPER = 0x8, GICR_WAKER = 0x14,
    GICR_PROPBASER = 0x70, GICR_PENDBASER = 0x78,
    GITS_CTLR = 0x0, GITS_IIDR = 0x4, GITS_TYPER = 0x8, GITS_CBASER = 0x80,
    GITS_CWRITER = 0x88, GITS_CREADR = 0x90, GITS_BASER = 0x100, GITS_PIDR2 = 0xffe8,
    GITS_TRANSLATER = 0x10040,
};

/* Command numbers (5.3, Table 5-4). */
enum {
    MOVI = 0x01, INT = 0x03, CLEAR = 0x04, SYNC = 0x05, MAPD = 0x08, MAPC = 0x09,
    MAPTI = 0x0a, MAPI = 0x0b, INV = 0x0c, INVALL = 0x0d, MOVALL = 0x0e, DISCARD = 0x0f,
};

typedef struct Board {
    GICBench bench;
    GICv3State gic;
    GICv3ITSState its;
    MemoryRegion ram;
    uint64_t cwriter;           /* the driver's copy */
} Board;

static int requester = -1;
static int test_requester_id(void) { return requester; }

static Board *board_new(void)
{
    Board *b = g_new0(Board, 1);
    gicv3_init(&b->gic, NCPU, NIRQ, NULL);
    gic_bench_init(&b->bench, &b->gic.dist_mr, &b->gic.redist_mr, REDIST);
    assert_true(memory_region_init_ram(&b->ram, "ram", RAM_SIZE));
    memory_region_add_subregion(&b->bench.sys, RAM, &b->ram);
    gicv3_its_init(&b->its, &b->gic, &b->bench.as, test_requester_id);
    memory_region_add_subregion(&b->bench.sys, ITS, &b->its.iomem);
    gicv3_reset(&b->gic);
    for (int i = 0; i < NCPU; i++) {
        gicv3_connect_cpu(&b->gic, i, &b->bench.cpu_in[i][0], &b->bench.cpu_in[i][1]);
    }
    return b;
}

static void board_free(Board *b)
{
    memory_region_del_subregion(&b->bench.sys, &b->ram);
    memory_region_del_subregion(&b->bench.sys, &b->its.iomem);
    gic_bench_destroy(&b->bench);
    gicv3_its_destroy(&b->its);
    gicv3_destroy(&b->gic);
    memory_region_destroy(&b->ram);
    g_free(b);
}

static uint64_t gicr(int cpu, uint32_t off) { return REDIST + cpu * 0x20000ull + off; }
static uint64_t its_rd(Board *b, uint32_t off, unsigned size) { return rd(&b->bench, ITS + off, size); }
static void its_wr(Board *b, uint32_t off, uint64_t v, unsigned size) { wr(&b->bench, ITS + off, v, size); }
static void ram_wr8(Board *b, uint64_t addr, uint8_t v) { wr(&b->bench, addr, v, 1); }
static uint64_t ram_rd64(Board *b, uint64_t addr) { return rd(&b->bench, addr, 8); }

/* An LPI's configuration byte (5.1.1): priority [7:2], enable [0]. */
static void lpi_config(Board *b, int intid, uint8_t prio, bool enable)
{
    ram_wr8(b, PROP_TABLE + intid - 8192, (prio & 0xfc) | enable);
}

/* As Linux: Group 1 on, redistributors awake, the CPU interfaces open,
 * each redistributor's tables (IDbits 15: 16-bit INTIDs), LPIs on; the
 * ITS's command queue (16 pages), device table (flat, 64 KiB pages, 8 of
 * them), collection table (1 page); the ITS on; a collection per CPU. */
static void its_cmd(Board *b, uint64_t dw0, uint64_t dw1, uint64_t dw2, uint64_t dw3);

static void setup(Board *b)
{
    dist_wr(&b->bench, GICD_CTLR, 2);
    for (int cpu = 0; cpu < NCPU; cpu++) {
        wr(&b->bench, gicr(cpu, GICR_WAKER), 0, 4);
        wr(&b->bench, gicr(cpu, GICR_PROPBASER), PROP_TABLE | 1ull << 10 | 15, 8);
        wr(&b->bench, gicr(cpu, GICR_PENDBASER), (PEND_TABLE + cpu * 0x10000) | 1ull << 62, 8);
        wr(&b->bench, gicr(cpu, GICR_CTLR), 1, 4);
        gicv3_cpuif_write(&b->gic, cpu, ICC_PMR_EL1, 0xf0);
        gicv3_cpuif_write(&b->gic, cpu, ICC_IGRPEN1_EL1, 1);
    }
    its_wr(b, GITS_CBASER, 1ull << 63 | 7ull << 59 | 1ull << 10 | CMD_QUEUE | 15, 8);
    its_wr(b, GITS_CWRITER, 0, 8);
    its_wr(b, GITS_BASER, 1ull << 63 | 1ull << 56 | 7ull << 48 | DEV_TABLE | 2ull << 8 | 7, 8);
    its_wr(b, GITS_BASER + 8, 1ull << 63 | 4ull << 56 | 7ull << 48 | COLL_TABLE | 2ull << 8, 8);
    its_wr(b, GITS_CTLR, 1, 4);
    for (int cpu = 0; cpu < NCPU; cpu++) {
        its_cmd(b, MAPC, 0, 1ull << 63 | (uint64_t)cpu << 16 | cpu, 0);    /* ICID = cpu */
        its_cmd(b, INVALL, 0, cpu, 0);
    }
}

/* Appends a command and bumps CWRITER, as its_send_single_command. */
static void its_cmd(Board *b, uint64_t dw0, uint64_t dw1, uint64_t dw2, uint64_t dw3)
{
    uint64_t dw[4] = { dw0, dw1, dw2, dw3 };
    for (int i = 0; i < 4; i++) {
        wr(&b->bench, CMD_QUEUE + b->cwriter + 8 * i, dw[i], 8);
    }
    b->cwriter = (b->cwriter + 32) % 0x10000;
    its_wr(b, GITS_CWRITER, b->cwriter, 8);
}

static uint64_t dev(uint32_t device_id, int cmd) { return (uint64_t)device_id << 32 | cmd; }

static void mapd(Board *b, uint32_t device_id, int event_bits, uint64_t itt, bool valid)
{
    its_cmd(b, dev(device_id, MAPD), event_bits - 1, (uint64_t)valid << 63 | itt, 0);
}

static void mapti(Board *b, uint32_t device_id, uint32_t event, uint32_t intid, int icid)
{
    its_cmd(b, dev(device_id, MAPTI), (uint64_t)intid << 32 | event, icid, 0);
}

static void msi(Board *b, int rid, uint32_t event)
{
    requester = rid;
    wr(&b->bench, ITS + GITS_TRANSLATER, event, 4);
    requester = -1;
}

static uint64_t iar1(Board *b, int cpu) { return gicv3_cpuif_read(&b->gic, cpu, ICC_IAR1_EL1); }
static void eoi1(Board *b, int cpu, uint64_t v) { gicv3_cpuif_write(&b->gic, cpu, ICC_EOIR1_EL1, v); }
static bool stalled(Board *b) { return its_rd(b, GITS_CREADR, 8) & 1; }

static void test_id_registers(void **state)
{
    (void)state;
    Board *b = board_new();
    /* 12.19.20: Physical, ITT_entry_size 12 - 1 (qemu's), IDbits and
     * Devbits 16 - 1, no Virtual, PTA 0 (processor numbers), HCC 0, CIL 1
     * with CIDbits 16 - 1. */
    uint64_t typer = its_rd(b, GITS_TYPER, 8);
    assert_int_equal(typer & 1, 1);
    assert_int_equal(typer >> 1 & 1, 0);
    assert_int_equal(typer >> 4 & 0xf, 11);
    assert_int_equal(typer >> 8 & 0x1f, 15);
    assert_int_equal(typer >> 13 & 0x1f, 15);
    assert_int_equal(typer >> 19 & 1, 0);
    assert_int_equal(typer >> 24 & 0xff, 0);
    assert_int_equal(typer >> 32 & 0xf, 15);
    assert_int_equal(typer >> 36 & 1, 1);
    assert_int_equal(its_rd(b, GITS_TYPER + 4, 4), typer >> 32);
    /* 12.19.1: disabled and quiescent; 12.19.7 ArchRev 3. */
    assert_int_equal(its_rd(b, GITS_CTLR, 4), 1u << 31);
    assert_int_equal(its_rd(b, GITS_IIDR, 4) & 0xfff, 0x43b);
    assert_int_equal(its_rd(b, GITS_PIDR2, 4) >> 4 & 0xf, 3);
    /* 12.19.3: BASER0 a device table, BASER1 a collection table, both
     * 8-byte entries; the rest unimplemented (Type 0). */
    assert_int_equal(its_rd(b, GITS_BASER, 8) >> 56 & 7, 1);
    assert_int_equal(its_rd(b, GITS_BASER, 8) >> 48 & 0x1f, 7);
    assert_int_equal(its_rd(b, GITS_BASER + 8, 8) >> 56 & 7, 4);
    for (int n = 2; n < 8; n++) {
        its_wr(b, GITS_BASER + 8 * n, ~0ull, 8);
        assert_int_equal(its_rd(b, GITS_BASER + 8 * n, 8), 0);
    }
    /* Type and Entry_Size read-only, the rest (Indirect too, as qemu's)
     * as written: Linux requires the value to stick. */
    uint64_t v = 1ull << 63 | 1ull << 62 | 7ull << 59 | 1ull << 10 | DEV_TABLE | 2ull << 8 | 7;
    its_wr(b, GITS_BASER, v | 3ull << 56 | 0x1full << 48, 8);
    assert_int_equal(its_rd(b, GITS_BASER, 8), v | 1ull << 56 | 7ull << 48);
    /* 12.9.38 / 12.11.37: the GIC has LPIs now, 16-bit INTIDs. */
    assert_int_equal(dist_rd(&b->bench, GICD_TYPER) >> 17 & 1, 1);
    assert_int_equal(dist_rd(&b->bench, GICD_TYPER) >> 19 & 0x1f, 15);
    assert_int_equal(rd(&b->bench, gicr(1, GICR_TYPER), 8) & 1, 1);
    board_free(b);
}

static void test_msi_to_lpi(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    lpi_config(b, 8192 + 5, 0xa0, true);
    mapd(b, 0x08, 3, ITT_BASE, true);
    mapti(b, 0x08, 1, 8192 + 5, 2);             /* to collection 2: CPU 2 */
    its_cmd(b, SYNC, 0, 2ull << 16, 0);
    assert_int_equal(its_rd(b, GITS_CREADR, 8), b->cwriter);
    assert_int_equal(b->bench.level[2][0], 0);

    msi(b, 0x08, 1);
    assert_int_equal(b->bench.level[2][0], 1);
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(gicv3_cpuif_read(&b->gic, 2, ICC_HPPIR1_EL1), 8197);
    assert_int_equal(iar1(b, 2), 8197);
    /* No active state: nothing pending, the running priority is its own. */
    assert_int_equal(b->bench.level[2][0], 0);
    assert_int_equal(gicv3_cpuif_read(&b->gic, 2, ICC_RPR_EL1), 0xa0);
    /* A second MSI while it runs: pending again, at the same priority,
     * so it waits for the EOI. */
    msi(b, 0x08, 1);
    assert_int_equal(b->bench.level[2][0], 0);
    eoi1(b, 2, 8197);
    assert_int_equal(b->bench.level[2][0], 1);
    assert_int_equal(iar1(b, 2), 8197);
    eoi1(b, 2, 8197);
    assert_int_equal(gicv3_cpuif_read(&b->gic, 2, ICC_RPR_EL1), 0xff);
    assert_int_equal(iar1(b, 2), 1023);

    /* Another function (requester 0x10) has no device mapping. */
    msi(b, 0x10, 1);
    /* A write with no requester ID (a CPU's) is dropped. */
    msi(b, -1, 1);
    assert_int_equal(iar1(b, 2), 1023);
    board_free(b);
}

/* LPIs and SPIs compete by priority (4.8); the configuration is read
 * after INV / INVALL (5.1.1). */
static void test_priority_and_config(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    mapd(b, 1, 4, ITT_BASE, true);
    mapti(b, 1, 0, 9000, 0);
    mapti(b, 1, 1, 9001, 0);
    lpi_config(b, 9000, 0x80, true);
    lpi_config(b, 9001, 0x40, false);
    dist_wr(&b->bench, GICD_IGROUPR + 4, ~0u);
    wr(&b->bench, DIST + GICD_IPRIORITYR + 40, 0x60, 1);
    wr(&b->bench, DIST + GICD_IROUTER + 8 * 40, 0, 8);
    dist_wr(&b->bench, GICD_ISENABLER + 4, 1u << 8);
    irq_raise(gicv3_spi(&b->gic, 8));
    msi(b, 1, 0);
    msi(b, 1, 1);
    /* The SPI at 0x60 beats LPI 9000 at 0x80; LPI 9001 is disabled. */
    assert_int_equal(iar1(b, 0), 40);
    irq_lower(gicv3_spi(&b->gic, 8));
    eoi1(b, 0, 40);
    /* Enabled in the table, then INV: now 9001 (0x40) goes first. */
    lpi_config(b, 9001, 0x40, true);
    its_cmd(b, dev(1, INV), 1, 0, 0);
    assert_int_equal(iar1(b, 0), 9001);
    /* 9000 at 0x80 does not preempt 0x40. */
    assert_int_equal(iar1(b, 0), 1023);
    eoi1(b, 0, 9001);
    /* Below the priority mask (0xf0): not signalled. */
    lpi_config(b, 9000, 0xf0, true);
    its_cmd(b, INVALL, 0, 0, 0);
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(gicv3_cpuif_read(&b->gic, 0, ICC_HPPIR1_EL1), 9000);
    assert_int_equal(iar1(b, 0), 1023);
    lpi_config(b, 9000, 0x10, true);
    its_cmd(b, INVALL, 0, 0, 0);
    assert_int_equal(iar1(b, 0), 9000);
    eoi1(b, 0, 9000);
    board_free(b);
}

static void test_int_clear_discard_mapi(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    mapd(b, 7, 2, ITT_BASE, true);
    its_cmd(b, dev(7, MAPI), 8300, 1, 0);   /* MAPI: EventID 8300 is LPI 8300... */
    /* ... but the ITT holds 4 events: ignored. */
    mapd(b, 7, 14, ITT_BASE, true);
    its_cmd(b, dev(7, MAPI), 8300, 1, 0);
    lpi_config(b, 8300, 0x20, true);
    its_cmd(b, dev(7, INT), 8300, 0, 0);
    assert_int_equal(b->bench.level[1][0], 1);
    its_cmd(b, dev(7, CLEAR), 8300, 0, 0);
    assert_int_equal(b->bench.level[1][0], 0);
    its_cmd(b, dev(7, INT), 8300, 0, 0);
    its_cmd(b, dev(7, DISCARD), 8300, 0, 0);
    assert_int_equal(b->bench.level[1][0], 0);
    /* Discarded: an MSI for it does nothing. */
    msi(b, 7, 8300);
    assert_int_equal(iar1(b, 1), 1023);
    /* Unmapping the device ends every event. */
    its_cmd(b, dev(7, MAPI), 8300, 1, 0);
    mapd(b, 7, 14, 0, false);
    msi(b, 7, 8300);
    assert_int_equal(b->bench.level[1][0], 0);
    assert_false(stalled(b));
    board_free(b);
}

static void test_movi_movall(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    mapd(b, 3, 4, ITT_BASE, true);
    mapti(b, 3, 2, 8200, 0);
    mapti(b, 3, 3, 8201, 0);
    lpi_config(b, 8200, 0x20, true);
    lpi_config(b, 8201, 0x30, true);
    msi(b, 3, 2);
    assert_int_equal(b->bench.level[0][0], 1);
    /* MOVI to collection 3: the pending LPI goes along (5.3.13). */
    its_cmd(b, dev(3, MOVI), 2, 3, 0);
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(b->bench.level[3][0], 1);
    assert_int_equal(iar1(b, 3), 8200);
    eoi1(b, 3, 8200);
    msi(b, 3, 2);                   /* the new mapping */
    assert_int_equal(iar1(b, 3), 8200);
    eoi1(b, 3, 8200);
    /* MOVALL 0 -> 1: LPI 8201 pending on CPU 0 moves. */
    msi(b, 3, 3);
    its_cmd(b, MOVALL, 0, 0, 1ull << 16);
    assert_int_equal(iar1(b, 0), 1023);
    assert_int_equal(iar1(b, 1), 8201);
    eoi1(b, 1, 8201);
    board_free(b);
}

/* What a hostile guest can do: bad IDs, tables and queues in the wrong
 * place.  The command is ignored or the queue stalls; the ITS never
 * writes outside RAM (the distributor keeps its values). */
static void test_hostile(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    lpi_config(b, 8192, 0x20, true);
    /* A DeviceID past 16 bits, an ITT bigger than EventID's 16 bits, an
     * event past the ITT, INTID not an LPI, an ICID past the collection
     * table, a collection on a CPU that does not exist, an unknown
     * command: all ignored. */
    mapd(b, 0x10000, 2, ITT_BASE, true);
    mapd(b, 0xffff, 17, ITT_BASE, true);
    mapti(b, 0xffff, 0, 8192, 0);
    mapd(b, 0xffff, 2, ITT_BASE, true);
    mapti(b, 0xffff, 4, 8192, 0);
    mapti(b, 0xffff, 0, 100, 0);
    mapti(b, 0xffff, 1, 8192, 0x7000);      /* ICID past the collection table */
    its_cmd(b, MAPC, 0, 1ull << 63 | (uint64_t)NCPU << 16 | 9, 0);
    its_cmd(b, 0x2a, 0, 0, 0);
    its_cmd(b, dev(0xffff, INT), 0, 0, 0);
    assert_false(stalled(b));
    assert_int_equal(its_rd(b, GITS_CREADR, 8), b->cwriter);
    msi(b, 0xffff, 4);
    msi(b, 0xffff, 0);
    msi(b, 0xffff, 1);
    assert_int_equal(iar1(b, 0), 1023);
    /* Collection 9 was refused: an event mapped to it is not delivered. */
    mapti(b, 0xffff, 2, 8192, 9);
    msi(b, 0xffff, 2);
    for (int cpu = 0; cpu < NCPU; cpu++) {
        assert_int_equal(iar1(b, cpu), 1023);
    }

    /* An ITT in the distributor's frame: the MAPTI that would write it
     * stalls the queue, the distributor is untouched. */
    uint32_t prio = dist_rd(&b->bench, GICD_IPRIORITYR + 32);
    mapd(b, 5, 8, DIST + GICD_IPRIORITYR, true);
    mapti(b, 5, 8, 8192, 0);
    assert_true(stalled(b));
    assert_int_equal(dist_rd(&b->bench, GICD_IPRIORITYR + 32), prio);
    /* Retry goes on from the same command: it stalls again. */
    uint64_t stuck = its_rd(b, GITS_CREADR, 8) & ~1ull;
    its_wr(b, GITS_CWRITER, b->cwriter | 1, 8);
    assert_true(stalled(b));
    assert_int_equal(its_rd(b, GITS_CREADR, 8) & ~1ull, stuck);
    /* Overwrite it with a SYNC, retry: the queue drains. */
    wr(&b->bench, CMD_QUEUE + stuck, SYNC, 8);
    its_wr(b, GITS_CWRITER, b->cwriter | 1, 8);
    assert_false(stalled(b));
    assert_int_equal(its_rd(b, GITS_CREADR, 8), b->cwriter);

    /* CWRITER beyond the queue (16 pages): stalled, CREADR kept. */
    its_wr(b, GITS_CWRITER, 0x10000, 8);
    assert_true(stalled(b));
    its_wr(b, GITS_CWRITER, b->cwriter | 1, 8);
    assert_false(stalled(b));

    /* BASERs and CBASER ignore writes while the ITS is on. */
    uint64_t baser = its_rd(b, GITS_BASER, 8);
    its_wr(b, GITS_BASER, 0, 8);
    its_wr(b, GITS_CBASER, 0, 8);
    assert_int_equal(its_rd(b, GITS_BASER, 8), baser);
    assert_int_equal(its_rd(b, GITS_CBASER, 8) >> 63, 1);

    /* A command queue outside RAM (the redistributors): stalled at once. */
    its_wr(b, GITS_CTLR, 0, 4);
    its_wr(b, GITS_CBASER, 1ull << 63 | REDIST, 8);
    assert_int_equal(its_rd(b, GITS_CREADR, 8), 0);
    its_wr(b, GITS_CTLR, 1, 4);
    its_wr(b, GITS_CWRITER, 32, 8);
    assert_true(stalled(b));

    /* A device table outside RAM: an MSI is dropped. */
    its_wr(b, GITS_CTLR, 0, 4);
    its_wr(b, GITS_BASER, 1ull << 63 | 1ull << 56 | 7ull << 48 | ITS, 8);
    its_wr(b, GITS_CTLR, 1, 4);
    msi(b, 0xffff, 0);
    assert_int_equal(iar1(b, 0), 1023);
    board_free(b);
}

/* A configuration table outside RAM reads as disabled (every LPI); a
 * PROPBASER.IDbits too small for an LPI disables it (12.11.30). */
static void test_lpi_tables(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    mapd(b, 2, 4, ITT_BASE, true);
    mapti(b, 2, 0, 8192 + 0x3000, 0);       /* 20480: needs 15 bits */
    lpi_config(b, 8192 + 0x3000, 0x20, true);
    /* PROPBASER is read-only while LPIs are on. */
    wr(&b->bench, gicr(0, GICR_PROPBASER), PROP_TABLE | 12, 8);
    assert_int_equal(rd(&b->bench, gicr(0, GICR_PROPBASER), 8) & 0x1f, 15);
    /* Off: the pending state goes to the table (5.1.2), then IDbits 13
     * (14 bits, INTIDs < 16384). */
    msi(b, 2, 0);
    assert_int_equal(b->bench.level[0][0], 1);
    wr(&b->bench, gicr(0, GICR_CTLR), 0, 4);
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(ram_rd64(b, PEND_TABLE + 20480 / 8) & 1, 1);
    wr(&b->bench, gicr(0, GICR_PROPBASER), PROP_TABLE | 13, 8);
    wr(&b->bench, gicr(0, GICR_CTLR), 1, 4);
    assert_int_equal(rd(&b->bench, gicr(0, GICR_CTLR), 4) & 1, 1);
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(gicv3_cpuif_read(&b->gic, 0, ICC_HPPIR1_EL1), 1023);
    /* IDbits 15 again: it comes back from the pending table. */
    wr(&b->bench, gicr(0, GICR_CTLR), 0, 4);
    wr(&b->bench, gicr(0, GICR_PROPBASER), PROP_TABLE | 15, 8);
    wr(&b->bench, gicr(0, GICR_CTLR), 1, 4);
    assert_int_equal(iar1(b, 0), 8192 + 0x3000);
    eoi1(b, 0, 8192 + 0x3000);
    /* The table in the ITS's own frame: disabled, nothing read there. */
    wr(&b->bench, gicr(0, GICR_CTLR), 0, 4);
    wr(&b->bench, gicr(0, GICR_PROPBASER), ITS | 15, 8);
    wr(&b->bench, gicr(0, GICR_PENDBASER), ITS, 8);
    wr(&b->bench, gicr(0, GICR_CTLR), 1, 4);
    msi(b, 2, 0);
    assert_int_equal(gicv3_cpuif_read(&b->gic, 0, ICC_HPPIR1_EL1), 1023);
    wr(&b->bench, gicr(0, GICR_CTLR), 0, 4);
    assert_int_equal(its_rd(b, GITS_CTLR, 4), 1u << 31 | 1);
    board_free(b);
}

/* A two-level device table (12.19.3), 4 KiB pages as Linux makes one
 * when 64 KiB ones do not stick: one page of level-1 descriptors, each
 * valid one pointing at a page of 512 DTEs. */
static void test_indirect_table(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    its_wr(b, GITS_CTLR, 0, 4);
    its_wr(b, GITS_BASER, 1ull << 63 | 1ull << 62 | 1ull << 56 | 7ull << 48 | DEV_TABLE, 8);
    its_wr(b, GITS_CTLR, 1, 4);
    uint64_t l2 = DEV_TABLE + 0x1000;
    /* Device 0x0a05 is in level-1 slot 5 (0x0a05 / 512), entry 0x5. */
    wr(&b->bench, DEV_TABLE + 5 * 8, 1ull << 63 | l2, 8);
    mapd(b, 0x0a05, 2, ITT_BASE, true);
    mapti(b, 0x0a05, 3, 8500, 1);
    lpi_config(b, 8500, 0x40, true);
    assert_int_equal(ram_rd64(b, l2 + 5 * 8) >> 63, 1);
    msi(b, 0x0a05, 3);
    assert_int_equal(iar1(b, 1), 8500);
    eoi1(b, 1, 8500);
    /* Slot 6 not valid: a MAPD there is ignored, no stall. */
    mapd(b, 0x0c00, 2, ITT_BASE, true);
    assert_false(stalled(b));
    /* A level-1 descriptor pointing outside RAM stalls the queue. */
    wr(&b->bench, DEV_TABLE + 7 * 8, 1ull << 63 | ITS, 8);
    mapd(b, 0x0e00, 2, ITT_BASE, true);
    assert_true(stalled(b));
    board_free(b);
}

/* Random commands (IDs from small ranges, so that many find mappings),
 * random MSIs and, now and then, random register values: the model
 * must neither crash nor leave its invariants.  After each command the
 * queue has drained or stalled, and whatever the CPUs acknowledge is an
 * LPI that some MAPTI/MAPI named. */
static void test_random_commands(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    static const int cmds[] = { MOVI, INT, CLEAR, SYNC, MAPD, MAPC, MAPTI, MAPI, INV,
                                INVALL, MOVALL, DISCARD, 0x00, 0x2a };
    GRand *rng = g_rand_new_with_seed(11);
    int taken = 0;
    for (int i = 0; i < 8192; i++) {
        lpi_config(b, 8192 + i % 64, (i * 4) & 0xfc, true);
    }
    for (int n = 0; n < 20000; n++) {
        uint32_t r = g_rand_int(rng);
        int cmd = cmds[r % G_N_ELEMENTS(cmds)];
        uint32_t device = g_rand_int_range(rng, 0, 8);
        uint32_t event = g_rand_int_range(rng, 0, 40);
        uint64_t dw1 = (uint64_t)(8192 + g_rand_int_range(rng, -4, 68)) << 32 | event;
        uint64_t dw2 = (uint64_t)(r >> 8 & 1) << 63 | (uint64_t)g_rand_int_range(rng, 0, NCPU + 1) << 16 |
                       g_rand_int_range(rng, 0, NCPU + 1);
        if (cmd == MAPD) {
            dw1 = g_rand_int_range(rng, 0, 18);
            dw2 = (uint64_t)(r >> 8 & 1) << 63 | (ITT_BASE + device * 0x1000);
        }
        its_cmd(b, dev(device, cmd), dw1, dw2, (uint64_t)g_rand_int_range(rng, 0, NCPU + 1) << 16);
        assert_true(stalled(b) || its_rd(b, GITS_CREADR, 8) == b->cwriter);
        msi(b, g_rand_int_range(rng, 0, 8), g_rand_int_range(rng, 0, 40));
        int cpu = r >> 12 & (NCPU - 1);
        uint64_t irq = iar1(b, cpu);
        assert_true(irq == 1023 || (irq >= 8188 && irq < 8192 + 68));
        if (irq != 1023) {
            eoi1(b, cpu, irq);
            taken++;
        }
        if ((r >> 16 & 0xff) == 0) {
            /* A random register write, then back to a sane queue. */
            static const uint32_t regs[] = { GITS_CTLR, GITS_CBASER, GITS_CWRITER, GITS_BASER,
                                             GITS_BASER + 8, GITS_TRANSLATER };
            uint64_t v = (uint64_t)g_rand_int(rng) << 32 | g_rand_int(rng);
            its_wr(b, regs[r >> 24 & 3] + 0, v, 8);
            its_wr(b, GITS_CTLR, 0, 4);
            its_wr(b, GITS_CBASER, 1ull << 63 | CMD_QUEUE | 15, 8);
            its_wr(b, GITS_BASER, 1ull << 63 | 1ull << 56 | 7ull << 48 | DEV_TABLE | 2ull << 8 | 7, 8);
            its_wr(b, GITS_CTLR, 1, 4);
            b->cwriter = 0;
            its_wr(b, GITS_CWRITER, 0, 8);
        }
    }
    /* Not a degenerate run: many MSIs found their way. */
    printf("random: %d LPIs taken\n", taken);
    assert_true(taken > 500);
    g_rand_free(rng);
    board_free(b);
}

static void test_vmstate(void **state)
{
    (void)state;
    vmstate_table_bytes(&vmstate_gicv3);
    Board *a = board_new();
    setup(a);
    mapd(a, 4, 4, ITT_BASE, true);
    mapti(a, 4, 0, 8192, 1);
    lpi_config(a, 8192, 0x20, true);
    msi(a, 4, 0);
    GByteArray *gic = g_byte_array_new(), *its = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_gicv3, &a->gic, gic));
    assert_true(vmstate_save(&vmstate_gicv3_its, &a->its, its));

    /* The same RAM, a fresh GIC and ITS: the state loads and works on. */
    Board *b = board_new();
    memcpy(b->ram.host, a->ram.host, RAM_SIZE);
    b->cwriter = a->cwriter;
    size_t used;
    char *err = NULL;
    assert_true(vmstate_load(&vmstate_gicv3, &b->gic, gic->data, gic->len, &used, &err));
    assert_true(vmstate_load(&vmstate_gicv3_its, &b->its, its->data, its->len, &used, &err));
    assert_int_equal(used, its->len);
    assert_int_equal(b->bench.level[1][0], 1);
    assert_int_equal(iar1(b, 1), 8192);
    eoi1(b, 1, 8192);
    msi(b, 4, 0);
    assert_int_equal(iar1(b, 1), 8192);
    assert_int_equal(its_rd(b, GITS_CREADR, 8), b->cwriter);
    g_byte_array_unref(gic);
    g_byte_array_unref(its);
    board_free(a);
    board_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_id_registers),
        cmocka_unit_test(test_msi_to_lpi),
        cmocka_unit_test(test_priority_and_config),
        cmocka_unit_test(test_int_clear_discard_mapi),
        cmocka_unit_test(test_movi_movall),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_lpi_tables),
        cmocka_unit_test(test_indirect_table),
        cmocka_unit_test(test_random_commands),
        cmocka_unit_test(test_vmstate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
