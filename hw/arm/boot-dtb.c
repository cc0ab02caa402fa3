/*
 * -dtb FILE: the user's device tree, edited the way qemu 7.2's
 * arm_load_dtb edits it before boot (observed with -M virt,dumpdtb on a
 * user blob; tests/unit/arm-boot-qemu.py keeps those dumps), so a guest
 * finds the RAM, command line, initrd and PSCI firmware mimic really has,
 * whatever the file said.  Every edit goes through libfdt in qemu's order:
 * libfdt puts each new node and property first in its parent, so the order
 * of the calls is the order of the blob.
 */
#include "hw/arm/boot.h"

#include <inttypes.h>
#include <string.h>

#include <libfdt.h>

/* PSCI 1.0 function IDs of the SMC calling convention (Arm DEN0022,
 * "Function IDs"): the 64-bit forms of the calls that take addresses. */
static const struct { const char *name; uint32_t id; } psci_calls[] = {
    { "cpu_suspend", 0xc4000001 },
    { "cpu_off",     0x84000002 },
    { "cpu_on",      0xc4000003 },
    { "migrate",     0xc4000005 },
};
static const char psci_compatible[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";

/* qemu's load_device_tree room for edits. */
#define DTB_GROW(size) (((size) + 10000) * 2)

static bool is_memory_node(const char *name)
{
    return strcmp(name, "memory") == 0 || g_str_has_prefix(name, "memory@");
}

/* qemu drops the root's nodes named memory[@...] (deeper ones stay: the
 * cells1 case) and writes its own.  NOPs keep the other offsets valid. */
static int replace_memory(void *fdt, const ArmBootInfo *bi, int acells, int scells)
{
    /* found first: the walk cannot go on from a NOP'd node */
    g_autoptr(GArray) doomed = g_array_new(false, false, sizeof(int));
    int node;
    fdt_for_each_subnode(node, fdt, 0) {
        const char *name = fdt_get_name(fdt, node, NULL);
        if (name && is_memory_node(name)) {
            g_array_append_val(doomed, node);
        }
    }
    for (unsigned i = 0; i < doomed->len; i++) {
        int rc = fdt_nop_node(fdt, g_array_index(doomed, int, i));
        if (rc) {
            return rc;
        }
    }
    g_autofree char *name = g_strdup_printf("memory@%" PRIx64, bi->ram_base);
    node = fdt_add_subnode(fdt, 0, name);
    if (node < 0) {
        return node;
    }
    int rc = fdt_setprop_string(fdt, node, "device_type", "memory");
    fdt32_t reg[4];
    int n = 0;
    uint64_t vals[2] = { bi->ram_base, bi->ram_size };
    int cells[2] = { acells, scells };
    for (int i = 0; i < 2; i++) {
        if (cells[i] == 2) {
            reg[n++] = cpu_to_fdt32(vals[i] >> 32);
        }
        reg[n++] = cpu_to_fdt32((uint32_t)vals[i]);
    }
    return rc ? rc : fdt_setprop(fdt, node, "reg", reg, n * sizeof(reg[0]));
}

/* As virt-fdt.c's /chosen: one cell, two where the address needs them. */
static int setprop_addr(void *fdt, int node, const char *name, uint64_t v)
{
    return v >> 32 ? fdt_setprop_u64(fdt, node, name, v)
                   : fdt_setprop_u32(fdt, node, name, (uint32_t)v);
}

static int edit_chosen(void *fdt, const ArmBootInfo *bi, const char *append)
{
    int node = fdt_path_offset(fdt, "/chosen");
    if (node == -FDT_ERR_NOTFOUND) {
        node = fdt_add_subnode(fdt, 0, "chosen");
    }
    if (node < 0) {
        return node;
    }
    int rc = append ? fdt_setprop_string(fdt, node, "bootargs", append) : 0;
    if (!rc && bi->has_initrd) {
        rc = setprop_addr(fdt, node, "linux,initrd-start", bi->initrd_start);
        rc = rc ? rc : setprop_addr(fdt, node, "linux,initrd-end", bi->initrd_end);
    }
    return rc;
}

/* A /psci the file brings may name other function IDs: qemu replaces it. */
static int replace_psci(void *fdt, const char *method)
{
    int node = fdt_path_offset(fdt, "/psci");
    if (node >= 0) {
        int rc = fdt_nop_node(fdt, node);
        if (rc) {
            return rc;
        }
    }
    node = fdt_add_subnode(fdt, 0, "psci");
    if (node < 0) {
        return node;
    }
    int rc = fdt_setprop(fdt, node, "compatible", psci_compatible, sizeof(psci_compatible));
    rc = rc ? rc : fdt_setprop_string(fdt, node, "method", method);
    for (size_t i = 0; !rc && i < G_N_ELEMENTS(psci_calls); i++) {
        rc = fdt_setprop_u32(fdt, node, psci_calls[i].name, psci_calls[i].id);
    }
    return rc;
}

void *arm_boot_load_user_dtb(const ArmBootInfo *bi, const char *path, const char *append,
                             const char *psci_method, size_t *size, GError **errp)
{
    g_autofree char *file = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &file, &len, &err)) {
        arm_boot_fail(errp, "could not load dtb '%s': %s", path, err->message);
        g_error_free(err);
        return NULL;
    }
    int rc = len >= sizeof(struct fdt_header) ? fdt_check_header(file) : -FDT_ERR_TRUNCATED;
    if (rc == 0 && fdt_totalsize(file) > len) {
        rc = -FDT_ERR_TRUNCATED;
    }
    if (rc) {
        arm_boot_fail(errp, "could not load dtb '%s': not a valid device tree (%s)", path,
                      fdt_strerror(rc));
        return NULL;
    }
    size_t cap = DTB_GROW(len);
    g_autofree void *fdt = g_malloc0(cap);
    rc = fdt_open_into(file, fdt, cap);
    if (rc) {
        arm_boot_fail(errp, "could not load dtb '%s': %s", path, fdt_strerror(rc));
        return NULL;
    }
    /* qemu refuses 0 cells; more than 2 would not hold a 64-bit address */
    int acells = fdt_address_cells(fdt, 0), scells = fdt_size_cells(fdt, 0);
    if (acells < 1 || acells > 2 || scells < 1 || scells > 2) {
        arm_boot_fail(errp, "dtb file '%s' invalid (#address-cells or #size-cells not 1 "
                      "or 2)", path);
        return NULL;
    }
    if ((scells == 1 && bi->ram_size >> 32) || (acells == 1 && (bi->ram_base >> 32))) {
        arm_boot_fail(errp, "dtb file '%s' not compatible with RAM above 4 GiB", path);
        return NULL;
    }
    rc = replace_memory(fdt, bi, acells, scells);
    rc = rc ? rc : edit_chosen(fdt, bi, append);
    rc = rc || !psci_method ? rc : replace_psci(fdt, psci_method);
    if (rc) {
        arm_boot_fail(errp, "could not edit dtb '%s': %s", path, fdt_strerror(rc));
        return NULL;
    }
    *size = fdt_totalsize(fdt);
    return g_steal_pointer(&fdt);
}
