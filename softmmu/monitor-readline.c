/*
 * The monitor's line editor, as qemu's readline behaves over a raw
 * terminal: characters are inserted at the cursor, Backspace, Delete
 * (ESC [3~), Ctrl-D and Ctrl-W erase, Ctrl-A/Ctrl-E, Home/End (ESC [1~ /
 * ESC [4~, ESC O H / ESC O F) and the arrows move, Up/Down walk the
 * history.  Keys qemu ignores are ignored (Ctrl-U, Tab: no completion),
 * and qemu's quirks kept: ESC [F recalls the previous line as Up does,
 * ESC [E the next as Down.  The terminal is updated the way
 * qemu does it (which tests and expect scripts see): when the text
 * changed, the cursor goes back to the start of the line, the whole line
 * is printed and the rest cleared with ESC [K; then the cursor is moved
 * to its place with ESC [C / ESC [D.
 */
#include <string.h>

#include "monitor-internal.h"

void monitor_readline_init(MonitorReadline *rl,
                           void (*write)(void *opaque, const char *text, size_t len),
                           void (*line)(void *opaque, const char *line), void *opaque)
{
    memset(rl, 0, sizeof(*rl));
    rl->write = write;
    rl->line = line;
    rl->opaque = opaque;
}

void monitor_readline_cleanup(MonitorReadline *rl)
{
    for (int i = 0; i < rl->history_len; i++) {
        g_free(rl->history[i]);
    }
    rl->history_len = 0;
}

void monitor_readline_start(MonitorReadline *rl)
{
    rl->len = rl->cursor = 0;
    rl->shown_len = rl->shown_cursor = 0;
    rl->esc_state = 0;
    rl->history_pos = rl->history_len;
}

static void emit(MonitorReadline *rl, const char *s)
{
    rl->write(rl->opaque, s, strlen(s));
}

static void emit_moves(MonitorReadline *rl, int count, const char *seq)
{
    for (int i = 0; i < count; i++) {
        emit(rl, seq);
    }
}

static void redraw(MonitorReadline *rl)
{
    if (rl->len != rl->shown_len || memcmp(rl->buf, rl->shown, rl->len) != 0) {
        emit_moves(rl, rl->shown_cursor, "\033[D");
        rl->write(rl->opaque, rl->buf, rl->len);
        emit(rl, "\033[K");
        memcpy(rl->shown, rl->buf, rl->len);
        rl->shown_len = rl->len;
        rl->shown_cursor = rl->len;
    }
    if (rl->cursor > rl->shown_cursor) {
        emit_moves(rl, rl->cursor - rl->shown_cursor, "\033[C");
    } else {
        emit_moves(rl, rl->shown_cursor - rl->cursor, "\033[D");
    }
    rl->shown_cursor = rl->cursor;
}

static void insert_char(MonitorReadline *rl, char c)
{
    if (rl->len >= MONITOR_LINE_MAX) {
        return;     /* qemu ignores what does not fit */
    }
    memmove(rl->buf + rl->cursor + 1, rl->buf + rl->cursor, rl->len - rl->cursor);
    rl->buf[rl->cursor++] = c;
    rl->len++;
}

/* Removes [from, to) of the line and leaves the cursor at from. */
static void erase(MonitorReadline *rl, int from, int to)
{
    memmove(rl->buf + from, rl->buf + to, rl->len - to);
    rl->len -= to - from;
    rl->cursor = from;
}

static void set_line(MonitorReadline *rl, const char *text)
{
    size_t n = strlen(text);
    rl->len = rl->cursor = (int)MIN(n, (size_t)MONITOR_LINE_MAX);
    memcpy(rl->buf, text, rl->len);
}

static void history_add(MonitorReadline *rl, const char *line)
{
    if (!line[0]) {
        return;
    }
    /* A line already in the history moves to its end (as qemu). */
    for (int i = 0; i < rl->history_len; i++) {
        if (strcmp(rl->history[i], line) == 0) {
            char *same = rl->history[i];
            memmove(rl->history + i, rl->history + i + 1,
                    (rl->history_len - i - 1) * sizeof(char *));
            rl->history[rl->history_len - 1] = same;
            return;
        }
    }
    if (rl->history_len == MONITOR_HISTORY_MAX) {
        g_free(rl->history[0]);
        memmove(rl->history, rl->history + 1, (MONITOR_HISTORY_MAX - 1) * sizeof(char *));
        rl->history_len--;
    }
    rl->history[rl->history_len++] = g_strdup(line);
}

static void history_move(MonitorReadline *rl, int delta)
{
    int pos = rl->history_pos + delta;
    if (pos < 0 || pos > rl->history_len) {
        return;
    }
    rl->history_pos = pos;
    set_line(rl, pos == rl->history_len ? "" : rl->history[pos]);
}

static void backward_word(MonitorReadline *rl)
{
    int start = rl->cursor;
    while (start > 0 && rl->buf[start - 1] == ' ') {
        start--;
    }
    while (start > 0 && rl->buf[start - 1] != ' ') {
        start--;
    }
    erase(rl, start, rl->cursor);
}

static void enter(MonitorReadline *rl)
{
    rl->buf[rl->len] = '\0';
    g_autofree char *line = g_strdup(rl->buf);
    history_add(rl, line);
    emit(rl, "\n");
    rl->len = rl->cursor = 0;
    rl->line(rl->opaque, line);
}

/* The final key of ESC O (SS3): Home and End of some terminals. */
static void ss3_key(MonitorReadline *rl, uint8_t key)
{
    if (key == 'H') {
        rl->cursor = 0;
    } else if (key == 'F') {
        rl->cursor = rl->len;
    }
}

/* The final key of ESC [ (CSI); param is the number of ESC [ n ~. */
static void csi_key(MonitorReadline *rl, uint8_t key, int param)
{
    switch (key) {
    case 'A':
    case 'F': history_move(rl, -1); break;
    case 'B':
    case 'E': history_move(rl, +1); break;
    case 'C': if (rl->cursor < rl->len) rl->cursor++; break;
    case 'D': if (rl->cursor > 0) rl->cursor--; break;
    case '~':
        if (param == 1) {
            rl->cursor = 0;
        } else if (param == 4) {
            rl->cursor = rl->len;
        } else if (param == 3 && rl->cursor < rl->len) {
            erase(rl, rl->cursor, rl->cursor + 1);
        }
        break;
    }
}

static void control_key(MonitorReadline *rl, uint8_t c)
{
    switch (c) {
    case 1: rl->cursor = 0; break;                                  /* Ctrl-A */
    case 5: rl->cursor = rl->len; break;                            /* Ctrl-E */
    case 4:                                                         /* Ctrl-D */
        if (rl->cursor < rl->len) {
            erase(rl, rl->cursor, rl->cursor + 1);
        }
        break;
    case 8:
    case 127:                                                       /* Backspace */
        if (rl->cursor > 0) {
            erase(rl, rl->cursor - 1, rl->cursor);
        }
        break;
    case 23: backward_word(rl); break;                              /* Ctrl-W */
    case 27: rl->esc_state = 1; break;                              /* ESC */
    default: break;     /* Tab, Ctrl-U and the rest: ignored, as qemu */
    }
}

void monitor_readline_key(MonitorReadline *rl, uint8_t c)
{
    switch (rl->esc_state) {
    case 1:
        rl->esc_state = c == '[' ? 2 : c == 'O' ? 3 : 0;
        rl->esc_param = 0;
        return;
    case 2:
        if (c >= '0' && c <= '9') {
            if (rl->esc_param < 1000) {
                rl->esc_param = rl->esc_param * 10 + (c - '0');
            }
            return;
        }
        rl->esc_state = 0;
        csi_key(rl, c, rl->esc_param);
        break;
    case 3:
        rl->esc_state = 0;
        ss3_key(rl, c);
        break;
    default:
        if (c == '\r' || c == '\n') {
            enter(rl);
            return;
        }
        if (c >= 32 && c != 127) {
            insert_char(rl, (char)c);
        } else {
            control_key(rl, c);
        }
        break;
    }
    if (rl->esc_state == 0) {
        redraw(rl);
    }
}
