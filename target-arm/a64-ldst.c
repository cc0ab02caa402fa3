/*
 * A64 "Loads and Stores" (Arm ARM C4.1.4), except the Advanced SIMD
 * structure loads and stores (a64-simd-ldst.c): load literal, single
 * registers in every addressing form, pairs, the exclusive monitor,
 * load-acquire/store-release, and the LSE atomics (CAS, CASP, SWP,
 * LD<op>/ST<op>), for general-purpose and FP/SIMD registers.
 *
 * Every instruction computes its addresses and does all its memory
 * accesses into temps first, then writes its registers, then the base
 * writeback: a fault leaves the guest state exactly as before the
 * instruction.  Where the architecture leaves overlapping registers
 * CONSTRAINED UNPREDICTABLE we do what qemu-aarch64 does (noted at each).
 */
#include <string.h>

#include "tcg/guest-mem.h"
#include "translate-a64.h"

/* ---- features of the CPU model ---- */

static unsigned id_field(uint64_t reg, int pos)
{
    return (reg >> pos) & 0xf;
}

/* FEAT_LSE: ID_AA64ISAR0_EL1.Atomic == 2. */
static bool have_lse(DisasContext *s)
{
    return id_field(s->model->id_aa64isar0, 20) >= 2;
}

/* FEAT_LRCPC (LDAPR) and FEAT_LRCPC2 (LDAPUR, STLUR): ID_AA64ISAR1_EL1.LRCPC. */
static bool have_lrcpc(DisasContext *s, unsigned level)
{
    return id_field(s->model->id_aa64isar1, 20) >= level;
}

/* FEAT_LOR (LDLAR, STLLR): ID_AA64MMFR1_EL1.LO. */
static bool have_lor(DisasContext *s)
{
    return id_field(s->model->id_aa64mmfr1, 16) != 0;
}

/* ---- what one register transfer is ---- */

typedef struct LdStOp {
    bool load;         /* else a store */
    bool vec;          /* FP/SIMD register (B, H, S, D, Q) */
    bool prefetch;     /* PRFM: no access at all */
    int sf;            /* GPR loads: 1 = the destination is X */
    int size;          /* log2 of the bytes transferred: 0..4 */
    MemOp mop;         /* size (at most MO_64) and sign of each access */
} LdStOp;

/* Decodes the size:V:opc triple shared by the single-register classes;
 * false for the unallocated combinations. */
static bool decode_ldst_op(int size, int V, int opc, LdStOp *o)
{
    memset(o, 0, sizeof(*o));
    if (V) {
        /* opc<1> selects the 128-bit Q form, only with size 00. */
        int sz = ((opc & 2) << 1) | size;
        if (sz > 4) {
            return false;
        }
        o->vec = true;
        o->load = opc & 1;
        o->size = sz;
        o->mop = sz > MO_64 ? MO_64 : sz;
        return true;
    }
    o->size = size;
    o->mop = size;
    switch (opc) {
    case 0:            /* STRB, STRH, STR */
        break;
    case 1:            /* LDRB, LDRH, LDR: zero-extending */
        o->load = true;
        o->sf = size == 3;
        break;
    case 2:            /* LDRSB, LDRSH, LDRSW to X; PRFM at size 11 */
        if (size == 3) {
            o->prefetch = true;
        } else {
            o->load = true;
            o->sf = 1;
            o->mop |= MO_SIGN;
        }
        break;
    default:           /* LDRSB, LDRSH to W */
        if (size >= 2) {
            return false;
        }
        o->load = true;
        o->mop |= MO_SIGN;
        break;
    }
    return true;
}

/* A Q register moves as two 64-bit accesses, but the architecture checks
 * the alignment of the whole 16 bytes (Mem[] with size 16, for SCTLR.A and
 * Device memory): the first half carries it, the second is then aligned. */
static MemOp q_first_half(const LdStOp *o)
{
    return o->size == 4 ? MO_ELEM(MO_128) : 0;
}

/* Loads what o transfers from addr into v[0] (and v[1], the high half of a
 * Q register).  Writes no guest state. */
static void gen_ld(DisasContext *s, const LdStOp *o, TCGv_i64 addr, MemOp align,
                   TCGv_i64 v[2])
{
    v[0] = tcg_temp_new_i64();
    tcg_gen_qemu_ld_i64(v[0], addr, o->mop | q_first_half(o) | align | MO_A64);
    if (o->size == 4) {
        TCGv_i64 a8 = tcg_temp_new_i64();
        tcg_gen_addi_i64(a8, addr, 8);
        v[1] = tcg_temp_new_i64();
        tcg_gen_qemu_ld_i64(v[1], a8, MO_64 | MO_A64);
    }
}

/* Writes a loaded value to its register. */
static void gen_ld_commit(DisasContext *s, const LdStOp *o, int rt, TCGv_i64 v[2])
{
    if (!o->vec) {
        write_reg(s, rt, o->sf, v[0]);
        return;
    }
    /* Scalar FP/SIMD loads zero the rest of the 128-bit register. */
    tcg_gen_st_i64(v[0], tcg_env, vreg_offset(rt));
    tcg_gen_st_i64(o->size == 4 ? v[1] : tcg_constant_i64(0), tcg_env,
                   vreg_offset(rt) + 8);
}

static void gen_st(DisasContext *s, const LdStOp *o, int rt, TCGv_i64 addr,
                   MemOp align)
{
    if (!o->vec) {
        tcg_gen_qemu_st_i64(read_x(s, rt), addr, o->mop | align | MO_A64);
        return;
    }
    TCGv_i64 lo = tcg_temp_new_i64();
    tcg_gen_ld_i64(lo, tcg_env, vreg_offset(rt));
    tcg_gen_qemu_st_i64(lo, addr, o->mop | q_first_half(o) | align | MO_A64);
    if (o->size == 4) {
        /* Two 64-bit halves: 128-bit normal stores need not be atomic. */
        TCGv_i64 hi = tcg_temp_new_i64();
        TCGv_i64 a8 = tcg_temp_new_i64();
        tcg_gen_ld_i64(hi, tcg_env, vreg_offset(rt) + 8);
        tcg_gen_addi_i64(a8, addr, 8);
        tcg_gen_qemu_st_i64(hi, a8, MO_64 | MO_A64);
    }
}

/* The base register Xn|SP. */
static TCGv_i64 gen_base(DisasContext *s, int rn)
{
    if (rn == 31) {
        check_sp_alignment(s);
    }
    return read_x_sp(s, rn);
}

/* An address base + imm: base itself for 0, so valid only until the
 * instruction writes its registers. */
static TCGv_i64 gen_add_imm(TCGv_i64 base, int64_t imm)
{
    if (imm == 0) {
        return base;
    }
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_addi_i64(t, base, imm);
    return t;
}

/* The writeback value base + imm, computed before any register is
 * written (the loaded register may be the base). */
static TCGv_i64 gen_writeback_value(TCGv_i64 base, int64_t imm)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_addi_i64(t, base, imm);
    return t;
}

/* Barriers for the ordered accesses.  A store-release also orders itself
 * before later loads, so that a following load-acquire (RCsc) needs no
 * store-to-load barrier of its own: on x86 hosts only that kind costs, and
 * it is then paid by the (rarer) release stores alone. */
static void gen_acquire(void)
{
    tcg_gen_mb(TCG_MO_LD_LD | TCG_MO_LD_ST);
}

static void gen_release_before(void)
{
    tcg_gen_mb(TCG_MO_LD_ST | TCG_MO_ST_ST);
}

static void gen_release_after(void)
{
    tcg_gen_mb(TCG_MO_ST_LD);
}

/* ---- single registers ---- */

typedef enum AddrMode {
    AM_OFFSET,         /* [Xn, #imm] */
    AM_PRE,            /* [Xn, #imm]! */
    AM_POST,           /* [Xn], #imm */
} AddrMode;

/* One register transfer at base + imm with optional writeback.  With
 * writeback and Rn == Rt (CONSTRAINED UNPREDICTABLE) qemu stores the
 * original Rt, and for loads the writeback wins: so do we. */
static bool do_ldst_imm(DisasContext *s, const LdStOp *o, int rt, int rn,
                        int64_t imm, AddrMode mode)
{
    if (o->prefetch) {
        return mode == AM_OFFSET;   /* PRFM, PRFUM: a hint, no access */
    }
    TCGv_i64 base = gen_base(s, rn);
    TCGv_i64 addr = mode == AM_POST ? base : gen_add_imm(base, imm);
    TCGv_i64 wb = mode == AM_OFFSET ? NULL : gen_writeback_value(base, imm);
    if (o->load) {
        TCGv_i64 v[2];
        gen_ld(s, o, addr, 0, v);
        gen_ld_commit(s, o, rt, v);
    } else {
        gen_st(s, o, rt, addr, 0);
    }
    if (wb) {
        tcg_gen_mov_i64(cpu_X[rn], wb);
    }
    return true;
}

static bool trans_LDR_lit(DisasContext *s, const DecodeArgs *a)
{
    /* opc: 00 W/S, 01 X/D, 10 LDRSW/Q, 11 PRFM (V=0 only). */
    LdStOp o = { .load = true, .vec = a->V };
    if (a->V) {
        if (a->opc == 3) {
            return false;
        }
        o.size = a->opc + 2;
        o.mop = o.size > MO_64 ? MO_64 : o.size;
    } else {
        switch (a->opc) {
        case 0: o.size = 2; o.mop = MO_32; break;
        case 1: o.size = 3; o.mop = MO_64; o.sf = 1; break;
        case 2: o.size = 2; o.mop = MO_SL; o.sf = 1; break;
        default: return true;   /* PRFM (literal) */
        }
    }
    TCGv_i64 v[2];
    gen_ld(s, &o, tcg_constant_i64(s->pc_curr + (int64_t)a->imm19 * 4), 0, v);
    gen_ld_commit(s, &o, a->Rt, v);
    return true;
}

static bool trans_LDR_uimm(DisasContext *s, const DecodeArgs *a)
{
    LdStOp o;
    if (!decode_ldst_op(a->size, a->V, a->opc, &o)) {
        return false;
    }
    return do_ldst_imm(s, &o, a->Rt, a->Rn, (int64_t)a->imm12 << o.size,
                       AM_OFFSET);
}

static bool trans_LDUR(DisasContext *s, const DecodeArgs *a)
{
    LdStOp o;
    if (!decode_ldst_op(a->size, a->V, a->opc, &o)) {
        return false;
    }
    return do_ldst_imm(s, &o, a->Rt, a->Rn, a->imm9, AM_OFFSET);
}

static bool trans_LDR_post(DisasContext *s, const DecodeArgs *a)
{
    LdStOp o;
    if (!decode_ldst_op(a->size, a->V, a->opc, &o)) {
        return false;
    }
    return do_ldst_imm(s, &o, a->Rt, a->Rn, a->imm9, AM_POST);
}

static bool trans_LDR_pre(DisasContext *s, const DecodeArgs *a)
{
    LdStOp o;
    if (!decode_ldst_op(a->size, a->V, a->opc, &o)) {
        return false;
    }
    return do_ldst_imm(s, &o, a->Rt, a->Rn, a->imm9, AM_PRE);
}

static bool trans_LDTR(DisasContext *s, const DecodeArgs *a)
{
    /* LDTR, STTR...: unprivileged accesses, which at EL0 are ordinary
     * ones.  No FP/SIMD or prefetch forms. */
    LdStOp o;
    if (a->V || !decode_ldst_op(a->size, 0, a->opc, &o) || o.prefetch) {
        return false;
    }
    /* At EL1 they are checked as EL0's (so PAN, which restricts EL1's
     * accesses, does not apply), unless PSTATE.UAO makes them ordinary
     * (Arm ARM D5.4.4 and C6.2's LDTR). */
    int idx = s->mmu_idx;
    if (s->el == 1 && !(s->tb->flags & ARM_TBFLAG_UAO)) {
        s->mmu_idx = A64_MMU_IDX_E0;
    }
    bool ok = do_ldst_imm(s, &o, a->Rt, a->Rn, a->imm9, AM_OFFSET);
    s->mmu_idx = idx;
    return ok;
}

static bool trans_LDR_reg(DisasContext *s, const DecodeArgs *a)
{
    /* option: 010 UXTW, 011 LSL (UXTX), 110 SXTW, 111 SXTX. */
    LdStOp o;
    if (!(a->option & 2) || !decode_ldst_op(a->size, a->V, a->opc, &o)) {
        return false;
    }
    if (o.prefetch) {
        return true;   /* PRFM (register) */
    }
    TCGv_i64 off = tcg_temp_new_i64();
    TCGv_i64 rm = read_x(s, a->Rm);
    switch (a->option) {
    case 2: tcg_gen_ext32u_i64(off, rm); break;
    case 6: tcg_gen_ext32s_i64(off, rm); break;
    default: tcg_gen_mov_i64(off, rm); break;
    }
    if (a->S && o.size) {
        tcg_gen_shli_i64(off, off, o.size);
    }
    TCGv_i64 addr = tcg_temp_new_i64();
    tcg_gen_add_i64(addr, gen_base(s, a->Rn), off);
    if (o.load) {
        TCGv_i64 v[2];
        gen_ld(s, &o, addr, 0, v);
        gen_ld_commit(s, &o, a->Rt, v);
    } else {
        gen_st(s, &o, a->Rt, addr, 0);
    }
    return true;
}

static bool trans_LDAPUR(DisasContext *s, const DecodeArgs *a)
{
    /* LDAPUR*, STLUR* (FEAT_LRCPC2): an ordered access at an unscaled
     * offset.  Like LDAPR/STLR they must be aligned without FEAT_LSE2. */
    LdStOp o;
    if (!have_lrcpc(s, 2) || !decode_ldst_op(a->size, 0, a->opc, &o) ||
        o.prefetch) {
        return false;
    }
    TCGv_i64 addr = gen_add_imm(gen_base(s, a->Rn), a->imm9);
    if (o.load) {
        TCGv_i64 v[2];
        gen_ld(s, &o, addr, MO_ALIGN, v);
        gen_acquire();
        gen_ld_commit(s, &o, a->Rt, v);
    } else {
        gen_release_before();
        gen_st(s, &o, a->Rt, addr, MO_ALIGN);
        gen_release_after();
    }
    return true;
}

/* ---- pairs ---- */

/* LDP/STP/LDPSW/LDNP/STNP.  With Rt == Rt2 qemu leaves the first value in
 * a general-purpose register and the second in an FP/SIMD one; with
 * writeback and Rn == Rt or Rt2 the writeback wins; we follow it. */
static bool do_ldst_pair(DisasContext *s, const DecodeArgs *a, AddrMode mode,
                         bool nontemporal)
{
    LdStOp o = { .load = a->L, .vec = a->V };
    if (a->opc == 3) {
        return false;
    }
    if (a->V) {
        o.size = 2 + a->opc;
        o.mop = o.size > MO_64 ? MO_64 : o.size;
    } else if (a->opc == 1) {
        /* LDPSW; L=0 is STGP (memory tagging), and there is no LDNPSW. */
        if (!a->L || nontemporal) {
            return false;
        }
        o.size = 2;
        o.mop = MO_SL;
        o.sf = 1;
    } else {
        o.size = a->opc ? 3 : 2;
        o.mop = o.size;
        o.sf = a->opc != 0;
    }
    int64_t imm = (int64_t)a->imm7 << o.size;
    TCGv_i64 base = gen_base(s, a->Rn);
    TCGv_i64 addr = mode == AM_POST ? base : gen_add_imm(base, imm);
    TCGv_i64 addr2 = gen_add_imm(addr, 1 << o.size);
    TCGv_i64 wb = mode == AM_OFFSET ? NULL : gen_writeback_value(base, imm);
    if (o.load) {
        TCGv_i64 v1[2], v2[2];
        gen_ld(s, &o, addr, 0, v1);
        gen_ld(s, &o, addr2, 0, v2);
        if (o.vec) {
            gen_ld_commit(s, &o, a->Rt, v1);
            gen_ld_commit(s, &o, a->Rt2, v2);
        } else {
            gen_ld_commit(s, &o, a->Rt2, v2);
            gen_ld_commit(s, &o, a->Rt, v1);
        }
    } else {
        gen_st(s, &o, a->Rt, addr, 0);
        gen_st(s, &o, a->Rt2, addr2, 0);
    }
    if (wb) {
        tcg_gen_mov_i64(cpu_X[a->Rn], wb);
    }
    return true;
}

static bool trans_LDNP(DisasContext *s, const DecodeArgs *a)
{
    return do_ldst_pair(s, a, AM_OFFSET, true);
}

static bool trans_LDP_post(DisasContext *s, const DecodeArgs *a)
{
    return do_ldst_pair(s, a, AM_POST, false);
}

static bool trans_LDP(DisasContext *s, const DecodeArgs *a)
{
    return do_ldst_pair(s, a, AM_OFFSET, false);
}

static bool trans_LDP_pre(DisasContext *s, const DecodeArgs *a)
{
    return do_ldst_pair(s, a, AM_PRE, false);
}

/* ---- exclusives ---- */

/* The address the monitor records and compares: with top-byte-ignore
 * the tag is not part of it (as in qemu), so differently tagged pointers
 * to one location still pair up. */
static TCGv_i64 gen_monitor_addr(TCGv_i64 addr)
{
    TCGv_i64 t = tcg_temp_new_i64();
    if (guest_top_byte_ignore) {
        tcg_gen_andi_i64(t, addr, 0x00ffffffffffffffll);
    } else {
        tcg_gen_mov_i64(t, addr);   /* a copy: addr may be Rt, written later */
    }
    return t;
}

/* LDXR, LDAXR (pair = false) and LDXP, LDAXP: load, arm the monitor with
 * the address and the value(s) seen.  Exclusives must be aligned to their
 * whole size (a pair of X registers to 16 bytes). */
static void gen_load_exclusive(DisasContext *s, int rt, int rt2, int rn,
                               int size, bool pair, bool acquire)
{
    TCGv_i64 addr = gen_base(s, rn);
    TCGv_i64 lo = tcg_temp_new_i64();
    TCGv_i64 hi = NULL;
    if (pair && size == 3) {
        TCGv_i64 a8 = gen_add_imm(addr, 8);
        hi = tcg_temp_new_i64();
        tcg_gen_qemu_ld_i64(lo, addr, MO_64 | MO_ALIGN_16 | MO_A64);
        tcg_gen_qemu_ld_i64(hi, a8, MO_64 | MO_A64);
    } else {
        tcg_gen_qemu_ld_i64(lo, addr, (pair ? size + 1 : size) | MO_ALIGN | MO_A64);
    }
    if (acquire) {
        gen_acquire();
    }
    tcg_gen_mov_i64(cpu_exclusive_addr, gen_monitor_addr(addr));
    tcg_gen_mov_i64(cpu_exclusive_val, lo);
    if (hi) {
        tcg_gen_mov_i64(cpu_exclusive_high, hi);
    }
    /* With Rt == Rt2 the second register wins, as in qemu. */
    if (!pair) {
        write_reg(s, rt, size == 3, lo);
    } else if (size == 3) {
        write_reg(s, rt, 1, lo);
        write_reg(s, rt2, 1, hi);
    } else {
        TCGv_i64 h32 = tcg_temp_new_i64();
        tcg_gen_shri_i64(h32, lo, 32);
        write_reg(s, rt, 0, lo);
        write_reg(s, rt2, 0, h32);
    }
}

static void helper_unaligned(CPUARMState *env, uint64_t addr)
{
    CPUState *cs = arm_env_cpu(env);
    cs->exception_addr = addr;
    cs->exception_code = 1u << 6;       /* a store: WnR in the abort's ISS */
    cpu_raise(cs, EXCP_MEM_UNALIGNED);
}
static DEF_HELPER_INFO(unaligned, TCG_CALL_NO_WG | TCG_CALL_MAY_RAISE, VOID, PTR, I64);

/* STXR, STLXR, STXP, STLXP: succeed (Ws = 0) iff the monitor holds this
 * address and memory still holds the value(s) it saw, as one
 * compare-and-swap; Ws = 1 otherwise.  Either way the monitor opens.
 * The alignment check comes before the monitor's (Arm ARM
 * AArch64.ExclusiveMonitorsPass): an unaligned store exclusive is SIGBUS
 * even with the monitor open, where an aligned one just fails. */
static void gen_store_exclusive(DisasContext *s, int rs, int rt, int rt2,
                                int rn, int size, bool pair)
{
    TCGv_i64 addr = gen_base(s, rn);
    TCGv_i64 status = tcg_temp_new_i64();
    TCGLabel *fail = gen_new_label();
    TCGLabel *done = gen_new_label();
    TCGLabel *aligned = gen_new_label();

    TCGv_i64 low = tcg_temp_new_i64();
    tcg_gen_andi_i64(low, addr, (1 << (pair ? size + 1 : size)) - 1);
    tcg_gen_brcondi_i64(TCG_COND_EQ, low, 0, aligned);
    tcg_gen_call(unaligned, NULL, tcg_env, addr);
    gen_set_label(aligned);
    tcg_gen_brcond_i64(TCG_COND_NE, gen_monitor_addr(addr), cpu_exclusive_addr, fail);
    if (pair && size == 3) {
        TCGv_i64 oldlo = tcg_temp_new_i64();
        TCGv_i64 oldhi = tcg_temp_new_i64();
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_atomic_cmpxchg128(oldlo, oldhi, addr, cpu_exclusive_val,
                                  cpu_exclusive_high, read_x(s, rt),
                                  read_x(s, rt2), MO_128 | MO_ALIGN | MO_A64);
        tcg_gen_xor_i64(status, oldlo, cpu_exclusive_val);
        tcg_gen_xor_i64(t, oldhi, cpu_exclusive_high);
        tcg_gen_or_i64(status, status, t);
        tcg_gen_setcondi_i64(TCG_COND_NE, status, status, 0);
    } else {
        TCGv_i64 newv = read_x(s, rt);
        int msize = size;
        if (pair) {
            /* Rt at the lower address: the low half, little-endian. */
            TCGv_i64 t = tcg_temp_new_i64();
            tcg_gen_ext32u_i64(t, newv);
            newv = tcg_temp_new_i64();
            tcg_gen_deposit_i64(newv, t, read_x(s, rt2), 32, 32);
            msize = MO_64;
        }
        TCGv_i64 old = tcg_temp_new_i64();
        tcg_gen_atomic_cmpxchg_i64(old, addr, cpu_exclusive_val, newv,
                                   msize | MO_ALIGN | MO_A64);
        tcg_gen_setcond_i64(TCG_COND_NE, status, old, cpu_exclusive_val);
    }
    write_reg(s, rs, 0, status);
    tcg_gen_br(done);
    gen_set_label(fail);
    write_reg(s, rs, 0, tcg_constant_i64(1));
    gen_set_label(done);
    tcg_gen_movi_i64(cpu_exclusive_addr, -1);
}

static bool trans_LDXR(DisasContext *s, const DecodeArgs *a)
{
    /* o0 is the acquire (LDAXR) / release (STLXR) bit. */
    if (a->L) {
        gen_load_exclusive(s, a->Rt, 0, a->Rn, a->size, false, a->o0);
    } else {
        if (a->o0) {
            gen_release_before();
        }
        gen_store_exclusive(s, a->Rs, a->Rt, 0, a->Rn, a->size, false);
    }
    return true;
}

static bool trans_LDXP(DisasContext *s, const DecodeArgs *a)
{
    int size = 2 + a->sz;
    if (a->L) {
        gen_load_exclusive(s, a->Rt, a->Rt2, a->Rn, size, true, a->o0);
    } else {
        if (a->o0) {
            gen_release_before();
        }
        gen_store_exclusive(s, a->Rs, a->Rt, a->Rt2, a->Rn, size, true);
    }
    return true;
}

/* ---- load-acquire, store-release ---- */

static bool trans_LDAR(DisasContext *s, const DecodeArgs *a)
{
    /* o0 = 1: LDAR, STLR; o0 = 0: LDLAR, STLLR (LORegions, which at EL0
     * without regions configured behave as LDAR, STLR).  Ordered accesses
     * must be aligned (no FEAT_LSE2 here), as qemu checks. */
    if (!a->o0 && !have_lor(s)) {
        return false;
    }
    TCGv_i64 addr = gen_base(s, a->Rn);
    MemOp mop = a->size | MO_ALIGN | MO_A64;
    if (a->L) {
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_qemu_ld_i64(v, addr, mop);
        gen_acquire();
        write_reg(s, a->Rt, a->size == 3, v);
    } else {
        gen_release_before();
        tcg_gen_qemu_st_i64(read_x(s, a->Rt), addr, mop);
        gen_release_after();
    }
    return true;
}

/* ---- LSE atomics ---- */

/* The atomic ops are full barriers by themselves (host locked
 * instructions), so the acquire and release bits of CAS, SWP and LD<op>
 * need no extra barrier. */

static bool trans_CAS(DisasContext *s, const DecodeArgs *a)
{
    if (!have_lse(s) || a->Rt2 != 31) {
        return false;
    }
    TCGv_i64 old = tcg_temp_new_i64();
    tcg_gen_atomic_cmpxchg_i64(old, gen_base(s, a->Rn), read_x(s, a->Rs),
                               read_x(s, a->Rt), a->size | MO_ALIGN | MO_A64);
    write_reg(s, a->Rs, a->size == 3, old);
    return true;
}

static bool trans_CASP(DisasContext *s, const DecodeArgs *a)
{
    /* Rs, Rs+1 compare and receive the old pair; Rt, Rt+1 are stored.
     * Both must be even (Rs+1 may be XZR). */
    if (!have_lse(s) || a->Rt2 != 31 || (a->Rs & 1) || (a->Rt & 1)) {
        return false;
    }
    TCGv_i64 addr = gen_base(s, a->Rn);
    if (a->sz) {
        TCGv_i64 oldlo = tcg_temp_new_i64();
        TCGv_i64 oldhi = tcg_temp_new_i64();
        tcg_gen_atomic_cmpxchg128(oldlo, oldhi, addr, read_x(s, a->Rs),
                                  read_x(s, a->Rs + 1), read_x(s, a->Rt),
                                  read_x(s, a->Rt + 1), MO_128 | MO_ALIGN | MO_A64);
        write_reg(s, a->Rs, 1, oldlo);
        write_reg(s, a->Rs + 1, 1, oldhi);
        return true;
    }
    TCGv_i64 cmp = tcg_temp_new_i64();
    TCGv_i64 newv = tcg_temp_new_i64();
    TCGv_i64 old = tcg_temp_new_i64();
    TCGv_i64 oldhi = tcg_temp_new_i64();
    tcg_gen_ext32u_i64(cmp, read_x(s, a->Rs));
    tcg_gen_deposit_i64(cmp, cmp, read_x(s, a->Rs + 1), 32, 32);
    tcg_gen_ext32u_i64(newv, read_x(s, a->Rt));
    tcg_gen_deposit_i64(newv, newv, read_x(s, a->Rt + 1), 32, 32);
    tcg_gen_atomic_cmpxchg_i64(old, addr, cmp, newv, MO_64 | MO_ALIGN | MO_A64);
    tcg_gen_shri_i64(oldhi, old, 32);
    write_reg(s, a->Rs, 0, old);
    write_reg(s, a->Rs + 1, 0, oldhi);
    return true;
}

static bool trans_atomic(DisasContext *s, const DecodeArgs *a)
{
    /* o3:opc: 0000 LDADD, 0001 LDCLR, 0010 LDEOR, 0011 LDSET, 0100 LDSMAX,
     * 0101 LDSMIN, 0110 LDUMAX, 0111 LDUMIN, 1000 SWP, 1100 LDAPR. */
    static const TCGAtomicOp ops[8] = {
        TCG_AOP_ADD, TCG_AOP_ANDN, TCG_AOP_XOR, TCG_AOP_OR,
        TCG_AOP_SMAX, TCG_AOP_SMIN, TCG_AOP_UMAX, TCG_AOP_UMIN,
    };
    TCGAtomicOp aop;
    if (a->V) {
        return false;
    }
    if (a->o3 && a->opc == 4 && a->A && !a->R && a->Rs == 31) {
        /* LDAPR (FEAT_LRCPC): acquire, RCpc; aligned like LDAR. */
        if (!have_lrcpc(s, 1)) {
            return false;
        }
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_qemu_ld_i64(v, gen_base(s, a->Rn), a->size | MO_ALIGN | MO_A64);
        gen_acquire();
        write_reg(s, a->Rt, a->size == 3, v);
        return true;
    }
    if (!a->o3) {
        aop = ops[a->opc];
    } else if (a->opc == 0) {
        aop = TCG_AOP_XCHG;
    } else {
        return false;
    }
    if (!have_lse(s)) {
        return false;
    }
    /* Rt = 31 is the ST<op> alias: the old value is discarded. */
    TCGv_i64 old = tcg_temp_new_i64();
    tcg_gen_atomic_rmw_i64(old, gen_base(s, a->Rn), read_x(s, a->Rs),
                           a->size | MO_ALIGN | MO_A64, aop);
    write_reg(s, a->Rt, a->size == 3, old);
    return true;
}

static const DecodePattern ldst_rows[] = {
    /* Load/store exclusive, ordered, compare and swap. */
    { "size:2 001000 0 L:1 0 Rs:5 o0:1 Rt2:5 Rn:5 Rt:5", trans_LDXR,
      "LDXR, LDAXR, STXR, STLXR (B, H, W, X)" },
    { "1 sz:1 001000 0 L:1 1 Rs:5 o0:1 Rt2:5 Rn:5 Rt:5", trans_LDXP,
      "LDXP, LDAXP, STXP, STLXP" },
    { "0 sz:1 001000 0 L:1 1 Rs:5 o0:1 Rt2:5 Rn:5 Rt:5", trans_CASP,
      "CASP, CASPA, CASPL, CASPAL" },
    { "size:2 001000 1 L:1 0 Rs:5 o0:1 Rt2:5 Rn:5 Rt:5", trans_LDAR,
      "LDAR, STLR, LDLAR, STLLR (B, H, W, X)" },
    { "size:2 001000 1 L:1 1 Rs:5 o0:1 Rt2:5 Rn:5 Rt:5", trans_CAS,
      "CAS, CASA, CASL, CASAL (B, H, W, X)" },

    /* RCpc unscaled, load literal. */
    { "size:2 011001 opc:2 0 imm9:s9 00 Rn:5 Rt:5", trans_LDAPUR,
      "LDAPUR, STLUR (unscaled immediate, RCpc)" },
    { "opc:2 011 V:1 00 imm19:s19 Rt:5", trans_LDR_lit,
      "LDR (literal), LDRSW (literal), PRFM (literal)" },

    /* Pairs. */
    { "opc:2 101 V:1 000 L:1 imm7:s7 Rt2:5 Rn:5 Rt:5", trans_LDNP,
      "LDNP, STNP" },
    { "opc:2 101 V:1 001 L:1 imm7:s7 Rt2:5 Rn:5 Rt:5", trans_LDP_post,
      "LDP, STP, LDPSW (post-indexed)" },
    { "opc:2 101 V:1 010 L:1 imm7:s7 Rt2:5 Rn:5 Rt:5", trans_LDP,
      "LDP, STP, LDPSW (signed offset)" },
    { "opc:2 101 V:1 011 L:1 imm7:s7 Rt2:5 Rn:5 Rt:5", trans_LDP_pre,
      "LDP, STP, LDPSW (pre-indexed)" },

    /* Single registers. */
    { "size:2 111 V:1 00 opc:2 0 imm9:s9 00 Rn:5 Rt:5", trans_LDUR,
      "LDUR, STUR, PRFUM (unscaled immediate)" },
    { "size:2 111 V:1 00 opc:2 0 imm9:s9 01 Rn:5 Rt:5", trans_LDR_post,
      "LDR, STR (immediate, post-indexed)" },
    { "size:2 111 V:1 00 opc:2 0 imm9:s9 10 Rn:5 Rt:5", trans_LDTR,
      "LDTR, STTR (unprivileged)" },
    { "size:2 111 V:1 00 opc:2 0 imm9:s9 11 Rn:5 Rt:5", trans_LDR_pre,
      "LDR, STR (immediate, pre-indexed)" },
    { "size:2 111 V:1 00 A:1 R:1 1 Rs:5 o3:1 opc:3 00 Rn:5 Rt:5", trans_atomic,
      "LDADD, LDCLR, LDEOR, LDSET, LD{S,U}{MAX,MIN}, SWP, LDAPR" },
    { "size:2 111 V:1 00 opc:2 1 Rm:5 option:3 S:1 10 Rn:5 Rt:5", trans_LDR_reg,
      "LDR, STR, PRFM (register offset)" },
    { "size:2 111 V:1 01 opc:2 imm12:12 Rn:5 Rt:5", trans_LDR_uimm,
      "LDR, STR, PRFM (unsigned immediate)" },

    /* Known encodings we do not implement (features outside our models). */
    { "11011001 xx1 xxxxx xxxx xx xxxxx xxxxx", NULL,
      "STG, LDG, STZG, ST2G, STGM, LDGM (memory tagging)" },
    { "01101000 10 xxxxxxx xxxxx xxxxx xxxxx", NULL,
      "STGP (post-indexed, memory tagging)" },
    { "01101001 x0 xxxxxxx xxxxx xxxxx xxxxx", NULL,
      "STGP (signed offset, pre-indexed, memory tagging)" },
    { "11011001 000 11111 000x 11 xxxxx xxxxx", NULL, "GCSSTR, GCSSTTR (guarded control stack)" },
    { "xx011001 xx1 xxxxx xxxx xx xxxxx xxxxx", NULL,
      "LDCLRP, LDSETP, SWPP, RCW compare and swap (FEAT_LSE128, FEAT_THE)" },
    { "xx011001 xx0 xxxxx xxxx 10 xxxxx xxxxx", NULL,
      "LDIAPP, STILP, LDAPR/STLR writeback (FEAT_LRCPC3)" },
    { "xx011101 xx0 xxxxx xxxx 10 xxxxx xxxxx", NULL,
      "LDAPUR, STLUR (SIMD&FP, FEAT_LRCPC3)" },
    { "xx011x01 xx0 xxxxx xxxx 01 xxxxx xxxxx", NULL,
      "CPY*, SET* (memory copy and set, FEAT_MOPS)" },
    { "11111000 001 xxxxx 1 001 00 xxxxx xxxxx", NULL, "ST64B (FEAT_LS64)" },
    { "11111000 001 xxxxx 1 01x 00 xxxxx xxxxx", NULL,
      "ST64BV, ST64BV0 (FEAT_LS64)" },
    { "11111000 001 11111 1 101 00 xxxxx xxxxx", NULL, "LD64B (FEAT_LS64)" },
    { "0x111000 xx1 xxxxx 1 001 00 xxxxx xxxxx", NULL, "RCWCLR (FEAT_THE)" },
    { "0x111000 xx1 xxxxx 1 01x 00 xxxxx xxxxx", NULL, "RCWSWP, RCWSET (FEAT_THE)" },
    { "11111000 xx1 xxxxx xxxx x1 xxxxx xxxxx", NULL,
      "LDRAA, LDRAB (pointer authentication)" },
};

const DecodeGroup a64_ldst_group = DECODE_GROUP("loads and stores", ldst_rows);
