/*
 * debug: self-hosted debug exceptions at EL1 and from EL0 (Arm ARM D2):
 * BRK; a hardware breakpoint (DBGBVR0/DBGBCR0: E [0], PMC [2:1], BAS
 * [8:5]); a watchpoint (DBGWVR0/DBGWCR0: E [0], PAC [2:1], LSC [4:3], BAS
 * [12:5]); software step (MDSCR_EL1.SS with SPSR.SS).  They need the OS lock
 * clear (OSLAR_EL1), MDSCR_EL1.MDE [15], and for EL1 itself KDE [13] with
 * PSTATE.D clear.  ECs: 0x30/0x31 breakpoint, 0x32/0x33 software step,
 * 0x34/0x35 watchpoint (lower/same EL), 0x3c BRK; debug FSC 0x22.
 */
#include "rt.h"

#define MDSCR_SS    (1UL << 0)
#define MDSCR_KDE   (1UL << 13)
#define MDSCR_MDE   (1UL << 15)
#define SPSR_SS     (1UL << 21)
#define SPSR_D      (1UL << 9)

static struct rt_frame last;
static unsigned hits;
static volatile uint64_t watched[2];
static uint64_t step_start, step_end;
static int64_t step_offsets[16];
static uint64_t step_esr;
static uint64_t step_esrs[16];
static unsigned steps;

static bool on_debug(struct rt_frame *f)
{
    unsigned ec = f->esr >> 26;
    last = *f;
    hits++;
    switch (ec) {
    case 0x30: case 0x31:           /* breakpoint: disarm, re-execute */
        sysreg_write(dbgbcr0_el1, 0);
        isb();
        return true;
    case 0x34: case 0x35:           /* watchpoint: disarm, re-execute */
        sysreg_write(dbgwcr0_el1, 0);
        isb();
        return true;
    case 0x3c:
        rt_skip_insn(f);
        return true;
    case 0x15:                      /* SVC #0x5e: start stepping after it */
        if ((f->esr & 0xffff) != 0x5e)
            return false;
        sysreg_write(mdscr_el1, sysreg_read(mdscr_el1) | MDSCR_SS);
        isb();
        f->spsr = (f->spsr | SPSR_SS) & ~SPSR_D;
        return true;
    case 0x32: case 0x33:
        if (steps < 16) {
            step_offsets[steps] = (int64_t)(f->elr - step_start);
            step_esrs[steps] = f->esr;
        }
        steps++;
        step_esr = f->esr;
        if (f->elr == step_end || steps > 40) {
            sysreg_write(mdscr_el1, sysreg_read(mdscr_el1) & ~MDSCR_SS);
            isb();
            f->spsr = (f->spsr & ~SPSR_SS) | SPSR_D;
        } else {
            f->spsr |= SPSR_SS;
        }
        return true;
    }
    return false;
}

static void report(const char *what, unsigned before, uint64_t ref)
{
    if (hits == before) {
        rt_printf("%s: no exception\n", what);
        return;
    }
    rt_printf("%s: n=%u vector=%s esr=%08lx ec=%02lx iss=%07lx elr-ref=%ld", what, hits - before,
              rt_vector_name(last.vector), last.esr, last.esr >> 26, last.esr & 0x1ffffff,
              (long)(last.elr - ref));
    if ((last.esr >> 26) == 0x34 || (last.esr >> 26) == 0x35)
        rt_printf(" far-ref=%ld", (long)(last.far - (uintptr_t)&watched[0]));
    rt_printf("\n");
}

/* Targets with a known address. */
extern char bp_target[], wp_load[], wp_store[], el0_bp_target[], el0_wp_load[];
__asm__(".text\n.global bp_target\nbp_target: mov x0, #7\n add x0, x0, #1\n ret\n"
        ".global el0_bp_target\nel0_bp_target: mov x0, #9\n ret\n");

static uint64_t call(void *fn)
{
    uint64_t r;
    __asm__ volatile("blr %1\n mov %0, x0" : "=r"(r) : "r"(fn) : "x0", "x30", "memory");
    return r;
}

static uint64_t el0_bp(uint64_t a) { return call(el0_bp_target) + a; }

static uint64_t el0_wp(uint64_t a)
{
    uint64_t v;
    __asm__ volatile(".global el0_wp_load\nel0_wp_load: ldr %0, [%1]" : "=r"(v)
                     : "r"(&watched[0]) : "memory");
    return v + a;
}

/* Steps itself from EL0: the SVC asks EL1 to return with SPSR.SS set. */
static uint64_t el0_step(uint64_t a)
{
    uint64_t s0, s1;
    __asm__ volatile(
        "   adr     %0, 1f\n"
        "   adr     %1, 2f\n"
        "   str     %0, [%2]\n"
        "   str     %1, [%3]\n"
        "   svc     #0x5e\n"
        "1: add     x9, %4, #1\n"
        "   cbz     x9, 1b\n"
        "   ldr     x10, [%5]\n"
        "2: nop\n"
        : "=&r"(s0), "=&r"(s1) : "r"(&step_start), "r"(&step_end), "r"(a), "r"(&watched[0])
        : "x9", "x10", "memory");
    return a;
}

static void unmask_debug(void) { __asm__ volatile("msr daifclr, #8\n isb" ::: "memory"); }
static void mask_debug(void) { __asm__ volatile("msr daifset, #8\n isb" ::: "memory"); }

int main(void)
{
    rt_set_handler(on_debug);
    rt_printf("debug: dfr0 brps=%lu wrps=%lu oslsr=%lx\n",
              ((sysreg_read(id_aa64dfr0_el1) >> 12) & 0xf) + 1,
              ((sysreg_read(id_aa64dfr0_el1) >> 20) & 0xf) + 1, sysreg_read(oslsr_el1) & 0xb);
    sysreg_write(oslar_el1, 0);
    sysreg_write(mdscr_el1, MDSCR_MDE | MDSCR_KDE);
    isb();
    rt_printf("os lock cleared: oslsr=%lx\n", sysreg_read(oslsr_el1) & 0xb);

    unsigned before = hits;
    uint64_t site;
    __asm__ volatile("adr %0, 1f\n1: brk #0x2a" : "=r"(site) :: "memory");
    report("brk #0x2a", before, site);

    /* Hardware breakpoint at EL1 (PMC 0b11: EL1 and EL0). */
    sysreg_write(dbgbvr0_el1, (uintptr_t)bp_target + 4);
    sysreg_write(dbgbcr0_el1, (0xfUL << 5) | (3 << 1) | 1);
    isb();
    before = hits;
    uint64_t r = call(bp_target);
    rt_printf("  D masked: result %lu\n", r);
    report("el1 breakpoint, PSTATE.D=1", before, (uintptr_t)bp_target + 4);
    unmask_debug();
    before = hits;
    r = call(bp_target);
    mask_debug();
    report("el1 breakpoint", before, (uintptr_t)bp_target + 4);
    rt_printf("  result %lu bcr after=%lx\n", r, sysreg_read(dbgbcr0_el1));

    /* Breakpoint hit from EL0: not masked by EL1's D. */
    sysreg_write(dbgbvr0_el1, (uintptr_t)el0_bp_target);
    sysreg_write(dbgbcr0_el1, (0xfUL << 5) | (3 << 1) | 1);
    isb();
    before = hits;
    r = rt_run_el0(el0_bp, 1);
    report("el0 breakpoint", before, (uintptr_t)el0_bp_target);
    rt_printf("  result %lu\n", r);

    /* Watchpoint on watched[0] (8 bytes): load and store, EL1 and EL0. */
    watched[0] = 0x77;
    sysreg_write(dbgwvr0_el1, (uintptr_t)&watched[0]);
    uint64_t wcr = (0xffUL << 5) | (3 << 3) | (3 << 1) | 1;
    sysreg_write(dbgwcr0_el1, wcr);
    isb();
    unmask_debug();
    before = hits;
    uint64_t v;
    __asm__ volatile("adr %1, 1f\n1: ldr %0, [%2]" : "=&r"(v), "=&r"(site) : "r"(&watched[0]) : "memory");
    report("el1 watchpoint load", before, site);
    sysreg_write(dbgwcr0_el1, wcr);
    isb();
    before = hits;
    __asm__ volatile("adr %0, 1f\n1: str %1, [%2]" : "=&r"(site) : "r"(0x99UL), "r"(&watched[0]) : "memory");
    report("el1 watchpoint store", before, site);
    sysreg_write(dbgwcr0_el1, wcr);
    isb();
    before = hits;
    v = watched[1];
    report("el1 load of the next word", before, 0);
    sysreg_write(dbgwcr0_el1, (0xffUL << 5) | (1 << 3) | (3 << 1) | 1);   /* loads only */
    isb();
    before = hits;
    watched[0] = 0x55;
    report("el1 store, watch loads only", before, 0);
    mask_debug();
    rt_printf("  watched=%lx\n", watched[0]);
    sysreg_write(dbgwcr0_el1, wcr);
    isb();
    before = hits;
    r = rt_run_el0(el0_wp, 1);
    report("el0 watchpoint load", before, (uintptr_t)el0_wp_load);
    rt_printf("  result %lx\n", r);
    sysreg_write(dbgwcr0_el1, 0);
    isb();

    /* Software step through five instructions at EL1. */
    before = hits;
    __asm__ volatile(
        "   adr     %0, 1f\n"
        "   adr     %1, 2f\n"
        "   str     %0, [%2]\n"
        "   str     %1, [%3]\n"
        "   svc     #0x5e\n"
        "1: mov     x9, #1\n"
        "   add     x9, x9, #2\n"
        "   b       3f\n"
        "   mov     x9, #100\n"
        "3: add     x9, x9, #3\n"
        "2: nop\n"
        : "=&r"(site), "=&r"(v) : "r"(&step_start), "r"(&step_end) : "x9", "memory");
    rt_printf("software step: steps=%u esr=%08lx offsets:", steps, step_esr);
    for (unsigned i = 0; i < steps && i < 16; i++)
        rt_printf(" %ld", step_offsets[i]);
    rt_printf("\n  mdscr.ss=%lu daif=%lx\n", sysreg_read(mdscr_el1) & 1, sysreg_read(daif));

    /* Stepping over a BRK (an exception that does not complete the
     * instruction: SPSR.SS stays 1, the next instruction is stepped after
     * the return) and a load-exclusive (EX). */
    steps = 0;
    __asm__ volatile(
        "   adr     %0, 1f\n"
        "   adr     %1, 2f\n"
        "   str     %0, [%2]\n"
        "   str     %1, [%3]\n"
        "   svc     #0x5e\n"
        "1: mov     x9, #1\n"
        "   brk     #7\n"
        "   ldxr    x10, [%4]\n"
        "   clrex\n"
        "2: nop\n"
        : "=&r"(site), "=&r"(v) : "r"(&step_start), "r"(&step_end), "r"(&watched[1])
        : "x9", "x10", "memory");
    rt_printf("step over brk and ldxr: steps=%u\n", steps);
    for (unsigned i = 0; i < steps && i < 16; i++)
        rt_printf("  %ld esr=%08lx\n", step_offsets[i], step_esrs[i]);
    sysreg_write(mdscr_el1, MDSCR_MDE | MDSCR_KDE);
    isb();

    /* Software step of EL0 code (what ptrace's single-step does): EL1
     * need not enable KDE for it. */
    steps = 0;
    sysreg_write(mdscr_el1, 0);
    isb();
    r = rt_run_el0(el0_step, 5);
    rt_printf("el0 step: steps=%u result %lu\n", steps, r);
    for (unsigned i = 0; i < steps && i < 16; i++)
        rt_printf("  %ld esr=%08lx\n", step_offsets[i], step_esrs[i]);
    sysreg_write(mdscr_el1, MDSCR_MDE | MDSCR_KDE);
    isb();

    /* Byte selection: BAS picks byte 4 of the doubleword only. */
    unmask_debug();
    uint64_t bas4 = (0x10UL << 5) | (3 << 3) | (3 << 1) | 1;
    struct { const char *what; unsigned off, size; } probes[] = {
        { "bas=byte 4: ldrb +0", 0, 1 }, { "bas=byte 4: ldrb +4", 4, 1 },
        { "bas=byte 4: ldrh +2", 2, 2 }, { "bas=byte 4: ldr x +0", 0, 8 },
        { "bas=byte 4: ldrb +5", 5, 1 }, { "bas=byte 4: ldrh +4", 4, 2 },
    };
    for (unsigned i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        sysreg_write(dbgwvr0_el1, (uintptr_t)&watched[0]);
        sysreg_write(dbgwcr0_el1, bas4);
        isb();
        before = hits;
        uintptr_t a = (uintptr_t)&watched[0] + probes[i].off;
        switch (probes[i].size) {
        case 1: __asm__ volatile("adr %1, 1f\n1: ldrb %w0, [%2]" : "=&r"(v), "=&r"(site) : "r"(a) : "memory"); break;
        case 2: __asm__ volatile("adr %1, 1f\n1: ldrh %w0, [%2]" : "=&r"(v), "=&r"(site) : "r"(a) : "memory"); break;
        default: __asm__ volatile("adr %1, 1f\n1: ldr %0, [%2]" : "=&r"(v), "=&r"(site) : "r"(a) : "memory"); break;
        }
        report(probes[i].what, before, site);
    }
    /* A word-aligned WVR: BAS[3:0] select bytes of that word. */
    sysreg_write(dbgwvr0_el1, (uintptr_t)&watched[0] + 4);
    sysreg_write(dbgwcr0_el1, (0x2UL << 5) | (3 << 3) | (3 << 1) | 1);
    isb();
    before = hits;
    __asm__ volatile("adr %1, 1f\n1: ldr %0, [%2]" : "=&r"(v), "=&r"(site) : "r"(&watched[0]) : "memory");
    report("wvr+4 bas=byte 1: ldr x +0", before, site);

    /* A pair store across the watched doubleword and the one before. */
    sysreg_write(dbgwvr0_el1, (uintptr_t)&watched[1]);
    sysreg_write(dbgwcr0_el1, (0xffUL << 5) | (2 << 3) | (3 << 1) | 1);   /* stores */
    isb();
    before = hits;
    __asm__ volatile("adr %0, 1f\n1: stp %1, %1, [%2]" : "=&r"(site) : "r"(0x1234UL), "r"(&watched[0]) : "memory");
    report("stp over watched[1], watch stores", before, site);
    rt_printf("  watched=%lx,%lx\n", watched[0], watched[1]);

    /* Exclusives and atomics against a watchpoint on loads or stores. */
    for (unsigned lsc = 1; lsc <= 2; lsc++) {
        sysreg_write(dbgwvr0_el1, (uintptr_t)&watched[0]);
        sysreg_write(dbgwcr0_el1, (0xffUL << 5) | (lsc << 3) | (3 << 1) | 1);
        isb();
        before = hits;
        uint32_t fail;
        __asm__ volatile("ldxr %0, [%3]\n adr %2, 1f\n1: stxr %w1, %0, [%3]"
                         : "=&r"(v), "=&r"(fail), "=&r"(site) : "r"(&watched[0]) : "memory");
        report(lsc == 1 ? "stxr, watch loads" : "stxr, watch stores", before, site);
        if (((sysreg_read(id_aa64isar0_el1) >> 20) & 0xf) >= 2) {
            sysreg_write(dbgwcr0_el1, (0xffUL << 5) | (lsc << 3) | (3 << 1) | 1);
            isb();
            before = hits;
            __asm__ volatile(".arch_extension lse\n adr %1, 1f\n1: ldadd %2, %0, [%3]"
                             : "=&r"(v), "=&r"(site) : "r"(1UL), "r"(&watched[0]) : "memory");
            report(lsc == 1 ? "ldadd, watch loads" : "ldadd, watch stores", before, site);
        }
    }

    /* PAC: a watchpoint for EL0 only does not fire at EL1. */
    sysreg_write(dbgwvr0_el1, (uintptr_t)&watched[0]);
    sysreg_write(dbgwcr0_el1, (0xffUL << 5) | (3 << 3) | (2 << 1) | 1);
    isb();
    before = hits;
    v = watched[0];
    report("el1 load, watch EL0 only", before, 0);
    sysreg_write(dbgwcr0_el1, (0xffUL << 5) | (3 << 3) | (2 << 1) | 1);
    isb();
    before = hits;
    r = rt_run_el0(el0_wp, 1);
    report("el0 load, watch EL0 only", before, (uintptr_t)el0_wp_load);
    sysreg_write(dbgwcr0_el1, (0xffUL << 5) | (3 << 3) | (1 << 1) | 1);  /* EL1 only */
    isb();
    before = hits;
    r = rt_run_el0(el0_wp, 1);
    report("el0 load, watch EL1 only", before, 0);
    /* MASK: an aligned 64-byte block around watched[]. */
    sysreg_write(dbgwvr0_el1, ((uintptr_t)&watched[0] & ~63UL) + 8);
    sysreg_write(dbgwcr0_el1, (6UL << 24) | (0xffUL << 5) | (3 << 3) | (3 << 1) | 1);
    isb();
    before = hits;
    __asm__ volatile("adr %1, 1f\n1: ldr %0, [%2]" : "=&r"(v), "=&r"(site) : "r"(&watched[1]) : "memory");
    report("mask=6: load of watched[1]", before, site);
    sysreg_write(dbgwcr0_el1, 0);
    mask_debug();

    /* Breakpoints by PMC: EL0 only, EL1 only. */
    sysreg_write(dbgbvr0_el1, (uintptr_t)el0_bp_target);
    sysreg_write(dbgbcr0_el1, (0xfUL << 5) | (2 << 1) | 1);
    isb();
    unmask_debug();
    before = hits;
    r = call(el0_bp_target);
    report("el1 call, breakpoint EL0 only", before, 0);
    mask_debug();
    sysreg_write(dbgbcr0_el1, (0xfUL << 5) | (2 << 1) | 1);
    isb();
    before = hits;
    r = rt_run_el0(el0_bp, 1);
    report("el0 call, breakpoint EL0 only", before, (uintptr_t)el0_bp_target);
    sysreg_write(dbgbcr0_el1, (0xfUL << 5) | (1 << 1) | 1);
    isb();
    before = hits;
    r = rt_run_el0(el0_bp, 1);
    report("el0 call, breakpoint EL1 only", before, 0);
    /* Without MDE nothing fires.  (Nor with the OS lock set, D2.5, which
     * qemu 7.2 does not honour for breakpoints: not compared here.) */
    sysreg_write(dbgbcr0_el1, (0xfUL << 5) | (3 << 1) | 1);
    sysreg_write(mdscr_el1, MDSCR_KDE);
    isb();
    before = hits;
    r = rt_run_el0(el0_bp, 1);
    report("el0 breakpoint, MDE clear", before, 0);
    sysreg_write(mdscr_el1, MDSCR_MDE | MDSCR_KDE);
    isb();
    before = hits;
    r = rt_run_el0(el0_bp, 1);
    report("el0 breakpoint, MDE set again", before, (uintptr_t)el0_bp_target);
    sysreg_write(dbgbcr0_el1, 0);
    sysreg_write(mdscr_el1, 0);
    isb();
    return 0;
}
