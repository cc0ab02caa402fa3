/*
 * The AArch64 stage-1 translation table walker for the EL1&0 regime
 * (Arm ARM D8, VMSAv8-64): from the translation registers, a virtual
 * address and an access, either the physical address with the attributes
 * and permissions a soft TLB caches, or the exact fault an exception
 * reports. A pure function of its inputs: it reads guest memory only
 * through the caller's callback and knows nothing of the TLB or the CPU.
 * The soft TLB's slow path, the AT instructions, the gdbstub and the
 * monitor all call arm_ptw_translate().
 *
 * Not modelled: EL2/EL3 (no stage 2, no secure state: every output address
 * is Non-secure), FEAT_LPA2 (TCR.DS is treated as 0), FEAT_HAFDBS (TCR.HA/HD
 * are ignored: a clear access flag faults and DBM is ignored), FEAT_TTST,
 * FEAT_EPAN, FEAT_E0PD, FEAT_S1PIE/POE and 128-bit descriptors.
 */
#ifndef TARGET_ARM_PTW_H
#define TARGET_ARM_PTW_H

#include <stdbool.h>
#include <stdint.h>

/* What the CPU model implements, from its ID registers; fixed per model. */
typedef struct ARMMMUModel {
    unsigned pa_bits;       /* ID_AA64MMFR0.PARange decoded: 32, 36, ..., 52 */
    bool gran4, gran16, gran64;     /* ID_AA64MMFR0.TGran4/16/64 */
    bool lva;               /* FEAT_LVA (ID_AA64MMFR2.VARange): 52-bit VA, 64K */
    bool hpds;              /* FEAT_HPDS (ID_AA64MMFR1.HPDS): TCR.HPD0/HPD1 */
    bool pauth;             /* FEAT_PAuth: TCR.TBID0/TBID1 exist */
} ARMMMUModel;

/* Decodes the ID register fields above; unknown PARange values give 48
 * bits. `pauth` comes from ID_AA64ISAR1 (APA/API/GPA/GPI), which the
 * caller decodes with its other ISA features. */
void arm_mmu_model_from_id(ARMMMUModel *m, uint64_t id_aa64mmfr0,
                           uint64_t id_aa64mmfr1, uint64_t id_aa64mmfr2,
                           bool pauth);

/* The guest's translation state; raw register values, any value allowed. */
typedef struct ARMMMURegs {
    uint64_t sctlr;         /* SCTLR_EL1: M, WXN, I are read */
    uint64_t tcr;           /* TCR_EL1 */
    uint64_t ttbr0, ttbr1;  /* TTBR0_EL1, TTBR1_EL1: ASID 63:48, BADDR, CnP */
    uint64_t mair;          /* MAIR_EL1 */
    bool pstate_pan;        /* PSTATE.PAN */
    unsigned el;            /* current exception level, 0 or 1 */
} ARMMMURegs;

typedef enum ARMAccessType {
    ARM_ACCESS_READ,
    ARM_ACCESS_WRITE,
    ARM_ACCESS_FETCH,
    /* No access: the walk and attributes only, without access flag or
     * permission checks (gdbstub, monitor). */
    ARM_ACCESS_DEBUG,
} ARMAccessType;

typedef struct ARMMMUAccess {
    uint64_t va;
    ARMAccessType type;
    bool unpriv;            /* LDTR/STTR, AT S1E0*: checked as EL0 */
    bool pan_applies;       /* false only for AT S1E1R/W and other PAN-exempt
                             * accesses; loads, stores and AT S1E1RP/WP set it */
    bool unaligned;         /* a load or store not aligned to its size (its
                             * element's, for vectors): an Alignment fault
                             * if the memory is Device (AArch64.S1Translate
                             * checks it after the walk, before permissions) */
} ARMMMUAccess;

/* Reads the 64-bit little-endian descriptor at physical address `pa`
 * (8-aligned); false is an external abort on the walk. */
typedef bool ARMReadPhysFn(void *opaque, uint64_t pa, uint64_t *val);

typedef struct ARMPTWConfig {
    const ARMMMUModel *model;
    const ARMMMURegs *regs;
    ARMReadPhysFn *read_phys;
    void *opaque;
} ARMPTWConfig;

enum {
    ARM_PROT_READ = 1,
    ARM_PROT_WRITE = 2,
    ARM_PROT_EXEC = 4,
};

typedef struct ARMTranslation {
    uint64_t pa;            /* the physical address of the access */
    unsigned page_shift;    /* log2 of the page or block size */
    uint64_t va_mask;       /* VA bits that select the page: ~(size - 1) */
    uint8_t mair_attr;      /* MAIR_EL1 byte for AttrIndx, as in the table:
                             * SCTLR.C/I do not modify it */
    uint8_t sh;             /* descriptor SH[1:0] (0b10 when the MMU is off) */
    bool data_device;       /* loads and stores here are to Device memory:
                             * MAIR 0b0000xxxx, or any address with the MMU
                             * off (whatever the access that asked) */
    /* Permissions of the mapping for each privilege, ARM_PROT_*. prot_el1
     * already has PAN applied when regs->pstate_pan and acc->pan_applies,
     * so a TLB keeps PAN and non-PAN EL1 entries apart. */
    uint8_t prot_el0, prot_el1;
    bool ng;                /* non-global: tag the TLB entry with asid */
    uint16_t asid;          /* current ASID (TCR.A1, TCR.AS applied) */
    int level;              /* level of the leaf descriptor; -1 when MMU off */
} ARMTranslation;

typedef enum ARMFaultType {
    ARM_FAULT_NONE,
    ARM_FAULT_ADDRESS_SIZE,
    ARM_FAULT_TRANSLATION,
    ARM_FAULT_ACCESS_FLAG,
    ARM_FAULT_PERMISSION,
    ARM_FAULT_SYNC_EXT_WALK,    /* read_phys failed during the walk */
    ARM_FAULT_ALIGNMENT,        /* an unaligned access to Device memory */
} ARMFaultType;

typedef struct ARMFault {
    ARMFaultType type;
    int level;              /* 0-3; 0 for TTBR base, EPD and VA-range faults */
} ARMFault;

/* Translates one access. True: *out is filled. False: *fault says why
 * (the caller adds WnR, S1PTW=0 and FAR). Never loops, never reads memory
 * except through cfg->read_phys. */
bool arm_ptw_translate(const ARMPTWConfig *cfg, const ARMMMUAccess *acc,
                       ARMTranslation *out, ARMFault *fault);

/* ESR_ELx.ISS DFSC/IFSC for a fault (ESR_ELx ISS encodings): 0b0000LL
 * address size, 0b0001LL translation, 0b0010LL access flag, 0b0011LL
 * permission, 0b0101LL synchronous external abort on walk, 0b100001
 * alignment. */
unsigned arm_fault_fsc(const ARMFault *fault);

/* PAR_EL1 (64-bit format) after an AT instruction. */
uint64_t arm_par_from_translation(const ARMTranslation *t);
uint64_t arm_par_from_fault(const ARMFault *fault);

#endif
