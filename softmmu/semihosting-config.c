/*
 * The -semihosting and -semihosting-config options (semihosting.h):
 * parsing qemu's option syntax into a SemihostConfig, and the command
 * line SYS_GET_CMDLINE returns.  Values and merging follow qemu 7.2's
 * QemuOpts list "semihosting-config" (checked against qemu-system-aarch64
 * 7.2: which keys exist, which boolean spellings it takes, what a bare
 * word means).
 */
#include <string.h>

#include "semihosting.h"

void semihost_config_init(SemihostConfig *c)
{
    memset(c, 0, sizeof(*c));
    c->args = g_ptr_array_new_with_free_func(g_free);
    c->opts = g_ptr_array_new_with_free_func(g_free);
}

void semihost_config_destroy(SemihostConfig *c)
{
    g_free(c->chardev);
    if (c->args) {
        g_ptr_array_free(c->args, true);
    }
    if (c->opts) {
        g_ptr_array_free(c->opts, true);
    }
    memset(c, 0, sizeof(*c));
}

void semihost_config_enable(SemihostConfig *c)
{
    c->enabled = true;
    c->target = SEMIHOST_TARGET_AUTO;
}

/* qemu's boolean spellings (qapi_bool_parse). */
static bool parse_bool(const char *v, bool *out)
{
    static const char *const on[] = { "on", "yes", "true", "y" };
    static const char *const off[] = { "off", "no", "false", "n" };
    for (size_t i = 0; i < G_N_ELEMENTS(on); i++) {
        if (!strcmp(v, on[i]) || !strcmp(v, off[i])) {
            *out = !strcmp(v, on[i]);
            return true;
        }
    }
    return false;
}

static const struct {
    const char *name;
    SemihostTarget target;
} targets[] = {
    { "native", SEMIHOST_TARGET_NATIVE },
    { "gdb", SEMIHOST_TARGET_GDB },
    { "auto", SEMIHOST_TARGET_AUTO },
};

/* One key=value into the pending config; false with *err on a bad one. */
typedef bool OptionSetter(SemihostConfig *c, const char *value, char **err);

static bool set_bool(bool *field, const char *key, const char *value, char **err)
{
    if (!parse_bool(value, field)) {
        *err = g_strdup_printf("Parameter '%s' expects 'on' or 'off'", key);
        return false;
    }
    return true;
}

static bool set_enable(SemihostConfig *c, const char *v, char **err)
{
    return set_bool(&c->enabled, "enable", v, err);
}

static bool set_userspace(SemihostConfig *c, const char *v, char **err)
{
    return set_bool(&c->userspace, "userspace", v, err);
}

static bool set_target(SemihostConfig *c, const char *v, char **err)
{
    for (size_t i = 0; i < G_N_ELEMENTS(targets); i++) {
        if (!strcmp(v, targets[i].name)) {
            c->target = targets[i].target;
            return true;
        }
    }
    *err = g_strdup_printf("target '%s' is not native, gdb or auto", v);
    return false;
}

static bool set_chardev(SemihostConfig *c, const char *v, char **err)
{
    g_free(c->chardev);
    c->chardev = g_strdup(v);
    return true;
}

static bool set_arg(SemihostConfig *c, const char *v, char **err)
{
    g_ptr_array_add(c->args, g_strdup(v));
    return true;
}

static const struct {
    const char *key;
    OptionSetter *set;
    bool boolean;               /* a bare "key" means key=on, "nokey" key=off */
} options[] = {
    { "enable", set_enable, true },
    { "userspace", set_userspace, true },
    { "target", set_target, false },
    { "chardev", set_chardev, false },
    { "arg", set_arg, false },
};

/* Splits "a=b,,c,d" at single commas, ",," standing for ','. */
static GPtrArray *split_options(const char *s)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    for (const char *p = s; *p; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
        } else if (*p == ',') {
            g_ptr_array_add(parts, g_string_free(cur, false));
            cur = g_string_new(NULL);
        } else {
            g_string_append_c(cur, *p);
        }
    }
    g_ptr_array_add(parts, g_string_free(cur, false));
    return parts;
}

static bool apply_option(SemihostConfig *c, const char *item, char **err)
{
    const char *eq = strchr(item, '=');
    g_autofree char *key = eq ? g_strndup(item, eq - item) : g_strdup(item);
    const char *value = eq ? eq + 1 : "on";

    for (size_t i = 0; i < G_N_ELEMENTS(options); i++) {
        if (!strcmp(key, options[i].key) && (eq || options[i].boolean)) {
            return options[i].set(c, value, err);
        }
        if (!eq && options[i].boolean && g_str_has_prefix(key, "no") &&
            !strcmp(key + 2, options[i].key)) {
            return options[i].set(c, "off", err);
        }
    }
    *err = g_strdup_printf("Invalid parameter '%s'", key);
    return false;
}

/* Sets c's fields from the merged items (qemu re-reads its merged option
 * list each time: the last value of a key counts, keys not given have
 * their defaults, and every arg= counts once, in order). */
static bool derive(SemihostConfig *c, GPtrArray *items, char **why)
{
    c->enabled = true;
    c->userspace = false;
    c->target = SEMIHOST_TARGET_AUTO;
    g_clear_pointer(&c->chardev, g_free);
    g_ptr_array_set_size(c->args, 0);
    for (guint i = 0; i < items->len; i++) {
        if (!apply_option(c, items->pdata[i], why)) {
            return false;
        }
    }
    return true;
}

bool semihost_config_parse(SemihostConfig *c, const char *opts, char **err)
{
    g_autoptr(GPtrArray) items = split_options(opts);
    if (items->len == 1 && !*(char *)items->pdata[0]) {
        g_ptr_array_set_size(items, 0);     /* "" is no options at all */
    }

    /* Try the merged list on a scratch config so a bad option leaves c as
     * it was. */
    g_autoptr(GPtrArray) merged = g_ptr_array_new();
    for (guint i = 0; i < c->opts->len; i++) {
        g_ptr_array_add(merged, c->opts->pdata[i]);
    }
    for (guint i = 0; i < items->len; i++) {
        g_ptr_array_add(merged, items->pdata[i]);
    }
    SemihostConfig next;
    semihost_config_init(&next);
    g_autofree char *why = NULL;
    if (!derive(&next, merged, &why)) {
        if (err) {
            *err = g_strdup_printf("-semihosting-config %s: %s", opts, why);
        }
        semihost_config_destroy(&next);
        return false;
    }
    for (guint i = 0; i < merged->len; i++) {
        g_ptr_array_add(next.opts, g_strdup(merged->pdata[i]));
    }
    semihost_config_destroy(c);
    *c = next;
    return true;
}

void semihost_config_arg_fallback(SemihostConfig *c, const char *kernel,
                                  const char *append)
{
    if (c->args->len || !kernel) {
        return;
    }
    g_ptr_array_add(c->args, g_strdup(kernel));
    g_auto(GStrv) words = g_strsplit(append ? append : "", " ", -1);
    for (char **w = words; *w; w++) {
        if (**w) {              /* runs of spaces make no empty words */
            g_ptr_array_add(c->args, g_strdup(*w));
        }
    }
}

char *semihost_config_cmdline(const SemihostConfig *c)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; c->args && i < c->args->len; i++) {
        if (i) {
            g_string_append_c(s, ' ');
        }
        g_string_append(s, c->args->pdata[i]);
    }
    return g_string_free(s, false);
}
