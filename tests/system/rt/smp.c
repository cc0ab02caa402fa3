/*
 * Owns: CPUs: the index of the running one, PSCI calls (HVC #0 with the
 * SMC Calling Convention: function id in X0, arguments X1-X3, result X0;
 * PSCI DEN0022), starting another CPU at a C function, the spin lock, and
 * the C side of start-up (rt_main0 on CPU 0, rt_secondary_main on others).
 */
#include "rt.h"

extern char rt_secondary_entry[];
static void (*volatile cpu_fn[RT_MAX_CPUS])(unsigned);

unsigned rt_cpu_id(void)
{
    /* The virt board numbers CPUs as Aff0 within clusters of 8 (Aff1). */
    uint64_t mpidr = sysreg_read(mpidr_el1);
    return ((mpidr & 0xff) + 8 * ((mpidr >> 8) & 0xff)) % RT_MAX_CPUS;
}

int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;
    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) :: "memory");
    return (int64_t)x0;
}

int64_t rt_cpu_start(unsigned cpu, void (*fn)(unsigned))
{
    uint64_t mpidr = (cpu % 8) | ((uint64_t)(cpu / 8) << 8);
    cpu_fn[cpu] = fn;
    dsb(sy);
    return psci_call(PSCI_CPU_ON, mpidr, (uintptr_t)rt_secondary_entry, cpu);
}

void rt_lock(rt_lock_t *l)
{
    uint32_t tmp, busy;
    __asm__ volatile(
        "   sevl\n"
        "1: wfe\n"
        "2: ldaxr   %w0, [%2]\n"
        "   cbnz    %w0, 1b\n"
        "   mov     %w0, #1\n"
        "   stxr    %w1, %w0, [%2]\n"
        "   cbnz    %w1, 2b\n"
        : "=&r"(tmp), "=&r"(busy) : "r"(&l->v) : "memory");
}

void rt_unlock(rt_lock_t *l)
{
    __asm__ volatile("stlr wzr, [%0]" :: "r"(&l->v) : "memory");
}

uint64_t rt_boot_regs[4], rt_boot_sctlr;

void rt_main0(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t sctlr)
{
    rt_boot_sctlr = sctlr;
    rt_boot_regs[0] = x0;
    rt_boot_regs[1] = x1;
    rt_boot_regs[2] = x2;
    rt_boot_regs[3] = x3;
    rt_mmu_init(12);
    int status = main();
    if (status)
        rt_exit(status);
    rt_finish();
}

void rt_secondary_main(unsigned cpu)
{
    rt_mmu_enable_this_cpu();
    cpu_fn[cpu](cpu);
    psci_call(PSCI_CPU_OFF, 0, 0, 0);
    for (;;)
        __asm__ volatile("wfi");
}
