/*
 * A64 cryptographic extension: placeholder until its translator lands.
 */
#include "translate-a64.h"

static const DecodePattern crypto_rows[] = {
};

const DecodeGroup a64_crypto_group = DECODE_GROUP("cryptographic extension", crypto_rows);
