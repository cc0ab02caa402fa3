/*
 * Unit tests of the GICv3 model (hw/intc/arm-gicv3*.c), driven as a board
 * and a CPU drive it: distributor and redistributor MMIO through an
 * AddressSpace at virt's addresses (0x08000000, 0x080A0000), the CPU
 * interface through the system-register API, devices setting lines, the
 * CPUs' IRQ/FIQ inputs recorded.  Expected values come from IHI 0069
 * (cited by section) and, where it leaves a choice, qemu 7.2's arm_gicv3.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gic-bench.h"
#include "hw/intc/arm-gicv3.h"

#define REDIST  0x080a0000ull

/* GICD and GICR offsets (IHI 0069 Tables 12-25, 12-27, 12-29). */
enum {
    GICD_CTLR = 0x0, GICD_TYPER = 0x4, GICD_IIDR = 0x8, GICD_IGROUPR = 0x80,
    GICD_ISENABLER = 0x100, GICD_ICENABLER = 0x180, GICD_ISPENDR = 0x200,
    GICD_ICPENDR = 0x280, GICD_ISACTIVER = 0x300, GICD_IPRIORITYR = 0x400,
    GICD_ITARGETSR = 0x800, GICD_ICFGR = 0xc00, GICD_IROUTER = 0x6000,
    GICD_PIDR2 = 0xffe8,
    GICR_CTLR = 0x0, GICR_IIDR = 0x4, GICR_TYPER = 0x8, GICR_WAKER = 0x14,
    GICR_PIDR2 = 0xffe8,
    SGI_BASE = 0x10000,
};

/* Affinities: two in cluster 0, one in cluster 1, one with Aff3 = 1,
 * Aff1 = 1 and Aff0 = 0x11 (needs RS = 1 in SGI1R). */
static const uint64_t affinity[NCPU] = { 0x0, 0x1, 0x100, 0x100000111ull };

typedef struct Board {
    GICBench bench;
    GICv3State gic;
} Board;

static Board *board_new(void)
{
    Board *b = g_new0(Board, 1);
    gicv3_init(&b->gic, NCPU, NIRQ, affinity);
    gic_bench_init(&b->bench, &b->gic.dist_mr, &b->gic.redist_mr, REDIST);
    for (int i = 0; i < NCPU; i++) {
        gicv3_connect_cpu(&b->gic, i, &b->bench.cpu_in[i][0], &b->bench.cpu_in[i][1]);
    }
    return b;
}

static void board_free(Board *b)
{
    gic_bench_destroy(&b->bench);
    gicv3_destroy(&b->gic);
    g_free(b);
}

static uint64_t gicr(int cpu, uint32_t off) { return REDIST + cpu * 0x20000ull + off; }
static uint64_t icc_rd(Board *b, int cpu, GICv3CPUIfReg r)
{
    return gicv3_cpuif_read(&b->gic, cpu, r);
}
static void icc_wr(Board *b, int cpu, GICv3CPUIfReg r, uint64_t v)
{
    gicv3_cpuif_write(&b->gic, cpu, r, v);
}

/* As Linux's gic-v3 driver: distributor Group 1 on, every redistributor
 * woken, all interrupts Group 1, CPU interfaces open. */
static void setup(Board *b)
{
    dist_wr(&b->bench, GICD_CTLR, 2);
    for (int i = 32; i < NIRQ; i += 32) {
        dist_wr(&b->bench, GICD_IGROUPR + i / 8, ~0u);
    }
    for (int cpu = 0; cpu < NCPU; cpu++) {
        wr(&b->bench, gicr(cpu, GICR_WAKER), 0, 4);
        wr(&b->bench, gicr(cpu, SGI_BASE + GICD_IGROUPR), ~0u, 4);
        wr(&b->bench, gicr(cpu, SGI_BASE + GICD_ISENABLER), 0xffff, 4);     /* SGIs */
        icc_wr(b, cpu, ICC_PMR_EL1, 0xf0);
        icc_wr(b, cpu, ICC_IGRPEN1_EL1, 1);
    }
}

static void spi_setup(Board *b, int irq, uint8_t prio, uint64_t route)
{
    wr(&b->bench, DIST + GICD_IPRIORITYR + irq, prio, 1);
    wr(&b->bench, DIST + GICD_IROUTER + 8 * irq, route, 8);
    dist_wr(&b->bench, GICD_ISENABLER + irq / 32 * 4, 1u << (irq % 32));
}

static void test_id_registers(void **state)
{
    (void)state;
    Board *b = board_new();
    /* 12.9.4: ARE and DS read as one (one security state, affinity
     * routing only, as qemu's virt with secure=off). */
    assert_int_equal(dist_rd(&b->bench, GICD_CTLR), 1u << 4 | 1u << 6);
    /* 12.9.38: ITLinesNumber 288/32 - 1, IDbits 15 (16-bit INTIDs), A3V,
     * No1N; LPIS 0, MBIS 0, SecurityExtn 0 with DS, CPUNumber 0. */
    uint32_t typer = dist_rd(&b->bench, GICD_TYPER);
    assert_int_equal(typer & 0x1f, 8);
    assert_int_equal(typer >> 19 & 0x1f, 15);
    assert_int_equal(typer >> 24 & 1, 1);
    assert_int_equal(typer >> 25 & 1, 1);
    assert_int_equal(typer >> 17 & 1, 0);
    assert_int_equal(typer >> 16 & 1, 0);
    assert_int_equal(typer >> 10 & 1, 0);
    /* 12.9.16 / 12.11.16: implementer Arm. */
    assert_int_equal(dist_rd(&b->bench, GICD_IIDR) & 0xfff, 0x43b);
    assert_int_equal(rd(&b->bench, gicr(0, GICR_IIDR), 4) & 0xfff, 0x43b);
    /* 12.1.13: PIDR2.ArchRev 3 for GICv3, in both frames. */
    assert_int_equal(dist_rd(&b->bench, GICD_PIDR2) >> 4 & 0xf, 3);
    assert_int_equal(rd(&b->bench, gicr(2, GICR_PIDR2), 4) >> 4 & 0xf, 3);
    /* 12.11.37: GICR_TYPER has the affinity in [63:32], Processor_Number
     * in [23:8], Last (bit 4) on the last redistributor only, PLPIS 0. */
    for (int cpu = 0; cpu < NCPU; cpu++) {
        uint64_t t = rd(&b->bench, gicr(cpu, GICR_TYPER), 8);
        uint64_t aff = affinity[cpu];
        assert_int_equal(t >> 32, (aff >> 32 & 0xff) << 24 | (aff & 0xffffff));
        assert_int_equal(t >> 8 & 0xffff, cpu);
        assert_int_equal(t >> 4 & 1, cpu == NCPU - 1);
        assert_int_equal(t & 1, 0);
        /* As two 32-bit halves, too. */
        assert_int_equal(rd(&b->bench, gicr(cpu, GICR_TYPER + 4), 4), t >> 32);
    }
    /* 12.2.6: ICC_CTLR_EL1.PRIbits = 5 - 1, IDbits 0 (16 bits), A3V. */
    uint64_t ctlr = icc_rd(b, 0, ICC_CTLR_EL1);
    assert_int_equal(ctlr >> 8 & 7, 4);
    assert_int_equal(ctlr >> 11 & 7, 0);
    assert_int_equal(ctlr >> 15 & 1, 1);
    /* 12.2.16: system-register interface only, SRE = DFB = DIB = 1. */
    assert_int_equal(icc_rd(b, 0, ICC_SRE_EL1), 7);
    icc_wr(b, 0, ICC_SRE_EL1, 0);
    assert_int_equal(icc_rd(b, 0, ICC_SRE_EL1), 7);
    assert_int_equal(icc_rd(b, 0, ICC_RPR_EL1), 0xff);
    board_free(b);
}

/* The encodings the CPU's system-register layer looks up (Arm ARM,
 * e.g. ICC_IAR1_EL1 = S3_0_C12_C12_0, ICC_PMR_EL1 = S3_0_C4_C6_0). */
static void test_register_table(void **state)
{
    (void)state;
    assert_int_equal(gicv3_cpuif_find(3, 0, 12, 12, 0), ICC_IAR1_EL1);
    assert_int_equal(gicv3_cpuif_find(3, 0, 4, 6, 0), ICC_PMR_EL1);
    assert_int_equal(gicv3_cpuif_find(3, 0, 12, 11, 5), ICC_SGI1R_EL1);
    assert_int_equal(gicv3_cpuif_find(3, 0, 12, 12, 7), ICC_IGRPEN1_EL1);
    assert_int_equal(gicv3_cpuif_find(3, 0, 12, 8, 1), ICC_EOIR0_EL1);
    assert_int_equal(gicv3_cpuif_find(3, 0, 12, 11, 1), ICC_DIR_EL1);
    assert_int_equal(gicv3_cpuif_find(3, 0, 12, 9, 0), ICC_AP1R0_EL1);
    assert_int_equal(gicv3_cpuif_find(3, 0, 12, 13, 0), -1);
    for (int i = 0; i < GICV3_CPUIF_NREGS; i++) {
        const GICv3CPUIfRegInfo *r = &gicv3_cpuif_regs[i];
        assert_non_null(r->name);
        assert_int_equal(!!(r->access & GICV3_R), r->read != NULL);
        assert_int_equal(!!(r->access & GICV3_W), r->write != NULL);
    }
}

/* GICR_WAKER: ProcessorSleep set at reset, and ChildrenAsleep follows
 * it, as Linux's wake-up loop expects (12.11.40). */
static void test_waker(void **state)
{
    (void)state;
    Board *b = board_new();
    assert_int_equal(rd(&b->bench, gicr(1, GICR_WAKER), 4), 0x6);
    wr(&b->bench, gicr(1, GICR_WAKER), 0, 4);
    assert_int_equal(rd(&b->bench, gicr(1, GICR_WAKER), 4), 0);
    assert_int_equal(rd(&b->bench, gicr(0, GICR_WAKER), 4), 0x6);
    wr(&b->bench, gicr(1, GICR_WAKER), 2, 4);
    assert_int_equal(rd(&b->bench, gicr(1, GICR_WAKER), 4), 0x6);
    board_free(b);
}

/* A level-sensitive SPI routed by IROUTER (12.9.22): signalled on IRQ
 * to its PE only, acknowledged through IAR1, pending while the line is
 * high (4.1.2). */
static void test_spi_routing_level(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    int irq = 40;
    spi_setup(b, irq, 0x80, affinity[2]);
    assert_int_equal(rd(&b->bench, DIST + GICD_IROUTER + 8 * irq, 8), affinity[2]);
    irq_raise(gicv3_spi(&b->gic, irq - 32));
    for (int cpu = 0; cpu < NCPU; cpu++) {
        assert_int_equal(b->bench.level[cpu][0], cpu == 2);
        assert_int_equal(b->bench.level[cpu][1], 0);
    }
    assert_int_equal(icc_rd(b, 0, ICC_IAR1_EL1), GIC_SPURIOUS);
    assert_int_equal(icc_rd(b, 2, ICC_HPPIR1_EL1), irq);
    assert_int_equal(icc_rd(b, 2, ICC_IAR0_EL1), GIC_SPURIOUS);   /* not Group 0 */
    assert_int_equal(icc_rd(b, 2, ICC_IAR1_EL1), irq);
    assert_int_equal(b->bench.level[2][0], 0);
    assert_int_equal(icc_rd(b, 2, ICC_RPR_EL1), 0x80);
    icc_wr(b, 2, ICC_EOIR1_EL1, irq);
    assert_int_equal(b->bench.level[2][0], 1);        /* still high */
    irq_lower(gicv3_spi(&b->gic, irq - 32));
    assert_int_equal(b->bench.level[2][0], 0);
    /* Rerouted to the PE with Aff3 = 1: it follows. */
    wr(&b->bench, DIST + GICD_IROUTER + 8 * irq, affinity[3], 8);
    irq_raise(gicv3_spi(&b->gic, irq - 32));
    assert_int_equal(b->bench.level[3][0], 1);
    assert_int_equal(b->bench.level[2][0], 0);
    /* An affinity no PE has: no one is signalled. */
    wr(&b->bench, DIST + GICD_IROUTER + 8 * irq, 0x7, 8);
    assert_int_equal(b->bench.level[3][0], 0);
    /* IRM is RAZ/WI (No1N = 1). */
    wr(&b->bench, DIST + GICD_IROUTER + 8 * irq, 1ull << 31, 8);
    assert_int_equal(rd(&b->bench, DIST + GICD_IROUTER + 8 * irq, 8), 0);
    board_free(b);
}

/* Edge-triggered via GICD_ICFGR (12.9.9) latches until acknowledged. */
static void test_edge_latch(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    int irq = 50;
    dist_wr(&b->bench, GICD_ICFGR + irq / 16 * 4, 2u << (irq % 16 * 2));
    spi_setup(b, irq, 0x20, 0);
    irq_pulse(gicv3_spi(&b->gic, irq - 32));
    assert_int_equal(b->bench.level[0][0], 1);
    assert_int_equal(icc_rd(b, 0, ICC_IAR1_EL1), irq);
    icc_wr(b, 0, ICC_EOIR1_EL1, irq);
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(icc_rd(b, 0, ICC_IAR1_EL1), GIC_SPURIOUS);
    board_free(b);
}

/* PPIs through each CPU's redistributor SGI_base frame (12.10); the
 * distributor's bits for INTIDs 0-31 are RAZ/WI with ARE (12.9.11). */
static void test_ppi(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    wr(&b->bench, gicr(1, SGI_BASE + GICD_IPRIORITYR + 27), 0xa0, 1);
    wr(&b->bench, gicr(1, SGI_BASE + GICD_ISENABLER), 1u << 27, 4);
    dist_wr(&b->bench, GICD_ISENABLER, ~0u);
    assert_int_equal(dist_rd(&b->bench, GICD_ISENABLER), 0);
    irq_raise(gicv3_ppi(&b->gic, 0, 27));
    assert_int_equal(b->bench.level[0][0], 0);        /* CPU 0's PPI 27 is disabled */
    irq_raise(gicv3_ppi(&b->gic, 1, 27));
    assert_int_equal(b->bench.level[1][0], 1);
    assert_int_equal(rd(&b->bench, gicr(1, SGI_BASE + GICD_ISPENDR), 4) >> 27 & 1, 1);
    assert_int_equal(icc_rd(b, 1, ICC_IAR1_EL1), 27);
    assert_int_equal(rd(&b->bench, gicr(1, SGI_BASE + GICD_ISACTIVER), 4) >> 27 & 1, 1);
    icc_wr(b, 1, ICC_EOIR1_EL1, 27);
    irq_lower(gicv3_ppi(&b->gic, 1, 27));
    assert_int_equal(b->bench.level[1][0], 0);
    /* SGIs' ICFGR0 is edge, read-only (12.11.7). */
    wr(&b->bench, gicr(1, SGI_BASE + GICD_ICFGR), 0, 4);
    assert_int_equal(rd(&b->bench, gicr(1, SGI_BASE + GICD_ICFGR), 4), 0xaaaaaaaa);
    board_free(b);
}

static uint64_t sgi1r(int intid, int aff3, int aff2, int aff1, int rs, uint16_t list)
{
    return (uint64_t)aff3 << 48 | (uint64_t)rs << 44 | (uint64_t)aff2 << 32 |
           (uint64_t)intid << 24 | (uint64_t)aff1 << 16 | list;
}

static void take_sgi(Board *b, int cpu, int intid)
{
    assert_int_equal(icc_rd(b, cpu, ICC_IAR1_EL1), intid);
    icc_wr(b, cpu, ICC_EOIR1_EL1, intid);
}

/* ICC_SGI1R_EL1's affinity routing: Aff3.Aff2.Aff1, TargetList bits
 * for Aff0 = RS * 16 + n, IRM = 1 for all but self (12.2.21). */
static void test_sgi_routing(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    icc_wr(b, 0, ICC_SGI1R_EL1, sgi1r(3, 0, 0, 0, 0, 0x3));
    assert_int_equal(b->bench.level[0][0], 1);
    assert_int_equal(b->bench.level[1][0], 1);
    assert_int_equal(b->bench.level[2][0], 0);
    take_sgi(b, 0, 3);
    take_sgi(b, 1, 3);
    icc_wr(b, 0, ICC_SGI1R_EL1, sgi1r(4, 0, 0, 1, 0, 0x1));
    assert_int_equal(b->bench.level[2][0], 1);
    assert_int_equal(b->bench.level[3][0], 0);
    take_sgi(b, 2, 4);
    /* Aff0 0x11 is RS 1, bit 1; Aff3 must match too. */
    icc_wr(b, 1, ICC_SGI1R_EL1, sgi1r(5, 0, 0, 1, 1, 0x2));
    assert_int_equal(b->bench.level[3][0], 0);
    icc_wr(b, 1, ICC_SGI1R_EL1, sgi1r(5, 1, 0, 1, 1, 0x2));
    assert_int_equal(b->bench.level[3][0], 1);
    take_sgi(b, 3, 5);
    /* IRM: everyone but the sender, whatever the affinity fields say. */
    icc_wr(b, 2, ICC_SGI1R_EL1, 1ull << 40 | sgi1r(6, 0, 0, 7, 0, 0));
    for (int cpu = 0; cpu < NCPU; cpu++) {
        assert_int_equal(b->bench.level[cpu][0], cpu != 2);
    }
    take_sgi(b, 0, 6);
    take_sgi(b, 1, 6);
    take_sgi(b, 3, 6);
    /* SGI0R generates Group 0 SGIs only: SGI 6 is Group 1 here. */
    icc_wr(b, 2, ICC_SGI0R_EL1, 1ull << 40 | sgi1r(6, 0, 0, 0, 0, 0));
    assert_int_equal(icc_rd(b, 0, ICC_HPPIR1_EL1), GIC_SPURIOUS);
    board_free(b);
}

/* ICC_PMR_EL1 masks (4.8.6); its unimplemented low bits are RAZ/WI
 * with 5 priority bits (12.2.15). */
static void test_priority_mask(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    icc_wr(b, 0, ICC_PMR_EL1, 0xff);
    assert_int_equal(icc_rd(b, 0, ICC_PMR_EL1), 0xf8);
    spi_setup(b, 60, 0x80, 0);
    icc_wr(b, 0, ICC_PMR_EL1, 0x80);
    irq_raise(gicv3_spi(&b->gic, 60 - 32));
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(icc_rd(b, 0, ICC_IAR1_EL1), GIC_SPURIOUS);
    icc_wr(b, 0, ICC_PMR_EL1, 0x88);
    assert_int_equal(b->bench.level[0][0], 1);
    board_free(b);
}

/* Preemption by group priority under ICC_BPR1_EL1 (Group 1 priority
 * bits [7:BPR1], 4.8.5), nested actives in ICC_AP1R0_EL1 (bit
 * priority >> 3 with 5 bits, 12.2.5), drops in priority order. */
static void test_preemption(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    assert_int_equal(icc_rd(b, 0, ICC_BPR1_EL1), 3);    /* minimum, 12.2.3 */
    icc_wr(b, 0, ICC_BPR1_EL1, 0);
    assert_int_equal(icc_rd(b, 0, ICC_BPR1_EL1), 3);
    spi_setup(b, 70, 0x48, 0);
    spi_setup(b, 71, 0x40, 0);
    icc_wr(b, 0, ICC_BPR1_EL1, 4);      /* group bits [7:4]: 0x40 = 0x48 */
    irq_raise(gicv3_spi(&b->gic, 70 - 32));
    assert_int_equal(icc_rd(b, 0, ICC_IAR1_EL1), 70);
    assert_int_equal(icc_rd(b, 0, ICC_RPR_EL1), 0x40);
    irq_raise(gicv3_spi(&b->gic, 71 - 32));
    assert_int_equal(b->bench.level[0][0], 0);
    irq_lower(gicv3_spi(&b->gic, 71 - 32));
    irq_lower(gicv3_spi(&b->gic, 70 - 32));
    icc_wr(b, 0, ICC_EOIR1_EL1, 70);
    assert_int_equal(icc_rd(b, 0, ICC_RPR_EL1), 0xff);

    icc_wr(b, 0, ICC_BPR1_EL1, 3);      /* group bits [7:3]: 0x40 < 0x48 */
    irq_raise(gicv3_spi(&b->gic, 70 - 32));
    assert_int_equal(icc_rd(b, 0, ICC_IAR1_EL1), 70);
    irq_raise(gicv3_spi(&b->gic, 71 - 32));
    assert_int_equal(b->bench.level[0][0], 1);
    assert_int_equal(icc_rd(b, 0, ICC_IAR1_EL1), 71);
    assert_int_equal(icc_rd(b, 0, ICC_RPR_EL1), 0x40);
    assert_int_equal(icc_rd(b, 0, ICC_AP1R0_EL1), 1u << (0x40 >> 3) | 1u << (0x48 >> 3));
    irq_lower(gicv3_spi(&b->gic, 71 - 32));
    icc_wr(b, 0, ICC_EOIR1_EL1, 71);
    assert_int_equal(icc_rd(b, 0, ICC_RPR_EL1), 0x48);
    irq_lower(gicv3_spi(&b->gic, 70 - 32));
    icc_wr(b, 0, ICC_EOIR1_EL1, 70);
    assert_int_equal(icc_rd(b, 0, ICC_RPR_EL1), 0xff);
    /* CBPR: BPR1 reads BPR0 + 1 (12.2.3). */
    icc_wr(b, 0, ICC_BPR0_EL1, 4);
    icc_wr(b, 0, ICC_CTLR_EL1, 1);
    assert_int_equal(icc_rd(b, 0, ICC_BPR1_EL1), 5);
    board_free(b);
}

/* EOImode = 1: EOIR drops priority only, ICC_DIR_EL1 deactivates
 * (12.2.6, 12.2.8, 4.1.1). */
static void test_eoimode_dir(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    icc_wr(b, 1, ICC_CTLR_EL1, 2);
    assert_int_equal(icc_rd(b, 1, ICC_CTLR_EL1) & 3, 2);
    dist_wr(&b->bench, GICD_ICFGR + 80 / 16 * 4, 2u << (80 % 16 * 2));
    spi_setup(b, 80, 0x30, affinity[1]);
    irq_pulse(gicv3_spi(&b->gic, 80 - 32));
    assert_int_equal(icc_rd(b, 1, ICC_IAR1_EL1), 80);
    icc_wr(b, 1, ICC_EOIR1_EL1, 80);
    assert_int_equal(icc_rd(b, 1, ICC_RPR_EL1), 0xff);
    assert_int_equal(dist_rd(&b->bench, GICD_ISACTIVER + 8) >> 16 & 1, 1);
    irq_pulse(gicv3_spi(&b->gic, 80 - 32));
    assert_int_equal(b->bench.level[1][0], 0);
    icc_wr(b, 1, ICC_DIR_EL1, 80);
    assert_int_equal(dist_rd(&b->bench, GICD_ISACTIVER + 8) >> 16 & 1, 0);
    assert_int_equal(b->bench.level[1][0], 1);
    board_free(b);
}

/* Spurious 1023 (2.2.1); Group 0 signals FIQ with DS = 1 (4.6.1); the
 * group enables of distributor and CPU interface gate it. */
static void test_spurious_and_group0(void **state)
{
    (void)state;
    Board *b = board_new();
    assert_int_equal(icc_rd(b, 0, ICC_IAR1_EL1), GIC_SPURIOUS);
    assert_int_equal(icc_rd(b, 0, ICC_IAR0_EL1), GIC_SPURIOUS);
    setup(b);
    dist_wr(&b->bench, GICD_IGROUPR + 4, ~(1u << 2));   /* INTID 34 in Group 0 */
    spi_setup(b, 34, 0x50, 0);
    irq_raise(gicv3_spi(&b->gic, 2));
    assert_int_equal(b->bench.level[0][1], 0);        /* Group 0 off so far */
    dist_wr(&b->bench, GICD_CTLR, 3);
    assert_int_equal(b->bench.level[0][1], 0);
    icc_wr(b, 0, ICC_IGRPEN0_EL1, 1);
    assert_int_equal(b->bench.level[0][1], 1);
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(icc_rd(b, 0, ICC_IAR1_EL1), GIC_SPURIOUS);
    assert_int_equal(icc_rd(b, 0, ICC_HPPIR0_EL1), 34);
    assert_int_equal(icc_rd(b, 0, ICC_IAR0_EL1), 34);
    assert_int_equal(b->bench.level[0][1], 0);
    icc_wr(b, 0, ICC_EOIR1_EL1, 34);            /* wrong group: ignored */
    assert_int_equal(icc_rd(b, 0, ICC_RPR_EL1), 0x50);
    icc_wr(b, 0, ICC_EOIR0_EL1, 34);
    assert_int_equal(icc_rd(b, 0, ICC_RPR_EL1), 0xff);
    board_free(b);
}

/* Any access width reaches the same registers: IPRIORITYR by byte
 * (12.9.17, byte-accessible), IROUTER by 64 bits or two 32-bit halves
 * (12.9.22), a 64-bit read of GICR_TYPER (12.11.37). */
static void test_access_sizes(void **state)
{
    (void)state;
    Board *b = board_new();
    wr(&b->bench, DIST + GICD_IPRIORITYR + 33, 0xa5, 1);
    assert_int_equal(dist_rd(&b->bench, GICD_IPRIORITYR + 32), 0xa500);
    wr(&b->bench, DIST + GICD_IPRIORITYR + 36, 0x11223344, 4);
    assert_int_equal(rd(&b->bench, DIST + GICD_IPRIORITYR + 38, 2), 0x1122);
    wr(&b->bench, DIST + GICD_IROUTER + 8 * 33 + 4, 0x1, 4);   /* Aff3 */
    wr(&b->bench, DIST + GICD_IROUTER + 8 * 33, 0x010203, 4);
    assert_int_equal(rd(&b->bench, DIST + GICD_IROUTER + 8 * 33, 8), 0x100010203ull);
    /* IROUTER of INTIDs 0-31 is reserved: RAZ/WI. */
    wr(&b->bench, DIST + GICD_IROUTER + 8 * 5, ~0ull, 8);
    assert_int_equal(rd(&b->bench, DIST + GICD_IROUTER + 8 * 5, 8), 0);
    /* Private interrupts' priority is in the redistributor. */
    wr(&b->bench, DIST + GICD_IPRIORITYR + 20, 0x40, 1);
    assert_int_equal(rd(&b->bench, DIST + GICD_IPRIORITYR + 20, 1), 0);
    wr(&b->bench, gicr(3, SGI_BASE + GICD_IPRIORITYR + 20), 0x40, 1);
    assert_int_equal(rd(&b->bench, gicr(3, SGI_BASE + GICD_IPRIORITYR + 20), 1), 0x40);
    assert_int_equal(rd(&b->bench, gicr(2, SGI_BASE + GICD_IPRIORITYR + 20), 1), 0);
    board_free(b);
}

static void test_vmstate_covers_state(void **state)
{
    (void)state;
    vmstate_table_bytes(&vmstate_gicv3);
}

static GByteArray *save(Board *b)
{
    GByteArray *out = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_gicv3, &b->gic, out));
    return out;
}

static void test_vmstate(void **state)
{
    (void)state;
    Board *a = board_new();
    setup(a);
    spi_setup(a, 90, 0x40, affinity[3]);
    irq_raise(gicv3_spi(&a->gic, 90 - 32));
    assert_int_equal(icc_rd(a, 3, ICC_IAR1_EL1), 90);
    icc_wr(a, 1, ICC_SGI1R_EL1, sgi1r(2, 0, 0, 0, 0, 1));
    icc_wr(a, 0, ICC_BPR0_EL1, 5);
    GByteArray *blob = save(a);

    Board *b = board_new();
    size_t used;
    char *err = NULL;
    assert_true(vmstate_load(&vmstate_gicv3, &b->gic, blob->data, blob->len, &used, &err));
    assert_int_equal(used, blob->len);
    GByteArray *again = save(b);
    assert_int_equal(again->len, blob->len);
    assert_memory_equal(again->data, blob->data, blob->len);
    assert_int_equal(b->bench.level[0][0], 1);
    assert_int_equal(icc_rd(b, 3, ICC_RPR_EL1), 0x40);
    assert_int_equal(icc_rd(b, 0, ICC_BPR0_EL1), 5);
    assert_int_equal(rd(&b->bench, gicr(2, GICR_WAKER), 4), 0);
    assert_int_equal(rd(&b->bench, DIST + GICD_IROUTER + 8 * 90, 8), affinity[3]);
    assert_int_equal(icc_rd(b, 0, ICC_IAR1_EL1), 2);
    assert_false(vmstate_load(&vmstate_gicv3, &b->gic, blob->data, 10, &used, &err));
    g_free(err);
    g_byte_array_unref(blob);
    g_byte_array_unref(again);
    board_free(a);
    board_free(b);
}

static uint64_t rng = 0x2545f4914f6cdd1dull;

/* Any access anywhere, any size, any value, system registers of any CPU
 * (and out-of-range ones), lines toggling: nothing crashes or hangs. */
static void test_random(void **state)
{
    (void)state;
    Board *b = board_new();
    static const unsigned sizes[] = { 1, 2, 4, 8 };
    for (int i = 0; i < 200000; i++) {
        uint64_t r = fuzz_next(&rng);
        uint64_t v = fuzz_next(&rng);
        unsigned size = sizes[r & 3];
        switch (r >> 2 & 3) {
        case 0: case 1: {
            bool redist = r >> 2 & 1;
            uint64_t base = redist ? REDIST : DIST;
            uint64_t span = redist ? NCPU * GICV3_REDIST_STRIDE : GICV3_DIST_SIZE;
            uint64_t off = (r >> 8) % span & ~(uint64_t)(size - 1);
            if (r >> 40 & 1) {
                address_space_write(&b->bench.as, base + off, &v, size);
            } else {
                address_space_read(&b->bench.as, base + off, &v, size);
            }
            break;
        }
        case 2: {
            int cpu = (int)((r >> 8) % (NCPU + 2)) - 1;
            GICv3CPUIfReg reg = (r >> 16) % (GICV3_CPUIF_NREGS + 2);
            if (r >> 40 & 1) {
                gicv3_cpuif_write(&b->gic, cpu, reg, v);
            } else {
                gicv3_cpuif_read(&b->gic, cpu, reg);
            }
            break;
        }
        default:
            irq_set_level(gicv3_spi(&b->gic, (r >> 8) % (NIRQ - 32)), r >> 20 & 1);
            irq_set_level(gicv3_ppi(&b->gic, (r >> 21) % NCPU, 16 + (r >> 24) % 16),
                          r >> 30 & 1);
        }
    }
    assert_null(gicv3_spi(&b->gic, NIRQ - 32));
    assert_null(gicv3_ppi(&b->gic, NCPU, 20));
    board_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_id_registers),
        cmocka_unit_test(test_register_table),
        cmocka_unit_test(test_waker),
        cmocka_unit_test(test_spi_routing_level),
        cmocka_unit_test(test_edge_latch),
        cmocka_unit_test(test_ppi),
        cmocka_unit_test(test_sgi_routing),
        cmocka_unit_test(test_priority_mask),
        cmocka_unit_test(test_preemption),
        cmocka_unit_test(test_eoimode_dir),
        cmocka_unit_test(test_spurious_and_group0),
        cmocka_unit_test(test_access_sizes),
        cmocka_unit_test(test_vmstate_covers_state),
        cmocka_unit_test(test_vmstate),
        cmocka_unit_test(test_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
