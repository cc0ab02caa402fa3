/*
 * The pattern decoder: turns the groups' encoding rows into mask/value
 * pairs and field extractors once, at start-up, then matches words
 * against the rows of their bucket.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"

typedef struct FieldSpec {
    uint16_t offset;      /* in DecodeArgs */
    uint8_t pos, len;
    bool is_signed;
} FieldSpec;

#define MAX_FIELDS 12

typedef struct CompiledRow {
    uint32_t mask, value;
    TransFn *trans;
    const char *name;
    uint8_t nfields;
    FieldSpec fields[MAX_FIELDS];
} CompiledRow;

struct DecodeTable {
    unsigned shift, nbuckets;
    CompiledRow **bucket;      /* per bucket: rows, NULL-terminated by count */
    unsigned *count;
};

static const struct { const char *name; uint16_t offset; } field_names[] = {
#define DECODE_FIELD_NAME(n) { #n, offsetof(DecodeArgs, n) },
    DECODE_FIELDS(DECODE_FIELD_NAME)
#undef DECODE_FIELD_NAME
};

static int field_offset(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof(field_names) / sizeof(field_names[0]); i++) {
        if (strlen(field_names[i].name) == len &&
            !memcmp(field_names[i].name, name, len)) {
            return field_names[i].offset;
        }
    }
    return -1;
}

/* Parses into row (when non-NULL, also the fields). */
static bool parse(const char *pattern, CompiledRow *row, uint32_t *mask,
                  uint32_t *value, const char **err)
{
    static char errbuf[128];
    int bit = 32;
    uint32_t m = 0, v = 0;
    unsigned nf = 0;
    const char *p = pattern;
    while (*p) {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (*p == '0' || *p == '1' || *p == 'x') {
            if (--bit < 0) {
                break;
            }
            if (*p != 'x') {
                m |= 1u << bit;
                v |= (uint32_t)(*p - '0') << bit;
            }
            p++;
            continue;
        }
        const char *name = p;
        while (*p && *p != ':' && *p != ' ') {
            p++;
        }
        if (*p != ':') {
            snprintf(errbuf, sizeof(errbuf), "field '%.*s' has no width",
                     (int)(p - name), name);
            *err = errbuf;
            return false;
        }
        size_t nlen = p - name;
        p++;
        bool sgn = false;
        if (*p == 's') {
            sgn = true;
            p++;
        }
        int len = 0;
        while (*p >= '0' && *p <= '9') {
            len = len * 10 + (*p++ - '0');
        }
        int off = field_offset(name, nlen);
        if (off < 0 || len <= 0) {
            snprintf(errbuf, sizeof(errbuf), "unknown field or width '%.*s'",
                     (int)nlen, name);
            *err = errbuf;
            return false;
        }
        bit -= len;
        if (bit < 0) {
            break;
        }
        if (row) {
            if (nf >= MAX_FIELDS) {
                *err = "too many fields";
                return false;
            }
            row->fields[nf++] = (FieldSpec){ off, bit, len, sgn };
        }
    }
    if (bit != 0) {
        snprintf(errbuf, sizeof(errbuf), "pattern has %d bits, not 32",
                 32 - bit);
        *err = errbuf;
        return false;
    }
    *mask = m;
    *value = v;
    if (row) {
        row->mask = m;
        row->value = v;
        row->nfields = nf;
    }
    return true;
}

bool decode_parse_pattern(const char *pattern, uint32_t *mask, uint32_t *value,
                          const char **err)
{
    return parse(pattern, NULL, mask, value, err);
}

DecodeTable *decode_table_build(const DecodeGroup *const *groups, unsigned ngroups,
                                uint32_t bucket_mask)
{
    DecodeTable *t = calloc(1, sizeof(*t));
    t->shift = __builtin_ctz(bucket_mask);
    unsigned bits = __builtin_popcount(bucket_mask);
    t->nbuckets = 1u << bits;
    t->bucket = calloc(t->nbuckets, sizeof(CompiledRow *));
    t->count = calloc(t->nbuckets, sizeof(unsigned));

    unsigned total = 0;
    for (unsigned g = 0; g < ngroups; g++) {
        total += groups[g]->nrows;
    }
    CompiledRow *rows = calloc(total, sizeof(CompiledRow));
    unsigned n = 0;
    for (unsigned g = 0; g < ngroups; g++) {
        for (unsigned r = 0; r < groups[g]->nrows; r++, n++) {
            const DecodePattern *p = &groups[g]->rows[r];
            const char *err;
            uint32_t m, v;
            rows[n].trans = p->trans;
            rows[n].name = p->name;
            if (!parse(p->pattern, &rows[n], &m, &v, &err)) {
                fprintf(stderr, "mimic: bad decode pattern in %s, row \"%s\": %s\n",
                        groups[g]->name, p->name, err);
                exit(2);
            }
        }
    }
    /* A row goes into every bucket its fixed bits allow. */
    for (unsigned b = 0; b < t->nbuckets; b++) {
        uint32_t bv = (uint32_t)b << t->shift;
        t->bucket[b] = calloc(total, sizeof(CompiledRow));
        for (unsigned i = 0; i < total; i++) {
            uint32_t common = rows[i].mask & bucket_mask;
            if ((bv & common) == (rows[i].value & common)) {
                t->bucket[b][t->count[b]++] = rows[i];
            }
        }
    }
    free(rows);
    return t;
}

DecodeResult decode_insn(const DecodeTable *t, struct DisasContext *s,
                         uint32_t insn, const char **name)
{
    unsigned b = (insn >> t->shift) & (t->nbuckets - 1);
    const CompiledRow *rows = t->bucket[b];
    for (unsigned i = 0; i < t->count[b]; i++) {
        const CompiledRow *r = &rows[i];
        if ((insn & r->mask) != r->value) {
            continue;
        }
        *name = r->name;
        if (!r->trans) {
            return DECODE_UNIMPLEMENTED;
        }
        DecodeArgs a = { 0 };
        for (unsigned f = 0; f < r->nfields; f++) {
            const FieldSpec *fs = &r->fields[f];
            uint32_t v = (insn >> fs->pos) & ((1u << fs->len) - 1);
            int val = (int)v;
            if (fs->is_signed && (v >> (fs->len - 1))) {
                val = (int)(v | ~((1u << fs->len) - 1));
            }
            *(int *)((char *)&a + fs->offset) = val;
        }
        if (r->trans(s, &a)) {
            return DECODE_OK;
        }
    }
    *name = NULL;
    return DECODE_UNALLOCATED;
}

const char *decode_lookup(const DecodeTable *t, uint32_t insn)
{
    unsigned b = (insn >> t->shift) & (t->nbuckets - 1);
    for (unsigned i = 0; i < t->count[b]; i++) {
        if ((insn & t->bucket[b][i].mask) == t->bucket[b][i].value) {
            return t->bucket[b][i].name;
        }
    }
    return NULL;
}

void decode_table_foreach(const DecodeGroup *const *groups, unsigned ngroups,
                          void (*fn)(const DecodeGroup *g,
                                     const DecodePattern *p, void *opaque),
                          void *opaque)
{
    for (unsigned g = 0; g < ngroups; g++) {
        for (unsigned r = 0; r < groups[g]->nrows; r++) {
            fn(groups[g], &groups[g]->rows[r], opaque);
        }
    }
}
