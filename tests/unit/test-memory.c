/*
 * Unit tests of softmmu/memory.c: which region shows where (priorities,
 * the newest of equals, aliases, nesting, disabling, removing, the top
 * of the 2^64 space), accesses across regions and holes, MMIO cut to
 * what a device takes, ROM, and the `info mtree` text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "softmmu/memory.h"

/* A device that records its accesses and reads back its offset and size
 * (0xA0000000 | offset << 8 | size, then the same in the high word). */
typedef struct Dev {
    int n;
    struct { bool write; uint64_t off, val; unsigned size; } log[16];
} Dev;

static uint64_t dev_read(void *opaque, uint64_t off, unsigned size)
{
    Dev *d = opaque;
    d->log[d->n++ % 16] = (typeof(d->log[0])){ false, off, 0, size };
    uint64_t v = 0xA0000000 | off << 8 | size;
    return (v | v << 32) & (size == 8 ? ~0ull : (1ull << (8 * size)) - 1);
}

static void dev_write(void *opaque, uint64_t off, uint64_t val, unsigned size)
{
    Dev *d = opaque;
    d->log[d->n++ % 16] = (typeof(d->log[0])){ true, off, val, size };
}

static const MemoryRegionOps dev_ops32 = { dev_read, dev_write, 4, 4 };
static const MemoryRegionOps dev_ops_any = { dev_read, dev_write, 0, 0 };

typedef struct Machine {
    MemoryRegion sys, ram, io, io2, alias, rom;
    AddressSpace as;
    Dev dev, dev2;
} Machine;

/* sys (2^64): ram 64 KiB at 0x40000000, io (32-bit device, 4 KiB) at
 * 0x09000000, rom 4 KiB at 0. */
static Machine *machine_new(void)
{
    Machine *m = g_new0(Machine, 1);
    memory_region_init_container(&m->sys, "system", 0);
    assert_true(memory_region_init_ram(&m->ram, "mach-virt.ram", 0x10000));
    memory_region_init_io(&m->io, &dev_ops32, &m->dev, "pl011", 0x1000);
    assert_true(memory_region_init_rom(&m->rom, "virt.flash0", 0x1000));
    memory_region_add_subregion(&m->sys, 0x40000000, &m->ram);
    memory_region_add_subregion(&m->sys, 0x09000000, &m->io);
    memory_region_add_subregion(&m->sys, 0, &m->rom);
    address_space_init(&m->as, &m->sys, "memory");
    return m;
}

static void machine_free(Machine *m)
{
    address_space_destroy(&m->as);
    memory_region_destroy(&m->ram);
    memory_region_destroy(&m->rom);
    memory_region_destroy(&m->io);
    memory_region_destroy(&m->sys);
    g_free(m);
}

static void test_ram_and_holes(void **state)
{
    (void)state;
    Machine *m = machine_new();
    uint64_t v = 0x1122334455667788, r = 0;
    assert_int_equal(address_space_write(&m->as, 0x40000ff8, &v, 8), MEMTX_OK);
    assert_int_equal(address_space_read(&m->as, 0x40000ff8, &r, 8), MEMTX_OK);
    assert_true(r == v);
    assert_true(memcmp(m->ram.host + 0xff8, &v, 8) == 0);
    /* Across the end of RAM into nothing: the RAM part, then zeros. */
    uint8_t buf[8];
    memset(buf, 0xee, sizeof(buf));
    m->ram.host[0xfffe] = 0x5a;
    m->ram.host[0xffff] = 0xa5;
    assert_int_equal(address_space_read(&m->as, 0x4000fffe, buf, 8), MEMTX_DECODE_ERROR);
    assert_int_equal(buf[0], 0x5a);
    assert_int_equal(buf[1], 0xa5);
    for (int i = 2; i < 8; i++) {
        assert_int_equal(buf[i], 0);
    }
    assert_int_equal(address_space_write(&m->as, 0x50000000, &v, 8), MEMTX_DECODE_ERROR);
    assert_null(address_space_lookup(&m->as, 0x3fffffff));
    /* A ROM reads its bytes and drops writes. */
    m->rom.host[4] = 0x42;
    assert_int_equal(address_space_write(&m->as, 4, &v, 1), MEMTX_OK);
    assert_int_equal(address_space_read(&m->as, 4, &r, 1), MEMTX_OK);
    assert_int_equal(r & 0xff, 0x42);
    machine_free(m);
}

static void test_mmio_pieces(void **state)
{
    (void)state;
    Machine *m = machine_new();
    uint64_t r = 0;
    /* 8 bytes from a 32-bit device: two reads, low word first. */
    assert_int_equal(address_space_read(&m->as, 0x09000010, &r, 8), MEMTX_OK);
    assert_int_equal(m->dev.n, 2);
    assert_true(m->dev.log[0].off == 0x10 && m->dev.log[0].size == 4);
    assert_true(m->dev.log[1].off == 0x14 && m->dev.log[1].size == 4);
    assert_true(r == ((uint64_t)0xA0001404 << 32 | 0xA0001004));
    /* One byte at offset 0x21: the word at 0x20, its second byte. */
    m->dev.n = 0;
    r = 0;
    assert_int_equal(address_space_read(&m->as, 0x09000021, &r, 1), MEMTX_OK);
    assert_int_equal(m->dev.n, 1);
    assert_true(m->dev.log[0].off == 0x20 && m->dev.log[0].size == 4);
    assert_true(r == 0x20);
    /* An unaligned 32-bit write at 0x32: the two words it touches, the
     * value in place, other bytes zero. */
    m->dev.n = 0;
    uint32_t w = 0xddccbbaa;
    assert_int_equal(address_space_write(&m->as, 0x09000032, &w, 4), MEMTX_OK);
    assert_int_equal(m->dev.n, 2);
    assert_true(m->dev.log[0].write && m->dev.log[0].off == 0x30 &&
                m->dev.log[0].val == 0xbbaa0000 && m->dev.log[0].size == 4);
    assert_true(m->dev.log[1].write && m->dev.log[1].off == 0x34 &&
                m->dev.log[1].val == 0xddcc && m->dev.log[1].size == 4);
    machine_free(m);
}

static void test_any_size_device(void **state)
{
    (void)state;
    Machine *m = machine_new();
    memory_region_init_io(&m->io2, &dev_ops_any, &m->dev2, "any", 0x100);
    memory_region_add_subregion(&m->sys, 0x0a000000, &m->io2);
    /* 7 bytes at offset 1: 1 + 2 + 4, each aligned. */
    uint8_t buf[7];
    assert_int_equal(address_space_read(&m->as, 0x0a000001, buf, 7), MEMTX_OK);
    assert_int_equal(m->dev2.n, 3);
    assert_true(m->dev2.log[0].off == 1 && m->dev2.log[0].size == 1);
    assert_true(m->dev2.log[1].off == 2 && m->dev2.log[1].size == 2);
    assert_true(m->dev2.log[2].off == 4 && m->dev2.log[2].size == 4);
    memory_region_del_subregion(&m->sys, &m->io2);
    assert_null(address_space_lookup(&m->as, 0x0a000000));
    memory_region_destroy(&m->io2);
    machine_free(m);
}

static void test_priorities(void **state)
{
    (void)state;
    Machine *m = machine_new();
    /* A device over the middle of RAM, higher priority: it shows there,
     * RAM on both sides. */
    memory_region_init_io(&m->io2, &dev_ops_any, &m->dev2, "over", 0x100);
    memory_region_add_subregion_overlap(&m->sys, 0x40001000, &m->io2, 1);
    const FlatRange *r = address_space_lookup(&m->as, 0x40001080);
    assert_ptr_equal(r->mr, &m->io2);
    assert_true(r->start == 0x40001000 && r->last == 0x400010ff && r->offset == 0);
    r = address_space_lookup(&m->as, 0x40001100);
    assert_ptr_equal(r->mr, &m->ram);
    assert_true(r->start == 0x40001100 && r->offset == 0x1100);
    r = address_space_lookup(&m->as, 0x40000fff);
    assert_ptr_equal(r->mr, &m->ram);
    /* Disabled: RAM again; enabled: the device again. */
    memory_region_set_enabled(&m->io2, false);
    assert_ptr_equal(address_space_lookup(&m->as, 0x40001080)->mr, &m->ram);
    memory_region_set_enabled(&m->io2, true);
    assert_ptr_equal(address_space_lookup(&m->as, 0x40001080)->mr, &m->io2);
    /* Equal priority: the one added last shows. */
    memory_region_del_subregion(&m->sys, &m->io2);
    memory_region_add_subregion(&m->sys, 0x40001000, &m->io2);
    assert_ptr_equal(address_space_lookup(&m->as, 0x40001080)->mr, &m->io2);
    /* Lower priority: under the RAM, so not seen at all. */
    memory_region_del_subregion(&m->sys, &m->io2);
    memory_region_add_subregion_overlap(&m->sys, 0x40001000, &m->io2, -1);
    assert_ptr_equal(address_space_lookup(&m->as, 0x40001080)->mr, &m->ram);
    memory_region_del_subregion(&m->sys, &m->io2);
    memory_region_destroy(&m->io2);
    machine_free(m);
}

static void test_alias_and_nesting(void **state)
{
    (void)state;
    Machine *m = machine_new();
    /* A container at 0x08000000 holding an alias of RAM's bytes from
     * 0x100, 0x200 long, at 0x10 within it. */
    MemoryRegion box;
    memory_region_init_container(&box, "box", 0x1000);
    memory_region_init_alias(&m->alias, "ram-window", &m->ram, 0x100, 0x200);
    memory_region_add_subregion(&box, 0x10, &m->alias);
    memory_region_add_subregion(&m->sys, 0x08000000, &box);
    uint32_t v = 0xcafef00d, r = 0;
    assert_int_equal(address_space_write(&m->as, 0x08000010 + 0x20, &v, 4), MEMTX_OK);
    assert_int_equal(address_space_read(&m->as, 0x40000000 + 0x120, &r, 4), MEMTX_OK);
    assert_true(r == v);
    const FlatRange *fr = address_space_lookup(&m->as, 0x08000010);
    assert_ptr_equal(fr->mr, &m->ram);
    assert_true(fr->start == 0x08000010 && fr->last == 0x0800020f && fr->offset == 0x100);
    assert_null(address_space_lookup(&m->as, 0x08000210));
    assert_null(address_space_lookup(&m->as, 0x0800000f));
    uint64_t off, len = 0x1000;
    assert_ptr_equal(address_space_translate(&m->as, 0x08000100, &off, &len), &m->ram);
    assert_true(off == 0x1f0 && len == 0x110);
    memory_region_del_subregion(&m->sys, &box);
    memory_region_del_subregion(&box, &m->alias);
    memory_region_destroy(&m->alias);
    memory_region_destroy(&box);
    machine_free(m);
}

static void test_top_of_space(void **state)
{
    (void)state;
    Machine *m = machine_new();
    /* The last 4 KiB of the 2^64 space, its last byte included. */
    MemoryRegion top;
    assert_true(memory_region_init_ram(&top, "top", 0x1000));
    memory_region_add_subregion(&m->sys, 0xfffffffffffff000ull, &top);
    uint8_t b = 0x77, r = 0;
    assert_int_equal(address_space_write(&m->as, UINT64_MAX, &b, 1), MEMTX_OK);
    assert_int_equal(address_space_read(&m->as, UINT64_MAX, &r, 1), MEMTX_OK);
    assert_int_equal(r, 0x77);
    assert_int_equal(top.host[0xfff], 0x77);
    const FlatRange *fr = address_space_lookup(&m->as, UINT64_MAX);
    assert_true(fr->last == UINT64_MAX);
    memory_region_del_subregion(&m->sys, &top);
    memory_region_destroy(&top);
    machine_free(m);
}

static void test_mtree(void **state)
{
    (void)state;
    Machine *m = machine_new();
    memory_region_init_alias(&m->alias, "ram-window", &m->ram, 0x100, 0x200);
    memory_region_add_subregion_overlap(&m->sys, 0x40000000, &m->alias, 2);
    memory_region_set_enabled(&m->alias, false);
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    address_space_print_tree(&m->as, f);
    fclose(f);
    const char *want =
        "address-space: memory\n"
        "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n"
        "    0000000000000000-0000000000000fff (prio 0, rom): virt.flash0\n"
        "    0000000009000000-0000000009000fff (prio 0, i/o): pl011\n"
        "    0000000040000000-00000000400001ff (prio 2, i/o): alias ram-window @mach-virt.ram "
        "0000000000000100-00000000000002ff [disabled]\n"
        "    0000000040000000-000000004000ffff (prio 0, ram): mach-virt.ram\n"
        "\n";
    assert_string_equal(text, want);
    free(text);
    memory_region_del_subregion(&m->sys, &m->alias);
    memory_region_destroy(&m->alias);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ram_and_holes),
        cmocka_unit_test(test_mmio_pieces),
        cmocka_unit_test(test_any_size_device),
        cmocka_unit_test(test_priorities),
        cmocka_unit_test(test_alias_and_nesting),
        cmocka_unit_test(test_top_of_space),
        cmocka_unit_test(test_mtree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
