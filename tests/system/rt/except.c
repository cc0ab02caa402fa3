/*
 * Owns: what happens after start.S has saved a frame: the per-CPU test
 * handler, the return from EL0 (SVC #0xfff0 from rt_el0_exit), and the
 * default for everything else: print the vector, ESR, ELR, FAR, SPSR and
 * stop with status 1, so that an unexpected exception shows in the output.
 */
#include "rt.h"

void rt_el0_resume(uint64_t ret) __attribute__((noreturn));
extern char rt_el0_exit[];

static rt_handler_fn handlers[RT_MAX_CPUS];

/* Table order of the vectors (Arm ARM D1.10.2, "Exception vectors"). */
const char *rt_vector_name(unsigned vector)
{
    static const char *const origin[4] = { "cur-sp0", "cur-spx", "low-a64", "low-a32" };
    static const char *const type[4] = { "sync", "irq", "fiq", "serror" };
    static char names[16][20];
    char *n = names[vector & 15];
    if (!n[0]) {
        char *p = n;
        for (const char *s = origin[(vector >> 2) & 3]; *s; s++)
            *p++ = *s;
        *p++ = '/';
        for (const char *s = type[vector & 3]; *s; s++)
            *p++ = *s;
        *p = 0;
    }
    return n;
}

void rt_set_handler(rt_handler_fn fn)
{
    handlers[rt_cpu_id()] = fn;
}

void rt_skip_insn(struct rt_frame *f)
{
    f->elr += 4;
}

static bool is_el0_return(const struct rt_frame *f)
{
    /* EC 0x15: SVC from AArch64; ISS[15:0] the immediate. */
    return f->vector == 8 && (f->esr >> 26) == 0x15 &&
           (f->esr & 0xffff) == RT_SVC_EL0_RETURN &&
           f->elr == (uintptr_t)rt_el0_exit + 4;
}

void rt_exception(struct rt_frame *f)
{
    /* Handlers touch data EL0 can reach too: run them with PSTATE.PAN clear
     * (ERET restores the interrupted PAN from SPSR). ID_AA64MMFR1_EL1.PAN
     * [23:20]: MSR PAN exists. */
    if ((sysreg_read(id_aa64mmfr1_el1) >> 20) & 0xf)
        __asm__ volatile(".inst 0xd500409f" ::: "memory");   /* MSR PAN, #0 */
    if (is_el0_return(f))
        rt_el0_resume(f->x[0]);
    rt_handler_fn fn = handlers[rt_cpu_id()];
    if (fn && fn(f))
        return;
    rt_printf("unexpected exception cpu=%u vector=%s esr=%lx elr=%lx far=%lx spsr=%lx\n",
              rt_cpu_id(), rt_vector_name(f->vector), f->esr, f->elr, f->far, f->spsr);
    rt_exit(1);
}
