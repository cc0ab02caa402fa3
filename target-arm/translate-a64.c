/*
 * The A64 translator's core: the block loop (fetch, decode through the
 * groups' pattern tables, stop at branches, page ends and the size limit),
 * and the pieces every group shares: registers, exceptions and block
 * exits (NZCV and conditions: a64-flags.c).
 */
#include <inttypes.h>
#include <stdlib.h>

#include "debug.h"
#include "helper-fp.h"
#include "tcg/debug.h"
#include "tcg/disas.h"
#include "tcg/log.h"
#include "translate-a64.h"

TCGv_i64 cpu_X[32];
TCGv_i64 cpu_pc;
TCGv_i64 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

const DecodeGroup *const a64_groups[] = {
    &a64_dp_imm_group,
    &a64_branch_sys_group,
    &a64_ldst_group,
    &a64_simd_ldst_group,
    &a64_dp_reg_group,
    &a64_crypto_group,
    &a64_fp_group,
    &a64_simd_move_group,
    &a64_simd_group,
    &a64_unimp_group,
};
const unsigned a64_ngroups = sizeof(a64_groups) / sizeof(a64_groups[0]);

static DecodeTable *a64_table;

void a64_translate_init(void)
{
    static const char *const xnames[32] = {
        "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
        "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20",
        "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "lr", "sp",
    };
    for (int i = 0; i < 32; i++) {
        cpu_X[i] = tcg_global_mem_new_i64(offsetof(CPUARMState, xregs[i]), xnames[i]);
    }
    cpu_pc = tcg_global_mem_new_i64(offsetof(CPUARMState, pc), "pc");
    /* The block key is (pc, the EL): indirect branches (DISAS_JUMP) may
     * look their target up inline, since whatever changes the EL (ERET,
     * exceptions) leaves the block through the loop. */
    tb_key_pc_offset = offsetof(CPUARMState, pc);
    a64_flags_init();
    cpu_exclusive_addr = tcg_global_mem_new_i64(offsetof(CPUARMState, exclusive_addr),
                                                "exclusive_addr");
    cpu_exclusive_val = tcg_global_mem_new_i64(offsetof(CPUARMState, exclusive_val),
                                               "exclusive_val");
    cpu_exclusive_high = tcg_global_mem_new_i64(offsetof(CPUARMState, exclusive_high),
                                                "exclusive_high");
    /* The inline saturating SIMD ops set FPSR.QC. */
    tcg_set_vop_saturation_flag(offsetof(CPUARMState, fpsr), FPSR_QC);

    /* Bucket by op0, bits 28:25 of the top-level encoding table. */
    a64_table = decode_table_build(a64_groups, a64_ngroups, 0x1e000000);
}

/* ---- registers ---- */

TCGv_i64 read_x(DisasContext *s, int r)
{
    return r == 31 ? tcg_constant_i64(0) : cpu_X[r];
}

TCGv_i64 read_x_sp(DisasContext *s, int r)
{
    return cpu_X[r];
}

TCGv_i64 read_reg(DisasContext *s, int r, int sf)
{
    if (r == 31) {
        return tcg_constant_i64(0);
    }
    if (sf) {
        return cpu_X[r];
    }
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_ext32u_i64(t, cpu_X[r]);
    return t;
}

void write_reg(DisasContext *s, int r, int sf, TCGv_i64 v)
{
    if (r == 31) {
        return;
    }
    if (sf) {
        tcg_gen_mov_i64(cpu_X[r], v);
    } else {
        tcg_gen_ext32u_i64(cpu_X[r], v);
    }
}

void write_reg_sp(DisasContext *s, int r, int sf, TCGv_i64 v)
{
    if (sf) {
        tcg_gen_mov_i64(cpu_X[r], v);
    } else {
        tcg_gen_ext32u_i64(cpu_X[r], v);
    }
}

void gen_ror32_i64(TCGv_i64 t, TCGv_i64 v, unsigned amount)
{
    TCGv_i32 w = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(w, v);
    if (amount % 32) {
        tcg_gen_rotri_i32(w, w, amount % 32);
    }
    tcg_gen_extu_i32_i64(t, w);
}

void gen_bitfield32_i64(TCGv_i64 t, TCGv_i64 v, bool sign, bool to_bottom,
                        unsigned pos, unsigned len)
{
    if (to_bottom && !sign && (pos == 0 || pos + len == 8 || pos + len == 16)) {
        /* movzx or and, then a shift: zero-extended, as at 32 bits. */
        tcg_gen_extract_i64(t, v, pos, len);
        return;
    }
    /* A temp per step: each is used once, so it goes from op to op in R. */
    TCGv_i32 in = tcg_temp_new_i32(), out = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(in, v);
    if (to_bottom) {
        (sign ? tcg_gen_sextract_i32 : tcg_gen_extract_i32)(out, in, pos, len);
    } else {
        (sign ? tcg_gen_sdeposit_z_i32 : tcg_gen_deposit_z_i32)(out, in, pos, len);
    }
    tcg_gen_extu_i32_i64(t, out);
}

/* ---- control ---- */

/* In a region, a branch to one of its blocks stays inside; where it goes
 * back (to that block or an earlier one, so on every loop) it first
 * tests the exit request.  A branch out takes a chained exit while there
 * are slots, then the jump cache. */
static void gen_region_goto(DisasContext *s, uint64_t dest)
{
    const TBRegion *r = s->region;
    s->is_jmp = DISAS_NORETURN;
    for (int i = 0; i < r->n; i++) {
        if (r->pc[i] != dest) {
            continue;
        }
        if (i <= s->region_block) {
            tcg_gen_br_exit_clear(s->region_labels[i]);
            tcg_gen_movi_i64(cpu_pc, dest);
            tcg_gen_exit_tb(NULL, 0);
        } else {
            tcg_gen_br(s->region_labels[i]);
        }
        return;
    }
    if (*s->region_exits < TB_NB_EXITS) {
        int n = (*s->region_exits)++;
        tcg_gen_goto_tb(n);
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_exit_tb(s->tb, n);
    } else {
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_lookup_and_goto_ptr();
    }
}

/* BL: "op:1 00101 imm26" with op = 1 (a64-branch.c's B, BL row). */
#define A64_BL_MASK 0xfc000000u
#define A64_BL_BITS 0x94000000u

/* In a region, a return to one of its blocks that follows a BL (a leaf
 * function called in the loop, region.c) stays inside; any other return
 * leaves through the jump cache.  The target is in cpu_pc. */
static void gen_region_return(DisasContext *s)
{
    const TBRegion *r = s->region;
    for (int i = 0; i < r->n; i++) {
        uint32_t before;
        if (!guest_code_fetch(r->pc[i] - 4, &before, 4) ||
            (before & A64_BL_MASK) != A64_BL_BITS) {
            continue;
        }
        TCGLabel *other = gen_new_label();
        tcg_gen_brcondi_i64(TCG_COND_NE, cpu_pc, r->pc[i], other);
        gen_region_goto(s, r->pc[i]);
        gen_set_label(other);
    }
    tcg_gen_lookup_and_goto_return();
}

static void gen_step_complete_call(DisasContext *s);

void gen_goto_tb(DisasContext *s, int n, uint64_t dest)
{
    if (s->ss_step) {
        /* The step is done: back to the loop, which takes the step
         * exception (a chained successor would run on).  Each exit of a
         * conditional branch says so on its own path. */
        if (!s->step_done) {
            gen_step_complete_call(s);
        }
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_exit_tb(NULL, 0);
        s->is_jmp = DISAS_NORETURN;
        return;
    }
    if (s->region) {
        gen_region_goto(s, dest);
        return;
    }
    /* Chaining across pages is safe in user mode: invalidating a page
     * unlinks every jump into its blocks.  In system mode a jump out of
     * the page goes through the jump cache (the loop links only within a
     * page: tcg/cpu-exec.c). */
    if (tb_code_page_hook && ((dest ^ s->tb->pc) & TB_PAGE_MASK)) {
        tcg_gen_movi_i64(cpu_pc, dest);
        tcg_gen_lookup_and_goto_ptr();
        s->is_jmp = DISAS_NORETURN;
        return;
    }
    tcg_gen_goto_tb(n);
    tcg_gen_movi_i64(cpu_pc, dest);
    tcg_gen_exit_tb(s->tb, n);
    s->is_jmp = DISAS_NORETURN;
}

void gen_jump_reg(DisasContext *s, TCGv_i64 var)
{
    tcg_gen_mov_i64(cpu_pc, var);
    s->is_jmp = DISAS_JUMP;
}

void gen_push_return(DisasContext *s)
{
    if (s->region || s->ss_step) {
        return;         /* a region's returns are its branches (gen_region_return);
                         * a stepped block returns to the loop */
    }
    s->return_landing = gen_new_label();
    tcg_gen_push_return(s->pc_next, s->return_landing);
}

static void helper_exception(CPUARMState *env, uint32_t excp, uint32_t syndrome)
{
    CPUState *cs = arm_env_cpu(env);
    env->exception_syndrome = syndrome;
    cs->exception_index = excp;
    cpu_loop_exit(cs);
}
static DEF_HELPER_INFO(exception, TCG_CALL_NO_WG | TCG_CALL_MAY_RAISE, VOID,
                       PTR, I32, I32);

static void gen_exception_at(DisasContext *s, uint64_t pc, int excp,
                             uint32_t syndrome)
{
    tcg_gen_movi_i64(cpu_pc, pc);
    tcg_gen_call(exception, NULL, tcg_env, tcg_constant_i32(excp),
                 tcg_constant_i32(syndrome));
    s->is_jmp = DISAS_NORETURN;
}

void gen_exception_insn(DisasContext *s, int excp, uint32_t syndrome)
{
    gen_exception_at(s, s->pc_curr, excp, syndrome);
}

void gen_exception_next(DisasContext *s, int excp, uint32_t syndrome)
{
    /* SVC, HVC, WFI and the like have completed when they raise: a step
     * of one is done (SPSR.SS = 0 if an exception is taken). */
    gen_step_complete(s);
    gen_exception_at(s, s->pc_next, excp, syndrome);
}

static void helper_step_complete(CPUARMState *env, uint32_t ex)
{
    env->pstate &= ~(uint64_t)PSTATE_SS;
    env->step_syndrome = STEP_ISS_ISV | (ex ? STEP_ISS_EX : 0);
}
static DEF_HELPER_INFO(step_complete, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32);

static void gen_step_complete_call(DisasContext *s)
{
    tcg_gen_call(step_complete, NULL, tcg_env,
                 tcg_constant_i32(arm_insn_is_load_exclusive(s->insn)));
}

void gen_step_complete(DisasContext *s)
{
    if (s->ss_step && !s->step_done) {
        gen_step_complete_call(s);
        s->step_done = true;
    }
}

void unallocated_encoding(DisasContext *s)
{
    gen_exception_insn(s, EXCP_UDEF, s->insn);
}

/* ---- FP/SIMD registers ---- */

TCGv_i64 read_fp_dreg(DisasContext *s, int n)
{
    TCGv_i64 v = tcg_temp_new_i64();
    tcg_gen_ld_i64(v, tcg_env, vreg_offset(n));
    return v;
}

TCGv_i32 read_fp_sreg(DisasContext *s, int n)
{
    TCGv_i32 v = tcg_temp_new_i32();
    tcg_gen_ld_i32(v, tcg_env, vreg_offset(n));
    return v;
}

void write_fp_dreg(DisasContext *s, int n, TCGv_i64 v)
{
    tcg_gen_st_i64(v, tcg_env, vreg_offset(n));
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, vreg_offset(n) + 8);
}

void write_fp_sreg(DisasContext *s, int n, TCGv_i32 v)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(t, v);
    write_fp_dreg(s, n, t);
}

void clear_vec_high(DisasContext *s, int n)
{
    tcg_gen_st_i64(tcg_constant_i64(0), tcg_env, vreg_offset(n) + 8);
}

/* ---- the block loop ---- */

/* n instructions ran; bit 31 set: in a hot region. */
static void helper_count_insns(CPUARMState *env, uint32_t n)
{
    CPUState *cpu = arm_env_cpu(env);
    cpu->stat_insns_executed += n & INT32_MAX;
    if (n >> 31) {
        cpu->stat_region_insns += n & INT32_MAX;
    }
}
static DEF_HELPER_INFO(count_insns, TCG_CALL_NO_RG | TCG_CALL_NO_WG, VOID, PTR, I32);

bool a64_count_insns;

/* A block whose first instruction could not be fetched: by the time it
 * runs the page may be there (a guest maps pages on demand, with no TLB
 * maintenance for a page that was invalid), so the fetch is tried again;
 * if it works the block is dropped and translated anew, else the fetch's
 * fault is raised, with the detail the fetch left in the CPU. */
static void helper_prefetch_abort(CPUARMState *env, uint64_t pc)
{
    CPUState *cs = arm_env_cpu(env);
    uint32_t insn;
    env->pc = pc;
    if (guest_code_fetch(pc, &insn, 4)) {
        /* (Where blocks are keyed by physical page, the hash no longer
         * finds this one, made for no page; the jump cache must not.) */
        if (tb_code_page_hook) {
            tb_jmp_cache_of(cs, pc)->slot[tb_jmp_cache_idx(pc)] = NULL;
        } else {
            tb_invalidate_range(pc, pc + 4);
        }
    } else {
        cs->exception_index = EXCP_PREFETCH_ABORT;
    }
    cpu_loop_exit(cs);
}
static DEF_HELPER_INFO(prefetch_abort, TCG_CALL_MAY_RAISE, VOID, PTR, I64);

static void translate_one(DisasContext *s)
{
    uint32_t insn;
    if (!guest_code_fetch(s->pc_curr, &insn, 4)) {
        tcg_gen_movi_i64(cpu_pc, s->pc_curr);
        tcg_gen_call(prefetch_abort, NULL, tcg_env, tcg_constant_i64(s->pc_curr));
        s->is_jmp = DISAS_NORETURN;
        return;
    }
    s->insn = insn;
    const char *name = NULL;
    switch (decode_insn(a64_table, s, insn, &name)) {
    case DECODE_OK:
        return;
    case DECODE_UNIMPLEMENTED:
        if (qemu_loglevel_mask(LOG_UNIMP)) {
            mimic_log("unimplemented A64 instruction %08x (%s) at %016" PRIx64 "\n",
                      insn, name, s->pc_curr);
        }
        break;
    case DECODE_UNALLOCATED:
        if (qemu_loglevel_mask(LOG_UNIMP)) {
            mimic_log("unallocated A64 encoding %08x at %016" PRIx64 "\n",
                      insn, s->pc_curr);
        }
        break;
    }
    unallocated_encoding(s);
}

/* The block at s->pc_first: at most max_insns instructions, then its
 * exits and its return landing. */
static void translate_block(DisasContext *s, int max_insns)
{
    s->pc_curr = s->pc_first;
    s->is_jmp = DISAS_NEXT;
    s->num_insns = 0;
    s->return_landing = NULL;
    a64_flags_block_start();
    int count_op = -1;
    if (a64_count_insns) {
        tcg_gen_call(count_insns, NULL, tcg_env, tcg_constant_i32(0));
        count_op = tcg_ctx->nb_ops - 1;
    }
    bool step = s->tb->cflags & CF_SINGLE_STEP;
    uint32_t flags = s->tb->flags;
    if (s->ss_step) {
        max_insns = 1;
    }
    for (;;) {
        if ((flags & ARM_TBFLAG_SS_ACTIVE) && !(flags & ARM_TBFLAG_PSTATE_SS)) {
            /* Software step active-pending: the step exception comes
             * before the instruction (D2.12.5); it is the block's first. */
            s->pc_next = s->pc_curr + 4;
            tcg_gen_insn_start(s->pc_curr);
            gen_exception_insn(s, EXCP_SOFTSTEP, 0);
            s->num_insns++;
            break;
        }
        /* A debugger's breakpoint: the block ends before it, or, when it
         * is the first instruction, stops there (a step runs it: the
         * debugger asked for that one instruction). */
        if (cpu_breakpoint_count && !(step && s->num_insns == 0) &&
            cpu_breakpoint_at(s->pc_curr)) {
            if (s->num_insns > 0) {
                s->is_jmp = DISAS_TOO_MANY;
                break;
            }
            s->pc_next = s->pc_curr + 4;
            tcg_gen_insn_start(s->pc_curr);
            gen_exception_at(s, s->pc_curr, EXCP_DEBUG, 0);
            s->num_insns++;
            break;
        }
        if ((flags & ARM_TBFLAG_BP) && arm_breakpoint_at(arm_env(s->cpu), s->pc_curr)) {
            /* A hardware breakpoint (D2.9): taken before the instruction.
             * The block key holds the armed breakpoints, so the match
             * made now holds whenever the block runs.  Another block
             * begins at it, to keep the exception's pc exact. */
            if (s->num_insns > 0) {
                s->is_jmp = DISAS_TOO_MANY;
                break;
            }
            s->pc_next = s->pc_curr + 4;
            tcg_gen_insn_start(s->pc_curr);
            gen_exception_insn(s, EXCP_BREAKPOINT, 0);
            s->num_insns++;
            break;
        }
        s->pc_next = s->pc_curr + 4;
        tcg_gen_insn_start(s->pc_curr);
        if (s->num_insns == 0 && (s->pc_curr & 3)) {
            /* A branch to a misaligned address: the PC alignment fault is
             * taken at it (D1.8.2). */
            gen_exception_insn(s, EXCP_PC_ALIGN, 0);
            s->num_insns++;
            break;
        }
        if (s->tb->flags & ARM_TBFLAG_IL) {
            /* After an illegal exception return every instruction raises
             * Illegal Execution State (D1.4.1). */
            gen_exception_insn(s, EXCP_ILLEGAL_STATE, 0);
            s->num_insns++;
            break;
        }
        translate_one(s);
        s->num_insns++;
        if (s->is_jmp != DISAS_NEXT || tcg_ctx->overflow) {
            break;
        }
        s->pc_curr = s->pc_next;
        if (s->num_insns >= max_insns || (s->pc_curr & ~TB_PAGE_MASK) == 0) {
            s->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    switch (s->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_flags_for_exits(s->pc_next, s->pc_next);
        gen_goto_tb(s, 0, s->pc_next);
        break;
    case DISAS_JUMP:
    case DISAS_RETURN:
        gen_step_complete(s);
        if (step || s->ss_step) {
            /* Back to the loop, which reports the step done: a lookup
             * would run on into the next instruction's block. */
            tcg_gen_exit_tb(NULL, 0);
        } else if (s->is_jmp == DISAS_JUMP) {
            tcg_gen_lookup_and_goto_ptr();
        } else if (s->region) {
            gen_region_return(s);
        } else {
            tcg_gen_lookup_and_goto_return();
        }
        break;
    case DISAS_EXIT:
        gen_step_complete(s);
        tcg_gen_exit_tb(NULL, 0);
        break;
    case DISAS_NORETURN:
        break;
    }
    if (s->return_landing) {
        /* Where a return to the call's next instruction goes on. */
        gen_set_label(s->return_landing);
        gen_goto_tb(s, TB_EXIT_RETURN, s->pc_next);
    }
    if (count_op >= 0) {
        /* The count is known only now: patch the call's constant argument. */
        uint32_t n = s->num_insns | (s->region ? 1u << 31 : 0);
        tcg_ctx->ops[count_op].args[1] = tcgv_i32_arg(tcg_constant_i32(n));
    }
}

int a64_semihosting;

static int a64_mmu_idx(uint32_t flags)
{
    if ((flags & ARM_TBFLAG_EL) == 0) {
        return A64_MMU_IDX_E0;
    }
    return (flags & ARM_TBFLAG_PAN) ? A64_MMU_IDX_E1_PAN : A64_MMU_IDX_E1;
}

void aarch64_translate(CPUState *cpu, TranslationBlock *tb, int max_insns)
{
    DisasContext s = {
        .tb = tb,
        .cpu = cpu,
        .model = arm_cpu(cpu)->model,
        .pc_first = tb->pc,
        .el = tb->flags & ARM_TBFLAG_EL,
        .mmu_idx = a64_mmu_idx(tb->flags),
        .align_mem = tb->flags & ARM_TBFLAG_ALIGN,
        .ss_step = (tb->flags & (ARM_TBFLAG_SS_ACTIVE | ARM_TBFLAG_PSTATE_SS)) ==
                   (ARM_TBFLAG_SS_ACTIVE | ARM_TBFLAG_PSTATE_SS),
    };
    translate_block(&s, max_insns);
    tb->size = s.pc_next - s.pc_first;
    tb->icount = s.num_insns;
}

void aarch64_translate_region(CPUState *cpu, TranslationBlock *tb, const TBRegion *r)
{
    TCGLabel *labels[TB_REGION_MAX];
    int exits = 0;
    for (int i = 0; i < r->n; i++) {
        labels[i] = gen_new_label();
    }
    tb->size = 0;
    tb->icount = 0;
    for (int i = 0; i < r->n; i++) {
        DisasContext s = {
            .tb = tb,
            .cpu = cpu,
            .model = arm_cpu(cpu)->model,
            .pc_first = r->pc[i],
            .el = tb->flags & ARM_TBFLAG_EL,
            .mmu_idx = a64_mmu_idx(tb->flags),
            .align_mem = tb->flags & ARM_TBFLAG_ALIGN,
            .region = r,
            .region_labels = labels,
            .region_block = i,
            .region_exits = &exits,
        };
        gen_set_label(labels[i]);
        translate_block(&s, r->icount[i]);
        tb->size += s.pc_next - s.pc_first;
        tb->icount += s.num_insns;
    }
}
