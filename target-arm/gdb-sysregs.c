/*
 * The register table gdb gets in system mode: user mode's (gdb-regs.c),
 * a cpsr gdb may set the whole of, and a third feature with the system
 * registers, one per row of sysreg.def and of the CPU model's ID
 * registers, named, sized and grouped as qemu 7.2 describes them
 * (org.qemu.gdb.arm.sys.regs, system-registers.xml, 64-bit "int" in group
 * "cp_regs").  They are read-only from gdb: a write is accepted and
 * ignored, so that no MSR side effect (a TLB flush, a timer) happens
 * behind the guest's back.
 */
#include <glib.h>
#include <string.h>

#include "cpu-models.h"
#include "cpu.h"
#include "gdbstub/gdbstub.h"
#include "sysreg.h"

/* Where qemu's name for a register differs from the architecture's
 * (qemu names the registers it shares with AArch32 by the AArch32 name;
 * the AArch32 ID registers, ID_PFR0_EL1 and the like, lose their _EL1:
 * gdb_name does those). */
static const struct { const char *arch, *qemu; } qemu_names[] = {
    { "SCTLR_EL1", "SCTLR" }, { "CPACR_EL1", "CPACR" }, { "VBAR_EL1", "VBAR" },
    { "CNTKCTL_EL1", "CNTKCTL" }, { "CSSELR_EL1", "CSSELR" }, { "AMAIR_EL1", "AMAIR0" },
    { "CLIDR_EL1", "CLIDR" }, { "AIDR_EL1", "AIDR" },
    { "ID_AA64ISAR2_EL1", "ID_AA64ISAR2_EL1_RESERVED" },
};

/* Registers qemu keeps out of the description (ARM_CP_NO_RAW or an
 * alias: state it shows elsewhere, as cpsr, a read with a side effect, a
 * moving or computed value).  Write-only registers are left out by their
 * rights. */
static const char *const not_described[] = {
    "CURRENTEL", "DAIF", "NZCV", "SPSEL", "MPIDR_EL1", "MIDR_EL1", "CCSIDR_EL1",
    "DCZID_EL0", "ID_AA64PFR0_EL1", "ID_PFR1_EL1",
    "CNTPCT_EL0", "CNTVCT_EL0", "CNTP_TVAL_EL0", "CNTV_TVAL_EL0",
    "DBGAUTHSTATUS_EL1", "DBGCLAIMCLR_EL1", "DBGCLAIMSET_EL1", "DBGPRCR_EL1",
    "MDCCINT_EL1", "PMINTENCLR_EL1", "PMXEVCNTR_EL0", "PMXEVTYPER_EL0",
};

/* The AArch32 ID registers' prefixes (ID_PFR0_EL1 is qemu's ID_PFR0). */
static const char *const aarch32_id_prefixes[] = {
    "ID_PFR", "ID_DFR", "ID_AFR", "ID_ISAR", "ID_MMFR",
};

static const char *gdb_name(const char *arch)
{
    for (size_t i = 0; i < G_N_ELEMENTS(qemu_names); i++) {
        if (!strcmp(arch, qemu_names[i].arch)) {
            return qemu_names[i].qemu;
        }
    }
    size_t len = strlen(arch);
    for (size_t i = 0; i < G_N_ELEMENTS(aarch32_id_prefixes); i++) {
        if (g_str_has_prefix(arch, aarch32_id_prefixes[i]) && g_str_has_suffix(arch, "_EL1")) {
            return g_strndup(arch, len - 4);    /* the table lives as long as the process */
        }
    }
    return arch;
}

static bool described(const ARMSysReg *r)
{
    if (!r || !r->name || !(r->access & SR_EL1_R) || r->name[0] == '(') {
        return false;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(not_described); i++) {
        if (!strcmp(r->name, not_described[i])) {
            return false;
        }
    }
    return true;
}

static void get_sysreg(CPUState *cs, int id, uint8_t *buf)
{
    uint64_t v = arm_sysreg_read(arm_env(cs), arm_sysreg_by_id((uint32_t)id));
    memcpy(buf, &v, 8);
}

static void set_ignored(CPUState *cs, int id, const uint8_t *buf)
{
}

/* Every field of PSTATE, the stack pointer moving with EL and SPSel. */
static void set_cpsr_sys(CPUState *cs, int i, const uint8_t *buf)
{
    CPUARMState *env = arm_env(cs);
    uint32_t v;
    memcpy(&v, buf, 4);
    aarch64_set_nzcv(env, v & PSTATE_NZCV);
    arm_set_pstate(env, v & ~(uint32_t)PSTATE_NZCV);
}

static GdbTarget build(void)
{
    const GdbTarget *user = &aarch64_gdb_target;
    GdbFeature *features = g_new(GdbFeature, user->nfeatures + 1);
    memcpy(features, user->features, user->nfeatures * sizeof(*features));
    int sys = user->nfeatures;
    features[sys] = (GdbFeature){ "org.qemu.gdb.arm.sys.regs", "system-registers.xml",
                                  NULL, 0 };
    GArray *regs = g_array_new(false, false, sizeof(GdbRegister));
    g_array_append_vals(regs, user->regs, user->nregs);
    for (int n = 0; n < user->nregs; n++) {
        GdbRegister *r = &g_array_index(regs, GdbRegister, n);
        if (!strcmp(r->name, "cpsr")) {
            r->set = set_cpsr_sys;
        }
    }
    for (uint32_t id = 0; id < ARM_SR_COUNT + ARM_ID_COUNT; id++) {
        const ARMSysReg *r = arm_sysreg_by_id(id);
        if (!described(r)) {
            continue;
        }
        GdbRegister g = { gdb_name(r->name), 64, "int", "cp_regs", sys, (int)id,
                          get_sysreg, set_ignored };
        g_array_append_val(regs, g);
    }
    return (GdbTarget){
        .architecture = user->architecture,
        .features = features,
        .nfeatures = sys + 1,
        .regs = (const GdbRegister *)regs->data,
        .nregs = (int)regs->len,
        .g_regs = user->g_regs,
    };
}

const GdbTarget *aarch64_gdb_system_target(void)
{
    static GdbTarget target;
    static gsize done;
    if (g_once_init_enter(&done)) {
        target = build();
        g_once_init_leave(&done, 1);
    }
    return &target;
}
