/*
 * What both GIC models share (arm-gic-common.h): one interrupt's state
 * and its table, the per-interrupt register banks read and written a
 * byte at a time, the active-priority bookkeeping of a CPU interface,
 * and the input and output lines.
 */
#include <stddef.h>

#include <glib.h>

#include "arm-gic-common.h"

const VMStateDescription vmstate_gic_irq = {
    .name = "gic-irq",
    .version = 1,
    .minimum_version = 1,
    .fields = (const VMStateField[]){
        VMSTATE_FIELD(enabled, GICIrq, 1),
        VMSTATE_FIELD(latch, GICIrq, 1),
        VMSTATE_FIELD(active, GICIrq, 1),
        VMSTATE_FIELD(level, GICIrq, 1),
        VMSTATE_FIELD(edge, GICIrq, 1),
        VMSTATE_FIELD(group, GICIrq, 1),
        VMSTATE_FIELD(priority, GICIrq, 1),
        VMSTATE_FIELD(target, GICIrq, 1),
        VMSTATE_FIELD(sgi_sources, GICIrq, 1),
        VMSTATE_END,
    },
};

void gic_irq_set_level(GICIrq *q, int level)
{
    level = level != 0;
    if (q->edge && level && !q->level) {
        q->latch = 1;
    }
    q->level = level;
}

/* Each bank spans 1024 interrupts' worth of bits. */
static const GICFieldRange field_ranges[] = {
    { 0x080, 1, GIC_F_GROUP,         "IGROUPR" },
    { 0x100, 1, GIC_F_SET_ENABLE,    "ISENABLER" },
    { 0x180, 1, GIC_F_CLEAR_ENABLE,  "ICENABLER" },
    { 0x200, 1, GIC_F_SET_PENDING,   "ISPENDR" },
    { 0x280, 1, GIC_F_CLEAR_PENDING, "ICPENDR" },
    { 0x300, 1, GIC_F_SET_ACTIVE,    "ISACTIVER" },
    { 0x380, 1, GIC_F_CLEAR_ACTIVE,  "ICACTIVER" },
    { 0x400, 8, GIC_F_PRIORITY,      "IPRIORITYR" },
    { 0x800, 8, GIC_F_TARGET,        "ITARGETSR" },
    { 0xc00, 2, GIC_F_CONFIG,        "ICFGR" },
};

const GICFieldRange *gic_field_range(uint32_t offset)
{
    for (size_t i = 0; i < G_N_ELEMENTS(field_ranges); i++) {
        const GICFieldRange *r = &field_ranges[i];
        if (offset >= r->base && offset < r->base + 1024 * r->bits / 8) {
            return r;
        }
    }
    return NULL;
}

/* One interrupt's bits in a bank, as read. */
static unsigned field_get(const GICFieldRules *r, const GICFieldRange *range, int irq,
                          const GICIrq *q)
{
    switch (range->field) {
    case GIC_F_GROUP:
        return q->group;
    case GIC_F_SET_ENABLE:
    case GIC_F_CLEAR_ENABLE:
        return q->enabled;
    case GIC_F_SET_PENDING:
    case GIC_F_CLEAR_PENDING:
        return gic_irq_pending(q);
    case GIC_F_SET_ACTIVE:
    case GIC_F_CLEAR_ACTIVE:
        return q->active;
    case GIC_F_PRIORITY:
        return q->priority & r->priority_mask;
    case GIC_F_TARGET:
        return q->target;
    case GIC_F_CONFIG:
        return q->edge << 1;    /* Int_config[0] is reserved in GICv2 and v3 */
    }
    return 0;
}

/* One interrupt's bits in a bank, as written (a 1 in a set/clear bank acts,
 * a 0 does nothing). */
static void field_put(const GICFieldRules *r, const GICFieldRange *range, int irq,
                      GICIrq *q, unsigned v)
{
    bool sgi = irq < GIC_NR_SGIS;
    switch (range->field) {
    case GIC_F_GROUP:
        q->group = v & 1;
        break;
    case GIC_F_SET_ENABLE:
        q->enabled |= v & 1;
        break;
    case GIC_F_CLEAR_ENABLE:
        if (v & 1 && !(sgi && r->sgi_always_enabled)) {
            q->enabled = 0;
        }
        break;
    case GIC_F_SET_PENDING:
        if (v & 1 && !(sgi && r->sgi_pending_by_sgir)) {
            q->latch = 1;
        }
        break;
    case GIC_F_CLEAR_PENDING:
        if (v & 1 && !(sgi && r->sgi_pending_by_sgir)) {
            q->latch = 0;
        }
        break;
    case GIC_F_SET_ACTIVE:
        q->active |= v & 1;
        break;
    case GIC_F_CLEAR_ACTIVE:
        if (v & 1) {
            q->active = 0;
        }
        break;
    case GIC_F_PRIORITY:
        q->priority = v & r->priority_mask;
        break;
    case GIC_F_TARGET:
        break;          /* the GICv2 model handles targets itself */
    case GIC_F_CONFIG:
        if (!sgi) {     /* SGIs are always edge-triggered (IHI 0048B 4.3.13) */
            q->edge = (v >> 1) & 1;
        }
        break;
    }
}

uint8_t gic_field_read_byte(const GICFieldRules *r, const GICFieldRange *range,
                            int cpu, uint32_t offset)
{
    unsigned per_byte = 8 / range->bits;
    int first = (offset - range->base) * per_byte;
    unsigned mask = (1u << range->bits) - 1;
    uint8_t out = 0;
    for (unsigned i = 0; i < per_byte; i++) {
        const GICIrq *q = r->lookup(r->opaque, cpu, first + i);
        if (q) {
            out |= (field_get(r, range, first + i, q) & mask) << (i * range->bits);
        }
    }
    return out;
}

void gic_field_write_byte(const GICFieldRules *r, const GICFieldRange *range,
                          int cpu, uint32_t offset, uint8_t value)
{
    unsigned per_byte = 8 / range->bits;
    int first = (offset - range->base) * per_byte;
    unsigned mask = (1u << range->bits) - 1;
    for (unsigned i = 0; i < per_byte; i++) {
        GICIrq *q = r->lookup(r->opaque, cpu, first + i);
        if (q) {
            field_put(r, range, first + i, q, (value >> (i * range->bits)) & mask);
        }
    }
}

static int apr_bits(int prebits)
{
    return 1 << prebits;    /* prebits <= 7 keeps it within GIC_APR_WORDS words */
}

void gic_apr_activate(uint32_t *apr, int group, uint8_t gprio, int prebits)
{
    int bit = gprio >> (8 - prebits);
    apr[(group & 1) * GIC_APR_WORDS + bit / 32] |= 1u << (bit % 32);
}

/* The lowest set bit over both groups, or -1. */
static int apr_highest(const uint32_t *apr, int prebits, int *group)
{
    for (int bit = 0; bit < apr_bits(prebits); bit++) {
        for (int g = 0; g < 2; g++) {
            if (apr[g * GIC_APR_WORDS + bit / 32] & (1u << (bit % 32))) {
                *group = g;
                return bit;
            }
        }
    }
    return -1;
}

uint8_t gic_apr_running(const uint32_t *apr, int prebits)
{
    int group;
    int bit = apr_highest(apr, prebits, &group);
    return bit < 0 ? GIC_IDLE_PRIO : bit << (8 - prebits);
}

int gic_apr_drop(uint32_t *apr, int prebits)
{
    int group;
    int bit = apr_highest(apr, prebits, &group);
    if (bit >= 0) {
        apr[group * GIC_APR_WORDS + bit / 32] &= ~(1u << (bit % 32));
        return group;
    }
    return -1;
}

void gic_inputs_init(IRQLine *spi_in, IRQLine *ppi_in, int max_cpus,
                     IRQHandler *spi, IRQHandler *ppi, void *opaque)
{
    irq_lines_init(spi_in, GIC_MAX_IRQ - GIC_INTERNAL, spi, opaque);
    irq_lines_init(ppi_in, max_cpus * (GIC_INTERNAL - GIC_NR_SGIS), ppi, opaque);
}

IRQLine *gic_spi_line(IRQLine *spi_in, int num_irq, int n)
{
    return n >= 0 && n < num_irq - GIC_INTERNAL ? &spi_in[n] : NULL;
}

IRQLine *gic_ppi_line(IRQLine *ppi_in, int num_cpu, int cpu, int intid)
{
    if (cpu < 0 || cpu >= num_cpu || intid < GIC_NR_SGIS || intid >= GIC_INTERNAL) {
        return NULL;
    }
    return &ppi_in[cpu * (GIC_INTERNAL - GIC_NR_SGIS) + intid - GIC_NR_SGIS];
}

void gic_output_connect(GICOutput *o, IRQLine *irq, IRQLine *fiq)
{
    o->irq = irq;
    o->fiq = fiq;
    o->irq_level = o->fiq_level = -1;
}

void gic_outputs_undriven(GICOutput *o, int n)
{
    for (int i = 0; i < n; i++) {
        o[i].irq_level = o[i].fiq_level = -1;
    }
}

static void drive(IRQLine *line, int8_t *last, int level)
{
    if (*last != level) {
        *last = level;
        irq_set_level(line, level);
    }
}

void gic_output_drive(GICOutput *o, int irq_level, int fiq_level)
{
    drive(o->irq, &o->irq_level, irq_level);
    drive(o->fiq, &o->fiq_level, fiq_level);
}
