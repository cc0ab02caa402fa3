/*
 * The virt board's flattened device tree: what the board tells the builder
 * (CPUs, RAM, GIC, PSCI, boot arguments, which devices exist), and the
 * builder that turns it into the blob a guest kernel reads at boot.  The
 * tree is node for node and property for property the one qemu 7.2 writes
 * for the same machine (`-M virt,dumpdtb=FILE`), phandle numbers included.
 */
#ifndef HW_ARM_VIRT_FDT_H
#define HW_ARM_VIRT_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

/* The devices the board has; the tree lists only these. */
enum {
    VIRT_DEV_UART         = 1u << 0,    /* PL011 at VIRT_UART, stdout-path */
    VIRT_DEV_RTC          = 1u << 1,    /* PL031 */
    VIRT_DEV_GPIO         = 1u << 2,    /* PL061 and its gpio-keys power button */
    VIRT_DEV_VIRTIO_MMIO  = 1u << 3,    /* the 32 virtio-mmio transports */
    VIRT_DEV_FLASH        = 1u << 4,    /* the two CFI flash banks */
    VIRT_DEV_FW_CFG       = 1u << 5,
    VIRT_DEV_PCIE         = 1u << 6,    /* generic ECAM host bridge */
    VIRT_DEV_MSI          = 1u << 7,    /* GICv3 ITS or GICv2m frame */
    VIRT_DEV_PMU          = 1u << 8,
    VIRT_DEV_PLATFORM_BUS = 1u << 9,    /* the (empty) dynamic sysbus window */
};

/* What qemu 7.2's virt has with default options. */
#define VIRT_DEV_QEMU_DEFAULT \
    (VIRT_DEV_UART | VIRT_DEV_RTC | VIRT_DEV_GPIO | VIRT_DEV_VIRTIO_MMIO | \
     VIRT_DEV_FLASH | VIRT_DEV_FW_CFG | VIRT_DEV_PCIE | VIRT_DEV_MSI | \
     VIRT_DEV_PMU | VIRT_DEV_PLATFORM_BUS)

/* How the guest calls PSCI firmware: none (the guest brings its own EL3 or
 * EL2 firmware: no /psci node, no enable-method), or the instruction qemu
 * traps, HVC when the guest starts at EL1, SMC when it starts at EL2. */
typedef enum VirtPsciConduit {
    VIRT_PSCI_NONE,
    VIRT_PSCI_HVC,
    VIRT_PSCI_SMC,
} VirtPsciConduit;

typedef struct VirtFDTConfig {
    unsigned n_cpus;            /* 1..8 with a GICv2, 1..512 with a GICv3 */
    /* -smp topology; all 0 means qemu's default for -smp N: one socket,
     * one cluster, N cores, one thread each.  Otherwise their product
     * must be n_cpus. */
    unsigned sockets, clusters, cores, threads;
    const char *cpu_compatible; /* "arm,cortex-a57"; qemu 7.2 writes it for max too */
    uint64_t ram_size;          /* RAM at VIRT_MEM's base */
    int gic_version;            /* 2 or 3 */
    VirtPsciConduit psci_conduit;
    const char *bootargs;       /* /chosen/bootargs; NULL or "": none */
    bool has_initrd;
    uint64_t initrd_start, initrd_end;  /* guest physical, end exclusive */
    bool no_randomness;         /* no kaslr-seed/rng-seed (dtb-randomness=off) */
    bool no_highmem;            /* highmem=off: PCIe ECAM and window below 4 GiB */
    bool has_el2;               /* virtualization=on: the GIC's hypervisor
                                   interface and maintenance interrupt */
    uint32_t devices;           /* VIRT_DEV_* */
    size_t fdt_size;            /* the blob's total size; 0: 1 MiB, as qemu */
} VirtFDTConfig;

#define VIRT_FDT_DEFAULT_SIZE (1u << 20)

/* Builds the tree.  Returns the blob (g_free it), its size (the header's
 * totalsize, free space included as in qemu's) in *size; or NULL and an
 * error in *errp when the configuration is impossible (no CPUs, no RAM, too
 * many CPUs for the GIC, an initrd outside RAM, a tree larger than
 * fdt_size...). */
void *virt_fdt_build(const VirtFDTConfig *cfg, size_t *size, GError **errp);

/* -M virt,dumpdtb=FILE: writes the blob to path and says so on stderr as
 * qemu does ("<prog>: info: dtb dumped to FILE. Exiting.").  Returns the
 * status the board exits with: 0, or 1 after reporting a write error. */
int virt_fdt_dumpdtb(const void *fdt, const char *path);

#endif /* HW_ARM_VIRT_FDT_H */
