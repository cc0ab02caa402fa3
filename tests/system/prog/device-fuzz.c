/*
 * device-fuzz: random reads and writes of random sizes (1, 2, 4, 8 bytes
 * at naturally aligned addresses) at random offsets of every virt device
 * region (PL011 UART, PL031 RTC, PL061 GPIO, the GIC distributor, the
 * GICv2 CPU interface or the GICv3 redistributors) and of holes where nothing is mapped, from a
 * fixed seed.  An access nothing answers is a synchronous external abort
 * (data abort, DFSC 0x10); the handler counts it and skips the access.
 * Printed per region: accesses, reads, writes, aborts, and the ESR of the
 * first abort; never a value read (the RTC and others depend on time).
 * Interrupts stay masked throughout: the GIC writes may make any pending.
 */
#include "rt.h"

#define PER_REGION 3000

static unsigned aborts;
static uint64_t first_esr;

static bool on_abort(struct rt_frame *f)
{
    if (f->vector != 4 || (f->esr >> 26) != 0x25)
        return false;
    if (!aborts++)
        first_esr = f->esr;
    rt_skip_insn(f);
    return true;
}

/* One access of 1 << size bytes at a; the asm keeps it exactly one insn. */
static void poke(uintptr_t a, unsigned size, bool write, uint64_t v)
{
    if (write) {
        switch (size) {
        case 0: __asm__ volatile("strb %w0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
        case 1: __asm__ volatile("strh %w0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
        case 2: __asm__ volatile("str %w0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
        default: __asm__ volatile("str %0, [%1]" :: "r"(v), "r"(a) : "memory"); break;
        }
    } else {
        uint64_t r;
        switch (size) {
        case 0: __asm__ volatile("ldrb %w0, [%1]" : "=r"(r) : "r"(a) : "memory"); break;
        case 1: __asm__ volatile("ldrh %w0, [%1]" : "=r"(r) : "r"(a) : "memory"); break;
        case 2: __asm__ volatile("ldr %w0, [%1]" : "=r"(r) : "r"(a) : "memory"); break;
        default: __asm__ volatile("ldr %0, [%1]" : "=r"(r) : "r"(a) : "memory"); break;
        }
    }
}

struct region {
    const char *name;
    uintptr_t base, size;
    unsigned gic;          /* only with this GIC version; 0: always */
    bool no_write;         /* reads only */
};

/* The UART's data register is read only: a write would print a byte. */
static const struct region regions[] = {
    { "uart", VIRT_UART + 0x4, 0xffc, 0, false },
    { "uart-dr", VIRT_UART, 4, 0, true },
    { "rtc", VIRT_RTC, 0x1000, 0, false },
    { "gpio", VIRT_GPIO, 0x1000, 0, false },
    { "gicd", VIRT_GICD, 0x10000, 0, false },
    { "gicc", VIRT_GICC, 0x10000, 0, false },
    { "gicr", VIRT_GICR, 0x40000, 3, false },
    { "hole-09040000", 0x09040000, 0x10000, 0, false },
    { "hole-0b000000", 0x0b000000, 0x10000, 0, false },
    { "beyond-uart", VIRT_UART + 0x1000, 0x1000, 0, false },
};

int main(void)
{
    uint64_t seed = 0x5eed0000f00dULL;
    unsigned total = 0;
    rt_set_handler(on_abort);
    unsigned v = gic_version();
    rt_printf("device-fuzz: gic v%u\n", v);
    for (unsigned i = 0; i < sizeof(regions) / sizeof(regions[0]); i++) {
        const struct region *r = &regions[i];
        if (r->gic && r->gic != v)
            continue;
        unsigned reads = 0, writes = 0;
        aborts = 0;
        first_esr = 0;
        for (unsigned n = 0; n < PER_REGION; n++) {
            uint64_t x = rt_rand(&seed);
            unsigned size = x & 3;
            bool write = !r->no_write && ((x >> 2) & 1);
            /* Aligned as an address, not as an offset: "uart" starts at
             * 4 mod 8, and an unaligned access to Device memory is an
             * Alignment fault (qemu 7.2 lets it through, hardware does
             * not).  Rounded up, never into the region below. */
            uintptr_t a = (r->base + rt_rand(&seed) % r->size) & ~((1UL << size) - 1);
            if (a < r->base)
                a += 1UL << size;
            poke(a, size, write, rt_rand(&seed));
            write ? writes++ : reads++;
        }
        total += aborts;
        rt_printf("%s: reads=%u writes=%u aborts=%u first=%08lx\n", r->name, reads, writes,
                  aborts, first_esr);
    }
    rt_printf("total aborts=%u\n", total);
    return 0;
}
