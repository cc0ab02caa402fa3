/*
 * The GICv3 model's MMIO frames: the distributor and the redistributors'
 * RD_base and SGI_base frames (IHI 0069 chapter 12).  Every register is
 * read and written a byte at a time (none has side effects beyond its
 * own state under ARE = 1, DS = 1, but for GICR_CTLR.EnableLPIs in its
 * first byte), so any size and offset a guest uses lands in the same
 * code.  The LPI registers are arm-gicv3-lpi.c's.
 */
#include <glib.h>

#include "arm-gicv3-internal.h"

/* GICD/GICR_IIDR: Arm (JEP106 0x43B), product 0, r0p0, as qemu (12.9.16). */
#define GIC_IIDR_VALUE  0x43b
#define PIDR0_DIST      0x92
#define PIDR0_REDIST    0x93

/* PIDR4..7, PIDR0..3, CIDR0..3 at 0xFFD0-0xFFFC: PIDR2 0x3B is ArchRev 3
 * (12.1.13), the rest qemu's values; PIDR0 differs per frame. */
static const uint8_t id_regs[12] = {
    0x44, 0x00, 0x00, 0x00, 0, 0xb4, 0x3b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static uint8_t id_byte(uint32_t offset, uint8_t pidr0)
{
    if (offset & 3) {
        return 0;
    }
    int n = (offset - 0xffd0) / 4;
    return n == 4 ? pidr0 : id_regs[n];
}

/* The byte at offset of a 64-bit register (8-aligned) or a 32-bit one. */
static uint8_t byte_of(uint64_t reg, uint32_t offset)
{
    return reg >> (8 * (offset & 7));
}

static uint8_t byte_of32(uint32_t reg, uint32_t offset)
{
    return reg >> (8 * (offset & 3));
}

/* Distributor banks: SPIs only; the private interrupts' bits are RAZ/WI
 * with ARE = 1 (they live in the redistributors, 12.9). */
static GICIrq *dist_lookup(void *opaque, int cpu, int irq)
{
    (void)cpu;
    return irq >= GIC_INTERNAL ? gicv3_irq(opaque, 0, irq) : NULL;
}

static GICIrq *redist_lookup(void *opaque, int cpu, int irq)
{
    return irq < GIC_INTERNAL ? gicv3_irq(opaque, cpu, irq) : NULL;
}

static void rules(GICv3State *s, GICFieldRules *r, bool redist)
{
    *r = (GICFieldRules){
        .lookup = redist ? redist_lookup : dist_lookup, .opaque = s,
        .priority_mask = 0xff,      /* stored whole; the CPU side uses 5 bits */
    };
}

/* GICD_TYPER (12.9.38): No1N, A3V, IDbits 16, LPIS when LPIs are on,
 * ITLinesNumber; no MBIS, no security, CPUNumber 0 under ARE, as qemu. */
static uint32_t dist_typer(GICv3State *s)
{
    return 1u << 25 | 1u << 24 | (GICV3_LPI_IDBITS - 1u) << 19 |
           (s->lpi_as ? 1u << 17 : 0) | (s->num_irq / 32 - 1);
}

static bool is_irouter(GICv3State *s, uint32_t offset)
{
    return offset >= 0x6000 + 8 * GIC_INTERNAL && offset < 0x6000 + 8 * s->num_irq;
}

static uint8_t dist_read_byte(GICv3State *s, uint32_t offset)
{
    const GICFieldRange *range = gic_field_range(offset);
    if (offset < 0x10) {
        uint32_t words[4] = { s->ctlr, dist_typer(s), GIC_IIDR_VALUE, 0 };
        return byte_of32(words[offset / 4], offset);
    }
    if (range && range->field != GIC_F_TARGET) {   /* ITARGETSR: RAZ/WI under ARE */
        GICFieldRules r;
        rules(s, &r, false);
        return gic_field_read_byte(&r, range, 0, offset);
    }
    if (is_irouter(s, offset)) {
        return byte_of(s->irouter[(offset - 0x6000) / 8 - GIC_INTERNAL], offset);
    }
    if (offset >= 0xffd0) {
        return id_byte(offset, PIDR0_DIST);
    }
    return 0;   /* IGRPMODR, NSACR, SGIR, SETSPI..: RAZ/WI with DS = 1, no MBIS */
}

/* IROUTER keeps Aff3 and Aff2-Aff0; IRM is RAZ/WI (No1N = 1). */
#define IROUTER_MASK    0xff00ffffffull

static void dist_write_byte(GICv3State *s, uint32_t offset, uint8_t value)
{
    const GICFieldRange *range = gic_field_range(offset);
    if (offset == 0) {
        s->ctlr = (value & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1)) |
                  GICD_CTLR_ARE | GICD_CTLR_DS;     /* ARE, DS: RAO/WI */
    } else if (range && range->field != GIC_F_TARGET) {
        GICFieldRules r;
        rules(s, &r, false);
        gic_field_write_byte(&r, range, 0, offset, value);
    } else if (is_irouter(s, offset)) {
        uint64_t *route = &s->irouter[(offset - 0x6000) / 8 - GIC_INTERNAL];
        int shift = 8 * (offset & 7);
        *route = ((*route & ~(0xffull << shift)) | (uint64_t)value << shift) & IROUTER_MASK;
    } else if (offset >= 4) {
        g_debug("gicv3: write of GICD offset 0x%x ignored", offset);
    }
}

/* GICR_TYPER (12.11.37): the CPU's affinity, its number, Last for the
 * last one, PLPIS when LPIs are on; no VLPIs, no DirectLPI (the ITS is
 * the only way to an LPI, as qemu's). */
static uint64_t redist_typer(GICv3State *s, int cpu)
{
    uint64_t aff = s->affinity[cpu];
    uint64_t aff32 = (uint64_t)gicv3_aff(aff, 3) << 24 | (aff & 0xffffff);
    return aff32 << 32 | (uint64_t)cpu << 8 | (uint64_t)(cpu == s->num_cpu - 1) << 4 |
           (s->lpi_as ? 1 : 0);
}

static uint8_t rd_base_read_byte(GICv3State *s, int cpu, uint32_t offset)
{
    uint8_t lpi_value;
    if (gicv3_lpi_reg_read_byte(s, cpu, offset, &lpi_value)) {
        return lpi_value;
    }
    switch (offset & ~3u) {
    case 0x0: return 0;                 /* GICR_CTLR without LPIs: nothing */
    case 0x4: return byte_of32(GIC_IIDR_VALUE, offset);
    case 0x8: case 0xc: return byte_of(redist_typer(s, cpu), offset);
    case 0x14: return byte_of32(s->cpu[cpu].waker, offset);
    }
    if (offset >= 0xffd0) {
        return id_byte(offset, PIDR0_REDIST);
    }
    return 0;       /* STATUSR, SYNCR (never busy); PROPBASER.. without LPIs */
}

/* GICR_WAKER: ChildrenAsleep follows ProcessorSleep at once; Linux
 * clears ProcessorSleep and polls ChildrenAsleep to 0 (12.11.40). */
static void rd_base_write_byte(GICv3State *s, int cpu, uint32_t offset, uint8_t value)
{
    if (gicv3_lpi_reg_write_byte(s, cpu, offset, value)) {
        return;
    }
    if (offset == 0x14) {
        s->cpu[cpu].waker = value & GICR_WAKER_PS ? GICR_WAKER_PS | GICR_WAKER_CA : 0;
    } else {
        g_debug("gicv3: write of GICR RD_base offset 0x%x ignored", offset);
    }
}

static uint8_t sgi_base_read_byte(GICv3State *s, int cpu, uint32_t offset)
{
    const GICFieldRange *range = gic_field_range(offset);
    if (range && range->field != GIC_F_TARGET) {
        GICFieldRules r;
        rules(s, &r, true);
        return gic_field_read_byte(&r, range, cpu, offset);
    }
    return 0;       /* IGRPMODR0, NSACR: RAZ/WI with DS = 1 */
}

static void sgi_base_write_byte(GICv3State *s, int cpu, uint32_t offset, uint8_t value)
{
    const GICFieldRange *range = gic_field_range(offset);
    if (range && range->field != GIC_F_TARGET) {
        GICFieldRules r;
        rules(s, &r, true);
        gic_field_write_byte(&r, range, cpu, offset, value);
    } else {
        g_debug("gicv3: write of GICR SGI_base offset 0x%x ignored", offset);
    }
}

static uint64_t dist_read(void *opaque, uint64_t offset, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)dist_read_byte(opaque, offset + i) << (8 * i);
    }
    return v;
}

static void dist_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        dist_write_byte(opaque, offset + i, value >> (8 * i));
    }
    gicv3_update(opaque);
}

static uint8_t redist_read_byte(GICv3State *s, uint64_t offset)
{
    int cpu = offset / GICV3_REDIST_STRIDE;
    uint32_t off = offset & 0xffff;
    if (cpu >= s->num_cpu) {
        return 0;
    }
    return offset & 0x10000 ? sgi_base_read_byte(s, cpu, off)
                            : rd_base_read_byte(s, cpu, off);
}

static void redist_write_byte(GICv3State *s, uint64_t offset, uint8_t value)
{
    int cpu = offset / GICV3_REDIST_STRIDE;
    uint32_t off = offset & 0xffff;
    if (cpu >= s->num_cpu) {
        return;
    }
    if (offset & 0x10000) {
        sgi_base_write_byte(s, cpu, off, value);
    } else {
        rd_base_write_byte(s, cpu, off, value);
    }
}

static uint64_t redist_read(void *opaque, uint64_t offset, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)redist_read_byte(opaque, offset + i) << (8 * i);
    }
    return v;
}

static void redist_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        redist_write_byte(opaque, offset + i, value >> (8 * i));
    }
    gicv3_update(opaque);
}

static const MemoryRegionOps dist_ops = { dist_read, dist_write, 1, 8 };
static const MemoryRegionOps redist_ops = { redist_read, redist_write, 1, 8 };

void gicv3_dist_init(GICv3State *s)
{
    memory_region_init_io(&s->dist_mr, &dist_ops, s, "gicv3_dist", GICV3_DIST_SIZE);
    memory_region_init_io(&s->redist_mr, &redist_ops, s, "gicv3_redist_region",
                          (uint64_t)s->num_cpu * GICV3_REDIST_STRIDE);
}
