/*
 * gic: the interrupt controller on its own: SGI to self, an SPI made
 * pending through GICD_ISPENDR, priorities against the priority mask,
 * the running priority while an interrupt is active and after EOI, and the
 * spurious INTID 1023 when nothing is pending.  Runs with gic-version=2
 * (memory-mapped CPU interface) and 3 (ICC_* system registers).
 */
#include "rt.h"

#define SPI_LOW     200     /* beyond every SPI the virt board wires */
#define SPI_HIGH    201

static volatile unsigned n_irqs;
static volatile uint32_t seen[8], seen_rpr[8];

static bool on_irq(struct rt_frame *f)
{
    if (f->vector != 5)
        return false;
    uint32_t intid = gic_ack();
    if (n_irqs < 8) {
        seen[n_irqs] = intid;
        seen_rpr[n_irqs] = gic_running_priority();
    }
    n_irqs++;
    if (intid < 1020)
        gic_eoi(intid);
    return true;
}

static void take_irqs(void)
{
    __asm__ volatile("msr daifclr, #2\n isb" ::: "memory");
    for (volatile int i = 0; i < 10000; i++)
        ;
    __asm__ volatile("msr daifset, #2\n isb" ::: "memory");
}

static void print_seen(const char *what)
{
    rt_printf("%s: irqs=%u", what, n_irqs);
    for (unsigned i = 0; i < n_irqs && i < 8; i++)
        rt_printf(" %u(rpr %x)", seen[i], seen_rpr[i]);
    rt_printf("\n");
    n_irqs = 0;
}

int main(void)
{
    rt_set_handler(on_irq);
    unsigned v = gic_version();
    uint32_t typer = mmio_read32(VIRT_GICD + 0x004);
    rt_printf("gic: version %u typer.itlines=%u\n", v, typer & 0x1f);
    gic_init_dist();
    gic_init_cpu();

    gic_set_pmr(0xff);
    uint32_t pmr = v == 3 ? (uint32_t)sysreg_read(S3_0_C4_C6_0) : mmio_read32(VIRT_GICC + 0x04);
    rt_printf("pmr after 0xff: %x idle rpr=%x\n", pmr, gic_running_priority());
    rt_printf("nothing pending: ack=%u\n", gic_ack());

    gic_enable_irq(3, 0x60);
    gic_send_sgi_self(3);
    rt_printf("sgi 3 pending before unmask=%d\n", gic_is_pending(3));
    take_irqs();
    print_seen("sgi 3 to self");

    gic_enable_irq(SPI_LOW, 0xa0);
    gic_enable_irq(SPI_HIGH, 0x40);
    gic_set_pending(SPI_LOW);
    rt_printf("spi %u pending=%d\n", SPI_LOW, gic_is_pending(SPI_LOW));
    take_irqs();
    print_seen("spi via ispendr");

    /* Mask 0x80: only the 0x40 one gets through. */
    gic_set_pmr(0x80);
    gic_set_pending(SPI_LOW);
    gic_set_pending(SPI_HIGH);
    take_irqs();
    print_seen("pmr 0x80");
    rt_printf("spi %u still pending=%d spi %u pending=%d\n", SPI_LOW, gic_is_pending(SPI_LOW),
              SPI_HIGH, gic_is_pending(SPI_HIGH));
    gic_set_pmr(0xff);
    take_irqs();
    print_seen("pmr 0xff");

    /* Both pending at once: the higher priority (lower value) first. */
    gic_set_pending(SPI_LOW);
    gic_set_pending(SPI_HIGH);
    gic_send_sgi_self(3);
    take_irqs();
    print_seen("three at once");

    /* Active but not EOIed: the running priority is the interrupt's. */
    gic_set_pending(SPI_LOW);
    uint32_t intid = gic_ack();
    rt_printf("ack by hand: %u rpr=%x pending=%d\n", intid, gic_running_priority(),
              gic_is_pending(SPI_LOW));
    gic_eoi(intid);
    rt_printf("after eoi: rpr=%x\n", gic_running_priority());

    /* A disabled interrupt stays pending and is not signalled. */
    gic_disable_irq(SPI_HIGH);
    gic_set_pending(SPI_HIGH);
    take_irqs();
    print_seen("disabled spi");
    rt_printf("disabled spi pending=%d\n", gic_is_pending(SPI_HIGH));
    gic_enable_irq(SPI_HIGH, 0x40);
    take_irqs();
    print_seen("re-enabled");
    /* This program leaves through SYS_EXIT_EXTENDED, the others SYS_EXIT. */
    rt_printf("done\n");
    rt_exit_extended(0);
}
