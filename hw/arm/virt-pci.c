/*
 * The virt board's PCI Express (virt-pci.h): where qemu 7.2 puts the host
 * bridge's regions on a machine booted with -kernel (the ECAM above RAM,
 * highmem-ecam, and both MMIO windows, PCI addresses equal to CPU ones),
 * the MSI controller (the GICv2m frame with a GICv2, the ITS with a
 * GICv3, as qemu's its=on default), and the -device models on virtio-pci, in slots 1, 2,
 * ... in command-line order, as qemu fills the root bus.
 */
#include "hw/arm/virt-fdt.h"
#include "hw/arm/virt-pci.h"
#include "hw/arm/virt-virtio.h"
#include "hw/arm/virt.h"
#include "hw/intc/arm-gicv2m.h"
#include "hw/intc/arm-gicv3-its.h"
#include "hw/virtio/virtio-pci.h"
#include "softmmu/drive.h"
#include "softmmu/savevm.h"

static GPEXHost host;
static GPtrArray *pci_devices;      /* VirtIOPCIState, for savevm */
static GICv2mState v2m;
static GICv3ITSState its;
static bool has_its;
static MemoryRegion ecam_alias, mmio_alias, mmio_high_alias, pio_alias;

/* A window: addresses base..base+size of the CPU's map show the bus's
 * space at the same addresses (an I/O window shows it from 0). */
static void map_window(MemoryRegion *sysmem, MemoryRegion *alias, const char *name,
                       MemoryRegion *space, VirtMemMapEntry r, uint64_t bus_addr)
{
    memory_region_init_alias(alias, name, space, bus_addr, r.size);
    memory_region_add_subregion(sysmem, r.base, alias);
}

bool virt_pci_create(const VirtPCIConfig *cfg, GError **err)
{
    VirtMemMapEntry map[VIRT_MEMMAP_COUNT];
    virt_memmap_for_ram(cfg->ram_size, map);
    VirtMemMapEntry ecam = map[VIRT_HIGH_PCIE_ECAM];

    gpex_init(&host, ecam.size, cfg->as);
    map_window(cfg->sysmem, &ecam_alias, "pcie-ecam", &host.ecam,
               (VirtMemMapEntry){ ecam.base, ecam.size }, 0);
    map_window(cfg->sysmem, &mmio_alias, "pcie-mmio", &host.bus.mem_window,
               map[VIRT_PCIE_MMIO], map[VIRT_PCIE_MMIO].base);
    map_window(cfg->sysmem, &mmio_high_alias, "pcie-mmio-high", &host.bus.mem_window,
               map[VIRT_HIGH_PCIE_MMIO], map[VIRT_HIGH_PCIE_MMIO].base);
    map_window(cfg->sysmem, &pio_alias, "pcie-pio", &host.bus.io_window,
               map[VIRT_PCIE_PIO], 0);
    for (int pin = 0; pin < PCI_NUM_PINS; pin++) {
        host.bus.irq[pin] = cfg->gic_spi(virt_irqmap[VIRT_PCIE] + pin);
    }

    if (cfg->gic_version == 2) {
        gicv2m_init(&v2m, virt_irqmap[VIRT_GIC_V2M], VIRT_NUM_GICV2M_SPIS);
        for (int i = 0; i < VIRT_NUM_GICV2M_SPIS; i++) {
            v2m.spi[i] = cfg->gic_spi(virt_irqmap[VIRT_GIC_V2M] + i);
        }
        memory_region_add_subregion(cfg->sysmem, map[VIRT_GIC_V2M].base, &v2m.iomem);
    } else if (cfg->gic3) {
        /* The requester ID the ITS sees is the function's on the root
         * bus, which the device tree's msi-map passes through 1:1. */
        gicv3_its_init(&its, cfg->gic3, cfg->as, pci_msi_requester_id);
        memory_region_add_subregion(cfg->sysmem, map[VIRT_GIC_ITS].base, &its.iomem);
        has_its = true;
    }

    int slot = 1;
    const GPtrArray *reqs = device_requests();
    for (guint i = 0; i < reqs->len; i++) {
        const DeviceRequest *r = g_ptr_array_index(reqs, i);
        if (!r->pci) {
            continue;
        }
        if (slot >= PCI_DEVFN_COUNT / 8) {
            g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                        "-device %s: PCI: no slot/function available for %s, all in use "
                        "or reserved", r->spec, r->model_name);
            return false;
        }
        VirtIOPCIState *s = g_new0(VirtIOPCIState, 1);
        virtio_pci_init(s, &host.bus, PCI_DEVFN(slot++, 0),
                        virt_virtio_device_new(r, cfg->as, false));
        if (!pci_devices) {
            pci_devices = g_ptr_array_new();
        }
        g_ptr_array_add(pci_devices, s);
    }
    return true;
}

uint32_t virt_pci_fdt_devices(int gic_version)
{
    (void)gic_version;      /* either GIC has its MSI controller */
    return VIRT_DEV_PCIE | VIRT_DEV_MSI;
}

void virt_pci_reset(void)
{
    pci_bus_reset(&host.bus);
    if (has_its) {
        gicv3_its_reset(&its);
    }
}

GICv3ITSState *virt_pci_its(void)
{
    return has_its ? &its : NULL;
}

void virt_pci_register_state(void)
{
    if (has_its) {
        savevm_register("gic-its", &vmstate_gicv3_its, &its);
    }
    savevm_register("pcie-host", &vmstate_gpex, &host);
    for (guint i = 0; pci_devices && i < pci_devices->len; i++) {
        VirtIOPCIState *s = g_ptr_array_index(pci_devices, i);
        g_autofree char *where = g_strdup_printf("0000:00:%02x.%x", PCI_SLOT(s->pci.devfn),
                                                 s->pci.devfn & 7);
        virt_virtio_register_state(where, s->vdev, &vmstate_virtio_pci, s);
    }
}
