/*
 * The AArch64 CPU at the system level (cpu-sys.h): the soft MMU's walk and
 * faults, interrupts, the generic timer's registers, and the vCPU loop's
 * answers to exceptions: the architectural ones go to EL1, HVC is PSCI
 * (the conduit virt's device tree names), HLT #0xF000 is semihosting, WFI
 * halts.
 */
#include <string.h>

#include "softmmu/device-lock.h"
#include "softmmu/watchpoint.h"
#include "target-arm/cpu-models.h"
#include "target-arm/cpu-sys.h"
#include "target-arm/debug.h"
#include "target-arm/exception.h"
#include "target-arm/ptw.h"
#include "tcg/debug.h"
#include "tcg/guest-mem.h"

static AddressSpace *phys_as;

void arm_sys_set_address_space(AddressSpace *as)
{
    phys_as = as;
}

/* ---- the soft MMU ---- */

/* A descriptor in RAM or ROM is read without the device lock (one
 * single-copy atomic load, as the walk's hardware makes): walks run under
 * the translation cache's lock (tb_gen_code fetches code through the
 * TLB), and semihosting, under the device lock, writes guest memory that
 * may hold code, which takes the cache's lock (softmmu/cputlb.c
 * code_page_write): taking them in both orders deadlocks.  (Tables in
 * MMIO still take it.) */
static bool read_descriptor(void *opaque, uint64_t pa, uint64_t *val)
{
    uint64_t offset, len = 8;
    MemoryRegion *mr = address_space_translate(phys_as, pa, &offset, &len);
    if (mr && (mr->kind == MR_RAM || mr->kind == MR_ROM) && len == 8 && !(pa & 7)) {
        *val = __atomic_load_n((uint64_t *)(mr->host + offset), __ATOMIC_RELAXED);
        return true;
    }
    device_lock();
    bool ok = address_space_read(phys_as, pa, val, 8) == MEMTX_OK;
    device_unlock();
    return ok;
}

static void mmu_setup(CPUARMState *env, int mmu_idx, ARMMMUModel *model, ARMMMURegs *regs)
{
    const ARMCPUModel *m = arm_cpu(arm_env_cpu(env))->model;
    arm_mmu_model_from_id(model, m->id_aa64mmfr0, m->id_aa64mmfr1, m->id_aa64mmfr2, false);
    *regs = (ARMMMURegs){
        .sctlr = env->sys[ARM_SR_SCTLR_EL1], .tcr = env->sys[ARM_SR_TCR_EL1],
        .ttbr0 = env->sys[ARM_SR_TTBR0_EL1], .ttbr1 = env->sys[ARM_SR_TTBR1_EL1],
        .mair = env->sys[ARM_SR_MAIR_EL1],
        .pstate_pan = mmu_idx == ARM_MMU_IDX_E1_PAN,
        .el = mmu_idx == ARM_MMU_IDX_E0 ? 0 : 1,
    };
}

static int arm_fill(CPUState *cs, uint64_t vaddr, TLBAccess access, int mmu_idx,
                    bool unaligned, TLBFill *out)
{
    CPUARMState *env = arm_env(cs);
    ARMMMUModel model;
    ARMMMURegs regs;
    mmu_setup(env, mmu_idx, &model, &regs);
    static const ARMAccessType types[] = {
        [TLB_READ] = ARM_ACCESS_READ, [TLB_WRITE] = ARM_ACCESS_WRITE,
        [TLB_FETCH] = ARM_ACCESS_FETCH,
    };
    ARMMMUAccess acc = { .va = vaddr, .type = types[access], .pan_applies = true,
                         .unaligned = unaligned };
    ARMPTWConfig cfg = { &model, &regs, read_descriptor, NULL };
    ARMTranslation t;
    ARMFault f;
    if (arm_ptw_translate(&cfg, &acc, &t, &f)) {
        out->paddr = t.pa;
        out->prot = mmu_idx == ARM_MMU_IDX_E0 ? t.prot_el0 : t.prot_el1;
        out->device = t.data_device;
        out->attr = t.mair_attr;
        out->size_shift = t.page_shift;
        return 0;
    }
    /* The ISS of the abort: the fault status code, and WnR for writes
     * (ESR_ELx ISS encoding for an exception from a Data Abort). */
    cs->exception_addr = vaddr;
    cs->exception_code = arm_fault_fsc(&f) | (access == TLB_WRITE ? 1u << 6 : 0);
    return access == TLB_FETCH ? EXCP_PREFETCH_ABORT : EXCP_MEM_FAULT;
}

static int arm_fetch_mmu_idx(CPUState *cs)
{
    return arm_current_el(arm_env(cs)) == 0 ? ARM_MMU_IDX_E0 : ARM_MMU_IDX_E1;
}

/* Nothing answers at the address: a synchronous external abort (FSC
 * 0b010000), as qemu's virt gives for unassigned physical addresses. */
static int arm_bus_error(CPUState *cs, uint64_t vaddr, TLBAccess access)
{
    cs->exception_addr = vaddr;
    cs->exception_code = 0x10 | (access == TLB_WRITE ? 1u << 6 : 0);
    return access == TLB_FETCH ? EXCP_PREFETCH_ABORT : EXCP_MEM_FAULT;
}

static CPUTLB *arm_tlb_of(CPUState *cs)
{
    return &vcpu_of(cs)->tlb;
}

const SoftMMUTarget arm_softmmu_target = {
    .fill = arm_fill,
    .fetch_mmu_idx = arm_fetch_mmu_idx,
    .bus_error = arm_bus_error,
    .tlb_of = arm_tlb_of,
};

/* ---- system registers that reach the system level ---- */

static uint64_t hook_timer_read(CPUARMState *env, int reg)
{
    return gtimer_read(&arm_cpu(arm_env_cpu(env))->sys->timer, reg);
}

static void hook_timer_write(CPUARMState *env, int reg, uint64_t v)
{
    gtimer_write(&arm_cpu(arm_env_cpu(env))->sys->timer, reg, v);
}

static void hook_tlb_flush(CPUARMState *env, bool all_cpus, bool drop_code)
{
    int req = drop_code ? VCPU_REQ_CODE_FLUSH : VCPU_REQ_TLB_FLUSH;
    CPUState *cs = arm_env_cpu(env);
    if (all_cpus && !drop_code) {
        vcpu_tlb_flush_all_synced(vcpu_of(cs));
    } else if (all_cpus) {
        vcpu_request_all(req);
    } else if (!drop_code) {
        /* This vCPU's own TLB, here and now (a TTBR write, a local TLBI):
         * the rest of the block runs with the new translation, and the
         * ISB software must issue before relying on it ends the block,
         * so the next one is looked up afresh.  Under KPTI that is two
         * TTBR1 writes per system call, which a request (a trip out of
         * cpu_exec and a wake-up) made cost more than the call. */
        tlb_flush(cs);
    } else {
        vcpu_request(vcpu_of(cs), req);
    }
}

static void hook_tlb_flush_va(CPUARMState *env, bool all_cpus, uint64_t va)
{
    CPUState *cs = arm_env_cpu(env);
    if (all_cpus) {
        vcpu_tlb_flush_va_all_synced(vcpu_of(cs), va);
    } else {
        tlb_flush_va(cs, va);
    }
}

static void hook_context_switched(CPUARMState *env)
{
    /* Here and now, as hook_tlb_flush's local case.  The halves' keys:
     * each table's base with the ASID in force (TCR.A1 says whose). */
    const uint64_t asid_mask = 0xffffull << 48;
    uint64_t ttbr0 = env->sys[ARM_SR_TTBR0_EL1], ttbr1 = env->sys[ARM_SR_TTBR1_EL1];
    uint64_t asid = (env->sys[ARM_SR_TCR_EL1] >> 22 & 1 ? ttbr1 : ttbr0) & asid_mask;
    uint64_t key[2] = { (ttbr0 & ~asid_mask) | asid, (ttbr1 & ~asid_mask) | asid };
    tlb_switch_context(arm_env_cpu(env), key);
}

static uint64_t hook_address_translate(CPUARMState *env, uint64_t va, int op)
{
    /* AT S1E1R, S1E1W, S1E0R, S1E0W: op bit 0 is write, bit 1 EL0; the
     * S1E1 forms are exempt from PAN (only S1E1RP/WP apply it). */
    int idx = (op & 2) ? ARM_MMU_IDX_E0 : ARM_MMU_IDX_E1;
    ARMMMUModel model;
    ARMMMURegs regs;
    mmu_setup(env, idx, &model, &regs);
    ARMMMUAccess acc = { .va = va, .type = (op & 1) ? ARM_ACCESS_WRITE : ARM_ACCESS_READ,
                         .unpriv = (op & 2) != 0, .pan_applies = false };
    ARMPTWConfig cfg = { &model, &regs, read_descriptor, NULL };
    ARMTranslation t;
    ARMFault f;
    return arm_ptw_translate(&cfg, &acc, &t, &f) ? arm_par_from_translation(&t)
                                                 : arm_par_from_fault(&f);
}

static bool arm_interrupt_pending(VCPU *v);

static void hook_unmasked(CPUARMState *env)
{
    CPUState *cs = arm_env_cpu(env);
    if (arm_interrupt_pending(vcpu_of(cs))) {
        /* Out to the vCPU loop, which takes it if it is unmasked now. */
        __atomic_store_n(&cs->exit_request, 1, __ATOMIC_RELEASE);
    }
}

/* ---- watchpoints (debug.h, softmmu/watchpoint.h) ---- */

_Static_assert((int)ARM_WATCH_LOAD == (int)WP_READ && (int)ARM_WATCH_STORE == (int)WP_WRITE,
               "the access kinds are LSC's encoding on both sides");

/* The soft TLB's list holds what DBGWVR/DBGWCR watch, whatever else
 * (MDE, the EL, PSTATE.D) decides at the access: re-derived on every
 * write to them. */
static void hook_debug_changed(CPUARMState *env)
{
    CPUState *cs = arm_env_cpu(env);
    watchpoint_remove_owner(cs, WP_OWNER_ARCH, -1);
    for (int n = 0; n < arm_debug_num_wrps(env); n++) {
        uint64_t addr[4], len[4];
        unsigned kinds = (env->sys[ARM_SR_DBGWCR0_EL1 + 2 * n] >> 3) & 3;   /* LSC */
        int runs = arm_watchpoint_ranges(env, n, addr, len);
        for (int i = 0; i < runs; i++) {
            watchpoint_insert(cs, addr[i], len[i], kinds, WP_OWNER_ARCH, n);
        }
    }
}

/* A data access touched a byte watchpoint n watches: the watchpoint
 * exception at the instruction if it fires, with FAR the first watched
 * byte the access touched (within the access and the watched range, as
 * D2.10.5 allows) and WnR from the part of the access that matched. */
static void arm_watchpoint_hit(CPUState *cs, const Watchpoint *wp, uint64_t vaddr,
                               uint64_t len, unsigned kind, int mmu_idx)
{
    CPUARMState *env = arm_env(cs);
    unsigned matched = arm_watchpoint_fires(env, wp->tag, kind,
                                            mmu_idx == ARM_MMU_IDX_E0 ? 0 : 1);
    if (!matched) {
        return;
    }
    cs->exception_addr = vaddr > wp->addr ? vaddr : wp->addr;
    env->exception_syndrome = matched & ARM_WATCH_STORE ? WATCH_ISS_WNR : 0;
    cpu_raise(cs, EXCP_WATCHPOINT);
}

static const ARMSysHooks arm_sys_hooks_impl = {
    .timer_read = hook_timer_read,
    .timer_write = hook_timer_write,
    .tlb_flush = hook_tlb_flush,
    .tlb_flush_va = hook_tlb_flush_va,
    .context_switched = hook_context_switched,
    .address_translate = hook_address_translate,
    .unmasked = hook_unmasked,
    .debug_changed = hook_debug_changed,
};

/* ---- interrupts ---- */

static void cpu_input(void *opaque, int n, int level)
{
    ARMCPUSys *sys = opaque;
    __atomic_store_n(&sys->level[n], level, __ATOMIC_RELEASE);
    if (level) {
        vcpu_kick(sys->vcpu);
    }
}

static bool arm_interrupt_pending(VCPU *v)
{
    ARMCPUSys *sys = v->target;
    return __atomic_load_n(&sys->level[ARM_CPU_IRQ], __ATOMIC_ACQUIRE) ||
           __atomic_load_n(&sys->level[ARM_CPU_FIQ], __ATOMIC_ACQUIRE);
}

static void arm_take_interrupt(VCPU *v)
{
    ARMCPUSys *sys = v->target;
    CPUARMState *env = &sys->cpu->env;
    /* FIQ before IRQ (D1.13.4's priorities), each only when unmasked. */
    if (__atomic_load_n(&sys->level[ARM_CPU_FIQ], __ATOMIC_ACQUIRE) &&
        !(env->pstate & PSTATE_F)) {
        arm_take_exception(env, ARM_VECTOR_FIQ, 0, env->pc, false, 0);
    } else if (__atomic_load_n(&sys->level[ARM_CPU_IRQ], __ATOMIC_ACQUIRE) &&
               !(env->pstate & PSTATE_I)) {
        arm_take_exception(env, ARM_VECTOR_IRQ, 0, env->pc, false, 0);
    }
}

/* ---- PSCI (DEN0022), on HVC ---- */

enum {
    PSCI_VERSION = 0x84000000, PSCI_CPU_SUSPEND = 0x84000001, PSCI_CPU_OFF = 0x84000002,
    PSCI_CPU_ON = 0x84000003, PSCI_AFFINITY_INFO = 0x84000004,
    PSCI_MIGRATE_INFO_TYPE = 0x84000006, PSCI_SYSTEM_OFF = 0x84000008,
    PSCI_SYSTEM_RESET = 0x84000009, PSCI_FEATURES = 0x8400000a,
    PSCI_SMC64 = 0x40000000,    /* the 64-bit calling convention's bit */
};
#define PSCI_NOT_SUPPORTED (-1)
#define PSCI_INVALID_PARAMETERS (-2)

static bool psci_known(uint32_t fn)
{
    switch (fn) {
    case PSCI_VERSION: case PSCI_CPU_OFF: case PSCI_MIGRATE_INFO_TYPE:
    case PSCI_SYSTEM_OFF: case PSCI_SYSTEM_RESET: case PSCI_FEATURES:
        return true;
    case PSCI_CPU_SUSPEND: case PSCI_CPU_ON: case PSCI_AFFINITY_INFO:
    case PSCI_CPU_SUSPEND | PSCI_SMC64: case PSCI_CPU_ON | PSCI_SMC64:
    case PSCI_AFFINITY_INFO | PSCI_SMC64:
        return true;        /* these three have SMC64 forms (DEN0022 5.1) */
    }
    return false;
}

static VCPUAction do_psci(ARMCPUSys *sys)
{
    CPUARMState *env = &sys->cpu->env;
    uint64_t *x = env->xregs;
    uint32_t fn = (uint32_t)x[0];
    bool smc64 = fn & PSCI_SMC64;
    /* SMC32 calls take 32-bit arguments. */
    uint64_t a1 = smc64 ? x[1] : (uint32_t)x[1], a2 = smc64 ? x[2] : (uint32_t)x[2];
    uint64_t a3 = smc64 ? x[3] : (uint32_t)x[3];
    const ARMMachineOps *m = sys->machine;
    int64_t r = PSCI_NOT_SUPPORTED;
    switch (fn & ~(uint32_t)PSCI_SMC64) {
    case PSCI_VERSION:
        r = fn == PSCI_VERSION ? 0x10001 : PSCI_NOT_SUPPORTED;    /* 1.1 */
        break;
    case PSCI_CPU_SUSPEND:
        /* A standby state: as WFI, resumed by an interrupt, success. */
        x[0] = 0;
        return VCPU_HALT;
    case PSCI_CPU_OFF:
        if (fn != PSCI_CPU_OFF) {
            break;
        }
        return VCPU_POWER_OFF;
    case PSCI_CPU_ON:
        r = m->cpu_on(m->opaque, a1, a2, a3);
        break;
    case PSCI_AFFINITY_INFO:
        r = a2 != 0 ? PSCI_INVALID_PARAMETERS : m->affinity_info(m->opaque, a1);
        break;
    case PSCI_MIGRATE_INFO_TYPE:
        r = 2;                  /* no Trusted OS to migrate */
        break;
    case PSCI_SYSTEM_OFF:
        m->system_off(m->opaque);
        return VCPU_POWER_OFF;
    case PSCI_SYSTEM_RESET:
        m->system_reset(m->opaque);
        return VCPU_CONTINUE;
    case PSCI_FEATURES:
        r = psci_known((uint32_t)a1) ? 0 : PSCI_NOT_SUPPORTED;
        break;
    }
    x[0] = (uint64_t)r;
    return VCPU_CONTINUE;
}

/* ---- the vCPU loop's exceptions ---- */

static VCPUAction arm_handle_exception(VCPU *v, int excp)
{
    ARMCPUSys *sys = v->target;
    CPUARMState *env = &sys->cpu->env;
    switch (excp) {
    case EXCP_HLT:
        return VCPU_HALT;
    case EXCP_YIELD:
        return VCPU_CONTINUE;
    case EXCP_HVC:
        if (sys->psci) {
            return do_psci(sys);
        }
        /* No EL2 and no PSCI conduit here: UNDEFINED at the HVC. */
        env->pc -= 4;
        arm_cpu_take_excp(env, EXCP_UDEF);
        return VCPU_CONTINUE;
    case EXCP_SEMIHOST:
        device_lock();
        env->xregs[0] = semihost_call(sys->semihost, (uint32_t)env->xregs[0],
                                      env->xregs[1]);
        device_unlock();
        return VCPU_CONTINUE;
    }
    if (!arm_cpu_take_excp(env, excp)) {
        fprintf(stderr, "mimic: internal error: exception 0x%x at pc 0x%016llx\n", excp,
                (unsigned long long)env->pc);
        abort();
    }
    return VCPU_CONTINUE;
}

/* In cpu_exec: every exception arm_handle_exception would just take
 * (SVC, aborts, UNDEFINED...), not what needs the vCPU loop (a halt,
 * PSCI, semihosting, a debugger's stop). */
static bool arm_take_exception_in_loop(VCPU *v, int excp)
{
    switch (excp) {
    case EXCP_HLT: case EXCP_YIELD: case EXCP_HVC: case EXCP_SEMIHOST: case EXCP_DEBUG:
        return false;
    }
    return arm_cpu_take_excp(&((ARMCPUSys *)v->target)->cpu->env, excp);
}

static void arm_vcpu_reset(VCPU *v)
{
    arm_cpu_sys_reset(v->target, 0);
}

const VCPUTargetOps arm_vcpu_ops = {
    .handle_exception = arm_handle_exception,
    .take_exception = arm_take_exception_in_loop,
    .interrupt_pending = arm_interrupt_pending,
    .take_interrupt = arm_take_interrupt,
    .reset = arm_vcpu_reset,
};

void arm_cpu_sys_init(ARMCPUSys *sys, ARMCPU *cpu, int index, const ARMMachineOps *machine,
                      IRQLine *phys_timer, IRQLine *virt_timer)
{
    sys->cpu = cpu;
    sys->machine = machine;
    cpu->sys = sys;
    arm_sys_hooks = &arm_sys_hooks_impl;
    watchpoint_arch_hit = arm_watchpoint_hit;
    irq_lines_init(sys->in, ARM_CPU_INPUTS, cpu_input, sys);
    gtimer_init(&sys->timer, cpu->model->cntfrq, phys_timer, virt_timer);
    sys->vcpu = vcpu_new(&cpu->parent, index, &arm_vcpu_ops, sys);
}

void arm_cpu_sys_reset(ARMCPUSys *sys, uint64_t pc)
{
    CPUARMState *env = &sys->cpu->env;
    uint64_t mpidr = env->sys[ARM_SR_MPIDR_EL1];
    memset(env->xregs, 0, sizeof(env->xregs));
    memset(env->vregs, 0, sizeof(env->vregs));
    env->sp_el[0] = env->sp_el[1] = 0;
    env->pstate = 0;
    arm_sysregs_reset(env);
    env->sys[ARM_SR_MPIDR_EL1] = mpidr;
    arm_set_pstate(env, (1u << PSTATE_EL_SHIFT) | PSTATE_SP | PSTATE_DAIF);
    aarch64_set_nzcv(env, 0);
    env->fpcr = env->fpsr = 0;
    env->exclusive_addr = -1;
    env->pc = pc;
    gtimer_reset(&sys->timer);
    tlb_flush(sys->vcpu->cs);
    /* The debug registers reset to disabled (the TLB is empty already). */
    watchpoint_list_remove_owner(&sys->vcpu->tlb.watch, WP_OWNER_ARCH, -1);
}
