/*
 * The GICv2m MSI frame (arm-gicv2m.h): its two registers, and the pulse
 * a doorbell write becomes.
 */
#include <string.h>

#include "hw/intc/arm-gicv2m.h"

enum {
    V2M_MSI_TYPER = 0x008,      /* [25:16] first INTID, [9:0] how many */
    V2M_MSI_SETSPI_NS = 0x040,  /* write an INTID: raise it */
    V2M_MSI_IIDR = 0xfcc,       /* 0, as qemu's */
};

static uint64_t gicv2m_read(void *opaque, uint64_t off, unsigned size)
{
    GICv2mState *s = opaque;
    if (off == V2M_MSI_TYPER) {
        return (uint64_t)(s->base_spi + 32) << 16 | s->num_spi;
    }
    return 0;       /* MSI_IIDR, the ID registers and the reserved space */
}

static void gicv2m_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    GICv2mState *s = opaque;
    if (off != V2M_MSI_SETSPI_NS || (size != 2 && size != 4)) {
        return;     /* read-only or reserved; a byte write is no MSI */
    }
    /* An INTID outside the frame's run raises nothing. */
    uint32_t spi = (value & 0x3ff) - (s->base_spi + 32);
    if (spi < s->num_spi) {
        /* Edge-triggered: the GIC latches the rising edge. */
        irq_pulse(s->spi[spi]);
    }
}

static const MemoryRegionOps gicv2m_ops = {
    .read = gicv2m_read, .write = gicv2m_write, .min_access = 1, .max_access = 4,
};

void gicv2m_init(GICv2mState *s, unsigned base_spi, unsigned num_spi)
{
    g_assert(num_spi >= 1 && num_spi <= GICV2M_MAX_SPIS && base_spi + 32 + num_spi <= 1020);
    memset(s, 0, sizeof(*s));
    s->base_spi = base_spi;
    s->num_spi = num_spi;
    memory_region_init_io(&s->iomem, &gicv2m_ops, s, "gicv2m", GICV2M_FRAME_SIZE);
}
