/*
 * What the Advanced SIMD translators (a64-simd.c, the arithmetic groups;
 * a64-simd-move.c, data movement) share: Vreg halves and elements as TCG
 * values, and the whole-vector helper call.
 */
#ifndef TARGET_ARM_A64_SIMD_H
#define TARGET_ARM_A64_SIMD_H

#include "translate-a64.h"

/* One call of a (env, desc, regs) helper. */
static inline void gen_vec_call(TCGHelperInfo *info, uint32_t desc, uint32_t regs)
{
    void *args[3] = { tcg_env, tcg_constant_i32(desc), tcg_constant_i32(regs) };
    tcg_gen_callN(info, NULL, 3, args);
}

/* Loads / stores 64-bit half h (0 low, 1 high) of Vreg. */
static inline void ld_vec_half(TCGv_i64 t, int reg, int half)
{
    tcg_gen_ld_i64(t, tcg_env, vreg_offset(reg) + 8 * half);
}

static inline void st_vec_half(TCGv_i64 t, int reg, int half)
{
    tcg_gen_st_i64(t, tcg_env, vreg_offset(reg) + 8 * half);
}

/* a64-simd-move.c: Vreg's lane idx of esz (sign- or zero-extended), a
 * store of v's low esz bits to it, and the low esz-sized lane of v
 * replicated over 64 bits. */
TCGv_i64 ld_elem(int reg, int idx, int esz, bool sign);
void st_elem(TCGv_i64 v, int reg, int idx, int esz);
void gen_dup_lanes(TCGv_i64 r, TCGv_i64 v, int esz);

#endif
