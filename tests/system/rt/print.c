/*
 * Owns: formatted output.  A small printf (%d %i %u %x %X %s %c %p %%, the
 * l/ll/z length modifiers, a field width, '0' padding and '+' on %d) that builds one
 * line in a buffer and hands it to the host in one SYS_WRITE0, under a lock
 * so that lines of several CPUs never interleave.  Also the check counter.
 */
#include <stdarg.h>
#include "rt.h"

rt_lock_t rt_print_lock;
static unsigned failures;

struct out {
    char buf[256];
    unsigned len;
};

static void out_char(struct out *o, char c)
{
    if (o->len + 1 >= sizeof(o->buf)) {
        o->buf[o->len] = 0;
        rt_puts(o->buf);
        o->len = 0;
    }
    o->buf[o->len++] = c;
}

static void out_number(struct out *o, uint64_t v, unsigned base, bool neg,
                       unsigned width, char pad, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    unsigned n = 0;
    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while (v);
    if (neg)
        tmp[n++] = '-';
    /* '-' goes before zero padding, after space padding. */
    if (neg && pad == '0') {
        out_char(o, '-');
        n--;
        width = width ? width - 1 : 0;
    }
    for (unsigned i = n; i < width; i++)
        out_char(o, pad);
    while (n)
        out_char(o, tmp[--n]);
}

static void format(struct out *o, const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            out_char(o, *fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        unsigned width = 0, longs = 0;
        bool plus = false;
        if (*fmt == '+') {
            plus = true;
            fmt++;
        }
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (unsigned)(*fmt++ - '0');
        while (*fmt == 'l' || *fmt == 'z') {
            longs++;
            fmt++;
        }
        switch (*fmt) {
        case 'd':
        case 'i': {
            int64_t v = longs ? va_arg(ap, int64_t) : va_arg(ap, int);
            if (plus && v >= 0)
                out_char(o, '+');
            out_number(o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0, width, pad, false);
            break;
        }
        case 'u':
            out_number(o, longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 10, false, width, pad, false);
            break;
        case 'x':
        case 'X':
            out_number(o, longs ? va_arg(ap, uint64_t) : va_arg(ap, unsigned), 16, false, width, pad, *fmt == 'X');
            break;
        case 'p':
            out_char(o, '0');
            out_char(o, 'x');
            out_number(o, (uintptr_t)va_arg(ap, void *), 16, false, width, pad, false);
            break;
        case 's': {
            const char *s = va_arg(ap, const char *);
            unsigned n = 0;
            for (const char *p = s ? s : "(null)"; *p; p++, n++)
                out_char(o, *p);
            for (; n < width; n++)
                out_char(o, ' ');
            break;
        }
        case 'c':
            out_char(o, (char)va_arg(ap, int));
            break;
        case '%':
            out_char(o, '%');
            break;
        default:
            out_char(o, '%');
            if (!*fmt)
                return;
            out_char(o, *fmt);
        }
    }
}

void rt_printf(const char *fmt, ...)
{
    struct out o = { .len = 0 };
    va_list ap;
    va_start(ap, fmt);
    rt_lock(&rt_print_lock);
    format(&o, fmt, ap);
    o.buf[o.len] = 0;
    if (o.len)
        rt_puts(o.buf);
    rt_unlock(&rt_print_lock);
    va_end(ap);
}

void rt_check(bool ok, const char *what)
{
    if (!ok) {
        failures++;
        rt_printf("%s: FAIL\n", what);
    }
}

void rt_finish(void)
{
    rt_printf("%s\n", failures ? "FAILED" : "done");
    rt_exit(failures ? 1 : 0);
}
