/*
 * A64 "Branches, Exception Generating and System instructions" (Arm ARM
 * C4.1.3): immediate and register branches, compare/test-and-branch,
 * SVC/BRK, hints, barriers, CLREX, MSR/MRS of the registers EL0 may touch,
 * and the SYS cache maintenance operations (DC ZVA, IC IVAU, ...).
 */
#include <time.h>

#include "cpu-models.h"
#include "tcg/guest-mem.h"
#include "translate-a64.h"

/* ---- branches ---- */

static bool trans_B(DisasContext *s, const DecodeArgs *a)
{
    if (a->op) {   /* BL */
        tcg_gen_movi_i64(cpu_X[30], s->pc_next);
        gen_push_return(s);
    }
    uint64_t dest = s->pc_curr + (int64_t)a->imm26 * 4;
    gen_flags_for_exits(dest, dest);
    gen_goto_tb(s, 0, dest);
    return true;
}

/* Ends the block on a two-way branch: label taken goes to dest. */
static void gen_two_way(DisasContext *s, TCGLabel *taken, uint64_t dest)
{
    gen_goto_tb(s, 0, s->pc_next);
    gen_set_label(taken);
    gen_goto_tb(s, 1, dest);
}

static bool trans_B_cond(DisasContext *s, const DecodeArgs *a)
{
    uint64_t dest = s->pc_curr + (int64_t)a->imm19 * 4;
    if (a->cond >= 14) {
        gen_goto_tb(s, 0, dest);
        return true;
    }
    gen_flags_for_exits(s->pc_next, dest);
    TCGLabel *taken = gen_new_label();
    gen_brcond_cc(a->cond, taken);
    gen_two_way(s, taken, dest);
    return true;
}

static bool trans_CBZ(DisasContext *s, const DecodeArgs *a)
{
    gen_flags_for_exits(s->pc_next, s->pc_curr + (int64_t)a->imm19 * 4);
    TCGLabel *taken = gen_new_label();
    tcg_gen_brcondi_i64(a->op ? TCG_COND_NE : TCG_COND_EQ,
                        read_reg(s, a->Rt, a->sf), 0, taken);
    gen_two_way(s, taken, s->pc_curr + (int64_t)a->imm19 * 4);
    return true;
}

static bool trans_TBZ(DisasContext *s, const DecodeArgs *a)
{
    gen_flags_for_exits(s->pc_next, s->pc_curr + (int64_t)a->imm14 * 4);
    TCGLabel *taken = gen_new_label();
    unsigned bit = (a->b5 << 5) | a->b40;
    tcg_gen_brcondi_i64(a->op ? TCG_COND_TSTNE : TCG_COND_TSTEQ,
                        read_x(s, a->Rt), (int64_t)(1ull << bit), taken);
    gen_two_way(s, taken, s->pc_curr + (int64_t)a->imm14 * 4);
    return true;
}

static bool trans_BR(DisasContext *s, const DecodeArgs *a)
{
    /* op: 0 BR, 1 BLR, 2 RET.  Read the target before BLR writes LR. */
    if (a->op == 3) {
        return false;
    }
    TCGv_i64 dest = tcg_temp_new_i64();
    tcg_gen_mov_i64(dest, read_x(s, a->Rn));
    if (a->op == 1) {
        tcg_gen_movi_i64(cpu_X[30], s->pc_next);
        gen_push_return(s);
    }
    gen_jump_reg(s, dest);
    if (a->op == 2) {
        s->is_jmp = DISAS_RETURN;
    }
    return true;
}

/* ---- exceptions ---- */

static bool trans_SVC(DisasContext *s, const DecodeArgs *a)
{
    gen_exception_next(s, EXCP_SVC, a->imm16);
    return true;
}

static bool trans_BRK(DisasContext *s, const DecodeArgs *a)
{
    gen_exception_insn(s, EXCP_BRK, a->imm16);
    return true;
}

static bool trans_UDEF_at_EL0(DisasContext *s, const DecodeArgs *a)
{
    /* HVC, SMC, HLT, DCPS, ERET...: not available to user code. */
    unallocated_encoding(s);
    return true;
}

/* ---- hints, barriers ---- */

static bool trans_HINT(DisasContext *s, const DecodeArgs *a)
{
    unsigned sel = (a->CRm << 3) | a->op2;
    if (sel == 1 || sel == 2) {
        /* YIELD, WFE: let the loop look at other threads and signals. */
        tcg_gen_movi_i64(cpu_pc, s->pc_next);
        s->is_jmp = DISAS_EXIT;
    }
    /* Everything else in the hint space (NOP, SEV, PAC and BTI hints on a
     * CPU without them, ...) executes as NOP, as the architecture says. */
    return true;
}

static bool trans_CLREX(DisasContext *s, const DecodeArgs *a)
{
    tcg_gen_movi_i64(cpu_exclusive_addr, -1);
    return true;
}

static bool trans_DMB_DSB(DisasContext *s, const DecodeArgs *a)
{
    /* CRm<1:0>: 1 = loads only (LD), 2 = stores only (ST), 3 = all. */
    unsigned bar;
    switch (a->CRm & 3) {
    case 1: bar = TCG_MO_LD_LD | TCG_MO_LD_ST; break;
    case 2: bar = TCG_MO_ST_ST; break;
    default: bar = TCG_MO_ALL; break;
    }
    tcg_gen_mb(bar | TCG_BAR_SC);
    return true;
}

static bool trans_ISB(DisasContext *s, const DecodeArgs *a)
{
    /* Code written and invalidated before the ISB must be seen after it:
     * end the block so the next one is looked up afresh. */
    tcg_gen_movi_i64(cpu_pc, s->pc_next);
    s->is_jmp = DISAS_EXIT;
    return true;
}

static bool trans_SB(DisasContext *s, const DecodeArgs *a)
{
    return false;   /* FEAT_SB is not in our models */
}

/* ---- system registers ---- */

static uint64_t helper_get_nzcv(CPUARMState *env)
{
    return aarch64_get_nzcv(env);
}
static DEF_HELPER_INFO(get_nzcv, TCG_CALL_NO_WG | TCG_CALL_NO_SE, I64, PTR);

static void helper_set_nzcv(CPUARMState *env, uint64_t v)
{
    aarch64_set_nzcv(env, (uint32_t)v);
}
static DEF_HELPER_INFO(set_nzcv, TCG_CALL_NO_RG, VOID, PTR, I64);

static uint64_t helper_get_cntvct(CPUARMState *env)
{
    /* A 1 GHz-scaled-down counter: CNTFRQ_EL0 says 62.5 MHz, like many
     * arm64 boards; derived from the host's monotonic clock. */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ((uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec) / 16;
}
static DEF_HELPER_INFO(get_cntvct, TCG_CALL_NO_RG | TCG_CALL_NO_WG, I64, PTR);

/* v holds only bits the model lets EL0 write (trans_MSR masks them). */
static void helper_set_fpcr(CPUARMState *env, uint64_t v)
{
    env->fpcr = (uint32_t)v;
}
static DEF_HELPER_INFO(set_fpcr, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I64);

typedef enum SysRegKind {
    SR_FIELD64,    /* a uint64_t field of CPUARMState */
    SR_FIELD32,    /* a uint32_t field */
    SR_CONST,      /* a constant */
    SR_ID,         /* a model's ID register as Linux shows it to EL0 */
    SR_NZCV, SR_FPCR, SR_CNTVCT,
} SysRegKind;

typedef struct SysReg {
    const char *name;
    uint8_t op0, op1, crn, crm, op2;
    SysRegKind kind;
    bool writable;
    int offset;                          /* SR_FIELD* */
    uint64_t value;                      /* SR_CONST */
    ARMIdReg id;                         /* SR_ID */
} SysReg;

/* The registers EL0 may read or write under Linux, including the ID
 * registers that the kernel emulates for MRS (HWCAP_CPUID). */
static const SysReg sysregs[] = {
    { "NZCV", 3, 3, 4, 2, 0, SR_NZCV, true },
    { "FPCR", 3, 3, 4, 4, 0, SR_FPCR, true, offsetof(CPUARMState, fpcr) },
    { "FPSR", 3, 3, 4, 4, 1, SR_FIELD32, true, offsetof(CPUARMState, fpsr) },
    { "TPIDR_EL0", 3, 3, 13, 0, 2, SR_FIELD64, true, offsetof(CPUARMState, tpidr_el0) },
    { "TPIDRRO_EL0", 3, 3, 13, 0, 3, SR_FIELD64, false, offsetof(CPUARMState, tpidrro_el0) },
    { "CTR_EL0", 3, 3, 0, 0, 1, SR_ID, false, .id = ARM_ID_CTR },
    { "DCZID_EL0", 3, 3, 0, 0, 7, SR_ID, false, .id = ARM_ID_DCZID },
    { "CNTFRQ_EL0", 3, 3, 14, 0, 0, SR_CONST, false, .value = 62500000 },
    { "CNTVCT_EL0", 3, 3, 14, 0, 2, SR_CNTVCT, false },
    /* Readable at EL0 whenever a PMU is implemented; Linux leaves it 0
     * (no EL0 access to the counters, which therefore trap). */
    { "PMUSERENR_EL0", 3, 3, 9, 14, 0, SR_CONST, false, .value = 0 },
    { "CNTPCT_EL0", 3, 3, 14, 0, 1, SR_CNTVCT, false },
    { "MIDR_EL1", 3, 0, 0, 0, 0, SR_ID, false, .id = ARM_ID_MIDR },
    { "MPIDR_EL1", 3, 0, 0, 0, 5, SR_CONST, false, .value = 0x80000000 },
    { "REVIDR_EL1", 3, 0, 0, 0, 6, SR_ID, false, .id = ARM_ID_REVIDR },
    { "ID_AA64PFR0_EL1", 3, 0, 0, 4, 0, SR_ID, false, .id = ARM_ID_AA64PFR0 },
    { "ID_AA64PFR1_EL1", 3, 0, 0, 4, 1, SR_ID, false, .id = ARM_ID_AA64PFR1 },
    { "ID_AA64ZFR0_EL1", 3, 0, 0, 4, 4, SR_ID, false, .id = ARM_ID_AA64ZFR0 },
    { "ID_AA64DFR0_EL1", 3, 0, 0, 5, 0, SR_ID, false, .id = ARM_ID_AA64DFR0 },
    { "ID_AA64ISAR0_EL1", 3, 0, 0, 6, 0, SR_ID, false, .id = ARM_ID_AA64ISAR0 },
    { "ID_AA64ISAR1_EL1", 3, 0, 0, 6, 1, SR_ID, false, .id = ARM_ID_AA64ISAR1 },
    { "ID_AA64MMFR0_EL1", 3, 0, 0, 7, 0, SR_ID, false, .id = ARM_ID_AA64MMFR0 },
    { "ID_AA64MMFR1_EL1", 3, 0, 0, 7, 1, SR_ID, false, .id = ARM_ID_AA64MMFR1 },
    { "ID_AA64MMFR2_EL1", 3, 0, 0, 7, 2, SR_ID, false, .id = ARM_ID_AA64MMFR2 },
};

static const SysReg *sysreg_find(const DecodeArgs *a)
{
    unsigned op0 = 2 + a->o0;
    for (size_t i = 0; i < sizeof(sysregs) / sizeof(sysregs[0]); i++) {
        const SysReg *r = &sysregs[i];
        if (r->op0 == op0 && r->op1 == a->op1 && r->crn == a->CRn &&
            r->crm == a->CRm && r->op2 == a->op2) {
            return r;
        }
    }
    return NULL;
}

/* Linux emulates every read of the ID register space (op0=3, op1=0,
 * CRn=0, CRm=2..7) at EL0; registers it does not expose read as zero.
 * CRm 8..15 is outside that space: SIGILL, as on the kernel. */
static bool is_id_space(const DecodeArgs *a)
{
    return a->o0 == 1 && a->op1 == 0 && a->CRn == 0 && a->CRm >= 2 && a->CRm <= 7;
}

static bool trans_MRS(DisasContext *s, const DecodeArgs *a)
{
    const SysReg *r = sysreg_find(a);
    TCGv_i64 v = tcg_temp_new_i64();
    if (!r) {
        if (!is_id_space(a)) {
            return false;
        }
        tcg_gen_movi_i64(v, 0);
        write_reg(s, a->Rt, 1, v);
        return true;
    }
    switch (r->kind) {
    case SR_FIELD64:
        tcg_gen_ld_i64(v, tcg_env, r->offset);
        break;
    case SR_FIELD32:
    case SR_FPCR:
        tcg_gen_ld32u_i64(v, tcg_env, r->offset);
        break;
    case SR_CONST:
        tcg_gen_movi_i64(v, r->value);
        break;
    case SR_ID:
        tcg_gen_movi_i64(v, arm_id_reg_el0_view(s->model, r->id));
        break;
    case SR_NZCV:
        tcg_gen_call(get_nzcv, v, tcg_env);
        break;
    case SR_CNTVCT:
        tcg_gen_call(get_cntvct, v, tcg_env);
        break;
    }
    write_reg(s, a->Rt, 1, v);
    return true;
}

static bool trans_MSR(DisasContext *s, const DecodeArgs *a)
{
    const SysReg *r = sysreg_find(a);
    if (!r || !r->writable) {
        return false;
    }
    TCGv_i64 v = read_x(s, a->Rt);
    switch (r->kind) {
    case SR_FIELD64:
        tcg_gen_st_i64(v, tcg_env, r->offset);
        break;
    case SR_FIELD32:
        if (r->offset == offsetof(CPUARMState, fpsr)) {
            TCGv_i64 t = tcg_temp_new_i64();
            tcg_gen_andi_i64(t, v, ARM_FPSR_WRITABLE);
            tcg_gen_st32_i64(t, tcg_env, r->offset);
        } else {
            tcg_gen_st32_i64(v, tcg_env, r->offset);
        }
        break;
    case SR_FPCR: {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_andi_i64(t, v, arm_fpcr_writable(s->model));
        tcg_gen_call(set_fpcr, NULL, tcg_env, t);
        /* FPCR's modes belong to the block key: end the block. */
        tcg_gen_movi_i64(cpu_pc, s->pc_next);
        s->is_jmp = DISAS_EXIT;
        break;
    }
    case SR_NZCV:
        gen_nzcv_overwrite();
        tcg_gen_call(set_nzcv, NULL, tcg_env, v);
        break;
    default:
        return false;
    }
    return true;
}

/* ---- SYS: cache maintenance ---- */

static void helper_ic_ivau(CPUARMState *env, uint64_t addr)
{
    /* Our model of the I-cache is the translation cache: drop the line's
     * blocks.  The block doing this runs on; the ISB that software must
     * issue next ends it. */
    uint64_t line = guest_addr_clean(addr) & ~63ull;
    tb_invalidate_range(line, line + 64);
}
static DEF_HELPER_INFO(ic_ivau, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I64);

static bool trans_SYS(DisasContext *s, const DecodeArgs *a)
{
    unsigned sel = (a->op1 << 11) | (a->CRn << 7) | (a->CRm << 3) | a->op2;
#define SYSOP(op1, crn, crm, op2) (((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))
    switch (sel) {
    case SYSOP(3, 7, 4, 1): { /* DC ZVA: zero one aligned 64-byte block */
        TCGv_i64 addr = tcg_temp_new_i64();
        tcg_gen_andi_i64(addr, read_x(s, a->Rt), ~63ll);
        TCGv_i64 p = tcg_temp_new_i64();
        for (int i = 0; i < 64; i += 8) {
            tcg_gen_addi_i64(p, addr, i);
            tcg_gen_qemu_st_i64(tcg_constant_i64(0), p, MO_64);
        }
        return true;
    }
    case SYSOP(3, 7, 5, 1): /* IC IVAU */
        tcg_gen_call(ic_ivau, NULL, tcg_env, read_x(s, a->Rt));
        return true;
    case SYSOP(3, 7, 12, 1): /* DC CVAP: FEAT_DPB (ID_AA64ISAR1_EL1.DPB >= 1) */
    case SYSOP(3, 7, 13, 1): /* DC CVADP: FEAT_DPB2 (DPB >= 2) */
        if ((s->model->id_aa64isar1 & 0xf) < a->CRm - 11) {
            return false;
        }
        return true;
    case SYSOP(3, 7, 10, 1): /* DC CVAC */
    case SYSOP(3, 7, 11, 1): /* DC CVAU */
    case SYSOP(3, 7, 14, 1): /* DC CIVAC */
        /* Host caches are coherent; only the address check would remain,
         * and Linux does not fault these on mapped memory. */
        return true;
    }
#undef SYSOP
    return false;
}

static bool trans_MSR_imm(DisasContext *s, const DecodeArgs *a)
{
    /* PSTATE fields: none writable at EL0 on our models (UAO, PAN, DAIF
     * need EL1 or SCTLR.UMA; SSBS, DIT, TCO are not implemented). */
    return false;
}

static const DecodePattern branch_sys_rows[] = {
    { "op:1 00101 imm26:s26", trans_B, "B, BL" },
    { "01010100 imm19:s19 0 cond:4", trans_B_cond, "B.cond" },
    { "sf:1 011010 op:1 imm19:s19 Rt:5", trans_CBZ, "CBZ, CBNZ" },
    { "b5:1 011011 op:1 b40:5 imm14:s14 Rt:5", trans_TBZ, "TBZ, TBNZ" },
    { "1101011 00 op:2 11111 000000 Rn:5 00000", trans_BR, "BR, BLR, RET" },
    { "1101011 0100 11111 000000 11111 00000", trans_UDEF_at_EL0, "ERET" },
    { "1101011 0101 11111 000000 11111 00000", trans_UDEF_at_EL0, "DRPS" },
    { "1101011 x 0 xx 11111 00001x xxxxx xxxxx", NULL, "BRAA, BLRAA, RETAA (pointer authentication)" },
    { "1101011 1 0 0x 11111 00001x xxxxx xxxxx", NULL, "BRAA, BLRAA (register modifier)" },
    { "11010100 000 imm16:16 000 01", trans_SVC, "SVC" },
    { "11010100 000 imm16:16 000 1x", trans_UDEF_at_EL0, "HVC, SMC" },
    { "11010100 001 imm16:16 000 00", trans_BRK, "BRK" },
    { "11010100 010 imm16:16 000 00", trans_UDEF_at_EL0, "HLT" },
    { "11010100 101 imm16:16 000 xx", trans_UDEF_at_EL0, "DCPS1, DCPS2, DCPS3" },
    { "11010101 00000011 0010 CRm:4 op2:3 11111", trans_HINT, "HINT (NOP, YIELD, WFE, ...)" },
    { "11010101 00000011 0011 CRm:4 010 11111", trans_CLREX, "CLREX" },
    { "11010101 00000011 0011 CRm:4 10x 11111", trans_DMB_DSB, "DSB, DMB" },
    { "11010101 00000011 0011 CRm:4 110 11111", trans_ISB, "ISB" },
    { "11010101 00000011 0011 CRm:4 111 11111", trans_SB, "SB" },
    { "11010101 00000 op1:3 0100 CRm:4 op2:3 11111", trans_MSR_imm, "MSR (immediate)" },
    { "11010101 00001 op1:3 CRn:4 CRm:4 op2:3 Rt:5", trans_SYS, "SYS (DC, IC)" },
    { "11010101 00101 op1:3 CRn:4 CRm:4 op2:3 Rt:5", NULL, "SYSL" },
    { "11010101 0011 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5", trans_MRS, "MRS" },
    { "11010101 0001 o0:1 op1:3 CRn:4 CRm:4 op2:3 Rt:5", trans_MSR, "MSR (register)" },
};

const DecodeGroup a64_branch_sys_group = DECODE_GROUP("branches, exceptions, system",
                                                      branch_sys_rows);
