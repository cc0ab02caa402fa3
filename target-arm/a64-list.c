/*
 * Prints the A64 decoder's rows as Markdown: which encodings are
 * implemented and which are known but missing.  docs/a64-coverage.md is
 * this program's output, and a test checks that it is current, so the
 * list of what is missing always comes from the decoder's own table.
 */
#include <stdio.h>
#include <string.h>

#include "tcg/disas.h"
#include "translate-a64.h"

/* The decoder's groups live in the front end; nothing here runs code. */
static bool no_code_fetch(uint64_t addr, void *dst, size_t len)
{
    return false;
}

static void count_row(const DecodeGroup *g, const DecodePattern *p, void *opaque)
{
    unsigned *n = opaque;
    n[p->trans != NULL]++;
}

int main(int argc, char **argv)
{
    guest_code_fetch = no_code_fetch;
    unsigned total[2] = { 0, 0 };
    decode_table_foreach(a64_groups, a64_ngroups, count_row, total);
    printf("# A64 decoder coverage\n\n"
           "Generated from the decoder's tables by `build/target-arm/a64-list`;\n"
           "`make check` fails when this file is out of date.  A row is one line\n"
           "of a group's pattern table (target-arm/a64-*.c).\n\n"
           "%u rows implemented, %u known encodings not implemented (they raise\n"
           "SIGILL and are logged under `-d unimp`).\n\n", total[1], total[0]);
    for (unsigned i = 0; i < a64_ngroups; i++) {
        const DecodeGroup *g = a64_groups[i];
        unsigned n[2] = { 0, 0 };
        for (unsigned r = 0; r < g->nrows; r++) {
            n[g->rows[r].trans != NULL]++;
        }
        printf("## %s\n\n%u implemented, %u missing\n\n", g->name, n[1], n[0]);
        for (int want = 1; want >= 0; want--) {
            if (!n[want]) {
                continue;
            }
            printf("%s:\n\n", want ? "Implemented" : "Missing");
            for (unsigned r = 0; r < g->nrows; r++) {
                const DecodePattern *p = &g->rows[r];
                if ((p->trans != NULL) == want) {
                    printf("- %s — `%s`\n", p->name, p->pattern);
                }
            }
            printf("\n");
        }
    }
    return 0;
}
