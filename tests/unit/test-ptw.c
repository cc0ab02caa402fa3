/*
 * Unit tests of target-arm/ptw.c, the AArch64 stage-1 walk, on tables
 * built by hand in a fake physical memory: every granule and the VA sizes
 * Linux uses, pages and blocks, faults with their kind and level, the
 * permission rules (AP, UXN/PXN, WXN, PAN, unprivileged, table
 * attributes, HPD), output address sizes, TBI, ASIDs, PAR_EL1, the MMU
 * off, and random registers and tables that must never crash or loop.
 *
 * Expected values come from the Arm ARM (DDI 0487), VMSAv8-64 (chapter
 * D8) and the register descriptions of TCR_EL1, SCTLR_EL1, PAR_EL1 and
 * ESR_EL1; each test says which rule. The helpers that build tables encode
 * descriptors from the manual's formats, not from ptw.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "target-arm/ptw.h"

#define BIT(n)      (1ull << (n))
#define LOW(n)      (BIT(n) - 1)

/* Fake physical memory: MEM_SIZE bytes at MEM_BASE; reads elsewhere fail
 * like an external abort. */
#define MEM_BASE    0x40000000ull
#define MEM_SIZE    (8u << 20)
static uint8_t mem[MEM_SIZE];
static uint64_t mem_next;
static unsigned reads;

static bool read_phys(void *opaque, uint64_t pa, uint64_t *val)
{
    (void)opaque;
    reads++;
    if (pa < MEM_BASE || pa - MEM_BASE > MEM_SIZE - 8) {
        return false;
    }
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) {
        v = v << 8 | mem[pa - MEM_BASE + i];
    }
    *val = v;
    return true;
}

static void wr(uint64_t pa, uint64_t v)
{
    assert_true(pa >= MEM_BASE && pa - MEM_BASE <= MEM_SIZE - 8);
    for (int i = 0; i < 8; i++) {
        mem[pa - MEM_BASE + i] = v >> (8 * i);
    }
}

static uint64_t rd(uint64_t pa)
{
    uint64_t v = 0;
    assert_true(read_phys(NULL, pa, &v));
    return v;
}

/* Descriptor fields (D8 "Translation table descriptor formats"). */
#define D_TABLE         3ull            /* valid, bit 1 = table (L0-2) or page (L3) */
#define D_PAGE          3ull
#define D_BLOCK         1ull            /* valid, bit 1 = 0: block (L1-2) */
#define D_ATTR(i)       ((uint64_t)(i) << 2)
#define D_AP(ap)        ((uint64_t)(ap) << 6)   /* AP[2:1] */
#define D_SH(sh)        ((uint64_t)(sh) << 8)
#define D_AF            BIT(10)
#define D_NG            BIT(11)
#define D_PXN           BIT(53)
#define D_UXN           BIT(54)
#define T_PXN           BIT(59)         /* PXNTable */
#define T_UXN           BIT(60)         /* UXNTable */
#define T_AP(ap)        ((uint64_t)(ap) << 61)  /* APTable[1:0] */

/* TCR_EL1 fields (the TCR_EL1 register description). TG0: 0b00 4KB, 0b01 64KB, 0b10 16KB;
 * TG1: 0b01 16KB, 0b10 4KB, 0b11 64KB. IPS: 0b000 32 bits ... 0b101 48,
 * 0b110 52. */
#define TCR_T0SZ(n)     ((uint64_t)(n))
#define TCR_T1SZ(n)     ((uint64_t)(n) << 16)
#define TCR_EPD0        BIT(7)
#define TCR_EPD1        BIT(23)
#define TCR_A1          BIT(22)
#define TCR_IPS(v)      ((uint64_t)(v) << 32)
#define TCR_AS          BIT(36)
#define TCR_TBI0        BIT(37)
#define TCR_TBI1        BIT(38)
#define TCR_HPD0        BIT(41)
#define TCR_HPD1        BIT(42)
#define TCR_TBID0       BIT(51)
#define TCR_IPS_MASK    (7ull << 32)

#define SCTLR_M         BIT(0)
#define SCTLR_I         BIT(12)
#define SCTLR_WXN       BIT(19)

/* MAIR_EL1 with a different byte for each AttrIndx: 0 Device-nGnRnE,
 * 1 Device-nGnRE, 2 Normal Non-cacheable, 3 Normal Write-Back, 4 Normal
 * Write-Through, then arbitrary values. */
#define MAIR            0x1177bbaaff440400ull

enum { R = ARM_PROT_READ, W = ARM_PROT_WRITE, X = ARM_PROT_EXEC };

typedef struct T {
    ARMMMUModel model;
    ARMMMURegs regs;
    ARMPTWConfig cfg;
    unsigned gshift, in_bits;
    int start;
    uint64_t root[2];
} T;

static uint64_t alloc_table(T *t)
{
    uint64_t size = BIT(t->gshift);
    mem_next = (mem_next + size - 1) & ~(size - 1);
    uint64_t pa = mem_next;
    mem_next += size;
    assert_true(mem_next <= MEM_BASE + MEM_SIZE);
    memset(&mem[pa - MEM_BASE], 0, size);
    return pa;
}

/* A regime with both ranges of `in_bits` and granule 2^gshift, whose walk
 * starts at `start` (given by each test from the Arm ARM's starting-level
 * tables, D8 "Translation granule"). EL1, MMU on, IPS 48 bits, a model with everything. */
static void t_init(T *t, unsigned gshift, unsigned in_bits, int start)
{
    static const struct { unsigned gshift, tg0, tg1; } tg[] = {
        { 12, 0, 2 }, { 14, 2, 1 }, { 16, 1, 3 },
    };
    memset(t, 0, sizeof(*t));
    memset(mem, 0, sizeof(mem));
    mem_next = MEM_BASE;
    t->gshift = gshift;
    t->in_bits = in_bits;
    t->start = start;
    t->model = (ARMMMUModel) { .pa_bits = 48, .gran4 = true, .gran16 = true,
                               .gran64 = true, .lva = true, .hpds = true,
                               .pauth = true };
    uint64_t tcr = TCR_T0SZ(64 - in_bits) | TCR_T1SZ(64 - in_bits) | TCR_IPS(5);
    for (size_t i = 0; i < sizeof(tg) / sizeof(tg[0]); i++) {
        if (tg[i].gshift == gshift) {
            tcr |= (uint64_t)tg[i].tg0 << 14 | (uint64_t)tg[i].tg1 << 30;
        }
    }
    t->root[0] = alloc_table(t);
    t->root[1] = alloc_table(t);
    t->regs = (ARMMMURegs) { .sctlr = SCTLR_M, .tcr = tcr, .ttbr0 = t->root[0],
                             .ttbr1 = t->root[1], .mair = MAIR, .el = 1 };
    t->cfg = (ARMPTWConfig) { &t->model, &t->regs, read_phys, NULL };
}

static unsigned level_shift(const T *t, int level)
{
    return t->gshift + (3 - level) * (t->gshift - 3);
}

static uint64_t table_index(const T *t, uint64_t va, int level)
{
    return ((va & LOW(t->in_bits)) >> level_shift(t, level)) & LOW(t->gshift - 3);
}

/* The address of the descriptor for `va` at `level`, making the tables
 * above it as needed. */
static uint64_t slot(T *t, uint64_t va, int level)
{
    uint64_t table = t->root[(va >> 55) & 1];
    for (int l = t->start; l < level; l++) {
        uint64_t s = table + table_index(t, va, l) * 8;
        uint64_t d = rd(s);
        if (!(d & 1)) {
            d = alloc_table(t) | D_TABLE;
            wr(s, d);
        }
        table = d & LOW(48) & ~LOW(t->gshift);
    }
    return table + table_index(t, va, level) * 8;
}

static void map(T *t, uint64_t va, int level, uint64_t desc)
{
    wr(slot(t, va, level), desc);
}

/* Adds table attributes to the table descriptor at `level` on va's path. */
static void table_attrs(T *t, uint64_t va, int level, uint64_t attrs)
{
    uint64_t s = slot(t, va, level);
    wr(s, rd(s) | attrs);
}

static bool go(T *t, uint64_t va, ARMAccessType type, bool unpriv,
               ARMTranslation *o, ARMFault *f)
{
    ARMMMUAccess acc = { .va = va, .type = type, .unpriv = unpriv, .pan_applies = true };
    return arm_ptw_translate(&t->cfg, &acc, o, f);
}

static void expect_fault(T *t, uint64_t va, ARMAccessType type,
                         ARMFaultType kind, int level)
{
    ARMTranslation o;
    ARMFault f;
    assert_false(go(t, va, type, false, &o, &f));
    assert_int_equal(f.type, kind);
    assert_int_equal(f.level, level);
}

static ARMTranslation expect_ok(T *t, uint64_t va, ARMAccessType type)
{
    ARMTranslation o;
    ARMFault f;
    bool ok = go(t, va, type, false, &o, &f);
    if (!ok) {
        fail_msg("va %#llx: fault %d level %d", (unsigned long long)va, f.type, f.level);
    }
    return o;
}

/* Granules and VA sizes (D8 "Translation granule", the starting level
 * tables): 4KB resolves 9 bits a level, 16KB 11, 64KB 13; the walk starts
 * where the remaining bits fit. 4KB: TxSZ 16-24 level 0, 25-33 level 1,
 * 34-39 level 2. 16KB: TxSZ 16 level 0, 17-27 level 1, 28-38 level 2, 39
 * level 3. 64KB: TxSZ 12-21 level 1, 22-34 level 2, 35-39 level 3. */
static const struct Geometry {
    unsigned gshift, in_bits;
    int start;
} geometries[] = {
    { 12, 39, 1 }, { 12, 48, 0 }, { 12, 40, 0 }, { 12, 25, 2 },
    { 14, 36, 2 }, { 14, 47, 1 }, { 14, 48, 0 }, { 14, 25, 3 },
    { 16, 42, 2 }, { 16, 48, 1 }, { 16, 52, 1 }, { 16, 25, 3 },
};

/* Block sizes where blocks are allowed (D8 "Translation table descriptor formats", without FEAT_LPA2): 4KB
 * 1GB at level 1 and 2MB at level 2; 16KB 32MB at level 2; 64KB 512MB at
 * level 2 and 4TB at level 1, the latter only with a 52-bit PA. */
static const struct Block {
    unsigned gshift;
    int level;
    unsigned size_shift;
    bool needs_pa52;
} blocks[] = {
    { 12, 1, 30, false }, { 12, 2, 21, false },
    { 14, 2, 25, false },
    { 16, 2, 29, false }, { 16, 1, 42, true },
};

static uint64_t lower_va(const T *t)
{
    return 0x5a5a5a5a5a5a5a58ull & LOW(t->in_bits);
}

static uint64_t upper_va(const T *t)
{
    return 0xa5a5a5a5a5a5a5a0ull | ~LOW(t->in_bits);
}

static void test_pages_every_geometry(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(geometries) / sizeof(geometries[0]); i++) {
        const struct Geometry *g = &geometries[i];
        T t;
        t_init(&t, g->gshift, g->in_bits, g->start);
        uint64_t vas[2] = { lower_va(&t), upper_va(&t) };
        for (int r = 0; r < 2; r++) {
            uint64_t pa = (0x876543210000ull + r * 0x1000000ull) & ~LOW(g->gshift);
            map(&t, vas[r], 3, pa | D_PAGE | D_AF | D_ATTR(3) | D_SH(3) | D_AP(1));
            ARMTranslation o = expect_ok(&t, vas[r], ARM_ACCESS_READ);
            assert_int_equal(o.pa, pa | (vas[r] & LOW(g->gshift)));
            assert_int_equal(o.page_shift, g->gshift);
            assert_int_equal(o.va_mask, ~LOW(g->gshift));
            assert_int_equal(o.level, 3);
            assert_int_equal(o.mair_attr, 0xff);
            assert_int_equal(o.sh, 3);
            /* The walk reads one descriptor per level from the start. */
            reads = 0;
            expect_ok(&t, vas[r], ARM_ACCESS_WRITE);
            assert_int_equal(reads, 4 - g->start);
            /* The neighbouring page is not mapped: translation fault at 3. */
            expect_fault(&t, vas[r] ^ BIT(g->gshift), ARM_ACCESS_READ,
                         ARM_FAULT_TRANSLATION, 3);
        }
    }
}

static void test_blocks_every_granule(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(geometries) / sizeof(geometries[0]); i++) {
        const struct Geometry *g = &geometries[i];
        for (size_t j = 0; j < sizeof(blocks) / sizeof(blocks[0]); j++) {
            const struct Block *b = &blocks[j];
            if (b->gshift != g->gshift || b->level < g->start) {
                continue;
            }
            T t;
            t_init(&t, g->gshift, g->in_bits, g->start);
            t.model.pa_bits = b->needs_pa52 ? 52 : 48;
            uint64_t va = upper_va(&t);
            uint64_t pa = 0x3ull << 42;
            map(&t, va, b->level, pa | D_BLOCK | D_AF | D_ATTR(2));
            ARMTranslation o = expect_ok(&t, va, ARM_ACCESS_READ);
            assert_int_equal(o.pa, pa | (va & LOW(b->size_shift)));
            assert_int_equal(o.page_shift, b->size_shift);
            assert_int_equal(o.level, b->level);
            assert_int_equal(o.mair_attr, 0x44);
        }
    }
}

/* Block descriptors where the granule has none are invalid, a translation
 * fault at that level (AArch64.BlockDescSupported): 4KB level 0, 16KB
 * level 1, 64KB level 1 on an implementation without 52-bit PAs. */
static void test_blocks_not_allowed(void **state)
{
    (void)state;
    static const struct { unsigned gshift, in_bits; int start, level; } cases[] = {
        { 12, 48, 0, 0 }, { 14, 48, 0, 1 }, { 14, 47, 1, 1 }, { 16, 48, 1, 1 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        T t;
        t_init(&t, cases[i].gshift, cases[i].in_bits, cases[i].start);
        uint64_t va = lower_va(&t);
        map(&t, va, cases[i].level, D_BLOCK | D_AF);
        expect_fault(&t, va, ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, cases[i].level);
    }
}

/* An invalid descriptor (bit 0 clear) faults at its level; at level 3
 * bit 1 clear is reserved and also invalid (D8, descriptor formats). */
static void test_invalid_at_each_level(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 48, 0);
    uint64_t va = 0x0000123456789000ull;
    expect_fault(&t, va, ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);
    for (int level = 1; level <= 3; level++) {
        slot(&t, va, level);        /* tables down to level, its entry 0 */
        expect_fault(&t, va, ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, level);
    }
    /* Only bit 0 matters: other bits set in an invalid descriptor. */
    map(&t, va, 3, ~1ull);
    expect_fault(&t, va, ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 3);
    map(&t, va, 3, 0x40000000ull | D_BLOCK | D_AF);
    expect_fault(&t, va, ARM_ACCESS_FETCH, ARM_FAULT_TRANSLATION, 3);
    map(&t, va, 3, 0x40000000ull | D_PAGE | D_AF);
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_FETCH).pa, 0x40000000ull);
}

/* EPDx: a miss in that range is a level 0 translation fault; a VA whose
 * bits above TxSZ are not all equal to bit 55 (up to bit 63, or 55 with
 * TBI) is a level 0 translation fault (AArch64.S1InvalidVA). */
static void test_epd_and_va_range(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 39, 1);
    uint64_t lo = 0x0000007fffe00000ull, hi = 0xffffff8000200000ull;
    map(&t, lo, 3, 0x50000000ull | D_PAGE | D_AF);
    map(&t, hi, 3, 0x60000000ull | D_PAGE | D_AF);
    assert_int_equal(expect_ok(&t, lo, ARM_ACCESS_READ).pa, 0x50000000ull);
    assert_int_equal(expect_ok(&t, hi, ARM_ACCESS_READ).pa, 0x60000000ull);

    expect_fault(&t, BIT(39), ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);
    expect_fault(&t, hi & ~BIT(39), ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);
    expect_fault(&t, BIT(55), ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);
    expect_fault(&t, lo | BIT(63), ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);

    t.regs.tcr |= TCR_EPD0;
    expect_fault(&t, lo, ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);
    expect_ok(&t, hi, ARM_ACCESS_READ);
    t.regs.tcr ^= TCR_EPD0 | TCR_EPD1;
    expect_ok(&t, lo, ARM_ACCESS_READ);
    expect_fault(&t, hi, ARM_ACCESS_FETCH, ARM_FAULT_TRANSLATION, 0);
}

/* TxSZ out of range acts as the nearest limit (the clamp is one of the
 * CONSTRAINED UNPREDICTABLE choices for TxSZ out of range): min 16 (12 for 64KB with
 * FEAT_LVA), max 39 without FEAT_TTST. */
static void test_txsz_clamp(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 48, 0);
    uint64_t va = 0x0000fedcba987000ull;
    map(&t, va, 3, 0x41000000ull | D_PAGE | D_AF);
    t.regs.tcr &= ~0x3full;         /* T0SZ = 0 -> 16 */
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_READ).pa, 0x41000000ull);
    expect_fault(&t, va | BIT(48), ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);

    t_init(&t, 12, 25, 2);
    va = 0x1ffe000;
    map(&t, va, 3, 0x42000000ull | D_PAGE | D_AF);
    t.regs.tcr |= 0x3f;             /* T0SZ = 63 -> 39 */
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_READ).pa, 0x42000000ull);
    expect_fault(&t, BIT(25), ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);

    /* 64KB, T0SZ 12 without FEAT_LVA: 16, the 48-bit walk. */
    t_init(&t, 16, 48, 1);
    t.model.lva = false;
    va = 0x0000abcd12340000ull;
    map(&t, va, 3, 0x43000000ull | D_PAGE | D_AF);
    t.regs.tcr = (t.regs.tcr & ~0x3full) | 12;
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_READ).pa, 0x43000000ull);
    expect_fault(&t, va | BIT(50), ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);
}

/* A reserved TGx value, or a granule the model lacks, acts as an
 * implemented granule (IMPLEMENTATION DEFINED; we pick 4KB first). */
static void test_reserved_granule(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 48, 0);
    uint64_t va = 0x0000123456789000ull;
    map(&t, va, 3, 0x44000000ull | D_PAGE | D_AF);
    map(&t, ~0ull << 40, 3, 0x45000000ull | D_PAGE | D_AF);
    t.regs.tcr |= 3ull << 14;       /* TG0 = 0b11 reserved */
    t.regs.tcr &= ~(3ull << 30);    /* TG1 = 0b00 reserved */
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_READ).pa, 0x44000000ull);
    assert_int_equal(expect_ok(&t, ~0ull << 40, ARM_ACCESS_READ).pa, 0x45000000ull);
    /* TG0 = 64KB on a model without it: 4KB. */
    t.regs.tcr = (t.regs.tcr & ~(3ull << 14)) | 1ull << 14;
    t.model.gran64 = false;
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_READ).pa, 0x44000000ull);
}

/* No FEAT_HAFDBS: AF == 0 is an Access flag fault at the leaf's level,
 * which comes before a permission fault (D8 "Prioritization of
 * exceptions"); a debug access skips both. */
static void test_access_flag(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 39, 1);
    uint64_t page = 0x0000001234567000ull, block = 0x0000004000000000ull - BIT(21);
    map(&t, page, 3, 0x46000000ull | D_PAGE | D_AP(2));
    map(&t, block, 2, 0x80000000ull | D_BLOCK | D_AP(2));
    expect_fault(&t, page, ARM_ACCESS_READ, ARM_FAULT_ACCESS_FLAG, 3);
    expect_fault(&t, page, ARM_ACCESS_WRITE, ARM_FAULT_ACCESS_FLAG, 3);
    expect_fault(&t, block + 0x1234, ARM_ACCESS_READ, ARM_FAULT_ACCESS_FLAG, 2);
    ARMTranslation o = expect_ok(&t, block + 0x1234, ARM_ACCESS_DEBUG);
    assert_int_equal(o.pa, 0x80001234ull);

    /* DBM (bit 51) means nothing without FEAT_HAFDBS: a read-only page
     * stays read-only. The Contiguous bit (52) is a hint: the entry still
     * covers one page. */
    map(&t, page, 3, 0x46000000ull | D_PAGE | D_AF | D_AP(2) | BIT(51) | BIT(52));
    expect_fault(&t, page, ARM_ACCESS_WRITE, ARM_FAULT_PERMISSION, 3);
    assert_int_equal(expect_ok(&t, page, ARM_ACCESS_READ).page_shift, 12);
}

/* Stage 1 permissions of the EL1&0 regime (D8 "Memory access control",
 * the data access permission table by AP[2:1] and the execute-never
 * rules): AP 00 EL1 RW / EL0 none, 01 RW / RW, 10 RO / none, 11 RO / RO;
 * UXN removes EL0 execution, PXN EL1's; memory writable at EL0 is never
 * executable at EL1; with SCTLR.WXN memory writable at an EL is not
 * executable there; PSTATE.PAN removes EL1 data access to memory EL0 can
 * read (instruction fetches unaffected). */
static const struct PermCase {
    unsigned ap;
    bool uxn, pxn, wxn, pan;
    uint8_t el0, el1;
} perm_cases[] = {
    { 0, 0, 0, 0, 0, X,         R | W | X },
    { 1, 0, 0, 0, 0, R | W | X, R | W },
    { 2, 0, 0, 0, 0, X,         R | X },
    { 3, 0, 0, 0, 0, R | X,     R | X },
    { 0, 1, 0, 0, 0, 0,         R | W | X },
    { 1, 1, 0, 0, 0, R | W,     R | W },
    { 2, 1, 0, 0, 0, 0,         R | X },
    { 3, 1, 0, 0, 0, R,         R | X },
    { 0, 0, 1, 0, 0, X,         R | W },
    { 1, 0, 1, 0, 0, R | W | X, R | W },
    { 2, 0, 1, 0, 0, X,         R },
    { 3, 0, 1, 0, 0, R | X,     R },
    { 0, 1, 1, 0, 0, 0,         R | W },
    { 3, 1, 1, 0, 0, R,         R },
    /* WXN */
    { 0, 0, 0, 1, 0, X,         R | W },
    { 1, 0, 0, 1, 0, R | W,     R | W },
    { 2, 0, 0, 1, 0, X,         R | X },
    { 3, 0, 0, 1, 0, R | X,     R | X },
    /* PAN */
    { 0, 0, 0, 0, 1, X,         R | W | X },
    { 1, 0, 0, 0, 1, R | W | X, 0 },
    { 2, 0, 0, 0, 1, X,         R | X },
    { 3, 0, 0, 0, 1, R | X,     X },
};

static void test_permissions(void **state)
{
    (void)state;
    static const ARMAccessType types[] = { ARM_ACCESS_READ, ARM_ACCESS_WRITE, ARM_ACCESS_FETCH };
    static const uint8_t needs[] = { R, W, X };
    for (size_t i = 0; i < sizeof(perm_cases) / sizeof(perm_cases[0]); i++) {
        const struct PermCase *c = &perm_cases[i];
        T t;
        t_init(&t, 12, 39, 1);
        uint64_t va = 0x0000000012345000ull;
        map(&t, va, 3, 0x47000000ull | D_PAGE | D_AF | D_AP(c->ap) |
            (c->uxn ? D_UXN : 0) | (c->pxn ? D_PXN : 0));
        t.regs.sctlr |= c->wxn ? SCTLR_WXN : 0;
        t.regs.pstate_pan = c->pan;

        ARMTranslation o = expect_ok(&t, va, ARM_ACCESS_DEBUG);
        assert_int_equal(o.prot_el0, c->el0);
        assert_int_equal(o.prot_el1, c->el1);

        for (int k = 0; k < 3; k++) {
            ARMFault f;
            /* EL1, EL1 unprivileged (LDTR/STTR: checked as EL0, except
             * that a fetch has no unprivileged form), EL0. */
            for (int mode = 0; mode < 3; mode++) {
                t.regs.el = mode == 2 ? 0 : 1;
                bool unpriv = mode == 1;
                bool as_el0 = mode == 2 || (unpriv && types[k] != ARM_ACCESS_FETCH);
                bool allowed = (as_el0 ? c->el0 : c->el1) & needs[k];
                bool ok = go(&t, va, types[k], unpriv, &o, &f);
                if (ok != allowed) {
                    fail_msg("case %zu type %d mode %d: got %d", i, k, mode, ok);
                }
                if (!ok) {
                    assert_int_equal(f.type, ARM_FAULT_PERMISSION);
                    assert_int_equal(f.level, 3);
                }
            }
        }
    }
}

/* PAN only for accesses it applies to: AT S1E1R/W ignore it, AT
 * S1E1RP/WP and ordinary loads and stores do not (D8 "Privileged access never"). */
static void test_pan_applies(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 39, 1);
    uint64_t va = 0x0000000012345000ull;
    map(&t, va, 3, 0x47000000ull | D_PAGE | D_AF | D_AP(1));
    t.regs.pstate_pan = true;
    ARMMMUAccess acc = { .va = va, .type = ARM_ACCESS_WRITE, .pan_applies = false };
    ARMTranslation o;
    ARMFault f;
    assert_true(arm_ptw_translate(&t.cfg, &acc, &o, &f));
    assert_int_equal(o.prot_el1, R | W);
    acc.pan_applies = true;
    assert_false(arm_ptw_translate(&t.cfg, &acc, &o, &f));
    assert_int_equal(f.type, ARM_FAULT_PERMISSION);
    /* At EL0 PAN changes nothing. */
    t.regs.el = 0;
    assert_true(arm_ptw_translate(&t.cfg, &acc, &o, &f));
}

/* Hierarchical permissions (D8 "Hierarchical control of data access
 * permissions" and of instruction fetching): APTable[0] forces AP[1] to
 * 0, APTable[1] forces AP[2] to 1, UXNTable and PXNTable add XN, each
 * accumulated over every table on the path; TCR.HPDx (FEAT_HPDS) turns
 * them off for that range; without FEAT_HPDS the HPD bits are RES0. */
static void test_table_attributes(void **state)
{
    (void)state;
    static const struct {
        uint64_t l1, l2;            /* attributes of the level 1 and 2 tables */
        uint8_t el0, el1;           /* for a leaf with AP 01, no XN */
    } cases[] = {
        { 0, 0,                 R | W | X, R | W },
        { T_AP(1), 0,           X,         R | W | X },
        { 0, T_AP(2),           R | X,     R | X },
        { T_AP(1), T_AP(2),     X,         R | X },
        { T_AP(3), 0,           X,         R | X },
        { T_UXN, 0,             R | W,     R | W },
        { 0, T_PXN | T_AP(1),   X,         R | W },
        { T_UXN, T_PXN | T_AP(1), 0,       R | W },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        for (int hpd = 0; hpd < 3; hpd++) {
            T t;
            t_init(&t, 12, 39, 1);
            uint64_t va = 0xffffffc012345000ull;
            map(&t, va, 3, 0x48000000ull | D_PAGE | D_AF | D_AP(1));
            table_attrs(&t, va, 1, cases[i].l1);
            table_attrs(&t, va, 2, cases[i].l2);
            /* hpd 1: HPD1 set, table attributes ignored; hpd 2: HPD1 set
             * on a model without FEAT_HPDS, so they still apply. */
            if (hpd) {
                t.regs.tcr |= TCR_HPD1;
                t.model.hpds = hpd == 1;
            }
            ARMTranslation o = expect_ok(&t, va, ARM_ACCESS_DEBUG);
            assert_int_equal(o.prot_el0, hpd == 1 ? (R | W | X) : cases[i].el0);
            assert_int_equal(o.prot_el1, hpd == 1 ? (R | W) : cases[i].el1);
        }
    }
    /* HPD0 covers the lower range only. */
    T t;
    t_init(&t, 12, 39, 1);
    uint64_t va = 0x12345000;
    map(&t, va, 3, 0x48000000ull | D_PAGE | D_AF | D_AP(1));
    table_attrs(&t, va, 1, T_UXN);
    t.regs.tcr |= TCR_HPD1;
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_DEBUG).prot_el0, R | W);
    t.regs.tcr |= TCR_HPD0;
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_DEBUG).prot_el0, R | W | X);
}

/* Output address size (D8 "Address size configuration", AArch64.
 * OAOutOfRange): TCR.IPS, capped at ID_AA64MMFR0.PARange, bounds every
 * address the walk produces: TTBR base (fault at level 0), next-level
 * table (fault at the level of the table descriptor), and the output
 * (fault at the leaf's level). IPS 0b111 is reserved and acts as PARange. */
static void test_output_address_size(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 39, 1);
    uint64_t va = 0x0000000012345000ull, blk = 0x0000000040000000ull;
    map(&t, va, 3, BIT(32) | D_PAGE | D_AF);
    map(&t, blk, 2, BIT(32) | D_BLOCK | D_AF);
    expect_ok(&t, va, ARM_ACCESS_READ);
    t.regs.tcr = (t.regs.tcr & ~TCR_IPS_MASK) | TCR_IPS(0);     /* 32 bits */
    expect_fault(&t, va, ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 3);
    expect_fault(&t, blk, ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 2);
    expect_fault(&t, va, ARM_ACCESS_DEBUG, ARM_FAULT_ADDRESS_SIZE, 3);
    t.regs.tcr = (t.regs.tcr & ~TCR_IPS_MASK) | TCR_IPS(1);     /* 36 bits */
    expect_ok(&t, va, ARM_ACCESS_READ);

    /* IPS 48 above a 40-bit PARange: 40. Reserved IPS: PARange. */
    t.model.pa_bits = 40;
    map(&t, va, 3, BIT(40) | D_PAGE | D_AF);
    t.regs.tcr = (t.regs.tcr & ~TCR_IPS_MASK) | TCR_IPS(5);
    expect_fault(&t, va, ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 3);
    t.regs.tcr = (t.regs.tcr & ~TCR_IPS_MASK) | TCR_IPS(7);
    expect_fault(&t, va, ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 3);
    map(&t, va, 3, (BIT(40) - BIT(12)) | D_PAGE | D_AF);
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_READ).pa, BIT(40) - BIT(12));

    /* A table descriptor at level 1 pointing above 32 bits. */
    t_init(&t, 12, 39, 1);
    t.regs.tcr = (t.regs.tcr & ~TCR_IPS_MASK) | TCR_IPS(0);
    wr(t.root[0], BIT(33) | D_TABLE);
    expect_fault(&t, 0x1000, ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 1);
    /* TTBR0 above 32 bits: level 0 even though the walk starts at 1. */
    t.regs.ttbr0 = BIT(34);
    expect_fault(&t, 0x1000, ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 0);
}

/* 52-bit PAs with the 64KB granule (FEAT_LPA): TTBR[5:2] are BADDR[51:48]
 * and descriptor bits 15:12 are OA[51:48] when IPS is 0b110. */
static void test_pa52(void **state)
{
    (void)state;
    T t;
    t_init(&t, 16, 52, 1);
    t.model.pa_bits = 52;
    t.regs.tcr = (t.regs.tcr & ~TCR_IPS_MASK) | TCR_IPS(6);
    uint64_t va = 0x000fedcba9870000ull;
    map(&t, va, 3, 0x0000123400000000ull | 0x5ull << 12 | D_PAGE | D_AF);
    ARMTranslation o = expect_ok(&t, va + 0x123, ARM_ACCESS_READ);
    assert_int_equal(o.pa, 0x0005123400000123ull);
    /* IPS 48: the same descriptor is out of range. */
    t.regs.tcr = (t.regs.tcr & ~TCR_IPS_MASK) | TCR_IPS(5);
    expect_fault(&t, va, ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 3);
    /* TTBR0[5:2] = 1: the table is at 2^48 + root, outside memory. */
    t.regs.tcr = (t.regs.tcr & ~TCR_IPS_MASK) | TCR_IPS(6);
    t.regs.ttbr0 |= 1 << 2;
    expect_fault(&t, va, ARM_ACCESS_READ, ARM_FAULT_SYNC_EXT_WALK, 1);
    /* With 4KB, IPS 52 acts as 48 (no FEAT_LPA2). */
    t_init(&t, 12, 48, 0);
    t.model.pa_bits = 52;
    t.regs.tcr = (t.regs.tcr & ~TCR_IPS_MASK) | TCR_IPS(6);
    map(&t, va & LOW(48), 3, (BIT(48) - BIT(12)) | D_PAGE | D_AF);
    assert_int_equal(expect_ok(&t, va & LOW(48), ARM_ACCESS_READ).pa, BIT(48) - BIT(12));
}

/* TTBR low bits: bit 0 is CnP and BADDR bits below the first table's
 * alignment (its size, at least 64 bytes) are RES0; a misaligned TTB is
 * CONSTRAINED UNPREDICTABLE and we take those bits as zero (the TTBR0_EL1 register description).
 * TTBR[5:2] are BADDR[51:48] only with a 52-bit output (64KB, IPS 0b110),
 * and descriptor bits 15:12 are OA[51:48] only with the 64KB granule on a
 * 52-bit PA implementation: elsewhere RES0, ignored. */
static void test_ttbr_low_bits(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 40, 0);          /* level 0 table of 2 entries, 16 bytes */
    uint64_t va = 0x000000f123456000ull;
    map(&t, va, 3, 0x4c000000ull | D_PAGE | D_AF);
    t.regs.ttbr0 |= 0x3f;
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_READ).pa, 0x4c000000ull);

    t_init(&t, 12, 48, 0);
    t.model.pa_bits = 52;
    t.regs.tcr = (t.regs.tcr & ~TCR_IPS_MASK) | TCR_IPS(6);
    map(&t, va, 3, 0x4c000000ull | D_PAGE | D_AF);
    t.regs.ttbr0 |= 0xfff;
    assert_int_equal(expect_ok(&t, va, ARM_ACCESS_READ).pa, 0x4c000000ull);

    t_init(&t, 16, 48, 1);
    map(&t, va & ~LOW(16), 3, 0x4c000000ull | 0xfull << 12 | D_PAGE | D_AF);
    t.regs.ttbr0 |= 0x1ff;          /* level 1 table: 64 entries, 512 bytes */
    assert_int_equal(expect_ok(&t, va & ~LOW(16), ARM_ACCESS_READ).pa, 0x4c000000ull);
}

/* A walk read that fails is a synchronous external abort on translation
 * table walk, at the level being read (ESR FSC 0b0101LL). */
static void test_walk_outside_memory(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 39, 1);
    t.regs.ttbr0 = 0x1000;
    expect_fault(&t, 0x5000, ARM_ACCESS_READ, ARM_FAULT_SYNC_EXT_WALK, 1);
    t.regs.ttbr0 = t.root[0];
    wr(t.root[0], 0x20000000ull | D_TABLE);
    expect_fault(&t, 0x5000, ARM_ACCESS_READ, ARM_FAULT_SYNC_EXT_WALK, 2);
    /* The last byte of memory is readable, one past it is not. */
    t.regs.ttbr0 = MEM_BASE + MEM_SIZE - BIT(12);
    expect_fault(&t, 0x1ffull << 30, ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 1);
    t.regs.ttbr0 = MEM_BASE + MEM_SIZE;
    expect_fault(&t, 0, ARM_ACCESS_READ, ARM_FAULT_SYNC_EXT_WALK, 1);
}

/* Top byte ignore (D8 "Address tagging", pseudocode AddrTop): TBI0/TBI1 ignore
 * bits 63:56 of data addresses; of instruction addresses too unless
 * TBID0/TBID1 (FEAT_PAuth) is set. The range is still chosen by bit 55. */
static void test_tbi(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 48, 0);
    uint64_t lo = 0x0000123456789000ull, hi = 0xffff876543210000ull;
    map(&t, lo, 3, 0x49000000ull | D_PAGE | D_AF);
    map(&t, hi, 3, 0x4a000000ull | D_PAGE | D_AF);
    uint64_t lo_tag = lo | 0x5aull << 56, hi_tag = (hi & LOW(56)) | 0x12ull << 56;

    expect_fault(&t, lo_tag, ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);
    expect_fault(&t, hi_tag, ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);
    t.regs.tcr |= TCR_TBI0;
    assert_int_equal(expect_ok(&t, lo_tag + 8, ARM_ACCESS_READ).pa, 0x49000008ull);
    assert_int_equal(expect_ok(&t, lo | 0xffull << 56, ARM_ACCESS_WRITE).pa, 0x49000000ull);
    expect_fault(&t, hi_tag, ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);
    assert_int_equal(expect_ok(&t, lo_tag, ARM_ACCESS_FETCH).pa, 0x49000000ull);
    t.regs.tcr |= TCR_TBID0;
    expect_fault(&t, lo_tag, ARM_ACCESS_FETCH, ARM_FAULT_TRANSLATION, 0);
    expect_ok(&t, lo_tag, ARM_ACCESS_READ);
    expect_ok(&t, lo, ARM_ACCESS_FETCH);
    /* Without FEAT_PAuth, TBID0 is RES0. */
    t.model.pauth = false;
    expect_ok(&t, lo_tag, ARM_ACCESS_FETCH);

    t.regs.tcr |= TCR_TBI1;
    assert_int_equal(expect_ok(&t, hi_tag, ARM_ACCESS_READ).pa, 0x4a000000ull);
    /* Bits 54:48 must still be ones in the upper range. */
    expect_fault(&t, hi_tag & ~BIT(50), ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 0);
}

/* ASIDs (TCR_EL1.A1 and .AS, TTBRn_EL1.ASID in bits 63:48): A1
 * chooses the TTBR that holds the current ASID, AS 0 uses its low 8 bits;
 * nG from the leaf says whether the entry is tagged. */
static void test_asid(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 39, 1);
    uint64_t va = 0x12345000, gva = 0x12346000;
    map(&t, va, 3, 0x4b000000ull | D_PAGE | D_AF | D_NG);
    map(&t, gva, 3, 0x4b001000ull | D_PAGE | D_AF);
    t.regs.ttbr0 |= 0x1234ull << 48;
    t.regs.ttbr1 |= 0xabcdull << 48;
    static const struct { uint64_t tcr; uint16_t asid; } cases[] = {
        { 0, 0x34 }, { TCR_AS, 0x1234 }, { TCR_A1, 0xcd }, { TCR_A1 | TCR_AS, 0xabcd },
    };
    uint64_t tcr = t.regs.tcr;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        t.regs.tcr = tcr | cases[i].tcr;
        ARMTranslation o = expect_ok(&t, va, ARM_ACCESS_READ);
        assert_true(o.ng);
        assert_int_equal(o.asid, cases[i].asid);
        assert_int_equal(o.pa, 0x4b000000ull);
        assert_false(expect_ok(&t, gva, ARM_ACCESS_READ).ng);
    }
}

/* ESR_ELx DFSC/IFSC (ISS encoding for Data and Instruction Aborts). */
static void test_fsc(void **state)
{
    (void)state;
    static const struct { ARMFaultType type; int level; unsigned fsc; } cases[] = {
        { ARM_FAULT_ADDRESS_SIZE, 0, 0x00 }, { ARM_FAULT_ADDRESS_SIZE, 3, 0x03 },
        { ARM_FAULT_TRANSLATION, 0, 0x04 }, { ARM_FAULT_TRANSLATION, 1, 0x05 },
        { ARM_FAULT_TRANSLATION, 2, 0x06 }, { ARM_FAULT_TRANSLATION, 3, 0x07 },
        { ARM_FAULT_ACCESS_FLAG, 1, 0x09 }, { ARM_FAULT_ACCESS_FLAG, 3, 0x0b },
        { ARM_FAULT_PERMISSION, 1, 0x0d }, { ARM_FAULT_PERMISSION, 3, 0x0f },
        { ARM_FAULT_SYNC_EXT_WALK, 0, 0x14 }, { ARM_FAULT_SYNC_EXT_WALK, 2, 0x16 },
        { ARM_FAULT_ALIGNMENT, 0, 0x21 },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ARMFault f = { cases[i].type, cases[i].level };
        assert_int_equal(arm_fault_fsc(&f), cases[i].fsc);
    }
}

/* PAR_EL1 after AT, 64-bit format (the PAR_EL1 register description): F=0: ATTR 63:56,
 * PA 51:12, bit 11 RES1, NS 9 (UNKNOWN for a Non-secure regime; we give 1,
 * the output being Non-secure), SH 8:7, Outer Shareable (0b10) for Device
 * and Normal Non-cacheable memory. F=1: FST 6:1, PTW 8, S 9 (0: stage 1),
 * bit 11 RES1. */
static void test_par(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 48, 0);
    uint64_t va = 0x0000123456789000ull;
    map(&t, va, 3, 0x876543210000ull | D_PAGE | D_AF | D_ATTR(3) | D_SH(3) | D_AP(2));
    map(&t, va + 0x1000, 3, 0x40001000ull | D_PAGE | D_AF | D_ATTR(0) | D_SH(0));
    map(&t, va + 0x2000, 3, 0x40002000ull | D_PAGE | D_AF | D_ATTR(2) | D_SH(3));
    map(&t, va + 0x3000, 3, 0x40003000ull | D_PAGE | D_AF | D_ATTR(4) | D_SH(0));
    ARMTranslation o = expect_ok(&t, va + 0x123, ARM_ACCESS_READ);
    assert_int_equal(arm_par_from_translation(&o), 0xff00876543210b80ull);
    o = expect_ok(&t, va + 0x1000, ARM_ACCESS_READ);
    assert_int_equal(arm_par_from_translation(&o), 0x0000000040001b00ull);
    o = expect_ok(&t, va + 0x2000, ARM_ACCESS_READ);
    assert_int_equal(arm_par_from_translation(&o), 0x4400000040002b00ull);
    o = expect_ok(&t, va + 0x3000, ARM_ACCESS_READ);
    assert_int_equal(arm_par_from_translation(&o), 0xaa00000040003a00ull);

    ARMFault f;
    assert_false(go(&t, va, ARM_ACCESS_WRITE, false, &o, &f));
    assert_int_equal(arm_par_from_fault(&f), 0x81full);        /* permission L3 */
    assert_false(go(&t, va + 0x200000, ARM_ACCESS_READ, false, &o, &f));
    assert_int_equal(arm_par_from_fault(&f), 0x80dull);        /* translation L2 */
}

/* Stage 1 disabled (D8 "The effects of disabling a stage of address
 * translation"): PA = VA; data Device-nGnRnE, instruction fetches Normal
 * Write-Through (SCTLR.I = 1) or Non-cacheable, Outer Shareable; all
 * permissions; a VA above PARange (after TBI) is an address size fault at
 * level 0. */
static void test_mmu_off(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 48, 0);
    t.regs.sctlr = 0;
    t.regs.ttbr0 = 0x42ull << 48;
    ARMTranslation o = expect_ok(&t, 0x0000800012345678ull, ARM_ACCESS_WRITE);
    assert_int_equal(o.pa, 0x0000800012345678ull);
    assert_int_equal(o.mair_attr, 0x00);
    assert_int_equal(o.sh, 2);
    assert_int_equal(o.prot_el0, R | W | X);
    assert_int_equal(o.prot_el1, R | W | X);
    assert_int_equal(expect_ok(&t, 0x1000, ARM_ACCESS_FETCH).mair_attr, 0x44);
    t.regs.sctlr |= SCTLR_I;
    assert_int_equal(expect_ok(&t, 0x1000, ARM_ACCESS_FETCH).mair_attr, 0xaa);
    t.regs.el = 0;
    expect_ok(&t, 0x1000, ARM_ACCESS_WRITE);

    expect_fault(&t, BIT(48), ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 0);
    expect_fault(&t, ~0ull, ARM_ACCESS_FETCH, ARM_FAULT_ADDRESS_SIZE, 0);
    expect_fault(&t, 0x7aull << 56 | 0x1000, ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 0);
    t.regs.tcr |= TCR_TBI0;
    assert_int_equal(expect_ok(&t, 0x7aull << 56 | 0x1000, ARM_ACCESS_READ).pa, 0x1000);
    t.model.pa_bits = 40;
    expect_fault(&t, BIT(40), ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 0);
}

/* Alignment by memory type (AArch64.S1Translate, AArch64.S1DisabledOutput):
 * an unaligned load or store to Device memory (MAIR 0b0000xxxx) faults,
 * after the walk's faults (access flag included) and before permission;
 * Normal memory, instruction fetch and the debug walk do not.  With the
 * MMU off every data access is Device, after the address size check. */
static void expect_unaligned(T *t, uint64_t va, ARMAccessType type, ARMFaultType kind,
                             int level)
{
    ARMMMUAccess acc = { .va = va, .type = type, .pan_applies = true, .unaligned = true };
    ARMTranslation o;
    ARMFault f;
    bool ok = arm_ptw_translate(&t->cfg, &acc, &o, &f);
    if (kind == ARM_FAULT_NONE) {
        assert_true(ok);
        return;
    }
    assert_false(ok);
    assert_int_equal(f.type, kind);
    assert_int_equal(f.level, level);
}

static void test_device_alignment(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 39, 1);
    uint64_t dev = 0x0000001234567000ull, norm = dev + 0x1000, ro = dev + 0x2000,
             noaf = dev + 0x3000;
    map(&t, dev, 3, 0x46000000ull | D_PAGE | D_AF | D_ATTR(1) | D_UXN | D_PXN);
    map(&t, norm, 3, 0x46001000ull | D_PAGE | D_AF | D_ATTR(2));
    map(&t, ro, 3, 0x46002000ull | D_PAGE | D_AF | D_ATTR(0) | D_AP(2));
    map(&t, noaf, 3, 0x46003000ull | D_PAGE | D_ATTR(0));
    assert_true(expect_ok(&t, dev, ARM_ACCESS_READ).data_device);
    assert_false(expect_ok(&t, norm, ARM_ACCESS_READ).data_device);
    expect_unaligned(&t, dev + 1, ARM_ACCESS_READ, ARM_FAULT_ALIGNMENT, 3);
    expect_unaligned(&t, dev + 2, ARM_ACCESS_WRITE, ARM_FAULT_ALIGNMENT, 3);
    expect_unaligned(&t, dev + 1, ARM_ACCESS_DEBUG, ARM_FAULT_NONE, 0);
    expect_unaligned(&t, norm + 1, ARM_ACCESS_WRITE, ARM_FAULT_NONE, 0);
    expect_unaligned(&t, norm + 1, ARM_ACCESS_FETCH, ARM_FAULT_NONE, 0);
    /* Alignment before permission, after the access flag and translation. */
    expect_unaligned(&t, ro + 2, ARM_ACCESS_WRITE, ARM_FAULT_ALIGNMENT, 3);
    expect_fault(&t, ro + 4, ARM_ACCESS_WRITE, ARM_FAULT_PERMISSION, 3);
    expect_unaligned(&t, noaf + 2, ARM_ACCESS_READ, ARM_FAULT_ACCESS_FLAG, 3);
    expect_unaligned(&t, dev + 0x4002, ARM_ACCESS_READ, ARM_FAULT_TRANSLATION, 3);

    t.regs.sctlr = 0;
    assert_true(expect_ok(&t, 0x1000, ARM_ACCESS_FETCH).data_device);
    expect_unaligned(&t, 0x1001, ARM_ACCESS_READ, ARM_FAULT_ALIGNMENT, 0);
    expect_unaligned(&t, 0x1002, ARM_ACCESS_WRITE, ARM_FAULT_ALIGNMENT, 0);
    expect_unaligned(&t, 0x1002, ARM_ACCESS_FETCH, ARM_FAULT_NONE, 0);
    expect_unaligned(&t, BIT(48) + 1, ARM_ACCESS_READ, ARM_FAULT_ADDRESS_SIZE, 0);
}

static void test_model_from_id(void **state)
{
    (void)state;
    ARMMMUModel m;
    /* ID_AA64MMFR0: PARange 0b0101 (48), TGran16 1, TGran64 0, TGran4 0. */
    arm_mmu_model_from_id(&m, 0x00101125ull, 0x1000ull, 0x10000ull, true);
    assert_int_equal(m.pa_bits, 48);
    assert_true(m.gran4 && m.gran16 && m.gran64 && m.hpds && m.lva && m.pauth);
    /* PARange 0b0110 (52), TGran4 and TGran64 0xf (absent), TGran16 0. */
    arm_mmu_model_from_id(&m, 0xff000006ull, 0, 0, false);
    assert_int_equal(m.pa_bits, 52);
    assert_false(m.gran4 || m.gran16 || m.gran64 || m.hpds || m.lva || m.pauth);
    arm_mmu_model_from_id(&m, 0x2, 0, 0, false);
    assert_int_equal(m.pa_bits, 40);
}

/* Any register and table contents: a result or a fault with a level in
 * range, at most four descriptor reads, and a PA that keeps the offset. */
static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void test_random(void **state)
{
    (void)state;
    T t;
    t_init(&t, 12, 48, 0);
    for (size_t i = 0; i < MEM_SIZE; i += 8) {
        uint64_t d = next_rand();
        /* Many descriptors point back into memory so walks go deep. */
        if (d & 0x8000) {
            d = (d & ~(LOW(48) & ~LOW(12))) | (MEM_BASE + (d >> 20) % MEM_SIZE);
        }
        memcpy(&mem[i], &d, 8);
    }
    for (int i = 0; i < 200000; i++) {
        t.model.pa_bits = (unsigned[]){ 32, 36, 40, 42, 44, 48, 52 }[next_rand() % 7];
        t.model.lva = next_rand() & 1;
        t.model.gran16 = next_rand() & 1;
        t.regs.sctlr = next_rand() | (next_rand() & 7 ? SCTLR_M : 0);
        t.regs.tcr = next_rand();
        t.regs.ttbr0 = next_rand() & 3 ? MEM_BASE + next_rand() % MEM_SIZE : next_rand();
        t.regs.ttbr1 = next_rand() & 3 ? MEM_BASE + next_rand() % MEM_SIZE : next_rand();
        t.regs.pstate_pan = next_rand() & 1;
        t.regs.el = next_rand() & 1;
        uint64_t va = next_rand();
        if (next_rand() & 1) {
            va = (va & LOW(40)) | ((va >> 55) & 1 ? ~LOW(40) : 0);
        }
        ARMMMUAccess acc = { .va = va, .type = next_rand() % 4,
                             .unpriv = next_rand() & 1, .pan_applies = next_rand() & 1 };
        ARMTranslation o;
        ARMFault f;
        reads = 0;
        if (arm_ptw_translate(&t.cfg, &acc, &o, &f)) {
            assert_true(o.page_shift >= 12 && o.page_shift <= 42);
            assert_int_equal(o.pa & LOW(o.page_shift), va & LOW(o.page_shift));
            assert_true(o.pa < BIT(t.model.pa_bits));
        } else {
            assert_true(f.type > ARM_FAULT_NONE && f.type < ARM_FAULT_ALIGNMENT);
            assert_true(f.level >= 0 && f.level <= 3);
        }
        assert_true(reads <= 4);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pages_every_geometry),
        cmocka_unit_test(test_blocks_every_granule),
        cmocka_unit_test(test_blocks_not_allowed),
        cmocka_unit_test(test_invalid_at_each_level),
        cmocka_unit_test(test_epd_and_va_range),
        cmocka_unit_test(test_txsz_clamp),
        cmocka_unit_test(test_reserved_granule),
        cmocka_unit_test(test_access_flag),
        cmocka_unit_test(test_permissions),
        cmocka_unit_test(test_pan_applies),
        cmocka_unit_test(test_table_attributes),
        cmocka_unit_test(test_output_address_size),
        cmocka_unit_test(test_pa52),
        cmocka_unit_test(test_ttbr_low_bits),
        cmocka_unit_test(test_walk_outside_memory),
        cmocka_unit_test(test_tbi),
        cmocka_unit_test(test_asid),
        cmocka_unit_test(test_fsc),
        cmocka_unit_test(test_par),
        cmocka_unit_test(test_mmu_off),
        cmocka_unit_test(test_device_alignment),
        cmocka_unit_test(test_model_from_id),
        cmocka_unit_test(test_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
