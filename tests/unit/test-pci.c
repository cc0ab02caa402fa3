/*
 * Unit tests of the PCI core, MSI-X, the generic host bridge (hw/pci/) and
 * the GICv2m frame (hw/intc/arm-gicv2m.c), on a board laid out as virt's:
 * ECAM at 0x3f000000, the MMIO window at 0x10000000, the I/O window at
 * 0x3eff0000, the v2m frame at 0x08020000.  A test function at 00:01.0 has
 * an I/O BAR, an MSI-X BAR and a 64-bit memory BAR.  Expected values are
 * the specifications' (PCI Local Bus 3.0: all ones from an empty slot,
 * BAR sizing, read-only and write-1-to-clear fields, the INTx status bit;
 * MSI-X masking and pending bits; the GICv2m MSI_TYPER layout) and qemu
 * 7.2's IDs for the host bridge; then random accesses that must not hurt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "hw/intc/arm-gicv2m.h"
#include "hw/pci/gpex.h"
#include "hw/pci/msix.h"
#include "hw/virtio/virtio-pci.h"
#include "hw/virtio/virtio-rng.h"
#include "mmio-board.h"

#define ECAM    0x3f000000ull
#define MMIO    0x10000000ull
#define PIO     0x3eff0000ull
#define V2M     0x08020000ull
#define RAM     0x40000000ull
#define MMIO64  0x8000000000ull
#define TEST_DEVFN PCI_DEVFN(1, 0)

typedef struct Fixture {
    GPEXHost host;
    GICv2mState v2m;
    MemoryRegion root, ram, mmio, mmio64, pio;
    AddressSpace as;
    LevelProbe intx, spi;
    /* The test function: its BARs record the last access. */
    PCIDevice dev;
    MSIX msix;
    MemoryRegion io_bar, mem_bar;
    uint64_t last_off, last_value;
    unsigned accesses;
} Fixture;

static uint64_t bar_read(void *opaque, uint64_t off, unsigned size)
{
    Fixture *f = opaque;
    f->last_off = off;
    f->accesses++;
    return 0xa5a5a5a5a5a5a5a5ull >> (64 - 8 * size);
}

static void bar_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
    Fixture *f = opaque;
    f->last_off = off;
    f->last_value = value;
    f->accesses++;
}

static const MemoryRegionOps bar_ops = { .read = bar_read, .write = bar_write };

static int fixture_setup(void **state)
{
    Fixture *f = g_new0(Fixture, 1);
    memory_region_init_container(&f->root, "system", 0);
    assert_true(memory_region_init_ram(&f->ram, "ram", 0x100000));
    memory_region_add_subregion(&f->root, RAM, &f->ram);
    gpex_init(&f->host, 16 << 20, &f->as);
    memory_region_add_subregion(&f->root, ECAM, &f->host.ecam);
    memory_region_init_alias(&f->mmio, "pcie-mmio", &f->host.bus.mem_window, MMIO, 0x2eff0000);
    memory_region_add_subregion(&f->root, MMIO, &f->mmio);
    memory_region_init_alias(&f->mmio64, "pcie-mmio-high", &f->host.bus.mem_window, MMIO64,
                             1ull << 39);
    memory_region_add_subregion(&f->root, MMIO64, &f->mmio64);
    memory_region_init_alias(&f->pio, "pcie-pio", &f->host.bus.io_window, 0, GPEX_IO_SIZE);
    memory_region_add_subregion(&f->root, PIO, &f->pio);
    level_probe_init(&f->intx);
    level_probe_init(&f->spi);
    for (int i = 0; i < PCI_NUM_PINS; i++) {
        f->host.bus.irq[i] = &f->intx.lines[i];
    }
    gicv2m_init(&f->v2m, 48, 64);
    for (int i = 0; i < LEVEL_PROBE_LINES; i++) {
        f->v2m.spi[i] = &f->spi.lines[i];
    }
    memory_region_add_subregion(&f->root, V2M, &f->v2m.iomem);
    address_space_init(&f->as, &f->root, "memory");

    static const PCIDeviceInfo info = {
        .vendor = 0x1af4, .device = 0x1001, .class_code = 0x010000, .pin = 1,
    };
    assert_true(pci_device_init(&f->dev, &f->host.bus, TEST_DEVFN, "test", &info, NULL, f));
    memory_region_init_io(&f->io_bar, &bar_ops, f, "test-io", 0x40);
    memory_region_init_io(&f->mem_bar, &bar_ops, f, "test-mem", 0x4000);
    pci_register_bar(&f->dev, 0, PCI_BAR_SPACE_IO, &f->io_bar);
    assert_true(msix_init_exclusive_bar(&f->msix, &f->dev, 4, 1));
    pci_register_bar(&f->dev, 2, PCI_BAR_MEM_TYPE_64 | PCI_BAR_MEM_PREFETCH, &f->mem_bar);
    pci_device_realized(&f->dev);
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    Fixture *f = *state;
    address_space_destroy(&f->as);
    g_free(f);
    return 0;
}

static uint64_t rd(Fixture *f, uint64_t addr, unsigned size)
{
    uint64_t v = 0;
    device_lock();
    address_space_read(&f->as, addr, &v, size);
    device_unlock();
    return v;
}

static void wr(Fixture *f, uint64_t addr, uint64_t v, unsigned size)
{
    device_lock();
    address_space_write(&f->as, addr, &v, size);
    device_unlock();
}

static uint64_t cfg_addr(int bus, int devfn, unsigned reg)
{
    return ECAM + ((uint64_t)bus << 20) + ((uint64_t)devfn << 12) + reg;
}

static uint32_t cfg_rd(Fixture *f, int devfn, unsigned reg, unsigned size)
{
    return rd(f, cfg_addr(0, devfn, reg), size);
}

static void cfg_wr(Fixture *f, int devfn, unsigned reg, uint32_t v, unsigned size)
{
    wr(f, cfg_addr(0, devfn, reg), v, size);
}

static void test_empty_slots_read_ones(void **state)
{
    Fixture *f = *state;
    assert_int_equal(rd(f, cfg_addr(0, PCI_DEVFN(5, 0), 0), 4), 0xffffffff);
    assert_int_equal(rd(f, cfg_addr(0, PCI_DEVFN(1, 3), 0), 2), 0xffff);
    assert_int_equal(rd(f, cfg_addr(1, 0, 0), 4), 0xffffffff);
    /* A conventional function has 256 bytes; past them, all ones. */
    assert_int_equal(cfg_rd(f, TEST_DEVFN, 0x100, 4), 0xffffffff);
    /* Writes there go nowhere (and must not crash). */
    wr(f, cfg_addr(3, 0, 4), 0xffffffff, 4);
}

static void test_host_bridge_ids(void **state)
{
    Fixture *f = *state;
    assert_int_equal(cfg_rd(f, 0, PCI_VENDOR_ID, 2), 0x1b36);
    assert_int_equal(cfg_rd(f, 0, PCI_DEVICE_ID, 2), 0x0008);
    assert_int_equal(cfg_rd(f, 0, PCI_REVISION_ID, 4) >> 8, 0x060000);   /* revision 0 */
    assert_int_equal(cfg_rd(f, 0, PCI_SUBSYSTEM_VENDOR_ID, 4), 0x11001af4);
    assert_int_equal(cfg_rd(f, 0, PCI_HEADER_TYPE, 1), 0);
}

static void test_read_only_and_w1c(void **state)
{
    Fixture *f = *state;
    cfg_wr(f, TEST_DEVFN, PCI_VENDOR_ID, 0x12345678, 4);
    assert_int_equal(cfg_rd(f, TEST_DEVFN, PCI_VENDOR_ID, 4), 0x10011af4);
    /* Command: only its defined enable bits stick. */
    cfg_wr(f, TEST_DEVFN, PCI_COMMAND, 0xffff, 2);
    assert_int_equal(cfg_rd(f, TEST_DEVFN, PCI_COMMAND, 2), 0x0507);
    /* Status: capabilities bit read-only; error bits clear on 1. */
    f->dev.config[PCI_STATUS + 1] |= 0x80;      /* detected parity error */
    assert_int_equal(cfg_rd(f, TEST_DEVFN, PCI_STATUS, 2), 0x8010);
    cfg_wr(f, TEST_DEVFN, PCI_STATUS, 0x0010, 2);
    assert_int_equal(cfg_rd(f, TEST_DEVFN, PCI_STATUS, 2), 0x8010);
    cfg_wr(f, TEST_DEVFN, PCI_STATUS, 0xffff, 2);
    assert_int_equal(cfg_rd(f, TEST_DEVFN, PCI_STATUS, 2), 0x0010);
    /* Capability list: MSI-X is there, the list ends. */
    unsigned cap = cfg_rd(f, TEST_DEVFN, PCI_CAPABILITY_LIST, 1);
    assert_true(cap >= 0x40 && !(cap & 3));
    assert_int_equal(cfg_rd(f, TEST_DEVFN, cap, 1), PCI_CAP_ID_MSIX);
    assert_int_equal(cfg_rd(f, TEST_DEVFN, cap + 1, 1), 0);
    assert_int_equal(cfg_rd(f, TEST_DEVFN, cap + 2, 2), 3);  /* 4 vectors */
}

static void test_bar_sizing(void **state)
{
    Fixture *f = *state;
    for (unsigned n = 0; n < 6; n++) {
        cfg_wr(f, TEST_DEVFN, PCI_BASE_ADDRESS_0 + 4 * n, 0xffffffff, 4);
    }
    assert_int_equal(cfg_rd(f, TEST_DEVFN, 0x10, 4), 0xffffffc1);   /* 64 B of I/O */
    assert_int_equal(cfg_rd(f, TEST_DEVFN, 0x14, 4), 0xfffff000);   /* 4 KiB, 32-bit */
    assert_int_equal(cfg_rd(f, TEST_DEVFN, 0x18, 4), 0xffffc00c);   /* 16 KiB, 64-bit pf */
    assert_int_equal(cfg_rd(f, TEST_DEVFN, 0x1c, 4), 0xffffffff);   /* its high half */
    assert_int_equal(cfg_rd(f, TEST_DEVFN, 0x20, 4), 0);            /* unimplemented */
    assert_int_equal(cfg_rd(f, TEST_DEVFN, 0x24, 4), 0);
    /* Sized with decoding on, nothing may answer at all ones. */
    cfg_wr(f, TEST_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
    for (unsigned n = 0; n < 6; n++) {
        assert_true(f->dev.bar[n].addr == PCI_BAR_UNMAPPED);
    }
}

static void test_bar_decoding(void **state)
{
    Fixture *f = *state;
    cfg_wr(f, TEST_DEVFN, 0x10, 0x1000, 4);
    cfg_wr(f, TEST_DEVFN, 0x18, 0x4000, 4);
    cfg_wr(f, TEST_DEVFN, 0x1c, 0x80, 4);       /* 0x8000004000 */
    /* Decoding off: the windows read 0 and the device sees nothing. */
    assert_int_equal(rd(f, PIO + 0x1004, 4), 0);
    assert_int_equal(rd(f, MMIO64 + 0x4000, 4), 0);
    assert_int_equal(f->accesses, 0);
    cfg_wr(f, TEST_DEVFN, PCI_COMMAND, PCI_COMMAND_IO, 2);
    assert_int_equal(rd(f, PIO + 0x1004, 2), 0xa5a5);
    assert_int_equal(f->last_off, 4);
    assert_int_equal(rd(f, MMIO64 + 0x4000, 4), 0);             /* memory still off */
    cfg_wr(f, TEST_DEVFN, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY, 2);
    wr(f, MMIO64 + 0x4000 + 0x3ff8, 0x1122334455667788ull, 8);
    assert_int_equal(f->last_off, 0x3ff8);
    assert_int_equal(f->last_value, 0x1122334455667788ull);
    /* Moved: the old place is empty, the new one answers. */
    unsigned before = f->accesses;
    cfg_wr(f, TEST_DEVFN, 0x1c, 0, 4);
    cfg_wr(f, TEST_DEVFN, 0x18, 0x20000000, 4);
    assert_int_equal(rd(f, MMIO64 + 0x4000, 4), 0);
    assert_int_equal(f->accesses, before);
    assert_int_equal(rd(f, 0x20000010, 1), 0xa5);
    assert_int_equal(f->last_off, 0x10);
    /* A BAR that would run past 4 GiB in a 32-bit I/O BAR: not decoded. */
    cfg_wr(f, TEST_DEVFN, 0x10, 0xffffffe0, 4);
    assert_true(f->dev.bar[0].addr == PCI_BAR_UNMAPPED);
}

static void test_intx(void **state)
{
    Fixture *f = *state;
    /* Slot 1, INTA: the host's line (1 + 0) mod 4. */
    pci_set_irq(&f->dev, 1);
    assert_int_equal(f->intx.level[1], 1);
    assert_int_equal(cfg_rd(f, TEST_DEVFN, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT, 8);
    cfg_wr(f, TEST_DEVFN, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, 2);
    assert_int_equal(f->intx.level[1], 0);
    /* Disabled, the status bit still says what the function drives. */
    assert_int_equal(cfg_rd(f, TEST_DEVFN, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT, 8);
    cfg_wr(f, TEST_DEVFN, PCI_COMMAND, 0, 2);
    assert_int_equal(f->intx.level[1], 1);
    pci_set_irq(&f->dev, 0);
    assert_int_equal(f->intx.level[1], 0);
    assert_int_equal(f->intx.sets[0] + f->intx.sets[2] + f->intx.sets[3], 0);
}

static void test_v2m_frame(void **state)
{
    Fixture *f = *state;
    assert_int_equal(rd(f, V2M + 0x008, 4), (80u << 16) | 64);
    wr(f, V2M + 0x040, 82, 4);
    assert_int_equal(f->spi.sets[2], 2);        /* a pulse: up, then down */
    assert_int_equal(f->spi.level[2], 0);
    wr(f, V2M + 0x040, 79, 4);                  /* below the run */
    wr(f, V2M + 0x040, 80 + 64, 4);             /* past it */
    wr(f, V2M + 0x040, 80, 1);                  /* not a 16- or 32-bit write */
    int total = 0;
    for (int i = 0; i < LEVEL_PROBE_LINES; i++) {
        total += f->spi.sets[i];
    }
    assert_int_equal(total, 2);
}

/* Vector v of the test function sends INTID 80 + v to the v2m frame. */
static void program_vector(Fixture *f, unsigned v, bool masked)
{
    uint64_t table = MMIO + 0x100000 + v * 16;
    wr(f, table, V2M + 0x40, 4);
    wr(f, table + 4, 0, 4);
    wr(f, table + 8, 80 + v, 4);
    wr(f, table + 12, masked, 4);
}

static void test_msix(void **state)
{
    Fixture *f = *state;
    unsigned cap = cfg_rd(f, TEST_DEVFN, PCI_CAPABILITY_LIST, 1);
    assert_int_equal(cfg_rd(f, TEST_DEVFN, cap + 4, 4), 1);          /* table: BAR 1, 0 */
    assert_int_equal(cfg_rd(f, TEST_DEVFN, cap + 8, 4), 0x801);      /* PBA: BAR 1, 2 KiB */
    cfg_wr(f, TEST_DEVFN, 0x14, MMIO + 0x100000, 4);
    cfg_wr(f, TEST_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER, 2);
    /* Vectors come out of reset masked. */
    assert_int_equal(rd(f, MMIO + 0x100000 + 12, 4), 1);
    program_vector(f, 1, false);
    program_vector(f, 3, true);
    /* MSI-X off: nothing. */
    msix_notify(&f->msix, 1);
    assert_int_equal(f->spi.sets[1], 0);
    cfg_wr(f, TEST_DEVFN, cap + 2, PCI_MSIX_FLAGS_ENABLE, 2);
    msix_notify(&f->msix, 1);
    assert_int_equal(f->spi.sets[1], 2);
    /* Masked: pending, sent when unmasked. */
    msix_notify(&f->msix, 3);
    assert_int_equal(f->spi.sets[3], 0);
    assert_int_equal(rd(f, MMIO + 0x100000 + 0x800, 4), 1u << 3);
    wr(f, MMIO + 0x100000 + 3 * 16 + 12, 0, 4);
    assert_int_equal(f->spi.sets[3], 2);
    assert_int_equal(rd(f, MMIO + 0x100000 + 0x800, 4), 0);
    /* Function mask. */
    cfg_wr(f, TEST_DEVFN, cap + 2, PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL, 2);
    msix_notify(&f->msix, 1);
    assert_int_equal(f->spi.sets[1], 2);
    cfg_wr(f, TEST_DEVFN, cap + 2, PCI_MSIX_FLAGS_ENABLE, 2);
    assert_int_equal(f->spi.sets[1], 4);
    /* Bus mastering off: the write does not leave the function. */
    cfg_wr(f, TEST_DEVFN, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    msix_notify(&f->msix, 1);
    assert_int_equal(f->spi.sets[1], 4);
    /* A vector past the table, and a table write past it, do nothing. */
    msix_notify(&f->msix, 4);
    msix_notify(&f->msix, 1000);
    wr(f, MMIO + 0x100000 + 4 * 16, 0xffffffff, 4);
    assert_int_equal(rd(f, MMIO + 0x100000 + 4 * 16, 4), 0);
}

static void test_reset(void **state)
{
    Fixture *f = *state;
    cfg_wr(f, TEST_DEVFN, 0x10, 0x1000, 4);
    cfg_wr(f, TEST_DEVFN, PCI_COMMAND, PCI_COMMAND_IO, 2);
    pci_set_irq(&f->dev, 1);
    device_lock();
    pci_bus_reset(&f->host.bus);
    device_unlock();
    assert_int_equal(cfg_rd(f, TEST_DEVFN, 0x10, 4), PCI_BAR_SPACE_IO);
    assert_int_equal(cfg_rd(f, TEST_DEVFN, PCI_COMMAND, 2), 0);
    assert_true(f->dev.bar[0].addr == PCI_BAR_UNMAPPED);
    assert_int_equal(f->intx.level[1], 0);
}

static void test_state_round_trip(void **state)
{
    Fixture *f = *state;
    cfg_wr(f, TEST_DEVFN, 0x10, 0x1000, 4);
    cfg_wr(f, TEST_DEVFN, PCI_COMMAND, PCI_COMMAND_IO, 2);
    GByteArray *out = g_byte_array_new();
    assert_true(vmstate_save(&vmstate_pci_device, &f->dev, out));
    device_lock();
    pci_device_reset(&f->dev);
    size_t used;
    char *err = NULL;
    assert_true(vmstate_load(&vmstate_pci_device, &f->dev, out->data, out->len, &used, &err));
    device_unlock();
    assert_int_equal(used, out->len);
    assert_int_equal(f->dev.bar[0].addr, 0x1000);
    assert_int_equal(rd(f, PIO + 0x1000, 1), 0xa5);
    g_byte_array_free(out, true);
}

/* Random configuration writes and window accesses: the model must stay
 * whole, whatever the guest programs. */
static void test_fuzz(void **state)
{
    Fixture *f = *state;
    uint64_t rng = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 200000; i++) {
        uint64_t r = fuzz_next(&rng);
        unsigned size = 1u << (r & 3);
        uint64_t v = fuzz_next(&rng);
        switch ((r >> 2) & 3) {
        case 0: {
            int devfn = (r >> 8) & 1 ? TEST_DEVFN : (r >> 9) & 0xff;
            uint64_t a = cfg_addr((r >> 20) & 1, devfn, (r >> 24) & 0xfff);
            (r & 0x10000) ? wr(f, a, v, size) : (void)rd(f, a, size);
            break;
        }
        case 1:
            (r & 0x10000) ? wr(f, PIO + ((r >> 20) & 0xffff), v, size)
                          : (void)rd(f, PIO + ((r >> 20) & 0xffff), size);
            break;
        case 2:
            (r & 0x10000) ? wr(f, MMIO + ((r >> 20) & 0x3fffff), v, size)
                          : (void)rd(f, MMIO + ((r >> 20) & 0x3fffff), size);
            break;
        default:
            device_lock();
            msix_notify(&f->msix, (r >> 8) & 7);
            pci_set_irq(&f->dev, (r >> 12) & 1);
            device_unlock();
            break;
        }
    }
    /* Still answering as a PCI function. */
    assert_int_equal(cfg_rd(f, TEST_DEVFN, PCI_VENDOR_ID, 2), 0x1af4);
}

/* virtio-rng-pci at 00:02.0, driven as virtio 1.2 4.1.5.1 says a driver
 * does: the modern interface, one request, its answer by MSI-X; then
 * random accesses to both interfaces and the config space. */
#define RNG_DEVFN PCI_DEVFN(2, 0)
#define RNG_BAR4  (MMIO64 + 0x10000)
#define RNG_MSIX  (MMIO + 0x200000)

static VirtIOPCIState *plug_rng(Fixture *f)
{
    VirtIOPCIState *s = g_new0(VirtIOPCIState, 1);
    assert_true(virtio_pci_init(s, &f->host.bus, RNG_DEVFN, virtio_rng_new(&f->as, false)));
    cfg_wr(f, RNG_DEVFN, 0x10, 0x2000, 4);
    cfg_wr(f, RNG_DEVFN, 0x14, RNG_MSIX, 4);
    cfg_wr(f, RNG_DEVFN, 0x20, (uint32_t)RNG_BAR4, 4);
    cfg_wr(f, RNG_DEVFN, 0x24, RNG_BAR4 >> 32, 4);
    cfg_wr(f, RNG_DEVFN, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER, 2);
    return s;
}

static void test_virtio_rng_pci(void **state)
{
    Fixture *f = *state;
    plug_rng(f);
    /* The header and the capability chain qemu 7.2 shows. */
    assert_int_equal(cfg_rd(f, RNG_DEVFN, 0, 4), 0x10051af4);
    assert_int_equal(cfg_rd(f, RNG_DEVFN, PCI_SUBSYSTEM_VENDOR_ID, 4), 0x00041af4);
    static const uint8_t chain[][2] = {
        { 0x98, PCI_CAP_ID_MSIX }, { 0x84, 9 }, { 0x70, 9 }, { 0x60, 9 }, { 0x50, 9 }, { 0x40, 9 },
    };
    unsigned cap = cfg_rd(f, RNG_DEVFN, PCI_CAPABILITY_LIST, 1);
    for (size_t i = 0; i < G_N_ELEMENTS(chain); i++) {
        assert_int_equal(cap, chain[i][0]);
        assert_int_equal(cfg_rd(f, RNG_DEVFN, cap, 1), chain[i][1]);
        cap = cfg_rd(f, RNG_DEVFN, cap + 1, 1);
    }
    assert_int_equal(cap, 0);
    /* MSI-X: vector 0 config, vector 1 the queue, to the v2m frame. */
    for (unsigned v = 0; v < 2; v++) {
        wr(f, RNG_MSIX + v * 16, V2M + 0x40, 4);
        wr(f, RNG_MSIX + v * 16 + 8, 80 + v, 4);
        wr(f, RNG_MSIX + v * 16 + 12, 0, 4);
    }
    cfg_wr(f, RNG_DEVFN, 0x98 + 2, PCI_MSIX_FLAGS_ENABLE, 2);
    /* 3.1.1: reset, ACKNOWLEDGE, DRIVER, features, FEATURES_OK. */
    wr(f, RNG_BAR4 + 0x14, 0, 1);
    wr(f, RNG_BAR4 + 0x14, 3, 1);
    wr(f, RNG_BAR4 + 0x00, 1, 4);
    assert_int_equal(rd(f, RNG_BAR4 + 0x04, 4) & 1, 1);        /* VERSION_1 */
    wr(f, RNG_BAR4 + 0x08, 1, 4);
    wr(f, RNG_BAR4 + 0x0c, 1, 4);
    wr(f, RNG_BAR4 + 0x14, 11, 1);
    assert_int_equal(rd(f, RNG_BAR4 + 0x14, 1), 11);
    assert_int_equal(rd(f, RNG_BAR4 + 0x12, 2), 1);            /* one queue */
    /* Queue 0 in RAM: 8 entries, desc at 0, avail at 0x100, used at 0x200;
     * one 16-byte buffer at 0x1000. */
    wr(f, RNG_BAR4 + 0x10, 0, 2);
    wr(f, RNG_BAR4 + 0x16, 0, 2);
    wr(f, RNG_BAR4 + 0x18, 8, 2);
    wr(f, RNG_BAR4 + 0x1a, 1, 2);
    assert_int_equal(rd(f, RNG_BAR4 + 0x1a, 2), 1);
    wr(f, RNG_BAR4 + 0x20, RAM, 8);
    wr(f, RNG_BAR4 + 0x28, RAM + 0x100, 8);
    wr(f, RNG_BAR4 + 0x30, RAM + 0x200, 8);
    wr(f, RNG_BAR4 + 0x1c, 1, 2);
    wr(f, RNG_BAR4 + 0x14, 15, 1);
    wr(f, RAM, RAM + 0x1000, 8);            /* desc 0: addr, len, write-only */
    wr(f, RAM + 8, 16 | 2ull << 32, 8);
    wr(f, RAM + 0x104, 0, 2);               /* avail ring[0] = 0, idx = 1 */
    wr(f, RAM + 0x102, 1, 2);
    assert_int_equal(rd(f, RNG_BAR4 + 0x1e, 2), 0);            /* notify offset */
    wr(f, RNG_BAR4 + 0x3000, 0, 2);
    assert_int_equal(rd(f, RAM + 0x202, 2), 1);                /* used idx */
    assert_int_equal(rd(f, RAM + 0x208, 4), 16);               /* bytes written */
    assert_int_equal(f->spi.sets[1], 2);                       /* MSI vector 1 */
    /* A vector past the table reads back as none. */
    wr(f, RNG_BAR4 + 0x1a, 7, 2);
    assert_int_equal(rd(f, RNG_BAR4 + 0x1a, 2), 0xffff);
}

static void test_virtio_pci_fuzz(void **state)
{
    Fixture *f = *state;
    plug_rng(f);
    uint64_t rng = 0x243f6a8885a308d3ull;
    for (int i = 0; i < 200000; i++) {
        uint64_t r = fuzz_next(&rng);
        unsigned size = 1u << (r & 3);
        uint64_t v = fuzz_next(&rng);
        /* Ring addresses mostly in RAM, so the rings get walked. */
        if (r & 0x100) {
            v = RAM + (v & 0xfffff);
        }
        uint64_t a;
        switch ((r >> 2) & 3) {
        case 0: a = RNG_BAR4 + ((r >> 20) & 0x3fff); break;
        case 1: a = PIO + 0x2000 + ((r >> 20) & 0x1f); break;
        case 2: a = cfg_addr(0, RNG_DEVFN, (r >> 20) & 0xff); break;
        default: a = RAM + ((r >> 20) & 0x3ff); break;
        }
        (r & 0x10000) ? wr(f, a, v, size) : (void)rd(f, a, size);
    }
    assert_int_equal(cfg_rd(f, RNG_DEVFN, PCI_VENDOR_ID, 2), 0x1af4);
}

#define FIXTURE_TEST(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        FIXTURE_TEST(test_empty_slots_read_ones),
        FIXTURE_TEST(test_host_bridge_ids),
        FIXTURE_TEST(test_read_only_and_w1c),
        FIXTURE_TEST(test_bar_sizing),
        FIXTURE_TEST(test_bar_decoding),
        FIXTURE_TEST(test_intx),
        FIXTURE_TEST(test_v2m_frame),
        FIXTURE_TEST(test_msix),
        FIXTURE_TEST(test_reset),
        FIXTURE_TEST(test_state_round_trip),
        FIXTURE_TEST(test_fuzz),
        FIXTURE_TEST(test_virtio_rng_pci),
        FIXTURE_TEST(test_virtio_pci_fuzz),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
