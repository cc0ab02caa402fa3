/*
 * The virt board's fixed facts: where each device sits in the guest
 * physical address space, which GIC interrupt it raises, and the CPUs'
 * private interrupts.  They are qemu-system-aarch64 7.2's (hw/arm/virt.c
 * base_memmap, extended_memmap and a15irqmap; include/hw/arm/virt.h), so a
 * guest kernel, firmware or device tree written for qemu's virt runs here
 * unchanged.  The board, the device tree builder (virt-fdt.c) and the tests
 * all read them from here and nowhere else.
 */
#ifndef HW_ARM_VIRT_H
#define HW_ARM_VIRT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct VirtMemMapEntry {
    uint64_t base;
    uint64_t size;
} VirtMemMapEntry;

/* Regions below RAM (fixed), then the regions placed above RAM. */
typedef enum VirtRegion {
    VIRT_FLASH,
    VIRT_MEM,
    VIRT_CPUPERIPHS,
    VIRT_GIC_DIST,
    VIRT_GIC_CPU,
    VIRT_GIC_V2M,
    VIRT_GIC_HYP,
    VIRT_GIC_VCPU,
    VIRT_GIC_ITS,
    VIRT_GIC_REDIST,
    VIRT_SMMU,
    VIRT_UART,
    VIRT_MMIO,
    VIRT_RTC,
    VIRT_FW_CFG,
    VIRT_PCIE,
    VIRT_PCIE_MMIO,
    VIRT_PCIE_PIO,
    VIRT_PCIE_ECAM,
    VIRT_PLATFORM_BUS,
    VIRT_GPIO,
    VIRT_SECURE_UART,
    VIRT_SECURE_MEM,
    VIRT_PCDIMM_ACPI,
    VIRT_ACPI_GED,
    VIRT_NVDIMM_ACPI,
    VIRT_PVTIME,
    VIRT_SECURE_GPIO,
    VIRT_LOWMEMMAP_LAST,
    /* Above RAM; their bases depend on the RAM size (virt_high_memmap). */
    VIRT_HIGH_GIC_REDIST2 = VIRT_LOWMEMMAP_LAST,
    VIRT_HIGH_PCIE_ECAM,
    VIRT_HIGH_PCIE_MMIO,
    VIRT_MEMMAP_COUNT,
} VirtRegion;

#define VIRT_GIB (1ULL << 30)
#define VIRT_MIB (1ULL << 20)

/* RAM may grow up to here before the high regions move up with it. */
#define VIRT_LEGACY_RAMLIMIT (255 * VIRT_GIB)

#define VIRT_NUM_VIRTIO_TRANSPORTS 32   /* VIRT_MMIO repeats this often */
#define VIRT_NUM_GICV2M_SPIS       64
#define VIRT_NUM_SMMU_IRQS         4
#define VIRT_PLATFORM_BUS_NUM_IRQS 64
#define VIRT_NUM_PCIE_IRQS         4    /* INTA..INTD, swizzled by slot */

/* One GICv3 redistributor (RD_base + SGI_base frames) per CPU, 2 x 64 KiB:
 * the low region holds 123 of them, the high one 512 (GICv3 architecture
 * spec, IHI 0069, "The GIC Redistributor register map"). */
#define VIRT_GICV3_REDIST_SIZE 0x20000
#define VIRT_GICV2_MAX_CPUS    8        /* the 8-bit CPU target lists */
#define VIRT_MAX_CPUS          512

/* Fixed regions; the entries at and above VIRT_HIGH_GIC_REDIST2 hold only
 * the sizes (their bases are 0 here). */
extern const VirtMemMapEntry virt_memmap[VIRT_MEMMAP_COUNT];

/* Shared peripheral interrupt of each device, as an SPI number (GIC
 * INTID = SPI + 32); 0 where the region raises none (virt leaves SPI 0
 * unused).  VIRT_PCIE, VIRT_MMIO, VIRT_GIC_V2M, VIRT_SMMU and
 * VIRT_PLATFORM_BUS are the first of a run of consecutive SPIs. */
extern const int virt_irqmap[VIRT_MEMMAP_COUNT];

/* Private peripheral interrupts, as PPI numbers (INTID = PPI + 16): the
 * generic timers, the PMU's overflow and the GIC maintenance interrupt at
 * the INTIDs Arm's Base System Architecture (DEN0094, "PPI assignments")
 * recommends: 26 EL2 physical timer, 27 virtual timer, 29 secure EL1
 * physical timer, 30 non-secure EL1 physical timer, 23 PMU, 25 GIC
 * maintenance; qemu 7.2 uses the same. */
enum {
    VIRT_PPI_TIMER_NS_EL2 = 10,
    VIRT_PPI_TIMER_VIRT   = 11,
    VIRT_PPI_TIMER_S_EL1  = 13,
    VIRT_PPI_TIMER_NS_EL1 = 14,
    VIRT_PPI_PMU          = 7,
    VIRT_PPI_GIC_MAINT    = 9,
};

/* The whole map for a board with ram_size bytes of RAM at VIRT_MEM's base:
 * the fixed regions, VIRT_MEM's size set to ram_size, and the high regions
 * placed above max(RAM, 256 GiB), each aligned to its own size, as qemu 7.2
 * does when no memory hot-plug slots are configured. */
void virt_memmap_for_ram(uint64_t ram_size, VirtMemMapEntry map[VIRT_MEMMAP_COUNT]);

/* How many GICv3 redistributor regions n_cpus need (1 or 2). */
int virt_gicv3_redist_regions(unsigned n_cpus);

/* MPIDR_EL1 affinity (Aff1:Aff0) qemu gives vCPU index idx: clusters of 16
 * CPUs with a GICv3, 8 with a GICv2. */
uint64_t virt_cpu_mp_affinity(unsigned idx, int gic_version);

#endif /* HW_ARM_VIRT_H */
