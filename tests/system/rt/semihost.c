/*
 * Owns: the Arm semihosting calls the programs use (HLT #0xF000 in A64,
 * operation in W0, parameter in X1; "Semihosting for AArch32 and AArch64",
 * version 2.0): SYS_WRITEC 0x03, SYS_WRITE0 0x04, SYS_EXIT 0x18 and
 * SYS_EXIT_EXTENDED 0x20.  Both exits take, in A64, a two-word block
 * {reason, subcode}; with reason ADP_Stopped_ApplicationExit (0x20026) the
 * subcode is the program's exit status.
 */
#include "rt.h"

enum {
    SYS_WRITEC = 0x03,
    SYS_WRITE0 = 0x04,
    SYS_EXIT = 0x18,
    SYS_EXIT_EXTENDED = 0x20,
    ADP_STOPPED_APPLICATION_EXIT = 0x20026,
};

static uint64_t semihost(uint64_t op, const void *param)
{
    register uint64_t x0 __asm__("x0") = op;
    register const void *x1 __asm__("x1") = param;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return x0;
}

void rt_puts(const char *s)
{
    semihost(SYS_WRITE0, s);
}

void rt_putc(char c)
{
    semihost(SYS_WRITEC, &c);
}

static _Noreturn void semihost_exit(uint64_t op, uint32_t status)
{
    uint64_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, status };
    semihost(op, block);
    for (;;)
        __asm__ volatile("wfi");
}

void rt_exit(uint32_t status)
{
    semihost_exit(SYS_EXIT, status);
}

void rt_exit_extended(uint32_t status)
{
    semihost_exit(SYS_EXIT_EXTENDED, status);
}
