/*
 * Unit tests of hw/arm/virt-memmap.c and virt-fdt.c: the map's own rules
 * (alignment, no overlaps, the high regions above RAM, SPI runs apart),
 * the tree read back with libfdt (references resolve to the right nodes,
 * only the devices present are listed, /chosen carries the boot
 * arguments), and every impossible configuration refused with an error.
 * The node-for-node comparison with qemu's own tree is test-virt-fdt.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libfdt.h>

#include "hw/arm/virt.h"
#include "hw/arm/virt-fdt.h"

static bool overlap(VirtMemMapEntry a, VirtMemMapEntry b)
{
    return a.base < b.base + b.size && b.base < a.base + a.size;
}

/* Devices below RAM: each on a 64 KiB boundary (guests with 64 KiB pages
 * map them one by one), none overlapping another, except the GIC's frames
 * inside VIRT_CPUPERIPHS, and all below RAM. */
static void test_low_map(void **state)
{
    VirtMemMapEntry virtio_all = virt_memmap[VIRT_MMIO];
    virtio_all.size *= VIRT_NUM_VIRTIO_TRANSPORTS;
    for (int i = 0; i < VIRT_LOWMEMMAP_LAST; i++) {
        VirtMemMapEntry a = i == VIRT_MMIO ? virtio_all : virt_memmap[i];
        if (i == VIRT_PCIE || i == VIRT_MEM) {
            continue;
        }
        assert_int_equal(a.base % 0x10000, 0);
        assert_true(a.size > 0);
        assert_true(a.base + a.size <= virt_memmap[VIRT_MEM].base);
        for (int j = i + 1; j < VIRT_LOWMEMMAP_LAST; j++) {
            VirtMemMapEntry b = j == VIRT_MMIO ? virtio_all : virt_memmap[j];
            bool in_periphs = i == VIRT_CPUPERIPHS || j == VIRT_CPUPERIPHS;
            if (j == VIRT_PCIE || j == VIRT_MEM || in_periphs) {
                continue;
            }
            assert_false(overlap(a, b));
        }
    }
    /* The GICv3 frames and the ITS sit where qemu's dumpdtb says. */
    assert_int_equal(virt_memmap[VIRT_GIC_DIST].base, 0x08000000);
    assert_int_equal(virt_memmap[VIRT_GIC_REDIST].base, 0x080a0000);
    assert_int_equal(virt_memmap[VIRT_MEM].base, 0x40000000);
}

/* Above RAM, each region aligned to its size, clear of RAM and of each
 * other; small machines all get the layout that starts at 256 GiB. */
static void test_high_map(void **state)
{
    const uint64_t rams[] = { 1ull << 30, 2ull << 30, 255ull << 30, 300ull << 30, 3ull << 40 };
    for (size_t k = 0; k < G_N_ELEMENTS(rams); k++) {
        VirtMemMapEntry map[VIRT_MEMMAP_COUNT];
        virt_memmap_for_ram(rams[k], map);
        assert_int_equal(map[VIRT_MEM].size, rams[k]);
        for (int i = VIRT_LOWMEMMAP_LAST; i < VIRT_MEMMAP_COUNT; i++) {
            assert_int_equal(map[i].base % map[i].size, 0);
            assert_false(overlap(map[i], map[VIRT_MEM]));
            assert_true(map[i].base >= 256ull << 30);
            for (int j = i + 1; j < VIRT_MEMMAP_COUNT; j++) {
                assert_false(overlap(map[i], map[j]));
            }
        }
    }
    VirtMemMapEntry map[VIRT_MEMMAP_COUNT];
    virt_memmap_for_ram(1ull << 30, map);
    assert_int_equal(map[VIRT_HIGH_GIC_REDIST2].base, 256ull << 30);
    assert_int_equal(map[VIRT_HIGH_PCIE_ECAM].base, (256ull << 30) + (256ull << 20));
    assert_int_equal(map[VIRT_HIGH_PCIE_MMIO].base, 512ull << 30);
}

/* SPIs: the single ones are 1..9, the runs do not run into each other
 * (virtio-mmio before the GICv2m's, the platform bus after them), and all
 * are below 988, the GIC's last SPI (INTID 1019). */
static void test_irq_map(void **state)
{
    const VirtRegion singles[] = { VIRT_UART, VIRT_RTC, VIRT_GPIO, VIRT_SECURE_UART, VIRT_ACPI_GED };
    for (size_t i = 0; i < G_N_ELEMENTS(singles); i++) {
        assert_in_range(virt_irqmap[singles[i]], 1, 9);
        for (size_t j = i + 1; j < G_N_ELEMENTS(singles); j++) {
            assert_int_not_equal(virt_irqmap[singles[i]], virt_irqmap[singles[j]]);
        }
        assert_true(virt_irqmap[singles[i]] < virt_irqmap[VIRT_PCIE] ||
                    virt_irqmap[singles[i]] >= virt_irqmap[VIRT_PCIE] + VIRT_NUM_PCIE_IRQS);
    }
    assert_true(virt_irqmap[VIRT_MMIO] + VIRT_NUM_VIRTIO_TRANSPORTS <= virt_irqmap[VIRT_GIC_V2M]);
    assert_true(virt_irqmap[VIRT_GIC_V2M] + VIRT_NUM_GICV2M_SPIS <= virt_irqmap[VIRT_PLATFORM_BUS]);
    assert_true(virt_irqmap[VIRT_PLATFORM_BUS] + VIRT_PLATFORM_BUS_NUM_IRQS <= 988);
}

/* MPIDR: 16 CPUs an Aff1 cluster with a GICv3 (ICC_SGI1R_EL1's 16-bit
 * target list), 8 with a GICv2; 123 redistributors in the low region
 * (0xf60000 / 128 KiB). */
static void test_cpu_rules(void **state)
{
    assert_int_equal(virt_cpu_mp_affinity(0, 3), 0);
    assert_int_equal(virt_cpu_mp_affinity(15, 3), 15);
    assert_int_equal(virt_cpu_mp_affinity(17, 3), 0x101);
    assert_int_equal(virt_cpu_mp_affinity(7, 2), 7);
    assert_int_equal(virt_gicv3_redist_regions(123), 1);
    assert_int_equal(virt_gicv3_redist_regions(124), 2);
}

static VirtFDTConfig base_config(void)
{
    return (VirtFDTConfig){
        .n_cpus = 2,
        .cpu_compatible = "arm,cortex-a57",
        .ram_size = 1ull << 30,
        .gic_version = 3,
        .psci_conduit = VIRT_PSCI_HVC,
        .devices = VIRT_DEV_QEMU_DEFAULT,
    };
}

static void *build_ok(const VirtFDTConfig *cfg)
{
    GError *err = NULL;
    size_t size = 0;
    void *fdt = virt_fdt_build(cfg, &size, &err);
    if (!fdt) {
        fail_msg("%s", err->message);
    }
    assert_int_equal(fdt_check_header(fdt), 0);
    assert_int_equal(size, fdt_totalsize(fdt));
    return fdt;
}

/* The node a one-cell phandle property points at. */
static int target_of(const void *fdt, const char *path, const char *prop, int cell)
{
    int len;
    const fdt32_t *v = fdt_getprop(fdt, fdt_path_offset(fdt, path), prop, &len);
    assert_non_null(v);
    assert_true(len >= (cell + 1) * 4);
    return fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(v[cell]));
}

static bool has_prop(const void *fdt, int node, const char *prop)
{
    return fdt_getprop(fdt, node, prop, NULL) != NULL;
}

/* Every reference names the node it should, whatever its number. */
static void test_references(void **state)
{
    VirtFDTConfig cfg = base_config();
    g_autofree void *fdt = build_ok(&cfg);
    int gic = fdt_path_offset(fdt, "/intc@8000000");
    assert_true(gic >= 0);
    assert_true(has_prop(fdt, gic, "interrupt-controller"));
    assert_int_equal(target_of(fdt, "/", "interrupt-parent", 0), gic);
    assert_int_equal(target_of(fdt, "/platform-bus@c000000", "interrupt-parent", 0), gic);
    int clock = fdt_path_offset(fdt, "/apb-pclk");
    assert_int_equal(target_of(fdt, "/pl011@9000000", "clocks", 1), clock);
    assert_int_equal(target_of(fdt, "/pl031@9010000", "clocks", 0), clock);
    int gpio = fdt_path_offset(fdt, "/pl061@9030000");
    assert_true(has_prop(fdt, gpio, "gpio-controller"));
    assert_int_equal(target_of(fdt, "/gpio-keys/poweroff", "gpios", 0), gpio);
    int its = fdt_path_offset(fdt, "/intc@8000000/its@8080000");
    assert_true(has_prop(fdt, its, "msi-controller"));
    assert_int_equal(target_of(fdt, "/pcie@10000000", "msi-map", 1), its);
    assert_int_equal(target_of(fdt, "/cpus/cpu-map/socket0/cluster0/core1", "cpu", 0),
                     fdt_path_offset(fdt, "/cpus/cpu@1"));
    const char *stdout_path = fdt_getprop(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path", NULL);
    assert_string_equal(stdout_path, "/pl011@9000000");
}

/* A GICv2 names the CPUs that receive each PPI in bits [15:8] of the
 * flags (arm,gic binding); a GICv3 does not. */
static void test_ppi_cpu_mask(void **state)
{
    VirtFDTConfig cfg = base_config();
    cfg.gic_version = 2;
    cfg.n_cpus = 4;
    g_autofree void *fdt2 = build_ok(&cfg);
    const fdt32_t *irq = fdt_getprop(fdt2, fdt_path_offset(fdt2, "/timer"), "interrupts", NULL);
    assert_int_equal(fdt32_to_cpu(irq[2]), 0xf04);
    cfg.gic_version = 3;
    g_autofree void *fdt3 = build_ok(&cfg);
    irq = fdt_getprop(fdt3, fdt_path_offset(fdt3, "/timer"), "interrupts", NULL);
    assert_int_equal(fdt32_to_cpu(irq[2]), 4);
}

/* With no optional device the tree has only CPUs, GIC, timer, clock,
 * memory, PSCI and /chosen: no stdout-path without a UART. */
static void test_devices_absent(void **state)
{
    VirtFDTConfig cfg = base_config();
    cfg.devices = 0;
    g_autofree void *fdt = build_ok(&cfg);
    int n = 0;
    int node;
    fdt_for_each_subnode(node, fdt, 0) {
        const char *name = fdt_get_name(fdt, node, NULL);
        assert_true(g_str_has_prefix(name, "intc@") || g_str_has_prefix(name, "memory@") ||
                    !strcmp(name, "cpus") || !strcmp(name, "timer") ||
                    !strcmp(name, "apb-pclk") || !strcmp(name, "psci") ||
                    !strcmp(name, "chosen"));
        n++;
    }
    assert_int_equal(n, 7);
    assert_int_equal(fdt_subnode_offset(fdt, fdt_path_offset(fdt, "/intc@8000000"), "its@8080000"),
                     -FDT_ERR_NOTFOUND);
    assert_false(has_prop(fdt, fdt_path_offset(fdt, "/chosen"), "stdout-path"));

    /* No PSCI: no /psci, and the CPUs say no enable-method. */
    cfg.psci_conduit = VIRT_PSCI_NONE;
    g_autofree void *fdt2 = build_ok(&cfg);
    assert_int_equal(fdt_path_offset(fdt2, "/psci"), -FDT_ERR_NOTFOUND);
    assert_false(has_prop(fdt2, fdt_path_offset(fdt2, "/cpus/cpu@1"), "enable-method"));
}

static void test_chosen(void **state)
{
    VirtFDTConfig cfg = base_config();
    cfg.bootargs = "console=ttyAMA0";
    cfg.has_initrd = true;
    cfg.initrd_start = 0x48000000;
    cfg.initrd_end = 0x48001234;
    g_autofree void *fdt = build_ok(&cfg);
    int chosen = fdt_path_offset(fdt, "/chosen");
    assert_string_equal(fdt_getprop(fdt, chosen, "bootargs", NULL), "console=ttyAMA0");
    int len;
    const fdt32_t *end = fdt_getprop(fdt, chosen, "linux,initrd-end", &len);
    assert_int_equal(len, 4);
    assert_int_equal(fdt32_to_cpu(*end), 0x48001234);

    /* Seeds are random: two builds differ; dtb-randomness=off has none. */
    g_autofree void *again = build_ok(&cfg);
    const void *seed1 = fdt_getprop(fdt, chosen, "rng-seed", &len);
    assert_int_equal(len, 32);
    const void *seed2 = fdt_getprop(again, fdt_path_offset(again, "/chosen"), "rng-seed", NULL);
    assert_memory_not_equal(seed1, seed2, 32);
    cfg.no_randomness = true;
    g_autofree void *plain = build_ok(&cfg);
    chosen = fdt_path_offset(plain, "/chosen");
    assert_false(has_prop(plain, chosen, "rng-seed"));
    assert_false(has_prop(plain, chosen, "kaslr-seed"));

    /* RAM beyond 4 GiB with an initrd there: two-cell addresses. */
    cfg.ram_size = 8ull << 30;
    cfg.initrd_start = 0x100000000;
    cfg.initrd_end = 0x100001000;
    g_autofree void *big = build_ok(&cfg);
    fdt_getprop(big, fdt_path_offset(big, "/chosen"), "linux,initrd-start", &len);
    assert_int_equal(len, 8);
}

/* Impossible configurations come back as errors, never an abort.  Each
 * case is the base configuration with some fields changed (later
 * initializers override earlier ones). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
#define BASE .n_cpus = 2, .cpu_compatible = "arm,cortex-a57", .ram_size = 1ull << 30, \
    .gic_version = 3, .psci_conduit = VIRT_PSCI_HVC, .devices = VIRT_DEV_QEMU_DEFAULT
static const struct {
    const char *what;
    VirtFDTConfig cfg;
} bad_configs[] = {
    { "no CPUs", { BASE, .n_cpus = 0 } },
    { "9 CPUs on a GICv2", { BASE, .gic_version = 2, .n_cpus = 9 } },
    { "513 CPUs", { BASE, .n_cpus = 513 } },
    { "124 CPUs, no high redistributors", { BASE, .n_cpus = 124, .no_highmem = true } },
    { "GIC version 4", { BASE, .gic_version = 4 } },
    { "no RAM", { BASE, .ram_size = 0 } },
    { "RAM past the address space", { BASE, .ram_size = 1ull << 50 } },
    { "RAM over 4 GiB with highmem=off", { BASE, .ram_size = 4ull << 30, .no_highmem = true } },
    { "initrd before RAM", { BASE, .has_initrd = true, .initrd_start = 0x1000, .initrd_end = 0x2000 } },
    { "initrd past RAM", { BASE, .has_initrd = true, .initrd_start = 0x7fff0000, .initrd_end = 0x80010000 } },
    { "initrd ends first", { BASE, .has_initrd = true, .initrd_start = 0x48000000, .initrd_end = 0x47000000 } },
    { "topology of 3 CPUs for 2", { BASE, .sockets = 1, .clusters = 1, .cores = 3, .threads = 1 } },
    { "half a topology", { BASE, .cores = 2 } },
    { "a topology past 2^64 CPUs", { BASE, .sockets = 1u << 31, .clusters = 1u << 31,
                                               .cores = 1u << 31, .threads = 1u << 31 } },
    { "no compatible", { BASE, .cpu_compatible = NULL } },
    { "empty compatible", { BASE, .cpu_compatible = "" } },
    { "unknown PSCI conduit", { BASE, .psci_conduit = 7 } },
    { "blob too small", { BASE, .fdt_size = 512 } },
    { "blob too small for the devices", { BASE, .fdt_size = 4096 } },
    { "blob absurdly large", { BASE, .fdt_size = (size_t)1 << 40 } },
};
#undef BASE
#pragma GCC diagnostic pop

static void test_bad_configs(void **state)
{
    for (size_t i = 0; i < G_N_ELEMENTS(bad_configs); i++) {
        GError *err = NULL;
        size_t size = 12345;
        void *fdt = virt_fdt_build(&bad_configs[i].cfg, &size, &err);
        if (fdt) {
            fail_msg("accepted: %s", bad_configs[i].what);
        }
        assert_non_null(err);
        g_error_free(err);
    }
    GError *err = NULL;
    assert_null(virt_fdt_build(NULL, NULL, &err));
    g_clear_error(&err);

    /* A command line longer than the blob. */
    VirtFDTConfig cfg = base_config();
    g_autofree char *huge = g_strnfill(2 << 20, 'x');
    cfg.bootargs = huge;
    assert_null(virt_fdt_build(&cfg, NULL, &err));
    assert_non_null(strstr(err->message, "larger than"));
    g_clear_error(&err);
    cfg.fdt_size = 4 << 20;
    g_free(build_ok(&cfg));
}

/* dumpdtb writes the whole blob, as qemu does, and reports a failure. */
static void test_dumpdtb(void **state)
{
    VirtFDTConfig cfg = base_config();
    g_autofree void *fdt = build_ok(&cfg);
    g_autofree char *dir = g_dir_make_tmp("test-virt-fdt-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "virt.dtb", NULL);
    assert_int_equal(virt_fdt_dumpdtb(fdt, path), 0);
    g_autofree char *back = NULL;
    gsize len;
    assert_true(g_file_get_contents(path, &back, &len, NULL));
    assert_int_equal(len, VIRT_FDT_DEFAULT_SIZE);
    assert_memory_equal(back, fdt, len);
    g_autofree char *bad = g_build_filename(dir, "missing", "virt.dtb", NULL);
    assert_int_equal(virt_fdt_dumpdtb(fdt, bad), 1);
    g_unlink(path);
    g_rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_low_map),
        cmocka_unit_test(test_high_map),
        cmocka_unit_test(test_irq_map),
        cmocka_unit_test(test_cpu_rules),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_ppi_cpu_mask),
        cmocka_unit_test(test_devices_absent),
        cmocka_unit_test(test_chosen),
        cmocka_unit_test(test_bad_configs),
        cmocka_unit_test(test_dumpdtb),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
