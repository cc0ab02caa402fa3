/*
 * psci-reset: PSCI SYSTEM_RESET (0x84000009) restarts the machine: the
 * image is loaded again and CPU 0 re-enters _start in its reset state.
 * A marker in RAM outside the image (RAM keeps its contents over a reset,
 * as on hardware) tells the second boot from the first; the second prints
 * the state it starts in and clears the marker.
 */
#include "rt.h"

#define MARKER  ((volatile uint64_t *)(VIRT_RAM + 0x0f000000))
#define MAGIC   0x5245534554215245ULL
static uint64_t data_word = 0x1234;    /* .data: reloaded by the reset */

int main(void)
{
    if (*MARKER != MAGIC) {
        rt_printf("first boot: data_word=%lx sctlr.M at entry=%lu\n", data_word, rt_boot_sctlr & 1);
        data_word = 0xdead;
        *MARKER = MAGIC;
        dsb(sy);
        int64_t r = psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
        rt_printf("SYSTEM_RESET returned %ld\n", r);
        return 1;
    }
    *MARKER = 0;
    rt_printf("second boot: data_word=%lx sctlr.M at entry=%lu currentel=%lx x0=%lx\n",
              data_word, rt_boot_sctlr & 1, sysreg_read(currentel), rt_boot_regs[0]);
    return 0;
}
