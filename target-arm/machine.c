/*
 * The AArch64 CPU's state as a table (softmmu/vmstate.h): what a snapshot
 * or a migration carries of it.  NZCV goes as its four flags, computed
 * first: the lazy form is how this build happens to keep them, not state.
 * Left out, as not architectural: the lazy form's operands (cc_op, cc_a,
 * cc_b), exception_syndrome (the last exception's detail, consumed before
 * the loop runs on) and vec_scratch (operands within one instruction).
 */
#include <stddef.h>

#include "cpu.h"
#include "softmmu/vmstate.h"

static const VMStateField vreg_fields[] = {
    VMSTATE_ARRAY(d, ARMVReg, 1),
    VMSTATE_END,
};

static const VMStateDescription vmstate_vreg = {
    .name = "vreg", .version = 1, .minimum_version = 1, .fields = vreg_fields,
};

static bool cpu_pre_save(void *opaque)
{
    aarch64_nzcv_materialise(opaque);
    return true;
}

/* Back to the invariants translated code relies on: a mode that exists,
 * flags in NF..VF (C as 0 or 1), FPCR and FPSR with only the bits this
 * model keeps. */
static bool cpu_post_load(void *opaque, int version)
{
    (void)version;
    CPUARMState *env = opaque;
    ARMCPU *cpu = (ARMCPU *)env;
    /* Only EL0 and EL1 exist here, and only AArch64 (M[4], nRW, clear):
     * a stream with another mode is damaged, and would index state this
     * model does not have. */
    if (arm_current_el(env) > 1 || (env->pstate & (1u << 4))) {
        return false;
    }
    env->cc_op = CC_OP_FLAGS;
    env->CF &= 1;
    env->fpsr &= ARM_FPSR_WRITABLE;
    env->fpcr &= arm_fpcr_writable(cpu->model);
    arm_sys_debug_changed(env);     /* the watchpoints of the loaded registers */
    return true;
}

static const VMStateField cpu_fields[] = {
    VMSTATE_ARRAY(xregs, CPUARMState, 1),
    VMSTATE_FIELD(pc, CPUARMState, 1),
    VMSTATE_FIELD(NF, CPUARMState, 1),
    VMSTATE_FIELD(ZF, CPUARMState, 1),
    VMSTATE_FIELD(CF, CPUARMState, 1),
    VMSTATE_FIELD(VF, CPUARMState, 1),
    VMSTATE_STRUCT_ARRAY(vregs, CPUARMState, vmstate_vreg, 1),
    VMSTATE_FIELD(fpcr, CPUARMState, 1),
    VMSTATE_FIELD(fpsr, CPUARMState, 1),
    VMSTATE_FIELD(tpidr_el0, CPUARMState, 1),
    VMSTATE_FIELD(tpidrro_el0, CPUARMState, 1),
    VMSTATE_FIELD(exclusive_addr, CPUARMState, 1),
    VMSTATE_FIELD(exclusive_val, CPUARMState, 1),
    VMSTATE_FIELD(exclusive_high, CPUARMState, 1),
    VMSTATE_FIELD(pstate, CPUARMState, 1),
    VMSTATE_ARRAY(sp_el, CPUARMState, 1),
    VMSTATE_ARRAY(sys, CPUARMState, 1),
    VMSTATE_END,
};

/* Saved from and loaded into the CPUARMState at the start of an ARMCPU. */
const VMStateDescription vmstate_aarch64_cpu = {
    .name = "cpu",
    .version = 1,
    .minimum_version = 1,
    .fields = cpu_fields,
    .pre_save = cpu_pre_save,
    .post_load = cpu_post_load,
};
