/*
 * AArch64's registers as gdb numbers them (the register table the gdb
 * stub is given): the core feature x0-x30, sp, pc, cpsr, then the FP/SIMD
 * feature v0-v31, fpsr, fpcr, with the names, sizes and types of gdb's
 * own aarch64-core.xml and aarch64-fpu.xml, in the order qemu 7.2 uses.
 * Values are little-endian byte images of the CPU state.
 */
#include <string.h>

#include "cpu.h"
#include "gdbstub/gdbstub.h"

static void get_x(CPUState *cs, int i, uint8_t *buf)
{
    memcpy(buf, &arm_env(cs)->xregs[i], 8);
}

static void set_x(CPUState *cs, int i, const uint8_t *buf)
{
    memcpy(&arm_env(cs)->xregs[i], buf, 8);
}

static void get_pc(CPUState *cs, int i, uint8_t *buf)
{
    memcpy(buf, &arm_env(cs)->pc, 8);
}

static void set_pc(CPUState *cs, int i, const uint8_t *buf)
{
    memcpy(&arm_env(cs)->pc, buf, 8);
}

/* CPSR is PSTATE in the SPSR layout, as qemu's pstate_read: NZCV (the
 * lazy flags computed first) and the rest (EL, SP selection, DAIF; user
 * mode's EL0t is all zeros). */
static void get_cpsr(CPUState *cs, int i, uint8_t *buf)
{
    CPUARMState *env = arm_env(cs);
    uint32_t v = aarch64_get_nzcv(env) | (uint32_t)(env->pstate & ~(uint64_t)PSTATE_NZCV);
    memcpy(buf, &v, 4);
}

static void set_cpsr(CPUState *cs, int i, const uint8_t *buf)
{
    uint32_t v;
    memcpy(&v, buf, 4);
    aarch64_set_nzcv(arm_env(cs), v & 0xf0000000u);
}

static void get_v(CPUState *cs, int i, uint8_t *buf)
{
    memcpy(buf, arm_env(cs)->vregs[i].d, 16);
}

static void set_v(CPUState *cs, int i, const uint8_t *buf)
{
    memcpy(arm_env(cs)->vregs[i].d, buf, 16);
}

enum { FPSR, FPCR };

static void get_fpstatus(CPUState *cs, int i, uint8_t *buf)
{
    CPUARMState *env = arm_env(cs);
    memcpy(buf, i == FPSR ? &env->fpsr : &env->fpcr, 4);
}

/* Only the bits the guest itself could set (cpu.h's masks). */
static void set_fpstatus(CPUState *cs, int i, const uint8_t *buf)
{
    CPUARMState *env = arm_env(cs);
    uint32_t v;
    memcpy(&v, buf, 4);
    if (i == FPSR) {
        env->fpsr = v & ARM_FPSR_WRITABLE;
    } else {
        env->fpcr = v & arm_fpcr_writable(arm_cpu(cs)->model);
    }
}

/* gdb's aarch64v: a 128-bit register seen as doubles, singles, halves,
 * bytes or one quadword, each signed or unsigned. */
static const GdbType fpu_types[] = {
    { "v2d", "ieee_double", 2 }, { "v2u", "uint64", 2 }, { "v2i", "int64", 2 },
    { "v4f", "ieee_single", 4 }, { "v4u", "uint32", 4 }, { "v4i", "int32", 4 },
    { "v8u", "uint16", 8 }, { "v8i", "int16", 8 },
    { "v16u", "uint8", 16 }, { "v16i", "int8", 16 },
    { "v1u", "uint128", 1 }, { "v1i", "int128", 1 },
    { "vnd", .fields = (const char *const[]){ "f:v2d", "u:v2u", "s:v2i", NULL } },
    { "vns", .fields = (const char *const[]){ "f:v4f", "u:v4u", "s:v4i", NULL } },
    { "vnh", .fields = (const char *const[]){ "u:v8u", "s:v8i", NULL } },
    { "vnb", .fields = (const char *const[]){ "u:v16u", "s:v16i", NULL } },
    { "vnq", .fields = (const char *const[]){ "u:v1u", "s:v1i", NULL } },
    { "aarch64v", .fields = (const char *const[]){ "d:vnd", "s:vns", "h:vnh", "b:vnb",
                                                   "q:vnq", NULL } },
};

static const GdbFeature features[] = {
    { "org.gnu.gdb.aarch64.core", "aarch64-core.xml", NULL, 0 },
    { "org.gnu.gdb.aarch64.fpu", "aarch64-fpu.xml", fpu_types,
      sizeof(fpu_types) / sizeof(fpu_types[0]) },
};

enum { CORE, FPU };
#define X(n) { "x" #n, 64, NULL, NULL, CORE, n, get_x, set_x }
#define V(n) { "v" #n, 128, "aarch64v", NULL, FPU, n, get_v, set_v }

static const GdbRegister regs[] = {
    X(0), X(1), X(2), X(3), X(4), X(5), X(6), X(7), X(8), X(9), X(10),
    X(11), X(12), X(13), X(14), X(15), X(16), X(17), X(18), X(19), X(20),
    X(21), X(22), X(23), X(24), X(25), X(26), X(27), X(28), X(29), X(30),
    { "sp", 64, "data_ptr", NULL, CORE, 31, get_x, set_x },
    { "pc", 64, "code_ptr", NULL, CORE, 0, get_pc, set_pc },
    { "cpsr", 32, NULL, NULL, CORE, 0, get_cpsr, set_cpsr },
    V(0), V(1), V(2), V(3), V(4), V(5), V(6), V(7), V(8), V(9), V(10),
    V(11), V(12), V(13), V(14), V(15), V(16), V(17), V(18), V(19), V(20),
    V(21), V(22), V(23), V(24), V(25), V(26), V(27), V(28), V(29), V(30), V(31),
    { "fpsr", 32, NULL, NULL, FPU, FPSR, get_fpstatus, set_fpstatus },
    { "fpcr", 32, NULL, NULL, FPU, FPCR, get_fpstatus, set_fpstatus },
};

const GdbTarget aarch64_gdb_target = {
    .architecture = "aarch64",
    .features = features,
    .nfeatures = sizeof(features) / sizeof(features[0]),
    .regs = regs,
    .nregs = sizeof(regs) / sizeof(regs[0]),
    .g_regs = 34,               /* the core feature, as qemu sends it */
};
