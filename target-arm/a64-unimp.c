/*
 * A64 known, not implemented: placeholder until its translator lands.
 */
#include "translate-a64.h"

static const DecodePattern unimp_rows[] = {
};

const DecodeGroup a64_unimp_group = DECODE_GROUP("known, not implemented", unimp_rows);
