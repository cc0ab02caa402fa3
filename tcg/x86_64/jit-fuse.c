/*
 * Rewrites of a block's ops into forms x86-64 stencils do in one
 * instruction, run on the optimized ops before lowering (jit.c):
 * shift-and-add as lea, 32-bit ops that read a 64-bit value's low half
 * directly, and 64-bit ops whose result is only zero-extended done at 32
 * bits.
 */
#include "tcg/scratch.h"
#include "tcg/tcg.h"

#include "jit-internal.h"

/* The index of the first op after op i that emits code (nb_ops if none):
 * past nops and instruction marks. */
int next_code_op(TCGContext *s, int i)
{
    int j = i + 1;
    while (j < s->nb_ops && (s->ops[j].opc == INDEX_op_nop ||
                             s->ops[j].opc == INDEX_op_insn_start)) {
        j++;
    }
    return j;
}

/* How many times each temp appears as an operand of the block's ops.
 * fuse_lea, fuse_extrl and fuse_narrow32 share one count: what one
 * rewrites leaves the others' temps' counts as they were, or higher
 * (which only stops a rewrite). */
int *count_occurrences(TCGContext *s)
{
    int *occurs = scratch_zalloc(s->nb_temps * sizeof(int));
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        if (op->opc != INDEX_op_nop) {
            for (int k = 0; k < op->nb_oargs + op->nb_iargs; k++) {
                occurs[op->args[k]]++;
            }
        }
    }
    return occurs;
}

/* add_i64 d, a, t right after shl_i64 t, b, n (n = 1..3, t a block temp
 * read only there) is one lea: the shl becomes a nop, the add reads b,
 * and scale[add] = n picks the stencil lea<n>_i64 (gen-stencils.c).  Run
 * before the uses are counted.  Typical of A64's ADD with LSL #1-3 and of
 * address arithmetic. */
void fuse_lea(TCGContext *s, const int *occurs, uint8_t *scale)
{
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *shl = &s->ops[i];
        if (shl->opc != INDEX_op_shl_i64) {
            continue;
        }
        TCGArg t = shl->args[0], b = shl->args[1];
        TCGTemp *n = &s->temps[shl->args[2]];
        int j = next_code_op(s, i);
        if (s->temps[t].kind != TEMP_EBB || t == b || n->kind != TEMP_CONST ||
            n->val < 1 || n->val > 3 || occurs[t] != 2 || j >= s->nb_ops ||
            s->ops[j].opc != INDEX_op_add_i64 || s->ops[j].args[0] == t) {
            continue;
        }
        TCGOp *add = &s->ops[j];
        if (add->args[1] == t) {
            add->args[1] = add->args[2];
        } else if (add->args[2] != t) {
            continue;
        }
        add->args[2] = b;
        scale[j] = n->val;
        shl->opc = INDEX_op_nop;
    }
}

/* extrl_i64_i32 t, x read only by the 32-bit op right after it (a pure
 * op or a brcond_i32; other extrl ops may come between), which may write
 * t again (rotr_i32 t, t, n: later reads see that value): that op reads x
 * instead, whose low half its stencil takes anyway (an i32 op looks only
 * at the low 32 bits of a register, of a little-endian slot or of a
 * constant), so the copy (mov r32, r32) goes.  Run before the uses are
 * counted. */
void fuse_extrl(TCGContext *s, const int *occurs)
{
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *ex = &s->ops[i];
        if (ex->opc != INDEX_op_extrl_i64_i32) {
            continue;
        }
        TCGArg t = ex->args[0], x = ex->args[1];
        int j = i + 1;
        /* (Past other extrl ops: both operands of a compare; not one
         * that writes t again.) */
        while (j < s->nb_ops && (s->ops[j].opc == INDEX_op_nop ||
                                 s->ops[j].opc == INDEX_op_insn_start ||
                                 (s->ops[j].opc == INDEX_op_extrl_i64_i32 &&
                                  s->ops[j].args[0] != t))) {
            j++;
        }
        if (s->temps[t].kind != TEMP_EBB || j >= s->nb_ops) {
            continue;
        }
        TCGOp *use = &s->ops[j];
        const TCGOpDef *def = &tcg_op_defs[use->opc];
        bool in_place = use->nb_oargs == 1 && use->args[0] == t;
        if (!in_place && occurs[t] != 2) {
            continue;
        }
        bool pure = use->opc != INDEX_op_call && !(def->flags & TCG_OPF_64BIT) &&
                    !(def->flags & (TCG_OPF_SIDE_EFFECTS | TCG_OPF_BB_END)) &&
                    def->nb_oargs == 1;
        if (!pure && use->opc != INDEX_op_brcond_i32) {
            continue;
        }
        for (int k = use->nb_oargs; k < use->nb_oargs + use->nb_iargs; k++) {
            if (use->args[k] == t) {
                use->args[k] = x;
                ex->opc = INDEX_op_nop;
            }
        }
    }
}

/* "op_i64 t, a, b; ext32u_i64 G, t" (the A64 front end's W-register
 * arithmetic), t read by nothing else, where the low half of op's result
 * depends on its operands' low halves alone: op becomes its _i32 twin,
 * whose stencils read the low halves (as fuse_extrl's) and write a
 * zero-extended register, so the extension is a rename (jit.c's
 * rename_move) instead of a mov r32, r32.  Not an op fused into a lea
 * (scale[i]), which stays 64 bits.  Run before the uses are counted. */
void fuse_narrow32(TCGContext *s, const int *occurs, const uint8_t *scale)
{
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        TCGOpcode narrow;
        switch (op->opc) {
        case INDEX_op_add_i64: narrow = INDEX_op_add_i32; break;
        case INDEX_op_sub_i64: narrow = INDEX_op_sub_i32; break;
        case INDEX_op_mul_i64: narrow = INDEX_op_mul_i32; break;
        case INDEX_op_and_i64: narrow = INDEX_op_and_i32; break;
        case INDEX_op_or_i64: narrow = INDEX_op_or_i32; break;
        case INDEX_op_xor_i64: narrow = INDEX_op_xor_i32; break;
        case INDEX_op_andc_i64: narrow = INDEX_op_andc_i32; break;
        case INDEX_op_neg_i64: narrow = INDEX_op_neg_i32; break;
        case INDEX_op_not_i64: narrow = INDEX_op_not_i32; break;
        default: continue;
        }
        TCGArg t = op->args[0];
        if (scale[i] || s->temps[t].kind != TEMP_EBB || occurs[t] != 2) {
            continue;
        }
        int j = next_code_op(s, i);
        if (j < s->nb_ops && s->ops[j].opc == INDEX_op_ext32u_i64 && s->ops[j].args[1] == t) {
            op->opc = narrow;
        }
    }
}
