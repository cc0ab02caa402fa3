/*
 * A64 loads and stores: placeholder until its translator lands.
 */
#include "translate-a64.h"

static const DecodePattern ldst_rows[] = {
};

const DecodeGroup a64_ldst_group = DECODE_GROUP("loads and stores", ldst_rows);
