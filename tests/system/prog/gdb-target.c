/*
 * gdb-target: the program tests/gdbstub/gdb-system.py debugs: a function
 * to break at with arguments to read, a global to print, a loop to step
 * through, an exception vector set up (VBAR_EL1), and, with -smp 2, a
 * second CPU started and left in WFI (interrupts masked, so for good)
 * so that gdb sees two threads, the second one halted at a known place.
 */
#include "rt.h"

volatile uint64_t gdb_counter = 7;
static volatile uint64_t second_alive;

/* Not inlined: gdb breaks here by name and reads x0, x1. */
__attribute__((noinline)) uint64_t gdb_add(uint64_t a, uint64_t b)
{
    uint64_t sum = a + b;
    gdb_counter += sum;
    return sum;
}

static void second(unsigned cpu)
{
    __asm__ volatile("msr daifset, #0xf");
    second_alive = 1;
    for (;;) {
        __asm__ volatile("wfi");
    }
}

int main(void)
{
    /* Fails on one CPU: nothing to wait for. */
    if (rt_cpu_start(1, second) == 0) {
        while (!second_alive) {
        }
    }
    uint64_t total = 0;
    for (uint64_t i = 1; i <= 3; i++) {
        total += gdb_add(i, 10 * i);
    }
    rt_printf("total=%lu counter=%lu\n", total, gdb_counter);
    return 0;
}
