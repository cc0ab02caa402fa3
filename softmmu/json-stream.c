/*
 * QMP's JSON reader (json-stream.h): a splitter that finds where each
 * top-level value ends by counting brackets outside strings, and a
 * recursive-descent parser for the value's text.  The splitter enforces
 * the depth and size limits, so the parser's recursion stays bounded.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "softmmu/json-stream.h"

/* ---- the parser ---- */

typedef struct Parser {
    const char *p, *end;
    char *err;
    int depth;
} Parser;

static JsonNode *G_GNUC_PRINTF(2, 3) fail(Parser *ps, const char *fmt, ...)
{
    if (!ps->err) {
        va_list ap;
        va_start(ap, fmt);
        g_autofree char *msg = g_strdup_vprintf(fmt, ap);
        va_end(ap);
        ps->err = g_strdup_printf("JSON parse error, %s", msg);
    }
    return NULL;
}

static void skip_space(Parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
                               *ps->p == '\r')) {
        ps->p++;
    }
}

static bool is_word_char(char c)
{
    return g_ascii_isalnum(c) || c == '+' || c == '-' || c == '.';
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int d = g_ascii_xdigit_value(p[i]);
        if (d < 0) {
            return -1;
        }
        v = v << 4 | d;
    }
    return v;
}

/* A \uXXXX escape at ps->p (after the backslash and 'u'), with its low
 * surrogate if it is a high one; -1 if malformed. */
static gunichar unicode_escape(Parser *ps)
{
    if (ps->end - ps->p < 4) {
        return (gunichar)-1;
    }
    int hi = hex4(ps->p);
    if (hi < 0) {
        return (gunichar)-1;
    }
    ps->p += 4;
    if (hi < 0xd800 || hi > 0xdfff) {
        return hi;
    }
    if (hi > 0xdbff || ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u') {
        return (gunichar)-1;
    }
    int lo = hex4(ps->p + 2);
    if (lo < 0xdc00 || lo > 0xdfff) {
        return (gunichar)-1;
    }
    ps->p += 6;
    return 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
}

/* A string in double or single quotes, at its opening quote. */
static char *parse_string(Parser *ps)
{
    char quote = *ps->p++;
    g_autoptr(GString) s = g_string_new(NULL);
    for (;;) {
        if (ps->p >= ps->end) {
            fail(ps, "missing terminating quote in string");
            return NULL;
        }
        char c = *ps->p++;
        if (c == quote) {
            break;
        }
        if ((unsigned char)c < 0x20) {
            fail(ps, "control character in string");
            return NULL;
        }
        if (c != '\\') {
            g_string_append_c(s, c);
            continue;
        }
        if (ps->p >= ps->end) {
            fail(ps, "invalid escape sequence in string");
            return NULL;
        }
        c = *ps->p++;
        switch (c) {
        case '"': case '\'': case '\\': case '/':
            g_string_append_c(s, c);
            break;
        case 'b': g_string_append_c(s, '\b'); break;
        case 'f': g_string_append_c(s, '\f'); break;
        case 'n': g_string_append_c(s, '\n'); break;
        case 'r': g_string_append_c(s, '\r'); break;
        case 't': g_string_append_c(s, '\t'); break;
        case 'u': {
            gunichar u = unicode_escape(ps);
            if (u == (gunichar)-1) {
                fail(ps, "invalid escape sequence in string");
                return NULL;
            }
            if (u == 0) {
                /* json-glib's strings end at NUL. */
                fail(ps, "\\u0000 in a string is not supported");
                return NULL;
            }
            g_string_append_unichar(s, u);
            break;
        }
        default:
            fail(ps, "invalid escape sequence in string");
            return NULL;
        }
    }
    if (!g_utf8_validate(s->str, s->len, NULL)) {
        fail(ps, "invalid UTF-8 sequence in string");
        return NULL;
    }
    return g_string_free(g_steal_pointer(&s), FALSE);
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool number_syntax(const char *w, bool *integer)
{
    const char *p = w;
    *integer = true;
    if (*p == '-') {
        p++;
    }
    if (*p == '0') {
        p++;
    } else if (g_ascii_isdigit(*p)) {
        while (g_ascii_isdigit(*p)) {
            p++;
        }
    } else {
        return false;
    }
    if (*p == '.') {
        *integer = false;
        if (!g_ascii_isdigit(*++p)) {
            return false;
        }
        while (g_ascii_isdigit(*p)) {
            p++;
        }
    }
    if (*p == 'e' || *p == 'E') {
        *integer = false;
        p++;
        if (*p == '+' || *p == '-') {
            p++;
        }
        if (!g_ascii_isdigit(*p)) {
            return false;
        }
        while (g_ascii_isdigit(*p)) {
            p++;
        }
    }
    return *p == 0;
}

/* A number or true/false/null.  Integers beyond int64 become doubles,
 * as qemu's. */
static JsonNode *parse_word(Parser *ps)
{
    const char *start = ps->p;
    while (ps->p < ps->end && is_word_char(*ps->p)) {
        ps->p++;
    }
    g_autofree char *w = g_strndup(start, ps->p - start);
    JsonNode *node = json_node_alloc();
    bool integer;
    if (!strcmp(w, "true") || !strcmp(w, "false")) {
        return json_node_init_boolean(node, w[0] == 't');
    }
    if (!strcmp(w, "null")) {
        return json_node_init_null(node);
    }
    if (number_syntax(w, &integer)) {
        if (integer) {
            errno = 0;
            long long v = strtoll(w, NULL, 10);
            if (errno != ERANGE) {
                return json_node_init_int(node, v);
            }
        }
        return json_node_init_double(node, g_ascii_strtod(w, NULL));
    }
    json_node_unref(node);
    if (g_ascii_isdigit(w[0]) || w[0] == '-') {
        return fail(ps, "invalid number '%s'", w);
    }
    return fail(ps, "invalid keyword '%s'", w);
}

static JsonNode *parse_value(Parser *ps);

static JsonNode *parse_object(Parser *ps)
{
    g_autoptr(JsonObject) obj = json_object_new();
    ps->p++;
    skip_space(ps);
    if (ps->p < ps->end && *ps->p == '}') {
        ps->p++;
        return json_node_init_object(json_node_alloc(), obj);
    }
    for (;;) {
        skip_space(ps);
        if (ps->p >= ps->end || (*ps->p != '"' && *ps->p != '\'')) {
            return fail(ps, ps->p < ps->end && (*ps->p == '}' || *ps->p == ',')
                            ? "expecting value" : "key is not a string in object");
        }
        g_autofree char *key = parse_string(ps);
        if (!key) {
            return NULL;
        }
        skip_space(ps);
        if (ps->p >= ps->end || *ps->p != ':') {
            return fail(ps, "missing : in object pair");
        }
        ps->p++;
        JsonNode *value = parse_value(ps);
        if (!value) {
            return NULL;
        }
        if (json_object_has_member(obj, key)) {
            json_node_unref(value);
            return fail(ps, "duplicate key");
        }
        json_object_set_member(obj, key, value);
        skip_space(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == '}') {
            ps->p++;
            return json_node_init_object(json_node_alloc(), obj);
        }
        return fail(ps, "expected separator in dict");
    }
}

static JsonNode *parse_array(Parser *ps)
{
    g_autoptr(JsonArray) arr = json_array_new();
    ps->p++;
    skip_space(ps);
    if (ps->p < ps->end && *ps->p == ']') {
        ps->p++;
        return json_node_init_array(json_node_alloc(), arr);
    }
    for (;;) {
        JsonNode *value = parse_value(ps);
        if (!value) {
            return NULL;
        }
        json_array_add_element(arr, value);
        skip_space(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == ']') {
            ps->p++;
            return json_node_init_array(json_node_alloc(), arr);
        }
        return fail(ps, "expected separator in list");
    }
}

static JsonNode *parse_value(Parser *ps)
{
    skip_space(ps);
    if (ps->p >= ps->end) {
        return fail(ps, "expecting value");
    }
    char c = *ps->p;
    if (c == '{' || c == '[') {
        if (++ps->depth > JSON_STREAM_MAX_DEPTH) {
            return fail(ps, "too many nested data structures");
        }
        JsonNode *node = c == '{' ? parse_object(ps) : parse_array(ps);
        ps->depth--;
        return node;
    }
    if (c == '"' || c == '\'') {
        char *s = parse_string(ps);
        if (!s) {
            return NULL;
        }
        JsonNode *node = json_node_init_string(json_node_alloc(), s);
        g_free(s);
        return node;
    }
    if (is_word_char(c)) {
        return parse_word(ps);
    }
    if (c == '}' || c == ']' || c == ',' || c == ':') {
        return fail(ps, "expecting value");
    }
    return fail(ps, g_ascii_isprint(c) ? "stray '%c'" : "stray '\\x%02x'", (unsigned char)c);
}

JsonNode *json_parse_text(const char *text, size_t len, char **err)
{
    Parser ps = { .p = text, .end = text + len };
    JsonNode *node = parse_value(&ps);
    if (node) {
        skip_space(&ps);
        if (ps.p < ps.end) {
            json_node_unref(node);
            node = fail(&ps, "expected end of input");
        }
    }
    *err = ps.err;
    return node;
}

/* ---- the splitter ---- */

void json_stream_init(JsonStream *js, JsonStreamEmit *emit, void *opaque)
{
    *js = (JsonStream){ .emit = emit, .opaque = opaque, .text = g_string_new(NULL) };
}

void json_stream_reset(JsonStream *js)
{
    g_string_truncate(js->text, 0);
    js->depth = 0;
    js->quote = 0;
    js->escape = false;
    js->word = false;
    js->skipping = false;
}

void json_stream_destroy(JsonStream *js)
{
    g_string_free(js->text, TRUE);
    js->text = NULL;
}

static void emit_error(JsonStream *js, const char *msg)
{
    js->emit(js->opaque, NULL, msg);
}

/* The value in js->text is whole: parse it and start the next. */
static void complete(JsonStream *js)
{
    bool skipped = js->skipping;
    g_autofree char *err = NULL;
    JsonNode *node = NULL;
    if (!skipped) {
        node = json_parse_text(js->text->str, js->text->len, &err);
    }
    json_stream_reset(js);
    if (!skipped) {
        js->emit(js->opaque, node, err);
    }
}

/* Past a limit: one error, then the rest of the value is only scanned. */
static void over_limit(JsonStream *js, const char *msg)
{
    emit_error(js, msg);
    g_string_truncate(js->text, 0);
    js->skipping = true;
}

static void keep(JsonStream *js, char c)
{
    if (js->skipping) {
        return;
    }
    if (js->text->len >= JSON_STREAM_MAX_BYTES) {
        over_limit(js, "JSON parse error, value too long");
        return;
    }
    g_string_append_c(js->text, c);
}

static void feed_byte(JsonStream *js, char c)
{
    if (js->quote) {
        keep(js, c);
        if (js->escape) {
            js->escape = false;
        } else if (c == '\\') {
            js->escape = true;
        } else if (c == js->quote) {
            js->quote = 0;
            if (js->depth == 0) {
                complete(js);
            }
        }
        return;
    }
    if (js->word) {
        if (is_word_char(c)) {
            keep(js, c);
            return;
        }
        js->word = false;
        if (js->depth == 0) {
            complete(js);
        }
    }
    switch (c) {
    case ' ': case '\t': case '\n': case '\r':
        if (js->depth > 0) {
            keep(js, c);
        }
        return;
    case '"': case '\'':
        js->quote = c;
        keep(js, c);
        return;
    case '{': case '[':
        keep(js, c);
        if (++js->depth > JSON_STREAM_MAX_DEPTH && !js->skipping) {
            over_limit(js, "JSON parse error, too many nested data structures");
        }
        return;
    case '}': case ']':
        if (js->depth == 0) {
            emit_error(js, "JSON parse error, expecting value");
            return;
        }
        keep(js, c);
        if (--js->depth == 0) {
            complete(js);
        }
        return;
    }
    if (is_word_char(c)) {
        js->word = true;
        keep(js, c);
    } else if (js->depth > 0) {
        keep(js, c);                /* the parser names the error */
    } else {
        char *err = NULL;
        json_parse_text(&c, 1, &err);
        emit_error(js, err);
        g_free(err);
    }
}

void json_stream_feed(JsonStream *js, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        feed_byte(js, buf[i]);
    }
}
