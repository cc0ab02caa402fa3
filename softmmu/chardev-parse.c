/*
 * From command-line words to back ends (chardev.h): `-chardev` option
 * strings (BACKEND,id=ID,key=value,...) and qemu's compact `-serial`
 * forms (mon:stdio, file:PATH, tcp:HOST:PORT,server=on, ...), both read
 * into one ChardevOptions and built by one table of back ends, so a
 * `-serial` form means exactly the `-chardev` it abbreviates.
 */
#include <stdlib.h>
#include <string.h>

#include "softmmu/chardev-internal.h"
#include "softmmu/qemu-opts.h"

typedef struct ChardevOptions {
    const char *backend, *id, *path, *host, *port;
    bool server, wait, mux, signal;
    guint64 size;
    bool has_wait;
    GPtrArray *strings;             /* what the fields point into */
} ChardevOptions;

/* ---- key=value lists ---- */

typedef enum { OPT_STR, OPT_BOOL, OPT_SIZE } OptType;

static const struct {
    const char *key;
    OptType type;
    size_t offset;
} option_table[] = {
    { "id",     OPT_STR,  offsetof(ChardevOptions, id) },
    { "path",   OPT_STR,  offsetof(ChardevOptions, path) },
    { "host",   OPT_STR,  offsetof(ChardevOptions, host) },
    { "port",   OPT_STR,  offsetof(ChardevOptions, port) },
    { "server", OPT_BOOL, offsetof(ChardevOptions, server) },
    { "wait",   OPT_BOOL, offsetof(ChardevOptions, wait) },
    { "mux",    OPT_BOOL, offsetof(ChardevOptions, mux) },
    { "signal", OPT_BOOL, offsetof(ChardevOptions, signal) },
    { "size",   OPT_SIZE, offsetof(ChardevOptions, size) },
};

static bool parse_bool(const char *key, const char *v, bool *out, GError **err)
{
    if (!qemu_opt_bool(v, out)) {
        g_set_error(err, CHARDEV_ERROR, 0, "Parameter '%s' expects 'on' or 'off'", key);
        return false;
    }
    return true;
}

static bool parse_size(const char *key, const char *v, guint64 *out, GError **err)
{
    char *end;
    guint64 n = g_ascii_strtoull(v, &end, 10);
    int shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' ? 20 : *end == 'G' ? 30 : 0;
    end += shift != 0;
    if (end == v || *end || n > (G_MAXUINT32 >> shift)) {
        g_set_error(err, CHARDEV_ERROR, 0, "Parameter '%s' expects a size", key);
        return false;
    }
    *out = n << shift;
    return true;
}

static bool set_option(ChardevOptions *o, const char *key, const char *value, GError **err)
{
    /* Old spellings qemu still takes: bare "server", "nowait". */
    if (!value && !strcmp(key, "server")) {
        value = "on";
    } else if (!value && !strcmp(key, "nowait")) {
        key = "wait", value = "off";
    }
    for (size_t i = 0; i < G_N_ELEMENTS(option_table); i++) {
        if (strcmp(key, option_table[i].key)) {
            continue;
        }
        if (!value) {
            g_set_error(err, CHARDEV_ERROR, 0, "Parameter '%s' is missing a value", key);
            return false;
        }
        void *field = (char *)o + option_table[i].offset;
        if (!strcmp(key, "wait")) {
            o->has_wait = true;
        }
        switch (option_table[i].type) {
        case OPT_STR:
            *(const char **)field = value;
            return true;
        case OPT_BOOL:
            return parse_bool(key, value, field, err);
        case OPT_SIZE:
            return parse_size(key, value, field, err);
        }
    }
    g_set_error(err, CHARDEV_ERROR, 0, "Invalid parameter '%s'", key);
    return false;
}

/* Splits "a=b,c,d=e" (",," is a literal comma) into the options. */
static bool parse_list(ChardevOptions *o, const char *list, bool first_is_backend,
                       GError **err)
{
    GString *word = g_string_new(NULL);
    bool ok = true, first = true;
    for (const char *p = list; ok; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(word, ',');
            p++;
            continue;
        }
        if (*p && *p != ',') {
            g_string_append_c(word, *p);
            continue;
        }
        char *w = g_string_free(word, false);
        g_ptr_array_add(o->strings, w);
        word = g_string_new(NULL);
        if (first && first_is_backend) {
            o->backend = w;
        } else if (*w) {
            char *eq = strchr(w, '=');
            if (eq) {
                *eq = 0;
            }
            ok = set_option(o, w, eq ? eq + 1 : NULL, err);
        }
        first = false;
        if (!*p) {
            break;
        }
    }
    g_string_free(word, true);
    return ok;
}

/* ---- building ---- */

static bool check_port(const char *port, GError **err)
{
    if (!port || !*port) {
        g_set_error(err, CHARDEV_ERROR, 0, "chardev: socket: no port given");
        return false;
    }
    char *end;
    guint64 n = g_ascii_strtoull(port, &end, 10);
    if (*end || n > 65535) {
        g_set_error(err, CHARDEV_ERROR, 0, "port '%s' is not a valid number (0-65535)", port);
        return false;
    }
    return true;
}

static Chardev *build_null(const ChardevOptions *o, const char *label, GError **err)
{
    return chardev_null_new(label, err);
}

static Chardev *build_stdio(const ChardevOptions *o, const char *label, GError **err)
{
    return chardev_stdio_new(label, o->signal, err);
}

static Chardev *build_pty(const ChardevOptions *o, const char *label, GError **err)
{
    return chardev_pty_new(label, err);
}

static Chardev *build_file(const ChardevOptions *o, const char *label, GError **err)
{
    if (!o->path || !*o->path) {
        g_set_error(err, CHARDEV_ERROR, 0, "chardev: file: no filename given");
        return NULL;
    }
    return chardev_file_new(label, o->path, err);
}

static Chardev *build_ringbuf(const ChardevOptions *o, const char *label, GError **err)
{
    return chardev_ringbuf_new(label, o->size ? o->size : 64 * 1024, err);
}

static Chardev *build_socket(const ChardevOptions *o, const char *label, GError **err)
{
    ChardevSocketOptions s = {
        .path = o->path, .host = o->host, .port = o->port,
        .server = o->server, .wait = o->server && (!o->has_wait || o->wait),
    };
    if (o->path && (o->host || o->port)) {
        g_set_error(err, CHARDEV_ERROR, 0, "chardev: socket: 'path' and 'host'/'port' exclude each other");
        return NULL;
    }
    if (o->path && !*o->path) {
        g_set_error(err, CHARDEV_ERROR, 0, "chardev: socket: no path given");
        return NULL;
    }
    if (!o->path && !o->host && !o->port) {
        g_set_error(err, CHARDEV_ERROR, 0, "chardev: socket: no host given");
        return NULL;
    }
    if (!o->path && !check_port(o->port, err)) {
        return NULL;
    }
    if (!o->path && !o->server && !strcmp(o->port, "0")) {
        g_set_error(err, CHARDEV_ERROR, 0, "port 0 is only for a server");
        return NULL;
    }
    return chardev_socket_new(label, &s, err);
}

static const struct {
    const char *name;
    Chardev *(*build)(const ChardevOptions *o, const char *label, GError **err);
} backends[] = {
    { "null",    build_null },
    { "stdio",   build_stdio },
    { "pty",     build_pty },
    { "file",    build_file },
    { "socket",  build_socket },
    { "ringbuf", build_ringbuf },
};

static Chardev *build(const ChardevOptions *o, const char *label, GError **err)
{
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++) {
        if (strcmp(o->backend, backends[i].name)) {
            continue;
        }
        if (chardev_find(label)) {
            g_set_error(err, CHARDEV_ERROR, 0, "Duplicate ID '%s' for chardev", label);
            return NULL;
        }
        if (!o->mux) {
            return backends[i].build(o, label, err);
        }
        /* qemu names the base "ID-base". */
        char *base_label = g_strdup_printf("%s-base", label);
        Chardev *base = backends[i].build(o, base_label, err);
        g_free(base_label);
        if (!base) {
            return NULL;
        }
        Chardev *mux = chardev_new_mux(label, base, err);
        if (!mux) {
            chardev_free(base);
        }
        return mux;
    }
    g_set_error(err, CHARDEV_ERROR, 0, "'%s' is not a valid char driver name", o->backend);
    return NULL;
}

static ChardevOptions *options_new(void)
{
    ChardevOptions *o = g_new0(ChardevOptions, 1);
    o->signal = true;               /* qemu's default: Ctrl-C ends it */
    o->strings = g_ptr_array_new_with_free_func(g_free);
    return o;
}

static void options_free(ChardevOptions *o)
{
    g_ptr_array_free(o->strings, true);
    g_free(o);
}

static const char *keep(ChardevOptions *o, char *s)
{
    g_ptr_array_add(o->strings, s);
    return s;
}

Chardev *chardev_new_from_options(const char *options, GError **err)
{
    ChardevOptions *o = options_new();
    Chardev *chr = NULL;
    if (!parse_list(o, options, true, err)) {
        goto out;
    }
    if (!*o->backend) {
        g_set_error(err, CHARDEV_ERROR, 0, "chardev: no backend given");
    } else if (!o->id || !*o->id) {
        g_set_error(err, CHARDEV_ERROR, 0, "Parameter 'id' is missing");
    } else {
        chr = build(o, o->id, err);
    }
out:
    options_free(o);
    return chr;
}

/* "[HOST]:PORT[,options]" of tcp:, HOST possibly "[v6 address]". */
static bool parse_tcp(ChardevOptions *o, const char *rest, GError **err)
{
    const char *comma = strchr(rest, ',');
    char *addr = g_strndup(rest, comma ? (size_t)(comma - rest) : strlen(rest));
    keep(o, addr);
    char *colon = strrchr(addr, ':');
    if (!colon) {
        g_set_error(err, CHARDEV_ERROR, 0, "tcp:%s: expected HOST:PORT", addr);
        return false;
    }
    *colon = 0;
    char *host = addr;
    size_t n = strlen(host);
    if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
        host[n - 1] = 0;
        host++;
    }
    o->host = host;
    o->port = colon + 1;
    return !comma || parse_list(o, comma + 1, false, err);
}

Chardev *chardev_new_from_serial_spec(const char *spec, const char *label, GError **err)
{
    ChardevOptions *o = options_new();
    Chardev *chr = NULL;
    const char *p = spec;
    if (g_str_has_prefix(p, "mon:")) {
        p += 4;
        o->mux = true;
        /* qemu: the monitor shares the terminal, so Ctrl-C goes to the
         * guest instead of ending mimic. */
        if (!strcmp(p, "stdio")) {
            o->signal = false;
        }
    }
    bool ok = true;
    if (!strcmp(p, "none") && !o->mux) {
        goto out;
    } else if (g_str_has_prefix(p, "chardev:")) {
        chr = chardev_find(p + 8);
        if (!chr) {
            g_set_error(err, CHARDEV_ERROR, 0, "chardev '%s' not found", p + 8);
        }
        goto out;
    } else if (!strcmp(p, "stdio") || !strcmp(p, "null") || !strcmp(p, "pty")) {
        o->backend = p;
    } else if (g_str_has_prefix(p, "file:")) {
        o->backend = "file";
        o->path = p + 5;
    } else if (g_str_has_prefix(p, "unix:")) {
        o->backend = "socket";
        const char *comma = strchr(p + 5, ',');
        o->path = keep(o, g_strndup(p + 5, comma ? (size_t)(comma - p - 5) : strlen(p + 5)));
        ok = !comma || parse_list(o, comma + 1, false, err);
    } else if (g_str_has_prefix(p, "tcp:")) {
        o->backend = "socket";
        ok = parse_tcp(o, p + 4, err);
    } else {
        g_set_error(err, CHARDEV_ERROR, 0, "'%s' is not a valid char driver", p);
        goto out;
    }
    if (ok) {
        chr = build(o, label, err);
    }
out:
    options_free(o);
    return chr;
}
