/*
 * The GICv3 CPU interface (IHI 0069 chapter 12.2), the ICC_*_EL1 system
 * registers as a table the CPU's system-register layer dispatches on:
 * acknowledge, priority drop and deactivation, masks and binary points,
 * active priorities, and SGI generation with affinity routing.  One
 * security state (DS = 1) at EL1: the registers are the Non-secure
 * copies, with qemu 7.2's choices where the architecture leaves one.
 */
#include <glib.h>

#include "arm-gicv3-internal.h"

/* ICC_CTLR_EL1's read-only fields (12.2.6): A3V, PRIbits = 5 - 1,
 * IDbits 0 (16-bit INTIDs), no SEIS, no RSS. */
#define ICC_CTLR_RO     (1u << 15 | (GICV3_PREBITS - 1) << 8)
/* ICC_SRE_EL1 (12.2.16): SRE, DFB, DIB fixed at 1. */
#define ICC_SRE_VALUE   0x7

static uint64_t hppir(GICv3State *s, int cpu, int group)
{
    GICv3Pending p = gicv3_highest_pending(s, cpu);
    if (p.irq < 0 || p.group != group) {
        return GIC_SPURIOUS;
    }
    return p.irq;
}

/* ICC_IAR0/1_EL1 (12.2.13, 12.2.14): the highest-priority pending
 * interrupt if it is of this group and has the priority to be signalled.
 * An LPI has no active state: acknowledging it ends its pending state
 * (IHI 0069 5.1). */
static uint64_t acknowledge(GICv3State *s, int cpu, int group)
{
    GICv3Pending p = gicv3_highest_pending(s, cpu);
    if (!gicv3_can_signal(s, cpu, &p) || p.group != group) {
        return GIC_SPURIOUS;
    }
    if (gicv3_is_lpi(p.irq)) {
        int n = p.irq - GICV3_LPI_BASE;
        s->cpu[cpu].lpi_pending[n / 64] &= ~(1ull << (n % 64));
    } else {
        GICIrq *q = gicv3_irq(s, cpu, p.irq);
        q->latch = 0;
        q->active = 1;
    }
    gic_apr_activate(s->cpu[cpu].apr, group,
                     gicv3_group_priority(s, cpu, group, p.priority), GICV3_PREBITS);
    gicv3_update_cpu(s, cpu);   /* an SPI is routed to this CPU alone */
    return p.irq;
}

/* An SPI may have been rerouted since it was acknowledged: its new
 * target needs the update then, not only this CPU.  An LPI (no active
 * state) and an INTID that does not exist need nothing. */
static void deactivate(GICv3State *s, int cpu, uint64_t value)
{
    int irq = value & 0xffffff;
    GICIrq *q = gicv3_irq(s, cpu, irq);
    if (q) {
        q->active = 0;
        if (irq >= GIC_INTERNAL) {
            gicv3_update(s);
        }
    }
}

/* ICC_EOIR0/1_EL1 (12.2.9, 12.2.10): drop the running priority if it is
 * this group's; deactivate too unless EOImode.  An INTID that does not
 * exist, or a group not running, is ignored, as qemu. */
static void end_of_interrupt(GICv3State *s, int cpu, int group, uint64_t value)
{
    GICv3CPU *c = &s->cpu[cpu];
    int intid = value & 0xffffff;
    if (intid >= s->num_irq && !(s->lpi_as && gicv3_is_lpi(intid))) {
        return;
    }
    uint32_t mine = 0, other = 0;
    for (int i = 0; i < GIC_APR_WORDS; i++) {
        mine |= c->apr[group * GIC_APR_WORDS + i];
        other |= c->apr[!group * GIC_APR_WORDS + i];
    }
    /* The highest active priority must be this group's (prebits 5: one word). */
    if (!mine || (other && __builtin_ctz(other) < __builtin_ctz(mine))) {
        return;
    }
    gic_apr_drop(c->apr, GICV3_PREBITS);
    if (!(c->ctlr & ICC_CTLR_EOIMODE)) {
        deactivate(s, cpu, value);
    }
}

/* ICC_SGI0R/SGI1R/ASGI1R_EL1 (12.2.19-12.2.21): Aff3.Aff2.Aff1 and a
 * TargetList of Aff0 values RS*16 + n, or IRM = 1 for every PE but this
 * one.  Each target's SGI is set pending if configured in the group the
 * register generates: SGI0R Group 0, SGI1R Group 1, and ASGI1R, with one
 * security state, Group 0 (qemu: a "Secure Group 1" SGI is taken by a
 * Group 0 one when DS = 1). */
static void send_sgi(GICv3State *s, int cpu, uint64_t value, int group)
{
    int intid = value >> 24 & 0xf;
    bool irm = value >> 40 & 1;
    int rs = value >> 44 & 0xf;
    for (int t = 0; t < s->num_cpu; t++) {
        uint64_t aff = s->affinity[t];
        int aff0 = gicv3_aff(aff, 0) - rs * 16;
        bool hit = irm ? t != cpu
                       : gicv3_aff(aff, 3) == (int)(value >> 48 & 0xff) &&
                         gicv3_aff(aff, 2) == (int)(value >> 32 & 0xff) &&
                         gicv3_aff(aff, 1) == (int)(value >> 16 & 0xff) &&
                         aff0 >= 0 && aff0 < 16 && (value >> aff0 & 1);
        GICIrq *q = &s->cpu[t].priv[intid];
        if (hit && q->group == group) {
            q->latch = 1;
        }
    }
    gicv3_update(s);
}

static uint64_t read_pmr(GICv3State *s, int cpu) { return s->cpu[cpu].pmr; }
static uint64_t read_iar0(GICv3State *s, int cpu) { return acknowledge(s, cpu, 0); }
static uint64_t read_iar1(GICv3State *s, int cpu) { return acknowledge(s, cpu, 1); }
static uint64_t read_hppir0(GICv3State *s, int cpu) { return hppir(s, cpu, 0); }
static uint64_t read_hppir1(GICv3State *s, int cpu) { return hppir(s, cpu, 1); }
static uint64_t read_bpr0(GICv3State *s, int cpu) { return s->cpu[cpu].bpr[0]; }
static uint64_t read_ap0r0(GICv3State *s, int cpu) { return s->cpu[cpu].apr[0]; }
static uint64_t read_ap1r0(GICv3State *s, int cpu)
{
    return s->cpu[cpu].apr[GIC_APR_WORDS];
}
static uint64_t read_rpr(GICv3State *s, int cpu)
{
    return gic_apr_running(s->cpu[cpu].apr, GICV3_PREBITS);
}
static uint64_t read_ctlr(GICv3State *s, int cpu) { return s->cpu[cpu].ctlr | ICC_CTLR_RO; }
static uint64_t read_sre(GICv3State *s, int cpu) { (void)s, (void)cpu; return ICC_SRE_VALUE; }
static uint64_t read_igrpen0(GICv3State *s, int cpu) { return s->cpu[cpu].igrpen[0]; }
static uint64_t read_igrpen1(GICv3State *s, int cpu) { return s->cpu[cpu].igrpen[1]; }

/* With CBPR, BPR1 reads as BPR0 + 1, saturated, and ignores writes
 * (12.2.3). */
static uint64_t read_bpr1(GICv3State *s, int cpu)
{
    const GICv3CPU *c = &s->cpu[cpu];
    return c->ctlr & ICC_CTLR_CBPR ? MIN(c->bpr[0] + 1, 7u) : c->bpr[1];
}

static void write_pmr(GICv3State *s, int cpu, uint64_t v)
{
    s->cpu[cpu].pmr = v & GICV3_PMR_MASK;
}
static void write_eoir0(GICv3State *s, int cpu, uint64_t v) { end_of_interrupt(s, cpu, 0, v); }
static void write_eoir1(GICv3State *s, int cpu, uint64_t v) { end_of_interrupt(s, cpu, 1, v); }
static void write_bpr0(GICv3State *s, int cpu, uint64_t v)
{
    s->cpu[cpu].bpr[0] = MAX(v & 7, (uint64_t)GICV3_MIN_BPR0);
}
static void write_bpr1(GICv3State *s, int cpu, uint64_t v)
{
    if (!(s->cpu[cpu].ctlr & ICC_CTLR_CBPR)) {
        s->cpu[cpu].bpr[1] = MAX(v & 7, (uint64_t)GICV3_MIN_BPR1);
    }
}
static void write_ap0r0(GICv3State *s, int cpu, uint64_t v) { s->cpu[cpu].apr[0] = v; }
static void write_ap1r0(GICv3State *s, int cpu, uint64_t v)
{
    s->cpu[cpu].apr[GIC_APR_WORDS] = v;
}

/* ICC_DIR_EL1 (12.2.8): only with EOImode set; otherwise ignored, as qemu. */
static void write_dir(GICv3State *s, int cpu, uint64_t v)
{
    if (s->cpu[cpu].ctlr & ICC_CTLR_EOIMODE) {
        deactivate(s, cpu, v);
    } else {
        g_debug("gicv3: ICC_DIR_EL1 write with EOImode clear");
    }
}
static void write_sgi0r(GICv3State *s, int cpu, uint64_t v) { send_sgi(s, cpu, v, 0); }
static void write_sgi1r(GICv3State *s, int cpu, uint64_t v) { send_sgi(s, cpu, v, 1); }
static void write_asgi1r(GICv3State *s, int cpu, uint64_t v) { send_sgi(s, cpu, v, 0); }
static void write_ctlr(GICv3State *s, int cpu, uint64_t v)
{
    s->cpu[cpu].ctlr = v & (ICC_CTLR_CBPR | ICC_CTLR_EOIMODE);
}
static void write_sre(GICv3State *s, int cpu, uint64_t v) { (void)s, (void)cpu, (void)v; }
static void write_igrpen0(GICv3State *s, int cpu, uint64_t v) { s->cpu[cpu].igrpen[0] = v & 1; }
static void write_igrpen1(GICv3State *s, int cpu, uint64_t v) { s->cpu[cpu].igrpen[1] = v & 1; }

/* IHI 0069 Table 12-2 / the Arm ARM's encodings: op0 3, op1 0 for all. */
const GICv3CPUIfRegInfo gicv3_cpuif_regs[GICV3_CPUIF_NREGS] = {
    [ICC_PMR_EL1]     = { "ICC_PMR_EL1",     3, 0, 4,  6,  0, GICV3_RW, read_pmr, write_pmr },
    [ICC_IAR0_EL1]    = { "ICC_IAR0_EL1",    3, 0, 12, 8,  0, GICV3_R, read_iar0, NULL },
    [ICC_EOIR0_EL1]   = { "ICC_EOIR0_EL1",   3, 0, 12, 8,  1, GICV3_W, NULL, write_eoir0 },
    [ICC_HPPIR0_EL1]  = { "ICC_HPPIR0_EL1",  3, 0, 12, 8,  2, GICV3_R, read_hppir0, NULL },
    [ICC_BPR0_EL1]    = { "ICC_BPR0_EL1",    3, 0, 12, 8,  3, GICV3_RW, read_bpr0, write_bpr0 },
    [ICC_AP0R0_EL1]   = { "ICC_AP0R0_EL1",   3, 0, 12, 8,  4, GICV3_RW, read_ap0r0, write_ap0r0 },
    [ICC_AP1R0_EL1]   = { "ICC_AP1R0_EL1",   3, 0, 12, 9,  0, GICV3_RW, read_ap1r0, write_ap1r0 },
    [ICC_DIR_EL1]     = { "ICC_DIR_EL1",     3, 0, 12, 11, 1, GICV3_W, NULL, write_dir },
    [ICC_RPR_EL1]     = { "ICC_RPR_EL1",     3, 0, 12, 11, 3, GICV3_R, read_rpr, NULL },
    [ICC_SGI1R_EL1]   = { "ICC_SGI1R_EL1",   3, 0, 12, 11, 5, GICV3_W, NULL, write_sgi1r },
    [ICC_ASGI1R_EL1]  = { "ICC_ASGI1R_EL1",  3, 0, 12, 11, 6, GICV3_W, NULL, write_asgi1r },
    [ICC_SGI0R_EL1]   = { "ICC_SGI0R_EL1",   3, 0, 12, 11, 7, GICV3_W, NULL, write_sgi0r },
    [ICC_IAR1_EL1]    = { "ICC_IAR1_EL1",    3, 0, 12, 12, 0, GICV3_R, read_iar1, NULL },
    [ICC_EOIR1_EL1]   = { "ICC_EOIR1_EL1",   3, 0, 12, 12, 1, GICV3_W, NULL, write_eoir1 },
    [ICC_HPPIR1_EL1]  = { "ICC_HPPIR1_EL1",  3, 0, 12, 12, 2, GICV3_R, read_hppir1, NULL },
    [ICC_BPR1_EL1]    = { "ICC_BPR1_EL1",    3, 0, 12, 12, 3, GICV3_RW, read_bpr1, write_bpr1 },
    [ICC_CTLR_EL1]    = { "ICC_CTLR_EL1",    3, 0, 12, 12, 4, GICV3_RW, read_ctlr, write_ctlr },
    [ICC_SRE_EL1]     = { "ICC_SRE_EL1",     3, 0, 12, 12, 5, GICV3_RW, read_sre, write_sre },
    [ICC_IGRPEN0_EL1] = { "ICC_IGRPEN0_EL1", 3, 0, 12, 12, 6, GICV3_RW, read_igrpen0, write_igrpen0 },
    [ICC_IGRPEN1_EL1] = { "ICC_IGRPEN1_EL1", 3, 0, 12, 12, 7, GICV3_RW, read_igrpen1, write_igrpen1 },
};

int gicv3_cpuif_find(int op0, int op1, int crn, int crm, int op2)
{
    for (int i = 0; i < GICV3_CPUIF_NREGS; i++) {
        const GICv3CPUIfRegInfo *r = &gicv3_cpuif_regs[i];
        if (r->op0 == op0 && r->op1 == op1 && r->crn == crn && r->crm == crm &&
            r->op2 == op2) {
            return i;
        }
    }
    return -1;
}

static const GICv3CPUIfRegInfo *reg_info(GICv3State *s, int cpu, GICv3CPUIfReg reg)
{
    if (cpu < 0 || cpu >= s->num_cpu || (unsigned)reg >= GICV3_CPUIF_NREGS) {
        return NULL;
    }
    return &gicv3_cpuif_regs[reg];
}

uint64_t gicv3_cpuif_read(GICv3State *s, int cpu, GICv3CPUIfReg reg)
{
    const GICv3CPUIfRegInfo *r = reg_info(s, cpu, reg);
    return r && r->read ? r->read(s, cpu) : 0;
}

void gicv3_cpuif_write(GICv3State *s, int cpu, GICv3CPUIfReg reg, uint64_t value)
{
    const GICv3CPUIfRegInfo *r = reg_info(s, cpu, reg);
    if (r && r->write) {
        r->write(s, cpu, value);
        /* Masks, enables, binary points and drops change what this CPU
         * signals; writes that reach other CPUs update those themselves. */
        gicv3_update_cpu(s, cpu);
    }
}
