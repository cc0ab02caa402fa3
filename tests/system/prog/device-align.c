/*
 * device-align: unaligned loads and stores to Device memory take an
 * Alignment fault whatever SCTLR_EL1.A says (Arm ARM DDI 0487, B2.5.2
 * "Alignment of data accesses"; AArch64.S1Translate and
 * AArch64.S1DisabledOutput check it after the walk's faults and before
 * permissions): EC 0x25, DFSC 0b100001, FAR the address of the access, WnR
 * for stores.  With the MMU off every data access is Device-nGnRnE, so
 * unaligned ones fault too; instruction fetch is Normal and goes on.
 * Alignment is to the element: an LDP of X registers to 8, of W registers
 * to 4, LD1 {Vt.16B} to 1; LDR Q to 16 (Mem[] with size 16).  Normal
 * memory takes all of them unaligned (SCTLR_EL1.A is 0).
 *
 * qemu 7.2 does not raise these faults (qemu 9.0 does), so this program is
 * checked against device-align.expected, written from the manual, and not
 * against the oracle (tests/system/meson.build).
 */
#include "rt.h"

#define TVA         0x1000000000UL      /* 64 GiB: no identity entry near it */
#define DEV_VA      (TVA)               /* buf[0] as Device-nGnRE */
#define NORM_VA     (TVA + 0x10000)     /* buf[1] as Normal */
#define DEV_RO_VA   (TVA + 0x20000)     /* buf[0] again, Device, read-only */
#define MAIR_ATTR3  0x04                /* Device-nGnRE, AttrIndx 3 */
#define UART_PID0   (VIRT_UART + 0xfe0) /* PL011 UARTPeriphID0 = 0x11 (TRM) */

static uint8_t buf[2][0x10000] __attribute__((aligned(0x10000)));

enum kind { LDR_X, LDR_W, LDRH, STR_X, STR_W, STRH, LDP_X, LDP_W, STP_X, LDR_Q, STR_Q, LD1_B16,
            LD1_D2 };

/* What one access did, kept while the MMU is off (no printing then: the
 * C code there must not make unaligned accesses of its own). */
struct outcome {
    const char *what;
    uint64_t addr, base, value;
    bool faulted;
    uint64_t esr, far;
};

static struct rt_frame last;
static volatile unsigned faults;

static bool on_fault(struct rt_frame *f)
{
    last = *f;
    faults++;
    rt_skip_insn(f);
    return true;
}

/* One access of the given kind at addr; a store writes 0x1122334455667788
 * (Q: that and its complement). */
static uint64_t do_access(enum kind k, uint64_t addr)
{
    uint64_t v = 0, w = 0, st = 0x1122334455667788UL;
    switch (k) {
    case LDR_X: __asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory"); break;
    case LDR_W: __asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory"); break;
    case LDRH: __asm__ volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(addr) : "memory"); break;
    case STR_X: __asm__ volatile("str %0, [%1]" :: "r"(st), "r"(addr) : "memory"); break;
    case STR_W: __asm__ volatile("str %w0, [%1]" :: "r"(st), "r"(addr) : "memory"); break;
    case STRH: __asm__ volatile("strh %w0, [%1]" :: "r"(st), "r"(addr) : "memory"); break;
    case LDP_X:
        __asm__ volatile("ldp %0, %1, [%2]" : "=&r"(v), "=&r"(w) : "r"(addr) : "memory");
        v ^= w;
        break;
    case LDP_W:
        __asm__ volatile("ldp %w0, %w1, [%2]" : "=&r"(v), "=&r"(w) : "r"(addr) : "memory");
        v = v << 32 | w;
        break;
    case STP_X: __asm__ volatile("stp %0, %0, [%1]" :: "r"(st), "r"(addr) : "memory"); break;
    case LDR_Q:
        __asm__ volatile("ldr q0, [%2]\n fmov %0, d0\n mov %1, v0.d[1]"
                         : "=r"(v), "=r"(w) : "r"(addr) : "memory", "v0");
        v ^= w;
        break;
    case STR_Q:
        __asm__ volatile("fmov d0, %0\n mov v0.d[1], %1\n str q0, [%2]"
                         :: "r"(st), "r"(~st), "r"(addr) : "memory", "v0");
        break;
    case LD1_B16:
        __asm__ volatile("ld1 {v0.16b}, [%2]\n fmov %0, d0\n mov %1, v0.d[1]"
                         : "=r"(v), "=r"(w) : "r"(addr) : "memory", "v0");
        v ^= w;
        break;
    case LD1_D2:
        __asm__ volatile("ld1 {v0.2d}, [%2]\n fmov %0, d0\n mov %1, v0.d[1]"
                         : "=r"(v), "=r"(w) : "r"(addr) : "memory", "v0");
        v ^= w;
        break;
    }
    return v;
}

static void run(struct outcome *o, const char *what, enum kind k, uint64_t base, uint64_t off)
{
    unsigned before = faults;
    o->what = what;
    o->base = base;
    o->addr = base + off;
    o->value = do_access(k, o->addr);
    o->faulted = faults != before;
    o->esr = last.esr;
    o->far = last.far;
}

static void report(const struct outcome *o)
{
    if (!o->faulted) {
        rt_printf("  %s: ok value=%lx\n", o->what, o->value);
        return;
    }
    /* FAR as an offset from the region, and whether it is the access's. */
    rt_printf("  %s: fault ec=%02lx wnr=%lu dfsc=%02lx far=+%lx%s\n", o->what, o->esr >> 26,
              (o->esr >> 6) & 1, o->esr & 0x3f, o->far - o->base,
              o->far == o->addr ? "" : " (not the access's address)");
}

/* Known bytes where the accesses go: byte i of buffer b is i + b * 0x80
 * (mod 256). */
static void fill(void)
{
    for (unsigned b = 0; b < 2; b++) {
        for (unsigned i = 0; i < 64; i++)
            buf[b][i] = (uint8_t)(i + b * 0x80);
        for (unsigned i = 0xff0; i < 0x1010; i++)
            buf[b][i] = (uint8_t)(i + b * 0x80);
    }
}

static void mmu_off_part(void)
{
    static struct outcome o[10];
    uint64_t ram = (uintptr_t)buf[1];
    unsigned n = 0;
    rt_mmu_off();
    run(&o[n++], "ldr x aligned", LDR_X, ram, 8);
    run(&o[n++], "ldr x +1", LDR_X, ram, 1);
    run(&o[n++], "ldr w +2", LDR_W, ram, 2);
    run(&o[n++], "ldrh +1", LDRH, ram, 1);
    run(&o[n++], "str w +2", STR_W, ram, 2);
    run(&o[n++], "str x aligned", STR_X, ram, 16);
    run(&o[n++], "ldp x +4", LDP_X, ram, 4);
    run(&o[n++], "ldr q +8", LDR_Q, ram, 8);
    run(&o[n++], "uart pid0 ldr w", LDR_W, VIRT_UART, 0xfe0);
    run(&o[n++], "uart pid0 ldr w +1", LDR_W, VIRT_UART, 0xfe1);
    rt_mmu_enable_this_cpu();
    rt_printf("MMU off (data accesses are Device-nGnRnE):\n");
    for (unsigned i = 0; i < n; i++)
        report(&o[i]);
    rt_printf("  after: %lx\n", *(volatile uint64_t *)&buf[1][16]);
}

static void mmu_on_part(void)
{
    uint64_t dev = PTE_AF | PTE_ATTR(3) | PTE_PXN | PTE_UXN;
    rt_map(rt_mmu.ttbr0, DEV_VA, (uintptr_t)buf[0], sizeof(buf[0]), dev, false);
    rt_map(rt_mmu.ttbr0, NORM_VA, (uintptr_t)buf[1], sizeof(buf[1]),
           rt_attrs(RT_MEM_NORMAL) | PTE_PXN | PTE_UXN, false);
    rt_map(rt_mmu.ttbr0, DEV_RO_VA, (uintptr_t)buf[0], sizeof(buf[0]), dev | PTE_AP_RO, false);
    sysreg_write(mair_el1, sysreg_read(mair_el1) | (uint64_t)MAIR_ATTR3 << 24);
    rt_tlbi_all();

    static const struct { const char *what; enum kind k; uint64_t off; } cases[] = {
        { "ldr x aligned", LDR_X, 8 },
        { "ldr x +1", LDR_X, 1 },
        { "ldr x +4", LDR_X, 4 },       /* inside one 8-byte half of a line */
        { "ldr w +4", LDR_W, 4 },
        { "ldr w +2", LDR_W, 2 },
        { "ldrh +1", LDRH, 1 },
        { "ldrh +2", LDRH, 2 },
        { "str x +3", STR_X, 0x23 },
        { "strh +0x31", STRH, 0x31 },
        { "stp x aligned", STP_X, 0x30 },
        { "ldp x +4", LDP_X, 4 },
        { "ldp w +4", LDP_W, 4 },
        { "ldr q aligned", LDR_Q, 16 },
        { "ldr q +8", LDR_Q, 8 },
        { "str q +8", STR_Q, 0x28 },
        { "ld1 16b +1", LD1_B16, 1 },
        { "ld1 2d +4", LD1_D2, 4 },
        { "ldr x 0xffc", LDR_X, 0xffc },    /* crosses a 4K page */
    };
    struct outcome o;
    for (unsigned region = 0; region < 2; region++) {
        fill();
        uint64_t base = region ? NORM_VA : DEV_VA;
        rt_printf("%s:\n", region ? "Normal" : "Device-nGnRE");
        for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            run(&o, cases[i].what, cases[i].k, base, cases[i].off);
            report(&o);
        }
    }

    /* Device, read-only: the alignment fault comes before the permission
     * fault; an aligned store gets the permission fault.  Then MMIO
     * through the identity map's Device-nGnRnE. */
    static const struct { const char *title, *what; enum kind k; uint64_t base, off; } more[] = {
        { "Device-nGnRE read-only", "str w +2", STR_W, DEV_RO_VA, 2 },
        { NULL, "str w aligned", STR_W, DEV_RO_VA, 4 },
        { NULL, "ldr w +2", LDR_W, DEV_RO_VA, 2 },
        { "PL011 (Device-nGnRnE)", "pid0 ldr w", LDR_W, VIRT_UART, 0xfe0 },
        { NULL, "pid0 ldr w +1", LDR_W, VIRT_UART, 0xfe1 },
        { NULL, "pid0 ldrh +1", LDRH, VIRT_UART, 0xfe1 },
        { NULL, "str w +2", STR_W, VIRT_UART, 0xfe2 },
    };
    for (unsigned i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
        if (more[i].title) {
            rt_printf("%s:\n", more[i].title);
        }
        run(&o, more[i].what, more[i].k, more[i].base, more[i].off);
        report(&o);
    }
}

int main(void)
{
    rt_set_handler(on_fault);
    fill();
    mmu_off_part();
    mmu_on_part();
    rt_set_handler(0);
    return 0;
}
