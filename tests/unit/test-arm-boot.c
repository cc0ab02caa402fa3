/*
 * Unit tests of hw/arm/boot.c, the -kernel/-initrd/-dtb loader, on an
 * address space laid out as the virt board's (RAM at 0x40000000):
 * every case qemu-system-aarch64 7.2 was run on (data/arm-boot-qemu.txt,
 * made by arm-boot-qemu.py, which builds its inputs the way the helpers
 * below do) lands at qemu's addresses with qemu's registers; the bytes
 * land where the returned addresses say; -dtb edits /chosen; and each
 * bad input is refused with one error line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <elf.h>
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libfdt.h>

#include "hw/arm/boot.h"
#include "hw/arm/virt-fdt.h"
#include "softmmu/memory.h"

#define RAM_BASE 0x40000000ull
#define MIB      (1ull << 20)
#define FILE_SIZE 4096          /* as arm-boot-qemu.py */

typedef struct Board {
    MemoryRegion root, ram;
    AddressSpace as;
    ArmBootInfo bi;
} Board;

static char *tmpdir;

static Board *board_new(uint64_t ram_size)
{
    Board *b = g_new0(Board, 1);
    memory_region_init_container(&b->root, "system", 0);
    assert_true(memory_region_init_ram(&b->ram, "ram", ram_size));
    memory_region_add_subregion(&b->root, RAM_BASE, &b->ram);
    address_space_init(&b->as, &b->root, "memory");
    b->bi = (ArmBootInfo){ .as = &b->as, .ram_base = RAM_BASE, .ram_size = ram_size };
    return b;
}

static void board_free(Board *b)
{
    address_space_destroy(&b->as);
    memory_region_del_subregion(&b->root, &b->ram);
    memory_region_destroy(&b->ram);
    memory_region_destroy(&b->root);
    g_free(b);
}

static char *write_file(const char *name, const void *buf, size_t len)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    assert_true(g_file_set_contents(path, buf, len, NULL));
    return path;
}

/* --- inputs, built as arm-boot-qemu.py builds them ------------------- */

static void pattern(uint8_t *out, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        out[i] = (uint8_t)(i * 7 + seed);
    }
}

static void put32(uint8_t *p, uint32_t v) { v = GUINT32_TO_LE(v); memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { v = GUINT64_TO_LE(v); memcpy(p, &v, 8); }

/* arm64 Image (Documentation/arm64/booting.rst): code0 "b +0x40",
 * text_offset at 8, image_size at 16, flags at 24 (LE, 4K), "ARM\x64" at
 * 0x38, then FILE_SIZE - 64 pattern bytes. */
static uint8_t *image_bytes(uint64_t text_offset, uint64_t image_size)
{
    uint8_t *b = g_malloc0(FILE_SIZE);
    put32(b, 0x14000010);
    put64(b + 8, text_offset);
    put64(b + 16, image_size);
    put64(b + 24, 2);
    memcpy(b + 0x38, "ARM\x64", 4);
    pattern(b + 64, FILE_SIZE - 64, 1);
    return b;
}

typedef struct ElfSeg { uint64_t paddr, vaddr, filesz, memsz; } ElfSeg;

/* ELF64 LE AArch64 executable (System V gABI, "ELF Header", "Program
 * Header"), segment i's file bytes at 0x1000 + i * 0x1000, pattern 3 + i. */
static uint8_t *elf_bytes(uint64_t entry, const ElfSeg *seg, unsigned n, size_t *len)
{
    *len = 0x1000 * (n + 1);
    uint8_t *b = g_malloc0(*len);
    Elf64_Ehdr eh = { .e_type = ET_EXEC, .e_machine = EM_AARCH64, .e_version = EV_CURRENT,
                      .e_entry = entry, .e_phoff = 64, .e_ehsize = 64,
                      .e_phentsize = sizeof(Elf64_Phdr), .e_phnum = n };
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    memcpy(b, &eh, sizeof(eh));
    for (unsigned i = 0; i < n; i++) {
        Elf64_Phdr ph = { .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
                          .p_offset = 0x1000 * (i + 1), .p_vaddr = seg[i].vaddr,
                          .p_paddr = seg[i].paddr, .p_filesz = seg[i].filesz,
                          .p_memsz = seg[i].memsz, .p_align = 0x1000 };
        memcpy(b + 64 + i * sizeof(ph), &ph, sizeof(ph));
        pattern(b + 0x1000 * (i + 1), MIN(seg[i].filesz, 0x1000), 3 + i);
    }
    return b;
}

static uint8_t *gzip_bytes(const uint8_t *in, size_t len, size_t *out_len)
{
    GConverter *c = G_CONVERTER(g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
    size_t cap = len + len / 100 + 1024;
    uint8_t *out = g_malloc(cap);
    gsize rd, wr;
    GConverterResult r = g_converter_convert(c, in, len, out, cap, G_CONVERTER_INPUT_AT_END,
                                             &rd, &wr, NULL);
    assert_int_equal(r, G_CONVERTER_FINISHED);
    g_object_unref(c);
    *out_len = wr;
    return out;
}

static uint64_t field(GHashTable *kv, const char *key)
{
    const char *v = g_hash_table_lookup(kv, key);
    assert_non_null(v);
    return g_ascii_strtoull(v, NULL, 0);
}

/* A kernel file from the case's fields; *content is what must land in RAM
 * (the decompressed bytes; NULL for an ELF, checked apart). */
static char *make_kernel(GHashTable *kv, uint8_t **content, size_t *content_len)
{
    const char *kind = g_hash_table_lookup(kv, "kind");
    size_t len = FILE_SIZE, zlen;
    uint8_t *raw;
    *content = NULL;
    *content_len = FILE_SIZE;
    if (g_str_has_prefix(kind, "image")) {
        raw = image_bytes(field(kv, "text_offset"), field(kv, "image_size"));
    } else if (g_str_has_prefix(kind, "raw")) {
        raw = g_malloc(FILE_SIZE);
        pattern(raw, FILE_SIZE, 5);
    } else {
        ElfSeg s = { field(kv, "paddr"), field(kv, "vaddr"), 0x100, 0x200 };
        raw = elf_bytes(field(kv, "e_entry"), &s, 1, &len);
        char *path = write_file("kernel", raw, len);
        g_free(raw);
        return path;
    }
    *content = raw;
    if (g_str_has_suffix(kind, "-gz")) {
        g_autofree uint8_t *z = gzip_bytes(raw, FILE_SIZE, &zlen);
        return write_file("kernel", z, zlen);
    }
    return write_file("kernel", raw, len);
}

static void assert_ram(Board *b, uint64_t addr, const uint8_t *want, size_t len)
{
    g_autofree uint8_t *got = g_malloc(len);
    assert_int_equal(address_space_read(&b->as, addr, got, len), MEMTX_OK);
    assert_memory_equal(got, want, len);
}

/* The board's own tree, for the case's RAM and initrd (qemu's default
 * virt: GICv2, PSCI over HVC, every default device). */
static void *virt_dtb(const ArmBootInfo *bi, size_t *size)
{
    VirtFDTConfig cfg = {
        .n_cpus = 1, .cpu_compatible = "arm,cortex-a57", .ram_size = bi->ram_size,
        .gic_version = 2, .psci_conduit = VIRT_PSCI_HVC, .has_initrd = bi->has_initrd,
        .initrd_start = bi->initrd_start, .initrd_end = bi->initrd_end,
        .no_randomness = true, .devices = VIRT_DEV_QEMU_DEFAULT,
    };
    GError *err = NULL;
    void *fdt = virt_fdt_build(&cfg, size, &err);
    assert_null(err);
    return fdt;
}

/* --- qemu's placements ------------------------------------------------ */

static GHashTable *parse_line(const char *line);

static void check_case(const char *line)
{
    g_autoptr(GHashTable) kv = parse_line(line);
    const char *ram = g_hash_table_lookup(kv, "ram");
    uint64_t ram_size = g_ascii_strtoull(ram, NULL, 10) *
                        (g_str_has_suffix(ram, "G") ? 1024 * MIB : MIB);
    Board *b = board_new(ram_size);
    uint8_t *content;
    size_t content_len;
    g_autofree char *kpath = make_kernel(kv, &content, &content_len);
    GError *err = NULL;
    print_message("  %s\n", (char *)g_hash_table_lookup(kv, "case"));

    assert_true(arm_boot_load_kernel(&b->bi, kpath, &err));
    const char *rd = g_hash_table_lookup(kv, "initrd");
    g_autofree uint8_t *rd_bytes = NULL;
    size_t rd_len = 0;
    if (strcmp(rd, "-") != 0) {
        rd_len = strtoul(rd, NULL, 10);
        rd_bytes = g_malloc(rd_len);
        pattern(rd_bytes, rd_len, 9);
        g_autofree char *rpath = write_file("initrd", rd_bytes, rd_len);
        assert_true(arm_boot_load_initrd(&b->bi, rpath, &err));
    }
    size_t dtb_size;
    g_autofree void *dtb = virt_dtb(&b->bi, &dtb_size);
    assert_true(arm_boot_place_dtb(&b->bi, dtb, dtb_size, &err));
    ArmBootRegs regs;
    arm_boot_cpu_regs(&b->bi, &regs);

    assert_int_equal(regs.pc, field(kv, "q_pc"));
    assert_int_equal(regs.x[0], field(kv, "q_x0"));
    assert_int_equal(regs.pstate, field(kv, "q_pstate"));
    assert_int_equal(b->bi.entry, field(kv, "q_entry"));
    assert_int_equal(b->bi.has_dtb ? b->bi.dtb_addr : 0, field(kv, "q_dtb"));
    assert_int_equal(b->bi.has_initrd ? b->bi.initrd_start : 0, field(kv, "q_initrd_start"));
    assert_int_equal(b->bi.has_initrd ? b->bi.initrd_end : 0, field(kv, "q_initrd_end"));

    /* and the bytes are there */
    if (content) {
        assert_ram(b, b->bi.entry, content, content_len);
    }
    if (b->bi.has_initrd) {
        assert_ram(b, b->bi.initrd_start, rd_bytes, rd_len);
    }
    if (b->bi.has_dtb) {
        assert_ram(b, b->bi.dtb_addr, dtb, dtb_size);
    }
    g_free(content);
    board_free(b);
}

static void test_qemu_cases(void **state)
{
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(ORACLE_FILE, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    int n = 0;
    for (int i = 0; lines[i]; i++) {
        if (g_str_has_prefix(lines[i], "case=")) {
            check_case(lines[i]);
            n++;
        }
    }
    assert_true(n >= 10);
}

/* The stub's words are the A64 encodings (ARM ARM C6.2: LDR (literal)
 * 0x58000000 | imm19 << 5 | Rt, ORR (shifted register) with Rn = Rm = XZR
 * as MOV, BR 0xd61f0000 | Rn << 5), as qemu 7.2 wrote them (`xp /10xw
 * 0x40000000` on the image-80000-rd case: 0x580000c0 0xaa1f03e1 0xaa1f03e2
 * 0xaa1f03e3 0x58000084 0xd61f0080, then DTB 0x48200000, entry 0x40080000). */
static void test_stub(void **state)
{
    Board *b = board_new(256 * MIB);
    g_autofree uint8_t *img = image_bytes(0x80000, 0x10000);
    g_autofree char *k = write_file("stub-kernel", img, FILE_SIZE);
    uint8_t rd[200] = { 0 };
    g_autofree char *r = write_file("stub-initrd", rd, sizeof(rd));
    GError *err = NULL;
    assert_true(arm_boot_load_kernel(&b->bi, k, &err));
    assert_true(arm_boot_load_initrd(&b->bi, r, &err));
    uint8_t fdt[256];
    assert_int_equal(fdt_create_empty_tree(fdt, sizeof(fdt)), 0);
    assert_true(arm_boot_place_dtb(&b->bi, fdt, fdt_totalsize(fdt), &err));
    static const uint32_t want[10] = {
        0x580000c0, 0xaa1f03e1, 0xaa1f03e2, 0xaa1f03e3, 0x58000084, 0xd61f0080,
        0x48200000, 0, 0x40080000, 0,
    };
    uint32_t got[10];
    assert_int_equal(address_space_read(&b->as, RAM_BASE, got, sizeof(got)), MEMTX_OK);
    for (int i = 0; i < 10; i++) {
        assert_int_equal(GUINT32_FROM_LE(got[i]), want[i]);
    }
    board_free(b);
}

/* ELF: memsz beyond filesz is zeroed; segments load apart; a segment's
 * memsz that runs into another segment is cut to its filesz (qemu's
 * load_elf: ROM-packed data relocated at run time), so the bytes past its
 * filesz are left alone; the DTB slot at RAM base ends at the ELF. */
static void test_elf_segments(void **state)
{
    Board *b = board_new(64 * MIB);
    uint8_t ones[0x300];
    memset(ones, 0xff, sizeof(ones));
    address_space_write(&b->as, 0x40100000, ones, sizeof(ones));
    address_space_write(&b->as, 0x40200000, ones, sizeof(ones));
    ElfSeg s[3] = { { 0x40100000, 0x40100000, 0x100, 0x300 },
                    { 0x40100200, 0x40100200, 0x80, 0x80 },
                    { 0x40200000, 0x40200000, 0x80, 0x200 } };
    size_t len;
    g_autofree uint8_t *elf = elf_bytes(0x40100000, s, 3, &len);
    g_autofree char *k = write_file("two.elf", elf, len);
    GError *err = NULL;
    assert_true(arm_boot_load_kernel(&b->bi, k, &err));
    assert_int_equal(b->bi.format, ARM_BOOT_ELF);
    assert_false(b->bi.is_linux);
    assert_int_equal(b->bi.kernel_low, 0x40100000);
    assert_int_equal(b->bi.kernel_high, 0x40200200);
    assert_ram(b, 0x40100000, elf + 0x1000, 0x100);
    assert_ram(b, 0x40100100, ones, 0x100);         /* memsz cut at the next segment */
    assert_ram(b, 0x40100200, elf + 0x2000, 0x80);
    assert_ram(b, 0x40100280, ones, 0x80);
    uint8_t zero[0x180] = { 0 };
    assert_ram(b, 0x40200000, elf + 0x3000, 0x80);
    assert_ram(b, 0x40200080, zero, 0x180);         /* the .bss part zeroed */
    assert_ram(b, 0x40200200, ones, 0x100);

    /* the initrd is ignored for bare metal, as qemu */
    g_autofree char *r = write_file("elf-initrd", "x", 1);
    assert_true(arm_boot_load_initrd(&b->bi, r, &err));
    assert_false(b->bi.has_initrd);

    /* a DTB larger than the gap below the ELF does not fit */
    g_autofree uint8_t *big = g_malloc0(0x100001);
    assert_int_equal(fdt_create_empty_tree(big, 0x100001), 0);
    assert_false(arm_boot_place_dtb(&b->bi, big, 0x100001, &err));
    assert_non_null(err);
    g_clear_error(&err);
    assert_int_equal(fdt_create_empty_tree(big, 0x1000), 0);
    assert_true(arm_boot_place_dtb(&b->bi, big, 0x1000, &err));
    assert_int_equal(b->bi.dtb_addr, RAM_BASE);
    ArmBootRegs regs;
    arm_boot_cpu_regs(&b->bi, &regs);
    assert_int_equal(regs.pc, 0x40100000);
    assert_int_equal(regs.x[0], 0);
    board_free(b);
}

/* An ELF for another machine, or 32-bit, is refused (qemu 7.2 exits 1:
 * load_elf's ELF_LOAD_WRONG_ARCH; checked with an x86-64 e_machine). */
static void test_foreign_elf(void **state)
{
    Board *b = board_new(64 * MIB);
    ElfSeg s = { 0x40100000, 0x40100000, 0x100, 0x100 };
    size_t len;
    g_autofree uint8_t *elf = elf_bytes(0x40100000, &s, 1, &len);
    elf[18] = EM_X86_64;            /* e_machine, 16 bits LE */
    elf[19] = 0;
    g_autofree char *k = write_file("x86.elf", elf, len);
    GError *err = NULL;
    assert_false(arm_boot_load_kernel(&b->bi, k, &err));
    assert_non_null(strstr(err->message, "not AArch64"));
    g_clear_error(&err);
    elf[EI_CLASS] = ELFCLASS32;
    g_autofree char *k32 = write_file("32.elf", elf, len);
    assert_false(arm_boot_load_kernel(&b->bi, k32, &err));
    assert_non_null(strstr(err->message, "ELF64"));
    g_clear_error(&err);
    board_free(b);
}

/* A gzip that inflates to far more than its own size (3 MiB from a few
 * KiB) lands whole, as a raw kernel at RAM + 0x80000. */
static void test_big_gzip(void **state)
{
    Board *b = board_new(16 * MIB);
    size_t n = 3 * MIB + 123, zlen;
    g_autofree uint8_t *raw = g_malloc0(n);
    pattern(raw + n - 4096, 4096, 11);
    g_autofree uint8_t *z = gzip_bytes(raw, n, &zlen);
    assert_true(zlen < n / 100);
    g_autofree char *k = write_file("big.gz", z, zlen);
    GError *err = NULL;
    assert_true(arm_boot_load_kernel(&b->bi, k, &err));
    assert_int_equal(b->bi.format, ARM_BOOT_RAW_GZIP);
    assert_int_equal(b->bi.kernel_high - b->bi.kernel_low, n);
    assert_ram(b, RAM_BASE + 0x80000, raw, n);
    board_free(b);
}

/* -dtb: the user's tree gets /memory@40000000 covering RAM in the root's
 * cells, /chosen bootargs and the initrd's bounds in one cell each (as
 * qemu's dumps: data/arm-boot-dtb-full.qemu.dtb), and no /psci when the
 * board has no PSCI conduit. */
static void test_user_dtb(void **state)
{
    Board *b = board_new(256 * MIB);
    g_autofree uint8_t *img = image_bytes(0x80000, 0x10000);
    g_autofree char *k = write_file("u-kernel", img, FILE_SIZE);
    g_autofree char *r = write_file("u-initrd", "0123456789", 10);
    GError *err = NULL;
    assert_true(arm_boot_load_kernel(&b->bi, k, &err));
    assert_true(arm_boot_load_initrd(&b->bi, r, &err));

    for (int cells = 1; cells <= 2; cells++) {
        uint8_t user[512];
        assert_int_equal(fdt_create_empty_tree(user, sizeof(user)), 0);
        assert_int_equal(fdt_setprop_u32(user, 0, "#address-cells", cells), 0);
        assert_int_equal(fdt_setprop_u32(user, 0, "#size-cells", cells), 0);
        assert_true(fdt_add_subnode(user, 0, "memory@0") >= 0);
        g_autofree char *d = write_file("user.dtb", user, fdt_totalsize(user));
        size_t size;
        g_autofree void *fdt = arm_boot_load_user_dtb(&b->bi, d, "console=ttyAMA0", NULL,
                                                      &size, &err);
        assert_null(err);
        assert_int_equal(fdt_check_header(fdt), 0);
        assert_int_equal(size, fdt_totalsize(fdt));
        assert_int_equal(size, (fdt_totalsize(user) + 10000) * 2);
        assert_int_equal(fdt_path_offset(fdt, "/memory@0"), -FDT_ERR_NOTFOUND);
        assert_int_equal(fdt_path_offset(fdt, "/psci"), -FDT_ERR_NOTFOUND);
        int mem = fdt_path_offset(fdt, "/memory@40000000");
        assert_true(mem >= 0);
        int len;
        const fdt32_t *reg = fdt_getprop(fdt, mem, "reg", &len);
        assert_int_equal(len, 8 * cells);
        assert_int_equal(fdt32_ld(&reg[cells - 1]), 0x40000000);
        assert_int_equal(fdt32_ld(&reg[2 * cells - 1]), 256 * MIB);
        int chosen = fdt_path_offset(fdt, "/chosen");
        assert_true(chosen >= 0);
        assert_string_equal(fdt_getprop(fdt, chosen, "bootargs", NULL), "console=ttyAMA0");
        const fdt32_t *p = fdt_getprop(fdt, chosen, "linux,initrd-start", &len);
        assert_int_equal(len, 4);
        assert_int_equal(fdt32_ld(p), 0x48000000);
        p = fdt_getprop(fdt, chosen, "linux,initrd-end", &len);
        assert_int_equal(fdt32_ld(p), 0x4800000a);
        assert_true(arm_boot_place_dtb(&b->bi, fdt, size, &err));
        assert_int_equal(b->bi.dtb_addr, 0x48200000);
    }
    board_free(b);
}

/* -dtb against qemu: mimic's edit of each recorded input blob is byte for
 * byte the blob qemu 7.2 dumped for it (same kernel, initrd, -append). */
static void check_user_dtb_case(GHashTable *kv)
{
    const char *name = g_hash_table_lookup(kv, "dtb");
    g_autofree char *dir = g_path_get_dirname(ORACLE_FILE);
    g_autofree char *in = g_strdup_printf("%s/arm-boot-dtb-%s.in.dtb", dir, name);
    g_autofree char *want_path = g_strdup_printf("%s/arm-boot-dtb-%s.qemu.dtb", dir, name);
    print_message("  -dtb %s\n", name);
    Board *b = board_new(256 * MIB);
    g_autofree uint8_t *img = image_bytes(0x80000, 0x10000);
    g_autofree char *k = write_file("d-kernel", img, FILE_SIZE);
    GError *err = NULL;
    assert_true(arm_boot_load_kernel(&b->bi, k, &err));
    const char *rd = g_hash_table_lookup(kv, "initrd");
    if (strcmp(rd, "-") != 0) {
        size_t rd_len = strtoul(rd, NULL, 10);
        g_autofree uint8_t *bytes = g_malloc(rd_len);
        pattern(bytes, rd_len, 9);
        g_autofree char *r = write_file("d-initrd", bytes, rd_len);
        assert_true(arm_boot_load_initrd(&b->bi, r, &err));
    }
    const char *append = g_hash_table_lookup(kv, "append");
    size_t size;
    g_autofree void *fdt = arm_boot_load_user_dtb(&b->bi, in, strcmp(append, "-") ? append : NULL,
                                                  "hvc", &size, &err);
    assert_null(err);
    g_autofree char *want = NULL;
    gsize want_len;
    assert_true(g_file_get_contents(want_path, &want, &want_len, NULL));
    assert_int_equal(size, want_len);
    assert_memory_equal(fdt, want, want_len);
    board_free(b);
}

static GHashTable *parse_line(const char *line)
{
    GHashTable *kv = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_auto(GStrv) f = g_strsplit(line, " ", -1);
    for (int i = 0; f[i]; i++) {
        char *eq = strchr(f[i], '=');
        assert_non_null(eq);
        g_hash_table_insert(kv, g_strndup(f[i], eq - f[i]), g_strdup(eq + 1));
    }
    return kv;
}

static void test_user_dtb_qemu(void **state)
{
    g_autofree char *text = NULL;
    assert_true(g_file_get_contents(ORACLE_FILE, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    int n = 0;
    for (int i = 0; lines[i]; i++) {
        if (g_str_has_prefix(lines[i], "dtb=")) {
            g_autoptr(GHashTable) kv = parse_line(lines[i]);
            check_user_dtb_case(kv);
            n++;
        }
    }
    assert_true(n >= 3);
}

/* --- bad input: one error line each, nothing crashes ----------------- */

static void expect_kernel_error(uint64_t ram_size, const char *name, const void *buf,
                                size_t len, const char *want)
{
    Board *b = board_new(ram_size);
    g_autofree char *path = buf ? write_file(name, buf, len)
                                : g_build_filename(tmpdir, name, NULL);
    GError *err = NULL;
    assert_false(arm_boot_load_kernel(&b->bi, path, &err));
    assert_non_null(err);
    print_message("  %s: %s\n", name, err->message);
    assert_null(strchr(err->message, '\n'));
    assert_non_null(strstr(err->message, want));
    g_error_free(err);
    board_free(b);
}

static void test_bad_kernels(void **state)
{
    expect_kernel_error(64 * MIB, "missing", NULL, 0, "could not load kernel");
    expect_kernel_error(64 * MIB, "empty", "", 0, "empty file");

    g_autofree uint8_t *img = image_bytes(0x80000, 0x10000);
    expect_kernel_error(64 * MIB, "truncated", img, 0x3c, "truncated");

    g_autofree uint8_t *huge = image_bytes(0x80000, 65 * MIB);
    expect_kernel_error(64 * MIB, "huge", huge, FILE_SIZE, "too large to fit in RAM");
    /* fits in RAM but not after its text_offset */
    g_autofree uint8_t *edge = image_bytes(0x80000, 64 * MIB);
    expect_kernel_error(64 * MIB, "edge", edge, FILE_SIZE, "does not fit");

    /* -m smaller than a raw kernel: 2 MiB of RAM, 3 MiB of file */
    g_autofree uint8_t *raw = g_malloc0(3 * MIB);
    expect_kernel_error(2 * MIB, "raw-big", raw, 3 * MIB, "too large to fit in RAM");

    size_t len;
    ElfSeg below = { 0x3ff00000, 0x3ff00000, 0x100, 0x100 };
    g_autofree uint8_t *e1 = elf_bytes(0x3ff00000, &below, 1, &len);
    expect_kernel_error(64 * MIB, "elf-below", e1, len, "outside RAM");
    ElfSeg above = { 0x43fffff0, 0x43fffff0, 0x100, 0x100 };
    g_autofree uint8_t *e2 = elf_bytes(0x43fffff0, &above, 1, &len);
    expect_kernel_error(64 * MIB, "elf-above", e2, len, "outside RAM");
    ElfSeg wrap = { UINT64_MAX - 0x10, UINT64_MAX - 0x10, 0x100, 0x100 };
    g_autofree uint8_t *e3 = elf_bytes(0, &wrap, 1, &len);
    expect_kernel_error(64 * MIB, "elf-wrap", e3, len, "outside RAM");
    ElfSeg two[2] = { { 0x40100000, 0x40100000, 0x100, 0x100 },
                      { 0x40100080, 0x40100080, 0x100, 0x100 } };
    g_autofree uint8_t *e4 = elf_bytes(0x40100000, two, 2, &len);
    expect_kernel_error(64 * MIB, "elf-overlap", e4, len, "overlap");
    ElfSeg past = { 0x40100000, 0x40100000, 0x2000, 0x2000 };   /* filesz past EOF */
    g_autofree uint8_t *e5 = elf_bytes(0x40100000, &past, 1, &len);
    expect_kernel_error(64 * MIB, "elf-short", e5, len, "outside the file");
    g_autofree uint8_t *e6 = elf_bytes(0x40100000, &past, 1, &len);
    put64(e6 + 32, 0xfffffffffff0ull);                          /* e_phoff */
    expect_kernel_error(64 * MIB, "elf-phoff", e6, len, "program headers");

    size_t zlen;
    g_autofree uint8_t *z = gzip_bytes(img, FILE_SIZE, &zlen);
    g_autofree uint8_t *zbad = g_memdup2(z, zlen);
    for (size_t i = 10; i < zlen - 8; i++) {
        zbad[i] ^= 0x5a;
    }
    expect_kernel_error(64 * MIB, "corrupt.gz", zbad, zlen, "decompress");
    expect_kernel_error(64 * MIB, "cut.gz", z, zlen / 2, "decompress");
}

static void test_bad_initrd_and_dtb(void **state)
{
    Board *b = board_new(2 * MIB + 0x100000);   /* kernel ends at RAM + 2 MiB + 64 KiB */
    g_autofree uint8_t *img = image_bytes(0, 0x10000);
    g_autofree char *k = write_file("b-kernel", img, FILE_SIZE);
    GError *err = NULL;
    assert_true(arm_boot_load_kernel(&b->bi, k, &err));
    assert_int_equal(b->bi.initrd_start, RAM_BASE + 2 * MIB + 0x10000);

    g_autofree char *missing = g_build_filename(tmpdir, "no-initrd", NULL);
    assert_false(arm_boot_load_initrd(&b->bi, missing, &err));
    assert_non_null(strstr(err->message, "could not load initrd"));
    g_clear_error(&err);
    g_autofree uint8_t *big = g_malloc0(0x100000);
    g_autofree char *r = write_file("big-initrd", big, 0x100000);
    assert_false(arm_boot_load_initrd(&b->bi, r, &err));
    assert_non_null(strstr(err->message, "too big to fit"));
    g_clear_error(&err);
    assert_false(b->bi.has_initrd);

    /* the DTB goes 2 MiB-aligned after the initrd slot: past this RAM */
    uint8_t fdt[256];
    assert_int_equal(fdt_create_empty_tree(fdt, sizeof(fdt)), 0);
    assert_false(arm_boot_place_dtb(&b->bi, fdt, fdt_totalsize(fdt), &err));
    assert_non_null(strstr(err->message, "DTB"));
    g_clear_error(&err);

    /* a kernel that fills RAM leaves no room for an initrd */
    Board *full = board_new(2 * MIB + 0x10000);
    assert_true(arm_boot_load_kernel(&full->bi, k, &err));
    assert_false(arm_boot_load_initrd(&full->bi, r, &err));
    assert_non_null(strstr(err->message, "not enough space after kernel"));
    g_clear_error(&err);
    board_free(full);

    /* -dtb: missing, not an FDT, truncated */
    size_t size;
    assert_null(arm_boot_load_user_dtb(&b->bi, missing, NULL, NULL, &size, &err));
    g_clear_error(&err);
    g_autofree char *junk = write_file("junk.dtb", "not a device tree at all, really", 32);
    assert_null(arm_boot_load_user_dtb(&b->bi, junk, NULL, NULL, &size, &err));
    assert_non_null(strstr(err->message, "not a valid device tree"));
    g_clear_error(&err);
    g_autofree char *cut = write_file("cut.dtb", fdt, 40);
    assert_null(arm_boot_load_user_dtb(&b->bi, cut, NULL, NULL, &size, &err));
    assert_non_null(strstr(err->message, "not a valid device tree"));
    g_clear_error(&err);
    /* qemu refuses #address-cells 0 ("dtb file invalid") */
    uint8_t zc[256];
    assert_int_equal(fdt_create_empty_tree(zc, sizeof(zc)), 0);
    assert_int_equal(fdt_setprop_u32(zc, 0, "#address-cells", 0), 0);
    g_autofree char *zp = write_file("zero-cells.dtb", zc, fdt_totalsize(zc));
    assert_null(arm_boot_load_user_dtb(&b->bi, zp, NULL, NULL, &size, &err));
    assert_non_null(strstr(err->message, "invalid"));
    g_clear_error(&err);
    board_free(b);
}

static int setup(void **state)
{
    tmpdir = g_dir_make_tmp("test-arm-boot-XXXXXX", NULL);
    return tmpdir ? 0 : -1;
}

static int teardown(void **state)
{
    GDir *d = g_dir_open(tmpdir, 0, NULL);
    for (const char *n; d && (n = g_dir_read_name(d));) {
        g_autofree char *p = g_build_filename(tmpdir, n, NULL);
        g_unlink(p);
    }
    if (d) {
        g_dir_close(d);
    }
    g_rmdir(tmpdir);
    g_free(tmpdir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qemu_cases),
        cmocka_unit_test(test_stub),
        cmocka_unit_test(test_elf_segments),
        cmocka_unit_test(test_foreign_elf),
        cmocka_unit_test(test_big_gzip),
        cmocka_unit_test(test_user_dtb),
        cmocka_unit_test(test_user_dtb_qemu),
        cmocka_unit_test(test_bad_kernels),
        cmocka_unit_test(test_bad_initrd_and_dtb),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
