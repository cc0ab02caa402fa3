/*
 * A64 data processing (immediate): placeholder until its translator lands.
 */
#include "translate-a64.h"

static const DecodePattern dp_imm_rows[] = {
};

const DecodeGroup a64_dp_imm_group = DECODE_GROUP("data processing (immediate)", dp_imm_rows);
