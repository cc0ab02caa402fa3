/*
 * Writes the virt board's device tree for a configuration given on the
 * command line, in qemu's terms, for test-virt-fdt.py to compare with
 * qemu-system-aarch64's own (-M virt,dumpdtb=FILE):
 *
 *   virt-fdt-dump OUT.dtb [--smp N[,sockets=S,clusters=C,cores=K,threads=T]]
 *       [--gic 2|3] [--mem BYTES] [--cpu COMPATIBLE] [--append ARGS]
 *       [--initrd START,END (hex)] [--devices default|none|NAME,NAME...]
 *       [--psci none|hvc|smc] [--no-highmem] [--el2]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "hw/arm/virt-fdt.h"

static const struct {
    const char *name;
    uint32_t bit;
} device_names[] = {
    { "uart", VIRT_DEV_UART },
    { "rtc", VIRT_DEV_RTC },
    { "gpio", VIRT_DEV_GPIO },
    { "virtio-mmio", VIRT_DEV_VIRTIO_MMIO },
    { "flash", VIRT_DEV_FLASH },
    { "fw-cfg", VIRT_DEV_FW_CFG },
    { "pcie", VIRT_DEV_PCIE },
    { "msi", VIRT_DEV_MSI },
    { "pmu", VIRT_DEV_PMU },
    { "platform-bus", VIRT_DEV_PLATFORM_BUS },
};

static bool parse_devices(const char *list, uint32_t *devices)
{
    if (!strcmp(list, "default")) {
        *devices = VIRT_DEV_QEMU_DEFAULT;
        return true;
    }
    *devices = 0;
    if (!strcmp(list, "none")) {
        return true;
    }
    g_auto(GStrv) names = g_strsplit(list, ",", -1);
    for (char **n = names; *n; n++) {
        size_t i;
        for (i = 0; i < G_N_ELEMENTS(device_names); i++) {
            if (!strcmp(*n, device_names[i].name)) {
                *devices |= device_names[i].bit;
                break;
            }
        }
        if (i == G_N_ELEMENTS(device_names)) {
            return false;
        }
    }
    return true;
}

static bool parse_smp(const char *arg, VirtFDTConfig *cfg)
{
    g_auto(GStrv) parts = g_strsplit(arg, ",", -1);
    cfg->n_cpus = strtoul(parts[0], NULL, 0);
    for (char **p = parts + 1; *p; p++) {
        unsigned v;
        if (sscanf(*p, "sockets=%u", &v) == 1) {
            cfg->sockets = v;
        } else if (sscanf(*p, "clusters=%u", &v) == 1) {
            cfg->clusters = v;
        } else if (sscanf(*p, "cores=%u", &v) == 1) {
            cfg->cores = v;
        } else if (sscanf(*p, "threads=%u", &v) == 1) {
            cfg->threads = v;
        } else {
            return false;
        }
    }
    return true;
}

int main(int argc, char **argv)
{
    g_autofree char *smp = g_strdup("1"), *cpu = g_strdup("arm,cortex-a57");
    g_autofree char *append = NULL, *initrd = NULL, *devices = g_strdup("default");
    g_autofree char *psci = g_strdup("hvc"), *mem = g_strdup("0x8000000");
    int gic = 3;
    gboolean no_highmem = FALSE, el2 = FALSE;
    GOptionEntry entries[] = {
        { "smp", 0, 0, G_OPTION_ARG_STRING, &smp, "CPUs and topology", "N[,...]" },
        { "gic", 0, 0, G_OPTION_ARG_INT, &gic, "GIC version", "2|3" },
        { "mem", 0, 0, G_OPTION_ARG_STRING, &mem, "RAM size in bytes", "BYTES" },
        { "cpu", 0, 0, G_OPTION_ARG_STRING, &cpu, "CPU compatible string", "S" },
        { "append", 0, 0, G_OPTION_ARG_STRING, &append, "kernel command line", "S" },
        { "initrd", 0, 0, G_OPTION_ARG_STRING, &initrd, "initrd placement", "START,END" },
        { "devices", 0, 0, G_OPTION_ARG_STRING, &devices, "devices present", "LIST" },
        { "psci", 0, 0, G_OPTION_ARG_STRING, &psci, "PSCI conduit", "none|hvc|smc" },
        { "no-highmem", 0, 0, G_OPTION_ARG_NONE, &no_highmem, "highmem=off", NULL },
        { "el2", 0, 0, G_OPTION_ARG_NONE, &el2, "virtualization=on", NULL },
        { NULL },
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new("OUT.dtb");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc != 2) {
        fprintf(stderr, "virt-fdt-dump: %s\n", err ? err->message : "one output file");
        return 2;
    }

    VirtFDTConfig cfg = {
        .cpu_compatible = cpu,
        .ram_size = g_ascii_strtoull(mem, NULL, 0),
        .gic_version = gic,
        .bootargs = append,
        .no_highmem = no_highmem,
        .has_el2 = el2,
        .psci_conduit = !strcmp(psci, "none") ? VIRT_PSCI_NONE
                        : !strcmp(psci, "smc") ? VIRT_PSCI_SMC : VIRT_PSCI_HVC,
    };
    if (!parse_smp(smp, &cfg) || !parse_devices(devices, &cfg.devices)) {
        fprintf(stderr, "virt-fdt-dump: bad --smp or --devices\n");
        return 2;
    }
    if (initrd) {
        cfg.has_initrd = true;
        if (sscanf(initrd, "%" SCNx64 ",%" SCNx64, &cfg.initrd_start, &cfg.initrd_end) != 2) {
            fprintf(stderr, "virt-fdt-dump: bad --initrd\n");
            return 2;
        }
    }

    size_t size;
    g_autofree void *fdt = virt_fdt_build(&cfg, &size, &err);
    if (!fdt) {
        fprintf(stderr, "virt-fdt-dump: %s\n", err->message);
        return 1;
    }
    g_set_prgname("virt-fdt-dump");
    return virt_fdt_dumpdtb(fdt, argv[1]);
}
