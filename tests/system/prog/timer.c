/*
 * timer: the generic timer's virtual counter and timer (Arm ARM D11):
 * CNTFRQ_EL0, CNTVCT_EL0 never going back, CNTV_CVAL_EL0 / CNTV_TVAL_EL0
 * (TVAL is CVAL - CNTVCT as a signed 32-bit value) and CNTV_CTL_EL0
 * (ENABLE [0], IMASK [1], ISTATUS [2] read-only), and the interrupt it
 * raises: PPI 27 on the virt board, through the GIC, waking WFI.
 * Only facts that do not depend on time are printed.
 */
#include "rt.h"

#define VTIMER_INTID 27

static volatile unsigned irqs;
static volatile uint32_t irq_intid;
static volatile uint64_t irq_ctl, irq_vector;

static bool on_irq(struct rt_frame *f)
{
    if (f->vector != 5)
        return false;
    uint32_t intid = gic_ack();
    irq_intid = intid;
    irq_vector = f->vector;
    irq_ctl = sysreg_read(cntv_ctl_el0);
    sysreg_write(cntv_ctl_el0, 0);   /* the line is level: drop it first */
    isb();
    if (intid != 1023)
        gic_eoi(intid);
    irqs++;
    return true;
}

static uint64_t ctl(void)
{
    isb();
    return sysreg_read(cntv_ctl_el0);
}

int main(void)
{
    rt_set_handler(on_irq);
    rt_printf("timer: gic v%u cntfrq=%lu\n", gic_version(), timer_freq());

    bool monotonic = true;
    uint64_t prev = timer_count();
    for (int i = 0; i < 2000; i++) {
        uint64_t now = timer_count();
        monotonic &= now >= prev;
        prev = now;
    }
    uint64_t a = timer_count();
    for (volatile int i = 0; i < 200000; i++)
        ;
    rt_printf("cntvct monotonic=%d advances=%d\n", monotonic, timer_count() > a);

    sysreg_write(cntv_ctl_el0, 0);
    rt_printf("ctl after 0: %lx\n", ctl());
    sysreg_write(cntv_cval_el0, timer_count() + 100 * timer_freq());
    sysreg_write(cntv_ctl_el0, 1);
    rt_printf("enabled, cval 100 s ahead: ctl=%lx\n", ctl());
    int32_t tval = (int32_t)sysreg_read(cntv_tval_el0);
    rt_printf("tval positive=%d\n", tval > 0);
    sysreg_write(cntv_cval_el0, 1);
    rt_printf("cval=1 (past): ctl=%lx cval=%lx\n", ctl(), sysreg_read(cntv_cval_el0));
    sysreg_write(cntv_ctl_el0, 3);
    rt_printf("imask: ctl=%lx\n", ctl());
    sysreg_write(cntv_ctl_el0, 0);
    rt_printf("disabled: ctl=%lx\n", ctl());

    /* TVAL writes set CVAL = CNTVCT + sign-extended TVAL. */
    uint64_t before = timer_count();
    sysreg_write(cntv_tval_el0, 1000000);
    isb();
    uint64_t cval = sysreg_read(cntv_cval_el0), after = timer_count();
    rt_printf("tval=1000000: cval-count in range=%d\n",
              cval >= before + 1000000 && cval <= after + 1000000);
    sysreg_write(cntv_tval_el0, (uint32_t)-50);
    isb();
    sysreg_write(cntv_ctl_el0, 1);
    tval = (int32_t)sysreg_read(cntv_tval_el0);
    rt_printf("tval=-50: tval negative=%d ctl=%lx\n", tval < 0, ctl());
    sysreg_write(cntv_ctl_el0, 0);

    gic_init_dist();
    gic_init_cpu();
    gic_enable_irq(VTIMER_INTID, 0x80);

    /* Masked: WFI still wakes once the interrupt is pending. */
    sysreg_write(cntv_tval_el0, timer_freq() / 1000);
    sysreg_write(cntv_ctl_el0, 1);
    isb();
    unsigned wakeups = 0;
    while (!(ctl() & 4) || !gic_is_pending(VTIMER_INTID)) {
        __asm__ volatile("wfi");
        if (++wakeups > 1000000)
            break;
    }
    rt_printf("masked wfi: ctl=%lx pending=%d irqs=%u\n", ctl(), gic_is_pending(VTIMER_INTID), irqs);
    __asm__ volatile("msr daifclr, #2\n isb" ::: "memory");
    for (int i = 0; i < 1000000 && !irqs; i++)
        ;
    __asm__ volatile("msr daifset, #2" ::: "memory");
    rt_printf("unmasked: irqs=%u intid=%u vector=%s ctl at irq=%lx\n", irqs, irq_intid,
              rt_vector_name(irq_vector), irq_ctl);

    /* Unmasked: WFI, interrupt taken, handler runs, WFI returns. */
    for (int n = 0; n < 3; n++) {
        unsigned start = irqs;
        sysreg_write(cntv_tval_el0, timer_freq() / 2000);
        sysreg_write(cntv_ctl_el0, 1);
        isb();
        __asm__ volatile("msr daifclr, #2" ::: "memory");
        while (irqs == start)
            __asm__ volatile("wfi");
        __asm__ volatile("msr daifset, #2" ::: "memory");
        rt_printf("wfi wake %d: irqs=%u intid=%u pending after=%d\n", n, irqs - start, irq_intid,
                  gic_is_pending(VTIMER_INTID));
    }
    rt_printf("idle ack: %u\n", gic_ack());
    return 0;
}
