/*
 * The generic PCIe host bridge (gpex.h): ECAM decoding onto the root
 * bus's functions and the host bridge function itself.
 */
#include <stddef.h>

#include "hw/pci/gpex.h"

#define ECAM_BUS(off)   ((off) >> 20)
#define ECAM_DEVFN(off) (((off) >> 12) & 0xff)
#define ECAM_REG(off)   ((off) & 0xfff)

/* The function an ECAM offset names and the register in it; NULL where
 * nothing answers (another bus, an empty slot, past a conventional
 * function's 256 bytes): its reads are all ones, its writes vanish. */
static PCIDevice *ecam_target(GPEXHost *h, uint64_t off, unsigned size, uint32_t *reg)
{
    PCIDevice *d = ECAM_BUS(off) == 0 ? h->bus.devices[ECAM_DEVFN(off)] : NULL;
    *reg = ECAM_REG(off);
    return d && *reg + size <= d->config_size ? d : NULL;
}

static uint64_t ecam_read(void *opaque, uint64_t off, unsigned size)
{
    uint32_t reg;
    PCIDevice *d = ecam_target(opaque, off, size, &reg);
    return d ? pci_config_read(d, reg, size) : (uint64_t)UINT32_MAX >> (32 - 8 * size);
}

static void ecam_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    uint32_t reg;
    PCIDevice *d = ecam_target(opaque, off, size, &reg);
    if (d) {
        pci_config_write(d, reg, value, size);
    }
}

static const MemoryRegionOps ecam_ops = {
    .read = ecam_read, .write = ecam_write, .min_access = 1, .max_access = 4,
};

void gpex_init(GPEXHost *h, uint64_t ecam_size, AddressSpace *dma_as)
{
    g_assert(ecam_size && ecam_size % (1 << 20) == 0 && ecam_size <= (256u << 20));
    pci_bus_init(&h->bus, "pcie", GPEX_IO_SIZE, dma_as);
    memory_region_init_io(&h->ecam, &ecam_ops, h, "pcie-mmcfg-mmio", ecam_size);
    static const PCIDeviceInfo bridge = {
        .vendor = PCI_VENDOR_ID_REDHAT, .device = PCI_DEVICE_ID_REDHAT_PCIE_HOST,
        .class_code = PCI_CLASS_BRIDGE_HOST,
    };
    pci_device_init(&h->bridge, &h->bus, PCI_DEVFN(0, 0), "gpex-root", &bridge, NULL, NULL);
}

static const VMStateField gpex_fields[] = {
    { "bridge", offsetof(GPEXHost, bridge), sizeof(PCIDevice), 1, &vmstate_pci_device, 1 },
    VMSTATE_END,
};

/* A nested table's post_load is not called: the bridge's is ours. */
static bool gpex_post_load(void *opaque, int version)
{
    GPEXHost *h = opaque;
    return vmstate_pci_device.post_load(&h->bridge, version);
}

const VMStateDescription vmstate_gpex = {
    .name = "gpex", .version = 1, .minimum_version = 1, .fields = gpex_fields,
    .post_load = gpex_post_load,
};
