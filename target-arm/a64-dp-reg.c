/*
 * A64 data processing (register): placeholder until its translator lands.
 */
#include "translate-a64.h"

static const DecodePattern dp_reg_rows[] = {
};

const DecodeGroup a64_dp_reg_group = DECODE_GROUP("data processing (register)", dp_reg_rows);
