/*
 * Owns: the interrupt controller as the programs drive it, GICv2 through
 * its memory-mapped CPU interface, GICv3 through the ICC_* system registers
 * and the redistributors (one 128 KiB frame pair per CPU, in CPU order on
 * virt).  QEMU's virt GIC has no security extensions (no EL3), so GICv2
 * group 0 is signalled as IRQ, and GICv3 has GICD_CTLR.DS = 1; everything
 * is put in group 1 on v3 so that it arrives as IRQ.
 * Register offsets: GICv2 spec (IHI 0048B) 4.1.2 and 4.1.3; GICv3 spec
 * (IHI 0069) 12.8, 12.10, 12.11.
 */
#include "rt.h"

enum {
    GICD_CTLR = 0x000, GICD_IGROUPR = 0x080, GICD_ISENABLER = 0x100,
    GICD_ICENABLER = 0x180, GICD_ISPENDR = 0x200, GICD_ICPENDR = 0x280,
    GICD_IPRIORITYR = 0x400, GICD_ITARGETSR = 0x800, GICD_SGIR = 0xf00,
    GICD_IROUTER = 0x6000,
    GICC_CTLR = 0x00, GICC_PMR = 0x04, GICC_BPR = 0x08, GICC_IAR = 0x0c,
    GICC_EOIR = 0x10, GICC_RPR = 0x14,
    GICR_WAKER = 0x14, GICR_SGI = 0x10000, GICR_STRIDE = 0x20000,
};

unsigned gic_version(void)
{
    /* ID_AA64PFR0_EL1.GIC [27:24]: the GICv3 system register interface. */
    return ((sysreg_read(id_aa64pfr0_el1) >> 24) & 0xf) ? 3 : 2;
}

static uintptr_t redist(void)
{
    return VIRT_GICR + (uintptr_t)rt_cpu_id() * GICR_STRIDE;
}

/* Where the enable/pending/priority registers of an INTID live: SGIs and
 * PPIs are banked per CPU, in the redistributor's SGI frame on v3. */
static uintptr_t bank_for(unsigned intid)
{
    if (intid < 32 && gic_version() == 3)
        return redist() + GICR_SGI;
    return VIRT_GICD;
}

static void wait_rwp(uintptr_t ctlr)
{
    while (mmio_read32(ctlr) & (1u << 31))
        ;
}

void gic_init_dist(void)
{
    if (gic_version() == 3) {
        mmio_write32(VIRT_GICD + GICD_CTLR, 0);
        wait_rwp(VIRT_GICD + GICD_CTLR);
        for (unsigned i = 1; i < 32; i++)     /* SPIs 32..1019 to group 1 */
            mmio_write32(VIRT_GICD + GICD_IGROUPR + 4 * i, 0xffffffff);
        /* ARE | EnableGrp1 | EnableGrp0 (DS = 1 layout). */
        mmio_write32(VIRT_GICD + GICD_CTLR, (1 << 4) | (1 << 1) | (1 << 0));
        wait_rwp(VIRT_GICD + GICD_CTLR);
    } else {
        mmio_write32(VIRT_GICD + GICD_CTLR, 3);
    }
}

void gic_init_cpu(void)
{
    if (gic_version() == 3) {
        uintptr_t rd = redist();
        mmio_write32(rd + GICR_WAKER, mmio_read32(rd + GICR_WAKER) & ~2u);
        while (mmio_read32(rd + GICR_WAKER) & 4)
            ;
        mmio_write32(rd + GICR_SGI + GICD_IGROUPR, 0xffffffff);
        sysreg_write(S3_0_C12_C12_5, 1);         /* ICC_SRE_EL1.SRE */
        isb();
        sysreg_write(S3_0_C4_C6_0, 0xff);        /* ICC_PMR_EL1 */
        sysreg_write(S3_0_C12_C12_3, 0);         /* ICC_BPR1_EL1 */
        sysreg_write(S3_0_C12_C12_7, 1);         /* ICC_IGRPEN1_EL1 */
        isb();
    } else {
        mmio_write32(VIRT_GICC + GICC_PMR, 0xff);
        mmio_write32(VIRT_GICC + GICC_BPR, 0);
        mmio_write32(VIRT_GICC + GICC_CTLR, 3);
    }
}

void gic_enable_irq(unsigned intid, uint8_t prio)
{
    uintptr_t base = bank_for(intid);
    mmio_write8(base + GICD_IPRIORITYR + intid, prio);
    if (intid >= 32) {
        if (gic_version() == 3)
            *(volatile uint64_t *)(VIRT_GICD + GICD_IROUTER + 8 * intid) = 0; /* CPU 0 */
        else
            mmio_write8(VIRT_GICD + GICD_ITARGETSR + intid, 1);
    }
    mmio_write32(base + GICD_ISENABLER + 4 * (intid / 32), 1u << (intid % 32));
    dsb(sy);
}

void gic_disable_irq(unsigned intid)
{
    mmio_write32(bank_for(intid) + GICD_ICENABLER + 4 * (intid / 32), 1u << (intid % 32));
    dsb(sy);
}

void gic_set_pending(unsigned intid)
{
    mmio_write32(bank_for(intid) + GICD_ISPENDR + 4 * (intid / 32), 1u << (intid % 32));
    dsb(sy);
}

bool gic_is_pending(unsigned intid)
{
    return (mmio_read32(bank_for(intid) + GICD_ISPENDR + 4 * (intid / 32)) >> (intid % 32)) & 1;
}

void gic_set_pmr(uint8_t pmr)
{
    if (gic_version() == 3)
        sysreg_write(S3_0_C4_C6_0, pmr);
    else
        mmio_write32(VIRT_GICC + GICC_PMR, pmr);
    isb();
}

uint32_t gic_ack(void)
{
    uint32_t v;
    if (gic_version() == 3)
        v = (uint32_t)sysreg_read(S3_0_C12_C12_0);   /* ICC_IAR1_EL1 */
    else
        v = mmio_read32(VIRT_GICC + GICC_IAR) & 0x3ff; /* drop the v2 CPUID field */
    dsb(sy);
    return v;
}

void gic_eoi(uint32_t intid)
{
    if (gic_version() == 3)
        sysreg_write(S3_0_C12_C12_1, intid);      /* ICC_EOIR1_EL1 */
    else
        mmio_write32(VIRT_GICC + GICC_EOIR, intid);
    isb();
}

uint32_t gic_running_priority(void)
{
    if (gic_version() == 3)
        return (uint32_t)sysreg_read(S3_0_C12_C11_3);  /* ICC_RPR_EL1 */
    return mmio_read32(VIRT_GICC + GICC_RPR);
}

void gic_send_sgi_self(unsigned sgi)
{
    if (gic_version() == 3) {
        /* ICC_SGI1R_EL1: TargetList [15:0] (bit Aff0), Aff1 [23:16],
         * INTID [27:24], Aff2 [39:32], Aff3 [55:48]. */
        uint64_t mpidr = sysreg_read(mpidr_el1);
        uint64_t v = (1UL << (mpidr & 0xf)) | (((mpidr >> 8) & 0xff) << 16)
                   | ((uint64_t)(sgi & 0xf) << 24) | (((mpidr >> 16) & 0xff) << 32)
                   | (((mpidr >> 32) & 0xff) << 48);
        sysreg_write(S3_0_C12_C11_5, v);
        isb();
    } else {
        /* GICD_SGIR: TargetListFilter [25:24] = 0b10, this CPU only. */
        mmio_write32(VIRT_GICD + GICD_SGIR, (2u << 24) | (sgi & 0xf));
        dsb(sy);
    }
}
