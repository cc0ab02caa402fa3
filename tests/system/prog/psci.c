/*
 * psci: the firmware interface the virt board offers over HVC (PSCI,
 * Arm DEN0022): PSCI_VERSION, PSCI_FEATURES, CPU_ON of every other CPU in
 * turn (each prints under the print lock, in order), CPU_ON errors
 * (ALREADY_ON -4, INVALID_PARAMETERS -2), AFFINITY_INFO (0 on, 1 off) before,
 * during and after, and last SYSTEM_OFF, which ends the machine with
 * status 0.  Run with -smp 4.
 */
#include "rt.h"

static volatile unsigned started;   /* index of the last CPU that printed */
static volatile unsigned release;

static void secondary(unsigned cpu)
{
    rt_printf("cpu %u up: mpidr=%lx currentel=%lx\n", cpu,
              sysreg_read(mpidr_el1) & 0xffffff, sysreg_read(currentel));
    __atomic_store_n(&started, cpu, __ATOMIC_RELEASE);
    while (__atomic_load_n(&release, __ATOMIC_ACQUIRE) < cpu)
        __asm__ volatile("wfe");
}

static int64_t affinity(unsigned cpu)
{
    return psci_call(PSCI_AFFINITY_INFO, cpu, 0, 0);
}

int main(void)
{
    uint64_t v = (uint64_t)psci_call(PSCI_VERSION, 0, 0, 0);
    rt_printf("psci version %lu.%lu\n", (v >> 16) & 0xffff, v & 0xffff);
    static const uint64_t ids[] = { PSCI_VERSION, PSCI_CPU_ON, PSCI_CPU_OFF, PSCI_AFFINITY_INFO,
                                    PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, 0x8400ff00UL };
    for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
        rt_printf("features %lx: %ld\n", ids[i], psci_call(PSCI_FEATURES, ids[i], 0, 0));

    unsigned ncpus = 0;
    for (unsigned c = 0; c < RT_MAX_CPUS; c++)
        if (affinity(c) >= 0)
            ncpus = c + 1;
    rt_printf("cpus=%u affinity:", ncpus);
    for (unsigned c = 0; c < ncpus; c++)
        rt_printf(" %ld", affinity(c));
    rt_printf("\n");
    rt_printf("affinity of cpu 9: %ld\n", affinity(9));

    for (unsigned c = 1; c < ncpus; c++) {
        int64_t r = rt_cpu_start(c, secondary);
        while (__atomic_load_n(&started, __ATOMIC_ACQUIRE) != c)
            ;
        rt_printf("cpu_on %u: %ld, again: %ld, affinity now %ld\n", c, r,
                  rt_cpu_start(c, secondary), affinity(c));
    }
    rt_printf("cpu_on of mpidr 0x55: %ld\n",
              psci_call(PSCI_CPU_ON, 0x55, (uintptr_t)secondary, 0));

    /* Let them go: each returns from secondary() into CPU_OFF (smp.c). */
    __atomic_store_n(&release, ncpus, __ATOMIC_RELEASE);
    __asm__ volatile("dsb sy\n sev" ::: "memory");
    for (unsigned c = 1; c < ncpus; c++)
        while (affinity(c) != 1)
            ;
    rt_printf("after cpu_off affinity:");
    for (unsigned c = 0; c < ncpus; c++)
        rt_printf(" %ld", affinity(c));
    rt_printf("\n");

    rt_printf("done\n");
    psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    rt_printf("SYSTEM_OFF returned\n");
    return 1;
}
