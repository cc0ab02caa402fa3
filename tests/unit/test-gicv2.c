/*
 * Unit tests of the GICv2 model (hw/intc/arm-gicv2.c), driven as a board
 * drives it: MMIO through an AddressSpace (distributor at 0x08000000, CPU
 * interface at 0x08010000, virt's map), devices setting input lines, the
 * CPUs' IRQ/FIQ inputs recorded.  Expected values come from IHI 0048B
 * (cited by section) and, where it leaves a choice, from qemu 7.2's
 * arm_gic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gic-bench.h"
#include "hw/intc/arm-gicv2.h"

#define CPUIF   0x08010000ull

/* GICD and GICC offsets (IHI 0048B Tables 4-1, 4-2). */
enum {
    GICD_CTLR = 0x0, GICD_TYPER = 0x4, GICD_IIDR = 0x8, GICD_IGROUPR = 0x80,
    GICD_ISENABLER = 0x100, GICD_ICENABLER = 0x180, GICD_ISPENDR = 0x200,
    GICD_ICPENDR = 0x280, GICD_ISACTIVER = 0x300, GICD_IPRIORITYR = 0x400,
    GICD_ITARGETSR = 0x800, GICD_ICFGR = 0xc00, GICD_SGIR = 0xf00,
    GICD_CPENDSGIR = 0xf10, GICD_SPENDSGIR = 0xf20,
    GICC_CTLR = 0x0, GICC_PMR = 0x4, GICC_BPR = 0x8, GICC_IAR = 0xc, GICC_EOIR = 0x10,
    GICC_RPR = 0x14, GICC_HPPIR = 0x18, GICC_ABPR = 0x1c, GICC_APR0 = 0xd0,
    GICC_IIDR = 0xfc, GICC_DIR = 0x1000,
};

typedef struct Board {
    GICBench bench;
    GICv2State gic;
} Board;

static int the_cpu;     /* the vCPU making the next access */

static int board_current_cpu(void *opaque)
{
    (void)opaque;
    return the_cpu;
}

static Board *board_new(void)
{
    Board *b = g_new0(Board, 1);
    gicv2_init(&b->gic, NCPU, NIRQ, board_current_cpu, b);
    gic_bench_init(&b->bench, &b->gic.dist_mr, &b->gic.cpu_mr, CPUIF);
    for (int i = 0; i < NCPU; i++) {
        gicv2_connect_cpu(&b->gic, i, &b->bench.cpu_in[i][0], &b->bench.cpu_in[i][1]);
    }
    the_cpu = 0;
    return b;
}

static void board_free(Board *b)
{
    gic_bench_destroy(&b->bench);
    gicv2_destroy(&b->gic);
    g_free(b);
}

static uint32_t cpu_rd(Board *b, int cpu, uint32_t off)
{
    the_cpu = cpu;
    return rd(&b->bench, CPUIF + off, 4);
}
static void cpu_wr(Board *b, int cpu, uint32_t off, uint32_t v)
{
    the_cpu = cpu;
    wr(&b->bench, CPUIF + off, v, 4);
}

/* As Linux's gic driver sets it up: distributor and every CPU interface
 * on for Group 0, priority mask open, all SPIs to CPU 0. */
static void setup(Board *b)
{
    dist_wr(&b->bench, GICD_CTLR, 1);
    for (int cpu = 0; cpu < NCPU; cpu++) {
        cpu_wr(b, cpu, GICC_PMR, 0xf0);
        cpu_wr(b, cpu, GICC_CTLR, 1);
    }
    the_cpu = 0;
    for (int irq = 32; irq < NIRQ; irq += 4) {
        dist_wr(&b->bench, GICD_ITARGETSR + irq, 0x01010101);
    }
}

static void set_priority(Board *b, int cpu, int irq, uint8_t prio)
{
    the_cpu = cpu;
    wr(&b->bench, DIST + GICD_IPRIORITYR + irq, prio, 1);   /* byte-accessible (4.3.11) */
}

static void enable(Board *b, int cpu, int irq)
{
    the_cpu = cpu;
    dist_wr(&b->bench, GICD_ISENABLER + irq / 32 * 4, 1u << (irq % 32));
}

static void test_id_registers(void **state)
{
    (void)state;
    Board *b = board_new();
    /* 4.3.2: ITLinesNumber = 288/32 - 1 = 8, CPUNumber = 4 - 1. */
    assert_int_equal(dist_rd(&b->bench, GICD_TYPER), 8 | 3 << 5);
    /* 4.3.3: implementer Arm, JEP106 0x43B. */
    assert_int_equal(dist_rd(&b->bench, GICD_IIDR) & 0xfff, 0x43b);
    /* 4.4.16: GICC_IIDR architecture version 2, implementer Arm. */
    assert_int_equal(cpu_rd(b, 0, GICC_IIDR), 0x0002043b);
    /* 4.3.18 and Table 4-37: PIDR2[7:4] ArchRev 2; CIDR0-3 the CoreSight
     * preamble 0x0D 0xF0 0x05 0xB1. */
    assert_int_equal(dist_rd(&b->bench, 0xfe8) >> 4 & 0xf, 2);
    assert_int_equal(dist_rd(&b->bench, 0xff0), 0x0d);
    assert_int_equal(dist_rd(&b->bench, 0xff4), 0xf0);
    assert_int_equal(dist_rd(&b->bench, 0xff8), 0x05);
    assert_int_equal(dist_rd(&b->bench, 0xffc), 0xb1);
    /* Reset values (4.3.1, 4.4.1, 4.4.2): everything off, PMR 0. */
    assert_int_equal(dist_rd(&b->bench, GICD_CTLR), 0);
    assert_int_equal(cpu_rd(b, 0, GICC_CTLR), 0);
    assert_int_equal(cpu_rd(b, 0, GICC_PMR), 0);
    /* The idle running priority reads 0xFF (4.4.6). */
    assert_int_equal(cpu_rd(b, 0, GICC_RPR), 0xff);
    board_free(b);
}

/* A level-sensitive SPI: pending while the line is high, signalled,
 * acknowledged, active and pending while still high, again after EOI,
 * gone once the line falls (3.2.4, Figure 3-3). */
static void test_spi_level_flow(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    int irq = 33;
    set_priority(b, 0, irq, 0x80);
    enable(b, 0, irq);
    irq_raise(gicv2_spi(&b->gic, irq - 32));
    assert_int_equal(b->bench.level[0][0], 1);
    assert_int_equal(b->bench.level[1][0], 0);        /* targeted at CPU 0 only */
    assert_int_equal(cpu_rd(b, 0, GICC_HPPIR), irq);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), irq);
    assert_int_equal(b->bench.level[0][0], 0);        /* active, nothing else to signal */
    assert_int_equal(cpu_rd(b, 0, GICC_RPR), 0x80);
    /* Active and pending: both bits read set. */
    assert_int_equal(dist_rd(&b->bench, GICD_ISACTIVER + 4) >> 1 & 1, 1);
    assert_int_equal(dist_rd(&b->bench, GICD_ISPENDR + 4) >> 1 & 1, 1);
    cpu_wr(b, 0, GICC_EOIR, irq);
    assert_int_equal(cpu_rd(b, 0, GICC_RPR), 0xff);
    assert_int_equal(b->bench.level[0][0], 1);        /* the line is still high */
    irq_lower(gicv2_spi(&b->gic, irq - 32));
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), GIC_SPURIOUS);
    /* Writing ICPENDR does not clear a level still asserted. */
    irq_raise(gicv2_spi(&b->gic, irq - 32));
    dist_wr(&b->bench, GICD_ICPENDR + 4, 1u << 1);
    assert_int_equal(dist_rd(&b->bench, GICD_ISPENDR + 4) >> 1 & 1, 1);
    board_free(b);
}

/* Edge-triggered: a pulse latches pending until acknowledged (3.2.4). */
static void test_edge_latch(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    int irq = 40;
    dist_wr(&b->bench, GICD_ICFGR + irq / 16 * 4, 2u << (irq % 16 * 2));
    assert_int_equal(dist_rd(&b->bench, GICD_ICFGR + irq / 16 * 4) >> (irq % 16 * 2) & 3, 2);
    set_priority(b, 0, irq, 0x10);
    enable(b, 0, irq);
    irq_pulse(gicv2_spi(&b->gic, irq - 32));
    assert_int_equal(b->bench.level[0][0], 1);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), irq);
    assert_int_equal(dist_rd(&b->bench, GICD_ISPENDR + 4) >> 8 & 1, 0);
    /* A second edge while active: active and pending, not signalled. */
    irq_pulse(gicv2_spi(&b->gic, irq - 32));
    assert_int_equal(b->bench.level[0][0], 0);
    cpu_wr(b, 0, GICC_EOIR, irq);
    assert_int_equal(b->bench.level[0][0], 1);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), irq);
    cpu_wr(b, 0, GICC_EOIR, irq);
    assert_int_equal(b->bench.level[0][0], 0);
    board_free(b);
}

/* PPIs are banked: CPU 1's timer reaches CPU 1 alone (2.2.1). */
static void test_ppi_per_cpu(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    for (int cpu = 0; cpu < NCPU; cpu++) {
        set_priority(b, cpu, 27, 0xa0);
        enable(b, cpu, 27);
    }
    irq_raise(gicv2_ppi(&b->gic, 1, 27));
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(b->bench.level[1][0], 1);
    /* Each CPU reads its own bank of ISENABLER0/ISPENDR0. */
    the_cpu = 0;
    assert_int_equal(dist_rd(&b->bench, GICD_ISPENDR) >> 27 & 1, 0);
    the_cpu = 1;
    assert_int_equal(dist_rd(&b->bench, GICD_ISPENDR) >> 27 & 1, 1);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), GIC_SPURIOUS);
    assert_int_equal(cpu_rd(b, 1, GICC_IAR), 27);
    cpu_wr(b, 1, GICC_EOIR, 27);
    irq_lower(gicv2_ppi(&b->gic, 1, 27));
    assert_int_equal(b->bench.level[1][0], 0);
    board_free(b);
}

/* SGIs by GICD_SGIR's three filters; IAR names the source CPU in bits
 * [12:10] (4.3.15, 4.4.4). */
static void test_sgi(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    /* SGIs are enabled whatever one writes to ICENABLER (qemu; 4.3.5). */
    the_cpu = 2;
    dist_wr(&b->bench, GICD_ICENABLER, 0xffff);
    assert_int_equal(dist_rd(&b->bench, GICD_ISENABLER) & 0xffff, 0xffff);
    /* CPU 2 sends SGI 5 to CPUs 1 and 3 by target list. */
    dist_wr(&b->bench, GICD_SGIR, 0 << 24 | 0x0a << 16 | 5);
    assert_int_equal(b->bench.level[1][0], 1);
    assert_int_equal(b->bench.level[3][0], 1);
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(b->bench.level[2][0], 0);
    assert_int_equal(cpu_rd(b, 1, GICC_IAR), 5 | 2 << 10);
    cpu_wr(b, 1, GICC_EOIR, 5 | 2 << 10);
    /* GICD_SPENDSGIR shows CPU 3's pending SGI 5 from CPU 2. */
    the_cpu = 3;
    assert_int_equal(rd(&b->bench, DIST + GICD_SPENDSGIR + 5, 1), 1u << 2);
    wr(&b->bench, DIST + GICD_CPENDSGIR + 5, 1u << 2, 1);
    assert_int_equal(b->bench.level[3][0], 0);
    /* Filter 1: all but the sender. */
    the_cpu = 0;
    dist_wr(&b->bench, GICD_SGIR, 1 << 24 | 7);
    assert_int_equal(b->bench.level[0][0], 0);
    for (int cpu = 1; cpu < NCPU; cpu++) {
        assert_int_equal(cpu_rd(b, cpu, GICC_IAR), 7);
        cpu_wr(b, cpu, GICC_EOIR, 7);
    }
    /* Filter 2: the sender only. */
    the_cpu = 3;
    dist_wr(&b->bench, GICD_SGIR, 2 << 24 | 0xff << 16 | 1);
    assert_int_equal(b->bench.level[3][0], 1);
    assert_int_equal(b->bench.level[1][0], 0);
    assert_int_equal(cpu_rd(b, 3, GICC_IAR), 1 | 3 << 10);
    cpu_wr(b, 3, GICC_EOIR, 1 | 3 << 10);
    /* Two sources of one SGI: acknowledged once each. */
    the_cpu = 1;
    dist_wr(&b->bench, GICD_SGIR, 1 << 16 | 9);
    the_cpu = 2;
    dist_wr(&b->bench, GICD_SGIR, 1 << 16 | 9);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), 9 | 1 << 10);
    cpu_wr(b, 0, GICC_EOIR, 9);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), 9 | 2 << 10);
    cpu_wr(b, 0, GICC_EOIR, 9);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), GIC_SPURIOUS);
    board_free(b);
}

/* GICC_PMR: only priorities strictly higher (lower value) are signalled
 * (3.3.2, 4.4.2). */
static void test_priority_mask(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    set_priority(b, 0, 50, 0x80);
    enable(b, 0, 50);
    cpu_wr(b, 0, GICC_PMR, 0x80);
    irq_raise(gicv2_spi(&b->gic, 50 - 32));
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), GIC_SPURIOUS);
    cpu_wr(b, 0, GICC_PMR, 0x81);
    assert_int_equal(b->bench.level[0][0], 1);
    /* All eight priority bits are implemented (qemu's arm_gic). */
    set_priority(b, 0, 51, 0xff);
    assert_int_equal(rd(&b->bench, DIST + GICD_IPRIORITYR + 51, 1), 0xff);
    board_free(b);
}

/* Preemption by group priority under GICC_BPR, nested actives and the
 * running priority dropping in order (3.3.3, 3.3.4, Table 3-5). */
static void test_preemption(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    set_priority(b, 0, 60, 0x50);
    set_priority(b, 0, 61, 0x40);
    enable(b, 0, 60);
    enable(b, 0, 61);
    /* BPR 4: group priority bits [7:5]; 0x40 and 0x50 share group 0x40,
     * so 61 does not preempt 60. */
    cpu_wr(b, 0, GICC_BPR, 4);
    irq_raise(gicv2_spi(&b->gic, 60 - 32));
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), 60);
    irq_raise(gicv2_spi(&b->gic, 61 - 32));
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(cpu_rd(b, 0, GICC_RPR), 0x40);   /* 60's group priority */
    /* BPR 0 (group bits [7:1]): 0x40 < 0x50 preempts. */
    cpu_wr(b, 0, GICC_EOIR, 60);
    irq_lower(gicv2_spi(&b->gic, 60 - 32));
    cpu_wr(b, 0, GICC_BPR, 0);
    irq_lower(gicv2_spi(&b->gic, 61 - 32));
    irq_raise(gicv2_spi(&b->gic, 60 - 32));
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), 60);
    assert_int_equal(cpu_rd(b, 0, GICC_RPR), 0x50);
    irq_raise(gicv2_spi(&b->gic, 61 - 32));
    assert_int_equal(b->bench.level[0][0], 1);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), 61);
    assert_int_equal(cpu_rd(b, 0, GICC_RPR), 0x40);
    /* GICC_APRn: one bit per active group priority, bit (g >> 1) of the
     * 128 for 8 priority bits, here in GICC_APR1 (4.4.13, Table 4-40). */
    assert_int_equal(cpu_rd(b, 0, GICC_APR0), 0);
    assert_int_equal(cpu_rd(b, 0, GICC_APR0 + 4),
                     1u << ((0x40 >> 1) - 32) | 1u << ((0x50 >> 1) - 32));
    irq_lower(gicv2_spi(&b->gic, 61 - 32));
    cpu_wr(b, 0, GICC_EOIR, 61);
    assert_int_equal(cpu_rd(b, 0, GICC_RPR), 0x50);
    irq_lower(gicv2_spi(&b->gic, 60 - 32));
    cpu_wr(b, 0, GICC_EOIR, 60);
    assert_int_equal(cpu_rd(b, 0, GICC_RPR), 0xff);
    /* BPR has a minimum of 0, ABPR of 1 (4.4.3, 4.4.7). */
    cpu_wr(b, 0, GICC_ABPR, 0);
    assert_int_equal(cpu_rd(b, 0, GICC_ABPR), 1);
    board_free(b);
}

/* GICD_ITARGETSR: SPIs go where the byte says; the SGI/PPI bytes are
 * read-only and read as the reading CPU's bit (4.3.12). */
static void test_targets(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    for (int cpu = 0; cpu < NCPU; cpu++) {
        the_cpu = cpu;
        assert_int_equal(rd(&b->bench, DIST + GICD_ITARGETSR + 3, 1), 1u << cpu);
        assert_int_equal(rd(&b->bench, DIST + GICD_ITARGETSR + 29, 1), 1u << cpu);
    }
    the_cpu = 0;
    wr(&b->bench, DIST + GICD_ITARGETSR + 7, 0xff, 1);
    assert_int_equal(rd(&b->bench, DIST + GICD_ITARGETSR + 7, 1), 1);
    /* Bits of absent CPU interfaces read as zero. */
    wr(&b->bench, DIST + GICD_ITARGETSR + 70, 0xf2, 1);
    assert_int_equal(rd(&b->bench, DIST + GICD_ITARGETSR + 70, 1), 0x02);
    set_priority(b, 0, 70, 0x20);
    enable(b, 0, 70);
    irq_raise(gicv2_spi(&b->gic, 70 - 32));
    assert_int_equal(b->bench.level[0][0], 0);
    assert_int_equal(b->bench.level[1][0], 1);
    /* Retargeted to CPUs 2 and 3: both see it, the first to acknowledge
     * takes it (1-N model, 1.4.3). */
    wr(&b->bench, DIST + GICD_ITARGETSR + 70, 0x0c, 1);
    assert_int_equal(b->bench.level[1][0], 0);
    assert_int_equal(b->bench.level[2][0], 1);
    assert_int_equal(b->bench.level[3][0], 1);
    assert_int_equal(cpu_rd(b, 3, GICC_IAR), 70);
    assert_int_equal(b->bench.level[2][0], 0);
    assert_int_equal(cpu_rd(b, 2, GICC_IAR), GIC_SPURIOUS);
    board_free(b);
}

/* EOImode 1: EOIR drops the priority only, GICC_DIR deactivates (4.4.1,
 * 4.4.15, 3.2.1 "Priority drop and interrupt deactivation"). */
static void test_eoimode_dir(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    cpu_wr(b, 0, GICC_CTLR, 1 | 1u << 9);
    assert_int_equal(cpu_rd(b, 0, GICC_CTLR), 1 | 1u << 9);
    set_priority(b, 0, 80, 0x30);
    enable(b, 0, 80);
    dist_wr(&b->bench, GICD_ICFGR + 80 / 16 * 4, 2u << (80 % 16 * 2));
    irq_pulse(gicv2_spi(&b->gic, 80 - 32));
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), 80);
    cpu_wr(b, 0, GICC_EOIR, 80);
    assert_int_equal(cpu_rd(b, 0, GICC_RPR), 0xff);
    assert_int_equal(dist_rd(&b->bench, GICD_ISACTIVER + 8) >> 16 & 1, 1);
    irq_pulse(gicv2_spi(&b->gic, 80 - 32));
    assert_int_equal(b->bench.level[0][0], 0);       /* still active */
    cpu_wr(b, 0, GICC_DIR, 80);
    assert_int_equal(dist_rd(&b->bench, GICD_ISACTIVER + 8) >> 16 & 1, 0);
    assert_int_equal(b->bench.level[0][0], 1);
    board_free(b);
}

/* Spurious 1023 with nothing to take; 1022 for a Group 1 interrupt with
 * AckCtl clear; Group 0 on FIQ with FIQEn (4.4.4, 3.3.1, Table 4-31). */
static void test_spurious_groups_fiq(void **state)
{
    (void)state;
    Board *b = board_new();
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), GIC_SPURIOUS);
    assert_int_equal(cpu_rd(b, 0, GICC_HPPIR), GIC_SPURIOUS);
    setup(b);
    dist_wr(&b->bench, GICD_CTLR, 3);
    cpu_wr(b, 0, GICC_CTLR, 3);
    dist_wr(&b->bench, GICD_IGROUPR + 4, 1u << 2);     /* INTID 34 in Group 1 */
    set_priority(b, 0, 34, 0x60);
    enable(b, 0, 34);
    irq_raise(gicv2_spi(&b->gic, 2));
    assert_int_equal(b->bench.level[0][0], 1);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), GIC_NO_ACK_GRP1);
    cpu_wr(b, 0, GICC_CTLR, 3 | 1u << 2);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), 34);
    cpu_wr(b, 0, GICC_EOIR, 34);
    irq_lower(gicv2_spi(&b->gic, 2));
    /* Group 0 with FIQEn: FIQ, not IRQ. */
    cpu_wr(b, 0, GICC_CTLR, 3 | 1u << 3);
    set_priority(b, 0, 35, 0x60);
    enable(b, 0, 35);
    irq_raise(gicv2_spi(&b->gic, 3));
    assert_int_equal(b->bench.level[0][1], 1);
    assert_int_equal(b->bench.level[0][0], 0);
    /* The distributor's group enable gates forwarding (4.3.1). */
    dist_wr(&b->bench, GICD_CTLR, 2);
    assert_int_equal(b->bench.level[0][1], 0);
    board_free(b);
}

/* A uniprocessor GIC: ITARGETSR is RAZ/WI and every SPI goes to the one
 * CPU (4.3.12); TYPER.CPUNumber 0 (4.3.2). */
static void test_uniprocessor(void **state)
{
    (void)state;
    GICv2State *gic = g_new0(GICv2State, 1);
    GICBench *bench = g_new0(GICBench, 1);
    AddressSpace *as = &bench->as;
    gicv2_init(gic, 1, 64, NULL, NULL);
    gic_bench_init(bench, &gic->dist_mr, &gic->cpu_mr, CPUIF);
    gicv2_connect_cpu(gic, 0, &bench->cpu_in[0][0], &bench->cpu_in[0][1]);
    uint32_t v = 0;
    address_space_read(as, DIST + GICD_TYPER, &v, 4);
    assert_int_equal(v, 1);                 /* 64 interrupts, one CPU */
    v = 0xff;
    address_space_write(as, DIST + GICD_ITARGETSR + 40, &v, 1);
    v = 0x1;
    address_space_write(as, DIST + GICD_CTLR, &v, 4);
    address_space_write(as, CPUIF + GICC_CTLR, &v, 4);
    v = 0xff;
    address_space_write(as, CPUIF + GICC_PMR, &v, 4);
    v = 1u << 8;
    address_space_write(as, DIST + GICD_ISENABLER + 4, &v, 4);
    v = 0x12345678;
    address_space_read(as, DIST + GICD_ITARGETSR + 40, &v, 1);
    assert_int_equal(v & 0xff, 0);
    irq_raise(gicv2_spi(gic, 8));
    assert_int_equal(bench->level[0][0], 1);
    v = 0;
    address_space_read(as, CPUIF + GICC_IAR, &v, 4);
    assert_int_equal(v, 40);
    assert_null(gicv2_spi(gic, 32));
    gic_bench_destroy(bench);
    gicv2_destroy(gic);
    g_free(bench);
    g_free(gic);
}

/* Reset returns the registers to their reset values but keeps what the
 * devices drive: a line still high is pending again once enabled; an
 * SPI with no target is delivered nowhere (4.3.12). */
static void test_reset_and_no_target(void **state)
{
    (void)state;
    Board *b = board_new();
    setup(b);
    irq_raise(gicv2_spi(&b->gic, 100 - 32));
    gicv2_reset(&b->gic);
    assert_int_equal(dist_rd(&b->bench, GICD_CTLR), 0);
    assert_int_equal(dist_rd(&b->bench, GICD_ISENABLER + 12), 0);
    assert_int_equal(rd(&b->bench, DIST + GICD_ITARGETSR + 100, 1), 0);
    setup(b);
    wr(&b->bench, DIST + GICD_ITARGETSR + 100, 0, 1);
    enable(b, 0, 100);
    assert_int_equal(dist_rd(&b->bench, GICD_ISPENDR + 12) >> 4 & 1, 1);
    for (int cpu = 0; cpu < NCPU; cpu++) {
        assert_int_equal(b->bench.level[cpu][0], 0);
    }
    wr(&b->bench, DIST + GICD_ITARGETSR + 100, 0x8, 1);
    assert_int_equal(b->bench.level[3][0], 1);
    board_free(b);
}

static void test_vmstate_covers_state(void **state)
{
    (void)state;
    vmstate_table_bytes(&vmstate_gicv2);
}

static GByteArray *save(Board *b)
{
    GByteArray *out = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_gicv2, &b->gic, out));
    return out;
}

/* Everything a guest can see survives a save and load into a fresh GIC,
 * and the outputs are driven to match. */
static void test_vmstate(void **state)
{
    (void)state;
    Board *a = board_new();
    setup(a);
    set_priority(a, 0, 90, 0x40);
    enable(a, 0, 90);
    wr(&a->bench, DIST + GICD_ITARGETSR + 90, 0x04, 1);
    irq_raise(gicv2_spi(&a->gic, 90 - 32));
    assert_int_equal(cpu_rd(a, 2, GICC_IAR), 90);
    the_cpu = 1;
    dist_wr(&a->bench, GICD_SGIR, 1 << 16 | 3);
    cpu_wr(a, 0, GICC_BPR, 3);
    GByteArray *blob = save(a);

    Board *b = board_new();
    size_t used;
    char *err = NULL;
    assert_true(vmstate_load(&vmstate_gicv2, &b->gic, blob->data, blob->len, &used, &err));
    assert_int_equal(used, blob->len);
    GByteArray *again = save(b);
    assert_int_equal(again->len, blob->len);
    assert_memory_equal(again->data, blob->data, blob->len);
    assert_int_equal(b->bench.level[0][0], 1);    /* the SGI from CPU 1 */
    assert_int_equal(cpu_rd(b, 2, GICC_RPR), 0x40);
    assert_int_equal(cpu_rd(b, 0, GICC_BPR), 3);
    assert_int_equal(cpu_rd(b, 0, GICC_IAR), 3 | 1 << 10);
    /* A truncated stream is refused, not half-loaded into a crash. */
    assert_false(vmstate_load(&vmstate_gicv2, &b->gic, blob->data, blob->len - 1, &used,
                              &err));
    g_free(err);
    g_byte_array_unref(blob);
    g_byte_array_unref(again);
    board_free(a);
    board_free(b);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

/* Any access anywhere, any size, any value, from any CPU, with lines
 * toggling: no crash, no hang (run under ASan/valgrind to see more). */
static void test_random_mmio(void **state)
{
    (void)state;
    Board *b = board_new();
    static const unsigned sizes[] = { 1, 2, 4, 8 };
    for (int i = 0; i < 200000; i++) {
        uint64_t r = fuzz_next(&rng);
        unsigned size = sizes[r & 3];
        uint64_t base = (r >> 2 & 1) ? CPUIF : DIST;
        uint64_t span = base == CPUIF ? GICV2_CPU_SIZE : GICV2_DIST_SIZE;
        uint64_t off = (r >> 3) % span & ~(uint64_t)(size - 1);
        uint64_t v = fuzz_next(&rng);
        the_cpu = (r >> 20) % NCPU;
        if (r >> 30 & 1) {
            address_space_write(&b->bench.as, base + off, &v, size);
        } else {
            address_space_read(&b->bench.as, base + off, &v, size);
        }
        if ((r >> 40 & 15) == 0) {
            irq_set_level(gicv2_spi(&b->gic, (r >> 44) % (NIRQ - 32)), r >> 52 & 1);
            irq_set_level(gicv2_ppi(&b->gic, (r >> 53) % NCPU, 16 + (r >> 56) % 16),
                          r >> 61 & 1);
        }
    }
    /* Out-of-range wiring requests give no line. */
    assert_null(gicv2_spi(&b->gic, NIRQ - 32));
    assert_null(gicv2_ppi(&b->gic, NCPU, 20));
    assert_null(gicv2_ppi(&b->gic, 0, 15));
    board_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_id_registers),
        cmocka_unit_test(test_spi_level_flow),
        cmocka_unit_test(test_edge_latch),
        cmocka_unit_test(test_ppi_per_cpu),
        cmocka_unit_test(test_sgi),
        cmocka_unit_test(test_priority_mask),
        cmocka_unit_test(test_preemption),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_eoimode_dir),
        cmocka_unit_test(test_spurious_groups_fiq),
        cmocka_unit_test(test_uniprocessor),
        cmocka_unit_test(test_reset_and_no_target),
        cmocka_unit_test(test_vmstate_covers_state),
        cmocka_unit_test(test_vmstate),
        cmocka_unit_test(test_random_mmio),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
