/*
 * The ELF loader on its own (linux-user/elfload.c + mmap.c): a valid tiny
 * AArch64 program built here in memory loads, with its bss zeroed and its
 * stack laid out as Linux does; and a named corpus of malformed variants
 * of it each gives a one-line error naming the problem, never a crash.
 */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "linux-user/user.h"
#include "tcg/disas.h"

/* What elfload.c and mmap.c need from the rest of linux-user. */
UserProcess user_proc;

#define BASE 0x400000ull
#define PAGE 4096

/* The file: ELF header, up to 4 program headers, then page-aligned data. */
typedef struct Image {
    uint8_t bytes[3 * PAGE];
    size_t size;
} Image;

static Elf64_Ehdr *eh(Image *im) { return (Elf64_Ehdr *)im->bytes; }
static Elf64_Phdr *ph(Image *im, int i)
{
    return (Elf64_Phdr *)(im->bytes + sizeof(Elf64_Ehdr)) + i;
}

/* One text segment (file page 0, the headers and code) and one data
 * segment whose bss starts inside its last file page. */
static void make_valid(Image *im)
{
    memset(im, 0, sizeof(*im));
    Elf64_Ehdr *e = eh(im);
    memcpy(e->e_ident, ELFMAG, SELFMAG);
    e->e_ident[EI_CLASS] = ELFCLASS64;
    e->e_ident[EI_DATA] = ELFDATA2LSB;
    e->e_ident[EI_VERSION] = EV_CURRENT;
    e->e_type = ET_EXEC;
    e->e_machine = EM_AARCH64;
    e->e_version = EV_CURRENT;
    e->e_entry = BASE + 0x200;
    e->e_phoff = sizeof(Elf64_Ehdr);
    e->e_ehsize = sizeof(Elf64_Ehdr);
    e->e_phentsize = sizeof(Elf64_Phdr);
    e->e_phnum = 2;

    Elf64_Phdr *t = ph(im, 0);
    t->p_type = PT_LOAD;
    t->p_flags = PF_R | PF_X;
    t->p_offset = 0;
    t->p_vaddr = t->p_paddr = BASE;
    t->p_filesz = t->p_memsz = 0x300;
    t->p_align = 0x10000;
    uint32_t code[2] = { 0xd2800ba8 /* mov x8, #93 */, 0xd4000001 /* svc #0 */ };
    memcpy(im->bytes + 0x200, code, sizeof(code));

    Elf64_Phdr *d = ph(im, 1);
    d->p_type = PT_LOAD;
    d->p_flags = PF_R | PF_W;
    d->p_offset = PAGE;
    d->p_vaddr = d->p_paddr = BASE + 0x10000 + PAGE;
    d->p_filesz = 0x100;
    d->p_memsz = 0x3000;
    d->p_align = 0x10000;
    /* Bytes after the file part of the data page must not reach the bss. */
    memset(im->bytes + PAGE, 0x11, 0x100);
    memset(im->bytes + PAGE + 0x100, 0xee, PAGE - 0x100);
    im->size = 2 * PAGE;
}

static char *write_tmp(const Image *im)
{
    char *path = strdup("/tmp/test-elfload-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, im->bytes, im->size), (ssize_t)im->size);
    close(fd);
    return path;
}

/* Loads im; on success unmaps everything again so the next case starts
 * from an empty guest space.  Returns the error (a copy) or NULL. */
static char *load(const Image *im, ImageInfo *out)
{
    char *path = write_tmp(im);
    ImageInfo info;
    const char *err = elf_load_program(path, NULL, &info);
    unlink(path);
    free(path);
    if (out) {
        *out = info;
    }
    if (!err) {
        target_munmap(0x10000, guest_space_size - 0x10000);
        return NULL;
    }
    return strdup(err);
}

static void expect_error(const Image *im, const char *needle)
{
    char *err = load(im, NULL);
    if (!err) {
        fail_msg("loaded, expected an error containing \"%s\"", needle);
    }
    if (!strstr(err, needle)) {
        fail_msg("error \"%s\" does not contain \"%s\"", err, needle);
    }
    assert_null(strchr(err, '\n'));    /* one line */
    free(err);
}

static int setup(void **state)
{
    static bool done;
    if (!done) {
        const char *err = guest_space_init(40);
        assert_null(err);
        done = true;
    }
    return 0;
}

/* ---- valid programs ---- */

static void test_valid_static(void **state)
{
    Image im;
    make_valid(&im);
    char *path = write_tmp(&im);
    ImageInfo info;
    const char *err = elf_load_program(path, NULL, &info);
    unlink(path);
    free(path);
    assert_null(err);
    assert_int_equal(info.entry, BASE + 0x200);
    assert_int_equal(info.interp_entry, BASE + 0x200);
    assert_int_equal(info.interp_base, 0);
    assert_int_equal(info.phdr, BASE + sizeof(Elf64_Ehdr));
    assert_int_equal(info.phnum, 2);
    assert_int_equal(info.brk, BASE + 0x11000 + 0x3000);
    /* Text: readable and executable, not writable; data read-write. */
    int f = page_get_flags(BASE);
    assert_true(f & PAGE_EXEC);
    assert_false(f & PAGE_WRITE);
    assert_true(page_get_flags(BASE + 0x11000) & PAGE_WRITE);
    uint32_t insn;
    assert_true(guest_code_fetch(BASE + 0x200, &insn, 4));
    assert_int_equal(insn, 0xd2800ba8);
    assert_false(guest_code_fetch(BASE + 0x11000, &insn, 4));
    /* The data, then a zeroed bss from inside the last file page on. */
    const uint8_t *data = g2h(BASE + 0x11000);
    assert_int_equal(data[0], 0x11);
    assert_int_equal(data[0xff], 0x11);
    for (int i = 0x100; i < 0x3000; i++) {
        if (data[i]) {
            fail_msg("bss byte at +0x%x is 0x%02x", i, data[i]);
        }
    }
    assert_false(page_get_flags(BASE + 0x14000) & PAGE_VALID);
    target_munmap(0x10000, guest_space_size - 0x10000);
}

static void test_valid_static_pie(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_type = ET_DYN;
    eh(&im)->e_entry = 0x200;
    ph(&im, 0)->p_vaddr = 0;
    ph(&im, 1)->p_vaddr = 0x11000;
    ImageInfo info;
    char *err = load(&im, &info);
    assert_null(err);
    assert_int_equal(info.load_bias, ELF_ET_DYN_BASE);
    assert_int_equal(info.entry, ELF_ET_DYN_BASE + 0x200);
    assert_int_equal(info.phdr, ELF_ET_DYN_BASE + sizeof(Elf64_Ehdr));
}

static uint64_t auxv_get(const uint64_t *auxv, uint64_t key)
{
    for (; auxv[0] != AT_NULL; auxv += 2) {
        if (auxv[0] == key) {
            return auxv[1];
        }
    }
    return (uint64_t)-1;
}

static void test_initial_stack(void **state)
{
    Image im;
    make_valid(&im);
    char *path = write_tmp(&im);
    ImageInfo info;
    assert_null(elf_load_program(path, NULL, &info));
    char *argv[] = { "prog", "one", "", "three", NULL };
    char *envp[] = { "A=1", "EMPTY=", NULL };
    assert_null(elf_setup_stack(&info, 4, argv, envp, "/x/prog", 0x3, 0x0));
    unlink(path);
    free(path);

    assert_int_equal(info.sp & 15, 0);
    const uint64_t *sp = g2h(info.sp);
    assert_int_equal(sp[0], 4);
    for (int i = 0; i < 4; i++) {
        assert_string_equal((const char *)g2h(sp[1 + i]), argv[i]);
    }
    assert_int_equal(sp[5], 0);
    assert_string_equal((const char *)g2h(sp[6]), "A=1");
    assert_string_equal((const char *)g2h(sp[7]), "EMPTY=");
    assert_int_equal(sp[8], 0);
    const uint64_t *auxv = &sp[9];
    assert_int_equal(info.auxv, info.sp + 9 * 8);
    assert_int_equal(auxv_get(auxv, AT_PAGESZ), 4096);
    assert_int_equal(auxv_get(auxv, AT_PHDR), info.phdr);
    assert_int_equal(auxv_get(auxv, AT_PHENT), sizeof(Elf64_Phdr));
    assert_int_equal(auxv_get(auxv, AT_PHNUM), 2);
    assert_int_equal(auxv_get(auxv, AT_ENTRY), BASE + 0x200);
    assert_int_equal(auxv_get(auxv, AT_BASE), 0);
    assert_int_equal(auxv_get(auxv, AT_HWCAP), 0x3);
    assert_int_equal(auxv_get(auxv, AT_HWCAP2), 0);
    assert_int_equal(auxv_get(auxv, AT_CLKTCK), 100);
    assert_int_equal(auxv_get(auxv, AT_UID), getuid());
    assert_int_equal(auxv_get(auxv, AT_SECURE), 0);
    assert_true(auxv_get(auxv, AT_MINSIGSTKSZ) >= 4688);
    assert_string_equal((const char *)g2h(auxv_get(auxv, AT_PLATFORM)), "aarch64");
    assert_string_equal((const char *)g2h(auxv_get(auxv, AT_EXECFN)), "/x/prog");
    uint64_t rnd = auxv_get(auxv, AT_RANDOM);
    assert_true(guest_range_ok(rnd, 16, PAGE_READ));
    /* Strings sit above the tables, argv's below envp's, execfn on top. */
    assert_true(sp[1] > info.auxv);
    assert_true(sp[4] < sp[6]);
    assert_true(auxv_get(auxv, AT_EXECFN) > sp[7]);
    assert_true(sigtramp_addr != 0);
    uint32_t tramp[2];
    assert_true(guest_code_fetch(sigtramp_addr, tramp, 8));
    assert_int_equal(tramp[0], 0xd2801168);
    assert_int_equal(tramp[1], 0xd4000001);
    target_munmap(0x10000, guest_space_size - 0x10000);
}

/* ---- the malformed corpus ---- */

static void test_empty_file(void **state)
{
    Image im;
    make_valid(&im);
    im.size = 0;
    expect_error(&im, "empty file");
}

static void test_truncated_header(void **state)
{
    Image im;
    make_valid(&im);
    im.size = 40;
    expect_error(&im, "truncated ELF header");
}

static void test_tiny_file(void **state)
{
    Image im;
    make_valid(&im);
    im.size = 3;
    expect_error(&im, "not an ELF file");
}

static void test_bad_magic(void **state)
{
    Image im;
    make_valid(&im);
    im.bytes[1] = 'X';
    expect_error(&im, "not an ELF file");
}

static void test_shell_script_text(void **state)
{
    Image im;
    memset(&im, 0, sizeof(im));
    strcpy((char *)im.bytes, "echo hello\n");
    im.size = strlen((char *)im.bytes);
    expect_error(&im, "not an ELF file");
}

static void test_wrong_class(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_ident[EI_CLASS] = ELFCLASS32;
    expect_error(&im, "not a 64-bit ELF");
}

static void test_big_endian(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_ident[EI_DATA] = ELFDATA2MSB;
    expect_error(&im, "little-endian");
}

static void test_wrong_machine_x86_64(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_machine = EM_X86_64;
    expect_error(&im, "wrong machine: this is a x86-64 program");
}

static void test_wrong_machine_unknown(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_machine = 9999;
    expect_error(&im, "wrong machine (e_machine 9999)");
}

static void test_not_executable(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_type = ET_REL;
    expect_error(&im, "not an executable");
}

static void test_bad_version(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_version = 7;
    expect_error(&im, "unknown ELF version");
}

static void test_bad_phentsize(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_phentsize = 32;
    expect_error(&im, "bad program header size");
}

static void test_phnum_zero(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_phnum = 0;
    expect_error(&im, "no program headers");
}

static void test_phnum_huge(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_phnum = 65535;
    expect_error(&im, "too many program headers");
}

static void test_phoff_past_eof(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_phoff = 1ull << 40;
    expect_error(&im, "program headers past the end of the file");
}

static void test_phoff_overflow(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_phoff = UINT64_MAX - 8;
    expect_error(&im, "program headers past the end of the file");
}

static void test_phdrs_cut_by_eof(void **state)
{
    Image im;
    make_valid(&im);
    im.size = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) + 10;
    expect_error(&im, "program headers past the end of the file");
}

static void test_filesz_gt_memsz(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 1)->p_memsz = 0x10;
    expect_error(&im, "larger than memory size");
}

static void test_offset_past_eof(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 1)->p_offset = 0x100000;
    ph(&im, 1)->p_vaddr = BASE + 0x100000;
    expect_error(&im, "data past the end of the file");
}

static void test_filesz_past_eof(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 1)->p_filesz = ph(&im, 1)->p_memsz = UINT64_MAX - 0x10;
    expect_error(&im, "data past the end of the file");
}

static void test_segment_outside_space(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 1)->p_vaddr = 0x7ffffffff000ull;
    expect_error(&im, "outside the guest address space");
}

static void test_segment_wraps(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 1)->p_vaddr = UINT64_MAX - 0xfff;
    ph(&im, 1)->p_offset = 0x1000;
    expect_error(&im, "outside the guest address space");
}

static void test_huge_memsz(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 1)->p_memsz = 1ull << 41;
    expect_error(&im, "outside the guest address space");
}

static void test_overlapping_segments(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 1)->p_vaddr = BASE + 0x100;
    ph(&im, 1)->p_offset = PAGE + 0x100;
    expect_error(&im, "overlap");
}

static void test_segments_out_of_order(void **state)
{
    Image im;
    make_valid(&im);
    Elf64_Phdr t = *ph(&im, 0);
    *ph(&im, 0) = *ph(&im, 1);
    *ph(&im, 1) = t;
    expect_error(&im, "out of order");
}

static void test_misaligned_segment(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 1)->p_vaddr += 8;
    expect_error(&im, "misaligned");
}

static void test_bad_align(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 1)->p_align = 0x3000;
    expect_error(&im, "bad alignment");
}

static void test_no_loads(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 0)->p_type = PT_NOTE;
    ph(&im, 1)->p_type = PT_NOTE;
    expect_error(&im, "no loadable segments");
}

static void test_below_min_addr(void **state)
{
    Image im;
    make_valid(&im);
    ph(&im, 0)->p_vaddr = 0;
    eh(&im)->e_entry = 0x200;
    expect_error(&im, "below the lowest mappable address");
}

static void test_interp_missing(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_phnum = 3;
    Elf64_Phdr *ip = ph(&im, 2);
    ip->p_type = PT_INTERP;
    ip->p_offset = 0x280;
    ip->p_filesz = 24;
    strcpy((char *)im.bytes + 0x280, "/nonexistent/ld-xyz.so");
    ip->p_filesz = strlen("/nonexistent/ld-xyz.so") + 1;
    expect_error(&im, "ELF interpreter /nonexistent/ld-xyz.so");
}

static void test_interp_not_terminated(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_phnum = 3;
    Elf64_Phdr *ip = ph(&im, 2);
    ip->p_type = PT_INTERP;
    ip->p_offset = 0x280;
    memset(im.bytes + 0x280, 'a', 16);
    ip->p_filesz = 16;
    expect_error(&im, "bad PT_INTERP");
}

static void test_interp_past_eof(void **state)
{
    Image im;
    make_valid(&im);
    eh(&im)->e_phnum = 3;
    Elf64_Phdr *ip = ph(&im, 2);
    ip->p_type = PT_INTERP;
    ip->p_offset = 1ull << 50;
    ip->p_filesz = 16;
    expect_error(&im, "PT_INTERP past the end of the file");
}

static void test_interp_is_x86(void **state)
{
    /* A PT_INTERP naming a file of the wrong machine: mimic's own binary
     * is x86-64. */
    Image im;
    make_valid(&im);
    eh(&im)->e_phnum = 3;
    Elf64_Phdr *ip = ph(&im, 2);
    ip->p_type = PT_INTERP;
    ip->p_offset = 0x280;
    char self[512];
    ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    assert_true(n > 0 && n < 200);
    self[n] = 0;
    strcpy((char *)im.bytes + 0x280, self);
    ip->p_filesz = n + 1;
    expect_error(&im, "wrong machine: this is a x86-64 program");
}

static void test_path_errors(void **state)
{
    ImageInfo info;
    const char *err = elf_load_program("/nonexistent/prog", NULL, &info);
    assert_non_null(err);
    assert_non_null(strstr(err, "No such file"));
    err = elf_load_program("/tmp", NULL, &info);
    assert_non_null(err);
    assert_non_null(strstr(err, "is a directory"));
    err = elf_load_program("/dev/null", NULL, &info);
    assert_non_null(err);
    assert_non_null(strstr(err, "not a regular file"));
}

int main(void)
{
    guest_code_fetch = user_code_fetch;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_static),
        cmocka_unit_test(test_valid_static_pie),
        cmocka_unit_test(test_initial_stack),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_truncated_header),
        cmocka_unit_test(test_tiny_file),
        cmocka_unit_test(test_bad_magic),
        cmocka_unit_test(test_shell_script_text),
        cmocka_unit_test(test_wrong_class),
        cmocka_unit_test(test_big_endian),
        cmocka_unit_test(test_wrong_machine_x86_64),
        cmocka_unit_test(test_wrong_machine_unknown),
        cmocka_unit_test(test_not_executable),
        cmocka_unit_test(test_bad_version),
        cmocka_unit_test(test_bad_phentsize),
        cmocka_unit_test(test_phnum_zero),
        cmocka_unit_test(test_phnum_huge),
        cmocka_unit_test(test_phoff_past_eof),
        cmocka_unit_test(test_phoff_overflow),
        cmocka_unit_test(test_phdrs_cut_by_eof),
        cmocka_unit_test(test_filesz_gt_memsz),
        cmocka_unit_test(test_offset_past_eof),
        cmocka_unit_test(test_filesz_past_eof),
        cmocka_unit_test(test_segment_outside_space),
        cmocka_unit_test(test_segment_wraps),
        cmocka_unit_test(test_huge_memsz),
        cmocka_unit_test(test_overlapping_segments),
        cmocka_unit_test(test_segments_out_of_order),
        cmocka_unit_test(test_misaligned_segment),
        cmocka_unit_test(test_bad_align),
        cmocka_unit_test(test_no_loads),
        cmocka_unit_test(test_below_min_addr),
        cmocka_unit_test(test_interp_missing),
        cmocka_unit_test(test_interp_not_terminated),
        cmocka_unit_test(test_interp_past_eof),
        cmocka_unit_test(test_interp_is_x86),
        cmocka_unit_test(test_path_errors),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
