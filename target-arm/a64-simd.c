/*
 * A64 Advanced SIMD: placeholder until its translator lands.
 */
#include "translate-a64.h"

static const DecodePattern simd_rows[] = {
};

const DecodeGroup a64_simd_group = DECODE_GROUP("Advanced SIMD", simd_rows);
