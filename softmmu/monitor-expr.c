/*
 * The monitor's expressions and `/fmt` arguments, with qemu's syntax and
 * error messages (hmp `print`, the addresses of `x`/`xp`, `cpu N`).
 *
 * Precedence, lowest first, each level left-associative, as qemu's:
 * + -, then & | ^ (one level), then * / %, then unary + - ~, numbers
 * (C syntax: 0x hex, 0 octal, decimal), 'c' characters, $registers and
 * parentheses.  Arithmetic is on 64 bits, wrapping.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "monitor-internal.h"

typedef struct ExprParser {
    const char *p;
    MonitorRegisterReader reg;
    void *opaque;
    char *error;
    int depth;
} ExprParser;

/* Nesting beyond this is refused rather than overflowing the C stack. */
#define EXPR_DEPTH_MAX 256

static bool fail(ExprParser *ep, char *msg)
{
    if (!ep->error) {
        ep->error = msg;
    } else {
        g_free(msg);
    }
    return false;
}

static void skip_spaces(ExprParser *ep)
{
    while (isspace((unsigned char)*ep->p)) {
        ep->p++;
    }
}

static bool parse_sum(ExprParser *ep, uint64_t *v);

static bool parse_register(ExprParser *ep, uint64_t *v)
{
    const char *start = ++ep->p;
    while (isalnum((unsigned char)*ep->p) || *ep->p == '_' || *ep->p == '.') {
        ep->p++;
    }
    g_autofree char *name = g_strndup(start, ep->p - start);
    if (!ep->reg || !ep->reg(ep->opaque, name, v)) {
        return fail(ep, g_strdup("unknown register"));
    }
    return true;
}

static bool parse_number(ExprParser *ep, uint64_t *v)
{
    char *end;
    if (!isdigit((unsigned char)*ep->p)) {
        return fail(ep, g_strdup_printf("invalid char '%c' in expression", *ep->p));
    }
    errno = 0;
    *v = strtoull(ep->p, &end, 0);
    if (errno == ERANGE) {
        return fail(ep, g_strdup("number too large"));
    }
    ep->p = end;
    return true;
}

static bool parse_unary(ExprParser *ep, uint64_t *v)
{
    bool ok;
    skip_spaces(ep);
    if (++ep->depth > EXPR_DEPTH_MAX) {
        return fail(ep, g_strdup("expression too deep"));
    }
    switch (*ep->p) {
    case '\0':
        ok = fail(ep, g_strdup("unexpected end of expression"));
        break;
    case '+':
        ep->p++;
        ok = parse_unary(ep, v);
        break;
    case '-':
        ep->p++;
        ok = parse_unary(ep, v);
        *v = -*v;
        break;
    case '~':
        ep->p++;
        ok = parse_unary(ep, v);
        *v = ~*v;
        break;
    case '(':
        ep->p++;
        ok = parse_sum(ep, v);
        if (ok) {
            skip_spaces(ep);
            if (*ep->p != ')') {
                ok = fail(ep, g_strdup("')' expected"));
            } else {
                ep->p++;
            }
        }
        break;
    case '\'':
        ep->p++;
        if (*ep->p == '\0') {
            ok = fail(ep, g_strdup("character constant expected"));
            break;
        }
        *v = (uint8_t)*ep->p++;
        if (*ep->p != '\'') {
            ok = fail(ep, g_strdup("missing terminating ' character"));
            break;
        }
        ep->p++;
        ok = true;
        break;
    case '$':
        ok = parse_register(ep, v);
        break;
    default:
        ok = parse_number(ep, v);
        break;
    }
    ep->depth--;
    if (ok) {
        skip_spaces(ep);
    }
    return ok;
}

/* One level of binary operators: ops lists its characters, next parses
 * the operands. */
typedef bool (*ExprLevel)(ExprParser *ep, uint64_t *v);

static bool apply(ExprParser *ep, char op, uint64_t *v, uint64_t rhs)
{
    switch (op) {
    case '+': *v += rhs; return true;
    case '-': *v -= rhs; return true;
    case '&': *v &= rhs; return true;
    case '|': *v |= rhs; return true;
    case '^': *v ^= rhs; return true;
    case '*': *v *= rhs; return true;
    case '/':
    case '%':
        if (rhs == 0) {
            return fail(ep, g_strdup("division by zero"));
        }
        /* qemu divides as signed 64-bit numbers; INT64_MIN / -1 would trap. */
        if ((int64_t)rhs == -1) {
            *v = op == '/' ? -*v : 0;
        } else if (op == '/') {
            *v = (uint64_t)((int64_t)*v / (int64_t)rhs);
        } else {
            *v = (uint64_t)((int64_t)*v % (int64_t)rhs);
        }
        return true;
    }
    return false;
}

static bool parse_level(ExprParser *ep, uint64_t *v, const char *ops, ExprLevel next)
{
    if (!next(ep, v)) {
        return false;
    }
    while (*ep->p && strchr(ops, *ep->p)) {
        char op = *ep->p++;
        uint64_t rhs;
        if (!next(ep, &rhs) || !apply(ep, op, v, rhs)) {
            return false;
        }
    }
    return true;
}

static bool parse_product(ExprParser *ep, uint64_t *v)
{
    return parse_level(ep, v, "*/%", parse_unary);
}

static bool parse_logic(ExprParser *ep, uint64_t *v)
{
    return parse_level(ep, v, "&|^", parse_product);
}

static bool parse_sum(ExprParser *ep, uint64_t *v)
{
    return parse_level(ep, v, "+-", parse_logic);
}

bool monitor_parse_expr(const char **p, MonitorRegisterReader reg, void *opaque,
                        uint64_t *value, char **error)
{
    ExprParser ep = { .p = *p, .reg = reg, .opaque = opaque };
    uint64_t v = 0;
    if (!parse_sum(&ep, &v)) {
        *error = ep.error;
        return false;
    }
    *p = ep.p;
    *value = v;
    return true;
}

/* The size letters of /fmt; 'L' is qemu's synonym of 'g'. */
static int format_size(char c)
{
    switch (c) {
    case 'b': return 1;
    case 'h': return 2;
    case 'w': return 4;
    case 'g':
    case 'L': return 8;
    }
    return 0;
}

bool monitor_parse_format(const char **p, MonitorFormatState *state, MonitorFormat *fmt,
                          char **error)
{
    const char *s = *p;
    while (isspace((unsigned char)*s)) {
        s++;
    }
    if (*s != '/') {
        fmt->count = 1;
        fmt->format = state->format;
        fmt->size = state->format == 'i' ? -1 : state->size;
        *p = s;
        return true;
    }
    s++;
    fmt->count = 1;
    if (isdigit((unsigned char)*s)) {
        fmt->count = 0;
        while (isdigit((unsigned char)*s)) {
            /* qemu wraps an int here; saturating keeps the count sane and
             * the dump length is capped by the caller anyway. */
            if (fmt->count < UINT32_MAX) {
                fmt->count = fmt->count * 10 + (uint64_t)(*s - '0');
            }
            s++;
        }
    }
    int format = -1, size = -1;
    for (;; s++) {
        if (*s && strchr("oduxic", *s)) {
            format = *s;
        } else if (*s && format_size(*s)) {
            size = format_size(*s);
        } else {
            break;
        }
    }
    if (*s != '\0' && !isspace((unsigned char)*s)) {
        *error = g_strdup_printf("invalid char in format: '%c'", *s);
        return false;
    }
    if (format < 0) {
        format = state->format;
    }
    if (format != 'i') {
        if (size < 0) {
            size = state->size;
        }
        state->size = size;
    }
    state->format = (char)format;
    fmt->format = (char)format;
    fmt->size = size;
    *p = s;
    return true;
}
