/*
 * The monitor's parts as its files share them: the line editor
 * (monitor-readline.c), the expression and /fmt parsers (monitor-expr.c)
 * and the command table and commands (monitor.c).
 */
#ifndef SOFTMMU_MONITOR_INTERNAL_H
#define SOFTMMU_MONITOR_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

/* qemu's readline limits: a line holds 4095 characters (more are
 * ignored), the history 64 lines. */
#define MONITOR_LINE_MAX    4095
#define MONITOR_HISTORY_MAX 64

typedef struct MonitorReadline {
    char buf[MONITOR_LINE_MAX + 1];
    int len, cursor;
    /* What the terminal shows, to redraw only on change (as qemu). */
    char shown[MONITOR_LINE_MAX + 1];
    int shown_len, shown_cursor;
    /* Escape sequence being read: 0 none, 1 after ESC, 2 after ESC [,
     * 3 after ESC O. */
    int esc_state;
    int esc_param;
    char *history[MONITOR_HISTORY_MAX];
    int history_len;
    int history_pos;        /* history_len: the line being typed */
    /* Output (already "\r\n"-translated by the caller) and a finished line. */
    void (*write)(void *opaque, const char *text, size_t len);
    void (*line)(void *opaque, const char *line);
    void *opaque;
} MonitorReadline;

void monitor_readline_init(MonitorReadline *rl,
                           void (*write)(void *opaque, const char *text, size_t len),
                           void (*line)(void *opaque, const char *line), void *opaque);
void monitor_readline_cleanup(MonitorReadline *rl);
/* Starts a new, empty line (after the caller printed the prompt). */
void monitor_readline_start(MonitorReadline *rl);
void monitor_readline_key(MonitorReadline *rl, uint8_t byte);

/* ---- expressions (qemu's syntax) ---- */

/* Reads a register for `$name`; false: "unknown register". */
typedef bool (*MonitorRegisterReader)(void *opaque, const char *name, uint64_t *value);

/* Parses one expression at *p (advancing it); on error returns false
 * and sets *error to qemu's message (static text or owned by the caller
 * via g_free when *error_owned). */
bool monitor_parse_expr(const char **p, MonitorRegisterReader reg, void *opaque,
                        uint64_t *value, char **error);

/* `/fmt` (count, format o d u x i c, size b h w g): qemu keeps the last
 * format and size and uses them when a command gives none. */
typedef struct MonitorFormatState {
    char format;    /* initially 'x' */
    int size;       /* initially 4 */
} MonitorFormatState;

typedef struct MonitorFormat {
    uint64_t count;
    char format;
    int size;       /* -1: 'i' without a size */
} MonitorFormat;

bool monitor_parse_format(const char **p, MonitorFormatState *state, MonitorFormat *fmt,
                          char **error);

#endif
