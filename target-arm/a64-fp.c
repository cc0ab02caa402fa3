/*
 * A64 scalar floating point: placeholder until its translator lands.
 */
#include "translate-a64.h"

static const DecodePattern fp_rows[] = {
};

const DecodeGroup a64_fp_group = DECODE_GROUP("scalar floating point", fp_rows);
