/*
 * Owns: the interface of the bare-metal runtime every tests/system program
 * links with: output and exit through semihosting, the exception frame and
 * per-test handlers, CPU start-up through PSCI, a spin lock, the identity
 * MMU set-up, the GIC and generic-timer helpers, a seeded random generator.
 * The virt board's addresses are QEMU 7.2's (hw/arm/virt.c memory map).
 */
#ifndef RT_H
#define RT_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define RT_MAX_CPUS     8

/* QEMU virt board memory map (the parts the programs touch). */
#define VIRT_GICD       0x08000000UL
#define VIRT_GICC       0x08010000UL   /* GICv2 CPU interface */
#define VIRT_GICR       0x080a0000UL   /* GICv3 redistributors, 128K per CPU */
#define VIRT_UART       0x09000000UL
#define VIRT_RTC        0x09010000UL
#define VIRT_GPIO       0x09030000UL
#define VIRT_RAM        0x40000000UL

#define sysreg_read(r) ({ uint64_t v__; __asm__ volatile("mrs %0, " #r : "=r"(v__)); v__; })
#define sysreg_write(r, v) __asm__ volatile("msr " #r ", %0" :: "r"((uint64_t)(v)) : "memory")
#define isb()       __asm__ volatile("isb" ::: "memory")
#define dsb(opt)    __asm__ volatile("dsb " #opt ::: "memory")
#define barrier()   __asm__ volatile("" ::: "memory")

static inline uint32_t mmio_read32(uintptr_t a) { return *(volatile uint32_t *)a; }
static inline void mmio_write32(uintptr_t a, uint32_t v) { *(volatile uint32_t *)a = v; }
static inline uint8_t mmio_read8(uintptr_t a) { return *(volatile uint8_t *)a; }
static inline void mmio_write8(uintptr_t a, uint8_t v) { *(volatile uint8_t *)a = v; }

/* semihost.c */
void rt_puts(const char *s);              /* SYS_WRITE0 */
void rt_putc(char c);                     /* SYS_WRITEC */
_Noreturn void rt_exit(uint32_t status);  /* SYS_EXIT, ADP_Stopped_ApplicationExit */
_Noreturn void rt_exit_extended(uint32_t status); /* SYS_EXIT_EXTENDED */

/* print.c: %d %u %x %s %c with l/ll, width and '0'; one line per call to the host. */
void rt_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "name: FAIL" and count a failure; rt_finish() exits 1 if any. */
void rt_check(bool ok, const char *what);
_Noreturn void rt_finish(void);

/* except.c: the frame start.S builds on every exception (layout fixed there). */
struct rt_frame {
    uint64_t x[31];
    uint64_t sp_el0;
    uint64_t elr, spsr, esr, far;
    uint64_t vector;       /* 0..15: (group << 2) | type, see rt_vector_name */
    uint64_t pad;
};
/* A handler returns true when it dealt with the exception (after changing the
 * frame, usually elr); false falls to the default: print and exit 1. */
typedef bool (*rt_handler_fn)(struct rt_frame *f);
void rt_set_handler(rt_handler_fn fn);
const char *rt_vector_name(unsigned vector);
/* Run fn(arg) at EL0 on its own stack; returns the value fn passed to
 * rt_el0_return() (an SVC #0xfff0 the default handler understands). */
uint64_t rt_run_el0(uint64_t (*fn)(uint64_t), uint64_t arg);
#define RT_SVC_EL0_RETURN 0xfff0
void rt_skip_insn(struct rt_frame *f);    /* elr += 4 */

/* smp.c */
unsigned rt_cpu_id(void);                 /* linear index from MPIDR_EL1 */
typedef struct { volatile uint32_t v; } rt_lock_t;
void rt_lock(rt_lock_t *l);
void rt_unlock(rt_lock_t *l);
extern rt_lock_t rt_print_lock;
/* X0-X3 as the loader left them at _start (Linux boot protocol: X0 = DTB). */
extern uint64_t rt_boot_regs[4];
extern uint64_t rt_boot_sctlr;          /* SCTLR_EL1 at _start */
/* Start CPU cpu at fn(cpu) through PSCI CPU_ON; returns the PSCI status. */
int64_t rt_cpu_start(unsigned cpu, void (*fn)(unsigned));
int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
#define PSCI_VERSION        0x84000000UL
#define PSCI_CPU_OFF        0x84000002UL
#define PSCI_CPU_ON         0xc4000003UL
#define PSCI_AFFINITY_INFO  0xc4000004UL
#define PSCI_FEATURES       0x8400000aUL
#define PSCI_SYSTEM_OFF     0x84000008UL
#define PSCI_SYSTEM_RESET   0x84000009UL

/* mmu.c: stage 1 tables for TTBR0 (and TTBR1), 39-bit VA, 32-bit IPS. */
enum rt_mem { RT_MEM_DEVICE = 0, RT_MEM_NORMAL = 1, RT_MEM_NC = 2 };
#define PTE_VALID       (1UL << 0)
#define PTE_TABLE       (1UL << 1)   /* at level 3: page */
#define PTE_ATTR(i)     ((uint64_t)(i) << 2)
#define PTE_AP_EL0      (1UL << 6)   /* AP[1]: EL0 access */
#define PTE_AP_RO       (1UL << 7)   /* AP[2]: read-only */
#define PTE_SH_INNER    (3UL << 8)
#define PTE_AF          (1UL << 10)
#define PTE_NG          (1UL << 11)
#define PTE_PXN         (1UL << 53)
#define PTE_UXN         (1UL << 54)
struct rt_mmu {
    unsigned granule_shift;          /* 12, 14 or 16 */
    uint64_t *ttbr0, *ttbr1;
};
extern struct rt_mmu rt_mmu;
bool rt_granule_supported(unsigned shift);
/* Build fresh identity tables with the given granule (RAM normal, EL0
 * accessible; device space 0..1G device) and turn the MMU on. */
void rt_mmu_init(unsigned granule_shift);
void rt_mmu_enable_this_cpu(void);       /* same tables on another CPU */
void rt_mmu_off(void);
/* Map [va, va+size) to pa with attrs (PTE_* bits beyond the address);
 * pages of the granule at level 3 unless a block fits and blocks is true. */
void rt_map(uint64_t *root, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs, bool blocks);
/* The descriptor that maps va at level (for editing); creates tables down
 * to that level. */
uint64_t *rt_pte(uint64_t *root, uint64_t va, unsigned level);
unsigned rt_level_shift(unsigned level);
unsigned rt_start_level(void);
void rt_tlbi_all(void);
uint64_t rt_attrs(enum rt_mem m);        /* AF, SH, AttrIndx for a kind */

/* gic.c: v2 or v3 as the CPU says (ID_AA64PFR0_EL1.GIC). */
unsigned gic_version(void);
void gic_init_dist(void);                /* CPU 0 once */
void gic_init_cpu(void);                 /* each CPU */
void gic_enable_irq(unsigned intid, uint8_t prio);
void gic_disable_irq(unsigned intid);
void gic_set_pending(unsigned intid);
bool gic_is_pending(unsigned intid);
void gic_set_pmr(uint8_t pmr);
uint32_t gic_ack(void);                  /* INTID, 1023 when none */
void gic_eoi(uint32_t intid);
void gic_send_sgi_self(unsigned sgi);
uint32_t gic_running_priority(void);

/* Generic timer (virtual). */
static inline uint64_t timer_freq(void) { return sysreg_read(cntfrq_el0); }

/* Calls the code at va with x0 = 0 and returns its x0 (tests that write
 * code and run it). */
static inline uint64_t rt_call_at(uint64_t va)
{
    uint64_t r;
    __asm__ volatile("mov x0, #0\n blr %1\n mov %0, x0" : "=r"(r) : "r"(va)
                     : "x0", "x30", "memory");
    return r;
}
static inline uint64_t timer_count(void) { isb(); return sysreg_read(cntvct_el0); }

/* A fixed-seed generator so that both emulators draw the same numbers. */
static inline uint64_t rt_rand(uint64_t *s)
{
    uint64_t x = *s;            /* xorshift64* */
    x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dULL;
}

int main(void);

#endif
