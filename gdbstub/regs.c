/*
 * The target's register table made into what gdb reads: the target
 * description (target.xml and one file per feature, qXfer:features) and
 * the values of single registers.  Nothing here is typed in by hand per
 * target: every line comes from the table.
 */
#include <glib.h>
#include <string.h>

#include "internal.h"

static void append_types(GString *x, const GdbFeature *f)
{
    for (int i = 0; i < f->ntypes; i++) {
        const GdbType *t = &f->types[i];
        if (t->element) {
            g_string_append_printf(x, "<vector id=\"%s\" type=\"%s\" count=\"%d\"/>", t->id,
                                   t->element, t->count);
            continue;
        }
        g_string_append_printf(x, "<union id=\"%s\">", t->id);
        for (const char *const *fp = t->fields; *fp; fp++) {
            const char *colon = strchr(*fp, ':');
            g_string_append_printf(x, "<field name=\"%.*s\" type=\"%s\"/>",
                                   (int)(colon - *fp), *fp, colon + 1);
        }
        g_string_append(x, "</union>");
    }
}

static char *feature_xml(const GdbTarget *t, int fi)
{
    const GdbFeature *f = &t->features[fi];
    GString *x = g_string_new("<?xml version=\"1.0\"?>"
                              "<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">");
    g_string_append_printf(x, "<feature name=\"%s\">", f->name);
    append_types(x, f);
    bool first = true;
    for (int n = 0; n < t->nregs; n++) {
        const GdbRegister *r = &t->regs[n];
        if (r->feature != fi) {
            continue;
        }
        g_string_append_printf(x, "<reg name=\"%s\" bitsize=\"%d\"", r->name, r->bitsize);
        if (first) {
            /* The numbering goes on from the feature before. */
            g_string_append_printf(x, " regnum=\"%d\"", n);
            first = false;
        }
        if (r->type) {
            g_string_append_printf(x, " type=\"%s\"", r->type);
        }
        if (r->group) {
            g_string_append_printf(x, " group=\"%s\"", r->group);
        }
        g_string_append(x, "/>");
    }
    g_string_append(x, "</feature>");
    return g_string_free(x, false);
}

char *gdb_xml_file(const GdbTarget *t, const char *annex)
{
    if (!strcmp(annex, "target.xml")) {
        GString *x = g_string_new("<?xml version=\"1.0\"?>"
                                  "<!DOCTYPE target SYSTEM \"gdb-target.dtd\"><target>");
        g_string_append_printf(x, "<architecture>%s</architecture>", t->architecture);
        for (int i = 0; i < t->nfeatures; i++) {
            g_string_append_printf(x, "<xi:include href=\"%s\"/>", t->features[i].file);
        }
        g_string_append(x, "</target>");
        return g_string_free(x, false);
    }
    for (int i = 0; i < t->nfeatures; i++) {
        if (!strcmp(annex, t->features[i].file)) {
            return feature_xml(t, i);
        }
    }
    return NULL;
}

int gdb_reg_size(const GdbTarget *t, int n)
{
    return n >= 0 && n < t->nregs ? t->regs[n].bitsize / 8 : -1;
}

void gdb_reg_get(const GdbTarget *t, CPUState *cpu, int n, uint8_t *buf)
{
    t->regs[n].get(cpu, t->regs[n].index, buf);
}

void gdb_reg_set(const GdbTarget *t, CPUState *cpu, int n, const uint8_t *buf)
{
    t->regs[n].set(cpu, t->regs[n].index, buf);
}
