/*
 * Direct kernel boot on an arm64 board without firmware (-kernel, -initrd,
 * -append, -dtb), placing everything where qemu-system-aarch64 7.2 places
 * it (hw/arm/boot.c there; the observed addresses are recorded in
 * tests/unit/data/arm-boot-qemu.txt).  The board calls it in steps because
 * the device tree must name the initrd's place before the DTB itself is
 * placed:
 *
 *   ArmBootInfo bi = { .as = &as, .ram_base = 0x40000000, .ram_size = ... };
 *   arm_boot_load_kernel(&bi, kernel, &err);
 *   arm_boot_load_initrd(&bi, initrd, &err);        only with -initrd
 *   fdt = virt_fdt_build(... bi.has_initrd, bi.initrd_start, bi.initrd_end ...)
 *     or arm_boot_load_user_dtb(&bi, dtb_path, append, "hvc", &size, &err);
 *   arm_boot_place_dtb(&bi, fdt, size, &err);
 *   arm_boot_cpu_regs(&bi, &regs);                  CPU 0 only
 *
 * Every error is one line, "could not load kernel 'FILE': why" and the
 * like; the caller prints it with its program name and exits 1.
 *
 * Secondary CPUs are not started here: they stay powered off until the
 * guest calls PSCI CPU_ON (the board's PSCI emulation), as in qemu.
 */
#ifndef HW_ARM_BOOT_H
#define HW_ARM_BOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "softmmu/memory.h"

typedef enum ArmBootFormat {
    ARM_BOOT_IMAGE,         /* arm64 Linux Image (magic "ARM\x64" at 0x38) */
    ARM_BOOT_IMAGE_GZIP,    /* the same, gzip-compressed */
    ARM_BOOT_ELF,           /* ELF64 AArch64: bare metal */
    ARM_BOOT_RAW,           /* anything else (perhaps gzipped): taken as Linux */
    ARM_BOOT_RAW_GZIP,
} ArmBootFormat;

typedef struct ArmBootInfo {
    /* Set by the board. */
    AddressSpace *as;
    uint64_t ram_base;          /* qemu's loader_start: the virt board's 0x40000000 */
    uint64_t ram_size;

    /* Set by arm_boot_load_kernel. */
    ArmBootFormat format;
    bool is_linux;              /* Linux boot protocol (Image, raw); false: ELF */
    uint64_t entry;             /* the kernel's first instruction */
    uint64_t kernel_low;        /* loaded extent [low, high); for an Image, */
    uint64_t kernel_high;       /* entry + the header's image_size */
    uint64_t initrd_start;      /* where an initrd goes (set even without one) */

    /* Set by arm_boot_load_initrd (Linux only: an ELF ignores -initrd). */
    bool has_initrd;
    uint64_t initrd_end;        /* exclusive */

    /* Set by arm_boot_place_dtb. */
    bool has_dtb;               /* false: bare-metal ELF covering RAM's start */
    uint64_t dtb_addr;

    /* Private: the bare-metal DTB's slot below the ELF (0: no limit). */
    bool dtb_slot;
    uint64_t dtb_limit;
} ArmBootInfo;

/* The boot stub qemu writes at ram_base for a Linux kernel: it loads the
 * DTB address into X0, zeroes X1-X3 and branches to the entry; its literal
 * pool holds the DTB address and the entry (64-bit each). */
#define ARM_BOOT_STUB_SIZE    0x28
#define ARM_BOOT_STUB_DTB_OFF 0x18
#define ARM_BOOT_STUB_ENTRY_OFF 0x20

/* Loads -kernel into RAM; picks the format (see ArmBootFormat) as qemu. */
bool arm_boot_load_kernel(ArmBootInfo *bi, const char *path, GError **errp);

/* Loads -initrd at bi->initrd_start (no-op for a bare-metal kernel, as
 * qemu, which then tells the device tree nothing of it). */
bool arm_boot_load_initrd(ArmBootInfo *bi, const char *path, GError **errp);

/* -dtb FILE (boot-dtb.c): the user's blob, checked (fdt_check_header),
 * edited as qemu 7.2's arm_load_dtb does: every memory node replaced by
 * /memory@<ram_base> covering RAM, /chosen given bootargs (append non-NULL)
 * and the initrd's bounds, /psci replaced by the board's (psci_method "hvc"
 * or "smc"; NULL: left alone).  Its size is qemu's: (file + 10000) * 2,
 * unpacked.  g_free it. */
void *arm_boot_load_user_dtb(const ArmBootInfo *bi, const char *path, const char *append,
                             const char *psci_method, size_t *size, GError **errp);

/* Sets *errp to the formatted one-line message; returns false. */
bool arm_boot_fail(GError **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Writes the blob: for Linux 2 MiB-aligned after the initrd's slot, then
 * the boot stub at ram_base; for bare metal at ram_base when the ELF leaves
 * room there, else nowhere (has_dtb false). */
bool arm_boot_place_dtb(ArmBootInfo *bi, const void *fdt, size_t size, GError **errp);

/* CPU 0's registers at reset (every other register 0).  EL1h with DAIF
 * masked, MMU and caches off (SCTLR_EL1 reset value), as qemu's virt
 * without EL2/EL3.  Linux: PC = the stub at ram_base, which sets X0 = DTB,
 * X1-X3 = 0 and branches to the entry (Documentation/arm64/booting.rst,
 * "Call the kernel image").  Bare metal: PC = the ELF entry, X0 = 0 (qemu
 * passes no DTB pointer; the guest finds it at ram_base). */
typedef struct ArmBootRegs {
    uint64_t pc;
    uint64_t x[4];
    uint32_t pstate;            /* SPSR layout: NZCV, DAIF, M[3:0] = EL1h */
} ArmBootRegs;

void arm_boot_cpu_regs(const ArmBootInfo *bi, ArmBootRegs *regs);

#endif /* HW_ARM_BOOT_H */
