/* qemu's option strings (qemu-opts.h). */
#include <string.h>

#include "softmmu/qemu-opts.h"

GPtrArray *qemu_opts_split(const char *spec, bool first_bare)
{
    GPtrArray *kv = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    for (const char *p = spec;; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
            continue;
        }
        if (*p && *p != ',') {
            g_string_append_c(cur, *p);
            continue;
        }
        char *eq = strchr(cur->str, '=');
        bool bare = !eq || (first_bare && kv->len == 0);
        g_ptr_array_add(kv, bare ? g_strdup("") : g_strndup(cur->str, eq - cur->str));
        g_ptr_array_add(kv, g_strdup(bare ? cur->str : eq + 1));
        g_string_truncate(cur, 0);
        if (!*p) {
            break;
        }
    }
    g_string_free(cur, TRUE);
    return kv;
}

bool qemu_opt_bool(const char *value, bool *out)
{
    static const char *const on[] = { "on", "yes", "true", "y" };
    static const char *const off[] = { "off", "no", "false", "n" };
    for (size_t i = 0; i < G_N_ELEMENTS(on); i++) {
        if (!strcmp(value, on[i]) || !strcmp(value, off[i])) {
            *out = !strcmp(value, on[i]);
            return true;
        }
    }
    return false;
}
