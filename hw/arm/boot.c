/*
 * The arm64 direct kernel boot loader: recognises the -kernel file,
 * copies it, the initrd and the DTB into guest RAM at qemu-system-aarch64
 * 7.2's addresses, writes qemu's boot stub, and gives CPU 0's first
 * registers.  See boot.h for the order the board calls it in.
 */
#include "hw/arm/boot.h"

#include <elf.h>
#include <inttypes.h>
#include <string.h>

#include <gio/gio.h>

#define MIB (1ull << 20)

/* qemu's constants (hw/arm/boot.c): where an Image without usable header,
 * or a raw binary, goes; the low RAM its boot stub may use, below which an
 * Image's text_offset is moved up by 2 MiB; the largest gunzip. */
#define RAW_LOAD_OFFSET     0x80000
#define STUB_RESERVED       0x1000
#define IMAGE_BUMP          (2 * MIB)
#define MAX_GUNZIP_BYTES    (256 * MIB)
#define INITRD_MAX_OFFSET   (128 * MIB)
#define GUEST_PAGE          0x1000
#define LINUX_DTB_ALIGN     (2 * MIB)   /* early arm64 kernels map the DTB's 2 MiB block */

/* arm64 Image header (Documentation/arm64/booting.rst, "Call the kernel
 * image"): code0/1, text_offset at 8, image_size at 16, flags at 24,
 * magic "ARM\x64" at 56; 64 bytes in all, little-endian. */
#define IMAGE_HEADER_SIZE   64
#define IMAGE_TEXT_OFFSET   8
#define IMAGE_SIZE_OFFSET   16
#define IMAGE_MAGIC_OFFSET  56

/* PSTATE at reset: EL1h (M = 0b0101) with D, A, I, F set; qemu shows Z set
 * too (NZCV are UNKNOWN architecturally). */
#define RESET_PSTATE        0x400003c5u

G_DEFINE_QUARK(arm-boot-error-quark, arm_boot_error)

bool arm_boot_fail(GError **errp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_propagate_error(errp, g_error_new_valist(arm_boot_error_quark(), 0, fmt, ap));
    va_end(ap);
    return false;
}

/* This file's many messages read better with the short name. */
#define fail arm_boot_fail

static uint64_t le64_at(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return GUINT64_FROM_LE(v);
}

static uint64_t ram_end(const ArmBootInfo *bi)
{
    return bi->ram_base + bi->ram_size;
}

static bool in_ram(const ArmBootInfo *bi, uint64_t addr, uint64_t len)
{
    return addr >= bi->ram_base && addr <= ram_end(bi) && len <= ram_end(bi) - addr;
}

static bool write_ram(const ArmBootInfo *bi, uint64_t addr, const void *buf, uint64_t len)
{
    return len == 0 || address_space_write(bi->as, addr, buf, len) == MEMTX_OK;
}

/* --- gzip ------------------------------------------------------------- */

static bool is_gzip(const uint8_t *buf, size_t len)
{
    return len >= 2 && buf[0] == 0x1f && buf[1] == 0x8b;   /* RFC 1952 ID1 ID2 */
}

/* Inflates a gzip stream of at most MAX_GUNZIP_BYTES.  qemu, on a corrupt
 * stream, says so and loads the file raw; a file that starts with the gzip
 * magic is never a sensible raw kernel, so here it is an error. */
static uint8_t *gunzip(const uint8_t *in, size_t in_len, size_t *out_len, GError **errp)
{
    GConverter *conv = G_CONVERTER(g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_GZIP));
    size_t cap = MAX(in_len * 4, 4096), len = 0, pos = 0;
    uint8_t *out = g_malloc(cap);
    bool ok = false;

    for (;;) {
        gsize rd = 0, wr = 0;
        GError *err = NULL;
        GConverterResult r = g_converter_convert(conv, in + pos, in_len - pos, out + len,
                                                 cap - len, G_CONVERTER_INPUT_AT_END,
                                                 &rd, &wr, &err);
        pos += rd;
        len += wr;
        if (r == G_CONVERTER_FINISHED) {
            ok = true;
            break;
        }
        bool full = r == G_CONVERTER_ERROR
                    ? g_error_matches(err, G_IO_ERROR, G_IO_ERROR_NO_SPACE) : len == cap;
        if (r == G_CONVERTER_ERROR && !full) {
            g_propagate_error(errp, err);
            break;
        }
        g_clear_error(&err);
        if (full) {
            if (cap == MAX_GUNZIP_BYTES) {
                g_set_error(errp, arm_boot_error_quark(), 0,
                            "decompressed size over %llu MiB", MAX_GUNZIP_BYTES / MIB);
                break;
            }
            cap = MIN(cap * 2, MAX_GUNZIP_BYTES);
            out = g_realloc(out, cap);
        }
    }
    g_object_unref(conv);
    if (!ok) {
        g_free(out);
        return NULL;
    }
    *out_len = len;
    return out;
}

/* --- the formats -------------------------------------------------------- */

/* Image, gzipped Image or raw binary, all on the Linux boot protocol:
 * qemu's load_aarch64_image. */
static bool load_linux(ArmBootInfo *bi, const char *path, uint8_t *buf, size_t len,
                       bool gzipped, GError **errp)
{
    uint64_t offset = RAW_LOAD_OFFSET, size = 0;
    bool image = len >= IMAGE_MAGIC_OFFSET + 4 &&
                 memcmp(buf + IMAGE_MAGIC_OFFSET, "ARM\x64", 4) == 0;

    if (image && len < IMAGE_HEADER_SIZE) {
        return fail(errp, "could not load kernel '%s': truncated arm64 Image header", path);
    }
    if (image) {
        size = le64_at(buf + IMAGE_SIZE_OFFSET);
        /* kernels before 3.17 leave image_size 0, and text_offset is then
         * meaningless (booting.rst) */
        if (size) {
            offset = le64_at(buf + IMAGE_TEXT_OFFSET);
            if (offset < STUB_RESERVED) {
                offset += IMAGE_BUMP;       /* text_offset is from any 2 MiB boundary */
            }
        }
    }
    if (!size) {
        size = len;
    }
    bi->format = image ? (gzipped ? ARM_BOOT_IMAGE_GZIP : ARM_BOOT_IMAGE)
                       : (gzipped ? ARM_BOOT_RAW_GZIP : ARM_BOOT_RAW);
    if (size > bi->ram_size) {
        return fail(errp, "kernel '%s' is too large to fit in RAM (kernel size %" PRIu64
                    ", RAM size %" PRIu64 ")", path, size, bi->ram_size);
    }
    bi->entry = bi->ram_base + offset;
    if (offset > bi->ram_size || !in_ram(bi, bi->entry, MAX(size, len))) {
        return fail(errp, "kernel '%s' does not fit in RAM at 0x%" PRIx64 " (size %" PRIu64
                    ", RAM size %" PRIu64 ")", path, bi->entry, MAX(size, len), bi->ram_size);
    }
    if (!write_ram(bi, bi->entry, buf, len)) {
        return fail(errp, "could not load kernel '%s': RAM write failed", path);
    }
    bi->is_linux = true;
    bi->kernel_low = bi->entry;
    bi->kernel_high = bi->entry + size;
    return true;
}

typedef struct ElfSegment {
    uint64_t addr, filesz, memsz, offset;
} ElfSegment;

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return alen && blen && a < b + blen && b < a + alen;
}

/* qemu takes any file with an ELF header as ELF (load_elf_hdr). */
static bool is_elf(const uint8_t *buf, size_t len)
{
    return len >= EI_NIDENT && memcmp(buf, ELFMAG, SELFMAG) == 0;
}

/* A little-endian ELF64 for AArch64, bare metal: each PT_LOAD at its
 * p_paddr, the entry e_entry moved from p_vaddr to p_paddr when it lies
 * in an executable segment linked elsewhere (qemu's load_elf).  Any
 * other ELF is refused, as qemu 7.2 does (it exits 1 without a word:
 * ELF_LOAD_WRONG_ARCH); qemu would load a big-endian one, mimic does not. */
static bool load_elf(ArmBootInfo *bi, const char *path, const uint8_t *buf, size_t len,
                     GError **errp)
{
    Elf64_Ehdr eh;
    if (len < sizeof(eh) || buf[EI_CLASS] != ELFCLASS64 || buf[EI_DATA] != ELFDATA2LSB) {
        return fail(errp, "could not load kernel '%s': not a little-endian ELF64 file", path);
    }
    memcpy(&eh, buf, sizeof(eh));
    if (GUINT16_FROM_LE(eh.e_machine) != EM_AARCH64) {
        return fail(errp, "could not load kernel '%s': ELF for machine %u, not AArch64",
                    path, GUINT16_FROM_LE(eh.e_machine));
    }
    uint64_t phoff = GUINT64_FROM_LE(eh.e_phoff);
    unsigned phnum = GUINT16_FROM_LE(eh.e_phnum);
    unsigned phentsize = GUINT16_FROM_LE(eh.e_phentsize);
    uint64_t entry = GUINT64_FROM_LE(eh.e_entry);

    if (phentsize < sizeof(Elf64_Phdr) || phoff > len ||
        (uint64_t)phnum * phentsize > len - phoff) {
        return fail(errp, "could not load kernel '%s': bad ELF program headers", path);
    }
    g_autofree ElfSegment *seg = g_new0(ElfSegment, phnum ? phnum : 1);
    unsigned n = 0;
    uint64_t low = UINT64_MAX, high = 0;
    for (unsigned i = 0; i < phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, buf + phoff + (uint64_t)i * phentsize, sizeof(ph));
        if (GUINT32_FROM_LE(ph.p_type) != PT_LOAD || !GUINT64_FROM_LE(ph.p_memsz)) {
            continue;                       /* empty segments load nothing */
        }
        ElfSegment s = {
            .addr = GUINT64_FROM_LE(ph.p_paddr), .filesz = GUINT64_FROM_LE(ph.p_filesz),
            .memsz = GUINT64_FROM_LE(ph.p_memsz), .offset = GUINT64_FROM_LE(ph.p_offset),
        };
        uint64_t vaddr = GUINT64_FROM_LE(ph.p_vaddr);
        if (s.filesz > s.memsz || s.offset > len || s.filesz > len - s.offset) {
            return fail(errp, "could not load kernel '%s': ELF segment %u outside the file",
                        path, i);
        }
        if ((GUINT32_FROM_LE(ph.p_flags) & PF_X) && vaddr != s.addr &&
            entry >= vaddr && entry - vaddr < s.filesz) {
            entry = entry - vaddr + s.addr;
        }
        seg[n++] = s;
    }
    if (!n) {
        return fail(errp, "could not load kernel '%s': ELF has nothing to load", path);
    }
    for (unsigned i = 0; i < n; i++) {
        /* qemu: a segment whose zero-filled tail (memsz) would run into
         * another is taken at its file size (ROM-packed data, relocated at
         * run time); file bytes that overlap are an error. */
        for (unsigned j = 0; j < n; j++) {
            if (j != i && overlaps(seg[i].addr, seg[i].memsz, seg[j].addr, seg[j].filesz)) {
                seg[i].memsz = seg[i].filesz;
            }
        }
        for (unsigned j = 0; j < i; j++) {
            if (overlaps(seg[i].addr, seg[i].memsz, seg[j].addr, seg[j].memsz)) {
                return fail(errp, "could not load kernel '%s': ELF segments overlap at 0x%"
                            PRIx64, path, MAX(seg[i].addr, seg[j].addr));
            }
        }
        if (!in_ram(bi, seg[i].addr, seg[i].memsz)) {
            return fail(errp, "could not load kernel '%s': ELF segment [0x%" PRIx64 ", 0x%"
                        PRIx64 ") outside RAM [0x%" PRIx64 ", 0x%" PRIx64 ")", path,
                        seg[i].addr, seg[i].addr + seg[i].memsz, bi->ram_base, ram_end(bi));
        }
        low = MIN(low, seg[i].addr);
        high = MAX(high, seg[i].addr + seg[i].memsz);
    }
    for (unsigned i = 0; i < n; i++) {
        g_autofree uint8_t *zero = g_malloc0(MIN(seg[i].memsz - seg[i].filesz, 1 * MIB));
        bool ok = write_ram(bi, seg[i].addr, buf + seg[i].offset, seg[i].filesz);
        for (uint64_t at = seg[i].filesz; ok && at < seg[i].memsz; at += 1 * MIB) {
            ok = write_ram(bi, seg[i].addr + at, zero, MIN(seg[i].memsz - at, 1 * MIB));
        }
        if (!ok) {
            return fail(errp, "could not load kernel '%s': RAM write failed", path);
        }
    }
    bi->format = ARM_BOOT_ELF;
    bi->is_linux = false;
    bi->entry = entry;
    bi->kernel_low = low;
    bi->kernel_high = high;
    /* qemu puts the DTB at RAM's start if the ELF leaves it free, bounded
     * by the ELF's lowest byte when that is above. */
    bi->dtb_slot = low > bi->ram_base || high < bi->ram_base;
    bi->dtb_limit = low > bi->ram_base ? low : 0;
    return true;
}

bool arm_boot_load_kernel(ArmBootInfo *bi, const char *path, GError **errp)
{
    g_autofree uint8_t *file = NULL;
    gsize len = 0;
    GError *err = NULL;

    bi->is_linux = bi->has_initrd = bi->has_dtb = bi->dtb_slot = false;
    bi->dtb_limit = 0;
    if (!g_file_get_contents(path, (char **)&file, &len, &err)) {
        fail(errp, "could not load kernel '%s': %s", path, err->message);
        g_error_free(err);
        return false;
    }
    if (len == 0) {
        return fail(errp, "could not load kernel '%s': empty file", path);
    }
    bool ok;
    if (is_elf(file, len)) {
        ok = load_elf(bi, path, file, len, errp);
    } else if (is_gzip(file, len)) {
        size_t out_len;
        g_autofree uint8_t *out = gunzip(file, len, &out_len, &err);
        if (!out) {
            fail(errp, "could not load kernel '%s': unable to decompress gzipped kernel "
                 "file: %s", path, err ? err->message : "unknown error");
            g_clear_error(&err);
            return false;
        }
        if (out_len == 0) {
            return fail(errp, "could not load kernel '%s': empty after gunzip", path);
        }
        ok = load_linux(bi, path, out, out_len, true, errp);
    } else {
        ok = load_linux(bi, path, file, len, false, errp);
    }
    if (!ok) {
        return false;
    }
    /* qemu: the initrd half-way into small RAMs, at 128 MiB into larger
     * ones (low enough for a 32-bit kernel's lowmem), never over the kernel. */
    uint64_t start = bi->ram_base + MIN(bi->ram_size / 2, INITRD_MAX_OFFSET);
    if (bi->kernel_high > start) {
        start = bi->kernel_high;
    }
    bi->initrd_start = (start + GUEST_PAGE - 1) & ~(uint64_t)(GUEST_PAGE - 1);
    bi->initrd_end = bi->initrd_start;
    return true;
}

/* --- initrd, DTB, registers --------------------------------------------- */

bool arm_boot_load_initrd(ArmBootInfo *bi, const char *path, GError **errp)
{
    if (!bi->is_linux) {
        return true;
    }
    if (bi->initrd_start >= ram_end(bi)) {
        return fail(errp, "not enough space after kernel to load initrd");
    }
    g_autofree char *file = NULL;
    gsize len = 0;
    GError *err = NULL;
    if (!g_file_get_contents(path, &file, &len, &err)) {
        fail(errp, "could not load initrd '%s': %s", path, err->message);
        g_error_free(err);
        return false;
    }
    if (len > ram_end(bi) - bi->initrd_start) {
        return fail(errp, "could not load initrd '%s': too big to fit into RAM after the "
                    "kernel", path);
    }
    if (!write_ram(bi, bi->initrd_start, file, len)) {
        return fail(errp, "could not load initrd '%s': RAM write failed", path);
    }
    bi->has_initrd = true;
    bi->initrd_end = bi->initrd_start + len;
    return true;
}

/* qemu's AArch64 boot stub, at ram_base:
 *   ldr x0, dtb ; mov x1, xzr ; mov x2, xzr ; mov x3, xzr
 *   ldr x4, entry ; br x4 ; dtb: .quad ; entry: .quad
 * (ARM ARM C6: LDR (literal) 0x58000000 | imm19 << 5 | Rt; MOV (register)
 * = ORR Xd, XZR, XZR 0xaa1f03e0 | Rd; BR 0xd61f0000 | Rn << 5). */
static void build_stub(uint8_t out[ARM_BOOT_STUB_SIZE], uint64_t dtb, uint64_t entry)
{
    static const uint32_t insn[] = {
        0x58000000 | ((ARM_BOOT_STUB_DTB_OFF - 0x00) / 4) << 5 | 0,
        0xaa1f03e0 | 1,
        0xaa1f03e0 | 2,
        0xaa1f03e0 | 3,
        0x58000000 | ((ARM_BOOT_STUB_ENTRY_OFF - 0x10) / 4) << 5 | 4,
        0xd61f0000 | 4 << 5,
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(insn); i++) {
        uint32_t le = GUINT32_TO_LE(insn[i]);
        memcpy(out + 4 * i, &le, 4);
    }
    uint64_t d = GUINT64_TO_LE(dtb), e = GUINT64_TO_LE(entry);
    memcpy(out + ARM_BOOT_STUB_DTB_OFF, &d, 8);
    memcpy(out + ARM_BOOT_STUB_ENTRY_OFF, &e, 8);
}

bool arm_boot_place_dtb(ArmBootInfo *bi, const void *fdt, size_t size, GError **errp)
{
    uint64_t addr, limit;

    bi->has_dtb = false;
    if (bi->is_linux) {
        addr = (bi->initrd_end + LINUX_DTB_ALIGN - 1) & ~(LINUX_DTB_ALIGN - 1);
        limit = ram_end(bi);
    } else if (bi->dtb_slot) {
        addr = bi->ram_base;
        limit = bi->dtb_limit ? bi->dtb_limit : ram_end(bi);
    } else {
        return true;        /* the ELF covers RAM's start: qemu's DTB is lost too */
    }
    if (addr >= limit || size > limit - addr) {
        return fail(errp, "not enough space for the DTB (%zu bytes at 0x%" PRIx64
                    ") after the kernel/initrd", size, addr);
    }
    if (!write_ram(bi, addr, fdt, size)) {
        return fail(errp, "could not write the DTB at 0x%" PRIx64, addr);
    }
    if (bi->is_linux) {
        uint8_t stub[ARM_BOOT_STUB_SIZE];
        build_stub(stub, addr, bi->entry);
        if (!write_ram(bi, bi->ram_base, stub, sizeof(stub))) {
            return fail(errp, "could not write the boot stub at 0x%" PRIx64, bi->ram_base);
        }
    }
    bi->has_dtb = true;
    bi->dtb_addr = addr;
    return true;
}

void arm_boot_cpu_regs(const ArmBootInfo *bi, ArmBootRegs *regs)
{
    memset(regs, 0, sizeof(*regs));
    regs->pc = bi->is_linux ? bi->ram_base : bi->entry;
    regs->pstate = RESET_PSTATE;
}
