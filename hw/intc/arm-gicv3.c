/*
 * The GICv3 model's core (arm-gicv3.h): its state and reset, the input
 * lines, each CPU's highest-priority pending interrupt and the IRQ/FIQ
 * outputs, and the state table.  The frames are in arm-gicv3-dist.c, the
 * CPU interface in arm-gicv3-cpuif.c.  References are to IHI 0069.
 */
#include <string.h>

#include <glib.h>

#include "arm-gicv3-internal.h"

GICIrq *gicv3_irq(GICv3State *s, int cpu, int irq)
{
    if (irq < 0 || irq >= s->num_irq || cpu < 0 || cpu >= s->num_cpu) {
        return NULL;
    }
    return irq < GIC_INTERNAL ? &s->cpu[cpu].priv[irq] : &s->spi[irq - GIC_INTERNAL];
}

/* IROUTER names one PE by its affinity; IRM (1 of N) is not implemented,
 * GICD_TYPER.No1N = 1, as qemu (12.9.22). */
bool gicv3_routed_to(GICv3State *s, int irq, int cpu)
{
    uint64_t route = s->irouter[irq - GIC_INTERNAL];
    uint64_t aff = s->affinity[cpu];
    for (int level = 0; level < 4; level++) {
        if (gicv3_aff(route, level) != gicv3_aff(aff, level)) {
            return false;
        }
    }
    return true;
}

uint8_t gicv3_group_priority(GICv3State *s, int cpu, int group, uint8_t prio)
{
    const GICv3CPU *c = &s->cpu[cpu];
    if (group == 1 && !(c->ctlr & ICC_CTLR_CBPR)) {
        return gic_group_priority(prio, c->bpr[1] - 1);     /* 4.8.5 */
    }
    return gic_group_priority(prio, c->bpr[0]);
}

/* Enabled, pending, not active, its group on in the distributor and the
 * CPU interface; ties to the lowest INTID (4.8), so LPIs come last. */
GICv3Pending gicv3_highest_pending(GICv3State *s, int cpu)
{
    GICv3Pending best = { .irq = -1, .priority = 0xff };
    const GICv3CPU *c = &s->cpu[cpu];
    for (int irq = 0; irq < s->num_irq; irq++) {
        const GICIrq *q = gicv3_irq(s, cpu, irq);
        if (!gic_irq_candidate(q) || (best.irq >= 0 && q->priority >= best.priority) ||
            !(s->ctlr >> q->group & 1) || !c->igrpen[q->group] ||
            (irq >= GIC_INTERNAL && !gicv3_routed_to(s, irq, cpu))) {
            continue;
        }
        best = (GICv3Pending){ .irq = irq, .priority = q->priority, .group = q->group };
    }
    gicv3_lpi_highest(s, cpu, &best);
    return best;
}

bool gicv3_can_signal(GICv3State *s, int cpu, const GICv3Pending *p)
{
    const GICv3CPU *c = &s->cpu[cpu];
    return p->irq >= 0 && p->priority < c->pmr &&
           gicv3_group_priority(s, cpu, p->group, p->priority) <
           gic_apr_running(c->apr, GICV3_PREBITS);
}

void gicv3_update_cpu(GICv3State *s, int cpu)
{
    GICv3Pending p = gicv3_highest_pending(s, cpu);
    int irq_level = 0, fiq_level = 0;
    if (gicv3_can_signal(s, cpu, &p)) {
        if (p.group) {
            irq_level = 1;
        } else {
            fiq_level = 1;
        }
    }
    gic_output_drive(&s->out[cpu], irq_level, fiq_level);
}

void gicv3_update(GICv3State *s)
{
    for (int cpu = 0; cpu < s->num_cpu; cpu++) {
        gicv3_update_cpu(s, cpu);
    }
}

static void spi_input(void *opaque, int n, int level)
{
    GICv3State *s = opaque;
    gic_irq_set_level(&s->spi[n], level);
    gicv3_update(s);
}

static void ppi_input(void *opaque, int n, int level)
{
    GICv3State *s = opaque;
    int per_cpu = GIC_INTERNAL - GIC_NR_SGIS;
    int cpu = n / per_cpu;
    gic_irq_set_level(&s->cpu[cpu].priv[GIC_NR_SGIS + n % per_cpu], level);
    if (cpu < s->num_cpu) {
        gicv3_update_cpu(s, cpu);
    }
}

void gicv3_reset(GICv3State *s)
{
    s->ctlr = GICD_CTLR_ARE | GICD_CTLR_DS;
    for (int i = 0; i < GIC_MAX_IRQ - GIC_INTERNAL; i++) {
        uint8_t level = s->spi[i].level;    /* the devices still drive it */
        s->spi[i] = (GICIrq){ .level = level };
    }
    memset(s->irouter, 0, sizeof(s->irouter));
    for (int cpu = 0; cpu < GICV3_MAX_CPUS; cpu++) {
        GICv3CPU *c = &s->cpu[cpu];
        uint8_t levels[GIC_INTERNAL];
        for (int i = 0; i < GIC_INTERNAL; i++) {
            levels[i] = c->priv[i].level;
        }
        memset(c, 0, sizeof(*c));
        for (int i = 0; i < GIC_INTERNAL; i++) {
            c->priv[i].level = levels[i];
            c->priv[i].edge = i < GIC_NR_SGIS;  /* SGIs are edge (12.11.7) */
        }
        /* The redistributor starts asleep (12.11.40); the BPRs at their
         * minimum. */
        c->waker = GICR_WAKER_PS | GICR_WAKER_CA;
        c->bpr[0] = GICV3_MIN_BPR0;
        c->bpr[1] = GICV3_MIN_BPR1;
    }
    gicv3_update(s);
}

void gicv3_init(GICv3State *s, int num_cpu, int num_irq, const uint64_t *affinity)
{
    memset(s, 0, sizeof(*s));
    s->num_cpu = CLAMP(num_cpu, 1, GICV3_MAX_CPUS);
    s->num_irq = CLAMP(num_irq, GIC_INTERNAL, GIC_MAX_IRQ) / 32 * 32;
    for (int i = 0; i < s->num_cpu; i++) {
        s->affinity[i] = affinity ? affinity[i] & 0xff00ffffffull
                                  : (uint64_t)(i / 16) << 8 | i % 16;
    }
    gicv3_dist_init(s);
    gic_inputs_init(s->spi_in, &s->ppi_in[0][0], GICV3_MAX_CPUS, spi_input, ppi_input, s);
    gic_outputs_undriven(s->out, GICV3_MAX_CPUS);
    gicv3_reset(s);
}

void gicv3_destroy(GICv3State *s)
{
    memory_region_destroy(&s->dist_mr);
    memory_region_destroy(&s->redist_mr);
}

IRQLine *gicv3_spi(GICv3State *s, int n)
{
    return gic_spi_line(s->spi_in, s->num_irq, n);
}

IRQLine *gicv3_ppi(GICv3State *s, int cpu, int intid)
{
    return gic_ppi_line(&s->ppi_in[0][0], s->num_cpu, cpu, intid);
}

void gicv3_connect_cpu(GICv3State *s, int cpu, IRQLine *irq, IRQLine *fiq)
{
    if (cpu >= 0 && cpu < s->num_cpu) {
        gic_output_connect(&s->out[cpu], irq, fiq);
        gicv3_update(s);
    }
}

/* Loaded values may come from anywhere: bring them into range, then
 * drive the outputs anew. */
static bool gicv3_post_load(void *opaque, int version)
{
    GICv3State *s = opaque;
    (void)version;
    s->ctlr = (s->ctlr & (GICD_CTLR_EN_GRP0 | GICD_CTLR_EN_GRP1)) |
              GICD_CTLR_ARE | GICD_CTLR_DS;
    for (int cpu = 0; cpu < GICV3_MAX_CPUS; cpu++) {
        GICv3CPU *c = &s->cpu[cpu];
        c->pmr &= GICV3_PMR_MASK;
        c->bpr[0] = CLAMP(c->bpr[0], GICV3_MIN_BPR0, 7);
        c->bpr[1] = CLAMP(c->bpr[1], GICV3_MIN_BPR1, 7);
        c->ctlr &= ICC_CTLR_CBPR | ICC_CTLR_EOIMODE;
        c->igrpen[0] &= 1;
        c->igrpen[1] &= 1;
        c->waker &= GICR_WAKER_PS | GICR_WAKER_CA;
    }
    gicv3_lpi_post_load(s);
    gic_outputs_undriven(s->out, GICV3_MAX_CPUS);
    gicv3_update(s);
    return true;
}

static const VMStateDescription vmstate_gicv3_cpu = {
    .name = "gicv3-cpu",
    .version = 2,
    .minimum_version = 1,
    .fields = (const VMStateField[]){
        VMSTATE_STRUCT_ARRAY(priv, GICv3CPU, vmstate_gic_irq, 1),
        VMSTATE_FIELD(waker, GICv3CPU, 1),
        VMSTATE_FIELD(pmr, GICv3CPU, 1),
        VMSTATE_ARRAY(bpr, GICv3CPU, 1),
        VMSTATE_FIELD(ctlr, GICv3CPU, 1),
        VMSTATE_ARRAY(igrpen, GICv3CPU, 1),
        VMSTATE_ARRAY(apr, GICv3CPU, 1),
        VMSTATE_FIELD(gicr_ctlr, GICv3CPU, 2),
        VMSTATE_FIELD(propbaser, GICv3CPU, 2),
        VMSTATE_FIELD(pendbaser, GICv3CPU, 2),
        VMSTATE_ARRAY(lpi_pending, GICv3CPU, 2),
        VMSTATE_END,
    },
};

/* Everything but the configuration (num_cpu, num_irq, affinities, LPIs
 * or not, given at init) and the wiring.  Version 2 added the LPIs. */
const VMStateDescription vmstate_gicv3 = {
    .name = "gicv3",
    .version = 2,
    .minimum_version = 1,
    .post_load = gicv3_post_load,
    .fields = (const VMStateField[]){
        VMSTATE_FIELD(ctlr, GICv3State, 1),
        VMSTATE_STRUCT_ARRAY(spi, GICv3State, vmstate_gic_irq, 1),
        VMSTATE_ARRAY(irouter, GICv3State, 1),
        VMSTATE_STRUCT_ARRAY(cpu, GICv3State, vmstate_gicv3_cpu, 1),
        VMSTATE_END,
    },
};
