/*
 * The virt board's address map and interrupt map (declared in virt.h):
 * qemu 7.2's values, and the two rules that depend on the machine's size,
 * where the regions above RAM go and which MPIDR each vCPU gets.
 */
#include "hw/arm/virt.h"

/* Devices sit on 64 KiB boundaries so that guests with 64 KiB pages can
 * map each on its own. */
const VirtMemMapEntry virt_memmap[VIRT_MEMMAP_COUNT] = {
    /* Two CFI flash banks of 64 MiB (firmware, then its variables). */
    [VIRT_FLASH] =          { 0x00000000, 0x08000000 },
    [VIRT_CPUPERIPHS] =     { 0x08000000, 0x00020000 },
    [VIRT_GIC_DIST] =       { 0x08000000, 0x00010000 },
    [VIRT_GIC_CPU] =        { 0x08010000, 0x00010000 },
    [VIRT_GIC_V2M] =        { 0x08020000, 0x00001000 },
    [VIRT_GIC_HYP] =        { 0x08030000, 0x00010000 },
    [VIRT_GIC_VCPU] =       { 0x08040000, 0x00010000 },
    [VIRT_GIC_ITS] =        { 0x08080000, 0x00020000 },
    /* 123 redistributors of VIRT_GICV3_REDIST_SIZE. */
    [VIRT_GIC_REDIST] =     { 0x080a0000, 0x00f60000 },
    [VIRT_UART] =           { 0x09000000, 0x00001000 },
    [VIRT_RTC] =            { 0x09010000, 0x00001000 },
    [VIRT_FW_CFG] =         { 0x09020000, 0x00000018 },
    [VIRT_GPIO] =           { 0x09030000, 0x00001000 },
    [VIRT_SECURE_UART] =    { 0x09040000, 0x00001000 },
    [VIRT_SMMU] =           { 0x09050000, 0x00020000 },
    [VIRT_PCDIMM_ACPI] =    { 0x09070000, 0x00000018 },
    [VIRT_ACPI_GED] =       { 0x09080000, 0x00000004 },
    [VIRT_NVDIMM_ACPI] =    { 0x09090000, 0x00000004 },
    [VIRT_PVTIME] =         { 0x090a0000, 0x00010000 },
    [VIRT_SECURE_GPIO] =    { 0x090b0000, 0x00001000 },
    /* The first of VIRT_NUM_VIRTIO_TRANSPORTS, each this size. */
    [VIRT_MMIO] =           { 0x0a000000, 0x00000200 },
    [VIRT_PLATFORM_BUS] =   { 0x0c000000, 0x02000000 },
    [VIRT_SECURE_MEM] =     { 0x0e000000, 0x01000000 },
    [VIRT_PCIE_MMIO] =      { 0x10000000, 0x2eff0000 },
    [VIRT_PCIE_PIO] =       { 0x3eff0000, 0x00010000 },
    [VIRT_PCIE_ECAM] =      { 0x3f000000, 0x01000000 },
    [VIRT_MEM] =            { 0x40000000, VIRT_LEGACY_RAMLIMIT },
    /* Above RAM: room for 512 more redistributors, an ECAM for 256 buses,
     * and the 64-bit PCI window. */
    [VIRT_HIGH_GIC_REDIST2] = { 0, 64 * VIRT_MIB },
    [VIRT_HIGH_PCIE_ECAM] =   { 0, 256 * VIRT_MIB },
    [VIRT_HIGH_PCIE_MMIO] =   { 0, 512 * VIRT_GIB },
};

const int virt_irqmap[VIRT_MEMMAP_COUNT] = {
    [VIRT_UART] = 1,
    [VIRT_RTC] = 2,
    [VIRT_PCIE] = 3,            /* ... 6 */
    [VIRT_GPIO] = 7,
    [VIRT_SECURE_UART] = 8,
    [VIRT_ACPI_GED] = 9,
    [VIRT_MMIO] = 16,           /* ... 16 + VIRT_NUM_VIRTIO_TRANSPORTS - 1 */
    [VIRT_GIC_V2M] = 48,        /* ... 48 + VIRT_NUM_GICV2M_SPIS - 1 */
    [VIRT_SMMU] = 74,           /* ... 74 + VIRT_NUM_SMMU_IRQS - 1 */
    [VIRT_PLATFORM_BUS] = 112,  /* ... 112 + VIRT_PLATFORM_BUS_NUM_IRQS - 1 */
};

static uint64_t round_up(uint64_t value, uint64_t align)
{
    return (value + align - 1) / align * align;
}

void virt_memmap_for_ram(uint64_t ram_size, VirtMemMapEntry map[VIRT_MEMMAP_COUNT])
{
    for (int i = 0; i < VIRT_MEMMAP_COUNT; i++) {
        map[i] = virt_memmap[i];
    }
    map[VIRT_MEM].size = ram_size;

    /* Without hot-plug slots the device memory area is empty and the high
     * regions start at RAM's end rounded to 1 GiB, but never below the
     * legacy limit, so that small machines keep one fixed layout. */
    uint64_t base = round_up(virt_memmap[VIRT_MEM].base + ram_size, VIRT_GIB);
    if (base < virt_memmap[VIRT_MEM].base + VIRT_LEGACY_RAMLIMIT) {
        base = virt_memmap[VIRT_MEM].base + VIRT_LEGACY_RAMLIMIT;
    }
    for (int i = VIRT_LOWMEMMAP_LAST; i < VIRT_MEMMAP_COUNT; i++) {
        map[i].base = round_up(base, map[i].size);
        base = map[i].base + map[i].size;
    }
}

int virt_gicv3_redist_regions(unsigned n_cpus)
{
    unsigned low_capacity = virt_memmap[VIRT_GIC_REDIST].size / VIRT_GICV3_REDIST_SIZE;
    return n_cpus > low_capacity ? 2 : 1;
}

uint64_t virt_cpu_mp_affinity(unsigned idx, int gic_version)
{
    /* A GICv2 names CPUs by an 8-bit target list, a GICv3 SGI by a 16-bit
     * list within one Aff1 cluster (ICC_SGI1R_EL1.TargetList), so qemu
     * packs that many CPUs into each cluster. */
    unsigned cluster_size = gic_version == 3 ? 16 : 8;
    return ((uint64_t)(idx / cluster_size) << 8) | (idx % cluster_size);
}
