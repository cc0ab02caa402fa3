/*
 * exceptions: synchronous exceptions at EL1 and from EL0 and what the CPU
 * records for them.  ESR_EL1 layout (Arm ARM D17.2.37): EC [31:26], IL [25],
 * ISS [24:0]; EC 0x00 unknown (UDF, HVC at EL0, EL0 MRS of an EL1
 * register), 0x15 SVC (ISS = imm16), 0x18 trapped MSR/MRS, 0x22 PC
 * alignment, 0x25 data abort same EL, 0x3c BRK (ISS = imm16).  Preferred return: after SVC/HVC, at the instruction otherwise.
 */
#include "rt.h"

static struct rt_frame last;
static unsigned taken;
static uint64_t resume_at;       /* set ELR here (faults with no next insn) */
static uint64_t handler_spsel, handler_daif, handler_sp;
static bool nest_brk;            /* the SVC handler takes a BRK itself */
static struct rt_frame nested;

static bool record(struct rt_frame *f)
{
    unsigned ec = f->esr >> 26;
    __asm__ volatile("mov %0, sp" : "=r"(handler_sp));
    handler_spsel = sysreg_read(spsel);
    handler_daif = sysreg_read(daif);
    if (nest_brk && ec == 0x15) {
        struct rt_frame outer = *f;
        nest_brk = false;
        __asm__ volatile("brk #0x55" ::: "memory");
        nested = last;
        last = outer;
        taken++;
        return true;
    }
    last = *f;
    taken++;
    if (resume_at) {
        f->elr = resume_at;
        resume_at = 0;
    } else if (ec != 0x15 && ec != 0x16) {
        rt_skip_insn(f);
    }
    return true;
}

/* The ELR as an offset from the faulting site, so that no address shows. */
static void report_at(const char *what, uint64_t site, bool far)
{
    uint64_t esr = last.esr;
    rt_printf("%s: n=%u vector=%s esr=%08lx ec=%02lx il=%lu iss=%07lx elr-site=%ld spsr=%08lx",
              what, taken, rt_vector_name(last.vector), esr, esr >> 26, (esr >> 25) & 1,
              esr & 0x1ffffff, (long)(last.elr - site), last.spsr);
    if (far)
        rt_printf(" far-site=%ld", (long)(last.far - site));
    rt_printf("\n");
}

#define AT_SITE(insn) ({ uint64_t s__; \
    __asm__ volatile("adr %0, 1f\n1: " insn : "=r"(s__) :: "memory", "x0"); s__; })

static void el1_exceptions(void)
{
    uint64_t site;
    site = AT_SITE("svc #0x1234");
    report_at("el1 svc #0x1234", site, false);
    /* With PSCI over HVC the virt board's firmware answers every HVC at
     * EL1: an unknown function id returns NOT_SUPPORTED (-1, SMCCC). */
    unsigned before = taken;
    int64_t r = psci_call(0x8400ff00UL, 0, 0, 0);
    rt_printf("el1 hvc unknown function: exceptions=%u x0=%ld\n", taken - before, r);
    site = AT_SITE("brk #0x77");
    report_at("el1 brk #0x77", site, false);
    site = AT_SITE(".inst 0x00000005");
    report_at("el1 udf #5", site, false);
    site = AT_SITE("svc #0");
    report_at("el1 svc #0", site, false);
}

static void pstate_on_entry(void)
{
    __asm__ volatile("msr daifclr, #0xf" ::: "memory"); /* no source is enabled */
    uint64_t site = AT_SITE("svc #1");
    __asm__ volatile("msr daifset, #0xf" ::: "memory");
    report_at("el1 svc, DAIF clear before", site, false);
    rt_printf("  daif in handler=%lx spsel in handler=%lx currentel=%lx\n",
              handler_daif, handler_spsel, sysreg_read(currentel));
}

static uint8_t sp0_stack[4096] __attribute__((aligned(16)));

static void sp_selection(void)
{
    uint64_t site, sp0_top = (uintptr_t)sp0_stack + sizeof(sp0_stack);
    uint64_t el1_sp;
    __asm__ volatile("mov %0, sp" : "=r"(el1_sp));
    /* Run the SVC on SP_EL0 at EL1 (SPSel = 0): the exception takes the
     * "current EL with SP0" vector, on SP_EL1. */
    __asm__ volatile(
        "   msr     sp_el0, %1\n"
        "   msr     spsel, #0\n"
        "   adr     %0, 1f\n"
        "1: svc     #0x50\n"
        "   msr     spsel, #1\n"
        : "=&r"(site) : "r"(sp0_top) : "memory", "x0");
    report_at("el1 svc on sp_el0", site, false);
    rt_printf("  spsel in handler=%lx sp_el0 saved=top%+ld handler on sp_el1=%d\n",
              handler_spsel, (long)(last.sp_el0 - sp0_top),
              handler_sp < el1_sp && handler_sp > el1_sp - 0x1000);
}

static void nested_exception(void)
{
    nest_brk = true;
    uint64_t site = AT_SITE("svc #0x60");
    report_at("outer svc", site, false);
    rt_printf("  nested: vector=%s esr=%08lx spsr=%08lx elr in handler=%d\n",
              rt_vector_name(nested.vector), nested.esr, nested.spsr,
              nested.elr > (uintptr_t)record && nested.elr < (uintptr_t)record + 0x400);
}

static void alignment(void)
{
    extern char pc_align_resume[];
    uint64_t target = (uintptr_t)pc_align_resume + 2;
    resume_at = (uintptr_t)pc_align_resume;
    /* BR to a misaligned address: PC alignment fault, FAR = the target. */
    __asm__ volatile("br %0\n.global pc_align_resume\npc_align_resume:" :: "r"(target) : "memory");
    rt_printf("el1 br misaligned: vector=%s esr=%08lx elr-target=%ld far-target=%ld\n",
              rt_vector_name(last.vector), last.esr, (long)(last.elr - target),
              (long)(last.far - target));

    /* No SCTLR_EL1.SA check here: qemu 7.2 does not implement SP
     * alignment faults. */
    uint64_t site;
    /* A data abort: a VA no table maps (translation fault, level 1). */
    volatile uint64_t *bad = (volatile uint64_t *)0x1000000000UL;
    __asm__ volatile("adr %0, 1f\n1: ldr xzr, [%1]" : "=&r"(site) : "r"(bad) : "memory");
    report_at("el1 ldr unmapped", site, false);
    rt_printf("  far=%lx\n", last.far);
}

/* EL0 bodies: each leaves by returning (rt_el0_exit's SVC). */
static uint64_t el0_svc(uint64_t a) { __asm__ volatile("svc #0x99" ::: "memory"); return a + 1; }
static uint64_t el0_brk(uint64_t a) { __asm__ volatile("brk #0x3" ::: "memory"); return a + 2; }
static uint64_t el0_udf(uint64_t a) { __asm__ volatile(".inst 0x0000abcd" ::: "memory"); return a + 3; }
static uint64_t el0_hvc(uint64_t a) { __asm__ volatile("hvc #0x1" ::: "memory"); return a + 4; }
static uint64_t el0_mrs_el1(uint64_t a)
{
    uint64_t v;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v) :: "memory");
    return a + 5;
}
static uint64_t el0_mrs_ctr(uint64_t a)
{
    uint64_t v;
    /* SCTLR_EL1.UCT = 0: EL0 reads of CTR_EL0 trap with EC 0x18. */
    __asm__ volatile("mrs x7, ctr_el0\n mov %0, x7" : "=r"(v) :: "memory", "x7");
    return a + 6;
}
static uint64_t el0_spsel(uint64_t a)
{
    uint64_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    extern char rt_el0_stacks[];
    return sp > (uintptr_t)rt_el0_stacks && sp <= (uintptr_t)rt_el0_stacks + 0x4000 * RT_MAX_CPUS;
}

static void from_el0(void)
{
    static const struct { const char *name; uint64_t (*fn)(uint64_t); uint64_t add; } cases[] = {
        { "el0 svc #0x99", el0_svc, 1 },
        { "el0 brk #3", el0_brk, 2 },
        { "el0 udf #0xabcd", el0_udf, 3 },
        { "el0 hvc #1", el0_hvc, 4 },
        { "el0 mrs sctlr_el1", el0_mrs_el1, 5 },
        { "el0 mrs ctr_el0 (UCT=0)", el0_mrs_ctr, 6 },
    };
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        unsigned before = taken;
        uint64_t r = rt_run_el0(cases[i].fn, 100);
        uint64_t esr = last.esr;
        rt_printf("%s: n=%u vector=%s esr=%08lx ec=%02lx il=%lu iss=%07lx spsr=%08lx ret=%lu\n",
                  cases[i].name, taken - before, rt_vector_name(last.vector), esr, esr >> 26,
                  (esr >> 25) & 1, esr & 0x1ffffff, last.spsr, r);
        rt_check(r == 100 + cases[i].add, cases[i].name);
    }
    rt_printf("el0 runs on sp_el0 stack: %lu\n", rt_run_el0(el0_spsel, 0));
}

int main(void)
{
    rt_set_handler(record);
    rt_printf("exceptions: currentel=%lx spsel=%lx\n", sysreg_read(currentel), sysreg_read(spsel));
    /* The board's boot: the device tree at the start of RAM (FDT magic
     * 0xd00dfeed, big-endian, then totalsize) below the image. */
    const volatile uint8_t *fdt = (const volatile uint8_t *)VIRT_RAM;
    uint32_t magic = (uint32_t)fdt[0] << 24 | fdt[1] << 16 | fdt[2] << 8 | fdt[3];
    uint32_t fdt_size = (uint32_t)fdt[4] << 24 | fdt[5] << 16 | fdt[6] << 8 | fdt[7];
    rt_printf("boot: x0=%lx x1=%lx x2=%lx x3=%lx fdt magic=%x fits below image=%d\n",
              rt_boot_regs[0], rt_boot_regs[1], rt_boot_regs[2], rt_boot_regs[3], magic,
              fdt_size <= 0x200000);
    for (const char *p = "writec: one semihosting call per character\n"; *p; p++)
        rt_putc(*p);
    el1_exceptions();
    pstate_on_entry();
    sp_selection();
    nested_exception();
    alignment();
    from_el0();
    return 0;
}
