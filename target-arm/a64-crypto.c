/*
 * A64 cryptographic extension (Arm ARM C4.1.6, "Cryptographic AES",
 * "Cryptographic three-register SHA", "Cryptographic two-register SHA",
 * and the SHA512/SHA3/SM3/SM4 classes of later architecture versions),
 * plus PMULL/PMULL2 from "Advanced SIMD three different", whose 64-bit
 * form belongs to FEAT_PMULL.  This group is tried before the Advanced SIMD
 * one, so its PMULL row takes precedence over any there.
 *
 * Each class is one row; its translator looks the opcode up in a table
 * written like the manual's (opcode -> instruction, feature) and emits one
 * helper call (helper-crypto.c).  Instructions are available only when the
 * CPU model's ID_AA64ISAR0_EL1 advertises their feature, as on hardware;
 * the 8-bit PMULL is base Advanced SIMD, inline (tcg's vop_vec).
 */
#include "translate-a64.h"

/* The helpers, all (env, rd, rn, rm, variant); defined in helper-crypto.c. */
DECLARE_HELPER_INFO(crypto_aes_round);
DECLARE_HELPER_INFO(crypto_aes_mix);
DECLARE_HELPER_INFO(crypto_sha1_hash);
DECLARE_HELPER_INFO(crypto_sha1su0);
DECLARE_HELPER_INFO(crypto_sha1h);
DECLARE_HELPER_INFO(crypto_sha1su1);
DECLARE_HELPER_INFO(crypto_sha256_hash);
DECLARE_HELPER_INFO(crypto_sha256su0);
DECLARE_HELPER_INFO(crypto_sha256su1);
DECLARE_HELPER_INFO(crypto_pmull64);

/* ---- features of the CPU model ---- */

typedef enum CryptoFeature {
    FEAT_NONE,      /* base Advanced SIMD */
    FEAT_AES,
    FEAT_PMULL,
    FEAT_SHA1,
    FEAT_SHA256,
} CryptoFeature;

/* ID_AA64ISAR0_EL1 field (bit position) and the value that means present:
 * AES is 1 for AES alone and 2 for AES with PMULL. */
static const struct {
    uint8_t pos, min;
} feature_field[] = {
    [FEAT_AES] = { 4, 1 },
    [FEAT_PMULL] = { 4, 2 },
    [FEAT_SHA1] = { 8, 1 },
    [FEAT_SHA256] = { 12, 1 },
};

static bool have_feature(DisasContext *s, CryptoFeature f)
{
    if (f == FEAT_NONE) {
        return true;
    }
    unsigned v = (s->model->id_aa64isar0 >> feature_field[f].pos) & 0xf;
    return v >= feature_field[f].min;
}

/* ---- the opcode tables ---- */

typedef struct CryptoOp {
    uint8_t opcode;
    TCGHelperInfo *helper;
    uint8_t variant;       /* the helper's last argument */
    uint8_t feature;       /* CryptoFeature */
} CryptoOp;

/* Cryptographic AES: opcode (size must be 00). */
static const CryptoOp aes_ops[] = {
    { 0x04, &helper_info_crypto_aes_round, 0, FEAT_AES },   /* AESE */
    { 0x05, &helper_info_crypto_aes_round, 1, FEAT_AES },   /* AESD */
    { 0x06, &helper_info_crypto_aes_mix, 0, FEAT_AES },     /* AESMC */
    { 0x07, &helper_info_crypto_aes_mix, 1, FEAT_AES },     /* AESIMC */
};

/* Cryptographic three-register SHA: opcode (size must be 00); the
 * SHA1C/P/M variant is the round function. */
static const CryptoOp sha_3reg_ops[] = {
    { 0, &helper_info_crypto_sha1_hash, 0, FEAT_SHA1 },     /* SHA1C */
    { 1, &helper_info_crypto_sha1_hash, 1, FEAT_SHA1 },     /* SHA1P */
    { 2, &helper_info_crypto_sha1_hash, 2, FEAT_SHA1 },     /* SHA1M */
    { 3, &helper_info_crypto_sha1su0, 0, FEAT_SHA1 },       /* SHA1SU0 */
    { 4, &helper_info_crypto_sha256_hash, 0, FEAT_SHA256 }, /* SHA256H */
    { 5, &helper_info_crypto_sha256_hash, 1, FEAT_SHA256 }, /* SHA256H2 */
    { 6, &helper_info_crypto_sha256su1, 0, FEAT_SHA256 },   /* SHA256SU1 */
};

/* Cryptographic two-register SHA: opcode (size must be 00). */
static const CryptoOp sha_2reg_ops[] = {
    { 0, &helper_info_crypto_sha1h, 0, FEAT_SHA1 },         /* SHA1H */
    { 1, &helper_info_crypto_sha1su1, 0, FEAT_SHA1 },       /* SHA1SU1 */
    { 2, &helper_info_crypto_sha256su0, 0, FEAT_SHA256 },   /* SHA256SU0 */
};

#define NOPS(t) (sizeof(t) / sizeof((t)[0]))

/* The row of ops for key, or NULL if there is none or the model lacks its
 * feature: either way the encoding is UNDEFINED. */
static const CryptoOp *find_op(DisasContext *s, const CryptoOp *ops, size_t n,
                               unsigned key)
{
    for (size_t i = 0; i < n; i++) {
        if (ops[i].opcode == key) {
            return have_feature(s, ops[i].feature) ? &ops[i] : NULL;
        }
    }
    return NULL;
}

/* One helper call, or UNDEF if op is NULL.  The helper reads every source
 * before it writes Vd, and nothing here can fault. */
static bool gen_crypto_op(DisasContext *s, const CryptoOp *op, int rd, int rn, int rm,
                          unsigned variant)
{
    if (!op) {
        unallocated_encoding(s);
        return true;
    }
    if (fp_access_check(s)) {
        void *args[5] = { tcg_env, tcg_constant_i32(rd), tcg_constant_i32(rn),
                          tcg_constant_i32(rm), tcg_constant_i32(variant) };
        tcg_gen_callN(op->helper, NULL, 5, args);
    }
    return true;
}

/* The instruction a->opcode selects in ops. */
static bool do_crypto(DisasContext *s, const DecodeArgs *a, const CryptoOp *ops, size_t n,
                      int rm)
{
    const CryptoOp *op = find_op(s, ops, n, a->opcode);
    return gen_crypto_op(s, op, a->Rd, a->Rn, rm, op ? op->variant : 0);
}

static bool trans_AES(DisasContext *s, const DecodeArgs *a)
{
    return do_crypto(s, a, aes_ops, NOPS(aes_ops), 0);
}

static bool trans_SHA_3reg(DisasContext *s, const DecodeArgs *a)
{
    return do_crypto(s, a, sha_3reg_ops, NOPS(sha_3reg_ops), a->Rm);
}

static bool trans_SHA_2reg(DisasContext *s, const DecodeArgs *a)
{
    return do_crypto(s, a, sha_2reg_ops, NOPS(sha_2reg_ops), 0);
}

/* PMULL/PMULL2 by size: 00 is 8x8 -> 16 bits per lane (base Advanced
 * SIMD: tcg's vop_vec, inline), 11 is 64x64 -> 128 (FEAT_PMULL), 01 and
 * 10 are reserved.  The helper's variant is Q, the source half. */
static const CryptoOp pmull_ops[] = {
    { 3, &helper_info_crypto_pmull64, 0, FEAT_PMULL },
};

static bool trans_PMULL(DisasContext *s, const DecodeArgs *a)
{
    if (a->size == 0) {
        if (fp_access_check(s)) {
            tcg_gen_vop_vec(vreg_offset(a->Rd), vreg_offset(a->Rn), vreg_offset(a->Rm),
                            TCG_VOP_KIND(TCG_VOP_PMULL, 0, a->Q), 0);
        }
        return true;
    }
    const CryptoOp *op = find_op(s, pmull_ops, NOPS(pmull_ops), a->size);
    return gen_crypto_op(s, op, a->Rd, a->Rn, a->Rm, a->Q);
}

static const DecodePattern crypto_rows[] = {
    /* Armv8.0 cryptographic extension */
    { "01001110 00 10100 opcode:5 10 Rn:5 Rd:5", trans_AES,
      "AESE, AESD, AESMC, AESIMC" },
    { "01011110 00 0 Rm:5 0 opcode:3 00 Rn:5 Rd:5", trans_SHA_3reg,
      "SHA1C, SHA1P, SHA1M, SHA1SU0, SHA256H, SHA256H2, SHA256SU1" },
    { "01011110 00 10100 opcode:5 10 Rn:5 Rd:5", trans_SHA_2reg,
      "SHA1H, SHA1SU1, SHA256SU0" },
    /* Advanced SIMD three different, U = 0, opcode 1110 */
    { "0 Q:1 0 01110 size:2 1 Rm:5 1110 00 Rn:5 Rd:5", trans_PMULL, "PMULL, PMULL2" },

    /* Cryptographic four-register (FEAT_SHA3, FEAT_SM3) */
    { "11001110 0 00 Rm:5 0 Ra:5 Rn:5 Rd:5", NULL, "EOR3 (FEAT_SHA3)" },
    { "11001110 0 01 Rm:5 0 Ra:5 Rn:5 Rd:5", NULL, "BCAX (FEAT_SHA3)" },
    { "11001110 0 10 Rm:5 0 Ra:5 Rn:5 Rd:5", NULL, "SM3SS1 (FEAT_SM3)" },
    /* Cryptographic three-register, imm2 (FEAT_SM3) */
    { "11001110 010 Rm:5 10 xx 00 Rn:5 Rd:5", NULL, "SM3TT1A (FEAT_SM3)" },
    { "11001110 010 Rm:5 10 xx 01 Rn:5 Rd:5", NULL, "SM3TT1B (FEAT_SM3)" },
    { "11001110 010 Rm:5 10 xx 10 Rn:5 Rd:5", NULL, "SM3TT2A (FEAT_SM3)" },
    { "11001110 010 Rm:5 10 xx 11 Rn:5 Rd:5", NULL, "SM3TT2B (FEAT_SM3)" },
    /* Cryptographic three-register SHA512 */
    { "11001110 011 Rm:5 1 0 00 00 Rn:5 Rd:5", NULL, "SHA512H (FEAT_SHA512)" },
    { "11001110 011 Rm:5 1 0 00 01 Rn:5 Rd:5", NULL, "SHA512H2 (FEAT_SHA512)" },
    { "11001110 011 Rm:5 1 0 00 10 Rn:5 Rd:5", NULL, "SHA512SU1 (FEAT_SHA512)" },
    { "11001110 011 Rm:5 1 0 00 11 Rn:5 Rd:5", NULL, "RAX1 (FEAT_SHA3)" },
    { "11001110 011 Rm:5 1 1 00 00 Rn:5 Rd:5", NULL, "SM3PARTW1 (FEAT_SM3)" },
    { "11001110 011 Rm:5 1 1 00 01 Rn:5 Rd:5", NULL, "SM3PARTW2 (FEAT_SM3)" },
    { "11001110 011 Rm:5 1 1 00 10 Rn:5 Rd:5", NULL, "SM4EKEY (FEAT_SM4)" },
    /* XAR */
    { "11001110 100 Rm:5 imm6:6 Rn:5 Rd:5", NULL, "XAR (FEAT_SHA3)" },
    /* Cryptographic two-register SHA512 */
    { "11001110 110000001000 00 Rn:5 Rd:5", NULL, "SHA512SU0 (FEAT_SHA512)" },
    { "11001110 110000001000 01 Rn:5 Rd:5", NULL, "SM4E (FEAT_SM4)" },
};

const DecodeGroup a64_crypto_group = DECODE_GROUP("cryptographic extension", crypto_rows);
