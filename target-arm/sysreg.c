/*
 * AArch64 system registers: the table made from sysreg.def, lookup by
 * encoding, the behaviour of registers that are more than storage, the
 * EL0 traps, and PSTATE changes that move the stack pointer.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib.h>

#include "cpu.h"
#include "cpu-models.h"
#include "helper-fp.h"

static ARMCPU *env_cpu_of(CPUARMState *env)
{
    return arm_cpu(arm_env_cpu(env));
}

/* ---- PSTATE and the banked stack pointers ---- */

void arm_set_pstate(CPUARMState *env, uint64_t pstate)
{
    int old = arm_sp_bank(env);
    env->pstate = pstate & ~(uint64_t)PSTATE_NZCV;
    int new = arm_sp_bank(env);
    if (old != new) {
        env->sp_el[old] = env->xregs[31];
        env->xregs[31] = env->sp_el[new];
    }
}

bool arm_cpu_has_pan(const CPUARMState *env)
{
    const ARMCPU *cpu = (const ARMCPU *)env;
    return (cpu->model->id_aa64mmfr1 >> 20) & 0xf;
}

bool arm_cpu_has_uao(const CPUARMState *env)
{
    const ARMCPU *cpu = (const ARMCPU *)env;
    return (cpu->model->id_aa64mmfr2 >> 4) & 0xf;
}

static uint64_t read_sp_el0(CPUARMState *env, const ARMSysReg *r)
{
    return env->sp_el[0];
}

static void write_sp_el0(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sp_el[0] = v;
}

static uint64_t read_spsel(CPUARMState *env, const ARMSysReg *r)
{
    return env->pstate & PSTATE_SP;
}

static void write_spsel(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    arm_set_pstate(env, (env->pstate & ~(uint64_t)PSTATE_SP) | (v & PSTATE_SP));
}

static uint64_t read_currentel(CPUARMState *env, const ARMSysReg *r)
{
    return env->pstate & PSTATE_EL_MASK;
}

static uint64_t read_daif(CPUARMState *env, const ARMSysReg *r)
{
    return env->pstate & PSTATE_DAIF;
}

static void write_daif(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->pstate = (env->pstate & ~(uint64_t)PSTATE_DAIF) | (v & PSTATE_DAIF);
    arm_sys_unmasked(env);
}

static uint64_t read_nzcv(CPUARMState *env, const ARMSysReg *r)
{
    return aarch64_get_nzcv(env);
}

static void write_nzcv(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    aarch64_set_nzcv(env, (uint32_t)v & PSTATE_NZCV);
}

static uint64_t read_fpcr(CPUARMState *env, const ARMSysReg *r)
{
    return env->fpcr;
}

static void write_fpcr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->fpcr = (uint32_t)v & arm_fpcr_writable(env_cpu_of(env)->model);
}

static uint64_t read_fpsr(CPUARMState *env, const ARMSysReg *r)
{
    return env->fpsr;
}

static void write_fpsr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->fpsr = (uint32_t)v & ARM_FPSR_WRITABLE;
}

/* ---- filters on stored registers ---- */

static void store(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys[r->id] = v;
}

static void write_sctlr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    /* The RES1 bits of ARMv8.0 stay set, the MTE fields clear; the rest
     * is kept as written, as qemu does, whatever this CPU acts on. */
    store(env, r, (v | ARM_SCTLR_RES1) & ~ARM_SCTLR_MTE);
}

static void write_cpacr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, v & ((3u << 20) | (1u << 28)));   /* FPEN, TTA */
}

static void write_spsr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, (uint32_t)v);                     /* 63:32 RES0 in ARMv8.0 */
}

static void write_esr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, (uint32_t)v);
}

static void write_vbar(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, v & ~0x7ffull);                   /* 10:0 RES0 */
}

static void write_contextidr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, (uint32_t)v);
}

static void write_csselr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, v & 0xf);                         /* Level, InD */
}

static void write_mdscr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, (uint32_t)v);
}

static void write_oslar(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    uint64_t *oslsr = &env->sys[ARM_SR_OSLSR_EL1];
    *oslsr = (*oslsr & ~2ull) | ((v & 1) << 1);     /* OSLK */
}

static void write_osdlr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, v & 1);
}

static void write_dbgprcr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, v & 1);
}

static uint64_t read_claimset(CPUARMState *env, const ARMSysReg *r)
{
    return 0xff;
}

static void write_claimset(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys[ARM_SR_DBGCLAIMCLR_EL1] |= v & 0xff;
}

static void write_claimclr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys[ARM_SR_DBGCLAIMCLR_EL1] &= ~v & 0xff;
}

/* PMU: PMCR keeps its writable bits (E, P, C, D, X, DP, LC; N and IDCODE
 * are the model's); a SET row reads and ORs into the CLR row after it in
 * the table, the CLR row clears bits. */
static void write_pmcr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, (env->sys[r->id] & ~0x7full) | (v & 0x79));   /* P, C self-clear */
}

static ARMSysRegId pair_of(const ARMSysReg *r)
{
    switch (r->id) {
    case ARM_SR_PMCNTENSET_EL0: return ARM_SR_PMCNTENCLR_EL0;
    case ARM_SR_PMINTENSET_EL1: return ARM_SR_PMINTENCLR_EL1;
    default: return ARM_SR_PMOVSCLR_EL0;
    }
}

static uint64_t read_pair(CPUARMState *env, const ARMSysReg *r)
{
    return env->sys[pair_of(r)];
}

/* The cycle counter (bit 31) and the model's event counters. */
static uint64_t pmu_counter_mask(CPUARMState *env)
{
    unsigned n = (env->sys[ARM_SR_PMCR_EL0] >> 11) & 0x1f;
    return (1ull << 31) | ((1ull << n) - 1);
}

static void write_set(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys[pair_of(r)] |= v & pmu_counter_mask(env);
}

static void write_clear(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    env->sys[r->id] &= ~v;
}

/* Breakpoint and watchpoint registers keep the bits the Arm ARM defines
 * for a CPU without FEAT_LVA (D13.3): VA[48:2] sign-extended, and BCR's
 * BT, LBN, SSC, HMC, BAS, PMC, E; WCR's MASK, WT, LBN, SSC, HMC, BAS,
 * LSC, PAC, E. */
static uint64_t sext49(uint64_t v)
{
    return (uint64_t)((int64_t)(v << 15) >> 15);
}

static void write_dbgbvr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, sext49(v) & ~3ull);
}

static void write_dbgbcr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, v & 0x00ffe1e7);
}

static void write_dbgwvr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, sext49(v) & ~3ull);
    arm_sys_debug_changed(env);
}

static void write_dbgwcr(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    store(env, r, v & 0x1f1fffff);
    arm_sys_debug_changed(env);
}

/* ---- identification and counters ---- */

/* The model's geometry of the cache CSSELR_EL1 selects (0 for none:
 * UNKNOWN in the Arm ARM). */
static uint64_t read_ccsidr(CPUARMState *env, const ARMSysReg *r)
{
    uint64_t sel = env->sys[ARM_SR_CSSELR_EL1];
    return sel < ARM_MODEL_CCSIDR_COUNT ? env_cpu_of(env)->model->ccsidr[sel] : 0;
}

const ARMSysHooks *arm_sys_hooks;

void arm_sys_unmasked(CPUARMState *env)
{
    if (arm_sys_hooks) {
        arm_sys_hooks->unmasked(env);
    }
}

void arm_sys_debug_changed(CPUARMState *env)
{
    if (arm_sys_hooks && arm_sys_hooks->debug_changed) {
        arm_sys_hooks->debug_changed(env);
    }
}

/* The counter: in system mode the generic timer's (the VM clock); in user
 * mode host monotonic time at the model's CNTFRQ. */
static uint64_t read_counter(CPUARMState *env, const ARMSysReg *r)
{
    if (arm_sys_hooks) {
        /* CNTVOFF is 0 without EL2: both counters are one. */
        return arm_sys_hooks->timer_read(env, 0);
    }
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    unsigned __int128 ns = (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
    return (uint64_t)(ns * env_cpu_of(env)->model->cntfrq / 1000000000u);
}

/* The timers' registers, in GTimerReg order from CNTP_TVAL (gtimer.h:
 * CNTPCT, CNTVCT, CNTP_CTL, CNTP_CVAL, CNTP_TVAL, CNTV_CTL, CNTV_CVAL,
 * CNTV_TVAL).  Without the system level there is no timer: the access
 * checks keep EL0 out and nothing else runs in user mode. */
static int timer_reg(const ARMSysReg *r)
{
    static const int phys[3] = { 4, 2, 3 };    /* TVAL, CTL, CVAL by op2 */
    static const int virt[3] = { 7, 5, 6 };
    return (r->crm == 2 ? phys : virt)[r->op2];
}

static uint64_t read_timer(CPUARMState *env, const ARMSysReg *r)
{
    return arm_sys_hooks ? arm_sys_hooks->timer_read(env, timer_reg(r)) : 0;
}

static void write_timer(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if (arm_sys_hooks) {
        arm_sys_hooks->timer_write(env, timer_reg(r), v);
    }
}

/* ---- the table ---- */

static const ARMSysReg sysregs[ARM_SR_COUNT] = {
#define ROW(name_, op0_, op1_, crn_, crm_, op2_, access_) \
    .name = #name_, .id = ARM_SR_##name_, .op0 = op0_, .op1 = op1_, .crn = crn_, \
    .crm = crm_, .op2 = op2_, .access = access_
#define SR_SLOT(name, op0, op1, crn, crm, op2, access, reset, wfn, flags_) \
    [ARM_SR_##name] = { ROW(name, op0, op1, crn, crm, op2, access), .kind = SRK_SLOT, \
                        .value = reset, .write = wfn, .flags = flags_ },
#define SR_FIELD(name, op0, op1, crn, crm, op2, access, field) \
    [ARM_SR_##name] = { ROW(name, op0, op1, crn, crm, op2, access), .kind = SRK_FIELD, \
                        .value = offsetof(CPUARMState, field) },
#define SR_MODEL(name, op0, op1, crn, crm, op2, access, field) \
    [ARM_SR_##name] = { ROW(name, op0, op1, crn, crm, op2, access), .kind = SRK_MODEL, \
                        .value = offsetof(ARMCPUModel, field) },
#define SR_CONST(name, op0, op1, crn, crm, op2, access, v) \
    [ARM_SR_##name] = { ROW(name, op0, op1, crn, crm, op2, access), .kind = SRK_CONST, \
                        .value = v },
#define SR_FN(name, op0, op1, crn, crm, op2, access, rfn, wfn, flags_) \
    [ARM_SR_##name] = { ROW(name, op0, op1, crn, crm, op2, access), .kind = SRK_FN, \
                        .read = rfn, .write = wfn, .flags = flags_ },
#include "sysreg.def"
#undef SR_SLOT
#undef SR_FIELD
#undef SR_MODEL
#undef SR_CONST
#undef SR_FN
#undef ROW
};

static uint32_t row_key(const ARMSysReg *r)
{
    return arm_sysreg_key(r->op0, r->op1, r->crn, r->crm, r->op2);
}

/* The model's ID registers as rows (ids from ARM_SR_COUNT on), and one
 * row for the reserved encodings of the ID space, which read as zero at
 * EL1 (newer registers Linux probes on these Armv8.0 CPUs). */
static ARMSysReg id_rows[ARM_ID_COUNT];
static const ARMSysReg id_space_raz = {
    .name = "(reserved ID register)", .id = ARM_SR_COUNT + ARM_ID_COUNT,
    .access = PL1_R, .kind = SRK_CONST, .value = 0,
};

/* Rows the system level adds (arm_sysreg_add_rows: a GICv3's CPU
 * interface), before anything is translated. */
static const ARMSysReg *extra_rows;
static size_t n_extra;

void arm_sysreg_add_rows(const ARMSysReg *rows, size_t n)
{
    extra_rows = rows;
    n_extra = n;
}

/* All rows sorted by key, for the binary search; built on first use. */
static const ARMSysReg **by_key;
static size_t nrows;

static int compare_rows(const void *a, const void *b)
{
    uint32_t ka = row_key(*(const ARMSysReg *const *)a);
    uint32_t kb = row_key(*(const ARMSysReg *const *)b);
    return (ka > kb) - (ka < kb);
}

static void sort_rows(void)
{
    by_key = g_new(const ARMSysReg *, ARM_SR_COUNT + ARM_ID_COUNT + n_extra);
    for (size_t i = 0; i < n_extra; i++) {
        by_key[nrows++] = &extra_rows[i];
    }
    for (int i = 0; i < ARM_SR_COUNT; i++) {
        by_key[nrows++] = &sysregs[i];
    }
    for (int i = 0; i < ARM_ID_COUNT; i++) {
        const ARMIdRegInfo *info = &arm_id_regs[i];
        if (info->crn != 0) {
            continue;           /* PMU and timer values: rows of sysreg.def */
        }
        id_rows[i] = (ARMSysReg){
            .name = info->name, .id = ARM_SR_COUNT + i,
            .op0 = info->op0, .op1 = info->op1, .crn = info->crn, .crm = info->crm,
            .op2 = info->op2,
            .access = info->el0 == ARM_EL0_DIRECT ? PL0_R : PL1_R,
            .kind = SRK_MODEL, .value = info->offset,
        };
        by_key[nrows++] = &id_rows[i];
    }
    qsort(by_key, nrows, sizeof(by_key[0]), compare_rows);
    for (size_t i = 1; i < nrows; i++) {
        if (row_key(by_key[i - 1]) == row_key(by_key[i])) {
            fprintf(stderr, "mimic: internal error: %s and %s share an encoding\n",
                    by_key[i - 1]->name, by_key[i]->name);
            abort();
        }
    }
}

/* The joined table is built on first use, by whichever comes first: a
 * translation's lookup or a helper's (a block from the persistent cache
 * may run before anything was translated). */
static void rows_ready(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sort_rows);
}

const ARMSysReg *arm_sysreg_find(uint32_t key)
{
    rows_ready();
    size_t lo = 0, hi = nrows;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint32_t k = row_key(by_key[mid]);
        if (k == key) {
            return by_key[mid];
        }
        if (k < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (arm_id_space_reserved(key >> 14 | 2, (key >> 11) & 7, (key >> 7) & 0xf,
                              (key >> 3) & 0xf, key & 7)) {
        return &id_space_raz;
    }
    return NULL;
}

const ARMSysReg *arm_sysreg_by_id(uint32_t id)
{
    rows_ready();
    if (id < ARM_SR_COUNT) {
        return &sysregs[id];
    }
    if (id >= ARM_SR_EXTRA_BASE && id - ARM_SR_EXTRA_BASE < n_extra) {
        return &extra_rows[id - ARM_SR_EXTRA_BASE];
    }
    return id < ARM_SR_COUNT + ARM_ID_COUNT ? &id_rows[id - ARM_SR_COUNT] : &id_space_raz;
}

uint64_t arm_sysreg_read(CPUARMState *env, const ARMSysReg *r)
{
    switch (r->kind) {
    case SRK_SLOT:
        return env->sys[r->id];
    case SRK_FIELD:
        return *(const uint64_t *)((const char *)env + r->value);
    case SRK_MODEL:
        return *(const uint64_t *)((const char *)env_cpu_of(env)->model + r->value);
    case SRK_CONST:
        return r->value;
    case SRK_FN:
        return r->read ? r->read(env, r) : 0;
    }
    return 0;
}

void arm_sysreg_write(CPUARMState *env, const ARMSysReg *r, uint64_t v)
{
    if ((r->flags & (SRF_TLB | SRF_CTX)) == SRF_TLB && arm_sys_hooks) {
        arm_sys_hooks->tlb_flush(env, false, r->flags & SRF_CODE);
    }
    switch (r->kind) {
    case SRK_SLOT:
        if (r->write) {
            r->write(env, r, v);
        } else {
            env->sys[r->id] = v;
        }
        break;
    case SRK_FIELD:
        *(uint64_t *)((char *)env + r->value) = v;
        break;
    case SRK_FN:
        if (r->write) {
            r->write(env, r, v);
        }
        break;
    case SRK_MODEL:
    case SRK_CONST:
        break;                  /* read-only: the access check refused it */
    }
    if ((r->flags & SRF_CTX) && arm_sys_hooks) {
        arm_sys_hooks->context_switched(env);
    }
}

/* ---- EL0 traps ---- */

/* Returns 0 or the exception; the table's rights are checked already. */
typedef int ARMSysRegAccessFn(CPUARMState *env, bool isread);

static int trap_unless(bool allowed)
{
    return allowed ? 0 : EXCP_SYSREG_TRAP;
}

static uint64_t sctlr(CPUARMState *env)
{
    return env->sys[ARM_SR_SCTLR_EL1];
}

static uint64_t cntkctl(CPUARMState *env)
{
    return env->sys[ARM_SR_CNTKCTL_EL1];
}

static int access_uct(CPUARMState *env, bool isread)
{
    return trap_unless(sctlr(env) & SCTLR_UCT);
}

static int access_uma(CPUARMState *env, bool isread)
{
    return trap_unless(sctlr(env) & SCTLR_UMA);
}

static int access_cntfrq(CPUARMState *env, bool isread)
{
    return trap_unless(cntkctl(env) & (CNTKCTL_EL0PCTEN | CNTKCTL_EL0VCTEN));
}

static int access_cntpct(CPUARMState *env, bool isread)
{
    return trap_unless(cntkctl(env) & CNTKCTL_EL0PCTEN);
}

static int access_cntvct(CPUARMState *env, bool isread)
{
    return trap_unless(cntkctl(env) & CNTKCTL_EL0VCTEN);
}

static int access_cntp(CPUARMState *env, bool isread)
{
    return trap_unless(cntkctl(env) & CNTKCTL_EL0PTEN);
}

static int access_cntv(CPUARMState *env, bool isread)
{
    return trap_unless(cntkctl(env) & CNTKCTL_EL0VTEN);
}

/* EL0 traps by register (D19.2: "traps and enables" of each register). */
static ARMSysRegAccessFn *const el0_access[ARM_SR_COUNT + ARM_ID_COUNT] = {
    [ARM_SR_COUNT + ARM_ID_CTR] = access_uct,
    [ARM_SR_DAIF] = access_uma,
    [ARM_SR_CNTFRQ_EL0] = access_cntfrq,
    [ARM_SR_CNTPCT_EL0] = access_cntpct,
    [ARM_SR_CNTVCT_EL0] = access_cntvct,
    [ARM_SR_CNTP_TVAL_EL0] = access_cntp, [ARM_SR_CNTP_CTL_EL0] = access_cntp,
    [ARM_SR_CNTP_CVAL_EL0] = access_cntp,
    [ARM_SR_CNTV_TVAL_EL0] = access_cntv, [ARM_SR_CNTV_CTL_EL0] = access_cntv,
    [ARM_SR_CNTV_CVAL_EL0] = access_cntv,
};

bool arm_sysreg_has_el0_trap(const ARMSysReg *r)
{
    return r->id < ARM_SR_COUNT + ARM_ID_COUNT && el0_access[r->id] != NULL;
}

int arm_sysreg_access_check(CPUARMState *env, const ARMSysReg *r, bool isread)
{
    int el = arm_current_el(env);
    if (!(r->access & arm_sysreg_need(el, isread))) {
        return EXCP_UDEF;
    }
    if (el == 0 && arm_sysreg_has_el0_trap(r)) {
        return el0_access[r->id](env, isread);
    }
    /* SP_EL0 is reachable by MRS/MSR only while SP_EL1 is in use (C5.2.19). */
    if (r->id == ARM_SR_SP_EL0 && !(env->pstate & PSTATE_SP)) {
        return EXCP_UDEF;
    }
    return 0;
}

void arm_sysregs_reset(CPUARMState *env)
{
    for (int i = 0; i < ARM_SR_COUNT; i++) {
        env->sys[i] = sysregs[i].kind == SRK_SLOT ? sysregs[i].value : 0;
    }
    /* PMCR_EL0's IMP, IDCODE and N are the model's. */
    env->sys[ARM_SR_PMCR_EL0] = env_cpu_of(env)->model->pmcr;
}
