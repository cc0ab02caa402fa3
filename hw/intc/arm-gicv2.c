/*
 * The GICv2 model (arm-gicv2.h): its distributor and CPU interface frames,
 * input lines, the choice of each CPU's highest-priority pending
 * interrupt and the IRQ/FIQ lines that follow from it.  References are
 * to IHI 0048B; where the architecture leaves a choice, qemu 7.2's
 * arm_gic (revision 2, no Security Extensions) decides.
 */
#include <string.h>

#include <glib.h>

#include "arm-gicv2.h"

#define PRIO_MASK       0xff    /* all 8 priority bits implemented (as qemu) */
#define PREBITS         7       /* minimum BPR 0: group priority bits [7:1] */
#define MIN_BPR         0
#define MIN_ABPR        1

/* GICC_CTLR without the Security Extensions (4.4.1, Table 4-31). */
#define CTLR_EN_GRP0    (1u << 0)
#define CTLR_EN_GRP1    (1u << 1)
#define CTLR_ACK_CTL    (1u << 2)
#define CTLR_FIQ_EN     (1u << 3)
#define CTLR_CBPR       (1u << 4)
#define CTLR_EOIMODE    (1u << 9)
#define CTLR_WRITABLE   (CTLR_EN_GRP0 | CTLR_EN_GRP1 | CTLR_ACK_CTL | CTLR_FIQ_EN | \
                         CTLR_CBPR | CTLR_EOIMODE)

/* GICD_IIDR: implementer Arm (JEP106 0x43B), product, variant and
 * revision 0, as qemu 7.2 (4.3.3); GICC_IIDR adds architecture version 2
 * (4.4.16). */
#define GICD_IIDR_VALUE 0x0000043b
#define GICC_IIDR_VALUE 0x0002043b

/* PIDR4..7, PIDR0..3, CIDR0..3 at 0xFD0-0xFFC: an Arm GICv2 (4.3.18,
 * the values qemu's arm_gic gives). */
static const uint8_t id_regs[12] = {
    0x04, 0x00, 0x00, 0x00, 0x90, 0xb4, 0x2b, 0x00, 0x0d, 0xf0, 0x05, 0xb1,
};

static GICIrq *irq_of(GICv2State *s, int cpu, int irq)
{
    if (irq < 0 || irq >= s->num_irq || cpu < 0 || cpu >= s->num_cpu) {
        return NULL;
    }
    return irq < GIC_INTERNAL ? &s->cpu[cpu].priv[irq] : &s->spi[irq - GIC_INTERNAL];
}

static GICIrq *field_lookup(void *opaque, int cpu, int irq)
{
    return irq_of(opaque, cpu, irq);
}

static int current_cpu(GICv2State *s)
{
    int cpu = s->current_cpu ? s->current_cpu(s->current_cpu_opaque) : 0;
    if (cpu < 0 || cpu >= s->num_cpu) {
        g_debug("gicv2: access from unknown CPU %d, taken as CPU 0", cpu);
        return 0;
    }
    return cpu;
}

static bool targets_cpu(GICv2State *s, int irq, const GICIrq *q, int cpu)
{
    /* A uniprocessor GIC sends everything to its CPU (4.3.12). */
    return irq < GIC_INTERNAL || s->num_cpu == 1 || (q->target >> cpu & 1);
}

static uint8_t group_priority(GICv2State *s, int cpu, int group, uint8_t prio)
{
    const GICv2CPU *c = &s->cpu[cpu];
    if (group == 1 && !(c->ctlr & CTLR_CBPR)) {
        return gic_group_priority(prio, c->abpr - 1);   /* ABPR is one above (3.3.3) */
    }
    return gic_group_priority(prio, c->bpr);
}

/* The highest-priority pending interrupt this CPU may take, its group
 * enabled in the distributor and the CPU interface; ties go to the lowest
 * INTID (3.3.2).  -1 if none. */
static int highest_pending(GICv2State *s, int cpu)
{
    int best = -1;
    unsigned best_prio = 0x100;
    uint32_t cpu_ctlr = s->cpu[cpu].ctlr;
    for (int irq = 0; irq < s->num_irq; irq++) {
        const GICIrq *q = irq_of(s, cpu, irq);
        if (!gic_irq_candidate(q) || q->priority >= best_prio ||
            !targets_cpu(s, irq, q, cpu) || !(s->ctlr >> q->group & 1) ||
            !(cpu_ctlr >> q->group & 1)) {
            continue;
        }
        best = irq;
        best_prio = q->priority;
    }
    return best;
}

/* Whether the interrupt has the priority to be signalled: above the
 * mask and preempting the running priority (3.3.2, 3.3.3). */
static bool can_signal(GICv2State *s, int cpu, int irq)
{
    const GICIrq *q = irq_of(s, cpu, irq);
    const GICv2CPU *c = &s->cpu[cpu];
    return q->priority < c->pmr &&
           group_priority(s, cpu, q->group, q->priority) <
           gic_apr_running(c->apr, PREBITS);
}

static void update(GICv2State *s)
{
    for (int cpu = 0; cpu < s->num_cpu; cpu++) {
        int irq = highest_pending(s, cpu);
        int irq_level = 0, fiq_level = 0;
        if (irq >= 0 && can_signal(s, cpu, irq)) {
            if (irq_of(s, cpu, irq)->group == 0 && (s->cpu[cpu].ctlr & CTLR_FIQ_EN)) {
                fiq_level = 1;
            } else {
                irq_level = 1;
            }
        }
        gic_output_drive(&s->out[cpu], irq_level, fiq_level);
    }
}

/* The lowest CPU that sent a pending SGI. */
static int sgi_source(const GICIrq *q)
{
    return q->sgi_sources ? __builtin_ctz(q->sgi_sources) : 0;
}

/* GICC_HPPIR and what GICC_IAR would return before acknowledging. */
static uint32_t pending_id(GICv2State *s, int cpu, int irq)
{
    if (irq < 0) {
        return GIC_SPURIOUS;
    }
    const GICIrq *q = irq_of(s, cpu, irq);
    if (q->group == 1 && !(s->cpu[cpu].ctlr & CTLR_ACK_CTL)) {
        return GIC_NO_ACK_GRP1;     /* 4.4.4: Group 1 not acknowledged here */
    }
    return irq < GIC_NR_SGIS ? (uint32_t)(irq | sgi_source(q) << 10) : (uint32_t)irq;
}

/* GICC_IAR (4.4.4): acknowledge, mark active, raise the running priority. */
static uint32_t acknowledge(GICv2State *s, int cpu)
{
    int irq = highest_pending(s, cpu);
    if (irq < 0 || !can_signal(s, cpu, irq)) {
        return GIC_SPURIOUS;
    }
    uint32_t id = pending_id(s, cpu, irq);
    if (id == GIC_NO_ACK_GRP1) {
        return id;
    }
    GICIrq *q = irq_of(s, cpu, irq);
    if (irq < GIC_NR_SGIS) {
        q->sgi_sources &= ~(1u << sgi_source(q));
    } else {
        q->latch = 0;
    }
    q->active = 1;
    gic_apr_activate(s->cpu[cpu].apr, q->group,
                     group_priority(s, cpu, q->group, q->priority), PREBITS);
    update(s);
    return id;
}

static void deactivate(GICv2State *s, int cpu, int irq)
{
    GICIrq *q = irq_of(s, cpu, irq);
    if (q) {
        q->active = 0;
    }
}

/* GICC_EOIR (4.4.5): priority drop, and deactivation unless EOImode.
 * Like every CPU-interface write, the caller updates the outputs. */
static void end_of_interrupt(GICv2State *s, int cpu, uint32_t value)
{
    int irq = value & 0x3ff;
    if (irq >= s->num_irq) {
        return;     /* 1023, or no such interrupt: ignored, as qemu */
    }
    if (gic_apr_drop(s->cpu[cpu].apr, PREBITS) < 0) {
        return;     /* nothing active */
    }
    if (!(s->cpu[cpu].ctlr & CTLR_EOIMODE)) {
        deactivate(s, cpu, irq);
    }
}

/* GICC_DIR (4.4.15): only with EOImode set; otherwise UNPREDICTABLE,
 * ignored as qemu does. */
static void deactivate_by_dir(GICv2State *s, int cpu, uint32_t value)
{
    if (!(s->cpu[cpu].ctlr & CTLR_EOIMODE)) {
        g_debug("gicv2: GICC_DIR write with EOImode clear");
        return;
    }
    deactivate(s, cpu, value & 0x3ff);
}

static uint64_t read_ctlr(GICv2State *s, int cpu) { return s->cpu[cpu].ctlr; }
static uint64_t read_pmr(GICv2State *s, int cpu) { return s->cpu[cpu].pmr; }
static uint64_t read_bpr(GICv2State *s, int cpu) { return s->cpu[cpu].bpr; }
static uint64_t read_iar(GICv2State *s, int cpu) { return acknowledge(s, cpu); }
static uint64_t read_rpr(GICv2State *s, int cpu)
{
    return gic_apr_running(s->cpu[cpu].apr, PREBITS);
}
static uint64_t read_hppir(GICv2State *s, int cpu)
{
    return pending_id(s, cpu, highest_pending(s, cpu));
}
static uint64_t read_abpr(GICv2State *s, int cpu) { return s->cpu[cpu].abpr; }
static uint64_t read_iidr(GICv2State *s, int cpu) { (void)s, (void)cpu; return GICC_IIDR_VALUE; }

static void write_ctlr(GICv2State *s, int cpu, uint32_t v) { s->cpu[cpu].ctlr = v & CTLR_WRITABLE; }
static void write_pmr(GICv2State *s, int cpu, uint32_t v) { s->cpu[cpu].pmr = v & PRIO_MASK; }
static void write_bpr(GICv2State *s, int cpu, uint32_t v) { s->cpu[cpu].bpr = v & 7; }
static void write_abpr(GICv2State *s, int cpu, uint32_t v)
{
    s->cpu[cpu].abpr = MAX(v & 7, MIN_ABPR);
}

/* The CPU interface's registers (IHI 0048B Table 4-2).  GICC_AIAR,
 * AEOIR and AHPPIR are absent: qemu 7.2 leaves them RAZ/WI without the
 * Security Extensions, and so do we.  GICC_APRn/NSAPRn are handled
 * apart, as a block. */
typedef struct GICv2CPUReg {
    uint32_t offset;
    const char *name;
    uint64_t (*read)(GICv2State *s, int cpu);
    void (*write)(GICv2State *s, int cpu, uint32_t value);
} GICv2CPUReg;

static const GICv2CPUReg cpu_regs[] = {
    { 0x0000, "GICC_CTLR",  read_ctlr,  write_ctlr },
    { 0x0004, "GICC_PMR",   read_pmr,   write_pmr },
    { 0x0008, "GICC_BPR",   read_bpr,   write_bpr },
    { 0x000c, "GICC_IAR",   read_iar,   NULL },
    { 0x0010, "GICC_EOIR",  NULL,       end_of_interrupt },
    { 0x0014, "GICC_RPR",   read_rpr,   NULL },
    { 0x0018, "GICC_HPPIR", read_hppir, NULL },
    { 0x001c, "GICC_ABPR",  read_abpr,  write_abpr },
    { 0x00fc, "GICC_IIDR",  read_iidr,  NULL },
    { 0x1000, "GICC_DIR",   NULL,       deactivate_by_dir },
};

static const GICv2CPUReg *cpu_reg(uint64_t offset)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cpu_regs); i++) {
        if (cpu_regs[i].offset == offset) {
            return &cpu_regs[i];
        }
    }
    return NULL;
}

/* GICC_APR0-3 (Group 0) then GICC_NSAPR0-3 (Group 1), 0xD0-0xEC. */
static uint32_t *apr_reg(GICv2State *s, int cpu, uint64_t offset)
{
    if (offset < 0xd0 || offset >= 0xf0 || (offset & 3)) {
        return NULL;
    }
    int n = (offset - 0xd0) / 4;
    return &s->cpu[cpu].apr[(n / 4) * GIC_APR_WORDS + n % 4];
}

uint64_t gicv2_cpu_read(GICv2State *s, int cpu, uint64_t offset, unsigned size)
{
    (void)size;
    if (cpu < 0 || cpu >= s->num_cpu) {
        return 0;
    }
    const GICv2CPUReg *r = cpu_reg(offset);
    uint32_t *apr = apr_reg(s, cpu, offset);
    if (r && r->read) {
        return r->read(s, cpu);
    }
    if (apr) {
        return *apr;
    }
    g_debug("gicv2: read of GICC offset 0x%" G_GINT64_MODIFIER "x", offset);
    return 0;
}

void gicv2_cpu_write(GICv2State *s, int cpu, uint64_t offset, uint64_t value,
                     unsigned size)
{
    (void)size;
    if (cpu < 0 || cpu >= s->num_cpu) {
        return;
    }
    const GICv2CPUReg *r = cpu_reg(offset);
    uint32_t *apr = apr_reg(s, cpu, offset);
    if (r && r->write) {
        r->write(s, cpu, value);
    } else if (apr) {
        *apr = value;
    } else {
        g_debug("gicv2: write of GICC offset 0x%" G_GINT64_MODIFIER "x", offset);
        return;
    }
    update(s);
}

static uint64_t cpu_mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    GICv2State *s = opaque;
    return gicv2_cpu_read(s, current_cpu(s), offset, size);
}

static void cpu_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    GICv2State *s = opaque;
    gicv2_cpu_write(s, current_cpu(s), offset, value, size);
}

static const MemoryRegionOps cpu_ops = { cpu_mmio_read, cpu_mmio_write, 4, 4 };

static const GICFieldRules *field_rules(GICv2State *s, GICFieldRules *r)
{
    *r = (GICFieldRules){
        .lookup = field_lookup, .opaque = s, .priority_mask = PRIO_MASK,
        .sgi_always_enabled = true, .sgi_pending_by_sgir = true,
    };
    return r;
}

/* The whole-word registers below 0x80, by word offset. */
static uint32_t dist_word(GICv2State *s, uint32_t offset)
{
    switch (offset) {
    case 0x0: return s->ctlr;
    case 0x4: return (s->num_irq / 32 - 1) | (s->num_cpu - 1) << 5;    /* 4.3.2 */
    case 0x8: return GICD_IIDR_VALUE;
    }
    return 0;
}

static uint8_t dist_read_byte(GICv2State *s, int cpu, uint32_t offset)
{
    const GICFieldRange *range = gic_field_range(offset);
    if (offset < 0x80) {
        return dist_word(s, offset & ~3u) >> (8 * (offset & 3));
    }
    if (range && range->field == GIC_F_TARGET) {
        int irq = offset - range->base;
        const GICIrq *q = irq_of(s, cpu, irq);
        if (!q || s->num_cpu == 1) {
            return 0;       /* RAZ/WI on a uniprocessor GIC (4.3.12) */
        }
        return irq < GIC_INTERNAL ? 1u << cpu : q->target;
    }
    if (range) {
        GICFieldRules r;
        return gic_field_read_byte(field_rules(s, &r), range, cpu, offset);
    }
    if (offset >= 0xf10 && offset < 0xf30) {    /* GICD_CPENDSGIRn, SPENDSGIRn */
        return s->cpu[cpu].priv[(offset - 0xf10) % 16].sgi_sources;
    }
    if (offset >= 0xfd0 && offset < 0x1000 && !(offset & 3)) {
        return id_regs[(offset - 0xfd0) / 4];
    }
    return 0;
}

/* GICD_SGIR (4.3.15). */
static void send_sgi(GICv2State *s, int cpu, uint32_t value)
{
    int intid = value & 0xf;
    uint32_t all = (1u << s->num_cpu) - 1, targets;
    switch (value >> 24 & 3) {
    case 0: targets = value >> 16 & 0xff; break;
    case 1: targets = all & ~(1u << cpu); break;
    case 2: targets = 1u << cpu; break;
    default: g_debug("gicv2: GICD_SGIR with a reserved filter"); return;
    }
    for (int t = 0; t < s->num_cpu; t++) {
        if (targets >> t & 1) {
            s->cpu[t].priv[intid].sgi_sources |= 1u << cpu;
        }
    }
}

static void dist_write_byte(GICv2State *s, int cpu, uint32_t offset, uint8_t value)
{
    const GICFieldRange *range = gic_field_range(offset);
    if (range && range->field == GIC_F_TARGET) {
        int irq = offset - range->base;
        GICIrq *q = irq_of(s, cpu, irq);
        if (q && irq >= GIC_INTERNAL && s->num_cpu > 1) {
            q->target = value & ((1u << s->num_cpu) - 1);
        }
    } else if (range) {
        GICFieldRules r;
        gic_field_write_byte(field_rules(s, &r), range, cpu, offset, value);
    } else if (offset >= 0xf10 && offset < 0xf30) {
        GICIrq *q = &s->cpu[cpu].priv[(offset - 0xf10) % 16];
        uint8_t implemented = (1u << s->num_cpu) - 1;
        if (offset < 0xf20) {
            q->sgi_sources &= ~value;
        } else {
            q->sgi_sources |= value & implemented;
        }
    } else {
        g_debug("gicv2: write of GICD offset 0x%x", offset);
    }
}

static uint64_t dist_mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    GICv2State *s = opaque;
    int cpu = current_cpu(s);
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)dist_read_byte(s, cpu, offset + i) << (8 * i);
    }
    return v;
}

static void dist_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    GICv2State *s = opaque;
    int cpu = current_cpu(s);
    if (offset == 0) {
        s->ctlr = value & 3;        /* EnableGrp0, EnableGrp1 (4.3.1) */
    } else if (offset == 0xf00) {
        if (size == 4) {
            send_sgi(s, cpu, value);
        } else {
            g_debug("gicv2: GICD_SGIR written with %u bytes", size);
        }
    } else if (offset < 0x80) {
        g_debug("gicv2: write of GICD offset 0x%" G_GINT64_MODIFIER "x", offset);
    } else {
        for (unsigned i = 0; i < size; i++) {
            dist_write_byte(s, cpu, offset + i, value >> (8 * i));
        }
    }
    update(s);
}

static const MemoryRegionOps dist_ops = { dist_mmio_read, dist_mmio_write, 1, 4 };

static void spi_input(void *opaque, int n, int level)
{
    GICv2State *s = opaque;
    gic_irq_set_level(&s->spi[n], level);
    update(s);
}

static void ppi_input(void *opaque, int n, int level)
{
    GICv2State *s = opaque;
    int cpu = n / (GIC_INTERNAL - GIC_NR_SGIS);
    gic_irq_set_level(&s->cpu[cpu].priv[GIC_NR_SGIS + n % (GIC_INTERNAL - GIC_NR_SGIS)],
                      level);
    update(s);
}

void gicv2_reset(GICv2State *s)
{
    s->ctlr = 0;
    for (int i = 0; i < GIC_MAX_IRQ - GIC_INTERNAL; i++) {
        uint8_t level = s->spi[i].level;    /* the devices still drive it */
        s->spi[i] = (GICIrq){ .level = level };
    }
    for (int cpu = 0; cpu < GICV2_MAX_CPUS; cpu++) {
        GICv2CPU *c = &s->cpu[cpu];
        /* Keep the input levels: the devices still drive them. */
        uint8_t levels[GIC_INTERNAL];
        for (int i = 0; i < GIC_INTERNAL; i++) {
            levels[i] = c->priv[i].level;
        }
        memset(c, 0, sizeof(*c));
        for (int i = 0; i < GIC_INTERNAL; i++) {
            c->priv[i].level = levels[i];
        }
        /* SGIs: always enabled and edge-triggered, as qemu (4.3.5, 4.3.13). */
        for (int i = 0; i < GIC_NR_SGIS; i++) {
            c->priv[i].enabled = 1;
            c->priv[i].edge = 1;
        }
        c->bpr = MIN_BPR;
        c->abpr = MIN_ABPR;
    }
    update(s);
}

void gicv2_init(GICv2State *s, int num_cpu, int num_irq,
                int (*current_cpu_fn)(void *opaque), void *opaque)
{
    memset(s, 0, sizeof(*s));
    s->num_cpu = CLAMP(num_cpu, 1, GICV2_MAX_CPUS);
    s->num_irq = CLAMP(num_irq, GIC_INTERNAL, GIC_MAX_IRQ) / 32 * 32;
    s->current_cpu = current_cpu_fn;
    s->current_cpu_opaque = opaque;
    memory_region_init_io(&s->dist_mr, &dist_ops, s, "gic_dist", GICV2_DIST_SIZE);
    memory_region_init_io(&s->cpu_mr, &cpu_ops, s, "gic_cpu", GICV2_CPU_SIZE);
    gic_inputs_init(s->spi_in, &s->ppi_in[0][0], GICV2_MAX_CPUS, spi_input, ppi_input, s);
    gic_outputs_undriven(s->out, GICV2_MAX_CPUS);
    gicv2_reset(s);
}

void gicv2_destroy(GICv2State *s)
{
    memory_region_destroy(&s->dist_mr);
    memory_region_destroy(&s->cpu_mr);
}

IRQLine *gicv2_spi(GICv2State *s, int n)
{
    return gic_spi_line(s->spi_in, s->num_irq, n);
}

IRQLine *gicv2_ppi(GICv2State *s, int cpu, int intid)
{
    return gic_ppi_line(&s->ppi_in[0][0], s->num_cpu, cpu, intid);
}

void gicv2_connect_cpu(GICv2State *s, int cpu, IRQLine *irq, IRQLine *fiq)
{
    if (cpu >= 0 && cpu < s->num_cpu) {
        gic_output_connect(&s->out[cpu], irq, fiq);
        update(s);
    }
}

/* Loaded values may come from anywhere: bring them into range, then
 * drive the outputs anew. */
static bool gicv2_post_load(void *opaque, int version)
{
    GICv2State *s = opaque;
    (void)version;
    s->ctlr &= 3;
    for (int cpu = 0; cpu < GICV2_MAX_CPUS; cpu++) {
        GICv2CPU *c = &s->cpu[cpu];
        c->ctlr &= CTLR_WRITABLE;
        c->pmr &= PRIO_MASK;
        c->bpr = MIN(c->bpr, 7);
        c->abpr = CLAMP(c->abpr, MIN_ABPR, 7);
    }
    gic_outputs_undriven(s->out, GICV2_MAX_CPUS);
    update(s);
    return true;
}

static const VMStateDescription vmstate_gicv2_cpu = {
    .name = "gicv2-cpu",
    .version = 1,
    .minimum_version = 1,
    .fields = (const VMStateField[]){
        VMSTATE_STRUCT_ARRAY(priv, GICv2CPU, vmstate_gic_irq, 1),
        VMSTATE_FIELD(ctlr, GICv2CPU, 1),
        VMSTATE_FIELD(pmr, GICv2CPU, 1),
        VMSTATE_FIELD(bpr, GICv2CPU, 1),
        VMSTATE_FIELD(abpr, GICv2CPU, 1),
        VMSTATE_ARRAY(apr, GICv2CPU, 1),
        VMSTATE_END,
    },
};

/* Everything but the configuration (num_cpu, num_irq, given at init) and
 * the wiring. */
const VMStateDescription vmstate_gicv2 = {
    .name = "gicv2",
    .version = 1,
    .minimum_version = 1,
    .post_load = gicv2_post_load,
    .fields = (const VMStateField[]){
        VMSTATE_FIELD(ctlr, GICv2State, 1),
        VMSTATE_STRUCT_ARRAY(spi, GICv2State, vmstate_gic_irq, 1),
        VMSTATE_STRUCT_ARRAY(cpu, GICv2State, vmstate_gicv2_cpu, 1),
        VMSTATE_END,
    },
};
