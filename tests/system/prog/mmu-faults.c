/*
 * mmu-faults: stage 1 faults and what the CPU reports, for each granule the
 * CPU has (4K, 16K, 64K: ID_AA64MMFR0_EL1).  Data aborts: EC 0x25 (0x24 from
 * EL0), ISS WnR [6], DFSC [5:0]; instruction aborts: EC 0x21 (0x20 from
 * EL0), IFSC [5:0].  Fault status codes (Arm ARM D17.2.37): 0b0000LL address
 * size, 0b0001LL translation, 0b0010LL access flag, 0b0011LL permission,
 * 0b100001 alignment, LL = level.  PAR_EL1 after AT (D17.2.113): F [0];
 * on success PA [47:12], SH [8:7], NS [9], ATTR [63:56]; on a fault FST
 * [6:1], PTW [8], S [9].
 */
#include "rt.h"

#define TVA     0x1000000000UL          /* 64 GiB: no identity entry near it */
#define UPPER   0xffffff8000000000UL    /* lowest TTBR1 address, T1SZ = 25 */

static uint8_t testpages[2][0x10000] __attribute__((aligned(0x10000)));
static struct rt_frame last;
static unsigned faults;
static volatile uint64_t *volatile el0_ptr;

static bool on_fault(struct rt_frame *f)
{
    unsigned ec = f->esr >> 26;
    last = *f;
    faults++;
    if (ec == 0x20 || ec == 0x21)
        f->elr = f->x[30];          /* came by BLR: return to the caller */
    else
        rt_skip_insn(f);
    return true;
}

/* Read or write through p; the outcome: the value or the fault. */
static void access(const char *what, volatile uint64_t *p, bool write)
{
    unsigned before = faults;
    uint64_t v = 0;
    if (write)
        __asm__ volatile("str %1, [%0]" :: "r"(p), "r"(0x5a5a5a5a5a5a5a5aUL) : "memory");
    else
        __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    if (faults == before) {
        rt_printf("  %s: ok value=%lx\n", what, v);
        return;
    }
    rt_printf("  %s: fault esr=%08lx ec=%02lx wnr=%lu fsc=%02lx far=%lx\n", what, last.esr,
              last.esr >> 26, (last.esr >> 6) & 1, last.esr & 0x3f, last.far);
}

static void report_ia(const char *what, unsigned before, uint64_t ret)
{
    if (faults == before)
        rt_printf("  %s: ok ret=%lx\n", what, ret);
    else
        rt_printf("  %s: fault esr=%08lx ec=%02lx fsc=%02lx far=%lx\n", what, last.esr,
                  last.esr >> 26, last.esr & 0x3f, last.far);
}

static uint64_t el0_read(uint64_t unused)
{
    return *el0_ptr;
}

static void el0_access(const char *what, volatile uint64_t *p)
{
    unsigned before = faults;
    el0_ptr = p;
    uint64_t v = rt_run_el0(el0_read, 0);
    if (faults == before)
        rt_printf("  %s: ok value=%lx\n", what, v);
    else
        rt_printf("  %s: fault esr=%08lx ec=%02lx fsc=%02lx far=%lx\n", what, last.esr,
                  last.esr >> 26, last.esr & 0x3f, last.far);
}

/* A page of code that returns 0x600d, alone on its 64K-aligned page. */
extern char code_page[];
__asm__(".section .text.codepage, \"ax\"\n.balign 0x10000\n.global code_page\n"
        "code_page: mov x0, #0x600d\n ret\n.balign 0x10000\n.text\n");

static uint64_t call_at(uint64_t va)
{
    uint64_t r;
    __asm__ volatile("mov x0, #0\n blr %1\n mov %0, x0" : "=r"(r) : "r"(va)
                     : "x0", "x30", "memory");
    return r;
}

static uint64_t el0_call_target;
static uint64_t el0_call(uint64_t unused)
{
    return call_at(el0_call_target);
}

static void set_pte(uint64_t *pte, uint64_t v)
{
    *pte = v;
    rt_tlbi_all();
}

static uint64_t page_size(void) { return 1UL << rt_mmu.granule_shift; }

static void translation_levels(void)
{
    unsigned start = rt_start_level();
    access("no table", (volatile uint64_t *)TVA, false);
    for (unsigned l = start + 1; l <= 3; l++) {
        rt_pte(rt_mmu.ttbr0, TVA, l);   /* tables down to l, entry at l invalid */
        rt_tlbi_all();
        rt_printf("  level %u entry invalid:\n", l);
        access("read", (volatile uint64_t *)TVA, false);
    }
}

static void permissions(uint64_t *pte, uint64_t pa)
{
    uint64_t normal = rt_attrs(RT_MEM_NORMAL);
    volatile uint64_t *p = (volatile uint64_t *)TVA;

    set_pte(pte, pa | (normal & ~PTE_AF) | PTE_VALID | PTE_TABLE);
    access("AF=0 read", p, false);
    set_pte(pte, pa | normal | PTE_VALID | PTE_TABLE);
    access("rw read", p, false);
    access("rw write", p, true);
    access("rw read back", p, false);
    set_pte(pte, pa | normal | PTE_AP_RO | PTE_VALID | PTE_TABLE);
    access("ro write", p, true);
    access("ro read", p, false);
    el0_access("el0 read of el1-only page", p);
    set_pte(pte, pa | normal | PTE_AP_EL0 | PTE_AP_RO | PTE_VALID | PTE_TABLE);
    el0_access("el0 read of el0 ro page", p);

    uint64_t isar1 = sysreg_read(id_aa64mmfr1_el1);
    if ((isar1 >> 20) & 0xf) {
        set_pte(pte, pa | normal | PTE_AP_EL0 | PTE_VALID | PTE_TABLE);
        /* Nothing but the load between setting and clearing PAN: this
         * program's data is EL0-accessible too. */
        unsigned before = faults;
        uint64_t v;
        __asm__ volatile(".inst 0xd500419f\n"       /* MSR PAN, #1 */
                         "ldr %0, [%1]\n"
                         ".inst 0xd500409f\n"       /* MSR PAN, #0 */
                         : "=&r"(v) : "r"(p) : "memory");
        rt_printf("  PAN=1 el1 read of el0 page: faults=%u esr=%08lx far=%lx\n",
                  faults - before, last.esr, last.far);
        access("PAN=0 el1 read of el0 page", p, false);
        /* LDTR/STTR with PAN set: unprivileged accesses, checked as EL0's,
         * which PAN does not restrict (how Linux copies to user memory). */
        before = faults;
        __asm__ volatile(".inst 0xd500419f\n"      /* MSR PAN, #1 */
                         "sttr %1, [%2]\n"
                         "ldtr %0, [%2]\n"
                         ".inst 0xd500409f\n"      /* MSR PAN, #0 */
                         : "=&r"(v) : "r"(0x5a5aull), "r"(p) : "memory");
        rt_printf("  PAN=1 el1 sttr/ldtr of el0 page: faults=%u value=%lx\n",
                  faults - before, v);
        /* ...and of an EL1-only page: a permission fault. */
        set_pte(pte, pa | normal | PTE_VALID | PTE_TABLE);
        before = faults;
        __asm__ volatile("ldtr %0, [%1]\n" : "=&r"(v) : "r"(p) : "memory");
        rt_printf("  el1 ldtr of el1-only page: faults=%u esr=%08lx\n", faults - before,
                  last.esr);
    } else {
        rt_printf("  no PAN\n");
    }

    /* Address size: an output address above the 32 bits of TCR_EL1.IPS. */
    set_pte(pte, 0x100000000UL | normal | PTE_VALID | PTE_TABLE);
    access("OA 4G with IPS=32 bits", p, false);

    /* Alignment: SCTLR_EL1.A on normal memory, then device memory. */
    set_pte(pte, pa | normal | PTE_VALID | PTE_TABLE);
    volatile uint64_t *odd = (volatile uint64_t *)(TVA + 4);
    access("unaligned normal A=0", odd, false);
    sysreg_write(sctlr_el1, sysreg_read(sctlr_el1) | 2);
    isb();
    access("unaligned normal A=1", odd, false);
    sysreg_write(sctlr_el1, sysreg_read(sctlr_el1) & ~2UL);
    isb();
    set_pte(pte, pa | rt_attrs(RT_MEM_DEVICE) | PTE_VALID | PTE_TABLE);
    /* An unaligned access to Device memory must fault (alignment) on any
     * SCTLR.A; qemu 7.2 does not check it, so only the aligned one runs. */
    access("aligned device", p, false);
}

static void execute(uint64_t *pte)
{
    uint64_t code = (uintptr_t)code_page, normal = rt_attrs(RT_MEM_NORMAL);
    unsigned before;
    uint64_t r;

    before = faults;
    r = call_at(TVA + page_size());       /* nothing mapped there */
    report_ia("exec unmapped", before, r);
    set_pte(pte, code | normal | PTE_AP_RO | PTE_VALID | PTE_TABLE);
    before = faults;
    r = call_at(TVA);
    report_ia("exec ro alias", before, r);
    set_pte(pte, code | normal | PTE_AP_RO | PTE_PXN | PTE_VALID | PTE_TABLE);
    before = faults;
    r = call_at(TVA);
    report_ia("exec PXN", before, r);
    set_pte(pte, code | normal | PTE_VALID | PTE_TABLE);
    before = faults;
    r = call_at(TVA);
    report_ia("exec el1-writable", before, r);
    set_pte(pte, code | normal | PTE_AP_EL0 | PTE_VALID | PTE_TABLE);
    before = faults;
    r = call_at(TVA);
    report_ia("exec el0-writable at el1", before, r);
    set_pte(pte, code | normal | PTE_AP_EL0 | PTE_AP_RO | PTE_UXN | PTE_VALID | PTE_TABLE);
    el0_call_target = TVA;
    before = faults;
    r = rt_run_el0(el0_call, 0);
    report_ia("el0 exec UXN", before, r);
    set_pte(pte, code | normal | PTE_AP_EL0 | PTE_AP_RO | PTE_VALID | PTE_TABLE);
    before = faults;
    r = rt_run_el0(el0_call, 0);
    report_ia("el0 exec", before, r);
}

static void at_and_tlbi(uint64_t *pte)
{
    uint64_t normal = rt_attrs(RT_MEM_NORMAL);
    uint64_t pa0 = (uintptr_t)testpages[0], pa1 = (uintptr_t)testpages[1];
    uint64_t par;

    set_pte(pte, pa0 | normal | PTE_AP_RO | PTE_VALID | PTE_TABLE);
    __asm__ volatile("at s1e1r, %0\n isb" :: "r"(TVA + 0x18) : "memory");
    par = sysreg_read(par_el1);
    rt_printf("  at s1e1r ro: par=%lx\n", par);
    __asm__ volatile("at s1e1w, %0\n isb" :: "r"(TVA + 0x18) : "memory");
    par = sysreg_read(par_el1);
    rt_printf("  at s1e1w ro: par=%lx\n", par);
    __asm__ volatile("at s1e1r, %0\n isb" :: "r"(TVA + 2 * page_size()) : "memory");
    par = sysreg_read(par_el1);
    rt_printf("  at s1e1r unmapped: par=%lx\n", par);
    __asm__ volatile("at s1e0r, %0\n isb" :: "r"(TVA) : "memory");
    par = sysreg_read(par_el1);
    rt_printf("  at s1e0r el1-only: par=%lx\n", par);

    /* A changed PTE is only guaranteed to be seen after a TLBI. */
    *(volatile uint64_t *)testpages[0] = 0xaaaa0000;
    *(volatile uint64_t *)testpages[1] = 0xbbbb1111;
    access("page 0 through TVA", (volatile uint64_t *)TVA, false);
    *pte = pa1 | normal | PTE_AP_RO | PTE_VALID | PTE_TABLE;
    dsb(ishst);
    __asm__ volatile("tlbi vae1, %0\n dsb nsh\n isb" :: "r"(TVA >> 12) : "memory");
    access("after PTE to page 1 and tlbi vae1", (volatile uint64_t *)TVA, false);
    *pte = pa0 | normal | PTE_AP_RO | PTE_VALID | PTE_TABLE;
    dsb(ishst);
    __asm__ volatile("tlbi vmalle1\n dsb nsh\n isb" ::: "memory");
    access("after PTE to page 0 and tlbi vmalle1", (volatile uint64_t *)TVA, false);
}

static void upper_half(void)
{
    uint64_t pa = (uintptr_t)testpages[1];
    *(volatile uint64_t *)testpages[1] = 0xcccc2222;
    access("ttbr1 unmapped", (volatile uint64_t *)(UPPER + 0x1000000), false);
    rt_map(rt_mmu.ttbr1, UPPER + 0x1000000, pa, page_size(), rt_attrs(RT_MEM_NORMAL), false);
    rt_tlbi_all();
    access("ttbr1 mapped", (volatile uint64_t *)(UPPER + 0x1000000), false);
    /* Addresses between the halves: translation fault at level 0. */
    access("between halves", (volatile uint64_t *)0x0000800000000000UL, false);
    access("between halves high", (volatile uint64_t *)0xffff000000000000UL, false);
}

int main(void)
{
    static const unsigned granules[] = { 12, 14, 16 };
    rt_set_handler(on_fault);
    /* Granule support as yes/no: qemu's max has FEAT_LPA2 values here. */
    uint64_t mmfr0 = sysreg_read(id_aa64mmfr0_el1);
    rt_printf("mmu-faults: 16K=%d 64K=%d\n", ((mmfr0 >> 20) & 0xf) != 0, ((mmfr0 >> 24) & 0xf) != 0xf);
    for (unsigned i = 0; i < 3; i++) {
        unsigned g = granules[i];
        if (!rt_granule_supported(g)) {
            rt_printf("granule %uK: not supported\n", 1u << (g - 10));
            continue;
        }
        rt_mmu_init(g);
        rt_printf("granule %uK: start level %u\n", 1u << (g - 10), rt_start_level());
        for (unsigned k = 0; k < 2; k++)
            for (unsigned j = 0; j < 0x10000 / 8; j++)
                ((uint64_t *)testpages[k])[j] = 0x1000 * (k + 1) + j;
        translation_levels();
        uint64_t *pte = rt_pte(rt_mmu.ttbr0, TVA, 3);
        permissions(pte, (uintptr_t)testpages[0]);
        execute(pte);
        at_and_tlbi(pte);
        upper_half();
    }
    rt_mmu_init(12);
    return 0;
}
