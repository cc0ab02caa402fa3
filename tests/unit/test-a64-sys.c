/*
 * Unit tests of the AArch64 system level in the translator and target-arm:
 * system registers by EL (sysreg.c), their EL0 traps and syndromes, PSTATE
 * and the banked stack pointers, exception entry and ERET (exception.c),
 * and the instructions that only EL1 may use.  Snippets run through the
 * real translator and interpreter; exceptions come back from cpu_exec and
 * are taken with arm_cpu_take_excp, as the machine's loop does.
 *
 * Expected values are the architecture's (Arm ARM DDI 0487, sections in
 * the comments); the bare-metal programs of tests/system check the same
 * against qemu-system-aarch64 once the system binary runs them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "target-arm/cpu-models.h"
#include "target-arm/exception.h"
#include "tcg/disas.h"
#include "tcg/guest-mem.h"
#include "tcg/tb.h"

#define CODE 0x40001000ull
#define VBAR 0x40008000ull

static uint8_t code_host[4096];
static ARMCPU *cpu;

static bool test_code_fetch(uint64_t addr, void *dst, size_t len)
{
    if (addr < CODE || addr + len > CODE + sizeof(code_host)) {
        return false;
    }
    memcpy(dst, code_host + (addr - CODE), len);
    return true;
}

/* ---- encodings ---- */

static uint32_t sysreg_bits(unsigned op0, unsigned op1, unsigned crn, unsigned crm,
                            unsigned op2)
{
    return ((op0 & 1) << 19) | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5);
}
#define MRS(rt, ...) (0xd5300000u | sysreg_bits(__VA_ARGS__) | (rt))
#define MSR(rt, ...) (0xd5100000u | sysreg_bits(__VA_ARGS__) | (rt))
#define MOVZ(rd, imm) (0xd2800000u | ((uint32_t)(imm) << 5) | (rd))
#define SVC(imm) (0xd4000001u | ((imm) << 5))
#define HVC(imm) (0xd4000002u | ((imm) << 5))
#define SMC(imm) (0xd4000003u | ((imm) << 5))
#define BRK(imm) (0xd4200000u | ((imm) << 5))
#define ERET 0xd69f03e0u
#define WFI 0xd503207fu
#define DAIFSET(imm) (0xd50340dfu | ((imm) << 8))
#define DAIFCLR(imm) (0xd50340ffu | ((imm) << 8))
#define SPSEL(imm) (0xd50040bfu | ((imm) << 8))
#define MOV_SP_X0 0x9100001fu
#define MOV_X1_SP 0x910003e1u

#define CURRENTEL 3, 0, 4, 2, 2
#define VBAR_EL1 3, 0, 12, 0, 0
#define SP_EL0 3, 0, 4, 1, 0
#define SPSR_EL1 3, 0, 4, 0, 0
#define ELR_EL1 3, 0, 4, 0, 1
#define DAIF 3, 3, 4, 2, 1
#define CTR_EL0 3, 3, 0, 0, 1
#define CNTVCT_EL0 3, 3, 14, 0, 2
#define ID_AA64PFR0 3, 0, 0, 4, 0
#define ID_AA64PFR2 3, 0, 0, 4, 2

/* ---- the harness ---- */

static void reset_cpu(int el, bool spx)
{
    if (!cpu) {
        tb_cache_init(16 << 20, &tcg_backend_interp);
        cpu = aarch64_cpu_create(arm_cpu_model_find("cortex-a57"));
    }
    CPUARMState *env = &cpu->env;
    memset(env->xregs, 0, sizeof(env->xregs));
    env->sp_el[0] = env->sp_el[1] = 0;
    env->pstate = 0;
    arm_sysregs_reset(env);
    env->sys[ARM_SR_VBAR_EL1] = VBAR;
    arm_set_pstate(env, ((uint64_t)el << PSTATE_EL_SHIFT) | (spx ? PSTATE_SP : 0));
    aarch64_set_nzcv(env, 0);
}

/* Runs insns from CODE at the current EL until an exception. */
static int run(const uint32_t *insns, int n)
{
    memset(code_host, 0, sizeof(code_host));
    memcpy(code_host, insns, n * sizeof(uint32_t));
    tb_flush();
    cpu->env.pc = CODE;
    return cpu_exec(&cpu->parent);
}
#define RUN(...) run((const uint32_t[]){ __VA_ARGS__ }, \
                     sizeof((const uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t))

static uint64_t sys(ARMSysRegId id)
{
    return cpu->env.sys[id];
}

/* ---- system registers ---- */

static void test_currentel(void **state)
{
    reset_cpu(1, true);
    assert_int_equal(RUN(MRS(0, CURRENTEL), BRK(0)), EXCP_BRK);
    assert_int_equal(cpu->env.xregs[0], 1 << 2);         /* C5.2.1: EL in 3:2 */
    reset_cpu(0, false);
    assert_int_equal(RUN(MRS(0, CURRENTEL), BRK(0)), EXCP_UDEF);
    assert_int_equal(cpu->env.pc, CODE);
}

static void test_vbar_masks_low_bits(void **state)
{
    reset_cpu(1, true);
    assert_int_equal(RUN(MOVZ(0, 0x1fff), MSR(0, VBAR_EL1), MRS(1, VBAR_EL1), BRK(0)),
                     EXCP_BRK);
    assert_int_equal(cpu->env.xregs[1], 0x1800);          /* D19.2: bits 10:0 RES0 */
}

static void test_id_registers_by_el(void **state)
{
    const ARMCPUModel *m = arm_cpu_model_find("cortex-a57");
    reset_cpu(1, true);
    assert_int_equal(RUN(MOVZ(1, 7), MRS(0, ID_AA64PFR0), MRS(1, ID_AA64PFR2), BRK(0)),
                     EXCP_BRK);
    assert_int_equal(cpu->env.xregs[0], m->id_aa64pfr0);  /* the raw value at EL1 */
    assert_int_equal(cpu->env.xregs[1], 0);               /* reserved ID space: RAZ */
    reset_cpu(0, false);
    assert_int_equal(RUN(MRS(0, ID_AA64PFR0), BRK(0)), EXCP_UDEF);
    assert_int_equal(cpu->env.exception_syndrome, MRS(0, ID_AA64PFR0));
}

static void test_unknown_register_undefined(void **state)
{
    reset_cpu(1, true);
    assert_int_equal(RUN(MRS(0, 3, 7, 15, 15, 7), BRK(0)), EXCP_UDEF);
    assert_int_equal(RUN(MSR(0, 3, 0, 0, 4, 0), BRK(0)), EXCP_UDEF);  /* read-only */
}

static void test_el0_traps(void **state)
{
    /* CTR_EL0 at EL0 traps unless SCTLR_EL1.UCT (D19.2.34); the ISS of EC
     * 0x18 is Op0:Op2:Op1:CRn:Rt:CRm:Direction (D17.2.37). */
    reset_cpu(0, false);
    assert_int_equal(RUN(MRS(5, CTR_EL0), BRK(0)), EXCP_SYSREG_TRAP);
    uint32_t iss = (3u << 20) | (1u << 17) | (3u << 14) | (0u << 10) | (5u << 5) |
                   (0u << 1) | 1;
    assert_int_equal(cpu->env.exception_syndrome, iss);
    assert_true(arm_cpu_take_excp(&cpu->env, EXCP_SYSREG_TRAP));
    assert_int_equal(sys(ARM_SR_ESR_EL1), (0x18u << 26) | ESR_IL | iss);
    assert_int_equal(sys(ARM_SR_ELR_EL1), CODE);          /* the MRS itself */

    reset_cpu(0, false);
    cpu->env.sys[ARM_SR_SCTLR_EL1] |= SCTLR_UCT;
    assert_int_equal(RUN(MRS(5, CTR_EL0), BRK(0)), EXCP_BRK);
    assert_int_equal(cpu->env.xregs[5], arm_cpu_model_find("cortex-a57")->ctr);

    /* CNTVCT_EL0 at EL0 needs CNTKCTL_EL1.EL0VCTEN (D19.11.4). */
    reset_cpu(0, false);
    assert_int_equal(RUN(MRS(2, CNTVCT_EL0), BRK(0)), EXCP_SYSREG_TRAP);
    reset_cpu(0, false);
    cpu->env.sys[ARM_SR_CNTKCTL_EL1] = CNTKCTL_EL0VCTEN;
    assert_int_equal(RUN(MRS(2, CNTVCT_EL0), BRK(0)), EXCP_BRK);
    assert_true(cpu->env.xregs[2] != 0);

    /* DAIF at EL0 traps unless SCTLR_EL1.UMA. */
    reset_cpu(0, false);
    assert_int_equal(RUN(MRS(2, DAIF), BRK(0)), EXCP_SYSREG_TRAP);
}

/* ---- PSTATE and stack pointers ---- */

static void test_daif_set_clear(void **state)
{
    reset_cpu(1, true);
    assert_int_equal(RUN(DAIFSET(0xf), MRS(0, DAIF), DAIFCLR(0x2), MRS(1, DAIF), BRK(0)),
                     EXCP_BRK);
    assert_int_equal(cpu->env.xregs[0], 0x3c0);           /* C5.2.4: D A I F in 9:6 */
    assert_int_equal(cpu->env.xregs[1], 0x340);           /* I cleared */
    reset_cpu(0, false);
    assert_int_equal(RUN(DAIFSET(0xf), BRK(0)), EXCP_UDEF);
}

static void test_spsel_banks_sp(void **state)
{
    reset_cpu(1, true);
    cpu->env.sp_el[0] = 0x1000;
    /* On SP_EL1: write SP, read SP_EL0, switch to SP_EL0 and read SP. */
    assert_int_equal(RUN(MOVZ(0, 0x2000), MOV_SP_X0, MRS(2, SP_EL0), SPSEL(0), MOV_X1_SP,
                         BRK(0)), EXCP_BRK);
    assert_int_equal(cpu->env.xregs[2], 0x1000);
    assert_int_equal(cpu->env.xregs[1], 0x1000);
    assert_int_equal(cpu->env.sp_el[1], 0x2000);
    /* On SP_EL0, SP_EL0 is not reachable by MRS (C5.2.19). */
    assert_int_equal(RUN(MRS(2, SP_EL0), BRK(0)), EXCP_UDEF);
}

/* ---- exception entry and return ---- */

static void test_svc_from_el0(void **state)
{
    reset_cpu(0, false);
    cpu->env.sp_el[1] = 0x9000;
    assert_int_equal(RUN(MOVZ(0, 0x500), MOV_SP_X0, SVC(0x42)), EXCP_SVC);
    aarch64_set_nzcv(&cpu->env, 0x60000000);             /* Z and C */
    assert_true(arm_cpu_take_excp(&cpu->env, EXCP_SVC));
    /* D17.2.37: EC 0x15, IL, imm16; ELR the next instruction; SPSR EL0t
     * with NZCV; vector: lower EL AArch64, synchronous (0x400). */
    assert_int_equal(sys(ARM_SR_ESR_EL1), 0x56000042);
    assert_int_equal(sys(ARM_SR_ELR_EL1), CODE + 12);
    assert_int_equal(sys(ARM_SR_SPSR_EL1), 0x60000000);
    assert_int_equal(cpu->env.pc, VBAR + 0x400);
    assert_int_equal(cpu->env.pstate, 0x3c5);            /* EL1h, DAIF masked */
    assert_int_equal(cpu->env.xregs[31], 0x9000);        /* SP_EL1 */
    assert_int_equal(cpu->env.sp_el[0], 0x500);
}

static void test_brk_and_vectors_at_el1(void **state)
{
    reset_cpu(1, true);
    assert_int_equal(RUN(BRK(7)), EXCP_BRK);
    assert_true(arm_cpu_take_excp(&cpu->env, EXCP_BRK));
    assert_int_equal(sys(ARM_SR_ESR_EL1), 0xf2000007);   /* EC 0x3c */
    assert_int_equal(sys(ARM_SR_ELR_EL1), CODE);         /* the BRK itself */
    assert_int_equal(cpu->env.pc, VBAR + 0x200);         /* current EL, SP_ELx */
    assert_int_equal(sys(ARM_SR_SPSR_EL1), 0x5);

    reset_cpu(1, false);                                 /* EL1t */
    assert_int_equal(RUN(0xd503201fu, 0), EXCP_UDEF);    /* NOP; UDF #0 */
    assert_true(arm_cpu_take_excp(&cpu->env, EXCP_UDEF));
    assert_int_equal(sys(ARM_SR_ESR_EL1), 0x02000000);   /* EC 0, IL */
    assert_int_equal(sys(ARM_SR_ELR_EL1), CODE + 4);
    assert_int_equal(cpu->env.pc, VBAR + 0x000);         /* current EL, SP_EL0 */
}

static void test_irq_vector(void **state)
{
    reset_cpu(0, false);
    cpu->env.pc = 0x1234;
    arm_take_exception(&cpu->env, ARM_VECTOR_IRQ, 0, cpu->env.pc, false, 0);
    assert_int_equal(cpu->env.pc, VBAR + 0x480);
    assert_int_equal(sys(ARM_SR_ELR_EL1), 0x1234);
    assert_int_equal(sys(ARM_SR_ESR_EL1), 0);            /* IRQs leave ESR alone */
}

/* D1.10.2's table: the vector group by where the exception came from
 * (EL1 on SP_EL0, EL1 on SP_EL1, EL0), the vector by kind; every entry
 * masks D, A, I and F.  SError included: nothing on virt raises one (as
 * on qemu 7.2 without EL2), but its entry is the architecture's, with
 * ESR_EL1 written as for a synchronous exception. */
static void test_vector_table(void **state)
{
    static const struct { int el; bool spx; uint64_t group; } from[] = {
        { 1, false, 0x000 }, { 1, true, 0x200 }, { 0, false, 0x400 },
    };
    for (size_t f = 0; f < sizeof(from) / sizeof(from[0]); f++) {
        for (int v = ARM_VECTOR_SYNC; v <= ARM_VECTOR_SERROR; v++) {
            reset_cpu(from[f].el, from[f].spx);
            cpu->env.sys[ARM_SR_ESR_EL1] = 0x1111;
            arm_take_exception(&cpu->env, v, 0xbe000000u, 0x4444, false, 0);
            assert_int_equal(cpu->env.pc, VBAR + from[f].group + 0x80 * v);
            assert_int_equal(cpu->env.pstate & PSTATE_DAIF, PSTATE_DAIF);
            assert_int_equal(sys(ARM_SR_ELR_EL1), 0x4444);
            bool has_esr = v == ARM_VECTOR_SYNC || v == ARM_VECTOR_SERROR;
            assert_int_equal(sys(ARM_SR_ESR_EL1), has_esr ? 0xbe000000u : 0x1111);
        }
    }
}

static void test_eret_to_el0(void **state)
{
    reset_cpu(1, true);
    cpu->env.sp_el[0] = 0x7000;
    /* SPSR = EL0t with N set and I masked; ELR = CODE + 0x100. */
    cpu->env.sys[ARM_SR_SPSR_EL1] = 0x80000080;
    cpu->env.sys[ARM_SR_ELR_EL1] = CODE + 0x100;
    uint32_t prog[0x104 / 4] = { ERET };
    prog[0x100 / 4] = BRK(1);
    assert_int_equal(run(prog, 0x104 / 4), EXCP_BRK);
    assert_int_equal(cpu->env.pc, CODE + 0x100);
    assert_int_equal(arm_current_el(&cpu->env), 0);
    assert_int_equal(cpu->env.pstate, 0x80);
    assert_int_equal(aarch64_get_nzcv(&cpu->env), 0x80000000);
    assert_int_equal(cpu->env.xregs[31], 0x7000);
    assert_int_equal(cpu->env.exclusive_addr, (uint64_t)-1);
    reset_cpu(0, false);
    assert_int_equal(RUN(ERET), EXCP_UDEF);              /* no ERET at EL0 */
}

static void test_illegal_return(void **state)
{
    /* To EL2h (M = 0b1001), which does not exist: PSTATE.IL, EL kept, and
     * the next instruction raises Illegal Execution State (D1.11.5). */
    reset_cpu(1, true);
    cpu->env.sys[ARM_SR_SPSR_EL1] = 0x9;
    cpu->env.sys[ARM_SR_ELR_EL1] = CODE + 8;
    assert_int_equal(RUN(ERET, 0, 0xd503201fu), EXCP_ILLEGAL_STATE);
    assert_int_equal(cpu->env.pc, CODE + 8);
    assert_int_equal(arm_current_el(&cpu->env), 1);
    assert_true(cpu->env.pstate & PSTATE_IL);
    assert_true(arm_cpu_take_excp(&cpu->env, EXCP_ILLEGAL_STATE));
    assert_int_equal(sys(ARM_SR_ESR_EL1), 0x3a000000);   /* EC 0x0e */
    assert_true(sys(ARM_SR_SPSR_EL1) & PSTATE_IL);
    assert_false(cpu->env.pstate & PSTATE_IL);           /* entry clears it */
}

static void test_hvc_smc_wfi(void **state)
{
    reset_cpu(1, true);
    assert_int_equal(RUN(HVC(0x11)), EXCP_HVC);
    assert_int_equal(cpu->env.exception_syndrome, 0x11);
    assert_int_equal(cpu->env.pc, CODE + 4);
    assert_int_equal(RUN(SMC(0)), EXCP_UDEF);            /* no EL3 */
    assert_int_equal(RUN(WFI, BRK(0)), EXCP_HLT);
    assert_int_equal(cpu->env.pc, CODE + 4);
    reset_cpu(0, false);
    assert_int_equal(RUN(HVC(0)), EXCP_UDEF);
}

int main(void)
{
    guest_code_fetch = test_code_fetch;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_currentel),
        cmocka_unit_test(test_vbar_masks_low_bits),
        cmocka_unit_test(test_id_registers_by_el),
        cmocka_unit_test(test_unknown_register_undefined),
        cmocka_unit_test(test_el0_traps),
        cmocka_unit_test(test_daif_set_clear),
        cmocka_unit_test(test_spsel_banks_sp),
        cmocka_unit_test(test_svc_from_el0),
        cmocka_unit_test(test_brk_and_vectors_at_el1),
        cmocka_unit_test(test_irq_vector),
        cmocka_unit_test(test_vector_table),
        cmocka_unit_test(test_eret_to_el0),
        cmocka_unit_test(test_illegal_return),
        cmocka_unit_test(test_hvc_smc_wfi),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
