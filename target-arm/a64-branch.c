/*
 * A64 "Branches, Exception Generating and System instructions" (Arm ARM
 * C4.1.3): immediate and register branches, compare/test-and-branch,
 * SVC/BRK, hints, barriers, CLREX, MSR/MRS of the registers EL0 may touch,
 * and the SYS cache maintenance operations (DC ZVA, IC IVAU, ...).
 */
#include <time.h>

#include "tcg/guest-mem.h"
#include "exception.h"
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
    /* HLT, DCPS, DRPS: not available here (no external debug, no EL2/EL3;
     * HLT is semihosting's, which the machine enables). */
    unallocated_encoding(s);
    return true;
}

static bool trans_HLT(DisasContext *s, const DecodeArgs *a)
{
    /* HLT #0xF000 is the A64 semihosting call when the machine enables
     * it (for EL0 too with userspace=on); otherwise no external debug:
     * UNDEFINED. */
    if (a->imm16 != 0xf000 || a64_semihosting <= (s->el == 0 ? 1 : 0)) {
        return false;
    }
    gen_exception_next(s, EXCP_SEMIHOST, 0);
    return true;
}

static void helper_eret(CPUARMState *env)
{
    arm_exception_return(env);
}
static DEF_HELPER_INFO(eret, 0, VOID, PTR);

static bool trans_ERET(DisasContext *s, const DecodeArgs *a)
{
    if (s->el == 0) {
        return false;
    }
    /* PSTATE, the EL and the pc change: back to the loop for the block
     * of the new key. */
    gen_nzcv_overwrite();
    gen_step_complete(s);       /* before SPSR.SS becomes PSTATE.SS */
    tcg_gen_call(eret, NULL, tcg_env);
    s->is_jmp = DISAS_EXIT;
    return true;
}

static bool trans_HVC(DisasContext *s, const DecodeArgs *a)
{
    /* No EL2: UNDEFINED, but at EL1 the machine may serve PSCI on this
     * conduit (qemu's virt does), so it goes to the machine's loop.  The
     * preferred return is the next instruction, as for SVC. */
    if (s->el == 0) {
        return false;
    }
    gen_exception_next(s, EXCP_HVC, a->imm16);
    return true;
}

/* ---- hints, barriers ---- */

static bool trans_HINT(DisasContext *s, const DecodeArgs *a)
{
    unsigned sel = (a->CRm << 3) | a->op2;
    if (sel == 3 && s->el > 0) {
        /* WFI at EL1: the machine's loop sleeps until an interrupt. */
        gen_exception_next(s, EXCP_HLT, 0);
    } else if (sel == 1 || sel == 2 || sel == 3) {
        /* YIELD, WFE, and WFI at EL0 (SCTLR_EL1.nTWI set, as Linux has
         * it): let the loop look at other threads and signals. */
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

/* The runtime side of MRS and MSR (sysreg.c), for registers that are
 * more than a field, and for EL0 accesses whose traps depend on state:
 * insn is the instruction, for the syndrome of a trap. */
static void sysreg_raise(CPUARMState *env, int excp, uint32_t insn)
{
    CPUState *cs = arm_env_cpu(env);
    /* UDEF reports the instruction; a trap the ISS of EC 0x18 (D17.2.37):
     * Op0 Op2 Op1 CRn Rt CRm, and direction 1 for a read. */
    env->exception_syndrome = excp == EXCP_UDEF ? insn
        : (((insn >> 19) & 3) << 20) | (((insn >> 5) & 7) << 17) |
          (((insn >> 16) & 7) << 14) | (((insn >> 12) & 0xf) << 10) |
          ((insn & 0x1f) << 5) | (((insn >> 8) & 0xf) << 1) | ((insn >> 21) & 1);
    cs->exception_index = excp;
    cpu_loop_exit(cs);
}

static uint64_t helper_sysreg_read(CPUARMState *env, uint32_t id, uint32_t insn)
{
    const ARMSysReg *r = arm_sysreg_by_id(id);
    int excp = arm_sysreg_access_check(env, r, true);
    if (excp) {
        sysreg_raise(env, excp, insn);
    }
    return arm_sysreg_read(env, r);
}
static DEF_HELPER_INFO(sysreg_read, TCG_CALL_NO_WG | TCG_CALL_MAY_RAISE, I64, PTR, I32, I32);

static void helper_sysreg_write(CPUARMState *env, uint32_t id, uint32_t insn, uint64_t v)
{
    const ARMSysReg *r = arm_sysreg_by_id(id);
    int excp = arm_sysreg_access_check(env, r, false);
    if (excp) {
        sysreg_raise(env, excp, insn);
    }
    arm_sysreg_write(env, r, v);
}
static DEF_HELPER_INFO(sysreg_write, TCG_CALL_MAY_RAISE, VOID, PTR, I32, I32, I64);

/* The row an MRS or MSR names, if the current EL has the right at all;
 * NULL makes the instruction UNDEFINED. */
static const ARMSysReg *sysreg_for(DisasContext *s, const DecodeArgs *a, bool isread)
{
    const ARMSysReg *r = arm_sysreg_find(arm_sysreg_key(2 + a->o0, a->op1, a->CRn,
                                                        a->CRm, a->op2));
    return r && (r->access & arm_sysreg_need(s->el, isread)) ? r : NULL;
}

/* Whether the access must be checked when it runs (an EL0 trap, or
 * SP_EL0's dependence on SPSel). */
static bool sysreg_checked_at_run_time(DisasContext *s, const ARMSysReg *r)
{
    return (s->el == 0 && arm_sysreg_has_el0_trap(r)) || r->id == ARM_SR_SP_EL0;
}

static bool trans_MRS(DisasContext *s, const DecodeArgs *a)
{
    const ARMSysReg *r = sysreg_for(s, a, true);
    if (!r) {
        return false;
    }
    TCGv_i64 v = tcg_temp_new_i64();
    if (r->id == ARM_SR_NZCV) {
        /* Through the flags machinery: the lazy form is materialised. */
        tcg_gen_call(get_nzcv, v, tcg_env);
    } else if (sysreg_checked_at_run_time(s, r) || r->kind == SRK_FN) {
        tcg_gen_movi_i64(cpu_pc, s->pc_curr);
        tcg_gen_call(sysreg_read, v, tcg_env, tcg_constant_i32(r->id),
                     tcg_constant_i32(s->insn));
    } else if (r->kind == SRK_SLOT) {
        tcg_gen_ld_i64(v, tcg_env, offsetof(CPUARMState, sys[r->id]));
    } else if (r->kind == SRK_FIELD) {
        tcg_gen_ld_i64(v, tcg_env, r->value);
    } else if (r->kind == SRK_MODEL) {
        tcg_gen_movi_i64(v, *(const uint64_t *)((const char *)s->model + r->value));
    } else {
        tcg_gen_movi_i64(v, r->value);
    }
    write_reg(s, a->Rt, 1, v);
    return true;
}

static bool trans_MSR(DisasContext *s, const DecodeArgs *a)
{
    const ARMSysReg *r = sysreg_for(s, a, false);
    if (!r) {
        return false;
    }
    TCGv_i64 v = read_x(s, a->Rt);
    if (r->id == ARM_SR_NZCV) {
        gen_nzcv_overwrite();
        tcg_gen_call(set_nzcv, NULL, tcg_env, v);
    } else if (r->kind == SRK_FIELD) {
        tcg_gen_st_i64(v, tcg_env, r->value);
    } else if (r->kind == SRK_SLOT && !r->write && !(r->flags & SRF_TLB) &&
               !sysreg_checked_at_run_time(s, r)) {
        tcg_gen_st_i64(v, tcg_env, offsetof(CPUARMState, sys[r->id]));
    } else {
        tcg_gen_movi_i64(cpu_pc, s->pc_curr);
        tcg_gen_call(sysreg_write, NULL, tcg_env, tcg_constant_i32(r->id),
                     tcg_constant_i32(s->insn), v);
    }
    if (r->flags & SRF_END_TB) {
        /* What follows may translate or run differently (FPCR's modes are
         * in the block key, DAIF may unmask an interrupt): a new block. */
        tcg_gen_movi_i64(cpu_pc, s->pc_next);
        s->is_jmp = DISAS_EXIT;
    }
    return true;
}

/* ---- SYS: cache maintenance ---- */

static void helper_ic_ivau(CPUARMState *env, uint64_t addr)
{
    /* Our model of the I-cache is the translation cache: drop the line's
     * blocks.  The block doing this runs on; the ISB that software must
     * issue next ends it.  System mode drops blocks on the stores that
     * overwrite them, but a block another vCPU translated from the old
     * bytes may have been published (its page protected) only after the
     * store: the line's blocks, by the physical address a read reaches
     * (code may be written and cleaned through a non-executable alias),
     * go here too.  (tb_invalidate_range waits for a translation under
     * way, so none made from the old bytes outlives this.) */
    if (tb_data_paddr_hook) {
        uint64_t pa = tb_data_paddr_hook(arm_env_cpu(env), addr & ~63ull);
        if (pa != (uint64_t)-1) {
            tb_invalidate_range(pa, pa + 64);
        }
        return;
    }
    uint64_t line = guest_addr_clean(addr) & ~63ull;
    tb_invalidate_range(line, line + 64);
}
static DEF_HELPER_INFO(ic_ivau, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I64);

/* TLBI (broadcast or not): the system level drops this CPU's or every
 * CPU's translations.  Blocks stay: they are keyed by physical page. */
static void helper_tlb_maintenance(CPUARMState *env, uint32_t all_cpus)
{
    if (arm_sys_hooks) {
        arm_sys_hooks->tlb_flush(env, all_cpus, false);
    }
}
static DEF_HELPER_INFO(tlb_maintenance, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32);

/* TLBI VAE1, VAAE1, VALE1, VAALE1 (and their IS forms): Xt holds VA[55:12]
 * in bits 43:0 (and an ASID above, which the TLB has no tags for: every
 * ASID's entry goes); bit 55 extends to the top, as in the translation
 * regime's two halves. */
static void helper_tlb_maintenance_va(CPUARMState *env, uint64_t xt, uint32_t all_cpus)
{
    if (arm_sys_hooks) {
        uint64_t va = (uint64_t)((int64_t)(xt << 20) >> 8);
        arm_sys_hooks->tlb_flush_va(env, all_cpus, va);
    }
}
static DEF_HELPER_INFO(tlb_maintenance_va, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I64, I32);

static void helper_at(CPUARMState *env, uint64_t va, uint32_t op)
{
    if (arm_sys_hooks) {
        env->sys[ARM_SR_PAR_EL1] = arm_sys_hooks->address_translate(env, va, op);
    }
}
static DEF_HELPER_INFO(at, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I64, I32);

/* The EL1 maintenance operations (Arm ARM C5.5 TLB maintenance, C5.3
 * cache maintenance, C5.4 address translation); true if sel is one. */
static bool trans_sys_el1(DisasContext *s, const DecodeArgs *a)
{
    if (s->el == 0 || a->op1 != 0) {
        return false;
    }
    if (a->CRn == 8 && (a->CRm == 3 || a->CRm == 7)) {
        /* TLBI VMALLE1(IS) and ASIDE1 drop everything (the TLB has no
         * ASID tags); VAE1, VAAE1, VALE1, VAALE1 (odd op2) one address's
         * entries.  CRm 3 is the Inner Shareable form, seen by every CPU. */
        static const uint8_t valid_op2 = 0xaf;   /* 0, 1, 2, 3, 5, 7 */
        if (!(valid_op2 >> a->op2 & 1)) {
            return false;
        }
        TCGv_i32 all_cpus = tcg_constant_i32(a->CRm == 3);
        if (a->op2 & 1) {
            tcg_gen_call(tlb_maintenance_va, NULL, tcg_env, read_x(s, a->Rt), all_cpus);
        } else {
            tcg_gen_call(tlb_maintenance, NULL, tcg_env, all_cpus);
        }
        tcg_gen_movi_i64(cpu_pc, s->pc_next);
        s->is_jmp = DISAS_EXIT;
        return true;
    }
    if (a->CRn != 7) {
        return false;
    }
    switch ((a->CRm << 3) | a->op2) {
    case (1 << 3) | 0:          /* IC IALLUIS */
    case (5 << 3) | 0:          /* IC IALLU */
        /* Stores to pages with translated code drop its blocks
         * (softmmu/cputlb.c): no stale instruction to discard. */
        return true;
    case (6 << 3) | 1:          /* DC IVAC */
    case (6 << 3) | 2:          /* DC ISW */
    case (10 << 3) | 2:         /* DC CSW */
    case (14 << 3) | 2:         /* DC CISW */
        /* No cache to maintain: host memory is coherent. */
        return true;
    case (8 << 3) | 0: case (8 << 3) | 1: case (8 << 3) | 2: case (8 << 3) | 3:
        /* AT S1E1R, S1E1W, S1E0R, S1E0W */
        tcg_gen_call(at, NULL, tcg_env, read_x(s, a->Rt), tcg_constant_i32(a->op2));
        return true;
    }
    return false;
}

static bool trans_SYS(DisasContext *s, const DecodeArgs *a)
{
    if (trans_sys_el1(s, a)) {
        return true;
    }
    unsigned sel = (a->op1 << 11) | (a->CRn << 7) | (a->CRm << 3) | a->op2;
#define SYSOP(op1, crn, crm, op2) (((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))
    switch (sel) {
    case SYSOP(3, 7, 4, 1): { /* DC ZVA: zero one aligned 64-byte block */
        TCGv_i64 addr = tcg_temp_new_i64();
        tcg_gen_andi_i64(addr, read_x(s, a->Rt), ~63ll);
        TCGv_i64 p = tcg_temp_new_i64();
        for (int i = 0; i < 64; i += 8) {
            tcg_gen_addi_i64(p, addr, i);
            tcg_gen_qemu_st_i64(tcg_constant_i64(0), p, MO_64 | MO_A64);
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

static void helper_msr_pstate(CPUARMState *env, uint32_t field, uint32_t imm)
{
    uint64_t p = env->pstate;
    switch (field) {
    case 0x1e: p |= (uint64_t)(imm & 0xf) << 6; break;            /* DAIFSet */
    case 0x1f: p &= ~((uint64_t)(imm & 0xf) << 6); break;         /* DAIFClr */
    case 0x05: p = (p & ~(uint64_t)PSTATE_SP) | (imm & 1); break; /* SPSel */
    case 0x04: p = (p & ~(uint64_t)PSTATE_PAN) | ((uint64_t)(imm & 1) << 22); break;
    case 0x03: p = (p & ~(uint64_t)PSTATE_UAO) | ((uint64_t)(imm & 1) << 23); break;
    }
    arm_set_pstate(env, p);
    arm_sys_unmasked(env);
}
static DEF_HELPER_INFO(msr_pstate, 0, VOID, PTR, I32, I32);

static bool trans_MSR_imm(DisasContext *s, const DecodeArgs *a)
{
    /* The PSTATE fields (C5.1.3), by op1:op2: DAIFSet/DAIFClr, SPSel,
     * PAN and UAO where implemented.  EL0 may touch DAIF only with
     * SCTLR_EL1.UMA, which neither Linux nor these CPUs' EL0 code sets
     * up here: UNDEFINED at EL0 (a trap when UMA is clear would be EC
     * 0x18; UMA is never set by the guests we run). */
    unsigned field = (a->op1 << 3) | a->op2;
    bool ok = s->el > 0 &&
              (field == 0x1e || field == 0x1f || field == 0x05 ||
               (field == 0x04 && arm_cpu_has_pan(&arm_cpu(s->cpu)->env)) ||
               (field == 0x03 && arm_cpu_has_uao(&arm_cpu(s->cpu)->env)));
    if (!ok) {
        return false;
    }
    tcg_gen_call(msr_pstate, NULL, tcg_env, tcg_constant_i32(field),
                 tcg_constant_i32(a->CRm));
    /* Unmasking may let an interrupt in, SPSel swaps the stack pointer:
     * a new block. */
    tcg_gen_movi_i64(cpu_pc, s->pc_next);
    s->is_jmp = DISAS_EXIT;
    return true;
}

static const DecodePattern branch_sys_rows[] = {
    { "op:1 00101 imm26:s26", trans_B, "B, BL" },
    { "01010100 imm19:s19 0 cond:4", trans_B_cond, "B.cond" },
    { "sf:1 011010 op:1 imm19:s19 Rt:5", trans_CBZ, "CBZ, CBNZ" },
    { "b5:1 011011 op:1 b40:5 imm14:s14 Rt:5", trans_TBZ, "TBZ, TBNZ" },
    { "1101011 00 op:2 11111 000000 Rn:5 00000", trans_BR, "BR, BLR, RET" },
    { "1101011 0100 11111 000000 11111 00000", trans_ERET, "ERET" },
    { "1101011 0101 11111 000000 11111 00000", trans_UDEF_at_EL0, "DRPS" },
    { "1101011 x 0 xx 11111 00001x xxxxx xxxxx", NULL, "BRAA, BLRAA, RETAA (pointer authentication)" },
    { "1101011 1 0 0x 11111 00001x xxxxx xxxxx", NULL, "BRAA, BLRAA (register modifier)" },
    { "11010100 000 imm16:16 000 01", trans_SVC, "SVC" },
    { "11010100 000 imm16:16 000 10", trans_HVC, "HVC" },
    { "11010100 000 imm16:16 000 11", trans_UDEF_at_EL0, "SMC (no EL3: UNDEFINED)" },
    { "11010100 001 imm16:16 000 00", trans_BRK, "BRK" },
    { "11010100 010 imm16:16 000 00", trans_HLT, "HLT" },
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
