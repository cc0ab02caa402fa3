/*
 * semihost-code: semihosting writes into a page that holds code while the
 * other CPU translates code that faults.  CPU 0 runs code from a page of
 * its own (through an executable alias), then makes SYS_GET_CMDLINE
 * (0x15) write its parameter block and the command line into the same
 * page, over and over; CPU 1 meanwhile branches to ever new unmapped
 * addresses and takes the instruction abort (Arm ARM D17.2.37: IFSC
 * translation fault), each at a pc not run before.  Both must go on to
 * the end: an emulator's semihosting and its translator must not wait on
 * each other.
 */
#include "rt.h"

#define TVA       0x1000000000UL        /* the alias of CPU 0's code page */
#define UNMAPPED  0x2000000000UL        /* nothing mapped from here */
#define CALLS     20000
#define MOVZ_X0(imm)    (0xd2800000u | ((uint32_t)(imm) << 5))
#define RET             0xd65f03c0u

static uint32_t codebuf[1024] __attribute__((aligned(4096)));
static volatile unsigned stop, cpu1_done;
static volatile unsigned long aborts;

static bool on_fault(struct rt_frame *f)
{
    if (f->esr >> 26 != 0x21)
        return false;
    __atomic_add_fetch(&aborts, 1, __ATOMIC_RELAXED);
    f->elr = f->x[30];                  /* came by BLR: back to the caller */
    return true;
}

static void cpu1(unsigned cpu)
{
    rt_set_handler(on_fault);
    rt_mmu_enable_this_cpu();
    for (uint64_t i = 0; !stop; i++)
        rt_call_at(UNMAPPED + 4 * (i % (1u << 20)));
    __atomic_store_n(&cpu1_done, 1, __ATOMIC_RELEASE);
    for (;;)
        __asm__ volatile("wfe");
}

/* SYS_GET_CMDLINE: the block {buffer, length} and the buffer both in
 * codebuf's page. */
static int64_t get_cmdline(void)
{
    uint64_t *block = (uint64_t *)&codebuf[512];
    block[0] = (uintptr_t)&codebuf[768];
    block[1] = 1024;
    register uint64_t x0 __asm__("x0") = 0x15;
    register uint64_t x1 __asm__("x1") = (uintptr_t)block;
    __asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
    return (int64_t)x0;
}

int main(void)
{
    rt_set_handler(on_fault);
    codebuf[0] = MOVZ_X0(0x42);
    codebuf[1] = RET;
    dsb(ish);
    __asm__ volatile("dc cvau, %0\n dsb ish\n ic ivau, %0\n dsb ish\n isb"
                     :: "r"(codebuf) : "memory");
    *rt_pte(rt_mmu.ttbr0, TVA, 3) = (uintptr_t)codebuf | rt_attrs(RT_MEM_NORMAL) |
                                    PTE_VALID | PTE_TABLE;
    rt_tlbi_all();
    rt_printf("semihost-code: code returns %lx\n", rt_call_at(TVA));
    rt_check(rt_cpu_start(1, cpu1) == 0, "cpu_on 1");
    /* CPU 1 under way first: on a loaded host its thread may start late,
     * and the calls below could all be over before its first fault. */
    while (!__atomic_load_n(&aborts, __ATOMIC_ACQUIRE))
        ;
    unsigned ok = 0;
    for (unsigned i = 0; i < CALLS; i++)
        ok += get_cmdline() == 0;
    stop = 1;
    while (!__atomic_load_n(&cpu1_done, __ATOMIC_ACQUIRE))
        ;
    rt_printf("  %u calls, all %s; cpu 1 took instruction aborts: %s\n", CALLS,
              ok == CALLS ? "ok" : "not ok", aborts > 0 ? "yes" : "no");
    rt_printf("  code still returns %lx\n", rt_call_at(TVA));
    rt_printf("done\n");
    return 0;
}
