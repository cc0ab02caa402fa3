/*
 * Builds the virt board's device tree (virt-fdt.h) with libfdt.
 *
 * The tree must read as qemu 7.2's, so a diff of the two decompiled trees
 * shows only what differs in substance.  libfdt's read-write calls put a
 * new property first in its node and a new node first among its parent's
 * children, so the order in the blob is the reverse of the order of
 * creation; building in qemu's order of creation (the table `steps`
 * below, and the order of the calls within each step) gives qemu's order
 * in the blob.  Phandles are numbered as qemu numbers them, from 0x8000 in
 * the order it allocates them (plan_phandles).
 *
 * Every libfdt error is kept in the build context and turns the later
 * calls into no-ops, so the steps read as straight lists of properties
 * and the caller sees the first error.
 */
#include "hw/arm/virt-fdt.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/random.h>

#include <libfdt.h>

#include "hw/arm/virt.h"

/* Interrupt specifiers of the ARM GIC binding (Linux,
 * Documentation/devicetree/bindings/interrupt-controller/arm,gic.yaml and
 * arm,gic-v3.yaml): <type number flags>. */
enum {
    GIC_FDT_SPI = 0,
    GIC_FDT_PPI = 1,
    GIC_FDT_EDGE_RISING = 1,
    GIC_FDT_LEVEL_HIGH = 4,
    GIC_FDT_PPI_CPU_SHIFT = 8,  /* GICv2 only: which CPUs get the PPI */
};

/* PSCI function IDs of the SMC calling convention (Arm DEN0022, "Function
 * IDs"): the 64-bit forms of the calls that take addresses. */
enum {
    PSCI_CPU_SUSPEND_64 = 0xc4000001,
    PSCI_CPU_OFF = 0x84000002,
    PSCI_CPU_ON_64 = 0xc4000003,
    PSCI_MIGRATE_64 = 0xc4000005,
};

/* PCI bus binding (IEEE 1275 PCI bus supplement): the space code of a
 * child address's high cell. */
enum {
    PCI_RANGE_IOPORT = 0x01000000,
    PCI_RANGE_MMIO = 0x02000000,
    PCI_RANGE_MMIO_64 = 0x03000000,
};

#define FIRST_PHANDLE 0x8000    /* qemu's, clear of any -dtb's own */
#define MAX_FDT_SIZE (64u << 20)
#define KEY_POWER 116           /* Linux input-event-codes.h */
#define GPIO_POWEROFF_PIN 3

typedef struct FdtBuild {
    const VirtFDTConfig *cfg;
    void *fdt;
    int err;                    /* first libfdt error; then nothing is done */
    VirtMemMapEntry map[VIRT_MEMMAP_COUNT];
    uint32_t ppi_flags;         /* trigger, and the CPU mask on a GICv2 */
    uint32_t clock_phandle;
    uint32_t first_cpu_phandle; /* of the last CPU; CPU 0's is the highest */
    uint32_t gic_phandle;
    uint32_t msi_phandle;       /* 0: none */
    uint32_t gpio_phandle;
} FdtBuild;

static bool has(const FdtBuild *b, uint32_t devices)
{
    return (b->cfg->devices & devices) == devices;
}

static uint32_t cpu_phandle(const FdtBuild *b, unsigned cpu)
{
    return b->first_cpu_phandle + (b->cfg->n_cpus - 1 - cpu);
}

/* --- libfdt with a sticky error, nodes named by path ------------------ */

static int node_offset(FdtBuild *b, const char *path)
{
    if (b->err) {
        return -1;
    }
    int offset = fdt_path_offset(b->fdt, path);
    if (offset < 0) {
        b->err = offset;
    }
    return offset;
}

static void add_node(FdtBuild *b, const char *path)
{
    const char *slash = strrchr(path, '/');
    g_autofree char *parent = slash == path ? g_strdup("/") : g_strndup(path, slash - path);
    int parent_offset = node_offset(b, parent);
    if (!b->err) {
        int offset = fdt_add_subnode(b->fdt, parent_offset, slash + 1);
        if (offset < 0) {
            b->err = offset;
        }
    }
}

static void set_prop(FdtBuild *b, const char *path, const char *name,
                     const void *value, size_t len)
{
    int offset = node_offset(b, path);
    if (!b->err && len > MAX_FDT_SIZE) {
        b->err = -FDT_ERR_NOSPACE;  /* libfdt takes an int */
    }
    if (!b->err) {
        int rc = fdt_setprop(b->fdt, offset, name, value, len);
        if (rc < 0) {
            b->err = rc;
        }
    }
}

static void set_empty(FdtBuild *b, const char *path, const char *name)
{
    set_prop(b, path, name, NULL, 0);
}

static void set_string(FdtBuild *b, const char *path, const char *name, const char *s)
{
    set_prop(b, path, name, s, strlen(s) + 1);
}

/* A string list, its strings separated by "\0" within one literal. */
#define set_strings(b, path, name, list) set_prop(b, path, name, list, sizeof(list))

static void set_cells(FdtBuild *b, const char *path, const char *name,
                      const uint32_t *cells, int n)
{
    fdt32_t be[n];
    for (int i = 0; i < n; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    set_prop(b, path, name, be, n * sizeof(be[0]));
}

#define set_cells_of(b, path, name, ...) do { \
        const uint32_t cells_[] = { __VA_ARGS__ }; \
        set_cells(b, path, name, cells_, G_N_ELEMENTS(cells_)); \
    } while (0)

static void set_u32(FdtBuild *b, const char *path, const char *name, uint32_t v)
{
    set_cells(b, path, name, &v, 1);
}

#define HI(x) ((uint32_t)((uint64_t)(x) >> 32))
#define LO(x) ((uint32_t)(x))

/* reg of one region, in the root's 2 address and 2 size cells. */
static void set_reg(FdtBuild *b, const char *path, VirtMemMapEntry r)
{
    set_cells_of(b, path, "reg", HI(r.base), LO(r.base), HI(r.size), LO(r.size));
}

static void set_spi(FdtBuild *b, const char *path, int spi, uint32_t flags)
{
    set_cells_of(b, path, "interrupts", GIC_FDT_SPI, spi, flags);
}

static void set_random(FdtBuild *b, const char *path, const char *name, size_t len)
{
    uint8_t bytes[len];
    if (getrandom(bytes, len, 0) != (ssize_t)len) {
        for (size_t i = 0; i < len; i++) {
            bytes[i] = g_random_int();
        }
    }
    set_prop(b, path, name, bytes, len);
}

/* --- the nodes, each as qemu 7.2 creates it --------------------------- */

static void build_root(FdtBuild *b)
{
    set_string(b, "/", "compatible", "linux,dummy-virt");
    set_u32(b, "/", "#address-cells", 2);
    set_u32(b, "/", "#size-cells", 2);
    set_string(b, "/", "model", "linux,dummy-virt");
    set_u32(b, "/", "interrupt-parent", b->gic_phandle);
}

static void build_chosen(FdtBuild *b)
{
    const VirtFDTConfig *cfg = b->cfg;
    add_node(b, "/chosen");
    if (!cfg->no_randomness) {
        set_random(b, "/chosen", "kaslr-seed", 8);
        set_random(b, "/chosen", "rng-seed", 32);
    }
    if (has(b, VIRT_DEV_UART)) {
        g_autofree char *uart = g_strdup_printf("/pl011@%" PRIx64, b->map[VIRT_UART].base);
        set_string(b, "/chosen", "stdout-path", uart);
    }
    if (cfg->bootargs && cfg->bootargs[0]) {
        set_string(b, "/chosen", "bootargs", cfg->bootargs);
    }
    if (cfg->has_initrd) {
        /* qemu writes one cell; two where an address needs them (Linux
         * reads either, by the property's length). */
        uint64_t ends[2] = { cfg->initrd_start, cfg->initrd_end };
        const char *names[2] = { "linux,initrd-start", "linux,initrd-end" };
        for (int i = 0; i < 2; i++) {
            if (ends[i] >> 32) {
                set_cells_of(b, "/chosen", names[i], HI(ends[i]), LO(ends[i]));
            } else {
                set_u32(b, "/chosen", names[i], ends[i]);
            }
        }
    }
}

/* The 24 MHz APB clock the PrimeCell bindings want named (the kernel does
 * not probe a PL011 without it). */
static void build_clock(FdtBuild *b)
{
    add_node(b, "/apb-pclk");
    set_string(b, "/apb-pclk", "compatible", "fixed-clock");
    set_u32(b, "/apb-pclk", "#clock-cells", 0);
    set_u32(b, "/apb-pclk", "clock-frequency", 24000000);
    set_string(b, "/apb-pclk", "clock-output-names", "clk24mhz");
    set_u32(b, "/apb-pclk", "phandle", b->clock_phandle);
}

static void build_timer(FdtBuild *b)
{
    add_node(b, "/timer");
    set_strings(b, "/timer", "compatible", "arm,armv8-timer\0arm,armv7-timer");
    set_empty(b, "/timer", "always-on");
    set_cells_of(b, "/timer", "interrupts",
                 GIC_FDT_PPI, VIRT_PPI_TIMER_S_EL1, b->ppi_flags,
                 GIC_FDT_PPI, VIRT_PPI_TIMER_NS_EL1, b->ppi_flags,
                 GIC_FDT_PPI, VIRT_PPI_TIMER_VIRT, b->ppi_flags,
                 GIC_FDT_PPI, VIRT_PPI_TIMER_NS_EL2, b->ppi_flags);
}

/* cpu-map path of a CPU: /cpus/cpu-map/socketS/clusterC/coreN[/threadT]. */
static char *cpu_map_path(const VirtFDTConfig *cfg, unsigned cpu)
{
    unsigned threads = cfg->threads ? cfg->threads : 1;
    unsigned cores = cfg->cores ? cfg->cores : cfg->n_cpus;
    unsigned clusters = cfg->clusters ? cfg->clusters : 1;
    unsigned core = cpu / threads % cores;
    unsigned cluster = cpu / (threads * cores) % clusters;
    unsigned socket = cpu / (threads * cores * clusters);
    g_autofree char *core_path = g_strdup_printf(
        "/cpus/cpu-map/socket%u/cluster%u/core%u", socket, cluster, core);
    if (threads > 1) {
        return g_strdup_printf("%s/thread%u", core_path, cpu % threads);
    }
    return g_steal_pointer(&core_path);
}

/* Adds each missing node along path, parents first. */
static void add_path(FdtBuild *b, const char *path)
{
    for (const char *p = strchr(path + 1, '/'); ; p = strchr(p + 1, '/')) {
        g_autofree char *prefix = p ? g_strndup(path, p - path) : g_strdup(path);
        if (!b->err && fdt_path_offset(b->fdt, prefix) == -FDT_ERR_NOTFOUND) {
            add_node(b, prefix);
        }
        if (!p) {
            return;
        }
    }
}

static void build_cpus(FdtBuild *b)
{
    const VirtFDTConfig *cfg = b->cfg;
    /* MPIDR Aff3 is never set on virt (at most 512 CPUs), so one cell. */
    add_node(b, "/cpus");
    set_u32(b, "/cpus", "#address-cells", 1);
    set_u32(b, "/cpus", "#size-cells", 0);

    for (int cpu = cfg->n_cpus - 1; cpu >= 0; cpu--) {
        g_autofree char *path = g_strdup_printf("/cpus/cpu@%d", cpu);
        add_node(b, path);
        set_string(b, path, "device_type", "cpu");
        set_string(b, path, "compatible", cfg->cpu_compatible);
        if (cfg->psci_conduit != VIRT_PSCI_NONE && cfg->n_cpus > 1) {
            set_string(b, path, "enable-method", "psci");
        }
        set_u32(b, path, "reg", virt_cpu_mp_affinity(cpu, cfg->gic_version));
        set_u32(b, path, "phandle", cpu_phandle(b, cpu));
    }
    for (int cpu = cfg->n_cpus - 1; cpu >= 0; cpu--) {
        g_autofree char *path = cpu_map_path(cfg, cpu);
        add_path(b, path);
        set_u32(b, path, "cpu", cpu_phandle(b, cpu));
    }
}

static void build_flash(FdtBuild *b)
{
    VirtMemMapEntry flash = b->map[VIRT_FLASH];
    uint64_t bank = flash.size / 2;
    g_autofree char *path = g_strdup_printf("/flash@%" PRIx64, flash.base);
    add_node(b, path);
    set_string(b, path, "compatible", "cfi-flash");
    set_cells_of(b, path, "reg",
                 HI(flash.base), LO(flash.base), HI(bank), LO(bank),
                 HI(flash.base + bank), LO(flash.base + bank), HI(bank), LO(bank));
    set_u32(b, path, "bank-width", 4);
}

/* The GICv3 ITS or the GICv2m frame, the MSI controller PCIe points at. */
static void build_msi(FdtBuild *b, const char *gic)
{
    bool its = b->cfg->gic_version == 3;
    VirtMemMapEntry r = b->map[its ? VIRT_GIC_ITS : VIRT_GIC_V2M];
    g_autofree char *path = g_strdup_printf("%s/%s@%" PRIx64, gic, its ? "its" : "v2m", r.base);
    add_node(b, path);
    set_string(b, path, "compatible", its ? "arm,gic-v3-its" : "arm,gic-v2m-frame");
    set_empty(b, path, "msi-controller");
    if (its) {
        set_u32(b, path, "#msi-cells", 1);
    }
    set_reg(b, path, r);
    set_u32(b, path, "phandle", b->msi_phandle);
}

static void build_gic(FdtBuild *b)
{
    const VirtMemMapEntry *map = b->map;
    g_autofree char *path = g_strdup_printf("/intc@%" PRIx64, map[VIRT_GIC_DIST].base);
    add_node(b, path);
    set_u32(b, path, "#interrupt-cells", 3);
    set_empty(b, path, "interrupt-controller");
    set_u32(b, path, "#address-cells", 2);
    set_u32(b, path, "#size-cells", 2);
    set_empty(b, path, "ranges");
    if (b->cfg->gic_version == 3) {
        VirtMemMapEntry d = map[VIRT_GIC_DIST], r = map[VIRT_GIC_REDIST];
        VirtMemMapEntry r2 = map[VIRT_HIGH_GIC_REDIST2];
        int regions = virt_gicv3_redist_regions(b->cfg->n_cpus);
        set_string(b, path, "compatible", "arm,gic-v3");
        set_u32(b, path, "#redistributor-regions", regions);
        const uint32_t reg[] = {
            HI(d.base), LO(d.base), HI(d.size), LO(d.size),
            HI(r.base), LO(r.base), HI(r.size), LO(r.size),
            HI(r2.base), LO(r2.base), HI(r2.size), LO(r2.size),
        };
        set_cells(b, path, "reg", reg, 4 + 4 * regions);
    } else {
        VirtMemMapEntry d = map[VIRT_GIC_DIST], c = map[VIRT_GIC_CPU];
        VirtMemMapEntry h = map[VIRT_GIC_HYP], v = map[VIRT_GIC_VCPU];
        /* "arm,cortex-a15-gic" is the binding's name for a GICv2; with EL2
         * its virtualization extensions add the hypervisor control and
         * virtual CPU interfaces. */
        set_string(b, path, "compatible", "arm,cortex-a15-gic");
        const uint32_t reg[] = {
            HI(d.base), LO(d.base), HI(d.size), LO(d.size),
            HI(c.base), LO(c.base), HI(c.size), LO(c.size),
            HI(h.base), LO(h.base), HI(h.size), LO(h.size),
            HI(v.base), LO(v.base), HI(v.size), LO(v.size),
        };
        set_cells(b, path, "reg", reg, b->cfg->has_el2 ? 16 : 8);
    }
    if (b->cfg->has_el2) {
        /* No CPU mask here, even on a GICv2: qemu writes none. */
        set_cells_of(b, path, "interrupts", GIC_FDT_PPI, VIRT_PPI_GIC_MAINT, GIC_FDT_LEVEL_HIGH);
    }
    set_u32(b, path, "phandle", b->gic_phandle);
    if (has(b, VIRT_DEV_MSI)) {
        build_msi(b, path);
    }
}

static void build_pmu(FdtBuild *b)
{
    add_node(b, "/pmu");
    set_string(b, "/pmu", "compatible", "arm,armv8-pmuv3");
    set_cells_of(b, "/pmu", "interrupts", GIC_FDT_PPI, VIRT_PPI_PMU, b->ppi_flags);
}

/* A PrimeCell with the APB clock; the PL011 also takes it as uartclk. */
static void build_primecell(FdtBuild *b, VirtRegion region, const char *name,
                            const char *compatible, size_t compatible_len, bool uart)
{
    VirtMemMapEntry r = b->map[region];
    g_autofree char *path = g_strdup_printf("/%s@%" PRIx64, name, r.base);
    add_node(b, path);
    set_prop(b, path, "compatible", compatible, compatible_len);
    set_reg(b, path, r);
    set_spi(b, path, virt_irqmap[region], GIC_FDT_LEVEL_HIGH);
    if (uart) {
        set_cells_of(b, path, "clocks", b->clock_phandle, b->clock_phandle);
        set_strings(b, path, "clock-names", "uartclk\0apb_pclk");
    } else {
        set_u32(b, path, "clocks", b->clock_phandle);
        set_string(b, path, "clock-names", "apb_pclk");
    }
}

static void build_uart(FdtBuild *b)
{
    static const char compatible[] = "arm,pl011\0arm,primecell";
    build_primecell(b, VIRT_UART, "pl011", compatible, sizeof(compatible), true);
}

static void build_rtc(FdtBuild *b)
{
    static const char compatible[] = "arm,pl031\0arm,primecell";
    build_primecell(b, VIRT_RTC, "pl031", compatible, sizeof(compatible), false);
}

/* The PCI host bridge's legacy interrupts: INTA..INTD of slot s raise
 * SPIs 3..6 rotated by s (the usual PCI swizzle, (pin + slot) mod 4), for
 * the first four slots; the mask makes the pattern repeat every 4 slots. */
static void set_pcie_interrupt_map(FdtBuild *b, const char *path)
{
    enum { SLOTS = 4, ENTRY = 10 };
    uint32_t map[SLOTS * VIRT_NUM_PCIE_IRQS * ENTRY];
    uint32_t *e = map;
    for (int slot = 0; slot < SLOTS; slot++) {
        for (int pin = 0; pin < VIRT_NUM_PCIE_IRQS; pin++) {
            const uint32_t entry[ENTRY] = {
                slot << 11, 0, 0, pin + 1,      /* child: devfn, INTx */
                b->gic_phandle, 0, 0,           /* parent unit address */
                GIC_FDT_SPI, virt_irqmap[VIRT_PCIE] + (pin + slot) % VIRT_NUM_PCIE_IRQS,
                GIC_FDT_LEVEL_HIGH,
            };
            memcpy(e, entry, sizeof(entry));
            e += ENTRY;
        }
    }
    set_cells(b, path, "interrupt-map", map, G_N_ELEMENTS(map));
    set_cells_of(b, path, "interrupt-map-mask", (SLOTS - 1) << 11, 0, 0, 7);
}

static void build_pcie(FdtBuild *b)
{
    const VirtMemMapEntry *map = b->map;
    bool high = !b->cfg->no_highmem;
    VirtMemMapEntry ecam = map[high ? VIRT_HIGH_PCIE_ECAM : VIRT_PCIE_ECAM];
    VirtMemMapEntry pio = map[VIRT_PCIE_PIO], mmio = map[VIRT_PCIE_MMIO];
    VirtMemMapEntry mmio64 = map[VIRT_HIGH_PCIE_MMIO];
    g_autofree char *path = g_strdup_printf("/pcie@%" PRIx64, mmio.base);

    add_node(b, path);
    set_string(b, path, "compatible", "pci-host-ecam-generic");
    set_string(b, path, "device_type", "pci");
    set_u32(b, path, "#address-cells", 3);
    set_u32(b, path, "#size-cells", 2);
    set_u32(b, path, "linux,pci-domain", 0);
    /* ECAM: 1 MiB of configuration space per bus (PCIe Base spec 7.2.2). */
    set_cells_of(b, path, "bus-range", 0, ecam.size / VIRT_MIB - 1);
    set_empty(b, path, "dma-coherent");
    if (b->msi_phandle) {
        /* Requester IDs 0..0xffff map 1:1 to the MSI controller's. */
        set_cells_of(b, path, "msi-map", 0, b->msi_phandle, 0, 0x10000);
    }
    set_reg(b, path, ecam);
    const uint32_t ranges[] = {
        PCI_RANGE_IOPORT, 0, 0,
        HI(pio.base), LO(pio.base), HI(pio.size), LO(pio.size),
        PCI_RANGE_MMIO, HI(mmio.base), LO(mmio.base),
        HI(mmio.base), LO(mmio.base), HI(mmio.size), LO(mmio.size),
        PCI_RANGE_MMIO_64, HI(mmio64.base), LO(mmio64.base),
        HI(mmio64.base), LO(mmio64.base), HI(mmio64.size), LO(mmio64.size),
    };
    set_cells(b, path, "ranges", ranges, high ? 21 : 14);
    set_u32(b, path, "#interrupt-cells", 1);
    set_pcie_interrupt_map(b, path);
}

/* The PL061 and the power button on its pin 3 (qemu raises it on
 * system_powerdown). */
static void build_gpio(FdtBuild *b)
{
    VirtMemMapEntry r = b->map[VIRT_GPIO];
    g_autofree char *path = g_strdup_printf("/pl061@%" PRIx64, r.base);
    add_node(b, path);
    set_reg(b, path, r);
    set_strings(b, path, "compatible", "arm,pl061\0arm,primecell");
    set_u32(b, path, "#gpio-cells", 2);
    set_empty(b, path, "gpio-controller");
    set_spi(b, path, virt_irqmap[VIRT_GPIO], GIC_FDT_LEVEL_HIGH);
    set_u32(b, path, "clocks", b->clock_phandle);
    set_string(b, path, "clock-names", "apb_pclk");
    set_u32(b, path, "phandle", b->gpio_phandle);

    add_node(b, "/gpio-keys");
    set_string(b, "/gpio-keys", "compatible", "gpio-keys");
    add_node(b, "/gpio-keys/poweroff");
    set_string(b, "/gpio-keys/poweroff", "label", "GPIO Key Poweroff");
    set_u32(b, "/gpio-keys/poweroff", "linux,code", KEY_POWER);
    set_cells_of(b, "/gpio-keys/poweroff", "gpios", b->gpio_phandle, GPIO_POWEROFF_PIN, 0);
}

/* Created from the last down, so that the first transport is listed
 * first: Linux numbers them in that order, and so /dev/vda is the
 * transport at the lowest address. */
static void build_virtio_mmio(FdtBuild *b)
{
    VirtMemMapEntry first = b->map[VIRT_MMIO];
    for (int i = VIRT_NUM_VIRTIO_TRANSPORTS - 1; i >= 0; i--) {
        VirtMemMapEntry r = { first.base + i * first.size, first.size };
        g_autofree char *path = g_strdup_printf("/virtio_mmio@%" PRIx64, r.base);
        add_node(b, path);
        set_string(b, path, "compatible", "virtio,mmio");
        set_reg(b, path, r);
        set_spi(b, path, virt_irqmap[VIRT_MMIO] + i, GIC_FDT_EDGE_RISING);
        set_empty(b, path, "dma-coherent");
    }
}

static void build_fw_cfg(FdtBuild *b)
{
    VirtMemMapEntry r = b->map[VIRT_FW_CFG];
    g_autofree char *path = g_strdup_printf("/fw-cfg@%" PRIx64, r.base);
    add_node(b, path);
    set_string(b, path, "compatible", "qemu,fw-cfg-mmio");
    set_reg(b, path, r);
    set_empty(b, path, "dma-coherent");
}

static void build_platform_bus(FdtBuild *b)
{
    VirtMemMapEntry r = b->map[VIRT_PLATFORM_BUS];
    g_autofree char *path = g_strdup_printf("/platform-bus@%" PRIx64, r.base);
    add_node(b, path);
    set_strings(b, path, "compatible", "qemu,platform\0simple-bus");
    set_u32(b, path, "#size-cells", 1);
    set_u32(b, path, "#address-cells", 1);
    /* Child address 0 is the window's base: one child cell, two parent
     * cells, one size cell. */
    set_cells_of(b, path, "ranges", 0, HI(r.base), LO(r.base), LO(r.size));
    set_u32(b, path, "interrupt-parent", b->gic_phandle);
}

static void build_memory(FdtBuild *b)
{
    VirtMemMapEntry ram = b->map[VIRT_MEM];
    g_autofree char *path = g_strdup_printf("/memory@%" PRIx64, ram.base);
    add_node(b, path);
    set_string(b, path, "device_type", "memory");
    set_reg(b, path, ram);
}

static void build_psci(FdtBuild *b)
{
    add_node(b, "/psci");
    set_strings(b, "/psci", "compatible", "arm,psci-1.0\0arm,psci-0.2\0arm,psci");
    set_string(b, "/psci", "method", b->cfg->psci_conduit == VIRT_PSCI_SMC ? "smc" : "hvc");
    set_u32(b, "/psci", "cpu_suspend", PSCI_CPU_SUSPEND_64);
    set_u32(b, "/psci", "cpu_off", PSCI_CPU_OFF);
    set_u32(b, "/psci", "cpu_on", PSCI_CPU_ON_64);
    set_u32(b, "/psci", "migrate", PSCI_MIGRATE_64);
}

static bool psci_present(const FdtBuild *b)
{
    return b->cfg->psci_conduit != VIRT_PSCI_NONE;
}

/* qemu 7.2's order of creation (the reverse of the order in the blob). */
static const struct {
    void (*build)(FdtBuild *b);
    uint32_t devices;                   /* built only if all are present */
    bool (*present)(const FdtBuild *b); /* or only if this says so */
} steps[] = {
    { build_root },
    { build_chosen },
    { build_clock },
    { build_timer },
    { build_cpus },
    { build_flash, VIRT_DEV_FLASH },
    { build_gic },
    { build_pmu, VIRT_DEV_PMU },
    { build_uart, VIRT_DEV_UART },
    { build_rtc, VIRT_DEV_RTC },
    { build_pcie, VIRT_DEV_PCIE },
    { build_gpio, VIRT_DEV_GPIO },
    { build_virtio_mmio, VIRT_DEV_VIRTIO_MMIO },
    { build_fw_cfg, VIRT_DEV_FW_CFG },
    { build_platform_bus, VIRT_DEV_PLATFORM_BUS },
    { build_memory },
    { build_psci, 0, psci_present },
};

/* qemu allocates phandles as it creates nodes: the clock, the CPUs from
 * the last down, the GIC, the MSI controller, the GPIO controller. */
static void plan_phandles(FdtBuild *b)
{
    uint32_t next = FIRST_PHANDLE;
    b->clock_phandle = next++;
    b->first_cpu_phandle = next;
    next += b->cfg->n_cpus;
    b->gic_phandle = next++;
    b->msi_phandle = has(b, VIRT_DEV_MSI) ? next++ : 0;
    b->gpio_phandle = has(b, VIRT_DEV_GPIO) ? next++ : 0;
}

/* --- checking the configuration --------------------------------------- */

static bool fail(GError **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static bool fail(GError **errp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error_literal(errp, g_quark_from_static_string("virt-fdt"), 0, msg);
    return false;
}

static bool check_topology(const VirtFDTConfig *cfg, GError **errp)
{
    const unsigned levels[] = { cfg->sockets, cfg->clusters, cfg->cores, cfg->threads };
    uint64_t product = 1;
    bool any = false, all = true;
    for (size_t i = 0; i < G_N_ELEMENTS(levels); i++) {
        any |= levels[i] != 0;
        all &= levels[i] != 0 && levels[i] <= cfg->n_cpus;   /* no overflow below */
        product *= levels[i];
    }
    if (any && (!all || product != cfg->n_cpus)) {
        return fail(errp, "virt: topology %u sockets x %u clusters x %u cores x "
                    "%u threads does not make %u CPUs", cfg->sockets,
                    cfg->clusters, cfg->cores, cfg->threads, cfg->n_cpus);
    }
    return true;
}

static bool check_config(const VirtFDTConfig *cfg, GError **errp)
{
    uint64_t ram_base = virt_memmap[VIRT_MEM].base;
    if (cfg->gic_version != 2 && cfg->gic_version != 3) {
        return fail(errp, "virt: GIC version %d, not 2 or 3", cfg->gic_version);
    }
    unsigned max_cpus = cfg->gic_version == 2 ? VIRT_GICV2_MAX_CPUS
        : cfg->no_highmem ? virt_memmap[VIRT_GIC_REDIST].size / VIRT_GICV3_REDIST_SIZE
        : VIRT_MAX_CPUS;
    if (cfg->n_cpus < 1 || cfg->n_cpus > max_cpus) {
        return fail(errp, "virt: %u CPUs, the GICv%d here takes 1 to %u",
                    cfg->n_cpus, cfg->gic_version, max_cpus);
    }
    if (!check_topology(cfg, errp)) {
        return false;
    }
    if (!cfg->cpu_compatible || !cfg->cpu_compatible[0]) {
        return fail(errp, "virt: no CPU compatible string");
    }
    if (cfg->psci_conduit > VIRT_PSCI_SMC) {
        return fail(errp, "virt: unknown PSCI conduit %d", cfg->psci_conduit);
    }
    /* The high regions must still fit a 48-bit physical address space. */
    uint64_t ram_limit = cfg->no_highmem ? (4 * VIRT_GIB - ram_base) : (1ULL << 46);
    if (cfg->ram_size == 0 || cfg->ram_size > ram_limit) {
        return fail(errp, "virt: RAM size %#" PRIx64 " not in 1..%#" PRIx64,
                    cfg->ram_size, ram_limit);
    }
    if (cfg->has_initrd &&
        (cfg->initrd_start > cfg->initrd_end || cfg->initrd_start < ram_base ||
         cfg->initrd_end > ram_base + cfg->ram_size)) {
        return fail(errp, "virt: initrd %#" PRIx64 "..%#" PRIx64 " not within RAM",
                    cfg->initrd_start, cfg->initrd_end);
    }
    if (cfg->fdt_size > MAX_FDT_SIZE) {
        return fail(errp, "virt: device tree size %zu over %u", cfg->fdt_size, MAX_FDT_SIZE);
    }
    return true;
}

void *virt_fdt_build(const VirtFDTConfig *cfg, size_t *size, GError **errp)
{
    if (!cfg) {
        fail(errp, "virt: no configuration");
        return NULL;
    }
    if (!check_config(cfg, errp)) {
        return NULL;
    }
    size_t fdt_size = cfg->fdt_size ? cfg->fdt_size : VIRT_FDT_DEFAULT_SIZE;
    FdtBuild b = { .cfg = cfg, .fdt = g_malloc0(fdt_size) };
    virt_memmap_for_ram(cfg->ram_size, b.map);
    b.ppi_flags = GIC_FDT_LEVEL_HIGH;
    if (cfg->gic_version == 2) {
        b.ppi_flags |= ((1u << cfg->n_cpus) - 1) << GIC_FDT_PPI_CPU_SHIFT;
    }
    plan_phandles(&b);

    b.err = fdt_create_empty_tree(b.fdt, fdt_size);
    for (size_t i = 0; i < G_N_ELEMENTS(steps) && !b.err; i++) {
        if (has(&b, steps[i].devices) && (!steps[i].present || steps[i].present(&b))) {
            steps[i].build(&b);
        }
    }
    if (!b.err) {
        b.err = fdt_check_header(b.fdt);
    }
    if (b.err) {
        if (b.err == -FDT_ERR_NOSPACE) {
            fail(errp, "virt: device tree larger than %zu bytes", fdt_size);
        } else {
            fail(errp, "virt: building the device tree: %s", fdt_strerror(b.err));
        }
        g_free(b.fdt);
        return NULL;
    }
    if (size) {
        *size = fdt_totalsize(b.fdt);
    }
    return b.fdt;
}

int virt_fdt_dumpdtb(const void *fdt, const char *path)
{
    const char *prog = g_get_prgname() ? g_get_prgname() : "mimic-system-aarch64";
    GError *err = NULL;
    if (!g_file_set_contents(path, fdt, fdt_totalsize(fdt), &err)) {
        g_printerr("%s: dumping the device tree: %s\n", prog, err->message);
        g_error_free(err);
        return 1;
    }
    g_printerr("%s: info: dtb dumped to %s. Exiting.\n", prog, path);
    return 0;
}
