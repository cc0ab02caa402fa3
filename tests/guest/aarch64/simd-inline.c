/* Owns: the Advanced SIMD integer ops the JIT computes inline (tcg's
 * vop_vec) beyond the lane-wise arithmetic: shifts by an immediate (with
 * the narrowing and widening ones), permutes, across-lanes ops, three-
 * different ops, pairwise long adds, CNT, RBIT, REV, table lookups (TBL,
 * TBX), byte multiplies and halving adds, multiplies by element and the
 * saturating adds, subtracts, absolutes, negations, narrowings,
 * doubling multiplies (long and accumulating too) and shifts (FPSR.QC),
 * in vector and scalar form;
 * halving subtracts, CLZ, CLS, shifts by register (saturating too),
 * SUQADD/USQADD and PMUL.  Each runs on random vectors, the top bits of
 * every lane set in a share of them, with the destination a register of
 * its own and the same as each source: a hash of the results and FPSR per
 * instruction and register choice (-v prints every result). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct { uint64_t lo, hi; } v128;

/* mnemonic, destination prefix and arrangement, source prefix and
 * arrangement, immediate */
#define ONE_SOURCE(X)                                   \
    X(shrn_8b, "shrn", "v", ".8b", "v", ".8h", ", #4")    \
    X(shrn2_8h, "shrn2", "v", ".8h", "v", ".4s", ", #16") \
    X(rshrn_2s, "rshrn", "v", ".2s", "v", ".2d", ", #17") \
    X(rshrn2_16b, "rshrn2", "v", ".16b", "v", ".8h", ", #1") \
    X(xtn_8b, "xtn", "v", ".8b", "v", ".8h", "")          \
    X(xtn_4h, "xtn", "v", ".4h", "v", ".4s", "")          \
    X(xtn2_4s, "xtn2", "v", ".4s", "v", ".2d", "")        \
    X(uxtl_8h, "uxtl", "v", ".8h", "v", ".8b", "")        \
    X(sxtl2_4s, "sxtl2", "v", ".4s", "v", ".8h", "")      \
    X(sshll_2d, "sshll", "v", ".2d", "v", ".2s", ", #5")  \
    X(ushll2_8h, "ushll2", "v", ".8h", "v", ".16b", ", #7") \
    X(shll_8h, "shll", "v", ".8h", "v", ".8b", ", #8")    \
    X(shll_4s, "shll", "v", ".4s", "v", ".4h", ", #16")   \
    X(shll2_2d, "shll2", "v", ".2d", "v", ".4s", ", #32") \
    X(addv_16b, "addv", "b", "", "v", ".16b", "")         \
    X(addv_4h, "addv", "h", "", "v", ".4h", "")           \
    X(addv_4s, "addv", "s", "", "v", ".4s", "")           \
    X(umaxv_8b, "umaxv", "b", "", "v", ".8b", "")         \
    X(smaxv_16b, "smaxv", "b", "", "v", ".16b", "")       \
    X(uminv_8h, "uminv", "h", "", "v", ".8h", "")         \
    X(sminv_4s, "sminv", "s", "", "v", ".4s", "")         \
    X(sshr_16b, "sshr", "v", ".16b", "v", ".16b", ", #3") \
    X(sshr_16b_8, "sshr", "v", ".16b", "v", ".16b", ", #8") \
    X(ushr_8b, "ushr", "v", ".8b", "v", ".8b", ", #5")    \
    X(ushr_8h, "ushr", "v", ".8h", "v", ".8h", ", #15")   \
    X(sshr_d, "sshr", "d", "", "d", "", ", #63")          \
    X(sshr_2d, "sshr", "v", ".2d", "v", ".2d", ", #13")   \
    X(sshr_4s_32, "sshr", "v", ".4s", "v", ".4s", ", #32") \
    X(shl_16b, "shl", "v", ".16b", "v", ".16b", ", #3")   \
    X(shl_4s, "shl", "v", ".4s", "v", ".4s", ", #31")     \
    X(shl_d, "shl", "d", "", "d", "", ", #1")             \
    X(ssra_16b, "ssra", "v", ".16b", "v", ".16b", ", #2") \
    X(usra_2s, "usra", "v", ".2s", "v", ".2s", ", #7")    \
    X(urshr_16b, "urshr", "v", ".16b", "v", ".16b", ", #3") \
    X(srshr_8h, "srshr", "v", ".8h", "v", ".8h", ", #1")  \
    X(srsra_2d, "srsra", "v", ".2d", "v", ".2d", ", #40") \
    X(ursra_8b, "ursra", "v", ".8b", "v", ".8b", ", #7")  \
    X(urshr_d, "urshr", "d", "", "d", "", ", #63")        \
    X(ushr_16b_8, "ushr", "v", ".16b", "v", ".16b", ", #8") \
    X(ushr_d_64, "ushr", "d", "", "d", "", ", #64")       \
    X(urshr_8h_16, "urshr", "v", ".8h", "v", ".8h", ", #16") \
    X(ursra_2s_32, "ursra", "v", ".2s", "v", ".2s", ", #32") \
    X(srshr_4s_32, "srshr", "v", ".4s", "v", ".4s", ", #32") \
    X(srsra_d_64, "srsra", "d", "", "d", "", ", #64")     \
    X(usra_8b_8, "usra", "v", ".8b", "v", ".8b", ", #8")  \
    X(sri_2d_64, "sri", "v", ".2d", "v", ".2d", ", #64")  \
    X(sli_16b, "sli", "v", ".16b", "v", ".16b", ", #3")   \
    X(sli_4s_0, "sli", "v", ".4s", "v", ".4s", ", #0")    \
    X(sri_8h, "sri", "v", ".8h", "v", ".8h", ", #9")      \
    X(sri_d, "sri", "d", "", "d", "", ", #9")             \
    X(saddlv_16b, "saddlv", "h", "", "v", ".16b", "")     \
    X(uaddlv_4h, "uaddlv", "s", "", "v", ".4h", "")       \
    X(uaddlv_4s, "uaddlv", "d", "", "v", ".4s", "")       \
    X(addp_d, "addp", "d", "", "v", ".2d", "")            \
    X(saddlp_8h, "saddlp", "v", ".8h", "v", ".16b", "")   \
    X(uaddlp_2s, "uaddlp", "v", ".2s", "v", ".4h", "")    \
    X(uaddlp_2d, "uaddlp", "v", ".2d", "v", ".4s", "")    \
    X(sadalp_4s, "sadalp", "v", ".4s", "v", ".8h", "")    \
    X(uadalp_1d, "uadalp", "v", ".1d", "v", ".2s", "")    \
    X(cnt_16b, "cnt", "v", ".16b", "v", ".16b", "")       \
    X(cnt_8b, "cnt", "v", ".8b", "v", ".8b", "")          \
    X(rbit_16b, "rbit", "v", ".16b", "v", ".16b", "")     \
    X(rev16_16b, "rev16", "v", ".16b", "v", ".16b", "")   \
    X(rev32_8b, "rev32", "v", ".8b", "v", ".8b", "")      \
    X(rev32_8h, "rev32", "v", ".8h", "v", ".8h", "")      \
    X(rev64_16b, "rev64", "v", ".16b", "v", ".16b", "")   \
    X(rev64_4h, "rev64", "v", ".4h", "v", ".4h", "")      \
    X(rev64_4s, "rev64", "v", ".4s", "v", ".4s", "")      \
    X(sqabs_16b, "sqabs", "v", ".16b", "v", ".16b", "")   \
    X(sqneg_4s, "sqneg", "v", ".4s", "v", ".4s", "")      \
    X(sqneg_d, "sqneg", "d", "", "d", "", "")             \
    X(sqxtn_8b, "sqxtn", "v", ".8b", "v", ".8h", "")      \
    X(sqxtn2_4s, "sqxtn2", "v", ".4s", "v", ".2d", "")    \
    X(uqxtn_4h, "uqxtn", "v", ".4h", "v", ".4s", "")      \
    X(uqxtn2_16b, "uqxtn2", "v", ".16b", "v", ".8h", "")  \
    X(sqxtun_2s, "sqxtun", "v", ".2s", "v", ".2d", "")    \
    X(sqxtun2_8h, "sqxtun2", "v", ".8h", "v", ".4s", "")  \
    X(clz_16b, "clz", "v", ".16b", "v", ".16b", "")       \
    X(clz_4h, "clz", "v", ".4h", "v", ".4h", "")          \
    X(clz_4s, "clz", "v", ".4s", "v", ".4s", "")          \
    X(cls_8b, "cls", "v", ".8b", "v", ".8b", "")          \
    X(cls_8h, "cls", "v", ".8h", "v", ".8h", "")          \
    X(cls_4s, "cls", "v", ".4s", "v", ".4s", "")          \
    X(sqshl_16b, "sqshl", "v", ".16b", "v", ".16b", ", #3") \
    X(uqshl_8h, "uqshl", "v", ".8h", "v", ".8h", ", #9")  \
    X(sqshl_2d, "sqshl", "v", ".2d", "v", ".2d", ", #40") \
    X(sqshlu_4s, "sqshlu", "v", ".4s", "v", ".4s", ", #5") \
    X(sqshlu_8b, "sqshlu", "v", ".8b", "v", ".8b", ", #0") \
    X(uqshl_2s, "uqshl", "v", ".2s", "v", ".2s", ", #31") \
    X(sqshrn_8b, "sqshrn", "v", ".8b", "v", ".8h", ", #3") \
    X(uqshrn2_8h, "uqshrn2", "v", ".8h", "v", ".4s", ", #16") \
    X(sqshrun_2s, "sqshrun", "v", ".2s", "v", ".2d", ", #20") \
    X(sqrshrn2_16b, "sqrshrn2", "v", ".16b", "v", ".8h", ", #1") \
    X(uqrshrn_4h, "uqrshrn", "v", ".4h", "v", ".4s", ", #7") \
    X(sqrshrun_8b, "sqrshrun", "v", ".8b", "v", ".8h", ", #8") \
    X(sqshl_b, "sqshl", "b", "", "b", "", ", #2")         \
    X(uqshl_h, "uqshl", "h", "", "h", "", ", #5")         \
    X(sqshlu_s, "sqshlu", "s", "", "s", "", ", #3")       \
    X(sqshl_d, "sqshl", "d", "", "d", "", ", #7")         \
    X(sqshrn_b, "sqshrn", "b", "", "h", "", ", #4")       \
    X(uqrshrn_h, "uqrshrn", "h", "", "s", "", ", #9")     \
    X(sqrshrun_s, "sqrshrun", "s", "", "d", "", ", #31")  \
    X(sqxtn_b, "sqxtn", "b", "", "h", "", "")               \
    X(uqxtn_s, "uqxtn", "s", "", "d", "", "")               \
    X(sqabs_h, "sqabs", "h", "", "h", "", "")               \
    X(sqneg_b, "sqneg", "b", "", "b", "", "")            \
    X(suqadd_16b, "suqadd", "v", ".16b", "v", ".16b", "") \
    X(usqadd_8h, "usqadd", "v", ".8h", "v", ".8h", "")    \
    X(suqadd_2s, "suqadd", "v", ".2s", "v", ".2s", "")    \
    X(usqadd_2d, "usqadd", "v", ".2d", "v", ".2d", "")    \
    X(suqadd_b, "suqadd", "b", "", "b", "", "")           \
    X(usqadd_s, "usqadd", "s", "", "s", "", "")           \
    X(usqadd_d, "usqadd", "d", "", "d", "", "")

/* mnemonic, the arrangements of the destination and the two sources */
#define TWO_SOURCES(X)                   \
    X(zip1_16b, "zip1", ".16b", ".16b", ".16b")    \
    X(zip2_16b, "zip2", ".16b", ".16b", ".16b")    \
    X(zip1_4h, "zip1", ".4h", ".4h", ".4h")        \
    X(zip2_4h, "zip2", ".4h", ".4h", ".4h")        \
    X(zip2_2s, "zip2", ".2s", ".2s", ".2s")        \
    X(zip2_2d, "zip2", ".2d", ".2d", ".2d")        \
    X(uzp1_16b, "uzp1", ".16b", ".16b", ".16b")    \
    X(uzp2_4h, "uzp2", ".4h", ".4h", ".4h")        \
    X(uzp1_4s, "uzp1", ".4s", ".4s", ".4s")        \
    X(uzp2_2d, "uzp2", ".2d", ".2d", ".2d")        \
    X(trn1_16b, "trn1", ".16b", ".16b", ".16b")    \
    X(trn2_8b, "trn2", ".8b", ".8b", ".8b")        \
    X(trn1_8h, "trn1", ".8h", ".8h", ".8h")        \
    X(trn2_4s, "trn2", ".4s", ".4s", ".4s")        \
    X(trn1_2d, "trn1", ".2d", ".2d", ".2d")        \
    X(trn2_2d, "trn2", ".2d", ".2d", ".2d")            \
    X(saddl_8h, "saddl", ".8h", ".8b", ".8b")      \
    X(uaddl2_4s, "uaddl2", ".4s", ".8h", ".8h")    \
    X(ssubl_2d, "ssubl", ".2d", ".2s", ".2s")      \
    X(usubl2_8h, "usubl2", ".8h", ".16b", ".16b")  \
    X(saddw2_2d, "saddw2", ".2d", ".2d", ".4s")    \
    X(uaddw_8h, "uaddw", ".8h", ".8h", ".8b")      \
    X(ssubw_4s, "ssubw", ".4s", ".4s", ".4h")      \
    X(usubw2_2d, "usubw2", ".2d", ".2d", ".4s")    \
    X(sabal_8h, "sabal", ".8h", ".8b", ".8b")      \
    X(uabal2_2d, "uabal2", ".2d", ".4s", ".4s")    \
    X(sabdl2_4s, "sabdl2", ".4s", ".8h", ".8h")    \
    X(uabdl_2d, "uabdl", ".2d", ".2s", ".2s")      \
    X(smlal_4s, "smlal", ".4s", ".4h", ".4h")      \
    X(umlal2_2d, "umlal2", ".2d", ".4s", ".4s")    \
    X(smlsl2_8h, "smlsl2", ".8h", ".16b", ".16b")  \
    X(umlsl_4s, "umlsl", ".4s", ".4h", ".4h")      \
    X(smull_2d, "smull", ".2d", ".2s", ".2s")      \
    X(umull2_8h, "umull2", ".8h", ".16b", ".16b")  \
    X(smull2_4s, "smull2", ".4s", ".8h", ".8h")    \
    X(umull_2d, "umull", ".2d", ".2s", ".2s")      \
    X(addhn_8b, "addhn", ".8b", ".8h", ".8h")      \
    X(raddhn2_8h, "raddhn2", ".8h", ".4s", ".4s")  \
    X(subhn_2s, "subhn", ".2s", ".2d", ".2d")      \
    X(rsubhn2_16b, "rsubhn2", ".16b", ".8h", ".8h") \
    X(sqadd_16b, "sqadd", ".16b", ".16b", ".16b")  \
    X(sqadd_2d, "sqadd", ".2d", ".2d", ".2d")      \
    X(uqadd_8h, "uqadd", ".8h", ".8h", ".8h")      \
    X(uqadd_4s, "uqadd", ".4s", ".4s", ".4s")      \
    X(sqsub_4h, "sqsub", ".4h", ".4h", ".4h")      \
    X(sqsub_4s, "sqsub", ".4s", ".4s", ".4s")      \
    X(uqsub_8b, "uqsub", ".8b", ".8b", ".8b")      \
    X(uqsub_2d, "uqsub", ".2d", ".2d", ".2d")      \
    X(mul_16b, "mul", ".16b", ".16b", ".16b")      \
    X(mla_8b, "mla", ".8b", ".8b", ".8b")          \
    X(mls_16b, "mls", ".16b", ".16b", ".16b")      \
    X(shadd_16b, "shadd", ".16b", ".16b", ".16b")  \
    X(uhadd_8b, "uhadd", ".8b", ".8b", ".8b")      \
    X(srhadd_16b, "srhadd", ".16b", ".16b", ".16b") \
    X(urhadd_16b, "urhadd", ".16b", ".16b", ".16b") \
    X(mul_elem_8h, "mul", ".8h", ".8h", ".h[5]")   \
    X(mla_elem_2s, "mla", ".2s", ".2s", ".s[3]")   \
    X(mls_elem_4h, "mls", ".4h", ".4h", ".h[0]")   \
    X(smull_elem_4s, "smull", ".4s", ".4h", ".h[7]") \
    X(umlal2_elem_2d, "umlal2", ".2d", ".4s", ".s[1]") \
    X(smlsl2_elem_4s, "smlsl2", ".4s", ".8h", ".h[2]") \
    X(shsub_16b, "shsub", ".16b", ".16b", ".16b")  \
    X(uhsub_8b, "uhsub", ".8b", ".8b", ".8b")      \
    X(shsub_4s, "shsub", ".4s", ".4s", ".4s")      \
    X(uhsub_8h, "uhsub", ".8h", ".8h", ".8h")      \
    X(sqdmulh_8h, "sqdmulh", ".8h", ".8h", ".8h")  \
    X(sqdmulh_2s, "sqdmulh", ".2s", ".2s", ".2s")  \
    X(sqrdmulh_4h, "sqrdmulh", ".4h", ".4h", ".4h") \
    X(sqrdmulh_4s, "sqrdmulh", ".4s", ".4s", ".4s") \
    X(sqdmulh_elem_8h, "sqdmulh", ".8h", ".8h", ".h[3]") \
    X(sqrdmulh_elem_4s, "sqrdmulh", ".4s", ".4s", ".s[2]") \
    X(sshl_16b, "sshl", ".16b", ".16b", ".16b")    \
    X(ushl_8b, "ushl", ".8b", ".8b", ".8b")        \
    X(sshl_4h, "sshl", ".4h", ".4h", ".4h")        \
    X(ushl_8h, "ushl", ".8h", ".8h", ".8h")        \
    X(srshl_4s, "srshl", ".4s", ".4s", ".4s")      \
    X(urshl_2d, "urshl", ".2d", ".2d", ".2d")      \
    X(srshl_16b, "srshl", ".16b", ".16b", ".16b")  \
    X(urshl_8h, "urshl", ".8h", ".8h", ".8h")      \
    X(sshl_2d, "sshl", ".2d", ".2d", ".2d")        \
    X(ushl_2s, "ushl", ".2s", ".2s", ".2s")        \
    X(urshl_16b, "urshl", ".16b", ".16b", ".16b")  \
    X(srshl_2d, "srshl", ".2d", ".2d", ".2d")      \
    X(pmul_16b, "pmul", ".16b", ".16b", ".16b")    \
    X(pmul_8b, "pmul", ".8b", ".8b", ".8b")        \
    X(sqdmull_4s, "sqdmull", ".4s", ".4h", ".4h")  \
    X(sqdmull2_2d, "sqdmull2", ".2d", ".4s", ".4s") \
    X(sqdmlal_2d, "sqdmlal", ".2d", ".2s", ".2s")  \
    X(sqdmlal2_4s, "sqdmlal2", ".4s", ".8h", ".8h") \
    X(sqdmlsl_4s, "sqdmlsl", ".4s", ".4h", ".4h")  \
    X(sqdmlsl2_2d, "sqdmlsl2", ".2d", ".4s", ".4s") \
    X(sqdmull_elem_4s, "sqdmull", ".4s", ".4h", ".h[7]") \
    X(sqdmlal2_elem_2d, "sqdmlal2", ".2d", ".4s", ".s[3]") \
    X(sqdmlsl_elem_4s, "sqdmlsl", ".4s", ".4h", ".h[1]") \
    X(sqshl_r_16b, "sqshl", ".16b", ".16b", ".16b") \
    X(uqshl_r_4h, "uqshl", ".4h", ".4h", ".4h")    \
    X(sqrshl_4s, "sqrshl", ".4s", ".4s", ".4s")    \
    X(uqrshl_2d, "uqrshl", ".2d", ".2d", ".2d")    \
    X(sqshl_r_2d, "sqshl", ".2d", ".2d", ".2d")    \
    X(uqrshl_8b, "uqrshl", ".8b", ".8b", ".8b")    \
    X(sqrshl_8h, "sqrshl", ".8h", ".8h", ".8h")

/* Scalar: mnemonic, the prefixes of the destination and the two sources,
 * and m's suffix (an element) */
#define SCALAR_TWO_SOURCES(X)                            \
    X(sqadd_b, "sqadd", "b", "b", "b", "")               \
    X(uqsub_h, "uqsub", "h", "h", "h", "")               \
    X(sqadd_s, "sqadd", "s", "s", "s", "")               \
    X(sqdmulh_h, "sqdmulh", "h", "h", "h", "")           \
    X(sqrdmulh_s, "sqrdmulh", "s", "s", "s", "")         \
    X(sqdmulh_elem_s, "sqdmulh", "s", "s", "v", ".s[1]") \
    X(sqrdmulh_elem_h, "sqrdmulh", "h", "h", "v", ".h[6]") \
    X(sshl_d, "sshl", "d", "d", "d", "")                 \
    X(urshl_d, "urshl", "d", "d", "d", "")                \
    X(sqdmull_s, "sqdmull", "s", "h", "h", "")           \
    X(sqdmlal_d, "sqdmlal", "d", "s", "s", "")           \
    X(sqdmlsl_s, "sqdmlsl", "s", "h", "h", "")           \
    X(sqdmlal_elem_s, "sqdmlal", "s", "h", "v", ".h[5]") \
    X(sqdmull_elem_d, "sqdmull", "d", "s", "v", ".s[3]") \
    X(sqshl_r_h, "sqshl", "h", "h", "h", "")             \
    X(uqrshl_b, "uqrshl", "b", "b", "b", "")             \
    X(sqrshl_d, "sqrshl", "d", "d", "d", "")

#define STR(x) #x
#define INSN1(mn, dp, ds, np, ns, imm, d, n) mn " " dp STR(d) ds ", " np STR(n) ns imm
#define INSN2(mn, ad, an, am, d, n, m) mn " v" STR(d) ad ", v" STR(n) an ", v" STR(m) am

/* Per instruction: d in a register of its own, then d = n. */
#define DEF1(name, mn, dp, ds, np, ns, imm)                                            \
    static void name##_0(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        (void)m;                                                                       \
        __asm__ volatile("ldr q0, [%0]\n\tldr q1, [%1]\n\t" INSN1(mn, dp, ds, np, ns, imm, 0, 1) \
                         "\n\tstr q0, [%0]" : : "r"(d), "r"(n) : "v0", "v1", "memory");  \
    }                                                                                  \
    static void name##_1(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        (void)m;                                                                       \
        __asm__ volatile("ldr q0, [%1]\n\t" INSN1(mn, dp, ds, np, ns, imm, 0, 0)        \
                         "\n\tstr q0, [%0]" : : "r"(d), "r"(n) : "v0", "memory");       \
    }
/* d, n, m apart; d = n; d = m; n = m. */
#define DEF2(name, mn, ad, an, am)                                                             \
    static void name##_0(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        __asm__ volatile("ldr q0, [%0]\n\tldr q1, [%1]\n\tldr q2, [%2]\n\t"             \
                         INSN2(mn, ad, an, am, 0, 1, 2) "\n\tstr q0, [%0]"                      \
                         : : "r"(d), "r"(n), "r"(m) : "v0", "v1", "v2", "memory");      \
    }                                                                                  \
    static void name##_1(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        __asm__ volatile("ldr q0, [%1]\n\tldr q2, [%2]\n\t" INSN2(mn, ad, an, am, 0, 0, 2)      \
                         "\n\tstr q0, [%0]" : : "r"(d), "r"(n), "r"(m) : "v0", "v2", "memory"); \
    }                                                                                  \
    static void name##_2(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        __asm__ volatile("ldr q1, [%1]\n\tldr q0, [%2]\n\t" INSN2(mn, ad, an, am, 0, 1, 0)      \
                         "\n\tstr q0, [%0]" : : "r"(d), "r"(n), "r"(m) : "v0", "v1", "memory"); \
    }                                                                                  \
    static void name##_3(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        __asm__ volatile("ldr q0, [%0]\n\tldr q1, [%1]\n\t" INSN2(mn, ad, an, am, 0, 1, 1)      \
                         "\n\tstr q0, [%0]" : : "r"(d), "r"(n), "r"(m) : "v0", "v1", "memory"); \
    }
ONE_SOURCE(DEF1)
TWO_SOURCES(DEF2)
/* (after the tables in the runs, so that their inputs stay the same) */
#define LATE_TWO_SOURCES(X)                            \
    X(pmull_8h, "pmull", ".8h", ".8b", ".8b")          \
    X(pmull2_8h, "pmull2", ".8h", ".16b", ".16b")
LATE_TWO_SOURCES(DEF2)

#define INSN2S(mn, pd, pn, pm, am, d, n, m) mn " " pd STR(d) ", " pn STR(n) ", " pm STR(m) am
#define DEF2S(name, mn, pd, pn, pm, am)                                                \
    static void name##_0(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        __asm__ volatile("ldr q0, [%0]\n\tldr q1, [%1]\n\tldr q2, [%2]\n\t"             \
                         INSN2S(mn, pd, pn, pm, am, 0, 1, 2) "\n\tstr q0, [%0]"          \
                         : : "r"(d), "r"(n), "r"(m) : "v0", "v1", "v2", "memory");      \
    }                                                                                  \
    static void name##_1(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        __asm__ volatile("ldr q0, [%1]\n\tldr q2, [%2]\n\t" INSN2S(mn, pd, pn, pm, am, 0, 0, 2) \
                         "\n\tstr q0, [%0]" : : "r"(d), "r"(n), "r"(m) : "v0", "v2", "memory"); \
    }                                                                                  \
    static void name##_2(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        __asm__ volatile("ldr q1, [%1]\n\tldr q0, [%2]\n\t" INSN2S(mn, pd, pn, pm, am, 0, 1, 0) \
                         "\n\tstr q0, [%0]" : : "r"(d), "r"(n), "r"(m) : "v0", "v1", "memory"); \
    }                                                                                  \
    static void name##_3(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        __asm__ volatile("ldr q0, [%0]\n\tldr q1, [%1]\n\t" INSN2S(mn, pd, pn, pm, am, 0, 1, 1) \
                         "\n\tstr q0, [%0]" : : "r"(d), "r"(n), "r"(m) : "v0", "v1", "memory"); \
    }
SCALAR_TWO_SOURCES(DEF2S)

/* Table lookups: the tables v1-v4 from n on (four vectors), the indices
 * in v5 from m, reduced to a range that reaches past the tables at
 * times. */
#define TABLE_RUN(name, load, insn, store, ...)                                        \
    static void name##_0(v128 *d, const v128 *n, const v128 *m)                        \
    {                                                                                  \
        __asm__ volatile(load "ldr q5, [%2]\n\t" insn "\n\t" store                     \
                         : : "r"(d), "r"(n), "r"(m) : __VA_ARGS__, "v5", "memory");    \
    }
#define TABLE(name, insn)                                                              \
    TABLE_RUN(name, "ldr q0, [%0]\n\tldp q1, q2, [%1]\n\tldp q3, q4, [%1, #32]\n\t",    \
              insn, "str q0, [%0]", "v0", "v1", "v2", "v3", "v4")
#define TABLES(X)                                                       \
    X(tbl1_16b, "tbl v0.16b, {v1.16b}, v5.16b")                         \
    X(tbl2_8b, "tbl v0.8b, {v1.16b, v2.16b}, v5.8b")                    \
    X(tbl3_16b, "tbl v0.16b, {v1.16b, v2.16b, v3.16b}, v5.16b")         \
    X(tbl4_16b, "tbl v0.16b, {v1.16b, v2.16b, v3.16b, v4.16b}, v5.16b") \
    X(tbx1_8b, "tbx v0.8b, {v1.16b}, v5.8b")                            \
    X(tbx2_16b, "tbx v0.16b, {v1.16b, v2.16b}, v5.16b")                 \
    X(tbx4_16b, "tbx v0.16b, {v1.16b, v2.16b, v3.16b, v4.16b}, v5.16b")
TABLES(TABLE)
/* The same with the tables wrapping from V31 to V0: v30, v31, v0, v1. */
#define TABLE_WRAP(name, insn)                                                         \
    TABLE_RUN(name, "ldr q2, [%0]\n\tldp q30, q31, [%1]\n\tldp q0, q1, [%1, #32]\n\t", \
              insn, "str q2, [%0]", "v0", "v1", "v2", "v30", "v31")
#define TABLES_WRAP(X)                                                          \
    X(tbl2_wrap_16b, "tbl v2.16b, {v31.16b, v0.16b}, v5.16b")                   \
    X(tbl3_wrap_8b, "tbl v2.8b, {v30.16b, v31.16b, v0.16b}, v5.8b")             \
    X(tbx4_wrap_16b, "tbx v2.16b, {v30.16b, v31.16b, v0.16b, v1.16b}, v5.16b")
TABLES_WRAP(TABLE_WRAP)

typedef void (*Run)(v128 *, const v128 *, const v128 *);
#define ROW1(name, ...) { #name, { name##_0, name##_1 } },
#define ROW2(name, ...) { #name, { name##_0, name##_1, name##_2, name##_3 } },
#define ROW_TABLE(name, ...) { #name, { name##_0 }, 1 },
static const struct {
    const char *name;
    Run run[4];
    int table;      /* n is four vectors, m indices */
} tests[] = { ONE_SOURCE(ROW1) TWO_SOURCES(ROW2) SCALAR_TWO_SOURCES(ROW2) TABLES(ROW_TABLE)
                TABLES_WRAP(ROW_TABLE) LATE_TWO_SOURCES(ROW2) };

static void set_fpsr(uint64_t v) { __asm__ volatile("msr fpsr, %0" : : "r"(v)); }
static uint64_t get_fpsr(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}

static uint64_t seed = 88172645463325252ull;
static uint64_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

int main(int argc, char **argv)
{
    int verbose = argc > 1 && !strcmp(argv[1], "-v");
    for (unsigned t = 0; t < sizeof(tests) / sizeof(tests[0]); t++) {
        for (int r = 0; r < 4 && tests[t].run[r]; r++) {
            uint64_t h = 0xcbf29ce484222325ull;
            for (int i = 0; i < 300; i++) {
                v128 d = { rnd(), rnd() }, n[4] = { { rnd(), rnd() } }, m = { rnd(), rnd() };
                if (i % 4 == 0) {
                    n[0].lo |= 0x8080808080808080ull;
                    m.hi |= 0x8000800080008000ull;
                }
                if (i % 8 == 1) {
                    /* the most negative lanes (whose doubled squares
                     * saturate), in a share of the lanes of each size */
                    uint64_t most = (uint64_t[]){ 0x8080808080808080ull, 0x8000800080008000ull,
                                                  0x8000000080000000ull }[i / 8 % 3];
                    uint64_t where = rnd() & rnd();
                    n[0].lo = (n[0].lo & ~where) | (most & where);
                    m.lo = (m.lo & ~where) | (most & where);
                    n[0].hi |= most;
                    m.hi |= most;
                }
                if (i % 8 == 3) {
                    /* shift counts (m's low bytes) near the lanes' widths */
                    uint8_t b[16];
                    memcpy(b, &m, 16);
                    for (int k = 0; k < 16; k++) {
                        b[k] = (uint8_t)((int)(rnd() % 145) - 72);
                    }
                    memcpy(&m, b, 16);
                }
                if (tests[t].table) {
                    for (int k = 1; k < 4; k++) {
                        n[k] = (v128){ rnd(), rnd() };
                    }
                    uint64_t range = i % 3 ? 0x3f3f3f3f3f3f3f3full : 0x4f4f4f4f4f4f4f4full;
                    m.lo &= range;
                    m.hi &= i % 5 ? range : ~0ull;
                }
                set_fpsr(0);
                tests[t].run[r](&d, n, &m);
                uint64_t fpsr = get_fpsr();
                if (verbose) {
                    printf("%s/%d %016llx%016llx fpsr=%llx\n", tests[t].name, r,
                           (unsigned long long)d.hi, (unsigned long long)d.lo,
                           (unsigned long long)fpsr);
                }
                h = (h ^ d.lo) * 0x100000001b3ull;
                h = (h ^ d.hi) * 0x100000001b3ull;
                h = (h ^ fpsr) * 0x100000001b3ull;
            }
            printf("%s/%d %016llx\n", tests[t].name, r, (unsigned long long)h);
        }
    }
    return 0;
}
