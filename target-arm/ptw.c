/*
 * The AArch64 stage-1 walk of the EL1&0 regime (Arm ARM D8, VMSAv8-64):
 * which TTBR a VA uses, the walk's geometry from TxSZ and the granule, the
 * descriptors level by level with the hierarchical attributes, and the
 * leaf's permissions for EL0 and EL1. The pseudocode this follows is
 * AArch64.S1Translate / AArch64.S1Walk and AArch64.S1ComputePermissions;
 * where the architecture leaves a choice (reserved TGx, TxSZ out of range,
 * reserved IPS, BADDR low bits) the comment says which one is taken.
 */
#include <stddef.h>

#include "ptw.h"

#define BIT(n)              (1ull << (n))
#define FIELD(v, lo, len)   (((v) >> (lo)) & ((1ull << (len)) - 1))
#define MASK_HI_LO(hi, lo)  ((~0ull >> (63 - (hi))) & ~(BIT(lo) - 1))

/* SCTLR_EL1 bits read here. */
enum { SCTLR_M = 0, SCTLR_I = 12, SCTLR_WXN = 19 };

/* TCR_EL1 fields shared by both ranges. */
enum { TCR_A1 = 22, TCR_IPS = 32, TCR_AS = 36 };

/* Descriptor bits (Arm ARM D8, "Translation table descriptor formats"). */
enum {
    DESC_VALID = 0, DESC_TYPE = 1,          /* table/page vs block */
    DESC_ATTRINDX = 2, DESC_AP1 = 6, DESC_AP2 = 7, DESC_SH = 8,
    DESC_AF = 10, DESC_NG = 11, DESC_PXN = 53, DESC_UXN = 54,
    DESC_PXNTABLE = 59, DESC_UXNTABLE = 60, DESC_APTABLE0 = 61,
    DESC_APTABLE1 = 62,
};

typedef enum Granule { G4K, G16K, G64K, G_RESERVED } Granule;

/* Per granule: log2 of its size (each level resolves size - 3 bits) and
 * the levels that may hold a block descriptor without FEAT_LPA2
 * (AArch64.BlockDescSupported: 4K levels 1-2, 16K level 2, 64K level 2,
 * and 64K level 1 when the implemented PA size is 52 bits). */
static const struct {
    unsigned shift;
    uint8_t block_levels;
} granules[] = {
    [G4K]  = { 12, BIT(1) | BIT(2) },
    [G16K] = { 14, BIT(2) },
    [G64K] = { 16, BIT(2) },
};

/* The TCR fields of each VA range, and the TGx encodings, which differ
 * between TG0 and TG1 (the TCR_EL1 register description). */
static const struct {
    unsigned tsz, epd, tg, tbi, hpd, tbid;
    Granule tg_decode[4];
} range_fields[2] = {
    { 0, 7, 14, 37, 41, 51, { G4K, G64K, G16K, G_RESERVED } },
    { 16, 23, 30, 38, 42, 52, { G_RESERVED, G16K, G4K, G64K } },
};

/* PA sizes of ID_AA64MMFR0.PARange and TCR.IPS, 0 for reserved. */
static const unsigned pa_size_bits[8] = { 32, 36, 40, 42, 44, 48, 52, 0 };

/* Data access permissions by AP[2:1] (D8 "Memory access control", the
 * stage 1 data access permissions of a regime with two privilege levels). */
static const struct { uint8_t el0, el1; } ap_prot[4] = {
    { 0, ARM_PROT_READ | ARM_PROT_WRITE },
    { ARM_PROT_READ | ARM_PROT_WRITE, ARM_PROT_READ | ARM_PROT_WRITE },
    { 0, ARM_PROT_READ },
    { ARM_PROT_READ, ARM_PROT_READ },
};

/* FSC of each fault kind, before the level is added (ESR_ELx, ISS encoding for a Data or Instruction Abort). */
static const struct { uint8_t fsc; bool has_level; } fault_fsc[] = {
    [ARM_FAULT_NONE]         = { 0x00, false },
    [ARM_FAULT_ADDRESS_SIZE] = { 0x00, true },
    [ARM_FAULT_TRANSLATION]  = { 0x04, true },
    [ARM_FAULT_ACCESS_FLAG]  = { 0x08, true },
    [ARM_FAULT_PERMISSION]   = { 0x0c, true },
    [ARM_FAULT_SYNC_EXT_WALK] = { 0x14, true },
    [ARM_FAULT_ALIGNMENT]    = { 0x21, false },
};

void arm_mmu_model_from_id(ARMMMUModel *m, uint64_t mmfr0, uint64_t mmfr1,
                           uint64_t mmfr2, bool pauth)
{
    unsigned parange = FIELD(mmfr0, 0, 4);
    m->pa_bits = parange < 8 && pa_size_bits[parange] ? pa_size_bits[parange] : 48;
    m->gran16 = FIELD(mmfr0, 20, 4) != 0;           /* 0 = not supported */
    m->gran64 = FIELD(mmfr0, 24, 4) != 0xf;         /* 0xf = not supported */
    m->gran4 = FIELD(mmfr0, 28, 4) != 0xf;
    m->hpds = FIELD(mmfr1, 12, 4) != 0;
    m->lva = FIELD(mmfr2, 16, 4) == 1;
    m->pauth = pauth;
}

/* The parameters of one VA range after the architecture's clamps. */
typedef struct Range {
    bool upper;
    Granule granule;
    unsigned in_bits;       /* 64 - TxSZ */
    bool epd, hpd;
    unsigned top;           /* highest VA bit that takes part: 55 with TBI */
} Range;

/* A reserved TGx, or a granule the model lacks, is IMPLEMENTATION DEFINED
 * as an implemented size: the first of 4K, 64K, 16K the model has. */
static Granule implemented_granule(const ARMMMUModel *m, Granule g)
{
    if ((g == G4K && m->gran4) || (g == G16K && m->gran16) ||
        (g == G64K && m->gran64)) {
        return g;
    }
    return m->gran4 ? G4K : m->gran64 ? G64K : m->gran16 ? G16K : G4K;
}

static void decode_range(const ARMPTWConfig *cfg, uint64_t va, bool fetch, Range *r)
{
    const ARMMMUModel *m = cfg->model;
    uint64_t tcr = cfg->regs->tcr;

    /* AArch64.GetVARange: bit 55 selects the range, with or without TBI. */
    r->upper = FIELD(va, 55, 1);
    const typeof(range_fields[0]) *f = &range_fields[r->upper];

    r->granule = implemented_granule(m, f->tg_decode[FIELD(tcr, f->tg, 2)]);
    r->epd = FIELD(tcr, f->epd, 1);
    r->hpd = m->hpds && FIELD(tcr, f->hpd, 1);

    /* AddrTop: TBI ignores the top byte of data addresses always, and of
     * instruction addresses unless TBIDx (FEAT_PAuth) is set. */
    bool tbi = FIELD(tcr, f->tbi, 1);
    if (fetch && m->pauth && FIELD(tcr, f->tbid, 1)) {
        tbi = false;
    }
    r->top = tbi ? 55 : 63;

    /* TxSZ outside [min, 39] is clamped (one of the CONSTRAINED
     * UNPREDICTABLE choices for TxSZ out of range): min 16, or 12 for 64K with FEAT_LVA;
     * max 39 without FEAT_TTST. */
    unsigned tsz = FIELD(tcr, f->tsz, 6);
    unsigned min_tsz = (r->granule == G64K && m->lva) ? 12 : 16;
    tsz = tsz < min_tsz ? min_tsz : tsz > 39 ? 39 : tsz;
    r->in_bits = 64 - tsz;
}

/* The output address size: TCR.IPS capped at the implemented PA size
 * (a reserved IPS or one above PARange acts as PARange); 52 bits only
 * with the 64K granule (no FEAT_LPA2). */
static unsigned output_bits(const ARMPTWConfig *cfg, Granule g)
{
    unsigned pamax = cfg->model->pa_bits;
    unsigned ips = pa_size_bits[FIELD(cfg->regs->tcr, TCR_IPS, 3)];
    unsigned bits = (ips == 0 || ips > pamax) ? pamax : ips;
    return (bits == 52 && g != G64K) ? 48 : bits;
}

/* The output address in a table, block or page descriptor: bits 47:lo,
 * and with the 64K granule on a 52-bit PA implementation OA[51:48] in
 * bits 15:12 (FEAT_LPA). */
static uint64_t desc_address(const ARMPTWConfig *cfg, Granule g, uint64_t desc,
                             unsigned lo)
{
    uint64_t oa = desc & MASK_HI_LO(47, lo);
    if (g == G64K && cfg->model->pa_bits == 52) {
        oa |= FIELD(desc, 12, 4) << 48;
    }
    return oa;
}

static bool set_fault(ARMFault *fault, ARMFaultType type, int level)
{
    fault->type = type;
    fault->level = level;
    return false;
}

static uint16_t current_asid(const ARMMMURegs *regs)
{
    uint64_t ttbr = FIELD(regs->tcr, TCR_A1, 1) ? regs->ttbr1 : regs->ttbr0;
    uint16_t asid = ttbr >> 48;
    return FIELD(regs->tcr, TCR_AS, 1) ? asid : (asid & 0xff);
}

static uint8_t required_prot(ARMAccessType type)
{
    return type == ARM_ACCESS_WRITE ? ARM_PROT_WRITE :
           type == ARM_ACCESS_FETCH ? ARM_PROT_EXEC : ARM_PROT_READ;
}

/* SCTLR.M == 0 (D8 "The effects of disabling a stage of address translation"):
 * flat, all permissions; data is Device-nGnRnE, instructions Normal,
 * Write-Through when SCTLR.I is set, else Non-cacheable; both Outer
 * Shareable. A VA above the implemented PA size (TBI still applies) is an
 * address size fault at level 0. */
/* A load or store, for which the memory type decides alignment. */
static bool data_access(const ARMMMUAccess *acc)
{
    return acc->type == ARM_ACCESS_READ || acc->type == ARM_ACCESS_WRITE;
}

static bool translate_mmu_off(const ARMPTWConfig *cfg, const ARMMMUAccess *acc,
                              ARMTranslation *out, ARMFault *fault)
{
    Range r;
    unsigned pamax = cfg->model->pa_bits;
    bool fetch = acc->type == ARM_ACCESS_FETCH;

    decode_range(cfg, acc->va, fetch, &r);
    if (acc->va & MASK_HI_LO(r.top, pamax)) {
        return set_fault(fault, ARM_FAULT_ADDRESS_SIZE, 0);
    }
    /* Data accesses are Device-nGnRnE (AArch64.S1DisabledOutput), so an
     * unaligned one faults; instruction fetch is Normal. */
    if (acc->unaligned && data_access(acc)) {
        return set_fault(fault, ARM_FAULT_ALIGNMENT, 0);
    }
    *out = (ARMTranslation) {
        .pa = acc->va & (BIT(pamax) - 1),
        .page_shift = 12,
        .va_mask = ~(BIT(12) - 1),
        .mair_attr = !fetch ? 0x00 : FIELD(cfg->regs->sctlr, SCTLR_I, 1) ? 0xaa : 0x44,
        .sh = 2,
        .data_device = true,
        .prot_el0 = ARM_PROT_READ | ARM_PROT_WRITE | ARM_PROT_EXEC,
        .prot_el1 = ARM_PROT_READ | ARM_PROT_WRITE | ARM_PROT_EXEC,
        .asid = current_asid(cfg->regs),
        .level = -1,
    };
    return true;
}

/* What the table descriptors passed on the way down take away
 * (D8 "Hierarchical control of data access permissions" and of
 * instruction fetching). */
typedef struct TableAttrs {
    bool no_el0;            /* APTable[0]: AP[1] treated as 0 */
    bool read_only;         /* APTable[1]: AP[2] treated as 1 */
    bool pxn, uxn;
} TableAttrs;

/* The leaf's permissions for both privileges, following
 * AArch64.S1ComputePermissions for the EL1&0 regime: AP[2:1] give read
 * and write; memory writable at EL0 is never executable at EL1; with
 * SCTLR.WXN writable memory is not executable at that level; PAN removes
 * EL1 data access to memory readable at EL0. */
static void leaf_prot(const ARMPTWConfig *cfg, const ARMMMUAccess *acc,
                      uint64_t desc, const TableAttrs *t, ARMTranslation *out)
{
    unsigned ap = FIELD(desc, DESC_AP1, 2);
    if (t->no_el0) {
        ap &= ~1u;
    }
    if (t->read_only) {
        ap |= 2;
    }
    uint8_t el0 = ap_prot[ap].el0, el1 = ap_prot[ap].el1;
    bool wxn = FIELD(cfg->regs->sctlr, SCTLR_WXN, 1);

    bool uxn = FIELD(desc, DESC_UXN, 1) || t->uxn || (wxn && (el0 & ARM_PROT_WRITE));
    bool pxn = FIELD(desc, DESC_PXN, 1) || t->pxn || (wxn && (el1 & ARM_PROT_WRITE)) ||
               (el0 & ARM_PROT_WRITE);
    if (cfg->regs->pstate_pan && acc->pan_applies && (el0 & ARM_PROT_READ)) {
        el1 &= ~(ARM_PROT_READ | ARM_PROT_WRITE);
    }
    out->prot_el0 = el0 | (uxn ? 0 : ARM_PROT_EXEC);
    out->prot_el1 = el1 | (pxn ? 0 : ARM_PROT_EXEC);
}

bool arm_ptw_translate(const ARMPTWConfig *cfg, const ARMMMUAccess *acc,
                       ARMTranslation *out, ARMFault *fault)
{
    const ARMMMURegs *regs = cfg->regs;
    bool fetch = acc->type == ARM_ACCESS_FETCH;

    *fault = (ARMFault) { ARM_FAULT_NONE, 0 };
    if (!FIELD(regs->sctlr, SCTLR_M, 1)) {
        return translate_mmu_off(cfg, acc, out, fault);
    }

    Range r;
    decode_range(cfg, acc->va, fetch, &r);

    /* AArch64.S1InvalidVA: bits top..in_bits must all copy bit 55;
     * with EPDx the range has no tables. Both level 0 translation faults. */
    uint64_t range_bits = MASK_HI_LO(r.top, r.in_bits);
    if ((acc->va & range_bits) != (r.upper ? range_bits : 0) || r.epd) {
        return set_fault(fault, ARM_FAULT_TRANSLATION, 0);
    }

    unsigned gshift = granules[r.granule].shift, stride = gshift - 3;
    unsigned oa_bits = output_bits(cfg, r.granule);
    int level = 4 - (int)((r.in_bits - gshift + stride - 1) / stride);

    /* The first table holds 2^(in_bits - its shift) descriptors and is
     * aligned to its size, at least 64 bytes; BADDR's lower bits are
     * taken as zero. With a 52-bit output, TTBR[5:2] are BADDR[51:48]. */
    uint64_t ttbr = r.upper ? regs->ttbr1 : regs->ttbr0;
    unsigned first_shift = gshift + (3 - level) * stride;
    unsigned align = r.in_bits - first_shift + 3;
    uint64_t base = ttbr & MASK_HI_LO(47, align < 6 ? 6 : align);
    if (oa_bits == 52) {
        base |= FIELD(ttbr, 2, 4) << 48;
    }
    if (base >> oa_bits) {
        return set_fault(fault, ARM_FAULT_ADDRESS_SIZE, 0);
    }

    TableAttrs tattr = { false };
    uint64_t desc = 0;
    unsigned shift;
    for (;; level++) {
        shift = gshift + (3 - level) * stride;
        unsigned bits = r.in_bits - shift < stride ? r.in_bits - shift : stride;
        uint64_t index = FIELD(acc->va, shift, bits);
        if (!cfg->read_phys(cfg->opaque, base + index * 8, &desc)) {
            return set_fault(fault, ARM_FAULT_SYNC_EXT_WALK, level);
        }
        if (!FIELD(desc, DESC_VALID, 1)) {
            return set_fault(fault, ARM_FAULT_TRANSLATION, level);
        }
        bool table = FIELD(desc, DESC_TYPE, 1);
        if (level == 3) {
            /* Level 3: bit 1 clear is reserved, treated as invalid. */
            if (!table) {
                return set_fault(fault, ARM_FAULT_TRANSLATION, level);
            }
            break;
        }
        if (!table) {
            bool block_ok = (granules[r.granule].block_levels & BIT(level)) ||
                (r.granule == G64K && level == 1 && cfg->model->pa_bits == 52);
            if (!block_ok) {
                return set_fault(fault, ARM_FAULT_TRANSLATION, level);
            }
            break;
        }
        base = desc_address(cfg, r.granule, desc, gshift);
        if (base >> oa_bits) {
            return set_fault(fault, ARM_FAULT_ADDRESS_SIZE, level);
        }
        if (!r.hpd) {
            tattr.no_el0 |= FIELD(desc, DESC_APTABLE0, 1);
            tattr.read_only |= FIELD(desc, DESC_APTABLE1, 1);
            tattr.pxn |= FIELD(desc, DESC_PXNTABLE, 1);
            tattr.uxn |= FIELD(desc, DESC_UXNTABLE, 1);
        }
    }

    /* Prioritised as D8 orders the faults of one stage: address size, then
     * access flag, then alignment by memory type, then permission. */
    uint64_t oa = desc_address(cfg, r.granule, desc, shift);
    if (oa >> oa_bits) {
        return set_fault(fault, ARM_FAULT_ADDRESS_SIZE, level);
    }
    uint8_t attr = regs->mair >> (8 * FIELD(desc, DESC_ATTRINDX, 3));
    *out = (ARMTranslation) {
        .pa = oa | (acc->va & (BIT(shift) - 1)),
        .page_shift = shift,
        .va_mask = ~(BIT(shift) - 1),
        .mair_attr = attr,
        .data_device = (attr & 0xf0) == 0,
        .sh = FIELD(desc, DESC_SH, 2),
        .ng = FIELD(desc, DESC_NG, 1),
        .asid = current_asid(regs),
        .level = level,
    };
    leaf_prot(cfg, acc, desc, &tattr, out);
    if (acc->type == ARM_ACCESS_DEBUG) {
        return true;
    }
    if (!FIELD(desc, DESC_AF, 1)) {
        return set_fault(fault, ARM_FAULT_ACCESS_FLAG, level);
    }
    if (acc->unaligned && data_access(acc) && out->data_device) {
        return set_fault(fault, ARM_FAULT_ALIGNMENT, level);
    }
    bool as_el0 = regs->el == 0 || (acc->unpriv && !fetch);
    uint8_t prot = as_el0 ? out->prot_el0 : out->prot_el1;
    if (!(prot & required_prot(acc->type))) {
        return set_fault(fault, ARM_FAULT_PERMISSION, level);
    }
    return true;
}

unsigned arm_fault_fsc(const ARMFault *fault)
{
    unsigned type = fault->type;
    if (type >= sizeof(fault_fsc) / sizeof(fault_fsc[0])) {
        return 0;
    }
    return fault_fsc[type].fsc | (fault_fsc[type].has_level ? (fault->level & 3) : 0);
}

/* PAR_EL1, 64-bit format (the PAR_EL1 register description): bit 11 is RES1 in both forms.
 * Success: ATTR 63:56, PA 51:12, NS 9 (the output is Non-secure), SH 8:7,
 * reported as Outer Shareable for Device and for Normal Inner and Outer
 * Non-cacheable memory. Fault: FST 6:1, PTW 8 (a stage 2 fault on the
 * stage 1 walk: never here), S 9 (stage 1 = 0), F 0. */
uint64_t arm_par_from_translation(const ARMTranslation *t)
{
    unsigned sh = t->sh;
    if ((t->mair_attr & 0xf0) == 0 || t->mair_attr == 0x44) {
        sh = 2;
    }
    return (uint64_t)t->mair_attr << 56 | (t->pa & MASK_HI_LO(51, 12)) |
           BIT(11) | BIT(9) | (uint64_t)sh << 7;
}

uint64_t arm_par_from_fault(const ARMFault *fault)
{
    return BIT(11) | (uint64_t)arm_fault_fsc(fault) << 1 | 1;
}
