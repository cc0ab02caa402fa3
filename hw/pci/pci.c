/*
 * The PCI core (pci.h): configuration space with its masks, BAR decoding
 * in the bus's own memory and I/O spaces, the capability list, INTx and
 * bus-master accesses.
 */
#include <string.h>

#include "hw/pci/msix.h"
#include "hw/pci/pci.h"

static bool ranges_overlap(uint32_t a, unsigned alen, uint32_t b, unsigned blen)
{
    return a < b + blen && b < a + alen;
}

/* ---- BAR decoding ---- */

/* Where BAR n decodes according to the configuration space now. */
static uint64_t bar_address(PCIDevice *d, int n)
{
    PCIBar *b = &d->bar[n];
    uint16_t cmd = pci_get_word(d->config + PCI_COMMAND);
    uint32_t reg = PCI_BASE_ADDRESS_0 + 4 * n;
    uint64_t addr, limit = UINT32_MAX;
    if (b->type & PCI_BAR_SPACE_IO) {
        if (!(cmd & PCI_COMMAND_IO)) {
            return PCI_BAR_UNMAPPED;
        }
        addr = pci_get_long(d->config + reg) & PCI_BAR_IO_MASK & UINT32_MAX;
    } else {
        if (!(cmd & PCI_COMMAND_MEMORY)) {
            return PCI_BAR_UNMAPPED;
        }
        addr = pci_get_long(d->config + reg) & PCI_BAR_MEM_MASK & UINT32_MAX;
        if (b->type & PCI_BAR_MEM_TYPE_64) {
            addr |= (uint64_t)pci_get_long(d->config + reg + 4) << 32;
            limit = UINT64_MAX;
        }
    }
    /* 0 is where software parks a BAR; one that reaches the top of its
     * space is being sized (all ones written) or is bogus. */
    if (addr == 0 || b->size - 1 >= limit - addr) {
        return PCI_BAR_UNMAPPED;
    }
    return addr;
}

static void update_mappings(PCIDevice *d)
{
    for (int n = 0; n < PCI_NUM_BARS; n++) {
        if (d->bar[n].size) {
            d->bar[n].addr = bar_address(d, n);
        }
    }
}

/* The BAR of any function on the bus that claims [addr, addr + len) of
 * a space (io: the I/O space), and the offset in it. */
static PCIBar *bus_decode(PCIBus *bus, bool io, uint64_t addr, unsigned len, uint64_t *off)
{
    for (int devfn = 0; devfn < PCI_DEVFN_COUNT; devfn++) {
        PCIDevice *d = bus->devices[devfn];
        for (int n = 0; d && n < PCI_NUM_BARS; n++) {
            PCIBar *b = &d->bar[n];
            if (b->size && b->mr && b->addr != PCI_BAR_UNMAPPED &&
                !(b->type & PCI_BAR_SPACE_IO) == !io &&
                addr >= b->addr && addr - b->addr <= b->size - len) {
                *off = addr - b->addr;
                return b;
            }
        }
    }
    return NULL;
}

/* Nothing claims it: reads 0 and writes vanish, as under qemu (real
 * hardware would end the transaction with a master abort, all ones). */
static uint64_t window_access(PCIBus *bus, bool io, uint64_t addr, uint64_t value,
                              unsigned size, bool write)
{
    uint64_t off;
    PCIBar *b = bus_decode(bus, io, addr, size, &off);
    uint8_t buf[8] = { 0 };
    if (!b) {
        return 0;
    }
    if (write) {
        stn_le_p(buf, value, size);
    }
    memory_region_access(b->mr, off, buf, size, write);
    return write ? 0 : ldn_le_p(buf, size);
}

static uint64_t mem_read(void *opaque, uint64_t addr, unsigned size)
{
    return window_access(opaque, false, addr, 0, size, false);
}

static void mem_write(void *opaque, uint64_t addr, uint64_t value, unsigned size)
{
    window_access(opaque, false, addr, value, size, true);
}

static uint64_t io_read(void *opaque, uint64_t addr, unsigned size)
{
    return window_access(opaque, true, addr, 0, size, false);
}

static void io_write(void *opaque, uint64_t addr, uint64_t value, unsigned size)
{
    window_access(opaque, true, addr, value, size, true);
}

static const MemoryRegionOps mem_window_ops = {
    .read = mem_read, .write = mem_write, .min_access = 1, .max_access = 8,
};

static const MemoryRegionOps io_window_ops = {
    .read = io_read, .write = io_write, .min_access = 1, .max_access = 4,
};

void pci_bus_init(PCIBus *bus, const char *name, uint64_t io_size, AddressSpace *dma_as)
{
    memset(bus, 0, sizeof(*bus));
    g_autofree char *mem_name = g_strdup_printf("%s-mmio", name);
    g_autofree char *io_name = g_strdup_printf("%s-io", name);
    memory_region_init_io(&bus->mem_window, &mem_window_ops, bus, mem_name, 0);
    memory_region_init_io(&bus->io_window, &io_window_ops, bus, io_name, io_size);
    bus->dma_as = dma_as;
}

/* ---- INTx ---- */

static int intx_line(PCIDevice *d)
{
    int pin = d->config[PCI_INTERRUPT_PIN];
    return (PCI_SLOT(d->devfn) + pin - 1) % PCI_NUM_PINS;
}

static bool intx_asserted(PCIDevice *d)
{
    return d->intx_level && d->config[PCI_INTERRUPT_PIN] &&
           !(pci_get_word(d->config + PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE);
}

static void bus_update_irq(PCIBus *bus, int line)
{
    int level = 0;
    for (int devfn = 0; devfn < PCI_DEVFN_COUNT && !level; devfn++) {
        PCIDevice *d = bus->devices[devfn];
        level = d && intx_asserted(d) && intx_line(d) == line;
    }
    if (level != bus->irq_level[line]) {
        bus->irq_level[line] = level;
        irq_set_level(bus->irq[line], level);
    }
}

static void update_irq(PCIDevice *d)
{
    uint16_t status = pci_get_word(d->config + PCI_STATUS) & ~PCI_STATUS_INTERRUPT;
    pci_set_word(d->config + PCI_STATUS, status | (d->intx_level ? PCI_STATUS_INTERRUPT : 0));
    if (d->config[PCI_INTERRUPT_PIN]) {
        bus_update_irq(d->bus, intx_line(d));
    }
}

void pci_set_irq(PCIDevice *d, int level)
{
    d->intx_level = level != 0;
    update_irq(d);
}

/* ---- building a function ---- */

bool pci_device_init(PCIDevice *d, PCIBus *bus, int devfn, const char *name,
                     const PCIDeviceInfo *info, const PCIDeviceOps *ops, void *opaque)
{
    if (devfn < 0 || devfn >= PCI_DEVFN_COUNT || bus->devices[devfn]) {
        return false;
    }
    memset(d, 0, sizeof(*d));
    g_strlcpy(d->name, name, sizeof(d->name));
    d->bus = bus;
    d->devfn = devfn;
    d->ops = ops;
    d->opaque = opaque;
    d->config_size = info->express ? PCIE_CONFIG_SPACE_SIZE : PCI_CONFIG_SPACE_SIZE;
    uint8_t *c = d->config;
    pci_set_word(c + PCI_VENDOR_ID, info->vendor);
    pci_set_word(c + PCI_DEVICE_ID, info->device);
    c[PCI_REVISION_ID] = info->revision;
    c[PCI_CLASS_PROG] = info->class_code;
    pci_set_word(c + PCI_CLASS_PROG + 1, info->class_code >> 8);
    pci_set_word(c + PCI_SUBSYSTEM_VENDOR_ID,
                 info->subsystem_vendor ? info->subsystem_vendor : PCI_VENDOR_ID_REDHAT_QUMRANET);
    pci_set_word(c + PCI_SUBSYSTEM_ID,
                 info->subsystem ? info->subsystem : PCI_SUBDEVICE_ID_QEMU);
    c[PCI_INTERRUPT_PIN] = info->pin;
    /* What software may change in the header; BARs and capabilities add
     * theirs. */
    pci_set_word(d->wmask + PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
                 PCI_COMMAND_MASTER | PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE);
    pci_set_word(d->w1cmask + PCI_STATUS, PCI_STATUS_W1C);
    d->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    d->wmask[PCI_INTERRUPT_LINE] = 0xff;
    for (int n = 0; n < PCI_NUM_BARS; n++) {
        d->bar[n].addr = PCI_BAR_UNMAPPED;
    }
    bus->devices[devfn] = d;
    pci_device_realized(d);
    return true;
}

void pci_register_bar(PCIDevice *d, int n, uint8_t type, MemoryRegion *mr)
{
    uint64_t size = mr->last + 1;
    bool is64 = !(type & PCI_BAR_SPACE_IO) && (type & PCI_BAR_MEM_TYPE_64);
    g_assert(n >= 0 && n + is64 < PCI_NUM_BARS && size && !(size & (size - 1)));
    g_assert(size >= ((type & PCI_BAR_SPACE_IO) ? 4 : 16));
    PCIBar *b = &d->bar[n];
    *b = (PCIBar){ .mr = mr, .size = size, .type = type, .addr = PCI_BAR_UNMAPPED };
    uint32_t reg = PCI_BASE_ADDRESS_0 + 4 * n;
    uint64_t mask = ~(size - 1) & ((type & PCI_BAR_SPACE_IO) ? PCI_BAR_IO_MASK : PCI_BAR_MEM_MASK);
    pci_set_long(d->config + reg, type);
    pci_set_long(d->wmask + reg, mask);
    if (is64) {
        pci_set_long(d->config + reg + 4, 0);
        pci_set_long(d->wmask + reg + 4, mask >> 32);
    }
}

unsigned pci_add_capability(PCIDevice *d, uint8_t id, unsigned size)
{
    /* After the header and the capabilities already there, dword
     * aligned (the pointer's low two bits are reserved): qemu's first fit
     * in a list that only grows. */
    unsigned at = MAX(PCI_CAP_FIRST, (d->cap_end + 3u) & ~3u);
    if (size < 2 || at + size > PCI_CONFIG_SPACE_SIZE) {
        return 0;
    }
    d->cap_end = at + size;
    d->config[at] = id;
    d->config[at + 1] = d->config[PCI_CAPABILITY_LIST];
    d->config[PCI_CAPABILITY_LIST] = at;
    pci_set_word(d->config + PCI_STATUS,
                 pci_get_word(d->config + PCI_STATUS) | PCI_STATUS_CAP_LIST);
    return at;
}

void pci_device_realized(PCIDevice *d)
{
    memcpy(d->reset_config, d->config, sizeof(d->config));
}

/* ---- configuration accesses ---- */

uint32_t pci_config_read(PCIDevice *d, uint32_t addr, unsigned len)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < len && addr + i < d->config_size; i++) {
        v |= (uint32_t)d->config[addr + i] << (8 * i);
    }
    return v;
}

void pci_config_write(PCIDevice *d, uint32_t addr, uint32_t value, unsigned len)
{
    if (addr >= d->config_size || len > d->config_size - addr) {
        return;
    }
    for (unsigned i = 0; i < len; i++) {
        uint8_t v = value >> (8 * i);
        uint32_t at = addr + i;
        uint8_t a = (d->config[at] & ~d->wmask[at]) | (v & d->wmask[at]);
        d->config[at] = a & ~(v & d->w1cmask[at]);
    }
    if (ranges_overlap(addr, len, PCI_COMMAND, 2) ||
        ranges_overlap(addr, len, PCI_BASE_ADDRESS_0, 4 * PCI_NUM_BARS)) {
        update_mappings(d);
    }
    if (ranges_overlap(addr, len, PCI_COMMAND, 2)) {
        update_irq(d);
    }
    if (d->msix) {
        msix_config_written(d->msix, addr, len);
    }
    if (d->ops && d->ops->config_written) {
        d->ops->config_written(d, addr, len);
    }
}

/* ---- bus mastering ---- */

static bool bus_master(PCIDevice *d)
{
    return pci_get_word(d->config + PCI_COMMAND) & PCI_COMMAND_MASTER;
}

MemTxResult pci_dma_read(PCIDevice *d, uint64_t addr, void *buf, uint64_t len)
{
    if (!bus_master(d) || !d->bus->dma_as) {
        memset(buf, 0, len);
        return MEMTX_ERROR;
    }
    return address_space_read(d->bus->dma_as, addr, buf, len);
}

MemTxResult pci_dma_write(PCIDevice *d, uint64_t addr, const void *buf, uint64_t len)
{
    if (!bus_master(d) || !d->bus->dma_as) {
        return MEMTX_ERROR;
    }
    return address_space_write(d->bus->dma_as, addr, buf, len);
}

static __thread int msi_requester = -1;

MemTxResult pci_msi_write(PCIDevice *d, uint64_t addr, uint32_t data)
{
    uint8_t bytes[4] = { data, data >> 8, data >> 16, data >> 24 };
    int outer = msi_requester;      /* an MSI handler that sends one itself */
    msi_requester = d->devfn;
    MemTxResult r = pci_dma_write(d, addr, bytes, sizeof(bytes));
    msi_requester = outer;
    return r;
}

int pci_msi_requester_id(void)
{
    return msi_requester;
}

/* ---- reset and state ---- */

void pci_device_reset(PCIDevice *d)
{
    memcpy(d->config, d->reset_config, sizeof(d->config));
    d->intx_level = 0;
    update_mappings(d);
    update_irq(d);
    if (d->msix) {
        msix_reset(d->msix);
    }
    if (d->ops && d->ops->reset) {
        d->ops->reset(d);
    }
}

void pci_bus_reset(PCIBus *bus)
{
    for (int devfn = 0; devfn < PCI_DEVFN_COUNT; devfn++) {
        if (bus->devices[devfn]) {
            pci_device_reset(bus->devices[devfn]);
        }
    }
}

static bool pci_post_load(void *opaque, int version)
{
    PCIDevice *d = opaque;
    d->intx_level = d->intx_level != 0;
    update_mappings(d);
    update_irq(d);
    return true;
}

static const VMStateField pci_device_fields[] = {
    VMSTATE_ARRAY(config, PCIDevice, 1),
    VMSTATE_FIELD(intx_level, PCIDevice, 1),
    VMSTATE_END,
};

const VMStateDescription vmstate_pci_device = {
    .name = "pci-device", .version = 1, .minimum_version = 1,
    .fields = pci_device_fields, .post_load = pci_post_load,
};
