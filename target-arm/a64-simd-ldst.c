/*
 * A64 SIMD loads and stores: placeholder until its translator lands.
 */
#include "translate-a64.h"

static const DecodePattern simd_ldst_rows[] = {
};

const DecodeGroup a64_simd_ldst_group = DECODE_GROUP("SIMD loads and stores", simd_ldst_rows);
