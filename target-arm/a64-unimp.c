/*
 * A64 top-level encoding classes outside the other groups: the reserved
 * space (UDF) and the scalable extensions this CPU does not have.  Rows
 * with no translator document what is missing; see docs/a64-coverage.md.
 */
#include "translate-a64.h"

static bool trans_UDF(DisasContext *s, const DecodeArgs *a)
{
    /* Permanently undefined: SIGILL, as on hardware. */
    unallocated_encoding(s);
    return true;
}

static const DecodePattern unimp_rows[] = {
    { "0000000000000000 imm16:16", trans_UDF, "UDF" },
    { "1 xx 0000 xxxxxxxxxxxxxxxxxxxxxxxxx", NULL, "SME" },
    { "xxx 0010 xxxxxxxxxxxxxxxxxxxxxxxxx", NULL, "SVE and SVE2" },
};

const DecodeGroup a64_unimp_group = DECODE_GROUP("reserved, SVE, SME", unimp_rows);
