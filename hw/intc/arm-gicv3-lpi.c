/*
 * The GICv3 model's LPIs (IHI 0069 chapter 5.1): the redistributor's LPI
 * registers (GICR_CTLR.EnableLPIs, GICR_PROPBASER, GICR_PENDBASER), each
 * CPU's LPI pending state, and the choice of its highest-priority
 * pending LPI from the configuration table in guest memory.
 *
 * The configuration table is the guest's: one byte per LPI, priority in
 * [7:2] and enable in [0] (5.1.1), read when a pending LPI competes, so
 * a guest's change shows at the next INV/INVALL (or earlier, which the
 * architecture allows).  A table the guest puts outside RAM, or an LPI
 * beyond its GICR_PROPBASER.IDbits, reads as disabled.  LPIs are Group 1
 * with no active state: acknowledging one clears its pending bit.
 */
#include <string.h>

#include <glib.h>

#include "arm-gicv3-internal.h"

/* GICR_PROPBASER (12.11.30): IDbits, InnerCache, Shareability, PA[51:12],
 * OuterCache.  GICR_PENDBASER (12.11.33): the same without IDbits, PA
 * [51:16], and PTZ, write-only. */
#define PROPBASER_IDBITS    0x1full
#define PROPBASER_PA        0x000ffffffffff000ull
#define PENDBASER_PA        0x000fffffffff0000ull
#define BASER_ATTRS         (7ull << 7 | 3ull << 10 | 7ull << 56)
#define PROPBASER_MASK      (PROPBASER_IDBITS | PROPBASER_PA | BASER_ATTRS)
#define PENDBASER_MASK      (PENDBASER_PA | BASER_ATTRS)
/* An LPI configuration byte (5.1.1). */
#define LPI_CFG_ENABLE      1u
#define LPI_CFG_PRIORITY    0xfcu

enum {
    GICR_PROPBASER = 0x70,
    GICR_PENDBASER = 0x78,
};

bool gicv3_ram_rw(const AddressSpace *as, uint64_t addr, void *buf, uint64_t len,
                  bool write)
{
    uint64_t offset, cut = len;
    if (!as || len == 0 || addr + len < addr) {
        return false;
    }
    MemoryRegion *mr = address_space_translate(as, addr, &offset, &cut);
    if (!mr || mr->kind != MR_RAM || cut < len) {
        return false;
    }
    if (write) {
        memcpy(mr->host + offset, buf, len);
        if (as->ram_written) {
            as->ram_written(addr, len);
        }
    } else {
        memcpy(buf, mr->host + offset, len);
    }
    return true;
}

void gicv3_enable_lpis(GICv3State *s, const AddressSpace *as)
{
    s->lpi_as = as;
}

static bool lpis_on(GICv3State *s, int cpu)
{
    return s->lpi_as && cpu >= 0 && cpu < s->num_cpu &&
           (s->cpu[cpu].gicr_ctlr & GICR_CTLR_ENABLE_LPIS);
}

/* LPI intid's configuration byte for cpu, 0 (disabled) where there is
 * none: GICR_PROPBASER.IDbits + 1 below 14 bits means no LPIs at all. */
static uint8_t lpi_config(GICv3State *s, int cpu, int intid)
{
    uint64_t prop = s->cpu[cpu].propbaser;
    int idbits = MIN((int)(prop & PROPBASER_IDBITS) + 1, GICV3_LPI_IDBITS);
    uint8_t cfg = 0;
    if (idbits < 14 || intid >= 1 << idbits) {
        return 0;
    }
    if (!gicv3_ram_rw(s->lpi_as, (prop & PROPBASER_PA) + (intid - GICV3_LPI_BASE),
                      &cfg, 1, false)) {
        return 0;
    }
    return cfg;
}

void gicv3_lpi_highest(GICv3State *s, int cpu, GICv3Pending *best)
{
    const GICv3CPU *c = &s->cpu[cpu];
    if (!lpis_on(s, cpu) || !(s->ctlr & GICD_CTLR_EN_GRP1) || !c->igrpen[1]) {
        return;
    }
    for (int w = 0; w < GICV3_LPI_WORDS; w++) {
        for (uint64_t bits = c->lpi_pending[w]; bits; bits &= bits - 1) {
            int intid = GICV3_LPI_BASE + w * 64 + __builtin_ctzll(bits);
            uint8_t cfg = lpi_config(s, cpu, intid);
            uint8_t prio = cfg & LPI_CFG_PRIORITY & GICV3_PMR_MASK;
            /* Strictly higher: an equal one with a lower INTID came first. */
            if ((cfg & LPI_CFG_ENABLE) && (best->irq < 0 || prio < best->priority)) {
                *best = (GICv3Pending){ .irq = intid, .priority = prio, .group = 1 };
            }
        }
    }
}

void gicv3_lpi_set_pending(GICv3State *s, int cpu, int intid, bool pending)
{
    if (!s->lpi_as || cpu < 0 || cpu >= s->num_cpu || !gicv3_is_lpi(intid)) {
        return;
    }
    int n = intid - GICV3_LPI_BASE;
    uint64_t *w = &s->cpu[cpu].lpi_pending[n / 64];
    uint64_t bit = 1ull << (n % 64);
    *w = pending ? *w | bit : *w & ~bit;
    gicv3_update_cpu(s, cpu);
}

bool gicv3_lpi_pending(GICv3State *s, int cpu, int intid)
{
    if (cpu < 0 || cpu >= s->num_cpu || !gicv3_is_lpi(intid)) {
        return false;
    }
    int n = intid - GICV3_LPI_BASE;
    return s->cpu[cpu].lpi_pending[n / 64] >> (n % 64) & 1;
}

void gicv3_lpi_config_changed(GICv3State *s, int cpu)
{
    if (cpu >= 0 && cpu < s->num_cpu) {
        gicv3_update_cpu(s, cpu);
    }
}

void gicv3_lpi_move_all(GICv3State *s, int from, int to)
{
    if (from < 0 || from >= s->num_cpu || to < 0 || to >= s->num_cpu || from == to) {
        return;
    }
    for (int w = 0; w < GICV3_LPI_WORDS; w++) {
        s->cpu[to].lpi_pending[w] |= s->cpu[from].lpi_pending[w];
        s->cpu[from].lpi_pending[w] = 0;
    }
    gicv3_update_cpu(s, from);
    gicv3_update_cpu(s, to);
}

/* The pending table holds one bit per INTID from 0; LPIs start at byte
 * 1024 (5.1.2).  Bits are little-endian within the 64-bit words. */
static void pending_table_rw(GICv3State *s, int cpu, bool write)
{
    GICv3CPU *c = &s->cpu[cpu];
    uint64_t addr = (c->pendbaser & PENDBASER_PA) + GICV3_LPI_BASE / 8;
    uint64_t words[GICV3_LPI_WORDS];
    if (write) {
        for (int w = 0; w < GICV3_LPI_WORDS; w++) {
            words[w] = GUINT64_TO_LE(c->lpi_pending[w]);
        }
        gicv3_ram_rw(s->lpi_as, addr, words, sizeof(words), true);
    } else if (gicv3_ram_rw(s->lpi_as, addr, words, sizeof(words), false)) {
        for (int w = 0; w < GICV3_LPI_WORDS; w++) {
            c->lpi_pending[w] |= GUINT64_FROM_LE(words[w]);
        }
    }
}

/* EnableLPIs is writable both ways, as qemu's: on, the redistributor
 * takes what the pending table holds; off, it leaves its pending state
 * there and forgets it. */
static void set_enable(GICv3State *s, int cpu, bool on)
{
    GICv3CPU *c = &s->cpu[cpu];
    bool was = c->gicr_ctlr & GICR_CTLR_ENABLE_LPIS;
    if (on == was) {
        return;
    }
    if (on) {
        c->gicr_ctlr |= GICR_CTLR_ENABLE_LPIS;
        pending_table_rw(s, cpu, false);
    } else {
        pending_table_rw(s, cpu, true);
        memset(c->lpi_pending, 0, sizeof(c->lpi_pending));
        c->gicr_ctlr &= ~GICR_CTLR_ENABLE_LPIS;
    }
}

static uint64_t *baser_reg(GICv3CPU *c, uint32_t offset, uint64_t *mask)
{
    if (offset - GICR_PROPBASER < 8) {
        *mask = PROPBASER_MASK;
        return &c->propbaser;
    }
    if (offset - GICR_PENDBASER < 8) {
        *mask = PENDBASER_MASK;
        return &c->pendbaser;
    }
    return NULL;
}

bool gicv3_lpi_reg_read_byte(GICv3State *s, int cpu, uint32_t offset, uint8_t *value)
{
    GICv3CPU *c = &s->cpu[cpu];
    uint64_t mask;
    uint64_t *reg = baser_reg(c, offset, &mask);
    if (!s->lpi_as) {
        return false;
    }
    if (offset < 4) {
        *value = c->gicr_ctlr >> (8 * offset);
        return true;
    }
    if (reg) {
        *value = *reg >> (8 * (offset & 7));
        return true;
    }
    return false;
}

/* PROPBASER and PENDBASER ignore writes while LPIs are on (the
 * architecture makes them UNPREDICTABLE then; qemu ignores them). */
bool gicv3_lpi_reg_write_byte(GICv3State *s, int cpu, uint32_t offset, uint8_t value)
{
    GICv3CPU *c = &s->cpu[cpu];
    uint64_t mask;
    uint64_t *reg = baser_reg(c, offset, &mask);
    if (!s->lpi_as) {
        return false;
    }
    if (offset < 4) {
        if (offset == 0) {
            set_enable(s, cpu, value & GICR_CTLR_ENABLE_LPIS);
        }
        return true;
    }
    if (reg) {
        if (!(c->gicr_ctlr & GICR_CTLR_ENABLE_LPIS)) {
            int shift = 8 * (offset & 7);
            *reg = ((*reg & ~(0xffull << shift)) | (uint64_t)value << shift) & mask;
        }
        return true;
    }
    return false;
}

void gicv3_lpi_post_load(GICv3State *s)
{
    for (int cpu = 0; cpu < GICV3_MAX_CPUS; cpu++) {
        GICv3CPU *c = &s->cpu[cpu];
        bool keep = s->lpi_as && cpu < s->num_cpu;
        c->gicr_ctlr &= keep ? GICR_CTLR_ENABLE_LPIS : 0;
        c->propbaser &= keep ? PROPBASER_MASK : 0;
        c->pendbaser &= keep ? PENDBASER_MASK : 0;
        if (!keep) {
            memset(c->lpi_pending, 0, sizeof(c->lpi_pending));
        }
    }
}
